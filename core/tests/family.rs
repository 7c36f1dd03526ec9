//! 家庭重大变动: 逾期报告 decided by the core (30 days on time, 31 late) and shown on the person
//! page, the refusals of bad input that write nothing, void and restore with their audit rows,
//! and the demo county's changes counted by `jiandu check`.

#![allow(clippy::unwrap_used)]

use jiandu_core::model::family::*;
use jiandu_core::service::{self, family, org};
use jiandu_core::{demo, Ctx, Db, Error};

mod support;
use support::*;

const TODAY: &str = "2025-06-30";

struct Fx {
    db: Db,
    person: String,
}

fn fx() -> Fx {
    let mut db = Db::open_in_memory().unwrap();
    let c = at("2024-01-01");
    let unit = org::save_unit(&mut db, &c, unit_input("云溪县财政局")).unwrap().id;
    let person = org::save_person(&mut db, &c, person_input("解志明")).unwrap().id;
    org::save_position(&mut db, &c, position_input(&person, &unit, "局长", true)).unwrap();
    Fx { db, person }
}

fn input(person: &str, kind: &str, event: &str, reported: &str) -> FamilyChangeInput {
    FamilyChangeInput {
        id: None,
        person_id: person.into(),
        kind: kind.into(),
        event_date: event.into(),
        reported_date: reported.into(),
        description: "儿子在本县注册成立商贸公司".into(),
    }
}

/// Rows of the family change table and of the audit log: "nothing written" means both stay.
fn written(db: &Db) -> (i64, i64) {
    let one = |sql: &str| db.conn().query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (one("SELECT count(*) FROM family_change"), one("SELECT count(*) FROM audit_log"))
}

#[test]
fn a_report_on_the_30th_day_is_on_time_and_on_the_31st_late() {
    let mut f = fx();
    let c = at(TODAY);
    let on_time = family::save_family_change(&mut f.db, &c, input(&f.person, "配偶子女从业或经商变化", "2025-03-01", "2025-03-31")).unwrap();
    assert_eq!((on_time.report_days, on_time.late), (30, false));
    let late = family::save_family_change(&mut f.db, &c, input(&f.person, "配偶子女从业或经商变化", "2025-03-01", "2025-04-01")).unwrap();
    assert_eq!((late.report_days, late.late), (31, true));
    let same_day = family::save_family_change(&mut f.db, &c, input(&f.person, "婚丧喜庆事宜", "2025-05-01", "2025-05-01")).unwrap();
    assert_eq!((same_day.report_days, same_day.late), (0, false));

    // The person page shows the same answer, newest event first.
    let page = org::person_detail(&f.db, &c, &f.person).unwrap().family_changes;
    let shown: Vec<(&str, bool)> = page.iter().map(|v| (v.change.reported_date.as_str(), v.late)).collect();
    assert_eq!(shown, [("2025-05-01", false), ("2025-04-01", true), ("2025-03-31", false)]);
    assert_eq!(family::of_person(f.db.conn(), &f.person).unwrap(), page);
    assert!(page.iter().all(|v| v.person_name == "解志明"));

    // Correcting the report date moves the change across the line, both ways.
    let fixed = FamilyChangeInput { id: Some(late.change.id.clone()), ..input(&f.person, "配偶子女从业或经商变化", "2025-03-01", "2025-03-31") };
    assert!(!family::save_family_change(&mut f.db, &c, fixed).unwrap().late);
    let counts = service::counts(&f.db, &c).unwrap();
    assert_eq!((counts.family_changes, counts.family_changes_late), (3, 0));
}

#[test]
fn bad_input_is_refused_at_its_field_and_nothing_is_written() {
    let mut f = fx();
    let voided = org::save_person(&mut f.db, &at("2024-01-01"), person_input("已作废者")).unwrap().id;
    org::void_person(&mut f.db, &at("2024-01-01"), &voided, "录入重复").unwrap();
    let p = f.person.clone();
    let ok = |event: &str, reported: &str| input(&p, "婚姻变化", event, reported);
    let cases: Vec<(&str, FamilyChangeInput, &str, &str)> = vec![
        ("unknown kind", input(&p, "工作调动", "2025-03-01", "2025-03-05"), "kind", "变动类型“工作调动”不在规定的类型中"),
        ("empty kind", input(&p, " ", "2025-03-01", "2025-03-05"), "kind", "变动类型不能为空"),
        ("future event", ok("2025-07-01", "2025-06-30"), "event_date", "事项发生日期（2025-07-01）不能晚于今天（2025-06-30）"),
        ("future report", ok("2025-06-01", "2025-07-02"), "reported_date", "报告日期（2025-07-02）不能晚于今天"),
        ("reported before it happened", ok("2025-03-10", "2025-03-09"), "reported_date", "报告日期（2025-03-09）不能早于事项发生日期（2025-03-10）"),
        ("empty event date", ok("", "2025-03-09"), "event_date", "事项发生日期不能为空"),
        ("empty report date", ok("2025-03-09", " "), "reported_date", "报告日期不能为空"),
        ("event date that does not exist", ok("2025-02-29", "2025-03-09"), "event_date", "不是有效日期"),
        ("no person", input("", "婚姻变化", "2025-03-01", "2025-03-05"), "person_id", "报告人不能为空"),
        ("unknown person", input("no-such-id", "婚姻变化", "2025-03-01", "2025-03-05"), "person_id", "报告人不存在"),
        ("voided person", input(&voided, "婚姻变化", "2025-03-01", "2025-03-05"), "person_id", "已作废"),
        (
            "control character in the description",
            FamilyChangeInput { description: "甲\u{1b}乙".into(), ..ok("2025-03-01", "2025-03-05") },
            "description",
            "变动情况不能包含控制字符",
        ),
    ];
    let before = written(&f.db);
    for (name, i, field, message) in cases {
        let (got_field, got_message) = invalid(family::save_family_change(&mut f.db, &at(TODAY), i));
        assert_eq!(got_field, field, "{name}: {got_message}");
        assert!(got_message.contains(message), "{name}: {got_message}");
        assert_eq!(written(&f.db), before, "{name}: nothing written");
    }
}

#[test]
fn voiding_and_restoring_keep_the_record_and_leave_a_trail() {
    let mut f = fx();
    let c = at(TODAY);
    let id = family::save_family_change(&mut f.db, &c, input(&f.person, "房产或大额债务变化", "2025-01-10", "2025-03-01")).unwrap().change.id;
    let v = family::void_family_change(&mut f.db, &c, &id, "重复录入").unwrap();
    assert_eq!(v.change.meta.void_reason.as_deref(), Some("重复录入"));
    assert!(v.late, "a voided change still says how it was reported");
    let counts = service::counts(&f.db, &c).unwrap();
    assert_eq!((counts.family_changes, counts.family_changes_late), (0, 0), "voided ones are not counted");
    // The person page still lists it, voided.
    let page = org::person_detail(&f.db, &c, &f.person).unwrap().family_changes;
    assert_eq!(page.len(), 1);
    assert!(page[0].change.meta.voided_at.is_some());

    let (_, audit_before) = written(&f.db);
    assert!(matches!(family::void_family_change(&mut f.db, &c, &id, "再次"), Err(Error::Conflict(_))));
    let edit = FamilyChangeInput { id: Some(id.clone()), ..input(&f.person, "其他", "2025-01-10", "2025-01-11") };
    assert!(matches!(family::save_family_change(&mut f.db, &c, edit), Err(Error::Conflict(_))));
    assert_eq!(written(&f.db).1, audit_before, "refused actions write no audit row");

    family::restore_family_change(&mut f.db, &c, &id).unwrap();
    assert!(matches!(family::restore_family_change(&mut f.db, &c, &id), Err(Error::Conflict(_))));
    assert_eq!(invalid(family::void_family_change(&mut f.db, &c, &id, " ")).0, "reason");
    let counts = service::counts(&f.db, &c).unwrap();
    assert_eq!((counts.family_changes, counts.family_changes_late), (1, 1));
    let trail = org::audit_trail(&f.db, "family_change", &id).unwrap();
    let actions: Vec<&str> = trail.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["restore", "void", "create"]);
}

#[test]
fn a_change_on_file_can_be_corrected_after_its_person_was_voided() {
    let mut f = fx();
    let c = at(TODAY);
    let id = family::save_family_change(&mut f.db, &c, input(&f.person, "婚姻变化", "2025-01-10", "2025-01-20")).unwrap().change.id;
    let position = org::person_detail(&f.db, &c, &f.person).unwrap().positions[0].position.id.clone();
    org::void_position(&mut f.db, &c, &position, "调离").unwrap();
    org::void_person(&mut f.db, &c, &f.person, "调出本县").unwrap();
    let edit = FamilyChangeInput { id: Some(id), description: "更正说明".into(), ..input(&f.person, "婚姻变化", "2025-01-10", "2025-01-20") };
    assert_eq!(family::save_family_change(&mut f.db, &c, edit).unwrap().change.description, "更正说明");
}

#[test]
fn the_demo_county_has_family_changes_reported_late_and_on_time() {
    let mut db = Db::open_in_memory().unwrap();
    let c: Ctx = at("2026-05-20");
    demo::load(&mut db, &c).unwrap();
    let counts = service::counts(&db, &c).unwrap();
    assert_eq!((counts.family_changes, counts.family_changes_late), (6, 2));
    let all: Vec<FamilyChangeView> = {
        let mut stmt = db.conn().prepare("SELECT DISTINCT person_id FROM family_change").unwrap();
        let people: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
        assert_eq!(people.len(), 6, "six different people");
        people.iter().flat_map(|p| family::of_person(db.conn(), p).unwrap()).collect()
    };
    assert!(all.iter().any(|v| v.report_days == 30 && !v.late), "one reported on the 30th day, on time");
    assert!(all.iter().any(|v| v.report_days > 30 && v.late));
    let kinds: std::collections::BTreeSet<&str> = all.iter().map(|v| v.change.kind.as_str()).collect();
    assert_eq!(kinds.len(), 6);
    let audited: i64 = db.conn().query_row("SELECT count(*) FROM audit_log WHERE entity = 'family_change'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 6, "written through the service");
}
