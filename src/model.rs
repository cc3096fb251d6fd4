//! The finished model of an issue: validated, with every article read and split into
//! blocks and every number and date written out as printed. The layout receives it
//! as JSON data (`/model.json` in the Typst world); it never becomes Typst source.

use std::path::{Path, PathBuf};

use serde::Serialize;
use toml::Spanned;

use crate::article::{self, Block};
use crate::error::{Error, InputError, Result};
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
        if v.is_empty() {
            return Err(loaded
                .error_at(s.span(), format!("{what} is empty / {what} 不能为空"))
                .help("write the text between the quotes / 在引号中填写内容")
                .into());
        }
        Ok(v.to_owned())
    };
    let opt = |s: &Option<Spanned<String>>, what: &str| -> Result<Option<String>> {
        s.as_ref().map(|s| text(s, what)).transpose()
    };

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
        title: text(&f.bulletin.title, "bulletin.title")?,
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
    for entry in &f.articles {
        let (path, bytes) = read_article(loaded, &entry.file)?;
        let decoded = text_input::decode(&path, &bytes)?;
        if let Some(note) = decoded.note(&path) {
            eprintln!("{note}");
        }
        let blocks = match path.extension().and_then(|e| e.to_str()) {
            Some("md") | Some("markdown") => article::parse_markdown(&decoded.text),
            _ => article::parse_txt(&decoded.text),
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
        let title = text(&entry.title, "article.title")?;
        articles.push(Article {
            column: opt(&entry.column, "article.column")?,
            title: title
                .lines()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
            subtitle: opt(&entry.subtitle, "article.subtitle")?,
            byline: opt(&entry.byline, "article.byline")?,
            blocks,
            path,
            source: decoded.text,
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
    })
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
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(here(
                format!(
                    "article file not found: {} / 找不到文章文件",
                    path.display()
                ),
                "check the file name and its folder; the path is relative to the issue file's folder / 检查文件名和所在文件夹；路径相对于期刊文件所在的文件夹",
            ));
        }
        Err(e) => {
            return Err(here(
                format!(
                    "cannot reach article file {}: {e} / 无法访问文章文件",
                    path.display()
                ),
                "check the folder's permissions / 检查文件夹的访问权限",
            ));
        }
    };
    if meta.is_dir() {
        return Err(here(
            format!(
                "{} is a folder, not an article file / 这是文件夹，不是文章文件",
                path.display()
            ),
            "name a .txt or .md file (inside that folder, if it is there) / 请填写一个 .txt 或 .md 文件",
        ));
    }
    let bytes = std::fs::read(&path).map_err(|e| {
        let (msg, help) = if e.kind() == std::io::ErrorKind::PermissionDenied {
            (
                format!("no permission to read article file {} / 没有读取文章文件的权限", path.display()),
                "give yourself read permission (chmod u+r, or Properties → Security) / 请为该文件添加读取权限",
            )
        } else {
            (
                format!("cannot read article file {}: {e} / 无法读取文章文件", path.display()),
                "check that the file is a readable text file / 检查该文件是否为可读取的文本文件",
            )
        };
        here(msg, help)
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
