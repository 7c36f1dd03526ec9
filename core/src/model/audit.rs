//! The audit log page (操作日志): its filter, one page of rows with a readable diff, and the state
//! of the log's hash chain.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the audit log page filters by; all optional, all combined with AND.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditFilter {
    /// Rows about this person: the person record itself and records that point to them.
    #[serde(default)]
    pub person_id: Option<String>,
    /// The kind of record (`entity` of the log: person, talk, letter, …).
    #[serde(default)]
    pub entity: Option<String>,
    /// One record: its id, or the name of a person or unit.
    #[serde(default)]
    pub record: Option<String>,
    /// The account that did it.
    #[serde(default)]
    pub actor: Option<String>,
    /// From this day on (YYYY-MM-DD), inclusive.
    #[serde(default)]
    pub from: Option<String>,
    /// Up to this day (YYYY-MM-DD), inclusive.
    #[serde(default)]
    pub to: Option<String>,
}

/// One field that a logged action changed, both sides written out for reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldChange {
    /// The key in the stored JSON (`meta.void_reason` for nested ones).
    pub field: String,
    /// The field's Chinese name where the core knows it, else the key.
    pub label: String,
    pub before: String,
    pub after: String,
}

/// One row of the audit log as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    /// 新增, 修改, 作废, … (the key itself for an action the core has no word for).
    pub action_label: String,
    pub entity: String,
    /// 干部, 谈话, 函件, … (the key itself when unknown).
    pub entity_label: String,
    pub entity_id: String,
    /// The record's name as the row has it (name or title), when it has one.
    pub record_name: Option<String>,
    pub changes: Vec<FieldChange>,
}

/// One page of the filtered log, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// How many rows the filter selects in all.
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// A choice for a filter: the stored key and its Chinese name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditChoice {
    pub value: String,
    pub label: String,
}

/// What the page's filters offer: the accounts and the kinds of record found in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditOptions {
    pub actors: Vec<String>,
    pub entities: Vec<AuditChoice>,
}

/// The first place where the chain does not hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BrokenLink {
    /// The row where it shows (for a deleted row: the row after it).
    pub id: i64,
    pub at: String,
    /// What is wrong, in Chinese.
    pub what: String,
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChainStatus {
    /// Rows checked.
    pub rows: i64,
    /// `None`: every row is as written and none is missing between them.
    pub broken: Option<BrokenLink>,
}

impl ChainStatus {
    pub fn ok(&self) -> bool {
        self.broken.is_none()
    }
}

/// The Chinese names of the fields the records log (the keys of their JSON).
pub const FIELD_LABELS: &[(&str, &str)] = &[
    ("name", "姓名/名称"),
    ("short_name", "简称"),
    ("category", "类别"),
    ("parent_id", "上级单位"),
    ("supervisor", "责任监督检查室或派驻组"),
    ("status", "状态"),
    ("state", "状态"),
    ("sort_order", "排序"),
    ("notes", "备注"),
    ("gender", "性别"),
    ("ethnicity", "民族"),
    ("birth_date", "出生日期"),
    ("party_join_date", "入党时间"),
    ("education", "学历"),
    ("id_number", "身份证号"),
    ("phone", "电话"),
    ("title", "职务"),
    ("rank", "职级"),
    ("is_head", "一把手"),
    ("is_leadership", "班子成员"),
    ("portfolio", "分管工作"),
    ("start_date", "起始日期"),
    ("end_date", "结束日期"),
    ("unit_id", "单位"),
    ("person_id", "人员"),
    ("source", "来源"),
    ("focus_area", "监督重点"),
    ("found_date", "发现日期"),
    ("description", "问题描述"),
    ("seriousness", "严重程度"),
    ("received_date", "受理日期"),
    ("summary", "反映的主要问题"),
    ("disposal", "处置方式"),
    ("disposal_date", "处置日期"),
    ("result", "处置结果"),
    ("date", "日期"),
    ("kind", "类型"),
    ("year", "年度"),
    ("rating", "等次"),
    ("deadline", "期限"),
    ("content", "内容"),
    ("subject", "事由"),
    ("number", "编号"),
    ("file", "保存为"),
    ("backup_file", "备份文件"),
    ("taken_at", "备份时间"),
    ("encrypted", "加密方式"),
    ("recovery_code", "恢复密钥"),
    ("login", "登录名"),
    ("display_name", "显示名"),
    ("role", "角色"),
    ("disabled", "停用"),
    ("locked_until", "锁定至"),
    ("responsible_person_id", "责任人"),
    ("responsible_unit_id", "责任单位"),
    ("meta.voided_at", "作废时间"),
    ("meta.void_reason", "作废原因"),
];

/// The words for the logged actions.
pub const ACTION_LABELS: &[(&str, &str)] = &[
    ("create", "新增"),
    ("update", "修改"),
    ("void", "作废"),
    ("restore", "恢复"),
    ("held", "登记谈话情况"),
    ("state", "状态变化"),
    ("close", "销号"),
    ("sign", "签发"),
    ("deliver", "登记送达"),
    ("reply", "登记回复"),
    ("follow_up", "起草催办函"),
    ("view_file", "查阅廉政档案"),
    ("print_file", "打印廉政档案"),
    ("import", "导入"),
    ("lock", "锁定账户"),
    ("password", "修改密码"),
    ("sign_in_failed", "登录失败"),
    ("sign_in", "登录"),
    ("restore_backup", "从备份恢复"),
    // ---- encryption at rest
    ("recover_password", "以恢复密钥重设密码"),
    ("encrypt", "加密数据库"),
    // ---- end encryption at rest
];

/// The words for the kinds of record in the log.
pub const ENTITY_LABELS: &[(&str, &str)] = &[
    ("person", "干部"),
    ("unit", "单位"),
    ("position", "任职"),
    ("talk", "谈话"),
    ("talk_plan", "谈话计划"),
    ("rectification_item", "整改事项"),
    ("item_progress", "整改进展"),
    ("letter", "函件"),
    ("letter_template", "函件模板"),
    ("sanction", "处分"),
    ("assessment", "考核"),
    ("family_change", "家庭重大变动"),
    ("hearing", "听取汇报"),
    ("education", "警示教育"),
    ("risk_point", "廉政风险点"),
    ("finding", "监督发现问题"),
    ("clue", "问题线索"),
    ("dictionary", "选项列表"),
    ("office", "单位设置"),
    ("settings", "设置"),
    ("database", "数据库"),
    ("calendar_year", "工作日历"),
    ("account", "账户"),
    ("import", "导入"),
];

/// `key`'s word in `table`, or the key itself.
pub fn label_of(table: &[(&str, &str)], key: &str) -> String {
    table.iter().find(|(k, _)| *k == key).map(|(_, l)| l.to_string()).unwrap_or_else(|| key.to_string())
}
