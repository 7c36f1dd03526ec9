//! Reading letters: lists, the letter page, counts, and lookups by number.


use rusqlite::Connection;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::items::*;
use crate::model::letters::*;
use crate::service::items::item_view;
use crate::store::letters as st;
use crate::store::talks as st_talks;
use crate::store::Db;


pub(super) fn letter_or_not_found(conn: &Connection, id: &str) -> Result<Letter> {
    st::letter_get(conn, id.trim())?.ok_or_else(|| Error::not_found("函件"))
}

pub(super) fn live_letter(conn: &Connection, id: &str, action: &str) -> Result<Letter> {
    let l = letter_or_not_found(conn, id)?;
    if l.meta.voided_at.is_some() {
        return Err(Error::Conflict(format!("该函件已作废，不能{action}；如需{action}请先恢复")));
    }
    Ok(l)
}

// ---------------------------------------------------------------- reading

pub fn list_letters(db: &Db, ctx: &Ctx, filter: &LetterFilter) -> Result<Vec<LetterRow>> {
    match &filter.scope {
        // A report figure's letters: signed in its period to its units, 逾期未复 on its as-of date.
        Some(scope) => {
            let extra = crate::store::report::letters_drill(scope, &ctx.today_str(), filter.overdue_only)?;
            let f = LetterFilter { overdue_only: false, ..filter.clone() };
            st::letter_rows_where(db.conn(), &f, ctx.today(), &extra)
        }
        None => st::letter_rows(db.conn(), filter, ctx.today()),
    }
}

pub fn letter_detail(db: &Db, ctx: &Ctx, id: &str) -> Result<LetterDetail> {
    let conn = db.conn();
    let letter = letter_or_not_found(conn, id)?;
    let today = ctx.today();
    let me = st::rows_by_id(conn, std::slice::from_ref(&letter.id), today)?.into_iter().next().ok_or_else(|| Error::not_found("函件"))?;
    let items = st_talks::items_of_origin(conn, OriginKind::Letter, &letter.id)?.into_iter().map(|(i, r)| item_view(i, r, today)).collect();
    let follow_ups = st::rows_by_id(conn, &st::follow_up_ids(conn, &letter.id)?, today)?;
    let original = match &letter.follow_up_of {
        Some(o) => st::rows_by_id(conn, std::slice::from_ref(o), today)?.into_iter().next(),
        None => None,
    };
    let batch = match &letter.batch_id {
        Some(b) => st::rows_by_id(conn, &st::batch_ids(conn, b)?, today)?.into_iter().filter(|r| r.id != letter.id).collect(),
        None => Vec::new(),
    };
    let template_name = match &letter.template_id {
        Some(t) => st::template_get(conn, t)?.map(|t| t.name),
        None => None,
    };
    Ok(LetterDetail {
        unit_name: me.unit_name.clone(),
        person_name: me.person_name.clone(),
        template_name,
        items,
        follow_ups,
        original,
        batch,
        overdue: me.overdue,
        days_left: me.days_left,
        voided: me.voided,
        letter,
    })
}

/// (letters, drafts, 逾期未复) for `jiandu check` and the counts.
pub fn letter_counts(conn: &Connection, ctx: &Ctx) -> Result<(i64, i64, i64)> {
    st::counts(conn, &ctx.today_str())
}

/// Signed, live letters of a year, in number order (`jiandu letters pdf --year`).
pub fn signed_letters_of_year(db: &Db, year: i32) -> Result<Vec<Letter>> {
    st::signed_of_year(db.conn(), year)
}

pub fn letter_by_number(db: &Db, number: &str) -> Result<Letter> {
    st::letter_by_number(db.conn(), number.trim())?.ok_or_else(|| Error::not_found(&format!("文号为“{}”的函件", number.trim())))
}
