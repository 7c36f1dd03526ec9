//! The 廉政档案 (一人一档): the sections in their fixed order with a demo person's records, the
//! timeline newest first with one event per record, the printed file read back with poppler
//! (titles, name, page numbers, contents page numbers, a long table over pages with its header
//! repeated, nothing past the right margin), `jiandu file` finding a person or refusing, and the
//! audit rows of looking at and printing a file.

#![allow(clippy::unwrap_used)]

mod pdf_common;
mod support;

use std::path::Path;

use jiandu_core::model::person_file::PersonFile;
use jiandu_core::model::sanctions::{SanctionCategory, SanctionInput};
use jiandu_core::model::talks::TalkState;
use jiandu_core::pdf::render_person_file;
use jiandu_core::service::{org, person_file, sanctions, talks};
use jiandu_core::{Ctx, Db, Error};
use pdf_common::*;
use support::*;

const TODAY: &str = "2026-12-03";

fn demo_db() -> (Db, Ctx) {
    demo_at(TODAY)
}

fn person_named(db: &Db, name: &str) -> String {
    db.conn().query_row("SELECT id FROM person WHERE name = ?1 AND voided_at IS NULL", [name], |r| r.get(0)).unwrap()
}

fn section<'a>(f: &'a PersonFile, key: &str) -> &'a jiandu_core::model::person_file::FileSection {
    f.sections.iter().find(|s| s.key == key).unwrap_or_else(|| panic!("no section {key}"))
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(10).any(|w| w[4] == b'-' && w[7] == b'-' && w.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()))
}

fn write_pdf(bytes: &[u8], name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    if let Some(samples) = std::env::var_os("JIANDU_PDF_SAMPLES") {
        let _ = std::fs::create_dir_all(&samples);
        let _ = std::fs::write(Path::new(&samples).join(name), bytes);
    }
    (dir, path)
}

/// Pages of `pdftotext` output (form feeds), counted from 1 at index 0.
fn pages(pdf: &Path) -> Vec<String> {
    pdftotext(pdf, &["-layout"]).split('\u{c}').map(str::to_string).collect()
}

#[test]
fn a_demo_heads_file_has_every_section_in_order_with_her_records() {
    let (db, ctx) = demo_db();
    let id = person_named(&db, "姚娟");
    let f = person_file::person_file(db.conn(), &ctx, &id).unwrap();
    let titles: Vec<&str> = f.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["一、任职经历", "二、谈话记录", "三、收到的函件", "四、处分", "五、家庭重大变动", "六、监督发现问题", "七、问题线索", "八、廉政风险点", "九、所在单位考核情况"]
    );
    assert_eq!(f.name, "姚娟");
    assert_eq!(f.printed_on, "2026年12月3日");
    assert!(f.current_post.contains("云溪县公安局"), "{}", f.current_post);
    assert!(f.office_name.contains("云溪县"), "office on the cover: {}", f.office_name);

    let detail = org::person_detail(&db, &ctx, &id).unwrap();
    let live: Vec<_> = detail.positions.iter().filter(|p| p.position.meta.voided_at.is_none()).collect();
    let pos = section(&f, "positions");
    assert_eq!(pos.rows.len(), live.len());
    for pv in &live {
        assert!(pos.rows.iter().any(|r| r[0] == pv.unit_name && r[1] == pv.position.title), "{} {} missing", pv.unit_name, pv.position.title);
    }
    assert!(pos.rows.iter().any(|r| r[5].ends_with("至\n今")), "the current post runs 至今: {:?}", pos.rows);

    let held: Vec<_> = talks::talks_of_person(&db, &ctx, &id).unwrap().into_iter().filter(|t| t.state != TalkState::Planned && t.voided_at.is_none()).collect();
    assert!(!held.is_empty());
    assert_eq!(section(&f, "talks").rows.len(), held.len());
    assert!(!section(&f, "letters").rows.is_empty(), "the demo sent her letters");
    let ratings = section(&f, "assessments");
    assert!(!ratings.rows.is_empty(), "her unit's ratings while she led it");
    assert!(ratings.rows.iter().all(|r| r[0].ends_with("年度") && r[1] == "云溪县公安局"), "{:?}", ratings.rows);

    for s in &f.sections {
        assert!(!s.columns.is_empty(), "{} has columns", s.title);
        assert_eq!(s.empty_note, "暂无记录");
        for r in &s.rows {
            assert_eq!(r.len(), s.columns.len(), "{}: {r:?}", s.title);
            assert!(r.iter().all(|c| !is_iso_date(c)), "dates print in Chinese form: {r:?}");
        }
    }
    for key in ["sanctions", "family_changes", "findings", "clues", "risk_points"] {
        assert!(section(&f, key).rows.is_empty(), "{key}");
    }
}

#[test]
fn a_sanctioned_deputys_file_lists_the_sanction_and_its_effect() {
    let (db, ctx) = demo_db();
    let id = person_named(&db, "陈国平");
    let f = person_file::person_file(db.conn(), &ctx, &id).unwrap();
    let s = section(&f, "sanctions");
    assert_eq!(s.rows.len(), 1, "{:?}", s.rows);
    let row = &s.rows[0];
    assert!(row.iter().any(|c| c.contains("云纪处〔")), "{row:?}");
    assert!(row.iter().any(|c| c.starts_with("影响期内\n至") || c.starts_with("已届满\n至") || c == "无影响期"), "{row:?}");
    assert!(f.timeline.iter().any(|e| e.kind == "处分" && e.link.kind == "sanction"));
}

#[test]
fn the_timeline_is_newest_first_with_one_event_per_record() {
    let (mut db, ctx) = demo_db();
    let id = person_named(&db, "姚娟");
    // An ended post too, so 离任 shows.
    let unit = org::save_unit(&mut db, &ctx, unit_input("云溪县司法局")).unwrap().id;
    let mut p = position_input(&id, &unit, "副局长", false);
    p.start_date = Some("2012-04-01".into());
    p.end_date = Some("2016-08-31".into());
    org::save_position(&mut db, &ctx, p).unwrap();
    sanctions::save_sanction(&mut db, &ctx, SanctionInput {
        id: None,
        person_id: id.clone(),
        category: SanctionCategory::Admonition,
        kind: "诫勉".into(),
        probation_months: None,
        decision_date: "2019-05-06".into(),
        decision_number: "云纪诫〔2019〕2号".into(),
        deciding_body: "中共云溪县纪律检查委员会".into(),
        reason: "落实主体责任不力".into(),
        form: None,
    })
    .unwrap();

    let f = person_file::person_file(db.conn(), &ctx, &id).unwrap();
    let dated: Vec<&str> = f.timeline.iter().map(|e| e.date.as_str()).filter(|d| !d.is_empty()).collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "newest first: {dated:?}");
    let rows = |k: &str| section(&f, k).rows.len();
    let ended = section(&f, "positions").rows.iter().filter(|r| !r[5].ends_with("至\n今")).count();
    assert_eq!(f.timeline.len(), rows("positions") + ended + rows("talks") + rows("letters") + rows("sanctions") + rows("assessments"));
    let leave = f.timeline.iter().find(|e| e.kind == "离任" && e.title.contains("司法局")).expect("a 离任 event");
    assert_eq!(leave.date_label, "2016年8月31日");
    assert!(leave.title.contains("云溪县司法局 副局长"));
    assert_eq!(leave.link.kind, "unit");
    assert_eq!(leave.link.id, unit);
    assert!(f.timeline.iter().any(|e| e.kind == "任职" && e.date == "2012-04-01"));
    assert!(f.timeline.iter().any(|e| e.kind == "处分" && e.date_label == "2019年5月6日" && e.title.contains("诫勉")));
    assert!(f.timeline.iter().any(|e| e.kind == "单位考核" && e.date_label.ends_with("年度")));
    for e in &f.timeline {
        assert!(["unit", "talk", "letter", "sanction"].contains(&e.link.kind.as_str()), "{e:?}");
        assert!(!e.link.id.is_empty());
        assert!(!is_iso_date(&e.date_label) && !is_iso_date(&e.detail), "{e:?}");
    }
    let talk_events = f.timeline.iter().filter(|e| e.kind == "谈话").count();
    assert_eq!(talk_events, rows("talks"));
}

#[test]
fn the_printed_file_has_cover_contents_sections_and_page_numbers() {
    require_poppler();
    let (db, ctx) = demo_db();
    let f = person_file::person_file(db.conn(), &ctx, &person_named(&db, "姚娟")).unwrap();
    let bytes = render_person_file(fonts(), &f).unwrap();
    let (_dir, path) = write_pdf(&bytes, "person-file-demo.pdf");
    let pages = pages(&path);
    let all: String = pages.join("\n");
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert!(compact(&pages[0]).contains("廉政档案") && pages[0].contains("姚娟"), "cover: {}", pages[0]);
    assert!(pages[0].contains("打印日期：2026年12月3日"));
    assert!(pages[0].contains("中共云溪县纪律检查委员会"), "office on the cover: {}", pages[0]);
    assert!(!pages[0].contains('—'), "no page number on the cover");
    assert!(all.contains("— 2 —"), "page numbers as — N —");
    for s in &f.sections {
        assert!(all.contains(&s.title), "{} printed", s.title);
    }
    // The contents (page 2) give each section the page its title is on.
    for s in &f.sections {
        let line = pages[1].lines().find(|l| l.contains(&s.title)).unwrap_or_else(|| panic!("{} in contents", s.title));
        let listed: usize = line.split_whitespace().last().unwrap().parse().unwrap();
        let found = pages.iter().enumerate().skip(2).find(|(_, p)| p.contains(&s.title)).map(|(i, _)| i + 1).unwrap();
        assert_eq!(listed, found, "{}", s.title);
    }
    let n = pdf_pages(&path);
    for p in 2..=n {
        assert!(compact(&pages[p - 1]).contains(&format!("—{p}—")), "page {p} numbered");
    }
}

fn pdf_pages(pdf: &Path) -> usize {
    let out = std::process::Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&out.stdout).lines().find(|l| l.starts_with("Pages:")).and_then(|l| l.split_whitespace().last()?.parse().ok()).unwrap()
}

#[test]
fn a_long_table_breaks_across_pages_with_its_header_repeated() {
    require_poppler();
    let mut db = Db::open_in_memory().unwrap();
    let ctx = at(TODAY);
    let person = org::save_person(&mut db, &ctx, person_input("欧阳文华")).unwrap().id;
    for i in 0..60 {
        let unit = org::save_unit(&mut db, &ctx, unit_input(&format!("第{i}执法中队"))).unwrap().id;
        let mut p = position_input(&person, &unit, "副大队长", false);
        p.portfolio = "分管执法监督、法制审核、案件办理和队伍建设工作，协助大队长抓党风廉政建设".into();
        p.start_date = Some(format!("{}-01-01", 1960 + i));
        p.end_date = Some(format!("{}-12-31", 1960 + i));
        org::save_position(&mut db, &ctx, p).unwrap();
    }
    // One cell longer than a page: the row is split and goes on under the repeated header.
    sanctions::save_sanction(&mut db, &ctx, SanctionInput {
        id: None,
        person_id: person.clone(),
        category: SanctionCategory::Admonition,
        kind: "诫勉".into(),
        probation_months: None,
        decision_date: "2024-05-06".into(),
        decision_number: "云纪诫〔2024〕9号".into(),
        deciding_body: "中共云溪县纪律检查委员会".into(),
        reason: "违反中央八项规定精神，多次接受管理服务对象安排的宴请和旅游活动。".repeat(40),
        form: None,
    })
    .unwrap();
    let f = person_file::person_file(db.conn(), &ctx, &person).unwrap();
    let bytes = render_person_file(fonts(), &f).unwrap();
    let (_dir, path) = write_pdf(&bytes, "person-file-long.pdf");
    let pages = pages(&path);
    let with_header = |h: &str| pages.iter().enumerate().skip(2).filter(|(_, p)| p.contains(h)).map(|(i, _)| i + 1).collect::<Vec<_>>();
    let pos_pages = with_header("任职单位");
    assert!(pos_pages.len() >= 3, "positions over several pages, header on each: {pos_pages:?}");
    assert!(pos_pages.windows(2).all(|w| w[1] == w[0] + 1), "{pos_pages:?}");
    // Every position is printed once.
    for i in 0..60 {
        let name = format!("第{i}执法中队");
        assert_eq!(pages.iter().map(|p| p.matches(&name).count()).sum::<usize>(), 1, "{name}");
    }
    let sanction_pages = with_header("决定日期");
    assert!(sanction_pages.len() >= 2, "the long 事由 goes over a page under a repeated header: {sanction_pages:?}");
    // Nothing runs past the right margin (28 mm + 156 mm) or below the page.
    for l in layout_lines(&path) {
        assert!(l.x_max <= (28.0 + 156.0) * 72.0 / 25.4 + 1.0, "past the margin: {l:?}");
        assert!(l.y_max <= 297.0 * 72.0 / 25.4, "{l:?}");
    }
}

#[test]
fn jiandu_file_prints_by_name_or_id_and_refuses_an_ambiguous_or_unknown_name() {
    require_poppler();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    assert_eq!(run_cli(&["--data-dir", d, "--today", TODAY, "demo"]).0, 0);
    let out_pdf = dir.path().join("姚娟.pdf");
    let (code, out, err) = run_cli(&["--data-dir", d, "--today", TODAY, "file", "--person", "姚娟", "--out", out_pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已打印廉政档案"), "{out}");
    assert!(pdftotext(&out_pdf, &[]).contains("姚娟"));

    // The demo county has two 李伟: both listed with post and id, nothing written.
    let twice = dir.path().join("李伟.pdf");
    let (code, out, err) = run_cli(&["--data-dir", d, "--today", TODAY, "file", "--person", "李伟", "--out", twice.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(!twice.exists());
    let db = Db::open(&dir.path().join("jiandu.db")).unwrap();
    let ids: Vec<String> = db.conn().prepare("SELECT id FROM person WHERE name = '李伟'").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(ids.len(), 2);
    for id in &ids {
        assert!(err.contains(id.as_str()), "{id} listed: {err}{out}");
    }
    assert!(err.contains("有 2 名干部都叫“李伟”"), "{err}");
    assert!(err.matches("云溪县").count() >= 2, "each with unit and post: {err}");

    // By id, the ambiguity is gone.
    let (code, _, err) = run_cli(&["--data-dir", d, "--today", TODAY, "file", "--person", &ids[0], "--out", twice.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(twice.exists());

    let none = dir.path().join("无此人.pdf");
    let (code, _, err) = run_cli(&["--data-dir", d, "--today", TODAY, "file", "--person", "无此人", "--out", none.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("没有找到姓名或编号为“无此人”的干部"), "{err}");
    assert!(!none.exists());

    // Each print is in the audit log against the person printed.
    let printed: i64 = db.conn().query_row("SELECT count(*) FROM audit_log WHERE action = 'print_file' AND entity = 'person'", [], |r| r.get(0)).unwrap();
    assert_eq!(printed, 2);
}

#[test]
fn opening_and_printing_a_file_are_in_the_audit_log() {
    let (mut db, ctx) = demo_db();
    let id = person_named(&db, "姚娟");
    let before = org::audit_trail(&db, "person", &id).unwrap().len();
    let f = person_file::open_person_file(&mut db, &at(TODAY), &id).unwrap();
    assert_eq!(f.name, "姚娟");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("档案.pdf");
    person_file::save_person_file_pdf(&mut db, &ctx, fonts(), &id, &path).unwrap();
    assert!(path.exists());
    let trail = org::audit_trail(&db, "person", &id).unwrap();
    assert_eq!(trail.len(), before + 2);
    let view = trail.iter().find(|e| e.action == "view_file").expect("the opening logged");
    assert_eq!(view.actor, "测试员");
    assert!(view.at.starts_with(TODAY), "{}", view.at);
    let print = trail.iter().find(|e| e.action == "print_file").expect("the print logged");
    assert!(print.after.as_deref().unwrap_or("").contains("档案.pdf"), "{print:?}");

    // An unknown person: nothing built, nothing logged, no file.
    let rows: i64 = db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    let missing = dir.path().join("无.pdf");
    assert!(matches!(person_file::open_person_file(&mut db, &ctx, "no-such-id"), Err(Error::NotFound { .. })));
    assert!(person_file::save_person_file_pdf(&mut db, &ctx, fonts(), "no-such-id", &missing).is_err());
    assert!(!missing.exists());
    let after: i64 = db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, after);
}

/// The records the other 廉政档案 pages keep reach the file: a family change reported late carries
/// the core's 逾期报告, a 高 risk point its level with the colour in words — on the page's
/// structure and in the printed PDF.
#[test]
fn a_late_family_change_and_a_high_risk_point_are_in_the_file_and_its_print() {
    use jiandu_core::model::family::FamilyChangeInput;
    use jiandu_core::model::risks::{RiskLevel, RiskPointInput};
    use jiandu_core::service::{family, risks};
    require_poppler();
    let (mut db, ctx) = demo_db();
    let id = person_named(&db, "姚娟");
    family::save_family_change(&mut db, &ctx, FamilyChangeInput {
        id: None,
        person_id: id.clone(),
        kind: "房产或大额债务变化".into(),
        event_date: "2026-05-06".into(),
        reported_date: "2026-07-20".into(),
        description: "配偶购买商品房一套".into(),
    })
    .unwrap();
    risks::save_risk_point(&mut db, &ctx, RiskPointInput {
        id: None,
        person_id: Some(id.clone()),
        position_id: None,
        unit_id: None,
        category: "政府采购".into(),
        description: "采购需求由个人确定，绕开集体研究".into(),
        level: Some(RiskLevel::High),
        measures: "采购事项一律集体研究".into(),
        responsible_person_id: None,
        responsible_name: String::new(),
        review_date: Some("2027-06-30".into()),
    })
    .unwrap();
    let f = person_file::person_file(db.conn(), &ctx, &id).unwrap();
    let fam = section(&f, "family_changes");
    let row = fam.rows.iter().find(|r| r[0] == "房产或大额债务变化").expect("the family change row");
    assert!(row[2].contains("逾期报告（75天）"), "{row:?}");
    let risk = section(&f, "risk_points");
    let row = risk.rows.iter().find(|r| r[0] == "政府采购").expect("the risk point row");
    assert_eq!(row[3], "高（红）");
    assert!(f.timeline.iter().any(|e| e.kind == "家庭重大变动" && e.date == "2026-05-06"));

    let bytes = render_person_file(fonts(), &f).unwrap();
    let (_dir, path) = write_pdf(&bytes, "person-file-records.pdf");
    // Cells wrap (and the text tool reads wrapped columns side by side): short phrases, no breaks.
    let all: String = pages(&path).join("").chars().filter(|c| !c.is_whitespace()).collect();
    for text in ["逾期报告（75天）", "高（红）", "配偶购买商品房一套", "政府采购", "采购事项一律集体研究"] {
        assert!(all.contains(text), "{text} printed: {all}");
    }
}
