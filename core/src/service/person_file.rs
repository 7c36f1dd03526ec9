//! The 廉政档案 (一人一档): one person's records gathered into one [`PersonFile`] — the sections in
//! their fixed order and the timeline — and the file opened, printed and found by name, each
//! opening and printing written to the audit log.
//!
//! A section is one function from the person to its columns, rows and timeline events, listed once
//! in [`SECTIONS`]; the number in its title comes from its place in that list.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::letters::{LetterFilter, LetterState};
use crate::model::person_file::{FileSection, PersonFile, RecordLink, TimelineEvent};
use crate::model::talks::{TalkFilter, TalkState};
use crate::model::validate::parse_date;
use crate::model::{PersonDetail, PositionView};
use crate::pdf::FontSet;
use crate::service::common;
use crate::store::{self, audit, Db};

/// Audit actions on entity "person": the file was looked at (page or preview) or printed.
pub const VIEW_FILE: &str = "view_file";
pub const PRINT_FILE: &str = "print_file";

/// What a section function is given.
struct Source<'a> {
    conn: &'a Connection,
    ctx: &'a Ctx,
    detail: &'a PersonDetail,
}

/// What a section function gives back: its table and its events for the timeline.
#[derive(Default)]
struct Part {
    columns: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    events: Vec<TimelineEvent>,
}

type Build = fn(&Source) -> Result<Part>;

/// The sections in print order: (key, title without its number, build).
const SECTIONS: [(&str, &str, Build); 9] = [
    ("positions", "任职经历", positions),
    ("talks", "谈话记录", talks),
    ("letters", "收到的函件", letters),
    ("sanctions", "处分", sanctions),
    ("family_changes", "家庭重大变动", family_changes),
    ("findings", "监督发现问题", findings),
    ("clues", "问题线索", clues),
    ("risk_points", "廉政风险点", risk_points),
    ("assessments", "所在单位考核情况", assessments),
];

const NUMERALS: [&str; 12] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
const EMPTY_NOTE: &str = "暂无记录";

/// One person's 廉政档案 as it stands on `ctx`'s day. Reads only; see [`open_person_file`] for
/// the audited opening.
pub fn person_file(conn: &Connection, ctx: &Ctx, person_id: &str) -> Result<PersonFile> {
    let detail = person_detail(conn, ctx, person_id)?;
    let src = Source { conn, ctx, detail: &detail };
    let mut sections = Vec::with_capacity(SECTIONS.len());
    let mut timeline = Vec::new();
    for (i, (key, title, build)) in SECTIONS.iter().enumerate() {
        let part = build(&src)?;
        timeline.extend(part.events);
        sections.push(FileSection {
            key: (*key).to_string(),
            title: format!("{}、{title}", NUMERALS.get(i).copied().unwrap_or("")),
            columns: part.columns.iter().map(|c| c.to_string()).collect(),
            rows: part.rows,
            empty_note: EMPTY_NOTE.to_string(),
        });
    }
    // Newest first; undated events last; the sections' own order among equals (stable sort).
    timeline.sort_by(|a, b| match (a.date.is_empty(), b.date.is_empty()) {
        (false, false) => b.date.cmp(&a.date),
        (x, y) => x.cmp(&y),
    });
    let p = &detail.person;
    let office = common::office_in(conn)?;
    Ok(PersonFile {
        person_id: p.id.clone(),
        name: p.name.clone(),
        gender: p.gender.map(|g| store::label(&g)).unwrap_or_default(),
        birth: p.birth_date.as_deref().map(cn_date).unwrap_or_default(),
        current_post: current_post(&detail.positions),
        office_name: office.full_names.first().cloned().unwrap_or_default(),
        printed_on: crate::letters::chinese_date(ctx.today()),
        sections,
        timeline,
    })
}

/// The file as the person page opens it: built and its opening logged (查阅廉政档案) in one
/// transaction.
pub fn open_person_file(db: &mut Db, ctx: &Ctx, person_id: &str) -> Result<PersonFile> {
    common::in_read_tx(db, |tx| {
        let file = person_file(tx, ctx, person_id)?;
        audit::<()>(tx, ctx, VIEW_FILE, "person", &file.person_id, None, None)?;
        Ok(file)
    })
}

/// The printed file for the preview; looking at it is logged as an opening.
pub fn person_file_pdf(db: &mut Db, ctx: &Ctx, fonts: &FontSet, person_id: &str) -> Result<Vec<u8>> {
    common::in_read_tx(db, |tx| {
        let file = person_file(tx, ctx, person_id)?;
        let bytes = crate::pdf::render_person_file(fonts, &file)?;
        audit::<()>(tx, ctx, VIEW_FILE, "person", &file.person_id, None, None)?;
        Ok(bytes)
    })
}

/// Prints the file to `path` (whole or not at all) and logs it (打印廉政档案, with the file
/// written) in the same transaction; if the log cannot be written the file is removed again.
pub fn save_person_file_pdf(db: &mut Db, ctx: &Ctx, fonts: &FontSet, person_id: &str, path: &Path) -> Result<PathBuf> {
    let tx = db.write_for_reading()?; // a 查阅员 may print a file too
    let file = person_file(&tx, ctx, person_id)?;
    let bytes = crate::pdf::render_person_file(fonts, &file)?;
    common::write_file(path, &bytes)?;
    let printed = serde_json::json!({ "file": path.display().to_string() });
    let logged = audit(&tx, ctx, PRINT_FILE, "person", &file.person_id, None, Some(&printed)).and_then(|_| Ok(tx.commit()?));
    if let Err(e) = logged {
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    Ok(path.to_path_buf())
}

/// The person meant by `key` on the command line: an id, or the exact name of one live person.
/// Two live people of that name are refused, each listed with unit, post and id.
pub fn find_person(conn: &Connection, ctx: &Ctx, key: &str) -> Result<String> {
    let key = key.trim();
    if key.is_empty() {
        return Err(Error::invalid("person", "请给出干部姓名或编号"));
    }
    if store::org::person_get(conn, key)?.is_some() {
        return Ok(key.to_string());
    }
    let mut stmt = conn.prepare("SELECT id FROM person WHERE name = ?1 AND voided_at IS NULL ORDER BY id")?;
    let ids: Vec<String> = stmt.query_map([key], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    match ids.as_slice() {
        [] => Err(Error::invalid("person", format!("没有找到姓名或编号为“{key}”的干部"))),
        [one] => Ok(one.clone()),
        many => {
            let mut lines = Vec::new();
            for id in many {
                let d = person_detail(conn, ctx, id)?;
                let post = current_post(&d.positions);
                let post = if post.is_empty() { "无现任职务".to_string() } else { post };
                lines.push(format!("  {}　{}　编号 {}", d.person.name, post, id));
            }
            Err(Error::invalid(
                "person",
                format!("有 {} 名干部都叫“{key}”，请改用编号：\n{}", many.len(), lines.join("\n")),
            ))
        }
    }
}

fn person_detail(conn: &Connection, ctx: &Ctx, id: &str) -> Result<PersonDetail> {
    crate::service::org::person_detail_in(conn, ctx, id)
}

/// Current posts as "单位 职务", joined with "；".
fn current_post(positions: &[PositionView]) -> String {
    positions.iter().filter(|p| p.current).map(|p| format!("{} {}", p.unit_name, p.position.title)).collect::<Vec<_>>().join("；")
}

/// `YYYY-MM-DD` as "2026年3月1日"; anything else as it is.
fn cn_date(raw: &str) -> String {
    parse_date(raw).map(crate::letters::chinese_date).unwrap_or_else(|| raw.to_string())
}

fn cn_opt(raw: Option<&str>) -> String {
    raw.map(cn_date).unwrap_or_default()
}

fn event(date: Option<&str>, kind: &str, title: String, detail: String, link: (&str, &str)) -> TimelineEvent {
    let date = date.unwrap_or("").to_string();
    TimelineEvent {
        date_label: if date.is_empty() { "日期不详".into() } else { cn_date(&date) },
        date,
        kind: kind.to_string(),
        title,
        detail,
        link: RecordLink { kind: link.0.to_string(), id: link.1.to_string() },
    }
}

// ---------------------------------------------------------------- the sections

fn positions(s: &Source) -> Result<Part> {
    let today = s.ctx.today_str();
    let mut part = Part { columns: vec!["任职单位", "职务", "职级", "身份", "分管工作", "任职时间"], ..Part::default() };
    for pv in s.detail.positions.iter().filter(|p| p.position.meta.voided_at.is_none()) {
        let p = &pv.position;
        let role = match (p.is_head, p.is_leadership) {
            (true, _) => "一把手",
            (false, true) => "班子成员",
            _ => "",
        };
        let start = p.start_date.as_deref().map(cn_date).unwrap_or_else(|| "日期不详".into());
        // Two lines, the start and the end ("今" while held), so the column stays a date wide.
        let period = format!("{start}至\n{}", p.end_date.as_deref().map(cn_date).unwrap_or_else(|| "今".into()));
        part.rows.push(vec![pv.unit_name.clone(), p.title.clone(), p.rank.clone(), role.into(), p.portfolio.clone(), period]);
        let post = format!("{} {}", pv.unit_name, p.title);
        let detail = if role.is_empty() { String::new() } else { role.to_string() };
        part.events.push(event(p.start_date.as_deref(), "任职", post.clone(), detail, ("unit", &p.unit_id)));
        if let Some(end) = p.end_date.as_deref().filter(|e| *e < today.as_str()) {
            part.events.push(event(Some(end), "离任", post, format!("任职自{start}起"), ("unit", &p.unit_id)));
        }
    }
    Ok(part)
}

fn talks(s: &Source) -> Result<Part> {
    let filter = TalkFilter { person_id: Some(s.detail.person.id.clone()), ..TalkFilter::default() };
    let mut rows = store::talks::talk_rows(s.conn, &filter, &s.ctx.today_str())?;
    // A planned talk has not happened: it is on the plan, not in the file.
    rows.retain(|t| t.state != TalkState::Planned);
    rows.sort_by(|a, b| b.date.cmp(&a.date));
    let mut part = Part { columns: vec!["谈话日期", "谈话类型", "谈话人", "时任单位", "办理情况"], ..Part::default() };
    for t in rows {
        let state = match (t.state, t.open_items, t.overdue_items) {
            (_, open, overdue) if overdue > 0 => format!("{}（{open}项未销号，{overdue}项逾期）", t.state.label()),
            (_, open, _) if open > 0 => format!("{}（{open}项未销号）", t.state.label()),
            (st, _, _) => st.label().to_string(),
        };
        part.rows.push(vec![cn_date(&t.date), t.kind.label().into(), t.conductor.clone(), t.units.clone(), state.clone()]);
        let detail = [format!("谈话人：{}", t.conductor), state].into_iter().filter(|x| !x.ends_with('：')).collect::<Vec<_>>().join("；");
        part.events.push(event(Some(&t.date), "谈话", t.kind.label().into(), detail, ("talk", &t.id)));
    }
    Ok(part)
}

fn letters(s: &Source) -> Result<Part> {
    let filter = LetterFilter { person_id: Some(s.detail.person.id.clone()), ..LetterFilter::default() };
    let mut rows = store::letters::letter_rows(s.conn, &filter, s.ctx.today())?;
    // A draft was never sent.
    rows.retain(|l| l.state != LetterState::Draft);
    rows.sort_by(|a, b| b.signed_date.cmp(&a.signed_date));
    let mut part = Part { columns: vec!["文号", "函件类型", "标题", "签发日期", "办理情况"], ..Part::default() };
    for l in rows {
        let state = if l.overdue { "逾期未复".to_string() } else { store::label(&l.state) };
        let number = l.number.clone().unwrap_or_default();
        part.rows.push(vec![number.clone(), l.kind.label().into(), l.title.clone(), cn_opt(l.signed_date.as_deref()), state.clone()]);
        let detail = [number, state].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join("；");
        part.events.push(event(l.signed_date.as_deref(), "收到函件", l.title.clone(), detail, ("letter", &l.id)));
    }
    Ok(part)
}

fn sanctions(s: &Source) -> Result<Part> {
    let mut part = Part { columns: vec!["决定日期", "处分", "决定机关及文号", "事由", "影响期"], ..Part::default() };
    for v in s.detail.sanctions.iter().filter(|v| v.sanction.meta.voided_at.is_none()) {
        let sa = &v.sanction;
        let kind = match sa.probation_months {
            Some(m) => format!("{}（{m}个月）", v.kind_label),
            None => v.kind_label.clone(),
        };
        let effect = match (sa.effect_end.as_deref(), v.in_effect) {
            (Some(end), true) => format!("影响期内\n至{}", cn_date(end)),
            (Some(end), false) => format!("已届满\n至{}", cn_date(end)),
            (None, _) => "无影响期".to_string(),
        };
        let decided_by = [sa.deciding_body.clone(), sa.decision_number.clone()].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join("\n");
        part.rows.push(vec![cn_date(&sa.decision_date), format!("{}\n{kind}", sa.category.label()), decided_by, sa.reason.clone(), effect.clone()]);
        let detail = [sa.decision_number.clone(), effect.replace('\n', "，")].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join("；");
        part.events.push(event(Some(&sa.decision_date), "处分", format!("{} {kind}", sa.category.label()), detail, ("sanction", &sa.id)));
    }
    Ok(part)
}

fn family_changes(s: &Source) -> Result<Part> {
    let mut part = Part { columns: vec!["事项类别", "发生日期", "报告日期", "具体情况"], ..Part::default() };
    for v in s.detail.family_changes.iter().filter(|v| v.change.meta.voided_at.is_none()) {
        let c = &v.change;
        // 逾期报告 as the core decided it (`model::family::is_late_report`).
        let reported = if v.late { format!("{}\n逾期报告（{}天）", cn_date(&c.reported_date), v.report_days) } else { cn_date(&c.reported_date) };
        part.rows.push(vec![c.kind.clone(), cn_date(&c.event_date), reported, c.description.clone()]);
        let detail = if v.late { format!("逾期报告（事后{}天报告）", v.report_days) } else { format!("{}报告", cn_date(&c.reported_date)) };
        part.events.push(event(Some(&c.event_date), "家庭重大变动", c.kind.clone(), detail, ("person", &c.person_id)));
    }
    Ok(part)
}

// ---- findings and clues
fn findings(s: &Source) -> Result<Part> {
    let mut part = Part { columns: vec!["发现日期", "问题来源", "问题描述", "严重程度", "整改情况"], ..Part::default() };
    for r in s.detail.findings.iter().filter(|r| r.finding.meta.voided_at.is_none()) {
        let f = &r.finding;
        // The core's status, with the items behind it (整改中（2项未销号，1项逾期）).
        let state = match (r.open_items, r.overdue_items) {
            (open, overdue) if overdue > 0 => format!("{}（{open}项未销号，{overdue}项逾期）", store::label(&r.status)),
            (open, _) if open > 0 => format!("{}（{open}项未销号）", store::label(&r.status)),
            _ => store::label(&r.status),
        };
        part.rows.push(vec![cn_date(&f.found_date), f.source.clone(), f.description.clone(), store::label(&f.seriousness), state.clone()]);
        let title = format!("{}发现问题（{}）", f.source, store::label(&f.seriousness));
        part.events.push(event(Some(&f.found_date), "发现问题", title, state, ("finding", &f.id)));
    }
    Ok(part)
}

fn clues(s: &Source) -> Result<Part> {
    let mut part = Part { columns: vec!["受理日期", "线索来源", "反映的主要问题", "处置方式", "办理结果"], ..Part::default() };
    for r in s.detail.clues.iter().filter(|r| r.clue.meta.voided_at.is_none()) {
        let c = &r.clue;
        let disposal = match (&c.disposal, c.disposal_date.as_deref()) {
            (Some(d), Some(on)) => format!("{}\n{}", store::label(d), cn_date(on)),
            (Some(d), None) => store::label(d),
            (None, _) => "未处置".to_string(),
        };
        let mut result = c.result.clone();
        if let Some(date) = r.talk_date.as_deref() {
            let talk = format!("{}谈话函询", cn_date(date));
            result = if result.is_empty() { talk } else { format!("{talk}；{result}") };
        }
        part.rows.push(vec![cn_date(&c.received_date), c.source.clone(), c.summary.clone(), disposal.clone(), result]);
        part.events.push(event(Some(&c.received_date), "问题线索", format!("受理{}线索", c.source), disposal.replace('\n', "，"), ("clue", &c.id)));
    }
    Ok(part)
}
// ---- end findings and clues

fn risk_points(s: &Source) -> Result<Part> {
    let mut part = Part { columns: vec!["风险类别", "所在岗位", "表现形式", "风险等级", "防控措施", "复核日期"], ..Part::default() };
    for v in s.detail.risk_points.iter().filter(|v| v.point.meta.voided_at.is_none()) {
        let r = &v.point;
        let post = match &v.position_title {
            Some(t) => format!("{} {t}", v.unit_name),
            None => v.unit_name.clone(),
        };
        // The level in words with its colour's name, readable in black and white.
        let level = format!("{}（{}）", r.level.label(), v.level_colour_name);
        let review = match (r.review_date.as_deref(), v.review_due) {
            (Some(d), true) => format!("{}\n待复核", cn_date(d)),
            (Some(d), false) => cn_date(d),
            (None, _) => String::new(),
        };
        part.rows.push(vec![r.category.clone(), post, r.description.clone(), level.clone(), r.measures.clone(), review]);
        let date = r.meta.created_at.get(..10).map(str::to_string);
        part.events.push(event(date.as_deref(), "廉政风险点", format!("{}：{}", r.category, level), r.description.clone(), ("unit", &r.unit_id)));
    }
    Ok(part)
}

fn assessments(s: &Source) -> Result<Part> {
    let mut part = Part { columns: vec!["年度", "单位", "时任职务", "考核等次", "得分", "备注"], ..Part::default() };
    for a in &s.detail.unit_ratings {
        let score = a.score.map(|x| format!("{x}")).unwrap_or_default();
        part.rows.push(vec![format!("{}年度", a.year), a.unit_name.clone(), a.title.clone(), a.rating.clone(), score, a.remark.clone()]);
        let mut e = event(
            Some(&format!("{:04}-12-31", a.year)),
            "单位考核",
            format!("{}{}年度考核：{}", a.unit_name, a.year, a.rating),
            format!("时任{}", a.title),
            ("unit", &a.unit_id),
        );
        e.date_label = format!("{}年度", a.year);
        part.events.push(e);
    }
    Ok(part)
}
