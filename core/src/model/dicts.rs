//! The office's editable lists (字典): focus areas, supervision methods, finding sources, risk
//! categories and the rating scale. Each entry is active or retired (停用): a retired entry is no
//! longer offered by the forms but still names the records made with it. An entry records use
//! can only be retired, never removed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Dict {
    /// 监督重点 (the 8 focus areas of the 监督办法)
    FocusAreas,
    /// 监督方式 (the 11 methods)
    SupervisionMethods,
    /// 问题来源 of a 监督发现问题
    FindingSources,
    /// 风险类别 of a 廉政风险点
    RiskCategories,
    /// 考核等次, best first
    RatingScale,
}

impl Dict {
    pub const ALL: [Dict; 5] = [Dict::FocusAreas, Dict::SupervisionMethods, Dict::FindingSources, Dict::RiskCategories, Dict::RatingScale];

    /// The key rows are stored under (and the error field of a save).
    pub fn key(self) -> &'static str {
        match self {
            Dict::FocusAreas => "focus_areas",
            Dict::SupervisionMethods => "supervision_methods",
            Dict::FindingSources => "finding_sources",
            Dict::RiskCategories => "risk_categories",
            Dict::RatingScale => "rating_scale",
        }
    }

    /// What one entry is called in messages ("监督重点“…”重复").
    pub fn label(self) -> &'static str {
        match self {
            Dict::FocusAreas => "监督重点",
            Dict::SupervisionMethods => "监督方式",
            Dict::FindingSources => "问题来源",
            Dict::RiskCategories => "风险类别",
            Dict::RatingScale => "考核等次",
        }
    }

    /// The seeded list, used until the office first saves its own.
    pub const fn defaults(self) -> &'static [&'static str] {
        match self {
            Dict::FocusAreas => &[
                "加强政治建设",
                "勇于担当尽责",
                "履行管党治党责任",
                "规范行使权力",
                "贯彻民主集中制和“三重一大”决策",
                "落实中央八项规定精神和作风建设",
                "廉洁自律和管好家属及身边人",
                "选人用人",
            ],
            Dict::SupervisionMethods => &[
                "上级对下级监督",
                "同级领导班子监督",
                "纪委监委专责监督",
                "一对一监督谈话",
                "定期听取同级监督情况",
                "履职督查",
                "问题直报",
                "巡视巡察",
                "述责述廉和民主测评",
                "个人有关事项报告查核",
                "经济责任审计",
            ],
            Dict::FindingSources => &[
                "日常监督",
                "专项检查",
                "巡视巡察",
                "审计",
                "信访举报",
                "考核",
                "民主生活会",
                "问题直报",
                "人大监督",
                "民主监督",
                "舆论监督",
                "其他",
            ],
            Dict::RiskCategories => &[
                "选人用人",
                "财务和大额资金审批",
                "政府采购",
                "工程项目",
                "行政审批",
                "行政执法",
                "国有资产",
                "“三重一大”决策",
                "其他",
            ],
            Dict::RatingScale => &["好", "较好", "一般", "基本合格", "不合格"],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DictEntry {
    pub name: String,
    /// 停用: kept for the records that use it, no longer offered.
    pub retired: bool,
    /// Live records that carry this entry (filled when read for the settings page).
    #[serde(default)]
    pub in_use: i64,
}
