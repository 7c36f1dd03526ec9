//! After signing: delivery, the reply, 销号, void and restore, and 催办 letters.


use rusqlite::Transaction;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::letters::chinese_date;
use crate::model::items::*;
use crate::model::letters::*;
use crate::model::validate::{self as v, format_date, parse_date};
use crate::service::common::*;
use crate::store::letters as st;
use crate::store::talks as st_talks;
use crate::store::{audit, Db};
use super::drafts::*;
use super::fields::*;
use super::reading::{letter_detail, letter_or_not_found, live_letter};


/// The reply window a 催办 letter asks for.
const FOLLOW_UP_WORKDAYS: i64 = 5;

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
        if item.meta.voided_at.is_some() || item.status != ItemStatus::Open {
            continue;
        }
        let mut moved = RectificationItem { origin_date: format_date(d), meta: touched(&item.meta, ctx), ..item.clone() };
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
