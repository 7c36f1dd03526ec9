//! Units, people and positions: rows in, records out. No rules here (they live in `service`),
//! only SQL and row mapping.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use crate::error::{Error, Result};
use crate::model::*;
use super::{current_head, current_position, from_label, label, meta, sanction_until};

/// The tables whose rows can be voided and restored. Names are fixed here, never taken from input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Unit,
    Person,
    Position,
}

impl Table {
    pub fn name(self) -> &'static str {
        match self {
            Table::Unit => "unit",
            Table::Person => "person",
            Table::Position => "position",
        }
    }
}

const META_COLS: &str = "created_at, created_by, updated_at, updated_by, voided_at, void_reason";

pub fn void(tx: &Transaction, table: Table, id: &str, at: &str, by: &str, reason: &str) -> Result<()> {
    super::set_voided(tx, table.name(), id, at, by, Some(reason))
}

pub fn restore(tx: &Transaction, table: Table, id: &str, at: &str, by: &str) -> Result<()> {
    super::set_voided(tx, table.name(), id, at, by, None)
}

// ---------------------------------------------------------------- units

const UNIT_COLS: &str = "u.id, u.name, u.short_name, u.category, u.parent_id, u.supervisor, u.status, u.sort_order, u.notes, \
     u.created_at, u.created_by, u.updated_at, u.updated_by, u.voided_at, u.void_reason";

fn unit_row(r: &Row) -> rusqlite::Result<Unit> {
    Ok(Unit {
        id: r.get(0)?,
        name: r.get(1)?,
        short_name: r.get(2)?,
        category: from_label(3, r.get(3)?)?,
        parent_id: r.get(4)?,
        supervisor: r.get(5)?,
        status: from_label(6, r.get(6)?)?,
        sort_order: r.get(7)?,
        notes: r.get(8)?,
        meta: meta(r, 9)?,
    })
}

pub fn unit_get(conn: &Connection, id: &str) -> Result<Option<Unit>> {
    Ok(conn.prepare_cached(&format!("SELECT {UNIT_COLS} FROM unit u WHERE u.id = ?1"))?.query_row([id], unit_row).optional()?)
}

pub fn unit_insert(tx: &Transaction, u: &Unit) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO unit (id, name, short_name, category, parent_id, supervisor, status, sort_order, notes, {META_COLS}) \
                  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"),
        params![
            u.id, u.name, u.short_name, label(&u.category), u.parent_id, u.supervisor, label(&u.status), u.sort_order,
            u.notes, u.meta.created_at, u.meta.created_by, u.meta.updated_at, u.meta.updated_by, u.meta.voided_at, u.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn unit_update(tx: &Transaction, u: &Unit) -> Result<()> {
    tx.execute(
        "UPDATE unit SET name = ?2, short_name = ?3, category = ?4, parent_id = ?5, supervisor = ?6, status = ?7, sort_order = ?8, \
         notes = ?9, updated_at = ?10, updated_by = ?11 WHERE id = ?1",
        params![
            u.id, u.name, u.short_name, label(&u.category), u.parent_id, u.supervisor, label(&u.status), u.sort_order,
            u.notes, u.meta.updated_at, u.meta.updated_by
        ],
    )?;
    Ok(())
}

/// Units matching `query` (name or short name), voided ones only when asked, in tree order
/// material: sorted by sort_order then name; the UI builds the tree from parent_id.
pub fn unit_list(conn: &Connection, query: &str, voided: bool, today: &str) -> Result<Vec<UnitRow>> {
    let sql = format!(
        "SELECT {UNIT_COLS}, p.name,
            (SELECT group_concat(pe.name, '、') FROM position po JOIN person pe ON pe.id = po.person_id
              WHERE po.unit_id = u.id AND po.is_head = 1 AND {cur}),
            (SELECT count(*) FROM position po JOIN person pe ON pe.id = po.person_id
              WHERE po.unit_id = u.id AND po.is_leadership = 1 AND {cur})
         FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
         WHERE (u.voided_at IS NOT NULL) = ?1 AND (?2 = '' OR instr(u.name, ?2) > 0 OR instr(u.short_name, ?2) > 0)
         ORDER BY u.sort_order, u.name",
        cur = current_position("po", "?3")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![voided, query.trim(), today], |r| {
        let heads: Option<String> = r.get(16)?;
        Ok(UnitRow {
            unit: unit_row(r)?,
            parent_name: r.get(15)?,
            heads: heads.map(|h| h.split('、').map(str::to_string).collect()).unwrap_or_default(),
            leadership_count: r.get(17)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn unit_children(conn: &Connection, id: &str) -> Result<Vec<Unit>> {
    let mut stmt = conn.prepare(&format!("SELECT {UNIT_COLS} FROM unit u WHERE u.parent_id = ?1 AND u.voided_at IS NULL ORDER BY u.sort_order, u.name"))?;
    let rows = stmt.query_map([id], unit_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// True when `ancestor` is `id` itself or above it in the tree (guards against cycles).
pub fn unit_is_ancestor_or_self(conn: &Connection, ancestor: &str, id: &str) -> Result<bool> {
    let found: Option<i64> = conn
        .query_row(
            "WITH RECURSIVE up(id) AS (SELECT ?2 UNION SELECT u.parent_id FROM unit u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)
             SELECT 1 FROM up WHERE id = ?1",
            params![ancestor, id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

// ---------------------------------------------------------------- people

const PERSON_COLS: &str = "p.id, p.name, p.gender, p.ethnicity, p.birth_date, p.party_join_date, p.education, p.id_number, p.phone, p.notes, \
     p.created_at, p.created_by, p.updated_at, p.updated_by, p.voided_at, p.void_reason";

fn person_row(r: &Row) -> rusqlite::Result<Person> {
    let gender: Option<String> = r.get(2)?;
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        gender: gender.map(|g| from_label(2, g)).transpose()?,
        ethnicity: r.get(3)?,
        birth_date: r.get(4)?,
        party_join_date: r.get(5)?,
        education: r.get(6)?,
        id_number: r.get(7)?,
        phone: r.get(8)?,
        notes: r.get(9)?,
        meta: meta(r, 10)?,
    })
}

pub fn person_get(conn: &Connection, id: &str) -> Result<Option<Person>> {
    Ok(conn.prepare_cached(&format!("SELECT {PERSON_COLS} FROM person p WHERE p.id = ?1"))?.query_row([id], person_row).optional()?)
}

pub fn person_insert(tx: &Transaction, p: &Person, keys: &(String, String)) -> Result<()> {
    tx.prepare_cached(
        &format!("INSERT INTO person (id, name, name_pinyin, name_initials, gender, ethnicity, birth_date, party_join_date, education, \
                  id_number, phone, notes, {META_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"),
    )?
    .execute(
        params![
            p.id, p.name, keys.0, keys.1, p.gender.as_ref().map(label), p.ethnicity, p.birth_date, p.party_join_date, p.education,
            p.id_number, p.phone, p.notes, p.meta.created_at, p.meta.created_by, p.meta.updated_at, p.meta.updated_by, p.meta.voided_at,
            p.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn person_update(tx: &Transaction, p: &Person, keys: &(String, String)) -> Result<()> {
    tx.execute(
        "UPDATE person SET name = ?2, name_pinyin = ?3, name_initials = ?4, gender = ?5, ethnicity = ?6, birth_date = ?7, \
         party_join_date = ?8, education = ?9, id_number = ?10, phone = ?11, notes = ?12, updated_at = ?13, updated_by = ?14 WHERE id = ?1",
        params![
            p.id, p.name, keys.0, keys.1, p.gender.as_ref().map(label), p.ethnicity, p.birth_date, p.party_join_date, p.education,
            p.id_number, p.phone, p.notes, p.meta.updated_at, p.meta.updated_by
        ],
    )?;
    Ok(())
}

/// Another live person holding this 身份证号, if any.
pub fn person_with_id_number(conn: &Connection, id_number: &str, except: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, name FROM person WHERE id_number = ?1 AND id <> ?2 AND voided_at IS NULL")?
        .query_row(params![id_number, except], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// People whose name, pinyin, initials, 身份证号 or phone match `query`, current 一把手 first.
/// Letters-only queries match readings ("zs", "zhangsan"); anything else matches the text.
pub fn person_search(conn: &Connection, query: &str, voided: bool, today: &str, limit: i64) -> Result<PersonSearch> {
    let (q, latin) = normalise_query(query);
    let filter = if q.is_empty() {
        "1"
    } else if latin {
        "(instr(p.name_initials, ?2) > 0 OR instr(p.name_pinyin, ?2) > 0)"
    } else {
        "(instr(p.name, ?2) > 0 OR (length(?2) >= 4 AND (instr(p.id_number, upper(?2)) = 1 \
          OR substr(p.id_number, -length(?2)) = upper(?2) OR instr(p.phone, ?2) > 0)))"
    };
    let (titles, head) = (titles_sql("?3"), head_sql("?3"));
    // Exact initials or reading first, then 一把手, then by name.
    let rank = if latin {
        "CASE WHEN instr(p.name_initials, '|' || ?2 || '|') > 0 OR instr(p.name_pinyin, '|' || ?2 || '|') > 0 THEN 0 \
              WHEN instr(p.name_initials, '|' || ?2) > 0 OR instr(p.name_pinyin, '|' || ?2) > 0 THEN 1 ELSE 2 END"
    } else {
        "CASE WHEN p.name = ?2 THEN 0 WHEN instr(p.name, ?2) = 1 THEN 1 ELSE 2 END"
    };
    let where_ = format!("(p.voided_at IS NOT NULL) = ?1 AND {filter}");
    let until = sanction_until("p", "?3");
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM person p WHERE {where_} AND ?3 = ?3"),
        params![voided, q, today],
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT p.id, p.name, p.gender, p.birth_date, coalesce({titles}, ''), {head}, p.voided_at, {until}, {rank} AS rk
         FROM person p WHERE {where_}
         ORDER BY rk, {head} DESC, p.name_pinyin, p.id LIMIT ?4"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![voided, q, today, limit], person_search_row)?;
    Ok(PersonSearch { rows: rows.collect::<rusqlite::Result<_>>()?, total })
}

// ---- speed (issue 13): search served from the in-memory index
/// The query as searched: trimmed, lower case, no spaces; and whether it is letters only (then it
/// matches readings, otherwise the text).
pub(crate) fn normalise_query(query: &str) -> (String, bool) {
    let q = query.trim().to_lowercase();
    let q: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    let latin = !q.is_empty() && q.chars().all(|c| c.is_ascii_alphabetic());
    (q, latin)
}

/// The same search as `person_search`, matched and ranked from the `Db`'s in-memory index
/// (`store::search_index`), which also holds the rows shown: a keystroke reads from SQL only the
/// people written since the last one.
pub fn person_search_indexed(db: &super::Db, query: &str, voided: bool, today: &str, limit: i64) -> Result<PersonSearch> {
    let (q, latin) = normalise_query(query);
    let read = |people: Option<&[String]>, day: &str| search_entries(db.conn(), people, day);
    let (rows, total) = db.search_cache().search(db.conn(), (&q, latin), voided, today, limit.max(0) as usize, &read)?;
    Ok(PersonSearch { rows, total })
}

/// The index's entries as of `today`: everyone, or the listed people. The row is the one
/// `person_search` shows, with the keys it matches on.
fn search_entries(conn: &Connection, people: Option<&[String]>, today: &str) -> Result<Vec<super::search_index::Entry>> {
    let entry = |r: &Row| {
        Ok(super::search_index::Entry {
            row: person_search_row(r)?,
            pinyin: r.get(8)?,
            initials: r.get(9)?,
            id_number: r.get(10)?,
            phone: r.get(11)?,
        })
    };
    let Some(ids) = people else { return everyone_entries(conn, today, entry) };
    // A few people (those a write touched): the search's own row expressions.
    let (titles, head) = (titles_sql("?1"), head_sql("?1"));
    let until = sanction_until("p", "?1");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.name, p.gender, p.birth_date, coalesce({titles}, ''), {head}, p.voided_at, {until},
                p.name_pinyin, p.name_initials, coalesce(p.id_number, ''), p.phone
         FROM json_each(?2) j CROSS JOIN person p ON p.id = j.value"
    ))?;
    let rows = stmt.query_map(params![today, serde_json::to_string(ids)?], entry)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Everyone's entry, set by set instead of three correlated subqueries a person (50,000 people:
/// ≈ 0.8 s → see BENCHMARKS.md): the current posts once (in the order the titles subquery lists
/// them, a person's posts by rowid: it walks `position_person`), the sanctions in effect once, then
/// the people with the two joined in by id. Same conditions (`current_position`, `current_head`,
/// `sanction_in_effect`), same labels; `tests/search_index.rs` checks it against the scan.
fn everyone_entries(
    conn: &Connection,
    today: &str,
    entry: impl Fn(&Row) -> rusqlite::Result<super::search_index::Entry>,
) -> Result<Vec<super::search_index::Entry>> {
    use std::collections::HashMap;
    // person id → (titles, 一把手)
    let mut posts: HashMap<String, (String, bool)> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT po.person_id, coalesce(nullif(u.short_name, ''), u.name) || ' ' || po.title, po.is_head = 1
         FROM position po CROSS JOIN unit u ON u.id = po.unit_id WHERE {} ORDER BY po.rowid",
        current_position("po", "?1")
    ))?;
    let mut rows = stmt.query([today])?;
    while let Some(r) = rows.next()? {
        // Borrowed from the row: one allocation a person, not two a post.
        let person = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        let e = match posts.get_mut(person) {
            Some(e) => e,
            None => posts.entry(person.to_string()).or_default(),
        };
        if let Some(title) = r.get_ref(1)?.as_str_or_null().map_err(rusqlite::Error::from)? {
            if !e.0.is_empty() {
                e.0.push('；');
            }
            e.0.push_str(title);
        }
        e.1 |= r.get::<_, bool>(2)?;
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT sa.person_id, max(sa.effect_end) FROM sanction sa WHERE {} GROUP BY sa.person_id",
        super::sanction_in_effect("sa", "?1")
    ))?;
    let until: HashMap<String, String> = stmt.query_map([today], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    // The people, with the two above passed in as the row's columns 4, 5 and 7.
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name, p.gender, p.birth_date, '', 0, p.voided_at, NULL,
                p.name_pinyin, p.name_initials, coalesce(p.id_number, ''), p.phone
         FROM person p",
    )?;
    let mut out = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let mut e = entry(r)?;
        if let Some((titles, head)) = posts.remove(&e.row.id) {
            e.row.current_titles = titles;
            e.row.is_head = head;
        }
        if let Some(end) = until.get(&e.row.id) {
            e.row.sanction_flag = crate::model::sanctions::effect_flag_of(end);
            e.row.sanction_until = Some(end.clone());
        }
        out.push(e);
    }
    Ok(out)
}

// ---- end speed

/// A person's current posts, "单位简称 职务；…", for a search row (`on`: the date parameter).
fn titles_sql(on: &str) -> String {
    let cur = current_position("po", on);
    format!(
        "(SELECT group_concat(coalesce(nullif(u.short_name, ''), u.name) || ' ' || po.title, '；') FROM position po JOIN unit u ON u.id = po.unit_id \
          WHERE po.person_id = p.id AND {cur})"
    )
}

fn head_sql(on: &str) -> String {
    format!("EXISTS (SELECT 1 FROM position po WHERE po.person_id = p.id AND {})", current_head("po", on))
}

fn person_search_row(r: &Row) -> rusqlite::Result<PersonRow> {
    let gender: Option<String> = r.get(2)?;
    let until: Option<String> = r.get(7)?;
    Ok(PersonRow {
        id: r.get(0)?,
        name: r.get(1)?,
        gender: gender.map(|g| from_label(2, g)).transpose()?,
        birth_date: r.get(3)?,
        current_titles: r.get(4)?,
        is_head: r.get(5)?,
        voided_at: r.get(6)?,
        sanction_flag: until.as_deref().and_then(crate::model::sanctions::effect_flag_of),
        sanction_until: until,
    })
}

// ---------------------------------------------------------------- positions

const POSITION_COLS: &str = "po.id, po.person_id, po.unit_id, po.title, po.rank, po.is_head, po.is_leadership, po.portfolio, po.start_date, po.end_date, \
     po.created_at, po.created_by, po.updated_at, po.updated_by, po.voided_at, po.void_reason";

fn position_row(r: &Row) -> rusqlite::Result<Position> {
    Ok(Position {
        id: r.get(0)?,
        person_id: r.get(1)?,
        unit_id: r.get(2)?,
        title: r.get(3)?,
        rank: r.get(4)?,
        is_head: r.get(5)?,
        is_leadership: r.get(6)?,
        portfolio: r.get(7)?,
        start_date: r.get(8)?,
        end_date: r.get(9)?,
        meta: meta(r, 10)?,
    })
}

pub fn position_get(conn: &Connection, id: &str) -> Result<Option<Position>> {
    Ok(conn.prepare_cached(&format!("SELECT {POSITION_COLS} FROM position po WHERE po.id = ?1"))?.query_row([id], position_row).optional()?)
}

pub fn position_insert(tx: &Transaction, p: &Position) -> Result<()> {
    tx.prepare_cached(
        &format!("INSERT INTO position (id, person_id, unit_id, title, rank, is_head, is_leadership, portfolio, start_date, end_date, {META_COLS}) \
                  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"),
    )?
    .execute(
        params![
            p.id, p.person_id, p.unit_id, p.title, p.rank, p.is_head, p.is_leadership, p.portfolio, p.start_date, p.end_date,
            p.meta.created_at, p.meta.created_by, p.meta.updated_at, p.meta.updated_by, p.meta.voided_at, p.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn position_update(tx: &Transaction, p: &Position) -> Result<()> {
    tx.execute(
        "UPDATE position SET person_id = ?2, unit_id = ?3, title = ?4, rank = ?5, is_head = ?6, is_leadership = ?7, portfolio = ?8, \
         start_date = ?9, end_date = ?10, updated_at = ?11, updated_by = ?12 WHERE id = ?1",
        params![
            p.id, p.person_id, p.unit_id, p.title, p.rank, p.is_head, p.is_leadership, p.portfolio, p.start_date, p.end_date,
            p.meta.updated_at, p.meta.updated_by
        ],
    )?;
    Ok(())
}

/// Positions with names and whether each holds today, filtered by a person or a unit.
pub fn position_views(conn: &Connection, by: PositionsOf, today: &str) -> Result<Vec<PositionView>> {
    let (filter, key) = match by {
        PositionsOf::Person(id) => ("po.person_id = ?1", id),
        PositionsOf::Unit(id) => ("po.unit_id = ?1 AND pe.voided_at IS NULL", id),
    };
    let sql = format!(
        "SELECT {POSITION_COLS}, pe.name, u.name, ({cur}) AS cur FROM position po
         JOIN person pe ON pe.id = po.person_id JOIN unit u ON u.id = po.unit_id
         WHERE {filter} AND ?2 = ?2
         ORDER BY cur DESC, po.voided_at IS NOT NULL, po.is_head DESC, po.is_leadership DESC, instr(po.title, '副') > 0, coalesce(po.start_date, '') DESC",
        cur = current_position("po", "?2")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![key, today], |r| {
        Ok(PositionView { position: position_row(r)?, person_name: r.get(16)?, unit_name: r.get(17)?, current: r.get(18)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub enum PositionsOf<'a> {
    Person(&'a str),
    Unit(&'a str),
}

/// Other current 一把手 positions in a unit, as (position id, person name, title).
pub fn current_heads(conn: &Connection, unit_id: &str, except: &str, today: &str) -> Result<Vec<(String, String, String)>> {
    let sql = format!(
        "SELECT po.id, pe.name, po.title FROM position po JOIN person pe ON pe.id = po.person_id
         WHERE po.unit_id = ?1 AND po.id <> ?2 AND {}",
        current_head("po", "?3")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![unit_id, except, today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether a position is current on `today` (see `current_position`).
pub fn position_is_current(conn: &Connection, position_id: &str, today: &str) -> Result<bool> {
    Ok(conn.query_row(
        &format!("SELECT count(*) > 0 FROM position po WHERE po.id = ?1 AND {}", current_position("po", "?2")),
        params![position_id, today],
        |r| r.get(0),
    )?)
}

/// The current positions held in a unit as (person name, title), 一把手 first.
pub fn current_positions_in_unit(conn: &Connection, unit_id: &str, today: &str) -> Result<Vec<(String, String)>> {
    let cur = current_position("po", "?2");
    let mut stmt = conn.prepare(&format!(
        "SELECT pe.name, po.title FROM position po JOIN person pe ON pe.id = po.person_id
         WHERE po.unit_id = ?1 AND {cur} ORDER BY po.is_head DESC, po.is_leadership DESC, pe.name"
    ))?;
    let rows = stmt.query_map(params![unit_id, today], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn counts(conn: &Connection, today: &str) -> Result<Counts> {
    let one = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let heads: i64 = conn.query_row(
        &format!("SELECT count(DISTINCT po.person_id) FROM position po WHERE {}", current_head("po", "?1")),
        [today],
        |r| r.get(0),
    )?;
    Ok(Counts {
        units: one("SELECT count(*) FROM unit WHERE voided_at IS NULL")?,
        people: one("SELECT count(*) FROM person WHERE voided_at IS NULL")?,
        positions: one("SELECT count(*) FROM position WHERE voided_at IS NULL")?,
        heads,
        voided: one("SELECT (SELECT count(*) FROM unit WHERE voided_at IS NOT NULL) + (SELECT count(*) FROM person WHERE voided_at IS NOT NULL) + (SELECT count(*) FROM position WHERE voided_at IS NOT NULL)")?,
        audit_rows: one("SELECT count(*) FROM audit_log")?,
        ..Counts::default()
    })
}

pub fn audit_of(conn: &Connection, entity: &str, entity_id: &str) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare("SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC")?;
    let rows = stmt.query_map(params![entity, entity_id], |r| {
        Ok(AuditEntry { id: r.get(0)?, at: r.get(1)?, actor: r.get(2)?, action: r.get(3)?, entity: r.get(4)?, entity_id: r.get(5)?, before: r.get(6)?, after: r.get(7)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn ensure_exists(conn: &Connection, table: Table, id: &str, what: &str) -> Result<()> {
    let sql = format!("SELECT 1 FROM {} WHERE id = ?1", table.name());
    let found: Option<i64> = conn.query_row(&sql, [id], |r| r.get(0)).optional()?;
    found.map(|_| ()).ok_or_else(|| Error::not_found(what))
}
