//! A file as a grid of cells: .xlsx/.xls/.xlsm/.ods through calamine, .csv decoded from UTF-8
//! (with or without BOM) or GBK/GB18030, as Chinese Excel and WPS save it.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the clerk reads it: whole numbers without ".0", dates as YYYY-MM-DD.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A sheet: rows from the sheet's first row (row i is Excel row i + 1).
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

pub fn read(path: &Path) -> Result<Vec<Sheet>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path)?;
            Ok(vec![Sheet { name: String::new(), rows: csv_rows(&bytes)? }])
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => workbook(path),
        _ => Err(Error::invalid("path", "只能导入 Excel 文件（.xlsx、.xls）或 CSV 文件（.csv）")),
    }
}

fn workbook(path: &Path) -> Result<Vec<Sheet>> {
    let mut book = open_workbook_auto(path).map_err(|e| Error::invalid("path", format!("无法读取该 Excel 文件：{e}")))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| Error::invalid("path", format!("无法读取工作表“{name}”：{e}")))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = (0..top).map(|_| Vec::new()).collect();
        for r in range.rows() {
            let mut row: Vec<Cell> = (0..left).map(|_| Cell::Empty).collect();
            row.extend(r.iter().map(cell));
            rows.push(row);
        }
        out.push(Sheet { name, rows });
    }
    Ok(out)
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.into()),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// CSV text: UTF-8 when it is valid UTF-8 (BOM dropped), else GB18030 (a superset of GBK, which is
/// what "CSV（逗号分隔）" of Chinese Excel and WPS writes).
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

fn csv_rows(bytes: &[u8]) -> Result<Vec<Vec<Cell>>> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| Error::invalid("path", format!("CSV 文件格式有误：{e}")))?;
        rows.push(rec.iter().map(|s| if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }).collect());
    }
    Ok(rows)
}
