//! The placeholders a template uses ({收件人}, {单位} …) and what the records fill them with.


use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};

use crate::clock::Ctx;
use crate::error::Result;
use crate::letters::{self as text, chinese_date};
use crate::model::letters::*;
use crate::model::validate::{self as v, parse_date};
use crate::model::Office;
use crate::service::common::*;
use crate::store::talks as st_talks;
use crate::store::Db;
use super::templates::*;

// ---------------------------------------------------------------- fields

/// A recipient as the records know them today.
#[derive(Debug, Clone, Default)]
pub(super) struct Recipient {
    pub(super) unit_id: Option<String>,
    pub(super) person_id: Option<String>,
    pub(super) unit_name: String,
    pub(super) unit_short: String,
    pub(super) person_name: String,
    pub(super) title: String,
}

impl Recipient {
    /// 主送 as printed: "县水利局党组书记、局长李明同志", or the unit's name.
    pub(super) fn addressee(&self) -> String {
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
    pub(super) fn label(&self) -> String {
        let unit = if self.unit_short.is_empty() { &self.unit_name } else { &self.unit_short };
        let parts: Vec<&str> = [unit.as_str(), self.title.as_str(), self.person_name.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
        parts.join(" ")
    }
}

/// Checks the recipient's unit and person (live) and finds the person's title in the unit today;
/// a person given without a unit is taken in their current post (the 一把手 one first).
pub(super) fn resolve_recipient(conn: &Connection, ctx: &Ctx, unit_id: &Option<String>, person_id: &Option<String>) -> Result<Recipient> {
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
pub(super) fn problems_of(conn: &Connection, r: &Recipient) -> Result<Vec<String>> {
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

pub(super) fn reply_text(due_date: Option<NaiveDate>, workdays: Option<i64>) -> String {
    match (due_date, workdays) {
        (Some(d), _) => format!("{}前", chinese_date(d)),
        (None, Some(n)) => format!("收到本函之日起{n}个工作日内"),
        (None, None) => String::new(),
    }
}

pub(super) fn default_contact(office: &Office) -> String {
    let person = office.contact_person.trim();
    let phone = office.contact_phone.trim();
    match (person.is_empty(), phone.is_empty()) {
        (false, false) => format!("联系人：{person}，联系电话：{phone}"),
        (false, true) => format!("联系人：{person}"),
        (true, false) => format!("联系电话：{phone}"),
        (true, true) => String::new(),
    }
}

pub(super) fn field_values(conn: &Connection, ctx: &Ctx, office: &Office, r: &Recipient, reply: String) -> Result<Vec<FieldValue>> {
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

pub(super) fn pairs(values: &[FieldValue]) -> Vec<(String, String)> {
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
pub(super) fn fill_base_in(conn: &Connection, ctx: &Ctx, base: &LetterInput, unit_id: &Option<String>, person_id: &Option<String>) -> Result<LetterInput> {
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
