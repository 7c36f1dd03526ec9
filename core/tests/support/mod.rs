//! What the integration tests build again and again: a context on a fixed day, and valid inputs
//! for a unit, a person and a position that a test then changes one field of.
// Each test crate uses some of these, none all of them.
#![allow(dead_code)]

use chrono::NaiveDate;
use jiandu_core::model::assessments::AssessmentInput;
use jiandu_core::model::talks::{TalkInput, TalkKind, TalkSubjectInput};
use jiandu_core::model::{Gender, PersonInput, PositionInput, UnitCategory, UnitInput, UnitStatus};
use jiandu_core::{Ctx, Error};

/// A clerk's context with the clock on `day` (YYYY-MM-DD).
pub fn at(day: &str) -> Ctx {
    Ctx::at("测试员", NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a test date"))
}

pub fn unit_input(name: &str) -> UnitInput {
    UnitInput {
        id: None,
        name: name.into(),
        short_name: String::new(),
        category: UnitCategory::GovernmentDepartment,
        parent_id: None,
        supervisor: "第一监督检查室".into(),
        status: UnitStatus::Active,
        sort_order: 0,
        notes: String::new(),
    }
}

pub fn person_input(name: &str) -> PersonInput {
    PersonInput {
        id: None,
        name: name.into(),
        gender: Some(Gender::Male),
        ethnicity: "汉族".into(),
        birth_date: Some("1975-03-05".into()),
        party_join_date: None,
        education: String::new(),
        id_number: None,
        phone: String::new(),
        notes: String::new(),
    }
}

/// A 班子 post held since 2020, open-ended.
pub fn position_input(person: &str, unit: &str, title: &str, head: bool) -> PositionInput {
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
    }
}

/// The field and message of a refusal that names a field; anything else fails the test.
pub fn invalid<T: std::fmt::Debug>(r: Result<T, Error>) -> (String, String) {
    match r {
        Err(Error::Invalid { field, message }) => (field, message),
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

/// A unit's rating for a year, no score or remark.
pub fn assessment_input(unit: &str, year: i32, rating: &str) -> AssessmentInput {
    AssessmentInput { id: None, unit_id: unit.into(), year, rating: rating.into(), score: None, remark: String::new() }
}

/// A 约谈 of `subject` on `date` by an outside conductor, held or only planned, following from
/// `assessment` when given (source 考核结果, as the 待约谈 button fills it).
pub fn summons_input(subject: &str, date: &str, held: bool, assessment: Option<&str>) -> TalkInput {
    TalkInput {
        id: None,
        kind: TalkKind::Summons,
        held,
        date: date.into(),
        place: "县纪委监委谈话室".into(),
        conductor_person_id: None,
        conductor_role: "县纪委书记、监委主任".into(),
        recorder: String::new(),
        attendees: String::new(),
        source: "考核结果".into(),
        focus_areas: Vec::new(),
        outline: String::new(),
        problems: Vec::new(),
        remedies: Vec::new(),
        statement: String::new(),
        commitment_signed: false,
        assessment_id: assessment.map(str::to_string),
        clue_id: None,
        subjects: vec![TalkSubjectInput { person_id: subject.into(), unit_id: None }],
    }
}

/// Runs the `jiandu` command line with `args` (the program name is added): (exit code, stdout,
/// stderr). A subcommand never opens the window.
pub fn run_cli(args: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = match jiandu_core::cli::run(std::iter::once("jiandu").chain(args.iter().copied()), &mut out, &mut err) {
        jiandu_core::cli::Outcome::Exit(c) => c,
        jiandu_core::cli::Outcome::OpenWindow { .. } => panic!("a subcommand must not open the window"),
    };
    (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
}

/// The demo county loaded into a fresh in-memory database, with the clock on `day`.
pub fn demo_at(day: &str) -> (jiandu_core::Db, Ctx) {
    let mut db = jiandu_core::Db::open_in_memory().expect("db");
    let ctx = at(day);
    jiandu_core::demo::load(&mut db, &ctx).expect("demo county");
    (db, ctx)
}
