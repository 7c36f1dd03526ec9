//! The generated city (or county) the benches and tests run on: units, people and their posts,
//! ten years of talks with their rectification items, a year's talk plan, letters, sanctions,
//! assessments with their 约谈, risk points, findings with items and family changes. Data is
//! bulk-inserted in SQL (one transaction) for speed; the queries timed or checked are the app's.
//! Shared by `benches/worklist.rs`, `benches/report.rs` and `tests/report.rs` (`#[path]`).
#![allow(dead_code)]

use std::time::Instant;

use chrono::{Days, NaiveDate};
use jiandu_core::Db;
use rusqlite::params;

/// How much to generate.
pub struct Size {
    pub units: usize,
    pub people: usize,
    pub talks: usize,
    pub letters: usize,
    pub findings: usize,
}

/// 50,000 people, 200,000 talks, 30,000 letters over ten years.
pub const CITY: Size = Size { units: 2_000, people: 50_000, talks: 200_000, letters: 30_000, findings: 20_000 };
/// A county's worth, quick enough for a test.
pub const COUNTY: Size = Size { units: 60, people: 1_200, talks: 3_000, letters: 400, findings: 300 };

pub const KINDS: [&str; 10] = ["监督谈话", "监督谈话", "监督谈话", "任职谈话", "提醒谈话", "约谈", "谈话函询", "诫勉谈话", "廉政谈话", "任前廉政谈话"];

/// Fills `db` with records from 2017-01-01 to `today` (planned talks just after it); returns the
/// number of talk items.
pub fn generate(db: &mut Db, z: &Size, today: NaiveDate) -> Result<usize, Box<dyn std::error::Error>> {
    let first = NaiveDate::from_ymd_opt(2017, 1, 1).ok_or("date")?;
    let span = (today - first).num_days() as u64;
    let day = |offset: u64| first.checked_add_days(Days::new(offset)).unwrap_or(first).format("%Y-%m-%d").to_string();
    let tx = db.write()?;
    let ts = "2026-11-27 09:00:00";
    {
        let mut unit = tx.prepare("INSERT INTO unit (id, name, category, status, sort_order, created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, '政府部门', '正常', ?3, ?4, 'bench', ?4, 'bench')")?;
        for i in 0..z.units {
            unit.execute(params![format!("u{i}"), format!("第{i}单位"), i as i64, ts])?;
        }
        let mut person = tx.prepare("INSERT INTO person (id, name, created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, 'bench', ?3, 'bench')")?;
        let mut position = tx.prepare(
            "INSERT INTO position (id, person_id, unit_id, title, is_head, is_leadership, start_date, created_at, created_by, updated_at, updated_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, '2020-01-01', ?6, 'bench', ?6, 'bench')",
        )?;
        for i in 0..z.people {
            person.execute(params![format!("p{i}"), format!("干部{i}"), ts])?;
            let head = i < z.units;
            position.execute(params![format!("po{i}"), format!("p{i}"), format!("u{}", i % z.units), if head { "局长" } else { "科员" }, head, ts])?;
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
    for k in 0..z.talks {
        let kind = KINDS[k % KINDS.len()];
        let offset = (k as u64 * 7_919) % (span + 1);
        let date = day(offset);
        let person = if kind == "监督谈话" {
            // Heads, except every seventh, who is never talked to.
            let h = (k * 13) % z.units;
            if h.is_multiple_of(7) { (h + 1) % z.units } else { h }
        } else {
            (k * 31) % z.people
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
        subject.execute(params![id, format!("p{person}"), format!("u{}", person % z.units)])?;
    }
    // Planned talks for the coming weeks and this year's plan.
    for k in 0..300 {
        let id = format!("plan-talk{k}");
        talk.execute(params![id, "监督谈话", "计划", day(span + 1 + (k % 20) as u64), ts])?;
        subject.execute(params![id, format!("p{}", (k * 3) % z.units), format!("u{}", (k * 3) % z.units)])?;
    }
    drop((talk, subject, item));
    {
        let mut plan = tx.prepare(
            "INSERT INTO talk_plan (id, year, person_id, unit_id, conductor_role, planned_month, created_at, created_by, updated_at, updated_by) \
             VALUES (?1, 2026, ?2, ?3, '县委书记', ?4, ?5, 'bench', ?5, 'bench')",
        )?;
        for i in 0..z.units {
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
        for k in 0..z.letters {
            let offset = (k as u64 * 104_729) % (span + 1);
            let signed = day(offset);
            let year: i32 = signed[..4].parse()?;
            let seq = seq_of_year.entry(year).and_modify(|n| *n += 1).or_insert(1i64);
            let h = (k * 17) % z.units;
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
        for k in 0..z.people / 20 {
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
            for u in 0..z.units {
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
        for k in 0..z.units * 5 {
            let u = k % z.units;
            let p = u + z.units * (k / z.units);
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
        for k in 0..z.findings {
            let offset = (k as u64 * 6_577) % (span + 1);
            let p = (k * 37) % z.people;
            let id = format!("f{k}");
            finding.execute(params![id, if k % 3 == 0 { None } else { Some(format!("p{p}")) }, format!("u{}", p % z.units), day(offset), ts])?;
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
        for k in 0..z.people / 5 {
            let offset = (k as u64 * 3_571) % (span + 1);
            family.execute(params![format!("fc{k}"), format!("p{}", k * 5 + 3), day(offset), day(offset + 10 + (k % 40) as u64), ts])?;
        }
    }
    // ---- end 廉政档案
    // The bulk inserts went around the store: rebuild what it keeps on write (migration 6).
    jiandu_core::store::talks::rebuild_last_supervision(&tx)?;
    jiandu_core::store::talks::rebuild_item_tally(&tx)?;
    tx.commit()?;
    Ok(n_items)
}

/// Runs `f` `runs` times and prints the median, fastest and slowest wall time, and the median time
/// on a CPU: on a machine shared with other builds, wall time mostly measures waiting for a core.
/// The one timer of every bench (`#[path]`/`mod city` from each).
pub fn time(what: &str, runs: usize, mut f: impl FnMut() -> jiandu_core::Result<()>) -> Result<(), Box<dyn std::error::Error>> {
    let mut t = Timer::default();
    for _ in 0..runs {
        t.run(&mut f)?;
    }
    t.print(what);
    Ok(())
}

/// Wall and on-CPU times of repeated runs, for benches that time in their own loop.
#[derive(Default)]
pub struct Timer {
    pub wall_ms: Vec<f64>,
    pub cpu_ms: Vec<f64>,
}

impl Timer {
    /// Times one run of `f`, returning what it returned.
    pub fn run<T>(&mut self, f: impl FnOnce() -> jiandu_core::Result<T>) -> jiandu_core::Result<T> {
        let (t, c) = (Instant::now(), on_cpu_ns());
        let out = f();
        self.wall_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        self.cpu_ms.push(on_cpu_ns().saturating_sub(c) as f64 / 1e6);
        out
    }

    /// (median, p99, max) of the wall times and (median, p99) of the on-CPU times.
    pub fn stats(&mut self) -> ([f64; 3], [f64; 2]) {
        self.wall_ms.sort_by(|a, b| a.total_cmp(b));
        self.cpu_ms.sort_by(|a, b| a.total_cmp(b));
        let (w, c) = (&self.wall_ms, &self.cpu_ms);
        if w.is_empty() {
            return ([0.0; 3], [0.0; 2]);
        }
        let p99 = |v: &[f64]| v[(v.len() * 99).div_ceil(100) - 1];
        ([w[w.len() / 2], p99(w), w[w.len() - 1]], [c[c.len() / 2], p99(c)])
    }

    pub fn print(&mut self, what: &str) {
        let n = self.wall_ms.len();
        let ([median, _, max], [cpu, _]) = self.stats();
        let min = self.wall_ms.first().copied().unwrap_or(0.0);
        println!("{what:<36} median {median:>8.2} ms   min {min:>8.2} ms   max {max:>8.2} ms   on-CPU median {cpu:>8.2} ms   ({n} runs)");
    }
}

/// Time this thread has spent on a CPU (ns): `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, which the
/// kernel brings up to date when asked (the schedstat file moved in 4 ms scheduler ticks here).
/// 0 where there is no such clock.
#[cfg(unix)]
pub fn on_cpu_ns() -> u64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    (t.tv_sec as u64).saturating_mul(1_000_000_000).saturating_add(t.tv_nsec as u64)
}

#[cfg(not(unix))]
pub fn on_cpu_ns() -> u64 {
    0
}
