//! The worklist (工作台), the first screen: talks planned this month, 一把手 with no 监督谈话 in
//! the last 12 months, rectification items and letter replies due within 7 days or overdue, people
//! inside a sanction's effect period, heads of units rated 基本合格/不合格 awaiting their 约谈
//! (待约谈), and the year's figures.
//! Everything is computed from the records as of `ctx.now`; every entry carries the id it opens.

use chrono::{Datelike, Months, NaiveDate};

use crate::clock::Ctx;
use crate::error::Result;
use crate::model::worklist::*;
use crate::model::validate::format_date;
use crate::store::letters as st_letters;
use crate::store::talks::{self as st, WorklistDates};
use crate::store::Db;

pub use crate::store::talks::WORKLIST_LIMIT;

fn due_item(today: NaiveDate, (i, responsible): (crate::model::items::RectificationItem, String)) -> DueItem {
    let days_left = crate::model::validate::parse_date(&i.due_date).map(|d| (d - today).num_days()).unwrap_or(0);
    DueItem {
        entity: WorkEntity::RectificationItem,
        id: i.id,
        origin_kind: i.origin_kind,
        origin_id: i.origin_id,
        problem: i.problem,
        responsible,
        due_date: i.due_date,
        due_estimated: i.due_estimated,
        overdue: days_left < 0,
        days_left,
    }
}

// ---- Excel out
/// The worklist's 7日内到期及逾期的整改事项, every one (the worklist shows the first
/// `WORKLIST_LIMIT`): the same query and the same days count.
pub fn items_due_all(db: &Db, ctx: &Ctx) -> Result<Vec<DueItem>> {
    let today = ctx.today();
    let week = format_date(today.checked_add_days(chrono::Days::new(7)).unwrap_or(today));
    Ok(st::items_due_rows(db.conn(), &week, None)?.into_iter().map(|r| due_item(today, r)).collect())
}
// ---- end Excel out

pub fn worklist(db: &Db, ctx: &Ctx) -> Result<Worklist> {
    let conn = db.conn();
    // ---- speed (issue 13): every section in one read transaction (one snapshot, one lock instead
    // of one per statement), and room in the statement cache for all of the worklist's prepared
    // statements (rusqlite keeps 16 by default; the sections alone have 17).
    conn.set_prepared_statement_cache_capacity(64);
    let _snapshot = if conn.is_autocommit() { Some(conn.unchecked_transaction()?) } else { None };
    // ---- end speed
    let today = ctx.today();
    let today_s = format_date(today);
    let (year, month) = (today.year(), today.month());
    let month_start = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(today);
    let month_end = month_start.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(today);
    let twelve = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let week = today.checked_add_days(chrono::Days::new(7)).unwrap_or(today);
    let (month_start, month_end, twelve, week) = (format_date(month_start), format_date(month_end), format_date(twelve), format_date(week));
    let d = WorklistDates {
        today: &today_s,
        year,
        month,
        month_start: &month_start,
        month_end: &month_end,
        twelve_months_ago: &twelve,
        week_ahead: &week,
    };
    let planned_this_month = st::planned_this_month(conn, &d)?;
    let (heads_without_talk, heads_without_talk_total) = st::heads_without_talk(conn, &d)?;
    let (due, items_due_total, items_overdue_total) = st::items_due(conn, &d)?;
    let items_due = due.into_iter().map(|r| due_item(today, r)).collect();
    let (letters_due, letters_due_total, letters_overdue_total) = st_letters::awaiting_reply(conn, today, &week, WORKLIST_LIMIT)?;
    // -- sanctions (处分)
    let (sanctions_in_effect, sanctions_in_effect_total) = crate::store::sanctions::in_effect(conn, &today_s, WORKLIST_LIMIT as i64)?;
    // -- end sanctions
    // ---- 考核
    let (summons_due, summons_due_total) = crate::store::assessments::summons_due(conn, &today_s, WORKLIST_LIMIT)?;
    // ---- end 考核
    // ---- risk points
    let (risk_reviews_due, risk_reviews_due_total) = crate::store::risks::reviews_due(conn, &today_s, WORKLIST_LIMIT as i64)?;
    // ---- end risk points
    Ok(Worklist {
        today: today_s.clone(),
        planned_this_month,
        heads_without_talk,
        heads_without_talk_total,
        items_due,
        items_due_total,
        items_overdue_total,
        letters_due,
        letters_due_total,
        letters_overdue_total,
        sanctions_in_effect,
        sanctions_in_effect_total,
        summons_due,
        summons_due_total,
        figures: year_figures(db, ctx)?,
        // ---- risk points
        risk_reviews_due,
        risk_reviews_due_total,
        // ---- end risk points
    })
}

/// "2026年以来开展监督谈话 N 次，覆盖一把手 M 人，整改完成率 P%".
pub fn year_figures(db: &Db, ctx: &Ctx) -> Result<YearFigures> {
    let year = ctx.today().year();
    let today = ctx.today_str();
    let (supervision_talks, items_total, items_closed) = st::year_counts(db.conn(), year, &today)?;
    let cov = st::coverage(db.conn(), year, &today)?;
    let completion_percent = st::percent(items_closed, items_total);
    let rate = completion_percent.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "—".to_string());
    Ok(YearFigures {
        year,
        supervision_talks,
        heads_covered: cov.covered,
        heads_in_scope: cov.in_scope,
        items_total,
        items_closed,
        completion_percent,
        summary: format!("{year}年以来开展监督谈话 {supervision_talks} 次，覆盖一把手 {} 人，整改完成率 {rate}", cov.covered),
    })
}
