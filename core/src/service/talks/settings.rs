//! The office's focus areas and the choices the talk form offers.

use rusqlite::Connection;

use crate::clock::Ctx;
use crate::error::Result;
use crate::model::dicts::Dict;
use crate::model::talks::*;
use crate::service::dicts;
use crate::store::Db;

/// The 8 focus areas of the county's 监督办法, as seeded; the office edits them in settings.
pub const DEFAULT_FOCUS_AREAS: &[&str] = Dict::FocusAreas.defaults();

/// The usual reasons for a talk, offered as suggestions (the field stays free text).
pub const TALK_SOURCES: [&str; 8] = ["年度计划", "日常监督", "考核结果", "巡察反馈", "信访举报", "审计发现", "专项检查", "问题线索处置"];

/// The focus areas a talk may name now (retired ones stay on the talks that have them).
pub fn focus_areas(conn: &Connection) -> Result<Vec<String>> {
    dicts::active(conn, Dict::FocusAreas)
}

pub fn save_focus_areas(db: &mut Db, ctx: &Ctx, areas: Vec<String>) -> Result<Vec<String>> {
    dicts::save_names(db, ctx, Dict::FocusAreas, areas)
}

pub fn talk_options(db: &Db) -> Result<TalkOptions> {
    Ok(TalkOptions {
        kinds: TalkKind::ALL.to_vec(),
        focus_areas: focus_areas(db.conn())?,
        sources: TALK_SOURCES.iter().map(|s| s.to_string()).collect(),
    })
}
