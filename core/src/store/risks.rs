//! 廉政风险点 (risk points): rows in, records out, the register's rows and the 待复核 query. What
//! "due for review" means is `review_due`, used by every query here. Rules live in
//! `service::risks`; the register's order (level, category in the office's order, unit) is put
//! there too, because the category order is the dictionary's.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

use super::{current_position, from_label, label, meta};
use crate::error::Result;
use crate::model::risks::*;

/// The one meaning of 待复核 on a day: the point is live, has a review date, and the date is
/// before the day. `rp` is the risk_point alias, `on` the SQL parameter holding the date.
pub(crate) fn review_due(rp: &str, on: &str) -> String {
    format!("({rp}.voided_at IS NULL AND {rp}.review_date IS NOT NULL AND {rp}.review_date < {on})")
}

const COLS: &str = "rp.id, rp.person_id, rp.position_id, rp.unit_id, rp.category, rp.description, rp.level, rp.measures, \
     rp.responsible_person_id, rp.responsible_name, rp.review_date, \
     rp.created_at, rp.created_by, rp.updated_at, rp.updated_by, rp.voided_at, rp.void_reason";
const NCOLS: usize = 17;

fn point_row(r: &Row) -> rusqlite::Result<RiskPoint> {
    Ok(RiskPoint {
        id: r.get(0)?,
        person_id: r.get(1)?,
        position_id: r.get(2)?,
        unit_id: r.get(3)?,
        category: r.get(4)?,
        description: r.get(5)?,
        level: from_label(6, r.get(6)?)?,
        measures: r.get(7)?,
        responsible_person_id: r.get(8)?,
        responsible_name: r.get(9)?,
        review_date: r.get(10)?,
        meta: meta(r, 11)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<RiskPoint>> {
    Ok(conn.query_row(&format!("SELECT {COLS} FROM risk_point rp WHERE rp.id = ?1"), [id], point_row).optional()?)
}

pub fn insert(tx: &Transaction, p: &RiskPoint) -> Result<()> {
    tx.execute(
        "INSERT INTO risk_point (id, person_id, position_id, unit_id, category, description, level, measures, responsible_person_id, \
         responsible_name, review_date, created_at, created_by, updated_at, updated_by, voided_at, void_reason) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            p.id, p.person_id, p.position_id, p.unit_id, p.category, p.description, label(&p.level), p.measures,
            p.responsible_person_id, p.responsible_name, p.review_date, p.meta.created_at, p.meta.created_by,
            p.meta.updated_at, p.meta.updated_by, p.meta.voided_at, p.meta.void_reason
        ],
    )?;
    Ok(())
}

pub fn update(tx: &Transaction, p: &RiskPoint) -> Result<()> {
    tx.execute(
        "UPDATE risk_point SET person_id = ?2, position_id = ?3, unit_id = ?4, category = ?5, description = ?6, level = ?7, \
         measures = ?8, responsible_person_id = ?9, responsible_name = ?10, review_date = ?11, updated_at = ?12, updated_by = ?13 \
         WHERE id = ?1",
        params![
            p.id, p.person_id, p.position_id, p.unit_id, p.category, p.description, label(&p.level), p.measures,
            p.responsible_person_id, p.responsible_name, p.review_date, p.meta.updated_at, p.meta.updated_by
        ],
    )?;
    Ok(())
}

pub fn set_voided(tx: &Transaction, id: &str, at: &str, by: &str, reason: Option<&str>) -> Result<()> {
    super::set_voided(tx, "risk_point", id, at, by, reason)
}

/// A position as a risk point may name it: (person id, unit id, unit name, title, voided, current on `today`).
pub type PositionFacts = (String, String, String, String, bool, bool);

pub fn position_facts(conn: &Connection, id: &str, today: &str) -> Result<Option<PositionFacts>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT po.person_id, po.unit_id, u.name, po.title, po.voided_at IS NOT NULL, {} \
                 FROM position po JOIN unit u ON u.id = po.unit_id WHERE po.id = ?1",
                current_position("po", "?2")
            ),
            params![id, today],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?)
}

/// The units a person holds a current post in on `today` (`current_position`): (id, name), in unit order.
pub fn current_units_of_person(conn: &Connection, person_id: &str, today: &str) -> Result<Vec<(String, String)>> {
    let sql = format!(
        "SELECT DISTINCT u.id, u.name, u.sort_order FROM position po JOIN unit u ON u.id = po.unit_id \
         WHERE po.person_id = ?1 AND {} ORDER BY u.sort_order, u.name",
        current_position("po", "?2")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![person_id, today], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A register row with what the service sorts it by: (view, unit sort order).
pub type RegisterRow = (RiskPointView, i64);

/// Which rows a register query takes.
pub enum Scope<'a> {
    Filter(&'a RiskFilter),
    /// The points on the person and on their current positions, voided ones included.
    Person(&'a str),
    /// The points of one unit, voided ones included.
    Unit(&'a str),
    One(&'a str),
}

/// Register rows as of `today`, unsorted.
pub fn rows(conn: &Connection, scope: Scope, today: &str) -> Result<Vec<RegisterRow>> {
    rows_where(conn, scope, today, &[])
}

/// [`rows`] with further conditions on point `rp` for a filter (a report figure's unit group,
/// `store::report::risks_drill`).
pub fn rows_where(conn: &Connection, scope: Scope, today: &str, extra: &[String]) -> Result<Vec<RegisterRow>> {
    let mut args: Vec<Value> = vec![Value::Text(today.to_string())];
    let mut conds: Vec<String> = Vec::new();
    let arg = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    match scope {
        Scope::Filter(f) => {
            conds.push(if f.voided { "rp.voided_at IS NOT NULL" } else { "rp.voided_at IS NULL" }.into());
            if let Some(u) = f.unit_id.as_deref().filter(|u| !u.is_empty()) {
                conds.push(format!("rp.unit_id = {}", arg(Value::Text(u.into()), &mut args)));
            }
            if let Some(l) = f.level {
                conds.push(format!("rp.level = {}", arg(Value::Text(label(&l)), &mut args)));
            }
            if let Some(c) = f.category.as_deref().filter(|c| !c.is_empty()) {
                conds.push(format!("rp.category = {}", arg(Value::Text(c.into()), &mut args)));
            }
            if f.review_due {
                conds.push(review_due("rp", "?1"));
            }
            conds.extend(extra.iter().cloned());
        }
        Scope::Person(id) => {
            let p = arg(Value::Text(id.into()), &mut args);
            conds.push(format!(
                "(rp.person_id = {p} OR rp.position_id IN (SELECT po.id FROM position po WHERE po.person_id = {p} AND {}))",
                current_position("po", "?1")
            ));
        }
        Scope::Unit(id) => conds.push(format!("rp.unit_id = {}", arg(Value::Text(id.into()), &mut args))),
        Scope::One(id) => conds.push(format!("rp.id = {}", arg(Value::Text(id.into()), &mut args))),
    }
    let sql = format!(
        "SELECT {COLS}, u.name, u.sort_order, pe.name, po.title, po.person_id, ppe.name, rpe.name, {due}
         FROM risk_point rp JOIN unit u ON u.id = rp.unit_id
         LEFT JOIN person pe ON pe.id = rp.person_id
         LEFT JOIN position po ON po.id = rp.position_id
         LEFT JOIN person ppe ON ppe.id = po.person_id
         LEFT JOIN person rpe ON rpe.id = rp.responsible_person_id
         WHERE {conds}",
        due = review_due("rp", "?1"),
        conds = conds.join(" AND "),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        let point = point_row(r)?;
        let n = NCOLS;
        let responsible_roster: Option<String> = r.get(n + 6)?;
        let responsible = match (responsible_roster, point.responsible_name.as_str()) {
            (Some(name), "") => name,
            (Some(name), typed) if typed != name => format!("{name}（{typed}）"),
            (Some(name), _) => name,
            (None, typed) => typed.to_string(),
        };
        let view = RiskPointView {
            unit_name: r.get(n)?,
            person_name: r.get(n + 2)?,
            position_title: r.get(n + 3)?,
            position_holder_id: r.get(n + 4)?,
            position_holder_name: r.get(n + 5)?,
            responsible,
            level_colour: point.level.colour().into(),
            level_colour_name: point.level.colour_name().into(),
            review_due: r.get(n + 7)?,
            point,
        };
        Ok((view, r.get::<_, i64>(n + 1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// 待复核 on `today` for the worklist: live points of live units whose review date is past, the
/// oldest review first, at most `limit`; and how many there are.
pub fn reviews_due(conn: &Connection, today: &str, limit: i64) -> Result<(Vec<RiskReviewDue>, i64)> {
    // The points are walked in review order from `risk_point_review_unit` (its condition is
    // `review_due`'s), the units looked up for those: without INDEXED BY and CROSS JOIN, SQLite
    // 3.54 walks every unit, or every point, and sorts them all (10 ms at city scale, 1 ms so).
    let from = format!(
        "FROM risk_point rp INDEXED BY risk_point_review_unit CROSS JOIN unit u ON u.id = rp.unit_id AND u.voided_at IS NULL
         LEFT JOIN person pe ON pe.id = rp.person_id
         LEFT JOIN position po ON po.id = rp.position_id
         LEFT JOIN person ppe ON ppe.id = po.person_id
         WHERE {}",
        review_due("rp", "?1")
    );
    // Counted from the index alone: the points due less those of voided units (a point's unit
    // always exists: `unit_id` is a NOT NULL foreign key, so the join could only drop voided
    // ones). Joining each point to its unit counted the same with two look-ups a point (≈ 4,500
    // at city scale: 2.7 → 0.4 ms, issue 13).
    let due = review_due("rp", "?1");
    let total: i64 = conn
        .prepare_cached(&format!(
            "SELECT (SELECT count(*) FROM risk_point rp INDEXED BY risk_point_review_unit WHERE {due})
                  - (SELECT count(*) FROM unit u CROSS JOIN risk_point rp ON rp.unit_id = u.id WHERE u.voided_at IS NOT NULL AND {due})"
        ))?
        .query_row([today], |r| r.get(0))?;
    let sql = format!(
        "SELECT rp.id, rp.unit_id, u.name, coalesce(rp.person_id, po.person_id), coalesce(pe.name, ppe.name), po.title,
                rp.category, rp.level, rp.review_date, CAST(julianday(?1) - julianday(rp.review_date) AS INTEGER)
         {from} ORDER BY rp.review_date, u.sort_order, u.name, rp.id LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![today, limit], |r| {
        let level: RiskLevel = from_label(7, r.get(7)?)?;
        Ok(RiskReviewDue {
            risk_point_id: r.get(0)?,
            unit_id: r.get(1)?,
            unit_name: r.get(2)?,
            person_id: r.get(3)?,
            person_name: r.get(4)?,
            position_title: r.get(5)?,
            category: r.get(6)?,
            level,
            level_colour: level.colour().into(),
            level_colour_name: level.colour_name().into(),
            review_date: r.get(8)?,
            days_overdue: r.get(9)?,
        })
    })?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total))
}

/// (live points, live 高 points, points 待复核 on `today`) for `jiandu check`.
pub fn counts(conn: &Connection, today: &str) -> Result<(i64, i64, i64)> {
    Ok(conn.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(rp.level = ?2), 0), coalesce(sum({}), 0) FROM risk_point rp WHERE rp.voided_at IS NULL",
            review_due("rp", "?1")
        ),
        params![today, label(&RiskLevel::High)],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}
