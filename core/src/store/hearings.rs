//! 听取汇报 (hearings): rows in, records out, lists by year, unit and reporter. Rules live in
//! `service::hearings`.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

use super::meta;
use crate::error::Result;
use crate::model::hearings::{Hearing, HearingFilter, HearingRow};

const COLS: &str = "h.id, h.date, h.kind, h.unit_id, h.reporter_person_id, h.reporter_name, h.key_points, h.follow_ups, \
     h.created_at, h.created_by, h.updated_at, h.updated_by, h.voided_at, h.void_reason";

fn hearing(r: &Row) -> rusqlite::Result<Hearing> {
    Ok(Hearing {
        id: r.get(0)?,
        date: r.get(1)?,
        kind: r.get(2)?,
        unit_id: r.get(3)?,
        reporter_person_id: r.get(4)?,
        reporter_name: r.get(5)?,
        key_points: r.get(6)?,
        follow_ups: r.get(7)?,
        meta: meta(r, 8)?,
    })
}

/// Who reported, as every list shows it: "张三", "派驻第二纪检监察组组长" or "张三（纪委书记）".
fn reporter(person: Option<&str>, typed: &str) -> String {
    match (person, typed.trim()) {
        (Some(p), "") => p.to_string(),
        (Some(p), t) => format!("{p}（{t}）"),
        (None, t) => t.to_string(),
    }
}

fn full_row(r: &Row) -> rusqlite::Result<HearingRow> {
    let hearing = hearing(r)?;
    let unit_name: Option<String> = r.get(14)?;
    let reporter_person_name: Option<String> = r.get(15)?;
    let reporter = reporter(reporter_person_name.as_deref(), &hearing.reporter_name);
    Ok(HearingRow { hearing, unit_name, reporter_person_name, reporter })
}

const FROM: &str = "FROM hearing h LEFT JOIN unit u ON u.id = h.unit_id LEFT JOIN person pe ON pe.id = h.reporter_person_id";

pub fn get(conn: &Connection, id: &str) -> Result<Option<Hearing>> {
    Ok(conn.query_row(&format!("SELECT {COLS} FROM hearing h WHERE h.id = ?1"), [id], hearing).optional()?)
}

pub fn row_of(conn: &Connection, id: &str) -> Result<Option<HearingRow>> {
    Ok(conn.query_row(&format!("SELECT {COLS}, u.name, pe.name {FROM} WHERE h.id = ?1"), [id], full_row).optional()?)
}

pub fn insert(tx: &Transaction, h: &Hearing) -> Result<()> {
    tx.execute(
        "INSERT INTO hearing (id, date, kind, unit_id, reporter_person_id, reporter_name, key_points, follow_ups, created_at, \
         created_by, updated_at, updated_by, voided_at, void_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            h.id, h.date, h.kind, h.unit_id, h.reporter_person_id, h.reporter_name, h.key_points, h.follow_ups, h.meta.created_at,
            h.meta.created_by, h.meta.updated_at, h.meta.updated_by, h.meta.voided_at, h.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn update(tx: &Transaction, h: &Hearing) -> Result<()> {
    tx.execute(
        "UPDATE hearing SET date = ?2, kind = ?3, unit_id = ?4, reporter_person_id = ?5, reporter_name = ?6, key_points = ?7, \
         follow_ups = ?8, updated_at = ?9, updated_by = ?10 WHERE id = ?1",
        params![
            h.id, h.date, h.kind, h.unit_id, h.reporter_person_id, h.reporter_name, h.key_points, h.follow_ups, h.meta.updated_at,
            h.meta.updated_by
        ],
    )?;
    Ok(())
}

pub fn set_voided(tx: &Transaction, id: &str, at: &str, by: &str, reason: Option<&str>) -> Result<()> {
    super::set_voided(tx, "hearing", id, at, by, reason)
}

/// Hearings matching the filter, newest first.
pub fn rows(conn: &Connection, f: &HearingFilter) -> Result<Vec<HearingRow>> {
    let mut conds = vec![if f.voided { "h.voided_at IS NOT NULL" } else { "h.voided_at IS NULL" }.to_string()];
    let mut args: Vec<Value> = Vec::new();
    if let Some(y) = f.year {
        args.push(Value::Text(format!("{y:04}-01-01")));
        args.push(Value::Text(format!("{y:04}-12-31")));
        conds.push(format!("h.date BETWEEN ?{} AND ?{}", args.len() - 1, args.len()));
    }
    if let Some(u) = f.unit_id.as_deref().filter(|u| !u.is_empty()) {
        args.push(Value::Text(u.to_string()));
        conds.push(format!("h.unit_id = ?{}", args.len()));
    }
    let sql = format!("SELECT {COLS}, u.name, pe.name {FROM} WHERE {} ORDER BY h.date DESC, h.created_at DESC", conds.join(" AND "));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), full_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every hearing (voided ones last) where `column` is `id`: the unit's or the reporter's.
fn of(conn: &Connection, column: &str, id: &str) -> Result<Vec<HearingRow>> {
    let sql = format!("SELECT {COLS}, u.name, pe.name {FROM} WHERE h.{column} = ?1 ORDER BY h.voided_at IS NOT NULL, h.date DESC, h.created_at DESC");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([id], full_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn of_unit(conn: &Connection, unit_id: &str) -> Result<Vec<HearingRow>> {
    of(conn, "unit_id", unit_id)
}

pub fn of_person(conn: &Connection, person_id: &str) -> Result<Vec<HearingRow>> {
    of(conn, "reporter_person_id", person_id)
}

/// Years with live hearings, newest first.
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) AS y FROM hearing WHERE voided_at IS NULL ORDER BY y DESC")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live hearings, for `jiandu check`.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM hearing WHERE voided_at IS NULL", [], |r| r.get(0))?)
}
