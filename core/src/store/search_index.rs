//! People search as the clerk types (issue 13): an in-memory copy of each person's search keys
//! (name, full pinyin and initials readings, 身份证号, phone, voided or not) and of who is a
//! current 一把手 today, so that a keystroke filters 50,000 people in memory instead of running
//! `instr` over every row twice in SQL. Infix matches ("zs" inside "|lzs|", "丽华" inside a name,
//! digits inside a phone) cannot be served by an SQLite index; an FTS5 trigram index cannot match
//! the one- and two-letter queries a clerk types first. The keys are small (≈ 100 bytes a person),
//! so memory is the simplest structure that answers every shape.
//!
//! Kept in step with writes by invalidation: an SQLite update hook on this connection marks the
//! index stale on any row change in `person`, `position` or `unit` (services, imports, raw SQL,
//! rolled-back transactions alike), and `PRAGMA data_version` catches commits of other connections
//! (the `jiandu` command line). The next search rebuilds it. The matching and the ranking are
//! those of `store::org::person_search` (the SQL scan, kept as the definition and for the export);
//! a test compares the two after writes.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rusqlite::hooks::Action;
use rusqlite::Connection;

use crate::error::Result;

/// One person's search keys.
struct Entry {
    id: String,
    name: String,
    pinyin: String,
    initials: String,
    id_number: Option<String>,
    phone: String,
    voided: bool,
}

struct Index {
    entries: Vec<Entry>,
    /// The connection's `data_version` when built: another connection's commit changes it.
    data_version: i64,
    /// The day `head` was computed for, and per entry whether the person is a current 一把手 then.
    heads_on: String,
    head: Vec<bool>,
}

/// The cache a `Db` holds: the index (built on first use) and the flag its update hook sets.
pub struct SearchCache {
    stale: Arc<AtomicBool>,
    index: RefCell<Option<Index>>,
}

impl SearchCache {
    /// Installs the update hook on `conn` and returns an empty cache.
    pub(crate) fn install(conn: &mut Connection) -> Result<SearchCache> {
        let stale = Arc::new(AtomicBool::new(true));
        let flag = Arc::clone(&stale);
        conn.update_hook(Some(move |_: Action, _db: &str, table: &str, _row: i64| {
            if matches!(table, "person" | "position" | "unit") {
                flag.store(true, Ordering::Relaxed);
            }
        }))?;
        Ok(SearchCache { stale, index: RefCell::new(None) })
    }

    /// Ids of the people matching `q` (already normalised by `org::normalise_query`), voided ones
    /// or live ones, in the search's order, at most `limit`; and how many matched. `heads` gives
    /// the ids of the current 一把手 on `today` (asked only when the index has none for that day).
    pub(crate) fn search(
        &self,
        conn: &Connection,
        q: &str,
        latin: bool,
        voided: bool,
        today: &str,
        limit: usize,
        heads: impl FnOnce() -> Result<HashSet<String>>,
    ) -> Result<(Vec<String>, i64)> {
        self.refresh(conn, today, heads)?;
        let index = self.index.borrow();
        let Some(index) = index.as_ref() else { return Ok((Vec::new(), 0)) };
        let id_prefix = q.to_ascii_uppercase();
        let long = q.chars().count() >= 4;
        let (exact, start) = (format!("|{q}|"), format!("|{q}"));
        // (rank, not head, entry) of every match.
        let mut hits: Vec<(u8, bool, u32)> = Vec::new();
        for (i, e) in index.entries.iter().enumerate() {
            if e.voided != voided {
                continue;
            }
            let rank = if q.is_empty() {
                // Every row matches; the SQL's rank of an empty query is the text rule's.
                if e.name.is_empty() { 0 } else { 1 }
            } else if latin {
                if !(e.initials.contains(q) || e.pinyin.contains(q)) {
                    continue;
                }
                if e.initials.contains(&exact) || e.pinyin.contains(&exact) {
                    0
                } else if e.initials.contains(&start) || e.pinyin.contains(&start) {
                    1
                } else {
                    2
                }
            } else {
                let matched = e.name.contains(q)
                    || (long && (e.id_number.as_deref().is_some_and(|n| n.starts_with(&id_prefix)) || e.phone.contains(q)));
                if !matched {
                    continue;
                }
                if e.name == q {
                    0
                } else if e.name.starts_with(q) {
                    1
                } else {
                    2
                }
            };
            hits.push((rank, !index.head[i], i as u32));
        }
        let total = hits.len() as i64;
        let entries = &index.entries;
        let order = |a: &(u8, bool, u32), b: &(u8, bool, u32)| {
            let (x, y) = (&entries[a.2 as usize], &entries[b.2 as usize]);
            (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| x.pinyin.cmp(&y.pinyin)).then_with(|| x.id.cmp(&y.id))
        };
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by(limit - 1, order);
        }
        hits.truncate(limit);
        hits.sort_unstable_by(order);
        Ok((hits.into_iter().map(|h| entries[h.2 as usize].id.clone()).collect(), total))
    }

    /// Rebuilds what is stale: everything after a write or another connection's commit, the
    /// 一把手 flags when the day changed.
    fn refresh(&self, conn: &Connection, today: &str, heads: impl FnOnce() -> Result<HashSet<String>>) -> Result<()> {
        let version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        let mut slot = self.index.borrow_mut();
        let stale = self.stale.swap(false, Ordering::Relaxed) || slot.as_ref().is_none_or(|i| i.data_version != version);
        if stale {
            let mut stmt = conn.prepare_cached("SELECT id, name, name_pinyin, name_initials, id_number, phone, voided_at IS NOT NULL FROM person")?;
            let entries = stmt
                .query_map([], |r| {
                    Ok(Entry {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        pinyin: r.get(2)?,
                        initials: r.get(3)?,
                        id_number: r.get(4)?,
                        phone: r.get(5)?,
                        voided: r.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            *slot = Some(Index { entries, data_version: version, heads_on: String::new(), head: Vec::new() });
        }
        let Some(index) = slot.as_mut() else { return Ok(()) };
        if index.heads_on != today || index.head.len() != index.entries.len() {
            let heads = heads()?;
            index.head = index.entries.iter().map(|e| heads.contains(&e.id)).collect();
            index.heads_on = today.to_string();
        }
        Ok(())
    }
}
