//! Backups as the settings page shows them, and what a backup file holds before it is restored.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Counts;

/// One backup file in the backup folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    /// When it was taken, `YYYY-MM-DD HH:MM:SS` (from its name; else the file's time).
    pub taken_at: String,
    pub size: u64,
    /// 自动（每日）、升级前、恢复前, or 手动.
    pub kind: String,
}

/// The 备份与恢复 card: where backups go, whether that folder is there, and what is in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupStatus {
    /// The folder backups are written to now (the chosen one, or the default when it is missing).
    pub folder: String,
    pub default_folder: String,
    /// The folder chosen in settings, if any.
    pub chosen_folder: Option<String>,
    /// Set when the chosen folder is not there (a USB drive unplugged): shown as a warning.
    pub warning: Option<String>,
    /// Newest first.
    pub files: Vec<BackupFile>,
}

/// What a backup holds, shown before the clerk confirms a restore.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupInspection {
    pub path: String,
    /// When it was taken, `YYYY-MM-DD HH:MM:SS`.
    pub taken_at: String,
    /// The time of the last change recorded in it (its newest audit row), if any.
    pub last_change: Option<String>,
    pub schema_version: i64,
    pub counts: Counts,
}

/// A restore done: what was restored and where the database as it was before is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Restored {
    pub restored: BackupInspection,
    /// The copy of the database taken just before it was replaced (or the damaged file set aside).
    pub previous: String,
}
