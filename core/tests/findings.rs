//! 监督发现问题: a finding's rectification items work like a talk's — deadlines in 工作日 from the
//! found date, progress, 销号, overdue on the worklist — its status follows its items, refusals
//! write nothing, and a retired source stays on the findings that have it but is not offered anew.

#![allow(clippy::unwrap_used)]

use jiandu_core::model::dicts::{Dict, DictEntry};
use jiandu_core::model::findings::*;
use jiandu_core::model::items::{ItemInput, ItemStatus, OriginKind};
use jiandu_core::service::{self, dicts, findings, items, org, worklist};
use jiandu_core::{Db, Error};

mod support;
use support::*;

struct Fx {
    db: Db,
    person: String,
    unit: String,
}

fn fx() -> Fx {
    let mut db = Db::open_in_memory().unwrap();
    let c = at("2024-01-01");
    let unit = org::save_unit(&mut db, &c, unit_input("云溪县住房和城乡建设局")).unwrap().id;
    let person = org::save_person(&mut db, &c, person_input("冉志坚")).unwrap().id;
    org::save_position(&mut db, &c, position_input(&person, &unit, "局长", true)).unwrap();
    Fx { db, person, unit }
}

fn input(person: &str, unit: &str, source: &str, date: &str) -> FindingInput {
    FindingInput {
        id: None,
        source: source.into(),
        focus_area: Some("规范行使权力".into()),
        person_id: Some(person.into()),
        unit_id: Some(unit.into()),
        found_date: date.into(),
        description: "工程项目变更未经党组会集体研究".into(),
        seriousness: Seriousness::Serious,
    }
}

fn item(finding: &str, workdays: Option<i64>, due: Option<&str>) -> ItemInput {
    ItemInput {
        id: None,
        origin_kind: OriginKind::Finding,
        origin_id: finding.into(),
        problem: "补充集体决策程序".into(),
        measure: "修订“三重一大”决策制度".into(),
        responsible_person_id: None,
        responsible_unit_id: None,
        due_date: due.map(str::to_string),
        due_workdays: workdays,
    }
}

fn audit_rows(db: &Db) -> i64 {
    service::counts(db, &at("2026-01-01")).unwrap().audit_rows
}

#[test]
fn a_findings_items_count_workdays_from_the_found_date_close_and_show_overdue_on_the_worklist() {
    let mut f = fx();
    // Friday 26 September 2025, before the 国庆节、中秋节 (1–8 October) with 调休 on Sunday 28 September.
    let finding = findings::save_finding(&mut f.db, &at("2025-09-30"), input(&f.person, &f.unit, "专项检查", "2025-09-26")).unwrap();
    assert_eq!(finding.status, FindingStatus::NoItems);
    let id = finding.finding.id.clone();

    let c = at("2025-09-30");
    let five = items::save_item(&mut f.db, &c, item(&id, Some(5), None)).unwrap();
    // 28 Sep (调休), 29, 30 Sep, then 9 and 10 October after the holiday.
    assert_eq!(five.item.due_date, "2025-10-10");
    assert_eq!(five.item.origin_date, "2025-09-26");
    let other = items::save_item(&mut f.db, &c, item(&id, None, Some("2025-12-31"))).unwrap();
    let row = findings::finding_row(&f.db, &c, &id).unwrap();
    assert_eq!((row.status, row.items_total, row.open_items), (FindingStatus::Rectifying, 2, 2));

    // On 13 October the 5-day item is overdue: on the worklist and on the finding's row.
    let late = at("2025-10-13");
    let w = worklist::worklist(&f.db, &late).unwrap();
    let due = w.items_due.iter().find(|d| d.id == five.item.id).expect("the overdue item is on the worklist");
    assert!(due.overdue && due.origin_kind == OriginKind::Finding && due.origin_id == id);
    assert_eq!(w.items_overdue_total, 1);
    assert!(!w.items_due.iter().any(|d| d.id == other.item.id), "not due within 7 days");
    assert_eq!(findings::finding_row(&f.db, &late, &id).unwrap().overdue_items, 1);

    // Progress and 销号 as on a talk's item; the finding is 已整改 once every item is closed.
    items::add_progress(&mut f.db, &late, &five.item.id, "2025-10-11", "已召开党组会补充研究").unwrap();
    let closed = items::close_item(&mut f.db, &late, &five.item.id, "2025-10-13", "党组会纪要").unwrap();
    assert_eq!(closed.item.status, ItemStatus::Closed);
    assert!(!worklist::worklist(&f.db, &late).unwrap().items_due.iter().any(|d| d.id == five.item.id));
    assert_eq!(findings::finding_row(&f.db, &late, &id).unwrap().status, FindingStatus::Rectifying);
    items::close_item(&mut f.db, &late, &other.item.id, "2025-10-13", "制度已印发").unwrap();
    assert_eq!(findings::finding_row(&f.db, &late, &id).unwrap().status, FindingStatus::Rectified);
    let list = findings::list_findings(&f.db, &late, &FindingFilter { status: Some(FindingStatus::Rectified), ..FindingFilter::default() }).unwrap();
    assert_eq!(list.len(), 1);
    let detail = findings::finding_detail(&f.db, &late, &id).unwrap();
    assert_eq!(detail.items.len(), 2);
    // The person's page lists it.
    let page = org::person_detail(&f.db, &late, &f.person).unwrap();
    assert_eq!(page.findings.iter().map(|r| r.finding.id.as_str()).collect::<Vec<_>>(), vec![id.as_str()]);
    // …and the 廉政档案 carries it, with the core's status, and a timeline entry opening it.
    let file = jiandu_core::service::person_file::person_file(f.db.conn(), &late, &f.person).unwrap();
    let section = file.sections.iter().find(|s| s.key == "findings").unwrap();
    assert_eq!(section.rows, vec![vec!["2025年9月26日".to_string(), "专项检查".into(), "工程项目变更未经党组会集体研究".into(), "较重".into(), "已整改".into()]]);
    assert!(file.timeline.iter().any(|e| e.link.kind == "finding" && e.link.id == id && e.date == "2025-09-26"));

    // Moving the found date moves the 工作日 deadline with it.
    let mut moved = input(&f.person, &f.unit, "专项检查", "2025-09-29");
    moved.id = Some(id.clone());
    findings::save_finding(&mut f.db, &late, moved).unwrap();
    let again = items::item_detail(&f.db, &late, &five.item.id).unwrap();
    assert_eq!((again.view.item.origin_date.as_str(), again.view.item.due_date.as_str()), ("2025-09-29", "2025-10-13"));
}

#[test]
fn a_voided_finding_gets_no_items_and_its_items_come_back_only_with_it() {
    let mut f = fx();
    let c = at("2025-06-10");
    let id = findings::save_finding(&mut f.db, &c, input(&f.person, &f.unit, "日常监督", "2025-06-01")).unwrap().finding.id;
    let it = items::save_item(&mut f.db, &c, item(&id, Some(10), None)).unwrap();
    // With a live item the finding cannot be voided.
    assert!(matches!(findings::void_finding(&mut f.db, &c, &id, "录入错误"), Err(Error::Conflict(_))));
    items::void_item(&mut f.db, &c, &it.item.id, "录入错误").unwrap();
    findings::void_finding(&mut f.db, &c, &id, "录入错误").unwrap();
    let before = audit_rows(&f.db);
    let r = items::save_item(&mut f.db, &c, item(&id, Some(10), None));
    assert!(matches!(&r, Err(Error::Conflict(m)) if m.contains("已作废")), "{r:?}");
    assert!(matches!(items::restore_item(&mut f.db, &c, &it.item.id), Err(Error::Conflict(_))));
    assert_eq!(audit_rows(&f.db), before, "refusals write nothing");
    findings::restore_finding(&mut f.db, &c, &id).unwrap();
    items::restore_item(&mut f.db, &c, &it.item.id).unwrap();
    assert_eq!(findings::finding_row(&f.db, &c, &id).unwrap().status, FindingStatus::Rectifying);
}

#[test]
fn bad_findings_are_refused_at_their_field_and_write_nothing() {
    let mut f = fx();
    let c = at("2025-06-10");
    let before = audit_rows(&f.db);
    let none = FindingInput { person_id: None, unit_id: Some("  ".into()), ..input(&f.person, &f.unit, "日常监督", "2025-06-01") };
    assert_eq!(invalid(findings::save_finding(&mut f.db, &c, none)).0, "person_id");
    assert_eq!(invalid(findings::save_finding(&mut f.db, &c, input(&f.person, &f.unit, "日常监督", "2025-06-11"))).0, "found_date");
    assert_eq!(invalid(findings::save_finding(&mut f.db, &c, input(&f.person, &f.unit, "小道消息", "2025-06-01"))).0, "source");
    let no_text = FindingInput { description: " \n ".into(), ..input(&f.person, &f.unit, "日常监督", "2025-06-01") };
    assert_eq!(invalid(findings::save_finding(&mut f.db, &c, no_text)).0, "description");
    let area = FindingInput { focus_area: Some("不存在的重点".into()), ..input(&f.person, &f.unit, "日常监督", "2025-06-01") };
    assert_eq!(invalid(findings::save_finding(&mut f.db, &c, area)).0, "focus_area");
    let ctl = FindingInput { description: "含\u{7}控制字符".into(), ..input(&f.person, &f.unit, "日常监督", "2025-06-01") };
    assert_eq!(invalid(findings::save_finding(&mut f.db, &c, ctl)).0, "description");
    // A fixed deadline before the found date is refused on the item's due date.
    let id = findings::save_finding(&mut f.db, &c, input(&f.person, &f.unit, "日常监督", "2025-06-01")).unwrap().finding.id;
    let after_save = audit_rows(&f.db);
    assert_eq!(invalid(items::save_item(&mut f.db, &c, item(&id, None, Some("2025-05-31")))).0, "due_date");
    assert_eq!(audit_rows(&f.db), after_save);
    assert_eq!(after_save, before + 1, "only the one good finding was written");
}

#[test]
fn a_retired_source_stays_valid_on_a_finding_that_has_it_but_not_on_a_new_one() {
    let mut f = fx();
    let c = at("2025-06-10");
    let saved = findings::save_finding(&mut f.db, &c, input(&f.person, &f.unit, "舆论监督", "2025-06-01")).unwrap();
    let retired: Vec<DictEntry> = dicts::entries(f.db.conn(), Dict::FindingSources)
        .unwrap()
        .into_iter()
        .map(|e| DictEntry { retired: e.name == "舆论监督", ..e })
        .collect();
    dicts::save(&mut f.db, &c, Dict::FindingSources, retired).unwrap();
    assert!(!findings::options(&f.db).unwrap().sources.contains(&"舆论监督".to_string()), "no longer offered");

    let mut edit = input(&f.person, &f.unit, "舆论监督", "2025-06-01");
    edit.id = Some(saved.finding.id.clone());
    edit.description = "补充：媒体曝光后仍未整改".into();
    let edited = findings::save_finding(&mut f.db, &c, edit).unwrap();
    assert_eq!(edited.finding.source, "舆论监督");

    let (field, message) = invalid(findings::save_finding(&mut f.db, &c, input(&f.person, &f.unit, "舆论监督", "2025-06-02")));
    assert_eq!(field, "source");
    assert!(message.contains("已停用"), "{message}");
}

#[test]
fn the_demo_county_has_findings_and_clues_and_jiandu_check_counts_them() {
    use jiandu_core::cli::{self, Outcome};
    use jiandu_core::model::clues::{ClueDisposal, ClueFilter};
    use jiandu_core::service::clues;
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().expect("utf8");
    let run = |args: &[&str]| {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = match cli::run(std::iter::once("jiandu").chain(args.iter().copied()), &mut out, &mut err) {
            Outcome::Exit(c) => c,
            Outcome::OpenWindow { .. } => -1,
        };
        (code, String::from_utf8_lossy(&out).into_owned())
    };
    assert_eq!(run(&["--data-dir", d, "demo"]).0, 0);
    let (code, out) = run(&["--data-dir", d, "check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.lines().any(|l| l == "监督发现问题 6（整改中 4）"), "{out}");
    assert!(out.lines().any(|l| l == "问题线索 6（未处置 1）"), "{out}");

    let db = Db::open(&dir.path().join("jiandu.db")).unwrap();
    let c = jiandu_core::Ctx::system("测试员");
    let all = findings::list_findings(&db, &c, &FindingFilter::default()).unwrap();
    let mut sources: Vec<&str> = all.iter().map(|r| r.finding.source.as_str()).collect();
    sources.dedup();
    assert!(sources.len() >= 4, "{sources:?}");
    assert!(all.iter().any(|r| r.overdue_items > 0), "an overdue item");
    assert!(all.iter().any(|r| r.status == FindingStatus::Rectified), "a finding rectified");
    assert!(all.iter().any(|r| r.status == FindingStatus::NoItems));
    let clue_rows = clues::list_clues(&db, &ClueFilter::default()).unwrap();
    for d in ClueDisposal::ALL {
        assert!(clue_rows.iter().any(|r| r.clue.disposal == Some(d)), "{d:?}");
    }
    assert_eq!(clue_rows.iter().filter(|r| r.talk_id.is_some()).count(), 1, "one 谈话函询 held and linked");
    assert_eq!(clue_rows.iter().filter(|r| r.talk_awaited).count(), 1, "one awaiting its talk");
    assert!(db.integrity_problems().unwrap().is_empty());
}
