//! 问题线索 (clues): rows in, records and list rows out, and the live talk that names a clue.
//! Rules live in `service::clues`.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

use super::{from_label, label, meta};
use crate::error::Result;
use crate::model::clues::*;
use crate::model::talks::ClueLink;

const COLS: &str = "c.id, c.source, c.received_date, c.person_id, c.unit_id, c.summary, c.disposal, c.disposal_date, c.result, \
     c.created_at, c.created_by, c.updated_at, c.updated_by, c.voided_at, c.void_reason";

fn row(r: &Row) -> rusqlite::Result<Clue> {
    let disposal: Option<String> = r.get(6)?;
    Ok(Clue {
        id: r.get(0)?,
        source: r.get(1)?,
        received_date: r.get(2)?,
        person_id: r.get(3)?,
        unit_id: r.get(4)?,
        summary: r.get(5)?,
        disposal: disposal.map(|d| from_label(6, d)).transpose()?,
        disposal_date: r.get(7)?,
        result: r.get(8)?,
        meta: meta(r, 9)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Clue>> {
    Ok(conn.query_row(&format!("SELECT {COLS} FROM clue c WHERE c.id = ?1"), [id], row).optional()?)
}

pub fn insert(tx: &Transaction, c: &Clue) -> Result<()> {
    tx.execute(
        "INSERT INTO clue (id, source, received_date, person_id, unit_id, summary, disposal, disposal_date, result, \
         created_at, created_by, updated_at, updated_by, voided_at, void_reason) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            c.id, c.source, c.received_date, c.person_id, c.unit_id, c.summary, c.disposal.as_ref().map(label), c.disposal_date, c.result,
            c.meta.created_at, c.meta.created_by, c.meta.updated_at, c.meta.updated_by, c.meta.voided_at, c.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn update(tx: &Transaction, c: &Clue) -> Result<()> {
    tx.execute(
        "UPDATE clue SET source = ?2, received_date = ?3, person_id = ?4, unit_id = ?5, summary = ?6, disposal = ?7, \
         disposal_date = ?8, result = ?9, updated_at = ?10, updated_by = ?11 WHERE id = ?1",
        params![
            c.id, c.source, c.received_date, c.person_id, c.unit_id, c.summary, c.disposal.as_ref().map(label), c.disposal_date, c.result,
            c.meta.updated_at, c.meta.updated_by
        ],
    )?;
    Ok(())
}

pub fn void(tx: &Transaction, id: &str, at: &str, by: &str, reason: Option<&str>) -> Result<()> {
    super::set_voided(tx, "clue", id, at, by, reason)
}

/// The live talk naming clue `clue_id`, other than `except`: (id, date).
pub fn live_talk(conn: &Connection, clue_id: &str, except: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, date FROM talk WHERE clue_id = ?1 AND voided_at IS NULL AND id <> ?2 ORDER BY date DESC LIMIT 1",
            params![clue_id, except],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Clues matching the filter, newest received first, each with its live talk.
pub fn rows(conn: &Connection, f: &ClueFilter) -> Result<Vec<ClueRow>> {
    let mut args: Vec<Value> = Vec::new();
    let mut cond = vec![if f.voided { "c.voided_at IS NOT NULL" } else { "c.voided_at IS NULL" }.to_string()];
    if f.disposal.is_none() && f.undisposed {
        cond.push("c.disposal IS NULL".into());
    }
    let mut push = |args: &mut Vec<Value>, sql: &str, v: Value| {
        args.push(v);
        cond.push(sql.replace('?', &format!("?{}", args.len())));
    };
    if let Some(y) = f.year {
        push(&mut args, "c.received_date >= ?", Value::Text(format!("{y:04}-01-01")));
        push(&mut args, "c.received_date <= ?", Value::Text(format!("{y:04}-12-31")));
    }
    if let Some(d) = f.disposal {
        push(&mut args, "c.disposal = ?", Value::Text(label(&d)));
    }
    if let Some(p) = f.person_id.as_deref().filter(|s| !s.is_empty()) {
        push(&mut args, "c.person_id = ?", Value::Text(p.to_string()));
    }
    let sql = format!(
        "SELECT {COLS}, pe.name, u.name, t.id, t.date, t.state FROM clue c \
         LEFT JOIN person pe ON pe.id = c.person_id LEFT JOIN unit u ON u.id = c.unit_id \
         LEFT JOIN talk t ON t.id = (SELECT t2.id FROM talk t2 WHERE t2.clue_id = c.id AND t2.voided_at IS NULL ORDER BY t2.date DESC LIMIT 1) \
         WHERE {} ORDER BY c.received_date DESC, c.created_at DESC",
        cond.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        let clue = row(r)?;
        let talk_id: Option<String> = r.get(17)?;
        let state: Option<String> = r.get(19)?;
        let talk_awaited = clue.meta.voided_at.is_none() && clue.disposal == Some(ClueDisposal::TalkInquiry) && talk_id.is_none();
        Ok(ClueRow {
            clue,
            person_name: r.get(15)?,
            unit_name: r.get(16)?,
            talk_id,
            talk_date: r.get(18)?,
            talk_state: state.map(|s| from_label(19, s)).transpose()?,
            talk_awaited,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One clue as a list row, voided or not.
pub fn row_of(conn: &Connection, id: &str) -> Result<Option<ClueRow>> {
    let Some(c) = get(conn, id)? else { return Ok(None) };
    let year = c.received_date.get(0..4).and_then(|y| y.parse().ok());
    let filter = ClueFilter { year, voided: c.meta.voided_at.is_some(), ..ClueFilter::default() };
    Ok(rows(conn, &filter)?.into_iter().find(|r| r.clue.id == id))
}

/// A person's clues, voided ones last.
pub fn of_person(conn: &Connection, person_id: &str) -> Result<Vec<ClueRow>> {
    let mut live = rows(conn, &ClueFilter { person_id: Some(person_id.to_string()), ..ClueFilter::default() })?;
    live.extend(rows(conn, &ClueFilter { person_id: Some(person_id.to_string()), voided: true, ..ClueFilter::default() })?);
    Ok(live)
}

pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT DISTINCT CAST(substr(received_date, 1, 4) AS INTEGER) FROM clue WHERE voided_at IS NULL ORDER BY 1 DESC")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (live clues, of which not yet disposed of) for `jiandu check`.
pub fn counts(conn: &Connection) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(disposal IS NULL), 0) FROM clue WHERE voided_at IS NULL",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The clue a talk names, for the talk page.
pub fn link(conn: &Connection, id: &str) -> Result<Option<ClueLink>> {
    Ok(get(conn, id)?.map(|c| ClueLink {
        id: c.id,
        source: c.source,
        received_date: c.received_date,
        summary: c.summary,
        voided: c.meta.voided_at.is_some(),
    }))
}
