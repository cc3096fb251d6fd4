//! Proofs and compare: `jianbao proof`, `build --draft`, `jianbao compare`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::*;
use jianbao::pipeline::{self, BuildOptions};
use jianbao::proof::compare::{self, CompareOptions, Outcome, Tolerance};
use jianbao::proof::{self, Raster};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};

const SAMPLE_DIR: &str = "issues/lianluo-dongtai-2018-19";

fn jianbao(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jianbao"));
    for a in args {
        cmd.arg(a);
    }
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the sample issue (issue file and articles) in a temp dir.
fn copy_sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(repo().join(SAMPLE_DIR))
        .unwrap()
        .flatten()
    {
        if e.path().is_file() {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
    }
    let issue = dir.path().join("issue.toml");
    (dir, issue)
}

fn pdf_of(issue: &Path, draft: Option<&str>) -> Vec<u8> {
    pipeline::pdf_bytes(&BuildOptions {
        issue: issue.to_owned(),
        draft: draft.map(str::to_owned),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("build failed: {}", e.render(false)))
    .pdf
}

#[test]
fn proof_writes_the_pages_asked_for_at_the_resolution_asked_for() {
    let out = tempfile::tempdir().unwrap();
    let run = jianbao(&[
        &"proof",
        &sample_issue(),
        &"-o",
        &out.path(),
        &"--pages",
        &"1,3-4",
        &"--dpi",
        &"50",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["page-1.png", "page-3.png", "page-4.png"]);
    let page =
        Raster::from_png(&std::fs::read(out.path().join("page-3.png")).unwrap(), 0.0).unwrap();
    // A4 at 50 dpi: 595.28 × 841.89 pt → 413 × 584 px; the resolution is in the file.
    assert_eq!((page.width, page.height, page.dpi), (413, 584, 50.0));
}

#[test]
fn proof_refuses_pages_the_issue_does_not_have() {
    let out = tempfile::tempdir().unwrap();
    let run = jianbao(&[
        &"proof",
        &sample_issue(),
        &"-o",
        &out.path(),
        &"--pages",
        &"2,99",
    ]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("page 99"), "{}", stderr(&run));
    // Said alone: the sample's warning (its 报尾 stands alone) is not printed first.
    assert!(!stderr(&run).contains("warning:"), "{}", stderr(&run));
    let bad = jianbao(&[&"proof", &sample_issue(), &"--pages", &"3-1"]);
    assert_eq!(
        bad.status.code(),
        Some(1),
        "a usage error is an input error: {}",
        stderr(&bad)
    );
}

/// The CMYK masthead red must come out red (not orange, not dark), and K black as black,
/// as a printer's profile shows them: compared with poppler's rendering of the same PDF.
#[test]
fn proof_colours_and_pixels_match_an_independent_renderer() {
    let pdf = pdf_of(&sample_issue(), None);
    let page = proof::render_pages(&pdf, 100.0, Some(&[1]), |_, r| r)
        .unwrap()
        .remove(0);
    // The masthead title: the top quarter's most common non-white colour.
    let mut counts = std::collections::HashMap::new();
    for y in 0..page.height / 4 {
        for x in 0..page.width {
            let c = page.rgb_at(x, y);
            if c != [255, 255, 255] {
                *counts.entry(c).or_insert(0) += 1;
            }
        }
    }
    let (&red, _) = counts.iter().max_by_key(|(_, n)| **n).unwrap();
    assert!(
        red[0] > 200 && red[1] < 60 && red[2] < 60,
        "the masthead red renders as {red:?}"
    );
    if !tool("pdftoppm") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("s.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    let ok = Command::new("pdftoppm")
        .args(["-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf_path)
        .arg(dir.path().join("poppler"))
        .status()
        .unwrap();
    assert!(ok.success());
    let poppler = Raster::from_png(
        &std::fs::read(dir.path().join("poppler.png")).unwrap(),
        100.0,
    )
    .unwrap();
    // Poppler rounds the page size up, hayro down: compare the common area.
    let (w, h) = (
        page.width.min(poppler.width),
        page.height.min(poppler.height),
    );
    assert!(w + 1 >= poppler.width && h + 1 >= poppler.height);
    // Two anti-aliasing rasterisers disagree at glyph edges; averaged over 4 × 4 pixel
    // blocks (1 mm) they agree, unless something is missing, moved or extra.
    let (ours, theirs) = (page.to_gray(), poppler.to_gray());
    let block = |r: &Raster, bx: u32, by: u32| {
        let mut sum = 0u32;
        for y in by * 4..by * 4 + 4 {
            for x in bx * 4..bx * 4 + 4 {
                sum += u32::from(r.data[(y * r.width + x) as usize]);
            }
        }
        sum as f64 / 16.0
    };
    let (mut inked, mut far) = (0, 0);
    for by in 0..h / 4 {
        for bx in 0..w / 4 {
            let (a, b) = (block(&ours, bx, by), block(&theirs, bx, by));
            if a < 250.0 {
                inked += 1;
            }
            if (a - b).abs() > 96.0 {
                far += 1;
            }
        }
    }
    assert!(inked > 5_000, "too little ink: {inked} blocks");
    assert!(
        far <= 10,
        "{far} of {inked} inked 1 mm blocks differ from poppler's rendering of the same PDF"
    );
    // Both convert CMYK with a press profile: the same red to within a few levels.
    let theirs = dominant_red(&poppler);
    assert!(
        red.iter().zip(theirs).all(|(a, b)| a.abs_diff(b) <= 4),
        "our red {red:?}, poppler's {theirs:?}"
    );
}

/// The most common strongly red colour in the top quarter of a page.
fn dominant_red(p: &Raster) -> [u8; 3] {
    let mut counts = std::collections::HashMap::new();
    for y in 0..p.height / 4 {
        for x in 0..p.width {
            let c = p.rgb_at(x, y);
            if c[0] > 200 && c[1] < 60 && c[2] < 60 {
                *counts.entry(c).or_insert(0) += 1;
            }
        }
    }
    *counts.iter().max_by_key(|(_, n)| **n).expect("no red").0
}

#[test]
fn draft_builds_carry_the_watermark_and_print_builds_never_do() {
    let mark = "校样 2026-11-24 10:31";
    let draft = pdf_of(&sample_issue(), Some(mark));
    let print = pdf_of(&sample_issue(), None);
    assert_ne!(draft, print);
    // The print build is the same bytes as `build` writes.
    let (_d, built) = build_to_temp(&sample_issue());
    assert_eq!(print, std::fs::read(&built).unwrap());
    // The draft mark: 校样 and the build time in China Standard Time (UTC+8).
    let t = time::OffsetDateTime::from_unix_timestamp(1_795_487_460).unwrap(); // 2026-11-24 02:31 UTC
    assert_eq!(pipeline::draft_mark(t), mark);
    // The watermark is drawn: the draft pages have more ink than the print pages.
    let ink = |pdf: &[u8]| {
        proof::render_pages(pdf, 30.0, None, |_, r| {
            r.to_gray().data.iter().filter(|&&v| v < 250).count()
        })
        .unwrap()
    };
    let (d, p) = (ink(&draft), ink(&print));
    assert_eq!(d.len(), p.len());
    for (i, (d, p)) in d.iter().zip(&p).enumerate() {
        assert!(
            d > p,
            "page {}: no watermark ({d} vs {p} inked pixels)",
            i + 1
        );
    }
    if !tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, pdf) in [("draft.pdf", &draft), ("print.pdf", &print)] {
        std::fs::write(dir.path().join(name), pdf).unwrap();
    }
    // `pdftotext -raw` keeps the rotated mark's characters in order; pages are split by
    // form feeds.
    let raw_pages = |pdf: &Path| -> Vec<String> {
        let out = Command::new("pdftotext")
            .arg("-raw")
            .arg(pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let mut pages: Vec<String> = text.split('\u{c}').map(squash).collect();
        pages.retain(|p| !p.is_empty());
        pages
    };
    let draft_pages = raw_pages(&dir.path().join("draft.pdf"));
    assert_eq!(draft_pages.len(), d.len());
    for (i, text) in draft_pages.iter().enumerate() {
        assert!(
            text.contains(&squash(mark)),
            "page {}: no mark in {text}",
            i + 1
        );
    }
    assert!(
        raw_pages(&dir.path().join("print.pdf"))
            .iter()
            .all(|t| !t.contains("校样"))
    );
    // The CLI's --draft stamps the current time: 校样 YYYY-MM-DD HH:MM.
    let out = dir.path().join("cli.pdf");
    let run = jianbao(&[&"build", &sample_issue(), &"-o", &out, &"--draft"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let pages = raw_pages(&out);
    let found = pages
        .iter()
        .filter(|text| {
            text.split("校样").nth(1).is_some_and(|rest| {
                let s: Vec<char> = rest.chars().take(15).collect();
                s.len() == 15
                    && s.iter().enumerate().all(|(i, c)| match i {
                        4 | 7 => *c == '-',
                        12 => *c == ':',
                        _ => c.is_ascii_digit(),
                    })
            })
        })
        .count();
    assert_eq!(
        found,
        d.len(),
        "校样 YYYY-MM-DD HH:MM on every page: {pages:?}"
    );
}

/// The position of a character in the laid-out issue: (page, box in mm from the page's
/// top-left corner), from Typst's frames — independent of the renderer and the compare.
fn char_box(issue: &Path, ch: char) -> (usize, [f64; 4]) {
    let prepared = pipeline::prepare(&BuildOptions {
        issue: issue.to_owned(),
        ..Default::default()
    })
    .unwrap();
    let laid = pipeline::lay_out(&prepared).unwrap();
    let mut found = Vec::new();
    for (i, page) in laid.document.pages().iter().enumerate() {
        let origin = Transform::translate(page.bleed.left, page.bleed.top);
        find_glyph(&page.frame, origin, ch, &mut |b| found.push((i + 1, b)));
    }
    assert_eq!(found.len(), 1, "{ch} should occur once: {found:?}");
    found[0]
}

fn find_glyph(frame: &Frame, ts: Transform, ch: char, hit: &mut impl FnMut([f64; 4])) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(g) => find_glyph(&g.frame, here.pre_concat(g.transform), ch, hit),
            FrameItem::Text(t) => {
                let mut x = Abs::zero();
                for g in &t.glyphs {
                    if t.text[g.range()].contains(ch) {
                        let x0 = x + g.x_offset.at(t.size);
                        let a = Point::new(x0, -t.size).transform(here);
                        let b = Point::new(x0 + t.size, t.size * 0.25).transform(here);
                        hit([a.x.to_mm(), a.y.to_mm(), b.x.to_mm(), b.y.to_mm()]);
                    }
                    x += g.x_advance.at(t.size);
                }
            }
            _ => {}
        }
    }
}

/// Parses the regions of a table row: `(x0, y0)–(x1, y1)` in mm.
fn regions_of(row: &str) -> Vec<[f64; 4]> {
    row.split('(')
        .skip(1)
        .map(|s| s.split(')').next().unwrap())
        .collect::<Vec<_>>()
        .chunks_exact(2)
        .map(|pair| {
            let a: Vec<f64> = pair[0]
                .split(',')
                .map(|v| v.trim().parse().unwrap())
                .collect();
            let b: Vec<f64> = pair[1]
                .split(',')
                .map(|v| v.trim().parse().unwrap())
                .collect();
            [a[0], a[1], b[0], b[1]]
        })
        .collect()
}

/// `compare --update --yes` (plus `extra`) writes the references; asserts exit 0.
fn update_references(issue: &Path, refs: &Path, extra: &[&str]) {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
        &"compare",
        &issue,
        &"--reference",
        &refs,
        &"--update",
        &"--yes",
    ];
    args.extend(extra.iter().map(|a| a as &dyn AsRef<std::ffi::OsStr>));
    let run = jianbao(&args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

/// `compare` against the references, diff images into `diffs`.
fn compare_to(issue: &Path, refs: &Path, diffs: &Path) -> Output {
    jianbao(&[&"compare", &issue, &"--reference", &refs, &"-o", &diffs])
}

fn overlaps(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// A reference made of some pages only: the pages between are not compared, and are
/// no difference; compare exits 0.
#[test]
fn pages_missing_from_a_partial_reference_are_not_differences() {
    let (dir, issue) = copy_sample();
    let refs = dir.path().join("refs");
    update_references(&issue, &refs, &[]);
    let names: Vec<std::path::PathBuf> = std::fs::read_dir(&refs)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.contains("-2.") || n.contains("-3.")
        })
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    for n in &names {
        std::fs::remove_file(n).unwrap();
    }
    let run = compare_to(&issue, &refs, &dir.path().join("diff"));
    let table = stdout(&run);
    assert_eq!(run.status.code(), Some(0), "{table}{}", stderr(&run));
    assert_eq!(table.matches("not compared").count(), 2, "{table}");
    assert!(!table.contains("NEW PAGE"), "{table}");
}

/// One character changed in article 2: compare exits 1, names the page, and the changed
/// region lies where the character is; the diff image marks it. Reverting: exit 0.
#[test]
fn one_changed_character_is_found_and_reverting_matches_again() {
    let (dir, issue) = copy_sample();
    let refs = dir.path().join("refs");
    update_references(&issue, &refs, &[]);

    // A character in the middle of article 2 becomes one the issue does not have.
    let article = dir.path().join("02-jianyi-banli.txt");
    let original = std::fs::read_to_string(&article).unwrap();
    let new_char = '鑫';
    assert!(!original.contains(new_char));
    let (at, old_char) = original
        .char_indices()
        .filter(|(_, c)| ('\u{4e00}'..='\u{9fff}').contains(c))
        .nth(600)
        .unwrap();
    let changed = format!(
        "{}{new_char}{}",
        &original[..at],
        &original[at + old_char.len_utf8()..]
    );
    std::fs::write(&article, &changed).unwrap();
    let (page, spot) = char_box(&issue, new_char);

    let diffs = dir.path().join("diff");
    let run = compare_to(&issue, &refs, &diffs);
    let table = stdout(&run);
    assert_eq!(run.status.code(), Some(1), "{table}{}", stderr(&run));
    let rows: Vec<&str> = table.lines().filter(|l| l.contains("CHANGED")).collect();
    assert_eq!(rows.len(), 1, "one page changed:\n{table}");
    assert!(
        rows[0].trim_start().starts_with(&format!("{page} ")),
        "page {page} named:\n{table}"
    );
    let regions = regions_of(rows[0]);
    assert_eq!(regions.len(), 1, "one region:\n{table}");
    assert!(
        overlaps(regions[0], spot),
        "the region {:?} is not where {new_char} is ({spot:?}):\n{table}",
        regions[0]
    );
    // No bigger than a couple of characters (16 pt ≈ 5.6 mm).
    let r = regions[0];
    assert!(
        r[2] - r[0] < 12.0 && r[3] - r[1] < 8.0,
        "region too big: {r:?}"
    );

    // The diff image marks the spot in colour and leaves the rest grey.
    let image = diffs.join(format!("page-{page}.diff.png"));
    assert!(table.contains(&image.display().to_string()), "{table}");
    let img = Raster::from_png(&std::fs::read(&image).unwrap(), 100.0).unwrap();
    let px = |mm: f64| (mm / 25.4 * 100.0) as u32;
    let coloured = |x: u32, y: u32| {
        let [r, g, b] = img.rgb_at(x, y);
        !(r == g && g == b)
    };
    let inside = (px(spot[1])..px(spot[3]))
        .flat_map(|y| (px(spot[0])..px(spot[2])).map(move |x| (x, y)))
        .filter(|&(x, y)| coloured(x, y))
        .count();
    assert!(inside > 20, "the spot has {inside} marked pixels");
    let total = (0..img.height)
        .flat_map(|y| (0..img.width).map(move |x| (x, y)))
        .filter(|&(x, y)| coloured(x, y))
        .count();
    // Marks and the box around them; nothing elsewhere on the page.
    let (bx, by) = (px(r[2] - r[0]) + 20, px(r[3] - r[1]) + 20);
    assert!(
        total <= (bx * by) as usize,
        "{total} coloured pixels, more than the region's box"
    );

    std::fs::write(&article, &original).unwrap();
    let run = compare_to(&issue, &refs, &diffs);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}{}",
        stdout(&run),
        stderr(&run)
    );
    assert!(!image.exists(), "the earlier diff image should be cleared");
}

/// A second render (another process, as on CI) gives exit 0, and anti-aliasing-like
/// noise stays below the default tolerance.
#[test]
fn rendering_twice_and_noise_are_not_differences() {
    let (dir, issue) = copy_sample();
    let refs = dir.path().join("refs");
    update_references(&issue, &refs, &[]);
    let run = compare_to(&issue, &refs, &dir.path().join("d"));
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}{}",
        stdout(&run),
        stderr(&run)
    );
    assert!(stdout(&run).contains("all match"), "{}", stdout(&run));

    // Noise: every pixel off by up to ±24 levels, plus 300 specks of three strongly
    // wrong pixels each. None of it is a change.
    let pdf = pdf_of(&issue, None);
    let clean = proof::render_pages(&pdf, 100.0, Some(&[3]), |_, r| r)
        .unwrap()
        .remove(0);
    let mut noisy = clean.clone();
    let mut seed = 12345u32;
    let mut rand = move || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        seed >> 16
    };
    for v in &mut noisy.data {
        let d = (rand() % 49) as i32 - 24;
        *v = (i32::from(*v) + d).clamp(0, 255) as u8;
    }
    for k in 0..300u32 {
        let (x, y) = (10 + (k % 15) * 53, 10 + (k / 15) * 57);
        for dx in 0..3 {
            let i = ((y * clean.width + x + dx) * 3) as usize;
            noisy.data[i..i + 3].copy_from_slice(&[
                255 - clean.data[i],
                0,
                255 - clean.data[i + 2],
            ]);
        }
    }
    let d = compare::pixel_diff(&clean, &noisy, &Tolerance::default());
    assert_eq!(d.changed, 0, "noise counted as changes: {:?}", d.regions);
    // The same page with one speck grown to a blot of 2 × 3 pixels is a change.
    for dx in 0..3 {
        let i = ((11 * clean.width + 10 + dx) * 3) as usize;
        noisy.data[i..i + 3].copy_from_slice(&[255 - clean.data[i], 0, 255 - clean.data[i + 2]]);
    }
    let d = compare::pixel_diff(&clean, &noisy, &Tolerance::default());
    assert_eq!(d.regions.len(), 1, "{:?}", d.regions);
}

#[test]
fn page_count_changes_are_differences_and_update_follows_them() {
    let (dir, issue) = copy_sample();
    let refs = dir.path().join("refs");
    update_references(&issue, &refs, &["--compact"]);
    let before = compare::reference_pages(&refs).unwrap();
    assert!(before.len() >= 3, "{before:?}");

    // Without article 2 the issue is shorter.
    let toml = std::fs::read_to_string(&issue).unwrap();
    let cut = toml
        .find("[[article]]\ncolumn")
        .expect("article 2 in the sample");
    let end = toml.find("[footer]").unwrap();
    std::fs::write(&issue, format!("{}{}", &toml[..cut], &toml[end..])).unwrap();
    let run = compare_to(&issue, &refs, &dir.path().join("d"));
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let table = stdout(&run);
    let gone = table.lines().filter(|l| l.contains("PAGE GONE")).count();
    assert!(gone >= 1, "{table}");

    // Without a terminal, --update needs --yes (exit 2); with it, the references follow.
    let run = jianbao(&[&"compare", &issue, &"--reference", &refs, &"--update"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("--yes"), "{}", stderr(&run));
    update_references(&issue, &refs, &[]);
    let after = compare::reference_pages(&refs).unwrap();
    assert_eq!(after.len(), before.len() - gone);
    // The references kept their compact format.
    let first = std::fs::read(refs.join("page-1.png")).unwrap();
    assert_eq!(
        proof::png_header(&first).unwrap().1,
        proof::PngFormat::Compact
    );
    let run = compare_to(&issue, &refs, &dir.path().join("d"));
    assert_eq!(run.status.code(), Some(0), "{}", stdout(&run));
}

#[test]
fn a_resized_page_is_a_difference() {
    let (dir, issue) = copy_sample();
    let refs = dir.path().join("refs");
    let pdf = pdf_of(&issue, None);
    // References at 100 dpi, compared at 90 dpi.
    compare::update_references(
        &compare::compare_pdf(&pdf, &refs, &CompareOptions::default()).unwrap(),
        proof::PngFormat::Exact,
    )
    .unwrap();
    let c = compare::compare_pdf(
        &pdf,
        &refs,
        &CompareOptions {
            dpi: Some(90.0),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        c.pages.iter().all(|p| matches!(
            p.outcome,
            Outcome::Resized {
                reference: (826, 1169),
                ..
            }
        )),
        "{:?}",
        c.pages.iter().map(|p| &p.outcome).collect::<Vec<_>>()
    );
}

#[test]
fn compare_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let diffs = dir.path().join("diff");
    let refs = dir.path().join("refs");
    std::fs::create_dir(&refs).unwrap();
    // No references at all: nothing rendered, nothing written.
    let run = compare_to(&sample_issue(), &refs, &diffs);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("--update"), "{}", stderr(&run));
    assert!(!diffs.exists());
    // A problem in the issue file is exit 2 here (1 means "pages differ").
    let (bad, issue) = write_issue(MINIMAL_TOML, &[]);
    std::fs::write(refs.join("page-1.png"), b"not a png").unwrap();
    let run = compare_to(&issue, &refs, &diffs);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("a.txt"), "{}", stderr(&run));
    drop(bad);
    // A reference that is not a PNG.
    let run = compare_to(&sample_issue(), &refs, &diffs);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("page-1.png"), "{}", stderr(&run));
}
