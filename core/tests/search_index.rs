//! People search answers from an in-memory index (issue 13). After every kind of write — people
//! saved, renamed, voided and restored, posts added, ended, voided, a unit voided, the demo county
//! loaded, another connection writing to the file, a transaction rolled back, the day moving on —
//! `org::search_people` must return exactly what the SQL scan (`store::org::person_search`, the
//! definition) returns: the same rows in the same order, the same total.

mod support;

use jiandu_core::service::common::in_tx;
use jiandu_core::service::org;
use jiandu_core::store::org::person_search;
use jiandu_core::{demo, Db};
use support::{at, person_input, position_input, unit_input};

const QUERIES: &[&str] = &[
    "", "z", "zs", "zh", "zhang", "zhangsan", "l", "lsi", "w", "wu", "张", "张三", "三", "李", "王五", "4401", "1234", "x", "X", "Zs ", "13800", "欧阳",
    // 身份证号: its first or last digits find the person (the check digit X in either case), digits
    // inside it do not.
    "126x", "0101126X", "1980", "水利",
];

fn same(db: &Db, day: &str, step: &str) {
    let ctx = at(day);
    for voided in [false, true] {
        for q in QUERIES {
            let fast = org::search_people(db, &ctx, q, voided).expect("indexed search");
            let scan = person_search(db.conn(), q, voided, day, org::SEARCH_LIMIT).expect("scan");
            assert_eq!(fast, scan, "search {q:?} (voided {voided}) on {day} after {step}");
        }
    }
}

#[test]
fn the_index_answers_as_the_scan_after_every_write() {
    let ctx = at("2026-06-15");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("jiandu.db");
    let mut db = Db::open(&path).expect("db");
    same(&db, "2026-06-15", "nothing");
    let u = org::save_unit(&mut db, &ctx, unit_input("县水利局")).expect("unit").id;
    let v = org::save_unit(&mut db, &ctx, unit_input("县财政局")).expect("unit").id;
    let mut zs = person_input("张三");
    zs.id_number = Some("44010219800101126X".into());
    zs.birth_date = Some("1980-01-01".into());
    zs.phone = "13800001234".into();
    let zs = org::save_person(&mut db, &ctx, zs).expect("person");
    same(&db, "2026-06-15", "a person");
    let ls = org::save_person(&mut db, &ctx, person_input("李四")).expect("person").id;
    let zs2 = org::save_person(&mut db, &ctx, person_input("张三丰")).expect("person").id;
    let oy = org::save_person(&mut db, &ctx, person_input("欧阳修")).expect("person").id;
    same(&db, "2026-06-15", "people");
    // A post makes 张三丰 一把手: he ranks before the other 张三 matches of the same rank.
    let head = org::save_position(&mut db, &ctx, position_input(&zs2, &u, "局长", true)).expect("head").id;
    let deputy = org::save_position(&mut db, &ctx, position_input(&ls, &v, "副局长", false)).expect("deputy").id;
    same(&db, "2026-06-15", "posts");
    let before = org::search_people(&db, &ctx, "张", false).expect("search");
    assert_eq!(before.rows[0].id, zs2, "the 一把手 comes first among equal matches: {before:?}");
    // A second current post: both titles, in the definition's order.
    org::save_position(&mut db, &ctx, position_input(&ls, &u, "科员", false)).expect("second post");
    same(&db, "2026-06-15", "a second post");
    let li = org::search_people(&db, &ctx, "李四", false).expect("search");
    assert!(li.rows[0].current_titles.contains('；'), "two titles: {li:?}");
    // A unit's short name changes what everyone posted there shows.
    let mut short = unit_input("县水利局");
    short.id = Some(u.clone());
    short.short_name = "水利局".into();
    org::save_unit(&mut db, &ctx, short).expect("short name");
    same(&db, "2026-06-15", "a unit renamed");
    assert!(org::search_people(&db, &ctx, "李四", false).expect("s").rows[0].current_titles.ends_with("；水利局 科员"));
    // A sanction flags the person in search; voided, the flag goes.
    let sanction = jiandu_core::service::sanctions::save_sanction(&mut db, &ctx, jiandu_core::model::sanctions::SanctionInput {
        id: None,
        person_id: zs2.clone(),
        category: jiandu_core::model::sanctions::SanctionCategory::Party,
        kind: "严重警告".into(),
        probation_months: None,
        decision_date: "2026-03-01".into(),
        decision_number: "云纪处〔2026〕3号".into(),
        deciding_body: "中共云溪县纪律检查委员会".into(),
        reason: "违规接受宴请".into(),
        form: None,
    })
    .expect("sanction");
    same(&db, "2026-06-15", "a sanction");
    assert!(org::search_people(&db, &ctx, "张三丰", false).expect("s").rows[0].sanction_flag.is_some());
    jiandu_core::service::sanctions::void_sanction(&mut db, &ctx, &sanction.sanction.id, "录入错误").expect("void sanction");
    same(&db, "2026-06-15", "a sanction voided");
    assert!(org::search_people(&db, &ctx, "张三丰", false).expect("s").rows[0].sanction_flag.is_none());
    // Renamed: the old name no longer matches, the new one does.
    let mut renamed = person_input("王五");
    renamed.id = Some(zs.id.clone());
    renamed.id_number = zs.id_number.clone();
    renamed.birth_date = zs.birth_date.clone();
    org::save_person(&mut db, &ctx, renamed).expect("rename");
    same(&db, "2026-06-15", "a rename");
    assert_eq!(org::search_people(&db, &ctx, "王五", false).expect("s").total, 1);
    // The last digits of a 身份证号 find its holder, as the first ones do; digits inside it do not.
    for (q, n) in [("126x", 1), ("4401021980", 1), ("19800101", 0)] {
        assert_eq!(org::search_people(&db, &ctx, q, false).expect("s").total, n, "{q}");
    }
    org::void_person(&mut db, &ctx, &oy, "重复录入").expect("void");
    same(&db, "2026-06-15", "a person voided");
    org::restore_person(&mut db, &ctx, &oy).expect("restore");
    same(&db, "2026-06-15", "a person restored");
    org::void_position(&mut db, &ctx, &head, "录入错误").expect("void post");
    same(&db, "2026-06-15", "a post voided");
    org::restore_position(&mut db, &ctx, &head).expect("restore post");
    org::void_position(&mut db, &ctx, &deputy, "撤并").expect("void deputy post");
    org::void_unit(&mut db, &ctx, &v, "撤并").expect("void unit");
    same(&db, "2026-06-15", "a unit voided");
    // A failed transaction changes nothing, and the index must not believe otherwise.
    let failed: Result<(), _> = in_tx(&mut db, |tx| {
        org::save_person_in(tx, &ctx, person_input("张临时"))?;
        Err(jiandu_core::Error::Conflict("test rollback".into()))
    });
    assert!(failed.is_err());
    same(&db, "2026-06-15", "a rolled-back transaction");
    // Another connection (the command line) writes to the same file.
    {
        let other = rusqlite::Connection::open(&path).expect("second connection");
        other
            .execute(
                "INSERT INTO person (id, name, name_pinyin, name_initials, created_at, created_by, updated_at, updated_by)
                 VALUES ('p-cli', '张四', '|zhangsi|', '|zs|', 't', 'cli', 't', 'cli')",
                [],
            )
            .expect("insert from another connection");
    }
    same(&db, "2026-06-15", "another connection's write");
    assert!(org::search_people(&db, &ctx, "张四", false).expect("s").rows.iter().any(|r| r.id == "p-cli"));
    // The day moves on past a post's end: the 一把手 ranking follows the day asked about.
    let mut ended = position_input(&ls, &u, "局长", true);
    org::void_position(&mut db, &ctx, &head, "调整").expect("void head");
    ended.end_date = Some("2026-08-31".into());
    org::save_position(&mut db, &ctx, ended).expect("ending head post");
    same(&db, "2026-06-15", "an ending post");
    same(&db, "2026-09-15", "the day after it ended");
    // The demo county through its loader (services in one transaction), after a first search
    // built the index on the empty database.
    let mut fresh = Db::open_in_memory().expect("db");
    same(&fresh, "2026-06-15", "an empty database");
    demo::load(&mut fresh, &ctx).expect("demo");
    same(&fresh, "2026-06-15", "the demo county");
    assert!(org::search_people(&fresh, &ctx, "z", false).expect("s").total > 0, "the demo county has people to find");
}
