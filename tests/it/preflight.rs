//! PDF/X for the printer (`build --pdfx`) read back, and `jianbao preflight` on our
//! files and on PDFs made here with what a press objects to.

use std::path::Path;
use std::process::Command;

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

use crate::common::*;

fn preflight(pdf: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("preflight")
        .arg(pdf)
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        o.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

fn pdfx() -> jianbao::output::PrintOverrides {
    jianbao::output::PrintOverrides {
        pdfx: Some(true),
        bleed: Some("3mm".into()),
        ..Default::default()
    }
}

/// The Info dictionary and the first output intent of a PDF/X file.
fn pdfx_keys(doc: &Document) -> (&Dictionary, &Dictionary) {
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let intents = doc
        .catalog()
        .unwrap()
        .get(b"OutputIntents")
        .unwrap()
        .as_array()
        .unwrap();
    let intent = doc
        .get_dictionary(intents[0].as_reference().unwrap())
        .unwrap();
    (info, intent)
}

#[test]
fn every_issue_builds_as_pdfx_1a_and_passes_preflight() {
    for issue in all_issues() {
        let (_t, pdf) = build_print(&issue, pdfx());
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-1.4"), "{}", issue.display());
        let doc = Document::load_mem(&bytes).unwrap();
        let (info, intent) = pdfx_keys(&doc);
        assert_eq!(
            info.get(b"GTS_PDFXVersion").unwrap().as_str().unwrap(),
            b"PDF/X-1a:2003"
        );
        assert_eq!(info.get(b"Trapped").unwrap().as_name().unwrap(), b"False");
        assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFX");
        assert_eq!(
            intent
                .get(b"OutputConditionIdentifier")
                .unwrap()
                .as_str()
                .unwrap(),
            b"FOGRA39"
        );
        for (n, page) in doc.get_pages() {
            let p = doc.get_dictionary(page).unwrap();
            assert!(p.has(b"TrimBox") && p.has(b"BleedBox"), "page {n}");
        }
        // The XMP says the same.
        let xmp = String::from_utf8_lossy(&bytes);
        assert!(xmp.contains("<pdfxid:GTS_PDFXVersion>PDF/X-1a:2003</pdfxid:GTS_PDFXVersion>"));
        let (code, out) = preflight(&pdf, &["--size", "A4"]);
        assert_eq!(code, Some(0), "{}: {out}", issue.display());
        // Byte-identical for the same input.
        let (_u, again) = build_print(&issue, pdfx());
        assert_eq!(bytes, std::fs::read(again).unwrap(), "{}", issue.display());
    }
    if tool("pdfinfo") {
        let (_t, pdf) = build_print(&sample_issue(), pdfx());
        let o = Command::new("pdfinfo")
            .arg("-box")
            .arg(&pdf)
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&o.stdout);
        assert!(info.contains("PDF version:     1.4"), "{info}");
        assert!(
            info.contains("TrimBox:             8.50     8.50   603.78   850.39"),
            "{info}"
        );
    }
}

/// A one-page A4 PDF with the given content stream and fonts (not embedded).
fn pdf_with(content: &str, dir: &Path, name: &str) -> std::path::PathBuf {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = content.contains("Tf").then(|| {
        doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
        })
    });
    let stream = doc.add_object(Stream::new(Dictionary::new(), content.as_bytes().to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), Object::Real(595.28), Object::Real(841.89)],
        "Contents" => stream,
        "Resources" => match font {
            Some(f) => dictionary! { "Font" => dictionary! { "F1" => f } },
            None => Dictionary::new(),
        },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page.into()],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let path = dir.join(name);
    doc.save(&path).unwrap();
    path
}

#[test]
fn preflight_names_rgb_text_an_unembedded_font_a_hairline_and_too_much_ink() {
    let dir = tempfile::tempdir().unwrap();
    let rgb = pdf_with(
        "BT /F1 12 Tf 0 0 0 rg 72 700 Td (Hello) Tj ET",
        dir.path(),
        "rgb.pdf",
    );
    let (code, out) = preflight(&rgb, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("Helvetica is not embedded"), "{out}");
    assert!(out.contains("text in RGB"), "{out}");
    assert!(out.contains("fonts") && out.contains("colour"), "{out}");

    let thin = pdf_with("0.1 w 0 0 0 1 K 72 72 m 500 72 l S", dir.path(), "thin.pdf");
    let (code, out) = preflight(&thin, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("a rule 0.10 pt wide"), "{out}");
    // A rule's width as drawn, through the page's scaling (QA13 C 01): 2 units on a page
    // drawn at 0.1, as Ghostscript writes pages, is 0.2 pt; 0.1 units at 10 is 1 pt.
    let scaled = pdf_with(
        "0.1 0 0 0.1 0 0 cm 2 w 0 0 0 1 K 720 720 m 5000 720 l S",
        dir.path(),
        "scaled.pdf",
    );
    let (_, out) = preflight(&scaled, &[]);
    assert!(out.contains("a rule 0.20 pt wide"), "{out}");
    let wide = pdf_with(
        "10 0 0 10 0 0 cm 0.1 w 0 0 0 1 K 7.2 7.2 m 50 7.2 l S",
        dir.path(),
        "wide.pdf",
    );
    let (code, out) = preflight(&wide, &[]);
    assert_eq!(code, Some(0), "{out}");

    let heavy = pdf_with("1 1 1 0.2 k 72 72 200 200 re f", dir.path(), "ink.pdf");
    let (code, out) = preflight(&heavy, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("320 % ink"), "{out}");
    // Under a higher limit it passes; the wrong size is named.
    let (code, out) = preflight(&heavy, &["--max-ink", "330", "--size", "A3"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("not 297 × 420 mm") && !out.contains("% ink"),
        "{out}"
    );
    let (code, out) = preflight(&heavy, &["--max-ink", "330", "--size", "A4", "--json"]);
    assert_eq!(code, Some(0), "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["findings"], serde_json::json!([]));
    assert_eq!(
        json["ink"][0]["percent"].as_f64().map(f64::round),
        Some(320.0)
    );

    let junk = dir.path().join("junk.pdf");
    std::fs::write(&junk, "not a pdf").unwrap();
    let (code, out) = preflight(&junk, &[]);
    assert_eq!(code, Some(2));
    assert!(
        out.contains("not a PDF") && !out.contains("internal"),
        "{out}"
    );
    // A Word file given by mistake is named as one, not «internal error» (QA12 C 07);
    // a PDF cut short is said to be damaged.
    let word = dir.path().join("a.docx");
    std::fs::write(&word, b"PK\x03\x04rest of a zip").unwrap();
    let (code, out) = preflight(&word, &[]);
    assert_eq!(code, Some(2));
    assert!(
        out.contains("a Word (.docx)") && !out.contains("internal"),
        "{out}"
    );
    let cut = dir.path().join("cut.pdf");
    let whole = std::fs::read(&heavy).unwrap();
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let (code, out) = preflight(&cut, &[]);
    assert_eq!(code, Some(2));
    assert!(
        out.contains("damaged or cut short") && !out.contains("internal"),
        "{out}"
    );
}

/// One of ghostscript's ICC profiles (`default_cmyk.icc`, `default_rgb.icc`): real
/// profiles on any machine with ghostscript (CI installs it), not shipped by us.
fn ghostscript_profile(name: &str) -> Option<std::path::PathBuf> {
    let found = std::fs::read_dir("/usr/share/ghostscript")
        .ok()?
        .flatten()
        .map(|e| e.path().join("iccprofiles").join(name))
        .find(|p| p.is_file());
    assert!(
        found.is_some() || std::env::var("CI").is_err(),
        "ghostscript's {name} is required in CI (.ci/run installs ghostscript)"
    );
    found
}

#[test]
fn pdfx_4_needs_a_cmyk_press_profile_and_unknown_levels_are_refused_at_their_line() {
    let build = |extra: &str, files: &[(&str, &[u8])]| {
        let toml = MINIMAL_TOML.to_owned() + "\n[print]\n" + extra;
        let (d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
        for (name, bytes) in files {
            std::fs::write(d.path().join(name), bytes).unwrap();
        }
        let out = d.path().join("x.pdf");
        let r = jianbao::pipeline::build(&jianbao::pipeline::BuildOptions {
            issue,
            output: Some(out.clone()),
            ..Default::default()
        });
        (d, out, r)
    };
    let (_d, _, r) = build("pdfx = \"x-4\"\n", &[]);
    let e = r.unwrap_err().render(false);
    assert!(
        e.contains("output_profile") && e.contains("issue.toml:"),
        "{e}"
    );
    let (_d, _, r) = build("pdfx = \"x-9\"\n", &[]);
    let e = r.unwrap_err().render(false);
    assert!(
        e.contains("not a PDF/X level") && e.contains("issue.toml:"),
        "{e}"
    );
    let (_d, _, r) = build(
        "pdfx = \"x-4\"\noutput_profile = \"x.icc\"\n",
        &[("x.icc", b"not a profile")],
    );
    let e = r.unwrap_err().render(false);
    assert!(e.contains("not an ICC profile"), "{e}");

    let (Some(cmyk), Some(rgb)) = (
        ghostscript_profile("default_cmyk.icc"),
        ghostscript_profile("default_rgb.icc"),
    ) else {
        return;
    };
    let rgb = std::fs::read(rgb).unwrap();
    let (_d, _, r) = build(
        "pdfx = \"x-4\"\noutput_profile = \"screen.icc\"\n",
        &[("screen.icc", &rgb)],
    );
    let e = r.unwrap_err().render(false);
    assert!(e.contains("not a press (output) profile of CMYK"), "{e}");

    let icc = std::fs::read(cmyk).unwrap();
    let (_d, out, r) = build(
        "pdfx = \"x-4\"\noutput_profile = \"press.icc\"\nbleed = \"3mm\"\n",
        &[("press.icc", &icc)],
    );
    r.unwrap_or_else(|e| panic!("{}", e.render(false)));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.6"));
    let doc = Document::load_mem(&bytes).unwrap();
    let (info, intent) = pdfx_keys(&doc);
    assert_eq!(
        info.get(b"GTS_PDFXVersion").unwrap().as_str().unwrap(),
        b"PDF/X-4"
    );
    assert_eq!(
        intent
            .get(b"OutputConditionIdentifier")
            .unwrap()
            .as_str()
            .unwrap(),
        b"press"
    );
    let profile = doc
        .get_object(
            intent
                .get(b"DestOutputProfile")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap()
        .as_stream()
        .unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 4);
    assert_eq!(
        profile.decompressed_content().unwrap(),
        icc,
        "the profile, embedded whole"
    );
    assert!(
        String::from_utf8_lossy(&bytes)
            .contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>")
    );
    let (code, report) = preflight(&out, &["--size", "A4"]);
    assert_eq!(code, Some(0), "{report}");
}

/// The heaviest C + M + Y + K of each page as ghostscript rasterises it (`pamcmyk32`,
/// 50 dpi), in per cent: an independent reading of the ink preflight computes from
/// the content streams.
fn ghostscript_ink(pdf: &Path) -> Vec<f64> {
    let dir = tempfile::tempdir().unwrap();
    let pattern = dir.path().join("p-%03d.pam");
    let o = Command::new("gs")
        .args([
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=pamcmyk32",
            "-r50",
        ])
        .arg(format!("-sOutputFile={}", pattern.display()))
        .arg(pdf)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    pages.sort();
    pages
        .iter()
        .map(|p| {
            let b = std::fs::read(p).unwrap();
            let start = b.windows(7).position(|w| w == b"ENDHDR\n").unwrap() + 7;
            let max = b[start..]
                .chunks_exact(4)
                .map(|px| px.iter().map(|&v| u32::from(v)).sum::<u32>())
                .max()
                .unwrap_or(0);
            f64::from(max) / 255.0 * 100.0
        })
        .collect()
}

/// `preflight --json` on a PDF that must pass: the list under `key`.
fn clean_json_list(pdf: &Path, key: &str) -> Vec<serde_json::Value> {
    let (code, out) = preflight(pdf, &["--json"]);
    assert_eq!(code, Some(0), "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    json[key].as_array().unwrap().clone()
}

#[test]
fn preflight_ink_agrees_with_ghostscript_and_black_overprints_in_pdfx() {
    if !tool("gs") {
        return;
    }
    let (_t, pdf) = build_print(&sample_issue(), pdfx());
    let ours: Vec<f64> = clean_json_list(&pdf, "ink")
        .iter()
        .map(|p| p["percent"].as_f64().unwrap())
        .collect();
    let theirs = ghostscript_ink(&pdf);
    assert_eq!(ours.len(), theirs.len(), "{ours:?} vs {theirs:?}");
    for (page, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        assert!(
            (a - b).abs() <= 1.0,
            "page {}: preflight {a} %, ghostscript {b} %",
            page + 1
        );
    }
    // Page 1 has the red masthead (M + Y), the others black only.
    assert!((ours[0] - 200.0).abs() < 0.5 && ours[1..].iter().all(|p| (p - 100.0).abs() < 0.5));

    // Black overprints: every page sets an overprint state after its black, and the
    // states say op/OP with OPM 1; red never overprints.
    let doc = Document::load(&pdf).unwrap();
    for (n, page) in doc.get_pages() {
        let content = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
        let ops = lopdf::content::Content::decode(content.as_bytes()).unwrap();
        let mut after_black = false;
        let mut saw = false;
        for w in ops.operations.windows(2) {
            let nums: Vec<f64> = w[0]
                .operands
                .iter()
                .filter_map(|o| o.as_float().ok())
                .map(f64::from)
                .collect();
            if w[0].operator == "k" && nums == [0.0, 0.0, 0.0, 1.0] && w[1].operator == "gs" {
                after_black = true;
                saw = true;
                let name = w[1].operands[0].as_name().unwrap();
                assert!(
                    name.starts_with(b"JbOp1"),
                    "page {n}: black fill sets fill overprint"
                );
            }
            if w[0].operator == "k" && nums == [0.0, 1.0, 1.0, 0.0] {
                assert!(
                    !(w[1].operator == "gs"
                        && w[1].operands[0].as_name().unwrap().starts_with(b"JbOp1")),
                    "page {n}: red must not overprint"
                );
            }
        }
        assert!(
            saw && after_black,
            "page {n}: no overprint state after black"
        );
    }
    let states: Vec<&Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"ExtGState".as_slice()))
        .collect();
    assert_eq!(states.len(), 4);
    assert!(
        states
            .iter()
            .all(|d| d.get(b"OPM").unwrap().as_i64().unwrap() == 1)
    );
    assert!(
        states
            .iter()
            .any(|d| d.get(b"op").unwrap().as_bool().unwrap())
    );

    // Without PDF/X, or with `overprint = false`, nothing overprints.
    let (_t, plain) = build_print(&sample_issue(), jianbao::output::PrintOverrides::default());
    assert!(!String::from_utf8_lossy(&std::fs::read(&plain).unwrap()).contains("ExtGState"));
}

#[test]
fn preflight_names_a_low_resolution_image_and_the_ink_of_its_pixels() {
    // A 10 × 10 px CMYK image of 100/100/100/23.5 % (324 % ink), placed 1 inch wide:
    // 10 ppi.
    let dir = tempfile::tempdir().unwrap();
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let samples: Vec<u8> = [255u8, 255, 255, 60].repeat(100);
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 10,
            "Height" => 10,
            "ColorSpace" => "DeviceCMYK",
            "BitsPerComponent" => 8,
        },
        samples,
    ));
    let content = b"q 72 0 0 72 100 100 cm /Im1 Do Q".to_vec();
    let stream = doc.add_object(Stream::new(Dictionary::new(), content));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), Object::Real(595.28), Object::Real(841.89)],
        "Contents" => stream,
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let path = dir.path().join("image.pdf");
    doc.save(&path).unwrap();

    let (code, out) = preflight(&path, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("10×10 px placed at 25×25 mm: 10 ppi, under 150"),
        "{out}"
    );
    assert!(out.contains("324 % ink"), "{out}");
    let (_, json) = preflight(&path, &["--json", "--min-ppi", "5", "--max-ink", "330"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["findings"], serde_json::json!([]));
    assert_eq!(
        json["images"][0]["ppi"].as_f64().map(f64::round),
        Some(10.0)
    );
    assert_eq!(
        json["ink"][0]["percent"].as_f64().map(f64::round),
        Some(324.0)
    );
}

#[test]
fn preflight_reads_our_photos_resolution_as_pdfimages_does() {
    if !tool("pdfimages") {
        return;
    }
    let issue = repo().join("issues/gongzuo-tongxun-2026-09/issue.toml");
    let (_t, pdf) = build_print(&issue, pdfx());
    let ours: Vec<i64> = clean_json_list(&pdf, "images")
        .iter()
        .map(|i| i["ppi"].as_f64().unwrap().round() as i64)
        .collect();
    let list = Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .unwrap();
    let theirs: Vec<i64> = String::from_utf8_lossy(&list.stdout)
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().nth(12).unwrap().parse().unwrap())
        .collect();
    assert_eq!(ours.len(), 2);
    assert_eq!(ours, theirs);
    // Under a higher floor both photos are named, with their page and object.
    let (code, out) = preflight(&pdf, &["--min-ppi", "400"]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(out.matches("under 400").count(), 2, "{out}");
}
