//! What the 廉政档案 reads that no other store query gives: the ratings of the units a person led.

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::assessments::{calls_for_summons, LedUnitRating};

/// Live ratings of the units `person_id` led (a live 一把手 position overlapping the year),
/// newest year first. Reached through the person's positions (`position_person`), then
/// `assessment_unit_year` per unit.
pub fn ratings_of_units_led(conn: &Connection, person_id: &str) -> Result<Vec<LedUnitRating>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.unit_id, u.name, a.year, a.rating, a.score, a.remark, min(po.title)
         FROM position po
         JOIN assessment a ON a.unit_id = po.unit_id AND a.voided_at IS NULL
              AND (po.start_date IS NULL OR po.start_date <= printf('%04d-12-31', a.year))
              AND (po.end_date IS NULL OR po.end_date >= printf('%04d-01-01', a.year))
         JOIN unit u ON u.id = a.unit_id
         WHERE po.person_id = ?1 AND po.is_head = 1 AND po.voided_at IS NULL
         GROUP BY a.id
         ORDER BY a.year DESC, u.sort_order, u.name",
    )?;
    let rows = stmt.query_map(params![person_id], |r| {
        Ok(LedUnitRating {
            assessment_id: r.get(0)?,
            unit_id: r.get(1)?,
            unit_name: r.get(2)?,
            year: r.get(3)?,
            rating: r.get(4)?,
            score: r.get(5)?,
            remark: r.get(6)?,
            title: r.get(7)?,
            calls_for_summons: false,
        })
    })?;
    let mut rows: Vec<LedUnitRating> = rows.collect::<rusqlite::Result<_>>()?;
    for r in &mut rows {
        r.calls_for_summons = calls_for_summons(&r.rating);
    }
    Ok(rows)
}
