//! The layout stage: the finished model goes into the Typst world as data, the
//! layouts in `layouts/` set it, and we get pages back. Then every glyph of every
//! page is checked: a missing glyph (glyph 0) stops the build.

use typst::diag::{SourceDiagnostic, Warned};
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

use crate::error::{Error, Result};
use crate::world::JianbaoWorld;

/// A laid-out issue and the warnings Typst gave.
pub struct Laidout {
    pub document: PagedDocument,
    pub warnings: Vec<String>,
}

/// Compiles the world's main layout into pages.
pub fn compile(world: &JianbaoWorld) -> Result<Laidout> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let warnings: Vec<String> = warnings.iter().map(describe).collect();
    match output {
        Ok(document) => Ok(Laidout { document, warnings }),
        Err(errors) => Err(Error::internal(format!(
            "the layout failed: {}",
            errors.iter().map(describe).collect::<Vec<_>>().join("; ")
        ))),
    }
}

fn describe(d: &SourceDiagnostic) -> String {
    let mut s = d.message.to_string();
    for hint in &d.hints {
        s.push_str(&format!(" (hint: {})", hint.v));
    }
    s
}

/// A character that came out as glyph 0 (tofu).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    pub ch: char,
    pub page: usize,
    pub font: String,
    /// The text run it sits in, for context.
    pub context: String,
}

/// Walks every page for glyphs the font did not have.
pub fn missing_glyphs(doc: &PagedDocument) -> Vec<MissingGlyph> {
    let mut out = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        walk(&page.frame, i + 1, &mut out);
    }
    out
}

fn walk(frame: &Frame, page: usize, out: &mut Vec<MissingGlyph>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => walk(&g.frame, page, out),
            FrameItem::Text(t) => {
                for g in t.glyphs.iter().filter(|g| g.id == 0) {
                    let text = &t.text[g.range()];
                    for ch in text.chars().filter(|c| !c.is_whitespace()) {
                        out.push(MissingGlyph {
                            ch,
                            page,
                            font: t.font.info().family.clone(),
                            context: t.text.to_string(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
}
