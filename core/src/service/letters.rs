//! What a clerk does with letters (函件): start one from a template filled from the records, edit
//! the draft, sign it (the 文号 is given here, once), batch-sign one letter to many recipients,
//! record delivery, the reply and 销号, void and restore, press for an overdue reply (催办), and
//! print. Each write is one transaction with its audit rows; a refused action writes nothing.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Transaction};
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::letters::{self as text, chinese_date, format_number};
use crate::model::letters::*;
use crate::model::talks::OriginKind;
use crate::model::validate::{self as v, format_date, parse_date};
use crate::model::{Office, UnitCategory};
use crate::pdf::{render_letters, FontSet, LetterDoc};
use crate::service::org::in_tx;
use crate::service::talks::{
    calendar, item_view, live_person, live_unit, new_meta, not_after_today, reason, required_date, some_id,
    touched, MAX_WORKDAYS,
};
use crate::service::get_office;
use crate::store::letters as st;
use crate::store::talks as st_talks;
use crate::store::{audit, Db};

/// Most letters one batch signs (a county has a few hundred units at most).
const MAX_BATCH: usize = 500;
/// The reply window a 催办 letter asks for.
const FOLLOW_UP_WORKDAYS: i64 = 5;

// ---------------------------------------------------------------- options and templates

pub fn letter_options(db: &Db, ctx: &Ctx) -> Result<LetterOptions> {
    let office = get_office(db)?;
    let code = office.agency_code.trim().to_string();
    let next_number = if code.is_empty() {
        None
    } else {
        let year = ctx.today().year();
        Some(format_number(&code, year, st::next_seq(db.conn(), &code, year)?))
    };
    Ok(LetterOptions {
        kinds: LetterKind::ALL.to_vec(),
        states: LetterState::ALL.to_vec(),
        templates: st::templates(db.conn(), false)?,
        presets: RecipientPreset::ALL.to_vec(),
        fields: text::FIELDS
            .iter()
            .map(|(name, description)| FieldValue { name: name.to_string(), value: String::new(), description: description.to_string() })
            .collect(),
        agency_code: code,
        next_number,
    })
}

pub fn list_templates(db: &Db, voided: bool) -> Result<Vec<LetterTemplate>> {
    st::templates(db.conn(), voided)
}

fn template_or_not_found(conn: &Connection, id: &str) -> Result<LetterTemplate> {
    st::template_get(conn, id.trim())?.ok_or_else(|| Error::not_found("函件模板"))
}

fn check_reply_workdays(field: &str, n: Option<i64>) -> Result<Option<i64>> {
    match n {
        Some(n) if !(1..=MAX_WORKDAYS).contains(&n) => {
            Err(Error::invalid(field, format!("回复期限的工作日数应在1至{MAX_WORKDAYS}之间，现为{n}")))
        }
        other => Ok(other),
    }
}

/// Adds a template (no id) or edits one, built-in ones included.
pub fn save_template(db: &mut Db, ctx: &Ctx, input: TemplateInput) -> Result<LetterTemplate> {
    in_tx(db, |tx| save_template_in(tx, ctx, input))
}

pub fn save_template_in(tx: &Transaction, ctx: &Ctx, input: TemplateInput) -> Result<LetterTemplate> {
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = template_or_not_found(tx, &id)?;
            if old.meta.voided_at.is_some() {
                return Err(Error::Conflict("该模板已作废，不能修改；如需修改请先恢复".into()));
            }
            Some(old)
        }
        None => None,
    };
    let name = v::required("name", "模板名称", &input.name)?;
    let id = existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string());
    if st::template_name_taken(tx, &name, &id)? {
        return Err(Error::invalid("name", format!("模板名称“{name}”已存在，请换一个名称")));
    }
    let title = v::required("title", "函件标题", &input.title)?;
    let body = v::text("body", "正文", &input.body)?;
    if body.is_empty() {
        return Err(Error::invalid("body", "正文不能为空"));
    }
    let template = LetterTemplate {
        id,
        kind: input.kind,
        name,
        title,
        body,
        cc: clean_cc(&input.cc)?,
        reply_workdays: check_reply_workdays("reply_workdays", input.reply_workdays)?,
        builtin: existing.as_ref().is_some_and(|o| o.builtin),
        meta: existing.as_ref().map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match existing {
        Some(old) => {
            st::template_update(tx, &template)?;
            audit(tx, ctx, "update", "letter_template", &template.id, Some(&old), Some(&template))?;
        }
        None => {
            st::template_insert(tx, &template)?;
            audit(tx, ctx, "create", "letter_template", &template.id, None, Some(&template))?;
        }
    }
    Ok(template)
}

pub fn void_template(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<LetterTemplate> {
    in_tx(db, |tx| {
        let why = reason(why)?;
        let old = template_or_not_found(tx, id)?;
        if old.meta.voided_at.is_some() {
            return Err(Error::Conflict("该模板已作废".into()));
        }
        st::set_voided(tx, true, &old.id, &ctx.timestamp(), &ctx.actor, Some(&why))?;
        let new = template_or_not_found(tx, &old.id)?;
        audit(tx, ctx, "void", "letter_template", &old.id, Some(&old), Some(&new))?;
        Ok(new)
    })
}

pub fn restore_template(db: &mut Db, ctx: &Ctx, id: &str) -> Result<LetterTemplate> {
    in_tx(db, |tx| {
        let old = template_or_not_found(tx, id)?;
        if old.meta.voided_at.is_none() {
            return Err(Error::Conflict("该模板未作废，无需恢复".into()));
        }
        if st::template_name_taken(tx, &old.name, &old.id)? {
            return Err(Error::Conflict(format!("已有同名模板“{}”，不能恢复；请先修改那个模板的名称", old.name)));
        }
        st::set_voided(tx, true, &old.id, &ctx.timestamp(), &ctx.actor, None)?;
        let new = template_or_not_found(tx, &old.id)?;
        audit(tx, ctx, "restore", "letter_template", &old.id, Some(&old), Some(&new))?;
        Ok(new)
    })
}

fn clean_cc(cc: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for c in cc {
        // A pasted "县委办公室，县委组织部" is two organs.
        for part in c.split(['，', ',', '、', '\n']) {
            let part = v::line("cc", "抄送单位", part)?;
            if !part.is_empty() && !out.contains(&part) {
                out.push(part);
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- fields

/// A recipient as the records know them today.
#[derive(Debug, Clone, Default)]
struct Recipient {
    unit_id: Option<String>,
    person_id: Option<String>,
    unit_name: String,
    unit_short: String,
    person_name: String,
    title: String,
}

impl Recipient {
    /// 主送 as printed: "县水利局党组书记、局长李明同志", or the unit's name.
    fn addressee(&self) -> String {
        if !self.person_name.is_empty() {
            let unit = if self.unit_short.is_empty() { &self.unit_name } else { &self.unit_short };
            if self.title.is_empty() {
                format!("{}同志", self.person_name)
            } else {
                format!("{unit}{}{}同志", self.title, self.person_name)
            }
        } else {
            self.unit_name.clone()
        }
    }

    /// How the batch picker and messages name the recipient: "县水利局 党组书记、局长 李明".
    fn label(&self) -> String {
        let unit = if self.unit_short.is_empty() { &self.unit_name } else { &self.unit_short };
        let parts: Vec<&str> = [unit.as_str(), self.title.as_str(), self.person_name.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
        parts.join(" ")
    }
}

/// Checks the recipient's unit and person (live) and finds the person's title in the unit today;
/// a person given without a unit is taken in their current post (the 一把手 one first).
fn resolve_recipient(conn: &Connection, ctx: &Ctx, unit_id: &Option<String>, person_id: &Option<String>) -> Result<Recipient> {
    let mut r = Recipient { unit_id: some_id(unit_id), person_id: some_id(person_id), ..Recipient::default() };
    if let Some(p) = &r.person_id {
        r.person_name = live_person(conn, "recipient_person_id", "收件人", p)?;
        if let Some((unit, title)) = st_talks::current_post(conn, p, &ctx.today_str(), r.unit_id.as_deref())? {
            r.unit_id = Some(unit);
            r.title = title;
        }
    }
    if let Some(u) = &r.unit_id {
        r.unit_name = live_unit(conn, "recipient_unit_id", "收件单位", u)?;
        r.unit_short = conn
            .query_row("SELECT short_name FROM unit WHERE id = ?1", [u], |row| row.get::<_, String>(0))
            .optional()?
            .unwrap_or_default();
    }
    Ok(r)
}

/// Problems to name in a letter: the open items the unit or person is responsible for, else the
/// problems pointed out in their latest held talk.
fn problems_of(conn: &Connection, r: &Recipient) -> Result<Vec<String>> {
    if r.unit_id.is_none() && r.person_id.is_none() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT problem FROM rectification_item WHERE voided_at IS NULL AND status = '整改中' \
         AND (responsible_unit_id = ?1 OR responsible_person_id = ?2) ORDER BY due_date, created_at LIMIT 10",
    )?;
    let items: Vec<String> = stmt.query_map(rusqlite::params![r.unit_id, r.person_id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    if !items.is_empty() {
        return Ok(items);
    }
    let talk: Option<String> = conn
        .query_row(
            "SELECT t.id FROM talk t JOIN talk_subject s ON s.talk_id = t.id WHERE s.voided_at IS NULL AND t.voided_at IS NULL \
             AND t.state <> '计划' AND (s.person_id = ?2 OR (?2 IS NULL AND s.unit_id = ?1)) ORDER BY t.date DESC LIMIT 1",
            rusqlite::params![r.unit_id, r.person_id],
            |row| row.get(0),
        )
        .optional()?;
    Ok(match talk {
        Some(id) => st_talks::talk_get(conn, &id)?.map(|t| t.problems).unwrap_or_default(),
        None => Vec::new(),
    })
}

/// The next statutory holiday after today that the calendar knows, e.g. 国庆节.
pub(crate) fn next_holiday(conn: &Connection, today: NaiveDate) -> Result<String> {
    let office = st_talks::calendar_years(conn)?;
    let mut best: Option<(NaiveDate, String)> = None;
    let built = crate::calendar::built_in_years()?;
    let office: Vec<crate::calendar::CalendarYear> = office.into_iter().map(|o| o.year).collect();
    let years: Vec<&crate::calendar::CalendarYear> =
        built.iter().filter(|b| !office.iter().any(|o| o.year == b.year)).chain(office.iter()).collect();
    for y in years {
        for h in &y.holidays {
            let first = h.dates.iter().filter_map(|d| parse_date(d)).min();
            if let Some(first) = first.filter(|d| *d > today) {
                if best.as_ref().is_none_or(|(b, _)| first < *b) {
                    best = Some((first, h.name.clone()));
                }
            }
        }
    }
    Ok(best.map(|(_, n)| n).unwrap_or_default())
}

fn reply_text(due_date: Option<NaiveDate>, workdays: Option<i64>) -> String {
    match (due_date, workdays) {
        (Some(d), _) => format!("{}前", chinese_date(d)),
        (None, Some(n)) => format!("收到本函之日起{n}个工作日内"),
        (None, None) => String::new(),
    }
}

fn default_contact(office: &Office) -> String {
    let person = office.contact_person.trim();
    let phone = office.contact_phone.trim();
    match (person.is_empty(), phone.is_empty()) {
        (false, false) => format!("联系人：{person}，联系电话：{phone}"),
        (false, true) => format!("联系人：{person}"),
        (true, false) => format!("联系电话：{phone}"),
        (true, true) => String::new(),
    }
}

fn field_values(conn: &Connection, ctx: &Ctx, office: &Office, r: &Recipient, reply: String) -> Result<Vec<FieldValue>> {
    let problems = text::problems_text(&problems_of(conn, r)?);
    let value = |name: &str| -> Result<String> {
        Ok(match name {
            "收件人" => {
                if r.person_name.is_empty() {
                    r.unit_name.clone()
                } else {
                    r.person_name.clone()
                }
            }
            "单位" => r.unit_name.clone(),
            "职务" => r.title.clone(),
            "问题" => problems.clone(),
            "回复期限" => reply.clone(),
            "联系人" => office.contact_person.trim().to_string(),
            "联系电话" => office.contact_phone.trim().to_string(),
            "机关" => office.full_names.first().cloned().unwrap_or_default(),
            "年份" => ctx.today().year().to_string(),
            "日期" => chinese_date(ctx.today()),
            "节日" => next_holiday(conn, ctx.today())?,
            _ => String::new(),
        })
    };
    text::FIELDS
        .iter()
        .map(|(name, description)| Ok(FieldValue { name: name.to_string(), value: value(name)?, description: description.to_string() }))
        .collect()
}

fn pairs(values: &[FieldValue]) -> Vec<(String, String)> {
    values.iter().map(|f| (f.name.clone(), f.value.clone())).collect()
}

/// The values the placeholders would get for a recipient (the template editor's preview).
pub fn letter_fields(db: &Db, ctx: &Ctx, unit_id: Option<String>, person_id: Option<String>) -> Result<Vec<FieldValue>> {
    let r = resolve_recipient(db.conn(), ctx, &unit_id, &person_id)?;
    field_values(db.conn(), ctx, &get_office(db)?, &r, String::new())
}

/// A new draft's form from a template, its {字段} filled for the recipient. Nothing is saved.
pub fn fill_template(db: &Db, ctx: &Ctx, template_id: &str, unit_id: Option<String>, person_id: Option<String>) -> Result<LetterInput> {
    let template = template_or_not_found(db.conn(), template_id)?;
    fill_template_in(db.conn(), ctx, &template, &unit_id, &person_id)
}

pub(crate) fn fill_template_in(conn: &Connection, ctx: &Ctx, t: &LetterTemplate, unit_id: &Option<String>, person_id: &Option<String>) -> Result<LetterInput> {
    let office = office_in(conn)?;
    let r = resolve_recipient(conn, ctx, unit_id, person_id)?;
    let values = pairs(&field_values(conn, ctx, &office, &r, reply_text(None, t.reply_workdays))?);
    Ok(LetterInput {
        id: None,
        kind: t.kind,
        template_id: Some(t.id.clone()),
        title: text::fill(&t.title, &values),
        recipient_unit_id: r.unit_id.clone(),
        recipient_person_id: r.person_id.clone(),
        recipient: r.addressee(),
        body: text::fill(&t.body, &values),
        cc: t.cc.clone(),
        contact: default_contact(&office),
        reply_due_date: None,
        reply_due_workdays: t.reply_workdays,
    })
}

/// A base letter's text for one recipient of a batch: its placeholders filled, 主送 recomputed
/// unless the base's 主送 is a pattern with placeholders.
fn fill_base_in(conn: &Connection, ctx: &Ctx, base: &LetterInput, unit_id: &Option<String>, person_id: &Option<String>) -> Result<LetterInput> {
    let office = office_in(conn)?;
    let r = resolve_recipient(conn, ctx, unit_id, person_id)?;
    let due = v::date("reply_due_date", "回复期限", &base.reply_due_date)?;
    let values = pairs(&field_values(conn, ctx, &office, &r, reply_text(due, base.reply_due_workdays))?);
    let recipient = if base.recipient.contains('{') { text::fill(&base.recipient, &values) } else { r.addressee() };
    Ok(LetterInput {
        id: None,
        title: text::fill(&base.title, &values),
        recipient_unit_id: r.unit_id.clone(),
        recipient_person_id: r.person_id.clone(),
        recipient,
        body: text::fill(&base.body, &values),
        contact: if base.contact.trim().is_empty() { default_contact(&office) } else { text::fill(&base.contact, &values) },
        ..base.clone()
    })
}

/// The office settings read inside a transaction.
pub(crate) fn office_in(conn: &Connection) -> Result<Office> {
    match crate::store::get_setting(conn, "office")? {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => Ok(Office::default()),
    }
}

// ---------------------------------------------------------------- drafts

fn letter_or_not_found(conn: &Connection, id: &str) -> Result<Letter> {
    st::letter_get(conn, id.trim())?.ok_or_else(|| Error::not_found("函件"))
}

fn live_letter(conn: &Connection, id: &str, action: &str) -> Result<Letter> {
    let l = letter_or_not_found(conn, id)?;
    if l.meta.voided_at.is_some() {
        return Err(Error::Conflict(format!("该函件已作废，不能{action}；如需{action}请先恢复")));
    }
    Ok(l)
}

/// Saves a draft: no id creates it, an id edits it. Signed letters are not edited.
pub fn save_letter(db: &mut Db, ctx: &Ctx, input: LetterInput) -> Result<LetterDetail> {
    let letter = in_tx(db, |tx| save_letter_in(tx, ctx, input))?;
    letter_detail(db, ctx, &letter.id)
}

pub fn save_letter_in(tx: &Transaction, ctx: &Ctx, input: LetterInput) -> Result<Letter> {
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = live_letter(tx, &id, "修改")?;
            if old.state != LetterState::Draft {
                return Err(Error::Conflict(format!(
                    "该函件已签发（{}），不能再修改；如需更正，请作废后重新起草",
                    old.number.as_deref().unwrap_or("")
                )));
            }
            Some(old)
        }
        None => None,
    };
    let template_id = some_id(&input.template_id);
    if let Some(t) = &template_id {
        if st::template_get(tx, t)?.is_none() {
            return Err(Error::invalid("template_id", "所选模板不存在，请重新选择"));
        }
    }
    let r = resolve_recipient(tx, ctx, &input.recipient_unit_id, &input.recipient_person_id)?;
    let title = v::line("title", "函件标题", &input.title)?;
    let recipient = v::line("recipient", "主送", &input.recipient)?;
    let body = v::text("body", "正文", &input.body)?;
    let contact = v::line("contact", "附注（联系人及电话）", &input.contact)?;
    let due = v::date("reply_due_date", "回复期限", &input.reply_due_date)?;
    let workdays = check_reply_workdays("reply_due_workdays", input.reply_due_workdays)?;
    if due.is_some() && workdays.is_some() {
        return Err(Error::invalid("reply_due_date", "回复期限请填写截止日期或送达后的工作日数，二者选一"));
    }
    let letter = Letter {
        id: existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string()),
        kind: input.kind,
        template_id,
        number: None,
        code: String::new(),
        year: None,
        seq: None,
        title,
        recipient_unit_id: r.unit_id,
        recipient_person_id: r.person_id,
        recipient,
        body,
        cc: clean_cc(&input.cc)?,
        contact,
        signed_date: None,
        reply_due_workdays: workdays,
        reply_due_date: due.map(format_date),
        due_estimated: false,
        delivered_date: None,
        replied_date: None,
        reply_number: String::new(),
        reply_summary: String::new(),
        closed_date: None,
        state: LetterState::Draft,
        batch_id: existing.as_ref().and_then(|o| o.batch_id.clone()),
        follow_up_of: existing.as_ref().and_then(|o| o.follow_up_of.clone()),
        meta: existing.as_ref().map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match existing {
        Some(old) => {
            st::letter_update(tx, &letter)?;
            audit(tx, ctx, "update", "letter", &letter.id, Some(&old), Some(&letter))?;
        }
        None => {
            st::letter_insert(tx, &letter)?;
            audit(tx, ctx, "create", "letter", &letter.id, None, Some(&letter))?;
        }
    }
    Ok(letter)
}

// ---------------------------------------------------------------- signing

/// 签发: gives the letter the next number of the office's 机关代字 in the signing date's year.
pub fn sign_letter(db: &mut Db, ctx: &Ctx, id: &str, date: &str) -> Result<LetterDetail> {
    let letter = in_tx(db, |tx| sign_letter_in(tx, ctx, id, date, None))?;
    letter_detail(db, ctx, &letter.id)
}

fn no_placeholders(field: &str, label: &str, value: &str) -> Result<()> {
    if let Some(name) = text::placeholders(value).first() {
        return Err(Error::invalid(field, format!("{label}中还有未填写的字段“{{{name}}}”，请改为实际内容后再签发")));
    }
    Ok(())
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
    let code = office.agency_code.trim().to_string();
    if code.is_empty() {
        return Err(Error::invalid("agency_code", "尚未设置机关代字：请先在“设置—本机关”中填写机关代字（如“宣纪函”），签发时据此编号"));
    }
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
        let draft = match (&template, &input.base) {
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

fn unreachable_input() -> Result<LetterInput> {
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

// ---------------------------------------------------------------- tracking

pub fn deliver_letter(db: &mut Db, ctx: &Ctx, id: &str, date: &str) -> Result<LetterDetail> {
    let letter = in_tx(db, |tx| deliver_letter_in(tx, ctx, id, date))?;
    letter_detail(db, ctx, &letter.id)
}

/// 送达: from here a reply window given in 工作日 runs; the letter's items count from this date too.
pub fn deliver_letter_in(tx: &Transaction, ctx: &Ctx, id: &str, date: &str) -> Result<Letter> {
    let old = live_letter(tx, id, "登记送达")?;
    match old.state {
        LetterState::Draft => return Err(Error::Conflict("该函件尚未签发，不能登记送达".into())),
        LetterState::Signed => {}
        _ => return Err(Error::Conflict(format!("该函件已于{}送达", old.delivered_date.as_deref().unwrap_or("")))),
    }
    let d = required_date("delivered_date", "送达日期", date)?;
    not_after_today("delivered_date", "送达日期", d, ctx)?;
    v::not_before("delivered_date", "送达日期", Some(d), "签发日期", old.signed_date.as_deref().and_then(parse_date))?;
    let cal = calendar(tx)?;
    let mut new = Letter { delivered_date: Some(format_date(d)), state: LetterState::Delivered, meta: touched(&old.meta, ctx), ..old.clone() };
    if let Some(n) = old.reply_due_workdays {
        let due = cal.add_workdays(d, n.clamp(1, MAX_WORKDAYS) as u32);
        new.reply_due_date = Some(format_date(due.date));
        new.due_estimated = due.estimated;
    }
    st::letter_update(tx, &new)?;
    audit(tx, ctx, "deliver", "letter", &new.id, Some(&old), Some(&new))?;
    // Items added before delivery counted from the signing date: they now count from delivery.
    for (item, _) in st_talks::items_of_origin(tx, OriginKind::Letter, &new.id)? {
        if item.meta.voided_at.is_some() || item.status != crate::model::talks::ItemStatus::Open {
            continue;
        }
        let mut moved = crate::model::talks::RectificationItem { origin_date: format_date(d), meta: touched(&item.meta, ctx), ..item.clone() };
        if let Some(n) = item.due_workdays {
            let due = cal.add_workdays(d, n.clamp(0, MAX_WORKDAYS) as u32);
            moved.due_date = format_date(due.date);
            moved.due_estimated = due.estimated;
        }
        st_talks::item_update(tx, &moved)?;
        audit(tx, ctx, "update", "rectification_item", &item.id, Some(&item), Some(&moved))?;
    }
    Ok(new)
}

pub fn record_reply(db: &mut Db, ctx: &Ctx, id: &str, date: &str, reply_number: &str, summary: &str) -> Result<LetterDetail> {
    let letter = in_tx(db, |tx| record_reply_in(tx, ctx, id, date, reply_number, summary))?;
    letter_detail(db, ctx, &letter.id)
}

/// 回复: the date the reply came in, its 文号 and a summary. Recording it again corrects it.
pub fn record_reply_in(tx: &Transaction, ctx: &Ctx, id: &str, date: &str, reply_number: &str, summary: &str) -> Result<Letter> {
    let old = live_letter(tx, id, "登记回复")?;
    match old.state {
        LetterState::Draft => return Err(Error::Conflict("该函件尚未签发，不能登记回复".into())),
        LetterState::Signed => return Err(Error::Conflict("该函件尚未登记送达，请先登记送达日期，再登记回复".into())),
        LetterState::Delivered | LetterState::Replied => {}
        LetterState::Closed => return Err(Error::Conflict("该函件已销号，不能再修改回复情况".into())),
    }
    let d = required_date("replied_date", "回复日期", date)?;
    not_after_today("replied_date", "回复日期", d, ctx)?;
    v::not_before("replied_date", "回复日期", Some(d), "送达日期", old.delivered_date.as_deref().and_then(parse_date))?;
    let reply_number = v::line("reply_number", "回复文号", reply_number)?;
    let summary = v::text("reply_summary", "回复内容摘要", summary)?;
    if summary.is_empty() {
        return Err(Error::invalid("reply_summary", "回复内容摘要不能为空，请简要记录回复的主要内容"));
    }
    let new = Letter {
        replied_date: Some(format_date(d)),
        reply_number,
        reply_summary: summary,
        state: LetterState::Replied,
        meta: touched(&old.meta, ctx),
        ..old.clone()
    };
    st::letter_update(tx, &new)?;
    audit(tx, ctx, "reply", "letter", &new.id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn close_letter(db: &mut Db, ctx: &Ctx, id: &str, date: &str) -> Result<LetterDetail> {
    let letter = in_tx(db, |tx| close_letter_in(tx, ctx, id, date))?;
    letter_detail(db, ctx, &letter.id)
}

/// 销号: the letter's business is done. A letter asking for a reply needs it first, and every
/// rectification item from the letter must be closed.
pub fn close_letter_in(tx: &Transaction, ctx: &Ctx, id: &str, date: &str) -> Result<Letter> {
    let old = live_letter(tx, id, "销号")?;
    let asks_reply = old.reply_due_date.is_some() || old.reply_due_workdays.is_some();
    match old.state {
        LetterState::Draft => return Err(Error::Conflict("该函件尚未签发，不能销号".into())),
        LetterState::Closed => return Err(Error::Conflict(format!("该函件已于{}销号", old.closed_date.as_deref().unwrap_or("")))),
        LetterState::Signed => return Err(Error::Conflict("该函件尚未登记送达，不能销号".into())),
        LetterState::Delivered if asks_reply => {
            return Err(Error::Conflict("该函件要求回复，尚未登记回复情况，不能销号".into()));
        }
        LetterState::Delivered | LetterState::Replied => {}
    }
    let (open, _) = st_talks::item_tally(tx, OriginKind::Letter, &old.id)?;
    if open > 0 {
        return Err(Error::Conflict(format!("该函件还有 {open} 项整改事项未销号，请先将整改事项逐项销号，再对函件销号")));
    }
    let d = required_date("closed_date", "销号日期", date)?;
    not_after_today("closed_date", "销号日期", d, ctx)?;
    let (after_label, after) = match &old.replied_date {
        Some(r) => ("回复日期", parse_date(r)),
        None => ("送达日期", old.delivered_date.as_deref().and_then(parse_date)),
    };
    v::not_before("closed_date", "销号日期", Some(d), after_label, after)?;
    let new = Letter { closed_date: Some(format_date(d)), state: LetterState::Closed, meta: touched(&old.meta, ctx), ..old.clone() };
    st::letter_update(tx, &new)?;
    audit(tx, ctx, "close", "letter", &new.id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn void_letter(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<LetterDetail> {
    let letter = in_tx(db, |tx| void_letter_in(tx, ctx, id, why))?;
    letter_detail(db, ctx, &letter.id)
}

/// 作废: a signed letter keeps its number (it is never given again) and shows as 作废.
pub fn void_letter_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<Letter> {
    let why = reason(why)?;
    let old = letter_or_not_found(tx, id)?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该函件已作废".into()));
    }
    let (open, closed) = st_talks::item_tally(tx, OriginKind::Letter, &old.id)?;
    if open + closed > 0 {
        return Err(Error::Conflict(format!("该函件还有 {} 项整改事项，请先作废整改事项再作废函件", open + closed)));
    }
    st::set_voided(tx, false, &old.id, &ctx.timestamp(), &ctx.actor, Some(&why))?;
    let new = letter_or_not_found(tx, &old.id)?;
    audit(tx, ctx, "void", "letter", &old.id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn restore_letter(db: &mut Db, ctx: &Ctx, id: &str) -> Result<LetterDetail> {
    let letter = in_tx(db, |tx| {
        let old = letter_or_not_found(tx, id)?;
        if old.meta.voided_at.is_none() {
            return Err(Error::Conflict("该函件未作废，无需恢复".into()));
        }
        st::set_voided(tx, false, &old.id, &ctx.timestamp(), &ctx.actor, None)?;
        let new = letter_or_not_found(tx, &old.id)?;
        audit(tx, ctx, "restore", "letter", &old.id, Some(&old), Some(&new))?;
        Ok(new)
    })?;
    letter_detail(db, ctx, &letter.id)
}

pub fn follow_up_letter(db: &mut Db, ctx: &Ctx, id: &str) -> Result<LetterDetail> {
    let letter = in_tx(db, |tx| follow_up_letter_in(tx, ctx, id))?;
    letter_detail(db, ctx, &letter.id)
}

/// 催办: a 督办函 draft to the same recipient, citing the original's number and due date.
pub fn follow_up_letter_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<Letter> {
    let orig = live_letter(tx, id, "催办")?;
    match orig.state {
        LetterState::Draft => return Err(Error::Conflict("该函件尚未签发，不能催办".into())),
        LetterState::Replied | LetterState::Closed => return Err(Error::Conflict("该函件已回复，无需催办".into())),
        LetterState::Signed | LetterState::Delivered => {}
    }
    let number = orig.number.clone().unwrap_or_default();
    let signed = orig.signed_date.as_deref().and_then(parse_date).map(chinese_date).unwrap_or_default();
    let due = match orig.reply_due_date.as_deref().and_then(parse_date) {
        Some(d) => format!("要求于{}前书面回复", chinese_date(d)),
        None => "要求按期书面回复".to_string(),
    };
    let addressed = if orig.recipient_person_id.is_some() { "你" } else { "你单位" };
    let body = [
        format!("{signed}，我委向{addressed}印发《{}》（{number}），{due}。截至目前，我委仍未收到回复材料。", orig.title),
        format!(
            "请高度重视，于收到本函之日起{FOLLOW_UP_WORKDAYS}个工作日内将有关情况书面报送我委，并说明逾期未报的原因。逾期仍未报送的，我委将依规依纪对相关责任人进行约谈或严肃问责。"
        ),
    ]
    .join("\n");
    let office = office_in(tx)?;
    let input = LetterInput {
        id: None,
        kind: LetterKind::Supervision,
        template_id: None,
        title: format!("关于督促回复《{}》的函", orig.title),
        recipient_unit_id: orig.recipient_unit_id.clone(),
        recipient_person_id: orig.recipient_person_id.clone(),
        recipient: orig.recipient.clone(),
        body,
        cc: orig.cc.clone(),
        contact: if orig.contact.is_empty() { default_contact(&office) } else { orig.contact.clone() },
        reply_due_date: None,
        reply_due_workdays: Some(FOLLOW_UP_WORKDAYS),
    };
    let draft = save_letter_in(tx, ctx, input)?;
    let new = Letter { follow_up_of: Some(orig.id.clone()), ..draft.clone() };
    st::letter_update(tx, &new)?;
    audit(tx, ctx, "follow_up", "letter", &new.id, Some(&draft), Some(&new))?;
    Ok(new)
}

// ---------------------------------------------------------------- reading

pub fn list_letters(db: &Db, ctx: &Ctx, filter: &LetterFilter) -> Result<Vec<LetterRow>> {
    st::letter_rows(db.conn(), filter, ctx.today())
}

pub fn letter_detail(db: &Db, ctx: &Ctx, id: &str) -> Result<LetterDetail> {
    let conn = db.conn();
    let letter = letter_or_not_found(conn, id)?;
    let today = ctx.today();
    let me = st::rows_by_id(conn, std::slice::from_ref(&letter.id), today)?.into_iter().next().ok_or_else(|| Error::not_found("函件"))?;
    let items = st_talks::items_of_origin(conn, OriginKind::Letter, &letter.id)?.into_iter().map(|(i, r)| item_view(i, r, today)).collect();
    let follow_ups = st::rows_by_id(conn, &st::follow_up_ids(conn, &letter.id)?, today)?;
    let original = match &letter.follow_up_of {
        Some(o) => st::rows_by_id(conn, std::slice::from_ref(o), today)?.into_iter().next(),
        None => None,
    };
    let batch = match &letter.batch_id {
        Some(b) => st::rows_by_id(conn, &st::batch_ids(conn, b)?, today)?.into_iter().filter(|r| r.id != letter.id).collect(),
        None => Vec::new(),
    };
    let template_name = match &letter.template_id {
        Some(t) => st::template_get(conn, t)?.map(|t| t.name),
        None => None,
    };
    Ok(LetterDetail {
        unit_name: me.unit_name.clone(),
        person_name: me.person_name.clone(),
        template_name,
        items,
        follow_ups,
        original,
        batch,
        overdue: me.overdue,
        days_left: me.days_left,
        voided: me.voided,
        letter,
    })
}

/// (letters, drafts, 逾期未复) for `jiandu check` and the counts.
pub fn letter_counts(conn: &Connection, ctx: &Ctx) -> Result<(i64, i64, i64)> {
    st::counts(conn, &ctx.today_str())
}

// ---------------------------------------------------------------- printing

/// How a letter prints, from the office's letterhead and the letter's fields. A draft shows
/// "（签发时编号）" in place of the number and an open date; a voided letter says so by its number.
pub fn letter_doc(office: &Office, letter: &Letter, today: NaiveDate) -> LetterDoc {
    let names: Vec<String> = office.full_names.iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    let joined = names.join("　");
    // Joint signatures side by side while they fit beside the date; else the first organ signs.
    let signature = if joined.chars().count() <= 22 { joined } else { names.first().cloned().unwrap_or_default() };
    let mut number = letter.number.clone().unwrap_or_else(|| "（签发时编号）".to_string());
    if letter.meta.voided_at.is_some() {
        number.push_str("（已作废）");
    }
    let date = match letter.signed_date.as_deref().and_then(parse_date) {
        Some(d) => chinese_date(d),
        None => format!("{}年　月　日", today.year()),
    };
    LetterDoc {
        organ_name: names.join("\n"),
        number,
        title: letter.title.trim().to_string(),
        recipient: letter.recipient.trim().to_string(),
        paragraphs: text::paragraphs(&letter.body),
        signature,
        date,
        cc: letter.cc.clone(),
        contact: Some(letter.contact.trim().to_string()).filter(|c| !c.is_empty()),
    }
}

fn letters_by_ids(conn: &Connection, ids: &[String]) -> Result<Vec<Letter>> {
    if ids.is_empty() {
        return Err(Error::invalid("ids", "请至少选择一封函件"));
    }
    ids.iter().map(|id| letter_or_not_found(conn, id)).collect()
}

/// One PDF holding the letters, each from a new page, in the order given.
pub fn letters_pdf(db: &Db, ctx: &Ctx, fonts: &FontSet, ids: &[String]) -> Result<Vec<u8>> {
    let office = get_office(db)?;
    let docs: Vec<LetterDoc> = letters_by_ids(db.conn(), ids)?.iter().map(|l| letter_doc(&office, l, ctx.today())).collect();
    Ok(render_letters(fonts, &docs)?)
}

/// The preview of a draft as typed, saved or not.
pub fn draft_pdf(db: &Db, ctx: &Ctx, fonts: &FontSet, input: &LetterInput) -> Result<Vec<u8>> {
    let office = get_office(db)?;
    let letter = Letter {
        id: String::new(),
        kind: input.kind,
        template_id: None,
        number: None,
        code: String::new(),
        year: None,
        seq: None,
        title: input.title.clone(),
        recipient_unit_id: None,
        recipient_person_id: None,
        recipient: input.recipient.clone(),
        body: input.body.clone(),
        cc: input.cc.clone(),
        contact: input.contact.clone(),
        signed_date: None,
        reply_due_workdays: None,
        reply_due_date: None,
        due_estimated: false,
        delivered_date: None,
        replied_date: None,
        reply_number: String::new(),
        reply_summary: String::new(),
        closed_date: None,
        state: LetterState::Draft,
        batch_id: None,
        follow_up_of: None,
        meta: new_meta(ctx),
    };
    Ok(render_letters(fonts, &[letter_doc(&office, &letter, ctx.today())])?)
}

/// The file name a letter is saved under: its number, or its title while a draft.
pub fn letter_file_name(letter: &Letter) -> String {
    match &letter.number {
        Some(n) => text::file_name(n, "pdf"),
        None => text::file_name(&format!("草稿-{}", letter.title), "pdf"),
    }
}

/// Writes the letters to `path`: one PDF there, or (one_file_per_letter) one PDF per letter in
/// the folder `path`, named by number. Files appear complete or not at all.
pub fn save_letters_pdf(db: &Db, ctx: &Ctx, fonts: &FontSet, ids: &[String], path: &Path, one_file_per_letter: bool) -> Result<Vec<PathBuf>> {
    let office = get_office(db)?;
    let letters = letters_by_ids(db.conn(), ids)?;
    if !one_file_per_letter {
        let docs: Vec<LetterDoc> = letters.iter().map(|l| letter_doc(&office, l, ctx.today())).collect();
        write_file(path, &render_letters(fonts, &docs)?)?;
        return Ok(vec![path.to_path_buf()]);
    }
    std::fs::create_dir_all(path)?;
    let mut written: Vec<PathBuf> = Vec::new();
    for l in &letters {
        let name = letter_file_name(l);
        let mut dest = path.join(&name);
        let mut n = 2;
        while written.contains(&dest) {
            dest = path.join(name.replace(".pdf", &format!("（{n}）.pdf")));
            n += 1;
        }
        write_file(&dest, &render_letters(fonts, &[letter_doc(&office, l, ctx.today())])?)?;
        written.push(dest);
    }
    Ok(written)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// Signed, live letters of a year, in number order (`jiandu letters pdf --year`).
pub fn signed_letters_of_year(db: &Db, year: i32) -> Result<Vec<Letter>> {
    st::signed_of_year(db.conn(), year)
}

pub fn letter_by_number(db: &Db, number: &str) -> Result<Letter> {
    st::letter_by_number(db.conn(), number.trim())?.ok_or_else(|| Error::not_found(&format!("文号为“{}”的函件", number.trim())))
}
