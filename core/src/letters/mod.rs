//! Letter text without the database: 文号 format, dates as printed, the {字段} placeholders of
//! templates and how they are filled, paragraphs of a body, and file names for exported letters.

use chrono::{Datelike, NaiveDate};

/// The placeholders a template may use, with what fills them.
pub const FIELDS: [(&str, &str); 12] = [
    ("收件人", "收件人姓名（未选人员时为单位名称）"),
    ("单位", "收件单位名称"),
    ("职务", "收件人在该单位的职务"),
    ("问题", "该单位未销号的整改事项，或最近一次谈话指出的问题，写成“一是……；二是……。”"),
    ("回复期限", "如“收到本函之日起15个工作日内”或“2026年3月20日前”"),
    ("联系人", "本机关设置中的联系人"),
    ("联系电话", "本机关设置中的联系电话"),
    ("机关", "本机关全称（第一个）"),
    ("年份", "今年，如 2026"),
    ("日期", "今天，如 2026年3月5日"),
    ("节日", "日历中今天以后最近的法定节假日，如 国庆节"),
    ("原函文号", "催办函所催办的原函文号"),
];

/// 机关代字〔year〕N号: full year in 〔〕, no 第, no leading zeros.
pub fn format_number(code: &str, year: i32, seq: i64) -> String {
    format!("{code}〔{year}〕{seq}号")
}

/// 2026年3月5日: Arabic numerals, no leading zeros, as GB/T 9704 prints dates.
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The paragraphs of a body: one a line, blank lines and surrounding spaces dropped.
pub fn paragraphs(body: &str) -> Vec<String> {
    body.lines().map(|l| l.trim().trim_start_matches(['\u{3000}', ' ']).to_string()).filter(|l| !l.is_empty()).collect()
}

/// Placeholders left in `text`: `{名称}` with a short name of no spaces or braces, in order, once each.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                let ok = !name.is_empty() && name.chars().count() <= 12 && !name.chars().any(|c| c.is_whitespace() || c == '{');
                if ok && !out.iter().any(|n| n == name) {
                    out.push(name.to_string());
                }
                rest = if ok { &after[end + 1..] } else { after };
            }
            None => break,
        }
    }
    out
}

/// Replaces `{name}` by its value for every field that has a non-empty value; the others stay
/// visible so the clerk sees what is still to be written.
pub fn fill(text: &str, values: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        if !value.trim().is_empty() {
            out = out.replace(&format!("{{{name}}}"), value.trim());
        }
    }
    out
}

/// Problems as one sentence: "一是……；二是……。"
pub fn problems_text(problems: &[String]) -> String {
    const NUM: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let parts: Vec<String> = problems
        .iter()
        .map(|p| p.trim().trim_end_matches(['。', '；', ';', '，', ',']).to_string())
        .filter(|p| !p.is_empty())
        .take(NUM.len())
        .enumerate()
        .map(|(i, p)| format!("{}是{}", NUM[i], p))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}。", parts.join("；"))
    }
}

/// A file name from a 文号 (or title): characters Windows refuses replaced, at most 80 characters.
pub fn file_name(stem: &str, ext: &str) -> String {
    let clean: String = stem
        .trim()
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { '_' } else { c })
        .take(80)
        .collect();
    let clean = clean.trim_matches(['.', ' ']).to_string();
    format!("{}.{ext}", if clean.is_empty() { "函件".to_string() } else { clean })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_print_as_the_standard_says() {
        assert_eq!(format_number("宣纪函", 2026, 3), "宣纪函〔2026〕3号");
        assert_eq!(chinese_date(NaiveDate::from_ymd_opt(2026, 3, 5).expect("date")), "2026年3月5日");
    }

    #[test]
    fn placeholders_are_found_and_unknown_ones_stay() {
        let text = "请{收件人}同志于{回复期限}前回复{未知}。{收件人}";
        assert_eq!(placeholders(text), vec!["收件人", "回复期限", "未知"]);
        let filled = fill(text, &[("收件人".into(), "张三".into()), ("回复期限".into(), "".into())]);
        assert_eq!(filled, "请张三同志于{回复期限}前回复{未知}。张三");
        assert!(placeholders("a {b c} d { }").is_empty());
    }

    #[test]
    fn problems_read_as_one_sentence() {
        let p = problems_text(&["学习不够。".into(), " 决策不规范；".into(), "".into()]);
        assert_eq!(p, "一是学习不够；二是决策不规范。");
        assert_eq!(problems_text(&[]), "");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("宣纪函〔2026〕3号", "pdf"), "宣纪函〔2026〕3号.pdf");
        assert_eq!(file_name("a/b:c", "pdf"), "a_b_c.pdf");
        assert_eq!(file_name(" ", "pdf"), "函件.pdf");
    }
}
