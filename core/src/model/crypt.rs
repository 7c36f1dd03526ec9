//! Encryption at rest (issue 12): what the sign-in screens send and receive besides accounts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::accounts::Session;

/// The first administrator was created and the database encrypted: the recovery code is shown
/// ONCE (to be written down or printed); it is not kept anywhere in clear.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetupDone {
    pub session: Session,
    /// `None` for a database that is not encrypted (in memory: tests, the package check).
    pub recovery_code: Option<String>,
}

/// 忘记密码: the recovery code written down at setup, the login, and its new password.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecoverInput {
    pub login: String,
    pub code: String,
    pub password: String,
    pub password2: String,
}
