//! Errors for editors.
//!
//! Every problem with the input (the issue file, an article, a font directory) is an
//! [`InputError`]: it knows the file, the byte span when there is one, what is wrong
//! and what to do, and renders itself with the offending line and a marker under the
//! spot. Problems that are our fault are [`Error::Internal`]. The CLI maps the two to
//! exit codes 1 and 2.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

/// The result type of every stage of the pipeline.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Any failure of a jianbao command.
#[derive(Debug)]
pub enum Error {
    /// Something in the user's input is wrong; the user can fix it. Exit code 1.
    Input(Box<InputError>),
    /// Several independent input problems found in one pass (e.g. missing glyphs).
    Many(Vec<InputError>),
    /// Something went wrong inside jianbao or the machine. Exit code 2.
    Internal(String),
    /// The installation is incomplete (the shipped fonts missing or damaged): not the
    /// editor's input and not a bug, but a set-up step to redo. Exit code 3.
    Setup {
        /// What is missing or wrong.
        message: String,
        /// What to do about it.
        help: String,
    },
}

/// A problem in a file the editor wrote, with its location.
#[derive(Debug, Clone)]
pub struct InputError {
    /// The file the problem is in.
    pub file: PathBuf,
    /// The file's text, when it could be read (for line/column and the excerpt).
    pub text: Option<String>,
    /// Byte range of the offending spot in `text`.
    pub span: Option<Range<usize>>,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl InputError {
    /// A problem with a whole file (no position).
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            text: None,
            span: None,
            message: message.into(),
            help: None,
        }
    }

    /// A problem at a byte span of a file's text.
    pub fn at(
        file: impl Into<PathBuf>,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let span = clamp_span(text, span);
        Self {
            file: file.into(),
            text: Some(text.to_owned()),
            span: Some(span),
            message: message.into(),
            help: None,
        }
    }

    /// Adds what the editor should do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// One-based line and column (in characters) of the start of the span.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let (text, span) = (self.text.as_deref()?, self.span.as_ref()?);
        Some(line_col(text, span.start))
    }

    /// `file:line:col` (or just the file).
    pub fn location(&self) -> String {
        match self.line_col() {
            Some((l, c)) => format!("{}:{l}:{c}", self.file.display()),
            None => self.file.display().to_string(),
        }
    }

    /// Renders the error with the offending line and a marker, as the CLI prints it.
    pub fn render(&self, color: bool) -> String {
        let mut diag = Diagnostic::error().with_message(&self.message);
        let name = self.file.display().to_string();
        let mut notes = Vec::new();
        let file = match (&self.text, &self.span) {
            (Some(text), Some(span)) => {
                diag = diag.with_labels(vec![Label::primary((), span.clone())]);
                SimpleFile::new(name.clone(), text.as_str())
            }
            _ => {
                notes.push(format!("file: {name}"));
                SimpleFile::new(name.clone(), "")
            }
        };
        notes.extend(self.help.iter().map(|h| format!("help: {h}")));
        diag = diag.with_notes(notes);
        let config = term::Config::default();
        let mut out = String::new();
        if color {
            let mut buf = term::termcolor::Buffer::ansi();
            if term::emit_to_write_style(&mut buf, &config, &file, &diag).is_ok() {
                return String::from_utf8_lossy(buf.as_slice()).into_owned();
            }
        }
        if term::emit_to_string(&mut out, &config, &file, &diag).is_err() {
            out = format!("error: {}: {}", self.location(), self.message);
        }
        out
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// How many of a list of errors are printed: a garbled file (a damaged .doc read as
/// text) gives hundreds, and the first ones say what to do.
const MANY_SHOWN: usize = 20;

/// The line that ends a list of errors cut at [`MANY_SHOWN`].
fn more_errors(total: usize) -> String {
    format!(
        "… and {} more error(s), not shown: fix these first (so many often means a file that is not text, e.g. a damaged or mislabelled Word file) / 另有 {} 处错误未列出，请先改正以上各处（错误很多时，常是文件已损坏或并非文本）",
        total - MANY_SHOWN,
        total - MANY_SHOWN
    )
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(e) => e.fmt(f),
            Error::Many(list) => {
                for (i, e) in list.iter().take(MANY_SHOWN).enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    e.fmt(f)?;
                }
                if list.len() > MANY_SHOWN {
                    write!(f, "\n{}", more_errors(list.len()))?;
                }
                Ok(())
            }
            Error::Internal(msg) => write!(f, "internal error / 内部错误: {msg}"),
            Error::Setup { message, .. } => write!(f, "set-up problem / 安装问题: {message}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(Box::new(e))
    }
}

impl Error {
    /// An internal error with context.
    pub fn internal(msg: impl Into<String>) -> Self {
        Error::Internal(msg.into())
    }

    /// A set-up problem: what is wrong and what to do.
    pub fn setup(message: impl Into<String>, help: impl Into<String>) -> Self {
        Error::Setup {
            message: message.into(),
            help: help.into(),
        }
    }

    /// An I/O error on a file the user named: that is an input error.
    pub fn io(path: &Path, what: &str, err: std::io::Error) -> Self {
        let hint = match err.kind() {
            std::io::ErrorKind::NotFound => {
                "check the file name and folder (paths in the issue file are relative to it) / 检查文件名和文件夹（期刊文件中的路径相对于期刊文件）"
            }
            std::io::ErrorKind::PermissionDenied => {
                "give yourself permission to read (or write) it / 检查文件的读写权限"
            }
            _ => "check that the file exists and can be read / 检查文件是否存在且可读",
        };
        InputError::file(path, format!("{what}: {err}"))
            .help(hint)
            .into()
    }

    /// The exit code the CLI uses for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Many(_) => 1,
            Error::Internal(_) => 2,
            Error::Setup { .. } => 3,
        }
    }

    /// Renders for the terminal.
    pub fn render(&self, color: bool) -> String {
        match self {
            Error::Input(e) => e.render(color),
            Error::Many(list) => {
                let mut out: String = list
                    .iter()
                    .take(MANY_SHOWN)
                    .map(|e| e.render(color))
                    .collect();
                if list.len() > MANY_SHOWN {
                    out.push_str(&more_errors(list.len()));
                    out.push('\n');
                }
                out
            }
            Error::Internal(msg) => format!(
                "internal error / 内部错误: {msg}\nThis is a bug in jianbao; please report it with the input that caused it.\n"
            ),
            Error::Setup { message, help } => {
                format!("set-up problem / 安装问题: {message}\n  = help: {help}\n")
            }
        }
    }
}

/// One-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// Line and column of many offsets of one text, in linear time when they come in
/// order (as the characters of a text are visited): the line by binary search over
/// the line starts, the column counted on from the last offset asked for on that line.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
    /// The last offset asked for, its line (0-based) and its column (1-based).
    cursor: (usize, usize, usize),
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            cursor: (0, 0, 1),
        }
    }

    /// One-based line and character column of a byte offset, as [`line_col`].
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let (from, col) = if line == self.cursor.1 && offset >= self.cursor.0 {
            (self.cursor.0, self.cursor.2)
        } else {
            (self.starts[line], 1)
        };
        let col = col + self.text[from..offset].chars().count();
        self.cursor = (offset, line, col);
        (line + 1, col)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_errors_is_cut_with_a_count() {
        let list: Vec<InputError> = (0..25)
            .map(|i| InputError::file(Path::new("a.txt"), format!("problem {i}")))
            .collect();
        let out = Error::Many(list).render(false);
        assert!(
            out.contains("problem 19") && !out.contains("problem 20"),
            "{out}"
        );
        assert!(out.contains("and 5 more error(s)"), "{out}");
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "第一行\n第二行，错";
        let off = text.find('错').unwrap();
        assert_eq!(line_col(text, off), (2, 5));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn line_index_agrees_with_line_col_in_any_order() {
        let text = "第一行\n第二行，错\n\nabc";
        let mut idx = LineIndex::new(text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &o in offsets.iter().chain(offsets.iter().rev()) {
            assert_eq!(idx.line_col(o), line_col(text, o), "offset {o}");
        }
    }

    #[test]
    fn render_shows_line_and_marker() {
        let e = InputError::at("a.toml", "x = 1\ny = [\n", 6..7, "bad").help("fix it");
        let out = e.render(false);
        assert!(out.contains("a.toml:2:1"), "{out}");
        assert!(out.contains("bad") && out.contains("help: fix it"), "{out}");
        assert_eq!(e.location(), "a.toml:2:1");
    }
}
