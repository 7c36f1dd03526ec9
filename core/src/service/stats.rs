//! The 统计 dashboards' figures that the report (`service::report::build`) does not carry, for
//! the same scope and checked the same way.

use std::collections::{BTreeMap, HashSet};

use rusqlite::Connection;

use crate::error::Result;
use crate::model::report::ReportScope;
use crate::model::risks::RiskLevel;
use crate::model::stats::{RisksByUnit, UnitRisks};
use crate::service::report::check_scope;
use crate::store::stats as st;

/// The `top` units of the scope with the most live risk points, by level. Risk points are a
/// register, not events: like the report's 风险点 by level, the period does not narrow them (it is
/// checked all the same, so a bad scope is refused as the report refuses it).
pub fn risks_by_unit(conn: &Connection, scope: &ReportScope, top: usize) -> Result<RisksByUnit> {
    let (_, units) = check_scope(conn, scope)?;
    let chosen: Option<HashSet<&str>> = units.as_ref().map(|ids| ids.iter().map(String::as_str).collect());
    let levels: Vec<String> = RiskLevel::ALL.iter().map(|l| l.label().to_string()).collect();
    let mut by_unit: BTreeMap<String, UnitRisks> = BTreeMap::new();
    for (unit_id, unit_name, level, n) in st::risks_by_unit_level(conn)? {
        if chosen.as_ref().is_some_and(|c| !c.contains(unit_id.as_str())) {
            continue;
        }
        let Some(i) = levels.iter().position(|l| *l == level) else { continue };
        let row = by_unit.entry(unit_id.clone()).or_insert_with(|| UnitRisks {
            unit_id,
            unit_name,
            counts: vec![0; levels.len()],
            total: 0,
        });
        row.counts[i] += n;
        row.total += n;
    }
    let mut rows: Vec<UnitRisks> = by_unit.into_values().collect();
    rows.sort_by(|a, b| b.total.cmp(&a.total).then(b.counts[0].cmp(&a.counts[0])).then(a.unit_name.cmp(&b.unit_name)));
    let units_with_risks = rows.len() as i64;
    rows.truncate(top);
    Ok(RisksByUnit { levels, units: rows, units_with_risks })
}
