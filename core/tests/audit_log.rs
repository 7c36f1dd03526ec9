//! The audit log (issue 12): a hash chain that finds a row edited or deleted outside the app and
//! names the first broken link (in `jiandu check` too), the chaining of rows written before this
//! version, and the log page's filters, paging, readable diff, refusals and .xlsx export.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use jiandu_core::cli::{self, Outcome};
use jiandu_core::model::audit::AuditFilter;
use jiandu_core::service::{audit, org};
use jiandu_core::store::MIGRATIONS;
use jiandu_core::{demo, Ctx, Db};
use rusqlite::Connection;

mod support;
use support::*;

fn run(args: &[&str]) -> (i32, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = match cli::run(std::iter::once("jiandu").chain(args.iter().copied()), &mut out, &mut err) {
        Outcome::Exit(c) => c,
        Outcome::OpenWindow { .. } => panic!("a subcommand opened the window"),
    };
    (code, String::from_utf8(out).unwrap() + &String::from_utf8(err).unwrap())
}

fn as_actor(actor: &str, day: &str) -> Ctx {
    Ctx { actor: actor.into(), ..at(day) }
}

/// A database file with a few people and edits, by two accounts on two days.
fn office(dir: &Path) -> (Vec<String>, std::path::PathBuf) {
    let path = dir.join("jiandu.db");
    let mut db = Db::open(&path).unwrap();
    let mut ids = Vec::new();
    for (i, name) in ["陈志强", "林晓梅", "赵建国"].iter().enumerate() {
        let p = org::save_person(&mut db, &as_actor(if i == 0 { "王芳" } else { "李明" }, "2026-03-01"), person_input(name)).unwrap();
        ids.push(p.id);
    }
    let mut edit = person_input("陈志强");
    edit.id = Some(ids[0].clone());
    edit.phone = "13800000000".into();
    org::save_person(&mut db, &as_actor("李明", "2026-03-05"), edit).unwrap();
    (ids, path)
}

/// Opens the file behind the app's back, as someone with sqlite3 would, and runs `sql` with the
/// log's guards removed.
fn tamper(path: &Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn an_untouched_chain_verifies_and_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = office(dir.path());
    let db = Db::open(&path).unwrap();
    let s = audit::verify(db.conn()).unwrap();
    assert_eq!(s.rows, 4);
    assert!(s.ok(), "{s:?}");
    drop(db);
    let (code, out) = run(&["--data-dir", dir.path().to_str().unwrap(), "check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("操作日志校验：通过（4 条"), "{out}");
}

#[test]
fn the_demo_county_chain_verifies() {
    let mut db = Db::open_in_memory().unwrap();
    demo::load(&mut db, &at("2026-11-20")).unwrap();
    let s = audit::verify(db.conn()).unwrap();
    assert!(s.rows > 100, "the demo writes through the services: {s:?}");
    assert!(s.ok(), "{s:?}");
}

#[test]
fn a_row_edited_outside_the_app_is_named_and_check_fails() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = office(dir.path());
    // Someone rewrites who made the third change.
    tamper(&path, "UPDATE audit_log SET actor = '王芳' WHERE id = 3;");
    let db = Db::open(&path).unwrap();
    let b = audit::verify(db.conn()).unwrap().broken.expect("the edit is found");
    assert_eq!(b.id, 3);
    assert_eq!(b.at, "2026-03-01 09:00:00");
    assert!(b.what.contains("程序之外被改动"), "{}", b.what);
    drop(db);
    let (code, out) = run(&["--data-dir", dir.path().to_str().unwrap(), "check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("第一处断开在第 3 条（2026-03-01 09:00:00）"), "{out}");
}

#[test]
fn an_edit_that_recomputes_the_rows_hash_still_breaks_the_next_link() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = office(dir.path());
    let conn = Connection::open(&path).unwrap();
    jiandu_core::store::audit_log::register(&conn).unwrap();
    tamper(&path, "SELECT 1;");
    conn.execute_batch(
        "UPDATE audit_log SET actor = '王芳' WHERE id = 2;
         UPDATE audit_log SET hash = jiandu_audit_hash(id, at, actor, action, entity, entity_id, before, after, prev_hash) WHERE id = 2;",
    )
    .unwrap();
    drop(conn);
    let db = Db::open(&path).unwrap();
    let b = audit::verify(db.conn()).unwrap().broken.expect("found");
    assert_eq!(b.id, 3, "row 2 is self-consistent now; row 3's link to it is not");
    assert!(b.what.contains("链接"), "{}", b.what);
}

#[test]
fn a_deleted_row_is_found_at_the_row_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = office(dir.path());
    tamper(&path, "DELETE FROM audit_log WHERE id = 2;");
    let db = Db::open(&path).unwrap();
    let s = audit::verify(db.conn()).unwrap();
    let b = s.broken.expect("the gap is found");
    assert_eq!(b.id, 3);
    assert!(b.what.contains("第 2 条记录缺失"), "{}", b.what);
    // Deleting the first row is found too.
    drop(db);
    let dir2 = tempfile::tempdir().unwrap();
    let (_, path2) = office(dir2.path());
    tamper(&path2, "DELETE FROM audit_log WHERE id = 1;");
    let db2 = Db::open(&path2).unwrap();
    assert_eq!(audit::verify(db2.conn()).unwrap().broken.expect("found").id, 2);
}

#[test]
fn the_guards_are_back_after_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = office(dir.path());
    let conn = Connection::open(&path).unwrap();
    assert!(conn.execute("UPDATE audit_log SET actor = 'x' WHERE id = 1", []).is_err());
    assert!(conn.execute("DELETE FROM audit_log WHERE id = 1", []).is_err());
}

/// The step that adds the chain, wherever the lead ordered it.
fn chain_step() -> usize {
    MIGRATIONS.iter().position(|m| m.contains("jiandu_audit_hash")).expect("the chain migration")
}

#[test]
fn rows_written_before_this_version_are_chained_in_id_order_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jiandu.db");
    let step = chain_step();
    {
        // A database of the version before the chain, with a log written then.
        let conn = Connection::open(&path).unwrap();
        for m in &MIGRATIONS[..step] {
            conn.execute_batch(m).unwrap();
        }
        for i in 0..50 {
            conn.execute(
                "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?1, '王芳', 'create', 'person', ?2, NULL, ?3)",
                rusqlite::params![format!("2025-01-01 10:00:{:02}", i), format!("p{i}"), format!("{{\"name\":\"干部{i}\"}}")],
            )
            .unwrap();
        }
        conn.pragma_update(None, "user_version", step as i64).unwrap();
    }
    let mut db = Db::open(&path).unwrap();
    let s = audit::verify(db.conn()).unwrap();
    assert_eq!(s.rows, 50);
    assert!(s.ok(), "{s:?}");
    // New rows chain on to the old ones.
    org::save_person(&mut db, &at("2026-01-01"), person_input("新干部")).unwrap();
    let s = audit::verify(db.conn()).unwrap();
    assert_eq!((s.rows, s.ok()), (51, true));
    let prev: String = db.conn().query_row("SELECT prev_hash FROM audit_log WHERE id = 51", [], |r| r.get(0)).unwrap();
    let hash50: String = db.conn().query_row("SELECT hash FROM audit_log WHERE id = 50", [], |r| r.get(0)).unwrap();
    assert_eq!(prev, hash50);
    assert_eq!(hash50.len(), 64);
}

#[test]
fn the_page_filters_by_account_person_record_and_dates_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, path) = office(dir.path());
    let db = Db::open(&path).unwrap();
    let all = audit::page(&db, &AuditFilter::default(), 0, 50).unwrap();
    assert_eq!(all.total, 4);
    assert_eq!(all.rows[0].id, 4, "newest first");

    let by_li = audit::page(&db, &AuditFilter { actor: Some("李明".into()), ..Default::default() }, 0, 50).unwrap();
    assert_eq!(by_li.total, 3);
    let of_chen = audit::page(&db, &AuditFilter { person_id: Some(ids[0].clone()), ..Default::default() }, 0, 50).unwrap();
    assert_eq!(of_chen.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![4, 1]);
    let by_name = audit::page(&db, &AuditFilter { entity: Some("person".into()), record: Some("林晓梅".into()), ..Default::default() }, 0, 50).unwrap();
    assert_eq!(by_name.total, 1);
    assert_eq!(by_name.rows[0].record_name.as_deref(), Some("林晓梅"));
    let by_id = audit::page(&db, &AuditFilter { record: Some(ids[2].clone()), ..Default::default() }, 0, 50).unwrap();
    assert_eq!(by_id.rows[0].entity_id, ids[2]);
    // The last day of the range counts in full.
    let march5 = audit::page(&db, &AuditFilter { from: Some("2026-03-02".into()), to: Some("2026-03-05".into()), ..Default::default() }, 0, 50).unwrap();
    assert_eq!(march5.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![4]);

    let p1 = audit::page(&db, &AuditFilter::default(), 1, 3).unwrap();
    assert_eq!((p1.total, p1.rows.len(), p1.rows[0].id), (4, 1, 1));
}

#[test]
fn an_edit_reads_as_the_fields_it_changed_with_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = office(dir.path());
    let db = Db::open(&path).unwrap();
    let row = &audit::page(&db, &AuditFilter::default(), 0, 1).unwrap().rows[0];
    assert_eq!((row.action_label.as_str(), row.entity_label.as_str(), row.actor.as_str()), ("修改", "干部", "李明"));
    assert_eq!(row.changes.len(), 1, "{:?}", row.changes);
    let c = &row.changes[0];
    assert_eq!((c.field.as_str(), c.label.as_str(), c.before.as_str(), c.after.as_str()), ("phone", "电话", "", "13800000000"));
}

#[test]
fn a_reversed_date_range_is_refused_naming_the_end_date() {
    let db = Db::open_in_memory().unwrap();
    let f = AuditFilter { from: Some("2026-03-05".into()), to: Some("2026-03-01".into()), ..Default::default() };
    let (field, msg) = invalid(audit::page(&db, &f, 0, 20));
    assert_eq!(field, "to");
    assert!(msg.contains("早于开始日期"), "{msg}");
    let (field, _) = invalid(audit::page(&db, &AuditFilter { from: Some("2026-02-30".into()), ..Default::default() }, 0, 20));
    assert_eq!(field, "from");
}

#[test]
fn the_export_holds_every_filtered_row_not_only_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = office(dir.path());
    let db = Db::open(&path).unwrap();
    let file = dir.path().join("操作日志.xlsx");
    let n = jiandu_core::export::lists::export_audit(&db, &AuditFilter { actor: Some("李明".into()), ..Default::default() }, &file).unwrap();
    assert_eq!(n, 3);
    use calamine::{open_workbook, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(&file).unwrap();
    let range = wb.worksheet_range("操作日志").unwrap();
    let rows: Vec<_> = range.rows().collect();
    assert_eq!(rows.len(), 4, "header and three rows");
    assert_eq!(rows[1][2].to_string(), "李明");
    assert!(rows[1][6].to_string().contains("电话： （空） → 13800000000") || rows[1][6].to_string().contains("电话：（空） → 13800000000"));
}

/// The page names people and units: a clue's 人员 and 单位, a position's 单位, and a voided
/// person's row (whose JSON has no name) show names from the register, not ids.
#[test]
fn the_page_shows_names_where_the_log_has_ids() {
    let mut db = Db::open_in_memory().unwrap();
    let ctx = at("2026-11-20");
    let u = org::save_unit(&mut db, &ctx, unit_input("县水利局")).unwrap().id;
    let p = org::save_person(&mut db, &ctx, person_input("张三")).unwrap().id;
    org::save_position(&mut db, &ctx, position_input(&p, &u, "局长", true)).unwrap();
    let page = audit::page(&db, &AuditFilter { entity: Some("position".into()), ..AuditFilter::default() }, 0, 50).unwrap();
    let changes = &page.rows[0].changes;
    let of = |field: &str| changes.iter().find(|c| c.field == field).map(|c| c.after.clone());
    assert_eq!(of("person_id").as_deref(), Some("张三"), "{changes:?}");
    assert_eq!(of("unit_id").as_deref(), Some("县水利局"), "{changes:?}");

    let mut demo_db = Db::open_in_memory().unwrap();
    demo::load(&mut demo_db, &ctx).unwrap();
    let clues = audit::page(&demo_db, &AuditFilter { entity: Some("clue".into()), ..AuditFilter::default() }, 0, 50).unwrap();
    assert!(!clues.rows.is_empty());
    for row in &clues.rows {
        for c in row.changes.iter().filter(|c| c.field.ends_with("_id")) {
            let uuid = c.after.len() == 36 && c.after.matches('-').count() == 4;
            assert!(!uuid, "{} shows an id: {c:?}", row.entity_label);
        }
    }
}

#[test]
fn account_rows_read_as_the_account_and_a_sign_in_as_登录() {
    use jiandu_core::model::accounts::SetupInput;
    use jiandu_core::service::accounts;
    let mut db = Db::open_in_memory().unwrap();
    let input = SetupInput { login: "wangfang".into(), display_name: "王芳".into(), password: "Jiandu-2026x".into(), password2: "Jiandu-2026x".into() };
    accounts::setup(&mut db, &at("2026-03-01"), input).unwrap();
    accounts::sign_out(&mut db);
    accounts::sign_in(&mut db, &at("2026-03-02"), "wangfang", "Jiandu-2026x").unwrap();
    let rows = audit::page(&db, &AuditFilter::default(), 0, 10).unwrap().rows;
    let sign_in = rows.iter().find(|r| r.action == "sign_in").expect("a sign-in is logged");
    assert_eq!(sign_in.action_label, "登录");
    assert_eq!(sign_in.record_name.as_deref(), Some("王芳（wangfang）"), "the account by its name, not its id");
    let created = rows.iter().find(|r| r.entity == "account" && r.action == "create").expect("the account's creation");
    assert_eq!(created.record_name.as_deref(), Some("王芳（wangfang）"));
}
