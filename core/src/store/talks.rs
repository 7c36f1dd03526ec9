//! Talks, their subjects and points, rectification items and progress, the talk plan, office
//! calendar years, and the worklist queries: rows in, records out. Rules live in `service::talks`.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

use chrono::NaiveDate;

use crate::calendar::{CalendarYear, CalendarYearView, Holiday};
use crate::error::Result;
use crate::model::items::*;
use crate::model::talks::*;
use crate::model::worklist::*;
pub use super::label;
use super::{current_head, current_position, from_label, json_list, meta};

/// Tables of this module whose rows can be voided. Names are fixed here, never taken from input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Talk,
    Item,
    Plan,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Talk => "talk",
            Table::Item => "rectification_item",
            Table::Plan => "talk_plan",
        }
    }
}

pub fn void(tx: &Transaction, table: Table, id: &str, at: &str, by: &str, reason: &str) -> Result<()> {
    super::set_voided(tx, table.name(), id, at, by, Some(reason))?;
    kept_figures(tx, table, id)
}

pub fn restore(tx: &Transaction, table: Table, id: &str, at: &str, by: &str) -> Result<()> {
    super::set_voided(tx, table.name(), id, at, by, None)?;
    kept_figures(tx, table, id)
}

/// A talk or item was voided or restored: the figures kept on write follow.
fn kept_figures(tx: &Transaction, table: Table, id: &str) -> Result<()> {
    match table {
        Table::Talk => refresh_last_supervision(tx, id),
        Table::Item => {
            let date: Option<String> = tx.query_row("SELECT origin_date FROM rectification_item WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            date.map_or(Ok(()), |d| retally_items(tx, &d))
        }
        Table::Plan => Ok(()),
    }
}

/// Recounts `item_day_tally`'s row for one origin date from the items (the index alone).
pub fn retally_items(tx: &Transaction, origin_date: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM item_day_tally WHERE origin_date = ?1")?.execute([origin_date])?;
    tx.prepare_cached(concat!(
        "INSERT INTO item_day_tally (origin_date, total, closed) ",
        item_day_tally_select!(),
        " AND origin_date = ?1 GROUP BY origin_date"
    ))?
    .execute([origin_date])?;
    Ok(())
}

/// Rebuilds the whole tally, as migration 6 did (for bulk inserts made around the store).
pub fn rebuild_item_tally(conn: &Connection) -> Result<()> {
    conn.execute_batch(concat!(
        "DELETE FROM item_day_tally; INSERT INTO item_day_tally (origin_date, total, closed) ",
        item_day_tally_select!(),
        " GROUP BY origin_date;"
    ))?;
    Ok(())
}

pub(crate) const HELD_SUPERVISION: &str = held_supervision!();

// ---- speed (issue 13): each person's last held 监督谈话, kept on write
/// Recomputes `person_last_supervision` for everyone who is or ever was a subject of the talk
/// (voided subject rows included, so a person removed from the talk is recomputed too). Called by
/// every store write that can change a talk's kind, state, date, voiding or subjects, inside the
/// caller's transaction.
pub fn refresh_last_supervision(tx: &Transaction, talk_id: &str) -> Result<()> {
    let mut stmt = tx.prepare_cached("SELECT DISTINCT person_id FROM talk_subject WHERE talk_id = ?1")?;
    let people: Vec<String> = stmt.query_map([talk_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut last = tx.prepare_cached(&format!(
        "SELECT t.id, t.date FROM talk_subject s JOIN talk t ON t.id = s.talk_id WHERE s.person_id = ?1 AND s.voided_at IS NULL AND {HELD_SUPERVISION} \
         ORDER BY t.date DESC, t.id DESC LIMIT 1"
    ))?;
    let mut put = tx.prepare_cached(
        "INSERT INTO person_last_supervision (person_id, talk_id, date) VALUES (?1, ?2, ?3) \
         ON CONFLICT(person_id) DO UPDATE SET talk_id = excluded.talk_id, date = excluded.date",
    )?;
    let mut drop = tx.prepare_cached("DELETE FROM person_last_supervision WHERE person_id = ?1")?;
    for person in people {
        match last.query_row([&person], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).optional()? {
            Some((talk, date)) => put.execute(params![person, talk, date])?,
            None => drop.execute([&person])?,
        };
    }
    Ok(())
}

/// Rebuilds the whole table from the talks, as migration 6 did: for data written around the store
/// (the benches' bulk inserts) and for the test that the kept figure equals the computed one.
pub fn rebuild_last_supervision(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "DELETE FROM person_last_supervision;
         INSERT INTO person_last_supervision (person_id, talk_id, date)
            SELECT person_id, id, date FROM (
                SELECT s.person_id, t.id, t.date, row_number() OVER (PARTITION BY s.person_id ORDER BY t.date DESC, t.id DESC) AS n
                FROM talk_subject s JOIN talk t ON t.id = s.talk_id WHERE s.voided_at IS NULL AND {HELD_SUPERVISION})
            WHERE n = 1;"
    ))?;
    Ok(())
}

/// "Had a held 监督谈话 dated in (`after`, `upto`]" for the person in column `person`, read from
/// the kept last date: a last date inside the window says yes, one before it says no, and only a
/// last date after the window (a talk recorded with a later date) asks the talks themselves.
/// `after` is exclusive when `after_inclusive` is false. Parameters are SQL expressions.
fn held_in_window(person: &str, after: &str, after_inclusive: bool, upto: &str) -> String {
    let ge = if after_inclusive { ">=" } else { ">" };
    format!(
        "coalesce((SELECT CASE WHEN l.date <= {upto} THEN l.date {ge} {after} ELSE EXISTS (SELECT 1 FROM talk_subject s JOIN talk t ON t.id = s.talk_id \
            WHERE s.person_id = l.person_id AND s.voided_at IS NULL AND {HELD_SUPERVISION} AND t.date {ge} {after} AND t.date <= {upto}) END \
         FROM person_last_supervision l WHERE l.person_id = {person}), 0)"
    )
}
// ---- end speed

// ---------------------------------------------------------------- talks

const TALK_COLS: &str = "t.id, t.kind, t.state, t.date, t.place, t.conductor_person_id, t.conductor_role, t.recorder, t.attendees, t.source, \
     t.focus_areas, t.outline, t.statement, t.commitment_signed, t.created_at, t.created_by, t.updated_at, t.updated_by, t.voided_at, t.void_reason, t.assessment_id, t.clue_id";

fn talk_row(r: &Row) -> rusqlite::Result<Talk> {
    Ok(Talk {
        id: r.get(0)?,
        kind: from_label(1, r.get(1)?)?,
        state: from_label(2, r.get(2)?)?,
        date: r.get(3)?,
        place: r.get(4)?,
        conductor_person_id: r.get(5)?,
        conductor_role: r.get(6)?,
        recorder: r.get(7)?,
        attendees: r.get(8)?,
        source: r.get(9)?,
        focus_areas: json_list(10, r.get(10)?)?,
        outline: r.get(11)?,
        statement: r.get(12)?,
        commitment_signed: r.get(13)?,
        assessment_id: r.get(20)?,
        clue_id: r.get(21)?,
        problems: Vec::new(),
        remedies: Vec::new(),
        meta: meta(r, 14)?,
    })
}

pub fn talk_get(conn: &Connection, id: &str) -> Result<Option<Talk>> {
    let Some(mut talk) = conn.query_row(&format!("SELECT {TALK_COLS} FROM talk t WHERE t.id = ?1"), [id], talk_row).optional()? else {
        return Ok(None);
    };
    talk.problems = points(conn, id, "problem")?;
    talk.remedies = points(conn, id, "remedy")?;
    Ok(Some(talk))
}

fn points(conn: &Connection, talk_id: &str, list: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT text FROM talk_point WHERE talk_id = ?1 AND list = ?2 AND voided_at IS NULL ORDER BY seq")?;
    let rows = stmt.query_map(params![talk_id, list], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn talk_insert(tx: &Transaction, t: &Talk) -> Result<()> {
    tx.execute(
        "INSERT INTO talk (id, kind, state, date, place, conductor_person_id, conductor_role, recorder, attendees, source, focus_areas, outline, \
         statement, commitment_signed, created_at, created_by, updated_at, updated_by, voided_at, void_reason, assessment_id, clue_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
        params![
            t.id, label(&t.kind), label(&t.state), t.date, t.place, t.conductor_person_id, t.conductor_role, t.recorder, t.attendees, t.source,
            serde_json::to_string(&t.focus_areas)?, t.outline, t.statement, t.commitment_signed, t.meta.created_at, t.meta.created_by,
            t.meta.updated_at, t.meta.updated_by, t.meta.voided_at, t.meta.void_reason, t.assessment_id, t.clue_id
        ],
    )?;
    save_points(tx, &t.id, "problem", &t.problems, &t.meta.updated_at)?;
    save_points(tx, &t.id, "remedy", &t.remedies, &t.meta.updated_at)?;
    refresh_last_supervision(tx, &t.id)
}

pub fn talk_update(tx: &Transaction, t: &Talk) -> Result<()> {
    tx.execute(
        "UPDATE talk SET kind = ?2, state = ?3, date = ?4, place = ?5, conductor_person_id = ?6, conductor_role = ?7, recorder = ?8, \
         attendees = ?9, source = ?10, focus_areas = ?11, outline = ?12, statement = ?13, commitment_signed = ?14, updated_at = ?15, \
         updated_by = ?16, assessment_id = ?17, clue_id = ?18 WHERE id = ?1",
        params![
            t.id, label(&t.kind), label(&t.state), t.date, t.place, t.conductor_person_id, t.conductor_role, t.recorder, t.attendees, t.source,
            serde_json::to_string(&t.focus_areas)?, t.outline, t.statement, t.commitment_signed, t.meta.updated_at, t.meta.updated_by,
            t.assessment_id, t.clue_id
        ],
    )?;
    save_points(tx, &t.id, "problem", &t.problems, &t.meta.updated_at)?;
    save_points(tx, &t.id, "remedy", &t.remedies, &t.meta.updated_at)?;
    refresh_last_supervision(tx, &t.id)
}

pub fn talk_set_state(tx: &Transaction, id: &str, state: TalkState, at: &str, by: &str) -> Result<()> {
    tx.execute("UPDATE talk SET state = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1", params![id, label(&state), at, by])?;
    refresh_last_supervision(tx, id)
}

/// Writes an ordered list in place: rows 0..n take the new texts, a shorter list voids the tail.
fn save_points(tx: &Transaction, talk_id: &str, list: &str, texts: &[String], at: &str) -> Result<()> {
    let mut up = tx.prepare_cached(
        "INSERT INTO talk_point (talk_id, list, seq, text, voided_at) VALUES (?1, ?2, ?3, ?4, NULL) \
         ON CONFLICT(talk_id, list, seq) DO UPDATE SET text = excluded.text, voided_at = NULL",
    )?;
    for (seq, text) in texts.iter().enumerate() {
        up.execute(params![talk_id, list, seq as i64, text])?;
    }
    tx.execute(
        "UPDATE talk_point SET voided_at = ?4 WHERE talk_id = ?1 AND list = ?2 AND seq >= ?3 AND voided_at IS NULL",
        params![talk_id, list, texts.len() as i64, at],
    )?;
    Ok(())
}

/// (person id, unit id, title) of each subject, in order.
pub type SubjectRow = (String, Option<String>, String);

pub fn save_subjects(tx: &Transaction, talk_id: &str, subjects: &[SubjectRow], at: &str) -> Result<()> {
    tx.execute("UPDATE talk_subject SET voided_at = ?2 WHERE talk_id = ?1 AND voided_at IS NULL", params![talk_id, at])?;
    let mut up = tx.prepare_cached(
        "INSERT INTO talk_subject (talk_id, person_id, unit_id, title, seq, voided_at) VALUES (?1, ?2, ?3, ?4, ?5, NULL) \
         ON CONFLICT(talk_id, person_id) DO UPDATE SET unit_id = excluded.unit_id, title = excluded.title, seq = excluded.seq, voided_at = NULL",
    )?;
    for (seq, (person, unit, title)) in subjects.iter().enumerate() {
        up.execute(params![talk_id, person, unit, title, seq as i64])?;
    }
    refresh_last_supervision(tx, talk_id)
}

pub fn subjects_of(conn: &Connection, talk_id: &str) -> Result<Vec<TalkSubject>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.person_id, p.name, s.unit_id, u.name, s.title FROM talk_subject s JOIN person p ON p.id = s.person_id \
         LEFT JOIN unit u ON u.id = s.unit_id WHERE s.talk_id = ?1 AND s.voided_at IS NULL ORDER BY s.seq",
    )?;
    let rows = stmt.query_map([talk_id], |r| {
        Ok(TalkSubject { person_id: r.get(0)?, person_name: r.get(1)?, unit_id: r.get(2)?, unit_name: r.get(3)?, title: r.get(4)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The unit and title a person holds today, the 一把手 position first: a subject's default unit.
pub fn current_post(conn: &Connection, person_id: &str, on: &str, unit_id: Option<&str>) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT po.unit_id, po.title FROM position po WHERE po.person_id = ?1 AND {} \
                 AND (?3 IS NULL OR po.unit_id = ?3) ORDER BY po.is_head DESC, po.is_leadership DESC, po.start_date DESC LIMIT 1",
                current_position("po", "?2")
            ),
            params![person_id, on, unit_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn person_name(conn: &Connection, id: &str) -> Result<Option<(String, bool)>> {
    Ok(conn
        .query_row("SELECT name, voided_at IS NOT NULL FROM person WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn unit_name(conn: &Connection, id: &str) -> Result<Option<(String, bool)>> {
    Ok(conn
        .query_row("SELECT name, voided_at IS NOT NULL FROM unit WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

const SUBJECT_NAMES: &str = "(SELECT group_concat(name, '、') FROM (SELECT p.name FROM talk_subject s JOIN person p ON p.id = s.person_id \
     WHERE s.talk_id = t.id AND s.voided_at IS NULL ORDER BY s.seq))";
const SUBJECT_UNITS: &str = "(SELECT group_concat(n, '、') FROM (SELECT DISTINCT coalesce(nullif(u.short_name, ''), u.name) AS n \
     FROM talk_subject s JOIN unit u ON u.id = s.unit_id WHERE s.talk_id = t.id AND s.voided_at IS NULL))";

/// Talks matching the filter, newest first. `today` decides which items are overdue.
pub fn talk_rows(conn: &Connection, f: &TalkFilter, today: &str) -> Result<Vec<TalkRow>> {
    talk_rows_where(conn, f, today, &[])
}

/// [`talk_rows`] with further conditions on talk `t` (a report figure's, `store::report::talks_drill`).
pub fn talk_rows_where(conn: &Connection, f: &TalkFilter, today: &str, extra: &[String]) -> Result<Vec<TalkRow>> {
    let mut args: Vec<Value> = vec![Value::Text(today.to_string())];
    // Written out (not bound) so that the partial indexes on live talks apply.
    let mut cond = vec![if f.voided { "t.voided_at IS NOT NULL" } else { "t.voided_at IS NULL" }.to_string()];
    let mut push = |args: &mut Vec<Value>, sql: &str, v: Value| {
        args.push(v);
        cond.push(sql.replace('?', &format!("?{}", args.len())));
    };
    if let Some(y) = f.year {
        push(&mut args, "t.date >= ?", Value::Text(format!("{y:04}-01-01")));
        push(&mut args, "t.date <= ?", Value::Text(format!("{y:04}-12-31")));
    }
    if let Some(k) = f.kind {
        push(&mut args, "t.kind = ?", Value::Text(label(&k)));
    }
    if let Some(s) = f.state {
        push(&mut args, "t.state = ?", Value::Text(label(&s)));
    }
    if let Some(c) = f.conductor_person_id.as_deref().filter(|c| !c.is_empty()) {
        push(&mut args, "t.conductor_person_id = ?", Value::Text(c.to_string()));
    }
    if let Some(u) = f.unit_id.as_deref().filter(|c| !c.is_empty()) {
        push(
            &mut args,
            "t.id IN (SELECT s.talk_id FROM talk_subject s WHERE s.unit_id = ? AND s.voided_at IS NULL)",
            Value::Text(u.to_string()),
        );
    }
    if let Some(p) = f.person_id.as_deref().filter(|c| !c.is_empty()) {
        push(
            &mut args,
            "t.id IN (SELECT s.talk_id FROM talk_subject s WHERE s.person_id = ? AND s.voided_at IS NULL)",
            Value::Text(p.to_string()),
        );
    }
    cond.extend(extra.iter().cloned());
    let sql = format!(
        "SELECT t.id, t.kind, t.state, t.date, coalesce({SUBJECT_NAMES}, ''), coalesce({SUBJECT_UNITS}, ''), coalesce(cp.name, t.conductor_role),
            (SELECT count(*) FROM rectification_item i WHERE i.origin_kind = '谈话' AND i.origin_id = t.id AND i.status = '整改中' AND i.voided_at IS NULL),
            (SELECT count(*) FROM rectification_item i WHERE i.origin_kind = '谈话' AND i.origin_id = t.id AND i.status = '整改中' AND i.voided_at IS NULL AND i.due_date < ?1),
            t.voided_at
         FROM talk t LEFT JOIN person cp ON cp.id = t.conductor_person_id
         WHERE {}
         ORDER BY t.date DESC, t.created_at DESC",
        cond.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        Ok(TalkRow {
            id: r.get(0)?,
            kind: from_label(1, r.get(1)?)?,
            state: from_label(2, r.get(2)?)?,
            date: r.get(3)?,
            subjects: r.get(4)?,
            units: r.get(5)?,
            conductor: r.get(6)?,
            open_items: r.get(7)?,
            overdue_items: r.get(8)?,
            voided_at: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---------------------------------------------------------------- rectification items

const ITEM_COLS: &str = "i.id, i.origin_kind, i.origin_id, i.origin_date, i.problem, i.measure, i.responsible_person_id, i.responsible_unit_id, \
     i.due_workdays, i.due_date, i.due_estimated, i.status, i.closed_date, i.evidence, \
     i.created_at, i.created_by, i.updated_at, i.updated_by, i.voided_at, i.void_reason";

fn item_row(r: &Row) -> rusqlite::Result<RectificationItem> {
    Ok(RectificationItem {
        id: r.get(0)?,
        origin_kind: from_label(1, r.get(1)?)?,
        origin_id: r.get(2)?,
        origin_date: r.get(3)?,
        problem: r.get(4)?,
        measure: r.get(5)?,
        responsible_person_id: r.get(6)?,
        responsible_unit_id: r.get(7)?,
        due_workdays: r.get(8)?,
        due_date: r.get(9)?,
        due_estimated: r.get(10)?,
        status: from_label(11, r.get(11)?)?,
        closed_date: r.get(12)?,
        evidence: r.get(13)?,
        meta: meta(r, 14)?,
    })
}

/// An item with the name of whoever is responsible (person, else unit).
fn item_with_responsible(r: &Row) -> rusqlite::Result<(RectificationItem, String)> {
    Ok((item_row(r)?, r.get::<_, Option<String>>(20)?.unwrap_or_default()))
}

const RESPONSIBLE: &str = "coalesce(rp.name, ru.name)";
const RESPONSIBLE_JOIN: &str = "LEFT JOIN person rp ON rp.id = i.responsible_person_id LEFT JOIN unit ru ON ru.id = i.responsible_unit_id";

pub fn item_get(conn: &Connection, id: &str) -> Result<Option<(RectificationItem, String)>> {
    Ok(conn
        .query_row(&format!("SELECT {ITEM_COLS}, {RESPONSIBLE} FROM rectification_item i {RESPONSIBLE_JOIN} WHERE i.id = ?1"), [id], item_with_responsible)
        .optional()?)
}

pub fn items_of_origin(conn: &Connection, kind: OriginKind, origin_id: &str) -> Result<Vec<(RectificationItem, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLS}, {RESPONSIBLE} FROM rectification_item i {RESPONSIBLE_JOIN} WHERE i.origin_kind = ?1 AND i.origin_id = ?2 \
         ORDER BY i.voided_at IS NOT NULL, i.seq, i.created_at"
    ))?;
    let rows = stmt.query_map(params![label(&kind), origin_id], item_with_responsible)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (open, closed) live items of an origin.
pub fn item_tally(conn: &Connection, kind: OriginKind, origin_id: &str) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(status = '整改中'), 0), coalesce(sum(status = '已销号'), 0) FROM rectification_item \
         WHERE origin_kind = ?1 AND origin_id = ?2 AND voided_at IS NULL",
        params![label(&kind), origin_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

pub fn item_insert(tx: &Transaction, i: &RectificationItem) -> Result<()> {
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), -1) + 1 FROM rectification_item WHERE origin_kind = ?1 AND origin_id = ?2",
        params![label(&i.origin_kind), i.origin_id],
        |r| r.get(0),
    )?;
    tx.execute(
        &format!(
            "INSERT INTO rectification_item (id, origin_kind, origin_id, origin_date, problem, measure, responsible_person_id, responsible_unit_id, \
             due_workdays, due_date, due_estimated, status, closed_date, evidence, created_at, created_by, updated_at, updated_by, voided_at, void_reason, seq) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, {seq})"
        ),
        params![
            i.id, label(&i.origin_kind), i.origin_id, i.origin_date, i.problem, i.measure, i.responsible_person_id, i.responsible_unit_id,
            i.due_workdays, i.due_date, i.due_estimated, label(&i.status), i.closed_date, i.evidence, i.meta.created_at, i.meta.created_by,
            i.meta.updated_at, i.meta.updated_by, i.meta.voided_at, i.meta.void_reason
        ],
    )?;
    retally_items(tx, &i.origin_date)
}

pub fn item_update(tx: &Transaction, i: &RectificationItem) -> Result<()> {
    let was: Option<String> = tx.query_row("SELECT origin_date FROM rectification_item WHERE id = ?1", [&i.id], |r| r.get(0)).optional()?;
    tx.execute(
        "UPDATE rectification_item SET origin_date = ?2, problem = ?3, measure = ?4, responsible_person_id = ?5, responsible_unit_id = ?6, \
         due_workdays = ?7, due_date = ?8, due_estimated = ?9, status = ?10, closed_date = ?11, evidence = ?12, updated_at = ?13, updated_by = ?14 \
         WHERE id = ?1",
        params![
            i.id, i.origin_date, i.problem, i.measure, i.responsible_person_id, i.responsible_unit_id, i.due_workdays, i.due_date,
            i.due_estimated, label(&i.status), i.closed_date, i.evidence, i.meta.updated_at, i.meta.updated_by
        ],
    )?;
    if let Some(was) = was.filter(|w| *w != i.origin_date) {
        retally_items(tx, &was)?;
    }
    retally_items(tx, &i.origin_date)
}

pub fn progress_insert(tx: &Transaction, p: &ItemProgress) -> Result<()> {
    tx.execute(
        "INSERT INTO item_progress (id, item_id, date, note, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![p.id, p.item_id, p.date, p.note, p.created_at, p.created_by],
    )?;
    Ok(())
}

pub fn progress_of(conn: &Connection, item_id: &str) -> Result<Vec<ItemProgress>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, item_id, date, note, created_at, created_by FROM item_progress WHERE item_id = ?1 AND voided_at IS NULL ORDER BY date, created_at",
    )?;
    let rows = stmt.query_map([item_id], |r| {
        Ok(ItemProgress { id: r.get(0)?, item_id: r.get(1)?, date: r.get(2)?, note: r.get(3)?, created_at: r.get(4)?, created_by: r.get(5)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---------------------------------------------------------------- talk plan

const PLAN_COLS: &str = "tp.id, tp.year, tp.person_id, tp.unit_id, tp.title, tp.conductor_person_id, tp.conductor_role, tp.planned_month, \
     tp.created_at, tp.created_by, tp.updated_at, tp.updated_by, tp.voided_at, tp.void_reason";

fn plan_row(r: &Row) -> rusqlite::Result<TalkPlanEntry> {
    Ok(TalkPlanEntry {
        id: r.get(0)?,
        year: r.get(1)?,
        person_id: r.get(2)?,
        unit_id: r.get(3)?,
        title: r.get(4)?,
        conductor_person_id: r.get(5)?,
        conductor_role: r.get(6)?,
        planned_month: r.get(7)?,
        meta: meta(r, 8)?,
    })
}

pub fn plan_get(conn: &Connection, id: &str) -> Result<Option<TalkPlanEntry>> {
    Ok(conn.query_row(&format!("SELECT {PLAN_COLS} FROM talk_plan tp WHERE tp.id = ?1"), [id], plan_row).optional()?)
}

pub fn plan_insert(tx: &Transaction, e: &TalkPlanEntry) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO talk_plan ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", PLAN_COLS.replace("tp.", "")),
        params![
            e.id, e.year, e.person_id, e.unit_id, e.title, e.conductor_person_id, e.conductor_role, e.planned_month, e.meta.created_at,
            e.meta.created_by, e.meta.updated_at, e.meta.updated_by, e.meta.voided_at, e.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn plan_update(tx: &Transaction, e: &TalkPlanEntry) -> Result<()> {
    tx.execute(
        "UPDATE talk_plan SET conductor_person_id = ?2, conductor_role = ?3, planned_month = ?4, updated_at = ?5, updated_by = ?6 WHERE id = ?1",
        params![e.id, e.conductor_person_id, e.conductor_role, e.planned_month, e.meta.updated_at, e.meta.updated_by],
    )?;
    Ok(())
}

pub fn plan_has_live_entry(conn: &Connection, year: i32, person_id: &str, except: &str) -> Result<bool> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM talk_plan WHERE year = ?1 AND person_id = ?2 AND id <> ?3 AND voided_at IS NULL",
            params![year, person_id, except],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

/// Live entries of a year with names and the latest held 监督谈话 of each person in that year.
pub fn plan_views(conn: &Connection, year: i32, today: NaiveDate) -> Result<Vec<PlanEntryView>> {
    let sql = format!(
        "SELECT {PLAN_COLS}, p.name, u.name, coalesce(cp.name, tp.conductor_role), lt.id, lt.date
         FROM talk_plan tp JOIN person p ON p.id = tp.person_id LEFT JOIN unit u ON u.id = tp.unit_id
         LEFT JOIN person cp ON cp.id = tp.conductor_person_id
         LEFT JOIN (SELECT s.person_id, t.id, max(t.date) AS date FROM talk t JOIN talk_subject s ON s.talk_id = t.id
              WHERE {HELD_SUPERVISION} AND t.date >= ?2 AND t.date <= ?3 AND s.voided_at IS NULL GROUP BY s.person_id) lt
           ON lt.person_id = tp.person_id
         WHERE tp.year = ?1 AND tp.voided_at IS NULL
         ORDER BY coalesce(tp.planned_month, 13), u.sort_order, u.name, p.name"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![year, format!("{year:04}-01-01"), format!("{year:04}-12-31")], |r| {
        let entry = plan_row(r)?;
        let talk_id: Option<String> = r.get(17)?;
        Ok(PlanEntryView {
            assigned: entry.is_assigned(),
            late: entry.is_late(talk_id.is_some(), today),
            entry,
            person_name: r.get(14)?,
            unit_name: r.get(15)?,
            conductor: r.get(16)?,
            talk_id,
            talk_date: r.get(18)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Current 一把手 as (person id, unit id, title), in unit order.
pub fn current_heads(conn: &Connection, today: &str) -> Result<Vec<(String, String, String)>> {
    let sql = format!(
        "SELECT po.person_id, po.unit_id, po.title FROM position po JOIN person pe ON pe.id = po.person_id JOIN unit u ON u.id = po.unit_id
         WHERE {} ORDER BY u.sort_order, u.name, pe.name",
        current_head("po", "?1")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Coverage of a year as of `today`: in scope is the year's plan, or the current 一把手 while the
/// year has no plan; covered are those with a held 监督谈话 dated in the year.
pub fn coverage(conn: &Connection, year: i32, today: &str) -> Result<Coverage> {
    let from = format!("{year:04}-01-01");
    let to = format!("{year:04}-12-31");
    // Read from each person's kept last held 监督谈话 (migration 6), one key look-up each.
    let talked = held_in_window("x.person_id", "?2", true, "?3");
    let planned: i64 =
        conn.prepare_cached("SELECT count(*) FROM talk_plan WHERE year = ?1 AND voided_at IS NULL")?.query_row([year], |r| r.get(0))?;
    let (in_scope, covered): (i64, i64) = if planned > 0 {
        conn.prepare_cached(&format!("SELECT count(*), coalesce(sum({talked}), 0) FROM talk_plan x WHERE x.year = ?1 AND x.voided_at IS NULL"))?
            .query_row(params![year, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
    } else {
        conn.prepare_cached(&format!(
            "SELECT count(*), coalesce(sum({talked}), 0) FROM (SELECT DISTINCT po.person_id FROM position po JOIN person pe ON pe.id = po.person_id \
             JOIN unit u ON u.id = po.unit_id WHERE {}) x",
            current_head("po", "?4")
        ))?
        .query_row(params![year, from, to, today], |r| Ok((r.get(0)?, r.get(1)?)))?
    };
    Ok(Coverage { year, in_scope, covered, percent: percent(covered, in_scope) })
}

pub fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

// ---------------------------------------------------------------- worklist

pub const WORKLIST_LIMIT: usize = 200;

pub struct WorklistDates<'a> {
    pub today: &'a str,
    pub year: i32,
    pub month: u32,
    pub month_start: &'a str,
    pub month_end: &'a str,
    /// Talks after this date count as "in the last 12 months".
    pub twelve_months_ago: &'a str,
    /// Items due on or before this date are due within 7 days.
    pub week_ahead: &'a str,
}

pub fn planned_this_month(conn: &Connection, d: &WorklistDates) -> Result<Vec<PlannedTalkEntry>> {
    let sql = format!(
        "SELECT t.id, t.kind, t.date, coalesce({SUBJECT_NAMES}, ''), coalesce({SUBJECT_UNITS}, ''), coalesce(cp.name, t.conductor_role)
         FROM talk t LEFT JOIN person cp ON cp.id = t.conductor_person_id
         WHERE t.state = '计划' AND t.voided_at IS NULL AND t.date >= ?1 AND t.date <= ?2 ORDER BY t.date LIMIT {WORKLIST_LIMIT}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut out: Vec<PlannedTalkEntry> = stmt
        .query_map(params![d.month_start, d.month_end], |r| {
            Ok(PlannedTalkEntry {
                entity: WorkEntity::Talk,
                id: r.get(0)?,
                kind: from_label(1, r.get(1)?)?,
                date: r.get(2)?,
                subjects: r.get(3)?,
                units: r.get(4)?,
                conductor: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Plan entries of this month whose 一把手 has no 监督谈话 (held or planned) in the year yet.
    let sql = format!(
        "SELECT tp.id, p.name, coalesce(nullif(u.short_name, ''), u.name, ''), coalesce(cp.name, tp.conductor_role)
         FROM talk_plan tp JOIN person p ON p.id = tp.person_id LEFT JOIN unit u ON u.id = tp.unit_id
         LEFT JOIN person cp ON cp.id = tp.conductor_person_id
         WHERE tp.year = ?1 AND tp.planned_month = ?2 AND tp.voided_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM talk_subject s JOIN talk t ON t.id = s.talk_id WHERE s.person_id = tp.person_id
                AND s.voided_at IS NULL AND t.kind = '监督谈话' AND t.voided_at IS NULL AND t.date >= ?3 AND t.date <= ?4)
         ORDER BY u.sort_order, p.name LIMIT {WORKLIST_LIMIT}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let plan = stmt.query_map(params![d.year, d.month, format!("{:04}-01-01", d.year), format!("{:04}-12-31", d.year)], |r| {
        Ok(PlannedTalkEntry {
            entity: WorkEntity::TalkPlan,
            id: r.get(0)?,
            kind: TalkKind::Supervision,
            date: None,
            subjects: r.get(1)?,
            units: r.get(2)?,
            conductor: r.get(3)?,
        })
    })?;
    for e in plan {
        out.push(e?);
    }
    out.truncate(WORKLIST_LIMIT);
    Ok(out)
}

/// Current 一把手 with no held 监督谈话 in the last 12 months (at most the limit), and how many.
pub fn heads_without_talk(conn: &Connection, d: &WorklistDates) -> Result<(Vec<HeadWithoutTalk>, i64)> {
    let sql = format!(
        "SELECT po.person_id, pe.name, po.unit_id, u.name, po.title, count(*) OVER (), l.talk_id, l.date
         FROM position po JOIN person pe ON pe.id = po.person_id JOIN unit u ON u.id = po.unit_id
         LEFT JOIN person_last_supervision l ON l.person_id = po.person_id
         WHERE {head} AND NOT {talked}
         ORDER BY u.sort_order, u.name, pe.name LIMIT {WORKLIST_LIMIT}",
        head = current_head("po", "?1"),
        talked = held_in_window("po.person_id", "?2", false, "?1")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut total = 0;
    let mut rows = Vec::new();
    let found = stmt.query_map(params![d.today, d.twelve_months_ago], |r| {
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?),
            r.get::<_, i64>(5)?,
            (r.get::<_, Option<String>>(6)?, r.get::<_, Option<String>>(7)?),
        ))
    })?;
    for row in found {
        let ((person_id, person_name, unit_id, unit_name, title), n, (last_talk_id, last_talk_date)) = row?;
        total = n;
        rows.push(HeadWithoutTalk { entity: WorkEntity::Person, id: person_id, person_name, unit_id, unit_name, title, last_talk_id, last_talk_date });
    }
    Ok((rows, total))
}

/// Open items due on or before `week_ahead` (overdue ones included), earliest first; with the
/// number of such items and of overdue ones.
/// Items with the name of whoever is responsible.
pub type ItemsWithResponsible = Vec<(RectificationItem, String)>;

pub fn items_due(conn: &Connection, d: &WorklistDates) -> Result<(ItemsWithResponsible, i64, i64)> {
    let (total, overdue): (i64, i64) = conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(due_date < ?1), 0) FROM rectification_item
             WHERE status = '整改中' AND voided_at IS NULL AND due_date <= ?2",
        )?
        .query_row(params![d.today, d.week_ahead], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((items_due_rows(conn, d.week_ahead, Some(WORKLIST_LIMIT))?, total, overdue))
}

/// Open live items due on or before `week_ahead`, soonest first: the worklist's section (its first
/// `limit`) and, whole, its Excel export — one query for both.
pub fn items_due_rows(conn: &Connection, week_ahead: &str, limit: Option<usize>) -> Result<ItemsWithResponsible> {
    let limit = limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLS}, {RESPONSIBLE} FROM rectification_item i {RESPONSIBLE_JOIN}
         WHERE i.status = '整改中' AND i.voided_at IS NULL AND i.due_date <= ?1 ORDER BY i.due_date{limit}"
    ))?;
    let rows = stmt.query_map([week_ahead], item_with_responsible)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Held 监督谈话 of the year up to today, and (total, closed) live items from this year's events.
pub fn year_counts(conn: &Connection, year: i32, today: &str) -> Result<(i64, i64, i64)> {
    let from = format!("{year:04}-01-01");
    let talks: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM talk t WHERE t.kind = '监督谈话' AND t.voided_at IS NULL AND t.state <> '计划' AND t.date >= ?1 AND t.date <= ?2",
        )?
        .query_row(params![from, today], |r| r.get(0))?;
    // Summed from the per-day tally kept on write (migration 6), not counted from the items.
    let (total, closed) = conn
        .prepare_cached("SELECT coalesce(sum(total), 0), coalesce(sum(closed), 0) FROM item_day_tally WHERE origin_date >= ?1 AND origin_date <= ?2")?
        .query_row(params![from, today], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((talks, total, closed))
}

/// (talks, items, open items, overdue items), voided ones apart.
pub fn counts(conn: &Connection, today: &str) -> Result<(i64, i64, i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM talk WHERE voided_at IS NULL),
                (SELECT count(*) FROM rectification_item WHERE voided_at IS NULL),
                (SELECT count(*) FROM rectification_item WHERE voided_at IS NULL AND status = '整改中'),
                (SELECT count(*) FROM rectification_item WHERE voided_at IS NULL AND status = '整改中' AND due_date < ?1)",
        [today],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?)
}

// ---------------------------------------------------------------- office calendar years

pub fn calendar_years(conn: &Connection) -> Result<Vec<CalendarYearView>> {
    let mut stmt = conn.prepare("SELECT year, source, holidays, workdays, updated_at, updated_by FROM calendar_year ORDER BY year")?;
    let rows = stmt.query_map([], |r| {
        let holidays: String = r.get(2)?;
        let holidays: Vec<Holiday> = serde_json::from_str(&holidays)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e)))?;
        Ok(CalendarYearView {
            year: CalendarYear { year: r.get(0)?, source: r.get(1)?, holidays, workdays: json_list(3, r.get(3)?)? },
            built_in: false,
            edited: true,
            updated_at: r.get(4)?,
            updated_by: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn calendar_year_save(tx: &Transaction, y: &CalendarYear, at: &str, by: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO calendar_year (year, source, holidays, workdays, created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)
         ON CONFLICT(year) DO UPDATE SET source = excluded.source, holidays = excluded.holidays, workdays = excluded.workdays,
            updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        params![y.year, y.source, serde_json::to_string(&y.holidays)?, serde_json::to_string(&y.workdays)?, at, by],
    )?;
    Ok(())
}

// ---- items list (整改事项 page)

/// Items matching the filter's status and voided flag and the conditions `extra` on item `i`
/// (its period, units: `store::report::items_drill`), newest origin first; `overdue` is the
/// overdue test on the day counted.
pub fn item_list(conn: &Connection, f: &crate::model::items::ItemFilter, extra: &[String], overdue: &str) -> Result<Vec<crate::model::items::ItemListRow>> {
    use crate::model::items::ItemListStatus;
    let mut cond = vec![if f.voided { "i.voided_at IS NOT NULL" } else { "i.voided_at IS NULL" }.to_string()];
    cond.extend(extra.iter().cloned());
    match f.status {
        Some(ItemListStatus::Open) => cond.push("i.status = '整改中'".into()),
        Some(ItemListStatus::Closed) => cond.push("i.status = '已销号'".into()),
        Some(ItemListStatus::Overdue) => cond.push(overdue.to_string()),
        None => {}
    }
    let sql = format!(
        "SELECT i.id, i.origin_kind, i.origin_id, i.origin_date, i.problem, coalesce({RESPONSIBLE}, ''), i.due_date, i.due_estimated, i.status, \
                i.closed_date, ({overdue}), i.voided_at \
         FROM rectification_item i {RESPONSIBLE_JOIN} WHERE {} ORDER BY i.origin_date DESC, i.created_at DESC, i.seq",
        cond.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(crate::model::items::ItemListRow {
            id: r.get(0)?,
            origin_kind: from_label(1, r.get(1)?)?,
            origin_id: r.get(2)?,
            origin_date: r.get(3)?,
            problem: r.get(4)?,
            responsible: r.get(5)?,
            due_date: r.get(6)?,
            due_estimated: r.get(7)?,
            status: from_label(8, r.get(8)?)?,
            closed_date: r.get(9)?,
            overdue: r.get(10)?,
            voided_at: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
// ---- end items list
