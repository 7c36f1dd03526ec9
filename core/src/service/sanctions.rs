//! What a clerk does with 处分 (sanctions): record or correct one, void and restore it, and see a
//! person's sanctions and who is inside an effect period. Each write is one transaction with its
//! audit row, or writes nothing.

use rusqlite::Transaction;
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::sanctions::*;
use crate::model::validate::{self as v, format_date};
use crate::service::common::*;
use crate::store::{audit, sanctions as st, Db};

/// The form's choices, each kind labelled with the office's display name where it set one.
pub fn options(conn: &rusqlite::Connection) -> Result<SanctionOptions> {
    let names = kind_names(conn)?;
    let mut o = SanctionOptions::build();
    for c in &mut o.categories {
        for k in &mut c.kinds {
            k.label = crate::model::sanctions::kind_label(&names, c.category, &k.kind);
        }
    }
    Ok(o)
}

pub fn save_sanction(db: &mut Db, ctx: &Ctx, input: SanctionInput) -> Result<SanctionView> {
    let id = in_tx(db, |tx| save_sanction_in(tx, ctx, input).map(|s| s.id))?;
    view(db, ctx, &id)
}

pub fn void_sanction(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<SanctionView> {
    in_tx(db, |tx| void_sanction_in(tx, ctx, id, why))?;
    view(db, ctx, id)
}

pub fn restore_sanction(db: &mut Db, ctx: &Ctx, id: &str) -> Result<SanctionView> {
    in_tx(db, |tx| restore_sanction_in(tx, ctx, id))?;
    view(db, ctx, id)
}

pub fn sanctions_of_person(db: &Db, ctx: &Ctx, person_id: &str) -> Result<Vec<SanctionView>> {
    st::of_person(db.conn(), person_id, &ctx.today_str())
}

/// Live people inside an effect period today (the worklist's list), at most `limit`, and the total.
pub fn in_effect(db: &Db, ctx: &Ctx, limit: i64) -> Result<(Vec<SanctionInEffect>, i64)> {
    st::in_effect(db.conn(), &ctx.today_str(), limit)
}

/// "影响期至 …" for a person today, or None.
pub fn person_flag(db: &Db, ctx: &Ctx, person_id: &str) -> Result<Option<String>> {
    Ok(st::person_in_effect_until(db.conn(), person_id, &ctx.today_str())?.as_deref().and_then(effect_flag_of))
}

/// Live sanctions and those in effect today, for `jiandu check`.
pub fn sanction_counts(db: &Db, ctx: &Ctx) -> Result<(i64, i64)> {
    st::counts(db.conn(), ctx.today())
}

// ---- sanction kind display names

/// Every kind with the office's display name ("" when shown as it is), in the statutory order.
pub fn kind_names(conn: &rusqlite::Connection) -> Result<Vec<SanctionKindName>> {
    let stored = st::kind_names(conn)?;
    Ok(KINDS
        .iter()
        .map(|(category, kind, _)| SanctionKindName {
            category: *category,
            kind: kind.to_string(),
            name: stored.iter().find(|n| n.category == *category && n.kind == *kind).map(|n| n.name.clone()).unwrap_or_default(),
        })
        .collect())
}

/// Saves the display names. Each is one line; a kind that does not exist is refused, and so is a
/// name that another kind of the same category is called or shown as (two kinds would read alike).
/// The kinds themselves — and so every effect period — are untouched.
pub fn save_kind_names(db: &mut Db, ctx: &Ctx, input: Vec<SanctionKindName>) -> Result<Vec<SanctionKindName>> {
    const FIELD: &str = "kind_names";
    let mut clean: Vec<SanctionKindName> = Vec::new();
    for n in &input {
        period_of(n.category, &n.kind).map_err(|_| Error::invalid(FIELD, format!("处分种类“{}”不属于{}", n.kind, n.category.label())))?;
        let name = v::line(FIELD, &format!("{}·{}的显示名称", n.category.label(), n.kind), &n.name)?;
        if name.is_empty() || name == n.kind {
            continue;
        }
        clean.retain(|c| !(c.category == n.category && c.kind == n.kind));
        clean.push(SanctionKindName { category: n.category, kind: n.kind.clone(), name });
    }
    for n in &clean {
        // Another kind's shown name, or its statutory name: 警告 shown as “严重警告” would mislead.
        let shown_by_other = KINDS.iter().any(|(c, k, _)| {
            *c == n.category && *k != n.kind && (kind_label(&clean, *c, k) == n.name || *k == n.name)
        });
        if shown_by_other {
            return Err(Error::invalid(FIELD, format!("{}·{}的显示名称“{}”与同类别的另一种类重复", n.category.label(), n.kind, n.name)));
        }
    }
    in_tx(db, |tx| {
        let before = st::kind_names(tx)?;
        crate::store::put_setting(tx, KIND_NAMES_KEY, &serde_json::to_string(&clean)?)?;
        audit(tx, ctx, "update", "settings", KIND_NAMES_KEY, Some(&before), Some(&clean))?;
        Ok(())
    })?;
    kind_names(db.conn())
}

// ---- end sanction kind display names

fn view(db: &Db, ctx: &Ctx, id: &str) -> Result<SanctionView> {
    let s = st::get(db.conn(), id)?.ok_or_else(|| Error::not_found("处分"))?;
    st::of_person(db.conn(), &s.person_id, &ctx.today_str())?.into_iter().find(|x| x.sanction.id == id).ok_or_else(|| Error::not_found("处分"))
}

pub fn save_sanction_in(tx: &Transaction, ctx: &Ctx, input: SanctionInput) -> Result<Sanction> {
    live_person(tx, "person_id", "受处分人", &input.person_id)?;
    let kind = v::required("kind", "处分种类", &input.kind)?;
    // The kind is checked before the date so "no such kind" is what a clerk reads first.
    period_of(input.category, &kind)?;
    let decision = required_date("decision_date", "处分决定日期", &input.decision_date)?;
    not_after_today("decision_date", "处分决定日期", decision, ctx)?;
    // Only a 留党察看 carries an entered period; a value left over from switching kinds is dropped.
    let probation_months = if period_of(input.category, &kind)? == Period::Entered { input.probation_months } else { None };
    let end = effect_end(input.category, &kind, decision, probation_months)?;
    let decision_number = v::line("decision_number", "决定文号", &input.decision_number)?;
    let deciding_body = v::line("deciding_body", "决定机关", &input.deciding_body)?;
    let reason = v::text("reason", "处分事由", &input.reason)?;
    let existing = match some_id(&input.id) {
        Some(id) => {
            let old = st::get(tx, &id)?.ok_or_else(|| Error::not_found("处分"))?;
            refuse_if_voided(&old.meta, "处分")?;
            Some(old)
        }
        None => None,
    };
    let meta = match &existing {
        Some(old) => touched(&old.meta, ctx),
        None => new_meta(ctx),
    };
    let saved = Sanction {
        id: existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string()),
        person_id: input.person_id.trim().to_string(),
        category: input.category,
        kind,
        probation_months,
        decision_date: format_date(decision),
        decision_number,
        deciding_body,
        reason,
        form: input.form,
        effect_end: end.map(format_date),
        meta,
    };
    match &existing {
        Some(old) => {
            st::update(tx, &saved)?;
            audit(tx, ctx, "update", "sanction", &saved.id, Some(old), Some(&saved))?;
        }
        None => {
            st::insert(tx, &saved)?;
            audit(tx, ctx, "create", "sanction", &saved.id, None, Some(&saved))?;
        }
    }
    Ok(saved)
}

pub fn void_sanction_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<Sanction> {
    let why = reason(why)?;
    let old = st::get(tx, id)?.ok_or_else(|| Error::not_found("处分"))?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该处分已作废".into()));
    }
    st::void(tx, id, &ctx.timestamp(), &ctx.actor, Some(&why))?;
    let new = st::get(tx, id)?.ok_or_else(|| Error::not_found("处分"))?;
    audit(tx, ctx, "void", "sanction", id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn restore_sanction_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<Sanction> {
    let old = st::get(tx, id)?.ok_or_else(|| Error::not_found("处分"))?;
    if old.meta.voided_at.is_none() {
        return Err(Error::Conflict("该处分未作废，无需恢复".into()));
    }
    st::void(tx, id, &ctx.timestamp(), &ctx.actor, None)?;
    let new = st::get(tx, id)?.ok_or_else(|| Error::not_found("处分"))?;
    audit(tx, ctx, "restore", "sanction", id, Some(&old), Some(&new))?;
    Ok(new)
}
