//! 听取汇报 and 警示教育: what a clerk records on the 听取汇报和警示教育 page — the refusals that
//! write nothing, lists by year and unit, a unit's and a reporter's, void and restore — and the
//! demo county's, counted and printed by `jiandu check`.

#![allow(clippy::unwrap_used)]

use jiandu_core::cli::{self, Outcome};
use jiandu_core::model::education::*;
use jiandu_core::model::hearings::*;
use jiandu_core::service::{self, education, hearings, org};
use jiandu_core::{demo, Ctx, Db, Error};

mod support;
use support::*;

const TODAY: &str = "2026-03-10";

struct Fx {
    db: Db,
    town: String,
    bureau: String,
    secretary: String,
    head: String,
}

fn fx() -> Fx {
    let mut db = Db::open_in_memory().unwrap();
    let c = at("2024-01-01");
    let town = org::save_unit(&mut db, &c, unit_input("云溪县青石镇")).unwrap().id;
    let bureau = org::save_unit(&mut db, &c, unit_input("云溪县交通运输局")).unwrap().id;
    let secretary = org::save_person(&mut db, &c, person_input("曾国栋")).unwrap().id;
    let head = org::save_person(&mut db, &c, person_input("查文斌")).unwrap().id;
    org::save_position(&mut db, &c, position_input(&secretary, &town, "党委委员、纪委书记", false)).unwrap();
    org::save_position(&mut db, &c, position_input(&head, &bureau, "局长", true)).unwrap();
    Fx { db, town, bureau, secretary, head }
}

fn hearing(date: &str, unit: Option<&str>, person: Option<&str>, name: &str) -> HearingInput {
    HearingInput {
        id: None,
        date: date.into(),
        kind: "同级监督情况汇报".into(),
        unit_id: unit.map(str::to_string),
        reporter_person_id: person.map(str::to_string),
        reporter_name: name.into(),
        key_points: "开展同级监督情况".into(),
        follow_ups: "每季度报送监督情况".into(),
    }
}

fn session(date: &str, units: &[&str]) -> EducationInput {
    EducationInput {
        id: None,
        date: date.into(),
        kind: "警示教育片".into(),
        title: "观看警示教育片《零容忍》".into(),
        material: "集中观看并讨论".into(),
        participants: 40,
        unit_ids: units.iter().map(|u| u.to_string()).collect(),
        person_ids: Vec::new(),
    }
}

/// Rows of the three tables and of the audit log: "nothing written" means all stay.
fn written(db: &Db) -> Vec<i64> {
    ["hearing", "education", "education_unit", "education_person", "audit_log"]
        .iter()
        .map(|t| db.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap())
        .collect()
}

#[test]
fn hearings_are_listed_by_year_and_unit_and_found_from_the_unit_and_the_reporter() {
    let mut f = fx();
    let c = at(TODAY);
    let a = hearings::save_hearing(&mut f.db, &c, hearing("2025-11-20", Some(&f.town), Some(&f.secretary), "")).unwrap();
    assert_eq!(a.reporter, "曾国栋");
    assert_eq!(a.unit_name.as_deref(), Some("云溪县青石镇"));
    let b = hearings::save_hearing(
        &mut f.db,
        &c,
        HearingInput { kind: "派驻监督情况专题汇报".into(), ..hearing("2026-02-15", Some(&f.bureau), None, "派驻第二纪检监察组组长") },
    )
    .unwrap();
    assert_eq!((b.reporter.as_str(), b.reporter_person_name.as_deref()), ("派驻第二纪检监察组组长", None));
    // A reporter without a unit is enough; both a roster name and a typed one are shown together.
    let both = hearings::save_hearing(&mut f.db, &c, hearing("2026-03-01", None, Some(&f.secretary), "镇纪委书记")).unwrap();
    assert_eq!(both.reporter, "曾国栋（镇纪委书记）");

    let list = |db: &Db, year: Option<i32>, unit: Option<&str>| -> Vec<String> {
        hearings::list(db.conn(), &HearingFilter { year, unit_id: unit.map(str::to_string), voided: false })
            .unwrap()
            .into_iter()
            .map(|r| r.hearing.date)
            .collect()
    };
    assert_eq!(list(&f.db, None, None), ["2026-03-01", "2026-02-15", "2025-11-20"], "newest first");
    assert_eq!(list(&f.db, Some(2025), None), ["2025-11-20"]);
    assert_eq!(list(&f.db, Some(2026), Some(&f.bureau)), ["2026-02-15"]);
    assert_eq!(hearings::of_unit(f.db.conn(), &f.town).unwrap().len(), 1);
    assert_eq!(hearings::of_person(f.db.conn(), &f.secretary).unwrap().len(), 2);
    assert_eq!(hearings::options(f.db.conn()).unwrap().years, [2026, 2025]);

    // Void: off the list, on the voided list, still on the unit's; restore brings it back.
    hearings::void_hearing(&mut f.db, &c, &b.hearing.id, "重复录入").unwrap();
    assert_eq!(list(&f.db, None, None), ["2026-03-01", "2025-11-20"]);
    let voided = hearings::list(f.db.conn(), &HearingFilter { voided: true, ..Default::default() }).unwrap();
    assert_eq!(voided.len(), 1);
    assert!(hearings::of_unit(f.db.conn(), &f.bureau).unwrap()[0].hearing.meta.voided_at.is_some());
    assert_eq!(service::counts(&f.db, &c).unwrap().hearings, 2);
    let edit = HearingInput { id: Some(b.hearing.id.clone()), ..hearing("2026-02-15", Some(&f.bureau), None, "组长") };
    assert!(matches!(hearings::save_hearing(&mut f.db, &c, edit), Err(Error::Conflict(_))), "a voided hearing is not edited");
    hearings::restore_hearing(&mut f.db, &c, &b.hearing.id).unwrap();
    assert!(matches!(hearings::restore_hearing(&mut f.db, &c, &b.hearing.id), Err(Error::Conflict(_))));
    assert_eq!(service::counts(&f.db, &c).unwrap().hearings, 3);
    let trail = org::audit_trail(&f.db, "hearing", &b.hearing.id).unwrap();
    assert_eq!(trail.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["restore", "void", "create"]);
}

#[test]
fn bad_hearings_are_refused_at_their_field_and_nothing_is_written() {
    let mut f = fx();
    let gone = org::save_unit(&mut f.db, &at("2024-01-01"), unit_input("云溪县已撤销局")).unwrap().id;
    org::void_unit(&mut f.db, &at("2024-01-01"), &gone, "机构改革").unwrap();
    let (t, s) = (f.town.clone(), f.secretary.clone());
    let ok = || hearing("2026-03-01", Some(&t), Some(&s), "");
    let cases: Vec<(&str, HearingInput, &str, &str)> = vec![
        ("neither unit nor reporter", hearing("2026-03-01", None, None, "  "), "unit_id", "汇报单位和汇报人至少填写一项"),
        ("unknown kind", HearingInput { kind: "述职述廉".into(), ..ok() }, "kind", "汇报类型“述职述廉”不在规定的类型中"),
        ("future date", HearingInput { date: "2026-03-11".into(), ..ok() }, "date", "汇报日期（2026-03-11）不能晚于今天"),
        ("empty date", HearingInput { date: String::new(), ..ok() }, "date", "汇报日期不能为空"),
        ("voided unit", HearingInput { unit_id: Some(gone.clone()), ..ok() }, "unit_id", "已作废"),
        ("unknown reporter", HearingInput { reporter_person_id: Some("no-such".into()), ..ok() }, "reporter_person_id", "汇报人不存在"),
        ("line break in the typed reporter", HearingInput { reporter_name: "组长\n副组长".into(), ..ok() }, "reporter_name", "不能换行"),
        ("control character in key points", HearingInput { key_points: "甲\u{0}乙".into(), ..ok() }, "key_points", "汇报要点不能包含控制字符"),
    ];
    let before = written(&f.db);
    for (name, i, field, message) in cases {
        let (got_field, got_message) = invalid(hearings::save_hearing(&mut f.db, &at(TODAY), i));
        assert_eq!(got_field, field, "{name}: {got_message}");
        assert!(got_message.contains(message), "{name}: {got_message}");
        assert_eq!(written(&f.db), before, "{name}: nothing written");
    }
}

#[test]
fn education_keeps_its_units_and_people_and_is_found_from_each_unit() {
    let mut f = fx();
    let c = at(TODAY);
    let mut i = session("2025-12-01", &[&f.town, &f.bureau, &f.town, " "]);
    i.person_ids = vec![f.head.clone(), f.secretary.clone()];
    let row = education::save_education(&mut f.db, &c, i).unwrap();
    assert_eq!(row.units.len(), 2, "a unit given twice is one unit, a blank is none");
    assert_eq!(row.people.len(), 2);
    education::save_education(&mut f.db, &c, session("2026-02-01", &[&f.bureau])).unwrap();

    let list = |db: &Db, year: Option<i32>, unit: Option<&str>| -> Vec<String> {
        education::list(db.conn(), &EducationFilter { year, unit_id: unit.map(str::to_string), voided: false })
            .unwrap()
            .into_iter()
            .map(|r| r.education.date)
            .collect()
    };
    assert_eq!(list(&f.db, None, None), ["2026-02-01", "2025-12-01"]);
    assert_eq!(list(&f.db, None, Some(&f.town)), ["2025-12-01"]);
    assert_eq!(list(&f.db, Some(2026), Some(&f.bureau)), ["2026-02-01"]);
    assert_eq!(list(&f.db, Some(2024), None), Vec::<String>::new());
    assert_eq!(education::of_unit(f.db.conn(), &f.bureau).unwrap().len(), 2);
    assert_eq!(education::of_person(f.db.conn(), &f.head).unwrap().len(), 1);

    // Editing replaces the units and people; the audit row says what they were and became.
    let edit = EducationInput { id: Some(row.education.id.clone()), participants: 0, ..session("2025-12-01", &[&f.town]) };
    let edited = education::save_education(&mut f.db, &c, edit).unwrap();
    assert_eq!((edited.units.len(), edited.people.len(), edited.education.participants), (1, 0, 0));
    assert_eq!(list(&f.db, None, Some(&f.bureau)), ["2026-02-01"]);
    let trail = org::audit_trail(&f.db, "education", &row.education.id).unwrap();
    let before: Education = serde_json::from_str(trail[0].before.as_deref().unwrap()).unwrap();
    assert_eq!(before.unit_ids.len(), 2);

    education::void_education(&mut f.db, &c, &row.education.id, "录入错误").unwrap();
    assert_eq!(list(&f.db, None, None), ["2026-02-01"]);
    assert_eq!(service::counts(&f.db, &c).unwrap().education, 1);
    assert!(matches!(education::void_education(&mut f.db, &c, &row.education.id, "再次"), Err(Error::Conflict(_))));
    education::restore_education(&mut f.db, &c, &row.education.id).unwrap();
    assert_eq!(service::counts(&f.db, &c).unwrap().education, 2);
}

#[test]
fn bad_education_is_refused_at_its_field_and_nothing_is_written() {
    let mut f = fx();
    let gone = org::save_person(&mut f.db, &at("2024-01-01"), person_input("已作废者")).unwrap().id;
    org::void_person(&mut f.db, &at("2024-01-01"), &gone, "录入重复").unwrap();
    let t = f.town.clone();
    let ok = || session("2026-03-01", &[&t]);
    let cases: Vec<(&str, EducationInput, &str, &str)> = vec![
        ("no unit", session("2026-03-01", &[]), "unit_ids", "参加单位不能为空"),
        ("only blank units", session("2026-03-01", &[" "]), "unit_ids", "参加单位不能为空"),
        ("unknown unit", session("2026-03-01", &["no-such"]), "unit_ids", "参加单位不存在"),
        ("negative participants", EducationInput { participants: -3, ..ok() }, "participants", "参加人数应为0至100000之间的整数，现为-3"),
        ("too many participants", EducationInput { participants: 100_001, ..ok() }, "participants", "参加人数应为0至100000之间的整数"),
        ("unknown kind", EducationInput { kind: "读书班".into(), ..ok() }, "kind", "教育形式“读书班”不在规定的形式中"),
        ("empty title", EducationInput { title: " ".into(), ..ok() }, "title", "教育主题不能为空"),
        ("future date", EducationInput { date: "2026-04-01".into(), ..ok() }, "date", "教育日期（2026-04-01）不能晚于今天"),
        ("voided person", EducationInput { person_ids: vec![gone.clone()], ..ok() }, "person_ids", "参加人员“已作废者”已作废"),
        ("line break in the title", EducationInput { title: "观看\n警示片".into(), ..ok() }, "title", "教育主题不能换行"),
    ];
    let before = written(&f.db);
    for (name, i, field, message) in cases {
        let (got_field, got_message) = invalid(education::save_education(&mut f.db, &at(TODAY), i));
        assert_eq!(got_field, field, "{name}: {got_message}");
        assert!(got_message.contains(message), "{name}: {got_message}");
        assert_eq!(written(&f.db), before, "{name}: nothing written");
    }
}

#[test]
fn the_demo_county_has_hearings_and_education_over_two_years_and_jiandu_check_prints_them() {
    let mut db = Db::open_in_memory().unwrap();
    let c: Ctx = at("2026-05-20");
    demo::load(&mut db, &c).unwrap();
    let counts = service::counts(&db, &c).unwrap();
    assert_eq!((counts.hearings, counts.education), (6, 6));
    let hs = hearings::list(db.conn(), &HearingFilter::default()).unwrap();
    let kinds: std::collections::BTreeSet<&str> = hs.iter().map(|h| h.hearing.kind.as_str()).collect();
    assert_eq!(kinds.len(), 2, "同级监督 and 派驻监督 both heard");
    assert!(hs.iter().all(|h| h.unit_name.is_some() && !h.reporter.is_empty()));
    let units: std::collections::BTreeSet<&str> = hs.iter().filter_map(|h| h.unit_name.as_deref()).collect();
    assert_eq!(units.len(), 6, "spread over the county");
    let es = education::list(db.conn(), &EducationFilter::default()).unwrap();
    assert!(es.iter().all(|e| !e.units.is_empty()));
    let years: std::collections::BTreeSet<&str> = es.iter().map(|e| &e.education.date[..4]).chain(hs.iter().map(|h| &h.hearing.date[..4])).collect();
    assert!(years.len() >= 2, "over two years: {years:?}");

    // `jiandu check` on the demo county says how many there are.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let run = |args: &[&str]| {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = match cli::run(["jiandu", "--data-dir", d, "--today", "2026-05-20"].into_iter().chain(args.iter().copied()), &mut out, &mut err) {
            Outcome::Exit(c) => c,
            Outcome::OpenWindow { .. } => -1,
        };
        (code, String::from_utf8_lossy(&out).into_owned())
    };
    assert_eq!(run(&["demo"]).0, 0);
    let (code, out) = run(&["check"]);
    assert_eq!(code, 0, "{out}");
    for line in ["家庭重大变动 6（逾期报告 2）", "听取汇报 6", "警示教育 6"] {
        assert!(out.lines().any(|l| l == line), "“{line}” in:\n{out}");
    }
}
