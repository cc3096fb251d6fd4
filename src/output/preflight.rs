//! `jianbao preflight`: whether any PDF (ours, or one from Word or WPS) will print.
//!
//! The colours, the ink and the rules come from the same walk of the content streams
//! as the print file's colour audit ([`crate::output::print::audit`]); this module adds what
//! a press needs beyond colour: fonts embedded (and subset, and not Type 3), the trim
//! box on every page and its size, and a PDF/X identification that holds together.
//! Images: the resolution at the placed size (from the same walk, which follows the
//! transformation matrix) and the ink of gray and CMYK images' samples. Not read: RGB
//! images' samples (RGB is a finding already) and CMYK JPEGs.

use std::collections::BTreeMap;

use lopdf::{Document, Object, ObjectId};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::output::print::{self, HAIRLINE};

/// What to check against.
#[derive(Debug, Clone)]
pub struct Options {
    /// The most ink a colour may lay down, in per cent (C + M + Y + K).
    pub max_ink: f64,
    /// The trim size every page must have, in millimetres (width, height).
    pub size: Option<(f64, f64)>,
    /// The least resolution an image may have at its placed size, in pixels per inch.
    pub min_ppi: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_ink: 280.0,
            size: None,
            min_ppi: 150.0,
        }
    }
}

/// One thing a press would object to, with where it is.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Which check: `fonts`, `colour`, `ink`, `rules`, `images`, `boxes`, `pdfx`.
    pub check: &'static str,
    /// The page, counted from 1, when the finding is on one.
    pub page: Option<u32>,
    /// The object, `12 0`, when the finding is one.
    pub object: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
}

/// The heaviest colour a page's vector content lays down.
#[derive(Debug, Clone, Serialize)]
pub struct PageInk {
    pub page: u32,
    /// C + M + Y + K, in per cent.
    pub percent: f64,
    /// The colour, as its operator (`0 1 1 0 k`).
    pub colour: String,
}

/// What preflight found, and the ink figures it measured.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Page by page, the heaviest colour of text, rules, fills and gray or CMYK
    /// images' samples.
    pub ink: Vec<PageInk>,
    /// Every image placed, with its resolution at the placed size.
    pub images: Vec<ImageUse>,
}

/// An image on a page.
#[derive(Debug, Clone, Serialize)]
pub struct ImageUse {
    pub page: u32,
    pub object: Option<String>,
    pub pixels: (u32, u32),
    /// Placed size in millimetres.
    pub mm: (f64, f64),
    pub ppi: f64,
}

const MM: f64 = 72.0 / 25.4;

/// Checks a PDF for press readiness. An unreadable file is an error; everything else
/// is a finding.
pub fn preflight(pdf: &[u8], opts: &Options) -> Result<Report> {
    let doc =
        Document::load_mem(pdf).map_err(|e| Error::internal(format!("not a readable PDF: {e}")))?;
    let mut out = Vec::new();
    let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
    fonts(&doc, &pages, &mut out);
    let audit = print::audit(pdf)?;
    let mut ink = colours(&audit, opts, &mut out);
    let images = images(&doc, &audit.images, opts, &mut ink, &mut out);
    ink.sort_by_key(|i| i.page);
    boxes(&doc, &pages, opts, &mut out);
    pdfx(&doc, &pages, &mut out);
    Ok(Report {
        findings: out,
        ink,
        images,
    })
}

fn finding(
    check: &'static str,
    page: Option<u32>,
    object: Option<ObjectId>,
    message: String,
) -> Finding {
    Finding {
        check,
        page,
        object: object.map(|(n, g)| format!("{n} {g}")),
        message,
    }
}

/// The first page whose resources name a font object.
fn font_pages(doc: &Document, pages: &BTreeMap<u32, ObjectId>) -> BTreeMap<ObjectId, u32> {
    let mut first = BTreeMap::new();
    for (&n, &page) in pages {
        let fonts = doc
            .get_dictionary(page)
            .ok()
            .and_then(|p| p.get(b"Resources").ok())
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok())
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|f| doc.dereference(f).ok())
            .and_then(|(_, f)| f.as_dict().ok());
        for (_, f) in fonts.into_iter().flat_map(|d| d.iter()) {
            if let Ok(id) = f.as_reference() {
                first.entry(id).or_insert(n);
            }
        }
    }
    first
}

fn fonts(doc: &Document, pages: &BTreeMap<u32, ObjectId>, out: &mut Vec<Finding>) {
    let used = font_pages(doc, pages);
    for (&id, obj) in &doc.objects {
        let Ok(d) = obj.as_dict() else {
            continue;
        };
        if d.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"Font".as_slice()) {
            continue;
        }
        let subtype = d.get(b"Subtype").and_then(|t| t.as_name()).unwrap_or(b"");
        if subtype == b"CIDFontType0" || subtype == b"CIDFontType2" {
            // Descendants are checked through their Type 0 parent.
            continue;
        }
        let name = d
            .get(b"BaseFont")
            .and_then(|b| b.as_name())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_else(|_| "(no name)".into());
        let page = used.get(&id).copied();
        if subtype == b"Type3" {
            out.push(finding(
                "fonts",
                page,
                Some(id),
                format!("{name} is a Type 3 font (drawn shapes, often a bitmap): ask for the document with real fonts / Type 3 字体"),
            ));
            continue;
        }
        // A Type 0 font's descriptor is on its descendant.
        let descriptor_owner = if subtype == b"Type0" {
            d.get(b"DescendantFonts")
                .ok()
                .and_then(|a| doc.dereference(a).ok())
                .and_then(|(_, a)| a.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|f| doc.dereference(f).ok())
                .and_then(|(_, f)| f.as_dict().ok())
        } else {
            Some(d)
        };
        let descriptor = descriptor_owner
            .and_then(|o| o.get(b"FontDescriptor").ok())
            .and_then(|f| doc.dereference(f).ok())
            .and_then(|(_, f)| f.as_dict().ok());
        let embedded = descriptor
            .is_some_and(|f| f.has(b"FontFile") || f.has(b"FontFile2") || f.has(b"FontFile3"));
        if !embedded {
            out.push(finding(
                "fonts",
                page,
                Some(id),
                format!(
                    "{name} is not embedded: the press would substitute another font / 字体未嵌入"
                ),
            ));
            continue;
        }
        let bare = name.split_once('+').map(|(tag, _)| tag);
        let subset =
            bare.is_some_and(|t| t.len() == 6 && t.chars().all(|c| c.is_ascii_uppercase()));
        if !subset {
            out.push(finding(
                "fonts",
                page,
                Some(id),
                format!("{name} is embedded whole, not as a subset (allowed, but large; some licences forbid it) / 字体未子集化"),
            ));
        }
    }
}

fn colours(audit: &print::ColourAudit, opts: &Options, out: &mut Vec<Finding>) -> Vec<PageInk> {
    for p in &audit.problems {
        // The audit says "page N: …" when it knows the page.
        let page = p
            .strip_prefix("page ")
            .and_then(|r| r.split(':').next())
            .and_then(|n| n.parse().ok());
        out.push(finding("colour", page, None, p.clone()));
    }
    let ink: Vec<PageInk> = audit
        .ink
        .iter()
        .map(|(page, percent, colour)| PageInk {
            page: *page,
            percent: *percent,
            colour: colour.clone(),
        })
        .collect();
    for PageInk {
        page,
        percent: ink,
        colour: label,
    } in &ink
    {
        if *ink > opts.max_ink + 0.5 {
            out.push(finding(
                "ink",
                Some(*page),
                None,
                format!(
                    "a colour of {ink:.0} % ink ({label}), more than the {:.0} % the press takes: it smears and dries slowly / 总墨量超限",
                    opts.max_ink
                ),
            ));
        }
    }
    for (page, width) in &audit.hairlines {
        out.push(finding(
            "rules",
            Some(*page),
            None,
            format!(
                "a rule {width:.2} pt wide, thinner than {HAIRLINE} pt: it may not print / 线条过细"
            ),
        ));
    }
    ink
}

/// Images under `min_ppi` at their placed size, and the ink of gray and CMYK images'
/// samples (each image read once), added to the pages that show them.
fn images(
    doc: &Document,
    placed: &[print::PlacedImage],
    opts: &Options,
    ink: &mut Vec<PageInk>,
    out: &mut Vec<Finding>,
) -> Vec<ImageUse> {
    let mut sampled: BTreeMap<ObjectId, Option<f64>> = BTreeMap::new();
    let mut uses = Vec::new();
    for im in placed {
        let ppi = im.ppi();
        let mm = (im.placed.0 / MM, im.placed.1 / MM);
        if ppi.is_finite() && ppi < opts.min_ppi {
            out.push(finding(
                "images",
                Some(im.page),
                im.object,
                format!(
                    "an image of {}×{} px placed at {:.0}×{:.0} mm: {ppi:.0} ppi, under {:.0}: it prints soft / 图片分辨率不足",
                    im.pixels.0, im.pixels.1, mm.0, mm.1, opts.min_ppi
                ),
            ));
        }
        uses.push(ImageUse {
            page: im.page,
            object: im.object.map(|(n, g)| format!("{n} {g}")),
            pixels: im.pixels,
            mm,
            ppi,
        });
        let Some(id) = im.object else { continue };
        let heaviest = *sampled.entry(id).or_insert_with(|| sample_ink(doc, id));
        let Some(percent) = heaviest else { continue };
        if percent > opts.max_ink + 0.5 {
            out.push(finding(
                "ink",
                Some(im.page),
                Some(id),
                format!(
                    "an image's pixels lay down {percent:.0} % ink, more than the {:.0} % the press takes / 图片总墨量超限",
                    opts.max_ink
                ),
            ));
        }
        let colour = format!("image {} {}", id.0, id.1);
        match ink.iter_mut().find(|p| p.page == im.page) {
            Some(p) if p.percent < percent => {
                p.percent = percent;
                p.colour = colour;
            }
            Some(_) => {}
            None => ink.push(PageInk {
                page: im.page,
                percent,
                colour,
            }),
        }
    }
    uses
}

/// The heaviest C + M + Y + K of an image's samples, in per cent: for 8-bit gray and
/// CMYK images, stored raw (Flate) or, for gray, as JPEG. `None` for what it cannot
/// read (RGB, other depths or filters): the colour check reports RGB already.
fn sample_ink(doc: &Document, id: ObjectId) -> Option<f64> {
    let s = doc.get_object(id).ok()?.as_stream().ok()?;
    if s.dict.get(b"BitsPerComponent").ok()?.as_i64().ok()? != 8 {
        return None;
    }
    let comps = match s.dict.get(b"ColorSpace").ok()? {
        Object::Name(n) if n == b"DeviceGray" => 1,
        Object::Name(n) if n == b"DeviceCMYK" => 4,
        _ => return None,
    };
    let filter = s.dict.get(b"Filter").ok().and_then(|f| match f {
        Object::Name(n) => Some(n.clone()),
        Object::Array(a) if a.len() == 1 => a[0].as_name().ok().map(<[u8]>::to_vec),
        _ => None,
    });
    let samples = match filter.as_deref() {
        Some(b"DCTDecode") if comps == 1 => {
            image::load_from_memory_with_format(&s.content, image::ImageFormat::Jpeg)
                .ok()?
                .into_luma8()
                .into_raw()
        }
        Some(b"FlateDecode") | None => s.decompressed_content().ok()?,
        _ => return None,
    };
    let max = samples
        .chunks_exact(comps)
        .map(|px| match px {
            [g] => 255 - u32::from(*g),
            _ => px.iter().map(|&v| u32::from(v)).sum(),
        })
        .max()?;
    Some(f64::from(max) / 255.0 * 100.0)
}

fn page_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<[f64; 4]> {
    let mut dict = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(b) = dict.get(key) {
            let (_, b) = doc.dereference(b).ok()?;
            let v: Vec<f64> = b
                .as_array()
                .ok()?
                .iter()
                .filter_map(|o| match o {
                    Object::Integer(i) => Some(*i as f64),
                    Object::Real(r) => Some(f64::from(*r)),
                    _ => None,
                })
                .collect();
            return (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]]);
        }
        // Only MediaBox and CropBox are inherited.
        if key != b"MediaBox" && key != b"CropBox" {
            return None;
        }
        dict = doc
            .get_dictionary(dict.get(b"Parent").ok()?.as_reference().ok()?)
            .ok()?;
    }
    None
}

/// The sizes bulletins are printed on, in millimetres (width, height), by name: what
/// `--size` takes by name, and what a trim is checked against without it.
pub const PAPER: [(f64, f64, &str); 6] = [
    (210.0, 297.0, "A4"),
    (297.0, 420.0, "A3"),
    (148.0, 210.0, "A5"),
    (176.0, 250.0, "B5"),
    (185.0, 260.0, "16开"),
    (210.0, 285.0, "大16开"),
];

fn boxes(doc: &Document, pages: &BTreeMap<u32, ObjectId>, opts: &Options, out: &mut Vec<Finding>) {
    // Without a size asked, the sizes bulletins are printed on ([`PAPER`]), upright or
    // across: a US Letter file passed as ready (QA13 C 02).
    let near = |a: f64, b: f64| (a - b).abs() <= 0.5;
    for (&n, &page) in pages {
        let trim = page_box(doc, page, b"TrimBox");
        let Some(b) = trim.or_else(|| page_box(doc, page, b"MediaBox")) else {
            continue;
        };
        let (bw, bh) = ((b[2] - b[0]).abs() / MM, (b[3] - b[1]).abs() / MM);
        let Some((w, h)) = opts.size else {
            let paper = PAPER
                .iter()
                .any(|&(w, h, _)| (near(bw, w) && near(bh, h)) || (near(bw, h) && near(bh, w)));
            if !paper {
                out.push(finding(
                    "boxes",
                    Some(n),
                    Some(page),
                    format!("the trim is {bw:.1} × {bh:.1} mm, none of the sizes bulletins are printed on ({}); if the press is to print it so, give the size: --size {bw:.0}x{bh:.0} / 成品尺寸不是常用纸张尺寸", PAPER.iter().map(|p| format!("{} {:.0} × {:.0}", p.2, p.0, p.1)).collect::<Vec<_>>().join(", ")),
                ));
            }
            continue;
        };
        if (bw - w).abs() > 0.5 || (bh - h).abs() > 0.5 {
            out.push(finding(
                "boxes",
                Some(n),
                Some(page),
                format!("the trim is {bw:.1} × {bh:.1} mm, not {w:.0} × {h:.0} mm / 成品尺寸不符"),
            ));
        }
    }
    // Without a TrimBox the trim is the MediaBox (PDF 1.7, 14.11.2): not a finding
    // by itself; the size above and PDF/X (which requires it) say when it matters.
}

fn pdfx(doc: &Document, pages: &BTreeMap<u32, ObjectId>, out: &mut Vec<Finding>) {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|i| doc.dereference(i).ok())
        .and_then(|(_, i)| i.as_dict().ok());
    let version = info
        .and_then(|i| i.get(b"GTS_PDFXVersion").ok())
        .and_then(|v| v.as_str().ok())
        .map(|v| String::from_utf8_lossy(v).into_owned());
    let Some(version) = version else {
        return;
    };
    let mut bad = |m: String| out.push(finding("pdfx", None, None, m));
    let intents = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"OutputIntents").ok())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok())
        .cloned()
        .unwrap_or_default();
    let pdfx_intent = intents.iter().any(|i| {
        doc.dereference(i)
            .ok()
            .and_then(|(_, i)| i.as_dict().ok())
            .is_some_and(|d| {
                d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"GTS_PDFX".as_slice())
                    && d.has(b"OutputConditionIdentifier")
            })
    });
    if !pdfx_intent {
        bad(format!(
            "it claims {version} but has no GTS_PDFX output intent / 声称 PDF/X 但缺少输出意图"
        ));
    }
    let trapped = info
        .and_then(|i| i.get(b"Trapped").ok())
        .and_then(|t| t.as_name().ok())
        .is_some_and(|t| t == b"True" || t == b"False");
    if !trapped {
        bad(format!(
            "it claims {version} but Trapped is not True or False / 缺少 Trapped"
        ));
    }
    if version.starts_with("PDF/X-1a") && doc.version.as_str() > "1.4" {
        bad(format!(
            "it claims {version} (PDF 1.4 at most) but is PDF {} / PDF 版本不符",
            doc.version
        ));
    }
    if pages
        .values()
        .any(|p| page_box(doc, *p, b"TrimBox").is_none())
    {
        bad(format!(
            "it claims {version} but a page has no TrimBox / 缺少 TrimBox"
        ));
    }
}
