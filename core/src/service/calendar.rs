//! The working-day calendar the office keeps: statutory holidays and 调休 for the years it knows.


use crate::calendar::{self, CalendarYear, CalendarYearView, DuePreview};
use crate::clock::Ctx;
use crate::error::Result;
use crate::model::items::*;
use crate::model::validate::{format_date, parse_date};
use crate::store::talks::{self as st};
use crate::store::{audit, Db};
use crate::service::common::*;

/// Every year the calendar knows, built-in and office-entered, in order.
pub fn list_calendar_years(db: &Db) -> Result<Vec<CalendarYearView>> {
    let office = st::calendar_years(db.conn())?;
    let mut out: Vec<CalendarYearView> = Vec::new();
    for y in calendar::built_in_years()? {
        match office.iter().find(|o| o.year.year == y.year) {
            Some(o) => out.push(CalendarYearView { built_in: true, ..o.clone() }),
            None => out.push(CalendarYearView { year: y.clone(), built_in: true, edited: false, updated_at: None, updated_by: None }),
        }
    }
    let built: Vec<i32> = out.iter().map(|b| b.year.year).collect();
    out.extend(office.into_iter().filter(|o| !built.contains(&o.year.year)));
    out.sort_by_key(|y| y.year.year);
    Ok(out)
}

/// Saves a year's holidays and 调休 workdays (replacing a built-in year of the same number), and
/// recounts the open items whose 工作日 deadline was estimated for lack of it.
pub fn save_calendar_year(db: &mut Db, ctx: &Ctx, input: CalendarYear) -> Result<CalendarYearView> {
    // The calendar moves every 工作日 deadline in the office: a setting, like the editable lists.
    db.require_admin("工作日历")?;
    let year = calendar::validate_year(&input)?;
    in_tx(db, |tx| {
        let before = st::calendar_years(tx)?.into_iter().find(|y| y.year.year == year.year).map(|y| y.year);
        st::calendar_year_save(tx, &year, &ctx.timestamp(), &ctx.actor)?;
        let action = if before.is_some() { "update" } else { "create" };
        audit(tx, ctx, action, "calendar_year", &year.year.to_string(), before.as_ref(), Some(&year))?;
        let cal = calendar(tx)?;
        let ids: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM rectification_item WHERE status = '整改中' AND voided_at IS NULL AND due_workdays IS NOT NULL AND due_estimated = 1",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in ids {
            let Some((old, _)) = st::item_get(tx, &id)? else { continue };
            let (Some(n), Some(from)) = (old.due_workdays, parse_date(&old.origin_date)) else { continue };
            let due = cal.add_workdays(from, n.clamp(0, MAX_WORKDAYS) as u32);
            let new = RectificationItem { due_date: format_date(due.date), due_estimated: due.estimated, meta: touched(&old.meta, ctx), ..old.clone() };
            if new.due_date != old.due_date || new.due_estimated != old.due_estimated {
                st::item_update(tx, &new)?;
                audit(tx, ctx, "update", "rectification_item", &id, Some(&old), Some(&new))?;
            }
        }
        Ok(CalendarYearView { built_in: calendar::built_in_years()?.iter().any(|b| b.year == year.year), edited: true, updated_at: Some(ctx.timestamp()), updated_by: Some(ctx.actor.clone()), year: year.clone() })
    })
}

/// The date `workdays` 工作日 after `from`, for the item form to show before saving.
pub fn preview_due(db: &Db, from: &str, workdays: i64) -> Result<DuePreview> {
    let from = required_date("from", "起算日期", from)?;
    let n = check_workdays(workdays)?;
    let due = calendar(db.conn())?.add_workdays(from, n);
    Ok(DuePreview { date: format_date(due.date), estimated: due.estimated })
}
