//! Local accounts (issue 12): the first administrator, sign-in and its lock, roles refused in the
//! core (a 查阅员 writes nothing, whatever service it calls), audit rows under the account.

use chrono::Duration;
use jiandu_core::model::accounts::{AccountInput, AuthStatus, PasswordInput, Role, SetupInput};
use jiandu_core::model::dicts::Dict;
use jiandu_core::service::{self, accounts, assessments, clues, dicts, education, family, findings, hearings, items, letters, org, risks, sanctions, talks};
use jiandu_core::{demo, Ctx, Db, Error};

mod support;
use support::*;

const TODAY: &str = "2026-05-20";
const ADMIN_PW: &str = "jiandu-2026";

fn ctx() -> Ctx {
    at(TODAY)
}

fn setup_input() -> SetupInput {
    SetupInput { login: "admin".into(), display_name: "王管理".into(), password: ADMIN_PW.into(), password2: ADMIN_PW.into() }
}

fn account(login: &str, name: &str, role: Role) -> AccountInput {
    AccountInput { id: None, login: login.into(), display_name: name.into(), role, password: Some("lcy-2026x".into()), disabled: false }
}

fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> String {
    match r {
        Ok(v) => panic!("expected a refusal, got {v:?}"),
        Err(e) => e.code().to_string(),
    }
}

fn audit_rows(db: &Db) -> i64 {
    db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("count")
}

fn any_id(db: &Db, table: &str) -> String {
    db.conn().query_row(&format!("SELECT id FROM {table} WHERE voided_at IS NULL LIMIT 1"), [], |r| r.get(0)).expect(table)
}

#[test]
fn a_new_database_asks_for_the_first_administrator_and_then_writes_under_their_name() {
    let mut db = Db::open_in_memory().expect("db");
    assert_eq!(accounts::status(&db).expect("status"), AuthStatus::NeedsSetup);
    // Before any account, writes run as before (the OS user): the headless demo relies on it.
    org::save_unit(&mut db, &ctx(), unit_input("县财政局")).expect("write without accounts");

    let mut short = setup_input();
    short.password = "abc12".into();
    short.password2 = "abc12".into();
    assert_eq!(invalid(accounts::setup(&mut db, &ctx(), short)).0, "password");
    let mut mismatch = setup_input();
    mismatch.password2 = "jiandu-2027".into();
    assert_eq!(invalid(accounts::setup(&mut db, &ctx(), mismatch)).0, "password2");
    let mut only_letters = setup_input();
    only_letters.password = "abcdefghij".into();
    only_letters.password2 = "abcdefghij".into();
    let (field, message) = invalid(accounts::setup(&mut db, &ctx(), only_letters));
    assert_eq!((field.as_str(), message.contains("至少两种")), ("password", true), "{message}");

    let session = accounts::setup(&mut db, &ctx(), setup_input()).expect("setup");
    assert_eq!(session.role, Role::Admin);
    assert!(matches!(accounts::status(&db).expect("status"), AuthStatus::SignedIn { idle_minutes: 15, .. }));
    assert_eq!(code(accounts::setup(&mut db, &ctx(), setup_input())), "conflict", "a second setup is refused");

    let actor = Ctx { actor: service::actor(&db), ..ctx() };
    assert_eq!(actor.actor, "王管理（admin）");
    let unit = org::save_unit(&mut db, &actor, unit_input("县教育局")).expect("save");
    assert_eq!(unit.meta.created_by, "王管理（admin）");
    let by: String = db
        .conn()
        .query_row("SELECT actor FROM audit_log WHERE entity_id = ?1", [&unit.id], |r| r.get(0))
        .expect("audit row");
    assert_eq!(by, "王管理（admin）");
    // The hash is stored as an argon2id PHC string, never the password.
    let phc: String = db.conn().query_row("SELECT password_hash FROM account", [], |r| r.get(0)).expect("hash");
    assert!(phc.starts_with("$argon2id$"), "{phc}");
    assert!(!phc.contains(ADMIN_PW));

    // Signed out, nothing is read or written until the next sign-in.
    accounts::sign_out(&mut db);
    assert!(matches!(accounts::status(&db).expect("status"), AuthStatus::SignedOut { .. }));
    assert_eq!(code(org::save_unit(&mut db, &ctx(), unit_input("县审计局"))), "signed_out");
    assert_eq!(code(db.require_session()), "signed_out");
    accounts::sign_in(&mut db, &ctx(), "ADMIN", ADMIN_PW).expect("login is not case-sensitive");
}

#[test]
fn five_wrong_passwords_lock_the_account_for_fifteen_minutes_and_the_message_says_until_when() {
    let mut db = Db::open_in_memory().expect("db");
    accounts::setup(&mut db, &ctx(), setup_input()).expect("setup");
    accounts::sign_out(&mut db);
    let t0 = ctx();
    for left in (1..=4).rev() {
        let (field, message) = invalid(accounts::sign_in(&mut db, &t0, "admin", "wrong-pass1"));
        assert_eq!(field, "password");
        assert!(message.contains(&format!("再错{left}次")), "{message}");
    }
    let fifth = accounts::sign_in(&mut db, &t0, "admin", "wrong-pass1").expect_err("fifth");
    assert_eq!(fifth.code(), "forbidden");
    assert!(fifth.to_string().contains("2026-05-20 09:15"), "{fifth}");
    // Locked: even the right password is refused until then.
    let later = Ctx { now: t0.now + Duration::minutes(14), ..t0.clone() };
    assert!(accounts::sign_in(&mut db, &later, "admin", ADMIN_PW).expect_err("locked").to_string().contains("已锁定至"));
    let after = Ctx { now: t0.now + Duration::minutes(15), ..t0.clone() };
    accounts::sign_in(&mut db, &after, "admin", ADMIN_PW).expect("the lock has passed");
    // A right password starts the count over: four wrong ones do not lock again.
    accounts::sign_out(&mut db);
    for _ in 0..4 {
        let _ = accounts::sign_in(&mut db, &after, "admin", "wrong-pass1");
    }
    accounts::sign_in(&mut db, &after, "admin", ADMIN_PW).expect("not locked after four");
    // An unknown login says no more than a wrong password.
    accounts::sign_out(&mut db);
    let (field, message) = invalid(accounts::sign_in(&mut db, &after, "nobody", ADMIN_PW));
    assert_eq!((field.as_str(), message.as_str()), ("password", "登录名或密码不正确"));
}

/// The demo county, an administrator, and a 查阅员 signed in.
fn signed_in_reader() -> Db {
    let mut db = Db::open_in_memory().expect("db");
    demo::load(&mut db, &ctx()).expect("demo");
    accounts::setup(&mut db, &ctx(), setup_input()).expect("setup");
    accounts::save(&mut db, &ctx(), account("reader", "李查阅", Role::Reader)).expect("add reader");
    accounts::sign_out(&mut db);
    accounts::sign_in(&mut db, &ctx(), "reader", "lcy-2026x").expect("reader signs in");
    db
}

#[test]
fn a_reader_is_refused_one_write_of_every_service_and_nothing_is_written() {
    let mut db = signed_in_reader();
    let c = Ctx { actor: service::actor(&db), ..ctx() };
    let before = audit_rows(&db);
    let changes = |db: &Db| -> i64 { db.conn().query_row("SELECT total_changes()", [], |r| r.get(0)).expect("changes") };
    let changes_before = changes(&db);
    let ids = |db: &Db, t: &str| any_id(db, t);
    let (unit, person, position) = (ids(&db, "unit"), ids(&db, "person"), ids(&db, "position"));
    let (talk, item, letter, template) = (ids(&db, "talk"), ids(&db, "rectification_item"), ids(&db, "letter"), ids(&db, "letter_template"));
    let (sanction, assessment, family_change) = (ids(&db, "sanction"), ids(&db, "assessment"), ids(&db, "family_change"));
    let (hearing, edu, risk) = (ids(&db, "hearing"), ids(&db, "education"), ids(&db, "risk_point"));
    let (finding, clue) = (ids(&db, "finding"), ids(&db, "clue"));
    let why = "测试作废";
    let office = service::get_office(&db).expect("office");

    let refusals: Vec<(&str, String)> = vec![
        ("org::save_unit", code(org::save_unit(&mut db, &c, unit_input("县新设局")))),
        ("org::void_unit", code(org::void_unit(&mut db, &c, &unit, why))),
        ("org::void_person", code(org::void_person(&mut db, &c, &person, why))),
        ("org::void_position", code(org::void_position(&mut db, &c, &position, why))),
        ("talks::void_talk", code(talks::void_talk(&mut db, &c, &talk, why))),
        ("talks::fill_talk_plan", code(talks::fill_talk_plan(&mut db, &c, 2026))),
        ("items::void_item", code(items::void_item(&mut db, &c, &item, why))),
        ("letters::void_letter", code(letters::void_letter(&mut db, &c, &letter, why))),
        ("letters::void_template", code(letters::void_template(&mut db, &c, &template, why))),
        ("sanctions::void_sanction", code(sanctions::void_sanction(&mut db, &c, &sanction, why))),
        ("assessments::void_assessment", code(assessments::void_assessment(&mut db, &c, &assessment, why))),
        ("family::void_family_change", code(family::void_family_change(&mut db, &c, &family_change, why))),
        ("hearings::void_hearing", code(hearings::void_hearing(&mut db, &c, &hearing, why))),
        ("education::void_education", code(education::void_education(&mut db, &c, &edu, why))),
        ("risks::void_risk_point", code(risks::void_risk_point(&mut db, &c, &risk, why))),
        ("findings::void_finding", code(findings::void_finding(&mut db, &c, &finding, why))),
        ("clues::void_clue", code(clues::void_clue(&mut db, &c, &clue, why))),
        ("dicts::save_names", code(dicts::save_names(&mut db, &c, Dict::FocusAreas, vec!["政治监督".into()]))),
        ("save_office", code(service::save_office(&mut db, &c, office))),
        ("backup::set_folder", code(service::backup::set_folder(&mut db, &c, None))),
        ("accounts::save", code(accounts::save(&mut db, &c, account("x2", "某某", Role::Admin)))),
        ("accounts::set_idle_minutes", code(accounts::set_idle_minutes(&mut db, &c, 5))),
    ];
    for (what, code) in &refusals {
        assert_eq!(code, "forbidden", "{what}");
    }
    assert_eq!(audit_rows(&db), before, "no audit row");
    assert_eq!(changes(&db), changes_before, "no row changed");
    let message = org::save_unit(&mut db, &c, unit_input("县新设局")).expect_err("refused").to_string();
    assert!(message.contains("查阅员") && message.contains("李查阅"), "{message}");

    // Reading still works, and opening a 廉政档案 (which logs the opening) is allowed.
    assert!(org::search_people(&db, &c, "", false).is_ok());
    service::person_file::open_person_file(&mut db, &c, &person).expect("a reader opens a person file");
    // And the reader may change their own password.
    let me = db.session().expect("session").account_id.clone();
    let pw = PasswordInput { account_id: me, old_password: Some("lcy-2026x".into()), password: "newpass-99".into(), password2: "newpass-99".into() };
    accounts::change_password(&mut db, &c, pw).expect("own password");
}

#[test]
fn a_clerk_writes_records_but_not_settings_accounts_or_the_backup_folder() {
    let mut db = Db::open_in_memory().expect("db");
    accounts::setup(&mut db, &ctx(), setup_input()).expect("setup");
    accounts::save(&mut db, &ctx(), AccountInput { password: Some("zlr-2026x".into()), ..account("clerk", "赵录入", Role::Clerk) }).expect("clerk");
    accounts::sign_out(&mut db);
    accounts::sign_in(&mut db, &ctx(), "clerk", "zlr-2026x").expect("clerk signs in");
    org::save_unit(&mut db, &ctx(), unit_input("县卫健局")).expect("a clerk enters records");
    assert_eq!(code(service::save_office(&mut db, &ctx(), Default::default())), "forbidden");
    assert_eq!(code(accounts::list(&db)), "forbidden");
    assert_eq!(code(dicts::save_names(&mut db, &ctx(), Dict::FocusAreas, vec!["政治监督".into()])), "forbidden");
    assert_eq!(code(service::backup::set_folder(&mut db, &ctx(), None)), "forbidden");
    assert_eq!(code(accounts::set_idle_minutes(&mut db, &ctx(), 5)), "forbidden");
    let year = jiandu_core::calendar::CalendarYear { year: 2031, source: "国办发明电〔2030〕1号".into(), holidays: vec![], workdays: vec![] };
    assert_eq!(code(service::calendar::save_calendar_year(&mut db, &ctx(), year)), "forbidden", "the 工作日历 moves every deadline: administrators only");
}

#[test]
fn the_admin_page_adds_resets_changes_role_and_disables_and_never_deletes() {
    let mut db = Db::open_in_memory().expect("db");
    let admin = accounts::setup(&mut db, &ctx(), setup_input()).expect("setup");
    let c = Ctx { actor: service::actor(&db), ..ctx() };
    let reader = accounts::save(&mut db, &c, account("reader", "李查阅", Role::Reader)).expect("add");
    assert_eq!(invalid(accounts::save(&mut db, &c, account("READER", "另一个", Role::Clerk))).0, "login", "login taken");
    assert_eq!(invalid(accounts::save(&mut db, &c, AccountInput { password: None, ..account("new", "新人", Role::Clerk) })).0, "password");

    // Promote, then disable: a disabled account cannot sign in, and stays listed.
    let input = |role, disabled| AccountInput { id: Some(reader.id.clone()), password: None, disabled, ..account("reader", "李查阅", role) };
    assert_eq!(accounts::save(&mut db, &c, input(Role::Clerk, false)).expect("role").role, Role::Clerk);
    accounts::save(&mut db, &c, input(Role::Clerk, true)).expect("disable");
    assert_eq!(accounts::list(&db).expect("list").len(), 2);
    let refused = {
        accounts::sign_out(&mut db);
        let e = accounts::sign_in(&mut db, &c, "reader", "lcy-2026x").expect_err("disabled");
        accounts::sign_in(&mut db, &c, "admin", ADMIN_PW).expect("admin back");
        e
    };
    assert!(refused.to_string().contains("已停用"), "{refused}");

    // The only administrator can be neither demoted nor disabled.
    let me = AccountInput { id: Some(admin.account_id.clone()), password: None, disabled: false, ..account("admin", "王管理", Role::Clerk) };
    assert_eq!(code(accounts::save(&mut db, &c, me)), "conflict");

    // Reset another's password (no old password asked); the account signs in with it.
    accounts::save(&mut db, &c, input(Role::Reader, false)).expect("enable");
    let reset = PasswordInput { account_id: reader.id.clone(), old_password: None, password: "fresh-pass1".into(), password2: "fresh-pass1".into() };
    accounts::change_password(&mut db, &c, reset).expect("reset");
    // One's own password needs the old one.
    let own = PasswordInput { account_id: admin.account_id.clone(), old_password: Some("nope-nope1".into()), password: "admin-pass2".into(), password2: "admin-pass2".into() };
    assert_eq!(invalid(accounts::change_password(&mut db, &c, own)).0, "old_password");
    accounts::sign_out(&mut db);
    accounts::sign_in(&mut db, &c, "reader", "fresh-pass1").expect("new password works");
    // The audit log names who did each of these, and never holds a hash.
    let hashes: i64 = db.conn().query_row("SELECT count(*) FROM audit_log WHERE coalesce(after,'') LIKE '%argon2%'", [], |r| r.get(0)).expect("q");
    assert_eq!(hashes, 0);
}

#[test]
fn the_idle_time_is_an_admin_setting_of_one_to_240_minutes() {
    let mut db = Db::open_in_memory().expect("db");
    accounts::setup(&mut db, &ctx(), setup_input()).expect("setup");
    assert_eq!(accounts::idle_minutes(&db).expect("default"), 15);
    assert_eq!(invalid(accounts::set_idle_minutes(&mut db, &ctx(), 0)).0, "idle_minutes");
    accounts::set_idle_minutes(&mut db, &ctx(), 5).expect("set");
    assert!(matches!(accounts::status(&db).expect("status"), AuthStatus::SignedIn { idle_minutes: 5, .. }));
}

#[test]
fn headless_commands_sign_in_from_the_environment_and_a_wrong_password_exits_1() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().to_str().expect("utf8").to_string();
    {
        let mut db = Db::open(&jiandu_core::paths::database_path(dir.path())).expect("open");
        accounts::setup(&mut db, &ctx(), setup_input()).expect("setup");
    }
    let run = |user: &str, pw: &str| {
        std::env::set_var("JIANDU_USER", user);
        std::env::set_var("JIANDU_PASSWORD", pw);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = match jiandu_core::cli::run(["jiandu", "--data-dir", &data, "check"], &mut out, &mut err) {
            jiandu_core::cli::Outcome::Exit(c) => c,
            _ => -1,
        };
        (code, String::from_utf8_lossy(&out).to_string(), String::from_utf8_lossy(&err).to_string())
    };
    let (code, _, err) = run("admin", "wrong-pass1");
    assert_eq!(code, 1);
    assert!(err.contains("密码不正确"), "{err}");
    let (code, out, _) = run("admin", ADMIN_PW);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("完整性检查：通过"), "{out}");
    // Every command that reads or writes records asks first: none of them runs on a wrong password.
    std::env::set_var("JIANDU_PASSWORD", "wrong-pass2");
    let out_dir = tempfile::tempdir().expect("out");
    let file = |name: &str| out_dir.path().join(name).to_str().expect("utf8").to_string();
    for args in [
        vec!["demo".to_string()],
        vec!["report".into(), "--from".into(), "2026-01-01".into(), "--to".into(), "2026-12-31".into(), "--out".into(), file("r.pdf")],
        vec!["file".into(), "--person".into(), "张三".into(), "--out".into(), file("f.pdf")],
        vec!["letters".into(), "pdf".into(), "--year".into(), "2026".into(), "--out".into(), file("l")],
        vec!["backup".into(), file("b.db")],
        vec!["import".into(), file("名册.csv"), "--dry-run".into()],
    ] {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let all = ["jiandu".to_string(), "--data-dir".into(), data.clone()].into_iter().chain(args.clone());
        let code = match jiandu_core::cli::run(all, &mut out, &mut err) {
            jiandu_core::cli::Outcome::Exit(c) => c,
            _ => -1,
        };
        let err = String::from_utf8_lossy(&err);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("密码不正确") || err.contains("锁定"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read_dir(out_dir.path()).expect("dir").count(), 0, "nothing may be written on a wrong password");
}

/// The 操作日志 is the administrators': a 录入员 or 查阅员 reads neither its rows, its filters,
/// its chain status nor its export.
#[test]
fn only_administrators_read_the_audit_log() {
    use jiandu_core::model::audit::AuditFilter;
    use jiandu_core::service::audit;
    let mut db = Db::open_in_memory().expect("db");
    accounts::setup(&mut db, &ctx(), setup_input()).expect("setup");
    let filter = AuditFilter::default();
    assert!(audit::page(&db, &filter, 0, 50).expect("admin reads").total > 0);
    accounts::save(&mut db, &ctx(), account("clerk", "张录入", Role::Clerk)).expect("clerk");
    accounts::save(&mut db, &ctx(), account("reader", "李查阅", Role::Reader)).expect("reader");
    for login in ["clerk", "reader"] {
        accounts::sign_out(&mut db);
        accounts::sign_in(&mut db, &ctx(), login, "lcy-2026x").expect("sign in");
        for e in [
            audit::page(&db, &filter, 0, 50).map(|_| ()).expect_err("page"),
            audit::options(&db).map(|_| ()).expect_err("options"),
            audit::chain_status(&db).map(|_| ()).expect_err("chain"),
            audit::all_rows(&db, &filter).map(|_| ()).expect_err("export"),
        ] {
            assert_eq!(e.code(), "forbidden", "{login}: {e}");
            assert!(e.to_string().contains("操作日志只有管理员可以操作"), "{e}");
        }
    }
}
