//! Local accounts (issue 12): the three roles, what the account pages show and send, and who is
//! signed in. The password hash never leaves the core: no type here carries it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an account may do. Checked in the core (`Db::write`, `Db::require_admin`), not only in
/// the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Role {
    /// Settings, accounts, restore, the audit log, and everything a 录入员 does.
    #[serde(rename = "管理员")]
    Admin,
    /// Enters and edits records, signs letters.
    #[serde(rename = "录入员")]
    Clerk,
    /// Reads only: every write refuses it.
    #[serde(rename = "查阅员")]
    Reader,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Clerk, Role::Reader];

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "管理员",
            Role::Clerk => "录入员",
            Role::Reader => "查阅员",
        }
    }

    pub fn can_write(self) -> bool {
        self != Role::Reader
    }
}

/// An account as the pages show it (never the hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Account {
    pub id: String,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    /// Set while five wrong passwords in a row keep the account locked (`YYYY-MM-DD HH:MM:SS`).
    pub locked_until: Option<String>,
    /// Set when an administrator disabled the account (never deleted).
    pub disabled_at: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
}

/// Who is signed in: kept by the open `Db` for the life of the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Session {
    pub account_id: String,
    pub login: String,
    pub display_name: String,
    pub role: Role,
}

impl Session {
    /// The author written into the audit log: 显示名（登录名）.
    pub fn actor(&self) -> String {
        format!("{}（{}）", self.display_name, self.login)
    }
}

/// The first administrator, created on the 创建管理员 screen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetupInput {
    pub login: String,
    pub display_name: String,
    pub password: String,
    /// The password typed a second time.
    pub password2: String,
}

/// An administrator adds an account (`id: None`, with a password) or changes one (name, role,
/// disabled); the password of an existing account changes through `account_password`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AccountInput {
    pub id: Option<String>,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    /// Only for a new account.
    pub password: Option<String>,
    pub disabled: bool,
}

/// A new password: an administrator resetting another account's (`old_password` not asked), or an
/// account changing its own (`old_password` required).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PasswordInput {
    pub account_id: String,
    pub old_password: Option<String>,
    pub password: String,
    pub password2: String,
}

/// What the window shows before the app: 创建管理员, 登录, or the app itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "state")]
pub enum AuthStatus {
    /// No account in the database yet: the window asks for the first administrator.
    #[serde(rename = "needs_setup")]
    NeedsSetup,
    #[serde(rename = "signed_out")]
    SignedOut { idle_minutes: u32 },
    #[serde(rename = "signed_in")]
    SignedIn { session: Session, idle_minutes: u32 },
}
