//! Figures the 统计 dashboards draw beside the report's (`model::report::Report`) that the
//! report does not print: computed in the core, for the same scope, never in the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Live risk points of one unit by level; `counts` follows `RisksByUnit::levels`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitRisks {
    pub unit_id: String,
    pub unit_name: String,
    pub counts: Vec<i64>,
    pub total: i64,
}

/// The units with the most live risk points in scope, most first (then by more 高, then by
/// name), at most the number asked for; units without any are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RisksByUnit {
    /// 高, 中, 低.
    pub levels: Vec<String>,
    pub units: Vec<UnitRisks>,
    /// Units in scope with at least one live point (the list may show fewer).
    pub units_with_risks: i64,
}
