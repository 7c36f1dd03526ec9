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

/// One character with the font role it is set in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StyledChar {
    pub ch: char,
    pub role: FontRole,
}

/// An unbreakable piece: one full-width character, a Latin word/number, or a space.
#[derive(Debug, Clone, PartialEq)]
pub struct Atom {
    pub chars: Vec<StyledChar>,
    pub units: u32,
    pub space: bool,
}

impl Atom {
    fn first(&self) -> Option<char> {
        self.chars.first().map(|c| c.ch)
    }
    fn last(&self) -> Option<char> {
        self.chars.last().map(|c| c.ch)
    }
}

/// Splits text into atoms. `latin_units` gives the units a Latin run takes (at least its
/// character count); Latin runs longer than `max_units` are cut.
pub fn atoms(
    text: &[StyledChar],
    max_units: u32,
    latin_units: &dyn Fn(&[StyledChar]) -> u32,
) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if c.ch == ' ' {
            out.push(Atom {
                chars: vec![c],
                units: 1,
                space: true,
            });
            i += 1;
        } else if is_half_width(c.ch) {
            let mut j = i;
            while j < text.len()
                && is_half_width(text[j].ch)
                && text[j].ch != ' '
                && j - i < max_units as usize
            {
                j += 1;
            }
            let run = &text[i..j];
            let units = latin_units(run).max(run.len() as u32).min(max_units);
            out.push(Atom {
                chars: run.to_vec(),
                units,
                space: false,
            });
            i = j;
        } else {
            out.push(Atom {
                chars: vec![c],
                units: 2,
                space: false,
            });
            i += 1;
        }
    }
    out
}

/// An atom placed on a line: `x` and `width` in points from the line's left edge.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedAtom {
    pub atom: Atom,
    pub x: f32,
    pub width: f32,
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
}

/// Breaks a paragraph into lines of `capacity` units of `unit_pt` points, the first line
/// indented `first_indent` units. Every line except the last is justified to the full
/// measure; no line is ever wider than `capacity * unit_pt`.
pub fn break_paragraph(
    atoms: &[Atom],
    capacity: u32,
    first_indent: u32,
    unit_pt: f32,
) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut i = 0;
    let n = atoms.len();
    let mut first = true;
    while i < n {
        // Spaces do not start a line.
        while i < n && atoms[i].space && !first {
            i += 1;
        }
        if i >= n {
            break;
        }
        let indent = if first { first_indent } else { 0 };
        let cap = capacity.saturating_sub(indent).max(2);
        let mut j = i;
        let mut used = 0;
        while j < n && used + atoms[j].units <= cap {
            used += atoms[j].units;
            j += 1;
        }
        if j == i {
            // An atom wider than the line (cannot happen with atoms() limits): take it alone.
            j = i + 1;
        }
        if j >= n {
            lines.push(place(&atoms[i..n], indent, cap, unit_pt, false));
            break;
        }
        // 禁则 by pushing: move the break back until the next line does not start with
        // closing punctuation and this one does not end with opening punctuation.
        let ok = |k: usize| {
            let starts_bad = atoms[k].first().is_some_and(is_line_start_forbidden);
            let ends_bad = atoms[k - 1].last().is_some_and(is_line_end_forbidden);
            !starts_bad && !ends_bad
        };
        let mut k = j;
        while k > i + 1 && !ok(k) {
            k -= 1;
        }
        if ok(k) {
            // Trailing spaces are dropped from the line end.
            let mut end = k;
            while end > i + 1 && atoms[end - 1].space {
                end -= 1;
            }
            lines.push(place(&atoms[i..end], indent, cap, unit_pt, true));
            i = k;
        } else {
            // Nothing to push (a whole line of prohibited characters): pull the next
            // characters in and compress the line instead.
            let mut k = j;
            while k < n && !ok(k) && k < j + 3 {
                k += 1;
            }
            if k >= n {
                lines.push(place(&atoms[i..n], indent, cap, unit_pt, true));
                break;
            }
            lines.push(place(&atoms[i..k], indent, cap, unit_pt, true));
            i = k;
        }
        first = false;
    }
    lines
}

/// Places atoms from the indent; when `justify`, spreads the remaining space (or the
/// overflow, compressing) over the gaps between atoms.
fn place(atoms: &[Atom], indent: u32, cap: u32, unit_pt: f32, justify: bool) -> Line {
    let used: u32 = atoms.iter().map(|a| a.units).sum();
    let gaps = atoms.len().saturating_sub(1) as f32;
    let slack_pt = (cap as f32 - used as f32) * unit_pt;
    let (gap, scale) = if !justify {
        if slack_pt < 0.0 {
            (0.0, (cap as f32) / used as f32)
        } else {
            (0.0, 1.0)
        }
    } else if slack_pt >= 0.0 {
        if gaps > 0.0 {
            (slack_pt / gaps, 1.0)
        } else {
            (0.0, 1.0)
        }
    } else {
        // Overflow from a pull-in: shrink every atom uniformly so the line fits exactly.
        (0.0, (cap as f32) / used as f32)
    };
    let mut x = indent as f32 * unit_pt;
    let mut placed = Vec::with_capacity(atoms.len());
    for a in atoms {
        let width = a.units as f32 * unit_pt * scale;
        placed.push(PlacedAtom {
            atom: a.clone(),
            x,
            width,
        });
        x += width + gap;
    }
    Line {
        atoms: placed,
        justified: justify,
    }
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

    fn lines_of(s: &str) -> Vec<String> {
        let a = atoms(&styled(s), 56, &|run| run.len() as u32);
        break_paragraph(&a, 56, 4, 7.9)
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
                assert!(line.chars().count() <= 28, "{line}");
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
        let a = atoms(&styled(&text), 56, &|run| run.len() as u32);
        for line in break_paragraph(&a, 56, 4, 7.9) {
            let end = line.atoms.last().map(|p| p.x + p.width).unwrap_or(0.0);
            assert!(end <= 56.0 * 7.9 + 0.01, "{end}");
        }
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
