//! The colour audit: a scan of every object and every content stream of a PDF (the
//! CTM, colours, line widths and images at their placed size, followed through `q`/`Q`
//! and into form XObjects). A print build runs it unless the pages proved the colours
//! (`proven.rs`); `preflight` reads any PDF with it.

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{as_number, num, pdf_err};
use crate::error::{Error, Result};

/// A PDF/X output intent: the press condition by name, or with the press's CMYK
/// profile (never an RGB or gray profile a RIP would apply to device colour).
fn press_intent(doc: &Document, d: &Dictionary) -> bool {
    let cmyk_profile = || {
        d.get(b"DestOutputProfile")
            .and_then(|p| p.as_reference())
            .and_then(|id| doc.get_object(id))
            .and_then(|o| o.as_stream())
            .and_then(|s| s.dict.get(b"N"))
            .and_then(|n| n.as_i64())
            .is_ok_and(|n| n == 4)
    };
    d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"GTS_PDFX".as_slice())
        && (!d.has(b"DestOutputProfile") || cmyk_profile())
}

/// What a scan of a PDF's colours found.
#[derive(Debug, Default)]
pub struct ColourAudit {
    /// What a printer would object to, each with where it is.
    pub problems: Vec<String>,
    /// Text-showing operators by fill colour (`DeviceCMYK 0 0 0 1` → count).
    pub text: BTreeMap<String, usize>,
    /// Stroked and filled paths by colour.
    pub paths: BTreeMap<String, usize>,
    /// Colour space families named in the file's objects (`DeviceCMYK`, `Separation`…).
    pub spaces: BTreeMap<String, usize>,
    /// Strokes thinner than `HAIRLINE`: (page, line width in user units).
    pub hairlines: Vec<(u32, f64)>,
    /// The heaviest CMYK colour painted on each page: (page, ink %, colour).
    pub ink: Vec<(u32, f64, String)>,
    /// Every image painted, where and how large.
    pub images: Vec<PlacedImage>,
}

/// An image as a page paints it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedImage {
    pub page: u32,
    /// The image object, when it is one (not an inline image).
    pub object: Option<ObjectId>,
    /// Its pixels across and down.
    pub pixels: (u32, u32),
    /// Its size on the page, in points.
    pub placed: (f64, f64),
}

impl PlacedImage {
    /// The effective resolution: pixels per inch at the placed size, the lower of the
    /// two directions.
    pub fn ppi(&self) -> f64 {
        let per_inch = |px: u32, pt: f64| f64::from(px) / (pt / 72.0);
        per_inch(self.pixels.0, self.placed.0).min(per_inch(self.pixels.1, self.placed.1))
    }
}

/// Rules thinner than this (in points) may not print: a hairline.
pub(crate) const HAIRLINE: f64 = 0.25;

impl ColourAudit {
    fn problem(&mut self, p: String) {
        if !self.problems.contains(&p) {
            self.problems.push(p);
        }
    }

    /// Adds what a scan of later pages found.
    fn merge(&mut self, other: ColourAudit) {
        for p in other.problems {
            self.problem(p);
        }
        for h in other.hairlines {
            if !self.hairlines.contains(&h) {
                self.hairlines.push(h);
            }
        }
        self.images.extend(other.images);
        for (page, ink, label) in other.ink {
            match self.ink.iter_mut().find(|(p, _, _)| *p == page) {
                Some(e) if e.1 < ink => *e = (page, ink, label),
                Some(_) => {}
                None => self.ink.push((page, ink, label)),
            }
        }
        for (mine, theirs) in [
            (&mut self.text, other.text),
            (&mut self.paths, other.paths),
            (&mut self.spaces, other.spaces),
        ] {
            for (k, v) in theirs {
                *mine.entry(k).or_default() += v;
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Space {
    Gray,
    Rgb,
    Cmyk,
    /// A Separation or DeviceN colour, by its colorant name(s).
    Spot(String),
    /// ICC-based with N components.
    Icc(i64),
    Pattern,
    Other(String),
}

#[derive(Debug, Clone)]
struct Paint {
    space: Space,
    values: Vec<f64>,
}

impl Paint {
    fn black_gray() -> Self {
        Paint {
            space: Space::Gray,
            values: vec![0.0],
        }
    }

    fn label(&self) -> String {
        let space = match &self.space {
            Space::Gray => "DeviceGray".to_owned(),
            Space::Rgb => "DeviceRGB".to_owned(),
            Space::Cmyk => "DeviceCMYK".to_owned(),
            Space::Spot(n) => format!("Separation /{n}"),
            Space::Icc(n) => format!("ICCBased N={n}"),
            Space::Pattern => "Pattern".to_owned(),
            Space::Other(n) => n.clone(),
        };
        let vals: Vec<String> = self.values.iter().map(|v| num(*v)).collect();
        format!("{space} {}", vals.join(" ")).trim_end().to_owned()
    }

    /// Black made of more than K: a rich black (or registration) for text.
    fn is_rich_black(&self) -> bool {
        match (&self.space, &self.values[..]) {
            (Space::Cmyk, [c, m, y, k]) => *k > 0.5 && (c + m + y) > 0.001,
            (Space::Spot(n), _) => n == "All",
            _ => false,
        }
    }

    /// Dark enough to read as black.
    fn is_dark(&self) -> bool {
        match (&self.space, &self.values[..]) {
            (Space::Gray, [g]) => *g < 0.2,
            (Space::Rgb, [r, g, b]) => r.max(*g).max(*b) < 0.2,
            (Space::Cmyk, [_, _, _, k]) => *k > 0.8,
            _ => false,
        }
    }
}

/// Scans a print file: every object for RGB and ICC-based colour spaces and output
/// intents, every content stream (and the forms it draws) for the colours it sets.
pub fn audit(pdf: &[u8]) -> Result<ColourAudit> {
    let doc = Document::load_mem(pdf).map_err(pdf_err("reading the PDF to check it"))?;
    let mut a = ColourAudit::default();
    for (id, obj) in &doc.objects {
        scan_object(&doc, *id, obj, &mut a, 0);
    }
    // An output intent is a problem unless it is PDF/X's naming a press condition
    // (a registered CMYK characterization, or the press's CMYK profile: no RGB or
    // gray profile for the RIP to apply).
    if let Ok(cat) = doc.catalog()
        && let Ok(intents) = cat.get(b"OutputIntents")
    {
        let intents = match intents {
            Object::Reference(id) => doc.get_object(*id).ok(),
            o => Some(o),
        };
        let list = intents
            .and_then(|o| o.as_array().ok())
            .cloned()
            .unwrap_or_default();
        for intent in list {
            let dict = match &intent {
                Object::Reference(id) => doc.get_dictionary(*id).ok(),
                Object::Dictionary(d) => Some(d),
                _ => None,
            };
            let pdfx = dict.is_some_and(|d| press_intent(&doc, d));
            if !pdfx {
                a.problem(
                    "the catalog has an OutputIntent with a profile the RIP would apply (not a PDF/X press condition)"
                        .into(),
                );
            }
        }
    }
    // The pages' content streams are most of the work: scanned in parallel, in runs
    // of consecutive pages, and merged in page order.
    let pages: Vec<(u32, ObjectId)> = doc.get_pages().into_iter().collect();
    let workers = rayon::current_num_threads()
        .min(pages.len().div_ceil(8))
        .max(1);
    let per = pages.len().div_ceil(workers).max(1);
    let results: Vec<Result<ColourAudit>> = {
        use rayon::prelude::*;
        pages
            .par_chunks(per)
            .map(|run| scan_pages(&doc, run))
            .collect()
    };
    for r in results {
        a.merge(r?);
    }
    Ok(a)
}

/// Scans the content streams of some pages.
fn scan_pages(doc: &Document, pages: &[(u32, ObjectId)]) -> Result<ColourAudit> {
    let mut a = ColourAudit::default();
    for &(n, page_id) in pages {
        let res = resources(doc, page_id);
        let mut data = Vec::new();
        for id in doc.get_page_contents(page_id) {
            if let Ok(Object::Stream(s)) = doc.get_object(id) {
                data.extend(
                    s.decompressed_content()
                        .unwrap_or_else(|_| s.content.clone()),
                );
                data.push(b'\n');
            }
        }
        let mut st = State::default();
        scan_content(doc, &data, res, n, &mut st, &mut a, 0)?;
    }
    Ok(a)
}

/// Colour spaces named in an object (not in stream data).
fn scan_object(doc: &Document, id: ObjectId, obj: &Object, a: &mut ColourAudit, depth: u32) {
    if depth > 16 {
        return;
    }
    let at = || format!("object {} {}", id.0, id.1);
    match obj {
        Object::Name(n) => match n.as_slice() {
            b"DeviceRGB" | b"CalRGB" | b"CalGray" | b"Lab" => {
                let n = String::from_utf8_lossy(n).into_owned();
                a.problem(format!("{n} colour space in {}", at()));
                *a.spaces.entry(n).or_default() += 1;
            }
            b"DeviceGray" | b"DeviceCMYK" | b"Separation" | b"DeviceN" | b"ICCBased" => {
                *a.spaces
                    .entry(String::from_utf8_lossy(n).into_owned())
                    .or_default() += 1;
            }
            _ => {}
        },
        Object::Array(items) => {
            if let Some(Object::Name(n)) = items.first()
                && n == b"ICCBased"
            {
                let comps = items
                    .get(1)
                    .and_then(|o| doc.dereference(o).ok())
                    .and_then(|(_, o)| match o {
                        Object::Stream(s) => s.dict.get(b"N").ok().and_then(|n| n.as_i64().ok()),
                        _ => None,
                    })
                    .unwrap_or(0);
                let kind = match comps {
                    1 => "gray",
                    3 => "RGB",
                    4 => "CMYK",
                    _ => "?",
                };
                a.problem(format!("ICC-based {kind} colour space in {}", at()));
            }
            for item in items {
                scan_object(doc, id, item, a, depth + 1);
            }
        }
        Object::Dictionary(d) => {
            if d.has(b"DestOutputProfile") && !press_intent(doc, d) {
                a.problem(format!("an output intent with an ICC profile in {}", at()));
            }
            for (_, v) in d.iter() {
                scan_object(doc, id, v, a, depth + 1);
            }
        }
        Object::Stream(s) => {
            if s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) == Some(&b"Image"[..])
                && !s.dict.has(b"ColorSpace")
                && !s.dict.has(b"ImageMask")
            {
                a.problem(format!(
                    "an image without a colour space (JPX/ICC) in {}",
                    at()
                ));
            }
            for (_, v) in s.dict.iter() {
                scan_object(doc, id, v, a, depth + 1);
            }
        }
        _ => {}
    }
}

/// The resources dictionary of a page (inherited through the page tree).
fn resources(doc: &Document, page_id: ObjectId) -> Option<&Dictionary> {
    let mut dict = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Ok(r) = dict.get(b"Resources") {
            return doc.dereference(r).ok()?.1.as_dict().ok();
        }
        dict = doc
            .get_dictionary(dict.get(b"Parent").ok()?.as_reference().ok()?)
            .ok()?;
    }
    None
}

#[derive(Debug, Clone)]
struct State {
    fill: Paint,
    stroke: Paint,
    render: i64,
    /// The line width (`w`), in user units.
    width: f64,
    /// The current transformation matrix.
    ctm: [f64; 6],
}

impl Default for State {
    fn default() -> Self {
        State {
            fill: Paint::black_gray(),
            stroke: Paint::black_gray(),
            render: 0,
            width: 1.0,
            ctm: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        }
    }
}

/// `m` applied before `ctm` (PDF's `cm`: the new CTM is m × CTM).
fn concat(m: [f64; 6], ctm: [f64; 6]) -> [f64; 6] {
    [
        m[0] * ctm[0] + m[1] * ctm[2],
        m[0] * ctm[1] + m[1] * ctm[3],
        m[2] * ctm[0] + m[3] * ctm[2],
        m[2] * ctm[1] + m[3] * ctm[3],
        m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
        m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
    ]
}

fn matrix(nums: &[f64]) -> Option<[f64; 6]> {
    nums.try_into().ok()
}

impl Paint {
    /// Total ink in per cent (C + M + Y + K) for a CMYK colour.
    fn ink(&self) -> Option<f64> {
        match (&self.space, &self.values[..]) {
            (Space::Cmyk, [c, m, y, k]) => Some((c + m + y + k) * 100.0),
            (Space::Gray, [g]) => Some((1.0 - g) * 100.0),
            _ => None,
        }
    }
}

/// Notes the ink of a colour painted on a page (the heaviest a page).
fn note_ink(p: &Paint, page: u32, a: &mut ColourAudit) {
    let Some(ink) = p.ink() else {
        return;
    };
    match a.ink.iter_mut().find(|(n, _, _)| *n == page) {
        Some(e) if e.1 < ink => *e = (page, ink, p.label()),
        Some(_) => {}
        None => a.ink.push((page, ink, p.label())),
    }
}

fn resolve_space(doc: &Document, obj: &Object, res: Option<&Dictionary>, depth: u32) -> Space {
    if depth > 8 {
        return Space::Other("?".into());
    }
    let Ok((_, obj)) = doc.dereference(obj) else {
        return Space::Other("?".into());
    };
    match obj {
        Object::Name(n) => match n.as_slice() {
            b"DeviceGray" | b"G" => Space::Gray,
            b"DeviceRGB" | b"RGB" | b"CalRGB" => Space::Rgb,
            b"DeviceCMYK" | b"CMYK" => Space::Cmyk,
            b"Pattern" => Space::Pattern,
            other => {
                let named = res
                    .and_then(|r| r.get(b"ColorSpace").ok())
                    .and_then(|cs| doc.dereference(cs).ok())
                    .and_then(|(_, cs)| cs.as_dict().ok())
                    .and_then(|cs| cs.get(other).ok());
                match named {
                    Some(o) => resolve_space(doc, o, res, depth + 1),
                    None => Space::Other(String::from_utf8_lossy(other).into_owned()),
                }
            }
        },
        Object::Array(items) => match items.first() {
            Some(Object::Name(f)) if f == b"ICCBased" => {
                let n = items
                    .get(1)
                    .and_then(|o| doc.dereference(o).ok())
                    .and_then(|(_, o)| o.as_stream().ok())
                    .and_then(|s| s.dict.get(b"N").ok()?.as_i64().ok())
                    .unwrap_or(0);
                Space::Icc(n)
            }
            Some(Object::Name(f)) if f == b"Separation" => {
                let name = items
                    .get(1)
                    .and_then(|o| o.as_name().ok())
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                Space::Spot(name)
            }
            Some(Object::Name(f)) if f == b"DeviceN" => Space::Spot("DeviceN".into()),
            Some(Object::Name(f)) if f == b"Pattern" => Space::Pattern,
            Some(first) => resolve_space(doc, first, res, depth + 1),
            None => Space::Other("[]".into()),
        },
        _ => Space::Other("?".into()),
    }
}

pub(super) fn operand_numbers(ops: &[Object]) -> Vec<f64> {
    ops.iter().filter_map(as_number).collect()
}

fn check_paint(p: &Paint, what: &str, page: u32, a: &mut ColourAudit) {
    match p.space {
        Space::Rgb => a.problem(format!("page {page}: {what} in RGB ({})", p.label())),
        Space::Icc(_) => a.problem(format!(
            "page {page}: {what} in ICC-based colour ({})",
            p.label()
        )),
        Space::Other(_) => a.problem(format!(
            "page {page}: {what} in an unknown colour space ({})",
            p.label()
        )),
        _ => {}
    }
}

fn scan_content(
    doc: &Document,
    data: &[u8],
    res: Option<&Dictionary>,
    page: u32,
    st: &mut State,
    a: &mut ColourAudit,
    depth: u32,
) -> Result<()> {
    if depth > 8 {
        return Ok(());
    }
    let content = Content::decode(data)
        .map_err(|e| Error::internal(format!("page {page}: cannot read a content stream: {e}")))?;
    let mut stack: Vec<State> = Vec::new();
    for op in &content.operations {
        let nums = || operand_numbers(&op.operands);
        match op.operator.as_str() {
            "q" => stack.push(st.clone()),
            "Q" => {
                if let Some(s) = stack.pop() {
                    *st = s;
                }
            }
            "cm" => {
                if let Some(m) = matrix(&nums()) {
                    st.ctm = concat(m, st.ctm);
                }
            }
            "g" | "G" | "rg" | "RG" | "k" | "K" => {
                let space = match op.operator.to_ascii_lowercase().as_str() {
                    "g" => Space::Gray,
                    "rg" => Space::Rgb,
                    _ => Space::Cmyk,
                };
                let p = Paint {
                    space,
                    values: nums(),
                };
                if op.operator.chars().all(|c| c.is_ascii_lowercase()) {
                    st.fill = p;
                } else {
                    st.stroke = p;
                }
            }
            "cs" | "CS" => {
                let space = op
                    .operands
                    .first()
                    .map(|o| resolve_space(doc, o, res, 0))
                    .unwrap_or(Space::Other("?".into()));
                let values = match space {
                    Space::Gray => vec![0.0],
                    Space::Rgb => vec![0.0; 3],
                    Space::Cmyk => vec![0.0, 0.0, 0.0, 1.0],
                    Space::Spot(_) => vec![1.0],
                    _ => Vec::new(),
                };
                let p = Paint { space, values };
                if op.operator == "cs" {
                    st.fill = p;
                } else {
                    st.stroke = p;
                }
            }
            "sc" | "scn" => st.fill.values = nums(),
            "SC" | "SCN" => st.stroke.values = nums(),
            "Tr" => st.render = nums().first().map_or(0, |v| *v as i64),
            "w" => st.width = nums().first().copied().unwrap_or(1.0),
            "Tj" | "TJ" | "'" | "\"" => {
                let mut paints = Vec::new();
                if matches!(st.render, 0 | 2 | 4 | 6) {
                    paints.push(st.fill.clone());
                }
                if matches!(st.render, 1 | 2 | 5 | 6) {
                    paints.push(st.stroke.clone());
                }
                for p in paints {
                    check_paint(&p, "text", page, a);
                    note_ink(&p, page, a);
                    if p.is_rich_black() {
                        a.problem(format!("page {page}: text in rich black ({})", p.label()));
                    } else if p.is_dark()
                        && !matches!(p.space, Space::Gray)
                        && !(p.space == Space::Cmyk && p.values.iter().take(3).all(|v| *v <= 0.001))
                    {
                        a.problem(format!(
                            "page {page}: black text not K only ({})",
                            p.label()
                        ));
                    }
                    *a.text.entry(p.label()).or_default() += 1;
                }
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                let (fill, stroke) = match op.operator.as_str() {
                    "S" | "s" => (false, true),
                    "f" | "F" | "f*" => (true, false),
                    _ => (true, true),
                };
                // The width as drawn: scaled by the CTM (a page drawn at 0.1, as
                // Ghostscript writes them, has a 2-unit line 0.2 pt wide; QA13 C 01).
                let c = st.ctm;
                let width = st.width * (c[0] * c[3] - c[1] * c[2]).abs().sqrt();
                if stroke && width < HAIRLINE && !a.hairlines.contains(&(page, width)) {
                    a.hairlines.push((page, width));
                }
                for (on, p) in [(fill, st.fill.clone()), (stroke, st.stroke.clone())] {
                    if !on {
                        continue;
                    }
                    check_paint(&p, "a path", page, a);
                    note_ink(&p, page, a);
                    if p.is_rich_black() && p.space == Space::Cmyk {
                        a.problem(format!("page {page}: a rule in rich black ({})", p.label()));
                    }
                    *a.paths.entry(p.label()).or_default() += 1;
                }
            }
            "Do" => {
                let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                    continue;
                };
                let entry = res
                    .and_then(|r| r.get(b"XObject").ok())
                    .and_then(|x| doc.dereference(x).ok())
                    .and_then(|(_, x)| x.as_dict().ok())
                    .and_then(|x| x.get(name).ok());
                let object = entry.and_then(|x| x.as_reference().ok());
                let xobj = entry
                    .and_then(|x| doc.dereference(x).ok())
                    .and_then(|(_, x)| x.as_stream().ok());
                let Some(xobj) = xobj else { continue };
                match xobj.dict.get(b"Subtype").and_then(Object::as_name) {
                    Ok(b"Form") => {
                        let sub_res = xobj
                            .dict
                            .get(b"Resources")
                            .ok()
                            .and_then(|r| doc.dereference(r).ok())
                            .and_then(|(_, r)| r.as_dict().ok())
                            .or(res);
                        let data = xobj
                            .decompressed_content()
                            .unwrap_or_else(|_| xobj.content.clone());
                        let mut inner = st.clone();
                        let form_matrix = xobj
                            .dict
                            .get(b"Matrix")
                            .ok()
                            .and_then(|m| m.as_array().ok())
                            .and_then(|m| matrix(&operand_numbers(m)));
                        if let Some(m) = form_matrix {
                            inner.ctm = concat(m, inner.ctm);
                        }
                        scan_content(doc, &data, sub_res, page, &mut inner, a, depth + 1)?;
                    }
                    Ok(b"Image") => {
                        let px = |k: &[u8]| {
                            xobj.dict
                                .get(k)
                                .ok()
                                .and_then(|v| v.as_i64().ok())
                                .and_then(|v| u32::try_from(v).ok())
                                .unwrap_or(0)
                        };
                        // The image fills the unit square of its CTM.
                        let c = st.ctm;
                        a.images.push(PlacedImage {
                            page,
                            object,
                            pixels: (px(b"Width"), px(b"Height")),
                            placed: (c[0].hypot(c[1]), c[2].hypot(c[3])),
                        });
                        if let Ok(cs) = xobj.dict.get(b"ColorSpace") {
                            let p = Paint {
                                space: resolve_space(doc, cs, res, 0),
                                values: Vec::new(),
                            };
                            check_paint(&p, "an image", page, a);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(())
}
