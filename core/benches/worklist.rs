//! The worklist (工作台) on a city's ten years of records: 50,000 people, 200,000 talks,
//! 500,000 rectification items, 30,000 letters, 2,500 sanctions, 20,000 assessments, 10,000
//! risk points, 20,000 findings with 40,000 items, 10,000 family changes. Run with `cargo bench -p jiandu-core --bench worklist`; the
//! figures go in BENCHMARKS.md. Data is bulk-inserted in SQL (one transaction) for speed; the
//! queries timed are the ones the app runs.

use std::time::Instant;

use chrono::NaiveDate;
use jiandu_core::model::letters::LetterFilter;
use jiandu_core::model::talks::TalkFilter;
use jiandu_core::service::{letters, talks, worklist};
use jiandu_core::{Ctx, Db};

mod city;
use city::CITY;

const UNITS: usize = CITY.units;
const PEOPLE: usize = CITY.people;
const TALKS: usize = CITY.talks;
const LETTERS: usize = CITY.letters;
const RUNS: usize = 15;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    // WORKLIST_BENCH_DB=/some/new/file.db keeps the database for a look at query plans.
    let path = std::env::var_os("WORKLIST_BENCH_DB").map(std::path::PathBuf::from).unwrap_or_else(|| dir.path().join("city.db"));
    let mut db = Db::open(&path)?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
    let ctx = Ctx::at("bench", today);

    let t = Instant::now();
    let items = city::generate(&mut db, &city::CITY, today)?;
    db.conn().execute_batch("ANALYZE")?;
    println!(
        "generated {UNITS} units, {PEOPLE} people, {} talks, {items} items, {LETTERS} letters over 10 years in {:.1} s ({} MB)",
        TALKS + 300,
        t.elapsed().as_secs_f64(),
        std::fs::metadata(&path).map(|m| m.len() / 1_048_576).unwrap_or(0)
    );

    let w = worklist::worklist(&db, &ctx)?;
    println!(
        "worklist: {} planned this month, {} heads without 监督谈话 in 12 months, {} items due/overdue ({} overdue), \
         {} letter replies due/overdue ({} 逾期未复); {}",
        w.planned_this_month.len(),
        w.heads_without_talk_total,
        w.items_due_total,
        w.items_overdue_total,
        w.letters_due_total,
        w.letters_overdue_total,
        w.figures.summary
    );
    println!("worklist: {} 待约谈 (考核基本合格/不合格 without a held 约谈)", w.summons_due_total);
    println!("worklist: {} risk points 待复核", w.risk_reviews_due_total);
    time("worklist (工作台)", || worklist::worklist(&db, &ctx).map(|_| ()))?;
    // ---- sections of the worklist, each timed alone (issue 13)
    {
        use jiandu_core::store::talks::{self as st, WorklistDates};
        let d = WorklistDates {
            today: "2026-11-27",
            year: 2026,
            month: 11,
            month_start: "2026-11-01",
            month_end: "2026-11-30",
            twelve_months_ago: "2025-11-27",
            week_ahead: "2026-12-04",
        };
        time("§ planned this month", || st::planned_this_month(db.conn(), &d).map(|_| ()))?;
        time("§ heads without talk", || st::heads_without_talk(db.conn(), &d).map(|_| ()))?;
        time("§ items due (talks+findings)", || st::items_due(db.conn(), &d).map(|_| ()))?;
        time("§ letters awaiting reply", || jiandu_core::store::letters::awaiting_reply(db.conn(), today, "2026-12-04", worklist::WORKLIST_LIMIT).map(|_| ()))?;
        time("§ sanctions in effect", || jiandu_core::store::sanctions::in_effect(db.conn(), "2026-11-27", 200).map(|_| ()))?;
        time("§ 待约谈", || jiandu_core::store::assessments::summons_due(db.conn(), "2026-11-27", worklist::WORKLIST_LIMIT).map(|_| ()))?;
        time("§ risk reviews due", || jiandu_core::store::risks::reviews_due(db.conn(), "2026-11-27", 200).map(|_| ()))?;
        time("§ year figures: year_counts", || st::year_counts(db.conn(), 2026, "2026-11-27").map(|_| ()))?;
        time("§ year figures: coverage", || st::coverage(db.conn(), 2026, "2026-11-27").map(|_| ()))?;
    }
    // ---- end sections
    // -- sanctions (处分)
    println!("sanctions: {} people inside an effect period today", w.sanctions_in_effect_total);
    time("sanctions in effect only", || jiandu_core::store::sanctions::in_effect(db.conn(), "2026-11-27", 200).map(|_| ()))?;
    time("people search 干部1 (with flag)", || jiandu_core::service::org::search_people(&db, &ctx, "干部1", false).map(|_| ()))?;
    // -- end sanctions
    time("待约谈 only", || jiandu_core::store::assessments::summons_due(db.conn(), "2026-11-27", worklist::WORKLIST_LIMIT).map(|_| ()))?;
    time("letter replies awaited only", || {
        jiandu_core::store::letters::awaiting_reply(db.conn(), today, "2026-12-04", worklist::WORKLIST_LIMIT).map(|_| ())
    })?;
    time("year figures only", || worklist::year_figures(&db, &ctx).map(|_| ()))?;
    time("talk plan 2026 with coverage", || talks::talk_plan(&db, &ctx, 2026).map(|_| ()))?;
    time("talks of one person", || talks::talks_of_person(&db, &ctx, "p42").map(|_| ()))?;
    let f = TalkFilter { year: Some(2026), kind: Some(jiandu_core::model::talks::TalkKind::Summons), ..TalkFilter::default() };
    time("talk list 2026 约谈", || talks::list_talks(&db, &ctx, &f).map(|_| ()))?;
    let of_person = LetterFilter { person_id: Some("p42".into()), ..LetterFilter::default() };
    time("letters of one person", || letters::list_letters(&db, &ctx, &of_person).map(|_| ()))?;
    let of_unit = LetterFilter { unit_id: Some("u42".into()), ..LetterFilter::default() };
    time("letters of one unit", || letters::list_letters(&db, &ctx, &of_unit).map(|_| ()))?;
    Ok(())
}

fn time(what: &str, f: impl FnMut() -> jiandu_core::Result<()>) -> Result<(), Box<dyn std::error::Error>> {
    city::time(what, RUNS, f)
}
