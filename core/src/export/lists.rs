//! Each list of the app as a workbook: the same filter the page sends, the same service query the
//! page shows (so the file and the screen never disagree), the columns the page shows.

use std::path::Path;

use super::xlsx::{Cell, Sheet};
use crate::clock::Ctx;
use crate::error::Result;
use crate::model::assessments::{AssessmentFilter, AssessmentRow};
use crate::model::clues::{ClueFilter, ClueRow};
use crate::model::findings::{FindingFilter, FindingRow};
use crate::model::letters::{LetterFilter, LetterRow};
use crate::model::risks::{RiskFilter, RiskPointView};
use crate::model::talks::{TalkFilter, TalkRow};
use crate::model::worklist::DueItem;
use crate::model::PersonRow;
use crate::service;
use crate::store::{label, Db};

/// "甲 · 乙", leaving out what is missing: how the findings and clues pages name who it is about.
fn about(person: Option<&str>, unit: Option<&str>) -> String {
    [person, unit].into_iter().flatten().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")
}

// ---- 谈话台账

pub fn talks_sheet(rows: &[TalkRow]) -> Sheet {
    let mut s = Sheet::new("谈话台账", vec!["日期", "类型", "谈话对象", "单位", "谈话人", "状态", "未销号整改事项", "逾期整改事项"]);
    for r in rows {
        let state = if r.voided_at.is_some() { "已作废".to_string() } else { label(&r.state) };
        s.push(vec![
            Cell::Date(r.date.clone()),
            Cell::text(label(&r.kind)),
            Cell::text(&r.subjects),
            Cell::text(&r.units),
            Cell::text(&r.conductor),
            Cell::text(state),
            Cell::Int(r.open_items),
            Cell::Int(r.overdue_items),
        ]);
    }
    s
}

pub fn export_talks(db: &Db, ctx: &Ctx, filter: &TalkFilter, path: &Path) -> Result<usize> {
    let rows = service::talks::list_talks(db, ctx, filter)?;
    talks_sheet(&rows).save(path)?;
    Ok(rows.len())
}

// ---- 干部

pub fn people_sheet(rows: &[PersonRow]) -> Sheet {
    let mut s = Sheet::new("干部名册", vec!["姓名", "性别", "出生日期", "现任单位及职务", "一把手", "处分影响期", "状态"]);
    for r in rows {
        s.push(vec![
            Cell::text(&r.name),
            Cell::text(r.gender.as_ref().map(label).unwrap_or_default()),
            Cell::date_opt(r.birth_date.as_deref()),
            Cell::text(if r.current_titles.is_empty() { "无现任职务" } else { &r.current_titles }),
            Cell::text(if r.is_head { "是" } else { "" }),
            Cell::text_opt(r.sanction_flag.as_deref()),
            Cell::text(if r.voided_at.is_some() { "已作废" } else { "" }),
        ]);
    }
    s
}

/// The people page's search (same query text, live people then, when shown, voided ones), every
/// match: the page shows the first `SEARCH_LIMIT`, the file holds all of them.
pub fn people_matching(db: &Db, ctx: &Ctx, query: &str, with_voided: bool) -> Result<Vec<PersonRow>> {
    let today = ctx.today_str();
    let mut rows = crate::store::org::person_search(db.conn(), query, false, &today, i64::MAX)?.rows;
    if with_voided {
        rows.extend(crate::store::org::person_search(db.conn(), query, true, &today, i64::MAX)?.rows);
    }
    Ok(rows)
}

pub fn export_people(db: &Db, ctx: &Ctx, query: &str, with_voided: bool, path: &Path) -> Result<usize> {
    let rows = people_matching(db, ctx, query, with_voided)?;
    people_sheet(&rows).save(path)?;
    Ok(rows.len())
}

// ---- 工作台：7日内到期及逾期的整改事项

pub fn items_due_sheet(rows: &[DueItem]) -> Sheet {
    let mut s = Sheet::new("到期及逾期整改事项", vec!["整改问题", "来源", "责任人", "整改期限", "期限估算", "状态"]);
    for r in rows {
        let when = if r.overdue {
            format!("逾期 {} 天", -r.days_left)
        } else if r.days_left == 0 {
            "今天到期".into()
        } else {
            format!("剩 {} 天", r.days_left)
        };
        s.push(vec![
            Cell::text(&r.problem),
            Cell::text(label(&r.origin_kind)),
            Cell::text(if r.responsible.is_empty() { "未定责任人" } else { &r.responsible }),
            Cell::Date(r.due_date.clone()),
            Cell::text(if r.due_estimated { "是" } else { "" }),
            Cell::text(when),
        ]);
    }
    s
}

/// Every item of the worklist's section (which shows the first ones), soonest first.
pub fn export_items_due(db: &Db, ctx: &Ctx, path: &Path) -> Result<usize> {
    let rows = service::worklist::items_due_all(db, ctx)?;
    items_due_sheet(&rows).save(path)?;
    Ok(rows.len())
}

// ---- 函件

pub fn letters_sheet(rows: &[LetterRow]) -> Sheet {
    let mut s = Sheet::new("函件台账", vec!["文号", "类型", "标题", "主送", "签发日期", "回复期限", "状态"]);
    for r in rows {
        let state = if r.voided {
            "已作废".to_string()
        } else if r.overdue {
            format!("{}（逾期未复）", label(&r.state))
        } else {
            label(&r.state)
        };
        s.push(vec![
            Cell::text(r.number.clone().unwrap_or_else(|| "（未编号）".into())),
            Cell::text(label(&r.kind)),
            Cell::text(&r.title),
            Cell::text(&r.recipient),
            Cell::date_opt(r.signed_date.as_deref()),
            Cell::date_opt(r.reply_due_date.as_deref()),
            Cell::text(state),
        ]);
    }
    s
}

pub fn export_letters(db: &Db, ctx: &Ctx, filter: &LetterFilter, path: &Path) -> Result<usize> {
    let rows = service::letters::list_letters(db, ctx, filter)?;
    letters_sheet(&rows).save(path)?;
    Ok(rows.len())
}

// ---- 考核

pub fn assessments_sheet(rows: &[AssessmentRow]) -> Sheet {
    let mut s = Sheet::new("考核结果", vec!["年度", "单位", "一把手", "考核等次", "得分", "约谈", "备注"]);
    for r in rows {
        let summons = match (r.calls_for_summons, &r.summons_talk_date) {
            (false, _) => String::new(),
            (true, Some(d)) => format!("已约谈 {d}"),
            (true, None) => "待约谈".into(),
        };
        s.push(vec![
            Cell::Int(i64::from(r.assessment.year)),
            Cell::text(&r.unit_name),
            Cell::text_opt(r.head_name.as_deref()),
            Cell::text(&r.assessment.rating),
            r.assessment.score.map_or(Cell::Empty, Cell::Number),
            Cell::text(summons),
            Cell::text(&r.assessment.remark),
        ]);
    }
    s
}

pub fn export_assessments(db: &Db, ctx: &Ctx, filter: &AssessmentFilter, path: &Path) -> Result<usize> {
    let rows = service::assessments::list_assessments(db, ctx, filter)?;
    assessments_sheet(&rows).save(path)?;
    Ok(rows.len())
}

// ---- 廉政风险点

pub fn risks_sheet(rows: &[RiskPointView]) -> Sheet {
    let mut s =
        Sheet::new("廉政风险点", vec!["等级", "风险类别", "单位", "干部或职务", "表现形式", "防控措施", "责任领导", "复核日期", "状态"]);
    for r in rows {
        let on = match (&r.position_title, &r.person_name) {
            (Some(t), _) => match &r.position_holder_name {
                Some(h) => format!("职务：{t}（{h}）"),
                None => format!("职务：{t}"),
            },
            (None, Some(p)) => format!("干部：{p}"),
            (None, None) => String::new(),
        };
        let state = if r.point.meta.voided_at.is_some() {
            "已作废"
        } else if r.review_due {
            "待复核"
        } else {
            ""
        };
        s.push(vec![
            Cell::text(format!("{}（{}）", label(&r.point.level), r.level_colour_name)),
            Cell::text(&r.point.category),
            Cell::text(&r.unit_name),
            Cell::text(on),
            Cell::text(&r.point.description),
            Cell::text(&r.point.measures),
            Cell::text(&r.responsible),
            Cell::date_opt(r.point.review_date.as_deref()),
            Cell::text(state),
        ]);
    }
    s
}

pub fn export_risks(db: &Db, ctx: &Ctx, filter: &RiskFilter, path: &Path) -> Result<usize> {
    let rows = service::risks::register(db, ctx, filter)?;
    risks_sheet(&rows).save(path)?;
    Ok(rows.len())
}

// ---- 监督发现问题

pub fn findings_sheet(rows: &[FindingRow]) -> Sheet {
    let mut s = Sheet::new(
        "监督发现问题",
        vec!["发现日期", "问题来源", "涉及对象", "问题描述", "严重程度", "整改状态", "整改事项", "已销号", "逾期事项"],
    );
    for r in rows {
        s.push(vec![
            Cell::Date(r.finding.found_date.clone()),
            Cell::text(&r.finding.source),
            Cell::text(about(r.person_name.as_deref(), r.unit_name.as_deref())),
            Cell::text(&r.finding.description),
            Cell::text(label(&r.finding.seriousness)),
            Cell::text(label(&r.status)),
            Cell::Int(r.items_total),
            Cell::Int(r.items_total - r.open_items),
            Cell::Int(r.overdue_items),
        ]);
    }
    s
}

pub fn export_findings(db: &Db, ctx: &Ctx, filter: &FindingFilter, path: &Path) -> Result<usize> {
    let rows = service::findings::list_findings(db, ctx, filter)?;
    findings_sheet(&rows).save(path)?;
    Ok(rows.len())
}

// ---- 问题线索

pub fn clues_sheet(rows: &[ClueRow]) -> Sheet {
    let mut s = Sheet::new(
        "问题线索",
        vec!["受理日期", "线索来源", "被反映对象", "反映的主要问题", "处置方式", "处置日期", "谈话函询", "处置结果"],
    );
    for r in rows {
        let talk = match (&r.talk_date, &r.talk_state) {
            (Some(d), Some(st)) => format!("{d}（{}）", label(st)),
            (Some(d), None) => d.clone(),
            _ if r.talk_awaited => "待登记谈话函询".into(),
            _ => String::new(),
        };
        s.push(vec![
            Cell::Date(r.clue.received_date.clone()),
            Cell::text(&r.clue.source),
            Cell::text(about(r.person_name.as_deref(), r.unit_name.as_deref())),
            Cell::text(&r.clue.summary),
            Cell::text(r.clue.disposal.as_ref().map(label).unwrap_or_else(|| "未处置".into())),
            Cell::date_opt(r.clue.disposal_date.as_deref()),
            Cell::text(talk),
            Cell::text(&r.clue.result),
        ]);
    }
    s
}

pub fn export_clues(db: &Db, filter: &ClueFilter, path: &Path) -> Result<usize> {
    let rows = service::clues::list_clues(db, filter)?;
    clues_sheet(&rows).save(path)?;
    Ok(rows.len())
}

// ---- audit log

pub fn audit_sheet(rows: &[crate::model::audit::AuditRow]) -> Sheet {
    let mut s = Sheet::new("操作日志", vec!["编号", "时间", "操作人", "操作", "记录类型", "记录", "改动内容"]);
    for r in rows {
        let record = r.record_name.clone().unwrap_or_else(|| r.entity_id.clone());
        let changes = r
            .changes
            .iter()
            .map(|c| format!("{}：{} → {}", c.label, if c.before.is_empty() { "（空）" } else { &c.before }, if c.after.is_empty() { "（空）" } else { &c.after }))
            .collect::<Vec<_>>()
            .join("\n");
        s.push(vec![
            Cell::Int(r.id),
            Cell::text(&r.at),
            Cell::text(&r.actor),
            Cell::text(&r.action_label),
            Cell::text(&r.entity_label),
            Cell::text(record),
            Cell::text(changes),
        ]);
    }
    s
}

/// The audit log page's filter, every row it selects (the page shows them a page at a time).
pub fn export_audit(db: &Db, filter: &crate::model::audit::AuditFilter, path: &Path) -> Result<usize> {
    let rows = service::audit::all_rows(db, filter)?;
    audit_sheet(&rows).save(path)?;
    Ok(rows.len())
}

// ---- end audit log

// ---- 整改事项 (the items list page)

pub fn items_sheet(rows: &[crate::model::items::ItemListRow]) -> Sheet {
    let mut s = Sheet::new("整改事项", vec!["整改问题", "来源", "来源日期", "责任人（单位）", "整改期限", "期限估算", "状态", "销号日期"]);
    for r in rows {
        let state = if r.voided_at.is_some() {
            "已作废".to_string()
        } else if r.overdue {
            format!("{}（逾期）", label(&r.status))
        } else {
            label(&r.status)
        };
        s.push(vec![
            Cell::text(&r.problem),
            Cell::text(label(&r.origin_kind)),
            Cell::Date(r.origin_date.clone()),
            Cell::text(if r.responsible.is_empty() { "未定责任人" } else { &r.responsible }),
            Cell::Date(r.due_date.clone()),
            Cell::text(if r.due_estimated { "是" } else { "" }),
            Cell::text(state),
            Cell::date_opt(r.closed_date.as_deref()),
        ]);
    }
    s
}

/// The 整改事项 page's rows, with its filter, as a workbook.
pub fn export_items(db: &Db, ctx: &Ctx, filter: &crate::model::items::ItemFilter, path: &Path) -> Result<usize> {
    let rows = service::items::list_items(db, ctx, filter)?;
    items_sheet(&rows).save(path)?;
    Ok(rows.len())
}
// ---- end 整改事项
