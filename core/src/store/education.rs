//! 警示教育 (warning education): the session row with its units (`education_unit`) and named
//! people (`education_person`), written and read together. Rules live in `service::education`.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

use super::meta;
use crate::error::Result;
use crate::model::education::{Education, EducationFilter, EducationRow, EducationMember};

const COLS: &str = "e.id, e.date, e.kind, e.title, e.material, e.participants, \
     e.created_at, e.created_by, e.updated_at, e.updated_by, e.voided_at, e.void_reason";

fn session(r: &Row) -> rusqlite::Result<Education> {
    Ok(Education {
        id: r.get(0)?,
        date: r.get(1)?,
        kind: r.get(2)?,
        title: r.get(3)?,
        material: r.get(4)?,
        participants: r.get(5)?,
        unit_ids: Vec::new(),
        person_ids: Vec::new(),
        meta: meta(r, 6)?,
    })
}

fn units_of(conn: &Connection, id: &str) -> Result<Vec<EducationMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.name FROM education_unit eu JOIN unit u ON u.id = eu.unit_id WHERE eu.education_id = ?1 ORDER BY u.sort_order, u.name, u.id",
    )?;
    let rows = stmt.query_map([id], |r| Ok(EducationMember { id: r.get(0)?, name: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn people_of(conn: &Connection, id: &str) -> Result<Vec<EducationMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT pe.id, pe.name FROM education_person ep JOIN person pe ON pe.id = ep.person_id WHERE ep.education_id = ?1 ORDER BY pe.name_pinyin, pe.id",
    )?;
    let rows = stmt.query_map([id], |r| Ok(EducationMember { id: r.get(0)?, name: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The session with its unit and people lists filled.
fn complete(conn: &Connection, mut e: Education) -> Result<EducationRow> {
    let units = units_of(conn, &e.id)?;
    let people = people_of(conn, &e.id)?;
    e.unit_ids = units.iter().map(|n| n.id.clone()).collect();
    e.person_ids = people.iter().map(|n| n.id.clone()).collect();
    Ok(EducationRow { education: e, units, people })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Education>> {
    Ok(row_of(conn, id)?.map(|r| r.education))
}

pub fn row_of(conn: &Connection, id: &str) -> Result<Option<EducationRow>> {
    let found = conn.query_row(&format!("SELECT {COLS} FROM education e WHERE e.id = ?1"), [id], session).optional()?;
    found.map(|e| complete(conn, e)).transpose()
}

fn put_links(tx: &Transaction, e: &Education) -> Result<()> {
    tx.execute("DELETE FROM education_unit WHERE education_id = ?1", [&e.id])?;
    tx.execute("DELETE FROM education_person WHERE education_id = ?1", [&e.id])?;
    for u in &e.unit_ids {
        tx.execute("INSERT INTO education_unit (education_id, unit_id) VALUES (?1, ?2)", params![e.id, u])?;
    }
    for p in &e.person_ids {
        tx.execute("INSERT INTO education_person (education_id, person_id) VALUES (?1, ?2)", params![e.id, p])?;
    }
    Ok(())
}

pub fn insert(tx: &Transaction, e: &Education) -> Result<()> {
    tx.execute(
        "INSERT INTO education (id, date, kind, title, material, participants, created_at, created_by, updated_at, updated_by, \
         voided_at, void_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            e.id, e.date, e.kind, e.title, e.material, e.participants, e.meta.created_at, e.meta.created_by, e.meta.updated_at,
            e.meta.updated_by, e.meta.voided_at, e.meta.void_reason
        ],
    )?;
    put_links(tx, e)
}

pub fn update(tx: &Transaction, e: &Education) -> Result<()> {
    tx.execute(
        "UPDATE education SET date = ?2, kind = ?3, title = ?4, material = ?5, participants = ?6, updated_at = ?7, updated_by = ?8 WHERE id = ?1",
        params![e.id, e.date, e.kind, e.title, e.material, e.participants, e.meta.updated_at, e.meta.updated_by],
    )?;
    put_links(tx, e)
}

pub fn set_voided(tx: &Transaction, id: &str, at: &str, by: &str, reason: Option<&str>) -> Result<()> {
    super::set_voided(tx, "education", id, at, by, reason)
}

fn collect(conn: &Connection, sql: &str, args: Vec<Value>) -> Result<Vec<EducationRow>> {
    let mut stmt = conn.prepare(sql)?;
    let found: Vec<Education> = stmt.query_map(params_from_iter(args), session)?.collect::<rusqlite::Result<_>>()?;
    found.into_iter().map(|e| complete(conn, e)).collect()
}

/// Sessions matching the filter, newest first.
pub fn rows(conn: &Connection, f: &EducationFilter) -> Result<Vec<EducationRow>> {
    let mut conds = vec![if f.voided { "e.voided_at IS NOT NULL" } else { "e.voided_at IS NULL" }.to_string()];
    let mut args: Vec<Value> = Vec::new();
    if let Some(y) = f.year {
        args.push(Value::Text(format!("{y:04}-01-01")));
        args.push(Value::Text(format!("{y:04}-12-31")));
        conds.push(format!("e.date BETWEEN ?{} AND ?{}", args.len() - 1, args.len()));
    }
    if let Some(u) = f.unit_id.as_deref().filter(|u| !u.is_empty()) {
        args.push(Value::Text(u.to_string()));
        conds.push(format!("EXISTS (SELECT 1 FROM education_unit eu WHERE eu.education_id = e.id AND eu.unit_id = ?{})", args.len()));
    }
    let sql = format!("SELECT {COLS} FROM education e WHERE {} ORDER BY e.date DESC, e.created_at DESC", conds.join(" AND "));
    collect(conn, &sql, args)
}

/// Every session (voided ones last) the unit took part in.
pub fn of_unit(conn: &Connection, unit_id: &str) -> Result<Vec<EducationRow>> {
    let sql = format!(
        "SELECT {COLS} FROM education e JOIN education_unit eu ON eu.education_id = e.id AND eu.unit_id = ?1 \
         ORDER BY e.voided_at IS NOT NULL, e.date DESC, e.created_at DESC"
    );
    collect(conn, &sql, vec![Value::Text(unit_id.to_string())])
}

/// Every session (voided ones last) naming the person.
pub fn of_person(conn: &Connection, person_id: &str) -> Result<Vec<EducationRow>> {
    let sql = format!(
        "SELECT {COLS} FROM education e JOIN education_person ep ON ep.education_id = e.id AND ep.person_id = ?1 \
         ORDER BY e.voided_at IS NOT NULL, e.date DESC, e.created_at DESC"
    );
    collect(conn, &sql, vec![Value::Text(person_id.to_string())])
}

/// Years with live sessions, newest first.
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) AS y FROM education WHERE voided_at IS NULL ORDER BY y DESC")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live sessions, for `jiandu check`.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM education WHERE voided_at IS NULL", [], |r| r.get(0))?)
}
