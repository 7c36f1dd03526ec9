//! Signing: one letter or a batch, each getting the next 文号 of its signing year, once.


use chrono::Datelike;
use rusqlite::Transaction;
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::letters::{self as text, format_number};
use crate::model::letters::*;
use crate::model::validate::{format_date, parse_date};
use crate::model::{Office, UnitCategory};
use crate::service::common::*;
use crate::store::letters as st;
use crate::store::{audit, Db};
use super::drafts::*;
use super::templates::*;
use super::fields::*;
use super::reading::{letter_detail, live_letter};


/// Most letters one batch signs (a county has a few hundred units at most).
const MAX_BATCH: usize = 500;

// ---------------------------------------------------------------- signing

/// 签发: gives the letter the next number of the office's 机关代字 in the signing date's year.
pub fn sign_letter(db: &mut Db, ctx: &Ctx, id: &str, date: &str) -> Result<LetterDetail> {
    let letter = in_tx(db, |tx| sign_letter_in(tx, ctx, id, date, None))?;
    letter_detail(db, ctx, &letter.id)
}

pub(super) fn no_placeholders(field: &str, label: &str, value: &str) -> Result<()> {
    if let Some(name) = text::placeholders(value).first() {
        return Err(Error::invalid(field, format!("{label}中还有未填写的字段“{{{name}}}”，请改为实际内容后再签发")));
    }
    Ok(())
}

/// The 机关代字 letters are numbered under; signing (and so a preview of it) needs one.
fn agency_code(office: &Office) -> Result<String> {
    let code = office.agency_code.trim();
    if code.is_empty() {
        return Err(Error::invalid("agency_code", "尚未设置机关代字：请先在“设置—本机关”中填写机关代字（如“宣纪函”），签发时据此编号"));
    }
    Ok(code.to_string())
}

/// The numbers `count` letters signed on `date` would get, in that date's year: what the letter
/// page and the batch page show before signing. Nothing is reserved; signing assigns for real.
pub fn number_preview(db: &Db, ctx: &Ctx, date: &str, count: i64) -> Result<NumberPreview> {
    let code = agency_code(&office_in(db.conn())?)?;
    let d = required_date("date", "签发日期", date)?;
    not_after_today("date", "签发日期", d, ctx)?;
    if !(1..=MAX_BATCH as i64).contains(&count) {
        return Err(Error::invalid("count", format!("份数应在1至{MAX_BATCH}之间，现为{count}")));
    }
    let year = d.year();
    let first = st::next_seq(db.conn(), &code, year)?;
    let last = first + count - 1;
    Ok(NumberPreview { year, first: format_number(&code, year, first), last: format_number(&code, year, last), count })
}

pub fn sign_letter_in(tx: &Transaction, ctx: &Ctx, id: &str, date: &str, batch_id: Option<&str>) -> Result<Letter> {
    let old = live_letter(tx, id, "签发")?;
    if old.state != LetterState::Draft {
        return Err(Error::Conflict(format!(
            "该函件已于{}签发，文号{}，不能重复签发",
            old.signed_date.as_deref().unwrap_or(""),
            old.number.as_deref().unwrap_or("")
        )));
    }
    let office = office_in(tx)?;
    let code = agency_code(&office)?;
    if office.full_names.iter().all(|n| n.trim().is_empty()) {
        return Err(Error::invalid("full_names", "尚未设置机关全称：请先在“设置—本机关”中填写，函件的发文机关标志和署名据此印制"));
    }
    let d = required_date("signed_date", "签发日期", date)?;
    not_after_today("signed_date", "签发日期", d, ctx)?;
    if old.title.trim().is_empty() {
        return Err(Error::invalid("title", "函件标题不能为空，请填写后再签发"));
    }
    if old.recipient.trim().is_empty() {
        return Err(Error::invalid("recipient", "主送不能为空，请填写收件单位或收件人后再签发"));
    }
    if old.body.trim().is_empty() {
        return Err(Error::invalid("body", "正文不能为空，请填写后再签发"));
    }
    no_placeholders("title", "函件标题", &old.title)?;
    no_placeholders("recipient", "主送", &old.recipient)?;
    no_placeholders("body", "正文", &old.body)?;
    no_placeholders("contact", "附注", &old.contact)?;
    if let Some(due) = old.reply_due_date.as_deref().and_then(parse_date) {
        if due < d {
            return Err(Error::invalid(
                "reply_due_date",
                format!("回复期限（{}）不能早于签发日期（{}）", format_date(due), format_date(d)),
            ));
        }
    }
    let year = d.year();
    let seq = st::next_seq(tx, &code, year)?;
    let number = format_number(&code, year, seq);
    if st::letter_by_number(tx, &number)?.is_some() {
        // Only if someone typed a 代字 that ends like another's numbers; the index would refuse anyway.
        return Err(Error::Conflict(format!("文号“{number}”已被使用，请检查机关代字设置")));
    }
    let new = Letter {
        number: Some(number),
        code,
        year: Some(year),
        seq: Some(seq),
        signed_date: Some(format_date(d)),
        state: LetterState::Signed,
        batch_id: batch_id.map(str::to_string).or(old.batch_id.clone()),
        meta: touched(&old.meta, ctx),
        ..old.clone()
    };
    st::letter_update(tx, &new)?;
    audit(tx, ctx, "sign", "letter", &new.id, Some(&old), Some(&new))?;
    Ok(new)
}

/// One letter per recipient, signed with consecutive numbers in one transaction: all or none.
pub fn sign_batch(db: &mut Db, ctx: &Ctx, input: BatchInput) -> Result<Vec<Letter>> {
    in_tx(db, |tx| sign_batch_in(tx, ctx, input))
}

pub fn sign_batch_in(tx: &Transaction, ctx: &Ctx, input: BatchInput) -> Result<Vec<Letter>> {
    if input.recipients.is_empty() {
        return Err(Error::invalid("recipients", "收件人不能为空，请至少选择一个收件人"));
    }
    if input.recipients.len() > MAX_BATCH {
        return Err(Error::invalid("recipients", format!("一次最多批量签发{MAX_BATCH}份，现为{}份", input.recipients.len())));
    }
    let template = match some_id(&input.template_id) {
        Some(t) => {
            let t = template_or_not_found(tx, &t)?;
            if t.meta.voided_at.is_some() {
                return Err(Error::invalid("template_id", format!("模板“{}”已作废，不能使用", t.name)));
            }
            Some(t)
        }
        None => None,
    };
    if template.is_none() && input.base.is_none() {
        return Err(Error::invalid("template_id", "请选择模板，或先起草一封函件作为批量签发的底稿"));
    }
    // The base's text is checked once, so a refusal names the field rather than a recipient.
    let base = input.base.as_ref().filter(|_| template.is_none()).map(clean_text).transpose()?;
    // The signing date is checked once, before anything is written.
    let d = required_date("signed_date", "签发日期", &input.date)?;
    not_after_today("signed_date", "签发日期", d, ctx)?;
    let batch_id = Uuid::new_v4().to_string();
    let mut seen: Vec<(Option<String>, Option<String>)> = Vec::new();
    let mut out = Vec::with_capacity(input.recipients.len());
    for (i, rcpt) in input.recipients.iter().enumerate() {
        let key = (some_id(&rcpt.unit_id), some_id(&rcpt.person_id));
        if key.0.is_none() && key.1.is_none() {
            return Err(Error::invalid("recipients", format!("第{}个收件人未选择单位或人员", i + 1)));
        }
        let which = |e: Error, label: &str| match e {
            Error::Invalid { field, message } if label.is_empty() => Error::Invalid { field, message: format!("第{}个收件人：{message}", i + 1) },
            Error::Invalid { field, message } => Error::Invalid { field, message: format!("第{}个收件人（{label}）：{message}", i + 1) },
            other => other,
        };
        let r = resolve_recipient(tx, ctx, &key.0, &key.1).map_err(|e| which(e, ""))?;
        let label = r.label();
        let resolved = (r.unit_id.clone(), r.person_id.clone());
        if seen.contains(&resolved) {
            return Err(Error::invalid("recipients", format!("收件人“{label}”重复")));
        }
        seen.push(resolved);
        let draft = match (&template, &base) {
            (Some(t), _) => fill_template_in(tx, ctx, t, &key.0, &key.1),
            (None, Some(base)) => fill_base_in(tx, ctx, base, &key.0, &key.1),
            (None, None) => unreachable_input(),
        }
        .map_err(|e| which(e, &label))?;
        let saved = save_letter_in(tx, ctx, draft).map_err(|e| which(e, &label))?;
        let signed = sign_letter_in(tx, ctx, &saved.id, &input.date, Some(&batch_id)).map_err(|e| which(e, &label))?;
        out.push(signed);
    }
    Ok(out)
}

pub(super) fn unreachable_input() -> Result<LetterInput> {
    Err(Error::invalid("template_id", "请选择模板，或先起草一封函件作为批量签发的底稿"))
}

/// Recipients a preset offers: current 一把手 of the matching units, in unit order.
pub fn letter_recipients(db: &Db, ctx: &Ctx, preset: RecipientPreset) -> Result<Vec<RecipientChoice>> {
    let heads = st::heads_with_names(db.conn(), &ctx.today_str())?;
    let cat = |c: UnitCategory| crate::store::talks::label(&c);
    let wanted: Vec<String> = match preset {
        RecipientPreset::AllHeads => Vec::new(),
        RecipientPreset::TownshipSecretaries => vec![cat(UnitCategory::Township)],
        RecipientPreset::PartyDepartmentHeads => vec![cat(UnitCategory::PartyDepartment)],
        RecipientPreset::GovernmentDepartmentHeads => vec![cat(UnitCategory::GovernmentDepartment)],
        RecipientPreset::InstitutionAndEnterpriseHeads => vec![cat(UnitCategory::PublicInstitution), cat(UnitCategory::StateEnterprise)],
        // Units by their rating, not their category: a list of its own.
        RecipientPreset::SummonsRatedHeads => return summons_recipients(db, ctx, None),
    };
    let mut out: Vec<RecipientChoice> = Vec::new();
    for (person_id, unit_id, title, person, unit, short, category) in heads {
        if !wanted.is_empty() && !wanted.contains(&category) {
            continue;
        }
        // One letter per unit: a unit with two 一把手 records (handover) gets the first.
        if out.iter().any(|c| c.unit_id.as_deref() == Some(unit_id.as_str())) {
            continue;
        }
        let unit_label = if short.is_empty() { unit } else { short };
        out.push(RecipientChoice { unit_id: Some(unit_id), person_id: Some(person_id), label: format!("{unit_label} {title} {person}") });
    }
    Ok(out)
}

// ---- 考核: the 督办函 to heads of units rated 基本合格/不合格

/// Current 一把手 of units rated so as to call for a 约谈 (`model::assessments::SUMMONS_RATINGS`)
/// in `year`, or in the latest year with ratings; one per unit, in unit order. Empty when no
/// year has ratings.
pub fn summons_recipients(db: &Db, ctx: &Ctx, year: Option<i32>) -> Result<Vec<RecipientChoice>> {
    let year = match year {
        Some(y) => y,
        None => match crate::service::assessments::latest_rated_year(db.conn())? {
            Some(y) => y,
            None => return Ok(Vec::new()),
        },
    };
    let heads = crate::store::assessments::summons_heads(db.conn(), year, &ctx.today_str())?;
    Ok(heads
        .into_iter()
        .map(|(person_id, unit_id, title, person, unit, short)| {
            let unit_label = if short.is_empty() { unit } else { short };
            RecipientChoice { unit_id: Some(unit_id), person_id: Some(person_id), label: format!("{unit_label} {title} {person}") }
        })
        .collect())
}

// ---- end 考核
