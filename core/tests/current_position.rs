//! "Current position" has one meaning everywhere: a live position of a live person in a live unit,
//! started and not yet ended. A voided unit's former head holds nothing current on any screen —
//! person page, search, unit list, counts, worklist, plan, coverage, letter recipients, talk form.

use jiandu_core::model::letters::RecipientPreset;
use jiandu_core::model::talks::{TalkInput, TalkKind, TalkSubjectInput};
use jiandu_core::model::*;
use jiandu_core::service::{self, letters, org, talks, worklist};
use jiandu_core::{Ctx, Db, Error};

mod support;
use support::*;


fn unit(db: &mut Db, ctx: &Ctx, name: &str) -> String {
    org::save_unit(db, ctx, unit_input(name)).expect("unit").id
}

fn person(db: &mut Db, ctx: &Ctx, name: &str) -> String {
    org::save_person(db, ctx, person_input(name)).expect("person").id
}

/// A post held from `dates.0` to `dates.1` (open-ended when None).
fn position(db: &mut Db, ctx: &Ctx, (person, unit): (&str, &str), title: &str, head: bool, dates: (&str, Option<&str>)) -> String {
    let input = PositionInput { start_date: Some(dates.0.into()), end_date: dates.1.map(str::to_string), ..position_input(person, unit, title, head) };
    org::save_position(db, ctx, input).expect("position").id
}

#[test]
fn a_unit_with_people_in_post_cannot_be_voided_and_the_message_names_them() {
    let ctx = at("2026-12-03");
    let mut db = Db::open_in_memory().expect("db");
    let u = unit(&mut db, &ctx, "云溪县审计局");
    let head = person(&mut db, &ctx, "周建国");
    let deputy = person(&mut db, &ctx, "吴晓梅");
    let former = person(&mut db, &ctx, "郑志强");
    position(&mut db, &ctx, (&head, &u), "局长", true, ("2021-01-01", None));
    position(&mut db, &ctx, (&deputy, &u), "副局长", false, ("2022-01-01", Some("2027-06-30")));
    position(&mut db, &ctx, (&former, &u), "局长", true, ("2015-01-01", Some("2020-12-31")));
    let audit_before = service::counts(&db, &ctx).expect("counts").audit_rows;

    let err = org::void_unit(&mut db, &ctx, &u, "录入错误").expect_err("refused");
    let Error::Conflict(message) = &err else { panic!("{err:?}") };
    assert!(message.contains("周建国（局长）") && message.contains("吴晓梅（副局长）"), "{message}");
    assert!(!message.contains("郑志强"), "a former head is not in post: {message}");
    assert!(message.contains("离任日期"), "says what to do: {message}");
    let detail = org::unit_detail(&db, &ctx, &u).expect("unit");
    assert!(detail.unit.meta.voided_at.is_none(), "nothing written");
    assert_eq!(service::counts(&db, &ctx).expect("counts").audit_rows, audit_before);

    // Once the posts have ended the unit can be voided.
    let later = at("2027-07-01");
    for p in org::unit_detail(&db, &later, &u).expect("unit").current_positions {
        let input = PositionInput {
            id: Some(p.position.id.clone()),
            person_id: p.position.person_id.clone(),
            unit_id: p.position.unit_id.clone(),
            title: p.position.title.clone(),
            rank: p.position.rank.clone(),
            is_head: p.position.is_head,
            is_leadership: p.position.is_leadership,
            portfolio: p.position.portfolio.clone(),
            start_date: p.position.start_date.clone(),
            end_date: Some("2027-06-30".into()),
        };
        org::save_position(&mut db, &later, input).expect("end post");
    }
    org::void_unit(&mut db, &later, &u, "机构改革撤并").expect("void");
}

#[test]
fn a_voided_units_former_head_holds_nothing_current_anywhere() {
    // The post starts after the unit is voided (so voiding was allowed); once its start date has
    // come, it would be current but for the voided unit.
    let before = at("2026-12-03");
    let mut db = Db::open_in_memory().expect("db");
    let voided = unit(&mut db, &before, "云溪县临时指挥部");
    let kept = unit(&mut db, &before, "云溪县统计局");
    let head = person(&mut db, &before, "钱立新");
    let other = person(&mut db, &before, "孙丽");
    let post = position(&mut db, &before, (&head, &voided), "指挥长", true, ("2027-01-01", None));
    position(&mut db, &before, (&other, &kept), "局长", true, ("2020-01-01", None));
    org::void_unit(&mut db, &before, &voided, "录入错误").expect("void: nobody in post yet");

    let ctx = at("2027-02-01");
    // Person page: the post is history, not 当前.
    let page = org::person_detail(&db, &ctx, &head).expect("person");
    assert_eq!(page.positions.len(), 1);
    assert!(!page.positions[0].current, "{:?}", page.positions[0]);
    // Search: no title, not a head.
    let found = org::search_people(&db, &ctx, "钱立新", false).expect("search");
    assert_eq!(found.rows.len(), 1);
    assert_eq!(found.rows[0].current_titles, "");
    assert!(!found.rows[0].is_head);
    // The head count counts the other unit's head only.
    assert_eq!(service::counts(&db, &ctx).expect("counts").heads, 1);
    // The worklist's 一把手 without a talk, the plan and coverage: the other head only.
    let w = worklist::worklist(&db, &ctx).expect("worklist");
    let names: Vec<&str> = w.heads_without_talk.iter().map(|h| h.person_name.as_str()).collect();
    assert_eq!(names, ["孙丽"]);
    assert_eq!(talks::coverage(&db, &ctx, 2027).expect("coverage").in_scope, 1);
    let plan = talks::fill_talk_plan(&mut db, &ctx, 2027).expect("plan");
    let planned: Vec<&str> = plan.plan.entries.iter().map(|e| e.person_name.as_str()).collect();
    assert_eq!(planned, ["孙丽"]);
    // Letter recipients: only live units' heads.
    let choices = letters::letter_recipients(&db, &ctx, RecipientPreset::AllHeads).expect("recipients");
    assert_eq!(choices.len(), 1, "{choices:?}");
    assert_eq!(choices[0].person_id.as_deref(), Some(other.as_str()));
    // The talk form finds no current post to default the subject's unit to.
    let talk = talks::save_talk(
        &mut db,
        &ctx,
        TalkInput {
            id: None,
            kind: TalkKind::Reminder,
            held: true,
            date: "2027-01-20".into(),
            place: String::new(),
            conductor_person_id: None,
            conductor_role: "县纪委书记".into(),
            recorder: String::new(),
            attendees: String::new(),
            source: String::new(),
            focus_areas: vec![],
            outline: String::new(),
            problems: vec![],
            remedies: vec![],
            statement: String::new(),
            commitment_signed: false, assessment_id: None, clue_id: None,
            subjects: vec![TalkSubjectInput { person_id: head.clone(), unit_id: None }],
        },
    )
    .expect("talk");
    assert_eq!(talk.subjects[0].unit_id, None, "{:?}", talk.subjects[0]);
    // 设为一把手 is refused: the post is not current.
    let err = org::make_head(&mut db, &ctx, &post).expect_err("not current");
    assert!(matches!(err, Error::Conflict(ref m) if m.contains("不是现任职务")), "{err:?}");
}
