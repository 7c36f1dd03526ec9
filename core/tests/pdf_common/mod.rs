//! Shared fixtures for the PDF tests: sample letters and poppler-based page reading.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use jiandu_core::pdf::{FontConfig, FontSet, LetterDoc};

/// The installed fonts, loaded once per test binary.
pub fn fonts() -> &'static FontSet {
    static FONTS: std::sync::OnceLock<FontSet> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| FontSet::load(&FontConfig::default()).expect("fonts installed (make run installs them)"))
}

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

/// A letter of about 3,000 characters that stresses the line breaker the way real letters do:
/// 破折号 and 省略号, runs of closing and opening punctuation, a URL and an e-mail address longer
/// than a line, long numbers (an ID, project codes, amounts), standard numbers mixing Latin and
/// digits — every sentence in every paragraph at a different place on the line.
pub fn stress_letter() -> LetterDoc {
    const SENTENCES: [&str; 12] = [
        "根据《中国共产党纪律处分条例》（2023年修订）第三十条——对“一把手”的监督必须抓在日常、严在经常——请各单位对照检查。",
        "我委在日常监督中发现，部分单位存在“重部署、轻落实”“重形式、轻实效”等问题……有的甚至以会议落实会议、以文件落实文件。",
        "请登录县纪委监委网站https://www.yunxi.gov.cn/jiwei/xinxi/2026/05/20260520_tongzhi_0013.html下载填报模板，于2026年6月30日前报送。",
        "经核查，涉及资金共计12345678.90元，涉及项目编号YXJW2026000123456789、YXJW2026000123456790两项。",
        "联系电话：0576-85123456、0576-85123457，电子邮箱：yunxijiwei_jiandu_jianchashi@example.gov.cn。",
        "要坚持“三个区分开来”……把严管和厚爱结合起来，激励干部担当作为——既不放过问题，也不冤枉好人。",
        "对照GB/T9704-2012《党政机关公文格式》和GB/T15834-2011《标点符号用法》的要求，规范公文格式。",
        "身份证号码为330102198001011234的同志（系第1监督检查室联系对象）应于5个工作日内说明情况。",
        "全面从严治党永远在路上，党的自我革命永远在路上，不能有停一停、歇一歇的想法。",
        "抽查的凭证编号为ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789。",
        "“‘两个责任’落实得怎么样？”“（一）（二）项整改到位了吗？”——这是每次约谈都要回答的问题。",
        "2026年1—5月，全县共开展监督谈话123次，发现问题45个，已整改38个，整改率84.4%……",
    ];
    let mut letter = sample_letter();
    letter.title = "关于进一步规范公文中标点符号、数字和外文字母使用的提示函".into();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < 3000 {
        let mut p = match i % 5 {
            1 => format!(
                "{}、加强监督检查。",
                ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][(i / 5) % 10]
            ),
            3 => format!(
                "（{}）压实责任。",
                ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][(i / 5) % 10]
            ),
            _ => String::new(),
        };
        for k in 0..(3 + i % 3) {
            p.push_str(SENTENCES[(i * 5 + k * 7) % SENTENCES.len()]);
        }
        total += p.chars().count();
        paragraphs.push(p);
        i += 1;
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
    /// poppler's words, left to right. poppler ends a word where the next glyph starts more
    /// than 0.1 em after the advance of the last one, so a gap between two words is space added
    /// by justification (or a space character), and a mark cut in two shows as two words.
    pub words: Vec<Word>,
}

#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x_min: f32,
    pub x_max: f32,
}

impl TextLine {
    /// Widest gap between neighbouring words, in points (0 for a line of one word).
    pub fn widest_gap(&self) -> f32 {
        self.words
            .windows(2)
            .map(|w| w[1].x_min - w[0].x_max)
            .fold(0.0, f32::max)
    }
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
                words: Vec::new(),
            });
        } else if l.starts_with("<word") {
            if let Some(cur) = current.as_mut() {
                let start = l.find('>').map(|i| i + 1).unwrap_or(0);
                let end = l.rfind("</word>").unwrap_or(l.len());
                let text = unescape(&l[start..end]);
                cur.text.push_str(&text);
                cur.words.push(Word {
                    text,
                    x_min: attr(l, "xMin"),
                    x_max: attr(l, "xMax"),
                });
            }
        } else if l.starts_with("</line") {
            if let Some(cur) = current.take() {
                lines.push(cur);
            }
        }
    }
    lines
}

/// Lines rebuilt from poppler's words (`pdftotext -bbox`), words left to right: a word belongs
/// to the line whose vertical centre is within a third of a line pitch of its own. Unlike
/// `layout_lines`, a line whose words stand far apart stays one line (poppler's layout mode
/// would cut it into columns).
pub fn word_lines(pdf: &Path) -> Vec<TextLine> {
    let html = pdftotext(pdf, &["-bbox"]);
    let tolerance = 225.0 * MM / 22.0 / 3.0;
    let mut lines: Vec<TextLine> = Vec::new();
    let mut page = 0;
    for raw in html.lines() {
        let l = raw.trim();
        if l.starts_with("<page") {
            page += 1;
            continue;
        }
        if !l.starts_with("<word") {
            continue;
        }
        let start = l.find('>').map(|i| i + 1).unwrap_or(0);
        let end = l.rfind("</word>").unwrap_or(l.len());
        let word = Word {
            text: unescape(&l[start..end]),
            x_min: attr(l, "xMin"),
            x_max: attr(l, "xMax"),
        };
        let (y_min, y_max) = (attr(l, "yMin"), attr(l, "yMax"));
        let centre = (y_min + y_max) / 2.0;
        let found = lines
            .iter_mut()
            .find(|t| t.page == page && ((t.y_min + t.y_max) / 2.0 - centre).abs() < tolerance);
        match found {
            Some(line) => {
                line.x_min = line.x_min.min(word.x_min);
                line.x_max = line.x_max.max(word.x_max);
                line.y_min = line.y_min.min(y_min);
                line.y_max = line.y_max.max(y_max);
                line.words.push(word);
            }
            None => lines.push(TextLine {
                page,
                text: String::new(),
                x_min: word.x_min,
                y_min,
                x_max: word.x_max,
                y_max,
                words: vec![word],
            }),
        }
    }
    for line in &mut lines {
        line.words.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
        line.text = line.words.iter().map(|w| w.text.as_str()).collect();
    }
    lines.sort_by(|a, b| a.page.cmp(&b.page).then(a.y_min.total_cmp(&b.y_min)));
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

/// A page rendered by pdftoppm in 8-bit grey.
pub struct GrayPage {
    pub width: usize,
    pub height: usize,
    pixels: Vec<u8>,
}

impl GrayPage {
    pub fn dark(&self, x: usize, y: usize) -> bool {
        self.pixels
            .get(y * self.width + x)
            .is_some_and(|p| *p < 128)
    }
}

/// Page `page` (from 1) of `pdf` rendered at `dpi` in grey, through a PGM file in `dir`.
pub fn render_gray(pdf: &Path, page: usize, dpi: f32, dir: &Path) -> GrayPage {
    let prefix = dir.join(format!("page{page}"));
    let out = Command::new("pdftoppm")
        .args(["-gray", "-singlefile", "-r", &dpi.to_string()])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm runs");
    assert!(
        out.status.success(),
        "pdftoppm: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(prefix.with_extension("pgm")).expect("pgm written");
    // P5 header: magic, width, height, maxval, each followed by whitespace, then the pixels.
    let mut fields = Vec::new();
    let mut pos = 0;
    while fields.len() < 4 {
        while bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let start = pos;
        while !bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..pos]).into_owned());
    }
    assert_eq!(fields[0], "P5", "not a binary PGM");
    let width: usize = fields[1].parse().expect("width");
    let height: usize = fields[2].parse().expect("height");
    GrayPage {
        width,
        height,
        pixels: bytes[pos + 1..].to_vec(),
    }
}
