//! Working days (工作日): statutory holidays and 调休 working weekends. The years the State
//! Council has published are built in (assets/calendar/cn-holidays.json); the office adds or
//! corrects years in settings (stored in `calendar_year`), and an office year replaces the
//! built-in one of the same year. Counting across a year the calendar does not know still gives a
//! date (weekends only), marked as estimated.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::validate::{format_date, parse_date};

const BUILT_IN_JSON: &str = include_str!("../../../assets/calendar/cn-holidays.json");

/// One named holiday (e.g. 国庆节) and every day off it covers, weekends inside it included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Holiday {
    pub name: String,
    pub dates: Vec<String>,
}

/// A year's arrangement as the State Council publishes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CalendarYear {
    pub year: i32,
    /// The notice it comes from, e.g. 国办发明电〔2024〕12号.
    pub source: String,
    pub holidays: Vec<Holiday>,
    /// 调休 working weekends (上班).
    pub workdays: Vec<String>,
}

/// A year as the settings page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CalendarYearView {
    pub year: CalendarYear,
    /// Shipped with the program.
    pub built_in: bool,
    /// Entered or corrected by the office (replaces the built-in year when both exist).
    pub edited: bool,
    pub updated_at: Option<String>,
    pub updated_by: Option<String>,
}

/// A deadline counted in 工作日, as the item form previews it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DuePreview {
    pub date: String,
    pub estimated: bool,
}

/// A date reached by counting working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkdayDate {
    pub date: NaiveDate,
    /// True when the count crossed a year whose holidays the calendar does not know.
    pub estimated: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Calendar {
    years: BTreeMap<i32, CalendarYear>,
    days_off: HashSet<NaiveDate>,
    extra_workdays: HashSet<NaiveDate>,
}

#[derive(Deserialize)]
struct FileYear {
    #[serde(default)]
    source: String,
    holidays: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    workdays: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    years: BTreeMap<String, FileYear>,
}

/// Parses the built-in JSON. The file is ours, but it is still checked: a broken copy is an error
/// the tests catch, never a panic.
pub fn parse_file(json: &str) -> Result<Vec<CalendarYear>> {
    let file: File = serde_json::from_str(json).map_err(|e| Error::Io(format!("节假日数据格式错误：{e}")))?;
    let mut out = Vec::new();
    for (year, y) in file.years {
        let year: i32 = year.parse().map_err(|_| Error::Io(format!("节假日数据中的年份“{year}”无效")))?;
        let cy = CalendarYear {
            year,
            source: y.source,
            holidays: y.holidays.into_iter().map(|(name, dates)| Holiday { name, dates }).collect(),
            workdays: y.workdays,
        };
        out.push(validate_year(&cy)?);
    }
    Ok(out)
}

/// The years shipped with the program.
pub fn built_in_years() -> Result<&'static [CalendarYear]> {
    static BUILT_IN: OnceLock<std::result::Result<Vec<CalendarYear>, String>> = OnceLock::new();
    match BUILT_IN.get_or_init(|| parse_file(BUILT_IN_JSON).map_err(|e| e.to_string())) {
        Ok(v) => Ok(v.as_slice()),
        Err(e) => Err(Error::Io(e.clone())),
    }
}

/// A holiday is named in a few characters (春节, 中秋节、国庆节); the settings form allows as many.
pub const HOLIDAY_NAME_MAX_CHARS: usize = 20;

/// Checks a year as typed by the office and returns it cleaned: names trimmed, dates sorted and
/// unique. Dates may reach into the neighbouring years (元旦 often starts on 12-30 of the year
/// before).
pub fn validate_year(input: &CalendarYear) -> Result<CalendarYear> {
    let year = input.year;
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("year", format!("年份“{year}”无效，应在2000至2100之间")));
    }
    let lo = NaiveDate::from_ymd_opt(year - 1, 12, 1);
    let hi = NaiveDate::from_ymd_opt(year + 1, 1, 31);
    let in_range = |d: NaiveDate| lo.is_some_and(|lo| d >= lo) && hi.is_some_and(|hi| d <= hi);
    let parse = |field: &str, label: &str, raw: &str| -> Result<NaiveDate> {
        let raw = crate::model::validate::line(field, label, raw)?;
        let d = parse_date(&raw).ok_or_else(|| Error::invalid(field, format!("{label}“{raw}”不是有效日期，应如 {year}-10-01")))?;
        if !in_range(d) {
            return Err(Error::invalid(field, format!("{label}“{raw}”不属于{year}年的节假日安排")));
        }
        Ok(d)
    };
    let source = crate::model::validate::line("source", "依据文件", &input.source)?;
    let mut off: BTreeMap<NaiveDate, String> = BTreeMap::new();
    let mut holidays = Vec::new();
    for (i, h) in input.holidays.iter().enumerate() {
        let name = crate::model::validate::required("holidays", &crate::model::validate::entry("节日名称", i), &h.name)?;
        if name.chars().count() > HOLIDAY_NAME_MAX_CHARS {
            return Err(Error::invalid("holidays", format!("节日名称“{name}”过长（不超过{HOLIDAY_NAME_MAX_CHARS}个字）")));
        }
        let mut dates = Vec::new();
        for raw in &h.dates {
            let d = parse("holidays", &format!("{name}放假日期"), raw)?;
            if let Some(other) = off.insert(d, name.clone()) {
                return Err(Error::invalid("holidays", format!("放假日期 {} 在“{other}”和“{name}”中重复", format_date(d))));
            }
            dates.push(d);
        }
        if dates.is_empty() {
            return Err(Error::invalid("holidays", format!("“{name}”没有填写放假日期")));
        }
        dates.sort();
        holidays.push(Holiday { name, dates: dates.into_iter().map(format_date).collect() });
    }
    let mut workdays = Vec::new();
    for raw in &input.workdays {
        let d = parse("workdays", "调休上班日期", raw)?;
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            return Err(Error::invalid("workdays", format!("调休上班日期 {} 不是周末，本来就是工作日", format_date(d))));
        }
        if let Some(name) = off.get(&d) {
            return Err(Error::invalid("workdays", format!("{} 已列为“{name}”放假日期，不能同时是调休上班日", format_date(d))));
        }
        if workdays.contains(&d) {
            return Err(Error::invalid("workdays", format!("调休上班日期 {} 重复", format_date(d))));
        }
        workdays.push(d);
    }
    workdays.sort();
    holidays.sort_by(|a, b| a.dates.first().cmp(&b.dates.first()));
    Ok(CalendarYear { year, source, holidays, workdays: workdays.into_iter().map(format_date).collect() })
}

impl Calendar {
    /// The built-in years, then `office` years replacing or adding to them.
    pub fn new(built_in: &[CalendarYear], office: impl IntoIterator<Item = CalendarYear>) -> Calendar {
        let mut years: BTreeMap<i32, CalendarYear> = built_in.iter().map(|y| (y.year, y.clone())).collect();
        for y in office {
            years.insert(y.year, y);
        }
        let mut cal = Calendar { years, ..Calendar::default() };
        for y in cal.years.values() {
            for d in y.holidays.iter().flat_map(|h| h.dates.iter()).filter_map(|d| parse_date(d)) {
                cal.days_off.insert(d);
            }
            for d in y.workdays.iter().filter_map(|d| parse_date(d)) {
                cal.extra_workdays.insert(d);
            }
        }
        cal
    }

    /// Only the built-in years (what a database without office years uses).
    pub fn built_in() -> Result<Calendar> {
        Ok(Calendar::new(built_in_years()?, []))
    }

    pub fn knows_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    pub fn years(&self) -> impl Iterator<Item = &CalendarYear> {
        self.years.values()
    }

    pub fn is_workday(&self, d: NaiveDate) -> bool {
        if self.extra_workdays.contains(&d) {
            return true;
        }
        if self.days_off.contains(&d) {
            return false;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The `n`th working day after `start` (start itself never counts: "10 个工作日内" from a
    /// talk on Friday begins on the next working day). `n = 0` gives `start`.
    pub fn add_workdays(&self, start: NaiveDate, n: u32) -> WorkdayDate {
        let mut estimated = !self.knows_year(start.year()) && n == 0;
        let mut d = start;
        let mut left = n;
        while left > 0 {
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
            if !self.knows_year(d.year()) {
                estimated = true;
            }
            if self.is_workday(d) {
                left -= 1;
            }
        }
        WorkdayDate { date: d, estimated }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).expect("test date")
    }

    #[test]
    fn built_in_years_parse() {
        let cal = Calendar::built_in().expect("built-in calendar");
        assert!(cal.knows_year(2024) && cal.knows_year(2025) && cal.knows_year(2026));
        assert!(!cal.knows_year(2027));
        assert!(!cal.is_workday(d("2024-10-01")));
        assert!(cal.is_workday(d("2024-09-29")), "调休 Sunday");
    }

    #[test]
    fn workdays_must_be_weekends_and_not_holidays() {
        let y = CalendarYear { year: 2027, source: String::new(), holidays: vec![], workdays: vec!["2027-01-04".into()] };
        let e = validate_year(&y).expect_err("refused");
        assert!(e.to_string().contains("不是周末"), "{e}");
        let y = CalendarYear {
            year: 2027,
            source: String::new(),
            holidays: vec![Holiday { name: "元旦".into(), dates: vec!["2027-01-02".into()] }],
            workdays: vec!["2027-01-02".into()],
        };
        assert!(validate_year(&y).expect_err("refused").to_string().contains("不能同时"));
        let y = CalendarYear { year: 2027, source: String::new(), holidays: vec![Holiday { name: "x".into(), dates: vec!["2027-02-30".into()] }], workdays: vec![] };
        assert!(validate_year(&y).expect_err("refused").to_string().contains("不是有效日期"));
    }
}
