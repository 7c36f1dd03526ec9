//! The office's editable lists: read them (stored, or the seeded defaults until first saved),
//! offer the active entries to forms, and save an edited list. An entry that live records use
//! cannot be removed — only retired (停用) — so every record keeps a name the settings know.

use rusqlite::Connection;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::dicts::{Dict, DictEntry};
use crate::model::validate as v;
use crate::service::common::in_tx;
use crate::store::{audit, dicts as st, Db};

/// Every entry, retired ones included, in the office's order.
pub fn entries(conn: &Connection, d: Dict) -> Result<Vec<DictEntry>> {
    Ok(st::entries(conn, d)?.unwrap_or_else(|| {
        d.defaults().iter().map(|n| DictEntry { name: n.to_string(), retired: false, in_use: 0 }).collect()
    }))
}

/// What the forms offer: the active entries, in order.
pub fn active(conn: &Connection, d: Dict) -> Result<Vec<String>> {
    Ok(entries(conn, d)?.into_iter().filter(|e| !e.retired).map(|e| e.name).collect())
}

/// Whether `name` is an entry at all (a retired entry still names the records that have it).
pub fn known(conn: &Connection, d: Dict, name: &str) -> Result<bool> {
    Ok(entries(conn, d)?.iter().any(|e| e.name == name))
}

/// Checks a value a form sends: an active entry, or — when the record already had it — a retired one.
pub fn check(conn: &Connection, d: Dict, field: &str, value: &str, had: Option<&str>) -> Result<()> {
    let all = entries(conn, d)?;
    match all.iter().find(|e| e.name == value) {
        Some(e) if !e.retired || had == Some(value) => Ok(()),
        Some(_) => Err(Error::invalid(field, format!("{}“{value}”已停用，请选择其他{}", d.label(), d.label()))),
        None => {
            let offered: Vec<&str> = all.iter().filter(|e| !e.retired).map(|e| e.name.as_str()).collect();
            Err(Error::invalid(field, format!("{}“{value}”不在设置的{}中（{}）", d.label(), d.label(), offered.join("、"))))
        }
    }
}

/// The list for the settings page, each entry with how many live records use it.
pub fn entries_with_use(conn: &Connection, d: Dict) -> Result<Vec<DictEntry>> {
    let mut all = entries(conn, d)?;
    for e in &mut all {
        e.in_use = st::use_of(conn, d, &e.name)?.0;
    }
    Ok(all)
}

/// Saves an edited list. Names are cleaned by the text rules; duplicates and an empty list (no
/// active entry) are refused; an entry that live records use may be retired but not removed.
pub fn save(db: &mut Db, ctx: &Ctx, d: Dict, input: Vec<DictEntry>) -> Result<Vec<DictEntry>> {
    db.require_admin("可编辑列表")?; // ---- accounts
    let field = d.key();
    let mut clean: Vec<DictEntry> = Vec::new();
    for (i, e) in input.iter().enumerate() {
        let name = v::line(field, &v::entry(d.label(), i), &e.name)?;
        if name.is_empty() {
            continue;
        }
        if clean.iter().any(|c| c.name == name) {
            return Err(Error::invalid(field, format!("{}“{name}”重复", d.label())));
        }
        clean.push(DictEntry { name, retired: e.retired, in_use: 0 });
    }
    if !clean.iter().any(|e| !e.retired) {
        return Err(Error::invalid(field, format!("{}至少要有一项在用", d.label())));
    }
    in_tx(db, |tx| {
        // Read inside the write transaction, so the audit row's "before" is what this replaced.
        let before = entries(tx, d)?;
        for gone in before.iter().filter(|b| !clean.iter().any(|c| c.name == b.name)) {
            let (n, example) = st::use_of(tx, d, &gone.name)?;
            if n > 0 {
                let which = example.map(|x| format!("（如{x}）")).unwrap_or_default();
                return Err(Error::invalid(
                    field,
                    format!("{}“{}”已有 {n} 条记录使用{which}，不能删除，可改为停用", d.label(), gone.name),
                ));
            }
        }
        st::put(tx, d, &clean)?;
        audit(tx, ctx, "update", "dictionary", d.key(), Some(&before), Some(&clean))?;
        Ok(())
    })?;
    entries_with_use(db.conn(), d)
}

/// Saves a list given as its active names, keeping the entries already retired retired (the
/// settings cards that edit names only).
pub fn save_names(db: &mut Db, ctx: &Ctx, d: Dict, names: Vec<String>) -> Result<Vec<String>> {
    db.require_admin("可编辑列表")?; // ---- accounts
    let retired: Vec<DictEntry> = entries(db.conn(), d)?.into_iter().filter(|e| e.retired && !names.contains(&e.name)).collect();
    let mut all: Vec<DictEntry> = names.into_iter().map(|name| DictEntry { name, retired: false, in_use: 0 }).collect();
    all.extend(retired);
    save(db, ctx, d, all)?;
    active(db.conn(), d)
}
