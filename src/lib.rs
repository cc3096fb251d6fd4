//! jianbao (简报): typesets Chinese bulletins from an issue TOML and article texts into
//! print-ready PDF through embedded Typst.
//!
//! The data flows one way, one module a stage:
//!
//! | stage    | module                         | what it does                                   |
//! |----------|--------------------------------|------------------------------------------------|
//! | read     | [`issue_file`], [`text_input`] | parse the TOML (with spans), decode text files |
//! | model    | [`model`], [`article`], [`printed`] | validate, read articles into blocks; every printed text, walked once |
//! | layout   | [`world`], [`fonts`], [`fontcheck`], [`layout`] | the Typst `World`, fonts, coverage check, compile, glyph check |
//! | export   | [`export`], [`print`], [`files`] | PDF bytes, bleed and marks, colour audit, write |
//! | proofs   | [`proof`], [`compare`]         | PDF → PNG pages; compare with reference renders |
//!
//! Beside the stages: [`check`] (`jianbao check`) reads like a build and reports what
//! [`punctuation`] finds in the text, and can rewrite the articles with the safe fixes;
//! [`batch`] builds many issues in parallel; [`session`] rebuilds with the world kept
//! warm (`watch`); [`eject`] writes an issue out as a plain Typst project.
//!
//! [`pipeline`] strings the stages together; the CLI in `src/cli/` is a thin shell over it.

pub mod article;
pub mod batch;
pub mod check;
pub mod compare;
pub mod docx;
pub mod eject;
pub mod error;
pub mod export;
pub mod files;
pub mod fontcheck;
pub mod fonts;
pub mod issue_file;
pub mod layout;
pub mod model;
pub mod numerals;
pub mod photo;
pub mod pipeline;
pub mod preflight;
pub mod print;
pub mod printed;
pub mod proof;
pub mod punctuation;
pub mod series;
pub mod session;
pub mod style;
pub mod text_input;
pub mod world;

pub use error::{Error, InputError, Result};
