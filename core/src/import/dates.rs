//! Dates as rosters write them: Excel date cells and serial numbers, 1975-03-05, 1975/3/5,
//! 1975.3.5, 1975年3月5日, 19750305, and month-only 1975.03, 1975.3, 1975年3月, 1975-03, 197503.

use chrono::{Datelike, NaiveDate};

use super::read::Cell;

/// A date read from a cell; `month_only` when the cell gave a year and month but no day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlexDate {
    pub date: NaiveDate,
    pub month_only: bool,
}

fn ymd(y: i64, m: i64, d: i64) -> Option<NaiveDate> {
    if !(1900..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, u32::try_from(m).ok()?, u32::try_from(d).ok()?)
}

fn month(y: i64, m: i64) -> Option<FlexDate> {
    ymd(y, m, 1).map(|date| FlexDate { date, month_only: true })
}

fn full(y: i64, m: i64, d: i64) -> Option<FlexDate> {
    ymd(y, m, d).map(|date| FlexDate { date, month_only: false })
}

/// Excel's day count from 1899-12-30 (which absorbs Excel's phantom 1900-02-29 for real dates).
fn serial(n: i64) -> Option<FlexDate> {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let d = epoch.checked_add_signed(chrono::Duration::days(n))?;
    (1900..=2200).contains(&d.year()).then_some(FlexDate { date: d, month_only: false })
}

/// Digits only: 8 = YYYYMMDD, 6 = YYYYMM, 5 = an Excel serial number.
fn digits(s: &str) -> Option<FlexDate> {
    let n: i64 = s.parse().ok()?;
    match s.len() {
        8 => full(n / 10000, n / 100 % 100, n % 100),
        6 => month(n / 100, n % 100),
        5 => serial(n),
        _ => None,
    }
}

/// The date a cell holds, None when it is not one (a blank cell is handled by the caller).
pub fn parse(cell: &Cell) -> Option<FlexDate> {
    match cell {
        Cell::Empty => None,
        Cell::Date(d) => Some(FlexDate { date: *d, month_only: false }),
        Cell::Number(n) => number(*n),
        Cell::Text(s) => text(s),
    }
}

/// A number cell: whole numbers are YYYYMMDD, YYYYMM or an Excel serial; 1975.03 is year.month.
/// Excel drops a trailing zero, so the number 1975.1 was typed 1975.10 (October): a one-decimal
/// month 1–9 is read only where the two-decimal reading is no month (1975.3 → March).
fn number(n: f64) -> Option<FlexDate> {
    if !n.is_finite() || n <= 0.0 {
        return None;
    }
    if n.fract() == 0.0 {
        return digits(&format!("{}", n as i64));
    }
    let y = n.trunc() as i64;
    let m2 = ((n - n.trunc()) * 100.0).round() as i64;
    if (1..=12).contains(&m2) {
        return month(y, m2);
    }
    if m2 % 10 == 0 {
        return month(y, m2 / 10);
    }
    None
}

fn text(raw: &str) -> Option<FlexDate> {
    let s = raw.trim();
    // "1975-03-05 00:00:00" and "1975-03-05T00:00:00" from other programs' exports.
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    if s.chars().all(|c| c.is_ascii_digit()) {
        return digits(s);
    }
    let s = s.trim_end_matches(['日', '号']);
    let norm: String = s.chars().map(|c| if matches!(c, '年' | '月' | '/' | '.' | '-' | '．' | '－') { '-' } else { c }).collect();
    let norm = norm.trim_end_matches('-');
    let parts: Vec<&str> = norm.split('-').collect();
    if parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let nums: Vec<i64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    match nums.as_slice() {
        [y, m] if parts[0].len() == 4 => month(*y, *m),
        [y, m, d] if parts[0].len() == 4 => full(*y, *m, *d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Option<(String, bool)> {
        text(s).map(|f| (f.date.format("%Y-%m-%d").to_string(), f.month_only))
    }

    #[test]
    fn the_written_forms_are_understood() {
        assert_eq!(t("1975-03-05"), Some(("1975-03-05".into(), false)));
        assert_eq!(t("1975/3/5"), Some(("1975-03-05".into(), false)));
        assert_eq!(t("1975.3.5"), Some(("1975-03-05".into(), false)));
        assert_eq!(t("1975年3月5日"), Some(("1975-03-05".into(), false)));
        assert_eq!(t("19750305"), Some(("1975-03-05".into(), false)));
        assert_eq!(t("1975.03"), Some(("1975-03-01".into(), true)));
        assert_eq!(t("1975.3"), Some(("1975-03-01".into(), true)));
        assert_eq!(t("1975年3月"), Some(("1975-03-01".into(), true)));
        assert_eq!(t("197503"), Some(("1975-03-01".into(), true)));
        assert_eq!(t("1975-03-05 00:00:00"), Some(("1975-03-05".into(), false)));
        assert_eq!(t("27458"), Some(("1975-03-05".into(), false)));
        assert_eq!(t("1975.13"), None);
        assert_eq!(t("1975-02-30"), None);
        assert_eq!(t("75.3"), None);
        assert_eq!(t("不详"), None);
    }

    #[test]
    fn numbers_are_serials_or_year_dot_month() {
        let n = |x: f64| number(x).map(|f| (f.date.format("%Y-%m").to_string(), f.month_only));
        assert_eq!(n(27458.0), Some(("1975-03".into(), false)));
        assert_eq!(n(1975.03), Some(("1975-03".into(), true)));
        assert_eq!(n(1975.3), Some(("1975-03".into(), true)));
        assert_eq!(n(1975.1), Some(("1975-10".into(), true)));
        assert_eq!(n(1975.12), Some(("1975-12".into(), true)));
        assert_eq!(n(197503.0), Some(("1975-03".into(), true)));
        assert_eq!(n(1975.13), None);
    }
}
