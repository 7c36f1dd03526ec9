//! The 谈话记录表: an A4 form, title in 小标宋 and a bordered table of the talk's fields in 仿宋
//! 4号 — paired short fields (时间/地点, 谈话人/记录人 …) two to a row, long ones (谈话要点, 指出问题,
//! 提出要求, 本人表态) across the table and broken over pages when long, signature boxes last.

use super::canvas::{Canvas, BLACK};
use super::fonts::{FontRole, FontSet};
use super::geometry::*;
use super::linebreak::{is_line_end_forbidden, is_line_start_forbidden};
use super::error::PdfError;

/// One row of the form.
#[derive(Debug, Clone)]
pub enum RecordRow {
    /// Two short fields side by side: (label, value, label, value).
    Pair(String, String, String, String),
    /// One field across the table, at least `min_lines` lines high (room to write by hand).
    Full(String, String, usize),
}

#[derive(Debug, Clone)]
pub struct TalkRecordDoc {
    /// Printed small above the title, e.g. 中共云溪县纪律检查委员会.
    pub organ_name: String,
    pub title: String,
    pub rows: Vec<RecordRow>,
}

const SIZE: f32 = SIZE_4;
const LINE_H: f32 = SIZE * 1.5;
const PAD: f32 = 5.0;
/// Label column: seven characters (谈话对象及职务) and padding.
const LABEL_W: f32 = SIZE * 7.0 + 2.0 * PAD;
const TOP: f32 = 25.0 * MM;
const BOTTOM: f32 = PAGE_H - 22.0 * MM;
const BORDER: f32 = 0.75;

/// Breaks `text` into lines no wider than `width` at natural widths, keeping 禁则; a newline
/// starts a new line.
pub fn wrap(fonts: &FontSet, text: &str, role: FontRole, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let chars: Vec<char> = para.trim_end().chars().collect();
        if chars.is_empty() {
            lines.push(String::new());
            continue;
        }
        let mut start = 0;
        while start < chars.len() {
            let mut w = 0.0;
            let mut end = start;
            while end < chars.len() {
                let cw = fonts.natural_width(role, &chars[end].to_string(), size);
                if w + cw > width + 0.01 && end > start {
                    break;
                }
                w += cw;
                end += 1;
            }
            if end < chars.len() {
                // No line may start with closing punctuation nor end with an opening one: move
                // characters down until both hold (never emptying the line).
                while end > start + 1 && (is_line_start_forbidden(chars[end]) || is_line_end_forbidden(chars[end - 1])) {
                    end -= 1;
                }
            }
            lines.push(chars[start..end].iter().collect());
            start = end;
        }
    }
    lines
}

struct Form<'a, 'f> {
    canvas: &'a mut Canvas<'f>,
    page: usize,
    y: f32,
    pages: u32,
}

impl Form<'_, '_> {
    fn new_page(&mut self) {
        self.page = self.canvas.new_page();
        self.pages += 1;
        self.y = TOP;
        // The table continues: its top border.
        self.canvas.rule(self.page, BLOCK_LEFT, BLOCK_RIGHT, self.y, BORDER, BLACK);
    }

    fn baseline(top: f32, line: usize) -> f32 {
        top + PAD + line as f32 * LINE_H + (LINE_H - SIZE) / 2.0 + EM_ASCENT * SIZE
    }

    fn draw_lines(&mut self, lines: &[String], x: f32, top: f32) {
        for (i, l) in lines.iter().enumerate() {
            self.canvas.text(self.page, l, FontRole::Body, SIZE, x, Self::baseline(top, i), 0.0, BLACK);
        }
    }

    /// Closes a row segment: bottom border and the verticals at `xs`.
    fn borders(&mut self, top: f32, bottom: f32, xs: &[f32]) {
        self.canvas.rule(self.page, BLOCK_LEFT, BLOCK_RIGHT, bottom, BORDER, BLACK);
        for &x in xs {
            self.canvas.line(self.page, x, top, x, bottom, BORDER, BLACK);
        }
    }

    fn height(lines: usize) -> f32 {
        lines.max(1) as f32 * LINE_H + 2.0 * PAD
    }

    fn pair(&mut self, l1: &str, v1: &str, l2: &str, v2: &str) {
        let fonts = self.canvas.fonts();
        let value_w = (BLOCK_W - 2.0 * LABEL_W) / 2.0;
        let cols = [
            (BLOCK_LEFT, LABEL_W, l1),
            (BLOCK_LEFT + LABEL_W, value_w, v1),
            (BLOCK_LEFT + LABEL_W + value_w, LABEL_W, l2),
            (BLOCK_LEFT + 2.0 * LABEL_W + value_w, value_w, v2),
        ];
        let wrapped: Vec<Vec<String>> = cols.iter().map(|(_, w, t)| wrap(fonts, t, FontRole::Body, SIZE, w - 2.0 * PAD)).collect();
        let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let h = Self::height(n);
        if self.y + h > BOTTOM {
            self.new_page();
        }
        let top = self.y;
        for ((x, _, _), lines) in cols.iter().zip(&wrapped) {
            self.draw_lines(lines, x + PAD, top);
        }
        let xs: Vec<f32> = cols.iter().map(|c| c.0).chain([BLOCK_RIGHT]).collect();
        self.borders(top, top + h, &xs);
        self.y = top + h;
    }

    fn full(&mut self, label: &str, value: &str, min_lines: usize) {
        let fonts = self.canvas.fonts();
        let value_w = BLOCK_W - LABEL_W;
        let label_lines = wrap(fonts, label, FontRole::Body, SIZE, LABEL_W - 2.0 * PAD);
        let mut lines = wrap(fonts, value, FontRole::Body, SIZE, value_w - 2.0 * PAD);
        while lines.len() < min_lines.max(label_lines.len()) {
            lines.push(String::new());
        }
        let xs = [BLOCK_LEFT, BLOCK_LEFT + LABEL_W, BLOCK_RIGHT];
        let mut first = true;
        let mut rest: &[String] = &lines;
        loop {
            let room = ((BOTTOM - self.y - 2.0 * PAD) / LINE_H).floor().max(0.0) as usize;
            // A row that fits moves whole to the next page; a long one is split, at least three
            // lines staying with its label.
            if rest.len() > room && (room < 3 || rest.len() <= LINES_PER_FORM_PAGE) {
                self.new_page();
                continue;
            }
            let take = rest.len().min(room);
            let top = self.y;
            let label = if first { label_lines.clone() } else { wrap(fonts, &format!("{label}（续）"), FontRole::Body, SIZE, LABEL_W - 2.0 * PAD) };
            self.draw_lines(&label, BLOCK_LEFT + PAD, top);
            self.draw_lines(&rest[..take], BLOCK_LEFT + LABEL_W + PAD, top);
            let h = Self::height(take.max(label.len()));
            self.borders(top, top + h, &xs);
            self.y = top + h;
            rest = &rest[take..];
            first = false;
            if rest.is_empty() {
                break;
            }
            self.new_page();
        }
    }
}

/// Lines a form page holds below the table's top.
const LINES_PER_FORM_PAGE: usize = ((BOTTOM - TOP - 2.0 * PAD) / LINE_H) as usize;

/// Renders the form; pages after the first carry "第N页" at the foot.
pub fn render_talk_record(fonts: &FontSet, doc: &TalkRecordDoc) -> Result<Vec<u8>, PdfError> {
    let mut canvas = Canvas::new(fonts);
    let page = canvas.new_page();
    let mut y = TOP;
    if !doc.organ_name.trim().is_empty() {
        let size = SIZE;
        let w = canvas.measure(doc.organ_name.trim(), FontRole::Body, size, 0.0);
        canvas.text(page, doc.organ_name.trim(), FontRole::Body, size, (PAGE_W - w) / 2.0, y + EM_ASCENT * size, 0.0, BLACK);
        y += size * 1.8;
    }
    let w = canvas.measure(&doc.title, FontRole::Title, SIZE_2, SIZE_2 * 0.3);
    canvas.text(page, &doc.title, FontRole::Title, SIZE_2, (PAGE_W - w) / 2.0, y + EM_ASCENT * SIZE_2, SIZE_2 * 0.3, BLACK);
    y += SIZE_2 * 2.2;
    canvas.rule(page, BLOCK_LEFT, BLOCK_RIGHT, y, BORDER, BLACK);
    let mut form = Form { canvas: &mut canvas, page, y, pages: 1 };
    for row in &doc.rows {
        match row {
            RecordRow::Pair(l1, v1, l2, v2) => form.pair(l1, v1, l2, v2),
            RecordRow::Full(l, v, min) => form.full(l, v, *min),
        }
    }
    let pages = form.pages;
    if pages > 1 {
        for p in 0..pages as usize {
            let text = format!("第{}页 共{}页", p + 1, pages);
            let w = canvas.measure(&text, FontRole::Body, 10.5, 0.0);
            canvas.text(p, &text, FontRole::Body, 10.5, (PAGE_W - w) / 2.0, PAGE_H - 12.0 * MM, 0.0, BLACK);
        }
    }
    canvas.finish(&doc.title)
}
