//! Search keys for a Chinese name: every plausible full reading and its initials, so that "zs",
//! "zhangsan" and "张三" all find 张三. Surnames read differently from the characters' common
//! reading (单 shàn, 曾 zēng, 解 xiè, 尉迟 yùchí …) are read as surnames in first position.

use pinyin::ToPinyinMulti;

/// Compound surnames, matched before single ones.
const COMPOUND_SURNAMES: &[(&str, &[&str])] = &[
    ("尉迟", &["yu", "chi"]),
    ("万俟", &["mo", "qi"]),
    ("单于", &["chan", "yu"]),
    ("长孙", &["zhang", "sun"]),
    ("澹台", &["tan", "tai"]),
    ("令狐", &["ling", "hu"]),
    ("欧阳", &["ou", "yang"]),
    ("司马", &["si", "ma"]),
    ("上官", &["shang", "guan"]),
    ("诸葛", &["zhu", "ge"]),
    ("东方", &["dong", "fang"]),
    ("皇甫", &["huang", "fu"]),
    ("公孙", &["gong", "sun"]),
    ("慕容", &["mu", "rong"]),
    ("宇文", &["yu", "wen"]),
    ("夏侯", &["xia", "hou"]),
    ("司徒", &["si", "tu"]),
    ("呼延", &["hu", "yan"]),
];

/// Single surnames whose surname reading differs from (or is only one of) the common readings.
/// Where both are in real use as surnames (乐 yuè / lè), both are listed.
const SURNAME_READINGS: &[(char, &[&str])] = &[
    ('单', &["shan"]),
    ('曾', &["zeng"]),
    ('解', &["xie"]),
    ('仇', &["qiu"]),
    ('查', &["zha"]),
    ('区', &["ou"]),
    ('朴', &["piao"]),
    ('覃', &["qin", "tan"]),
    ('尉', &["wei", "yu"]),
    ('乐', &["yue", "le"]),
    ('盖', &["ge", "gai"]),
    ('缪', &["miao"]),
    ('繁', &["po"]),
    ('秘', &["bi"]),
    ('员', &["yun"]),
    ('折', &["she"]),
    ('翟', &["zhai"]),
    ('祭', &["zhai"]),
    ('隗', &["wei"]),
    ('种', &["chong"]),
    ('召', &["shao"]),
    ('柏', &["bai"]),
    ('黑', &["he"]),
    ('宁', &["ning"]),
    ('过', &["guo"]),
    ('相', &["xiang"]),
    ('费', &["fei"]),
    ('纪', &["ji"]),
    ('华', &["hua"]),
    ('任', &["ren"]),
    ('沈', &["shen"]),
    ('重', &["chong"]),
    ('长', &["chang"]),
    ('石', &["shi"]),
    ('薄', &["bo"]),
    ('应', &["ying"]),
    ('燕', &["yan"]),
    ('都', &["du"]),
    ('句', &["gou"]),
    ('阚', &["kan"]),
    ('臧', &["zang"]),
    ('令', &["ling"]),
    ('贲', &["ben"]),
    ('洗', &["xian"]),
    ('冼', &["xian"]),
];

/// Characters used in names that the pinyin table lacks (mostly beyond the BMP).
const EXTRA_READINGS: &[(char, &[&str])] = &[('𠮷', &["ji"]), ('䶮', &["yan"]), ('堃', &["kun"]), ('喆', &["zhe"]), ('赟', &["yun"])];

/// Most reading combinations kept per name; heteronyms multiply quickly.
const MAX_COMBINATIONS: usize = 16;

/// Readings of one given-name character: every heteronym the table knows, capped at 3.
fn char_readings(c: char) -> Vec<String> {
    if let Some((_, r)) = EXTRA_READINGS.iter().find(|(ch, _)| *ch == c) {
        return r.iter().map(|s| s.to_string()).collect();
    }
    match c.to_pinyin_multi() {
        Some(multi) => {
            let mut out: Vec<String> = Vec::new();
            for p in multi.into_iter() {
                let plain = p.plain().to_string();
                if !out.contains(&plain) {
                    out.push(plain);
                }
                if out.len() == 3 {
                    break;
                }
            }
            out
        }
        // Latin letters and digits search as themselves; other symbols (·) are skipped.
        None if c.is_ascii_alphanumeric() => vec![c.to_ascii_lowercase().to_string()],
        None => Vec::new(),
    }
}

/// Per-syllable reading alternatives for a name, surname first.
fn syllables(name: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut rest = &chars[..];
    let head: String = chars.iter().take(2).collect();
    if let Some((_, r)) = COMPOUND_SURNAMES.iter().find(|(s, _)| *s == head) {
        out.extend(r.iter().map(|s| vec![s.to_string()]));
        rest = &chars[2..];
    } else if let Some(first) = chars.first() {
        if let Some((_, r)) = SURNAME_READINGS.iter().find(|(ch, _)| ch == first) {
            out.push(r.iter().map(|s| s.to_string()).collect());
            rest = &chars[1..];
        }
    }
    for c in rest {
        let r = char_readings(*c);
        if !r.is_empty() {
            out.push(r);
        }
    }
    out
}

/// `(full, initials)`, each `|a|b|…|` so a LIKE '%q%' cannot match across two alternatives.
pub fn name_keys(name: &str) -> (String, String) {
    let mut combos: Vec<(String, String)> = vec![(String::new(), String::new())];
    for alternatives in syllables(name) {
        let mut next = Vec::new();
        for (full, initials) in &combos {
            for alt in &alternatives {
                if next.len() >= MAX_COMBINATIONS {
                    break;
                }
                let first = alt.chars().next().map(String::from).unwrap_or_default();
                next.push((format!("{full}{alt}"), format!("{initials}{first}")));
            }
        }
        combos = next;
    }
    let join = |items: Vec<String>| {
        let mut uniq: Vec<String> = Vec::new();
        for i in items {
            if !i.is_empty() && !uniq.contains(&i) {
                uniq.push(i);
            }
        }
        if uniq.is_empty() {
            String::new()
        } else {
            format!("|{}|", uniq.join("|"))
        }
    };
    let (full, initials): (Vec<String>, Vec<String>) = combos.into_iter().unzip();
    (join(full), join(initials))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(keys: &str, want: &str) -> bool {
        keys.split('|').any(|k| k == want)
    }

    #[test]
    fn common_names() {
        let (full, initials) = name_keys("张三");
        assert!(has(&full, "zhangsan"), "{full}");
        assert!(has(&initials, "zs"), "{initials}");
    }

    #[test]
    fn surnames_with_special_readings() {
        for (name, want) in [
            ("单雄信", "shanxiongxin"),
            ("曾国藩", "zengguofan"),
            ("解缙", "xiejin"),
            ("仇英", "qiuying"),
            ("查良镛", "zhaliangyong"),
            ("区志坚", "ouzhijian"),
            ("朴志勇", "piaozhiyong"),
            ("覃小梅", "qinxiaomei"),
            ("尉迟恭", "yuchigong"),
        ] {
            let (full, _) = name_keys(name);
            assert!(has(&full, want), "{name}: {full}");
        }
        let (full, initials) = name_keys("单丽华");
        assert!(!full.contains("dan"), "单 as a surname is never dan: {full}");
        assert!(has(&initials, "slh"));
    }

    #[test]
    fn rare_characters_beyond_the_bmp() {
        let (full, initials) = name_keys("𠮷祥");
        assert!(has(&full, "jixiang"), "{full}");
        assert!(has(&initials, "jx"));
        for (name, want) in [("王䶮", "wangyan"), ("李堃", "likun"), ("陈喆", "chenzhe"), ("刘赟", "liuyun")] {
            assert!(has(&name_keys(name).0, want), "{name}");
        }
    }

    #[test]
    fn heteronyms_in_given_names_match_either_reading() {
        // 乐 in a given name: 张乐 may be zhangle or zhangyue.
        let (full, _) = name_keys("张乐");
        assert!(has(&full, "zhangle") && has(&full, "zhangyue"), "{full}");
    }
}
