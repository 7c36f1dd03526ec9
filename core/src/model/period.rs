//! The period a report, a dashboard or a drill-down list covers, and the scope (period and
//! units) they share. A leaf of the model: the list filters of talks, letters, items, ratings and
//! risk points carry a scope, and the report imports them, so it imports none of them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::validate::{format_date, parse_date};

/// "2026年1月1日" (the letters' form of a date).
fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The period a report, a dashboard or a drill-down list covers: a year, a quarter, or from–to
/// dates (inclusive, `YYYY-MM-DD`). [`ReportPeriod::resolve`] is the one place that turns it into
/// dates and its Chinese name; the pages send the period and never compute dates themselves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind")]
pub enum ReportPeriod {
    #[serde(rename = "year")]
    Year { year: i32 },
    /// `quarter` 1–4.
    #[serde(rename = "quarter")]
    Quarter { year: i32, quarter: u32 },
    #[serde(rename = "range")]
    Range { from: String, to: String },
}

/// A period made dates: what [`ReportPeriod::resolve`] answers.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "2026年度", "2026年第三季度", or "2026年1月1日至2026年3月31日".
    pub label: String,
    /// "2026年1月1日至2026年12月31日".
    pub dates_label: String,
}

/// Years a report may be asked for.
pub const FIRST_YEAR: i32 = 1949;
pub const LAST_YEAR: i32 = 2200;

const QUARTER_NAMES: [&str; 4] = ["一", "二", "三", "四"];

fn checked_date(field: &str, what: &str, raw: &str) -> Result<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Error::invalid(field, format!("请填写{what}")));
    }
    parse_date(raw).ok_or_else(|| Error::invalid(field, format!("{what}“{raw}”不是有效日期，应为真实存在的日期，如 2026-01-01")))
}

impl ReportPeriod {
    /// The calendar year `y`.
    pub fn year(y: i32) -> ReportPeriod {
        ReportPeriod::Year { year: y }
    }

    /// From–to dates as typed (`YYYY-MM-DD`).
    pub fn range(from: impl Into<String>, to: impl Into<String>) -> ReportPeriod {
        ReportPeriod::Range { from: from.into(), to: to.into() }
    }

    /// The period's first and last day and its Chinese name. A year or quarter out of range, a
    /// quarter not 1–4, a date that does not exist or from after to is refused, naming the field.
    pub fn resolve(&self) -> Result<ResolvedPeriod> {
        let check_year = |y: i32| {
            if (FIRST_YEAR..=LAST_YEAR).contains(&y) {
                Ok(y)
            } else {
                Err(Error::invalid("year", format!("报告年份 {y} 不在 {FIRST_YEAR}—{LAST_YEAR} 之间，请重新选择")))
            }
        };
        let (from, to, label) = match self {
            ReportPeriod::Year { year } => {
                let y = check_year(*year)?;
                (ymd(y, 1, 1), ymd(y, 12, 31), format!("{y}年度"))
            }
            ReportPeriod::Quarter { year, quarter } => {
                let y = check_year(*year)?;
                if !(1..=4).contains(quarter) {
                    return Err(Error::invalid("quarter", format!("季度应为第一至第四季度（1—4），不能是 {quarter}")));
                }
                let first = (quarter - 1) * 3 + 1;
                let from = ymd(y, first, 1);
                let next = if *quarter == 4 { ymd(y + 1, 1, 1) } else { ymd(y, first + 3, 1) };
                (from, next.pred_opt().unwrap_or(next), format!("{y}年第{}季度", QUARTER_NAMES[(*quarter - 1) as usize]))
            }
            ReportPeriod::Range { from, to } => {
                let from = checked_date("from", "报告起始日期", from)?;
                let to = checked_date("to", "报告截止日期", to)?;
                if from > to {
                    return Err(Error::invalid(
                        "from",
                        format!("报告起始日期 {} 晚于截止日期 {}，请调换或重新选择", format_date(from), format_date(to)),
                    ));
                }
                (from, to, format!("{}至{}", chinese_date(from), chinese_date(to)))
            }
        };
        Ok(ResolvedPeriod { from, to, label, dates_label: format!("{}至{}", chinese_date(from), chinese_date(to)) })
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a checked year's first days exist")
}

/// What the report covers: a period and the units (None: the county).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportScope {
    pub period: ReportPeriod,
    /// The units chosen; None or empty: every unit.
    pub unit_ids: Option<Vec<String>>,
}

impl ReportScope {
    /// The whole county over `period`.
    pub fn county(period: ReportPeriod) -> ReportScope {
        ReportScope { period, unit_ids: None }
    }
}

