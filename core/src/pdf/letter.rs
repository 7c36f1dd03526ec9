//! The 信函格式 letter of GB/T 9704-2012 (提醒函, 督办函 …): red organ name 30 mm from the top,
//! red double lines, 发文字号 flush right, title, 主送, body on the 22 × 28 grid, signature and
//! date, 附注 and 抄送; page numbers from page 2, restarting for every letter of a batch.

use super::canvas::{Align, Canvas, Cell, BLACK, RED};
use super::fonts::{FontRole, FontSet};
use super::geometry::*;
use super::linebreak::{self, AtomKind, StyledChar};
use super::error::PdfError;

/// The fields of one printed letter.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct LetterDoc {
    /// 发文机关标志; several organs (联合行文) are separated by a newline.
    pub organ_name: String,
    /// 发文字号, e.g. 宣纪函〔2026〕3号.
    pub number: String,
    pub title: String,
    /// 主送 without the colon.
    pub recipient: String,
    /// Body paragraphs; a paragraph starting 一、 is set in 黑体, （一） in 楷体 (the heading
    /// sentence up to the first 。).
    pub paragraphs: Vec<String>,
    /// 发文机关署名.
    pub signature: String,
    /// 成文日期, e.g. 2026年11月28日.
    pub date: String,
    /// 抄送 organs.
    pub cc: Vec<String>,
    /// 附注 (联系人及电话), printed in parentheses below the date.
    pub contact: Option<String>,
}

/// Renders one letter.
pub fn render_letter(fonts: &FontSet, letter: &LetterDoc) -> Result<Vec<u8>, PdfError> {
    render_letters(fonts, std::slice::from_ref(letter))
}

/// Renders many letters into one PDF, each from a new page, page numbers restarting.
pub fn render_letters(fonts: &FontSet, letters: &[LetterDoc]) -> Result<Vec<u8>, PdfError> {
    let mut canvas = Canvas::new(fonts);
    for letter in letters {
        draw_letter(&mut canvas, letter);
    }
    if canvas.page_count() == 0 {
        canvas.new_page();
    }
    let title = letters.first().map(|l| l.title.as_str()).unwrap_or("函");
    canvas.finish(title)
}

/// Heading level of a body paragraph, by its opening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    /// 一、
    First,
    /// （一）
    Second,
    None,
}

const CN_DIGITS: &str = "一二三四五六七八九十百零〇";

pub fn heading_of(paragraph: &str) -> Heading {
    let chars: Vec<char> = paragraph.chars().collect();
    let n = chars.iter().take_while(|c| CN_DIGITS.contains(**c)).count();
    if n > 0 && chars.get(n) == Some(&'、') {
        return Heading::First;
    }
    if chars.first() == Some(&'（') {
        let m = chars[1..]
            .iter()
            .take_while(|c| CN_DIGITS.contains(**c))
            .count();
        if m > 0 && chars.get(m + 1) == Some(&'）') {
            return Heading::Second;
        }
    }
    Heading::None
}

/// The paragraph's characters with their roles: the heading sentence (up to and including the
/// first 。, or the whole paragraph) in the heading font, the rest in 仿宋.
pub fn styled_paragraph(paragraph: &str) -> Vec<StyledChar> {
    let role = match heading_of(paragraph) {
        Heading::First => FontRole::Hei,
        Heading::Second => FontRole::Kai,
        Heading::None => FontRole::Body,
    };
    let mut in_heading = role != FontRole::Body;
    let mut out = Vec::with_capacity(paragraph.len() / 3);
    for ch in paragraph.chars() {
        if ch == '\n' || ch == '\r' {
            continue;
        }
        out.push(StyledChar {
            ch,
            role: if in_heading { role } else { FontRole::Body },
        });
        if ch == '。' {
            in_heading = false;
        }
    }
    out
}

struct Flow<'a, 'f> {
    canvas: &'a mut Canvas<'f>,
    page: usize,
    page_no: u32,
    line: u32,
}

impl<'a, 'f> Flow<'a, 'f> {
    fn new_page(&mut self) {
        self.page = self.canvas.new_page();
        self.page_no += 1;
        self.line = 0;
        if self.page_no >= 2 {
            draw_page_number(self.canvas, self.page, self.page_no);
        }
    }

    /// Makes sure `n` grid lines are free on the current page.
    fn ensure(&mut self, n: u32) {
        if self.line + n > LINES_PER_PAGE {
            self.new_page();
        }
    }

    /// Sets a paragraph on the grid: first line indented `indent` half-cells.
    fn paragraph(&mut self, chars: &[StyledChar], indent: u32, size: f32) {
        let lines = self.break_lines(chars, indent, size);
        self.draw_lines(&lines, size);
    }

    fn break_lines(&self, chars: &[StyledChar], indent: u32, size: f32) -> Vec<linebreak::Line> {
        let fonts = self.canvas.fonts();
        let latin_units = |run: &[StyledChar]| -> u32 {
            let text: String = run.iter().map(|c| c.ch).collect();
            let w = fonts.natural_width(
                run.first().map(|c| c.role).unwrap_or(FontRole::Body),
                &text,
                size,
            );
            // Up to 10 % tighter than natural before taking another half cell.
            ((w * 0.9) / HALF).ceil().max(1.0) as u32
        };
        let atoms = linebreak::atoms(chars, &latin_units);
        linebreak::break_paragraph(&atoms, CHARS_PER_LINE * 2, indent, HALF, &latin_units)
    }

    fn draw_lines(&mut self, lines: &[linebreak::Line], size: f32) {
        let fonts = self.canvas.fonts();
        for line in lines {
            self.ensure(1);
            let baseline = grid_baseline(self.line, size);
            let (cells, dashes) = cells_of_line(fonts, line, BLOCK_LEFT, size);
            self.canvas.cells(self.page, &cells, size, baseline, BLACK);
            for dash in &dashes {
                draw_dash(self.canvas, self.page, dash, size, baseline);
            }
            self.line += 1;
        }
    }

    /// One line of text on the grid at `x`; returns its width.
    fn grid_text_at(&mut self, text: &str, role: FontRole, x: f32) -> f32 {
        let cells = grid_cells(self.canvas.fonts(), text, role, x, SIZE_3);
        let width = cells.last().map(|c| c.x + c.width - x).unwrap_or(0.0);
        self.canvas.cells(
            self.page,
            &cells,
            SIZE_3,
            grid_baseline(self.line, SIZE_3),
            BLACK,
        );
        width
    }
}

/// Cells for a short text set on the grid (full-width = one cell, Latin at natural width).
fn grid_cells(fonts: &FontSet, text: &str, role: FontRole, x: f32, size: f32) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut pen = x;
    for ch in text.chars() {
        let width = if linebreak::is_half_width(ch) {
            fonts.natural_width(role, &ch.to_string(), size)
        } else {
            CELL
        };
        cells.push(Cell {
            ch,
            role,
            x: pen,
            width,
            align: if width == CELL {
                Align::Center
            } else {
                Align::Left
            },
        });
        pen += width;
    }
    cells
}

fn grid_width(fonts: &FontSet, text: &str, role: FontRole) -> f32 {
    grid_cells(fonts, text, role, 0.0, SIZE_3)
        .last()
        .map(|c| c.x + c.width)
        .unwrap_or(0.0)
}

/// A 破折号 on a line: its two characters and the span it covers.
struct Dash {
    chars: [Cell; 2],
    x: f32,
    width: f32,
}

/// Turns a broken line into drawable cells: full-width characters centred in their cell (quotes
/// pushed to the side they belong to, squeezed punctuation to the half it keeps), 省略号 as
/// two abutting halves, Latin runs spread evenly over their half-cells. 破折号 are returned
/// apart: they are drawn as one line.
fn cells_of_line(
    fonts: &FontSet,
    line: &linebreak::Line,
    left: f32,
    size: f32,
) -> (Vec<Cell>, Vec<Dash>) {
    let mut cells = Vec::new();
    let mut dashes = Vec::new();
    for placed in &line.atoms {
        let x = left + placed.x;
        let chars = &placed.atom.chars;
        match placed.atom.kind {
            AtomKind::Dash | AtomKind::Ellipsis => {
                // The halves meet in the middle: a proportional "—" narrower than its cell
                // would otherwise leave a gap in the text that search and copy-out see.
                let half = placed.width / 2.0;
                let cell = |k: usize| Cell {
                    ch: chars[k].ch,
                    role: chars[k].role,
                    x: x + k as f32 * half,
                    width: half,
                    align: if k == 0 { Align::Right } else { Align::Left },
                };
                if placed.atom.kind == AtomKind::Dash {
                    dashes.push(Dash {
                        chars: [cell(0), cell(1)],
                        x,
                        width: placed.width,
                    });
                } else {
                    cells.extend([cell(0), cell(1)]);
                }
            }
            _ if chars.len() == 1 && !linebreak::is_half_width(chars[0].ch) => {
                let ch = chars[0].ch;
                let align = match ch {
                    _ if placed.squeezed && linebreak::is_opening_punct(ch) => Align::Right,
                    _ if placed.squeezed => Align::Left,
                    '“' | '‘' => Align::Right,
                    '”' | '’' => Align::Left,
                    _ => Align::Center,
                };
                cells.push(Cell {
                    ch,
                    role: chars[0].role,
                    x,
                    width: placed.width,
                    align,
                });
            }
            _ => {
                let widths: Vec<f32> = chars
                    .iter()
                    .map(|c| fonts.natural_width(c.role, &c.ch.to_string(), size))
                    .collect();
                let natural: f32 = widths.iter().sum();
                let extra = (placed.width - natural) / chars.len().max(1) as f32;
                let mut pen = x + extra / 2.0;
                for (c, w) in chars.iter().zip(widths) {
                    cells.push(Cell {
                        ch: c.ch,
                        role: c.role,
                        x: pen,
                        width: w,
                        align: Align::Left,
                    });
                    pen += w + extra;
                }
            }
        }
    }
    (cells, dashes)
}

/// A 破折号 as GB/T 15834 wants it: one unbroken line two characters long across the middle
/// of the character frame. Fonts draw "—" with side bearings, so two glyphs show as two short
/// dashes; the line is drawn instead and the glyphs are set invisibly over it, so the text
/// still copies out as "——".
fn draw_dash(canvas: &mut Canvas<'_>, page: usize, dash: &Dash, size: f32, baseline: f32) {
    let middle = baseline - (EM_ASCENT - 0.5) * size;
    let thickness = size
        * if dash.chars[0].role == FontRole::Hei {
            0.07
        } else {
            0.05
        };
    canvas.rule(page, dash.x, dash.x + dash.width, middle, thickness, BLACK);
    canvas.hidden_cells(page, &dash.chars, size, baseline);
}

/// "— N —" in 4号, 7 mm below the text block: odd pages right, even pages left, one
/// character in from the block's edge.
fn draw_page_number(canvas: &mut Canvas<'_>, page: usize, n: u32) {
    let size = SIZE_4;
    let text = format!("— {n} —");
    let fonts = canvas.fonts();
    let mut cells = Vec::new();
    let mut pen = 0.0;
    for ch in text.chars() {
        let width = match ch {
            '—' => size,
            ' ' => size / 4.0,
            _ => fonts.natural_width(FontRole::Body, &ch.to_string(), size),
        };
        cells.push(Cell {
            ch,
            role: FontRole::Body,
            x: pen,
            width,
            align: Align::Center,
        });
        pen += width;
    }
    let x0 = if n % 2 == 1 {
        BLOCK_RIGHT - size - pen
    } else {
        BLOCK_LEFT + size
    };
    for c in &mut cells {
        c.x += x0;
    }
    // The dash sits about 0.35 em above the baseline: put it 7 mm below the block.
    let baseline = BLOCK_BOTTOM + 7.0 * MM + 0.35 * size;
    canvas.cells(page, &cells, size, baseline, BLACK);
}

fn draw_letter(canvas: &mut Canvas<'_>, letter: &LetterDoc) {
    let mut flow = Flow {
        canvas,
        page: 0,
        page_no: 0,
        line: 0,
    };
    flow.new_page();
    let name_bottom = draw_organ_name(&mut flow, &letter.organ_name);
    let rules_bottom = draw_red_rules(&mut flow, name_bottom);
    draw_number(&mut flow, &letter.number, rules_bottom);
    draw_title(&mut flow, &letter.title);
    draw_recipient(&mut flow, &letter.recipient);
    let ending = Ending::new(&flow, letter);
    let gap = draw_body(&mut flow, &letter.paragraphs, &ending);
    if ending.signature_lines > 0 {
        draw_signature(&mut flow, &letter.signature, &letter.date, gap);
    }
    flow.draw_lines(&ending.contact, SIZE_3);
    draw_cc(&mut flow, &ending.cc);
}

/// What follows the body and stays on the page of its last lines: signature and date, the
/// 附注 on the line after the date, the 抄送 at the foot.
struct Ending {
    /// 署名 and 成文日期 lines (0 when the letter has neither).
    signature_lines: u32,
    contact: Vec<linebreak::Line>,
    cc: Vec<String>,
}

impl Ending {
    fn new(flow: &Flow<'_, '_>, letter: &LetterDoc) -> Ending {
        let signature_lines = u32::from(!letter.signature.trim().is_empty())
            + u32::from(!letter.date.trim().is_empty());
        let contact = match letter.contact.as_deref().map(str::trim) {
            Some(c) if !c.is_empty() => {
                let text = if c.starts_with('（') {
                    c.to_string()
                } else {
                    format!("（{c}）")
                };
                flow.break_lines(&body_chars(&text), 4, SIZE_3)
            }
            _ => Vec::new(),
        };
        Ending {
            signature_lines,
            contact,
            cc: cc_rows(&letter.cc),
        }
    }

    /// Grid lines the ending takes below the body with `gap` blank lines above the signature
    /// (room for the seal); the 抄送 keeps one blank line above it.
    fn lines(&self, gap: u32) -> u32 {
        let signature = if self.signature_lines > 0 {
            gap + self.signature_lines
        } else {
            0
        };
        let cc = if self.cc.is_empty() {
            0
        } else {
            self.cc.len() as u32 + 1
        };
        signature + self.contact.len() as u32 + cc
    }
}

/// 发文机关标志: red 小标宋, centred, top edge 30 mm from the top of the page, one line per
/// organ. Returns the bottom of the last name.
fn draw_organ_name(flow: &mut Flow<'_, '_>, organ_name: &str) -> f32 {
    let page = flow.page;
    let organs: Vec<&str> = organ_name
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let longest = organs
        .iter()
        .map(|o| o.chars().count())
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    let size = (BLOCK_W / longest).min(30.0);
    let mut top = 30.0 * MM;
    for organ in &organs {
        // Short names are spread a little, as letterheads are.
        let n = organ.chars().count() as f32;
        let natural = flow.canvas.measure(organ, FontRole::Title, size, 0.0);
        let tracking = if n > 1.0 {
            ((BLOCK_W * 0.75 - natural) / (n - 1.0)).clamp(0.0, size * 0.5)
        } else {
            0.0
        };
        let width = flow.canvas.measure(organ, FontRole::Title, size, tracking);
        let x = (PAGE_W - width) / 2.0;
        flow.canvas.text(
            page,
            organ,
            FontRole::Title,
            size,
            x,
            top + EM_ASCENT * size,
            tracking,
            RED,
        );
        top += size * 1.25;
    }
    top - size * 0.25
}

/// Red double lines, 170 mm, centred: thick over thin 4 mm below the name, thin over thick
/// 20 mm above the bottom edge. Returns the bottom of the top pair.
fn draw_red_rules(flow: &mut Flow<'_, '_>, name_bottom: f32) -> f32 {
    let page = flow.page;
    let (x1, x2) = (20.0 * MM, 190.0 * MM);
    let (thick, thin, gap) = (2.25, 0.75, 0.6 * MM);
    let thick_y = name_bottom + 4.0 * MM + thick / 2.0;
    let thin_y = thick_y + thick / 2.0 + gap + thin / 2.0;
    flow.canvas.rule(page, x1, x2, thick_y, thick, RED);
    flow.canvas.rule(page, x1, x2, thin_y, thin, RED);
    let bottom_thick = PAGE_H - 20.0 * MM - thick / 2.0;
    flow.canvas.rule(page, x1, x2, bottom_thick, thick, RED);
    flow.canvas.rule(
        page,
        x1,
        x2,
        bottom_thick - thick / 2.0 - gap - thin / 2.0,
        thin,
        RED,
    );
    thin_y + thin / 2.0
}

/// 发文字号 flush right on the first grid line clear of the red lines.
fn draw_number(flow: &mut Flow<'_, '_>, number: &str, rules_bottom: f32) {
    let below = rules_bottom + 1.0 * MM;
    let mut line = 0;
    while grid_top(line) < below && line < LINES_PER_PAGE {
        line += 1;
    }
    flow.line = line;
    if !number.trim().is_empty() {
        let w = grid_width(flow.canvas.fonts(), number, FontRole::Body);
        flow.grid_text_at(number, FontRole::Body, BLOCK_RIGHT - w);
    }
    flow.line += 1;
}

/// Title two lines below the number, 2号 小标宋, centred, broken into balanced lines.
fn draw_title(flow: &mut Flow<'_, '_>, title: &str) {
    flow.line += 2;
    let max_chars = (BLOCK_W / SIZE_2).floor() as usize;
    for title_line in linebreak::break_title(title.trim(), max_chars) {
        flow.ensure(1);
        let width = flow
            .canvas
            .measure(&title_line, FontRole::Title, SIZE_2, 0.0);
        let x = BLOCK_LEFT + (BLOCK_W - width).max(0.0) / 2.0;
        let baseline = grid_baseline(flow.line, SIZE_2);
        flow.canvas.text(
            flow.page,
            &title_line,
            FontRole::Title,
            SIZE_2,
            x,
            baseline,
            0.0,
            BLACK,
        );
        flow.line += 1;
    }
}

fn body_chars(text: &str) -> Vec<StyledChar> {
    text.chars()
        .map(|ch| StyledChar {
            ch,
            role: FontRole::Body,
        })
        .collect()
}

/// 主送 one line below the title, flush left, with a full-width colon.
fn draw_recipient(flow: &mut Flow<'_, '_>, recipient: &str) {
    if recipient.trim().is_empty() {
        return;
    }
    flow.line += 1;
    let text = format!("{}：", recipient.trim().trim_end_matches(['：', ':']));
    flow.paragraph(&body_chars(&text), 0, SIZE_3);
}

/// The body paragraphs, two characters indented, headings in their fonts. The ending must
/// stand on the page of the body's last lines (GB/T 9704 7.3.5.1): first the blank lines above
/// the signature shrink from two to one, and if it still does not fit, the last two body
/// lines are carried over with it. Returns the blank lines to leave above the signature.
fn draw_body(flow: &mut Flow<'_, '_>, paragraphs: &[String], ending: &Ending) -> u32 {
    let lines: Vec<linebreak::Line> = paragraphs
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .flat_map(|p| flow.break_lines(&styled_paragraph(p), 4, SIZE_3))
        .collect();
    // Where the body ends: the line after it, and how many of its lines share that page.
    let (mut end, mut on_last_page) = (flow.line, 0usize);
    for _ in &lines {
        if end >= LINES_PER_PAGE {
            end = 0;
            on_last_page = 0;
        }
        end += 1;
        on_last_page += 1;
    }
    let fits = |gap: u32| end + ending.lines(gap) <= LINES_PER_PAGE;
    if ending.lines(2) == 0 || fits(2) {
        flow.draw_lines(&lines, SIZE_3);
        return 2;
    }
    if fits(1) {
        flow.draw_lines(&lines, SIZE_3);
        return 1;
    }
    if on_last_page >= 2 || (on_last_page == lines.len() && !lines.is_empty()) {
        let carried = on_last_page.min(2);
        let split = lines.len() - carried;
        flow.draw_lines(&lines[..split], SIZE_3);
        flow.new_page();
        flow.draw_lines(&lines[split..], SIZE_3);
        return 2;
    }
    flow.draw_lines(&lines, SIZE_3);
    2
}

/// 署名 and 成文日期 (room for the seal above them); the date right-indented four
/// characters, the organ name centred over it.
fn draw_signature(flow: &mut Flow<'_, '_>, signature: &str, date: &str, gap: u32) {
    let fonts = flow.canvas.fonts();
    flow.line += gap;
    flow.ensure(2);
    let date = date.trim();
    let date_w = grid_width(fonts, date, FontRole::Body);
    let date_x = BLOCK_RIGHT - 4.0 * CELL - date_w;
    let signature = signature.trim();
    if !signature.is_empty() {
        let sig_w = grid_width(fonts, signature, FontRole::Body);
        let sig_x = (date_x + date_w / 2.0 - sig_w / 2.0)
            .min(BLOCK_RIGHT - 2.0 * CELL - sig_w)
            .max(BLOCK_LEFT);
        flow.grid_text_at(signature, FontRole::Body, sig_x);
        flow.line += 1;
    }
    if !date.is_empty() {
        flow.grid_text_at(date, FontRole::Body, date_x);
        flow.line += 1;
    }
}

/// 抄送 at the foot of the last page (信函格式: no 版记 rules), 4号 仿宋, one character in
/// from each side, continuation lines aligned after the colon.
fn draw_cc(flow: &mut Flow<'_, '_>, rows: &[String]) {
    if rows.is_empty() {
        return;
    }
    let size = SIZE_4;
    let needed = rows.len() as u32;
    if flow.line + needed + 1 > LINES_PER_PAGE {
        flow.new_page();
    }
    let first_line = LINES_PER_PAGE - needed;
    for (i, row) in rows.iter().enumerate() {
        let baseline = grid_baseline(first_line + i as u32, size);
        let mut x = BLOCK_LEFT + size;
        if i == 0 {
            x += flow.canvas.text(
                flow.page,
                CC_LABEL,
                FontRole::Body,
                size,
                x,
                baseline,
                0.0,
                BLACK,
            );
        } else {
            x += size * CC_LABEL.chars().count() as f32;
        }
        let cells: Vec<Cell> = row
            .chars()
            .enumerate()
            .map(|(k, ch)| Cell {
                ch,
                role: FontRole::Body,
                x: x + k as f32 * size,
                width: size,
                align: Align::Center,
            })
            .collect();
        flow.canvas.cells(flow.page, &cells, size, baseline, BLACK);
    }
}

const CC_LABEL: &str = "抄送：";

/// The 抄送 organs broken into rows of 4号 characters after the label, keeping the 禁则.
fn cc_rows(cc: &[String]) -> Vec<String> {
    let cc: Vec<&str> = cc
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if cc.is_empty() {
        return Vec::new();
    }
    let size = SIZE_4;
    let per_line = ((BLOCK_W - 2.0 * size) / size).floor() as usize - CC_LABEL.chars().count();
    let body = format!("{}。", cc.join("，"));
    let chars: Vec<char> = body.chars().collect();
    let mut rows: Vec<String> = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut end = (start + per_line).min(chars.len());
        while end < chars.len() && end > start + 1 && linebreak::is_line_start_forbidden(chars[end])
        {
            end -= 1;
        }
        rows.push(chars[start..end].iter().collect());
        start = end;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_detected() {
        assert_eq!(heading_of("一、提高政治站位"), Heading::First);
        assert_eq!(heading_of("十二、其他"), Heading::First);
        assert_eq!(heading_of("（三）加强学习。要深入"), Heading::Second);
        assert_eq!(heading_of("一是要加强"), Heading::None);
        assert_eq!(heading_of("（联系人：张三）"), Heading::None);
        let styled = styled_paragraph("（一）加强学习。要深入");
        assert_eq!(styled[0].role, FontRole::Kai);
        assert_eq!(styled[7].role, FontRole::Kai); // 。
        assert_eq!(styled[8].role, FontRole::Body);
    }
}
