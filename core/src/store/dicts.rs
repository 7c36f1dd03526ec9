//! Rows of the office's editable lists, and how many live records use an entry.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::Result;
use crate::model::dicts::{Dict, DictEntry};

/// The stored entries in order, or None when the office has never saved this list.
pub fn entries(conn: &Connection, d: Dict) -> Result<Option<Vec<DictEntry>>> {
    let mut st = conn.prepare_cached("SELECT name, retired FROM dictionary_entry WHERE dict = ?1 ORDER BY sort_order, name")?;
    let rows = st
        .query_map([d.key()], |r| Ok(DictEntry { name: r.get(0)?, retired: r.get::<_, i64>(1)? != 0, in_use: 0 }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(if rows.is_empty() { None } else { Some(rows) })
}

/// Replaces the list with `entries`, in their order.
pub fn put(tx: &Transaction, d: Dict, entries: &[DictEntry]) -> Result<()> {
    tx.execute("DELETE FROM dictionary_entry WHERE dict = ?1", [d.key()])?;
    let mut st = tx.prepare_cached("INSERT INTO dictionary_entry (dict, name, sort_order, retired) VALUES (?1, ?2, ?3, ?4)")?;
    for (i, e) in entries.iter().enumerate() {
        st.execute(params![d.key(), e.name, i as i64, e.retired as i64])?;
    }
    Ok(())
}

/// How many live records carry `name`, and one of them described for a message ("如…").
pub fn use_of(conn: &Connection, d: Dict, name: &str) -> Result<(i64, Option<String>)> {
    let (count_sql, example_sql): (&str, &str) = match d {
        Dict::FocusAreas => (
            "SELECT (SELECT count(*) FROM talk t WHERE t.voided_at IS NULL AND EXISTS (SELECT 1 FROM json_each(t.focus_areas) WHERE value = ?1)) \
             + (SELECT count(*) FROM finding f WHERE f.voided_at IS NULL AND f.focus_area = ?1)",
            "SELECT t.date || ' ' || t.kind FROM talk t WHERE t.voided_at IS NULL AND EXISTS (SELECT 1 FROM json_each(t.focus_areas) WHERE value = ?1) \
             UNION ALL SELECT f.found_date || ' 监督发现问题' FROM finding f WHERE f.voided_at IS NULL AND f.focus_area = ?1 LIMIT 1",
        ),
        Dict::SupervisionMethods => ("SELECT 0 WHERE ?1 IS NOT NULL", "SELECT NULL WHERE ?1 IS NULL"),
        Dict::FindingSources => (
            "SELECT count(*) FROM finding WHERE voided_at IS NULL AND source = ?1",
            "SELECT found_date || ' 监督发现问题' FROM finding WHERE voided_at IS NULL AND source = ?1 ORDER BY found_date DESC LIMIT 1",
        ),
        Dict::RiskCategories => (
            "SELECT count(*) FROM risk_point WHERE voided_at IS NULL AND category = ?1",
            "SELECT u.name || '的风险点' FROM risk_point r JOIN unit u ON u.id = r.unit_id WHERE r.voided_at IS NULL AND r.category = ?1 LIMIT 1",
        ),
        Dict::RatingScale => (
            "SELECT count(*) FROM assessment WHERE voided_at IS NULL AND rating = ?1",
            "SELECT u.name || a.year || '年度' FROM assessment a JOIN unit u ON u.id = a.unit_id WHERE a.rating = ?1 AND a.voided_at IS NULL \
             ORDER BY a.year DESC, u.sort_order, u.name LIMIT 1",
        ),
    };
    let n: i64 = conn.query_row(count_sql, [name], |r| r.get(0))?;
    let example = if n > 0 { conn.query_row(example_sql, [name], |r| r.get(0)).optional()?.flatten() } else { None };
    Ok((n, example))
}
