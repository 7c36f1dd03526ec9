//! Line breaking on the GB/T 9704 character grid with the 禁则: a line never starts with closing
//! punctuation and never ends with opening punctuation; Latin letters and digits count as
//! half-width and a Latin word or number is not split unless it is longer than a line.
//!
//! Widths are in half-cells ("units"): a full-width character takes 2, a half-width one 1.

use super::fonts::FontRole;

/// Characters that must not begin a line.
pub fn is_line_start_forbidden(ch: char) -> bool {
    matches!(
        ch,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '”'
            | '’'
            | '】'
            | '〕'
            | '〉'
            | '］'
            | '｝'
            | '…'
            | '—'
            | '·'
            | '％'
            | '‰'
            | '℃'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
            | '～'
            | '〗'
            | '々'
            | '〞'
    )
}

/// Characters that must not end a line.
pub fn is_line_end_forbidden(ch: char) -> bool {
    matches!(
        ch,
        '（' | '《'
            | '「'
            | '『'
            | '“'
            | '‘'
            | '【'
            | '〔'
            | '〈'
            | '［'
            | '｛'
            | '('
            | '['
            | '{'
            | '〖'
            | '〝'
    )
}

/// Half-width characters: ASCII and Latin-1 letters, digits, and ASCII punctuation.
pub fn is_half_width(ch: char) -> bool {
    (ch as u32) < 0x2000 && ch != '\u{00B7}' || ch == '\u{2002}'
}

/// Full-width punctuation whose glyph fills only the left half of its cell (，。、 and closing
/// brackets and quotes): it can give up its right half when a line must be squeezed.
pub fn is_closing_punct(ch: char) -> bool {
    matches!(
        ch,
        '，' | '。'
            | '、'
            | '）'
            | '］'
            | '｝'
            | '〕'
            | '】'
            | '》'
            | '」'
            | '』'
            | '”'
            | '’'
            | '〉'
            | '〗'
    )
}

/// Full-width opening brackets and quotes: the glyph fills the right half, the left half can go.
pub fn is_opening_punct(ch: char) -> bool {
    matches!(
        ch,
        '（' | '［' | '｛' | '〔' | '【' | '《' | '「' | '『' | '“' | '‘' | '〈' | '〖'
    )
}

/// One character with the font role it is set in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StyledChar {
    pub ch: char,
    pub role: FontRole,
}

/// What kind of piece an atom is: it decides how the atom may be squeezed, split and drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtomKind {
    /// One full-width character.
    Full,
    /// Full-width punctuation that can give up half its width (标点挤压).
    Squeezable,
    /// A run of Latin letters, digits and ASCII punctuation: may be cut when a line would
    /// otherwise be left loose.
    Latin,
    Space,
    /// 破折号 ——: one mark two characters wide, drawn as one unbroken line.
    Dash,
    /// 省略号 ……: one mark two characters wide.
    Ellipsis,
}

/// An unbreakable piece: one full-width character, a Latin word/number, a space, or a
/// 破折号/省略号 (both characters together).
#[derive(Debug, Clone, PartialEq)]
pub struct Atom {
    pub chars: Vec<StyledChar>,
    pub units: u32,
    pub space: bool,
    pub kind: AtomKind,
}

impl Atom {
    fn first(&self) -> Option<char> {
        self.chars.first().map(|c| c.ch)
    }
    fn last(&self) -> Option<char> {
        self.chars.last().map(|c| c.ch)
    }
    fn squeezable(&self) -> bool {
        self.kind == AtomKind::Squeezable
    }
}

/// Splits text into atoms. `latin_units` gives the units a Latin run takes (at least its
/// character count). A Latin run stays whole here however long; [`break_paragraph`] cuts
/// what does not fit a line.
pub fn atoms(text: &[StyledChar], latin_units: &dyn Fn(&[StyledChar]) -> u32) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if c.ch == ' ' {
            out.push(Atom {
                chars: vec![c],
                units: 1,
                space: true,
                kind: AtomKind::Space,
            });
            i += 1;
        } else if is_half_width(c.ch) {
            let mut j = i;
            while j < text.len() && is_half_width(text[j].ch) && text[j].ch != ' ' {
                j += 1;
            }
            out.push(latin_atom(&text[i..j], latin_units));
            i = j;
        } else if matches!(c.ch, '—' | '…') && text.get(i + 1).is_some_and(|n| n.ch == c.ch) {
            // The two halves of a 破折号 or 省略号 are one mark: never split, never spread.
            out.push(Atom {
                chars: text[i..i + 2].to_vec(),
                units: 4,
                space: false,
                kind: if c.ch == '—' {
                    AtomKind::Dash
                } else {
                    AtomKind::Ellipsis
                },
            });
            i += 2;
        } else {
            out.push(Atom {
                chars: vec![c],
                units: 2,
                space: false,
                // The free 楷体 stand-in (AR PL KaitiM GB) centres its punctuation in the
                // em, so half a cell cannot be taken from it without the mark running into
                // its neighbour; 楷体 is only used for short （一） headings anyway.
                kind: if (is_closing_punct(c.ch) || is_opening_punct(c.ch))
                    && c.role != FontRole::Kai
                {
                    AtomKind::Squeezable
                } else {
                    AtomKind::Full
                },
            });
            i += 1;
        }
    }
    out
}

fn latin_atom(run: &[StyledChar], latin_units: &dyn Fn(&[StyledChar]) -> u32) -> Atom {
    Atom {
        chars: run.to_vec(),
        units: latin_units(run).max(run.len() as u32),
        space: false,
        kind: AtomKind::Latin,
    }
}

/// An atom placed on a line: `x` and `width` in points from the line's left edge.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedAtom {
    pub atom: Atom,
    pub x: f32,
    pub width: f32,
    /// Squeezable punctuation set in half its width.
    pub squeezed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub atoms: Vec<PlacedAtom>,
    /// Whether the line was justified to the full measure (every line of a paragraph but the
    /// last).
    pub justified: bool,
}

impl Line {
    pub fn text(&self) -> String {
        self.atoms
            .iter()
            .flat_map(|a| a.atom.chars.iter().map(|c| c.ch))
            .collect()
    }

    /// The widest space justification opened between two atoms, in points.
    pub fn widest_gap(&self) -> f32 {
        self.atoms
            .windows(2)
            .map(|w| w[1].x - (w[0].x + w[0].width))
            .fold(0.0, f32::max)
    }
}

/// Above this many units of space per gap (a quarter character) a justified line looks
/// loose, and a long Latin run at its end is cut to fill it instead.
const LOOSE_UNITS_PER_GAP: f32 = 0.5;

/// Breaks a paragraph into lines of `capacity` units of `unit_pt` points, the first line
/// indented `first_indent` units. Every line except the last is justified to the full
/// measure; no line is ever wider than `capacity * unit_pt`.
///
/// Where the 禁则 or an unbreakable piece would leave a line short, full-width punctuation
/// gives up half its width to take more onto the line (标点挤压) before any space is opened
/// between characters; a Latin run that would still leave the line loose is cut.
pub fn break_paragraph(
    atoms: &[Atom],
    capacity: u32,
    first_indent: u32,
    unit_pt: f32,
    latin_units: &dyn Fn(&[StyledChar]) -> u32,
) -> Vec<Line> {
    let mut atoms = atoms.to_vec();
    let mut lines = Vec::new();
    let mut i = 0;
    let mut first = true;
    while i < atoms.len() {
        // Spaces do not start a line.
        while i < atoms.len() && atoms[i].space && !first {
            i += 1;
        }
        if i >= atoms.len() {
            break;
        }
        let indent = if first { first_indent } else { 0 };
        let cap = capacity.saturating_sub(indent).max(2);
        if atoms[i].units > cap {
            // A URL or number longer than the line: cut it to the line.
            split_latin(&mut atoms, i, cap, 1, latin_units);
        }
        let n = atoms.len();
        // How far the line reaches at natural width, and with every punctuation squeezed.
        let (mut used, mut squeezable) = (0u32, 0u32);
        let (mut reach_natural, mut reach_squeezed) = (i, i);
        for (k, atom) in atoms.iter().enumerate().skip(i) {
            let u = used + atom.units;
            let s = squeezable + u32::from(atom.squeezable());
            if u - s > cap {
                break;
            }
            used = u;
            squeezable = s;
            if used <= cap {
                reach_natural = k + 1;
            }
            reach_squeezed = k + 1;
        }
        if reach_squeezed == i {
            // An atom wider than the line that cannot be cut: it goes alone.
            reach_squeezed = i + 1;
            reach_natural = i + 1;
        }
        if reach_squeezed >= n {
            lines.push(place(&atoms[i..n], indent, cap, unit_pt, false));
            break;
        }
        let ok = |k: usize| {
            let starts_bad = atoms[k].first().is_some_and(is_line_start_forbidden);
            let ends_bad = atoms[k - 1].last().is_some_and(is_line_end_forbidden);
            !starts_bad && !ends_bad
        };
        let best = |hi: usize| (i + 1..=hi).rev().find(|&k| ok(k));
        let fills = |k: usize| units_of(trim_spaces(&atoms[i..k])) == cap;
        let chosen = match (best(reach_natural), best(reach_squeezed)) {
            (Some(k), _) if fills(k) => Some(k),
            // Squeezing takes at least as much onto the line as stretching would leave.
            (_, Some(k)) => Some(k),
            (k, None) => k,
        };
        let Some(mut k) = chosen else {
            // Nothing to push (a whole line of prohibited characters): pull the next
            // characters in and compress the line instead.
            let mut k = reach_squeezed;
            while k < n && !ok(k) && k < reach_squeezed + 3 {
                k += 1;
            }
            lines.push(place(&atoms[i..k.min(n)], indent, cap, unit_pt, k < n));
            i = k;
            first = false;
            continue;
        };
        let line = trim_spaces(&atoms[i..k]);
        let used = units_of(line);
        let gaps = line.len().saturating_sub(1).max(1) as f32;
        if used < cap
            && (cap - used) as f32 / gaps > LOOSE_UNITS_PER_GAP
            && line.len() == k - i
            && split_latin(&mut atoms, k, cap - used, 2, latin_units)
        {
            k += 1;
        }
        let end = i + trim_spaces(&atoms[i..k]).len();
        lines.push(place(&atoms[i..end], indent, cap, unit_pt, true));
        i = k;
        first = false;
    }
    lines
}

fn units_of(atoms: &[Atom]) -> u32 {
    atoms.iter().map(|a| a.units).sum()
}

/// Trailing spaces are dropped from a line's end.
fn trim_spaces(atoms: &[Atom]) -> &[Atom] {
    let mut end = atoms.len();
    while end > 1 && atoms[end - 1].space {
        end -= 1;
    }
    &atoms[..end]
}

/// Cuts the Latin atom at `at` so that its head takes at most `room` units, keeping at least
/// `min_chars` characters on each side and the 禁则 at the cut. Returns whether it was cut.
fn split_latin(
    atoms: &mut Vec<Atom>,
    at: usize,
    room: u32,
    min_chars: usize,
    latin_units: &dyn Fn(&[StyledChar]) -> u32,
) -> bool {
    let Some(atom) = atoms.get(at).filter(|a| a.kind == AtomKind::Latin) else {
        return false;
    };
    let chars = &atom.chars;
    if chars.len() < 2 * min_chars {
        return false;
    }
    let fits = |m: usize| latin_units(&chars[..m]).max(m as u32) <= room;
    let allowed =
        |m: usize| !is_line_start_forbidden(chars[m].ch) && !is_line_end_forbidden(chars[m - 1].ch);
    let Some(m) = (min_chars..=chars.len() - min_chars)
        .rev()
        .find(|&m| fits(m) && allowed(m))
    else {
        return false;
    };
    let head = latin_atom(&chars[..m], latin_units);
    let tail = latin_atom(&chars[m..], latin_units);
    atoms[at] = tail;
    atoms.insert(at, head);
    true
}

/// Places atoms from the indent. When the atoms are wider than the line, squeezable
/// punctuation gives up half its width, the most natural places first; when `justify`, the
/// remaining space is spread over the gaps between atoms.
fn place(atoms: &[Atom], indent: u32, cap: u32, unit_pt: f32, justify: bool) -> Line {
    let natural = units_of(atoms);
    let squeezed = choose_squeezed(atoms, natural.saturating_sub(cap));
    let used = natural - squeezed.iter().filter(|s| **s).count() as u32;
    let gaps = atoms.len().saturating_sub(1) as f32;
    let slack_pt = (cap as f32 - used as f32) * unit_pt;
    let (gap, scale) = if slack_pt < 0.0 {
        // Still too wide (a pull-in with nothing left to squeeze): shrink every atom
        // uniformly so the line fits exactly.
        (0.0, cap as f32 / used as f32)
    } else if justify && gaps > 0.0 {
        (slack_pt / gaps, 1.0)
    } else {
        (0.0, 1.0)
    };
    let mut x = indent as f32 * unit_pt;
    let mut placed = Vec::with_capacity(atoms.len());
    for (a, squeezed) in atoms.iter().zip(squeezed) {
        let units = a.units - u32::from(squeezed);
        let width = units as f32 * unit_pt * scale;
        placed.push(PlacedAtom {
            atom: a.clone(),
            x,
            width,
            squeezed,
        });
        x += width + gap;
    }
    Line {
        atoms: placed,
        justified: justify,
    }
}

/// Which atoms give up half their width to take `need` units off a line: punctuation next to
/// punctuation first (。” and ）， never need two full cells), then the line's last
/// character, then from the end of the line back.
fn choose_squeezed(atoms: &[Atom], need: u32) -> Vec<bool> {
    let mut squeezed = vec![false; atoms.len()];
    if need == 0 {
        return squeezed;
    }
    let mut order: Vec<(u8, usize)> = atoms
        .iter()
        .enumerate()
        .filter(|(_, a)| a.squeezable())
        .map(|(k, _)| {
            let beside =
                |j: Option<usize>| j.and_then(|j| atoms.get(j)).is_some_and(|a| a.squeezable());
            let rank = if beside(k.checked_sub(1)) || beside(Some(k + 1)) {
                0
            } else if k + 1 == atoms.len() {
                1
            } else {
                2
            };
            (rank, usize::MAX - k)
        })
        .collect();
    order.sort();
    for (_, rev) in order.into_iter().take(need as usize) {
        squeezed[usize::MAX - rev] = true;
    }
    squeezed
}

/// Breaks a title into balanced lines of at most `max_chars` full-width characters,
/// preferring breaks after 的/和/、 and before 关于, keeping the 禁则.
pub fn break_title(text: &str, max_chars: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let max_chars = max_chars.max(2);
    if chars.len() <= max_chars {
        return vec![text.to_string()];
    }
    // Try the fewest lines and one more; an extra line is worth it when it avoids a break
    // inside a word.
    let min_lines = chars.len().div_ceil(max_chars);
    let (lines, _) = [min_lines, min_lines + 1]
        .into_iter()
        .map(|count| {
            let (lines, score) = title_lines(&chars, max_chars, count);
            (lines, score + (count - min_lines) as i64 * 4)
        })
        .min_by_key(|(_, score)| *score)
        .unwrap_or_else(|| (vec![text.to_string()], 0));
    lines
}

fn title_lines(chars: &[char], max_chars: usize, line_count: usize) -> (Vec<String>, i64) {
    let mut lines = Vec::new();
    let mut total = 0i64;
    let mut start = 0;
    for l in 0..line_count {
        let remaining_lines = line_count - l;
        let remaining = chars.len() - start;
        if remaining_lines == 1 {
            break;
        }
        let target = start + remaining.div_ceil(remaining_lines);
        let lo = (start + 2).max(target.saturating_sub(4));
        let hi = (start + max_chars).min(chars.len() - 1).min(target + 3);
        let mut best: Option<(i64, usize)> = None;
        for pos in lo..=hi.max(lo) {
            if pos >= chars.len() || pos <= start || pos - start > max_chars {
                continue;
            }
            let prev = chars[pos - 1];
            let next = chars[pos];
            if is_line_start_forbidden(next) || is_line_end_forbidden(prev) {
                continue;
            }
            if is_half_width(prev)
                && is_half_width(next)
                && prev.is_alphanumeric()
                && next.is_alphanumeric()
            {
                continue;
            }
            let mut score = (pos as i64 - target as i64).abs();
            let good_after = matches!(
                prev,
                '的' | '和' | '及' | '与' | '、' | '，' | '》' | '”' | '）'
            );
            let good_before = next == '关' && chars.get(pos + 1) == Some(&'于')
                || matches!(
                    next,
                    '《' | '“' | '切' | '进' | '加' | '做' | '推' | '落' | '全'
                );
            if !(good_after || good_before) {
                score += 8;
            }
            if chars.len() - pos > max_chars * (remaining_lines - 1) {
                score += 100;
            }
            if best.is_none_or(|(s, _)| score < s) {
                best = Some((score, pos));
            }
        }
        let (score, pos) = best.unwrap_or((50, (start + max_chars).min(chars.len())));
        total += score;
        lines.push(chars[start..pos].iter().collect());
        start = pos;
    }
    if start < chars.len() {
        let rest = chars.len() - start;
        if rest > max_chars {
            total += 1000;
        }
        lines.push(chars[start..].iter().collect());
    }
    (lines, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(s: &str) -> Vec<StyledChar> {
        s.chars()
            .map(|ch| StyledChar {
                ch,
                role: FontRole::Body,
            })
            .collect()
    }

    fn by_len(run: &[StyledChar]) -> u32 {
        run.len() as u32
    }

    fn lines_of(s: &str) -> Vec<String> {
        let a = atoms(&styled(s), &by_len);
        break_paragraph(&a, 56, 4, 7.9, &by_len)
            .iter()
            .map(|l| l.text())
            .collect()
    }

    #[test]
    fn plain_text_fills_28_per_line_after_indent() {
        let text: String = "监".repeat(100);
        let lines = lines_of(&text);
        assert_eq!(lines[0].chars().count(), 26);
        assert_eq!(lines[1].chars().count(), 28);
        assert_eq!(lines[2].chars().count(), 28);
    }

    #[test]
    fn comma_never_starts_a_line() {
        // 26 characters fill the indented first line, the 27th is a comma.
        for n in 20..40 {
            let text = format!(
                "{}，{}。再来一段文字，以便检查{}",
                "督".repeat(n),
                "办".repeat(n),
                "函".repeat(n)
            );
            for line in lines_of(&text) {
                let first = line.chars().next().unwrap_or(' ');
                assert!(
                    !is_line_start_forbidden(first),
                    "line starts with {first}: {line}"
                );
                let last = line.chars().last().unwrap_or(' ');
                assert!(
                    !is_line_end_forbidden(last),
                    "line ends with {last}: {line}"
                );
                // 28 cells; a squeezed comma takes half of one.
                assert!(line.chars().count() <= 29, "{line}");
            }
        }
    }

    #[test]
    fn opening_quote_never_ends_a_line() {
        let text = format!("{}“两个责任”落实", "督".repeat(25));
        let lines = lines_of(&text);
        assert!(!lines[0].ends_with('“'), "{lines:?}");
        assert!(lines[1].starts_with('“'), "{lines:?}");
    }

    #[test]
    fn latin_runs_are_half_width_and_unbroken() {
        let text = format!("{}2026年", "督".repeat(25));
        let lines = lines_of(&text);
        // 25 full + 4 half = 27 cells > 26 available: the number moves whole.
        assert_eq!(lines[1], "2026年");
        let text = format!("{}12年", "督".repeat(25));
        assert_eq!(lines_of(&text)[0], format!("{}12", "督".repeat(25)));
    }

    #[test]
    fn lines_never_exceed_the_measure() {
        let text = format!("{}，，，，，，{}", "督".repeat(25), "办".repeat(40));
        let a = atoms(&styled(&text), &by_len);
        for line in break_paragraph(&a, 56, 4, 7.9, &by_len) {
            let end = line.atoms.last().map(|p| p.x + p.width).unwrap_or(0.0);
            assert!(end <= 56.0 * 7.9 + 0.01, "{end}");
        }
    }

    fn broken(s: &str) -> Vec<Line> {
        let a = atoms(&styled(s), &by_len);
        break_paragraph(&a, 56, 4, 7.9, &by_len)
    }

    #[test]
    fn dashes_and_ellipses_are_one_mark() {
        for n in 20..32 {
            let text = format!("{}——{}……{}", "督".repeat(n), "办".repeat(n), "函".repeat(n));
            let lines = broken(&text);
            for (k, line) in lines.iter().enumerate() {
                let t = line.text();
                assert_eq!(t.matches('—').count() % 2, 0, "{t}");
                assert_eq!(t.matches('…').count() % 2, 0, "{t}");
                for p in &line.atoms {
                    if matches!(p.atom.kind, AtomKind::Dash | AtomKind::Ellipsis) {
                        assert_eq!(p.atom.units, 4);
                        assert!((p.width - 4.0 * 7.9).abs() < 0.01, "spread: {t}");
                    }
                }
                if k + 1 < lines.len() {
                    assert!(line.widest_gap() <= 7.9 / 2.0 + 0.01, "{t}");
                }
            }
        }
    }

    #[test]
    fn punctuation_is_squeezed_before_a_line_is_stretched() {
        // 26 characters fill the indented first line; the 27th is a comma, which may not
        // start the next one: two squeezed marks take it in rather than push 督 over.
        let text = format!("督督，{}，再来", "督".repeat(23));
        let lines = broken(&text);
        assert_eq!(lines[0].text(), format!("督督，{}，", "督".repeat(23)));
        assert!(lines[0].atoms.iter().filter(|p| p.squeezed).count() == 2);
        assert!(lines[0].widest_gap() < 0.01);
        let end = lines[0].atoms.last().map(|p| p.x + p.width).unwrap_or(0.0);
        assert!((end - 56.0 * 7.9).abs() < 0.01, "{end}");
    }

    #[test]
    fn a_long_latin_run_is_cut_rather_than_leave_a_loose_line() {
        let url = "https://www.example.gov.cn/jiwei/xinxi/2026/05/20260520_tongzhi.html";
        let text = format!("请登录网站{url}下载模板");
        let lines = broken(&text);
        assert!(
            lines[0].text().len() > "请登录网站".len() + 20,
            "{:?}",
            lines[0].text()
        );
        for line in &lines[..lines.len() - 1] {
            assert!(line.widest_gap() <= 7.9 / 2.0 + 0.01, "{}", line.text());
            let end = line.atoms.last().map(|p| p.x + p.width).unwrap_or(0.0);
            assert!(end <= 56.0 * 7.9 + 0.01);
        }
        let joined: String = lines.iter().map(|l| l.text()).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn long_title_breaks_balanced() {
        let title = "关于进一步落实党风廉政建设“两个责任”切实加强对“一把手”和领导班子监督的提醒函";
        let lines = break_title(title, 20);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        // Not inside the word 切实.
        assert!(!lines.iter().any(|l| l.ends_with('切')), "{lines:?}");
        let lens: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
        assert!(
            lens.iter().max().unwrap_or(&0) - lens.iter().min().unwrap_or(&0) <= 6,
            "{lines:?}"
        );
        assert_eq!(lines.concat(), title);
        for l in &lines[1..] {
            assert!(!is_line_start_forbidden(l.chars().next().unwrap_or(' ')));
        }
    }
}
