//! 家庭重大变动 (family changes): rows in, records out. Whether a report was late is
//! `model::family::is_late_report`, applied to the rows here, never re-written in SQL.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::meta;
use crate::error::Result;
use crate::model::family::{is_late_report, report_delay_days, FamilyChange, FamilyChangeView};
use crate::model::validate::parse_date;

const COLS: &str = "fc.id, fc.person_id, fc.kind, fc.event_date, fc.reported_date, fc.description, \
     fc.created_at, fc.created_by, fc.updated_at, fc.updated_by, fc.voided_at, fc.void_reason";

fn row(r: &Row) -> rusqlite::Result<FamilyChange> {
    Ok(FamilyChange {
        id: r.get(0)?,
        person_id: r.get(1)?,
        kind: r.get(2)?,
        event_date: r.get(3)?,
        reported_date: r.get(4)?,
        description: r.get(5)?,
        meta: meta(r, 6)?,
    })
}

/// The change with its delay and 逾期报告 flag (a stored date that does not parse counts as 0 days).
pub fn view(change: FamilyChange, person_name: String) -> FamilyChangeView {
    let (days, late) = match (parse_date(&change.event_date), parse_date(&change.reported_date)) {
        (Some(e), Some(r)) => (report_delay_days(e, r), is_late_report(e, r)),
        _ => (0, false),
    };
    FamilyChangeView { change, person_name, report_days: days, late }
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<FamilyChange>> {
    Ok(conn.query_row(&format!("SELECT {COLS} FROM family_change fc WHERE fc.id = ?1"), [id], row).optional()?)
}

pub fn insert(tx: &Transaction, c: &FamilyChange) -> Result<()> {
    tx.execute(
        "INSERT INTO family_change (id, person_id, kind, event_date, reported_date, description, created_at, created_by, \
         updated_at, updated_by, voided_at, void_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            c.id, c.person_id, c.kind, c.event_date, c.reported_date, c.description, c.meta.created_at, c.meta.created_by,
            c.meta.updated_at, c.meta.updated_by, c.meta.voided_at, c.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn update(tx: &Transaction, c: &FamilyChange) -> Result<()> {
    tx.execute(
        "UPDATE family_change SET person_id = ?2, kind = ?3, event_date = ?4, reported_date = ?5, description = ?6, \
         updated_at = ?7, updated_by = ?8 WHERE id = ?1",
        params![c.id, c.person_id, c.kind, c.event_date, c.reported_date, c.description, c.meta.updated_at, c.meta.updated_by],
    )?;
    Ok(())
}

pub fn set_voided(tx: &Transaction, id: &str, at: &str, by: &str, reason: Option<&str>) -> Result<()> {
    super::set_voided(tx, "family_change", id, at, by, reason)
}

/// A person's family changes: live ones first, newest event first.
pub fn of_person(conn: &Connection, person_id: &str) -> Result<Vec<FamilyChangeView>> {
    let sql = format!(
        "SELECT {COLS}, pe.name FROM family_change fc JOIN person pe ON pe.id = fc.person_id \
         WHERE fc.person_id = ?1 ORDER BY fc.voided_at IS NOT NULL, fc.event_date DESC, fc.reported_date DESC, fc.created_at DESC"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([person_id], |r| Ok(view(row(r)?, r.get(12)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (live family changes, of which reported late), for `jiandu check`.
pub fn counts(conn: &Connection) -> Result<(i64, i64)> {
    let mut stmt = conn.prepare("SELECT event_date, reported_date FROM family_change WHERE voided_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let (mut all, mut late) = (0, 0);
    for r in rows {
        let (e, rep) = r?;
        all += 1;
        if let (Some(e), Some(rep)) = (parse_date(&e), parse_date(&rep)) {
            late += i64::from(is_late_report(e, rep));
        }
    }
    Ok((all, late))
}
