//! 监督发现问题 (findings): rows in, records and list rows out. A finding's status comes from its
//! live rectification items, computed here in one expression (`STATUS`). Rules live in
//! `service::findings`.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

use super::{from_label, label, meta};
use crate::error::Result;
use crate::model::findings::*;

const COLS: &str = "f.id, f.source, f.focus_area, f.person_id, f.unit_id, f.found_date, f.description, f.seriousness, \
     f.created_at, f.created_by, f.updated_at, f.updated_by, f.voided_at, f.void_reason";

fn row(r: &Row) -> rusqlite::Result<Finding> {
    Ok(Finding {
        id: r.get(0)?,
        source: r.get(1)?,
        focus_area: r.get(2)?,
        person_id: r.get(3)?,
        unit_id: r.get(4)?,
        found_date: r.get(5)?,
        description: r.get(6)?,
        seriousness: from_label(7, r.get(7)?)?,
        meta: meta(r, 8)?,
    })
}

/// Live items of finding `f`: (all, open, open and overdue on ?1).
const TALLY: &str = "(SELECT count(*) FROM rectification_item i WHERE i.origin_kind = '监督发现问题' AND i.origin_id = f.id AND i.voided_at IS NULL), \
     (SELECT count(*) FROM rectification_item i WHERE i.origin_kind = '监督发现问题' AND i.origin_id = f.id AND i.voided_at IS NULL AND i.status = '整改中'), \
     (SELECT count(*) FROM rectification_item i WHERE i.origin_kind = '监督发现问题' AND i.origin_id = f.id AND i.voided_at IS NULL AND i.status = '整改中' AND i.due_date < ?1)";

/// The one status expression (`FindingStatus::of` in SQL), for filtering.
const STATUS: &str = "(CASE WHEN EXISTS (SELECT 1 FROM rectification_item i WHERE i.origin_kind = '监督发现问题' AND i.origin_id = f.id AND i.voided_at IS NULL AND i.status = '整改中') THEN '整改中' \
     WHEN EXISTS (SELECT 1 FROM rectification_item i WHERE i.origin_kind = '监督发现问题' AND i.origin_id = f.id AND i.voided_at IS NULL) THEN '已整改' \
     ELSE '无整改事项' END)";

pub fn get(conn: &Connection, id: &str) -> Result<Option<Finding>> {
    Ok(conn.query_row(&format!("SELECT {COLS} FROM finding f WHERE f.id = ?1"), [id], row).optional()?)
}

pub fn insert(tx: &Transaction, f: &Finding) -> Result<()> {
    tx.execute(
        "INSERT INTO finding (id, source, focus_area, person_id, unit_id, found_date, description, seriousness, \
         created_at, created_by, updated_at, updated_by, voided_at, void_reason) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            f.id, f.source, f.focus_area, f.person_id, f.unit_id, f.found_date, f.description, label(&f.seriousness),
            f.meta.created_at, f.meta.created_by, f.meta.updated_at, f.meta.updated_by, f.meta.voided_at, f.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn update(tx: &Transaction, f: &Finding) -> Result<()> {
    tx.execute(
        "UPDATE finding SET source = ?2, focus_area = ?3, person_id = ?4, unit_id = ?5, found_date = ?6, description = ?7, \
         seriousness = ?8, updated_at = ?9, updated_by = ?10 WHERE id = ?1",
        params![
            f.id, f.source, f.focus_area, f.person_id, f.unit_id, f.found_date, f.description, label(&f.seriousness),
            f.meta.updated_at, f.meta.updated_by
        ],
    )?;
    Ok(())
}

pub fn void(tx: &Transaction, id: &str, at: &str, by: &str, reason: Option<&str>) -> Result<()> {
    super::set_voided(tx, "finding", id, at, by, reason)
}

/// Findings matching the filter, newest first; `today` decides which items are overdue.
pub fn rows(conn: &Connection, f: &FindingFilter, today: &str) -> Result<Vec<FindingRow>> {
    let mut args: Vec<Value> = vec![Value::Text(today.to_string())];
    let mut cond = vec![if f.voided { "f.voided_at IS NOT NULL" } else { "f.voided_at IS NULL" }.to_string()];
    let mut push = |args: &mut Vec<Value>, sql: &str, v: Value| {
        args.push(v);
        cond.push(sql.replace('?', &format!("?{}", args.len())));
    };
    if let Some(y) = f.year {
        push(&mut args, "f.found_date >= ?", Value::Text(format!("{y:04}-01-01")));
        push(&mut args, "f.found_date <= ?", Value::Text(format!("{y:04}-12-31")));
    }
    if let Some(s) = f.source.as_deref().filter(|s| !s.is_empty()) {
        push(&mut args, "f.source = ?", Value::Text(s.to_string()));
    }
    if let Some(u) = f.unit_id.as_deref().filter(|s| !s.is_empty()) {
        push(&mut args, "f.unit_id = ?", Value::Text(u.to_string()));
    }
    if let Some(p) = f.person_id.as_deref().filter(|s| !s.is_empty()) {
        push(&mut args, "f.person_id = ?", Value::Text(p.to_string()));
    }
    if let Some(s) = f.status {
        push(&mut args, &format!("{STATUS} = ?"), Value::Text(label(&s)));
    }
    let sql = format!(
        "SELECT {COLS}, pe.name, u.name, {TALLY} FROM finding f \
         LEFT JOIN person pe ON pe.id = f.person_id LEFT JOIN unit u ON u.id = f.unit_id \
         WHERE {} ORDER BY f.found_date DESC, f.created_at DESC",
        cond.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        let finding = row(r)?;
        let (items_total, open_items, overdue_items): (i64, i64, i64) = (r.get(16)?, r.get(17)?, r.get(18)?);
        Ok(FindingRow {
            finding,
            person_name: r.get(14)?,
            unit_name: r.get(15)?,
            status: FindingStatus::of(open_items, items_total - open_items),
            items_total,
            open_items,
            overdue_items,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One finding as a list row, voided or not.
pub fn row_of(conn: &Connection, id: &str, today: &str) -> Result<Option<FindingRow>> {
    let Some(f) = get(conn, id)? else { return Ok(None) };
    let filter = FindingFilter { voided: f.meta.voided_at.is_some(), ..FindingFilter::default() };
    // Narrow by the found date's year so the scan stays small.
    let year = f.found_date.get(0..4).and_then(|y| y.parse().ok());
    Ok(rows(conn, &FindingFilter { year, ..filter }, today)?.into_iter().find(|r| r.finding.id == id))
}

/// A person's findings, voided ones last.
pub fn of_person(conn: &Connection, person_id: &str, today: &str) -> Result<Vec<FindingRow>> {
    let mut live = rows(conn, &FindingFilter { person_id: Some(person_id.to_string()), ..FindingFilter::default() }, today)?;
    live.extend(rows(conn, &FindingFilter { person_id: Some(person_id.to_string()), voided: true, ..FindingFilter::default() }, today)?);
    Ok(live)
}

/// Years with live findings, newest first.
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT DISTINCT CAST(substr(found_date, 1, 4) AS INTEGER) FROM finding WHERE voided_at IS NULL ORDER BY 1 DESC")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (live findings, of which 整改中) for `jiandu check`.
pub fn counts(conn: &Connection) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        &format!("SELECT count(*), coalesce(sum({STATUS} = '整改中'), 0) FROM finding f WHERE f.voided_at IS NULL"),
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
