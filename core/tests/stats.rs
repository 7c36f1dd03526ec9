//! The 统计 dashboards' figures beside the report's (issue 11): risk points by unit agree with the
//! report's risk points by level on the demo county, follow the unit scope, come most first, and a
//! bad scope is refused as the report refuses it.

#![allow(clippy::unwrap_used)]

mod support;

use jiandu_core::model::report::{ReportPeriod, ReportScope};
use jiandu_core::service::{report, stats};
use jiandu_core::{demo, Ctx, Db, Error};
use support::*;

const TODAY: &str = "2026-12-03";

fn demo_db() -> (Db, Ctx) {
    let mut db = Db::open_in_memory().unwrap();
    let ctx = at(TODAY);
    demo::load(&mut db, &ctx).unwrap();
    (db, ctx)
}

fn scope(units: Option<Vec<String>>) -> ReportScope {
    ReportScope { period: ReportPeriod::year(2026), unit_ids: units }
}

#[test]
fn risks_by_unit_add_up_to_the_reports_risks_by_level() {
    let (db, ctx) = demo_db();
    let r = report::build(db.conn(), &ctx, scope(None)).unwrap();
    let s = stats::risks_by_unit(db.conn(), &scope(None), usize::MAX).unwrap();
    assert_eq!(s.levels, r.risks_by_level.iter().map(|l| l.label.clone()).collect::<Vec<_>>());
    assert!(s.units.len() > 3, "the demo county has risk points in several units: {}", s.units.len());
    assert_eq!(s.units_with_risks, s.units.len() as i64);
    for (i, level) in r.risks_by_level.iter().enumerate() {
        assert_eq!(s.units.iter().map(|u| u.counts[i]).sum::<i64>(), level.count, "level {}", level.label);
    }
    for u in &s.units {
        assert_eq!(u.total, u.counts.iter().sum::<i64>());
        assert!(u.total > 0);
    }
    assert!(s.units.windows(2).all(|w| w[0].total >= w[1].total), "most first");

    let top = stats::risks_by_unit(db.conn(), &scope(None), 3).unwrap();
    assert_eq!(top.units, s.units[..3].to_vec());
    assert_eq!(top.units_with_risks, s.units_with_risks);
}

#[test]
fn a_unit_group_narrows_the_units_as_the_report_does() {
    let (db, ctx) = demo_db();
    let all = stats::risks_by_unit(db.conn(), &scope(None), usize::MAX).unwrap();
    let chosen: Vec<String> = all.units.iter().skip(1).take(2).map(|u| u.unit_id.clone()).collect();
    let s = stats::risks_by_unit(db.conn(), &scope(Some(chosen.clone())), usize::MAX).unwrap();
    assert_eq!(s.units.iter().map(|u| u.unit_id.clone()).collect::<Vec<_>>(), chosen);
    let r = report::build(db.conn(), &ctx, scope(Some(chosen))).unwrap();
    for (i, level) in r.risks_by_level.iter().enumerate() {
        assert_eq!(s.units.iter().map(|u| u.counts[i]).sum::<i64>(), level.count);
    }
}

#[test]
fn a_bad_scope_is_refused_naming_the_field() {
    let (db, _) = demo_db();
    let bad = ReportScope::county(ReportPeriod::range("2026-12-31", "2026-01-01"));
    match stats::risks_by_unit(db.conn(), &bad, 10) {
        Err(Error::Invalid { field, .. }) => assert_eq!(field, "from"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}
