//! Punctuation and spacing of Chinese text, by GB/T 15834 and `../shared/GUIDE.md` §2.
//!
//! [`scan`] finds what an editor would fix in pasted text: half-width `, ; : ? ! ( )`
//! inside Chinese text, straight quotes, `--` or a lone `—` for ——, `...` or a lone `…`
//! for ……, stray spaces between Chinese characters (joined-line artefacts), spaces
//! between Chinese and numbers or next to full-width punctuation, a half-width space or
//! tab at a paragraph start, and unbalanced “” ‘’ （） 《》 【】 〔〕 「」 『』 〈〉.
//! Each [`Finding`] has the byte span it is about and, when the fix is safe, the text
//! to put there; [`fix`] applies the safe ones.
//!
//! Digits, Latin text, URLs and e-mail addresses are left alone: a mark is changed only
//! when the text around it is Chinese, and URLs, e-mail addresses (and in Markdown code
//! spans, code blocks and link targets) are never touched.
//!
//! **Why one pass is enough (idempotence).** Every decision looks at the nearest
//! character whose class no rule can change: spaces and every mark a rule may produce
//! or replace (both widths) are skipped when looking for the context, and quotes stop
//! the search as "not Chinese" whatever their width. Pairs (quotes, parentheses) are
//! formed independently of width. So after [`fix`], a second
//! [`scan`] sees the same contexts and the same pairs and finds nothing to fix; the
//! property test in `tests/it/proptest_input.rs` checks `fix(fix(x)) == fix(x)`.

use std::ops::Range;

/// How a text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// CommonMark: paragraphs are separated by blank lines; code, link targets and
    /// images are left alone; list markers and indented list lines are allowed.
    pub markdown: bool,
    /// Check spaces (stray, joined-line, around punctuation, at a paragraph start).
    /// Off for the issue file's fields, where a space is often meant (`处 王水清供稿`).
    pub spaces: bool,
    /// Every line is a paragraph (`.txt` articles); otherwise paragraphs are separated
    /// by blank lines (Markdown) or the whole text is one (a field of the issue file).
    pub line_paragraphs: bool,
}

impl Options {
    /// A `.txt` article: one paragraph a line.
    pub const TXT: Options = Options {
        markdown: false,
        spaces: true,
        line_paragraphs: true,
    };
    /// A `.md` article.
    pub const MARKDOWN: Options = Options {
        markdown: true,
        spaces: true,
        line_paragraphs: false,
    };
    /// A text field of the issue file (title, byline, recipients…).
    pub const FIELD: Options = Options {
        markdown: false,
        spaces: false,
        line_paragraphs: false,
    };

    /// The options for an article file, by its extension.
    pub fn for_path(path: &std::path::Path) -> Options {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md") | Some("markdown") => Options::MARKDOWN,
            _ => Options::TXT,
        }
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A half-width `, ; : ? ! ( )` in Chinese text.
    HalfWidth(char),
    /// A straight `"` or `'` in Chinese text.
    StraightQuote(char),
    /// A straight quote without a partner, in Chinese text: which way it faces is unknown.
    UnpairedStraightQuote(char),
    /// `--`, `---`, `—-`, `―` … where a dash (破折号) —— is meant.
    Dash,
    /// A single `—` between two Chinese characters: a 破折号 (——) or a 连接号 (—)?
    SingleEmDash,
    /// `...`, a single `…` … where an ellipsis (省略号) …… is meant.
    Ellipsis,
    /// A space between two Chinese characters (a joined-line artefact).
    SpaceBetweenChinese,
    /// A space between a Chinese character and a number.
    SpaceChineseNumber,
    /// A space next to full-width punctuation.
    SpaceAtPunctuation,
    /// A half-width space or tab at the start of a paragraph.
    Indent,
    /// An opening mark without its closing partner.
    Unclosed(char),
    /// A closing mark without its opening partner.
    Unopened(char),
    /// ○ (a circle, U+25CB) typed for 〇 (the numeral zero) in a number: 二○二六.
    CircleForZero,
    /// Half-width `[ ]` around a year or Chinese text: 〔2000〕 or 【】 is meant.
    HalfWidthBrackets,
    /// A divider line of ※ with half-width spaces: ※ ※ ※.
    DividerSpaces,
}

impl Kind {
    /// The problem, short, in Chinese and English.
    pub fn problem(&self) -> String {
        match self {
            Kind::HalfWidth(c) => format!("中文里的半角{} half-width «{c}»", half_name(*c)),
            Kind::StraightQuote(c) => format!("直引号 straight quote «{c}»"),
            Kind::UnpairedStraightQuote(c) => {
                format!("落单的直引号 unpaired straight quote «{c}»")
            }
            Kind::Dash => "破折号应为—— dash should be ——".into(),
            Kind::SingleEmDash => {
                "单个一字线：破折号用——，连接号才用— single «—»: a dash is ——".into()
            }
            Kind::Ellipsis => "省略号应为…… ellipsis should be ……".into(),
            Kind::SpaceBetweenChinese => "汉字间多余空格 space between Chinese characters".into(),
            Kind::SpaceChineseNumber => {
                "汉字与数字间空格 space between Chinese and a number".into()
            }
            Kind::SpaceAtPunctuation => {
                "全角标点旁空格 space next to full-width punctuation".into()
            }
            Kind::Indent => "段首半角空格或制表符 space or tab at paragraph start".into(),
            Kind::Unclosed(c) => format!("«{c}»未闭合 «{c}» is never closed"),
            Kind::Unopened(c) => format!("«{c}»没有对应的前半 «{c}» closes nothing"),
            Kind::CircleForZero => "数字中的○应为〇 circle ○ for the numeral 〇".into(),
            Kind::HalfWidthBrackets => "中文里的半角方括号 half-width [ ] in Chinese text".into(),
            Kind::DividerSpaces => "※分隔线中有半角空格 half-width spaces in a ※ line".into(),
        }
    }

    /// What to do when there is no safe fix.
    pub fn advice(&self) -> Option<String> {
        match self {
            Kind::UnpairedStraightQuote(c) => Some(if *c == '"' {
                "改为“或” use “ or ”".into()
            } else {
                "改为‘或’ use ‘ or ’".into()
            }),
            Kind::SingleEmDash => Some("破折号改为—— write —— if it is a dash".into()),
            Kind::Unclosed(c) => Some(format!(
                "补上{} add the closing {}",
                closing_of(*c).unwrap_or(' '),
                closing_of(*c).unwrap_or(' ')
            )),
            Kind::Unopened(c) => Some(format!(
                "补上{} or delete it / 或删除",
                opening_of(*c).unwrap_or(' ')
            )),
            Kind::HalfWidthBrackets => Some(
                "年份用六角括号〔2000〕，其他用【】或〔〕 a year in 〔 〕, other text in 【】 or 〔 〕".into(),
            ),
            Kind::DividerSpaces => {
                Some("写作※　※　※（全角空格），.md 中可写 *** write ※　※　※, or *** in .md".into())
            }
            _ => None,
        }
    }
}

fn half_name(c: char) -> &'static str {
    match c {
        ',' => "逗号",
        ';' => "分号",
        ':' => "冒号",
        '?' => "问号",
        '!' => "叹号",
        '.' => "句号",
        '(' | ')' => "括号",
        _ => "标点",
    }
}

/// One thing to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte range in the text.
    pub span: Range<usize>,
    pub kind: Kind,
    /// The safe replacement for `span`, or `None` when an editor must decide.
    pub fix: Option<String>,
}

/// Finds every problem in `text`, in text order.
pub fn scan(text: &str, opts: Options) -> Vec<Finding> {
    Scanner::new(text, opts).run()
}

/// Applies the safe fixes. `fix(&fix(x)) == fix(x)`.
pub fn fix(text: &str, opts: Options) -> String {
    apply(text, &scan(text, opts))
}

/// Applies the safe fixes of `findings` (found in `text`).
pub fn apply(text: &str, findings: &[Finding]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut at = 0;
    for f in findings {
        let Some(rep) = &f.fix else { continue };
        if f.span.start < at {
            continue; // never happens: findings do not overlap
        }
        out.push_str(&text[at..f.span.start]);
        out.push_str(rep);
        at = f.span.end;
    }
    out.push_str(&text[at..]);
    out
}

// ── character classes ────────────────────────────────────────────────────────

/// A Han character (CJK unified ideographs, extensions, compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || c == '〇'
}

/// Marks a rule may produce or replace, quotes aside. They are skipped when looking
/// for context, so that fixing one mark never changes the decision about another.
fn is_mutable(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '?'
            | '!'
            | '('
            | ')'
            | '-'
            | '.'
            | '，'
            | '；'
            | '：'
            | '？'
            | '！'
            | '（'
            | '）'
            | '—'
            | '―'
            | '…'
    )
}

/// Quotes of both widths. The context is looked for twice: once skipping quotes like
/// other marks, once stopping at them (as "not Chinese"); see `chinese_context`.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’')
}

/// A half-width space: space, tab, no-break space.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}')
}

/// Chinese text: Han, CJK punctuation, full-width forms.
/// Quotes are not: see `chinese_context`.
fn is_chinese(c: char) -> bool {
    !is_quote(c)
        && (is_han(c)
            || matches!(c as u32, 0x3000..=0x303F | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F | 0xFF01..=0xFF65)
            || matches!(c, '—' | '…' | '·'))
}

/// Full-width punctuation after which (or before which) a half-width space is stray,
/// whatever is on the other side. Quotes and dashes are not in it: `“ hello”` is Latin.
fn is_fw_strict(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// Any full-width punctuation.
fn is_fw_punct(c: char) -> bool {
    is_fw_strict(c)
        || matches!(c as u32, 0x3001..=0x303F | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '―' | '…' | '·')
        || (matches!(c as u32, 0xFF01..=0xFF65) && !c.is_alphanumeric())
}

fn dash_class(c: char) -> bool {
    matches!(c, '-' | '—' | '―')
}

fn dot_class(c: char) -> bool {
    matches!(c, '.' | '…')
}

fn closing_of(open: char) -> Option<char> {
    Some(match open {
        '“' => '”',
        '‘' => '’',
        '（' | '(' => '）',
        '《' => '》',
        '【' => '】',
        '〔' => '〕',
        '「' => '」',
        '『' => '』',
        '〈' => '〉',
        _ => return None,
    })
}

fn opening_of(close: char) -> Option<char> {
    Some(match close {
        '”' => '“',
        '’' => '‘',
        '）' | ')' => '（',
        '》' => '《',
        '】' => '【',
        '〕' => '〔',
        '」' => '「',
        '』' => '『',
        '〉' => '〈',
        _ => return None,
    })
}

// ── the scanner ──────────────────────────────────────────────────────────────

const NONE: u32 = u32::MAX;

/// A context position, or none (`NONE`).
fn found(k: u32) -> Option<usize> {
    (k != NONE).then_some(k as usize)
}

struct Scanner {
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
    fn new(text: &str, opts: Options) -> Self {
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
        s.protect();
        s.contexts();
        s
    }

    fn run(mut self) -> Vec<Finding> {
        let paragraphs = self.paragraphs();
        for p in &paragraphs {
            self.parens(p.clone());
            self.quotes(p.clone(), '"', '“', '”');
            self.quotes(p.clone(), '\'', '‘', '’');
        }
        self.marks();
        self.runs();
        self.look_alikes();
        if self.opts.spaces {
            self.spaces();
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

    // ── protected spans ──

    fn protect(&mut self) {
        let n = self.n();
        let mut i = 0;
        while i < n {
            // URLs: scheme:// or www.
            if self.starts_with(i, "://") && i > 0 && self.cs[i - 1].is_ascii_alphabetic() {
                let mut start = i;
                while start > 0 && self.cs[start - 1].is_ascii_alphanumeric() {
                    start -= 1;
                }
                let end = self.url_end(i + 3);
                self.mark(start..end);
                i = end.max(i + 1);
                continue;
            }
            if (i == 0 || !self.cs[i - 1].is_ascii_alphanumeric())
                && self.starts_with_ignore_case(i, "www.")
            {
                let end = self.url_end(i + 4);
                self.mark(i..end);
                i = end.max(i + 1);
                continue;
            }
            if self.cs[i] == '@' {
                let mut start = i;
                while start > 0 && is_email_local(self.cs[start - 1]) {
                    start -= 1;
                }
                let mut end = i + 1;
                while end < n
                    && (self.cs[end].is_ascii_alphanumeric() || matches!(self.cs[end], '.' | '-'))
                {
                    end += 1;
                }
                while end > i + 1 && matches!(self.cs[end - 1], '.' | '-') {
                    end -= 1;
                }
                let domain: String = self.cs[i + 1..end].iter().collect();
                if start < i && domain.contains('.') {
                    self.mark(start..end);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        if self.opts.markdown {
            self.protect_markdown();
        }
    }

    fn url_end(&self, from: usize) -> usize {
        let n = self.n();
        let mut end = from;
        while end < n {
            let c = self.cs[end];
            if !c.is_ascii_graphic() || matches!(c, '"' | '<' | '>' | '`') {
                break;
            }
            end += 1;
        }
        // Trailing sentence punctuation is not part of the URL; `)` only when unbalanced.
        loop {
            if end <= from {
                break;
            }
            let c = self.cs[end - 1];
            if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_') {
                end -= 1;
            } else if c == ')' {
                let opens = self.cs[from..end].iter().filter(|&&c| c == '(').count();
                let closes = self.cs[from..end].iter().filter(|&&c| c == ')').count();
                if closes > opens {
                    end -= 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        end
    }

    fn starts_with(&self, i: usize, s: &str) -> bool {
        (i..)
            .zip(s.chars())
            .all(|(k, c)| self.cs.get(k) == Some(&c))
    }

    fn starts_with_ignore_case(&self, i: usize, s: &str) -> bool {
        (i..)
            .zip(s.chars())
            .all(|(k, c)| self.cs.get(k).is_some_and(|d| d.eq_ignore_ascii_case(&c)))
    }

    fn mark(&mut self, r: Range<usize>) {
        for k in r {
            self.protected[k] = true;
        }
    }

    /// Markdown: fenced and indented-by-fence code, code spans, link and image
    /// targets `](…)`, autolinks `<…>`, and the `!` of an image `![`.
    fn protect_markdown(&mut self) {
        let n = self.n();
        // Fenced code blocks, line by line.
        let mut line_start = 0;
        let mut fence: Option<(char, usize)> = None;
        while line_start < n {
            let mut line_end = line_start;
            while line_end < n && self.cs[line_end] != '\n' {
                line_end += 1;
            }
            let first = (line_start..line_end).find(|&k| !is_space(self.cs[k]));
            let marker = first.and_then(|k| {
                let c = self.cs[k];
                if c != '`' && c != '~' {
                    return None;
                }
                let len = (k..line_end).take_while(|&j| self.cs[j] == c).count();
                (len >= 3 && k - line_start < 4).then_some((c, len))
            });
            match (fence, marker) {
                (None, Some(m)) => {
                    fence = Some(m);
                    self.mark(line_start..line_end);
                }
                (Some((c, len)), Some((c2, len2))) if c == c2 && len2 >= len => {
                    fence = None;
                    self.mark(line_start..line_end);
                }
                (Some(_), _) => self.mark(line_start..line_end),
                (None, None) => {
                    // A block marker (list item, heading, quote) and the spaces after
                    // it are structure, not text.
                    if let Some(k) = first {
                        let len = self.md_marker_len(k, line_end);
                        if len > 0 {
                            let mut end = k + len;
                            while end < line_end && is_space(self.cs[end]) {
                                end += 1;
                            }
                            self.mark(k..end);
                        }
                    }
                }
            }
            line_start = line_end + 1;
        }
        // Code spans, link targets, autolinks, images (outside code blocks).
        let mut i = 0;
        while i < n {
            if self.protected[i] {
                i += 1;
                continue;
            }
            match self.cs[i] {
                '`' => {
                    let len = (i..n).take_while(|&j| self.cs[j] == '`').count();
                    let mut j = i + len;
                    let mut closed = None;
                    while j < n {
                        if self.cs[j] == '`' {
                            let l2 = (j..n).take_while(|&k| self.cs[k] == '`').count();
                            if l2 == len {
                                closed = Some(j + l2);
                                break;
                            }
                            j += l2;
                        } else {
                            j += 1;
                        }
                    }
                    match closed {
                        Some(end) => {
                            self.mark(i..end);
                            i = end;
                        }
                        None => i += len,
                    }
                }
                ']' if i + 1 < n && self.cs[i + 1] == '(' => {
                    let mut depth = 0usize;
                    let mut j = i + 1;
                    let mut end = None;
                    while j < n && self.cs[j] != '\n' {
                        match self.cs[j] {
                            '(' => depth += 1,
                            ')' => {
                                depth -= 1;
                                if depth == 0 {
                                    end = Some(j + 1);
                                    break;
                                }
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    match end {
                        Some(end) => {
                            self.mark(i + 1..end);
                            i = end;
                        }
                        None => i += 1,
                    }
                }
                '<' => {
                    let mut j = i + 1;
                    while j < n && !matches!(self.cs[j], '>' | '<' | ' ' | '\n') {
                        j += 1;
                    }
                    let inner: String = self.cs[i + 1..j].iter().collect();
                    if j < n && self.cs[j] == '>' && (inner.contains(':') || inner.contains('@')) {
                        self.mark(i..j + 1);
                        i = j + 1;
                    } else {
                        i += 1;
                    }
                }
                '!' if i + 1 < n && self.cs[i + 1] == '[' => {
                    self.protected[i] = true;
                    i += 1;
                }
                _ => i += 1,
            }
        }
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

    /// Paragraphs as character ranges (without their line ends).
    fn paragraphs(&self) -> Vec<Range<usize>> {
        let n = self.n();
        let mut lines = Vec::new();
        let mut start = 0;
        for i in 0..=n {
            if i == n || self.cs[i] == '\n' {
                lines.push(start..i);
                start = i + 1;
            }
        }
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
            let convert = (ho != hc)
                || self.has_han(o + 1..c)
                || self.is_chinese_at(self.left_of(o))
                || self.is_chinese_at(self.right_of(c));
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
    /// becomes “” (or ‘’). Apostrophes between Latin letters (`don't`) are not quotes.
    fn quotes(&mut self, p: Range<usize>, q: char, open: char, close: char) {
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
        let (open_s, close_s) = (open.to_string(), close.to_string());
        for pair in marks.chunks(2) {
            match *pair {
                [o, c]
                    if self.has_han(o + 1..c)
                        || self.is_chinese_at(self.left_of(o))
                        || self.is_chinese_at(self.right_of(c)) =>
                {
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

    // ── single marks ──

    fn marks(&mut self) {
        for i in 0..self.n() {
            let c = self.cs[i];
            if c == '.' && !self.protected[i] && self.ends_chinese_sentence(i) {
                self.push(i..i + 1, Kind::HalfWidth('.'), Some("。"));
                continue;
            }
            if !matches!(c, ',' | ';' | ':' | '?' | '!') || self.protected[i] {
                continue;
            }
            if self.chinese_context(i..i + 1) {
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
    /// 」 』 after it on its line (是责任." → 是责任。"). A dot between digits (5.8), in
    /// a name (www.gov.cn, No.5), next to another mark or before more text on the line
    /// is left alone: it may be a decimal point or a mistyped 间隔号, for a person to
    /// judge. Only marks no other rule changes decide, so a fix never changes it.
    fn ends_chinese_sentence(&self, i: usize) -> bool {
        let passable = |c: char| is_space(c) || is_quote(c);
        let before = self.cs[..i].iter().rev().find(|&&c| !passable(c));
        let after = self.cs[i + 1..]
            .iter()
            .find(|&&c| !(passable(c) || matches!(c, '」' | '』')));
        before.is_some_and(|&b| is_han(b) || matches!(b, '》' | '】' | '〕' | '」' | '』'))
            && after.is_none_or(|&a| matches!(a, '\n' | '\r'))
    }

    /// What looks right but is another character or another width: ○ for 〇 in a
    /// number, half-width [ ] around a year or Chinese text, half-width spaces in a
    /// divider line of ※.
    fn look_alikes(&mut self) {
        let n = self.n();
        let numeral = |c: char| "〇○零一二三四五六七八九十".contains(c);
        for i in 0..n {
            let c = self.cs[i];
            if self.protected[i] {
                continue;
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
        // Divider lines: ※ and half-width spaces only, with a space between two ※.
        let mut start = 0;
        while start < n {
            let end = (start..n).find(|&k| self.cs[k] == '\n').unwrap_or(n);
            let line = &self.cs[start..end];
            let stars: Vec<usize> = (0..line.len()).filter(|&k| line[k] == '※').collect();
            if stars.len() >= 2
                && line.iter().all(|&c| matches!(c, '※' | ' ' | '\t' | '　'))
                && line[stars[0]..*stars.last().unwrap_or(&0)]
                    .iter()
                    .any(|&c| c == ' ' || c == '\t')
            {
                let (a, b) = (start + stars[0], start + stars[stars.len() - 1] + 1);
                self.push(a..b, Kind::DividerSpaces, None);
            }
            start = end + 1;
        }
    }

    /// Runs of dashes and dots.
    fn runs(&mut self) {
        let n = self.n();
        let mut i = 0;
        while i < n {
            let c = self.cs[i];
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
            if han(l) && han(rt) && adjacent {
                self.push(r, Kind::SingleEmDash, None);
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
        if self.chinese_context(r.clone()) {
            self.push(r, Kind::Ellipsis, Some("……"));
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
            if !blank && lead > 0 && !self.protected[line_start] {
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
            // Inner runs.
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
                    && let Some(kind) = self.stray_space(self.fin[k - 1], self.fin[e])
                {
                    self.found.push((k..e, kind, Some(String::new())));
                }
                k = e;
            }
            prev_blank = blank;
            line_start = line_end + 1;
        }
    }

    /// Whether a space between `a` and `b` (as they will be after the fixes) goes.
    fn stray_space(&self, a: char, b: char) -> Option<Kind> {
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
        for i in p {
            if self.protected[i] {
                continue;
            }
            let c = match self.fin[i] {
                '(' => '（',
                ')' => '）',
                c => c,
            };
            // An apostrophe in Latin text (don’t) is not a closing quote.
            if c == '’'
                && i > 0
                && self.cs[i - 1].is_ascii_alphanumeric()
                && self
                    .cs
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
                        for k in stack.drain(keep..).skip(1) {
                            report.push((k, Kind::Unclosed(norm_open(self.fin[k]))));
                        }
                    }
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
    }
}

fn norm_open(c: char) -> char {
    if c == '(' { '（' } else { c }
}

fn is_email_local(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// Maps every mark the fixer may change to one representative, and drops half-width
/// spaces: two texts that differ only by fixes map to the same string. For tests and
/// for the check's "content unchanged" guarantee.
pub fn normalize_for_comparison(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\u{a0}' => {}
            ',' | '，' => out.push('，'),
            ';' | '；' => out.push('；'),
            ':' | '：' => out.push('：'),
            '?' | '？' => out.push('？'),
            '!' | '！' => out.push('！'),
            '(' | '（' => out.push('（'),
            ')' | '）' => out.push('）'),
            '"' | '“' | '”' => out.push('"'),
            '\'' | '‘' | '’' => out.push('\''),
            '-' | '—' | '―' => {
                while chars.peek().is_some_and(|&d| dash_class(d)) {
                    chars.next();
                }
                out.push('—');
            }
            // A lone `.` may become 。 (a sentence's end), a run of dots ……
            '.' if !chars.peek().is_some_and(|&d| dot_class(d)) => out.push('。'),
            '.' | '…' => {
                while chars.peek().is_some_and(|&d| dot_class(d)) {
                    chars.next();
                }
                out.push('…');
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(s: &str) -> String {
        fix(s, Options::TXT)
    }

    fn kinds(s: &str) -> Vec<Kind> {
        scan(s, Options::TXT).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn half_width_marks_in_chinese_text() {
        assert_eq!(fixed("6月21日,全国人大"), "6月21日，全国人大");
        assert_eq!(
            fixed("第19期(总第五百六十三期)"),
            "第19期（总第五百六十三期）"
        );
        assert_eq!(fixed("是吗?好!如下:一;二"), "是吗？好！如下：一；二");
        assert_eq!(fixed("(选举任免处 王水清供稿)"), "（选举任免处王水清供稿）");
        assert_eq!(fixed("(1)既要"), "（1）既要");
        assert_eq!(fixed("使用Python, 以及"), "使用Python，以及");
    }

    #[test]
    fn a_half_width_full_stop_ending_a_chinese_sentence() {
        assert_eq!(
            fixed("他说:\"当委员不是荣誉,是责任.\""),
            "他说：“当委员不是荣誉，是责任。”"
        );
        assert_eq!(fixed("会议结束."), "会议结束。");
        assert_eq!(fixed("升级到V2.0版."), "升级到V2.0版。");
        assert_eq!(fixed("见《条例》."), "见《条例》。");
        // Decimal points, names, abbreviations and a dot before more text stay.
        for s in [
            "增长5.8%。",
            "详见www.gov.cn。",
            "江岭.青川",
            "No.5号",
            "V2.0版",
        ] {
            assert_eq!(fixed(s), s, "{s}");
        }
    }

    #[test]
    fn latin_numbers_urls_and_mail_stay() {
        for s in [
            "联系hnrdlldt@163.com",
            "电话0731-85309270",
            "增长3.6%",
            "PM2.5浓度",
            "见http://x.y/z?a=1,2",
            "上午10:30开会",
            "共1,000元",
            "He said, (really) \"yes\"... don't",
            "网址www.example.com/a,b",
            "2018—2019年",
            "1月—3月",
        ] {
            assert_eq!(fixed(s), s, "changed: {s}");
        }
    }

    #[test]
    fn quotes_dashes_ellipses() {
        assert_eq!(
            fixed("组织\"三个及时\"\"三个明确\"的做法"),
            "组织“三个及时”“三个明确”的做法"
        );
        assert_eq!(fixed("他说'好'"), "他说‘好’");
        assert_eq!(fixed("\"三个及时\",\"三个明确\""), "“三个及时”，“三个明确”");
        assert_eq!(fixed("加入\"WTO\",我国"), "加入“WTO”，我国");
        // A Latin quotation in Chinese text gets Chinese quotes; its own marks stay.
        assert_eq!(fixed("\"Hello, world!\" 然后"), "“Hello, world!”然后");
        assert_eq!(fixed("这--那"), "这——那");
        assert_eq!(fixed("—在会上的讲话"), "——在会上的讲话");
        assert_eq!(fixed("等等..."), "等等……");
        assert_eq!(fixed("等等…"), "等等……");
        assert_eq!(kinds("北京—上海"), vec![Kind::SingleEmDash]);
        assert_eq!(fixed("北京—上海"), "北京—上海");
    }

    #[test]
    fn spaces() {
        assert_eq!(fixed("工作座谈会在 浙江省召开"), "工作座谈会在浙江省召开");
        assert_eq!(fixed("荣获 2018 年度"), "荣获2018年度");
        assert_eq!(fixed("工作， 共同"), "工作，共同");
        assert_eq!(fixed("  \t段首空格"), "段首空格");
        assert_eq!(
            fixed("Hello world 你好 PDF 文件"),
            "Hello world 你好 PDF 文件"
        );
        assert_eq!(fixed("第 28 号"), "第28号");
    }

    #[test]
    fn look_alikes_of_zero_brackets_and_dividers() {
        let kinds =
            |t: &str| -> Vec<Kind> { scan(t, Options::TXT).into_iter().map(|f| f.kind).collect() };
        let found = scan("二○二六年，〇○七号", Options::TXT);
        assert_eq!(
            found
                .iter()
                .filter(|f| f.kind == Kind::CircleForZero)
                .count(),
            2
        );
        assert_eq!(fix("二○二六年", Options::TXT), "二〇二六年");
        // A circle that is a bullet or a shape is left alone.
        assert!(!kinds("○ 完成情况").contains(&Kind::CircleForZero));
        assert!(kinds("湘党简准字[2000]第28号").contains(&Kind::HalfWidthBrackets));
        assert!(kinds("见[注释]所述").contains(&Kind::HalfWidthBrackets));
        // A citation number and Latin text stay.
        assert!(!kinds("研究表明[1]。").contains(&Kind::HalfWidthBrackets));
        assert!(!kinds("array[2000] in C").contains(&Kind::HalfWidthBrackets));
        assert!(kinds("※ ※ ※").contains(&Kind::DividerSpaces));
        assert!(!kinds("※　※　※").contains(&Kind::DividerSpaces));
    }

    #[test]
    fn unbalanced_marks() {
        assert_eq!(kinds("《中国人大杂志"), vec![Kind::Unclosed('《')]);
        assert_eq!(kinds("中国人大》杂志"), vec![Kind::Unopened('》')]);
        assert_eq!(kinds("“引文"), vec![Kind::Unclosed('“')]);
        assert_eq!(kinds("【工作研究"), vec![Kind::Unclosed('【')]);
        assert_eq!(kinds("（括号"), vec![Kind::Unclosed('（')]);
        assert!(kinds("“甲《乙》丙”（丁）【戊】").is_empty());
        // A quotation over several paragraphs closes only in the last.
        assert!(kinds("“第一段。\n“第二段。”").is_empty());
    }

    #[test]
    fn markdown_code_and_links_stay() {
        let md = "见[链接](http://a.b/c?x=1,2)和`a,b`以及\n\n```\n代码,不改\n```\n";
        assert_eq!(fix(md, Options::MARKDOWN), md);
        assert_eq!(fix("- 列表,项\n", Options::MARKDOWN), "- 列表，项\n");
    }

    #[test]
    fn fixing_twice_changes_nothing() {
        for s in [
            "中-- --国",
            "a,,中",
            "(a(中)b)",
            "中 -- 3",
            "a... 中",
            "中— —国",
            "\"中\" \"a\" \"",
        ] {
            let once = fixed(s);
            assert_eq!(fixed(&once), once, "from {s:?}");
        }
        // Found by the property test: a tab before a Markdown list marker.
        for s in ["\t0) \u{3000}", " * ，", " a\n\n 中"] {
            let once = fix(s, Options::MARKDOWN);
            assert_eq!(fix(&once, Options::MARKDOWN), once, "from {s:?}");
        }
    }
}
