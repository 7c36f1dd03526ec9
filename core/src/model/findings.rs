//! 监督发现问题 (findings): what supervision found about a person or a unit, where it came from,
//! how serious it is, and — derived from its rectification items — where its rectification stands.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::items::ItemView;
use super::meta::RecordMeta;

/// 严重程度: a fixed list, not a dictionary (reports group by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Seriousness {
    #[serde(rename = "一般")]
    Ordinary,
    #[serde(rename = "较重")]
    Serious,
    #[serde(rename = "严重")]
    Grave,
}

impl Seriousness {
    pub const ALL: [Seriousness; 3] = [Seriousness::Ordinary, Seriousness::Serious, Seriousness::Grave];
}

/// Where a finding's rectification stands, from its live items: any open → 整改中; all closed →
/// 已整改; none → 无整改事项. Computed in the query (`store::findings::STATUS`), never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum FindingStatus {
    #[serde(rename = "整改中")]
    Rectifying,
    #[serde(rename = "已整改")]
    Rectified,
    #[serde(rename = "无整改事项")]
    NoItems,
}

impl FindingStatus {
    pub const ALL: [FindingStatus; 3] = [FindingStatus::Rectifying, FindingStatus::Rectified, FindingStatus::NoItems];

    /// The status of a finding with `open` and `closed` live items.
    pub fn of(open: i64, closed: i64) -> FindingStatus {
        if open > 0 {
            FindingStatus::Rectifying
        } else if closed > 0 {
            FindingStatus::Rectified
        } else {
            FindingStatus::NoItems
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Finding {
    pub id: String,
    /// 问题来源: an entry of the office's list (`Dict::FindingSources`).
    pub source: String,
    /// 监督重点 (`Dict::FocusAreas`), if one applies.
    pub focus_area: Option<String>,
    pub person_id: Option<String>,
    pub unit_id: Option<String>,
    /// 发现日期: where the 工作日 of its items' deadlines count from.
    pub found_date: String,
    /// 问题描述
    pub description: String,
    pub seriousness: Seriousness,
    pub meta: RecordMeta,
}

/// What the finding form sends: no id creates, an id updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FindingInput {
    pub id: Option<String>,
    pub source: String,
    #[serde(default)]
    pub focus_area: Option<String>,
    #[serde(default)]
    pub person_id: Option<String>,
    #[serde(default)]
    pub unit_id: Option<String>,
    pub found_date: String,
    pub description: String,
    pub seriousness: Seriousness,
}

/// A finding as lists show it: names, item figures and its status today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FindingRow {
    pub finding: Finding,
    pub person_name: Option<String>,
    pub unit_name: Option<String>,
    pub status: FindingStatus,
    /// Live items, open ones, and open ones past their deadline today.
    pub items_total: i64,
    pub open_items: i64,
    pub overdue_items: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FindingDetail {
    pub row: FindingRow,
    /// Its items, voided ones included (the UI greys them).
    pub items: Vec<ItemView>,
}

/// Filters of the findings list; all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FindingFilter {
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub person_id: Option<String>,
    #[serde(default)]
    pub status: Option<FindingStatus>,
    /// Voided findings instead of live ones.
    #[serde(default)]
    pub voided: bool,
}

/// The finding form's and list's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FindingOptions {
    /// Active sources, in the office's order.
    pub sources: Vec<String>,
    /// Active focus areas.
    pub focus_areas: Vec<String>,
    pub seriousness: Vec<Seriousness>,
    pub statuses: Vec<FindingStatus>,
    /// Years with findings, newest first.
    pub years: Vec<i32>,
}
