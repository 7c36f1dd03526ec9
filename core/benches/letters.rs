//! Letters from database records: a 100-letter batch signed (one transaction) and printed into
//! one PDF in-process (fonts loaded once), 100 separate files, one letter's size, and one letter
//! through `jiandu letters pdf --number` as a whole process. Beside them, when LibreOffice is
//! installed, the same letters converted by `soffice --headless --convert-to pdf`, one at a time
//! and as a batch, measured in the same run.
//!
//! Run: cargo bench -p jiandu-core --bench letters
//! The whole-process figure runs this bench binary as the CLI (`--as-jiandu …`, the same
//! `cli::run` the `jiandu` binary calls first); set JIANDU_BIN to a built `jiandu` to time that too.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use jiandu_core::cli::{self, Outcome};
use jiandu_core::model::letters::{BatchInput, LetterRecipient};
use jiandu_core::model::{Gender, Office, PersonInput, PositionInput, UnitCategory, UnitInput, UnitStatus};
use jiandu_core::pdf::{FontConfig, FontSet, LetterDoc};
use jiandu_core::service::common::in_tx;
use jiandu_core::service::org::{save_person_in, save_position_in, save_unit_in};
use jiandu_core::service::{self, letters};
use jiandu_core::{Ctx, Db};

const REMINDER: &str = "2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a01";

fn ms(secs: f64) -> String {
    format!("{:>8.1} ms", secs * 1e3)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(pos) = args.iter().position(|a| a == "--as-jiandu") {
        let rest = args[pos + 1..].to_vec();
        let code = match cli::run(std::iter::once("jiandu".to_string()).chain(rest), &mut std::io::stdout(), &mut std::io::stderr()) {
            Outcome::Exit(c) => c,
            Outcome::OpenWindow { .. } => 2,
        };
        std::process::exit(code);
    }
    if let Err(e) = run() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    let ctx = Ctx::at("基准测试", chrono::NaiveDate::from_ymd_opt(2026, 3, 5).ok_or("date")?);
    let mut db = Db::open(&data.join("jiandu.db"))?;
    service::save_office(
        &mut db,
        &ctx,
        Office {
            full_names: vec!["中共宣城县纪律检查委员会".into(), "宣城县监察委员会".into()],
            agency_code: "宣纪函".into(),
            contact_person: "王䶮".into(),
            contact_phone: "0563-1234567".into(),
            operator: "基准测试".into(),
        },
    )?;
    // 100 units, each with its 一把手.
    let recipients: Vec<LetterRecipient> = in_tx(&mut db, |tx| {
        let mut out = Vec::new();
        for i in 0..100 {
            let unit = save_unit_in(
                tx,
                &ctx,
                UnitInput {
                    id: None,
                    name: format!("宣城县第{}单位", i + 1),
                    short_name: format!("第{}单位", i + 1),
                    category: if i % 3 == 0 { UnitCategory::Township } else { UnitCategory::GovernmentDepartment },
                    parent_id: None,
                    supervisor: String::new(),
                    status: UnitStatus::Active,
                    sort_order: i,
                    notes: String::new(),
                },
            )?;
            let person = save_person_in(
                tx,
                &ctx,
                PersonInput {
                    id: None,
                    name: format!("{}{}", ["王", "李", "张", "刘", "陈"][i as usize % 5], ["伟", "芳", "敏", "静", "强", "磊"][i as usize % 6]),
                    gender: Some(Gender::Male),
                    ethnicity: "汉族".into(),
                    birth_date: Some("1975-03-04".into()),
                    party_join_date: None,
                    education: String::new(),
                    id_number: None,
                    phone: String::new(),
                    notes: String::new(),
                },
            )?;
            save_position_in(
                tx,
                &ctx,
                PositionInput {
                    id: None,
                    person_id: person.id.clone(),
                    unit_id: unit.id.clone(),
                    title: "党组书记、局长".into(),
                    rank: "正科".into(),
                    is_head: true,
                    is_leadership: true,
                    portfolio: String::new(),
                    start_date: Some("2020-01-01".into()),
                    end_date: None,
                },
            )?;
            out.push(LetterRecipient { unit_id: Some(unit.id), person_id: Some(person.id) });
        }
        Ok(out)
    })?;

    println!("Letters from database records (jiandu-core, release build)");
    // Signing: fill the template per recipient, 100 drafts, 100 numbers, one transaction.
    let t = Instant::now();
    let signed = letters::sign_batch(
        &mut db,
        &ctx,
        BatchInput { template_id: Some(REMINDER.into()), base: None, recipients: recipients.clone(), date: "2026-03-05".into() },
    )?;
    let sign_time = t.elapsed().as_secs_f64();
    println!("sign 100-letter batch (1 tx):      {}  ({} … {})", ms(sign_time), signed[0].number.clone().unwrap_or_default(), signed[99].number.clone().unwrap_or_default());
    let ids: Vec<String> = signed.iter().map(|l| l.id.clone()).collect();

    let t = Instant::now();
    let fonts = FontSet::load(&FontConfig::default())?;
    println!("font load (once per process):      {}", ms(t.elapsed().as_secs_f64()));

    // Warm-up: lazy fallback faces, page cache.
    let one = letters::letters_pdf(&db, &ctx, &fonts, &ids[..1])?;
    println!("one letter:                        {:>8.1} KB", one.len() as f64 / 1024.0);

    let mut best = f64::MAX;
    let mut size = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let pdf = letters::letters_pdf(&db, &ctx, &fonts, &ids)?;
        best = best.min(t.elapsed().as_secs_f64());
        size = pdf.len();
    }
    println!("100 letters from DB → one PDF:     {}  best of 5, {:.0} KB", ms(best), size as f64 / 1024.0);
    let batch_inprocess = best;

    let out = dir.path().join("each");
    let t = Instant::now();
    let files = letters::save_letters_pdf(&db, &ctx, &fonts, &ids, &out, true)?;
    let each = t.elapsed().as_secs_f64();
    println!("100 letters → 100 files on disk:   {}  ({:.1} ms per letter)", ms(each), each * 10.0);
    println!("sign + print 100, in-process:      {}", ms(sign_time + batch_inprocess));
    drop(db);

    // One letter through the CLI, as a whole process.
    let number = signed[2].number.clone().unwrap_or_default();
    let me = std::env::current_exe()?;
    let data_s = data.to_string_lossy().to_string();
    let target = dir.path().join("one.pdf");
    let target_s = target.to_string_lossy().to_string();
    let cli_args = ["--data-dir", &data_s, "letters", "pdf", "--number", &number, "--out", &target_s];
    let time_process = |bin: &Path, prefix: &[&str]| -> Result<(f64, f64), Box<dyn std::error::Error>> {
        let mut times = Vec::new();
        for _ in 0..7 {
            let t = Instant::now();
            let status = Command::new(bin).args(prefix).args(cli_args).stdout(std::process::Stdio::null()).status()?;
            times.push(t.elapsed().as_secs_f64());
            if !status.success() {
                return Err(format!("{} failed", bin.display()).into());
            }
        }
        times.sort_by(f64::total_cmp);
        Ok((times[0], times[times.len() / 2]))
    };
    let (best1, median1) = time_process(&me, &["--as-jiandu"])?;
    println!("`letters pdf --number` process:    {}  best of 7, median {}", ms(best1), ms(median1));
    if let Some(bin) = std::env::var_os("JIANDU_BIN").map(PathBuf::from) {
        let (b, m) = time_process(&bin, &[])?;
        println!("  same with {}: {} best, median {}", bin.display(), ms(b), ms(m));
    }

    // LibreOffice, same letters, same run.
    let soffice = ["soffice", "libreoffice"].into_iter().find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()));
    match soffice {
        None => println!("LibreOffice: not installed (soffice not found) — not measured"),
        Some(bin) => {
            let office = service::get_office(&Db::open(&data.join("jiandu.db"))?)?;
            let db = Db::open(&data.join("jiandu.db"))?;
            let src = dir.path().join("fodt");
            std::fs::create_dir_all(&src)?;
            let mut sources = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                let l = letters::letter_detail(&db, &ctx, id)?.letter;
                let doc = letters::letter_doc(&office, &l, ctx.today());
                let p = src.join(format!("letter{:03}.fodt", i + 1));
                std::fs::write(&p, fodt(&doc))?;
                sources.push(p);
            }
            let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
            let convert = |files: &[PathBuf], outdir: &Path| -> Result<f64, Box<dyn std::error::Error>> {
                let t = Instant::now();
                let status = Command::new(bin)
                    .arg(&profile)
                    .args(["--headless", "--convert-to", "pdf", "--outdir"])
                    .arg(outdir)
                    .args(files)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status()?;
                if !status.success() {
                    return Err("soffice failed".into());
                }
                Ok(t.elapsed().as_secs_f64())
            };
            // The first start creates the profile: not counted.
            let _ = convert(&sources[..1], &dir.path().join("lo-warm"));
            let mut one_times = Vec::new();
            for k in 0..3 {
                one_times.push(convert(&sources[k..k + 1], &dir.path().join("lo-one"))?);
            }
            one_times.sort_by(f64::total_cmp);
            let lo_one = one_times[0];
            let lo_batch = convert(&sources, &dir.path().join("lo-batch"))?;
            let lo_size = std::fs::metadata(dir.path().join("lo-one").join("letter001.pdf")).map(|m| m.len()).unwrap_or(0);
            println!("LibreOffice one letter (process):  {}  best of 3, {:.1} KB", ms(lo_one), lo_size as f64 / 1024.0);
            println!("LibreOffice 100 letters (1 call):  {}", ms(lo_batch));
            println!("ratio one letter, soffice / jiandu process:   {:>6.1}×", lo_one / best1);
            println!("ratio 100 letters, soffice / jiandu in-process: {:>6.1}×", lo_batch / batch_inprocess);
        }
    }
    let _ = files;
    Ok(())
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The same letter as a flat OpenDocument text: A4, GB/T 9704 margins, red organ name, title,
/// 主送, body paragraphs indented two characters, signature, date, 附注, 抄送.
fn fodt(d: &LetterDoc) -> String {
    let mut body = String::new();
    for organ in d.organ_name.lines() {
        body.push_str(&format!("<text:p text:style-name=\"Organ\">{}</text:p>", xml(organ)));
    }
    body.push_str(&format!("<text:p text:style-name=\"Number\">{}</text:p>", xml(&d.number)));
    body.push_str(&format!("<text:p text:style-name=\"Title\">{}</text:p>", xml(&d.title)));
    body.push_str(&format!("<text:p text:style-name=\"Body0\">{}：</text:p>", xml(&d.recipient)));
    for p in &d.paragraphs {
        body.push_str(&format!("<text:p text:style-name=\"Body\">{}</text:p>", xml(p)));
    }
    body.push_str(&format!("<text:p text:style-name=\"Sign\">{}</text:p>", xml(&d.signature)));
    body.push_str(&format!("<text:p text:style-name=\"Sign\">{}</text:p>", xml(&d.date)));
    if let Some(c) = &d.contact {
        body.push_str(&format!("<text:p text:style-name=\"Body\">（{}）</text:p>", xml(c)));
    }
    if !d.cc.is_empty() {
        body.push_str(&format!("<text:p text:style-name=\"Body0\">抄送：{}。</text:p>", xml(&d.cc.join("，"))));
    }
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="FS" svg:font-family="'Noto Serif CJK SC'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties style:font-name="FS" style:font-name-asian="FS" fo:font-size="16pt" style:font-size-asian="16pt"/></style:default-style>
 <style:style style:name="Organ" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:color="#e60000" fo:font-size="30pt" style:font-size-asian="30pt"/></style:style>
 <style:style style:name="Number" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-top="12mm"/></style:style>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="18mm" fo:margin-bottom="10mm"/><style:text-properties fo:font-size="22pt" style:font-size-asian="22pt"/></style:style>
 <style:style style:name="Body0" style:family="paragraph"><style:paragraph-properties fo:line-height="28.95pt"/></style:style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="32pt" fo:line-height="28.95pt" fo:text-align="justify"/></style:style>
 <style:style style:name="Sign" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-right="64pt" fo:line-height="28.95pt"/></style:style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="37mm" fo:margin-bottom="35mm" fo:margin-left="28mm" fo:margin-right="26mm"/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>
<office:body><office:text>{body}</office:text></office:body>
</office:document>
"##
    )
}
