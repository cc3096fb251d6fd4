//! jianbao (简报): typesets Chinese bulletins from an issue TOML and article texts into
//! print-ready PDF through embedded Typst.
//!
//! The data flows one way, one module a stage:
//!
//! | stage    | module                         | what it does                                   |
//! |----------|--------------------------------|------------------------------------------------|
//! | read     | [`issue_file`], [`text_input`] | parse the TOML (with spans), decode text files |
//! | model    | [`model`], [`article`]         | validate, read articles into blocks            |
//! | layout   | [`world`], [`fonts`], [`layout`] | the Typst `World`, fonts, compile, glyph check |
//! | export   | [`export`]                     | PDF bytes, atomic write                        |
//!
//! Beside the stages: [`check`] (`jianbao check`) reads like a build and reports what
//! [`punctuation`] finds in the text, and can rewrite the articles with the safe fixes.
//!
//! [`pipeline`] strings the stages together; the CLI in `main.rs` is a thin shell over it.

pub mod article;
pub mod check;
pub mod error;
pub mod export;
pub mod fonts;
pub mod issue_file;
pub mod layout;
pub mod model;
pub mod numerals;
pub mod pipeline;
pub mod punctuation;
pub mod style;
pub mod text_input;
pub mod world;

pub use error::{Error, InputError, Result};
