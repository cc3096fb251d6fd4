//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn sample_issue() -> PathBuf {
    repo().join("issues/lianluo-dongtai-2018-19/issue.toml")
}

/// Whether an external tool is on PATH. In CI (CI=true) a missing tool is a failure,
/// elsewhere the test says loudly that it skipped the check.
pub(crate) fn tool(name: &str) -> bool {
    let ok = Command::new(name).arg("-v").output().is_ok();
    if !ok {
        assert!(
            std::env::var("CI").is_err(),
            "{name} is required in CI (.ci/run installs it)"
        );
        eprintln!("SKIPPED: {name} is not installed; install poppler-utils/qpdf to run this check");
    }
    ok
}

/// The text of a PDF as pdftotext gives it (reading order, -layout off).
pub(crate) fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

/// The PDF's text without the page-number lines (`— 2 —`), which sit between the
/// lines of a paragraph that runs over a page break.
pub(crate) fn body_text(pdf: &Path) -> String {
    pdftotext(pdf)
        .lines()
        .filter(|l| {
            let t = l.trim().trim_matches('—').trim();
            !(l.trim().starts_with('—') && !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Removes all whitespace (CJK text extraction inserts line breaks anywhere).
pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Builds an issue into a temp dir and returns the PDF path (and keeps the dir alive).
pub(crate) fn build_to_temp(issue: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.pdf");
    jianbao::pipeline::build(&jianbao::pipeline::BuildOptions {
        issue: issue.to_owned(),
        output: Some(out.clone()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("build failed: {}", e.render(false)));
    (dir, out)
}

/// Writes an issue with the given articles (name, text) into a temp dir. A file named
/// by several [[article]]s (`file = "a.txt"` again, as tests of many articles write
/// them) is given to each as a copy of its own (`a-2.txt`, …): one file under two
/// articles is refused.
pub(crate) fn write_issue(toml: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut toml = toml.to_owned();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
        let key = format!("file = \"{name}\"");
        let mut k = 1;
        while toml.matches(&key).count() > 1 {
            k += 1;
            let copy = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}-{k}.{ext}"),
                None => format!("{name}-{k}"),
            };
            let at = toml.rfind(&key).unwrap();
            toml.replace_range(at..at + key.len(), &format!("file = \"{copy}\""));
            std::fs::write(dir.path().join(&copy), text).unwrap();
        }
    }
    let path = dir.path().join("issue.toml");
    std::fs::write(&path, toml).unwrap();
    (dir, path)
}

pub(crate) const MINIMAL_TOML: &str = r#"
[bulletin]
title = "测试简报"
pinyin = "CESHI JIANBAO"
unit = "测试单位编"

[issue]
number = 1
total = 10
date = 2026-01-05

[[article]]
title = "测试标题"
byline = "测试处 供稿"
file = "a.txt"
"#;

/// Builds an issue once for each text length `n` of `lengths` (its files as `files(n)`
/// makes them), hands each build's text to `each`, and returns the lengths at which
/// `a` and `b` print on different pages: what a keep-together rule is tested with.
pub(crate) fn lengths_parting(
    toml: &str,
    lengths: std::ops::RangeInclusive<usize>,
    files: impl Fn(usize) -> Vec<(&'static str, String)>,
    (a, b): (&str, &str),
    each: impl Fn(&str),
) -> Vec<usize> {
    let mut apart = Vec::new();
    for n in lengths {
        let files = files(n);
        let files: Vec<(&str, &str)> = files.iter().map(|(f, t)| (*f, t.as_str())).collect();
        let (_d, issue) = write_issue(toml, &files);
        let (_t, pdf) = build_to_temp(&issue);
        let text = pdftotext(&pdf);
        each(&text);
        let page_of = |s: &str| text.split('\u{c}').position(|p| p.contains(s));
        if page_of(a) != page_of(b) {
            apart.push(n);
        }
    }
    apart
}

/// [`lengths_parting`] for a `.md` article of `n` paragraphs `para` and then `tail`, the
/// blocks to keep together.
pub(crate) fn md_tail_parting(
    para: &str,
    tail: &str,
    lengths: std::ops::RangeInclusive<usize>,
    pair: (&str, &str),
    each: impl Fn(&str),
) -> Vec<usize> {
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    lengths_parting(
        &toml,
        lengths,
        |n| vec![("a.md", format!("{}{tail}", format!("{para}\n\n").repeat(n)))],
        pair,
        each,
    )
}

/// Builds an issue with print overrides into a temp dir and returns the PDF path.
pub(crate) fn build_print(
    issue: &Path,
    print: jianbao::output::PrintOverrides,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.pdf");
    jianbao::pipeline::build(&jianbao::pipeline::BuildOptions {
        issue: issue.to_owned(),
        output: Some(out.clone()),
        print,
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("build failed: {}", e.render(false)));
    (dir, out)
}

/// `../shared/cjkcheck/cjkcheck.py` when it and PyMuPDF are there (required in CI).
pub(crate) fn cjkcheck_script() -> Option<PathBuf> {
    let path = repo().join("../shared/cjkcheck/cjkcheck.py");
    let has_pymupdf = Command::new("python3")
        .args(["-c", "import pymupdf"])
        .status()
        .is_ok_and(|s| s.success());
    if path.is_file() && has_pymupdf {
        return Some(path);
    }
    assert!(
        std::env::var("CI").is_err(),
        "cjkcheck and PyMuPDF are required in CI"
    );
    eprintln!("SKIPPED: ../shared/cjkcheck/cjkcheck.py or PyMuPDF is not available");
    None
}

/// Every issue under `issues/`, in order.
pub(crate) fn all_issues() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo().join("issues"))
        .unwrap()
        .flatten()
        .map(|e| e.path().join("issue.toml"))
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

/// Runs the jianbao binary with these arguments (colours off).
pub(crate) fn jianbao_cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Runs `jianbao build ISSUE -o OUT`.
pub(crate) fn build_cli(issue: &Path, out: &Path) -> std::process::Output {
    jianbao_cli(&[
        "build",
        issue.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
}

/// Builds an issue into a temp dir: the PDF and the build's report.
pub(crate) fn build_reported(
    issue: &Path,
) -> (tempfile::TempDir, PathBuf, jianbao::pipeline::BuildReport) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.pdf");
    let report = jianbao::pipeline::build(&jianbao::pipeline::BuildOptions {
        issue: issue.to_owned(),
        output: Some(out.clone()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("build failed: {}", e.render(false)));
    (dir, out, report)
}

/// The first of a build's warnings that holds `text`; a panic that lists them all when
/// none does.
pub(crate) fn warning<'a>(report: &'a jianbao::pipeline::BuildReport, text: &str) -> &'a str {
    report
        .warnings
        .iter()
        .find(|w| w.contains(text))
        .unwrap_or_else(|| panic!("no warning holds «{text}»: {:?}", report.warnings))
}

/// A JPEG of `w`×`h` pixels in colour (a gradient).
pub(crate) fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 160])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

/// One check of the independent checker (`--strict-punct --print --a4`) on a PDF: its
/// status (`PASS`, `FAIL`, …) and its JSON, or `None` where the checker cannot run
/// (never in CI).
pub(crate) fn cjkcheck_one(pdf: &Path, check: u64) -> Option<(String, serde_json::Value)> {
    let script = cjkcheck_script()?;
    let out = Command::new("python3")
        .arg(&script)
        .arg(pdf)
        .args(["--strict-punct", "--print", "--a4", "--json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let found = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == check)
        .unwrap_or_else(|| panic!("no check {check}: {report}"))
        .clone();
    Some((found["status"].as_str().unwrap().to_owned(), found))
}

/// The text of each line as set (glyphs on one baseline, left to right), page after page:
/// pdftotext parts a line where a box begins.
pub(crate) fn pymupdf_lines(pdf: &Path) -> Vec<String> {
    let script = "import sys, pymupdf\n\
        for page in pymupdf.open(sys.argv[1]):\n\
        \x20 lines = {}\n\
        \x20 for b in page.get_text('rawdict')['blocks']:\n\
        \x20   for l in b.get('lines', []):\n\
        \x20     for s in l['spans']:\n\
        \x20       for c in s['chars']:\n\
        \x20         lines.setdefault(round(c['origin'][1]), []).append((c['origin'][0], c['c']))\n\
        \x20 for y in sorted(lines):\n\
        \x20   print(''.join(c for _, c in sorted(lines[y])).strip())";
    python_stdout(&["-c".as_ref(), script.as_ref(), pdf.as_os_str()])
        .lines()
        .map(str::to_owned)
        .collect()
}

/// What `python3 ARGS` prints; it must succeed.
pub(crate) fn python_stdout(args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new("python3").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The numbers a PyMuPDF script prints about a PDF (given as `sys.argv[1]`), one a line.
pub(crate) fn pymupdf_numbers(pdf: &Path, script: &str) -> Vec<f64> {
    let out = Command::new("python3")
        .args(["-c", &format!("import sys, pymupdf\n{script}")])
        .arg(pdf)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(|x| {
            x.parse()
                .unwrap_or_else(|_| panic!("{x}: {}", String::from_utf8_lossy(&out.stderr)))
        })
        .collect()
}

/// A Word fixture (tests/fixtures/docx/NAME) with its document.xml edited.
pub(crate) fn docx_edited(name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let fixture = repo().join("tests/fixtures/docx").join(name);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(fixture).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        if name == "word/document.xml" {
            bytes = edit(&String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}
