//! The audit log's hash chain and its queries (the log page, the chain check).
//!
//! Chain: row `n` stores `prev_hash` (row `n-1`'s `hash`, "" for the first row) and `hash` =
//! hex SHA-256 of the compact JSON array
//! `[id, at, actor, action, entity, entity_id, before, after, prev_hash]` (before/after as the
//! stored JSON text or null). One definition, used by `store::audit` when it writes, by the
//! migration that chained the rows written before (as the SQL function `jiandu_audit_hash`) and by
//! `service::audit::verify`.

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::error::Result;

/// The hash of one row, chained to `prev`.
#[allow(clippy::too_many_arguments)]
pub fn chain_hash(
    id: i64,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<&str>,
    after: Option<&str>,
    prev: &str,
) -> String {
    // A tuple serializes as the JSON array above; serialization cannot fail for these types.
    let canonical = serde_json::to_string(&(id, at, actor, action, entity, entity_id, before, after, prev)).unwrap_or_default();
    let digest = Sha256::digest(canonical.as_bytes());
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

/// Makes `jiandu_audit_hash(id, at, actor, action, entity, entity_id, before, after, prev)`
/// available to SQL on this connection (the migration that chains existing rows calls it).
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function("jiandu_audit_hash", 9, FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC, |c| {
        let text = |i: usize| -> rusqlite::Result<Option<String>> { c.get::<Option<String>>(i) };
        Ok(chain_hash(
            c.get::<i64>(0)?,
            &text(1)?.unwrap_or_default(),
            &text(2)?.unwrap_or_default(),
            &text(3)?.unwrap_or_default(),
            &text(4)?.unwrap_or_default(),
            &text(5)?.unwrap_or_default(),
            text(6)?.as_deref(),
            text(7)?.as_deref(),
            &text(8)?.unwrap_or_default(),
        ))
    })
}

/// The last row's id and hash (0 and "" for an empty log): what the next row chains to.
pub fn head(tx: &Transaction) -> Result<(i64, String)> {
    Ok(tx
        .query_row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, String::new())))
}

/// One stored row, every column.
#[derive(Debug, Clone)]
pub struct StoredRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

const COLUMNS: &str = "id, at, actor, action, entity, entity_id, before, after, prev_hash, hash";

fn stored(r: &rusqlite::Row) -> rusqlite::Result<StoredRow> {
    Ok(StoredRow {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
        prev_hash: r.get(8)?,
        hash: r.get(9)?,
    })
}

/// Calls `f` on every row in id order, stopping when it answers false.
pub fn walk(conn: &Connection, mut f: impl FnMut(StoredRow) -> bool) -> Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if !f(stored(r)?) {
            break;
        }
    }
    Ok(())
}

/// A filter already checked by the service: `to_exclusive` is the day after the last day.
#[derive(Debug, Default)]
pub struct Where {
    pub person_id: Option<String>,
    pub entity: Option<String>,
    /// One record as the (kind, id) pairs it may be: the text as an id under each kind, and the
    /// people and units of that name. Empty: no record filter.
    pub records: Vec<(String, String)>,
    pub actor: Option<String>,
    pub from: Option<String>,
    pub to_exclusive: Option<String>,
}

fn where_clause(w: &Where) -> (String, Vec<Value>) {
    let mut parts: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: &str, args: &mut Vec<Value>| {
        args.push(Value::Text(v.to_string()));
        format!("?{}", args.len())
    };
    if let Some(p) = &w.person_id {
        // The person's own record, or any record whose logged JSON names the person's id (ids
        // are UUIDs: a quoted id found in the JSON is that person, wherever it sits).
        let id = arg(p, &mut args);
        let quoted = arg(&format!("\"{p}\""), &mut args);
        parts.push(format!(
            "((entity = 'person' AND entity_id = {id}) OR instr(coalesce(after, ''), {quoted}) > 0 OR instr(coalesce(before, ''), {quoted}) > 0)"
        ));
    }
    if let Some(e) = &w.entity {
        let e = arg(e, &mut args);
        parts.push(format!("entity = {e}"));
    }
    if !w.records.is_empty() {
        // (kind, id) pairs: the index on (entity, entity_id) finds each directly.
        let pairs = w
            .records
            .iter()
            .map(|(e, id)| {
                let e = arg(e, &mut args);
                let id = arg(id, &mut args);
                format!("({e}, {id})")
            })
            .collect::<Vec<_>>()
            .join(", ");
        parts.push(format!("(entity, entity_id) IN (VALUES {pairs})"));
    }
    if let Some(a) = &w.actor {
        let a = arg(a, &mut args);
        parts.push(format!("actor = {a}"));
    }
    if let Some(f) = &w.from {
        let f = arg(f, &mut args);
        parts.push(format!("at >= {f}"));
    }
    if let Some(t) = &w.to_exclusive {
        let t = arg(t, &mut args);
        parts.push(format!("at < {t}"));
    }
    let clause = if parts.is_empty() { String::new() } else { format!("WHERE {}", parts.join(" AND ")) };
    (clause, args)
}

/// The (kind, id) pairs a record filter stands for: `text` as the id of a record of `kinds`, and
/// the people and units named `text` (when those kinds are among them).
pub fn record_keys(conn: &Connection, kinds: &[&str], text: &str) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = kinds.iter().map(|k| (k.to_string(), text.to_string())).collect();
    for (kind, table) in [("person", "person"), ("unit", "unit")] {
        if kinds.contains(&kind) {
            let mut stmt = conn.prepare(&format!("SELECT id FROM {table} WHERE name = ?1"))?;
            for id in stmt.query_map([text], |r| r.get::<_, String>(0))? {
                out.push((kind.to_string(), id?));
            }
        }
    }
    Ok(out)
}

/// The rows the filter selects, newest first: `limit` of them after skipping `offset`.
pub fn select(conn: &Connection, w: &Where, offset: i64, limit: i64) -> Result<Vec<StoredRow>> {
    let (clause, mut args) = where_clause(w);
    args.push(Value::Integer(limit));
    args.push(Value::Integer(offset));
    let (l, o) = (args.len() - 1, args.len());
    let sql = format!("SELECT {COLUMNS} FROM audit_log {clause} ORDER BY id DESC LIMIT ?{l} OFFSET ?{o}");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), stored)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// How many rows the filter selects.
pub fn count(conn: &Connection, w: &Where) -> Result<i64> {
    let (clause, args) = where_clause(w);
    Ok(conn.query_row(&format!("SELECT count(*) FROM audit_log {clause}"), params_from_iter(args), |r| r.get(0))?)
}

/// The accounts and kinds of record found in the log.
pub fn actors_and_entities(conn: &Connection) -> Result<(Vec<String>, Vec<String>)> {
    let list = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let v = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(v)
    };
    Ok((
        list("SELECT DISTINCT actor FROM audit_log ORDER BY actor")?,
        list("SELECT DISTINCT entity FROM audit_log ORDER BY entity")?,
    ))
}
