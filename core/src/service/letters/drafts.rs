//! Letter drafts: create and edit before signing.


use rusqlite::Transaction;
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::letters::*;
use crate::model::validate::{self as v, format_date};
use crate::service::common::*;
use crate::store::letters as st;
use crate::store::{audit, Db};
use super::reading::{letter_detail, live_letter};
use super::fields::*;
use super::templates::*;

// ---------------------------------------------------------------- drafts

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
    let LetterInput { title, recipient, body, cc, contact, .. } = clean_text(&input)?;
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
        cc,
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

/// A letter form's text checked and cleaned as a draft is saved; a batch's base letter and the
/// preview of an unsaved draft go through it too, so each refuses what saving would.
pub(super) fn clean_text(input: &LetterInput) -> Result<LetterInput> {
    Ok(LetterInput {
        title: v::line("title", "函件标题", &input.title)?,
        recipient: v::line("recipient", "主送", &input.recipient)?,
        body: v::text("body", "正文", &input.body)?,
        cc: clean_cc(&input.cc)?,
        contact: v::line("contact", "附注（联系人及电话）", &input.contact)?,
        ..input.clone()
    })
}
