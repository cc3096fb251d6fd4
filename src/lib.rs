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
//! | proofs   | [`proof`], [`compare`]         | PDF → PNG pages; compare with reference renders |
//!
//! [`pipeline`] strings the stages together; the CLI in `main.rs` is a thin shell over it.

pub mod article;
pub mod compare;
pub mod error;
pub mod export;
pub mod fonts;
pub mod issue_file;
pub mod layout;
pub mod model;
pub mod numerals;
pub mod pipeline;
pub mod proof;
pub mod style;
pub mod text_input;
pub mod world;

pub use error::{Error, InputError, Result};
