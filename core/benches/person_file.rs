//! One person's 廉政档案 on a city's twenty years of records: 2,000 units, 50,000 people with three
//! posts each over 2007–2026, 400,000 talks (a 一把手 has about 60), 200,000 rectification items,
//! 60,000 letters (30 to each 一把手), 5,000 sanctions and 40,000 unit ratings. Run with
//! `cargo bench -p jiandu-core --bench person_file`; the figures go in BENCHMARKS.md. The data
//! is bulk-inserted in SQL (one transaction) as in the worklist bench; what is timed is what the
//! person page and 打印廉政档案 call. Targets: opening a file < 30 ms, printing it < 300 ms.

use std::time::Instant;

use chrono::{Days, NaiveDate};
use jiandu_core::pdf::{FontConfig, FontSet};
use jiandu_core::service::person_file;
use jiandu_core::{Ctx, Db};
use rusqlite::params;

mod city;

const UNITS: usize = 2_000;
const PEOPLE: usize = 50_000;
const TALKS: usize = 400_000;
const LETTERS: usize = 60_000;
const KINDS: [&str; 10] = ["监督谈话", "监督谈话", "监督谈话", "任职谈话", "提醒谈话", "约谈", "谈话函询", "诫勉谈话", "廉政谈话", "任前廉政谈话"];
const RUNS: usize = 21;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = std::env::var_os("PERSON_FILE_BENCH_DB").map(std::path::PathBuf::from).unwrap_or_else(|| dir.path().join("city.db"));
    let mut db = Db::open(&path)?;
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).ok_or("date")?;
    let ctx = Ctx::at("bench", today);
    let first = NaiveDate::from_ymd_opt(2007, 1, 1).ok_or("date")?;
    let span = (today - first).num_days() as u64;
    let day = |offset: u64| first.checked_add_days(Days::new(offset)).unwrap_or(first).format("%Y-%m-%d").to_string();

    let t = Instant::now();
    {
        let tx = db.write()?;
        let ts = "2026-12-01 09:00:00";
        {
            let mut unit = tx.prepare("INSERT INTO unit (id, name, category, status, sort_order, created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, '政府部门', '正常', ?3, ?4, 'bench', ?4, 'bench')")?;
            for i in 0..UNITS {
                unit.execute(params![format!("u{i}"), format!("某市第{i}局"), i as i64, ts])?;
            }
            let mut person = tx.prepare("INSERT INTO person (id, name, gender, birth_date, created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, '男', '1972-05-01', ?3, 'bench', ?3, 'bench')")?;
            let mut position = tx.prepare(
                "INSERT INTO position (id, person_id, unit_id, title, is_head, is_leadership, portfolio, start_date, end_date, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'bench', ?10, 'bench')",
            )?;
            for i in 0..PEOPLE {
                person.execute(params![format!("p{i}"), format!("干部{i}"), ts])?;
                let head = i < UNITS;
                // Three posts over the twenty years: two ended, the current one.
                let posts = [
                    ((i + 7) % UNITS, "科员", false, "2007-03-01", Some("2012-02-28")),
                    ((i + 3) % UNITS, "副局长", false, "2012-03-01", Some("2018-12-31")),
                    (i % UNITS, if head { "局长" } else { "科长" }, head, "2019-01-01", None),
                ];
                for (k, (u, title, is_head, start, end)) in posts.iter().enumerate() {
                    position.execute(params![
                        format!("po{i}-{k}"),
                        format!("p{i}"),
                        format!("u{u}"),
                        title,
                        is_head,
                        *is_head || k == 1,
                        if k == 1 { "分管办公室、财务和机关党建工作" } else { "" },
                        start,
                        end,
                        ts
                    ])?;
                }
            }
        }
        let mut talk = tx.prepare(
            "INSERT INTO talk (id, kind, state, date, conductor_role, created_at, created_by, updated_at, updated_by) \
             VALUES (?1, ?2, ?3, ?4, '市委书记', ?5, 'bench', ?5, 'bench')",
        )?;
        let mut subject = tx.prepare("INSERT INTO talk_subject (talk_id, person_id, unit_id, title, seq) VALUES (?1, ?2, ?3, '', 0)")?;
        let mut item = tx.prepare(
            "INSERT INTO rectification_item (id, origin_kind, origin_id, origin_date, seq, problem, due_date, status, closed_date, created_at, created_by, updated_at, updated_by) \
             VALUES (?1, '谈话', ?2, ?3, 0, '问题', ?4, ?5, ?6, ?7, 'bench', ?7, 'bench')",
        )?;
        for k in 0..TALKS {
            let kind = KINDS[k % KINDS.len()];
            let offset = (k as u64 * 7_919) % (span + 1);
            let date = day(offset);
            let person = if kind == "监督谈话" { (k * 13) % UNITS } else { (k * 31) % PEOPLE };
            let id = format!("t{k}");
            let recent = offset + 60 > span;
            let state = if k % 2 == 0 {
                item.execute(params![
                    format!("i{k}"),
                    id,
                    date,
                    day(offset + 20),
                    if recent { "整改中" } else { "已销号" },
                    if recent { None } else { Some(day(offset + 17)) },
                    ts
                ])?;
                if recent { "整改中" } else { "已销号" }
            } else {
                "已谈话"
            };
            talk.execute(params![id, kind, state, date, ts])?;
            subject.execute(params![id, format!("p{person}"), format!("u{}", person % UNITS)])?;
        }
        drop((talk, subject, item));
        {
            let mut letter = tx.prepare(
                "INSERT INTO letter (id, kind, number, code, year, seq, title, recipient_unit_id, recipient_person_id, recipient, body, \
                 signed_date, reply_due_date, delivered_date, replied_date, closed_date, state, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, '提醒函', ?2, '市纪函', ?3, ?4, '关于落实全面从严治党“两个责任”的提醒函', ?5, ?6, ?7, '', ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'bench', ?14, 'bench')",
            )?;
            let mut seq_of_year = std::collections::HashMap::new();
            for k in 0..LETTERS {
                let offset = (k as u64 * 104_729) % (span + 1);
                let signed = day(offset);
                let year: i32 = signed[..4].parse()?;
                let seq = seq_of_year.entry(year).and_modify(|n| *n += 1).or_insert(1i64);
                let h = (k * 17) % UNITS;
                let recent = offset + 60 > span;
                let (state, delivered, replied, closed) =
                    if recent { ("已送达", Some(day(offset + 1)), None, None) } else { ("已销号", Some(day(offset + 1)), Some(day(offset + 12)), Some(day(offset + 30))) };
                letter.execute(params![
                    format!("l{k}"),
                    format!("市纪函〔{year}〕{seq}号"),
                    year,
                    *seq,
                    format!("u{h}"),
                    format!("p{h}"),
                    format!("第{h}局党组"),
                    signed,
                    day(offset + 15),
                    delivered,
                    replied,
                    closed,
                    state,
                    ts
                ])?;
            }
        }
        {
            use jiandu_core::model::sanctions::{effect_end, SanctionCategory as C};
            const SANCTION_KINDS: [(C, &str); 4] = [(C::Party, "警告"), (C::Party, "严重警告"), (C::Administrative, "记过"), (C::Admonition, "诫勉")];
            let mut sanction = tx.prepare(
                "INSERT INTO sanction (id, person_id, category, kind, decision_date, decision_number, deciding_body, reason, effect_end, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, '中共某市纪律检查委员会', '违反中央八项规定精神，违规接受管理服务对象宴请，情节较重', ?7, ?8, 'bench', ?8, 'bench')",
            )?;
            for k in 0..PEOPLE / 10 {
                let (category, kind) = SANCTION_KINDS[k % SANCTION_KINDS.len()];
                let offset = (k as u64 * 7_919) % (span + 1);
                let decided = first.checked_add_days(Days::new(offset)).unwrap_or(first);
                let end = effect_end(category, kind, decided, None)?.map(|d| d.format("%Y-%m-%d").to_string());
                let label = jiandu_core::store::label(&category);
                sanction.execute(params![format!("s{k}"), format!("p{}", (k * 20 + 7) % PEOPLE), label, kind, day(offset), format!("市纪处〔{}〕{k}号", &day(offset)[..4]), end, ts])?;
            }
        }
        {
            let mut rate = tx.prepare(
                "INSERT INTO assessment (id, unit_id, year, rating, score, remark, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, 80, '', ?5, 'bench', ?5, 'bench')",
            )?;
            for year in 2007..2027 {
                for u in 0..UNITS {
                    let rating = match (u + year as usize) % 40 {
                        0 => "基本合格",
                        20 => "不合格",
                        k if k % 3 == 0 => "好",
                        _ => "较好",
                    };
                    rate.execute(params![format!("a{year}-{u}"), format!("u{u}"), year, rating, ts])?;
                }
            }
        }
        tx.commit()?;
    }
    db.conn().execute_batch("ANALYZE")?;
    println!(
        "generated {UNITS} units, {PEOPLE} people ({} posts), {TALKS} talks, {LETTERS} letters, {} sanctions, {} ratings over 20 years in {:.1} s ({} MB)",
        PEOPLE * 3,
        PEOPLE / 10,
        UNITS * 20,
        t.elapsed().as_secs_f64(),
        std::fs::metadata(&path).map(|m| m.len() / 1_048_576).unwrap_or(0)
    );

    // The heaviest file: the person talked to most (a 一把手 with some 200 talks).
    let who: String = db.conn().query_row("SELECT person_id FROM talk_subject GROUP BY person_id ORDER BY count(*) DESC, person_id LIMIT 1", [], |r| r.get(0))?;
    let who = who.as_str();
    let f = person_file::person_file(db.conn(), &ctx, who)?;
    let counts: Vec<String> = f.sections.iter().map(|s| format!("{} {}", s.title, s.rows.len())).collect();
    println!("{who}'s file: {}; {} timeline events", counts.join(", "), f.timeline.len());
    let t = Instant::now();
    let fonts = FontSet::load(&FontConfig::default())?;
    println!("fonts loaded once in {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    let bytes = person_file::person_file_pdf(&mut db, &ctx, &fonts, who)?;
    println!("printed file: {} KB", bytes.len() / 1024);
    let out = dir.path().join("file.pdf");
    if let Some(keep) = std::env::var_os("PERSON_FILE_BENCH_PDF") {
        std::fs::write(keep, &bytes)?;
    }

    time("person_file (read only)", || person_file::person_file(db.conn(), &ctx, who).map(|_| ()))?;
    time("open_person_file (+ audit row)", || person_file::open_person_file(&mut db, &ctx, who).map(|_| ()))?;
    time("person_file_pdf (preview, + audit)", || person_file::person_file_pdf(&mut db, &ctx, &fonts, who).map(|_| ()))?;
    time("save_person_file_pdf (print)", || {
        let _ = std::fs::remove_file(&out);
        person_file::save_person_file_pdf(&mut db, &ctx, &fonts, who, &out).map(|_| ())
    })?;
    // An ordinary cadre's file, for scale.
    time("person_file, a 科长 (p30000)", || person_file::person_file(db.conn(), &ctx, "p30000").map(|_| ()))?;
    Ok(())
}

fn time(what: &str, f: impl FnMut() -> jiandu_core::Result<()>) -> Result<(), Box<dyn std::error::Error>> {
    city::time(what, RUNS, f)
}
