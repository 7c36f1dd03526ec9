//! The demo county's 处分: a 严重警告 and a 记过 still in effect on the demo's today, a 警告 whose
//! period has ended, an 诫勉 and a 调整职务 (no period) — dated relative to today, written through
//! the same service function (rules, audit rows) as a clerk's typing.

use chrono::{Months, NaiveDate};
use rusqlite::Transaction;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::sanctions::{SanctionCategory, SanctionForm, SanctionInput};
use crate::model::validate::format_date;
use crate::service::sanctions::save_sanction_in;

/// (category, kind, months before today, 决定机关, 四种形态, 处分事由)
const SANCTIONS: &[(SanctionCategory, &str, u32, &str, SanctionForm, &str)] = &[
    (SanctionCategory::Party, "严重警告", 7, "中共云溪县纪律检查委员会", SanctionForm::Second, "违反中央八项规定精神，违规接受管理服务对象宴请，情节较重"),
    (SanctionCategory::Administrative, "记过", 4, "云溪县监察委员会", SanctionForm::Second, "在工程项目验收中失职失责，造成不良影响"),
    (SanctionCategory::Party, "警告", 20, "中共云溪县纪律检查委员会", SanctionForm::Second, "违规发放津贴补贴"),
    (SanctionCategory::Admonition, "诫勉", 2, "中共云溪县纪律检查委员会", SanctionForm::First, "落实全面从严治党主体责任不力，对班子成员日常监督偏软"),
    (SanctionCategory::Organisational, "调整职务", 14, "中共云溪县委组织部", SanctionForm::First, "巡察反馈问题整改不力"),
];

pub(super) fn load_in(tx: &Transaction, ctx: &Ctx) -> Result<()> {
    // Deputies (班子成员, not 一把手), in a fixed order so the demo is the same on every run.
    let mut stmt = tx.prepare(
        "SELECT DISTINCT pe.id FROM person pe JOIN position po ON po.person_id = pe.id \
         WHERE po.is_head = 0 AND po.is_leadership = 1 AND po.end_date IS NULL AND po.voided_at IS NULL AND pe.voided_at IS NULL \
         ORDER BY pe.name_pinyin, pe.id LIMIT ?1",
    )?;
    let people: Vec<String> = stmt.query_map([SANCTIONS.len() as i64], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if people.len() < SANCTIONS.len() {
        return Err(Error::Database("示范数据中的班子成员不足，无法生成处分记录".into()));
    }
    let today = ctx.today();
    for (n, ((category, kind, months_ago, body, form, why), person)) in SANCTIONS.iter().zip(&people).enumerate() {
        let decided: NaiveDate = today.checked_sub_months(Months::new(*months_ago)).unwrap_or(today);
        save_sanction_in(
            tx,
            ctx,
            SanctionInput {
                id: None,
                person_id: person.clone(),
                category: *category,
                kind: kind.to_string(),
                probation_months: None,
                decision_date: format_date(decided),
                decision_number: format!("云纪处〔{}〕{}号", chrono::Datelike::year(&decided), n + 1),
                deciding_body: body.to_string(),
                reason: why.to_string(),
                form: Some(*form),
            },
        )?;
    }
    Ok(())
}
