//! People search on a city-scale database: 50,000 people with positions. Run with
//! `cargo bench -p jiandu-core --bench search`; figures go in BENCHMARKS.md.

use std::time::Instant;

use jiandu_core::model::{PersonInput, PositionInput, UnitCategory, UnitInput, UnitStatus};
use jiandu_core::service::common::in_tx;
use jiandu_core::service::org::{save_person_in, save_position_in, save_unit_in, search_people};
use jiandu_core::{Ctx, Db};

mod city;
use city::Timer;

const PEOPLE: usize = 50_000;
const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "单", "曾", "解", "覃", "尉迟"];
// 帅 (shuai) gives the "zs" shape its 张帅…/赵帅…/曾帅… (without a given name in s, "zs" matched no one).
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "丽华", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "帅"];

/// A valid 18-digit 身份证号 for a birth date and a sequence number (check digit per GB 11643).
fn id_number(birth: chrono::NaiveDate, seq: usize) -> String {
    let body = format!("440102{}{:03}", birth.format("%Y%m%d"), seq % 1000);
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.chars().zip(W).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut db = Db::open(&dir.path().join("bench.db"))?;
    let ctx = Ctx::at("bench", chrono::NaiveDate::from_ymd_opt(2026, 11, 28).ok_or("date")?);
    let first_birth = chrono::NaiveDate::from_ymd_opt(1962, 1, 1).ok_or("date")?;
    let t = Instant::now();
    let mut positions = 0usize;
    let mut past = 0usize;
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
            let birth = first_birth + chrono::Days::new((i % 10_000) as u64);
            let p = save_person_in(tx, &ctx, PersonInput {
                id: None, name, gender: None, ethnicity: String::new(), birth_date: Some(birth.format("%Y-%m-%d").to_string()), party_join_date: None,
                education: String::new(), id_number: Some(id_number(birth, i / 10_000)), phone: format!("138{i:08}"), notes: String::new(),
            })?;
            // 2, 3 or 4 posts (3 on average); the first one ended for three people in four, so a
            // quarter of all posts are past.
            for k in 0..2 + i % 3 {
                let ended = k == 0 && i % 4 != 0;
                save_position_in(tx, &ctx, PositionInput {
                    id: None, person_id: p.id.clone(), unit_id: units[(i + k * 7) % units.len()].clone(), title: if k == 0 { "科员" } else { "副局长" }.into(), rank: String::new(),
                    is_head: false, is_leadership: k > 0, portfolio: String::new(),
                    start_date: Some(if ended { "2015-01-01" } else { "2020-01-01" }.into()), end_date: ended.then(|| "2019-12-31".to_string()),
                })?;
                positions += 1;
                past += usize::from(ended);
            }
        }
        Ok(())
    })?;
    println!("generated {PEOPLE} people with {positions} posts ({past} past) in {:.1} s", t.elapsed().as_secs_f64());

    // The index is built by the first search (here after all the writes).
    let t = Instant::now();
    search_people(&db, &ctx, "z", false)?;
    println!("first search after the writes (builds the index): {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);

    // What a clerk types, keystroke by keystroke: every prefix of each query is one search, as the
    // window sends it. Each typing session is repeated; p99 is over all keystrokes of a shape.
    let last_digits = {
        let id = id_number(first_birth + chrono::Days::new(4_321), 2);
        id[id.len() - 6..].to_string()
    };
    let shapes: Vec<(&str, String)> = vec![
        ("one hanzi", "张".into()),
        ("one initial", "z".into()),
        ("two initials", "zs".into()),
        ("initials, infix", "slh".into()),
        ("full pinyin", "zhangwei".into()),
        ("a name", "张伟丽华".into()),
        ("given name, infix", "丽华".into()),
        ("compound surname", "尉迟".into()),
        ("身份证号, last digits", last_digits),
        ("身份证号, first digits", "44010219".into()),
        ("phone digits", "13800012".into()),
        ("no match", "xyz".into()),
    ];
    const SESSIONS: usize = 30;
    println!("{:<34} {:>8} {:>6} {:>9} {:>9} {:>9} {:>12} {:>9}", "shape (query)", "matches", "keys", "median", "p99", "max", "cpu median", "cpu p99");
    for (shape, query) in &shapes {
        let prefixes: Vec<String> = (1..=query.chars().count()).map(|n| query.chars().take(n).collect()).collect();
        let mut t = Timer::default();
        let mut hits = 0;
        for _ in 0..SESSIONS {
            for p in &prefixes {
                hits = t.run(|| search_people(&db, &ctx, p, false))?.total;
            }
        }
        let ([median, p99, max], [cpu, cpu_p99]) = t.stats();
        println!(
            "{:<34} {hits:>8} {:>6} {median:>7.2}ms {p99:>7.2}ms {max:>7.2}ms {cpu:>10.2}ms {cpu_p99:>7.2}ms",
            format!("{shape} ({query})"),
            prefixes.len(),
        );
        if hits == 0 && *shape != "no match" {
            return Err(format!("the shape {shape:?} ({query}) matches no one: it would time a miss").into());
        }
    }
    // For comparison: the SQL scan the window used before (kept as the definition and for export).
    for query in ["z", "zs", "张伟", "丽华"] {
        let mut ms = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            jiandu_core::store::org::person_search(db.conn(), query, false, "2026-11-28", 200)?;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        ms.sort_by(|a, b| a.total_cmp(b));
        println!("SQL scan {query:<10} median {:>7.2} ms", ms[ms.len() / 2]);
    }
    // A write touches a few people's entries: the next keystroke re-reads those from SQL. A write
    // by another connection rebuilds the whole index; a new day re-reads the people whose posts or
    // sanctions begin or end in between.
    let some = search_people(&db, &ctx, "z", false)?.rows[0].id.clone();
    let mut k = 0;
    let mut after_write = |what: &str, write: &mut dyn FnMut(usize) -> rusqlite::Result<usize>| -> Result<(), Box<dyn std::error::Error>> {
        let mut t = Timer::default();
        for _ in 0..9 {
            k += 1;
            write(k)?;
            t.run(|| search_people(&db, &ctx, "z", false))?;
        }
        let ([median, _, max], [cpu, _]) = t.stats();
        println!("first keystroke after {what:<40} median {median:>7.2} ms   max {max:>7.2} ms   on-CPU median {cpu:>7.2} ms");
        Ok(())
    };
    after_write("a person write (1 entry)", &mut |k| db.conn().execute("UPDATE person SET notes = ?2 WHERE id = ?1", rusqlite::params![some, format!("{k}")]))?;
    after_write("a unit renamed (its ~75 people)", &mut |k| db.conn().execute("UPDATE unit SET short_name = ?1 WHERE id = (SELECT unit_id FROM position LIMIT 1)", [format!("简称{k}")]))?;
    let path = dir.path().join("bench.db");
    after_write("another connection's write (rebuild)", &mut |k| {
        rusqlite::Connection::open(&path)?.execute("UPDATE person SET notes = ?2 WHERE id = ?1", rusqlite::params![some, format!("cli{k}")])
    })?;
    let mut t = Timer::default();
    for k in 0..9u64 {
        let day = Ctx::at("bench", chrono::NaiveDate::from_ymd_opt(2026, 11, 28).ok_or("date")? + chrono::Days::new(k + 1));
        t.run(|| search_people(&db, &day, "z", false))?;
    }
    let ([median, _, max], _) = t.stats();
    println!("first keystroke of a new day (posts/sanctions re-read)  median {median:>7.2} ms   max {max:>7.2} ms");
    Ok(())
}
