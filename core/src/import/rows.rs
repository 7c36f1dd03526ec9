//! Checking and writing a file's rows, one savepoint each, through the services' own checks.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Transaction;
use serde::Serialize;

use super::columns::{self, defs};
use super::dates::{self, FlexDate};
use super::read::Cell;
use super::batch::{Change, Loaded, Outcome};
use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::assessments::{AssessmentInput, FIRST_YEAR};
use crate::model::import::{ImportKind, ImportProblem};
use crate::model::validate::{self as v, format_date};
use crate::model::{Gender, PersonInput, PositionInput, UnitCategory, UnitInput, UnitStatus};
use crate::service::assessments::write_assessment;
use crate::service::org::{write_person, write_position, write_unit};
use crate::store::{self, label as enum_label};

/// Problems of one row before anything is written: (field key, message).
type Errs = Vec<(&'static str, String)>;

struct Run<'a> {
    tx: &'a Transaction<'a>,
    ctx: &'a Ctx,
    kind: ImportKind,
    file: &'a Loaded,
    index: &'a HashMap<&'a str, usize>,
    out: Outcome,
    /// Live units by name and by short name (names win), including those this file creates.
    units: HashMap<String, String>,
    /// Unit names only, for the unit list's own matching.
    unit_names: HashMap<String, String>,
    /// Duplicate detection within the file: key → first row.
    seen: HashMap<String, u32>,
    /// People this file already created or matched: person key → id.
    people: HashMap<String, String>,
    /// Live people by name: (id, birth date), including those this file creates.
    by_name: HashMap<String, Vec<(String, Option<String>)>>,
}

pub(crate) fn run(tx: &Transaction, ctx: &Ctx, kind: ImportKind, file: &Loaded) -> Result<Outcome> {
    // A roster's transaction outgrows SQLite's default 2 MB page cache, which then spills pages to
    // disk mid-transaction; a larger cache for the import, the old size back afterwards.
    let cache: i64 = tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    tx.execute_batch("PRAGMA cache_size = -65536")?;
    let out = run_rows(tx, ctx, kind, file);
    tx.execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
    out
}

fn run_rows(tx: &Transaction, ctx: &Ctx, kind: ImportKind, file: &Loaded) -> Result<Outcome> {
    let mut units = HashMap::new();
    let mut unit_names = HashMap::new();
    let live = store::import::live_units(tx)?;
    for (id, _, short) in &live {
        if !short.trim().is_empty() {
            units.insert(short.trim().to_string(), id.clone());
        }
    }
    for (id, name, _) in live {
        units.insert(name.clone(), id.clone());
        unit_names.insert(name, id);
    }
    let mut by_name: HashMap<String, Vec<(String, Option<String>)>> = HashMap::new();
    if kind == ImportKind::People {
        for (id, name, birth) in store::import::live_people(tx)? {
            by_name.entry(name).or_default().push((id, birth));
        }
    }
    let index = file.index();
    let mut r = Run {
        tx,
        ctx,
        kind,
        file,
        index: &index,
        out: Outcome::default(),
        units,
        unit_names,
        seen: HashMap::new(),
        people: HashMap::new(),
        by_name,
    };
    r.check_mapping();
    if !r.out.problems.is_empty() {
        return Ok(r.out);
    }
    if file.data.is_empty() {
        r.out.problems.push(ImportProblem { row: file.header_row + 1, column: String::new(), message: "表头下面没有数据行".into() });
    }
    for (n, cells) in &file.data {
        let row = Row { n: *n, cells, run_index: &index };
        match kind {
            ImportKind::Units => r.unit_row(&row)?,
            ImportKind::People => r.person_row(&row)?,
            ImportKind::Ratings => r.rating_row(&row)?,
        }
    }
    Ok(r.out)
}

struct Row<'a> {
    n: u32,
    cells: &'a [Cell],
    run_index: &'a HashMap<&'a str, usize>,
}

impl Row<'_> {
    fn cell(&self, field: &str) -> &Cell {
        self.run_index.get(field).and_then(|i| self.cells.get(*i)).unwrap_or(&Cell::Empty)
    }
    fn text(&self, field: &str) -> String {
        self.cell(field).text()
    }
}

fn yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "否" | "不是" | "n" | "no" | "0" | "×" | "false" | "非" => Some(false),
        "是" | "y" | "yes" | "1" | "√" | "✓" | "✔" | "true" | "一把手" | "班子成员" => Some(true),
        _ => None,
    }
}

fn ym(d: NaiveDate) -> (i32, u32) {
    (d.year(), d.month())
}

impl<'a> Run<'a> {
    fn header(&self, field: &str) -> String {
        match self.index.get(field) {
            Some(i) => self.file.headers.get(*i).cloned().unwrap_or_default(),
            None => columns::label(self.kind, field).to_string(),
        }
    }

    fn problem(&mut self, row: u32, field: &str, message: impl Into<String>) {
        let column = if field.is_empty() { String::new() } else { self.header(field) };
        self.out.problems.push(ImportProblem { row, column, message: message.into() });
    }

    fn check_mapping(&mut self) {
        let row = self.file.header_row;
        for d in defs(self.kind) {
            let n = self.file.mapping.iter().flatten().filter(|f| f.as_str() == d.0).count();
            if d.2 && n == 0 {
                self.problem(row, "", format!("没有对应“{}”的列，请在列对应中选择", d.1));
            }
            if n > 1 {
                self.problem(row, "", format!("有{n}列都对应“{}”，每个字段只能对应一列", d.1));
            }
        }
    }

    /// A service's refusal as a problem of the row, under the column the field came from.
    fn refusal(&mut self, row: u32, e: Error) -> Result<()> {
        match e {
            Error::Invalid { field, message } => {
                let f = match field.as_str() {
                    "unit_id" => "unit",
                    "person_id" => "name",
                    "parent_id" => "parent",
                    "end_date" => "start_date",
                    f => f,
                };
                let f = if self.index.contains_key(f) { f.to_string() } else { String::new() };
                self.problem(row, &f, message);
                Ok(())
            }
            Error::Conflict(m) => {
                self.problem(row, "", m);
                Ok(())
            }
            Error::NotFound { .. } => {
                self.problem(row, "", e.to_string());
                Ok(())
            }
            other => Err(other),
        }
    }

    fn savepoint(&self) -> Result<()> {
        self.tx.prepare_cached("SAVEPOINT import_row")?.execute([])?;
        Ok(())
    }

    fn release(&self, ok: bool) -> Result<()> {
        if !ok {
            self.tx.prepare_cached("ROLLBACK TO import_row")?.execute([])?;
        }
        self.tx.prepare_cached("RELEASE import_row")?.execute([])?;
        Ok(())
    }

    fn date(&self, r: &Row, field: &'static str, errs: &mut Errs) -> Option<FlexDate> {
        let c = r.cell(field);
        if c.is_blank() {
            return None;
        }
        let d = dates::parse(c);
        if d.is_none() {
            errs.push((field, format!("{}“{}”不是可识别的日期，可写作 1975-03-05、1975.03 或 1975年3月", self.header(field), c.text())));
        }
        d
    }

    fn duplicate(&mut self, key: String, n: u32) -> Option<u32> {
        match self.seen.get(&key) {
            Some(first) => Some(*first),
            None => {
                self.seen.insert(key, n);
                None
            }
        }
    }

    fn record<T: Serialize>(&mut self, entity: &'static str, label: String, before: Option<&T>, after: &T, id: &str) -> Result<()> {
        let change = Change {
            entity,
            id: id.to_string(),
            label,
            before: before.map(serde_json::to_value).transpose()?,
            after: serde_json::to_value(after)?,
        };
        if before.is_some() {
            self.out.updated.push(change);
        } else {
            self.out.created.push(change);
        }
        Ok(())
    }

    fn flush(&mut self, n: u32, errs: Errs) -> bool {
        let had = !errs.is_empty();
        for (f, m) in errs {
            self.problem(n, f, m);
        }
        had
    }

    // ------------------------------------------------------------ units

    fn unit_row(&mut self, r: &Row) -> Result<()> {
        let mut errs: Errs = Vec::new();
        let name = r.text("name");
        if name.is_empty() {
            errs.push(("name", "单位名称不能为空".into()));
        } else if let Some(first) = self.duplicate(format!("unit:{name}"), r.n) {
            errs.push(("name", format!("与第{first}行重复（单位名称相同）")));
        }
        let category = match r.text("category").as_str() {
            "" => None,
            "乡镇" | "街道" | "乡镇街道" => Some(UnitCategory::Township),
            c => match UnitCategory::ALL.iter().find(|k| enum_label(*k) == c) {
                Some(k) => Some(*k),
                None => {
                    let all: Vec<String> = UnitCategory::ALL.iter().map(enum_label).collect();
                    errs.push(("category", format!("类别“{c}”不在可选范围内，应为：{}", all.join("、"))));
                    None
                }
            },
        };
        let parent_name = r.text("parent");
        let parent_id = if parent_name.is_empty() {
            None
        } else if parent_name == name {
            errs.push(("parent", "上级单位不能是本单位".into()));
            None
        } else {
            match self.units.get(&parent_name) {
                Some(id) => Some(id.clone()),
                None => {
                    errs.push(("parent", format!("上级单位“{parent_name}”不在单位名册中；如在本文件中，请把它排在本单位之前")));
                    None
                }
            }
        };
        let sort = r.cell("sort_order");
        let sort_order = match sort {
            Cell::Empty => None,
            Cell::Number(x) if x.fract() == 0.0 => Some(*x as i64),
            c => match c.text().parse::<i64>() {
                Ok(x) => Some(x),
                Err(_) => {
                    errs.push(("sort_order", format!("排序“{}”应为整数", c.text())));
                    None
                }
            },
        };
        if self.flush(r.n, errs) {
            return Ok(());
        }
        let old = match self.unit_names.get(&name) {
            Some(id) => store::org::unit_get(self.tx, id)?,
            None => None,
        };
        let keep = |new: String, old: Option<&String>| if new.is_empty() { old.cloned().unwrap_or_default() } else { new };
        let input = UnitInput {
            id: old.as_ref().map(|u| u.id.clone()),
            name: name.clone(),
            short_name: keep(r.text("short_name"), old.as_ref().map(|u| &u.short_name)),
            category: category.or(old.as_ref().map(|u| u.category)).unwrap_or(UnitCategory::Other),
            parent_id: parent_id.or(old.as_ref().and_then(|u| u.parent_id.clone())),
            supervisor: keep(r.text("supervisor"), old.as_ref().map(|u| &u.supervisor)),
            status: old.as_ref().map(|u| u.status).unwrap_or(UnitStatus::Active),
            sort_order: sort_order.or(old.as_ref().map(|u| u.sort_order)).unwrap_or(0),
            notes: keep(r.text("notes"), old.as_ref().map(|u| &u.notes)),
        };
        if let Some(o) = &old {
            let same = o.short_name == input.short_name.trim()
                && o.category == input.category
                && o.parent_id == input.parent_id
                && o.supervisor == input.supervisor.trim()
                && o.sort_order == input.sort_order
                && o.notes == input.notes.trim();
            if same {
                self.out.counts.unchanged += 1;
                return Ok(());
            }
        }
        self.savepoint()?;
        match write_unit(self.tx, self.ctx, input) {
            Ok((before, after)) => {
                self.release(true)?;
                if before.is_some() {
                    self.out.counts.units_updated += 1;
                } else {
                    self.out.counts.units_created += 1;
                    self.units.insert(after.name.clone(), after.id.clone());
                    self.unit_names.insert(after.name.clone(), after.id.clone());
                }
                self.record("unit", after.name.clone(), before.as_ref(), &after, &after.id.clone())
            }
            Err(e) => {
                self.release(false)?;
                self.refusal(r.n, e)
            }
        }
    }

    // ------------------------------------------------------------ people and positions

    fn person_row(&mut self, r: &Row) -> Result<()> {
        let mut errs: Errs = Vec::new();
        let name = r.text("name");
        if name.is_empty() {
            errs.push(("name", "姓名不能为空".into()));
        }
        let gender = match r.text("gender").as_str() {
            "" => None,
            "男" | "男性" => Some(Gender::Male),
            "女" | "女性" => Some(Gender::Female),
            g => {
                errs.push(("gender", format!("性别“{g}”应为“男”或“女”")));
                None
            }
        };
        let birth = self.date(r, "birth_date", &mut errs);
        let joined = self.date(r, "party_join_date", &mut errs);
        let start = self.date(r, "start_date", &mut errs);
        let id_number = match r.cell("id_number") {
            Cell::Number(_) => {
                errs.push(("id_number", "身份证号被 Excel 存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新填写号码".into()));
                None
            }
            c if c.is_blank() => None,
            c => match v::id_number("id_number", &c.text()) {
                Ok(x) => Some(x),
                Err(e) => {
                    errs.push(("id_number", e.to_string()));
                    None
                }
            },
        };
        let unit_name = r.text("unit");
        let title = r.text("title");
        let unit_id = if unit_name.is_empty() {
            if !title.is_empty() {
                errs.push(("unit", format!("填写了职务“{title}”，但单位为空")));
            }
            None
        } else {
            match self.units.get(&unit_name) {
                Some(id) => Some(id.clone()),
                None => {
                    errs.push(("unit", format!("单位“{unit_name}”不在单位名册中，请先在单位管理中登记或导入单位名单")));
                    None
                }
            }
        };
        let mut flag = |field: &'static str, label: &str| -> Option<bool> {
            let t = r.text(field);
            if t.is_empty() {
                return None;
            }
            let b = yes_no(&t);
            if b.is_none() {
                errs.push((field, format!("{label}“{t}”应为“是”或“否”")));
            }
            b
        };
        let is_head = flag("is_head", "是否一把手");
        let is_leadership = flag("is_leadership", "是否班子成员");
        // Month-only birth dates: the day comes from the 身份证号 when it agrees, else the 1st.
        let birth = birth.map(|b| match &id_number {
            Some((_, born)) if b.month_only && ym(*born) == ym(b.date) => FlexDate { date: *born, month_only: false },
            _ => b,
        });
        let person_key = match &id_number {
            Some((n, _)) => format!("id:{n}"),
            None => format!("nb:{name}|{}", birth.map(|b| format!("{:?}", ym(b.date))).unwrap_or_default()),
        };
        if !name.is_empty() {
            let dup_key = format!("{person_key}|{unit_name}|{title}");
            if let Some(first) = self.duplicate(dup_key, r.n) {
                let why = if id_number.is_some() { "身份证号" } else { "姓名、出生年月" };
                errs.push(("name", format!("与第{first}行重复（{why}、单位、职务都相同）")));
            }
        }
        if self.flush(r.n, errs) {
            return Ok(());
        }
        // The person: one this file already touched, else by 身份证号, else name + birth + unit.
        let mut found = self.people.get(&person_key).cloned();
        if found.is_none() {
            if let Some((n, _)) = &id_number {
                found = store::org::person_with_id_number(self.tx, n, "")?.map(|(id, _)| id);
            }
        }
        if found.is_none() {
            let candidates = self.by_name.get(&name).cloned().unwrap_or_default();
            let mut matching = Vec::new();
            for (id, b) in candidates {
                if let Some(u) = &unit_id {
                    if !store::import::has_position_in(self.tx, &id, u)? {
                        continue;
                    }
                }
                let b = b.as_deref().and_then(v::parse_date);
                let birth_ok = match (birth, b) {
                    (Some(f), Some(b)) => if f.month_only { ym(f.date) == ym(b) } else { f.date == b },
                    (None, _) => unit_id.is_some(),
                    (Some(_), None) => false,
                };
                if !birth_ok {
                    continue;
                }
                let p = store::org::person_get(self.tx, &id)?;
                let id_ok = match (&id_number, p.as_ref().and_then(|p| p.id_number.clone())) {
                    (Some((n, _)), Some(theirs)) => *n == theirs,
                    _ => true,
                };
                if id_ok {
                    matching.push(id);
                }
            }
            if matching.len() > 1 {
                self.problem(r.n, "name", format!("名册中有{}位同名、同出生年月、同单位的干部，无法确定更新哪一位；请填写身份证号", matching.len()));
                return Ok(());
            }
            found = matching.pop();
        }
        let old = match &found {
            Some(id) => store::org::person_get(self.tx, id)?,
            None => None,
        };
        let keep = |new: String, old: Option<&String>| if new.is_empty() { old.cloned().unwrap_or_default() } else { new };
        let o = old.as_ref();
        let birth_date = match (birth, o.and_then(|p| p.birth_date.as_deref()).and_then(v::parse_date)) {
            // A month-only date does not overwrite a full date of the same month.
            (Some(f), Some(had)) if f.month_only && ym(f.date) == ym(had) => Some(format_date(had)),
            (Some(f), _) => Some(format_date(f.date)),
            (None, had) => had.map(format_date),
        };
        let party_join_date = match (joined, o.and_then(|p| p.party_join_date.clone())) {
            (Some(f), Some(had)) if f.month_only && v::parse_date(&had).is_some_and(|h| ym(h) == ym(f.date)) => Some(had),
            (Some(f), _) => Some(format_date(f.date)),
            (None, had) => had,
        };
        let input = PersonInput {
            id: found.clone(),
            name: name.clone(),
            gender: gender.or(o.and_then(|p| p.gender)),
            ethnicity: keep(r.text("ethnicity"), o.map(|p| &p.ethnicity)),
            birth_date,
            party_join_date,
            education: keep(r.text("education"), o.map(|p| &p.education)),
            id_number: id_number.as_ref().map(|(n, _)| n.clone()).or(o.and_then(|p| p.id_number.clone())),
            phone: keep(r.text("phone"), o.map(|p| &p.phone)),
            notes: keep(r.text("notes"), o.map(|p| &p.notes)),
        };
        let person_same = o.is_some_and(|p| {
            p.name == input.name
                && p.gender == input.gender
                && p.ethnicity == input.ethnicity.trim()
                && p.birth_date == input.birth_date
                && p.party_join_date == input.party_join_date
                && p.education == input.education.trim()
                && p.id_number == input.id_number
                && p.phone == input.phone.trim()
                && p.notes == input.notes.trim()
        });
        self.savepoint()?;
        let person_id = match (person_same, &found) {
            (true, Some(id)) => id.clone(),
            _ => match write_person(self.tx, self.ctx, input) {
                Ok((before, after)) => {
                    if before.is_some() {
                        self.out.counts.people_updated += 1;
                    } else {
                        self.out.counts.people_created += 1;
                        self.by_name.entry(after.name.clone()).or_default().push((after.id.clone(), after.birth_date.clone()));
                    }
                    self.record("person", after.name.clone(), before.as_ref(), &after, &after.id.clone())?;
                    after.id
                }
                Err(e) => {
                    self.release(false)?;
                    return self.refusal(r.n, e);
                }
            },
        };
        let mut position_same = true;
        if let (Some(unit_id), false) = (&unit_id, title.is_empty()) {
            let today = self.ctx.today_str();
            let current = store::import::current_position_titled(self.tx, &person_id, unit_id, &title, &today)?;
            let old = match current {
                Some(id) => store::org::position_get(self.tx, &id)?,
                None => None,
            };
            let o = old.as_ref();
            let input = PositionInput {
                id: o.map(|p| p.id.clone()),
                person_id: person_id.clone(),
                unit_id: unit_id.clone(),
                title: title.clone(),
                rank: keep(r.text("rank"), o.map(|p| &p.rank)),
                is_head: is_head.or(o.map(|p| p.is_head)).unwrap_or(false),
                is_leadership: is_leadership.or(o.map(|p| p.is_leadership)).unwrap_or(false),
                portfolio: keep(r.text("portfolio"), o.map(|p| &p.portfolio)),
                start_date: start.map(|f| format_date(f.date)).or(o.and_then(|p| p.start_date.clone())),
                end_date: o.and_then(|p| p.end_date.clone()),
            };
            position_same = o.is_some_and(|p| {
                p.rank == input.rank.trim()
                    && p.is_head == input.is_head
                    && p.is_leadership == (input.is_leadership || input.is_head)
                    && p.portfolio == input.portfolio.trim()
                    && p.start_date == input.start_date
            });
            if !position_same {
                match write_position(self.tx, self.ctx, input) {
                    Ok((before, after)) => {
                        if before.is_some() {
                            self.out.counts.positions_updated += 1;
                        } else {
                            self.out.counts.positions_created += 1;
                        }
                        self.record("position", format!("{name} {unit_name}{title}"), before.as_ref(), &after, &after.id.clone())?;
                    }
                    Err(e) => {
                        self.release(false)?;
                        // The person written in this row is rolled back with it.
                        self.undo_person_count(person_same, found.is_some());
                        return self.refusal(r.n, e);
                    }
                }
            }
        }
        self.release(true)?;
        self.people.insert(person_key, person_id);
        if person_same && position_same {
            self.out.counts.unchanged += 1;
        }
        Ok(())
    }

    fn undo_person_count(&mut self, person_same: bool, existed: bool) {
        if person_same {
            return;
        }
        if existed {
            self.out.counts.people_updated -= 1;
            self.out.updated.pop();
        } else {
            self.out.counts.people_created -= 1;
            if let Some(c) = self.out.created.pop() {
                if let Some(list) = self.by_name.get_mut(&c.label) {
                    list.retain(|(id, _)| *id != c.id);
                }
            }
        }
    }

    // ------------------------------------------------------------ ratings

    fn rating_row(&mut self, r: &Row) -> Result<()> {
        let mut errs: Errs = Vec::new();
        let unit_name = r.text("unit");
        let unit_id = if unit_name.is_empty() {
            errs.push(("unit", "单位不能为空".into()));
            None
        } else {
            match self.units.get(&unit_name) {
                Some(id) => Some(id.clone()),
                None => {
                    errs.push(("unit", format!("单位“{unit_name}”不在单位名册中，请先在单位管理中登记或导入单位名单")));
                    None
                }
            }
        };
        let year_cell = r.cell("year");
        let year = match year_cell {
            Cell::Number(x) if x.fract() == 0.0 => Some(*x as i32),
            Cell::Date(d) => Some(d.year()),
            c => c.text().trim_end_matches("年度").trim_end_matches('年').trim().parse::<i32>().ok(),
        };
        if year.is_none() {
            let t = year_cell.text();
            errs.push(("year", if t.is_empty() { "年度不能为空".to_string() } else { format!("年度“{t}”应为四位年份，如 2024") }));
        }
        let rating = r.text("rating");
        if rating.is_empty() {
            errs.push(("rating", "考核等次不能为空".into()));
        }
        let score = match r.cell("score") {
            Cell::Number(x) => Some(*x),
            c if c.is_blank() => None,
            c => match c.text().parse::<f64>() {
                Ok(x) => Some(x),
                Err(_) => {
                    errs.push(("score", format!("得分“{}”应为数字", c.text())));
                    None
                }
            },
        };
        if let (Some(u), Some(y)) = (&unit_id, year) {
            if let Some(first) = self.duplicate(format!("{u}|{y}"), r.n) {
                errs.push(("year", format!("与第{first}行重复（同一单位同一年度）")));
            }
        }
        if self.flush(r.n, errs) {
            return Ok(());
        }
        let (Some(unit_id), Some(year)) = (unit_id, year) else { return Ok(()) };
        if year < FIRST_YEAR {
            // Let the service word it, but a two-digit year is a common slip worth naming.
            if year < 100 {
                self.problem(r.n, "year", format!("年度“{year}”应写四位年份，如 20{year:02}"));
                return Ok(());
            }
        }
        let old = match store::assessments::live_for(self.tx, &unit_id, year, "")? {
            Some((id, _)) => store::assessments::get(self.tx, &id)?,
            None => None,
        };
        let o = old.as_ref();
        let remark = r.text("remark");
        let input = AssessmentInput {
            id: o.map(|a| a.id.clone()),
            unit_id,
            year,
            rating: rating.clone(),
            score: score.or(o.and_then(|a| a.score)),
            remark: if remark.is_empty() { o.map(|a| a.remark.clone()).unwrap_or_default() } else { remark },
        };
        if o.is_some_and(|a| a.rating == input.rating && a.score == input.score && a.remark == input.remark.trim()) {
            self.out.counts.unchanged += 1;
            return Ok(());
        }
        self.savepoint()?;
        match write_assessment(self.tx, self.ctx, input) {
            Ok((before, after)) => {
                self.release(true)?;
                if before.is_some() {
                    self.out.counts.ratings_updated += 1;
                } else {
                    self.out.counts.ratings_created += 1;
                }
                self.record("assessment", format!("{unit_name}{year}年度{}", after.rating), before.as_ref(), &after, &after.id.clone())
            }
            Err(e) => {
                self.release(false)?;
                self.refusal(r.n, e)
            }
        }
    }
}
