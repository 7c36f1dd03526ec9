//! 问题线索 (clues): a report received about a person or a unit, and how it was disposed of. A
//! clue disposed of by 谈话函询 names its talk (`Talk::clue_id`), at most one live talk per clue.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::meta::RecordMeta;
use super::talks::TalkState;

/// 处置方式: the four ways of disposing of a clue (a fixed list; reports count by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum ClueDisposal {
    #[serde(rename = "谈话函询")]
    TalkInquiry,
    #[serde(rename = "初步核实")]
    Verification,
    #[serde(rename = "暂存待查")]
    Deferred,
    #[serde(rename = "予以了结")]
    Concluded,
}

impl ClueDisposal {
    pub const ALL: [ClueDisposal; 4] = [ClueDisposal::TalkInquiry, ClueDisposal::Verification, ClueDisposal::Deferred, ClueDisposal::Concluded];
}

/// Where clues usually come from; the form suggests them, the clerk may type another.
pub const SOURCE_SUGGESTIONS: [&str; 6] = ["信访举报", "上级交办", "巡视巡察移交", "审计移交", "监督检查发现", "其他"];

/// What the talk form says when a talk is registered from a clue (谈话缘由).
pub const TALK_SOURCE: &str = "问题线索处置";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Clue {
    pub id: String,
    /// 线索来源
    pub source: String,
    /// 受理日期
    pub received_date: String,
    pub person_id: Option<String>,
    pub unit_id: Option<String>,
    /// 反映的主要问题
    pub summary: String,
    /// None until disposed of.
    pub disposal: Option<ClueDisposal>,
    pub disposal_date: Option<String>,
    /// 处置结果
    pub result: String,
    pub meta: RecordMeta,
}

/// What the clue form sends: no id creates, an id updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClueInput {
    pub id: Option<String>,
    pub source: String,
    pub received_date: String,
    #[serde(default)]
    pub person_id: Option<String>,
    #[serde(default)]
    pub unit_id: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub disposal: Option<ClueDisposal>,
    #[serde(default)]
    pub disposal_date: Option<String>,
    #[serde(default)]
    pub result: String,
}

/// A clue as lists show it, with its live 谈话函询 talk if one names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClueRow {
    pub clue: Clue,
    pub person_name: Option<String>,
    pub unit_name: Option<String>,
    pub talk_id: Option<String>,
    pub talk_date: Option<String>,
    pub talk_state: Option<TalkState>,
    /// Disposed of by 谈话函询 and no live talk names it yet: the list offers 登记谈话函询.
    pub talk_awaited: bool,
}

/// Filters of the clue list; all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClueFilter {
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub disposal: Option<ClueDisposal>,
    /// Clues not disposed of yet (disposal empty); ignored when `disposal` is set.
    #[serde(default)]
    pub undisposed: bool,
    #[serde(default)]
    pub person_id: Option<String>,
    #[serde(default)]
    pub voided: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClueOptions {
    pub source_suggestions: Vec<String>,
    pub disposals: Vec<ClueDisposal>,
    /// Years with clues, newest first.
    pub years: Vec<i32>,
    /// The 谈话缘由 a talk registered from a clue carries.
    pub talk_source: String,
}
