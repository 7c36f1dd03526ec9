//! An audit row's "before" is what the change really replaced, even when another window saved
//! the same setting a moment earlier: the service reads it inside its own write transaction.

use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;
use jiandu_core::model::dicts::{Dict, DictEntry};
use jiandu_core::model::Office;
use jiandu_core::service::{self, org, talks};
use jiandu_core::{Ctx, Db};

fn ctx(who: &str) -> Ctx {
    Ctx::at(who, NaiveDate::from_ymd_opt(2026, 12, 3).expect("date"))
}

fn office(code: &str) -> Office {
    Office {
        full_names: vec!["中共云溪县纪律检查委员会".into()],
        agency_code: code.into(),
        contact_person: String::new(),
        contact_phone: String::new(),
        operator: String::new(),
    }
}

/// Another window (its own connection to the same file) writes with `theirs` and holds its write
/// transaction open while this window runs `mine`, which must wait for the lock.
fn while_another_window_writes(
    path: &std::path::Path,
    theirs: impl FnOnce(&rusqlite::Transaction) + Send + 'static,
    mine: impl FnOnce(&mut Db),
) {
    let mut other = Db::open(path).expect("second window");
    let mut db = Db::open(path).expect("first window");
    let (started, wait) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let tx = other.write().expect("write lock");
        theirs(&tx);
        started.send(()).expect("signal");
        std::thread::sleep(Duration::from_millis(300));
        tx.commit().expect("commit");
    });
    wait.recv().expect("the other window holds the lock");
    mine(&mut db);
    handle.join().expect("other window");
}

fn last_before(path: &std::path::Path, entity: &str, id: &str) -> Option<String> {
    let db = Db::open(path).expect("db");
    let trail = org::audit_trail(&db, entity, id).expect("trail");
    trail.into_iter().max_by_key(|e| e.id).expect("an audit row").before
}

#[test]
fn the_office_audit_row_names_the_value_it_replaced() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("jiandu.db");
    service::save_office(&mut Db::open(&path).expect("db"), &ctx("甲"), office("云纪函")).expect("first save");
    let theirs = serde_json::to_string(&office("云纪发")).expect("json");
    let put = move |tx: &rusqlite::Transaction| jiandu_core::store::put_setting(tx, "office", &theirs).expect("put");
    while_another_window_writes(&path, put, |db| {
        service::save_office(db, &ctx("乙"), office("云纪督")).expect("second save");
    });
    let before: Office = serde_json::from_str(&last_before(&path, "office", "office").expect("before")).expect("office json");
    assert_eq!(before.agency_code, "云纪发", "the audit row must name what the save replaced");
}

#[test]
fn the_focus_areas_audit_row_names_the_value_it_replaced() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("jiandu.db");
    drop(Db::open(&path).expect("db"));
    let put = |tx: &rusqlite::Transaction| {
        let theirs = DictEntry { name: "选人用人".into(), retired: false, in_use: 0 };
        jiandu_core::store::dicts::put(tx, Dict::FocusAreas, &[theirs]).expect("put");
    };
    while_another_window_writes(&path, put, |db| {
        talks::save_focus_areas(db, &ctx("乙"), vec!["规范行使权力".into()]).expect("save");
    });
    let before: Vec<DictEntry> = serde_json::from_str(&last_before(&path, "dictionary", "focus_areas").expect("before")).expect("json");
    let names: Vec<&str> = before.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["选人用人"], "the audit row must name what the save replaced");
}
