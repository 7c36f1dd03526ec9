//! What a clerk does with 监督发现问题 (findings): record or correct one, void and restore it, list
//! them and open one with its rectification items (which `service::items` keeps, origin
//! 监督发现问题). Each write is one transaction with its audit row, or writes nothing.

use rusqlite::{Connection, Transaction};
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::dicts::Dict;
use crate::model::findings::*;
use crate::model::items::OriginKind;
use crate::model::validate::{self as v, format_date};
use crate::service::common::*;
use crate::service::dicts;
use crate::service::items::{item_view, move_origin_dates};
use crate::store::{audit, findings as st, talks as st_talks, Db};

pub fn options(db: &Db) -> Result<FindingOptions> {
    let conn = db.conn();
    Ok(FindingOptions {
        sources: dicts::active(conn, Dict::FindingSources)?,
        focus_areas: dicts::active(conn, Dict::FocusAreas)?,
        seriousness: Seriousness::ALL.to_vec(),
        statuses: FindingStatus::ALL.to_vec(),
        years: st::years(conn)?,
    })
}

fn finding_or_not_found(conn: &Connection, id: &str) -> Result<Finding> {
    st::get(conn, id)?.ok_or_else(|| Error::not_found("监督发现问题"))
}

pub fn save_finding(db: &mut Db, ctx: &Ctx, input: FindingInput) -> Result<FindingRow> {
    let f = in_tx(db, |tx| save_finding_in(tx, ctx, input))?;
    finding_row(db, ctx, &f.id)
}

pub fn void_finding(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<FindingRow> {
    in_tx(db, |tx| void_finding_in(tx, ctx, id, why))?;
    finding_row(db, ctx, id)
}

pub fn restore_finding(db: &mut Db, ctx: &Ctx, id: &str) -> Result<FindingRow> {
    in_tx(db, |tx| restore_finding_in(tx, ctx, id))?;
    finding_row(db, ctx, id)
}

pub fn list_findings(db: &Db, ctx: &Ctx, filter: &FindingFilter) -> Result<Vec<FindingRow>> {
    st::rows(db.conn(), filter, &ctx.today_str())
}

/// A person's findings (live first, then voided), for the person page and the 廉政档案.
pub fn of_person(conn: &Connection, ctx: &Ctx, person_id: &str) -> Result<Vec<FindingRow>> {
    st::of_person(conn, person_id, &ctx.today_str())
}

pub fn finding_row(db: &Db, ctx: &Ctx, id: &str) -> Result<FindingRow> {
    st::row_of(db.conn(), id, &ctx.today_str())?.ok_or_else(|| Error::not_found("监督发现问题"))
}

pub fn finding_detail(db: &Db, ctx: &Ctx, id: &str) -> Result<FindingDetail> {
    let row = finding_row(db, ctx, id)?;
    let items = st_talks::items_of_origin(db.conn(), OriginKind::Finding, id)?
        .into_iter()
        .map(|(i, r)| item_view(i, r, ctx.today()))
        .collect();
    Ok(FindingDetail { row, items })
}

/// (live findings, of which 整改中) for `jiandu check`.
pub fn finding_counts(conn: &Connection) -> Result<(i64, i64)> {
    st::counts(conn)
}

pub fn save_finding_in(tx: &Transaction, ctx: &Ctx, input: FindingInput) -> Result<Finding> {
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = finding_or_not_found(tx, &id)?;
            refuse_if_voided(&old.meta, "监督发现问题")?;
            Some(old)
        }
        None => None,
    };
    let source = v::required("source", "问题来源", &input.source)?;
    dicts::check(tx, Dict::FindingSources, "source", &source, existing.as_ref().map(|o| o.source.as_str()))?;
    let focus_area = v::line("focus_area", "监督重点", input.focus_area.as_deref().unwrap_or(""))?;
    let focus_area = if focus_area.is_empty() {
        None
    } else {
        dicts::check(tx, Dict::FocusAreas, "focus_area", &focus_area, existing.as_ref().and_then(|o| o.focus_area.as_deref()))?;
        Some(focus_area)
    };
    let person_id = some_id(&input.person_id);
    let unit_id = some_id(&input.unit_id);
    if person_id.is_none() && unit_id.is_none() {
        return Err(Error::invalid("person_id", "请选择问题涉及的干部或单位（至少一项）"));
    }
    // A person or unit the finding already names stays valid even if voided since.
    if let Some(p) = &person_id {
        if existing.as_ref().and_then(|o| o.person_id.as_deref()) != Some(p.as_str()) {
            live_person(tx, "person_id", "涉及干部", p)?;
        }
    }
    if let Some(u) = &unit_id {
        if existing.as_ref().and_then(|o| o.unit_id.as_deref()) != Some(u.as_str()) {
            live_unit(tx, "unit_id", "涉及单位", u)?;
        }
    }
    let found = required_date("found_date", "发现日期", &input.found_date)?;
    not_after_today("found_date", "发现日期", found, ctx)?;
    let description = v::text("description", "问题描述", &input.description)?;
    if description.is_empty() {
        return Err(Error::invalid("description", "问题描述不能为空"));
    }
    let f = Finding {
        id: existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string()),
        source,
        focus_area,
        person_id,
        unit_id,
        found_date: format_date(found),
        description,
        seriousness: input.seriousness,
        meta: existing.as_ref().map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match existing {
        Some(old) => {
            if old.found_date != f.found_date {
                // Its items count their 工作日 from the new date.
                move_origin_dates(tx, ctx, OriginKind::Finding, &f.id, found, "found_date", "发现日期")?;
            }
            st::update(tx, &f)?;
            audit(tx, ctx, "update", "finding", &f.id, Some(&old), Some(&f))?;
        }
        None => {
            st::insert(tx, &f)?;
            audit(tx, ctx, "create", "finding", &f.id, None, Some(&f))?;
        }
    }
    Ok(f)
}

pub fn void_finding_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<Finding> {
    let why = reason(why)?;
    let old = finding_or_not_found(tx, id)?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该监督发现问题已作废".into()));
    }
    let (open, closed) = st_talks::item_tally(tx, OriginKind::Finding, id)?;
    if open + closed > 0 {
        return Err(Error::Conflict(format!("该问题还有 {} 项整改事项，请先作废整改事项再作废问题", open + closed)));
    }
    st::void(tx, id, &ctx.timestamp(), &ctx.actor, Some(&why))?;
    let new = finding_or_not_found(tx, id)?;
    audit(tx, ctx, "void", "finding", id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn restore_finding_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<Finding> {
    let old = finding_or_not_found(tx, id)?;
    if old.meta.voided_at.is_none() {
        return Err(Error::Conflict("该监督发现问题未作废，无需恢复".into()));
    }
    st::void(tx, id, &ctx.timestamp(), &ctx.actor, None)?;
    let new = finding_or_not_found(tx, id)?;
    audit(tx, ctx, "restore", "finding", id, Some(&old), Some(&new))?;
    Ok(new)
}
