//! The layout stage: the finished model goes into the Typst world as data, the
//! layouts in `layouts/` set it, and we get pages back. Then every glyph of every
//! page is checked: a missing glyph (glyph 0) stops the build.

use typst::diag::{SourceDiagnostic, Warned};
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

use crate::error::{Error, Result};
use crate::fonts::FontSet;
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

/// How many characters one face set in the laid-out pages.
#[derive(Debug, Clone)]
pub struct FontUse {
    /// The font set's slot of the face (None: a face the set does not know).
    pub slot: Option<usize>,
    /// The face's family and PostScript name (as `pdffonts` shows it).
    pub family: String,
    pub postscript: String,
    /// Characters typeset (whitespace not counted).
    pub chars: usize,
    /// Of those, the ones drawn with a stroke (bold made by stroking). A PDF draws
    /// them twice, filled then stroked, so a checker reading the PDF counts them twice.
    pub stroked: usize,
    /// The distinct characters.
    pub distinct: std::collections::BTreeSet<char>,
}

/// Counts, per face, the characters typeset on every page: what a PDF checker's
/// per-font table shows.
pub fn font_use(doc: &PagedDocument, fonts: &FontSet) -> Vec<FontUse> {
    let mut out: Vec<(typst::text::Font, FontUse)> = Vec::new();
    for page in doc.pages() {
        count(&page.frame, fonts, &mut out);
    }
    let mut out: Vec<FontUse> = out.into_iter().map(|(_, u)| u).collect();
    out.sort_by(|a, b| b.chars.cmp(&a.chars).then(a.family.cmp(&b.family)));
    out
}

fn count(frame: &Frame, fonts: &FontSet, out: &mut Vec<(typst::text::Font, FontUse)>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => count(&g.frame, fonts, out),
            FrameItem::Text(t) => {
                let i = match out.iter().position(|(f, _)| f == t.font.font()) {
                    Some(i) => i,
                    None => {
                        out.push((
                            t.font.font().clone(),
                            FontUse {
                                slot: fonts.slot_of(t.font.font()),
                                family: t.font.info().family.clone(),
                                postscript: t.font.post_script_name().unwrap_or_default(),
                                chars: 0,
                                stroked: 0,
                                distinct: Default::default(),
                            },
                        ));
                        out.len() - 1
                    }
                };
                let u = &mut out[i].1;
                // Glyphs of one cluster share its text range: count the text once.
                let mut last = None;
                for g in t.glyphs.iter() {
                    let range = g.range();
                    if last.as_ref() == Some(&range) {
                        continue;
                    }
                    last = Some(range.clone());
                    for ch in t.text[range].chars().filter(|c| !c.is_whitespace()) {
                        u.chars += 1;
                        u.stroked += usize::from(t.stroke.is_some());
                        u.distinct.insert(ch);
                    }
                }
            }
            _ => {}
        }
    }
}
