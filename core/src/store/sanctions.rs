//! 处分 (sanctions): rows in, records out, and who is inside an effect period on a day (always
//! through `sanction_in_effect`). No rules here; they live in `service::sanctions`.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::{from_label, label, meta, sanction_in_effect};
use crate::error::Result;
use crate::model::sanctions::{effect_flag_of, kind_label, Sanction, SanctionInEffect, SanctionKindName, SanctionView, KIND_NAMES_KEY};

/// The office's display names of the kinds (settings), none when never saved.
pub fn kind_names(conn: &Connection) -> Result<Vec<SanctionKindName>> {
    match super::get_setting(conn, KIND_NAMES_KEY)? {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => Ok(Vec::new()),
    }
}

const COLS: &str = "sa.id, sa.person_id, sa.category, sa.kind, sa.probation_months, sa.decision_date, sa.decision_number, \
     sa.deciding_body, sa.reason, sa.form, sa.effect_end, \
     sa.created_at, sa.created_by, sa.updated_at, sa.updated_by, sa.voided_at, sa.void_reason";

fn row(r: &Row) -> rusqlite::Result<Sanction> {
    let form: Option<String> = r.get(9)?;
    Ok(Sanction {
        id: r.get(0)?,
        person_id: r.get(1)?,
        category: from_label(2, r.get(2)?)?,
        kind: r.get(3)?,
        probation_months: r.get(4)?,
        decision_date: r.get(5)?,
        decision_number: r.get(6)?,
        deciding_body: r.get(7)?,
        reason: r.get(8)?,
        form: form.map(|f| from_label(9, f)).transpose()?,
        effect_end: r.get(10)?,
        meta: meta(r, 11)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Sanction>> {
    Ok(conn.query_row(&format!("SELECT {COLS} FROM sanction sa WHERE sa.id = ?1"), [id], row).optional()?)
}

pub fn insert(tx: &Transaction, s: &Sanction) -> Result<()> {
    tx.execute(
        "INSERT INTO sanction (id, person_id, category, kind, probation_months, decision_date, decision_number, deciding_body, reason, \
         form, effect_end, created_at, created_by, updated_at, updated_by, voided_at, void_reason) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            s.id, s.person_id, label(&s.category), s.kind, s.probation_months, s.decision_date, s.decision_number, s.deciding_body,
            s.reason, s.form.as_ref().map(label), s.effect_end, s.meta.created_at, s.meta.created_by, s.meta.updated_at,
            s.meta.updated_by, s.meta.voided_at, s.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn update(tx: &Transaction, s: &Sanction) -> Result<()> {
    tx.execute(
        "UPDATE sanction SET person_id = ?2, category = ?3, kind = ?4, probation_months = ?5, decision_date = ?6, decision_number = ?7, \
         deciding_body = ?8, reason = ?9, form = ?10, effect_end = ?11, updated_at = ?12, updated_by = ?13 WHERE id = ?1",
        params![
            s.id, s.person_id, label(&s.category), s.kind, s.probation_months, s.decision_date, s.decision_number, s.deciding_body,
            s.reason, s.form.as_ref().map(label), s.effect_end, s.meta.updated_at, s.meta.updated_by
        ],
    )?;
    Ok(())
}

pub fn void(tx: &Transaction, id: &str, at: &str, by: &str, reason: Option<&str>) -> Result<()> {
    super::set_voided(tx, "sanction", id, at, by, reason)
}

/// A person's sanctions, newest decision first, each with whether it is in effect on `today`.
pub fn of_person(conn: &Connection, person_id: &str, today: &str) -> Result<Vec<SanctionView>> {
    let sql = format!(
        "SELECT {COLS}, pe.name, {} FROM sanction sa JOIN person pe ON pe.id = sa.person_id \
         WHERE sa.person_id = ?1 ORDER BY sa.voided_at IS NOT NULL, sa.decision_date DESC, sa.created_at DESC",
        sanction_in_effect("sa", "?2")
    );
    let names = kind_names(conn)?;
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![person_id, today], |r| {
        let sanction = row(r)?;
        let in_effect: bool = r.get(18)?;
        let flag = if in_effect { sanction.effect_end.as_deref().and_then(effect_flag_of) } else { None };
        let kind_label = kind_label(&names, sanction.category, &sanction.kind);
        Ok(SanctionView { sanction, person_name: r.get(17)?, in_effect, flag, kind_label })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The last day of the longest effect period `person_id` is inside on `today`, if any.
pub fn person_in_effect_until(conn: &Connection, person_id: &str, today: &str) -> Result<Option<String>> {
    Ok(conn.query_row(
        &format!("SELECT max(sa.effect_end) FROM sanction sa WHERE sa.person_id = ?1 AND {}", sanction_in_effect("sa", "?2")),
        params![person_id, today],
        |r| r.get(0),
    )?)
}

/// Live people inside an effect period on `today`, the soonest to end first, at most `limit`,
/// with the total. One row per person: their longest-running sanction. The partial index
/// `sanction_in_effect` serves the range on effect_end.
pub fn in_effect(conn: &Connection, today: &str, limit: i64) -> Result<(Vec<SanctionInEffect>, i64)> {
    let cond = sanction_in_effect("sa", "?1");
    // SQLite's bare-column rule: with max(), the other columns come from the row holding the max.
    // The number of people (groups) is counted over the grouped rows in the same statement.
    let sql = format!(
        "SELECT g.*, count(*) OVER () FROM (
             SELECT sa.person_id, pe.name, sa.id, sa.category, sa.kind, sa.decision_date, max(sa.effect_end) AS until, pe.name_pinyin AS py
             FROM sanction sa JOIN person pe ON pe.id = sa.person_id
             WHERE {cond} AND pe.voided_at IS NULL GROUP BY sa.person_id) g
         ORDER BY g.until, g.py, g.person_id LIMIT ?2"
    );
    let names = kind_names(conn)?;
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut total = 0;
    let rows = stmt.query_map(params![today, limit], |r| {
        total = r.get(8)?;
        let effect_end: String = r.get(6)?;
        let category = from_label(3, r.get(3)?)?;
        let kind: String = r.get(4)?;
        Ok(SanctionInEffect {
            person_id: r.get(0)?,
            person_name: r.get(1)?,
            sanction_id: r.get(2)?,
            kind_label: kind_label(&names, category, &kind),
            category,
            kind,
            decision_date: r.get(5)?,
            flag: effect_flag_of(&effect_end).unwrap_or_default(),
            effect_end,
        })
    })?;
    let list = rows.collect::<rusqlite::Result<_>>()?;
    Ok((list, total))
}

/// Live sanctions, and how many are in effect on `today` (for `jiandu check`).
pub fn counts(conn: &Connection, today: NaiveDate) -> Result<(i64, i64)> {
    let today = crate::model::validate::format_date(today);
    Ok(conn.query_row(
        &format!(
            "SELECT count(*), coalesce(sum({}), 0) FROM sanction sa WHERE sa.voided_at IS NULL",
            sanction_in_effect("sa", "?1")
        ),
        [today],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
