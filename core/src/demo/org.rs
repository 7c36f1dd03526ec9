//! The demo county's organisation: about 40 units and 150 people with positions and their history.

use chrono::NaiveDate;
use rusqlite::Transaction;

use crate::clock::Ctx;
use crate::error::Result;
use crate::model::validate::format_date;
use crate::model::*;
use crate::service::org::{save_person_in, save_position_in, save_unit_in};

pub const COUNTY: &str = "云溪县";

/// A small deterministic generator (xorshift64*): the demo must be the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn date(&mut self, from_year: i32, to_year: i32) -> NaiveDate {
        let year = from_year + self.below((to_year - from_year + 1) as usize) as i32;
        let month = 1 + self.below(12) as u32;
        let day = 1 + self.below(28) as u32;
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢",
    "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "萧", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏",
    "吕", "丁", "任", "沈", "姚", "卢", "傅", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "贾", "夏", "方", "邹", "熊",
];
const GIVEN_MALE: &[&str] = &[
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "宁", "建国", "志强", "海涛",
    "建华", "国平", "文斌", "晓东", "永刚", "振华", "立新", "卫东", "俊峰", "宏伟", "德明", "学军", "长青", "家乐", "朝阳", "春生",
];
const GIVEN_FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "红梅", "秀英", "晓燕", "丽萍", "春华", "雅琴", "海燕",
    "玉兰", "桂芳", "文静", "美玲", "小梅", "佳怡", "思雨",
];
const EDUCATION: &[&str] = &["大学本科", "大学本科", "大学本科", "研究生", "中央党校研究生", "省委党校研究生", "大学专科"];

/// People the tutorial and tests look for: surnames with special readings and rare characters.
/// (name, gender, ethnicity)
const NAMED: &[(&str, Gender, &str)] = &[
    ("单丽华", Gender::Female, "汉族"),
    ("曾国栋", Gender::Male, "汉族"),
    ("解志明", Gender::Male, "汉族"),
    ("仇建军", Gender::Male, "汉族"),
    ("查文斌", Gender::Male, "汉族"),
    ("区海燕", Gender::Female, "汉族"),
    ("朴成浩", Gender::Male, "朝鲜族"),
    ("覃美玲", Gender::Female, "壮族"),
    ("尉迟浩", Gender::Male, "汉族"),
    ("𠮷振宇", Gender::Male, "汉族"),
    ("李䶮", Gender::Male, "汉族"),
    ("陈堃", Gender::Male, "汉族"),
    ("张喆", Gender::Female, "汉族"),
    ("刘赟", Gender::Male, "回族"),
];

struct UnitSpec {
    name: &'static str,
    short: &'static str,
    category: UnitCategory,
    parent: Option<&'static str>,
    head: &'static str,
    deputies: &'static [&'static str],
}

const fn u(
    name: &'static str,
    short: &'static str,
    category: UnitCategory,
    head: &'static str,
    deputies: &'static [&'static str],
) -> UnitSpec {
    UnitSpec { name, short, category, parent: None, head, deputies }
}

use UnitCategory::*;

const GOV_DEPUTIES: &[&str] = &["党组成员、副局长", "党组成员、副局长", "党组成员、副局长"];
const SMALL_GOV_DEPUTIES: &[&str] = &["党组成员、副局长", "党组成员、副局长"];
const TOWN_DEPUTIES: &[&str] = &["党委副书记、镇长", "党委委员、纪委书记", "党委委员、副镇长", "党委委员、组织委员"];
const TOWNSHIP_DEPUTIES: &[&str] = &["党委副书记、乡长", "党委委员、纪委书记", "党委委员、副乡长"];

fn units() -> Vec<UnitSpec> {
    let mut v = vec![
        u("中共云溪县委办公室", "县委办", PartyDepartment, "主任", &["副主任", "副主任"]),
        u("中共云溪县委组织部", "县委组织部", PartyDepartment, "部长", &["常务副部长", "副部长"]),
        u("中共云溪县委宣传部", "县委宣传部", PartyDepartment, "部长", &["常务副部长", "副部长"]),
        u("中共云溪县委统战部", "县委统战部", PartyDepartment, "部长", &["副部长"]),
        u("中共云溪县委政法委员会", "县委政法委", PartyDepartment, "书记", &["常务副书记", "副书记"]),
        u("云溪县人民政府办公室", "县政府办", GovernmentDepartment, "党组书记、主任", &["党组成员、副主任", "党组成员、副主任"]),
        u("云溪县发展和改革局", "县发改局", GovernmentDepartment, "党组书记、局长", GOV_DEPUTIES),
        u("云溪县教育局", "县教育局", GovernmentDepartment, "党组书记、局长", GOV_DEPUTIES),
        u("云溪县公安局", "县公安局", GovernmentDepartment, "党委书记、局长", &["党委委员、副局长", "党委委员、副局长"]),
        u("云溪县民政局", "县民政局", GovernmentDepartment, "党组书记、局长", SMALL_GOV_DEPUTIES),
        u("云溪县司法局", "县司法局", GovernmentDepartment, "党组书记、局长", SMALL_GOV_DEPUTIES),
        u("云溪县财政局", "县财政局", GovernmentDepartment, "党组书记、局长", GOV_DEPUTIES),
        u("云溪县人力资源和社会保障局", "县人社局", GovernmentDepartment, "党组书记、局长", GOV_DEPUTIES),
        u("云溪县自然资源和规划局", "县自然资源局", GovernmentDepartment, "党组书记、局长", GOV_DEPUTIES),
        u("云溪县住房和城乡建设局", "县住建局", GovernmentDepartment, "党组书记、局长", GOV_DEPUTIES),
        u("云溪县交通运输局", "县交通运输局", GovernmentDepartment, "党组书记、局长", GOV_DEPUTIES),
        u("云溪县水利局", "县水利局", GovernmentDepartment, "党组书记、局长", SMALL_GOV_DEPUTIES),
        u("云溪县农业农村局", "县农业农村局", GovernmentDepartment, "党组书记、局长", GOV_DEPUTIES),
        u("云溪县商务局", "县商务局", GovernmentDepartment, "党组书记、局长", SMALL_GOV_DEPUTIES),
        u("云溪县文化和旅游局", "县文旅局", GovernmentDepartment, "党组书记、局长", SMALL_GOV_DEPUTIES),
        u("云溪县卫生健康局", "县卫健局", GovernmentDepartment, "党组书记、局长", GOV_DEPUTIES),
        u("云溪县应急管理局", "县应急管理局", GovernmentDepartment, "党委书记、局长", &["党委委员、副局长"]),
        u("云溪县审计局", "县审计局", GovernmentDepartment, "党组书记、局长", SMALL_GOV_DEPUTIES),
        u("云溪县市场监督管理局", "县市场监管局", GovernmentDepartment, "党组书记、局长", GOV_DEPUTIES),
        u("云溪县医疗保障局", "县医保局", GovernmentDepartment, "党组书记、局长", SMALL_GOV_DEPUTIES),
        u("云溪县城关镇", "城关镇", Township, "党委书记", TOWN_DEPUTIES),
        u("云溪县溪口镇", "溪口镇", Township, "党委书记", TOWN_DEPUTIES),
        u("云溪县青石镇", "青石镇", Township, "党委书记", TOWN_DEPUTIES),
        u("云溪县龙潭镇", "龙潭镇", Township, "党委书记", TOWN_DEPUTIES),
        u("云溪县白云乡", "白云乡", Township, "党委书记", TOWNSHIP_DEPUTIES),
        u("云溪县桃源乡", "桃源乡", Township, "党委书记", TOWNSHIP_DEPUTIES),
        u("云溪县东坪乡", "东坪乡", Township, "党委书记", TOWNSHIP_DEPUTIES),
        u("云溪县新安街道", "新安街道", Township, "党工委书记", &["党工委副书记、办事处主任", "党工委委员、纪工委书记"]),
        u("云溪县融媒体中心", "县融媒体中心", PublicInstitution, "党委书记、主任", &["副主任"]),
        u("云溪县城市建设投资集团有限公司", "县城投集团", StateEnterprise, "党委书记、董事长", &["党委副书记、总经理", "党委委员、副总经理"]),
        u("云溪县水务集团有限公司", "县水务集团", StateEnterprise, "党委书记、董事长", &["党委副书记、总经理"]),
        u("云溪县总工会", "县总工会", MassOrganisation, "党组书记、常务副主席", &["副主席"]),
        u("共青团云溪县委员会", "团县委", MassOrganisation, "书记", &["副书记"]),
        u("云溪县妇女联合会", "县妇联", MassOrganisation, "党组书记、主席", &["副主席"]),
    ];
    let mut hospital = u("云溪县人民医院", "县人民医院", PublicInstitution, "党委书记", &["党委副书记、院长", "副院长"]);
    hospital.parent = Some("云溪县卫生健康局");
    let mut school = u("云溪县第一中学", "县一中", PublicInstitution, "党委书记", &["党委副书记、校长"]);
    school.parent = Some("云溪县教育局");
    let mut clinic = u("云溪县中医院", "县中医院", PublicInstitution, "党总支书记", &["院长"]);
    clinic.parent = Some("云溪县卫生健康局");
    v.extend([hospital, school, clinic]);
    v
}

/// The unit whose new head is recorded but not yet marked 一把手, so a new user (and the
/// end-to-end test) can try “设为一把手”.
pub const UNIT_WITHOUT_HEAD: &str = "云溪县医疗保障局";

fn supervisor(category: UnitCategory, index: usize) -> String {
    match category {
        Township => format!("第{}监督检查室", ["一", "二"][index % 2]),
        PartyDepartment | MassOrganisation => "派驻第一纪检监察组".to_string(),
        GovernmentDepartment => format!("派驻第{}纪检监察组", ["二", "三", "四", "五"][index % 4]),
        PublicInstitution | StateEnterprise | Other => "第三监督检查室".to_string(),
    }
}

/// A valid 18-digit 身份证号 for a birth date (fictional region code 339011).
fn id_number(birth: NaiveDate, seq: usize, female: bool) -> String {
    // The sequence number makes every demo number unique; its last digit is odd for men.
    let order = (seq % 500) * 2 + usize::from(!female);
    let body = format!("339011{}{:03}", birth.format("%Y%m%d"), order % 1000);
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = body.chars().zip(WEIGHTS).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    format!("{body}{}", CHECK[(sum % 11) as usize])
}

/// The county's units, people and positions with their history.
pub(super) fn load_in(tx: &Transaction, ctx: &Ctx) -> Result<()> {
    let mut rng = Rng(0x5EED_CAFE_2026);
    let specs = units();
    let mut unit_ids: Vec<(String, &UnitSpec)> = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let parent_id = spec.parent.and_then(|p| unit_ids.iter().find(|(_, s)| s.name == p).map(|(id, _)| id.clone()));
        let unit = save_unit_in(
            tx,
            ctx,
            UnitInput {
                id: None,
                name: spec.name.into(),
                short_name: spec.short.into(),
                category: spec.category,
                parent_id,
                supervisor: supervisor(spec.category, i),
                status: UnitStatus::Active,
                sort_order: (i as i64 + 1) * 10,
                notes: String::new(),
            },
        )?;
        unit_ids.push((unit.id, spec));
    }
    // A unit merged away in the 2019 reform, kept for its history.
    let merged = save_unit_in(
        tx,
        ctx,
        UnitInput {
            id: None,
            name: "云溪县安全生产监督管理局".into(),
            short_name: "县安监局".into(),
            category: GovernmentDepartment,
            parent_id: None,
            supervisor: "派驻第四纪检监察组".into(),
            status: UnitStatus::Merged,
            sort_order: 9990,
            notes: "2019年机构改革并入县应急管理局".into(),
        },
    )?;

    let mut named = NAMED.iter();
    let mut seq = 0usize;
    let mut new_person = |rng: &mut Rng, old: bool| -> Result<Person> {
        seq += 1;
        let (name, gender, ethnicity) = match named.next() {
            Some((n, g, e)) => (n.to_string(), *g, e.to_string()),
            None => {
                let female = rng.below(10) < 3;
                let given = if female { rng.pick(GIVEN_FEMALE) } else { rng.pick(GIVEN_MALE) };
                (format!("{}{}", rng.pick(SURNAMES), given), if female { Gender::Female } else { Gender::Male }, "汉族".to_string())
            }
        };
        let birth = if old { rng.date(1958, 1964) } else { rng.date(1966, 1990) };
        let joined = birth.checked_add_signed(chrono::Duration::days(365 * (20 + rng.below(8) as i64))).unwrap_or(birth);
        let with_id = !seq.is_multiple_of(3);
        save_person_in(
            tx,
            ctx,
            PersonInput {
                id: None,
                name,
                gender: Some(gender),
                ethnicity,
                birth_date: Some(format_date(birth)),
                party_join_date: Some(format_date(joined)),
                education: rng.pick(EDUCATION).to_string(),
                id_number: with_id.then(|| id_number(birth, seq, gender == Gender::Female)),
                phone: format!("13{}{:08}", 5 + rng.below(5), rng.next() % 100_000_000),
                notes: String::new(),
            },
        )
    };
    let position = |person: &Person, unit: &str, title: &str, head: bool, leader: bool, start: NaiveDate, end: Option<NaiveDate>| {
        let rank = if head { "正科" } else if leader { "副科" } else { "" };
        save_position_in(
            tx,
            ctx,
            PositionInput {
                id: None,
                person_id: person.id.clone(),
                unit_id: unit.to_string(),
                title: title.to_string(),
                rank: rank.to_string(),
                is_head: head,
                is_leadership: leader,
                portfolio: if leader && !head { "分管办公室、财务和党建工作".to_string() } else { String::new() },
                start_date: Some(format_date(start)),
                end_date: end.map(format_date),
            },
        )
    };

    let today = ctx.today();
    let mut previous_heads: Vec<Person> = Vec::new();
    for (i, (unit_id, spec)) in unit_ids.iter().enumerate() {
        let head = new_person(&mut rng, false)?;
        let start = rng.date(2019, 2024).min(today);
        let marked = spec.name != UNIT_WITHOUT_HEAD;
        position(&head, unit_id, spec.head, marked, true, start, None)?;
        // Every fourth head (单丽华, the first, among them) came from a deputy post elsewhere: that is their 任职经历.
        if i % 4 == 0 {
            let (from_id, from_spec) = &unit_ids[(i + 7) % unit_ids.len()];
            let from_title = from_spec.deputies.first().copied().unwrap_or("副职");
            let began = rng.date(2013, 2017);
            position(&head, from_id, from_title, false, true, began, start.pred_opt())?;
        }
        if i % 6 == 1 {
            // The head before this one, now retired: an ended 一把手 position.
            let former = new_person(&mut rng, true)?;
            let began = rng.date(2012, 2016);
            position(&former, unit_id, spec.head, true, true, began, start.pred_opt())?;
            previous_heads.push(former);
        }
        for title in spec.deputies {
            let deputy = new_person(&mut rng, false)?;
            position(&deputy, unit_id, title, false, true, rng.date(2018, 2025).min(today), None)?;
        }
    }
    // The merged unit's last head now leads the 应急管理局's 班子 as a deputy.
    if let Some(former) = previous_heads.first() {
        position(former, &merged.id, "党组书记、局长", true, true, NaiveDate::from_ymd_opt(2010, 3, 1).unwrap_or(today), NaiveDate::from_ymd_opt(2012, 5, 31))?;
    }
    Ok(())
}
