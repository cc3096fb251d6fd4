//! Typeset: the Typst world that holds the layouts, the model as data and the fonts;
//! the font coverage check before compiling; the compile itself and what is measured on
//! the laid-out pages (missing glyphs, masthead and footer fit, overprints, font use).

pub mod compile;
pub mod fontcheck;
pub mod fonts;
pub mod world;
