//! What a clerk does with 警示教育 (warning education): record or correct a session with its
//! units and named people, void and restore it, list them by year and unit, and a unit's. Each
//! write is one transaction with its audit row, or writes nothing.

use rusqlite::{Connection, Transaction};
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::education::*;
use crate::model::validate::{self as v, format_date};
use crate::service::common::*;
use crate::store::{audit, education as st, Db};

const WHAT: &str = "警示教育记录";

pub fn options(conn: &Connection) -> Result<EducationOptions> {
    Ok(EducationOptions { kinds: KINDS.iter().map(|k| k.to_string()).collect(), years: st::years(conn)?, max_participants: MAX_PARTICIPANTS })
}

pub fn list(conn: &Connection, filter: &EducationFilter) -> Result<Vec<EducationRow>> {
    st::rows(conn, filter)
}

/// Sessions a unit took part in, newest first, voided ones last.
pub fn of_unit(conn: &Connection, unit_id: &str) -> Result<Vec<EducationRow>> {
    st::of_unit(conn, unit_id)
}

/// Sessions naming a person, newest first, voided ones last.
pub fn of_person(conn: &Connection, person_id: &str) -> Result<Vec<EducationRow>> {
    st::of_person(conn, person_id)
}

pub fn save_education(db: &mut Db, ctx: &Ctx, input: EducationInput) -> Result<EducationRow> {
    let id = in_tx(db, |tx| save_education_in(tx, ctx, input).map(|e| e.id))?;
    row(db.conn(), &id)
}

pub fn void_education(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<EducationRow> {
    in_tx(db, |tx| {
        let why = reason(why)?;
        let old = get_or_not_found(tx, id)?;
        if old.meta.voided_at.is_some() {
            return Err(Error::Conflict(format!("该{WHAT}已作废")));
        }
        st::set_voided(tx, id, &ctx.timestamp(), &ctx.actor, Some(&why))?;
        let new = get_or_not_found(tx, id)?;
        audit(tx, ctx, "void", "education", id, Some(&old), Some(&new))
    })?;
    row(db.conn(), id)
}

pub fn restore_education(db: &mut Db, ctx: &Ctx, id: &str) -> Result<EducationRow> {
    in_tx(db, |tx| {
        let old = get_or_not_found(tx, id)?;
        if old.meta.voided_at.is_none() {
            return Err(Error::Conflict(format!("该{WHAT}未作废，无需恢复")));
        }
        st::set_voided(tx, id, &ctx.timestamp(), &ctx.actor, None)?;
        let new = get_or_not_found(tx, id)?;
        audit(tx, ctx, "restore", "education", id, Some(&old), Some(&new))
    })?;
    row(db.conn(), id)
}

/// Live sessions, for `jiandu check`.
pub fn education_count(conn: &Connection) -> Result<i64> {
    st::count(conn)
}

fn get_or_not_found(conn: &Connection, id: &str) -> Result<Education> {
    st::get(conn, id)?.ok_or_else(|| Error::not_found(WHAT))
}

fn row(conn: &Connection, id: &str) -> Result<EducationRow> {
    st::row_of(conn, id)?.ok_or_else(|| Error::not_found(WHAT))
}

/// The ids of a list field, trimmed, blanks and repeats dropped, in the order given.
fn ids(raw: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in raw.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == id) {
            out.push(id.to_string());
        }
    }
    out
}

pub fn save_education_in(tx: &Transaction, ctx: &Ctx, input: EducationInput) -> Result<Education> {
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = get_or_not_found(tx, &id)?;
            refuse_if_voided(&old.meta, WHAT)?;
            Some(old)
        }
        None => None,
    };
    let date = required_date("date", "教育日期", &input.date)?;
    not_after_today("date", "教育日期", date, ctx)?;
    let kind = v::required("kind", "教育形式", &input.kind)?;
    if !KINDS.contains(&kind.as_str()) {
        return Err(Error::invalid("kind", format!("教育形式“{kind}”不在规定的形式中，应为：{}", KINDS.join("、"))));
    }
    let title = v::required("title", "教育主题", &input.title)?;
    let material = v::text("material", "教育材料及内容", &input.material)?;
    if !(0..=MAX_PARTICIPANTS).contains(&input.participants) {
        return Err(Error::invalid(
            "participants",
            format!("参加人数应为0至{MAX_PARTICIPANTS}之间的整数，现为{}", input.participants),
        ));
    }
    // A unit or person already on the record stays valid after being voided; a new one must be live.
    let had_unit = |u: &str| existing.as_ref().is_some_and(|o| o.unit_ids.iter().any(|x| x == u));
    let had_person = |p: &str| existing.as_ref().is_some_and(|o| o.person_ids.iter().any(|x| x == p));
    let unit_ids = ids(&input.unit_ids);
    if unit_ids.is_empty() {
        return Err(Error::invalid("unit_ids", "参加单位不能为空，请至少选择一个单位"));
    }
    for u in unit_ids.iter().filter(|u| !had_unit(u)) {
        live_unit(tx, "unit_ids", "参加单位", u)?;
    }
    let person_ids = ids(&input.person_ids);
    for p in person_ids.iter().filter(|p| !had_person(p)) {
        live_person(tx, "person_ids", "参加人员", p)?;
    }
    let id = existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string());
    let draft = Education {
        id: id.clone(),
        date: format_date(date),
        kind,
        title,
        material,
        participants: input.participants,
        unit_ids,
        person_ids,
        meta: existing.as_ref().map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match &existing {
        Some(_) => st::update(tx, &draft)?,
        None => st::insert(tx, &draft)?,
    }
    // Read back, so the audit row shows the lists in the order they are stored and shown.
    let saved = get_or_not_found(tx, &id)?;
    match &existing {
        Some(old) => audit(tx, ctx, "update", "education", &id, Some(old), Some(&saved))?,
        None => audit(tx, ctx, "create", "education", &id, None, Some(&saved))?,
    }
    Ok(saved)
}
