//! `jianbao check`: reads an issue and everything it names, builds nothing, and lists
//! what an editor should fix in the text — with file:line:col, the problem, the fix and
//! the context — by the rules of [`crate::proofread::punctuation`].
//!
//! The article files get the full check; the issue file's free text (titles, bylines,
//! the footer's lists) gets the punctuation marks but not the spaces, which are often
//! meant there (`选举任免处 王水清供稿`). Only article files are rewritten by
//! [`plan_fixes`]/[`write_fix`]; problems in the issue file are for the editor.
//!
//! Not here yet: characters that no shipped font covers. That check needs the font
//! set and belongs to the fonts stage; its findings can be appended to
//! [`Report::findings`] as [`Finding`]s like any other.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;

use crate::error::{Error, InputError, LineIndex, Result};
use crate::input::issue_file::{self, LoadedIssueFile};
use crate::input::text_input::{self, Decoded};
use crate::model;
use crate::output::files;
use crate::pipeline::{self, BuildOptions};
use crate::proofread::punctuation::{self, Options};

/// One problem, located.
#[derive(Debug, Clone)]
pub struct Finding {
    pub file: PathBuf,
    /// One-based line and column (in characters).
    pub line: usize,
    pub col: usize,
    /// Byte range in the (decoded) file text.
    pub span: Range<usize>,
    /// What is wrong (Chinese and English).
    pub problem: String,
    /// What to do: the replacement, or advice for the editor.
    pub suggestion: String,
    /// Whether `--fix` fixes it.
    pub fixable: bool,
    /// The line around the spot, the spot between ⟨ ⟩.
    pub context: String,
}

/// An article file as read for the check.
#[derive(Debug, Clone)]
pub struct ArticleText {
    pub path: PathBuf,
    pub decoded: Decoded,
    pub options: Options,
}

/// What the check found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub articles: Vec<ArticleText>,
    /// What the build would warn about (an encoding guessed, control characters…).
    pub warnings: Vec<String>,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    pub fn fixable(&self) -> usize {
        self.findings.iter().filter(|f| f.fixable).count()
    }
}

/// Reads the issue file and its articles, validates them as `build` would (without
/// fonts or layout), and checks the text.
pub fn check(issue: &Path) -> Result<Report> {
    let loaded = issue_file::load(issue)?;
    // The same validation as a build: every key, every article file, every date.
    let model = model::build(&loaded)?;
    loaded.font_dirs()?;
    let mut report = Report {
        warnings: model.warnings.clone(),
        ..Report::default()
    };
    check_issue_fields(&loaded, &model, &mut report.findings);
    for article in &model.articles {
        if crate::input::is_word_file(&article.path) {
            // A Word file is checked as the Markdown it is read as; its places are
            // those of `jianbao import`'s output, and --fix cannot rewrite it.
            let md = article.path.with_extension("md");
            let mut findings = check_text(&article.path, &article.source, Options::for_path(&md));
            findings.retain(|f| !loaded.file.check.accepts(&article.source, &f.span));
            for f in &mut findings {
                f.fixable = false;
                // The place in Word's terms: the paragraph, counted from 1.
                let n =
                    crate::input::docx::Converted::paragraph_at(&article.paragraphs, f.span.start);
                f.line = n;
                f.context = format!("¶{n} {}", f.context);
            }
            if !findings.is_empty() {
                report.warnings.push(format!(
                    "{}: in a Word file the line is the paragraph's number (¶), and --fix cannot rewrite it: run `jianbao import {}` and name the .md in the issue file to fix it there / Word 文件按段落编号定位，无法自动修改，请先用 jianbao import 转为 .md",
                    article.path.display(),
                    article.path.display()
                ));
            }
            report.findings.extend(findings);
            continue;
        }
        let limit = loaded.file.limits.article_mb * files::MB;
        check_text_file(&article.path, limit, &loaded.file.check, &mut report)?;
    }
    Ok(report)
}

/// Checks one article file alone, with no issue file: a text or Markdown article
/// just received, before it is named in an issue. Nothing is accepted (no `[check]`
/// of an issue applies), and the fonts are not checked.
pub fn check_file(path: &Path) -> Result<Report> {
    if crate::input::is_word_file(path) {
        return Err(InputError::file(
            path,
            "a Word file is checked through the issue file that names it / Word 文件需通过期刊文件检查",
        )
        .help(format!(
            "name it in an issue file ([[article]] file = \"…\") and run jianbao check issue.toml, or run jianbao import {} and check the .md it writes / 请在期刊文件中引用后检查期刊文件，或先用 jianbao import 转为 .md",
            path.display()
        ))
        .into());
    }
    let limits = issue_file::Limits::default();
    let mut report = Report::default();
    check_text_file(
        path,
        limits.article_mb * files::MB,
        &issue_file::CheckFile::default(),
        &mut report,
    )?;
    report
        .warnings
        .extend(report.articles[0].decoded.note(path));
    Ok(report)
}

/// Reads a text or Markdown article and adds its findings (less those the issue's
/// `[check]` accepts) and its text to the report.
fn check_text_file(
    path: &Path,
    limit: u64,
    accepted: &issue_file::CheckFile,
    report: &mut Report,
) -> Result<()> {
    let bytes = files::read_input(path, limit).map_err(|p| {
        let (msg, help) = p.describe(("article file", "文章文件"), path);
        InputError::file(path, msg).help(help)
    })?;
    let decoded = text_input::decode(path, &bytes)?;
    let options = Options::for_path(path);
    report.findings.extend(
        check_text(path, &decoded.text, options)
            .into_iter()
            .filter(|f| !accepted.accepts(&decoded.text, &f.span)),
    );
    report.articles.push(ArticleText {
        path: path.to_owned(),
        decoded,
        options,
    });
    Ok(())
}

/// Characters that no font of their role covers, as `build` would refuse them: the
/// same check before layout, with the same messages (character, code point,
/// file:line:col, what to do). Empty when every character has a font.
pub fn uncovered(opts: &BuildOptions) -> Result<Vec<InputError>> {
    let (mut issue, loaded) = model::load(&opts.issue)?;
    let fonts = pipeline::load_fonts(opts, &loaded)?;
    match pipeline::fit_model(&fonts, &loaded, &mut issue) {
        Ok(_) => Ok(Vec::new()),
        Err(Error::Many(missing)) => Ok(missing),
        Err(Error::Input(e)) => Ok(vec![*e]),
        Err(e) => Err(e),
    }
}

/// A build's one warning for an article whose punctuation `check` would flag (half-width
/// marks in Chinese text, straight quotes, …): a build prints the text as typed, so
/// an editor who only builds is told where the first problem is and how many there are.
/// (`check` itself lists them all and does not print this.)
///
/// A Word file (`paragraphs` not empty) is scanned as the Markdown it is read as, and
/// its place is its paragraph's number: `--fix` cannot rewrite it.
///
/// Remembered while `watch` rebuilds (comemo, evicted with the session's other
/// caches): a save scans again only the article saved.
#[comemo::memoize]
pub(crate) fn punctuation_note(
    path: &Path,
    source: &str,
    paragraphs: &[(usize, usize)],
    accepted: &issue_file::CheckFile,
) -> Option<String> {
    let word = !paragraphs.is_empty();
    let options = match word {
        true => punctuation::Options::for_path(&path.with_extension("md")),
        false => punctuation::Options::for_path(path),
    };
    let mut found = punctuation::scan(source, options);
    // A line broken mid-sentence and a web page's HTML entity have warnings of their
    // own (from the model), and so has a photo written in a .txt (`![…](…)`, printed as typed): not its brackets again.
    let photo_lines: Vec<std::ops::Range<usize>> = match options.markdown {
        true => Vec::new(),
        false => crate::input::article::txt_photos(source)
            .into_iter()
            .map(|at| {
                let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
                let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
                start..end
            })
            .collect(),
    };
    found.retain(|f| {
        !matches!(
            f.kind,
            punctuation::Kind::BrokenLine | punctuation::Kind::HtmlEntity
        ) && !accepted.accepts(source, &f.span)
            && !photo_lines.iter().any(|l| l.contains(&f.span.start))
    });
    let first = found.first()?;
    if word {
        let n = crate::input::docx::Converted::paragraph_at(paragraphs, first.span.start);
        return Some(format!(
            "{}: paragraph {n}: {} punctuation problem(s), the first: {}; printed as typed: `jianbao check` lists them; to fix them, `jianbao import` the file and name the .md it writes / 标点问题 {} 处（第 {n} 段起），按原样排出：用 jianbao check 查看；需修改时先用 jianbao import 转为 .md",
            path.display(),
            found.len(),
            first.kind.problem(),
            found.len(),
        ));
    }
    let (line, col) = crate::error::line_col(source, first.span.start);
    let fixable = found.iter().filter(|f| f.fix.is_some()).count();
    Some(format!(
        "{}:{line}:{col}: {} punctuation problem(s), the first: {}; printed as typed: `jianbao check` lists them, `jianbao check --fix` fixes {fixable} of them / 标点问题 {} 处，按原样排出：用 jianbao check 查看，check --fix 可自动修改 {fixable} 处",
        path.display(),
        found.len(),
        first.kind.problem(),
        found.len(),
    ))
}

/// Checks one text (an article file's content).
pub fn check_text(path: &Path, text: &str, options: Options) -> Vec<Finding> {
    let mut lines = LineIndex::new(text);
    punctuation::scan(text, options)
        .into_iter()
        .map(|f| {
            let (line, col) = lines.line_col(f.span.start);
            Finding {
                file: path.to_owned(),
                line,
                col,
                context: context(text, f.span.clone()),
                problem: f.kind.problem(),
                fixable: f.fix.is_some(),
                suggestion: match (&f.fix, f.kind.advice()) {
                    (Some(_), Some(a)) if f.kind == punctuation::Kind::BrokenLine => a,
                    (Some(r), _) if r.is_empty() => "删除 delete".into(),
                    (Some(r), _) => format!("→ {r}"),
                    (None, Some(a)) => a,
                    (None, None) => String::new(),
                },
                span: f.span,
            }
        })
        .collect()
}

/// The free text of the issue file (every value the walk of printed text names as an
/// editor's words): punctuation only; located in the issue or series file.
/// The build's warning for punctuation `check` flags in the issue file's printed text
/// (titles, bylines, column labels: the most visible text of an issue): one line, at
/// the first, as for an article. None when there is none.
pub(crate) fn fields_note(loaded: &LoadedIssueFile, model: &model::Issue) -> Option<String> {
    let mut found = Vec::new();
    check_issue_fields(loaded, model, &mut found);
    let first = found.first()?;
    Some(format!(
        "{}:{}:{}: {} punctuation problem(s) in the issue file's printed text (titles, bylines, labels), the first: {}; printed as typed: `jianbao check` lists them / 期刊文件中的标题、署名等有标点问题 {} 处，按原样排出：用 jianbao check 查看",
        first.file.display(),
        first.line,
        first.col,
        found.len(),
        first.problem,
        found.len()
    ))
}

fn check_issue_fields(loaded: &LoadedIssueFile, model: &model::Issue, out: &mut Vec<Finding>) {
    let mut fields: Vec<(&Spanned<String>, &str)> = Vec::new();
    for piece in crate::model::printed::walk(model, loaded) {
        if let Some(f) = piece.field
            && !fields.iter().any(|(g, _)| g.span() == f.span())
        {
            fields.push((f, piece.role));
        }
    }
    // A field may come from the series file the issue builds on: its place is there.
    let mut lines: Vec<(PathBuf, LineIndex)> = Vec::new();
    for (field, role) in fields {
        let value = field.get_ref();
        let (path, text, span) = loaded.source_of(field.span());
        let map = value_offsets(text, span.clone(), value);
        let k = match lines.iter().position(|(p, _)| p == path) {
            Some(k) => k,
            None => {
                lines.push((path.to_owned(), LineIndex::new(text)));
                lines.len() - 1
            }
        };
        let mut found = |at: Range<usize>, problem: String, suggestion: String| {
            let start = map
                .as_ref()
                .and_then(|m| m.get(at.start).copied())
                .unwrap_or(span.start);
            let (line, col) = lines[k].1.line_col(start);
            out.push(Finding {
                file: path.to_owned(),
                line,
                col,
                context: context(value, at.clone()),
                problem,
                suggestion,
                fixable: false,
                span: start..start + at.len(),
            });
        };
        // A title (the bulletin's, an article's, a subtitle) takes no full stop at its
        // end (a question or an exclamation mark it may): «。» and «.» alike are to go,
        // not to be made full width.
        let stop = matches!(role, "title" | "masthead" | "subtitle")
            .then(|| title_stop(value))
            .flatten();
        if let Some(at) = &stop {
            found(
                at.clone(),
                "标题末尾不用句号 a title ends without a full stop".into(),
                format!("删去 delete «{}»", &value[at.clone()]),
            );
        }
        for p in punctuation::scan(value, Options::FIELD) {
            if stop.as_ref().is_some_and(|s| s.start == p.span.start) {
                continue;
            }
            let suggestion = match (&p.fix, p.kind.advice()) {
                (Some(r), _) => format!("→ {r}"),
                (None, Some(a)) => a,
                (None, None) => String::new(),
            };
            found(p.span.clone(), p.kind.problem(), suggestion);
        }
    }
}

/// Where a title's closing full stop is (。 . ． at its end, spaces after it aside),
/// if it has one; «……» and «...» are an ellipsis, not a stop.
fn title_stop(title: &str) -> Option<Range<usize>> {
    let t = title.trim_end();
    let c = t.chars().next_back()?;
    if !matches!(c, '。' | '.' | '．') {
        return None;
    }
    let before = t[..t.len() - c.len_utf8()].chars().next_back();
    if c == '.'
        && (matches!(before, Some('.') | None) || before.is_some_and(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some(t.len() - c.len_utf8()..t.len())
}

/// For a TOML string value at `span` of `text`, the offset in `text` of each byte
/// offset of `value` (plus one past the end), when the literal can be mapped.
fn value_offsets(text: &str, span: Range<usize>, value: &str) -> Option<Vec<usize>> {
    let raw = text.get(span.clone())?;
    let (delim, multi) = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        (&raw[..3], true)
    } else if raw.starts_with('"') || raw.starts_with('\'') {
        (&raw[..1], false)
    } else {
        return None;
    };
    let mut start = span.start + delim.len();
    let mut inner = raw.get(delim.len()..raw.len().checked_sub(delim.len())?)?;
    if multi {
        // A newline right after the opening delimiter is not part of the value.
        for nl in ["\r\n", "\n"] {
            if let Some(rest) = inner.strip_prefix(nl) {
                start += nl.len();
                inner = rest;
                break;
            }
        }
    }
    let mut map = Vec::with_capacity(value.len() + 1);
    let mut out = String::with_capacity(value.len());
    if delim.starts_with('\'') {
        for (i, c) in inner.char_indices() {
            for _ in 0..c.len_utf8() {
                map.push(start + i);
            }
            out.push(c);
        }
    } else {
        let mut it = inner.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let decoded = if c == '\\' {
                let (_, e) = it.next()?;
                match e {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'e' => '\u{1b}',
                    '"' => '"',
                    '\\' => '\\',
                    'u' | 'U' | 'x' => {
                        let n = match e {
                            'u' => 4,
                            'U' => 8,
                            _ => 2,
                        };
                        let hex: String =
                            (0..n).filter_map(|_| it.next().map(|(_, h)| h)).collect();
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    _ => return None, // line-ending backslash and the like: give up
                }
            } else {
                c
            };
            for _ in 0..decoded.len_utf8() {
                map.push(start + i);
            }
            out.push(decoded);
        }
    }
    map.push(span.end);
    (out == *value).then_some(map)
}

/// The line around `span`, at most 10 characters either side, the spot in ⟨ ⟩;
/// spaces shown as ␣, tabs as ⇥ and line ends as ⏎. (No … for the cut: … is a mark the check is about.)
fn context(text: &str, span: Range<usize>) -> String {
    // Only the ten characters either side are looked at: a finding costs the same on
    // a long line as on a short one.
    let mut before: Vec<char> = text[..span.start]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .take(10)
        .collect();
    before.reverse();
    let visible = |s: &str| {
        s.replace(' ', "␣")
            .replace('\t', "⇥")
            .replace('\n', "⏎")
            .replace('\u{a0}', "␣")
    };
    let mut out = String::new();
    out.extend(&before);
    out.push('⟨');
    out.push_str(&visible(&text[span.clone()]));
    out.push('⟩');
    out.extend(text[span.end..].chars().take_while(|&c| c != '\n').take(10));
    out
}

/// The safe fixes of one article file.
#[derive(Debug, Clone)]
pub struct FileFix {
    pub path: PathBuf,
    /// The text before and after (decoded, `\n` line ends).
    pub before: String,
    pub after: String,
    /// How many findings were fixed.
    pub count: usize,
    /// The bytes to write (same encoding, BOM and line ends as the file, UTF-8 when
    /// the encoding cannot hold a new character).
    pub bytes: Vec<u8>,
    /// The encoding of `bytes`.
    pub encoding: &'static encoding_rs::Encoding,
}

impl FileFix {
    /// A unified diff of the change.
    pub fn diff(&self) -> String {
        let name = self.path.display().to_string();
        similar::TextDiff::from_lines(&self.before, &self.after)
            .unified_diff()
            .context_radius(1)
            .header(
                &format!("{name} (before / 修改前)"),
                &format!("{name} (after / 修改后)"),
            )
            .to_string()
    }
}

/// The safe fixes for every article that has some.
pub fn plan_fixes(report: &Report) -> Vec<FileFix> {
    report
        .articles
        .iter()
        .filter_map(|a| {
            let found = punctuation::scan(&a.decoded.text, a.options);
            let count = found.iter().filter(|f| f.fix.is_some()).count();
            if count == 0 {
                return None;
            }
            let after = punctuation::fix(&a.decoded.text, a.options);
            let (bytes, encoding) = a.decoded.encode_like(&after);
            Some(FileFix {
                path: a.path.clone(),
                before: a.decoded.text.clone(),
                after,
                count,
                bytes,
                encoding,
            })
        })
        .collect()
}

/// Writes a fix: the original is first copied to `FILE.bak` (or `FILE.bak.1`, … when
/// that name is taken, a dangling link included) unless `backup` is false; the new
/// text replaces the file atomically, with its permissions. A read-only file is
/// left alone: read-only is the editor's way of saying "do not touch".
/// Returns the backup's path.
pub fn write_fix(fix: &FileFix, backup: bool) -> Result<Option<PathBuf>> {
    let meta = std::fs::metadata(&fix.path).map_err(|e| {
        Error::io(
            &fix.path,
            "cannot rewrite the article file / 无法改写文章文件",
            e,
        )
    })?;
    if meta.permissions().readonly() {
        return Err(InputError::file(
            &fix.path,
            format!(
                "{} is read-only, so --fix leaves it as it is / 文件为只读，--fix 不予改写",
                fix.path.display()
            ),
        )
        .help("make it writable (chmod u+w, or untick 只读 in its properties) and run check --fix again, or make the fixes by hand / 请先取消只读属性再运行 check --fix，或手工修改")
        .into());
    }
    let backup_path = backup.then(|| files::backup(&fix.path)).transpose()?;
    files::write_atomic_as(
        &fix.path,
        &fix.bytes,
        "cannot rewrite the article file / 无法改写文章文件",
    )?;
    Ok(backup_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_offsets_follow_escapes() {
        let text = "title = \"甲\\n乙,丙\"\n";
        let start = text.find('"').unwrap();
        let span = start..text.len() - 1;
        let map = value_offsets(text, span, "甲\n乙,丙").unwrap();
        let comma = "甲\n乙".len();
        assert_eq!(&text[map[comma]..map[comma] + 1], ",");
        let lit = "t = '''\n甲,乙'''";
        let s = lit.find("'''").unwrap();
        let map = value_offsets(lit, s..lit.len(), "甲,乙").unwrap();
        assert_eq!(&lit[map[3]..map[3] + 1], ",");
    }

    #[test]
    fn context_marks_the_spot() {
        let t = "第一行\n6月21日,全国人大常委会办公厅";
        let at = t.find(',').unwrap();
        assert_eq!(context(t, at..at + 1), "6月21日⟨,⟩全国人大常委会办公厅");
        assert_eq!(context("在 浙江", 3..4), "在⟨␣⟩浙江");
    }
}
