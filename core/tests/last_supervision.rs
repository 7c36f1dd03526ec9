//! Each person's last held 监督谈话 is kept on write (migration 6) so the worklist reads the heads
//! by key. These tests drive a random sequence of the writes a clerk makes — record, hold, edit
//! (date, kind, subjects), void, restore — and check after every step that the kept table equals
//! one computed from the talks, and that the worklist's "一把手 without a 监督谈话 in 12 months"
//! and the coverage figures equal what the queries before migration 6 answered.

mod support;

use jiandu_core::model::talks::{TalkInput, TalkKind, TalkSubjectInput};
use jiandu_core::service::{org, talks, worklist};
use jiandu_core::{Ctx, Db};
use support::{at, person_input, position_input, unit_input};

/// The kept table, sorted.
fn kept(db: &Db) -> Vec<(String, String)> {
    let mut stmt = db.conn().prepare("SELECT person_id, date FROM person_last_supervision ORDER BY person_id").expect("kept");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").collect::<Result<_, _>>().expect("read")
}

/// The kept talk of each person: (person, talk id, date).
fn kept_talks(db: &Db) -> Vec<(String, String, String)> {
    let mut stmt = db.conn().prepare("SELECT person_id, talk_id, date FROM person_last_supervision ORDER BY person_id").expect("kept");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).expect("rows").collect::<Result<_, _>>().expect("read")
}

/// The latest held 监督谈话 of each person by date, then id, scanning the talks.
fn computed_talks(db: &Db) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT s.person_id, t.id, t.date FROM talk_subject s JOIN talk t ON t.id = s.talk_id
             WHERE s.voided_at IS NULL AND t.kind = '监督谈话' AND t.state <> '计划' AND t.voided_at IS NULL
             ORDER BY s.person_id, t.date DESC, t.id DESC",
        )
        .expect("computed");
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))).expect("rows");
    for row in rows {
        let row = row.expect("read");
        if out.last().is_none_or(|l| l.0 != row.0) {
            out.push(row);
        }
    }
    out
}

/// The same figure computed from the talks (written here independently of the store).
fn computed(db: &Db) -> Vec<(String, String)> {
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT s.person_id, max(t.date) FROM talk_subject s JOIN talk t ON t.id = s.talk_id
             WHERE s.voided_at IS NULL AND t.kind = '监督谈话' AND t.state <> '计划' AND t.voided_at IS NULL
             GROUP BY s.person_id ORDER BY s.person_id",
        )
        .expect("computed");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").collect::<Result<_, _>>().expect("read")
}

/// People with a held 监督谈话 dated in [from, to] (from exclusive when `open`), by scanning talks.
fn talked(db: &Db, from: &str, open: bool, to: &str) -> Vec<String> {
    let op = if open { ">" } else { ">=" };
    let mut stmt = db
        .conn()
        .prepare(&format!(
            "SELECT DISTINCT s.person_id FROM talk_subject s JOIN talk t ON t.id = s.talk_id
             WHERE s.voided_at IS NULL AND t.kind = '监督谈话' AND t.state <> '计划' AND t.voided_at IS NULL
               AND t.date {op} ?1 AND t.date <= ?2 ORDER BY 1"
        ))
        .expect("talked");
    stmt.query_map([from, to], |r| r.get(0)).expect("rows").collect::<Result<_, _>>().expect("read")
}

/// A tiny deterministic generator (no dependency): the sequence is the same on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn talk_input(kind: TalkKind, held: bool, date: String, subjects: &[String], id: Option<String>) -> TalkInput {
    TalkInput {
        id,
        kind,
        held,
        date,
        place: String::new(),
        conductor_person_id: None,
        conductor_role: "县委书记".into(),
        recorder: String::new(),
        attendees: String::new(),
        source: String::new(),
        focus_areas: Vec::new(),
        outline: String::new(),
        problems: Vec::new(),
        remedies: Vec::new(),
        statement: String::new(),
        commitment_signed: false,
        assessment_id: None,
        clue_id: None,
        subjects: subjects.iter().map(|p| TalkSubjectInput { person_id: p.clone(), unit_id: None }).collect(),
    }
}

struct City {
    db: Db,
    people: Vec<String>,
}

/// Four units with their 一把手 and two more people each, and a fifth unit led by the first head.
fn city(ctx: &Ctx) -> City {
    let mut db = Db::open_in_memory().expect("db");
    let mut people = Vec::new();
    let mut units = Vec::new();
    for u in 0..4 {
        units.push(org::save_unit(&mut db, ctx, unit_input(&format!("第{u}局"))).expect("unit").id);
    }
    let spare = org::save_unit(&mut db, ctx, unit_input("第4局")).expect("unit").id;
    for (i, unit) in units.iter().enumerate() {
        for k in 0..3 {
            let p = org::save_person(&mut db, ctx, person_input(&format!("干部{i}{k}"))).expect("person").id;
            org::save_position(&mut db, ctx, position_input(&p, unit, if k == 0 { "局长" } else { "科员" }, k == 0)).expect("position");
            people.push(p);
        }
    }
    // The first head also heads the last unit (a person counted once in coverage, twice in heads).
    org::save_position(&mut db, ctx, position_input(&people[0], &spare, "局长", true)).expect("second head post");
    City { db, people }
}

/// The worklist and coverage agree with the scans above, for several "today"s.
fn check(db: &Db, step: &str) {
    assert_eq!(kept(db), computed(db), "kept last 监督谈话 differs from the talks after {step}");
    assert_eq!(kept_talks(db), computed_talks(db), "kept last 监督谈话's id differs after {step}");
    for today in ["2025-03-10", "2026-01-01", "2026-06-15", "2026-12-31"] {
        let ctx = at(today);
        let w = worklist::worklist(db, &ctx).expect("worklist");
        let year: i32 = today[..4].parse().expect("year");
        let twelve = format!("{}{}", year - 1, &today[4..]);
        let recent = talked(db, &twelve, true, today);
        let heads: Vec<(String, String)> = {
            let mut stmt = db
                .conn()
                .prepare("SELECT po.person_id, po.unit_id FROM position po WHERE po.is_head = 1 AND po.voided_at IS NULL ORDER BY 1, 2")
                .expect("heads");
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").collect::<Result<_, _>>().expect("read")
        };
        let expected: Vec<(String, String)> = heads.iter().filter(|(p, _)| !recent.contains(p)).cloned().collect();
        let mut got: Vec<(String, String)> = w.heads_without_talk.iter().map(|h| (h.id.clone(), h.unit_id.clone())).collect();
        got.sort();
        assert_eq!(got, expected, "heads without a 监督谈话 on {today} after {step}");
        assert_eq!(w.heads_without_talk_total, expected.len() as i64, "count on {today} after {step}");
        // The last talk shown for each listed head is the latest held one.
        let last = computed(db);
        for h in &w.heads_without_talk {
            let want = last.iter().find(|(p, _)| *p == h.id).map(|(_, d)| d.clone());
            assert_eq!(h.last_talk_date, want, "last talk of {} on {today} after {step}", h.person_name);
            let id = computed_talks(db).into_iter().find(|(p, _, _)| *p == h.id).map(|(_, t, _)| t);
            assert_eq!(h.last_talk_id, id, "last talk id of {} on {today} after {step}", h.person_name);
        }
        let in_year = talked(db, &format!("{year}-01-01"), false, &format!("{year}-12-31"));
        let mut head_people: Vec<&String> = heads.iter().map(|(p, _)| p).collect();
        head_people.dedup();
        let covered = head_people.iter().filter(|p| in_year.contains(p)).count() as i64;
        assert_eq!(w.figures.heads_in_scope, head_people.len() as i64, "in scope on {today} after {step}");
        assert_eq!(w.figures.heads_covered, covered, "covered on {today} after {step}");
        // A past year's coverage, as the plan page asks for it.
        let past = talks::coverage(db, &ctx, year - 1).expect("coverage");
        let in_past = talked(db, &format!("{}-01-01", year - 1), false, &format!("{}-12-31", year - 1));
        assert_eq!(past.covered, head_people.iter().filter(|p| in_past.contains(p)).count() as i64, "{} coverage after {step}", year - 1);
    }
}

#[test]
fn the_kept_last_supervision_follows_every_talk_write() {
    // Writes happen "today" = end of 2026, so talks dated after an earlier worklist day exist: the
    // kept date is then after the window and the query must ask the talks themselves.
    let ctx = at("2026-12-31");
    let City { mut db, people } = city(&ctx);
    check(&db, "no talks");
    for seed in [1u64, 7, 42] {
        let mut rng = Lcg(seed);
        let mut ids: Vec<String> = Vec::new();
        for step in 0..60 {
            let op = if ids.is_empty() { 0 } else { rng.next(6) };
            let date = format!("{}-{:02}-{:02}", 2024 + rng.next(3), 1 + rng.next(12), 1 + rng.next(28));
            let kind = if rng.next(4) == 0 { TalkKind::Reminder } else { TalkKind::Supervision };
            let n = 1 + rng.next(2);
            let subjects: Vec<String> = (0..n).map(|_| people[rng.next(people.len())].clone()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
            let what = match op {
                0 => {
                    let held = rng.next(3) != 0;
                    if let Ok(t) = talks::save_talk(&mut db, &ctx, talk_input(kind, held, date, &subjects, None)) {
                        ids.push(t.talk.id);
                    }
                    "record"
                }
                1 => {
                    // Edit: date, kind and subjects of an existing talk, keeping it held or planned.
                    let id = ids[rng.next(ids.len())].clone();
                    let held = talks::talk_detail(&db, &ctx, &id).expect("detail").talk.state != jiandu_core::model::talks::TalkState::Planned;
                    let _ = talks::save_talk(&mut db, &ctx, talk_input(kind, held, date, &subjects, Some(id)));
                    "edit"
                }
                2 => {
                    let id = ids[rng.next(ids.len())].clone();
                    let _ = talks::record_talk_held(&mut db, &ctx, &id, &date);
                    "hold"
                }
                3 | 4 => {
                    let id = ids[rng.next(ids.len())].clone();
                    let _ = talks::void_talk(&mut db, &ctx, &id, "录入错误");
                    "void"
                }
                _ => {
                    let id = ids[rng.next(ids.len())].clone();
                    let _ = talks::restore_talk(&mut db, &ctx, &id);
                    "restore"
                }
            };
            check(&db, &format!("seed {seed} step {step} ({what})"));
        }
    }
    assert!(!kept(&db).is_empty(), "the sequence must have held some 监督谈话");
}

#[test]
fn migration_6_backfills_the_last_supervision_from_existing_talks() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("jiandu.db");
    let ctx = at("2026-06-15");
    {
        let mut db = Db::open(&path).expect("db");
        let u = org::save_unit(&mut db, &ctx, unit_input("县水利局")).expect("unit").id;
        let p = org::save_person(&mut db, &ctx, person_input("张三")).expect("person").id;
        let q = org::save_person(&mut db, &ctx, person_input("李四")).expect("person").id;
        org::save_position(&mut db, &ctx, position_input(&p, &u, "局长", true)).expect("position");
        let held = talks::save_talk(&mut db, &ctx, talk_input(TalkKind::Supervision, true, "2026-03-01".into(), std::slice::from_ref(&p), None)).expect("talk");
        let item = jiandu_core::model::items::ItemInput {
            id: None,
            origin_kind: jiandu_core::model::items::OriginKind::Talk,
            origin_id: held.talk.id.clone(),
            problem: "问题".into(),
            measure: String::new(),
            responsible_person_id: None,
            responsible_unit_id: None,
            due_date: None,
            due_workdays: Some(30),
        };
        jiandu_core::service::items::save_item(&mut db, &ctx, item).expect("item");
        talks::save_talk(&mut db, &ctx, talk_input(TalkKind::Supervision, true, "2025-05-01".into(), &[p.clone(), q.clone()], None)).expect("talk");
        talks::save_talk(&mut db, &ctx, talk_input(TalkKind::Supervision, false, "2026-07-01".into(), std::slice::from_ref(&q), None)).expect("planned");
        talks::save_talk(&mut db, &ctx, talk_input(TalkKind::Reminder, true, "2026-04-01".into(), &[q], None)).expect("reminder");
        // Back to a version-5 file: no table, version 5 — as a database written before this build.
        db.conn()
            .execute_batch(
                "DROP TABLE person_last_supervision; DROP TABLE item_day_tally; DROP INDEX item_origin_date_live; DROP INDEX talk_assessment_held;
                 DROP INDEX position_unit_head; CREATE INDEX item_origin_date ON rectification_item(origin_date, status) WHERE voided_at IS NULL;
                 DROP TABLE account;
                 DROP INDEX audit_actor; DROP INDEX audit_at;
                 ALTER TABLE audit_log DROP COLUMN prev_hash; ALTER TABLE audit_log DROP COLUMN hash;",
            )
            .expect("undo steps 6 and after");
        db.conn().pragma_update(None, "user_version", 5).expect("version");
    }
    let db = Db::open(&path).expect("upgrade");
    assert_eq!(db.schema_version().expect("v"), jiandu_core::store::supported_version());
    let k = kept(&db);
    assert_eq!(k.len(), 2, "both people with a held 监督谈话, not the planned or the 提醒谈话: {k:?}");
    assert_eq!(k, computed(&db));
    assert_eq!(kept_talks(&db), computed_talks(&db));
    assert_eq!(tally(&db), vec![("2026-03-01".to_string(), 1, 0)], "the item tally is backfilled too");
    assert!(k.iter().any(|(_, d)| d == "2026-03-01") && k.iter().any(|(_, d)| d == "2025-05-01"), "{k:?}");
}

// ---- the year figures' item tally (also migration 6)

fn tally(db: &Db) -> Vec<(String, i64, i64)> {
    let mut stmt = db.conn().prepare("SELECT origin_date, total, closed FROM item_day_tally WHERE total > 0 ORDER BY 1").expect("tally");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).expect("rows").collect::<Result<_, _>>().expect("read")
}

fn items_by_day(db: &Db) -> Vec<(String, i64, i64)> {
    let mut stmt = db
        .conn()
        .prepare("SELECT origin_date, count(*), sum(status = '已销号') FROM rectification_item WHERE voided_at IS NULL GROUP BY 1 ORDER BY 1")
        .expect("items");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).expect("rows").collect::<Result<_, _>>().expect("read")
}

#[test]
fn the_item_tally_follows_every_item_write() {
    use jiandu_core::model::items::{ItemInput, OriginKind};
    use jiandu_core::service::items;
    let ctx = at("2026-12-31");
    let City { mut db, people } = city(&ctx);
    let mut talks_held: Vec<(String, Vec<String>)> = Vec::new();
    let mut item_ids: Vec<String> = Vec::new();
    let mut rng = Lcg(5);
    for step in 0..120 {
        let op = if talks_held.is_empty() { 0 } else if item_ids.is_empty() { 1 } else { rng.next(7) };
        let date = format!("{}-{:02}-{:02}", 2025 + rng.next(2), 1 + rng.next(12), 1 + rng.next(28));
        let what = match op {
            0 => {
                let subjects = vec![people[rng.next(people.len())].clone()];
                let t = talks::save_talk(&mut db, &ctx, talk_input(TalkKind::Supervision, true, date, &subjects, None)).expect("talk");
                talks_held.push((t.talk.id, subjects));
                "talk"
            }
            1 | 2 => {
                let (talk, _) = &talks_held[rng.next(talks_held.len())];
                let input = ItemInput {
                    id: None,
                    origin_kind: OriginKind::Talk,
                    origin_id: talk.clone(),
                    problem: format!("问题{step}"),
                    measure: String::new(),
                    responsible_person_id: None,
                    responsible_unit_id: None,
                    due_date: None,
                    due_workdays: Some(30),
                };
                if let Ok(v) = items::save_item(&mut db, &ctx, input) {
                    item_ids.push(v.item.id);
                }
                "item"
            }
            3 => {
                let id = &item_ids[rng.next(item_ids.len())];
                let _ = items::close_item(&mut db, &ctx, id, "2026-12-30", "整改报告");
                "close"
            }
            4 => {
                let id = &item_ids[rng.next(item_ids.len())];
                let _ = items::void_item(&mut db, &ctx, id, "录入错误");
                "void"
            }
            5 => {
                let id = &item_ids[rng.next(item_ids.len())];
                let _ = items::restore_item(&mut db, &ctx, id);
                "restore"
            }
            _ => {
                // The talk's date moves: its items' origin date moves with it.
                let (talk, subjects) = &talks_held[rng.next(talks_held.len())];
                let _ = talks::save_talk(&mut db, &ctx, talk_input(TalkKind::Supervision, true, date, subjects, Some(talk.clone())));
                "move talk"
            }
        };
        assert_eq!(tally(&db), items_by_day(&db), "tally after step {step} ({what})");
        for today in ["2025-06-30", "2026-12-31"] {
            let f = worklist::year_figures(&db, &at(today)).expect("figures");
            let from = format!("{}-01-01", &today[..4]);
            let (total, closed): (i64, i64) = db
                .conn()
                .query_row(
                    "SELECT count(*), coalesce(sum(status = '已销号'), 0) FROM rectification_item WHERE voided_at IS NULL AND origin_date >= ?1 AND origin_date <= ?2",
                    [&from, &today.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .expect("scan");
            assert_eq!((f.items_total, f.items_closed), (total, closed), "year figures on {today} after step {step} ({what})");
        }
    }
    assert!(tally(&db).iter().any(|(_, _, closed)| *closed > 0), "the sequence must close some items");
}
