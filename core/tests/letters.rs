//! Letters as a clerk meets them: a template filled from the records, numbers given once at
//! signing (1, 2, void keeps 1, a batch takes 3–7, nothing reused), a sequence per 代字 per year,
//! reply windows counted in 工作日 from delivery, 逾期未复 from the clock, reply and 销号 with the
//! letter's rectification items, 催办, refusals that name the field and write nothing, the PDF read
//! back with poppler, the headless export and the demo county.

use std::sync::OnceLock;

use chrono::NaiveDate;
use jiandu_core::cli::{self, Outcome};
use jiandu_core::model::letters::*;
use jiandu_core::model::items::{ItemInput, OriginKind};
use jiandu_core::model::talks::{TalkInput, TalkKind, TalkSubjectInput};
use jiandu_core::model::{Gender, Office, PersonInput, PositionInput, UnitCategory, UnitInput, UnitStatus};
use jiandu_core::pdf::{FontConfig, FontSet};
use jiandu_core::service::{self, letters, org, talks, items};
use jiandu_core::{demo, Ctx, Db, Error};

const REMINDER: &str = "2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a01";
const HOLIDAY: &str = "2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a02";
const AFTER_SUMMONS: &str = "2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a03";
const RECTIFY: &str = "2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a04";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn at(s: &str) -> Ctx {
    Ctx::at("测试员", day(s))
}

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| FontSet::load(&FontConfig::default()).expect("fonts installed (make run installs them)"))
}

struct County {
    db: Db,
    /// (unit id, head person id) of 水利局 and five towns.
    water: (String, String),
    towns: Vec<(String, String)>,
}

fn unit(db: &mut Db, ctx: &Ctx, name: &str, short: &str, category: UnitCategory) -> String {
    org::save_unit(
        db,
        ctx,
        UnitInput {
            id: None,
            name: name.into(),
            short_name: short.into(),
            category,
            parent_id: None,
            supervisor: String::new(),
            status: UnitStatus::Active,
            sort_order: 0,
            notes: String::new(),
        },
    )
    .expect("unit")
    .id
}

fn head(db: &mut Db, ctx: &Ctx, name: &str, unit: &str, title: &str) -> String {
    let p = org::save_person(
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
    .id;
    org::save_position(
        db,
        ctx,
        PositionInput {
            id: None,
            person_id: p.clone(),
            unit_id: unit.into(),
            title: title.into(),
            rank: "正科".into(),
            is_head: true,
            is_leadership: true,
            portfolio: String::new(),
            start_date: Some("2020-01-01".into()),
            end_date: None,
        },
    )
    .expect("position");
    p
}

fn office(code: &str) -> Office {
    Office {
        full_names: vec!["中共宣城县纪律检查委员会".into(), "宣城县监察委员会".into()],
        agency_code: code.into(),
        contact_person: "王䶮".into(),
        contact_phone: "0563-1234567".into(),
        operator: "测试员".into(),
    }
}

fn county(ctx: &Ctx) -> County {
    let mut db = Db::open_in_memory().expect("db");
    service::save_office(&mut db, ctx, office("宣纪函")).expect("office");
    let w = unit(&mut db, ctx, "宣城县水利局", "县水利局", UnitCategory::GovernmentDepartment);
    let wh = head(&mut db, ctx, "李明", &w, "党组书记、局长");
    let mut towns = Vec::new();
    for (i, name) in ["城关镇", "东河镇", "西岭乡", "南山镇", "北坡乡"].iter().enumerate() {
        let u = unit(&mut db, ctx, &format!("中共宣城县{name}委员会"), name, UnitCategory::Township);
        let h = head(&mut db, ctx, &format!("{}书记", ["赵", "钱", "孙", "周", "吴"][i]), &u, "党委书记");
        towns.push((u, h));
    }
    County { db, water: (w, wh), towns }
}

fn fill(c: &County, ctx: &Ctx, template: &str, (u, p): &(String, String)) -> LetterInput {
    letters::fill_template(&c.db, ctx, template, Some(u.clone()), Some(p.clone())).expect("fill")
}

fn draft(c: &mut County, ctx: &Ctx, template: &str, who: &(String, String)) -> String {
    let input = fill(c, ctx, template, who);
    letters::save_letter(&mut c.db, ctx, input).expect("save draft").letter.id
}

fn number_of(c: &County, ctx: &Ctx, id: &str) -> String {
    letters::letter_detail(&c.db, ctx, id).expect("detail").letter.number.unwrap_or_default()
}

fn audit_rows(db: &Db) -> i64 {
    db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("count")
}

fn letter_rows(db: &Db) -> i64 {
    db.conn().query_row("SELECT count(*) FROM letter", [], |r| r.get(0)).expect("count")
}

fn invalid_field<T: std::fmt::Debug>(r: jiandu_core::Result<T>) -> (String, String) {
    match r {
        Err(Error::Invalid { field, message }) => (field, message),
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

#[test]
fn the_four_builtin_templates_are_there_and_fill_from_the_records() {
    let ctx = at("2026-03-05");
    let c = county(&ctx);
    let t = letters::list_templates(&c.db, false).expect("templates");
    let names: Vec<&str> = t.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.iter().any(|n| n.contains("两个责任")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("节前廉洁")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("约谈后督办函")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("整改提示函")), "{names:?}");

    let input = fill(&c, &ctx, REMINDER, &c.water);
    assert_eq!(input.kind, LetterKind::Reminder);
    assert_eq!(input.recipient, "县水利局党组书记、局长李明同志");
    assert!(input.body.contains("宣城县水利局落实“两个责任”"), "{}", input.body);
    assert!(input.body.contains("2026年度"), "{}", input.body);
    assert!(input.body.contains("收到本函之日起15个工作日内"), "{}", input.body);
    assert_eq!(input.reply_due_workdays, Some(15));
    assert_eq!(input.contact, "联系人：王䶮，联系电话：0563-1234567");
    assert_eq!(input.cc, vec!["县委办公室", "县委组织部"]);
    assert!(!input.body.contains('{'), "every field of this template is known: {}", input.body);

    // 节前: the next holiday after 5 March 2026 in the calendar is 清明节.
    let holiday = fill(&c, &ctx, HOLIDAY, &c.towns[0]);
    assert!(holiday.title.contains("清明"), "{}", holiday.title);
    assert_eq!(holiday.reply_due_workdays, None);

    // 整改提示函: no open items and no talk yet: {问题} stays for the clerk to write.
    let rectify = fill(&c, &ctx, RECTIFY, &c.water);
    assert!(rectify.body.contains("{问题}"), "{}", rectify.body);
    assert!(rectify.body.contains("请李明同志"), "{}", rectify.body);
}

#[test]
fn problems_come_from_the_latest_talk_then_from_open_items() {
    let ctx = at("2026-03-05");
    let mut c = county(&ctx);
    let talk = talks::save_talk(
        &mut c.db,
        &ctx,
        TalkInput {
            id: None,
            kind: TalkKind::Summons,
            held: true,
            date: "2026-03-02".into(),
            place: String::new(),
            conductor_person_id: None,
            conductor_role: "县纪委书记".into(),
            recorder: String::new(),
            attendees: String::new(),
            source: "考核结果".into(),
            focus_areas: vec![],
            outline: String::new(),
            problems: vec!["“三重一大”决策程序不规范".into(), "对班子成员监督偏软。".into()],
            remedies: vec![],
            statement: String::new(),
            commitment_signed: false, assessment_id: None, clue_id: None,
            subjects: vec![TalkSubjectInput { person_id: c.water.1.clone(), unit_id: None }],
        },
    )
    .expect("talk");
    let input = fill(&c, &ctx, AFTER_SUMMONS, &c.water);
    assert!(input.body.contains("一、存在的主要问题。一是“三重一大”决策程序不规范；二是对班子成员监督偏软。"), "{}", input.body);

    items::save_item(
        &mut c.db,
        &ctx,
        ItemInput {
            id: None,
            origin_kind: OriginKind::Talk,
            origin_id: talk.talk.id.clone(),
            problem: "公务用车管理不规范".into(),
            measure: String::new(),
            responsible_person_id: Some(c.water.1.clone()),
            responsible_unit_id: None,
            due_date: None,
            due_workdays: Some(10),
        },
    )
    .expect("item");
    let input = fill(&c, &ctx, RECTIFY, &c.water);
    assert!(input.body.contains("一是公务用车管理不规范。"), "open items come first: {}", input.body);
}

#[test]
fn numbers_one_two_void_keeps_one_batch_three_to_seven_never_reused() {
    let ctx = at("2026-03-05");
    let mut c = county(&ctx);
    let w = c.water.clone();
    let first = draft(&mut c, &ctx, REMINDER, &w);
    assert_eq!(letters::letter_detail(&c.db, &ctx, &first).expect("d").letter.number, None, "a draft has no number");
    let signed = letters::sign_letter(&mut c.db, &ctx, &first, "2026-03-05").expect("sign");
    assert_eq!(signed.letter.number.as_deref(), Some("宣纪函〔2026〕1号"));
    assert_eq!(signed.letter.state, LetterState::Signed);
    assert_eq!(signed.letter.signed_date.as_deref(), Some("2026-03-05"));

    let t0 = c.towns[0].clone();
    let second = draft(&mut c, &ctx, REMINDER, &t0);
    assert_eq!(letters::sign_letter(&mut c.db, &ctx, &second, "2026-03-05").expect("sign").letter.number.as_deref(), Some("宣纪函〔2026〕2号"));

    // Signing twice is refused; the number stays.
    let again = letters::sign_letter(&mut c.db, &ctx, &first, "2026-03-05").expect_err("refused");
    assert!(again.to_string().contains("宣纪函〔2026〕1号"), "{again}");

    let voided = letters::void_letter(&mut c.db, &ctx, &first, "收件人有误").expect("void");
    assert!(voided.voided);
    assert_eq!(voided.letter.number.as_deref(), Some("宣纪函〔2026〕1号"), "a voided letter keeps its number");
    let rows = letters::list_letters(&c.db, &ctx, &LetterFilter { voided: true, ..LetterFilter::default() }).expect("list");
    assert_eq!(rows.len(), 1);
    assert!(rows[0].voided && rows[0].number.as_deref() == Some("宣纪函〔2026〕1号"));

    // Batch: five towns, consecutive numbers 3–7, one batch id.
    let options = letters::letter_options(&c.db, &ctx).expect("options");
    assert_eq!(options.next_number.as_deref(), Some("宣纪函〔2026〕3号"));
    let recipients: Vec<LetterRecipient> =
        c.towns.iter().map(|(u, p)| LetterRecipient { unit_id: Some(u.clone()), person_id: Some(p.clone()) }).collect();
    let batch = letters::sign_batch(
        &mut c.db,
        &ctx,
        BatchInput { template_id: Some(REMINDER.into()), base: None, recipients, date: "2026-03-05".into() },
    )
    .expect("batch");
    let numbers: Vec<String> = batch.iter().map(|l| l.number.clone().unwrap_or_default()).collect();
    assert_eq!(numbers, (3..=7).map(|n| format!("宣纪函〔2026〕{n}号")).collect::<Vec<_>>());
    assert!(batch.iter().all(|l| l.batch_id.is_some() && l.batch_id == batch[0].batch_id));
    assert_eq!(batch[0].recipient, "城关镇党委书记赵书记同志");
    assert!(batch[4].body.contains("中共宣城县北坡乡委员会"), "each letter filled for its own recipient");

    // Restoring the voided letter gives it back its own number, not a new one; the next is 8.
    letters::restore_letter(&mut c.db, &ctx, &first).expect("restore");
    assert_eq!(number_of(&c, &ctx, &first), "宣纪函〔2026〕1号");
    let third = draft(&mut c, &ctx, REMINDER, &w);
    assert_eq!(letters::sign_letter(&mut c.db, &ctx, &third, "2026-03-05").expect("sign").letter.number.as_deref(), Some("宣纪函〔2026〕8号"));

    // The database itself refuses to change a given number.
    let e = c.db.conn().execute("UPDATE letter SET number = '宣纪函〔2026〕99号' WHERE id = ?1", [&first]);
    assert!(e.is_err(), "number changed behind the service's back");
}

#[test]
fn one_sequence_per_code_per_year() {
    let ctx = at("2026-03-05");
    let mut c = county(&ctx);
    let who = c.water.clone();
    let a = draft(&mut c, &ctx, REMINDER, &who);
    assert_eq!(letters::sign_letter(&mut c.db, &ctx, &a, "2025-12-30").expect("sign").letter.number.as_deref(), Some("宣纪函〔2025〕1号"));
    let b = draft(&mut c, &ctx, REMINDER, &who);
    assert_eq!(letters::sign_letter(&mut c.db, &ctx, &b, "2026-01-04").expect("sign").letter.number.as_deref(), Some("宣纪函〔2026〕1号"));
    let b2 = draft(&mut c, &ctx, REMINDER, &who);
    assert_eq!(letters::sign_letter(&mut c.db, &ctx, &b2, "2025-12-31").expect("sign").letter.number.as_deref(), Some("宣纪函〔2025〕2号"));
    service::save_office(&mut c.db, &ctx, office("宣纪督")).expect("office");
    let d = draft(&mut c, &ctx, REMINDER, &who);
    assert_eq!(letters::sign_letter(&mut c.db, &ctx, &d, "2026-03-05").expect("sign").letter.number.as_deref(), Some("宣纪督〔2026〕1号"));
    service::save_office(&mut c.db, &ctx, office("宣纪函")).expect("office");
    let e = draft(&mut c, &ctx, REMINDER, &who);
    assert_eq!(letters::sign_letter(&mut c.db, &ctx, &e, "2026-03-05").expect("sign").letter.number.as_deref(), Some("宣纪函〔2026〕2号"));
}

#[test]
fn bad_input_is_refused_naming_the_field_and_nothing_is_written() {
    let ctx = at("2026-03-05");
    let mut c = county(&ctx);
    let mut input = fill(&c, &ctx, REMINDER, &c.water);
    let (rows, audits) = (letter_rows(&c.db), audit_rows(&c.db));

    input.reply_due_date = Some("2026-03-20".into());
    let (field, msg) = invalid_field(letters::save_letter(&mut c.db, &ctx, input.clone()));
    assert_eq!(field, "reply_due_date");
    assert!(msg.contains("二者选一"), "{msg}");
    input.reply_due_workdays = None;
    input.reply_due_date = Some("2026-02-30".into());
    let (field, msg) = invalid_field(letters::save_letter(&mut c.db, &ctx, input.clone()));
    assert_eq!(field, "reply_due_date");
    assert!(msg.starts_with("回复期限“2026-02-30”不是有效日期"), "{msg}");
    input.reply_due_date = None;
    input.reply_due_workdays = Some(0);
    assert_eq!(invalid_field(letters::save_letter(&mut c.db, &ctx, input.clone())).0, "reply_due_workdays");
    input.reply_due_workdays = Some(15);
    input.recipient_person_id = Some("no-such-person".into());
    let (field, msg) = invalid_field(letters::save_letter(&mut c.db, &ctx, input.clone()));
    assert_eq!((field.as_str(), msg.starts_with("收件人不存在")), ("recipient_person_id", true), "{msg}");
    assert_eq!((letter_rows(&c.db), audit_rows(&c.db)), (rows, audits), "refusals wrote nothing");

    // Signing needs a title, a 主送, a body, every {字段} filled, a real date not in the future.
    input.recipient_person_id = Some(c.water.1.clone());
    input.title = " ".into();
    let id = letters::save_letter(&mut c.db, &ctx, input.clone()).expect("a draft may be incomplete").letter.id;
    let rows = letter_rows(&c.db);
    let (field, msg) = invalid_field(letters::sign_letter(&mut c.db, &ctx, &id, "2026-03-05"));
    assert_eq!(field, "title");
    assert!(msg.starts_with("函件标题不能为空"), "{msg}");
    input.id = Some(id.clone());
    input.title = "关于落实“两个责任”的提醒函".into();
    input.body.push_str("\n请同时报送{附件清单}。");
    letters::save_letter(&mut c.db, &ctx, input.clone()).expect("save");
    let (field, msg) = invalid_field(letters::sign_letter(&mut c.db, &ctx, &id, "2026-03-05"));
    assert_eq!(field, "body");
    assert!(msg.contains("{附件清单}"), "{msg}");
    input.body = input.body.replace("\n请同时报送{附件清单}。", "");
    letters::save_letter(&mut c.db, &ctx, input.clone()).expect("save");
    assert_eq!(invalid_field(letters::sign_letter(&mut c.db, &ctx, &id, "2026-03-06")).0, "signed_date", "not in the future");
    assert_eq!(invalid_field(letters::sign_letter(&mut c.db, &ctx, &id, "2026-13-01")).0, "signed_date");
    let after_saves = (letter_rows(&c.db), audit_rows(&c.db));
    assert_eq!(after_saves.0, rows);

    // No 机关代字: refused, naming it, no number used.
    service::save_office(&mut c.db, &ctx, Office { agency_code: "临时".into(), ..office("宣纪函") }).expect("office");
    c.db.conn().execute("UPDATE settings SET value = json_set(value, '$.agency_code', '') WHERE key = 'office'", []).expect("clear code");
    let audits = audit_rows(&c.db);
    let (field, msg) = invalid_field(letters::sign_letter(&mut c.db, &ctx, &id, "2026-03-05"));
    assert_eq!(field, "agency_code");
    assert!(msg.contains("机关代字"), "{msg}");
    assert_eq!(audit_rows(&c.db), audits);
    let d = letters::letter_detail(&c.db, &ctx, &id).expect("detail");
    assert_eq!((d.letter.state, d.letter.number), (LetterState::Draft, None));

    // A batch with one bad recipient signs nothing and uses no number.
    service::save_office(&mut c.db, &ctx, office("宣纪函")).expect("office");
    org::void_person(&mut c.db, &ctx, &c.towns[2].1, "调离").expect("void person");
    let recipients: Vec<LetterRecipient> =
        c.towns.iter().map(|(u, p)| LetterRecipient { unit_id: Some(u.clone()), person_id: Some(p.clone()) }).collect();
    let (rows, audits) = (letter_rows(&c.db), audit_rows(&c.db));
    let (field, msg) = invalid_field(letters::sign_batch(
        &mut c.db,
        &ctx,
        BatchInput { template_id: Some(REMINDER.into()), base: None, recipients, date: "2026-03-05".into() },
    ));
    assert_eq!(field, "recipient_person_id");
    assert!(msg.contains("第3个收件人") && msg.contains("已作废"), "{msg}");
    assert_eq!((letter_rows(&c.db), audit_rows(&c.db)), (rows, audits));
    assert_eq!(letters::sign_letter(&mut c.db, &ctx, &id, "2026-03-05").expect("sign").letter.number.as_deref(), Some("宣纪函〔2026〕1号"));
}

#[test]
fn reply_due_counts_ten_workdays_from_delivery_across_national_day_2024() {
    let ctx = at("2024-09-27");
    let mut c = county(&ctx);
    let mut input = fill(&c, &ctx, REMINDER, &c.water);
    input.reply_due_workdays = Some(10);
    let id = letters::save_letter(&mut c.db, &ctx, input).expect("save").letter.id;
    let signed = letters::sign_letter(&mut c.db, &ctx, &id, "2024-09-26").expect("sign");
    assert_eq!(signed.letter.reply_due_date, None, "the window runs from delivery, not signing");
    assert!(!signed.overdue);
    let (field, msg) = invalid_field(letters::deliver_letter(&mut c.db, &ctx, &id, "2024-09-25"));
    assert_eq!(field, "delivered_date");
    assert!(msg.contains("送达日期（2024-09-25）不能早于签发日期（2024-09-26）"), "{msg}");
    let delivered = letters::deliver_letter(&mut c.db, &ctx, &id, "2024-09-27").expect("deliver");
    // 9-29 (调休 Sunday), 9-30, then 10-8 … 10-12 (调休 Saturday), 10-14, 10-15, 10-16.
    assert_eq!(delivered.letter.reply_due_date.as_deref(), Some("2024-10-16"));
    assert_eq!(delivered.letter.state, LetterState::Delivered);
    assert!(!delivered.letter.due_estimated);

    // A fixed date stands as given, whatever the delivery date.
    let mut input = fill(&c, &ctx, REMINDER, &c.towns[0]);
    input.reply_due_workdays = None;
    input.reply_due_date = Some("2024-10-31".into());
    let id = letters::save_letter(&mut c.db, &ctx, input).expect("save").letter.id;
    letters::sign_letter(&mut c.db, &ctx, &id, "2024-09-27").expect("sign");
    let d = letters::deliver_letter(&mut c.db, &ctx, &id, "2024-09-27").expect("deliver");
    assert_eq!(d.letter.reply_due_date.as_deref(), Some("2024-10-31"));
}

#[test]
fn overdue_follows_the_clock_and_a_reply_ends_it() {
    let sign_day = at("2026-03-05");
    let mut c = county(&sign_day);
    let who = c.water.clone();
    let mut input = fill(&c, &sign_day, REMINDER, &who);
    input.reply_due_workdays = Some(5);
    let id = letters::save_letter(&mut c.db, &sign_day, input).expect("save").letter.id;
    letters::sign_letter(&mut c.db, &sign_day, &id, "2026-03-05").expect("sign");
    let d = letters::deliver_letter(&mut c.db, &sign_day, &id, "2026-03-05").expect("deliver");
    assert_eq!(d.letter.reply_due_date.as_deref(), Some("2026-03-12"));

    let due_day = at("2026-03-12");
    let d = letters::letter_detail(&c.db, &due_day, &id).expect("detail");
    assert!(!d.overdue, "due today is not yet overdue");
    assert_eq!(d.days_left, Some(0));
    let next_day = at("2026-03-13");
    let d = letters::letter_detail(&c.db, &next_day, &id).expect("detail");
    assert!(d.overdue, "逾期未复 the day after the due date");
    assert_eq!(d.days_left, Some(-1));
    let overdue = letters::list_letters(&c.db, &next_day, &LetterFilter { overdue_only: true, ..LetterFilter::default() }).expect("list");
    assert_eq!(overdue.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec![id.as_str()]);
    assert_eq!(service::counts(&c.db, &next_day).expect("counts").overdue_letters, 1);
    assert_eq!(service::counts(&c.db, &due_day).expect("counts").overdue_letters, 0);

    // 催办: a 督办函 draft citing the original's number and due date.
    let follow = letters::follow_up_letter(&mut c.db, &next_day, &id).expect("follow up");
    assert_eq!(follow.letter.kind, LetterKind::Supervision);
    assert_eq!(follow.letter.state, LetterState::Draft);
    assert_eq!(follow.letter.follow_up_of.as_deref(), Some(id.as_str()));
    assert!(follow.letter.title.starts_with("关于督促回复《"), "{}", follow.letter.title);
    assert!(follow.letter.body.contains("（宣纪函〔2026〕1号）") && follow.letter.body.contains("要求于2026年3月12日前书面回复"), "{}", follow.letter.body);
    assert_eq!(follow.original.as_ref().map(|o| o.id.as_str()), Some(id.as_str()));
    let signed = letters::sign_letter(&mut c.db, &next_day, &follow.letter.id, "2026-03-13").expect("sign follow-up");
    assert_eq!(signed.letter.number.as_deref(), Some("宣纪函〔2026〕2号"));
    let original = letters::letter_detail(&c.db, &next_day, &id).expect("detail");
    assert_eq!(original.follow_ups.len(), 1);

    // The reply: state 已回复, no longer overdue.
    let (field, _) = invalid_field(letters::record_reply(&mut c.db, &next_day, &id, "2026-03-13", "水党〔2026〕5号", " "));
    assert_eq!(field, "reply_summary");
    let (field, _) = invalid_field(letters::record_reply(&mut c.db, &next_day, &id, "2026-03-04", "水党〔2026〕5号", "已整改"));
    assert_eq!(field, "replied_date", "not before delivery");
    let replied = letters::record_reply(&mut c.db, &next_day, &id, "2026-03-13", "水党〔2026〕5号", "已召开专题会议研究部署，制定责任清单。").expect("reply");
    assert_eq!(replied.letter.state, LetterState::Replied);
    assert_eq!(replied.letter.reply_number, "水党〔2026〕5号");
    assert!(!replied.overdue);
    assert!(letters::follow_up_letter(&mut c.db, &next_day, &id).expect_err("no 催办 once replied").to_string().contains("已回复"));
}

#[test]
fn close_needs_the_reply_and_every_item_closed() {
    let ctx = at("2026-03-05");
    let mut c = county(&ctx);
    let who = c.water.clone();
    let id = draft(&mut c, &ctx, REMINDER, &who);
    let e = items::save_item(
        &mut c.db,
        &ctx,
        ItemInput {
            id: None,
            origin_kind: OriginKind::Letter,
            origin_id: id.clone(),
            problem: "x".into(),
            measure: String::new(),
            responsible_person_id: None,
            responsible_unit_id: None,
            due_date: None,
            due_workdays: Some(10),
        },
    )
    .expect_err("no items on a draft");
    assert!(e.to_string().contains("尚未签发"), "{e}");
    letters::sign_letter(&mut c.db, &ctx, &id, "2026-03-02").expect("sign");
    let item = items::save_item(
        &mut c.db,
        &ctx,
        ItemInput {
            id: None,
            origin_kind: OriginKind::Letter,
            origin_id: id.clone(),
            problem: "落实“第一议题”制度不到位".into(),
            measure: "每季度开展专题学习".into(),
            responsible_person_id: Some(who.1.clone()),
            responsible_unit_id: Some(who.0.clone()),
            due_date: None,
            due_workdays: Some(10),
        },
    )
    .expect("item from a signed letter");
    assert_eq!(item.item.origin_date, "2026-03-02");
    assert_eq!(item.item.due_date, "2026-03-16");
    letters::deliver_letter(&mut c.db, &ctx, &id, "2026-03-04").expect("deliver");
    let d = letters::letter_detail(&c.db, &ctx, &id).expect("detail");
    assert_eq!(d.items.len(), 1);
    assert_eq!(d.items[0].item.origin_date, "2026-03-04", "items count from delivery once it is known");
    assert_eq!(d.items[0].item.due_date, "2026-03-18");

    let e = letters::close_letter(&mut c.db, &ctx, &id, "2026-03-05").expect_err("reply first");
    assert!(e.to_string().contains("尚未登记回复"), "{e}");
    letters::record_reply(&mut c.db, &ctx, &id, "2026-03-05", "", "已制定整改方案。").expect("reply");
    let audits = audit_rows(&c.db);
    let e = letters::close_letter(&mut c.db, &ctx, &id, "2026-03-05").expect_err("open item");
    assert!(e.to_string().contains("还有 1 项整改事项未销号"), "{e}");
    assert_eq!(audit_rows(&c.db), audits);
    let e = letters::void_letter(&mut c.db, &ctx, &id, "重复").expect_err("items first");
    assert!(e.to_string().contains("整改事项"), "{e}");
    items::close_item(&mut c.db, &ctx, &item.item.id, "2026-03-05", "已建立学习制度").expect("close item");
    let (field, _) = invalid_field(letters::close_letter(&mut c.db, &ctx, &id, "2026-03-04"));
    assert_eq!(field, "closed_date", "not before the reply");
    let closed = letters::close_letter(&mut c.db, &ctx, &id, "2026-03-05").expect("close");
    assert_eq!(closed.letter.state, LetterState::Closed);
    assert_eq!(closed.letter.closed_date.as_deref(), Some("2026-03-05"));
    let trail: Vec<String> = org::audit_trail(&c.db, "letter", &id).expect("trail").into_iter().map(|a| a.action).collect();
    assert_eq!(trail, vec!["close", "reply", "deliver", "sign", "create"]);

    // A letter asking no reply (节前提醒) closes after delivery.
    let h = draft(&mut c, &ctx, HOLIDAY, &who);
    letters::sign_letter(&mut c.db, &ctx, &h, "2026-03-05").expect("sign");
    assert!(letters::close_letter(&mut c.db, &ctx, &h, "2026-03-05").expect_err("deliver first").to_string().contains("送达"));
    letters::deliver_letter(&mut c.db, &ctx, &h, "2026-03-05").expect("deliver");
    letters::close_letter(&mut c.db, &ctx, &h, "2026-03-05").expect("close without reply");
}

#[test]
fn drafts_edit_signed_letters_do_not() {
    let ctx = at("2026-03-05");
    let mut c = county(&ctx);
    let who = c.water.clone();
    let mut input = fill(&c, &ctx, REMINDER, &who);
    let id = letters::save_letter(&mut c.db, &ctx, input.clone()).expect("save").letter.id;
    input.id = Some(id.clone());
    input.title = "关于进一步落实“两个责任”的提醒函".into();
    input.cc = vec!["县委办公室，县委组织部、县政府办公室".into()];
    let saved = letters::save_letter(&mut c.db, &ctx, input.clone()).expect("edit draft");
    assert_eq!(saved.letter.title, "关于进一步落实“两个责任”的提醒函");
    assert_eq!(saved.letter.cc, vec!["县委办公室", "县委组织部", "县政府办公室"]);
    letters::sign_letter(&mut c.db, &ctx, &id, "2026-03-05").expect("sign");
    let e = letters::save_letter(&mut c.db, &ctx, input).expect_err("signed letters are not edited");
    assert!(e.to_string().contains("已签发"), "{e}");
}

#[test]
fn templates_are_edited_added_voided_and_restored() {
    let ctx = at("2026-03-05");
    let mut c = county(&ctx);
    let builtin = letters::list_templates(&c.db, false).expect("list").into_iter().find(|t| t.id == RECTIFY).expect("builtin");
    let edited = letters::save_template(
        &mut c.db,
        &ctx,
        TemplateInput {
            id: Some(builtin.id.clone()),
            kind: builtin.kind,
            name: builtin.name.clone(),
            title: builtin.title.clone(),
            body: format!("{}\n特此函告。", builtin.body),
            cc: vec![],
            reply_workdays: Some(7),
        },
    )
    .expect("edit builtin");
    assert!(edited.builtin && edited.body.ends_with("特此函告。") && edited.reply_workdays == Some(7));
    let input = TemplateInput {
        id: None,
        kind: LetterKind::DisciplineAdvice,
        name: "纪律检查建议书（通用）".into(),
        title: "关于{单位}加强内部管理的纪律检查建议书".into(),
        body: "经查，{问题}\n建议如下。".into(),
        cc: vec![],
        reply_workdays: Some(30),
    };
    let added = letters::save_template(&mut c.db, &ctx, input.clone()).expect("add");
    assert!(!added.builtin);
    let (field, msg) = invalid_field(letters::save_template(&mut c.db, &ctx, input.clone()));
    assert_eq!(field, "name");
    assert!(msg.contains("已存在"), "{msg}");
    letters::void_template(&mut c.db, &ctx, &added.id, "不再使用").expect("void");
    assert_eq!(letters::list_templates(&c.db, false).expect("list").len(), 4);
    assert_eq!(letters::letter_options(&c.db, &ctx).expect("options").templates.len(), 4);
    letters::restore_template(&mut c.db, &ctx, &added.id).expect("restore");
    assert_eq!(letters::list_templates(&c.db, false).expect("list").len(), 5);
    let filled = fill(&c, &ctx, &added.id, &c.water);
    assert_eq!(filled.title, "关于宣城县水利局加强内部管理的纪律检查建议书");
}

#[test]
fn recipient_presets_pick_the_right_heads() {
    let ctx = at("2026-03-05");
    let c = county(&ctx);
    let towns = letters::letter_recipients(&c.db, &ctx, RecipientPreset::TownshipSecretaries).expect("towns");
    assert_eq!(towns.len(), 5);
    assert!(towns.iter().any(|t| t.label == "城关镇 党委书记 赵书记"), "{towns:?}");
    let all = letters::letter_recipients(&c.db, &ctx, RecipientPreset::AllHeads).expect("all");
    assert_eq!(all.len(), 6);
    let gov = letters::letter_recipients(&c.db, &ctx, RecipientPreset::GovernmentDepartmentHeads).expect("gov");
    assert_eq!(gov.iter().map(|r| r.person_id.clone().unwrap_or_default()).collect::<Vec<_>>(), vec![c.water.1.clone()]);
}

fn pdftotext(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext (poppler-utils) installed");
    assert!(out.status.success());
    // pdftotext puts spaces between widely set letterhead characters.
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_pdf_carries_number_recipient_and_body_and_drafts_preview() {
    let ctx = at("2026-03-05");
    let mut c = county(&ctx);
    let who = c.water.clone();
    let id = draft(&mut c, &ctx, REMINDER, &who);
    let dir = tempfile::tempdir().expect("tmp");

    let input = fill(&c, &ctx, REMINDER, &c.towns[1]);
    let preview = letters::draft_pdf(&c.db, &ctx, fonts(), &input).expect("preview of an unsaved draft");
    let p = dir.path().join("preview.pdf");
    std::fs::write(&p, &preview).expect("write");
    let text = pdftotext(&p);
    assert!(text.contains("（签发时编号）"), "{text}");
    assert!(text.contains("东河镇党委书记钱书记同志："), "{text}");

    letters::sign_letter(&mut c.db, &ctx, &id, "2026-03-05").expect("sign");
    let t0 = c.towns[0].clone();
    let second = draft(&mut c, &ctx, RECTIFY, &t0);
    let written = letters::save_letters_pdf(&c.db, &ctx, fonts(), &[id.clone(), second.clone()], &dir.path().join("两封.pdf"), false).expect("save");
    assert_eq!(written.len(), 1);
    let text = pdftotext(&written[0]);
    assert!(text.contains("宣纪函〔2026〕1号"), "{text}");
    assert!(text.contains("县水利局党组书记、局长李明同志："), "{text}");
    assert!(text.contains("2026年3月5日"), "{text}");
    assert!(text.contains("联系人：王䶮，联系电话：0563-1234567"), "{text}");
    assert!(text.contains("城关镇党委书记赵书记同志："), "the second letter is in the same file: {text}");
    // The second letter starts on a page of its own, under its own (draft) number.
    let page = text.split('\u{c}').find(|p| p.contains("城关镇党委书记赵书记同志：")).expect("page");
    assert!(page.contains("（签发时编号）") && !page.contains("宣纪函〔2026〕1号"), "{page}");

    let files = letters::save_letters_pdf(&c.db, &ctx, fonts(), &[id.clone(), second], &dir.path().join("分件"), true).expect("save each");
    let names: Vec<String> = files.iter().map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect();
    assert_eq!(names[0], "宣纪函〔2026〕1号.pdf");
    assert!(names[1].starts_with("草稿-"), "{names:?}");

    letters::void_letter(&mut c.db, &ctx, &id, "重发").expect("void");
    let bytes = letters::letters_pdf(&c.db, &ctx, fonts(), std::slice::from_ref(&id)).expect("pdf");
    let p = dir.path().join("voided.pdf");
    std::fs::write(&p, &bytes).expect("write");
    assert!(pdftotext(&p).contains("宣纪函〔2026〕1号（已作废）"));
}

fn run(args: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = match cli::run(std::iter::once("jiandu").chain(args.iter().copied()), &mut out, &mut err) {
        Outcome::Exit(c) => c,
        Outcome::OpenWindow { .. } => -1,
    };
    (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
}

#[test]
fn headless_export_by_year_and_by_number() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let ctx = Ctx::system("测试员");
    let year = chrono::Datelike::year(&ctx.today());
    let today = ctx.today_str();
    {
        let mut db = Db::open(&data.join("jiandu.db")).expect("db");
        service::save_office(&mut db, &ctx, office("宣纪函")).expect("office");
        let mut c = County { db, water: (String::new(), String::new()), towns: Vec::new() };
        let u = unit(&mut c.db, &ctx, "宣城县水利局", "县水利局", UnitCategory::GovernmentDepartment);
        let p = head(&mut c.db, &ctx, "李明", &u, "局长");
        for _ in 0..3 {
            let id = draft(&mut c, &ctx, REMINDER, &(u.clone(), p.clone()));
            letters::sign_letter(&mut c.db, &ctx, &id, &today).expect("sign");
        }
        let voided = number_of(&c, &ctx, &letters::list_letters(&c.db, &ctx, &LetterFilter::default()).expect("list")[0].id);
        assert_eq!(voided, format!("宣纪函〔{year}〕3号"));
        let id = letters::letter_by_number(&c.db, &voided).expect("by number").id;
        letters::void_letter(&mut c.db, &ctx, &id, "作废").expect("void");
        draft(&mut c, &ctx, REMINDER, &(u, p));
    }
    let d = data.to_str().expect("utf8");
    let out_dir = dir.path().join("导出");
    let (code, out, err) = run(&["--data-dir", d, "letters", "pdf", "--year", &year.to_string(), "--out", out_dir.to_str().expect("utf8")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已导出 2 件函件"), "signed, not voided, no drafts: {out}");
    let mut names: Vec<String> = std::fs::read_dir(&out_dir).expect("dir").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, vec![format!("宣纪函〔{year}〕1号.pdf"), format!("宣纪函〔{year}〕2号.pdf")]);

    let number = format!("宣纪函〔{year}〕2号");
    let file = dir.path().join("one.pdf");
    let (code, _, err) = run(&["--data-dir", d, "letters", "pdf", "--number", &number, "--out", file.to_str().expect("utf8")]);
    assert_eq!(code, 0, "{err}");
    assert!(pdftotext(&file).contains(&number));

    let (code, _, err) = run(&["--data-dir", d, "letters", "pdf", "--number", "宣纪函〔1999〕1号", "--out", file.to_str().expect("utf8")]);
    assert_eq!(code, 1);
    assert!(err.contains("文号为“宣纪函〔1999〕1号”的函件不存在"), "{err}");
    let (code, _, _) = run(&["--data-dir", d, "letters", "pdf", "--out", file.to_str().expect("utf8")]);
    assert_eq!(code, 2, "--year or --number is required");

    let (code, out, _) = run(&["--data-dir", d, "check"]);
    assert_eq!(code, 0);
    assert!(out.contains("函件 3（草稿 1，逾期未复 0）"), "{out}");
}

#[test]
fn the_demo_county_shows_letters_at_once() {
    let ctx = at("2026-05-20");
    let mut db = Db::open_in_memory().expect("db");
    demo::load(&mut db, &ctx).expect("demo");
    let office = service::get_office(&db).expect("office");
    assert!(!office.agency_code.is_empty() && office.full_names[0].contains("云溪县"), "{office:?}");
    let all = letters::list_letters(&db, &ctx, &LetterFilter::default()).expect("list");
    let this_year: Vec<&LetterRow> = all.iter().filter(|r| r.year == Some(2026)).collect();
    let last_year: Vec<&LetterRow> = all.iter().filter(|r| r.year == Some(2025)).collect();
    assert!(this_year.len() >= 4 && last_year.len() >= 4, "{} / {}", this_year.len(), last_year.len());
    let details: Vec<LetterDetail> = all.iter().map(|r| letters::letter_detail(&db, &ctx, &r.id).expect("detail")).collect();
    for t in [REMINDER, HOLIDAY, AFTER_SUMMONS, RECTIFY] {
        for y in [2025, 2026] {
            assert!(
                details.iter().any(|d| d.letter.template_id.as_deref() == Some(t) && d.letter.year == Some(y)),
                "template {t} signed in {y}"
            );
        }
    }
    assert!(all.iter().any(|r| r.overdue), "some 逾期未复");
    assert!(all.iter().any(|r| r.state == LetterState::Replied || r.state == LetterState::Closed));
    assert!(all.iter().any(|r| r.state == LetterState::Draft));
    assert!(all.iter().any(|r| r.follow_up_of.is_some()), "a 催办");
    assert!(all.iter().any(|r| r.items > 0), "items linked to a letter");
    let voided = letters::list_letters(&db, &ctx, &LetterFilter { voided: true, ..LetterFilter::default() }).expect("voided");
    assert_eq!(voided.len(), 1);
    assert!(voided[0].number.is_some(), "the voided letter keeps its number");
    // Numbers of each year run 1..n without a gap (the voided one included).
    for y in [2025, 2026] {
        let mut seqs: Vec<i64> = all.iter().chain(voided.iter()).filter(|r| r.year == Some(y)).filter_map(|r| r.seq).collect();
        seqs.sort();
        assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>(), "year {y}");
    }
    let c = service::counts(&db, &ctx).expect("counts");
    assert!(c.letters >= 8 && c.overdue_letters >= 1 && c.letter_drafts >= 1, "{c:?}");
}

#[test]
fn the_demo_county_loads_on_any_day_of_the_year() {
    for today in ["2026-01-01", "2026-01-05", "2026-02-17", "2025-10-03", "2026-12-31", "2027-06-30"] {
        let ctx = at(today);
        let mut db = Db::open_in_memory().expect("db");
        demo::load(&mut db, &ctx).unwrap_or_else(|e| panic!("demo on {today}: {e}"));
        let c = service::counts(&db, &ctx).expect("counts");
        assert!(c.letters >= 20, "{today}: {c:?}");
    }
}

/// Prints every demo letter, one file each and all in one, into a temporary folder (or into
/// JIANDU_PDF_SAMPLES, to keep them for a person to look at), and checks what a clerk would
/// notice first: a file per letter, each a PDF carrying its own number, none missing from the batch.
#[test]
fn demo_letter_samples() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = std::env::var_os("JIANDU_PDF_SAMPLES").map(std::path::PathBuf::from).unwrap_or_else(|| tmp.path().to_path_buf());
    let ctx = at("2026-05-20");
    let mut db = Db::open_in_memory().expect("db");
    demo::load(&mut db, &ctx).expect("demo");
    let all = letters::list_letters(&db, &ctx, &LetterFilter::default()).expect("list");
    assert!(all.len() >= 20, "demo letters: {}", all.len());
    let ids: Vec<String> = all.iter().map(|r| r.id.clone()).collect();
    let files = letters::save_letters_pdf(&db, &ctx, fonts(), &ids, &dir.join("demo-letters"), true).expect("save");
    assert_eq!(files.len(), all.len(), "one file per letter");
    let on_disk = std::fs::read_dir(dir.join("demo-letters")).expect("dir").filter_map(|e| e.ok()).filter(|e| e.path().extension().is_some_and(|x| x == "pdf")).count();
    assert_eq!(on_disk, all.len(), "files in the folder");
    for (row, file) in all.iter().zip(&files) {
        let bytes = std::fs::read(file).expect("read");
        assert!(bytes.starts_with(b"%PDF-"), "{} is not a PDF", file.display());
        let text = pdftotext(file).replace([' ', '\n'], "");
        match &row.number {
            Some(number) => assert!(text.contains(number.as_str()), "{number} not in {}: {text}", file.display()),
            None => assert!(text.contains("（签发时编号）"), "draft {} without its placeholder: {text}", row.title),
        }
        assert!(text.contains(&row.recipient.replace(' ', "")), "{} not in {}", row.recipient, file.display());
    }
    let batch = dir.join("demo-all.pdf");
    letters::save_letters_pdf(&db, &ctx, fonts(), &ids, &batch, false).expect("save");
    let text = pdftotext(&batch).replace([' ', '\n'], "");
    for number in all.iter().filter_map(|r| r.number.as_ref()) {
        assert!(text.contains(number.as_str()), "{number} missing from the batch");
    }
    // Every letter starts on a page of its own: at least as many pages as letters.
    assert!(text.split('\u{c}').filter(|p| !p.is_empty()).count() >= all.len());
}

#[test]
fn a_talk_prints_as_a_talk_record_form() {
    let ctx = at("2026-05-20");
    let mut db = Db::open_in_memory().expect("db");
    demo::load(&mut db, &ctx).expect("demo");
    let rows = talks::list_talks(&db, &ctx, &jiandu_core::model::talks::TalkFilter { kind: Some(TalkKind::Summons), ..Default::default() }).expect("talks");
    let talk = talks::talk_detail(&db, &ctx, &rows[0].id).expect("talk");
    let dir = tempfile::tempdir().expect("tmp");
    let path = talks::save_talk_record_pdf(&db, &ctx, fonts(), &talk.talk.id, &dir.path().join("谈话记录表.pdf")).expect("pdf");
    if let Some(samples) = std::env::var_os("JIANDU_PDF_SAMPLES") {
        let _ = std::fs::copy(&path, std::path::Path::new(&samples).join("talk-record.pdf"));
    }
    let text = pdftotext(&path).replace([' ', '\n'], "");
    assert!(text.contains("谈话记录表"), "{text}");
    for label in ["谈话时间", "谈话地点", "谈话人", "记录人", "谈话对象及职务", "谈话要点", "指出问题", "提出要求", "本人表态", "书面承诺"] {
        assert!(text.contains(label), "{label}: {text}");
    }
    assert!(text.contains(&talk.subjects[0].person_name), "{text}");
    assert!(text.contains(&format!("1.{}", talk.talk.problems[0]).replace(' ', "")) || text.contains(&talk.talk.problems[0][..9]), "{text}");
    assert!(text.contains("约谈"), "{text}");

    // A very long outline breaks over pages, the label carried on as （续）.
    let mut long = talk.talk.clone();
    let input = TalkInput {
        id: Some(long.id.clone()),
        kind: long.kind,
        held: true,
        date: long.date.clone(),
        place: long.place.clone(),
        conductor_person_id: long.conductor_person_id.clone(),
        conductor_role: long.conductor_role.clone(),
        recorder: long.recorder.clone(),
        attendees: long.attendees.clone(),
        source: long.source.clone(),
        focus_areas: long.focus_areas.clone(),
        outline: "听取履行全面从严治党主体责任情况汇报，逐项核对考核反馈问题的整改进展。".repeat(40),
        problems: std::mem::take(&mut long.problems),
        remedies: std::mem::take(&mut long.remedies),
        statement: long.statement.clone(),
        commitment_signed: long.commitment_signed, assessment_id: None, clue_id: None,
        subjects: talk.subjects.iter().map(|s| TalkSubjectInput { person_id: s.person_id.clone(), unit_id: s.unit_id.clone() }).collect(),
    };
    talks::save_talk(&mut db, &ctx, input).expect("save");
    let path = talks::save_talk_record_pdf(&db, &ctx, fonts(), &talk.talk.id, &dir.path().join("long.pdf")).expect("pdf");
    if let Some(samples) = std::env::var_os("JIANDU_PDF_SAMPLES") {
        let _ = std::fs::copy(&path, std::path::Path::new(&samples).join("talk-record-long.pdf"));
    }
    let text = pdftotext(&path).replace([' ', '\n'], "");
    assert!(text.contains("谈话要点（续）"), "{text}");
    assert!(text.contains("第2页共"), "{text}");
}
