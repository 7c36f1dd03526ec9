//! The table flow shared by the printed files (廉政档案, the supervision report): titled ruled
//! tables whose column headers repeat on each page they run onto, long cells wrapped (禁则 kept),
//! a row too long for a page split; a contents page with dot leaders; "— N —" page numbers.

use super::canvas::{Align, Canvas, Cell, BLACK};
use super::fonts::{FontRole, FontSet};
use super::geometry::*;
use super::linebreak::{is_line_end_forbidden, is_line_start_forbidden};
use super::talk_record::wrap;

/// One titled table to lay out.
pub struct TableSection<'a> {
    pub title: &'a str,
    pub columns: &'a [String],
    pub rows: &'a [Vec<String>],
    /// Shown instead of the table when there are no rows.
    pub empty_note: &'a str,
    /// A column keeps at least this when it wants that much ([`MIN_COL`] keeps a Chinese date
    /// whole); 0 lets a column of small numbers shrink to them, its header wrapping.
    pub min_col: f32,
}

/// 5号 for the tables.
pub const SIZE: f32 = 10.5;
pub const LINE_H: f32 = SIZE * 1.5;
pub const PAD: f32 = 4.0;
pub const TOP: f32 = 25.0 * MM;
pub const BOTTOM: f32 = PAGE_H - 25.0 * MM;
pub const BORDER: f32 = 0.6;
pub const SECTION_SIZE: f32 = SIZE_3;
/// Room a section title takes: space above, the 3号 line, space below.
pub const SECTION_H: f32 = SECTION_SIZE * 2.6;
/// A column keeps at least this (a Chinese date fits) when it wants that much.
pub const MIN_COL: f32 = 6.0 * SIZE + 2.0 * PAD;
/// Lines of at most this many characters are kept whole when the columns allow.
pub const SHORT_LINE: usize = 12;
/// A column whose widest cell wants more than this is long text and gets a triple share.
pub const LONG_TEXT: f32 = 24.0 * SIZE;

pub fn centred(canvas: &mut Canvas<'_>, page: usize, text: &str, role: FontRole, size: f32, tracking: f32, baseline: f32) {
    let w = canvas.measure(text, role, size, tracking);
    canvas.text(page, text, role, size, (PAGE_W - w) / 2.0, baseline, tracking, BLACK);
}

/// The labelled fields of a cover ("姓　　名：" in 黑体 and the value on a rule), from `top`; the
/// values start `label_w` after `label_x` and end at `right`. A value runs over at most
/// `max_lines` lines, the last one ending in "…" when cut.
#[allow(clippy::too_many_arguments)]
pub fn cover_fields(canvas: &mut Canvas<'_>, page: usize, rows: &[(&str, String)], label_x: f32, label_w: f32, right: f32, top: f32, max_lines: usize) {
    let fonts = canvas.fonts();
    let value_x = label_x + label_w;
    let value_w = right - value_x;
    let mut y = top;
    for (label, value) in rows {
        canvas.text(page, &format!("{label}："), FontRole::Hei, SIZE_3, label_x, y, 0.0, BLACK);
        let mut lines = wrap(fonts, value, FontRole::Body, SIZE_3, value_w);
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(l) = lines.last_mut() {
                l.push('…');
            }
        }
        for (i, line) in lines.iter().enumerate() {
            let base = y + i as f32 * SIZE_3 * 1.8;
            canvas.text(page, line, FontRole::Body, SIZE_3, value_x + 4.0, base, 0.0, BLACK);
            canvas.rule(page, value_x, value_x + value_w, base + 5.0, 0.5, BLACK);
        }
        y += lines.len().max(1) as f32 * SIZE_3 * 1.8 + SIZE_3 * 0.9;
    }
}

/// The office's name (when set) over a date line, centred at the foot of a cover.
pub fn cover_foot(canvas: &mut Canvas<'_>, page: usize, office: &str, date_line: &str) {
    let bottom = PAGE_H - 45.0 * MM;
    if !office.trim().is_empty() {
        centred(canvas, page, office.trim(), FontRole::Body, SIZE_3, 0.0, bottom - SIZE_3 * 2.0);
    }
    centred(canvas, page, date_line, FontRole::Body, SIZE_3, 0.0, bottom);
}

/// One line of the contents: a title, a note after it in smaller type ("（3条）"), its page number.
pub struct ContentsEntry<'a> {
    pub title: &'a str,
    pub note: String,
    pub page: usize,
}

/// "目　录" and one line per entry with dot leaders to its page number.
pub fn draw_contents(canvas: &mut Canvas<'_>, page: usize, entries: &[ContentsEntry<'_>]) {
    centred(canvas, page, "目　　录", FontRole::Hei, SIZE_2, 0.0, TOP + 12.0 * MM);
    let fonts = canvas.fonts();
    let size = SIZE_3;
    let mut y = TOP + 32.0 * MM;
    let left = BLOCK_LEFT + 8.0 * MM;
    let right = BLOCK_RIGHT - 8.0 * MM;
    for entry in entries {
        let w = canvas.text(page, entry.title, FontRole::Body, size, left, y, 0.0, BLACK);
        let cw = canvas.text(page, &entry.note, FontRole::Body, SIZE, left + w + 2.0, y, 0.0, BLACK);
        let number = entry.page.to_string();
        let nw = fonts.natural_width(FontRole::Body, &number, size);
        let cells: Vec<Cell> = number
            .chars()
            .enumerate()
            .map(|(i, ch)| Cell { ch, role: FontRole::Body, x: right - nw + i as f32 * (nw / number.len() as f32), width: nw / number.len() as f32, align: Align::Center })
            .collect();
        canvas.cells(page, &cells, size, y, BLACK);
        // Dot leaders, drawn as short strokes so the text copies out clean.
        let mut x = left + w + cw + 8.0;
        while x < right - nw - 6.0 {
            canvas.rule(page, x, x + 0.8, y - 1.0, 0.8, BLACK);
            x += 4.0;
        }
        y += size * 2.4;
    }
}

/// "— N —" in 4号, centred below the block.
pub fn draw_page_number(canvas: &mut Canvas<'_>, page: usize, n: u32) {
    let size = SIZE_4;
    let fonts = canvas.fonts();
    let text = format!("— {n} —");
    let mut cells = Vec::new();
    let mut pen = 0.0;
    for ch in text.chars() {
        let width = match ch {
            '—' => size,
            // Wide enough that a text extractor sees the spaces: "— 2 —".
            ' ' => size / 2.0,
            _ => fonts.natural_width(FontRole::Body, &ch.to_string(), size),
        };
        cells.push(Cell { ch, role: FontRole::Body, x: pen, width, align: Align::Center });
        pen += width;
    }
    let x0 = (PAGE_W - pen) / 2.0;
    for c in &mut cells {
        c.x += x0;
    }
    canvas.cells(page, &cells, size, PAGE_H - 14.0 * MM, BLACK);
}

/// Column widths filling the block. If every column can have what its widest cell wants, the
/// widths are scaled up to fill; otherwise each keeps its short lines whole (a date, a 文号) and
/// the rest is shared up to one common cap (water-filling), a long-text column (事由, 分管工作)
/// counting three times, so dates and numbers stay on one line and long text takes the room.
fn column_widths(fonts: &FontSet, section: &TableSection<'_>) -> Vec<f32> {
    let n = section.columns.len().max(1);
    let want = |t: &str, role: FontRole| t.split('\n').map(|l| fonts.natural_width(role, l, SIZE)).fold(0.0, f32::max) + 2.0 * PAD + 1.0;
    let desired: Vec<f32> = (0..n)
        .map(|i| {
            let head = section.columns.get(i).map(|h| want(h, FontRole::Hei)).unwrap_or(MIN_COL);
            section.rows.iter().filter_map(|r| r.get(i)).map(|c| want(c, FontRole::Body)).fold(head, f32::max)
        })
        .collect();
    let total: f32 = desired.iter().sum();
    if total <= BLOCK_W {
        return desired.iter().map(|d| d * BLOCK_W / total).collect();
    }
    // Each column first gets its widest short line, at least a date's width (or less, if it wants
    // less); what is left goes to what the columns still want, water-filled.
    // A short line (a date, a 文号, a unit's name) is better kept whole: its width is the floor.
    let short: Vec<f32> = (0..n)
        .map(|i| {
            let lines = section.rows.iter().filter_map(|r| r.get(i)).flat_map(|c| c.split('\n'));
            lines.filter(|l| l.chars().count() <= SHORT_LINE).map(|l| fonts.natural_width(FontRole::Body, l, SIZE) + 2.0 * PAD + 1.0).fold(0.0, f32::max)
        })
        .collect();
    // A header is set in at most two lines: a narrow column of counts (整改中事项, 逾期未复函) gets
    // half its header's width, not two characters with the header wrapping over four lines.
    let header_floor: Vec<f32> = (0..n)
        .map(|i| {
            let head = section.columns.get(i).map(String::as_str).unwrap_or("");
            let chars: Vec<char> = head.chars().filter(|c| *c != '\n').collect();
            let half: String = chars[..chars.len().div_ceil(2)].iter().collect();
            fonts.natural_width(FontRole::Hei, &half, SIZE) + 2.0 * PAD + 1.0
        })
        .collect();
    let floor: Vec<f32> = desired
        .iter()
        .zip(&short)
        .zip(&header_floor)
        .map(|((d, s), h)| d.min(s.max(section.min_col)).max(h.min(*d)))
        .collect();
    let floor_sum: f32 = floor.iter().sum();
    if floor_sum >= BLOCK_W {
        return floor.iter().map(|f| f * BLOCK_W / floor_sum).collect();
    }
    let extra: Vec<f32> = desired.iter().zip(&floor).map(|(d, f)| d - f).collect();
    let weight: Vec<f32> = desired.iter().map(|d| if *d > LONG_TEXT { 3.0 } else { 1.0 }).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| (extra[*a] / weight[*a]).total_cmp(&(extra[*b] / weight[*b])));
    let mut widths = floor.clone();
    let mut room = BLOCK_W - floor_sum;
    let mut weights: f32 = weight.iter().sum();
    for (k, &i) in order.iter().enumerate() {
        if extra[i] <= room / weights * weight[i] {
            widths[i] += extra[i];
            room -= extra[i];
            weights -= weight[i];
        } else {
            // This one and all wanting more share what is left at one cap per weight.
            for &j in &order[k..] {
                widths[j] += room / weights * weight[j];
            }
            break;
        }
    }
    widths
}

/// Wraps `text` to `width` at natural widths: CJK breaks between any two characters, a run of
/// Latin letters and digits ("2026", "〔2025〕12号"'s digits) stays whole unless it alone is wider
/// than the line, and 禁则 hold (the line breaker's rules: no closing mark first on a line, no
/// opening mark last).
fn wrap_cell(fonts: &FontSet, text: &str, role: FontRole, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        // Tokens: Latin/digit runs whole, every other character alone.
        let mut tokens: Vec<String> = Vec::new();
        for ch in para.trim_end().chars() {
            let latin = ch.is_ascii_alphanumeric() || ".,:/-%".contains(ch);
            match tokens.last_mut() {
                Some(t) if latin && t.chars().last().is_some_and(|c| c.is_ascii_alphanumeric() || ".,:/-%".contains(c)) => t.push(ch),
                _ => tokens.push(ch.to_string()),
            }
        }
        if tokens.is_empty() {
            lines.push(String::new());
            continue;
        }
        let w: Vec<f32> = tokens.iter().map(|t| fonts.natural_width(role, t, SIZE)).collect();
        let mut start = 0;
        while start < tokens.len() {
            let mut end = start;
            let mut used = 0.0;
            while end < tokens.len() && (end == start || used + w[end] <= width + 0.01) {
                used += w[end];
                end += 1;
            }
            if end == start + 1 && w[start] > width + 0.01 {
                // One run wider than the line: cut it by characters.
                lines.extend(wrap(fonts, &tokens[start], role, SIZE, width));
                start = end;
                continue;
            }
            if end < tokens.len() {
                let first = |t: &String| t.chars().next().unwrap_or(' ');
                let last = |t: &String| t.chars().last().unwrap_or(' ');
                while end > start + 1 && (is_line_start_forbidden(first(&tokens[end])) || is_line_end_forbidden(last(&tokens[end - 1]))) {
                    end -= 1;
                }
            }
            lines.push(tokens[start..end].concat());
            start = end;
        }
    }
    lines
}

pub struct Flow<'a, 'f> {
    pub canvas: &'a mut Canvas<'f>,
    pub page: usize,
    pub y: f32,
}

struct Table {
    xs: Vec<f32>,
    widths: Vec<f32>,
    header: Vec<Vec<String>>,
}

impl Flow<'_, '_> {
    pub fn new_page(&mut self) {
        self.page = self.canvas.new_page();
        self.y = TOP;
    }

    /// Room of `h` points on this page (a new page when it does not fit): returns (page, top).
    pub fn block(&mut self, h: f32) -> (usize, f32) {
        if self.y + h > BOTTOM {
            self.new_page();
        }
        let top = self.y;
        self.y += h;
        (self.page, top)
    }

    fn baseline(top: f32, line: usize) -> f32 {
        top + PAD + line as f32 * LINE_H + (LINE_H - SIZE) / 2.0 + EM_ASCENT * SIZE
    }

    fn height(lines: usize) -> f32 {
        lines.max(1) as f32 * LINE_H + 2.0 * PAD
    }

    /// Lays out one section; returns the page (0-based) its title is on. The first section starts
    /// on a fresh page; the others follow on when their title, header and a first line fit.
    pub fn section(&mut self, section: &TableSection<'_>, first: bool) -> usize {
        let fonts = self.canvas.fonts();
        let widths = column_widths(fonts, section);
        let mut xs = vec![BLOCK_LEFT];
        for w in &widths {
            xs.push(xs.last().copied().unwrap_or(BLOCK_LEFT) + w);
        }
        if let Some(last) = xs.last_mut() {
            *last = BLOCK_RIGHT;
        }
        let header: Vec<Vec<String>> = section.columns.iter().zip(&widths).map(|(c, w)| wrap_cell(fonts, c, FontRole::Hei, w - 2.0 * PAD)).collect();
        let table = Table { xs, widths, header };
        let header_h = Self::height(table.header.iter().map(Vec::len).max().unwrap_or(1));
        if first || self.y + SECTION_H + header_h + Self::height(1) > BOTTOM {
            self.new_page();
        }
        let page = self.page;
        let title_base = self.y + SECTION_SIZE * 1.2 + EM_ASCENT * SECTION_SIZE;
        self.canvas.text(page, section.title, FontRole::Hei, SECTION_SIZE, BLOCK_LEFT, title_base, 0.0, BLACK);
        self.y += SECTION_H;
        self.header(&table);
        if section.rows.is_empty() {
            let top = self.y;
            let w = self.canvas.measure(section.empty_note, FontRole::Body, SIZE, 0.0);
            self.canvas.text(self.page, section.empty_note, FontRole::Body, SIZE, (BLOCK_LEFT + BLOCK_RIGHT - w) / 2.0, Self::baseline(top, 0), 0.0, BLACK);
            let h = Self::height(1);
            self.borders(top, top + h, &[BLOCK_LEFT, BLOCK_RIGHT]);
            self.y = top + h;
        }
        for row in section.rows {
            self.row(&table, row);
        }
        page
    }

    fn header(&mut self, table: &Table) {
        let top = self.y;
        self.canvas.rule(self.page, BLOCK_LEFT, BLOCK_RIGHT, top, BORDER * 1.5, BLACK);
        let n = table.header.iter().map(Vec::len).max().unwrap_or(1);
        for (i, lines) in table.header.iter().enumerate() {
            let (x, w) = (table.xs[i], table.widths[i]);
            for (l, text) in lines.iter().enumerate() {
                let tw = self.canvas.measure(text, FontRole::Hei, SIZE, 0.0);
                self.canvas.text(self.page, text, FontRole::Hei, SIZE, x + (w - tw) / 2.0, Self::baseline(top, l), 0.0, BLACK);
            }
        }
        let h = Self::height(n);
        self.borders(top, top + h, &table.xs);
        self.canvas.rule(self.page, BLOCK_LEFT, BLOCK_RIGHT, top + h, BORDER * 1.5, BLACK);
        self.y = top + h;
    }

    fn borders(&mut self, top: f32, bottom: f32, xs: &[f32]) {
        self.canvas.rule(self.page, BLOCK_LEFT, BLOCK_RIGHT, bottom, BORDER, BLACK);
        for &x in xs {
            self.canvas.line(self.page, x, top, x, bottom, BORDER, BLACK);
        }
    }

    /// A row moves whole to the next page when it fits there; a row longer than a page is split,
    /// its lines continuing under the repeated header.
    fn row(&mut self, table: &Table, row: &[String]) {
        let fonts = self.canvas.fonts();
        let cells: Vec<Vec<String>> = table.widths.iter().enumerate().map(|(i, w)| wrap_cell(fonts, row.get(i).map(String::as_str).unwrap_or(""), FontRole::Body, w - 2.0 * PAD)).collect();
        let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let header_h = Self::height(table.header.iter().map(Vec::len).max().unwrap_or(1));
        let page_lines = ((BOTTOM - TOP - header_h - 2.0 * PAD) / LINE_H).floor() as usize;
        let mut done = 0;
        while done < n {
            let room = ((BOTTOM - self.y - 2.0 * PAD) / LINE_H).floor().max(0.0) as usize;
            let rest = n - done;
            if rest > room && (room < 2 || rest <= page_lines) {
                self.new_page();
                self.header(table);
                continue;
            }
            let take = rest.min(room);
            let top = self.y;
            for (i, lines) in cells.iter().enumerate() {
                let x = table.xs[i] + PAD;
                for (l, text) in lines.iter().skip(done).take(take).enumerate() {
                    self.canvas.text(self.page, text, FontRole::Body, SIZE, x, Self::baseline(top, l), 0.0, BLACK);
                }
            }
            let h = Self::height(take);
            self.borders(top, top + h, &table.xs);
            self.y = top + h;
            done += take;
        }
    }
}
