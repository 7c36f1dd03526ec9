//! People search on a city-scale database: 50,000 people with positions. Run with
//! `cargo bench -p jiandu-core --bench search`; figures go in BENCHMARKS.md.

use std::time::Instant;

use jiandu_core::model::{PersonInput, PositionInput, UnitCategory, UnitInput, UnitStatus};
use jiandu_core::service::common::in_tx;
use jiandu_core::service::org::{save_person_in, save_position_in, save_unit_in, search_people};
use jiandu_core::{Ctx, Db};

const PEOPLE: usize = 50_000;
const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "单", "曾", "解", "覃", "尉迟"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "丽华", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut db = Db::open(&dir.path().join("bench.db"))?;
    let ctx = Ctx::at("bench", chrono::NaiveDate::from_ymd_opt(2026, 11, 28).ok_or("date")?);
    let t = Instant::now();
    in_tx(&mut db, |tx| {
        let mut units = Vec::new();
        for i in 0..2_000 {
            let u = save_unit_in(tx, &ctx, UnitInput {
                id: None, name: format!("第{i}单位"), short_name: String::new(), category: UnitCategory::GovernmentDepartment,
                parent_id: None, supervisor: String::new(), status: UnitStatus::Active, sort_order: i, notes: String::new(),
            })?;
            units.push(u.id);
        }
        for i in 0..PEOPLE {
            let name = format!("{}{}{}", SURNAMES[i % SURNAMES.len()], GIVEN[(i / 7) % GIVEN.len()], GIVEN[(i / 131) % GIVEN.len()]);
            let p = save_person_in(tx, &ctx, PersonInput {
                id: None, name, gender: None, ethnicity: String::new(), birth_date: None, party_join_date: None,
                education: String::new(), id_number: None, phone: String::new(), notes: String::new(),
            })?;
            save_position_in(tx, &ctx, PositionInput {
                id: None, person_id: p.id, unit_id: units[i % units.len()].clone(), title: "副局长".into(), rank: String::new(),
                is_head: false, is_leadership: true, portfolio: String::new(), start_date: Some("2020-01-01".into()), end_date: None,
            })?;
        }
        Ok(())
    })?;
    println!("generated {PEOPLE} people with positions in {:.1} s", t.elapsed().as_secs_f64());

    // What a clerk types, keystroke by keystroke.
    for query in ["z", "zs", "zhang", "zhangwei", "slh", "张", "张伟", "丽华", "尉迟", "xyz"] {
        let runs = 20;
        let mut best = f64::MAX;
        let mut total = 0.0;
        let mut hits = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let r = search_people(&db, &ctx, query, false)?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            best = best.min(ms);
            total += ms;
            hits = r.total;
        }
        println!("search {query:<10} {hits:>6} matches   mean {:>6.2} ms   best {:>6.2} ms", total / runs as f64, best);
    }
    Ok(())
}
