//! The supervision report (监督工作情况报告) for a period and a group of units: every figure
//! computed from the records when asked (`service::report::build`). The printed PDF, the workbook,
//! the 报告 page and the dashboards all read this one structure, so they never disagree.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the report covers: a period (inclusive, `YYYY-MM-DD`) and the units (None: the county).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportScope {
    pub from: String,
    pub to: String,
    /// The units chosen; None or empty: every unit.
    pub unit_ids: Option<Vec<String>>,
}

/// One labelled count (a talk kind, a clue disposal, a rating …), in the order the label list gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabelCount {
    pub label: String,
    pub count: i64,
}

/// Held talks of one month by kind; `counts` follows `Report::talk_kinds`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MonthTalks {
    /// `YYYY-MM`
    pub month: String,
    pub counts: Vec<i64>,
    pub total: i64,
}

/// Letters of one kind signed in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterKindFigures {
    pub kind: String,
    /// Signed (签发) in the period, not voided.
    pub issued: i64,
    /// Of those, a reply is recorded.
    pub replied: i64,
    /// Replied on or before the reply due date.
    pub replied_on_time: i64,
    /// 逾期未复 on the report's as-of date (the letters module's meaning).
    pub overdue: i64,
}

/// Rectification items from events of the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemFigures {
    pub opened: i64,
    /// 已销号 by the as-of date.
    pub closed: i64,
    /// Still 整改中.
    pub open: i64,
    /// Open and past their due date on the as-of date (the items module's meaning of overdue).
    pub overdue: i64,
    /// closed / opened, one decimal; None when nothing was opened.
    pub completion_percent: Option<f64>,
}

/// One row of the annex: a unit in scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitAnnexRow {
    pub unit_id: String,
    pub unit_name: String,
    /// Current 一把手 on the as-of date (`store::current_position`), names joined with "、"; "" when vacant.
    pub heads: String,
    /// Latest held 监督谈话 of a current 一把手 up to the as-of date.
    pub last_supervision_talk: Option<String>,
    /// Items of the unit still 整改中.
    pub open_items: i64,
    /// 逾期未复 letters to the unit on the as-of date.
    pub overdue_letters: i64,
    /// The year of the latest rating, and the rating ("好").
    pub last_rating_year: Option<i32>,
    pub last_rating: Option<String>,
    /// Highest level among its live risk points (高/中/低).
    pub highest_risk: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Report {
    pub scope: ReportScope,
    /// "2026年1月1日至2026年12月31日"
    pub period_label: String,
    /// Counts that depend on a day (open, overdue, current 一把手) are taken on this day: the
    /// period's end, or today if the period has not ended.
    pub as_of: String,
    /// The day the report was made, in Chinese form.
    pub made_on: String,
    pub office_name: String,
    /// "全县" or the chosen units' names joined with "、".
    pub units_label: String,
    pub units_covered: i64,
    /// Current 一把手 in scope on the as-of date.
    pub heads: i64,
    // -- talks
    pub talk_kinds: Vec<String>,
    pub talks_by_kind: Vec<LabelCount>,
    pub talks_total: i64,
    /// 一把手 with a held 监督谈话 in the period, of the current 一把手 in scope.
    pub heads_covered: i64,
    pub coverage_percent: Option<f64>,
    /// For a county-wide period inside one calendar year: that year's coverage exactly as the
    /// talk plan and the worklist count it (`store::talks::coverage`: the year's plan, or the
    /// current 一把手 while there is none). None for a unit group or a period over several years.
    pub plan_coverage: Option<super::talks::Coverage>,
    pub talks_by_month: Vec<MonthTalks>,
    // -- letters
    pub letters: Vec<LetterKindFigures>,
    pub letters_issued: i64,
    pub letters_replied: i64,
    pub letters_on_time: i64,
    /// replied on time / replied, one decimal.
    pub on_time_percent: Option<f64>,
    pub letters_overdue: i64,
    // -- items
    pub items: ItemFigures,
    // -- clues
    pub clues_received: i64,
    /// Disposals of clues received in the period; "未处置" last.
    pub clues_by_disposal: Vec<LabelCount>,
    // -- sanctions
    pub sanctions_total: i64,
    /// "党纪处分·警告" and so on.
    pub sanctions_by_kind: Vec<LabelCount>,
    /// 四种形态, then "未标注".
    pub sanctions_by_form: Vec<LabelCount>,
    // -- assessments
    /// Ratings of the years the period touches, in the rating scale's order.
    pub ratings: Vec<LabelCount>,
    /// Ratings calling for a 约谈 (`assessments::calls_for_summons`) whose 约谈 is held / still pending.
    pub summons_held: i64,
    pub summons_pending: i64,
    // -- risks
    pub risks_by_level: Vec<LabelCount>,
    // -- hearings, education
    pub hearings: i64,
    pub education: i64,
    pub education_participants: i64,
    pub annex: Vec<UnitAnnexRow>,
}
