//! Where the data lives. The identifier and folder name are fixed for good: changing either would
//! orphan every office's database.

use std::path::{Path, PathBuf};

/// The app identifier, also the name of the data folder (Tauri uses the same for WebKit's files).
pub const IDENTIFIER: &str = "cn.jiandu.ledger";
pub const DATABASE_FILE: &str = "jiandu.db";
pub const LOCK_FILE: &str = "jiandu.lock";

/// `--data-dir`, else `JIANDU_DATA_DIR`, else the user's data folder
/// (`~/.local/share/cn.jiandu.ledger`, `%APPDATA%\cn.jiandu.ledger`).
pub fn data_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os("JIANDU_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(IDENTIFIER)
}

pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DATABASE_FILE)
}
