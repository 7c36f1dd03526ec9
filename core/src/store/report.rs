//! The report's queries. Every query binds ?1 = from, ?2 = to, ?3 = as-of date, and filters by
//! the scope's units through [`Scope`] fragments. The notions come from their stores: a held
//! 监督谈话 (`talks::HELD_SUPERVISION`), a current post (`current_position`/`current_head`), a
//! 逾期未复 letter (`letters::OVERDUE`), a held 约谈 and the ratings calling for one (assessments).

use std::collections::HashMap;

use rusqlite::{params, Connection};


use super::assessments::{summons_ratings_sql, HELD_SUMMONS};
use super::letters::OVERDUE as LETTER_OVERDUE;
use super::talks::HELD_SUPERVISION;
use super::{current_head, current_position};
use crate::error::Result;
use crate::model::period::ReportScope;

/// The period and the units, ready to put in SQL.
pub struct Scope {
    pub from: String,
    pub to: String,
    pub as_of: String,
    /// `('id1', 'id2')` of known unit ids, or None for every unit.
    units: Option<String>,
}

impl Scope {
    /// `unit_ids` must be ids of existing units (the service checks); they are quoted here.
    pub fn new(from: String, to: String, as_of: String, unit_ids: Option<&[String]>) -> Scope {
        let units = unit_ids.filter(|u| !u.is_empty()).map(|ids| {
            let q: Vec<String> = ids.iter().map(|id| format!("'{}'", id.replace('\'', "''"))).collect();
            format!("({})", q.join(", "))
        });
        Scope { from, to, as_of, units }
    }

    /// `col` names a unit in scope.
    fn unit(&self, col: &str) -> String {
        match &self.units {
            Some(list) => format!("{col} IN {list}"),
            None => "1".into(),
        }
    }

    /// `col` names a person holding a post in a unit in scope on the as-of date.
    fn person(&self, col: &str) -> String {
        match &self.units {
            Some(list) => format!(
                "{col} IN (SELECT sp.person_id FROM position sp WHERE sp.unit_id IN {list} AND {})",
                current_position("sp", "?3")
            ),
            None => "1".into(),
        }
    }

    fn args(&self) -> [&str; 3] {
        [&self.from, &self.to, &self.as_of]
    }

    /// `sql` with ?1, ?2, ?3 written out as the scope's from, to and as-of dates (checked
    /// `YYYY-MM-DD` dates): how a list, which numbers its own arguments, puts a report fragment
    /// into its query.
    pub fn inline(&self, sql: &str) -> String {
        let q = |d: &str| format!("'{}'", d.replace('\'', "''"));
        sql.replace("?1", &q(&self.from)).replace("?2", &q(&self.to)).replace("?3", &q(&self.as_of))
    }
}

// ---- drill-downs: a list asked for the records behind a figure takes the report's scope and
// the very fragment the figure was counted with, so its row count is the figure by construction.

/// A list's `scope` as the report resolves it: the period's dates (`ReportPeriod::resolve`), the
/// as-of date the period's end or `today` if sooner, the units as given.
pub fn list_scope(scope: &ReportScope, today: &str) -> Result<Scope> {
    let p = scope.period.resolve()?;
    let (from, to) = (crate::model::validate::format_date(p.from), crate::model::validate::format_date(p.to));
    let as_of = if to.as_str() < today { to.clone() } else { today.to_string() };
    Ok(Scope::new(from, to, as_of, scope.unit_ids.as_deref()))
}

/// The talk list's conditions for a figure's scope (the services hand them to the list queries,
/// so the list stores need not import this module).
pub fn talks_drill(scope: &ReportScope, today: &str) -> Result<Vec<String>> {
    let s = list_scope(scope, today)?;
    Ok(vec![s.inline(&talks_where(&s))])
}

/// The letter list's conditions: signed in the period to the units; with `overdue`, 逾期未复 on
/// the as-of date (not today).
pub fn letters_drill(scope: &ReportScope, today: &str, overdue: bool) -> Result<Vec<String>> {
    let s = list_scope(scope, today)?;
    let mut out = vec![s.inline(&letters_where(&s))];
    if overdue {
        out.push(s.inline(&letter_overdue_as_of()));
    }
    Ok(out)
}

/// The rating list's conditions: the period's years, live units in scope.
pub fn ratings_drill(scope: &ReportScope, today: &str) -> Result<Vec<String>> {
    let s = list_scope(scope, today)?;
    Ok(vec![s.inline(&ratings_where(&s))])
}

/// The risk register's conditions (risk point alias `alias`): live points of live units in scope.
pub fn risks_drill(scope: &ReportScope, today: &str, alias: &str) -> Result<Vec<String>> {
    let s = list_scope(scope, today)?;
    Ok(vec![s.inline(&risks_where(&s, alias))])
}

/// The 整改事项 list's conditions and its overdue test (item alias `i`): items from events of
/// the scope's period of its units, overdue on its as-of date; else overdue today. `unit_id`:
/// items of that unit (its own, or its people's by their posts that day).
pub fn items_drill(scope: Option<&ReportScope>, unit_id: Option<&str>, today: &str) -> Result<(Vec<String>, String)> {
    let mut out = Vec::new();
    let day = match scope {
        Some(sc) => {
            let s = list_scope(sc, today)?;
            out.push(s.inline(&items_where(&s)));
            s.as_of
        }
        None => today.to_string(),
    };
    let at_day = Scope::new(day.clone(), day.clone(), day.clone(), None);
    if let Some(u) = unit_id.filter(|u| !u.is_empty()) {
        let one = Scope::new(day.clone(), day.clone(), day.clone(), Some(&[u.to_string()]));
        out.push(one.inline(&item_in_scope(&one)));
    }
    Ok((out, at_day.inline(ITEM_OVERDUE_AS_OF)))
}

/// Talk `t` is held in the period, with a subject of a unit in scope (谈话 figures).
pub fn talks_where(s: &Scope) -> String {
    format!("{HELD_TALK} AND t.date >= ?1 AND t.date <= ?2 AND {}", talk_in_scope(s))
}

/// Letter `l` was signed in the period to a unit in scope or a person holding a post in one.
pub fn letters_where(s: &Scope) -> String {
    let scope = match &s.units {
        Some(_) => format!("({} OR {})", s.unit("l.recipient_unit_id"), s.person("l.recipient_person_id")),
        None => "1".into(),
    };
    format!("l.voided_at IS NULL AND l.signed_date >= ?1 AND l.signed_date <= ?2 AND {scope}")
}

/// Letter `l` is 逾期未复 on the as-of date (the letters module's meaning).
pub fn letter_overdue_as_of() -> String {
    LETTER_OVERDUE.replace("?1", "?3")
}

/// Item `i` comes from an event of the period and is its responsible unit's (or person's) in scope.
pub fn items_where(s: &Scope) -> String {
    format!("i.voided_at IS NULL AND i.origin_date >= ?1 AND i.origin_date <= ?2 AND {}", item_in_scope(s))
}

/// Item `i` is open and past its due date on the as-of date (the items module's overdue).
pub const ITEM_OVERDUE_AS_OF: &str = "i.status = '整改中' AND i.due_date < ?3";

/// Rating `a` is of a year the period touches, of a live unit in scope.
pub fn ratings_where(s: &Scope) -> String {
    format!(
        "a.voided_at IS NULL AND a.year >= CAST(substr(?1, 1, 4) AS INTEGER) AND a.year <= CAST(substr(?2, 1, 4) AS INTEGER) \
         AND a.unit_id IN (SELECT lu.id FROM unit lu WHERE lu.voided_at IS NULL) AND {}",
        s.unit("a.unit_id")
    )
}

/// Risk point `alias` is live, of a live unit in scope (risk points are a register: the period
/// does not narrow them).
pub fn risks_where(s: &Scope, alias: &str) -> String {
    format!(
        "{alias}.voided_at IS NULL AND {alias}.unit_id IN (SELECT lu.id FROM unit lu WHERE lu.voided_at IS NULL) AND {}",
        s.unit(&format!("{alias}.unit_id"))
    )
}

fn grouped(conn: &Connection, sql: &str, s: &Scope) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(s.args(), |r| Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get::<_, i64>(1)?)))?;
    let mut out = HashMap::new();
    for r in rows {
        let (k, n) = r?;
        *out.entry(k).or_insert(0) += n;
    }
    Ok(out)
}

/// Live units in scope: (id, name), in unit order.
pub fn units(conn: &Connection, s: &Scope) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT u.id, u.name FROM unit u WHERE u.voided_at IS NULL AND {} ORDER BY u.sort_order, u.name",
        s.unit("u.id")
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Held talks are those not merely planned: the talk list's and the worklist's meaning.
const HELD_TALK: &str = "t.state <> '计划' AND t.voided_at IS NULL";

fn talk_in_scope(s: &Scope) -> String {
    match &s.units {
        Some(_) => format!(
            "EXISTS (SELECT 1 FROM talk_subject ts WHERE ts.talk_id = t.id AND ts.voided_at IS NULL AND {})",
            s.unit("ts.unit_id")
        ),
        None => "1".into(),
    }
}

/// Held talks in the period by (month `YYYY-MM`, kind). Naming the kinds lets SQLite read the
/// covering index `talk_kind_date` (kind, date, state, id) instead of every talk's row.
pub fn talks_by_month_kind(conn: &Connection, s: &Scope) -> Result<Vec<(String, String, i64)>> {
    let kinds: Vec<String> = crate::model::talks::TalkKind::ALL.iter().map(|k| format!("'{}'", k.label())).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT substr(t.date, 1, 7), t.kind, count(*) FROM talk t WHERE t.kind IN ({}) AND {} AND ?3 = ?3 \
         GROUP BY 1, 2 ORDER BY 1",
        kinds.join(", "),
        talks_where(s)
    ))?;
    let rows = stmt.query_map(s.args(), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (current 一把手 in scope on the as-of date, of them with a held 监督谈话 in the period).
pub fn heads_coverage(conn: &Connection, s: &Scope) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(x.person_id IN (SELECT ts.person_id FROM talk t JOIN talk_subject ts ON ts.talk_id = t.id \
                 WHERE {HELD_SUPERVISION} AND t.date >= ?1 AND t.date <= ?2 AND ts.voided_at IS NULL)), 0) \
             FROM (SELECT DISTINCT po.person_id FROM position po WHERE {} AND {}) x",
            current_head("po", "?3"),
            s.unit("po.unit_id")
        ),
        s.args(),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Per letter kind: (issued, replied, replied on time, 逾期未复 on the as-of date), for letters
/// signed in the period to a unit or person in scope.
pub fn letters_by_kind(conn: &Connection, s: &Scope) -> Result<HashMap<String, [i64; 4]>> {
    let overdue = letter_overdue_as_of();
    let mut stmt = conn.prepare(&format!(
        "SELECT l.kind, count(*), coalesce(sum(l.replied_date IS NOT NULL), 0), \
                coalesce(sum(l.replied_date IS NOT NULL AND l.reply_due_date IS NOT NULL AND l.replied_date <= l.reply_due_date), 0), \
                coalesce(sum({overdue}), 0) \
         FROM letter l WHERE {} GROUP BY l.kind",
        letters_where(s)
    ))?;
    let rows = stmt.query_map(s.args(), |r| Ok((r.get::<_, String>(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?])))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Item `i` is a unit's in scope: its responsible unit, or, with none, its responsible person's
/// post on the as-of date.
pub fn item_in_scope(s: &Scope) -> String {
    match &s.units {
        Some(_) => format!(
            "({} OR (i.responsible_unit_id IS NULL AND {}))",
            s.unit("i.responsible_unit_id"),
            s.person("i.responsible_person_id")
        ),
        None => "1".into(),
    }
}

/// Live items from events in the period: (opened, closed, open, open past due on the as-of date).
/// The counts read the index `item_origin_date` (origin_date, status) alone; the overdue ones go
/// through `item_open_due`, the open items by due date, as the worklist's do.
pub fn items(conn: &Connection, s: &Scope) -> Result<(i64, i64, i64, i64)> {
    let (opened, closed, open) = conn.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(i.status = '已销号'), 0), coalesce(sum(i.status = '整改中'), 0) \
             FROM rectification_item i WHERE {} AND ?3 = ?3",
            items_where(s)
        ),
        s.args(),
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let overdue = conn.query_row(
        &format!("SELECT count(*) FROM rectification_item i WHERE {ITEM_OVERDUE_AS_OF} AND {}", items_where(s)),
        s.args(),
        |r| r.get(0),
    )?;
    Ok((opened, closed, open, overdue))
}

/// Clues received in the period by disposal ("" while undisposed).
pub fn clues_by_disposal(conn: &Connection, s: &Scope) -> Result<HashMap<String, i64>> {
    let scope = match &s.units {
        Some(_) => format!("({} OR {})", s.unit("c.unit_id"), s.person("c.person_id")),
        None => "1".into(),
    };
    grouped(
        conn,
        &format!("SELECT c.disposal, count(*) FROM clue c WHERE c.voided_at IS NULL AND c.received_date >= ?1 AND c.received_date <= ?2 AND {scope} AND ?3 = ?3 GROUP BY 1"),
        s,
    )
}

/// Sanctions decided in the period on people in scope: (category, kind, form or "", count).
pub fn sanctions(conn: &Connection, s: &Scope) -> Result<Vec<(String, String, String, i64)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT sa.category, sa.kind, coalesce(sa.form, ''), count(*) FROM sanction sa \
         WHERE sa.voided_at IS NULL AND sa.decision_date >= ?1 AND sa.decision_date <= ?2 AND {} AND ?3 = ?3 GROUP BY 1, 2, 3",
        s.person("sa.person_id")
    ))?;
    let rows = stmt.query_map(s.args(), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Ratings of the years `from_year..=to_year` of live units in scope, by rating; and, of those
/// calling for a 约谈, (held, pending).
pub fn ratings(conn: &Connection, s: &Scope) -> Result<(HashMap<String, i64>, i64, i64)> {
    let base = format!("FROM assessment a WHERE {} AND ?3 = ?3", ratings_where(s));
    let by = grouped(conn, &format!("SELECT a.rating, count(*) {base} GROUP BY 1"), s)?;
    let (held, pending) = conn.query_row(
        &format!(
            "SELECT coalesce(sum(h), 0), coalesce(sum(1 - h), 0) FROM (SELECT EXISTS (SELECT 1 FROM talk t WHERE t.assessment_id = a.id AND {HELD_SUMMONS}) AS h \
             {base} AND {})",
            summons_ratings_sql("a.rating")
        ),
        s.args(),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((by, held, pending))
}

/// Live risk points of units in scope by level.
pub fn risks_by_level(conn: &Connection, s: &Scope) -> Result<HashMap<String, i64>> {
    grouped(
        conn,
        &format!("SELECT r.level, count(*) FROM risk_point r WHERE {} AND ?1 = ?1 AND ?2 = ?2 AND ?3 = ?3 GROUP BY 1", risks_where(s, "r")),
        s,
    )
}

/// (hearings, education activities, their participants) in the period, in scope.
pub fn hearings_education(conn: &Connection, s: &Scope) -> Result<(i64, i64, i64)> {
    let hearings: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM hearing h WHERE h.voided_at IS NULL AND h.date >= ?1 AND h.date <= ?2 AND ?3 = ?3 AND {}",
            match &s.units {
                Some(_) => format!("({} OR {})", s.unit("h.unit_id"), s.person("h.reporter_person_id")),
                None => "1".into(),
            }
        ),
        s.args(),
        |r| r.get(0),
    )?;
    let (education, participants) = conn.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(e.participants), 0) FROM education e WHERE e.voided_at IS NULL AND e.date >= ?1 AND e.date <= ?2 AND ?3 = ?3 AND {}",
            match &s.units {
                Some(_) => format!("EXISTS (SELECT 1 FROM education_unit eu WHERE eu.education_id = e.id AND {})", s.unit("eu.unit_id")),
                None => "1".into(),
            }
        ),
        s.args(),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((hearings, education, participants))
}

/// The annex's figures per unit id, each computed once for all units (grouped queries, not one
/// query per unit: a city has thousands).
#[derive(Default)]
pub struct Annex {
    /// Current 一把手 names, in name order.
    pub heads: HashMap<String, Vec<String>>,
    pub last_supervision_talk: HashMap<String, String>,
    pub open_items: HashMap<String, i64>,
    pub overdue_letters: HashMap<String, i64>,
    /// (year, rating) of the latest live rating.
    pub last_rating: HashMap<String, (i32, String)>,
    /// 1 高, 2 中, 3 低.
    pub highest_risk: HashMap<String, i64>,
}

pub fn annex(conn: &Connection, s: &Scope) -> Result<Annex> {
    let mut a = Annex::default();
    let mut stmt = conn.prepare(&format!(
        "SELECT po.unit_id, po.person_id, pe.name FROM position po JOIN person pe ON pe.id = po.person_id WHERE {} AND {} AND ?1 = ?1 AND ?2 = ?2 ORDER BY pe.name",
        current_head("po", "?3"),
        s.unit("po.unit_id")
    ))?;
    let mut heads: Vec<(String, String)> = Vec::new();
    for r in stmt.query_map(s.args(), |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))? {
        let (u, p, n) = r?;
        a.heads.entry(u.clone()).or_default().push(n);
        heads.push((u, p));
    }
    // The latest held 监督谈话 of each head: the period's talks first (one range of the covering
    // index `talk_kind_date`); only a head with none in the period has their own older ones looked up.
    let mut stmt = conn.prepare(&format!(
        "SELECT ts.person_id, max(t.date) FROM talk t JOIN talk_subject ts ON ts.talk_id = t.id AND ts.voided_at IS NULL \
         WHERE {HELD_SUPERVISION} AND t.date >= ?1 AND t.date <= ?3 AND ?2 = ?2 GROUP BY ts.person_id"
    ))?;
    let in_period: HashMap<String, String> = stmt.query_map(s.args(), |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut before = conn.prepare(&format!(
        "SELECT max(t.date) FROM talk_subject ts JOIN talk t ON t.id = ts.talk_id WHERE ts.person_id = ?1 AND ts.voided_at IS NULL AND {HELD_SUPERVISION} AND t.date < ?2"
    ))?;
    for (u, p) in heads {
        let last = match in_period.get(&p) {
            Some(d) => Some(d.clone()),
            None => before.query_row(params![p, s.from], |r| r.get::<_, Option<String>>(0))?,
        };
        if let Some(d) = last {
            let e = a.last_supervision_talk.entry(u).or_default();
            if d > *e {
                *e = d;
            }
        }
    }
    // Open items: by their responsible unit, else by the unit(s) the responsible person holds a post in.
    a.open_items = grouped(
        conn,
        &format!(
            "SELECT i.responsible_unit_id, count(*) FROM rectification_item i WHERE i.status = '整改中' AND i.voided_at IS NULL \
             AND i.responsible_unit_id IS NOT NULL AND {} AND ?1 = ?1 AND ?2 = ?2 AND ?3 = ?3 GROUP BY 1",
            s.unit("i.responsible_unit_id")
        ),
        s,
    )?;
    let by_person = grouped(
        conn,
        &format!(
            "SELECT po.unit_id, count(DISTINCT i.id) FROM rectification_item i JOIN position po ON po.person_id = i.responsible_person_id \
             WHERE i.status = '整改中' AND i.voided_at IS NULL AND i.responsible_unit_id IS NULL AND {} AND {} AND ?1 = ?1 AND ?2 = ?2 GROUP BY 1",
            current_position("po", "?3"),
            s.unit("po.unit_id")
        ),
        s,
    )?;
    for (u, n) in by_person {
        *a.open_items.entry(u).or_insert(0) += n;
    }
    a.overdue_letters = grouped(
        conn,
        &format!(
            "SELECT l.recipient_unit_id, count(*) FROM letter l WHERE l.recipient_unit_id IS NOT NULL AND {} AND {} AND ?1 = ?1 AND ?2 = ?2 GROUP BY 1",
            LETTER_OVERDUE.replace("?1", "?3"),
            s.unit("l.recipient_unit_id")
        ),
        s,
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT a.unit_id, a.year, a.rating FROM assessment a WHERE a.voided_at IS NULL AND {} \
         AND a.year = (SELECT max(b.year) FROM assessment b WHERE b.unit_id = a.unit_id AND b.voided_at IS NULL)",
        s.unit("a.unit_id")
    ))?;
    for r in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?, r.get::<_, String>(2)?)))? {
        let (u, y, rating) = r?;
        a.last_rating.insert(u, (y, rating));
    }
    a.highest_risk = grouped(
        conn,
        &format!(
            "SELECT r.unit_id, min(CASE r.level WHEN '高' THEN 1 WHEN '中' THEN 2 ELSE 3 END) FROM risk_point r \
             WHERE r.voided_at IS NULL AND {} AND ?1 = ?1 AND ?2 = ?2 AND ?3 = ?3 GROUP BY 1",
            s.unit("r.unit_id")
        ),
        s,
    )?;
    Ok(a)
}

/// Ids among `ids` that name no unit.
pub fn unknown_units(conn: &Connection, ids: &[String]) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT 1 FROM unit WHERE id = ?1")?;
    let mut out = Vec::new();
    for id in ids {
        if !stmt.exists([id])? {
            out.push(id.clone());
        }
    }
    Ok(out)
}
