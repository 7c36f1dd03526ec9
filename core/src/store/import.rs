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

/// Live people as (id, name, birth date): the import keeps them by name in memory, since no
/// index serves a lookup by name and a roster asks for every line.
pub fn live_people(conn: &Connection) -> Result<Vec<(String, String, Option<String>)>> {
    let mut stmt = conn.prepare("SELECT id, name, birth_date FROM person WHERE voided_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the person holds or held a live position in the unit.
pub fn has_position_in(conn: &Connection, person_id: &str, unit_id: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT count(*) > 0 FROM position WHERE person_id = ?1 AND unit_id = ?2 AND voided_at IS NULL")?;
    Ok(stmt.query_row(params![person_id, unit_id], |r| r.get(0))?)
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
