//! The office's editable lists (字典): migration 5 carries the lists saved in settings into the
//! dictionary table in their order; an entry records use cannot be removed (the refusal says how
//! many and one of them) but can be retired, and a retired entry is no longer offered yet stays
//! valid on the records that had it; duplicates and a list with nothing in use are refused; every
//! save leaves an audit row with the list before and after.

#![allow(clippy::unwrap_used)]

use jiandu_core::model::assessments::AssessmentInput;
use jiandu_core::model::dicts::{Dict, DictEntry};
use jiandu_core::service::{assessments, dicts, org};
use jiandu_core::store::{supported_version, MIGRATIONS};
use jiandu_core::{Db, Error};
use rusqlite::Connection;

mod support;
use support::*;

const DAY: &str = "2026-03-10";

fn e(name: &str, retired: bool) -> DictEntry {
    DictEntry { name: name.into(), retired, in_use: 0 }
}

fn names(v: &[DictEntry]) -> Vec<(String, bool)> {
    v.iter().map(|e| (e.name.clone(), e.retired)).collect()
}

#[test]
fn migration_5_carries_the_saved_focus_areas_and_rating_scale_into_the_table_in_order() {
    assert!(supported_version() >= 5);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jiandu.db");
    {
        // A database as version 4 left it, with lists the office had edited and reordered.
        let c = Connection::open(&path).unwrap();
        for step in &MIGRATIONS[..4] {
            c.execute_batch(step).unwrap();
        }
        c.pragma_update(None, "user_version", 4).unwrap();
        c.execute("UPDATE settings SET value = ?1 WHERE key = 'focus_areas'", [r#"["选人用人","加强政治建设","工程建设领域监督"]"#]).unwrap();
        c.execute("UPDATE settings SET value = ?1 WHERE key = 'rating_scale'", [r#"["优秀","良好","基本合格","不合格"]"#]).unwrap();
    }
    let db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), supported_version());
    let focus = dicts::entries(db.conn(), Dict::FocusAreas).unwrap();
    assert_eq!(
        names(&focus),
        vec![("选人用人".into(), false), ("加强政治建设".into(), false), ("工程建设领域监督".into(), false)]
    );
    assert_eq!(assessments::rating_scale(db.conn()).unwrap(), vec!["优秀", "良好", "基本合格", "不合格"]);
    let left: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM settings WHERE key IN ('focus_areas', 'rating_scale')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "the settings rows moved, not copied");
    // Lists never saved keep their seeded defaults.
    assert_eq!(dicts::active(db.conn(), Dict::RiskCategories).unwrap(), Dict::RiskCategories.defaults());
}

struct Fx {
    db: Db,
    assessment: String,
    unit: String,
}

/// A unit rated 较好 for 2025.
fn fx() -> Fx {
    let mut db = Db::open_in_memory().unwrap();
    let c = at(DAY);
    let unit = org::save_unit(&mut db, &c, unit_input("云溪县水利局")).unwrap().id;
    let a = AssessmentInput { id: None, unit_id: unit.clone(), year: 2025, rating: "较好".into(), score: None, remark: String::new() };
    let assessment = assessments::save_assessment(&mut db, &c, a).unwrap().assessment.id;
    Fx { db, assessment, unit }
}

fn audit_rows(db: &Db) -> Vec<(Option<String>, Option<String>)> {
    let mut st = db.conn().prepare("SELECT before, after FROM audit_log WHERE entity = 'dictionary' AND entity_id = 'rating_scale' ORDER BY id").unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn an_entry_in_use_cannot_be_removed_but_can_be_retired_and_then_stays_valid_only_where_it_was() {
    let mut f = fx();
    let c = at(DAY);
    let with_use = dicts::entries_with_use(f.db.conn(), Dict::RatingScale).unwrap();
    assert_eq!(with_use.iter().find(|e| e.name == "较好").unwrap().in_use, 1);
    assert_eq!(with_use.iter().find(|e| e.name == "好").unwrap().in_use, 0);

    // Removing it is refused, naming how many records use it and one of them; nothing is written.
    let without: Vec<DictEntry> = ["好", "一般", "基本合格", "不合格"].iter().map(|n| e(n, false)).collect();
    let err = dicts::save(&mut f.db, &c, Dict::RatingScale, without).unwrap_err();
    match &err {
        Error::Invalid { field, message } => {
            assert_eq!(field, "rating_scale");
            assert!(message.contains("“较好”已有 1 条记录使用"), "{message}");
            assert!(message.contains("云溪县水利局2025年度"), "names an example: {message}");
            assert!(message.contains("停用"), "says what to do instead: {message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(audit_rows(&f.db).is_empty());

    // Retiring it is allowed: the form no longer offers it ...
    let retired = vec![e("好", false), e("较好", true), e("一般", false), e("基本合格", false), e("不合格", false)];
    let saved = dicts::save(&mut f.db, &c, Dict::RatingScale, retired).unwrap();
    assert_eq!(saved.iter().find(|e| e.name == "较好").map(|e| (e.retired, e.in_use)), Some((true, 1)));
    assert_eq!(assessments::rating_scale(f.db.conn()).unwrap(), vec!["好", "一般", "基本合格", "不合格"]);
    // ... a new record may not take it ...
    let other = org::save_unit(&mut f.db, &c, unit_input("云溪县审计局")).unwrap().id;
    let new = AssessmentInput { id: None, unit_id: other, year: 2025, rating: "较好".into(), score: None, remark: String::new() };
    let err = assessments::save_assessment(&mut f.db, &c, new).unwrap_err();
    assert!(matches!(&err, Error::Invalid { field, message } if field == "rating" && message.contains("已停用")), "{err:?}");
    // ... but the record that had it keeps it when edited.
    let edit = AssessmentInput {
        id: Some(f.assessment.clone()),
        unit_id: f.unit.clone(),
        year: 2025,
        rating: "较好".into(),
        score: Some(88.0),
        remark: String::new(),
    };
    assert_eq!(assessments::save_assessment(&mut f.db, &c, edit).unwrap().assessment.rating, "较好");
    // Once no live record uses it, it may go.
    assessments::void_assessment(&mut f.db, &c, &f.assessment, "录入错误").unwrap();
    let gone: Vec<DictEntry> = ["好", "一般", "基本合格", "不合格"].iter().map(|n| e(n, false)).collect();
    dicts::save(&mut f.db, &c, Dict::RatingScale, gone).unwrap();
    assert!(!dicts::known(f.db.conn(), Dict::RatingScale, "较好").unwrap());
}

#[test]
fn duplicates_and_a_list_with_nothing_in_use_are_refused_and_write_nothing() {
    let mut f = fx();
    let c = at(DAY);
    let before = dicts::entries(f.db.conn(), Dict::FindingSources).unwrap();
    for (bad, says) in [
        (vec![e("日常监督", false), e(" 日常监督", false)], "问题来源“日常监督”重复"),
        (vec![e("日常监督", false), e("日常监督", true)], "重复"),
        (vec![], "至少要有一项在用"),
        (vec![e("  ", false)], "至少要有一项在用"),
        (vec![e("日常监督", true)], "至少要有一项在用"),
        (vec![e("日常\n监督", false)], "不能换行"),
    ] {
        let err = dicts::save(&mut f.db, &c, Dict::FindingSources, bad.clone()).unwrap_err();
        match &err {
            Error::Invalid { field, message } => {
                assert_eq!(field, "finding_sources", "{bad:?}");
                assert!(message.contains(says), "{bad:?}: {message}");
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(dicts::entries(f.db.conn(), Dict::FindingSources).unwrap(), before);
    let n: i64 = f.db.conn().query_row("SELECT count(*) FROM audit_log WHERE entity = 'dictionary'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
}

#[test]
fn a_save_leaves_one_audit_row_with_the_list_before_and_after() {
    let mut f = fx();
    let c = at(DAY);
    let list = vec![e("不合格", false), e("好", false), e("较好", false), e("一般", true), e("基本合格", false), e("优秀", false)];
    dicts::save(&mut f.db, &c, Dict::RatingScale, list).unwrap();
    let rows = audit_rows(&f.db);
    assert_eq!(rows.len(), 1);
    let before: Vec<DictEntry> = serde_json::from_str(rows[0].0.as_deref().unwrap()).unwrap();
    let after: Vec<DictEntry> = serde_json::from_str(rows[0].1.as_deref().unwrap()).unwrap();
    assert_eq!(before.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), vec!["好", "较好", "一般", "基本合格", "不合格"]);
    assert_eq!(
        names(&after),
        vec![
            ("不合格".into(), false),
            ("好".into(), false),
            ("较好".into(), false),
            ("一般".into(), true),
            ("基本合格".into(), false),
            ("优秀".into(), false)
        ]
    );
    // The order saved is the order read back and offered.
    assert_eq!(assessments::rating_scale(f.db.conn()).unwrap(), vec!["不合格", "好", "较好", "基本合格", "优秀"]);
}
