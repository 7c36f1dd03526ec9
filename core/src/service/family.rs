//! What a clerk does with 家庭重大变动 (family changes): record or correct one, void and restore
//! it, and list a person's. Each write is one transaction with its audit row, or writes nothing.

use rusqlite::{Connection, Transaction};
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::family::*;
use crate::model::validate::{self as v, format_date};
use crate::service::common::*;
use crate::store::{audit, family as st, Db};

const WHAT: &str = "家庭重大变动";

pub fn options() -> FamilyChangeOptions {
    FamilyChangeOptions::build()
}

/// A person's family changes, newest event first, voided ones last; the person file reads these.
pub fn of_person(conn: &Connection, person_id: &str) -> Result<Vec<FamilyChangeView>> {
    st::of_person(conn, person_id)
}

pub fn save_family_change(db: &mut Db, ctx: &Ctx, input: FamilyChangeInput) -> Result<FamilyChangeView> {
    let id = in_tx(db, |tx| save_family_change_in(tx, ctx, input).map(|c| c.id))?;
    view(db.conn(), &id)
}

pub fn void_family_change(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<FamilyChangeView> {
    in_tx(db, |tx| void_family_change_in(tx, ctx, id, why))?;
    view(db.conn(), id)
}

pub fn restore_family_change(db: &mut Db, ctx: &Ctx, id: &str) -> Result<FamilyChangeView> {
    in_tx(db, |tx| restore_family_change_in(tx, ctx, id))?;
    view(db.conn(), id)
}

/// (live family changes, of which reported late), for `jiandu check`.
pub fn family_change_counts(conn: &Connection) -> Result<(i64, i64)> {
    st::counts(conn)
}

fn get_or_not_found(conn: &Connection, id: &str) -> Result<FamilyChange> {
    st::get(conn, id)?.ok_or_else(|| Error::not_found(WHAT))
}

fn view(conn: &Connection, id: &str) -> Result<FamilyChangeView> {
    let c = get_or_not_found(conn, id)?;
    st::of_person(conn, &c.person_id)?.into_iter().find(|x| x.change.id == id).ok_or_else(|| Error::not_found(WHAT))
}

/// The kind, checked against the fixed list.
fn check_kind(raw: &str) -> Result<String> {
    let kind = v::required("kind", "变动类型", raw)?;
    if !KINDS.contains(&kind.as_str()) {
        return Err(Error::invalid("kind", format!("变动类型“{kind}”不在规定的类型中，应为：{}", KINDS.join("、"))));
    }
    Ok(kind)
}

pub fn save_family_change_in(tx: &Transaction, ctx: &Ctx, input: FamilyChangeInput) -> Result<FamilyChange> {
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = get_or_not_found(tx, &id)?;
            refuse_if_voided(&old.meta, WHAT)?;
            Some(old)
        }
        None => None,
    };
    let person_id = input.person_id.trim().to_string();
    if person_id.is_empty() {
        return Err(Error::invalid("person_id", "报告人不能为空，请从干部名册中选择"));
    }
    // A change already on file stays with its person even if that person was voided since.
    if existing.as_ref().is_none_or(|o| o.person_id != person_id) {
        live_person(tx, "person_id", "报告人", &person_id)?;
    }
    let kind = check_kind(&input.kind)?;
    let event = required_date("event_date", "事项发生日期", &input.event_date)?;
    not_after_today("event_date", "事项发生日期", event, ctx)?;
    let reported = required_date("reported_date", "报告日期", &input.reported_date)?;
    not_after_today("reported_date", "报告日期", reported, ctx)?;
    v::not_before("reported_date", "报告日期", Some(reported), "事项发生日期", Some(event))?;
    let description = v::text("description", "变动情况", &input.description)?;
    let saved = FamilyChange {
        id: existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string()),
        person_id,
        kind,
        event_date: format_date(event),
        reported_date: format_date(reported),
        description,
        meta: existing.as_ref().map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match &existing {
        Some(old) => {
            st::update(tx, &saved)?;
            audit(tx, ctx, "update", "family_change", &saved.id, Some(old), Some(&saved))?;
        }
        None => {
            st::insert(tx, &saved)?;
            audit(tx, ctx, "create", "family_change", &saved.id, None, Some(&saved))?;
        }
    }
    Ok(saved)
}

pub fn void_family_change_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<FamilyChange> {
    let why = reason(why)?;
    let old = get_or_not_found(tx, id)?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict(format!("该{WHAT}记录已作废")));
    }
    st::set_voided(tx, id, &ctx.timestamp(), &ctx.actor, Some(&why))?;
    let new = get_or_not_found(tx, id)?;
    audit(tx, ctx, "void", "family_change", id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn restore_family_change_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<FamilyChange> {
    let old = get_or_not_found(tx, id)?;
    if old.meta.voided_at.is_none() {
        return Err(Error::Conflict(format!("该{WHAT}记录未作废，无需恢复")));
    }
    st::set_voided(tx, id, &ctx.timestamp(), &ctx.actor, None)?;
    let new = get_or_not_found(tx, id)?;
    audit(tx, ctx, "restore", "family_change", id, Some(&old), Some(&new))?;
    Ok(new)
}
