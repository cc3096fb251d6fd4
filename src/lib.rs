//! jianbao (简报): typesets Chinese bulletins from an issue TOML and article texts into
//! print-ready PDF through embedded Typst.
//!
//! The data flows one way, one folder a stage:
//!
//! | stage     | module          | what it does                                              |
//! |-----------|-----------------|-----------------------------------------------------------|
//! | read      | [`input`]       | the issue file with spans, article files (text, Markdown, Word), photos |
//! | model     | [`model`]       | validated, finished model; styles and font roles; numerals; every printed text, walked once |
//! | typeset   | [`typeset`]     | the Typst `World`, fonts, coverage check, compile, what the pages measure |
//! | output    | [`output`]      | PDF bytes, print profile (boxes, marks, PDF/X, colour audit), preflight, file writes |
//! | proofs    | [`proof`]       | PDF → PNG pages; compare with reference renders           |
//!
//! Beside the stages: [`proofread`] (`jianbao check`: the punctuation rules and their
//! fixes) reads like a build; [`batch`] builds many issues in parallel; [`session`]
//! rebuilds with the world kept warm (`watch`); [`series`] writes the next issue of a
//! series and checks their continuity; [`eject`] writes an issue out as a plain Typst
//! project.
//!
//! [`pipeline`] strings the stages together, once; the CLI in `src/cli/` is a thin shell
//! over it.
//!
//! **The public surface** is chosen: the entry points below, and in each stage's
//! `mod.rs` the modules and `pub use` items it offers (the article parsers and Word
//! conversion of [`input`]; the finished model; [`typeset::fonts`] and the font check;
//! [`output::files`], [`output::preflight`], the colour audit and the print overrides;
//! proofs and compare; `check` and the punctuation rules). Everything else is
//! `pub(crate)`, and the `unreachable_pub` lint keeps it so.

pub mod batch;
pub mod eject;
pub mod error;
pub mod input;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod proof;
pub mod proofread;
pub mod series;
pub mod session;
pub mod typeset;

pub use error::{Error, InputError, Result};
pub use model::{Issue, load};
pub use pipeline::{BuildOptions, BuildReport, build};
pub use session::Session;
