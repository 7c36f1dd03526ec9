//! The printed supervision report: a cover (title, period, units, office, date made), a table of
//! contents with each table's page, then the tables of `service::report::tables` (the same ones the
//! workbook has as sheets) with vector charts after some of them — bars in grey levels with their
//! numbers written on, so the print reads in black and white. Pages after the cover carry
//! "— N —".

use super::canvas::{Canvas, BLACK};
use super::error::PdfError;
use super::fonts::{FontRole, FontSet};
use super::geometry::*;
use super::table::{centred, cover_fields, cover_foot, draw_contents, draw_page_number, ContentsEntry, Flow, TableSection, BOTTOM, SIZE, TOP};
use crate::model::report::{LabelCount, Report};

const GREYS: [[f32; 3]; 4] = [[0.25, 0.25, 0.25], [0.5, 0.5, 0.5], [0.72, 0.72, 0.72], [0.88, 0.88, 0.88]];
const SMALL: f32 = 9.0;
/// The report's tables are mostly counts: a column keeps two characters' width (its header
/// wraps into lines of two), not a date's.
const MIN_NUMBER_COL: f32 = 2.0 * SIZE + 2.0 * super::table::PAD + 1.0;

/// Renders the report. The cover is page 1 and the contents page 2; tables follow.
pub fn render_report(fonts: &FontSet, report: &Report) -> Result<Vec<u8>, PdfError> {
    let tables = report.tables();
    let mut canvas = Canvas::new(fonts);
    let cover = canvas.new_page();
    draw_cover(&mut canvas, cover, report);
    let toc = canvas.new_page();
    let mut flow = Flow { canvas: &mut canvas, page: toc, y: BOTTOM };
    let mut starts = Vec::with_capacity(tables.len());
    for (i, t) in tables.iter().enumerate() {
        let columns: Vec<String> = t.headers.iter().map(|h| h.to_string()).collect();
        let rows: Vec<Vec<String>> = t.rows.iter().map(|r| r.iter().map(|c| c.shown()).collect()).collect();
        // The annex starts on its own page.
        let first = i == 0 || i + 1 == tables.len();
        let page = flow.section(&TableSection { title: &t.title, columns: &columns, rows: &rows, empty_note: "（无）", min_col: MIN_NUMBER_COL }, first);
        starts.push(page + 1);
        match i {
            1 => hbars(&mut flow, "图1　各类谈话次数", &report.talks_by_kind),
            3 => months_chart(&mut flow, report),
            9 => hbars(&mut flow, "图3　考核等次分布", &report.ratings),
            11 => hbars(&mut flow, "图4　廉政风险点等级分布", &report.risks_by_level),
            _ => {}
        }
    }
    let entries: Vec<ContentsEntry> = tables.iter().zip(&starts).map(|(t, &page)| ContentsEntry { title: &t.title, note: String::new(), page }).collect();
    draw_contents(&mut canvas, toc, &entries);
    let pages = canvas.page_count();
    let running = format!("监督工作情况报告　{}", report.period_label);
    for p in 1..pages {
        draw_page_number(&mut canvas, p, p as u32 + 1);
        let w = canvas.measure(&running, FontRole::Body, SMALL, 0.0);
        canvas.text(p, &running, FontRole::Body, SMALL, BLOCK_RIGHT - w, TOP - 6.0 * MM, 0.0, BLACK);
    }
    canvas.finish(&report.title)
}

fn draw_cover(canvas: &mut Canvas<'_>, page: usize, r: &Report) {
    centred(canvas, page, "监督工作情况报告", FontRole::Title, 30.0, 6.0, 80.0 * MM);
    let label_x = BLOCK_LEFT + 14.0 * MM;
    let mut rows = vec![("报告期间", r.period_label.clone())];
    if r.period_dates != r.period_label {
        rows.push(("起止日期", r.period_dates.clone()));
    }
    rows.extend([("统计范围", format!("{}（{}个单位）", r.units_label, r.units_covered)), ("统计截止", r.as_of.clone())]);
    // A long list of units is cut after four lines.
    cover_fields(canvas, page, &rows, label_x, SIZE_3 * 5.5, BLOCK_RIGHT - 10.0 * MM, 125.0 * MM, 4);
    cover_foot(canvas, page, &r.office_name, &format!("制表日期：{}", r.made_on));
}

fn caption(flow: &mut Flow<'_, '_>, page: usize, top: f32, text: &str) {
    let w = flow.canvas.measure(text, FontRole::Hei, SIZE, 0.0);
    flow.canvas.text(page, text, FontRole::Hei, SIZE, (BLOCK_LEFT + BLOCK_RIGHT - w) / 2.0, top + SIZE * 1.6, 0.0, BLACK);
}

/// Horizontal bars, one per label, each in its own grey with the count written after it.
fn hbars(flow: &mut Flow<'_, '_>, title: &str, data: &[LabelCount]) {
    if data.is_empty() {
        return;
    }
    let bar_h = 11.0;
    let pitch = 17.0;
    let h = SIZE * 3.0 + data.len() as f32 * pitch + 10.0;
    let (page, top) = flow.block(h);
    caption(flow, page, top, title);
    let label_w = data.iter().map(|d| flow.canvas.measure(&d.label, FontRole::Body, SMALL, 0.0)).fold(0.0, f32::max) + 6.0;
    let x0 = BLOCK_LEFT + 10.0 * MM + label_w;
    let span = BLOCK_RIGHT - 20.0 * MM - x0;
    let max = data.iter().map(|d| d.count).max().unwrap_or(0).max(1) as f32;
    let y0 = top + SIZE * 3.0;
    for (i, d) in data.iter().enumerate() {
        let y = y0 + i as f32 * pitch;
        let lw = flow.canvas.measure(&d.label, FontRole::Body, SMALL, 0.0);
        flow.canvas.text(page, &d.label, FontRole::Body, SMALL, x0 - 4.0 - lw, y + bar_h * 0.8, 0.0, BLACK);
        let w = span * d.count as f32 / max;
        flow.canvas.rect(page, x0, y, w, bar_h, GREYS[i % GREYS.len()]);
        if w > 0.0 {
            flow.canvas.frame(page, x0, y, w, bar_h, 0.4, BLACK);
        }
        flow.canvas.text(page, &d.count.to_string(), FontRole::Body, SMALL, x0 + w + 3.0, y + bar_h * 0.8, 0.0, BLACK);
    }
    flow.canvas.line(page, x0, y0 - 3.0, x0, y0 + data.len() as f32 * pitch - 3.0, 0.6, BLACK);
}

/// Talks per month: a grey bar for all held talks, a black line with dots for 监督谈话, numbers on
/// the bars when they fit, and a legend.
fn months_chart(flow: &mut Flow<'_, '_>, r: &Report) {
    let months = &r.talks_by_month;
    if months.is_empty() {
        return;
    }
    let plot_h = 60.0 * MM;
    let h = SIZE * 3.0 + plot_h + SIZE * 4.5;
    let (page, top) = flow.block(h);
    caption(flow, page, top, "图2　各月谈话次数（柱：全部谈话；折线：监督谈话）");
    let x0 = BLOCK_LEFT + 10.0 * MM;
    let x1 = BLOCK_RIGHT - 4.0 * MM;
    let y_top = top + SIZE * 3.0;
    let y_base = y_top + plot_h;
    let n = months.len();
    let slot = (x1 - x0) / n as f32;
    let supervision = r.talk_kinds.iter().position(|k| k == "监督谈话");
    let max = months.iter().map(|m| m.total).max().unwrap_or(0).max(1) as f32;
    let scale = (plot_h - SIZE * 1.5) / max;
    // Axis and a few grid lines with their values.
    let c = &mut *flow.canvas;
    c.line(page, x0, y_base, x1, y_base, 0.8, BLACK);
    c.line(page, x0, y_top, x0, y_base, 0.8, BLACK);
    for k in 1..=4 {
        let v = (max * k as f32 / 4.0).round() as i64;
        let y = y_base - v as f32 * scale;
        c.line(page, x0, y, x1, y, 0.25, GREYS[2]);
        let t = v.to_string();
        let w = c.measure(&t, FontRole::Body, SMALL - 1.0, 0.0);
        c.text(page, &t, FontRole::Body, SMALL - 1.0, x0 - 2.0 - w, y + 3.0, 0.0, BLACK);
    }
    let label_every = n.div_ceil(12).max(1);
    let mut points = Vec::new();
    for (i, m) in months.iter().enumerate() {
        let bx = x0 + i as f32 * slot + slot * 0.15;
        let bw = slot * 0.7;
        let bh = m.total as f32 * scale;
        c.rect(page, bx, y_base - bh, bw, bh, GREYS[2]);
        if bh > 0.0 {
            c.frame(page, bx, y_base - bh, bw, bh, 0.4, BLACK);
        }
        let t = m.total.to_string();
        let tw = c.measure(&t, FontRole::Body, SMALL - 1.0, 0.0);
        if tw <= slot {
            c.text(page, &t, FontRole::Body, SMALL - 1.0, bx + (bw - tw) / 2.0, y_base - bh - 2.0, 0.0, BLACK);
        }
        if i % label_every == 0 {
            // "2026-03" → "3月", January with its year.
            let (y, mo) = m.month.split_once('-').unwrap_or((&m.month, ""));
            let mo = mo.trim_start_matches('0');
            let l = if mo == "1" || i == 0 { format!("{y}年{mo}月") } else { format!("{mo}月") };
            let lw = c.measure(&l, FontRole::Body, SMALL - 1.0, 0.0);
            c.text(page, &l, FontRole::Body, SMALL - 1.0, bx + (bw - lw) / 2.0, y_base + SIZE * 1.1, 0.0, BLACK);
        }
        if let Some(k) = supervision {
            points.push((bx + bw / 2.0, y_base - m.counts[k] as f32 * scale));
        }
    }
    for w in points.windows(2) {
        c.line(page, w[0].0, w[0].1, w[1].0, w[1].1, 1.2, BLACK);
    }
    for (x, y) in &points {
        c.rect(page, x - 1.8, y - 1.8, 3.6, 3.6, BLACK);
    }
    // Legend.
    let ly = y_base + SIZE * 2.8;
    let lx = x0 + 10.0;
    c.rect(page, lx, ly - 7.0, 14.0, 8.0, GREYS[2]);
    c.frame(page, lx, ly - 7.0, 14.0, 8.0, 0.4, BLACK);
    let w = c.text(page, "全部谈话", FontRole::Body, SMALL, lx + 18.0, ly, 0.0, BLACK);
    let lx2 = lx + 18.0 + w + 20.0;
    c.line(page, lx2, ly - 3.0, lx2 + 14.0, ly - 3.0, 1.2, BLACK);
    c.rect(page, lx2 + 5.2, ly - 4.8, 3.6, 3.6, BLACK);
    c.text(page, "监督谈话", FontRole::Body, SMALL, lx2 + 18.0, ly, 0.0, BLACK);
}
