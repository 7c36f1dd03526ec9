//! 廉政风险点 (risk points): on a person or on a position, in a unit, with a category from the
//! office's list, a level 高/中/低 and a review date. The level's colour (红/黄/蓝) and whether a
//! point is due for review are decided here and in `store::risks`, never by the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::meta::RecordMeta;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum RiskLevel {
    #[serde(rename = "高")]
    High,
    #[serde(rename = "中")]
    Medium,
    #[serde(rename = "低")]
    Low,
}

impl RiskLevel {
    /// Highest first: the order of the register and of the form's choice.
    pub const ALL: [RiskLevel; 3] = [RiskLevel::High, RiskLevel::Medium, RiskLevel::Low];

    /// 0 for 高: registers sort on it.
    pub fn rank(self) -> u8 {
        match self {
            RiskLevel::High => 0,
            RiskLevel::Medium => 1,
            RiskLevel::Low => 2,
        }
    }

    /// The colour the level is shown in, as a name the UI maps to a CSS class (红/黄/蓝 风险).
    pub fn colour(self) -> &'static str {
        match self {
            RiskLevel::High => "red",
            RiskLevel::Medium => "yellow",
            RiskLevel::Low => "blue",
        }
    }

    /// The colour in words, printed beside the level so a black-and-white print still says it.
    pub fn colour_name(self) -> &'static str {
        match self {
            RiskLevel::High => "红",
            RiskLevel::Medium => "黄",
            RiskLevel::Low => "蓝",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RiskLevel::High => "高",
            RiskLevel::Medium => "中",
            RiskLevel::Low => "低",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RiskPoint {
    pub id: String,
    /// On a person (个人风险点); None when on a position only.
    pub person_id: Option<String>,
    /// On a position (岗位风险点); None when on a person only.
    pub position_id: Option<String>,
    /// The unit it belongs to: the position's unit, or the person's unit when entered.
    pub unit_id: String,
    /// One entry of the office's 风险类别 list.
    pub category: String,
    /// 表现形式
    pub description: String,
    pub level: RiskLevel,
    /// 防控措施
    pub measures: String,
    /// 责任领导: a person of the roster, and/or a name as typed.
    pub responsible_person_id: Option<String>,
    pub responsible_name: String,
    /// 复核日期, YYYY-MM-DD.
    pub review_date: Option<String>,
    pub meta: RecordMeta,
}

/// What the risk point form sends: no id creates, an id updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RiskPointInput {
    pub id: Option<String>,
    #[serde(default)]
    pub person_id: Option<String>,
    #[serde(default)]
    pub position_id: Option<String>,
    /// Read only when the unit cannot be derived: a point on a person who holds no current post
    /// (any live unit), or who holds posts in several units (one of those). A position's unit and
    /// a person's only current unit always win.
    #[serde(default)]
    pub unit_id: Option<String>,
    pub category: String,
    pub description: String,
    /// None: refused with "请选择风险等级".
    #[serde(default)]
    pub level: Option<RiskLevel>,
    #[serde(default)]
    pub measures: String,
    #[serde(default)]
    pub responsible_person_id: Option<String>,
    #[serde(default)]
    pub responsible_name: String,
    #[serde(default)]
    pub review_date: Option<String>,
}

/// A risk point as the registers and the person page list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RiskPointView {
    pub point: RiskPoint,
    pub unit_name: String,
    /// The person it is on, if on a person.
    pub person_name: Option<String>,
    /// The position it is on: its title and who holds it.
    pub position_title: Option<String>,
    pub position_holder_id: Option<String>,
    pub position_holder_name: Option<String>,
    /// The responsible leader as shown: the roster person's name, else the typed name.
    pub responsible: String,
    /// `RiskLevel::colour` of the level ("red" / "yellow" / "blue").
    pub level_colour: String,
    /// 红 / 黄 / 蓝
    pub level_colour_name: String,
    /// Live and its review date is past (before today): 待复核.
    pub review_due: bool,
}

/// Filters of the register; all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RiskFilter {
    /// The records a report figure counted (统计 drill-down): the report's period and units,
    /// applied with the report's own query fragment (`store::report`).
    #[serde(default)]
    #[ts(optional)]
    pub scope: Option<crate::model::period::ReportScope>,
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub level: Option<RiskLevel>,
    #[serde(default)]
    pub category: Option<String>,
    /// Only points whose review date is past (待复核).
    #[serde(default)]
    pub review_due: bool,
    /// Voided points instead of live ones.
    #[serde(default)]
    pub voided: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RiskLevelOption {
    pub level: RiskLevel,
    pub colour: String,
    pub colour_name: String,
}

/// The form's and the register's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RiskOptions {
    pub levels: Vec<RiskLevelOption>,
    /// The active 风险类别, in the office's order.
    pub categories: Vec<String>,
}

impl RiskOptions {
    pub fn build(categories: Vec<String>) -> RiskOptions {
        let levels = RiskLevel::ALL
            .iter()
            .map(|&level| RiskLevelOption { level, colour: level.colour().into(), colour_name: level.colour_name().into() })
            .collect();
        RiskOptions { levels, categories }
    }
}

/// A live risk point whose review date is past, for the worklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RiskReviewDue {
    pub risk_point_id: String,
    pub unit_id: String,
    pub unit_name: String,
    /// Whom it concerns: the person it is on, else the position's holder.
    pub person_id: Option<String>,
    pub person_name: Option<String>,
    pub position_title: Option<String>,
    pub category: String,
    pub level: RiskLevel,
    pub level_colour: String,
    pub level_colour_name: String,
    pub review_date: String,
    /// Days since the review date (at least 1).
    pub days_overdue: i64,
}
