//! What a clerk does with 问题线索 (clues): record one, dispose of it (谈话函询, 初步核实, 暂存待查,
//! 予以了结), void and restore it, and list them. A clue disposed of by 谈话函询 is named by at most
//! one live talk (`Talk::clue_id`, checked by `check_talk_link` when the talk is saved). Each write
//! is one transaction with its audit row, or writes nothing.

use chrono::Datelike;
use rusqlite::{Connection, Transaction};
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::clues::*;
use crate::model::talks::{ClueLink, TalkKind};
use crate::model::validate::{self as v, format_date};
use crate::service::common::*;
use crate::store::{audit, clues as st, Db};

pub fn options(db: &Db) -> Result<ClueOptions> {
    Ok(ClueOptions {
        source_suggestions: SOURCE_SUGGESTIONS.iter().map(|s| s.to_string()).collect(),
        disposals: ClueDisposal::ALL.to_vec(),
        years: st::years(db.conn())?,
        talk_source: TALK_SOURCE.to_string(),
    })
}

fn clue_or_not_found(conn: &Connection, id: &str) -> Result<Clue> {
    st::get(conn, id)?.ok_or_else(|| Error::not_found("问题线索"))
}

pub fn save_clue(db: &mut Db, ctx: &Ctx, input: ClueInput) -> Result<ClueRow> {
    let c = in_tx(db, |tx| save_clue_in(tx, ctx, input))?;
    clue_row(db, &c.id)
}

pub fn void_clue(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<ClueRow> {
    in_tx(db, |tx| void_clue_in(tx, ctx, id, why))?;
    clue_row(db, id)
}

pub fn restore_clue(db: &mut Db, ctx: &Ctx, id: &str) -> Result<ClueRow> {
    in_tx(db, |tx| restore_clue_in(tx, ctx, id))?;
    clue_row(db, id)
}

pub fn list_clues(db: &Db, filter: &ClueFilter) -> Result<Vec<ClueRow>> {
    st::rows(db.conn(), filter)
}

/// A person's clues (live first, then voided), for the person page and the 廉政档案.
pub fn of_person(conn: &Connection, person_id: &str) -> Result<Vec<ClueRow>> {
    st::of_person(conn, person_id)
}

pub fn clue_row(db: &Db, id: &str) -> Result<ClueRow> {
    st::row_of(db.conn(), id)?.ok_or_else(|| Error::not_found("问题线索"))
}

/// The clue a talk names, for the talk page.
pub fn clue_link(conn: &Connection, id: &str) -> Result<Option<ClueLink>> {
    st::link(conn, id)
}

/// (live clues, of which not yet disposed of) for `jiandu check`.
pub fn clue_counts(conn: &Connection) -> Result<(i64, i64)> {
    st::counts(conn)
}

/// A talk naming clue `clue_id` (field `clue_id` of the talk form): the talk is a 谈话函询, the
/// clue is live (unless the talk already named it), disposed of by 谈话函询, and no other live
/// talk names it.
pub(crate) fn check_talk_link(conn: &Connection, clue_id: &str, talk_id: Option<&str>, kind: TalkKind, already_linked: bool) -> Result<()> {
    if kind != TalkKind::Inquiry {
        return Err(Error::invalid("clue_id", format!("关联问题线索的谈话应为谈话函询，现为{}", kind.label())));
    }
    let clue = match st::get(conn, clue_id)? {
        None => return Err(Error::invalid("clue_id", "关联的问题线索不存在")),
        Some(c) => c,
    };
    if already_linked {
        return Ok(());
    }
    if clue.meta.voided_at.is_some() {
        return Err(Error::invalid("clue_id", format!("关联的问题线索（{}受理）已作废，不能关联", clue.received_date)));
    }
    if clue.disposal != Some(ClueDisposal::TalkInquiry) {
        return Err(Error::invalid("clue_id", "该问题线索的处置方式不是谈话函询，请先在问题线索中选择“谈话函询”"));
    }
    if let Some((_, date)) = st::live_talk(conn, clue_id, talk_id.unwrap_or(""))? {
        return Err(Error::invalid("clue_id", format!("该问题线索已登记谈话函询（{date}），一条线索只能关联一次谈话函询")));
    }
    Ok(())
}

/// A voided talk comes back only if no other live talk took its clue meanwhile.
pub(crate) fn check_talk_restore(conn: &Connection, clue_id: &str, talk_id: &str) -> Result<()> {
    if let Some((_, date)) = st::live_talk(conn, clue_id, talk_id)? {
        return Err(Error::Conflict(format!("该谈话关联的问题线索已另行登记谈话函询（{date}），不能恢复")));
    }
    Ok(())
}

pub fn save_clue_in(tx: &Transaction, ctx: &Ctx, input: ClueInput) -> Result<Clue> {
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = clue_or_not_found(tx, &id)?;
            refuse_if_voided(&old.meta, "问题线索")?;
            Some(old)
        }
        None => None,
    };
    let source = v::required("source", "线索来源", &input.source)?;
    let received = required_date("received_date", "受理日期", &input.received_date)?;
    not_after_today("received_date", "受理日期", received, ctx)?;
    let person_id = some_id(&input.person_id);
    let unit_id = some_id(&input.unit_id);
    if person_id.is_none() && unit_id.is_none() {
        return Err(Error::invalid("person_id", "请选择被反映的干部或单位（至少一项）"));
    }
    if let Some(p) = &person_id {
        if existing.as_ref().and_then(|o| o.person_id.as_deref()) != Some(p.as_str()) {
            live_person(tx, "person_id", "被反映人", p)?;
        }
    }
    if let Some(u) = &unit_id {
        if existing.as_ref().and_then(|o| o.unit_id.as_deref()) != Some(u.as_str()) {
            live_unit(tx, "unit_id", "被反映单位", u)?;
        }
    }
    let summary = v::text("summary", "反映的主要问题", &input.summary)?;
    if summary.is_empty() {
        return Err(Error::invalid("summary", "反映的主要问题不能为空"));
    }
    let disposal_date = v::date("disposal_date", "处置日期", &input.disposal_date)?;
    let disposal_date = match (input.disposal, disposal_date) {
        (None, Some(_)) => return Err(Error::invalid("disposal", "已填写处置日期，请选择处置方式")),
        (Some(_), None) => return Err(Error::invalid("disposal_date", "处置日期不能为空")),
        (None, None) => None,
        (Some(_), Some(d)) => {
            not_after_today("disposal_date", "处置日期", d, ctx)?;
            v::not_before("disposal_date", "处置日期", Some(d), "受理日期", Some(received))?;
            Some(format_date(d))
        }
    };
    let result = v::text("result", "处置结果", &input.result)?;
    if let Some(old) = &existing {
        if input.disposal != Some(ClueDisposal::TalkInquiry) {
            if let Some((_, date)) = st::live_talk(tx, &old.id, "")? {
                return Err(Error::invalid(
                    "disposal",
                    format!("该线索已登记谈话函询（{date}），处置方式不能改为其他；如需更改请先作废该谈话"),
                ));
            }
        }
    }
    let c = Clue {
        id: existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string()),
        source,
        received_date: format_date(received),
        person_id,
        unit_id,
        summary,
        disposal: input.disposal,
        disposal_date,
        result,
        meta: existing.as_ref().map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match existing {
        Some(old) => {
            st::update(tx, &c)?;
            audit(tx, ctx, "update", "clue", &c.id, Some(&old), Some(&c))?;
        }
        None => {
            st::insert(tx, &c)?;
            audit(tx, ctx, "create", "clue", &c.id, None, Some(&c))?;
        }
    }
    Ok(c)
}

pub fn void_clue_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<Clue> {
    let why = reason(why)?;
    let old = clue_or_not_found(tx, id)?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该问题线索已作废".into()));
    }
    if let Some((_, date)) = st::live_talk(tx, id, "")? {
        return Err(Error::Conflict(format!("该线索已登记谈话函询（{date}），请先作废该谈话再作废线索")));
    }
    st::void(tx, id, &ctx.timestamp(), &ctx.actor, Some(&why))?;
    let new = clue_or_not_found(tx, id)?;
    audit(tx, ctx, "void", "clue", id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn restore_clue_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<Clue> {
    let old = clue_or_not_found(tx, id)?;
    if old.meta.voided_at.is_none() {
        return Err(Error::Conflict("该问题线索未作废，无需恢复".into()));
    }
    st::void(tx, id, &ctx.timestamp(), &ctx.actor, None)?;
    let new = clue_or_not_found(tx, id)?;
    audit(tx, ctx, "restore", "clue", id, Some(&old), Some(&new))?;
    Ok(new)
}

/// The current year, for the list's default filter.
pub fn this_year(ctx: &Ctx) -> i32 {
    ctx.today().year()
}
