//! The `account` table: one row per local account, never deleted. The password hash is read only
//! by `service::accounts` to check a password; no query here hands it to a page.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::model::accounts::{Account, Role};
use crate::store::{from_label, label};

/// An account with what sign-in needs besides what the pages show.
pub struct Stored {
    pub account: Account,
    pub password_hash: String,
    pub failed_count: i64,
}

const COLUMNS: &str = "id, login, display_name, role, locked_until, disabled_at, created_at, created_by, updated_at, updated_by, password_hash, failed_count";

fn row(r: &Row) -> rusqlite::Result<Stored> {
    Ok(Stored {
        account: Account {
            id: r.get(0)?,
            login: r.get(1)?,
            display_name: r.get(2)?,
            role: from_label(3, r.get(3)?)?,
            locked_until: r.get(4)?,
            disabled_at: r.get(5)?,
            created_at: r.get(6)?,
            created_by: r.get(7)?,
            updated_at: r.get(8)?,
            updated_by: r.get(9)?,
        },
        password_hash: r.get(10)?,
        failed_count: r.get(11)?,
    })
}

pub fn any(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM account)", [], |r| r.get(0))?)
}

pub fn by_login(conn: &Connection, login: &str) -> Result<Option<Stored>> {
    Ok(conn
        .query_row(&format!("SELECT {COLUMNS} FROM account WHERE login = ?1 COLLATE NOCASE"), [login], row)
        .optional()?)
}

pub fn by_id(conn: &Connection, id: &str) -> Result<Option<Stored>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM account WHERE id = ?1"), [id], row).optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM account ORDER BY disabled_at IS NOT NULL, created_at, login"))?;
    let rows = stmt.query_map([], row)?.map(|r| r.map(|s| s.account)).collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Live administrators other than `except`: the last one can be neither demoted nor disabled.
pub fn other_admins(conn: &Connection, except: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM account WHERE role = ?1 AND disabled_at IS NULL AND id <> ?2",
        params![label(&Role::Admin), except],
        |r| r.get(0),
    )?)
}

pub fn insert(conn: &Connection, a: &Account, hash: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO account (id, login, display_name, role, password_hash, failed_count, locked_until, disabled_at, \
         created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, 0, NULL, ?6, ?7, ?8, ?9, ?10)",
        params![a.id, a.login, a.display_name, label(&a.role), hash, a.disabled_at, a.created_at, a.created_by, a.updated_at, a.updated_by],
    )?;
    Ok(())
}

pub fn update(conn: &Connection, a: &Account) -> Result<()> {
    conn.execute(
        "UPDATE account SET login = ?2, display_name = ?3, role = ?4, disabled_at = ?5, locked_until = ?6, \
         updated_at = ?7, updated_by = ?8 WHERE id = ?1",
        params![a.id, a.login, a.display_name, label(&a.role), a.disabled_at, a.locked_until, a.updated_at, a.updated_by],
    )?;
    Ok(())
}

/// A new password: the lock and the count of wrong passwords start over.
pub fn set_password(conn: &Connection, id: &str, hash: &str, at: &str, by: &str) -> Result<()> {
    conn.execute(
        "UPDATE account SET password_hash = ?2, failed_count = 0, locked_until = NULL, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        params![id, hash, at, by],
    )?;
    Ok(())
}

/// The count of wrong passwords in a row and the lock they led to (bookkeeping, not an edit:
/// `updated_*` stay as they were).
pub fn set_failures(conn: &Connection, id: &str, failed_count: i64, locked_until: Option<&str>) -> Result<()> {
    conn.execute("UPDATE account SET failed_count = ?2, locked_until = ?3 WHERE id = ?1", params![id, failed_count, locked_until])?;
    Ok(())
}
