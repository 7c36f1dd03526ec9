//! Talks: save, record as held, void, restore, and read them. Each write is one transaction that
//! checks the input, writes the records and their audit rows, or writes nothing.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, Transaction};
use serde::Serialize;
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::items::*;
use crate::model::talks::*;
use crate::model::validate::{self as v, format_date, parse_date};
use crate::store::talks::{self as st, Table};
use crate::store::{audit, Db};
use crate::service::common::*;
use crate::service::items::{item_view, refresh_talk_state};
use super::settings::focus_areas;

#[derive(Serialize)]
pub(super) struct TalkSnapshot<'a> {
    talk: &'a Talk,
    subjects: &'a [TalkSubject],
}

pub(super) fn talk_or_not_found(conn: &Connection, id: &str) -> Result<Talk> {
    st::talk_get(conn, id)?.ok_or_else(|| Error::not_found("谈话"))
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
        assessment_id: talk.assessment_id,
        clue_id: talk.clue_id,
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
    for (i, a) in input.focus_areas.iter().enumerate() {
        let a = v::line("focus_areas", &v::entry("监督重点", i), a)?;
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

    // ---- 考核: a 约谈 held because of a unit's rating names the assessment, closing its 待约谈.
    let assessment_id = some_id(&input.assessment_id);
    if let Some(a) = &assessment_id {
        let linked = existing.as_ref().and_then(|o| o.assessment_id.as_deref()) == Some(a.as_str());
        // A talk already linked keeps its link even if the assessment was voided since.
        if !linked {
            crate::service::assessments::live_assessment(tx, "assessment_id", a)?;
        }
        if input.kind != TalkKind::Summons {
            return Err(Error::invalid("assessment_id", format!("关联考核结果的谈话应为约谈，现为{}", input.kind.label())));
        }
    }
    // ---- end 考核
    // ---- clues: a 谈话函询 disposing of a clue names it; one live talk per clue.
    let clue_id = some_id(&input.clue_id);
    if let Some(c) = &clue_id {
        let linked = existing.as_ref().and_then(|o| o.clue_id.as_deref()) == Some(c.as_str());
        crate::service::clues::check_talk_link(tx, c, existing.as_ref().map(|o| o.id.as_str()), input.kind, linked)?;
    }
    // ---- end clues

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
        assessment_id,
        clue_id,
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
pub(super) fn move_item_dates(tx: &Transaction, ctx: &Ctx, talk_id: &str, date: NaiveDate) -> Result<()> {
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
    // ---- clues
    if let Some(c) = &old.clue_id {
        crate::service::clues::check_talk_restore(tx, c, id)?;
    }
    // ---- end clues
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
    // ---- clues
    let clue = match &talk.clue_id {
        Some(c) => crate::service::clues::clue_link(conn, c)?,
        None => None,
    };
    // ---- end clues
    let assessment = match &talk.assessment_id {
        Some(a) => match crate::store::assessments::get(conn, a)? {
            Some(a) => Some(AssessmentLink {
                unit_name: st::unit_name(conn, &a.unit_id)?.map(|(n, _)| n).unwrap_or_default(),
                id: a.id,
                unit_id: a.unit_id,
                year: a.year,
                rating: a.rating,
                voided: a.meta.voided_at.is_some(),
            }),
            None => None,
        },
        None => None,
    };
    Ok(TalkDetail { subjects: st::subjects_of(conn, id)?, talk, conductor, items, clue, assessment })
}

pub fn list_talks(db: &Db, ctx: &Ctx, filter: &TalkFilter) -> Result<Vec<TalkRow>> {
    let today = ctx.today_str();
    // A report figure's talks: the report's own condition (`store::report`).
    let extra = match &filter.scope {
        Some(scope) => crate::store::report::talks_drill(scope, &today)?,
        None => Vec::new(),
    };
    st::talk_rows_where(db.conn(), filter, &today, &extra)
}

/// A person's talks (as subject), newest first, for the person's page.
pub fn talks_of_person(db: &Db, ctx: &Ctx, person_id: &str) -> Result<Vec<TalkRow>> {
    list_talks(db, ctx, &TalkFilter { person_id: Some(person_id.to_string()), ..TalkFilter::default() })
}

/// Talks with someone of the unit (as the subject's unit at the time), for the unit's page.
pub fn talks_of_unit(db: &Db, ctx: &Ctx, unit_id: &str) -> Result<Vec<TalkRow>> {
    list_talks(db, ctx, &TalkFilter { unit_id: Some(unit_id.to_string()), ..TalkFilter::default() })
}

pub fn this_year(ctx: &Ctx) -> i32 {
    ctx.today().year()
}

/// (talks, items, open items, overdue items) for `jiandu check`.
pub fn talk_counts(conn: &Connection, ctx: &Ctx) -> Result<(i64, i64, i64, i64)> {
    st::counts(conn, &ctx.today_str())
}
