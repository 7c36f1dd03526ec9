//! 问题线索: disposal by 谈话函询 links one live talk (talk.clue_id) shown on both sides; the
//! disposal date may not precede the received date; refusals write nothing.

#![allow(clippy::unwrap_used)]

use jiandu_core::model::clues::*;
use jiandu_core::model::talks::{TalkInput, TalkKind};
use jiandu_core::service::{self, clues, org, talks};
use jiandu_core::{Db, Error};

mod support;
use support::*;

struct Fx {
    db: Db,
    person: String,
}

fn fx() -> Fx {
    let mut db = Db::open_in_memory().unwrap();
    let c = at("2024-01-01");
    let unit = org::save_unit(&mut db, &c, unit_input("云溪县水利局")).unwrap().id;
    let person = org::save_person(&mut db, &c, person_input("雷振国")).unwrap().id;
    org::save_position(&mut db, &c, position_input(&person, &unit, "局长", true)).unwrap();
    Fx { db, person }
}

fn clue(person: &str, disposal: Option<ClueDisposal>, disposal_date: Option<&str>) -> ClueInput {
    ClueInput {
        id: None,
        source: "信访举报".into(),
        received_date: "2025-04-02".into(),
        person_id: Some(person.into()),
        unit_id: None,
        summary: "反映其在河道治理项目中违规指定施工单位".into(),
        disposal,
        disposal_date: disposal_date.map(str::to_string),
        result: String::new(),
    }
}

/// A 谈话函询 of the clue's person, as the talk form sends it from the clue.
fn inquiry(person: &str, clue_id: &str, date: &str) -> TalkInput {
    TalkInput {
        kind: TalkKind::Inquiry,
        source: TALK_SOURCE.into(),
        clue_id: Some(clue_id.into()),
        ..summons_input(person, date, true, None)
    }
}

fn audit_rows(db: &Db) -> i64 {
    service::counts(db, &at("2026-01-01")).unwrap().audit_rows
}

#[test]
fn a_talk_inquiry_names_its_clue_once_and_both_pages_show_the_link() {
    let mut f = fx();
    let c = at("2025-05-10");
    let saved = clues::save_clue(&mut f.db, &c, clue(&f.person, Some(ClueDisposal::TalkInquiry), Some("2025-04-20"))).unwrap();
    assert!(saved.talk_awaited && saved.talk_id.is_none(), "the list offers 登记谈话函询");
    let id = saved.clue.id.clone();

    let talk = talks::save_talk(&mut f.db, &c, inquiry(&f.person, &id, "2025-04-28")).unwrap();
    assert_eq!(talk.talk.clue_id.as_deref(), Some(id.as_str()));
    let link = talk.clue.expect("the talk page shows its clue");
    assert_eq!((link.id.as_str(), link.source.as_str()), (id.as_str(), "信访举报"));
    let row = clues::clue_row(&f.db, &id).unwrap();
    assert_eq!((row.talk_id.as_deref(), row.talk_date.as_deref(), row.talk_awaited), (Some(talk.talk.id.as_str()), Some("2025-04-28"), false));
    assert_eq!(org::person_detail(&f.db, &c, &f.person).unwrap().clues.len(), 1);
    let file = jiandu_core::service::person_file::person_file(f.db.conn(), &c, &f.person).unwrap();
    let section = file.sections.iter().find(|s| s.key == "clues").unwrap();
    assert_eq!(section.rows[0][3], "谈话函询\n2025年4月20日");
    assert_eq!(section.rows[0][4], "2025年4月28日谈话函询");

    // A second live talk for the same clue, a talk of another kind, or a clue not disposed of by
    // 谈话函询 are refused at clue_id, writing nothing.
    let before = audit_rows(&f.db);
    assert_eq!(invalid(talks::save_talk(&mut f.db, &c, inquiry(&f.person, &id, "2025-05-06"))).0, "clue_id");
    let wrong_kind = TalkInput { kind: TalkKind::Reminder, ..inquiry(&f.person, &id, "2025-05-06") };
    assert_eq!(invalid(talks::save_talk(&mut f.db, &c, wrong_kind)).0, "clue_id");
    let parked = clues::save_clue(&mut f.db, &c, clue(&f.person, Some(ClueDisposal::Deferred), Some("2025-04-20"))).unwrap().clue.id;
    let after_parked = audit_rows(&f.db);
    let (field, message) = invalid(talks::save_talk(&mut f.db, &c, inquiry(&f.person, &parked, "2025-05-06")));
    assert_eq!(field, "clue_id");
    assert!(message.contains("谈话函询"), "{message}");
    assert_eq!(audit_rows(&f.db), after_parked);
    assert_eq!(after_parked, before + 1);

    // While the talk is live the clue keeps its disposal and cannot be voided.
    let mut other = clue(&f.person, Some(ClueDisposal::Concluded), Some("2025-04-20"));
    other.id = Some(id.clone());
    assert_eq!(invalid(clues::save_clue(&mut f.db, &c, other)).0, "disposal");
    assert!(matches!(clues::void_clue(&mut f.db, &c, &id, "重复登记"), Err(Error::Conflict(_))));

    // Voiding the talk frees the clue for another; the old talk cannot then come back.
    talks::void_talk(&mut f.db, &c, &talk.talk.id, "谈话对象有误").unwrap();
    assert!(clues::clue_row(&f.db, &id).unwrap().talk_awaited);
    let second = talks::save_talk(&mut f.db, &c, inquiry(&f.person, &id, "2025-05-06")).unwrap();
    assert_eq!(clues::clue_row(&f.db, &id).unwrap().talk_id.as_deref(), Some(second.talk.id.as_str()));
    assert!(matches!(talks::restore_talk(&mut f.db, &c, &talk.talk.id), Err(Error::Conflict(_))));
    // Editing the linked talk keeps its link.
    let mut edit = inquiry(&f.person, &id, "2025-05-06");
    edit.id = Some(second.talk.id.clone());
    edit.statement = "如实说明情况".into();
    assert!(talks::save_talk(&mut f.db, &c, edit).is_ok());
}

#[test]
fn a_disposal_date_before_the_received_date_is_refused_and_writes_nothing() {
    let mut f = fx();
    let c = at("2025-05-10");
    let before = audit_rows(&f.db);
    let (field, message) = invalid(clues::save_clue(&mut f.db, &c, clue(&f.person, Some(ClueDisposal::Verification), Some("2025-04-01"))));
    assert_eq!(field, "disposal_date");
    assert!(message.contains("不能早于受理日期"), "{message}");
    assert_eq!(invalid(clues::save_clue(&mut f.db, &c, clue(&f.person, Some(ClueDisposal::Verification), None))).0, "disposal_date");
    assert_eq!(invalid(clues::save_clue(&mut f.db, &c, clue(&f.person, None, Some("2025-04-10")))).0, "disposal");
    let nobody = ClueInput { person_id: None, ..clue(&f.person, None, None) };
    assert_eq!(invalid(clues::save_clue(&mut f.db, &c, nobody)).0, "person_id");
    let future = ClueInput { received_date: "2025-05-11".into(), ..clue(&f.person, None, None) };
    assert_eq!(invalid(clues::save_clue(&mut f.db, &c, future)).0, "received_date");
    let empty = ClueInput { summary: "  ".into(), ..clue(&f.person, None, None) };
    assert_eq!(invalid(clues::save_clue(&mut f.db, &c, empty)).0, "summary");
    assert_eq!(audit_rows(&f.db), before);

    // Undisposed, then disposed of on the day it came in.
    let open = clues::save_clue(&mut f.db, &c, clue(&f.person, None, None)).unwrap();
    let undisposed = clues::list_clues(&f.db, &ClueFilter { undisposed: true, ..ClueFilter::default() }).unwrap();
    assert_eq!(undisposed.len(), 1);
    let mut done = clue(&f.person, Some(ClueDisposal::Concluded), Some("2025-04-02"));
    done.id = Some(open.clue.id.clone());
    done.result = "经了解，反映问题不属实，予以了结".into();
    clues::save_clue(&mut f.db, &c, done).unwrap();
    let concluded = clues::list_clues(&f.db, &ClueFilter { disposal: Some(ClueDisposal::Concluded), year: Some(2025), ..ClueFilter::default() }).unwrap();
    assert_eq!(concluded.len(), 1);
    assert!(clues::list_clues(&f.db, &ClueFilter { undisposed: true, ..ClueFilter::default() }).unwrap().is_empty());
}
