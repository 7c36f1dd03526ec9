//! 考核 (yearly unit assessments): rows in, records out, and the 待约谈 worklist query. Rules live
//! in `service::assessments`; which ratings call for a 约谈 is `model::assessments::SUMMONS_RATINGS`.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

use crate::error::Result;
use crate::model::assessments::*;
use crate::model::worklist::SummonsDue;
use super::{current_head, meta};

const COLS: &str = "a.id, a.unit_id, a.year, a.rating, a.score, a.remark, \
     a.created_at, a.created_by, a.updated_at, a.updated_by, a.voided_at, a.void_reason";

/// A 约谈 that took place: only such a talk closes the 待约谈 entry of the assessment it names.
pub(crate) const HELD_SUMMONS: &str = "t.kind = '约谈' AND t.state <> '计划' AND t.voided_at IS NULL";

/// `rating IN (…)` for the ratings that call for a 约谈, built from the one list in the model.
pub(crate) fn summons_ratings_sql(col: &str) -> String {
    let list: Vec<String> = SUMMONS_RATINGS.iter().map(|r| format!("'{}'", r.replace('\'', "''"))).collect();
    format!("{col} IN ({})", list.join(", "))
}

/// Joins `hp` (position) and `hpe` (person): the current 一把手 on `?on` of the unit in column
/// `unit`, the latest in post when a handover leaves two. One row per assessment either way.
fn head_join(unit: &str, on: &str) -> String {
    format!("LEFT JOIN position hp ON hp.id = ({}) LEFT JOIN person hpe ON hpe.id = hp.person_id", head_id(unit, on))
}

/// The id of the current 一把手 post of the unit in column `unit` on `on`, as a scalar subquery.
fn head_id(unit: &str, on: &str) -> String {
    format!("SELECT po.id FROM position po WHERE po.unit_id = {unit} AND {} ORDER BY po.start_date DESC, po.id LIMIT 1", current_head("po", on))
}

fn assessment_row(r: &Row) -> rusqlite::Result<Assessment> {
    Ok(Assessment {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        year: r.get(2)?,
        rating: r.get(3)?,
        score: r.get(4)?,
        remark: r.get(5)?,
        meta: meta(r, 6)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Assessment>> {
    Ok(conn.query_row(&format!("SELECT {COLS} FROM assessment a WHERE a.id = ?1"), [id], assessment_row).optional()?)
}

pub fn insert(tx: &Transaction, a: &Assessment) -> Result<()> {
    tx.execute(
        "INSERT INTO assessment (id, unit_id, year, rating, score, remark, created_at, created_by, updated_at, updated_by, voided_at, void_reason) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            a.id, a.unit_id, a.year, a.rating, a.score, a.remark, a.meta.created_at, a.meta.created_by, a.meta.updated_at,
            a.meta.updated_by, a.meta.voided_at, a.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn update(tx: &Transaction, a: &Assessment) -> Result<()> {
    tx.execute(
        "UPDATE assessment SET unit_id = ?2, year = ?3, rating = ?4, score = ?5, remark = ?6, updated_at = ?7, updated_by = ?8 WHERE id = ?1",
        params![a.id, a.unit_id, a.year, a.rating, a.score, a.remark, a.meta.updated_at, a.meta.updated_by],
    )?;
    Ok(())
}

pub fn set_voided(tx: &Transaction, id: &str, at: &str, by: &str, reason: Option<&str>) -> Result<()> {
    super::set_voided(tx, "assessment", id, at, by, reason)
}

/// The live rating of a unit for a year other than `except`: (id, rating).
pub fn live_for(conn: &Connection, unit_id: &str, year: i32, except: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, rating FROM assessment WHERE unit_id = ?1 AND year = ?2 AND id <> ?3 AND voided_at IS NULL",
            params![unit_id, year, except],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Assessment rows as of `today`, by year (newest first) and unit order.
pub fn rows(conn: &Connection, f: &AssessmentFilter, today: &str) -> Result<Vec<AssessmentRow>> {
    rows_where(conn, f, today, &[])
}

/// [`rows`] with further conditions on assessment `a` (a report figure's, `store::report::ratings_drill`).
pub fn rows_where(conn: &Connection, f: &AssessmentFilter, today: &str, extra: &[String]) -> Result<Vec<AssessmentRow>> {
    let mut conds = vec![if f.voided { "a.voided_at IS NOT NULL" } else { "a.voided_at IS NULL" }.to_string()];
    let mut args: Vec<Value> = vec![Value::Text(today.to_string())];
    if let Some(y) = f.year {
        args.push(Value::Integer(i64::from(y)));
        conds.push(format!("a.year = ?{}", args.len()));
    }
    if let Some(u) = f.unit_id.as_deref().filter(|u| !u.is_empty()) {
        args.push(Value::Text(u.to_string()));
        conds.push(format!("a.unit_id = ?{}", args.len()));
    }
    if let Some(r) = f.rating.as_deref().filter(|r| !r.is_empty()) {
        args.push(Value::Text(r.to_string()));
        conds.push(format!("a.rating = ?{}", args.len()));
    }
    conds.extend(extra.iter().cloned());
    let sql = format!(
        "SELECT {COLS}, u.name, hp.person_id, hpe.name, hp.title, st.id, st.date
         FROM assessment a JOIN unit u ON u.id = a.unit_id {heads}
         LEFT JOIN talk st ON st.id = (SELECT t.id FROM talk t WHERE t.assessment_id = a.id AND {HELD_SUMMONS} ORDER BY t.date DESC LIMIT 1)
         WHERE {conds} ORDER BY a.year DESC, u.sort_order, u.name",
        heads = head_join("a.unit_id", "?1"),
        conds = conds.join(" AND "),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        let assessment = assessment_row(r)?;
        Ok(AssessmentRow {
            calls_for_summons: calls_for_summons(&assessment.rating),
            assessment,
            unit_name: r.get(12)?,
            head_person_id: r.get(13)?,
            head_name: r.get(14)?,
            head_title: r.get(15)?,
            summons_talk_id: r.get(16)?,
            summons_talk_date: r.get(17)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Years with live ratings, newest first.
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT DISTINCT year FROM assessment WHERE voided_at IS NULL ORDER BY year DESC")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// 待约谈 as of `today`: live assessments of live units with a rating that calls for a 约谈 and
/// no held 约谈 naming them, oldest year first, at most `limit`, each with the unit's current
/// 一把手; and how many there are. The weak ratings are found through `assessment_rating` (the
/// CROSS JOIN keeps SQLite from walking every unit first), the talk check is one lookup in
/// `talk_assessment`, and the head is looked up only for the entries listed.
pub fn summons_due(conn: &Connection, today: &str, limit: usize) -> Result<(Vec<SummonsDue>, i64)> {
    // Counted over `due` in the same statement (`summons_due_count`, what `jiandu check` uses,
    // counts the same rows); the heads are looked up for the listed only.
    let sql = format!(
        "WITH {due}
         SELECT d.id, d.year, d.rating, d.unit_id, d.uname, hp.person_id, hpe.name, hp.title,
                (SELECT t.id FROM talk t WHERE t.assessment_id = d.id AND t.voided_at IS NULL AND t.state = '计划'
                 ORDER BY t.date LIMIT 1), d.n
         FROM (SELECT l.*, ({head_id}) AS hid FROM (SELECT *, count(*) OVER () AS n FROM due ORDER BY year, so, uname LIMIT {limit}) l) d
         LEFT JOIN position hp ON hp.id = d.hid LEFT JOIN person hpe ON hpe.id = hp.person_id
         ORDER BY d.year, d.so, d.uname",
        due = due_cte(),
        // The listed entries' heads looked up first, then joined: SQLite 3.54 evaluated the
        // look-up inside the join's ON far more slowly (13.6 → 3.1 ms at city scale, issue 13).
        head_id = head_id("l.unit_id", "?1"),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut total = 0;
    let rows = stmt.query_map([today], |r| {
        total = r.get(9)?;
        Ok(SummonsDue {
            assessment_id: r.get(0)?,
            year: r.get(1)?,
            rating: r.get(2)?,
            unit_id: r.get(3)?,
            unit_name: r.get(4)?,
            person_id: r.get(5)?,
            person_name: r.get(6)?,
            title: r.get(7)?,
            planned_talk_id: r.get(8)?,
        })
    })?;
    let list = rows.collect::<rusqlite::Result<_>>()?;
    Ok((list, total))
}

/// How many 待约谈 there are (`summons_due`'s total), for `jiandu check`.
pub fn summons_due_count(conn: &Connection) -> Result<i64> {
    Ok(conn.prepare_cached(&format!("WITH {} SELECT count(*) FROM due", due_cte()))?.query_row([], |r| r.get(0))?)
}

/// The `due` table of `summons_due`: the assessments awaiting their 约谈, with the unit's name and
/// order. Nothing in it depends on the day: a voided unit's ratings drop out, a head is not needed.
fn due_cte() -> String {
    format!(
        "due AS (
            SELECT a.id, a.year, a.rating, a.unit_id, u.name AS uname, u.sort_order AS so
            FROM assessment a CROSS JOIN unit u ON u.id = a.unit_id AND u.voided_at IS NULL
            WHERE a.voided_at IS NULL AND {ratings}
              AND NOT EXISTS (SELECT 1 FROM talk t WHERE t.assessment_id = a.id AND {HELD_SUMMONS}))",
        ratings = summons_ratings_sql("a.rating"),
    )
}

/// Units of `year` rated so as to call for a 约谈, live, with their current 一把手 on `today`:
/// (person id, unit id, title, person name, unit name, unit short name), in unit order. Units
/// without a head are left out: a letter needs someone to go to.
pub type RatedHead = (String, String, String, String, String, String);

pub fn summons_heads(conn: &Connection, year: i32, today: &str) -> Result<Vec<RatedHead>> {
    let sql = format!(
        "SELECT hp.person_id, a.unit_id, hp.title, hpe.name, u.name, u.short_name
         FROM assessment a JOIN unit u ON u.id = a.unit_id AND u.voided_at IS NULL {heads}
         WHERE a.voided_at IS NULL AND a.year = ?2 AND {ratings} AND hp.id IS NOT NULL
         ORDER BY u.sort_order, u.name",
        heads = head_join("a.unit_id", "?1"),
        ratings = summons_ratings_sql("a.rating"),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![today, year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live assessments, for `jiandu check`.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM assessment WHERE voided_at IS NULL", [], |r| r.get(0))?)
}
