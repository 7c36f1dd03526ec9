//! Encryption at rest (issue 12): SQLCipher with LUKS-style key slots. After setup the file is
//! unreadable without the key; sign-in unwraps the key; a password change re-keys; the recovery
//! code resets a password; a plain database with accounts is converted without losing a row; a
//! stop between the steps of a re-key or a conversion leaves a database that opens; backups open
//! only with this office's keys.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Duration;
use jiandu_core::model::accounts::{AccountInput, PasswordInput, Role, SetupInput};
use jiandu_core::model::crypt::RecoverInput;
use jiandu_core::service::crypt::{self, Gate, Sealed};
use jiandu_core::service::{self, accounts, backup, org, restore};
use jiandu_core::store::keys;
use jiandu_core::{demo, paths, Ctx, Db, Error};

mod support;
use support::*;

const TODAY: &str = "2026-05-20";
const ADMIN_PW: &str = "jiandu-2026";
const CLERK_PW: &str = "lcy-2026x";
/// A name that appears in no other test data: looked for in the raw bytes.
const SECRET_NAME: &str = "甄秘密";

fn ctx() -> Ctx {
    at(TODAY)
}

fn setup_input() -> SetupInput {
    SetupInput { login: "admin".into(), display_name: "王管理".into(), password: ADMIN_PW.into(), password2: ADMIN_PW.into() }
}

fn invalid<T>(r: Result<T, Error>) -> (String, String) {
    match r {
        Err(Error::Invalid { field, message }) => (field, message),
        Err(other) => panic!("expected a field error, got {other:?}"),
        Ok(_) => panic!("expected a field error, the action succeeded"),
    }
}

fn code_of<T>(r: Result<T, Error>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(e) => e.code().to_string(),
    }
}

fn open_fresh(dir: &Path) -> Db {
    match crypt::open_gate(&paths::database_path(dir)).expect("gate") {
        Gate::Open(db) => db,
        Gate::Sealed(_) => panic!("a new folder opens plain"),
    }
}

fn sealed(dir: &Path) -> Sealed {
    match crypt::open_gate(&paths::database_path(dir)).expect("gate") {
        Gate::Sealed(s) => s,
        Gate::Open(_) => panic!("expected a sealed database"),
    }
}

/// A new office: the first administrator set up (which encrypts), a clerk, a person named
/// `SECRET_NAME`. Returns the open database and the recovery code.
fn office(dir: &Path) -> (Db, String) {
    let mut db = open_fresh(dir);
    let done = crypt::setup(&mut db, &ctx(), setup_input()).expect("setup");
    let code = done.recovery_code.expect("a file database gets a recovery code");
    accounts::save(
        &mut db,
        &ctx(),
        AccountInput { id: None, login: "clerk".into(), display_name: "李录入".into(), role: Role::Clerk, password: Some(CLERK_PW.into()), disabled: false },
    )
    .expect("clerk");
    org::save_person(&mut db, &ctx(), person_input(SECRET_NAME)).expect("person");
    (db, code)
}

fn raw_key_opens(path: &Path, key: &keys::Key) -> bool {
    let conn = rusqlite::Connection::open(path).expect("conn");
    keys::try_key(&conn, key).expect("pragma")
}

fn plain_opens(path: &Path) -> bool {
    let conn = rusqlite::Connection::open(path).expect("conn");
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).is_ok()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Rows per table (the search index's shadow tables aside).
fn counts(conn: &rusqlite::Connection) -> BTreeMap<String, i64> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").expect("tables");
    let names: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("q").map(|r| r.expect("name")).collect();
    names
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).expect("count");
            (t, n)
        })
        .collect()
}

fn people(db: &Db) -> i64 {
    db.conn().query_row("SELECT count(*) FROM person", [], |r| r.get(0)).expect("people")
}

#[test]
fn after_setup_the_file_is_unreadable_without_the_key_and_opens_with_the_password() {
    let dir = tempfile::tempdir().expect("dir");
    let path = paths::database_path(dir.path());
    let (db, code) = office(dir.path());
    assert_eq!(code.len(), 29, "24 characters in six groups of four: {code}");
    assert!(code.split('-').all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())), "{code}");
    assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "no ambiguous characters: {code}");
    // Read the raw bytes while the window still has it open (the WAL holds the latest pages).
    let bytes = std::fs::read(&path).expect("db bytes");
    let wal = std::fs::read(sibling(&path, "-wal")).unwrap_or_default();
    assert_ne!(&bytes[..16], b"SQLite format 3\0", "the header is encrypted too");
    for needle in [SECRET_NAME, "王管理", "CREATE TABLE", "admin", "settings"] {
        assert!(!contains(&bytes, needle.as_bytes()), "“{needle}” readable in the database file");
        assert!(!contains(&wal, needle.as_bytes()), "“{needle}” readable in the -wal file");
    }
    assert!(!plain_opens(&path), "a connection without the key reads nothing");
    let key_file = std::fs::read_to_string(keys::key_file_for(&path)).expect("key file");
    assert!(!key_file.contains(&keys::hex(&db.keys().expect("keys").current)), "K is never written unwrapped");
    assert!(!key_file.contains(&code), "nor the recovery code");
    drop(db);

    let s = sealed(dir.path());
    assert_eq!(s.logins().expect("logins"), vec!["admin".to_string(), "clerk".to_string()]);
    let db = s.unlock(&ctx(), "admin", ADMIN_PW).expect("the right password opens");
    assert_eq!(db.session().expect("signed in").login, "admin");
    let name: String = db.conn().query_row("SELECT name FROM person WHERE name = ?1", [SECRET_NAME], |r| r.get(0)).expect("read");
    assert_eq!(name, SECRET_NAME);
    drop(db);
    let db = sealed(dir.path()).unlock(&ctx(), "CLERK", CLERK_PW).expect("another account opens it too");
    assert_eq!(db.session().expect("signed in").role, Role::Clerk);
}

#[test]
fn a_wrong_password_on_a_sealed_database_counts_and_five_lock_for_fifteen_minutes() {
    let dir = tempfile::tempdir().expect("dir");
    drop(office(dir.path()));
    let s = sealed(dir.path());
    let (field, message) = invalid(s.unlock(&ctx(), "admin", "wrong-pass1"));
    assert_eq!(field, "password");
    assert!(message.contains("再错4次"), "{message}");
    // A right password resets the count.
    drop(s.unlock(&ctx(), "admin", ADMIN_PW).expect("opens"));
    for left in (1..=4).rev() {
        let (_, message) = invalid(s.unlock(&ctx(), "admin", "wrong-pass1"));
        assert!(message.contains(&format!("再错{left}次")), "{message}");
    }
    let Err(locked) = s.unlock(&ctx(), "admin", "wrong-pass1") else { panic!("the fifth locks") };
    assert_eq!(locked.code(), "forbidden");
    assert!(locked.to_string().contains("锁定至"), "{locked}");
    assert_eq!(code_of(s.unlock(&ctx(), "admin", ADMIN_PW)), "forbidden", "locked even for the right password");
    assert_eq!(code_of(s.unlock(&ctx(), "clerk", CLERK_PW)), "ok", "the lock is per login");
    let later = Ctx { now: ctx().now + Duration::minutes(16), ..ctx() };
    assert_eq!(code_of(s.unlock(&later, "admin", ADMIN_PW)), "ok", "after fifteen minutes it opens");
    let (field, _) = invalid(s.unlock(&ctx(), "nobody", ADMIN_PW));
    assert_eq!(field, "password", "an unknown login is told apart from nothing");
}

#[test]
fn a_password_change_rekeys_and_older_backups_still_restore() {
    let dir = tempfile::tempdir().expect("dir");
    let path = paths::database_path(dir.path());
    let (mut db, _) = office(dir.path());
    let older = backup::take(&db, &ctx(), backup::MANUAL).expect("backup");
    let old_key = db.keys().expect("keys").current;
    let me = db.session().expect("admin").account_id.clone();
    accounts::change_password(
        &mut db,
        &ctx(),
        PasswordInput { account_id: me, old_password: Some(ADMIN_PW.into()), password: "new-pass-2026".into(), password2: "new-pass-2026".into() },
    )
    .expect("change");
    let new_key = db.keys().expect("keys").current;
    assert_ne!(old_key, new_key, "a new database key");
    assert!(!raw_key_opens(&path, &old_key), "the old key no longer opens the file");
    assert!(raw_key_opens(&path, &new_key));
    // Someone types in a name by mistake after the backup.
    org::save_person(&mut db, &ctx(), person_input("误录入")).expect("person");
    drop(db);

    let s = sealed(dir.path());
    assert_eq!(invalid(s.unlock(&ctx(), "admin", ADMIN_PW)).0, "password", "the old password is refused");
    assert_eq!(code_of(s.unlock(&ctx(), "clerk", CLERK_PW)), "ok", "another account's password still opens");
    let mut db = s.unlock(&ctx(), "admin", "new-pass-2026").expect("the new password opens");
    assert_eq!(people(&db), 2);
    // The backup taken under the old key restores; the file stays under the current key.
    let done = restore::restore(&mut db, &ctx(), &older).expect("restore an older backup");
    assert_eq!(done.restored.counts.people, 1);
    assert_eq!(people(&db), 1);
    assert!(raw_key_opens(&path, &new_key), "restored file re-keyed to the current key");
    drop(db);
    // The restored account table has the old password again: the slots follow it.
    let db = sealed(dir.path()).unlock(&ctx(), "admin", ADMIN_PW).expect("the restored account's password opens");
    assert_eq!(people(&db), 1);
}

#[test]
fn the_recovery_code_resets_a_forgotten_password() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, code) = office(dir.path());
    drop(db);
    let s = sealed(dir.path());
    let input = |code: &str, pw: &str| RecoverInput { login: "admin".into(), code: code.into(), password: pw.into(), password2: pw.into() };
    assert_eq!(invalid(s.recover(&ctx(), input("", "forgot-2026!"))).0, "code");
    assert_eq!(invalid(s.recover(&ctx(), input("ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2", "forgot-2026!"))).0, "code", "a wrong code");
    assert_eq!(invalid(s.recover(&ctx(), input(&code, "short"))).0, "password", "the password rules still hold");
    let (field, _) = invalid(s.recover(&ctx(), RecoverInput { login: "nobody".into(), ..input(&code, "forgot-2026!") }));
    assert_eq!(field, "login");
    // Typed in lower case with spaces: still the code.
    let typed = code.to_lowercase().replace('-', " ");
    let db = s.recover(&ctx(), input(&typed, "forgot-2026!")).expect("recover");
    assert_eq!(db.session().expect("signed in").login, "admin");
    let audited: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE action = 'recover_password' AND actor LIKE '%admin%'", [], |r| r.get(0))
        .expect("audit");
    assert_eq!(audited, 1, "written to the log as 以恢复密钥重设密码");
    drop(db);
    let s = sealed(dir.path());
    assert_eq!(invalid(s.unlock(&ctx(), "admin", ADMIN_PW)).0, "password");
    assert_eq!(code_of(s.unlock(&ctx(), "admin", "forgot-2026!")), "ok");
    assert_eq!(code_of(s.recover(&ctx(), input(&code, "again-2026!"))), "ok", "the code keeps working after a re-key");
}

/// A plain database of the previous version, with accounts and records.
fn plain_office(dir: &Path) -> BTreeMap<String, i64> {
    let mut db = Db::open(&paths::database_path(dir)).expect("open");
    demo::load(&mut db, &ctx()).expect("demo");
    accounts::setup(&mut db, &ctx(), setup_input()).expect("setup");
    org::save_person(&mut db, &ctx(), person_input(SECRET_NAME)).expect("person");
    assert_eq!(db.schema_version().expect("v"), 8);
    counts(db.conn())
}

#[test]
fn a_plain_database_with_accounts_is_converted_in_place_and_keeps_every_row() {
    let dir = tempfile::tempdir().expect("dir");
    let path = paths::database_path(dir.path());
    let before = plain_office(dir.path());
    assert!(keys::is_plain(&path));
    let s = sealed(dir.path());
    assert!(!keys::is_plain(&path), "converted on opening, before sign-in");
    assert!(!contains(&std::fs::read(&path).expect("bytes"), SECRET_NAME.as_bytes()));
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .expect("backups")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("jiandu-before-encrypt-")))
        .collect();
    assert_eq!(backups.len(), 1, "a backup first");
    assert!(keys::is_plain(&backups[0]), "the copy taken before encrypting is the plain file");
    let mut db = s.unlock(&ctx(), "admin", ADMIN_PW).expect("the password of before opens");
    let after = counts(db.conn());
    for (table, n) in &before {
        if table == "audit_log" {
            // + the conversion and the sign-in.
            assert_eq!(after[table], n + 2, "{table}");
        } else if table == "settings" {
            // + the recovery slot's key and the code waiting for an administrator.
            assert_eq!(after[table], n + 2, "{table}");
        } else {
            assert_eq!(after[table], *n, "{table}");
        }
    }
    assert!(service::audit::verify(db.conn()).expect("verify").ok(), "the audit chain verifies");
    // The recovery code made at conversion waits for an administrator, once.
    let pending = crypt::pending_recovery(&db).expect("pending").expect("a pending code");
    assert_eq!(pending.len(), 29);
    crypt::confirm_recovery(&mut db, &ctx()).expect("confirm");
    assert_eq!(crypt::pending_recovery(&db).expect("pending"), None);
    // The plain backup is accepted and encrypted on the way in.
    let key = db.keys().expect("keys").current;
    restore::restore(&mut db, &ctx(), &backups[0]).expect("restore the plain backup");
    assert!(!keys::is_plain(&path));
    assert!(raw_key_opens(&path, &key));
    drop(db);
    let s = sealed(dir.path());
    let db = s
        .recover(&ctx(), RecoverInput { login: "admin".into(), code: pending, password: "after-2026!".into(), password2: "after-2026!".into() })
        .expect("the code shown after conversion works");
    assert_eq!(people(&db), before["person"]);
}

#[test]
fn a_stop_between_the_steps_of_a_rekey_leaves_a_database_that_opens() {
    for (step, committed) in [("rekey:keyfile", false), ("rekey:changed", true), ("rekey:rekeyed", true)] {
        let dir = tempfile::tempdir().expect("dir");
        let path = paths::database_path(dir.path());
        let (mut db, _) = office(dir.path());
        let me = db.session().expect("admin").account_id.clone();
        keys::inject_fault(Some(step));
        let r = accounts::change_password(
            &mut db,
            &ctx(),
            PasswordInput { account_id: me, old_password: Some(ADMIN_PW.into()), password: "new-pass-2026".into(), password2: "new-pass-2026".into() },
        );
        keys::inject_fault(None);
        assert!(r.is_err(), "{step}: the injected stop");
        drop(db); // the process is gone: only what is on disk counts
        let s = sealed(dir.path());
        let (good, bad) = if committed { ("new-pass-2026", ADMIN_PW) } else { (ADMIN_PW, "new-pass-2026") };
        assert_eq!(code_of(s.unlock(&ctx(), "admin", bad)), "invalid", "{step}");
        let db = s.unlock(&ctx(), "admin", good).unwrap_or_else(|e| panic!("{step}: {e}"));
        assert_eq!(people(&db), 1, "{step}");
        let current = db.keys().expect("keys").current;
        drop(db);
        assert!(raw_key_opens(&path, &current), "{step}: the file is under the current key after opening");
        assert_eq!(code_of(sealed(dir.path()).unlock(&ctx(), "clerk", CLERK_PW)), "ok", "{step}");
    }
}

#[test]
fn a_stop_during_conversion_leaves_a_database_that_opens() {
    for step in ["convert:exported", "convert:keyfile", "convert:renamed"] {
        let dir = tempfile::tempdir().expect("dir");
        let path = paths::database_path(dir.path());
        let before = plain_office(dir.path());
        keys::inject_fault(Some(step));
        let first = crypt::open_gate(&path);
        keys::inject_fault(None);
        assert!(first.is_err(), "{step}: the injected stop");
        let db = sealed(dir.path()).unlock(&ctx(), "admin", ADMIN_PW).unwrap_or_else(|e| panic!("{step}: {e}"));
        assert_eq!(counts(db.conn())["person"], before["person"], "{step}");
        assert!(service::audit::verify(db.conn()).expect("verify").ok(), "{step}");
        assert!(!keys::is_plain(&path), "{step}");
        assert!(!sibling(&path, ".encrypting").exists(), "{step}: no staging file left");
    }
}

#[test]
fn backups_open_only_with_the_keys_and_a_foreign_one_is_refused() {
    let a = tempfile::tempdir().expect("a");
    let b = tempfile::tempdir().expect("b");
    let (db_a, _) = office(a.path());
    let file = backup::take(&db_a, &ctx(), backup::MANUAL).expect("backup");
    assert!(!keys::is_plain(&file), "the backup is encrypted like the database");
    assert!(!contains(&std::fs::read(&file).expect("bytes"), SECRET_NAME.as_bytes()));
    assert!(file.with_file_name(keys::KEY_FILE).exists(), "the key file goes with the backup");
    assert!(!plain_opens(&file));
    let seen = restore::inspect_for(&db_a, &file).expect("our keys open it");
    assert_eq!(seen.counts.people, 1);
    let (db_b, _) = office(b.path());
    let (field, message) = invalid(restore::inspect_for(&db_b, &file));
    assert_eq!(field, "file");
    assert!(message.contains("不是本单位的备份或密钥不符"), "{message}");
    let mut db_b = db_b;
    assert_eq!(code_of(restore::restore(&mut db_b, &ctx(), &file)), "invalid", "a foreign backup is refused");
    assert_eq!(people(&db_b), 1, "and nothing changed");
}

#[test]
fn headless_commands_unlock_with_the_password_and_backup_writes_the_key_file() {
    let dir = tempfile::tempdir().expect("dir");
    drop(office(dir.path()));
    let data = dir.path().to_str().expect("utf8").to_string();
    let out_dir = tempfile::tempdir().expect("out");
    let dest = out_dir.path().join("b.db");
    let run = |args: &[&str], pw: &str| {
        std::env::set_var("JIANDU_USER", "admin");
        std::env::set_var("JIANDU_PASSWORD", pw);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let all = ["jiandu", "--data-dir", &data].into_iter().chain(args.iter().copied());
        let code = match jiandu_core::cli::run(all, &mut out, &mut err) {
            jiandu_core::cli::Outcome::Exit(c) => c,
            _ => -1,
        };
        (code, String::from_utf8_lossy(&out).to_string() + &String::from_utf8_lossy(&err))
    };
    let (code, out) = run(&["check"], "wrong-pass1");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("密码不正确"), "{out}");
    let (code, out) = run(&["check"], ADMIN_PW);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("完整性检查：通过"), "{out}");
    let (code, out) = run(&["backup", dest.to_str().expect("utf8")], ADMIN_PW);
    assert_eq!(code, 0, "{out}");
    assert!(!keys::is_plain(&dest));
    assert!(out_dir.path().join(keys::KEY_FILE).exists(), "{out}");
}

#[test]
fn a_damaged_encrypted_database_is_found_at_unlock_and_restored_headless_with_the_password() {
    let dir = tempfile::tempdir().expect("dir");
    let path = paths::database_path(dir.path());
    let mut db = open_fresh(dir.path());
    demo::load(&mut db, &ctx()).expect("demo");
    crypt::setup(&mut db, &ctx(), setup_input()).expect("setup");
    let people_before = people(&db);
    let good = backup::take(&db, &ctx(), backup::MANUAL).expect("backup");
    db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").expect("checkpoint");
    drop(db);
    // Pages in the middle overwritten: their authentication tags no longer match.
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 4096 * 6);
    for b in &mut bytes[4096 * 2..4096 * 5] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("write");
    assert_eq!(code_of(sealed(dir.path()).unlock(&ctx(), "admin", ADMIN_PW)), "damaged", "found at unlock, before anything writes");
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "the damaged file is left as it was");

    std::env::set_var("JIANDU_USER", "admin");
    std::env::set_var("JIANDU_PASSWORD", ADMIN_PW);
    let data = dir.path().to_str().expect("utf8").to_string();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = match jiandu_core::cli::run(["jiandu", "--data-dir", &data, "restore", good.to_str().expect("utf8")], &mut out, &mut err) {
        jiandu_core::cli::Outcome::Exit(c) => c,
        _ => -1,
    };
    assert_eq!(code, 0, "{}{}", String::from_utf8_lossy(&out), String::from_utf8_lossy(&err));
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("jiandu.db.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is set aside, not deleted");
    assert!(!keys::is_plain(&path));
    let db = sealed(dir.path()).unlock(&ctx(), "admin", ADMIN_PW).expect("opens after the restore");
    assert_eq!(people(&db), people_before);
}

#[test]
fn setup_on_the_gate_takes_the_days_first_backup_encrypted_and_no_plain_copy_is_left() {
    let dir = tempfile::tempdir().expect("dir");
    let path = paths::database_path(dir.path());
    {
        let mut db = Db::open(&path).expect("plain, no account");
        demo::load(&mut db, &Ctx::system("示范数据")).expect("demo");
    }
    let mut gate = crypt::open_gate(&path).expect("gate");
    assert!(matches!(gate, Gate::Open(_)), "no account yet: open and plain");
    crypt::setup_gate(&mut gate, &ctx(), setup_input()).expect("setup");
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups")).expect("backup folder").flatten()
        .map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "db")).collect();
    assert_eq!(backups.len(), 1, "the day's automatic backup, taken once there is a key: {backups:?}");
    for b in &backups {
        assert!(!plain_opens(b), "{} must not be readable without the key", b.display());
    }
}
