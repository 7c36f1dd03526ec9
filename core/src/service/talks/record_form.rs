//! The 谈话记录表 of a talk, printed as a PDF.


use crate::clock::Ctx;
use crate::error::Result;
use crate::model::talks::*;
use crate::model::validate::parse_date;
use crate::service::common::get_office;
use crate::store::Db;

use super::records::talk_detail;

// ---------------------------------------------------------------- 谈话记录表

/// The 谈话记录表 of a talk as a printable form.
pub fn talk_record_doc(db: &Db, ctx: &Ctx, id: &str) -> Result<crate::pdf::TalkRecordDoc> {
    use crate::pdf::RecordRow::{Full, Pair};
    let d = talk_detail(db, ctx, id)?;
    let t = &d.talk;
    let office = get_office(db)?;
    let date = parse_date(&t.date).map(crate::letters::chinese_date).unwrap_or_else(|| t.date.clone());
    let date = if t.state == TalkState::Planned { format!("{date}（计划）") } else { date };
    let conductor = match (&t.conductor_person_id, t.conductor_role.trim()) {
        (Some(_), role) if !role.is_empty() => format!("{}（{role}）", d.conductor),
        _ => d.conductor.clone(),
    };
    let subjects: Vec<String> = d
        .subjects
        .iter()
        .map(|s| {
            let post = [s.unit_name.clone().unwrap_or_default(), s.title.clone()].iter().filter(|x| !x.is_empty()).cloned().collect::<Vec<_>>().join(" ");
            if post.is_empty() { s.person_name.clone() } else { format!("{}（{post}）", s.person_name) }
        })
        .collect();
    let numbered = |list: &[String]| list.iter().enumerate().map(|(i, p)| format!("{}. {}", i + 1, p)).collect::<Vec<_>>().join("\n");
    Ok(crate::pdf::TalkRecordDoc {
        organ_name: office.full_names.first().cloned().unwrap_or_default(),
        title: "谈话记录表".into(),
        rows: vec![
            Pair("谈话时间".into(), date, "谈话地点".into(), t.place.clone()),
            Pair("谈话人".into(), conductor, "记录人".into(), t.recorder.clone()),
            Pair("谈话类型".into(), t.kind.label().into(), "谈话事由".into(), t.source.clone()),
            Full("谈话对象及职务".into(), subjects.join("；"), 1),
            Full("列席人员".into(), t.attendees.clone(), 1),
            Full("监督重点".into(), t.focus_areas.join("、"), 1),
            Full("谈话要点".into(), t.outline.clone(), 3),
            Full("指出问题".into(), numbered(&t.problems), 3),
            Full("提出要求".into(), numbered(&t.remedies), 3),
            Full("本人表态".into(), t.statement.clone(), 2),
            Full("书面承诺".into(), if t.commitment_signed { "已签订书面承诺".into() } else { "未签订".into() }, 1),
            Pair("谈话对象签字".into(), "\n\n".into(), "谈话人签字".into(), "\n\n".into()),
        ],
    })
}

pub fn talk_record_pdf(db: &Db, ctx: &Ctx, fonts: &crate::pdf::FontSet, id: &str) -> Result<Vec<u8>> {
    Ok(crate::pdf::render_talk_record(fonts, &talk_record_doc(db, ctx, id)?)?)
}

/// Writes the 谈话记录表 to `path` (complete or not at all).
pub fn save_talk_record_pdf(db: &Db, ctx: &Ctx, fonts: &crate::pdf::FontSet, id: &str, path: &std::path::Path) -> Result<std::path::PathBuf> {
    let bytes = talk_record_pdf(db, ctx, fonts, id)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(path.to_path_buf())
}
