//! The supervision report (issue 11): its figures on the demo county and on a generated county
//! against counts made here in plain SQL, the printed PDF read back with poppler and the workbook
//! read back with calamine (not the writer) agreeing with the figures, a unit scope narrowing
//! every figure, `jiandu report` choosing the format by the extension, and bad periods refused
//! naming the field.

#![allow(clippy::unwrap_used)]

mod pdf_common;
mod support;
#[path = "../benches/city/mod.rs"]
mod city;

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::NaiveDate;
use jiandu_core::model::report::{Report, ReportPeriod, ReportScope};
use jiandu_core::pdf::render_report;
use jiandu_core::service::report;
use jiandu_core::{Ctx, Db, Error};
use pdf_common::*;
use support::*;

const TODAY: &str = "2026-12-03";

fn demo_db() -> (Db, Ctx) {
    demo_at(TODAY)
}

fn year(y: i32) -> ReportScope {
    ReportScope::county(ReportPeriod::year(y))
}

fn range(from: &str, to: &str) -> ReportScope {
    ReportScope::county(ReportPeriod::range(from, to))
}

fn count(db: &Db, sql: &str, args: &[&str]) -> i64 {
    db.conn().query_row(sql, rusqlite::params_from_iter(args), |r| r.get(0)).unwrap()
}

fn by_label(rows: &[jiandu_core::model::report::LabelCount], label: &str) -> i64 {
    rows.iter().find(|r| r.label == label).map(|r| r.count).unwrap_or_else(|| panic!("{label} listed"))
}

/// The whole-county figures of `r` against independent counts over the same period.
fn check_against_sql(db: &Db, r: &Report) {
    let (f, t, asof) = (r.from.as_str(), r.to.as_str(), r.as_of.as_str());
    let held = "FROM talk WHERE voided_at IS NULL AND state <> '计划' AND date BETWEEN ?1 AND ?2";
    assert_eq!(r.talks_total, count(db, &format!("SELECT count(*) {held}"), &[f, t]), "held talks");
    assert_eq!(by_label(&r.talks_by_kind, "监督谈话"), count(db, &format!("SELECT count(*) {held} AND kind = '监督谈话'"), &[f, t]));
    assert_eq!(by_label(&r.talks_by_kind, "约谈"), count(db, &format!("SELECT count(*) {held} AND kind = '约谈'"), &[f, t]));
    assert_eq!(r.talks_by_month.iter().map(|m| m.total).sum::<i64>(), r.talks_total, "months add up");
    let heads = "SELECT DISTINCT po.person_id FROM position po JOIN person pe ON pe.id = po.person_id AND pe.voided_at IS NULL \
                 JOIN unit u ON u.id = po.unit_id AND u.voided_at IS NULL WHERE po.is_head = 1 AND po.voided_at IS NULL \
                 AND (po.start_date IS NULL OR po.start_date <= ?1) AND (po.end_date IS NULL OR po.end_date >= ?1)";
    assert_eq!(r.heads, count(db, &format!("SELECT count(*) FROM ({heads})"), &[asof]), "current heads");
    let covered = count(
        db,
        &format!(
            "SELECT count(*) FROM ({heads}) h WHERE EXISTS (SELECT 1 FROM talk t JOIN talk_subject s ON s.talk_id = t.id AND s.voided_at IS NULL \
             WHERE s.person_id = h.person_id AND t.kind = '监督谈话' AND t.state <> '计划' AND t.voided_at IS NULL AND t.date BETWEEN ?2 AND ?3)"
        ),
        &[asof, f, t],
    );
    assert_eq!(r.heads_covered, covered, "heads covered");
    let letters = "FROM letter WHERE voided_at IS NULL AND signed_date BETWEEN ?1 AND ?2";
    assert_eq!(r.letters_issued, count(db, &format!("SELECT count(*) {letters}"), &[f, t]));
    assert_eq!(r.letters_replied, count(db, &format!("SELECT count(*) {letters} AND replied_date IS NOT NULL"), &[f, t]));
    assert_eq!(r.letters_on_time, count(db, &format!("SELECT count(*) {letters} AND replied_date <= reply_due_date"), &[f, t]));
    let items = "FROM rectification_item WHERE voided_at IS NULL AND origin_date BETWEEN ?1 AND ?2";
    assert_eq!(r.items.opened, count(db, &format!("SELECT count(*) {items}"), &[f, t]));
    assert_eq!(r.items.closed, count(db, &format!("SELECT count(*) {items} AND status = '已销号'"), &[f, t]));
    assert_eq!(r.items.overdue, count(db, &format!("SELECT count(*) {items} AND status = '整改中' AND due_date < ?3"), &[f, t, asof]));
    assert_eq!(r.clues_received, count(db, "SELECT count(*) FROM clue WHERE voided_at IS NULL AND received_date BETWEEN ?1 AND ?2", &[f, t]));
    assert_eq!(r.sanctions_total, count(db, "SELECT count(*) FROM sanction WHERE voided_at IS NULL AND decision_date BETWEEN ?1 AND ?2", &[f, t]));
    assert_eq!(r.sanctions_by_form.iter().map(|c| c.count).sum::<i64>(), r.sanctions_total, "every sanction in one form row");
    assert_eq!(r.sanctions_by_kind.iter().map(|c| c.count).sum::<i64>(), r.sanctions_total);
    assert_eq!(
        r.ratings.iter().map(|c| c.count).sum::<i64>(),
        count(
            db,
            "SELECT count(*) FROM assessment a JOIN unit u ON u.id = a.unit_id AND u.voided_at IS NULL WHERE a.voided_at IS NULL AND a.year BETWEEN CAST(substr(?1,1,4) AS INTEGER) AND CAST(substr(?2,1,4) AS INTEGER)",
            &[f, t]
        )
    );
    assert_eq!(
        r.risks_by_level.iter().map(|c| c.count).sum::<i64>(),
        count(db, "SELECT count(*) FROM risk_point r JOIN unit u ON u.id = r.unit_id AND u.voided_at IS NULL WHERE r.voided_at IS NULL", &[])
    );
    assert_eq!(r.hearings, count(db, "SELECT count(*) FROM hearing WHERE voided_at IS NULL AND date BETWEEN ?1 AND ?2", &[f, t]));
    assert_eq!(r.education, count(db, "SELECT count(*) FROM education WHERE voided_at IS NULL AND date BETWEEN ?1 AND ?2", &[f, t]));
    assert_eq!(r.annex.len() as i64, count(db, "SELECT count(*) FROM unit WHERE voided_at IS NULL", &[]));
    assert_eq!(r.units_covered, r.annex.len() as i64);
    // The annex's last 监督谈话: the latest held one up to the as-of date of a current head.
    for a in &r.annex {
        let last: Option<String> = db
            .conn()
            .query_row(
                &format!(
                    "SELECT max(t.date) FROM ({heads} AND po.unit_id = ?2) h JOIN talk_subject s ON s.person_id = h.person_id AND s.voided_at IS NULL \
                     JOIN talk t ON t.id = s.talk_id WHERE t.kind = '监督谈话' AND t.state <> '计划' AND t.voided_at IS NULL AND t.date <= ?1"
                ),
                [asof, a.unit_id.as_str()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(a.last_supervision_talk, last, "{}", a.unit_name);
    }
    // The annex's overdue letters are the letters module's 逾期未复 of letters to a unit.
    assert_eq!(
        r.annex.iter().map(|a| a.overdue_letters).sum::<i64>(),
        count(
            db,
            "SELECT count(*) FROM letter l JOIN unit u ON u.id = l.recipient_unit_id AND u.voided_at IS NULL WHERE l.voided_at IS NULL \
             AND l.state IN ('已签发', '已送达') AND l.reply_due_date < ?1",
            &[asof]
        )
    );
}

#[test]
fn the_demo_countys_annual_report_matches_counts_made_in_sql() {
    let (db, ctx) = demo_db();
    let r = report::build(db.conn(), &ctx, year(2026)).unwrap();
    assert!(r.talks_total > 0 && r.items.opened > 0 && r.letters_issued > 0, "the demo county has records in 2026: {r:?}");
    assert_eq!(r.as_of, TODAY, "a period not yet over is counted as of today");
    assert_eq!((r.from.as_str(), r.to.as_str()), ("2026-01-01", "2026-12-31"));
    assert_eq!(r.period_label, "2026年度");
    assert_eq!(r.period_dates, "2026年1月1日至2026年12月31日");
    assert_eq!(r.title, "2026年度监督工作情况报告");
    assert_eq!(r.talks_by_month.len(), 12);
    check_against_sql(&db, &r);
    // The plan's coverage is the worklist's own figure.
    let w = jiandu_core::service::worklist::year_figures(&db, &ctx).unwrap();
    let plan = r.plan_coverage.clone().unwrap();
    assert_eq!((plan.covered, plan.in_scope), (w.heads_covered, w.heads_in_scope));
    // A past year is counted as of its last day.
    let r25 = report::build(db.conn(), &ctx, year(2025)).unwrap();
    assert_eq!(r25.as_of, "2025-12-31");
    check_against_sql(&db, &r25);
}

#[test]
fn a_generated_countys_report_matches_counts_made_in_sql() {
    let mut db = Db::open_in_memory().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    city::generate(&mut db, &city::COUNTY, today).unwrap();
    let ctx = Ctx::at("测试员", today);
    for scope in [year(2026), year(2024), range("2019-04-01", "2021-06-30"), ReportScope::county(ReportPeriod::Quarter { year: 2025, quarter: 3 })] {
        let r = report::build(db.conn(), &ctx, scope).unwrap();
        assert!(r.talks_total > 0 && r.letters_issued > 0 && r.sanctions_total > 0, "{:?}", r.scope);
        check_against_sql(&db, &r);
    }
}

#[test]
fn a_unit_scope_counts_only_that_units_records() {
    let mut db = Db::open_in_memory().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    city::generate(&mut db, &city::COUNTY, today).unwrap();
    let ctx = Ctx::at("测试员", today);
    let scope = ReportScope { unit_ids: Some(vec!["u3".into(), "u5".into()]), ..year(2025) };
    let r = report::build(db.conn(), &ctx, scope).unwrap();
    assert_eq!(r.annex.iter().map(|a| a.unit_id.as_str()).collect::<Vec<_>>(), ["u3", "u5"]);
    assert_eq!(r.units_label, "第3单位、第5单位");
    let talks = count(
        &db,
        "SELECT count(*) FROM talk t WHERE t.voided_at IS NULL AND t.state <> '计划' AND t.date BETWEEN '2025-01-01' AND '2025-12-31' \
         AND EXISTS (SELECT 1 FROM talk_subject s WHERE s.talk_id = t.id AND s.voided_at IS NULL AND s.unit_id IN ('u3', 'u5'))",
        &[],
    );
    assert!(talks > 0);
    assert_eq!(r.talks_total, talks);
    assert_eq!(r.heads, 2, "one head each");
    assert_eq!(r.ratings.iter().map(|c| c.count).sum::<i64>(), 2, "one 2025 rating each");
    let all = report::build(db.conn(), &ctx, year(2025)).unwrap();
    assert!(r.letters_issued < all.letters_issued && r.talks_total < all.talks_total);
    // An id that names no unit is refused on the unit field.
    let bad = ReportScope { unit_ids: Some(vec!["nope".into()]), ..year(2025) };
    match report::build(db.conn(), &ctx, bad) {
        Err(Error::Invalid { field, .. }) => assert_eq!(field, "unit_ids"),
        other => panic!("refused: {other:?}"),
    }
}

#[test]
fn a_bad_period_is_refused_naming_the_field() {
    let (db, ctx) = demo_db();
    let cases = [
        (range("2026-12-31", "2026-01-01"), "from", "晚于"),
        (range("2026-02-30", "2026-12-31"), "from", "不是有效日期"),
        (range("2026-01-01", "明年"), "to", "不是有效日期"),
        (range("", "2026-12-31"), "from", "请填写"),
        (range("1990-01-01", "2026-12-31"), "to", "不能超过"),
        (year(20260), "year", "不在"),
        (ReportScope::county(ReportPeriod::Quarter { year: 2026, quarter: 5 }), "quarter", "第一至第四季度"),
    ];
    for (scope, want, words) in cases {
        match report::build(db.conn(), &ctx, scope.clone()) {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, want, "{scope:?}");
                assert!(message.contains(words), "{message}");
            }
            other => panic!("{scope:?} refused, got {other:?}"),
        }
    }
}

/// The one meaning of a period: a year, a quarter (each quarter its own last day, leap years
/// too) or from–to dates, each with its Chinese name, used as the report's title.
#[test]
fn a_period_resolves_to_its_dates_and_chinese_name_in_one_place() {
    let cases = [
        (ReportPeriod::year(2026), "2026-01-01", "2026-12-31", "2026年度", "2026年度监督工作情况报告"),
        (ReportPeriod::Quarter { year: 2024, quarter: 1 }, "2024-01-01", "2024-03-31", "2024年第一季度", "2024年第一季度监督工作情况报告"),
        (ReportPeriod::Quarter { year: 2026, quarter: 2 }, "2026-04-01", "2026-06-30", "2026年第二季度", "2026年第二季度监督工作情况报告"),
        (ReportPeriod::Quarter { year: 2026, quarter: 3 }, "2026-07-01", "2026-09-30", "2026年第三季度", "2026年第三季度监督工作情况报告"),
        (ReportPeriod::Quarter { year: 2026, quarter: 4 }, "2026-10-01", "2026-12-31", "2026年第四季度", "2026年第四季度监督工作情况报告"),
        (
            ReportPeriod::range("2024-02-01", "2024-02-29"),
            "2024-02-01",
            "2024-02-29",
            "2024年2月1日至2024年2月29日",
            "监督工作情况报告（2024年2月1日至2024年2月29日）",
        ),
    ];
    let (db, ctx) = demo_db();
    for (period, from, to, label, title) in cases {
        let p = period.resolve().unwrap();
        assert_eq!((p.from.to_string(), p.to.to_string(), p.label.as_str()), (from.to_string(), to.to_string(), label), "{period:?}");
        let r = report::build(db.conn(), &ctx, ReportScope::county(period.clone())).unwrap();
        assert_eq!((r.from.as_str(), r.to.as_str(), r.period_label.as_str(), r.title.as_str()), (from, to, label, title));
        assert_eq!(r.scope.period, period, "the report keeps the period asked for");
    }
    // The pages send the period as JSON: the shape the generated binding describes.
    let q: ReportScope = serde_json::from_str(r#"{"period":{"kind":"quarter","year":2026,"quarter":3},"unit_ids":null}"#).unwrap();
    assert_eq!(q.period, ReportPeriod::Quarter { year: 2026, quarter: 3 });
}

fn pages(pdf: &Path) -> Vec<String> {
    pdftotext(pdf, &["-layout"]).split('\u{c}').map(str::to_string).collect()
}

#[test]
fn the_printed_report_has_cover_contents_every_table_and_the_figures() {
    require_poppler();
    let (db, ctx) = demo_db();
    let r = report::build(db.conn(), &ctx, year(2026)).unwrap();
    let bytes = render_report(fonts(), &r).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &bytes).unwrap();
    if let Some(samples) = std::env::var_os("JIANDU_PDF_SAMPLES") {
        let _ = std::fs::create_dir_all(&samples);
        let _ = std::fs::write(Path::new(&samples).join("report-demo-2026.pdf"), &bytes);
    }
    let pages = pages(&path);
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert!(compact(&pages[0]).contains("监督工作情况报告"), "cover: {}", pages[0]);
    assert!(pages[0].contains("2026年度"), "{}", pages[0]);
    assert!(pages[0].contains("2026年1月1日至2026年12月31日"));
    assert!(pages[0].contains("制表日期：2026年12月3日"));
    assert!(compact(&pages[1]).contains("目录"));
    let tables = r.tables();
    for t in &tables {
        let line = pages[1].lines().find(|l| l.contains(&t.title)).unwrap_or_else(|| panic!("{} in contents", t.title));
        let listed: usize = line.split_whitespace().last().unwrap().parse().unwrap();
        let found = pages.iter().enumerate().skip(2).find(|(_, p)| p.contains(&t.title)).map(|(i, _)| i + 1).unwrap();
        assert_eq!(listed, found, "{}", t.title);
    }
    for (p, text) in pages.iter().enumerate().skip(1) {
        if !text.trim().is_empty() {
            assert!(compact(text).contains(&format!("—{}—", p + 1)), "page {} numbered", p + 1);
        }
    }
    // The figures as printed: the talk table's total row and the items row.
    let all = pages.join("\n");
    let talk_page = pages.iter().skip(2).find(|p| p.contains("二、谈话开展情况")).unwrap();
    let total_line = talk_page.lines().find(|l| l.trim_start().starts_with("合计")).unwrap();
    assert_eq!(total_line.split_whitespace().last().unwrap(), r.talks_total.to_string());
    let sup = talk_page.lines().find(|l| l.trim_start().starts_with("监督谈话")).unwrap();
    assert_eq!(sup.split_whitespace().nth(1).unwrap(), by_label(&r.talks_by_kind, "监督谈话").to_string());
    assert!(all.contains(&jiandu_core::model::report::percent_text(r.items.completion_percent)), "completion rate printed");
    for a in &r.annex {
        // A long name wraps in its cell: its first line is whole.
        let head: String = a.unit_name.chars().take(6).collect();
        assert!(all.contains(&head), "{} in the annex", a.unit_name);
    }
    // The annex's headers take at most two lines: its count columns are as wide as half their
    // header, not two characters with 逾期未复函 wrapping over four lines.
    let annex_page = pages.iter().skip(2).find(|p| p.contains("附表：各单位情况")).unwrap();
    let after_title = &annex_page[annex_page.find("附表：各单位情况").unwrap()..];
    let first_unit = &r.annex[0].unit_name;
    let head_lines = after_title[..after_title.find(first_unit.as_str()).unwrap()].lines().skip(1).filter(|l| !l.trim().is_empty()).count();
    assert!(head_lines <= 2, "annex header in {head_lines} lines:\n{after_title}");
    // Charts are drawn with their captions and legend.
    for c in ["图1", "图2", "图3", "图4", "全部谈话"] {
        assert!(all.contains(c), "{c}");
    }
}

fn sheets(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = open_workbook(path).expect("calamine opens the report");
    let names = book.sheet_names();
    names.into_iter().map(|n| (n.clone(), book.worksheet_range(&n).unwrap().rows().map(|r| r.to_vec()).collect())).collect()
}

fn num(d: &Data) -> i64 {
    match d {
        Data::Float(f) => *f as i64,
        Data::Int(i) => *i,
        other => panic!("a number, got {other:?}"),
    }
}

#[test]
fn the_workbook_has_one_sheet_per_table_with_the_same_figures() {
    let (db, ctx) = demo_db();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("年度报告.xlsx");
    report::save(&db, &ctx, None, year(2026), &path).unwrap();
    let r = report::build(db.conn(), &ctx, year(2026)).unwrap();
    let tables = r.tables();
    let book = sheets(&path);
    assert_eq!(book.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(), tables.iter().map(|t| t.title.clone()).collect::<Vec<_>>());
    let sheet = |title: &str| &book.iter().find(|(n, _)| n == title).unwrap().1;
    let talks = sheet("二、谈话开展情况");
    assert_eq!(talks[0].iter().map(|c| c.to_string()).collect::<Vec<_>>(), ["谈话类型", "数量"]);
    let total = talks.iter().find(|r| r[0] == Data::String("合计".into())).unwrap();
    assert_eq!(num(&total[1]), r.talks_total);
    let months = sheet("四、各月谈话情况");
    assert_eq!(months.len(), 13, "header and twelve months");
    assert_eq!(months.iter().skip(1).map(|m| num(m.last().unwrap())).sum::<i64>(), r.talks_total);
    let items = sheet("六、整改事项情况");
    assert_eq!(num(&items[1][0]), r.items.opened);
    assert_eq!(num(&items[1][3]), r.items.overdue);
    let annex = sheet("附表：各单位情况");
    assert_eq!(annex.len() - 1, r.annex.len());
    for (row, a) in annex.iter().skip(1).zip(&r.annex) {
        assert_eq!(row[0].to_string(), a.unit_name);
        match &a.last_supervision_talk {
            Some(d) => match &row[2] {
                Data::DateTime(dt) => assert_eq!(dt.as_datetime().unwrap().date().format("%Y-%m-%d").to_string(), *d),
                other => panic!("a date cell, got {other:?}"),
            },
            None => assert_eq!(row[2], Data::Empty),
        }
        assert_eq!(num(&row[3]), a.open_items);
    }
}

#[test]
fn jiandu_report_writes_pdf_or_xlsx_by_the_extension_and_refuses_others() {
    require_poppler();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    assert_eq!(run_cli(&["--data-dir", d, "--today", TODAY, "demo"]).0, 0);
    let pdf = dir.path().join("年度报告.pdf");
    let (code, out, err) = run_cli(&["--data-dir", d, "--today", TODAY, "report", "--from", "2026-01-01", "--to", "2026-12-31", "--out", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已生成监督工作情况报告"), "{out}");
    assert!(pdftotext(&pdf, &[]).contains("2026年1月1日至2026年12月31日"));
    // --year and --quarter give the same periods as the pages' year and quarter.
    let q3 = dir.path().join("三季度.xlsx");
    let (code, out, err) = run_cli(&["--data-dir", d, "--today", TODAY, "report", "--year", "2026", "--quarter", "3", "--out", q3.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let basics = sheets(&q3).into_iter().next().unwrap().1;
    let cell = |k: &str| basics.iter().find(|r| r[0] == k).map(|r| r[1].to_string()).unwrap();
    assert_eq!(cell("报告期间"), "2026年第三季度");
    assert_eq!(cell("起止日期"), "2026年7月1日至2026年9月30日");
    let y = dir.path().join("年度.xlsx");
    let (code, out, err) = run_cli(&["--data-dir", d, "--today", TODAY, "report", "--year", "2025", "--out", y.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(sheets(&y).into_iter().next().unwrap().1.iter().find(|r| r[0] == "报告期间").unwrap()[1].to_string(), "2025年度");
    let (code, _, _) = run_cli(&["--data-dir", d, "--today", TODAY, "report", "--quarter", "3", "--out", y.to_str().unwrap()]);
    assert_ne!(code, 0, "a quarter needs its year");
    let (code, _, _) = run_cli(&["--data-dir", d, "--today", TODAY, "report", "--year", "2026", "--from", "2026-01-01", "--to", "2026-02-01", "--out", y.to_str().unwrap()]);
    assert_ne!(code, 0, "a year or dates, not both");
    let xlsx = dir.path().join("年度报告.xlsx");
    let db = Db::open(&dir.path().join("jiandu.db")).unwrap();
    let unit: String = db.conn().query_row("SELECT name FROM unit WHERE voided_at IS NULL ORDER BY sort_order LIMIT 1 OFFSET 3", [], |r| r.get(0)).unwrap();
    let (code, out, err) = run_cli(&[
        "--data-dir", d, "--today", TODAY, "report", "--from", "2026-01-01", "--to", "2026-12-31", "--units", &unit, "--out", xlsx.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let annex = sheets(&xlsx).into_iter().find(|(n, _)| n.starts_with("附表")).unwrap().1;
    assert_eq!(annex.len(), 2, "one unit chosen");
    assert_eq!(annex[1][0].to_string(), unit);

    let doc = dir.path().join("年度报告.docx");
    let (code, _, err) = run_cli(&["--data-dir", d, "--today", TODAY, "report", "--from", "2026-01-01", "--to", "2026-12-31", "--out", doc.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains(".pdf 或 .xlsx"), "{err}");
    assert!(!doc.exists());
    let (code, _, err) = run_cli(&["--data-dir", d, "--today", TODAY, "report", "--from", "2026-01-01", "--to", "2026-12-31", "--units", "无此单位", "--out", xlsx.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("没有名为“无此单位”的单位"), "{err}");
    let (code, _, err) = run_cli(&["--data-dir", d, "--today", TODAY, "report", "--from", "2026-13-01", "--to", "2026-12-31", "--out", xlsx.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("报告起始日期"), "{err}");
}

// ---- drill-downs: a click on a figure lists exactly the records it counted

/// Every drill-down of the 统计 page on `scope`: the list the page opens, with the filter the
/// click sets (the report's scope, narrowed to the month for talks), has as many rows as the
/// figure clicked.
fn drill_downs_match(db: &Db, ctx: &Ctx, scope: ReportScope) {
    use jiandu_core::model::assessments::AssessmentFilter;
    use jiandu_core::model::items::{ItemFilter, ItemListStatus};
    use jiandu_core::model::letters::{LetterFilter, LetterKind};
    use jiandu_core::model::risks::{RiskFilter, RiskLevel};
    use jiandu_core::model::talks::{TalkFilter, TalkKind};
    use jiandu_core::service;
    let r = report::build(db.conn(), ctx, scope.clone()).unwrap();
    let sc = Some(scope.clone());
    let mut clicked = 0;
    // 谈话 by month and kind: the month's days, the kind.
    for m in &r.talks_by_month {
        let month = Some(ReportScope { period: ReportPeriod::range(&m.from, &m.to), unit_ids: scope.unit_ids.clone() });
        for (i, kind) in TalkKind::ALL.iter().enumerate() {
            let rows = service::talks::list_talks(db, ctx, &TalkFilter { scope: month.clone(), kind: Some(*kind), ..TalkFilter::default() }).unwrap();
            assert_eq!(rows.len() as i64, m.counts[i], "{} {} talks", m.month, kind.label());
            clicked += m.counts[i];
        }
    }
    assert_eq!(clicked, r.talks_total);
    // 考核等次: the period's years, the rating.
    for c in &r.ratings {
        let f = AssessmentFilter { scope: sc.clone(), rating: Some(c.label.clone()), ..AssessmentFilter::default() };
        assert_eq!(service::assessments::list_assessments(db, ctx, &f).unwrap().len() as i64, c.count, "rating {}", c.label);
    }
    // 整改事项: new, closed, open, overdue (on the report's as-of date).
    let items = |status| service::items::list_items(db, ctx, &ItemFilter { scope: sc.clone(), status, ..ItemFilter::default() }).unwrap();
    assert_eq!(items(None).len() as i64, r.items.opened, "new items");
    assert_eq!(items(Some(ItemListStatus::Closed)).len() as i64, r.items.closed, "closed items");
    assert_eq!(items(Some(ItemListStatus::Open)).len() as i64, r.items.open, "open items");
    let overdue = items(Some(ItemListStatus::Overdue));
    assert_eq!(overdue.len() as i64, r.items.overdue, "overdue items");
    assert!(overdue.iter().all(|i| i.overdue), "each listed overdue item is marked so");
    // 函件 by kind: signed in the period; and its 逾期未复.
    for (l, kind) in r.letters.iter().zip(LetterKind::ALL) {
        assert_eq!(l.kind, kind.label());
        let f = LetterFilter { scope: sc.clone(), kind: Some(kind), ..LetterFilter::default() };
        assert_eq!(service::letters::list_letters(db, ctx, &f).unwrap().len() as i64, l.issued, "{} signed", l.kind);
        let f = LetterFilter { overdue_only: true, ..f };
        assert_eq!(service::letters::list_letters(db, ctx, &f).unwrap().len() as i64, l.overdue, "{} overdue", l.kind);
    }
    // 风险点 by level.
    for (c, level) in r.risks_by_level.iter().zip(RiskLevel::ALL) {
        let f = RiskFilter { scope: sc.clone(), level: Some(level), ..RiskFilter::default() };
        assert_eq!(service::risks::register(db, ctx, &f).unwrap().len() as i64, c.count, "risk level {}", c.label);
    }
}

#[test]
fn each_drill_down_lists_the_records_its_figure_counted_on_the_demo_county() {
    let (db, ctx) = demo_db();
    let r = report::build(db.conn(), &ctx, year(2026)).unwrap();
    assert!(r.talks_total > 0 && r.items.opened > 0 && r.letters_issued > 0, "figures to click");
    for scope in [year(2026), year(2025), ReportScope::county(ReportPeriod::Quarter { year: 2026, quarter: 2 })] {
        drill_downs_match(&db, &ctx, scope);
    }
    // A unit group of several units passes on to the lists as a group.
    let units: Vec<String> = r.annex.iter().filter(|a| a.open_items > 0).take(3).map(|a| a.unit_id.clone()).collect();
    assert!(units.len() >= 2, "units with open items in the demo county");
    drill_downs_match(&db, &ctx, ReportScope { period: ReportPeriod::year(2026), unit_ids: Some(units) });
    // The 整改事项 page's unit filter lists a unit's open items as the annex counts them.
    use jiandu_core::model::items::{ItemFilter, ItemListStatus};
    for a in &r.annex {
        let f = ItemFilter { unit_id: Some(a.unit_id.clone()), status: Some(ItemListStatus::Open), ..ItemFilter::default() };
        assert_eq!(jiandu_core::service::items::list_items(&db, &ctx, &f).unwrap().len() as i64, a.open_items, "{}", a.unit_name);
    }
}

#[test]
fn each_drill_down_lists_the_records_its_figure_counted_on_a_generated_county() {
    let mut db = Db::open_in_memory().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    city::generate(&mut db, &city::COUNTY, today).unwrap();
    let ctx = Ctx::at("测试员", today);
    for scope in [year(2026), year(2024), range("2019-04-15", "2021-06-30"), ReportScope { unit_ids: Some(vec!["u3".into(), "u5".into(), "u8".into()]), ..year(2025) }] {
        drill_downs_match(&db, &ctx, scope);
    }
}
// ---- end drill-downs

// ---- figures agree three ways: the report, the PDF, the workbook and the 统计 page's charts

/// The numbers of the first line of `section` whose first cell is `label` (or, with "", the first
/// line of numbers only), as printed by pdftotext -layout.
fn printed_row(section: &str, label: &str) -> Vec<String> {
    section
        .lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .find(|cells| {
            if label.is_empty() {
                cells.len() >= 4 && cells[..4].iter().all(|c| c.parse::<i64>().is_ok())
            } else {
                cells.first().map(String::as_str) == Some(label) && cells.len() > 1
            }
        })
        .unwrap_or_else(|| panic!("a printed row “{label}” in\n{section}"))
}

/// The text of the PDF from the table titled `title` to the next numbered table.
fn pdf_section<'a>(body: &'a str, title: &str, next: &str) -> &'a str {
    let start = body.find(title).unwrap_or_else(|| panic!("{title} printed"));
    let end = body[start..].find(next).map(|e| start + e).unwrap_or(body.len());
    &body[start..end]
}

fn sheet_row<'a>(book: &'a [(String, Vec<Vec<Data>>)], title_start: &str, label: &str) -> &'a [Data] {
    let sheet = &book.iter().find(|(n, _)| n.starts_with(title_start)).unwrap_or_else(|| panic!("sheet {title_start}")).1;
    sheet.iter().find(|r| r[0] == label).unwrap_or_else(|| panic!("row {label} of {title_start}"))
}

fn three_ways(db: &Db, ctx: &Ctx, scope: ReportScope, with_pdf: bool) -> jiandu_core::model::stats::Dashboard {
    use jiandu_core::service::stats;
    let r = report::build(db.conn(), ctx, scope.clone()).unwrap();
    let d = stats::dashboard_of(db.conn(), ctx, scope.clone(), 10).unwrap();
    // 1. The dashboard against the report.
    assert_eq!(d.talks.categories, r.talks_by_month.iter().map(|m| m.month.clone()).collect::<Vec<_>>());
    for (i, m) in r.talks_by_month.iter().enumerate() {
        assert_eq!(d.talks.series.iter().map(|s| s.data[i]).sum::<i64>(), m.total, "{}", m.month);
    }
    for (s, c) in d.talks.series.iter().zip(&r.talks_by_kind) {
        assert_eq!((s.name.as_str(), s.data.iter().sum::<i64>()), (c.label.as_str(), c.count));
    }
    assert_eq!(d.items.series[0].data, [r.items.opened, r.items.closed, r.items.open, r.items.overdue]);
    assert_eq!(d.letters.series.iter().map(|s| s.data.iter().sum::<i64>()).collect::<Vec<_>>(), [r.letters_issued, r.letters_on_time, r.letters_overdue]);
    assert_eq!(d.ratings.slices, r.ratings);
    assert_eq!(d.risks.series[0].data, r.risks_by_level.iter().map(|c| c.count).collect::<Vec<_>>());
    assert_eq!((d.coverage.series[0].data[0], d.coverage.series[1].data[0]), (r.heads, r.heads_covered));

    // 2. The workbook (read by calamine) against the dashboard.
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("report.xlsx");
    report::save(db, ctx, None, scope.clone(), &xlsx).unwrap();
    let book = sheets(&xlsx);
    let talks_total: i64 = d.talks.series.iter().map(|s| s.data.iter().sum::<i64>()).sum();
    assert_eq!(num(&sheet_row(&book, "二、", "合计")[1]), talks_total, "workbook talks");
    for (i, month) in d.talks.categories.iter().enumerate() {
        let row = sheet_row(&book, "四、", month);
        for (k, s) in d.talks.series.iter().enumerate() {
            assert_eq!(num(&row[k + 1]), s.data[i], "workbook {month} {}", s.name);
        }
    }
    for (i, kind) in d.letter_kinds.iter().enumerate() {
        let row = sheet_row(&book, "五、", kind);
        assert_eq!([num(&row[1]), num(&row[3]), num(&row[4])], [d.letters.series[0].data[i], d.letters.series[1].data[i], d.letters.series[2].data[i]], "{kind}");
    }
    let items_sheet = &book.iter().find(|(n, _)| n.starts_with("六、")).unwrap().1;
    assert_eq!(items_sheet[1][..4].iter().map(num).collect::<Vec<_>>(), d.items.series[0].data, "workbook items");
    for c in &d.ratings.slices {
        assert_eq!(num(&sheet_row(&book, "十、", &c.label)[1]), c.count, "workbook rating {}", c.label);
    }
    for (i, level) in d.risks.categories.iter().enumerate() {
        assert_eq!(num(&sheet_row(&book, "十二、", level)[1]), d.risks.series[0].data[i], "workbook risk {level}");
    }

    // 3. The PDF (read by poppler) against the dashboard.
    if with_pdf {
        let pdf = dir.path().join("report.pdf");
        std::fs::write(&pdf, render_report(fonts(), &r).unwrap()).unwrap();
        let text = pdftotext(&pdf, &["-layout"]);
        // The body: after the contents page.
        let first = text.find("一、基本情况").unwrap() + "一、基本情况".len();
        let body = &text[first..];
        let body = &body[body.find("一、基本情况").unwrap()..];
        let talks = pdf_section(body, "二、谈话开展情况", "三、");
        assert_eq!(printed_row(talks, "合计")[1], talks_total.to_string(), "PDF talks");
        let letters = pdf_section(body, "五、函件及按期回复情况", "六、");
        for (i, kind) in d.letter_kinds.iter().enumerate() {
            let row = printed_row(letters, kind);
            assert_eq!(
                [row[1].clone(), row[3].clone(), row[4].clone()],
                [d.letters.series[0].data[i].to_string(), d.letters.series[1].data[i].to_string(), d.letters.series[2].data[i].to_string()],
                "PDF {kind}"
            );
        }
        let items = pdf_section(body, "六、整改事项情况", "七、");
        assert_eq!(printed_row(items, "")[..4], d.items.series[0].data.iter().map(i64::to_string).collect::<Vec<_>>()[..], "PDF items");
        let ratings = pdf_section(body, "十、责任制考核等次分布", "十一、");
        for c in &d.ratings.slices {
            assert_eq!(printed_row(ratings, &c.label)[1], c.count.to_string(), "PDF rating {}", c.label);
        }
        let risks = pdf_section(body, "十二、廉政风险点等级分布", "十三、");
        for (i, level) in d.risks.categories.iter().enumerate() {
            assert_eq!(printed_row(risks, level)[1], d.risks.series[0].data[i].to_string(), "PDF risk {level}");
        }
    }
    d
}

#[test]
fn the_report_pdf_workbook_and_dashboard_agree_on_the_demo_county() {
    require_poppler();
    let (db, ctx) = demo_db();
    let mut d = three_ways(&db, &ctx, year(2026), true);
    three_ways(&db, &ctx, ReportScope::county(ReportPeriod::Quarter { year: 2026, quarter: 3 }), true);
    // The 统计 spec draws this very dashboard: written here as the UI's fixture (ids made stable).
    d.risk_unit_ids = (1..=d.risk_unit_ids.len()).map(|i| format!("u-{i}")).collect();
    let json = serde_json::to_string_pretty(&d).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/__fixtures__/dashboard-demo-2026.json");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(json.as_str()) {
        std::fs::write(&path, json).unwrap();
    }
}

#[test]
fn the_report_pdf_workbook_and_dashboard_agree_on_a_generated_county() {
    require_poppler();
    let mut db = Db::open_in_memory().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    city::generate(&mut db, &city::COUNTY, today).unwrap();
    let ctx = Ctx::at("测试员", today);
    three_ways(&db, &ctx, year(2025), true);
    three_ways(&db, &ctx, ReportScope { unit_ids: Some(vec!["u3".into(), "u5".into()]), ..year(2026) }, true);
    three_ways(&db, &ctx, range("2019-04-01", "2021-06-30"), false);
}
// ---- end figures agree three ways
