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

// ---- dashboard: the 统计 page's charts, shaped in the core

/// One named row of numbers of a chart (a bar series), one number per category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChartSeries {
    pub name: String,
    pub data: Vec<i64>,
}

/// A bar chart as the page draws it: title, the line under it, categories along the axis and
/// the series (stacked where the page stacks them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BarChart {
    pub title: String,
    pub subtitle: String,
    pub categories: Vec<String>,
    pub series: Vec<ChartSeries>,
}

/// A pie (ring) chart: title, the line under it, one slice per label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PieChart {
    pub title: String,
    pub subtitle: String,
    pub slices: Vec<crate::model::report::LabelCount>,
}

/// Every figure the 统计 page draws, from the report of its scope (`service::stats::dashboard`):
/// the page maps these to chart options and draws; it derives no number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Dashboard {
    pub scope: crate::model::report::ReportScope,
    /// The period's dates (`YYYY-MM-DD`): what a click lists.
    pub from: String,
    pub to: String,
    pub period_label: String,
    pub units_label: String,
    pub units_covered: i64,
    pub as_of: String,
    /// Held talks by month (categories `YYYY-MM`) and kind (series, stacked).
    pub talks: BarChart,
    /// Each month's days inside the period, as the talks' categories: what a click on it lists.
    pub talk_months: Vec<crate::model::report::MonthTalks>,
    /// 一把手 to cover and covered: the current heads, and the year's plan when there is one.
    pub coverage: BarChart,
    /// 新增, 已销号, 整改中, 逾期.
    pub items: BarChart,
    /// Letters by kind (categories: the kind and its on-time rate), series 签发, 按期回复, 逾期未复.
    pub letters: BarChart,
    /// The letter kind of each category of `letters`.
    pub letter_kinds: Vec<String>,
    pub ratings: PieChart,
    /// Live risk points by level (高, 中, 低).
    pub risks: BarChart,
    /// The units with the most risk points, most first, by level (series, stacked).
    pub risk_units: BarChart,
    /// The unit id of each category of `risk_units`.
    pub risk_unit_ids: Vec<String>,
}
// ---- end dashboard
