//! Excel/CSV import (issue 11, "Excel in"): a 300-row roster as WPS saves it (merged title row,
//! blank rows, dates written five ways, a few bad lines) is previewed with every bad line named by
//! row and column and nothing written; fixing the lines lets it import, all or nothing, as one
//! audit entry; importing it again updates instead of duplicating. Also GBK CSV, the unit list
//! and past ratings.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use jiandu_core::import::{apply, preview};
use jiandu_core::model::import::*;
use jiandu_core::service::{assessments, org};
use jiandu_core::{Db, Error};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

mod support;
use support::*;

const TODAY: &str = "2026-12-03";

/// A valid 18-digit 身份证号 for a birth date and a sequence number.
fn id_number(y: u32, m: u32, d: u32, seq: u32) -> String {
    let body = format!("330102{y:04}{m:02}{d:02}{:03}", seq % 1000);
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = body.chars().zip(W).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
    format!("{body}{}", C[(sum % 11) as usize])
}

fn units(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("云溪县第{}局", i + 1)).collect()
}

fn db_with_units(n: usize) -> Db {
    let mut db = Db::open_in_memory().unwrap();
    let c = at("2024-01-01");
    for u in units(n) {
        org::save_unit(&mut db, &c, unit_input(&u)).unwrap();
    }
    db
}

fn count(db: &Db, table: &str) -> i64 {
    db.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

const SURNAMES: [&str; 20] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
const GIVEN: [&str; 20] = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚"];

/// One roster line, as the generator writes it.
#[derive(Clone)]
struct Line {
    name: String,
    gender: &'static str,
    birth: (u32, u32, u32),
    id: Option<String>,
    unit: String,
    title: String,
    head: bool,
    start: &'static str,
    phone: String,
    /// overrides of what is written: (column, text)
    bad: Option<(usize, String)>,
}

fn roster(n: usize) -> Vec<Line> {
    let us = units(20);
    (0..n)
        .map(|i| {
            let birth = (1960 + (i % 35) as u32, 1 + (i % 12) as u32, 1 + (i % 28) as u32);
            Line {
                name: format!("{}{}{}", SURNAMES[i % 20], GIVEN[(i / 20) % 20], GIVEN[(i / 7) % 20]),
                gender: if i % 3 == 0 { "女" } else { "男" },
                birth,
                // Every tenth line has no 身份证号: it is matched by name, birth date and unit.
                id: (i % 10 != 9).then(|| id_number(birth.0, birth.1, birth.2, i as u32)),
                unit: us[i % 20].clone(),
                title: if i < 20 { "局长".into() } else { format!("副局长（{}）", i / 20) },
                head: i < 20,
                start: if i % 2 == 0 { "2021-03-05" } else { "2022.7" },
                phone: format!("139{:08}", i),
                bad: None,
            }
        })
        .collect()
}

const HEADERS: [&str; 11] = ["序号", "姓名", "性别", "民族", "出生年月", "身份证号", "工作单位", "现任职务", "是否一把手", "任现职时间", "联系电话"];

/// Writes the roster as WPS does: a merged title row, a 填报单位 line, the header, the lines with
/// a blank row after every 50, birth dates in five forms. Returns each line's Excel row (1-based).
fn write_xlsx(path: &Path, lines: &[Line]) -> Vec<u32> {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("干部名册").unwrap();
    s.merge_range(0, 0, 0, 10, "云溪县党政一把手和领导班子成员名册（2026年）", &Format::new().set_bold()).unwrap();
    s.write_string(1, 0, "填报单位：中共云溪县委组织部        填报时间：2026年11月").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        s.write_string(2, c as u16, *h).unwrap();
    }
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let mut row = 3u32;
    let mut at = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 && i % 50 == 0 {
            row += 1; // blank row
        }
        at.push(row + 1);
        let (y, m, d) = l.birth;
        s.write_number(row, 0, (i + 1) as f64).unwrap();
        s.write_string(row, 1, &l.name).unwrap();
        s.write_string(row, 2, l.gender).unwrap();
        s.write_string(row, 3, "汉族").unwrap();
        match i % 5 {
            0 => s.write_string(row, 4, format!("{y}.{m:02}")).map(|_| ()).unwrap(),
            1 => s.write_number(row, 4, f64::from(y) + f64::from(m) / 100.0).map(|_| ()).unwrap(),
            2 => s.write_datetime_with_format(row, 4, ExcelDateTime::from_ymd(y as u16, m as u8, d as u8).unwrap(), &date_fmt).map(|_| ()).unwrap(),
            3 => s.write_string(row, 4, format!("{y}年{m}月")).map(|_| ()).unwrap(),
            _ => s.write_number(row, 4, f64::from(y * 100 + m)).map(|_| ()).unwrap(),
        }
        if let Some(id) = &l.id {
            s.write_string(row, 5, id).unwrap();
        }
        s.write_string(row, 6, &l.unit).unwrap();
        s.write_string(row, 7, &l.title).unwrap();
        s.write_string(row, 8, if l.head { "是" } else { "否" }).unwrap();
        s.write_string(row, 9, l.start).unwrap();
        s.write_string(row, 10, &l.phone).unwrap();
        if let Some((c, t)) = &l.bad {
            s.write_string(row, *c as u16, t).unwrap();
        }
        row += 1;
    }
    book.save(path).unwrap();
    at
}

fn file(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

fn problems(p: &ImportPreview) -> Vec<(u32, String)> {
    p.problems.iter().map(|x| (x.row, x.column.clone())).collect()
}

/// The roster with four bad lines: a month 13, a wrong check digit, an unknown unit, a line
/// repeated.
fn bad_roster() -> Vec<Line> {
    let mut lines = roster(300);
    lines[50].bad = Some((4, "1975.13".into()));
    let id = lines[80].id.clone().unwrap();
    let wrong = if id.ends_with('1') { "2" } else { "1" };
    lines[80].bad = Some((5, format!("{}{wrong}", &id[..17])));
    lines[120].unit = "云溪县不存在局".into();
    lines[200] = lines[199].clone();
    lines
}

#[test]
fn a_wps_roster_with_bad_lines_is_previewed_fixed_and_imported_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir, "名册.xlsx");
    let mut db = db_with_units(20);
    let c = at(TODAY);
    let rows = write_xlsx(&path, &bad_roster());
    let audit_before = count(&db, "audit_log");

    let p = preview(&mut db, &c, &path, ImportKind::People, None).unwrap();
    assert_eq!(p.header_row, 3, "the title and 填报单位 rows are skipped");
    assert_eq!(p.data_rows, 300, "blank rows are skipped");
    let mapped: Vec<(String, Option<String>)> = p.columns.iter().map(|c| (c.header.clone(), c.field.clone())).collect();
    assert_eq!(mapped[0], ("序号".into(), None));
    assert_eq!(mapped[4], ("出生年月".into(), Some("birth_date".into())));
    assert_eq!(mapped[6], ("工作单位".into(), Some("unit".into())));
    assert_eq!(mapped[9], ("任现职时间".into(), Some("start_date".into())));
    assert_eq!(
        problems(&p),
        vec![(rows[50], "出生年月".into()), (rows[80], "身份证号".into()), (rows[120], "工作单位".into()), (rows[200], "姓名".into())],
        "{:#?}",
        p.problems
    );
    assert!(p.problems[0].message.contains("1975.13"), "{}", p.problems[0].message);
    assert!(p.problems[1].message.contains("校验位"), "{}", p.problems[1].message);
    assert!(p.problems[2].message.contains("云溪县不存在局"), "{}", p.problems[2].message);
    assert!(p.problems[3].message.contains(&format!("第{}行", rows[199])), "{}", p.problems[3].message);
    assert_eq!((count(&db, "person"), count(&db, "position"), count(&db, "audit_log")), (0, 0, audit_before), "the preview writes nothing");

    // Importing anyway writes nothing and says why.
    match apply(&mut db, &c, &path, ImportKind::People, None) {
        Err(Error::Conflict(m)) => assert!(m.contains("4处问题") && m.contains(&format!("第{}行", rows[50])), "{m}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!((count(&db, "person"), count(&db, "audit_log")), (0, audit_before), "all or nothing");

    // Fixing one line leaves three named.
    let mut lines = bad_roster();
    lines[50].bad = None;
    write_xlsx(&path, &lines);
    let p = preview(&mut db, &c, &path, ImportKind::People, None).unwrap();
    assert_eq!(p.problems.len(), 3, "{:#?}", p.problems);
    assert_eq!(p.problems[0].row, rows[80]);

    // Fixing all of them imports the roster, as one audit entry.
    let lines = roster(300);
    write_xlsx(&path, &lines);
    let p = preview(&mut db, &c, &path, ImportKind::People, None).unwrap();
    assert!(p.problems.is_empty(), "{:#?}", p.problems);
    assert_eq!((p.counts.people_created, p.counts.positions_created), (300, 300));
    let r = apply(&mut db, &c, &path, ImportKind::People, None).unwrap();
    assert_eq!((r.counts.people_created, r.counts.positions_created, r.counts.people_updated), (300, 300, 0));
    assert!(r.summary.contains("新建干部 300 人"), "{}", r.summary);
    assert_eq!((count(&db, "person"), count(&db, "position")), (300, 300));
    assert_eq!(count(&db, "audit_log"), audit_before + 1, "one audit entry for the whole import");
    let after: String = db.conn().query_row("SELECT after FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    let entry: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(entry["created"].as_array().unwrap().len(), 600, "it lists every person and position it created");
    assert_eq!(entry["file"], "名册.xlsx");

    // Dates written five ways all arrive; month-only births take the day from the 身份证号.
    let search = org::search_people(&db, &c, &lines[1].name, false).unwrap();
    let hit = &search.rows[0];
    assert_eq!(hit.birth_date.as_deref(), Some("1961-02-02"), "1961.02 as a number, day from the 身份证号");
    let no_id = org::search_people(&db, &c, &lines[9].name, false).unwrap();
    assert_eq!(no_id.rows[0].birth_date.as_deref(), Some("1969-10-01"), "196910 without 身份证号: the 1st of the month");
    let head = org::search_people(&db, &c, &lines[3].name, false).unwrap();
    assert!(head.rows[0].is_head, "是否一把手 is read");
    assert!(head.rows[0].current_titles.contains("云溪县第4局 局长"), "{}", head.rows[0].current_titles);

    // Importing the same roster again changes nothing and duplicates nothing.
    let r = apply(&mut db, &c, &path, ImportKind::People, None).unwrap();
    assert_eq!(r.counts, ImportCounts { unchanged: 300, ..Default::default() }, "{}", r.summary);
    assert_eq!((count(&db, "person"), count(&db, "position")), (300, 300));

    // A changed phone and a new title update the person and add the position.
    let mut lines = roster(300);
    lines[9].phone = "13800000000".into(); // no 身份证号: matched by name, birth date and unit
    lines[30].title = "局长助理".into();
    write_xlsx(&path, &lines);
    let r = apply(&mut db, &c, &path, ImportKind::People, None).unwrap();
    assert_eq!((r.counts.people_updated, r.counts.positions_created, r.counts.people_created, r.counts.unchanged), (1, 1, 0, 298), "{}", r.summary);
    assert_eq!((count(&db, "person"), count(&db, "position")), (300, 301));
}

#[test]
fn a_second_head_for_a_unit_is_refused_in_the_head_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir, "名册.xlsx");
    let mut db = db_with_units(20);
    let mut lines = roster(30);
    lines[25].head = true; // unit 6 already has line 5 as 一把手
    let rows = write_xlsx(&path, &lines);
    let p = preview(&mut db, &at(TODAY), &path, ImportKind::People, None).unwrap();
    assert_eq!(problems(&p), vec![(rows[25], "是否一把手".into())], "{:#?}", p.problems);
    assert!(p.problems[0].message.contains("现任一把手"), "{}", p.problems[0].message);
}

#[test]
fn a_gbk_csv_as_chinese_excel_saves_it_imports_and_so_does_utf8_with_bom() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = db_with_units(3);
    let c = at(TODAY);
    let id = id_number(1972, 5, 17, 9);
    let text = format!(
        "云溪县领导干部名册,,,,\r\n姓名,性别,出生日期,公民身份号码,单位,职务,是否一把手,任职时间\r\n\
         单丽华,女,1972/5/17,{id},云溪县第1局,局长,是,2020年3月\r\n,,,,,,,\r\n\
         䶮晓明,男,1980-01-02,,云溪县第2局,\"副局长,兼办公室主任\",否,2023.1.9\r\n"
    );
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let gbk_path = file(&dir, "名册.csv");
    std::fs::write(&gbk_path, &gbk).unwrap();
    assert!(std::str::from_utf8(&gbk).is_err(), "the fixture really is GBK");
    let p = preview(&mut db, &c, &gbk_path, ImportKind::People, None).unwrap();
    assert!(p.problems.is_empty(), "{:#?}", p.problems);
    assert_eq!((p.header_row, p.data_rows), (2, 2));
    let r = apply(&mut db, &c, &gbk_path, ImportKind::People, None).unwrap();
    assert_eq!((r.counts.people_created, r.counts.positions_created), (2, 2));
    let s = org::search_people(&db, &c, "䶮晓明", false).unwrap();
    assert_eq!(s.rows[0].birth_date.as_deref(), Some("1980-01-02"));
    assert!(s.rows[0].current_titles.contains("副局长,兼办公室主任"), "{}", s.rows[0].current_titles);

    // The same as UTF-8 with a BOM is the same roster: it updates nothing.
    let bom_path = file(&dir, "名册-utf8.csv");
    std::fs::write(&bom_path, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
    let r = apply(&mut db, &c, &bom_path, ImportKind::People, None).unwrap();
    assert_eq!(r.counts, ImportCounts { unchanged: 2, ..Default::default() }, "{}", r.summary);
}

#[test]
fn the_mapping_can_be_changed_and_a_missing_required_column_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = db_with_units(2);
    let c = at(TODAY);
    let path = file(&dir, "名单.csv");
    std::fs::write(&path, "人员,性别,单位,职务\n张三,男,云溪县第1局,副局长\n").unwrap();
    // "人员" is no header the guess knows: the first column is unmapped and 姓名 is missing.
    let err = preview(&mut db, &c, &path, ImportKind::People, None);
    assert!(matches!(err, Err(Error::Invalid { ref field, .. }) if field == "path"), "{err:?}");
    std::fs::write(&path, "人员,姓名x,性别,单位,职务\n张三,,男,云溪县第1局,副局长\n").unwrap();
    let p = preview(&mut db, &c, &path, ImportKind::People, None).unwrap();
    assert_eq!(p.columns[0].field, None);
    assert_eq!(p.columns[1].field.as_deref(), Some("name"));
    assert_eq!(problems(&p), vec![(2, "姓名x".into())], "the guessed column is empty: {:#?}", p.problems);
    let mapping = vec![Some("name".to_string()), None, Some("gender".into()), Some("unit".into()), Some("title".into())];
    let p = preview(&mut db, &c, &path, ImportKind::People, Some(mapping.clone())).unwrap();
    assert!(p.problems.is_empty(), "{:#?}", p.problems);
    assert_eq!(p.columns[0].field.as_deref(), Some("name"));
    let r = apply(&mut db, &c, &path, ImportKind::People, Some(mapping)).unwrap();
    assert_eq!(r.counts.people_created, 1);
    let none = vec![None, None, Some("gender".to_string()), None, None];
    let p = preview(&mut db, &c, &path, ImportKind::People, Some(none)).unwrap();
    assert_eq!(p.problems.len(), 1);
    assert!(p.problems[0].message.contains("姓名"), "{}", p.problems[0].message);
}

#[test]
fn units_import_with_parents_and_update_on_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_memory().unwrap();
    let c = at(TODAY);
    let path = file(&dir, "单位.csv");
    std::fs::write(
        &path,
        "单位名称,简称,单位类别,上级单位,责任监督检查室\n云溪县人民政府,县政府,政府部门,,第一监督检查室\n\
         云溪县交通运输局,交通局,政府部门,云溪县人民政府,第二监督检查室\n青山镇,,乡镇,,第三监督检查室\n\
         白水镇,,村委会,,\n云溪县公路中心,,事业单位,云溪县公路局,\n",
    )
    .unwrap();
    let p = preview(&mut db, &c, &path, ImportKind::Units, None).unwrap();
    assert_eq!(problems(&p), vec![(5, "单位类别".into()), (6, "上级单位".into())], "{:#?}", p.problems);
    std::fs::write(
        &path,
        "单位名称,简称,单位类别,上级单位,责任监督检查室\n云溪县人民政府,县政府,政府部门,,第一监督检查室\n\
         云溪县交通运输局,交通局,政府部门,云溪县人民政府,第二监督检查室\n青山镇,,乡镇,,第三监督检查室\n",
    )
    .unwrap();
    let r = apply(&mut db, &c, &path, ImportKind::Units, None).unwrap();
    assert_eq!(r.counts.units_created, 3);
    let units = org::list_units(&db, &c, "", false).unwrap();
    let transport = units.iter().find(|u| u.unit.name == "云溪县交通运输局").unwrap();
    assert_eq!(transport.parent_name.as_deref(), Some("云溪县人民政府"));
    std::fs::write(&path, "单位名称,责任监督检查室\n云溪县交通运输局,第四监督检查室\n").unwrap();
    let r = apply(&mut db, &c, &path, ImportKind::Units, None).unwrap();
    assert_eq!((r.counts.units_created, r.counts.units_updated), (0, 1));
    let units = org::list_units(&db, &c, "", false).unwrap();
    let transport = units.iter().find(|u| u.unit.name == "云溪县交通运输局").unwrap();
    assert_eq!((transport.unit.supervisor.as_str(), transport.unit.short_name.as_str()), ("第四监督检查室", "交通局"), "blank cells keep what was kept");
    assert_eq!(units.len(), 3);
}

#[test]
fn past_ratings_import_checked_against_the_rating_scale_and_update_on_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = db_with_units(3);
    let c = at(TODAY);
    let path = file(&dir, "考核.xlsx");
    let write = |rows: &[(&str, f64, &str, Option<f64>)]| {
        let mut book = Workbook::new();
        let s = book.add_worksheet();
        s.merge_range(0, 0, 0, 4, "党风廉政建设责任制考核结果", &Format::new()).unwrap();
        for (i, h) in ["单位", "考核年度", "考核等次", "得分", "备注"].iter().enumerate() {
            s.write_string(1, i as u16, *h).unwrap();
        }
        for (i, (u, y, r, sc)) in rows.iter().enumerate() {
            let row = i as u32 + 2;
            s.write_string(row, 0, *u).unwrap();
            s.write_number(row, 1, *y).unwrap();
            s.write_string(row, 2, *r).unwrap();
            if let Some(sc) = sc {
                s.write_number(row, 3, *sc).unwrap();
            }
        }
        book.save(&path).unwrap();
    };
    write(&[("云溪县第1局", 2024.0, "好", Some(95.5)), ("云溪县第2局", 2024.0, "很好", None), ("云溪县第1局", 2024.0, "好", None), ("云溪县第3局", 2025.0, "基本合格", Some(71.0))]);
    let p = preview(&mut db, &c, &path, ImportKind::Ratings, None).unwrap();
    assert_eq!(problems(&p), vec![(4, "考核等次".into()), (5, "考核年度".into())], "{:#?}", p.problems);
    write(&[("云溪县第1局", 2024.0, "好", Some(95.5)), ("云溪县第3局", 2025.0, "基本合格", Some(71.0))]);
    let r = apply(&mut db, &c, &path, ImportKind::Ratings, None).unwrap();
    assert_eq!(r.counts.ratings_created, 2);
    write(&[("云溪县第1局", 2024.0, "较好", None), ("云溪县第3局", 2025.0, "基本合格", Some(71.0))]);
    let r = apply(&mut db, &c, &path, ImportKind::Ratings, None).unwrap();
    assert_eq!((r.counts.ratings_created, r.counts.ratings_updated, r.counts.unchanged), (0, 1, 1));
    let rows = assessments::list_assessments(&db, &c, &Default::default()).unwrap();
    assert_eq!(rows.len(), 2, "one rating per unit and year");
    let first = rows.iter().find(|r| r.unit_name == "云溪县第1局").unwrap();
    assert_eq!((first.assessment.rating.as_str(), first.assessment.score), ("较好", Some(95.5)));
}

/// The 导入 dialog's spec is tested with a real preview (a roster with a bad date and an unknown
/// unit) and a real result, written here from the core.
#[test]
fn the_ui_fixture_is_a_real_preview() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = db_with_units(2);
    let c = at(TODAY);
    let path = file(&dir, "干部名册.csv");
    std::fs::write(
        &path,
        "干部名册\n序号,姓名,性别,出生年月,工作单位,现任职务,是否一把手\n1,张三,男,1975.13,云溪县第1局,局长,是\n\
         2,李四,女,1980.02,云溪县第九局,副局长,否\n3,王五,男,1969年5月,云溪县第2局,局长,是\n",
    )
    .unwrap();
    let bad = preview(&mut db, &c, &path, ImportKind::People, None).unwrap();
    assert_eq!(problems(&bad), vec![(3, "出生年月".into()), (4, "工作单位".into())]);
    std::fs::write(&path, "姓名,性别,出生年月,工作单位,现任职务,是否一把手\n王五,男,1969年5月,云溪县第2局,局长,是\n").unwrap();
    let good = preview(&mut db, &c, &path, ImportKind::People, None).unwrap();
    let result = apply(&mut db, &c, &path, ImportKind::People, None).unwrap();
    let fixture = serde_json::json!({ "preview_with_problems": bad, "preview_clean": good, "result": result });
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/__fixtures__/import-preview.json");
    let mut text = serde_json::to_string_pretty(&fixture).unwrap();
    text.push('\n');
    std::fs::write(out, text).unwrap();
}

/// `jiandu import FILE [--kind] [--dry-run]`: the same checks headless, the problems listed, the
/// exit code saying whether it imported.
#[test]
fn the_command_line_checks_lists_problems_and_imports() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = |args: &[&str]| -> (i32, String) {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let mut all = vec!["jiandu", "--data-dir", data.to_str().unwrap()];
        all.extend_from_slice(args);
        let code = match jiandu_core::cli::run(all, &mut out, &mut err) {
            jiandu_core::cli::Outcome::Exit(c) => c,
            jiandu_core::cli::Outcome::OpenWindow { .. } => panic!("a subcommand opens no window"),
        };
        (code, format!("{}{}", String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap()))
    };
    let units = dir.path().join("单位.csv");
    std::fs::write(&units, "单位名称,单位类别\n云溪县交通运输局,政府部门\n").unwrap();
    let people = dir.path().join("名册.csv");
    std::fs::write(&people, "姓名,出生年月,单位,职务\n张三,1975.13,云溪县交通运输局,局长\n").unwrap();
    let (code, text) = run(&["import", people.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("第2行“出生年月”列") && text.contains("第2行“单位”列"), "{text}");
    let (code, text) = run(&["import", units.to_str().unwrap(), "--kind", "units"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("新建单位 1 个"), "{text}");
    std::fs::write(&people, "姓名,出生年月,单位,职务\n张三,1975.03,云溪县交通运输局,局长\n").unwrap();
    let (code, text) = run(&["import", people.to_str().unwrap(), "--dry-run"]);
    assert_eq!((code, text.contains("未写入")), (0, true), "{text}");
    let (code, text) = run(&["import", people.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("新建干部 1 人"), "{text}");
    let (_, text) = run(&["import", people.to_str().unwrap()]);
    assert!(text.contains("无变化 1 行"), "re-import: {text}");
}
