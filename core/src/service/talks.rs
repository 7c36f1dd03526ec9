//! What a clerk does with supervision talks, rectification items, the yearly talk plan and the
//! working-day calendar. Each write is one transaction that checks the input, writes the records
//! and their audit rows, or writes nothing. A talk's state is never set by hand: it follows from
//! recording the talk, adding items, closing or voiding them (`refresh_talk_state`).

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, Transaction};
use serde::Serialize;
use uuid::Uuid;

use crate::calendar::{self, Calendar, CalendarYear, CalendarYearView, DuePreview};
use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::talks::*;
use crate::model::validate::{self as v, format_date, parse_date};
use crate::model::RecordMeta;
use crate::service::org::in_tx;
use crate::store::talks::{self as st, Table};
use crate::store::{self, audit, Db};

pub const FOCUS_AREAS_KEY: &str = "focus_areas";

/// The 8 focus areas of the county's 监督办法, as seeded; the office edits them in settings.
pub const DEFAULT_FOCUS_AREAS: [&str; 8] = [
    "加强政治建设",
    "勇于担当尽责",
    "履行管党治党责任",
    "规范行使权力",
    "贯彻民主集中制和“三重一大”决策",
    "落实中央八项规定精神和作风建设",
    "廉洁自律和管好家属及身边人",
    "选人用人",
];

/// The usual reasons for a talk, offered as suggestions (the field stays free text).
pub const TALK_SOURCES: [&str; 8] = ["年度计划", "日常监督", "考核结果", "巡察反馈", "信访举报", "审计发现", "专项检查", "问题线索处置"];

/// Longest deadline accepted in 工作日 (about a year and a half).
pub(crate) const MAX_WORKDAYS: i64 = 365;

// ---------------------------------------------------------------- settings and calendar

pub fn focus_areas(conn: &Connection) -> Result<Vec<String>> {
    match store::get_setting(conn, FOCUS_AREAS_KEY)? {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => Ok(DEFAULT_FOCUS_AREAS.iter().map(|s| s.to_string()).collect()),
    }
}

pub fn save_focus_areas(db: &mut Db, ctx: &Ctx, areas: Vec<String>) -> Result<Vec<String>> {
    let mut clean: Vec<String> = Vec::new();
    for a in &areas {
        let a = v::line("focus_areas", "监督重点", a)?;
        if a.is_empty() {
            continue;
        }
        if clean.contains(&a) {
            return Err(Error::invalid("focus_areas", format!("监督重点“{a}”重复")));
        }
        clean.push(a);
    }
    if clean.is_empty() {
        return Err(Error::invalid("focus_areas", "监督重点不能为空"));
    }
    let before = focus_areas(db.conn())?;
    in_tx(db, |tx| {
        store::put_setting(tx, FOCUS_AREAS_KEY, &serde_json::to_string(&clean)?)?;
        audit(tx, ctx, "update", "settings", FOCUS_AREAS_KEY, Some(&before), Some(&clean))?;
        Ok(clean.clone())
    })
}

pub fn talk_options(db: &Db) -> Result<TalkOptions> {
    Ok(TalkOptions {
        kinds: TalkKind::ALL.to_vec(),
        focus_areas: focus_areas(db.conn())?,
        sources: TALK_SOURCES.iter().map(|s| s.to_string()).collect(),
    })
}

/// The calendar in force: built-in years, replaced or completed by the office's years.
pub fn calendar(conn: &Connection) -> Result<Calendar> {
    let office = st::calendar_years(conn)?.into_iter().map(|v| v.year);
    Ok(Calendar::new(calendar::built_in_years()?, office))
}

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

// ---------------------------------------------------------------- helpers

pub(crate) fn new_meta(ctx: &Ctx) -> RecordMeta {
    RecordMeta {
        created_at: ctx.timestamp(),
        created_by: ctx.actor.clone(),
        updated_at: ctx.timestamp(),
        updated_by: ctx.actor.clone(),
        voided_at: None,
        void_reason: None,
    }
}

pub(crate) fn touched(meta: &RecordMeta, ctx: &Ctx) -> RecordMeta {
    RecordMeta { updated_at: ctx.timestamp(), updated_by: ctx.actor.clone(), ..meta.clone() }
}

pub(crate) fn required_date(field: &str, label: &str, raw: &str) -> Result<NaiveDate> {
    v::date(field, label, &Some(raw.to_string()))?.ok_or_else(|| Error::invalid(field, format!("{label}不能为空")))
}

pub(crate) fn not_after_today(field: &str, label: &str, d: NaiveDate, ctx: &Ctx) -> Result<()> {
    if d > ctx.today() {
        return Err(Error::invalid(field, format!("{label}（{}）不能晚于今天（{}）", format_date(d), ctx.today_str())));
    }
    Ok(())
}

fn check_workdays(n: i64) -> Result<u32> {
    if !(1..=MAX_WORKDAYS).contains(&n) {
        return Err(Error::invalid("due_workdays", format!("整改期限的工作日数应在1至{MAX_WORKDAYS}之间，现为{n}")));
    }
    Ok(n as u32)
}

pub(crate) fn reason(why: &str) -> Result<String> {
    v::required("reason", "作废原因", why)
}

/// A live person, or an error on `field` naming what the person was meant to be.
pub(crate) fn live_person(conn: &Connection, field: &str, what: &str, id: &str) -> Result<String> {
    match st::person_name(conn, id)? {
        None => Err(Error::invalid(field, format!("{what}不存在，请从干部名册中选择"))),
        Some((name, true)) => Err(Error::invalid(field, format!("{what}“{name}”已作废，不能选用"))),
        Some((name, false)) => Ok(name),
    }
}

pub(crate) fn live_unit(conn: &Connection, field: &str, what: &str, id: &str) -> Result<String> {
    match st::unit_name(conn, id)? {
        None => Err(Error::invalid(field, format!("{what}不存在，请选择单位"))),
        Some((name, true)) => Err(Error::invalid(field, format!("{what}“{name}”已作废，不能选用"))),
        Some((name, false)) => Ok(name),
    }
}

pub(crate) fn some_id(id: &Option<String>) -> Option<String> {
    id.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

pub(crate) fn clean_list(field: &str, label: &str, items: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (i, t) in items.iter().enumerate() {
        let t = v::text(field, &format!("{label}第{}条", i + 1), t)?;
        if !t.is_empty() {
            out.push(t);
        }
    }
    Ok(out)
}

#[derive(Serialize)]
struct TalkSnapshot<'a> {
    talk: &'a Talk,
    subjects: &'a [TalkSubject],
}

fn talk_or_not_found(conn: &Connection, id: &str) -> Result<Talk> {
    st::talk_get(conn, id)?.ok_or_else(|| Error::not_found("谈话"))
}

/// What an item's origin date is called in messages.
fn origin_date_label(kind: OriginKind) -> &'static str {
    match kind {
        OriginKind::Talk => "谈话日期",
        OriginKind::Letter => "函件送达（签发）日期",
        OriginKind::Finding | OriginKind::Assessment => "起算日期",
    }
}

fn item_or_not_found(conn: &Connection, id: &str) -> Result<RectificationItem> {
    Ok(st::item_get(conn, id)?.ok_or_else(|| Error::not_found("整改事项"))?.0)
}

/// Moves a held talk to where its items put it: open items → 整改中; all closed → 已销号; none
/// live → 已谈话. A planned or voided talk stays as it is.
pub fn refresh_talk_state(tx: &Transaction, ctx: &Ctx, talk_id: &str) -> Result<TalkState> {
    let talk = talk_or_not_found(tx, talk_id)?;
    if talk.state == TalkState::Planned || talk.meta.voided_at.is_some() {
        return Ok(talk.state);
    }
    let (open, closed) = st::item_tally(tx, OriginKind::Talk, talk_id)?;
    let state = if open > 0 {
        TalkState::Rectifying
    } else if closed > 0 {
        TalkState::Closed
    } else {
        TalkState::Held
    };
    if state != talk.state {
        st::talk_set_state(tx, talk_id, state, &ctx.timestamp(), &ctx.actor)?;
        audit(tx, ctx, "state", "talk", talk_id, Some(&talk.state.label()), Some(&state.label()))?;
    }
    Ok(state)
}

pub(crate) fn item_view(item: RectificationItem, responsible: String, today: NaiveDate) -> ItemView {
    let due = parse_date(&item.due_date);
    let open = item.status == ItemStatus::Open && item.meta.voided_at.is_none();
    let days_left = due.filter(|_| open).map(|d| (d - today).num_days());
    ItemView { overdue: days_left.is_some_and(|d| d < 0), days_left, responsible, item }
}

// ---------------------------------------------------------------- talks

pub fn save_talk(db: &mut Db, ctx: &Ctx, input: TalkInput) -> Result<TalkDetail> {
    let talk = in_tx(db, |tx| save_talk_in(tx, ctx, input))?;
    talk_detail(db, ctx, &talk.id)
}

/// Records that a planned talk took place on `date` (计划 → 已谈话), keeping what was entered.
pub fn record_talk_held(db: &mut Db, ctx: &Ctx, id: &str, date: &str) -> Result<TalkDetail> {
    let talk = in_tx(db, |tx| record_talk_held_in(tx, ctx, id, date))?;
    talk_detail(db, ctx, &talk.id)
}

pub fn void_talk(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<Talk> {
    in_tx(db, |tx| void_talk_in(tx, ctx, id, why))
}

pub fn restore_talk(db: &mut Db, ctx: &Ctx, id: &str) -> Result<Talk> {
    in_tx(db, |tx| restore_talk_in(tx, ctx, id))
}

pub fn record_talk_held_in(tx: &Transaction, ctx: &Ctx, id: &str, date: &str) -> Result<Talk> {
    let talk = talk_or_not_found(tx, id)?;
    if talk.state != TalkState::Planned {
        return Err(Error::Conflict(format!("该谈话已于{}开展，无需再次登记", talk.date)));
    }
    let subjects = st::subjects_of(tx, id)?;
    let input = TalkInput {
        id: Some(talk.id.clone()),
        kind: talk.kind,
        held: true,
        date: date.to_string(),
        place: talk.place,
        conductor_person_id: talk.conductor_person_id,
        conductor_role: talk.conductor_role,
        recorder: talk.recorder,
        attendees: talk.attendees,
        source: talk.source,
        focus_areas: talk.focus_areas,
        outline: talk.outline,
        problems: talk.problems,
        remedies: talk.remedies,
        statement: talk.statement,
        commitment_signed: talk.commitment_signed,
        subjects: subjects.into_iter().map(|s| TalkSubjectInput { person_id: s.person_id, unit_id: s.unit_id }).collect(),
    };
    save_talk_in(tx, ctx, input)
}

pub fn save_talk_in(tx: &Transaction, ctx: &Ctx, input: TalkInput) -> Result<Talk> {
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = talk_or_not_found(tx, &id)?;
            if old.meta.voided_at.is_some() {
                return Err(Error::Conflict("该谈话已作废，不能修改；如需修改请先恢复".into()));
            }
            if old.state != TalkState::Planned && !input.held {
                return Err(Error::Conflict("已开展的谈话不能改回计划".into()));
            }
            Some(old)
        }
        None => None,
    };
    let date_label = if input.held { "谈话日期" } else { "计划谈话日期" };
    let date = required_date("date", date_label, &input.date)?;
    if input.held {
        not_after_today("date", "谈话日期", date, ctx)?;
    }
    let date_str = format_date(date);

    // Subjects: at least one, each a live person, once.
    if input.subjects.iter().all(|s| s.person_id.trim().is_empty()) {
        return Err(Error::invalid("subjects", "谈话对象不能为空"));
    }
    let mut subjects: Vec<st::SubjectRow> = Vec::new();
    for s in &input.subjects {
        let pid = s.person_id.trim();
        if pid.is_empty() {
            continue;
        }
        let name = live_person(tx, "subjects", "谈话对象", pid)?;
        if subjects.iter().any(|(p, _, _)| p == pid) {
            return Err(Error::invalid("subjects", format!("谈话对象“{name}”重复")));
        }
        let post = match some_id(&s.unit_id) {
            Some(unit) => {
                live_unit(tx, "subjects", "谈话对象所在单位", &unit)?;
                let title = st::current_post(tx, pid, &date_str, Some(&unit))?.map(|(_, t)| t).unwrap_or_default();
                (Some(unit), title)
            }
            None => match st::current_post(tx, pid, &date_str, None)? {
                Some((u, t)) => (Some(u), t),
                None => (None, String::new()),
            },
        };
        subjects.push((pid.to_string(), post.0, post.1));
    }

    let conductor_person_id = some_id(&input.conductor_person_id);
    if let Some(c) = &conductor_person_id {
        let name = live_person(tx, "conductor_person_id", "谈话人", c)?;
        if subjects.iter().any(|(p, _, _)| p == c) {
            return Err(Error::invalid("conductor_person_id", format!("谈话人“{name}”不能同时是谈话对象")));
        }
    }
    let conductor_role = v::line("conductor_role", "谈话人职务", &input.conductor_role)?;
    if input.held && conductor_person_id.is_none() && conductor_role.is_empty() {
        return Err(Error::invalid("conductor_person_id", "谈话人不能为空：请从干部名册中选择，或填写外单位谈话人的职务"));
    }
    let configured = focus_areas(tx)?;
    let mut areas: Vec<String> = Vec::new();
    for a in &input.focus_areas {
        let a = a.trim().to_string();
        if a.is_empty() || areas.contains(&a) {
            continue;
        }
        // An area renamed in settings since the talk was recorded stays on the talk.
        let kept = existing.as_ref().is_some_and(|o| o.focus_areas.contains(&a));
        if !configured.contains(&a) && !kept {
            return Err(Error::invalid("focus_areas", format!("监督重点“{a}”不在设置的监督重点中")));
        }
        areas.push(a);
    }

    let state = match &existing {
        Some(old) if old.state != TalkState::Planned => old.state,
        _ if input.held => TalkState::Held,
        _ => TalkState::Planned,
    };
    let talk = Talk {
        id: existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string()),
        kind: input.kind,
        state,
        date: date_str.clone(),
        place: v::line("place", "谈话地点", &input.place)?,
        conductor_person_id,
        conductor_role,
        recorder: v::line("recorder", "记录人", &input.recorder)?,
        attendees: v::line("attendees", "列席人员", &input.attendees)?,
        source: v::line("source", "谈话缘由", &input.source)?,
        focus_areas: areas,
        outline: v::text("outline", "谈话提纲", &input.outline)?,
        problems: clean_list("problems", "指出的问题", &input.problems)?,
        remedies: clean_list("remedies", "提出的要求和整改措施", &input.remedies)?,
        statement: v::text("statement", "谈话对象表态", &input.statement)?,
        commitment_signed: input.commitment_signed,
        meta: existing.as_ref().map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match existing {
        Some(old) => {
            let old_subjects = st::subjects_of(tx, &old.id)?;
            if old.date != talk.date {
                move_item_dates(tx, ctx, &talk.id, date)?;
            }
            st::talk_update(tx, &talk)?;
            st::save_subjects(tx, &talk.id, &subjects, &ctx.timestamp())?;
            let new_subjects = st::subjects_of(tx, &talk.id)?;
            let action = if old.state == TalkState::Planned && talk.state == TalkState::Held { "held" } else { "update" };
            audit(
                tx,
                ctx,
                action,
                "talk",
                &talk.id,
                Some(&TalkSnapshot { talk: &old, subjects: &old_subjects }),
                Some(&TalkSnapshot { talk: &talk, subjects: &new_subjects }),
            )?;
        }
        None => {
            st::talk_insert(tx, &talk)?;
            st::save_subjects(tx, &talk.id, &subjects, &ctx.timestamp())?;
            let new_subjects = st::subjects_of(tx, &talk.id)?;
            audit(tx, ctx, "create", "talk", &talk.id, None, Some(&TalkSnapshot { talk: &talk, subjects: &new_subjects }))?;
        }
    }
    Ok(talk)
}

/// A talk's date moved: its items count from the new date; a fixed deadline may not fall before it.
fn move_item_dates(tx: &Transaction, ctx: &Ctx, talk_id: &str, date: NaiveDate) -> Result<()> {
    let items = st::items_of_origin(tx, OriginKind::Talk, talk_id)?;
    if items.is_empty() {
        return Ok(());
    }
    let cal = calendar(tx)?;
    for (old, _) in items {
        let mut new = RectificationItem { origin_date: format_date(date), meta: touched(&old.meta, ctx), ..old.clone() };
        if let Some(n) = old.due_workdays {
            let due = cal.add_workdays(date, n.clamp(0, MAX_WORKDAYS) as u32);
            new.due_date = format_date(due.date);
            new.due_estimated = due.estimated;
        } else if old.meta.voided_at.is_none() && parse_date(&old.due_date).is_some_and(|d| d < date) {
            return Err(Error::invalid(
                "date",
                format!("谈话日期（{}）不能晚于整改事项“{}”的期限（{}）", format_date(date), old.problem, old.due_date),
            ));
        }
        st::item_update(tx, &new)?;
        audit(tx, ctx, "update", "rectification_item", &old.id, Some(&old), Some(&new))?;
    }
    Ok(())
}

pub fn void_talk_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<Talk> {
    let why = reason(why)?;
    let old = talk_or_not_found(tx, id)?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该谈话已作废".into()));
    }
    let (open, closed) = st::item_tally(tx, OriginKind::Talk, id)?;
    if open + closed > 0 {
        return Err(Error::Conflict(format!("该谈话还有 {} 项整改事项，请先作废整改事项再作废谈话", open + closed)));
    }
    st::void(tx, Table::Talk, id, &ctx.timestamp(), &ctx.actor, &why)?;
    let new = talk_or_not_found(tx, id)?;
    audit(tx, ctx, "void", "talk", id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn restore_talk_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<Talk> {
    let old = talk_or_not_found(tx, id)?;
    if old.meta.voided_at.is_none() {
        return Err(Error::Conflict("该谈话未作废，无需恢复".into()));
    }
    st::restore(tx, Table::Talk, id, &ctx.timestamp(), &ctx.actor)?;
    let new = talk_or_not_found(tx, id)?;
    audit(tx, ctx, "restore", "talk", id, Some(&old), Some(&new))?;
    refresh_talk_state(tx, ctx, id)?;
    talk_or_not_found(tx, id)
}

pub fn talk_detail(db: &Db, ctx: &Ctx, id: &str) -> Result<TalkDetail> {
    let conn = db.conn();
    let talk = talk_or_not_found(conn, id)?;
    let conductor = match &talk.conductor_person_id {
        Some(p) => st::person_name(conn, p)?.map(|(n, _)| n).unwrap_or_default(),
        None => talk.conductor_role.clone(),
    };
    let items = st::items_of_origin(conn, OriginKind::Talk, id)?.into_iter().map(|(i, r)| item_view(i, r, ctx.today())).collect();
    Ok(TalkDetail { subjects: st::subjects_of(conn, id)?, talk, conductor, items })
}

pub fn list_talks(db: &Db, ctx: &Ctx, filter: &TalkFilter) -> Result<Vec<TalkRow>> {
    st::talk_rows(db.conn(), filter, &ctx.today_str())
}

/// A person's talks (as subject), newest first, for the person's page.
pub fn talks_of_person(db: &Db, ctx: &Ctx, person_id: &str) -> Result<Vec<TalkRow>> {
    list_talks(db, ctx, &TalkFilter { person_id: Some(person_id.to_string()), ..TalkFilter::default() })
}

/// Talks with someone of the unit (as the subject's unit at the time), for the unit's page.
pub fn talks_of_unit(db: &Db, ctx: &Ctx, unit_id: &str) -> Result<Vec<TalkRow>> {
    list_talks(db, ctx, &TalkFilter { unit_id: Some(unit_id.to_string()), ..TalkFilter::default() })
}

// ---------------------------------------------------------------- rectification items

/// Adds an item (no id) or edits an open one. The origin must be a held, live talk or a signed, live letter.
pub fn save_item(db: &mut Db, ctx: &Ctx, input: ItemInput) -> Result<ItemView> {
    let item = in_tx(db, |tx| save_item_in(tx, ctx, input))?;
    item_detail(db, ctx, &item.id).map(|d| d.view)
}

pub fn add_progress(db: &mut Db, ctx: &Ctx, item_id: &str, date: &str, note: &str) -> Result<ItemProgress> {
    in_tx(db, |tx| add_progress_in(tx, ctx, item_id, date, note))
}

/// 销号: closes an open item on `date` with its evidence; closing a talk's last open item closes the talk.
pub fn close_item(db: &mut Db, ctx: &Ctx, item_id: &str, date: &str, evidence: &str) -> Result<ItemView> {
    let item = in_tx(db, |tx| close_item_in(tx, ctx, item_id, date, evidence))?;
    item_detail(db, ctx, &item.id).map(|d| d.view)
}

pub fn void_item(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<RectificationItem> {
    in_tx(db, |tx| void_item_in(tx, ctx, id, why))
}

pub fn restore_item(db: &mut Db, ctx: &Ctx, id: &str) -> Result<RectificationItem> {
    in_tx(db, |tx| restore_item_in(tx, ctx, id))
}

pub fn save_item_in(tx: &Transaction, ctx: &Ctx, input: ItemInput) -> Result<RectificationItem> {
    // The origin: a held, live talk, or a signed, live, not yet closed letter. Its date is where
    // 工作日 deadlines count from (a letter's delivery date once known, else its signing date).
    let (origin_id, origin_date, origin_label) = match input.origin_kind {
        OriginKind::Talk => {
            let talk = talk_or_not_found(tx, input.origin_id.trim())?;
            if talk.meta.voided_at.is_some() {
                return Err(Error::Conflict("该谈话已作废，不能添加或修改整改事项".into()));
            }
            if talk.state == TalkState::Planned {
                return Err(Error::Conflict("谈话尚未开展（计划中），请先登记谈话情况，再添加整改事项".into()));
            }
            (talk.id, talk.date, "谈话日期")
        }
        OriginKind::Letter => {
            let letter = crate::store::letters::letter_get(tx, input.origin_id.trim())?.ok_or_else(|| Error::not_found("函件"))?;
            if letter.meta.voided_at.is_some() {
                return Err(Error::Conflict("该函件已作废，不能添加或修改整改事项".into()));
            }
            let date = match (&letter.delivered_date, &letter.signed_date) {
                (Some(d), _) => (d.clone(), "函件送达日期"),
                (None, Some(d)) => (d.clone(), "函件签发日期"),
                (None, None) => return Err(Error::Conflict("函件尚未签发，签发后才能添加整改事项".into())),
            };
            if letter.state == crate::model::letters::LetterState::Closed {
                return Err(Error::Conflict("该函件已销号，不能再添加或修改整改事项".into()));
            }
            (letter.id, date.0, date.1)
        }
        OriginKind::Finding | OriginKind::Assessment => {
            return Err(Error::invalid("origin_kind", "目前只能从谈话或函件添加整改事项"));
        }
    };
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = item_or_not_found(tx, &id)?;
            if old.origin_kind != input.origin_kind || old.origin_id != origin_id {
                return Err(Error::invalid("origin_id", "整改事项的来源不能更改"));
            }
            if old.meta.voided_at.is_some() {
                return Err(Error::Conflict("该整改事项已作废，不能修改；如需修改请先恢复".into()));
            }
            if old.status == ItemStatus::Closed {
                return Err(Error::Conflict("该整改事项已销号，不能修改".into()));
            }
            Some(old)
        }
        None => None,
    };
    let problem = v::text("problem", "整改问题", &input.problem)?;
    if problem.is_empty() {
        return Err(Error::invalid("problem", "整改问题不能为空"));
    }
    let measure = v::text("measure", "整改措施", &input.measure)?;
    let responsible_person_id = some_id(&input.responsible_person_id);
    if let Some(p) = &responsible_person_id {
        live_person(tx, "responsible_person_id", "责任人", p)?;
    }
    let responsible_unit_id = some_id(&input.responsible_unit_id);
    if let Some(u) = &responsible_unit_id {
        live_unit(tx, "responsible_unit_id", "责任单位", u)?;
    }
    let talk_date = parse_date(&origin_date).ok_or_else(|| Error::Database(format!("{origin_label}“{origin_date}”无效")))?;
    let given = input.due_date.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let (due_date, due_workdays, due_estimated) = match (given, input.due_workdays) {
        (Some(_), Some(_)) | (None, None) => {
            return Err(Error::invalid("due_date", "整改期限请填写截止日期或工作日数，二者选一"));
        }
        (Some(raw), None) => {
            let d = required_date("due_date", "整改期限", raw)?;
            if d < talk_date {
                return Err(Error::invalid(
                    "due_date",
                    format!("整改期限（{}）不能早于{origin_label}（{origin_date}）", format_date(d)),
                ));
            }
            (d, None, false)
        }
        (None, Some(n)) => {
            let due = calendar(tx)?.add_workdays(talk_date, check_workdays(n)?);
            (due.date, Some(n), due.estimated)
        }
    };
    let item = RectificationItem {
        id: existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string()),
        origin_kind: input.origin_kind,
        origin_id: origin_id.clone(),
        origin_date: origin_date.clone(),
        problem,
        measure,
        responsible_person_id,
        responsible_unit_id,
        due_workdays,
        due_date: format_date(due_date),
        due_estimated,
        status: ItemStatus::Open,
        closed_date: None,
        evidence: existing.as_ref().map(|o| o.evidence.clone()).unwrap_or_default(),
        meta: existing.as_ref().map(|o| touched(&o.meta, ctx)).unwrap_or_else(|| new_meta(ctx)),
    };
    match existing {
        Some(old) => {
            st::item_update(tx, &item)?;
            audit(tx, ctx, "update", "rectification_item", &item.id, Some(&old), Some(&item))?;
        }
        None => {
            st::item_insert(tx, &item)?;
            audit(tx, ctx, "create", "rectification_item", &item.id, None, Some(&item))?;
        }
    }
    if item.origin_kind == OriginKind::Talk {
        refresh_talk_state(tx, ctx, &origin_id)?;
    }
    Ok(item)
}

pub fn add_progress_in(tx: &Transaction, ctx: &Ctx, item_id: &str, date: &str, note: &str) -> Result<ItemProgress> {
    let item = item_or_not_found(tx, item_id)?;
    if item.meta.voided_at.is_some() {
        return Err(Error::Conflict("该整改事项已作废，不能添加进展".into()));
    }
    if item.status == ItemStatus::Closed {
        return Err(Error::Conflict("该整改事项已销号，不能再添加进展".into()));
    }
    let d = required_date("date", "进展日期", date)?;
    not_after_today("date", "进展日期", d, ctx)?;
    v::not_before("date", "进展日期", Some(d), origin_date_label(item.origin_kind), parse_date(&item.origin_date))?;
    let note = v::text("note", "进展情况", note)?;
    if note.is_empty() {
        return Err(Error::invalid("note", "进展情况不能为空"));
    }
    let p = ItemProgress {
        id: Uuid::new_v4().to_string(),
        item_id: item.id.clone(),
        date: format_date(d),
        note,
        created_at: ctx.timestamp(),
        created_by: ctx.actor.clone(),
    };
    st::progress_insert(tx, &p)?;
    audit(tx, ctx, "create", "item_progress", &p.id, None, Some(&p))?;
    Ok(p)
}

pub fn close_item_in(tx: &Transaction, ctx: &Ctx, item_id: &str, date: &str, evidence: &str) -> Result<RectificationItem> {
    let old = item_or_not_found(tx, item_id)?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该整改事项已作废，不能销号".into()));
    }
    if old.status == ItemStatus::Closed {
        return Err(Error::Conflict(format!("该整改事项已于{}销号", old.closed_date.as_deref().unwrap_or(""))));
    }
    let d = required_date("closed_date", "销号日期", date)?;
    not_after_today("closed_date", "销号日期", d, ctx)?;
    v::not_before("closed_date", "销号日期", Some(d), origin_date_label(old.origin_kind), parse_date(&old.origin_date))?;
    let evidence = v::text("evidence", "整改佐证材料", evidence)?;
    if evidence.is_empty() {
        return Err(Error::invalid("evidence", "整改佐证材料不能为空，请说明整改结果和佐证材料"));
    }
    let new = RectificationItem { status: ItemStatus::Closed, closed_date: Some(format_date(d)), evidence, meta: touched(&old.meta, ctx), ..old.clone() };
    st::item_update(tx, &new)?;
    audit(tx, ctx, "close", "rectification_item", item_id, Some(&old), Some(&new))?;
    if new.origin_kind == OriginKind::Talk {
        refresh_talk_state(tx, ctx, &new.origin_id)?;
    }
    Ok(new)
}

pub fn void_item_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<RectificationItem> {
    let why = reason(why)?;
    let old = item_or_not_found(tx, id)?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该整改事项已作废".into()));
    }
    st::void(tx, Table::Item, id, &ctx.timestamp(), &ctx.actor, &why)?;
    let new = item_or_not_found(tx, id)?;
    audit(tx, ctx, "void", "rectification_item", id, Some(&old), Some(&new))?;
    if new.origin_kind == OriginKind::Talk {
        refresh_talk_state(tx, ctx, &new.origin_id)?;
    }
    Ok(new)
}

pub fn restore_item_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<RectificationItem> {
    let old = item_or_not_found(tx, id)?;
    if old.meta.voided_at.is_none() {
        return Err(Error::Conflict("该整改事项未作废，无需恢复".into()));
    }
    if old.origin_kind == OriginKind::Talk && talk_or_not_found(tx, &old.origin_id)?.meta.voided_at.is_some() {
        return Err(Error::Conflict("该整改事项所属的谈话已作废，请先恢复谈话".into()));
    }
    if old.origin_kind == OriginKind::Letter
        && crate::store::letters::letter_get(tx, &old.origin_id)?.is_some_and(|l| l.meta.voided_at.is_some())
    {
        return Err(Error::Conflict("该整改事项所属的函件已作废，请先恢复函件".into()));
    }
    st::restore(tx, Table::Item, id, &ctx.timestamp(), &ctx.actor)?;
    let new = item_or_not_found(tx, id)?;
    audit(tx, ctx, "restore", "rectification_item", id, Some(&old), Some(&new))?;
    if new.origin_kind == OriginKind::Talk {
        refresh_talk_state(tx, ctx, &new.origin_id)?;
    }
    Ok(new)
}

pub fn item_detail(db: &Db, ctx: &Ctx, id: &str) -> Result<ItemDetail> {
    let (item, responsible) = st::item_get(db.conn(), id)?.ok_or_else(|| Error::not_found("整改事项"))?;
    Ok(ItemDetail { progress: st::progress_of(db.conn(), id)?, view: item_view(item, responsible, ctx.today()) })
}

// ---------------------------------------------------------------- talk plan

fn check_year(year: i32) -> Result<()> {
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("year", format!("计划年度“{year}”无效")));
    }
    Ok(())
}

pub fn talk_plan(db: &Db, ctx: &Ctx, year: i32) -> Result<TalkPlan> {
    check_year(year)?;
    Ok(TalkPlan { year, entries: st::plan_views(db.conn(), year)?, coverage: st::coverage(db.conn(), year, &ctx.today_str())? })
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

/// Year of a date, for callers holding a `Ctx`.
pub fn this_year(ctx: &Ctx) -> i32 {
    ctx.today().year()
}

/// (talks, items, open items, overdue items) for `jiandu check`.
pub fn talk_counts(conn: &Connection, ctx: &Ctx) -> Result<(i64, i64, i64, i64)> {
    st::counts(conn, &ctx.today_str())
}

// ---------------------------------------------------------------- 谈话记录表

/// The 谈话记录表 of a talk as a printable form.
pub fn talk_record_doc(db: &Db, ctx: &Ctx, id: &str) -> Result<crate::pdf::TalkRecordDoc> {
    use crate::pdf::RecordRow::{Full, Pair};
    let d = talk_detail(db, ctx, id)?;
    let t = &d.talk;
    let office = crate::service::get_office(db)?;
    let date = parse_date(&t.date).map(crate::letters::chinese_date).unwrap_or_else(|| t.date.clone());
    let date = if t.state == TalkState::Planned { format!("{date}（计划）") } else { date };
    let conductor = match (&t.conductor_person_id, t.conductor_role.trim()) {
        (Some(_), role) if !role.is_empty() => format!("{}（{role}）", d.conductor),
        _ => d.conductor.clone(),
    };
    let subjects: Vec<String> = d
        .subjects
        .iter()
        .map(|s| {
            let post = [s.unit_name.clone().unwrap_or_default(), s.title.clone()].iter().filter(|x| !x.is_empty()).cloned().collect::<Vec<_>>().join(" ");
            if post.is_empty() { s.person_name.clone() } else { format!("{}（{post}）", s.person_name) }
        })
        .collect();
    let numbered = |list: &[String]| list.iter().enumerate().map(|(i, p)| format!("{}. {}", i + 1, p)).collect::<Vec<_>>().join("\n");
    Ok(crate::pdf::TalkRecordDoc {
        organ_name: office.full_names.first().cloned().unwrap_or_default(),
        title: "谈话记录表".into(),
        rows: vec![
            Pair("谈话时间".into(), date, "谈话地点".into(), t.place.clone()),
            Pair("谈话人".into(), conductor, "记录人".into(), t.recorder.clone()),
            Pair("谈话类型".into(), t.kind.label().into(), "谈话事由".into(), t.source.clone()),
            Full("谈话对象及职务".into(), subjects.join("；"), 1),
            Full("列席人员".into(), t.attendees.clone(), 1),
            Full("监督重点".into(), t.focus_areas.join("、"), 1),
            Full("谈话要点".into(), t.outline.clone(), 3),
            Full("指出问题".into(), numbered(&t.problems), 3),
            Full("提出要求".into(), numbered(&t.remedies), 3),
            Full("本人表态".into(), t.statement.clone(), 2),
            Full("书面承诺".into(), if t.commitment_signed { "已签订书面承诺".into() } else { "未签订".into() }, 1),
            Pair("谈话对象签字".into(), "\n\n".into(), "谈话人签字".into(), "\n\n".into()),
        ],
    })
}

pub fn talk_record_pdf(db: &Db, ctx: &Ctx, fonts: &crate::pdf::FontSet, id: &str) -> Result<Vec<u8>> {
    Ok(crate::pdf::render_talk_record(fonts, &talk_record_doc(db, ctx, id)?)?)
}

/// Writes the 谈话记录表 to `path` (complete or not at all).
pub fn save_talk_record_pdf(db: &Db, ctx: &Ctx, fonts: &crate::pdf::FontSet, id: &str, path: &std::path::Path) -> Result<std::path::PathBuf> {
    let bytes = talk_record_pdf(db, ctx, fonts, id)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(path.to_path_buf())
}
