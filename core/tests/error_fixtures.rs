//! The errors the UI is tested with, made by the core itself: each case performs a real failing
//! action on the demo county and writes the `ErrorPayload` the command would send into
//! `ui/src/api/__fixtures__/core-errors.json`. The view specs import that file, so a field key or
//! a message renamed here makes a UI spec fail instead of passing against an invented error.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use jiandu_core::model::letters::{BatchInput, LetterFilter, LetterInput, LetterRecipient, LetterRow, LetterState};
use jiandu_core::model::items::{ItemInput, OriginKind};
use jiandu_core::model::talks::{PlanEntryInput, TalkFilter, TalkInput, TalkKind, TalkState, TalkSubjectInput};
use jiandu_core::model::{PersonInput, PositionInput};
use jiandu_core::model::assessments::{AssessmentFilter, AssessmentInput};
use jiandu_core::service::{assessments, items, letters, org, talks};
use jiandu_core::{demo, Ctx, Db, Error};

mod support;
use support::*;

const TODAY: &str = "2026-05-20";

fn ctx() -> Ctx {
    at(TODAY)
}

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/__fixtures__/core-errors.json")
}

/// Collects the payloads; every entry must be a refusal the clerk can fix at a named field.
#[derive(Default)]
struct Fixtures(BTreeMap<String, serde_json::Value>);

impl Fixtures {
    fn invalid<T: std::fmt::Debug>(&mut self, name: &str, r: Result<T, Error>) {
        let err = match r {
            Ok(v) => panic!("{name}: expected a refusal, the action succeeded: {v:?}"),
            Err(e) => e,
        };
        let p = err.payload();
        assert_eq!(p.code, "invalid", "{name}: {p:?}");
        assert!(p.field.as_deref().is_some_and(|f| !f.is_empty()), "{name}: no field in {p:?}");
        self.put(name, &p);
    }

    /// A refusal with no field (a state conflict), shown as a message.
    fn conflict<T: std::fmt::Debug>(&mut self, name: &str, r: Result<T, Error>) {
        let err = match r {
            Ok(v) => panic!("{name}: expected a refusal, the action succeeded: {v:?}"),
            Err(e) => e,
        };
        let p = err.payload();
        assert_eq!(p.code, "conflict", "{name}: {p:?}");
        self.put(name, &p);
    }

    fn put(&mut self, name: &str, p: &jiandu_core::ErrorPayload) {
        let v = serde_json::to_value(p).expect("payload to json");
        assert!(self.0.insert(name.to_string(), sorted(v)).is_none(), "{name} twice");
    }
}

/// serde_json keeps keys sorted unless `preserve_order` is on somewhere in the build; sort anyway.
fn sorted(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => {
            let b: BTreeMap<String, serde_json::Value> = m.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            serde_json::to_value(b).expect("map")
        }
        other => other,
    }
}

fn letter_in(all: &[LetterRow], state: LetterState) -> &LetterRow {
    all.iter().find(|r| r.state == state).unwrap_or_else(|| panic!("the demo county has a letter in state {state:?}"))
}



#[test]
fn core_errors_fixture_is_written_from_real_refusals() {
    let ctx = ctx();
    let mut db = Db::open_in_memory().expect("db");
    demo::load(&mut db, &ctx).expect("demo");
    let mut f = Fixtures::default();

    // ---- letters: the dated steps on the letter page
    let all = letters::list_letters(&db, &ctx, &LetterFilter::default()).expect("letters");
    let draft = letter_in(&all, LetterState::Draft).id.clone();
    let signed = letter_in(&all, LetterState::Signed).clone();
    let delivered = letter_in(&all, LetterState::Delivered).clone();
    let replied = letter_in(&all, LetterState::Replied).clone();

    f.invalid("letter_sign_future_date", letters::sign_letter(&mut db, &ctx, &draft, "2026-06-30"));
    f.invalid("letter_sign_bad_date", letters::sign_letter(&mut db, &ctx, &draft, "2026-02-30"));
    let before_signing = day_before(signed.signed_date.as_deref().expect("signed date"));
    f.invalid("letter_deliver_bad_date", letters::deliver_letter(&mut db, &ctx, &signed.id, &before_signing));
    f.invalid("letter_reply_empty_summary", letters::record_reply(&mut db, &ctx, &delivered.id, TODAY, "", "  "));
    let before_delivery = day_before(delivered.delivered_date.as_deref().expect("delivered date"));
    f.invalid("letter_reply_bad_date", letters::record_reply(&mut db, &ctx, &delivered.id, &before_delivery, "", "已整改"));
    f.invalid("letter_reply_bad_number", letters::record_reply(&mut db, &ctx, &delivered.id, TODAY, "民党组\n〔2026〕5号", "已整改"));
    let before_reply = day_before(replied.replied_date.as_deref().expect("replied date"));
    f.invalid("letter_close_before_reply", letters::close_letter(&mut db, &ctx, &replied.id, &before_reply));

    // ---- the draft form
    let template_id = letters::list_templates(&db, false).expect("templates")[0].id.clone();
    let filled = letters::fill_template(&db, &ctx, &template_id, None, Some(people_first(&db, &ctx))).expect("a filled draft");
    f.invalid(
        "letter_save_bad_workdays",
        letters::save_letter(&mut db, &ctx, LetterInput { reply_due_date: None, reply_due_workdays: Some(0), ..filled.clone() }),
    );
    f.invalid(
        "letter_save_unknown_recipient",
        letters::save_letter(&mut db, &ctx, LetterInput { recipient_person_id: Some("no-such-person".into()), ..filled.clone() }),
    );
    f.invalid(
        "letter_save_title_newline",
        letters::save_letter(&mut db, &ctx, LetterInput { title: "关于\n提醒".into(), ..filled.clone() }),
    );

    // ---- batch signing
    let template = live_template(&db);
    f.invalid(
        "batch_no_recipients",
        letters::sign_batch(
            &mut db,
            &ctx,
            BatchInput { template_id: template.clone(), base: None, recipients: vec![], date: TODAY.into() },
        ),
    );
    let a_unit = org::list_units(&db, &ctx, "", false).expect("units")[0].unit.id.clone();
    f.invalid(
        "batch_duplicate_recipient",
        letters::sign_batch(
            &mut db,
            &ctx,
            BatchInput {
                template_id: template.clone(),
                base: None,
                recipients: vec![
                    LetterRecipient { unit_id: Some(a_unit.clone()), person_id: None },
                    LetterRecipient { unit_id: Some(a_unit.clone()), person_id: None },
                ],
                date: TODAY.into(),
            },
        ),
    );

    f.invalid(
        "batch_unknown_recipient",
        letters::sign_batch(
            &mut db,
            &ctx,
            BatchInput {
                template_id: template.clone(),
                base: None,
                recipients: vec![LetterRecipient { unit_id: None, person_id: Some("no-such-person".into()) }],
                date: TODAY.into(),
            },
        ),
    );
    f.invalid(
        "batch_future_date",
        letters::sign_batch(
            &mut db,
            &ctx,
            BatchInput {
                template_id: template.clone(),
                base: None,
                recipients: vec![LetterRecipient { unit_id: Some(a_unit.clone()), person_id: None }],
                date: "2026-06-30".into(),
            },
        ),
    );

    // ---- talks and their items
    let people = org::search_people(&db, &ctx, "", false).expect("people").rows;
    let (p1, p2) = (people[0].id.clone(), people[1].id.clone());
    let talk = |subjects: Vec<&str>, date: &str, conductor: Option<&str>| TalkInput {
        id: None,
        kind: TalkKind::Supervision,
        held: true,
        date: date.into(),
        place: String::new(),
        conductor_person_id: conductor.map(str::to_string),
        conductor_role: String::new(),
        recorder: String::new(),
        attendees: String::new(),
        source: String::new(),
        focus_areas: vec![],
        outline: String::new(),
        problems: vec![],
        remedies: vec![],
        statement: String::new(),
        commitment_signed: false, assessment_id: None, clue_id: None,
        subjects: subjects.into_iter().map(|p| TalkSubjectInput { person_id: p.into(), unit_id: None }).collect(),
    };
    f.invalid("talk_no_subject", talks::save_talk(&mut db, &ctx, talk(vec![], TODAY, Some(&p2))));
    f.invalid("talk_future_date", talks::save_talk(&mut db, &ctx, talk(vec![&p1], "2026-12-01", Some(&p2))));
    f.invalid("talk_no_conductor", talks::save_talk(&mut db, &ctx, talk(vec![&p1], TODAY, None)));
    f.invalid("talk_conductor_is_subject", talks::save_talk(&mut db, &ctx, talk(vec![&p1], TODAY, Some(&p1))));

    let held = talks::list_talks(&db, &ctx, &TalkFilter::default())
        .expect("talks")
        .into_iter()
        .find(|t| t.state == TalkState::Held || t.state == TalkState::Rectifying)
        .expect("a held talk in the demo county");
    let item = |problem: &str, due_date: Option<&str>, due_workdays: Option<i64>| ItemInput {
        id: None,
        origin_kind: OriginKind::Talk,
        origin_id: held.id.clone(),
        problem: problem.into(),
        measure: String::new(),
        responsible_person_id: None,
        responsible_unit_id: None,
        due_date: due_date.map(str::to_string),
        due_workdays,
    };
    f.invalid("item_bad_deadline", items::save_item(&mut db, &ctx, item("台账不全", Some(&day_before(&held.date)), None)));
    f.invalid("item_no_deadline", items::save_item(&mut db, &ctx, item("台账不全", None, None)));
    f.invalid("item_bad_workdays", items::save_item(&mut db, &ctx, item("台账不全", None, Some(0))));
    f.invalid("item_empty_problem", items::save_item(&mut db, &ctx, item(" ", None, Some(10))));

    let open_item = items::save_item(&mut db, &ctx, item("会议记录不规范", None, Some(10))).expect("an item to refuse on").item.id;
    f.invalid("item_progress_empty_note", items::add_progress(&mut db, &ctx, &open_item, TODAY, " "));
    f.invalid("item_progress_future_date", items::add_progress(&mut db, &ctx, &open_item, "2026-12-01", "已召开专题会"));
    f.invalid("item_close_no_evidence", items::close_item(&mut db, &ctx, &open_item, TODAY, ""));
    f.invalid("item_close_before_origin", items::close_item(&mut db, &ctx, &open_item, &day_before(&held.date), "已整改"));

    // ---- the talk plan
    let plan = talks::talk_plan(&db, &ctx, 2026).expect("plan");
    let entry = &plan.entries[0];
    f.invalid(
        "plan_entry_conductor_is_subject",
        talks::assign_plan_entry(
            &mut db,
            &ctx,
            PlanEntryInput { id: entry.entry.id.clone(), conductor_person_id: Some(entry.entry.person_id.clone()), conductor_role: String::new(), planned_month: Some(6) },
        ),
    );

    // ---- units, people, positions
    f.invalid("unit_empty_name", org::save_unit(&mut db, &ctx, unit_input("  ")));
    f.invalid("person_empty_name", org::save_person(&mut db, &ctx, person_input(" ")));
    f.invalid(
        "person_bad_id_number",
        org::save_person(&mut db, &ctx, PersonInput { id_number: Some("330102198001011235".into()), ..person_input("王五") }),
    );
    f.invalid("person_name_nul", org::save_person(&mut db, &ctx, person_input("张\u{0}三")));
    f.invalid(
        "position_end_before_start",
        org::save_position(
            &mut db,
            &ctx,
            PositionInput {
                id: None,
                person_id: p1.clone(),
                unit_id: a_unit.clone(),
                title: "副局长".into(),
                rank: String::new(),
                is_head: false,
                is_leadership: false,
                portfolio: String::new(),
                start_date: Some("2024-03-01".into()),
                end_date: Some("2023-03-01".into()),
            },
        ),
    );
    f.invalid(
        "position_empty_title",
        org::save_position(
            &mut db,
            &ctx,
            PositionInput {
                id: None,
                person_id: p1.clone(),
                unit_id: a_unit.clone(),
                title: " ".into(),
                rank: String::new(),
                is_head: false,
                is_leadership: false,
                portfolio: String::new(),
                start_date: None,
                end_date: None,
            },
        ),
    );
    f.invalid("void_empty_reason", org::void_unit(&mut db, &ctx, &a_unit, " "));

    // A unit that still has current positions cannot be voided: a conflict, no field.
    // A unit with no 下级单位, so the refusal is about its positions and nothing else.
    let blocked = org::list_units(&db, &ctx, "", false)
        .expect("units")
        .into_iter()
        .find(|r| !r.heads.is_empty() && org::unit_detail(&db, &ctx, &r.unit.id).is_ok_and(|d| d.children.is_empty()))
        .expect("a unit with a current 一把手 and no 下级单位");
    f.conflict("unit_void_refused", org::void_unit(&mut db, &ctx, &blocked.unit.id, "机构改革撤并"));

    // ---- sanctions (处分): the form's refusals, each under its field
    {
        use jiandu_core::model::sanctions::{SanctionCategory, SanctionInput};
        use jiandu_core::service::sanctions;
        let person = people_first(&db, &ctx);
        let base = SanctionInput {
            id: None,
            person_id: person,
            category: SanctionCategory::Party,
            kind: "严重警告".into(),
            probation_months: None,
            decision_date: "2025-03-01".into(),
            decision_number: String::new(),
            deciding_body: String::new(),
            reason: String::new(),
            form: None,
        };
        f.invalid(
            "sanction_kind_not_in_category",
            sanctions::save_sanction(&mut db, &ctx, SanctionInput { category: SanctionCategory::Organisational, ..base.clone() }),
        );
        f.invalid("sanction_future_date", sanctions::save_sanction(&mut db, &ctx, SanctionInput { decision_date: "2026-05-21".into(), ..base.clone() }));
        f.invalid("sanction_empty_date", sanctions::save_sanction(&mut db, &ctx, SanctionInput { decision_date: String::new(), ..base.clone() }));
        f.invalid(
            "sanction_probation_missing",
            sanctions::save_sanction(&mut db, &ctx, SanctionInput { kind: "留党察看".into(), ..base.clone() }),
        );
        f.invalid(
            "sanction_number_newline",
            sanctions::save_sanction(&mut db, &ctx, SanctionInput { decision_number: "云纪处\n〔2025〕3号".into(), ..base }),
        );
    }
    // ---- end sanctions
    // ---- 考核: the assessment dialog and the rating scale in settings
    let rated = assessments::list_assessments(&db, &ctx, &AssessmentFilter { year: Some(2025), ..Default::default() })
        .expect("the demo's 2025 ratings")
        .into_iter()
        .next()
        .expect("a 2025 rating");
    let again = AssessmentInput {
        id: None,
        unit_id: rated.assessment.unit_id.clone(),
        year: 2025,
        rating: "好".into(),
        score: None,
        remark: String::new(),
    };
    f.invalid("assessment_duplicate", assessments::save_assessment(&mut db, &ctx, again.clone()));
    f.invalid("assessment_score_out_of_range", assessments::save_assessment(&mut db, &ctx, AssessmentInput { year: 2023, score: Some(120.0), ..again }));
    let without = |gone: &str| assessments::rating_scale(db.conn()).expect("scale").into_iter().filter(|r| r != gone).collect::<Vec<_>>();
    let scale = without(&rated.assessment.rating);
    f.invalid("rating_scale_in_use", assessments::save_rating_scale(&mut db, &ctx, scale));
    // A talk linked to the assessment must be a 约谈 (the talk form shows it under 关联考核).
    let subject = rated.head_person_id.clone().expect("the rated unit has a head");
    let linked = TalkInput {
        kind: TalkKind::Supervision,
        conductor_role: "县纪委书记".into(),
        assessment_id: Some(rated.assessment.id.clone()),
        ..talk(vec![&subject], TODAY, None)
    };
    f.invalid("talk_assessment_not_summons", talks::save_talk(&mut db, &ctx, linked));
    // ---- end 考核
    // ---- 家庭重大变动、听取汇报、警示教育: the person page's section and the activities page
    {
        use jiandu_core::model::education::EducationInput;
        use jiandu_core::model::family::FamilyChangeInput;
        use jiandu_core::model::hearings::HearingInput;
        use jiandu_core::service::{education, family, hearings};
        let person = people_first(&db, &ctx);
        let change = FamilyChangeInput {
            id: None,
            person_id: person,
            kind: "婚姻变化".into(),
            event_date: "2026-03-10".into(),
            reported_date: "2026-03-20".into(),
            description: String::new(),
        };
        f.invalid("family_change_reported_before_event", family::save_family_change(&mut db, &ctx, FamilyChangeInput { reported_date: "2026-03-09".into(), ..change.clone() }));
        f.invalid("family_change_future_event", family::save_family_change(&mut db, &ctx, FamilyChangeInput { event_date: "2026-05-21".into(), ..change.clone() }));
        f.invalid("family_change_unknown_person", family::save_family_change(&mut db, &ctx, FamilyChangeInput { person_id: "no-such-person".into(), ..change.clone() }));
        f.invalid("family_change_unknown_kind", family::save_family_change(&mut db, &ctx, FamilyChangeInput { kind: "工作调动".into(), ..change }));
        let hearing = HearingInput {
            id: None,
            date: TODAY.into(),
            kind: "同级监督情况汇报".into(),
            unit_id: None,
            reporter_person_id: None,
            reporter_name: String::new(),
            key_points: String::new(),
            follow_ups: String::new(),
        };
        f.invalid("hearing_no_unit_or_reporter", hearings::save_hearing(&mut db, &ctx, hearing.clone()));
        f.invalid("hearing_future_date", hearings::save_hearing(&mut db, &ctx, HearingInput { date: "2026-06-01".into(), unit_id: Some(a_unit.clone()), ..hearing }));
        let session = EducationInput {
            id: None,
            date: TODAY.into(),
            kind: "警示教育片".into(),
            title: "观看警示教育片".into(),
            material: String::new(),
            participants: 30,
            unit_ids: vec![a_unit.clone()],
            person_ids: vec![],
        };
        f.invalid("education_no_units", education::save_education(&mut db, &ctx, EducationInput { unit_ids: vec![], ..session.clone() }));
        f.invalid("education_negative_participants", education::save_education(&mut db, &ctx, EducationInput { participants: -1, ..session.clone() }));
        f.invalid("education_empty_title", education::save_education(&mut db, &ctx, EducationInput { title: " ".into(), ..session }));
    }
    // ---- end 家庭重大变动、听取汇报、警示教育
    // ---- 廉政档案: the file of a person no longer there (the page was open in a stale window)
    {
        let gone = jiandu_core::service::person_file::open_person_file(&mut db, &ctx, "no-such-person").expect_err("no such person");
        let p = gone.payload();
        assert_eq!(p.code, "not_found", "{p:?}");
        f.put("person_file_not_found", &p);
    }
    // ---- end 廉政档案
    // ---- risk points: the risk point form, and the dictionary cards in settings
    {
        use jiandu_core::model::dicts::{Dict, DictEntry};
        use jiandu_core::model::risks::{RiskFilter, RiskLevel, RiskPointInput};
        use jiandu_core::service::{dicts, risks};
        let on_post = risks::register(&db, &ctx, &RiskFilter::default())
            .expect("the demo's risk points")
            .into_iter()
            .find_map(|p| p.point.position_id)
            .expect("a demo risk point on a position");
        let base = RiskPointInput {
            id: None,
            person_id: None,
            position_id: Some(on_post),
            unit_id: None,
            category: "工程项目".into(),
            description: "插手干预工程项目招投标".into(),
            level: Some(RiskLevel::High),
            measures: String::new(),
            responsible_person_id: None,
            responsible_name: String::new(),
            review_date: None,
        };
        f.invalid("risk_no_owner", risks::save_risk_point(&mut db, &ctx, RiskPointInput { position_id: None, ..base.clone() }));
        f.invalid("risk_no_description", risks::save_risk_point(&mut db, &ctx, RiskPointInput { description: " ".into(), ..base.clone() }));
        f.invalid("risk_no_level", risks::save_risk_point(&mut db, &ctx, RiskPointInput { level: None, ..base.clone() }));
        f.invalid("risk_bad_review_date", risks::save_risk_point(&mut db, &ctx, RiskPointInput { review_date: Some("2026-02-30".into()), ..base.clone() }));
        let between_posts = org::save_person(&mut db, &ctx, PersonInput { name: "冯建军".into(), ..person_input("冯建军") }).expect("a person").id;
        f.invalid(
            "risk_unit_needed",
            risks::save_risk_point(&mut db, &ctx, RiskPointInput { position_id: None, person_id: Some(between_posts), ..base }),
        );
        // The dictionary cards: removing an entry in use, a duplicate, nothing left in use.
        let mut cats = dicts::entries(db.conn(), Dict::RiskCategories).expect("categories");
        cats.retain(|e| e.name != "工程项目");
        f.invalid("dict_in_use", dicts::save(&mut db, &ctx, Dict::RiskCategories, cats));
        let twice = vec![
            DictEntry { name: "日常监督".into(), retired: false, in_use: 0 },
            DictEntry { name: " 日常监督 ".into(), retired: false, in_use: 0 },
        ];
        f.invalid("dict_duplicate", dicts::save(&mut db, &ctx, Dict::FindingSources, twice));
        let none = vec![DictEntry { name: "日常监督".into(), retired: true, in_use: 0 }];
        f.invalid("dict_none_active", dicts::save(&mut db, &ctx, Dict::FindingSources, none));
        // The display names of the sanction kinds (settings): one kind may not read like another.
        use jiandu_core::model::sanctions::SanctionCategory;
        use jiandu_core::service::sanctions;
        let mut names = sanctions::kind_names(db.conn()).expect("kind names");
        if let Some(n) = names.iter_mut().find(|n| n.category == SanctionCategory::Party && n.kind == "警告") {
            n.name = "严重警告".into();
        }
        f.invalid("sanction_kind_name_clash", sanctions::save_kind_names(&mut db, &ctx, names));
    }
    // ---- end risk points

    // ---- findings and clues: the forms' refusals, each under its field
    {
        use jiandu_core::model::clues::{ClueDisposal, ClueFilter, ClueInput};
        use jiandu_core::model::findings::{FindingFilter, FindingInput};
        use jiandu_core::service::{clues, findings};
        let rows = findings::list_findings(&db, &ctx, &FindingFilter::default()).expect("findings");
        let with_items = rows.iter().find(|r| r.items_total > 0).expect("a demo finding with items");
        let fd = &with_items.finding;
        let base = FindingInput {
            id: None,
            source: fd.source.clone(),
            focus_area: fd.focus_area.clone(),
            person_id: fd.person_id.clone(),
            unit_id: fd.unit_id.clone(),
            found_date: fd.found_date.clone(),
            description: fd.description.clone(),
            seriousness: fd.seriousness,
        };
        f.invalid("finding_no_subject", findings::save_finding(&mut db, &ctx, FindingInput { person_id: None, unit_id: None, ..base.clone() }));
        f.invalid("finding_future_date", findings::save_finding(&mut db, &ctx, FindingInput { found_date: "2026-05-21".into(), ..base.clone() }));
        f.invalid("finding_unknown_source", findings::save_finding(&mut db, &ctx, FindingInput { source: "小道消息".into(), ..base.clone() }));
        f.invalid("finding_empty_description", findings::save_finding(&mut db, &ctx, FindingInput { description: " ".into(), ..base }));
        f.conflict("finding_void_with_items", findings::void_finding(&mut db, &ctx, &fd.id, "录入错误"));
        let early = day_before(&fd.found_date);
        f.invalid(
            "finding_item_due_before_found",
            items::save_item(
                &mut db,
                &ctx,
                ItemInput {
                    id: None,
                    origin_kind: OriginKind::Finding,
                    origin_id: fd.id.clone(),
                    problem: "整改问题".into(),
                    measure: String::new(),
                    responsible_person_id: None,
                    responsible_unit_id: None,
                    due_date: Some(early),
                    due_workdays: None,
                },
            ),
        );

        let all = clues::list_clues(&db, &ClueFilter::default()).expect("clues");
        let linked = all.iter().find(|r| r.talk_id.is_some()).expect("a demo clue with its talk");
        let c = &linked.clue;
        let clue = ClueInput {
            id: None,
            source: c.source.clone(),
            received_date: c.received_date.clone(),
            person_id: c.person_id.clone(),
            unit_id: c.unit_id.clone(),
            summary: c.summary.clone(),
            disposal: Some(ClueDisposal::Verification),
            disposal_date: Some(day_before(&c.received_date)),
            result: String::new(),
        };
        f.invalid("clue_disposal_before_received", clues::save_clue(&mut db, &ctx, clue.clone()));
        f.invalid("clue_disposal_without_date", clues::save_clue(&mut db, &ctx, ClueInput { disposal_date: None, ..clue.clone() }));
        f.invalid("clue_no_subject", clues::save_clue(&mut db, &ctx, ClueInput { person_id: None, unit_id: None, ..clue.clone() }));
        f.invalid("clue_empty_summary", clues::save_clue(&mut db, &ctx, ClueInput { summary: String::new(), disposal: None, disposal_date: None, ..clue }));
        f.conflict("clue_void_with_talk", clues::void_clue(&mut db, &ctx, &c.id, "重复登记"));
        // A second 谈话函询 for a clue that has one (the talk form shows it under 关联线索).
        let person = c.person_id.clone().expect("the clue names a person");
        let second = TalkInput {
            kind: TalkKind::Inquiry,
            conductor_role: "县纪委副书记".into(),
            clue_id: Some(c.id.clone()),
            ..talk(vec![&person], TODAY, None)
        };
        f.invalid("talk_clue_already_linked", talks::save_talk(&mut db, &ctx, second));
    }
    // ---- end findings and clues
    // ---- Excel out: the list pages' 导出 Excel under a name Excel would not open
    {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("谈话台账.xls");
        f.invalid("xlsx_export_not_xlsx", jiandu_core::export::lists::export_talks(&db, &ctx, &TalkFilter::default(), &p));
    }
    // ---- end Excel out
    // ---- backups and restore: files refused for a restore, a bad folder, a damaged database
    {
        use jiandu_core::service::{backup, restore};
        // A fixed folder: the messages name the file, and the fixture must not change run to run.
        struct Fixed(PathBuf);
        impl Fixed {
            fn path(&self) -> &std::path::Path {
                &self.0
            }
        }
        impl Drop for Fixed {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
        let dir = Fixed(PathBuf::from("/tmp/jiandu-fixtures"));
        let _ = std::fs::remove_dir_all(dir.path());
        std::fs::create_dir_all(dir.path()).expect("fixture dir");
        let junk = dir.path().join("损坏的备份.db");
        std::fs::write(&junk, "不是数据库".repeat(50)).expect("write");
        f.invalid("backup_not_sqlite", restore::inspect(&junk));
        let foreign = dir.path().join("other.db");
        rusqlite::Connection::open(&foreign).expect("open").execute_batch("CREATE TABLE t(x); PRAGMA user_version = 2;").expect("other");
        f.invalid("backup_foreign", restore::inspect(&foreign));
        let newer = dir.path().join("newer.db");
        db.backup_to(&newer).expect("backup");
        rusqlite::Connection::open(&newer).expect("open").pragma_update(None, "user_version", 999).expect("version");
        f.invalid("backup_newer", restore::inspect(&newer));
        f.invalid("backup_folder_relative", backup::set_folder(&mut db, &ctx, Some("备份".into())));
        let file = dir.path().join("jiandu.db");
        drop(Db::open(&file).expect("create"));
        let mut bytes = std::fs::read(&file).expect("read");
        let page = 4096;
        bytes.truncate(page * 2);
        bytes.extend(std::iter::repeat_n(0xA5u8, page * 3));
        std::fs::write(&file, bytes).expect("write");
        let _ = std::fs::remove_file(dir.path().join("jiandu.db-wal"));
        let e = Db::open(&file).err().expect("damaged");
        assert_eq!(e.payload().code, "damaged", "{e:?}");
        f.put("database_damaged", &e.payload());
    }
    // ---- end backups and restore
    // ---- report: the 报告 page's period and the export's file name
    {
        use jiandu_core::model::report::{ReportPeriod, ReportScope};
        use jiandu_core::service::report;
        let scope = |from: &str, to: &str| ReportScope::county(ReportPeriod::range(from, to));
        f.invalid("report_from_after_to", report::build(db.conn(), &ctx, scope("2026-12-31", "2026-01-01")));
        f.invalid("report_bad_from", report::build(db.conn(), &ctx, scope("2026-02-30", "2026-12-31")));
        f.invalid("report_bad_to", report::build(db.conn(), &ctx, scope("2026-01-01", "")));
        f.invalid("report_bad_quarter", report::build(db.conn(), &ctx, ReportScope::county(ReportPeriod::Quarter { year: 2026, quarter: 5 })));
        let dir = tempfile::tempdir().expect("tmp");
        f.invalid("report_bad_extension", report::save(&db, &ctx, None, scope("2026-01-01", "2026-12-31"), &dir.path().join("年度报告.doc")));
    }
    // ---- end report
    // ---- accounts: the 创建管理员 and sign-in screens, the account page, and role refusals
    {
        use jiandu_core::model::accounts::{AccountInput, PasswordInput, Role, SetupInput};
        use jiandu_core::service::accounts;
        let mut db = Db::open_in_memory().expect("db");
        let setup = |p: &str, p2: &str| SetupInput { login: "admin".into(), display_name: "王管理".into(), password: p.into(), password2: p2.into() };
        f.invalid("setup_password_short", accounts::setup(&mut db, &ctx, setup("ab12", "ab12")));
        f.invalid("setup_password_mismatch", accounts::setup(&mut db, &ctx, setup("jiandu-2026", "jiandu-2027")));
        let admin = accounts::setup(&mut db, &ctx, setup("jiandu-2026", "jiandu-2026")).expect("setup");
        let new = |login: &str, role| AccountInput { id: None, login: login.into(), display_name: "李查阅".into(), role, password: Some("lcy-2026x".into()), disabled: false };
        accounts::save(&mut db, &ctx, new("reader", Role::Reader)).expect("reader");
        f.invalid("account_login_taken", accounts::save(&mut db, &ctx, new("Reader", Role::Clerk)));
        let own = PasswordInput { account_id: admin.account_id.clone(), old_password: Some("wrong-old1".into()), password: "jiandu-2030".into(), password2: "jiandu-2030".into() };
        f.invalid("password_old_wrong", accounts::change_password(&mut db, &ctx, own));
        accounts::sign_out(&mut db);
        let e = org::save_unit(&mut db, &ctx, unit_input("县新设局")).expect_err("signed out");
        assert_eq!(e.code(), "signed_out");
        f.put("signed_out", &e.payload());
        f.invalid("sign_in_wrong_password", accounts::sign_in(&mut db, &ctx, "admin", "wrong-pass1"));
        for _ in 0..3 {
            let _ = accounts::sign_in(&mut db, &ctx, "admin", "wrong-pass1");
        }
        let e = accounts::sign_in(&mut db, &ctx, "admin", "wrong-pass1").expect_err("locked");
        assert_eq!(e.code(), "forbidden");
        f.put("account_locked", &e.payload());
        accounts::sign_in(&mut db, &ctx, "reader", "lcy-2026x").expect("reader");
        let e = org::save_unit(&mut db, &ctx, unit_input("县新设局")).expect_err("reader");
        assert_eq!(e.code(), "forbidden");
        f.put("reader_write_forbidden", &e.payload());
        let e = accounts::list(&db).expect_err("not admin");
        assert_eq!(e.code(), "forbidden");
        f.put("accounts_admin_only", &e.payload());
    }
    // ---- end accounts
    // ---- audit log: the page's filter refusals, each under its field
    {
        use jiandu_core::model::audit::AuditFilter;
        use jiandu_core::service::audit;
        f.invalid(
            "audit_range_reversed",
            audit::page(&db, &AuditFilter { from: Some("2026-05-20".into()), to: Some("2026-05-01".into()), ..Default::default() }, 0, 50),
        );
        f.invalid("audit_from_not_a_date", audit::page(&db, &AuditFilter { from: Some("2026-02-30".into()), ..Default::default() }, 0, 50));
    }
    // ---- end audit log
    // ---- Excel in: the 导入 dialog's refusals (problems of rows are a list in the preview)
    {
        use jiandu_core::model::import::ImportKind;
        let dir = tempfile::tempdir().expect("tmp");
        let bad = dir.path().join("名册.csv");
        std::fs::write(&bad, "姓名,单位,职务\n张三,不存在的单位,局长\n").expect("csv");
        f.conflict("import_with_problems", jiandu_core::import::apply(&mut db, &ctx, &bad, ImportKind::People, None));
        let headless = dir.path().join("无表头.csv");
        std::fs::write(&headless, "张三,男\n李四,女\n").expect("csv");
        f.invalid("import_no_header", jiandu_core::import::preview(&mut db, &ctx, &headless, ImportKind::People, None));
        f.invalid("import_not_excel", jiandu_core::import::preview(&mut db, &ctx, &dir.path().join("名册.docx"), ImportKind::People, None));
    }
    // ---- end Excel in
    // ---- encryption at rest: 忘记密码 on a sealed database, each refusal under its field
    {
        use jiandu_core::model::accounts::SetupInput;
        use jiandu_core::model::crypt::RecoverInput;
        use jiandu_core::service::crypt::{self, Gate};
        let dir = tempfile::tempdir().expect("tmp");
        let path = jiandu_core::paths::database_path(dir.path());
        let Gate::Open(mut fresh) = crypt::open_gate(&path).expect("gate") else { panic!("a new folder opens plain") };
        let setup = SetupInput { login: "admin".into(), display_name: "王管理".into(), password: "jiandu-2026".into(), password2: "jiandu-2026".into() };
        let code = crypt::setup(&mut fresh, &ctx, setup).expect("setup").recovery_code.expect("code");
        drop(fresh);
        let Gate::Sealed(sealed) = crypt::open_gate(&path).expect("gate") else { panic!("sealed") };
        let input = |code: &str, login: &str, p: &str, p2: &str| RecoverInput { login: login.into(), code: code.into(), password: p.into(), password2: p2.into() };
        f.invalid("recover_code_wrong", sealed.recover(&ctx, input("ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2", "admin", "forgot-2026!", "forgot-2026!")).map(|_| ()));
        f.invalid("recover_code_short", sealed.recover(&ctx, input("ABCD-EFGH", "admin", "forgot-2026!", "forgot-2026!")).map(|_| ()));
        f.invalid("recover_login_unknown", sealed.recover(&ctx, input(&code, "nobody", "forgot-2026!", "forgot-2026!")).map(|_| ()));
        f.invalid("recover_password_short", sealed.recover(&ctx, input(&code, "admin", "ab12", "ab12")).map(|_| ()));
        f.invalid("recover_password_mismatch", sealed.recover(&ctx, input(&code, "admin", "forgot-2026!", "forgot-2027!")).map(|_| ()));
    }
    // ---- end encryption at rest

    let mut text = serde_json::to_string_pretty(&f.0).expect("json");
    text.push('\n');
    let path = fixture_path();
    std::fs::create_dir_all(path.parent().expect("dir")).expect("fixture dir");
    std::fs::write(&path, text).expect("write fixture");
}

/// A live person of the demo county, as a letter's recipient.
fn people_first(db: &Db, ctx: &Ctx) -> String {
    org::search_people(db, ctx, "", false).expect("people").rows[0].id.clone()
}

fn day_before(date: &str) -> String {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("stored date");
    (d - chrono::Days::new(1)).format("%Y-%m-%d").to_string()
}

/// A live template of the demo county, so the batch is refused for its recipients alone.
fn live_template(db: &Db) -> Option<String> {
    Some(letters::list_templates(db, false).expect("templates").first().expect("a template").id.clone())
}
