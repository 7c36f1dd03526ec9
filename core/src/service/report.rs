//! The supervision report: [`build`] computes every figure of a period and a group of units from
//! the records; [`tables`] lays them out as the titled tables the PDF and the workbook both print,
//! so the two agree by construction. The 报告 page and the dashboards call `build` too.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::export::xlsx::{Cell, Sheet};
use crate::model::dicts::Dict;
use crate::model::letters::LetterKind;
use crate::model::report::*;
use crate::model::risks::RiskLevel;
use crate::model::sanctions::SanctionForm;
use crate::model::talks::TalkKind;
use crate::model::validate::format_date;
use crate::model::clues::ClueDisposal;
use crate::store::report::{self as st, Scope};
use crate::store::talks::percent;
use crate::store::Db;

/// A report may span at most this many years (the monthly table has a row per month).
pub const MAX_YEARS: i32 = 20;

/// Checks the scope: a period that resolves (`ReportPeriod::resolve`), a span the tables can hold,
/// known units.
pub fn check_scope(conn: &Connection, scope: &ReportScope) -> Result<(ResolvedPeriod, Option<Vec<String>>)> {
    let p = scope.period.resolve()?;
    if p.to.year() - p.from.year() >= MAX_YEARS {
        return Err(Error::invalid("to", format!("报告期间不能超过 {MAX_YEARS} 年")));
    }
    let units = scope.unit_ids.clone().filter(|u| !u.is_empty());
    if let Some(ids) = &units {
        let unknown = st::unknown_units(conn, ids)?;
        if !unknown.is_empty() {
            return Err(Error::invalid("unit_ids", format!("所选单位不存在（编号 {}），请重新选择", unknown.join("、"))));
        }
    }
    Ok((p, units))
}

fn cn_date(d: NaiveDate) -> String {
    crate::letters::chinese_date(d)
}

fn counts_in_order(labels: &[&str], get: impl Fn(&str) -> i64) -> Vec<LabelCount> {
    labels.iter().map(|l| LabelCount { label: l.to_string(), count: get(l) }).collect()
}

/// Every figure of the report, as of `ctx`'s today.
pub fn build(conn: &Connection, ctx: &Ctx, scope: ReportScope) -> Result<Report> {
    let (period, units) = check_scope(conn, &scope)?;
    let (from, to) = (period.from, period.to);
    let today = ctx.today();
    let as_of = to.min(today);
    let s = Scope::new(format_date(from), format_date(to), format_date(as_of), units.as_deref());
    let unit_rows = st::units(conn, &s)?;
    let units_label = match &units {
        None => "全部单位".to_string(),
        Some(_) => unit_rows.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join("、"),
    };

    // -- talks
    let talk_kinds: Vec<String> = TalkKind::ALL.iter().map(|k| k.label().to_string()).collect();
    let by_month = st::talks_by_month_kind(conn, &s)?;
    let mut talks_by_month = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    while month <= to {
        let key = month.format("%Y-%m").to_string();
        let counts: Vec<i64> = talk_kinds
            .iter()
            .map(|k| by_month.iter().filter(|(m, kind, _)| *m == key && kind == k).map(|r| r.2).sum())
            .collect();
        let total = counts.iter().sum();
        let next = month.checked_add_months(Months::new(1)).unwrap_or(to.succ_opt().unwrap_or(to));
        let last = next.pred_opt().unwrap_or(next).min(to);
        talks_by_month.push(MonthTalks { month: key, from: format_date(month.max(from)), to: format_date(last), counts, total });
        month = next;
    }
    let talks_by_kind: Vec<LabelCount> = talk_kinds
        .iter()
        .enumerate()
        .map(|(i, k)| LabelCount { label: k.clone(), count: talks_by_month.iter().map(|m| m.counts[i]).sum() })
        .collect();
    let talks_total = talks_by_kind.iter().map(|c| c.count).sum();
    let (heads, heads_covered) = st::heads_coverage(conn, &s)?;
    let plan_coverage = match &units {
        None if from.year() == to.year() => Some(crate::store::talks::coverage(conn, from.year(), &s.as_of)?),
        _ => None,
    };

    // -- letters
    let by_kind = st::letters_by_kind(conn, &s)?;
    let letters: Vec<LetterKindFigures> = LetterKind::ALL
        .iter()
        .map(|k| {
            let [issued, replied, replied_on_time, overdue] = by_kind.get(k.label()).copied().unwrap_or_default();
            LetterKindFigures { kind: k.label().to_string(), issued, replied, replied_on_time, overdue, on_time_percent: percent(replied_on_time, replied) }
        })
        .collect();
    let sum = |f: fn(&LetterKindFigures) -> i64| letters.iter().map(f).sum::<i64>();
    let (letters_issued, letters_replied, letters_on_time, letters_overdue) =
        (sum(|l| l.issued), sum(|l| l.replied), sum(|l| l.replied_on_time), sum(|l| l.overdue));

    // -- items
    let (opened, closed, open, overdue) = st::items(conn, &s)?;
    let items = ItemFigures { opened, closed, open, overdue, completion_percent: percent(closed, opened) };

    // -- clues
    let clues = st::clues_by_disposal(conn, &s)?;
    let mut disposals: Vec<String> = ClueDisposal::ALL.iter().map(crate::store::label).collect();
    disposals.push("未处置".into());
    let disposals: Vec<&str> = disposals.iter().map(String::as_str).collect();
    let clues_by_disposal = counts_in_order(&disposals, |l| clues.get(if l == "未处置" { "" } else { l }).copied().unwrap_or(0));
    let clues_received = clues.values().sum();

    // -- sanctions
    let sanctions = st::sanctions(conn, &s)?;
    let mut kinds: Vec<(usize, String)> = Vec::new();
    for (category, kind, _, _) in &sanctions {
        let order = crate::model::sanctions::SanctionCategory::ALL.iter().position(|c| c.label() == category).unwrap_or(99);
        let name = format!("{category}·{kind}");
        if !kinds.iter().any(|(_, n)| *n == name) {
            kinds.push((order, name));
        }
    }
    kinds.sort();
    let sanctions_by_kind: Vec<LabelCount> = kinds
        .into_iter()
        .map(|(_, name)| LabelCount {
            count: sanctions.iter().filter(|(c, k, _, _)| format!("{c}·{k}") == name).map(|r| r.3).sum(),
            label: name,
        })
        .collect();
    let mut forms: Vec<String> = SanctionForm::ALL.iter().map(crate::store::label).collect();
    forms.push("未标注".into());
    let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
    let sanctions_by_form = counts_in_order(&forms, |l| {
        let want = if l == "未标注" { "" } else { l };
        sanctions.iter().filter(|r| r.2 == want).map(|r| r.3).sum()
    });
    let sanctions_total = sanctions.iter().map(|r| r.3).sum();

    // -- assessments: the scale's entries (retired ones too), then any other rating recorded
    let (by_rating, summons_held, summons_pending) = st::ratings(conn, &s)?;
    let mut scale: Vec<String> = crate::service::dicts::entries(conn, Dict::RatingScale)?.into_iter().map(|e| e.name).collect();
    let mut others: Vec<String> = by_rating.keys().filter(|k| !scale.contains(k)).cloned().collect();
    others.sort();
    scale.extend(others);
    let ratings = scale.iter().map(|r| LabelCount { label: r.clone(), count: by_rating.get(r).copied().unwrap_or(0) }).collect();

    // -- risks, hearings, education
    let risks = st::risks_by_level(conn, &s)?;
    let levels: Vec<&str> = RiskLevel::ALL.iter().map(|l| l.label()).collect();
    let risks_by_level = counts_in_order(&levels, |l| risks.get(l).copied().unwrap_or(0));
    let (hearings, education, education_participants) = st::hearings_education(conn, &s)?;

    // -- annex
    let a = st::annex(conn, &s)?;
    let annex = unit_rows
        .iter()
        .map(|(id, name)| UnitAnnexRow {
            unit_id: id.clone(),
            unit_name: name.clone(),
            heads: a.heads.get(id).map(|h| h.join("、")).unwrap_or_default(),
            last_supervision_talk: a.last_supervision_talk.get(id).cloned(),
            open_items: a.open_items.get(id).copied().unwrap_or(0),
            overdue_letters: a.overdue_letters.get(id).copied().unwrap_or(0),
            last_rating_year: a.last_rating.get(id).map(|(y, _)| *y),
            last_rating: a.last_rating.get(id).map(|(_, r)| r.clone()),
            highest_risk: a.highest_risk.get(id).and_then(|l| levels.get((*l - 1).max(0) as usize)).map(|l| l.to_string()),
        })
        .collect();

    let office = crate::service::common::office_in(conn)?;
    Ok(Report {
        title: report_title(&scope.period, &period.label),
        from: format_date(from),
        to: format_date(to),
        period_label: period.label,
        period_dates: period.dates_label,
        scope: ReportScope { period: scope.period, unit_ids: units },
        as_of: format_date(as_of),
        made_on: cn_date(today),
        office_name: office.full_names.first().cloned().unwrap_or_default(),
        units_label,
        units_covered: unit_rows.len() as i64,
        heads,
        talk_kinds,
        talks_by_kind,
        talks_total,
        heads_covered,
        coverage_percent: percent(heads_covered, heads),
        plan_coverage,
        talks_by_month,
        letters,
        letters_issued,
        letters_replied,
        letters_on_time,
        on_time_percent: percent(letters_on_time, letters_replied),
        letters_overdue,
        items,
        clues_received,
        clues_by_disposal,
        sanctions_total,
        sanctions_by_kind,
        sanctions_by_form,
        ratings,
        summons_held,
        summons_pending,
        risks_by_level,
        hearings,
        education,
        education_participants,
        annex,
    })
}

/// The report as a workbook, one sheet per table (`Report::tables`): the cells keep their kind,
/// so counts are numbers and dates are dates.
pub fn xlsx_bytes(r: &Report) -> Result<Vec<u8>> {
    let sheets: Vec<Sheet> = r
        .tables()
        .into_iter()
        .map(|t| Sheet {
            title: t.title,
            headers: t.headers,
            rows: t
                .rows
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .map(|c| match c {
                            ReportCell::Text(s) => Cell::Text(s),
                            ReportCell::Int(i) => Cell::Int(i),
                            ReportCell::Date(d) => Cell::Date(d),
                            ReportCell::Empty => Cell::Empty,
                        })
                        .collect()
                })
                .collect(),
        })
        .collect();
    crate::export::xlsx::workbook_bytes(&sheets)
}

/// Builds the report and writes it to `path`: .pdf or .xlsx, chosen by the extension.
pub fn save(db: &Db, ctx: &Ctx, fonts: Option<&crate::pdf::FontSet>, scope: ReportScope, path: &Path) -> Result<PathBuf> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if ext != "pdf" && ext != "xlsx" {
        return Err(Error::invalid("path", "报告文件名须以 .pdf 或 .xlsx 结尾（PDF 用于打印，Excel 用于汇总）"));
    }
    let r = build(db.conn(), ctx, scope)?;
    let bytes = if ext == "pdf" {
        let loaded;
        let fonts = match fonts {
            Some(f) => f,
            None => {
                loaded = crate::pdf::FontSet::load(&crate::pdf::FontConfig::default())?;
                &loaded
            }
        };
        crate::pdf::render_report(fonts, &r)?
    } else {
        xlsx_bytes(&r)?
    };
    crate::service::common::write_file(path, &bytes)?;
    Ok(path.to_path_buf())
}

/// The ids of the units named in `names` ("名称,名称", full names or short names; Chinese or
/// Latin commas); an unknown name is refused, naming it.
pub fn unit_ids_by_name(conn: &Connection, names: &str) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    let mut stmt = conn.prepare("SELECT id FROM unit WHERE (name = ?1 OR short_name = ?1) AND voided_at IS NULL ORDER BY sort_order")?;
    for name in names.split([',', '，', '、']).map(str::trim).filter(|n| !n.is_empty()) {
        let found: Vec<String> = stmt.query_map([name], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        match found.first() {
            Some(id) => ids.push(id.clone()),
            None => return Err(Error::invalid("unit_ids", format!("没有名为“{name}”的单位，请核对单位全称"))),
        }
    }
    if ids.is_empty() {
        return Err(Error::invalid("unit_ids", "请给出至少一个单位名称，或不加 --units 统计全部单位"));
    }
    Ok(ids)
}

fn require_ext(path: &Path, ext: &str, what: &str) -> Result<()> {
    if path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
        Ok(())
    } else {
        Err(Error::invalid("path", format!("{what}文件名须以 .{ext} 结尾")))
    }
}

/// 导出PDF from the 报告 page: the path comes from the save dialog and must end in .pdf.
pub fn save_pdf(db: &Db, ctx: &Ctx, fonts: &crate::pdf::FontSet, scope: ReportScope, path: &Path) -> Result<PathBuf> {
    require_ext(path, "pdf", "PDF 报告")?;
    save(db, ctx, Some(fonts), scope, path)
}

/// 导出Excel from the 报告 page: the path must end in .xlsx (Excel and WPS refuse other names).
pub fn save_xlsx(db: &Db, ctx: &Ctx, scope: ReportScope, path: &Path) -> Result<PathBuf> {
    require_ext(path, "xlsx", "Excel 报告")?;
    save(db, ctx, None, scope, path)
}
