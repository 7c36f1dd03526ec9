//! The demo county's 考核: ratings of every unit with a head for last year and the year before
//! (relative to today), including a 基本合格 whose 约谈 is not yet held and one whose 约谈 was held
//! and names it — written through the same service functions as a clerk's typing.

use chrono::{Datelike, Days};
use rusqlite::Transaction;

use crate::clock::Ctx;
use crate::error::Result;
use crate::model::assessments::AssessmentInput;
use crate::model::talks::{TalkInput, TalkKind, TalkSubjectInput};
use crate::model::validate::format_date;
use crate::service::assessments::save_assessment_in;
use crate::service::talks::save_talk_in;
use crate::store::talks as st;

/// The usual spread of a county's ratings; the weak ones are placed by hand below.
const RATINGS: [(&str, f64); 3] = [("好", 92.0), ("较好", 87.0), ("一般", 80.0)];

pub fn load_in(tx: &Transaction, ctx: &Ctx) -> Result<()> {
    let today = ctx.today();
    let mut units: Vec<(String, String)> = Vec::new();
    for (person, unit, _) in st::current_heads(tx, &ctx.today_str())? {
        if !units.iter().any(|(u, _)| *u == unit) {
            units.push((unit, person));
        }
    }
    if units.len() < 10 {
        return Ok(());
    }
    let (last, before) = (today.year() - 1, today.year() - 2);
    // Which unit gets which weak rating: 待约谈 last year (基本合格 and 不合格), and a 基本合格 the
    // year before whose 约谈 was held.
    let weak = |year: i32, i: usize| match (year == last, i) {
        (true, 3) => Some(("基本合格", 68.5)),
        (true, 8) => Some(("不合格", 55.0)),
        (false, 5) => Some(("基本合格", 66.0)),
        _ => None,
    };
    for year in [before, last] {
        for (i, (unit, head)) in units.iter().enumerate() {
            let (rating, score) = weak(year, i).unwrap_or(RATINGS[(i * 7 + year as usize) % RATINGS.len()]);
            let a = save_assessment_in(
                tx,
                ctx,
                AssessmentInput {
                    id: None,
                    unit_id: unit.clone(),
                    year,
                    rating: rating.to_string(),
                    score: Some(score - (i % 3) as f64),
                    remark: if weak(year, i).is_some() { "党风廉政建设责任制落实不到位，问题整改滞后".into() } else { String::new() },
                },
            )?;
            if year == before && weak(year, i).is_some() {
                // The 约谈 of the year before, held some ten months ago and linked to the rating.
                let date = today.checked_sub_days(Days::new(300)).unwrap_or(today);
                save_talk_in(tx, ctx, summons(head, &format_date(date), &a.id))?;
            }
        }
    }
    Ok(())
}

fn summons(subject: &str, date: &str, assessment_id: &str) -> TalkInput {
    TalkInput {
        id: None,
        kind: TalkKind::Summons,
        held: true,
        date: date.to_string(),
        place: "县纪委监委谈话室".into(),
        conductor_person_id: None,
        conductor_role: "县纪委书记、监委主任".into(),
        recorder: "县纪委监委干部 林晓".into(),
        attendees: "派驻纪检监察组组长".into(),
        source: "考核结果".into(),
        focus_areas: Vec::new(),
        outline: "通报党风廉政建设责任制考核结果，听取整改打算。".into(),
        problems: vec!["落实党风廉政建设主体责任不够有力，考核发现问题整改滞后".into()],
        remedies: vec!["制定考核问题整改方案，一个月内报送整改情况".into()],
        statement: "认真对照考核反馈问题，抓好整改，按期报送整改情况。".into(),
        commitment_signed: true,
        assessment_id: Some(assessment_id.to_string()),
        clue_id: None,
        subjects: vec![TalkSubjectInput { person_id: subject.to_string(), unit_id: None }],
    }
}
