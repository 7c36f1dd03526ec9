//! Supervision talks (谈话), rectification items (整改事项), the yearly talk plan and the
//! worklist (工作台), as the UI sees them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::RecordMeta;

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

/// Where a rectification item comes from: talks and letters create items so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum OriginKind {
    #[serde(rename = "谈话")]
    Talk,
    #[serde(rename = "函件")]
    Letter,
    #[serde(rename = "监督发现问题")]
    Finding,
    #[serde(rename = "考核")]
    Assessment,
}

/// An item is open until it is closed (销号); overdue is computed from today, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum ItemStatus {
    #[serde(rename = "整改中")]
    Open,
    #[serde(rename = "已销号")]
    Closed,
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
pub struct RectificationItem {
    pub id: String,
    pub origin_kind: OriginKind,
    pub origin_id: String,
    /// The date of the originating event (the talk date), from which 工作日 are counted.
    pub origin_date: String,
    pub problem: String,
    pub measure: String,
    pub responsible_person_id: Option<String>,
    pub responsible_unit_id: Option<String>,
    /// Set when the deadline was given as N 工作日 after the origin date.
    pub due_workdays: Option<i64>,
    pub due_date: String,
    /// The deadline was counted across a year whose holidays the calendar does not know.
    pub due_estimated: bool,
    pub status: ItemStatus,
    /// 销号日期
    pub closed_date: Option<String>,
    /// 佐证材料
    pub evidence: String,
    pub meta: RecordMeta,
}

/// A deadline is a date or N 工作日 from the origin: exactly one of `due_date`, `due_workdays`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemInput {
    pub id: Option<String>,
    pub origin_kind: OriginKind,
    pub origin_id: String,
    pub problem: String,
    #[serde(default)]
    pub measure: String,
    #[serde(default)]
    pub responsible_person_id: Option<String>,
    #[serde(default)]
    pub responsible_unit_id: Option<String>,
    #[serde(default)]
    pub due_date: Option<String>,
    #[serde(default)]
    pub due_workdays: Option<i64>,
}

/// An item with the names it points to and what today makes of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemView {
    pub item: RectificationItem,
    pub responsible: String,
    /// Open and past its due date today.
    pub overdue: bool,
    /// Days from today to the due date (negative when overdue); None once closed.
    pub days_left: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemProgress {
    pub id: String,
    pub item_id: String,
    pub date: String,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemDetail {
    pub view: ItemView,
    /// Dated progress notes, oldest first.
    pub progress: Vec<ItemProgress>,
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
    pub kind: super::letters::LetterKind,
    pub state: super::letters::LetterState,
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
    pub figures: YearFigures,
}
