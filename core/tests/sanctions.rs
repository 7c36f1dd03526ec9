//! 处分 (issue 10): the effect period computed from the kind, the flag on the person page, in
//! search and on the worklist that ends by itself, the refusals of bad input that write nothing,
//! and void/restore ending and bringing back the flag.

#![allow(clippy::unwrap_used)]

use jiandu_core::model::sanctions::*;
use jiandu_core::service::{self, org, sanctions, worklist};
use jiandu_core::{demo, Ctx, Db, Error};

mod support;
use support::*;

/// The day the sanctions are recorded (after every decision date used here).
const ENTERED: &str = "2025-03-10";

struct Fx {
    db: Db,
    person: String,
    unit: String,
}

fn fx() -> Fx {
    let mut db = Db::open_in_memory().unwrap();
    let c = at("2024-01-01");
    let unit = org::save_unit(&mut db, &c, unit_input("云溪县交通运输局")).unwrap().id;
    let person = org::save_person(&mut db, &c, person_input("单丽华")).unwrap().id;
    org::save_position(&mut db, &c, position_input(&person, &unit, "副局长", false)).unwrap();
    Fx { db, person, unit }
}

fn input(person: &str, category: SanctionCategory, kind: &str, date: &str) -> SanctionInput {
    SanctionInput {
        id: None,
        person_id: person.into(),
        category,
        kind: kind.into(),
        probation_months: None,
        decision_date: date.into(),
        decision_number: "云纪处〔2025〕3号".into(),
        deciding_body: "中共云溪县纪律检查委员会".into(),
        reason: "违规接受宴请".into(),
        form: Some(SanctionForm::Second),
    }
}

/// The flag of the person on `day`: on their page, in search and on the worklist.
fn flags(db: &Db, person: &str, day: &str) -> (Option<String>, Option<String>, Vec<String>) {
    let c = at(day);
    let page = org::person_detail(db, &c, person).unwrap().sanction_flag;
    let row = org::search_people(db, &c, "单丽华", false).unwrap().rows.into_iter().find(|r| r.id == person).unwrap();
    assert_eq!(row.sanction_flag.is_some(), row.sanction_until.is_some());
    let wl = worklist::worklist(db, &c).unwrap();
    assert_eq!(wl.sanctions_in_effect_total, wl.sanctions_in_effect.len() as i64);
    let on_worklist = wl.sanctions_in_effect.iter().filter(|e| e.person_id == person).map(|e| format!("{} {}", e.kind, e.flag)).collect();
    (page, row.sanction_flag, on_worklist)
}

fn severe_warning(f: &mut Fx) -> SanctionView {
    sanctions::save_sanction(&mut f.db, &at(ENTERED), input(&f.person, SanctionCategory::Party, "严重警告", "2025-03-01")).unwrap()
}

#[test]
fn a_severe_warning_of_2025_03_01_is_flagged_through_2026_09_01_and_not_after() {
    let mut f = fx();
    let v = severe_warning(&mut f);
    assert_eq!(v.sanction.effect_end.as_deref(), Some("2026-09-01"));
    let flag = Some("影响期至 2026年9月1日".to_string());
    for day in ["2025-03-01", "2025-12-31", "2026-09-01"] {
        let (page, row, wl) = flags(&f.db, &f.person, day);
        assert_eq!(page, flag, "{day}: person page");
        assert_eq!(row, flag, "{day}: search row");
        assert_eq!(wl, vec!["严重警告 影响期至 2026年9月1日".to_string()], "{day}: worklist");
    }
    for day in ["2025-02-28", "2026-09-02", "2027-01-01"] {
        assert_eq!(flags(&f.db, &f.person, day), (None, None, vec![]), "{day}: no flag");
    }
    // The person page lists it either way, and says whether it is in effect.
    let c = at("2026-09-02");
    let list = org::person_detail(&f.db, &c, &f.person).unwrap().sanctions;
    assert_eq!(list.len(), 1);
    assert!(!list[0].in_effect && list[0].flag.is_none());
    assert!(org::person_detail(&f.db, &at("2026-09-01"), &f.person).unwrap().sanctions[0].in_effect);
}

#[test]
fn every_kind_gets_the_period_of_the_table() {
    use SanctionCategory::*;
    let table: &[(SanctionCategory, &str, Option<i64>, Option<&str>)] = &[
        (Party, "警告", None, Some("2026-03-01")),
        (Party, "严重警告", None, Some("2026-09-01")),
        (Party, "撤销党内职务", None, Some("2027-03-01")),
        (Party, "留党察看", Some(12), Some("2026-03-01")),
        (Party, "留党察看", Some(24), Some("2027-03-01")),
        (Party, "开除党籍", None, None),
        (Administrative, "警告", None, Some("2025-09-01")),
        (Administrative, "记过", None, Some("2026-03-01")),
        (Administrative, "记大过", None, Some("2026-09-01")),
        (Administrative, "降级", None, Some("2027-03-01")),
        (Administrative, "撤职", None, Some("2027-03-01")),
        (Administrative, "开除", None, None),
        (Organisational, "停职检查", None, None),
        (Organisational, "调整职务", None, None),
        (Organisational, "责令辞职", None, None),
        (Organisational, "免职", None, None),
        (Organisational, "降职", None, None),
        (Admonition, "诫勉", None, None),
        (Accountability, "问责", None, None),
    ];
    // The table covers every kind the options offer.
    let offered: usize = SanctionOptions::build().categories.iter().map(|c| c.kinds.len()).sum();
    assert_eq!(offered + 1, table.len(), "留党察看 appears twice");
    let mut f = fx();
    for (category, kind, months, end) in table {
        let mut i = input(&f.person, *category, kind, "2025-03-01");
        i.probation_months = *months;
        let v = sanctions::save_sanction(&mut f.db, &at(ENTERED), i).unwrap();
        assert_eq!(v.sanction.effect_end.as_deref(), *end, "{category:?} {kind}");
        assert_eq!(v.sanction.probation_months, *months, "{kind}");
    }
    // A period entered for a kind that has none is not kept.
    let mut i = input(&f.person, Administrative, "记过", "2025-03-01");
    i.probation_months = Some(24);
    let v = sanctions::save_sanction(&mut f.db, &at(ENTERED), i).unwrap();
    assert_eq!((v.sanction.probation_months, v.sanction.effect_end.as_deref()), (None, Some("2026-03-01")));
}

/// Rows of the sanction table and of the audit log: "nothing written" means both stay.
fn written(db: &Db) -> (i64, i64) {
    let one = |sql: &str| db.conn().query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (one("SELECT count(*) FROM sanction"), one("SELECT count(*) FROM audit_log"))
}

#[test]
fn bad_input_is_refused_at_its_field_and_nothing_is_written() {
    let mut f = fx();
    let voided = org::save_person(&mut f.db, &at("2024-01-01"), person_input("已作废者")).unwrap().id;
    org::void_person(&mut f.db, &at("2024-01-01"), &voided, "录入重复").unwrap();
    let p = f.person.clone();
    let cases: Vec<(&str, SanctionInput, &str, &str)> = vec![
        ("kind of another category", input(&p, SanctionCategory::Organisational, "严重警告", "2025-03-01"), "kind", "不属于组织处理"),
        ("kind that does not exist", input(&p, SanctionCategory::Party, "罚款", "2025-03-01"), "kind", "处分种类“罚款”"),
        ("empty kind", input(&p, SanctionCategory::Party, " ", "2025-03-01"), "kind", "处分种类不能为空"),
        ("future decision date", input(&p, SanctionCategory::Party, "警告", "2025-03-11"), "decision_date", "处分决定日期（2025-03-11）不能晚于今天"),
        ("empty decision date", input(&p, SanctionCategory::Party, "警告", ""), "decision_date", "处分决定日期不能为空"),
        ("decision date that does not exist", input(&p, SanctionCategory::Party, "警告", "2025-02-29"), "decision_date", "不是有效日期"),
        ("留党察看 without its period", input(&p, SanctionCategory::Party, "留党察看", "2025-03-01"), "probation_months", "留党察看期限不能为空"),
        (
            "留党察看 of 18 months",
            SanctionInput { probation_months: Some(18), ..input(&p, SanctionCategory::Party, "留党察看", "2025-03-01") },
            "probation_months",
            "应为12个月或24个月，现为18个月",
        ),
        ("voided person", input(&voided, SanctionCategory::Party, "警告", "2025-03-01"), "person_id", "已作废"),
        ("unknown person", input("no-such-id", SanctionCategory::Party, "警告", "2025-03-01"), "person_id", "受处分人不存在"),
        (
            "control character in 决定文号",
            SanctionInput { decision_number: "云纪处\u{0}3号".into(), ..input(&p, SanctionCategory::Party, "警告", "2025-03-01") },
            "decision_number",
            "决定文号不能包含控制字符",
        ),
        (
            "line break in 决定机关",
            SanctionInput { deciding_body: "县纪委\n县监委".into(), ..input(&p, SanctionCategory::Party, "警告", "2025-03-01") },
            "deciding_body",
            "决定机关不能换行",
        ),
    ];
    let before = written(&f.db);
    for (name, i, field, message) in cases {
        let (got_field, got_message) = invalid(sanctions::save_sanction(&mut f.db, &at(ENTERED), i));
        assert_eq!(got_field, field, "{name}: {got_message}");
        assert!(got_message.contains(message), "{name}: {got_message}");
        assert_eq!(written(&f.db), before, "{name}: nothing written");
    }
}

#[test]
fn voiding_ends_the_flag_and_restoring_brings_it_back() {
    let mut f = fx();
    let id = severe_warning(&mut f).sanction.id;
    let day = "2026-01-15";
    let flag = Some("影响期至 2026年9月1日".to_string());
    assert_eq!(flags(&f.db, &f.person, day).0, flag);

    let (_, audit_before) = written(&f.db);
    let v = sanctions::void_sanction(&mut f.db, &at(day), &id, "录入错误").unwrap();
    assert!(v.sanction.meta.voided_at.is_some() && !v.in_effect);
    assert_eq!(flags(&f.db, &f.person, day), (None, None, vec![]));
    assert_eq!(written(&f.db).1, audit_before + 1, "one audit row for the void");
    // Voided twice, or edited while voided: refused, nothing written.
    assert!(matches!(sanctions::void_sanction(&mut f.db, &at(day), &id, "再次"), Err(Error::Conflict(_))));
    let edit = SanctionInput { id: Some(id.clone()), ..input(&f.person, SanctionCategory::Party, "警告", "2025-03-01") };
    assert!(matches!(sanctions::save_sanction(&mut f.db, &at(day), edit), Err(Error::Conflict(_))));
    assert_eq!(written(&f.db).1, audit_before + 1);
    // A void needs its reason.
    sanctions::restore_sanction(&mut f.db, &at(day), &id).unwrap();
    assert_eq!(invalid(sanctions::void_sanction(&mut f.db, &at(day), &id, " ")).0, "reason");

    assert_eq!(flags(&f.db, &f.person, day).0, flag);
    let trail = service::org::audit_trail(&f.db, "sanction", &id).unwrap();
    let actions: Vec<&str> = trail.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["restore", "void", "create"]);
}

#[test]
fn editing_the_kind_recomputes_the_period() {
    let mut f = fx();
    let v = severe_warning(&mut f);
    let edit = SanctionInput { id: Some(v.sanction.id.clone()), ..input(&f.person, SanctionCategory::Party, "警告", "2025-03-01") };
    let v = sanctions::save_sanction(&mut f.db, &at(ENTERED), edit).unwrap();
    assert_eq!(v.sanction.effect_end.as_deref(), Some("2026-03-01"));
    assert_eq!(flags(&f.db, &f.person, "2026-03-02"), (None, None, vec![]));
    // The longest period a person is inside is the one shown.
    let mut i = input(&f.person, SanctionCategory::Administrative, "降级", "2025-03-05");
    i.form = None;
    sanctions::save_sanction(&mut f.db, &at(ENTERED), i).unwrap();
    let (page, _, wl) = flags(&f.db, &f.person, "2026-01-01");
    assert_eq!(page.as_deref(), Some("影响期至 2027年3月5日"));
    assert_eq!(wl, vec!["降级 影响期至 2027年3月5日".to_string()], "one worklist entry per person");
    let _ = f.unit;
}

#[test]
fn a_voided_person_leaves_the_worklist() {
    let mut f = fx();
    severe_warning(&mut f);
    let c = at("2025-06-01");
    assert_eq!(worklist::worklist(&f.db, &c).unwrap().sanctions_in_effect_total, 1);
    let position = org::person_detail(&f.db, &c, &f.person).unwrap().positions[0].position.id.clone();
    org::void_position(&mut f.db, &c, &position, "调离").unwrap();
    org::void_person(&mut f.db, &c, &f.person, "录入重复").unwrap();
    assert_eq!(worklist::worklist(&f.db, &c).unwrap().sanctions_in_effect_total, 0);
}

#[test]
fn the_demo_county_has_two_sanctions_in_effect_and_one_ended() {
    let mut db = Db::open_in_memory().unwrap();
    let c: Ctx = at("2026-05-20");
    demo::load(&mut db, &c).unwrap();
    let counts = service::counts(&db, &c).unwrap();
    assert_eq!((counts.sanctions, counts.sanctions_in_effect), (5, 2));
    let wl = worklist::worklist(&db, &c).unwrap();
    let kinds: Vec<&str> = wl.sanctions_in_effect.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["记过", "严重警告"], "soonest to end first");
    let ended: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM sanction WHERE voided_at IS NULL AND effect_end < ?1", ["2026-05-20"], |r| r.get(0))
        .unwrap();
    assert_eq!(ended, 1);
    // Written through the service: one audit row each.
    let audited: i64 = db.conn().query_row("SELECT count(*) FROM audit_log WHERE entity = 'sanction'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 5);
}

// ---- sanction kind display names
#[test]
fn an_offices_display_name_for_a_kind_shows_on_the_person_page_and_worklist_and_the_period_stays_the_kinds() {
    let mut f = fx();
    severe_warning(&mut f);
    let c = at("2025-06-01");
    let mut names = sanctions::kind_names(f.db.conn()).unwrap();
    assert_eq!(names.len(), KINDS.len());
    let severe = names.iter_mut().find(|n| n.category == SanctionCategory::Party && n.kind == "严重警告").unwrap();
    severe.name = " 党内严重警告 ".into();
    sanctions::save_kind_names(&mut f.db, &c, names.clone()).unwrap();

    let page = org::person_detail(&f.db, &c, &f.person).unwrap().sanctions;
    assert_eq!(page[0].kind_label, "党内严重警告");
    assert_eq!(page[0].sanction.kind, "严重警告", "the stored kind is untouched");
    assert_eq!(page[0].sanction.effect_end.as_deref(), Some("2026-09-01"));
    let wl = worklist::worklist(&f.db, &c).unwrap();
    assert_eq!(wl.sanctions_in_effect[0].kind_label, "党内严重警告");
    // A new sanction of that kind still computes its period from the kind.
    let v = sanctions::save_sanction(&mut f.db, &c, input(&f.person, SanctionCategory::Party, "严重警告", "2025-05-01")).unwrap();
    assert_eq!((v.kind_label.as_str(), v.sanction.effect_end.as_deref()), ("党内严重警告", Some("2026-11-01")));
    // The form offers the kind under its display name, and sends the kind.
    let offered = sanctions::options(f.db.conn()).unwrap();
    let party = offered.categories.iter().find(|o| o.category == SanctionCategory::Party).unwrap();
    let k = party.kinds.iter().find(|k| k.kind == "严重警告").unwrap();
    assert_eq!(k.label, "党内严重警告");
    assert_eq!(party.kinds.iter().find(|k| k.kind == "警告").unwrap().label, "警告");

    // A name another kind of the category already shows is refused, and nothing changes.
    let warning = names.iter_mut().find(|n| n.category == SanctionCategory::Party && n.kind == "警告").unwrap();
    warning.name = "严重警告".into();
    let e = sanctions::save_kind_names(&mut f.db, &c, names.clone()).unwrap_err();
    assert!(matches!(&e, Error::Invalid { field, message } if field == "kind_names" && message.contains("重复")), "{e:?}");
    // Clearing the names shows the kinds as they are again.
    let cleared: Vec<SanctionKindName> = names.into_iter().map(|n| SanctionKindName { name: String::new(), ..n }).collect();
    sanctions::save_kind_names(&mut f.db, &c, cleared).unwrap();
    assert_eq!(org::person_detail(&f.db, &c, &f.person).unwrap().sanctions[0].kind_label, "严重警告");
}
// ---- end sanction kind display names
