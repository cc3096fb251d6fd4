//! Regression against reference renders: a built issue's pages, rendered as proofs,
//! compared pixel by pixel with reference PNGs (`page-1.png`, `page-2.png`, …).
//!
//! A page differs when the page count or the page size changed, or when pixels
//! changed beyond the [`Tolerance`]: a pixel counts as changed when one of its channels
//! moved by more than `threshold` (of 255), and changed pixels count only in a cluster
//! (8-connected) of at least `min_cluster` of them, so that anti-aliasing noise (single
//! edge pixels a few levels apart) is ignored while one changed character (a hundred or
//! more pixels that move from paper to ink at 100 dpi) is caught. Clusters close to each
//! other are merged into regions, reported in millimetres from the page's top-left corner.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::proof::{self, Channels, DEFAULT_DPI, PngFormat, Raster};

/// What counts as a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerance {
    /// A pixel changed when a channel moved by more than this (0–255).
    pub threshold: u8,
    /// Changed pixels count only in clusters of at least this many.
    pub min_cluster: usize,
}

impl Default for Tolerance {
    fn default() -> Self {
        Self {
            threshold: 64,
            min_cluster: 4,
        }
    }
}

/// A changed region of a page, in pixels: `x0..x1`, `y0..y1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
    /// Changed pixels in it.
    pub pixels: usize,
}

impl Region {
    /// The region in millimetres from the page's top-left corner: (x0, y0, x1, y1).
    pub fn mm(&self, dpi: f32) -> (f64, f64, f64, f64) {
        let k = 25.4 / f64::from(dpi);
        (
            f64::from(self.x0) * k,
            f64::from(self.y0) * k,
            f64::from(self.x1) * k,
            f64::from(self.y1) * k,
        )
    }

    fn near(&self, o: &Region, gap: u32) -> bool {
        self.x0 <= o.x1 + gap
            && o.x0 <= self.x1 + gap
            && self.y0 <= o.y1 + gap
            && o.y0 <= self.y1 + gap
    }

    fn merge(&mut self, o: &Region) {
        self.x0 = self.x0.min(o.x0);
        self.y0 = self.y0.min(o.y0);
        self.x1 = self.x1.max(o.x1);
        self.y1 = self.y1.max(o.y1);
        self.pixels += o.pixels;
    }
}

/// The pixel difference between two rasters of one size.
#[derive(Debug, Clone, Default)]
pub struct PixelDiff {
    /// Changed pixels (in clusters that count).
    pub changed: usize,
    /// Changed regions, top to bottom.
    pub regions: Vec<Region>,
    /// Per pixel: 0 unchanged, 1 ink added (the new page is darker), 2 ink removed.
    pub marks: Vec<u8>,
}

/// Regions closer than this are reported as one (a changed word, not each stroke).
const MERGE_GAP_MM: f64 = 2.0;

/// Compares two rasters of the same size, in the reference's channels.
pub fn pixel_diff(reference: &Raster, new: &Raster, tol: &Tolerance) -> PixelDiff {
    debug_assert_eq!((reference.width, reference.height), (new.width, new.height));
    let new = if new.channels == reference.channels {
        std::borrow::Cow::Borrowed(new)
    } else {
        std::borrow::Cow::Owned(new.convert(reference.channels))
    };
    if reference.data == new.data {
        return PixelDiff::default();
    }
    let (w, h) = (reference.width as usize, reference.height as usize);
    let n = reference.channels.bytes();
    // Pass 1: which pixels moved beyond the threshold, and which way. Identical rows
    // (most of them) are skipped with one slice comparison each.
    let mut marks = vec![0u8; w * h];
    let mut marked = Vec::new();
    for y in 0..h {
        let row = y * w * n..(y + 1) * w * n;
        let (ra, rb) = (&reference.data[row.clone()], &new.data[row]);
        if ra == rb {
            continue;
        }
        for x in 0..w {
            let (a, b) = (&ra[x * n..x * n + n], &rb[x * n..x * n + n]);
            if a == b {
                continue;
            }
            let mut moved = 0;
            let (mut sa, mut sb) = (0u32, 0u32);
            for k in 0..n {
                moved = moved.max(a[k].abs_diff(b[k]));
                sa += u32::from(a[k]);
                sb += u32::from(b[k]);
            }
            if moved > tol.threshold {
                marks[y * w + x] = if sb < sa { 1 } else { 2 };
                marked.push(y * w + x);
            }
        }
    }
    // Pass 2: clusters (8-connected); small ones are noise and are unmarked.
    let mut seen = vec![false; w * h];
    let mut stack = Vec::new();
    let mut clusters = Vec::new();
    let mut members = Vec::new();
    for start in marked {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        members.clear();
        let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
        while let Some(i) = stack.pop() {
            members.push(i);
            let (x, y) = (i % w, i / w);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            for dy in [-1isize, 0, 1] {
                for dx in [-1isize, 0, 1] {
                    let (nx, ny) = (x as isize + dx, y as isize + dy);
                    if nx < 0 || ny < 0 || nx >= w as isize || ny >= h as isize {
                        continue;
                    }
                    let j = ny as usize * w + nx as usize;
                    if marks[j] != 0 && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        if members.len() < tol.min_cluster {
            for &i in &members {
                marks[i] = 0;
            }
        } else {
            clusters.push(Region {
                x0: x0 as u32,
                y0: y0 as u32,
                x1: x1 as u32 + 1,
                y1: y1 as u32 + 1,
                pixels: members.len(),
            });
        }
    }
    let changed = clusters.iter().map(|c| c.pixels).sum();
    let gap = (MERGE_GAP_MM / reference.mm_per_px()).round() as u32;
    PixelDiff {
        changed,
        regions: merge_regions(clusters, gap),
        marks,
    }
}

/// Merges regions that lie within `gap` pixels of each other, until none do.
fn merge_regions(mut regions: Vec<Region>, gap: u32) -> Vec<Region> {
    loop {
        let mut merged: Vec<Region> = Vec::with_capacity(regions.len());
        let mut any = false;
        for r in regions {
            if let Some(m) = merged.iter_mut().find(|m| m.near(&r, gap)) {
                m.merge(&r);
                any = true;
            } else {
                merged.push(r);
            }
        }
        regions = merged;
        if !any {
            break;
        }
    }
    regions.sort_by_key(|r| (r.y0, r.x0));
    regions
}

/// The diff image: the reference dimmed to a light grey, added ink in red, removed ink
/// in blue, and a magenta box around each changed region.
pub fn diff_image(reference: &Raster, diff: &PixelDiff) -> Raster {
    let (w, h) = (reference.width, reference.height);
    let gray = reference.to_gray();
    let mut data = Vec::with_capacity(w as usize * h as usize * 3);
    for y in 0..h {
        for x in 0..w {
            let i = (y * w + x) as usize;
            let px = match diff.marks.get(i).copied().unwrap_or(0) {
                1 => [220, 0, 0],
                2 => [0, 80, 255],
                _ => {
                    let v = 255 - (255 - gray.data[i]) / 4;
                    [v, v, v]
                }
            };
            data.extend_from_slice(&px);
        }
    }
    let mut img = Raster {
        width: w,
        height: h,
        dpi: reference.dpi,
        channels: Channels::Rgb,
        data,
    };
    let pad = 4;
    for r in &diff.regions {
        let (x0, y0) = (r.x0.saturating_sub(pad), r.y0.saturating_sub(pad));
        let (x1, y1) = ((r.x1 + pad).min(w), (r.y1 + pad).min(h));
        draw_box(&mut img, x0, y0, x1, y1, [230, 0, 200], 2);
    }
    img
}

fn draw_box(img: &mut Raster, x0: u32, y0: u32, x1: u32, y1: u32, c: [u8; 3], t: u32) {
    let w = img.width;
    let mut put = |x: u32, y: u32| {
        if x < img.width && y < img.height {
            let i = ((y * w + x) * 3) as usize;
            img.data[i..i + 3].copy_from_slice(&c);
        }
    };
    for k in 0..t {
        for x in x0..x1 {
            put(x, y0 + k);
            put(x, (y1 - 1).saturating_sub(k));
        }
        for y in y0..y1 {
            put(x0 + k, y);
            put((x1 - 1).saturating_sub(k), y);
        }
    }
}

/// How one page compares.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Within tolerance.
    Same,
    /// Pixels changed.
    Changed(PixelDiff),
    /// The page's size in pixels changed (paper size or resolution).
    Resized {
        reference: (u32, u32),
        new: (u32, u32),
    },
    /// The issue has this page; the references do not.
    New,
    /// The references have this page; the issue no longer does.
    Gone,
}

impl Outcome {
    pub fn is_same(&self) -> bool {
        matches!(self, Outcome::Same)
    }
}

/// One page's result.
#[derive(Debug, Clone)]
pub struct PageResult {
    /// One-based page number.
    pub page: usize,
    pub outcome: Outcome,
    /// The diff image written for it (changed pages), or the new render (new or
    /// resized pages), when a diff directory was given.
    pub image: Option<PathBuf>,
}

/// A whole comparison.
#[derive(Debug)]
pub struct Comparison {
    pub dpi: f32,
    pub pages: Vec<PageResult>,
    /// The new renders, page by page (for `--update`).
    pub renders: Vec<Raster>,
    /// The reference directory.
    pub reference_dir: PathBuf,
    /// How the (first) reference is stored; `None` without references.
    pub reference_format: Option<PngFormat>,
}

impl Comparison {
    /// Whether every page matched.
    pub fn all_same(&self) -> bool {
        self.pages.iter().all(|p| p.outcome.is_same())
    }

    /// Whether `update_references(self, format)` would write or remove anything.
    pub fn needs_update(&self, format: PngFormat) -> bool {
        !self.all_same() || self.reference_format.is_some_and(|r| r != format)
    }
}

/// The file name of page `n`'s reference.
pub fn reference_name(n: usize) -> String {
    format!("page-{n}.png")
}

/// The page numbers of the references in `dir` (`page-N.png`); empty when the directory
/// does not exist.
pub fn reference_pages(dir: &Path) -> Result<BTreeSet<usize>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => {
            return Err(Error::io(
                dir,
                "cannot read the reference directory / 无法读取参考图目录",
                e,
            ));
        }
    };
    let mut pages = BTreeSet::new();
    for entry in entries.flatten() {
        if let Some(n) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.strip_prefix("page-")?.strip_suffix(".png")?.parse().ok())
            .filter(|&n: &usize| n > 0)
        {
            pages.insert(n);
        }
    }
    Ok(pages)
}

/// The largest reference image read: a page at 1,200 dpi is a few megabytes.
const REFERENCE_LIMIT: u64 = 256 * crate::output::files::MB;

/// Reads a reference image: a regular file of sane size.
fn read_reference(path: &Path) -> Result<Vec<u8>> {
    crate::output::files::read_input(path, REFERENCE_LIMIT).map_err(|p| {
        let (msg, help) = p.describe(("reference image", "参考图"), path);
        crate::InputError::file(path, format!("{msg} / 参考图无法读取"))
            .help(help)
            .into()
    })
}

/// What to compare, and where to put the diff images.
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    /// Render at this resolution; default: the references' (pHYs), else 100 dpi.
    pub dpi: Option<f32>,
    pub tolerance: Tolerance,
    /// Write diff images here (cleared of earlier ones first); none when `None`.
    pub diff_dir: Option<PathBuf>,
}

/// Renders a PDF and compares every page with the references in `reference_dir`.
pub fn compare_pdf(pdf: &[u8], reference_dir: &Path, opts: &CompareOptions) -> Result<Comparison> {
    let refs = reference_pages(reference_dir)?;
    let load = |n: usize| -> Result<Raster> {
        let path = reference_dir.join(reference_name(n));
        let bytes = read_reference(&path)?;
        Raster::from_png(&bytes, DEFAULT_DPI).map_err(|e| {
            crate::InputError::file(
                &path,
                format!("not a reference image jianbao can read: {e} / 参考图无法读取"),
            )
            .help("regenerate the references with --update / 用 --update 重新生成参考图")
            .into()
        })
    };
    // The references' resolution and colour, from the first one's header.
    let header = match refs.first() {
        Some(&n) => {
            let path = reference_dir.join(reference_name(n));
            let bytes = read_reference(&path)?;
            let header = proof::png_header(&bytes).map_err(|e| -> Error {
                crate::InputError::file(
                    &path,
                    format!("not a reference image jianbao can read: {e} / 参考图无法读取"),
                )
                .help("regenerate the references with --update / 用 --update 重新生成参考图")
                .into()
            })?;
            if let (Some(dpi), _) = header
                && !proof::DPI_RANGE.contains(&dpi)
            {
                return Err(crate::InputError::file(
                    &path,
                    format!(
                        "the reference image says it is {dpi} dpi; references are rendered at 10 to 1200 dpi / 参考图的分辨率（{dpi} dpi）超出 10–1200 dpi"
                    ),
                )
                .help("regenerate the references with --update, or give the resolution with --dpi / 用 --update 重新生成参考图，或用 --dpi 指定分辨率")
                .into());
            }
            Some(header)
        }
        None => None,
    };
    let dpi = opts
        .dpi
        .or(header.and_then(|(dpi, _)| dpi))
        .unwrap_or(DEFAULT_DPI);
    if let Some(dir) = &opts.diff_dir {
        clear_diff_dir(dir)?;
    }
    let results = proof::render_pages(
        pdf,
        dpi,
        None,
        |page, new| -> Result<(PageResult, Raster)> {
            let outcome = if !refs.contains(&page) {
                Outcome::New
            } else {
                let reference = load(page)?;
                if (reference.width, reference.height) != (new.width, new.height) {
                    Outcome::Resized {
                        reference: (reference.width, reference.height),
                        new: (new.width, new.height),
                    }
                } else {
                    let d = pixel_diff(&reference, &new, &opts.tolerance);
                    if d.changed == 0 {
                        Outcome::Same
                    } else {
                        let image = diff_image(&reference, &d);
                        return write_diff(opts, page, Outcome::Changed(d), Some(&image), new);
                    }
                }
            };
            write_diff(opts, page, outcome, None, new)
        },
    )?;
    let mut pages = Vec::new();
    let mut renders = Vec::new();
    for r in results {
        let (p, raster) = r?;
        pages.push(p);
        renders.push(raster);
    }
    let count = renders.len();
    pages.extend(refs.iter().filter(|&&n| n > count).map(|&n| PageResult {
        page: n,
        outcome: Outcome::Gone,
        image: None,
    }));
    Ok(Comparison {
        dpi,
        reference_format: header.map(|(_, f)| f),
        pages,
        renders,
        reference_dir: reference_dir.to_owned(),
    })
}

/// Writes a page's diff image (or, for a new or resized page, its new render).
fn write_diff(
    opts: &CompareOptions,
    page: usize,
    outcome: Outcome,
    diff: Option<&Raster>,
    new: Raster,
) -> Result<(PageResult, Raster)> {
    let mut image = None;
    if let Some(dir) = &opts.diff_dir {
        let what = match (&outcome, diff) {
            (Outcome::Changed(_), Some(d)) => Some((format!("page-{page}.diff.png"), d)),
            (Outcome::New | Outcome::Resized { .. }, _) => {
                Some((format!("page-{page}.new.png"), &new))
            }
            _ => None,
        };
        if let Some((name, raster)) = what {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::io(
                    dir,
                    "cannot create the diff directory / 无法创建差异图目录",
                    e,
                )
            })?;
            let path = dir.join(name);
            proof::write_png(&path, raster, PngFormat::Exact)?;
            image = Some(path);
        }
    }
    Ok((
        PageResult {
            page,
            outcome,
            image,
        },
        new,
    ))
}

/// Removes the diff images of an earlier run (only files named like ours).
fn clear_diff_dir(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("page-") && (name.ends_with(".diff.png") || name.ends_with(".new.png"))
        {
            std::fs::remove_file(entry.path()).map_err(|e| {
                Error::io(
                    &entry.path(),
                    "cannot remove an old diff image / 无法删除旧差异图",
                    e,
                )
            })?;
        }
    }
    Ok(())
}

/// Writes the new renders of every page that differs as the references (exact or
/// compact PNGs), and removes the references of pages the issue no longer has. Returns
/// the number of files written and removed.
pub fn update_references(c: &Comparison, format: PngFormat) -> Result<(usize, usize)> {
    let dir = &c.reference_dir;
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::io(
            dir,
            "cannot create the reference directory / 无法创建参考图目录",
            e,
        )
    })?;
    // A change of format rewrites every page, so that a set is all grey or all colour.
    let all = c.reference_format.is_some_and(|r| r != format);
    let (mut written, mut removed) = (0, 0);
    for p in &c.pages {
        let path = dir.join(reference_name(p.page));
        match p.outcome {
            Outcome::Same if !all => {}
            Outcome::Gone => {
                std::fs::remove_file(&path).map_err(|e| {
                    Error::io(
                        &path,
                        "cannot remove an old reference / 无法删除旧参考图",
                        e,
                    )
                })?;
                removed += 1;
            }
            _ => {
                proof::write_png(&path, &c.renders[p.page - 1], format)?;
                written += 1;
            }
        }
    }
    Ok((written, removed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(w: u32, h: u32) -> Raster {
        Raster {
            width: w,
            height: h,
            dpi: 100.0,
            channels: Channels::Rgb,
            data: vec![255; (w * h * 3) as usize],
        }
    }

    fn ink(r: &mut Raster, x: u32, y: u32, v: u8) {
        let i = ((y * r.width + x) * 3) as usize;
        r.data[i..i + 3].copy_from_slice(&[v, v, v]);
    }

    #[test]
    fn noise_below_threshold_or_in_specks_is_ignored() {
        let a = page(40, 30);
        let mut b = a.clone();
        // Anti-aliasing noise: many pixels a little off.
        for x in 0..40 {
            ink(&mut b, x, 3, 255 - 40);
        }
        // A speck of three strongly changed pixels.
        for x in 10..13 {
            ink(&mut b, x, 20, 0);
        }
        let d = pixel_diff(&a, &b, &Tolerance::default());
        assert_eq!(d.changed, 0);
        assert!(d.regions.is_empty());
        assert!(d.marks.iter().all(|&m| m == 0));
    }

    #[test]
    fn a_blot_is_found_with_its_box() {
        let a = page(100, 80);
        let mut b = a.clone();
        for y in 40..45 {
            for x in 20..26 {
                ink(&mut b, x, y, 0);
            }
        }
        let d = pixel_diff(&a, &b, &Tolerance::default());
        assert_eq!(d.changed, 30);
        assert_eq!(
            d.regions,
            vec![Region {
                x0: 20,
                y0: 40,
                x1: 26,
                y1: 45,
                pixels: 30
            }]
        );
        // Ink added shows red in the diff image, with a box around it.
        let img = diff_image(&a, &d);
        assert_eq!(img.rgb_at(22, 42), [220, 0, 0]);
        assert_eq!(img.rgb_at(16, 42), [230, 0, 200]);
        assert_eq!(img.rgb_at(60, 10), [255, 255, 255]);
        // The other way round it is ink removed: blue.
        let d = pixel_diff(&b, &a, &Tolerance::default());
        assert_eq!(diff_image(&b, &d).rgb_at(22, 42), [0, 80, 255]);
    }

    #[test]
    fn near_clusters_merge_far_ones_do_not() {
        let a = page(400, 100);
        let mut b = a.clone();
        // Two blots 3 px apart (one region) and one 200 px away.
        for (x0, x1) in [(10, 14), (17, 21), (220, 224)] {
            for y in 10..14 {
                for x in x0..x1 {
                    ink(&mut b, x, y, 0);
                }
            }
        }
        let d = pixel_diff(&a, &b, &Tolerance::default());
        assert_eq!(d.regions.len(), 2, "{:?}", d.regions);
        assert_eq!((d.regions[0].x0, d.regions[0].x1), (10, 21));
        let (x0, _, x1, _) = d.regions[1].mm(100.0);
        assert!((x0 - 55.88).abs() < 0.01 && (x1 - 56.896).abs() < 0.01);
    }

    #[test]
    fn gray_references_compare_in_gray() {
        let mut a = page(20, 20);
        for y in 5..10 {
            for x in 5..10 {
                ink(&mut a, x, y, 30);
            }
        }
        let gray = a.to_gray();
        assert_eq!(pixel_diff(&gray, &a, &Tolerance::default()).changed, 0);
        let mut b = a.clone();
        for y in 12..15 {
            for x in 12..15 {
                ink(&mut b, x, y, 0);
            }
        }
        assert_eq!(pixel_diff(&gray, &b, &Tolerance::default()).changed, 9);
    }
}
