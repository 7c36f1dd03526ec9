//! Letters and letter templates: rows in, records out, the next number of a 代字 and year, and the
//! list queries. Rules live in `service::letters`.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

use crate::error::Result;
use crate::model::letters::*;
use crate::model::worklist::{DueLetter, WorkEntity};
use super::{from_label, json_list, label, meta};

// ---------------------------------------------------------------- templates

const TEMPLATE_COLS: &str = "t.id, t.kind, t.name, t.title, t.body, t.cc, t.reply_workdays, t.builtin, \
     t.created_at, t.created_by, t.updated_at, t.updated_by, t.voided_at, t.void_reason";

fn template_row(r: &Row) -> rusqlite::Result<LetterTemplate> {
    Ok(LetterTemplate {
        id: r.get(0)?,
        kind: from_label(1, r.get(1)?)?,
        name: r.get(2)?,
        title: r.get(3)?,
        body: r.get(4)?,
        cc: json_list(5, r.get(5)?)?,
        reply_workdays: r.get(6)?,
        builtin: r.get(7)?,
        meta: meta(r, 8)?,
    })
}

pub fn template_get(conn: &Connection, id: &str) -> Result<Option<LetterTemplate>> {
    Ok(conn.query_row(&format!("SELECT {TEMPLATE_COLS} FROM letter_template t WHERE t.id = ?1"), [id], template_row).optional()?)
}

/// Live templates (or voided ones), built-in first, in their order.
pub fn templates(conn: &Connection, voided: bool) -> Result<Vec<LetterTemplate>> {
    let cond = if voided { "t.voided_at IS NOT NULL" } else { "t.voided_at IS NULL" };
    let mut stmt = conn.prepare(&format!(
        "SELECT {TEMPLATE_COLS} FROM letter_template t WHERE {cond} ORDER BY t.builtin DESC, t.sort_order, t.created_at"
    ))?;
    let rows = stmt.query_map([], template_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn template_name_taken(conn: &Connection, name: &str, except: &str) -> Result<bool> {
    let found: Option<i64> = conn
        .query_row("SELECT 1 FROM letter_template WHERE name = ?1 AND id <> ?2 AND voided_at IS NULL", params![name, except], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}

pub fn template_insert(tx: &Transaction, t: &LetterTemplate) -> Result<()> {
    let order: i64 = tx.query_row("SELECT coalesce(max(sort_order), 0) + 10 FROM letter_template", [], |r| r.get(0))?;
    tx.execute(
        "INSERT INTO letter_template (id, kind, name, title, body, cc, reply_workdays, builtin, sort_order, created_at, created_by, updated_at, \
         updated_by, voided_at, void_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            t.id, label(&t.kind), t.name, t.title, t.body, serde_json::to_string(&t.cc)?, t.reply_workdays, t.builtin, order,
            t.meta.created_at, t.meta.created_by, t.meta.updated_at, t.meta.updated_by, t.meta.voided_at, t.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn template_update(tx: &Transaction, t: &LetterTemplate) -> Result<()> {
    tx.execute(
        "UPDATE letter_template SET kind = ?2, name = ?3, title = ?4, body = ?5, cc = ?6, reply_workdays = ?7, updated_at = ?8, updated_by = ?9 \
         WHERE id = ?1",
        params![t.id, label(&t.kind), t.name, t.title, t.body, serde_json::to_string(&t.cc)?, t.reply_workdays, t.meta.updated_at, t.meta.updated_by],
    )?;
    Ok(())
}

/// Voids (reason given) or restores (None) a template or a letter. Table names are fixed here.
pub fn set_voided(tx: &Transaction, template: bool, id: &str, at: &str, by: &str, reason: Option<&str>) -> Result<()> {
    super::set_voided(tx, if template { "letter_template" } else { "letter" }, id, at, by, reason)
}

// ---------------------------------------------------------------- letters

const LETTER_COLS: &str = "l.id, l.kind, l.template_id, l.number, l.code, l.year, l.seq, l.title, l.recipient_unit_id, l.recipient_person_id, \
     l.recipient, l.body, l.cc, l.contact, l.signed_date, l.reply_due_workdays, l.reply_due_date, l.due_estimated, l.delivered_date, \
     l.replied_date, l.reply_number, l.reply_summary, l.closed_date, l.state, l.batch_id, l.follow_up_of, \
     l.created_at, l.created_by, l.updated_at, l.updated_by, l.voided_at, l.void_reason";

fn letter_row(r: &Row) -> rusqlite::Result<Letter> {
    Ok(Letter {
        id: r.get(0)?,
        kind: from_label(1, r.get(1)?)?,
        template_id: r.get(2)?,
        number: r.get(3)?,
        code: r.get(4)?,
        year: r.get(5)?,
        seq: r.get(6)?,
        title: r.get(7)?,
        recipient_unit_id: r.get(8)?,
        recipient_person_id: r.get(9)?,
        recipient: r.get(10)?,
        body: r.get(11)?,
        cc: json_list(12, r.get(12)?)?,
        contact: r.get(13)?,
        signed_date: r.get(14)?,
        reply_due_workdays: r.get(15)?,
        reply_due_date: r.get(16)?,
        due_estimated: r.get(17)?,
        delivered_date: r.get(18)?,
        replied_date: r.get(19)?,
        reply_number: r.get(20)?,
        reply_summary: r.get(21)?,
        closed_date: r.get(22)?,
        state: from_label(23, r.get(23)?)?,
        batch_id: r.get(24)?,
        follow_up_of: r.get(25)?,
        meta: meta(r, 26)?,
    })
}

pub fn letter_get(conn: &Connection, id: &str) -> Result<Option<Letter>> {
    Ok(conn.query_row(&format!("SELECT {LETTER_COLS} FROM letter l WHERE l.id = ?1"), [id], letter_row).optional()?)
}

pub fn letter_by_number(conn: &Connection, number: &str) -> Result<Option<Letter>> {
    Ok(conn.query_row(&format!("SELECT {LETTER_COLS} FROM letter l WHERE l.number = ?1"), [number], letter_row).optional()?)
}

/// Signed letters of a year (voided ones apart), in number order.
pub fn signed_of_year(conn: &Connection, year: i32) -> Result<Vec<Letter>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {LETTER_COLS} FROM letter l WHERE l.year = ?1 AND l.number IS NOT NULL AND l.voided_at IS NULL ORDER BY l.code, l.seq"
    ))?;
    let rows = stmt.query_map([year], letter_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn letter_insert(tx: &Transaction, l: &Letter) -> Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO letter ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, \
             ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)",
            LETTER_COLS.replace("l.", "")
        ),
        params![
            l.id, label(&l.kind), l.template_id, l.number, l.code, l.year, l.seq, l.title, l.recipient_unit_id, l.recipient_person_id,
            l.recipient, l.body, serde_json::to_string(&l.cc)?, l.contact, l.signed_date, l.reply_due_workdays, l.reply_due_date,
            l.due_estimated, l.delivered_date, l.replied_date, l.reply_number, l.reply_summary, l.closed_date, label(&l.state), l.batch_id,
            l.follow_up_of, l.meta.created_at, l.meta.created_by, l.meta.updated_at, l.meta.updated_by, l.meta.voided_at, l.meta.void_reason
        ],
    )?;
    Ok(())
}

/// Writes every field but the meta's creation and void columns.
pub fn letter_update(tx: &Transaction, l: &Letter) -> Result<()> {
    tx.execute(
        "UPDATE letter SET kind = ?2, template_id = ?3, number = ?4, code = ?5, year = ?6, seq = ?7, title = ?8, recipient_unit_id = ?9, \
         recipient_person_id = ?10, recipient = ?11, body = ?12, cc = ?13, contact = ?14, signed_date = ?15, reply_due_workdays = ?16, \
         reply_due_date = ?17, due_estimated = ?18, delivered_date = ?19, replied_date = ?20, reply_number = ?21, reply_summary = ?22, \
         closed_date = ?23, state = ?24, batch_id = ?25, follow_up_of = ?26, updated_at = ?27, updated_by = ?28 WHERE id = ?1",
        params![
            l.id, label(&l.kind), l.template_id, l.number, l.code, l.year, l.seq, l.title, l.recipient_unit_id, l.recipient_person_id,
            l.recipient, l.body, serde_json::to_string(&l.cc)?, l.contact, l.signed_date, l.reply_due_workdays, l.reply_due_date,
            l.due_estimated, l.delivered_date, l.replied_date, l.reply_number, l.reply_summary, l.closed_date, label(&l.state), l.batch_id,
            l.follow_up_of, l.meta.updated_at, l.meta.updated_by
        ],
    )?;
    Ok(())
}

/// The next sequence number of a 代字 in a year: one past the highest ever given, voided
/// letters included, so no number is given twice.
pub fn next_seq(conn: &Connection, code: &str, year: i32) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) + 1 FROM letter WHERE code = ?1 AND year = ?2 AND seq IS NOT NULL", params![code, year], |r| {
        r.get(0)
    })?)
}

// ---------------------------------------------------------------- list rows

/// Expects `?1` bound to today. Awaiting a reply, past the due date, not voided.
pub(crate) const OVERDUE: &str = "(l.state IN ('已签发', '已送达') AND l.voided_at IS NULL AND l.reply_due_date IS NOT NULL AND l.reply_due_date < ?1)";

const ROW_COLS: &str = "l.id, l.kind, l.number, l.year, l.seq, l.title, l.recipient, u.name, p.name, l.state, l.signed_date, l.delivered_date, \
     l.reply_due_date, l.reply_due_workdays, l.due_estimated, l.replied_date, l.closed_date, l.batch_id, l.follow_up_of, l.voided_at, l.void_reason, \
     (SELECT count(*) FROM rectification_item i WHERE i.origin_kind = '函件' AND i.origin_id = l.id AND i.voided_at IS NULL), \
     (SELECT count(*) FROM rectification_item i WHERE i.origin_kind = '函件' AND i.origin_id = l.id AND i.voided_at IS NULL AND i.status = '整改中')";
const ROW_JOIN: &str = "letter l LEFT JOIN unit u ON u.id = l.recipient_unit_id LEFT JOIN person p ON p.id = l.recipient_person_id";

fn list_row(r: &Row, today: chrono::NaiveDate) -> rusqlite::Result<LetterRow> {
    let state: LetterState = from_label(9, r.get(9)?)?;
    let due: Option<String> = r.get(12)?;
    let voided_at: Option<String> = r.get(19)?;
    let awaiting = matches!(state, LetterState::Signed | LetterState::Delivered) && voided_at.is_none();
    let days_left = due
        .as_deref()
        .and_then(crate::model::validate::parse_date)
        .filter(|_| awaiting)
        .map(|d| (d - today).num_days());
    Ok(LetterRow {
        id: r.get(0)?,
        kind: from_label(1, r.get(1)?)?,
        number: r.get(2)?,
        year: r.get(3)?,
        seq: r.get(4)?,
        title: r.get(5)?,
        recipient: r.get(6)?,
        unit_name: r.get(7)?,
        person_name: r.get(8)?,
        state,
        signed_date: r.get(10)?,
        delivered_date: r.get(11)?,
        reply_due_date: due,
        reply_due_workdays: r.get(13)?,
        due_estimated: r.get(14)?,
        replied_date: r.get(15)?,
        closed_date: r.get(16)?,
        batch_id: r.get(17)?,
        follow_up_of: r.get(18)?,
        overdue: days_left.is_some_and(|d| d < 0),
        days_left,
        voided: voided_at.is_some(),
        voided_at,
        void_reason: r.get(20)?,
        items: r.get(21)?,
        open_items: r.get(22)?,
    })
}

/// Letters matching the filter: signed ones newest number first, drafts on top.
pub fn letter_rows(conn: &Connection, f: &LetterFilter, today: chrono::NaiveDate) -> Result<Vec<LetterRow>> {
    letter_rows_where(conn, f, today, &[])
}

/// [`letter_rows`] with further conditions on letter `l` (a report figure's, `store::report::letters_drill`).
pub fn letter_rows_where(conn: &Connection, f: &LetterFilter, today: chrono::NaiveDate, extra: &[String]) -> Result<Vec<LetterRow>> {
    let mut args: Vec<Value> = Vec::new();
    let mut cond = vec![if f.voided { "l.voided_at IS NOT NULL" } else { "l.voided_at IS NULL" }.to_string()];
    let mut push = |args: &mut Vec<Value>, sql: &str, v: Value| {
        args.push(v);
        cond.push(sql.replace('?', &format!("?{}", args.len())));
    };
    if let Some(y) = f.year {
        push(&mut args, "coalesce(l.year, CAST(substr(l.created_at, 1, 4) AS INTEGER)) = ?", Value::Integer(y as i64));
    }
    if let Some(k) = f.kind {
        push(&mut args, "l.kind = ?", Value::Text(label(&k)));
    }
    if let Some(s) = f.state {
        push(&mut args, "l.state = ?", Value::Text(label(&s)));
    }
    if let Some(u) = f.unit_id.as_deref().filter(|s| !s.is_empty()) {
        push(&mut args, "l.recipient_unit_id = ?", Value::Text(u.to_string()));
    }
    if let Some(p) = f.person_id.as_deref().filter(|s| !s.is_empty()) {
        push(&mut args, "l.recipient_person_id = ?", Value::Text(p.to_string()));
    }
    let q = f.query.trim();
    if !q.is_empty() {
        let like = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        push(
            &mut args,
            "(coalesce(l.number, '') || '|' || l.title || '|' || l.recipient || '|' || coalesce(u.name, '') || '|' || coalesce(p.name, '')) LIKE ? ESCAPE '\\'",
            Value::Text(like),
        );
    }
    if f.overdue_only {
        args.push(Value::Text(crate::model::validate::format_date(today)));
        cond.push(OVERDUE.replace("?1", &format!("?{}", args.len())));
    }
    cond.extend(extra.iter().cloned());
    let sql = format!(
        "SELECT {ROW_COLS} FROM {ROW_JOIN} WHERE {} ORDER BY l.number IS NOT NULL, l.year DESC, l.code, l.seq DESC, l.created_at DESC",
        cond.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| list_row(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Rows of the given letters (any state), in the order asked.
pub fn rows_by_id(conn: &Connection, ids: &[String], today: chrono::NaiveDate) -> Result<Vec<LetterRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {ROW_COLS} FROM {ROW_JOIN} WHERE l.id = ?1"))?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(row) = stmt.query_row([id], |r| list_row(r, today)).optional()? {
            out.push(row);
        }
    }
    Ok(out)
}

/// Ids of letters pointing at `id` as their original (催办), oldest first.
pub fn follow_up_ids(conn: &Connection, id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM letter WHERE follow_up_of = ?1 ORDER BY created_at")?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn batch_ids(conn: &Connection, batch: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM letter WHERE batch_id = ?1 ORDER BY seq, created_at")?;
    let rows = stmt.query_map([batch], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (live letters, live drafts, 逾期未复 today).
pub fn counts(conn: &Connection, today: &str) -> Result<(i64, i64, i64)> {
    Ok(conn.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(l.state = '草稿'), 0), coalesce(sum({OVERDUE}), 0) FROM letter l WHERE l.voided_at IS NULL"
        ),
        [today],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

/// Current 一把手 (person, unit, title, unit name, unit short name, unit category) in unit order.
pub type HeadRow = (String, String, String, String, String, String, String);

/// Current 一把手 with their names, for recipient presets: (person id, unit id, title, person
/// name, unit name, unit short name, unit category label).
pub fn heads_with_names(conn: &Connection, today: &str) -> Result<Vec<HeadRow>> {
    // Letters go to units in operation: a merged or abolished unit's head gets none.
    let mut stmt = conn.prepare(&format!(
        "SELECT po.person_id, po.unit_id, po.title, pe.name, u.name, u.short_name, u.category FROM position po \
         JOIN person pe ON pe.id = po.person_id JOIN unit u ON u.id = po.unit_id \
         WHERE {} AND u.status = '正常' \
         ORDER BY u.sort_order, u.name, pe.name",
        super::current_head("po", "?1")
    ))?;
    let rows = stmt.query_map([today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Letters awaiting a reply (signed or delivered, not voided) due on or before `week_ahead`,
/// overdue ones included, earliest due first, at most `limit`; with how many there are and how many
/// are past `today` (逾期未复). The conditions match the partial index `letter_awaiting`.
pub fn awaiting_reply(conn: &Connection, today: chrono::NaiveDate, week_ahead: &str, limit: usize) -> Result<(Vec<DueLetter>, i64, i64)> {
    const AWAITING: &str = "l.state IN ('已签发', '已送达') AND l.voided_at IS NULL AND l.reply_due_date <= ?1";
    let (total, overdue): (i64, i64) = conn
        .prepare_cached(&format!("SELECT count(*), coalesce(sum(l.reply_due_date < ?2), 0) FROM letter l WHERE {AWAITING}"))?
        .query_row(params![week_ahead, crate::model::validate::format_date(today)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id, l.kind, l.state, coalesce(l.number, ''), l.title, l.recipient, u.name, p.name, l.reply_due_date, l.due_estimated
         FROM {ROW_JOIN} WHERE {AWAITING} ORDER BY l.reply_due_date, l.year, l.code, l.seq LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![week_ahead, limit as i64], |r| {
        let reply_due_date: String = r.get(8)?;
        let days_left = crate::model::validate::parse_date(&reply_due_date).map(|d| (d - today).num_days()).unwrap_or(0);
        Ok(DueLetter {
            entity: WorkEntity::Letter,
            id: r.get(0)?,
            kind: from_label(1, r.get(1)?)?,
            state: from_label(2, r.get(2)?)?,
            number: r.get(3)?,
            title: r.get(4)?,
            recipient: r.get(5)?,
            unit_name: r.get(6)?,
            person_name: r.get(7)?,
            reply_due_date,
            due_estimated: r.get(9)?,
            overdue: days_left < 0,
            days_left,
        })
    })?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total, overdue))
}
