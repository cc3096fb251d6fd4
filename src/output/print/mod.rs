//! The print profile and what happens to the PDF after export.
//!
//! - [`PrintSettings`]: the `[print]` table of the issue file with the command-line
//!   flags over it: bleed, crop marks, PDF/A.
//! - [`LayoutPrint`]: the part of it the layout needs (the bleed, and whether colours go
//!   out as print CMYK or as archival ICC-based colour), sent with the model.
//! - [`finish`]: Typst writes the trim size, or with a bleed the enlarged MediaBox and the
//!   TrimBox; this adds the BleedBox and, on request, registration crop marks outside
//!   the bleed on a media enlarged to hold them.
//! - [`audit`]: a scan of every content stream and every object of a print file: no RGB,
//!   no ICC-based colour, no rich black, black text K only. A print build runs it
//!   unless [`proven`] proved the colours from the laid-out pages.
//! - [`proven`]: the same guarantee read off the pages before export (shipped layouts,
//!   no photos).
//!
//! Which file goes where: the print file (DeviceCMYK, K-only black, the red as CMYK or
//! as a spot colour) goes to the printer; the `--pdfa` file (PDF/A-2b, ICC-based gray and
//! sRGB, an sRGB output intent) goes to the archive.

use std::fmt::Write as _;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use serde::Serialize;

use crate::error::{Error, InputError, Result};
use crate::input::issue_file::LoadedIssueFile;
use crate::model::style::{Colour, Size};

pub(crate) mod audit;
pub(crate) mod proven;
use audit::operand_numbers;
pub(crate) use audit::{ColourAudit, HAIRLINE, PlacedImage, audit};

const MM: f64 = 72.0 / 25.4;
/// The largest bleed we accept: printers ask for 3 to 5 mm.
const MAX_BLEED_MM: f64 = 20.0;
/// Crop marks: length, line width, their least distance from the trim, their distance
/// outside the bleed, and the paper left beyond their ends.
const MARK_LENGTH_MM: f64 = 5.0;
const MARK_WIDTH_PT: f64 = 0.25;
const MARK_MIN_OFFSET_MM: f64 = 3.0;
const MARK_GAP_MM: f64 = 1.0;
const MARK_SLUG_MM: f64 = 2.0;

/// Command-line overrides of the `[print]` table; `None` keeps the file's value.
#[derive(Debug, Clone, Default)]
pub struct PrintOverrides {
    /// `--bleed 3mm` (`0` for none).
    pub bleed: Option<String>,
    /// `--crop-marks` / `--no-crop-marks`.
    pub crop_marks: Option<bool>,
    /// `--pdfa` / `--no-pdfa`.
    pub pdfa: Option<bool>,
    /// `--pdfx`: the printer's file as PDF/X-1a:2003.
    pub pdfx: Option<bool>,
    /// `--output-intent FILE.icc`: the press's CMYK profile for the PDF/X output intent.
    pub output_intent: Option<std::path::PathBuf>,
}

/// Which PDF/X.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfxLevel {
    /// PDF/X-1a:2003: CMYK and spot only, no transparency, PDF 1.4.
    X1a,
    /// PDF/X-4: PDF 1.6, the output intent's profile embedded.
    X4,
}

/// The PDF/X output intent of a build.
#[derive(Debug, Clone)]
pub struct Pdfx {
    pub level: PdfxLevel,
    /// The output condition (`FOGRA39`, or the name of the given profile).
    pub condition: String,
    /// The press's CMYK ICC profile, embedded as the intent's `DestOutputProfile`.
    pub profile: Option<Vec<u8>>,
}

/// The print settings of one build.
#[derive(Debug, Clone, Default)]
pub struct PrintSettings {
    /// Bleed on every side, in points; 0: the media is exactly the trim.
    pub bleed: f64,
    /// Registration crop marks outside the bleed.
    pub crop_marks: bool,
    /// A PDF/A-2b archival file (no bleed, no marks, ICC-based colour).
    pub pdfa: bool,
    /// The red of the print profile, over `[style.red]`.
    pub red: Option<Colour>,
    /// The pages the issue must fit (`[print] pages`).
    pub pages: Option<u32>,
    /// PDF/X for the printer, with its output condition (a characterization registered
    /// with the ICC, such as `FOGRA39`) and, when given, the press's profile.
    pub pdfx: Option<Pdfx>,
    /// 100 % K fills and strokes overprint (`[print] overprint`; on with PDF/X).
    pub overprint: bool,
    /// `colours = "four"`: the press's CMYK profile the photos are separated with,
    /// read once (without it, two colours: photos in black).
    pub press_profile: Option<moxcms::ColorProfile>,
    /// The press's ICC profile's file (`--output-intent`, `[print] output_profile`):
    /// an input of the build, which the PDF may not be written over.
    pub profile_path: Option<std::path::PathBuf>,
    /// What was set and then left out, for the build report.
    pub notes: Vec<String>,
}

/// What the layout receives of the print settings (`/print.json`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LayoutPrint {
    /// Bleed on every side in points: `page(bleed:)`.
    pub bleed: Size,
    /// Archival colours (ICC-based gray and sRGB) instead of print CMYK.
    pub archival: bool,
}

impl LayoutPrint {
    /// The print file at trim size: CMYK colours, no bleed.
    pub const PLAIN: LayoutPrint = LayoutPrint {
        bleed: Size::pt(0.0),
        archival: false,
    };
}

impl PrintSettings {
    /// The `[print]` table of the issue file with the command-line flags over it.
    pub fn resolve(loaded: &LoadedIssueFile, cli: &PrintOverrides) -> Result<Self> {
        let profile = &loaded.file.print;
        let bleed = match (&cli.bleed, &profile.bleed) {
            // Named as the command line's, not the issue file's (QA13 C 06).
            (Some(v), _) => parse_bleed(v).map_err(|msg| {
                InputError::file("the command line", format!("--bleed {v}: {msg}"))
                    .help("printers ask for 3 mm: --bleed 3mm (0 for none) / 出血一般为 3mm")
            })?,
            (None, Some(v)) => parse_bleed(v.get_ref()).map_err(|msg| {
                loaded
                    .error_at(v.span(), format!("print.bleed: {msg}"))
                    .help("printers ask for 3 mm: bleed = \"3mm\" / 出血一般为 \"3mm\"")
            })?,
            (None, None) => 0.0,
        };
        let mut four = false;
        if let Some(c) = &profile.colours {
            match c.get_ref().as_str() {
                "two" => {}
                "four" => four = true,
                other => {
                    return Err(loaded
                        .error_at(c.span(), format!("print.colours = \"{other}\" is not one of \"two\" or \"four\" / 印刷色数只能是 two 或 four"))
                        .help("write colours = \"two\" (red and black) or \"four\" (CMYK photos) / 请写 colours = \"two\" 或 \"four\"")
                        .into());
                }
            }
        }
        let level = match (&cli.pdfx, &profile.pdfx) {
            (Some(false), _) | (None, None) => None,
            (Some(true), None) => Some(PdfxLevel::X1a),
            (_, Some(v)) => {
                match v.get_ref().as_str() {
                    "x-1a" => Some(PdfxLevel::X1a),
                    "x-4" => Some(PdfxLevel::X4),
                    other => {
                        return Err(loaded
                        .error_at(v.span(), format!("print.pdfx = \"{other}\" is not a PDF/X level / 不是 PDF/X 级别"))
                        .help("write pdfx = \"x-1a\" / 请写 pdfx = \"x-1a\"")
                        .into());
                    }
                }
            }
        };
        let profile_path = match (&cli.output_intent, &profile.output_profile) {
            (Some(path), _) => Some(path.clone()),
            (None, Some(v)) => Some(loaded.base_dir().join(v.get_ref())),
            (None, None) => None,
        };
        let icc = match (&cli.output_intent, &profile.output_profile) {
            (Some(path), _) => Some(read_profile(path).map_err(|(msg, help)| {
                InputError::file(path, format!("--output-intent: {msg}")).help(help)
            })?),
            (None, Some(v)) => {
                let path = loaded.base_dir().join(v.get_ref());
                if !loaded.file.allow_outside
                    && !crate::output::files::is_inside(loaded.base_dir(), &path)
                {
                    return Err(loaded
                        .error_at(v.span(), "print.output_profile is outside the issue's folder / 色彩特性文件不在期刊文件夹内")
                        .help("copy the profile into the issue's folder, or give it with --output-intent FILE.icc / 请把 ICC 文件复制到期刊文件夹内，或用 --output-intent 指定")
                        .into());
                }
                Some(read_profile(&path).map_err(|(msg, help)| {
                    loaded
                        .error_at(v.span(), format!("print.output_profile: {msg}"))
                        .help(help)
                })?)
            }
            (None, None) => None,
        };
        if let (Some(PdfxLevel::X4), None) = (level, &icc) {
            let at = profile.pdfx.as_ref().map_or(0..0, |v| v.span());
            return Err(loaded
                .error_at(at, "PDF/X-4 embeds the press's CMYK profile, and none is given / PDF/X-4 须嵌入印刷 ICC 特性文件")
                .help("name it: output_profile = \"ISOcoated_v2_eci.icc\" under [print] (from your print shop, or ECI's profile for FOGRA39), or --output-intent FILE.icc; or write pdfx = \"x-1a\", which names the registered condition without a profile / 请在 [print] 中写 output_profile，或改用 x-1a")
                .into());
        }
        let press_profile = match (four, &icc) {
            (false, _) => None,
            (true, None) => {
                let at = profile.colours.as_ref().map_or(0..0, |v| v.span());
                return Err(loaded
                    .error_at(at, "four-colour photos are separated for one press, and its profile is not given / 四色图片须按印刷机的 ICC 特性文件分色")
                    .help("name the press's CMYK profile under [print]: output_profile = \"ISOcoated_v2_eci.icc\" (from your print shop, or ECI's for FOGRA39), or --output-intent FILE.icc; or print the photos in black: colours = \"two\" / 请在 [print] 中写 output_profile，或改用双色")
                    .into());
            }
            (true, Some((_, bytes))) => Some(moxcms::ColorProfile::new_from_slice(bytes).map_err(|e| {
                    loaded
                        .error_at(
                            profile.output_profile.as_ref().map_or(0..0, |v| v.span()),
                            format!("the press profile cannot be read for colour conversion: {e:?} / 无法读取该 ICC 特性文件"),
                        )
                        .help("give the press's CMYK profile as the print shop sends it (.icc) / 请使用印刷厂提供的 CMYK 特性文件")
                })?),
        };
        let condition = |icc: &Option<(String, Vec<u8>)>| {
            profile
                .output_condition
                .clone()
                .or_else(|| icc.as_ref().map(|(name, _)| name.clone()))
                .unwrap_or_else(|| DEFAULT_OUTPUT_CONDITION.to_owned())
        };
        let pdfx = level.map(|level| Pdfx {
            level,
            condition: condition(&icc),
            profile: icc.map(|(_, bytes)| bytes),
        });
        if let Some(p) = profile.pages.as_ref().filter(|p| *p.get_ref() == 0) {
            return Err(loaded
                .error_at(p.span(), "pages = 0: an issue has at least one page / 页数至少为 1")
                .help("write the pages the issue must fit (pages = 4), or remove the key / 请填写本期限定的页数，或删除此键")
                .into());
        }
        let mut s = PrintSettings {
            press_profile,
            profile_path,
            overprint: profile.overprint.unwrap_or(pdfx.is_some()),
            pdfx,
            bleed,
            crop_marks: cli.crop_marks.unwrap_or(profile.crop_marks),
            pdfa: cli.pdfa.unwrap_or(profile.pdfa),
            red: profile.red.clone(),
            pages: profile.pages.as_ref().map(|p| *p.get_ref()),
            notes: Vec::new(),
        };
        if s.pdfa && s.pdfx.is_some() {
            s.notes
                .push("PDF/A was asked for: the archival file is written, not PDF/X".into());
            s.pdfx = None;
        }
        if s.pdfa {
            // The archive is the document, not the press sheet.
            if s.bleed > 0.0 {
                s.notes.push(
                    "PDF/A: the bleed is left out; the archival file is the trim size".into(),
                );
            }
            if s.crop_marks {
                s.notes
                    .push("PDF/A: crop marks are left out of the archival file".into());
            }
            s.bleed = 0.0;
            s.crop_marks = false;
            s.overprint = false;
        }
        Ok(s)
    }

    /// What the layout needs.
    pub fn layout(&self) -> LayoutPrint {
        LayoutPrint {
            bleed: Size(self.bleed),
            archival: self.pdfa,
        }
    }
}

/// A bleed such as `3mm`, `0.3cm`, `8.5pt` or `0`, in points.
fn parse_bleed(v: &str) -> std::result::Result<f64, String> {
    let t = v.trim();
    if t == "0" {
        return Ok(0.0);
    }
    if t.starts_with(['-', '−']) {
        return Err(format!(
            "{v} is less than nothing: a bleed is 0 or more / 出血不能为负"
        ));
    }
    // Inches too, as printers outside China and imposition templates write it (0.125in).
    let has_unit = ["mm", "cm", "pt", "in"].iter().any(|u| t.ends_with(u));
    let size = Size::parse(v).ok().filter(|_| has_unit).ok_or_else(|| {
        format!("`{v}` is not a length with its unit: write 3mm, 0.3cm, 8.5pt or 0.125in / 出血须带单位（mm、cm、pt 或 in）")
    })?;
    if size.0 > MAX_BLEED_MM * MM {
        return Err(format!(
            "{v} is more than {MAX_BLEED_MM} mm; printers ask for 3 to 5 mm / 出血过大"
        ));
    }
    Ok(size.0)
}

fn pdf_err(what: &str) -> impl Fn(lopdf::Error) -> Error + '_ {
    move |e| Error::internal(format!("{what}: {e}"))
}

/// Puts the photos of a print file in DeviceGray. Typst writes a gray image with an
/// ICC-based gray colour space, which a press's RIP may convert to four inks; in
/// DeviceGray the photos print with the black ink only, as a two-colour (red and
/// black) bulletin must. The ICC profiles left unused are removed.
pub(crate) fn device_gray_photos(pdf: Vec<u8>) -> Result<Vec<u8>> {
    let mut doc = Document::load_mem(&pdf).map_err(pdf_err("reading the exported PDF"))?;
    // Colour spaces that are ICC-based gray: [/ICCBased <stream with /N 1>].
    let is_icc_gray = |doc: &Document, cs: &Object| -> bool {
        let cs = match cs {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => o,
                Err(_) => return false,
            },
            o => o,
        };
        let Ok(arr) = cs.as_array() else {
            return false;
        };
        let icc = arr.first().and_then(|n| n.as_name().ok()) == Some(b"ICCBased".as_slice());
        let n = arr
            .get(1)
            .and_then(|r| r.as_reference().ok())
            .and_then(|id| doc.get_object(id).ok())
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.dict.get(b"N").ok())
            .and_then(|n| n.as_i64().ok());
        icc && n == Some(1)
    };
    let images: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let s = o.as_stream().ok()?;
            let image =
                s.dict.get(b"Subtype").and_then(|n| n.as_name()).ok() == Some(b"Image".as_slice());
            let cs = s.dict.get(b"ColorSpace").ok()?;
            (image && is_icc_gray(&doc, cs)).then_some(*id)
        })
        .collect();
    if images.is_empty() {
        return Ok(pdf);
    }
    for id in images {
        if let Ok(Object::Stream(s)) = doc.get_object_mut(id) {
            s.dict
                .set("ColorSpace", Object::Name(b"DeviceGray".to_vec()));
        }
    }
    doc.prune_objects();
    let mut out = Vec::with_capacity(pdf.len());
    doc.save_to(&mut out)
        .map_err(|e| Error::internal(format!("writing the print file: {e}")))?;
    Ok(out)
}

/// Separates the photos of a four-colour print file. Typst writes each photo it was
/// given in sRGB (a JPEG as it was, a PNG as its pixels); each such image is found by
/// those bytes and replaced by the photo's pixels in the press's CMYK (through the
/// press's profile), a DeviceCMYK image. `photos` pairs the bytes Typst was given
/// with the photo. The ICC profiles left unused are removed.
pub(crate) fn cmyk_photos(
    pdf: Vec<u8>,
    photos: &[(&[u8], &crate::input::photo::PhotoFile)],
    press: &moxcms::ColorProfile,
) -> Result<Vec<u8>> {
    let mut doc = Document::load_mem(&pdf).map_err(pdf_err("reading the exported PDF"))?;
    // What Typst wrote for each photo: the JPEG's bytes, or a PNG's RGB samples.
    let keys: Vec<Vec<u8>> = photos
        .iter()
        .map(|(given, photo)| match photo.format {
            image::ImageFormat::Jpeg => given.to_vec(),
            _ => photo.image.to_rgb8().into_raw(),
        })
        .collect();
    let images: Vec<(ObjectId, usize)> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let s = o.as_stream().ok()?;
            (s.dict.get(b"Subtype").and_then(|n| n.as_name()).ok() == Some(b"Image".as_slice()))
                .then_some(())?;
            let jpeg = s.dict.get(b"Filter").and_then(|f| f.as_name()).ok()
                == Some(b"DCTDecode".as_slice());
            let data = if jpeg {
                s.content.clone()
            } else {
                s.decompressed_content()
                    .unwrap_or_else(|_| s.content.clone())
            };
            Some((*id, keys.iter().position(|k| *k == data)))
        })
        .map(|(id, found)| {
            found.map(|k| (id, k)).ok_or_else(|| {
                Error::internal(format!(
                    "image {} {} of the print file is none of the photos: it cannot be separated",
                    id.0, id.1
                ))
            })
        })
        .collect::<Result<_>>()?;
    for (id, k) in images {
        let photo = photos[k].1;
        let cmyk = crate::input::photo::to_press_cmyk(photo, press).map_err(Error::internal)?;
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Image".to_vec()));
        dict.set("Width", Object::Integer(i64::from(photo.image.width())));
        dict.set("Height", Object::Integer(i64::from(photo.image.height())));
        dict.set("ColorSpace", Object::Name(b"DeviceCMYK".to_vec()));
        dict.set("BitsPerComponent", Object::Integer(8));
        let mut stream = Stream::new(dict, cmyk);
        stream
            .compress()
            .map_err(pdf_err("compressing a separated photo"))?;
        doc.objects.insert(id, Object::Stream(stream));
    }
    doc.prune_objects();
    let mut out = Vec::with_capacity(pdf.len());
    doc.save_to(&mut out)
        .map_err(|e| Error::internal(format!("writing the print file: {e}")))?;
    Ok(out)
}

/// The output condition of a PDF/X file unless `[print] output_condition` says
/// otherwise: offset on coated paper, ISO 12647-2 (FOGRA39), which print shops in
/// China commonly proof to. A registered characterization: no profile is embedded.
pub(crate) const DEFAULT_OUTPUT_CONDITION: &str = "FOGRA39";

/// Reads a press profile: an ICC output (`prtr`) profile of CMYK data, with its name
/// (the profile's file name without `.icc`). Errors are (what, what to do).
fn read_profile(
    path: &std::path::Path,
) -> std::result::Result<(String, Vec<u8>), (String, String)> {
    let bytes = crate::output::files::read_input(path, 64 * crate::output::files::MB)
        .map_err(|p| p.describe(("ICC profile", "ICC 特性文件"), path))?;
    let field = |r: std::ops::Range<usize>| bytes.get(r).unwrap_or(b"");
    if field(36..40) != b"acsp" {
        return Err((
            format!("{} is not an ICC profile / 不是 ICC 特性文件", path.display()),
            "give the .icc (or .icm) file of the press's CMYK profile / 请指定印刷用 CMYK 的 .icc 文件".into(),
        ));
    }
    if field(16..20) != b"CMYK" || field(12..16) != b"prtr" {
        return Err((
            format!(
                "{} is a {} profile of {} data, not a press (output) profile of CMYK / 不是 CMYK 印刷特性文件",
                path.display(),
                String::from_utf8_lossy(field(12..16)).trim(),
                String::from_utf8_lossy(field(16..20)).trim()
            ),
            "give the CMYK profile of the press (e.g. ISOcoated_v2_eci.icc), not a screen or RGB profile / 请指定印刷机的 CMYK 特性文件，而非显示器或 RGB 特性文件".into(),
        ));
    }
    let name = path
        .file_stem()
        .map_or_else(|| "CMYK".into(), |s| s.to_string_lossy().into_owned());
    Ok((name, bytes))
}

/// Makes the file PDF/X-1a:2003 or PDF/X-4: the GTS_PDFX output intent naming the
/// output condition (with the press's profile embedded when given, as X-4 requires),
/// the version and `Trapped` in the Info dictionary and the XMP, PDF 1.4 (X-1a) or
/// 1.6. Boxes (TrimBox on every page) are set by [`finish`].
fn make_pdfx(doc: &mut Document, pdfx: &Pdfx) -> Result<()> {
    let condition = pdfx.condition.as_str();
    let (version, pdf_version) = match pdfx.level {
        PdfxLevel::X1a => ("PDF/X-1a:2003", "1.4"),
        PdfxLevel::X4 => ("PDF/X-4", "1.6"),
    };
    let mut intent = Dictionary::new();
    if let Some(icc) = &pdfx.profile {
        let mut d = Dictionary::new();
        d.set("N", Object::Integer(4));
        let mut stream = Stream::new(d, icc.clone());
        stream
            .compress()
            .map_err(pdf_err("compressing the output profile"))?;
        intent.set(
            "DestOutputProfile",
            Object::Reference(doc.add_object(stream)),
        );
    }
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFX".to_vec()));
    intent.set(
        "OutputConditionIdentifier",
        Object::string_literal(condition),
    );
    intent.set(
        "RegistryName",
        Object::string_literal("http://www.color.org"),
    );
    let info = if condition == DEFAULT_OUTPUT_CONDITION {
        "Coated FOGRA39 (ISO 12647-2:2004)"
    } else {
        condition
    };
    intent.set("Info", Object::string_literal(info));
    let intent = doc.add_object(intent);
    let catalog = doc
        .catalog_mut()
        .map_err(pdf_err("the catalog of the exported PDF"))?;
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Reference(intent)]),
    );
    let metadata = catalog.get(b"Metadata").and_then(|m| m.as_reference()).ok();
    let info_id = doc
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .map_err(pdf_err("the Info dictionary of the exported PDF"))?;
    let info = doc
        .get_dictionary_mut(info_id)
        .map_err(pdf_err("the Info dictionary of the exported PDF"))?;
    info.set("GTS_PDFXVersion", Object::string_literal(version));
    info.set("Trapped", Object::Name(b"False".to_vec()));
    // The XMP says the same as the Info dictionary.
    if let Some(id) = metadata
        && let Ok(Object::Stream(stream)) = doc.get_object_mut(id)
    {
        let xmp = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let xmp = String::from_utf8_lossy(&xmp)
            .replacen(
                "<rdf:Description rdf:about=\"\"",
                "<rdf:Description rdf:about=\"\" xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"",
                1,
            )
            .replace(
                "<pdf:PDFVersion>1.7</pdf:PDFVersion>",
                &format!("<pdf:PDFVersion>{pdf_version}</pdf:PDFVersion><pdf:Trapped>False</pdf:Trapped><pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>"),
            );
        stream.dict.remove(b"Filter");
        stream.set_content(xmp.into_bytes());
    }
    doc.version = pdf_version.to_owned();
    Ok(())
}

/// Adds the BleedBox and the crop marks to an exported print file, and makes it
/// PDF/X when asked. Without bleed, marks and PDF/X (and for PDF/A) the bytes are
/// returned as they are.
pub(crate) fn finish(pdf: Vec<u8>, s: &PrintSettings) -> Result<Vec<u8>> {
    if s.pdfa || (s.bleed == 0.0 && !s.crop_marks && s.pdfx.is_none() && !s.overprint) {
        return Ok(pdf);
    }
    let mut doc = Document::load_mem(&pdf).map_err(pdf_err("reading the exported PDF"))?;
    let overprint = s.overprint.then(|| OverprintStates::add(&mut doc));
    // How far the sheet grows beyond Typst's media (trim + bleed) to hold the marks.
    let margin = if s.crop_marks {
        mark_margin(s.bleed) - s.bleed
    } else {
        0.0
    };
    let registration = if s.crop_marks {
        Some(doc.add_object(registration_space()))
    } else {
        None
    };
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for page_id in pages {
        // Typst writes MediaBox = trim + bleed at the origin, and TrimBox with a bleed.
        let media = page_box(&doc, page_id, b"MediaBox")?;
        let trim = page_box(&doc, page_id, b"TrimBox").unwrap_or(media);
        let shift = |b: [f64; 4]| [b[0] + margin, b[1] + margin, b[2] + margin, b[3] + margin];
        let bleed_box = shift(media);
        let trim_box = shift(trim);
        let media_box = [0.0, 0.0, media[2] + 2.0 * margin, media[3] + 2.0 * margin];
        if let Some(states) = &overprint {
            overprint_black(&mut doc, page_id, states)?;
        }
        if let Some(cs) = registration {
            // Move the page onto the larger sheet, then draw the marks over it.
            let before = format!("q 1 0 0 1 {} {} cm\n", num(margin), num(margin));
            let after = format!("Q\n{}", crop_marks(trim_box, s.bleed));
            wrap_contents(&mut doc, page_id, before.into_bytes(), after.into_bytes())?;
            add_colour_space(&mut doc, page_id, b"JbRegistration", cs)?;
            shift_annotations(&mut doc, page_id, margin)?;
        }
        let page = doc
            .get_dictionary_mut(page_id)
            .map_err(pdf_err("a page of the exported PDF"))?;
        page.set("MediaBox", rect(media_box));
        page.set("BleedBox", rect(bleed_box));
        page.set("TrimBox", rect(trim_box));
        page.remove(b"CropBox");
        page.remove(b"ArtBox");
    }
    if let Some(pdfx) = &s.pdfx {
        make_pdfx(&mut doc, pdfx)?;
    }
    if overprint.is_some() {
        doc.prune_objects();
    }
    let mut out = Vec::with_capacity(pdf.len() + 4096);
    doc.save_to(&mut out)
        .map_err(|e| Error::internal(format!("writing the PDF: {e}")))?;
    Ok(out)
}

/// The four overprint states a page switches between: (fill, stroke) overprinting
/// or not. Each sets both flags, since an `OP` alone would set `op` too.
struct OverprintStates([ObjectId; 4]);

impl OverprintStates {
    const NAMES: [&'static [u8]; 4] = [b"JbOp00", b"JbOp01", b"JbOp10", b"JbOp11"];

    fn add(doc: &mut Document) -> Self {
        let mut ids = [(0, 0); 4];
        for (k, id) in ids.iter_mut().enumerate() {
            let (fill, stroke) = (k & 2 != 0, k & 1 != 0);
            let mut d = Dictionary::new();
            d.set("Type", Object::Name(b"ExtGState".to_vec()));
            d.set("op", Object::Boolean(fill));
            d.set("OP", Object::Boolean(stroke));
            d.set("OPM", Object::Integer(1));
            *id = doc.add_object(d);
        }
        OverprintStates(ids)
    }
}

/// Sets 100 % K (`0 0 0 1 k` / `K`, how the layouts write black) to overprint on a
/// page: after each colour a fill or stroke takes, the overprint state that goes
/// with it (black: on; any other colour: off), following `q`/`Q` so that nothing
/// else overprints. A page without black is left as it is.
fn overprint_black(doc: &mut Document, page_id: ObjectId, states: &OverprintStates) -> Result<()> {
    let content = doc.get_page_content(page_id);
    let ops = Content::decode(&content).map_err(pdf_err("a page's content"))?;
    let black =
        |op: &lopdf::content::Operation| operand_numbers(&op.operands) == [0.0, 0.0, 0.0, 1.0];
    // (fill, stroke) overprinting, with the saved states of `q`.
    let mut now = (false, false);
    let mut saved = Vec::new();
    let mut out = Vec::with_capacity(ops.operations.len() + 64);
    let mut any = false;
    for op in ops.operations {
        let next = match op.operator.as_str() {
            "q" => {
                saved.push(now);
                None
            }
            "Q" => {
                now = saved.pop().unwrap_or((false, false));
                None
            }
            "k" => Some((black(&op), now.1)),
            "g" | "rg" | "sc" | "scn" | "cs" => Some((false, now.1)),
            "K" => Some((now.0, black(&op))),
            "G" | "RG" | "SC" | "SCN" | "CS" => Some((now.0, false)),
            _ => None,
        };
        out.push(op);
        if let Some(next) = next.filter(|n| *n != now) {
            let k = usize::from(next.0) * 2 + usize::from(next.1);
            out.push(lopdf::content::Operation::new(
                "gs",
                vec![Object::Name(OverprintStates::NAMES[k].to_vec())],
            ));
            now = next;
            any = true;
        }
    }
    if !any {
        return Ok(());
    }
    let bytes = Content { operations: out }
        .encode()
        .map_err(pdf_err("a page's content"))?;
    // One stream for the page (Typst writes one; any others are joined into it). The
    // streams it replaces are pruned when the file is written.
    let mut stream = Stream::new(Dictionary::new(), bytes);
    stream
        .compress()
        .map_err(pdf_err("compressing a page's content"))?;
    let stream = doc.add_object(stream);
    doc.get_dictionary_mut(page_id)
        .map_err(pdf_err("a page of the exported PDF"))?
        .set("Contents", Object::Reference(stream));
    for (k, id) in states.0.iter().enumerate() {
        doc.add_graphics_state(page_id, OverprintStates::NAMES[k], *id)
            .map_err(pdf_err("a page's resources"))?;
    }
    Ok(())
}

/// How far the media reaches beyond the trim when crop marks are drawn (more than the
/// bleed: the marks start outside it).
fn mark_margin(bleed: f64) -> f64 {
    mark_offset(bleed) + (MARK_LENGTH_MM + MARK_SLUG_MM) * MM
}

/// Where crop marks start, from the trim: outside the bleed, and never closer than 3 mm.
fn mark_offset(bleed: f64) -> f64 {
    (bleed + MARK_GAP_MM * MM).max(MARK_MIN_OFFSET_MM * MM)
}

/// Registration colour: a Separation named `All` prints on every plate.
fn registration_space() -> Object {
    let tint = Dictionary::from_iter([
        ("FunctionType", Object::Integer(2)),
        ("Domain", vec![0.into(), 1.into()].into()),
        ("C0", vec![0.into(), 0.into(), 0.into(), 0.into()].into()),
        ("C1", vec![1.into(), 1.into(), 1.into(), 1.into()].into()),
        ("N", Object::Integer(1)),
    ]);
    Object::Array(vec![
        Object::Name(b"Separation".to_vec()),
        Object::Name(b"All".to_vec()),
        Object::Name(b"DeviceCMYK".to_vec()),
        Object::Dictionary(tint),
    ])
}

/// The content stream of the eight crop marks around `trim`, marked as a page artifact.
fn crop_marks(trim: [f64; 4], bleed: f64) -> String {
    let (off, len) = (mark_offset(bleed), MARK_LENGTH_MM * MM);
    let [x0, y0, x1, y1] = trim;
    let mut s = String::from("/Artifact <</Type /Page>> BDC\nq\n/JbRegistration CS 1 SCN\n");
    let _ = writeln!(s, "{} w 0 J 0 j [] 0 d", num(MARK_WIDTH_PT));
    for (x, dx) in [(x0, -1.0), (x1, 1.0)] {
        for (y, dy) in [(y0, -1.0), (y1, 1.0)] {
            // A horizontal mark on the line of the trim's top or bottom edge …
            let _ = writeln!(
                s,
                "{} {} m {} {} l",
                num(x + dx * off),
                num(y),
                num(x + dx * (off + len)),
                num(y)
            );
            // … and a vertical one on the line of its left or right edge.
            let _ = writeln!(
                s,
                "{} {} m {} {} l",
                num(x),
                num(y + dy * off),
                num(x),
                num(y + dy * (off + len))
            );
        }
    }
    s.push_str("S\nQ\nEMC\n");
    s
}

/// A number for a content stream: four decimals, no trailing zeros.
fn num(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn rect(b: [f64; 4]) -> Object {
    Object::Array(
        b.iter()
            .map(|v| Object::Real(((v * 10_000.0).round() / 10_000.0) as f32))
            .collect(),
    )
}

fn as_number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// A page box, looked up through the page tree.
fn page_box(doc: &Document, page_id: ObjectId, key: &[u8]) -> Result<[f64; 4]> {
    let mut dict = doc
        .get_dictionary(page_id)
        .map_err(pdf_err("a page of the exported PDF"))?;
    for _ in 0..32 {
        if let Ok(v) = dict.get(key) {
            let (_, v) = doc.dereference(v).map_err(pdf_err("a page box"))?;
            let nums: Vec<f64> = match v {
                Object::Array(a) => a.iter().filter_map(as_number).collect(),
                _ => Vec::new(),
            };
            return match nums[..] {
                [a, b, c, d] => Ok([a.min(c), b.min(d), a.max(c), b.max(d)]),
                _ => Err(Error::internal(format!(
                    "the exported PDF has a malformed {}",
                    String::from_utf8_lossy(key)
                ))),
            };
        }
        match dict.get(b"Parent").and_then(Object::as_reference) {
            Ok(parent) => {
                dict = doc
                    .get_dictionary(parent)
                    .map_err(pdf_err("the page tree"))?
            }
            Err(_) => break,
        }
    }
    Err(Error::internal(format!(
        "the exported PDF has no {}",
        String::from_utf8_lossy(key)
    )))
}

/// Puts `before` in front of a page's content streams and `after` behind them.
fn wrap_contents(
    doc: &mut Document,
    page_id: ObjectId,
    before: Vec<u8>,
    after: Vec<u8>,
) -> Result<()> {
    let existing: Vec<Object> = doc
        .get_page_contents(page_id)
        .into_iter()
        .map(Object::Reference)
        .collect();
    let first = doc.add_object(Stream::new(Dictionary::new(), before));
    let last = doc.add_object(Stream::new(Dictionary::new(), after));
    let mut contents = vec![Object::Reference(first)];
    contents.extend(existing);
    contents.push(Object::Reference(last));
    doc.get_dictionary_mut(page_id)
        .map_err(pdf_err("a page of the exported PDF"))?
        .set("Contents", contents);
    Ok(())
}

/// Adds a named colour space to a page's resources (inline or referenced).
fn add_colour_space(
    doc: &mut Document,
    page_id: ObjectId,
    name: &[u8],
    cs: ObjectId,
) -> Result<()> {
    let page = doc
        .get_dictionary(page_id)
        .map_err(pdf_err("a page of the exported PDF"))?;
    let resources_id = match page.get(b"Resources") {
        Ok(Object::Reference(id)) => Some(*id),
        Ok(Object::Dictionary(_)) => None,
        _ => {
            doc.get_dictionary_mut(page_id)
                .map_err(pdf_err("a page"))?
                .set("Resources", Dictionary::new());
            None
        }
    };
    let spaces_ref = {
        let res = match resources_id {
            Some(id) => doc.get_dictionary(id),
            None => doc
                .get_dictionary(page_id)
                .and_then(|p| p.get(b"Resources")?.as_dict()),
        }
        .map_err(pdf_err("page resources"))?;
        match res.get(b"ColorSpace") {
            Ok(Object::Reference(id)) => Some(*id),
            _ => None,
        }
    };
    let spaces = match spaces_ref {
        Some(id) => doc.get_dictionary_mut(id),
        None => {
            let res = match resources_id {
                Some(id) => doc.get_dictionary_mut(id),
                None => doc
                    .get_dictionary_mut(page_id)
                    .and_then(|p| p.get_mut(b"Resources")?.as_dict_mut()),
            }
            .map_err(pdf_err("page resources"))?;
            if !matches!(res.get(b"ColorSpace"), Ok(Object::Dictionary(_))) {
                res.set("ColorSpace", Dictionary::new());
            }
            res.get_mut(b"ColorSpace").and_then(Object::as_dict_mut)
        }
    }
    .map_err(pdf_err("page colour spaces"))?;
    spaces.set(name.to_vec(), Object::Reference(cs));
    Ok(())
}

/// Moves link and other annotations with the page content.
fn shift_annotations(doc: &mut Document, page_id: ObjectId, by: f64) -> Result<()> {
    let ids: Vec<ObjectId> = match doc.get_dictionary(page_id).map(|p| p.get(b"Annots")) {
        Ok(Ok(Object::Array(a))) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => return Ok(()),
    };
    for id in ids {
        let Ok(annot) = doc.get_dictionary_mut(id) else {
            continue;
        };
        let r: Vec<f64> = match annot.get(b"Rect") {
            Ok(Object::Array(a)) => a.iter().filter_map(as_number).collect(),
            _ => continue,
        };
        if let [a, b, c, d] = r[..] {
            annot.set("Rect", rect([a + by, b + by, c + by, d + by]));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF with the given content stream and colour-space resources.
    fn one_page(content: &str, spaces: Dictionary) -> Vec<u8> {
        one_page_with(content, |_| spaces)
    }

    /// The same, with colour spaces that may refer to objects added to the document.
    fn one_page_with(content: &str, spaces: impl FnOnce(&mut Document) -> Dictionary) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let spaces = spaces(&mut doc);
        let pages_id = doc.new_object_id();
        let content_id =
            doc.add_object(Stream::new(Dictionary::new(), content.as_bytes().to_vec()));
        let resources = Dictionary::from_iter([("ColorSpace", Object::Dictionary(spaces))]);
        let page_id = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages_id)),
            (
                "MediaBox",
                vec![0.into(), 0.into(), 595.into(), 842.into()].into(),
            ),
            ("Contents", Object::Reference(content_id)),
            ("Resources", Object::Dictionary(resources)),
        ]));
        doc.objects.insert(
            pages_id,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", vec![Object::Reference(page_id)].into()),
                ("Count", Object::Integer(1)),
            ])),
        );
        let catalog = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages_id)),
        ]));
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    const TEXT: &str = "BT /F1 12 Tf (x) Tj ET\n";

    #[test]
    fn k_only_black_text_and_cmyk_red_pass() {
        let pdf = one_page(
            &format!("0 0 0 1 k {TEXT} 0 1 1 0 K 0 0 m 10 0 l S"),
            Dictionary::new(),
        );
        let a = audit(&pdf).unwrap();
        assert!(a.problems.is_empty(), "{:?}", a.problems);
        assert_eq!(a.text.get("DeviceCMYK 0 0 0 1"), Some(&1));
        assert_eq!(a.paths.get("DeviceCMYK 0 1 1 0"), Some(&1));
    }

    #[test]
    fn rgb_rich_black_and_icc_are_caught() {
        let rgb = one_page(&format!("1 0 0 rg {TEXT}"), Dictionary::new());
        assert!(
            audit(&rgb)
                .unwrap()
                .problems
                .iter()
                .any(|p| p.contains("RGB"))
        );

        let rich = one_page(&format!("0.6 0.5 0.4 1 k {TEXT}"), Dictionary::new());
        assert!(
            audit(&rich)
                .unwrap()
                .problems
                .iter()
                .any(|p| p.contains("rich black"))
        );

        let icc = one_page_with(&format!("/C0 cs 0 scn {TEXT}"), |doc| {
            let profile = doc.add_object(Stream::new(
                Dictionary::from_iter([("N", Object::Integer(1))]),
                Vec::new(),
            ));
            Dictionary::from_iter([(
                "C0",
                Object::Array(vec![
                    Object::Name(b"ICCBased".to_vec()),
                    Object::Reference(profile),
                ]),
            )])
        });
        let problems = audit(&icc).unwrap().problems;
        assert!(
            problems.iter().any(|p| p.contains("ICC-based gray")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("text in ICC")),
            "{problems:?}"
        );
    }

    #[test]
    fn registration_text_is_rich_black_but_marks_are_fine() {
        let spaces = Dictionary::from_iter([("R", registration_space())]);
        let marks = one_page("/R CS 1 SCN 0 0 m 10 0 l S", spaces.clone());
        assert!(audit(&marks).unwrap().problems.is_empty());
        let text = one_page(&format!("/R cs 1 scn {TEXT}"), spaces);
        assert!(!audit(&text).unwrap().problems.is_empty());
    }

    #[test]
    fn bleed_values() {
        assert!((parse_bleed("3mm").unwrap() - 3.0 * MM).abs() < 1e-9);
        assert_eq!(parse_bleed("0").unwrap(), 0.0);
        assert!((parse_bleed("8.5pt").unwrap() - 8.5).abs() < 1e-9);
        assert!(parse_bleed("3").is_err(), "a bare number is ambiguous");
        assert!(parse_bleed("三号").is_err());
        assert!(parse_bleed("25mm").unwrap_err().contains("20 mm"));
        // Inches taken; a negative bleed named as such (QA13 C 06).
        assert!((parse_bleed("0.125in").unwrap() - 9.0).abs() < 1e-9);
        assert!(
            parse_bleed("-1mm")
                .unwrap_err()
                .contains("less than nothing")
        );
        assert!(parse_bleed("3").unwrap_err().contains("0.125in"));
    }

    #[test]
    fn marks_sit_outside_the_bleed() {
        let trim = [100.0, 100.0, 400.0, 500.0];
        let bleed = 3.0 * MM;
        let marks = crop_marks(trim, bleed);
        let ops = Content::decode(marks.as_bytes()).unwrap().operations;
        let points: Vec<(f64, f64)> = ops
            .iter()
            .filter(|o| o.operator == "m" || o.operator == "l")
            .map(|o| {
                let n = operand_numbers(&o.operands);
                (n[0], n[1])
            })
            .collect();
        assert_eq!(points.len(), 16);
        for (x, y) in points {
            let outside_x = x <= trim[0] - bleed || x >= trim[2] + bleed;
            let outside_y = y <= trim[1] - bleed || y >= trim[3] + bleed;
            assert!(outside_x || outside_y, "({x}, {y}) is inside the bleed box");
            let m = mark_margin(bleed);
            assert!(x >= trim[0] - m && x <= trim[2] + m && y >= trim[1] - m && y <= trim[3] + m);
        }
    }
}
