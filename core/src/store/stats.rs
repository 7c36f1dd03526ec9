//! The dashboards' queries beside the report's (`store::report`).

use rusqlite::Connection;

use crate::error::Result;

/// (unit id, unit name, level, count) of live risk points of live units: the rows
/// `store::report::risks_by_level` sums by level, here kept per unit.
pub fn risks_by_unit_level(conn: &Connection) -> Result<Vec<(String, String, String, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT u.id, u.name, r.level, count(*) FROM risk_point r JOIN unit u ON u.id = r.unit_id AND u.voided_at IS NULL \
         WHERE r.voided_at IS NULL GROUP BY u.id, r.level",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}
