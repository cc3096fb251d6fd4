//! The finished model of an issue: validated, with every article read and split into
//! blocks and every number and date written out as printed. The layout receives it
//! as JSON data (`/model.json` in the Typst world); it never becomes Typst source.

use std::path::{Path, PathBuf};

use serde::Serialize;
use toml::Spanned;

use crate::article::{self, Block};
use crate::error::{Error, InputError, Result};
use crate::files::{self, MB};
use crate::issue_file::{self, LoadedIssueFile};
use crate::numerals::{chinese_date, chinese_number};
use crate::style::Style;
use crate::text_input;

/// Everything the layout needs, and nothing of the input files' shape.
#[derive(Debug, Clone, Serialize)]
pub struct Issue {
    pub bulletin: Bulletin,
    pub issue: IssueLine,
    pub articles: Vec<Article>,
    pub footer: Option<Footer>,
    pub style: Style,
    /// Document metadata.
    pub meta: Meta,
    /// Draft builds carry a watermark text; print builds have none.
    pub draft: Option<String>,
    /// Bleed and colour mode from the print profile (set by the pipeline).
    pub print: crate::print::LayoutPrint,
    /// What the editor should know although the issue builds (an encoding guessed,
    /// control characters removed, Markdown that does not print as such), each with
    /// its place. The library never prints; the CLI does.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bulletin {
    pub title: String,
    pub pinyin: Option<String>,
    pub unit: String,
    /// Top marks: 密级, copy number, 内部资料 …, in print order.
    pub marks: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IssueLine {
    pub number: u32,
    pub total: Option<u32>,
    /// 第19期 or 增刊第1期.
    pub number_text: String,
    /// 总第五百六十三期.
    pub total_text: Option<String>,
    /// 2018年7月4日.
    pub date_text: String,
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub column: Option<String>,
    /// Title lines (a `\n` in the issue file breaks the title).
    pub title: Vec<String>,
    pub subtitle: Option<String>,
    pub byline: Option<String>,
    pub blocks: Vec<Block>,
    /// The article file, for messages.
    #[serde(skip)]
    pub path: PathBuf,
    /// The article file's text, for messages.
    #[serde(skip)]
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Footer {
    pub distribution: Vec<Distribution>,
    pub extra: Option<String>,
    pub editors: Vec<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub approval: Option<String>,
    pub print_count: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Distribution {
    pub label: String,
    pub recipients: Vec<String>,
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

    let mut problems = f.style.problems();
    if let Some(p) = f.print.red.as_ref().and_then(|c| c.problem()) {
        problems.push(crate::style::StyleProblem {
            key: vec!["print", "red"],
            message: p,
            help: crate::style::CMYK_HELP.to_owned(),
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

    let date = f.issue.date.get_ref();
    let Some(d) = date.date.filter(|_| date.time.is_none()) else {
        return Err(loaded
            .error_at(
                f.issue.date.span(),
                "the issue date must be a date such as 2018-07-04 / 日期须写成 2018-07-04 的形式",
            )
            .help("write the date without quotes and without a time: date = 2018-07-04 / 日期不加引号、不带时间，如 date = 2018-07-04")
            .into());
    };
    let number = *f.issue.number.get_ref();
    if number == 0 {
        return Err(loaded
            .error_at(f.issue.number.span(), "the issue number must be 1 or more / 期号须从 1 开始")
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
    let number_text = if f.issue.supplement {
        format!("增刊第{number}期")
    } else {
        format!("第{number}期")
    };

    let bulletin = Bulletin {
        title: line(&f.bulletin.title, "bulletin.title")?,
        pinyin: opt(&f.bulletin.pinyin, "bulletin.pinyin")?,
        unit: text(&f.bulletin.unit, "bulletin.unit")?,
        marks: f
            .bulletin
            .secrecy
            .iter()
            .chain(f.bulletin.copy_number.iter())
            .chain(f.bulletin.marks.iter())
            .map(|m| text(m, "bulletin.marks"))
            .collect::<Result<_>>()?,
    };

    if f.articles.is_empty() {
        return Err(InputError::at(
            &loaded.path,
            &loaded.text,
            0..0,
            "the issue has no articles / 本期没有文章",
        )
        .help("add at least one [[article]] table with a title and a file (see examples/issue.toml) / 请至少添加一篇 [[article]]，写明 title 和 file")
        .into());
    }
    let mut articles = Vec::with_capacity(f.articles.len());
    let mut warnings = Vec::new();
    let limits = &f.limits;
    let mut total_bytes = 0u64;
    for entry in &f.articles {
        let (path, bytes) = read_article(loaded, &entry.file)?;
        total_bytes += bytes.len() as u64;
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
        let decoded = text_input::decode(&path, &bytes)?;
        warnings.extend(decoded.note(&path));
        let source = strip_controls(&path, decoded.text, &mut warnings);
        let blocks = match path.extension().and_then(|e| e.to_str()) {
            Some("md") | Some("markdown") => {
                let md = article::parse_markdown(&source);
                warnings.extend(md.warnings.iter().map(|w| {
                    let (line, col) = crate::error::line_col(&source, w.offset);
                    format!("{}:{line}:{col}: {}", path.display(), w.message)
                }));
                md.blocks
            }
            _ => article::parse_txt(&source),
        };
        if blocks.is_empty() {
            return Err(loaded
                .error_at(
                    entry.file.span(),
                    format!(
                        "article file {} has no text / 文章文件 {} 没有正文",
                        path.display(),
                        path.display()
                    ),
                )
                .help("paste the article's text into the file, or remove this [[article]] / 请把正文粘贴进该文件，或删除这一篇 [[article]]")
                .into());
        }
        let title = line(&entry.title, "article.title")?;
        articles.push(Article {
            column: opt_line(&entry.column, "article.column")?,
            title: title
                .lines()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
            subtitle: opt_line(&entry.subtitle, "article.subtitle")?,
            byline: opt_line(&entry.byline, "article.byline")?,
            blocks,
            path,
            source,
        });
    }

    let footer = match &f.footer {
        None => None,
        Some(ft) => Some(Footer {
            distribution: ft
                .distribution
                .iter()
                .map(|d| {
                    Ok(Distribution {
                        label: text(&d.label, "footer.distribution.label")?,
                        recipients: d
                            .recipients
                            .iter()
                            .map(|r| text(r, "footer.distribution.recipients"))
                            .collect::<Result<_>>()?,
                    })
                })
                .collect::<Result<_>>()?,
            extra: opt(&ft.extra, "footer.extra")?,
            editors: ft
                .editors
                .iter()
                .map(|e| text(e, "footer.editors"))
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
            )?,
            approval: opt(&ft.approval, "footer.approval")?,
            print_count: ft.print_count.as_ref().map(|c| *c.get_ref()),
        }),
    };

    let year = i32::from(d.year);
    let meta = Meta {
        title: format!("{} {}年{}", bulletin.title, year, number_text),
        author: bulletin.unit.trim_end_matches('编').to_owned(),
        subject: articles
            .iter()
            .map(|a| a.title.concat())
            .collect::<Vec<_>>()
            .join("；"),
    };

    Ok(Issue {
        issue: IssueLine {
            number,
            total,
            number_text,
            total_text: total.map(|t| format!("总第{}期", chinese_number(u64::from(t)))),
            date_text: chinese_date(year, d.month, d.day),
            year,
            month: d.month,
            day: d.day,
        },
        bulletin,
        articles,
        footer,
        style: f.style.clone().with_wide_fallback(),
        meta,
        draft: None,
        print: crate::print::LayoutPrint::PLAIN,
        warnings,
    })
}

/// The most characters of a display line: a title, a column label, a byline.
pub const MAX_DISPLAY_CHARS: usize = 300;

/// Whether a character is a control character that would not print (C0 and C1,
/// DEL), other than the tab and the line end.
pub fn is_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// Removes control characters (VT and FF from Word, ESC from terminals…) from an
/// article's text, with one warning that says how many and where the first was.
fn strip_controls(path: &Path, text: String, warnings: &mut Vec<String>) -> String {
    let Some(first) = text.find(is_control) else {
        return text;
    };
    let (line, col) = crate::error::line_col(&text, first);
    let mut kinds: Vec<String> = Vec::new();
    let mut count = 0;
    let cleaned: String = text
        .chars()
        .filter(|&c| {
            if !is_control(c) {
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
        "{}:{line}:{col}: removed {count} control character(s) ({}) that would not print; look at the text there / 删除了 {count} 个不可打印的控制字符，请检查该处文字",
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
            .map(|b| {
                let chars: u64 = b
                    .inlines()
                    .iter()
                    .map(|i| i.text.chars().count() as u64)
                    .sum();
                chars.div_ceil(per_line).max(1)
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

/// Extensions of files that are not plain text, with what they are.
const NOT_TEXT: [(&str, &str); 6] = [
    ("doc", "a Word document"),
    ("docx", "a Word document"),
    ("wps", "a WPS document"),
    ("pdf", "a PDF file"),
    ("rtf", "an RTF document"),
    ("odt", "an OpenDocument text"),
];

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
    let path = loaded.base_dir().join(rel);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if let Some((_, what)) = NOT_TEXT.iter().find(|(e, _)| Some(*e) == ext.as_deref()) {
        return Err(here(
            format!(
                "{} is {what}, not a plain text file / 这不是纯文本文件",
                path.display()
            ),
            "save it as plain text (另存为 → 纯文本 .txt, UTF-8) or Markdown (.md) and name that file here / 请另存为纯文本（.txt，UTF-8）或 Markdown（.md），再在此处填写新文件名",
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
    let bytes = files::read_input(&path, loaded.file.limits.article_mb * MB).map_err(|p| {
        let (msg, help) = p.describe(("article file", "文章文件"), &path);
        here(msg, &help)
    })?;
    Ok((path, bytes))
}

impl Style {
    /// The style with the wide-coverage fallback appended to every role.
    pub fn with_wide_fallback(mut self) -> Self {
        self.fonts = self.fonts.with_wide_fallback();
        self
    }
}
