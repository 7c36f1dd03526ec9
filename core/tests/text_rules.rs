//! Clean text (issue 9): every text field a service accepts refuses control characters, and line
//! breaks where one line is meant; multi-line text keeps newline and tab, with Windows line ends
//! made "\n"; the length limits hold. A refusal names the field's key and starts with its label,
//! and writes nothing. One table row per field of every action, each run on a fresh database.

// A failed unwrap here shows the service's error, which is what a failing test should say.
#![allow(clippy::unwrap_used)]

use jiandu_core::calendar::{CalendarYear, Holiday};
use jiandu_core::model::items::{ItemInput, OriginKind, RectificationItem};
use jiandu_core::model::letters::*;
use jiandu_core::model::talks::*;
use jiandu_core::model::validate::{MAX_LINE_CHARS, MAX_TEXT_CHARS};
use jiandu_core::model::*;
use jiandu_core::pdf::{FontConfig, FontSet};
use jiandu_core::model::sanctions::{SanctionCategory, SanctionInput};
use jiandu_core::service::{self, calendar, items, letters, org, sanctions, talks};
// ---- 家庭重大变动、听取汇报、警示教育
use jiandu_core::model::education::EducationInput;
use jiandu_core::model::family::FamilyChangeInput;
use jiandu_core::model::hearings::HearingInput;
use jiandu_core::service::{education, family, hearings};
// ---- end 家庭重大变动、听取汇报、警示教育
// ---- findings and clues
use jiandu_core::model::clues::{ClueDisposal, ClueInput};
use jiandu_core::model::findings::{FindingInput, Seriousness};
use jiandu_core::service::{clues, findings};
// ---- end findings and clues
use jiandu_core::{Ctx, Db, Error, Result};

mod support;
use support::{at, person_input, position_input};

const TODAY: &str = "2026-03-10";

fn ctx() -> Ctx {
    at(TODAY)
}

/// Every row of every table, so "nothing written" means exactly that.
fn fingerprint(db: &Db) -> String {
    let conn = db.conn();
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            out.push_str(&t);
            for i in 0..n {
                let v: rusqlite::types::Value = row.get(i).unwrap();
                out.push_str(&format!("|{v:?}"));
            }
            out.push('\n');
        }
    }
    out
}

/// A small county: a unit with its 一把手 and a deputy, a held talk with an open item, a planned
/// talk, the year's plan, a template, a letter draft and a delivered letter awaiting its reply.
struct Fx {
    db: Db,
    ctx: Ctx,
    unit: String,
    /// A unit with nobody in it, which may be voided.
    spare_unit: String,
    head: String,
    deputy: String,
    position: String,
    talk: String,
    planned_talk: String,
    item: String,
    plan: String,
    template: String,
    draft: String,
    /// Signed, not yet delivered.
    signed: String,
    letter: String,
    /// Delivered and replied to, ready for 销号.
    replied: String,
    /// A 严重警告 of the deputy (sanctions).
    sanction: String,
    // ---- 家庭重大变动、听取汇报、警示教育
    /// A family change of the head, a hearing of the unit and an education session it took part in.
    family_change: String,
    hearing: String,
    education: String,
    // ---- end 家庭重大变动、听取汇报、警示教育
    // ---- risk points
    /// A 廉政风险点 on the head's post.
    risk_point: String,
    // ---- end risk points
    // ---- findings and clues
    finding: String,
    clue: String,
    // ---- end findings and clues
}

fn office() -> Office {
    Office {
        full_names: vec!["中共云溪县纪律检查委员会".into(), "云溪县监察委员会".into()],
        agency_code: "云纪函".into(),
        contact_person: "王䶮".into(),
        contact_phone: "0563-1234567".into(),
        operator: "测试员".into(),
    }
}

fn unit_input() -> UnitInput {
    UnitInput { short_name: "县水利局".into(), ..support::unit_input("云溪县水利局") }
}



impl Fx {
    fn new() -> Fx {
        let ctx = ctx();
        let mut db = Db::open_in_memory().unwrap();
        service::save_office(&mut db, &ctx, office()).unwrap();
        let unit = org::save_unit(&mut db, &ctx, unit_input()).unwrap().id;
        let spare_unit = org::save_unit(&mut db, &ctx, UnitInput { name: "云溪县档案馆".into(), ..unit_input() }).unwrap().id;
        let head = org::save_person(&mut db, &ctx, person_input("李明")).unwrap().id;
        let deputy = org::save_person(&mut db, &ctx, person_input("王强")).unwrap().id;
        let position = org::save_position(&mut db, &ctx, position_input(&head, &unit, "局长", true)).unwrap().id;
        org::save_position(&mut db, &ctx, position_input(&deputy, &unit, "副局长", false)).unwrap();
        let mut fx = Fx {
            db,
            ctx,
            unit,
            spare_unit,
            head,
            deputy,
            position,
            talk: String::new(),
            planned_talk: String::new(),
            item: String::new(),
            plan: String::new(),
            template: String::new(),
            draft: String::new(),
            signed: String::new(),
            letter: String::new(),
            replied: String::new(),
            sanction: String::new(),
            // ---- 家庭重大变动、听取汇报、警示教育
            family_change: String::new(),
            hearing: String::new(),
            education: String::new(),
            // ---- end 家庭重大变动、听取汇报、警示教育
            risk_point: String::new(),
            finding: String::new(),
            clue: String::new(),
        };
        let input = fx.talk_input();
        fx.talk = talks::save_talk(&mut fx.db, &fx.ctx, input).unwrap().talk.id;
        let planned = TalkInput { held: false, date: "2026-04-01".into(), ..fx.talk_input() };
        fx.planned_talk = talks::save_talk(&mut fx.db, &fx.ctx, planned).unwrap().talk.id;
        let input = fx.item_input();
        fx.item = items::save_item(&mut fx.db, &fx.ctx, input).unwrap().item.id;
        fx.plan = talks::fill_talk_plan(&mut fx.db, &fx.ctx, 2026).unwrap().plan.entries[0].entry.id.clone();
        let input = fx.template_input("测试模板");
        fx.template = letters::save_template(&mut fx.db, &fx.ctx, input).unwrap().id;
        let input = fx.letter_input();
        fx.draft = letters::save_letter(&mut fx.db, &fx.ctx, input).unwrap().letter.id;
        let input = fx.letter_input();
        let signed = letters::save_letter(&mut fx.db, &fx.ctx, input).unwrap().letter.id;
        letters::sign_letter(&mut fx.db, &fx.ctx, &signed, "2026-03-03").unwrap();
        letters::deliver_letter(&mut fx.db, &fx.ctx, &signed, "2026-03-04").unwrap();
        fx.letter = signed;
        for _ in 0..2 {
            let input = fx.letter_input();
            let id = letters::save_letter(&mut fx.db, &fx.ctx, input).unwrap().letter.id;
            letters::sign_letter(&mut fx.db, &fx.ctx, &id, "2026-03-03").unwrap();
            if fx.signed.is_empty() {
                fx.signed = id;
            } else {
                letters::deliver_letter(&mut fx.db, &fx.ctx, &id, "2026-03-04").unwrap();
                letters::record_reply(&mut fx.db, &fx.ctx, &id, "2026-03-09", "", "已整改。").unwrap();
                fx.replied = id;
            }
        }
        // -- sanctions (处分)
        let input = fx.sanction_input();
        fx.sanction = sanctions::save_sanction(&mut fx.db, &fx.ctx, input).unwrap().sanction.id;
        // -- end sanctions
        // ---- 家庭重大变动、听取汇报、警示教育
        let input = fx.family_change_input();
        fx.family_change = family::save_family_change(&mut fx.db, &fx.ctx, input).unwrap().change.id;
        let input = fx.hearing_input();
        fx.hearing = hearings::save_hearing(&mut fx.db, &fx.ctx, input).unwrap().hearing.id;
        let input = fx.education_input();
        fx.education = education::save_education(&mut fx.db, &fx.ctx, input).unwrap().education.id;
        // ---- end 家庭重大变动、听取汇报、警示教育
        // ---- risk points
        let input = fx.risk_input();
        fx.risk_point = jiandu_core::service::risks::save_risk_point(&mut fx.db, &fx.ctx, input).unwrap().point.id;
        // ---- end risk points
        // ---- findings and clues
        let input = fx.finding_input();
        fx.finding = findings::save_finding(&mut fx.db, &fx.ctx, input).unwrap().finding.id;
        let input = fx.clue_input();
        fx.clue = clues::save_clue(&mut fx.db, &fx.ctx, input).unwrap().clue.id;
        // ---- end findings and clues
        fx
    }

    // ---- 家庭重大变动、听取汇报、警示教育
    fn family_change_input(&self) -> FamilyChangeInput {
        FamilyChangeInput {
            id: None,
            person_id: self.head.clone(),
            kind: "婚姻变化".into(),
            event_date: "2026-02-01".into(),
            reported_date: "2026-02-10".into(),
            description: "依法登记结婚".into(),
        }
    }

    fn hearing_input(&self) -> HearingInput {
        HearingInput {
            id: None,
            date: "2026-03-01".into(),
            kind: "同级监督情况汇报".into(),
            unit_id: Some(self.unit.clone()),
            reporter_person_id: Some(self.deputy.clone()),
            reporter_name: String::new(),
            key_points: "汇报要点".into(),
            follow_ups: "工作要求".into(),
        }
    }

    fn education_input(&self) -> EducationInput {
        EducationInput {
            id: None,
            date: "2026-03-02".into(),
            kind: "警示教育片".into(),
            title: "观看警示教育片".into(),
            material: "集中观看".into(),
            participants: 30,
            unit_ids: vec![self.unit.clone()],
            person_ids: vec![self.head.clone()],
        }
    }
    // ---- end 家庭重大变动、听取汇报、警示教育

    // ---- risk points
    fn risk_input(&self) -> jiandu_core::model::risks::RiskPointInput {
        jiandu_core::model::risks::RiskPointInput {
            id: None,
            person_id: None,
            position_id: Some(self.position.clone()),
            unit_id: None,
            category: "工程项目".into(),
            description: "插手干预工程招投标".into(),
            level: Some(jiandu_core::model::risks::RiskLevel::High),
            measures: "集体研究".into(),
            responsible_person_id: None,
            responsible_name: "王强".into(),
            review_date: None,
        }
    }
    // ---- end risk points
    // ---- findings and clues
    fn finding_input(&self) -> FindingInput {
        FindingInput {
            id: None,
            source: "日常监督".into(),
            focus_area: Some(talks::DEFAULT_FOCUS_AREAS[0].into()),
            person_id: Some(self.head.clone()),
            unit_id: Some(self.unit.clone()),
            found_date: "2026-03-05".into(),
            description: "问题描述".into(),
            seriousness: Seriousness::Ordinary,
        }
    }

    fn clue_input(&self) -> ClueInput {
        ClueInput {
            id: None,
            source: "信访举报".into(),
            received_date: "2026-03-05".into(),
            person_id: Some(self.head.clone()),
            unit_id: None,
            summary: "反映问题".into(),
            disposal: Some(ClueDisposal::Concluded),
            disposal_date: Some("2026-03-06".into()),
            result: "予以了结".into(),
        }
    }
    // ---- end findings and clues

    fn sanction_input(&self) -> SanctionInput {
        SanctionInput {
            id: None,
            person_id: self.deputy.clone(),
            category: SanctionCategory::Party,
            kind: "严重警告".into(),
            probation_months: None,
            decision_date: "2026-03-01".into(),
            decision_number: "云纪处〔2026〕1号".into(),
            deciding_body: "中共云溪县纪律检查委员会".into(),
            reason: "违规接受宴请".into(),
            form: None,
        }
    }

    fn talk_input(&self) -> TalkInput {
        TalkInput {
            id: None,
            kind: TalkKind::Supervision,
            held: true,
            date: "2026-03-02".into(),
            place: "县纪委谈话室".into(),
            conductor_person_id: Some(self.deputy.clone()),
            conductor_role: String::new(),
            recorder: "张敏".into(),
            attendees: String::new(),
            source: "年度计划".into(),
            focus_areas: vec![talks::DEFAULT_FOCUS_AREAS[0].into()],
            outline: "提纲".into(),
            problems: vec!["问题一".into()],
            remedies: vec!["要求一".into()],
            statement: String::new(),
            commitment_signed: false, assessment_id: None, clue_id: None,
            subjects: vec![TalkSubjectInput { person_id: self.head.clone(), unit_id: None }],
        }
    }

    fn item_input(&self) -> ItemInput {
        ItemInput {
            id: None,
            origin_kind: OriginKind::Talk,
            origin_id: self.talk.clone(),
            problem: "问题一".into(),
            measure: String::new(),
            responsible_person_id: Some(self.head.clone()),
            responsible_unit_id: None,
            due_date: None,
            due_workdays: Some(10),
        }
    }

    fn template_input(&self, name: &str) -> TemplateInput {
        TemplateInput {
            id: None,
            kind: LetterKind::Reminder,
            name: name.into(),
            title: "关于有关事项的提醒函".into(),
            body: "请{收件人}同志抓好落实。".into(),
            cc: vec!["县委办公室".into()],
            reply_workdays: None,
        }
    }

    fn letter_input(&self) -> LetterInput {
        LetterInput {
            id: None,
            kind: LetterKind::Reminder,
            template_id: None,
            title: "关于有关事项的提醒函".into(),
            recipient_unit_id: Some(self.unit.clone()),
            recipient_person_id: Some(self.head.clone()),
            recipient: "县水利局局长李明同志".into(),
            body: "请抓好落实。".into(),
            cc: vec!["县委办公室".into()],
            contact: "联系人：王䶮".into(),
            reply_due_date: None,
            reply_due_workdays: Some(10),
        }
    }

    fn save_office(&mut self, o: Office) -> Result<Office> {
        service::save_office(&mut self.db, &self.ctx, o)?;
        service::get_office(&self.db)
    }

    fn save_unit(&mut self, u: UnitInput) -> Result<Unit> {
        let id = org::save_unit(&mut self.db, &self.ctx, u)?.id;
        Ok(org::unit_detail(&self.db, &self.ctx, &id)?.unit)
    }

    fn save_person(&mut self, p: PersonInput) -> Result<Person> {
        let id = org::save_person(&mut self.db, &self.ctx, p)?.id;
        Ok(org::person_detail(&self.db, &self.ctx, &id)?.person)
    }

    fn save_position(&mut self, p: PositionInput) -> Result<Position> {
        let id = org::save_position(&mut self.db, &self.ctx, p)?.id;
        let d = org::person_detail(&self.db, &self.ctx, &self.deputy)?;
        Ok(d.positions.into_iter().find(|v| v.position.id == id).expect("saved position").position)
    }

    fn save_talk(&mut self, t: TalkInput) -> Result<Talk> {
        let id = talks::save_talk(&mut self.db, &self.ctx, t)?.talk.id;
        Ok(talks::talk_detail(&self.db, &self.ctx, &id)?.talk)
    }

    fn save_item(&mut self, i: ItemInput) -> Result<RectificationItem> {
        let id = items::save_item(&mut self.db, &self.ctx, i)?.item.id;
        Ok(items::item_detail(&self.db, &self.ctx, &id)?.view.item)
    }

    fn save_year(&mut self, y: CalendarYear) -> Result<CalendarYear> {
        let year = y.year;
        calendar::save_calendar_year(&mut self.db, &self.ctx, y)?;
        Ok(calendar::list_calendar_years(&self.db)?.into_iter().find(|v| v.year.year == year).expect("saved year").year)
    }

    fn item(&self) -> RectificationItem {
        items::item_detail(&self.db, &self.ctx, &self.item).unwrap().view.item
    }

    fn save_template(&mut self, t: TemplateInput) -> Result<LetterTemplate> {
        let id = letters::save_template(&mut self.db, &self.ctx, t)?.id;
        Ok(letters::list_templates(&self.db, false)?.into_iter().find(|t| t.id == id).expect("saved template"))
    }

    fn letter(&self, id: &str) -> Result<Letter> {
        Ok(letters::letter_detail(&self.db, &self.ctx, id)?.letter)
    }

    fn save_letter(&mut self, l: LetterInput) -> Result<Letter> {
        let id = letters::save_letter(&mut self.db, &self.ctx, l)?.letter.id;
        self.letter(&id)
    }

    fn sign_batch(&mut self, base: LetterInput) -> Result<Letter> {
        self.sign_batch_on(base, TODAY)
    }

    fn sign_batch_on(&mut self, base: LetterInput, date: &str) -> Result<Letter> {
        let input = BatchInput {
            template_id: None,
            base: Some(base),
            recipients: vec![LetterRecipient { unit_id: Some(self.unit.clone()), person_id: Some(self.head.clone()) }],
            date: date.into(),
        };
        let signed = letters::sign_batch(&mut self.db, &self.ctx, input)?;
        self.letter(&signed[0].id)
    }

    fn reply(&mut self, number: &str, summary: &str) -> Result<Letter> {
        letters::record_reply(&mut self.db, &self.ctx, &self.letter.clone(), TODAY, number, summary)?;
        self.letter(&self.letter)
    }
}

/// A list field's value goes in as its second entry (the message names 第2条); read back, the
/// entries after the first, one a line (抄送 splits a pasted list at line ends).
fn second(first: &str, v: &str) -> Vec<String> {
    vec![first.into(), v.into()]
}

fn rest(list: &[String]) -> String {
    list.get(1..).unwrap_or_default().join("\n")
}

/// A void action's outcome as the 作废原因 read back from the voided record.
fn reason<T>(r: Result<T>, void_reason: impl FnOnce() -> Option<String>) -> Result<String> {
    r.map(|_| void_reason().unwrap_or_default())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// One line: refuses every control character and line break.
    Line,
    /// Multi-line: keeps newline and tab, CRLF and CR become "\n".
    Text,
    /// 抄送: one organ a line, so a line end splits entries; other control characters refused.
    Cc,
    /// A value from a fixed set or of a format (phone, 身份证号, a configured focus area): only
    /// the refusals apply; the message must still say what is wrong.
    Refuse,
}

type Run = fn(&mut Fx, &str) -> Result<String>;

struct Case {
    action: &'static str,
    field: &'static str,
    label: &'static str,
    kind: Kind,
    limit: usize,
    /// Runs the action with the value in the field and reads the stored value back.
    run: Run,
}

const LINE: usize = MAX_LINE_CHARS;
const TEXT: usize = MAX_TEXT_CHARS;

fn case(action: &'static str, field: &'static str, label: &'static str, kind: Kind, run: Run) -> Case {
    let limit = if kind == Kind::Text { TEXT } else { LINE };
    Case { action, field, label, kind, limit, run }
}

fn cases() -> Vec<Case> {
    use Kind::*;
    let mut c = vec![
        // 本机关
        case("save_office", "full_names", "机关全称第2条", Line, |f, v| {
            Ok(rest(&f.save_office(Office { full_names: second("中共云溪县纪律检查委员会", v), ..office() })?.full_names))
        }),
        case("save_office", "agency_code", "机关代字", Line, |f, v| Ok(f.save_office(Office { agency_code: v.into(), ..office() })?.agency_code)),
        case("save_office", "contact_person", "联系人", Line, |f, v| Ok(f.save_office(Office { contact_person: v.into(), ..office() })?.contact_person)),
        case("save_office", "contact_phone", "联系电话", Refuse, |f, v| Ok(f.save_office(Office { contact_phone: v.into(), ..office() })?.contact_phone)),
        case("save_office", "operator", "当前操作人", Line, |f, v| Ok(f.save_office(Office { operator: v.into(), ..office() })?.operator)),
        // 单位
        case("save_unit", "name", "单位名称", Line, |f, v| Ok(f.save_unit(UnitInput { name: v.into(), ..unit_input() })?.name)),
        case("save_unit", "short_name", "简称", Line, |f, v| Ok(f.save_unit(UnitInput { short_name: v.into(), ..unit_input() })?.short_name)),
        case("save_unit", "supervisor", "责任监督检查室或派驻组", Line, |f, v| Ok(f.save_unit(UnitInput { supervisor: v.into(), ..unit_input() })?.supervisor)),
        case("save_unit", "notes", "备注", Text, |f, v| Ok(f.save_unit(UnitInput { notes: v.into(), ..unit_input() })?.notes)),
        // 干部
        Case { limit: 40, ..case("save_person", "name", "姓名", Line, |f, v| Ok(f.save_person(person_input(v))?.name)) },
        case("save_person", "ethnicity", "民族", Line, |f, v| Ok(f.save_person(PersonInput { ethnicity: v.into(), ..person_input("赵六") })?.ethnicity)),
        case("save_person", "education", "学历", Line, |f, v| Ok(f.save_person(PersonInput { education: v.into(), ..person_input("赵六") })?.education)),
        case("save_person", "phone", "联系电话", Refuse, |f, v| Ok(f.save_person(PersonInput { phone: v.into(), ..person_input("赵六") })?.phone)),
        case("save_person", "id_number", "身份证号", Refuse, |f, v| {
            Ok(f.save_person(PersonInput { id_number: Some(v.into()), birth_date: None, ..person_input("赵六") })?.id_number.unwrap_or_default())
        }),
        case("save_person", "notes", "备注", Text, |f, v| Ok(f.save_person(PersonInput { notes: v.into(), ..person_input("赵六") })?.notes)),
        // 任职
        case("save_position", "title", "职务", Line, |f, v| {
            let p = position_input(&f.deputy, &f.unit, v, false);
            Ok(f.save_position(PositionInput { start_date: Some("2010-01-01".into()), end_date: Some("2019-12-31".into()), ..p })?.title)
        }),
        case("save_position", "rank", "职级", Line, |f, v| {
            let p = position_input(&f.deputy, &f.unit, "科员", false);
            Ok(f.save_position(PositionInput { rank: v.into(), start_date: Some("2010-01-01".into()), end_date: Some("2019-12-31".into()), ..p })?.rank)
        }),
        case("save_position", "portfolio", "分管工作", Text, |f, v| {
            let p = position_input(&f.deputy, &f.unit, "科员", false);
            Ok(f.save_position(PositionInput { portfolio: v.into(), start_date: Some("2010-01-01".into()), end_date: Some("2019-12-31".into()), ..p })?.portfolio)
        }),
        // 监督重点 (settings)
        case("save_focus_areas", "focus_areas", "监督重点第2条", Line, |f, v| {
            talks::save_focus_areas(&mut f.db, &f.ctx, second("加强政治建设", v))?;
            Ok(rest(&talks::talk_options(&f.db)?.focus_areas))
        }),
        // 节假日安排
        case("save_calendar_year", "source", "依据文件", Line, |f, v| {
            let y = CalendarYear { year: 2031, source: v.into(), holidays: vec![], workdays: vec![] };
            Ok(f.save_year(y)?.source)
        }),
        case("save_calendar_year", "holidays", "节日名称第2条", Refuse, |f, v| {
            let holidays = vec![
                Holiday { name: "元旦".into(), dates: vec!["2031-01-01".into()] },
                Holiday { name: v.into(), dates: vec!["2031-10-01".into()] },
            ];
            let y = CalendarYear { year: 2031, source: String::new(), holidays, workdays: vec![] };
            Ok(f.save_year(y)?.holidays[1].name.clone())
        }),
        // 谈话
        case("save_talk", "place", "谈话地点", Line, |f, v| Ok(f.save_talk(TalkInput { place: v.into(), ..f.talk_input() })?.place)),
        case("save_talk", "conductor_role", "谈话人职务", Line, |f, v| Ok(f.save_talk(TalkInput { conductor_role: v.into(), ..f.talk_input() })?.conductor_role)),
        case("save_talk", "recorder", "记录人", Line, |f, v| Ok(f.save_talk(TalkInput { recorder: v.into(), ..f.talk_input() })?.recorder)),
        case("save_talk", "attendees", "列席人员", Line, |f, v| Ok(f.save_talk(TalkInput { attendees: v.into(), ..f.talk_input() })?.attendees)),
        case("save_talk", "source", "谈话缘由", Line, |f, v| Ok(f.save_talk(TalkInput { source: v.into(), ..f.talk_input() })?.source)),
        case("save_talk", "focus_areas", "监督重点第2条", Refuse, |f, v| {
            Ok(rest(&f.save_talk(TalkInput { focus_areas: second(talks::DEFAULT_FOCUS_AREAS[0], v), ..f.talk_input() })?.focus_areas))
        }),
        case("save_talk", "outline", "谈话提纲", Text, |f, v| Ok(f.save_talk(TalkInput { outline: v.into(), ..f.talk_input() })?.outline)),
        case("save_talk", "problems", "指出的问题第2条", Text, |f, v| Ok(rest(&f.save_talk(TalkInput { problems: second("问题一", v), ..f.talk_input() })?.problems))),
        case("save_talk", "remedies", "提出的要求和整改措施第2条", Text, |f, v| {
            Ok(rest(&f.save_talk(TalkInput { remedies: second("要求一", v), ..f.talk_input() })?.remedies))
        }),
        case("save_talk", "statement", "谈话对象表态", Text, |f, v| Ok(f.save_talk(TalkInput { statement: v.into(), ..f.talk_input() })?.statement)),
        // 谈话计划
        case("assign_plan_entry", "conductor_role", "谈话人职务", Line, |f, v| {
            let input = PlanEntryInput { id: f.plan.clone(), conductor_person_id: None, conductor_role: v.into(), planned_month: Some(5) };
            talks::assign_plan_entry(&mut f.db, &f.ctx, input)?;
            let plan = talks::talk_plan(&f.db, &f.ctx, 2026)?;
            Ok(plan.entries.into_iter().find(|e| e.entry.id == f.plan).expect("entry").entry.conductor_role)
        }),
        // 整改事项
        case("save_item", "problem", "整改问题", Text, |f, v| {
            Ok(f.save_item(ItemInput { problem: v.into(), ..f.item_input() })?.problem)
        }),
        case("save_item", "measure", "整改措施", Text, |f, v| {
            Ok(f.save_item(ItemInput { measure: v.into(), ..f.item_input() })?.measure)
        }),
        case("add_progress", "note", "进展情况", Text, |f, v| {
            let item = f.item.clone();
            items::add_progress(&mut f.db, &f.ctx, &item, TODAY, v)?;
            Ok(items::item_detail(&f.db, &f.ctx, &item)?.progress.pop().expect("note").note)
        }),
        case("close_item", "evidence", "整改佐证材料", Text, |f, v| {
            let item = f.item.clone();
            items::close_item(&mut f.db, &f.ctx, &item, TODAY, v)?;
            Ok(f.item().evidence)
        }),
        // 函件模板
        case("save_template", "name", "模板名称", Line, |f, v| Ok(f.save_template(f.template_input(v))?.name)),
        case("save_template", "title", "函件标题", Line, |f, v| Ok(f.save_template(TemplateInput { title: v.into(), ..f.template_input("新模板") })?.title)),
        case("save_template", "body", "正文", Text, |f, v| Ok(f.save_template(TemplateInput { body: v.into(), ..f.template_input("新模板") })?.body)),
        case("save_template", "cc", "抄送第2条", Cc, |f, v| {
            Ok(rest(&f.save_template(TemplateInput { cc: second("县委办公室", v), ..f.template_input("新模板") })?.cc))
        }),
        // 函件草稿
        case("save_letter", "title", "函件标题", Line, |f, v| Ok(f.save_letter(LetterInput { title: v.into(), ..f.letter_input() })?.title)),
        case("save_letter", "recipient", "主送", Line, |f, v| Ok(f.save_letter(LetterInput { recipient: v.into(), ..f.letter_input() })?.recipient)),
        case("save_letter", "body", "正文", Text, |f, v| Ok(f.save_letter(LetterInput { body: v.into(), ..f.letter_input() })?.body)),
        case("save_letter", "cc", "抄送第2条", Cc, |f, v| Ok(rest(&f.save_letter(LetterInput { cc: second("县委办公室", v), ..f.letter_input() })?.cc))),
        case("save_letter", "contact", "附注（联系人及电话）", Line, |f, v| Ok(f.save_letter(LetterInput { contact: v.into(), ..f.letter_input() })?.contact)),
        // 批量签发 (the base letter's text)
        case("sign_batch", "title", "函件标题", Line, |f, v| Ok(f.sign_batch(LetterInput { title: v.into(), ..f.letter_input() })?.title)),
        // Without a {字段} in it the base's 主送 is recomputed per recipient, so only refusals apply.
        case("sign_batch", "recipient", "主送", Refuse, |f, v| Ok(f.sign_batch(LetterInput { recipient: v.into(), ..f.letter_input() })?.recipient)),
        case("sign_batch", "body", "正文", Text, |f, v| Ok(f.sign_batch(LetterInput { body: v.into(), ..f.letter_input() })?.body)),
        case("sign_batch", "cc", "抄送第2条", Cc, |f, v| Ok(rest(&f.sign_batch(LetterInput { cc: second("县委办公室", v), ..f.letter_input() })?.cc))),
        case("sign_batch", "contact", "附注（联系人及电话）", Line, |f, v| Ok(f.sign_batch(LetterInput { contact: v.into(), ..f.letter_input() })?.contact)),
        // 回复
        case("record_reply", "reply_number", "回复文号", Line, |f, v| Ok(f.reply(v, "已整改。")?.reply_number)),
        case("record_reply", "reply_summary", "回复内容摘要", Text, |f, v| Ok(f.reply("水党〔2026〕5号", v)?.reply_summary)),
        // Dates are typed text too: what is no date is refused, control characters by name.
        case("save_person", "birth_date", "出生日期", Refuse, |f, v| Ok(f.save_person(PersonInput { birth_date: Some(v.into()), ..person_input("赵六") })?.name)),
        case("save_person", "party_join_date", "入党时间", Refuse, |f, v| {
            Ok(f.save_person(PersonInput { party_join_date: Some(v.into()), ..person_input("赵六") })?.name)
        }),
        case("save_position", "start_date", "任职开始日期", Refuse, |f, v| {
            let p = position_input(&f.deputy, &f.unit, "科员", false);
            Ok(f.save_position(PositionInput { start_date: Some(v.into()), end_date: Some("2019-12-31".into()), ..p })?.title)
        }),
        case("save_position", "end_date", "任职结束日期", Refuse, |f, v| {
            let p = position_input(&f.deputy, &f.unit, "科员", false);
            Ok(f.save_position(PositionInput { start_date: Some("2010-01-01".into()), end_date: Some(v.into()), ..p })?.title)
        }),
        case("save_talk", "date", "谈话日期", Refuse, |f, v| Ok(f.save_talk(TalkInput { date: v.into(), ..f.talk_input() })?.date)),
        case("record_talk_held", "date", "谈话日期", Refuse, |f, v| {
            let id = f.planned_talk.clone();
            Ok(talks::record_talk_held(&mut f.db, &f.ctx, &id, v)?.talk.date)
        }),
        case("save_item", "due_date", "整改期限", Refuse, |f, v| Ok(f.save_item(ItemInput { due_date: Some(v.into()), due_workdays: None, ..f.item_input() })?.due_date)),
        case("add_progress", "date", "进展日期", Refuse, |f, v| {
            let item = f.item.clone();
            Ok(items::add_progress(&mut f.db, &f.ctx, &item, v, "已开展自查。")?.note)
        }),
        case("close_item", "closed_date", "销号日期", Refuse, |f, v| {
            let item = f.item.clone();
            Ok(items::close_item(&mut f.db, &f.ctx, &item, v, "已整改。")?.item.evidence)
        }),
        case("preview_due", "from", "起算日期", Refuse, |f, v| Ok(calendar::preview_due(&f.db, v, 10)?.date)),
        case("save_calendar_year", "holidays", "元旦放假日期", Refuse, |f, v| {
            let y = CalendarYear { year: 2031, source: String::new(), holidays: vec![Holiday { name: "元旦".into(), dates: vec![v.into()] }], workdays: vec![] };
            Ok(f.save_year(y)?.source)
        }),
        case("save_calendar_year", "workdays", "调休上班日期", Refuse, |f, v| {
            let y = CalendarYear { year: 2031, source: String::new(), holidays: vec![], workdays: vec![v.into()] };
            Ok(f.save_year(y)?.source)
        }),
        case("save_letter", "reply_due_date", "回复期限", Refuse, |f, v| {
            Ok(f.save_letter(LetterInput { reply_due_date: Some(v.into()), reply_due_workdays: None, ..f.letter_input() })?.title)
        }),
        case("sign_letter", "signed_date", "签发日期", Refuse, |f, v| {
            let id = f.draft.clone();
            Ok(letters::sign_letter(&mut f.db, &f.ctx, &id, v)?.letter.title)
        }),
        case("sign_batch", "signed_date", "签发日期", Refuse, |f, v| Ok(f.sign_batch_on(f.letter_input(), v)?.title)),
        case("deliver_letter", "delivered_date", "送达日期", Refuse, |f, v| {
            let id = f.signed.clone();
            Ok(letters::deliver_letter(&mut f.db, &f.ctx, &id, v)?.letter.title)
        }),
        case("record_reply", "replied_date", "回复日期", Refuse, |f, v| {
            let id = f.letter.clone();
            Ok(letters::record_reply(&mut f.db, &f.ctx, &id, v, "", "已整改。")?.letter.title)
        }),
        case("close_letter", "closed_date", "销号日期", Refuse, |f, v| {
            let id = f.replied.clone();
            Ok(letters::close_letter(&mut f.db, &f.ctx, &id, v)?.letter.title)
        }),
    ];
    // 作废原因, on every record that can be voided.
    let mut voids: Vec<(&'static str, Run)> = vec![
        ("void_unit", |f, v| {
            let id = f.spare_unit.clone();
            reason(org::void_unit(&mut f.db, &f.ctx, &id, v), || org::unit_detail(&f.db, &f.ctx, &id).unwrap().unit.meta.void_reason)
        }),
        ("void_person", |f, v| {
            let id = f.deputy.clone();
            reason(org::void_person(&mut f.db, &f.ctx, &id, v), || org::person_detail(&f.db, &f.ctx, &id).unwrap().person.meta.void_reason)
        }),
        ("void_position", |f, v| {
            let id = f.position.clone();
            let r = org::void_position(&mut f.db, &f.ctx, &id, v);
            reason(r, || {
                let d = org::person_detail(&f.db, &f.ctx, &f.head).unwrap();
                d.positions.into_iter().find(|p| p.position.id == id).unwrap().position.meta.void_reason
            })
        }),
        ("void_talk", |f, v| {
            let id = f.planned_talk.clone();
            reason(talks::void_talk(&mut f.db, &f.ctx, &id, v), || talks::talk_detail(&f.db, &f.ctx, &id).unwrap().talk.meta.void_reason)
        }),
        ("void_item", |f, v| {
            let id = f.item.clone();
            reason(items::void_item(&mut f.db, &f.ctx, &id, v), || f.item().meta.void_reason)
        }),
        ("void_plan_entry", |f, v| {
            let id = f.plan.clone();
            reason(talks::void_plan_entry(&mut f.db, &f.ctx, &id, v), || {
                // The plan view lists live entries only; the audit row keeps the voided one.
                let trail = org::audit_trail(&f.db, "talk_plan", &id).unwrap();
                let after = trail.iter().find(|e| e.action == "void").and_then(|e| e.after.clone()).unwrap_or_default();
                let entry: TalkPlanEntry = serde_json::from_str(&after).unwrap();
                entry.meta.void_reason
            })
        }),
        ("void_template", |f, v| {
            let id = f.template.clone();
            reason(letters::void_template(&mut f.db, &f.ctx, &id, v), || {
                letters::list_templates(&f.db, true).unwrap().into_iter().find(|t| t.id == id).unwrap().meta.void_reason
            })
        }),
        ("void_letter", |f, v| {
            let id = f.draft.clone();
            reason(letters::void_letter(&mut f.db, &f.ctx, &id, v), || f.letter(&id).unwrap().meta.void_reason)
        }),
    ];
    // -- sanctions (处分)
    c.extend([
        case("save_sanction", "kind", "处分种类", Refuse, |f, v| {
            let i = SanctionInput { kind: v.into(), ..f.sanction_input() };
            Ok(sanctions::save_sanction(&mut f.db, &f.ctx, i)?.sanction.kind)
        }),
        case("save_sanction", "decision_number", "决定文号", Line, |f, v| {
            let i = SanctionInput { decision_number: v.into(), ..f.sanction_input() };
            Ok(sanctions::save_sanction(&mut f.db, &f.ctx, i)?.sanction.decision_number)
        }),
        case("save_sanction", "deciding_body", "决定机关", Line, |f, v| {
            let i = SanctionInput { deciding_body: v.into(), ..f.sanction_input() };
            Ok(sanctions::save_sanction(&mut f.db, &f.ctx, i)?.sanction.deciding_body)
        }),
        case("save_sanction", "reason", "处分事由", Text, |f, v| {
            let i = SanctionInput { reason: v.into(), ..f.sanction_input() };
            Ok(sanctions::save_sanction(&mut f.db, &f.ctx, i)?.sanction.reason)
        }),
    ]);
    voids.push(("void_sanction", |f, v| {
        let id = f.sanction.clone();
        reason(sanctions::void_sanction(&mut f.db, &f.ctx, &id, v), || {
            sanctions::sanctions_of_person(&f.db, &f.ctx, &f.deputy).unwrap().into_iter().find(|s| s.sanction.id == id).unwrap().sanction.meta.void_reason
        })
    }));
    // -- end sanctions
    // ---- 家庭重大变动、听取汇报、警示教育
    c.extend([
        case("save_family_change", "kind", "变动类型", Refuse, |f, v| {
            let i = FamilyChangeInput { kind: v.into(), ..f.family_change_input() };
            Ok(family::save_family_change(&mut f.db, &f.ctx, i)?.change.kind)
        }),
        case("save_family_change", "description", "变动情况", Text, |f, v| {
            let i = FamilyChangeInput { description: v.into(), ..f.family_change_input() };
            Ok(family::save_family_change(&mut f.db, &f.ctx, i)?.change.description)
        }),
        case("save_hearing", "kind", "汇报类型", Refuse, |f, v| {
            let i = HearingInput { kind: v.into(), ..f.hearing_input() };
            Ok(hearings::save_hearing(&mut f.db, &f.ctx, i)?.hearing.kind)
        }),
        case("save_hearing", "reporter_name", "汇报人（名册外）", Line, |f, v| {
            let i = HearingInput { reporter_name: v.into(), ..f.hearing_input() };
            Ok(hearings::save_hearing(&mut f.db, &f.ctx, i)?.hearing.reporter_name)
        }),
        case("save_hearing", "key_points", "汇报要点", Text, |f, v| {
            let i = HearingInput { key_points: v.into(), ..f.hearing_input() };
            Ok(hearings::save_hearing(&mut f.db, &f.ctx, i)?.hearing.key_points)
        }),
        case("save_hearing", "follow_ups", "工作要求及跟进", Text, |f, v| {
            let i = HearingInput { follow_ups: v.into(), ..f.hearing_input() };
            Ok(hearings::save_hearing(&mut f.db, &f.ctx, i)?.hearing.follow_ups)
        }),
        case("save_education", "kind", "教育形式", Refuse, |f, v| {
            let i = EducationInput { kind: v.into(), ..f.education_input() };
            Ok(education::save_education(&mut f.db, &f.ctx, i)?.education.kind)
        }),
        case("save_education", "title", "教育主题", Line, |f, v| {
            let i = EducationInput { title: v.into(), ..f.education_input() };
            Ok(education::save_education(&mut f.db, &f.ctx, i)?.education.title)
        }),
        case("save_education", "material", "教育材料及内容", Text, |f, v| {
            let i = EducationInput { material: v.into(), ..f.education_input() };
            Ok(education::save_education(&mut f.db, &f.ctx, i)?.education.material)
        }),
    ]);
    voids.push(("void_family_change", |f, v| {
        let id = f.family_change.clone();
        family::void_family_change(&mut f.db, &f.ctx, &id, v).map(|x| x.change.meta.void_reason.unwrap_or_default())
    }));
    voids.push(("void_hearing", |f, v| {
        let id = f.hearing.clone();
        hearings::void_hearing(&mut f.db, &f.ctx, &id, v).map(|x| x.hearing.meta.void_reason.unwrap_or_default())
    }));
    voids.push(("void_education", |f, v| {
        let id = f.education.clone();
        education::void_education(&mut f.db, &f.ctx, &id, v).map(|x| x.education.meta.void_reason.unwrap_or_default())
    }));
    // ---- end 家庭重大变动、听取汇报、警示教育
    // ---- risk points
    {
        use jiandu_core::model::risks::RiskPointInput;
        use jiandu_core::service::risks;
        c.extend([
            case("save_risk_point", "category", "风险类别", Refuse, |f, v| {
                let i = RiskPointInput { category: v.into(), ..f.risk_input() };
                Ok(risks::save_risk_point(&mut f.db, &f.ctx, i)?.point.category)
            }),
            case("save_risk_point", "description", "表现形式", Text, |f, v| {
                let i = RiskPointInput { description: v.into(), ..f.risk_input() };
                Ok(risks::save_risk_point(&mut f.db, &f.ctx, i)?.point.description)
            }),
            case("save_risk_point", "measures", "防控措施", Text, |f, v| {
                let i = RiskPointInput { measures: v.into(), ..f.risk_input() };
                Ok(risks::save_risk_point(&mut f.db, &f.ctx, i)?.point.measures)
            }),
            case("save_risk_point", "responsible_name", "责任领导姓名", Line, |f, v| {
                let i = RiskPointInput { responsible_name: v.into(), ..f.risk_input() };
                Ok(risks::save_risk_point(&mut f.db, &f.ctx, i)?.point.responsible_name)
            }),
        ]);
        // ---- sanction kind display names (settings)
        c.push(case("save_kind_names", "kind_names", "党纪处分·警告的显示名称", Line, |f, v| {
            use jiandu_core::model::sanctions::SanctionCategory as Cat;
            let mut names = sanctions::kind_names(f.db.conn())?;
            if let Some(n) = names.iter_mut().find(|n| n.category == Cat::Party && n.kind == "警告") {
                n.name = v.into();
            }
            let saved = sanctions::save_kind_names(&mut f.db, &f.ctx, names)?;
            Ok(saved.into_iter().find(|n| n.category == Cat::Party && n.kind == "警告").map(|n| n.name).unwrap_or_default())
        }));
        // ---- end sanction kind display names
        voids.push(("void_risk_point", |f, v| {
            let id = f.risk_point.clone();
            reason(risks::void_risk_point(&mut f.db, &f.ctx, &id, v), || {
                jiandu_core::store::risks::get(f.db.conn(), &id).unwrap().unwrap().meta.void_reason
            })
        }));
    }
    // ---- end risk points
    // ---- findings and clues
    c.extend([
        case("save_finding", "source", "问题来源", Refuse, |f, v| {
            let i = FindingInput { source: v.into(), ..f.finding_input() };
            Ok(findings::save_finding(&mut f.db, &f.ctx, i)?.finding.source)
        }),
        case("save_finding", "focus_area", "监督重点", Refuse, |f, v| {
            let i = FindingInput { focus_area: Some(v.into()), ..f.finding_input() };
            Ok(findings::save_finding(&mut f.db, &f.ctx, i)?.finding.focus_area.unwrap_or_default())
        }),
        case("save_finding", "description", "问题描述", Text, |f, v| {
            let i = FindingInput { description: v.into(), ..f.finding_input() };
            Ok(findings::save_finding(&mut f.db, &f.ctx, i)?.finding.description)
        }),
        case("save_clue", "source", "线索来源", Line, |f, v| {
            let i = ClueInput { source: v.into(), ..f.clue_input() };
            Ok(clues::save_clue(&mut f.db, &f.ctx, i)?.clue.source)
        }),
        case("save_clue", "summary", "反映的主要问题", Text, |f, v| {
            let i = ClueInput { summary: v.into(), ..f.clue_input() };
            Ok(clues::save_clue(&mut f.db, &f.ctx, i)?.clue.summary)
        }),
        case("save_clue", "result", "处置结果", Text, |f, v| {
            let i = ClueInput { result: v.into(), ..f.clue_input() };
            Ok(clues::save_clue(&mut f.db, &f.ctx, i)?.clue.result)
        }),
    ]);
    voids.push(("void_finding", |f, v| {
        let id = f.finding.clone();
        reason(findings::void_finding(&mut f.db, &f.ctx, &id, v), || findings::finding_row(&f.db, &f.ctx, &id).unwrap().finding.meta.void_reason)
    }));
    voids.push(("void_clue", |f, v| {
        let id = f.clue.clone();
        reason(clues::void_clue(&mut f.db, &f.ctx, &id, v), || clues::clue_row(&f.db, &id).unwrap().clue.meta.void_reason)
    }));
    // ---- end findings and clues
    c.extend(voids.into_iter().map(|(action, run)| case(action, "reason", "作废原因", Kind::Line, run)));
    // ---- accounts
    c.extend([
        Case {
            limit: jiandu_core::service::accounts::MAX_NAME,
            ..case("account_save", "display_name", "姓名", Line, |f, v| {
                let i = account_input(v, "lcy");
                Ok(jiandu_core::service::accounts::save(&mut f.db, &f.ctx, i)?.display_name)
            })
        },
        case("account_save", "login", "登录名", Refuse, |f, v| {
            Ok(jiandu_core::service::accounts::save(&mut f.db, &f.ctx, account_input("李查阅", v))?.login)
        }),
    ]);
    // ---- end accounts
    c
}

/// Runs one value through a case on a county as `Fx::new` makes it: `pristine`, when the last
/// run left it untouched, else a new one. Some(problem) when the outcome is not `want`.
fn try_value(c: &Case, value: &str, want: &Want, pristine: &mut Option<Fx>) -> Option<String> {
    let mut fx = pristine.take().unwrap_or_else(Fx::new);
    let before = fingerprint(&fx.db);
    let r = (c.run)(&mut fx, value);
    let unchanged = fingerprint(&fx.db) == before;
    if unchanged {
        *pristine = Some(fx);
    }
    let shown = format!("{value:?}").chars().take(40).collect::<String>();
    let at = format!("{} {} ← {shown}", c.action, c.field);
    match (want, r) {
        (Want::Refused(says), Err(Error::Invalid { field, message })) => {
            let mut wrong = Vec::new();
            if field != c.field {
                wrong.push(format!("field `{field}`, expected `{}`", c.field));
            }
            if !message.starts_with(c.label) {
                wrong.push(format!("message does not start with “{}”", c.label));
            }
            if !message.contains(says.as_str()) {
                wrong.push(format!("message does not say “{says}”"));
            }
            if !unchanged {
                wrong.push("something was written".into());
            }
            (!wrong.is_empty()).then(|| format!("{at}: {} — “{message}”", wrong.join("; ")))
        }
        (Want::Refused(_), other) => Some(format!("{at}: expected a refusal, got {:?}", other.map(|s| s.chars().take(40).collect::<String>()))),
        (Want::Kept(expected), Ok(stored)) => (stored != *expected).then(|| format!("{at}: stored {:?}, expected {expected:?}", stored.chars().take(40).collect::<String>())),
        (Want::Kept(_), Err(e)) => Some(format!("{at}: refused: {e}")),
    }
}

enum Want {
    /// Refused with code `invalid`, the case's field, its label first and this in the message.
    Refused(String),
    /// Accepted, and the field reads back as this.
    Kept(String),
}

fn refused(s: &str) -> Want {
    Want::Refused(s.into())
}

fn kept(s: &str) -> Want {
    Want::Kept(s.into())
}

/// What each kind of field must do with each value.
fn checks(c: &Case) -> Vec<(String, Want)> {
    let control = |c: char| format!("控制字符（U+{:04X}）", c as u32);
    let mut v = vec![
        ("甲\u{0}乙".to_string(), refused(&control('\0'))),
        ("甲\u{1b}乙".to_string(), refused(&control('\u{1b}'))),
        ("甲\u{7f}乙".to_string(), refused(&control('\u{7f}'))),
        ("甲\u{9b}乙".to_string(), refused(&control('\u{9b}'))),
    ];
    match c.kind {
        Kind::Line | Kind::Refuse => {
            for brk in ["\n", "\r", "\r\n", "\u{2028}", "\u{2029}"] {
                v.push((format!("甲{brk}乙"), refused("不能换行")));
            }
            v.push(("甲\t乙".into(), refused(&control('\t'))));
        }
        Kind::Text => {
            v.push(("甲\n\t乙".into(), kept("甲\n\t乙")));
            v.push(("甲\r\n乙\r丙\n丁".into(), kept("甲\n乙\n丙\n丁")));
        }
        Kind::Cc => {
            v.push(("甲\n乙".into(), kept("甲\n乙")));
            v.push(("甲\r\n乙".into(), kept("甲\n乙")));
            v.push(("甲\t乙".into(), refused(&control('\t'))));
        }
    }
    if c.kind != Kind::Refuse {
        v.push(("字".repeat(c.limit + 1), refused(&format!("不能超过{}个字", c.limit))));
        v.push(("字".repeat(c.limit), kept(&"字".repeat(c.limit))));
    }
    v
}

#[test]
fn every_text_field_of_every_action_keeps_to_the_rules() {
    let cases = cases();
    let mut failures = Vec::new();
    let mut total = 0;
    let mut pristine = None;
    for c in &cases {
        for (value, want) in checks(c) {
            total += 1;
            failures.extend(try_value(c, &value, &want, &mut pristine));
        }
    }
    assert!(failures.is_empty(), "{} of {total} checks on {} fields failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// The issue's done-when, literally.
#[test]
fn a_person_whose_name_holds_a_nul_byte_is_refused_naming_the_name() {
    let mut fx = Fx::new();
    let before = service::counts(&fx.db, &fx.ctx).unwrap();
    let e = org::save_person(&mut fx.db, &fx.ctx, person_input("张\0三")).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert_eq!(e.payload().field.as_deref(), Some("name"));
    assert_eq!(e.to_string(), "姓名不能包含控制字符（U+0000）");
    assert_eq!(service::counts(&fx.db, &fx.ctx).unwrap(), before);
}

#[test]
fn a_draft_preview_refuses_what_saving_would_refuse() {
    let fx = Fx::new();
    let Ok(fonts) = FontSet::load(&FontConfig::default()) else {
        panic!("fonts installed (make run installs them)");
    };
    let input = LetterInput { title: "关于\u{0}的函".into(), ..fx.letter_input() };
    match letters::draft_pdf(&fx.db, &fx.ctx, &fonts, &input) {
        Err(Error::Invalid { field, message }) => {
            assert_eq!(field, "title");
            assert!(message.starts_with("函件标题不能包含控制字符"), "{message}");
        }
        other => panic!("expected a refusal, got {:?}", other.map(|b| b.len())),
    }
    let fine = LetterInput { body: "第一段\r\n第二段".into(), ..fx.letter_input() };
    assert!(letters::draft_pdf(&fx.db, &fx.ctx, &fonts, &fine).is_ok());
}

// ---- accounts
fn account_input(name: &str, login: &str) -> jiandu_core::model::accounts::AccountInput {
    use jiandu_core::model::accounts::{AccountInput, Role};
    AccountInput { id: None, login: login.into(), display_name: name.into(), role: Role::Reader, password: Some("zz-2026-pw".into()), disabled: false }
}
// ---- end accounts
