//! The 操作日志 page on a city-scale log: 300,000 rows written through `store::audit` (so
//! chained as the app chains them) by 20 accounts over two years, about 50,000 people. Times the
//! first page, a deep page, each filter, and the whole-chain check `jiandu check` runs.
//! `cargo bench -p jiandu-core --bench audit`

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use jiandu_core::model::audit::AuditFilter;
use jiandu_core::service::audit;
use jiandu_core::{Ctx, Db};

mod city;

const ROWS: usize = 300_000;
const PEOPLE: usize = 50_000;
const RUNS: usize = 9;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut db = Db::open(&dir.path().join("city.db"))?;
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?.and_hms_opt(8, 0, 0).ok_or("time")?;
    let t = Instant::now();
    {
        let tx = db.write()?;
        for i in 0..ROWS {
            let ctx = Ctx { actor: format!("录入员{}", i % 20), now: start + Duration::seconds((i as i64) * 200) };
            let p = (i * 31) % PEOPLE;
            let (entity, id) = match i % 4 {
                0 => ("person", format!("p{p}")),
                1 => ("talk", format!("t{i}")),
                2 => ("sanction", format!("s{i}")),
                _ => ("letter", format!("l{i}")),
            };
            let before = serde_json::json!({ "id": id, "person_id": format!("p{p}"), "notes": "", "phone": "" });
            let after = serde_json::json!({ "id": id, "person_id": format!("p{p}"), "notes": "复核后补充", "phone": "13800000000" });
            jiandu_core::store::audit(&tx, &ctx, if i % 3 == 0 { "create" } else { "update" }, entity, &id, Some(&before), Some(&after))?;
        }
        tx.commit()?;
    }
    println!("{ROWS} audit rows written and chained in {:.1} s", t.elapsed().as_secs_f64());

    let all = AuditFilter::default();
    time("first page, no filter", || audit::page(&db, &all, 0, 50).map(|_| ()))?;
    time("page 2,000 (offset 100,000)", || audit::page(&db, &all, 2_000, 50).map(|_| ()))?;
    let actor = AuditFilter { actor: Some("录入员7".into()), ..AuditFilter::default() };
    time("one account, first page", || audit::page(&db, &actor, 0, 50).map(|_| ()))?;
    let month = AuditFilter { from: Some("2026-03-01".into()), to: Some("2026-03-31".into()), ..AuditFilter::default() };
    time("one month, first page", || audit::page(&db, &month, 0, 50).map(|_| ()))?;
    let person = AuditFilter { person_id: Some("p4242".into()), ..AuditFilter::default() };
    time("one person, first page", || audit::page(&db, &person, 0, 50).map(|_| ()))?;
    let record = AuditFilter { entity: Some("talk".into()), record: Some("t1001".into()), ..AuditFilter::default() };
    time("one record, first page", || audit::page(&db, &record, 0, 50).map(|_| ()))?;
    time("verify the whole chain", || audit::verify(db.conn()).map(|s| assert!(s.ok())))?;
    Ok(())
}

fn time(what: &str, f: impl FnMut() -> jiandu_core::Result<()>) -> Result<(), Box<dyn std::error::Error>> {
    city::time(what, RUNS, f)
}
