//! The yearly talk plan: every 一把手 in scope, who talks to them and in which month, and coverage.

use rusqlite::Transaction;
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::talks::*;
use crate::model::validate::{self as v};
use crate::store::talks::{self as st, Table};
use crate::store::{audit, Db};
use crate::service::common::*;

// ---------------------------------------------------------------- talk plan

pub(super) fn check_year(year: i32) -> Result<()> {
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("year", format!("计划年度“{year}”无效")));
    }
    Ok(())
}

pub fn talk_plan(db: &Db, ctx: &Ctx, year: i32) -> Result<TalkPlan> {
    check_year(year)?;
    Ok(TalkPlan { year, entries: st::plan_views(db.conn(), year, ctx.today())?, coverage: st::coverage(db.conn(), year, &ctx.today_str())? })
}

pub fn coverage(db: &Db, ctx: &Ctx, year: i32) -> Result<Coverage> {
    check_year(year)?;
    st::coverage(db.conn(), year, &ctx.today_str())
}

/// One click: every current 一把手 not yet in the year's plan gets an entry. Running it again
/// adds only heads appointed since.
pub fn fill_talk_plan(db: &mut Db, ctx: &Ctx, year: i32) -> Result<PlanFill> {
    let added = in_tx(db, |tx| fill_talk_plan_in(tx, ctx, year))?;
    Ok(PlanFill { added, plan: talk_plan(db, ctx, year)? })
}

pub fn fill_talk_plan_in(tx: &Transaction, ctx: &Ctx, year: i32) -> Result<i64> {
    check_year(year)?;
    let mut added = 0;
    for (person_id, unit_id, title) in st::current_heads(tx, &ctx.today_str())? {
        if st::plan_has_live_entry(tx, year, &person_id, "")? {
            continue;
        }
        let e = TalkPlanEntry {
            id: Uuid::new_v4().to_string(),
            year,
            person_id,
            unit_id: Some(unit_id),
            title,
            conductor_person_id: None,
            conductor_role: String::new(),
            planned_month: None,
            meta: new_meta(ctx),
        };
        st::plan_insert(tx, &e)?;
        audit(tx, ctx, "create", "talk_plan", &e.id, None, Some(&e))?;
        added += 1;
    }
    Ok(added)
}

/// Assigns a plan entry's conductor and month.
pub fn assign_plan_entry(db: &mut Db, ctx: &Ctx, input: PlanEntryInput) -> Result<TalkPlanEntry> {
    in_tx(db, |tx| assign_plan_entry_in(tx, ctx, input))
}

/// Assigns several entries at once (the plan page's 批量安排): all of them or, when one is refused,
/// none — the message names whose entry failed.
pub fn assign_plan_entries(db: &mut Db, ctx: &Ctx, inputs: Vec<PlanEntryInput>) -> Result<Vec<TalkPlanEntry>> {
    if inputs.is_empty() {
        return Err(Error::invalid("inputs", "请至少选择一名一把手"));
    }
    in_tx(db, |tx| {
        let mut saved = Vec::with_capacity(inputs.len());
        for input in inputs {
            let person_id = st::plan_get(tx, &input.id)?.map(|e| e.person_id);
            let entry = assign_plan_entry_in(tx, ctx, input).map_err(|e| {
                let who = person_id.as_deref().and_then(|p| st::person_name(tx, p).ok().flatten()).map(|(name, _)| name);
                match (who, e) {
                    (Some(who), Error::Invalid { field, message }) => Error::Invalid { field, message: format!("“{who}”：{message}") },
                    (Some(who), Error::Conflict(message)) => Error::Conflict(format!("“{who}”：{message}")),
                    (_, e) => e,
                }
            })?;
            saved.push(entry);
        }
        Ok(saved)
    })
}

pub fn assign_plan_entry_in(tx: &Transaction, ctx: &Ctx, input: PlanEntryInput) -> Result<TalkPlanEntry> {
    let old = st::plan_get(tx, &input.id)?.ok_or_else(|| Error::not_found("谈话计划"))?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该计划条目已作废，不能修改".into()));
    }
    if let Some(m) = input.planned_month {
        if !(1..=12).contains(&m) {
            return Err(Error::invalid("planned_month", format!("计划月份应为1至12月，现为{m}")));
        }
    }
    let conductor_person_id = some_id(&input.conductor_person_id);
    if let Some(c) = &conductor_person_id {
        let name = live_person(tx, "conductor_person_id", "谈话人", c)?;
        if *c == old.person_id {
            return Err(Error::invalid("conductor_person_id", format!("谈话人“{name}”不能是谈话对象本人")));
        }
    }
    let new = TalkPlanEntry {
        conductor_person_id,
        conductor_role: v::line("conductor_role", "谈话人职务", &input.conductor_role)?,
        planned_month: input.planned_month,
        meta: touched(&old.meta, ctx),
        ..old.clone()
    };
    st::plan_update(tx, &new)?;
    audit(tx, ctx, "update", "talk_plan", &new.id, Some(&old), Some(&new))?;
    Ok(new)
}

/// Takes a 一把手 out of the year's plan (e.g. left office), with a reason.
pub fn void_plan_entry(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<TalkPlanEntry> {
    in_tx(db, |tx| {
        let why = reason(why)?;
        let old = st::plan_get(tx, id)?.ok_or_else(|| Error::not_found("谈话计划"))?;
        if old.meta.voided_at.is_some() {
            return Err(Error::Conflict("该计划条目已作废".into()));
        }
        st::void(tx, Table::Plan, id, &ctx.timestamp(), &ctx.actor, &why)?;
        let new = st::plan_get(tx, id)?.ok_or_else(|| Error::not_found("谈话计划"))?;
        audit(tx, ctx, "void", "talk_plan", id, Some(&old), Some(&new))?;
        Ok(new)
    })
}

pub fn restore_plan_entry(db: &mut Db, ctx: &Ctx, id: &str) -> Result<TalkPlanEntry> {
    in_tx(db, |tx| {
        let old = st::plan_get(tx, id)?.ok_or_else(|| Error::not_found("谈话计划"))?;
        if old.meta.voided_at.is_none() {
            return Err(Error::Conflict("该计划条目未作废，无需恢复".into()));
        }
        if st::plan_has_live_entry(tx, old.year, &old.person_id, id)? {
            return Err(Error::Conflict("该干部在本年度计划中已有条目，不能恢复".into()));
        }
        st::restore(tx, Table::Plan, id, &ctx.timestamp(), &ctx.actor)?;
        let new = st::plan_get(tx, id)?.ok_or_else(|| Error::not_found("谈话计划"))?;
        audit(tx, ctx, "restore", "talk_plan", id, Some(&old), Some(&new))?;
        Ok(new)
    })
}
