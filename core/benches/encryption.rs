//! The cost of encryption at rest (issue 12): the worklist, one people search and a 100-letter
//! batch signing on the same records, in a plain database and in its SQLCipher copy (same file
//! otherwise: exported with `sqlcipher_export`, opened with the raw key as the app does). Printed
//! as medians and as ratios encrypted / plain.
//!
//! Run: cargo bench -p jiandu-core --bench encryption   (BENCH_SIZE=county for a quick run)

use std::time::Instant;

use chrono::NaiveDate;
use jiandu_core::model::letters::{BatchInput, LetterRecipient};
use jiandu_core::model::Office;
use jiandu_core::service::{self, letters, org, worklist};
use jiandu_core::store::keys::{self, Keys};
use jiandu_core::{Ctx, Db};

mod city;

const REMINDER: &str = "2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a01";
const RUNS: usize = 9;
/// One batch per round: at city scale a batch takes half a minute even in a plain database.
const BATCHES: usize = 1;

fn median(mut f: impl FnMut() -> jiandu_core::Result<()>, runs: usize) -> Result<(f64, f64), Box<dyn std::error::Error>> {
    let mut ms = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    for _ in 0..runs {
        let (t, c) = (Instant::now(), city::on_cpu_ns());
        f()?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        cpu.push((city::on_cpu_ns() - c) as f64 / 1e6);
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    cpu.sort_by(|a, b| a.total_cmp(b));
    Ok((ms[runs / 2], cpu[runs / 2]))
}

/// Worklist, search, batch: (wall ms, on-CPU ms) each.
fn measure(db: &mut Db, ctx: &Ctx, recipients: &[LetterRecipient]) -> Result<Vec<(f64, f64)>, Box<dyn std::error::Error>> {
    let w = median(|| worklist::worklist(db, ctx).map(|_| ()), RUNS)?;
    eprintln!("  worklist {:.1} ms", w.0);
    let s = median(|| org::search_people(db, ctx, "干部1", false).map(|_| ()), RUNS)?;
    eprintln!("  search {:.1} ms", s.0);
    let mut batch = Vec::new();
    for _ in 0..BATCHES {
        let (t, c) = (Instant::now(), city::on_cpu_ns());
        let input = BatchInput { template_id: Some(REMINDER.into()), base: None, recipients: recipients.to_vec(), date: "2026-11-27".into() };
        letters::sign_batch(db, ctx, input)?;
        batch.push((t.elapsed().as_secs_f64() * 1000.0, (city::on_cpu_ns() - c) as f64 / 1e6));
        eprintln!("  batch {:.1} ms", batch[batch.len() - 1].0);
    }
    batch.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(vec![w, s, batch[batch.len() / 2]])
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let plain_path = dir.path().join("plain.db");
    let enc_path = dir.path().join("encrypted.db");
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
    let ctx = Ctx::at("bench", today);
    let size = if std::env::var("BENCH_SIZE").is_ok_and(|s| s == "county") { &city::COUNTY } else { &city::CITY };
    let recipients: Vec<LetterRecipient> = {
        let mut db = Db::open(&plain_path)?;
        let t = Instant::now();
        city::generate(&mut db, size, today)?;
        service::save_office(
            &mut db,
            &ctx,
            Office {
                full_names: vec!["中共宣城县纪律检查委员会".into()],
                agency_code: "宣纪函".into(),
                contact_person: "王䶮".into(),
                contact_phone: "0563-1234567".into(),
                operator: "基准测试".into(),
            },
        )?;
        db.conn().execute_batch("ANALYZE")?;
        println!("generated {} people in {:.1} s", size.people, t.elapsed().as_secs_f64());
        let mut stmt = db.conn().prepare(
            "SELECT po.unit_id, po.person_id FROM position po WHERE po.is_head = 1 AND po.voided_at IS NULL AND po.end_date IS NULL GROUP BY po.unit_id LIMIT 100",
        )?;
        let rows = stmt.query_map([], |r| Ok(LetterRecipient { unit_id: Some(r.get(0)?), person_id: Some(r.get(1)?) }))?;
        let out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        out
    };
    let key = keys::random_key();
    keys::encrypt_copy(&plain_path, &enc_path, &key)?;
    println!(
        "plain {} MB, encrypted {} MB; {} recipients per batch",
        std::fs::metadata(&plain_path)?.len() / 1_048_576,
        std::fs::metadata(&enc_path)?.len() / 1_048_576,
        recipients.len()
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average before: {}", load.trim());
    let t = Instant::now();
    let mut plain = Db::open(&plain_path)?;
    eprintln!("opened plain in {:.1} s", t.elapsed().as_secs_f64());
    let mut enc = Db::open_keyed(&enc_path, Keys { current: key, history: Vec::new(), file: dir.path().join(keys::KEY_FILE) })?;
    eprintln!("opened encrypted in {:.1} s", t.elapsed().as_secs_f64());
    // Interleaved (plain, encrypted, plain, encrypted) so a change of machine load hits both.
    let p1 = measure(&mut plain, &ctx, &recipients)?;
    let e1 = measure(&mut enc, &ctx, &recipients)?;
    let (p2, e2) = if std::env::var("BENCH_ROUNDS").is_ok_and(|r| r == "2") {
        (measure(&mut plain, &ctx, &recipients)?, measure(&mut enc, &ctx, &recipients)?)
    } else {
        (p1.clone(), e1.clone())
    };
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average after:  {}", load.trim());
    println!("{:<28} {:>12} {:>12} {:>8} {:>14} {:>14} {:>8}", "", "plain ms", "SQLCipher ms", "ratio", "plain CPU ms", "SQLCipher CPU", "ratio");
    for (i, what) in ["worklist (工作台)", "people search 干部1", "sign 100-letter batch"].iter().enumerate() {
        let p = (p1[i].0.min(p2[i].0), p1[i].1.min(p2[i].1));
        let e = (e1[i].0.min(e2[i].0), e1[i].1.min(e2[i].1));
        println!("{what:<28} {:>12.2} {:>12.2} {:>7.2}× {:>14.2} {:>14.2} {:>7.2}×", p.0, e.0, e.0 / p.0, p.1, e.1, e.1 / p.1.max(0.001));
    }
    Ok(())
}
