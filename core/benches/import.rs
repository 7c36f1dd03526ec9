//! Importing a 10,000-row roster (issue 11: < 2 s). Run with `cargo bench -p jiandu-core --bench
//! import`; figures go in BENCHMARKS.md.
//!
//! 200 units are registered; the roster is an .xlsx as WPS saves it (merged title row, header on
//! row 3, a blank row every 50 lines, birth dates in five forms, a 身份证号 on nine lines in ten),
//! each line a person and a position. Timed: the preview (every row checked, rolled back), the
//! first import (10,000 people and positions created, one audit entry) and the re-import (every
//! row matched, nothing changed), each from the file on disk.

use std::time::Instant;

use jiandu_core::import::{apply, preview};
use jiandu_core::model::import::ImportKind;
use jiandu_core::model::{UnitCategory, UnitInput, UnitStatus};
use jiandu_core::service::common::in_tx;
use jiandu_core::service::org::save_unit_in;
use jiandu_core::{Ctx, Db};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const ROWS: usize = 10_000;
const UNITS: usize = 200;
const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚"];

fn id_number(y: usize, m: usize, d: usize, seq: usize) -> String {
    let body = format!("{:06}{y:04}{m:02}{d:02}{:03}", 330102 + seq / 1000, seq % 1000);
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = body.chars().zip(W).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    format!("{body}{}", C[(sum % 11) as usize])
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut db = Db::open(&dir.path().join("bench.db"))?;
    let ctx = Ctx::at("bench", chrono::NaiveDate::from_ymd_opt(2026, 12, 3).ok_or("date")?);
    in_tx(&mut db, |tx| {
        for i in 0..UNITS {
            save_unit_in(tx, &ctx, UnitInput {
                id: None, name: format!("云溪县第{}单位", i + 1), short_name: String::new(), category: UnitCategory::GovernmentDepartment,
                parent_id: None, supervisor: String::new(), status: UnitStatus::Active, sort_order: i as i64, notes: String::new(),
            })?;
        }
        Ok(())
    })?;

    let path = dir.path().join("名册.xlsx");
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.merge_range(0, 0, 0, 10, "云溪县干部名册", &Format::new())?;
    s.write_string(1, 0, "填报单位：中共云溪县委组织部")?;
    let headers = ["序号", "姓名", "性别", "民族", "出生年月", "身份证号", "工作单位", "现任职务", "是否一把手", "任现职时间", "联系电话"];
    for (c, h) in headers.iter().enumerate() {
        s.write_string(2, c as u16, *h)?;
    }
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let mut row = 3u32;
    for i in 0..ROWS {
        if i > 0 && i % 50 == 0 {
            row += 1;
        }
        let (y, m, d) = (1960 + i % 35, 1 + i % 12, 1 + i % 28);
        s.write_number(row, 0, (i + 1) as f64)?;
        s.write_string(row, 1, format!("{}{}{}{}", SURNAMES[i % 20], GIVEN[(i / 20) % 20], GIVEN[(i / 400) % 20], GIVEN[(i / 7) % 20]))?;
        s.write_string(row, 2, if i % 3 == 0 { "女" } else { "男" })?;
        s.write_string(row, 3, "汉族")?;
        match i % 5 {
            0 => s.write_string(row, 4, format!("{y}.{m:02}"))?,
            1 => s.write_number(row, 4, y as f64 + m as f64 / 100.0)?,
            2 => s.write_datetime_with_format(row, 4, &ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?, &date_fmt)?,
            3 => s.write_string(row, 4, format!("{y}年{m}月"))?,
            _ => s.write_number(row, 4, (y * 100 + m) as f64)?,
        };
        if i % 10 != 9 {
            s.write_string(row, 5, id_number(y, m, d, i))?;
        }
        s.write_string(row, 6, format!("云溪县第{}单位", i % UNITS + 1))?;
        s.write_string(row, 7, if i < UNITS { "局长".to_string() } else { format!("副局长（{}）", i / UNITS) })?;
        s.write_string(row, 8, if i < UNITS { "是" } else { "否" })?;
        s.write_string(row, 9, "2021-03-05")?;
        s.write_string(row, 10, format!("139{i:08}"))?;
        row += 1;
    }
    book.save(&path)?;

    let t = Instant::now();
    let sheets = jiandu_core::import::read::read(&path)?;
    println!("read      {ROWS} rows  {:>6.2} s   ({} rows in the sheet)", t.elapsed().as_secs_f64(), sheets[0].rows.len());

    let t = Instant::now();
    let p = preview(&mut db, &ctx, &path, ImportKind::People, None)?;
    let preview_s = t.elapsed().as_secs_f64();
    assert!(p.problems.is_empty(), "{:?}", &p.problems[..p.problems.len().min(5)]);
    println!("preview   {ROWS} rows  {preview_s:>6.2} s   ({})", p.summary);

    let t = Instant::now();
    let r = apply(&mut db, &ctx, &path, ImportKind::People, None)?;
    let first_s = t.elapsed().as_secs_f64();
    println!("import    {ROWS} rows  {first_s:>6.2} s   ({})", r.summary);

    let t = Instant::now();
    let r = apply(&mut db, &ctx, &path, ImportKind::People, None)?;
    let again_s = t.elapsed().as_secs_f64();
    println!("re-import {ROWS} rows  {again_s:>6.2} s   ({})", r.summary);
    Ok(())
}
