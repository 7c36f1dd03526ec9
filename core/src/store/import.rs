//! The lookups the Excel import makes to match a file's rows with records already kept. Only SQL
//! here; the rules live in `crate::import`.

use rusqlite::{params, Connection};

use super::current_position;
use crate::error::Result;

/// Live units as (id, name, short name), in unit order.
pub fn live_units(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare("SELECT id, name, short_name FROM unit WHERE voided_at IS NULL ORDER BY sort_order, name")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live people of this name who hold or held a live position in the unit (any unit when
/// `unit_id` is None), as (id, birth date).
pub fn people_named(conn: &Connection, name: &str, unit_id: Option<&str>) -> Result<Vec<(String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT pe.id, pe.birth_date FROM person pe
         WHERE pe.voided_at IS NULL AND pe.name = ?1
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM position po WHERE po.person_id = pe.id
                                      AND po.unit_id = ?2 AND po.voided_at IS NULL))",
    )?;
    let rows = stmt.query_map(params![name, unit_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The person's current position (`store::current_position`) in the unit with this title, if any.
pub fn current_position_titled(conn: &Connection, person_id: &str, unit_id: &str, title: &str, today: &str) -> Result<Option<String>> {
    let sql = format!(
        "SELECT po.id FROM position po WHERE po.person_id = ?1 AND po.unit_id = ?2 AND po.title = ?3 AND {} LIMIT 1",
        current_position("po", "?4")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query_map(params![person_id, unit_id, title, today], |r| r.get(0))?;
    Ok(rows.next().transpose()?)
}
