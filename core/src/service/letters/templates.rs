//! Letter templates and the options the letter forms offer.


use chrono::Datelike;
use rusqlite::{Connection, Transaction};
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::letters::{self as text, format_number};
use crate::model::letters::*;
use crate::model::validate::{self as v};
use crate::service::common::*;
use crate::store::letters as st;
use crate::store::{audit, Db};


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

pub(super) fn template_or_not_found(conn: &Connection, id: &str) -> Result<LetterTemplate> {
    st::template_get(conn, id.trim())?.ok_or_else(|| Error::not_found("函件模板"))
}

pub(super) fn check_reply_workdays(field: &str, n: Option<i64>) -> Result<Option<i64>> {
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

pub(super) fn clean_cc(cc: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for (i, c) in cc.iter().enumerate() {
        // A pasted "县委办公室，县委组织部" is two organs, and so is one a line (whatever the line end).
        for part in c.split(['，', ',', '、', '\n', '\r', '\u{2028}', '\u{2029}']) {
            let part = v::line("cc", &v::entry("抄送", i), part)?;
            if !part.is_empty() && !out.contains(&part) {
                out.push(part);
            }
        }
    }
    Ok(out)
}
