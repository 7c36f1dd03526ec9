//! What every service shares: the write transaction, record metadata, the void reason, the
//! checks on people and units a record points to, the office settings and writing a file whole.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};

use crate::calendar::Calendar;
use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::validate::{self as v, format_date};
use crate::model::{Office, RecordMeta};
use crate::store::{self, Db};

/// Runs one service action in its own write transaction: all of it commits, or none of it.
pub fn in_tx<T>(db: &mut Db, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
    let tx = db.write()?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

// ---- accounts
/// Like `in_tx` for a read that writes only its own trace in the audit log (opening a
/// 廉政档案): allowed to a 查阅员, still only while signed in.
pub fn in_read_tx<T>(db: &mut Db, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
    let tx = db.write_for_reading()?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}
// ---- end accounts

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

pub(crate) fn refuse_if_voided(meta: &RecordMeta, what: &str) -> Result<()> {
    if meta.voided_at.is_some() {
        return Err(Error::Conflict(format!("该{what}已作废，不能修改；如需修改请先恢复")));
    }
    Ok(())
}

pub(crate) fn reason(why: &str) -> Result<String> {
    v::required("reason", "作废原因", why)
}

/// A live person, or an error on `field` naming what the person was meant to be.
pub(crate) fn live_person(conn: &Connection, field: &str, what: &str, id: &str) -> Result<String> {
    match store::talks::person_name(conn, id)? {
        None => Err(Error::invalid(field, format!("{what}不存在，请从干部名册中选择"))),
        Some((name, true)) => Err(Error::invalid(field, format!("{what}“{name}”已作废，不能选用"))),
        Some((name, false)) => Ok(name),
    }
}

pub(crate) fn live_unit(conn: &Connection, field: &str, what: &str, id: &str) -> Result<String> {
    match store::talks::unit_name(conn, id)? {
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
        let t = v::text(field, &v::entry(label, i), t)?;
        if !t.is_empty() {
            out.push(t);
        }
    }
    Ok(out)
}

/// The office settings read inside a transaction.
pub(crate) fn office_in(conn: &Connection) -> Result<Office> {
    match store::get_setting(conn, OFFICE_KEY)? {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => Ok(Office::default()),
    }
}

/// Writes the whole file or nothing: a half-written PDF never stands under the name the clerk chose.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("partial");
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        // Nothing half-made stays behind either, not even under the temporary name.
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(written?)
}

pub const OFFICE_KEY: &str = "office";

pub fn get_office(db: &Db) -> Result<Office> {
    office_in(db.conn())
}

/// The calendar in force: built-in years, replaced or completed by the office's years.
pub fn calendar(conn: &Connection) -> Result<Calendar> {
    let office = store::talks::calendar_years(conn)?.into_iter().map(|v| v.year);
    Ok(Calendar::new(crate::calendar::built_in_years()?, office))
}

/// Longest deadline accepted in 工作日 (about a year and a half).
pub(crate) const MAX_WORKDAYS: i64 = 365;

pub(crate) fn check_workdays(n: i64) -> Result<u32> {
    if !(1..=MAX_WORKDAYS).contains(&n) {
        return Err(Error::invalid("due_workdays", format!("整改期限的工作日数应在1至{MAX_WORKDAYS}之间，现为{n}")));
    }
    Ok(n as u32)
}
