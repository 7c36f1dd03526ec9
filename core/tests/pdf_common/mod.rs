//! Shared fixtures for the PDF tests: sample letters and poppler-based page reading.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use jiandu_core::pdf::LetterDoc;

pub fn sample_letter() -> LetterDoc {
    LetterDoc {
        organ_name: "中共宣城县纪律检查委员会".into(),
        number: "宣纪函〔2026〕3号".into(),
        title: "关于落实党风廉政建设“两个责任”的提醒函".into(),
        recipient: "中共城关镇委员会".into(),
        paragraphs: vec![
            "根据《党政“一把手”和领导班子监督办法》和县委关于全面从严治党的部署，结合2026年度党风廉政建设责任制考核情况，现就进一步落实主体责任和监督责任提醒如下。".into(),
            "一、提高政治站位，切实扛起主体责任".into(),
            "党委（党组）书记要认真履行第一责任人职责，对班子成员和下级“一把手”经常咬耳扯袖、红脸出汗，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调。".into(),
            "（一）加强学习教育。要把学习贯彻党章党规党纪作为经常性工作，组织开展警示教育，以案促改、以案促治。".into(),
            "二、聚焦关键少数，强化日常监督".into(),
            "请于2026年12月15日前将落实情况书面报县纪委监委第一监督检查室。联系人吉𠮷同志，所涉问题线索请一并报送。".into(),
        ],
        signature: "中共宣城县纪律检查委员会".into(),
        date: "2026年11月28日".into(),
        cc: vec!["县委办公室".into(), "县委组织部".into()],
        contact: Some("联系人：王䶮，电话：0563-1234567".into()),
    }
}

/// A letter long enough for three pages; its second paragraph is pure CJK without
/// punctuation so every full line must hold exactly 28 characters.
pub fn long_letter() -> LetterDoc {
    let mut letter = sample_letter();
    letter.title =
        "关于进一步落实党风廉政建设“两个责任”切实加强对“一把手”和领导班子监督的提醒函".into();
    let pure: String = "监督执纪问责要坚持严的主基调不动摇推动全面从严治党向纵深发展".repeat(12);
    let mut paragraphs = vec![letter.paragraphs[0].clone(), pure];
    for i in 0..8 {
        paragraphs.push(format!(
            "（{}）压实工作责任。各单位要对照问题清单逐项整改，明确责任人和完成时限，做到问题不查清不放过、整改不到位不放过、责任不落实不放过，确保各项要求落到实处、见到实效。",
            ["一", "二", "三", "四", "五", "六", "七", "八"][i]
        ));
    }
    letter.paragraphs = paragraphs;
    letter
}

/// The PDF tests read what was printed back with poppler; without it they would prove nothing,
/// so a missing poppler is a failure, not a skip (`make test` installs poppler-utils).
pub fn require_poppler() {
    for tool in ["pdftotext", "pdffonts", "pdfinfo", "pdftoppm"] {
        let found = Command::new(tool).arg("-v").output().is_ok();
        assert!(
            found,
            "{tool} not found: the PDF tests need poppler-utils (apt-get install poppler-utils; make test installs it)"
        );
    }
}

pub fn pdftotext(pdf: &Path, extra: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(extra)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A text line of a page as poppler sees it: text and box in points from the top.
#[derive(Debug, Clone)]
pub struct TextLine {
    pub page: usize,
    pub text: String,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
}

/// Lines of every page from `pdftotext -bbox-layout` (pages counted from 1).
pub fn layout_lines(pdf: &Path) -> Vec<TextLine> {
    let html = pdftotext(pdf, &["-bbox-layout"]);
    let mut lines = Vec::new();
    let mut page = 0;
    let mut current: Option<TextLine> = None;
    for raw in html.lines() {
        let l = raw.trim();
        if l.starts_with("<page") {
            page += 1;
        } else if l.starts_with("<line") {
            current = Some(TextLine {
                page,
                text: String::new(),
                x_min: attr(l, "xMin"),
                y_min: attr(l, "yMin"),
                x_max: attr(l, "xMax"),
                y_max: attr(l, "yMax"),
            });
        } else if l.starts_with("<word") {
            if let Some(cur) = current.as_mut() {
                let start = l.find('>').map(|i| i + 1).unwrap_or(0);
                let end = l.rfind("</word>").unwrap_or(l.len());
                cur.text.push_str(&unescape(&l[start..end]));
            }
        } else if l.starts_with("</line") {
            if let Some(cur) = current.take() {
                lines.push(cur);
            }
        }
    }
    lines
}

fn attr(tag: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    tag.find(&key)
        .and_then(|i| {
            let rest = &tag[i + key.len()..];
            rest.find('"').and_then(|j| rest[..j].parse().ok())
        })
        .unwrap_or(f32::NAN)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

pub fn write_temp(bytes: &[u8], name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write pdf");
    (dir, path)
}

pub const MM: f32 = 72.0 / 25.4;
