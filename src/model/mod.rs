//! The finished model of an issue: validated, with every article read and split into
//! blocks and every number and date written out as printed. The layout receives it
//! as JSON data (`/model.json` in the Typst world); it never becomes Typst source.

pub(crate) mod numerals;
pub(crate) mod printed;
pub mod style;
pub(crate) mod words;

use std::path::{Path, PathBuf};

use serde::Serialize;
use toml::Spanned;

use crate::error::{Error, InputError, Result};
use crate::input::article::{self, Block};
use crate::input::is_word_file;
use crate::input::issue_file::{self, LoadedIssueFile};
use crate::input::issue_file::{DateStyle, PrintCount};
use crate::input::photo::{self, PhotoFile};
use crate::input::text_input;
use crate::input::text_input::blank_out;
use crate::model::numerals::{
    chinese_date, chinese_month, chinese_number, chinese_numeral_date, chinese_numeral_month,
};
use crate::model::style::Style;
use crate::output::files::{self, MB};

/// Everything the layout needs, and nothing of the input files' shape.
#[derive(Debug, Clone, Serialize)]
pub struct Issue {
    pub bulletin: Bulletin,
    pub issue: IssueLine,
    pub articles: Vec<Article>,
    pub footer: Option<Footer>,
    /// The words the layouts print around the values (`[labels]`).
    pub labels: Labels,
    pub style: Style,
    /// Document metadata.
    pub meta: Meta,
    /// Draft builds carry a watermark text; print builds have none.
    pub draft: Option<String>,
    /// Bleed and colour mode from the print profile (set by the pipeline). The
    /// shipped layouts read it from a file of its own, `/print.json` (see
    /// `typeset::world::LayoutData`); it stays in the model for layouts ejected
    /// before that file existed.
    pub print: crate::output::print::LayoutPrint,
    /// What the editor should know although the issue builds (an encoding guessed,
    /// control characters removed, Markdown that does not print as such), each with
    /// its place. The library never prints; the CLI does.
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// The articles' photos, read and placed; the pipeline encodes them for the
    /// file being made.
    #[serde(skip)]
    pub photos: Vec<PhotoFile>,
    /// The other files the issue's text was read from (the 编者按's `note_file`), for
    /// `watch` and the guard that an output is none of the inputs.
    #[serde(skip)]
    pub read: Vec<PathBuf>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bulletin {
    /// The issuing body over the title (a two-level masthead).
    pub issuer: Option<String>,
    pub title: String,
    /// Where the title may break between words, in characters (the layout sets a long
    /// title on up to `masthead_max_lines` balanced lines); none when the editor wrote
    /// the lines (`\n`).
    pub title_breaks: words::Breaks,
    pub pinyin: Option<String>,
    pub unit: Option<String>,
    /// Top marks, line by line: the copy number (份号), the 密级, then the other marks
    /// (特急, 内部资料 …) on one line.
    pub marks: Vec<String>,
    /// The height of the 领导批示 box under the red rule, in body lines (0: none).
    pub instruction_lines: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct IssueLine {
    pub number: Option<u32>,
    pub total: Option<u32>,
    /// 第19期, 增刊第1期, or the label as written (〔第三期〕); none without a number.
    pub number_text: Option<String>,
    /// （总第五百六十三期）, with its brackets (not with a label).
    pub total_text: Option<String>,
    /// 2018年7月4日, 二〇一八年七月四日, with the suffix (印发); none without a date.
    pub date_text: Option<String>,
    /// The date, when there is one: (year, month, day).
    #[serde(skip)]
    pub date: Option<(i32, u8, u8)>,
    /// 本期要目 under the masthead.
    pub contents: bool,
    /// The issue's 编者按.
    pub note: Option<Note>,
}

/// Words printed around a value: `【{}】` is `before` 【 and `after` 】.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Affix {
    pub before: String,
    pub after: String,
}

impl Affix {
    fn new(before: &str, after: &str) -> Self {
        Affix {
            before: before.to_owned(),
            after: after.to_owned(),
        }
    }

    /// The value with its words around it.
    pub fn wrap(&self, value: &str) -> String {
        format!("{}{value}{}", self.before, self.after)
    }

    /// The value without the words, when the editor typed them too: `【一线传真】`
    /// for a column, `（市局供稿）` for a byline, `报：` for a list's label, each of
    /// which printed doubled (【【一线传真】】). A half-width `:` `(` `)` counts as
    /// its full-width mark.
    pub fn bare(&self, value: String) -> String {
        let wide = |c: char| match c {
            ':' => '：',
            '(' => '（',
            ')' => '）',
            c => c,
        };
        let v = value.trim();
        let chars: Vec<char> = v.chars().map(wide).collect();
        let before: Vec<char> = self.before.chars().collect();
        let after: Vec<char> = self.after.chars().collect();
        let (b, a, n) = (before.len(), after.len(), chars.len());
        let starts = b > 0 && n > b && chars[..b] == before[..];
        let ends = a > 0 && n > a && chars[n - a..] == after[..];
        // Words on both sides are taken off as a pair, and only when the pair typed
        // encloses the whole value: `党委办公室（党委宣传部）` ends with the byline's
        // `）` but is not in brackets, and lost its own closing bracket (QA13 A 03).
        // One side typed alone is taken off when the rest holds nothing of the other
        // side (`（综合处`), and kept with it (`（综合处）供稿`).
        let holds =
            |part: &[char], words: &[char]| part.windows(words.len().max(1)).any(|w| w == words);
        let (from, to) =
            if starts && ends && n >= a + b && encloses(&chars[b..n - a], &before, &after) {
                (b, n - a)
            } else if starts && (a == 0 || !holds(&chars[b..], &after)) {
                (b, n)
            } else if ends && (b == 0 || !holds(&chars[..n - a], &before)) {
                (0, n - a)
            } else {
                (0, n)
            };
        if from >= to {
            return value;
        }
        v.chars().skip(from).take(to - from).collect()
    }

    /// The words alone (for the font check), without the value.
    pub fn words(&self) -> String {
        format!("{}{}", self.before, self.after)
    }
}

/// Whether `inner`, between an opening `before` and a closing `after` typed around it,
/// leaves that pair enclosing it all: no bracket of the pair inside closes the first.
fn encloses(inner: &[char], before: &[char], after: &[char]) -> bool {
    let (&[open], &[close]) = (before, after) else {
        return true;
    };
    let mut depth = 0usize;
    for &c in inner {
        if c == open {
            depth += 1;
        } else if c == close {
            match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            }
        }
    }
    depth == 0
}

/// The words the layouts print around the values: every one of them is here, so a
/// layout prints only what the model gives it (`[labels]` in the issue file).
#[derive(Debug, Clone, Hash, Serialize)]
pub struct Labels {
    /// 本期要目.
    pub contents: String,
    /// The 领导批示 box's label.
    pub instruction: String,
    /// After a note's label: `{}：`.
    pub note: Affix,
    /// Around a column label: `【{}】`.
    pub column: Affix,
    /// Around a byline: `（{}）`.
    pub byline: Affix,
    /// After a distribution list's label: `{}：`.
    pub distribution: Affix,
    /// `责任编辑：{}`.
    pub editors: Affix,
    /// `联系方式：{}`.
    pub contact: Affix,
    /// `地址：{}`, after the phone and e-mail.
    pub address: Affix,
    /// `批准文号：{}`.
    pub approval: Affix,
    /// `共印{}份`.
    pub print_count: Affix,
    /// `— {} —`.
    pub page_number: Affix,
    /// 按语 (the model puts it in the article's [`Note`]).
    #[serde(skip)]
    pub article_note: String,
    /// `第{}期`, `增刊第{}期`, `（总第{}期）` (the model makes the issue line with them).
    #[serde(skip)]
    pub number: Affix,
    #[serde(skip)]
    pub supplement: Affix,
    #[serde(skip)]
    pub total: Affix,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            contents: "本期要目".to_owned(),
            instruction: "领导批示：".to_owned(),
            note: Affix::new("", "："),
            column: Affix::new("【", "】"),
            byline: Affix::new("（", "）"),
            distribution: Affix::new("", "："),
            editors: Affix::new("责任编辑：", ""),
            contact: Affix::new("联系方式：", ""),
            address: Affix::new("地址：", ""),
            approval: Affix::new("批准文号：", ""),
            print_count: Affix::new("共印", "份"),
            page_number: Affix::new("— ", " —"),
            article_note: "按语".to_owned(),
            number: Affix::new("第", "期"),
            supplement: Affix::new("增刊第", "期"),
            total: Affix::new("（总第", "期）"),
        }
    }
}

impl Labels {
    /// The issue line as printed, in two parts: 第N期 (增刊第N期 for a supplement, or
    /// the label as written), and （总第…期） in Chinese numerals beside a number (a
    /// label is printed as written, with nothing beside it).
    pub(crate) fn issue_line(
        &self,
        label: Option<&str>,
        number: Option<u32>,
        supplement: bool,
        total: Option<u32>,
    ) -> (Option<String>, Option<String>) {
        let number_text = match (label, number) {
            (Some(l), _) => Some(l.to_owned()),
            (None, Some(n)) if supplement => Some(self.supplement.wrap(&n.to_string())),
            (None, Some(n)) => Some(self.number.wrap(&n.to_string())),
            (None, None) => None,
        };
        let total_text = total
            .filter(|_| label.is_none() && number_text.is_some())
            .map(|t| self.total.wrap(&chinese_number(u64::from(t))));
        (number_text, total_text)
    }

    /// The defaults with the issue file's `[labels]` over them; a pattern must hold
    /// `{}` once.
    /// The labels of the issue file; `{year}` in the issue line's (`number`,
    /// `supplement`) is the year of the issue's date, so that a series file's
    /// `number = "{year}年第{}期"` serves every year.
    pub(crate) fn read(loaded: &LoadedIssueFile, year: Option<i32>) -> Result<Labels> {
        let f = &loaded.file.labels;
        let mut l = Labels::default();
        let plain = |s: &Option<Spanned<String>>, into: &mut String| -> Result<()> {
            if let Some(s) = s {
                let v = s.get_ref();
                if v.chars().any(is_control) || v.chars().count() > MAX_DISPLAY_CHARS {
                    return Err(loaded
                        .error_at(s.span(), "a label is one short line of text / 标签应为一行短文字")
                        .help("write the words as they should print, e.g. contents = \"本期目录\" / 按应印出的样子填写")
                        .into());
                }
                *into = v.clone();
            }
            Ok(())
        };
        let pattern = |s: &Option<Spanned<String>>, into: &mut Affix| -> Result<()> {
            if let Some(s) = s {
                let v = s.get_ref();
                let mut parts = v.split("{}");
                match (parts.next(), parts.next(), parts.next()) {
                    (Some(b), Some(a), None)
                        if !v.chars().any(is_control) && v.chars().count() <= MAX_DISPLAY_CHARS =>
                    {
                        *into = Affix::new(b, a)
                    }
                    _ => {
                        return Err(loaded
                            .error_at(
                                s.span(),
                                format!("the label \"{v}\" must hold {{}} once, where the value goes / 标签中须有且只有一个 {{}}，表示填入内容的位置"),
                            )
                            .help("e.g. editors = \"本期编辑：{}\" or column = \"〔{}〕\" / 例如 editors = \"本期编辑：{}\"")
                            .into());
                    }
                }
            }
            Ok(())
        };
        plain(&f.contents, &mut l.contents)?;
        plain(&f.instruction, &mut l.instruction)?;
        plain(&f.article_note, &mut l.article_note)?;
        pattern(&f.note, &mut l.note)?;
        pattern(&f.column, &mut l.column)?;
        pattern(&f.byline, &mut l.byline)?;
        pattern(&f.number, &mut l.number)?;
        pattern(&f.supplement, &mut l.supplement)?;
        for (s, into) in [
            (&f.number, &mut l.number),
            (&f.supplement, &mut l.supplement),
        ] {
            let Some(s) = s.as_ref().filter(|s| s.get_ref().contains("{year}")) else {
                continue;
            };
            let Some(y) = year else {
                return Err(loaded
                    .error_at(s.span(), "the label takes {year} from the issue's date, and the issue has no date / 标签中的 {year} 取自本期日期，但本期没有日期")
                    .help("give the issue its date (date = 2026-03-05), or write the year into the label / 请填写本期日期，或在标签中直接写出年份")
                    .into());
            };
            into.before = into.before.replace("{year}", &y.to_string());
            into.after = into.after.replace("{year}", &y.to_string());
        }
        pattern(&f.total, &mut l.total)?;
        pattern(&f.distribution, &mut l.distribution)?;
        pattern(&f.editors, &mut l.editors)?;
        pattern(&f.contact, &mut l.contact)?;
        pattern(&f.address, &mut l.address)?;
        pattern(&f.approval, &mut l.approval)?;
        pattern(&f.print_count, &mut l.print_count)?;
        pattern(&f.page_number, &mut l.page_number)?;
        Ok(l)
    }
}

/// A 编者按 / 按语: its label and its paragraphs.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub label: String,
    pub blocks: Vec<Block>,
}

impl Note {
    /// A note with its label; a label typed again at the start of its text (编者按：……,
    /// as it is pasted from the Word draft) is taken out, said in `warnings` with
    /// `place`: the layout prints the label, and it printed twice (编者按：编者按：).
    fn new(label: String, mut blocks: Vec<Block>, place: &str, warnings: &mut Vec<String>) -> Note {
        let labels = [
            label.as_str(),
            "编者按",
            "按语",
            "编者的话",
            "编者注",
            "编后",
        ];
        if let Some(Block::Paragraph { inlines }) = blocks.first_mut()
            && let Some(first) = inlines.first_mut()
            && let Some((typed, rest)) = typed_label(&first.text, &labels)
        {
            warnings.push(format!(
                "{place}: the note opens with «{typed}», which the layout prints before it: printed once / 按语开头的«{typed}»已由版式排出，不再重复"
            ));
            first.text = rest.to_owned();
            first.src = None;
            if first.text.is_empty() {
                inlines.remove(0);
            }
        }
        Note { label, blocks }
    }
}

/// A note's label typed at the start of its text (编者按： or 【编者按】), and the text
/// after it.
fn typed_label<'a>(text: &'a str, labels: &[&str]) -> Option<(&'a str, &'a str)> {
    let t = text.trim_start();
    labels.iter().filter(|l| !l.is_empty()).find_map(|l| {
        let (open, rest) = match t.strip_prefix('【') {
            Some(r) => (true, r),
            None => (false, t),
        };
        let rest = rest.strip_prefix(l)?;
        let rest = if open {
            rest.strip_prefix('】')?
        } else {
            rest
        };
        let rest = match rest.strip_prefix(['：', ':']) {
            Some(r) => r,
            None if open => rest,
            None => return None,
        };
        let rest = rest.trim_start();
        Some((t[..t.len() - rest.len()].trim_end(), rest))
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub column: Option<String>,
    /// Title lines (a `\n` in the issue file breaks the title); none: untitled.
    pub title: Vec<String>,
    /// Where each title line may break when it is too long for one line: offsets in
    /// characters, between words, and inside a long quotation only if it must
    /// (`words::breaks`).
    pub title_breaks: Vec<words::Breaks>,
    /// The article's 按语, before its body.
    pub note: Option<Note>,
    pub subtitle: Option<String>,
    /// Where the subtitle may break, as `title_breaks`.
    pub subtitle_breaks: words::Breaks,
    /// Its entry in 本期要目: `contents_title`, else the title on one line; none: not
    /// listed (an untitled article without one, or one with `in_contents = false`).
    pub contents_entry: Option<String>,
    /// Where the contents entry may break, as `title_breaks`: an entry that runs on
    /// breaks between words (AI+教 / 育 broke inside one).
    pub contents_breaks: words::Breaks,
    /// The author line under the title (`[[article]] author`).
    pub author: Option<String>,
    pub byline: Option<String>,
    /// Where the byline as printed (in its brackets, counted from the opening one) may
    /// break, between its units (`words::unit_breaks`): a long one is never broken
    /// inside a unit's name.
    pub byline_units: Vec<usize>,
    pub blocks: Vec<Block>,
    /// The article file, for messages.
    #[serde(skip)]
    pub path: PathBuf,
    /// The article file's text, for messages (a Word file's: its Markdown).
    #[serde(skip)]
    pub source: String,
    /// A Word file's paragraphs: where each begins in `source` (see
    /// `input::docx::Converted::paragraphs`); empty for text and Markdown files.
    #[serde(skip)]
    pub paragraphs: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Footer {
    pub distribution: Vec<Distribution>,
    /// A one-off line (本期增发：市消防救援支队、市气象局…).
    pub extra: Option<String>,
    /// `extra`'s label with its colon (本期增发：) when it is a list of units after one.
    pub extra_label: Option<String>,
    /// Where `extra`'s list after its label (本期增发：) may break, between its units
    /// (`words::unit_breaks`), in characters of the list; empty when it has no label.
    pub extra_units: Vec<usize>,
    pub editors: Vec<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub approval: Option<String>,
    /// 500 or 2,065, as printed in 共印…份.
    pub print_count: Option<String>,
    pub print_count_placement: crate::input::issue_file::Placement,
    /// GB/T 9704's 版记 line: the issuing office at the left, ……印发 at the right.
    pub issued_by: Option<String>,
    pub issued_on: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Distribution {
    pub label: String,
    pub recipients: Vec<String>,
    /// Where each recipient line may break: between its units only
    /// (`words::unit_breaks`), in characters.
    pub units: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// 联络动态 2018年第19期
    pub title: String,
    pub author: String,
    pub subject: String,
}

/// Reads an issue file and everything it points to, and builds the model.
pub fn load(path: &Path) -> Result<(Issue, LoadedIssueFile)> {
    let loaded = issue_file::load(path)?;
    let issue = build(&loaded)?;
    Ok((issue, loaded))
}

/// Builds the model from a parsed issue file, reading the article files.
pub fn build(loaded: &LoadedIssueFile) -> Result<Issue> {
    let f = &loaded.file;
    let text = |s: &Spanned<String>, what: &str| -> Result<String> {
        let v = s.get_ref().trim();
        if let Some(c) = v.chars().find(|&c| is_control(c)) {
            return Err(loaded
                .error_at(
                    s.span(),
                    format!(
                        "{what} contains the control character U+{:04X}, which does not print / {what} 含有不可打印的控制字符 U+{:04X}",
                        c as u32, c as u32
                    ),
                )
                .help("remove it (it may be an escape such as \\u0000 or \\t, or an invisible character pasted in) / 请删除该字符（可能是 \\u0000 之类的转义，或粘贴进来的不可见字符）")
                .into());
        }
        if v.is_empty() {
            return Err(loaded
                .error_at(s.span(), format!("{what} is empty / {what} 不能为空"))
                .help("write the text between the quotes / 在引号中填写内容")
                .into());
        }
        Ok(v.to_owned())
    };
    // A display line (a title, a label, a byline) is a line or two, never a text: one
    // of hundreds of characters is an article pasted into the wrong place, and would
    // cost minutes of layout before it showed as a wall of centred text.
    let line = |s: &Spanned<String>, what: &str| -> Result<String> {
        let v = text(s, what)?;
        let n = v.chars().count();
        if n > MAX_DISPLAY_CHARS {
            return Err(loaded
                .error_at(
                    s.span(),
                    format!(
                        "{what} has {n} characters; a title or label has at most {MAX_DISPLAY_CHARS} / {what} 有 {n} 个字，标题类文字最多 {MAX_DISPLAY_CHARS} 字"
                    ),
                )
                .help("is the article's text in the title? put the text in the article file and keep a short title here / 是否把正文填进了标题？正文请放在文章文件中")
                .into());
        }
        Ok(v)
    };
    let opt_line = |s: &Option<Spanned<String>>, what: &str| -> Result<Option<String>> {
        s.as_ref().map(|s| line(s, what)).transpose()
    };
    let opt = |s: &Option<Spanned<String>>, what: &str| -> Result<Option<String>> {
        s.as_ref().map(|s| text(s, what)).transpose()
    };

    let mut warnings = Vec::new();
    let mut problems = f.style.problems();
    if let Some(p) = f.print.red.as_ref().and_then(|c| c.problem()) {
        problems.push(crate::model::style::StyleProblem {
            key: vec!["print", "red"],
            message: p,
            help: crate::model::style::CMYK_HELP.to_owned(),
        });
    }
    if !problems.is_empty() {
        return Err(Error::Many(
            problems
                .into_iter()
                .map(|p| {
                    loaded
                        .error_at(loaded.span_of(&p.key), p.message)
                        .help(p.help)
                })
                .collect(),
        ));
    }

    let date = match &f.issue.date {
        None => None,
        Some(d) => Some(toml_date(loaded, d)?),
    };
    let number = f.issue.number.as_ref().map(|n| *n.get_ref());
    if let (Some(0), Some(n)) = (number, &f.issue.number) {
        return Err(loaded
            .error_at(n.span(), "the issue number must be 1 or more / 期号须从 1 开始")
            .help("write this issue's number within the year: number = 19 / 填写本期在本年度的期号，如 number = 19")
            .into());
    }
    if let Some(t) = f.issue.total.as_ref().filter(|t| *t.get_ref() == 0) {
        return Err(loaded
            .error_at(
                t.span(),
                "the cumulative number must be 1 or more / 总期号须从 1 开始",
            )
            .help(
                "write the cumulative number (总第N期), or remove the key / 填写总期号，或删除此键",
            )
            .into());
    }
    let total = f.issue.total.as_ref().map(|t| *t.get_ref());
    let labels = Labels::read(loaded, date.map(|(y, _, _)| y))?;
    let label = opt_line(&f.issue.label, "issue.label")?;
    if f.issue.supplement && number.is_none() && label.is_none() {
        return Err(loaded
            .error_at(
                loaded.span_of(&["issue", "supplement"]),
                "supplement = true, but no number: the issue line (增刊第N期) would not print / 增刊没有期号，期号行不会排出",
            )
            .help("add number = N (增刊第N期), or write the line as it should print: label = \"增刊\" / 请加 number = N，或写 label = \"增刊\"")
            .into());
    }
    // A label prints as written: 增刊 is the label's to say.
    if f.issue.supplement && label.as_deref().is_some_and(|l| !l.contains("增刊")) {
        warnings.push(loaded.note_at(
            loaded.span_of(&["issue", "supplement"]),
            "supplement = true, but the issue line is the label, printed as written without 增刊: write it into the label (label = \"增刊〔第三期〕\"), or give number = N instead of the label (增刊第N期) / 期号行按 label 原样排出，没有“增刊”：请把“增刊”写进 label，或改用 number = N",
        ));
    }
    // No number and no date: a bulletin prints both, and an issue file without them is
    // almost always one copied from a template and not filled in.
    if number.is_none() && label.is_none() && date.is_none() {
        warnings.push(loaded.note_at(
            loaded.span_of(&["issue"]),
            "this issue has no number and no date: page 1 prints neither 第N期 nor a date; give number = N and date = YYYY-MM-DD under [issue] (or label = \"…\" for an issue line as written) / 本期没有期号和日期：请在 [issue] 下填写 number 和 date",
        ));
    }
    let (number_text, total_text) =
        labels.issue_line(label.as_deref(), number, f.issue.supplement, total);
    let date_text = date.map(|(y, m, d)| {
        let text = match f.issue.date_style {
            DateStyle::Arabic => chinese_date(y, m, d),
            DateStyle::Chinese => chinese_numeral_date(y, m, d),
            DateStyle::Month => chinese_month(y, m),
            DateStyle::ChineseMonth => chinese_numeral_month(y, m),
        };
        text + &f
            .issue
            .date_suffix
            .as_ref()
            .map_or(String::new(), |s| date_suffix(s.get_ref()))
    });
    if let Some(s) = &f.issue.date_suffix {
        text(s, "issue.date_suffix")?;
        // Words after a date the issue does not print: said, not dropped (QA9: a
        // 大会简报's hour went unprinted, unsaid).
        if date.is_none() && !s.get_ref().trim().is_empty() {
            warnings.push(loaded.note_at(
                s.span(),
                &format!(
                    "date_suffix «{}» is not printed: it follows the date, and the issue has none; give date = YYYY-MM-DD, or delete the line / 本期没有日期，date_suffix 不会印出",
                    s.get_ref().trim()
                ),
            ));
        }
    }
    // `note_label = ""`: a 编者按 printed without a label (only its 楷体 sets it apart).
    let note_label = |l: &Option<Spanned<String>>| -> Result<String> {
        match l {
            Some(s) if s.get_ref().trim().is_empty() => Ok(String::new()),
            _ => Ok(opt_line(l, "note_label")?.unwrap_or_else(|| "编者按".to_owned())),
        }
    };
    let mut note_files = Vec::new();
    let issue_note = match (&f.issue.note, &f.issue.note_file) {
        (Some(n), _) => Some(Note::new(
            note_label(&f.issue.note_label)?,
            note_blocks(&text(n, "issue.note")?),
            &format!("{}: [issue] note", loaded.path.display()),
            &mut warnings,
        )),
        (None, Some(file)) => {
            let (path, bytes) = read_article(loaded, file)?;
            note_files.push(path.clone());
            let blocks = match is_word_file(&path) {
                // A 编者按 written in Word is read as an article's Word file is (it was
                // refused as no text file, with advice to name it .docx, which it was:
                // QA18 M 02); its pictures are not printed, and that is said.
                true => {
                    let converted = read_word(loaded, file, &path, &bytes)?;
                    warnings.extend(
                        converted
                            .warnings
                            .iter()
                            .map(|w| format!("{}: {w}", path.display())),
                    );
                    if !converted.images.is_empty() {
                        warnings.push(format!(
                            "{}: the note's {} picture(s) are not printed: a 编者按 is text; put a photo in an article / 编者按中的图片不排出，图片请放在文章中",
                            path.display(),
                            converted.images.len()
                        ));
                    }
                    let md = article::parse_markdown(&converted.markdown, true);
                    md.blocks
                        .into_iter()
                        .filter(|b| !matches!(b, Block::Image(_)))
                        .collect()
                }
                false => {
                    let decoded = text_input::decode(&path, &bytes)?;
                    warnings.extend(decoded.note(&path));
                    let source = strip_controls(&path, decoded.text, &mut warnings);
                    parse_blocks(&path, &source, true, &mut warnings)
                }
            };
            Some(Note::new(
                note_label(&f.issue.note_label)?,
                blocks.into_iter().map(Block::into_plain).collect(),
                &path.display().to_string(),
                &mut warnings,
            ))
        }
        (None, None) => None,
    };

    let bulletin = Bulletin {
        issuer: opt_line(&f.bulletin.issuer, "bulletin.issuer")?,
        title: line(&f.bulletin.title, "bulletin.title")?,
        title_breaks: {
            let t = f.bulletin.title.get_ref();
            if t.contains('\n') {
                words::Breaks::default()
            } else {
                words::breaks(t.trim())
            }
        },
        pinyin: opt(&f.bulletin.pinyin, "bulletin.pinyin")?,
        unit: opt(&f.bulletin.unit, "bulletin.unit")?,
        // GB/T 9704 7.2: the 份号, the 密级 and the 紧急程度 (特急, 加急) each on a line
        // of their own, in that order; the other marks (内部资料) with the last. A 份号
        // in figures has six of them (000086).
        marks: {
            let copy = f
                .bulletin
                .copy_number
                .iter()
                .map(|m| {
                    let n = text(m, "bulletin.copy_number")?;
                    Ok(if n.len() < 6 && n.chars().all(|c| c.is_ascii_digit()) {
                        format!("{n:0>6}")
                    } else {
                        n
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let secrecy = f
                .bulletin
                .secrecy
                .iter()
                .map(|m| text(m, "bulletin.secrecy"))
                .collect::<Result<Vec<_>>>()?;
            let rest = f
                .bulletin
                .marks
                .iter()
                .map(|m| text(m, "bulletin.marks"))
                .collect::<Result<Vec<_>>>()?;
            copy.into_iter()
                .chain(secrecy)
                .chain((!rest.is_empty()).then(|| rest.join("　")))
                .collect()
        },
        instruction_lines: match &f.bulletin.instruction_lines {
            Some(n) if *n.get_ref() > 20 => {
                return Err(loaded
                    .error_at(
                        n.span(),
                        "the 领导批示 box would take more than 20 lines of page 1 / 领导批示栏超过 20 行",
                    )
                    .help("write instruction_lines = 4 to 8, as 信息专报 leave / 一般为 4 到 8 行")
                    .into());
            }
            Some(n) => *n.get_ref(),
            None => 0,
        },
    };

    if f.articles.is_empty() {
        // The series file `new` writes (what every issue shares), built as an issue: its
        // issues are named, not [[article]] added to it, which every later issue then
        // took up (QA14 F 07).
        let mut below: Vec<PathBuf> = std::fs::read_dir(loaded.base_dir())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path().join("issue.toml"))
            .filter(|p| p.is_file())
            .collect();
        below.sort();
        if loaded.path.file_name().is_some_and(|n| n == "series.toml")
            || (f.issue.number.is_none() && !below.is_empty())
        {
            let help = match below.last().map(|p| p.display()) {
                Some(last) => format!(
                    "build an issue of the bulletin, e.g. jianbao build {last}; add its articles to that issue's file, not to this one / 请构建某一期的期刊文件（如 {last}），文章写在该期的文件中"
                ),
                None => "build an issue file (one with [issue] and its [[article]]s, which names this file as its series = \"…\"); add articles there, not here / 请构建某一期的期刊文件，文章写在该期的文件中".to_owned(),
            };
            return Err(InputError::at(
                &loaded.path,
                &loaded.text,
                0..0,
                "this is the series file of a bulletin (what every issue shares: the masthead, the 报尾), not an issue / 这是整套简报的公共设置文件，不是某一期",
            )
            .help(help)
            .into());
        }
        return Err(InputError::at(
            &loaded.path,
            &loaded.text,
            0..0,
            "the issue has no articles / 本期没有文章",
        )
        .help("add at least one [[article]] table with its file (and its title, if it has one; see examples/issue.toml) / 请至少添加一篇 [[article]]，写明 file（有标题时写 title）")
        .into());
    }
    let head = PastedHead {
        title: squash(f.bulletin.title.get_ref()),
        unit: f.bulletin.unit.as_ref().map(|u| squash(u.get_ref())),
        footer: f.footer.is_some(),
    };
    let mut articles: Vec<Article> = Vec::with_capacity(f.articles.len());
    let mut photos: Vec<PhotoFile> = Vec::new();
    let limits = &f.limits;
    let mut total_bytes = 0u64;
    let mut read: Vec<(PathBuf, &Spanned<String>)> = Vec::new();
    // Each article's words, run together (for the same text twice).
    let mut texts: Vec<String> = Vec::new();
    for entry in &f.articles {
        let (path, bytes) = read_article(loaded, &entry.file)?;
        // One file under two [[article]]s (a table copied and its file not changed):
        // the text printed twice, under two titles.
        let same = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if let Some((_, first)) = read.iter().find(|(p, _)| *p == same) {
            let (_, text, span) = loaded.source_of(first.span());
            let (line, _) = crate::error::line_col(text, span.start);
            return Err(loaded
                .error_at(
                    entry.file.span(),
                    format!(
                        "{} is the file of an article already (line {line}): its text would print twice / 该文件已是前面一篇文章（第 {line} 行）的文件，正文会重复排出",
                        entry.file.get_ref()
                    ),
                )
                .help("give this article its own file / 请为这篇文章指定它自己的文件")
                .into());
        }
        read.push((same, &entry.file));
        if !is_word_file(&path) {
            total_bytes += bytes.len() as u64;
        }
        if total_bytes > limits.issue_mb * MB {
            return Err(loaded
                .error_at(
                    entry.file.span(),
                    format!(
                        "the articles up to this one are {} MB together, more than the limit of {} MB / 文章总量超过 {} MB 的上限",
                        total_bytes.div_ceil(MB),
                        limits.issue_mb,
                        limits.issue_mb
                    ),
                )
                .help("check that every file is the right one; if they are, raise the limit: [limits] issue_mb = N / 请确认文件无误；如确需更大，设置 [limits] issue_mb = N")
                .into());
        }
        let mut paragraphs = Vec::new();
        let (source, mut blocks) = match is_word_file(&path) {
            true => {
                let mut converted = read_word(loaded, &entry.file, &path, &bytes)?;
                paragraphs = std::mem::take(&mut converted.paragraphs);
                word_blocks(
                    &path,
                    converted,
                    &paragraphs,
                    entry,
                    &labels,
                    &head,
                    &mut warnings,
                )
            }
            false => {
                let decoded = text_input::decode(&path, &bytes)?;
                warnings.extend(decoded.note(&path));
                // A name that says no kind we read (a.docs, 稿件.doc1): read as plain
                // text, unsaid (QA15 H 04).
                if !crate::input::is_text_name(&path) {
                    warnings.push(format!(
                        "{}: a name that does not end in .txt, .md or .docx: it was read as plain text (each line a paragraph); if it is a Word file, name it .docx (.doc, .wps) / 文件扩展名不是 .txt、.md 或 .docx，已按纯文本读取；如为 Word 文件，请改名为 .docx",
                        path.display()
                    ));
                }
                let (source, blocks, said) =
                    text_article(&path, &decoded.text, entry, &labels, &head);
                warnings.extend(said);
                (source, blocks)
            }
        };
        // The photos in a row with others (`beside`): placed anew below, with their
        // resolution's warning.
        let in_row: Vec<bool> = (0..blocks.len())
            .map(|i| {
                matches!(&blocks[i], Block::Image(p) if p.beside)
                    || article::row_end(&blocks, i) > i + 1
            })
            .collect();
        for (b, &in_row) in blocks.iter_mut().zip(&in_row) {
            match b {
                Block::Divider { inlines } => {
                    *inlines = vec![article::Inline {
                        text: f.style.divider.clone(),
                        strong: false,
                        emph: false,
                        sup: false,
                        sub: false,
                        src: None,
                    }];
                }
                // Where a quotation's source may break: between its words.
                Block::Quote { inlines, breaks } => {
                    if let [run] = inlines.as_slice()
                        && run.text.starts_with("——")
                    {
                        *breaks = Some(words::breaks(&run.text));
                    }
                }
                // Where each cell may break: between its words (市城市 / 管理局).
                Block::Table(t) => {
                    t.breaks = std::iter::once(&t.header)
                        .chain(&t.rows)
                        .map(|row| {
                            row.iter()
                                .map(|c| match c.as_slice() {
                                    [run] => words::cell_breaks(&run.text),
                                    _ => words::Breaks::default(),
                                })
                                .collect()
                        })
                        .collect();
                }
                Block::Image(p) => {
                    let place = Place {
                        loaded,
                        path: &path,
                        source: &source,
                        paragraphs: &paragraphs,
                    };
                    match load_photo(&place, p, &f.style, photos.len() + 1) {
                        Ok((file, warning)) => {
                            if let Some(w) = warning.as_ref().filter(|_| !in_row) {
                                warnings.push(place.note(p.offset, w));
                            }
                            photos.push(file);
                        }
                        // A picture inside a Word file that cannot be printed (an
                        // EMF or WMF drawing, a TIFF) is the contributor's, not the
                        // editor's: a warning, and the rest of the article prints.
                        Err(e) if p.data.is_some() => {
                            warnings.push(place.note(p.offset, &unprintable_picture(p, &e)));
                            p.file.clear();
                        }
                        Err(e) => return Err(e),
                    }
                }
                _ => {}
            }
        }
        // Pictures left out (above) leave no block behind.
        blocks.retain(|b| !matches!(b, Block::Image(p) if p.file.is_empty()));
        let place = Place {
            loaded,
            path: &path,
            source: &source,
            paragraphs: &paragraphs,
        };
        for (offset, w) in place_rows(&mut blocks, &mut photos, &f.style) {
            warnings.push(place.note(offset, &w));
        }
        // No text, or only the title or byline the issue file gives (its text not
        // pasted yet: it printed the line twice, QA14 F 01).
        let p = path.display();
        let no_text = match only_repeats(&blocks, entry) {
            _ if blocks.is_empty() => Some((
                format!("article file {p} has no text / 文章文件 {p} 没有正文"),
                "paste the article's text into the file, or remove this [[article]] / 请把正文粘贴进该文件，或删除这一篇 [[article]]",
            )),
            Some(what) => Some((
                format!(
                    "article file {p} holds only the article's {what}, which the issue file gives too: its text is not in it / 文章文件 {p} 只有标题或署名，没有正文"
                ),
                "paste the article's text into the file under its title (the text not pasted yet, or the wrong file named), or remove this [[article]] / 请把正文粘贴进该文件，或检查是否写错了文件名",
            )),
            None => None,
        };
        if let Some((message, help)) = no_text {
            return Err(loaded
                .error_at(entry.file.span(), message)
                .help(help)
                .into());
        }
        let title: Vec<String> = opt_line(&entry.title, "article.title")?
            .unwrap_or_default()
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        let subtitle = opt_line(&entry.subtitle, "article.subtitle")?;
        let contents_entry = opt_line(&entry.contents_title, "article.contents_title")?
            .or_else(|| (!title.is_empty()).then(|| title.concat()))
            .filter(|_| entry.in_contents);
        let note = entry
            .note
            .as_ref()
            .map(|n| -> Result<Note> {
                Ok(Note::new(
                    labels.article_note.clone(),
                    note_blocks(&text(n, "article.note")?),
                    &format!(
                        "{}: the note of «{}»",
                        loaded.path.display(),
                        title.concat()
                    ),
                    &mut warnings,
                ))
            })
            .transpose()?;
        let byline = opt_line(&entry.byline, "article.byline")?.map(|b| labels.byline.bare(b));
        // The same text as an article before it, from another file (a draft and its
        // final copy both named): it printed twice, unsaid (QA14 F 10).
        let text_words = squash(
            &blocks
                .iter()
                .flat_map(|b| b.all_inlines())
                .map(|i| i.text.as_str())
                .collect::<String>(),
        );
        if text_words.chars().count() >= 20
            && let Some(k) = texts.iter().position(|t| *t == text_words)
            && let Some(earlier) = articles.get(k)
        {
            warnings.push(format!(
                "{}: the text of {} is the text of {} (the article «{}») word for word: it prints twice; if one of them is a draft of the other, remove its [[article]] / 两篇文章正文完全相同，会重复排出：如其中一篇是另一篇的草稿，请删去其 [[article]]",
                loaded.path.display(),
                entry.file.get_ref(),
                earlier.path.display(),
                earlier.title.concat()
            ));
        }
        texts.push(text_words);
        articles.push(Article {
            column: opt_line(&entry.column, "article.column")?.map(|c| labels.column.bare(c)),
            title_breaks: title.iter().map(|l| words::breaks(l)).collect(),
            contents_breaks: contents_entry
                .as_deref()
                .map(words::breaks)
                .unwrap_or_default(),
            contents_entry,
            subtitle_breaks: subtitle.as_deref().map(words::breaks).unwrap_or_default(),
            title,
            note,
            subtitle,
            author: opt_line(&entry.author, "article.author")?,
            // The breaks of the units inside the brackets, which as a whole they
            // would hide (a bracket keeps its inside together).
            byline_units: byline
                .as_deref()
                .map(|b| {
                    let lead = labels.byline.before.chars().count();
                    words::unit_breaks(b)
                        .into_iter()
                        .map(|k| k + lead)
                        .collect()
                })
                .unwrap_or_default(),
            byline,
            blocks,
            path,
            source,
            paragraphs,
        });
    }

    let footer = match &f.footer {
        None => None,
        Some(ft) => Some({
            let extra = opt(&ft.extra, "footer.extra")?;
            // 本期增发：… with a label of a few characters before its colon: a list,
            // its label with the colon and where the list after it may break.
            let (extra_label, extra_units) = extra
                .as_deref()
                .and_then(|e| {
                    let at = e.find(['：', ':'])?;
                    let (label, list) = e.split_at(at + e[at..].chars().next()?.len_utf8());
                    (label.chars().count() <= 9)
                        .then(|| (Some(label.to_owned()), words::unit_breaks(list)))
                })
                .unwrap_or_default();
            Footer {
            distribution: ft
                .distribution
                .iter()
                .map(|d| {
                    if d.recipients.is_empty() {
                        return Err(loaded
                            .error_at(
                                d.label.span(),
                                format!(
                                    "the list «{}» has no recipients: it would print a bare «{}：» / 该分送栏没有单位",
                                    d.label.get_ref(),
                                    d.label.get_ref()
                                ),
                            )
                            .help("write its recipients (recipients = [\"各有关单位\"]), or remove this [[footer.distribution]] / 请填写分送单位，或删除这一栏")
                            .into());
                    }
                    let each = d
                        .recipients
                        .iter()
                        .map(|r| text(r, "footer.distribution.recipients"))
                        .collect::<Result<Vec<_>>>()?;
                    // Run on: one entry, which the layout wraps after the colon.
                    let recipients = match &d.join {
                        Some(j) => vec![each.join(j.get_ref().as_str())],
                        None => each,
                    };
                    Ok(Distribution {
                        label: labels
                            .distribution
                            .bare(text(&d.label, "footer.distribution.label")?),
                        units: recipients.iter().map(|r| words::unit_breaks(r)).collect(),
                        recipients,
                    })
                })
                .collect::<Result<_>>()?,
            extra,
            extra_label,
            extra_units,
            editors: ft
                .editors
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let e = text(e, "footer.editors")?;
                    Ok(if i == 0 { labels.editors.bare(e) } else { e })
                })
                .collect::<Result<_>>()?,
            phone: opt(
                &ft.contact.as_ref().and_then(|c| c.phone.clone()),
                "footer.contact.phone",
            )?,
            email: opt(
                &ft.contact.as_ref().and_then(|c| c.email.clone()),
                "footer.contact.email",
            )?,
            address: opt(
                &ft.contact.as_ref().and_then(|c| c.address.clone()),
                "footer.contact.address",
            )?
            .map(|a| labels.address.bare(a)),
            approval: opt(&ft.approval, "footer.approval")?.map(|a| labels.approval.bare(a)),
            print_count: match ft.print_count.as_ref() {
                None => None,
                Some(c) => Some(match c.get_ref() {
                    PrintCount::Number(0) => {
                        return Err(loaded
                            .error_at(c.span(), "print_count = 0 would print 共印0份 / 印数为 0")
                            .help("write the number of copies printed (print_count = 500), or remove the key to print no count / 请填写实际印数，或删除此键")
                            .into());
                    }
                    PrintCount::Number(n) => n.to_string(),
                    // As written, without a 共印 or 份 typed around it.
                    PrintCount::Text(t) => labels
                        .print_count
                        .bare(text(&Spanned::new(c.span(), t.clone()), "footer.print_count")?),
                }),
            },
            print_count_placement: ft.print_count_placement,
            issued_by: opt_line(&ft.issued_by, "footer.issued_by")?,
            issued_on: match &ft.issued_on {
                Some(d) => {
                    let (y, m, d) = toml_date(loaded, d)?;
                    Some(chinese_date(y, m, d) + "印发")
                }
                None => None,
            },
            }
        }),
    };

    let meta = Meta {
        // The year before the issue line, unless the line has it already (`number =
        // "{year}年第{}期"` gave 2026年2026年第11期).
        title: [
            Some(archive_title(&bulletin.title, bulletin.issuer.as_deref())),
            date.map(|(y, _, _)| format!("{y}年")).filter(|y| {
                !number_text
                    .as_deref()
                    .is_some_and(|n| n.starts_with(y.as_str()))
            }),
            number_text.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .replacen("年 ", "年", 1),
        author: bulletin
            .unit
            .as_deref()
            .or(bulletin.issuer.as_deref())
            .unwrap_or("")
            .trim_end_matches('编')
            .to_owned(),
        // The titles, an untitled report's left out (it gave an empty entry: a stray ；).
        subject: articles
            .iter()
            .map(|a| a.title.concat())
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join("；"),
    };

    // 本期要目 with no entry printed its heading and rule over nothing.
    if f.issue.contents && articles.iter().all(|a| a.contents_entry.is_none()) {
        return Err(loaded
            .error_at(
                loaded.span_of(&["issue", "contents"]),
                "contents = true, but no article has a title to list: 本期要目 would print empty / 本期要目没有可列的条目（文章都没有标题）",
            )
            .help("give the untitled article its entry (contents_title = \"…\" under its [[article]]), or remove contents / 请为无标题文章加 contents_title，或删除 contents")
            .into());
    }

    Ok(Issue {
        issue: IssueLine {
            number,
            total,
            total_text,
            number_text,
            date_text,
            date,
            contents: f.issue.contents,
            note: issue_note,
        },
        bulletin,
        articles,
        footer,
        labels,
        style: f.style.clone().with_wide_fallback(),
        meta,
        draft: None,
        print: crate::output::print::LayoutPrint::PLAIN,
        warnings,
        photos,
        read: note_files,
    })
}

/// A TOML date (without a time) as (year, month, day), or an error at its place.
fn toml_date(
    loaded: &LoadedIssueFile,
    d: &Spanned<toml::value::Datetime>,
) -> Result<(i32, u8, u8)> {
    let v = d.get_ref();
    match v.date.filter(|_| v.time.is_none()) {
        Some(date) => Ok((i32::from(date.year), date.month, date.day)),
        // A 信息专报 dated to its hour (2026年7月12日18时): the hour is words after the
        // date, which the help did not say (QA6).
        None if let (Some(date), Some(time)) = (v.date, v.time) => {
            let hour = if time.minute == 0 {
                format!("{}时", time.hour)
            } else {
                format!("{}时{}分", time.hour, time.minute)
            };
            Err(loaded
                .error_at(
                    d.span(),
                    "a date must be a date such as 2018-07-04, without a time / 日期须写成 2018-07-04 的形式，不带时间",
                )
                .help(format!("write the date alone and the hour as words after it: date = {date} and date_suffix = \"{hour}\" (a space first, \"　{hour}\", sets it a full-width space apart) / 日期只写年月日，时间写在 date_suffix 中，如 date_suffix = \"{hour}\""))
                .into())
        }
        None => Err(loaded
            .error_at(
                d.span(),
                "a date must be a date such as 2018-07-04 / 日期须写成 2018-07-04 的形式",
            )
            .help("write the date without quotes and without a time: date = 2018-07-04 / 日期不加引号、不带时间，如 date = 2018-07-04")
            .into()),
    }
}

/// The words after the date as printed: a space typed first (`"　22时"`, `" 22时"`) is
/// the full-width space a 大会简报 sets between its date and its hour
/// (2026年1月13日　22时); without one they follow the date (1957年7月30日印发).
pub(crate) fn date_suffix(typed: &str) -> String {
    let words = typed.trim();
    if typed.starts_with(char::is_whitespace) && !words.is_empty() {
        format!("\u{3000}{words}")
    } else {
        words.to_owned()
    }
}

/// The bulletin's name as a PDF's title: without the spaces that letter-space a
/// masthead (简　报), and, when an issuer line stands over it, with the issuer, so that
/// every 大会's 简报 of every year is not archived under one title
/// (青川市第十七届人民代表大会第五次会议简报).
fn archive_title(title: &str, issuer: Option<&str>) -> String {
    let name: String = title
        .lines()
        .map(|l| {
            let chars: Vec<char> = l.trim().chars().collect();
            // A space between two Chinese characters letter-spaces; between Latin
            // words it parts them.
            chars
                .iter()
                .enumerate()
                .filter(|&(k, c)| {
                    !(c.is_whitespace()
                        && (*c == '\u{3000}'
                            || (k > 0
                                && !chars[k - 1].is_ascii()
                                && chars.get(k + 1).is_some_and(|n| !n.is_ascii()))))
                })
                .map(|(_, c)| *c)
                .collect::<String>()
        })
        .collect();
    // Joint issuers, a line each, stay apart, and the name apart from them (they ran
    // together, «…改革委员会江岭市推进…领导小组江岭市…», QA6); a line that opens with
    // 第 or a bracket goes on the name of the line before (政协江岭市第十届委员会 /
    // 第五次会议秘书处 is one body).
    let mut issuers: Vec<String> = Vec::new();
    for line in issuer.unwrap_or("").lines() {
        let line: String = line.split_whitespace().collect();
        match issuers.last_mut() {
            Some(last) if line.starts_with(['第', '（', '(']) => last.push_str(&line),
            _ if line.is_empty() => {}
            _ => issuers.push(line),
        }
    }
    match issuers.as_slice() {
        [] => name,
        [one] => format!("{one}{name}"),
        many => format!("{} {name}", many.join(" ")),
    }
}

/// A note written in the issue file: a paragraph a line.
fn note_blocks(text: &str) -> Vec<Block> {
    article::parse_txt(text)
        .into_iter()
        .map(|b| b.into_plain())
        .collect()
}

/// An article file's blocks, by its kind (`.md` or text), with Markdown's warnings
/// at their places.
fn parse_blocks(
    path: &Path,
    source: &str,
    numbering: bool,
    warnings: &mut Vec<String>,
) -> Vec<Block> {
    let blocks = parse_blocks_of_kind(path, source, numbering, warnings);
    warnings.extend(lone_captions_note(path, source, &blocks));
    warnings.extend(post_credits_note(path, source, &blocks));
    blocks
}

/// A WeChat post's or a web page's furniture pasted with its text: its credits
/// (`来源：幸福里社区公众号`, `编辑：陈静　审核：王晓梅`, `（责任编辑：张晓）`), its
/// byline of a post (`原创 江岭人大 2026-01-12 18:30 发表于江岭`), its counts (`来源：… 发布时间：…
/// 浏览次数：1,286`, `阅读 1286`) and its `分享到：`. Short lines, printed as text, said once
/// with the first. (A bulletin's own editors are its 报尾's.)
fn post_credits_note(path: &Path, source: &str, blocks: &[Block]) -> Option<String> {
    let found: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { inlines } => {
                let t: String = inlines.iter().map(|i| i.text.as_str()).collect();
                article::is_post_furniture(&t).then(|| t.trim().to_owned())
            }
            _ => None,
        })
        .collect();
    let first = found.first()?;
    let line = line_with(source, first);
    Some(format!(
        "{}:{line}: {} line(s) read as a WeChat post's or a web page's furniture (its credits, source, date, counts or 分享到; the first: «{first}»), pasted with its text: they print as text; delete them if they are not the bulletin's (its own editors go in [footer] editors) / {} 行像是公众号或网页的来源、发布时间、阅读数、编辑审核署名等，按正文排出；如非本刊内容，请删除",
        path.display(),
        found.len(),
        found.len()
    ))
}

/// A text or Markdown article as it prints: its source with the pasted furniture
/// blanked (the repeated title, another bulletin's head and 报尾, the repeated byline),
/// its blocks, and what was said of it.
///
/// Remembered while `watch` rebuilds (comemo, evicted with the session's other
/// caches): a save reads again only the article saved, not the 99 others of a 98-page
/// issue (5–8 ms a rebuild). The text and everything it is read with are the key.
#[comemo::memoize]
fn text_article(
    path: &Path,
    text: &str,
    entry: &issue_file::ArticleEntry,
    labels: &Labels,
    head: &PastedHead,
) -> (String, Vec<Block>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut source = strip_controls(path, text.to_owned(), &mut warnings);
    let at = |text: &str, offset| {
        let (line, _) = crate::error::line_col(text, offset);
        format!("{}:{line}", path.display())
    };
    let forwarded = blank_repeated_title(&at, entry, labels, head, &mut source, &mut warnings);
    let markdown = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md") | Some("markdown")
    );
    if markdown && entry.title.is_some() {
        blank_own_title(path, &mut source, &mut warnings);
    } else if entry.title.is_some() {
        warnings.extend(own_title_line(path, &source));
    }
    if markdown && let Some((line, count)) = article::sentence_lines_joined(&source) {
        warnings.push(format!(
            "{}:{line}: {count} line(s) that end a sentence run on into the next line's paragraph: in Markdown, lines with no empty line between them are one paragraph; if each is a paragraph of its own (text pasted from WeChat or WPS), leave an empty line between them (in a quotation, a line of `>` alone; a poem's verses: end each with two spaces), or name the file .txt, where each line is a paragraph / {count} 处以句号结尾的行与下一行并为一段（Markdown 中没有空行分隔的行属同一段）；如各为一段，请在其间空一行（引文中空一行只写 >；诗句可在行末加两个空格），或改用 .txt",
            path.display()
        ));
    }
    blank_pasted_footer(head, forwarded, &mut source, at, &mut warnings);
    blank_repeated_byline(
        &entry.byline,
        labels,
        &mut source,
        markdown,
        at,
        &mut warnings,
    );
    let blocks = parse_blocks(path, &source, entry.numbering, &mut warnings);
    (source, blocks, warnings)
}

/// The line (from 1) of a paragraph in its file: the first with its opening words (the
/// rest may be marked up, or run over lines).
fn line_with(source: &str, text: &str) -> usize {
    // Its first 16 characters, where they are on one line as typed; else its first 4
    // (two 简讯 items that open ▲11月 were both at the first, QA14 E 04). A line is
    // read without its Markdown marks of emphasis (▲**江岭县…** was not found, and
    // line 1 was said, QA15 G 02).
    let plain = |l: &str| l.replace(['*', '`'], "");
    [16, 4]
        .iter()
        .find_map(|&n| {
            let opening: String = plain(text.trim()).chars().take(n).collect();
            source.lines().position(|l| plain(l).contains(&opening))
        })
        .map_or(1, |i| i + 1)
}

/// A photo's caption with no photo beside it (`▲活动现场`, `图为……` alone: the photo
/// of a WeChat post or a web page was lost when its text was pasted), said once with
/// the first: it prints as text. Never a heading (`article::mark_plain_headings`).
/// Beside a photo that has a caption of its own (its description), it is a second
/// caption, printed as text under the first: said too.
fn lone_captions_note(path: &Path, source: &str, blocks: &[Block]) -> Vec<String> {
    let mut lone = Vec::new();
    let mut second = Vec::new();
    for (k, b) in blocks.iter().enumerate() {
        let Block::Paragraph { inlines } = b else {
            continue;
        };
        if !article::is_photo_caption(inlines) {
            continue;
        }
        let text: String = inlines.iter().map(|i| i.text.as_str()).collect();
        // A run of ▲ lines is a 简讯's items (▲11月21日，…), not the captions of lost
        // photos, which stand between paragraphs of text: they were said to be, with
        // advice to delete them (QA14 E 04).
        // Dividers (※　※　※) between the items do not part them; and a ▲ line that
        // opens with a bold headline and goes on is an item whatever its neighbours
        // (▲**…通过国家胸痛中心认证**　该院…: said to be a lost photo's caption, QA15 G 02).
        let mark = |b: Option<&Block>| match b {
            Some(Block::Paragraph { inlines }) => inlines
                .first()
                .and_then(|i| i.text.trim_start().chars().next())
                .filter(|c| matches!(c, '▲' | '△')),
            _ => None,
        };
        let divider = |j: &usize| matches!(blocks.get(*j), Some(Block::Divider { .. }));
        let before = (0..k).rev().find(|j| !divider(j));
        let after = (k + 1..blocks.len()).find(|j| !divider(j));
        let headline = inlines
            .iter()
            .rposition(|i| i.strong && !i.text.trim().is_empty())
            .is_some_and(|last| {
                inlines[last + 1..]
                    .iter()
                    .any(|i| !i.strong && !i.text.trim().is_empty())
            });
        if let Some(m) = mark(Some(b))
            && (headline
                || mark(before.and_then(|j| blocks.get(j))) == Some(m)
                || mark(after.and_then(|j| blocks.get(j))) == Some(m))
        {
            continue;
        }
        let photo = |b: Option<&Block>| match b {
            Some(Block::Image(p)) => Some(
                p.caption
                    .iter()
                    .map(|i| i.text.as_str())
                    .collect::<String>(),
            ),
            _ => None,
        };
        // A second caption only as captions open (图为, ▲): 下图为…, 上图… beside a
        // described photo is the text's own sentence about it.
        let explicit = ["图为", "▲", "△"]
            .iter()
            .any(|p| text.trim().starts_with(p));
        match photo(k.checked_sub(1).and_then(|j| blocks.get(j)))
            .or_else(|| photo(blocks.get(k + 1)))
        {
            Some(own) if !own.trim().is_empty() && explicit => second.push((text, own)),
            Some(_) => {}
            None => lone.push(text),
        }
    }
    let line_of = |t: &str| line_with(source, t);
    let mut out = Vec::new();
    if let Some(first) = lone.first() {
        let first = first.trim();
        out.push(format!(
            "{}:{}: {} line(s) read as a photo's caption with no photo beside them (the first: «{first}»), as when a WeChat post's or a web page's text is pasted without its photos: they print as text; put each photo on the line before its caption (![](photo.jpg)), or delete the line / {} 行像是图片说明，但旁边没有图片（粘贴时图片丢失），按正文排出；请在其前一行插入图片，或删除此行",
            path.display(),
            line_of(first),
            lone.len(),
            lone.len()
        ));
    }
    for (text, own) in second {
        let text = text.trim();
        out.push(format!(
            "{}:{}: «{text}» is a second caption: the photo beside it has one of its own, «{own}» (its description), printed under it, and this line prints as text after it; keep one: delete the line, or empty the description (![](…)) to make the line the caption / 图片已有说明（{own}），此行又是一条图片说明，按正文排出；请保留其一",
            path.display(),
            line_of(text)
        ));
    }
    out
}

/// [`parse_blocks`] by the file's kind.
fn parse_blocks_of_kind(
    path: &Path,
    source: &str,
    numbering: bool,
    warnings: &mut Vec<String>,
) -> Vec<Block> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("md") | Some("markdown") => {
            let md = article::parse_markdown(source, numbering);
            warnings.extend(md.warnings.iter().map(|w| {
                let (line, col) = crate::error::line_col(source, w.offset);
                format!("{}:{line}:{col}: {}", path.display(), w.message)
            }));
            md.blocks
        }
        _ => {
            let (decoded, entities) = crate::input::text_input::decode_entities(source);
            if let Some((at, count)) = entities {
                let (line, col) = crate::error::line_col(source, at);
                let len = crate::input::text_input::html_entity(&source[at..]).map_or(1, |e| e.0);
                warnings.push(format!(
                    "{}:{line}:{col}: {count} HTML entit(ies) such as «{}», as text copied from a web page has them, are printed as the characters they stand for (&nbsp; as a space); `jianbao check --fix` writes them so in the file / 网页中的 HTML 实体（如 {}）已按其所代表的字符排出",
                    path.display(),
                    &source[at..at + len],
                    &source[at..at + len],
                ));
            }
            let source = decoded.as_str();
            let markdown = article::txt_markdown_lines(source);
            if let Some(&first) = markdown.first() {
                let count = markdown.len();
                let (line, col) = crate::error::line_col(source, first);
                let text: String = source[first..]
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(16)
                    .collect();
                warnings.push(format!(
                    "{}:{line}:{col}: {count} line(s) are written in Markdown (the first: «{text}»): a .txt prints #, ** and > as typed; save the article as .md to set them as headings, bold and quotations (in a .md leave a blank line between paragraphs) / 此 .txt 文章有 {count} 行用了 Markdown 标记（# ** >），按原文排出；请另存为 .md",
                    path.display()
                ));
            }
            for at in article::txt_photos(source) {
                let (line, col) = crate::error::line_col(source, at);
                warnings.push(format!(
                    "{}:{line}:{col}: a photo `![…](…)` is placed only from a .md article; in this .txt it prints as text: save the article as .md to place it (in a .md the lines of a paragraph join: leave a blank line between paragraphs) / 图片只能写在 .md 文章中，.txt 中的 ![…](…) 按原文排出：请将文章另存为 .md（段落之间空一行）",
                    path.display()
                ));
            }
            for (at, cells, width) in article::uneven_tab_rows(source) {
                let (line, col) = crate::error::line_col(source, at);
                warnings.push(format!(
                    "{}:{line}:{col}: this table row has {cells} cell(s) separated by tabs, the table {width}: it is set with empty cell(s) at its end; if a cell in the middle is missing, type a tab in its place / 此行表格只有 {cells} 格（表格共 {width} 列），已在行尾补空格；如缺的是中间的格，请在该处补一个制表符",
                    path.display()
                ));
            }
            let broken = article::broken_lines(source);
            if let Some(&first) = broken.first() {
                let line = source.lines().nth(first - 1).unwrap_or("").trim();
                let tail: String = {
                    let chars: Vec<char> = line.chars().collect();
                    chars[chars.len().saturating_sub(12)..].iter().collect()
                };
                warnings.push(format!(
                    "{}:{first}: {} line(s) end mid-sentence (the first: «…{tail}»), as text copied from a PDF does; in a .txt every line is a paragraph, so each prints as a paragraph of its own: join each with the line after it (`jianbao check` lists them, `jianbao check --fix` joins them) / {} 行在句中断开（如从 PDF 复制），.txt 每行是一段，请与下一行合并（jianbao check --fix 可自动合并）",
                    path.display(),
                    broken.len(),
                    broken.len()
                ));
            }
            let blocks = article::parse_txt_headings(source);
            warnings.extend(plain_headings_note(path, source, &blocks));
            blocks
        }
    }
}

/// The headings a `.txt` gives without numbers (short lines alone over text, as a web
/// page's or a WeChat article's subheads), said once: a photo's place-holder (会议现场)
/// or a lead-in (刘志强强调) pasted on a line of its own is set as a heading too.
fn plain_headings_note(path: &Path, source: &str, blocks: &[Block]) -> Option<String> {
    let plain: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                number, inlines, ..
            } if number.is_empty() => {
                let t: String = inlines.iter().map(|i| i.text.as_str()).collect();
                // (Nor a chapter's or a section's title, 第一章　总则: a heading by its
                // number, as a regulation reprinted in an issue has them; nor one its
                // author marked, 【基本案情】 or ▲医院通过……再认证.)
                (article::typed_heading_level(&t).is_none()
                    && !article::starts_with_number(&t)
                    && !article::marked_heading(&t))
                .then_some(t)
            }
            _ => None,
        })
        .collect();
    let first = plain.first()?;
    let line = source
        .lines()
        .position(|l| l.trim() == first.trim())
        .map_or(1, |i| i + 1);
    let list = plain
        .iter()
        .map(|t| format!("«{}»", t.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    Some(format!(
        "{}:{line}: {} short line(s) alone over text are set as headings, as a web page's subheads are: {list}; a line that is text (a photo's place-holder, a lead-in) ends with its mark (。：) or joins the paragraph after it / {} 个单独成行的短句按小标题排出；如为正文，请加标点或与下段合并",
        path.display(),
        plain.len(),
        plain.len()
    ))
}

/// A Word file (an article's or a note's) read into Markdown, its problems said as
/// errors at its entry in the issue file.
fn read_word(
    loaded: &LoadedIssueFile,
    file: &Spanned<String>,
    path: &Path,
    bytes: &[u8],
) -> Result<crate::input::docx::Converted> {
    let docx = crate::input::docx::word_package(path, bytes)
        .map_err(|e| word_error(loaded, file, path, e))?;
    let converted =
        crate::input::docx::convert(&docx).map_err(|e| word_error(loaded, file, path, e))?;
    crate::input::not_read_as_text(path, &converted)
        .map_err(|e| word_error(loaded, file, path, e))?;
    Ok(converted)
}

fn word_error(
    loaded: &LoadedIssueFile,
    file: &Spanned<String>,
    path: &Path,
    e: crate::input::docx::DocxProblem,
) -> Error {
    let help = e.help.unwrap_or_else(|| {
        "open it in Word or WPS and save it again as .docx (另存为 Word 文档 .docx) / 请用 Word 或 WPS 另存为 .docx".to_owned()
    });
    loaded
        .error_at(
            file.span(),
            format!(
                "{} cannot be read as a Word document: {} / 无法读取此 Word 文件",
                path.display(),
                e.message
            ),
        )
        .help(help)
        .into()
}

/// A Word article's blocks: its Markdown read as a `.md` would be, with the photos
/// it carries. The Markdown is the article's text for messages; `paragraphs` maps
/// its places to the Word file's paragraphs.
fn word_blocks(
    path: &Path,
    mut converted: crate::input::docx::Converted,
    paragraphs: &[(usize, usize)],
    entry: &issue_file::ArticleEntry,
    labels: &Labels,
    head: &PastedHead,
    warnings: &mut Vec<String>,
) -> (String, Vec<Block>) {
    let at = |_: &str, offset| {
        let n = crate::input::docx::Converted::paragraph_at(paragraphs, offset);
        format!("{}: paragraph {n}", path.display())
    };
    let forwarded =
        blank_repeated_title(&at, entry, labels, head, &mut converted.markdown, warnings);
    // A Word Title that is not the issue's title prints as the first paragraph: said,
    // when it does (not when it went as the bulletin's own head over the title: r23
    // F20 said both).
    let first = converted
        .markdown
        .lines()
        .find(|l| !l.trim().is_empty())
        .map(squash)
        .unwrap_or_default();
    if let Some(own) = converted
        .title
        .as_ref()
        .filter(|own| first.contains(&squash(own)))
    {
        let given = entry
            .title
            .as_ref()
            .map(|t| t.get_ref().as_str())
            .unwrap_or("");
        if squash(own) != squash(given) {
            let other = if given.trim().is_empty() {
                "the issue file gives none".to_owned()
            } else {
                format!("the issue file gives «{}»", given.trim())
            };
            warnings.push(format!(
                "{}: paragraph 1 «{own}» is set as the file's title (Word's Title style, or centred and large or bold), and {other}: it prints as the article's first paragraph; if it is the title, give title = \"{own}\" (it then prints once, as the title), or delete it from the Word file / Word 文件首段为标题（“标题”样式或居中大字/加粗），与期刊文件中的标题不同，按正文首段排出；如它就是标题，请写入 title",
                path.display()
            ));
        }
    }
    blank_pasted_footer(head, forwarded, &mut converted.markdown, at, warnings);
    blank_repeated_byline(
        &entry.byline,
        labels,
        &mut converted.markdown,
        true,
        at,
        warnings,
    );
    warnings.extend(
        converted
            .warnings
            .iter()
            .map(|w| format!("{}: {w}", path.display())),
    );
    let md = article::parse_markdown(&converted.markdown, entry.numbering);
    warnings.extend(md.warnings.iter().map(|w| {
        let (line, col) = crate::error::line_col(&converted.markdown, w.offset);
        format!(
            "{} (as Markdown, line {line}:{col}): {}",
            path.display(),
            w.message
        )
    }));
    let mut blocks = md.blocks;
    for b in &mut blocks {
        if let Block::Image(p) = b {
            p.data = converted.images.get(&p.src.replace("%20", " ")).cloned();
        }
    }
    (converted.markdown, blocks)
}

/// What a text is when each of its paragraphs is the article's title, subtitle or
/// byline that the issue file gives (a file whose text was not pasted yet, QA14 F 01):
/// those words, for the error. A title-only text keeps its line (it is not blanked, so
/// that an article is not emptied), and would print twice.
fn only_repeats(blocks: &[Block], entry: &issue_file::ArticleEntry) -> Option<String> {
    let given = given_words;
    let parts = [
        (given(&entry.title), "title"),
        (given(&entry.subtitle), "subtitle"),
        (given(&entry.byline), "byline"),
    ];
    let mut found: Vec<&str> = Vec::new();
    for block in blocks {
        let (Block::Paragraph { inlines } | Block::Heading { inlines, .. }) = block else {
            return None;
        };
        let line = squash(&inlines.iter().map(|i| i.text.as_str()).collect::<String>());
        let line = line.trim_matches('*');
        // A byline as typed under a text: in brackets, 供稿 after it or not.
        let bare = line
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')']);
        let what = parts.iter().find_map(|(value, what)| {
            let value = value.as_deref()?;
            let matches = line == value
                || (*what == "byline"
                    && (bare == value
                        || bare.strip_suffix("供稿") == Some(value)
                        || value.strip_suffix("供稿") == Some(bare)));
            matches.then_some(*what)
        })?;
        if !found.contains(&what) {
            found.push(what);
        }
    }
    (!found.is_empty()).then(|| found.join(" and "))
}

/// The words of a value the issue file gives, as [`squash`] makes them; none when it
/// gives none or only spaces.
fn given_words(v: &Option<Spanned<String>>) -> Option<String> {
    v.as_ref()
        .map(|t| squash(t.get_ref()))
        .filter(|t| !t.is_empty())
}

/// A title's words, to compare one typed in an article with the issue file's: no
/// spaces or line breaks, no Markdown escapes.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .collect()
}

/// A `.txt` whose first line is a title of its own, worded apart from the issue's (a
/// line of 10–40 characters with no closing mark, no number, over a paragraph of
/// text): it prints as the first paragraph, which is said. (A title typed again as the
/// issue's is not printed: `blank_repeated_title`.)
fn own_title_line(path: &Path, text: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let (first, next) = (lines.next()?, lines.next()?);
    let n = first.chars().count();
    // A sentence's end; a title may end with a bracket or a quote (…置换术（TAVR）).
    // (A line in 【】 is a label: 【刘志强代表（城关镇）】 over a speech.)
    let closed = first.ends_with(|c: char| "。！？；：，、…】.!?;:,".contains(c));
    let paragraph = next.chars().count() > 40 || next.ends_with('。');
    ((10..=40).contains(&n)
        && !closed
        && paragraph
        && crate::input::article::typed_heading_level(first).is_none()
        && !crate::input::article::marked_heading(first)
        && !article::is_post_furniture(first))
    .then(|| {
        format!(
            "{}:1: «{first}» looks like the article's own title (a line of its own over the text, with no closing mark): it prints as the text's first paragraph; delete the line if the issue file's title replaces it / 首行像是文章自带的标题，将按正文第一段排出；如以期刊文件中的标题为准，请删除此行",
            path.display()
        )
    })
}

/// A Markdown article's own title, worded apart from the issue's (the editor shortened
/// it for the bulletin): the one `#` line, first, over `##` sections. It printed as the
/// heading 一、…, and the sections under it as （一）（二）. Blanked (the issue's title
/// prints), and said with what it was.
fn blank_own_title(path: &Path, text: &mut String, warnings: &mut Vec<String>) {
    let is_h1 = |l: &str| l.starts_with("# ") || l == "#";
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return;
    };
    // A title, not a section: no number of its own (# 一、基本情况 is the first
    // section), and as long as a title is (# 主要做法 is a section's).
    let words = first.trim_start_matches('#').trim();
    if !is_h1(first)
        || text.lines().filter(|l| is_h1(l)).count() != 1
        || !text.lines().any(|l| l.starts_with("## "))
        || crate::input::article::typed_heading_level(words).is_some()
        || words.chars().count() < 10
    {
        return;
    }
    let start = first.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + first.len();
    let (line, _) = crate::error::line_col(text, start);
    warnings.push(format!(
        "{}:{line}: «{}» is the article's own title, worded apart from the issue's: the issue's title is printed, this line is not, and the ## sections under it are the first level of headings; keep it by making it the issue's title / 文章自带的标题与期刊文件中的标题不同：排出期刊文件的标题，此行不排，其下 ## 小节为一级标题",
        path.display(),
        first.trim_start_matches('#').trim()
    ));
    blank_out(text, start..end);
}

/// What a contributor's file copied from an issue opens with, over its title: the
/// bulletin's own red head (its name, 第N期, the unit and the date), which the
/// issue's masthead prints already.
#[derive(Hash)]
struct PastedHead {
    /// The bulletin's title and unit, without spaces.
    title: String,
    unit: Option<String>,
    /// Whether the issue prints a 报尾 of its own (a pasted one then goes).
    footer: bool,
}

/// The names bulletins go by (江岭路桥公司工作简报, 安全生产动态, 政协信息): what the
/// name of another office's bulletin ends with.
const BULLETIN_NAMES: [&str; 12] = [
    "简报", "动态", "通讯", "信息", "快报", "专报", "要情", "情况", "周报", "月报", "通报", "参阅",
];

/// Whether a line (without spaces) reads as a bulletin's name: short, no sentence
/// marks, ending with one of [`BULLETIN_NAMES`].
fn is_bulletin_name(line: &str) -> bool {
    let n = line.chars().count();
    (4..=24).contains(&n)
        && !line.contains(['，', '。', '：', '；', ',', ':'])
        && BULLETIN_NAMES.iter().any(|name| line.ends_with(name))
}

impl PastedHead {
    /// Whether a line (without spaces) is the 第N期 line of a head: 第5期, 第五期,
    /// 2026年第5期, 〔2026〕第5期, each with a （总第45期） after it or not.
    fn is_issue_line(line: &str) -> bool {
        let n = line.chars().count();
        let rest = line
            .trim_start_matches(|c: char| c.is_ascii_digit() || "〇一二三四五六七八九".contains(c))
            .trim_start_matches('年')
            .trim_start_matches(['〔', '[', '（', '('])
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['〕', ']', '）', ')']);
        rest.starts_with('第') && rest.contains('期') && n <= 24
    }

    /// Whether a line (without spaces) is a date alone: 2026年11月1日, 2026.11.1,
    /// 2026-11-01, 2026/11/1.
    fn is_date_line(line: &str) -> bool {
        let chinese = line.contains('年') && line.contains('月') && line.ends_with('日');
        let parts: Vec<&str> = line.split(['.', '-', '/']).collect();
        let figures = parts.len() == 3
            && parts[0].len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()));
        chinese || figures
    }

    /// Whether a line (without spaces) is a line of the bulletin's head.
    fn is_head_line(&self, line: &str) -> bool {
        let n = line.chars().count();
        let issue_line = Self::is_issue_line(line);
        // A date alone, or at its end (the unit and the date on one line).
        let dated = line
            .char_indices()
            .any(|(i, _)| Self::is_date_line(&line[i..]));
        // A unit's line alone: this issue's unit, or one an editing office signs (…编,
        // …主办, …办公室).
        let signed = n <= 24
            && ["编", "主办", "编印", "办公室"]
                .iter()
                .any(|e| line.ends_with(e));
        let unit_line = n <= 48
            && (dated
                || signed
                || self
                    .unit
                    .as_deref()
                    .is_some_and(|u| !u.is_empty() && line.starts_with(u)));
        line == self.title || issue_line || unit_line
    }
}

/// Blanks what an article's text opens with that the layout prints already: the
/// column's label typed over it, a pasted red head (the bulletin's name, 第N期, the
/// unit and the date) over the title, the title the issue file gives (a Word file often
/// starts with its own title) and the subtitle under it (Word's Subtitle under its
/// Title). They are not printed twice, and headings after them are numbered as if they
/// had never been there. A line becomes spaces, so every place in the text stays where
/// it was. A 编者按 typed as the first paragraph is said. `place` names a place of the
/// text for messages (file:line, or a Word file's paragraph).
///
/// The head may be another office's bulletin's (江岭路桥公司工作简报 / 第5期 / its unit
/// and date, over the title: an article forwarded as it was sent): a line that reads
/// as a bulletin's name is part of a head when a 第N期 line is too. Returns whether the
/// head was another bulletin's (its 报尾 then goes too, see [`blank_pasted_footer`]).
fn blank_repeated_title(
    place: &dyn Fn(&str, usize) -> String,
    entry: &issue_file::ArticleEntry,
    labels: &Labels,
    head: &PastedHead,
    text: &mut String,
    warnings: &mut Vec<String>,
) -> Option<String> {
    // Where the text begins, for the messages about its first lines.
    let at = place(text, 0);
    // The next line with text from byte `from`: its range and its words (Markdown's
    // heading marks and bold around it, a Word title typed bold as most are, and the
    // centring of a centred line are not its words).
    let next_line = |text: &str, from: usize| -> Option<(usize, usize, String)> {
        let start = from + text[from..].find(|c: char| !c.is_whitespace())?;
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        // (A line that ends with a hard break, `\`, as a Word title's Shift+Enter is
        // written: the break is not its words.)
        let line = text[start..end]
            .trim_start_matches('#')
            .trim()
            .trim_end_matches('\\')
            .trim_matches('*');
        let line = line
            .strip_prefix("<p align=\"center\">")
            .and_then(|l| l.strip_suffix("</p>"))
            .unwrap_or(line);
        Some((start, end, squash(line)))
    };
    let given = given_words;
    let mut from = 0;
    // What was blanked as the title or subtitle, and where the first of them began.
    let mut blanked = Vec::new();
    let mut title_at = None;
    // The column's label typed over the text (【雨情汛情】): the layout prints it.
    if let Some(column) = given(&entry.column)
        && let Some((start, end, line)) = next_line(text, 0)
        && line.trim_start_matches('【').trim_end_matches('】') == column
        && !text[end..].trim().is_empty()
    {
        blank_out(text, start..end);
        warnings.push(format!(
            "{at}: its first line «{line}» is the column's label, which prints over the title: it is not printed twice / 正文首行与栏目名相同，不再重复排出"
        ));
        from = end;
    }
    // A red head over the title (up to four lines): it goes with the title.
    let mut forwarded = None;
    if let Some(title) = given(&entry.title) {
        let mut probe = 0;
        let mut lines = 0;
        let (mut other_name, mut issue_line) = (None, false);
        while lines < 4
            && let Some((_, end, line)) = next_line(text, probe)
            && line != title
        {
            if head.is_head_line(&line) {
                issue_line |= PastedHead::is_issue_line(&line);
            } else if other_name.is_none() && is_bulletin_name(&line) {
                other_name = Some(line);
            } else {
                break;
            }
            probe = end;
            lines += 1;
        }
        // Another bulletin's name counts only in a head with its 第N期.
        let whole = lines > 0
            && (issue_line || other_name.is_none())
            && next_line(text, probe).is_some_and(|(_, _, line)| line == title);
        if whole && let Some(name) = &other_name {
            let start = text.find(|c: char| !c.is_whitespace()).unwrap_or(0);
            blank_out(text, start..probe);
            warnings.push(format!(
                "{at}: its first {lines} line(s) are the head of another bulletin, «{name}» (its name, 第N期, the unit and the date), copied with the article: they are not printed; to say where it comes from, give byline = \"…\" / 文章开头带有另一份简报（{name}）的报头，不再排出；如需注明来源，请写入 byline"
            ));
            from = probe;
            forwarded = Some(name.clone());
        } else if whole {
            let start = text.find(|c: char| !c.is_whitespace()).unwrap_or(0);
            blank_out(text, start..probe);
            warnings.push(format!(
                "{at}: its first {lines} line(s) are the bulletin's own head (its name, 第N期, the unit and the date), copied with the article: they are not printed, as the masthead prints them / 文章开头带有简报报头（刊名、期号、单位、日期），不再排出"
            ));
            from = probe;
        }
    }
    // A web page's furniture over its title (首页 > 党建工作 > 基层动态): the title is
    // the line after it (it printed twice, QA14 E 08). The furniture is said apart.
    if from == 0 {
        while let Some((_, end, line)) = next_line(text, from)
            && article::is_post_furniture(&line)
        {
            from = end;
        }
    }
    for (value, what) in [
        (given(&entry.title), "title"),
        (given(&entry.subtitle), "subtitle"),
    ] {
        let Some(value) = value else { continue };
        let Some((start, mut end, line)) = next_line(text, from) else {
            return forwarded;
        };
        // A title of two lines (a `\n` in the issue file) may come as two paragraphs
        // or one with a line break (Word's Shift+Enter, Markdown's hard break).
        let two = next_line(text, end).filter(|(_, _, second)| {
            line.len() < value.len() && format!("{line}{second}") == value
        });
        // A title the editor headed with its place or unit (幸福里社区：月满中秋 情暖邻里)
        // over the text's own (月满中秋　情暖邻里, as a WeChat post has it): the same.
        let tail = value
            .split_once(['：', ':'])
            .map(|(_, t)| t)
            .filter(|t| t.chars().count() >= 4);
        // A post's title with its account after a bar (代表发言摘登|县十八届人大五次会议),
        // or a year before it (2026年1-10月份…): the same.
        let bare = line.split(['|', '｜']).next().unwrap_or(&line);
        let unyeared = bare
            .char_indices()
            .nth(4)
            .filter(|&(i, c)| c == '年' && bare[..i].chars().all(|d| d.is_ascii_digit()))
            .map_or(bare, |(i, c)| &bare[i + c.len_utf8()..]);
        if let Some((_, second_end, _)) = two {
            end = second_end;
        } else if line != value && tail != Some(line.as_str()) && bare != value && unyeared != value
        {
            continue;
        }
        if text[end..].trim().is_empty() {
            continue;
        }
        blank_out(text, start..end);
        blanked.push(what);
        title_at.get_or_insert(start);
        from = end;
    }
    // The author or the byline typed under the title, as a Word file is signed
    // (城关镇党政办　李晓梅): the layout prints each already, the author under the title
    // and the byline under the text, so the line is not printed twice (the byline
    // printed in both places, QA15 H 07).
    let bare = |s: &str| {
        s.trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')'])
            .trim_end_matches("供稿")
            .to_owned()
    };
    for (value, what, prints, zh) in [
        (&entry.author, "author", "under the title", "作者"),
        (&entry.byline, "byline", "under the text", "署名"),
    ] {
        let Some(words) = given(value) else { continue };
        let Some((start, end, line)) = next_line(text, from) else {
            break;
        };
        if bare(&line) != bare(&words) || text[end..].trim().is_empty() {
            continue;
        }
        let typed = text[start..end]
            .trim()
            .trim_start_matches("<p align=\"center\">")
            .trim_end_matches("</p>")
            .trim_matches(['*', '\\'])
            .trim()
            .to_owned();
        blank_out(text, start..end);
        let value = value.as_ref().map_or("", |v| v.get_ref().as_str());
        let instead = match what {
            "byline" => {
                " (to print it under the title instead, write author = \"…\" and leave the byline out)"
            }
            _ => "",
        };
        warnings.push(format!(
            "{}: the line «{typed}» at the text's head repeats the article's {what} ({what} = \"{value}\"), which prints {prints}: it is not printed twice{instead} / 正文开头一行与{zh}相同，不再重复排出",
            place(text, start)
        ));
        from = end;
    }
    // Said where they stood (under a pasted head, the title was said to be its first
    // line, paragraph 1, r23 F20).
    let title_at = title_at.map_or_else(|| at.clone(), |start| place(text, start));
    // A 编者按 typed as the text's first paragraph prints as text, in the body's font.
    // (Typed in bold too, **编者按**：, which hid it, QA14 E 01.)
    if entry.note.is_none()
        && let Some((start, _, line)) = next_line(text, from)
        && let line = line.replace('*', "")
        && ["编者按：", "编者按:", "按：", "编者的话："]
            .iter()
            .any(|p| line.starts_with(p))
    {
        let words: String = line.chars().take(12).collect();
        let at = place(text, start);
        // What the note is headed with is said: it is the labels' (按语 unless set),
        // and the editor who followed the advice found 按语 printed (QA14 E 02).
        let label = &labels.article_note;
        warnings.push(format!(
            "{at}: the text opens with «{words}…», a 编者按 typed as its first paragraph: it prints as text; move it, without its «编者按：», to note = \"…\" under the article's [[article]]: it then prints before the text in 楷体, headed «{label}：» (to head it «编者按：», write article_note = \"编者按\" under [labels], which heads every article's note so) / 正文开头的编者按按正文排出，请移到 [[article]] 的 note 中（标注为“{label}”，如需“编者按”，在 [labels] 中写 article_note = \"编者按\"）"
        ));
    }
    match blanked.as_slice() {
        [] => {}
        ["title"] => warnings.push(format!(
            "{title_at}: its first line repeats the article's title and is not printed twice / 正文首行与标题相同，不再重复排出"
        )),
        _ => warnings.push(format!(
            "{title_at}: its first line(s) repeat the article's {} and are not printed twice / 正文开头与标题、副标题相同，不再重复排出",
            blanked.join(" and ")
        )),
    }
    forwarded
}

/// An article that ends with a 报尾 of its own (报：… 送：… 共印15份), copied with it
/// from the contributor's issue: it would print as text over the issue's 报尾. With
/// a [footer] in the issue, or when the article came with another bulletin's head
/// (`forwarded`: its name; the 报尾 is that bulletin's), those lines are not printed;
/// else they print. Each case is said. Lines become spaces, so places stay.
fn blank_pasted_footer(
    head: &PastedHead,
    forwarded: Option<String>,
    text: &mut String,
    at: impl Fn(&str, usize) -> String,
    warnings: &mut Vec<String>,
) {
    let is_footer_line = |line: &str| {
        let t = squash(line.trim_matches(|c: char| c == '*' || c == '#'));
        [
            "报：",
            "送：",
            "抄送：",
            "发：",
            "分送：",
            "印发：",
            "报:",
            "送:",
            "抄送:",
            "发:",
        ]
        .iter()
        .any(|p| t.starts_with(p))
            || {
                let t = t
                    .trim_start_matches(['（', '('])
                    .trim_end_matches(['）', ')']);
                t.starts_with("共印") && t.ends_with('份')
            }
            || (t.ends_with("印发") && t.contains('年'))
    };
    // The lines from the end, blank ones between them skipped (Markdown and Word
    // files part their paragraphs with them).
    let mut start = None;
    let mut lines = 0;
    let mut printed = false;
    let mut spans = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        spans.push((offset, line));
        offset += line.len();
    }
    for &(at_line, line) in spans.iter().rev() {
        if line.trim().is_empty() {
            continue;
        }
        if !is_footer_line(line) {
            break;
        }
        printed |= squash(line)
            .trim_start_matches(['（', '('])
            .starts_with("共印");
        start = Some(at_line);
        lines += 1;
    }
    let Some(start) = start.filter(|_| lines >= 2 || printed) else {
        return;
    };
    let place = at(text, start);
    if let (Some(name), false) = (&forwarded, head.footer) {
        let end = text.len();
        blank_out(text, start..end);
        warnings.push(format!(
            "{place}: the article ends with the 报尾 of «{name}», whose head it came with ({lines} line(s): 报/送/共印…): it is not printed; give the issue's own 报尾 as its [footer] (see examples/issue.toml) / 文章末尾带有《{name}》的报尾，已不再排出；本期报尾请写入期刊文件的 [footer]"
        ));
    } else if head.footer {
        let end = text.len();
        blank_out(text, start..end);
        warnings.push(format!(
            "{place}: the article ends with a 报尾 of its own ({lines} line(s): 报/送/共印…), copied with it: it is not printed, as the issue's [footer] prints the 报尾 / 文章末尾带有报尾，已不再排出，报尾以期刊文件的 [footer] 为准"
        ));
    } else {
        warnings.push(format!(
            "{place}: the article ends with a 报尾 ({lines} line(s): 报/送/共印…), which prints as text; write it as the issue's [footer] (see examples/issue.toml) to set it between rules at the foot of the last page / 文章末尾的报尾按正文排出；请改写为期刊文件的 [footer]"
        ));
    }
}

/// An article's last line that is its byline typed again (`（青山区市场监管局供稿）` under
/// byline = "青山区市场监管局", as contributors end their texts): blanked, as a repeated
/// title is, so that it is not printed twice, with a warning. A last line typed as a
/// byline that is not the issue file's, or when the issue file gives none, or the
/// byline's words alone, prints, and the warning says so. `at` names the place of a
/// byte offset of `text` (file:line, or a Word file's paragraph).
fn blank_repeated_byline(
    byline: &Option<Spanned<String>>,
    labels: &Labels,
    text: &mut String,
    markdown: bool,
    at: impl Fn(&str, usize) -> String,
    warnings: &mut Vec<String>,
) {
    let byline = byline
        .as_ref()
        .map(|b| b.get_ref().trim())
        .filter(|b| !b.is_empty());
    let printed = byline.map(|b| labels.byline.wrap(b));
    let found = article::trailing_byline(text, markdown, byline.zip(printed.as_deref()));
    let Some((range, trailing)) = found else {
        return;
    };
    let line = text[range.clone()].trim().to_owned();
    let place = at(text, range.start);
    let byline = byline.unwrap_or_default();
    warnings.push(match trailing {
        article::Trailing::Repeats => {
            blank_out(text, range.clone());
            format!(
                "{place}: the text ends with «{line}», which repeats the article's byline (byline = \"{byline}\"), which prints under the text, and is not printed twice / 正文末行与署名（byline）重复，不再重复排出"
            )
        }
        article::Trailing::Bare => format!(
            "{place}: the text ends with «{line}», the article's byline (byline = \"{byline}\"), which also prints under the text: if the line is the byline typed again, delete it / 正文末行与署名相同，两处都会排出：如为重复，请删去该行"
        ),
        article::Trailing::Differs => format!(
            "{place}: the text ends with «{line}», typed as a byline, and the issue file gives another (byline = \"{byline}\"): both print; delete the line or correct the byline, so that one prints / 正文末行像是署名，与期刊文件中的 byline 不同，两者都会排出：请删去该行或改正 byline"
        ),
        article::Trailing::Named => {
            let inner = line
                .trim_start_matches(['（', '('])
                .trim_end_matches(['）', ')'])
                .trim();
            format!(
                "{place}: the text ends with «{line}», the article's byline (byline = \"{byline}\") with a name after it: both print, the line over the byline; to print it once, with the name, delete the line and write byline = \"{inner}\" / 正文末行为署名加作者姓名，与 byline 两处都会排出：如需只排一次，请删去该行，并写 byline = \"{inner}\""
            )
        }
        article::Trailing::Unsigned => {
            let inner = line
                .trim_matches('*')
                .trim_start_matches(['（', '('])
                .trim_end_matches(['）', ')'])
                .trim();
            format!(
                "{place}: the text ends with «{line}», typed as a byline, which prints as a paragraph of the text; to set it at the right under the text as bylines are, delete it and write byline = \"{inner}\" in the article's [[article]] / 正文末行像是署名，按正文段落排出：如需按署名排在文末右侧，请删去该行，并在 [[article]] 中写 byline = \"{inner}\""
            )
        }
    });
}

/// The most characters of a display line: a title, a column label, a byline.
pub const MAX_DISPLAY_CHARS: usize = 300;

/// Whether a character is a control character that would not print (C0 and C1,
/// DEL), other than the tab and the line end.
pub fn is_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// Whether a character prints nothing and is no space: a control character, or a
/// zero-width or direction mark as text copied from WeChat or a web page carries
/// (U+200B, U+200C, U+200D, U+2060, U+FEFF, U+200E/F, U+202A–E, U+2066–9). Left in,
/// they split words for a search of the PDF (社区\u{200b}志愿者) and break lines.
fn is_invisible(c: char) -> bool {
    is_control(c)
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether a character asks for an emoji's or a symbol's text or emoji look (U+FE0E,
/// U+FE0F, after ☀ ☎ ❤ in text from WeChat). The fonts have one look only, and the
/// selector stayed in the PDF's text after its symbol (☀\u{fe0f}), where a search of
/// the archive would miss it. (Not the ideographic variation selectors, U+E0100 and
/// on, which choose a Han character's form.)
fn is_presentation_selector(c: char) -> bool {
    matches!(c, '\u{FE0E}' | '\u{FE0F}')
}

/// Removes control characters (VT and FF from Word, ESC from terminals…) and
/// zero-width marks from an article's text, with one warning that says how many and
/// where the first was; and the emoji presentation selectors, which change nothing
/// printed, with none.
fn strip_controls(path: &Path, text: String, warnings: &mut Vec<String>) -> String {
    let text = if text.contains(is_presentation_selector) {
        text.replace(is_presentation_selector, "")
    } else {
        text
    };
    // Where a picture stood in text copied with its pictures (Word, WPS, WeChat's
    // editor leave U+FFFC): the picture is not in the text, and the mark printed as a
    // box with OBJ in it (QA12 B 07).
    let text = match text.find('\u{FFFC}') {
        None => text,
        Some(first) => {
            let (line, col) = crate::error::line_col(&text, first);
            let count = text.matches('\u{FFFC}').count();
            warnings.push(format!(
                "{}:{line}:{col}: removed {count} picture place-holder(s) (U+FFFC) left where a picture stood in the text this was copied from; the picture itself was not copied: if it should print, add it as a photo (in a .md: ![图为……](photo.jpg)) / 删除了 {count} 处图片占位符：复制文字时图片没有带上，如需刊登请另行插入图片",
                path.display()
            ));
            text.replace('\u{FFFC}', "")
        }
    };
    let Some(first) = text.find(is_invisible) else {
        return text;
    };
    let (line, col) = crate::error::line_col(&text, first);
    let mut kinds: Vec<String> = Vec::new();
    let mut count = 0;
    let cleaned: String = text
        .chars()
        .filter(|&c| {
            if !is_invisible(c) {
                return true;
            }
            count += 1;
            let name = format!("U+{:04X}", c as u32);
            if !kinds.contains(&name) {
                kinds.push(name);
            }
            false
        })
        .collect();
    warnings.push(format!(
        "{}:{line}:{col}: removed {count} control character(s) or zero-width mark(s) ({}) that would not print; look at the text there / 删除了 {count} 个不可打印的控制字符或零宽字符，请检查该处文字",
        path.display(),
        kinds.join(", ")
    ));
    cleaned
}

/// Refuses, before layout, an issue whose articles would fill more pages than
/// `[limits] pages`: a wrong file (a log, a data dump) is found in milliseconds
/// instead of after minutes of layout and gigabytes of memory. The estimate is a
/// lower bound: every block takes at least one line of the body grid.
pub fn check_page_estimate(loaded: &LoadedIssueFile, issue: &Issue) -> Result<()> {
    let (style, articles) = (&issue.style, &issue.articles);
    let per_line = u64::from(style.page.chars.max(1));
    let per_page = u64::from(style.page.lines.max(1));
    let lines_of = |a: &Article| -> u64 {
        a.blocks
            .iter()
            .map(|b| match b {
                // A row of a table takes a line at least.
                Block::Table(t) => t.rows.len() as u64 + 1,
                b => {
                    let chars: u64 = b
                        .inlines()
                        .iter()
                        .map(|i| i.text.chars().count() as u64)
                        .sum();
                    chars.div_ceil(per_line).max(1)
                }
            })
            .sum()
    };
    let lines: Vec<u64> = articles.iter().map(lines_of).collect();
    let pages = lines.iter().sum::<u64>().div_ceil(per_page);
    let limit = u64::from(loaded.file.limits.pages);
    if pages <= limit {
        return Ok(());
    }
    let (longest, most) = lines
        .iter()
        .enumerate()
        .max_by_key(|(_, l)| **l)
        .map_or((0, 0), |(i, l)| (i, *l));
    let entry = &loaded.file.articles[longest];
    Err(loaded
        .error_at(
            entry.file.span(),
            format!(
                "the articles would fill at least {pages} pages, more than the limit of {limit} pages; this one alone about {} pages ({}) / 文章至少要排 {pages} 页，超过 {limit} 页的上限",
                most.div_ceil(per_page),
                articles[longest].path.display()
            ),
        )
        .help("check that the article files are the right ones; if they are, raise the limit: [limits] pages = N / 请确认文章文件无误；如确需更多页，设置 [limits] pages = N")
        .into())
}

/// An article as a place for messages: its file and its text, and for a Word file the
/// paragraphs its text (Markdown) was made of.
struct Place<'a> {
    loaded: &'a LoadedIssueFile,
    path: &'a Path,
    source: &'a str,
    paragraphs: &'a [(usize, usize)],
}

impl Place<'_> {
    /// A warning at a byte offset of the article: `file:line:col: message`, or
    /// `file: paragraph N: message` in a Word file (a place in the Markdown it became
    /// is no place an editor can find in the .docx).
    fn note(&self, offset: usize, message: &str) -> String {
        if !self.paragraphs.is_empty() {
            let para = crate::input::docx::Converted::paragraph_at(self.paragraphs, offset);
            return format!("{}: paragraph {para}: {message}", self.path.display());
        }
        let (line, col) = crate::error::line_col(self.source, offset);
        format!("{}:{line}:{col}: {message}", self.path.display())
    }

    /// An error at a byte offset of the article.
    fn error(&self, offset: usize, len: usize, message: String, help: &str) -> Error {
        InputError::at(self.path, self.source, offset..offset + len, message)
            .help(help)
            .into()
    }
}

/// Photos side by side (a photo and those `beside` it): one row at one height, as
/// wide as the text block, or as the widths they asked for together (`{width=…%}` on
/// each), a character apart. Their placed sizes change; the warnings of those whose
/// resolution is then too low, with where they are named.
fn place_rows(
    blocks: &mut [Block],
    photos: &mut [PhotoFile],
    style: &Style,
) -> Vec<(usize, String)> {
    let mut warnings = Vec::new();
    let block = style.page.block_width.0;
    let mut i = 0;
    while i < blocks.len() {
        let j = article::row_end(blocks, i);
        if j - i > 1 {
            let row: Vec<&article::Photo> = blocks[i..j]
                .iter()
                .filter_map(|b| match b {
                    Block::Image(p) => Some(p),
                    _ => None,
                })
                .collect();
            let asked: Option<f64> = row.iter().map(|p| p.want).sum();
            let width = block * asked.unwrap_or(1.0).min(1.0);
            let aspects: Vec<f64> = row.iter().map(|p| p.height / p.width.max(1e-6)).collect();
            let widths = photo::row_widths(
                &aspects,
                width,
                style.fonts.body.size.0,
                style.page.block_height.0,
            );
            // Four or more photos in a row with no widths asked, one of them set under
            // 50 mm wide: rows of at most three, as even as can be (a 图片新闻's four on
            // consecutive lines came out a strip of four 36 mm photos; 2 × 2 is what
            // its editor expects).
            if j - i >= 4
                && asked.is_none()
                && widths.iter().any(|&w| w < style::Size::mm(ROW_LEAST_MM).0)
            {
                split_row(&mut blocks[i..j]);
                continue;
            }
            let shared = row.first().is_some_and(|p| p.row_caption);
            for (b, w) in blocks[i..j].iter_mut().zip(widths) {
                let Block::Image(p) = b else { continue };
                let Some(file) = photos.iter_mut().find(|f| f.vpath == p.file) else {
                    continue;
                };
                if let Some(warning) = file.place_at(&p.src, w, block) {
                    warnings.push((p.offset, warning));
                }
                (p.width, p.height) = file.placed;
                warnings.extend(narrow_in_row(p, w, shared, style).map(|w| (p.offset, w)));
            }
        }
        i = j;
    }
    warnings
}

/// The width under which a photo in a row of four or more makes the row split, mm.
const ROW_LEAST_MM: f64 = 50.0;

/// A row of photos (a photo and those `beside` it) made rows of at most three, the
/// first ones the fuller (5: 3 and 2; 7: 3, 2 and 2). A caption of the whole row goes
/// under the last of them.
fn split_row(row: &mut [Block]) {
    let n = row.len();
    let rows = n.div_ceil(3);
    let (mut start, mut caption) = (0, None);
    for r in 0..rows {
        let len = n / rows + usize::from(r < n % rows);
        if let Block::Image(p) = &mut row[start] {
            p.beside = false;
            if r == 0 && p.row_caption {
                p.row_caption = false;
                caption = Some(std::mem::take(&mut p.caption));
            }
            if r == rows - 1
                && let Some(c) = caption.take()
            {
                p.caption = c;
                p.row_caption = true;
            }
        }
        start += len;
    }
}

/// A photo set beside others so narrow that it reads as a strip: a tall one in a row
/// of wide ones is given the row's height and so little width (r23 F15: 16 mm, its
/// caption `比赛现` / `场`). Said when it is under 30 mm wide, or when its own caption
/// would hold fewer than four characters a line.
fn narrow_in_row(p: &article::Photo, width: f64, shared: bool, style: &Style) -> Option<String> {
    const LEAST_MM: f64 = 30.0;
    let mm = width / 72.0 * 25.4;
    let per_line = (width / style.fonts.caption.size.0).floor() as usize;
    let caption: String = p.caption.iter().map(|i| i.text.as_str()).collect();
    let cramped = !shared && !caption.is_empty() && per_line < 4.min(caption.chars().count());
    if mm >= LEAST_MM && !cramped {
        return None;
    }
    let caption_note = match cramped {
        true => format!(" and its caption «{caption}» {per_line} character(s) a line"),
        false => String::new(),
    };
    Some(format!(
        "the photo {} is set only {mm:.0} mm wide beside the photos of its row{caption_note} (photos in a row are set at one height, so one much narrower for its height than the others, a tall photo beside wide ones or any beside a panorama, gets little width); give it a line of its own (a blank line before and after it) / 图片 {} 与同行图片并排，仅 {mm:.0} 毫米宽；请让它单独成行（前后各空一行）",
        p.src, p.src
    ))
}

/// What is said of a picture inside a Word file that cannot be printed: what it is,
/// what to do in Word (not in our files: the editor sees only the Word file), and the
/// caption that goes with it, which is not printed either.
fn unprintable_picture(p: &article::Photo, e: &Error) -> String {
    let ext = p.src.rsplit('.').next().unwrap_or_default().to_lowercase();
    let what = match ext.as_str() {
        "emf" | "wmf" => "a drawing (EMF or WMF, as a chart pasted from Excel is)".to_owned(),
        "tif" | "tiff" | "bmp" => format!(
            "a {} image, which cannot be printed here",
            ext.to_uppercase()
        ),
        // The reason in English, without the Markdown line it would be placed at.
        _ => {
            let message = match e {
                Error::Input(i) => i.message.clone(),
                other => other.to_string(),
            };
            message.split(" / ").next().unwrap_or_default().to_owned()
        }
    };
    let caption: String = p.caption.iter().map(|i| i.text.as_str()).collect();
    let caption = caption.trim();
    let and_caption = if caption.is_empty() {
        String::new()
    } else {
        format!(", nor its caption «{caption}»")
    };
    format!(
        "the picture {} is not printed{and_caption}: it is {what}; in Word, right-click it → 另存为图片 (save as PNG or JPEG) and insert the saved picture in its place / 图片{}未排出：请在 Word 中右键“另存为图片”（PNG 或 JPEG），再插入原处",
        p.src,
        if caption.is_empty() {
            String::new()
        } else {
            "及其说明".to_owned()
        }
    )
}

/// Reads the photo an article names (relative to the article's folder) or carries,
/// and places it. Every failure points at the image in the article.
fn load_photo(
    place: &Place<'_>,
    p: &mut article::Photo,
    style: &Style,
    n: usize,
) -> Result<(PhotoFile, Option<String>)> {
    let at = |message: String, help: &str| place.error(p.offset, p.src.len().max(1), message, help);
    let (bytes, origin, name, path) = match &p.data {
        Some(data) => (
            data.clone(),
            format!("{} in {}", p.src, place.path.display()),
            p.src.clone(),
            None,
        ),
        None => {
            let src = p.src.trim();
            if src.contains("://") {
                return Err(at(
                    format!(
                        "the image {src} is on the web; photos are read from files / 图片须为本地文件"
                    ),
                    "download the photo into the issue's folder and name the file / 请把图片下载到期刊文件夹中，再填写文件名",
                ));
            }
            if src.is_empty() {
                return Err(at(
                    "the image names no file / 图片没有文件名".into(),
                    "write the photo's file name: ![说明](photo.jpg) / 请写明图片文件名",
                ));
            }
            let dir = place.path.parent().unwrap_or(Path::new("."));
            let mut file = dir.join(src);
            let mut src = std::borrow::Cow::Borrowed(src);
            // `签约%20照片.jpg`: a space as a URL writes it (Typora, VS Code and
            // `jianbao import` write a name with spaces so). The name as written when
            // there is such a file, else as decoded.
            if src.contains('%')
                && !file.exists()
                && let Ok(decoded) = percent_encoding::percent_decode_str(&src).decode_utf8()
                && dir.join(&*decoded).exists()
            {
                file = dir.join(&*decoded);
                src = std::borrow::Cow::Owned(decoded.into_owned());
            }
            let loaded = place.loaded;
            if !loaded.file.allow_outside && !files::is_inside(loaded.base_dir(), &file) {
                return Err(at(
                    format!(
                        "the photo {} is outside the issue's folder / 图片不在期刊文件夹内",
                        file.display()
                    ),
                    "copy the photo into the issue's folder and name it from there; if you trust this issue file, put allow_outside = true at its top / 请把图片复制到期刊文件夹内",
                ));
            }
            let bytes =
                files::read_input(&file, loaded.file.limits.article_mb * MB).map_err(|e| {
                    let (msg, help) =
                        e.describe_named_in(("photo", "图片"), &file, files::NAMED_IN_ARTICLE);
                    at(msg, &help)
                })?;
            (
                std::sync::Arc::new(bytes),
                file.display().to_string(),
                src.into_owned(),
                Some(file),
            )
        }
    };
    let (mut file, warning) =
        photo::read(&bytes, &name, p.want, style, origin).map_err(|e| at(e.message, &e.help))?;
    let ext = if file.format == image::ImageFormat::Jpeg {
        "jpg"
    } else {
        "png"
    };
    file.vpath = format!("/photos/{n}.{ext}");
    file.path = path;
    p.file = file.vpath.clone();
    (p.width, p.height) = file.placed;
    Ok((file, warning))
}

/// Extensions of files that are not plain text, with what they are.
const NOT_TEXT: [(&str, &str); 1] = [("pdf", "a PDF file")];

/// Resolves an article path (relative to the issue file) and reads it. Every failure
/// points at the `file = ` value in the issue file.
fn read_article(loaded: &LoadedIssueFile, file: &Spanned<String>) -> Result<(PathBuf, Vec<u8>)> {
    let rel = file.get_ref();
    let here =
        |msg: String, help: &str| -> Error { loaded.error_at(file.span(), msg).help(help).into() };
    if rel.trim().is_empty() {
        return Err(here(
            "article.file is empty / 文章文件名为空".into(),
            "write the article's file name, e.g. file = \"01-article.txt\" / 请填写文章文件名，如 file = \"01-article.txt\"",
        ));
    }
    // A Windows path whose backslash TOML read as an escape (稿件\tongzhi.txt: \t a
    // tab, \n a line break, \r, \b, \f): the name printed garbled, with a line break in
    // it (QA14 F 04). (Other escapes are refused by TOML, with the same advice.)
    let escaped = |c: char| match c {
        '\t' => Some("\\t"),
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        '\u{8}' => Some("\\b"),
        '\u{c}' => Some("\\f"),
        _ => None,
    };
    if rel.chars().any(|c| escaped(c).is_some()) {
        let typed: String = rel
            .chars()
            .map(|c| escaped(c).map_or_else(|| c.to_string(), str::to_owned))
            .collect();
        return Err(here(
            format!(
                "article.file «{typed}» has a backslash in it, which in quotes starts an escape: \\t was read as a tab, \\n as a line break / 文件名中的反斜杠在引号内是转义符（\\t 被读成制表符，\\n 被读成换行）"
            ),
            &format!(
                "write the path with / instead of \\: file = \"{}\" (it works on Windows too) / 路径请用 / 分隔，Windows 下同样有效",
                typed.replace('\\', "/")
            ),
        ));
    }
    let path = loaded.base_dir().join(rel);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    // Word's lock file (~$…docx, a few hundred bytes beside a document open in Word;
    // tab completion picks it): named as such, with the document beside it.
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if let Some(rest) = name.strip_prefix("~$")
        && matches!(ext.as_deref(), Some("docx" | "doc" | "wps"))
    {
        let beside: Vec<String> = std::fs::read_dir(path.parent().unwrap_or(loaded.base_dir()))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| !n.starts_with("~$") && n.ends_with(rest))
            .collect();
        let help = match beside.as_slice() {
            [one] => format!("name the document itself: file = \"{one}\" / 请填写文档本身的文件名：{one}"),
            _ => "name the document itself, not its ~$ lock file (close Word and the lock file goes) / 请填写文档本身的文件名，而不是 ~$ 开头的锁定文件".to_owned(),
        };
        return Err(here(
            format!(
                "{} is the lock file Word keeps beside a document while it is open, not the document / 这是 Word 打开文档时生成的锁定文件，不是文档本身",
                path.display()
            ),
            &help,
        ));
    }
    if !loaded.file.allow_outside && !files::is_inside(loaded.base_dir(), &path) {
        return Err(here(
            format!(
                "{} is outside the issue's folder / 文章文件不在期刊文件所在的文件夹内",
                path.display()
            ),
            "copy the article into the issue's folder (or a folder below it) and name it from there; if you trust this issue file, put allow_outside = true at its top / 请把文章复制到期刊文件夹内；如确信此期刊文件可靠，可在文件开头写 allow_outside = true",
        ));
    }
    let limit = match is_word_file(&path) {
        true => issue_file::WORD_FILE_FACTOR * loaded.file.limits.article_mb,
        false => loaded.file.limits.article_mb,
    };
    let bytes = files::read_input(&path, limit * MB).map_err(|p| {
        let (msg, help) = p.describe(("article file", "文章文件"), &path);
        here(msg, &help)
    })?;
    // A PDF by its bytes too: a Word file renamed .pdf is said as what it is when it is
    // read (it was called a PDF file, and told to be saved as text).
    if let Some((_, what)) = NOT_TEXT.iter().find(|(e, _)| Some(*e) == ext.as_deref())
        && bytes.starts_with(b"%PDF-")
    {
        return Err(here(
            format!(
                "{} is {what}, not a plain text file / 这不是纯文本文件",
                path.display()
            ),
            "save it as plain text (另存为 → 纯文本 .txt, UTF-8) or Markdown (.md) and name that file here / 请另存为纯文本（.txt，UTF-8）或 Markdown（.md），再在此处填写新文件名",
        ));
    }
    // A web page saved from the browser (a 公众号 article as .html): its source printed,
    // <!DOCTYPE html> and all (QA12 B 11).
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    // A single-file web page (.mht, as Word and many OA systems save one) and an XML
    // document other than a Word file's (Word 2003 XML): their markup printed as the
    // text, MIME-Version: 1.0 and all (QA15 H 04).
    let mime = matches!(ext.as_deref(), Some("mht" | "mhtml")) || head.starts_with("mime-version:");
    if !is_word_file(&path) && (mime || head.starts_with("<?xml")) {
        let what = match mime {
            true => {
                "a single-file web page (.mht), not a plain text or Word file: its markup would print / 这是单个文件网页（.mht），不是纯文本或 Word 文件"
            }
            false => {
                "an XML document, not a plain text or Word file: its tags would print / 这是 XML 文档，不是纯文本或 Word 文件"
            }
        };
        return Err(here(
            format!("{} is {what}", path.display()),
            "open it in Word, WPS or LibreOffice and save it as a Word document (另存为 .docx), and name that file here / 请用 Word、WPS 或 LibreOffice 打开后另存为 .docx，再在此处填写该文件名",
        ));
    }
    // (A web page saved with a Word name is the Word reader's to name.)
    if !is_word_file(&path) && (head.starts_with("<!doctype html") || head.starts_with("<html")) {
        return Err(here(
            format!(
                "{} is a web page (HTML), not a plain text file: its tags would print / 这是网页（HTML）文件，不是纯文本",
                path.display()
            ),
            "open it in the browser, copy the article's text and paste it into a .txt or .md file, and name that file here (or save the page as text: 另存为 → 文本文件) / 请在浏览器中打开，复制正文粘贴到 .txt 或 .md 文件中，再在此处填写该文件名",
        ));
    }
    Ok((path, bytes))
}

impl Style {
    /// The style with the wide-coverage fallback appended to every role.
    pub fn with_wide_fallback(mut self) -> Self {
        self.fonts = self.fonts.with_wide_fallback();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words an editor typed too are taken off, as a pair that encloses the value,
    /// or one side alone when the other is nowhere in it; a bracket of the value's own
    /// stays (QA13 A 03: `党委办公室（党委宣传部）` printed `（党委办公室（党委宣传部）`).
    #[test]
    fn typed_words_come_off_and_the_values_own_brackets_stay() {
        let byline = Affix::new("（", "）");
        let bare = |v: &str| byline.bare(v.to_owned());
        assert_eq!(bare("党委办公室（党委宣传部）"), "党委办公室（党委宣传部）");
        assert_eq!(bare("（综合处）"), "综合处");
        assert_eq!(bare("(综合处)"), "综合处");
        assert_eq!(bare("（综合处"), "综合处");
        assert_eq!(bare("综合处）"), "综合处");
        assert_eq!(bare("（综合处）供稿"), "（综合处）供稿");
        assert_eq!(bare("（一）区（二）"), "（一）区（二）");
        assert_eq!(
            bare("（市委办公室（市委督查室））"),
            "市委办公室（市委督查室）"
        );
        let column = Affix::new("【", "】");
        assert_eq!(column.bare("【一线传真】".to_owned()), "一线传真");
        let label = Affix::new("", "：");
        assert_eq!(label.bare("报:".to_owned()), "报");
        assert_eq!(label.bare("报".to_owned()), "报");
    }

    /// The PDF's title: the issuer before the name; joint issuers apart (QA6: they ran
    /// together, «…改革委员会江岭市推进…»).
    #[test]
    fn the_archive_title_keeps_joint_issuers_apart() {
        assert_eq!(
            archive_title("简　报", Some("青川市第十七届人民代表大会第五次会议")),
            "青川市第十七届人民代表大会第五次会议简报"
        );
        assert_eq!(
            archive_title(
                "工作简报",
                Some("江岭市发展和改革委员会\n江岭市城乡融合领导小组")
            ),
            "江岭市发展和改革委员会 江岭市城乡融合领导小组 工作简报"
        );
        assert_eq!(
            archive_title("大会简报", Some("政协江岭市第十届委员会\n第五次会议秘书处")),
            "政协江岭市第十届委员会第五次会议秘书处大会简报"
        );
        assert_eq!(archive_title("Work News", None), "Work News");
    }
}
