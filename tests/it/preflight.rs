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

fn pdfx() -> jianbao::print::PrintOverrides {
    jianbao::print::PrintOverrides {
        pdfx: Some(true),
        bleed: Some("3mm".into()),
        ..Default::default()
    }
}

#[test]
fn every_issue_builds_as_pdfx_1a_and_passes_preflight() {
    for issue in all_issues() {
        let (_t, pdf) = build_print(&issue, pdfx());
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-1.4"), "{}", issue.display());
        let doc = Document::load_mem(&bytes).unwrap();
        let info = doc
            .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
            .unwrap();
        assert_eq!(
            info.get(b"GTS_PDFXVersion").unwrap().as_str().unwrap(),
            b"PDF/X-1a:2003"
        );
        assert_eq!(info.get(b"Trapped").unwrap().as_name().unwrap(), b"False");
        let intents = doc
            .catalog()
            .unwrap()
            .get(b"OutputIntents")
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        let intent = doc
            .get_dictionary(intents[0].as_reference().unwrap())
            .unwrap();
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
    assert_eq!(out.trim(), "[]");

    let junk = dir.path().join("junk.pdf");
    std::fs::write(&junk, "not a pdf").unwrap();
    assert_eq!(preflight(&junk, &[]).0, Some(2));
}

#[test]
fn pdfx_4_and_unknown_levels_are_refused_at_their_line() {
    let toml = MINIMAL_TOML.to_owned() + "\n[print]\npdfx = \"x-4\"\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let e = jianbao::pipeline::build(&jianbao::pipeline::BuildOptions {
        issue,
        ..Default::default()
    })
    .unwrap_err()
    .render(false);
    assert!(
        e.contains("not built yet") && e.contains("issue.toml:"),
        "{e}"
    );
}
