//! SQLite: opening a database file the same way every time, the all-or-nothing migrations, the
//! audit log, backups, and one module per aggregate with its queries.

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
// ---- Excel in
pub mod import;
// ---- end Excel in

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
}

impl Db {
    /// Opens (creating if needed) the database at `path`, refuses one from a newer version
    /// without touching it, copies it aside before migrating, then migrates.
    pub fn open(path: &Path) -> Result<Db> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Read the version before anything writes: switching to WAL alone would already
        // change a newer version's file.
        let found = user_version(&conn)?;
        if found > supported_version() {
            return Err(Error::DatabaseTooNew { found, supported: supported_version() });
        }
        let mut db = Db { conn, path: Some(path.to_path_buf()) };
        db.configure()?;
        if found > 0 && found < supported_version() {
            db.backup_before_migration(found)?;
        }
        db.migrate()?;
        Ok(db)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Db> {
        let conn = Connection::open_in_memory()?;
        let mut db = Db { conn, path: None };
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
        let dir = self.backup_dir().ok_or_else(|| Error::Io("内存数据库没有备份目录".into()))?;
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
        let tmp = dest.with_extension("partial");
        let _ = std::fs::remove_file(&tmp);
        self.conn.backup(rusqlite::MAIN_DB, &tmp, None::<fn(rusqlite::backup::Progress)>)?;
        // Only a complete copy gets the name the user asked for.
        std::fs::rename(&tmp, dest)?;
        Ok(())
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Starts the one write transaction of a service call.
    pub fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

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
    tx.execute(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![ctx.timestamp(), ctx.actor, action, entity, entity_id, before, after],
    )?;
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
