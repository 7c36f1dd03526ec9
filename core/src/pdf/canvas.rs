//! A page canvas that collects absolutely placed glyphs and rules, then writes the PDF with
//! one subset per font face (only the glyphs used, named with an ISO 32000 subset tag).

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, Line as PdfLine, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rgb, TextItem, TextMatrix, TextRenderingMode,
};

use super::fonts::{FaceId, FontRole, FontSet, GlyphUsage};
use super::geometry::{PAGE_H, PAGE_W};
use super::error::PdfError;

pub type Rgb3 = [f32; 3];
pub const BLACK: Rgb3 = [0.0, 0.0, 0.0];
pub const RED: Rgb3 = [0.9, 0.0, 0.0];

/// How a glyph sits in the cell it was given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone)]
struct Run {
    face: FaceId,
    size: f32,
    /// Baseline, from the page top.
    baseline: f32,
    color: Rgb3,
    /// Set in invisible rendering mode: text to copy out where a mark is drawn as a graphic.
    hidden: bool,
    /// (glyph id in the original face, character, x from the page left)
    glyphs: Vec<(u16, char, f32)>,
}

/// A straight stroke from (x1, y1) to (x2, y2), y from the page top (centre of the stroke).
#[derive(Debug, Clone)]
struct Rule {
    x1: f32,
    y1: f32,
    x2: f32,
    y2: f32,
    thickness: f32,
    color: Rgb3,
}

#[derive(Debug, Clone, Default)]
struct Page {
    runs: Vec<Run>,
    rules: Vec<Rule>,
}

/// One character to draw: placed in a cell from `x` (page left) of `width` points.
#[derive(Debug, Clone, Copy)]
pub struct Cell {
    pub ch: char,
    pub role: FontRole,
    pub x: f32,
    pub width: f32,
    pub align: Align,
}

pub struct Canvas<'f> {
    fonts: &'f FontSet,
    pages: Vec<Page>,
    usage: GlyphUsage,
    /// Characters no installed font has (drawn as the role font's .notdef).
    pub missing: Vec<char>,
}

impl<'f> Canvas<'f> {
    pub fn new(fonts: &'f FontSet) -> Self {
        Canvas {
            fonts,
            pages: Vec::new(),
            usage: BTreeMap::new(),
            missing: Vec::new(),
        }
    }

    pub fn fonts(&self) -> &'f FontSet {
        self.fonts
    }

    /// Starts a page; returns its index.
    pub fn new_page(&mut self) -> usize {
        self.pages.push(Page::default());
        self.pages.len() - 1
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Draws characters, each placed in its own cell, on one baseline.
    pub fn cells(&mut self, page: usize, cells: &[Cell], size: f32, baseline: f32, color: Rgb3) {
        self.place_cells(page, cells, size, baseline, color, false);
    }

    /// Places characters that are not painted: a mark drawn as a graphic (the 破折号) still
    /// copies out and is found by search as its text.
    pub fn hidden_cells(&mut self, page: usize, cells: &[Cell], size: f32, baseline: f32) {
        self.place_cells(page, cells, size, baseline, BLACK, true);
    }

    fn place_cells(
        &mut self,
        page: usize,
        cells: &[Cell],
        size: f32,
        baseline: f32,
        color: Rgb3,
        hidden: bool,
    ) {
        let fonts = self.fonts;
        let mut current: Option<Run> = None;
        for cell in cells {
            if cell.ch.is_whitespace() {
                continue;
            }
            let (face, gid) = match fonts.resolve(cell.role, cell.ch) {
                Some(found) => found,
                None => {
                    if !self.missing.contains(&cell.ch) {
                        self.missing.push(cell.ch);
                    }
                    (fonts.role_face(cell.role), 0)
                }
            };
            let natural = fonts
                .face(face)
                .map(|f| f.advance_1000(gid))
                .unwrap_or(1000) as f32
                * size
                / 1000.0;
            let x = match cell.align {
                Align::Left => cell.x,
                Align::Center => cell.x + (cell.width - natural) / 2.0,
                Align::Right => cell.x + cell.width - natural,
            };
            if gid != 0 {
                self.usage.entry(face).or_default().insert(gid, cell.ch);
            } else {
                self.usage.entry(face).or_default();
            }
            match &mut current {
                Some(run) if run.face == face && run.hidden == hidden => {
                    run.glyphs.push((gid, cell.ch, x))
                }
                _ => {
                    if let Some(run) = current.take() {
                        self.push_run(page, run);
                    }
                    current = Some(Run {
                        face,
                        size,
                        baseline,
                        color,
                        hidden,
                        glyphs: vec![(gid, cell.ch, x)],
                    });
                }
            }
        }
        if let Some(run) = current.take() {
            self.push_run(page, run);
        }
    }

    fn push_run(&mut self, page: usize, run: Run) {
        if let Some(p) = self.pages.get_mut(page) {
            p.runs.push(run);
        }
    }

    /// Draws `text` at natural widths plus `tracking` points between characters, starting at
    /// `x`. Returns the width drawn.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        page: usize,
        text: &str,
        role: FontRole,
        size: f32,
        x: f32,
        baseline: f32,
        tracking: f32,
        color: Rgb3,
    ) -> f32 {
        let cells = self.layout_natural(text, role, size, x, tracking);
        let width = cells.last().map(|c| c.x + c.width - x).unwrap_or(0.0);
        self.cells(page, &cells, size, baseline, color);
        width
    }

    /// Width of `text` at natural widths plus tracking (no trailing tracking).
    pub fn measure(&self, text: &str, role: FontRole, size: f32, tracking: f32) -> f32 {
        let n = text.chars().count();
        if n == 0 {
            return 0.0;
        }
        self.fonts.natural_width(role, text, size) + tracking * (n as f32 - 1.0)
    }

    fn layout_natural(
        &self,
        text: &str,
        role: FontRole,
        size: f32,
        x: f32,
        tracking: f32,
    ) -> Vec<Cell> {
        let mut cells = Vec::new();
        let mut pen = x;
        for ch in text.chars() {
            let w = self.fonts.natural_width(role, &ch.to_string(), size);
            cells.push(Cell {
                ch,
                role,
                x: pen,
                width: w,
                align: Align::Left,
            });
            pen += w + tracking;
        }
        cells
    }

    /// A horizontal rule centred on `y` (from the page top).
    pub fn rule(&mut self, page: usize, x1: f32, x2: f32, y: f32, thickness: f32, color: Rgb3) {
        if let Some(p) = self.pages.get_mut(page) {
            p.rules.push(Rule {
                x1,
                y1: y,
                x2,
                y2: y,
                thickness,
                color,
            });
        }
    }

    /// A stroke between two points (y from the page top): the cell borders of a form.
    #[allow(clippy::too_many_arguments)]
    pub fn line(
        &mut self,
        page: usize,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thickness: f32,
        color: Rgb3,
    ) {
        if let Some(p) = self.pages.get_mut(page) {
            p.rules.push(Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
                color,
            });
        }
    }

    // ---- report
    /// A filled rectangle from (x, y) (top-left, y from the page top), `w` × `h`: one stroke as
    /// thick as the rectangle is tall, with the PDF's default butt caps, so it is exactly the box.
    #[allow(clippy::too_many_arguments)]
    pub fn rect(&mut self, page: usize, x: f32, y: f32, w: f32, h: f32, color: Rgb3) {
        if w > 0.0 && h > 0.0 {
            self.rule(page, x, x + w, y + h / 2.0, h, color);
        }
    }

    /// The outline of a rectangle (x, y top-left), strokes of `thickness`.
    #[allow(clippy::too_many_arguments)]
    pub fn frame(&mut self, page: usize, x: f32, y: f32, w: f32, h: f32, thickness: f32, color: Rgb3) {
        self.line(page, x, y, x + w, y, thickness, color);
        self.line(page, x + w, y, x + w, y + h, thickness, color);
        self.line(page, x + w, y + h, x, y + h, thickness, color);
        self.line(page, x, y + h, x, y, thickness, color);
    }
    // ---- end report

    /// Subsets the used faces and writes the PDF.
    pub fn finish(self, title: &str) -> Result<Vec<u8>, PdfError> {
        let mut doc = PdfDocument::new(title);
        // A viewer's document properties tell the office when and by what a letter was printed;
        // printpdf's defaults (1970, no producer) would say nothing. printpdf writes the dates as
        // UTC, so the time is taken in UTC.
        let now = printpdf::date::DateTime::now();
        let info = &mut doc.metadata.info;
        info.creation_date = now;
        info.modification_date = now;
        info.metadata_date = now;
        info.producer = format!("监督台账 {}", env!("CARGO_PKG_VERSION"));
        // Per face: the printpdf font id and old gid → new gid.
        let mut embedded: BTreeMap<FaceId, (printpdf::FontId, BTreeMap<u16, u16>)> =
            BTreeMap::new();
        for (n, (face_id, glyphs)) in self.usage.iter().enumerate() {
            let Some(face) = self.fonts.face(*face_id) else {
                continue;
            };
            let gids: Vec<u16> = glyphs.keys().copied().filter(|g| *g != 0).collect();
            let bytes = face.subset(&gids)?;
            let mut warnings = Vec::new();
            let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings).ok_or_else(|| {
                PdfError::Subset {
                    family: face.family.clone(),
                    reason: "子集字体无法解析".to_string(),
                }
            })?;
            parsed.font_name = Some(format!("{}+{}", subset_tag(n), face.postscript_name()));
            let id = doc.add_font(&parsed);
            let remap: BTreeMap<u16, u16> = gids
                .iter()
                .enumerate()
                .map(|(i, g)| (*g, i as u16 + 1))
                .collect();
            embedded.insert(*face_id, (id, remap));
        }

        let mut pages = Vec::with_capacity(self.pages.len());
        for page in &self.pages {
            let mut ops = Vec::with_capacity(page.runs.len() * 4 + page.rules.len() * 3);
            for rule in &page.rules {
                ops.push(Op::SetOutlineColor {
                    col: rgb(rule.color),
                });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(rule.thickness),
                });
                ops.push(Op::DrawLine {
                    line: PdfLine {
                        points: vec![
                            LinePoint {
                                p: Point {
                                    x: Pt(rule.x1),
                                    y: Pt(PAGE_H - rule.y1),
                                },
                                bezier: false,
                            },
                            LinePoint {
                                p: Point {
                                    x: Pt(rule.x2),
                                    y: Pt(PAGE_H - rule.y2),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            ops.push(Op::StartTextSection);
            let mut last_color: Option<Rgb3> = None;
            let mut last_font: Option<(FaceId, f32)> = None;
            let mut hidden = false;
            for run in &page.runs {
                let Some((font_id, remap)) = embedded.get(&run.face) else {
                    continue;
                };
                let Some(face) = self.fonts.face(run.face) else {
                    continue;
                };
                if run.hidden != hidden {
                    ops.push(Op::SetTextRenderingMode {
                        mode: if run.hidden {
                            TextRenderingMode::Invisible
                        } else {
                            TextRenderingMode::Fill
                        },
                    });
                    hidden = run.hidden;
                }
                if last_color != Some(run.color) {
                    ops.push(Op::SetFillColor {
                        col: rgb(run.color),
                    });
                    last_color = Some(run.color);
                }
                if last_font != Some((run.face, run.size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id.clone()),
                        size: Pt(run.size),
                    });
                    last_font = Some((run.face, run.size));
                }
                let Some(&(_, _, x0)) = run.glyphs.first() else {
                    continue;
                };
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(x0), Pt(PAGE_H - run.baseline)),
                });
                let mut codepoints = Vec::with_capacity(run.glyphs.len());
                for (i, &(gid, ch, x)) in run.glyphs.iter().enumerate() {
                    let new_gid = remap.get(&gid).copied().unwrap_or(0);
                    let offset = match run.glyphs.get(i + 1) {
                        Some(&(_, _, next_x)) => {
                            let w0 = face.advance_1000(gid) as f32;
                            let k = w0 - (next_x - x) * 1000.0 / run.size;
                            if k.abs() < 0.05 {
                                0.0
                            } else {
                                (k * 100.0).round() / 100.0
                            }
                        }
                        None => 0.0,
                    };
                    codepoints.push(Codepoint {
                        gid: new_gid,
                        offset,
                        cid: Some(ch.to_string()),
                    });
                }
                ops.push(Op::ShowText {
                    items: vec![TextItem::GlyphIds(codepoints)],
                });
            }
            ops.push(Op::EndTextSection);
            pages.push(PdfPage::new(
                Mm(PAGE_W / super::geometry::MM),
                Mm(PAGE_H / super::geometry::MM),
                ops,
            ));
        }
        let options = PdfSaveOptions {
            subset_fonts: false,
            ..PdfSaveOptions::default()
        };
        let mut warnings = Vec::new();
        let bytes = doc.with_pages(pages).save(&options, &mut warnings);
        if bytes.is_empty() {
            return Err(PdfError::Render(format!("{warnings:?}")));
        }
        Ok(bytes)
    }
}

fn rgb(c: Rgb3) -> Color {
    Color::Rgb(Rgb {
        r: c[0],
        g: c[1],
        b: c[2],
        icc_profile: None,
    })
}

/// Six capital letters, distinct per face (ISO 32000-1 9.6.4).
fn subset_tag(n: usize) -> String {
    let mut v = n as u64 * 7_919 + 104_729;
    (0..6)
        .map(|_| {
            let c = (b'A' + (v % 26) as u8) as char;
            v /= 26;
            c
        })
        .collect()
}
