//! 警示教育 (warning education): a film, a 忏悔录, a trial attended, a lecture or a visit to an
//! education base, with the units that took part, how many attended and, optionally, who.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::meta::RecordMeta;

/// The kinds of warning education, in the order the form offers them.
pub const KINDS: [&str; 5] = ["警示教育片", "忏悔录", "旁听庭审", "专题讲座", "警示教育基地"];

/// More participants than this is a typing slip, not an event a county holds.
pub const MAX_PARTICIPANTS: i64 = 100_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Education {
    pub id: String,
    pub date: String,
    /// One of `KINDS`.
    pub kind: String,
    /// 主题 (the film's or lecture's title, the case heard).
    pub title: String,
    /// 教育材料 and what was done.
    pub material: String,
    /// 参加人数
    pub participants: i64,
    /// 参加单位, one or more, in unit order.
    pub unit_ids: Vec<String>,
    /// 参加人员 named from the roster (optional).
    pub person_ids: Vec<String>,
    pub meta: RecordMeta,
}

/// What the education form sends: no id creates, an id updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EducationInput {
    pub id: Option<String>,
    /// YYYY-MM-DD, not after today.
    pub date: String,
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub material: String,
    /// 0 or more.
    #[serde(default)]
    pub participants: i64,
    pub unit_ids: Vec<String>,
    #[serde(default)]
    pub person_ids: Vec<String>,
}

/// An id with the name it stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EducationMember {
    pub id: String,
    pub name: String,
}

/// An education session with its units' and people's names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EducationRow {
    pub education: Education,
    pub units: Vec<EducationMember>,
    pub people: Vec<EducationMember>,
}

/// Filters of the education list; all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EducationFilter {
    #[serde(default)]
    pub year: Option<i32>,
    /// Sessions this unit took part in.
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub voided: bool,
}

/// The form's and the filter's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EducationOptions {
    pub kinds: Vec<String>,
    /// Years with live sessions, newest first.
    pub years: Vec<i32>,
    pub max_participants: i64,
}
