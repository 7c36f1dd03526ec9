//! What a clerk does with units, people and positions. Each write is one transaction that checks
//! the input, writes the record and its audit row, or writes nothing.

use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::validate::{self as v, format_date};
use crate::model::*;
use crate::pinyin_keys::name_keys;
use crate::store::org::{self as st, PositionsOf, Table};
use rusqlite::{Connection, Transaction};

use crate::store::{audit, Db};
use crate::service::common::*;


pub fn save_unit(db: &mut Db, ctx: &Ctx, input: UnitInput) -> Result<Unit> {
    in_tx(db, |tx| save_unit_in(tx, ctx, input))
}

pub fn void_unit(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<Unit> {
    in_tx(db, |tx| void_unit_in(tx, ctx, id, why))
}

pub fn restore_unit(db: &mut Db, ctx: &Ctx, id: &str) -> Result<Unit> {
    in_tx(db, |tx| restore_unit_in(tx, ctx, id))
}

pub fn save_person(db: &mut Db, ctx: &Ctx, input: PersonInput) -> Result<Person> {
    in_tx(db, |tx| save_person_in(tx, ctx, input))
}

pub fn void_person(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<Person> {
    in_tx(db, |tx| void_person_in(tx, ctx, id, why))
}

pub fn restore_person(db: &mut Db, ctx: &Ctx, id: &str) -> Result<Person> {
    in_tx(db, |tx| restore_person_in(tx, ctx, id))
}

pub fn save_position(db: &mut Db, ctx: &Ctx, input: PositionInput) -> Result<Position> {
    in_tx(db, |tx| save_position_in(tx, ctx, input))
}

pub fn make_head(db: &mut Db, ctx: &Ctx, position_id: &str) -> Result<Position> {
    in_tx(db, |tx| make_head_in(tx, ctx, position_id))
}

pub fn void_position(db: &mut Db, ctx: &Ctx, id: &str, why: &str) -> Result<Position> {
    in_tx(db, |tx| void_position_in(tx, ctx, id, why))
}

pub fn restore_position(db: &mut Db, ctx: &Ctx, id: &str) -> Result<Position> {
    in_tx(db, |tx| restore_position_in(tx, ctx, id))
}

// ---------------------------------------------------------------- units

pub fn save_unit_in(tx: &Transaction, ctx: &Ctx, input: UnitInput) -> Result<Unit> {
    let (old, new) = write_unit(tx, ctx, input)?;
    audit(tx, ctx, if old.is_some() { "update" } else { "create" }, "unit", &new.id, old.as_ref(), Some(&new))?;
    Ok(new)
}

/// The checks and the write of `save_unit_in` without its audit row: the Excel import writes one
/// audit entry for the whole file. Returns (the record before, the record after).
pub(crate) fn write_unit(tx: &Transaction, ctx: &Ctx, input: UnitInput) -> Result<(Option<Unit>, Unit)> {
    let name = v::required("name", "单位名称", &input.name)?;
    let short_name = v::line("short_name", "简称", &input.short_name)?;
    let supervisor = v::line("supervisor", "责任监督检查室或派驻组", &input.supervisor)?;
    let notes = v::text("notes", "备注", &input.notes)?;
    let parent_id = input.parent_id.filter(|p| !p.trim().is_empty());
    let existing = match &input.id {
        Some(id) => Some(st::unit_get(tx, id)?.ok_or_else(|| Error::not_found("单位"))?),
        None => None,
    };
    let id = existing.as_ref().map(|u| u.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string());
    if let Some(parent) = &parent_id {
        let p = st::unit_get(tx, parent)?.ok_or_else(|| Error::invalid("parent_id", "上级单位不存在"))?;
        if p.meta.voided_at.is_some() {
            return Err(Error::invalid("parent_id", format!("上级单位“{}”已作废，不能选作上级", p.name)));
        }
        if existing.is_some() && st::unit_is_ancestor_or_self(tx, &id, parent)? {
            return Err(Error::invalid("parent_id", "上级单位不能是本单位或其下级单位"));
        }
    }
    let out = match existing {
        Some(old) => {
            refuse_if_voided(&old.meta, "单位")?;
            let unit = Unit {
                name,
                short_name,
                category: input.category,
                parent_id,
                supervisor,
                status: input.status,
                sort_order: input.sort_order,
                notes,
                meta: touched(&old.meta, ctx),
                id: old.id.clone(),
            };
            st::unit_update(tx, &unit)?;
            (Some(old), unit)
        }
        None => {
            let unit = Unit {
                id,
                name,
                short_name,
                category: input.category,
                parent_id,
                supervisor,
                status: input.status,
                sort_order: input.sort_order,
                notes,
                meta: new_meta(ctx),
            };
            st::unit_insert(tx, &unit)?;
            (None, unit)
        }
    };
    Ok(out)
}

pub fn void_unit_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<Unit> {
    let why = reason(why)?;
    let old = st::unit_get(tx, id)?.ok_or_else(|| Error::not_found("单位"))?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该单位已作废".into()));
    }
    let children = st::unit_children(tx, id)?;
    if let Some(c) = children.first() {
        return Err(Error::Conflict(format!("该单位还有下级单位（{} 等 {} 个），请先作废或调整下级单位", c.name, children.len())));
    }
    // A voided unit holds no current position, so voiding one with people in post would silently
    // end their posts everywhere; the clerk ends them first, with the real dates.
    let holders = st::current_positions_in_unit(tx, id, &ctx.today_str())?;
    if !holders.is_empty() {
        let names: Vec<String> = holders.iter().map(|(name, title)| format!("{name}（{title}）")).collect();
        return Err(Error::Conflict(format!(
            "单位“{}”仍有现任职务：{}，不能作废。请先填写这些任职的离任日期，再作废单位。",
            old.name,
            names.join("、")
        )));
    }
    st::void(tx, Table::Unit, id, &ctx.timestamp(), &ctx.actor, &why)?;
    let new = st::unit_get(tx, id)?.ok_or_else(|| Error::not_found("单位"))?;
    audit(tx, ctx, "void", "unit", id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn restore_unit_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<Unit> {
    let old = st::unit_get(tx, id)?.ok_or_else(|| Error::not_found("单位"))?;
    if old.meta.voided_at.is_none() {
        return Err(Error::Conflict("该单位未作废，无需恢复".into()));
    }
    if let Some(parent) = old.parent_id.as_deref().map(|p| st::unit_get(tx, p)).transpose()?.flatten() {
        if parent.meta.voided_at.is_some() {
            return Err(Error::Conflict(format!("上级单位“{}”已作废，请先恢复上级单位", parent.name)));
        }
    }
    st::restore(tx, Table::Unit, id, &ctx.timestamp(), &ctx.actor)?;
    let new = st::unit_get(tx, id)?.ok_or_else(|| Error::not_found("单位"))?;
    audit(tx, ctx, "restore", "unit", id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn list_units(db: &Db, ctx: &Ctx, query: &str, voided: bool) -> Result<Vec<UnitRow>> {
    st::unit_list(db.conn(), query, voided, &ctx.today_str())
}

pub fn unit_detail(db: &Db, ctx: &Ctx, id: &str) -> Result<UnitDetail> {
    let conn = db.conn();
    let unit = st::unit_get(conn, id)?.ok_or_else(|| Error::not_found("单位"))?;
    let parent_name = unit.parent_id.as_deref().map(|p| st::unit_get(conn, p)).transpose()?.flatten().map(|p| p.name);
    let (current_positions, past_positions) =
        st::position_views(conn, PositionsOf::Unit(id), &ctx.today_str())?.into_iter().partition(|p| p.current);
    Ok(UnitDetail { children: st::unit_children(conn, id)?, unit, parent_name, current_positions, past_positions })
}

// ---------------------------------------------------------------- people

pub fn save_person_in(tx: &Transaction, ctx: &Ctx, input: PersonInput) -> Result<Person> {
    let (old, new) = write_person(tx, ctx, input)?;
    audit(tx, ctx, if old.is_some() { "update" } else { "create" }, "person", &new.id, old.as_ref(), Some(&new))?;
    Ok(new)
}

/// The checks and the write of `save_person_in` without its audit row: the Excel import writes one
/// audit entry for the whole file. Returns (the record before, the record after).
pub(crate) fn write_person(tx: &Transaction, ctx: &Ctx, input: PersonInput) -> Result<(Option<Person>, Person)> {
    let name = v::required("name", "姓名", &input.name)?;
    if name.chars().count() > 40 {
        return Err(Error::invalid("name", "姓名不能超过40个字"));
    }
    let birth = v::date("birth_date", "出生日期", &input.birth_date)?;
    let joined = v::date("party_join_date", "入党时间", &input.party_join_date)?;
    if let Some(b) = birth {
        if b > ctx.today() {
            return Err(Error::invalid("birth_date", "出生日期不能晚于今天"));
        }
    }
    v::not_before("party_join_date", "入党时间", joined, "出生日期", birth)?;
    let id_number = match input.id_number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => {
            let (number, born) = v::id_number("id_number", raw)?;
            if let Some(b) = birth {
                if b != born {
                    return Err(Error::invalid(
                        "id_number",
                        format!("身份证号中的出生日期（{}）与填写的出生日期（{}）不一致", format_date(born), format_date(b)),
                    ));
                }
            }
            let except = input.id.clone().unwrap_or_default();
            if let Some((_, other)) = st::person_with_id_number(tx, &number, &except)? {
                return Err(Error::invalid("id_number", format!("身份证号与已登记的“{other}”重复")));
            }
            Some((number, born))
        }
    };
    // With a 身份证号 and no birth date typed, the birth date comes from the number.
    let birth = birth.or(id_number.as_ref().map(|(_, b)| *b));
    let phone = v::phone("phone", "联系电话", &input.phone)?;
    let person = Person {
        id: String::new(),
        name,
        gender: input.gender,
        ethnicity: v::line("ethnicity", "民族", &input.ethnicity)?,
        birth_date: birth.map(format_date),
        party_join_date: joined.map(format_date),
        education: v::line("education", "学历", &input.education)?,
        id_number: id_number.map(|(n, _)| n),
        phone,
        notes: v::text("notes", "备注", &input.notes)?,
        meta: new_meta(ctx),
    };
    let keys = name_keys(&person.name);
    let saved = match &input.id {
        Some(id) => {
            let old = st::person_get(tx, id)?.ok_or_else(|| Error::not_found("干部"))?;
            refuse_if_voided(&old.meta, "干部")?;
            let p = Person { id: old.id.clone(), meta: touched(&old.meta, ctx), ..person };
            st::person_update(tx, &p, &keys)?;
            (Some(old), p)
        }
        None => {
            let p = Person { id: Uuid::new_v4().to_string(), ..person };
            st::person_insert(tx, &p, &keys)?;
            (None, p)
        }
    };
    Ok(saved)
}

pub fn void_person_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<Person> {
    let why = reason(why)?;
    let old = st::person_get(tx, id)?.ok_or_else(|| Error::not_found("干部"))?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该干部已作废".into()));
    }
    st::void(tx, Table::Person, id, &ctx.timestamp(), &ctx.actor, &why)?;
    let new = st::person_get(tx, id)?.ok_or_else(|| Error::not_found("干部"))?;
    audit(tx, ctx, "void", "person", id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn restore_person_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<Person> {
    let old = st::person_get(tx, id)?.ok_or_else(|| Error::not_found("干部"))?;
    if old.meta.voided_at.is_none() {
        return Err(Error::Conflict("该干部未作废，无需恢复".into()));
    }
    if let Some(n) = old.id_number.as_deref() {
        if let Some((_, other)) = st::person_with_id_number(tx, n, id)? {
            return Err(Error::Conflict(format!("身份证号已被“{other}”使用，不能恢复")));
        }
    }
    st::restore(tx, Table::Person, id, &ctx.timestamp(), &ctx.actor)?;
    let new = st::person_get(tx, id)?.ok_or_else(|| Error::not_found("干部"))?;
    audit(tx, ctx, "restore", "person", id, Some(&old), Some(&new))?;
    Ok(new)
}

/// At most this many rows come back from a search; `total` says how many matched.
pub const SEARCH_LIMIT: i64 = 200;

pub fn search_people(db: &Db, ctx: &Ctx, query: &str, voided: bool) -> Result<PersonSearch> {
    st::person_search_indexed(db, query, voided, &ctx.today_str(), SEARCH_LIMIT)
}

pub fn person_detail(db: &Db, ctx: &Ctx, id: &str) -> Result<PersonDetail> {
    person_detail_in(db.conn(), ctx, id)
}

/// The person page's records, read on any connection (the person file builds on it).
pub(crate) fn person_detail_in(conn: &Connection, ctx: &Ctx, id: &str) -> Result<PersonDetail> {
    let person = st::person_get(conn, id)?.ok_or_else(|| Error::not_found("干部"))?;
    let positions = st::position_views(conn, PositionsOf::Person(id), &ctx.today_str())?;
    // -- sanctions (处分)
    let today = ctx.today_str();
    let sanctions = crate::store::sanctions::of_person(conn, id, &today)?;
    let sanction_flag = crate::store::sanctions::person_in_effect_until(conn, id, &today)?
        .as_deref()
        .and_then(crate::model::sanctions::effect_flag_of);
    // -- end sanctions
    // ---- 家庭重大变动
    let family_changes = crate::service::family::of_person(conn, id)?;
    // ---- end 家庭重大变动
    // ---- risk points
    let risk_points = crate::service::risks::of_person(conn, id, &today)?;
    // ---- end risk points
    // ---- findings and clues
    let findings = crate::service::findings::of_person(conn, ctx, id)?;
    let clues = crate::service::clues::of_person(conn, id)?;
    // ---- end findings and clues
    let unit_ratings = crate::store::person_file::ratings_of_units_led(conn, id)?;
    Ok(PersonDetail { person, positions, sanctions, sanction_flag, family_changes, risk_points, findings, clues, unit_ratings })
}

// ---------------------------------------------------------------- positions

pub fn save_position_in(tx: &Transaction, ctx: &Ctx, input: PositionInput) -> Result<Position> {
    let (old, new) = write_position(tx, ctx, input)?;
    audit(tx, ctx, if old.is_some() { "update" } else { "create" }, "position", &new.id, old.as_ref(), Some(&new))?;
    Ok(new)
}

/// The checks and the write of `save_position_in` without its audit row: the Excel import writes one
/// audit entry for the whole file. Returns (the record before, the record after).
pub(crate) fn write_position(tx: &Transaction, ctx: &Ctx, input: PositionInput) -> Result<(Option<Position>, Position)> {
    let person = st::person_get(tx, &input.person_id)?.ok_or_else(|| Error::invalid("person_id", "任职人员不存在"))?;
    if person.meta.voided_at.is_some() {
        return Err(Error::invalid("person_id", format!("“{}”已作废，不能新增或修改任职", person.name)));
    }
    let unit = st::unit_get(tx, &input.unit_id)?.ok_or_else(|| Error::invalid("unit_id", "任职单位不存在，请选择单位"))?;
    let title = v::required("title", "职务", &input.title)?;
    let start = v::date("start_date", "任职开始日期", &input.start_date)?;
    let end = v::date("end_date", "任职结束日期", &input.end_date)?;
    v::not_before("end_date", "任职结束日期", end, "任职开始日期", start)?;
    let existing = match &input.id {
        Some(id) => {
            let old = st::position_get(tx, id)?.ok_or_else(|| Error::not_found("任职"))?;
            refuse_if_voided(&old.meta, "任职记录")?;
            Some(old)
        }
        None => None,
    };
    let id = existing.as_ref().map(|p| p.id.clone()).unwrap_or_else(|| Uuid::new_v4().to_string());
    let today = ctx.today();
    let holds_today = start.is_none_or(|s| s <= today) && end.is_none_or(|e| e >= today);
    // An existing unit that was voided cannot receive new positions, but past ones keep pointing at it.
    if existing.as_ref().is_none_or(|o| o.unit_id != unit.id) && unit.meta.voided_at.is_some() {
        return Err(Error::invalid("unit_id", format!("单位“{}”已作废，不能新增任职", unit.name)));
    }
    if input.is_head && holds_today {
        if let Some((_, name, title)) = st::current_heads(tx, &unit.id, &id, &ctx.today_str())?.first() {
            return Err(Error::invalid(
                "is_head",
                format!("一把手：{}现任一把手为{name}（{title}），请先在其任职中填写结束日期或取消一把手，或在单位页面使用“设为一把手”", unit.name),
            ));
        }
    }
    let position = Position {
        id,
        person_id: person.id.clone(),
        unit_id: unit.id.clone(),
        title,
        rank: v::line("rank", "职级", &input.rank)?,
        // The 一把手 is by definition a member of the 班子.
        is_head: input.is_head,
        is_leadership: input.is_leadership || input.is_head,
        portfolio: v::text("portfolio", "分管工作", &input.portfolio)?,
        start_date: start.map(format_date),
        end_date: end.map(format_date),
        meta: new_meta(ctx),
    };
    let saved = match existing {
        Some(old) => {
            let p = Position { meta: touched(&old.meta, ctx), ..position };
            st::position_update(tx, &p)?;
            (Some(old), p)
        }
        None => {
            st::position_insert(tx, &position)?;
            (None, position)
        }
    };
    Ok(saved)
}

/// Makes a current position its unit's 一把手, taking the mark from whoever holds it now (their
/// position stays, as a 班子 member; the audit log keeps who was 一把手 before).
pub fn make_head_in(tx: &Transaction, ctx: &Ctx, position_id: &str) -> Result<Position> {
    let old = st::position_get(tx, position_id)?.ok_or_else(|| Error::not_found("任职"))?;
    refuse_if_voided(&old.meta, "任职记录")?;
    let today = ctx.today_str();
    if !st::position_is_current(tx, position_id, &today)? {
        return Err(Error::Conflict("该任职不是现任职务，不能设为一把手".into()));
    }
    for (other_id, _, _) in st::current_heads(tx, &old.unit_id, position_id, &today)? {
        let before = st::position_get(tx, &other_id)?.ok_or_else(|| Error::not_found("任职"))?;
        let after = Position { is_head: false, is_leadership: true, meta: touched(&before.meta, ctx), ..before.clone() };
        st::position_update(tx, &after)?;
        audit(tx, ctx, "update", "position", &other_id, Some(&before), Some(&after))?;
    }
    let new = Position { is_head: true, is_leadership: true, meta: touched(&old.meta, ctx), ..old.clone() };
    st::position_update(tx, &new)?;
    audit(tx, ctx, "update", "position", position_id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn void_position_in(tx: &Transaction, ctx: &Ctx, id: &str, why: &str) -> Result<Position> {
    let why = reason(why)?;
    let old = st::position_get(tx, id)?.ok_or_else(|| Error::not_found("任职"))?;
    if old.meta.voided_at.is_some() {
        return Err(Error::Conflict("该任职记录已作废".into()));
    }
    st::void(tx, Table::Position, id, &ctx.timestamp(), &ctx.actor, &why)?;
    let new = st::position_get(tx, id)?.ok_or_else(|| Error::not_found("任职"))?;
    audit(tx, ctx, "void", "position", id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn restore_position_in(tx: &Transaction, ctx: &Ctx, id: &str) -> Result<Position> {
    let old = st::position_get(tx, id)?.ok_or_else(|| Error::not_found("任职"))?;
    if old.meta.voided_at.is_none() {
        return Err(Error::Conflict("该任职记录未作废，无需恢复".into()));
    }
    if old.is_head && !st::current_heads(tx, &old.unit_id, id, &ctx.today_str())?.is_empty() {
        return Err(Error::Conflict("该单位已有现任一把手，不能恢复另一条一把手任职；请先调整".into()));
    }
    st::restore(tx, Table::Position, id, &ctx.timestamp(), &ctx.actor)?;
    let new = st::position_get(tx, id)?.ok_or_else(|| Error::not_found("任职"))?;
    audit(tx, ctx, "restore", "position", id, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn audit_trail(db: &Db, entity: &str, id: &str) -> Result<Vec<AuditEntry>> {
    st::audit_of(db.conn(), entity, id)
}
