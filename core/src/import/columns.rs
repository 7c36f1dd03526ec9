//! The fields of each kind of file, the header words rosters use for them, finding the header row
//! under title rows, and guessing the mapping from it.

use crate::model::import::{ImportColumn, ImportField, ImportKind};

use super::read::Cell;

/// (key, label, required, header words). The first word is the label users know best.
type FieldDef = (&'static str, &'static str, bool, &'static [&'static str]);

const UNITS: &[FieldDef] = &[
    ("name", "单位名称", true, &["单位名称", "单位", "名称", "单位全称"]),
    ("short_name", "简称", false, &["简称", "单位简称"]),
    ("category", "类别", false, &["类别", "单位类别", "单位性质", "单位类型"]),
    ("parent", "上级单位", false, &["上级单位", "主管单位", "上级主管单位"]),
    ("supervisor", "责任监督检查室或派驻组", false, &["责任监督检查室或派驻组", "责任监督检查室", "监督检查室", "派驻纪检监察组", "派驻组", "联系监督检查室"]),
    ("sort_order", "排序", false, &["排序", "排序号", "排列顺序"]),
    ("notes", "备注", false, &["备注"]),
];

const PEOPLE: &[FieldDef] = &[
    ("name", "姓名", true, &["姓名", "干部姓名", "名字"]),
    ("gender", "性别", false, &["性别"]),
    ("ethnicity", "民族", false, &["民族"]),
    ("birth_date", "出生年月", false, &["出生年月", "出生日期", "出生年月日", "出生时间", "生日", "出生年份"]),
    ("id_number", "身份证号", false, &["身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "公民身份证号", "证件号码", "身份证"]),
    ("party_join_date", "入党时间", false, &["入党时间", "入党日期", "入党年月", "加入党组织时间"]),
    ("education", "学历", false, &["学历", "文化程度", "最高学历", "全日制学历", "学历学位"]),
    ("phone", "联系电话", false, &["联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"]),
    ("unit", "单位", false, &["单位", "工作单位", "所在单位", "任职单位", "单位名称", "现工作单位"]),
    ("title", "职务", false, &["职务", "现任职务", "现职务", "职务名称", "现任职务名称"]),
    ("is_head", "是否一把手", false, &["是否一把手", "一把手", "是否主要负责人"]),
    ("is_leadership", "是否班子成员", false, &["是否班子成员", "班子成员", "是否领导班子成员"]),
    ("rank", "职级", false, &["职级", "级别", "职务层次", "职务级别"]),
    ("portfolio", "分管工作", false, &["分管工作", "分管", "分管领域"]),
    ("start_date", "任职时间", false, &["任职时间", "任现职时间", "任职日期", "任现职务时间", "任职开始时间", "任职起始时间", "任现职日期", "任现职年月", "任职年月"]),
    ("notes", "备注", false, &["备注"]),
];

const RATINGS: &[FieldDef] = &[
    ("unit", "单位", true, &["单位", "单位名称", "被考核单位", "考核单位"]),
    ("year", "年度", true, &["年度", "考核年度", "年份", "年"]),
    ("rating", "等次", true, &["等次", "考核等次", "考核结果", "等级", "评定等次"]),
    ("score", "得分", false, &["得分", "分数", "考核得分", "总分"]),
    ("remark", "备注", false, &["备注"]),
];

pub fn defs(kind: ImportKind) -> &'static [FieldDef] {
    match kind {
        ImportKind::Units => UNITS,
        ImportKind::People => PEOPLE,
        ImportKind::Ratings => RATINGS,
    }
}

pub fn fields(kind: ImportKind) -> Vec<ImportField> {
    defs(kind).iter().map(|(key, label, required, _)| ImportField { key: (*key).into(), label: (*label).into(), required: *required }).collect()
}

pub fn label(kind: ImportKind, key: &str) -> &'static str {
    defs(kind).iter().find(|d| d.0 == key).map(|d| d.1).unwrap_or("")
}

/// A header as written, without spaces, line breaks, "*" marks of required columns and brackets'
/// width differences: " 出生年月\n（年.月）*" → "出生年月(年.月)".
fn norm(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | ':' | '：'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// The field a header names: an exact word, else the longest word the header contains
/// ("出生年月(年.月)" → birth_date; "上级单位" → parent, not name).
fn guess(kind: ImportKind, header: &str) -> Option<&'static str> {
    let h = norm(header);
    if h.is_empty() {
        return None;
    }
    let defs = defs(kind);
    if let Some(d) = defs.iter().find(|d| d.3.iter().any(|w| *w == h)) {
        return Some(d.0);
    }
    let base: String = h.split('(').next().unwrap_or_default().to_string();
    if let Some(d) = defs.iter().find(|d| d.3.iter().any(|w| *w == base)) {
        return Some(d.0);
    }
    defs.iter()
        .flat_map(|d| d.3.iter().map(move |w| (d.0, *w)))
        .filter(|(_, w)| w.chars().count() >= 2 && h.contains(w))
        .max_by_key(|(_, w)| w.chars().count())
        .map(|(k, _)| k)
}

/// The guessed mapping of a header row: each field goes to the first column that names it.
pub fn guess_mapping(kind: ImportKind, headers: &[String]) -> Vec<Option<String>> {
    let mut taken: Vec<&str> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let f = guess(kind, h).filter(|f| !taken.contains(f))?;
            taken.push(f);
            Some(f.to_string())
        })
        .collect()
}

/// The header row: the first of the first 30 rows in which at least two cells (one for a
/// one-field file) name a field, and the required ones are all named. Title rows (merged cells
/// hold their text in the first cell only) name at most one.
pub fn find_header(kind: ImportKind, rows: &[Vec<Cell>]) -> Option<usize> {
    let required: Vec<&str> = defs(kind).iter().filter(|d| d.2).map(|d| d.0).collect();
    rows.iter().take(30).position(|row| {
        let headers: Vec<String> = row.iter().map(Cell::text).collect();
        let mapped: Vec<String> = guess_mapping(kind, &headers).into_iter().flatten().collect();
        mapped.len() >= 2 && required.iter().all(|r| mapped.iter().any(|m| m == r))
    })
}

pub fn columns(headers: &[String], mapping: &[Option<String>]) -> Vec<ImportColumn> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| ImportColumn { index: i as u32, header: h.clone(), field: mapping.get(i).cloned().flatten() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_with_notes_and_variants_are_recognised() {
        let k = ImportKind::People;
        assert_eq!(guess(k, " 出生年月\n（年.月）"), Some("birth_date"));
        assert_eq!(guess(k, "公民身份号码*"), Some("id_number"));
        assert_eq!(guess(k, "工作单位"), Some("unit"));
        assert_eq!(guess(k, "现任职务"), Some("title"));
        assert_eq!(guess(k, "任现职时间"), Some("start_date"));
        assert_eq!(guess(k, "序号"), None);
        assert_eq!(guess(ImportKind::Units, "上级单位"), Some("parent"));
        assert_eq!(guess(ImportKind::Units, "单位名称"), Some("name"));
    }
}
