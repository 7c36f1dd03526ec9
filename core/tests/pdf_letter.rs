//! The printed letter, read back with poppler: text comes out, the grid holds (28 characters
//! a line, 22 lines a page, first line at the top of the block), 禁则 hold, page numbers sit
//! where GB/T 9704 puts them, rare characters are drawn from a font that has them.

mod pdf_common;

use std::sync::OnceLock;

use jiandu_core::model::letters::LetterFilter;
use jiandu_core::pdf::linebreak::{is_line_end_forbidden, is_line_start_forbidden};
use jiandu_core::pdf::{render_letter, render_letters, FontConfig, FontRole, FontSet};
use jiandu_core::service::letters;
use jiandu_core::{demo, Ctx, Db};
use pdf_common::*;

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        FontSet::load(&FontConfig::default()).expect("fonts installed (make run installs them)")
    })
}

fn maybe_save(bytes: &[u8], name: &str) {
    if let Some(dir) = std::env::var_os("JIANDU_PDF_SAMPLES") {
        let dir = std::path::PathBuf::from(dir);
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(name), bytes);
    }
}

fn is_full_width(c: char) -> bool {
    (c as u32) >= 0x2000
}

#[test]
fn letter_text_is_extractable_chinese() {
    let bytes = render_letter(fonts(), &sample_letter()).expect("render");
    maybe_save(&bytes, "sample-letter.pdf");
    assert!(
        bytes.len() < 150 * 1024,
        "one letter is {} bytes",
        bytes.len()
    );
    require_poppler();
    let (_dir, path) = write_temp(&bytes, "letter.pdf");
    let text: String = pdftotext(&path, &[])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for expected in [
        "中共宣城县纪律检查委员会",
        "宣纪函〔2026〕3号",
        "中共城关镇委员会：",
        "提高政治站位，切实扛起主体责任",
        "2026年11月28日",
        "抄送：县委办公室，县委组织部。",
        "吉𠮷",
        "王䶮",
    ] {
        assert!(text.contains(expected), "missing {expected} in {text}");
    }
    // Only used glyphs are embedded, with a subset tag.
    let fonts_out = std::process::Command::new("pdffonts")
        .arg(&path)
        .output()
        .expect("pdffonts");
    let listing = String::from_utf8_lossy(&fonts_out.stdout);
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row.contains('+'), "font not marked as subset: {row}");
        assert!(row.contains("yes"), "font not embedded: {row}");
    }
}

#[test]
fn long_letter_holds_the_grid() {
    let bytes = render_letter(fonts(), &long_letter()).expect("render");
    maybe_save(&bytes, "long-letter.pdf");
    require_poppler();
    let (_dir, path) = write_temp(&bytes, "long.pdf");
    let lines = layout_lines(&path);
    let pages = lines.iter().map(|l| l.page).max().unwrap_or(0);
    assert!(pages >= 3, "expected at least 3 pages, got {pages}");

    let block_top = 37.0 * MM;
    let block_bottom = (37.0 + 225.0) * MM;
    let body_on = |page: usize| -> Vec<&TextLine> {
        lines
            .iter()
            .filter(|l| l.page == page && l.y_max < block_bottom + 1.0)
            .collect()
    };

    // Page 2 is all body: 22 lines, the first at the top of the text block.
    let page2 = body_on(2);
    assert_eq!(
        page2.len(),
        22,
        "lines on page 2: {:#?}",
        page2.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
    let first = page2[0];
    let pitch = 225.0 * MM / 22.0;
    let expected_center = block_top + pitch / 2.0;
    let center = (first.y_min + first.y_max) / 2.0;
    assert!(
        (center - expected_center).abs() < 3.0,
        "first line centre {center}, expected {expected_center}"
    );
    // Lines are one pitch apart.
    // (Only lines in the body font: poppler's box height depends on the font's metrics.)
    let height = first.y_max - first.y_min;
    let same_font: Vec<&&TextLine> = page2
        .iter()
        .filter(|l| ((l.y_max - l.y_min) - height).abs() < 0.5)
        .collect();
    assert!(same_font.len() > 10);
    for pair in same_font.windows(2) {
        let lines_apart = ((pair[1].y_min - pair[0].y_min) / pitch).round();
        let d = (pair[1].y_min - pair[0].y_min) / lines_apart;
        assert!((d - pitch).abs() < 0.5, "line pitch {d}");
    }

    // No line wider than the block or longer than 28 full-width characters; 禁则 hold.
    for line in lines
        .iter()
        .filter(|l| l.y_max < block_bottom + 1.0 && l.y_min > block_top - 1.0)
    {
        let full = line.text.chars().filter(|c| is_full_width(*c)).count();
        assert!(full <= 28, "{full} characters: {}", line.text);
        assert!(
            line.x_max <= (28.0 + 156.0) * MM + 1.0,
            "line past the right margin: {}",
            line.text
        );
        if let Some(c) = line.text.chars().next() {
            assert!(
                !is_line_start_forbidden(c),
                "line starts with {c}: {}",
                line.text
            );
        }
        if let Some(c) = line.text.chars().last() {
            assert!(
                !is_line_end_forbidden(c),
                "line ends with {c}: {}",
                line.text
            );
        }
    }

    // The pure-CJK paragraph: every full line holds exactly 28 characters, flush to both edges.
    let pure_lines: Vec<&TextLine> = lines
        .iter()
        .filter(|l| {
            l.text.starts_with("发展监督执纪") || l.text.contains("严的主基调不动摇推动全面从严")
        })
        .collect();
    assert!(
        pure_lines.len() >= 5,
        "pure paragraph lines: {pure_lines:#?}"
    );
    let mut full_lines = 0;
    for line in &lines {
        let n = line.text.chars().count();
        if line
            .text
            .chars()
            .all(|c| "监督执纪问责要坚持严的主基调不动摇推动全面从严治党向纵深发展".contains(c))
            && n >= 20
        {
            let indented = line.x_min > 28.0 * MM + 20.0;
            if !indented && line.x_max > (28.0 + 156.0) * MM - 5.0 {
                assert_eq!(n, 28, "full line: {}", line.text);
                full_lines += 1;
            }
        }
    }
    assert!(full_lines >= 5, "found {full_lines} full lines");

    // Page numbers: none on page 1; "— N —" 7 mm below the block on the others, odd right,
    // even left.
    let numbers: Vec<&TextLine> = lines.iter().filter(|l| l.y_min > block_bottom).collect();
    assert!(
        numbers.iter().all(|l| l.page != 1),
        "page 1 has a page number: {numbers:#?}"
    );
    for page in 2..=pages {
        let n = numbers
            .iter()
            .find(|l| l.page == page)
            .unwrap_or_else(|| panic!("no page number on page {page}"));
        let compact: String = n.text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(compact, format!("—{page}—"));
        let center = (n.y_min + n.y_max) / 2.0;
        assert!(
            (center - (block_bottom + 7.0 * MM)).abs() < 4.0,
            "page number at {center}"
        );
        if page % 2 == 0 {
            assert!(
                n.x_min < 28.0 * MM + 25.0 && n.x_min > 28.0 * MM + 5.0,
                "even page number not left: {n:?}"
            );
        } else {
            assert!(
                n.x_max > (28.0 + 156.0) * MM - 25.0 && n.x_max < (28.0 + 156.0) * MM - 5.0,
                "odd page number not right: {n:?}"
            );
        }
    }
}

#[test]
fn letter_header_in_letter_format() {
    let bytes = render_letter(fonts(), &sample_letter()).expect("render");
    require_poppler();
    let (_dir, path) = write_temp(&bytes, "letter.pdf");
    let lines = layout_lines(&path);
    let organ = lines
        .iter()
        .find(|l| l.text.contains("宣城县纪律检查委员会") && l.page == 1)
        .expect("organ name");
    // Organ name near 30 mm from the top, centred.
    // (poppler's box starts at the font's ascent, a little above the em box.)
    assert!(
        organ.y_min > 30.0 * MM - 12.0 && organ.y_min < 30.0 * MM + 2.0,
        "organ name top at {}",
        organ.y_min
    );
    let centre = (organ.x_min + organ.x_max) / 2.0;
    assert!(
        (centre - 105.0 * MM).abs() < 3.0,
        "organ name centre {centre}"
    );
    let number = lines
        .iter()
        .find(|l| l.text.contains("宣纪函"))
        .expect("number");
    assert!(
        (number.x_max - (28.0 + 156.0) * MM).abs() < 3.0,
        "number not flush right: {number:?}"
    );
    assert!(number.y_min > organ.y_max, "number above the organ name");
    let title = lines
        .iter()
        .find(|l| l.text.contains("提醒函"))
        .expect("title");
    let title_centre = (title.x_min + title.x_max) / 2.0;
    assert!(
        (title_centre - 105.0 * MM).abs() < 3.0,
        "title not centred: {title:?}"
    );
    let recipient = lines
        .iter()
        .find(|l| l.text.starts_with("中共城关镇委员会"))
        .expect("recipient");
    assert!(
        (recipient.x_min - 28.0 * MM).abs() < 2.0,
        "主送 not flush left: {recipient:?}"
    );
    let date = lines
        .iter()
        .find(|l| l.text.contains("2026年11月28日"))
        .expect("date");
    assert!(
        (date.x_max - ((28.0 + 156.0) * MM - 4.0 * 156.0 * MM / 28.0)).abs() < 4.0,
        "date not 4 characters in: {date:?}"
    );
}

#[test]
fn batch_restarts_page_numbers_per_letter() {
    let letters = vec![long_letter(), sample_letter(), long_letter()];
    let bytes = render_letters(fonts(), &letters).expect("render");
    maybe_save(&bytes, "batch.pdf");
    require_poppler();
    let (_dir, path) = write_temp(&bytes, "batch.pdf");
    let lines = layout_lines(&path);
    let organ_pages: Vec<usize> = lines
        .iter()
        .filter(|l| l.text.contains("宣纪函"))
        .map(|l| l.page)
        .collect();
    assert_eq!(organ_pages.len(), 3, "three letters");
    for p in &organ_pages {
        assert!(
            !lines
                .iter()
                .any(|l| l.page == *p && l.y_min > (37.0 + 225.0) * MM),
            "letter first page {p} has a number"
        );
    }
    let third_start = organ_pages[2];
    let next = lines
        .iter()
        .find(|l| l.page == third_start + 1 && l.y_min > (37.0 + 225.0) * MM)
        .expect("number");
    let compact: String = next.text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(compact, "—2—");
}

#[test]
fn rare_characters_come_from_a_font_that_has_them() {
    let fonts = fonts();
    for ch in ['𠮷', '䶮'] {
        for role in FontRole::ALL {
            let (face_id, gid) = fonts
                .resolve(role, ch)
                .unwrap_or_else(|| panic!("no font draws {ch}"));
            assert_ne!(gid, 0);
            let face = fonts.face(face_id).expect("face");
            assert_eq!(face.glyph(ch), Some(gid), "{ch} from {}", face.family);
        }
    }
    assert!(fonts.missing_chars("吉𠮷䶮堃喆赟").is_empty());
    // The 楷体 stand-in lacks 𠮷: a （一） heading with it still draws it, from another font.
    let kai = fonts.face(fonts.role_face(FontRole::Kai)).expect("kai");
    if kai.glyph('𠮷').is_none() {
        let (face_id, _) = fonts.resolve(FontRole::Kai, '𠮷').expect("fallback");
        assert_ne!(face_id, fonts.role_face(FontRole::Kai));
    }
}

#[test]
fn font_report_names_every_role() {
    let report = fonts().report();
    assert_eq!(report.roles.len(), 4);
    for role in &report.roles {
        assert!(role.path.exists(), "{:?}", role.path);
        assert!(!role.family.is_empty());
    }
}

/// The document info a clerk sees in the viewer's properties: the title of the letter, made by
/// 监督台账 of this version, created (and last modified) when it was printed, not in 1970.
#[test]
fn letter_info_says_when_and_by_what_it_was_made() {
    require_poppler();
    let before = chrono::Utc::now() - chrono::Duration::seconds(2);
    let bytes = render_letter(fonts(), &sample_letter()).expect("render");
    let after = chrono::Utc::now() + chrono::Duration::seconds(2);
    let (_dir, path) = write_temp(&bytes, "info.pdf");
    let out = std::process::Command::new("pdfinfo")
        .arg("-isodates")
        .arg(&path)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| -> String {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("no {name} in {info}"))
    };
    assert_eq!(field("Title"), sample_letter().title);
    assert_eq!(
        field("Producer"),
        format!("监督台账 {}", env!("CARGO_PKG_VERSION"))
    );
    for name in ["CreationDate", "ModDate"] {
        let value = field(name);
        let when = chrono::DateTime::parse_from_rfc3339(&value)
            .unwrap_or_else(|e| panic!("{name} {value}: {e}"));
        assert!(
            when >= before && when <= after,
            "{name} is {value}, the letter was made between {before} and {after}"
        );
    }
}

// ------------------------------------------------------------------ letters under stress
//
// Each check reads the printed PDF back (poppler's words and lines, and for the 破折号 the
// rendered pixels) for the 3,000-character stress letter and for every letter of the demo county.

const CELL_PT: f32 = 156.0 * MM / 28.0;
const BLOCK_LEFT_PT: f32 = 28.0 * MM;
const BLOCK_TOP_PT: f32 = 37.0 * MM;
const BLOCK_BOTTOM_PT: f32 = (37.0 + 225.0) * MM;
/// Half a character of 3号 text: no gap a justified line opens may be wider.
const HALF_CHAR_PT: f32 = 8.0;

/// The demo county's letters (signed, voided and drafts), printed one PDF each as the clerk
/// prints them, with their numbers (or titles for drafts).
fn demo_letter_pdfs() -> &'static [(String, Vec<u8>)] {
    static PDFS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PDFS.get_or_init(|| {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 20).expect("date");
        let ctx = Ctx::at("测试员", today);
        let mut db = Db::open_in_memory().expect("db");
        demo::load(&mut db, &ctx).expect("demo");
        let rows = letters::list_letters(&db, &ctx, &LetterFilter::default()).expect("list");
        assert!(rows.len() >= 20, "demo letters: {}", rows.len());
        rows.iter()
            .map(|r| {
                let bytes = letters::letters_pdf(&db, &ctx, fonts(), std::slice::from_ref(&r.id))
                    .expect("letter pdf");
                (r.number.clone().unwrap_or_else(|| r.title.clone()), bytes)
            })
            .collect()
    })
}

/// The stress letter and every demo letter, as (name, PDF bytes).
fn letters_to_check() -> Vec<(String, Vec<u8>)> {
    let stress = render_letter(fonts(), &stress_letter()).expect("render");
    maybe_save(&stress, "stress-letter.pdf");
    let mut all = vec![("3,000-character letter".to_string(), stress)];
    all.extend(demo_letter_pdfs().iter().cloned());
    all
}

/// Lines of running text (body, 主送, 附注): inside the text block, starting at its left edge or
/// two characters in. Number, title, signature and date start further right.
fn running_lines(lines: &[TextLine]) -> Vec<&TextLine> {
    lines
        .iter()
        .filter(|l| {
            l.y_min > BLOCK_TOP_PT - 1.0
                && l.y_max < BLOCK_BOTTOM_PT + 1.0
                && l.x_min < BLOCK_LEFT_PT + 2.0 * CELL_PT + 2.0
        })
        .collect()
}

/// Runs of `mark` in a line: (first char index, length, whether the run lies in one word).
fn mark_runs(line: &TextLine, mark: char) -> Vec<(usize, usize, bool)> {
    let mut chars: Vec<(char, usize)> = Vec::new();
    for (w, word) in line.words.iter().enumerate() {
        chars.extend(word.text.chars().map(|c| (c, w)));
    }
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].0 != mark {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].0 == mark {
            i += 1;
        }
        let one_word = chars[start..i].iter().all(|c| c.1 == chars[start].1);
        runs.push((start, i - start, one_word));
    }
    runs
}

/// Horizontal ink runs at least `min_pt` long in the band of `line`, on the page rendered at
/// `dpi`: the most found on any one pixel row.
fn long_strokes(page: &GrayPage, line: &TextLine, dpi: f32, min_pt: f32) -> usize {
    let px = |pt: f32| (pt * dpi / 72.0).round() as usize;
    let (x0, x1) = (px(line.x_min).saturating_sub(2), px(line.x_max) + 2);
    let min_len = px(min_pt);
    (px(line.y_min)..px(line.y_max).min(page.height))
        .map(|y| {
            let mut count = 0;
            let mut run = 0;
            for x in x0..=x1.min(page.width - 1) {
                if page.dark(x, y) {
                    run += 1;
                } else {
                    if run >= min_len {
                        count += 1;
                    }
                    run = 0;
                }
            }
            count + usize::from(run >= min_len)
        })
        .max()
        .unwrap_or(0)
}

/// 破折号 and 省略号 are one mark of two characters: both halves in one word (no gap opened
/// between them), never one half at the end of a line and the other on the next, and the
/// 破折号 printed as one unbroken stroke about two characters long.
#[test]
fn dashes_and_ellipses_print_whole() {
    require_poppler();
    let mut problems = Vec::new();
    let mut dashes_seen = 0;
    for (name, bytes) in letters_to_check() {
        let (dir, path) = write_temp(&bytes, "letter.pdf");
        let lines = word_lines(&path);
        let running = running_lines(&lines);
        for (k, line) in running.iter().enumerate() {
            for mark in ['—', '…'] {
                for (_, len, one_word) in mark_runs(line, mark) {
                    // A single — between numbers is a 连接号 (1—5月); two make a 破折号.
                    if mark == '—' && len == 1 {
                        continue;
                    }
                    if len != 2 || !one_word {
                        problems.push(format!(
                            "{name} p.{}: {mark} run of {len}{} in {}",
                            line.page,
                            if one_word { "" } else { " pulled apart" },
                            line.text
                        ));
                    }
                }
                if let Some(next) = running.get(k + 1) {
                    if line.text.ends_with(mark) && next.text.starts_with(mark) {
                        problems.push(format!(
                            "{name}: {mark}{mark} split over two lines: {} / {}",
                            line.text, next.text
                        ));
                    }
                }
            }
        }
        // The stroke itself, on the rendered page.
        let dpi = 200.0;
        let pages: std::collections::BTreeSet<usize> = running
            .iter()
            .filter(|l| l.text.contains("——"))
            .map(|l| l.page)
            .collect();
        for page_no in pages {
            let page = render_gray(&path, page_no, dpi, dir.path());
            for line in running.iter().filter(|l| l.page == page_no) {
                let expected = line.text.matches("——").count();
                if expected == 0 {
                    continue;
                }
                dashes_seen += expected;
                let found = long_strokes(&page, line, dpi, 1.8 * CELL_PT);
                if found < expected {
                    problems.push(format!(
                        "{name} p.{page_no}: {expected} 破折号 but {found} unbroken strokes of 2 characters in {}",
                        line.text
                    ));
                }
            }
        }
    }
    assert!(
        dashes_seen >= 10,
        "the stress letter prints its 破折号: {dashes_seen}"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A justified line never opens a gap wider than half a character between two characters:
/// full-width punctuation is squeezed first, and a long run of letters or digits is broken
/// rather than leave a line that loose.
#[test]
fn no_line_is_spread_wider_than_half_a_character() {
    require_poppler();
    let mut problems = Vec::new();
    for (name, bytes) in letters_to_check() {
        let (_dir, path) = write_temp(&bytes, "letter.pdf");
        let lines = word_lines(&path);
        let running = running_lines(&lines);
        let worst = running.iter().map(|l| l.widest_gap()).fold(0.0, f32::max);
        if name.starts_with("3,000") {
            let loose = running.iter().filter(|l| l.widest_gap() > 2.0).count();
            eprintln!(
                "{name}: {} running lines, widest gap {worst:.1} pt, {loose} lines with a gap over 2 pt",
                running.len()
            );
        }
        for line in running {
            let gap = line.widest_gap();
            if gap > HALF_CHAR_PT {
                problems.push(format!(
                    "{name} p.{}: gap of {gap:.1} pt in {}",
                    line.page, line.text
                ));
            }
            // A squeezed closing mark at the line's end keeps its ink in the half cell it
            // was given, but poppler boxes it with the glyph's full advance.
            let squeezed_end = line
                .text
                .chars()
                .last()
                .is_some_and(jiandu_core::pdf::linebreak::is_closing_punct);
            let allowance = if squeezed_end { CELL_PT / 2.0 } else { 0.0 };
            if line.x_max > BLOCK_LEFT_PT + 156.0 * MM + allowance + 1.0 {
                problems.push(format!(
                    "{name} p.{}: past the right margin: {}",
                    line.page, line.text
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} loose lines:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

const PITCH_PT: f32 = 225.0 * MM / 22.0;

fn is_date_line(text: &str) -> bool {
    // 2026年4月7日, or a draft's open date 2026年　月　日 (poppler drops the spaces).
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < text.len()
        && rest.starts_with('年')
        && rest.ends_with('日')
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || "年月日".contains(c))
}

/// The 附注 stands on the line after the date, on the same page; the signature and date stand
/// on a page that also carries body text.
#[test]
fn contact_stays_on_the_page_of_the_date() {
    require_poppler();
    let mut problems = Vec::new();
    let mut contacts = 0;
    let mut all = letters_to_check();
    all.push((
        "sample letter".into(),
        render_letter(fonts(), &sample_letter()).expect("render"),
    ));
    // The body's end swept over every line of the first and second pages, with and
    // without 抄送.
    for k in 0..30 {
        let mut letter = sample_letter();
        letter.paragraphs.push("请各单位认真对照检查，按时报送落实情况。".repeat(k));
        if k % 2 == 1 {
            letter.cc.clear();
        }
        let bytes = render_letter(fonts(), &letter).expect("render");
        all.push((format!("sample letter + {k} sentences"), bytes));
    }
    all.push((
        "long letter".into(),
        render_letter(fonts(), &long_letter()).expect("render"),
    ));
    for (name, bytes) in all {
        let (_dir, path) = write_temp(&bytes, "letter.pdf");
        let lines = word_lines(&path);
        let Some(date) = lines.iter().rev().find(|l| is_date_line(&l.text)) else {
            problems.push(format!("{name}: no date line"));
            continue;
        };
        if let Some(contact) = lines.iter().find(|l| l.text.starts_with("（联系人")) {
            contacts += 1;
            if contact.page != date.page {
                problems.push(format!(
                    "{name}: 附注 on page {}, date on page {}",
                    contact.page, date.page
                ));
            } else if ((contact.y_min - date.y_min) - PITCH_PT).abs() > 2.0 {
                problems.push(format!(
                    "{name}: 附注 {:.1} pt below the date, not on the next line",
                    contact.y_min - date.y_min
                ));
            }
        }
        if let Some(cc) = lines.iter().find(|l| l.text.starts_with("抄送")) {
            if cc.page != date.page {
                problems.push(format!(
                    "{name}: 抄送 on page {}, date on page {}",
                    cc.page, date.page
                ));
            }
        }
        let signature = lines
            .iter()
            .rfind(|l| l.page == date.page && l.y_max <= date.y_min + 1.0);
        let top = signature.map(|s| s.y_min).unwrap_or(date.y_min);
        let body_above = running_lines(&lines)
            .iter()
            .any(|l| l.page == date.page && l.y_max <= top + 1.0);
        if !body_above {
            problems.push(format!(
                "{name}: signature and date alone on page {}",
                date.page
            ));
        }
    }
    assert!(contacts >= 20, "letters with a 附注: {contacts}");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
