//! 考核 (issue 10): a unit rated 基本合格 or 不合格 puts its 一把手 on the worklist as 待约谈 until a
//! held 约谈 names the assessment; one rating per unit and year; the rating scale guards the
//! entries in use; the 督办函 preset goes to the heads of the units so rated.

use jiandu_core::model::assessments::{AssessmentFilter, AssessmentInput};
use jiandu_core::model::letters::RecipientPreset;
use jiandu_core::model::talks::TalkKind;
use jiandu_core::service::{self, assessments, letters, org, talks, worklist};
use jiandu_core::{Ctx, Db, Error};

mod support;
use support::*;

const TODAY: &str = "2026-03-10";

struct County {
    db: Db,
    ctx: Ctx,
    /// 县水利局 with 李𠮷 as 局长 (一把手).
    water: String,
    water_head: String,
    /// 县林业局 with 王䶮 as 局长.
    forest: String,
    forest_head: String,
    /// 县档案馆, no 一把手.
    archive: String,
}

fn county() -> County {
    let ctx = at(TODAY);
    let mut db = Db::open_in_memory().expect("db");
    let unit_with_head = |db: &mut Db, unit: &str, head: &str| {
        let u = org::save_unit(db, &ctx, unit_input(unit)).expect("unit").id;
        let p = org::save_person(db, &ctx, person_input(head)).expect("person").id;
        org::save_position(db, &ctx, position_input(&p, &u, "局长", true)).expect("position");
        (u, p)
    };
    let (water, water_head) = unit_with_head(&mut db, "县水利局", "李𠮷");
    let (forest, forest_head) = unit_with_head(&mut db, "县林业局", "王䶮");
    let archive = org::save_unit(&mut db, &ctx, unit_input("县档案馆")).expect("unit").id;
    County { db, ctx, water, water_head, forest, forest_head, archive }
}

fn rate(db: &mut Db, ctx: &Ctx, unit: &str, year: i32, rating: &str) -> String {
    assessments::save_assessment(db, ctx, assessment_input(unit, year, rating)).expect("rating saved").assessment.id
}

/// The 待约谈 entries as (assessment id, head's person id).
fn summons_due(c: &County) -> Vec<(String, Option<String>)> {
    let w = worklist::worklist(&c.db, &c.ctx).expect("worklist");
    assert_eq!(w.summons_due_total as usize, w.summons_due.len());
    w.summons_due.into_iter().map(|e| (e.assessment_id, e.person_id)).collect()
}

fn audit_rows(c: &County) -> i64 {
    service::counts(&c.db, &c.ctx).expect("counts").audit_rows
}

#[test]
fn a_basic_pass_puts_the_head_on_the_worklist_until_a_held_summons_names_it() {
    let mut c = county();
    let good = rate(&mut c.db, &c.ctx, &c.forest, 2025, "好");
    let weak = rate(&mut c.db, &c.ctx, &c.water, 2025, "基本合格");
    assert_eq!(summons_due(&c), vec![(weak.clone(), Some(c.water_head.clone()))], "only the 基本合格 unit's head awaits a 约谈, not the 好 one ({good})");
    let w = worklist::worklist(&c.db, &c.ctx).expect("worklist");
    let e = &w.summons_due[0];
    assert_eq!((e.year, e.rating.as_str(), e.unit_name.as_str(), e.person_name.as_deref()), (2025, "基本合格", "县水利局", Some("李𠮷")));

    // A 约谈 planned from the entry keeps it there, and says so.
    let planned = talks::save_talk(&mut c.db, &c.ctx, summons_input(&c.water_head, "2026-03-20", false, Some(&weak))).expect("planned");
    assert_eq!(planned.talk.assessment_id.as_deref(), Some(weak.as_str()));
    let w = worklist::worklist(&c.db, &c.ctx).expect("worklist");
    assert_eq!(w.summons_due.len(), 1, "a planned 约谈 is not a held one");
    assert_eq!(w.summons_due[0].planned_talk_id.as_deref(), Some(planned.talk.id.as_str()));

    // Recording it as held (the link carried over) takes the entry off the list.
    talks::record_talk_held(&mut c.db, &c.ctx, &planned.talk.id, "2026-03-09").expect("held");
    assert!(summons_due(&c).is_empty(), "a held 约谈 linked to the assessment closes the entry");
    let row = &assessments::list_assessments(&c.db, &c.ctx, &AssessmentFilter { year: Some(2025), ..Default::default() }).expect("list")
        .into_iter()
        .find(|r| r.assessment.id == weak)
        .expect("the weak rating is listed");
    assert!(row.calls_for_summons);
    assert_eq!(row.summons_talk_id.as_deref(), Some(planned.talk.id.as_str()));
    assert_eq!(row.head_name.as_deref(), Some("李𠮷"));
    // The talk's page names the assessment it was held for.
    let link = talks::talk_detail(&c.db, &c.ctx, &planned.talk.id).expect("detail").assessment.expect("the linked assessment");
    assert_eq!((link.unit_name.as_str(), link.year, link.rating.as_str(), link.voided), ("县水利局", 2025, "基本合格", false));

    // Voiding that 约谈 puts the head back on the list.
    talks::void_talk(&mut c.db, &c.ctx, &planned.talk.id, "录入错误").expect("void talk");
    assert_eq!(summons_due(&c).len(), 1);
}

#[test]
fn a_held_summons_not_linked_to_the_assessment_does_not_close_the_entry() {
    let mut c = county();
    let weak = rate(&mut c.db, &c.ctx, &c.water, 2025, "不合格");
    talks::save_talk(&mut c.db, &c.ctx, summons_input(&c.water_head, "2026-03-01", true, None)).expect("an unrelated 约谈");
    assert_eq!(summons_due(&c), vec![(weak, Some(c.water_head.clone()))], "only a 约谈 that names the assessment closes it");
}

#[test]
fn a_voided_assessment_leaves_the_worklist_and_a_restored_one_returns() {
    let mut c = county();
    let weak = rate(&mut c.db, &c.ctx, &c.water, 2025, "基本合格");
    assessments::void_assessment(&mut c.db, &c.ctx, &weak, "等次录错").expect("void");
    assert!(summons_due(&c).is_empty());
    assessments::restore_assessment(&mut c.db, &c.ctx, &weak).expect("restore");
    assert_eq!(summons_due(&c).len(), 1);

    // A unit without a head is still listed, with nobody named, so the rating is not lost.
    let archive = rate(&mut c.db, &c.ctx, &c.archive, 2024, "不合格");
    let due = summons_due(&c);
    assert_eq!(due[0], (archive, None), "oldest year first, head vacant");
}

#[test]
fn a_second_rating_for_the_same_unit_and_year_is_refused_and_nothing_written() {
    let mut c = county();
    let first = rate(&mut c.db, &c.ctx, &c.water, 2025, "较好");
    let before = audit_rows(&c);
    let (field, message) = invalid(assessments::save_assessment(&mut c.db, &c.ctx, assessment_input(&c.water, 2025, "基本合格")));
    assert_eq!(field, "unit_id");
    assert!(message.contains("县水利局2025年度已有考核等次“较好”"), "{message}");
    assert_eq!(audit_rows(&c), before, "nothing written");
    assert_eq!(assessments::list_assessments(&c.db, &c.ctx, &AssessmentFilter::default()).expect("list").len(), 1);
    assert!(summons_due(&c).is_empty(), "the refused 基本合格 did not reach the worklist");

    // Moving another unit's rating onto the taken year names the year.
    let other = rate(&mut c.db, &c.ctx, &c.water, 2024, "好");
    let (field, _) = invalid(assessments::save_assessment(
        &mut c.db,
        &c.ctx,
        AssessmentInput { id: Some(other), ..assessment_input(&c.water, 2025, "好") },
    ));
    assert_eq!(field, "year");

    // A voided rating frees the year; restoring it then is refused, naming the live one.
    assessments::void_assessment(&mut c.db, &c.ctx, &first, "重新评定").expect("void");
    rate(&mut c.db, &c.ctx, &c.water, 2025, "一般");
    match assessments::restore_assessment(&mut c.db, &c.ctx, &first) {
        Err(Error::Conflict(m)) => assert!(m.contains("一般"), "{m}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[test]
fn bad_ratings_years_scores_and_units_are_refused_naming_the_field() {
    let mut c = county();
    let before = audit_rows(&c);
    let water = c.water.clone();
    let cases: Vec<(AssessmentInput, &str, &str)> = vec![
        (assessment_input(&water, 2025, "优秀"), "rating", "考核等次“优秀”不在设置的考核等次中"),
        (assessment_input(&water, 2025, " "), "rating", "考核等次不能为空"),
        (assessment_input(&water, 2027, "好"), "year", "考核年度应在2000年至2026年之间"),
        (assessment_input(&water, 1999, "好"), "year", "考核年度"),
        (AssessmentInput { score: Some(100.5), ..assessment_input(&water, 2025, "好") }, "score", "考核得分应在0至100之间"),
        (AssessmentInput { score: Some(-1.0), ..assessment_input(&water, 2025, "好") }, "score", "考核得分"),
        (AssessmentInput { remark: "备注\u{7}".into(), ..assessment_input(&water, 2025, "好") }, "remark", "备注不能包含控制字符"),
        (assessment_input("", 2025, "好"), "unit_id", "考核单位不能为空"),
    ];
    for (input, want_field, want_message) in cases {
        let (field, message) = invalid(assessments::save_assessment(&mut c.db, &c.ctx, input.clone()));
        assert_eq!(field, want_field, "{input:?}");
        assert!(message.contains(want_message), "{message}");
    }
    let archive = c.archive.clone();
    org::void_unit(&mut c.db, &c.ctx, &archive, "机构撤并").expect("void unit");
    let (field, message) = invalid(assessments::save_assessment(&mut c.db, &c.ctx, assessment_input(&archive, 2025, "好")));
    assert_eq!(field, "unit_id");
    assert!(message.contains("县档案馆") && message.contains("已作废"), "{message}");
    // Only the unit's voiding was written.
    assert_eq!(audit_rows(&c), before + 1);
}

#[test]
fn a_talk_links_only_as_a_summons_to_a_live_assessment() {
    let mut c = county();
    let weak = rate(&mut c.db, &c.ctx, &c.water, 2025, "基本合格");
    let supervision = support::summons_input(&c.water_head, "2026-03-01", true, Some(&weak));
    let (field, message) = invalid(talks::save_talk(&mut c.db, &c.ctx, jiandu_core::model::talks::TalkInput { kind: TalkKind::Supervision, ..supervision }));
    assert_eq!(field, "assessment_id");
    assert!(message.contains("约谈"), "{message}");
    let (field, _) = invalid(talks::save_talk(&mut c.db, &c.ctx, summons_input(&c.water_head, "2026-03-01", true, Some("no-such-id"))));
    assert_eq!(field, "assessment_id");
    assessments::void_assessment(&mut c.db, &c.ctx, &weak, "录错").expect("void");
    let (field, message) = invalid(talks::save_talk(&mut c.db, &c.ctx, summons_input(&c.water_head, "2026-03-01", true, Some(&weak))));
    assert_eq!(field, "assessment_id");
    assert!(message.contains("已作废"), "{message}");
}

#[test]
fn the_preset_lists_the_heads_of_units_rated_for_a_summons_in_the_latest_year() {
    let mut c = county();
    let (water, forest, archive) = (c.water.clone(), c.forest.clone(), c.archive.clone());
    rate(&mut c.db, &c.ctx, &forest, 2024, "不合格");
    rate(&mut c.db, &c.ctx, &water, 2025, "基本合格");
    rate(&mut c.db, &c.ctx, &forest, 2025, "较好");
    rate(&mut c.db, &c.ctx, &archive, 2025, "不合格");
    let got = letters::letter_recipients(&c.db, &c.ctx, RecipientPreset::SummonsRatedHeads).expect("preset");
    let people: Vec<_> = got.iter().map(|r| r.person_id.clone()).collect();
    assert_eq!(people, vec![Some(c.water_head.clone())], "2025 only; the headless 档案馆 has nobody to write to: {got:?}");
    assert!(got[0].label.contains("李𠮷"));
    let y2024 = letters::summons_recipients(&c.db, &c.ctx, Some(2024)).expect("2024");
    assert_eq!(y2024.iter().map(|r| r.person_id.clone()).collect::<Vec<_>>(), vec![Some(c.forest_head.clone())]);
}

#[test]
fn a_rating_in_use_cannot_be_removed_from_the_scale() {
    let mut c = county();
    rate(&mut c.db, &c.ctx, &c.water, 2025, "一般");
    let scale = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let (field, message) = invalid(assessments::save_rating_scale(&mut c.db, &c.ctx, scale(&["好", "较好", "基本合格", "不合格"])));
    assert_eq!(field, "rating_scale");
    assert!(message.contains("“一般”") && message.contains("县水利局2025年度"), "{message}");
    let saved = assessments::save_rating_scale(&mut c.db, &c.ctx, scale(&["优秀", "好", "较好", "一般", "基本合格", "不合格"])).expect("adding is fine");
    assert_eq!(assessments::assessment_options(&c.db, &c.ctx).expect("options").ratings, saved);
    let (_, message) = invalid(assessments::save_rating_scale(&mut c.db, &c.ctx, scale(&["好", "好"])));
    assert!(message.contains("重复"), "{message}");
}

#[test]
fn check_counts_assessments_and_pending_summons() {
    let mut c = county();
    rate(&mut c.db, &c.ctx, &c.water, 2025, "基本合格");
    rate(&mut c.db, &c.ctx, &c.forest, 2025, "好");
    let counts = service::counts(&c.db, &c.ctx).expect("counts");
    assert_eq!((counts.assessments, counts.summons_pending), (2, 1));
}

#[test]
fn the_demo_county_has_two_years_of_ratings_one_summons_pending_and_one_held() {
    let ctx = at(TODAY);
    let mut db = Db::open_in_memory().expect("db");
    jiandu_core::demo::load(&mut db, &ctx).expect("demo");
    let options = assessments::assessment_options(&db, &ctx).expect("options");
    assert_eq!(options.years, vec![2025, 2024]);
    let w = worklist::worklist(&db, &ctx).expect("worklist");
    assert!(w.summons_due.iter().any(|e| e.year == 2025 && e.rating == "基本合格" && e.person_name.is_some()), "{:?}", w.summons_due);
    assert!(w.summons_due.iter().all(|e| e.year == 2025), "the year before's 约谈 was held: {:?}", w.summons_due);
    let before = assessments::list_assessments(&db, &ctx, &AssessmentFilter { year: Some(2024), ..Default::default() }).expect("2024");
    assert!(before.iter().any(|r| r.assessment.rating == "基本合格" && r.summons_talk_id.is_some()));
}

#[test]
fn jiandu_check_prints_the_assessments_of_the_demo_county() {
    use jiandu_core::cli::{self, Outcome};
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
    let line = out.lines().find(|l| l.starts_with("考核 ")).unwrap_or_else(|| panic!("no 考核 line in {out}"));
    // Every unit with a head rated for two years; two of last year's await their 约谈.
    assert!(line.ends_with("（待约谈 2）"), "{line}");
}
