//! The printed letter, read back with poppler: text comes out, the grid holds (28 characters
//! a line, 22 lines a page, first line at the top of the block), 禁则 hold, page numbers sit
//! where GB/T 9704 puts them, rare characters are drawn from a font that has them.

mod pdf_common;

use std::sync::OnceLock;

use jiandu_core::pdf::linebreak::{is_line_end_forbidden, is_line_start_forbidden};
use jiandu_core::pdf::{render_letter, render_letters, FontConfig, FontRole, FontSet};
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
