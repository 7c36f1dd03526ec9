//! Rectification items (整改事项) from any origin — talk, letter, finding, assessment: deadlines
//! in 工作日, progress notes, 销号, void and restore. An item change moves its talk's state along.

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::items::*;
use crate::model::talks::*;
use crate::model::validate::{self as v, format_date, parse_date};
use crate::store::talks::{self as st, Table};
use crate::store::{audit, Db};
use crate::service::common::*;



/// What an item's origin date is called in messages.
fn origin_date_label(kind: OriginKind) -> &'static str {
    match kind {
        OriginKind::Talk => "谈话日期",
        OriginKind::Letter => "函件送达（签发）日期",
        OriginKind::Finding => "发现日期",
        OriginKind::Assessment => "起算日期",
    }
}

fn item_or_not_found(conn: &Connection, id: &str) -> Result<RectificationItem> {
    Ok(st::item_get(conn, id)?.ok_or_else(|| Error::not_found("整改事项"))?.0)
}

/// Moves a held talk to where its items put it: open items → 整改中; all closed → 已销号; none
/// live → 已谈话. A planned or voided talk stays as it is.
pub fn refresh_talk_state(tx: &Transaction, ctx: &Ctx, talk_id: &str) -> Result<TalkState> {
    let talk = st::talk_get(tx, talk_id)?.ok_or_else(|| Error::not_found("谈话"))?;
    if talk.state == TalkState::Planned || talk.meta.voided_at.is_some() {
        return Ok(talk.state);
    }
    let (open, closed) = st::item_tally(tx, OriginKind::Talk, talk_id)?;
    let state = if open > 0 {
        TalkState::Rectifying
    } else if closed > 0 {
        TalkState::Closed
    } else {
        TalkState::Held
    };
    if state != talk.state {
        st::talk_set_state(tx, talk_id, state, &ctx.timestamp(), &ctx.actor)?;
        audit(tx, ctx, "state", "talk", talk_id, Some(&talk.state.label()), Some(&state.label()))?;
    }
    Ok(state)
}

pub(crate) fn item_view(item: RectificationItem, responsible: String, today: NaiveDate) -> ItemView {
    let due = parse_date(&item.due_date);
    let open = item.status == ItemStatus::Open && item.meta.voided_at.is_none();
    let days_left = due.filter(|_| open).map(|d| (d - today).num_days());
    ItemView { overdue: days_left.is_some_and(|d| d < 0), days_left, responsible, item }
}

// ---------------------------------------------------------------- rectification items

/// Adds an item (no id) or edits an open one. The origin must be a held, live talk or a signed, live letter.
pub fn save_item(db: &mut Db, ctx: &Ctx, input: ItemInput) -> Result<ItemView> {
    let item = in_tx(db, |tx| save_item_in(tx, ctx, input))?;
    item_detail(db, ctx, &item.id).map(|d| d.view)
}

pub fn add_progress(db: &mut Db, ctx: &Ctx, item_id: &str, date: &str, note: &str) -> Result<ItemProgress> {
    in_tx(db, |tx| add_progress_in(tx, ctx, item_id, date, note))
}

/// 销号: closes an open item on `date` with its evidence; closing a talk's last open item closes the talk.
pub fn close_item(db: &mut Db, ctx: &Ctx, item_id: &str, date: &str, evidence: &str) -> Result<ItemView> {
    let item = in_tx(db, |tx| close_item_in(tx, ctx, item_id, date, evidence))?;
    item_detail(db, ctx, &item.id).map(|d| d.view)
}

pub fn void_item(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<RectificationItem> {
    in_tx(db, |tx| void_item_in(tx, ctx, id, why))
}

pub fn restore_item(db: &mut Db, ctx: &Ctx, id: &str) -> Result<RectificationItem> {
    in_tx(db, |tx| restore_item_in(tx, ctx, id))
}

pub fn save_item_in(tx: &Transaction, ctx: &Ctx, input: ItemInput) -> Result<RectificationItem> {
    // The origin: a held, live talk, or a signed, live, not yet closed letter. Its date is where
    // 工作日 deadlines count from (a letter's delivery date once known, else its signing date).
    let (origin_id, origin_date, origin_label) = match input.origin_kind {
        OriginKind::Talk => {
            let talk = st::talk_get(tx, input.origin_id.trim())?.ok_or_else(|| Error::not_found("谈话"))?;
            if talk.meta.voided_at.is_some() {
                return Err(Error::Conflict("该谈话已作废，不能添加或修改整改事项".into()));
            }
            if talk.state == TalkState::Planned {
                return Err(Error::Conflict("谈话尚未开展（计划中），请先登记谈话情况，再添加整改事项".into()));
            }
            (talk.id, talk.date, "谈话日期")
        }
        OriginKind::Letter => {
            let letter = crate::store::letters::letter_get(tx, input.origin_id.trim())?.ok_or_else(|| Error::not_found("函件"))?;
            if letter.meta.voided_at.is_some() {
                return Err(Error::Conflict("该函件已作废，不能添加或修改整改事项".into()));
            }
            let date = match (&letter.delivered_date, &letter.signed_date) {
                (Some(d), _) => (d.clone(), "函件送达日期"),
                (None, Some(d)) => (d.clone(), "函件签发日期"),
                (None, None) => return Err(Error::Conflict("函件尚未签发，签发后才能添加整改事项".into())),
            };
            if letter.state == crate::model::letters::LetterState::Closed {
                return Err(Error::Conflict("该函件已销号，不能再添加或修改整改事项".into()));
            }
            (letter.id, date.0, date.1)
        }
        // ---- findings: a live finding's items count from its found date.
        OriginKind::Finding => {
            let finding = crate::store::findings::get(tx, input.origin_id.trim())?.ok_or_else(|| Error::not_found("监督发现问题"))?;
            if finding.meta.voided_at.is_some() {
                return Err(Error::Conflict("该监督发现问题已作废，不能添加或修改整改事项".into()));
            }
            (finding.id, finding.found_date, "发现日期")
        }
        // ---- end findings
        OriginKind::Assessment => {
            return Err(Error::invalid("origin_kind", "目前只能从谈话、函件或监督发现问题添加整改事项"));
        }
    };
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = item_or_not_found(tx, &id)?;
            if old.origin_kind != input.origin_kind || old.origin_id != origin_id {
                return Err(Error::invalid("origin_id", "整改事项的来源不能更改"));
            }
            if old.meta.voided_at.is_some() {
                return Err(Error::Conflict("该整改事项已作废，不能修改；如需修改请先恢复".into()));
            }
            if old.status == ItemStatus::Closed {
                return Err(Error::Conflict("该整改事项已销号，不能修改".into()));
            }
            Some(old)
        }
        None => None,
    };
    let problem = v::text("problem", "整改问题", &input.problem)?;
    if problem.is_empty() {
        return Err(Error::invalid("problem", "整改问题不能为空"));
    }
    let measure = v::text("measure", "整改措施", &input.measure)?;
    let responsible_person_id = some_id(&input.responsible_person_id);
    if let Some(p) = &responsible_person_id {
        live_person(tx, "responsible_person_id", "责任人", p)?;
    }
    let responsible_unit_id = some_id(&input.responsible_unit_id);
    if let Some(u) = &responsible_unit_id {
        live_unit(tx, "responsible_unit_id", "责任单位", u)?;
    }
    let talk_date = parse_date(&origin_date).ok_or_else(|| Error::Database(format!("{origin_label}“{origin_date}”无效")))?;
    let given = input.due_date.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let (due_date, due_workdays, due_estimated) = match (given, input.due_workdays) {
        (Some(_), Some(_)) | (None, None) => {
            return Err(Error::invalid("due_date", "整改期限请填写截止日期或工作日数，二者选一"));
        }
        (Some(raw), None) => {
            let d = required_date("due_date", "整改期限", raw)?;
            if d < talk_date {
                return Err(Error::invalid(
                    "due_date",
                    format!("整改期限（{}）不能早于{origin_label}（{origin_date}）", format_date(d)),
                ));
            }
            (d, None, false)
        }
        (None, Some(n)) => {
            let due = calendar(tx)?.add_workdays(talk_date, check_workdays(n)?);
            (due.date, Some(n), due.estimated)
        }
    };
    let item = RectificationItem {
        id: existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string()),
        origin_kind: input.origin_kind,
        origin_id: origin_id.clone(),
        origin_date: origin_date.clone(),
        problem,
        measure,
        responsible_person_id,
        responsible_unit_id,
        due_workdays,
        due_date: format_date(due_date),
        due_estimated,
        status: ItemStatus::Open,
        closed_date: None,
        evidence: existing.as_ref().map(|o| o.evidence.clone()).unwrap_or_default(),
        meta: existing.as_ref().map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match existing {
        Some(old) => {
            st::item_update(tx, &item)?;
            audit(tx, ctx, "update", "rectification_item", &item.id, Some(&old), Some(&item))?;
        }
        None => {
            st::item_insert(tx, &item)?;
            audit(tx, ctx, "create", "rectification_item", &item.id, None, Some(&item))?;
        }
    }
    if item.origin_kind == OriginKind::Talk {
        refresh_talk_state(tx, ctx, &origin_id)?;
    }
    Ok(item)
}

pub fn add_progress_in(tx: &Transaction, ctx: &Ctx, item_id: &str, date: &str, note: &str) -> Result<ItemProgress> {
    let item = item_or_not_found(tx, item_id)?;
    if item.meta.voided_at.is_some() {
        return Err(Error::Conflict("该整改事项已作废，不能添加进展".into()));
    }
    if item.status == ItemStatus::Closed {
        return Err(Error::Conflict("该整改事项已销号，不能再添加进展".into()));
    }
    let d = required_date("date", "进展日期", date)?;
    not_after_today("date", "进展日期", d, ctx)?;
    v::not_before("date", "进展日期", Some(d), origin_date_label(item.origin_kind), parse_date(&item.origin_date))?;
    let note = v::text("note", "进展情况", note)?;
    if note.is_empty() {
        return Err(Error::invalid("note", "进展情况不能为空"));
    }
    let p = ItemProgress {
        id: Uuid::new_v4().to_string(),
        item_id: item.id.clone(),
        date: format_date(d),
        note,
        created_at: ctx.timestamp(),
        created_by: ctx.actor.clone(),
    };
    st::progress_insert(tx, &p)?;
    audit(tx, ctx, "create", "item_progress", &p.id, None, Some(&p))?;
    Ok(p)
}

pub fn close_item_in(tx: &Transaction, ctx: &Ctx, item_id: &str, date: &str, evidence: &str) -> Result<RectificationItem> {
    let old = item_or_not_found(tx, item_id)?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该整改事项已作废，不能销号".into()));
    }
    if old.status == ItemStatus::Closed {
        return Err(Error::Conflict(format!("该整改事项已于{}销号", old.closed_date.as_deref().unwrap_or(""))));
    }
    let d = required_date("closed_date", "销号日期", date)?;
    not_after_today("closed_date", "销号日期", d, ctx)?;
    v::not_before("closed_date", "销号日期", Some(d), origin_date_label(old.origin_kind), parse_date(&old.origin_date))?;
    let evidence = v::text("evidence", "整改佐证材料", evidence)?;
    if evidence.is_empty() {
        return Err(Error::invalid("evidence", "整改佐证材料不能为空，请说明整改结果和佐证材料"));
    }
    let new = RectificationItem { status: ItemStatus::Closed, closed_date: Some(format_date(d)), evidence, meta: touched(&old.meta, ctx), ..old.clone() };
    st::item_update(tx, &new)?;
    audit(tx, ctx, "close", "rectification_item", item_id, Some(&old), Some(&new))?;
    if new.origin_kind == OriginKind::Talk {
        refresh_talk_state(tx, ctx, &new.origin_id)?;
    }
    Ok(new)
}

pub fn void_item_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<RectificationItem> {
    let why = reason(why)?;
    let old = item_or_not_found(tx, id)?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该整改事项已作废".into()));
    }
    st::void(tx, Table::Item, id, &ctx.timestamp(), &ctx.actor, &why)?;
    let new = item_or_not_found(tx, id)?;
    audit(tx, ctx, "void", "rectification_item", id, Some(&old), Some(&new))?;
    if new.origin_kind == OriginKind::Talk {
        refresh_talk_state(tx, ctx, &new.origin_id)?;
    }
    Ok(new)
}

pub fn restore_item_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<RectificationItem> {
    let old = item_or_not_found(tx, id)?;
    if old.meta.voided_at.is_none() {
        return Err(Error::Conflict("该整改事项未作废，无需恢复".into()));
    }
    if old.origin_kind == OriginKind::Talk && st::talk_get(tx, &old.origin_id)?.ok_or_else(|| Error::not_found("谈话"))?.meta.voided_at.is_some() {
        return Err(Error::Conflict("该整改事项所属的谈话已作废，请先恢复谈话".into()));
    }
    if old.origin_kind == OriginKind::Letter
        && crate::store::letters::letter_get(tx, &old.origin_id)?.is_some_and(|l| l.meta.voided_at.is_some())
    {
        return Err(Error::Conflict("该整改事项所属的函件已作废，请先恢复函件".into()));
    }
    // ---- findings
    if old.origin_kind == OriginKind::Finding
        && crate::store::findings::get(tx, &old.origin_id)?.is_some_and(|f| f.meta.voided_at.is_some())
    {
        return Err(Error::Conflict("该整改事项所属的监督发现问题已作废，请先恢复该问题".into()));
    }
    // ---- end findings
    st::restore(tx, Table::Item, id, &ctx.timestamp(), &ctx.actor)?;
    let new = item_or_not_found(tx, id)?;
    audit(tx, ctx, "restore", "rectification_item", id, Some(&old), Some(&new))?;
    if new.origin_kind == OriginKind::Talk {
        refresh_talk_state(tx, ctx, &new.origin_id)?;
    }
    Ok(new)
}

// ---- findings
/// An origin's date moved (a finding's found date): its items count from the new date; a fixed
/// deadline may not fall before it (refused on `field`, the origin form's date field).
pub(crate) fn move_origin_dates(tx: &Transaction, ctx: &Ctx, kind: OriginKind, origin_id: &str, date: NaiveDate, field: &str, label: &str) -> Result<()> {
    let items = st::items_of_origin(tx, kind, origin_id)?;
    if items.is_empty() {
        return Ok(());
    }
    let cal = calendar(tx)?;
    for (old, _) in items {
        let mut new = RectificationItem { origin_date: format_date(date), meta: touched(&old.meta, ctx), ..old.clone() };
        if let Some(n) = old.due_workdays {
            let due = cal.add_workdays(date, n.clamp(0, MAX_WORKDAYS) as u32);
            new.due_date = format_date(due.date);
            new.due_estimated = due.estimated;
        } else if old.meta.voided_at.is_none() && parse_date(&old.due_date).is_some_and(|d| d < date) {
            return Err(Error::invalid(
                field,
                format!("{label}（{}）不能晚于整改事项“{}”的期限（{}）", format_date(date), old.problem, old.due_date),
            ));
        }
        st::item_update(tx, &new)?;
        audit(tx, ctx, "update", "rectification_item", &old.id, Some(&old), Some(&new))?;
    }
    Ok(())
}
// ---- end findings

pub fn item_detail(db: &Db, ctx: &Ctx, id: &str) -> Result<ItemDetail> {
    let (item, responsible) = st::item_get(db.conn(), id)?.ok_or_else(|| Error::not_found("整改事项"))?;
    Ok(ItemDetail { progress: st::progress_of(db.conn(), id)?, view: item_view(item, responsible, ctx.today()) })
}

// ---- items list (整改事项 page)

/// The 整改事项 page's list (and its 导出 Excel): the filter's items, newest origin first.
pub fn list_items(db: &Db, ctx: &Ctx, filter: &ItemFilter) -> Result<Vec<ItemListRow>> {
    let (extra, overdue) = crate::store::report::items_drill(filter.scope.as_ref(), filter.unit_id.as_deref(), &ctx.today_str())?;
    st::item_list(db.conn(), filter, &extra, &overdue)
}
// ---- end items list
