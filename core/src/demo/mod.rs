//! The demo county (云溪县, fictional): about 40 units and 150 people with positions and their
//! history, so a new user can try every screen at once. Generated, not shipped as a file, and the
//! same on every run. It loads only into an empty database, through the same service functions
//! (and so the same rules and audit rows) as a clerk's typing, in one transaction.

// ---- 考核
mod assessments;
// ---- end 考核
// ---- 家庭重大变动、听取汇报、警示教育
mod family;
// ---- end 家庭重大变动、听取汇报、警示教育
// ---- findings and clues
mod findings;
// ---- end findings and clues
mod letters;
mod org;
// ---- risk points
mod risks;
// ---- end risk points
mod sanctions;
mod talks;

pub use org::{COUNTY, UNIT_WITHOUT_HEAD};

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::service::common::in_tx;
use crate::store::{org as st, Db};

/// What `load` made, for the CLI and the first-run screen to report.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DemoSummary {
    pub units: i64,
    pub people: i64,
    pub positions: i64,
}

/// Loads the demo county into an empty database, all in one transaction.
pub fn load(db: &mut Db, ctx: &Ctx) -> Result<DemoSummary> {
    let c = st::counts(db.conn(), &ctx.today_str())?;
    if c.units > 0 || c.people > 0 || c.voided > 0 {
        return Err(Error::Conflict(format!(
            "数据库中已有 {} 个单位、{} 名干部，示范数据只能载入空数据库，以免与真实数据混在一起",
            c.units, c.people
        )));
    }
    in_tx(db, |tx| {
        org::load_in(tx, ctx)?;
        talks::load_in(tx, ctx)?;
        // ---- 考核: after talks, so the demo's 约谈 for a rating join the talks already there.
        assessments::load_in(tx, ctx)?;
        // ---- end 考核
        letters::load_in(tx, ctx)?;
        // -- sanctions (处分)
        sanctions::load_in(tx, ctx)?;
        // -- end sanctions
        // ---- 家庭重大变动、听取汇报、警示教育
        family::load_in(tx, ctx)?;
        // ---- end 家庭重大变动、听取汇报、警示教育
        // ---- risk points
        risks::load_in(tx, ctx)?;
        // ---- end risk points
        // ---- findings and clues
        findings::load_in(tx, ctx)?;
        // ---- end findings and clues
        let c = st::counts(tx, &ctx.today_str())?;
        Ok(DemoSummary { units: c.units, people: c.people, positions: c.positions })
    })
}
