//! The demo county's 廉政风险点: every level, across several units, on 一把手 and 班子成员 posts
//! and on people, one past its review date on the demo's today — written through the same
//! service function (rules, audit rows) as a clerk's typing.

use chrono::Days;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::clock::Ctx;
use crate::error::Result;
use crate::model::risks::{RiskLevel, RiskPointInput};
use crate::model::validate::format_date;
use crate::service::risks::save_risk_point_in;
use crate::store::current_position;

/// On whom a demo point sits: the head's or a deputy's post, or the head or a deputy in person.
#[derive(Clone, Copy)]
enum On {
    HeadPost,
    DeputyPost,
    Head,
    Deputy,
}

/// (unit, on, category, level, 表现形式, 防控措施, review date in days from today — negative: past)
const POINTS: &[(&str, On, &str, RiskLevel, &str, &str, i64)] = &[
    (
        "云溪县住房和城乡建设局",
        On::HeadPost,
        "工程项目",
        RiskLevel::High,
        "在工程项目招投标、设计变更和签证中插手干预，为特定施工单位谋取利益",
        "招投标全程进入县公共资源交易平台；设计变更和签证实行集体研究、分级审批；主要负责人不直接分管工程项目",
        -20,
    ),
    (
        "云溪县财政局",
        On::DeputyPost,
        "财务和大额资金审批",
        RiskLevel::High,
        "专项资金拨付审核把关不严，存在“一支笔”审批、先拨后审问题",
        "大额资金拨付经局党组会集体研究；建立资金拨付台账，每季度与国库集中支付数据核对",
        75,
    ),
    (
        "云溪县城市建设投资集团有限公司",
        On::Head,
        "国有资产",
        RiskLevel::High,
        "国有资产处置、对外投资和担保决策不透明，存在低价处置和违规担保风险",
        "资产处置一律评估后公开交易；对外投资和担保报县国资部门备案；重大事项提交董事会和党委会前置研究",
        40,
    ),
    (
        "中共云溪县委组织部",
        On::HeadPost,
        "选人用人",
        RiskLevel::Medium,
        "干部选拔任用动议、考察环节把关不严，存在“带病提拔”风险",
        "严格执行动议、民主推荐、考察、讨论决定全程纪实；拟任人选廉洁情况一律征求县纪委监委意见",
        120,
    ),
    (
        "云溪县自然资源和规划局",
        On::Deputy,
        "行政审批",
        RiskLevel::Medium,
        "建设用地规划许可、容积率调整审批中自由裁量空间大，易受请托干预",
        "规划条件调整经县规委会集体审定并公示；审批事项全部进入政务服务平台，全程留痕",
        30,
    ),
    (
        "云溪县交通运输局",
        On::DeputyPost,
        "政府采购",
        RiskLevel::Medium,
        "养护材料和设备采购化整为零规避公开招标",
        "年度采购计划年初报批；同类采购合并实施；采购结果在局门户网站公开",
        90,
    ),
    (
        "云溪县市场监督管理局",
        On::DeputyPost,
        "行政执法",
        RiskLevel::Low,
        "行政处罚自由裁量权行使不规范，同案不同罚",
        "执行行政处罚裁量基准；重大处罚案件法制审核和集体讨论；执法全过程记录",
        150,
    ),
    (
        "云溪县城关镇",
        On::HeadPost,
        "“三重一大”决策",
        RiskLevel::Low,
        "重大事项决策前酝酿不充分，会议记录不完整",
        "“三重一大”事项清单化管理，会前征求班子成员意见，会议记录由纪委书记审核签字",
        60,
    ),
];

pub(super) fn load_in(tx: &Transaction, ctx: &Ctx) -> Result<()> {
    let today = ctx.today();
    let today_s = ctx.today_str();
    for (unit, on, category, level, description, measures, review_in) in POINTS {
        let Some(head) = post(tx, unit, true, &today_s)? else { continue };
        let Some(deputy) = post(tx, unit, false, &today_s)? else { continue };
        let (person_id, position_id) = match on {
            On::HeadPost => (None, Some(head.0.clone())),
            On::DeputyPost => (None, Some(deputy.0.clone())),
            On::Head => (Some(head.1.clone()), None),
            On::Deputy => (Some(deputy.1.clone()), None),
        };
        let review = if *review_in < 0 {
            today.checked_sub_days(Days::new(review_in.unsigned_abs()))
        } else {
            today.checked_add_days(Days::new(*review_in as u64))
        }
        .unwrap_or(today);
        save_risk_point_in(
            tx,
            ctx,
            RiskPointInput {
                id: None,
                person_id,
                position_id,
                unit_id: None,
                category: category.to_string(),
                description: description.to_string(),
                level: Some(*level),
                measures: measures.to_string(),
                // The 一把手 answers for the unit's risks (第一责任人).
                responsible_person_id: Some(head.1.clone()),
                responsible_name: String::new(),
                review_date: Some(format_date(review)),
            },
        )?;
    }
    Ok(())
}

/// The first current post of `unit` (the 一把手's, or a deputy's among the 班子), as (position, person).
fn post(tx: &Transaction, unit: &str, head: bool, today: &str) -> Result<Option<(String, String)>> {
    Ok(tx
        .query_row(
            &format!(
                "SELECT po.id, po.person_id FROM position po JOIN unit u ON u.id = po.unit_id \
                 WHERE u.name = ?1 AND po.is_head = ?2 AND (?2 OR po.is_leadership = 1) AND {} ORDER BY po.start_date, po.id LIMIT 1",
                current_position("po", "?3")
            ),
            params![unit, head, today],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}
