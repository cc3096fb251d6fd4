//! The layout stage: the finished model goes into the Typst world as data, the
//! layouts in `layouts/` set it, and we get pages back. Then every glyph of every
//! page is checked: a missing glyph (glyph 0) stops the build.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use typst::World;
use typst::WorldExt;
use typst::comemo::{self, Track};
use typst::diag::{SourceDiagnostic, SourceResult, Warned};
use typst::engine::{Engine, Route, Sink, Traced};
use typst::foundations::{Output, StyleChain, Target, TargetElem};
use typst::introspection::{Introspector, MAX_ITERS};
use typst::layout::{Frame, FrameItem};
use typst::utils::Protected;
use typst_layout::{PagedDocument, PagedIntrospector};

use crate::error::{Error, InputError, Result};
use crate::typeset::fonts::FontSet;
use crate::typeset::world::JianbaoWorld;

/// A laid-out issue and the warnings Typst gave.
pub struct Laidout {
    pub document: PagedDocument,
    pub warnings: Vec<String>,
}

/// How many times Typst laid the document out, over how many compiles, and how many
/// layout modules it evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutPasses {
    /// Compiles: one, or more when `[print] pages` tightens the layout.
    pub compiles: usize,
    /// Layout passes in all. Typst lays a document out again while what it looked up
    /// (positions, queries, measurements) changed since the last pass: two are the
    /// least for layouts that look anything up, as ours do; each one more costs a
    /// pass's time (12 ms of a 100-page issue).
    pub passes: usize,
    /// Layout modules evaluated (the shipped layouts are five files). Typst evaluates
    /// a module again only when a file it read has changed, so a rebuild after an
    /// article's save evaluates one, main.typ, the only one that reads the model.
    pub evals: usize,
}

impl std::fmt::Display for LayoutPasses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} layout pass(es) in {} compile(s), {} module(s) evaluated",
            self.passes, self.compiles, self.evals
        )
    }
}

/// Runs `f` and counts the compiles, layout passes and module evaluations made while it
/// ran, from Typst's own timing events. Those are process-wide: for one build at a time
/// (`build --layout-passes`), not for builds on other threads. Recording them slows the
/// layout by about a tenth, and writing them out to count costs about 0.4 ms a page after the
/// build (a scan of the JSON, not a parse: a parse took four times as long).
pub fn count_passes<T>(f: impl FnOnce() -> T) -> (T, LayoutPasses) {
    typst_timing::clear();
    typst_timing::enable();
    let out = f();
    typst_timing::disable();
    let mut json = Vec::new();
    let _ = typst_timing::export_json(&mut json, |_| (String::new(), 0));
    // The events' fixed shape: `{"name":"…","cat":"typst","ph":"B","ts":…,"pid":1,
    // "tid":1,"args":{…}}`, a begin (B) and an end (E) for each scope.
    let json = String::from_utf8_lossy(&json);
    let mut passes = LayoutPasses {
        compiles: 0,
        passes: 0,
        evals: 0,
    };
    // Each thread's open scopes, with whether another began inside them. A module's
    // evaluation is timed when it is asked for, from the cache or not; one that was
    // evaluated has the scopes of its function calls inside it.
    let mut open: HashMap<&str, Vec<(&str, bool)>> = HashMap::new();
    for event in json.split("},{") {
        let (Some(name), Some(phase), Some(thread)) = (
            field(event, "name"),
            field(event, "ph"),
            field(event, "tid"),
        ) else {
            continue;
        };
        let stack = open.entry(thread).or_default();
        if phase == "B" {
            match name {
                "compile" => passes.compiles += 1,
                "layout document" => passes.passes += 1,
                _ => {}
            }
            if let Some(outer) = stack.last_mut() {
                outer.1 = true;
            }
            stack.push((name, false));
        } else if phase == "E" && stack.pop() == Some(("eval", true)) {
            passes.evals += 1;
        }
    }
    (out, passes)
}

/// A field's value in one of Typst's timing events (a string's without its quotes).
fn field<'a>(event: &'a str, key: &str) -> Option<&'a str> {
    let needle = ["\"", key, "\":"].concat();
    let at = event.find(&needle)?;
    let rest = &event[at + needle.len()..];
    let rest = rest.strip_prefix('"').unwrap_or(rest);
    rest.split(['"', ',', '}']).next()
}

/// Compiles the world's main layout into pages.
///
/// When Typst's passes do not settle, as many again, from what the last one found: a
/// table set from measures of its cells (which Typst matches to the pages of the pass
/// before) took seven to settle, and the PDF of the fifth printed its pages' numbers
/// from the fourth, 1, 2, 4 (QA15 H 02). Settled then, the pages are those of a
/// layout that agrees with itself, and nothing is said; else the fifth pass's, said.
pub(crate) fn compile(world: &JianbaoWorld) -> Result<Laidout> {
    let compiled = typst::compile::<PagedDocument>(world);
    if compiled.warnings.iter().any(unsettled)
        && let Ok(document) = &compiled.output
        && let Some(settled) = seeded(world, Output::introspector(document))
    {
        return laid(world, settled);
    }
    laid(world, compiled)
}

/// Under `watch`: where a rebuild's layout starts. A cold build lays the pages out
/// first with nothing looked up (no page numbers, no positions), then again with what
/// that pass found, until what is looked up agrees with the pages made: two passes at
/// least. A rebuild starts instead from what the last build's pages say: after an edit
/// that moved nothing looked up (a typo mended, a word changed) that first pass is the
/// last, and the save costs one pass (a 101-page save's layout stage 36 → 23 ms, median
/// of 19 saves). It stops on the same rule as `typst::compile`.
///
/// Pages where everything looked up agrees with what they say are what a cold build
/// makes when there is one such layout, as with our layouts; Typst does not prove that
/// there is only one. So a seeded build is [`Seed::seeded`], and `watch` builds it again
/// from nothing when the editor pauses ([`crate::Session::settle`]), and writes that
/// PDF if it differs.
///
/// Only the first layout of a build (the issue as written, before photos are held or
/// `[print] pages` tightens it) is seeded, from the same layout of the build before.
#[derive(Default)]
pub struct Seed(Mutex<SeedState>);

#[derive(Default)]
struct SeedState {
    /// What this build's first layout starts from.
    from: Option<Arc<PagedIntrospector>>,
    /// What this build's first layout made: set once a build.
    made: Option<Arc<PagedIntrospector>>,
    /// Whether this build's first layout started from `from` (not from nothing).
    seeded: bool,
}

impl Seed {
    fn state(&self) -> std::sync::MutexGuard<'_, SeedState> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new build: what the last one's first layout made is where this one's starts.
    pub fn next_build(&self) {
        let mut s = self.state();
        s.from = s.made.take();
        s.seeded = false;
    }

    /// A new build from nothing, as a cold build (what the next one starts from is
    /// what this one makes).
    pub fn cold_build(&self) {
        let mut s = self.state();
        s.from = None;
        s.made = None;
        s.seeded = false;
    }

    /// Whether this build's pages were laid out from the last build's: a cold build
    /// may differ (see [`Seed`]).
    pub fn seeded(&self) -> bool {
        self.state().seeded
    }

    /// Compiles: the build's first layout from the seed, the others as cold builds do.
    pub(crate) fn compile(&self, world: &JianbaoWorld) -> Result<Laidout> {
        let mut s = self.state();
        if s.made.is_some() {
            return compile(world);
        }
        let compiled = s.from.take().and_then(|seed| seeded(world, seed.as_ref()));
        s.seeded = compiled.is_some();
        let laid = match compiled {
            Some(compiled) => laid(world, compiled)?,
            // No seed, or its passes failed or did not settle: a cold compile, whose
            // errors and warnings are the ones reported.
            None => compile(world)?,
        };
        s.made = Some(laid.document.introspector().clone());
        Ok(laid)
    }
}

/// The passes of `typst::compile` (typst 0.15.1, `compile_impl`), the first one made with
/// `seed`; `None` when they fail or do not settle.
fn seeded(
    world: &JianbaoWorld,
    seed: &dyn Introspector,
) -> Option<Warned<SourceResult<PagedDocument>>> {
    let _scope = typst_timing::TimingScope::new("compile");
    let world: &dyn World = world;
    let world = world.track();
    let traced = Traced::default();
    let traced = traced.track();
    let library = world.library();
    let base = StyleChain::new(&library.styles);
    let target = TargetElem::target.set(Target::Paged).wrap();
    let styles = base.chain(&target);
    let main = world.source(world.main()).ok()?;
    let mut sink = Sink::new();
    let content = typst_eval::eval(
        world,
        library,
        traced,
        sink.track_mut(),
        Route::default().track(),
        &main,
    )
    .ok()?
    .content();
    let mut last: Option<PagedDocument> = None;
    for _ in 0..MAX_ITERS {
        let introspector: &dyn Introspector = match &last {
            Some(document) => Output::introspector(document),
            None => seed,
        };
        let constraint = comemo::Constraint::new();
        let mut subsink = Sink::new();
        let mut engine = Engine {
            library,
            world,
            introspector: Protected::new(introspector.track_with(&constraint)),
            traced,
            sink: subsink.track_mut(),
            route: Route::default(),
        };
        let document = PagedDocument::create(&mut engine, &content, styles).ok()?;
        if constraint.validate(Output::introspector(&document)) {
            sink.extend_from_sink(subsink);
            if !sink.delayed().is_empty() {
                return None;
            }
            return Some(Warned {
                output: Ok(document),
                warnings: sink.warnings(),
            });
        }
        last = Some(document);
    }
    None
}

/// Whether a Typst warning says that the layout did not settle (one for the document,
/// one for each element that moved).
fn unsettled(d: &SourceDiagnostic) -> bool {
    let m = d.message.as_str();
    m.contains("did not converge") || m.contains("did not stabilize")
}

fn laid(world: &JianbaoWorld, compiled: Warned<SourceResult<PagedDocument>>) -> Result<Laidout> {
    let Warned {
        output,
        warnings: typst,
    } = compiled;
    // Typst's warnings that the layout did not settle (one for the document, one for
    // each element that moved: nine of them, with «run 3: page 6 at (79pt, 269pt)»)
    // are one warning in the editor's words (QA12 A 07).
    let mut warnings: Vec<String> = typst
        .iter()
        .filter(|d| !unsettled(d))
        .map(describe)
        .collect();
    if let Some(first) = typst.iter().find(|d| unsettled(d)) {
        // With a layout of the user's own, Typst's first words too: theirs to follow.
        let own = match world.layout_dir() {
            Some(_) => format!(" (Typst: {})", describe(first)),
            None => String::new(),
        };
        warnings.push(format!(
            "the layout did not settle: in its last passes a part of the issue (the 报尾, a photo or a table, most often near the end) still moved between pages, so the PDF is the last pass's and the page the build names for the 报尾 may be wrong; look at the last pages. Cutting or adding a line or two before the 报尾, or a photo's width, usually settles it; if the pages look wrong, report it with the issue's folder / 版面多次排版仍未稳定（报尾、图片或表格在页间移动），请检查最后几页；删改一两行或调整图片大小通常可解决{own}"
        ));
    }
    match output {
        Ok(document) => Ok(Laidout { document, warnings }),
        Err(errors) => Err(layout_errors(world, &errors)),
    }
}

/// Typst's errors, each at its place in the layout's source, as typst-cli shows them.
/// In layouts given with `--layout-dir` they are the user's to fix (exit 1, the file,
/// line and column, the code excerpt); in the built-in layouts they are a bug in
/// jianbao, reported with the same place.
fn layout_errors(world: &JianbaoWorld, errors: &[SourceDiagnostic]) -> Error {
    let located: Vec<InputError> = errors
        .iter()
        .filter_map(|d| {
            let id = d.span.id()?;
            let source = world.source(id).ok()?;
            let range = world.range(d.span)?;
            let name = id.vpath().get_with_slash();
            let path = match world.layout_dir() {
                Some(dir) => dir.join(name.trim_start_matches("/layouts/")),
                None => std::path::PathBuf::from(format!("(built in){name}")),
            };
            let mut e = InputError::at(path, source.text(), range, d.message.to_string());
            let hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
            if !hints.is_empty() {
                e = e.help(hints.join("; "));
            }
            Some(e)
        })
        .collect();
    if world.layout_dir().is_some() && !located.is_empty() {
        return Error::Many(located);
    }
    let places: Vec<String> = located
        .iter()
        .map(|e| {
            let (line, col) = e.line_col().unwrap_or((0, 0));
            format!("{}:{line}:{col}: {}", e.file.display(), e.message)
        })
        .collect();
    let what = if places.is_empty() {
        errors.iter().map(describe).collect::<Vec<_>>().join("; ")
    } else {
        places.join("; ")
    };
    Error::internal(format!("the layout failed: {what}"))
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
pub(crate) struct MissingGlyph {
    pub ch: char,
    pub page: usize,
    pub font: String,
    /// The text run it sits in, for context.
    pub context: String,
}

/// Walks every page for glyphs the font did not have.
pub(crate) fn missing_glyphs(doc: &PagedDocument) -> Vec<MissingGlyph> {
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
pub(crate) fn font_use(doc: &PagedDocument, fonts: &FontSet) -> Vec<FontUse> {
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

/// Two runs of text whose ink boxes overlap, or a run that leaves the page: text the
/// layout could not place, found on the laid-out pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Overprint {
    pub page: usize,
    /// The run that lies over (or off the page), and the run it covers (none when it
    /// leaves the page).
    pub text: String,
    pub covers: Option<String>,
    /// How much: width and height of the overlap (or of what lies off the page), pt.
    pub width: f64,
    pub height: f64,
}

/// A run of text on a page: its em box in page coordinates (pt), its size, its text.
struct Run {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    size: f64,
    text: String,
    /// The last glyph with ink: its font, its id, and where its ink's right edge would be were
    /// its outline's right edge at 0 (page x, pt, and pt per font unit), for
    /// [`Run::ink_right`].
    last: Option<(typst::text::FontInstance, u16, f64, f64)>,
}

impl Run {
    /// Where the run's ink ends at the right (page x, pt): its last glyph's outline, not
    /// its advance. A mark Typst trims at a line's end (a closing ） set half wide) keeps
    /// the justification's stretch after it, a third of an em on a loose line, and its
    /// ink is in its left half: by its advance, «time）» stood 2.1 mm past the edge with
    /// its ink inside it (QA11 A 10). Measured only for a run that seems past the edge.
    fn ink_right(&self) -> f64 {
        let Some((font, id, origin, per_unit)) = &self.last else {
            return self.x1;
        };
        match font.ttf().glyph_bounding_box(ttf_parser::GlyphId(*id)) {
            Some(b) => origin + f64::from(b.x_max) * per_unit,
            // A space: the ink ended before it.
            None => *origin,
        }
    }
}

/// An affine map [a b c d e f]: x' = a x + c y + e, y' = b x + d y + f.
#[derive(Clone, Copy)]
struct Affine([f64; 6]);

impl Affine {
    const ID: Affine = Affine([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn then(self, inner: Affine) -> Affine {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = inner.0;
        Affine([
            a * a2 + c * b2,
            b * a2 + d * b2,
            a * c2 + c * d2,
            b * c2 + d * d2,
            a * e2 + c * f2 + e,
            b * e2 + d * f2 + f,
        ])
    }

    fn of(t: typst::layout::Transform) -> Affine {
        Affine([
            t.sx.get(),
            t.ky.get(),
            t.kx.get(),
            t.sy.get(),
            t.tx.to_pt(),
            t.ty.to_pt(),
        ])
    }

    fn translate(x: f64, y: f64) -> Affine {
        Affine([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn rotated(self) -> bool {
        self.0[1].abs() > 1e-6 || self.0[2].abs() > 1e-6
    }
}

/// Calls `f` with every item of a frame and of the groups in it (not the groups
/// themselves), each with the map from its own coordinates to the frame's.
fn visit(frame: &Frame, m: Affine, f: &mut impl FnMut(Affine, &FrameItem)) {
    for (pos, item) in frame.items() {
        let at = m.then(Affine::translate(pos.x.to_pt(), pos.y.to_pt()));
        match item {
            FrameItem::Group(g) => visit(&g.frame, at.then(Affine::of(g.transform)), f),
            item => f(at, item),
        }
    }
}

fn runs(frame: &Frame, out: &mut Vec<Run>) {
    visit(frame, Affine::ID, &mut |at, item| match item {
        // A rotated run is the draft's watermark, meant to lie over the page.
        FrameItem::Text(t) if !at.rotated() && !t.text.trim().is_empty() => {
            let size = t.size.to_pt();
            // A justified line's stretch stands after each character, its last one's
            // too: blank, past where its ink ends (the line's last character up to
            // 0.37 em «past» the block on a loose line). No character is wider than
            // an em.
            let w = t.glyphs.split_last().map_or(0.0, |(last, rest)| {
                let rest: f64 = rest.iter().map(|g| g.x_advance.get()).sum();
                (rest + last.x_advance.get().min(1.0)) * size
            });
            // The last glyph with ink (not a space the line ends in).
            let inked = t.glyphs.iter().rposition(|g| {
                t.text
                    .get(usize::from(g.range.start)..usize::from(g.range.end))
                    .is_none_or(|c| !c.trim().is_empty())
            });
            let last = inked.map(|i| {
                let before: f64 = t.glyphs[..i].iter().map(|g| g.x_advance.get()).sum();
                let g = &t.glyphs[i];
                let origin = at.apply((before + g.x_offset.get()) * size, 0.0).0;
                let per_unit = size * at.0[0] / t.font.units_per_em();
                (t.font.clone(), g.id, origin, per_unit)
            });
            // The em box of CJK text: 0.88 em above the baseline, 0.12 below.
            let (x0, y0) = at.apply(0.0, -0.88 * size);
            let (x1, y1) = at.apply(w, 0.12 * size);
            out.push(Run {
                x0: x0.min(x1),
                y0: y0.min(y1),
                x1: x0.max(x1),
                y1: y0.max(y1),
                size: size * at.0[3].abs(),
                text: t.text.to_string(),
                last,
            });
        }
        _ => {}
    });
}

/// A body line set loose: its characters spread apart to fill the line (a justified
/// line that ends early, as before a run that cannot break: 12:00—18:00, 23,456人次, a
/// web address).
#[derive(Debug, Clone)]
pub(crate) struct LooseLine {
    pub page: usize,
    /// Its first words.
    pub text: String,
    /// How much wider its characters stand than the body's usual, em.
    pub spread: f64,
}

/// The body lines (text at `size`, pt) whose Chinese characters stand more than
/// `limit` em further apart than the body's usual: the median advance of each line's
/// characters (or its widest that stands before another character of its run, where
/// boxes take none of the stretch) against the median of all lines'. A line of three to five Chinese
/// characters (the rest Latin: 附　　件　　为　　safety_check_2026_v2.xlsx和, spread
/// 2 em and not said) is judged at twice the limit, as the space Typst sets between
/// Chinese and Latin widens a few of them; fewer than three are not judged.
pub(crate) fn loose_lines(doc: &PagedDocument, size: f64, limit: f64) -> Vec<LooseLine> {
    // (page, baseline in tenths of a pt) → the line's text and its characters' advances.
    // With the widest advance of a character before another Chinese one or a mark.
    let mut lines: std::collections::BTreeMap<(usize, i64), (String, Vec<f64>, f64)> =
        std::collections::BTreeMap::new();
    let han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let cjk_mark =
        |c: char| ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF00}'..='\u{FF65}').contains(&c);
    for (i, page) in doc.pages().iter().enumerate() {
        visit(&page.frame, Affine::ID, &mut |at, item| match item {
            FrameItem::Text(t) if !at.rotated() && (t.size.to_pt() - size).abs() < 0.05 => {
                let (_, y) = at.apply(0.0, 0.0);
                let line = lines.entry((i + 1, (y * 10.0).round() as i64)).or_default();
                line.0.push_str(&t.text);
                let first =
                    |g: &typst::text::Glyph| t.text[g.range()].chars().next().unwrap_or(' ');
                for (k, g) in t.glyphs.iter().enumerate() {
                    if !han(first(g)) {
                        continue;
                    }
                    line.1.push(g.x_advance.get());
                    // Before another Chinese character or mark of its run: its advance
                    // is its width and the line's stretch, never the space Typst sets
                    // before Latin text.
                    if t.glyphs
                        .get(k + 1)
                        .is_some_and(|n| han(first(n)) || cjk_mark(first(n)))
                    {
                        line.2 = line.2.max(g.x_advance.get());
                    }
                }
            }
            _ => {}
        });
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut judged: Vec<(usize, String, f64, usize, f64)> = lines
        .into_iter()
        .filter(|(_, (_, adv, _))| adv.len() >= 3)
        .map(|((page, _), (text, mut adv, widest))| {
            let n = adv.len();
            (page, text, median(&mut adv), n, widest)
        })
        .collect();
    // The usual pitch: the lower quartile of the lines of six or more (a short issue of
    // a few lines, half of them loose, had a loose median; a line is set loose, never
    // tight).
    let mut all: Vec<f64> = judged.iter().filter(|l| l.3 >= 6).map(|l| l.2).collect();
    if all.is_empty() {
        return Vec::new();
    }
    all.sort_by(f64::total_cmp);
    let usual = all[all.len() / 4];
    // A line's stretch is set after each of its characters alike, but not inside the
    // boxes that keep a number, an article of a law or a name whole: a line of them
    // (刑法》第二百六十六条、第二百八十七条之二第一款、) had its few free characters 1.1 em
    // apart and a median advance of the usual, and was not said (QA18 N 02). Its stretch
    // is also its widest character's that stands before another of its run.
    for l in &mut judged {
        l.2 = l.2.max(l.4);
    }
    judged.retain(|l| l.2 - usual > if l.3 >= 6 { limit } else { 2.0 * limit });
    judged
        .into_iter()
        .map(|(page, text, adv, _, _)| LooseLine {
            page,
            text: snippet(&text),
            spread: adv - usual,
        })
        .collect()
}

/// Lets Typst's caches go and hands the memory freed back to the system: for a build
/// of one issue, between its layout and its export. The export's end is such a build's
/// peak of memory, and the caches were still held there, though nothing after the
/// layout looks in them (the pages hold their own frames): a 101-page build's peak
/// 79.4 → 70.7 MiB (issue 20).
pub(crate) fn forget_layouts() {
    comemo::evict(0);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    // SAFETY: malloc_trim only hands the heap's free pages back to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Text that stands past the text block's left or right edge: a run of letters or
/// figures with no place to break (a checksum, a long code) set on past the line's end.
#[derive(Debug, Clone)]
pub(crate) struct PastBlock {
    pub page: usize,
    /// Its first words.
    pub text: String,
    /// How far past the edge, pt.
    pub by: f64,
}

/// The first words of a run, for messages.
fn snippet(text: &str) -> String {
    let mut s: String = text.chars().take(12).collect();
    if text.chars().count() > 12 {
        s.push('…');
    }
    s
}

/// Runs of text that overprint each other (their em boxes overlap by more than 0.3 em
/// both ways: lines of a title run into the lines below it, a block placed over
/// another) or that leave the page. The bleed around the page counts as page.
pub fn overprints(doc: &PagedDocument) -> Vec<Overprint> {
    misplaced(doc, None).0
}

/// The text block across the page, for [`misplaced`]: from `left` to `right` (pt from
/// the trim's left edge), and the body's size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextBlock {
    pub left: f64,
    pub right: f64,
    pub size: f64,
}

/// The [`overprints`], and, in the same pass over the pages, with a `block`, the runs
/// of text no larger than its body size (not the masthead, whose spaced title ends in
/// its letter-spacing) past its edges: whose ink stands more than 0.1 em past the right
/// edge, or whose em box starts more than 0.3 em before the left one (a trimmed opening
/// mark stands within that). Rotated runs (the draft's watermark) are meant to lie over
/// the page.
pub(crate) fn misplaced(
    doc: &PagedDocument,
    block: Option<TextBlock>,
) -> (Vec<Overprint>, Vec<PastBlock>) {
    let mut out = Vec::new();
    let mut past = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        let mut rs = Vec::new();
        runs(&page.frame, &mut rs);
        let (pw, ph) = (page.frame.width().to_pt(), page.frame.height().to_pt());
        for r in &rs {
            if let Some(b) = block
                && r.size <= b.size + 0.05
            {
                // At the right, by ink: a line's last character's grid tracking and a
                // trimmed mark's stretch are blank.
                let right = if r.x1 - b.right > 0.1 * r.size {
                    r.ink_right() - b.right
                } else {
                    0.0
                };
                let left = b.left - r.x0;
                if right > 0.1 * r.size || left > 0.3 * r.size {
                    let by = right.max(left);
                    past.push(PastBlock {
                        page: i + 1,
                        text: snippet(&r.text),
                        by,
                    });
                }
            }
            let (w, h) = (
                (r.x1 - pw).max(0.0) + (-r.x0).max(0.0),
                (r.y1 - ph).max(0.0) + (-r.y0).max(0.0),
            );
            if w > 1.0 || h > 1.0 {
                out.push(Overprint {
                    page: i + 1,
                    text: snippet(&r.text),
                    covers: None,
                    width: w,
                    height: h,
                });
            }
        }
        rs.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        for (k, a) in rs.iter().enumerate() {
            for b in &rs[k + 1..] {
                if b.y0 >= a.y1 {
                    break;
                }
                let w = a.x1.min(b.x1) - a.x0.max(b.x0);
                let h = a.y1.min(b.y1) - a.y0.max(b.y0);
                let limit = 0.3 * a.size.min(b.size);
                if w > limit && h > limit {
                    out.push(Overprint {
                        page: i + 1,
                        text: snippet(&a.text),
                        covers: Some(snippet(&b.text)),
                        width: w,
                        height: h,
                    });
                }
            }
        }
    }
    (out, past)
}

/// What the layouts report of their own fitting, as metadata in the document
/// (`#metadata(…) <jianbao-…>`): read back here so that the build can stop or warn.
fn reported<T: serde::de::DeserializeOwned>(doc: &PagedDocument, label: &str) -> Option<T> {
    metadata_value(&labelled(doc, label)?)
}

/// The value of a `#metadata(…)` element, as `T`.
fn metadata_value<T: serde::de::DeserializeOwned>(
    content: &typst::foundations::Content,
) -> Option<T> {
    use typst::introspection::MetadataElem;
    let value = &content.to_packed::<MetadataElem>()?.value;
    serde_json::from_value(serde_json::to_value(value).ok()?).ok()
}

/// How the masthead title was fitted (`layouts/masthead.typ`).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct MastheadFit {
    /// What the title is wider than its room at the floors, in pt (0: it fits).
    pub overflow: f64,
    /// The horizontal compression (1: none).
    pub scale: f64,
    /// The size it is set in, pt.
    pub size: f64,
    /// Its widest line as set in its role's size, and the room a line has, pt.
    pub natural: f64,
    pub room: f64,
    /// The lines it is set on.
    #[serde(default)]
    pub lines: u32,
    /// Whether a line more than `masthead_max_lines` allows would set it narrower.
    #[serde(default)]
    pub more: bool,
}

/// The masthead's fitting, when the layout reports it (the built-in layouts do).
pub fn masthead_fit(doc: &PagedDocument) -> Option<MastheadFit> {
    reported(doc, "jianbao-masthead")
}

/// How the unit line (the editing unit beside the date) was fitted
/// (`layouts/masthead.typ`).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct UnitLineFit {
    /// What the unit is wider than its room at the floor, in pt (0: it fits).
    pub overflow: f64,
    /// The horizontal compression (1: none).
    pub scale: f64,
    /// The unit's room beside the date, pt.
    pub room: f64,
    /// Whether a date shares the line.
    pub dated: bool,
}

/// The unit line's fitting, when the layout reports it (the built-in layouts do).
pub fn unit_line_fit(doc: &PagedDocument) -> Option<UnitLineFit> {
    reported(doc, "jianbao-unit-line")
}

/// How the masthead's pinyin or English line was fitted to one line
/// (`layouts/masthead.typ`).
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct PinyinFit {
    /// Its horizontal scale (1: not compressed; its letter-spacing was taken down to
    /// 0.1 em first); under `floor` when it is too long even set smaller.
    pub scale: f64,
    /// Its size, as a share of the role's (set smaller once compressed to the floor).
    #[serde(default = "one")]
    pub size: f64,
    /// The narrowest compression allowed (`masthead_min_scale`).
    #[serde(default)]
    pub floor: f64,
    /// How much wider than the line it is at the floor and its smallest size, pt.
    #[serde(default)]
    pub over: f64,
}

fn one() -> f64 {
    1.0
}

/// The pinyin line's fitting, when the masthead has one and the layout reports it.
pub(crate) fn pinyin_fit(doc: &PagedDocument) -> Option<PinyinFit> {
    reported(doc, "jianbao-pinyin")
}

/// How the issuer's line(s) over the masthead title were fitted: the narrowest
/// horizontal compression (1: none) and how many lines.
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct IssuerFit {
    pub scale: f64,
    pub lines: usize,
}

pub(crate) fn issuer_fit(doc: &PagedDocument) -> Option<IssuerFit> {
    reported(doc, "jianbao-issuer")
}

/// How the footer (报尾) was fitted (`layouts/footer.typ`).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct FooterFit {
    /// The page the last article ends on.
    pub page: usize,
    /// The room between the end of the last article and the foot of the text block, pt.
    pub avail: f64,
    /// The room the footer needs at each level of tightening (with the space above it), pt.
    pub needs: Vec<f64>,
    /// The level chosen (0: as designed).
    pub level: usize,
    /// Whether it fits under the last article at all.
    pub fits: bool,
    /// The body's line pitch, pt.
    pub pitch: f64,
    /// The page the footer landed on: `page`, or a later one when photos floated there
    /// go before it (floats keep their order).
    #[serde(default)]
    pub placed: usize,
}

impl FooterFit {
    /// The body lines the footer takes at the tightest, with the space above it.
    pub fn lines_needed(&self) -> i64 {
        (self.tightest() / self.pitch).ceil() as i64
    }

    /// The room it needs at the tightest, with the space above it, pt.
    pub fn tightest(&self) -> f64 {
        self.needs.iter().copied().fold(f64::INFINITY, f64::min)
    }
}

/// The footer's fitting, when the issue has a footer and the layout reports it.
pub fn footer_fit(doc: &PagedDocument) -> Option<FooterFit> {
    let mut fit: FooterFit = reported(doc, "jianbao-footer")?;
    fit.placed = page_of(doc, "jianbao-footer-at").unwrap_or(fit.page);
    Some(fit)
}

/// A photo that did not fit where it stands and floated to the top of a later page
/// (`layouts/article.typ`).
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct PhotoFloat {
    /// Its article and its block there, from 0.
    pub article: usize,
    pub block: usize,
    /// The page it did not fit on.
    pub page: usize,
    #[serde(flatten)]
    pub size: PhotoSize,
}

/// A photo's sizes as the layout reports them, pt: its block's height, its image's
/// height and its (row's) width.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
#[serde(default)]
pub(crate) struct PhotoSize {
    pub height: f64,
    pub image: f64,
    pub width: f64,
}

/// The photos that floated, in order, when the layout reports them.
pub(crate) fn photo_floats(doc: &PagedDocument) -> Vec<PhotoFloat> {
    reported_all(doc, "jianbao-photo-float")
        .into_iter()
        .map(|(_, f)| f)
        .collect()
}

/// A photo that floated past a heading or its article's end in a layout before, held
/// before it in this one (`layouts/article.typ`): made smaller to fit the room left, or
/// set at the next page's top.
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct PhotoHeld {
    /// Its article and its block there, from 0.
    pub article: usize,
    pub block: usize,
    /// The page it did not fit on at its size.
    pub page: usize,
    /// The room it needs at its size, and the room left under the text before it, pt.
    pub need: f64,
    pub room: f64,
    /// The scale it was set at to fit the room; none: set at the next page's top.
    pub scale: Option<f64>,
    /// The body's line pitch, pt.
    pub pitch: f64,
    /// The image's size as placed (a row's widths together), pt.
    pub height: f64,
    pub width: f64,
    /// It ends its text (made smaller to stay after it, not held before something).
    #[serde(default)]
    pub ends: bool,
}

/// The photos held, in order, when the layout reports them.
pub(crate) fn photos_held(doc: &PagedDocument) -> Vec<PhotoHeld> {
    reported_all(doc, "jianbao-photo-held")
        .into_iter()
        .map(|(_, f)| f)
        .collect()
}

/// A photo set in the text, not floated (`layouts/article.typ`): its article and
/// block, its sizes; and the page and the y of its block's top, pt.
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct PhotoAt {
    pub article: usize,
    pub block: usize,
    #[serde(flatten)]
    pub size: PhotoSize,
    #[serde(skip)]
    pub page: usize,
    #[serde(skip)]
    pub y: f64,
}

/// The photos set in the text, when the layout reports them.
pub(crate) fn photos_at(doc: &PagedDocument) -> Vec<PhotoAt> {
    reported_at(doc, "jianbao-photo-at")
        .into_iter()
        .map(
            |(at, mut photo): (typst::introspection::PagedPosition, PhotoAt)| {
                photo.page = at.page.get();
                photo.y = at.point.y.to_pt();
                photo
            },
        )
        .collect()
}

/// The first words on a page (from 1), top to bottom and left to right, when it has
/// text above `limit` (pt from the page's top).
pub(crate) fn first_words(doc: &PagedDocument, page: usize, limit: f64) -> Option<String> {
    let mut all = Vec::new();
    runs(&doc.pages().get(page.checked_sub(1)?)?.frame, &mut all);
    // By baseline (the em box's foot less 0.12 em), to the half point.
    let baseline = |r: &Run| ((r.y1 - 0.12 * r.size) * 2.0).round() / 2.0;
    all.retain(|r| baseline(r) < limit);
    all.sort_by(|a, b| {
        baseline(a)
            .total_cmp(&baseline(b))
            .then(a.x0.total_cmp(&b.x0))
    });
    let y = baseline(all.first()?);
    let line: String = all
        .iter()
        .filter(|r| (baseline(r) - y).abs() < 1.0)
        .map(|r| r.text.as_str())
        .collect();
    Some(snippet(&line))
}

/// The foot of the lowest text or image on a page (from 1) above `limit` (pt from the
/// page's top; the page number stands below it), when it has any.
pub(crate) fn content_foot(doc: &PagedDocument, page: usize, limit: f64) -> Option<f64> {
    let mut foot: Option<f64> = None;
    let frame = &doc.pages().get(page.checked_sub(1)?)?.frame;
    visit(frame, Affine::ID, &mut |at, item| {
        let y = match item {
            FrameItem::Text(t) if !t.text.trim().is_empty() => {
                at.apply(0.0, 0.12 * t.size.to_pt()).1
            }
            FrameItem::Image(_, size, _) => at.apply(0.0, size.y.to_pt()).1,
            _ => return,
        };
        if y < limit {
            foot = Some(foot.map_or(y, |f| f.max(y)));
        }
    });
    foot
}

/// A long table that opened the next page, its caption, header and three rows not
/// fitting the room left under the text before it (`layouts/article.typ`).
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct TableMoved {
    /// The room it left, and the body's line pitch, pt.
    pub room: f64,
    pub pitch: f64,
    pub caption: String,
}

/// The tables that opened the next page, with the page each left.
pub(crate) fn tables_moved(doc: &PagedDocument) -> Vec<(usize, TableMoved)> {
    reported_all(doc, "jianbao-table-moved")
}

/// An article's title set on more than three lines (`layouts/article.typ`).
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct LongTitle {
    /// The article, from 0, and the lines its title took.
    pub of: usize,
    pub lines: u32,
}

/// The titles set on more than three lines, with the page each is on.
pub(crate) fn long_titles(doc: &PagedDocument) -> Vec<(usize, LongTitle)> {
    reported_all(doc, "jianbao-long-title")
}

/// Whether the 报尾 set 共印N份 on a row of its own where `print_count_placement =
/// "editors"` asked for it beside the 责任编辑 line, which the names fill
/// (`layouts/footer.typ`).
pub(crate) fn print_count_apart(doc: &PagedDocument) -> bool {
    !reported_all::<serde::de::IgnoredAny>(doc, "jianbao-count-apart").is_empty()
}

/// A table wider than the text block at its smallest (`layouts/article.typ`).
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct TableWide {
    /// How much wider, pt; its columns; its caption.
    pub over: f64,
    pub columns: usize,
    pub caption: String,
    /// Its article and block (none: a layout of the user's own that does not say).
    #[serde(default)]
    pub at: Option<BlockAt>,
}

/// The tables too wide for the text block, with the page each is on.
pub(crate) fn tables_too_wide(doc: &PagedDocument) -> Vec<(usize, TableWide)> {
    reported_all(doc, "jianbao-table-wide")
}

/// A block inside an article (a heading, a list's item): its article and its block,
/// from 0.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
pub(crate) struct BlockAt {
    pub article: usize,
    pub block: usize,
}

/// The page each heading inside an article is on, when the layout reports them.
pub(crate) fn headings(doc: &PagedDocument) -> Vec<(usize, BlockAt)> {
    reported_all(doc, "jianbao-heading")
}

/// The page each item of a list ends on (its article and block), when the layout
/// reports them.
pub(crate) fn list_items(doc: &PagedDocument) -> Vec<(usize, BlockAt)> {
    reported_all(doc, "jianbao-item")
}

/// The page each floated photo landed on (its article and block), when the layout
/// reports them.
pub(crate) fn photo_landings(doc: &PagedDocument) -> Vec<(usize, BlockAt)> {
    reported_all(doc, "jianbao-photo-landed")
}

/// The page each article ends on, by its index, when the layout reports it.
pub(crate) fn article_ends(doc: &PagedDocument) -> Vec<(usize, usize)> {
    reported_all(doc, "jianbao-article-end")
        .into_iter()
        .map(|(page, article)| (article, page))
        .collect()
}

/// Where each article's notes begin: (article, page).
pub(crate) fn notes_starts(doc: &PagedDocument) -> Vec<(usize, usize)> {
    reported_all(doc, "jianbao-notes-start")
        .into_iter()
        .map(|(page, article)| (article, page))
        .collect()
}

/// Every metadata element with this label, with the page it is on.
fn reported_all<T: serde::de::DeserializeOwned>(
    doc: &PagedDocument,
    label: &str,
) -> Vec<(usize, T)> {
    reported_at(doc, label)
        .into_iter()
        .map(|(at, value)| (at.page.get(), value))
        .collect()
}

/// Every metadata element with this label, with where it is (its page and point).
fn reported_at<T: serde::de::DeserializeOwned>(
    doc: &PagedDocument,
    label: &str,
) -> Vec<(typst::introspection::PagedPosition, T)> {
    use typst::introspection::Introspector;
    let Some(label) = typst::foundations::Label::new(typst::utils::PicoStr::intern(label)) else {
        return Vec::new();
    };
    let introspector = doc.introspector();
    introspector
        .query(&typst::foundations::Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let at = introspector.position(content.location()?)?;
            Some((at, metadata_value(content)?))
        })
        .collect()
}

/// The page the first article starts on (its marker, `jianbao-article-0`).
pub(crate) fn first_article_page(doc: &PagedDocument) -> Option<usize> {
    page_of(doc, "jianbao-article-0")
}

/// The page a labelled element of the layout is on.
fn page_of(doc: &PagedDocument, label: &str) -> Option<usize> {
    use typst::introspection::Introspector;
    let location = labelled(doc, label)?.location()?;
    doc.introspector().page(location).map(|p| p.get())
}

/// The one element of the laid-out document with this label.
fn labelled(doc: &PagedDocument, label: &str) -> Option<typst::foundations::Content> {
    use typst::introspection::Introspector;
    let label = typst::foundations::Label::new(typst::utils::PicoStr::intern(label))?;
    doc.introspector().query_label(label).ok().cloned()
}

/// Where the body ends (`layouts/main.typ`): the page, and the y of the text block's
/// top and of the last line's top on their pages, pt.
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct BodyEnd {
    pub page: usize,
    pub top: f64,
    pub end: f64,
    /// The body grid's line pitch and the body size, pt.
    pub pitch: f64,
    pub size: f64,
}

impl BodyEnd {
    /// The body lines used on the page the body ends on.
    pub(crate) fn lines_used(&self) -> i64 {
        ((self.end + self.size - self.top) / self.pitch - 0.02).ceil() as i64
    }
}

/// Where 本期要目 ends (the top of its closing rule, as `end`), when the issue has it
/// and the layout reports it.
pub(crate) fn contents_end(doc: &PagedDocument) -> Option<BodyEnd> {
    reported(doc, "jianbao-contents")
}

/// Where the 领导批示 box starts under the masthead (`end`), with the text block's top
/// and height, when the issue has one.
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct InstructionAt {
    pub page: usize,
    pub top: f64,
    pub end: f64,
    pub pitch: f64,
    pub size: f64,
    pub height: f64,
}

impl InstructionAt {
    /// The whole body lines left on its page from where the box starts.
    pub(crate) fn lines_left(&self) -> i64 {
        ((self.top + self.height - self.end + self.pitch - self.size) / self.pitch + 0.02).floor()
            as i64
    }
}

pub(crate) fn instruction_at(doc: &PagedDocument) -> Option<InstructionAt> {
    reported(doc, "jianbao-instruction")
}

/// Where the body ends, when the layout reports it.
pub(crate) fn body_end(doc: &PagedDocument) -> Option<BodyEnd> {
    reported(doc, "jianbao-body")
}
