//! 考核: a unit's yearly rating in the 党风廉政建设责任制考核, and which ratings call for a 约谈.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::meta::RecordMeta;

/// The ratings that put the unit's 一把手 on the 约谈 worklist and propose a 督办函. This is the
/// one place that decides it: the worklist query, the recipient preset and the UI's highlight all
/// read it from here (the UI through `AssessmentOptions::summons_ratings`).
pub const SUMMONS_RATINGS: [&str; 2] = ["基本合格", "不合格"];

/// Whether a rating calls for a 约谈 of the unit's head.
pub fn calls_for_summons(rating: &str) -> bool {
    SUMMONS_RATINGS.contains(&rating)
}

/// The earliest year a rating may be entered for; the 责任制考核 in its present form is younger.
pub const FIRST_YEAR: i32 = 2000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Assessment {
    pub id: String,
    pub unit_id: String,
    pub year: i32,
    /// One entry of the office's rating scale (settings), e.g. 基本合格.
    pub rating: String,
    /// Optional score, 0–100.
    pub score: Option<f64>,
    pub remark: String,
    pub meta: RecordMeta,
}

/// What the assessment form sends: no id creates, an id updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentInput {
    pub id: Option<String>,
    pub unit_id: String,
    pub year: i32,
    pub rating: String,
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub remark: String,
}

/// A row of the assessment list: the rating with its unit, the unit's current 一把手 and where
/// its 约谈 stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentRow {
    pub assessment: Assessment,
    pub unit_name: String,
    /// The unit's current 一把手 (the latest in post when there are two), if any.
    pub head_person_id: Option<String>,
    pub head_name: Option<String>,
    pub head_title: Option<String>,
    /// The rating calls for a 约谈 (`calls_for_summons`).
    pub calls_for_summons: bool,
    /// The held 约谈 linked to this assessment, if any (the latest).
    pub summons_talk_id: Option<String>,
    pub summons_talk_date: Option<String>,
}

/// Filters of the assessment list; all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentFilter {
    /// The records a report figure counted (统计 drill-down): the report's period and units,
    /// applied with the report's own query fragment (`store::report`).
    #[serde(default)]
    #[ts(optional)]
    pub scope: Option<crate::model::period::ReportScope>,
    /// Only this rating ("好").
    #[serde(default)]
    #[ts(optional)]
    pub rating: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub unit_id: Option<String>,
    /// Voided assessments instead of live ones.
    #[serde(default)]
    pub voided: bool,
}

/// The assessment form's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentOptions {
    /// The office's rating scale, best first.
    pub ratings: Vec<String>,
    /// Ratings that call for a 约谈 (`SUMMONS_RATINGS`).
    pub summons_ratings: Vec<String>,
    /// Years that have live ratings, newest first.
    pub years: Vec<i32>,
    pub first_year: i32,
    /// The latest year a rating may be entered for (this year).
    pub last_year: i32,
}

/// One rating of a unit in a year the person was its 一把手 for at least a day: the person page's
/// 所在单位考核情况 and the 廉政档案's section of that name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LedUnitRating {
    pub assessment_id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub year: i32,
    pub rating: String,
    pub score: Option<f64>,
    pub remark: String,
    /// The title the person held there that year.
    pub title: String,
    /// The rating calls for a 约谈 of the head (`calls_for_summons`).
    pub calls_for_summons: bool,
}
