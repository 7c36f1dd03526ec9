//! The demo county's 监督发现问题 and 问题线索: findings from six sources with items open, overdue
//! and closed, and clues with each disposal — one 谈话函询 held and linked to its talk, one still
//! awaiting it. Dated relative to today, written through the same service functions as a clerk's
//! typing.

use chrono::{Days, NaiveDate};
use rusqlite::Transaction;

use crate::clock::Ctx;
use crate::error::Result;
use crate::model::clues::{ClueDisposal, ClueInput, TALK_SOURCE};
use crate::model::findings::{FindingInput, Seriousness};
use crate::model::items::{ItemInput, OriginKind};
use crate::model::talks::{TalkInput, TalkKind, TalkSubjectInput};
use crate::model::validate::format_date;
use crate::service::clues::save_clue_in;
use crate::service::findings::save_finding_in;
use crate::service::items::{add_progress_in, close_item_in, save_item_in};
use crate::service::talks::save_talk_in;
use crate::store::talks as st;

/// How an item of the demo stands today.
#[derive(Clone, Copy)]
enum Due {
    /// N 工作日 from the found date, closed `closed_after` days after it.
    Closed(i64, u64),
    /// N 工作日 from the found date, still open (overdue when that is past).
    Open(i64),
}

struct DemoFinding {
    source: &'static str,
    focus_area: Option<&'static str>,
    seriousness: Seriousness,
    days_ago: u64,
    /// Which current 一把手 (by unit order) it is about; the unit always, the person when `person`.
    head: usize,
    person: bool,
    description: &'static str,
    items: &'static [(&'static str, &'static str, Due)],
}

const FINDINGS: &[DemoFinding] = &[
    DemoFinding {
        source: "巡视巡察",
        focus_area: Some("规范行使权力"),
        seriousness: Seriousness::Serious,
        days_ago: 210,
        head: 11,
        person: true,
        description: "县委第三巡察组反馈：工程项目变更签证管理不规范，3个项目的设计变更未经党组会集体研究即组织实施，涉及金额186万元。",
        items: &[
            ("项目设计变更未经集体研究", "补充履行党组会研究程序，修订工程变更签证管理办法", Due::Closed(20, 40)),
            ("变更签证资料归档不完整", "对近三年项目变更资料逐项清理补正，建立项目档案台账", Due::Open(60)),
        ],
    },
    DemoFinding {
        source: "审计",
        focus_area: Some("落实中央八项规定精神和作风建设"),
        seriousness: Seriousness::Ordinary,
        days_ago: 95,
        head: 14,
        person: true,
        description: "经济责任审计发现：2024年度公务接待中无公函接待4批次，个别接待超标准安排陪餐人员。",
        items: &[
            ("无公函接待4批次", "责令相关人员说明情况，完善公务接待审批和公函核验制度", Due::Closed(15, 30)),
            ("接待陪餐人数超标准", "组织财务人员学习公务接待管理规定，开展接待费用专项自查", Due::Open(90)),
        ],
    },
    DemoFinding {
        source: "信访举报",
        focus_area: Some("廉洁自律和管好家属及身边人"),
        seriousness: Seriousness::Grave,
        days_ago: 45,
        head: 17,
        person: true,
        description: "群众来信反映其亲属承接本单位物业服务项目，经核查，采购过程中本人未按规定回避。",
        items: &[("采购过程中未按规定回避", "本人作出书面说明，单位重新梳理利益冲突回避事项清单", Due::Open(10))],
    },
    DemoFinding {
        source: "专项检查",
        focus_area: Some("选人用人"),
        seriousness: Seriousness::Ordinary,
        days_ago: 12,
        head: 20,
        person: false,
        description: "选人用人专项检查发现：2名干部提拔动议环节记录缺失，干部档案审核认定材料不齐全。",
        items: &[("动议环节纪实材料缺失", "补齐干部选拔任用全程纪实材料，完善动议环节记录", Due::Open(20))],
    },
    DemoFinding {
        source: "民主生活会",
        focus_area: Some("履行管党治党责任"),
        seriousness: Seriousness::Ordinary,
        days_ago: 150,
        head: 23,
        person: true,
        description: "专题民主生活会督导发现：班子成员相互批评意见空泛，查摆问题与整改措施对应不够。",
        items: &[("相互批评意见空泛", "重新梳理班子成员相互批评意见，形成整改清单报县纪委监委", Due::Closed(10, 25))],
    },
    DemoFinding {
        source: "日常监督",
        focus_area: None,
        seriousness: Seriousness::Ordinary,
        days_ago: 300,
        head: 26,
        person: true,
        description: "日常监督中发现个人有关事项报告漏报一处房产，已当面提醒并补报。",
        items: &[],
    },
];

/// A demo clue: (source, days ago received, head, disposal with days ago disposed, summary, result).
type DemoClue = (&'static str, u64, usize, Option<(ClueDisposal, u64)>, &'static str, &'static str);

const CLUES: &[DemoClue] = &[
    (
        "信访举报",
        100,
        12,
        Some((ClueDisposal::TalkInquiry, 92)),
        "反映其在农村道路建设项目中违规干预工程分包",
        "经谈话函询，本人如实说明情况，所反映问题不属实，予以采信并了结。",
    ),
    ("上级交办", 60, 15, Some((ClueDisposal::Verification, 52)), "市纪委监委转交：反映其违规收受管理服务对象礼金", "已成立核查组开展初步核实，正在调取相关账目。"),
    ("巡视巡察移交", 48, 18, Some((ClueDisposal::Deferred, 40)), "反映单位违规发放津补贴，涉及人员不明确", "反映内容笼统、线索不具体，暂存待查。"),
    ("审计移交", 130, 21, Some((ClueDisposal::Concluded, 110)), "审计发现其分管的专项资金拨付滞后", "经了解，系上级资金下达较晚所致，不存在违纪问题，予以了结。"),
    ("监督检查发现", 20, 24, Some((ClueDisposal::TalkInquiry, 14)), "反映其配偶在辖区内经营建材生意", ""),
    ("信访举报", 6, 27, None, "群众反映其在征地拆迁补偿工作中优亲厚友", ""),
];

pub(super) fn load_in(tx: &Transaction, ctx: &Ctx) -> Result<()> {
    let heads = st::current_heads(tx, &ctx.today_str())?;
    if heads.len() < 30 {
        return Ok(());
    }
    let today = ctx.today();
    let ago = |d: u64| -> NaiveDate { today.checked_sub_days(Days::new(d)).unwrap_or(today) };
    for f in FINDINGS {
        let (person, unit, _) = &heads[f.head];
        let found = ago(f.days_ago);
        let saved = save_finding_in(
            tx,
            ctx,
            FindingInput {
                id: None,
                source: f.source.into(),
                focus_area: f.focus_area.map(str::to_string),
                person_id: f.person.then(|| person.clone()),
                unit_id: Some(unit.clone()),
                found_date: format_date(found),
                description: f.description.into(),
                seriousness: f.seriousness,
            },
        )?;
        for (problem, measure, due) in f.items {
            let workdays = match due {
                Due::Closed(n, _) | Due::Open(n) => *n,
            };
            let item = save_item_in(
                tx,
                ctx,
                ItemInput {
                    id: None,
                    origin_kind: OriginKind::Finding,
                    origin_id: saved.id.clone(),
                    problem: problem.to_string(),
                    measure: measure.to_string(),
                    responsible_person_id: Some(person.clone()),
                    responsible_unit_id: None,
                    due_date: None,
                    due_workdays: Some(workdays),
                },
            )?;
            if let Due::Closed(_, after) = due {
                let mid = found.checked_add_days(Days::new(after / 2)).unwrap_or(found);
                add_progress_in(tx, ctx, &item.id, &format_date(mid), "已制定整改方案，正在逐项推进")?;
                let closed = found.checked_add_days(Days::new(*after)).unwrap_or(found);
                close_item_in(tx, ctx, &item.id, &format_date(closed), "整改报告及相关制度文件已报县纪委监委备案")?;
            }
        }
    }
    for (i, (source, received, head, disposal, summary, result)) in CLUES.iter().enumerate() {
        let (person, unit, _) = &heads[*head];
        let clue = save_clue_in(
            tx,
            ctx,
            ClueInput {
                id: None,
                source: source.to_string(),
                received_date: format_date(ago(*received)),
                person_id: Some(person.clone()),
                unit_id: Some(unit.clone()),
                summary: summary.to_string(),
                disposal: disposal.map(|(d, _)| d),
                disposal_date: disposal.map(|(_, days)| format_date(ago(days))),
                result: result.to_string(),
            },
        )?;
        // The first 谈话函询 was held and names its clue; the other still awaits its talk.
        if i == 0 {
            save_talk_in(tx, ctx, inquiry(person, &format_date(ago(85)), &clue.id))?;
        }
    }
    Ok(())
}

fn inquiry(subject: &str, date: &str, clue_id: &str) -> TalkInput {
    TalkInput {
        id: None,
        kind: TalkKind::Inquiry,
        held: true,
        date: date.to_string(),
        place: "县纪委监委谈话室".into(),
        conductor_person_id: None,
        conductor_role: "县纪委副书记、监委副主任".into(),
        recorder: "县纪委监委第二监督检查室 周敏".into(),
        attendees: String::new(),
        source: TALK_SOURCE.into(),
        focus_areas: Vec::new(),
        outline: "就群众反映的农村道路建设项目分包问题进行函询谈话，听取本人说明。".into(),
        problems: vec!["对项目分包环节的监督管理不够严格，未及时掌握施工单位转包分包情况".into()],
        remedies: vec!["十个工作日内就反映问题作出书面说明，并对在建项目分包情况开展自查".into()],
        statement: "对组织函询表示理解，如实说明了有关情况，今后严格执行工程建设管理规定。".into(),
        commitment_signed: true,
        assessment_id: None,
        clue_id: Some(clue_id.to_string()),
        subjects: vec![TalkSubjectInput { person_id: subject.to_string(), unit_id: None }],
    }
}
