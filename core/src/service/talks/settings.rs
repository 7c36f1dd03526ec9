//! The office's focus areas and the choices the talk form offers.

use rusqlite::Connection;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::talks::*;
use crate::model::validate::{self as v};
use crate::store::{self, audit, Db};
use crate::service::common::*;

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

pub fn focus_areas(conn: &Connection) -> Result<Vec<String>> {
    match store::get_setting(conn, FOCUS_AREAS_KEY)? {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => Ok(DEFAULT_FOCUS_AREAS.iter().map(|s| s.to_string()).collect()),
    }
}

pub fn save_focus_areas(db: &mut Db, ctx: &Ctx, areas: Vec<String>) -> Result<Vec<String>> {
    let mut clean: Vec<String> = Vec::new();
    for (i, a) in areas.iter().enumerate() {
        let a = v::line("focus_areas", &v::entry("监督重点", i), a)?;
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
    in_tx(db, |tx| {
        // Read inside the write transaction, so the audit row's "before" is what this replaced.
        let before = focus_areas(tx)?;
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
