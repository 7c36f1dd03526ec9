//! 考核: save, void, restore and list a unit's yearly ratings, and the office's rating scale.
//! Each write is one transaction that checks the input, writes the record and its audit row, or
//! writes nothing.

use chrono::Datelike;
use rusqlite::{Connection, Transaction};
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::assessments::*;
use crate::model::validate as v;
use crate::service::common::*;
use crate::store::assessments as st;
use crate::model::dicts::Dict;
use crate::service::dicts;
use crate::store::{self, audit, Db};

/// The office's rating scale, best first, as the form offers it.
pub fn rating_scale(conn: &Connection) -> Result<Vec<String>> {
    dicts::active(conn, Dict::RatingScale)
}

/// Saves the rating scale. An entry still carried by a live assessment cannot be removed (only
/// retired): the rating would then be one the settings do not know.
pub fn save_rating_scale(db: &mut Db, ctx: &Ctx, ratings: Vec<String>) -> Result<Vec<String>> {
    dicts::save_names(db, ctx, Dict::RatingScale, ratings)
}

pub fn assessment_options(db: &Db, ctx: &Ctx) -> Result<AssessmentOptions> {
    Ok(AssessmentOptions {
        ratings: rating_scale(db.conn())?,
        summons_ratings: SUMMONS_RATINGS.iter().map(|s| s.to_string()).collect(),
        years: st::years(db.conn())?,
        first_year: FIRST_YEAR,
        last_year: ctx.today().year(),
    })
}

fn assessment_or_not_found(conn: &Connection, id: &str) -> Result<Assessment> {
    st::get(conn, id)?.ok_or_else(|| Error::not_found("考核记录"))
}

pub fn save_assessment(db: &mut Db, ctx: &Ctx, input: AssessmentInput) -> Result<AssessmentRow> {
    let a = in_tx(db, |tx| save_assessment_in(tx, ctx, input))?;
    assessment_row(db, ctx, &a.id)
}

pub fn save_assessment_in(tx: &Transaction, ctx: &Ctx, input: AssessmentInput) -> Result<Assessment> {
    let (old, a) = write_assessment(tx, ctx, input)?;
    audit(tx, ctx, if old.is_some() { "update" } else { "create" }, "assessment", &a.id, old.as_ref(), Some(&a))?;
    Ok(a)
}

/// The checks and the write of `save_assessment_in` without its audit row: the Excel import writes
/// one audit entry for the whole file. Returns (the record before, the record after).
pub(crate) fn write_assessment(tx: &Transaction, ctx: &Ctx, input: AssessmentInput) -> Result<(Option<Assessment>, Assessment)> {
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = assessment_or_not_found(tx, &id)?;
            refuse_if_voided(&old.meta, "考核记录")?;
            Some(old)
        }
        None => None,
    };
    let unit_id = input.unit_id.trim();
    if unit_id.is_empty() {
        return Err(Error::invalid("unit_id", "考核单位不能为空，请选择单位"));
    }
    let unit_name = live_unit(tx, "unit_id", "考核单位", unit_id)?;
    let last_year = ctx.today().year();
    if !(FIRST_YEAR..=last_year).contains(&input.year) {
        return Err(Error::invalid("year", format!("考核年度应在{FIRST_YEAR}年至{last_year}年之间，现为{}年", input.year)));
    }
    let rating = v::required("rating", "考核等次", &input.rating)?;
    dicts::check(tx, Dict::RatingScale, "rating", &rating, existing.as_ref().map(|o| o.rating.as_str()))?;
    if let Some(s) = input.score {
        if !s.is_finite() || !(0.0..=100.0).contains(&s) {
            return Err(Error::invalid("score", format!("考核得分应在0至100之间，现为{s}")));
        }
    }
    let remark = v::text("remark", "备注", &input.remark)?;
    let id = existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string());
    if let Some((_, other)) = st::live_for(tx, unit_id, input.year, &id)? {
        // Name the field the clerk changed: the year on an edit that kept the unit, else the unit.
        let field = if existing.as_ref().is_some_and(|o| o.unit_id == unit_id) { "year" } else { "unit_id" };
        return Err(Error::invalid(
            field,
            format!("{unit_name}{}年度已有考核等次“{other}”，同一单位同一年度只能有一个考核结果；如需更改请修改原记录", input.year),
        ));
    }
    let a = Assessment {
        id,
        unit_id: unit_id.to_string(),
        year: input.year,
        rating,
        score: input.score,
        remark,
        meta: existing.as_ref().map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match existing {
        Some(old) => {
            st::update(tx, &a)?;
            Ok((Some(old), a))
        }
        None => {
            st::insert(tx, &a)?;
            Ok((None, a))
        }
    }
}

pub fn void_assessment(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<Assessment> {
    in_tx(db, |tx| {
        let why = reason(why)?;
        let old = assessment_or_not_found(tx, id)?;
        if old.meta.voided_at.is_some() {
            return Err(Error::Conflict("该考核记录已作废".into()));
        }
        st::set_voided(tx, id, &ctx.timestamp(), &ctx.actor, Some(&why))?;
        let new = assessment_or_not_found(tx, id)?;
        audit(tx, ctx, "void", "assessment", id, Some(&old), Some(&new))?;
        Ok(new)
    })
}

pub fn restore_assessment(db: &mut Db, ctx: &Ctx, id: &str) -> Result<Assessment> {
    in_tx(db, |tx| {
        let old = assessment_or_not_found(tx, id)?;
        if old.meta.voided_at.is_none() {
            return Err(Error::Conflict("该考核记录未作废，无需恢复".into()));
        }
        if let Some((_, other)) = st::live_for(tx, &old.unit_id, old.year, id)? {
            return Err(Error::Conflict(format!(
                "该单位{}年度已另有考核等次“{other}”，不能恢复；如需恢复请先作废那条记录",
                old.year
            )));
        }
        if let Some((name, true)) = store::talks::unit_name(tx, &old.unit_id)? {
            return Err(Error::Conflict(format!("考核单位“{name}”已作废，请先恢复单位")));
        }
        st::set_voided(tx, id, &ctx.timestamp(), &ctx.actor, None)?;
        let new = assessment_or_not_found(tx, id)?;
        audit(tx, ctx, "restore", "assessment", id, Some(&old), Some(&new))?;
        Ok(new)
    })
}

pub fn list_assessments(db: &Db, ctx: &Ctx, filter: &AssessmentFilter) -> Result<Vec<AssessmentRow>> {
    let today = ctx.today_str();
    // A report figure's ratings: the period's years, live units in scope (`store::report`).
    let extra = match &filter.scope {
        Some(scope) => crate::store::report::ratings_drill(scope, &today)?,
        None => Vec::new(),
    };
    st::rows_where(db.conn(), filter, &today, &extra)
}

/// One assessment as a list row, voided or not.
pub fn assessment_row(db: &Db, ctx: &Ctx, id: &str) -> Result<AssessmentRow> {
    let a = assessment_or_not_found(db.conn(), id)?;
    let filter = AssessmentFilter { year: Some(a.year), unit_id: Some(a.unit_id.clone()), voided: a.meta.voided_at.is_some(), ..AssessmentFilter::default() };
    st::rows(db.conn(), &filter, &ctx.today_str())?.into_iter().find(|r| r.assessment.id == id).ok_or_else(|| Error::not_found("考核记录"))
}

/// The live assessment a 约谈 may name, checked for the talk form (`field` is its key there).
pub(crate) fn live_assessment(conn: &Connection, field: &str, id: &str) -> Result<Assessment> {
    match st::get(conn, id)? {
        None => Err(Error::invalid(field, "关联的考核记录不存在")),
        Some(a) if a.meta.voided_at.is_some() => Err(Error::invalid(field, format!("关联的考核记录（{}年度“{}”）已作废，不能关联", a.year, a.rating))),
        Some(a) => Ok(a),
    }
}

/// The latest year with live ratings, for the 督办函 preset when no year is given.
pub fn latest_rated_year(conn: &Connection) -> Result<Option<i32>> {
    Ok(st::years(conn)?.first().copied())
}

/// (live assessments, 待约谈 entries) for `jiandu check`.
pub fn assessment_counts(conn: &Connection) -> Result<(i64, i64)> {
    Ok((st::count(conn)?, st::summons_due_count(conn)?))
}
