//! Durable writes: a file is written under a temporary name, flushed, renamed into place, and the
//! rename flushed too — used by backups, restores, the encryption's conversion and the key file.
//! A leaf module (it imports nothing from the store), so `store::keys` can use it without a cycle.

use std::path::{Path, PathBuf};

use crate::error::Result;

/// Where a backup to `dest` is written before it is complete.
pub fn partial_name(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    dest.with_file_name(name)
}

pub fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)?.sync_all()?;
    Ok(())
}

/// Makes a rename in `path`'s folder durable (a no-op where folders cannot be opened, Windows).
pub fn sync_dir(path: &Path) -> Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
