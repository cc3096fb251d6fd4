//! Articles from Word: a `.docx` builds as it is, its structure recovered, Word's
//! debris cleaned, and what cannot be printed named with its paragraph.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// `jianbao ARGS`, without colour.
fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/docx").join(name)
}

/// An issue whose one article is the given Word fixture.
fn docx_issue(name: &str, title: &str) -> (tempfile::TempDir, PathBuf) {
    let toml = MINIMAL_TOML
        .replace("file = \"a.txt\"", &format!("file = \"{name}\""))
        .replace("title = \"测试标题\"", &format!("title = \"{title}\""));
    let (dir, issue) = write_issue(&toml, &[]);
    std::fs::copy(fixture(name), dir.path().join(name)).unwrap();
    (dir, issue)
}

#[test]
fn a_libreoffice_docx_builds_with_its_headings_once_its_indents_cleaned_a_table_and_a_photo() {
    let (_d, issue) = docx_issue("tongxun.docx", "全市基层治理工作推进会召开");
    let (_t, pdf, report) = build_reported(&issue);
    // The Word file's first heading is the article's title: not printed twice.
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("repeats the article's title")),
        "{:?}",
        report.warnings
    );
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let blocks = &model.articles[0].blocks;
    let kinds: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            jianbao::input::Block::Heading {
                level,
                number,
                inlines,
            } => format!(
                "h{level} {number}{}",
                inlines.iter().map(|i| i.text.as_str()).collect::<String>()
            ),
            jianbao::input::Block::Paragraph { .. } => "p".into(),
            jianbao::input::Block::Table(t) => format!("table {}", t.rows.len()),
            jianbao::input::Block::Image(_) => "photo".into(),
            _ => "other".into(),
        })
        .collect();
    // Heading 2 under the title is our level 1 (一、), numbered once; the heading
    // typed as 「（一）…」 keeps its own number; the empty paragraph is gone.
    assert_eq!(
        kinds,
        [
            "p",
            "h1 一、主要做法",
            "p",
            "h2 （一）完善网格体系",
            "p",
            "photo",
            "h1 二、下一步打算",
            "table 2",
            "p"
        ],
        "{kinds:?}"
    );
    // Full-width spaces used to indent are gone (the layout indents), the manual
    // line break is joined, the bold run is bold.
    let first = blocks[0].inlines();
    assert!(!first[0].text.starts_with('\u{3000}'), "{first:?}");
    assert!(
        first.iter().any(|i| i.strong && i.text == "基层治理"),
        "{first:?}"
    );
    let joined: String = blocks[2]
        .inlines()
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(
        joined,
        "各地坚持网格化管理、精细化服务，矛盾纠纷化解率达到百分之九十六。"
    );
    if tool("pdftotext") && tool("pdfimages") {
        let text = squash(&body_text(&pdf));
        assert_eq!(text.matches("主要做法").count(), 1);
        assert!(text.contains("一、主要做法"), "{text}");
        assert!(text.contains("西山区") && text.contains("471"));
        let list = String::from_utf8_lossy(
            &Command::new("pdfimages")
                .arg("-list")
                .arg(&pdf)
                .output()
                .unwrap()
                .stdout,
        )
        .into_owned();
        assert_eq!(list.lines().skip(2).count(), 1, "{list}");
        assert!(list.contains("gray"), "{list}");
    }
    // Indents measured by cjkcheck (check 4) as in every issue.
    if let Some(script) = cjkcheck_script() {
        let o = Command::new("python3")
            .arg(script)
            .arg(&pdf)
            .args(["--print", "--a4"])
            .output()
            .unwrap();
        let r = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{r}");
    }
}

#[test]
fn word_debris_is_cleaned_and_what_cannot_print_is_named_with_its_paragraph() {
    let (_d, issue) = docx_issue("debris.docx", "推进会");
    let (_t, pdf, report) = build_reported(&issue);
    let w = report.warnings.join("\n");
    for (what, place) in [
        ("tracked insertion", "paragraph 9"),
        ("tracked deletion", "«尽快»"),
        ("comment", "paragraph 10"),
        ("text box", "paragraph 11"),
        ("footnote", "paragraph 12"),
        (
            "the picture media/image1.emf is not printed",
            "paragraph 15",
        ),
    ] {
        let line = report
            .warnings
            .iter()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("no warning for {what}: {w}"));
        assert!(line.contains(place), "{what} at {place}: {line}");
        assert!(line.contains("debris.docx"), "{line}");
    }
    // The drawing is said as what it is, with what to do in Word, not placed at a
    // line of Markdown the editor never sees (QA11).
    let emf = report
        .warnings
        .iter()
        .find(|l| l.contains("image1.emf"))
        .unwrap();
    assert!(
        emf.contains("EMF or WMF") && emf.contains("另存为图片"),
        "{emf}"
    );
    assert_eq!(emf.matches("debris.docx:").count(), 1, "{emf}");
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let text: String = model.articles[0]
        .blocks
        .iter()
        .map(|b| {
            b.inlines()
                .iter()
                .map(|i| i.text.as_str())
                .collect::<String>()
                + "\n"
        })
        .collect();
    // Inserted text kept, deleted dropped; the field's shown text and the link's
    // text kept, its code not; tab and soft hyphen gone; the line break joined.
    assert!(text.contains("各地要进一步强化数据共享。"), "{text}");
    assert!(!text.contains("尽快") && !text.contains("PAGE"), "{text}");
    assert!(
        text.contains("网格员队伍不断壮大，覆盖全市各社区。"),
        "{text}"
    );
    assert!(text.contains("会议强调，要压实属地责任。"), "{text}");
    // A style based on Heading 1 is a heading; its typed number is kept, not doubled.
    let headings: Vec<String> = model.articles[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            jianbao::input::Block::Heading {
                number, inlines, ..
            } => Some(format!(
                "{number}{}",
                inlines.iter().map(|i| i.text.as_str()).collect::<String>()
            )),
            _ => None,
        })
        .collect();
    assert!(
        headings.contains(&"一、主要做法".to_owned()),
        "{headings:?}"
    );
    assert!(
        headings.contains(&"二、下一步打算".to_owned()),
        "{headings:?}"
    );
    // Merged cells are merged: 上半年 over two columns, and a cell merged with the one
    // above it; the cells they cover are empty (they were printed apart, with a warning).
    let table = model.articles[0]
        .blocks
        .iter()
        .find_map(|b| match b {
            jianbao::input::Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("the table");
    let cell =
        |c: &Vec<jianbao::input::Inline>| c.iter().map(|i| i.text.clone()).collect::<String>();
    assert_eq!(
        table.header.iter().map(cell).collect::<Vec<_>>(),
        ["上半年", "", "合计"]
    );
    assert_eq!(
        table.rows[1].iter().map(cell).collect::<Vec<_>>(),
        ["", "365", "471"]
    );
    let spans: Vec<_> = table
        .spans
        .iter()
        .map(|s| (s.row, s.col, s.colspan, s.rowspan))
        .collect();
    assert_eq!(spans, [(0, 0, 2, 1), (1, 0, 1, 2)], "{table:?}");
    assert!(!w.contains("merged"), "{w}");
    assert!(pdf.exists());
}

#[test]
fn word_made_files_from_python_docx_build() {
    // Made by Microsoft Word (python-docx's test files, MIT): pictures, tables,
    // comments.
    let (_d, issue) = docx_issue("having-images.docx", "图片");
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert!(!model.photos.is_empty(), "its pictures are read");
    let (_t, _pdf, _r) = build_reported(&issue);

    let (_d, issue) = docx_issue("tbl-having-tables.docx", "表格");
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert!(
        model.articles[0]
            .blocks
            .iter()
            .any(|b| matches!(b, jianbao::input::Block::Table(_))),
        "its tables are tables"
    );

    let (_d, issue) = docx_issue("comments-rich-para.docx", "批注");
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert!(
        model.warnings.iter().any(|w| w.contains("comment")),
        "{:?}",
        model.warnings
    );
}

#[test]
fn import_writes_the_markdown_and_photos_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("稿件.docx");
    std::fs::copy(fixture("tongxun.docx"), &docx).unwrap();
    let o = run(&["import", docx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(dir.path().join("稿件.md")).unwrap();
    assert!(
        md.contains("## 主要做法") || md.contains("# 主要做法"),
        "{md}"
    );
    assert!(md.contains("**基层治理**"), "{md}");
    assert!(md.contains("](稿件-images/image1.jpeg)"), "{md}");
    assert!(dir.path().join("稿件-images/image1.jpeg").is_file());
    assert!(md.contains("| 东湖区 | 412 | 530 |"), "{md}");
    // A second import does not replace the editor's file…
    std::fs::write(dir.path().join("稿件.md"), "编辑改过的稿子").unwrap();
    let o = run(&["import", docx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("稿件.md")).unwrap(),
        "编辑改过的稿子"
    );
    // … unless asked, and then the old one is kept.
    let o = run(&["import", docx.to_str().unwrap(), "--force"]);
    assert!(o.status.success());
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".bak"))
        .collect();
    assert_eq!(kept.len(), 1);
}

#[test]
fn a_file_that_is_not_a_word_package_is_a_clear_error() {
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.docx\"");
    let (dir, issue) = write_issue(&toml, &[("a.docx", "not a zip at all")]);
    let out = dir.path().join("out.pdf");
    let o = build_cli(&issue, &out);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot be read as a Word document"), "{err}");
    assert!(
        err.contains("issue.toml:"),
        "points at file = in the issue file: {err}"
    );
    assert!(!out.exists());
}

/// Two conversions at once (two builds, `batch`'s threads, or LibreOffice open on
/// the editor's desk): with LibreOffice's default profile the second handed its job
/// to the first and wrote nothing, and the file was said to be damaged. Each has a
/// profile of its own now.
#[test]
fn two_libreoffice_conversions_at_once_both_convert() {
    let has_soffice = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_soffice {
        // (Said without LibreOffice: `an_odt_goes_through_libreoffice_or_says_how`.)
        return;
    }
    let bytes = std::fs::read(repo().join("tests/fixtures/docx/tongxun.odt")).unwrap();
    let threads: Vec<_> = (0..3)
        .map(|k| {
            let bytes = bytes.clone();
            std::thread::spawn(move || {
                // Other names: comemo would hand one conversion's result to the others.
                jianbao::input::from_office(std::path::Path::new(&format!("t{k}.odt")), &bytes)
            })
        })
        .collect();
    for t in threads {
        let docx = t.join().unwrap().map_err(|e| format!("{e:?}")).unwrap();
        assert!(docx.starts_with(b"PK"), "not a .docx");
    }
}

/// An issue's first article read through LibreOffice: its text and its photos'
/// count; or, where LibreOffice is not installed, the error, which names it.
fn read_through_libreoffice(issue: &Path) -> Result<(String, usize), String> {
    let has_soffice = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    match jianbao::model::load(issue) {
        Ok((model, _)) => {
            assert!(has_soffice);
            let text: String = model.articles[0]
                .blocks
                .iter()
                .flat_map(|b| b.inlines().iter().map(|i| i.text.clone()))
                .collect();
            Ok((text, model.photos.len()))
        }
        Err(e) => {
            let msg = e.render(false);
            assert!(
                !has_soffice && msg.contains("LibreOffice (soffice)"),
                "{msg}"
            );
            Err(msg)
        }
    }
}

#[test]
fn an_odt_goes_through_libreoffice_or_says_how() {
    let (_d, issue) = docx_issue("tongxun.odt", "全市基层治理工作推进会召开");
    match read_through_libreoffice(&issue) {
        Ok((text, photos)) => {
            assert!(text.contains("矛盾纠纷化解率"), "{text}");
            assert_eq!(photos, 1);
        }
        Err(msg) => assert!(
            msg.contains("another") || msg.contains("save it again"),
            "{msg}"
        ),
    }
}

/// LibreOffice's flat document (.fodt) printed its XML as the text (QA15 H 04): it
/// goes through LibreOffice as an .odt does.
#[test]
fn a_flat_odt_goes_through_libreoffice_too() {
    let fodt = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text><text:p>今年以来，城关镇坚持问题导向，全面推进村庄清洁行动。</text:p></office:text></office:body></office:document>"#;
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.fodt\"");
    let (_d, issue) = write_issue(&toml, &[("a.fodt", fodt)]);
    if let Ok((text, _)) = read_through_libreoffice(&issue) {
        assert_eq!(text, "今年以来，城关镇坚持问题导向，全面推进村庄清洁行动。");
    }
    // One LibreOffice cannot parse (no namespaces) came back as its text, tags and
    // all, and printed so: refused.
    let bare = "<?xml version=\"1.0\"?>\n<office:document>\n<text:p>第一段正文。</text:p>\n</office:document>\n";
    let (_d, issue) = write_issue(&toml, &[("a.fodt", bare)]);
    let Err(msg) = jianbao::model::load(&issue).map_err(|e| e.render(false)) else {
        panic!("a .fodt LibreOffice read as text was built");
    };
    assert!(
        msg.contains("LibreOffice read it as plain text") || msg.contains("LibreOffice (soffice)"),
        "{msg}"
    );
}

#[test]
fn check_places_a_word_articles_findings_by_paragraph_and_never_rewrites_it() {
    let (dir, issue) = docx_issue("debris.docx", "推进会");
    let before = std::fs::read(dir.path().join("debris.docx")).unwrap();
    let o = jianbao_cli(&["check", issue.to_str().unwrap()]);
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        // After the table, which counts as one paragraph (its cells counted it as 8).
        out.contains("debris.docx:14:") && out.contains("¶14"),
        "{out}"
    );
    let o = jianbao_cli(&["check", "--fix", issue.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stderr);
    assert!(out.contains("jianbao import"), "{out}");
    assert_eq!(
        std::fs::read(dir.path().join("debris.docx")).unwrap(),
        before
    );
}

#[test]
fn lists_numbered_by_their_word_style_keep_their_numbers() {
    // Word's List Number style numbers its paragraphs through styles.xml: the numbers
    // the author sees in Word are not in the text, and must not be lost.
    let (_d, issue) = docx_issue("lists.docx", "调研报告");
    let (_o, pdf, _) = build_reported(&issue);
    let text = squash(&pdftotext(&pdf));
    for item in [
        "1.监管效能明显提升",
        "2.市场主体负担有效减轻",
        "3.执法行为更加规范",
    ] {
        assert!(text.contains(item), "{item} not in {text}");
    }
    // Bullets print as the paragraphs they are, with their bullets (no number made up
    // for them).
    assert!(
        text.contains("存在的问题：●部门联合抽查比例偏低；●结果公示不够及时。"),
        "{text}"
    );
}

/// Word's footnotes and endnotes come across as Markdown's do: the mark [1] where Word
/// put it, the notes at the article's end in the order of their marks (a note of two
/// paragraphs as one, its bold kept). A mark whose note the file lacks is named and
/// dropped, never printed as `[^f9]`.
#[test]
fn word_footnotes_print_as_numbered_notes_at_the_end() {
    let (_d, issue) = docx_issue("footnotes.docx", "全市代表工作情况");
    let (_t, _pdf, report) = build_reported(&issue);
    let missing = report
        .warnings
        .iter()
        .find(|w| w.contains("has no text in the file"))
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert!(
        missing.contains("paragraph 4") && missing.contains("footnotes.docx"),
        "{missing}"
    );
    assert!(
        report
            .warnings
            .iter()
            .all(|w| !w.contains("is not printed; write it"))
    );
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let paras: Vec<String> = model.articles[0]
        .blocks
        .iter()
        .map(|b| b.inlines().iter().map(|i| i.text.as_str()).collect())
        .collect();
    assert_eq!(
        paras,
        [
            "全市共有各级人大代表1.2万名[1]，其中基层代表占比超过六成。",
            "代表联络站实现镇街全覆盖[2]。",
            "今年以来共收集意见建议一千余条[3]。",
            "数据截至6月底。",
            "[1]数据来源：市人大常委会代表工作委员会，统计口径为五级人大代表。",
            "[2]含街道人大工委设立的联络站。",
            "[3]见《代表工作月报》第6期。",
        ]
    );
    // The notes are notes, the marks superscripts.
    let blocks = &model.articles[0].blocks;
    assert!(
        blocks[4..]
            .iter()
            .all(|b| matches!(b, jianbao::input::Block::Note { .. }))
    );
    let mark = blocks[0]
        .inlines()
        .iter()
        .find(|i| i.sup)
        .map(|i| i.text.as_str());
    assert_eq!(mark, Some("[1]"));
    let strong = model.articles[0].blocks[4]
        .inlines()
        .iter()
        .find(|i| i.strong)
        .map(|i| i.text.clone());
    assert_eq!(strong.as_deref(), Some("五级人大"));
}

/// A Word package made here from its body's XML, with one picture part
/// (`media/image1.png`, relationship `rId9`; its bytes are not an image's, and need
/// not be for what is tested).
fn package(body: &str) -> Vec<u8> {
    use std::io::Write;
    let document = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in [
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/media/image1.png", b"png".as_slice()),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A 编者按 written in Word (`note_file = "note.docx"`) is read as an article's Word
/// file is: it was refused as no text file, with advice to name it .docx, which it was
/// (QA18 M 02).
#[test]
fn a_note_written_in_word_is_read_as_its_text() {
    let toml = MINIMAL_TOML.replace(
        "date = 2026-01-05",
        "date = 2026-01-05\nnote_file = \"note.docx\"",
    );
    let (dir, issue) = write_issue(&toml, &[("a.txt", "正文第一段。\n")]);
    std::fs::write(
        dir.path().join("note.docx"),
        package("<w:p><w:r><w:t>本期刊发两篇调研报告，供各地参考。</w:t></w:r></w:p>"),
    )
    .unwrap();
    let (_t, pdf, _report) = build_reported(&issue);
    assert!(
        squash(&pdftotext(&pdf)).contains("编者按：本期刊发两篇调研报告，供各地参考。"),
        "{}",
        pdftotext(&pdf)
    );
}

/// A Word file holds its photos: three from a phone made a .docx of 22 MB, refused as
/// over the 20 MB of `[limits] article_mb`, and, that raised as told, as over
/// `issue_mb` (QA15 H 01). A Word file may be ten times `article_mb`, and is not
/// counted in `issue_mb`, as photos beside a .md are not.
#[test]
fn a_word_file_may_be_as_large_as_its_photos() {
    use std::io::Write;
    let mut bytes = package("<w:p><w:r><w:t>今年以来，城关镇坚持问题导向。</w:t></w:r></w:p>");
    // Its photos: 1.5 MB stored as they are (photos do not compress).
    let mut zip = zip::ZipWriter::new_append(std::io::Cursor::new(&mut bytes)).unwrap();
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/media/image2.jpg", stored).unwrap();
    let photo: Vec<u8> = (0..1_572_864u32)
        .map(|k| (k.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    zip.write_all(&photo).unwrap();
    zip.finish().unwrap();
    assert!(bytes.len() > 1_500_000);
    let toml = format!(
        "{}\n[limits]\narticle_mb = 1\nissue_mb = 1\n",
        MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.docx\"")
    );
    let (dir, issue) = write_issue(&toml, &[]);
    std::fs::write(dir.path().join("a.docx"), &bytes).unwrap();
    let (_t, pdf, _report) = build_reported(&issue);
    assert!(pdftotext(&pdf).contains("城关镇坚持问题导向"));
    // A text file of that size is still refused.
    let toml = toml.replace("a.docx", "a.txt");
    std::fs::write(&issue, toml).unwrap();
    std::fs::write(dir.path().join("a.txt"), "正文。\n".repeat(200_000)).unwrap();
    let err = jianbao::pipeline::build(&jianbao::pipeline::BuildOptions {
        issue: issue.clone(),
        output: Some(dir.path().join("b.pdf")),
        ..Default::default()
    })
    .unwrap_err()
    .render(false);
    assert!(err.contains("larger than the limit of 1.0 MB"), "{err}");
}

/// `import` of a Word file with no text refuses it as `build` does (nothing written),
/// and writes and counts only the pictures its Markdown names: a picture in a table
/// cell is said, not printed, and not written out.
#[test]
fn import_refuses_an_empty_word_file_and_writes_only_the_photos_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("空.docx");
    std::fs::write(&empty, package("<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>")).unwrap();
    let o = run(&["import", empty.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("has no text") && err.contains("没有正文"),
        "{err}"
    );
    assert!(!dir.path().join("空.md").exists());

    // A table of data (a picture among its cells; a row of a picture and its caption
    // alone would be a photo).
    let cell = r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外景</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>名称</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:drawing><wp:inline><wp:extent cx="1800000" cy="1200000"/><a:graphic><a:graphicData><a:blip r:embed="rId9"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>图1 文化站外景</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>正文。</w:t></w:r></w:p>"#;
    let docx = dir.path().join("表.docx");
    std::fs::write(&docx, package(cell)).unwrap();
    let o = run(&["import", docx.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("0 photo(s)"), "{out}");
    assert!(!dir.path().join("表-images").exists());
    assert!(String::from_utf8_lossy(&o.stderr).contains("a picture in a table cell"));
}

/// Files that are no `.docx` inside are named for what they are, each with what to do:
/// an empty file, an old `.doc` renamed `.docx` that cannot be converted (it may have a
/// password), a web page saved as `.doc`. LibreOffice's own output is never shown.
#[test]
fn odd_word_files_are_named_for_what_they_are() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    for (name, bytes, said) in [
        ("a.docx", &b""[..], "the file is empty (0 bytes)"),
        ("a.docx", &ole[..], "may be password-protected"),
        (
            "a.doc",
            b"<html><head><meta charset=\"utf-8\"></head><body><p>3\xe6\x9c\x88</p></body></html>",
            "a web page (HTML) saved with a Word name",
        ),
    ] {
        let toml = MINIMAL_TOML.replace("file = \"a.txt\"", &format!("file = \"{name}\""));
        let (dir, issue) = write_issue(&toml, &[]);
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let out = dir.path().join("out.pdf");
        let o = build_cli(&issue, &out);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        let has_soffice = Command::new("soffice")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if said.contains("password") && !has_soffice {
            assert!(err.contains("is not installed"), "{err}");
        } else {
            assert!(err.contains(said), "{name}: {err}");
        }
        // Not LibreOffice's own words (its Java warnings, its temporary paths).
        assert!(
            !err.contains("EOCD")
                && !err.contains("javaldx")
                && !err.contains("source file could not be loaded"),
            "{err}"
        );
        assert!(
            !err.contains("install LibreOffice") || name == "a.docx" && !has_soffice,
            "{err}"
        );
        assert!(!out.exists());
    }
}

/// A Word file whose first paragraph is in the Title style, and the issue file gives
/// another title (or none): the paragraph prints as the first of the text, and that is
/// said, with the title = line that prints it once, as the title. The same title as the
/// issue's is not printed twice, and not said so.
#[test]
fn a_word_title_other_than_the_issues_is_said() {
    let styled = r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>关于典型问题的通报</w:t></w:r></w:p><w:p><w:r><w:t>各县（市、区）纪委监委：</w:t></w:r></w:p><w:p><w:r><w:t>今年第三季度，全市查处问题186起。</w:t></w:r></w:p>"#;
    // And a title made by hand, as most are: centred, 二号, bold, in the Normal style
    // (QA13 B 14: it printed under the issue's title, unsaid).
    let by_hand = styled.replace(
        r#"<w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>"#,
        r#"<w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="44"/></w:rPr><w:t>"#,
    );
    for (body, title, said) in [
        (styled, "正文", true),
        (styled, "关于典型问题的通报", false),
        (by_hand.as_str(), "正文", true),
        (by_hand.as_str(), "关于典型问题的通报", false),
    ] {
        let toml = MINIMAL_TOML
            .replace("file = \"a.txt\"", "file = \"a.docx\"")
            .replace("title = \"测试标题\"", &format!("title = \"{title}\""));
        let (dir, issue) = write_issue(&toml, &[]);
        std::fs::write(dir.path().join("a.docx"), package(body)).unwrap();
        let (_t, pdf, report) = build_reported(&issue);
        let w = report
            .warnings
            .iter()
            .find(|w| w.contains("Word's Title style"));
        assert_eq!(w.is_some(), said, "{title}: {:?}", report.warnings);
        if let Some(w) = w {
            assert!(
                w.contains("a.docx: paragraph 1 «关于典型问题的通报»")
                    && w.contains("«正文»")
                    && w.contains("title = \"关于典型问题的通报\""),
                "{w}"
            );
        }
        let text = pdftotext(&pdf);
        assert_eq!(text.matches("关于典型问题的通报").count(), 1, "{text}");
    }
}

/// A Word file signed under its title (城关镇党政办　李晓梅, centred), the issue file
/// giving the same byline: it printed under the title and again under the text, unsaid
/// (QA15 H 07). Now once, under the text, and said; the same with the author (printed
/// under the title) and a text file.
#[test]
fn a_byline_typed_under_the_title_is_not_printed_twice() {
    let body = r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="44"/></w:rPr><w:t>测试标题</w:t></w:r></w:p><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>城关镇党政办　李晓梅</w:t></w:r></w:p><w:p><w:r><w:t>今年以来，城关镇坚持问题导向，全面推进村庄清洁行动。</w:t></w:r></w:p>"#;
    for (key, name) in [
        ("byline", "a.docx"),
        ("author", "a.docx"),
        ("byline", "a.txt"),
    ] {
        let toml = MINIMAL_TOML
            .replace("file = \"a.txt\"", &format!("file = \"{name}\""))
            .replace(
                "byline = \"测试处 供稿\"",
                &format!("{key} = \"城关镇党政办　李晓梅\""),
            );
        let (dir, issue) = write_issue(&toml, &[]);
        let bytes = match name {
            "a.docx" => package(body),
            _ => "测试标题\n（城关镇党政办　李晓梅）\n今年以来，城关镇坚持问题导向，全面推进村庄清洁行动。\n".into(),
        };
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let (_t, pdf, report) = build_reported(&issue);
        let text = squash(&pdftotext(&pdf));
        assert_eq!(
            text.matches("城关镇党政办李晓梅").count(),
            1,
            "{key} {name}: {text}"
        );
        assert!(
            report.warnings.iter().any(|w| w.contains(&format!(
                "at the text's head repeats the article's {key} ({key} = \"城关镇党政办　李晓梅\")"
            ))),
            "{key} {name}: {:?}",
            report.warnings
        );
    }
}

/// A Word file that opens with the bulletin's own name in the Title style, then the
/// article's title as Heading 1 (政协信息 / 县政协召开提案办理协商会): the name goes as
/// the pasted head, the title as the title, each said once at its own paragraph. It
/// was said three ways: as the head, as a title at paragraph 1, and as a Title that
/// «prints as the article's first paragraph», which it did not (r23 F20).
#[test]
fn a_word_title_that_is_the_bulletins_name_is_said_once_as_the_head() {
    let body = r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>测试简报</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>测试标题</w:t></w:r></w:p><w:p><w:r><w:t>今年第三季度，全市查处问题186起。</w:t></w:r></w:p>"#;
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.docx\"");
    let (dir, issue) = write_issue(&toml, &[]);
    std::fs::write(dir.path().join("a.docx"), package(body)).unwrap();
    let (_t, pdf, report) = build_reported(&issue);
    let about = |what: &str| -> Vec<&String> {
        report
            .warnings
            .iter()
            .filter(|w| w.contains(what))
            .collect()
    };
    assert!(
        about("Word's Title style").is_empty(),
        "{:?}",
        report.warnings
    );
    let head = about("bulletin's own head");
    let title = about("repeats the article's title");
    assert_eq!((head.len(), title.len()), (1, 1), "{:?}", report.warnings);
    assert!(head[0].contains("a.docx: paragraph 1:"), "{head:?}");
    assert!(title[0].contains("a.docx: paragraph 2:"), "{title:?}");
    let text = squash(&pdftotext(&pdf));
    // The name once (the masthead's), the title once.
    assert_eq!(text.matches("测试简报").count(), 1, "{text}");
    assert_eq!(text.matches("测试标题").count(), 1, "{text}");
}

/// A Word file's picture that the layout moves or makes smaller is said at its
/// paragraph, as the Word file's other findings are: it was said at the file alone,
/// by its name inside it (media/image1.jpeg), which no editor has seen (r23 F33).
#[test]
fn a_word_pictures_layout_warning_names_its_paragraph() {
    let text = "这是正文的一段，写满一行二十八个字的内容用于测试版面好的。\n".repeat(6);
    let toml = MINIMAL_TOML.to_owned()
        + "\n[[article]]\ntitle = \"全市基层治理工作推进会召开\"\nfile = \"tongxun.docx\"\n";
    let (dir, issue) = write_issue(&toml, &[("a.txt", &text)]);
    std::fs::copy(fixture("tongxun.docx"), dir.path().join("tongxun.docx")).unwrap();
    let (_t, _pdf, report) = build_reported(&issue);
    let w = warning(&report, "the photo media/image1.jpeg");
    assert!(w.contains("tongxun.docx: paragraph 8: the photo"), "{w}");
}

/// A `.docx` named `.doc` (a Word file renamed, or saved so by a mail client) is read
/// as the `.docx` it is: it was refused as "not a .docx" when LibreOffice was missing.
#[test]
fn a_docx_named_doc_is_read_as_the_docx_it_is() {
    let body = r#"<w:p><w:r><w:t>今年第三季度，全市查处问题186起。</w:t></w:r></w:p>"#;
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.doc\"");
    let (dir, issue) = write_issue(&toml, &[]);
    std::fs::write(dir.path().join("a.doc"), package(body)).unwrap();
    let (_t, pdf, _report) = build_reported(&issue);
    assert!(squash(&pdftotext(&pdf)).contains("全市查处问题186起"));
}

/// A Word file's half-width punctuation is warned by the build, as a text file's is,
/// at its paragraph (a place in the Markdown it is read as is none in the .docx).
#[test]
fn a_word_files_punctuation_is_warned_at_its_paragraph() {
    let body = r#"<w:p><w:r><w:t>今年以来，全区教育系统认真落实政策。</w:t></w:r></w:p><w:p><w:r><w:t>下一步,我们将继续努力!</w:t></w:r></w:p>"#;
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.docx\"");
    let (dir, issue) = write_issue(&toml, &[]);
    std::fs::write(dir.path().join("a.docx"), package(body)).unwrap();
    let (_t, _pdf, report) = build_reported(&issue);
    let w = report
        .warnings
        .iter()
        .find(|w| w.contains("punctuation problem(s)"))
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert!(
        w.contains("a.docx: paragraph 2: 2 punctuation problem(s)"),
        "{w}"
    );
}
