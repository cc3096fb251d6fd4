//! Typeset: the Typst world that holds the layouts, the model as data and the fonts;
//! the font coverage check before compiling; the compile itself and what is measured on
//! the laid-out pages (missing glyphs, masthead and footer fit, overprints, font use).

pub(crate) mod compile;
pub use compile::{LayoutPasses, count_passes};
pub mod fontcheck;
pub mod fonts;
pub(crate) mod world;

// What the pages measure, for the font report and for tests of the fit.
pub use compile::{FontUse, Laidout, footer_fit, masthead_fit, overprints, unit_line_fit};
