//! The demo county's 家庭重大变动, 听取汇报 and 警示教育: family changes of several 一把手 (two of
//! them reported late, one on the 30th day), hearings of township 纪委书记 and 派驻纪检监察组 and
//! warning education sessions of real demo units over the last two years — dated relative to today
//! and written through the same service functions (rules, audit rows) as a clerk's typing.

use chrono::{Days, NaiveDate};
use rusqlite::Transaction;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::education::EducationInput;
use crate::model::family::FamilyChangeInput;
use crate::model::hearings::HearingInput;
use crate::model::validate::format_date;
use crate::service::education::save_education_in;
use crate::service::family::save_family_change_in;
use crate::service::hearings::save_hearing_in;
use crate::store::talks::current_heads;

/// (which 一把手 in unit order, kind, days before today the event was, days after it reported, 变动情况)
const CHANGES: &[(usize, &str, u64, u64, &str)] = &[
    (1, "婚姻变化", 200, 12, "本人于当日依法登记结婚，配偶系县第一中学教师，已按规定填报个人有关事项。"),
    (4, "配偶子女从业或经商变化", 150, 58, "儿子大学毕业后在本县注册成立商贸有限公司，经营建材销售，与本人分管领域存在业务往来的可能。"),
    (7, "房产或大额债务变化", 90, 30, "为子女购买市区商品住房一套，首付款由本人及配偶积蓄支付，另办理住房按揭贷款六十万元。"),
    (10, "婚丧喜庆事宜", 40, 2, "女儿结婚，婚宴规模八桌，仅邀请亲属参加，未收受管理服务对象礼金。"),
    (13, "配偶子女移居国(境)外", 420, 20, "女儿赴新西兰留学毕业后取得当地永久居留资格。"),
    (16, "亲属被追究刑事责任", 300, 45, "胞弟因交通肇事罪被县人民法院判处有期徒刑一年，缓刑一年。"),
];

const HEARING_POINTS: &[&str] = &[
    "汇报了本乡镇纪委开展同级监督的情况：对党委班子成员开展提醒谈话，列席党委会议，督促整改“三重一大”决策程序问题。",
    "汇报了派驻监督情况：对驻在部门开展政治监督和日常监督，发现并督促整改问题，处置问题线索。",
    "汇报了对同级党委“一把手”落实主体责任情况的监督，以及对村级“小微权力”运行的监督检查情况。",
];
const HEARING_FOLLOW_UPS: &[&str] = &[
    "要求进一步聚焦“一把手”和领导班子，做实做细同级监督，每季度报送监督情况。",
    "要求督促驻在部门完成问题整改，一个月内书面报送整改情况。",
    "要求建立监督台账，对发现问题逐项跟踪销号。",
];

/// (kind, title, material, participants, days before today)
const SESSIONS: &[(&str, &str, &str, i64, u64)] = &[
    ("警示教育片", "观看警示教育片《零容忍》", "组织全体党员干部观看警示教育片，并结合本单位实际开展讨论。", 86, 25),
    ("忏悔录", "学习《镜鉴——违纪违法干部忏悔录》", "印发忏悔录汇编，班子成员逐一撰写学习心得。", 42, 140),
    ("旁听庭审", "旁听原县某局局长受贿案庭审", "组织新提任科级干部和重点岗位人员旁听职务犯罪案件庭审。", 35, 230),
    ("专题讲座", "新修订《中国共产党纪律处分条例》专题辅导", "邀请县纪委监委案件审理室负责同志作专题辅导。", 120, 330),
    ("警示教育基地", "参观市廉政警示教育基地", "组织班子成员和中层干部参观警示教育基地，重温入党誓词。", 28, 450),
    ("警示教育片", "观看警示教育片《持续发力 纵深推进》", "集中观看后开展以案促改专题讨论，查摆廉政风险点。", 64, 560),
];

fn ago(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

pub(super) fn load_in(tx: &Transaction, ctx: &Ctx) -> Result<()> {
    let today = ctx.today();
    let heads = current_heads(tx, &ctx.today_str())?;
    if heads.len() <= CHANGES.iter().map(|c| c.0).max().unwrap_or(0) {
        return Err(Error::Database("示范数据中的一把手不足，无法生成家庭重大变动记录".into()));
    }
    for (i, kind, event_ago, after, text) in CHANGES {
        let event = ago(today, *event_ago);
        let reported = event.checked_add_days(Days::new(*after)).unwrap_or(event).min(today);
        save_family_change_in(
            tx,
            ctx,
            FamilyChangeInput {
                id: None,
                person_id: heads[*i].0.clone(),
                kind: kind.to_string(),
                event_date: format_date(event),
                reported_date: format_date(reported),
                description: text.to_string(),
            },
        )?;
    }
    hearings(tx, ctx, today)?;
    education(tx, ctx, today, &heads)
}

fn hearings(tx: &Transaction, ctx: &Ctx, today: NaiveDate) -> Result<()> {
    // Township 纪委书记 in post, in unit order: they report on 同级监督 of their township.
    let mut stmt = tx.prepare(
        "SELECT po.person_id, po.unit_id FROM position po JOIN unit u ON u.id = po.unit_id \
         WHERE po.title LIKE '%纪委书记%' AND po.end_date IS NULL AND po.voided_at IS NULL AND u.category = '乡镇(街道)' \
         ORDER BY u.sort_order, u.name, po.id LIMIT 4",
    )?;
    let towns: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    // Departments and the 派驻纪检监察组 that supervises each: 专题汇报 of 派驻监督.
    let mut stmt = tx.prepare(
        "SELECT id, supervisor FROM unit WHERE category = '政府部门' AND supervisor LIKE '派驻%' AND voided_at IS NULL \
         ORDER BY sort_order, name, id LIMIT 2",
    )?;
    let departments: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut entries: Vec<(&str, Option<String>, Option<String>, String)> = Vec::new();
    for (person, unit) in &towns {
        entries.push(("同级监督情况汇报", Some(unit.clone()), Some(person.clone()), String::new()));
    }
    for (unit, group) in &departments {
        entries.push(("派驻监督情况专题汇报", Some(unit.clone()), None, format!("{group}组长")));
    }
    for (n, (kind, unit_id, reporter_person_id, reporter_name)) in entries.into_iter().enumerate() {
        // 派驻 reports get the 派驻 text; the townships alternate between the other two.
        let text = if kind == "派驻监督情况专题汇报" { 1 } else { n % 2 * 2 };
        save_hearing_in(
            tx,
            ctx,
            HearingInput {
                id: None,
                date: format_date(ago(today, 45 + 110 * n as u64)),
                kind: kind.into(),
                unit_id,
                reporter_person_id,
                reporter_name,
                key_points: HEARING_POINTS[text].into(),
                follow_ups: HEARING_FOLLOW_UPS[(n + text) % HEARING_FOLLOW_UPS.len()].into(),
            },
        )?;
    }
    Ok(())
}

fn education(tx: &Transaction, ctx: &Ctx, today: NaiveDate, heads: &[(String, String, String)]) -> Result<()> {
    let mut units: Vec<(String, String)> = Vec::new();
    for (person, unit, _) in heads {
        if !units.iter().any(|(u, _)| u == unit) {
            units.push((unit.clone(), person.clone()));
        }
    }
    if units.len() < 12 {
        return Err(Error::Database("示范数据中的单位不足，无法生成警示教育记录".into()));
    }
    for (k, (kind, title, material, participants, days)) in SESSIONS.iter().enumerate() {
        // Two or three units each, spread over the county; their 一把手 named on every other session.
        let picked: Vec<&(String, String)> = (0..2 + k % 2).map(|j| &units[(k * 5 + j * 7) % units.len()]).collect();
        save_education_in(
            tx,
            ctx,
            EducationInput {
                id: None,
                date: format_date(ago(today, *days)),
                kind: kind.to_string(),
                title: title.to_string(),
                material: material.to_string(),
                participants: *participants,
                unit_ids: picked.iter().map(|(u, _)| u.clone()).collect(),
                person_ids: if k % 2 == 0 { picked.iter().map(|(_, p)| p.clone()).collect() } else { Vec::new() },
            },
        )?;
    }
    Ok(())
}
