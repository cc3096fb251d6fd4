//! The scanner: one pass over a text, with the context of every position computed
//! once; pairs, single marks, runs, spaces and balance are its rules.

mod protect;

use std::ops::Range;

use super::chars::*;
use super::{Finding, Kind, Options};

const NONE: u32 = u32::MAX;

/// The unit symbols a figure may end with (100%, 50㎡, 35℃): a half-width mark after one
/// at a Chinese line's end is Chinese text's, and spaces before a ... after one go with
/// it.
const UNIT_SYMBOLS: &str = "%‰℃℉°㎡㎞㎏㎝㎜㎎²³";

/// A context position, or none (`NONE`).
fn found(k: u32) -> Option<usize> {
    (k != NONE).then_some(k as usize)
}

pub(super) struct Scanner {
    opts: Options,
    /// Characters and their byte offsets (`off[n] == text.len()`).
    cs: Vec<char>,
    off: Vec<usize>,
    /// Never touched: URLs, e-mail addresses, Markdown code and link targets.
    protected: Vec<bool>,
    /// The character each position will hold after the fixes decided so far.
    fin: Vec<char>,
    /// Nearest context character (not a space, not a mutable mark) on the same line,
    /// to the left / right of each position.
    /// (`NONE` when there is none; `u32` keeps the arrays small for long articles.)
    left: Vec<u32>,
    right: Vec<u32>,
    /// The same, stopping at quotes instead of skipping them.
    left_q: Vec<u32>,
    right_q: Vec<u32>,
    /// Prefix counts of Han characters.
    han_before: Vec<u32>,
    /// Findings by character range.
    found: Vec<(Range<usize>, Kind, Option<String>)>,
}

impl Scanner {
    pub(super) fn new(text: &str, opts: Options) -> Self {
        let mut cs = Vec::with_capacity(text.len() / 2);
        let mut off = Vec::with_capacity(text.len() / 2 + 1);
        for (i, c) in text.char_indices() {
            cs.push(c);
            off.push(i);
        }
        off.push(text.len());
        let n = cs.len();
        let mut han_before = Vec::with_capacity(n + 1);
        let mut count = 0u32;
        han_before.push(0);
        for &c in &cs {
            count += u32::from(is_han(c));
            han_before.push(count);
        }
        let mut s = Scanner {
            opts,
            fin: cs.clone(),
            cs,
            off,
            protected: vec![false; n],
            left: Vec::new(),
            right: Vec::new(),
            left_q: Vec::new(),
            right_q: Vec::new(),
            han_before,
            found: Vec::new(),
        };
        s.protect(text);
        s.contexts();
        s
    }

    pub(super) fn run(mut self) -> Vec<Finding> {
        let paragraphs = self.paragraphs();
        for p in &paragraphs {
            self.parens(p.clone());
            self.quotes(p.clone(), '"', '“', '”');
            // ＂, the full-width straight quote some input methods type (QA12 B 17).
            self.quotes(p.clone(), '＂', '“', '”');
            self.quotes(p.clone(), '\'', '‘', '’');
        }
        self.marks();
        self.runs();
        self.look_alikes();
        if self.opts.spaces {
            self.spaces();
            if self.opts.line_paragraphs || self.opts.markdown {
                self.heading_number_spaces();
            }
        }
        if self.opts.line_paragraphs {
            self.broken_lines(&paragraphs);
        }
        self.page_number_lines();
        if self.opts.markdown {
            self.heading_marks();
        }
        for (i, p) in paragraphs.iter().enumerate() {
            let next_opens_quote = paragraphs
                .get(i + 1)
                .and_then(|q| {
                    (q.start..q.end)
                        .find(|&k| !self.cs[k].is_whitespace())
                        .map(|k| self.fin[k] == '“')
                })
                .unwrap_or(false);
            self.balance(p.clone(), next_opens_quote);
        }
        let mut found = std::mem::take(&mut self.found);
        found.sort_by_key(|(r, _, _)| (r.start, r.end));
        found
            .into_iter()
            .map(|(r, kind, fix)| Finding {
                span: self.off[r.start]..self.off[r.end],
                kind,
                fix,
            })
            .collect()
    }

    fn n(&self) -> usize {
        self.cs.len()
    }

    /// The context character to the left of `i` on its line.
    fn left_of(&self, i: usize) -> Option<usize> {
        found(self.left[i])
    }

    /// The context character to the right of `i` on its line.
    fn right_of(&self, i: usize) -> Option<usize> {
        found(self.right[i])
    }

    /// The context character to the left of `i`, a quote stopping the search.
    fn left_q_of(&self, i: usize) -> Option<usize> {
        found(self.left_q[i])
    }

    /// The context character to the right of `i`, a quote stopping the search.
    fn right_q_of(&self, i: usize) -> Option<usize> {
        found(self.right_q[i])
    }

    fn is_chinese_at(&self, i: Option<usize>) -> bool {
        i.is_some_and(|i| !self.protected[i] && is_chinese(self.cs[i]))
    }

    fn is_digit_at(&self, i: Option<usize>) -> bool {
        i.is_some_and(|i| self.cs[i].is_ascii_digit())
    }

    /// Whether the mark(s) at `range` sit in Chinese text: next to Chinese, or next to
    /// a quotation whose other side is Chinese unless Latin text or a number is on this
    /// side (`“三个及时","三个明确”` is Chinese; the `!` of `"Hello, world!"然后` is not).
    fn chinese_context(&self, range: Range<usize>) -> bool {
        let (ls, rs) = (self.left_of(range.start), self.right_of(range.end - 1));
        let (lq, rq) = (self.left_q_of(range.start), self.right_q_of(range.end - 1));
        let alnum = |k: Option<usize>| k.is_some_and(|k| self.cs[k].is_ascii_alphanumeric());
        self.is_chinese_at(lq)
            || self.is_chinese_at(rq)
            || (self.is_chinese_at(ls) && !alnum(rq))
            || (self.is_chinese_at(rs) && !alnum(lq))
    }

    fn has_han(&self, range: Range<usize>) -> bool {
        self.han_before[range.end] > self.han_before[range.start]
    }

    fn push(&mut self, range: Range<usize>, kind: Kind, fix: Option<&str>) {
        if let Some(f) = fix {
            let c = f.chars().next().unwrap_or(' ');
            for k in range.clone() {
                self.fin[k] = c;
            }
        }
        self.found.push((range, kind, fix.map(str::to_owned)));
    }

    // ── context ──

    fn is_skip(&self, i: usize) -> bool {
        let c = self.cs[i];
        is_space(c) || (!self.protected[i] && (is_mutable(c) || is_quote(c)))
    }

    fn is_skip_q(&self, i: usize) -> bool {
        let c = self.cs[i];
        is_space(c) || (!self.protected[i] && is_mutable(c))
    }

    fn contexts(&mut self) {
        let n = self.n();
        (self.left, self.left_q) = self.nearest(0..n);
        (self.right, self.right_q) = self.nearest((0..n).rev());
    }

    /// For each position, the nearest context character met before it when walking in
    /// `order` on the same line: skipping quotes, and stopping at them.
    fn nearest(&self, order: impl Iterator<Item = usize>) -> (Vec<u32>, Vec<u32>) {
        let n = self.n();
        let index = |i: usize| u32::try_from(i).unwrap_or(NONE);
        let (mut near, mut near_q) = (vec![NONE; n], vec![NONE; n]);
        let (mut last, mut last_q) = (NONE, NONE);
        for i in order {
            if self.cs[i] == '\n' {
                (last, last_q) = (NONE, NONE);
                continue;
            }
            near[i] = last;
            near_q[i] = last_q;
            if !self.is_skip(i) {
                last = index(i);
            }
            if !self.is_skip_q(i) {
                last_q = index(i);
            }
        }
        (near, near_q)
    }

    /// Lines as character ranges (without their line ends).
    fn lines(&self) -> Vec<Range<usize>> {
        let n = self.n();
        let mut lines = Vec::new();
        let mut start = 0;
        for i in 0..=n {
            if i == n || self.cs[i] == '\n' {
                lines.push(start..i);
                start = i + 1;
            }
        }
        lines
    }

    /// Paragraphs as character ranges (without their line ends).
    fn paragraphs(&self) -> Vec<Range<usize>> {
        let n = self.n();
        let lines = self.lines();
        if self.opts.line_paragraphs {
            return lines;
        }
        if !self.opts.markdown {
            return std::iter::once(0..n).collect();
        }
        let blank = |r: &Range<usize>| self.cs[r.clone()].iter().all(|c| c.is_whitespace());
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut cur: Option<Range<usize>> = None;
        for l in lines {
            if blank(&l) {
                out.extend(cur.take());
            } else {
                cur = Some(match cur {
                    Some(c) => c.start..l.end,
                    None => l,
                });
            }
        }
        out.extend(cur);
        out
    }

    // ── pairs ──

    /// Parentheses, paired whatever their width. A pair in Chinese text becomes （）;
    /// a pair with one full-width half gets the other.
    fn parens(&mut self, p: Range<usize>) {
        let mut stack: Vec<usize> = Vec::new();
        let mut pairs = Vec::new();
        let mut lone = Vec::new();
        for i in p {
            if self.protected[i] {
                continue;
            }
            match self.cs[i] {
                '(' | '（' => stack.push(i),
                ')' | '）' => match stack.pop() {
                    Some(o) => pairs.push((o, i)),
                    None => lone.push(i),
                },
                _ => {}
            }
        }
        lone.extend(stack);
        for (o, c) in pairs {
            let (ho, hc) = (self.cs[o] == '(', self.cs[c] == ')');
            if !ho && !hc {
                continue;
            }
            // After an English word, a pair around no Chinese is English's: «"Annual
            // Safety Report (2026)"» in a Chinese sentence keeps its ( ).
            let english = self
                .left_of(o)
                .is_some_and(|i| self.cs[i].is_ascii_alphabetic());
            // A unit's denominator, as GB 3102 writes it: μg/(kg·min), mmol/(L·h),
            // DDDs/(100人·天) keep their ( ) (`--fix` made μg/（kg·min）, QA11).
            if o > 0 && self.cs[o - 1] == '/' && ho && hc {
                continue;
            }
            let convert = (ho != hc)
                || self.has_han(o + 1..c)
                || (!english
                    && (self.is_chinese_at(self.left_of(o))
                        || self.is_chinese_at(self.right_of(c))));
            if convert {
                if ho {
                    self.push(o..o + 1, Kind::HalfWidth('('), Some("（"));
                }
                if hc {
                    self.push(c..c + 1, Kind::HalfWidth(')'), Some("）"));
                }
            }
        }
        for i in lone {
            let c = self.cs[i];
            if (c == '(' || c == ')') && self.chinese_context(i..i + 1) {
                let rep = if c == '(' { "（" } else { "）" };
                self.push(i..i + 1, Kind::HalfWidth(c), Some(rep));
            }
        }
    }

    /// Straight quotes, paired in order within a paragraph. A pair in Chinese text
    /// becomes “” (or ‘’: a pair of single ones inside a double quotation; outside one
    /// they are “”, as GB/T 15834 4.1.3.2 sets them: '十五五' became ‘十五五’, QA3 03).
    /// Apostrophes between Latin letters (`don't`) are not quotes.
    fn quotes(&mut self, p: Range<usize>, q: char, open: char, close: char) {
        let start = p.start;
        let marks: Vec<usize> = p
            .filter(|&i| {
                self.cs[i] == q
                    && !self.protected[i]
                    && !(q == '\''
                        && i > 0
                        && self.cs[i - 1].is_ascii_alphanumeric()
                        && self
                            .cs
                            .get(i + 1)
                            .is_some_and(|c| c.is_ascii_alphanumeric()))
            })
            .collect();
        // Inside a double quotation: more “ than ” before `o` in the paragraph, or an
        // odd number of straight " (the pairs they make).
        let inside_double = |cs: &[char], o: usize| {
            let before = &cs[start..o];
            let count = |m: char| before.iter().filter(|&&c| c == m).count();
            count('“') > count('”') || count('"') % 2 == 1
        };
        for pair in marks.chunks(2) {
            match *pair {
                [o, c]
                    if self.has_han(o + 1..c)
                        || self.is_chinese_at(self.left_of(o))
                        || self.is_chinese_at(self.right_of(c)) =>
                {
                    let (open, close) = if q == '\'' && !inside_double(&self.cs, o) {
                        ('“', '”')
                    } else {
                        (open, close)
                    };
                    let (open_s, close_s) = (open.to_string(), close.to_string());
                    self.push(o..o + 1, Kind::StraightQuote(q), Some(&open_s));
                    self.push(c..c + 1, Kind::StraightQuote(q), Some(&close_s));
                }
                [o] if self.chinese_context(o..o + 1) => {
                    self.push(o..o + 1, Kind::UnpairedStraightQuote(q), None);
                }
                _ => {}
            }
        }
    }

    /// Which corner quotes (「」『』, not protected) close or are closed by one of
    /// their kind: each 「 pairs with the next 」 after it, nested ones inside out.
    fn corner_pairs(&self) -> Vec<bool> {
        let mut paired = vec![false; self.n()];
        for (open, close) in [('「', '」'), ('『', '』')] {
            let mut stack = Vec::new();
            let marks = (0..self.n()).filter(|&i| !self.protected[i]);
            for i in marks {
                if self.cs[i] == open {
                    stack.push(i);
                } else if self.cs[i] == close
                    && let Some(o) = stack.pop()
                {
                    paired[o] = true;
                    paired[i] = true;
                }
            }
        }
        paired
    }

    // ── single marks ──

    fn marks(&mut self) {
        let paired = self.corner_pairs();
        // How deep in double quotations (“ or 「) each place is, and whether each 『
        // opened inside one, for its 』.
        let mut depth = 0usize;
        let mut singles: Vec<bool> = Vec::new();
        for i in 0..self.n() {
            let c = self.cs[i];
            if !self.protected[i] {
                match c {
                    '“' | '「' => depth += 1,
                    '”' | '」' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            // 「」『』 are the quotation marks of vertical text (and of Hong Kong and
            // Taiwan): across the page the mainland's are “” ‘’ (GB/T 15834). Only a
            // pair is made “” (‘’): a lone one (a WeChat post's —— 」) made ” was as
            // lone, and «fixed»; the balance check names it as it is. A 『』 inside no
            // quotation is a quotation of its own: “” (it became ‘’, QA12 B 15).
            let inner = |open: bool, singles: &mut Vec<bool>| {
                if open {
                    singles.push(depth > 0);
                    depth > 0
                } else {
                    singles.pop().unwrap_or(true)
                }
            };
            if let Some(q) = match c {
                '「' => Some("“"),
                '」' => Some("”"),
                '『' if paired.get(i) == Some(&true) && !self.protected[i] => {
                    Some(if inner(true, &mut singles) {
                        "‘"
                    } else {
                        "“"
                    })
                }
                '』' if paired.get(i) == Some(&true) && !self.protected[i] => {
                    Some(if inner(false, &mut singles) {
                        "’"
                    } else {
                        "”"
                    })
                }
                '『' => Some("‘"),
                '』' => Some("’"),
                // 〝〞〟, the double primes some fonts show as quotes: “” (QA12 B 17).
                '〝' => Some("“"),
                '〞' | '〟' => Some("”"),
                _ => None,
            }
            .filter(|_| !self.protected[i])
            {
                if paired.get(i) == Some(&true) || matches!(c, '〝' | '〞' | '〟') {
                    self.push(i..i + 1, Kind::CornerQuote(c), Some(q));
                }
                continue;
            }
            if c == '.' && !self.protected[i] && self.ends_chinese_sentence(i) {
                self.push(i..i + 1, Kind::HalfWidth('.'), Some("。"));
                continue;
            }
            if c == '.' && !self.protected[i] && self.after_unit_before_chinese(i) {
                self.push(i..i + 1, Kind::HalfWidth('.'), Some("。"));
                continue;
            }
            if c == '.' && !self.protected[i] && self.between_chinese(i) {
                // Typed in half-width mode (the line has half-width commas, colons or
                // semicolons in Chinese text): a sentence's end. Else it may be a name's
                // 间隔号 (迈克尔.杰克逊): for a person to decide.
                if self.line_typed_half_width(i) {
                    self.push(i..i + 1, Kind::HalfWidth('.'), Some("。"));
                } else {
                    self.push(i..i + 1, Kind::DotBetweenChinese, None);
                }
                continue;
            }
            if c == '-'
                && !self.protected[i]
                && (self.hyphen_in_date_range(i)
                    || self.hyphen_in_time_range(i)
                    || self.hyphen_in_hour_range(i))
            {
                self.push(i..i + 1, Kind::HyphenRange, Some("—"));
                continue;
            }
            // A span of values with their unit (40%-60%, 20℃~25℃): 浪纹线 ～.
            if matches!(c, '-' | '~') && !self.protected[i] && self.value_range(i) {
                self.push(i..i + 1, Kind::ValueRange(c), Some("～"));
                continue;
            }
            if !matches!(c, ',' | ';' | ':' | '?' | '!') || self.protected[i] {
                continue;
            }
            if self.chinese_context(i..i + 1) || self.after_figure_in_chinese(i) {
                let rep = match c {
                    ',' => "，",
                    ';' => "；",
                    ':' => "：",
                    '?' => "？",
                    _ => "！",
                };
                self.push(i..i + 1, Kind::HalfWidth(c), Some(rep));
            }
        }
    }

    /// A half-width full stop that ends a Chinese sentence: after a Han character (or
    /// 》 】 〕 」 』), past spaces and quotes, and with nothing but spaces, quotes and
    /// 」 』 after it on its line (是责任." → 是责任。"), or after a number or a Latin
    /// word there that follows Chinese text (达65mmHg.). A dot between digits (5.8), in
    /// a name (www.gov.cn, No.5), next to another mark or before more text on the line
    /// is left alone: it may be a decimal point or a mistyped 间隔号, for a person to
    /// judge. Only marks no other rule changes decide, so a fix never changes it.
    fn ends_chinese_sentence(&self, i: usize) -> bool {
        let passable = |c: char| is_space(c) || is_quote(c);
        // Before it, as it will be after the fixes: a ) made ） counts (模型).).
        let before = (0..i).rev().find(|&k| !passable(self.cs[k]));
        // A note's mark after the stop (请参阅.[^2]) is not what follows the sentence.
        let mut from = i + 1;
        if self.opts.markdown
            && self.starts_with(from, "[^")
            && let Some(close) = self.cs[from..].iter().position(|&c| c == ']')
        {
            from += close + 1;
        }
        let after = self.cs[from..]
            .iter()
            .find(|&&c| !(passable(c) || matches!(c, '」' | '』')));
        let chinese_before = before.is_some_and(|k| {
            let b = self.cs[k];
            is_han(b)
                || matches!(b, '》' | '】' | '〕' | '」' | '』' | '%' | '‰')
                || matches!(self.fin[k], '）' | '”')
                || self.chinese_before_number(i)
                || self.chinese_before_latin(i)
        });
        chinese_before
            && (after.is_none_or(|&a| matches!(a, '\n' | '\r'))
                || before.is_some_and(|k| is_han(self.cs[k])) && self.date_after_space(i + 1))
    }

    /// Whether at `k` come spaces, then a number and a Chinese character (认证. 11月20日:
    /// a sentence's end, the next sentence opening with a date).
    fn date_after_space(&self, k: usize) -> bool {
        let spaces = self.cs[k..].iter().take_while(|c| is_space(**c)).count();
        let digits = self.cs[k + spaces..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        spaces > 0 && digits > 0 && self.cs.get(k + spaces + digits).is_some_and(|c| is_han(*c))
    }

    /// Whether the number that ends right before `i` (拨打119, 共计1,200) follows
    /// Chinese text: a number in a Chinese sentence, not a version or a code (V2.0,
    /// GB/T 9704).
    /// Full-width digits count too (中４. is 中4. after the fixes), so that a second fix
    /// finds what the first left.
    fn chinese_before_number(&self, i: usize) -> bool {
        let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
        // A telephone number's hyphen is part of the number (电话：0796-8123456.).
        let digits = self.fin[..i]
            .iter()
            .rev()
            // (And a time, a span made — by the fixes: 8:30—17:30.)
            .take_while(|c| digit(**c) || matches!(**c, ',' | '-' | ':' | '：' | '—' | '.'))
            .count();
        digits > 0
            && digit(self.fin[i - 1])
            && self.fin[..i - digits]
                .iter()
                .rev()
                .find(|c| !is_space(**c))
                .is_some_and(|&c| is_han(c) || is_fw_punct(c))
    }

    /// Whether a Latin word that ends right before `i` (a unit after its number, 达
    /// 65mmHg; an address, 邮箱：gk@hospital.cn) follows Chinese text on its line: the
    /// sentence is Chinese, and a stop after it at the line's end is its 。 (QA3 03).
    fn chinese_before_latin(&self, i: usize) -> bool {
        let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '-' | '_' | '/');
        let len = self.fin[..i].iter().rev().take_while(|c| word(**c)).count();
        len > 0
            && self.fin[i - 1].is_ascii_alphabetic()
            && self.fin[..i - len]
                .iter()
                .rev()
                .find(|c| !is_space(**c))
                .is_some_and(|&c| is_han(c) || is_fw_punct(c))
    }

    /// A hyphen between two times of day (9:00-11:30, 9：00-11：30).
    fn hyphen_in_time_range(&self, i: usize) -> bool {
        let colon = |c: char| matches!(c, ':' | '：');
        let time_before = {
            let minutes = self.cs[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let k = i - minutes;
            minutes == 2
                && k > 0
                && colon(self.cs[k - 1])
                && self.cs[..k - 1].last().is_some_and(char::is_ascii_digit)
        };
        let time_after = {
            let hours = self.cs[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let k = i + 1 + hours;
            (1..=2).contains(&hours)
                && self.cs.get(k).copied().is_some_and(colon)
                && self.cs[k + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count()
                    == 2
        };
        !self.protected[i] && time_before && time_after
    }

    /// A hyphen between hours in words: 9点-11点半, 8点30分-10点 (一字线 —).
    fn hyphen_in_hour_range(&self, i: usize) -> bool {
        let before: String = self.cs[i.saturating_sub(8)..i].iter().collect();
        let after: String = self.cs[i + 1..(i + 6).min(self.n())].iter().collect();
        let hour_after = {
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            (1..=2).contains(&digits) && after[digits..].starts_with('点')
        };
        let hour_before = {
            let b = before.trim_end_matches('半');
            let b = match b.strip_suffix('分') {
                Some(m) => m.trim_end_matches(|c: char| c.is_ascii_digit()),
                None => b,
            };
            b.strip_suffix('点')
                .is_some_and(|h| h.ends_with(|c: char| c.is_ascii_digit()))
        };
        !self.protected[i] && hour_before && hour_after
    }

    /// A hyphen or a half-width tilde between two values with one unit (40%-60%,
    /// 20℃~25℃, 3‰-5‰): a span of values, written with 浪纹线 ～ (GB/T 15834 4.13.3.2).
    fn value_range(&self, i: usize) -> bool {
        let unit = |c: char| matches!(c, '%' | '％' | '℃' | '‰' | '万' | '亿');
        let value_before = i >= 2 && unit(self.cs[i - 1]) && self.cs[i - 2].is_ascii_digit();
        // The value after may be negative (-3.2%~-1.5%).
        let from = i + 1 + usize::from(self.cs.get(i + 1) == Some(&'-'));
        let digits_after = self.cs[from.min(self.n())..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == '.')
            .count();
        let value_after = digits_after > 0
            && self.cs[from].is_ascii_digit()
            && self.cs.get(from + digits_after).copied().is_some_and(unit);
        // Or a count and its unit after the second figure only (疗程6-12个月, 3-5天):
        // figures alone before it, not part of a code or a number with a hyphen.
        let digits_before = self.cs[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit() || **c == '.')
            .count();
        let alone_before = digits_before > 0
            && self.cs[i - 1].is_ascii_digit()
            && self.cs[..i - digits_before]
                .last()
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | ':')));
        let counted = self.cs[i] == '-'
            && alone_before
            && digits_after > 0
            && from == i + 1
            && [
                "个月", "天", "岁", "周", "次", "人", "小时", "分钟", "倍", "元", "名", "家", "项",
                "件", "个", "吨",
            ]
            .iter()
            .any(|u| self.starts_with(from + digits_after, u));
        (value_before && value_after) || counted
    }

    /// A half-width full stop between Chinese sentences on one line: after a Han
    /// character, a closing mark or `%` (增长27.6%.“十四五”), before a Han character or
    /// an opening mark, past spaces and quotes (有发生.应急管理部).
    fn between_chinese(&self, i: usize) -> bool {
        let passable = |c: char| is_space(c) || c == '\u{3000}' || is_quote(c);
        let before = self.cs[..i].iter().rev().find(|&&c| !passable(c));
        let after = self.cs[i + 1..]
            .iter()
            .find(|&&c| !passable(c) || c == '“' || c == '‘');
        // A time before it (…17:00.请登录) ends a sentence as a word does.
        let time_before = i >= 4
            && self.cs[i - 2..i].iter().all(char::is_ascii_digit)
            && matches!(self.cs[i - 3], ':' | '：')
            && self.cs[i - 4].is_ascii_digit();
        // So does a note's mark ([^1].详见).
        let note_before = self.opts.markdown
            && i >= 1
            && self.cs[i - 1] == ']'
            && self.cs[..i]
                .iter()
                .rposition(|&c| c == '[')
                .is_some_and(|k| self.cs.get(k + 1) == Some(&'^'));
        let han_before = before.is_some_and(|&b| is_han(b));
        (time_before
            || note_before
            || before.is_some_and(|&b| {
                is_han(b) || matches!(b, '》' | '】' | '〕' | '」' | '』' | '）' | '%')
            }))
            && after.is_some_and(|&a| {
                is_han(a)
                    || matches!(a, '“' | '‘' | '《' | '（' | '【' | '「')
                    // The next sentence opening with its date (百分点.10月份).
                    || (han_before && a.is_ascii_digit())
            })
    }

    /// A `.` after a unit of measure and its number, before Chinese text (降至8 mmHg.患者):
    /// the sentence's end.
    fn after_unit_before_chinese(&self, i: usize) -> bool {
        let letters = self.cs[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic() || **c == '/')
            .count();
        let number = self.cs[..i - letters]
            .iter()
            .rev()
            .find(|c| !is_space(**c))
            .is_some_and(char::is_ascii_digit);
        (1..=8).contains(&letters) && number && self.cs.get(i + 1).is_some_and(|&c| is_han(c))
    }

    /// A mark right after a figure's unit symbol (覆盖率达到100%; 面积50㎡; 下降5%!) that
    /// ends its line or comes before Chinese, in a line of Chinese: Chinese text, though
    /// the symbol beside it is not (3.2亿元; was found, 100%; was not, QA7).
    fn after_figure_in_chinese(&self, i: usize) -> bool {
        let unit = |c: char| UNIT_SYMBOLS.contains(c);
        let Some(l) = self.left_of(i) else {
            return false;
        };
        let line_start = self.cs[..i]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |k| k + 1);
        let right = self.right_of(i);
        unit(self.cs[l])
            && l > line_start
            && (self.cs[l - 1].is_ascii_digit() || unit(self.cs[l - 1]))
            && self.has_han(line_start..l)
            && (right.is_none() || self.is_chinese_at(right))
    }

    /// Whether `i` is inside 《…》 on its line: a work's title keeps the space it is
    /// published with (《持续发力 纵深推进》, a film's two phrases; QA6: check said to
    /// delete it).
    /// Phrases of three characters or more on both sides: a space between two short
    /// words there (《中国 人大》) is a line's end joined, as in the sample's text.
    fn in_title_marks(&self, i: usize, line_start: usize, line_end: usize) -> bool {
        let Some(open) = self.cs[line_start..i].iter().rposition(|&c| c == '《') else {
            return false;
        };
        let open = line_start + open;
        let Some(close) = self.cs[i..line_end].iter().position(|&c| c == '》') else {
            return false;
        };
        let close = i + close;
        let before = &self.cs[open + 1..i];
        let after = self.cs[i..close].iter().skip_while(|c| is_space(**c));
        !before.contains(&'》')
            && before.iter().rev().take_while(|c| is_han(**c)).count() >= 3
            && after.take_while(|c| is_han(**c)).count() >= 3
    }

    /// Whether the line of `i` has half-width `, ; :` in Chinese text (typed with the
    /// input method in half-width mode).
    fn line_typed_half_width(&self, i: usize) -> bool {
        let start = self.cs[..i]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |k| k + 1);
        let end = self.cs[i..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(self.n(), |k| i + k);
        (start..end).any(|k| {
            matches!(self.cs[k], ',' | ';' | ':')
                && !self.protected[k]
                && self.chinese_context(k..k + 1)
        })
    }

    /// A hyphen for the 连接号 of a span of dates: 1-6月, 2025-2026年, 5-8日 (GB/T
    /// 15834 4.13.3.3: 一字线 —). Digits on both sides (at most four) and 年 月 日 or 号
    /// right after, and Chinese before: a phone number (0731-85309270), a date in figures
    /// (2026-06-01) or a standard's number (GB/T 9704-2012) is none.
    fn hyphen_in_date_range(&self, i: usize) -> bool {
        // Full-width digits count as the digits they will be fixed to.
        let half = |c: char| {
            ('０'..='ｚ')
                .contains(&c)
                .then(|| char::from_u32(c as u32 - 0xFEE0))
                .flatten()
        };
        let digit = |c: &&char| c.is_ascii_digit() || ('０'..='９').contains(*c);
        let date_unit = |c: &char| matches!(c, '年' | '月' | '日' | '号');
        let digits_after = self.cs[i + 1..].iter().take_while(digit).count();
        // Between two whole dates, each with its unit (11月20日-11月29日, 2026年1月-6月,
        // 2025年-2026年): the commonest span in a 简讯 (QA13 A 04).
        let dated = i >= 2
            && date_unit(&self.cs[i - 1])
            && digit(&&self.cs[i - 2])
            && (1..=4).contains(&digits_after)
            && self.cs.get(i + 1 + digits_after).is_some_and(date_unit);
        if dated {
            return !self.protected[i];
        }
        let digits_before = self.cs[..i].iter().rev().take_while(digit).count();
        if !(1..=4).contains(&digits_before) || !(1..=4).contains(&digits_after) {
            return false;
        }
        // Past spaces, which other rules may take out: the decision stays the same.
        let spaced = |c: &&char| is_space(**c) || **c == '\u{3000}';
        let lead = self.cs[..i - digits_before]
            .iter()
            .rev()
            .find(|c| !spaced(c));
        let unit = self.cs[i + 1 + digits_after..].iter().find(|c| !spaced(c));
        // Not after a code (GB/T 9704-2012) or another number.
        !lead.is_some_and(|&c| {
            let c = half(c).unwrap_or(c);
            c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '/' | ':')
        }) && (unit.is_some_and(date_unit)
            || self.starts_with(i + 1 + digits_after, "学年")
            || self.starts_with(i + 1 + digits_after, "学期"))
    }

    /// What looks right but is another character or another width: ○ for 〇 in a
    /// number, half-width [ ] around a year or Chinese text. (A line of ※ is a
    /// divider in a `.txt` and in a `.md`, whatever its spaces.)
    fn look_alikes(&mut self) {
        let n = self.n();
        let numeral = |c: char| "〇○零一二三四五六七八九十".contains(c);
        for i in 0..n {
            let c = self.cs[i];
            if self.protected[i] {
                continue;
            }
            // A bullet or a katakana dot between Chinese characters: a name's 间隔号.
            if matches!(c, '•' | '‧' | '・' | '∙' | '⋅' | '●')
                && i > 0
                && i + 1 < n
                && is_han(self.cs[i - 1])
                && is_han(self.cs[i + 1])
            {
                let fix = if c == '●' { None } else { Some("·") };
                self.push(i..i + 1, Kind::DotForMiddleDot(c), fix);
            }
            if c == '○' {
                let near =
                    |k: Option<usize>| k.is_some_and(|k| numeral(self.cs[k]) && self.cs[k] != '○');
                let (l, r) = (i.checked_sub(1), (i + 1 < n).then_some(i + 1));
                // In a run of numerals (二○二六): some neighbour within it is one.
                let mut a = i;
                while a > 0 && numeral(self.cs[a - 1]) {
                    a -= 1;
                }
                let mut b = i;
                while b + 1 < n && numeral(self.cs[b + 1]) {
                    b += 1;
                }
                if near(l) || near(r) || (a..=b).any(|k| self.cs[k] != '○') {
                    self.push(i..i + 1, Kind::CircleForZero, Some("〇"));
                }
            }
            if c == '['
                && let Some(j) = (i + 1..n.min(i + 24))
                    .take_while(|&k| self.cs[k] != '\n')
                    .find(|&k| self.cs[k] == ']')
            {
                let inner: String = self.cs[i + 1..j].iter().collect();
                let year = inner.len() == 4 && inner.chars().all(|c| c.is_ascii_digit());
                let han_inside = inner.chars().any(is_han);
                let han_beside = i.checked_sub(1).is_some_and(|k| is_han(self.cs[k]))
                    || (j + 1 < n && is_han(self.cs[j + 1]));
                if !(i + 1..=j).any(|k| self.protected[k]) && (han_inside || (year && han_beside)) {
                    self.push(i..j + 1, Kind::HalfWidthBrackets, None);
                }
            }
        }
        self.full_width_alnum();
    }

    /// Runs of full-width digits and Latin letters (with a ． or ％ that belongs to
    /// their number: ５．２％), made half width, one finding a run.
    fn full_width_alnum(&mut self) {
        let n = self.n();
        let alnum = |c: char| c.is_alphanumeric() && ('０'..='ｚ').contains(&c);
        let half = |c: char| char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
        // A full-width minus before a number (－１．８％, －1.8%), not between two (a
        // range, 1－2): a minus sign, −. It was left, and printed - 2.3 (QA14 E 10).
        let sign = |i: usize| {
            self.cs[i] == '－'
                && !self.protected[i]
                && (i == 0 || {
                    let c = self.cs[i - 1];
                    !c.is_ascii_alphanumeric() && !('０'..='ｚ').contains(&c)
                })
                && self
                    .cs
                    .get(i + 1)
                    .is_some_and(|&c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        };
        let mut i = 0;
        while i < n {
            // (A sign before half-width figures is a run of its own, the sign alone.)
            if !sign(i) && (self.protected[i] || !alnum(self.cs[i])) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && !self.protected[j] {
                let c = self.cs[j];
                let digit_before = self.cs[j - 1].is_numeric();
                let digit_after = j + 1 < n && ('０'..='９').contains(&self.cs[j + 1]);
                // A thousands separator (１，２３４．５６): a comma with three digits after
                // it and no fourth, in the number; left, it read as two numbers, 1，234.56.
                let fw_digit = |k: usize| k < n && ('０'..='９').contains(&self.cs[k]);
                let thousands =
                    c == '，' && digit_before && (j + 1..=j + 3).all(fw_digit) && !fw_digit(j + 4);
                if alnum(c)
                    || (c == '．' && digit_before && digit_after)
                    || (c == '％' && digit_before)
                    || thousands
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let half = |c: char| if c == '－' { '−' } else { half(c) };
            let fix: String = self.cs[i..j].iter().map(|&c| half(c)).collect();
            for k in i..j {
                self.fin[k] = half(self.cs[k]);
            }
            self.found.push((i..j, Kind::FullWidthAlnum, Some(fix)));
            i = j;
        }
    }

    /// Runs of dashes and dots.
    fn runs(&mut self) {
        let n = self.n();
        let mut i = 0;
        while i < n {
            let c = self.cs[i];
            // ⋯⋯ (the math axis ellipsis), ．．． (full-width stops): an ellipsis; ──
            // (box drawing), －－ (full-width hyphens): a dash (QA12 B 17: check
            // called them clean).
            if matches!(c, '⋯' | '．' | '─' | '－' | '━') && !self.protected[i] {
                let j = i + self.cs[i..].iter().take_while(|&&x| x == c).count();
                let (kind, fix, least) = match c {
                    '⋯' => (Kind::Ellipsis, "……", 1),
                    '．' => (Kind::Ellipsis, "……", 3),
                    _ => (Kind::Dash, "——", 2),
                };
                if (least..=6).contains(&(j - i)) && self.chinese_context(i..j) {
                    self.push(i..j, kind, Some(fix));
                }
                i = j;
                continue;
            }
            // 。。。 ，，， 、、、: an ellipsis typed with the key at hand.
            if matches!(c, '。' | '，' | '、') && !self.protected[i] {
                let j = i + self.cs[i..].iter().take_while(|&&x| x == c).count();
                if (3..=6).contains(&(j - i)) {
                    self.push(i..j, Kind::Ellipsis, Some("……"));
                }
                i = j;
                continue;
            }
            let class: Option<fn(char) -> bool> = if dash_class(c) {
                Some(dash_class)
            } else if dot_class(c) {
                Some(dot_class)
            } else {
                None
            };
            let Some(class) = class.filter(|_| !self.protected[i]) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < n && class(self.cs[j]) && !self.protected[j] {
                j += 1;
            }
            let run: String = self.cs[i..j].iter().collect();
            if dash_class(c) {
                self.dash_run(i..j, &run);
            } else {
                self.dot_run(i..j, &run);
            }
            i = j;
        }
    }

    fn dash_run(&mut self, r: Range<usize>, run: &str) {
        let len = r.len();
        let hyphens = run.chars().all(|c| c == '-');
        if run == "——" || len > 3 || (hyphens && len < 2) {
            return;
        }
        let (l, rt) = (self.left_of(r.start), self.right_of(r.end - 1));
        if !self.chinese_context(r.clone()) {
            // A doubled horizontal bar (old GBK text) is still a dash.
            if run == "――" {
                self.push(r, Kind::Dash, Some("——"));
            }
            return;
        }
        if len == 1 {
            // A lone — or ―: between numbers it is a 连接号 (2018—2019年, 1月—3月);
            // between two Chinese characters it may be either, so an editor decides.
            if self.is_digit_at(l) || self.is_digit_at(rt) {
                return;
            }
            let han = |k: Option<usize>| k.is_some_and(|k| is_han(self.cs[k]));
            let adjacent = r.start > 0
                && r.end < self.n()
                && !self.is_skip(r.start - 1)
                && !self.is_skip(r.end);
            // In a chain of them linking short words (区—街道—社区—网格, 省—市—县) it is
            // a 连接号: a 破折号 does not come twice within a few characters.
            // (Past one to six Chinese characters from `from`, going `step`, a single —.)
            let single = |k: usize| {
                self.cs.get(k) == Some(&'—')
                    && self.cs.get(k + 1) != Some(&'—')
                    && (k == 0 || self.cs[k - 1] != '—')
            };
            let dash_past_a_word = |from: usize, step: isize| {
                (1..=6)
                    .map(|d| from as isize + step * d)
                    .take_while(|&k| k >= 0 && (k as usize) < self.n())
                    .find(|&k| !is_han(self.cs[k as usize]))
                    .is_some_and(|k| (k - from as isize).abs() >= 2 && single(k as usize))
            };
            if dash_past_a_word(r.end - 1, 1) || dash_past_a_word(r.start, -1) {
                return;
            }
            if han(l) && han(rt) && adjacent {
                self.push(r, Kind::SingleEmDash, None);
                return;
            }
            // A mark named in quotes (注：“—”表示低于汛限水位, as a table's cells have it):
            // the mark itself, not a 破折号 cut short.
            let quoted = r.start > 0
                && matches!(
                    (self.cs[r.start - 1], self.cs.get(r.end)),
                    ('“', Some('”')) | ('‘', Some('’')) | ('"', Some('"')) | ('「', Some('」'))
                );
            if quoted {
                return;
            }
        }
        self.push(r, Kind::Dash, Some("——"));
    }

    fn dot_run(&mut self, r: Range<usize>, run: &str) {
        let len = r.len();
        let dots = run.chars().all(|c| c == '.');
        if run == "……" || (dots && !(3..=6).contains(&len)) || (!dots && len > 3) {
            return;
        }
        // After a figure at a Chinese line's end (缩短了45%...): Chinese too.
        let line_end = self.cs[r.end..]
            .iter()
            .take_while(|c| is_space(**c))
            .count()
            + r.end;
        let at_line_end = line_end == self.n() || matches!(self.cs[line_end], '\n' | '\r');
        let line_start = self.cs[..r.start]
            .iter()
            .rposition(|c| *c == '\n')
            .map_or(0, |k| k + 1);
        if self.chinese_context(r.clone()) || (at_line_end && self.has_han(line_start..r.start)) {
            // The spaces typed before it after a figure go with it (偏多23% ... became
            // 23% ……; after Chinese the rule for spaces at a mark takes them).
            let spaces = self.cs[line_start..r.start]
                .iter()
                .rev()
                .take_while(|c| **c == ' ')
                .count();
            let after_figure = spaces < r.start - line_start && {
                let c = self.cs[r.start - spaces - 1];
                c.is_ascii_digit() || UNIT_SYMBOLS.contains(c)
            };
            let from = if after_figure {
                r.start - spaces
            } else {
                r.start
            };
            self.push(from..r.end, Kind::Ellipsis, Some("……"));
        }
    }

    // ── spaces ──

    fn spaces(&mut self) {
        let n = self.n();
        let mut line_start = 0;
        let mut prev_blank = true;
        // Markdown: inside a list, an indented paragraph after a blank line belongs to
        // the item. A list item starts a list; a paragraph at the margin ends it.
        let mut in_list = false;
        while line_start <= n {
            let mut line_end = line_start;
            while line_end < n && self.cs[line_end] != '\n' {
                line_end += 1;
            }
            let blank = self.cs[line_start..line_end]
                .iter()
                .all(|c| c.is_whitespace());
            let lead = (line_start..line_end)
                .take_while(|&k| is_space(self.cs[k]))
                .count();
            let content = line_start + lead;
            let marker = self.opts.markdown && !blank && self.is_md_block_marker(content, line_end);
            // Markdown: four spaces or a tab are structure (a code block, a footnote's
            // or an item's second paragraph); taken out, the text changed.
            let structure = self.opts.markdown
                && (self.cs[line_start..content].contains(&'\t')
                    || self.cs[line_start..content]
                        .iter()
                        .filter(|&&c| c == ' ')
                        .count()
                        >= 4);
            if !blank && lead > 0 && !self.protected[line_start] && !structure {
                let para_start = !self.opts.markdown || (prev_blank && !in_list && !marker);
                if para_start {
                    self.found
                        .push((line_start..content, Kind::Indent, Some(String::new())));
                }
            }
            if marker {
                in_list = self.is_md_list_item(content, line_end);
            } else if !blank && lead == 0 {
                in_list = false;
            }
            // Inner runs; in a Markdown table's row the spaces are the cells' own (a
            // name and a phone number, a name padded to three characters).
            let table_row = self.opts.markdown && self.cs.get(content) == Some(&'|');
            // A heading (a Markdown `#` line, or a line typed as a numbered heading,
            // 一、……): a space between two of its phrases is the author's (一、坚持党建引领
            // 激活基层治理), where a title breaks; not a stray one.
            let heading = !blank
                && ((self.opts.markdown && self.cs.get(content) == Some(&'#'))
                    || crate::input::article::typed_heading_level(
                        &self.cs[content..line_end].iter().collect::<String>(),
                    )
                    .is_some());
            let mut k = content;
            while k < line_end {
                if !is_space(self.cs[k]) || self.protected[k] {
                    k += 1;
                    continue;
                }
                let mut e = k;
                while e < line_end && is_space(self.cs[e]) && !self.protected[e] {
                    e += 1;
                }
                if e < line_end
                    && k > line_start
                    && !table_row
                    // After a web or e-mail address: its end, kept apart from the
                    // Chinese after it (…/joint-phd-2026 下载: `--fix` ran them
                    // together, QA18 N 04).
                    && !self.protected[k - 1]
                    && !self.caption_label(content, k)
                    && let Some(kind) = self.stray_space(self.before_space(k), self.fin[e])
                    && !(heading && kind == Kind::SpaceBetweenChinese)
                    && !(kind == Kind::SpaceBetweenChinese && self.joint_issuers(k, e, line_end))
                    && !(kind == Kind::SpaceBetweenChinese
                        && self.in_title_marks(k, line_start, line_end))
                    && !(kind == Kind::SpaceBetweenChinese
                        && self.paired_phrases(k, e, line_start, line_end))
                {
                    // A tab may part two cells of a row typed on its own: reported,
                    // never taken out (joining the cells loses where one ends). Spaces
                    // between two fields of a line (来源：市医院    发布时间：…) part them:
                    // one full-width space, not run together.
                    let fields = self.field_label_at(e, line_end)
                        && self.cs[content..k].iter().any(|&c| matches!(c, '：' | ':'));
                    let fix = (!self.cs[k..e].contains(&'\t')).then(|| {
                        if fields {
                            "\u{3000}".to_owned()
                        } else {
                            String::new()
                        }
                    });
                    if kind == Kind::SpaceBetweenChinese
                        && self.in_name_list(k, e, content, line_end)
                    {
                        self.found.push((
                            k..e,
                            Kind::SpaceBetweenNames,
                            fix.map(|_| "\u{3000}".to_owned()),
                        ));
                    } else {
                        self.found.push((k..e, kind, fix));
                    }
                }
                k = e;
            }
            prev_blank = blank;
            line_start = line_end + 1;
        }
    }

    /// Whether the space over `k..e` parts the two phrases of a slogan or an activity's
    /// name, of four characters each, in quotation marks or on a line of their own
    /// (“月满中秋 情暖邻里”, 不忘初心 牢记使命): the author's, as a title's; `--fix` took
    /// it out, and the name printed two ways (QA16 J 04).
    fn paired_phrases(&self, k: usize, e: usize, start: usize, end: usize) -> bool {
        let left = self.cs[start..k]
            .iter()
            .rev()
            .take_while(|c| is_han(**c))
            .count();
        let right = self.cs[e..end].iter().take_while(|c| is_han(**c)).count();
        // In quotation marks, or a line of its own (a title, after its place's label).
        let before = (k - left)
            .checked_sub(1)
            .filter(|&i| i >= start)
            .map(|i| self.cs[i]);
        let after = Some(e + right).filter(|&i| i < end).map(|i| self.cs[i]);
        let quoted = before.is_some_and(|c| "“‘「『".contains(c))
            && after.is_some_and(|c| "”’」』".contains(c));
        let alone = before.is_none_or(|c| c == '：') && after.is_none();
        left == 4 && right == 4 && (quoted || alone)
    }

    /// Whether the space over `k..e` parts two bodies that issue a document jointly, as
    /// its title names them, the Party's first (中共中央 国务院, 中共中央办公厅
    /// 国务院办公厅, 中共江岭市委 江岭市人民政府关于……). The space is the title's own
    /// (`--fix` took it out of 《中共中央 国务院关于……》).
    fn joint_issuers(&self, k: usize, e: usize, end: usize) -> bool {
        let start = self.cs[..k]
            .iter()
            .rposition(|c| !is_han(*c))
            .map_or(0, |i| i + 1);
        let before: String = self.cs[start..k].iter().collect();
        let after: String = self.cs[e..end]
            .iter()
            .take_while(|c| is_han(**c))
            .take(14)
            .collect();
        before.contains("中共")
            && (after.starts_with("国务院")
                || after.contains("人民政府")
                || after.contains("政府办公"))
    }

    /// Whether a field's label starts at `at`: one to six Chinese characters and a
    /// colon (发布时间：, 审核:).
    fn field_label_at(&self, at: usize, end: usize) -> bool {
        let word = self.cs[at..end].iter().take_while(|c| is_han(**c)).count();
        (1..=6).contains(&word) && matches!(self.cs.get(at + word), Some('：' | ':'))
    }

    /// A space after a `.txt` line's number `1.` or `1．` before Chinese text (`1. 总体
    /// 情况`): it prints, half an em wide, where a numbered heading or item has none.
    /// In a `.md`, after a heading's number (`### 1. 思想`, QA14 E 06): a line's own
    /// `1. ` is a list item there, whose space Markdown needs.
    fn heading_number_spaces(&mut self) {
        let mut start = 0;
        while start < self.n() {
            let end = (start..self.n())
                .find(|&k| self.cs[k] == '\n')
                .unwrap_or(self.n());
            let mut k = start;
            while k < end && matches!(self.cs[k], ' ' | '\t' | '\u{3000}') {
                k += 1;
            }
            if self.opts.markdown {
                let hashes = (k..end).take_while(|&j| self.cs[j] == '#').count();
                if !(1..=6).contains(&hashes) || !matches!(self.cs.get(k + hashes), Some(' ')) {
                    start = end + 1;
                    continue;
                }
                k += hashes;
                while k < end && self.cs[k] == ' ' {
                    k += 1;
                }
            }
            // A heading's Chinese number with another mark after it (一．雨情水情,
            // 二，险情处置): 一、 is meant, and the line is then the heading it is.
            let cn = (k..end)
                .take_while(|&j| "一二三四五六七八九十".contains(self.cs[j]))
                .count();
            let mark = k + cn;
            if (1..=3).contains(&cn)
                && mark < end
                && matches!(self.cs[mark], '．' | '.' | '，' | ',')
                && !self.protected[mark]
            {
                let fixed: String = self.cs[k..end]
                    .iter()
                    .enumerate()
                    .map(|(j, &c)| if k + j == mark { '、' } else { c })
                    .collect();
                if crate::input::article::typed_heading_level(&fixed) == Some(1) {
                    let typed = self.cs[mark];
                    self.found.retain(|f| f.0.start != mark);
                    self.found.push((
                        mark..mark + 1,
                        Kind::HeadingNumberMark(typed),
                        Some("、".to_owned()),
                    ));
                }
            }
            let digits = (k..end)
                .take_while(|&j| self.cs[j].is_ascii_digit())
                .count();
            let dot = k + digits;
            if (1..=2).contains(&digits) && dot < end && matches!(self.cs[dot], '.' | '．') {
                let spaces = (dot + 1..end).take_while(|&j| self.cs[j] == ' ').count();
                let after = dot + 1 + spaces;
                if spaces > 0
                    && after < end
                    && is_han(self.cs[after])
                    && !(dot + 1..after).any(|j| self.protected[j])
                    && !self.found.iter().any(|f| f.0.start == dot + 1)
                {
                    self.found
                        .push((dot + 1..after, Kind::SpaceAfterNumber, Some(String::new())));
                }
            }
            start = end + 1;
        }
    }

    /// Lines broken mid-sentence (see `input::article::MID_SENTENCE`), reported at the
    /// line's end; `lines` are the text's lines. Fixed by joining the line with the
    /// next: the line break and the next line's indent go (a space stays between two
    /// Latin words or figures). `fix` joins them before it looks for anything else, as
    /// the marks pair up within a paragraph.
    fn broken_lines(&mut self, lines: &[Range<usize>]) {
        // The build's rule, on the same lines (`input::article::broken_lines`).
        let text = lines
            .iter()
            .map(|r| self.cs[r.clone()].iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n");
        for n in crate::input::article::broken_lines(&text) {
            let line = lines[n - 1].clone();
            // Not before a PDF's page number: that line goes first (`page_number_lines`),
            // and the text on either side of it is joined then.
            let page_number_next = lines
                .get(n)
                .is_some_and(|l| page_number_line(&self.cs[l.clone()]));
            if !self.protected[line.end.saturating_sub(1)] && !page_number_next {
                // The line's end (\n, or \r\n whose \r ends the line) and the next
                // line's indent, whose own finding (`Indent`) this one takes in.
                let start = match line.end.checked_sub(1) {
                    Some(r) if self.cs[r] == '\r' => r,
                    _ => line.end,
                };
                let mut end = line.end + 1;
                while end < self.n() && matches!(self.cs[end], ' ' | '\t' | '\u{3000}') {
                    end += 1;
                }
                // A Latin word a PDF hyphenated at the line's end: joined without its
                // hyphen (Man- / agement: Man-agement, QA16 J 01).
                let hyphen = start >= 2
                    && self.cs[start - 1] == '-'
                    && self.cs[start - 2].is_ascii_alphabetic()
                    && self.cs.get(end).is_some_and(|c| c.is_ascii_lowercase());
                let start = if hyphen { start - 1 } else { start };
                self.found
                    .retain(|(r, _, _)| !(start <= r.start && r.end <= end));
                let latin = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                let digit = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit());
                let before = start.checked_sub(1).and_then(|i| self.cs.get(i));
                let after = self.cs.get(end);
                // A space between two Latin words, not inside a number (减少3 / 1% is 31%)
                // nor a hyphenated word.
                let join = match !hyphen
                    && latin(before)
                    && latin(after)
                    && !(digit(before) && digit(after))
                {
                    true => " ",
                    false => "",
                };
                self.found
                    .push((start..end, Kind::BrokenLine, Some(join.into())));
            }
        }
    }

    /// The lines that hold only a page's number (— 2 —, - 3 -, 第4页), as text copied from
    /// a PDF over its page breaks keeps them: deleted with their line's end. Joined
    /// with the sentence they cut, they printed as 从“经验—2—判断”向… (QA12 B 03).
    fn page_number_lines(&mut self) {
        let n = self.n();
        let lines = self.lines();
        for (k, Range { start, end }) in lines.iter().cloned().enumerate() {
            if page_number_line(&self.cs[start..end]) && !self.protected[start..end].contains(&true)
            {
                self.supersede(start..(end + 1).min(n), Kind::PageNumberLine, String::new());
                // The running head over the next page (江岭市水利工作简报), inside the
                // sentence the page cut: a short line with no mark, between a line that
                // ends no sentence and the rest of it.
                let text = |r: &Range<usize>| -> String {
                    self.cs[r.clone()]
                        .iter()
                        .collect::<String>()
                        .trim()
                        .to_owned()
                };
                let before = k.checked_sub(1).map(|j| text(&lines[j]));
                let (Some(head), Some(after)) = (lines.get(k + 1), lines.get(k + 2)) else {
                    continue;
                };
                let (words, after) = (text(head), text(after));
                let cut = before.is_some_and(|b| {
                    !b.is_empty()
                        && !b
                            .trim_end_matches(['”', '’', '）', '》'])
                            .ends_with(['。', '！', '？', '；', '：', '…', '.', '!', '?'])
                });
                if cut
                    && (2..=20).contains(&words.chars().count())
                    && !words
                        .contains(['，', '。', '、', '；', '：', '！', '？', ',', '.', ';', ':'])
                    && crate::input::article::typed_heading_level(&words).is_none()
                    && !after.is_empty()
                    && !self.protected[head.clone()].contains(&true)
                {
                    let to = (head.end + 1).min(n);
                    self.supersede(head.start..to, Kind::RunningHead, String::new());
                }
            }
        }
    }

    /// A finding over `span` in place of any found inside it or across it: the line's
    /// own marks (the spaces of — 2 —, the ＃ of ＃＃) are not text to fix apart.
    fn supersede(&mut self, span: Range<usize>, kind: Kind, fix: String) {
        self.found
            .retain(|(r, _, _)| r.end <= span.start || r.start >= span.end);
        self.found.push((span, kind, Some(fix)));
    }

    /// A Markdown heading typed in Chinese mode: `##一、主要成效` (no space after the
    /// marks) or `＃＃ 二、存在问题` (full-width marks) is no heading in Markdown, and its
    /// marks printed (QA12 B 13). Fixed to `## 一、…`.
    fn heading_marks(&mut self) {
        for Range { start, end } in self.lines() {
            let marks = (start..end)
                .take_while(|&k| matches!(self.cs[k], '#' | '＃'))
                .count();
            let after = start + marks;
            let spaces = (after..end)
                .take_while(|&k| matches!(self.cs[k], ' ' | '\u{3000}'))
                .count();
            let text = self.cs.get(after + spaces).copied();
            let wide = self.cs[start..after].contains(&'＃');
            if (1..=6).contains(&marks)
                && !self.protected[start..after.max(start + 1)].contains(&true)
                && text.is_some_and(|c| is_han(c) || "（【“《".contains(c))
                && (wide || spaces == 0 || self.cs[after] == '\u{3000}')
                // Not a topic's tag (#基层治理# 我市…), closed by another #.
                && !self.cs[after..end].iter().any(|c| matches!(c, '#' | '＃'))
            {
                let fix = format!("{} ", "#".repeat(marks));
                self.supersede(start..after + spaces, Kind::HeadingMarks, fix);
            }
        }
    }

    /// Whether the `）` at `i` ends an item's number opening its line or a clause:
    /// `1）` `12）` `a）` `一）` (spaces before it only, full-width ones too), or after
    /// `：` `；` `。` (以下内容：1）……；2）……).
    fn item_number_before(&self, i: usize) -> bool {
        let is_numeral = |c: char| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c)
        };
        let mut k = i;
        while k > 0 && is_numeral(self.cs[k - 1]) && i - k < 3 {
            k -= 1;
        }
        if k == i && i > 0 && self.cs[i - 1].is_ascii_alphabetic() {
            k -= 1;
        }
        k < i
            && self.cs[..k]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace() || **c == '\n')
                .is_none_or(|&c| matches!(c, '\n' | '：' | '；' | '。'))
    }

    /// Whether `from..to` is a table's or a figure's number opening a caption line
    /// (`表1`, `图2-3`, `表 1`): the space after it is the caption's own (表1　各县订阅份数).
    fn caption_label(&self, from: usize, to: usize) -> bool {
        let label: String = self.cs[from..to]
            .iter()
            .filter(|c| !is_space(**c))
            .collect();
        // Bold or a photo's description around it: `**表1**`, `![图2 …](…)`.
        let label = label
            .trim_start_matches(['*', '_', '!', '['])
            .trim_end_matches(['*', '_']);
        let Some(num) = label.strip_prefix(['表', '图']) else {
            return false;
        };
        !num.is_empty()
            && num.starts_with(|c: char| c.is_ascii_digit())
            && num
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '－'))
    }

    /// The character before the space run that starts at `k`, as the fixes leave it,
    /// looking back past Markdown's `*` marks, which print nothing (the space of
    /// `**文明校园。** 近日` prints between 。 and 近), and past spaces already taken out
    /// before them, so that a second fix finds what the first left.
    fn before_space(&self, k: usize) -> char {
        let near = self.fin[k - 1];
        if !self.opts.markdown || near != '*' {
            return near;
        }
        let removed = |j: usize| {
            self.found
                .iter()
                .any(|f| f.0.contains(&j) && f.2.as_deref() == Some(""))
        };
        let mut j = k - 1;
        while j > 0
            && !self.protected[j]
            && (self.fin[j] == '*' || (is_space(self.fin[j]) && removed(j)))
        {
            j -= 1;
        }
        if is_space(self.fin[j]) || self.fin[j] == '\n' || self.fin[j] == '*' {
            near
        } else {
            self.fin[j]
        }
    }

    /// Whether the spaces at `k..e` part the names of a list: the stretch of the line
    /// around them (up to a mark that parts phrases, or the line's ends) is words of two
    /// to four Chinese characters parted by spaces, three or more of them, or two after
    /// a colon (出席：周建华 王赟). A space in running text (我们要坚持 党的领导) is not.
    fn in_name_list(&self, k: usize, e: usize, content: usize, line_end: usize) -> bool {
        let parts = |c: char| "：:，,、；;。！？（）()\u{3000}".contains(c);
        let mut from = k;
        while from > content && !parts(self.cs[from - 1]) {
            from -= 1;
        }
        let mut to = e;
        while to < line_end && !parts(self.cs[to]) {
            to += 1;
        }
        let stretch: String = self.cs[from..to].iter().collect();
        let words: Vec<&str> = stretch.split(is_space).filter(|w| !w.is_empty()).collect();
        let names = words
            .iter()
            .all(|w| (2..=4).contains(&w.chars().count()) && w.chars().all(is_han));
        let after_colon = from > content && matches!(self.cs[from - 1], '：' | ':');
        names && (words.len() >= 3 || (words.len() == 2 && after_colon))
    }

    /// Whether a space between `a` and `b` (as they will be after the fixes) goes.
    fn stray_space(&self, a: char, b: char) -> Option<Kind> {
        // Markdown: the spaces around a table's cell separators are the table's.
        if self.opts.markdown && (a == '|' || b == '|') {
            return None;
        }
        // Never join two runs of dashes or dots into one.
        if (dash_class(a) && dash_class(b)) || (dot_class(a) && dot_class(b)) {
            return None;
        }
        let cn = |c: char| is_han(c) || is_fw_punct(c);
        if is_han(a) && is_han(b) {
            Some(Kind::SpaceBetweenChinese)
        } else if (is_han(a) && b.is_ascii_digit()) || (a.is_ascii_digit() && is_han(b)) {
            Some(Kind::SpaceChineseNumber)
        } else if is_fw_strict(a)
            || is_fw_strict(b)
            || (cn(a) && (cn(b) || b.is_ascii_digit()))
            || (a.is_ascii_digit() && cn(b))
        {
            Some(Kind::SpaceAtPunctuation)
        } else {
            None
        }
    }

    /// The length of a Markdown block marker at `k`: `-`, `*`, `+`, `1.`, `1)` (list
    /// items), `#`…`######` (headings), `>` (quotes), each followed by a space or the
    /// line end; 0 when there is none.
    fn md_marker_len(&self, k: usize, line_end: usize) -> usize {
        let ends = |j: usize| j >= line_end || matches!(self.cs[j], ' ' | '\t');
        let len = match self.cs[k] {
            '-' | '*' | '+' | '>' => 1,
            '#' => (k..line_end).take_while(|&j| self.cs[j] == '#').count(),
            c if c.is_ascii_digit() => {
                let d = (k..line_end)
                    .take_while(|&j| self.cs[j].is_ascii_digit())
                    .count();
                if d <= 9 && k + d < line_end && matches!(self.cs[k + d], '.' | ')') {
                    d + 1
                } else {
                    return 0;
                }
            }
            _ => return 0,
        };
        if (self.cs[k] == '#' && len > 6) || !(self.cs[k] == '>' || ends(k + len)) {
            return 0;
        }
        len
    }

    /// A Markdown list item: `- `, `* `, `+ `, `1. `, `1) `.
    fn is_md_list_item(&self, content: usize, line_end: usize) -> bool {
        self.is_md_block_marker(content, line_end)
            && !matches!(self.cs[content], '#' | '>' | '|' | '`' | '~')
    }

    /// A Markdown line that starts a block of its own: list item, heading, quote, fence.
    fn is_md_block_marker(&self, content: usize, line_end: usize) -> bool {
        content < line_end
            && (self.md_marker_len(content, line_end) > 0
                || matches!(self.cs[content], '|' | '`' | '~'))
    }

    // ── balance ──

    /// Unbalanced brackets and quotes in a paragraph, as they will be after the fixes.
    fn balance(&mut self, p: Range<usize>, next_opens_quote: bool) {
        const DEPTH: usize = 32;
        let mut stack: Vec<usize> = Vec::new();
        let mut report = Vec::new();
        let mut nested: Vec<(usize, char)> = Vec::new();
        for i in p {
            if self.protected[i] {
                continue;
            }
            let c = match self.fin[i] {
                '(' => '（',
                ')' => '）',
                c => c,
            };
            // An apostrophe in Latin text (don’t) is not a closing quote; judged by the
            // text as the fixes leave it (a full-width ４ after it becomes 4), so that a
            // second fix finds what the first left.
            if c == '’'
                && i > 0
                && self.fin[i - 1].is_ascii_alphanumeric()
                && self
                    .fin
                    .get(i + 1)
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            if closing_of(c).is_some() {
                stack.push(i);
            } else if let Some(open) = opening_of(c) {
                let found = stack
                    .iter()
                    .rev()
                    .take(DEPTH)
                    .position(|&k| norm_open(self.fin[k]) == open);
                match found {
                    Some(pos) => {
                        let keep = stack.len() - pos - 1;
                        let open_at = stack[keep];
                        for k in stack.drain(keep..).skip(1) {
                            report.push((k, Kind::Unclosed(norm_open(self.fin[k]))));
                        }
                        // A quotation inside a quotation takes ‘ ’ (GB/T 15834 4.1.3.4):
                        // the inner pair is fixed.
                        if open == '“'
                            && self.fin[i] == '”'
                            && stack.iter().any(|&k| self.fin[k] == '“')
                        {
                            nested.push((open_at, '‘'));
                            nested.push((i, '’'));
                        }
                    }
                    // An item's number typed 1） or a） at a line's start closes nothing
                    // by design.
                    None if c == '）' && self.item_number_before(i) => {}
                    None => report.push((i, Kind::Unopened(c))),
                }
            }
        }
        let only_quotes = stack.iter().all(|&k| self.fin[k] == '“');
        if !(next_opens_quote && only_quotes) {
            for k in stack {
                report.push((k, Kind::Unclosed(norm_open(self.fin[k]))));
            }
        }
        for (k, kind) in report {
            self.found.push((k..k + 1, kind, None));
        }
        // A straight quote already fixed to “ or ” is fixed to ‘ or ’ instead.
        for (k, to) in nested {
            match self
                .found
                .iter_mut()
                .find(|f| f.0 == (k..k + 1) && f.2.is_some())
            {
                Some(f) => f.2 = Some(to.to_string()),
                None => self
                    .found
                    .push((k..k + 1, Kind::NestedQuote, Some(to.to_string()))),
            }
        }
    }
}

/// Whether a line holds only a page's number as a PDF prints it at its foot: — 2 —,
/// - 3 -, －4－ (the figure between two dashes), or 第5页 (共12页).
pub(super) fn page_number_line(line: &[char]) -> bool {
    let t: String = line.iter().filter(|c| !c.is_whitespace()).collect();
    let dash = |c: char| matches!(c, '—' | '-' | '－' | '–' | '―');
    let figures = |s: &str| (1..=4).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    if let Some(inner) = t
        .strip_prefix(dash)
        .and_then(|r| r.strip_suffix(dash))
        .map(|r| r.trim_matches(dash))
    {
        return figures(inner);
    }
    let page = |s: &str| {
        s.strip_prefix('第')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(figures)
    };
    match t.split_once(['（', '(', '，', ',', '/']) {
        Some((first, rest)) => {
            page(first)
                && rest
                    .trim_end_matches(['）', ')'])
                    .strip_prefix('共')
                    .and_then(|r| r.strip_suffix('页'))
                    .is_some_and(figures)
        }
        None => page(&t),
    }
}
