//! Restore: look into a backup before trusting it (`inspect`), put it in place of the open
//! database (`restore`), or in place of a damaged one found at start (`restore_damaged`).
//!
//! A backup is never opened where it lies: it is first copied, and the copy is checked (SQLite
//! header, `PRAGMA integrity_check`, a Jiandu database by its application id or its tables, not
//! from a newer version) and counted. The file chosen is never written to.
//!
//! Replacing the open database: the window holds the one `Db`, so `restore` takes it by `&mut`,
//! backs it up first (`jiandu-before-restore-….db` in the backup folder), closes it by swapping
//! in a placeholder, renames the checked copy over `jiandu.db` (after removing the closed
//! database's `-wal`/`-shm`), and reopens through `Db::open` — the same path every start takes,
//! so an encrypted database later needs nothing new here. If the reopen fails, the copy taken
//! first is put back and reopened.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::OptionalExtension;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::backup::{BackupInspection, Restored};
use crate::store::{self, Db};

use super::backup;

const TABLES: [&str; 5] = ["settings", "unit", "person", "position", "audit_log"];

fn refuse(message: String) -> Error {
    Error::invalid("file", message)
}

/// What the backup at `path` holds, or why it cannot be restored.
pub fn inspect(path: &Path) -> Result<BackupInspection> {
    let scratch = std::env::temp_dir().join(format!("jiandu-inspect-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&scratch)?;
    let copy = scratch.join("backup.db");
    let out = stage(path, &copy).and_then(|_| check_copy(&copy, path));
    let _ = std::fs::remove_dir_all(&scratch);
    out
}

/// Copies `src` to `dest` (flushed), refusing what is not a file.
fn stage(src: &Path, dest: &Path) -> Result<()> {
    if !src.is_file() {
        return Err(refuse(format!("找不到备份文件“{}”", src.display())));
    }
    let _ = std::fs::remove_file(dest);
    std::fs::copy(src, dest).map_err(|e| refuse(format!("无法读取备份文件“{}”：{e}", src.display())))?;
    store::sync_file(dest)?;
    Ok(())
}

/// Checks the copy `copy` of `original`; may migrate the copy (never the original).
fn check_copy(copy: &Path, original: &Path) -> Result<BackupInspection> {
    let name = original.display();
    let damaged = |why: &str| refuse(format!("备份文件“{name}”已损坏或不完整，不能用于恢复（{why}）。原文件未作改动。"));
    let mut head = [0u8; 16];
    let len = std::fs::File::open(copy).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).unwrap_or(0);
    if len < 16 || &head != b"SQLite format 3\0" {
        return Err(damaged("不是 SQLite 数据库文件"));
    }
    let version = {
        let conn = rusqlite::Connection::open(copy)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| damaged(&e.to_string()))?;
        let mut problems = Vec::new();
        let run = conn.prepare("PRAGMA integrity_check(5)").and_then(|mut st| {
            st.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<String>>>()
        });
        match run {
            Ok(rows) if rows.len() == 1 && rows[0] == "ok" => {}
            Ok(rows) => problems.extend(rows),
            Err(e) => problems.push(e.to_string()),
        }
        if !problems.is_empty() {
            return Err(damaged(&problems.join("；")));
        }
        let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let mut missing = Vec::new();
        for t in TABLES {
            let found: Option<i64> =
                conn.query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", [t], |r| r.get(0)).optional()?;
            if found.is_none() {
                missing.push(t);
            }
        }
        if (app_id != 0 && app_id != store::APPLICATION_ID) || version == 0 || !missing.is_empty() {
            return Err(refuse(format!("“{name}”不是监督台账的数据库或备份，不能用于恢复。原文件未作改动。")));
        }
        if version > store::supported_version() {
            return Err(refuse(format!(
                "备份“{name}”由更新版本的监督台账写入（数据版本 {version}，本程序支持到 {}），请安装新版本后再恢复。",
                store::supported_version()
            )));
        }
        version
    };
    let db = Db::open_scratch(copy)?;
    let ctx = Ctx::system(super::actor(&db));
    let counts = super::counts(&db, &ctx)?;
    let last_change: Option<String> = db.conn().query_row("SELECT max(at) FROM audit_log", [], |r| r.get(0))?;
    drop(db);
    Ok(BackupInspection {
        path: original.display().to_string(),
        taken_at: taken_at(original),
        last_change,
        schema_version: version,
        counts,
    })
}

/// From the name the app gave it, else the file's modification time.
fn taken_at(path: &Path) -> String {
    let from_name = path.file_name().and_then(|n| backup::parse_name(&n.to_string_lossy())).map(|(_, at)| at);
    let at: Option<NaiveDateTime> = from_name.or_else(|| {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
        Some(chrono::DateTime::<chrono::Local>::from(modified).naive_local())
    });
    at.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()).unwrap_or_default()
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Moves `staged` to `db_path`; the `-wal`/`-shm` of the file replaced go first (it is closed).
fn put_in_place(staged: &Path, db_path: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm"] {
        match std::fs::remove_file(sibling(db_path, suffix)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    std::fs::rename(staged, db_path)?;
    store::sync_dir(db_path)?;
    Ok(())
}

/// Replaces the open database with the backup at `src`, after backing it up. See the module
/// comment for the order of steps. The restore is written to the restored database's audit log.
pub fn restore(db: &mut Db, ctx: &Ctx, src: &Path) -> Result<Restored> {
    db.require_admin("从备份恢复")?; // ---- accounts
    let session = db.session().cloned(); // ---- accounts: the signed-in account stays signed in
    let db_path = db.path().map(Path::to_path_buf).ok_or_else(|| Error::Conflict("内存数据库不能恢复".into()))?;
    let staged = sibling(&db_path, ".restoring");
    let checked = stage(src, &staged).and_then(|_| check_copy(&staged, src));
    let inspection = match checked {
        Ok(i) => i,
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            return Err(e);
        }
    };
    let previous = match backup::take(db, ctx, backup::BEFORE_RESTORE) {
        Ok(p) => p,
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            return Err(Error::Conflict(format!("恢复前未能先备份当前数据库，恢复已取消，数据库未作改动：{e}")));
        }
    };
    // Close: fold the WAL into the file, then drop the connection.
    let _ = db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
    drop(std::mem::replace(db, Db::open_in_memory()?));
    let placed = put_in_place(&staged, &db_path).and_then(|_| Db::open(&db_path));
    match placed {
        Ok(new) => {
            *db = new;
            db.set_session(session); // ---- accounts
        }
        Err(e) => {
            // Put back the database as it was.
            let back = sibling(&db_path, ".restoring");
            std::fs::copy(&previous, &back)?;
            put_in_place(&back, &db_path)?;
            *db = Db::open(&db_path)?;
            db.set_session(session); // ---- accounts
            return Err(Error::Conflict(format!("恢复未成功，已放回恢复前的数据库：{e}")));
        }
    }
    record(db, ctx, src, &inspection)?;
    Ok(Restored { restored: inspection, previous: previous.display().to_string() })
}

fn record(db: &mut Db, ctx: &Ctx, src: &Path, inspection: &BackupInspection) -> Result<()> {
    let what = serde_json::json!({ "file": src.display().to_string(), "taken_at": inspection.taken_at });
    super::common::in_tx(db, |tx| store::audit(tx, ctx, "restore", "database", "jiandu.db", None, Some(&what)))
}

/// A database found damaged at start: sets it aside (renamed `jiandu.db.damaged-<time>`, with
/// its `-wal`/`-shm`; never deleted), puts the checked backup in its place and opens it.
pub fn restore_damaged(db_path: &Path, ctx: &Ctx, src: &Path) -> Result<(Db, Restored)> {
    let staged = sibling(db_path, ".restoring");
    let inspection = match stage(src, &staged).and_then(|_| check_copy(&staged, src)) {
        Ok(i) => i,
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            return Err(e);
        }
    };
    let aside = sibling(db_path, &format!(".damaged-{}", ctx.now.format("%Y%m%d-%H%M%S")));
    if db_path.exists() {
        for suffix in ["-wal", "-shm"] {
            let from = sibling(db_path, suffix);
            if from.exists() {
                std::fs::rename(&from, sibling(&aside, suffix))?;
            }
        }
        std::fs::rename(db_path, &aside)?;
    }
    put_in_place(&staged, db_path)?;
    let mut db = Db::open(db_path)?;
    record(&mut db, ctx, src, &inspection)?;
    Ok((db, Restored { restored: inspection, previous: aside.display().to_string() }))
}

/// The backups to offer when the database at `db_path` is damaged, newest first: those in the
/// data folder's `backups/` and in the folder chosen in settings (read from the damaged file if
/// it still says), each checked; at most `limit` good ones.
pub fn good_backups(db_path: &Path, limit: usize) -> Vec<BackupInspection> {
    let mut dirs: Vec<PathBuf> = db_path.parent().map(|d| d.join("backups")).into_iter().collect();
    if let Ok(conn) = rusqlite::Connection::open_with_flags(db_path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) {
        if let Some(dir) = store::chosen_backup_dir(&conn) {
            dirs.push(dir);
        }
    }
    let mut files: Vec<_> = dirs.iter().flat_map(|d| backup::list(d)).collect();
    files.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
    files.into_iter().filter_map(|f| inspect(Path::new(&f.path)).ok()).take(limit).collect()
}
