//! Letters (函件: 提醒函, 督办函 …) and their templates, as the UI sees them: kinds, the state a
//! letter is in, what the forms send, list rows and the detail page. The 文号 is assigned once at
//! signing; 逾期未复 is computed from today, never stored.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::items::ItemView;
use super::RecordMeta;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum LetterKind {
    #[serde(rename = "提醒函")]
    Reminder,
    #[serde(rename = "督办函")]
    Supervision,
    #[serde(rename = "提示函")]
    Notice,
    #[serde(rename = "纪律检查建议书")]
    DisciplineAdvice,
    #[serde(rename = "监察建议书")]
    SupervisoryAdvice,
}

impl LetterKind {
    pub const ALL: [LetterKind; 5] =
        [LetterKind::Reminder, LetterKind::Supervision, LetterKind::Notice, LetterKind::DisciplineAdvice, LetterKind::SupervisoryAdvice];

    pub fn label(self) -> &'static str {
        match self {
            LetterKind::Reminder => "提醒函",
            LetterKind::Supervision => "督办函",
            LetterKind::Notice => "提示函",
            LetterKind::DisciplineAdvice => "纪律检查建议书",
            LetterKind::SupervisoryAdvice => "监察建议书",
        }
    }
}

/// 草稿 → 已签发 (the number is assigned here, once) → 已送达 → 已回复 → 已销号. Moved only by
/// the actions (sign, deliver, record the reply, close); 作废 is `meta.voided_at`, not a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum LetterState {
    #[serde(rename = "草稿")]
    Draft,
    #[serde(rename = "已签发")]
    Signed,
    #[serde(rename = "已送达")]
    Delivered,
    #[serde(rename = "已回复")]
    Replied,
    #[serde(rename = "已销号")]
    Closed,
}

impl LetterState {
    pub const ALL: [LetterState; 5] = [LetterState::Draft, LetterState::Signed, LetterState::Delivered, LetterState::Replied, LetterState::Closed];

    pub fn label(self) -> &'static str {
        match self {
            LetterState::Draft => "草稿",
            LetterState::Signed => "已签发",
            LetterState::Delivered => "已送达",
            LetterState::Replied => "已回复",
            LetterState::Closed => "已销号",
        }
    }
}

/// A letter template: title and body with {字段} placeholders, filled from the records when a
/// letter is started from it. Built-in templates ship with the app; the office edits them and adds
/// its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterTemplate {
    pub id: String,
    pub kind: LetterKind,
    /// The name in the template list, e.g. 落实“两个责任”提醒函.
    pub name: String,
    pub title: String,
    /// One paragraph a line (blank lines are ignored); {收件人} {单位} {职务} {问题} {回复期限}
    /// {联系人} {联系电话} {机关} {年份} {日期} are filled from the records.
    pub body: String,
    /// 抄送 organs.
    pub cc: Vec<String>,
    /// Reply window in 工作日 from delivery; None: no reply asked for.
    pub reply_workdays: Option<i64>,
    /// Shipped with the app (the office may still edit it).
    pub builtin: bool,
    pub meta: RecordMeta,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateInput {
    pub id: Option<String>,
    pub kind: LetterKind,
    pub name: String,
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub cc: Vec<String>,
    #[serde(default)]
    pub reply_workdays: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Letter {
    pub id: String,
    pub kind: LetterKind,
    pub template_id: Option<String>,
    /// 发文字号, e.g. 宣纪函〔2026〕3号; None while a draft.
    pub number: Option<String>,
    /// 机关代字 the number was given under ("" while a draft).
    pub code: String,
    pub year: Option<i32>,
    pub seq: Option<i64>,
    pub title: String,
    pub recipient_unit_id: Option<String>,
    pub recipient_person_id: Option<String>,
    /// 主送, as printed.
    pub recipient: String,
    /// One paragraph a line.
    pub body: String,
    /// 抄送
    pub cc: Vec<String>,
    /// 附注, e.g. 联系人：王䶮，联系电话：0563-1234567
    pub contact: String,
    pub signed_date: Option<String>,
    /// Reply window in 工作日 counted from delivery…
    pub reply_due_workdays: Option<i64>,
    /// …or the reply due date: given, or computed at delivery from the 工作日.
    pub reply_due_date: Option<String>,
    /// The due date was counted across a year whose holidays the calendar does not know.
    pub due_estimated: bool,
    pub delivered_date: Option<String>,
    pub replied_date: Option<String>,
    /// 回复文号
    pub reply_number: String,
    pub reply_summary: String,
    /// 销号日期
    pub closed_date: Option<String>,
    pub state: LetterState,
    /// Letters signed together in one batch share this id.
    pub batch_id: Option<String>,
    /// The letter this one presses for a reply (催办).
    pub follow_up_of: Option<String>,
    pub meta: RecordMeta,
}

/// What the letter form sends: no id creates a draft, an id edits a draft. Signed letters are
/// not edited. The reply window is a date or N 工作日 from delivery (or neither: no reply asked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterInput {
    pub id: Option<String>,
    pub kind: LetterKind,
    #[serde(default)]
    pub template_id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub recipient_unit_id: Option<String>,
    #[serde(default)]
    pub recipient_person_id: Option<String>,
    #[serde(default)]
    pub recipient: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub cc: Vec<String>,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub reply_due_date: Option<String>,
    #[serde(default)]
    pub reply_due_workdays: Option<i64>,
}

/// A row of the letter list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterRow {
    pub id: String,
    pub kind: LetterKind,
    pub number: Option<String>,
    pub year: Option<i32>,
    pub seq: Option<i64>,
    pub title: String,
    pub recipient: String,
    pub unit_name: Option<String>,
    pub person_name: Option<String>,
    pub state: LetterState,
    pub signed_date: Option<String>,
    pub delivered_date: Option<String>,
    pub reply_due_date: Option<String>,
    pub reply_due_workdays: Option<i64>,
    pub due_estimated: bool,
    pub replied_date: Option<String>,
    pub closed_date: Option<String>,
    pub batch_id: Option<String>,
    pub follow_up_of: Option<String>,
    /// 逾期未复: signed or delivered, past the reply due date, no reply, not voided.
    pub overdue: bool,
    /// Days from today to the reply due date (negative when overdue); None when no reply is awaited.
    pub days_left: Option<i64>,
    /// 作废
    pub voided: bool,
    pub voided_at: Option<String>,
    pub void_reason: Option<String>,
    /// Live rectification items from this letter, and how many of them are open.
    pub items: i64,
    pub open_items: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterDetail {
    pub letter: Letter,
    pub unit_name: Option<String>,
    pub person_name: Option<String>,
    pub template_name: Option<String>,
    /// Rectification items from this letter, voided ones included (the UI greys them).
    pub items: Vec<ItemView>,
    /// 催办 letters sent about this one.
    pub follow_ups: Vec<LetterRow>,
    /// The letter this one presses for a reply, if it is a 催办.
    pub original: Option<LetterRow>,
    /// Other letters of the same batch, in number order.
    pub batch: Vec<LetterRow>,
    pub overdue: bool,
    pub days_left: Option<i64>,
    pub voided: bool,
}

/// Filters of the letter list; all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterFilter {
    /// The records a report figure counted (统计 drill-down): the report's period and units,
    /// applied with the report's own query fragment (`store::report`).
    #[serde(default)]
    #[ts(optional)]
    pub scope: Option<crate::model::period::ReportScope>,
    /// Signing year (drafts: the year they were created).
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub kind: Option<LetterKind>,
    #[serde(default)]
    pub state: Option<LetterState>,
    /// Part of the number, title, 主送 or the recipient's name.
    #[serde(default)]
    pub query: String,
    /// Only 逾期未复 letters.
    #[serde(default)]
    pub overdue_only: bool,
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub person_id: Option<String>,
    /// Voided letters instead of live ones.
    #[serde(default)]
    pub voided: bool,
}

/// One recipient of a batch: a unit, a person, or a person as head of a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterRecipient {
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub person_id: Option<String>,
}

/// A recipient offered by a preset, with the label the picker shows (单位 职务 姓名).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecipientChoice {
    pub unit_id: Option<String>,
    pub person_id: Option<String>,
    pub label: String,
}

/// Ready-made recipient lists for a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum RecipientPreset {
    #[serde(rename = "全部一把手")]
    AllHeads,
    #[serde(rename = "乡镇党委书记")]
    TownshipSecretaries,
    #[serde(rename = "党委部门一把手")]
    PartyDepartmentHeads,
    #[serde(rename = "政府部门一把手")]
    GovernmentDepartmentHeads,
    #[serde(rename = "事业单位和国有企业一把手")]
    InstitutionAndEnterpriseHeads,
    /// Heads of units rated 基本合格/不合格 in the latest year with ratings, for the 督办函.
    #[serde(rename = "考核基本合格和不合格单位一把手")]
    SummonsRatedHeads,
}

impl RecipientPreset {
    pub const ALL: [RecipientPreset; 6] = [
        RecipientPreset::AllHeads,
        RecipientPreset::TownshipSecretaries,
        RecipientPreset::PartyDepartmentHeads,
        RecipientPreset::GovernmentDepartmentHeads,
        RecipientPreset::InstitutionAndEnterpriseHeads,
        RecipientPreset::SummonsRatedHeads,
    ];
}

/// One letter per recipient, signed with consecutive numbers in one go. The text comes from a
/// template, or from `base` (whose {字段} placeholders are filled per recipient).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BatchInput {
    #[serde(default)]
    pub template_id: Option<String>,
    #[serde(default)]
    pub base: Option<LetterInput>,
    pub recipients: Vec<LetterRecipient>,
    /// 签发日期
    pub date: String,
}

/// The 文号 a signing would give: `count` letters signed on a date, numbered in that date's year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NumberPreview {
    pub year: i32,
    /// e.g. 云纪函〔2027〕1号
    pub first: String,
    /// The same as `first` for one letter.
    pub last: String,
    pub count: i64,
}

/// A placeholder and what it is filled with for one recipient ("" when the records hold nothing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldValue {
    /// Without braces, e.g. 收件人.
    pub name: String,
    pub value: String,
    /// What the field is, for the template editor's help.
    pub description: String,
}

/// The choices of the letter screens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterOptions {
    pub kinds: Vec<LetterKind>,
    pub states: Vec<LetterState>,
    /// Live templates.
    pub templates: Vec<LetterTemplate>,
    pub presets: Vec<RecipientPreset>,
    /// The placeholders a template may use (values empty here).
    pub fields: Vec<FieldValue>,
    /// The office's 机关代字 ("" until set: signing is refused until then).
    pub agency_code: String,
    /// The number the next letter signed this year would get, e.g. 宣纪函〔2026〕8号.
    pub next_number: Option<String>,
}

/// A PDF to show or save: the file name the letter(s) suggest and the bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SavedFiles {
    /// Full paths of the files written.
    pub paths: Vec<String>,
}
