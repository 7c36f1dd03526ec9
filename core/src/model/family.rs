//! 家庭重大变动 (family changes) of a cadre: the kinds, what the form sends and the person page
//! shows, and the one rule on when a report is late (逾期报告): more than 30 days after the event.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::meta::RecordMeta;

/// The kinds of change a cadre reports, in the order the form offers them.
pub const KINDS: [&str; 7] = [
    "婚姻变化",
    "配偶子女移居国(境)外",
    "配偶子女从业或经商变化",
    "亲属被追究刑事责任",
    "房产或大额债务变化",
    "婚丧喜庆事宜",
    "其他",
];

/// A change is to be reported within this many days of the event.
pub const REPORT_WITHIN_DAYS: i64 = 30;

/// Days from the event to the report (0 when reported the same day).
pub fn report_delay_days(event: NaiveDate, reported: NaiveDate) -> i64 {
    (reported - event).num_days()
}

/// 逾期报告 — THE one decision: reported more than `REPORT_WITHIN_DAYS` days after the event. A
/// report on day 30 is on time, on day 31 late.
pub fn is_late_report(event: NaiveDate, reported: NaiveDate) -> bool {
    report_delay_days(event, reported) > REPORT_WITHIN_DAYS
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FamilyChange {
    pub id: String,
    pub person_id: String,
    /// One of `KINDS`.
    pub kind: String,
    /// 事项发生日期
    pub event_date: String,
    /// 报告日期
    pub reported_date: String,
    pub description: String,
    pub meta: RecordMeta,
}

/// What the family change form sends: no id creates, an id updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FamilyChangeInput {
    pub id: Option<String>,
    pub person_id: String,
    pub kind: String,
    /// YYYY-MM-DD, not after today.
    pub event_date: String,
    /// YYYY-MM-DD, not after today and not before the event.
    pub reported_date: String,
    #[serde(default)]
    pub description: String,
}

/// A family change as the person page lists it, with whether it was reported late.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FamilyChangeView {
    pub change: FamilyChange,
    pub person_name: String,
    /// Days from the event to the report.
    pub report_days: i64,
    /// 逾期报告 (`is_late_report`).
    pub late: bool,
}

/// The form's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FamilyChangeOptions {
    pub kinds: Vec<String>,
    /// 逾期报告 after this many days (`REPORT_WITHIN_DAYS`).
    pub report_within_days: i64,
}

impl FamilyChangeOptions {
    pub fn build() -> FamilyChangeOptions {
        FamilyChangeOptions { kinds: KINDS.iter().map(|k| k.to_string()).collect(), report_within_days: REPORT_WITHIN_DAYS }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn thirty_days_is_on_time_and_thirty_one_late() {
        assert!(!is_late_report(d("2025-01-01"), d("2025-01-31")));
        assert!(is_late_report(d("2025-01-01"), d("2025-02-01")));
        assert_eq!(report_delay_days(d("2025-01-01"), d("2025-02-01")), 31);
        assert!(!is_late_report(d("2025-01-01"), d("2025-01-01")));
    }
}
