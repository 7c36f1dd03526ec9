//! The demo county's talks: every talk type over the last two years (relative to today),
//! rectification items open, closed and overdue, and this year's talk plan — written through the
//! same service functions (rules, audit rows) as a clerk's typing, inside `demo::load`'s transaction.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::Transaction;

use crate::calendar::Calendar;
use crate::clock::Ctx;
use crate::error::Result;
use crate::model::items::*;
use crate::model::talks::*;
use crate::model::validate::format_date;
use crate::service::common::calendar;
use crate::service::items::{add_progress_in, close_item_in, save_item_in};
use crate::service::talks::{assign_plan_entry_in, fill_talk_plan_in, focus_areas, save_talk_in};
use crate::store::talks as st;

const PROBLEMS: &[&str] = &[
    "落实“第一议题”制度不够到位，理论学习与推动工作结合不紧",
    "“三重一大”事项集体决策程序不规范，个别事项会前酝酿不充分",
    "对班子成员日常监督偏软，提醒谈话开展较少",
    "公务接待和公务用车管理存在薄弱环节，报销凭证不齐全",
    "工程项目招投标监管不严，存在化整为零规避招标的情况",
    "巡察反馈问题整改进度滞后，个别问题整改不彻底",
    "民主生活会批评与自我批评辣味不足",
    "干部选拔任用程序执行不够严格，动议环节记录不完整",
];
const REMEDIES: &[&str] = &[
    "严格执行“第一议题”制度，每季度至少开展一次专题学习研讨",
    "修订“三重一大”决策实施办法，严格会前酝酿和会议记录",
    "建立班子成员廉政谈话常态化机制，每半年至少谈一次",
    "开展公务接待和公务用车专项自查自纠，完善报销审核",
    "规范工程项目招投标管理，建立项目台账逐项核查",
    "制定整改清单，明确责任人和时限，逐项销号",
    "认真开好专题民主生活会，严肃开展批评与自我批评",
    "严格执行干部选拔任用工作条例，完善全程纪实",
];

struct Demo<'a> {
    tx: &'a Transaction<'a>,
    ctx: &'a Ctx,
    cal: Calendar,
    areas: Vec<String>,
    today: NaiveDate,
    items_made: usize,
}

impl Demo<'_> {
    /// The working day on or before `days` days ago.
    fn workday_ago(&self, days: u64) -> NaiveDate {
        let mut d = self.today.checked_sub_days(Days::new(days)).unwrap_or(self.today);
        while !self.cal.is_workday(d) {
            d = d.pred_opt().unwrap_or(d);
        }
        d
    }

    #[allow(clippy::too_many_arguments)]
    fn talk(
        &mut self,
        kind: TalkKind,
        held: bool,
        date: NaiveDate,
        subject: &str,
        conductor: (Option<&str>, &str),
        source: &str,
        n_points: usize,
        seed: usize,
    ) -> Result<Talk> {
        let problems: Vec<String> = (0..n_points).map(|k| PROBLEMS[(seed + k) % PROBLEMS.len()].to_string()).collect();
        let remedies: Vec<String> = (0..n_points).map(|k| REMEDIES[(seed + k) % REMEDIES.len()].to_string()).collect();
        let areas = if self.areas.is_empty() {
            Vec::new()
        } else {
            vec![self.areas[seed % self.areas.len()].clone(), self.areas[(seed + 3) % self.areas.len()].clone()]
        };
        save_talk_in(
            self.tx,
            self.ctx,
            TalkInput {
                id: None,
                kind,
                held,
                date: format_date(date),
                place: if kind == TalkKind::Supervision { "县委常委会议室".into() } else { "县纪委监委谈话室".into() },
                conductor_person_id: conductor.0.map(str::to_string),
                conductor_role: conductor.1.to_string(),
                recorder: if held { "县纪委监委干部 林晓".into() } else { String::new() },
                attendees: if kind == TalkKind::Summons { "派驻纪检监察组组长".into() } else { String::new() },
                source: source.to_string(),
                focus_areas: areas,
                outline: if held { format!("围绕{}，听取履职情况汇报，指出问题，提出要求。", kind.label()) } else { String::new() },
                problems: if held { problems } else { Vec::new() },
                remedies: if held { remedies } else { Vec::new() },
                statement: if held { "完全接受组织谈话提醒，将认真对照检查，抓好整改落实，按期报送整改情况。".into() } else { String::new() },
                commitment_signed: held && seed.is_multiple_of(2), assessment_id: None, clue_id: None,
                subjects: vec![TalkSubjectInput { person_id: subject.to_string(), unit_id: None }],
            },
        )
    }

    /// One item per problem, deadlines in 工作日 or as a date; older ones mostly closed.
    fn items(&mut self, talk: &Talk, subject: &str) -> Result<()> {
        let talk_date = crate::model::validate::parse_date(&talk.date).unwrap_or(self.today);
        for (k, (problem, measure)) in talk.problems.iter().zip(&talk.remedies).enumerate() {
            self.items_made += 1;
            let n = self.items_made;
            let (due_date, due_workdays) = if n.is_multiple_of(3) {
                (talk_date.checked_add_days(Days::new(45)).map(format_date), None)
            } else {
                (None, Some([10, 15, 20, 30][n % 4]))
            };
            let item = save_item_in(
                self.tx,
                self.ctx,
                ItemInput {
                    id: None,
                    origin_kind: OriginKind::Talk,
                    origin_id: talk.id.clone(),
                    problem: problem.clone(),
                    measure: measure.clone(),
                    responsible_person_id: Some(subject.to_string()),
                    responsible_unit_id: None,
                    due_date,
                    due_workdays,
                },
            )?;
            let due = crate::model::validate::parse_date(&item.due_date).unwrap_or(self.today);
            let progress_on = talk_date.checked_add_days(Days::new(5 + k as u64)).unwrap_or(talk_date);
            if progress_on <= self.today {
                add_progress_in(self.tx, self.ctx, &item.id, &format_date(progress_on), "已召开班子会议专题研究，制定整改方案，明确责任分工。")?;
            }
            // Past-due items are closed, except every seventh: those stay overdue on the worklist.
            let old_enough = due.checked_add_days(Days::new(14)).is_some_and(|d| d < self.today);
            if old_enough && !n.is_multiple_of(7) {
                let closed = due.checked_sub_days(Days::new((n % 5) as u64)).unwrap_or(due).max(talk_date).max(progress_on).min(self.today);
                close_item_in(self.tx, self.ctx, &item.id, &format_date(closed), "已完成整改，报送整改情况报告及相关制度文件、会议记录等佐证材料。")?;
            }
        }
        Ok(())
    }
}

pub fn load_in(tx: &Transaction, ctx: &Ctx) -> Result<()> {
    let today = ctx.today();
    let heads = st::current_heads(tx, &ctx.today_str())?;
    if heads.is_empty() {
        return Ok(());
    }
    let mut demo = Demo { tx, ctx, cal: calendar(tx)?, areas: focus_areas(tx)?, today, items_made: 0 };
    // The organisation department's head conducts 任职谈话 (a person in the records).
    let org_head: Option<String> = tx
        .query_row(
            "SELECT po.person_id FROM position po JOIN unit u ON u.id = po.unit_id WHERE u.name = '中共云溪县委组织部' AND po.is_head = 1 AND po.end_date IS NULL",
            [],
            |r| r.get(0),
        )
        .ok();
    let superior = |unit_id: &str| -> Option<String> {
        tx.query_row(
            "SELECT po.person_id FROM unit u JOIN position po ON po.unit_id = u.parent_id WHERE u.id = ?1 AND po.is_head = 1 AND po.end_date IS NULL AND po.voided_at IS NULL",
            [unit_id],
            |r| r.get(0),
        )
        .ok()
    };

    // 监督谈话: most heads within the last 12 months, some only before that, some never.
    for (i, (person, unit, _)) in heads.iter().enumerate() {
        let sup = superior(unit);
        let conductor = match &sup {
            Some(p) => (Some(p.as_str()), ""),
            None => (None, if i % 2 == 0 { "县委书记" } else { "县委副书记、县长" }),
        };
        let days = match i % 5 {
            0..=2 => 15 + (i as u64 * 37) % 330,
            3 => 400 + (i as u64 * 13) % 200,
            _ => continue,
        };
        let date = demo.workday_ago(days);
        let talk = demo.talk(TalkKind::Supervision, true, date, person, conductor, "年度计划", 1 + i % 3, i)?;
        demo.items(&talk, person)?;
    }

    let pick = |k: usize| &heads[k % heads.len()];
    let cdi = (None, "县纪委书记、监委主任");
    // 约谈: heads of units rated 基本合格 in last year's 党风廉政建设责任制考核.
    for (n, k) in [(0usize, 5usize), (1, 11), (2, 17)] {
        let (person, _, _) = pick(k);
        let date = demo.workday_ago([20, 95, 300][n]);
        let talk = demo.talk(TalkKind::Summons, true, date, person, cdi, "考核结果", 2, k)?;
        demo.items(&talk, person)?;
    }
    // 提醒谈话, 谈话函询, 诫勉谈话 from daily supervision, 巡察 and 信访.
    for (n, k) in [(0usize, 2usize), (1, 8), (2, 14)] {
        let (person, _, _) = pick(k);
        let talk = demo.talk(TalkKind::Reminder, true, demo.workday_ago([40, 180, 500][n]), person, (None, "县纪委副书记"), ["日常监督", "巡察反馈", "审计发现"][n], 1 + n % 2, k + 1)?;
        demo.items(&talk, person)?;
    }
    for (n, k) in [(0usize, 4usize), (1, 21)] {
        let (person, _, _) = pick(k);
        let talk = demo.talk(TalkKind::Inquiry, true, demo.workday_ago([60, 420][n]), person, (None, "县纪委监委第一监督检查室主任"), "信访举报", 1, k)?;
        demo.items(&talk, person)?;
    }
    {
        let (person, _, _) = pick(9);
        let talk = demo.talk(TalkKind::Admonition, true, demo.workday_ago(250), person, cdi, "问题线索处置", 2, 9)?;
        demo.items(&talk, person)?;
    }
    // 廉政谈话 and 任前廉政谈话, 任职谈话 by the organisation department: no items.
    for (n, k) in [(0usize, 6usize), (1, 19)] {
        let (person, _, _) = pick(k);
        demo.talk(TalkKind::Integrity, true, demo.workday_ago([120, 600][n]), person, cdi, "日常监督", 0, k)?;
    }
    for (n, k) in [(0usize, 3usize), (1, 13)] {
        let (person, _, _) = pick(k);
        demo.talk(TalkKind::PreAppointmentIntegrity, true, demo.workday_ago([75, 380][n]), person, cdi, "干部任前", 0, k)?;
        let conductor = match &org_head {
            Some(p) if p != person => (Some(p.as_str()), ""),
            _ => (None, "县委组织部部长"),
        };
        demo.talk(TalkKind::Appointment, true, demo.workday_ago([70, 370][n]), person, conductor, "干部任用", 0, k)?;
    }
    // Two 监督谈话 planned for later this month (the worklist shows them).
    let month_end = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .and_then(|d| d.pred_opt())
        .unwrap_or(today);
    for k in [4usize, 9] {
        let (person, _, _) = pick(k);
        let date = today.checked_add_days(Days::new(3 + k as u64)).unwrap_or(today).min(month_end);
        demo.talk(TalkKind::Supervision, false, date, person, (None, "县委书记"), "年度计划", 0, k)?;
    }

    // This year's plan: every current 一把手, a conductor and a month each.
    fill_talk_plan_in(tx, ctx, today.year())?;
    let entries = st::plan_views(tx, today.year(), today)?;
    for (i, e) in entries.iter().enumerate() {
        let sup = e.entry.unit_id.as_deref().and_then(&superior);
        assign_plan_entry_in(
            tx,
            ctx,
            PlanEntryInput {
                id: e.entry.id.clone(),
                conductor_role: if sup.is_some() { String::new() } else { ["县委书记", "县委副书记、县长", "县委副书记"][i % 3].to_string() },
                conductor_person_id: sup,
                planned_month: Some(1 + (i as u32 * 5) % 12),
            },
        )?;
    }
    Ok(())
}
