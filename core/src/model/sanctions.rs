//! 处分 (sanctions): the categories and their kinds, the effect period each kind carries, and what
//! the forms send and the pages show. The effect period's last day is computed here, once, from
//! the kind; whether someone is inside it on a day is `store::sanction_in_effect`.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::meta::RecordMeta;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum SanctionCategory {
    #[serde(rename = "党纪处分")]
    Party,
    #[serde(rename = "政务处分")]
    Administrative,
    #[serde(rename = "组织处理")]
    Organisational,
    #[serde(rename = "诫勉")]
    Admonition,
    #[serde(rename = "问责")]
    Accountability,
}

impl SanctionCategory {
    pub const ALL: [SanctionCategory; 5] = [
        SanctionCategory::Party,
        SanctionCategory::Administrative,
        SanctionCategory::Organisational,
        SanctionCategory::Admonition,
        SanctionCategory::Accountability,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SanctionCategory::Party => "党纪处分",
            SanctionCategory::Administrative => "政务处分",
            SanctionCategory::Organisational => "组织处理",
            SanctionCategory::Admonition => "诫勉",
            SanctionCategory::Accountability => "问责",
        }
    }
}

/// 四种形态 (第一种 … 第四种), tagged on each outcome for the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum SanctionForm {
    #[serde(rename = "第一种形态")]
    First,
    #[serde(rename = "第二种形态")]
    Second,
    #[serde(rename = "第三种形态")]
    Third,
    #[serde(rename = "第四种形态")]
    Fourth,
}

impl SanctionForm {
    pub const ALL: [SanctionForm; 4] = [SanctionForm::First, SanctionForm::Second, SanctionForm::Third, SanctionForm::Fourth];
}

/// How long a kind's effect period (影响期) lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// No period: 开除, 组织处理, 诫勉, 问责.
    None,
    Months(u32),
    /// 留党察看: one or two years, as the decision says (`PROBATION_MONTHS`).
    Entered,
}

/// The months a 留党察看 may be entered with.
pub const PROBATION_MONTHS: [i64; 2] = [12, 24];

/// Each category's kinds and their periods, as domain.md gives them. Kinds are text, not an enum,
/// because 警告 is both a 党纪 and a 政务 kind; the pair (category, kind) is what is checked.
/// 诫勉 and 问责 are recorded as one kind each, named like the category.
pub const KINDS: &[(SanctionCategory, &str, Period)] = &[
    (SanctionCategory::Party, "警告", Period::Months(12)),
    (SanctionCategory::Party, "严重警告", Period::Months(18)),
    (SanctionCategory::Party, "撤销党内职务", Period::Months(24)),
    (SanctionCategory::Party, "留党察看", Period::Entered),
    (SanctionCategory::Party, "开除党籍", Period::None),
    (SanctionCategory::Administrative, "警告", Period::Months(6)),
    (SanctionCategory::Administrative, "记过", Period::Months(12)),
    (SanctionCategory::Administrative, "记大过", Period::Months(18)),
    (SanctionCategory::Administrative, "降级", Period::Months(24)),
    (SanctionCategory::Administrative, "撤职", Period::Months(24)),
    (SanctionCategory::Administrative, "开除", Period::None),
    (SanctionCategory::Organisational, "停职检查", Period::None),
    (SanctionCategory::Organisational, "调整职务", Period::None),
    (SanctionCategory::Organisational, "责令辞职", Period::None),
    (SanctionCategory::Organisational, "免职", Period::None),
    (SanctionCategory::Organisational, "降职", Period::None),
    (SanctionCategory::Admonition, "诫勉", Period::None),
    (SanctionCategory::Accountability, "问责", Period::None),
];

/// The period of `kind` in `category`, or a refusal on `kind` when the pair does not exist.
pub fn period_of(category: SanctionCategory, kind: &str) -> Result<Period> {
    KINDS
        .iter()
        .find(|(c, k, _)| *c == category && *k == kind)
        .map(|(_, _, p)| *p)
        .ok_or_else(|| {
            let kinds: Vec<&str> = KINDS.iter().filter(|(c, _, _)| *c == category).map(|(_, k, _)| *k).collect();
            Error::invalid("kind", format!("处分种类“{kind}”不属于{}，应为：{}", category.label(), kinds.join("、")))
        })
}

/// The last day of the effect period, or None for a kind without one — THE one computation.
///
/// The rule: the period runs from the decision date, and its last day is the decision date plus
/// N calendar months, inclusive. A 严重警告 (18 months) decided 2025-03-01 ends on 2026-09-01: the
/// person is flagged through 2026-09-01 and not on 2026-09-02. Where the month is shorter the
/// day is clamped (2024-08-31 + 6 months → 2025-02-28), so the period never spills into the
/// month after. `probation_months` is read for 留党察看 only and must be 12 or 24 there.
pub fn effect_end(category: SanctionCategory, kind: &str, decision_date: NaiveDate, probation_months: Option<i64>) -> Result<Option<NaiveDate>> {
    let months = match period_of(category, kind)? {
        Period::None => return Ok(None),
        Period::Months(m) => m,
        Period::Entered => match probation_months {
            None => return Err(Error::invalid("probation_months", "留党察看期限不能为空，应为12个月或24个月")),
            Some(m) if PROBATION_MONTHS.contains(&m) => m as u32,
            Some(m) => return Err(Error::invalid("probation_months", format!("留党察看期限应为12个月或24个月，现为{m}个月"))),
        },
    };
    decision_date
        .checked_add_months(Months::new(months))
        .map(Some)
        .ok_or_else(|| Error::invalid("decision_date", "处分决定日期超出可计算的范围"))
}

/// The flag as every page shows it: "影响期至 2026年9月1日" (Arabic numerals, no leading zeros,
/// as dates are written in documents).
pub fn effect_flag(end: NaiveDate) -> String {
    format!("影响期至 {}年{}月{}日", end.year(), end.month(), end.day())
}

/// The flag of a stored `YYYY-MM-DD` end date.
pub fn effect_flag_of(end: &str) -> Option<String> {
    super::validate::parse_date(end).map(effect_flag)
}

/// What the sanction form sends: no id creates, an id updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SanctionInput {
    pub id: Option<String>,
    pub person_id: String,
    pub category: SanctionCategory,
    /// One of the category's kinds (`SanctionOptions`).
    pub kind: String,
    /// 留党察看 only: 12 or 24; ignored for other kinds.
    #[serde(default)]
    pub probation_months: Option<i64>,
    /// YYYY-MM-DD, not after today.
    pub decision_date: String,
    /// 决定文号
    #[serde(default)]
    pub decision_number: String,
    /// 决定机关
    #[serde(default)]
    pub deciding_body: String,
    /// 处分事由
    #[serde(default)]
    pub reason: String,
    /// 四种形态
    #[serde(default)]
    pub form: Option<SanctionForm>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sanction {
    pub id: String,
    pub person_id: String,
    pub category: SanctionCategory,
    pub kind: String,
    pub probation_months: Option<i64>,
    pub decision_date: String,
    pub decision_number: String,
    pub deciding_body: String,
    pub reason: String,
    pub form: Option<SanctionForm>,
    /// Last day of the effect period (computed by `effect_end` when saved); None: no period.
    pub effect_end: Option<String>,
    pub meta: RecordMeta,
}

/// A sanction as the person page lists it, with whether it is in effect today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SanctionView {
    pub sanction: Sanction,
    pub person_name: String,
    pub in_effect: bool,
    /// "影响期至 2026年9月1日" while in effect; None otherwise.
    pub flag: Option<String>,
    // ---- sanction kind display names
    /// The kind as the office shows it (`kind_label`): its display name, else the kind.
    pub kind_label: String,
    // ---- end sanction kind display names
}

/// A person inside an effect period today, for the worklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SanctionInEffect {
    /// The person's id (the entry opens the person page).
    pub person_id: String,
    pub person_name: String,
    pub sanction_id: String,
    pub category: SanctionCategory,
    pub kind: String,
    pub decision_date: String,
    pub effect_end: String,
    /// "影响期至 2026年9月1日"
    pub flag: String,
    // ---- sanction kind display names
    /// The kind as the office shows it (`kind_label`).
    pub kind_label: String,
    // ---- end sanction kind display names
}

/// One kind for the form's choice: whether it has a period, and whether it must be entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SanctionKindOption {
    pub kind: String,
    /// What the form shows: the office's display name of the kind (`kind_label`), else the kind.
    pub label: String,
    /// Fixed period in months; None when there is none or it is entered.
    pub months: Option<u32>,
    /// 留党察看: the period (12 or 24 months) is entered on the form.
    pub period_entered: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SanctionCategoryOption {
    pub category: SanctionCategory,
    pub kinds: Vec<SanctionKindOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SanctionOptions {
    pub categories: Vec<SanctionCategoryOption>,
    pub forms: Vec<SanctionForm>,
    pub probation_months: Vec<i64>,
}

impl SanctionOptions {
    pub fn build() -> SanctionOptions {
        let categories = SanctionCategory::ALL
            .iter()
            .map(|&category| SanctionCategoryOption {
                category,
                kinds: KINDS
                    .iter()
                    .filter(|(c, _, _)| *c == category)
                    .map(|(_, k, p)| SanctionKindOption {
                        kind: k.to_string(),
                        label: k.to_string(),
                        months: match p {
                            Period::Months(m) => Some(*m),
                            _ => None,
                        },
                        period_entered: *p == Period::Entered,
                    })
                    .collect(),
            })
            .collect();
        SanctionOptions { categories, forms: SanctionForm::ALL.to_vec(), probation_months: PROBATION_MONTHS.to_vec() }
    }
}

// ---- sanction kind display names

/// The settings key of the office's display names of the kinds.
pub const KIND_NAMES_KEY: &str = "sanction_kind_names";

/// A display name the office gives a kind (e.g. 党纪处分·警告 shown as 党内警告). The kind itself —
/// what the effect period is computed from — never changes; only what pages show. An empty name
/// means the kind is shown as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SanctionKindName {
    pub category: SanctionCategory,
    pub kind: String,
    #[serde(default)]
    pub name: String,
}

/// What pages show for a kind: the office's display name, else the kind.
pub fn kind_label(names: &[SanctionKindName], category: SanctionCategory, kind: &str) -> String {
    names
        .iter()
        .find(|n| n.category == category && n.kind == kind && !n.name.is_empty())
        .map(|n| n.name.clone())
        .unwrap_or_else(|| kind.to_string())
}

// ---- end sanction kind display names

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn severe_warning_of_2025_03_01_ends_on_2026_09_01() {
        let end = effect_end(SanctionCategory::Party, "严重警告", d("2025-03-01"), None).unwrap().unwrap();
        assert_eq!(end, d("2026-09-01"));
        assert_eq!(effect_flag(end), "影响期至 2026年9月1日");
    }

    #[test]
    fn month_ends_are_clamped_not_spilled() {
        let end = effect_end(SanctionCategory::Administrative, "警告", d("2024-08-31"), None).unwrap();
        assert_eq!(end, Some(d("2025-02-28")));
    }

    #[test]
    fn kinds_outside_their_category_are_refused_on_kind() {
        let e = effect_end(SanctionCategory::Organisational, "严重警告", d("2025-03-01"), None).unwrap_err();
        assert!(matches!(&e, Error::Invalid { field, .. } if field == "kind"), "{e:?}");
        assert!(e.to_string().contains("组织处理"), "{e}");
    }
}
