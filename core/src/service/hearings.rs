//! What a clerk does with 听取汇报 (hearings): record or correct one, void and restore it, list
//! them by year and unit, and a unit's or a reporter's. Each write is one transaction with its
//! audit row, or writes nothing.

use rusqlite::{Connection, Transaction};
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::hearings::*;
use crate::model::validate::{self as v, format_date};
use crate::service::common::*;
use crate::store::{audit, hearings as st, Db};

const WHAT: &str = "听取汇报记录";

pub fn options(conn: &Connection) -> Result<HearingOptions> {
    Ok(HearingOptions { kinds: KINDS.iter().map(|k| k.to_string()).collect(), years: st::years(conn)? })
}

pub fn list(conn: &Connection, filter: &HearingFilter) -> Result<Vec<HearingRow>> {
    st::rows(conn, filter)
}

/// Hearings of a unit, newest first, voided ones last.
pub fn of_unit(conn: &Connection, unit_id: &str) -> Result<Vec<HearingRow>> {
    st::of_unit(conn, unit_id)
}

/// Hearings a person gave (as the reporter from the roster), newest first, voided ones last.
pub fn of_person(conn: &Connection, person_id: &str) -> Result<Vec<HearingRow>> {
    st::of_person(conn, person_id)
}

pub fn save_hearing(db: &mut Db, ctx: &Ctx, input: HearingInput) -> Result<HearingRow> {
    let id = in_tx(db, |tx| save_hearing_in(tx, ctx, input).map(|h| h.id))?;
    row(db.conn(), &id)
}

pub fn void_hearing(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<HearingRow> {
    in_tx(db, |tx| {
        let why = reason(why)?;
        let old = get_or_not_found(tx, id)?;
        if old.meta.voided_at.is_some() {
            return Err(Error::Conflict(format!("该{WHAT}已作废")));
        }
        st::set_voided(tx, id, &ctx.timestamp(), &ctx.actor, Some(&why))?;
        let new = get_or_not_found(tx, id)?;
        audit(tx, ctx, "void", "hearing", id, Some(&old), Some(&new))
    })?;
    row(db.conn(), id)
}

pub fn restore_hearing(db: &mut Db, ctx: &Ctx, id: &str) -> Result<HearingRow> {
    in_tx(db, |tx| {
        let old = get_or_not_found(tx, id)?;
        if old.meta.voided_at.is_none() {
            return Err(Error::Conflict(format!("该{WHAT}未作废，无需恢复")));
        }
        st::set_voided(tx, id, &ctx.timestamp(), &ctx.actor, None)?;
        let new = get_or_not_found(tx, id)?;
        audit(tx, ctx, "restore", "hearing", id, Some(&old), Some(&new))
    })?;
    row(db.conn(), id)
}

/// Live hearings, for `jiandu check`.
pub fn hearing_count(conn: &Connection) -> Result<i64> {
    st::count(conn)
}

fn get_or_not_found(conn: &Connection, id: &str) -> Result<Hearing> {
    st::get(conn, id)?.ok_or_else(|| Error::not_found(WHAT))
}

fn row(conn: &Connection, id: &str) -> Result<HearingRow> {
    st::row_of(conn, id)?.ok_or_else(|| Error::not_found(WHAT))
}

pub fn save_hearing_in(tx: &Transaction, ctx: &Ctx, input: HearingInput) -> Result<Hearing> {
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = get_or_not_found(tx, &id)?;
            refuse_if_voided(&old.meta, WHAT)?;
            Some(old)
        }
        None => None,
    };
    let date = required_date("date", "汇报日期", &input.date)?;
    not_after_today("date", "汇报日期", date, ctx)?;
    let kind = v::required("kind", "汇报类型", &input.kind)?;
    if !KINDS.contains(&kind.as_str()) {
        return Err(Error::invalid("kind", format!("汇报类型“{kind}”不在规定的类型中，应为：{}", KINDS.join("、"))));
    }
    // A unit or reporter already on the record stays valid after being voided; a new choice must be live.
    let unit_id = some_id(&input.unit_id);
    if let Some(u) = &unit_id {
        if existing.as_ref().is_none_or(|o| o.unit_id.as_ref() != Some(u)) {
            live_unit(tx, "unit_id", "汇报单位", u)?;
        }
    }
    let reporter_person_id = some_id(&input.reporter_person_id);
    if let Some(p) = &reporter_person_id {
        if existing.as_ref().is_none_or(|o| o.reporter_person_id.as_ref() != Some(p)) {
            live_person(tx, "reporter_person_id", "汇报人", p)?;
        }
    }
    let reporter_name = v::line("reporter_name", "汇报人（名册外）", &input.reporter_name)?;
    if unit_id.is_none() && reporter_person_id.is_none() && reporter_name.is_empty() {
        return Err(Error::invalid("unit_id", "汇报单位和汇报人至少填写一项"));
    }
    let key_points = v::text("key_points", "汇报要点", &input.key_points)?;
    let follow_ups = v::text("follow_ups", "工作要求及跟进", &input.follow_ups)?;
    let saved = Hearing {
        id: existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string()),
        date: format_date(date),
        kind,
        unit_id,
        reporter_person_id,
        reporter_name,
        key_points,
        follow_ups,
        meta: existing.as_ref().map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match &existing {
        Some(old) => {
            st::update(tx, &saved)?;
            audit(tx, ctx, "update", "hearing", &saved.id, Some(old), Some(&saved))?;
        }
        None => {
            st::insert(tx, &saved)?;
            audit(tx, ctx, "create", "hearing", &saved.id, None, Some(&saved))?;
        }
    }
    Ok(saved)
}
