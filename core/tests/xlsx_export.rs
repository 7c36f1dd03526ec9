//! Excel out (issue 11): each list exported on the demo county is read back with calamine (not the
//! writer): the sheet is named for the list, the headers are the page's, one row per row of the
//! list query with the same filter, dates are real dates, Chinese text round-trips, and a filter
//! narrows the file exactly as it narrows the list.

// In a test an unwrap that panics is the failure report itself.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use jiandu_core::export::lists;
use jiandu_core::model::assessments::AssessmentFilter;
use jiandu_core::model::clues::ClueFilter;
use jiandu_core::model::findings::FindingFilter;
use jiandu_core::model::letters::LetterFilter;
use jiandu_core::model::risks::RiskFilter;
use jiandu_core::model::talks::TalkFilter;
use jiandu_core::service::{assessments, clues, findings, letters, org, risks, talks, worklist};
use jiandu_core::{demo, Ctx, Db};

mod support;
use support::*;

const TODAY: &str = "2026-12-03";

fn county() -> (Db, Ctx, tempfile::TempDir) {
    let ctx = at(TODAY);
    let mut db = Db::open_in_memory().expect("db");
    demo::load(&mut db, &ctx).expect("demo");
    (db, ctx, tempfile::tempdir().expect("tmp"))
}

/// The one sheet of the file: its name and its cells, header row first.
fn read(path: &Path) -> (String, Vec<Vec<Data>>) {
    let mut book: Xlsx<_> = open_workbook(path).expect("calamine opens the export");
    let names = book.sheet_names();
    assert_eq!(names.len(), 1, "one sheet per list");
    let range = book.worksheet_range(&names[0]).expect("sheet");
    (names[0].clone(), range.rows().map(|r| r.to_vec()).collect())
}

fn headers(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(|c| c.to_string()).collect()
}

/// The cell is an Excel date (not text) and reads back as `want`.
fn assert_date(cell: &Data, want: &str) {
    match cell {
        Data::DateTime(dt) => {
            let d = dt.as_datetime().expect("a date").date();
            assert_eq!(d.format("%Y-%m-%d").to_string(), want);
        }
        other => panic!("expected a date cell for {want}, got {other:?}"),
    }
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("expected text, got {other:?}"),
    }
}

fn out(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

#[test]
fn talks_export_is_the_talk_list_with_its_filter() {
    let (db, ctx, dir) = county();
    let all = talks::list_talks(&db, &ctx, &TalkFilter::default()).unwrap();
    assert!(all.len() > 3, "the demo county has talks");
    let p = out(&dir, "谈话台账-2026-12-03.xlsx");
    assert_eq!(lists::export_talks(&db, &ctx, &TalkFilter::default(), &p).unwrap(), all.len());
    let (name, rows) = read(&p);
    assert_eq!(name, "谈话台账");
    assert_eq!(headers(&rows), ["日期", "类型", "谈话对象", "单位", "谈话人", "状态", "未销号整改事项", "逾期整改事项"]);
    assert_eq!(rows.len() - 1, all.len());
    assert_date(&rows[1][0], &all[0].date);
    assert_eq!(text(&rows[1][2]), all[0].subjects, "Chinese names round-trip");
    assert!(!all[0].subjects.is_empty());
    assert_eq!(rows[1][6], Data::Float(all[0].open_items as f64), "counts are numbers");

    // A year narrows the file as it narrows the list.
    let years: std::collections::BTreeSet<&str> = all.iter().map(|t| &t.date[..4]).collect();
    assert!(years.len() > 1, "the demo spans several years: {years:?}");
    let year: i32 = years.iter().next().unwrap().parse().unwrap();
    let f = TalkFilter { year: Some(year), ..TalkFilter::default() };
    let some = talks::list_talks(&db, &ctx, &f).unwrap();
    assert!(!some.is_empty() && some.len() < all.len());
    let p = out(&dir, "year.xlsx");
    lists::export_talks(&db, &ctx, &f, &p).unwrap();
    let (_, rows) = read(&p);
    assert_eq!(rows.len() - 1, some.len());
    for (r, t) in rows[1..].iter().zip(&some) {
        assert_date(&r[0], &t.date);
    }
}

#[test]
fn worklist_items_export_holds_every_due_and_overdue_item() {
    let (db, ctx, dir) = county();
    let w = worklist::worklist(&db, &ctx).unwrap();
    assert!(w.items_overdue_total > 0, "the demo county has overdue items on {TODAY}");
    let all = worklist::items_due_all(&db, &ctx).unwrap();
    assert_eq!(all.len() as i64, w.items_due_total, "the export holds the section's whole count");
    assert_eq!(all[..w.items_due.len()], w.items_due[..], "and begins with what the worklist shows");
    let p = out(&dir, "到期及逾期整改事项.xlsx");
    assert_eq!(lists::export_items_due(&db, &ctx, &p).unwrap(), all.len());
    let (name, rows) = read(&p);
    assert_eq!(name, "到期及逾期整改事项");
    assert_eq!(headers(&rows), ["整改问题", "来源", "责任人", "整改期限", "期限估算", "状态"]);
    assert_eq!(rows.len() - 1, all.len());
    assert_eq!(text(&rows[1][0]), all[0].problem);
    assert_date(&rows[1][3], &all[0].due_date);
    let overdue = rows[1..].iter().filter(|r| text(&r[5]).starts_with("逾期")).count();
    assert_eq!(overdue as i64, w.items_overdue_total);
}

#[test]
fn people_export_is_the_search_with_every_match() {
    let (db, ctx, dir) = county();
    let page = org::search_people(&db, &ctx, "", false).unwrap();
    let p = out(&dir, "干部名册.xlsx");
    assert_eq!(lists::export_people(&db, &ctx, "", false, &p).unwrap() as i64, page.total, "every match, not only the page's first");
    let (name, rows) = read(&p);
    assert_eq!(name, "干部名册");
    assert_eq!(headers(&rows), ["姓名", "性别", "出生日期", "现任单位及职务", "一把手", "处分影响期", "状态"]);
    assert_eq!(rows.len() as i64 - 1, page.total);
    assert_eq!(text(&rows[1][0]), page.rows[0].name);
    assert_eq!(text(&rows[1][3]), page.rows[0].current_titles);
    if let Some(b) = &page.rows[0].birth_date {
        assert_date(&rows[1][2], b);
    }

    // A search narrows the file as it narrows the page.
    let q = page.rows[0].name.clone();
    let found = org::search_people(&db, &ctx, &q, false).unwrap();
    assert!(found.total < page.total);
    let p = out(&dir, "查找.xlsx");
    lists::export_people(&db, &ctx, &q, false, &p).unwrap();
    let (_, rows) = read(&p);
    assert_eq!(rows.len() as i64 - 1, found.total);
    assert!(rows[1..].iter().any(|r| text(&r[0]) == q));
}

#[test]
fn letters_export_has_real_dates_and_the_list_rows() {
    let (db, ctx, dir) = county();
    let f = LetterFilter::default();
    let all = letters::list_letters(&db, &ctx, &f).unwrap();
    assert!(!all.is_empty());
    let p = out(&dir, "函件台账.xlsx");
    lists::export_letters(&db, &ctx, &f, &p).unwrap();
    let (name, rows) = read(&p);
    assert_eq!(name, "函件台账");
    assert_eq!(headers(&rows), ["文号", "类型", "标题", "主送", "签发日期", "回复期限", "状态"]);
    assert_eq!(rows.len() - 1, all.len());
    let (i, signed) = all.iter().enumerate().find(|(_, l)| l.signed_date.is_some()).expect("a signed letter");
    assert_date(&rows[i + 1][4], signed.signed_date.as_deref().unwrap());
    assert_eq!(text(&rows[i + 1][2]), signed.title);
    assert_eq!(text(&rows[i + 1][3]), signed.recipient);
}

#[test]
fn assessments_export_follows_the_year() {
    let (db, ctx, dir) = county();
    let all = assessments::list_assessments(&db, &ctx, &AssessmentFilter::default()).unwrap();
    assert!(!all.is_empty());
    let year = all[0].assessment.year;
    let f = AssessmentFilter { year: Some(year), ..AssessmentFilter::default() };
    let some = assessments::list_assessments(&db, &ctx, &f).unwrap();
    let p = out(&dir, "考核.xlsx");
    lists::export_assessments(&db, &ctx, &f, &p).unwrap();
    let (name, rows) = read(&p);
    assert_eq!(name, "考核结果");
    assert_eq!(headers(&rows), ["年度", "单位", "一把手", "考核等次", "得分", "约谈", "备注"]);
    assert_eq!(rows.len() - 1, some.len());
    assert!(rows[1..].iter().all(|r| r[0] == Data::Float(f64::from(year))));
    assert_eq!(text(&rows[1][1]), some[0].unit_name);
    assert_eq!(text(&rows[1][3]), some[0].assessment.rating);
}

#[test]
fn risk_register_export() {
    let (db, ctx, dir) = county();
    let f = RiskFilter::default();
    let all = risks::register(&db, &ctx, &f).unwrap();
    assert!(!all.is_empty());
    let p = out(&dir, "风险.xlsx");
    lists::export_risks(&db, &ctx, &f, &p).unwrap();
    let (name, rows) = read(&p);
    assert_eq!(name, "廉政风险点");
    assert_eq!(headers(&rows)[..3], ["等级", "风险类别", "单位"]);
    assert_eq!(rows.len() - 1, all.len());
    assert_eq!(text(&rows[1][4]), all[0].point.description);
    let (i, dated) = all.iter().enumerate().find(|(_, r)| r.point.review_date.is_some()).expect("a review date");
    assert_date(&rows[i + 1][7], dated.point.review_date.as_deref().unwrap());
}

#[test]
fn findings_and_clues_export() {
    let (db, ctx, dir) = county();
    let fs = findings::list_findings(&db, &ctx, &FindingFilter::default()).unwrap();
    let p = out(&dir, "发现.xlsx");
    lists::export_findings(&db, &ctx, &FindingFilter::default(), &p).unwrap();
    let (name, rows) = read(&p);
    assert_eq!(name, "监督发现问题");
    assert_eq!(rows.len() - 1, fs.len());
    assert!(!fs.is_empty());
    assert_date(&rows[1][0], &fs[0].finding.found_date);
    assert_eq!(text(&rows[1][3]), fs[0].finding.description);

    let cs = clues::list_clues(&db, &ClueFilter::default()).unwrap();
    let p = out(&dir, "线索.xlsx");
    lists::export_clues(&db, &ClueFilter::default(), &p).unwrap();
    let (name, rows) = read(&p);
    assert_eq!(name, "问题线索");
    assert_eq!(rows.len() - 1, cs.len());
    assert!(!cs.is_empty());
    assert_date(&rows[1][0], &cs[0].clue.received_date);
    assert_eq!(text(&rows[1][3]), cs[0].clue.summary);
}

#[test]
fn a_failed_write_leaves_no_file_under_the_name() {
    let (db, ctx, dir) = county();
    // The target is a folder: the rename fails, nothing half-written stands at the path.
    let p = out(&dir, "占用.xlsx");
    std::fs::create_dir(&p).unwrap();
    let err = lists::export_talks(&db, &ctx, &TalkFilter::default(), &p).unwrap_err();
    assert_eq!(err.code(), "io");
    assert!(p.is_dir());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, [std::ffi::OsString::from("占用.xlsx")], "no temporary file is left behind");
}

#[test]
fn a_name_not_ending_in_xlsx_is_refused_and_nothing_is_written() {
    let (db, ctx, dir) = county();
    let p = out(&dir, "谈话台账.xls");
    let (field, message) = invalid(lists::export_letters(&db, &ctx, &LetterFilter::default(), &p));
    assert_eq!(field, "path");
    assert!(message.contains(".xlsx"), "{message}");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

/// A part of the package as text.
fn part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    z.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

#[test]
fn header_is_bold_frozen_and_filtered_and_widths_fit_chinese() {
    let (db, ctx, dir) = county();
    let all = talks::list_talks(&db, &ctx, &TalkFilter::default()).unwrap();
    let p = out(&dir, "谈话台账.xlsx");
    lists::export_talks(&db, &ctx, &TalkFilter::default(), &p).unwrap();
    let sheet = part(&p, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"ySplit="1""#) && sheet.contains(r#"state="frozen""#), "header row frozen: {sheet:.600}");
    assert!(sheet.contains(&format!(r#"<autoFilter ref="A1:H{}"/>"#, all.len() + 1)), "autofilter over the header and rows");
    assert!(part(&p, "xl/styles.xml").contains("<b/>"), "a bold font for the header");
    // The 单位 column (D) is as wide as its widest cell, a Chinese character counting 2.
    let widest = all.iter().map(|t| jiandu_core::export::xlsx::text_width(&t.units)).max().unwrap();
    assert!(widest > 8);
    assert!(sheet.contains(&format!(r#"<col min="4" max="4" width="{}"#, (widest + 2).min(60))), "{sheet:.900}");
}

#[test]
fn an_empty_list_is_a_header_only_sheet() {
    let (db, ctx, dir) = county();
    let f = TalkFilter { year: Some(1990), ..TalkFilter::default() };
    let p = out(&dir, "空.xlsx");
    assert_eq!(lists::export_talks(&db, &ctx, &f, &p).unwrap(), 0);
    let (_, rows) = read(&p);
    assert_eq!(rows.len(), 1);
    assert_eq!(text(&rows[0][0]), "日期");
}

// ---- 整改事项 list (issue 11)
#[test]
fn items_export_is_the_items_list_with_its_filter() {
    use jiandu_core::model::items::{ItemFilter, ItemListStatus};
    let (db, ctx, dir) = county();
    let f = ItemFilter { status: Some(ItemListStatus::Overdue), ..ItemFilter::default() };
    let listed = jiandu_core::service::items::list_items(&db, &ctx, &f).unwrap();
    assert!(!listed.is_empty() && listed.iter().all(|i| i.overdue), "overdue items in the demo county");
    let all = jiandu_core::service::items::list_items(&db, &ctx, &ItemFilter::default()).unwrap();
    assert!(all.len() > listed.len(), "the filter narrows the list");
    let p = out(&dir, "整改事项.xlsx");
    assert_eq!(lists::export_items(&db, &ctx, &f, &p).unwrap(), listed.len());
    let (name, rows) = read(&p);
    assert_eq!(name, "整改事项");
    assert_eq!(headers(&rows)[..4], ["整改问题", "来源", "来源日期", "责任人（单位）"]);
    assert_eq!(rows.len() - 1, listed.len());
    for (row, item) in rows.iter().skip(1).zip(&listed) {
        assert_eq!(text(&row[0]), item.problem);
        assert_date(&row[2], &item.origin_date);
        assert_date(&row[4], &item.due_date);
        assert_eq!(text(&row[6]), "整改中（逾期）");
    }
}
// ---- end 整改事项 list
