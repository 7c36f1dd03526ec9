//! The demo county's letters: every built-in template signed last year and this year (relative to
//! today), delivered, replied and closed, some 逾期未复 with a 催办, one voided and re-issued, one
//! draft, and rectification items from letters — written through the same service functions as
//! a clerk's work, each on its own day, inside `demo::load`'s transaction.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::Transaction;

use crate::calendar::Calendar;
use crate::clock::Ctx;
use crate::error::Result;
use crate::model::letters::*;
use crate::model::items::{ItemInput, OriginKind};
use crate::model::validate::format_date;
use crate::model::Office;
use crate::service::letters::{
    close_letter_in, deliver_letter_in, fill_template_in, next_holiday, follow_up_letter_in, record_reply_in, save_letter_in, sign_batch_in, sign_letter_in, void_letter_in,
};
use crate::service::common::{calendar, office_in};
use crate::service::items::{close_item_in, save_item_in};
use crate::store::{self, audit, letters as st};

const REMINDER: &str = "2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a01";
const HOLIDAY: &str = "2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a02";
const AFTER_SUMMONS: &str = "2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a03";
const RECTIFY: &str = "2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a04";

/// The demo office's letterhead, set only where the office has not set its own.
fn office(existing: Office) -> Office {
    let mut o = existing;
    if o.full_names.iter().all(|n| n.trim().is_empty()) {
        o.full_names = vec![format!("中共{}纪律检查委员会", super::org::COUNTY), format!("{}监察委员会", super::org::COUNTY)];
    }
    if o.agency_code.trim().is_empty() {
        o.agency_code = "云纪函".into();
    }
    if o.contact_person.trim().is_empty() {
        o.contact_person = "林晓".into();
    }
    if o.contact_phone.trim().is_empty() {
        o.contact_phone = "0576-85123456".into();
    }
    o
}

struct Demo<'a> {
    tx: &'a Transaction<'a>,
    ctx: &'a Ctx,
    cal: Calendar,
    today: NaiveDate,
}

/// (unit id, person id) of a current 一把手.
type Head = (String, String);

impl Demo<'_> {
    /// The clock on `d`, so fields ({年份}, {节日}) and date checks read as they did that day.
    fn on(&self, d: NaiveDate) -> Ctx {
        Ctx { actor: self.ctx.actor.clone(), now: d.and_time(self.ctx.now.time()) }
    }

    /// The working day on or after `d`, but not after today.
    fn workday(&self, d: NaiveDate) -> NaiveDate {
        let mut d = d;
        while !self.cal.is_workday(d) && d < self.today {
            d = d.succ_opt().unwrap_or(d);
        }
        d.min(self.today)
    }

    /// A working day of last year: month and day as given.
    fn last_year(&self, month: u32, day: u32) -> NaiveDate {
        let d = NaiveDate::from_ymd_opt(self.today.year() - 1, month, day).unwrap_or(self.today);
        self.workday(d)
    }

    /// A working day `days` ago, kept inside this year.
    fn this_year(&self, days: u64) -> NaiveDate {
        let first = NaiveDate::from_ymd_opt(self.today.year(), 1, 1).unwrap_or(self.today);
        let d = self.today.checked_sub_days(Days::new(days)).unwrap_or(self.today).max(first);
        self.workday(d)
    }

    fn after(&self, d: NaiveDate, workdays: u32) -> NaiveDate {
        self.cal.add_workdays(d, workdays).date.min(self.today)
    }

    /// A letter from a template to one head, its leftover fields given plain wording, signed on `d`.
    fn sign(&self, template: &str, who: &Head, d: NaiveDate) -> Result<Letter> {
        let ctx = self.on(d);
        let t = st::template_get(self.tx, template)?.ok_or_else(|| crate::Error::not_found("函件模板"))?;
        let mut input = fill_template_in(self.tx, &ctx, &t, &Some(who.0.clone()), &Some(who.1.clone()))?;
        plain(&mut input);
        let draft = save_letter_in(self.tx, &ctx, input)?;
        sign_letter_in(self.tx, &ctx, &draft.id, &format_date(d), None)
    }

    /// A batch from a template's text (the holiday named as it was that day, or plainly "节日"
    /// past the years the calendar knows), filled per recipient.
    fn batch(&self, template: &str, heads: &[Head], d: NaiveDate) -> Result<Vec<Letter>> {
        let ctx = self.on(d);
        let t = st::template_get(self.tx, template)?.ok_or_else(|| crate::Error::not_found("函件模板"))?;
        let holiday = next_holiday(self.tx, d)?;
        let holiday = if holiday.is_empty() { "节日".to_string() } else { holiday };
        let mut base = LetterInput {
            id: None,
            kind: t.kind,
            template_id: Some(t.id.clone()),
            title: t.title.replace("{节日}", &holiday),
            recipient_unit_id: None,
            recipient_person_id: None,
            recipient: String::new(),
            body: t.body.replace("{节日}", &holiday),
            cc: t.cc.clone(),
            contact: String::new(),
            reply_due_date: None,
            reply_due_workdays: t.reply_workdays,
        };
        plain(&mut base);
        let recipients = heads.iter().map(|(u, p)| LetterRecipient { unit_id: Some(u.clone()), person_id: Some(p.clone()) }).collect();
        sign_batch_in(self.tx, &ctx, BatchInput { template_id: None, base: Some(base), recipients, date: format_date(d) })
    }

    fn deliver(&self, l: &Letter, d: NaiveDate) -> Result<Letter> {
        deliver_letter_in(self.tx, &self.on(d), &l.id, &format_date(d))
    }

    fn reply(&self, l: &Letter, d: NaiveDate, number: &str, summary: &str) -> Result<Letter> {
        record_reply_in(self.tx, &self.on(d), &l.id, &format_date(d), number, summary)
    }

    fn close(&self, l: &Letter, d: NaiveDate) -> Result<Letter> {
        close_letter_in(self.tx, &self.on(d), &l.id, &format_date(d))
    }

    /// Items from a letter, from the problems it names.
    fn items(&self, l: &Letter, who: &Head, d: NaiveDate, problems: &[&str]) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for (k, p) in problems.iter().enumerate() {
            let item = save_item_in(
                self.tx,
                &self.on(d),
                ItemInput {
                    id: None,
                    origin_kind: OriginKind::Letter,
                    origin_id: l.id.clone(),
                    problem: p.to_string(),
                    measure: ["制定整改方案，明确责任人和完成时限，逐项销号", "健全制度，每季度开展一次自查"][k % 2].to_string(),
                    responsible_person_id: Some(who.1.clone()),
                    responsible_unit_id: Some(who.0.clone()),
                    due_date: None,
                    due_workdays: Some([20, 30][k % 2]),
                },
            )?;
            ids.push(item.id);
        }
        Ok(ids)
    }
}

/// Fields the records cannot fill in the demo get wording that reads well without them.
fn plain(input: &mut LetterInput) {
    for s in [&mut input.title, &mut input.body] {
        *s = s.replace("{节日}", "节日").replace("{问题}", "落实“三重一大”集体决策制度不严格；对班子成员日常监督偏软。");
    }
}

pub fn load_in(tx: &Transaction, ctx: &Ctx) -> Result<()> {
    let before = office_in(tx)?;
    let after = office(before.clone());
    if after != before {
        store::put_setting(tx, "office", &serde_json::to_string(&after)?)?;
        audit(tx, ctx, "update", "office", "office", Some(&before), Some(&after))?;
    }
    let heads = st::heads_with_names(tx, &ctx.today_str())?;
    let of = |category: &str| -> Vec<Head> {
        heads.iter().filter(|h| h.6 == category).map(|h| (h.1.clone(), h.0.clone())).collect()
    };
    let towns = of("乡镇(街道)");
    let party = of("党委部门");
    let gov = of("政府部门");
    if towns.len() < 2 || party.len() < 4 || gov.len() < 6 {
        return Ok(());
    }
    // Heads talked to in a 约谈 (units rated 基本合格): the 督办函 go to them.
    let summoned: Vec<Head> = {
        let mut stmt = tx.prepare(
            "SELECT DISTINCT s.person_id FROM talk t JOIN talk_subject s ON s.talk_id = t.id \
             WHERE t.kind = '约谈' AND t.state <> '计划' AND t.voided_at IS NULL AND s.voided_at IS NULL ORDER BY t.date",
        )?;
        let people: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        people.iter().filter_map(|p| heads.iter().find(|h| &h.0 == p).map(|h| (h.1.clone(), h.0.clone()))).collect()
    };
    let pick = |list: &[Head], k: usize| list[k % list.len()].clone();
    let summoned_or = |k: usize| if summoned.is_empty() { pick(&gov, k) } else { pick(&summoned, k) };
    let demo = Demo { tx, ctx, cal: calendar(tx)?, today: ctx.today() };

    // ---- last year, in signing order (numbers follow the calendar)
    // 落实“两个责任”提醒函 to every 乡镇党委书记: delivered next day, replied, closed.
    let d = demo.last_year(3, 12);
    for (k, l) in demo.batch(REMINDER, &towns, d)?.iter().enumerate() {
        let got = demo.after(d, 1);
        demo.deliver(l, got)?;
        let replied = demo.after(got, 8 + k as u32);
        demo.reply(l, replied, &format!("{}党〔{}〕{}号", short(l), got.year(), 10 + k), "已召开党委会专题传达学习，制定落实“两个责任”清单，明确班子成员“一岗双责”。")?;
        demo.close(l, demo.after(replied, 5))?;
    }
    // 约谈后督办函 with two items, both closed, the letter closed.
    let who = summoned_or(0);
    let d = demo.last_year(5, 18);
    let l = demo.sign(AFTER_SUMMONS, &who, d)?;
    let got = demo.after(d, 2);
    demo.deliver(&l, got)?;
    let items = demo.items(&l, &who, got, &["“三重一大”事项会前酝酿不充分", "对班子成员日常监督偏软"])?;
    let replied = demo.after(got, 18);
    demo.reply(&l, replied, "", "已逐项制定整改措施，修订“三重一大”决策实施办法，建立班子成员谈心谈话台账。")?;
    let closed = demo.after(replied, 10);
    for id in items {
        close_item_in(tx, &demo.on(closed), &id, &format_date(closed), "报送修订后的制度文件及会议记录。")?;
    }
    demo.close(&l, closed)?;
    // 节前廉洁提醒函 before 国庆: no reply asked; delivered, closed.
    let d = demo.last_year(9, 24);
    for l in demo.batch(HOLIDAY, &party[..4], d)? {
        demo.deliver(&l, demo.after(d, 1))?;
        demo.close(&l, demo.after(d, 3))?;
    }
    // 整改提示函, replied, waiting for 销号.
    let who = pick(&gov, 3);
    let d = demo.last_year(11, 10);
    let l = demo.sign(RECTIFY, &who, d)?;
    let got = demo.after(d, 1);
    demo.deliver(&l, got)?;
    demo.reply(&l, demo.after(got, 9), &format!("{}〔{}〕3号", short(&l), got.year()), "已完成公务用车专项自查，追回违规报销费用。")?;
    // A 提醒函 in December never answered: 逾期未复 since.
    let who = pick(&gov, 4);
    let d = demo.last_year(12, 8);
    let l = demo.sign(REMINDER, &who, d)?;
    demo.deliver(&l, demo.after(d, 1))?;

    // ---- this year
    // 节前廉洁提醒函 to the party departments.
    let d = demo.this_year(120);
    for l in demo.batch(HOLIDAY, &party[..4], d)? {
        demo.deliver(&l, demo.after(d, 1))?;
        demo.close(&l, demo.after(d, 2))?;
    }
    // 约谈后督办函 with two items, one still open: replied, not yet closed.
    let who = summoned_or(1);
    let d = demo.this_year(90);
    let l = demo.sign(AFTER_SUMMONS, &who, d)?;
    let got = demo.after(d, 1);
    demo.deliver(&l, got)?;
    let items = demo.items(&l, &who, got, &["巡察反馈问题整改进度滞后", "干部选拔任用动议环节记录不完整"])?;
    let replied = demo.after(got, 15);
    demo.reply(&l, replied, "", "已制定整改方案，巡察反馈问题已完成整改8项，剩余2项正在推进。")?;
    if let Some(first) = items.first() {
        let closed = demo.after(replied, 5);
        close_item_in(tx, &demo.on(closed), first, &format_date(closed), "报送整改报告及销号材料。")?;
    }
    // 落实“两个责任”提醒函 to six government departments: some replied, one 逾期未复, one voided
    // (wrong recipient) and re-issued under a new number.
    let d = demo.this_year(60);
    let batch = demo.batch(REMINDER, &gov[..6], d)?;
    for (k, l) in batch.iter().enumerate() {
        match k {
            0..=2 => {
                let got = demo.after(d, 1);
                demo.deliver(l, got)?;
                demo.reply(l, demo.after(got, 10 + k as u32), &format!("{}〔{}〕{}号", short(l), got.year(), 20 + k), "已对照提醒事项逐项自查，形成落实“两个责任”情况报告。")?;
            }
            3 => {
                demo.deliver(l, demo.after(d, 2))?;
            }
            4 => {
                void_letter_in(tx, &demo.on(d), &l.id, "主送单位名称有误，已重新签发")?;
                let again = demo.sign(REMINDER, &pick(&gov, 4), d)?;
                demo.deliver(&again, demo.after(d, 1))?;
            }
            _ => {
                demo.deliver(l, demo.after(d, 1))?;
            }
        }
    }
    // 整改提示函 left unanswered, and the 催办 that followed.
    let who = pick(&towns, 1);
    let d = demo.this_year(45);
    let l = demo.sign(RECTIFY, &who, d)?;
    demo.deliver(&l, demo.after(d, 1))?;
    let pressed = demo.this_year(5);
    let follow = follow_up_letter_in(tx, &demo.on(pressed), &l.id)?;
    sign_letter_in(tx, &demo.on(pressed), &follow.id, &format_date(pressed), None)?;
    // A draft for the next holiday, not yet signed.
    let t = st::template_get(tx, HOLIDAY)?.ok_or_else(|| crate::Error::not_found("函件模板"))?;
    let who = pick(&towns, 2);
    let mut input = fill_template_in(tx, ctx, &t, &Some(who.0.clone()), &Some(who.1.clone()))?;
    plain(&mut input);
    save_letter_in(tx, ctx, input)?;
    Ok(())
}

/// A reply's 文号 prefix from the letter's 主送, e.g. 县水利局党组书记… → 水利局.
fn short(l: &Letter) -> String {
    let r = &l.recipient;
    let cut = ["党", "局长", "主任", "部长", "书记", "同志"].iter().filter_map(|m| r.find(m)).min().unwrap_or(r.len());
    let prefix = r[..cut].trim_start_matches('县');
    if prefix.is_empty() {
        "复".to_string()
    } else {
        prefix.to_string()
    }
}
