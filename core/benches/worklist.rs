//! The worklist (工作台) on a city's ten years of records: 50,000 people, 200,000 talks,
//! 500,000 rectification items, 30,000 letters, 2,500 sanctions, 20,000 assessments, 10,000
//! risk points, 20,000 findings with 40,000 items, 10,000 family changes. Run with `cargo bench -p jiandu-core --bench worklist`; the
//! figures go in BENCHMARKS.md. Data is bulk-inserted in SQL (one transaction) for speed; the
//! queries timed are the ones the app runs.

use std::time::Instant;

use chrono::{Days, NaiveDate};
use jiandu_core::model::letters::LetterFilter;
use jiandu_core::model::talks::TalkFilter;
use jiandu_core::service::{letters, talks, worklist};
use jiandu_core::{Ctx, Db};
use rusqlite::params;

const UNITS: usize = 2_000;
const PEOPLE: usize = 50_000;
const TALKS: usize = 200_000;
const KINDS: [&str; 10] = ["监督谈话", "监督谈话", "监督谈话", "任职谈话", "提醒谈话", "约谈", "谈话函询", "诫勉谈话", "廉政谈话", "任前廉政谈话"];
const LETTERS: usize = 30_000;
const RUNS: usize = 15;
const FINDINGS: usize = 20_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    // WORKLIST_BENCH_DB=/some/new/file.db keeps the database for a look at query plans.
    let path = std::env::var_os("WORKLIST_BENCH_DB").map(std::path::PathBuf::from).unwrap_or_else(|| dir.path().join("city.db"));
    let mut db = Db::open(&path)?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
    let ctx = Ctx::at("bench", today);
    let first = NaiveDate::from_ymd_opt(2017, 1, 1).ok_or("date")?;
    let span = (today - first).num_days() as u64;
    let day = |offset: u64| first.checked_add_days(Days::new(offset)).unwrap_or(first).format("%Y-%m-%d").to_string();

    let t = Instant::now();
    let items = {
        let tx = db.write()?;
        let ts = "2026-11-27 09:00:00";
        {
            let mut unit = tx.prepare("INSERT INTO unit (id, name, category, status, sort_order, created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, '政府部门', '正常', ?3, ?4, 'bench', ?4, 'bench')")?;
            for i in 0..UNITS {
                unit.execute(params![format!("u{i}"), format!("第{i}单位"), i as i64, ts])?;
            }
            let mut person = tx.prepare("INSERT INTO person (id, name, created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, 'bench', ?3, 'bench')")?;
            let mut position = tx.prepare(
                "INSERT INTO position (id, person_id, unit_id, title, is_head, is_leadership, start_date, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, '2020-01-01', ?6, 'bench', ?6, 'bench')",
            )?;
            for i in 0..PEOPLE {
                person.execute(params![format!("p{i}"), format!("干部{i}"), ts])?;
                let head = i < UNITS;
                position.execute(params![format!("po{i}"), format!("p{i}"), format!("u{}", i % UNITS), if head { "局长" } else { "科员" }, head, ts])?;
            }
        }
        let mut talk = tx.prepare(
            "INSERT INTO talk (id, kind, state, date, conductor_role, created_at, created_by, updated_at, updated_by) \
             VALUES (?1, ?2, ?3, ?4, '县委书记', ?5, 'bench', ?5, 'bench')",
        )?;
        let mut subject = tx.prepare("INSERT INTO talk_subject (talk_id, person_id, unit_id, title, seq) VALUES (?1, ?2, ?3, '', 0)")?;
        let mut item = tx.prepare(
            "INSERT INTO rectification_item (id, origin_kind, origin_id, origin_date, seq, problem, due_date, status, closed_date, created_at, created_by, updated_at, updated_by) \
             VALUES (?1, '谈话', ?2, ?3, ?4, '问题', ?5, ?6, ?7, ?8, 'bench', ?8, 'bench')",
        )?;
        let mut n_items = 0usize;
        for k in 0..TALKS {
            let kind = KINDS[k % KINDS.len()];
            let offset = (k as u64 * 7_919) % (span + 1);
            let date = day(offset);
            let person = if kind == "监督谈话" {
                // Heads, except every seventh, who is never talked to.
                let h = (k * 13) % UNITS;
                if h.is_multiple_of(7) { (h + 1) % UNITS } else { h }
            } else {
                (k * 31) % PEOPLE
            };
            let recent = offset + 60 > span;
            let id = format!("t{k}");
            let n = if k % 2 == 0 { 3 } else { 2 };
            let mut open = 0;
            for s in 0..n {
                let due_offset = offset + 20 + s as u64 * 10;
                // Old items are closed except one in a hundred; recent ones are still open.
                let closed = !recent && (k + s) % 100 != 0;
                if !closed {
                    open += 1;
                }
                item.execute(params![
                    format!("i{k}-{s}"),
                    id,
                    date,
                    s as i64,
                    day(due_offset),
                    if closed { "已销号" } else { "整改中" },
                    if closed { Some(day(due_offset - 3)) } else { None },
                    ts
                ])?;
                n_items += 1;
            }
            let state = if open > 0 { "整改中" } else { "已销号" };
            talk.execute(params![id, kind, state, date, ts])?;
            subject.execute(params![id, format!("p{person}"), format!("u{}", person % UNITS)])?;
        }
        // Planned talks for the coming weeks and this year's plan.
        for k in 0..300 {
            let id = format!("plan-talk{k}");
            talk.execute(params![id, "监督谈话", "计划", day(span + 1 + (k % 20) as u64), ts])?;
            subject.execute(params![id, format!("p{}", (k * 3) % UNITS), format!("u{}", (k * 3) % UNITS)])?;
        }
        drop((talk, subject, item));
        {
            let mut plan = tx.prepare(
                "INSERT INTO talk_plan (id, year, person_id, unit_id, conductor_role, planned_month, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, 2026, ?2, ?3, '县委书记', ?4, ?5, 'bench', ?5, 'bench')",
            )?;
            for i in 0..UNITS {
                plan.execute(params![format!("tp{i}"), format!("p{i}"), format!("u{i}"), (i % 12 + 1) as i64, ts])?;
            }
        }
        {
            // Letters: signed on a day of the ten years, reply due 15 days later. Old ones are
            // replied and closed except one in fifty (逾期未复 for good) and one in a hundred voided;
            // those of the last 60 days are signed or delivered and still awaited.
            let mut letter = tx.prepare(
                "INSERT INTO letter (id, kind, number, code, year, seq, title, recipient_unit_id, recipient_person_id, recipient, body, \
                 signed_date, reply_due_date, delivered_date, replied_date, reply_number, reply_summary, closed_date, state, \
                 created_at, created_by, updated_at, updated_by, voided_at, void_reason) \
                 VALUES (?1, '提醒函', ?2, '宣纪函', ?3, ?4, '关于落实全面从严治党“两个责任”的提醒函', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
                 ?17, 'bench', ?17, 'bench', ?18, ?19)",
            )?;
            let body = "请你单位党组（党委）切实履行全面从严治党主体责任，主要负责人履行第一责任人职责。".repeat(12);
            let mut seq_of_year = std::collections::HashMap::new();
            for k in 0..LETTERS {
                let offset = (k as u64 * 104_729) % (span + 1);
                let signed = day(offset);
                let year: i32 = signed[..4].parse()?;
                let seq = seq_of_year.entry(year).and_modify(|n| *n += 1).or_insert(1i64);
                let h = (k * 17) % UNITS;
                let recent = offset + 60 > span;
                let stuck = k % 50 == 0;
                let (state, delivered, replied, closed) = if recent || stuck {
                    if k % 3 == 0 { ("已签发", None, None, None) } else { ("已送达", Some(day(offset + 1)), None, None) }
                } else {
                    ("已销号", Some(day(offset + 1)), Some(day(offset + 12)), Some(day(offset + 30)))
                };
                let voided = k % 100 == 7;
                letter.execute(params![
                    format!("l{k}"),
                    format!("宣纪函〔{year}〕{seq}号"),
                    year,
                    *seq,
                    format!("u{h}"),
                    format!("p{h}"),
                    format!("第{h}单位党组"),
                    body,
                    signed,
                    day(offset + 15),
                    delivered,
                    replied,
                    if replied.is_some() { format!("第{h}单位〔{year}〕1号") } else { String::new() },
                    if replied.is_some() { "已召开专题会议研究部署。" } else { "" },
                    closed,
                    state,
                    ts,
                    if voided { Some(ts) } else { None },
                    if voided { Some("重复签发") } else { None },
                ])?;
            }
        }
        // -- sanctions (处分): one for every 20 people, decided over the ten years, kinds cycling
        // through periods of 6 to 24 months and none; effect_end from the one model function.
        {
            use jiandu_core::model::sanctions::{effect_end, SanctionCategory as C};
            const SANCTION_KINDS: [(C, &str); 6] =
                [(C::Party, "警告"), (C::Party, "严重警告"), (C::Administrative, "记过"), (C::Administrative, "降级"), (C::Admonition, "诫勉"), (C::Party, "撤销党内职务")];
            let mut sanction = tx.prepare(
                "INSERT INTO sanction (id, person_id, category, kind, decision_date, effect_end, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'bench', ?7, 'bench')",
            )?;
            for k in 0..PEOPLE / 20 {
                let (category, kind) = SANCTION_KINDS[k % SANCTION_KINDS.len()];
                let offset = (k as u64 * 7_919) % (span + 1);
                let decided = first.checked_add_days(Days::new(offset)).unwrap_or(first);
                let end = effect_end(category, kind, decided, None)?.map(|d| d.format("%Y-%m-%d").to_string());
                let label = jiandu_core::store::label(&category);
                sanction.execute(params![format!("s{k}"), format!("p{}", k * 20 + 7), label, kind, day(offset), end, ts])?;
            }
        }
        // -- end sanctions
        // ---- 考核: every unit rated for each of the ten years, one in twenty 基本合格 or 不合格;
        // of those, all but the last two years' have their 约谈 held and linked.
        {
            let mut rate = tx.prepare(
                "INSERT INTO assessment (id, unit_id, year, rating, score, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, 80, ?5, 'bench', ?5, 'bench')",
            )?;
            let mut linked = tx.prepare(
                "INSERT INTO talk (id, kind, state, date, conductor_role, assessment_id, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, '约谈', '已谈话', ?2, '县委书记', ?3, ?4, 'bench', ?4, 'bench')",
            )?;
            for year in 2016..2026 {
                for u in 0..UNITS {
                    let n = u + year as usize;
                    let rating = match n % 40 {
                        0 => "基本合格",
                        20 => "不合格",
                        k if k % 3 == 0 => "好",
                        _ => "较好",
                    };
                    let id = format!("a{year}-{u}");
                    rate.execute(params![id, format!("u{u}"), year, rating, ts])?;
                    if matches!(rating, "基本合格" | "不合格") && year < 2024 {
                        linked.execute(params![format!("st{year}-{u}"), format!("{}-04-15", year + 1), id, ts])?;
                    }
                }
            }
        }
        // ---- end 考核
        // ---- 廉政档案 (issue 13): risk points, findings with their items, family changes at city scale.
        {
            // Risk points: five per unit, half on a person, half on a position; review dates over
            // the last and next three years, so about one in two is 待复核 today.
            let mut risk = tx.prepare(
                "INSERT INTO risk_point (id, person_id, position_id, unit_id, category, description, level, review_date, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, '权力运行', '表现形式', ?5, ?6, ?7, 'bench', ?7, 'bench')",
            )?;
            for k in 0..UNITS * 5 {
                let u = k % UNITS;
                let p = u + UNITS * (k / UNITS);
                let (person, position) = if k % 2 == 0 { (Some(format!("p{p}")), None) } else { (None, Some(format!("po{p}"))) };
                let review = if k % 10 == 9 { None } else { Some(day(span.saturating_sub(1_095) + (k as u64 * 389) % 2_190)) };
                risk.execute(params![format!("r{k}"), person, position, format!("u{u}"), ["高", "中", "低"][k % 3], review, ts])?;
            }
            // Findings: 20,000 over the ten years, each with two items (origin_kind 监督发现问题);
            // old items closed except one in a hundred, those of the last 60 days open.
            let mut finding = tx.prepare(
                "INSERT INTO finding (id, source, person_id, unit_id, found_date, description, seriousness, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, '日常监督', ?2, ?3, ?4, '问题描述', '一般', ?5, 'bench', ?5, 'bench')",
            )?;
            let mut fitem = tx.prepare(
                "INSERT INTO rectification_item (id, origin_kind, origin_id, origin_date, seq, problem, due_date, status, closed_date, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, '监督发现问题', ?2, ?3, ?4, '问题', ?5, ?6, ?7, ?8, 'bench', ?8, 'bench')",
            )?;
            for k in 0..FINDINGS {
                let offset = (k as u64 * 6_577) % (span + 1);
                let p = (k * 37) % PEOPLE;
                let id = format!("f{k}");
                finding.execute(params![id, if k % 3 == 0 { None } else { Some(format!("p{p}")) }, format!("u{}", p % UNITS), day(offset), ts])?;
                let recent = offset + 60 > span;
                for s in 0..2usize {
                    let due_offset = offset + 30 + s as u64 * 15;
                    let closed = !recent && (k + s) % 100 != 0;
                    fitem.execute(params![
                        format!("fi{k}-{s}"),
                        id,
                        day(offset),
                        s as i64,
                        day(due_offset),
                        if closed { "已销号" } else { "整改中" },
                        if closed { Some(day(due_offset - 3)) } else { None },
                        ts
                    ])?;
                }
            }
            // Family changes: one for every five people, over the ten years.
            let mut family = tx.prepare(
                "INSERT INTO family_change (id, person_id, kind, event_date, reported_date, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, '婚姻变化', ?3, ?4, ?5, 'bench', ?5, 'bench')",
            )?;
            for k in 0..PEOPLE / 5 {
                let offset = (k as u64 * 3_571) % (span + 1);
                family.execute(params![format!("fc{k}"), format!("p{}", k * 5 + 3), day(offset), day(offset + 10 + (k % 40) as u64), ts])?;
            }
        }
        // ---- end 廉政档案
        // ---- speed: the bulk inserts went around the store; rebuild what it keeps on write.
        jiandu_core::store::talks::rebuild_last_supervision(&tx)?;
        jiandu_core::store::talks::rebuild_item_tally(&tx)?;
        // ---- end speed
        tx.commit()?;
        n_items
    };
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

fn time(what: &str, mut f: impl FnMut() -> jiandu_core::Result<()>) -> Result<(), Box<dyn std::error::Error>> {
    let mut ms: Vec<f64> = Vec::with_capacity(RUNS);
    let mut cpu: Vec<f64> = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let (t, c) = (Instant::now(), on_cpu_ns());
        f()?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        cpu.push((on_cpu_ns() - c) as f64 / 1e6);
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    cpu.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{what:<32} median {:>8.2} ms   min {:>8.2} ms   max {:>8.2} ms   on-CPU median {:>8.2} ms   ({RUNS} runs)",
        ms[RUNS / 2],
        ms[0],
        ms[RUNS - 1],
        cpu[RUNS / 2]
    );
    Ok(())
}

/// Time this thread has spent on a CPU (ns), from Linux's /proc/thread-self/schedstat: on a
/// machine shared with other builds, wall-clock time mostly measures waiting for a core; this
/// measures the work. 0 where the file does not exist.
fn on_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok().and_then(|s| s.split_whitespace().next()?.parse().ok()).unwrap_or(0)
}
