//! PDF engine timings: fonts loaded once, a 100-letter batch in one PDF (target < 0.6 s), 100
//! letters as separate files, and the size of one letter (target < 150 KB).
//! Run: cargo bench -p jiandu-core --bench pdf

use std::time::Instant;

use jiandu_core::pdf::{render_letter, render_letters, FontConfig, FontSet, LetterDoc};

fn letter(i: usize) -> LetterDoc {
    LetterDoc {
        organ_name: "中共宣城县纪律检查委员会".into(),
        number: format!("宣纪函〔2026〕{}号", i + 1),
        title: "关于落实党风廉政建设“两个责任”的提醒函".into(),
        recipient: format!("中共第{}镇委员会", i + 1),
        paragraphs: vec![
            "根据《党政“一把手”和领导班子监督办法》和县委关于全面从严治党的部署，结合2026年度党风廉政建设责任制考核情况，现就进一步落实主体责任和监督责任提醒如下。".into(),
            "一、提高政治站位，切实扛起主体责任".into(),
            "党委（党组）书记要认真履行第一责任人职责，对班子成员和下级“一把手”经常咬耳扯袖、红脸出汗，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要案件亲自督办。".into(),
            "（一）加强学习教育。要把学习贯彻党章党规党纪作为经常性工作，组织开展警示教育，以案促改、以案促治，引导党员干部知敬畏、存戒惧、守底线。".into(),
            "（二）健全制度机制。要围绕选人用人、财务和大额资金审批、政府采购、工程项目等重点领域，排查廉政风险点，完善防控措施，形成用制度管权管事管人的长效机制。".into(),
            "二、聚焦关键少数，强化日常监督".into(),
            "要紧盯“一把手”和领导班子，常态化开展监督谈话，对发现的苗头性、倾向性问题早提醒、早纠正，对考核结果为基本合格的单位主要负责人及时约谈，督促制定整改方案、明确整改时限。".into(),
            "请于2026年12月15日前将落实情况书面报县纪委监委第一监督检查室。".into(),
        ],
        signature: "中共宣城县纪律检查委员会".into(),
        date: "2026年11月28日".into(),
        cc: vec!["县委办公室".into(), "县委组织部".into()],
        contact: Some("联系人：王䶮，电话：0563-1234567".into()),
    }
}

fn main() {
    let t = Instant::now();
    let fonts = match FontSet::load(&FontConfig::default()) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!(
        "font load (once):                {:>8.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    for role in fonts.report().roles {
        println!(
            "  {:<16} {} ({}{})",
            role.role_label,
            role.family,
            role.path.display(),
            if role.official { "" } else { ", 替代字体" }
        );
    }

    let letters: Vec<LetterDoc> = (0..100).map(letter).collect();
    // Warm-up (lazy fallback faces, page cache).
    let one = render_letter(&fonts, &letters[0]).unwrap_or_default();
    println!(
        "one letter:                      {:>8.1} KB",
        one.len() as f64 / 1024.0
    );

    let runs = 5;
    let mut best = f64::MAX;
    let mut size = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let pdf = render_letters(&fonts, &letters).unwrap_or_default();
        best = best.min(t.elapsed().as_secs_f64());
        size = pdf.len();
    }
    println!(
        "100-letter batch, one PDF:       {:>8.1} ms (best of {runs}), {:.0} KB",
        best * 1e3,
        size as f64 / 1024.0
    );

    let t = Instant::now();
    let mut total = 0;
    for l in &letters {
        total += render_letter(&fonts, l).map(|b| b.len()).unwrap_or(0);
    }
    let each = t.elapsed().as_secs_f64();
    println!(
        "100 letters, one PDF each:       {:>8.1} ms total, {:.1} ms per letter, {:.0} KB avg",
        each * 1e3,
        each * 10.0,
        total as f64 / 1024.0 / 100.0
    );
}
