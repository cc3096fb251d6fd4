//! Proofs (校样): the PDF that `build` writes, rasterised page by page with `hayro`, a
//! pure-Rust PDF renderer. Rendering the PDF bytes (not Typst's frames) means a proof
//! shows what the printer gets: the embedded font subsets, the CMYK colours as a
//! printer's profile turns them into screen colours, the page boxes.
//!
//! Pages render in parallel, one PDF parse per worker thread (a parse is cheap; the
//! renderer's caches are not shareable between threads).

pub mod compare;

use std::ops::RangeInclusive;
use std::path::Path;
use std::sync::Arc;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{RenderCache, RenderSettings};
use rayon::prelude::*;

use crate::error::{Error, Result};

/// Proofs are rendered at this resolution unless asked otherwise.
pub const DEFAULT_DPI: f32 = 100.0;

/// How a raster's samples are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channels {
    /// One byte a pixel, luma (0 black, 255 white).
    Gray,
    /// Three bytes a pixel, sRGB.
    Rgb,
}

impl Channels {
    /// Bytes a pixel.
    pub fn bytes(self) -> usize {
        match self {
            Channels::Gray => 1,
            Channels::Rgb => 3,
        }
    }
}

/// One rendered page: opaque pixels on white.
#[derive(Debug, Clone, PartialEq)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    /// Resolution in dots per inch (kept in the PNG's pHYs chunk).
    pub dpi: f32,
    pub channels: Channels,
    /// Row-major samples, `channels.bytes()` bytes a pixel.
    pub data: Vec<u8>,
}

impl Raster {
    /// Wraps as an `image` buffer (the conversions live there: `image` is compiled with
    /// optimisations even in a debug build of jianbao, which matters for whole pages).
    fn to_dynamic(&self) -> image::DynamicImage {
        let (w, h, data) = (self.width, self.height, self.data.clone());
        let img = match self.channels {
            Channels::Gray => {
                image::GrayImage::from_raw(w, h, data).map(image::DynamicImage::ImageLuma8)
            }
            Channels::Rgb => {
                image::RgbImage::from_raw(w, h, data).map(image::DynamicImage::ImageRgb8)
            }
        };
        img.expect("raster data matches its size")
    }

    /// The same page in grey (luma with sRGB/BT.709 weights).
    pub fn to_gray(&self) -> Raster {
        if self.channels == Channels::Gray {
            return self.clone();
        }
        Raster {
            data: self.to_dynamic().into_luma8().into_raw(),
            channels: Channels::Gray,
            ..*self
        }
    }

    /// The same page in RGB.
    pub fn to_rgb(&self) -> Raster {
        if self.channels == Channels::Rgb {
            return self.clone();
        }
        Raster {
            data: self.to_dynamic().into_rgb8().into_raw(),
            channels: Channels::Rgb,
            ..*self
        }
    }

    /// In the given channels.
    pub fn convert(&self, channels: Channels) -> Raster {
        match channels {
            Channels::Gray => self.to_gray(),
            Channels::Rgb => self.to_rgb(),
        }
    }

    /// The pixel at (x, y) as RGB.
    pub fn rgb_at(&self, x: u32, y: u32) -> [u8; 3] {
        let i = (y as usize * self.width as usize + x as usize) * self.channels.bytes();
        match self.channels {
            Channels::Gray => [self.data[i]; 3],
            Channels::Rgb => [self.data[i], self.data[i + 1], self.data[i + 2]],
        }
    }

    /// Millimetres a pixel.
    pub fn mm_per_px(&self) -> f64 {
        25.4 / f64::from(self.dpi)
    }

    /// Encodes as PNG, with the resolution in a pHYs chunk.
    pub fn to_png(&self) -> Result<Vec<u8>> {
        let colour = match self.channels {
            Channels::Gray => png::ColorType::Grayscale,
            Channels::Rgb => png::ColorType::Rgb,
        };
        self.encode(colour, None, &self.data)
    }

    fn encode(
        &self,
        colour: png::ColorType,
        palette: Option<Vec<u8>>,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, self.width, self.height);
        enc.set_color(colour);
        enc.set_depth(png::BitDepth::Eight);
        if let Some(p) = palette {
            enc.set_palette(p);
        }
        enc.set_compression(png::Compression::Balanced);
        let ppm = (f64::from(self.dpi) / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: png::Unit::Meter,
        }));
        let png_err = |e: png::EncodingError| Error::internal(format!("PNG encoding: {e}"));
        let mut writer = enc.write_header().map_err(png_err)?;
        writer.write_image_data(data).map_err(png_err)?;
        writer.finish().map_err(png_err)?;
        Ok(out)
    }

    /// Encodes as a compact PNG (see [`PngFormat::Compact`]).
    pub fn to_compact_png(&self) -> Result<Vec<u8>> {
        let rgb = self.to_rgb();
        // 16 levels a channel: level k stands for k × 17.
        let level = |v: u8| (u16::from(v) + 8) / 17;
        let quantised: Vec<u8> = rgb.data.iter().map(|&v| (level(v) * 17) as u8).collect();
        let mut palette: Vec<u8> = Vec::new();
        // Palette index of each of the 16³ colours, u16::MAX when not yet used.
        let mut index_of = vec![u16::MAX; 16 * 16 * 16];
        let mut indices = Vec::with_capacity(quantised.len() / 3);
        for px in rgb.data.chunks_exact(3) {
            let key = usize::from(level(px[0]) * 256 + level(px[1]) * 16 + level(px[2]));
            if index_of[key] == u16::MAX {
                if palette.len() == 256 * 3 {
                    // Too many colours for a palette: quantised RGB still packs better.
                    return Raster {
                        data: quantised,
                        ..rgb
                    }
                    .to_png();
                }
                index_of[key] = (palette.len() / 3) as u16;
                palette.extend(px.iter().map(|&v| (level(v) * 17) as u8));
            }
            indices.push(index_of[key] as u8);
        }
        self.encode(png::ColorType::Indexed, Some(palette), &indices)
    }

    /// Decodes a PNG (any colour type and depth; alpha is composed on white). The
    /// resolution comes from the pHYs chunk, else `default_dpi`.
    pub fn from_png(bytes: &[u8], default_dpi: f32) -> std::result::Result<Raster, String> {
        let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
        dec.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = dec.read_info().map_err(png_error)?;
        let (w, h) = (reader.info().width, reader.info().height);
        if u64::from(w) * u64::from(h) > MAX_PIXELS {
            return Err(format!(
                "it says it is {w} × {h} pixels, more than a page at {} dpi can be",
                DPI_RANGE.end()
            ));
        }
        let dpi = png_dpi(reader.info()).unwrap_or(default_dpi);
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| "image too large".to_string())?;
        let mut buf = vec![0; size];
        let frame = reader.next_frame(&mut buf).map_err(png_error)?;
        buf.truncate(frame.buffer_size());
        let (width, height) = (frame.width, frame.height);
        // Alpha (none in our renders) is composed on white paper.
        let on_white = |img: image::DynamicImage| {
            let mut rgba = img.into_rgba8();
            for p in rgba.pixels_mut() {
                let a = u32::from(p.0[3]);
                for v in &mut p.0[..3] {
                    *v = ((u32::from(*v) * a + 255 * (255 - a) + 127) / 255) as u8;
                }
            }
            image::DynamicImage::ImageRgba8(rgba)
        };
        let (channels, data) = match frame.color_type {
            png::ColorType::Grayscale => (Channels::Gray, buf),
            png::ColorType::Rgb => (Channels::Rgb, buf),
            png::ColorType::GrayscaleAlpha => {
                let img = image::GrayAlphaImage::from_raw(width, height, buf)
                    .ok_or("PNG data does not match its size")?;
                let img = on_white(image::DynamicImage::ImageLumaA8(img));
                (Channels::Gray, img.into_luma8().into_raw())
            }
            png::ColorType::Rgba => {
                let img = image::RgbaImage::from_raw(width, height, buf)
                    .ok_or("PNG data does not match its size")?;
                let img = on_white(image::DynamicImage::ImageRgba8(img));
                (Channels::Rgb, img.into_rgb8().into_raw())
            }
            other => return Err(format!("unsupported PNG colour type {other:?}")),
        };
        Ok(Raster {
            width,
            height,
            dpi,
            channels,
            data,
        })
    }
}

/// Why a PNG could not be read, in plain words (the decoder's own text is for
/// programmers).
fn png_error(e: png::DecodingError) -> String {
    match e {
        png::DecodingError::IoError(e) => format!("it could not be read ({})", e.kind()),
        png::DecodingError::LimitsExceeded => "it is larger than an image of a page can be".into(),
        _ => "it is damaged or not a PNG image".into(),
    }
}

/// The resolution a PNG declares in its pHYs chunk, to a tenth of a dpi.
fn png_dpi(info: &png::Info<'_>) -> Option<f32> {
    match info.pixel_dims {
        Some(png::PixelDimensions {
            xppu,
            unit: png::Unit::Meter,
            ..
        }) if xppu > 0 => Some(((f64::from(xppu) * 0.0254 * 10.0).round() / 10.0) as f32),
        _ => None,
    }
}

/// How a PNG of a page is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PngFormat {
    /// Every pixel exactly as rendered (RGB, or grey for a grey raster).
    Exact,
    /// Each channel rounded to 16 levels (at most 8 of 255 off: far below what
    /// `compare` counts as a change) and stored with a palette when the page has no
    /// more than 256 such colours, as pages of text in one or two inks do. About a
    /// third of the size of [`PngFormat::Exact`], colours kept.
    Compact,
}

/// A PNG's declared resolution and format (a palette PNG is taken as compact), from
/// its header alone (no pixels decoded).
pub fn png_header(bytes: &[u8]) -> std::result::Result<(Option<f32>, PngFormat), String> {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .map_err(png_error)?;
    let info = reader.info();
    let format = match info.color_type {
        png::ColorType::Indexed => PngFormat::Compact,
        _ => PngFormat::Exact,
    };
    Ok((png_dpi(info), format))
}

/// Writes a raster as PNG at `path`, atomically.
pub fn write_png(path: &Path, raster: &Raster, format: PngFormat) -> Result<()> {
    let bytes = match format {
        PngFormat::Exact => raster.to_png()?,
        PngFormat::Compact => raster.to_compact_png()?,
    };
    crate::output::files::write_atomic(path, &bytes)
}

/// The number of pages of a PDF.
pub fn page_count(pdf: &[u8]) -> Result<usize> {
    Ok(open(Arc::new(pdf.to_vec()))?.pages().len())
}

fn open(data: Arc<Vec<u8>>) -> Result<Pdf> {
    Pdf::new(data).map_err(|e| Error::internal(format!("cannot read the PDF back: {e:?}")))
}

/// Renders the given pages (one-based; all pages when `None`) of a PDF at `dpi`, in
/// parallel, and hands each page to `each` on the worker thread that rendered it (so
/// that encoding or comparing runs in parallel too). Results come back in page order.
pub fn render_pages<T, F>(pdf: &[u8], dpi: f32, pages: Option<&[usize]>, each: F) -> Result<Vec<T>>
where
    T: Send,
    F: Fn(usize, Raster) -> T + Sync,
{
    let data = Arc::new(pdf.to_vec());
    let count = open(data.clone())?.pages().len();
    let wanted: Vec<usize> = match pages {
        Some(p) => p.to_vec(),
        None => (1..=count).collect(),
    };
    if let Some(&bad) = wanted.iter().find(|&&n| n == 0 || n > count) {
        return Err(Error::internal(format!(
            "page {bad} asked for, the PDF has {count}"
        )));
    }
    // One run of consecutive pages a thread of rayon's pool: each run opens the PDF
    // once and keeps its render cache (fonts parsed once) for all its pages.
    let per = wanted
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    let runs: Vec<Vec<Result<T>>> = wanted
        .par_chunks(per)
        .map(|run| {
            let pdf = match open(data.clone()) {
                Ok(p) => p,
                Err(e) => return vec![Err(e)],
            };
            let cache = RenderCache::new();
            let settings = InterpreterSettings::default();
            run.iter()
                .map(|&number| {
                    Ok(each(
                        number,
                        render_page(&pdf, number, dpi, &cache, &settings),
                    ))
                })
                .collect()
        })
        .collect();
    // In page order; the first error (a PDF that cannot be opened) for all.
    runs.into_iter().flatten().collect()
}

fn render_page<'a>(
    pdf: &'a Pdf,
    number: usize,
    dpi: f32,
    cache: &RenderCache<'a>,
    settings: &InterpreterSettings,
) -> Raster {
    let page = &pdf.pages()[number - 1];
    let scale = dpi / 72.0;
    let pixmap = hayro::render(
        page,
        cache,
        settings,
        &RenderSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: WHITE,
            ..Default::default()
        },
    );
    let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    // Opaque white underneath: premultiplied samples are the colour itself.
    let rgba = image::RgbaImage::from_raw(width, height, pixmap.data_as_u8_slice().to_vec())
        .expect("a pixmap's data matches its size");
    let data = image::DynamicImage::ImageRgba8(rgba).into_rgb8().into_raw();
    Raster {
        width,
        height,
        dpi,
        channels: Channels::Rgb,
        data,
    }
}

/// The highest page number a selection may name.
pub const MAX_PAGE: usize = 100_000;

/// The most pixels a raster may have (a reference PNG, a page rendered at its
/// resolution): A3 at 1,200 dpi is 140 megapixels.
pub const MAX_PIXELS: u64 = 200_000_000;

/// The resolutions a page is rendered at, in dots per inch.
pub const DPI_RANGE: std::ops::RangeInclusive<f32> = 10.0..=1200.0;

/// Parses a page selection such as `1,3-4` (one-based, inclusive ranges).
pub fn parse_pages(spec: &str) -> std::result::Result<Vec<RangeInclusive<usize>>, String> {
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let num = |s: &str| -> std::result::Result<usize, String> {
            match s.trim().parse::<usize>() {
                Ok(n) if n > MAX_PAGE => Err(format!(
                    "«{s}» is more pages than any issue has (at most {MAX_PAGE}) / 页码过大"
                )),
                Ok(n) if n > 0 => Ok(n),
                _ => Err(format!(
                    "«{s}» is not a page number (pages count from 1) / 页码须为正整数"
                )),
            }
        };
        let range = match part.split_once('-') {
            Some((a, b)) => num(a)?..=num(b)?,
            None => {
                let n = num(part)?;
                n..=n
            }
        };
        if range.is_empty() {
            return Err(format!("«{part}»: the range runs backwards / 页码范围颠倒"));
        }
        out.push(range);
    }
    if out.is_empty() {
        return Err("no pages given / 未给出页码".into());
    }
    Ok(out)
}

/// The pages a selection names, in order, each once.
pub fn select_pages(ranges: &[RangeInclusive<usize>]) -> Vec<usize> {
    let mut pages: Vec<usize> = ranges.iter().flat_map(|r| r.clone()).collect();
    pages.sort_unstable();
    pages.dedup();
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_selections() {
        let r = parse_pages("1,3-4, 2").unwrap();
        assert_eq!(select_pages(&r), vec![1, 2, 3, 4]);
        assert_eq!(select_pages(&parse_pages("4-4,4").unwrap()), vec![4]);
        assert!(parse_pages("0").is_err());
        assert!(parse_pages("3-1").is_err());
        assert!(parse_pages("a").is_err());
        assert!(parse_pages("").is_err());
    }

    #[test]
    fn png_round_trip_keeps_pixels_and_dpi() {
        let rgb = Raster {
            width: 3,
            height: 2,
            dpi: 100.0,
            channels: Channels::Rgb,
            data: vec![
                255, 0, 0, 0, 255, 0, 0, 0, 255, //
                0, 0, 0, 128, 128, 128, 255, 255, 255,
            ],
        };
        let back = Raster::from_png(&rgb.to_png().unwrap(), 72.0).unwrap();
        assert_eq!(back, rgb);
        let gray = rgb.to_gray();
        assert_eq!(gray.data, vec![54, 182, 18, 0, 128, 255]);
        let back = Raster::from_png(&gray.to_png().unwrap(), 72.0).unwrap();
        assert_eq!(back, gray);
        assert_eq!(back.to_rgb().rgb_at(1, 0), [182, 182, 182]);
        // Compact: a palette of channels rounded to 16 levels, colour kept.
        let compact = rgb.to_compact_png().unwrap();
        assert_eq!(
            png_header(&compact).unwrap(),
            (Some(100.0), PngFormat::Compact)
        );
        let back = Raster::from_png(&compact, 72.0).unwrap();
        assert_eq!(back.channels, Channels::Rgb);
        assert_eq!(back.rgb_at(0, 1), [0, 0, 0]);
        assert_eq!(back.rgb_at(1, 1), [136, 136, 136]);
        assert_eq!(back.rgb_at(0, 0), [255, 0, 0]);
    }
}
