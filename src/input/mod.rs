//! Read: the issue file (TOML with spans, a series file merged under it), article files
//! decoded (text, Markdown, Word), photos decoded and checked. Nothing here lays out or
//! writes; what it gives is validated into the model by [`crate::model`].

pub mod article;
pub mod docx;
pub mod issue_file;
pub mod photo;
pub mod text_input;
