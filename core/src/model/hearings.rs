//! 听取汇报 (hearings): the commission hears a lower 纪委书记 on 同级监督, or a 派驻纪检监察组 in a
//! 专题汇报. A hearing names the unit reported on, the reporter, or both.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::meta::RecordMeta;

/// The kinds of hearing, in the order the form offers them.
pub const KINDS: [&str; 3] = ["同级监督情况汇报", "派驻监督情况专题汇报", "其他"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Hearing {
    pub id: String,
    pub date: String,
    /// One of `KINDS`.
    pub kind: String,
    /// 汇报单位
    pub unit_id: Option<String>,
    /// 汇报人 from the roster.
    pub reporter_person_id: Option<String>,
    /// 汇报人 as typed (someone not on the roster, or a role such as 派驻第二纪检监察组组长).
    pub reporter_name: String,
    /// 汇报要点
    pub key_points: String,
    /// 工作要求和后续跟进
    pub follow_ups: String,
    pub meta: RecordMeta,
}

/// What the hearing form sends: no id creates, an id updates. At least one of the unit and the
/// reporter (from the roster or typed) is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HearingInput {
    pub id: Option<String>,
    /// YYYY-MM-DD, not after today.
    pub date: String,
    pub kind: String,
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub reporter_person_id: Option<String>,
    #[serde(default)]
    pub reporter_name: String,
    #[serde(default)]
    pub key_points: String,
    #[serde(default)]
    pub follow_ups: String,
}

/// A hearing with the names it points to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HearingRow {
    pub hearing: Hearing,
    pub unit_name: Option<String>,
    pub reporter_person_name: Option<String>,
    /// Who reported, as lists show it: the roster name and the typed name, joined.
    pub reporter: String,
}

/// Filters of the hearing list; all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HearingFilter {
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub unit_id: Option<String>,
    /// Voided hearings instead of live ones.
    #[serde(default)]
    pub voided: bool,
}

/// The form's and the filter's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HearingOptions {
    pub kinds: Vec<String>,
    /// Years with live hearings, newest first.
    pub years: Vec<i32>,
}
