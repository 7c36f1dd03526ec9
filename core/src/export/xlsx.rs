//! One sheet of a list as .xlsx: a bold, frozen header row with an autofilter, typed cells (dates
//! are real Excel dates shown as yyyy-mm-dd, numbers are numbers) and column widths that fit
//! Chinese text. Every list export builds a [`Sheet`] and hands it to [`Sheet::to_bytes`] or
//! [`Sheet::save`].

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use crate::error::{Error, Result};

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Number(f64),
    /// A `YYYY-MM-DD` date; anything else is written as the text it is.
    Date(String),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A date that may be missing.
    pub fn date_opt(d: Option<&str>) -> Cell {
        match d {
            Some(d) if !d.is_empty() => Cell::Date(d.to_string()),
            _ => Cell::Empty,
        }
    }

    pub fn text_opt(s: Option<&str>) -> Cell {
        Cell::Text(s.unwrap_or_default().to_string())
    }

    /// What the cell reads as, for width: a date is 10 characters.
    fn shown(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(i) => i.to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::Date(_) => "0000-00-00".into(),
            Cell::Empty => String::new(),
        }
    }
}

/// A sheet: its name (the list's title), Chinese headers and the rows, each as long as the headers.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub title: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Display width of text: a CJK (wide) character counts 2, others 1.
pub fn text_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Widest cell of the column (a line break starts a new measure), clamped to a readable range.
fn column_width(sheet: &Sheet, col: usize) -> f64 {
    let header = text_width(sheet.headers[col]);
    let widest = sheet
        .rows
        .iter()
        .filter_map(|r| r.get(col))
        .flat_map(|c| c.shown().lines().map(text_width).max())
        .max()
        .unwrap_or(0);
    (header.max(widest) + 2).clamp(6, 60) as f64
}

fn xlsx_err(e: XlsxError) -> Error {
    Error::Io(format!("Excel 文件生成失败：{e}"))
}

/// Excel forbids some characters in sheet names and caps them at 31 characters.
fn sheet_name(title: &str) -> String {
    let clean: String = title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    if clean.trim().is_empty() { "Sheet1".into() } else { clean }
}

impl Sheet {
    pub fn new(title: &str, headers: Vec<&'static str>) -> Sheet {
        Sheet { title: title.to_string(), headers, rows: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.headers.len(), "a row has one cell per header");
        self.rows.push(row);
    }

    /// The workbook as bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        workbook_bytes(std::slice::from_ref(self))
    }

    fn write_to(&self, book: &mut Workbook) -> Result<()> {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&self.title)).map_err(xlsx_err)?;
        let bold = Format::new().set_bold().set_align(FormatAlign::Center);
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (c, h) in self.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold).map_err(xlsx_err)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = (r + 1) as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) if !s.is_empty() => {
                        ws.write_string(r, c, s).map_err(xlsx_err)?;
                    }
                    Cell::Int(i) => {
                        ws.write_number(r, c, *i as f64).map_err(xlsx_err)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number(r, c, *n).map_err(xlsx_err)?;
                    }
                    Cell::Date(d) => match excel_date(d) {
                        Some(dt) => {
                            ws.write_datetime_with_format(r, c, &dt, &date).map_err(xlsx_err)?;
                        }
                        None => {
                            ws.write_string(r, c, d).map_err(xlsx_err)?;
                        }
                    },
                    Cell::Text(_) | Cell::Empty => {}
                }
            }
        }
        for c in 0..self.headers.len() {
            ws.set_column_width(c as u16, column_width(self, c)).map_err(xlsx_err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
        if !self.headers.is_empty() {
            ws.autofilter(0, 0, self.rows.len() as u32, (self.headers.len() - 1) as u16).map_err(xlsx_err)?;
        }
        Ok(())
    }

    /// Writes the workbook to `path` whole or not at all (temp file + rename).
    /// The name must end in .xlsx: Excel and WPS refuse to open a workbook under another one.
    pub fn save(&self, path: &Path) -> Result<()> {
        let xlsx = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if !xlsx {
            return Err(Error::invalid("path", "导出文件名须以 .xlsx 结尾，否则 Excel 和 WPS 打不开"));
        }
        crate::service::common::write_file(path, &self.to_bytes()?)
    }
}

/// A workbook with one sheet per [`Sheet`], each laid out as [`Sheet::to_bytes`] lays out one.
pub fn workbook_bytes(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    for sheet in sheets {
        sheet.write_to(&mut book)?;
    }
    book.save_to_buffer().map_err(xlsx_err)
}

fn excel_date(d: &str) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    let d = crate::model::validate::parse_date(d)?;
    ExcelDateTime::from_ymd(u16::try_from(d.year()).ok()?, d.month() as u8, d.day() as u8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_character_counts_two() {
        assert_eq!(text_width("谈话ab"), 6);
        assert_eq!(text_width("（逾期）"), 8);
    }

    #[test]
    fn widths_fit_the_widest_chinese_cell() {
        let mut s = Sheet::new("t", vec!["单位"]);
        s.push(vec![Cell::text("宣城县交通运输局")]);
        assert_eq!(column_width(&s, 0), 18.0);
    }

    #[test]
    fn sheet_names_drop_forbidden_characters() {
        assert_eq!(sheet_name("a/b:c"), "abc");
        assert_eq!(sheet_name("   "), "Sheet1");
    }
}
