//! The 统计 dashboards' figures that the report (`service::report::build`) does not carry, for
//! the same scope and checked the same way.

use std::collections::{BTreeMap, HashSet};

use rusqlite::Connection;

use crate::error::Result;
use crate::model::report::ReportScope;
use crate::model::risks::RiskLevel;
use crate::model::stats::{RisksByUnit, UnitRisks};
use crate::service::report::check_scope;
use crate::store::stats as st;

/// The `top` units of the scope with the most live risk points, by level. Risk points are a
/// register, not events: like the report's 风险点 by level, the period does not narrow them (it is
/// checked all the same, so a bad scope is refused as the report refuses it).
pub fn risks_by_unit(conn: &Connection, scope: &ReportScope, top: usize) -> Result<RisksByUnit> {
    let (_, units) = check_scope(conn, scope)?;
    let chosen: Option<HashSet<&str>> = units.as_ref().map(|ids| ids.iter().map(String::as_str).collect());
    let levels: Vec<String> = RiskLevel::ALL.iter().map(|l| l.label().to_string()).collect();
    let mut by_unit: BTreeMap<String, UnitRisks> = BTreeMap::new();
    for (unit_id, unit_name, level, n) in st::risks_by_unit_level(conn)? {
        if chosen.as_ref().is_some_and(|c| !c.contains(unit_id.as_str())) {
            continue;
        }
        let Some(i) = levels.iter().position(|l| *l == level) else { continue };
        let row = by_unit.entry(unit_id.clone()).or_insert_with(|| UnitRisks {
            unit_id,
            unit_name,
            counts: vec![0; levels.len()],
            total: 0,
        });
        row.counts[i] += n;
        row.total += n;
    }
    let mut rows: Vec<UnitRisks> = by_unit.into_values().collect();
    rows.sort_by(|a, b| b.total.cmp(&a.total).then(b.counts[0].cmp(&a.counts[0])).then(a.unit_name.cmp(&b.unit_name)));
    let units_with_risks = rows.len() as i64;
    rows.truncate(top);
    Ok(RisksByUnit { levels, units: rows, units_with_risks })
}

// ---- dashboard

use crate::model::report::{percent_text, Report};
use crate::model::stats::{BarChart, ChartSeries, Dashboard, PieChart};

fn series(name: &str, data: Vec<i64>) -> ChartSeries {
    ChartSeries { name: name.to_string(), data }
}

/// The 统计 page's charts from the report of its scope and the units with the most risk points:
/// every number and label the page draws, so the page, the PDF and the workbook cannot disagree.
pub fn dashboard(r: &Report, top_units: &RisksByUnit) -> Dashboard {
    let talks = BarChart {
        title: "谈话（按月、按类型）".into(),
        subtitle: format!("共 {} 次", r.talks_total),
        categories: r.talks_by_month.iter().map(|m| m.month.clone()).collect(),
        series: r.talk_kinds.iter().enumerate().map(|(i, k)| series(k, r.talks_by_month.iter().map(|m| m.counts[i]).collect())).collect(),
    };
    let mut rows = vec![("现任一把手".to_string(), r.heads, r.heads_covered, r.coverage_percent)];
    if let Some(c) = &r.plan_coverage {
        rows.push((format!("{}年度计划", c.year), c.in_scope, c.covered, c.percent));
    }
    let coverage = BarChart {
        title: "一把手监督谈话覆盖".into(),
        subtitle: rows.iter().map(|(n, _, _, p)| format!("{n} {}", percent_text(*p))).collect::<Vec<_>>().join("；"),
        categories: rows.iter().map(|r| r.0.clone()).collect(),
        series: vec![series("应覆盖", rows.iter().map(|r| r.1).collect()), series("已覆盖", rows.iter().map(|r| r.2).collect())],
    };
    let i = &r.items;
    let items = BarChart {
        title: "整改事项".into(),
        subtitle: format!("完成率 {}", percent_text(i.completion_percent)),
        categories: ["新增", "已销号", "整改中", "逾期"].map(String::from).to_vec(),
        series: vec![series("整改事项", vec![i.opened, i.closed, i.open, i.overdue])],
    };
    let letters = BarChart {
        title: "函件按期回复（按类型）".into(),
        subtitle: format!("按期回复率 {}（按期 {} / 已回复 {}）", percent_text(r.on_time_percent), r.letters_on_time, r.letters_replied),
        categories: r.letters.iter().map(|l| format!("{}\n{}", l.kind, percent_text(l.on_time_percent))).collect(),
        series: vec![
            series("签发", r.letters.iter().map(|l| l.issued).collect()),
            series("按期回复", r.letters.iter().map(|l| l.replied_on_time).collect()),
            series("逾期未复", r.letters.iter().map(|l| l.overdue).collect()),
        ],
    };
    let ratings = PieChart {
        title: "考核等次分布".into(),
        subtitle: format!("约谈：已约谈 {}，待约谈 {}", r.summons_held, r.summons_pending),
        slices: r.ratings.clone(),
    };
    let risks = BarChart {
        title: "廉政风险点（按等级）".into(),
        subtitle: format!("共 {} 个", r.risks_by_level.iter().map(|c| c.count).sum::<i64>()),
        categories: r.risks_by_level.iter().map(|c| c.label.clone()).collect(),
        series: vec![series("风险点", r.risks_by_level.iter().map(|c| c.count).collect())],
    };
    let risk_units = BarChart {
        title: format!("风险点较多的单位（前 {} 个）", top_units.units.len()),
        subtitle: format!("共 {} 个单位有风险点", top_units.units_with_risks),
        categories: top_units.units.iter().map(|u| u.unit_name.clone()).collect(),
        series: top_units.levels.iter().enumerate().map(|(i, l)| series(l, top_units.units.iter().map(|u| u.counts[i]).collect())).collect(),
    };
    Dashboard {
        scope: r.scope.clone(),
        from: r.from.clone(),
        to: r.to.clone(),
        period_label: r.period_label.clone(),
        units_label: r.units_label.clone(),
        units_covered: r.units_covered,
        as_of: r.as_of.clone(),
        talks,
        talk_months: r.talks_by_month.clone(),
        coverage,
        items,
        letters,
        letter_kinds: r.letters.iter().map(|l| l.kind.clone()).collect(),
        ratings,
        risks,
        risk_units,
        risk_unit_ids: top_units.units.iter().map(|u| u.unit_id.clone()).collect(),
    }
}

/// The 统计 page's figures for a scope: the report's, and the `top` units by risk points.
pub fn dashboard_of(conn: &Connection, ctx: &crate::clock::Ctx, scope: ReportScope, top: usize) -> Result<Dashboard> {
    let units = risks_by_unit(conn, &scope, top)?;
    let r = crate::service::report::build(conn, ctx, scope)?;
    Ok(dashboard(&r, &units))
}
// ---- end dashboard
