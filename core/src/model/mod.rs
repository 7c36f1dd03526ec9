//! Records and their enums as the UI sees them (serde + ts-rs), and the rules their fields obey.
//! Dates travel as `YYYY-MM-DD` text and are checked here; ids are UUID text.

pub mod assessments;
// ---- backups and restore
pub mod backup;
// ---- end backups and restore
pub mod dicts;
pub mod items;
pub mod letters;
// ---- 廉政档案 (person file)
pub mod person_file;
// ---- end 廉政档案
mod meta;
// ---- risk points
pub mod risks;
// ---- end risk points
pub mod sanctions;
pub mod talks;
pub mod validate;
pub mod worklist;
// ---- 家庭重大变动、听取汇报、警示教育
pub mod education;
pub mod family;
pub mod hearings;
// ---- end 家庭重大变动、听取汇报、警示教育
// ---- findings and clues
pub mod clues;
pub mod findings;
// ---- end findings and clues
// ---- report
pub mod report;
// ---- report period (issue 11)
pub mod period;
// ---- end report period
// ---- end report
// ---- accounts
pub mod accounts;
// ---- end accounts
// ---- audit chain
pub mod audit;
// ---- end audit chain
// ---- dashboards
pub mod stats;
// ---- end dashboards
// ---- Excel in
pub mod import;
// ---- end Excel in
// ---- encryption at rest
pub mod crypt;
// ---- end encryption at rest

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use meta::RecordMeta;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum UnitCategory {
    #[serde(rename = "党委部门")]
    PartyDepartment,
    #[serde(rename = "政府部门")]
    GovernmentDepartment,
    #[serde(rename = "乡镇(街道)")]
    Township,
    #[serde(rename = "事业单位")]
    PublicInstitution,
    #[serde(rename = "国有企业")]
    StateEnterprise,
    #[serde(rename = "群团组织")]
    MassOrganisation,
    #[serde(rename = "其他")]
    Other,
}

impl UnitCategory {
    pub const ALL: [UnitCategory; 7] = [
        UnitCategory::PartyDepartment,
        UnitCategory::GovernmentDepartment,
        UnitCategory::Township,
        UnitCategory::PublicInstitution,
        UnitCategory::StateEnterprise,
        UnitCategory::MassOrganisation,
        UnitCategory::Other,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum UnitStatus {
    #[serde(rename = "正常")]
    Active,
    #[serde(rename = "已合并")]
    Merged,
    #[serde(rename = "已撤销")]
    Abolished,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Gender {
    #[serde(rename = "男")]
    Male,
    #[serde(rename = "女")]
    Female,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub category: UnitCategory,
    pub parent_id: Option<String>,
    /// The 监督检查室 or 派驻纪检监察组 responsible for the unit.
    pub supervisor: String,
    pub status: UnitStatus,
    pub sort_order: i64,
    pub notes: String,
    pub meta: RecordMeta,
}

/// What the unit form sends: no id creates, an id updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitInput {
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub short_name: String,
    pub category: UnitCategory,
    #[serde(default)]
    pub parent_id: Option<String>,
    #[serde(default)]
    pub supervisor: String,
    pub status: UnitStatus,
    #[serde(default)]
    pub sort_order: i64,
    #[serde(default)]
    pub notes: String,
}

/// A row of the unit list: the unit with its current 一把手 and counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitRow {
    pub unit: Unit,
    pub parent_name: Option<String>,
    /// Names of the current 一把手 (normally one).
    pub heads: Vec<String>,
    pub leadership_count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitDetail {
    pub unit: Unit,
    pub parent_name: Option<String>,
    pub children: Vec<Unit>,
    /// Current positions in the unit: 一把手 first, then the other 班子成员, then the rest.
    pub current_positions: Vec<PositionView>,
    /// Ended or voided positions, newest first.
    pub past_positions: Vec<PositionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub gender: Option<Gender>,
    pub ethnicity: String,
    pub birth_date: Option<String>,
    pub party_join_date: Option<String>,
    pub education: String,
    pub id_number: Option<String>,
    pub phone: String,
    pub notes: String,
    pub meta: RecordMeta,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonInput {
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub gender: Option<Gender>,
    #[serde(default)]
    pub ethnicity: String,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub party_join_date: Option<String>,
    #[serde(default)]
    pub education: String,
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub notes: String,
}

/// A row of the people list or a search hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<String>,
    /// Current positions as "单位 职务", joined with "；".
    pub current_titles: String,
    pub is_head: bool,
    pub voided_at: Option<String>,
    // -- sanctions (处分)
    /// Last day of the longest effect period the person is inside today (`store::sanction_in_effect`).
    pub sanction_until: Option<String>,
    /// "影响期至 2026年9月1日" while inside one.
    pub sanction_flag: Option<String>,
    // -- end sanctions
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonSearch {
    pub rows: Vec<PersonRow>,
    /// All matches, of which at most `limit` are in `rows`.
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonDetail {
    pub person: Person,
    /// The 任职经历, current first, then by start date, newest first.
    pub positions: Vec<PositionView>,
    // -- sanctions (处分)
    /// Newest decision first, voided ones included (marked by their meta).
    pub sanctions: Vec<sanctions::SanctionView>,
    /// "影响期至 2026年9月1日" while the person is inside an effect period today.
    pub sanction_flag: Option<String>,
    // -- end sanctions
    // ---- 家庭重大变动
    /// Newest event first, voided ones last, each with whether it was reported late.
    pub family_changes: Vec<family::FamilyChangeView>,
    // ---- end 家庭重大变动
    // ---- risk points
    /// 廉政风险点 on the person and on their current positions, in register order, voided last.
    pub risk_points: Vec<risks::RiskPointView>,
    // ---- end risk points
    // ---- findings and clues
    /// 监督发现问题 about the person, live first, then voided.
    pub findings: Vec<findings::FindingRow>,
    /// 问题线索 about the person, live first, then voided.
    pub clues: Vec<clues::ClueRow>,
    // ---- end findings and clues
    /// 所在单位考核情况: live ratings of the units the person led in the rated year, newest first.
    pub unit_ratings: Vec<assessments::LedUnitRating>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Position {
    pub id: String,
    pub person_id: String,
    pub unit_id: String,
    pub title: String,
    pub rank: String,
    /// 一把手
    pub is_head: bool,
    /// 班子成员
    pub is_leadership: bool,
    /// 分管工作
    pub portfolio: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub meta: RecordMeta,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PositionInput {
    pub id: Option<String>,
    pub person_id: String,
    pub unit_id: String,
    pub title: String,
    #[serde(default)]
    pub rank: String,
    #[serde(default)]
    pub is_head: bool,
    #[serde(default)]
    pub is_leadership: bool,
    #[serde(default)]
    pub portfolio: String,
    #[serde(default)]
    pub start_date: Option<String>,
    #[serde(default)]
    pub end_date: Option<String>,
}

/// A position with the names it points to, and whether it holds today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PositionView {
    pub position: Position,
    pub person_name: String,
    pub unit_name: String,
    pub current: bool,
}

/// 本机关: the commission itself, as printed on letterheads.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Office {
    /// One full name a line, e.g. 中共××县纪律检查委员会 / ××县监察委员会.
    pub full_names: Vec<String>,
    /// 机关代字 for letter numbers, e.g. 宣纪函.
    pub agency_code: String,
    pub contact_person: String,
    pub contact_phone: String,
    /// Formerly the self-declared author of changes (当前操作人); since accounts (issue 12) the
    /// signed-in account is the author. Kept so older settings still read; no longer shown.
    #[serde(default)]
    pub operator: String,
}

/// How many records of each kind there are (voided ones apart), as `jiandu check` prints them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Counts {
    pub units: i64,
    pub people: i64,
    pub positions: i64,
    pub heads: i64,
    pub voided: i64,
    pub audit_rows: i64,
    /// Talks (谈话), voided ones apart.
    pub talks: i64,
    /// Rectification items (整改事项), voided ones apart, and how many are open and overdue.
    pub rectification_items: i64,
    pub open_items: i64,
    pub overdue_items: i64,
    /// Letters (函件), voided ones apart: signed ones, drafts, and those 逾期未复 today.
    pub letters: i64,
    pub letter_drafts: i64,
    pub overdue_letters: i64,
    // -- sanctions (处分)
    /// Sanctions, voided ones apart, and how many are in effect today.
    pub sanctions: i64,
    pub sanctions_in_effect: i64,
    // -- end sanctions
    // ---- 考核 (assessments)
    /// Live assessments (考核), and how many of those calling for a 约谈 have none held yet.
    pub assessments: i64,
    pub summons_pending: i64,
    // ---- end 考核
    // ---- 家庭重大变动、听取汇报、警示教育
    /// Live family changes (家庭重大变动), and how many of them were reported late (逾期报告).
    pub family_changes: i64,
    pub family_changes_late: i64,
    /// Live hearings (听取汇报) and warning education sessions (警示教育).
    pub hearings: i64,
    pub education: i64,
    // ---- end 家庭重大变动、听取汇报、警示教育
    // ---- risk points
    /// Live 廉政风险点, how many are 高, and how many are past their review date today.
    pub risk_points: i64,
    pub risk_points_high: i64,
    pub risk_reviews_due: i64,
    // ---- end risk points
    // ---- findings and clues
    /// Live 监督发现问题, and how many are 整改中.
    pub findings: i64,
    pub findings_rectifying: i64,
    /// Live 问题线索, and how many are not disposed of yet.
    pub clues: i64,
    pub clues_undisposed: i64,
    // ---- end findings and clues
}

/// One row of the audit log (留痕).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What the app tells the UI about itself and where its data lives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    pub schema_version: i64,
    pub today: String,
    /// True while the database holds no unit and no person: the UI shows the first-run screen.
    pub is_empty: bool,
}
