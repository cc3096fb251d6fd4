//! Read: the issue file (TOML with spans, a series file merged under it), article files
//! decoded (text, Markdown, Word), photos decoded and checked. Nothing here lays out or
//! writes; what it gives is validated into the model by [`crate::model`].

pub(crate) mod article;
pub(crate) mod docx;
pub(crate) mod issue_file;
pub(crate) mod photo;
pub(crate) mod text_input;

// What other programs read through this stage: the article parsers, decoding, the
// issue file's parser, and Word/office conversion (`jianbao import`).
pub use article::{Block, Inline, parse_markdown, parse_txt};
pub use docx::{DocxProblem, convert, from_office, not_read_as_text, word_package};
pub use issue_file::parse as parse_issue_file;
pub use text_input::{Decoded, decode};

use std::path::Path;

/// Whether a file is an article by its name: text, Markdown or a word-processor file
/// (not an issue file).
pub fn is_article_file(path: &Path) -> bool {
    is_text_name(path) || is_word_file(path)
}

/// Whether an article file is a word-processor file (read through `input::docx`): a
/// `.docx`, or a `.doc`, `.wps`, `.odt`, `.fodt` (LibreOffice's flat XML, QA15 H 04),
/// `.rtf` that LibreOffice converts first (`docx::word_package` goes by the bytes, not
/// the name).
pub fn is_word_file(path: &Path) -> bool {
    matches!(
        extension(path).as_deref(),
        Some("docx" | "doc" | "wps" | "odt" | "fodt" | "rtf")
    )
}

/// A file's extension, in lower case.
pub(crate) fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// The largest Word file read, in bytes, with the default `[limits]` (for `jianbao
/// import`, which reads one without an issue file): as large as a build reads one.
pub fn word_file_limit() -> u64 {
    issue_file::WORD_FILE_FACTOR
        * issue_file::Limits::default().article_mb
        * crate::output::files::MB
}

/// Whether an article file is named as text or Markdown (`.txt`, `.text`, `.md`,
/// `.markdown`): any other name that is no Word file is read as text, and said.
pub fn is_text_name(path: &Path) -> bool {
    matches!(
        extension(path).as_deref(),
        Some("txt" | "text" | "md" | "markdown")
    )
}
