//! SQLite: opening a database file the same way every time, the all-or-nothing migrations, the
//! audit log, backups, and one module per aggregate with its queries.

// ---- speed (issue 13): the one meaning of a held 监督谈话, as a literal so that migration 6's
// backfill (a `concat!` in a const) and the store's queries and upkeep share it.
/// A held 监督谈话 (alias `t` for the talk): kind 监督谈话, not merely planned, not voided.
macro_rules! held_supervision {
    () => {
        "t.kind = '监督谈话' AND t.state <> '计划' AND t.voided_at IS NULL"
    };
}
/// Live rectification items per origin date, and how many of them are closed (已销号): the rows of
/// `item_day_tally` (migration 6), which the year figures sum instead of counting a year's items.
macro_rules! item_day_tally_select {
    () => {
        "SELECT origin_date, count(*), coalesce(sum(status = '已销号'), 0) FROM rectification_item WHERE voided_at IS NULL"
    };
}
// ---- end speed
pub mod assessments;
pub mod dicts;
pub mod letters;
mod migrations;
pub mod org;
// ---- 廉政档案 (person file)
pub mod person_file;
// ---- end 廉政档案
// ---- risk points
pub mod risks;
// ---- end risk points
pub mod sanctions;
// ---- speed (issue 13)
pub mod search_index;
// ---- end speed
pub mod talks;
// ---- 家庭重大变动、听取汇报、警示教育
pub mod education;
pub mod family;
pub mod hearings;
// ---- end 家庭重大变动、听取汇报、警示教育
// ---- findings and clues
pub mod clues;
pub mod findings;
// ---- end findings and clues
// ---- report
pub mod report;
// ---- end report
// ---- accounts
pub mod accounts;
// ---- end accounts
// ---- audit chain
pub mod audit_log;
// ---- end audit chain
// ---- dashboards
pub mod stats;
// ---- end dashboards
// ---- Excel in
pub mod import;
// ---- end Excel in
// ---- encryption at rest
pub mod keys;
mod durable;
// ---- end encryption at rest

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, Transaction};
use serde::Serialize;

use crate::clock::Ctx;
use crate::error::{Error, Result};

pub use migrations::MIGRATIONS;

/// The schema version this build writes.
pub fn supported_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub struct Db {
    conn: Connection,
    path: Option<PathBuf>,
    /// ---- accounts: who is signed in. Every write checks it (`write`), so no service escapes.
    session: Option<crate::model::accounts::Session>,
    /// People search's in-memory index, kept stale-or-right by an update hook on `conn`.
    search: search_index::SearchCache,
    // ---- encryption at rest: the keys of an encrypted file (none for a plain or in-memory one).
    keys: Option<keys::Keys>,
    // ---- end encryption at rest
}

impl Db {
    /// Opens (creating if needed) the database at `path`, refuses one from a newer version
    /// without touching it, copies it aside before migrating, then migrates.
    pub fn open(path: &Path) -> Result<Db> {
        Db::open_inner(path, true, None)
    }

    // ---- encryption at rest
    /// Opens the encrypted database at `path` with `keys.current` (see `store::keys`).
    pub fn open_keyed(path: &Path, keys: keys::Keys) -> Result<Db> {
        Db::open_inner(path, true, Some(keys))
    }

    pub fn keys(&self) -> Option<&keys::Keys> {
        self.keys.as_ref()
    }

    /// Regenerates the key file from the account table (an account added, renamed, disabled…);
    /// nothing for a plain database.
    pub fn rewrite_slots(&self) -> Result<()> {
        match &self.keys {
            Some(k) => keys::write_slots(&self.conn, k, &[]),
            None => Ok(()),
        }
    }

    /// A password change with the database re-keyed: a new key K', the old K into the history.
    /// Crash-safe order: the key file with K' current, K in its history and slots for the old
    /// AND the new password (`extra`: login, new PHC hash) → `change` commits the new hash →
    /// `PRAGMA rekey` to K' → the final key file from the account table. Opening tries the
    /// current key, then the history (and finishes an interrupted re-key), so a stop between
    /// any two steps loses nothing. Without keys (a plain or in-memory database) only `change`.
    pub fn rekey_around<T>(&mut self, extra: Option<(String, String)>, change: impl FnOnce(&mut Db) -> Result<T>) -> Result<T> {
        let Some(old) = self.keys.clone() else { return change(self) };
        let mut history = vec![old.current];
        history.extend(old.history.iter().copied());
        let new = keys::Keys { current: keys::random_key(), history, file: old.file.clone() };
        let extra: Vec<(String, String)> = extra.into_iter().collect();
        keys::write_slots(&self.conn, &new, &extra)?;
        keys::fault("rekey:keyfile")?;
        let out = match change(self) {
            Ok(v) => v,
            Err(e) => {
                // Nothing changed: the file goes back to the key the database has (K' never used).
                let _ = keys::write_slots(&self.conn, &old, &[]);
                return Err(e);
            }
        };
        keys::fault("rekey:changed")?;
        self.rekey_to(new.clone())?;
        keys::fault("rekey:rekeyed")?;
        keys::write_slots(&self.conn, &new, &[])?;
        Ok(out)
    }

    /// Re-encrypts the file under `new.current` (SQLCipher rewrites every page in one
    /// transaction: the file is under the old key or the new one, never half).
    pub(crate) fn rekey_to(&mut self, new: keys::Keys) -> Result<()> {
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        self.conn.execute_batch(&keys::rekey_pragma(&new.current))?;
        self.keys = Some(new);
        Ok(())
    }
    // ---- end encryption at rest

    // ---- backups and restore
    /// Opens a throwaway copy (a backup being inspected): checked and migrated like `open`, but
    /// no copy is taken before migrating — the original file is the copy.
    pub fn open_scratch(path: &Path) -> Result<Db> {
        Db::open_inner(path, false, None)
    }

    /// `open_scratch` for an encrypted copy, with the key that opens it.
    pub fn open_scratch_keyed(path: &Path, key: &keys::Key) -> Result<Db> {
        let k = keys::Keys { current: *key, history: Vec::new(), file: keys::key_file_for(path) };
        Db::open_inner(path, false, Some(k))
    }
    // ---- end backups and restore

    fn open_inner(path: &Path, backup_first: bool, key: Option<keys::Keys>) -> Result<Db> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // ---- encryption at rest: the key is the first statement, before anything reads.
        if let Some(k) = &key {
            conn.execute_batch(&keys::key_pragma(&k.current))?;
            // Every page read from the file is decrypted and authenticated: a page cache of up to
            // 128 MB (filled only as pages are read) keeps the worklist's and the batches' pages
            // decrypted once instead of on every read (see BENCHMARKS.md, encryption).
            conn.execute_batch("PRAGMA cache_size = -131072;")?;
        }
        // ---- end encryption at rest
        // Read the version before anything writes: switching to WAL alone would already
        // change a newer version's file.
        // A file that is not SQLite at all fails here: say "damaged", never overwrite it.
        let found = user_version(&conn).map_err(|e| damaged(path, &e.to_string()))?;
        if found > supported_version() {
            return Err(Error::DatabaseTooNew { found, supported: supported_version() });
        }
        // ---- backups and restore: a quick check before anything writes, so a damaged file is
        // reported and left exactly as it was (the window then offers the newest good backup).
        if found > 0 {
            if let Some(problem) = quick_check(&conn)? {
                return Err(damaged(path, &problem));
            }
        }
        // ---- end backups and restore
        let search = search_index::SearchCache::install(&mut conn)?;
        let mut db = Db { conn, path: Some(path.to_path_buf()), session: None, search, keys: key };
        db.configure()?;
        if backup_first && found > 0 && found < supported_version() {
            db.backup_before_migration(found)?;
        }
        db.migrate()?;
        // ---- backups and restore: marks the file as ours (header only, no migration needed).
        if db.conn.pragma_query_value(None, "application_id", |r| r.get::<_, i64>(0))? != APPLICATION_ID {
            db.conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        // ---- end backups and restore
        Ok(db)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Db> {
        let mut conn = Connection::open_in_memory()?;
        let search = search_index::SearchCache::install(&mut conn)?;
        let mut db = Db { conn, path: None, session: None, search, keys: None };
        db.configure()?;
        db.migrate()?;
        Ok(db)
    }

    fn configure(&self) -> Result<()> {
        // WAL lets `jiandu backup` and `jiandu check` read while the window writes.
        // synchronous=FULL (not the usual NORMAL): a clerk writes a few records a minute, so the
        // extra fsync per commit costs nothing noticeable, and a power cut then loses no
        // committed record either.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.busy_timeout(Duration::from_secs(5))?;
        // ---- audit chain: the migration that chains the existing audit rows calls it.
        audit_log::register(&self.conn)?;
        // ---- end audit chain
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found = user_version(&tx)?;
        for step in MIGRATIONS.iter().skip(found.max(0) as usize) {
            tx.execute_batch(step)?;
        }
        // PRAGMA user_version is transactional: it commits with the steps or not at all.
        tx.pragma_update(None, "user_version", supported_version())?;
        tx.commit()?;
        Ok(())
    }

    fn backup_before_migration(&self, found: i64) -> Result<PathBuf> {
        // The folder the administrator chose, when it is there; else the data folder's own.
        let dir = chosen_backup_dir(&self.conn)
            .filter(|d| d.is_dir())
            .or_else(|| self.backup_dir())
            .ok_or_else(|| Error::Io("内存数据库没有备份目录".into()))?;
        std::fs::create_dir_all(&dir)?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let dest = dir.join(format!("jiandu-v{found}-before-upgrade-{stamp}.db"));
        self.backup_to(&dest)?;
        Ok(dest)
    }

    pub fn backup_dir(&self) -> Option<PathBuf> {
        self.path.as_ref().and_then(|p| p.parent()).map(|d| d.join("backups"))
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A consistent copy through SQLite's online backup API: safe while another process writes.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::invalid("file", format!("备份文件“{}”已存在，请换一个文件名", dest.display())));
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        // Written under a temporary name, flushed to the disk, then renamed: a crash or a full
        // disk never leaves a half-written file under a backup's name.
        let tmp = partial_name(dest);
        let _ = std::fs::remove_file(&tmp);
        let written = self
            .copy_to(&tmp)
            .and_then(|_| sync_file(&tmp))
            .and_then(|_| Ok(std::fs::rename(&tmp, dest)?))
            .and_then(|_| sync_dir(dest));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            let mut journal = tmp.clone().into_os_string();
            journal.push("-journal");
            let _ = std::fs::remove_file(journal);
            return Err(backup_failed(dest, e));
        }
        // ---- encryption at rest: a backup must outlive the PC — the key file goes with it.
        if let (Some(k), Some(dir)) = (&self.keys, dest.parent()) {
            let beside = dir.join(keys::KEY_FILE);
            if beside != k.file {
                if let Some(file) = keys::read(&k.file)? {
                    keys::write(&beside, &file).map_err(|e| backup_failed(dest, e))?;
                }
            }
        }
        // ---- end encryption at rest
        Ok(())
    }

    /// The online backup API into `dest`, keyed like this database when it is encrypted
    /// (SQLCipher copies page by page, so both ends must have the same key).
    fn copy_to(&self, dest: &Path) -> Result<()> {
        let mut out = Connection::open(dest)?;
        if let Some(k) = &self.keys {
            out.execute_batch(&keys::key_pragma(&k.current))?;
        }
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
        backup.run_to_completion(1000, Duration::ZERO, None)?;
        drop(backup);
        out.close().map_err(|(_, e)| Error::from(e))?;
        Ok(())
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// People search's in-memory index (`store::search_index`).
    pub fn search_cache(&self) -> &search_index::SearchCache {
        &self.search
    }

    /// Starts the one write transaction of a service call — the one door every write goes
    /// through, so the role check here is the one no write escapes: a 查阅员 is refused, and so
    /// is nobody signed in once accounts exist.
    pub fn write(&mut self) -> Result<Transaction<'_>> {
        self.may_write()?;
        self.write_unchecked()
    }

    /// A write transaction without the role check: only for what an account does to itself
    /// (counting a wrong password at sign-in, changing its own password).
    pub(crate) fn write_unchecked(&mut self) -> Result<Transaction<'_>> {
        Ok(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    // ---- accounts
    /// A transaction for a read that is itself logged (opening a 廉政档案): a 查阅员 may, but
    /// only while signed in.
    pub fn write_for_reading(&mut self) -> Result<Transaction<'_>> {
        self.require_session()?;
        self.write_unchecked()
    }

    /// Remembers who signed in (see `service::accounts::sign_in`, which checks the password).
    pub(crate) fn set_session(&mut self, session: Option<crate::model::accounts::Session>) {
        self.session = session;
    }

    pub fn session(&self) -> Option<&crate::model::accounts::Session> {
        self.session.as_ref()
    }

    /// Ends the session (sign-out, idle lock): writes and reads refuse until the next sign-in.
    pub fn sign_out(&mut self) {
        self.session = None;
    }

    /// Whether accounts exist; before the first one (a fresh or upgraded data folder) the
    /// program runs as the OS user, as it did before accounts.
    pub fn has_accounts(&self) -> Result<bool> {
        // (Inline, not `accounts::any`: the store modules import this one, never the reverse.)
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM account)", [], |r| r.get(0))?)
    }

    /// Refuses anything (reads too) when accounts exist and nobody is signed in.
    pub fn require_session(&self) -> Result<()> {
        if self.session.is_none() && self.has_accounts()? {
            return Err(Error::SignedOut);
        }
        Ok(())
    }

    /// Refuses a write for a 查阅员, or for nobody signed in once accounts exist.
    pub fn may_write(&self) -> Result<()> {
        use crate::model::accounts::Role;
        match &self.session {
            Some(s) if s.role == Role::Reader => Err(Error::Forbidden(format!(
                "“{}”是查阅员，只能查阅，不能新增、修改或作废记录；如需录入请联系管理员调整角色",
                s.display_name
            ))),
            Some(_) => Ok(()),
            None => self.require_session(),
        }
    }

    /// Settings, dictionaries, accounts, restore, the backup folder: administrators only (and
    /// anyone before the first account exists).
    pub fn require_admin(&self, what: &str) -> Result<()> {
        use crate::model::accounts::Role;
        match &self.session {
            Some(s) if s.role == Role::Admin => Ok(()),
            Some(s) => Err(Error::Forbidden(format!("{what}只有管理员可以操作，“{}”是{}", s.display_name, s.role.label()))),
            None => self.require_session(),
        }
    }

    /// The author of changes: the signed-in account, else (no accounts yet) the OS user.
    pub fn actor(&self) -> String {
        self.session.as_ref().map(|s| s.actor()).unwrap_or_else(crate::clock::os_user)
    }
    // ---- end accounts

    pub fn schema_version(&self) -> Result<i64> {
        user_version(&self.conn)
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`; returns the problems found.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(row);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| Ok(format!("外键不一致：{} 表第 {} 行", r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            problems.push(row?);
        }
        Ok(problems)
    }
}

// ---- backups and restore

/// `PRAGMA application_id` of a Jiandu database ("JDTZ"): tells our files from other SQLite files.
pub const APPLICATION_ID: i64 = 0x4A44_545A;
/// The settings key of the backup folder the administrator chose (absent: `<data>/backups`).
pub const BACKUP_FOLDER_KEY: &str = "backup.folder";

/// The backup folder chosen in settings, if any (whether or not it is there now).
pub fn chosen_backup_dir(conn: &Connection) -> Option<PathBuf> {
    get_setting(conn, BACKUP_FOLDER_KEY).ok().flatten().filter(|s| !s.trim().is_empty()).map(PathBuf::from)
}

/// `PRAGMA quick_check`: `None` when it says ok, else the first problems.
pub fn quick_check(conn: &Connection) -> Result<Option<String>> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    };
    match run() {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(None),
        Ok(rows) => Ok(Some(rows.join("；"))),
        Err(e) => Ok(Some(e.to_string())),
    }
}

pub fn damaged(path: &Path, detail: &str) -> Error {
    Error::Damaged(format!("{}（{detail}）", path.display()))
}

// The durable-write helpers live in the leaf module `durable` (the key file uses them too).
pub use durable::{partial_name, sync_dir, sync_file};

fn backup_failed(dest: &Path, e: Error) -> Error {
    let full = matches!(e, Error::DiskFull) || e.to_string().contains("No space left") || e.to_string().contains("database or disk is full");
    if full {
        Error::Conflict(format!(
            "备份位置“{}”磁盘空间不足，备份没有完成，也没有留下不完整的备份文件；数据库本身未受影响。请清理空间或换一个位置后重试。",
            dest.parent().map(|d| d.display().to_string()).unwrap_or_default()
        ))
    } else {
        Error::Conflict(format!("备份到“{}”没有完成，没有留下不完整的备份文件；数据库本身未受影响。原因：{e}", dest.display()))
    }
}

// ---- end backups and restore

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Writes one audit row inside the caller's transaction, so the change and its trace commit
/// together or not at all.
pub fn audit<T: Serialize>(
    tx: &Transaction,
    ctx: &Ctx,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    let before = before.map(serde_json::to_string).transpose()?;
    let after = after.map(serde_json::to_string).transpose()?;
    // ---- audit chain: the row is chained to the last one inside the same transaction (which
    // holds the write lock), so no other write can slip in between reading the head and adding.
    let (last_id, prev) = audit_log::head(tx)?;
    let (id, at) = (last_id + 1, ctx.timestamp());
    let hash = audit_log::chain_hash(id, &at, &ctx.actor, action, entity, entity_id, before.as_deref(), after.as_deref(), &prev);
    tx.execute(
        "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![id, at, ctx.actor, action, entity, entity_id, before, after, prev, hash],
    )?;
    // ---- end audit chain
    Ok(())
}

pub fn get_setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn put_setting(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

// ---------------------------------------------------------------- shared by the record stores

/// The six bookkeeping columns every record ends with, read from `offset` on.
pub(crate) fn meta(r: &rusqlite::Row, offset: usize) -> rusqlite::Result<crate::model::RecordMeta> {
    Ok(crate::model::RecordMeta {
        created_at: r.get(offset)?,
        created_by: r.get(offset + 1)?,
        updated_at: r.get(offset + 2)?,
        updated_by: r.get(offset + 3)?,
        voided_at: r.get(offset + 4)?,
        void_reason: r.get(offset + 5)?,
    })
}

/// Enums are stored by their Chinese label, the same text the UI and exports show.
pub fn label<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Reads an enum back from its stored label (column `idx`, for the error).
pub(crate) fn from_label<T: serde::de::DeserializeOwned>(idx: usize, s: String) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(s))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

/// A list of texts stored as a JSON array.
pub(crate) fn json_list(idx: usize, s: String) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(&s).map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

/// 作废 (`Some(reason)`) or 恢复 (`None`) a record of `table`: nothing is ever deleted.
pub(crate) fn set_voided(tx: &Transaction, table: &str, id: &str, at: &str, by: &str, reason: Option<&str>) -> Result<()> {
    match reason {
        Some(why) => tx.execute(
            &format!("UPDATE {table} SET voided_at = ?2, void_reason = ?3, updated_at = ?2, updated_by = ?4 WHERE id = ?1"),
            params![id, at, why, by],
        )?,
        None => tx.execute(
            &format!("UPDATE {table} SET voided_at = NULL, void_reason = NULL, updated_at = ?2, updated_by = ?3 WHERE id = ?1"),
            params![id, at, by],
        )?,
    };
    Ok(())
}

/// The one meaning of a current position (现任职务), used by every query that asks who holds a
/// post: the position is live, its person and its unit are live (a voided unit or person holds
/// nothing), it has started by the date, and it has no end date or one not yet passed. `po` is the
/// position table's alias in the caller's query and `on` the SQL parameter holding the date.
pub(crate) fn current_position(po: &str, on: &str) -> String {
    format!(
        "({po}.voided_at IS NULL AND ({po}.start_date IS NULL OR {po}.start_date <= {on}) \
         AND ({po}.end_date IS NULL OR {po}.end_date >= {on}) \
         AND EXISTS (SELECT 1 FROM person cur_pe WHERE cur_pe.id = {po}.person_id AND cur_pe.voided_at IS NULL) \
         AND EXISTS (SELECT 1 FROM unit cur_u WHERE cur_u.id = {po}.unit_id AND cur_u.voided_at IS NULL))"
    )
}

/// A current 一把手 position (see `current_position`).
pub(crate) fn current_head(po: &str, on: &str) -> String {
    format!("({po}.is_head = 1 AND {})", current_position(po, on))
}

/// The one meaning of a sanction in effect (影响期内) on a day: live, with an effect period
/// (`model::sanctions::effect_end`, kept on the row when saved), decided by the day, and the day
/// not past the period's last day (inclusive). Computed from the day asked about, never stored as
/// a state, so the flag ends by itself. `sa` is the sanction table's alias, `on` the SQL parameter
/// holding the date.
pub(crate) fn sanction_in_effect(sa: &str, on: &str) -> String {
    format!("({sa}.voided_at IS NULL AND {sa}.effect_end IS NOT NULL AND {sa}.effect_end >= {on} AND {sa}.decision_date <= {on})")
}

/// The last day of the longest effect period the person `pe` (alias) is inside on `on`, as a
/// correlated subquery for people lists and search.
pub(crate) fn sanction_until(pe: &str, on: &str) -> String {
    format!("(SELECT max(sa.effect_end) FROM sanction sa WHERE sa.person_id = {pe}.id AND {})", sanction_in_effect("sa", on))
}
