//! Photos in articles: read, turned upright, measured at their placed size, and made
//! ready for the press.
//!
//! The model reads every photo once ([`read`]): its pixels (EXIF orientation applied,
//! a transparent background flattened on white), its placed size on the page and its
//! effective resolution. The pipeline then encodes each for the file being made
//! ([`encode`]): for the printer's two-colour file a DeviceGray image (it prints with
//! the black ink only, so no RGB reaches the press); for the PDF/A archive the photo
//! in its own colours.

use std::io::Cursor;
use std::sync::Arc;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::model::style::Style;

/// The most pixels a photo may have: a bulletin's largest photo (the text block's
/// width at 450 ppi) has about 8 million; a 100-megapixel file is a wrong one.
pub(crate) const MAX_PIXELS: u64 = 60_000_000;
/// Under this effective resolution a photo prints visibly soft: a warning.
pub(crate) const MIN_PPI: f64 = 150.0;
/// Over this resolution the detail is lost on the press anyway: the photo is
/// reduced to [`TARGET_PPI`] (a smaller PDF, the same print).
pub(crate) const MAX_PPI: f64 = 450.0;
/// The resolution a photo over [`MAX_PPI`] is reduced to.
pub(crate) const TARGET_PPI: f64 = 300.0;
/// The tallest a photo is placed, as a share of the text block's height: a portrait
/// photo at the full width would fill the page.
pub(crate) const MAX_HEIGHT_SHARE: f64 = 0.6;

const POINTS_PER_INCH: f64 = 72.0;

/// A photo read and placed: what the pipeline encodes and the build reports.
#[derive(Debug, Clone)]
pub struct PhotoFile {
    /// What its pixels follow from: a hash of the source's bytes and its placing
    /// (the key [`encode`] is remembered by).
    pub key: u128,
    /// Its path in the Typst world (`/photos/3.png`), set by the model.
    pub vpath: String,
    /// Where it came from, for messages: the file, or the article and the name
    /// inside it.
    pub origin: String,
    /// The file it was read from (an input of the build), if it was one.
    pub path: Option<std::path::PathBuf>,
    /// The pixels: upright, without transparency, and reduced to [`TARGET_PPI`] when
    /// they were over [`MAX_PPI`].
    pub image: Arc<DynamicImage>,
    /// The source's format (a JPEG stays a JPEG, anything else becomes a PNG).
    pub format: ImageFormat,
    /// The pixels as read, before a reduction (for the report).
    pub source_px: (u32, u32),
    /// The source was separated into CMYK (for some press): read here as RGB.
    pub cmyk_source: bool,
    /// The placed size in points.
    pub placed: (f64, f64),
    /// The effective resolution at the placed size, before any reduction.
    pub ppi: f64,
    /// The warning it was read or placed with when that resolution is too low to print
    /// sharp (the build takes it back when the layout sets the photo smaller).
    pub soft: Option<String>,
    /// The photo as its article names it, for that warning.
    pub name: String,
}

impl PhotoFile {
    /// The report line of a photo: its file, its pixels, its placed size, its ppi.
    pub fn report(&self) -> String {
        self.report_at(1.0)
    }

    /// The report line of a photo set at `scale` of its placed size (a photo the layout
    /// made smaller to keep it in its section).
    pub fn report_at(&self, scale: f64) -> String {
        let mm = |pt: f64| pt / POINTS_PER_INCH * 25.4 * scale;
        let reduced = if self.image.width() < self.source_px.0 {
            format!(
                ", reduced to {}×{} px ({TARGET_PPI:.0} ppi)",
                self.image.width(),
                self.image.height()
            )
        } else {
            String::new()
        };
        format!(
            "photo {}: {}×{} px placed at {:.0}×{:.0} mm, {:.0} ppi{reduced}",
            self.origin,
            self.source_px.0,
            self.source_px.1,
            mm(self.placed.0),
            mm(self.placed.1),
            self.ppi / scale
        )
    }
}

/// Why a photo cannot be used, in plain words (the caller adds the place).
#[derive(Debug, Clone)]
pub(crate) struct PhotoProblem {
    pub message: String,
    pub help: String,
}

fn problem(message: String, help: &str) -> PhotoProblem {
    PhotoProblem {
        message,
        help: help.to_owned(),
    }
}

/// Decodes a photo, turns it upright, flattens transparency on white, and places it:
/// `want` is the share of the text block's width asked for. A photo whose resolution
/// at that size is over [`MAX_PPI`] is reduced to [`TARGET_PPI`].
///
/// Remembered while `watch` rebuilds (comemo, evicted with the session's other
/// caches): a photo whose bytes and placing did not change is not decoded again on
/// every save (10–20 ms a photo). The bytes themselves are the key, so a photo saved
/// anew is read anew.
pub(crate) fn read(
    bytes: &[u8],
    name: &str,
    want: Option<f64>,
    style: &Style,
    origin: String,
) -> Result<(PhotoFile, Option<String>), PhotoProblem> {
    let block = (style.page.block_width.0, style.page.block_height.0);
    let placing = (want.map(f64::to_bits), block.0.to_bits(), block.1.to_bits());
    // The bytes are hashed once, into the key, which the memo goes by.
    let key = typst::utils::hash128(&(bytes, placing));
    read_memo(key, ByKey(bytes), name, placing, origin)
}

/// A photo's bytes, known to [`read_memo`] by the key hashed from them beside them.
#[derive(Clone, Copy)]
struct ByKey<'a>(&'a [u8]);

impl std::hash::Hash for ByKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

#[comemo::memoize]
fn read_memo(
    key: u128,
    bytes: ByKey,
    name: &str,
    placing: (Option<u64>, u64, u64),
    origin: String,
) -> Result<(PhotoFile, Option<String>), PhotoProblem> {
    let bytes = bytes.0;
    let want = placing.0.map(f64::from_bits);
    let (block_w, block_h) = (f64::from_bits(placing.1), f64::from_bits(placing.2));
    let unreadable = |e: &dyn std::fmt::Display| {
        problem(
            format!("{name} cannot be read as a photo: {e} / 无法读取图片"),
            "save the photo as JPEG or PNG (另存为 JPEG/PNG) and name that file / 请把图片另存为 JPEG 或 PNG",
        )
    };
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| unreadable(&e))?;
    let format = match reader.format() {
        Some(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif)) => {
            f
        }
        Some(f) => {
            return Err(problem(
                format!(
                    "{name} is a {} image; photos are taken as JPEG, PNG, WebP or GIF / 图片格式不支持",
                    f.extensions_str().first().unwrap_or(&"?").to_uppercase()
                ),
                "save the photo as JPEG or PNG (另存为 JPEG/PNG) and name that file / 请把图片另存为 JPEG 或 PNG",
            ));
        }
        // An iPhone's photo (HEIC/HEIF: `ftyp` at byte 4 and a HEIF brand), named
        // as such: it was called «a drawing such as EMF or WMF?».
        None if is_heif(bytes) => {
            return Err(problem(
                format!(
                    "{name} is a HEIC/HEIF photo (an iPhone's), which is not read here / 不支持 HEIC/HEIF 格式（苹果手机照片）"
                ),
                "export it as JPEG (on the iPhone: Settings → Camera → Formats → Most Compatible; or open it and save as JPEG) and name that file / 请导出为 JPEG 格式后使用",
            ));
        }
        // Named for what it is, with what to do (QA13 C 04: a chart, an empty file and
        // a web page were all guessed to be «a drawing such as EMF or WMF?»).
        None => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
            let head = head.trim_start_matches('\u{feff}').trim_start();
            let (what, help) = if bytes.is_empty() {
                (
                    "the file is empty (0 bytes): a copy or a download that did not finish / 图片文件为空（0 字节）",
                    "copy or download the photo again and name that file / 请重新复制或下载图片",
                )
            } else if head.contains("<svg") {
                (
                    "it is an SVG drawing (a chart or a diagram), which is not placed / 不支持 SVG 矢量图",
                    "export the chart as PNG, 2000 px wide or more (in the program that drew it: 另存为/导出 → PNG), and name that file / 请把图表导出为 PNG（宽 2000 像素以上）",
                )
            } else if head.starts_with("<!doctype")
                || head.starts_with("<html")
                || head.contains("<head")
            {
                (
                    "it is a web page, not a picture: a download that got an error page, or a page saved under a picture's name / 这是网页文件，不是图片",
                    "open the picture itself in the browser and save it (右键 → 图片另存为), and name that file / 请在浏览器中打开图片本身后另存",
                )
            } else {
                (
                    "not a JPEG, PNG, WebP or GIF image (a drawing such as EMF or WMF?) / 无法识别的图片格式",
                    "save the photo as JPEG or PNG (另存为 JPEG/PNG) and name that file / 请把图片另存为 JPEG 或 PNG",
                )
            };
            return Err(problem(
                format!("{name} cannot be read as a photo: {what}"),
                help,
            ));
        }
    };
    // A file of a known kind that does not decode: damaged or cut short, and saving it
    // again as JPEG cannot mend it (QA13 C 08).
    let damaged = |e: &dyn std::fmt::Display| {
        problem(
            format!(
                "{name} is damaged or cut short: its {} data does not read to its end ({e}) / 图片文件损坏或不完整",
                format
                    .extensions_str()
                    .first()
                    .unwrap_or(&"image")
                    .to_uppercase()
            ),
            "take the photo again from where it came (the camera, the original mail or chat) and name that file / 请重新获取完整的图片文件",
        )
    };
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|e| damaged(&e))?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(problem(
            format!(
                "{name} is {w}×{h} px ({:.0} megapixels), more than the {} megapixels a bulletin's photo needs / 图片像素过多",
                (f64::from(w) * f64::from(h)) / 1e6,
                MAX_PIXELS / 1_000_000
            ),
            "reduce it to about 2000 px wide (any photo editor: 调整大小) and save it again / 请把图片缩小到约 2000 像素宽后再用",
        ));
    }
    // A JPEG cut short (a download or a mail attachment broken off) decodes without an
    // error, the picture grey below where its data ends: it went to print so, unsaid
    // (QA10). A PNG cut short is an error of its decoder.
    if format == ImageFormat::Jpeg && jpeg_cut_short(bytes) {
        return Err(problem(
            format!(
                "{name} is cut short: the file ends before its picture does (a download or an attachment broken off), and it would print grey below that / 图片文件不完整（下载或传输中断），缺失部分会印成灰色"
            ),
            "take the photo again from where it came (the camera, the original mail) and name that file / 请重新获取完整的图片文件",
        ));
    }
    let mut decoder = reader.into_decoder().map_err(|e| damaged(&e))?;
    // The decoder hands CMYK JPEGs over as RGB: the frame header says.
    let cmyk_source = format == ImageFormat::Jpeg && jpeg_components(bytes) == Some(4);
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| damaged(&e))?;
    image.apply_orientation(orientation);
    let image = flatten(image);
    let image = if cmyk_source {
        image
    } else {
        in_srgb(image, icc.as_deref())
    };
    let source_px = (image.width(), image.height());

    // Placed: the width asked (or the block's), no taller than a share of the
    // block's height.
    let aspect = f64::from(source_px.1) / f64::from(source_px.0.max(1));
    let mut width = block_w * want.unwrap_or(1.0);
    let capped = width * aspect > block_h * MAX_HEIGHT_SHARE;
    if capped {
        width = block_h * MAX_HEIGHT_SHARE / aspect;
    }
    let height = width * aspect;
    let ppi = f64::from(source_px.0) / (width / POINTS_PER_INCH);

    let soft = low_ppi(name, source_px, width, ppi, block_w);
    // A photo so tall for its width (a phone's long screenshot) that, kept within its
    // share of the page's height, it is a strip too narrow to read: said, as a photo
    // set narrow beside others is (QA13 C 07: 1080×8000 set 12 mm wide, unsaid).
    let mm = width / POINTS_PER_INCH * 25.4;
    let warning = match soft.clone() {
        // (Only when its height set it so narrow: a width the editor asked for is theirs.)
        None if capped && mm < 30.0 => Some(format!(
            "{name} is {}×{} px, so tall for its width that, kept within {:.0} % of the page's height, it is set only {mm:.0} mm wide, too narrow to read; crop it to the part that matters, or cut it into pieces of a screen's height each / 图片过于细长，按版心高度限制只能排 {mm:.0} 毫米宽，难以看清；请裁剪或分段截图",
            source_px.0,
            source_px.1,
            MAX_HEIGHT_SHARE * 100.0
        )),
        w => w,
    };
    let image = if ppi > MAX_PPI {
        reduced(&image, ppi)
    } else {
        image
    };
    Ok((
        PhotoFile {
            key,
            vpath: String::new(),
            path: None,
            origin,
            image: Arc::new(image),
            format: if format == ImageFormat::Jpeg {
                ImageFormat::Jpeg
            } else {
                ImageFormat::Png
            },
            source_px,
            cmyk_source,
            placed: (width, height),
            ppi,
            soft,
            name: name.to_owned(),
        },
        warning,
    ))
}

/// The warning for a photo whose resolution at its placed width is under [`MIN_PPI`],
/// with the width at which it has that, as a share of the text block `block` wide
/// (pt): what `{width=N%}` to give; none under a fifth of the block (too small to be
/// of use: a larger original is the only cure).
fn low_ppi(name: &str, source_px: (u32, u32), width: f64, ppi: f64, block: f64) -> Option<String> {
    if ppi >= MIN_PPI {
        return None;
    }
    let sharp = f64::from(source_px.0) / MIN_PPI * POINTS_PER_INCH;
    let mm = |pt: f64| pt / POINTS_PER_INCH * 25.4;
    let pct = (sharp / block.max(1.0) * 100.0).floor() as i64;
    let (cure, cure_zh) = if pct >= 20 {
        (
            format!(
                "use a larger original, or place it at most {:.0} mm wide ({{width={pct}%}} after it in a .md)",
                mm(sharp).floor()
            ),
            format!(
                "请换用更大的原图，或把宽度缩至 {:.0} 毫米以内（{{width={pct}%}}）",
                mm(sharp).floor()
            ),
        )
    } else {
        (
            format!(
                "it is sharp only under {:.0} mm wide, too small to be of use: use a larger original",
                mm(sharp).floor()
            ),
            "图片过小，请换用更大的原图".to_owned(),
        )
    };
    Some(format!(
        "{name} is {}×{} px: placed {:.0} mm wide it has {ppi:.0} ppi, under the {MIN_PPI:.0} ppi a photo needs to print sharp; {cure} / 图片分辨率不足（{ppi:.0} ppi），印刷会模糊；{cure_zh}",
        source_px.0,
        source_px.1,
        mm(width)
    ))
}

/// Photos side by side in one row: the widths that set them at one height, together
/// `width` wide with `gap` between them (no taller than [`MAX_HEIGHT_SHARE`] of the
/// block's `block_height`), from their proportions (height over width).
pub(crate) fn row_widths(aspects: &[f64], width: f64, gap: f64, block_height: f64) -> Vec<f64> {
    let room = width - gap * (aspects.len().saturating_sub(1)) as f64;
    let per_height: f64 = aspects.iter().map(|a| 1.0 / a.max(1e-6)).sum();
    let height = (room / per_height).min(block_height * MAX_HEIGHT_SHARE);
    aspects.iter().map(|a| height / a.max(1e-6)).collect()
}

impl PhotoFile {
    /// Places the photo `width` wide instead (a photo in a row): its placed size and
    /// resolution, and the warning when that is too low to print sharp (in a text block
    /// `block` wide).
    pub(crate) fn place_at(&mut self, name: &str, width: f64, block: f64) -> Option<String> {
        let aspect = self.placed.1 / self.placed.0.max(1e-6);
        self.placed = (width, width * aspect);
        self.ppi = f64::from(self.source_px.0) / (width / POINTS_PER_INCH);
        // Smaller in a row than read: reduced (again) when it is now over MAX_PPI, as
        // a photo alone is (a row's photos kept 877 ppi).
        let ppi = f64::from(self.image.width()) / (width / POINTS_PER_INCH);
        if ppi > MAX_PPI {
            self.image = Arc::new(reduced(&self.image, ppi));
            self.key = typst::utils::hash128(&(self.key, width.to_bits()));
        }
        self.soft = low_ppi(name, self.source_px, width, self.ppi, block);
        self.soft.clone()
    }

    /// The warning of too low a resolution for the photo set at `scale` of its placed
    /// size (the layout made it smaller to keep it in its section): none when it has
    /// enough there; else the size and the ppi it prints at (it said the size it was
    /// read with, 156 mm and 68 ppi, for a photo set 120 mm wide, QA15 G 03).
    pub(crate) fn soft_at(&self, scale: f64, block: f64) -> Option<String> {
        let width = self.placed.0 * scale;
        low_ppi(&self.name, self.source_px, width, self.ppi / scale, block)
    }
}

/// The pixels of an image placed at `ppi`, reduced to [`TARGET_PPI`] (Lanczos3, by
/// fast_image_resize: the image crate's own took 3 s for a 3000×2250 photo and 14 s for
/// a 48-megapixel one, QA13 C 03).
fn reduced(image: &DynamicImage, ppi: f64) -> DynamicImage {
    let scale = TARGET_PPI / ppi;
    let nw = (f64::from(image.width()) * scale).round().max(1.0) as u32;
    let nh = (f64::from(image.height()) * scale).round().max(1.0) as u32;
    let mut out = DynamicImage::new(nw, nh, image.color());
    let options = fast_image_resize::ResizeOptions::new().resize_alg(
        fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3),
    );
    match fast_image_resize::Resizer::new().resize(image, &mut out, &options) {
        Ok(()) => out,
        // A pixel type it does not take: the image crate's, slower.
        Err(_) => image.resize_exact(nw, nh, image::imageops::FilterType::Lanczos3),
    }
}

/// The number of colour components of a JPEG (1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK), read
/// from its frame header (SOFn).
fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return bytes.get(i + 9).copied();
        }
        i += 2 + len;
    }
    None
}

/// Whether a JPEG ends before its picture does: its segments and scans walked from
/// the start, the file ends before the end-of-image marker (FF D9). What follows that
/// marker is not read: a phone's motion photo carries its video there, whose bytes
/// may hold any marker. A file whose structure is not a JPEG's is left to the decoder.
fn jpeg_cut_short(b: &[u8]) -> bool {
    let mut i = 2;
    loop {
        if i + 1 >= b.len() {
            return true;
        }
        if b[i] != 0xFF {
            return false;
        }
        let marker = b[i + 1];
        match marker {
            0xD9 => return false,
            // Fill bytes, and markers that stand alone (restarts, TEM).
            0xFF => i += 1,
            0xD0..=0xD7 | 0x01 => i += 2,
            _ => {
                let Some(len) = b.get(i + 2..i + 4) else {
                    return true;
                };
                i += 2 + usize::from(u16::from_be_bytes([len[0], len[1]]));
                if marker == 0xDA {
                    // The scan's data, to the next marker that is not a stuffed FF
                    // (FF 00) or a restart.
                    loop {
                        let Some(k) = b
                            .get(i..)
                            .and_then(|rest| rest.iter().position(|&x| x == 0xFF))
                        else {
                            return true;
                        };
                        i += k;
                        match b.get(i + 1) {
                            None => return true,
                            Some(0x00 | 0xD0..=0xD7) => i += 2,
                            Some(_) => break,
                        }
                    }
                }
            }
        }
    }
}

/// The pixels of a photo in the colours of its embedded ICC profile (Adobe RGB from a
/// camera, Display P3 from a phone, ProPhoto from a raw converter) in sRGB, as the rest
/// of the way takes every photo's pixels (the press's CMYK, the archive's sRGB, the gray
/// of two-colour print): they were taken for sRGB as they were, and printed duller
/// and shifted, unsaid (QA13 C 09). A photo in sRGB, or with no profile, or a profile
/// that cannot be read or is not RGB, is as it was.
fn in_srgb(image: DynamicImage, icc: Option<&[u8]>) -> DynamicImage {
    let Some(profile) = icc.and_then(|b| moxcms::ColorProfile::new_from_slice(b).ok()) else {
        return image;
    };
    let srgb = moxcms::ColorProfile::new_srgb();
    let near = |a: &moxcms::Xyzd, b: &moxcms::Xyzd| {
        (a.x - b.x).abs() < 0.003 && (a.y - b.y).abs() < 0.003 && (a.z - b.z).abs() < 0.003
    };
    let is_srgb = near(&profile.red_colorant, &srgb.red_colorant)
        && near(&profile.green_colorant, &srgb.green_colorant)
        && near(&profile.blue_colorant, &srgb.blue_colorant);
    if profile.color_space != moxcms::DataColorSpace::Rgb || is_srgb {
        return image;
    }
    let Ok(transform) = profile.create_transform_8bit(
        moxcms::Layout::Rgb,
        &srgb,
        moxcms::Layout::Rgb,
        moxcms::TransformOptions::default(),
    ) else {
        return image;
    };
    let source = image.to_rgb8();
    let mut out = image::RgbImage::new(source.width(), source.height());
    match transform.transform(source.as_raw(), &mut out) {
        Ok(()) => DynamicImage::ImageRgb8(out),
        Err(_) => image,
    }
}

/// The image without transparency: every pixel over white.
fn flatten(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return image;
    }
    let mut rgba = image.into_rgba8();
    for p in rgba.pixels_mut() {
        let a = u16::from(p.0[3]);
        for c in &mut p.0[..3] {
            *c = ((u16::from(*c) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
        p.0[3] = 255;
    }
    DynamicImage::ImageRgba8(rgba).into_rgb8().into()
}

/// The colours a photo is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Colours {
    /// Gray: the printer's two-colour file (red and black): photos print in black.
    Gray,
    /// The photo's own colours (sRGB): the PDF/A archive.
    Own,
}

/// A photo's pixels in the press's CMYK: sRGB converted through the press's profile
/// (perceptual intent), four 8-bit samples a pixel, for a DeviceCMYK image.
pub(crate) fn to_press_cmyk(
    photo: &PhotoFile,
    press: &moxcms::ColorProfile,
) -> Result<Vec<u8>, String> {
    let rgb = photo.image.to_rgb8();
    let transform = moxcms::ColorProfile::new_srgb()
        .create_transform_8bit(
            moxcms::Layout::Rgb,
            press,
            moxcms::Layout::Rgba,
            moxcms::TransformOptions::default(),
        )
        .map_err(|e| format!("cannot convert {} to the press's CMYK: {e:?}", photo.origin))?;
    let mut out = vec![0u8; rgb.as_raw().len() / 3 * 4];
    transform
        .transform(rgb.as_raw(), &mut out)
        .map_err(|e| format!("cannot convert {} to the press's CMYK: {e:?}", photo.origin))?;
    Ok(out)
}

/// JPEG quality of a re-encoded photo: no visible loss at print resolution.
const JPEG_QUALITY: u8 = 92;

/// Encodes a photo for the file being made: a JPEG stays a JPEG, anything else
/// becomes a PNG. Remembered while `watch` rebuilds, as [`read`] is (10–30 ms a
/// photo), by the photo's key and the colours.
pub(crate) fn encode(photo: &PhotoFile, colours: Colours) -> Result<Vec<u8>, String> {
    encode_memo(Keyed(photo), colours)
}

/// A photo known by its key for [`encode_memo`]: its pixels and format follow from
/// its source and placing; its path in the world and its place do not change them.
#[derive(Clone, Copy)]
struct Keyed<'a>(&'a PhotoFile);

impl std::hash::Hash for Keyed<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.key.hash(state);
    }
}

#[comemo::memoize]
fn encode_memo(photo: Keyed, colours: Colours) -> Result<Vec<u8>, String> {
    let photo = photo.0;
    let image: DynamicImage = match colours {
        Colours::Gray => photo.image.to_luma8().into(),
        Colours::Own => photo.image.to_rgb8().into(),
    };
    let mut out = Vec::new();
    match photo.format {
        ImageFormat::Jpeg => {
            let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            image.write_with_encoder(enc)
        }
        _ => image.write_to(&mut Cursor::new(&mut out), ImageFormat::Png),
    }
    .map_err(|e| format!("cannot encode the photo {}: {e}", photo.origin))?;
    Ok(out)
}

/// Whether `bytes` are a HEIF file (HEIC, an iPhone's photo; AVIF too): an ISO media
/// `ftyp` box first, with a HEIF brand.
fn is_heif(bytes: &[u8]) -> bool {
    bytes.get(4..8) == Some(b"ftyp")
        && bytes.get(8..12).is_some_and(|brand| {
            [
                b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif",
            ]
            .iter()
            .any(|b| brand == *b)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A photo in Adobe RGB or Display P3 is taken into sRGB through its profile; one in
    /// sRGB, or with no profile, keeps its pixels (QA13 C 09: all three printed alike).
    #[test]
    fn a_photos_own_profile_is_taken_into_srgb() {
        let image = || {
            DynamicImage::ImageRgb8(image::RgbImage::from_pixel(4, 4, image::Rgb([40, 180, 60])))
        };
        let pixel = |i: &DynamicImage| i.to_rgb8().get_pixel(0, 0).0;
        let adobe = moxcms::ColorProfile::new_adobe_rgb().encode().unwrap();
        let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
        let srgb = moxcms::ColorProfile::new_srgb().encode().unwrap();
        let plain = pixel(&image());
        let from_adobe = pixel(&in_srgb(image(), Some(&adobe)));
        let from_p3 = pixel(&in_srgb(image(), Some(&p3)));
        // A green wider than sRGB's: more saturated once in sRGB.
        assert!(
            from_adobe[1] > plain[1] && from_adobe[0] < plain[0],
            "{from_adobe:?}"
        );
        assert!(from_p3[1] > plain[1], "{from_p3:?}");
        assert_ne!(from_adobe, from_p3);
        assert_eq!(pixel(&in_srgb(image(), Some(&srgb))), plain);
        assert_eq!(pixel(&in_srgb(image(), None)), plain);
        assert_eq!(pixel(&in_srgb(image(), Some(b"not a profile"))), plain);
    }
}
