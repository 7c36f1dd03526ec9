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

/// One key of every person, end to end in one buffer (each followed by a newline, which no query
/// holds), so a keystroke scans contiguous memory with the standard substring search instead of
/// chasing 50,000 small allocations.
#[derive(Default)]
struct Keys {
    text: String,
    /// Where entry i starts; one more than the entries, the last is the end.
    starts: Vec<usize>,
}

impl Keys {
    fn push(&mut self, key: &str) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.text.push_str(key);
        self.text.push('\n');
        self.starts.push(self.text.len());
    }

    fn get(&self, i: usize) -> &str {
        &self.text[self.starts[i]..self.starts[i + 1] - 1]
    }

    /// Marks every entry whose key contains `q` (or, with `prefix`, starts with it).
    fn mark(&self, q: &str, prefix: bool, hit: &mut [bool]) {
        if q.is_empty() || self.starts.len() < 2 {
            return;
        }
        for (pos, _) in self.text.match_indices(q) {
            let i = self.starts.partition_point(|&s| s <= pos) - 1;
            if !prefix || self.starts[i] == pos {
                hit[i] = true;
            }
        }
    }
}

struct Index {
    ids: Vec<String>,
    voided: Vec<bool>,
    names: Keys,
    pinyin: Keys,
    initials: Keys,
    id_numbers: Keys,
    phones: Keys,
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

    /// Ids of the people matching `q` (normalised by `org::normalise_query`, with its "letters only"), voided ones
    /// or live ones, in the search's order, at most `limit`; and how many matched. `heads` gives
    /// the ids of the current 一把手 on `today` (asked only when the index has none for that day).
    pub(crate) fn search(
        &self,
        conn: &Connection,
        (q, latin): (&str, bool),
        voided: bool,
        today: &str,
        limit: usize,
        heads: impl FnOnce() -> Result<HashSet<String>>,
    ) -> Result<(Vec<String>, i64)> {
        self.refresh(conn, today, heads)?;
        let index = self.index.borrow();
        let Some(index) = index.as_ref() else { return Ok((Vec::new(), 0)) };
        let n = index.ids.len();
        // Which entries match: the SQL's `instr` conditions, over the key buffers.
        let mut hit = vec![q.is_empty(); n];
        if latin {
            index.initials.mark(q, false, &mut hit);
            index.pinyin.mark(q, false, &mut hit);
        } else if !q.is_empty() {
            index.names.mark(q, false, &mut hit);
            if q.chars().count() >= 4 {
                index.id_numbers.mark(&q.to_ascii_uppercase(), true, &mut hit);
                index.phones.mark(q, false, &mut hit);
            }
        }
        let (exact, start) = (format!("|{q}|"), format!("|{q}"));
        // (rank, not head, entry) of every match.
        let mut hits: Vec<(u8, bool, u32)> = Vec::new();
        for i in (0..n).filter(|&i| hit[i] && index.voided[i] == voided) {
            let rank = if latin {
                let (ini, py) = (index.initials.get(i), index.pinyin.get(i));
                if ini.contains(&exact) || py.contains(&exact) {
                    0
                } else if ini.contains(&start) || py.contains(&start) {
                    1
                } else {
                    2
                }
            } else {
                // Also the empty query's rank: every name starts with "".
                let name = index.names.get(i);
                if name == q {
                    0
                } else if name.starts_with(q) {
                    1
                } else {
                    2
                }
            };
            hits.push((rank, !index.head[i], i as u32));
        }
        let total = hits.len() as i64;
        let order = |a: &(u8, bool, u32), b: &(u8, bool, u32)| {
            let (x, y) = (a.2 as usize, b.2 as usize);
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| index.pinyin.get(x).cmp(index.pinyin.get(y)))
                .then_with(|| index.ids[x].cmp(&index.ids[y]))
        };
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by(limit - 1, order);
        }
        hits.truncate(limit);
        hits.sort_unstable_by(order);
        Ok((hits.into_iter().map(|h| index.ids[h.2 as usize].clone()).collect(), total))
    }

    /// Rebuilds what is stale: everything after a write or another connection's commit, the
    /// 一把手 flags when the day changed.
    fn refresh(&self, conn: &Connection, today: &str, heads: impl FnOnce() -> Result<HashSet<String>>) -> Result<()> {
        let version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        let mut slot = self.index.borrow_mut();
        let stale = self.stale.swap(false, Ordering::Relaxed) || slot.as_ref().is_none_or(|i| i.data_version != version);
        if stale {
            let mut stmt = conn.prepare_cached("SELECT id, name, name_pinyin, name_initials, id_number, phone, voided_at IS NOT NULL FROM person")?;
            let mut index = Index {
                ids: Vec::new(),
                voided: Vec::new(),
                names: Keys::default(),
                pinyin: Keys::default(),
                initials: Keys::default(),
                id_numbers: Keys::default(),
                phones: Keys::default(),
                data_version: version,
                heads_on: String::new(),
                head: Vec::new(),
            };
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                index.ids.push(r.get(0)?);
                index.names.push(&r.get::<_, String>(1)?);
                index.pinyin.push(&r.get::<_, String>(2)?);
                index.initials.push(&r.get::<_, String>(3)?);
                index.id_numbers.push(r.get::<_, Option<String>>(4)?.as_deref().unwrap_or(""));
                index.phones.push(&r.get::<_, String>(5)?);
                index.voided.push(r.get(6)?);
            }
            *slot = Some(index);
        }
        let Some(index) = slot.as_mut() else { return Ok(()) };
        if index.heads_on != today || index.head.len() != index.ids.len() {
            let heads = heads()?;
            index.head = index.ids.iter().map(|id| heads.contains(id)).collect();
            index.heads_on = today.to_string();
        }
        Ok(())
    }
}
