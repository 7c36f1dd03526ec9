//! The audit log page (操作日志) and the check of its hash chain: `verify` is the one definition
//! of "the log is intact", used by `jiandu check` and by the page.

use chrono::Duration;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::audit::{
    label_of, AuditChoice, AuditFilter, AuditOptions, AuditPage, AuditRow, BrokenLink, ChainStatus, FieldChange, ACTION_LABELS,
    ENTITY_LABELS, FIELD_LABELS,
};
use crate::model::validate as v;
use crate::store::audit_log::{self, StoredRow, Where};
use crate::store::Db;

/// Rows per page at most.
pub const MAX_PAGE_SIZE: i64 = 200;

/// Walks the whole chain in id order and names the first row where it does not hold: a row whose
/// content no longer matches its hash (edited outside the app), a row whose link to the one before
/// is wrong (a row before it deleted, or edited and re-hashed), or a row without a hash.
/// Removing the newest rows leaves a shorter chain that still holds: that is the limit of a chain
/// without a key kept elsewhere.
pub fn verify(conn: &Connection) -> Result<ChainStatus> {
    let mut rows = 0i64;
    let mut broken: Option<BrokenLink> = None;
    let mut last: Option<(i64, String)> = None;
    audit_log::walk(conn, |r| {
        rows += 1;
        let (last_id, expected_prev) = last.clone().unwrap_or((0, String::new()));
        let recomputed = audit_log::chain_hash(
            r.id,
            &r.at,
            &r.actor,
            &r.action,
            &r.entity,
            &r.entity_id,
            r.before.as_deref(),
            r.after.as_deref(),
            &r.prev_hash,
        );
        let what = if r.hash.is_empty() {
            Some("没有校验值：这一条不是本程序写入的".to_string())
        } else if r.prev_hash != expected_prev {
            Some(if r.id != last_id + 1 {
                if r.id - 1 == last_id + 1 {
                    format!("前面第 {} 条记录缺失（被删除）", last_id + 1)
                } else {
                    format!("前面第 {}–{} 条记录缺失（被删除）", last_id + 1, r.id - 1)
                }
            } else {
                "与上一条的链接对不上：上一条被改动或删除后重写".to_string()
            })
        } else if recomputed != r.hash {
            Some("内容与写入时的校验值不符：这一条在程序之外被改动".to_string())
        } else {
            None
        };
        if let Some(what) = what {
            broken = Some(BrokenLink { id: r.id, at: r.at.clone(), what });
            return false;
        }
        last = Some((r.id, r.hash));
        true
    })?;
    Ok(ChainStatus { rows, broken })
}

/// The chain status in one line, as `jiandu check` prints it.
pub fn describe(status: &ChainStatus) -> String {
    match &status.broken {
        None => format!("操作日志校验：通过（{} 条，哈希链完整）", status.rows),
        Some(b) => format!("操作日志校验：未通过。第一处断开在第 {} 条（{}）：{}", b.id, b.at, b.what),
    }
}

/// The audit log page is the administrators' (issue 12): who looked at whose file is itself a secret.
const PAGE: &str = "操作日志";

pub fn chain_status(db: &Db) -> Result<ChainStatus> {
    db.require_admin(PAGE)?;
    verify(db.conn())
}

/// Checks the filter and turns it into the store's: dates are real dates, the range is not
/// reversed, texts are single lines.
fn checked(conn: &Connection, f: &AuditFilter) -> Result<Where> {
    let text = |field: &str, label: &str, s: &Option<String>| -> Result<Option<String>> {
        match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => {
                v::line(field, label, s)?;
                Ok(Some(s.to_string()))
            }
        }
    };
    let from = v::date("from", "开始日期", &f.from)?;
    let to = v::date("to", "结束日期", &f.to)?;
    if let (Some(a), Some(b)) = (from, to) {
        if b < a {
            return Err(Error::invalid("to", format!("结束日期 {b} 早于开始日期 {a}，请改正日期范围")));
        }
    }
    let entity = text("entity", "记录类型", &f.entity)?;
    let records = match text("record", "记录", &f.record)? {
        None => Vec::new(),
        Some(r) => {
            let kinds: Vec<&str> = match entity.as_deref() {
                Some(e) => vec![e],
                None => ENTITY_LABELS.iter().map(|(k, _)| *k).collect(),
            };
            audit_log::record_keys(conn, &kinds, &r)?
        }
    };
    Ok(Where {
        person_id: text("person_id", "人员", &f.person_id)?,
        entity,
        records,
        actor: text("actor", "操作人", &f.actor)?,
        from: from.map(|d| d.format("%Y-%m-%d").to_string()),
        to_exclusive: to.map(|d| (d + Duration::days(1)).format("%Y-%m-%d").to_string()),
    })
}

/// One page (0-based) of the filtered log, newest first.
pub fn page(db: &Db, filter: &AuditFilter, page: i64, page_size: i64) -> Result<AuditPage> {
    db.require_admin(PAGE)?;
    let w = checked(db.conn(), filter)?;
    if page < 0 {
        return Err(Error::invalid("page", "页码不能为负数"));
    }
    if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
        return Err(Error::invalid("page_size", format!("每页条数应在 1 到 {MAX_PAGE_SIZE} 之间")));
    }
    let total = audit_log::count(db.conn(), &w)?;
    let mut rows: Vec<AuditRow> = audit_log::select(db.conn(), &w, page.saturating_mul(page_size), page_size)?.into_iter().map(view).collect();
    name_people_and_units(db.conn(), &mut rows)?;
    Ok(AuditPage { rows, total, page, page_size })
}

/// Every row the filter selects, newest first (the export).
pub fn all_rows(db: &Db, filter: &AuditFilter) -> Result<Vec<AuditRow>> {
    db.require_admin(PAGE)?;
    let w = checked(db.conn(), filter)?;
    let mut rows: Vec<AuditRow> = audit_log::select(db.conn(), &w, 0, i64::MAX)?.into_iter().map(view).collect();
    name_people_and_units(db.conn(), &mut rows)?;
    Ok(rows)
}

/// What the filters offer.
pub fn options(db: &Db) -> Result<AuditOptions> {
    db.require_admin(PAGE)?;
    let (actors, entities) = audit_log::actors_and_entities(db.conn())?;
    Ok(AuditOptions {
        actors,
        entities: entities.into_iter().map(|e| AuditChoice { label: label_of(ENTITY_LABELS, &e), value: e }).collect(),
    })
}

fn view(r: StoredRow) -> AuditRow {
    let before = r.before.as_deref().map(parse);
    let after = r.after.as_deref().map(parse);
    let record_name = after.as_ref().or(before.as_ref()).and_then(name_in);
    AuditRow {
        id: r.id,
        action_label: label_of(ACTION_LABELS, &r.action),
        entity_label: label_of(ENTITY_LABELS, &r.entity),
        at: r.at,
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entity_id: r.entity_id,
        record_name,
        changes: diff(before.as_ref(), after.as_ref()),
    }
}

/// A clerk reads names, not ids: a change to a field that points at a person or a unit (人员,
/// 单位, 责任人, 上级单位 …) shows that record's name, and a row about a person, unit or account
/// that has no name in its JSON (a void, a restore, a sign-in) is named from the register. An id that names no
/// record (a row written by hand) stays as it is.
fn name_people_and_units(conn: &Connection, rows: &mut [AuditRow]) -> Result<()> {
    let mut names: std::collections::HashMap<String, Option<String>> = std::collections::HashMap::new();
    let mut person = conn.prepare_cached("SELECT name FROM person WHERE id = ?1")?;
    let mut unit = conn.prepare_cached("SELECT name FROM unit WHERE id = ?1")?;
    // An account reads as its name and login, e.g. 张三（zhangsan）.
    let mut account = conn.prepare_cached("SELECT display_name || '（' || login || '）' FROM account WHERE id = ?1")?;
    let mut lookup = |table: &str, id: &str| -> Result<Option<String>> {
        let key = format!("{table}:{id}");
        if let Some(n) = names.get(&key) {
            return Ok(n.clone());
        }
        let stmt = match table {
            "person" => &mut person,
            "account" => &mut account,
            _ => &mut unit,
        };
        let n = stmt.query_row([id], |r| r.get::<_, String>(0)).optional()?;
        names.insert(key, n.clone());
        Ok(n)
    };
    for row in rows.iter_mut() {
        if row.record_name.is_none() && matches!(row.entity.as_str(), "person" | "unit" | "account") {
            row.record_name = lookup(&row.entity, &row.entity_id)?;
        }
        for c in row.changes.iter_mut() {
            let last = c.field.rsplit('.').next().unwrap_or(&c.field);
            let table = if last.ends_with("person_id") {
                "person"
            } else if last.ends_with("unit_id") || last == "parent_id" {
                "unit"
            } else {
                continue;
            };
            for side in [&mut c.before, &mut c.after] {
                if !side.is_empty() {
                    if let Some(n) = lookup(table, side)? {
                        *side = n;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Stored JSON, or the text itself when it is not JSON (a row written by hand).
fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.to_string()))
}

fn name_in(v: &Value) -> Option<String> {
    let o = v.as_object()?;
    let direct = ["name", "title"].iter().find_map(|k| o.get(*k).and_then(Value::as_str).map(str::to_string));
    // A talk is logged with its subjects beside it: {"talk": {...}, "subjects": [...]}.
    direct.or_else(|| o.values().find_map(|inner| inner.as_object().and(name_in(inner))))
}

/// Bookkeeping that every write changes: not news on the page.
fn is_noise(key: &str) -> bool {
    let last = key.rsplit('.').next().unwrap_or(key);
    key == "id" || key.ends_with(".id") || matches!(last, "created_at" | "created_by" | "updated_at" | "updated_by")
}

/// Objects flattened to dotted keys; arrays and scalars are leaves.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(o) => {
            for (k, inner) in o {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, inner, out);
            }
        }
        other => out.push((prefix.to_string(), other.clone())),
    }
}

fn shown(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "是" } else { "否" }.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(a)) if a.iter().all(|x| !x.is_object() && !x.is_array()) => {
            a.iter().map(|x| shown(Some(x))).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("、")
        }
        Some(other) => other.to_string(),
    }
}

fn field_label(key: &str) -> String {
    if let Some((_, l)) = FIELD_LABELS.iter().find(|(k, _)| *k == key) {
        return l.to_string();
    }
    // A nested record's field ("talk.date") by its own name; `meta.*` were matched above.
    let last = key.rsplit('.').next().unwrap_or(key);
    label_of(FIELD_LABELS, last).replace(last, key)
}

/// What changed between the two sides, field by field, in the order the record lists them. A
/// new record lists what it was created with; a plain value (a state) is one change named 状态.
pub fn diff(before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    let mut b = Vec::new();
    let mut a = Vec::new();
    if let Some(v) = before {
        flatten("", v, &mut b);
    }
    if let Some(v) = after {
        flatten("", v, &mut a);
    }
    let mut keys: Vec<String> = Vec::new();
    for (k, _) in a.iter().chain(b.iter()) {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    let get = |side: &[(String, Value)], k: &str| side.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    keys.into_iter()
        .filter(|k| !is_noise(k))
        .filter_map(|k| {
            let (old, new) = (shown(get(&b, &k).as_ref()), shown(get(&a, &k).as_ref()));
            if old == new {
                return None;
            }
            let field = if k.is_empty() { "state".to_string() } else { k };
            Some(FieldChange { label: field_label(&field), field, before: old, after: new })
        })
        .collect()
}
