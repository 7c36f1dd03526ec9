//! The worklist's letter replies (issue 3's worklist, letters of issue 4): every signed or
//! delivered, live letter whose reply is due within 7 days or overdue (逾期未复), most overdue
//! first, from the clock in `Ctx`. Replied, voided and draft letters are not awaited.

use chrono::NaiveDate;
use jiandu_core::model::letters::*;
use jiandu_core::model::worklist::WorkEntity;
use jiandu_core::model::{Gender, Office, PersonInput, PositionInput, UnitCategory, UnitInput, UnitStatus};
use jiandu_core::service::{self, letters, org, worklist};
use jiandu_core::{Ctx, Db};

fn at(s: &str) -> Ctx {
    Ctx::at("测试员", NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date"))
}

struct County {
    db: Db,
    unit: String,
    head: String,
}

fn county(ctx: &Ctx) -> County {
    let mut db = Db::open_in_memory().expect("db");
    service::save_office(
        &mut db,
        ctx,
        Office {
            full_names: vec!["中共宣城县纪律检查委员会".into(), "宣城县监察委员会".into()],
            agency_code: "宣纪函".into(),
            contact_person: "王䶮".into(),
            contact_phone: "0563-1234567".into(),
            operator: "测试员".into(),
        },
    )
    .expect("office");
    let unit = org::save_unit(
        &mut db,
        ctx,
        UnitInput {
            id: None,
            name: "宣城县水利局".into(),
            short_name: "县水利局".into(),
            category: UnitCategory::GovernmentDepartment,
            parent_id: None,
            supervisor: String::new(),
            status: UnitStatus::Active,
            sort_order: 0,
            notes: String::new(),
        },
    )
    .expect("unit")
    .id;
    let head = org::save_person(
        &mut db,
        ctx,
        PersonInput {
            id: None,
            name: "李𠮷".into(),
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
    .id;
    org::save_position(
        &mut db,
        ctx,
        PositionInput {
            id: None,
            person_id: head.clone(),
            unit_id: unit.clone(),
            title: "党组书记、局长".into(),
            rank: "正科".into(),
            is_head: true,
            is_leadership: true,
            portfolio: String::new(),
            start_date: Some("2020-01-01".into()),
            end_date: None,
        },
    )
    .expect("position");
    County { db, unit, head }
}

/// A draft to the 水利局 head whose reply is due on `due`.
fn draft(c: &mut County, ctx: &Ctx, title: &str, due: &str) -> String {
    let input = LetterInput {
        id: None,
        kind: LetterKind::Reminder,
        template_id: None,
        title: title.into(),
        recipient_unit_id: Some(c.unit.clone()),
        recipient_person_id: Some(c.head.clone()),
        recipient: "宣城县水利局党组".into(),
        body: "请认真落实全面从严治党主体责任。".into(),
        cc: vec![],
        contact: String::new(),
        reply_due_date: Some(due.into()),
        reply_due_workdays: None,
    };
    letters::save_letter(&mut c.db, ctx, input).expect("draft").letter.id
}

fn signed(c: &mut County, ctx: &Ctx, title: &str, due: &str) -> String {
    let id = draft(c, ctx, title, due);
    letters::sign_letter(&mut c.db, ctx, &id, "2026-03-02").expect("sign");
    id
}

#[test]
fn letter_replies_due_within_seven_days_or_overdue_are_on_the_worklist() {
    let ctx = at("2026-03-10");
    let mut c = county(&ctx);
    let in_seven = signed(&mut c, &ctx, "七天后到期", "2026-03-17");
    let in_eight = signed(&mut c, &ctx, "八天后到期", "2026-03-18");
    let today = signed(&mut c, &ctx, "今天到期", "2026-03-10");
    let overdue = signed(&mut c, &ctx, "已逾期", "2026-03-06");
    letters::deliver_letter(&mut c.db, &ctx, &overdue, "2026-03-03").expect("deliver");
    let most_overdue = signed(&mut c, &ctx, "逾期最久", "2026-03-04");
    let replied = signed(&mut c, &ctx, "已回复", "2026-03-05");
    letters::deliver_letter(&mut c.db, &ctx, &replied, "2026-03-03").expect("deliver");
    letters::record_reply(&mut c.db, &ctx, &replied, "2026-03-04", "水党〔2026〕5号", "已召开专题会议研究部署。").expect("reply");
    let voided = signed(&mut c, &ctx, "已作废", "2026-03-05");
    letters::void_letter(&mut c.db, &ctx, &voided, "文字有误，重新签发").expect("void");
    let _draft = draft(&mut c, &ctx, "草稿", "2026-03-09");

    let w = worklist::worklist(&c.db, &ctx).expect("worklist");
    let ids: Vec<&str> = w.letters_due.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, [most_overdue.as_str(), overdue.as_str(), today.as_str(), in_seven.as_str()], "most overdue first");
    assert!(!ids.contains(&in_eight.as_str()), "due in 8 days is not yet on the worklist");
    assert_eq!((w.letters_due_total, w.letters_overdue_total), (4, 2));
    assert_eq!(w.letters_overdue_total, service::counts(&c.db, &ctx).expect("counts").overdue_letters, "the same 逾期未复 as the counts");

    let first = &w.letters_due[0];
    assert_eq!(first.entity, WorkEntity::Letter);
    assert_eq!(first.number, "宣纪函〔2026〕5号");
    assert_eq!(first.recipient, "宣城县水利局党组");
    assert_eq!(first.unit_name.as_deref(), Some("宣城县水利局"));
    assert_eq!(first.person_name.as_deref(), Some("李𠮷"));
    assert_eq!(first.state, LetterState::Signed);
    assert_eq!((first.reply_due_date.as_str(), first.overdue, first.days_left), ("2026-03-04", true, -6));
    let delivered = &w.letters_due[1];
    assert_eq!((delivered.state, delivered.overdue, delivered.days_left), (LetterState::Delivered, true, -4));
    assert_eq!((w.letters_due[2].overdue, w.letters_due[2].days_left), (false, 0), "due today is not yet overdue");
    assert_eq!((w.letters_due[3].overdue, w.letters_due[3].days_left), (false, 7));

    // A day later the eight-day letter comes within the week and today's turns 逾期未复.
    let next = at("2026-03-11");
    let w = worklist::worklist(&c.db, &next).expect("worklist");
    assert_eq!(w.letters_due.last().map(|l| l.id.as_str()), Some(in_eight.as_str()));
    assert_eq!((w.letters_due_total, w.letters_overdue_total), (5, 3));

    // The reply takes a letter off; voiding one does too.
    letters::deliver_letter(&mut c.db, &next, &most_overdue, "2026-03-03").expect("deliver");
    letters::record_reply(&mut c.db, &next, &most_overdue, "2026-03-11", "水党〔2026〕6号", "已整改。").expect("reply");
    letters::void_letter(&mut c.db, &next, &in_seven, "重复签发").expect("void");
    let w = worklist::worklist(&c.db, &next).expect("worklist");
    let ids: Vec<&str> = w.letters_due.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, [overdue.as_str(), today.as_str(), in_eight.as_str()]);
    assert_eq!((w.letters_due_total, w.letters_overdue_total), (3, 2));
}

#[test]
fn an_empty_database_has_no_letters_awaited() {
    let db = Db::open_in_memory().expect("db");
    let w = worklist::worklist(&db, &at("2026-03-10")).expect("worklist");
    assert!(w.letters_due.is_empty());
    assert_eq!((w.letters_due_total, w.letters_overdue_total), (0, 0));
}
