//! The foundation as a clerk meets it: the database file, the refusals that protect it, the rules
//! on units, people and positions, search by pinyin, voiding, the audit log and the headless
//! commands — all on temporary databases.

use chrono::NaiveDate;
use jiandu_core::cli::{self, Outcome};
use jiandu_core::model::*;
use jiandu_core::service::{self, org};
use jiandu_core::store::{supported_version, MIGRATIONS};
use jiandu_core::{demo, Ctx, Db, Error};
use rusqlite::Connection;

fn ctx() -> Ctx {
    Ctx::at("测试员", NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"))
}

fn person(name: &str) -> PersonInput {
    PersonInput {
        id: None,
        name: name.into(),
        gender: Some(Gender::Male),
        ethnicity: "汉族".into(),
        birth_date: Some("1980-05-06".into()),
        party_join_date: None,
        education: String::new(),
        id_number: None,
        phone: String::new(),
        notes: String::new(),
    }
}

fn unit(name: &str) -> UnitInput {
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

fn position(person_id: &str, unit_id: &str, head: bool) -> PositionInput {
    PositionInput {
        id: None,
        person_id: person_id.into(),
        unit_id: unit_id.into(),
        title: if head { "局长".into() } else { "副局长".into() },
        rank: String::new(),
        is_head: head,
        is_leadership: true,
        portfolio: String::new(),
        start_date: Some("2022-01-01".into()),
        end_date: None,
    }
}

fn rows(db: &Db, table: &str) -> i64 {
    db.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).expect("count")
}

fn field_of(e: Error) -> (String, String) {
    match e {
        Error::Invalid { field, message } => (field, message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn names(db: &Db, q: &str) -> Vec<String> {
    org::search_people(db, &ctx(), q, false).expect("search").rows.into_iter().map(|r| r.name).collect()
}

#[test]
fn a_new_database_is_created_in_wal_mode_with_foreign_keys_at_the_current_version() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("sub/jiandu.db");
    let db = Db::open(&path).expect("open");
    assert!(path.exists());
    let mode: String = db.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("pragma");
    assert_eq!(mode, "wal");
    let fk: i64 = db.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).expect("pragma");
    assert_eq!(fk, 1);
    assert_eq!(db.schema_version().expect("v"), supported_version());
    assert!(db.integrity_problems().expect("check").is_empty());
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_byte_for_byte_untouched() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("jiandu.db");
    {
        let c = Connection::open(&path).expect("open");
        c.execute_batch("CREATE TABLE future(x); INSERT INTO future VALUES (1);").expect("create");
        c.pragma_update(None, "user_version", supported_version() + 5).expect("version");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Db::open(&path).err().expect("must refuse");
    assert!(matches!(err, Error::DatabaseTooNew { .. }), "{err:?}");
    assert!(err.to_string().contains("新版本"), "message should say a newer version wrote it: {err}");
    assert_eq!(std::fs::read(&path).expect("read"), before, "the file must not change");
    assert!(!dir.path().join("jiandu.db-wal").exists(), "no WAL file may be created");
}

/// Builds a database at the version before the newest, holding one unit, and returns it.
fn database_one_step_behind(path: &std::path::Path) -> i64 {
    let behind = supported_version() - 1;
    let c = Connection::open(path).expect("open");
    for step in &MIGRATIONS[..behind as usize] {
        c.execute_batch(step).expect("old step");
    }
    c.pragma_update(None, "user_version", behind).expect("version");
    c.execute(
        "INSERT INTO unit (id, name, category, status, created_at, created_by, updated_at, updated_by)
         VALUES ('u-old', '旧版本单位', '政府部门', '正常', 't', 'a', 't', 'a')",
        [],
    )
    .expect("insert");
    behind
}

#[test]
fn upgrading_keeps_a_copy_of_the_old_database_first() {
    if supported_version() < 2 {
        eprintln!("only one schema step so far: nothing to upgrade from");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("jiandu.db");
    let behind = database_one_step_behind(&path);
    let db = Db::open(&path).expect("upgrade");
    assert_eq!(db.schema_version().expect("v"), supported_version());
    let copies: Vec<_> = std::fs::read_dir(dir.path().join("backups")).expect("backups dir").flatten().collect();
    assert_eq!(copies.len(), 1, "one copy before the upgrade");
    let copy = Connection::open(copies[0].path()).expect("copy");
    let v: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("v");
    assert_eq!(v, behind, "the copy is the database as it was");
    let name: String = copy.query_row("SELECT name FROM unit WHERE id='u-old'", [], |r| r.get(0)).expect("unit");
    assert_eq!(name, "旧版本单位");
}

#[test]
fn a_failing_upgrade_changes_nothing() {
    if supported_version() < 2 {
        eprintln!("only one schema step so far: nothing to upgrade from");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("jiandu.db");
    let behind = database_one_step_behind(&path);
    // Make the newest step fail halfway: a table or index it creates (not its first) already
    // exists (a table of that name: tables and indexes share names). Whichever step is last.
    let last = MIGRATIONS[MIGRATIONS.len() - 1];
    let mut created: Vec<(usize, &str)> = ["CREATE TABLE ", "CREATE INDEX "]
        .iter()
        .flat_map(|kw| last.match_indices(kw).map(move |(at, _)| (at, &last[at + kw.len()..])))
        .filter_map(|(at, rest)| rest.split(|c: char| c.is_whitespace() || c == '(').next().map(|n| (at, n)))
        .collect();
    created.sort();
    let created: Vec<&str> = created.into_iter().map(|(_, n)| n).collect();
    let clash = created.last().expect("the newest step creates tables or indexes");
    Connection::open(&path).expect("open").execute_batch(&format!("CREATE TABLE {clash}(x);")).expect("clash");
    assert!(Db::open(&path).is_err(), "the upgrade must fail");
    let c = Connection::open(&path).expect("open");
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("v");
    assert_eq!(v, behind, "version unchanged");
    if created.len() > 1 {
        let first_created: i64 = c
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = ?1", [created[0]], |r| r.get(0))
            .expect("master");
        assert_eq!(first_created, 0, "no table of the failed step may remain");
    }
    let kept: i64 = c.query_row("SELECT count(*) FROM unit", [], |r| r.get(0)).expect("units");
    assert_eq!(kept, 1);
}

#[test]
fn invalid_people_are_refused_with_the_field_named_and_nothing_written() {
    let mut db = Db::open_in_memory().expect("db");
    let cases: Vec<(PersonInput, &str, &str)> = vec![
        (person(""), "name", "姓名"),
        (PersonInput { birth_date: Some("2024-02-30".into()), ..person("王五") }, "birth_date", "出生日期"),
        (PersonInput { id_number: Some("11010119900307001X".into()), ..person("王五") }, "id_number", "身份证号"),
        (
            // A valid number (check digit right) whose birth date differs from the one entered.
            PersonInput { id_number: Some("110101199003070038".into()), ..person("王五") },
            "id_number",
            "出生日期",
        ),
        (PersonInput { phone: "12345".into(), ..person("王五") }, "phone", "电话"),
        (
            PersonInput { party_join_date: Some("1970-01-01".into()), ..person("王五") },
            "party_join_date",
            "入党时间",
        ),
    ];
    for (input, field, word) in cases {
        let audits = rows(&db, "audit_log");
        let err = org::save_person(&mut db, &ctx(), input).expect_err("must refuse");
        let (f, message) = field_of(err);
        assert_eq!(f, field);
        assert!(message.contains(word), "“{message}” should name {word}");
        assert_eq!(rows(&db, "person"), 0);
        assert_eq!(rows(&db, "audit_log"), audits);
    }
}

#[test]
fn a_valid_id_number_saves_and_must_be_unique() {
    let mut db = Db::open_in_memory().expect("db");
    let ok = PersonInput { birth_date: Some("1990-03-07".into()), id_number: Some("110101199003070038".into()), ..person("王五") };
    org::save_person(&mut db, &ctx(), ok.clone()).expect("valid number");
    let err = org::save_person(&mut db, &ctx(), PersonInput { name: "王六".into(), ..ok }).expect_err("duplicate");
    assert_eq!(field_of(err).0, "id_number");
    assert_eq!(rows(&db, "person"), 1);
}

#[test]
fn positions_reject_impossible_dates_and_a_second_head() {
    let mut db = Db::open_in_memory().expect("db");
    let c = ctx();
    let u = org::save_unit(&mut db, &c, unit("云溪县审计局")).expect("unit");
    let a = org::save_person(&mut db, &c, person("甲")).expect("a");
    let b = org::save_person(&mut db, &c, person("乙")).expect("b");
    let err = org::save_position(
        &mut db,
        &c,
        PositionInput { end_date: Some("2021-01-01".into()), ..position(&a.id, &u.id, true) },
    )
    .expect_err("end before start");
    assert_eq!(field_of(err).0, "end_date");
    assert_eq!(rows(&db, "position"), 0);

    org::save_position(&mut db, &c, position(&a.id, &u.id, true)).expect("head");
    let err = org::save_position(&mut db, &c, position(&b.id, &u.id, true)).expect_err("second head");
    let (f, m) = field_of(err);
    assert_eq!(f, "is_head");
    assert!(m.contains('甲'), "names the current head: {m}");
    assert_eq!(rows(&db, "position"), 1);
}

#[test]
fn make_head_moves_the_mark_and_the_unit_page_shows_the_new_head() {
    let mut db = Db::open_in_memory().expect("db");
    let c = ctx();
    let u = org::save_unit(&mut db, &c, unit("云溪县统计局")).expect("unit");
    let a = org::save_person(&mut db, &c, person("甲")).expect("a");
    let b = org::save_person(&mut db, &c, person("乙")).expect("b");
    org::save_position(&mut db, &c, position(&a.id, &u.id, true)).expect("head");
    let deputy = org::save_position(&mut db, &c, position(&b.id, &u.id, false)).expect("deputy");
    assert_eq!(org::unit_detail(&db, &c, &u.id).expect("detail").current_positions[0].person_name, "甲");

    org::make_head(&mut db, &c, &deputy.id).expect("make head");
    let detail = org::unit_detail(&db, &c, &u.id).expect("detail");
    let heads: Vec<_> = detail.current_positions.iter().filter(|p| p.position.is_head).map(|p| p.person_name.clone()).collect();
    assert_eq!(heads, vec!["乙".to_string()]);
    assert_eq!(detail.current_positions.len(), 2, "the former head stays in the 班子");
    let trail = org::audit_trail(&db, "position", &deputy.id).expect("trail");
    assert!(trail.iter().any(|e| e.before.as_deref().is_some_and(|b| b.contains("\"is_head\":false"))
        && e.after.as_deref().is_some_and(|a| a.contains("\"is_head\":true"))));
}

#[test]
fn a_unit_page_lists_principal_posts_before_deputies_when_no_head_is_marked() {
    let mut db = Db::open_in_memory().expect("db");
    let c = ctx();
    let u = org::save_unit(&mut db, &c, unit("云溪县审计局")).expect("unit");
    let deputy = org::save_person(&mut db, &c, person("副职")).expect("deputy");
    let chief = org::save_person(&mut db, &c, person("正职")).expect("chief");
    // The deputy started later, so start date alone would list them first.
    let mut p = position(&deputy.id, &u.id, false);
    p.start_date = Some("2024-05-07".into());
    org::save_position(&mut db, &c, p).expect("deputy post");
    let mut p = position(&chief.id, &u.id, false);
    p.title = "党组书记、局长".into();
    org::save_position(&mut db, &c, p).expect("chief post");
    let names: Vec<_> = org::unit_detail(&db, &c, &u.id).expect("detail").current_positions.iter().map(|p| p.person_name.clone()).collect();
    assert_eq!(names, vec!["正职".to_string(), "副职".to_string()]);
}

#[test]
fn voided_records_leave_the_lists_but_are_found_under_voided_and_can_come_back() {
    let mut db = Db::open_in_memory().expect("db");
    let c = ctx();
    let p = org::save_person(&mut db, &c, person("误录人员")).expect("p");
    let err = org::void_person(&mut db, &c, &p.id, "  ").expect_err("reason required");
    assert!(field_of(err).1.contains("作废原因"));

    org::void_person(&mut db, &c, &p.id, "重复录入").expect("void");
    assert!(names(&db, "误录").is_empty());
    let voided = org::search_people(&db, &c, "误录", true).expect("search");
    assert_eq!(voided.rows.len(), 1);
    assert!(voided.rows[0].voided_at.is_some());
    assert_eq!(rows(&db, "person"), 1, "nothing is deleted");

    let err = org::save_person(&mut db, &c, PersonInput { id: Some(p.id.clone()), ..person("改名") }).expect_err("voided is read-only");
    assert!(matches!(err, Error::Conflict(_) | Error::Invalid { .. }));

    org::restore_person(&mut db, &c, &p.id).expect("restore");
    assert_eq!(names(&db, "误录"), vec!["误录人员".to_string()]);
    let actions: Vec<String> = org::audit_trail(&db, "person", &p.id).expect("trail").into_iter().map(|e| e.action).collect();
    for a in ["create", "void", "restore"] {
        assert!(actions.iter().any(|x| x == a), "audit has {a}: {actions:?}");
    }
}

#[test]
fn nothing_can_be_deleted_and_the_audit_log_cannot_be_rewritten() {
    let mut db = Db::open_in_memory().expect("db");
    let p = org::save_person(&mut db, &ctx(), person("甲")).expect("p");
    assert!(db.conn().execute("DELETE FROM person WHERE id = ?1", [&p.id]).is_err());
    assert!(db.conn().execute("DELETE FROM audit_log", []).is_err());
    assert!(db.conn().execute("UPDATE audit_log SET actor = 'x'", []).is_err());
    assert_eq!(rows(&db, "person"), 1);
    let e = &org::audit_trail(&db, "person", &p.id).expect("trail")[0];
    assert_eq!(e.actor, "测试员");
    assert!(e.before.is_none() && e.after.as_deref().is_some_and(|a| a.contains("甲")));
}

#[test]
fn pinyin_search_gets_the_special_surnames_right_on_the_demo_county() {
    let mut db = Db::open_in_memory().expect("db");
    demo::load(&mut db, &ctx()).expect("demo");
    let cases = [
        ("slh", "单丽华"),
        ("shanlihua", "单丽华"),
        ("zengguodong", "曾国栋"),
        ("xzm", "解志明"),
        ("qiujianjun", "仇建军"),
        ("zwb", "查文斌"),
        ("ouhaiyan", "区海燕"),
        ("pch", "朴成浩"),
        ("qinmeiling", "覃美玲"),
        ("yuchihao", "尉迟浩"),
        ("ych", "尉迟浩"),
        ("𠮷振宇", "𠮷振宇"),
        ("李䶮", "李䶮"),
        ("chenkun", "陈堃"),
        ("zhangzhe", "张喆"),
        ("liuyun", "刘赟"),
    ];
    for (q, expect) in cases {
        let found = names(&db, q);
        assert!(found.iter().any(|n| n == expect), "“{q}” should find {expect}, found {found:?}");
    }
    // A wrong reading must not match: 单 as a surname is not dan.
    assert!(!names(&db, "danlihua").iter().any(|n| n == "单丽华"));
}

#[test]
fn zs_and_zhangsan_find_zhang_san_and_ranking_puts_exact_matches_first() {
    let mut db = Db::open_in_memory().expect("db");
    org::save_person(&mut db, &ctx(), person("张三")).expect("p");
    org::save_person(&mut db, &ctx(), person("张三丰")).expect("p");
    org::save_person(&mut db, &ctx(), person("李四")).expect("p");
    assert_eq!(names(&db, "zs")[0], "张三");
    assert_eq!(names(&db, "zhangsan")[0], "张三");
    assert_eq!(names(&db, "ZS")[0], "张三", "case does not matter");
    assert!(!names(&db, "zs").contains(&"李四".to_string()));
}

#[test]
fn markup_in_a_name_is_stored_as_plain_text() {
    let mut db = Db::open_in_memory().expect("db");
    let evil = "<img src=x onerror=alert(1)>";
    let p = org::save_person(&mut db, &ctx(), person(evil)).expect("saves as text");
    assert_eq!(org::person_detail(&db, &ctx(), &p.id).expect("detail").person.name, evil);
}

#[test]
fn the_demo_county_loads_once_into_an_empty_database() {
    let mut db = Db::open_in_memory().expect("db");
    let s = demo::load(&mut db, &ctx()).expect("demo");
    assert!((38..=50).contains(&s.units), "about 40 units: {}", s.units);
    assert!((110..=200).contains(&s.people), "about 150 people: {}", s.people);
    let counts = service::counts(&db, &ctx()).expect("counts");
    assert_eq!(counts.units, s.units);
    // Every unit but the one left for the user to fix has a current 一把手.
    let units = org::list_units(&db, &ctx(), "", false).expect("units");
    let without: Vec<_> = units.iter().filter(|u| u.heads.is_empty() && u.unit.status == UnitStatus::Active).map(|u| u.unit.name.clone()).collect();
    assert_eq!(without, vec![demo::UNIT_WITHOUT_HEAD.to_string()]);
    let audits = rows(&db, "audit_log");
    assert!(demo::load(&mut db, &ctx()).is_err(), "a second load is refused");
    assert_eq!(rows(&db, "audit_log"), audits);
}

#[test]
fn office_settings_are_validated_and_kept() {
    let mut db = Db::open_in_memory().expect("db");
    let office = Office {
        full_names: vec!["中共云溪县纪律检查委员会".into(), "云溪县监察委员会".into()],
        agency_code: "云纪".into(),
        contact_person: "王明".into(),
        contact_phone: "0871-12345678".into(),
        operator: "王明".into(),
    };
    service::save_office(&mut db, &ctx(), office.clone()).expect("save");
    assert_eq!(service::get_office(&db).expect("get"), office);
    let bad = Office { contact_phone: "abc".into(), ..office.clone() };
    assert_eq!(field_of(service::save_office(&mut db, &ctx(), bad).expect_err("bad phone")).0, "contact_phone");
    assert_eq!(service::get_office(&db).expect("get"), office);
}

fn run_cli(args: &[&str]) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = match cli::run(std::iter::once("jiandu").chain(args.iter().copied()), &mut out, &mut err) {
        Outcome::Exit(c) => c,
        Outcome::OpenWindow { .. } => -1,
    };
    (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
}

#[test]
fn headless_demo_check_and_backup_work_on_a_data_folder() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().expect("utf8");
    let (code, out, _) = run_cli(&["--data-dir", d, "demo"]);
    assert_eq!(code, 0);
    assert!(out.contains("云溪县"));
    let (code, out, _) = run_cli(&["--data-dir", d, "check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("完整性检查：通过"));
    let units_line = out.lines().find(|l| l.starts_with("单位 ")).expect("units line").to_string();

    // A backup taken while another connection holds the database open is complete and readable.
    let live = Db::open(&dir.path().join("jiandu.db")).expect("live");
    let copy = dir.path().join("copy/备份.db");
    let (code, out, err) = run_cli(&["--data-dir", d, "backup", copy.to_str().expect("utf8")]);
    assert_eq!(code, 0, "{out}{err}");
    drop(live);
    let other = tempfile::tempdir().expect("tmp");
    std::fs::copy(&copy, other.path().join("jiandu.db")).expect("restore copy");
    let (code, out, _) = run_cli(&["--data-dir", other.path().to_str().expect("utf8"), "check"]);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l == units_line), "the copy has the same units: {out}");

    let (code, _, err) = run_cli(&["--data-dir", d, "backup", copy.to_str().expect("utf8")]);
    assert_eq!(code, 1, "an existing file is not overwritten");
    assert!(err.contains("已存在"));
}

#[test]
fn no_subcommand_means_the_window_on_the_chosen_folder() {
    let mut out = Vec::new();
    let mut err = Vec::new();
    match cli::run(["jiandu", "--data-dir", "/tmp/x"], &mut out, &mut err) {
        Outcome::OpenWindow { data_dir } => assert_eq!(data_dir, std::path::PathBuf::from("/tmp/x")),
        Outcome::Exit(c) => panic!("expected the window, got exit {c}"),
    }
    let (code, out, _) = run_cli(&["--help"]);
    assert_eq!(code, 0);
    for sub in ["demo", "check", "backup"] {
        assert!(out.contains(sub), "help lists {sub}");
    }
}
