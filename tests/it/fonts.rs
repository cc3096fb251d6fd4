//! Fonts: the shipped files and their index, roles and sizes, the coverage check
//! before layout, the fallback report, and the user's own fonts.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;
use jianbao::pipeline::{self, BuildOptions, BuildReport};
use jianbao::typeset::fonts::{self, FontOptions, FontSet, Origin};

fn shipped() -> PathBuf {
    repo().join("fonts")
}

fn fixture_fonts() -> PathBuf {
    repo().join("tests/fixtures/fonts")
}

/// Runs the binary; returns (exit code, stdout, stderr).
fn jianbao(args: &[&dyn AsRef<std::ffi::OsStr>]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn build(issue: &Path, out: &Path, font_dirs: Vec<PathBuf>) -> jianbao::Result<BuildReport> {
    pipeline::build(&BuildOptions {
        issue: issue.to_owned(),
        output: Some(out.to_owned()),
        font_dirs,
        ..Default::default()
    })
}

/// No PDF of any name in the directory.
fn assert_no_pdf(dir: &Path) {
    let pdfs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.ends_with(".pdf") || n.ends_with(".tmp")
        })
        .collect();
    assert!(pdfs.is_empty(), "something was written: {pdfs:?}");
}

/// What the check before layout found for one role.
fn role<'a>(report: &'a BuildReport, name: &str) -> &'a jianbao::typeset::fontcheck::RoleCoverage {
    report
        .coverage
        .roles
        .iter()
        .find(|r| r.role == name)
        .unwrap_or_else(|| panic!("no role {name}"))
}

/// With poppler at hand: the PDF embeds a font whose name contains `font`, and its
/// text holds `text` (whitespace ignored).
fn assert_pdf_has(pdf: &Path, font: &str, text: Option<&str>) {
    if tool("pdffonts") {
        let table =
            String::from_utf8(Command::new("pdffonts").arg(pdf).output().unwrap().stdout).unwrap();
        assert!(table.contains(font), "{table}");
    }
    if let Some(text) = text.filter(|_| tool("pdftotext")) {
        assert!(squash(&pdftotext(pdf)).contains(&squash(text)));
    }
}

/// The 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

// ---------------------------------------------------------------- shipped files

#[test]
fn manifest_sha256_matches_the_files() {
    let entries = fonts::read_manifest(&shipped()).unwrap();
    assert_eq!(entries.len(), 10);
    for e in entries {
        let bytes = std::fs::read(shipped().join(&e.file)).unwrap();
        let sha = fonts::sha256_hex(&bytes);
        assert_eq!(
            sha, e.sha256,
            "{}: sha256 differs from manifest.toml",
            e.file
        );
        assert!(
            shipped().join(&e.licence_file).is_file(),
            "{}: licence file {} missing",
            e.file,
            e.licence_file
        );
    }
}

#[test]
fn index_is_fresh_and_agrees_with_the_manifest() {
    let stale =
        "fonts/index.rs is stale: run `cargo run -- fonts --write-index`, rebuild, and commit it";
    let fresh = fonts::compute_index(&shipped()).unwrap();
    let on_disk = std::fs::read_to_string(shipped().join(fonts::INDEX_FILE)).unwrap();
    assert!(fresh.to_rust() == on_disk, "{stale}");
    // What the binary has compiled in reads back to the same FontInfos.
    assert!(fonts::FontIndex::compiled().unwrap() == fresh, "{stale}");
    // The family and character count the manifest states are those Typst sees.
    for e in fonts::read_manifest(&shipped()).unwrap() {
        let entry = fresh.fonts.iter().find(|f| f.file == e.file).unwrap();
        let info = &entry.faces[0];
        assert_eq!(info.coverage.iter().count(), e.glyphs_mapped, "{}", e.file);
        assert_eq!(info.family, e.family, "{}", e.file);
        let weight = match e.style.as_str() {
            "Regular" => 400,
            "Bold" => 700,
            "Black" => 900,
            other => panic!("{}: unexpected style {other}", e.file),
        };
        assert_eq!(info.variant.weight.to_number(), weight, "{}", e.file);
    }
}

#[test]
fn a_stale_index_is_not_used() {
    // A copy of fonts/ whose manifest has other sha256s than the index: the loader
    // reads the files instead, and finds the same faces.
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(shipped()).unwrap().flatten() {
        let name = e.file_name();
        if name != "manifest.toml" {
            std::os::unix::fs::symlink(e.path(), dir.path().join(&name)).unwrap();
        }
    }
    let manifest = std::fs::read_to_string(shipped().join("manifest.toml")).unwrap();
    let changed: String = manifest
        .lines()
        .map(|l| {
            if l.starts_with("sha256 = ") {
                format!("sha256 = \"{}\"\n", "0".repeat(64))
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(dir.path().join("manifest.toml"), changed).unwrap();
    let load = |shipped_dir: PathBuf| {
        FontSet::load(&FontOptions {
            shipped_dir: Some(shipped_dir),
            ..Default::default()
        })
        .unwrap()
    };
    let from_files = load(dir.path().to_owned());
    let indexed = load(shipped());
    let infos = |s: &FontSet| s.slots.iter().map(|s| s.info.clone()).collect::<Vec<_>>();
    assert_eq!(infos(&from_files), infos(&indexed));
    // Indexed faces are not parsed (nor their files mapped) until the layout asks.
    assert!(indexed.slots.iter().all(|s| s.loaded().is_none()));
    assert!(indexed.font(0).is_some() && indexed.slots[0].loaded().is_some());
    assert!(indexed.slots[1..].iter().all(|s| s.loaded().is_none()));
}

#[test]
fn typst_sees_the_shipped_families() {
    let set = FontSet::load(&FontOptions::default()).unwrap();
    for family in [
        "FandolFang R",
        "FandolHei",
        "FandolKai",
        "FandolSong",
        "Noto Serif CJK SC",
    ] {
        assert!(set.has_family(family), "{family}");
    }
    let noto: Vec<u16> = set
        .family_slots("Noto Serif CJK SC")
        .into_iter()
        .map(|i| set.slots[i].info.variant.weight.to_number())
        .collect();
    assert_eq!(noto, vec![900, 400]);
    assert!(
        set.slots
            .iter()
            .all(|s| s.origin == Origin::Shipped && s.licence.is_some())
    );
}

// ---------------------------------------------------------------- roles and sizes

#[test]
fn unknown_size_name_is_an_error_at_its_place() {
    let toml = format!("{MINIMAL_TOML}\n[style.fonts.body]\nsize = \"大三号\"\n");
    let (dir, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (code, _, err) = jianbao(&[&"build", &issue]);
    assert_eq!(code, Some(1), "{err}");
    let line = line_of(&toml, "大三号");
    assert!(err.contains(&format!("issue.toml:{line}:8")), "{err}");
    assert!(err.contains("unknown size `大三号`"), "{err}");
    assert!(err.contains("did you mean 三号"), "{err}");
    assert!(
        err.contains("size = \\\"三号\\\"") || err.contains("size = \"三号\""),
        "{err}"
    );
    assert!(
        !err.contains("TOML syntax"),
        "the help should be about sizes: {err}"
    );
    assert_no_pdf(dir.path());
}

#[test]
fn a_role_table_sets_family_and_size() {
    // Body in 楷体 四号: the model says so, and the pages are set in FandolKai.
    let toml =
        format!("{MINIMAL_TOML}\n[style.fonts.body]\nfamily = [\"FandolKai\"]\nsize = \"四号\"\n");
    let (dir, issue) = write_issue(&toml, &[("a.txt", "这是正文，用楷体四号排。\n")]);
    let prepared = pipeline::prepare(&BuildOptions {
        issue: issue.clone(),
        ..Default::default()
    })
    .unwrap();
    let body = &prepared.issue.style.fonts.body;
    assert_eq!(body.size.0, 14.0);
    // The family named, then the role's own (FandolFang) and the two fallbacks.
    assert_eq!(
        body.family,
        vec![
            "FandolKai",
            "FandolFang R",
            "Noto Serif CJK SC",
            "Liberation Serif"
        ]
    );
    let report = build(&issue, &dir.path().join("x.pdf"), vec![]).unwrap();
    let kai = report
        .font_use
        .iter()
        .find(|u| u.family == "FandolKai")
        .expect("FandolKai used");
    for ch in "这是正文用楷体四号排".chars() {
        assert!(kai.distinct.contains(&ch), "{ch} not in FandolKai");
    }
    // FandolFang still sets the issue and unit lines, but none of the body.
    let fang = report
        .font_use
        .iter()
        .find(|u| u.family == "FandolFang R")
        .unwrap();
    assert!(
        !"这是正文用楷体四号排"
            .chars()
            .any(|c| fang.distinct.contains(&c))
    );
}

#[test]
fn a_family_named_but_not_found_is_reported_with_its_place() {
    let toml = format!("{MINIMAL_TOML}\n[style.fonts.title]\nfamily = [\"方正小标宋简体\"]\n");
    let (dir, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let out = dir.path().join("issue.pdf");
    let (code, _, err) = jianbao(&[&"build", &issue, &"-o", &out]);
    assert_eq!(code, Some(0), "{err}");
    let line = line_of(&toml, "方正小标宋简体");
    assert!(
        err.contains(&format!("warning: {}:{line}:11: no font has the family \"方正小标宋简体\" named for the title role; it is set in Noto Serif CJK SC instead", issue.display())),
        "{err}"
    );
    assert!(err.contains("--font-dir"), "{err}");
    assert!(out.is_file());
}

// ---------------------------------------------------------------- missing characters

#[test]
fn private_use_character_in_an_article_stops_the_build_at_its_place() {
    let (dir, issue) = write_issue(
        MINIMAL_TOML,
        &[("a.txt", "第一段。\n人名王\u{E000}，见上。堃有字。\n")],
    );
    let (code, _, err) = jianbao(&[&"build", &issue]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("a.txt:2:4"), "{err}");
    assert!(
        err.contains("U+E000") && err.contains("private-use"),
        "{err}"
    );
    assert!(err.contains("--font-dir"), "{err}");
    assert_no_pdf(dir.path());

    // `jianbao check` finds the same without building; 堃 has a font (the wide
    // fallback) and is not listed.
    let (code, out, check_err) = jianbao(&[&"check", &issue]);
    assert_eq!(code, Some(1), "{out}{check_err}");
    assert!(check_err.contains("a.txt:2:4") && check_err.contains("U+E000"));
    assert!(!check_err.contains("U+5803"), "{check_err}");
    assert!(out.contains("1 character(s) have no font"), "{out}");
    assert!(
        out.contains("no punctuation or spacing problems found"),
        "{out}"
    );
    assert_no_pdf(dir.path());
    // Without the character the check passes; --font-dir is taken as `build` takes it.
    std::fs::write(dir.path().join("a.txt"), "第一段。\n人名王堃，见上。\n").unwrap();
    let (code, out, check_err) = jianbao(&[&"check", &issue, &"--font-dir", &fixture_fonts()]);
    assert_eq!(code, Some(0), "{out}{check_err}");
}

#[test]
fn private_use_character_in_the_issue_file_points_at_the_key() {
    let toml = MINIMAL_TOML.replace("title = \"测试标题\"", "title = \"测试\u{E000}标题\"");
    let (dir, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (code, _, err) = jianbao(&[&"build", &issue]);
    assert_eq!(code, Some(1), "{err}");
    let line = line_of(&toml, "测试\u{E000}标题");
    assert!(err.contains(&format!("issue.toml:{line}:12")), "{err}");
    assert!(
        err.contains("the title role tries Noto Serif CJK SC"),
        "{err}"
    );
    assert_no_pdf(dir.path());
}

#[test]
fn each_occurrence_in_a_two_line_title_has_its_own_place() {
    // Titles in 楷体 (FandolKai has no 堃): both 堃 fall back, each at its place.
    let toml = MINIMAL_TOML.replace("title = \"测试标题\"", "title = \"王堃说\\n堃\"")
        + "\n[style.fonts.title]\nfamily = [\"FandolKai\"]\nweight = 400\n";
    let (dir, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let report = build(&issue, &dir.path().join("x.pdf"), vec![]).unwrap();
    let title = role(&report, "title");
    let line = line_of(&toml, "王堃说");
    let places: Vec<String> = title.fallbacks[0]
        .places
        .iter()
        .map(|p| p.to_string())
        .collect();
    let at = |col: usize| format!("{}:{line}:{col}", issue.display());
    assert_eq!(title.fallbacks[0].ch, '堃');
    assert_eq!(places, vec![at(11), at(15)]);
}

#[test]
fn character_outside_every_shipped_font_stops_the_build() {
    // U+2A700, the first character of CJK Extension C: in no shipped font.
    let rare = '\u{2A700}';
    let set = FontSet::load(&FontOptions::default()).unwrap();
    assert!(
        !set.slots
            .iter()
            .any(|s| s.info.coverage.contains(rare as u32)),
        "a shipped font covers U+2A700: pick another character for this test"
    );
    let text = format!("第一段。\n\n第二段有{rare}字，{rare}又一次。\n");
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let out = dir.path().join("x.pdf");
    let err = build(&issue, &out, vec![]).unwrap_err();
    let jianbao::Error::Many(errors) = &err else {
        panic!("expected input errors: {err}")
    };
    assert_eq!(errors.len(), 1, "one error a character: {err}");
    let e = &errors[0];
    assert_eq!(e.line_col(), Some((3, 5)));
    assert!(e.file.ends_with("a.txt"));
    assert!(
        e.message.contains("U+2A700") && e.message.contains(rare),
        "{}",
        e.message
    );
    assert!(e.message.contains("also at"), "{}", e.message);
    assert_eq!(err.exit_code(), 1);
    assert_no_pdf(dir.path());
}

// ---------------------------------------------------------------- fallback report

const RARE: &str = "人名堃与䶮，地名𠙶，照常印出。\n";

#[test]
fn rare_characters_are_typeset_and_reported_as_fallback() {
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", RARE)]);
    let out = dir.path().join("x.pdf");
    let report = build(&issue, &out, vec![]).unwrap_or_else(|e| panic!("{}", e.render(false)));
    let body = role(&report, "body");
    assert_eq!(body.primary_face.as_deref(), Some("FandolFang R"));
    let got: Vec<(char, &str, String)> = body
        .fallbacks
        .iter()
        .map(|f| (f.ch, f.face.as_str(), f.places[0].to_string()))
        .collect();
    let a = dir.path().join("a.txt");
    let at = |col: usize| format!("{}:1:{col}", a.display());
    assert_eq!(
        got,
        vec![
            ('堃', "Noto Serif CJK SC", at(3)),
            ('䶮', "Noto Serif CJK SC", at(5)),
            ('𠙶', "Noto Serif CJK SC", at(9)),
        ]
    );
    // The pages agree: the three are in the Noto face, nothing else is.
    let noto = report
        .font_use
        .iter()
        .find(|u| u.family == "Noto Serif CJK SC" && u.postscript == "NotoSerifCJKsc-Regular")
        .expect("the Noto face is used");
    for ch in "堃䶮𠙶".chars() {
        assert!(noto.distinct.contains(&ch), "{ch} not set in Noto");
    }
    assert_pdf_has(&out, "NotoSerifCJKsc-Regular", Some(RARE));
}

/// Subscript and superscript figures (SpO₂, 10⁹/L), everyday in a 院务简报, are in
/// no CJK font shipped: they stopped the build as no font's, while the shipped Latin
/// font has them (QA11). They fall back to it, listed by `--font-report`.
#[test]
fn figures_the_cjk_fonts_lack_fall_back_to_the_shipped_latin_font() {
    let text = "血氧饱和度（SpO₂）为82%，白细胞计数21.6×10⁹/L。\n";
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let out = dir.path().join("x.pdf");
    let report = build(&issue, &out, vec![]).unwrap_or_else(|e| panic!("{}", e.render(false)));
    let got: Vec<(char, &str)> = role(&report, "body")
        .fallbacks
        .iter()
        .map(|f| (f.ch, f.face.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![('₂', "Liberation Serif"), ('⁹', "Liberation Serif")]
    );
    assert_pdf_has(&out, "LiberationSerif", Some(text));
    // Listed in the report, not a warning of every build: the editor has nothing to do
    // (QA12 A 14: every statistics bulletin warned of its −). A Chinese character is.
    assert!(
        !report.warnings.iter().any(|w| w.contains("fallback font")),
        "{:?}",
        report.warnings
    );
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", "同比−3.2%，堃。\n")]);
    let out = dir.path().join("x.pdf");
    let report = build(&issue, &out, vec![]).unwrap_or_else(|e| panic!("{}", e.render(false)));
    let said: Vec<&String> = report
        .warnings
        .iter()
        .filter(|w| w.contains("fallback font"))
        .collect();
    assert!(
        said.len() == 1 && said[0].starts_with("1 character(s)") && said[0].contains("堃 ("),
        "{said:?}"
    );
}

/// The shipped Fandol faces draw ￥ (U+FFE5, the 人民币 sign a Chinese IME types) as a
/// dollar sign: every price read as US$ in print, while the PDF's text said ￥ (QA12 B
/// 01). It is set in the next family, in the text and in a heading alike.
#[test]
fn the_yuan_sign_is_not_set_in_fandols_dollar_glyph() {
    let text = "# 一、投入￥5亿元\n\n价格￥5元，价格＄5美元。邮箱jl_qhse@cnpc.com.cn。\n";
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let (dir, issue) = write_issue(&toml, &[("a.md", text)]);
    let out = dir.path().join("x.pdf");
    build(&issue, &out, vec![]).unwrap_or_else(|e| panic!("{}", e.render(false)));
    let script = "import sys, pymupdf\n\
        for page in pymupdf.open(sys.argv[1]):\n\
        \x20 for b in page.get_text('rawdict')['blocks']:\n\
        \x20   for l in b.get('lines', []):\n\
        \x20     for s in l['spans']:\n\
        \x20       for c in s['chars']:\n\
        \x20         if c['c'] in '￥＄_': print(c['c'], s['font'])";
    let fonts = python_stdout(&["-c".as_ref(), script.as_ref(), out.as_os_str()]);
    let yuan: Vec<&str> = fonts.lines().filter(|l| l.starts_with('￥')).collect();
    assert_eq!(yuan.len(), 2, "{fonts}");
    assert!(yuan.iter().all(|l| l.contains("NotoSerifCJK")), "{fonts}");
    // The dollar sign stays in the body's own face.
    assert!(fonts.contains("＄ FandolFang"), "{fonts}");
    // And the underscore, 0.78 em wide in Fandol (jl_ qhse@…), is the next family's too
    // (QA13 A 06).
    assert!(fonts.contains("_ NotoSerifCJK"), "{fonts}");
}

#[test]
fn font_report_on_the_command_line_lists_fallbacks_with_places() {
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", RARE)]);
    let out = dir.path().join("x.pdf");
    let (code, stdout, err) = jianbao(&[&"build", &issue, &"-o", &out, &"--font-report"]);
    assert_eq!(code, Some(0), "{err}");
    let a = dir.path().join("a.txt");
    for (ch, code, col) in [
        ('堃', "U+5803", 3),
        ('䶮', "U+4DAE", 5),
        ('𠙶', "U+20676", 9),
    ] {
        let want = format!(
            "{ch} {code} in Noto Serif CJK SC  at {}:1:{col}",
            a.display()
        );
        assert!(stdout.contains(&want), "missing «{want}» in\n{stdout}");
    }
    assert!(stdout.contains("body (FandolFang R):"), "{stdout}");
    assert!(stdout.contains("NotoSerifCJKsc-Regular"), "{stdout}");
    // `jianbao fonts ISSUE` says the same without building.
    let (code, fonts_out, err) = jianbao(&[&"fonts", &issue]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        fonts_out.contains(&format!(
            "堃 U+5803 in Noto Serif CJK SC  at {}:1:3",
            a.display()
        )),
        "{fonts_out}"
    );
}

#[test]
fn the_check_before_layout_agrees_with_the_pages() {
    // Every character on the pages is set in the face the check predicted, and every
    // predicted fallback is on the pages in that face: the sample, and the long issue
    // (rare characters, and a Latin font for Latin letters and digits).
    for issue in [
        sample_issue(),
        repo().join("issues/renda-gongzuo-2025-12/issue.toml"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let report = build(&issue, &dir.path().join("s.pdf"), vec![]).unwrap();
        assert_check_agrees_with_pages(&report);
        for r in &report.coverage.roles {
            for f in &r.fallbacks {
                if f.places
                    .iter()
                    .all(|p| *p == jianbao::typeset::fontcheck::Place::Layout)
                {
                    continue;
                }
                assert!(
                    report
                        .font_use
                        .iter()
                        .any(|u| u.slot == Some(f.slot) && u.distinct.contains(&f.ch)),
                    "{} predicted in {} is not on the pages of {}",
                    f.ch,
                    f.face,
                    issue.display()
                );
            }
        }
    }
}

// ---------------------------------------------------------------- Latin and digits

/// Latin, digits, and the marks Latin and CJK fonts share, next to Chinese text.
const MIXED: &str = "2025年，“ABC”与‘xyz’——共计12.5%……\n";

/// Every character typeset in any face of a family.
fn set_in(report: &BuildReport, family: &str) -> std::collections::BTreeSet<char> {
    report
        .font_use
        .iter()
        .filter(|u| u.family == family)
        .flat_map(|u| u.distinct.iter().copied())
        .collect()
}

/// Every character on the pages is in the face the check before layout predicted.
fn assert_check_agrees_with_pages(report: &BuildReport) {
    for u in &report.font_use {
        let slot = u.slot.expect("a face of the font set");
        for &ch in &u.distinct {
            assert!(
                report.coverage.faces.contains(&(ch, slot)),
                "{ch} (U+{:04X}) is set in {} ({}) but the check predicted another face",
                ch as u32,
                u.family,
                u.postscript
            );
        }
    }
}

#[test]
fn a_latin_font_sets_letters_and_digits_but_never_the_shared_marks() {
    let toml = format!("{MINIMAL_TOML}\n[style.fonts]\nlatin = [\"Liberation Serif\"]\n");
    let (dir, issue) = write_issue(&toml, &[("a.txt", MIXED)]);
    let out = dir.path().join("x.pdf");
    let report = build(&issue, &out, vec![]).unwrap_or_else(|e| panic!("{}", e.render(false)));
    let used = |family: &str, postscript: &str| {
        report
            .font_use
            .iter()
            .find(|u| u.family == family && u.postscript == postscript)
            .unwrap_or_else(|| panic!("{postscript} not used: {:?}", report.font_use))
    };
    let latin = used("Liberation Serif", "LiberationSerif");
    for ch in "2025ABCxyz1.%".chars() {
        assert!(latin.distinct.contains(&ch), "{ch} not in Liberation Serif");
    }
    // The quotes, dashes and ellipsis stay in the CJK font, full width.
    let fang = used("FandolFang R", "FandolFang-Regular");
    for ch in "“”‘’—…年与共计".chars() {
        assert!(fang.distinct.contains(&ch), "{ch} not in FandolFang");
        assert!(
            !latin.distinct.contains(&ch),
            "{ch} taken by the Latin font"
        );
    }
    // Latin set in the Latin font is by design, not a fallback; the report says which
    // face sets Latin.
    let body = role(&report, "body");
    assert_eq!(body.latin_face.as_deref(), Some("Liberation Serif"));
    assert!(body.fallbacks.is_empty(), "{:?}", body.fallbacks);
    // The title (weight 900) would take the Latin font's bold face.
    let title = role(&report, "title");
    assert_eq!(title.latin_face.as_deref(), Some("Liberation Serif 700"));
    assert_check_agrees_with_pages(&report);
    assert_pdf_has(&out, "LiberationSerif", Some(MIXED));
}

#[test]
fn a_role_can_have_its_own_latin_font_or_none() {
    // Latin for every role, but the body keeps its CJK font's Latin.
    let toml = format!(
        "{MINIMAL_TOML}\n[style.fonts]\nlatin = [\"Liberation Serif\"]\n[style.fonts.body]\nlatin = []\n"
    );
    let (dir, issue) = write_issue(&toml, &[("a.txt", MIXED)]);
    let report = build(&issue, &dir.path().join("x.pdf"), vec![]).unwrap();
    let fang = set_in(&report, "FandolFang R");
    for ch in "2025ABCxyz".chars() {
        assert!(fang.contains(&ch), "{ch} not in FandolFang");
    }
    // The page numbers still take the Latin font; the body's Latin does not.
    let latin = set_in(&report, "Liberation Serif");
    assert!(latin.contains(&'1'), "{latin:?}");
    for ch in "xyz".chars() {
        assert!(!latin.contains(&ch), "{ch} of the body in Liberation Serif");
    }
    assert_check_agrees_with_pages(&report);
}

#[test]
fn a_latin_family_not_found_is_a_warning_and_the_cjk_font_sets_latin() {
    let toml = format!("{MINIMAL_TOML}\n[style.fonts]\nlatin = [\"Times New Roman\"]\n");
    let (dir, issue) = write_issue(&toml, &[("a.txt", MIXED)]);
    let out = dir.path().join("issue.pdf");
    let (code, _, err) = jianbao(&[&"build", &issue, &"-o", &out]);
    assert_eq!(code, Some(0), "{err}");
    let line = line_of(&toml, "Times New Roman");
    assert!(
        err.contains(&format!("warning: {}:{line}:10: no font has the family \"Times New Roman\" named for Latin letters and digits in every role; they are set in each role's own font", issue.display())),
        "{err}"
    );
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(out.is_file());
    let report = build(&issue, &out, vec![]).unwrap();
    // The body's Latin and digits are in FandolFang (the pinyin line is in Liberation
    // Serif by its own family list).
    let fang = set_in(&report, "FandolFang R");
    let latin = set_in(&report, "Liberation Serif");
    for ch in "2025xyz".chars() {
        assert!(fang.contains(&ch), "{ch} not in FandolFang");
    }
    assert!(!"xyz".chars().any(|c| latin.contains(&c)), "{latin:?}");
    assert_check_agrees_with_pages(&report);
}

#[test]
fn fonts_command_shows_each_roles_latin_font() {
    let toml = format!("{MINIMAL_TOML}\n[style.fonts.body]\nlatin = [\"Liberation Serif\"]\n");
    let (_dir, issue) = write_issue(&toml, &[("a.txt", MIXED)]);
    let (code, out, err) = jianbao(&[&"fonts", &issue]);
    assert_eq!(code, Some(0), "{err}");
    let row = |role: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(&format!("{role} ")))
            .unwrap_or_else(|| panic!("no {role} row in\n{out}"))
            .to_owned()
    };
    // The Latin column (every role's last fallback, Liberation Serif too, is under
    // «then»).
    let latin = |role: &str| {
        row(role)
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .nth(3)
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(latin("body"), "Liberation Serif", "{out}");
    assert_eq!(latin("footer"), "-", "{out}");
    assert!(out.contains("LiberationSerif-Regular.ttf"), "{out}");
    assert!(out.contains("OFL-1.1"), "{out}");
}

// ---------------------------------------------------------------- the user's fonts

const USER_TEXT: &str = "本刊用户字体排正文仿宋三号，这一段文字全部在测试字体之中。国\n";

fn assert_body_in_test_font(report: &BuildReport, pdf: &Path) {
    let body = role(report, "body");
    assert_eq!(body.primary_face.as_deref(), Some("FangSong_GB2312"));
    assert_eq!(body.families[0], "FangSong_GB2312");
    // 国 is not in the test font: it comes from the next family, FandolFang R.
    let fb: Vec<(char, &str)> = body
        .fallbacks
        .iter()
        .map(|f| (f.ch, f.face.as_str()))
        .collect();
    assert_eq!(fb, vec![('国', "FandolFang R")]);
    let user = report
        .font_use
        .iter()
        .find(|u| u.family == "FangSong_GB2312")
        .expect("the user's font is used");
    assert_eq!(user.postscript, "FangSongGB2312-JianbaoTest");
    for ch in "本刊用户字体排正文仿宋三号".chars() {
        assert!(user.distinct.contains(&ch), "{ch}");
    }
    assert_pdf_has(pdf, "+FangSongGB2312-JianbaoTest", None);
}

#[test]
fn user_font_directory_takes_over_the_body() {
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", USER_TEXT)]);
    let out = dir.path().join("x.pdf");
    let report = build(&issue, &out, vec![fixture_fonts()])
        .unwrap_or_else(|e| panic!("{}", e.render(false)));
    assert_body_in_test_font(&report, &out);
}

#[test]
fn font_dirs_in_the_issue_file_take_over_the_body() {
    let toml = format!("font_dirs = [\"myfonts\"]\n{MINIMAL_TOML}");
    let (dir, issue) = write_issue(&toml, &[("a.txt", USER_TEXT)]);
    std::fs::create_dir(dir.path().join("myfonts")).unwrap();
    std::fs::copy(
        fixture_fonts().join("FangSongGB2312-Test.otf"),
        dir.path().join("myfonts/FangSongGB2312-Test.otf"),
    )
    .unwrap();
    let out = dir.path().join("x.pdf");
    let report = build(&issue, &out, vec![]).unwrap_or_else(|e| panic!("{}", e.render(false)));
    assert_body_in_test_font(&report, &out);
}

#[test]
fn a_role_may_name_the_font_by_its_chinese_name() {
    // Typst knows the test font as FangSong_GB2312 (its English name record); the
    // issue file names it 仿宋_GB2312, as Word shows it.
    let toml = format!("{MINIMAL_TOML}\n[style.fonts.body]\nfamily = [\"仿宋_GB2312\"]\n");
    let (dir, issue) = write_issue(&toml, &[("a.txt", USER_TEXT)]);
    let out = dir.path().join("x.pdf");
    let report = build(&issue, &out, vec![fixture_fonts()])
        .unwrap_or_else(|e| panic!("{}", e.render(false)));
    // No warning of an unknown family; one of the characters the test font lacks.
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(
        report.warnings[0].contains("set in a fallback font")
            && report.warnings[0].contains("国 (")
            && report.warnings[0].contains("body: FandolFang R for FangSong_GB2312"),
        "{:?}",
        report.warnings
    );
    let body = role(&report, "body");
    assert_eq!(
        body.families,
        vec![
            "FangSong_GB2312",
            "FandolFang R",
            "Noto Serif CJK SC",
            "Liberation Serif"
        ]
    );
    assert_eq!(body.primary_face.as_deref(), Some("FangSong_GB2312"));
    // 国 is not in the test font: the role's own 仿宋 sets it, not the Song fallback.
    let fb: Vec<(char, &str)> = body
        .fallbacks
        .iter()
        .map(|f| (f.ch, f.face.as_str()))
        .collect();
    assert_eq!(fb, vec![('国', "FandolFang R")]);
}

#[test]
fn fonts_command_lists_fonts_licences_and_roles() {
    let (code, out, err) = jianbao(&[&"fonts", &"--font-dir", &fixture_fonts()]);
    assert_eq!(code, Some(0), "{err}");
    let first = out.lines().nth(2).unwrap();
    assert!(
        first.contains("FangSong_GB2312 / 仿宋_GB2312")
            && first.contains("user")
            && first.contains("180"),
        "user fonts come first: {first}"
    );
    let fang = out.lines().find(|l| l.contains("FandolFang R")).unwrap();
    for want in [
        "normal 400",
        "10273",
        "shipped",
        "GPL-3.0-or-later WITH GPL font exception",
        "FandolFang-Regular.otf",
    ] {
        assert!(fang.contains(want), "{want} not in {fang}");
    }
    assert!(out.contains("OFL-1.1"), "{out}");
    let body = out
        .lines()
        .find(|l| l.trim_start().starts_with("body "))
        .unwrap();
    assert!(body.contains("三号 16pt"), "{body}");
    assert!(
        body.contains("FangSong_GB2312 (FangSongGB2312-Test.otf)"),
        "{body}"
    );
    assert!(body.contains("FandolFang R, Noto Serif CJK SC"), "{body}");
    assert!(
        body.contains("仿宋_GB2312"),
        "the absent families are listed: {body}"
    );
    let title = out
        .lines()
        .find(|l| l.trim_start().starts_with("title "))
        .unwrap();
    assert!(
        title.contains("Noto Serif CJK SC 900 (NotoSerifCJKsc-Black.otf)"),
        "{title}"
    );
}

// ---------------------------------------------------------------- the independent checker

/// cjkcheck's per-font table (from the PDF alone) is the report's: characters plus
/// stroked ones (drawn twice), font by font; and it finds no missing glyph.
fn agrees_with_cjkcheck(report: &BuildReport, pdf: &Path) {
    let cjkcheck = repo().join("../shared/cjkcheck/cjkcheck.py");
    let ok = cjkcheck.is_file()
        && Command::new("python3")
            .args(["-c", "import pymupdf"])
            .status()
            .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var("CI").is_err(),
            "cjkcheck and PyMuPDF are required in CI"
        );
        eprintln!("SKIPPED: ../shared/cjkcheck/cjkcheck.py or PyMuPDF is not available");
        return;
    }
    let out = Command::new("python3")
        .arg(&cjkcheck)
        .arg(pdf)
        .arg("--json")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let glyphs = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == 6)
        .unwrap();
    assert_eq!(glyphs["counts"]["missing"], 0, "{glyphs}");
    let table = glyphs["data"]["fonts"].as_object().unwrap();
    assert_eq!(table.len(), report.font_use.len(), "{table:?}");
    for u in &report.font_use {
        let theirs = table[&u.postscript]["chars"].as_u64().unwrap() as usize;
        assert_eq!(theirs, u.chars + u.stroked, "{}", u.postscript);
    }
}

#[test]
fn per_font_counts_agree_with_cjkcheck() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("s.pdf");
    let report = build(&sample_issue(), &pdf, vec![]).unwrap();
    agrees_with_cjkcheck(&report, &pdf);
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", RARE)]);
    let pdf = dir.path().join("r.pdf");
    let report = build(&issue, &pdf, vec![]).unwrap();
    agrees_with_cjkcheck(&report, &pdf);
}

#[test]
fn missing_shipped_fonts_are_a_set_up_problem_not_a_bug() {
    // A fonts folder with its manifest but without the font files (a partial copy).
    let fonts = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("fonts/manifest.toml"),
        fonts.path().join("manifest.toml"),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", sample_issue().to_str().unwrap(), "-o"])
        .arg(fonts.path().join("out.pdf"))
        .env("JIANBAO_FONTS", fonts.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("set-up problem") && err.contains("JIANBAO_FONTS"),
        "{err}"
    );
    assert!(!err.contains("bug"), "{err}");
}

#[test]
fn a_body_family_not_installed_falls_back_to_the_shipped_fangsong_not_to_song() {
    // 仿宋_GB2312 named, not installed: the body was set in Noto Serif CJK SC (a 宋体).
    let toml = format!("{MINIMAL_TOML}\n[style.fonts.body]\nfamily = [\"仿宋_GB2312\"]\n");
    let (dir, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let out = dir.path().join("issue.pdf");
    let (code, _, err) = jianbao(&[&"build", &issue, &"-o", &out]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("\"仿宋_GB2312\" named for the body role; it is set in FandolFang R instead"),
        "{err}"
    );
}

/// Bold and italic together (Word's, or Markdown's `***…***`) is 楷体 made bold: its
/// characters are stroked (they printed in plain 楷体, the bold lost).
#[test]
fn bold_italic_text_is_bold_kai() {
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (d, issue) = write_issue(&toml, &[("a.md", "正文***粗斜体***正文。\n")]);
    let report = build(&issue, &d.path().join("o.pdf"), vec![]).unwrap();
    let kai = report
        .font_use
        .iter()
        .find(|u| u.postscript.contains("Kai"))
        .expect("楷体 used");
    // 粗斜体 stroked; the byline, also 楷体, not.
    assert_eq!(kai.stroked, 3, "{kai:?}");
}
