//! What a clerk does with 廉政风险点: record or correct one on a person or a position, void and
//! restore it, and read the registers (the county's, a unit's, a person's). Each write is one
//! transaction with its audit row, or writes nothing.
//!
//! The unit a point belongs to is derived, never typed over: a position's unit; for a point on a
//! person alone, the unit of their current post (`store::current_position`). Only when that says
//! nothing — the person holds no current post, or posts in several units — does the form's unit
//! count (any live unit, or one of those units), so a point on someone between posts still lands
//! in a unit's register.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction};
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::dicts::Dict;
use crate::model::risks::*;
use crate::model::validate::{self as v, format_date};
use crate::service::common::*;
use crate::service::dicts;
use crate::store::risks::{self as st, Scope};
use crate::store::{audit, Db};

pub fn options(conn: &Connection) -> Result<RiskOptions> {
    Ok(RiskOptions::build(dicts::active(conn, Dict::RiskCategories)?))
}

pub fn save_risk_point(db: &mut Db, ctx: &Ctx, input: RiskPointInput) -> Result<RiskPointView> {
    let id = in_tx(db, |tx| save_risk_point_in(tx, ctx, input).map(|p| p.id))?;
    one(db.conn(), ctx, &id)
}

pub fn void_risk_point(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<RiskPointView> {
    in_tx(db, |tx| void_risk_point_in(tx, ctx, id, why))?;
    one(db.conn(), ctx, id)
}

pub fn restore_risk_point(db: &mut Db, ctx: &Ctx, id: &str) -> Result<RiskPointView> {
    in_tx(db, |tx| restore_risk_point_in(tx, ctx, id))?;
    one(db.conn(), ctx, id)
}

/// The county register (/risks): 高 first, then category in the office's order, then unit order.
pub fn register(db: &Db, ctx: &Ctx, filter: &RiskFilter) -> Result<Vec<RiskPointView>> {
    let today = ctx.today_str();
    // A report figure's points: live ones of live units in its scope (`store::report`).
    let extra = match &filter.scope {
        Some(scope) => crate::store::report::risks_drill(scope, &today, "rp")?,
        None => Vec::new(),
    };
    sorted(db.conn(), st::rows_where(db.conn(), Scope::Filter(filter), &today, &extra)?)
}

/// The points on a person and on their current positions (voided ones last), in register order —
/// the person page and the 廉政档案.
pub fn of_person(conn: &Connection, person_id: &str, today: &str) -> Result<Vec<RiskPointView>> {
    sorted(conn, st::rows(conn, Scope::Person(person_id), today)?)
}

/// A unit's register (voided ones last), in register order.
pub fn of_unit(conn: &Connection, unit_id: &str, today: &str) -> Result<Vec<RiskPointView>> {
    sorted(conn, st::rows(conn, Scope::Unit(unit_id), today)?)
}

/// (live points, live 高 points, points 待复核 today) for `jiandu check`.
pub fn risk_counts(conn: &Connection, ctx: &Ctx) -> Result<(i64, i64, i64)> {
    st::counts(conn, &ctx.today_str())
}

fn one(conn: &Connection, ctx: &Ctx, id: &str) -> Result<RiskPointView> {
    st::rows(conn, Scope::One(id), &ctx.today_str())?.into_iter().next().map(|(v, _)| v).ok_or_else(|| Error::not_found("廉政风险点"))
}

/// The register's order: live before voided, level (高 first), category in the office's list
/// order (entries no longer listed after, by name), unit order, then the oldest point first.
fn sorted(conn: &Connection, mut rows: Vec<st::RegisterRow>) -> Result<Vec<RiskPointView>> {
    let order: HashMap<String, usize> =
        dicts::entries(conn, Dict::RiskCategories)?.into_iter().enumerate().map(|(i, e)| (e.name, i)).collect();
    rows.sort_by(|(a, au), (b, bu)| {
        let key = |p: &RiskPointView, u: &i64| {
            (
                p.point.meta.voided_at.is_some(),
                p.point.level.rank(),
                order.get(&p.point.category).copied().unwrap_or(usize::MAX),
                p.point.category.clone(),
                *u,
                p.unit_name.clone(),
                p.point.meta.created_at.clone(),
                p.point.id.clone(),
            )
        };
        key(a, au).cmp(&key(b, bu))
    });
    Ok(rows.into_iter().map(|(v, _)| v).collect())
}

fn point_or_not_found(conn: &Connection, id: &str) -> Result<RiskPoint> {
    st::get(conn, id)?.ok_or_else(|| Error::not_found("廉政风险点"))
}

pub fn save_risk_point_in(tx: &Transaction, ctx: &Ctx, input: RiskPointInput) -> Result<RiskPoint> {
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = point_or_not_found(tx, &id)?;
            refuse_if_voided(&old.meta, "廉政风险点")?;
            Some(old)
        }
        None => None,
    };
    let had = existing.as_ref();
    let today = ctx.today_str();
    let person_id = some_id(&input.person_id);
    let position_id = some_id(&input.position_id);
    if person_id.is_none() && position_id.is_none() {
        return Err(Error::invalid("person_id", "请选择风险点所属的干部或职务"));
    }
    // What the record already names may stay (a person voided since, a post since ended); what is
    // newly chosen must be live and current.
    if let Some(p) = &person_id {
        if had.and_then(|o| o.person_id.as_ref()) != Some(p) {
            live_person(tx, "person_id", "风险点所属干部", p)?;
        }
    }
    let unit_id = match &position_id {
        Some(pos) => {
            let (holder, unit, unit_name, title, voided, current) =
                st::position_facts(tx, pos, &today)?.ok_or_else(|| Error::invalid("position_id", "所选职务不存在，请重新选择"))?;
            if had.and_then(|o| o.position_id.as_ref()) != Some(pos) {
                if voided {
                    return Err(Error::invalid("position_id", format!("职务“{unit_name}{title}”已作废，不能选用")));
                }
                if !current {
                    return Err(Error::invalid("position_id", format!("职务“{unit_name}{title}”不是现任职务，请选择现任职务")));
                }
            }
            if person_id.as_ref().is_some_and(|p| *p != holder) {
                return Err(Error::invalid("position_id", format!("所选职务“{unit_name}{title}”不是该干部的任职，请重新选择")));
            }
            unit
        }
        None => person_unit(tx, ctx, had, person_id.as_deref().unwrap_or_default(), some_id(&input.unit_id))?,
    };
    let category = v::required("category", "风险类别", &input.category)?;
    dicts::check(tx, Dict::RiskCategories, "category", &category, had.map(|o| o.category.as_str()))?;
    let description = v::text("description", "表现形式", &input.description)?;
    if description.is_empty() {
        return Err(Error::invalid("description", "表现形式不能为空，请写明风险的具体表现"));
    }
    let level = input.level.ok_or_else(|| Error::invalid("level", "请选择风险等级（高、中、低）"))?;
    let measures = v::text("measures", "防控措施", &input.measures)?;
    let responsible_person_id = some_id(&input.responsible_person_id);
    if let Some(r) = &responsible_person_id {
        if had.and_then(|o| o.responsible_person_id.as_ref()) != Some(r) {
            live_person(tx, "responsible_person_id", "责任领导", r)?;
        }
    }
    let responsible_name = v::line("responsible_name", "责任领导姓名", &input.responsible_name)?;
    let review_date = v::date("review_date", "复核日期", &input.review_date)?.map(format_date);
    let point = RiskPoint {
        id: had.map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string()),
        person_id,
        position_id,
        unit_id,
        category,
        description,
        level,
        measures,
        responsible_person_id,
        responsible_name,
        review_date,
        meta: had.map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match &existing {
        Some(old) => {
            st::update(tx, &point)?;
            audit(tx, ctx, "update", "risk_point", &point.id, Some(old), Some(&point))?;
        }
        None => {
            st::insert(tx, &point)?;
            audit(tx, ctx, "create", "risk_point", &point.id, None, Some(&point))?;
        }
    }
    Ok(point)
}

/// The unit of a point on a person alone (see the module comment).
fn person_unit(tx: &Transaction, ctx: &Ctx, had: Option<&RiskPoint>, person_id: &str, sent: Option<String>) -> Result<String> {
    // An edit that keeps the stored unit keeps it, even if the person has moved since.
    if let (Some(old), Some(s)) = (had, &sent) {
        if old.person_id.as_deref() == Some(person_id) && old.position_id.is_none() && old.unit_id == *s {
            return Ok(s.clone());
        }
    }
    let units = st::current_units_of_person(tx, person_id, &ctx.today_str())?;
    match (units.as_slice(), sent) {
        ([(only, _)], _) => Ok(only.clone()),
        ([], Some(s)) => {
            live_unit(tx, "unit_id", "风险点所属单位", &s)?;
            Ok(s)
        }
        ([], None) => Err(Error::invalid("unit_id", "该干部目前没有现任职务，请选择风险点所属单位")),
        (several, sent) => {
            let names: Vec<&str> = several.iter().map(|(_, n)| n.as_str()).collect();
            match sent {
                Some(s) if several.iter().any(|(id, _)| *id == s) => Ok(s),
                _ => Err(Error::invalid("unit_id", format!("该干部在{}均有现任职务，请选择风险点所属单位", names.join("、")))),
            }
        }
    }
}

pub fn void_risk_point_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<RiskPoint> {
    let why = reason(why)?;
    let old = point_or_not_found(tx, id)?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该廉政风险点已作废".into()));
    }
    st::set_voided(tx, id, &ctx.timestamp(), &ctx.actor, Some(&why))?;
    let new = point_or_not_found(tx, id)?;
    audit(tx, ctx, "void", "risk_point", id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn restore_risk_point_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<RiskPoint> {
    let old = point_or_not_found(tx, id)?;
    if old.meta.voided_at.is_none() {
        return Err(Error::Conflict("该廉政风险点未作废，无需恢复".into()));
    }
    if let Some((name, true)) = crate::store::talks::unit_name(tx, &old.unit_id)? {
        return Err(Error::Conflict(format!("风险点所属单位“{name}”已作废，请先恢复单位")));
    }
    st::set_voided(tx, id, &ctx.timestamp(), &ctx.actor, None)?;
    let new = point_or_not_found(tx, id)?;
    audit(tx, ctx, "restore", "risk_point", id, Some(&old), Some(&new))?;
    Ok(new)
}
