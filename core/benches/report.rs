//! The annual supervision report on the generated city (`benches/city`, the worklist bench's
//! data: 2,000 units, 50,000 people, ten years of records). Timed: building the figures, and the
//! whole of 生成报告 to PDF and to .xlsx (figures, layout, file written). Target: each < 1 s.
//! Run with `cargo bench -p jiandu-core --bench report`; the figures go in BENCHMARKS.md.

use std::time::Instant;

use chrono::NaiveDate;
use jiandu_core::model::report::{ReportPeriod, ReportScope};
use jiandu_core::pdf::{FontConfig, FontSet};
use jiandu_core::service::report;
use jiandu_core::{Ctx, Db};

mod city;

const RUNS: usize = 9;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    // REPORT_BENCH_DB=/some/file.db keeps the city between runs (generated when the file is new).
    let path = std::env::var_os("REPORT_BENCH_DB").map(std::path::PathBuf::from).unwrap_or_else(|| dir.path().join("city.db"));
    let fresh = !path.exists();
    let mut db = Db::open(&path)?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
    let ctx = Ctx::at("bench", today);
    if fresh {
        let t = Instant::now();
        city::generate(&mut db, &city::CITY, today)?;
        db.conn().execute_batch("ANALYZE")?;
        println!("generated the city in {:.1} s", t.elapsed().as_secs_f64());
    }
    let fonts = FontSet::load(&FontConfig::default())?;
    let year = |y: i32| ReportScope::county(ReportPeriod::year(y));
    let r = report::build(db.conn(), &ctx, year(2025))?;
    println!(
        "2025: {} talks, {} heads ({} covered), {} letters, {} items ({} overdue), {} annex rows",
        r.talks_total, r.heads, r.heads_covered, r.letters_issued, r.items.opened, r.items.overdue, r.annex.len()
    );
    {
        use jiandu_core::store::report::{self as st, Scope};
        let s = Scope::new("2025-01-01".into(), "2025-12-31".into(), "2025-12-31".into(), None);
        let c = db.conn();
        time("§ units", || st::units(c, &s).map(|_| ()))?;
        time("§ talks by month and kind", || st::talks_by_month_kind(c, &s).map(|_| ()))?;
        time("§ heads coverage", || st::heads_coverage(c, &s).map(|_| ()))?;
        time("§ letters by kind", || st::letters_by_kind(c, &s).map(|_| ()))?;
        time("§ items", || st::items(c, &s).map(|_| ()))?;
        time("§ clues", || st::clues_by_disposal(c, &s).map(|_| ()))?;
        time("§ sanctions", || st::sanctions(c, &s).map(|_| ()))?;
        time("§ ratings", || st::ratings(c, &s).map(|_| ()))?;
        time("§ risks", || st::risks_by_level(c, &s).map(|_| ()))?;
        time("§ hearings, education", || st::hearings_education(c, &s).map(|_| ()))?;
        time("§ annex", || st::annex(c, &s).map(|_| ()))?;
        let r = report::build(c, &ctx, year(2025))?;
        time("§ tables()", || {
            r.tables();
            Ok(())
        })?;
        time("§ workbook bytes", || report::xlsx_bytes(&r).map(|_| ()))?;
        time("§ PDF bytes", || jiandu_core::pdf::render_report(&fonts, &r).map(|_| ()).map_err(Into::into))?;
    }
    time("figures 2025 (build)", || report::build(db.conn(), &ctx, year(2025)).map(|_| ()))?;
    time("figures 2026 so far (build)", || report::build(db.conn(), &ctx, year(2026)).map(|_| ()))?;
    let ten = ReportScope::county(ReportPeriod::range("2017-01-01", "2026-11-27"));
    time("figures 2017–2026 (build)", || report::build(db.conn(), &ctx, ten.clone()).map(|_| ()))?;
    let pdf = dir.path().join("年度报告.pdf");
    let xlsx = dir.path().join("年度报告.xlsx");
    time("annual report 2025 → PDF", || report::save(&db, &ctx, Some(&fonts), year(2025), &pdf).map(|_| ()))?;
    time("annual report 2025 → .xlsx", || report::save(&db, &ctx, None, year(2025), &xlsx).map(|_| ()))?;
    println!(
        "PDF {} KB, .xlsx {} KB",
        std::fs::metadata(&pdf).map(|m| m.len() / 1024).unwrap_or(0),
        std::fs::metadata(&xlsx).map(|m| m.len() / 1024).unwrap_or(0)
    );
    Ok(())
}

fn time(what: &str, f: impl FnMut() -> jiandu_core::Result<()>) -> Result<(), Box<dyn std::error::Error>> {
    city::time(what, RUNS, f)
}
