//! Working days: the built-in State Council calendars, office-entered years, and deadlines in
//! years the calendar does not know.

use chrono::NaiveDate;
use jiandu_core::calendar::{Calendar, CalendarYear, Holiday};
use jiandu_core::service::{talks, items, calendar as work_calendar};
use jiandu_core::{Ctx, Db, Error};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

#[test]
fn ten_workdays_across_national_day_2024() {
    let cal = Calendar::built_in().expect("calendar");
    let due = cal.add_workdays(d("2024-09-27"), 10);
    // 9-29 (Sun, 调休) 9-30 | 10-1..7 off | 10-8 9 10 11, 10-12 (Sat, 调休), 10-14 15 16
    assert_eq!(due.date, d("2024-10-16"));
    assert!(!due.estimated);
    assert_eq!(cal.add_workdays(d("2024-09-27"), 1).date, d("2024-09-29"), "the 调休 Sunday counts");
    assert_eq!(cal.add_workdays(d("2024-09-27"), 3).date, d("2024-10-08"));
    assert_eq!(cal.add_workdays(d("2024-09-30"), 1).date, d("2024-10-08"));
}

#[test]
fn spring_festival_2025_and_2026() {
    let cal = Calendar::built_in().expect("calendar");
    assert_eq!(cal.add_workdays(d("2025-01-24"), 10).date, d("2025-02-13"));
    assert_eq!(cal.add_workdays(d("2025-01-27"), 1).date, d("2025-02-05"));
    // 2026: 2-14 (Sat) is a 调休 workday, 2-15..23 off, 2-28 (Sat) a workday.
    assert_eq!(cal.add_workdays(d("2026-02-13"), 1).date, d("2026-02-14"));
    assert_eq!(cal.add_workdays(d("2026-02-14"), 1).date, d("2026-02-24"));
    assert!(!cal.add_workdays(d("2026-02-13"), 5).estimated);
}

#[test]
fn a_year_the_calendar_does_not_know_is_estimated() {
    let cal = Calendar::built_in().expect("calendar");
    let due = cal.add_workdays(d("2026-12-25"), 10);
    assert_eq!(due.date, d("2027-01-08"), "weekends only in 2027");
    assert!(due.estimated);
    let inside = cal.add_workdays(d("2026-12-10"), 5);
    assert!(!inside.estimated, "a count that stays in 2026 is exact");
    assert!(cal.add_workdays(d("2027-03-01"), 1).estimated);
    assert!(cal.add_workdays(d("2023-06-01"), 1).estimated, "before the built-in years too");
}

fn year_2027() -> CalendarYear {
    CalendarYear {
        year: 2027,
        source: "国务院办公厅关于2027年部分节假日安排的通知（示例）".into(),
        holidays: vec![Holiday { name: "元旦".into(), dates: vec!["2027-01-01".into(), "2027-01-02".into(), "2027-01-03".into()] }],
        workdays: vec!["2027-01-09".into()],
    }
}

#[test]
fn the_office_adds_a_year_and_open_deadlines_are_recounted() {
    let ctx = Ctx::at("测试员", d("2026-12-25"));
    let mut db = Db::open_in_memory().expect("db");
    assert!(work_calendar::preview_due(&db, "2026-12-25", 10).expect("p").estimated);

    // A bad year writes nothing.
    let audit = |db: &Db| -> i64 { db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("n") };
    let before = audit(&db);
    let mut bad = year_2027();
    bad.workdays = vec!["2027-01-06".into()];
    match work_calendar::save_calendar_year(&mut db, &ctx, bad) {
        Err(Error::Invalid { field, message }) => {
            assert_eq!(field, "workdays");
            assert!(message.contains("不是周末"), "{message}");
        }
        other => panic!("expected refusal, got {other:?}"),
    }
    let mut bad = year_2027();
    bad.holidays[0].dates.push("2027-02-30".into());
    assert!(work_calendar::save_calendar_year(&mut db, &ctx, bad).is_err());
    assert_eq!(audit(&db), before);

    work_calendar::save_calendar_year(&mut db, &ctx, year_2027()).expect("save 2027");
    assert_eq!(audit(&db), before + 1);
    let p = work_calendar::preview_due(&db, "2026-12-25", 10).expect("p");
    // 12-28..31 (4), 1-1..3 off, 1-4..8 (9), 1-9 Saturday 调休 (10).
    assert_eq!((p.date.as_str(), p.estimated), ("2027-01-09", false));
    let years = work_calendar::list_calendar_years(&db).expect("years");
    assert_eq!(years.iter().map(|y| y.year.year).collect::<Vec<_>>(), [2024, 2025, 2026, 2027]);
    assert!(years[3].edited && !years[3].built_in);
    assert!(years[0].built_in && !years[0].edited);

    // The office corrects a built-in year: its version wins.
    let mut y2026 = years[2].year.clone();
    y2026.holidays.push(Holiday { name: "地方节日".into(), dates: vec!["2026-12-28".into()] });
    work_calendar::save_calendar_year(&mut db, &ctx, y2026).expect("override 2026");
    assert_eq!(work_calendar::preview_due(&db, "2026-12-25", 1).expect("p").date, "2026-12-29");
}

#[test]
fn estimated_item_deadlines_become_exact_when_the_year_is_entered() {
    use jiandu_core::model::items::{ItemInput, OriginKind};
use jiandu_core::model::talks::{TalkInput, TalkKind, TalkSubjectInput};
    use jiandu_core::model::PersonInput;
    use jiandu_core::service::org;
    let ctx = Ctx::at("测试员", d("2026-12-25"));
    let mut db = Db::open_in_memory().expect("db");
    let p = org::save_person(&mut db, &ctx, PersonInput {
        id: None, name: "覃美玲".into(), gender: None, ethnicity: String::new(), birth_date: None, party_join_date: None,
        education: String::new(), id_number: None, phone: String::new(), notes: String::new(),
    }).expect("person");
    let t = talks::save_talk(&mut db, &ctx, TalkInput {
        id: None, kind: TalkKind::Reminder, held: true, date: "2026-12-25".into(), place: String::new(), conductor_person_id: None,
        conductor_role: "县纪委副书记".into(), recorder: String::new(), attendees: String::new(), source: String::new(), focus_areas: vec![],
        outline: String::new(), problems: vec![], remedies: vec![], statement: String::new(), commitment_signed: false, assessment_id: None, clue_id: None,
        subjects: vec![TalkSubjectInput { person_id: p.id.clone(), unit_id: None }],
    }).expect("talk");
    let item = items::save_item(&mut db, &ctx, ItemInput {
        id: None, origin_kind: OriginKind::Talk, origin_id: t.talk.id.clone(), problem: "问题".into(), measure: String::new(),
        responsible_person_id: None, responsible_unit_id: None, due_date: None, due_workdays: Some(10),
    }).expect("item");
    assert_eq!((item.item.due_date.as_str(), item.item.due_estimated), ("2027-01-08", true));
    work_calendar::save_calendar_year(&mut db, &ctx, year_2027()).expect("2027");
    let now = items::item_detail(&db, &ctx, &item.item.id).expect("item").view.item;
    assert_eq!((now.due_date.as_str(), now.due_estimated), ("2027-01-09", false));
}

/// A holiday's name is a few characters: the core holds the limit the settings form shows (20),
/// so a longer one is refused, naming the field, whatever sends it.
#[test]
fn a_holiday_name_longer_than_twenty_characters_is_refused() {
    let year = |name: &str| CalendarYear {
        year: 2031,
        source: String::new(),
        holidays: vec![Holiday { name: name.into(), dates: vec!["2031-10-01".into()] }],
        workdays: vec![],
    };
    let twenty = "国".repeat(20);
    assert_eq!(jiandu_core::calendar::validate_year(&year(&twenty)).expect("20 characters is fine").holidays[0].name, twenty);
    match jiandu_core::calendar::validate_year(&year(&"国".repeat(21))) {
        Err(Error::Invalid { field, message }) => {
            assert_eq!(field, "holidays");
            assert!(message.contains("不超过20个字"), "{message}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}
