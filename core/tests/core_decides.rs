//! What the pages show before a clerk acts is decided here, not re-derived in the UI: the 文号 a
//! signing will give (by the signing date's year), whether a plan entry is assigned or late, and
//! a batch assignment that saves all entries or none.

use jiandu_core::model::letters::*;
use jiandu_core::model::talks::PlanEntryInput;
use jiandu_core::service::{letters, talks};
use jiandu_core::{demo, Ctx, Db};

mod support;
use support::*;


fn demo_at(today: &str) -> (Db, Ctx) {
    let ctx = at(today);
    let mut db = Db::open_in_memory().expect("db");
    demo::load(&mut db, &ctx).expect("demo");
    (db, ctx)
}


#[test]
fn the_number_preview_follows_the_signing_dates_year_and_matches_what_signing_gives() {
    // Early January: a letter dated before New Year is numbered in last year's sequence.
    let (mut db, ctx) = demo_at("2027-01-05");
    let options = letters::letter_options(&db, &ctx).expect("options");
    let code = options.agency_code.clone();
    let this_year_count = letters::signed_letters_of_year(&db, 2027).expect("2027").iter().filter_map(|l| l.seq).max().unwrap_or(0);
    let this_year = letters::number_preview(&db, &ctx, "2027-01-04", 1).expect("preview");
    assert_eq!(this_year.first, format!("{code}〔2027〕{}号", this_year_count + 1));
    assert_eq!(this_year.first, this_year.last);
    assert_eq!(Some(this_year.first.clone()), options.next_number, "the list header's next number is the same rule");

    let last_year_count = letters::signed_letters_of_year(&db, 2026).expect("2026").iter().filter_map(|l| l.seq).max().expect("2026 letters");
    let dated_last_year = letters::number_preview(&db, &ctx, "2026-12-30", 3).expect("preview");
    assert_eq!(dated_last_year.year, 2026);
    assert_eq!(dated_last_year.first, format!("{code}〔2026〕{}号", last_year_count + 1));
    assert_eq!(dated_last_year.last, format!("{code}〔2026〕{}号", last_year_count + 3));

    // Signing a batch of three on that date gives exactly the previewed range.
    let recipients: Vec<LetterRecipient> = letters::letter_recipients(&db, &ctx, RecipientPreset::TownshipSecretaries)
        .expect("recipients")
        .into_iter()
        .take(3)
        .map(|c| LetterRecipient { unit_id: c.unit_id, person_id: c.person_id })
        .collect();
    assert_eq!(recipients.len(), 3);
    let template = options.templates.first().expect("template").id.clone();
    let batch = letters::sign_batch(&mut db, &ctx, BatchInput { template_id: Some(template), base: None, recipients, date: "2026-12-30".into() })
        .expect("batch");
    assert_eq!(batch.first().and_then(|l| l.number.clone()), Some(dated_last_year.first));
    assert_eq!(batch.last().and_then(|l| l.number.clone()), Some(dated_last_year.last));
}

#[test]
fn the_number_preview_refuses_what_signing_would_refuse() {
    let (db, ctx) = demo_at("2026-12-03");
    assert_eq!(invalid(letters::number_preview(&db, &ctx, "2026-02-30", 1)).0, "date");
    let (field, message) = invalid(letters::number_preview(&db, &ctx, "2026-12-04", 1));
    assert_eq!(field, "date");
    assert!(message.starts_with("签发日期"), "{message}");
    assert_eq!(invalid(letters::number_preview(&db, &ctx, "2026-12-03", 0)).0, "count");

    let empty = Db::open_in_memory().expect("db");
    let (field, message) = invalid(letters::number_preview(&empty, &ctx, "2026-12-03", 1));
    assert_eq!(field, "agency_code");
    assert!(message.contains("机关代字"), "{message}");
}

#[test]
fn the_plan_says_which_entries_are_assigned_and_which_are_late() {
    let (mut db, ctx) = demo_at("2026-07-15");
    let plan = talks::talk_plan(&db, &ctx, 2026).expect("plan");
    assert!(!plan.entries.is_empty());
    for v in &plan.entries {
        let named = v.entry.conductor_person_id.is_some() || !v.entry.conductor_role.trim().is_empty();
        assert_eq!(v.assigned, named, "{v:?}");
    }
    let open = plan.entries.iter().find(|v| v.talk_id.is_none()).expect("an entry without a talk");
    let id = open.entry.id.clone();
    let set_month = |db: &mut Db, m: u32| {
        talks::assign_plan_entry(db, &ctx, PlanEntryInput { id: id.clone(), conductor_person_id: None, conductor_role: "县纪委书记".into(), planned_month: Some(m) })
            .expect("assign");
        talks::talk_plan(db, &ctx, 2026).expect("plan").entries.into_iter().find(|v| v.entry.id == id).expect("entry")
    };
    let june = set_month(&mut db, 6);
    assert!(june.assigned && june.late, "June is over on 15 July: {june:?}");
    let july = set_month(&mut db, 7);
    assert!(!july.late, "July is not over yet: {july:?}");
    // A past year's entry is late whatever its month.
    let next_year = at("2027-01-02");
    let seen_later = talks::talk_plan(&db, &next_year, 2026).expect("plan").entries.into_iter().find(|v| v.entry.id == id).expect("entry");
    assert!(seen_later.late);
    // An entry whose talk was held is never late.
    let held = talks::talk_plan(&db, &ctx, 2026).expect("plan").entries.into_iter().find(|v| v.talk_id.is_some() && v.entry.planned_month.is_some());
    if let Some(h) = held {
        assert!(!h.late, "{h:?}");
    }
}

#[test]
fn a_batch_assignment_saves_every_entry_or_none_and_names_who_failed() {
    let (mut db, ctx) = demo_at("2026-07-15");
    let plan = talks::talk_plan(&db, &ctx, 2026).expect("plan");
    let unassigned: Vec<_> = plan.entries.iter().filter(|v| v.entry.planned_month != Some(9)).take(3).cloned().collect();
    assert_eq!(unassigned.len(), 3, "the demo plan has entries to assign");
    let input = |v: &jiandu_core::model::talks::PlanEntryView, conductor: &str| PlanEntryInput {
        id: v.entry.id.clone(),
        conductor_person_id: Some(conductor.to_string()),
        conductor_role: String::new(),
        planned_month: Some(9),
    };
    // The third entry names its own subject as conductor: refused, and the first two stay unassigned.
    let third = &unassigned[2];
    let conductor = unassigned[0].entry.person_id.clone();
    let inputs = vec![input(&unassigned[1], &conductor), input(&unassigned[2], &third.entry.person_id)];
    let (field, message) = invalid(talks::assign_plan_entries(&mut db, &ctx, inputs));
    assert_eq!(field, "conductor_person_id");
    assert!(message.starts_with(&format!("“{}”：", third.person_name)), "{message}");
    let after = talks::talk_plan(&db, &ctx, 2026).expect("plan");
    let still = after.entries.iter().find(|v| v.entry.id == unassigned[1].entry.id).expect("entry");
    assert_eq!(still.entry, unassigned[1].entry, "nothing saved when one entry is refused");

    let ok = talks::assign_plan_entries(&mut db, &ctx, vec![input(&unassigned[1], &conductor), input(&unassigned[2], &conductor)]).expect("all");
    assert_eq!(ok.len(), 2);
    let after = talks::talk_plan(&db, &ctx, 2026).expect("plan");
    let saved: Vec<_> = after.entries.iter().filter(|v| v.entry.id == unassigned[1].entry.id || v.entry.id == unassigned[2].entry.id).collect();
    assert_eq!(saved.len(), 2);
    assert!(saved.iter().all(|v| v.assigned && v.entry.planned_month == Some(9) && v.entry.conductor_person_id.as_deref() == Some(conductor.as_str())));
    assert_eq!(invalid(talks::assign_plan_entries(&mut db, &ctx, vec![])).0, "inputs");
}
