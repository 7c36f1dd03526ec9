//! The one error type of the core. Every variant has a stable `code` the UI can switch on, and a
//! Chinese message that names the field and the rule, ready to show to a clerk as it is.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input broke a rule. `field` is the field's key in the form (e.g. `id_number`), the
    /// message starts with the field's Chinese label.
    #[error("{message}")]
    Invalid { field: String, message: String },
    #[error("{what}不存在")]
    NotFound { what: String },
    /// The record exists but the action does not fit its state (e.g. editing a voided record).
    #[error("{0}")]
    Conflict(String),
    #[error("数据库由更新版本的监督台账写入（数据版本 {found}，本程序支持到 {supported}），为保护数据未作任何改动。请安装新版本后再打开。")]
    DatabaseTooNew { found: i64, supported: i64 },
    #[error("该数据库正被另一个监督台账窗口使用：{0}")]
    Locked(String),
    #[error("磁盘空间不足，本次修改未保存，已有记录不受影响。请清理磁盘后重试。")]
    DiskFull,
    #[error("数据库错误：{0}")]
    Database(String),
    // ---- backups and restore
    /// The database file failed its check at opening; it was left exactly as it was.
    #[error("数据库文件已损坏：{0}。程序没有改动或删除它，可从最近的完好备份恢复。")]
    Damaged(String),
    // ---- end backups and restore
    // ---- accounts
    /// The signed-in account's role does not allow the action (a 查阅员 writing, a 录入员 in the
    /// settings); nothing was written.
    #[error("{0}")]
    Forbidden(String),
    /// Accounts exist and nobody is signed in (or the session was locked): sign in first.
    #[error("请先登录监督台账")]
    SignedOut,
    // ---- end accounts
    #[error("文件读写错误：{0}")]
    Io(String),
}

impl Error {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid { field: field.to_string(), message: message.into() }
    }

    pub fn not_found(what: &str) -> Self {
        Error::NotFound { what: what.to_string() }
    }

    /// Stable machine-readable code; the UI and tests match on these, never on messages.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Conflict(_) => "conflict",
            Error::DatabaseTooNew { .. } => "database_too_new",
            Error::Locked(_) => "locked",
            Error::DiskFull => "disk_full",
            Error::Database(_) => "database",
            Error::Damaged(_) => "damaged",
            Error::Forbidden(_) => "forbidden",
            Error::SignedOut => "signed_out",
            Error::Io(_) => "io",
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        let field = match self {
            Error::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        ErrorPayload { code: self.code().to_string(), message: self.to_string(), field }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            if f.code == rusqlite::ErrorCode::DiskFull {
                return Error::DiskFull;
            }
        }
        Error::Database(e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Io(e.to_string())
    }
}

/// What a failed command hands the UI: `{code, message, field}`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}
