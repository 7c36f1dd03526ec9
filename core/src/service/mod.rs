//! The actions a user takes, one function each and one transaction each. Views never touch the
//! store directly: the Tauri commands and the CLI call these.

pub mod assessments;
// ---- backups and restore
pub mod backup;
pub mod restore;
// ---- end backups and restore
pub mod calendar;
pub mod common;
pub mod dicts;
pub mod items;
pub mod letters;
pub mod org;
// ---- 廉政档案 (person file)
pub mod person_file;
// ---- end 廉政档案
// ---- risk points
pub mod risks;
// ---- end risk points
pub mod sanctions;
pub mod talks;
pub mod worklist;
// ---- 家庭重大变动、听取汇报、警示教育
pub mod education;
pub mod family;
pub mod hearings;
// ---- end 家庭重大变动、听取汇报、警示教育
// ---- findings and clues
pub mod clues;
pub mod findings;
// ---- end findings and clues
// ---- report
pub mod report;
// ---- end report
// ---- accounts
pub mod accounts;
// ---- end accounts
// ---- audit chain
pub mod audit;
// ---- end audit chain
// ---- dashboards
pub mod stats;
// ---- end dashboards
// ---- encryption at rest
pub mod crypt;
// ---- end encryption at rest

pub use common::get_office;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::validate as v;
use crate::model::{AppInfo, Counts, Office};
use crate::store::{self, audit, Db};

pub fn save_office(db: &mut Db, ctx: &Ctx, input: Office) -> Result<Office> {
    db.require_admin("本机关设置")?; // ---- accounts
    let mut full_names: Vec<String> = Vec::new();
    for (i, n) in input.full_names.iter().enumerate() {
        let n = v::line("full_names", &v::entry("机关全称", i), n)?;
        if !n.is_empty() {
            full_names.push(n);
        }
    }
    if full_names.is_empty() {
        return Err(Error::invalid("full_names", "机关全称不能为空，如“中共××县纪律检查委员会”"));
    }
    let agency_code = v::required("agency_code", "机关代字", &input.agency_code)?;
    if agency_code.chars().any(|c| c.is_ascii_digit() || "〔〕[]()（）".contains(c)) {
        return Err(Error::invalid("agency_code", "机关代字只填代字本身，如“宣纪函”，不含年份和序号"));
    }
    let office = Office {
        full_names,
        agency_code,
        contact_person: v::line("contact_person", "联系人", &input.contact_person)?,
        contact_phone: v::phone("contact_phone", "联系电话", &input.contact_phone)?,
        operator: v::line("operator", "当前操作人", &input.operator)?,
    };
    common::in_tx(db, |tx| {
        // Read inside the write transaction: another window's save lands before or after, never
        // between what the audit row calls "before" and what this save replaces.
        let before = common::office_in(tx)?;
        store::put_setting(tx, common::OFFICE_KEY, &serde_json::to_string(&office)?)?;
        audit(tx, ctx, "update", "office", common::OFFICE_KEY, Some(&before), Some(&office))?;
        Ok(office)
    })
}

/// The name written as author of changes: the signed-in account (显示名（登录名）), else — no
/// account exists yet — the OS login. (The self-declared 当前操作人 is no longer used.)
pub fn actor(db: &Db) -> String {
    db.actor()
}

pub fn counts(db: &Db, ctx: &Ctx) -> Result<Counts> {
    let c = store::org::counts(db.conn(), &ctx.today_str())?;
    let (talks, rectification_items, open_items, overdue_items) = talks::talk_counts(db.conn(), ctx)?;
    let (letters, letter_drafts, overdue_letters) = letters::letter_counts(db.conn(), ctx)?;
    // -- sanctions (处分)
    let (sanctions, sanctions_in_effect) = sanctions::sanction_counts(db, ctx)?;
    let c = Counts { sanctions, sanctions_in_effect, ..c };
    // -- end sanctions
    // ---- 考核
    let (assessments, summons_pending) = assessments::assessment_counts(db.conn())?;
    // ---- end 考核
    // ---- 家庭重大变动、听取汇报、警示教育
    let (family_changes, family_changes_late) = family::family_change_counts(db.conn())?;
    let c = Counts {
        family_changes,
        family_changes_late,
        hearings: hearings::hearing_count(db.conn())?,
        education: education::education_count(db.conn())?,
        ..c
    };
    // ---- end 家庭重大变动、听取汇报、警示教育
    // ---- risk points
    let (risk_points, risk_points_high, risk_reviews_due) = risks::risk_counts(db.conn(), ctx)?;
    let c = Counts { risk_points, risk_points_high, risk_reviews_due, ..c };
    // ---- end risk points
    // ---- findings and clues
    let (findings, findings_rectifying) = findings::finding_counts(db.conn())?;
    let (clues, clues_undisposed) = clues::clue_counts(db.conn())?;
    let c = Counts { findings, findings_rectifying, clues, clues_undisposed, ..c };
    // ---- end findings and clues
    Ok(Counts {
        talks,
        rectification_items,
        open_items,
        overdue_items,
        letters,
        letter_drafts,
        overdue_letters,
        assessments,
        summons_pending,
        ..c
    })
}

pub fn app_info(db: &Db, ctx: &Ctx, data_dir: &std::path::Path) -> Result<AppInfo> {
    let c = counts(db, ctx)?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: data_dir.display().to_string(),
        database_path: db.path().map(|p| p.display().to_string()).unwrap_or_default(),
        schema_version: db.schema_version()?,
        today: ctx.today_str(),
        is_empty: c.units == 0 && c.people == 0 && c.voided == 0,
    })
}

/// A backup into the backup folder (chosen in settings, else the data folder's `backups/`),
/// named by the time it was taken.
pub fn backup_now(db: &Db) -> Result<std::path::PathBuf> {
    backup::take(db, &Ctx::system(actor(db)), backup::MANUAL)
}
