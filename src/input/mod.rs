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
pub use docx::{DocxProblem, convert, from_office, word_package};
pub use issue_file::parse as parse_issue_file;
pub use text_input::{Decoded, decode};
