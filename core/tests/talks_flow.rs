//! Supervision talks and their rectification loop as a clerk meets them: the "done when"
//! scenario with the clock moved by the test, refusals that write nothing, the audit trail, the
//! talk plan and coverage, and the demo county.

use chrono::NaiveDate;
use jiandu_core::model::items::{ItemInput, ItemStatus, OriginKind};
use jiandu_core::model::talks::{PlanEntryInput, TalkFilter, TalkInput, TalkKind, TalkState, TalkSubjectInput};
use jiandu_core::model::worklist::{WorkEntity};
use jiandu_core::model::{Gender, PersonInput, PositionInput, UnitCategory, UnitInput, UnitStatus};
use jiandu_core::service::{self, org, talks, worklist, items};
use jiandu_core::{demo, Ctx, Db, Error};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn at(s: &str) -> Ctx {
    Ctx::at("测试员", day(s))
}

struct County {
    db: Db,
    unit: String,
    head: String,
    deputy: String,
    secretary: String,
}

fn person(db: &mut Db, ctx: &Ctx, name: &str) -> String {
    org::save_person(
        db,
        ctx,
        PersonInput {
            id: None,
            name: name.into(),
            gender: Some(Gender::Male),
            ethnicity: "汉族".into(),
            birth_date: Some("1975-03-04".into()),
            party_join_date: None,
            education: String::new(),
            id_number: None,
            phone: String::new(),
            notes: String::new(),
        },
    )
    .expect("person")
    .id
}

fn position(db: &mut Db, ctx: &Ctx, person: &str, unit: &str, title: &str, head: bool) {
    org::save_position(
        db,
        ctx,
        PositionInput {
            id: None,
            person_id: person.into(),
            unit_id: unit.into(),
            title: title.into(),
            rank: String::new(),
            is_head: head,
            is_leadership: true,
            portfolio: String::new(),
            start_date: Some("2020-01-01".into()),
            end_date: None,
        },
    )
    .expect("position");
}

fn county(ctx: &Ctx) -> County {
    let mut db = Db::open_in_memory().expect("db");
    let unit = org::save_unit(
        &mut db,
        ctx,
        UnitInput {
            id: None,
            name: "云溪县水利局".into(),
            short_name: "县水利局".into(),
            category: UnitCategory::GovernmentDepartment,
            parent_id: None,
            supervisor: "派驻第二纪检监察组".into(),
            status: UnitStatus::Active,
            sort_order: 0,
            notes: String::new(),
        },
    )
    .expect("unit")
    .id;
    let head = person(&mut db, ctx, "覃建国");
    position(&mut db, ctx, &head, &unit, "党组书记、局长", true);
    let deputy = person(&mut db, ctx, "单立新");
    position(&mut db, ctx, &deputy, &unit, "党组成员、副局长", false);
    let secretary = person(&mut db, ctx, "曾国栋");
    County { db, unit, head, deputy, secretary }
}

fn talk_input(kind: TalkKind, date: &str, subject: &str, conductor: Option<&str>) -> TalkInput {
    TalkInput {
        id: None,
        kind,
        held: true,
        date: date.into(),
        place: "县纪委监委谈话室".into(),
        conductor_person_id: conductor.map(str::to_string),
        conductor_role: if conductor.is_none() { "县纪委书记、监委主任".into() } else { String::new() },
        recorder: "林晓".into(),
        attendees: String::new(),
        source: "考核结果".into(),
        focus_areas: vec!["加强政治建设".into(), "规范行使权力".into()],
        outline: "听取履职情况汇报".into(),
        problems: vec!["“三重一大”决策程序不规范".into(), "对班子成员监督偏软".into()],
        remedies: vec!["修订“三重一大”决策实施办法".into(), "建立班子成员谈话常态化机制".into()],
        statement: "接受批评，认真整改".into(),
        commitment_signed: true, assessment_id: None, clue_id: None,
        subjects: vec![TalkSubjectInput { person_id: subject.into(), unit_id: None }],
    }
}

fn item_input(talk: &str, problem: &str, workdays: i64) -> ItemInput {
    ItemInput {
        id: None,
        origin_kind: OriginKind::Talk,
        origin_id: talk.into(),
        problem: problem.into(),
        measure: "逐项整改".into(),
        responsible_person_id: None,
        responsible_unit_id: None,
        due_date: None,
        due_workdays: Some(workdays),
    }
}

fn rows(db: &Db) -> Vec<i64> {
    ["talk", "talk_subject", "talk_point", "rectification_item", "item_progress", "talk_plan", "calendar_year", "audit_log"]
        .iter()
        .map(|t| db.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).expect("count"))
        .collect()
}

fn invalid_field(r: Result<impl std::fmt::Debug, Error>) -> (String, String) {
    match r {
        Err(Error::Invalid { field, message }) => (field, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn summons_with_two_items_across_national_day_closes_when_the_last_item_does() {
    let held_on = at("2024-09-27");
    let mut c = county(&held_on);
    let head = c.head.clone();
    let talk = talks::save_talk(&mut c.db, &held_on, talk_input(TalkKind::Summons, "2024-09-27", &head, None)).expect("talk");
    assert_eq!(talk.talk.state, TalkState::Held);
    assert_eq!(talk.talk.problems.len(), 2);
    assert_eq!(talk.talk.remedies[1], "建立班子成员谈话常态化机制");
    assert_eq!(talk.subjects[0].unit_id.as_deref(), Some(c.unit.as_str()), "the subject's unit at the time");
    assert_eq!(talk.subjects[0].title, "党组书记、局长");
    assert_eq!(talk.conductor, "县纪委书记、监委主任");
    let id = talk.talk.id.clone();

    let a = items::save_item(&mut c.db, &held_on, item_input(&id, "“三重一大”决策程序不规范", 10)).expect("item a");
    let b = items::save_item(&mut c.db, &held_on, item_input(&id, "对班子成员监督偏软", 10)).expect("item b");
    // 9-29 (Sunday) is a 调休 workday, 10-1..7 are off, 10-12 (Saturday) is a 调休 workday.
    assert_eq!(a.item.due_date, "2024-10-16");
    assert_eq!(b.item.due_date, "2024-10-16");
    assert!(!a.item.due_estimated);
    assert_eq!(a.item.due_workdays, Some(10));
    assert_eq!(talks::talk_detail(&c.db, &held_on, &id).expect("d").talk.state, TalkState::Rectifying);

    let before = worklist::worklist(&c.db, &at("2024-10-10")).expect("worklist");
    assert_eq!(before.items_due_total, 2, "both due within 7 days");
    assert_eq!(before.items_overdue_total, 0);
    assert!(before.items_due.iter().any(|i| i.id == a.item.id && i.days_left == 6 && !i.overdue));
    assert_eq!((before.figures.items_total, before.figures.items_closed), (2, 0));
    assert_eq!(before.figures.completion_percent, Some(0.0));

    let progress_day = at("2024-10-09");
    items::add_progress(&mut c.db, &progress_day, &a.item.id, "2024-10-09", "已修订决策实施办法初稿").expect("progress");
    let closing_day = at("2024-10-12");
    let closed = items::close_item(&mut c.db, &closing_day, &a.item.id, "2024-10-11", "印发《“三重一大”决策实施办法》").expect("close");
    assert_eq!(closed.item.status, ItemStatus::Closed);
    assert_eq!(closed.item.closed_date.as_deref(), Some("2024-10-11"));
    assert_eq!(talks::talk_detail(&c.db, &closing_day, &id).expect("d").talk.state, TalkState::Rectifying, "one item still open");
    let detail = items::item_detail(&c.db, &closing_day, &a.item.id).expect("detail");
    assert_eq!(detail.progress.len(), 1);

    // The clock passes the other item's date: it turns overdue, nothing stored changes.
    let on_due = at("2024-10-16");
    assert!(!items::item_detail(&c.db, &on_due, &b.item.id).expect("b").view.overdue, "due today is not overdue");
    let late = at("2024-10-17");
    let view = items::item_detail(&c.db, &late, &b.item.id).expect("b").view;
    assert!(view.overdue);
    assert_eq!(view.days_left, Some(-1));
    let after = worklist::worklist(&c.db, &late).expect("worklist");
    assert_eq!(after.items_due_total, 1);
    assert_eq!(after.items_overdue_total, 1);
    assert_eq!(after.items_due[0].id, b.item.id, "the entry opens the overdue item");
    assert!(after.items_due[0].overdue);
    assert_eq!((after.figures.items_total, after.figures.items_closed), (2, 1));
    assert_eq!(after.figures.completion_percent, Some(50.0));
    assert!(after.figures.summary.contains("整改完成率 50.0%"), "{}", after.figures.summary);
    let row = talks::talks_of_person(&c.db, &late, &head).expect("rows");
    assert_eq!((row[0].open_items, row[0].overdue_items), (1, 1));

    items::close_item(&mut c.db, &late, &b.item.id, "2024-10-17", "已建立谈话机制").expect("close b");
    let done = talks::talk_detail(&c.db, &late, &id).expect("d");
    assert_eq!(done.talk.state, TalkState::Closed);
    let w = worklist::worklist(&c.db, &late).expect("worklist");
    assert_eq!(w.items_due_total, 0);
    assert_eq!(w.figures.completion_percent, Some(100.0));
    let trail = org::audit_trail(&c.db, "talk", &id).expect("trail");
    let actions: Vec<&str> = trail.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "state", "state"], "created, 已谈话→整改中, 整改中→已销号");
    assert_eq!(trail[0].after.as_deref(), Some("\"已销号\""));
}

#[test]
fn supervision_talks_move_the_worklist_and_coverage() {
    let ctx = at("2026-03-10");
    let mut c = county(&ctx);
    let (head, secretary) = (c.head.clone(), c.secretary.clone());
    let w = worklist::worklist(&c.db, &ctx).expect("w");
    assert_eq!(w.heads_without_talk_total, 1);
    assert_eq!(w.heads_without_talk[0].id, head);
    assert_eq!(w.heads_without_talk[0].entity, WorkEntity::Person);
    assert_eq!(w.figures.supervision_talks, 0);
    assert_eq!((w.figures.heads_covered, w.figures.heads_in_scope), (0, 1));

    // A planned talk this month shows up as planned, and does not count as held.
    let mut planned = talk_input(TalkKind::Supervision, "2026-03-20", &head, Some(&secretary));
    planned.held = false;
    planned.problems.clear();
    planned.remedies.clear();
    let p = talks::save_talk(&mut c.db, &ctx, planned).expect("planned");
    assert_eq!(p.talk.state, TalkState::Planned);
    let w = worklist::worklist(&c.db, &ctx).expect("w");
    assert_eq!(w.planned_this_month.len(), 1);
    assert_eq!(w.planned_this_month[0].id, p.talk.id);
    assert_eq!(w.heads_without_talk_total, 1);
    let err = items::save_item(&mut c.db, &ctx, item_input(&p.talk.id, "x", 5)).expect_err("refused");
    assert_eq!(err.code(), "conflict", "no items before the talk is held");

    let later = at("2026-03-20");
    let held = talks::record_talk_held(&mut c.db, &later, &p.talk.id, "2026-03-20").expect("held");
    assert_eq!(held.talk.state, TalkState::Held);
    let w = worklist::worklist(&c.db, &later).expect("w");
    assert!(w.planned_this_month.is_empty());
    assert_eq!(w.heads_without_talk_total, 0);
    assert_eq!(w.figures.supervision_talks, 1);
    assert_eq!((w.figures.heads_covered, w.figures.heads_in_scope), (1, 1));
    assert!(w.figures.summary.starts_with("2026年以来开展监督谈话 1 次，覆盖一把手 1 人"), "{}", w.figures.summary);
    // Twelve months and a day later the head is back on the list, with the last talk to open.
    let next_year = at("2027-03-21");
    let w = worklist::worklist(&c.db, &next_year).expect("w");
    assert_eq!(w.heads_without_talk_total, 1);
    assert_eq!(w.heads_without_talk[0].last_talk_id.as_deref(), Some(p.talk.id.as_str()));

    // Filters.
    let by_unit = talks::talks_of_unit(&c.db, &later, &c.unit).expect("unit");
    assert_eq!(by_unit.len(), 1);
    let f = TalkFilter { year: Some(2025), ..TalkFilter::default() };
    assert!(talks::list_talks(&c.db, &later, &f).expect("list").is_empty());
    let f = TalkFilter { year: Some(2026), kind: Some(TalkKind::Supervision), conductor_person_id: Some(secretary.clone()), state: Some(TalkState::Held), ..TalkFilter::default() };
    assert_eq!(talks::list_talks(&c.db, &later, &f).expect("list").len(), 1);
    let f = TalkFilter { kind: Some(TalkKind::Summons), ..TalkFilter::default() };
    assert!(talks::list_talks(&c.db, &later, &f).expect("list").is_empty());
}

#[test]
fn bad_input_gets_a_chinese_message_and_writes_nothing() {
    let ctx = at("2024-09-27");
    let mut c = county(&ctx);
    let head = c.head.clone();
    let ok = talks::save_talk(&mut c.db, &ctx, talk_input(TalkKind::Summons, "2024-09-27", &head, None)).expect("talk");
    let start = rows(&c.db);

    let mut no_subject = talk_input(TalkKind::Summons, "2024-09-27", &head, None);
    no_subject.subjects.clear();
    assert_eq!(invalid_field(talks::save_talk(&mut c.db, &ctx, no_subject)), ("subjects".into(), "谈话对象不能为空".into()));

    let unknown = talk_input(TalkKind::Summons, "2024-09-27", "no-such-person", None);
    let (field, msg) = invalid_field(talks::save_talk(&mut c.db, &ctx, unknown));
    assert_eq!(field, "subjects");
    assert!(msg.contains("谈话对象不存在"), "{msg}");

    let unknown_conductor = talk_input(TalkKind::Summons, "2024-09-27", &head, Some("nobody"));
    let (field, msg) = invalid_field(talks::save_talk(&mut c.db, &ctx, unknown_conductor));
    assert_eq!(field, "conductor_person_id");
    assert!(msg.contains("谈话人不存在"), "{msg}");

    let bad_date = talk_input(TalkKind::Summons, "2024-02-30", &head, None);
    let (field, msg) = invalid_field(talks::save_talk(&mut c.db, &ctx, bad_date));
    assert_eq!(field, "date");
    assert!(msg.contains("不是有效日期"), "{msg}");

    let future = talk_input(TalkKind::Summons, "2024-10-08", &head, None);
    assert_eq!(invalid_field(talks::save_talk(&mut c.db, &ctx, future)).0, "date");

    let mut bad_area = talk_input(TalkKind::Summons, "2024-09-27", &head, None);
    bad_area.focus_areas = vec!["不存在的领域".into()];
    assert_eq!(invalid_field(talks::save_talk(&mut c.db, &ctx, bad_area)).0, "focus_areas");

    let mut early = item_input(&ok.talk.id, "问题", 0);
    early.due_workdays = None;
    early.due_date = Some("2024-09-26".into());
    let (field, msg) = invalid_field(items::save_item(&mut c.db, &ctx, early));
    assert_eq!(field, "due_date");
    assert_eq!(msg, "整改期限（2024-09-26）不能早于谈话日期（2024-09-27）");

    let mut both = item_input(&ok.talk.id, "问题", 10);
    both.due_date = Some("2024-12-01".into());
    assert_eq!(invalid_field(items::save_item(&mut c.db, &ctx, both)).0, "due_date");
    assert_eq!(invalid_field(items::save_item(&mut c.db, &ctx, item_input(&ok.talk.id, "问题", 0))).0, "due_workdays");
    assert_eq!(invalid_field(items::save_item(&mut c.db, &ctx, item_input(&ok.talk.id, "  ", 10))).0, "problem");
    let mut who = item_input(&ok.talk.id, "问题", 10);
    who.responsible_person_id = Some("nobody".into());
    assert!(invalid_field(items::save_item(&mut c.db, &ctx, who)).1.contains("责任人不存在"));
    assert_eq!(items::save_item(&mut c.db, &ctx, item_input("no-talk", "问题", 10)).expect_err("refused").code(), "not_found");

    assert_eq!(rows(&c.db), start, "no row in any table, the audit log included");

    // Closing: evidence and a real date are required, and nothing changes on refusal.
    let item = items::save_item(&mut c.db, &ctx, item_input(&ok.talk.id, "问题", 10)).expect("item");
    let start = rows(&c.db);
    assert_eq!(invalid_field(items::close_item(&mut c.db, &ctx, &item.item.id, "2024-09-27", " ")).0, "evidence");
    assert_eq!(invalid_field(items::close_item(&mut c.db, &ctx, &item.item.id, "2024-09-26", "ok")).0, "closed_date");
    assert_eq!(invalid_field(items::close_item(&mut c.db, &ctx, &item.item.id, "2024-13-01", "ok")).0, "closed_date");
    assert_eq!(invalid_field(items::add_progress(&mut c.db, &ctx, &item.item.id, "2024-09-28", "将来")).0, "date");
    assert_eq!(invalid_field(items::void_item(&mut c.db, &ctx, &item.item.id, "")).0, "reason");
    assert_eq!(talks::void_talk(&mut c.db, &ctx, &ok.talk.id, "录入错误").expect_err("refused").code(), "conflict", "items first");
    assert_eq!(rows(&c.db), start);
    assert_eq!(talks::talk_detail(&c.db, &ctx, &ok.talk.id).expect("d").talk.state, TalkState::Rectifying);
}

#[test]
fn voiding_and_restoring_items_moves_the_talk_and_leaves_a_trace() {
    let ctx = at("2025-01-24");
    let mut c = county(&ctx);
    let deputy = c.deputy.clone();
    let t = talks::save_talk(&mut c.db, &ctx, talk_input(TalkKind::Reminder, "2025-01-24", &deputy, None)).expect("t");
    let item = items::save_item(&mut c.db, &ctx, item_input(&t.talk.id, "问题", 10)).expect("item");
    // Spring Festival 2025: 1-26 (Sunday) and 2-8 (Saturday) are 调休 workdays, 1-28..2-4 off.
    assert_eq!(item.item.due_date, "2025-02-13");
    let audit_before: i64 = c.db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("n");
    items::void_item(&mut c.db, &ctx, &item.item.id, "重复录入").expect("void");
    assert_eq!(talks::talk_detail(&c.db, &ctx, &t.talk.id).expect("d").talk.state, TalkState::Held, "no live items left");
    items::restore_item(&mut c.db, &ctx, &item.item.id).expect("restore");
    assert_eq!(talks::talk_detail(&c.db, &ctx, &t.talk.id).expect("d").talk.state, TalkState::Rectifying);
    let audit_after: i64 = c.db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("n");
    assert_eq!(audit_after - audit_before, 4, "void + state, restore + state");
    let trail = org::audit_trail(&c.db, "rectification_item", &item.item.id).expect("trail");
    assert_eq!(trail.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["restore", "void", "create"]);

    // Moving the talk date recounts the 工作日 deadline.
    let mut moved = talk_input(TalkKind::Reminder, "2025-01-27", &deputy, None);
    moved.id = Some(t.talk.id.clone());
    talks::save_talk(&mut c.db, &at("2025-01-27"), moved).expect("move");
    let recounted = items::item_detail(&c.db, &ctx, &item.item.id).expect("i").view.item;
    assert_eq!(recounted.due_date, "2025-02-17");

    // The database refuses a DELETE even behind the services' back.
    items::add_progress(&mut c.db, &at("2025-01-27"), &item.item.id, "2025-01-27", "已部署").expect("progress");
    talks::fill_talk_plan(&mut c.db, &ctx, 2025).expect("plan");
    for table in ["talk", "talk_subject", "talk_point", "rectification_item", "talk_plan", "item_progress"] {
        let n: i64 = c.db.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).expect("n");
        assert!(n > 0, "{table} has rows to delete");
        assert!(c.db.conn().execute(&format!("DELETE FROM {table}"), []).is_err(), "{table} must refuse DELETE");
    }
}

#[test]
fn talk_lists_are_ordered_and_updates_keep_history() {
    let ctx = at("2025-06-30");
    let mut c = county(&ctx);
    let (head, deputy) = (c.head.clone(), c.deputy.clone());
    let t = talks::save_talk(&mut c.db, &ctx, talk_input(TalkKind::Integrity, "2025-06-30", &head, None)).expect("t");
    let mut edit = talk_input(TalkKind::Integrity, "2025-06-30", &deputy, None);
    edit.id = Some(t.talk.id.clone());
    edit.problems = vec!["新问题".into()];
    let d = talks::save_talk(&mut c.db, &ctx, edit).expect("edit");
    assert_eq!(d.talk.problems, vec!["新问题".to_string()]);
    assert_eq!(d.subjects.len(), 1);
    assert_eq!(d.subjects[0].person_id, deputy);
    assert!(talks::talks_of_person(&c.db, &ctx, &head).expect("rows").is_empty());
    let trail = org::audit_trail(&c.db, "talk", &t.talk.id).expect("trail");
    assert!(trail[0].before.as_deref().is_some_and(|b| b.contains("“三重一大”决策程序不规范")), "the old list is in the audit log");
    talks::void_talk(&mut c.db, &ctx, &t.talk.id, "录入错误").expect("void");
    assert!(talks::list_talks(&c.db, &ctx, &TalkFilter::default()).expect("l").is_empty());
    assert_eq!(talks::list_talks(&c.db, &ctx, &TalkFilter { voided: true, ..TalkFilter::default() }).expect("l").len(), 1);
    let mut again = talk_input(TalkKind::Integrity, "2025-06-30", &deputy, None);
    again.id = Some(t.talk.id.clone());
    assert_eq!(talks::save_talk(&mut c.db, &ctx, again).expect_err("refused").code(), "conflict");
    talks::restore_talk(&mut c.db, &ctx, &t.talk.id).expect("restore");
}

#[test]
fn the_plan_fills_once_and_measures_coverage() {
    let ctx = at("2026-02-02");
    let mut c = county(&ctx);
    let (head, secretary) = (c.head.clone(), c.secretary.clone());
    let fill = talks::fill_talk_plan(&mut c.db, &ctx, 2026).expect("fill");
    assert_eq!(fill.added, 1, "one current 一把手");
    assert_eq!(fill.plan.entries[0].entry.person_id, head);
    assert_eq!(talks::fill_talk_plan(&mut c.db, &ctx, 2026).expect("again").added, 0, "idempotent");
    let entry = fill.plan.entries[0].entry.id.clone();
    let bad = PlanEntryInput { id: entry.clone(), conductor_person_id: Some(secretary.clone()), conductor_role: String::new(), planned_month: Some(13) };
    assert_eq!(invalid_field(talks::assign_plan_entry(&mut c.db, &ctx, bad)).0, "planned_month");
    let selfish = PlanEntryInput { id: entry.clone(), conductor_person_id: Some(head.clone()), conductor_role: String::new(), planned_month: Some(2) };
    assert_eq!(invalid_field(talks::assign_plan_entry(&mut c.db, &ctx, selfish)).0, "conductor_person_id");
    let good = PlanEntryInput { id: entry.clone(), conductor_person_id: Some(secretary.clone()), conductor_role: String::new(), planned_month: Some(2) };
    talks::assign_plan_entry(&mut c.db, &ctx, good).expect("assign");
    let w = worklist::worklist(&c.db, &ctx).expect("w");
    assert_eq!(w.planned_this_month.len(), 1);
    assert_eq!((w.planned_this_month[0].entity, w.planned_this_month[0].id.as_str()), (WorkEntity::TalkPlan, entry.as_str()));
    assert_eq!(w.planned_this_month[0].conductor, "曾国栋");
    let cov = talks::coverage(&c.db, &ctx, 2026).expect("cov");
    assert_eq!((cov.covered, cov.in_scope, cov.percent), (0, 1, Some(0.0)));

    // A 约谈 is not a 监督谈话: coverage does not move.
    talks::save_talk(&mut c.db, &ctx, talk_input(TalkKind::Summons, "2026-01-30", &head, None)).expect("summons");
    assert_eq!(talks::coverage(&c.db, &ctx, 2026).expect("cov").covered, 0);
    let t = talks::save_talk(&mut c.db, &ctx, talk_input(TalkKind::Supervision, "2026-01-29", &head, Some(&secretary))).expect("sup");
    let plan = talks::talk_plan(&c.db, &ctx, 2026).expect("plan");
    assert_eq!((plan.coverage.covered, plan.coverage.percent), (1, Some(100.0)));
    assert_eq!(plan.entries[0].talk_id.as_deref(), Some(t.talk.id.as_str()));
    assert!(worklist::worklist(&c.db, &ctx).expect("w").planned_this_month.is_empty(), "done for this year");
}

#[test]
fn the_demo_county_shows_every_talk_type_and_item_state() {
    let ctx = at("2026-11-28");
    let mut db = Db::open_in_memory().expect("db");
    demo::load(&mut db, &ctx).expect("demo");
    let all = talks::list_talks(&db, &ctx, &TalkFilter::default()).expect("talks");
    for kind in TalkKind::ALL {
        assert!(all.iter().any(|t| t.kind == kind), "demo lacks {}", kind.label());
    }
    assert!(all.iter().all(|t| t.date.as_str() >= "2024-11-01"), "talks are from the last two years");
    for state in [TalkState::Planned, TalkState::Held, TalkState::Rectifying, TalkState::Closed] {
        assert!(all.iter().any(|t| t.state == state), "demo lacks a talk in state {}", state.label());
    }
    let c = service::counts(&db, &ctx).expect("counts");
    assert_eq!(c.talks as usize, all.len());
    assert!(c.rectification_items > c.open_items && c.open_items > c.overdue_items && c.overdue_items > 0, "{c:?}");
    let w = worklist::worklist(&db, &ctx).expect("w");
    assert!(!w.planned_this_month.is_empty());
    assert!(w.heads_without_talk_total > 0);
    assert!(w.items_due_total > 0);
    assert!(w.figures.supervision_talks > 0 && w.figures.heads_in_scope > 30, "{:?}", w.figures);
    let plan = talks::talk_plan(&db, &ctx, 2026).expect("plan");
    assert!(plan.entries.len() > 30 && plan.entries.iter().all(|e| e.entry.planned_month.is_some()));
    assert!(db.integrity_problems().expect("check").is_empty());
}

#[test]
fn jiandu_check_counts_talks_and_items() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().to_str().expect("utf-8 path");
    let mut out = Vec::new();
    let mut err = Vec::new();
    jiandu_core::cli::run(["jiandu", "--data-dir", data, "demo"], &mut out, &mut err);
    let mut out = Vec::new();
    jiandu_core::cli::run(["jiandu", "--data-dir", data, "check"], &mut out, &mut err);
    let text = String::from_utf8(out).expect("utf-8");
    assert!(text.contains("谈话 "), "{text}");
    assert!(text.contains("整改事项 "), "{text}");
    assert!(!text.contains("谈话 0\n"), "{text}");
}
