//! Supervision talks (谈话) and the yearly talk plan, as the UI sees them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::items::ItemView;
use super::meta::RecordMeta;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum TalkKind {
    #[serde(rename = "任职谈话")]
    Appointment,
    #[serde(rename = "监督谈话")]
    Supervision,
    #[serde(rename = "提醒谈话")]
    Reminder,
    #[serde(rename = "约谈")]
    Summons,
    #[serde(rename = "谈话函询")]
    Inquiry,
    #[serde(rename = "诫勉谈话")]
    Admonition,
    #[serde(rename = "廉政谈话")]
    Integrity,
    #[serde(rename = "任前廉政谈话")]
    PreAppointmentIntegrity,
}

impl TalkKind {
    pub const ALL: [TalkKind; 8] = [
        TalkKind::Appointment,
        TalkKind::Supervision,
        TalkKind::Reminder,
        TalkKind::Summons,
        TalkKind::Inquiry,
        TalkKind::Admonition,
        TalkKind::Integrity,
        TalkKind::PreAppointmentIntegrity,
    ];

    /// The Chinese label, as stored and shown.
    pub fn label(self) -> &'static str {
        match self {
            TalkKind::Appointment => "任职谈话",
            TalkKind::Supervision => "监督谈话",
            TalkKind::Reminder => "提醒谈话",
            TalkKind::Summons => "约谈",
            TalkKind::Inquiry => "谈话函询",
            TalkKind::Admonition => "诫勉谈话",
            TalkKind::Integrity => "廉政谈话",
            TalkKind::PreAppointmentIntegrity => "任前廉政谈话",
        }
    }
}

/// 计划 → 已谈话 → 整改中 → 已销号, moved only by what happens to the talk and its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum TalkState {
    #[serde(rename = "计划")]
    Planned,
    #[serde(rename = "已谈话")]
    Held,
    #[serde(rename = "整改中")]
    Rectifying,
    #[serde(rename = "已销号")]
    Closed,
}

impl TalkState {
    pub fn label(self) -> &'static str {
        match self {
            TalkState::Planned => "计划",
            TalkState::Held => "已谈话",
            TalkState::Rectifying => "整改中",
            TalkState::Closed => "已销号",
        }
    }
}

/// One person talked to, with the unit and title held at the time of the talk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TalkSubject {
    pub person_id: String,
    pub person_name: String,
    pub unit_id: Option<String>,
    pub unit_name: Option<String>,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TalkSubjectInput {
    pub person_id: String,
    /// The unit the person is talked to as a member of; empty: the unit of their current
    /// position (the 一把手 one first).
    #[serde(default)]
    pub unit_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Talk {
    pub id: String,
    pub kind: TalkKind,
    pub state: TalkState,
    /// The date held, or the planned date while 计划.
    pub date: String,
    pub place: String,
    /// 谈话人 from the records…
    pub conductor_person_id: Option<String>,
    /// …or a role as free text when the conductor is from outside (e.g. 市纪委监委第二监督检查室主任).
    pub conductor_role: String,
    /// 记录人
    pub recorder: String,
    /// 列席
    pub attendees: String,
    /// 谈话缘由/来源: 考核结果, 巡察反馈, 信访举报, 日常监督, 年度计划…
    pub source: String,
    pub focus_areas: Vec<String>,
    /// 谈话提纲
    pub outline: String,
    /// 打板子: the problems pointed out, in order.
    pub problems: Vec<String>,
    /// 开方子: requirements and remedies, in order.
    pub remedies: Vec<String>,
    /// The subject's 表态.
    pub statement: String,
    /// Whether a written commitment (承诺书) was signed.
    pub commitment_signed: bool,
    /// The 考核 this 约谈 follows from (a unit rated 基本合格/不合格); once held, the worklist's
    /// 待约谈 entry for it closes.
    pub assessment_id: Option<String>,
    // ---- clues
    /// The 问题线索 this 谈话函询 disposes of (at most one live talk per clue).
    pub clue_id: Option<String>,
    // ---- end clues
    pub meta: RecordMeta,
}

/// What the talk form sends: no id creates, an id updates. `held` says the talk took place on
/// `date` (a new held talk, or recording a planned one); it never moves a talk back to 计划.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TalkInput {
    pub id: Option<String>,
    pub kind: TalkKind,
    pub held: bool,
    pub date: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub conductor_person_id: Option<String>,
    #[serde(default)]
    pub conductor_role: String,
    #[serde(default)]
    pub recorder: String,
    #[serde(default)]
    pub attendees: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub focus_areas: Vec<String>,
    #[serde(default)]
    pub outline: String,
    #[serde(default)]
    pub problems: Vec<String>,
    #[serde(default)]
    pub remedies: Vec<String>,
    #[serde(default)]
    pub statement: String,
    #[serde(default)]
    pub commitment_signed: bool,
    /// The 考核 a 约谈 follows from; only a 约谈 may name one, and it must be live.
    #[serde(default)]
    pub assessment_id: Option<String>,
    // ---- clues
    /// The 问题线索 a 谈话函询 disposes of; only a 谈话函询 may name one, and it must be live.
    #[serde(default)]
    pub clue_id: Option<String>,
    // ---- end clues
    pub subjects: Vec<TalkSubjectInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TalkDetail {
    pub talk: Talk,
    /// The conductor's name, or the free-text role.
    pub conductor: String,
    pub subjects: Vec<TalkSubject>,
    /// Items from this talk, voided ones included (the UI greys them).
    pub items: Vec<ItemView>,
    // ---- clues
    /// The 问题线索 the talk names (`Talk::clue_id`), for its page.
    pub clue: Option<ClueLink>,
    // ---- end clues
    /// The 考核 a 约谈 was held for (`Talk::assessment_id`), for its page.
    pub assessment: Option<AssessmentLink>,
}

/// A talk's assessment as its page names it: "云溪县医疗保障局 2025年度 基本合格".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentLink {
    pub id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub year: i32,
    pub rating: String,
    pub voided: bool,
}

/// A row of the talk list, a person's page or a unit's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TalkRow {
    pub id: String,
    pub kind: TalkKind,
    pub state: TalkState,
    pub date: String,
    /// Subject names joined with "、".
    pub subjects: String,
    /// Their units (short names) joined with "、".
    pub units: String,
    pub conductor: String,
    pub open_items: i64,
    pub overdue_items: i64,
    pub voided_at: Option<String>,
}

/// Filters of the talk list; all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TalkFilter {
    /// The records a report figure counted (统计 drill-down): the report's period and units,
    /// applied with the report's own query fragment (`store::report`).
    #[serde(default)]
    #[ts(optional)]
    pub scope: Option<crate::model::period::ReportScope>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub kind: Option<TalkKind>,
    #[serde(default)]
    pub conductor_person_id: Option<String>,
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub person_id: Option<String>,
    #[serde(default)]
    pub state: Option<TalkState>,
    /// Voided talks instead of live ones.
    #[serde(default)]
    pub voided: bool,
}

/// The talk form's choices: kinds, the office's focus areas and the usual sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TalkOptions {
    pub kinds: Vec<TalkKind>,
    pub focus_areas: Vec<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TalkPlanEntry {
    pub id: String,
    pub year: i32,
    pub person_id: String,
    pub unit_id: Option<String>,
    pub title: String,
    pub conductor_person_id: Option<String>,
    pub conductor_role: String,
    pub planned_month: Option<u32>,
    pub meta: RecordMeta,
}

impl TalkPlanEntry {
    /// Someone is named to hold the talk: a person from the roster or a role.
    pub fn is_assigned(&self) -> bool {
        self.conductor_person_id.is_some() || !self.conductor_role.trim().is_empty()
    }

    /// The planned month is over (in the plan's year) and no 监督谈话 was held.
    pub fn is_late(&self, held: bool, today: NaiveDate) -> bool {
        let Some(month) = self.planned_month else { return false };
        !held && (self.year, month) < (today.year(), today.month())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanEntryInput {
    pub id: String,
    #[serde(default)]
    pub conductor_person_id: Option<String>,
    #[serde(default)]
    pub conductor_role: String,
    #[serde(default)]
    pub planned_month: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanEntryView {
    pub entry: TalkPlanEntry,
    pub person_name: String,
    pub unit_name: Option<String>,
    pub conductor: String,
    /// The latest held 监督谈话 of the person in the plan's year, if any.
    pub talk_id: Option<String>,
    pub talk_date: Option<String>,
    /// A conductor is named (`TalkPlanEntry::is_assigned`).
    pub assigned: bool,
    /// Its month has passed without the talk (`TalkPlanEntry::is_late`).
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TalkPlan {
    pub year: i32,
    pub entries: Vec<PlanEntryView>,
    pub coverage: Coverage,
}

/// 一把手 with at least one held 监督谈话 in the year ÷ 一把手 in scope (the year's plan, or the
/// current 一把手 while there is no plan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Coverage {
    pub year: i32,
    pub in_scope: i64,
    pub covered: i64,
    /// None when nobody is in scope.
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanFill {
    /// Entries added by this fill (0 when run again).
    pub added: i64,
    pub plan: TalkPlan,
}

// ---- clues
/// The 问题线索 a 谈话函询 talk names, as the talk page shows it. Kept here, not in `model::clues`,
/// so that talks need not import clues (clues import the talk's state).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClueLink {
    pub id: String,
    pub source: String,
    pub received_date: String,
    pub summary: String,
    pub voided: bool,
}
// ---- end clues
