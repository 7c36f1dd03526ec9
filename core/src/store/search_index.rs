//! People search as the clerk types (issue 13): an in-memory copy of each person's search keys
//! (name, full pinyin and initials readings, 身份证号, phone) and of the row a hit shows (current
//! titles, 一把手, voided, the sanction flag — all as of one day), so that a keystroke filters
//! 50,000 people in memory and reads nothing from SQL. Infix matches ("zs" inside "|lzs|", "丽华"
//! inside a name, digits inside a phone) cannot be served by an SQLite index; an FTS5 trigram index
//! cannot match the one- and two-letter queries a clerk types first. The keys are small (≈ 100 bytes
//! a person), so memory is the simplest structure that answers every shape.
//!
//! A keystroke: one substring scan over each key buffer (the readings' scan also tells, from the
//! `|` around a match, whether it is an exact reading or a reading's start: the SQL's rank), then one
//! walk over the live entries in (pinyin, id) order kept sorted on write, dropping each hit into one
//! of six (rank, 一把手) buckets that fill up to the limit: no sort, no string comparison.
//!
//! Kept in step with writes per person: TEMP triggers on this connection (created with the index;
//! they change nothing in the file) write the ids of the people a change touches — a person row,
//! a post's or a sanction's person before and after, everyone posted to a changed unit — into
//! `temp.search_dirty`, inside the writing transaction, so a rolled-back write leaves nothing
//! behind. The next search re-reads those people's rows with the definition's own SQL (rank-free
//! part of `store::org::person_search`). A new day re-reads the people whose posts or sanctions
//! begin or end between the two days (titles, 一把手 and the sanction flag are all that depend on
//! the day). `PRAGMA data_version` catches commits of other connections (the `jiandu` command
//! line): those rebuild everything. The matching and the ranking are those of
//! `store::org::person_search` (the SQL scan, kept as the definition and for the export);
//! `core/tests/search_index.rs` compares the two after every kind of write and day.

use std::cell::RefCell;
use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::model::PersonRow;

/// One key of every entry, end to end in one buffer (each followed by a newline, which no query
/// holds), so a keystroke scans contiguous memory with the standard substring search instead of
/// chasing 50,000 small allocations. Entries are only appended; a replaced one stays as dead text
/// until the index is compacted.
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

    /// Calls `f(entry, byte offset in the entry's key)` for every (non-overlapping, leftmost)
    /// occurrence of `q`. Offsets only grow, so the entry is found by walking, not searching.
    fn each_match(&self, q: &str, mut f: impl FnMut(usize, usize)) {
        if q.is_empty() || self.starts.len() < 2 {
            return;
        }
        let mut entry = 0;
        for (pos, _) in self.text.match_indices(q) {
            while self.starts[entry + 1] <= pos {
                entry += 1;
            }
            f(entry, pos - self.starts[entry]);
        }
    }
}

/// No match (the rank buckets are 0–2).
const MISS: u8 = u8::MAX;

/// `Index::flags` bits: what the walk over the entries needs, one byte an entry, so that walking
/// 50,000 of them reads 50 KB instead of 50,000 scattered rows.
const LIVE: u8 = 1;
const VOIDED: u8 = 2;
const HEAD: u8 = 4;

struct Index {
    /// The row a hit shows, per entry; `None` for a replaced entry.
    rows: Vec<Option<PersonRow>>,
    /// LIVE | VOIDED | HEAD per entry.
    flags: Vec<u8>,
    names: Keys,
    pinyin: Keys,
    initials: Keys,
    id_numbers: Keys,
    phones: Keys,
    /// Live entries by person id.
    by_id: HashMap<String, u32>,
    /// Live entries in the search's last order: pinyin, then id (SQLite's BINARY = byte order).
    order: Vec<u32>,
    /// The connection's `data_version` when built: another connection's commit changes it.
    data_version: i64,
    /// The day titles, 一把手 and sanction flags are for.
    day: String,
}

impl Index {
    fn new(data_version: i64, day: &str) -> Index {
        Index {
            rows: Vec::new(),
            flags: Vec::new(),
            names: Keys::default(),
            pinyin: Keys::default(),
            initials: Keys::default(),
            id_numbers: Keys::default(),
            phones: Keys::default(),
            by_id: HashMap::new(),
            order: Vec::new(),
            data_version,
            day: day.to_string(),
        }
    }

    fn sort_key(&self, e: u32) -> (&str, &str) {
        let row = self.rows[e as usize].as_ref().map(|r| r.id.as_str()).unwrap_or("");
        (self.pinyin.get(e as usize), row)
    }

    /// Appends an entry (not yet in `order` or `by_id`).
    fn push(&mut self, e: Entry) -> u32 {
        let slot = self.rows.len() as u32;
        self.names.push(&e.row.name);
        self.pinyin.push(&e.pinyin);
        self.initials.push(&e.initials);
        self.id_numbers.push(&e.id_number);
        self.phones.push(&e.phone);
        self.flags.push(LIVE | if e.row.voided_at.is_some() { VOIDED } else { 0 } | if e.row.is_head { HEAD } else { 0 });
        self.rows.push(Some(e.row));
        slot
    }

    /// Takes a person out (if present).
    fn remove(&mut self, id: &str) {
        if let Some(slot) = self.by_id.remove(id) {
            let key = self.sort_key(slot);
            if let Ok(at) = self.order.binary_search_by(|&e| self.sort_key(e).cmp(&key)) {
                self.order.remove(at);
            }
            self.rows[slot as usize] = None;
            self.flags[slot as usize] = 0;
        }
    }

    /// Puts a person in (replacing what was there), keeping `order` sorted.
    fn upsert(&mut self, e: Entry) {
        self.remove(&e.row.id);
        let id = e.row.id.clone();
        let slot = self.push(e);
        let key = self.sort_key(slot);
        let at = self.order.binary_search_by(|&x| self.sort_key(x).cmp(&key)).unwrap_or_else(|at| at);
        self.order.insert(at, slot);
        self.by_id.insert(id, slot);
    }

    /// Rewrites the buffers without the replaced entries once they are as many as the live ones.
    fn compact_if_needed(&mut self) {
        let dead = self.rows.len() - self.by_id.len();
        if dead < 1_000 || dead < self.by_id.len() {
            return;
        }
        let mut fresh = Index::new(self.data_version, &self.day);
        for &slot in &self.order {
            let s = slot as usize;
            let Some(row) = self.rows[s].take() else { continue };
            let e = Entry {
                row,
                pinyin: self.pinyin.get(s).to_string(),
                initials: self.initials.get(s).to_string(),
                id_number: self.id_numbers.get(s).to_string(),
                phone: self.phones.get(s).to_string(),
            };
            let id = e.row.id.clone();
            let new = fresh.push(e);
            fresh.order.push(new);
            fresh.by_id.insert(id, new);
        }
        *self = fresh;
    }
}

/// One person as read from SQL: the row a hit shows and the keys it is found by.
pub(crate) struct Entry {
    pub row: PersonRow,
    pub pinyin: String,
    pub initials: String,
    pub id_number: String,
    pub phone: String,
}

/// Reads entries from SQL: `(people, day)` with `people` = `None` for everyone, else those ids.
pub(crate) type ReadEntries<'a> = dyn Fn(Option<&[String]>, &str) -> Result<Vec<Entry>> + 'a;

/// Above this many people touched since the last search, one full rebuild is cheaper.
const REBUILD_ABOVE: usize = 2_000;

/// The changes of this connection that touch a search row, as the ids of the people concerned.
/// TEMP objects live in the connection's own temp schema, never in the file.
const TRIGGERS: &str = "
CREATE TEMP TABLE IF NOT EXISTS search_dirty(person_id TEXT);
CREATE TEMP TRIGGER IF NOT EXISTS search_person_ins AFTER INSERT ON main.person BEGIN INSERT INTO search_dirty VALUES (new.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_person_upd AFTER UPDATE ON main.person BEGIN INSERT INTO search_dirty VALUES (old.id), (new.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_person_del AFTER DELETE ON main.person BEGIN INSERT INTO search_dirty VALUES (old.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_position_ins AFTER INSERT ON main.position BEGIN INSERT INTO search_dirty VALUES (new.person_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_position_upd AFTER UPDATE ON main.position BEGIN INSERT INTO search_dirty VALUES (old.person_id), (new.person_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_position_del AFTER DELETE ON main.position BEGIN INSERT INTO search_dirty VALUES (old.person_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_sanction_ins AFTER INSERT ON main.sanction BEGIN INSERT INTO search_dirty VALUES (new.person_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_sanction_upd AFTER UPDATE ON main.sanction BEGIN INSERT INTO search_dirty VALUES (old.person_id), (new.person_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_sanction_del AFTER DELETE ON main.sanction BEGIN INSERT INTO search_dirty VALUES (old.person_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_unit_ins AFTER INSERT ON main.unit BEGIN
  INSERT INTO search_dirty SELECT person_id FROM main.position WHERE unit_id = new.id; END;
CREATE TEMP TRIGGER IF NOT EXISTS search_unit_upd AFTER UPDATE ON main.unit BEGIN
  INSERT INTO search_dirty SELECT person_id FROM main.position WHERE unit_id IN (old.id, new.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_unit_del AFTER DELETE ON main.unit BEGIN
  INSERT INTO search_dirty SELECT person_id FROM main.position WHERE unit_id = old.id; END;
";

/// The people whose rows can differ between two days `?1` ≤ `?2`: a post starting or ending, a
/// sanction decided or ending, between them (both ends included: more than needed, never less —
/// `current_position` and `sanction_in_effect` compare exactly these dates with the day).
const DAY_CHANGES: &str = "
SELECT person_id FROM main.position WHERE start_date BETWEEN ?1 AND ?2 OR end_date BETWEEN ?1 AND ?2
UNION SELECT person_id FROM main.sanction WHERE decision_date BETWEEN ?1 AND ?2 OR effect_end BETWEEN ?1 AND ?2";

/// The cache a `Db` holds: the index, built on first use.
pub struct SearchCache {
    index: RefCell<Option<Index>>,
}

impl SearchCache {
    /// An empty cache for `conn`; the triggers that keep it in step are created with the index
    /// (the first search), when the schema is there.
    pub(crate) fn install(_conn: &mut Connection) -> Result<SearchCache> {
        Ok(SearchCache { index: RefCell::new(None) })
    }

    /// The people matching `q` (normalised by `org::normalise_query`, with its "letters only"),
    /// voided ones or live ones, in the search's order, at most `limit`; and how many matched.
    /// `read` reads people's rows as of `today` from SQL (only what changed since the last search).
    pub(crate) fn search(
        &self,
        conn: &Connection,
        (q, latin): (&str, bool),
        voided: bool,
        today: &str,
        limit: usize,
        read: &ReadEntries,
    ) -> Result<(Vec<PersonRow>, i64)> {
        self.refresh(conn, today, read)?;
        let index = self.index.borrow();
        let Some(index) = index.as_ref() else { return Ok((Vec::new(), 0)) };
        let n = index.rows.len();
        // The SQL's `instr` conditions over the key buffers; for readings, the rank from the
        // characters around the match (an earlier match never overlaps a `|`, so the leftmost
        // scan sees every reading start).
        let mut rank = vec![MISS; n];
        if latin {
            let len = q.len();
            for keys in [&index.initials, &index.pinyin] {
                let text = keys.text.as_bytes();
                keys.each_match(q, |e, off| {
                    let at = keys.starts[e] + off;
                    let starts = off > 0 && text[at - 1] == b'|';
                    let r = if starts && text.get(at + len) == Some(&b'|') {
                        0
                    } else if starts {
                        1
                    } else {
                        2
                    };
                    rank[e] = rank[e].min(r);
                });
            }
        } else if q.is_empty() {
            // Every name starts with "" (and is not "", which the form refuses; an empty one is exact).
            for (e, r) in rank.iter_mut().enumerate() {
                *r = if index.names.get(e).is_empty() { 0 } else { 1 };
            }
        } else {
            // A name equal to the query, starting with it, or holding it (the leftmost match is
            // at 0 when the name starts with it).
            index.names.each_match(q, |e, off| {
                let r = if off > 0 {
                    2
                } else if index.names.get(e).len() == q.len() {
                    0
                } else {
                    1
                };
                rank[e] = rank[e].min(r);
            });
            if q.chars().count() >= 4 {
                let upper = q.to_ascii_uppercase();
                for (e, r) in rank.iter_mut().enumerate() {
                    let id = index.id_numbers.get(e);
                    if id.starts_with(&upper) || id.ends_with(&upper) {
                        *r = (*r).min(2);
                    }
                }
                index.phones.each_match(q, |e, _| rank[e] = rank[e].min(2));
            }
        }
        // One walk in (pinyin, id) order: (rank, 一把手 first) buckets, each needing at most
        // `limit` entries since the walk already gives each bucket its order.
        let mut buckets: [Vec<u32>; 6] = Default::default();
        let mut total = 0i64;
        let want = LIVE | if voided { VOIDED } else { 0 };
        for &e in &index.order {
            let r = rank[e as usize];
            let f = index.flags[e as usize];
            if r == MISS || f & (LIVE | VOIDED) != want {
                continue;
            }
            total += 1;
            let b = &mut buckets[usize::from(r) * 2 + usize::from(f & HEAD == 0)];
            if b.len() < limit {
                b.push(e);
            }
        }
        let rows = buckets.iter().flatten().take(limit).filter_map(|&e| index.rows[e as usize].clone()).collect();
        Ok((rows, total))
    }

    /// Brings the index up to `today` and the database: everything after another connection's
    /// commit or on a new day, else the people this connection's writes touched.
    fn refresh(&self, conn: &Connection, today: &str, read: &ReadEntries) -> Result<()> {
        let version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        let mut slot = self.index.borrow_mut();
        let whole = slot.as_ref().is_none_or(|i| i.data_version != version);
        if !whole {
            let mut stmt = conn.prepare_cached("SELECT DISTINCT person_id FROM temp.search_dirty WHERE person_id IS NOT NULL")?;
            let mut touched: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            // A new day: also the people whose posts or sanctions begin or end between the two
            // days (the only day-dependent parts of a row), not everyone.
            let day = slot.as_ref().map(|i| i.day.clone()).unwrap_or_default();
            if day != today {
                let (from, to) = if day.as_str() < today { (day.as_str(), today) } else { (today, day.as_str()) };
                let mut stmt = conn.prepare_cached(DAY_CHANGES)?;
                let moved: Vec<String> = stmt.query_map([from, to], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                touched.extend(moved);
                touched.sort_unstable();
                touched.dedup();
            }
            if touched.is_empty() {
                return Ok(());
            }
            if touched.len() <= REBUILD_ABOVE {
                let Some(index) = slot.as_mut() else { return Ok(()) };
                let fresh = read(Some(&touched), today)?;
                for id in &touched {
                    index.remove(id);
                }
                for e in fresh {
                    index.upsert(e);
                }
                index.compact_if_needed();
                index.day = today.to_string();
                conn.prepare_cached("DELETE FROM temp.search_dirty")?.execute([])?;
                return Ok(());
            }
        }
        conn.execute_batch(TRIGGERS)?;
        conn.prepare_cached("DELETE FROM temp.search_dirty")?.execute([])?;
        let entries = read(None, today)?;
        let mut index = Index::new(version, today);
        index.by_id.reserve(entries.len());
        for e in entries {
            let id = e.row.id.clone();
            let s = index.push(e);
            index.by_id.insert(id, s);
        }
        // The order sorted as slots (4 bytes each), not as the entries themselves.
        let mut order: Vec<u32> = (0..index.rows.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| index.sort_key(a).cmp(&index.sort_key(b)));
        index.order = order;
        *slot = Some(index);
        Ok(())
    }
}
