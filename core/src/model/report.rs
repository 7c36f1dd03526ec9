//! The supervision report (监督工作情况报告) for a period and a group of units: every figure
//! computed from the records when asked (`service::report::build`). The printed PDF, the workbook,
//! the 报告 page and the dashboards all read this one structure, so they never disagree.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use super::period::{ReportPeriod, ReportScope, ResolvedPeriod, FIRST_YEAR, LAST_YEAR};

/// One labelled count (a talk kind, a clue disposal, a rating …), in the order the label list gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabelCount {
    pub label: String,
    pub count: i64,
}

/// Held talks of one month by kind; `counts` follows `Report::talk_kinds`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MonthTalks {
    /// `YYYY-MM`
    pub month: String,
    /// The month's days inside the period (`YYYY-MM-DD`): what a click on the month lists.
    pub from: String,
    pub to: String,
    pub counts: Vec<i64>,
    pub total: i64,
}

/// Letters of one kind signed in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterKindFigures {
    pub kind: String,
    /// Signed (签发) in the period, not voided.
    pub issued: i64,
    /// Of those, a reply is recorded.
    pub replied: i64,
    /// Replied on or before the reply due date.
    pub replied_on_time: i64,
    /// 逾期未复 on the report's as-of date (the letters module's meaning).
    pub overdue: i64,
    /// replied on time / replied, one decimal.
    pub on_time_percent: Option<f64>,
}

/// Rectification items from events of the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemFigures {
    pub opened: i64,
    /// 已销号 by the as-of date.
    pub closed: i64,
    /// Still 整改中.
    pub open: i64,
    /// Open and past their due date on the as-of date (the items module's meaning of overdue).
    pub overdue: i64,
    /// closed / opened, one decimal; None when nothing was opened.
    pub completion_percent: Option<f64>,
}

/// One row of the annex: a unit in scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitAnnexRow {
    pub unit_id: String,
    pub unit_name: String,
    /// Current 一把手 on the as-of date (`store::current_position`), names joined with "、"; "" when vacant.
    pub heads: String,
    /// Latest held 监督谈话 of a current 一把手 up to the as-of date.
    pub last_supervision_talk: Option<String>,
    /// Items of the unit still 整改中.
    pub open_items: i64,
    /// 逾期未复 letters to the unit on the as-of date.
    pub overdue_letters: i64,
    /// The year of the latest rating, and the rating ("好").
    pub last_rating_year: Option<i32>,
    pub last_rating: Option<String>,
    /// Highest level among its live risk points (高/中/低).
    pub highest_risk: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Report {
    pub scope: ReportScope,
    /// The period's first and last day (`YYYY-MM-DD`), as `ReportPeriod::resolve` gives them: the
    /// drill-down lists filter by these.
    pub from: String,
    pub to: String,
    /// "2026年度", "2026年第三季度" or "2026年1月1日至2026年3月31日" (`ReportPeriod::resolve`).
    pub period_label: String,
    /// "2026年1月1日至2026年12月31日"
    pub period_dates: String,
    /// "2026年度监督工作情况报告": the PDF's title and the files' name.
    pub title: String,
    /// Counts that depend on a day (open, overdue, current 一把手) are taken on this day: the
    /// period's end, or today if the period has not ended.
    pub as_of: String,
    /// The day the report was made, in Chinese form.
    pub made_on: String,
    pub office_name: String,
    /// "全县" or the chosen units' names joined with "、".
    pub units_label: String,
    pub units_covered: i64,
    /// Current 一把手 in scope on the as-of date.
    pub heads: i64,
    // -- talks
    pub talk_kinds: Vec<String>,
    pub talks_by_kind: Vec<LabelCount>,
    pub talks_total: i64,
    /// 一把手 with a held 监督谈话 in the period, of the current 一把手 in scope.
    pub heads_covered: i64,
    pub coverage_percent: Option<f64>,
    /// For a county-wide period inside one calendar year: that year's coverage exactly as the
    /// talk plan and the worklist count it (`store::talks::coverage`: the year's plan, or the
    /// current 一把手 while there is none). None for a unit group or a period over several years.
    pub plan_coverage: Option<super::talks::Coverage>,
    pub talks_by_month: Vec<MonthTalks>,
    // -- letters
    pub letters: Vec<LetterKindFigures>,
    pub letters_issued: i64,
    pub letters_replied: i64,
    pub letters_on_time: i64,
    /// replied on time / replied, one decimal.
    pub on_time_percent: Option<f64>,
    pub letters_overdue: i64,
    // -- items
    pub items: ItemFigures,
    // -- clues
    pub clues_received: i64,
    /// Disposals of clues received in the period; "未处置" last.
    pub clues_by_disposal: Vec<LabelCount>,
    // -- sanctions
    pub sanctions_total: i64,
    /// "党纪处分·警告" and so on.
    pub sanctions_by_kind: Vec<LabelCount>,
    /// 四种形态, then "未标注".
    pub sanctions_by_form: Vec<LabelCount>,
    // -- assessments
    /// Ratings of the years the period touches, in the rating scale's order.
    pub ratings: Vec<LabelCount>,
    /// Ratings calling for a 约谈 (`assessments::calls_for_summons`) whose 约谈 is held / still pending.
    pub summons_held: i64,
    pub summons_pending: i64,
    // -- risks
    pub risks_by_level: Vec<LabelCount>,
    // -- hearings, education
    pub hearings: i64,
    pub education: i64,
    pub education_participants: i64,
    pub annex: Vec<UnitAnnexRow>,
}

// ---- the tables, as printed and as sheets

/// One cell of a report table; the workbook keeps its kind (numbers, dates), the PDF prints its text.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportCell {
    Text(String),
    Int(i64),
    /// `YYYY-MM-DD`
    Date(String),
    Empty,
}

impl ReportCell {
    pub fn text(s: impl Into<String>) -> ReportCell {
        ReportCell::Text(s.into())
    }

    pub fn text_opt(s: Option<&str>) -> ReportCell {
        ReportCell::Text(s.unwrap_or_default().to_string())
    }

    pub fn date_opt(d: Option<&str>) -> ReportCell {
        match d {
            Some(d) if !d.is_empty() => ReportCell::Date(d.to_string()),
            _ => ReportCell::Empty,
        }
    }

    /// What the cell prints as.
    pub fn shown(&self) -> String {
        match self {
            ReportCell::Text(s) | ReportCell::Date(s) => s.clone(),
            ReportCell::Int(i) => i.to_string(),
            ReportCell::Empty => String::new(),
        }
    }
}

/// A titled table of the report: its Chinese headers and rows, each as long as the headers.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTable {
    pub title: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<ReportCell>>,
}

impl ReportTable {
    fn new(title: &str, headers: Vec<&'static str>) -> ReportTable {
        ReportTable { title: title.to_string(), headers, rows: Vec::new() }
    }

    fn push(&mut self, row: Vec<ReportCell>) {
        debug_assert_eq!(row.len(), self.headers.len(), "a row has one cell per header");
        self.rows.push(row);
    }
}

use super::talks::TalkKind;
use ReportCell as Cell;
use ReportTable as Sheet;

/// "87.5%", or "—" when there is nothing to divide by.
pub fn percent_text(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "—".into())
}

fn counts_sheet(title: &str, head: &'static str, rows: &[LabelCount]) -> Sheet {
    let mut sh = Sheet::new(title, vec![head, "数量"]);
    for r in rows {
        sh.push(vec![Cell::text(&r.label), Cell::Int(r.count)]);
    }
    sh.push(vec![Cell::text("合计"), Cell::Int(rows.iter().map(|r| r.count).sum())]);
    sh
}

impl Report {
/// The report's tables in print order; the PDF prints them, the workbook has one sheet each.
/// Titles are numbered as printed ("一、基本情况").
pub fn tables(&self) -> Vec<Sheet> {
    let r = self;
    let mut out = Vec::new();
    let mut sh = Sheet::new("一、基本情况", vec!["项目", "内容"]);
    for (k, v) in [
        ("报告期间", Cell::text(&r.period_label)),
        ("起止日期", Cell::text(&r.period_dates)),
        ("统计范围", Cell::text(&r.units_label)),
        ("单位数", Cell::Int(r.units_covered)),
        ("现任一把手人数", Cell::Int(r.heads)),
        ("统计截止日", Cell::Date(r.as_of.clone())),
    ] {
        sh.push(vec![Cell::text(k), v]);
    }
    out.push(sh);

    out.push(counts_sheet("二、谈话开展情况", "谈话类型", &r.talks_by_kind));
    let mut sh = Sheet::new("三、一把手监督谈话覆盖", vec!["范围", "应谈（人）", "已开展监督谈话（人）", "覆盖率"]);
    sh.push(vec![Cell::text("现任一把手"), Cell::Int(r.heads), Cell::Int(r.heads_covered), Cell::text(percent_text(r.coverage_percent))]);
    if let Some(c) = &r.plan_coverage {
        sh.push(vec![Cell::text(format!("{}年度谈话计划", c.year)), Cell::Int(c.in_scope), Cell::Int(c.covered), Cell::text(percent_text(c.percent))]);
    }
    out.push(sh);

    let mut head: Vec<&'static str> = vec!["月份"];
    head.extend(TalkKind::ALL.iter().map(|k| k.label()));
    head.push("合计");
    let mut sh = Sheet::new("四、各月谈话情况", head);
    for m in &r.talks_by_month {
        let mut row = vec![Cell::text(&m.month)];
        row.extend(m.counts.iter().map(|c| Cell::Int(*c)));
        row.push(Cell::Int(m.total));
        sh.push(row);
    }
    out.push(sh);

    let mut sh = Sheet::new("五、函件及按期回复情况", vec!["函件类型", "签发（件）", "已回复（件）", "按期回复（件）", "逾期未复（件）", "按期回复率"]);
    for l in &r.letters {
        sh.push(vec![
            Cell::text(&l.kind),
            Cell::Int(l.issued),
            Cell::Int(l.replied),
            Cell::Int(l.replied_on_time),
            Cell::Int(l.overdue),
            Cell::text(percent_text(l.on_time_percent)),
        ]);
    }
    sh.push(vec![
        Cell::text("合计"),
        Cell::Int(r.letters_issued),
        Cell::Int(r.letters_replied),
        Cell::Int(r.letters_on_time),
        Cell::Int(r.letters_overdue),
        Cell::text(percent_text(r.on_time_percent)),
    ]);
    out.push(sh);

    let mut sh = Sheet::new("六、整改事项情况", vec!["新增（项）", "已销号（项）", "整改中（项）", "其中逾期（项）", "整改完成率"]);
    let i = &r.items;
    sh.push(vec![Cell::Int(i.opened), Cell::Int(i.closed), Cell::Int(i.open), Cell::Int(i.overdue), Cell::text(percent_text(i.completion_percent))]);
    out.push(sh);

    out.push(counts_sheet("七、问题线索处置情况", "处置方式", &r.clues_by_disposal));
    out.push(counts_sheet("八、处分处理情况（按种类）", "种类", &r.sanctions_by_kind));
    out.push(counts_sheet("九、运用监督执纪“四种形态”情况", "形态", &r.sanctions_by_form));
    // The ratings are of the years the period touches: say which.
    let (y1, y2) = (r.from.get(..4).unwrap_or(""), r.to.get(..4).unwrap_or(""));
    let years = if y1 == y2 { format!("{y1}年度") } else { format!("{y1}—{y2}年度") };
    out.push(counts_sheet(&format!("十、责任制考核等次分布（{years}）"), "考核等次", &r.ratings));
    let mut sh = Sheet::new("十一、考核结果运用（约谈）", vec!["应约谈（个）", "已约谈（个）", "待约谈（个）"]);
    sh.push(vec![Cell::Int(r.summons_held + r.summons_pending), Cell::Int(r.summons_held), Cell::Int(r.summons_pending)]);
    out.push(sh);
    out.push(counts_sheet("十二、廉政风险点等级分布", "风险等级", &r.risks_by_level));
    let mut sh = Sheet::new("十三、听取汇报和警示教育", vec!["项目", "数量"]);
    sh.push(vec![Cell::text("听取汇报（次）"), Cell::Int(r.hearings)]);
    sh.push(vec![Cell::text("警示教育活动（次）"), Cell::Int(r.education)]);
    sh.push(vec![Cell::text("警示教育参加人次"), Cell::Int(r.education_participants)]);
    out.push(sh);

    let mut sh = Sheet::new("附表：各单位情况", vec!["单位", "一把手", "最近监督谈话", "整改中事项", "逾期未复函", "考核年度", "考核等次", "最高风险"]);
    for a in &r.annex {
        sh.push(vec![
            Cell::text(&a.unit_name),
            Cell::text(&a.heads),
            Cell::date_opt(a.last_supervision_talk.as_deref()),
            Cell::Int(a.open_items),
            Cell::Int(a.overdue_letters),
            a.last_rating_year.map(|y| Cell::Int(y.into())).unwrap_or(Cell::Empty),
            Cell::text_opt(a.last_rating.as_deref()),
            Cell::text_opt(a.highest_risk.as_deref()),
        ]);
    }
    out.push(sh);
    out
}
}

/// The report's title: "2026年度监督工作情况报告", "2026年第三季度监督工作情况报告",
/// "监督工作情况报告（2026年1月1日至2026年3月31日）" for from–to dates.
pub fn report_title(period: &ReportPeriod, label: &str) -> String {
    match period {
        ReportPeriod::Range { .. } => format!("监督工作情况报告（{label}）"),
        _ => format!("{label}监督工作情况报告"),
    }
}
