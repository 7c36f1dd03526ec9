//! Backups and restore as an administrator meets them: the daily backup and its 7/4/12
//! rotation (which never touches a file the app did not write automatically), a chosen folder
//! that went missing, restore after a mistaken edit, refusals of damaged, truncated, foreign and
//! newer files with the original untouched, a damaged database found at start and set aside, and
//! a full disk during writes and during a backup (on a real small tmpfs).

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use jiandu_core::cli::{self, Outcome};
use jiandu_core::service::{backup, org, restore};
use jiandu_core::{Ctx, Db, Error};

mod support;
use support::*;

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").expect("test time")
}

fn ctx_at(s: &str) -> Ctx {
    Ctx { actor: "测试员".into(), now: t(s) }
}

fn run(args: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = match cli::run(std::iter::once("jiandu").chain(args.iter().copied()), &mut out, &mut err) {
        Outcome::Exit(c) => c,
        Outcome::OpenWindow { .. } => panic!("a subcommand opened the window"),
    };
    (code, String::from_utf8(out).expect("utf8"), String::from_utf8(err).expect("utf8"))
}

/// A database in `dir` with `n` people, their notes long enough to spread over many pages.
fn office_db(dir: &Path, n: usize) -> Db {
    let mut db = Db::open(&dir.join("jiandu.db")).expect("open");
    let ctx = at("2026-05-20");
    for i in 0..n {
        let mut p = person_input(&format!("干部{i}"));
        p.notes = "廉政谈话记录摘要。".repeat(40);
        org::save_person(&mut db, &ctx, p).expect("person");
    }
    db
}

fn people(db: &Db) -> i64 {
    db.conn().query_row("SELECT count(*) FROM person", [], |r| r.get(0)).expect("count")
}

fn refusal<T: std::fmt::Debug>(r: jiandu_core::Result<T>) -> String {
    match r {
        Err(Error::Invalid { field, message }) => {
            assert_eq!(field, "file");
            message
        }
        other => panic!("expected a refusal at field file, got {other:?}"),
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).map(|r| r.flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect()).unwrap_or_default();
    v.sort();
    v
}

/// Overwrites pages 3.. of a SQLite file with garbage, keeping the header intact.
fn corrupt(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read");
    let page = 4096;
    assert!(bytes.len() > page * 6, "the test file is large enough to damage in the middle");
    for b in &mut bytes[page * 2..page * 5] {
        *b = 0xA5;
    }
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn rotation_keeps_seven_daily_four_weekly_twelve_monthly() {
    // One automatic backup every day from 2025-01-01 to Thursday 2026-12-03, two on the last day.
    let mut stamps = Vec::new();
    let mut d = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
    let last = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
    while d <= last {
        stamps.push(d.and_hms_opt(8, 30, 0).expect("time"));
        d = d.succ_opt().expect("next");
    }
    stamps.push(t("2026-12-03 17:00:00"));
    let keep = backup::keep(&stamps);
    let mut kept: Vec<String> = stamps.iter().zip(&keep).filter(|(_, k)| **k).map(|(s, _)| s.format("%Y-%m-%d %H:%M").to_string()).collect();
    kept.sort();
    let expected = [
        "2026-01-31 08:30", "2026-02-28 08:30", "2026-03-31 08:30", "2026-04-30 08:30", "2026-05-31 08:30",
        "2026-06-30 08:30", "2026-07-31 08:30", "2026-08-31 08:30", "2026-09-30 08:30", "2026-10-31 08:30",
        // weekly: the Sundays closing the three weeks before this one
        "2026-11-15 08:30", "2026-11-22 08:30",
        // daily: the last seven days (the 29th is also a week's last, the 30th also a month's)
        "2026-11-27 08:30", "2026-11-28 08:30", "2026-11-29 08:30", "2026-11-30 08:30", "2026-12-01 08:30",
        "2026-12-02 08:30", "2026-12-03 17:00",
    ];
    assert_eq!(kept, expected);
    // The order given does not matter.
    let mut rev = stamps.clone();
    rev.reverse();
    assert_eq!(backup::keep(&rev).iter().filter(|k| **k).count(), expected.len());
    // Fewer backups than the limits: all kept.
    assert!(backup::keep(&stamps[..5]).iter().all(|k| *k));
}

#[test]
fn daily_backup_once_a_day_rotated_and_nothing_foreign_deleted() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = office_db(dir.path(), 2);
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).expect("dir");
    // Files the app did not write automatically are never rotated away.
    for foreign in ["jiandu-manual-20250101-080000.db", "jiandu-v3-before-upgrade-20250101-080000.db", "我的备份.db", "jiandu-auto-notes.txt"] {
        std::fs::write(backups.join(foreign), b"x").expect("write");
    }
    let mut taken = 0;
    let mut day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    for _ in 0..60 {
        let ctx = Ctx { actor: "测试员".into(), now: day.and_hms_opt(8, 0, 0).expect("t") };
        if backup::daily(&db, &ctx).expect("daily").is_some() {
            taken += 1;
        }
        // A second start the same day takes none.
        let later = Ctx { actor: "测试员".into(), now: day.and_hms_opt(15, 0, 0).expect("t") };
        assert!(backup::daily(&db, &later).expect("daily").is_none());
        day = day.succ_opt().expect("next");
    }
    assert_eq!(taken, 60);
    let all = names(&backups);
    for foreign in ["jiandu-manual-20250101-080000.db", "jiandu-v3-before-upgrade-20250101-080000.db", "我的备份.db", "jiandu-auto-notes.txt"] {
        assert!(all.contains(&foreign.to_string()), "{foreign} was deleted: {all:?}");
    }
    let autos: Vec<&String> = all.iter().filter(|n| n.starts_with("jiandu-auto-2")).collect();
    // 7 days (23.2.–1.3., Sunday 1.3. closing this week), the weeks ending 22.2., 15.2. and 8.2.,
    // January's last; February's last day is among the seven.
    assert_eq!(autos.len(), 11, "{autos:?}");
    assert!(autos.first().is_some_and(|n| n.starts_with("jiandu-auto-20260131")) && !all.iter().any(|n| n.starts_with("jiandu-auto-20260207")), "{autos:?}");
    assert!(!all.iter().any(|n| n.contains("partial")), "{all:?}");
    // Each automatic backup is a complete, restorable database.
    let newest = backups.join(autos.last().expect("one"));
    let info = restore::inspect(&newest).expect("inspect");
    assert_eq!(info.counts.people, 2);
    assert_eq!(info.taken_at, "2026-03-01 08:00:00");
    let status = backup::status(&db).expect("status");
    assert_eq!(status.files[0].taken_at, "2026-03-01 08:00:00", "newest first");
    assert_eq!(status.files[0].kind, "自动（每日）");
}

#[test]
fn a_chosen_folder_that_went_missing_falls_back_with_a_warning() {
    let dir = tempfile::tempdir().expect("tmp");
    let usb = tempfile::tempdir().expect("usb");
    let mut db = office_db(dir.path(), 1);
    let ctx = ctx_at("2026-05-20 09:00:00");
    let e = backup::set_folder(&mut db, &ctx, Some("relative/dir".into())).expect_err("relative refused");
    assert_eq!(e.payload().field.as_deref(), Some("folder"));
    let gone = usb.path().join("不存在");
    let e = backup::set_folder(&mut db, &ctx, Some(gone.display().to_string())).expect_err("missing refused");
    assert!(e.to_string().contains("不存在"), "{e}");
    let s = backup::set_folder(&mut db, &ctx, Some(usb.path().display().to_string())).expect("chosen");
    assert_eq!(s.folder, usb.path().display().to_string());
    assert!(s.warning.is_none());
    let p = backup::daily(&db, &ctx).expect("daily").expect("taken");
    assert!(p.starts_with(usb.path()), "{p:?}");

    // The drive is unplugged: the app still opens, backs up into the default folder, and says so.
    let usb_path = usb.path().to_path_buf();
    drop(usb);
    drop(db);
    let db = Db::open(&dir.path().join("jiandu.db")).expect("opens without the drive");
    let s = backup::status(&db).expect("status");
    assert!(s.warning.as_deref().is_some_and(|w| w.contains(&usb_path.display().to_string()) && w.contains("默认位置")), "{s:?}");
    assert_eq!(s.folder, dir.path().join("backups").display().to_string());
    let next = ctx_at("2026-05-21 09:00:00");
    let p = backup::daily(&db, &next).expect("daily").expect("taken");
    assert!(p.starts_with(dir.path().join("backups")), "{p:?}");
}

#[test]
fn restore_after_a_mistaken_edit_backs_up_first_and_is_audited() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut db = office_db(dir.path(), 3);
    let ctx = ctx_at("2026-05-20 09:00:00");
    let good = backup::take(&db, &ctx, backup::MANUAL).expect("backup");
    // The mistaken edit: two people entered in error.
    for n in ["误录甲", "误录乙"] {
        org::save_person(&mut db, &ctx, person_input(n)).expect("person");
    }
    assert_eq!(people(&db), 5);
    let info = restore::inspect(&good).expect("inspect");
    assert_eq!((info.counts.people, info.schema_version), (3, jiandu_core::store::supported_version()));
    let before = std::fs::read(&good).expect("read");
    let later = ctx_at("2026-05-20 10:00:00");
    let done = restore::restore(&mut db, &later, &good).expect("restore");
    assert_eq!(people(&db), 3, "the restored database is the one open now");
    assert_eq!(std::fs::read(&good).expect("read"), before, "the backup file is not written to");
    // The database as it was is kept and holds the two.
    let previous = restore::inspect(Path::new(&done.previous)).expect("previous");
    assert_eq!(previous.counts.people, 5);
    assert!(done.previous.contains("jiandu-before-restore-20260520-100000"), "{}", done.previous);
    let restores: i64 = db.conn().query_row("SELECT count(*) FROM audit_log WHERE action = 'restore_backup'", [], |r| r.get(0)).expect("audit");
    assert_eq!(restores, 1);
    // Writes go on, and reopening finds the restored state.
    org::save_person(&mut db, &later, person_input("恢复后新增")).expect("person");
    drop(db);
    let db = Db::open(&dir.path().join("jiandu.db")).expect("reopen");
    assert_eq!(people(&db), 4);
    assert!(db.integrity_problems().expect("check").is_empty());
}

#[test]
fn damaged_truncated_foreign_and_newer_files_are_refused_untouched() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut db = office_db(dir.path(), 60);
    let ctx = ctx_at("2026-05-20 09:00:00");
    let good = backup::take(&db, &ctx, backup::MANUAL).expect("backup");
    let bytes = std::fs::read(&good).expect("read");

    let refused = |db: &mut Db, path: &Path, needle: &str| {
        let original = std::fs::read(path).ok();
        let m = refusal(restore::inspect(path));
        assert!(m.contains(needle), "{m}");
        let m = refusal(restore::restore(db, &ctx, path));
        assert!(m.contains(needle), "{m}");
        assert_eq!(std::fs::read(path).ok(), original, "{} was changed", path.display());
        assert_eq!(people(db), 60, "the open database is untouched");
    };
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, &bytes).expect("write");
    corrupt(&damaged);
    refused(&mut db, &damaged, "已损坏");

    let truncated = dir.path().join("truncated.db");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    refused(&mut db, &truncated, "已损坏");

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "这不是数据库".repeat(100)).expect("write");
    refused(&mut db, &text, "不是 SQLite");

    let foreign = dir.path().join("other.db");
    rusqlite::Connection::open(&foreign).expect("open").execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1); PRAGMA user_version = 3;").expect("other");
    refused(&mut db, &foreign, "不是监督台账的数据库");

    let newer = dir.path().join("newer.db");
    std::fs::write(&newer, &bytes).expect("write");
    rusqlite::Connection::open(&newer).expect("open").pragma_update(None, "user_version", 999).expect("version");
    refused(&mut db, &newer, "更新版本");

    refused(&mut db, &dir.path().join("missing.db"), "找不到");
    // Nothing was left half-restored beside the database.
    assert!(!names(dir.path()).iter().any(|n| n.contains("restoring")), "{:?}", names(dir.path()));
}

#[test]
fn a_damaged_database_is_reported_at_start_and_set_aside_by_restore() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().expect("utf8 path");
    let db_path = dir.path().join("jiandu.db");
    {
        let db = office_db(dir.path(), 60);
        backup::daily(&db, &ctx_at("2026-05-19 08:00:00")).expect("daily");
        // A backup damaged as well, newer than the good one: never offered.
        let bad = backup::take(&db, &ctx_at("2026-05-20 08:00:00"), backup::MANUAL).expect("backup");
        corrupt(&bad);
    }
    corrupt(&db_path);
    let damaged = std::fs::read(&db_path).expect("read");
    let e = Db::open(&db_path).err().expect("refused");
    assert_eq!(e.payload().code, "damaged");
    assert!(e.to_string().contains("已损坏") && e.to_string().contains("没有改动"), "{e}");
    assert_eq!(std::fs::read(&db_path).expect("read"), damaged, "opening did not write to it");

    let (code, out, _) = run(&["--data-dir", d, "check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("未通过") && out.contains("jiandu-auto-20260519-080000.db"), "{out}");
    assert_eq!(std::fs::read(&db_path).expect("read"), damaged);

    let good = restore::good_backups(&db_path, 3);
    assert_eq!(good.len(), 1, "only the good backup is offered: {good:?}");
    let (db, done) = restore::restore_damaged(&db_path, &ctx_at("2026-05-20 09:30:00"), Path::new(&good[0].path)).expect("restore");
    assert_eq!(people(&db), 60);
    assert_eq!(std::fs::read(&done.previous).expect("aside"), damaged, "the damaged file is kept, renamed");
    assert!(done.previous.ends_with("jiandu.db.damaged-20260520-093000"), "{}", done.previous);
}

#[test]
fn headless_restore_refuses_under_a_window_and_restores_otherwise() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().expect("utf8 path");
    let file = dir.path().join("saved.db");
    {
        let mut db = office_db(dir.path(), 2);
        db.backup_to(&file).expect("backup");
        org::save_person(&mut db, &at("2026-05-20"), person_input("误录")).expect("person");
    }
    let f = file.to_str().expect("utf8");
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.path().join("jiandu.lock")).expect("lock");
    lock.try_lock().expect("the window's lock");
    let (code, _, err) = run(&["--data-dir", d, "restore", f]);
    assert_eq!(code, 1);
    assert!(err.contains("正被另一个监督台账窗口使用"), "{err}");
    drop(lock);
    let (code, out, err) = run(&["--data-dir", d, "restore", f]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("干部 2") && out.contains("jiandu-before-restore-"), "{out}");
    let db = Db::open(&dir.path().join("jiandu.db")).expect("open");
    assert_eq!(people(&db), 2);
}

// ---------------------------------------------------------------- full disk, on a real tmpfs

struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs of `size` (e.g. "2m"); `None` only where mounting is impossible.
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("tmp").keep();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Some(Tmpfs(dir))
        } else {
            eprintln!("\n!!!!! SKIPPED: cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN): the full-disk test did not run !!!!!\n");
            None
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

#[test]
fn a_full_disk_stops_writes_and_backups_cleanly() {
    let Some(disk) = Tmpfs::mount("1m") else { return };
    let mut db = Db::open(&disk.0.join("jiandu.db")).expect("open on the tmpfs");
    let ctx = at("2026-05-20");
    let mut saved = Vec::new();
    let err = loop {
        let mut p = person_input(&format!("干部{}", saved.len()));
        p.notes = "廉政谈话记录摘要。".repeat(100);
        match org::save_person(&mut db, &ctx, p) {
            Ok(p) => saved.push(p.id),
            Err(e) => break e,
        }
        assert!(saved.len() < 10_000, "the disk never filled");
    };
    assert_eq!(err.payload().code, "disk_full", "{err:?}");
    assert!(err.to_string().contains("磁盘空间不足"), "{err}");
    assert!(saved.len() > 10, "{} saved", saved.len());
    // A backup into the full folder: a clear message, no half-written backup left.
    let dest = disk.0.join("backups").join("jiandu-manual-20260520-090000.db");
    let e = db.backup_to(&dest).expect_err("no room for a backup");
    assert!(e.to_string().contains("磁盘空间不足") && e.to_string().contains("没有留下不完整的备份文件"), "{e}");
    assert!(names(&disk.0.join("backups")).is_empty(), "{:?}", names(&disk.0.join("backups")));
    // Every saved record is there, the file is sound.
    drop(db);
    let db = Db::open(&disk.0.join("jiandu.db")).expect("reopen");
    assert!(db.integrity_problems().expect("check").is_empty());
    assert_eq!(people(&db), saved.len() as i64);
    drop(db);

    // A backup from a sound disk into a small full one (the USB drive): same.
    let dir = tempfile::tempdir().expect("tmp");
    let db = office_db(dir.path(), 80);
    let Some(usb) = Tmpfs::mount("64k") else { return };
    let dest = usb.0.join("jiandu-manual-20260520-090000.db");
    let e = db.backup_to(&dest).expect_err("no room");
    assert!(e.to_string().contains("磁盘空间不足"), "{e}");
    assert!(names(&usb.0).is_empty(), "{:?}", names(&usb.0));
    assert!(db.integrity_problems().expect("check").is_empty());
}

#[test]
fn the_backup_before_a_migration_goes_to_the_chosen_folder() {
    let dir = tempfile::tempdir().expect("tmp");
    let usb = tempfile::tempdir().expect("usb");
    let path = dir.path().join("jiandu.db");
    let old = jiandu_core::store::supported_version() - 1;
    {
        // A database as the previous release left it, with a backup folder chosen.
        let conn = rusqlite::Connection::open(&path).expect("open");
        for step in jiandu_core::store::MIGRATIONS.iter().take(old as usize) {
            conn.execute_batch(step).expect("old migration");
        }
        conn.pragma_update(None, "user_version", old).expect("version");
        conn.execute("INSERT INTO settings (key, value) VALUES (?1, ?2)", [jiandu_core::store::BACKUP_FOLDER_KEY, usb.path().to_str().expect("utf8")])
            .expect("setting");
    }
    let db = Db::open(&path).expect("migrates");
    assert_eq!(db.schema_version().expect("v"), jiandu_core::store::supported_version());
    let copies = names(usb.path());
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0].starts_with(&format!("jiandu-v{old}-before-upgrade-")), "{copies:?}");
    let info = restore::inspect(&usb.path().join(&copies[0])).expect("the copy is a restorable database");
    assert_eq!(info.schema_version, old);
}
