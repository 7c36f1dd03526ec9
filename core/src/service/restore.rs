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
use crate::store::keys::{self, Key};
use crate::store::{self, Db};

use super::backup;

const TABLES: [&str; 5] = ["settings", "unit", "person", "position", "audit_log"];

fn refuse(message: String) -> Error {
    Error::invalid("file", message)
}

/// What the backup at `path` holds, or why it cannot be restored (a plain backup only: see
/// `inspect_for` for an encrypted one).
pub fn inspect(path: &Path) -> Result<BackupInspection> {
    inspect_with(path, &[])
}

// ---- encryption at rest
/// `inspect` with the open database's keys (current and earlier): an encrypted backup opens
/// only with one of them.
pub fn inspect_for(db: &Db, path: &Path) -> Result<BackupInspection> {
    inspect_with(path, &keys_of(db))
}

fn keys_of(db: &Db) -> Vec<Key> {
    db.keys().map(|k| k.all()).unwrap_or_default()
}

fn inspect_with(path: &Path, keys: &[Key]) -> Result<BackupInspection> {
    let scratch = std::env::temp_dir().join(format!("jiandu-inspect-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&scratch)?;
    let copy = scratch.join("backup.db");
    let out = stage(path, &copy).and_then(|_| check_copy(&copy, path, keys)).map(|(i, _)| i);
    let _ = std::fs::remove_dir_all(&scratch);
    out
}

/// Brings the checked copy `staged` (plain, or under `used`) under the database's current key:
/// a plain backup is encrypted on the way in, one under an earlier key is re-keyed.
fn to_current_key(staged: &Path, used: Option<Key>, current: &Key) -> Result<()> {
    match used {
        Some(k) if &k == current => Ok(()),
        Some(k) => {
            let conn = rusqlite::Connection::open(staged)?;
            conn.execute_batch(&keys::key_pragma(&k))?;
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
            conn.execute_batch(&keys::rekey_pragma(current))?;
            Ok(())
        }
        None => {
            let enc = sibling(staged, ".enc");
            keys::encrypt_copy(staged, &enc, current)?;
            store::sync_file(&enc)?;
            std::fs::rename(&enc, staged)?;
            Ok(())
        }
    }
}
// ---- end encryption at rest

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

/// Checks the copy `copy` of `original`; may migrate the copy (never the original). Returns the
/// key among `keys` that opens it (`None`: a plain file).
fn check_copy(copy: &Path, original: &Path, keys: &[Key]) -> Result<(BackupInspection, Option<Key>)> {
    let name = original.display();
    let damaged = |why: &str| refuse(format!("备份文件“{name}”已损坏或不完整，不能用于恢复（{why}）。原文件未作改动。"));
    let mut head = [0u8; 16];
    let len = std::fs::File::open(copy).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).unwrap_or(0);
    // ---- encryption at rest: an encrypted backup opens only with this office's keys.
    let mut used = None;
    if len < 16 {
        return Err(damaged("不是 SQLite 数据库文件"));
    }
    if &head != b"SQLite format 3\0" {
        if keys.is_empty() {
            return Err(damaged("不是 SQLite 数据库文件"));
        }
        for k in keys {
            let conn = rusqlite::Connection::open(copy)?;
            if keys::try_key(&conn, k).unwrap_or(false) {
                used = Some(*k);
                break;
            }
        }
        if used.is_none() {
            return Err(refuse(format!(
                "备份“{name}”不是本单位的备份或密钥不符（已加密，但本程序的密钥都打不开它），不能用于恢复。原文件未作改动。"
            )));
        }
    }
    // ---- end encryption at rest
    let version = {
        let conn = rusqlite::Connection::open(copy)?;
        if let Some(k) = &used {
            conn.execute_batch(&keys::key_pragma(k))?;
        }
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
    let db = match &used {
        Some(k) => Db::open_scratch_keyed(copy, k)?,
        None => Db::open_scratch(copy)?,
    };
    let ctx = Ctx::system(super::actor(&db));
    let counts = super::counts(&db, &ctx)?;
    let last_change: Option<String> = db.conn().query_row("SELECT max(at) FROM audit_log", [], |r| r.get(0))?;
    let _ = db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
    drop(db);
    let inspection = BackupInspection {
        path: original.display().to_string(),
        taken_at: taken_at(original),
        last_change,
        schema_version: version,
        counts,
    };
    Ok((inspection, used))
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
    // ---- encryption at rest: the copy is brought under the current key before it goes in place,
    // and must hold an account (else nobody could unlock it again).
    let keys = db.keys().cloned();
    let recovery = store::get_setting(db.conn(), keys::RECOVERY_KEY)?;
    let checked = stage(src, &staged).and_then(|_| check_copy(&staged, src, &keys_of(db))).and_then(|(i, used)| {
        if let Some(k) = &keys {
            to_current_key(&staged, used, &k.current)?;
            let scratch = Db::open_scratch_keyed(&staged, &k.current)?;
            let active: i64 = scratch.conn().query_row("SELECT count(*) FROM account WHERE disabled_at IS NULL", [], |r| r.get(0))?;
            let _ = scratch.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
            drop(scratch);
            if active == 0 {
                return Err(refuse(format!(
                    "备份“{}”中没有可用的账户（早于设置账户的版本），恢复后将无法登录已加密的数据库，恢复已取消。原文件未作改动。",
                    src.display()
                )));
            }
        }
        Ok(i)
    });
    // ---- end encryption at rest
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
    let reopen = |path: &Path| match &keys {
        Some(k) => Db::open_keyed(path, k.clone()),
        None => Db::open(path),
    };
    let placed = put_in_place(&staged, &db_path).and_then(|_| reopen(&db_path));
    match placed {
        Ok(new) => {
            *db = new;
            db.set_session(session); // ---- accounts
            // ---- encryption at rest: the recovery code written down stays the one that works,
            // and the slots are rebuilt from the restored account table.
            if let Some(r) = &recovery {
                let tx = db.write_unchecked()?;
                store::put_setting(&tx, keys::RECOVERY_KEY, r)?;
                tx.commit()?;
            }
            db.rewrite_slots()?;
            // ---- end encryption at rest
        }
        Err(e) => {
            // Put back the database as it was.
            let back = sibling(&db_path, ".restoring");
            std::fs::copy(&previous, &back)?;
            put_in_place(&back, &db_path)?;
            *db = reopen(&db_path)?;
            db.rewrite_slots()?;
            db.set_session(session); // ---- accounts
            return Err(Error::Conflict(format!("恢复未成功，已放回恢复前的数据库：{e}")));
        }
    }
    record(db, ctx, src, &inspection)?;
    Ok(Restored { restored: inspection, previous: previous.display().to_string() })
}

fn record(db: &mut Db, ctx: &Ctx, src: &Path, inspection: &BackupInspection) -> Result<()> {
    // Its own action word (从备份恢复), apart from restoring a voided record (恢复).
    let what = serde_json::json!({ "backup_file": src.display().to_string(), "taken_at": inspection.taken_at });
    super::common::in_tx(db, |tx| store::audit(tx, ctx, "restore_backup", "database", "jiandu.db", None, Some(&what)))
}

/// A database found damaged at start: sets it aside (renamed `jiandu.db.damaged-<time>`, with
/// its `-wal`/`-shm`; never deleted), puts the checked backup in its place and opens it.
pub fn restore_damaged(db_path: &Path, ctx: &Ctx, src: &Path) -> Result<(Db, Restored)> {
    restore_damaged_keyed(db_path, ctx, src, None)
}

/// `restore_damaged` for an encrypted database whose keys the password opened
/// (`service::crypt::Sealed::restore_damaged`): the backup is brought under the current key.
pub fn restore_damaged_keyed(db_path: &Path, ctx: &Ctx, src: &Path, keys: Option<keys::Keys>) -> Result<(Db, Restored)> {
    let staged = sibling(db_path, ".restoring");
    let all = keys.as_ref().map(|k| k.all()).unwrap_or_default();
    let checked = stage(src, &staged).and_then(|_| check_copy(&staged, src, &all)).and_then(|(i, used)| {
        if let Some(k) = &keys {
            to_current_key(&staged, used, &k.current)?;
        }
        Ok(i)
    });
    let inspection = match checked {
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
    let mut db = match keys {
        Some(k) => Db::open_keyed(db_path, k)?,
        None => Db::open(db_path)?,
    };
    // Nobody is signed in on a database just put in place: the restore's own trace is written
    // without the session check (as a wrong password is counted at sign-in).
    {
        let what = serde_json::json!({ "backup_file": src.display().to_string(), "taken_at": inspection.taken_at });
        let tx = db.write_unchecked()?;
        store::audit(&tx, ctx, "restore_backup", "database", "jiandu.db", None, Some(&what))?;
        tx.commit()?;
    }
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
