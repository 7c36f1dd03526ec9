//! Rectification items (整改事项): what a talk, a letter, a finding or an assessment asks a unit
//! or person to put right, with its deadline, progress notes and 销号.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::meta::RecordMeta;

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

// ---- items list (整改事项 page)

/// What the 整改事项 page filters by status: open, closed, or open past due (the items module's
/// overdue: 整改中 with a due date before the day counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum ItemListStatus {
    #[serde(rename = "整改中")]
    Open,
    #[serde(rename = "已销号")]
    Closed,
    #[serde(rename = "逾期")]
    Overdue,
}

/// Filters of the 整改事项 list; all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemFilter {
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<ItemListStatus>,
    /// Items of the unit: its own, or those of a person holding a post in it today.
    #[serde(default)]
    #[ts(optional)]
    pub unit_id: Option<String>,
    /// A period and unit group as the report takes them: items from events of the period, of
    /// the units; overdue is then counted on the report's as-of date (`store::report`).
    #[serde(default)]
    #[ts(optional)]
    pub scope: Option<crate::model::period::ReportScope>,
    /// Voided items instead of live ones.
    #[serde(default)]
    pub voided: bool,
}

/// One row of the 整改事项 list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemListRow {
    pub id: String,
    pub origin_kind: OriginKind,
    pub origin_id: String,
    pub origin_date: String,
    pub problem: String,
    /// The responsible person's name, else the unit's; "" when none is set.
    pub responsible: String,
    pub due_date: String,
    pub due_estimated: bool,
    pub status: ItemStatus,
    pub closed_date: Option<String>,
    /// Open and past due on the day counted (today, or the scope's as-of date).
    pub overdue: bool,
    pub voided_at: Option<String>,
}
// ---- end items list
