//! The worklist (工作台): what needs doing today, gathered from talks, items, plans and letters.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::items::OriginKind;
use super::letters::{LetterKind, LetterState};
use super::talks::TalkKind;

/// Which record a worklist entry opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum WorkEntity {
    #[serde(rename = "talk")]
    Talk,
    #[serde(rename = "talk_plan")]
    TalkPlan,
    #[serde(rename = "person")]
    Person,
    #[serde(rename = "rectification_item")]
    RectificationItem,
    #[serde(rename = "letter")]
    Letter,
}

/// A talk planned this month: a talk record in state 计划 dated this month, or a plan entry for
/// this month whose 一把手 has had no 监督谈话 yet this year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlannedTalkEntry {
    pub entity: WorkEntity,
    pub id: String,
    pub kind: TalkKind,
    pub date: Option<String>,
    pub subjects: String,
    pub units: String,
    pub conductor: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HeadWithoutTalk {
    pub entity: WorkEntity,
    /// The person's id.
    pub id: String,
    pub person_name: String,
    pub unit_id: String,
    pub unit_name: String,
    pub title: String,
    /// Their latest held 监督谈话 ever (older than 12 months), if any.
    pub last_talk_id: Option<String>,
    pub last_talk_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DueItem {
    pub entity: WorkEntity,
    /// The item's id.
    pub id: String,
    pub origin_kind: OriginKind,
    pub origin_id: String,
    pub problem: String,
    pub responsible: String,
    pub due_date: String,
    pub due_estimated: bool,
    pub overdue: bool,
    pub days_left: i64,
}

/// A letter whose reply is awaited (已签发 or 已送达, not voided) and due within 7 days or past
/// (逾期未复).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DueLetter {
    pub entity: WorkEntity,
    /// The letter's id.
    pub id: String,
    pub kind: LetterKind,
    pub state: LetterState,
    /// 文号, e.g. 宣纪函〔2026〕3号.
    pub number: String,
    pub title: String,
    /// 主送, as printed.
    pub recipient: String,
    pub unit_name: Option<String>,
    pub person_name: Option<String>,
    pub reply_due_date: String,
    pub due_estimated: bool,
    pub overdue: bool,
    /// Days from today to the reply due date, negative when overdue.
    pub days_left: i64,
}

// ---- 考核: 待约谈

/// A unit rated 基本合格 or 不合格 (`assessments::calls_for_summons`) whose 约谈 is not held yet:
/// its current 一把手 awaits one. Leaves the list once a held 约谈 names the assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SummonsDue {
    /// The assessment's id, carried into `TalkInput::assessment_id` when the 约谈 is recorded.
    pub assessment_id: String,
    pub year: i32,
    pub rating: String,
    pub unit_id: String,
    pub unit_name: String,
    /// The unit's current 一把手; none while the post is vacant.
    pub person_id: Option<String>,
    pub person_name: Option<String>,
    pub title: Option<String>,
    /// A 约谈 planned for it (计划), if any: the entry stays until it is held.
    pub planned_talk_id: Option<String>,
}

// ---- end 考核

/// Figures for the year so far, each computed from the records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct YearFigures {
    pub year: i32,
    /// Held 监督谈话 from 1 January to today (the talk list filtered by year and kind opens them).
    pub supervision_talks: i64,
    pub heads_covered: i64,
    pub heads_in_scope: i64,
    /// Live items from events of this year, and how many of them are closed.
    pub items_total: i64,
    pub items_closed: i64,
    pub completion_percent: Option<f64>,
    /// "2026年以来开展监督谈话 N 次，覆盖一把手 M 人，整改完成率 P%"
    pub summary: String,
}

/// The worklist (工作台): what needs doing now. Lists hold at most `WORKLIST_LIMIT` entries each;
/// the totals say how many there are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Worklist {
    pub today: String,
    pub planned_this_month: Vec<PlannedTalkEntry>,
    pub heads_without_talk: Vec<HeadWithoutTalk>,
    pub heads_without_talk_total: i64,
    /// Open items due within 7 days or overdue, earliest first.
    pub items_due: Vec<DueItem>,
    pub items_due_total: i64,
    pub items_overdue_total: i64,
    /// Letters awaiting a reply due within 7 days or overdue (逾期未复), most overdue first.
    pub letters_due: Vec<DueLetter>,
    pub letters_due_total: i64,
    /// 逾期未复 letters today.
    pub letters_overdue_total: i64,
    // -- sanctions (处分)
    /// Live people inside a sanction's effect period today, the soonest to end first.
    pub sanctions_in_effect: Vec<super::sanctions::SanctionInEffect>,
    pub sanctions_in_effect_total: i64,
    // -- end sanctions
    // ---- 考核
    /// 待约谈: heads of units rated 基本合格/不合格 without a held 约谈, oldest year first.
    pub summons_due: Vec<SummonsDue>,
    pub summons_due_total: i64,
    // ---- end 考核
    pub figures: YearFigures,
    // ---- risk points
    /// 廉政风险点 past their review date (待复核), the oldest review date first.
    pub risk_reviews_due: Vec<super::risks::RiskReviewDue>,
    pub risk_reviews_due_total: i64,
    // ---- end risk points
}
