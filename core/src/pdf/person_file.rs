//! The printed 廉政档案: a cover (title, name, unit and post, the office, the printing date), a
//! table of contents with each section's page, then every section as a title and a ruled table
//! whose column headers repeat on each page it runs onto; long cells wrap (禁则 kept) and a row
//! too long for a page is split. Pages after the cover carry "— N —" at the bottom centre, N being
//! the sheet's place in the file, so the contents and the numbers agree.

use super::canvas::{Canvas, BLACK};
use super::error::PdfError;
use super::fonts::{FontRole, FontSet};
use super::geometry::*;
use super::table::{centred, cover_fields, cover_foot, draw_contents, draw_page_number, ContentsEntry, Flow, TableSection, BOTTOM, MIN_COL, TOP};
use crate::model::person_file::PersonFile;

/// Renders the file. The cover is page 1 and the contents page 2; sections follow.
pub fn render_person_file(fonts: &FontSet, file: &PersonFile) -> Result<Vec<u8>, PdfError> {
    let mut canvas = Canvas::new(fonts);
    let cover = canvas.new_page();
    draw_cover(&mut canvas, cover, file);
    let toc = canvas.new_page();
    let mut flow = Flow { canvas: &mut canvas, page: toc, y: BOTTOM };
    let mut starts = Vec::with_capacity(file.sections.len());
    for (i, section) in file.sections.iter().enumerate() {
        let table = TableSection { title: &section.title, columns: &section.columns, rows: &section.rows, empty_note: &section.empty_note, min_col: MIN_COL };
        let page = flow.section(&table, i == 0);
        starts.push(page + 1);
    }
    let entries: Vec<ContentsEntry> = file
        .sections
        .iter()
        .zip(&starts)
        .map(|(s, &page)| ContentsEntry {
            title: &s.title,
            note: if s.rows.is_empty() { "（暂无记录）".to_string() } else { format!("（{}条）", s.rows.len()) },
            page,
        })
        .collect();
    draw_contents(&mut canvas, toc, &entries);
    let pages = canvas.page_count();
    let running = format!("廉政档案　{}", file.name);
    for p in 1..pages {
        draw_page_number(&mut canvas, p, p as u32 + 1);
        let w = canvas.measure(&running, FontRole::Body, 9.0, 0.0);
        canvas.text(p, &running, FontRole::Body, 9.0, BLOCK_RIGHT - w, TOP - 6.0 * MM, 0.0, BLACK);
    }
    canvas.finish(&format!("廉政档案－{}", file.name))
}


fn draw_cover(canvas: &mut Canvas<'_>, page: usize, file: &PersonFile) {
    centred(canvas, page, "廉政档案", FontRole::Title, 42.0, 42.0 * 0.5, 80.0 * MM);
    centred(canvas, page, "（一人一档）", FontRole::Kai, SIZE_3, 0.0, 95.0 * MM);
    let label_x = BLOCK_LEFT + 18.0 * MM;
    let rows = [
        ("姓　　名", file.name.clone()),
        ("性　　别", file.gender.clone()),
        ("出生日期", file.birth.clone()),
        ("单位职务", if file.current_post.is_empty() { "无现任职务".to_string() } else { file.current_post.clone() }),
    ];
    cover_fields(canvas, page, &rows, label_x, SIZE_3 * 5.5, BLOCK_RIGHT - 12.0 * MM, 130.0 * MM, usize::MAX);
    cover_foot(canvas, page, &file.office_name, &format!("打印日期：{}", file.printed_on));
}

