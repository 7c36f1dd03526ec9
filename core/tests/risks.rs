//! 廉政风险点: the unit a point belongs to is derived from its position or its person's current
//! post, a point on nobody is refused and writes nothing, a past review date puts the point on the
//! worklist from the day after and not before, and the register's order (高 first, then category
//! in the office's order, then unit order).

#![allow(clippy::unwrap_used)]

use jiandu_core::model::risks::*;
use jiandu_core::service::{self, org, risks, worklist};
use jiandu_core::{demo, Db, Error};

mod support;
use support::*;

const DAY: &str = "2026-01-10";

struct Fx {
    db: Db,
    /// 县财政局 and its 局长's post (held by 周国强) and a deputy's (held by 何静).
    finance: String,
    head_post: String,
    head: String,
    deputy: String,
    /// 县审计局 (sort order after 财政局): 何静 holds nothing there.
    audit: String,
    /// A person with no current post.
    retired: String,
}

fn fx() -> Fx {
    let mut db = Db::open_in_memory().unwrap();
    let c = at("2024-01-01");
    let finance = org::save_unit(&mut db, &c, jiandu_core::model::UnitInput { sort_order: 1, ..unit_input("云溪县财政局") }).unwrap().id;
    let audit = org::save_unit(&mut db, &c, jiandu_core::model::UnitInput { sort_order: 2, ..unit_input("云溪县审计局") }).unwrap().id;
    let head = org::save_person(&mut db, &c, person_input("周国强")).unwrap().id;
    let deputy = org::save_person(&mut db, &c, person_input("何静")).unwrap().id;
    let retired = org::save_person(&mut db, &c, person_input("冯建军")).unwrap().id;
    let head_post = org::save_position(&mut db, &c, position_input(&head, &finance, "党组书记、局长", true)).unwrap().id;
    org::save_position(&mut db, &c, position_input(&deputy, &finance, "党组成员、副局长", false)).unwrap();
    Fx { db, finance, head_post, head, deputy, audit, retired }
}

fn input(category: &str, level: RiskLevel) -> RiskPointInput {
    RiskPointInput {
        id: None,
        person_id: None,
        position_id: None,
        unit_id: None,
        category: category.into(),
        description: "大额资金拨付审核把关不严".into(),
        level: Some(level),
        measures: "集体研究，分级审批".into(),
        responsible_person_id: None,
        responsible_name: "县财政局党组书记".into(),
        review_date: None,
    }
}

fn rows(db: &Db) -> (i64, i64) {
    let c = db.conn();
    (
        c.query_row("SELECT count(*) FROM risk_point", [], |r| r.get(0)).unwrap(),
        c.query_row("SELECT count(*) FROM audit_log WHERE entity = 'risk_point'", [], |r| r.get(0)).unwrap(),
    )
}

fn field(e: &Error) -> &str {
    match e {
        Error::Invalid { field, .. } => field,
        other => panic!("expected a refusal on a field, got {other:?}"),
    }
}

#[test]
fn the_unit_is_the_positions_or_the_persons_current_one_and_asked_for_only_when_neither_says() {
    let mut f = fx();
    let c = at(DAY);
    // On the 局长's post: the post's unit, whatever unit the form sent.
    let on_post = RiskPointInput { position_id: Some(f.head_post.clone()), unit_id: Some(f.audit.clone()), ..input("财务和大额资金审批", RiskLevel::High) };
    let v = risks::save_risk_point(&mut f.db, &c, on_post).unwrap();
    assert_eq!((v.point.unit_id.as_str(), v.unit_name.as_str()), (f.finance.as_str(), "云溪县财政局"));
    assert_eq!(v.position_title.as_deref(), Some("党组书记、局长"));
    assert_eq!(v.position_holder_name.as_deref(), Some("周国强"));
    assert_eq!((v.level_colour.as_str(), v.level_colour_name.as_str()), ("red", "红"));

    // On 何静 in person: the unit of her current post.
    let on_person = RiskPointInput { person_id: Some(f.deputy.clone()), ..input("政府采购", RiskLevel::Medium) };
    assert_eq!(risks::save_risk_point(&mut f.db, &c, on_person).unwrap().point.unit_id, f.finance);

    // On someone without a current post: the form must choose, and then its choice holds.
    let loose = RiskPointInput { person_id: Some(f.retired.clone()), ..input("其他", RiskLevel::Low) };
    let e = risks::save_risk_point(&mut f.db, &c, loose.clone()).unwrap_err();
    assert_eq!(field(&e), "unit_id");
    assert!(e.to_string().contains("没有现任职务"), "{e}");
    let v = risks::save_risk_point(&mut f.db, &c, RiskPointInput { unit_id: Some(f.audit.clone()), ..loose }).unwrap();
    assert_eq!(v.point.unit_id, f.audit);

    // A post that is not the chosen person's is refused on the position.
    let crossed = RiskPointInput { person_id: Some(f.deputy.clone()), position_id: Some(f.head_post.clone()), ..input("其他", RiskLevel::Low) };
    assert_eq!(field(&risks::save_risk_point(&mut f.db, &c, crossed).unwrap_err()), "position_id");

    // The person page lists the points on them and on their current posts; the unit's register all three.
    let head_page = org::person_detail(&f.db, &c, &f.head).unwrap().risk_points;
    assert_eq!(head_page.iter().map(|p| p.point.category.as_str()).collect::<Vec<_>>(), vec!["财务和大额资金审批"]);
    assert_eq!(risks::of_person(f.db.conn(), &f.deputy, DAY).unwrap().len(), 1);
    assert_eq!(risks::of_unit(f.db.conn(), &f.finance, DAY).unwrap().len(), 2);
    assert_eq!(risks::of_unit(f.db.conn(), &f.audit, DAY).unwrap().len(), 1);
}

#[test]
fn a_point_on_neither_person_nor_position_is_refused_and_writes_nothing() {
    let mut f = fx();
    let before = rows(&f.db);
    let nobody = RiskPointInput { unit_id: Some(f.finance.clone()), ..input("工程项目", RiskLevel::High) };
    let e = risks::save_risk_point(&mut f.db, &at(DAY), nobody).unwrap_err();
    assert_eq!(field(&e), "person_id");
    assert!(e.to_string().contains("请选择风险点所属的干部或职务"), "{e}");
    // Nor does a point missing its 表现形式, its level, or with a category not on the list.
    let on = |i: RiskPointInput| RiskPointInput { position_id: Some(f.head_post.clone()), ..i };
    for (bad, want) in [
        (on(RiskPointInput { description: "  ".into(), ..input("工程项目", RiskLevel::High) }), "description"),
        (on(RiskPointInput { level: None, ..input("工程项目", RiskLevel::High) }), "level"),
        (on(input("吃拿卡要", RiskLevel::High)), "category"),
        (on(RiskPointInput { review_date: Some("2026-02-30".into()), ..input("工程项目", RiskLevel::High) }), "review_date"),
    ] {
        assert_eq!(field(&risks::save_risk_point(&mut f.db, &at(DAY), bad).unwrap_err()), want);
    }
    assert_eq!(rows(&f.db), before, "no row and no audit row");
}

#[test]
fn a_past_review_date_is_on_the_worklist_from_the_day_after_and_leaves_when_voided() {
    let mut f = fx();
    let i = RiskPointInput { position_id: Some(f.head_post.clone()), review_date: Some("2026-03-01".into()), ..input("工程项目", RiskLevel::High) };
    let id = risks::save_risk_point(&mut f.db, &at(DAY), i).unwrap().point.id;
    let due = |db: &Db, day: &str| {
        let wl = worklist::worklist(db, &at(day)).unwrap();
        assert_eq!(wl.risk_reviews_due_total, wl.risk_reviews_due.len() as i64);
        wl.risk_reviews_due.iter().map(|e| (e.unit_name.clone(), e.person_name.clone(), e.days_overdue)).collect::<Vec<_>>()
    };
    for day in ["2026-02-01", "2026-03-01"] {
        assert_eq!(due(&f.db, day), vec![], "{day}: not yet due");
        assert!(!risks::of_unit(f.db.conn(), &f.finance, day).unwrap()[0].review_due);
    }
    assert_eq!(due(&f.db, "2026-03-02"), vec![("云溪县财政局".into(), Some("周国强".into()), 1)]);
    assert_eq!(due(&f.db, "2026-03-31"), vec![("云溪县财政局".into(), Some("周国强".into()), 30)]);
    assert!(risks::of_unit(f.db.conn(), &f.finance, "2026-03-02").unwrap()[0].review_due);
    let c = service::counts(&f.db, &at("2026-03-02")).unwrap();
    assert_eq!((c.risk_points, c.risk_points_high, c.risk_reviews_due), (1, 1, 1));
    let due_only = RiskFilter { review_due: true, ..Default::default() };
    assert_eq!(risks::register(&f.db, &at("2026-03-02"), &due_only).unwrap().len(), 1);
    assert_eq!(risks::register(&f.db, &at("2026-03-01"), &due_only).unwrap().len(), 0);

    risks::void_risk_point(&mut f.db, &at("2026-03-02"), &id, "岗位调整，风险点重新排查").unwrap();
    assert_eq!(due(&f.db, "2026-03-31"), vec![]);
    assert_eq!(service::counts(&f.db, &at("2026-03-31")).unwrap().risk_points, 0);
    let restored = risks::restore_risk_point(&mut f.db, &at("2026-03-31"), &id).unwrap();
    assert!(restored.review_due);
    let actions: Vec<String> = f
        .db
        .conn()
        .prepare("SELECT action FROM audit_log WHERE entity = 'risk_point' AND entity_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([&id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(actions, vec!["create", "void", "restore"]);
}

#[test]
fn the_register_lists_high_first_then_category_in_the_offices_order_then_unit_order() {
    let mut f = fx();
    let c = at(DAY);
    let on_finance = |cat: &str, level| RiskPointInput { position_id: Some(f.head_post.clone()), ..input(cat, level) };
    let on_audit = |cat: &str, level| RiskPointInput { person_id: Some(f.retired.clone()), unit_id: Some(f.audit.clone()), ..input(cat, level) };
    // Entered out of order on purpose.
    for i in [
        on_finance("其他", RiskLevel::Low),
        on_audit("工程项目", RiskLevel::High),
        on_finance("工程项目", RiskLevel::High),
        on_audit("选人用人", RiskLevel::High),
        on_finance("政府采购", RiskLevel::Medium),
    ] {
        risks::save_risk_point(&mut f.db, &c, i).unwrap();
    }
    let order = |db: &Db, filter: &RiskFilter| {
        risks::register(db, &c, filter)
            .unwrap()
            .into_iter()
            .map(|v| format!("{} {} {}", v.point.level.label(), v.point.category, v.unit_name))
            .collect::<Vec<_>>()
    };
    // 选人用人 comes before 工程项目 in the seeded 风险类别; 财政局 before 审计局 in unit order.
    assert_eq!(
        order(&f.db, &RiskFilter::default()),
        vec![
            "高 选人用人 云溪县审计局",
            "高 工程项目 云溪县财政局",
            "高 工程项目 云溪县审计局",
            "中 政府采购 云溪县财政局",
            "低 其他 云溪县财政局",
        ]
    );
    // Filters narrow without reordering.
    let high_in_audit = RiskFilter { unit_id: Some(f.audit.clone()), level: Some(RiskLevel::High), ..Default::default() };
    assert_eq!(order(&f.db, &high_in_audit), vec!["高 选人用人 云溪县审计局", "高 工程项目 云溪县审计局"]);
    let works = RiskFilter { category: Some("工程项目".into()), ..Default::default() };
    assert_eq!(order(&f.db, &works).len(), 2);
    // The office reorders its list: the register follows.
    let mut cats = jiandu_core::service::dicts::entries(f.db.conn(), jiandu_core::model::dicts::Dict::RiskCategories).unwrap();
    let pos = cats.iter().position(|e| e.name == "工程项目").unwrap();
    let works_entry = cats.remove(pos);
    cats.insert(0, works_entry);
    jiandu_core::service::dicts::save(&mut f.db, &c, jiandu_core::model::dicts::Dict::RiskCategories, cats).unwrap();
    assert_eq!(order(&f.db, &RiskFilter::default())[0], "高 工程项目 云溪县财政局");
}

#[test]
fn the_demo_county_has_every_level_in_several_units_on_people_and_posts_and_one_review_past_due() {
    let mut db = Db::open_in_memory().unwrap();
    let c = at("2026-05-20");
    demo::load(&mut db, &c).unwrap();
    let all = risks::register(&db, &c, &RiskFilter::default()).unwrap();
    for level in RiskLevel::ALL {
        assert!(all.iter().any(|p| p.point.level == level), "a {level:?} point");
    }
    let mut units: Vec<&str> = all.iter().map(|p| p.unit_name.as_str()).collect();
    units.dedup();
    assert!(units.len() >= 5, "{units:?}");
    assert!(all.iter().any(|p| p.point.person_id.is_some()) && all.iter().any(|p| p.point.position_id.is_some()));
    let wl = worklist::worklist(&db, &c).unwrap();
    assert_eq!(wl.risk_reviews_due_total, 1);
    let counts = service::counts(&db, &c).unwrap();
    assert_eq!(counts.risk_points, all.len() as i64);
    assert_eq!(counts.risk_reviews_due, 1);
}
