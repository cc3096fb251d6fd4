//! The genre's parts (GUIDE §4) in the issue file, found in the PDF with their
//! positions: a two-level masthead, an issue line as written, a date in Chinese
//! numerals, an untitled report, a quotation, a divider, 本期要目 with the pages the
//! articles start on, the issue's 编者按 and an article's 按语, the authors' own heading
//! numbers, a print run as text at the end of the lists, and GB/T 9704's 版记 line.

use std::path::Path;
use std::process::Command;

use crate::common::*;

/// A word box of `pdftotext -bbox`: text and (x0, y0, x1, y1) in pt from the top left.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
}

/// Every word of a PDF with its box, page by page (poppler's `-bbox`).
fn words(pdf: &Path) -> Vec<Word> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext -bbox");
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |line: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let start = line.find(&key).unwrap() + key.len();
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines() {
        if line.contains("<page ") {
            page += 1;
        }
        if let Some(i) = line.find("<word ") {
            let line = &line[i..];
            let text = line.split('>').nth(1).unwrap().split('<').next().unwrap();
            out.push(Word {
                text: text.to_owned(),
                page,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
            });
        }
    }
    out
}

fn find<'a>(words: &'a [Word], text: &str) -> &'a Word {
    words
        .iter()
        .find(|w| w.text.contains(text))
        .unwrap_or_else(|| panic!("«{text}» not in the PDF: {words:?}"))
}

fn build_issue(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    build_to_temp(&repo().join("issues").join(name).join("issue.toml"))
}

#[test]
fn a_meeting_bulletin_with_issuer_label_chinese_date_quote_and_divider() {
    if !tool("pdftotext") {
        return;
    }
    let (_d, pdf) = build_issue("huiyi-jianbao-1978-03");
    let w = words(&pdf);
    let issuer = find(&w, "江岭省第五届人民代表大会第一次会议秘书处");
    let title = find(&w, "情况简报");
    let label = find(&w, "〔第三期〕");
    let date = find(&w, "一九七八年十月一日");
    // Top down: the issuer over the title, the issue line as written, the date.
    assert!(issuer.y0 < title.y0 && title.y0 < label.y0 && label.y0 < date.y0);
    assert!(
        issuer.x1 - issuer.x0 < 160.0 * 72.0 / 25.4,
        "the issuer fits the block"
    );
    // No 第…期 made up for an issue without a number, no 总第.
    let text = pdftotext(&pdf);
    assert!(!text.contains("第3期") && !text.contains("总第"), "{text}");
    // Untitled: the report's first line comes right under the masthead.
    let first = find(&w, "十月一日上午");
    assert!(
        first.y0 - date.y0 < 2.0 * 29.7,
        "no empty title block: {first:?}"
    );
    // The quotation is indented two characters more than the body on both sides.
    let quote = find(&w, "要认真总结经验");
    let body = find(&w, "代表们一致认为");
    assert!(quote.x0 > body.x0 + 2.0 * 15.0, "{quote:?} vs {body:?}");
    // The divider is centred on the text block (28 mm to 184 mm).
    let divider = w.iter().find(|w| w.text.contains('※')).expect("a divider");
    let middle = (28.0 + 78.0) * 72.0 / 25.4;
    let line: Vec<&Word> = w
        .iter()
        .filter(|x| x.page == divider.page && (x.y0 - divider.y0).abs() < 1.0)
        .collect();
    let (x0, x1) = (
        line.iter().map(|x| x.x0).fold(f64::MAX, f64::min),
        line.iter().map(|x| x.x1).fold(f64::MIN, f64::max),
    );
    assert!(((x0 + x1) / 2.0 - middle).abs() < 3.0, "{line:?}");
    // 共印1,200份 at the end of the last distribution list, on its line.
    let count = find(&w, "共印1,200份");
    let last = find(&w, "各代表团、各工作组");
    assert!((count.y0 - last.y0).abs() < 1.0 && count.x0 > last.x1);
    // One page: the 报尾 fits under the report.
    assert_eq!(w.iter().map(|w| w.page).max(), Some(1));
}

#[test]
fn contents_notes_and_the_authors_numbers() {
    if !tool("pdftotext") {
        return;
    }
    let (_d, pdf) = build_issue("gongzuo-dongtai-2026-05");
    let w = words(&pdf);
    // 本期要目: each title with the page it starts on, read back from the PDF.
    let contents = find(&w, "本期要目");
    assert_eq!(contents.page, 1);
    for title in [
        "代表联络站建设的几点做法",
        "基层立法联系点工作情况",
        "南屿县人大常委会开展食品安全执法检查",
    ] {
        let entry = w
            .iter()
            .find(|x| x.page == 1 && x.text.starts_with(title) && x.y0 < contents.y0 + 200.0)
            .unwrap_or_else(|| panic!("{title} not in 本期要目"));
        let listed: usize = entry
            .text
            .trim_start_matches(title)
            .trim_start_matches('…')
            .parse()
            .unwrap_or_else(|_| panic!("no page number in {entry:?}"));
        // The title as a heading: the first place after the contents.
        let heading = w
            .iter()
            .find(|x| x.text == title && (x.page > 1 || x.y0 > entry.y0 + 100.0))
            .unwrap_or_else(|| panic!("{title} not set as a title"));
        assert_eq!(listed, heading.page, "{title}");
    }
    let text = squash(&pdftotext(&pdf));
    // The issue's 编者按 and an article's 按语, label and text.
    assert!(
        text.contains("编者按：本期刊发全省人大代表联络站建设"),
        "{text}"
    );
    assert!(text.contains("按语：代表联络站是代表联系群众的重要平台"));
    // The authors' numbers, once: no （1）① and no 一、一、.
    assert!(text.contains("①广泛征集意见") && !text.contains("（1）①"));
    assert!(text.contains("一、主要做法") && !text.contains("一、一、"));
    assert!(text.contains("（二）健全工作机制"));
    // GB/T 9704's 版记 line: the office at the left, the date 印发 at the right.
    let by = find(&w, "江岭省人大常委会办公厅");
    let on = find(&w, "2026年5月20日印发");
    assert!((by.y0 - on.y0).abs() < 1.0 && on.x0 > by.x1);
}

#[test]
fn no_number_no_date_and_an_untitled_article_print_nothing_for_them() {
    let toml = r#"
[bulletin]
title = "情况反映"

[[article]]
file = "a.txt"
"#
    .to_owned();
    let (dir, issue) = write_issue(&toml, &[("a.txt", "正文第一段。\n")]);
    let out = dir.path().join("out.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args([
            "build",
            issue.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    if tool("pdftotext") {
        let text = pdftotext(&out);
        assert!(!text.contains('期') && !text.contains('年'), "{text}");
        let w = words(&out);
        let title = find(&w, "情况反映");
        let body = find(&w, "正文第一段");
        // The masthead's 8 lines, then the body at once: no title block between.
        assert!(body.y0 - title.y0 < 8.0 * 29.7, "{body:?}");
    }
}

#[test]
fn chinese_dates_and_print_runs_as_text_reach_the_model() {
    let toml = MINIMAL_TOML
        .replace(
            "date = 2026-01-05",
            "date = 1957-07-30\ndate_style = \"chinese\"\ndate_suffix = \"印发\"",
        )
        .replace("number = 1\n", "label = \"〔第三期〕\"\n")
        + "\n[footer]\nprint_count = \"2,065\"\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(
        model.issue.date_text.as_deref(),
        Some("一九五七年七月三十日印发")
    );
    assert_eq!(model.issue.number_text.as_deref(), Some("〔第三期〕"));
    // A label is printed as written: no 总第…期 beside it.
    assert_eq!(model.issue.total_text, None);
    assert_eq!(model.footer.unwrap().print_count.as_deref(), Some("2,065"));
}

#[test]
fn a_note_from_a_file_with_its_own_label_opens_the_issue() {
    if !tool("pdftotext") {
        return;
    }
    let toml = MINIMAL_TOML.replace(
        "date = 2026-01-05",
        "date = 2026-01-05\nnote_file = \"note.md\"\nnote_label = \"编者的话\"",
    );
    let (_dir, issue) = write_issue(
        &toml,
        &[
            ("a.txt", "正文第一段。\n"),
            ("note.md", "本期刊发一篇测试文章。\n\n请各地参考。\n"),
        ],
    );
    let (_d, pdf) = build_to_temp(&issue);
    let w = words(&pdf);
    let label = find(&w, "编者的话");
    let body = find(&w, "正文第一段");
    // The label opens the note's first paragraph, indented like a body paragraph, above
    // the article; the note's text follows on its line.
    assert!((label.x0 - body.x0).abs() < 1.0, "{label:?} vs {body:?}");
    assert!(label.y0 < body.y0);
    assert!(label.text.contains("本期刊发") || find(&w, "本期刊发").y0 == label.y0);
    assert!(squash(&pdftotext(&pdf)).contains("编者的话：本期刊发一篇测试文章。请各地参考。"));
}
