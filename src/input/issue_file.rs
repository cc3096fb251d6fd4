//! The issue file (`ISSUE.toml`): what an editor writes, parsed with serde.
//!
//! This is the *read* stage: these structs mirror the file one to one, keep the
//! spans of the values that later stages may have to point back to (article paths,
//! free text), and know nothing of Typst. `model/` turns them into the finished
//! model. `examples/issue.toml` documents every field.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::{InputError, Result};
use crate::model::style::Style;

/// A whole issue file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueFile {
    /// The bulletin: the same for every issue of a series.
    pub bulletin: Bulletin,
    /// This issue: its number and date (every key optional).
    #[serde(default)]
    pub issue: IssueInfo,
    /// The articles, in print order.
    #[serde(default, rename = "article")]
    pub articles: Vec<ArticleEntry>,
    /// The footer block (报尾) at the foot of the last page.
    #[serde(default)]
    pub footer: Option<Footer>,
    /// Layout settings: page, grid, fonts and sizes by role. Every field has a default.
    #[serde(default)]
    pub style: Style,
    /// The print profile (bleed, marks, colours, PDF/A). Command-line flags override it.
    #[serde(default)]
    pub print: PrintProfile,
    /// Extra font directories, relative to the issue file, searched before the shipped fonts.
    #[serde(default)]
    pub font_dirs: Vec<Spanned<String>>,
    /// Let article files and `font_dirs` lie outside the issue file's folder (or be
    /// absolute paths). Off by default: an issue file received from another office
    /// cannot print or rewrite files elsewhere on this computer.
    #[serde(default)]
    pub allow_outside: bool,
    /// Guards against a wrong file: the largest article, all articles together, the
    /// most pages.
    #[serde(default)]
    pub limits: Limits,
    /// The series file this issue builds on (relative to the issue file): its
    /// `[bulletin]`, `[footer]`, `[style]`, `[print]`, `[limits]` and `font_dirs` hold
    /// for every issue; this file holds what changes and may override any key.
    #[serde(default)]
    pub series: Option<Spanned<String>>,
    /// In a series file: the issue number starts again at 1 in a new year
    /// (`"yearly"`) or never (`"never"`, the default); `total` always goes on.
    #[serde(default)]
    pub number_resets: NumberResets,
    /// The words the layouts print around the values (【…】, 责任编辑：…, 共印…份):
    /// every key has a default, an office that words them otherwise sets them here.
    #[serde(default)]
    pub labels: LabelsFile,
    /// `[check]`: what `check` and the build's punctuation warning leave alone.
    #[serde(default)]
    pub check: CheckFile,
}

/// `[check]`: text that is right as typed, though the punctuation rules would list it.
#[derive(Debug, Default, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct CheckFile {
    /// Phrases right as typed, e.g. a 连接号 the rules ask about: `accept =
    /// ["沿江—沿海"]`. A finding inside one of them is not listed, not counted
    /// and not fixed, in every article.
    #[serde(default)]
    pub accept: Vec<Spanned<String>>,
}

impl CheckFile {
    /// Whether `span` of `text` lies inside an accepted phrase.
    pub fn accepts(&self, text: &str, span: &Range<usize>) -> bool {
        self.accept.iter().any(|p| {
            let p = p.get_ref();
            !p.is_empty()
                && text
                    .match_indices(p.as_str())
                    .any(|(at, _)| at <= span.start && span.end <= at + p.len())
        })
    }
}

/// `[labels]`: the words printed around the values. A key with `{}` is a pattern, the
/// value goes where `{}` is; the others are printed as written. Unset keys take the
/// defaults in [`crate::model::Labels`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelsFile {
    /// The heading of the table of contents: 本期要目.
    pub contents: Option<Spanned<String>>,
    /// The label of the 领导批示 box: 领导批示：.
    pub instruction: Option<Spanned<String>>,
    /// The label of an article's note: 按语 (the issue's is `[issue] note_label`).
    pub article_note: Option<Spanned<String>>,
    /// After a note's label, run in: `{}：` (编者按：).
    pub note: Option<Spanned<String>>,
    /// Around a column label: `【{}】`.
    pub column: Option<Spanned<String>>,
    /// Around a byline: `（{}）`.
    pub byline: Option<Spanned<String>>,
    /// The issue number: `第{}期`.
    pub number: Option<Spanned<String>>,
    /// A supplement's number: `增刊第{}期`.
    pub supplement: Option<Spanned<String>>,
    /// The cumulative number, in Chinese numerals, after the issue number: `（总第{}期）`.
    pub total: Option<Spanned<String>>,
    /// After a distribution list's label (报, 送, 发): `{}：`.
    pub distribution: Option<Spanned<String>>,
    /// The editors in charge: `责任编辑：{}`.
    pub editors: Option<Spanned<String>>,
    /// The contact line (phone, e-mail, address): `联系方式：{}`.
    pub contact: Option<Spanned<String>>,
    /// The address in the contact line: `地址：{}`.
    pub address: Option<Spanned<String>>,
    /// The approval number: `批准文号：{}`.
    pub approval: Option<Spanned<String>>,
    /// The print run: `共印{}份`.
    pub print_count: Option<Spanned<String>>,
    /// The page number: `— {} —`.
    pub page_number: Option<Spanned<String>>,
}

/// When the issue number starts again at 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberResets {
    #[default]
    Never,
    Yearly,
}

/// A series file as read: its path and text. The spans of the values it gives are
/// offset by `offset` (past the end of the issue file's text), so that every span
/// says which file it is in.
#[derive(Debug, Clone)]
pub struct SeriesText {
    pub path: PathBuf,
    pub text: String,
    pub offset: usize,
}

/// Limits on what a build reads and lays out (`[limits]`). A real bulletin stays
/// far below them; a wrong file (a log, a data dump, a device) is refused at once
/// with its size instead of taking minutes and gigabytes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// The largest article file, in MB (MiB), and the largest photo; a Word file,
    /// which holds its photos, may be [`WORD_FILE_FACTOR`] times as large (three phone
    /// photos make a .docx of 22 MB). Default 20.
    pub article_mb: u64,
    /// All text and Markdown article files together, in MB (MiB). Word files, mostly
    /// their photos, are not counted, as photos beside a .md are not. Default 20.
    pub issue_mb: u64,
    /// The most pages the articles may fill, estimated before layout (every
    /// paragraph at least one line of the grid). Default 500.
    pub pages: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            article_mb: 20,
            issue_mb: 20,
            pages: 500,
        }
    }
}

/// How many times `[limits] article_mb` a Word file may be (QA15 H 01: a .docx of three
/// phone photos was refused, and the limit raised as told refused it again, as the
/// issue's whole).
pub(crate) const WORD_FILE_FACTOR: u64 = 10;

/// The largest issue file read, in bytes: an issue file is a few kilobytes.
pub(crate) const ISSUE_FILE_LIMIT: u64 = 4 * crate::output::files::MB;

/// The bulletin's masthead (报头) data.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bulletin {
    /// The issuing body printed over the title, smaller (a two-level masthead):
    /// 黑龙江省革命委员会 over 情况简报. A line each where it has `\n` (a joint
    /// secretariat's two bodies); a line too wide is compressed, and that is said.
    #[serde(default)]
    pub issuer: Option<Spanned<String>>,
    /// The title printed huge and red: 联络动态.
    pub title: Spanned<String>,
    /// The pinyin or English line under the title: LIANLUODONGTAI.
    #[serde(default)]
    pub pinyin: Option<Spanned<String>>,
    /// The editing unit, printed at the left over the red rule: ……委员会编.
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
    /// Marks printed at the top left of page 1, e.g. ["内部资料", "注意保存"].
    #[serde(default)]
    pub marks: Vec<Spanned<String>>,
    /// A security classification (密级) printed at the top left, e.g. 秘密.
    #[serde(default)]
    pub secrecy: Option<Spanned<String>>,
    /// A copy number (份号) printed at the top left, in quotes or as a number
    /// (`copy_number = 27` prints 000027).
    #[serde(default, deserialize_with = "text_or_number")]
    pub copy_number: Option<Spanned<String>>,
    /// A 领导批示 box under the red rule on page 1, this many body lines high, for the
    /// leaders' handwritten instructions (信息专报); 0 or absent: none.
    #[serde(default)]
    pub instruction_lines: Option<Spanned<u8>>,
}

/// Numbering and date of this issue.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueInfo {
    /// The issue number within the year: 19 prints 第19期. Absent: no 第…期.
    #[serde(default)]
    pub number: Option<Spanned<u32>>,
    /// The cumulative number: 563 prints (总第五百六十三期).
    #[serde(default)]
    pub total: Option<Spanned<u32>>,
    /// The date of the issue, a TOML date: 2018-07-04 prints 2018年7月4日. Absent: no date.
    #[serde(default)]
    pub date: Option<Spanned<toml::value::Datetime>>,
    /// A supplement (增刊) instead of a regular issue: prints 增刊第N期.
    #[serde(default)]
    pub supplement: bool,
    /// The issue line as written, instead of 第N期（总第…期）: 〔第三期〕.
    #[serde(default)]
    pub label: Option<Spanned<String>>,
    /// How the date is written: "arabic" 2018年7月4日 (default), "chinese" 二〇一八年七月四日,
    /// or, for a monthly bulletin dated by its month, "month" 2018年7月 and
    /// "chinese_month" 二〇一八年七月 (the day of `date` is then not printed).
    #[serde(default)]
    pub date_style: DateStyle,
    /// Words after the date: 印发 prints 1957年7月30日印发; a space first sets them a
    /// full-width space apart, as a 大会简报 gives its hour: "　22时" prints
    /// 2026年1月13日　22时.
    #[serde(default)]
    pub date_suffix: Option<Spanned<String>>,
    /// 本期要目 under the masthead: the titles with the page each starts on.
    #[serde(default)]
    pub contents: bool,
    /// The issue's 编者按 after the masthead (paragraphs on lines of their own).
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    /// The 编者按 from a file (.txt, .md or a Word file), relative to the issue file.
    #[serde(default)]
    pub note_file: Option<Spanned<String>>,
    /// The label of the 编者按 (按语, 编者的话); default 编者按; "" prints none.
    #[serde(default)]
    pub note_label: Option<Spanned<String>>,
}

/// How a date is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    /// 2018年7月4日.
    #[default]
    Arabic,
    /// 二〇一八年七月四日.
    Chinese,
    /// 2018年7月: a monthly bulletin's date.
    Month,
    /// 二〇一八年七月.
    ChineseMonth,
}

/// One article of the issue.
#[derive(Debug, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleEntry {
    /// The column label without brackets: 工作研究 prints 【工作研究】.
    #[serde(default)]
    pub column: Option<Spanned<String>>,
    /// The title. A line break (\n) in it is kept as a line break. Absent: an untitled
    /// article (a bulletin of one report).
    #[serde(default)]
    pub title: Option<Spanned<String>>,
    /// A line under the title, printed as written: （摘录）, ——在……上的讲话.
    #[serde(default)]
    pub subtitle: Option<Spanned<String>>,
    /// The author under the title (and subtitle), centred in the byline's 楷体, printed
    /// as written: 市人大常委会研究室　王一平 (as 调研报告 are signed; a 供稿 line at the
    /// article's end is `byline`).
    #[serde(default)]
    pub author: Option<Spanned<String>>,
    /// What 本期要目 lists for this article instead of its title: the entry of an
    /// untitled article (社区短讯（4则）), or a long title shortened.
    #[serde(default)]
    pub contents_title: Option<Spanned<String>>,
    /// The byline without parentheses: 选举任免处 王水清供稿 prints (选举任免处 王水清供稿).
    #[serde(default)]
    pub byline: Option<Spanned<String>>,
    /// The article's text file, relative to the issue file: `.md` (CommonMark) or `.txt`.
    pub file: Spanned<String>,
    /// The article's 按语 (编者按), printed before its body.
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    /// Number the headings (一、（一）1.（1）) — false keeps them as the author wrote them.
    #[serde(default = "yes")]
    pub numbering: bool,
    /// Whether 本期要目 lists this article (default true): false leaves its entry out,
    /// as a contents that runs past page 1 is shortened (QA12 C 14: the advice to leave
    /// entries out had no key to do it with).
    #[serde(default = "yes")]
    pub in_contents: bool,
}

fn yes() -> bool {
    true
}

/// The footer block (版记 / 报尾).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    /// Distribution lists in print order: 报 (superiors), 送 (peers), 发 (subordinates)…
    #[serde(default)]
    pub distribution: Vec<Distribution>,
    /// A one-off note such as 本期增发……
    #[serde(default)]
    pub extra: Option<Spanned<String>>,
    /// 责任编辑, one name an entry.
    #[serde(default)]
    pub editors: Vec<Spanned<String>>,
    /// 联系方式.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// The approval (准印证 / 批准文号) number.
    #[serde(default)]
    pub approval: Option<Spanned<String>>,
    /// The print run: 500 (or "2,065") prints 共印500份.
    #[serde(default)]
    pub print_count: Option<Spanned<PrintCount>>,
    /// Where 共印N份 goes: "row" (its own row, at the right; default), "end" (after the
    /// last distribution list) or "editors" (at the right of the 责任编辑 line).
    #[serde(default)]
    pub print_count_placement: Placement,
    /// The office that issues it, for GB/T 9704's 版记 line: ……办公室　2018年7月4日印发.
    #[serde(default)]
    pub issued_by: Option<Spanned<String>>,
    /// The date of that line (a TOML date).
    #[serde(default)]
    pub issued_on: Option<Spanned<toml::value::Datetime>>,
}

/// A text that may be written as a number (`copy_number = 27`): read as its figures.
fn text_or_number<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Spanned<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Text(String),
        Number(u64),
        Other(serde::de::IgnoredAny),
    }
    let v: Option<Spanned<Written>> = Option::deserialize(d)?;
    v.map(|s| {
        let span = s.span();
        match s.into_inner() {
            Written::Text(t) => Ok(Spanned::new(span, t)),
            Written::Number(n) => Ok(Spanned::new(span, n.to_string())),
            Written::Other(_) => Err(serde::de::Error::custom(
                "invalid type: expected a number such as 27 or a text such as \"000027\"",
            )),
        }
    })
    .transpose()
}

/// A print run as a number (500) or as written ("2,065").
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum PrintCount {
    Number(u32),
    Text(String),
}

/// Where 共印N份 goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    #[default]
    Row,
    End,
    Editors,
}

/// One distribution list: a label and its recipients.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// 送, 报, 发, 抄送, or the office's own word; printed with a full-width colon.
    pub label: Spanned<String>,
    /// The recipients, one line (entry) each, in order, unless `join` is set.
    pub recipients: Vec<Spanned<String>>,
    /// Run the recipients on, with this between them (`join = "，"` or `"、"`), as
    /// GB/T 9704 prints 抄送: a list of one unit an entry then takes a line or two,
    /// not a line each. Unset: every entry is a line of its own.
    #[serde(default)]
    pub join: Option<Spanned<String>>,
}

/// How readers reach the editors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub phone: Option<Spanned<String>>,
    #[serde(default)]
    pub email: Option<Spanned<String>>,
    #[serde(default)]
    pub address: Option<Spanned<String>>,
}

/// The print profile.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintProfile {
    /// Bleed on every side, e.g. "3mm". None: the PDF is exactly the trim size.
    #[serde(default)]
    pub bleed: Option<Spanned<String>>,
    /// Draw crop marks outside the bleed.
    #[serde(default)]
    pub crop_marks: bool,
    /// Write a PDF/A-2b archival file instead of the print file.
    #[serde(default)]
    pub pdfa: bool,
    /// The printer's red, over `[style.red]`: `{ cmyk = [0, 100, 100, 0] }`, optionally
    /// with `spot = "PANTONE 485 C"`.
    #[serde(default)]
    pub red: Option<crate::model::style::Colour>,
    /// Fit the issue to this many pages: the blank lines between articles and the
    /// masthead's spare lines are given up as needed (never the body grid or a size);
    /// an issue that is still longer stops the build with the lines over.
    #[serde(default)]
    pub pages: Option<Spanned<u32>>,
    /// The inks of the press: `"two"` (red and black, the default: every photo is
    /// printed in black, as gray). `"four"` (CMYK photos) is not built yet and is
    /// refused with a message rather than printed wrong.
    #[serde(default)]
    pub colours: Option<Spanned<String>>,
    /// `"x-1a"`: the printer's file as PDF/X-1a:2003 (what print shops ask for: CMYK
    /// and spot only, no transparency, fonts embedded, its output condition named).
    /// `"x-4"` is not built yet and refused.
    #[serde(default)]
    pub pdfx: Option<Spanned<String>>,
    /// The PDF/X output condition: a characterization registered with the ICC
    /// (default `"FOGRA39"`; e.g. `"JC200103"` for Japan Color 2001 Coated).
    #[serde(default)]
    pub output_condition: Option<String>,
    /// The press's CMYK ICC profile (relative to the issue file), embedded in the PDF/X
    /// output intent: needed for `pdfx = "x-4"`, optional for X-1a. The print shop
    /// gives it, or it is the profile of its standard (ECI's ISOcoated_v2 for FOGRA39).
    #[serde(default)]
    pub output_profile: Option<Spanned<String>>,
    /// Black (100 % K) text and rules overprint what is under them (`op`/`OP` true,
    /// `OPM 1`), so that a plate slightly out of register leaves no white halo round
    /// them. On in a PDF/X file unless `false`; `true` sets it in every printer's file.
    #[serde(default)]
    pub overprint: Option<bool>,
}

/// The issue file as read: its path, its text, and the parsed structure.
#[derive(Debug)]
pub struct LoadedIssueFile {
    pub path: PathBuf,
    pub text: String,
    pub file: IssueFile,
    /// The series file the issue builds on, if any.
    pub series: Option<SeriesText>,
}

impl LoadedIssueFile {
    /// The directory article paths are relative to.
    pub fn base_dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// The issue file's `font_dirs`, resolved against its folder; each must be a
    /// readable folder, or the error points at its entry.
    pub fn font_dirs(&self) -> Result<Vec<PathBuf>> {
        self.file
            .font_dirs
            .iter()
            .map(|d| {
                let base = self.dir_of(d.span());
                let path = base.join(d.get_ref());
                if !self.file.allow_outside && !crate::output::files::is_inside(base, &path) {
                    return Err(self
                        .error_at(
                            d.span(),
                            format!(
                                "the font folder {} is outside the issue's folder / 字体文件夹不在期刊文件所在的文件夹内",
                                path.display()
                            ),
                        )
                        .help("give it on the command line instead (--font-dir DIR), or, if you trust this issue file, put allow_outside = true at its top / 请改用命令行 --font-dir 指定；如确信此期刊文件可靠，可在文件开头写 allow_outside = true")
                        .into());
                }
                font_dir_problem(&path)
                    .map(|(msg, help)| Err(self.error_at(d.span(), msg).help(help).into()))
                    .unwrap_or(Ok(path))
            })
            .collect()
    }

    /// The span of a key's value in the issue file (`["style", "page", "top"]`), or of
    /// the nearest table above it that is written; the whole file when none is.
    pub fn span_of(&self, key: &[&str]) -> Range<usize> {
        let own = span_in(&self.text, key);
        match (&own, &self.series) {
            (Some(_), _) | (None, None) => own.unwrap_or(0..0),
            (None, Some(s)) => {
                span_in(&s.text, key).map_or(0..0, |r| r.start + s.offset..r.end + s.offset)
            }
        }
    }

    /// The file a span of the (merged) issue is in, that file's text, and the span
    /// within it: the series file for values the issue takes from it.
    pub fn source_of(&self, span: Range<usize>) -> (&Path, &str, Range<usize>) {
        match (&self.series, self.series_span(&span)) {
            (Some(s), Some(local)) => (&s.path, &s.text, local),
            _ => (&self.path, &self.text, span),
        }
    }

    /// The span within the series file, for a span of a value the issue takes from it.
    pub fn series_span(&self, span: &Range<usize>) -> Option<Range<usize>> {
        let s = self.series.as_ref().filter(|s| span.start >= s.offset)?;
        Some(span.start - s.offset..span.end.saturating_sub(s.offset))
    }

    /// The folder a path given at `span` is relative to: the series file's for a value
    /// from it, else the issue file's.
    pub fn dir_of(&self, span: Range<usize>) -> &Path {
        let (file, _, _) = self.source_of(span);
        match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        }
    }

    /// A warning at a span of the issue file (or of its series file):
    /// `file:line:col: message`.
    pub fn note_at(&self, span: Range<usize>, message: &str) -> String {
        let (path, text, span) = self.source_of(span);
        let (line, col) = crate::error::line_col(text, span.start);
        format!("{}:{line}:{col}: {message}", path.display())
    }

    /// An error pointing at a span of the issue file (or of its series file).
    pub fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> InputError {
        let (path, text, span) = self.source_of(span);
        InputError::at(path, text, span, message)
    }
}

/// The span of a key's value in a TOML text, or of the nearest table above it that is
/// written there; none when not even the first table is.
fn span_in(text: &str, key: &[&str]) -> Option<Range<usize>> {
    let (span, _) = find_key(text, key)?;
    (span != (0..0)).then_some(span)
}

/// Whether a text's TOML gives this very key (`style.page.chars`), not only a table
/// on its way.
fn has_key(text: &str, key: &[&str]) -> bool {
    find_key(text, key).is_some_and(|(_, whole)| whole)
}

/// The span of a key path in a text's TOML, as far as it goes (an implicit table,
/// `[style.page]` without `[style]`, has no span of its own: the last one found
/// stands), and whether the whole path is there. None when the text is no TOML.
fn find_key(text: &str, key: &[&str]) -> Option<(Range<usize>, bool)> {
    let root = toml::de::DeTable::parse(text).ok()?;
    let mut span = 0..0;
    let mut table = root.get_ref();
    for (i, k) in key.iter().enumerate() {
        let Some((name, value)) = table.iter().find(|(name, _)| name.get_ref() == k) else {
            return Some((span, false));
        };
        if value.span() != (0..0) {
            span = value.span();
        } else if name.span() != (0..0) {
            span = name.span();
        }
        match value.get_ref() {
            _ if i + 1 == key.len() => return Some((span, true)),
            toml::de::DeValue::Table(t) => table = t,
            _ => return Some((span, false)),
        }
    }
    Some((span, false))
}

/// Checks a font folder given with `--font-dir`.
pub(crate) fn check_font_dir(path: &Path) -> Result<()> {
    match font_dir_problem(path) {
        None => Ok(()),
        Some((msg, help)) => Err(InputError::file(path, msg).help(help).into()),
    }
}

/// What is wrong with a font folder, if anything: (message, help).
fn font_dir_problem(path: &Path) -> Option<(String, &'static str)> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some((
            format!(
                "font folder not found: {} / 找不到字体文件夹",
                path.display()
            ),
            "check the path; font_dirs in the issue file are relative to it / 检查路径；期刊文件中的 font_dirs 相对于期刊文件",
        )),
        Err(e) => Some((
            format!(
                "cannot open font folder {}: {e} / 无法打开字体文件夹",
                path.display()
            ),
            "check the folder's permissions / 检查文件夹权限",
        )),
        Ok(m) if !m.is_dir() => Some((
            format!(
                "{} is a file, not a folder of fonts / 这是文件，不是字体文件夹",
                path.display()
            ),
            "name the folder that holds the .ttf/.otf/.ttc files / 请填写存放 .ttf/.otf/.ttc 字体文件的文件夹",
        )),
        Ok(_) => std::fs::read_dir(path).err().map(|e| {
            (
                format!(
                    "cannot read font folder {}: {e} / 无法读取字体文件夹",
                    path.display()
                ),
                "check the folder's permissions / 检查文件夹权限",
            )
        }),
    }
}

/// Reads and parses an issue file.
pub(crate) fn load(path: &Path) -> Result<LoadedIssueFile> {
    if path.is_dir() {
        // The issue files in it, named as they are to be typed (a folder holding one
        // is taken for it by the commands that build one issue, QA14 F 07).
        let inside = crate::series::issue_files(path);
        let named: Vec<String> = inside
            .iter()
            .take(3)
            .map(|p| p.display().to_string())
            .collect();
        let help = match named.len() {
            0 => "name the issue's .toml file, e.g. issues/2018-19/issue.toml; this folder holds none / 请指定期刊的 .toml 文件（此文件夹中没有）".to_owned(),
            _ => format!(
                "name one issue's .toml file: {}{} / 请指定其中一期的 .toml 文件",
                named.join(", "),
                if inside.len() > 3 { ", …" } else { "" }
            ),
        };
        return Err(InputError::file(
            path,
            "this is a folder, not an issue file / 这是文件夹，不是期刊文件",
        )
        .help(help)
        .into());
    }
    // An article given where the issue file goes (`build 稿件.txt`): its text read as
    // TOML gave a syntax error whose help, followed, would have spoilt the article.
    if crate::input::is_article_file(path) {
        return Err(InputError::file(
            path,
            "this is an article, not an issue file / 这是稿件，不是期刊文件",
        )
        .help("build the issue file (.toml) that lists it under [[article]] (file = \"…\"); jianbao new DIR writes one to start from / 请对列出该稿件的期刊文件（.toml）执行 build")
        .into());
    }
    let bytes = crate::output::files::read_input(path, ISSUE_FILE_LIMIT).map_err(|p| {
        let (msg, help) = p.describe_named_in(
            ("issue file", "期刊文件"),
            path,
            crate::output::files::ON_THE_COMMAND_LINE,
        );
        InputError::file(
            path,
            format!("cannot read the issue file / 无法读取期刊文件: {msg}"),
        )
        .help(help)
    })?;
    let text = crate::input::text_input::decode(path, &bytes)?.text;
    // Nothing but spaces or comments (a save caught half-way, a file saved empty): it
    // was told of a missing key `bulletin`, to add "to this table" (QA17 L 07).
    if text.lines().all(|l| {
        l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
            .is_empty()
            || l.trim_start().starts_with('#')
    }) {
        return Err(InputError::file(
            path,
            "the issue file is empty / 期刊文件是空的",
        )
        .help("write the issue in it ([bulletin], [issue], an [[article]] for each article: examples/issue.toml shows them), or run jianbao new DIR for one to start from; if it was saved half-way, save it again / 请写入期刊内容（写法见 examples/issue.toml），或用 jianbao new 生成；如保存未完成，请重新保存")
        .into());
    }
    let series = read_series(path, &text)?;
    let mut file = parse_with(path, &text, series.as_ref())?;
    let given = |key: &[&str]| {
        has_key(&text, key) || series.as_ref().is_some_and(|s| has_key(&s.text, key))
    };
    if !given(&["style", "page", "chars"]) {
        file.style.chars_follow_body();
    }
    Ok(LoadedIssueFile {
        path: path.to_owned(),
        text,
        file,
        series,
    })
}

/// Parses the text of an issue file; errors carry the span of the offending key or value.
pub fn parse(path: &Path, text: &str) -> Result<IssueFile> {
    parse_with(path, text, None)
}

/// Finds and reads the series file an issue names (`series = "../series.toml"`).
/// It may lie in the issue's folder or the folder above it (where a series keeps its
/// issues' folders); further only with `allow_outside`.
fn read_series(path: &Path, text: &str) -> Result<Option<SeriesText>> {
    #[derive(Deserialize)]
    struct Head {
        #[serde(default)]
        series: Option<Spanned<String>>,
        #[serde(default)]
        allow_outside: bool,
    }
    // The rest of the file is checked when it is parsed whole.
    let Ok(head) = toml::from_str::<Head>(text) else {
        return Ok(None);
    };
    let Some(name) = head.series else {
        return Ok(None);
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let series_path = dir.join(name.get_ref());
    let here = |msg: String, help: String| -> crate::error::Error {
        InputError::at(path, text, name.span(), msg)
            .help(help)
            .into()
    };
    let allowed = head.allow_outside
        || crate::output::files::is_inside(dir, &series_path)
        || crate::output::files::is_inside(&dir.join(".."), &series_path)
            && series_path
                .parent()
                .is_some_and(|p| crate::output::files::same_file(p, &dir.join("..")));
    if !allowed {
        return Err(here(
            format!("the series file {} is neither in the issue's folder nor in the one above it / 系列文件不在期刊文件夹或其上一级文件夹中", series_path.display()),
            "keep series.toml beside the issues' folders (series = \"../series.toml\"), or put allow_outside = true at the top / 请把 series.toml 放在各期文件夹旁边".into(),
        ));
    }
    let bytes = crate::output::files::read_input(&series_path, ISSUE_FILE_LIMIT).map_err(|p| {
        let (msg, help) = p.describe(("series file", "系列文件"), &series_path);
        here(msg, help)
    })?;
    let series_text = crate::input::text_input::decode(&series_path, &bytes)?.text;
    Ok(Some(SeriesText {
        path: series_path,
        text: series_text,
        offset: text.len() + 1,
    }))
}

/// The values of a parsed TOML table with every span moved by `by` (a series file's
/// values, placed past the issue file's text).
fn shift_table(table: toml::de::DeTable<'_>, by: usize) -> toml::de::DeTable<'_> {
    let mut out = toml::de::DeTable::new();
    for (k, v) in table {
        let ks = k.span();
        out.insert(
            Spanned::new(ks.start + by..ks.end + by, k.into_inner()),
            shift_value(v, by),
        );
    }
    out
}

fn shift_value(v: Spanned<toml::de::DeValue<'_>>, by: usize) -> Spanned<toml::de::DeValue<'_>> {
    use toml::de::DeValue;
    let span = v.span();
    let value = match v.into_inner() {
        DeValue::Table(t) => DeValue::Table(shift_table(t, by)),
        DeValue::Array(mut a) => {
            for item in a.iter_mut() {
                let inner = std::mem::replace(item, Spanned::new(0..0, DeValue::Boolean(false)));
                *item = shift_value(inner, by);
            }
            DeValue::Array(a)
        }
        other => other,
    };
    Spanned::new(span.start + by..span.end + by, value)
}

/// The issue's table over the series': tables merge key by key, the issue's value
/// wins everywhere else (a list, an array of tables, a value).
fn merge_into<'i>(base: &mut toml::de::DeTable<'i>, over: toml::de::DeTable<'i>) {
    use toml::de::DeValue;
    // The issue's tables only: the series' bulletin, footer, style… stay.
    for (k, v) in over {
        let existing = base.iter_mut().find(|(bk, _)| bk.get_ref() == k.get_ref());
        match (existing, v.get_ref()) {
            (Some((_, bv)), DeValue::Table(_)) if matches!(bv.get_ref(), DeValue::Table(_)) => {
                let DeValue::Table(ot) = v.into_inner() else {
                    unreachable!()
                };
                if let DeValue::Table(bt) = bv.get_mut() {
                    merge_into(bt, ot);
                }
            }
            _ => {
                let old = base.keys().find(|bk| bk.get_ref() == k.get_ref()).cloned();
                if let Some(old) = old {
                    base.remove(&old);
                }
                base.insert(k, v);
            }
        }
    }
}

/// Parses an issue file over its series file, if it has one: errors point into the
/// file that holds the bad key.
fn parse_with(path: &Path, text: &str, series: Option<&SeriesText>) -> Result<IssueFile> {
    let located =
        |e: toml::de::Error, path: &Path, text: &str, shift: usize| -> crate::error::Error {
            let message = e.message().trim().to_owned();
            let span = e
                .span()
                .map(|s| s.start.saturating_sub(shift)..s.end.saturating_sub(shift));
            let (what, help) = toml_help(&message, text, span.clone());
            // The parser's words name our types for an untagged value: left out.
            // (And the parser's «string values must be quoted» beside our «without
            // quotes» for a number typed with its words: QA8 read them as contradicting.)
            let message = if message.contains("untagged enum")
                || (message.contains("must be quoted") && what.starts_with("a number is expected"))
            {
                what
            } else {
                match parser_words_plainly(&message) {
                    Some(plain) => format!("{what}: {plain}"),
                    None => what,
                }
            };
            let err = match span {
                Some(span) => InputError::at(path, text, span, message),
                None => InputError::file(path, message),
            };
            err.help(help).into()
        };
    let Some(series) = series else {
        return toml::from_str::<IssueFile>(text).map_err(|e| {
            // Every key the file's tables do not have, in the file's order, not the
            // first the parser met alone (QA7: fixed one, the next run named another,
            // and `by_line` on line 11 came before `titel` on line 10).
            let mut unknown = Vec::new();
            let mut blanked = text.to_owned();
            let mut next = Some(e);
            let mut other = None;
            while let Some(e) = next.take() {
                match e.span() {
                    Some(span) if e.message().contains("unknown field") && unknown.len() < 20 => {
                        // The key's line blanked (its bytes kept, so that places stay
                        // put), and the file read again for the next.
                        let start = blanked[..span.start].rfind('\n').map_or(0, |i| i + 1);
                        let mut end = blanked[span.start..]
                            .find('\n')
                            .map_or(blanked.len(), |i| span.start + i);
                        // An unknown table ([fotter]) with its keys, to the next table's
                        // header: its keys fell into the table before it, each said to
                        // belong elsewhere (QA12 C 13).
                        let header = |l: &str| {
                            let l = l.trim_start();
                            l.starts_with('[') && l.contains(']') && !l.contains('=')
                        };
                        if header(&blanked[start..end]) {
                            let mut at = end;
                            while at < blanked.len() {
                                let next_end = blanked[at + 1..]
                                    .find('\n')
                                    .map_or(blanked.len(), |i| at + 1 + i);
                                if header(&blanked[at + 1..next_end]) {
                                    break;
                                }
                                at = next_end;
                            }
                            end = at;
                        }
                        let line: String = blanked[start..end]
                            .chars()
                            .map(|c| {
                                if c == '\n' {
                                    "\n".to_owned()
                                } else {
                                    " ".repeat(c.len_utf8())
                                }
                            })
                            .collect();
                        blanked.replace_range(start..end, &line);
                        unknown.push((span.start, e));
                        next = toml::from_str::<IssueFile>(&blanked).err();
                    }
                    _ => other = Some(e),
                }
            }
            // One unknown key, or none (the error is another): as the parser said it.
            if unknown.len() < 2 {
                let first = unknown.pop().map(|(_, e)| e).or(other);
                if let Some(e) = first {
                    return located(e, path, text, 0);
                }
            }
            unknown.sort_by_key(|(at, _)| *at);
            crate::error::Error::Many(
                unknown
                    .into_iter()
                    .filter_map(|(_, e)| match located(e, path, text, 0) {
                        crate::error::Error::Input(one) => Some(*one),
                        _ => None,
                    })
                    .collect(),
            )
        });
    };
    let issue = toml::de::DeTable::parse(text).map_err(|e| located(e, path, text, 0))?;
    let base = toml::de::DeTable::parse(&series.text)
        .map_err(|e| located(e, &series.path, &series.text, 0))?;
    let mut merged = shift_table(base.into_inner(), series.offset);
    let root_span = issue.span();
    merge_into(&mut merged, issue.into_inner());
    IssueFile::deserialize(toml::de::Deserializer::from(Spanned::new(
        root_span, merged,
    )))
    .map_err(|e| match e.span() {
        Some(s) if s.start >= series.offset => {
            located(e, &series.path, &series.text, series.offset)
        }
        _ => located(e, path, text, 0),
    })
}

/// The keys of each table an editor writes, for saying where a key belongs. Kept in
/// step with the structs above by `every_listed_key_belongs_to_its_table`.
const TABLE_KEYS: &[(&str, &[&str])] = &[
    (
        "[bulletin]",
        &[
            "issuer",
            "title",
            "pinyin",
            "unit",
            "marks",
            "secrecy",
            "copy_number",
            "instruction_lines",
        ],
    ),
    (
        "[issue]",
        &[
            "number",
            "total",
            "date",
            "supplement",
            "label",
            "date_style",
            "date_suffix",
            "contents",
            "note",
            "note_file",
            "note_label",
        ],
    ),
    (
        "[[article]]",
        &[
            "column",
            "title",
            "subtitle",
            "author",
            "byline",
            "file",
            "note",
            "numbering",
            "contents_title",
            "in_contents",
        ],
    ),
    (
        "[footer]",
        &[
            "distribution",
            "extra",
            "editors",
            "contact",
            "approval",
            "print_count",
            "print_count_placement",
            "issued_by",
            "issued_on",
        ],
    ),
];

/// Keys typed in Chinese, and the key meant.
const CHINESE_KEYS: &[(&str, &str)] = &[
    ("标题", "title"),
    ("报头", "title"),
    ("日期", "date"),
    ("期号", "number"),
    ("期数", "number"),
    ("总期号", "total"),
    ("文件", "file"),
    ("稿件", "file"),
    ("栏目", "column"),
    ("署名", "byline"),
    ("供稿", "byline"),
    ("作者", "author"),
    ("副标题", "subtitle"),
    ("编者按", "note"),
    ("按语", "note"),
    ("单位", "unit"),
    ("编印单位", "unit"),
    ("责任编辑", "editors"),
    ("印数", "print_count"),
    ("批准文号", "approval"),
    ("拼音", "pinyin"),
    ("密级", "secrecy"),
    ("份号", "copy_number"),
];

/// Mistakes editors make that the TOML parser reports in its own terms: a key in
/// Chinese, digits typed full-width, 第7期 for the number, a date written with dots,
/// slashes or one-digit months. Each gets what it is and the line as it should be.
fn editors_slip(m: &str, key: &str, value: &str) -> Option<(String, String)> {
    let fw_digit = |c: char| ('０'..='９').contains(&c);
    if !key.is_empty() && !key.starts_with('[') && !key.is_ascii() {
        let meant = CHINESE_KEYS
            .iter()
            .find(|(zh, _)| *zh == key.trim_matches('"'))
            .map(|(_, en)| format!("{en} = {value}"));
        return Some((
            "a key in Chinese / 键名须为英文".to_owned(),
            match meant {
                Some(line) => format!("keys are English words; for {key} write: {line} / 键名用英文，{key} 应写作：{line}"),
                None => "keys are the English words examples/issue.toml lists (title, unit, date, file …) / 键名用英文（如 title、unit、date、file），见 examples/issue.toml".to_owned(),
            },
        ));
    }
    let date_key = matches!(key, "date" | "issued_on");
    // The value with full-width digits made half-width, and the numbers in it.
    let half: String = value
        .chars()
        .map(|c| {
            if fw_digit(c) {
                char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    let digits: Vec<u32> = half
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|p| p.parse().ok())
        .collect();
    if date_key
        && digits.len() == 3
        && value != format!("{:04}-{:02}-{:02}", digits[0], digits[1], digits[2])
    {
        let fixed = format!("{key} = {:04}-{:02}-{:02}", digits[0], digits[1], digits[2]);
        return Some((
            "the date is not written as year-month-day / 日期格式不对".to_owned(),
            format!(
                "write it with hyphens, the month and day in two digits, without quotes: {fixed} / 日期用连字符、月和日写两位、不加引号：{fixed}"
            ),
        ));
    }
    if value.starts_with(fw_digit) {
        let fixed = &half;
        return Some((
            "full-width digits / 全角数字".to_owned(),
            format!(
                "type the number with half-width digits (the input method's English mode): {key} = {fixed} / 数字用半角：{key} = {fixed}"
            ),
        ));
    }
    // A count quoted ("第19期"), or typed with its words and no quotes (number = 第5期,
    // where the parser asks for quotes, and quoted it was refused: QA7).
    let counts = [
        "number",
        "total",
        "supplement",
        "print_count",
        "pages",
        "lines",
        "chars",
        "instruction_lines",
        "masthead_max_lines",
    ];
    let with_words = counts.contains(&key)
        && !value.is_empty()
        && !value.starts_with(|c: char| {
            c.is_ascii_digit() || fw_digit(c) || matches!(c, '"' | '-' | '+' | '\'')
        });
    if (m.contains("invalid type: string") && m.contains("expected u32")) || with_words {
        // Two numbers: a combined issue (合刊 "5-6"), which `number = 5` alone lost the
        // 6 of (QA17 L 08).
        if matches!(key, "number" | "total")
            && let [first, second, ..] = digits[..]
            && second > first
        {
            return Some((
                "a number is expected / 此处应为数字".to_owned(),
                format!(
                    "for a combined issue (合刊), write its first number and the line as it is to print: {key} = {first}, and in [issue] label = \"第{first}-{second}期合刊\" (the label prints instead of 第…期; next and check count the issues it names) / 合刊请写 {key} = {first}，并在 [issue] 中写 label = \"第{first}-{second}期合刊\""
                ),
            ));
        }
        let n = digits
            .first()
            .map_or_else(|| "19 (for example)".to_owned(), u32::to_string);
        let around = if matches!(key, "number" | "total" | "supplement") {
            " (第…期 and 总第…期 are printed around it for you; [labels] changes those words) / 第…期、总第…期 等字样会自动加上"
        } else {
            " / 数字不加引号"
        };
        return Some((
            "a number is expected / 此处应为数字".to_owned(),
            format!("write the number alone, without quotes: {key} = {n}{around}"),
        ));
    }
    None
}

/// The help for the full-width marks outside quotes on a TOML line, typed in the input
/// method's Chinese mode: every one the line holds, in one message (`title：“测试”` was
/// told of its quotes, and of the ： only when they were mended, QA17 L 06), the
/// full-width space too, which Notepad does not show. None when there is none.
fn full_width_help(outside: &str) -> Option<String> {
    let mut named: Vec<String> = Vec::new();
    let mut zh: Vec<String> = Vec::new();
    if outside.contains(['“', '”', '‘', '’', '＂', '＇']) {
        // (＂, the full-width straight quote, too: it was told to put the text in
        // quotes, which it was, QA12 C 03.)
        named.push("put text between straight quotes \"…\", not “…” or ＂…＂".to_owned());
        zh.push("文字两边用英文半角引号 \"…\"，不要用中文引号".to_owned());
    }
    // Each mark once, in the order they stand.
    const HALF: [(char, &str); 9] = [
        ('＝', "="),
        ('：', "="),
        ('［', "["),
        ('【', "["),
        ('〔', "["),
        ('］', "]"),
        ('】', "]"),
        ('〕', "]"),
        ('，', ","),
    ];
    let mut seen: Vec<char> = Vec::new();
    for c in outside.chars() {
        let (en, cn) = if c == '\u{3000}' {
            (
                "the line holds a full-width space, which looks like an ordinary one: write an ordinary space, or none".to_owned(),
                "全角空格请删除或改为半角空格".to_owned(),
            )
        } else if let Some((_, half)) = HALF.iter().find(|(f, _)| *f == c) {
            (
                format!("«{c}» is a full-width mark: write {half}"),
                format!("«{c}» 请改为半角 {half}"),
            )
        } else {
            continue;
        };
        if !seen.contains(&c) {
            seen.push(c);
            named.push(en);
            zh.push(cn);
        }
    }
    if named.is_empty() {
        return None;
    }
    Some(format!(
        "{} (type the file's marks in the input method's English mode; = [ ] , \" are all half-width) / {}（请切换到英文输入法）",
        named.join("; "),
        zh.join("；")
    ))
}

/// What to do with a key the table does not have: the key it resembles, or the table
/// it belongs to.
fn unknown_key_help(m: &str) -> String {
    let general = "examples/issue.toml lists every key, and a key must sit under its [table] / 所有键名见 examples/issue.toml，并注意它所在的 [表]";
    let Some(key) = m.split('`').nth(1) else {
        return format!("remove or correct this key; {general}");
    };
    let expected: Vec<&str> = m
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    // A key of another table first: `date` under [[article]] is [issue]'s, not a
    // misspelt `note`.
    if let Some((table, _)) = TABLE_KEYS.iter().find(|(_, keys)| keys.contains(&key)) {
        return format!(
            "`{key}` belongs under {table}: move the line there / `{key}` 应写在 {table} 之下，请把这一行移过去"
        );
    }
    if let Some(near) = expected
        .iter()
        .filter(|k| strsim::damerau_levenshtein(key, k) <= 2)
        .min_by_key(|k| strsim::damerau_levenshtein(key, k))
    {
        return format!("did you mean `{near}`? / 是否应为 `{near}`？ {general}");
    }
    format!("remove or correct this key; {general}")
}

/// A TOML line without its quoted texts: what is written between them.
fn outside_quotes(line: &str) -> String {
    let mut quoted = false;
    line.chars()
        .filter(|&c| {
            if c == '"' {
                quoted = !quoted;
            }
            !quoted && c != '"'
        })
        .collect()
}

/// The name of a table header written with one pair of brackets (`[footer.distribution]`
/// on `line`), or none.
fn single_bracket_header(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix('[')
        .and_then(|l| l.strip_suffix(']'))
        .filter(|n| !n.starts_with('[') && !n.is_empty())
}

/// What kind of TOML problem this is (in both languages) and what to do about it.
fn toml_help(message: &str, text: &str, span: Option<Range<usize>>) -> (String, String) {
    let line = span
        .as_ref()
        .map(|s| {
            let start = text[..s.start.min(text.len())]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            &text[start..end]
        })
        .unwrap_or("");
    let m = message;
    let (key, value) = line
        .split_once('=')
        .map(|(k, v)| (k.trim(), v.trim()))
        .unwrap_or(("", ""));
    if let Some(found) = editors_slip(m, key, value) {
        return found;
    }
    // A list typed in Chinese input mode: a full-width comma between its items.
    if m.contains("missing comma") && outside_quotes(line).contains('，') {
        return (
            "a list's items are separated by a full-width comma / 列表项之间用了中文逗号".to_owned(),
            "between the quoted items write a half-width comma: [\"甲\", \"乙\"] (the ，inside the quotes print as typed) / 引号外的分隔符请用英文逗号".to_owned(),
        );
    }
    // Enter pressed inside a quoted text: the line before opens a quote it never
    // closes, and this line is taken for a key.
    let before = span.as_ref().and_then(|s| {
        let start = text[..s.start.min(text.len())].rfind('\n')?;
        text[..start].lines().last()
    });
    if let Some(prev) = before
        && prev.contains('=')
        && prev.matches('"').count() % 2 == 1
        && !prev.contains("\"\"\"")
    {
        return (
            "a text in quotes runs over two lines / 引号中的文字跨了行".to_owned(),
            "keep a quoted text on one line; to print a title on two lines write \\n where it breaks (title = \"上一行\\n下一行\") / 引号内的文字请写在同一行；标题要分两行时，在分行处写 \\n".to_owned(),
        );
    }
    // A Windows path (file = "稿件\01.txt"): a backslash starts an escape in TOML.
    if (m.contains("escape") || m.contains("unicode"))
        && value.starts_with('"')
        && value.contains('\\')
    {
        return (
            "a backslash in a path / 路径中用了反斜杠".to_owned(),
            format!(
                "write the path with / instead of \\: {key} = {} (it works on Windows too) / 路径请用 / 分隔，Windows 下同样有效",
                value.replace('\\', "/")
            ),
        );
    }
    let (what, help) = if m.contains("escape") || m.contains("unicode") {
        (
            "invalid escape in a string / 字符串中的转义无效",
            "write the character itself instead of a \\u escape, or write a backslash as \\\\ / 请直接写出字符本身，不要用 \\u 转义；反斜杠写作 \\\\".to_owned(),
        )
    } else if m.contains("recursion") || m.contains("nest") {
        (
            "nested too deeply / 嵌套层数过多",
            "a key has too many dots or tables inside tables; examples/issue.toml shows the keys and their tables / 键名中的点或表的嵌套过深，键的写法见 examples/issue.toml".to_owned(),
        )
    } else if m.starts_with("unknown size") {
        (
            "unknown size / 无法识别的字号或尺寸",
            crate::model::style::size_help(),
        )
    } else if m.contains("untagged enum PrintCount") {
        (
            "not a print run / 印数写法不对",
            "write the number of copies printed, without quotes (print_count = 500), or the words to print in quotes (print_count = \"2,065\") / 印数写成 print_count = 500，或加引号按原样印出".to_owned(),
        )
    } else if m.contains("unknown variant") {
        (
            "not one of this key's values / 此键没有这个取值",
            "write one of the values the message lists, in quotes; examples/issue.toml shows each / 请改为提示中列出的取值之一（加英文引号），各取值的含义见 examples/issue.toml".to_owned(),
        )
    } else if m.contains("unknown field") {
        ("unknown key / 未知的键", unknown_key_help(m))
    } else if m.contains("missing field") {
        (
            "a required key is missing / 缺少必填的键",
            "add the key named above to this table; examples/issue.toml shows it / 在此表中补上上面提到的键，写法见 examples/issue.toml".to_owned(),
        )
    } else if m.contains("duplicate key")
        && let Some(name) = line
            .trim()
            .strip_prefix("[[")
            .and_then(|l| l.strip_suffix("]]"))
        && text.lines().any(|l| l.trim() == format!("[{name}]"))
    {
        (
            "a table is written as one and as a list / 表头写法不一致",
            format!(
                "an earlier [{name}] has one pair of brackets: write [[{name}]] (two pairs) over every {name} / 前面的 [{name}] 少了一层方括号：每一篇都写 [[{name}]]"
            ),
        )
    } else if m.contains("duplicate key")
        && let Some(name) = single_bracket_header(line)
        && text
            .lines()
            .filter(|l| l.trim() == format!("[{name}]"))
            .count()
            > 1
    {
        (
            "a table is written more than once / 表头重复",
            // Only the articles and the 报/送/发 lists are lists: another table written
            // twice is one, and [[footer]] led to an error about lists (QA14 E 03).
            if LIST_TABLES.contains(&name) {
                format!(
                    "[{name}] is written more than once: tables of one name that repeat (each 报/送/发 list, each article) are a list, written [[{name}]] (two pairs of brackets) over each; keep them all / [{name}] 出现多次：可重复的表（每个报/送/发名单、每篇文章）要写成 [[{name}]]（两层方括号），各项都保留"
                )
            } else {
                format!(
                    "[{name}] is written twice, and is one table: move the keys under this one to the first [{name}] and delete this line (a key written under a [[…]] list, such as [[footer.distribution]], belongs to that list, so [{name}]'s own keys go before it) / [{name}] 只能写一次：请把这里的各项移到前面的 [{name}] 下，并删去这一行"
                )
            },
        )
    } else if m.contains("duplicate key") {
        (
            "a key is written twice / 键重复",
            "keep one of the two; each key appears once in its table / 保留其中一个，同一表中每个键只能出现一次".to_owned(),
        )
    } else if m.contains("invalid type")
        && m.contains("expected a sequence")
        && let Some(name) = single_bracket_header(line)
    {
        // A table that is one of a list written with one pair of brackets
        // ([footer.distribution], [article]): its help names it, not [[article]].
        (
            "a list is expected here / 此处应为列表",
            format!(
                "[{name}] is one of a list (each 报/送/发 list, each article): write [[{name}]], with two pairs of brackets, over each / [{name}] 可以有多项（每个报/送/发名单、每篇文章），每项上方写 [[{name}]]（两层方括号）"
            ),
        )
    } else if m.contains("invalid type")
        && let Some(name) = line
            .trim()
            .strip_prefix("[[")
            .and_then(|l| l.strip_suffix("]]"))
            .map(str::trim)
        && !LIST_TABLES.contains(&name)
    {
        // [[footer]], as the advice for a table written twice once said: it is one.
        (
            "a table written as a list / 表头多了一层方括号",
            format!(
                "[{name}] is one table, not a list: write it once, with one pair of brackets, [{name}], and put all its keys under it / [{name}] 只有一个，请只写一次，用一层方括号 [{name}]"
            ),
        )
    } else if m.contains("invalid type") && m.contains("expected a sequence") {
        (
            "a list is expected here / 此处应为列表",
            "write a list in brackets: [\"甲\", \"乙\"]; for articles write [[article]] with two brackets / 用方括号写列表：[\"甲\", \"乙\"]；文章用 [[article]]（两层方括号）".to_owned(),
        )
    } else if m.contains("invalid type") && m.contains("datetime") {
        (
            "the date must be a TOML date / 日期格式不对",
            "write the date without quotes, as year-month-day with two-digit month and day: date = 2018-07-04; a bulletin dated by its month (2018年7月) writes a day too and date_style = \"month\" / 日期不加引号，写成 date = 2018-07-04；只印年月（2018年7月）时也写上日，并加 date_style = \"month\"".to_owned(),
        )
    } else if m.contains("invalid type") {
        (
            "wrong type of value / 值的类型不对",
            "text goes in \"quotes\"; numbers, dates and true/false go without / 文字加英文引号，数字、日期和 true/false 不加引号".to_owned(),
        )
    } else if m.chars().any(crate::proofread::punctuation::is_han) {
        // Our own value checks (sizes, colours…) say in both languages what is accepted.
        (
            "invalid value / 值无效",
            "write one of the forms the message lists / 请按提示中列出的写法填写".to_owned(),
        )
    } else if m.contains("invalid value")
        || m.contains("expected u32")
        || m.contains("out of range")
    {
        (
            "value out of range / 数值超出范围",
            "write a whole number of 0 or more, without quotes / 请填写不加引号的非负整数"
                .to_owned(),
        )
    } else if m.contains("unclosed array") || m.contains("missing comma between array") {
        // (QA12 C 04: the generic help said nothing of the list.)
        (
            "TOML syntax error / TOML 语法错误",
            "a list's items are parted by a half-width , and a list opened with [ is closed with ] after its last item (a list over several lines ends with a line of ] alone): if this line is not the list's, the list above it is not closed / 列表各项之间用半角逗号 , 分隔，最后一项后须有右方括号 ]；如此行不属于列表，说明上方的列表缺少 ]".to_owned(),
        )
    } else if let Some(help) = full_width_help(&outside_quotes(line)) {
        ("TOML syntax error / TOML 语法错误", help)
    } else if inner_straight_quotes(line) {
        // title = "县政协召开"十四五"规划专题协商会": the inner quotes end the text
        // (QA12 C 02).
        (
            "TOML syntax error / TOML 语法错误",
            "the text holds straight quotes \" of its own, and the first of them ends it: write those as Chinese quotes “十四五”, or put the whole text in single quotes: title = '县政协召开\"十四五\"规划专题协商会' / 文字中的引号请改用中文引号 “”，或把整段文字放在英文单引号 '…' 中".to_owned(),
        )
    } else if m.contains("invalid date") || m.contains("invalid time") || m.contains("date") {
        (
            "invalid date / 日期无效",
            "write a real date as year-month-day: date = 2018-07-04 / 请写成真实存在的日期，如 date = 2018-07-04".to_owned(),
        )
    } else if m.starts_with("invalid basic string") || m.starts_with("invalid literal string") {
        (
            "a closing quote is missing / 缺少右引号",
            "end the text with a straight quote \" on its line, as it began: title = \"联络动态\" / 请在这一行文字末尾补上英文右引号 \"，如 title = \"联络动态\"".to_owned(),
        )
    } else if let Some((key, v)) = line.split_once('=').map(|(k, v)| (k.trim(), v.trim()))
        && v.starts_with(|c: char| c.is_ascii_digit())
        && v.contains(|c: char| c.is_alphabetic())
        && !v.contains(['"', '\'', '#'])
    {
        // number = 12x: "put it in quotes" was told, and quoted it was refused as no
        // number (QA17 L 11).
        let figures: String = v.chars().filter(char::is_ascii_digit).collect();
        (
            "TOML syntax error / TOML 语法错误",
            format!(
                "«{v}» is neither a number nor text: a number is figures only ({key} = {figures}, if that is the number meant), text goes in straight quotes / «{v}» 既不是数字也不是文字：数字只写阿拉伯数字，文字加英文引号"
            ),
        )
    } else if m.contains("string")
        || line.split_once('=').is_some_and(|(_, v)| {
            let v = v.trim();
            !v.is_empty()
                && !v.starts_with(['"', '\'', '[', '{'])
                && !v.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
                && !v.starts_with("true")
                && !v.starts_with("false")
        })
    {
        (
            "TOML syntax error / TOML 语法错误",
            "text must be in quotes: title = \"联络动态\" / 文字须加英文引号，如 title = \"联络动态\"".to_owned(),
        )
    } else {
        (
            "TOML syntax error / TOML 语法错误",
            "fix the TOML at the marked spot: key = value, one a line; [table] headers in brackets / 请修正标记处：每行一个 键 = 值，表名写在方括号中".to_owned(),
        )
    };
    (what.to_owned(), help)
}

/// The tables of an issue file that are lists, written `[[…]]`: the others are one each.
const LIST_TABLES: [&str; 2] = ["article", "footer.distribution"];

/// The TOML parser's words said for an editor (QA14 F 11): `expected u32` and «invalid
/// basic string» meant nothing to one; `None` where they add nothing to what is said
/// before them (`invalid float, expected nothing` under «the date is not written as
/// year-month-day»). Others (a key's name, the keys a table takes) stay as they are.
fn parser_words_plainly(message: &str) -> Option<String> {
    if message.contains("expected nothing") {
        return None;
    }
    if message.starts_with("invalid basic string") || message.starts_with("invalid literal string")
    {
        return Some("the text's closing quote is missing at the end of the line".to_owned());
    }
    if let Some(rest) = message.strip_prefix("invalid type: string ")
        && let Some((value, expected)) = rest.rsplit_once(", expected ")
        && ["u8", "u16", "u32", "u64", "i32", "i64", "usize"].contains(&expected)
    {
        return Some(format!("{value} is text, where a number in figures goes"));
    }
    Some(message.to_owned())
}

/// Whether a line's value is text in double quotes with more straight quotes inside
/// it (title = "县政协召开"十四五"规划专题协商会"), not escaped.
fn inner_straight_quotes(line: &str) -> bool {
    let Some((_, value)) = line.split_once('=') else {
        return false;
    };
    let value = value.trim();
    if !value.starts_with('"') || value.starts_with("\"\"\"") {
        return false;
    }
    let mut quotes = 0;
    let mut escaped = false;
    for c in value.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quotes += 1,
            '#' if quotes % 2 == 0 => break,
            _ => {}
        }
    }
    quotes > 2
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[bulletin]
title = "联络动态"
unit = "某某委员会编"

[issue]
number = 19
date = 2018-07-04

[[article]]
title = "标题"
file = "a.txt"
"#;

    #[test]
    fn parses_minimal_file() {
        let f = parse(Path::new("x.toml"), MINIMAL).unwrap();
        assert_eq!(f.bulletin.title.get_ref(), "联络动态");
        assert_eq!(f.issue.number.map(|n| *n.get_ref()), Some(19));
        assert_eq!(f.articles.len(), 1);
        assert!(f.footer.is_none());
    }

    #[test]
    fn documented_example_parses() {
        let f = parse(
            Path::new("examples/issue.toml"),
            include_str!("../../examples/issue.toml"),
        )
        .unwrap();
        assert_eq!(f.articles.len(), 2);
        assert_eq!(f.footer.unwrap().distribution[0].label.get_ref(), "送");
    }

    #[test]
    fn unknown_key_names_key_line_and_column() {
        let text = MINIMAL.replace("number = 19", "number = 19\nnumbr = 3");
        let err = parse(Path::new("x.toml"), &text).unwrap_err();
        let crate::error::Error::Input(e) = err else {
            panic!("expected an input error")
        };
        assert!(e.message.contains("numbr"), "{}", e.message);
        assert_eq!(e.line_col().map(|(l, _)| l), Some(8));
    }

    #[test]
    fn wrong_type_points_at_value() {
        let text = MINIMAL.replace("number = 19", "number = \"十九\"");
        let crate::error::Error::Input(e) = parse(Path::new("x.toml"), &text).unwrap_err() else {
            panic!()
        };
        assert_eq!(e.line_col(), Some((7, 10)));
        // The parser's `invalid type: … expected u32` said plainly (QA14 F 11).
        assert!(
            e.message
                .contains("\"十九\" is text, where a number in figures goes"),
            "{}",
            e.message
        );
    }

    /// The help a line of an issue file gets.
    fn help_for(from: &str, to: &str) -> String {
        let text = MINIMAL.replace(from, to);
        let crate::error::Error::Input(e) = parse(Path::new("x.toml"), &text).unwrap_err() else {
            panic!("expected an input error for {to}")
        };
        format!("{}\n{}", e.message, e.help.unwrap_or_default())
    }

    #[test]
    fn the_slips_editors_make_are_named_with_the_line_as_it_should_be() {
        for (from, to, says) in [
            (
                "date = 2018-07-04",
                "date = 2018.07.04",
                "date = 2018-07-04",
            ),
            ("date = 2018-07-04", "date = 2018-7-4", "date = 2018-07-04"),
            (
                "date = 2018-07-04",
                "date = \"2018年7月4日\"",
                "date = 2018-07-04",
            ),
            ("number = 19", "number = １９", "number = 19"),
            ("number = 19", "number = \"第19期\"", "number = 19"),
            ("title = \"标题\"", "标题 = \"标题\"", "title = \"标题\""),
            (
                "unit = \"某某委员会编\"",
                "uint = \"某某委员会编\"",
                "did you mean `unit`",
            ),
            (
                "number = 19",
                "number = 19\neditors = [\"王芳\"]",
                "belongs under [footer]",
            ),
            (
                "[[article]]",
                "[footer]\nprint_count = -50\n[[article]]",
                "print_count = 500",
            ),
        ] {
            let help = help_for(from, to);
            assert!(help.contains(says), "{to}: {help}");
        }
    }

    #[test]
    fn every_listed_key_belongs_to_its_table() {
        // TABLE_KEYS says where a key belongs: each key must parse in its table.
        for (table, keys) in TABLE_KEYS {
            for key in *keys {
                let text = match *table {
                    "[bulletin]" => {
                        MINIMAL.replace("[bulletin]\n", &format!("[bulletin]\n{key} = 0\n"))
                    }
                    "[issue]" => MINIMAL.replace("[issue]\n", &format!("[issue]\n{key} = 0\n")),
                    "[[article]]" => {
                        MINIMAL.replace("[[article]]\n", &format!("[[article]]\n{key} = 0\n"))
                    }
                    _ => format!("{MINIMAL}\n[footer]\n{key} = 0\n"),
                };
                let err = parse(Path::new("x.toml"), &text).err().map(|e| match e {
                    crate::error::Error::Input(e) => e.message,
                    _ => String::new(),
                });
                // A wrong value, never an unknown key.
                assert!(
                    !err.as_deref().unwrap_or("").contains("unknown field"),
                    "{key} in {table}: {err:?}"
                );
            }
        }
    }
}
