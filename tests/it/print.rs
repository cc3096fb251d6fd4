//! The print-ready PDF: page boxes with and without bleed and crop marks, the colour
//! scan, metadata, byte-identical output across directories, TZ and locale, PDF/A-2b,
//! text extraction order, the `[print]` profile and its command-line overrides.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;
use jianbao::output::{PrintOverrides, audit};
use lopdf::{Document, Object};
use sha2::{Digest, Sha256};

const MM: f64 = 72.0 / 25.4;
const A4: (f64, f64) = (210.0 * MM, 297.0 * MM);

fn bleed_and_marks() -> PrintOverrides {
    PrintOverrides {
        bleed: Some("3mm".into()),
        crop_marks: Some(true),
        pdfa: None,
        pdfx: None,
        output_intent: None,
    }
}

/// A page box of every page, [x0, y0, x1, y1], or None when the page has none.
fn boxes(pdf: &Path, key: &[u8]) -> Vec<Option<[f64; 4]>> {
    let doc = Document::load(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).unwrap();
            let v = page.get(key).ok()?;
            let a = doc.dereference(v).unwrap().1.as_array().unwrap();
            let n: Vec<f64> = a.iter().map(|o| o.as_float().unwrap() as f64).collect();
            Some([n[0], n[1], n[2], n[3]])
        })
        .collect()
}

fn assert_box(actual: Option<[f64; 4]>, want: [f64; 4], what: &str) {
    let a = actual.unwrap_or_else(|| panic!("no {what}"));
    for (x, y) in a.iter().zip(want) {
        assert!((x - y).abs() < 0.01, "{what}: {a:?}, want {want:?}");
    }
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn qpdf_check(pdf: &Path) {
    if !tool("qpdf") {
        return;
    }
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    // 0: no errors; 3: warnings only. Both would print "No syntax or stream encoding errors".
    assert_eq!(out.status.code(), Some(0), "qpdf --check:\n{report}");
    assert!(
        report.contains("No syntax or stream encoding errors found"),
        "{report}"
    );
}

// ── Page boxes ──────────────────────────────────────────────────────────────────

#[test]
fn without_options_the_media_is_exactly_the_trim() {
    let (_d, pdf) = build_to_temp(&sample_issue());
    for mb in boxes(&pdf, b"MediaBox") {
        assert_box(mb, [0.0, 0.0, A4.0, A4.1], "MediaBox");
    }
    assert!(boxes(&pdf, b"BleedBox").iter().all(Option::is_none));
    assert!(boxes(&pdf, b"TrimBox").iter().all(Option::is_none));
    qpdf_check(&pdf);
}

#[test]
fn bleed_enlarges_the_media_and_sets_trim_and_bleed_boxes() {
    let b = 3.0 * MM;
    let (_d, pdf) = build_print(
        &sample_issue(),
        PrintOverrides {
            bleed: Some("3mm".into()),
            ..Default::default()
        },
    );
    let (media, trim, bleed) = (
        boxes(&pdf, b"MediaBox"),
        boxes(&pdf, b"TrimBox"),
        boxes(&pdf, b"BleedBox"),
    );
    assert!(media.len() >= 4);
    for i in 0..media.len() {
        assert_box(
            media[i],
            [0.0, 0.0, A4.0 + 2.0 * b, A4.1 + 2.0 * b],
            "MediaBox",
        );
        assert_box(
            bleed[i],
            [0.0, 0.0, A4.0 + 2.0 * b, A4.1 + 2.0 * b],
            "BleedBox",
        );
        assert_box(trim[i], [b, b, A4.0 + b, A4.1 + b], "TrimBox");
    }
    qpdf_check(&pdf);
}

#[test]
fn crop_marks_enlarge_the_media_around_the_bleed() {
    let b = 3.0 * MM;
    // Marks from 1 mm outside the bleed, 5 mm long, 2 mm of paper beyond them.
    let m = (3.0 + 1.0 + 5.0 + 2.0) * MM;
    let (_d, pdf) = build_print(&sample_issue(), bleed_and_marks());
    let (media, trim, bleed) = (
        boxes(&pdf, b"MediaBox"),
        boxes(&pdf, b"TrimBox"),
        boxes(&pdf, b"BleedBox"),
    );
    for i in 0..media.len() {
        assert_box(
            media[i],
            [0.0, 0.0, A4.0 + 2.0 * m, A4.1 + 2.0 * m],
            "MediaBox",
        );
        assert_box(trim[i], [m, m, A4.0 + m, A4.1 + m], "TrimBox");
        assert_box(
            bleed[i],
            [m - b, m - b, A4.0 + m + b, A4.1 + m + b],
            "BleedBox",
        );
    }
    qpdf_check(&pdf);
    // Eight marks on every page, in registration colour, all outside the bleed box.
    let doc = Document::load(&pdf).unwrap();
    for (n, id) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(id)).unwrap();
        let ops = &content.operations;
        let at = ops
            .iter()
            .rposition(|o| o.operator == "CS")
            .unwrap_or_else(|| panic!("page {n}: no registration colour"));
        assert_eq!(
            ops[at].operands[0].as_name().unwrap(),
            b"JbRegistration",
            "page {n}"
        );
        let ends: Vec<(f64, f64)> = ops[at..]
            .iter()
            .filter(|o| o.operator == "m" || o.operator == "l")
            .map(|o| {
                (
                    o.operands[0].as_float().unwrap() as f64,
                    o.operands[1].as_float().unwrap() as f64,
                )
            })
            .collect();
        assert_eq!(ends.len(), 16, "page {n}: 8 marks");
        let bb = bleed[0].unwrap();
        for (x, y) in ends {
            assert!(
                x < bb[0] || x > bb[2] || y < bb[1] || y > bb[3],
                "page {n}: ({x}, {y}) inside the bleed"
            );
        }
    }
    if tool("pdfinfo") {
        let info = run(Command::new("pdfinfo").arg("-box").arg(&pdf));
        for key in ["MediaBox:", "TrimBox:", "BleedBox:"] {
            assert!(info.contains(key), "{info}");
        }
    }
}

#[test]
fn marks_without_bleed_start_three_mm_from_the_trim() {
    let m = (3.0 + 5.0 + 2.0) * MM;
    let (_d, pdf) = build_print(
        &sample_issue(),
        PrintOverrides {
            crop_marks: Some(true),
            ..Default::default()
        },
    );
    let (media, trim, bleed) = (
        boxes(&pdf, b"MediaBox"),
        boxes(&pdf, b"TrimBox"),
        boxes(&pdf, b"BleedBox"),
    );
    assert_box(
        media[0],
        [0.0, 0.0, A4.0 + 2.0 * m, A4.1 + 2.0 * m],
        "MediaBox",
    );
    assert_box(trim[0], [m, m, A4.0 + m, A4.1 + m], "TrimBox");
    assert_box(bleed[0], [m, m, A4.0 + m, A4.1 + m], "BleedBox");
    qpdf_check(&pdf);
}

// ── cjkcheck in print mode ─────────────────────────────────────────────────────

fn cjkcheck(pdf: &Path, expect: Option<&Path>) {
    let Some(script) = cjkcheck_script() else {
        return;
    };
    let mut cmd = Command::new("python3");
    cmd.arg(&script)
        .arg(pdf)
        .args(["--print", "--strict-red", "--a4"]);
    if let Some(e) = expect {
        cmd.arg("--expect").arg(e);
    }
    let out = cmd.output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success()
            && report
                .lines()
                .last()
                .unwrap_or("")
                .contains("all checks passed"),
        "cjkcheck {}:\n{report}\n{}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_issue_passes_cjkcheck_print_strict_red_a4_with_and_without_bleed_and_marks() {
    for issue in all_issues() {
        let expect = issue.with_file_name("expected.txt");
        let expect = expect.is_file().then_some(expect.as_path());
        let (_a, plain) = build_to_temp(&issue);
        cjkcheck(&plain, expect);
        let (_b, marked) = build_print(&issue, bleed_and_marks());
        cjkcheck(&marked, expect);
    }
}

// ── Colour ──────────────────────────────────────────────────────────────────────

/// The print file's colours: no problems, black text K only, the red pure CMYK.
fn assert_print_colours(pdf: &Path, red: &str) {
    let a = audit(&std::fs::read(pdf).unwrap()).unwrap();
    assert!(a.problems.is_empty(), "{:#?}", a.problems);
    assert!(
        !a.spaces.contains_key("ICCBased") && !a.spaces.contains_key("DeviceRGB"),
        "{:?}",
        a.spaces
    );
    let black = a.text.get("DeviceCMYK 0 0 0 1").copied().unwrap_or(0);
    assert!(black > 50, "black text is K only: {:?}", a.text);
    for colour in a.text.keys() {
        assert!(
            colour == "DeviceCMYK 0 0 0 1" || colour == red,
            "text in {colour}: {:?}",
            a.text
        );
    }
    assert!(
        a.text.contains_key(red),
        "the masthead in {red}: {:?}",
        a.text
    );
    assert!(
        a.paths.contains_key(red),
        "red rules in {red}: {:?}",
        a.paths
    );
}

#[test]
fn print_file_has_no_rgb_no_icc_and_k_only_black() {
    let (_a, plain) = build_to_temp(&sample_issue());
    assert_print_colours(&plain, "DeviceCMYK 0 1 1 0");
    let (_b, marked) = build_print(&sample_issue(), bleed_and_marks());
    assert_print_colours(&marked, "DeviceCMYK 0 1 1 0");
    let a = audit(&std::fs::read(&marked).unwrap()).unwrap();
    assert!(a.paths.contains_key("Separation /All 1"), "{:?}", a.paths);
}

#[test]
fn spot_red_from_the_print_profile_is_a_separation() {
    let src = sample_issue();
    let dir = tempfile::tempdir().unwrap();
    copy_issue_dir(src.parent().unwrap(), dir.path());
    let issue = dir.path().join("issue.toml");
    let text = std::fs::read_to_string(&issue).unwrap()
        + "\n[print]\nred = { spot = \"PANTONE 485 C\", cmyk = [0, 100, 100, 0] }\n";
    std::fs::write(&issue, text).unwrap();
    let (_d, pdf) = build_to_temp(&issue);
    assert_print_colours(&pdf, "Separation /PANTONE 485 C 1");
}

/// The shipped layouts (compiled into the binary from `layouts/`) with their black
/// made RGB.
fn rgb_layouts() -> tempfile::TempDir {
    let layouts = tempfile::tempdir().unwrap();
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts");
    for entry in std::fs::read_dir(shipped).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace("cmyk(0%, 0%, 0%, k)", "rgb(0%, 0%, 0%)");
        std::fs::write(layouts.path().join(path.file_name().unwrap()), text).unwrap();
    }
    layouts
}

#[test]
fn pages_in_rgb_are_not_proven_and_their_print_file_is_never_written() {
    use jianbao::pipeline;
    let layouts = rgb_layouts();
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("x.pdf");
    let opts = jianbao::BuildOptions {
        issue: sample_issue(),
        layout_dir: Some(layouts.path().to_owned()),
        ..Default::default()
    };
    let mut prepared = pipeline::prepare(&opts).unwrap();
    // The walk of the pages sees the RGB text the audit of the PDF would.
    let laid = pipeline::lay_out(&prepared).unwrap();
    let why = jianbao::output::unproven(&laid.document).expect("RGB text passed for print-safe");
    assert!(why.starts_with("page 1: text in Srgb"), "{why}");
    // A user's layouts are audited whatever the pages prove.
    assert!(pipeline::needs_audit(&prepared, None));
    let start = std::time::Instant::now();
    let err = pipeline::finish(&mut prepared, &pdf, start)
        .unwrap_err()
        .render(false);
    assert!(err.contains("colour check"), "{err}");
    assert!(!pdf.exists(), "the failed print file was written");
}

/// The proof stands in for the audit only where the two agree: every issue under
/// `issues/`, with and without bleed, crop marks and PDF/X, is proven from its pages
/// when it has no photos (and then not audited), and its PDF passes the audit all the
/// same; an issue with photos is audited.
#[test]
fn the_pages_prove_the_colours_of_every_issue_without_photos_and_the_audit_agrees() {
    use jianbao::pipeline;
    let profiles = [
        PrintOverrides::default(),
        bleed_and_marks(),
        PrintOverrides {
            pdfx: Some(true),
            bleed: Some("3mm".into()),
            ..Default::default()
        },
    ];
    let mut proven = 0;
    for issue in all_issues() {
        for print in &profiles {
            let opts = jianbao::BuildOptions {
                issue: issue.clone(),
                print: print.clone(),
                ..Default::default()
            };
            let mut prepared = pipeline::prepare(&opts).unwrap();
            let laid = pipeline::lay_out(&prepared).unwrap();
            let why = jianbao::output::unproven(&laid.document);
            let built = pipeline::render(&mut prepared).unwrap();
            let a = audit(&built.pdf).unwrap();
            assert!(
                a.problems.is_empty(),
                "{}: {:#?}",
                issue.display(),
                a.problems
            );
            if prepared.issue.photos.is_empty() {
                assert_eq!(why, None, "{}", issue.display());
                assert!(!built.audited, "{}: audited though proven", issue.display());
                proven += 1;
            } else {
                // Photos are placed images: never proven, always audited.
                assert!(
                    why.is_some_and(|w| w.contains("an image")),
                    "{}",
                    issue.display()
                );
                assert!(built.audited, "{}", issue.display());
            }
        }
    }
    assert!(proven >= 15, "{proven} builds proven");
}

#[test]
fn a_layout_in_rgb_fails_the_print_build() {
    let layouts = rgb_layouts();
    let out = tempfile::tempdir().unwrap();
    let err = jianbao::pipeline::build(&jianbao::pipeline::BuildOptions {
        issue: sample_issue(),
        output: Some(out.path().join("x.pdf")),
        layout_dir: Some(layouts.path().to_owned()),
        ..Default::default()
    })
    .unwrap_err()
    .render(false);
    assert!(
        err.contains("colour check") && err.contains("ICC-based"),
        "{err}"
    );
    assert!(!out.path().join("x.pdf").exists());
}

// ── Metadata and identical bytes ─────────────────────────────────────────────────

fn info_string(doc: &Document, key: &[u8]) -> String {
    let info = doc.trailer.get(b"Info").unwrap();
    let info = doc.dereference(info).unwrap().1.as_dict().unwrap();
    let raw = info.get(key).unwrap().as_str().unwrap();
    if raw.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = raw[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8_lossy(raw).into_owned()
    }
}

#[test]
fn metadata_title_language_author_subject_dates() {
    let (_d, pdf) = build_to_temp(&sample_issue());
    let doc = Document::load(&pdf).unwrap();
    assert_eq!(info_string(&doc, b"Title"), "联络动态 2018年第19期");
    assert_eq!(
        info_string(&doc, b"Author"),
        "湖南省人大常委会选举任免联络工作委员会"
    );
    assert!(info_string(&doc, b"Subject").starts_with("省人大常委会联工委荣获"));
    assert_eq!(info_string(&doc, b"CreationDate"), "D:20180704000000+08'00");
    assert_eq!(info_string(&doc, b"ModDate"), "D:20180704000000+08'00");
    let lang = doc
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(lang, b"zh-CN");
}

fn copy_issue_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.path()
            .extension()
            .is_some_and(|x| x == "txt" || x == "toml" || x == "md")
        {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs the binary in `cwd` with the given environment, building `issue` into `out`.
fn build_with_env(cwd: &Path, issue: &Path, out: &Path, extra: &[&str], env: &[(&str, &str)]) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jianbao"));
    cmd.current_dir(cwd)
        .arg("build")
        .arg(issue)
        .arg("-o")
        .arg(out)
        .args(extra);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(&mut cmd);
}

#[test]
fn same_input_same_bytes_in_another_directory_tz_and_locale() {
    let sample = sample_issue();
    let other = tempfile::tempdir().unwrap();
    copy_issue_dir(sample.parent().unwrap(), other.path());
    let outs = tempfile::tempdir().unwrap();
    for (name, extra) in [
        ("plain", &[][..]),
        ("marks", &["--bleed", "3mm", "--crop-marks"][..]),
        ("pdfa", &["--pdfa"][..]),
    ] {
        let one = outs.path().join(format!("{name}-1.pdf"));
        let two = outs.path().join(format!("{name}-2.pdf"));
        build_with_env(
            &repo(),
            &sample,
            &one,
            extra,
            &[("TZ", "UTC"), ("LANG", "C"), ("LC_ALL", "C")],
        );
        build_with_env(
            other.path(),
            Path::new("issue.toml"),
            &two,
            extra,
            &[
                ("TZ", "America/Los_Angeles"),
                ("LANG", "zh_CN.UTF-8"),
                ("LC_ALL", "zh_CN.UTF-8"),
                ("SOURCE_DATE_EPOCH", "1"),
            ],
        );
        let (a, b) = (sha256(&one), sha256(&two));
        eprintln!("{name}: {a}");
        assert_eq!(a, b, "{name}: two builds differ");
    }
}

// ── PDF/A ───────────────────────────────────────────────────────────────────────

#[test]
fn pdfa_has_its_identification_output_intent_and_no_device_colour() {
    let (_d, pdf) = build_print(
        &sample_issue(),
        PrintOverrides {
            pdfa: Some(true),
            bleed: Some("3mm".into()),
            crop_marks: Some(true),
            pdfx: None,
            output_intent: None,
        },
    );
    let doc = Document::load(&pdf).unwrap();
    let cat = doc.catalog().unwrap();
    // XMP: pdfaid part 2, conformance B.
    let meta = doc.dereference(cat.get(b"Metadata").unwrap()).unwrap().1;
    let xmp = String::from_utf8(meta.as_stream().unwrap().content.clone()).unwrap();
    let part = xmp.contains("<pdfaid:part>2</pdfaid:part>") || xmp.contains("pdfaid:part=\"2\"");
    let conf = xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>")
        || xmp.contains("pdfaid:conformance=\"B\"");
    assert!(part && conf, "{xmp}");
    // An output intent GTS_PDFA1 with an RGB ICC profile.
    let intents = doc
        .dereference(cat.get(b"OutputIntents").unwrap())
        .unwrap()
        .1;
    let intent = intents.as_array().unwrap()[0].clone();
    let intent = doc.dereference(&intent).unwrap().1.as_dict().unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
    let profile = doc
        .dereference(intent.get(b"DestOutputProfile").unwrap())
        .unwrap()
        .1
        .as_stream()
        .unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    // The archive is the trim size, without marks, and has no device colour.
    for mb in boxes(&pdf, b"MediaBox") {
        assert_box(mb, [0.0, 0.0, A4.0, A4.1], "MediaBox");
    }
    let a = audit(&std::fs::read(&pdf).unwrap()).unwrap();
    for s in ["DeviceCMYK", "Separation", "DeviceRGB"] {
        assert!(!a.spaces.contains_key(s), "{s} in PDF/A: {:?}", a.spaces);
    }
    assert!(
        a.text.keys().all(|k| k.starts_with("ICCBased")),
        "{:?}",
        a.text
    );
    qpdf_check(&pdf);
    if tool("pdftotext") {
        let text = squash(&pdftotext(&pdf));
        assert!(text.contains("联络动态") && text.contains("各市州、县市区人大常委会联工委"));
    }
}

// ── Text extraction ─────────────────────────────────────────────────────────────

#[test]
fn pdftotext_reading_order_page_numbers_apart() {
    let (_d, pdf) = build_print(&sample_issue(), bleed_and_marks());
    if !tool("pdftotext") {
        return;
    }
    let raw = pdftotext(&pdf);
    let pages: Vec<&str> = raw
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 4, "{} pages", pages.len());
    let mut body = String::new();
    for (i, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        let number = format!("—{}—", i + 1);
        // The page number is the page's last line, alone, and nowhere else.
        assert_eq!(squash(lines.last().unwrap()), number, "page {}", i + 1);
        for l in &lines[..lines.len() - 1] {
            assert!(!squash(l).contains(&number), "page {}: «{l}»", i + 1);
            body.push_str(l);
            body.push('\n');
        }
    }
    let text = squash(&body);
    // Masthead first, then the articles in order with every paragraph whole, footer last.
    let dir = repo().join("issues/lianluo-dongtai-2018-19");
    let mut at = text.find("联络动态").expect("masthead");
    assert_eq!(at, 0, "the masthead comes first");
    for file in ["01-fawu-yidengjiang.txt", "02-jianyi-banli.txt"] {
        let src = std::fs::read_to_string(dir.join(file)).unwrap();
        for para in src.lines().filter(|l| !l.is_empty()) {
            let p = squash(para);
            let found = text[at..]
                .find(&p)
                .unwrap_or_else(|| panic!("not whole or out of order: {para}"));
            at += found + p.len();
        }
    }
    let footer = text.find("送：全国人大常委会办公厅").expect("footer");
    assert!(footer >= at, "the footer comes after the articles");
}

#[test]
fn page_numbers_are_artifacts() {
    let (_d, pdf) = build_to_temp(&sample_issue());
    let doc = Document::load(&pdf).unwrap();
    for (n, id) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(id)).unwrap();
        let kinds: Vec<String> = content
            .operations
            .iter()
            .filter(|o| o.operator == "BDC")
            .filter_map(|o| match &o.operands[..] {
                [Object::Name(tag), Object::Dictionary(d)] if tag == b"Artifact" => d
                    .get(b"Type")
                    .ok()
                    .and_then(|t| t.as_name().ok())
                    .map(|t| String::from_utf8_lossy(t).into_owned()),
                _ => None,
            })
            .collect();
        assert!(
            kinds.iter().any(|k| k == "Pagination"),
            "page {n}: no pagination artifact in {kinds:?}"
        );
    }
}

// ── The [print] profile and the flags over it ────────────────────────────────────

fn issue_with_profile(profile: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_issue_dir(sample_issue().parent().unwrap(), dir.path());
    let issue = dir.path().join("issue.toml");
    let text = std::fs::read_to_string(&issue).unwrap();
    std::fs::write(&issue, format!("{text}\n[print]\n{profile}")).unwrap();
    (dir, issue)
}

#[test]
fn print_profile_sets_bleed_and_marks_and_flags_override_it() {
    let (dir, issue) = issue_with_profile("bleed = \"3mm\"\ncrop_marks = true\n");
    let m = (3.0 + 1.0 + 5.0 + 2.0) * MM;
    let from_file = dir.path().join("a.pdf");
    build_with_env(dir.path(), &issue, &from_file, &[], &[]);
    assert_box(
        boxes(&from_file, b"MediaBox")[0],
        [0.0, 0.0, A4.0 + 2.0 * m, A4.1 + 2.0 * m],
        "MediaBox from [print]",
    );
    let overridden = dir.path().join("b.pdf");
    build_with_env(
        dir.path(),
        &issue,
        &overridden,
        &["--no-crop-marks", "--bleed", "0"],
        &[],
    );
    assert_box(
        boxes(&overridden, b"MediaBox")[0],
        [0.0, 0.0, A4.0, A4.1],
        "MediaBox with --no-crop-marks --bleed 0",
    );
    assert!(boxes(&overridden, b"BleedBox")[0].is_none());
    // pdfa in the profile: the default output is ISSUE.pdfa.pdf; --no-pdfa overrides.
    let (dir, issue) = issue_with_profile("pdfa = true\n");
    run(Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("build")
        .arg(&issue));
    assert!(dir.path().join("issue.pdfa.pdf").is_file());
    run(Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", "--no-pdfa"])
        .arg(&issue));
    let print = std::fs::read(dir.path().join("issue.pdf")).unwrap();
    assert!(audit(&print).unwrap().problems.is_empty());
}

#[test]
fn a_bad_bleed_names_file_line_and_column() {
    let (_dir, issue) = issue_with_profile("bleed = \"3\"\n");
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("build")
        .arg(&issue)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines = std::fs::read_to_string(&issue).unwrap().lines().count();
    assert!(err.contains(&format!("issue.toml:{lines}:9")), "{err}");
    assert!(err.contains("print.bleed") && err.contains("3mm"), "{err}");

    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", "--bleed", "30mm"])
        .arg(sample_issue())
        .arg("-o")
        .arg(_dir.path().join("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--bleed 30mm"));
}

#[test]
fn help_lists_the_print_flags() {
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--bleed",
        "--crop-marks",
        "--no-crop-marks",
        "--pdfa",
        "--no-pdfa",
    ] {
        assert!(help.contains(flag), "{help}");
    }
    // Marks and bleed belong to the printer's file, not the archive.
    let both = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", "--pdfa", "--crop-marks", "x.toml"])
        .output()
        .unwrap();
    assert!(!both.status.success());
    assert!(String::from_utf8_lossy(&both.stderr).contains("cannot be used with"));
}
