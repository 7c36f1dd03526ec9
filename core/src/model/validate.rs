//! Field rules shared by every form. Each check returns an `Error::Invalid` whose message starts
//! with the field's Chinese label, so the clerk knows which box to fix.

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// Longest text a one-line field accepts; longer input is almost always a paste gone wrong.
pub const MAX_LINE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Trims and requires a non-empty one-line value.
pub fn required(field: &str, label: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, format!("{label}不能为空")));
    }
    line(field, label, v)
}

/// Trims an optional one-line value and checks its characters and length.
pub fn line(field: &str, label: &str, value: &str) -> Result<String> {
    let v = value.trim();
    refuse_control(field, label, v, &[])?;
    if v.chars().count() > MAX_LINE_CHARS {
        return Err(Error::invalid(field, format!("{label}不能超过{MAX_LINE_CHARS}个字")));
    }
    Ok(v.to_string())
}

/// Trims multi-line text, makes every line end "\n" and checks its characters and length.
pub fn text(field: &str, label: &str, value: &str) -> Result<String> {
    // Windows pastes CRLF and old Mac text lone CR; Word may carry U+2028/U+2029. Printing and
    // export know only "\n", so one form is stored.
    let v = value.replace("\r\n", "\n").replace(['\r', '\u{2028}', '\u{2029}'], "\n");
    let v = v.trim();
    refuse_control(field, label, v, &['\n', '\t'])?;
    if v.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::invalid(field, format!("{label}不能超过{MAX_TEXT_CHARS}个字")));
    }
    Ok(v.to_string())
}

/// The label of one entry of a list field, e.g. 抄送第2条, so the clerk finds the line to fix.
pub fn entry(label: &str, index: usize) -> String {
    format!("{label}第{}条", index + 1)
}

/// Control characters (Unicode Cc) are never typed: they come with pastes from other programs or
/// with files, are invisible on screen, and break the printed letter, exports and search. The
/// line and paragraph separators are no control characters but end a line all the same.
fn refuse_control(field: &str, label: &str, value: &str, allowed: &[char]) -> Result<()> {
    for c in value.chars().filter(|c| !allowed.contains(c)) {
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            return Err(Error::invalid(field, format!("{label}不能换行")));
        }
        if c.is_control() {
            return Err(Error::invalid(field, format!("{label}不能包含控制字符（U+{:04X}）", u32::from(c))));
        }
    }
    Ok(())
}

/// Parses an optional `YYYY-MM-DD`; empty means none. Rejects dates that do not exist.
pub fn date(field: &str, label: &str, value: &Option<String>) -> Result<Option<NaiveDate>> {
    let Some(raw) = value.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    line(field, label, raw)?;
    parse_date(raw)
        .map(Some)
        .ok_or_else(|| Error::invalid(field, format!("{label}“{raw}”不是有效日期，应为真实存在的日期，如 2024-03-05")))
}

pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?;
    // chrono accepts years like 0024 or 20240; neither is a date a clerk means.
    (1900..=2200).contains(&chrono::Datelike::year(&d)).then_some(d)
}

pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `later` must not be before `earlier`, e.g. a position's end and start.
pub fn not_before(
    field: &str,
    later_label: &str,
    later: Option<NaiveDate>,
    earlier_label: &str,
    earlier: Option<NaiveDate>,
) -> Result<()> {
    if let (Some(l), Some(e)) = (later, earlier) {
        if l < e {
            return Err(Error::invalid(
                field,
                format!("{later_label}（{}）不能早于{earlier_label}（{}）", format_date(l), format_date(e)),
            ));
        }
    }
    Ok(())
}

/// An 18-character 居民身份证号: 17 digits, then a digit or X satisfying ISO 7064 MOD 11-2,
/// with a real birth date inside. Returns it upper-cased (a lower-case x is common in Excel).
pub fn id_number(field: &str, value: &str) -> Result<(String, NaiveDate)> {
    let v = line(field, "身份证号", value)?.to_uppercase();
    let chars: Vec<char> = v.chars().collect();
    if chars.len() != 18 {
        return Err(Error::invalid(field, format!("身份证号应为18位，现为{}位", chars.len())));
    }
    if !chars[..17].iter().all(char::is_ascii_digit) || !(chars[17].is_ascii_digit() || chars[17] == 'X') {
        return Err(Error::invalid(field, "身份证号前17位应为数字，最后一位为数字或X"));
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = chars[..17].iter().zip(WEIGHTS).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    let expected = CHECK[(sum % 11) as usize];
    if chars[17] != expected {
        return Err(Error::invalid(field, "身份证号校验位不正确，请核对号码"));
    }
    let birth: String = chars[6..14].iter().collect();
    let date = NaiveDate::parse_from_str(&birth, "%Y%m%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| Error::invalid(field, format!("身份证号中的出生日期“{birth}”不是有效日期")))?;
    Ok((v, date))
}

/// A mobile number (11 digits starting 13–19) or a landline with area code, e.g. 0571-87654321.
pub fn phone(field: &str, label: &str, value: &str) -> Result<String> {
    let value = &line(field, label, value)?;
    let v: String = value.chars().filter(|c| *c != ' ').collect();
    if v.is_empty() {
        return Ok(v);
    }
    let digits_only = v.chars().all(|c| c.is_ascii_digit());
    let mobile = digits_only && v.len() == 11 && v.starts_with('1') && matches!(v.as_bytes()[1], b'3'..=b'9');
    let landline = {
        let mut parts = v.split('-');
        let first = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        match rest.as_slice() {
            // 057187654321 or 87654321
            [] => all_digits(first) && ((first.starts_with('0') && (10..=12).contains(&first.len())) || (7..=8).contains(&first.len())),
            // 0571-87654321
            [local] => all_digits(first) && first.starts_with('0') && (3..=4).contains(&first.len()) && all_digits(local) && (7..=8).contains(&local.len()),
            // 0571-87654321-8001 (extension)
            [local, ext] => {
                all_digits(first) && first.starts_with('0') && (3..=4).contains(&first.len()) && all_digits(local) && (7..=8).contains(&local.len()) && all_digits(ext) && ext.len() <= 5
            }
            _ => false,
        }
    };
    if mobile || (!digits_only || !v.starts_with('1')) && landline {
        Ok(v)
    } else {
        Err(Error::invalid(field, format!("{label}“{}”格式不正确，应为11位手机号或带区号的固定电话（如 0571-87654321）", value.trim())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(r: Result<impl std::fmt::Debug>) -> String {
        match r {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn id_number_check_digit() {
        // GB 11643 example number.
        let (n, d) = id_number("id", "11010519491231002x").expect("valid");
        assert_eq!(n, "11010519491231002X");
        assert_eq!(format_date(d), "1949-12-31");
        let e = id_number("id", "110105194912310021").unwrap_err();
        assert!(e.to_string().contains("校验位"), "{e}");
        assert!(id_number("id", "1101051949123100").unwrap_err().to_string().contains("18位"));
        // Check digit right but 2月30日 does not exist.
        let mut bad = String::from("11010520240230001");
        let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let s: u32 = bad.chars().zip(w).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
        bad.push(['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(s % 11) as usize]);
        assert!(id_number("id", &bad).unwrap_err().to_string().contains("出生日期"));
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(field_of(date("birth_date", "出生日期", &Some("2024-02-30".into()))), "birth_date");
        assert!(date("d", "日期", &Some("2024-02-29".into())).unwrap().is_some());
        assert!(date("d", "日期", &Some(" ".into())).unwrap().is_none());
        assert!(date("d", "日期", &Some("0024-01-01".into())).is_err());
        let e = not_before("end_date", "结束日期", parse_date("2020-01-01"), "开始日期", parse_date("2021-01-01"));
        assert!(e.unwrap_err().to_string().contains("结束日期（2020-01-01）不能早于开始日期"));
    }

    #[test]
    fn phones() {
        assert_eq!(phone("p", "电话", "138 0013 8000").unwrap(), "13800138000");
        assert!(phone("p", "电话", "0571-87654321").is_ok());
        assert!(phone("p", "电话", "0571-87654321-801").is_ok());
        assert!(phone("p", "电话", "87654321").is_ok());
        assert!(phone("p", "电话", "").is_ok());
        assert!(phone("p", "电话", "12345").unwrap_err().to_string().starts_with("电话"));
        assert!(phone("p", "电话", "1280013800").is_err());
        assert!(phone("p", "电话", "12800138000").is_err());
        assert!(phone("p", "电话", "abc").is_err());
    }

    #[test]
    fn required_names_the_field() {
        let e = required("name", "姓名", "  ").unwrap_err();
        assert_eq!(e.to_string(), "姓名不能为空");
        assert_eq!(required("name", "姓名", " 𠮷 ").unwrap(), "𠮷");
        assert!(line("x", "职务", "a\nb").is_err());
    }

    #[test]
    fn control_characters_are_refused_by_name() {
        fn msg<T: std::fmt::Debug>(r: Result<T>) -> String {
            r.unwrap_err().to_string()
        }
        assert_eq!(msg(line("name", "姓名", "张\u{0}三")), "姓名不能包含控制字符（U+0000）");
        assert_eq!(msg(line("name", "姓名", "张\u{85}三")), "姓名不能包含控制字符（U+0085）");
        assert_eq!(msg(line("name", "姓名", "张\t三")), "姓名不能包含控制字符（U+0009）");
        assert_eq!(msg(line("name", "姓名", "张\u{2028}三")), "姓名不能换行");
        assert_eq!(msg(text("notes", "备注", "甲\u{1b}乙")), "备注不能包含控制字符（U+001B）");
        assert_eq!(text("notes", "备注", "甲\r\n\t乙\r丙\u{2029}丁").unwrap(), "甲\n\t乙\n丙\n丁");
        // A CRLF counts as the one line end it is stored as.
        let at_limit = format!("{}\r\n", "字".repeat(MAX_TEXT_CHARS - 2)) + "字";
        assert_eq!(text("notes", "备注", &at_limit).unwrap().chars().count(), MAX_TEXT_CHARS);
        assert_eq!(entry("抄送", 1), "抄送第2条");
        assert!(msg(phone("phone", "联系电话", "138\u{0}00138000")).starts_with("联系电话不能包含控制字符"));
        assert!(msg(id_number("id_number", "11010519491231002\u{7f}")).starts_with("身份证号不能包含控制字符"));
        assert!(msg(date("d", "出生日期", &Some("2024-\u{0}1-01".into()))).starts_with("出生日期不能包含控制字符"));
    }
}
