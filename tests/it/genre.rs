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
    y1: f64,
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
                y1: attr(line, "yMax"),
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
        // The line: the title, a dot leader, the page number.
        let line: String = w
            .iter()
            .filter(|x| x.page == 1 && (x.y0 - entry.y0).abs() < 1.0)
            .map(|x| x.text.as_str())
            .collect();
        let listed: usize = line
            .trim_start_matches(title)
            .trim_start_matches(['.', '…'])
            .parse()
            .unwrap_or_else(|_| panic!("no page number in «{line}»"));
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
    // A monthly bulletin is dated by its month.
    for (style, printed) in [("month", "2026年3月"), ("chinese_month", "二〇二六年三月")] {
        let toml = MINIMAL_TOML.replace(
            "date = 2026-01-05",
            &format!("date = 2026-03-01\ndate_style = \"{style}\""),
        );
        let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
        let (model, _) = jianbao::model::load(&issue).unwrap();
        assert_eq!(model.issue.date_text.as_deref(), Some(printed));
    }
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

/// A note whose text opens with its label again (编者按：……, pasted from the Word
/// draft; 【按语】 before an article's) prints the label once, said; it printed
/// 编者按：编者按：.
#[test]
fn a_label_typed_again_at_a_notes_start_prints_once() {
    let toml = MINIMAL_TOML
        .replace(
            "date = 2026-01-05",
            "date = 2026-01-05\nnote = \"编者按：现将发言摘登如下。\"",
        )
        .replace(
            "file = \"a.txt\"",
            "file = \"a.txt\"\nnote = \"【按语】 请各地参考。\"",
        );
    let (_dir, issue) = write_issue(&toml, &[("a.txt", "正文第一段。\n")]);
    let (_t, pdf, report) = build_reported(&issue);
    let text = squash(&pdftotext(&pdf));
    assert_eq!(text.matches("编者按").count(), 1, "{text}");
    assert!(text.contains("编者按：现将发言摘登如下。"), "{text}");
    assert_eq!(text.matches("按语").count(), 1, "{text}");
    assert!(text.contains("按语：请各地参考。"), "{text}");
    let said: Vec<&String> = report
        .warnings
        .iter()
        .filter(|w| w.contains("the note opens with"))
        .collect();
    assert_eq!(said.len(), 2, "{:?}", report.warnings);
    assert!(
        said[0].contains("«编者按：»") && said[1].contains("«【按语】»"),
        "{said:?}"
    );
}

/// An article with a pipe table of `rows` rows between two paragraphs.
fn with_table(rows: usize, extra_cell: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let body: String = (1..=rows)
        .map(|i| {
            format!(
                "| 第{i}县{extra_cell} | {},{:03} | {i}.5% |\n",
                i * 3,
                i * 7
            )
        })
        .collect();
    let md = format!(
        "全省订阅情况见下表，各地稳中有升。\n\n| 县（市、区） | 订阅份数 | 增长 |\n|---|---:|---:|\n{body}\n表中数字为全年合计。\n"
    );
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    write_issue(&toml, &[("a.md", &md)])
}

#[test]
fn a_pipe_table_is_a_three_line_table_with_numbers_at_the_right() {
    if !tool("pdftotext") {
        return;
    }
    let (_d, issue) = with_table(12, "");
    let (_t, pdf) = build_to_temp(&issue);
    let w = words(&pdf);
    // Every cell is there, once; the header once on each page the table is on.
    let table_pages: std::collections::BTreeSet<usize> = w
        .iter()
        .filter(|x| x.text.starts_with('第') && x.text.ends_with('县'))
        .map(|x| x.page)
        .collect();
    assert_eq!(
        w.iter().filter(|x| x.text == "订阅份数").count(),
        table_pages.len()
    );
    assert!(w.iter().any(|x| x.text == "第12县"));
    // The numbers of a right-aligned column share their right edge.
    let rights: Vec<f64> = w
        .iter()
        .filter(|x| {
            x.text.contains(',') && x.text.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        .map(|x| x.x1)
        .collect();
    assert_eq!(rights.len(), 12, "{w:?}");
    assert!(
        rights.iter().all(|r| (r - rights[0]).abs() < 0.5),
        "{rights:?}"
    );
    // The text after the table follows it.
    let (after, last) = (find(&w, "表中数字为"), find(&w, "第12县"));
    assert!((after.page, after.y0 as i64) > (last.page, last.y0 as i64));
}

#[test]
fn a_long_table_splits_between_rows_with_its_header_repeated() {
    if !tool("pdftotext") {
        return;
    }
    let (_d, issue) = with_table(60, "");
    let (_t, pdf) = build_to_temp(&issue);
    let w = words(&pdf);
    let pages: std::collections::BTreeSet<usize> = w
        .iter()
        .filter(|x| x.text.contains("订阅份数"))
        .map(|x| x.page)
        .collect();
    assert!(
        pages.len() >= 2,
        "the header on every page of the table: {pages:?}"
    );
    // No row is lost or doubled.
    for i in [1, 30, 60] {
        assert_eq!(
            w.iter().filter(|x| x.text == format!("第{i}县")).count(),
            1,
            "row {i}"
        );
    }
}

#[test]
fn table_cells_go_through_the_font_check_and_check() {
    // A character no font has, in a cell: an error at its line in the .md.
    let (dir, issue) = with_table(3, "\u{E000}");
    let o = jianbao_cli(&["build", issue.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("a.md:5:"), "{err}");
    assert!(!dir.path().join("issue.pdf").exists());
    // A half-width comma in a cell is found by check.
    let md = "前文。\n\n| 项目 | 说明 |\n|---|---|\n| 甲 | 已完成,待验收 |\n";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d2, issue) = write_issue(&toml, &[("a.md", md)]);
    let o = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["check", issue.to_str().unwrap()])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("a.md:5:") && out.contains("«,»"), "{out}");
}

/// 全角式 sets every mark a full em in the line (GUIDE §2): Typst shrank a mark by up
/// to half its advance to justify a tight line, and a trial issue set 36 of 164 marks
/// mid-line narrower than 0.8 em, its punctuation visibly uneven from line to line. The
/// boxes that keep them whole keep a line of the grid's 28 characters too.
#[test]
fn quanjiao_marks_are_never_squeezed_to_justify_a_line() {
    if cjkcheck_script().is_none() {
        // PyMuPDF measures the glyphs (required in CI).
        return;
    }
    let sentence = "调查显示，企业利润同比增长，占四成；亏损面扩大，原因复杂、多样，需要“对症下药”，依照《条例》规定办理。";
    let text: String = (0..30)
        .map(|k| "甲".repeat(k) + sentence + &"乙".repeat(30 - k) + sentence + "\n")
        .collect();
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    // The advance of each mark mid-line with text on both sides, in body size (an
    // opening mark is shrunk on its left: the advance to it from the character before).
    let advances = pymupdf_numbers(
        &pdf,
        "M = set('，。、；：？！”’）》“‘（《')\nO = set('“‘（《')\nfor page in pymupdf.open(sys.argv[1]):\n  for b in page.get_text('rawdict')['blocks']:\n    for l in b.get('lines', []):\n      cs = [c for s in l['spans'] if abs(s['size'] - 16) < 0.5 for c in s['chars']]\n      for i in range(1, len(cs) - 1):\n        if cs[i]['c'] in M and cs[i - 1]['c'] not in M and cs[i + 1]['c'] not in M:\n          j = i - 1 if cs[i]['c'] in O else i\n          print(cs[j + 1]['origin'][0] - cs[j]['origin'][0])",
    );
    assert!(advances.len() > 300, "{}", advances.len());
    let squeezed = advances.iter().filter(|a| **a < 0.8 * 16.0).count();
    assert_eq!(
        squeezed,
        0,
        "{squeezed} of {} marks squeezed",
        advances.len()
    );
    // And the lines hold 28 characters as the grid has them (none came out short).
    let lines = pymupdf_lines(&pdf);
    let full = lines.iter().filter(|l| l.chars().count() == 28).count();
    assert!(full > 20, "{lines:?}");
    for check in [1, 3, 13] {
        let (status, report) = cjkcheck_one(&pdf, check).unwrap();
        assert_eq!(status, "PASS", "{report}");
    }
}

/// A loose line's slack is shared between all its characters, its ideographic space
/// taking no more than one share: 第二条　本市…… stood two characters apart while the
/// rest of the line was set close (QA2 09).
#[test]
fn an_ideographic_space_takes_a_loose_lines_slack_no_more_than_a_character() {
    if cjkcheck_script().is_none() {
        // PyMuPDF measures the glyphs (required in CI).
        return;
    }
    // The last two characters kept together leave the first line a character short.
    let text = "第二条　本市行政区域内的文明行为促进工作，适用本条例。\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (_t, pdf) = build_to_temp(&issue);
    // The first body line's advances from each character to the next.
    let advances = pymupdf_numbers(
        &pdf,
        "for page in pymupdf.open(sys.argv[1]):\n  for b in page.get_text('rawdict')['blocks']:\n    for l in b.get('lines', []):\n      cs = [c for s in l['spans'] if abs(s['size'] - 16) < 0.5 for c in s['chars']]\n      if len(cs) > 10 and cs[0]['c'] == '第':\n        for i in range(len(cs) - 1):\n          print(cs[i + 1]['origin'][0] - cs[i]['origin'][0])",
    );
    assert!(advances.len() > 20, "{advances:?}");
    // 条 to the space, the space to 本: one em more than the line's usual advance at most.
    let usual = advances[4..advances.len() - 1]
        .iter()
        .copied()
        .fold(f64::MAX, f64::min);
    assert!(usual > 16.5, "the line is not loose: {advances:?}");
    let gap = advances[2] + advances[3];
    assert!(
        gap <= 2.0 * usual + 0.5,
        "条 to 本 {gap:.1} pt against {usual:.1} pt a character: {advances:?}"
    );
}

/// No paragraph ends in a line of one character (孤字, GUIDE §2): 全角式 breaks its
/// lines first-fit, which cannot weigh a runt, so a paragraph's last two characters are
/// kept together. Every length from one short of a runt to one past it.
#[test]
fn no_paragraph_ends_in_a_line_of_one_character() {
    let text: String = (50..60).map(|n| "建".repeat(n) + "设。\n").collect();
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    let ends: Vec<&String> = lines.iter().filter(|l| l.ends_with("设。")).collect();
    assert_eq!(ends.len(), 10, "{lines:?}");
    assert!(ends.iter().all(|l| l.chars().count() >= 3), "{ends:?}");
    if let Some((status, report)) = cjkcheck_one(&pdf, 5) {
        assert_eq!(report["counts"]["runts"], 0, "{status} {report}");
    }
}

/// A paragraph that ends in a number with its unit and measure word keeps them whole on
/// its last line: 1.2万余 (the number's own box) and 份。 went apart, 份。 a line alone
/// (r23 F14). A paragraph that holds them on one line with its 。 trimmed at the line's
/// end stays one line.
#[test]
fn a_number_and_its_measure_word_end_a_paragraph_together() {
    let filler = "县教育局组织教研员分组深入全县中小学开展课堂教学视导";
    let text: String = (19..=25)
        .map(|k| filler.chars().take(k).collect::<String>() + "1.2万余份。\n")
        .collect();
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    let ends: Vec<&String> = lines.iter().filter(|l| l.ends_with("份。")).collect();
    assert_eq!(ends.len(), 7, "{lines:?}");
    assert!(ends.iter().all(|l| l.contains("1.2万余份。")), "{ends:?}");
    // Two indent, 21 characters, 1.2 (1.25 em) and 万余份。 (3.5 em at the line's
    // end): 27.75 of the line's 28 em, one line.
    assert!(
        ends[2].starts_with("县教育局") && ends[2].chars().count() == 28,
        "{ends:?}"
    );
}

/// A table that runs onto the next pages is continued as Chinese tables are: `续表1`
/// over the header on each page after the first (r23 F16: the header only); and it
/// breaks between rows only where no merged cell spans them (r23 F34: a merged cell
/// printed on one page, the rest of its rows on the next without it). Its notes go
/// with its last rows.
#[test]
fn a_table_continued_on_the_next_page_says_xubiao_and_keeps_merged_rows_together() {
    if cjkcheck_script().is_none() {
        // PyMuPDF finds the pages (required in CI).
        return;
    }
    let mut md = String::from(
        "各单位整改情况如下。\n\n表1 隐患整改情况\n\n| 单位 | 隐患 | 整改措施 |\n|---|---|---|\n",
    );
    for g in 1..=14 {
        md += &format!("| 单位{g:02} | 隐患{g:02}甲 | 措施{g:02}甲 |\n");
        for k in ["乙", "丙", "丁"] {
            md += &format!("| ^^ | 隐患{g:02}{k} | 措施{g:02}{k} |\n");
        }
    }
    md += "注：数据截至11月底。\n\n以上情况请各单位对照整改。\n";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
    let (_t, pdf) = build_to_temp(&issue);
    // The pages of the lines that hold each text, found in one run.
    let mut texts = vec![
        "整改措施".to_owned(),
        "续表1".to_owned(),
        "表1 隐患整改情况".to_owned(),
        "数据截至".to_owned(),
    ];
    for g in 1..=14 {
        texts.push(format!("单位{g:02}"));
        for k in ["甲", "乙", "丙", "丁"] {
            texts.push(format!("隐患{g:02}{k}"));
        }
    }
    let found = pymupdf_numbers(
        &pdf,
        &format!(
            "d = pymupdf.open(sys.argv[1])\nfor i, t in enumerate({texts:?}):\n    for p in d:\n        for r in p.search_for(t):\n            print(i, p.number + 1)"
        ),
    );
    let page_of = |text: &str| -> Vec<usize> {
        let i = texts.iter().position(|t| t == text).unwrap() as f64;
        found
            .chunks(2)
            .filter(|c| c[0] == i)
            .map(|c| c[1] as usize)
            .collect()
    };
    let heads = page_of("整改措施");
    let xubiao = page_of("续表1");
    assert!(
        heads.len() >= 3,
        "a table of 56 rows runs over three pages: {heads:?}"
    );
    // 续表1 once on every page the header is repeated on, and not on the first.
    assert_eq!(xubiao, heads[1..].to_vec(), "{heads:?} {xubiao:?}");
    assert_eq!(page_of("表1 隐患整改情况"), heads[..1].to_vec());
    // Each merged cell on the page of all its rows.
    for g in 1..=14 {
        let unit = page_of(&format!("单位{g:02}"));
        for k in ["甲", "乙", "丙", "丁"] {
            assert_eq!(page_of(&format!("隐患{g:02}{k}")), unit, "单位{g:02}: {k}");
        }
    }
    // The notes under the last rows.
    assert_eq!(page_of("数据截至"), page_of("隐患14丁"));
}

/// Wherever a long table starts on its page, the layout settles and each page it runs
/// onto holds `续表1` over its header. At the foot of page 1, with a little less room
/// than its caption, header and three rows need, it went back and forth: moved to page
/// 2 (an empty block over the white took the table's place, a line gap higher), then
/// kept (there was room from that place), and Typst gave up after five passes with the
/// first part run over onto a page of its own (a sweep of 30 places, 3 of them).
#[test]
fn a_long_table_settles_wherever_it_starts_and_every_page_it_runs_onto_says_xubiao() {
    if cjkcheck_script().is_none() {
        // PyMuPDF finds the pages (required in CI).
        return;
    }
    let line = "这是正文的一段，写满一行二十八个字的内容用于测试版面好的。\n\n";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    for n in 2..7 {
        let mut md =
            line.repeat(n) + "表1 隐患整改情况\n\n| 单位 | 隐患 | 整改措施 |\n|---|---|---|\n";
        for g in 1..=30 {
            md += &format!(
                "| 单位{g:02} | 隐患{g:02}甲，内容较长需要换行显示的一段文字 | 措施{g:02}甲 |\n"
            );
        }
        md += "| 其他单位（数据截至11月底） | | |\n\n以上情况请各单位对照整改。\n";
        let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
        let (_t, pdf, report) = build_reported(&issue);
        assert!(
            !report.warnings.iter().any(|w| w.contains("converge")),
            "{n}: {:?}",
            report.warnings
        );
        let found = pymupdf_numbers(
            &pdf,
            "d = pymupdf.open(sys.argv[1])\nfor p in d:\n    for i, t in enumerate(['整改措施', '续表1']):\n        if p.search_for(t):\n            print(i, p.number + 1)",
        );
        let pages = |i: f64| -> Vec<f64> {
            found
                .chunks(2)
                .filter(|c| c[0] == i)
                .map(|c| c[1])
                .collect()
        };
        let (heads, xubiao) = (pages(0.0), pages(1.0));
        assert!(heads.len() >= 2, "{n}: {heads:?}");
        assert_eq!(xubiao, heads[1..].to_vec(), "{n}");
    }
}

#[test]
fn kaiming_sets_marks_at_half_width_and_quanjiao_at_full() {
    if cjkcheck_script().is_none() {
        // PyMuPDF measures the advances (required in CI).
        return;
    }
    let md = "会议指出，今年以来，各地各部门坚持和发展新时代“枫桥经验”，网格化管理、精细化服务基本建成。\n";
    let advance = |style: &str| -> f64 {
        let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"")
            + &format!("\n[style]\npunctuation = \"{style}\"\n");
        let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
        let (_t, pdf) = build_to_temp(&issue);
        let out = Command::new("python3")
            .arg(repo().join("tests/advance_after.py"))
            .arg(&pdf)
            .arg("，")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    };
    // 三号 (16 pt): a full em less the grid's tracking, or half an em.
    let (full, half) = (advance("quanjiao"), advance("kaiming"));
    assert!((full - 16.0).abs() < 1.0, "quanjiao ，: {full}");
    assert!((half - 8.0).abs() < 1.0, "kaiming ，: {half}");
    // A half-width mark at a line's end keeps its half em: Typst trimmed it by half once
    // more, and a line-end ， stood a quarter em (4 pt) past the margin (cjkcheck's
    // check 3). Lines of 27 Han characters and a ，, so that (nearly) every line ends in one.
    let han: Vec<char> =
        "各地各部门认真落实中央部署持续推进重点工作取得新的成效全市上下紧扣目标任务狠抓\
        工作落实经济运行稳中有进社会大局和谐稳定人民群众获得感幸福感安全感不断增强基层治理\
        水平明显提升营商环境持续优化重大项目加快建设民生实事扎实推进生态环境质量稳步改善"
            .chars()
            .collect();
    // The first line has its 2-character indent.
    let mut text: String = han[..25].iter().collect();
    text.push('，');
    for line in han[25..].chunks(27) {
        text.extend(line);
        text.push('，');
    }
    text.push_str("确保取得实效。\n");
    let toml = MINIMAL_TOML.to_owned() + "\n[style]\npunctuation = \"kaiming\"\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let out = Command::new("python3")
        .arg(repo().join("tests/line_end_marks.py"))
        .arg(&pdf)
        .output()
        .unwrap();
    let rooms: Vec<f64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    assert!(rooms.len() >= 4, "lines ending in ，: {rooms:?}");
    assert!(
        rooms.iter().all(|r| (r - 8.0).abs() < 0.5),
        "a line-end ， has half an em (8 pt) to the edge: {rooms:?}"
    );
    // An unknown style is an error at its line.
    let toml = MINIMAL_TOML.to_owned() + "\n[style]\npunctuation = \"banjiao\"\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let e = jianbao::model::load(&issue).unwrap_err().render(false);
    assert!(e.contains("banjiao") && e.contains("issue.toml:"), "{e}");
}

/// A caption too long for a line breaks before the bracketed note it ends with, not
/// inside a word (r23 F21: `…按检查先后顺序排` / `列，不含已停产企业）`); a short one
/// with a note stays on its line.
#[test]
fn a_long_table_caption_breaks_before_its_bracketed_note() {
    let long = "表4 重点企业执法检查情况一览表（2026年11月20日至28日，按检查先后顺序排列，不含已停产企业）";
    let short = "表5 整改情况（截至11月28日）";
    let table =
        "序号\t企业名称\t检查日期\n1\t江岭化工有限公司\t11月20日\n2\t青石县建材厂\t11月22日\n";
    let text = format!("检查情况如下。\n{long}\n{table}\n整改情况如下。\n{short}\n{table}");
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines: Vec<String> = pymupdf_lines(&pdf).iter().map(|l| squash(l)).collect();
    let at = |t: &str| lines.iter().position(|l| l == t);
    let head = at("表4重点企业执法检查情况一览表").unwrap_or_else(|| panic!("{lines:#?}"));
    assert_eq!(
        lines[head + 1],
        "（2026年11月20日至28日，按检查先后顺序排列，不含已停产企业）"
    );
    assert!(at(&squash(short)).is_some(), "{lines:#?}");
}

#[test]
fn a_table_caption_over_the_table_and_the_grid_style() {
    let md = "各地订阅情况如下。\n\n表1 各县订阅份数\n\n| 县 | 份数 |\n|---|---:|\n| 东湖区 | 412 |\n| 西山区 | 365 |\n\n表中数字为全年合计。\n";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    for style in ["three-line", "grid"] {
        let toml = toml.clone() + &format!("\n[style]\ntable = \"{style}\"\n");
        let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
        let (model, _) = jianbao::model::load(&issue).unwrap();
        let table = model.articles[0]
            .blocks
            .iter()
            .find_map(|b| match b {
                jianbao::input::Block::Table(t) => Some(t),
                _ => None,
            })
            .unwrap();
        assert_eq!(table.caption[0].text, "表1 各县订阅份数");
        // The caption is not printed again as a paragraph.
        assert_eq!(model.articles[0].blocks.len(), 3, "{style}");
        let (_t, pdf) = build_to_temp(&issue);
        if tool("pdftotext") {
            let text = squash(&body_text(&pdf));
            let cap = text.find("表1各县订阅份数").expect("the caption printed");
            assert!(cap < text.find("东湖区").unwrap(), "over the table: {text}");
        }
        let doc = lopdf::Document::load(&pdf).unwrap();
        let page = doc.get_pages()[&1];
        let content = doc.get_and_decode_page_content(page).unwrap();
        // Ruled paths: a grid draws many more strokes than three rules (the masthead's
        // red rules are strokes too).
        let strokes = content
            .operations
            .iter()
            .filter(|o| o.operator == "S")
            .count();
        if style == "grid" {
            assert!(strokes >= 8, "{style}: {strokes} strokes");
        } else {
            assert!(strokes < 8, "{style}: {strokes} strokes");
        }
    }
    let bad = MINIMAL_TOML.to_owned() + "\n[style]\ntable = \"boxes\"\n";
    let (_d, issue) = write_issue(&bad, &[("a.txt", "正文。\n")]);
    assert!(jianbao::model::load(&issue).is_err());
}

/// The issue file with a column and a footer, and `[labels]` over them.
fn labelled(labels: &str) -> String {
    MINIMAL_TOML.replace(
        "title = \"测试标题\"",
        "title = \"测试标题\"\ncolumn = \"工作研究\"",
    ) + "\n[footer]\neditors = [\"王五\"]\nprint_count = 300\napproval = \"测内资准字001号\"\n[[footer.distribution]]\nlabel = \"送\"\nrecipients = [\"各单位\"]\n"
        + labels
}

#[test]
fn labels_print_the_words_the_issue_file_gives_and_only_those() {
    let toml = labelled(
        "\n[labels]\ncolumn = \"〔{}〕\"\nbyline = \"——{}\"\neditors = \"本期编辑：{}\"\nprint_count = \"印{}份\"\ntotal = \"（总{}期）\"\napproval = \"准印证号：{}\"\n",
    );
    let (_dir, issue) = write_issue(&toml, &[("a.txt", "正文第一段。\n")]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(model.issue.total_text.as_deref(), Some("（总十期）"));
    if !tool("pdftotext") {
        return;
    }
    let (_d, pdf) = build_to_temp(&issue);
    let text = squash(&pdftotext(&pdf));
    for printed in [
        "〔工作研究〕",
        "——测试处",
        "本期编辑：王五",
        "印300份",
        "第1期（总十期）",
        "准印证号：测内资准字001号",
        "送：各单位",
    ] {
        assert!(text.contains(printed), "{printed} not in {text}");
    }
    for default in ["【", "责任编辑", "共印", "批准文号", "总第"] {
        assert!(!text.contains(default), "{default} still printed: {text}");
    }
}

#[test]
fn a_label_without_its_place_for_the_value_is_an_error_at_its_key() {
    let toml = labelled("\n[labels]\neditors = \"本期编辑\"\n");
    let (dir, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let out = dir.path().join("x.pdf");
    let o = build_cli(&issue, &out);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    let line = toml
        .lines()
        .position(|l| l.starts_with("editors = \"本期编辑\""))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("issue.toml:{line}:")), "{err}");
    assert!(err.contains("{}"), "{err}");
    assert!(!out.exists());
}

#[test]
fn a_label_character_no_font_has_is_placed_at_its_label() {
    // U+2A700 (CJK Extension C) is in no shipped font: found in the label, not in the
    // layout's text or at some other value.
    let toml = labelled("\n[labels]\ncontents = \"本期\u{2A700}目\"\n")
        .replace("[issue]\n", "[issue]\ncontents = true\n");
    let (dir, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let out = dir.path().join("x.pdf");
    let o = build_cli(&issue, &out);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let line = toml
        .lines()
        .position(|l| l.starts_with("contents = \"本期"))
        .unwrap()
        + 1;
    assert!(
        err.contains("U+2A700") && err.contains(&format!("issue.toml:{line}:")),
        "{err}"
    );
}

#[test]
fn check_reads_the_punctuation_of_every_printed_value_once() {
    // A half-width comma in a title that 本期要目 prints again, and one in a recipient:
    // each reported once, at its own key.
    let toml = labelled("")
        .replace("title = \"测试标题\"", "title = \"测试,标题\"")
        .replace(
            "recipients = [\"各单位\"]",
            "recipients = [\"各单位,各部门\"]",
        )
        .replace("[issue]\n", "[issue]\ncontents = true\n");
    let (_dir, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let report = jianbao::proofread::check::check(&issue).unwrap();
    let in_toml: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.file.ends_with("issue.toml"))
        .collect();
    assert_eq!(in_toml.len(), 2, "{in_toml:#?}");
    let line_of = |s: &str| toml.lines().position(|l| l.contains(s)).unwrap() + 1;
    let mut lines: Vec<usize> = in_toml.iter().map(|f| f.line).collect();
    lines.sort();
    assert_eq!(lines, vec![line_of("测试,标题"), line_of("各单位,各部门")]);
}

#[test]
fn the_text_after_a_table_starts_on_the_next_grid_line() {
    if !tool("pdftotext") {
        return;
    }
    // A short table (kept whole), then the last paragraph: it follows on the first
    // grid line at least a line gap under the table's last rule, not one line lower
    // (which, at the foot of a page, sent it to a page of its own).
    let (_d, issue) = with_table(3, "");
    let (_t, pdf) = build_to_temp(&issue);
    let w = words(&pdf);
    let (first, last_row, after) = (
        find(&w, "全省订阅情况见下表"),
        find(&w, "第3县"),
        find(&w, "表中数字为"),
    );
    let pitch = 29.6;
    let lines = (after.y0 - first.y0) / pitch;
    assert!((lines - lines.round()).abs() < 0.05, "on the grid: {lines}");
    // The last row's text, its bottom inset and rule, a line gap: the next line.
    let below = after.y0 - last_row.y0;
    assert!(
        below < 1.5 * pitch,
        "{below} pt from the last row to the text after the table"
    );
}

#[test]
fn a_byline_is_never_alone_at_the_top_of_a_page() {
    // Articles of n two-line paragraphs: for some n the last paragraph ends on a page's
    // last line, and the byline (its own line) would open the next page alone.
    let toml = MINIMAL_TOML.replace("测试处 供稿", "办公室 王芳供稿");
    let paragraph = "这是一段正文，用来把版面填到页末。".repeat(3);
    let mut crossed = 0;
    for n in 24..=33 {
        let text = vec![paragraph.as_str(); n].join("\n");
        let (_d, issue) = write_issue(&toml, &[("a.txt", &text)]);
        let (_o, pdf) = build_to_temp(&issue);
        let words = words(&pdf);
        let byline = find(&words, "王芳供稿");
        let above: Vec<&Word> = words
            .iter()
            .filter(|w| w.page == byline.page && w.y0 < byline.y0 - 1.0)
            .filter(|w| w.text.contains("页末") || w.text.contains("正文"))
            .collect();
        assert!(
            !above.is_empty(),
            "n = {n}: the byline opens page {} alone",
            byline.page
        );
        // The case in point: the byline's page opens with the article's last lines.
        if !words
            .iter()
            .any(|w| w.page == byline.page && w.text.contains("测试简报"))
            && byline.page > 1
            && above.len() <= 3
        {
            crossed += 1;
        }
    }
    assert!(crossed > 0, "no n put the last paragraph at a page's foot");
}

/// A text that ends with a quotation and its source: the byline under the source never
/// opens a page alone (it did, under a quotation that ended page 1, QA17 K 02).
#[test]
fn a_byline_after_a_quotations_source_is_never_alone_at_the_top_of_a_page() {
    let toml = MINIMAL_TOML
        .replace("测试处 供稿", "办公室 王芳供稿")
        .replace("a.txt", "a.md");
    let paragraph = "这是一段正文，用来把版面填到页末。".repeat(3);
    let quote = "> 一个案件就是一面镜子，一次整改就是一次提升。要把以案促改的成果转化为推动事业高质量发展的强大动力，一次整改就是一次提升。\n> ——摘自局长在警示教育大会上的讲话\n";
    let mut crossed = 0;
    for n in 22..=31 {
        let text = vec![paragraph.as_str(); n].join("\n\n") + "\n\n" + quote;
        let (_d, issue) = write_issue(&toml, &[("a.md", &text)]);
        let (_o, pdf) = build_to_temp(&issue);
        let words = words(&pdf);
        let byline = find(&words, "王芳供稿");
        let source = find(&words, "讲话");
        assert_eq!(
            source.page, byline.page,
            "n = {n}: the byline opens page {} alone",
            byline.page
        );
        assert!(
            source.y0 < byline.y0,
            "n = {n}: the byline is not under the source"
        );
        if byline.page > 1
            && !words
                .iter()
                .any(|w| w.page == byline.page && w.text.contains("页末"))
        {
            crossed += 1;
        }
    }
    assert!(crossed > 0, "no n put the quotation at a page's top");
}

/// Every character of a PDF with its page and origin, by PyMuPDF (required in CI).
fn chars(pdf: &Path) -> Option<Vec<(char, usize, f64, f64)>> {
    Some(
        sized_chars(pdf)?
            .into_iter()
            .map(|(c, page, x, y, _)| (c, page, x, y))
            .collect(),
    )
}

/// The line of the last occurrence of `c` (the masthead has dates and names too): its
/// baseline y and the origins x of its characters, left to right.
fn line_through(chars: &[(char, usize, f64, f64)], c: char) -> (f64, Vec<f64>) {
    let (_, _, _, y) = *chars
        .iter()
        .rev()
        .find(|(ch, ..)| *ch == c)
        .unwrap_or_else(|| panic!("{c} not in the PDF"));
    let mut xs: Vec<f64> = chars
        .iter()
        .filter(|(_, _, _, cy)| (cy - y).abs() < 0.5)
        .map(|(_, _, x, _)| *x)
        .collect();
    xs.sort_by(f64::total_cmp);
    (y, xs)
}

/// A character as PyMuPDF reads it: the character, its page, its origin (x, y), its size.
type SizedChar = (char, usize, f64, f64, f64);

/// Every character with its page, origin and font size.
fn sized_chars(pdf: &Path) -> Option<Vec<SizedChar>> {
    const SCRIPT: &str = "import sys, pymupdf\nfor n, page in enumerate(pymupdf.open(sys.argv[1])):\n    for b in page.get_text('rawdict')['blocks']:\n        for l in b.get('lines', []):\n            for s in l['spans']:\n                for c in s['chars']:\n                    print(c['c'], n + 1, c['origin'][0], c['origin'][1], s['size'])\n";
    let out = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(pdf)
        .output()
        .ok()
        .filter(|o| o.status.success());
    let Some(out) = out else {
        assert!(std::env::var("CI").is_err(), "PyMuPDF is required in CI");
        eprintln!("SKIPPED: python3 with PyMuPDF is not available");
        return None;
    };
    let text = String::from_utf8(out.stdout).unwrap();
    Some(
        text.lines()
            .filter_map(|l| {
                let mut f = l.rsplitn(5, ' ');
                let size = f.next()?.parse().ok()?;
                let y = f.next()?.parse().ok()?;
                let x = f.next()?.parse().ok()?;
                let page = f.next()?.parse().ok()?;
                let c = f.next()?.chars().next()?;
                Some((c, page, x, y, size))
            })
            .collect(),
    )
}

#[test]
fn attachments_line_up_as_gb_t_9704_sets_them() {
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let md = "会议要求各单位认真贯彻落实。\n\n附件：1．关于进一步加强和改进新形势下全市人大代表建议批评和意见办理工作的实施意见\n\n2．人大代表建议办理情况统计表\n\n10．其他材料\n";
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (issue, _) = jianbao::load(&issue).unwrap();
    let kinds: Vec<bool> = issue.articles[0]
        .blocks
        .iter()
        .map(|b| matches!(b, jianbao::input::Block::Attachment { .. }))
        .collect();
    assert_eq!(kinds, [false, true, true, true]);
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_o, pdf) = build_to_temp(&issue);
    let Some(chars) = chars(&pdf) else { return };
    let at = |c: char, nth: usize| {
        chars
            .iter()
            .filter(|(ch, ..)| *ch == c)
            .nth(nth)
            .unwrap_or_else(|| panic!("{c} #{nth} not in the PDF"))
    };
    let line_start = |y: f64| {
        chars
            .iter()
            .filter(|(_, _, _, cy)| (cy - y).abs() < 0.5)
            .map(|(_, _, x, _)| *x)
            .fold(f64::MAX, f64::min)
    };
    let on_line = |c: char, y: f64| {
        chars
            .iter()
            .find(|(ch, _, _, cy)| *ch == c && (cy - y).abs() < 0.5)
            .map(|(_, _, x, _)| *x)
            .unwrap_or_else(|| panic!("{c} not on the line at {y}"))
    };
    let (_, _, _, one_y) = *at('附', 0);
    let one_x = on_line('1', one_y);
    let name_x = on_line('关', one_y);
    // 2． under 1．, and 10． too.
    let (_, _, _, two_y) = *at('统', 0);
    assert!(
        (line_start(two_y) - one_x).abs() < 0.5,
        "2． at {}, 1． at {one_x}",
        line_start(two_y)
    );
    let (_, _, _, ten_y) = *at('其', 0);
    assert!((line_start(ten_y) - one_x).abs() < 0.5);
    // The long name's next line under its first character.
    let (_, _, _, more_y) = *at('施', 0);
    assert!(more_y > one_y + 10.0 && more_y < two_y);
    assert!(
        (line_start(more_y) - name_x).abs() < 0.5,
        "the name runs on at {}, its first character is at {name_x}",
        line_start(more_y)
    );
    // A blank line between the body and 附件：.
    let (_, _, _, body_y) = *at('落', 0);
    let (_, _, _, label_y) = *at('附', 0);
    assert!(label_y - body_y > 50.0, "{body_y} → {label_y}");
}

#[test]
fn a_table_too_wide_for_the_page_is_set_smaller_before_its_cells_break() {
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let size_of = |md: &str, probe: char| {
        let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
        let (_o, pdf) = build_to_temp(&issue);
        let chars = sized_chars(&pdf)?;
        let (.., size) = chars
            .iter()
            .find(|(c, ..)| *c == probe)
            .unwrap_or_else(|| panic!("{probe} not in the PDF"));
        Some(*size)
    };
    // Three short columns: the table role's 四号.
    let narrow = "正文。\n\n| 地区 | 户数 |\n|---|---|\n| 东湖区 | 1,205 |\n";
    let Some(size) = size_of(narrow, '湖') else {
        return;
    };
    assert!((size - 14.0).abs() < 0.1, "{size}");
    // Eight columns of long headers: 五号 at the least, never smaller.
    let wide = "正文。\n\n| 地区 | 一季度完成值（亿元） | 二季度完成值（亿元） | 三季度完成值（亿元） | 四季度预计完成值（亿元） | 全年目标（亿元） | 完成率 | 备注说明 |\n|---|---|---|---|---|---|---|---|\n| 东湖区 | 12.5 | 13.8 | 14.2 | 15.0 | 55.0 | 100.9% | 超额完成全年目标任务 |\n";
    let size = size_of(wide, '湖').unwrap();
    assert!((size - 10.5).abs() < 0.1, "{size}");
    // Four columns too wide at 四号 that fit at 小四 are set at 小四.
    let middle = "正文。\n\n| 地区 | 一季度完成值（亿元） | 二季度完成值（亿元） | 三季度完成值（亿元） |\n|---|---|---|---|\n| 东湖区 | 12.5 | 13.8 | 14.2 |\n";
    let size = size_of(middle, '湖').unwrap();
    assert!((size - 12.0).abs() < 0.1, "{size}");
    // A table a point too wide at 四号 once its cells' closing marks are counted whole
    // is set at 小四 with its header on one line: it was kept at 四号, and Typst broke
    // 最大小时雨强（毫 / 米）.
    let close = "正文。\n\n| 县（市、区） | 累计雨量（毫米） | 最大小时雨强（毫米） | 较常年同期 |\n|---|---|---|---|\n| 石门县 | 142.3 | 52.6 | 偏多185% |\n";
    let size = size_of(close, '石').unwrap();
    assert!((size - 12.0).abs() < 0.1, "{size}");
    let (_d, issue) = write_issue(&toml, &[("a.md", close)]);
    let (_o, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    assert!(text.contains("最大小时雨强（毫米）"), "{text}");
}

#[test]
fn a_txt_copied_from_a_pdf_is_named_with_its_first_broken_line() {
    let text = "今年以来，市财政局认真落实要求，坚持有保有压，\n优化支出结构，同比增长3.2%。\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let dir = tempfile::tempdir().unwrap();
    let built = jianbao::build(&jianbao::BuildOptions {
        issue,
        output: Some(dir.path().join("out.pdf")),
        ..Default::default()
    })
    .unwrap();
    let warning = built
        .warnings
        .iter()
        .find(|w| w.contains("mid-sentence"))
        .unwrap_or_else(|| panic!("no warning in {:?}", built.warnings));
    assert!(
        warning.contains("a.txt:1:") && warning.contains("坚持有保有压，"),
        "{warning}"
    );
}

/// `check --fix` joins the lines of text copied from a PDF (r23 F31): the file keeps
/// its other paragraphs, its backup is the original, and the build says nothing of
/// broken lines any more.
#[test]
fn check_fix_joins_the_lines_of_text_copied_from_a_pdf() {
    let text = "近日，县政协组织部分委员对全县城乡供水一体化工作进行专题调研，\n调研组先后来到县自来水公司、石门乡水厂等地，实地察看水源地保护、\n水厂运行和管网延伸情况。调研组认为，近年来我县城乡供水一体化工作\n取得明显成效，农村自来水普及率达到92.6%，但仍存在部分管网老化、\n水质检测能力不足等问题。\n二、下一步工作\n";
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let report = jianbao::proofread::check::check(&issue).unwrap();
    let fixes = jianbao::proofread::check::plan_fixes(&report);
    assert_eq!(fixes.len(), 1);
    let backup = jianbao::proofread::check::write_fix(&fixes[0], true)
        .unwrap()
        .expect("a backup is kept");
    assert_eq!(std::fs::read_to_string(backup).unwrap(), text);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "近日，县政协组织部分委员对全县城乡供水一体化工作进行专题调研，调研组先后来到县自来水公司、石门乡水厂等地，实地察看水源地保护、水厂运行和管网延伸情况。调研组认为，近年来我县城乡供水一体化工作取得明显成效，农村自来水普及率达到92.6%，但仍存在部分管网老化、水质检测能力不足等问题。\n二、下一步工作\n"
    );
    let out = tempfile::tempdir().unwrap();
    let built = jianbao::build(&jianbao::BuildOptions {
        issue,
        output: Some(out.path().join("out.pdf")),
        ..Default::default()
    })
    .unwrap();
    assert!(
        built.warnings.iter().all(|w| !w.contains("mid-sentence")),
        "{:?}",
        built.warnings
    );
}

/// Punctuation `check` would flag is printed as typed, and the build says so: where the
/// first problem is and how many `check --fix` would fix. Clean text gets no warning.
#[test]
fn a_build_names_the_punctuation_check_would_flag() {
    let build = |name: &str, text: &str| {
        let toml = MINIMAL_TOML.replace("a.txt", name);
        let (_d, issue) = write_issue(&toml, &[(name, text)]);
        // `check` lists the problems themselves, without the build's note.
        let checked = jianbao::proofread::check::check(&issue).unwrap();
        assert!(checked.warnings.iter().all(|w| !w.contains("punctuation")));
        let dir = tempfile::tempdir().unwrap();
        jianbao::build(&jianbao::BuildOptions {
            issue,
            output: Some(dir.path().join("out.pdf")),
            ..Default::default()
        })
        .unwrap()
        .warnings
    };
    let warnings = build("a.txt", "会议强调:要把\"家\"建好。\n第二段。\n");
    let warning = warnings
        .iter()
        .find(|w| w.contains("punctuation problem"))
        .unwrap_or_else(|| panic!("no warning in {warnings:?}"));
    assert!(
        warning.contains("a.txt:1:5: 3 punctuation problem(s)") && warning.contains("fixes 3"),
        "{warning}"
    );
    let warnings = build("a.md", "第一段，\n接着写。\n\n第二段（括号）。\n");
    assert!(
        warnings.iter().all(|w| !w.contains("punctuation")),
        "{warnings:?}"
    );
}

#[test]
fn a_contents_longer_than_the_first_page_runs_on() {
    // Sixteen articles with two-line entries: 本期要目 needs more than page 1 has; it
    // stopped the build ("runs off the page") while it was one unbreakable block.
    let mut toml = String::from(
        "[bulletin]\ntitle = \"工作动态\"\n[issue]\nnumber = 12\ndate = 2026-11-30\ncontents = true\n",
    );
    let mut files = Vec::new();
    for i in 1..=16 {
        toml += &format!(
            "[[article]]\ncolumn = \"县区动态\"\ntitle = \"第{i}篇：某某县扎实推进乡村振兴战略实施取得阶段性成效的做法\"\nfile = \"a{i}.txt\"\n"
        );
        files.push((
            format!("a{i}.txt"),
            "今年以来，某某县统筹推进乡村振兴。\n".repeat(3),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let (_d, issue) = write_issue(&toml, &files);
    let (_o, pdf) = build_to_temp(&issue);
    let text = squash(&pdftotext(&pdf));
    // Listed in the contents and printed as a title: twice.
    assert_eq!(text.matches("第16篇").count(), 2, "{text}");
}

#[test]
fn the_copy_number_comes_before_the_secrecy_mark_as_gb_t_9704_orders_them() {
    let toml = MINIMAL_TOML.replace(
        "unit = \"测试单位编\"",
        "unit = \"测试单位编\"\nsecrecy = \"秘密\"\ncopy_number = \"000036\"\nmarks = [\"内部资料\"]",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (issue, _) = jianbao::load(&issue).unwrap();
    // 份号, 密级 and 紧急程度 each on a line of their own (7.2): the other marks with the last.
    assert_eq!(issue.bulletin.marks, ["000036", "秘密", "内部资料"]);
    // A 份号 in figures has six of them.
    let toml = MINIMAL_TOML.replace(
        "unit = \"测试单位编\"",
        "unit = \"测试单位编\"\ncopy_number = \"86\"\nmarks = [\"特急\"]",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (issue, _) = jianbao::load(&issue).unwrap();
    assert_eq!(issue.bulletin.marks, ["000086", "特急"]);
    // Written as a number, as the help for a wrong type says numbers are written.
    let toml = MINIMAL_TOML.replace(
        "unit = \"测试单位编\"",
        "unit = \"测试单位编\"\ncopy_number = 27",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (issue, _) = jianbao::load(&issue).unwrap();
    assert_eq!(issue.bulletin.marks, ["000027"]);
    // Anything else is an error at the value.
    let toml = MINIMAL_TOML.replace(
        "unit = \"测试单位编\"",
        "unit = \"测试单位编\"\ncopy_number = 2.5",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let err = jianbao::load(&issue).unwrap_err().to_string();
    assert!(err.contains("a number such as 27"), "{err}");
}

/// A reprinted document's addressee flush left (GB/T 9704 7.3.2), and its 落款: the
/// issuing body 右空二字, the date under it two characters further right; when the date
/// is the longer, the date 右空二字 (7.3.5.3). Measured on the glyphs.
#[test]
fn addressee_and_closing_sit_as_gb_t_9704_sets_them() {
    let toml = MINIMAL_TOML.replace("byline = \"测试处 供稿\"\n", "");
    let long = "为进一步密切人大代表同人民群众的联系，市人大常委会决定于每月第一个星期五开展代表联络站开放日活动，现倡议如下。";
    for (body, date, date_longer) in [
        ("某某市人大常委会代表工作委员会", "2026年3月5日", false),
        ("某某市人大办", "二〇二六年三月五日", true),
    ] {
        let txt = format!("全市各级人大代表：\n{long}\n特此倡议。\n{body}\n{date}\n");
        let (_d, issue) = write_issue(&toml, &[("a.txt", &txt)]);
        let (_o, pdf) = build_to_temp(&issue);
        let Some(chars) = chars(&pdf) else { return };
        let line_of = |c: char| line_through(&chars, c);
        // The grid: the long paragraph's second line starts at the block's left edge;
        // the pitch from a line that is not justified (a justified one may be spread
        // to keep a runt off the paragraph's end).
        let (y_first, _) = line_of('为');
        let (_, short_line) = line_of('特');
        let pitch = short_line[1] - short_line[0];
        let left = chars
            .iter()
            .filter(|(_, _, _, y)| *y > y_first + 1.0 && *y < y_first + 40.0)
            .map(|(_, _, x, _)| *x)
            .fold(f64::MAX, f64::min);
        let right = left + 28.0 * pitch;
        let body_first = body.chars().next().unwrap();
        let (body_y, body_line) = line_of(body_first);
        let body_x = body_line[0];
        let body_end = body_line[body_line.len() - 1] + pitch;
        let date_first = date.chars().next().unwrap();
        let (date_y, date_line) = line_of(if date_first == '2' { '年' } else { date_first });
        let (date_x, date_end) = (date_line[0], date_line[date_line.len() - 1]);
        assert!(
            date_y > body_y + 10.0 && date_y < body_y + 40.0,
            "{body_y} {date_y}"
        );
        // Two characters from the right: the body, or the longer date.
        let end = if date_longer {
            date_end + pitch
        } else {
            body_end
        };
        assert!(
            (right - 2.0 * pitch - end).abs() < 2.0,
            "{body}: ends at {end:.1}, the block's right edge is {right:.1}"
        );
        // The date's first character two characters right of the body's.
        assert!(
            (date_x - body_x - 2.0 * pitch).abs() < 2.0,
            "{body}: the date at {date_x:.1}, the body at {body_x:.1}"
        );
        // The addressee (主送) flush left.
        let addressee_x = line_of('全').1[0];
        assert!((addressee_x - left).abs() < 0.5, "{addressee_x} vs {left}");
        // A blank line between the text and the 落款.
        let (text_y, _) = line_of('特');
        assert!(body_y - text_y > 50.0, "{text_y} → {body_y}");
    }
}

/// However the text falls on the pages, the 落款 never stands alone on a page: the
/// text's last paragraph goes with it (GB/T 9704 7.3.5.4).
#[test]
fn a_closing_never_stands_alone_on_a_page() {
    let toml = MINIMAL_TOML.replace("byline = \"测试处 供稿\"\n", "");
    kept_together(
        &toml,
        "a.txt",
        "\n",
        "最后一段。\n某某市人大常委会办公室\n2026年3月5日\n",
        '最',
        '某',
    );
}

/// Builds an article of `n` one-line paragraphs and then `tail`, for `n` from 7 to 11
/// (the page break passes through `tail` for one of them), and asserts that `a` and `b`
/// of `tail` are always on one page.
fn kept_together(toml: &str, file: &str, gap: &str, tail: &str, a: char, b: char) {
    let line = format!("会议强调要切实提高代表建议办理质量和效率进一步。\n{gap}");
    let mut crossed = false;
    for n in 7..12 {
        let text = format!("{}{tail}", line.repeat(n));
        let (_d, issue) = write_issue(toml, &[(file, &text)]);
        let (_o, pdf) = build_to_temp(&issue);
        let Some(chars) = chars(&pdf) else { return };
        let page_of = |c: char| chars.iter().find(|(ch, ..)| *ch == c).unwrap().1;
        assert_eq!(page_of(a), page_of(b), "{n} lines: {a} and {b} parted");
        crossed |= page_of(b) > 1;
    }
    assert!(crossed, "no length tried put {b} on the next page");
}

/// Articles in one column run on under one label, as the contents group them; another
/// column between them, or `[style] repeat_column`, prints it again.
#[test]
fn a_column_label_heads_a_run_of_articles_once() {
    if !tool("pdftotext") {
        return;
    }
    let entry = |title: &str, column: &str| {
        format!("\n[[article]]\ncolumn = \"{column}\"\ntitle = \"{title}\"\nfile = \"a.txt\"\n")
    };
    let base = MINIMAL_TOML.replace("[[article]]", "[[article]]\ncolumn = \"基层动态\"");
    let toml = base.clone()
        + &entry("第二篇", "基层动态")
        + &entry("第三篇", "经验交流")
        + &entry("第四篇", "基层动态");
    let count = |toml: &str| {
        let (_d, issue) = write_issue(toml, &[("a.txt", "正文。\n")]);
        let (_o, out) = build_to_temp(&issue);
        pdftotext(&out).matches("【基层动态】").count()
    };
    // Once over the first two, again over the fourth (after 经验交流).
    assert_eq!(count(&toml), 2);
    assert_eq!(count(&(toml + "\n[style]\nrepeat_column = true\n")), 3);
}

/// An author under the title (调研报告 are signed so): printed after the title, before the
/// text, and read by the font check like every printed field (a character no font has
/// is an error at its line in the issue file).
#[test]
fn an_author_under_the_title_is_printed_and_checked() {
    let toml = MINIMAL_TOML.replace(
        "byline = \"测试处 供稿\"",
        "author = \"市人大常委会研究室　王一平\"",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文第一段。\n")]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(
        model.articles[0].author.as_deref(),
        Some("市人大常委会研究室　王一平")
    );
    if tool("pdftotext") {
        let (_o, out) = build_to_temp(&issue);
        let text = pdftotext(&out);
        let (title, author, body) = (
            text.find("测试标题").unwrap(),
            text.find("王一平").unwrap(),
            text.find("正文第一段").unwrap(),
        );
        assert!(title < author && author < body, "{text}");
    }
    let bad = toml.replace("王一平", "王\u{E000}平");
    let (_d, issue) = write_issue(&bad, &[("a.txt", "正文。\n")]);
    let err = jianbao::load(&issue)
        .and_then(|_| {
            jianbao::build(&jianbao::BuildOptions {
                issue: issue.clone(),
                ..Default::default()
            })
        })
        .unwrap_err()
        .render(false);
    assert!(err.contains("issue.toml:14:"), "{err}");
}

/// A divider (※　※　※) goes with the text after it: never the last line of a page.
#[test]
fn a_divider_never_ends_a_page() {
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    kept_together(&toml, "a.md", "\n", "***\n\n最后一段。\n", '※', '最');
}

/// A byline longer than a line is set at the right line by line; joined to the last
/// paragraph its second line started at the left edge.
#[test]
fn a_byline_longer_than_a_line_keeps_to_the_right() {
    let toml = MINIMAL_TOML.replace(
        "byline = \"测试处 供稿\"",
        "byline = \"中共某某市委办公室、某某市人民政府办公室、某某市人大常委会办公厅联合供稿\"",
    );
    let text = "会议要求各地认真抓好落实，确保各项工作任务按时完成，并及时报送工作进展情况和存在的问题。\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", text)]);
    let (_o, pdf) = build_to_temp(&issue);
    let Some(chars) = chars(&pdf) else { return };
    let line = |c: char| {
        let (_, xs) = line_through(&chars, c);
        (xs[0], xs[xs.len() - 1])
    };
    // The body's first line ends at the block's right edge, its second starts at the left.
    let (_, right) = line('议');
    let (left, _) = line('并');
    let (start, end) = line('稿');
    assert!(
        start > left + 40.0,
        "the byline's last line starts at {start}, the block at {left}"
    );
    assert!(
        (end - right).abs() < 17.0,
        "it ends at {end}, the body at {right}"
    );
}

/// Footnotes are set smaller than the text (the `note` role, 四号), after the byline, and
/// their marks in the text are raised and smaller still.
#[test]
fn footnotes_are_set_smaller_with_raised_marks() {
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let md = "全市共有各级人大代表一万二千名[^1]，其中基层代表占比超过六成。\n\n[^1]: 数据来源于统计公报。\n";
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_o, pdf) = build_to_temp(&issue);
    let Some(chars) = sized_chars(&pdf) else {
        return;
    };
    let size_of = |c: char| chars.iter().find(|x| x.0 == c).map(|x| x.4).unwrap();
    assert!((size_of('全') - 16.0).abs() < 0.1);
    assert!((size_of('源') - 14.0).abs() < 0.1, "{}", size_of('源'));
    // The mark in the text: the "1" right after 名, smaller, above the baseline.
    let text = chars.iter().find(|x| x.0 == '名').unwrap();
    let mark = chars
        .iter()
        .find(|x| x.0 == '1' && (x.3 - text.3).abs() < 10.0 && x.2 > text.2)
        .unwrap();
    assert!(
        mark.4 < 14.0 && mark.3 < text.3 - 1.0,
        "{mark:?} vs {text:?}"
    );
    // The byline signs the text: above the notes.
    let byline = chars.iter().find(|x| x.0 == '稿').unwrap();
    let note = chars.iter().find(|x| x.0 == '源').unwrap();
    assert!(byline.3 < note.3, "{byline:?} vs {note:?}");
}

/// `{year}` in the issue line's label is the year of the issue's date, so that one
/// series file's `number = "{year}年第{}期"` serves every year; without a date it is an
/// error at the label.
#[test]
fn the_issue_lines_year_comes_from_the_date() {
    let toml = format!("{MINIMAL_TOML}\n[labels]\nnumber = \"{{year}}年第{{}}期\"\n");
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(model.issue.number_text.as_deref(), Some("2026年第1期"));
    // The PDF's title has the year once (2026年2026年第1期 before).
    assert_eq!(model.meta.title, "测试简报 2026年第1期");
    let undated = toml.replace("date = 2026-01-05\n", "");
    let (_d, issue) = write_issue(&undated, &[("a.txt", "正文。\n")]);
    let err = jianbao::model::load(&issue).unwrap_err().render(false);
    assert!(
        err.contains("issue.toml:") && err.contains("{year}"),
        "{err}"
    );
}

/// 共印N份 is never run into a list: at the end of the last list it stays whole, at the
/// right of the last line or on a line of its own; with "editors" it is on the 责任编辑
/// line. The address has its label.
#[test]
fn the_print_run_stays_whole_where_it_is_placed_and_the_address_has_its_label() {
    let footer = |placement: &str, last: &str| {
        format!(
            "\n[footer]\nprint_count = \"1,050\"\nprint_count_placement = \"{placement}\"\neditors = [\"王芳\"]\n[footer.contact]\nphone = \"0838-2212345\"\naddress = \"青川市滨江区望江路88号\"\n[[footer.distribution]]\nlabel = \"发\"\nrecipients = [\"{last}\"]\n"
        )
    };
    // A last line the count would have to break to follow (it printed 政协共 / 印1,050份).
    let full = "大会主席团成员、全体委员、列席人员，各县（市、区）政协";
    let short = "各县（市、区）政协";
    for (placement, last) in [("end", full), ("end", short), ("editors", full)] {
        let toml = MINIMAL_TOML.to_owned() + &footer(placement, last);
        let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
        let (_o, pdf) = build_to_temp(&issue);
        if tool("pdftotext") {
            let text = squash(&pdftotext(&pdf));
            assert!(text.contains("地址：青川市滨江区望江路88号"), "{text}");
        }
        let Some(chars) = chars(&pdf) else { return };
        let y = |c: char| line_through(&chars, c).0;
        // Whole: 共 and 份 on one baseline.
        assert!((y('共') - y('份')).abs() < 0.5, "{placement} {last}");
        let (count, list, editors) = (y('份'), y('协'), y('辑'));
        match (placement, last == full) {
            // On a line of its own under the full last line.
            ("end", true) => assert!(count > list + 5.0, "{count} {list}"),
            // At the right of a short last line.
            ("end", false) => assert!((count - list).abs() < 0.5, "{count} {list}"),
            // On the 责任编辑 line (not the contact's), after the list.
            _ => assert!(
                count > list + 5.0 && (count - editors).abs() < 0.5,
                "{count} {list} {editors}"
            ),
        }
    }
    // With 本期增发 after the lists, the count ends that list, the last (it stood
    // between the 发 list and 本期增发).
    let toml = MINIMAL_TOML.to_owned()
        + &footer("end", short).replace(
            "editors = [",
            "extra = \"本期增发：市委巡察组\"\neditors = [",
        );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_o, pdf) = build_to_temp(&issue);
    let Some(chars) = chars(&pdf) else { return };
    let y = |c: char| line_through(&chars, c).0;
    assert!((y('份') - y('增')).abs() < 0.5, "{} {}", y('份'), y('增'));
    // With "editors" and a 责任编辑 line full, on a line of its own at the right (it
    // dropped to the left, between 责任编辑 and 联系方式: r23 F17).
    let toml = MINIMAL_TOML.to_owned()
        + &footer("editors", short).replace(
            "editors = [\"王芳\"]",
            "editors = [\"黄志远\", \"欧阳明辉\", \"司马志刚\", \"诸葛明远\", \"上官文静\", \"欧阳思齐\"]",
        );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_o, pdf) = build_to_temp(&issue);
    let Some(chars) = self::chars(&pdf) else {
        return;
    };
    let (count, xs) = line_through(&chars, '份');
    let editors = line_through(&chars, '辑').0;
    assert!(count > editors + 5.0, "{count} {editors}");
    assert!(xs[0] > 300.0, "共印 at the left: {xs:?}");
}

/// Items numbered by hand (1． 2、) start their text at one offset: the number's mark at
/// full width in every item, never squeezed in a tight line only (it overprinted the
/// next character as cjkcheck measures it, and left the items uneven).
#[test]
fn numbered_items_start_their_text_at_one_offset() {
    let md = "1．北岭煤矿完成采区瓦斯抽采系统改造，抽采率提升至62%。\n\n2．东港电厂完成锅炉“四管”防磨防爆专项治理。\n\n3．西山化工完成老旧储罐区自动化控制改造。\n\n1、甲项工作完成采区瓦斯抽采系统改造，抽采率提升至62%。\n\n2、乙项工作完成锅炉防磨防爆专项治理。\n";
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_o, pdf) = build_to_temp(&issue);
    let Some(chars) = chars(&pdf) else { return };
    let x = |c: char| {
        chars
            .iter()
            .find(|(ch, ..)| *ch == c)
            .unwrap_or_else(|| panic!("{c} not in the PDF"))
            .2
    };
    let starts = ['北', '东', '西', '甲', '乙'].map(x);
    assert!(
        starts.iter().all(|s| (s - starts[0]).abs() < 0.5),
        "the items' text starts at {starts:?}"
    );
}

/// A title too long for a line breaks between words into balanced lines (GB/T 9704
/// 7.3.1: 词意完整，排列对称), never inside a word or a short quotation, and inside a
/// long 《title》 only when the title cannot be set on as few lines otherwise.
#[test]
fn long_titles_break_between_words_into_balanced_lines() {
    if !tool("pdftotext") {
        return;
    }
    for (title, lines) in [
        (
            "集团公司召开2026年上半年安全生产形势分析会",
            ["集团公司召开2026年上半年", "安全生产形势分析会"],
        ),
        (
            "关于老旧小区物业管理“空白”问题的调研报告",
            ["关于老旧小区物业管理", "“空白”问题的调研报告"],
        ),
        (
            "在全街道基层治理工作推进会上的讲话（摘要）",
            ["在全街道基层治理工作", "推进会上的讲话（摘要）"],
        ),
        // A 《title》 that fits on a line stays whole there (broke 《新工科背景下的课程 /
        // 思政》, and 《高等学校课程思政 / 建设指导纲要》, to balance the lines)…
        (
            "《新工科背景下的课程思政》入选省级一流课程",
            ["《新工科背景下的课程思政》", "入选省级一流课程"],
        ),
        (
            "我校召开《高等学校课程思政建设指导纲要》专题学习会",
            ["我校召开《高等学校课程思政建设指导纲要》", "专题学习会"],
        ),
        // …and one wider than a line breaks between its words.
        (
            "认真学习贯彻《关于进一步加强新时代人大代表工作的意见》精神",
            [
                "认真学习贯彻《关于进一步加强",
                "新时代人大代表工作的意见》精神",
            ],
        ),
    ] {
        let toml = MINIMAL_TOML.replace("title = \"测试标题\"", &format!("title = \"{title}\""));
        let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
        let (_o, pdf) = build_to_temp(&issue);
        let text = pdftotext(&pdf);
        let printed: Vec<&str> = text.lines().map(str::trim).collect();
        let at = printed
            .iter()
            .position(|l| *l == lines[0])
            .unwrap_or_else(|| panic!("no line «{}»:\n{text}", lines[0]));
        assert_eq!(printed[at + 1], lines[1], "{text}");
    }
}

/// An untitled article is listed in 本期要目 under its `contents_title`; a titled one
/// may be listed shorter.
#[test]
fn contents_title_gives_an_untitled_article_its_entry() {
    if !tool("pdftotext") {
        return;
    }
    let toml = r#"
[bulletin]
title = "社区动态"
[issue]
number = 1
date = 2026-01-05
contents = true
[[article]]
title = "关于老旧小区物业管理“空白”问题的调研报告"
contents_title = "老旧小区物业管理调研"
file = "a.txt"
[[article]]
column = "社区短讯"
contents_title = "社区短讯（4则）"
file = "b.txt"
"#;
    let (_d, issue) = write_issue(toml, &[("a.txt", "正文。\n"), ("b.txt", "短讯正文。\n")]);
    let (_o, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    let lines: Vec<String> = text.lines().map(squash).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("老旧小区物业管理调研") && l.ends_with('1')),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("社区短讯（4则）") && l.ends_with('1')),
        "{text}"
    );
    // The title itself still prints in full over the article.
    assert!(
        squash(&text).contains("关于老旧小区物业管理“空白”问题的调研报告"),
        "{text}"
    );
}

/// A 信息专报's 领导批示 box: its label on page 1, and the text under it moved down by
/// whole lines, so that it stays on the grid.
#[test]
fn an_instruction_box_takes_whole_lines_under_the_masthead() {
    // Two lines of text: 甲 opens the first, 乙 ends the second.
    let text = format!("甲{}乙\n", "正".repeat(40));
    let measure = |toml: &str| {
        let (_d, issue) = write_issue(toml, &[("a.txt", &text)]);
        let (_o, pdf) = build_to_temp(&issue);
        if tool("pdftotext") {
            assert_eq!(
                squash(&pdftotext(&pdf)).contains("领导批示："),
                toml.contains("instruction_lines"),
            );
        }
        chars(&pdf).map(|c| {
            let (first, second) = (line_through(&c, '甲').0, line_through(&c, '乙').0);
            (line_through(&c, '标').0, first, second - first)
        })
    };
    let with = MINIMAL_TOML.replace(
        "unit = \"测试单位编\"",
        "unit = \"测试单位编\"\ninstruction_lines = 5",
    );
    let (Some((title0, text0, pitch)), Some((title5, text5, _))) =
        (measure(MINIMAL_TOML), measure(&with))
    else {
        return;
    };
    // Title and text moved together, by five body lines.
    let moved = text5 - text0;
    assert!(
        (title5 - title0 - moved).abs() < 0.5,
        "{title0} {title5} {text0} {text5}"
    );
    assert!(
        (moved / pitch - 5.0).abs() < 0.02,
        "moved {moved} pt, pitch {pitch}"
    );
    // Too tall a box is refused at its line.
    let toml = MINIMAL_TOML.replace(
        "unit = \"测试单位编\"",
        "unit = \"测试单位编\"\ninstruction_lines = 30",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let o = jianbao_cli(&["build", issue.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("领导批示") && err.contains("issue.toml:6:"),
        "{err}"
    );
}

#[test]
fn marks_typed_around_a_label_are_not_printed_twice() {
    // An editor types the brackets the layout prints anyway: 【【一线传真】】 and
    // （（…供稿））, 报：：, and the two articles' column labels did not match.
    let toml = MINIMAL_TOML.replace(
        "title = \"测试标题\"\nbyline = \"测试处 供稿\"",
        "title = \"测试标题\"\ncolumn = \"【一线传真】\"\nbyline = \"（市局执法稽查支队供稿）\"",
    ) + "\n[[article]]\ntitle = \"第二篇\"\ncolumn = \"一线传真\"\nfile = \"a.txt\"\n\n[footer]\neditors = [\"责任编辑：王五\"]\napproval = \"批准文号：测内资准字001号\"\n[[footer.distribution]]\nlabel = \"报:\"\nrecipients = [\"市政府办公室\"]\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    for once in [
        "【一线传真】",
        "（市局执法稽查支队供稿）",
        "报：市政府办公室",
        "责任编辑：王",
        "批准文号：测内资准字001号",
    ] {
        assert!(text.contains(once), "{once} in\n{text}");
    }
    for twice in [
        "【【",
        "（（",
        "：：",
        "责任编辑：责任编辑",
        "批准文号：批准",
    ] {
        assert!(!text.contains(twice), "{twice} in\n{text}");
    }
    // The second article's label is the same column: printed once, over both.
    assert_eq!(text.matches("一线传真").count(), 1, "{text}");
}

#[test]
fn a_long_list_runs_on_with_join_and_a_footer_taller_than_a_page_stops_the_build() {
    let units: Vec<String> = (1..=40).map(|i| format!("\"市直单位{i}\"")).collect();
    let footer = |join: &str| {
        format!(
            "\n[footer]\nprint_count = 80\napproval = \"临江县内部资料准印证 临内准字〔2026〕第3号\"\n[[footer.distribution]]\nlabel = \"送\"\n{join}recipients = [{}]\n",
            units.join(", ")
        )
    };
    // A line each: 40 lines and the rest, more than a page holds. It printed over itself.
    let (d, issue) = write_issue(
        &(MINIMAL_TOML.to_owned() + &footer("")),
        &[("a.txt", "正文。\n")],
    );
    let o = jianbao_cli(&["build", issue.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("a page holds 22")
            && err.contains("«送» has 40 entries")
            && err.contains("join = \"，\""),
        "{err}"
    );
    assert!(err.contains("issue.toml:"), "{err}");
    assert!(!d.path().join("issue.pdf").exists());
    // Run on: a few lines after the colon, on the article's page.
    let (_d, issue) = write_issue(
        &(MINIMAL_TOML.to_owned() + &footer("join = \"，\"\n")),
        &[("a.txt", "正文。\n")],
    );
    let (_t, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    assert!(text.contains("市直单位1，市直单位2，市直单位3"), "{text}");
    assert!(
        text.contains("—1—") && !text.contains("—2—"),
        "one page: {text}"
    );
    // 共印80份 after a long approval line stays whole (it split as 共印80 / 份).
    assert!(text.lines().any(|l| l.trim() == "共印80份"), "{text}");
}

/// A 报尾 list breaks only between its units, after the 、，； between them: it
/// filled each line to the margin and broke 校团 / 委, 继续教 / 育学院 and
/// 各县（市、/ 区）; a 、 inside brackets is part of the unit, and a unit's marks print
/// at full width (a unit boxed alone lost half of its 、 and its 《).
#[test]
fn a_footer_list_breaks_between_its_units_only() {
    if !tool("pdftotext") {
        return;
    }
    let units = [
        "市应急管理局",
        "市水利局",
        "市气象局",
        "市自然资源局",
        "各县（市、区）防汛抗旱指挥部",
        "校团委",
        "继续教育学院",
        "国际教育学院",
        "《中国人大》杂志社",
        "附属中学",
        "附属小学",
        "离退休工作处",
    ];
    let list = units.map(|u| format!("\"{u}\"")).join(", ");
    let toml = format!(
        "{MINIMAL_TOML}\n[footer]\n[[footer.distribution]]\nlabel = \"送\"\njoin = \"、\"\nrecipients = [{list}]\n"
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    let at = text
        .lines()
        .position(|l| l.trim_start().starts_with("送："))
        .unwrap_or_else(|| panic!("{text}"));
    let lines: Vec<String> = text
        .lines()
        .skip(at)
        .map(squash)
        .take_while(|l| !l.is_empty() && !l.starts_with('—'))
        .collect();
    assert!(lines.len() >= 2, "the list runs on: {lines:?}");
    let joined = lines.concat();
    assert_eq!(joined, format!("送：{}", units.join("、")), "{text}");
    // Every line but the last ends after a unit and its 、.
    for l in &lines[..lines.len() - 1] {
        assert!(l.ends_with('、'), "{lines:?}");
    }
    // The marks keep their full width: the list's first line is an em a character.
    let all = words(&pdf);
    let first = find(&all, "送：市应急管理局、");
    let em = first.y1 - first.y0;
    let chars = first.text.chars().count() as f64;
    assert!(
        ((first.x1 - first.x0) / em - chars).abs() < 0.2,
        "{first:?}"
    );
}

/// The lines of an issue whose article is `text` (a .txt), as printed, that hold one of
/// `marks`.
fn body_lines(text: &str, marks: &[char]) -> Vec<String> {
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (_t, pdf) = build_to_temp(&issue);
    pymupdf_lines(&pdf)
        .into_iter()
        .filter(|l| l.contains(marks))
        .collect()
}

#[test]
fn a_number_stays_with_its_unit_at_a_line_end() {
    // 2026年5 / 月 and 2986.4 / 亿元: the line broke between a number and its unit.
    // A unit of two characters (亿元, 个月) is not parted either: 2986.4亿 / 元. Every
    // offset in a line, so that some paragraph puts each place at a line's end.
    let text: String = (0..30)
        .map(|k| {
            "甲".repeat(k)
                + "5月"
                + &"乙".repeat(24)
                + "2986.4亿元，3个月"
                + &"丙".repeat(30)
                + "。\n"
        })
        .collect();
    let lines = body_lines(&text, &['甲', '乙', '丙']);
    assert!(lines.len() >= 90, "{lines:?}");
    for pair in lines.windows(2) {
        let ends_in_number = pair[0].ends_with(|c: char| c.is_ascii_digit() || "亿个".contains(c));
        let opens_with_unit = pair[1].starts_with(['月', '亿', '元', '个']);
        assert!(!(ends_in_number && opens_with_unit), "{pair:?}");
    }
    let printed: String = lines.concat();
    assert_eq!(
        printed.matches("2986.4亿元，3个月").count(),
        30,
        "{lines:?}"
    );
}

/// A number is not parted from its sign or currency before it, from a unit of several
/// characters, or a Latin one with a slash (a trial's lines broke −/12.5%, -/5℃,
/// €/300万, 12/公里, 5/小时, 50/㎡, 60km//h), nor an e-mail address inside a word
/// (jianghai-grou/p.com.cn). Every offset in a line, so that some paragraph puts each
/// place at a line's end.
#[test]
fn a_number_stays_with_its_sign_and_a_long_unit_at_a_line_end() {
    let whole = [
        "−12.5%",
        "+3.2%",
        "-5℃",
        "€300万",
        "12公里",
        "5小时",
        "30分钟",
        "50平方米",
        "50㎡",
        "60km/h",
        "1.75亿美元",
    ];
    let text: String = (0..28)
        .map(|k| "甲".repeat(k) + &whole.join("乙乙乙乙乙") + "丙。\n")
        .collect();
    let lines = body_lines(&text, &['甲', '乙', '丙']);
    // Where each line ends in the text of them all.
    let printed: String = lines.concat();
    let mut ends = Vec::new();
    let mut at = 0;
    for l in &lines {
        at += l.len();
        ends.push(at);
    }
    for w in whole {
        let found: Vec<usize> = printed.match_indices(w).map(|(i, _)| i).collect();
        assert_eq!(found.len(), 28, "{w}: {lines:?}");
        for i in found {
            assert!(
                !ends.iter().any(|&e| e > i && e < i + w.len()),
                "{w} parted: {lines:?}"
            );
        }
    }
    // An e-mail address breaks after its @ . - only.
    let mail = "it-support@jianghai-group.com.cn";
    let text: String = (0..28)
        .map(|k| "甲".repeat(k) + "联系邮箱：" + mail + "，电话0512-66889901。\n")
        .collect();
    let lines = body_lines(&text, &['甲', '联', '电', 'c']);
    let printed: String = lines.concat();
    assert_eq!(printed.matches(mail).count(), 28, "{lines:?}");
    let mut at = 0;
    for l in &lines {
        at += l.len();
        let inside = printed
            .match_indices(mail)
            .any(|(i, _)| at > i && at < i + mail.len());
        assert!(
            !inside || l.ends_with(['@', '.', '-']),
            "{l:?} in {lines:?}"
        );
    }
}

/// A ； or ： after a number with its unit never opens a line: the trial's lines
/// (…占46.8% / ；利润下降…, …占468家 / ；…) broke after the number's box.
#[test]
fn a_semicolon_after_a_number_and_its_unit_never_opens_a_line() {
    let text = [
        "调查显示，312家企业中，利润同比增长的有146家，占46.8%；利润下降的有131家，占42.0%；亏损企业35家，亏损面11.2%，比上年同期扩大2.3个百分点。",
        "调查显示，312家企业中，利润同比增长的有146家，占46.8%：利润下降的有131家，占42.0%；亏损企业35家。",
        "调查显示，312家企业中，利润同比增长的有146家，占468家；利润下降的有131家，占42.0%；亏损企业35家。",
    ]
    .join("\n")
        + "\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    // Lines as set (pdftotext parts a spread line into words).
    let lines = pymupdf_lines(&pdf);
    let body: Vec<&String> = lines.iter().filter(|l| l.contains("利润")).collect();
    assert!(body.len() >= 6, "{lines:?}");
    assert!(
        lines.iter().all(|l| !l.starts_with(['；', '：'])),
        "{lines:?}"
    );
}

/// A paragraph's last line holds two characters at least after a Latin word too: 第100
/// 例TAVR手 / 术。 ended one (QA3 03), the last two characters kept together only after
/// Chinese text.
#[test]
fn a_paragraph_ending_after_a_latin_word_has_no_one_character_last_line() {
    let text: String = (1..=28)
        .map(|i| "好".repeat(i) + "这是我院独立完成的第100例TAVR手术。\n")
        .collect();
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    assert_eq!(
        lines.iter().filter(|l| l.ends_with('。')).count(),
        28,
        "{lines:?}"
    );
    let runts: Vec<&String> = lines
        .iter()
        .filter(|l| l.chars().count() <= 2 && l.ends_with('。'))
        .collect();
    assert!(runts.is_empty(), "{runts:?}");
}

/// A list of names that ends its paragraph keeps its last name whole: the paragraph's
/// last two characters, boxed to keep a runt off its last line, broke 欧阳 / 明辉 (QA4).
/// A number keeps its unit of several characters after 万 or 亿 (3.2万平 / 方米, QA4).
#[test]
fn a_names_list_and_a_number_with_its_unit_stay_whole_at_a_paragraphs_end() {
    let text: String = (1..=24)
        .map(|i| {
            "好".repeat(i)
                + "出席：林志远　陈建平　王　敏　刘德胜　张晓东　欧阳明辉\n"
                + &"好".repeat(i)
                + "新建门急诊综合楼3.2万平方米，改造病房2万平方米。\n"
        })
        .collect();
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    assert_eq!(
        lines.iter().filter(|l| l.contains("林志远")).count(),
        24,
        "{lines:?}"
    );
    let broken: Vec<&String> = lines
        .iter()
        .filter(|l| {
            l.ends_with("欧阳")
                || l.starts_with("明辉")
                || l.ends_with("万平")
                || l.ends_with('万')
                || l.starts_with("方米")
                || l.starts_with("平方米")
        })
        .collect();
    assert!(broken.is_empty(), "{broken:?}");
}

/// A closing quote never opens a line, the single one (’) as the double (”): the
/// trial broke …力争在‘十五五 / ’期间… (QA3 03), where the grid's tracking given back
/// before a quote let a line break before ’ (Typst's quotes rule keeps only ” there).
#[test]
fn a_closing_single_quote_never_opens_a_line() {
    let sentence = "力争在‘十五五’期间建成区域中心，做到“应收尽收”。";
    let text: String = (1..=28).map(|i| "好".repeat(i) + sentence + "\n").collect();
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    // Every place of the quotes on a line was tried.
    assert_eq!(
        lines.iter().filter(|l| l.contains('‘')).count(),
        28,
        "{lines:?}"
    );
    let wrong: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with(['’', '”']) || l.ends_with(['‘', '“']))
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}

/// A 间隔号, 连接号 or 分隔号 never opens a line (GB/T 15834, clreq): the trial's
/// lines broke before them (…安东尼奥 / ·古特雷斯, …2020 / —2025年, 9：00 / ～11：30),
/// and a time at its colon (11： / 30).
/// A 破折号 stays whole and may open a line.
#[test]
fn a_middle_dot_or_a_connecting_dash_never_opens_a_line() {
    let sentence = "联合国秘书长安东尼奥·古特雷斯，规划期为2020—2025年，时间为9：00～11：30；\
        第1月—3月，范围3～5公里，本科／研究生，一·二九运动——纪念活动，学习《论语》·学而篇。";
    let text: String = (1..=30)
        .map(|i| "好".repeat(i) + sentence + &"甲".repeat(31 - i) + "\n")
        .collect();
    for style in ["quanjiao", "kaiming"] {
        let toml = format!("{MINIMAL_TOML}\n[style]\npunctuation = \"{style}\"\n");
        let (_d, issue) = write_issue(&toml, &[("a.txt", &text)]);
        let (_t, pdf) = build_to_temp(&issue);
        // Every sentence prints whole (less the page numbers, — 2 —, between its lines).
        let printed = pdftotext(&pdf);
        let page_number = |l: &str| {
            l.trim_matches(|c: char| c == '—' || c.is_whitespace())
                .parse::<u32>()
                .is_ok()
        };
        let lines: Vec<&str> = printed.lines().filter(|l| !page_number(l)).collect();
        let squashed = squash(&lines.join("\n"));
        assert_eq!(squashed.matches(&squash(sentence)).count(), 30, "{printed}");
        // The lines as set (pdftotext parts a line at a box): the checker's kinsoku, which
        // knows · and the second half of ——, and the 连接号 ～ — ／ and a time's colon here.
        let Some((status, check)) = cjkcheck_one(&pdf, 1) else {
            return;
        };
        assert_eq!(status, "PASS", "{style}: {check}");
        let lines = pymupdf_lines(&pdf);
        let wrong: Vec<&String> = lines
            .iter()
            .filter(|l| {
                l.starts_with(['～', '／', '；', '：'])
                    || (l.starts_with('—') && !l.starts_with("——") && !l.ends_with('—'))
            })
            .collect();
        assert!(wrong.is_empty(), "{style}: {wrong:?}");
        for pair in lines.windows(2) {
            let parted =
                pair[0].ends_with('：') && pair[1].starts_with(|c: char| c.is_ascii_digit());
            assert!(!parted, "{style}: {pair:?}");
        }
    }
}

/// A web or e-mail address breaks after a / ? & = # . of its own (or anywhere in a part
/// of more than 20 characters, a hash): Typst broke a link only where its classes change
/// (an e-mail address not at all), and the line before one was spread letter by letter
/// (群　众　可　登　录…). Never inside its scheme: a letter a box broke it `ht / tps://`.
#[test]
fn the_line_before_a_web_address_is_not_spread_out() {
    let url = "https://zwfw.example.gov.cn/portal/service/guide/detail?itemId=1234567890abcdef&lang=zh_CN";
    let mail = "zhengwufuwu_zhongxin@example.gov.cn";
    let text =
        format!("群众可登录市政务服务网（{url}）查询办事指南，也可发送邮件至 {mail} 咨询。\n");
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    // No line opens with a mark of an address (https / ://).
    let lines = pymupdf_lines(&pdf);
    assert!(
        lines
            .iter()
            .all(|l| !l.starts_with([':', '/', '.', '@', '?', '&', '=', '_', '-'])),
        "{lines:?}"
    );
    // A line that ends inside the web address ends after one of its breaking marks.
    for l in &lines {
        if let Some(at) = l.find("https") {
            let tail = &l[at..];
            if !url.starts_with(tail) || tail == url {
                continue;
            }
            assert!(tail.ends_with(['/', '?', '&', '=', '#', '.']), "{lines:?}");
        }
    }
    // Every address prints whole, in order.
    let printed = squash(&pdftotext(&pdf));
    assert!(printed.contains(&format!("（{url}）")), "{printed}");
    assert!(printed.contains(mail), "{printed}");
    if cjkcheck_script().is_none() {
        // PyMuPDF measures the glyphs (required in CI).
        return;
    }
    // The advance from each character to the next on the line of 群众可登录.
    let gaps = pymupdf_numbers(
        &pdf,
        "for b in pymupdf.open(sys.argv[1])[0].get_text('rawdict')['blocks']:\n  for l in b.get('lines', []):\n    cs = [c for s in l['spans'] for c in s['chars']]\n    if ''.join(c['c'] for c in cs).startswith('群众可登录'):\n      for a, b in zip(cs[:4], cs[1:5]):\n        print(b['origin'][0] - a['origin'][0])",
    );
    assert_eq!(gaps.len(), 4, "{gaps:?}");
    // 三号 body: 16 pt a character, a little more to justify, not a character's gap.
    assert!(gaps.iter().all(|g| (15.5..18.0).contains(g)), "{gaps:?}");
}

/// The 间隔号 of 红色物业·志愿服务月 was 0.34 em in the title (Noto Serif CJK's own ·)
/// and a full em in the body (FandolFang's): one name set two ways on one page. A full
/// em in both, as every mark in the line is in 全角式.
#[test]
fn the_interpunct_is_a_full_em_in_the_title_as_in_the_body() {
    if cjkcheck_script().is_none() {
        // PyMuPDF measures the glyphs (required in CI).
        return;
    }
    let toml = MINIMAL_TOML.replace(
        "title = \"测试标题\"",
        "title = \"青石街道“红色物业·志愿服务月”启动\"",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "“红色物业·志愿服务月”活动启动。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    // Each ·'s advance to the character after it, in ems of its size.
    let ems = pymupdf_numbers(
        &pdf,
        "for b in pymupdf.open(sys.argv[1])[0].get_text('rawdict')['blocks']:\n  for l in b.get('lines', []):\n    for s in l['spans']:\n      cs = s['chars']\n      for a, b in zip(cs, cs[1:]):\n        if a['c'] == '·':\n          print((b['origin'][0] - a['origin'][0]) / s['size'])",
    );
    assert_eq!(ems.len(), 2, "{ems:?}");
    assert!(ems.iter().all(|e| (0.95..1.05).contains(e)), "{ems:?}");
}

/// The numbers a PyMuPDF statement prints for each line of the last page whose text
/// starts with `starts` (a Python string or tuple of them): it sees the line `l`, its
/// characters `cs` (each with its origin) and its text `t`.
fn last_page_lines(pdf: &std::path::Path, starts: &str, statement: &str) -> Vec<f64> {
    let body: String = statement.lines().map(|l| format!("      {l}\n")).collect();
    pymupdf_numbers(
        pdf,
        &format!(
            "for b in pymupdf.open(sys.argv[1])[-1].get_text('rawdict')['blocks']:\n  for l in b.get('lines', []):\n    cs = [c for s in l['spans'] for c in s['chars']]\n    t = ''.join(c['c'] for c in cs)\n    if t.startswith({starts}):\n{body}"
        ),
    )
}

#[test]
fn in_kaiming_a_list_starts_right_after_its_colon_as_the_other_footer_lines_do() {
    if cjkcheck_script().is_none() {
        // PyMuPDF measures the glyphs (required in CI).
        return;
    }
    let toml = MINIMAL_TOML.to_owned()
        + "\n[style]\npunctuation = \"kaiming\"\n\n[footer]\nextra = \"本期增发：县人大常委会办公室\"\n[[footer.distribution]]\nlabel = \"送\"\nrecipients = [\"县委办公室\"]\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    // The advance from each line's colon to the character after it.
    let gaps = last_page_lines(
        &pdf,
        "('送：', '本期增发：')",
        "i = t.index('：')\nprint(cs[i + 1]['origin'][0] - cs[i]['origin'][0])",
    );
    assert_eq!(gaps.len(), 2, "{gaps:?}");
    assert!((gaps[0] - gaps[1]).abs() < 0.5, "{gaps:?}");
}

#[test]
fn a_column_of_numbers_has_its_header_at_the_right_with_them() {
    if cjkcheck_script().is_none() {
        // PyMuPDF measures the glyphs (required in CI).
        return;
    }
    // No alignment row: the numbers go right, and their header went left over them.
    // A dash for no figure goes right with them, and keeps the column one of figures
    // (it went left, and took the header left).
    let md = "见下表。\n\n| 县（区） | 件数 |\n|---|---|\n| 东湖区 | 1864200 |\n| 西山区 | 1532000 |\n| 青云县 | — |\n";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_t, pdf) = build_to_temp(&issue);
    let rights = pymupdf_numbers(
        &pdf,
        "p = pymupdf.open(sys.argv[1])[0]\nfor w in ('件数', '1864200', '1532000'):\n  print(p.search_for(w)[0].x1)\ny = p.search_for('青云县')[0].y0\nprint([r for r in p.search_for('—') if abs(r.y0 - y) < 2][0].x1)",
    );
    assert_eq!(rights.len(), 4, "{rights:?}");
    assert!(
        rights.iter().all(|r| (r - rights[1]).abs() < 1.0),
        "{rights:?}"
    );
}

#[test]
fn an_issue_whose_last_article_ends_in_a_table_a_photo_or_a_heading_builds() {
    // The body's end marker was never placed after them: an internal error.
    for end in [
        "| 县（区） | 件数 |\n|---|---|\n| 东湖区 | 18 |\n",
        "![现场](p.jpg){width=40%}\n",
        "## 下一步工作\n",
    ] {
        let md = format!("见下表。\n\n{end}");
        let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"")
            + "\n[footer]\neditors = [\"王芳\"]\n";
        let (d, issue) = write_issue(&toml, &[("a.md", &md)]);
        std::fs::copy(
            repo().join("tests/fixtures/photos/cmyk.jpg"),
            d.path().join("p.jpg"),
        )
        .unwrap();
        let o = jianbao_cli(&["build", issue.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{end}: {err}");
        assert!(d.path().join("issue.pdf").is_file());
    }
}

#[test]
fn a_long_address_runs_on_under_its_first_character_after_its_label() {
    if cjkcheck_script().is_none() {
        // PyMuPDF measures the glyphs (required in CI).
        return;
    }
    // It wrapped to the 报尾's left edge, under 地址：.
    let toml = MINIMAL_TOML.to_owned()
        + "\n[footer]\neditors = [\"王芳\"]\n[footer.contact]\nphone = \"027-87651234\"\naddress = \"湖北省江城市洪山区学府路88号江城理工大学行政楼五楼508室教学质量监控与评估中心\"\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    // The x of the address's first character, and of the first of its next line.
    let xs = pymupdf_numbers(
        &pdf,
        "lines = []\nfor b in pymupdf.open(sys.argv[1])[-1].get_text('rawdict')['blocks']:\n  for l in b.get('lines', []):\n    cs = [c for s in l['spans'] for c in s['chars']]\n    lines.append((''.join(c['c'] for c in cs), cs[0]['origin'][0]))\ni = [k for k, (t, _) in enumerate(lines) if t.startswith('地址：')][0]\nt, _ = lines[i]\ncs = [c for b in pymupdf.open(sys.argv[1])[-1].get_text('rawdict')['blocks'] for l in b.get('lines', []) for s in l['spans'] for c in s['chars']]\nfirst = [c for c in cs if c['c'] == '湖'][0]\nprint(first['origin'][0], lines[i + 1][1])",
    );
    assert_eq!(xs.len(), 2, "{xs:?}");
    assert!((xs[0] - xs[1]).abs() < 1.0, "{xs:?}");
    // The label on the address's first line.
    let text = pdftotext(&pdf);
    assert!(
        text.lines().any(|l| l.starts_with("地址：湖北省")),
        "{text}"
    );
}

/// An address set on two lines is set ragged, not spread letter by letter before what
/// cannot break, and a short part in brackets stays whole: «地址：青 山 县 … 三 楼 （邮 编»
/// over «410000）» (QA12 A 11, C 08).
#[test]
fn an_address_on_two_lines_is_not_spread_and_its_bracketed_part_stays_whole() {
    if cjkcheck_script().is_none() {
        // PyMuPDF measures the glyphs (required in CI).
        return;
    }
    let toml = MINIMAL_TOML.to_owned()
        + "\n[footer]\neditors = [\"李明\"]\n[footer.contact]\naddress = \"青山县城关镇人民路168号县政协机关大楼三楼（邮编：410000）\"\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    // The widest step between two Chinese characters on the address's first line,
    // and the size they are set in.
    let got = last_page_lines(
        &pdf,
        "'地址'",
        "han = lambda c: '\\u4e00' <= c['c'] <= '\\u9fff'\nprint(max(b['origin'][0] - a['origin'][0] for a, b in zip(cs, cs[1:]) if han(a) and han(b)), l['spans'][0]['size'])",
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0] < got[1] * 1.12, "spread: {got:?}");
    let lines: Vec<String> = pdftotext(&pdf).lines().map(squash).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("（邮编：410000）") || l.ends_with("（邮编：410000）")),
        "{lines:?}"
    );
}

/// A paragraph that ends with a figure and one character (专题讲座4讲。) does not end in
/// a line of that character alone: 讲。 was one, the figure's box before it (QA12 A 09).
#[test]
fn a_paragraph_ending_in_a_figure_and_a_character_leaves_no_runt() {
    if cjkcheck_script().is_none() {
        return;
    }
    let mut text = String::new();
    for n in 15..20 {
        let lead: String = "一是重构教学内容全面推进课程改革各项工作落实到位"
            .chars()
            .take(n)
            .collect();
        text += &format!(
            "{lead}引入ChatGPT、DeepSeek等大模型应用案例，新增“AI for Science”专题讲座4讲。\n"
        );
    }
    // (Without a byline: the last paragraph is then set as the others are.)
    let toml = MINIMAL_TOML.replace("byline = \"测试处 供稿\"\n", "");
    let (_d, issue) = write_issue(&toml, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines: Vec<String> = pymupdf_lines(&pdf).iter().map(|l| squash(l)).collect();
    assert!(lines.iter().all(|l| l != "讲。"), "{lines:?}");
    assert!(
        lines.iter().any(|l| l == "4讲。" || l.ends_with("4讲。")),
        "{lines:?}"
    );
}

/// `in_contents = false` leaves an article out of 本期要目, as the warning of a contents
/// too long for page 1 advises; there was no key to do it with (QA12 C 14).
#[test]
fn an_article_may_be_left_out_of_the_contents() {
    let Some((text, _)) = contents_text(
        "政协工作简报",
        r#"[[article]]
title = "县政协召开十四届十次常委会议"
file = "a.txt"
[[article]]
title = "委员风采：扎根基层的乡村医生"
file = "a.txt"
in_contents = false
[[article]]
title = "县政协开展民主监督专项视察"
file = "a.txt"
"#,
    ) else {
        return;
    };
    let text = squash(&text);
    // Listed: each title twice (its entry and its heading); left out: once.
    for (title, times) in [
        ("县政协召开十四届十次常委会议", 2),
        ("委员风采：扎根基层的乡村医生", 1),
        ("县政协开展民主监督专项视察", 2),
    ] {
        assert_eq!(text.matches(title).count(), times, "{title}: {text}");
    }
}

/// An issue of bulletin `title` that prints its 本期要目, with `articles` (their
/// [[article]] tables).
fn contents_issue(title: &str, articles: &str) -> String {
    format!(
        "\n[bulletin]\ntitle = \"{title}\"\n[issue]\nnumber = 3\ndate = 2026-04-28\ncontents = true\n{articles}"
    )
}

/// What pdftotext reads of a [`contents_issue`] whose articles are a line each (their
/// `file = "a.txt"`), and its lines without spaces; none when pdftotext is missing.
fn contents_text(title: &str, articles: &str) -> Option<(String, Vec<String>)> {
    if !tool("pdftotext") {
        return None;
    }
    let (_d, issue) = write_issue(&contents_issue(title, articles), &[("a.txt", "正文。\n")]);
    let (_o, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    let lines = text.lines().map(squash).collect();
    Some((text, lines))
}

/// The first of `lines` that starts with `start`.
fn line_starting(lines: &[String], start: &str, text: &str) -> usize {
    lines
        .iter()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start}: {text}"))
}

/// A contents entry that runs on breaks between words: `…推进“AI+教` / `育”混合式…`
/// broke inside 教育 before, as Typst fills a line up to its last character.
#[test]
fn a_contents_entry_breaks_between_words() {
    let Some((text, lines)) = contents_text(
        "教学督导简报",
        r#"[[article]]
column = "改革探索"
title = "计算机学院以CS101《程序设计基础》为试点推进“AI+教育”混合式教学改革"
file = "a.txt"
[[article]]
column = "改革探索"
title = "市交通运输局以“四个一”活动扎实推进模范机关创建工作走深走实"
file = "a.txt"
"#,
    ) else {
        return;
    };
    let at = line_starting(&lines, "计算机学院", &text);
    // Two lines, the break between 推进 and “AI+教育”, and nothing but the entry's
    // own characters in the text (no joiners).
    assert_eq!(
        lines[at], "计算机学院以CS101《程序设计基础》为试点推进",
        "{text}"
    );
    assert!(
        lines[at + 1].starts_with("“AI+教育”混合式教学改革"),
        "{text}"
    );
    assert!(lines[at + 1].ends_with('1'), "{text}");
    assert!(!text.contains('\u{2060}'));
    // A word measured with its marks at full width: “四个一” measured alone was an
    // em short, the line overfilled, and Typst broke it again: 创建工 / 作 / 走深走实.
    let at = line_starting(&lines, "市交通运输局", &text);
    assert_eq!(
        lines[at], "市交通运输局以“四个一”活动扎实推进模范机关创建",
        "{text}"
    );
    assert!(lines[at + 1].starts_with("工作走深走实"), "{text}");
}

/// An entry of phrases set apart (a title's own 　 and its line break) keeps on a line
/// as many of them as fit: it broke at every one, and set 以案为鉴 and 警钟长鸣 each
/// alone on a line, with room for twenty characters more (QA13 A 02).
#[test]
fn a_contents_entry_keeps_its_phrases_together_where_they_fit() {
    let Some((text, lines)) = contents_text(
        "巡察工作简报",
        r#"[[article]]
title = "以案为鉴　警钟长鸣\n——本轮巡察移交问题线索查处的两起典型案例"
file = "a.txt"
[[article]]
title = "守纪律　讲规矩　作表率"
file = "a.txt"
"#,
    ) else {
        return;
    };
    let at = line_starting(&lines, "以案为鉴", &text);
    assert_eq!(lines[at], "以案为鉴警钟长鸣", "{text}");
    assert!(
        lines[at + 1].starts_with("——本轮巡察移交问题线索查处的两起典型案例"),
        "{text}"
    );
    assert!(lines[at + 1].ends_with('1'), "{text}");
    let at = line_starting(&lines, "守纪律", &text);
    assert!(lines[at].starts_with("守纪律讲规矩作表率"), "{text}");
}

/// A contents entry with no column label over it that runs on hangs two characters: its
/// next line stood under its first character, where it passed for the next title, and
/// the checker read the entries as one body paragraph, its ragged lines failing
/// justification and its second line the first-line indent.
#[test]
fn a_long_contents_entry_with_no_column_hangs_two_characters() {
    let toml = r#"
[bulletin]
title = "测试简报"
unit = "测试单位编"
[issue]
number = 1
date = 2026-12-01
contents = true
[[article]]
title = "关于贯彻落实全市国民经济和社会发展第十五个五年规划2026—2030年重点任务分工方案的通知"
file = "a.txt"
[[article]]
title = "联合国秘书长安东尼奥·古特雷斯会见我国代表团一行并就全球治理等议题深入交换意见"
file = "a.txt"
[[article]]
title = "我市召开安全生产工作会议"
file = "a.txt"
"#;
    let (_d, issue) = write_issue(toml, &[("a.txt", "正文。\n")]);
    let (_o, pdf) = build_to_temp(&issue);
    for check in [3, 4] {
        let Some((status, report)) = cjkcheck_one(&pdf, check) else {
            return;
        };
        assert_eq!(status, "PASS", "{report}");
    }
    // The x of each entry line's first character, on page 1, in order (the body size:
    // the article's title over its text begins as the first entry does).
    let xs = pymupdf_numbers(
        &pdf,
        "for b in pymupdf.open(sys.argv[1])[0].get_text('rawdict')['blocks']:\n  for l in b.get('lines', []):\n    ss = [s for s in l['spans'] if abs(s['size'] - 16) < 0.5]\n    cs = [c for s in ss for c in s['chars']]\n    t = ''.join(c['c'] for c in cs)\n    if cs and t.startswith(('关于', '2026—', '联合国', '全球', '我市召开')):\n      print(cs[0]['origin'][0])",
    );
    assert_eq!(xs.len(), 5, "{xs:?}");
    let char = 16.0;
    assert!((xs[1] - xs[0] - 2.0 * char).abs() < 1.0, "{xs:?}");
    assert!((xs[3] - xs[2] - 2.0 * char).abs() < 1.0, "{xs:?}");
    assert!((xs[4] - xs[0]).abs() < 0.5, "{xs:?}");
}

/// A contents entry never leaves one character alone on its last line before the
/// leaders (the trial's …实施方 / 案……3): the last word of the line before goes down
/// with it.
#[test]
fn a_contents_entry_leaves_no_character_alone_before_its_leaders() {
    let base =
        "市人大常委会召开党组理论学习中心组学习会议深入学习贯彻全会精神研究部署下步工作实施方案";
    let chars: Vec<char> = base.chars().collect();
    let mut toml = String::from(
        "[bulletin]\ntitle = \"测试简报\"\nunit = \"测试单位编\"\n[issue]\nnumber = 1\ndate = 2026-12-01\ncontents = true\n",
    );
    // Titles of 25 to 34 characters ending in 案: one of them runs on by one character.
    for k in 24..34 {
        let title: String = chars[..k].iter().collect::<String>() + "案";
        toml += &format!("[[article]]\ntitle = \"{title}\"\nfile = \"a.txt\"\n");
    }
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_o, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    let ends: Vec<String> = lines
        .iter()
        .filter(|l| l.contains(". ."))
        .map(|l| l.split('.').next().unwrap().trim().to_owned())
        .collect();
    assert_eq!(ends.len(), 10, "{lines:?}");
    assert!(ends.iter().all(|e| e.chars().count() > 1), "{ends:?}");
    // No entry runs into its page number: leaders stand between.
    assert!(
        lines
            .iter()
            .all(|l| !l.contains("案2") && !l.contains("案3")),
        "{lines:?}"
    );
}

/// The rule under 本期要目 goes with the last entry: it stood alone at the top of page 2,
/// the 编者按 under it (the trial's 党建工作简报 with six long entries).
#[test]
fn the_rule_under_the_contents_never_opens_a_page() {
    if cjkcheck_script().is_none() {
        return;
    }
    // From a contents that ends high on page 2 to one that fills page 1 to its foot.
    for n in 5..=9 {
        let mut toml = String::from(
            "[bulletin]\ntitle = \"党建工作简报\"\n[issue]\nnumber = 6\ndate = 2026-06-30\ncontents = true\nnote = \"本期集中刊发各单位的做法，供学习借鉴。\"\n",
        );
        for i in 1..=n {
            toml += &format!(
                "[[article]]\ncolumn = \"党建动态\"\ntitle = \"第{i}篇：市直机关工委召开党纪学习教育常态化长效化推进会暨工作联席会议\"\nfile = \"a.txt\"\n"
            );
        }
        let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
        let (_o, pdf) = build_to_temp(&issue);
        // For each black rule across the text block: the top of the highest text on
        // its page above it, or -1 when none is.
        let above = pymupdf_numbers(
            &pdf,
            "for p in pymupdf.open(sys.argv[1]):\n  spans = [s['bbox'][1] for b in p.get_text('dict')['blocks'] for l in b.get('lines', []) for s in l['spans'] if s['text'].strip()]\n  for d in p.get_drawings():\n    r = d['rect']\n    if r.width > 400 and (d.get('color') or (1,1,1))[0] < 0.5:\n      ys = [y for y in spans if y < r.y0]\n      print(min(ys) if ys else -1)",
        );
        assert!(!above.is_empty(), "n = {n}: no rule found");
        assert!(above.iter().all(|&y| y >= 0.0), "n = {n}: {above:?}");
    }
}

/// `note_label = ""` prints the 编者按 without a label (it was refused: "note_label is
/// empty"), its first line indented as a paragraph's.
#[test]
fn an_issue_note_with_an_empty_label_prints_without_one() {
    if !tool("pdftotext") {
        return;
    }
    let toml = MINIMAL_TOML.replace(
        "[issue]\n",
        "[issue]\nnote = \"本期刊发各地经验做法。\"\nnote_label = \"\"\n",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_o, pdf) = build_to_temp(&issue);
    let text = squash(&pdftotext(&pdf));
    assert!(text.contains("本期刊发各地经验做法。"), "{text}");
    assert!(
        !text.contains("编者按") && !text.contains("：本期"),
        "{text}"
    );
}

/// An attachment's name that runs on by a character takes a word down with it: the
/// trial's «…主要经济指» / «标» left its last character alone on a line.
#[test]
fn an_attachment_name_never_leaves_one_character_on_a_line() {
    if !tool("pdftotext") {
        return;
    }
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let md = "正文。\n\n附件：1．2026年1—4月全市规模以上工业企业主要经济指标\n\n2．规模以上工业企业问卷调查情况汇总表\n";
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_o, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("附件"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(lines[at + 1].chars().count() > 1, "{text}");
    assert!(squash(&text).contains("主要经济指标"), "{text}");
}

/// A wide table's columns are sized to their words: no word runs past the table's
/// rule (the trial's 8-column table had 13905711234 past the text block's edge, the
/// columns equal while 单位名称 wrapped to five lines).
#[test]
fn a_wide_tables_words_stay_inside_the_text_block() {
    if cjkcheck_script().is_none() {
        return;
    }
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let md = "正文。\n\n| 序号 | 单位名称 | 检查日期 | 发现隐患（项） | 重大隐患（项） | 已整改（项） | 整改率 | 责任人及联系电话 |\n|---|---|---|---|---|---|---|---|\n| 1 | 浙江华东装备制造有限公司 | 2026年3月12日 | 31 | 1 | 28 | 90.3% | 陈志强 13905711234 |\n| 2 | 集团物流服务有限公司（含下属三个分公司） | 2026年3月14日 | 27 | 0 | 27 | 100% | Thomas Wang +86-571-88776655 |\n";
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_o, pdf) = build_to_temp(&issue);
    // The right edge of the rightmost Latin letter or digit on page 1 (the table's; a
    // line-end ） has its em box past the edge by design), and of the text block (28 mm
    // + 156 mm).
    let right = pymupdf_numbers(
        &pdf,
        "p = pymupdf.open(sys.argv[1])[0]\nprint(max(c['bbox'][2] for b in p.get_text('rawdict')['blocks'] for l in b.get('lines', []) for s in l['spans'] for c in s['chars'] if c['c'].isascii() and c['c'].isalnum()))",
    );
    let edge = (28.0 + 156.0) / 25.4 * 72.0;
    assert!(right[0] <= edge + 0.5, "{} > {edge}", right[0]);
}

#[test]
fn a_long_table_never_leaves_one_row_or_a_total_alone_on_its_last_page() {
    // Typst split a table between any two rows: 合计 alone under the repeated header,
    // or one row and 合计. The last two rows (three with a total) now go together.
    let para = "全市各单位认真落实年度工作部署，扎实推进各项重点任务，取得明显成效，现将有关情况通报如下。";
    for (last, least) in [("| 合计 | 585 | 315 |\n", 3), ("", 2)] {
        let rows: String = (1..=9)
            .map(|i| format!("| 第{i}单位 | {} | {} |\n", i * 13, i * 7))
            .collect();
        let mut splits = 0;
        for lead in 10..=15 {
            let md = format!(
                "{}表1 各单位完成情况\n\n| 单位 | 任务数 | 完成数 |\n|---|---|---|\n{rows}{last}\n{para}\n",
                format!("{para}\n\n").repeat(lead)
            );
            let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
            let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
            let (_t, pdf) = build_to_temp(&issue);
            // The table's rows on each page (pdftotext ends each page with a form feed).
            let per_page: Vec<usize> = pdftotext(&pdf)
                .split('\u{c}')
                .map(|page| {
                    page.lines()
                        .filter(|l| l.starts_with('第') && l.ends_with("单位") || *l == "合计")
                        .count()
                })
                .filter(|&n| n > 0)
                .collect();
            let rows_in_all = if last.is_empty() { 9 } else { 10 };
            assert_eq!(
                per_page.iter().sum::<usize>(),
                rows_in_all,
                "{lead}: {per_page:?}"
            );
            if per_page.len() > 1 {
                splits += 1;
                assert!(
                    *per_page.last().unwrap() >= least,
                    "{lead} paragraphs before it, {last:?}: rows on each page {per_page:?}"
                );
            }
        }
        // The cases tried include tables that split.
        assert!(splits > 0, "{last:?}");
    }
}

/// The trial's 党建简报: a paragraph of 2 + 26 characters with “…” in it was set on two
/// lines, the first spread and 销号： alone on the second. Untracked, each quote and the
/// character before it came out wider than the grid's characters.
#[test]
fn a_line_of_twenty_eight_with_quotes_in_it_fits_its_line() {
    let para = "会议强调，各级党组织要对照以下“三个清单”逐项销号：";
    let text = format!("{para}\n各基层党组织对标“五个基本”要求，重点抓好以下工作。\n");
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    for p in [para, "各基层党组织对标“五个基本”要求，重点抓好以下工作。"]
    {
        assert!(
            lines.iter().any(|l| l == p),
            "{p} not on one line: {lines:?}"
        );
    }
}

/// The trial's 党建简报: the notes' rule stood under the text at a page's foot, the notes
/// on the next page without it. Wherever the text ends, the rule is on the page of the
/// first note.
#[test]
fn the_notes_rule_is_on_the_page_of_the_first_note() {
    if cjkcheck_script().is_none() {
        // PyMuPDF finds the rule (required in CI).
        return;
    }
    let para = "全市各单位认真落实年度工作部署，扎实推进各项重点任务，取得明显成效。";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let mut apart = 0;
    // Two-line paragraphs and a one-line one or none: the text ends on each line of a
    // page's foot in turn.
    for (lead, short) in (13..=17).flat_map(|l| [(l, 0), (l, 1)]) {
        let md = format!(
            "{}{}最后一段有注释[^1]。\n\n[^1]: 注释的文字。\n",
            format!("{para}\n\n").repeat(lead),
            "短段落。\n\n".repeat(short)
        );
        let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
        let (_t, pdf) = build_to_temp(&issue);
        // The page of the rule (a short horizontal line four characters long, 64 pt),
        // then the page of the note's first line.
        let pages = pymupdf_numbers(
            &pdf,
            "d = pymupdf.open(sys.argv[1])\nfor n, p in enumerate(d):\n  for g in p.get_drawings():\n    r = g['rect']\n    if abs(r.width - 64) < 2 and r.height < 2: print(n)\nfor n, p in enumerate(d):\n  if '注释的文字' in p.get_text(): print(n)",
        );
        assert_eq!(pages.len(), 2, "{lead}: {pages:?}");
        if pages[0] != pages[1] {
            apart += 1;
        }
    }
    assert_eq!(apart, 0, "the rule apart from its note in {apart} case(s)");
}

/// A header of two rows has a short rule under a cell across columns (营业收入 over 金额
/// and 同比), as 三线表 set one: there were only the table's three rules.
#[test]
fn a_two_row_header_has_a_short_rule_under_its_spanning_cell() {
    if cjkcheck_script().is_none() {
        // PyMuPDF finds the rules (required in CI).
        return;
    }
    let md = "见下表。\n\n| 板块 | 营业收入 | << |\n|---|---|---|\n| ^^ | 金额 | 同比 |\n| 制造 | 120 | 5% |\n";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_t, pdf) = build_to_temp(&issue);
    // The widths of the horizontal rules on page 1 under the masthead's red ones
    // (black, under 2 pt high), widest first.
    let widths = pymupdf_numbers(
        &pdf,
        "p = pymupdf.open(sys.argv[1])[0]\nws = []\nfor g in p.get_drawings():\n  r = g['rect']\n  c = g.get('color') or (0, 0, 0)\n  if r.height < 2 and r.width > 20 and max(c) < 0.2: ws.append(r.width)\nfor w in sorted(ws, reverse=True): print(w)",
    );
    // Top, under the header, bottom: the table's width; the short one: two columns.
    assert!(widths.len() >= 4, "{widths:?}");
    let table = widths[0];
    let short: Vec<f64> = widths
        .iter()
        .copied()
        .filter(|w| *w < table - 1.0 && *w > table * 0.3)
        .collect();
    assert_eq!(short.len(), 1, "{widths:?}");
}

/// 本期要目 with nothing to list (the one article untitled, no `contents_title`)
/// printed its heading and rule over nothing: an error at `contents`.
#[test]
fn contents_with_nothing_to_list_is_an_error() {
    let toml = MINIMAL_TOML
        .replace("[issue]\n", "[issue]\ncontents = true\n")
        .replace("title = \"测试标题\"\n", "");
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let err = jianbao::model::load(&issue).unwrap_err().render(false);
    assert!(
        err.contains("issue.toml:8:") && err.contains("contents_title"),
        "{err}"
    );
}

/// 本期要目 that runs past page 1 is said, with the lines over.
#[test]
fn contents_running_past_page_one_is_said() {
    let mut toml = MINIMAL_TOML.replace("[issue]\n", "[issue]\ncontents = true\n");
    let mut files = vec![("a.txt".to_owned(), "正文。\n".to_owned())];
    for k in 0..14 {
        toml.push_str(&format!(
            "\n[[article]]\ntitle = \"县政协召开推进县域医共体建设月度专题协商会第{k}次会议\"\nfile = \"b{k}.txt\"\n"
        ));
        files.push((format!("b{k}.txt"), "正文。\n".to_owned()));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let (_d, issue) = write_issue(&toml, &files);
    let (_t, _pdf, report) = build_reported(&issue);
    let w = report
        .warnings
        .iter()
        .find(|w| w.contains("本期要目 runs on to page 2"))
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert!(w.contains("line(s) there"), "{w}");
    // Three entries fit: nothing said.
    let short = toml
        .split("\n[[article]]\ntitle = \"县政协召开推进县域医共体建设月度专题协商会第2次")
        .next()
        .unwrap()
        .to_owned();
    let (_d, issue) = write_issue(&short, &files);
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        report
            .warnings
            .iter()
            .all(|w| !w.contains("本期要目 runs on")),
        "{:?}",
        report.warnings
    );
}

/// `supplement = true` beside a `label`: the label prints as written, so a label
/// without 增刊 is said; one with it is not.
#[test]
fn a_supplement_with_a_label_without_zengkan_is_said() {
    for (label, said) in [("〔第三期〕", true), ("增刊〔第三期〕", false)] {
        let toml = MINIMAL_TOML.replace(
            "number = 1\n",
            &format!("label = \"{label}\"\nsupplement = true\n"),
        );
        let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
        let (model, _) = jianbao::model::load(&issue).unwrap();
        let w = model
            .warnings
            .iter()
            .find(|w| w.contains("supplement = true"));
        assert_eq!(w.is_some(), said, "{label}: {:?}", model.warnings);
        if let Some(w) = w {
            assert!(w.contains("issue.toml:9:"), "{w}");
        }
        assert_eq!(model.issue.number_text.as_deref(), Some(label));
    }
}

/// A Markdown article's own `#` title, worded apart from the issue's, over `##`
/// sections: not printed as the heading 一、… with the sections demoted; said.
#[test]
fn a_markdown_articles_own_title_is_not_a_heading() {
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let md = "# 县政协召开推进县域医共体建设月度专题协商会\n\n## 会议要求\n\n正文。\n\n## 下一步安排\n\n正文。\n";
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
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
    assert_eq!(headings, ["一、会议要求", "二、下一步安排"]);
    let w = model
        .warnings
        .iter()
        .find(|w| w.contains("the article's own title"))
        .unwrap_or_else(|| panic!("{:?}", model.warnings));
    assert!(w.contains("a.md:1:"), "{w}");
    // A first section with its number, or one as short as a section's heading: a
    // heading as before, nothing said.
    for first in ["# 一、基本情况", "# 主要做法"] {
        let md = format!("{first}\n\n## （一）工作进展\n\n正文。\n\n## （二）存在问题\n\n正文。\n");
        let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
        let (model, _) = jianbao::model::load(&issue).unwrap();
        assert!(
            model.warnings.iter().all(|w| !w.contains("own title")),
            "{first}: {:?}",
            model.warnings
        );
        let text: String = model.articles[0]
            .blocks
            .iter()
            .flat_map(|b| b.inlines().iter().map(|i| i.text.clone()))
            .collect();
        assert!(
            text.contains(first.trim_start_matches("# ").trim_start_matches("一、")),
            "{text}"
        );
    }
}

/// A quotation's source on a line of its own after it (——县政协原副主席　王某) is set
/// at the right, not as a paragraph of the quotation.
#[test]
fn a_quotations_source_is_set_at_the_right() {
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let md = "一位老委员说：\n\n> 协商不是走过场，而是要真正把群众的呼声带到决策桌上。\n>\n> ——县政协原副主席　王某\n\n会场响起了掌声。\n";
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_o, pdf) = build_to_temp(&issue);
    let Some(chars) = sized_chars(&pdf) else {
        return;
    };
    // The source's last character ends where the quotation's lines end, two
    // characters in from the block's right edge (A4: the block ends at 184 mm,
    // 521.6 pt); set as a paragraph it ended near the middle (319 pt).
    let end = chars.iter().find(|x| x.0 == '某').unwrap();
    assert!((end.2 + 16.0 - (521.6 - 2.0 * 16.0)).abs() < 4.0, "{end:?}");
}

/// A number and its unit symbol a space apart (0.5 mg/m³) are never broken apart at a
/// line's end: paragraphs whose text before it grows a character at a time put it
/// at every place in the line.
#[test]
fn a_number_and_its_unit_symbol_stay_on_one_line() {
    if !tool("pdftotext") {
        return;
    }
    let text: String = (0..28)
        .map(|k| {
            format!(
                "{}降至0.5 mg/m³以下，空气质量正常。\n",
                "监测数据显示".chars().cycle().take(k).collect::<String>()
            )
        })
        .collect();
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_o, pdf) = build_to_temp(&issue);
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let lines = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(lines.matches("0.5 mg/m³").count() == 28, "{lines}");
}

/// A long table never begins at a page's foot with its caption, its header and one
/// row: where the three first rows do not fit it opens the next page, and that is said.
/// The text before it grows a paragraph at a time, so that it starts at every height.
#[test]
fn a_long_table_never_begins_with_one_row_at_a_pages_foot() {
    if !tool("pdftotext") {
        return;
    }
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let rows: String = (1..=10)
        .map(|k| format!("| 学校{k:02} | {} | {} |\n", 1000 + k, 90 + k))
        .collect();
    let mut said = 0;
    for k in 1..=9 {
        let para =
            "全区各校认真开展课后服务工作，参与率和满意度稳步提升，课程内容更加丰富多彩。\n\n"
                .repeat(k);
        let md = format!(
            "{para}表1　各校课后服务情况\n\n| 学校 | 人数 | 参与率 |\n|---|---|---|\n{rows}\n此后正文。\n"
        );
        let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
        let (_t, pdf, report) = build_reported(&issue);
        said += report
            .warnings
            .iter()
            .filter(|w| w.contains("opens page") && w.contains("表1"))
            .count();
        let out = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let page = text
            .split('\u{c}')
            .find(|p| p.contains("各校课后服务情况"))
            .unwrap();
        let on_it = (1..=10)
            .filter(|r| page.contains(&format!("学校{r:02}")))
            .count();
        assert!(
            on_it >= 3,
            "k = {k}: {on_it} row(s) under the caption on its page\n{page}"
        );
    }
    assert!(said >= 1, "no table was said to open a page");
}

/// 本期增发 is set as the lists over it are: its units after the label, never broken
/// inside one, the lines after the first under the first unit.
#[test]
fn the_extra_distribution_breaks_between_its_units() {
    if !tool("pdftotext") {
        return;
    }
    let toml = labelled("").replace(
        "print_count = 300\n",
        "print_count = 300\nextra = \"本期增发：市消防救援支队、市气象局、国网市供电公司、市燃气集团有限公司\"\n",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let footer = model.footer.as_ref().unwrap();
    assert_eq!(footer.extra_units, [8, 13, 21]);
    let (_o, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    assert!(
        text.lines().any(|l| l.contains("市燃气集团有限公司")),
        "{text}"
    );
}

/// A .txt whose first line is its own title, worded apart from the issue's, is said:
/// it prints as the text's first paragraph. A first line that is text, or a heading
/// with its number, is not.
#[test]
fn a_txt_articles_own_title_line_is_said() {
    let text = "县政协召开推进县域医共体建设月度专题协商会\n会议指出，要深入贯彻落实有关部署要求，扎实推进县域医共体建设，切实提升群众就医获得感。\n";
    for (body, said) in [
        (text, true),
        (
            "会议指出，要深入贯彻落实有关部署要求。\n此后正文。\n",
            false,
        ),
        (
            "一、基本情况和主要做法\n会议指出，要深入贯彻落实有关部署要求，扎实推进县域医共体建设，切实提升群众就医获得感。\n",
            false,
        ),
    ] {
        let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", body)]);
        let (model, _) = jianbao::model::load(&issue).unwrap();
        let w = model.warnings.iter().find(|w| w.contains("own title"));
        assert_eq!(w.is_some(), said, "{body}: {:?}", model.warnings);
        if let Some(w) = w {
            assert!(w.contains("a.txt:1:") && w.contains("县政协召开"), "{w}");
        }
    }
}

/// An issue with no number and no date is said; a date's suffix typed with a space
/// first is set a full-width space after the date (大会简报: 1月13日　22时).
#[test]
fn no_number_and_no_date_is_said_and_a_suffix_keeps_its_space() {
    let toml = MINIMAL_TOML
        .replace("number = 1\n", "")
        .replace("total = 10\n", "")
        .replace("date = 2026-01-05\n", "");
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert!(
        model
            .warnings
            .iter()
            .any(|w| w.contains("no number and no date")),
        "{:?}",
        model.warnings
    );
    for (suffix, printed) in [
        ("　22时", "2026年1月5日　22时"),
        (" 22时", "2026年1月5日　22时"),
        ("印发", "2026年1月5日印发"),
    ] {
        let toml = MINIMAL_TOML.replace(
            "date = 2026-01-05\n",
            &format!("date = 2026-01-05\ndate_suffix = \"{suffix}\"\n"),
        );
        let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
        let (model, _) = jianbao::model::load(&issue).unwrap();
        assert_eq!(model.issue.date_text.as_deref(), Some(printed));
        assert!(
            !model.warnings.iter().any(|w| w.contains("no number")),
            "{:?}",
            model.warnings
        );
    }
}

/// A 报尾 alone on its page because a list is set a line an entry: the warning names
/// join as well as the lines to cut.
#[test]
fn a_footer_alone_because_of_a_long_list_names_join() {
    let units: Vec<String> = (1..=14).map(|i| format!("\"第{i}代表团\"")).collect();
    let toml = format!(
        "{MINIMAL_TOML}\n[footer]\neditors = [\"王芳\"]\n[[footer.distribution]]\nlabel = \"发\"\nrecipients = [{}]\n",
        units.join(", ")
    );
    let text = "会议听取了汇报，审议了报告，部署了下一阶段的工作任务，要求各代表团认真组织审议。\n"
        .repeat(14);
    let (_d, issue) = write_issue(&toml, &[("a.txt", &text)]);
    let (_dir, _pdf, report) = build_reported(&issue);
    let alone = report
        .warnings
        .iter()
        .find(|w| w.contains("stands alone"))
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert!(
        alone.contains("run the list «发» on") && alone.contains("join"),
        "{alone}"
    );
}

/// A run that cannot break (a code with no space) is an error at its place in the
/// article, not at the issue file.
#[test]
fn an_unbreakable_run_is_an_error_at_its_place() {
    let (_d, issue) = write_issue(
        MINIMAL_TOML,
        &[(
            "a.txt",
            "统一社会信用代码：91360100MA35XXXXXXQINGCHUANJIANTOU2026ESGREPORTFINALVERSION。\n",
        )],
    );
    let out = issue.with_extension("pdf");
    let o = build_cli(&issue, &out);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("a.txt:1:") && err.contains("cannot break"),
        "{err}"
    );
    assert!(!out.exists());
}

/// The first article's printed text, its blocks' runs together.
fn first_article_text(model: &jianbao::model::Issue) -> String {
    model.articles[0]
        .blocks
        .iter()
        .flat_map(|b| b.all_inlines())
        .map(|i| i.text.clone())
        .collect()
}

/// A contributor's text that still carries its bulletin's red head over its title, and
/// its own 报尾 at its end: neither prints again, and both are said.
#[test]
fn a_pasted_red_head_and_a_pasted_footer_do_not_print_again() {
    let toml = format!("{MINIMAL_TOML}\n[footer]\neditors = [\"王芳\"]\nprint_count = 20\n");
    let text = "测试简报\n第1期\n测试单位编　　　　2026年1月5日\n测试标题\n正文第一段。\n（测试处供稿）\n报：区防汛抗旱指挥部，区委办公室\n送：街道党工委、办事处领导班子成员\n共印15份\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", text)]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let w = model.warnings.join("\n");
    assert!(w.contains("bulletin's own head"), "{w}");
    assert!(w.contains("ends with a 报尾 of its own"), "{w}");
    let body = first_article_text(&model);
    assert!(body.contains("正文第一段"), "{body}");
    for gone in ["第1期", "测试单位编", "共印15份", "报："] {
        assert!(!body.contains(gone), "{gone} in {body}");
    }
}

/// An article forwarded as another office sent it: that bulletin's head (its name, not
/// this issue's; 第5期; its unit and date) over the title, its 报尾 at the end. Neither
/// prints, even with no [footer] in the issue (the 报尾 is the other bulletin's), and
/// both are said with the other bulletin's name. A first line that only reads as a
/// bulletin's name, with no 第N期 under it, prints.
#[test]
fn another_bulletins_head_and_footer_forwarded_with_an_article_do_not_print() {
    let text = "江岭路桥公司工作简报\n第5期\n江岭路桥公司办公室编　　　　2026年11月1日\n测试标题\n正文第一段。\n报：集团公司领导\n送：集团各部门\n共印50份\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let w = model.warnings.join("\n");
    assert!(
        w.contains(
            "a.txt:1: its first 3 line(s) are the head of another bulletin, «江岭路桥公司工作简报»"
        ),
        "{w}"
    );
    assert!(
        w.contains("a.txt:6: the article ends with the 报尾 of «江岭路桥公司工作简报»"),
        "{w}"
    );
    let body = first_article_text(&model);
    assert_eq!(body, "正文第一段。");
    // The head as offices write it too: 2026年第5期（总第45期）, the unit and a date in
    // figures on lines of their own, the print run in brackets.
    let text = "江岭路桥公司工作简报\n2026年第5期（总第45期）\n江岭路桥公司办公室编\n2026.11.1\n测试标题\n正文第一段。\n报：集团公司领导\n送：集团各部门\n（共印50份）\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let body = first_article_text(&model);
    assert_eq!(body, "正文第一段。", "{:?}", model.warnings);
    // No 第N期: the line is the text's, and so is the 报尾 (said, printed).
    let text = "安全生产工作动态\n测试标题\n正文第一段。\n报：集团公司领导\n送：集团各部门\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let body = first_article_text(&model);
    assert!(
        body.starts_with("安全生产工作动态") && body.contains("报："),
        "{body}"
    );
}

/// A 领导批示 box taller than what page 1 has left under the masthead is an error with
/// the lines there are, never a box split over two pages; one that leaves the report
/// no room on page 1 is said.
#[test]
fn a_leaders_box_that_does_not_fit_page_one_is_an_error() {
    let text = "会议听取了汇报，审议了报告，部署了下一阶段的工作任务。\n".repeat(30);
    let with = |n: u8| {
        MINIMAL_TOML.replace(
            "unit = \"测试单位编\"\n",
            &format!("unit = \"测试单位编\"\ninstruction_lines = {n}\n"),
        )
    };
    let (_d, issue) = write_issue(&with(19), &[("a.txt", &text)]);
    let out = issue.with_extension("pdf");
    let o = build_cli(&issue, &out);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("does not fit on page 1") && err.contains("instruction_lines"),
        "{err}"
    );
    assert!(err.contains("for the report to begin"), "{err}");
    assert!(!out.exists());
    // With a 编者按 between the box and the report, the help does not promise the
    // report a start on page 1 (QA6: followed, it began on page 2).
    let noted = with(19).replace(
        "date = 2026-01-05",
        "date = 2026-01-05
note = \"现将有关情况刊发。\"",
    );
    let (_d, issue) = write_issue(&noted, &[("a.txt", &text)]);
    let o = build_cli(&issue, &issue.with_extension("pdf"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("may begin on page 2"), "{err}");
    let (_d, issue) = write_issue(&with(4), &[("a.txt", &text)]);
    let (_dir, _pdf, report) = build_reported(&issue);
    assert!(
        !report.warnings.iter().any(|w| w.contains("批示")),
        "{:?}",
        report.warnings
    );
}

/// The PDF's title names the issuer of a 大会简报 and drops the masthead's letter
/// spacing: not every 大会's 简报 archived as «简　报».
#[test]
fn the_pdf_title_names_the_issuer_without_letter_spacing() {
    let toml = MINIMAL_TOML.replace(
        "title = \"测试简报\"\n",
        "title = \"简　报\"\nissuer = \"青川市第十七届人民代表大会第五次会议\"\n",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(
        model.meta.title,
        "青川市第十七届人民代表大会第五次会议简报 2026年第1期"
    );
}

/// An issuer too long for its line is compressed and said, with the two-line form;
/// written on two lines it prints on two.
#[test]
fn a_long_issuer_is_said_and_may_take_two_lines() {
    let long = "青川市第十七届人民代表大会第五次会议暨青川市政协第十三届委员会第五次会议联合秘书处";
    let with = |issuer: &str| {
        MINIMAL_TOML.replace(
            "title = \"测试简报\"\n",
            &format!("title = \"大会简报\"\nissuer = \"{issuer}\"\n"),
        )
    };
    let (_d, issue) = write_issue(&with(long), &[("a.txt", "正文。\n")]);
    let (_dir, _pdf, report) = build_reported(&issue);
    assert!(
        report.warnings.iter().any(
            |w| w.contains("issuer over the masthead is compressed") && w.contains("two lines")
        ),
        "{:?}",
        report.warnings
    );
    let two = long.replace("暨", "\\n");
    let (_d, issue) = write_issue(&with(&two), &[("a.txt", "正文。\n")]);
    let (_dir, pdf, report) = build_reported(&issue);
    assert!(
        !report.warnings.iter().any(|w| w.contains("two lines")),
        "{:?}",
        report.warnings
    );
    let text = pdftotext(&pdf);
    assert!(
        text.contains("青川市第十七届人民代表大会第五次会议\n"),
        "{text}"
    );
    // On two lines already and still compressed: shorten it, not break it (QA18 N 10).
    let (_d, issue) = write_issue(
        &with(
            "中国人民政治协商会议江岭省第十三届委员会第五次会议\\n暨江岭省第十四届人民代表大会第五次会议联合秘书处",
        ),
        &[("a.txt", "正文。\n")],
    );
    let (_dir, _pdf, report) = build_reported(&issue);
    let said = warning(&report, "issuer over the masthead is compressed");
    assert!(
        said.contains("shorten it") && !said.contains("\\n"),
        "{said}"
    );
}

/// A contributor's text that repeats the column's label over it prints it once; a
/// 编者按 typed as its first paragraph is said.
#[test]
fn a_column_label_typed_over_the_text_prints_once_and_a_typed_note_is_said() {
    let toml = MINIMAL_TOML.replace("[[article]]\n", "[[article]]\ncolumn = \"雨情汛情\"\n");
    let text = "【雨情汛情】\n编者按：7月12日凌晨，我街道普降暴雨。\n正文第一段。\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", text)]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let w = model.warnings.join("\n");
    assert!(w.contains("is the column's label"), "{w}");
    assert!(w.contains("a 编者按 typed as its first paragraph"), "{w}");
    // The advice names the label the note would print with (按语 unless set).
    assert!(
        w.contains("headed «按语：»") && w.contains("article_note"),
        "{w}"
    );
    let body = first_article_text(&model);
    assert!(!body.contains("【雨情汛情】"), "{body}");
    // Typed in bold in Markdown: said too (QA14 E 01).
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let (_d, issue) = write_issue(
        &toml,
        &[(
            "a.md",
            "**编者按**：7月12日凌晨，我街道普降暴雨。\n\n正文第一段。\n",
        )],
    );
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let w = model.warnings.join("\n");
    assert!(w.contains("a 编者按 typed as its first paragraph"), "{w}");
}

/// An article's notes that run on to another page are said (the last one alone on a
/// sheet of its own went unsaid).
#[test]
fn notes_that_run_on_to_another_page_are_said() {
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let mut said = 0;
    for n in 14..=24 {
        let mut md = String::new();
        for _ in 0..n {
            md.push_str("会议听取了大会秘书长关于各代表团审议情况的汇报，通过了关于议案处理意见的报告。\n\n");
        }
        md.push_str("据统计[^1]，全年共办理建议[^2]。\n\n[^1]: 截至2025年底的统计数字，含闭会期间提出的建议。\n[^2]: 截至2025年底。\n");
        let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
        let (_dir, pdf, report) = build_reported(&issue);
        if let Some(w) = report.warnings.iter().find(|w| w.contains("the notes of")) {
            said += 1;
            assert!(w.contains("run on to page"), "{w}");
            let last = pdftotext(&pdf);
            assert!(last.contains("截至2025年底。"), "{last}");
        }
    }
    assert!(said > 0, "no height made the notes run on");
}

/// A byline longer than a line breaks between its units, never inside a unit's name
/// (大会秘 / 书处 broke one).
#[test]
fn a_long_byline_breaks_between_its_units() {
    let toml = MINIMAL_TOML.replace(
        "byline = \"测试处 供稿\"",
        "byline = \"市人大常委会办公室、市人大常委会代表工作委员会、大会秘书处代表联络组、大会秘书处新闻宣传组供稿\"",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_dir, pdf, _report) = build_reported(&issue);
    let text = pdftotext(&pdf);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("大会") || l.contains("人大"))
        .collect();
    assert!(
        lines.iter().any(|l| l.trim_end().ends_with("委员会、")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.trim_start().starts_with("大会秘书处代表联络组")),
        "{lines:?}"
    );
}

/// A figure with its unit (1,200㎡, 86㎡) is a figure: set right with the column's
/// others, their right edges in line (they were set left).
#[test]
fn figures_with_their_units_are_set_right_in_a_table() {
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let md = "| 单位 | 阵地面积 |\n|---|---|\n| 建工公司 | 1,200㎡ |\n| 路桥公司 | 86㎡ |\n| 合计 | 1,286㎡ |\n";
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_t, pdf, _report) = build_reported(&issue);
    let rights = pymupdf_numbers(
        &pdf,
        "d = pymupdf.open(sys.argv[1])\nfor w in d[0].get_text('words'):\n    if w[4].endswith('㎡'):\n        print(round(w[2], 1))",
    );
    assert_eq!(rights.len(), 3, "{rights:?}");
    assert!(
        rights.iter().all(|&x| (x - rights[0]).abs() < 1.0),
        "{rights:?}"
    );
}

/// A table too wide for one line at 五号 keeps its short cells whole: 序号 and 同比增长
/// were broken a character a line, the columns counted at the role's size while the
/// cells' inset is the body's.
#[test]
fn a_wide_tables_short_cells_stay_whole() {
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let mut md = String::from(
        "| 序号 | 单位 | 党员人数（人） | 发展党员（人） | 党费收缴（万元） | 同比增长 | 阵地面积（㎡） |\n|---|---|---|---|---|---|---|\n",
    );
    for i in 1..=4 {
        md.push_str(&format!(
            "| {i} | 建工公司 | 137 | 2 | 11.37 | -1.7% | 355 |\n"
        ));
    }
    let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
    let (_t, pdf, _report) = build_reported(&issue);
    let words: Vec<String> = pymupdf_lines(&pdf);
    let all = words.join("\n");
    assert!(
        words.iter().any(|l| l.contains("序号")) && words.iter().any(|l| l.contains("同比增长")),
        "{all}"
    );
}

/// A body size set alone (正文小四, as many internal bulletins print) kept 28 characters
/// a line, 4 pt apart: every line letter-spaced. The characters a line now follow the
/// size (37 of 小四 in 156 mm) unless `chars` is given.
#[test]
fn a_body_size_set_alone_sets_as_many_characters_as_a_line_holds() {
    let small = MINIMAL_TOML.replace(
        "[[article]]",
        "[style.fonts.body]\nsize = \"小四\"\n\n[[article]]",
    );
    let (_d, issue) = write_issue(&small, &[("a.txt", "正文。\n")]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(model.style.page.chars, 37);
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", "正文。\n")]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(model.style.page.chars, 28);
    let given = small.replace(
        "size = \"小四\"\n",
        "size = \"小四\"\n\n[style.page]\nchars = 30\n",
    );
    let (_d, issue) = write_issue(&given, &[("a.txt", "正文。\n")]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(model.style.page.chars, 30);
}

/// A contents entry that runs on to a line opening with 《 set the mark trimmed at
/// the line's start, its ink half an em left of the line above (cjkcheck 12): it is
/// kept at full width, as a paragraph's opening mark is.
#[test]
fn a_contents_line_that_opens_with_a_mark_keeps_it_whole() {
    let toml = MINIMAL_TOML
        .replace("date = 2026-01-05\n", "date = 2026-01-05\ncontents = true\n")
        .replace(
            "title = \"测试标题\"",
            "column = \"学习园地\"\ntitle = \"市纪委常委会专题学习新修订的《中国共产党纪律处分条例》\"",
        );
    let toml = format!("{toml}\n[[article]]\ntitle = \"第二篇\"\nfile = \"b.txt\"\n");
    // Paragraphs of two lines that open with a mark, for the checker's usual offset.
    let more = "这是一段较长的正文，用来占满一行以上的位置，使段落有两行以上的文字内容。";
    let a = format!(
        "“两个维护”是最高政治原则，{more}\n《条例》自公布之日起施行，{more}\n“四个意识”要牢固树立，{more}\n"
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", &a), ("b.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    let Some((status, json)) = cjkcheck_one(&pdf, 12) else {
        return;
    };
    assert_eq!(status, "PASS", "{json}");
    assert!(
        json.to_string().contains("4 paragraphs open with a mark"),
        "{json}"
    );
    let text = pdftotext(&pdf);
    assert!(
        text.contains("学习新修订的\n"),
        "the entry no longer runs on before 《: {text}"
    );
}

/// Half-width marks typed into a title or a byline (the most visible text of an issue)
/// printed with nothing said, where an article's are said: said now, at the first.
#[test]
fn punctuation_in_the_issue_files_titles_is_said_by_the_build() {
    let toml = MINIMAL_TOML.replace(
        "title = \"测试标题\"",
        "title = \"学校召开推进会,部署\\\"AI+教学\\\"改革\"",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, _pdf, report) = build_reported(&issue);
    let w = report
        .warnings
        .iter()
        .find(|w| w.contains("in the issue file's printed text"))
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert!(
        w.contains("issue.toml:13:17: 3 punctuation problem(s)"),
        "{w}"
    );
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", "正文。\n")]);
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        !report.warnings.iter().any(|w| w.contains("printed text")),
        "{:?}",
        report.warnings
    );
}

/// A title typed with a full stop at its end: «.» was advised «→ 。», which a title
/// takes no more than «.». Both are said as a stop to delete; a question mark and an
/// ellipsis are not.
#[test]
fn a_titles_closing_full_stop_is_to_be_deleted() {
    for (title, said) in [
        ("我市推进预算绩效管理提质增效.", Some("«.»")),
        ("我市推进预算绩效管理提质增效。", Some("«。»")),
        ("预算绩效管理如何提质增效？", None),
        ("预算绩效管理提质增效……", None),
    ] {
        let toml = MINIMAL_TOML.replace("title = \"测试标题\"", &format!("title = \"{title}\""));
        let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
        let out = jianbao_cli(&["check", issue.to_str().unwrap()]);
        let text = String::from_utf8_lossy(&out.stdout);
        match said {
            Some(mark) => {
                assert!(
                    text.contains("标题末尾不用句号")
                        && text.contains(&format!("删去 delete {mark}")),
                    "{title}: {text}"
                );
                assert!(!text.contains("→ 。"), "{title}: {text}");
            }
            None => assert!(!text.contains("标题末尾"), "{title}: {text}"),
        }
    }
}

/// A table of company names and figures pasted from Excel: its line was shared in
/// proportion to what each column lacked, which left 司 alone under 17 names of 40
/// (瑞丰水泥有限责任公 / 司) and broke units inside their brackets (产值（万 / 元）)
/// while the figures' columns kept white. The names take one line each now, a header
/// breaks before its unit, and the unit stays whole.
#[test]
fn a_tables_names_and_units_are_not_broken_while_its_figures_keep_white() {
    let mut md = String::from(
        "| 序号 | 企业名称 | 所在乡镇 | 产值（万元） | 同比增长（%） | 增减额（万元） |\n|---|---|---|---|---|---|\n",
    );
    let names = [
        "瑞丰水泥有限责任公司",
        "恒远机械制造有限公司",
        "江岭电子科技有限公司",
        "青川食品有限公司",
        "天成电气股份有限公司",
        "金源水泥有限责任公司",
    ];
    for (i, name) in names.iter().enumerate() {
        let town = if i % 2 == 0 {
            "高新技术产业园"
        } else {
            "城关镇"
        };
        md.push_str(&format!(
            "| {} | {name} | {town} | 166,529 | -6.8 | -12,150 |\n",
            i + 1
        ));
    }
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
    let (_t, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    for whole in names.iter().chain(&["高新技术产业园", "（万元）", "（%）"]) {
        assert!(text.contains(whole), "{whole} broken: {text}");
    }
    assert!(
        !text.lines().any(|l| l.trim() == "司"),
        "a character alone: {text}"
    );
}

/// A register of 隐患 with a sentence in each row: the rest of the line went to the
/// 序号 (97 pt for 1 … 5) while every date broke (2026年 / 12月10日), the rows being as
/// tall for their 隐患内容 anyway (r23 F1). And a contact table whose e-mail address
/// was one word: its column took the line and 工作单位及职务 was set a character a
/// line (r23 F10); the address breaks after its @ and dots as in the text.
#[test]
fn a_tables_dates_stay_whole_beside_sentences_and_an_address_breaks() {
    let md = "| 序号 | 企业名称 | 隐患内容 | 整改期限 | 责任单位 |\n|---|---|---|---|---|\n\
| 1 | 江岭恒泰精细化工有限责任公司 | 硝化釜温度联锁长期处于旁路状态，未履行审批手续 | 2026年12月10日 | 青石县应急管理局 |\n\
| 2 | 江岭市鑫源化工股份有限公司 | 液氯储罐区可燃有毒气体检测报警仪未定期标定 | 2026年12月5日 | 青石县应急管理局 |\n\
| 3 | 江岭华美涂料有限公司 | 调漆间防爆电气设备防爆等级不符合要求 | 2026年12月15日 | 北塘区应急管理局 |\n\n\
| 姓名 | 界别 | 工作单位及职务 | 手机 | 电子邮箱 | 通讯地址 | 邮编 |\n|---|---|---|---|---|---|---|\n\
| 欧阳明辉 | 无党派人士 | 青溪县第一人民医院心血管内科主任医师 | 13907391234 | ouyangminghui1975@qingxi-hospital.com.cn | 青溪县城关镇人民路188号县第一人民医院内科住院部 | 422300 |\n";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_t, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    for whole in [
        "2026年12月10日",
        "2026年12月5日",
        "2026年12月15日",
        "工作单位",
    ] {
        assert!(text.contains(whole), "{whole} broken: {text}");
    }
}

/// A list of names parted by full-width spaces, two-character names padded to three
/// (as `check --fix` writes them): 王　芳 was broken at its inner space, 王 / 芳 read
/// as two names, and 刘卫 / 东 across lines (r23 F37, F8). Each name is whole.
#[test]
fn a_list_of_names_never_breaks_a_name() {
    let names = "出席会议的有：陈国平　李晓峰　张　伟　欧阳明辉　王　芳　马建国　方晓燕　石　磊　叶红梅　司马志刚　刘卫东　许　静　孙丽华　李　军　李明远　杨　帆　吴海燕　何志勇\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", names)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    for name in [
        "陈国平",
        "李晓峰",
        "张　伟",
        "欧阳明辉",
        "王　芳",
        "马建国",
        "方晓燕",
        "石　磊",
        "叶红梅",
        "司马志刚",
        "刘卫东",
        "许　静",
        "孙丽华",
        "李　军",
        "李明远",
        "杨　帆",
        "吴海燕",
        "何志勇",
    ] {
        assert!(
            lines.iter().any(|l| l.contains(name)),
            "{name} broken: {lines:?}"
        );
    }
}

/// A wide table of figures with a long 备注: its headers and short names were broken
/// to one character a line (调整后预 / 算) while the figures' columns kept white. Cells
/// of up to eight characters stay whole where the columns fit so.
#[test]
fn a_wide_tables_short_headers_stay_whole() {
    let mut md = String::from(
        "表3 各学院经费使用情况\n\n| 序号 | 学院 | 年初预算 | 调整后预算 | 已支出 | 执行率 | 同比增减 | 备注 |\n|---|---|---|---|---|---|---|---|\n",
    );
    for i in 1..=6 {
        let note = if i == 4 {
            "经2026年11月5日校长办公会审议调整"
        } else {
            "含专项"
        };
        md.push_str(&format!(
            "| {i} | 第{i}学院 | 1283.51 | 1440.79 | 1263.74 | 87.7% | +17.7% | {note} |\n"
        ));
    }
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
    let (_t, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    for header in ["调整后预算", "同比增减", "年初预算"] {
        assert!(text.contains(header), "{header} broken: {text}");
    }
}

/// A text pasted from WeChat: a photo's place-holder and a lead-in on lines of their
/// own became headings with nothing said. They still do (a web page's subheads are
/// typed so), and the build names them.
#[test]
fn short_lines_set_as_headings_in_a_txt_are_named() {
    let text = "11月18日，市纪委监委召开全市纪检监察干部警示教育大会，市委常委刘志强出席会议并讲话。\n会议现场\n会议通报了近年来全市纪检监察干部违纪违法典型案例，播放了警示教育片。\n刘志强强调\n要以案为鉴、以案明纪，坚决防止“灯下黑”，打造纪检监察铁军。\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let w = model.warnings.join("\n");
    assert!(
        w.contains("a.txt:2: 2 short line(s) alone over text are set as headings")
            && w.contains("«会议现场», «刘志强强调»"),
        "{w}"
    );
}

/// A regulation's chapter titles (第一章　总则) are headings by their numbers: not named
/// as short lines that may be text (QA2 09: six of them said).
#[test]
fn chapter_titles_in_a_txt_are_not_named_as_lines_that_may_be_text() {
    let text = "第一章　总则\n第一条　为了培育和践行社会主义核心价值观，制定本条例。\n第二章　基本规范\n第二条　本市行政区域内的文明行为促进工作，适用本条例。\n会议现场\n会议通报了近年来全市纪检监察干部违纪违法典型案例，播放了警示教育片。\n刘志强强调\n要以案为鉴、以案明纪，坚决防止“灯下黑”，打造纪检监察铁军。\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let w = model.warnings.join("\n");
    assert!(
        w.contains("2 short line(s)") && w.contains("«会议现场», «刘志强强调»"),
        "{w}"
    );
    assert!(!w.contains("第一章"), "{w}");
}

/// A contact longer than a line (a phone with a fax and a long e-mail) ran on under
/// 联系方式 at the block's left edge; it runs on under its first character after the
/// colon.
#[test]
fn a_long_contact_runs_on_after_its_label() {
    let toml = format!(
        "{MINIMAL_TOML}\n[footer]\neditors = [\"王琳\"]\n[footer.contact]\nphone = \"0571-88886666、88887777（传真）\"\nemail = \"jianbao-editorial-office@mail.jiangling-university.edu.cn\"\n"
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    // The x of 联 and of the line that holds the e-mail's domain.
    let v = pymupdf_numbers(
        &pdf,
        "p = pymupdf.open(sys.argv[1])[-1]\nprint(p.search_for('联系方式')[0].x0)\nfor b in p.get_text('dict')['blocks']:\n    for l in b.get('lines', []):\n        t = ''.join(s['text'] for s in l['spans'])\n        if 'edu.cn' in t and '联系' not in t:\n            print(l['bbox'][0])",
    );
    assert_eq!(v.len(), 2, "the e-mail is not on a line of its own: {v:?}");
    assert!(
        v[1] > v[0] + 50.0,
        "联 at {}, the run-on line at {}",
        v[0],
        v[1]
    );
}

/// A justified line that ends early before a run it cannot break (an English name in
/// brackets here) spreads its characters over the line, up to half an em apart, with
/// nothing said. It is said, with the page and the line's first words.
#[test]
fn a_body_line_set_loose_is_said() {
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let md = "- 教在《数据结构与算法（Data Structures & Algorithms）》等课程中引入ChatGPT、DeepSeek等大模型辅助教学；\n";
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_t, _pdf, report) = build_reported(&issue);
    let w = report
        .warnings
        .iter()
        .find(|w| w.contains("set loose"))
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert!(w.contains("page 1 «教在《数据结构与算法"), "{w}");
    // In a short text of a few lines, half of them loose (r18: an e-mail address after
    // a label, 0.69 em apart, not said: the usual pitch was taken from the loose ones).
    let text = "详细报道请见“青石发布”公众号原文链接：https://mp.weixin.qq.com/s?__biz=MzA5NjQ2NTY0Mw==&mid=2650123456&idx=1&sn=abcdef1234567890abcdef1234567890&chksm=8b4f3c2dbc38b53b#rd，欢迎转发。\n报名邮箱：qingshijiedao@163.com，报名电话：0571-86091234、13805712345。\n";
    let toml = "[bulletin]\ntitle = \"社区工作通讯\"\n[issue]\nnumber = 9\n[[article]]\ntitle = \"链接\"\nfile = \"a.txt\"\n";
    let (_d, issue) = write_issue(toml, &[("a.txt", text)]);
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("set loose") && w.contains("«报名邮箱")),
        "{:?}",
        report.warnings
    );
    // Text that breaks where it must is not said.
    let (_d, issue) = write_issue(
        MINIMAL_TOML,
        &[(
            "a.txt",
            "学校召开本学期教学工作推进会，教务处通报了各学院课程建设情况，要求各学院进一步加强课程思政建设。\n",
        )],
    );
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        !report.warnings.iter().any(|w| w.contains("set loose")),
        "{:?}",
        report.warnings
    );
    // A line of three Chinese characters before a file name, spread 2 em apart, went
    // unsaid: lines of fewer than six were not judged (r23 F36).
    let text = "学校召开本学期教学工作推进会，教务处通报了各学院课程建设情况。\n附件为safety_check_2026_v2.xlsx和hazard_list_final_2.docx，请各单位填写后报送。\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("set loose") && w.contains("«附件为safety")),
        "{:?}",
        report.warnings
    );
}

/// A title too long for three lines was set in lines of equal width broken anywhere
/// (…某物业服务有限 / 公司…该小区12 / 幢…损害责任纠 / 纷…), with nothing said. It breaks
/// between words on as many lines as it needs, and the build says it is long.
#[test]
fn a_title_of_four_lines_breaks_between_words_and_is_said() {
    let title = "张某某诉王××、李某某、某物业服务有限公司、某房地产开发有限公司及该小区12幢二层以上38户业主高空抛物损害责任纠纷上诉案依法改判并发出司法建议";
    let toml = MINIMAL_TOML.replace("title = \"测试标题\"", &format!("title = \"{title}\""));
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, pdf, report) = build_reported(&issue);
    let w = report
        .warnings
        .iter()
        .find(|w| w.contains("is set on 4 lines"))
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert!(w.contains("shorten it") && w.contains("subtitle"), "{w}");
    let text = pdftotext(&pdf);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .skip_while(|l| !l.starts_with("张某某"))
        .take(4)
        .collect();
    assert_eq!(lines.concat(), title, "{text}");
    for (end, start) in lines.iter().zip(&lines[1..]) {
        for word in ["有限公司", "12幢", "纠纷", "房地产", "开发"] {
            let joined = format!("{end}\n{start}");
            assert!(
                !(0..word.chars().count()).skip(1).any(|k| {
                    let (a, b): (String, String) = (
                        word.chars().take(k).collect(),
                        word.chars().skip(k).collect(),
                    );
                    joined.contains(&format!("{a}\n{b}"))
                }),
                "«{word}» broken: {lines:?}"
            );
        }
    }
    // A title of three lines or fewer says nothing.
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", "正文。\n")]);
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        !report.warnings.iter().any(|w| w.contains("lines; a title")),
        "{:?}",
        report.warnings
    );
}

/// A 本期要目 entry left its last word alone before the leaders (…工作的调研 / 报告……7,
/// …损害责任 / 纠纷案……5): a last line of three characters or fewer takes words of the
/// line before.
#[test]
fn a_contents_entry_leaves_no_short_word_alone_before_its_leaders() {
    let toml = MINIMAL_TOML
        .replace(
            "date = 2026-01-05\n",
            "date = 2026-01-05\ncontents = true\n",
        )
        .replace(
            "title = \"测试标题\"",
            "column = \"调研视窗\"\ntitle = \"关于涉企行政诉讼案件“一案一建议”工作的调研报告\"",
        );
    let toml = format!(
        "{toml}\n[[article]]\ncolumn = \"典型案例\"\ntitle = \"张某某诉王××、某物业服务有限公司高空抛物损害责任纠纷案\"\nfile = \"b.txt\"\n"
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n"), ("b.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    let contents: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("本期要目"))
        .take_while(|l| !l.contains("测试处"))
        .collect();
    for entry in ["调研报告", "纠纷案"] {
        let line = contents
            .iter()
            .find(|l| l.contains(entry) && l.contains(". ."))
            .unwrap_or_else(|| panic!("{entry} not on its leaders' line: {contents:?}"));
        let chars = line
            .chars()
            .take_while(|c| *c != '.')
            .filter(|c| !c.is_whitespace())
            .count();
        assert!(chars >= 4, "{line}");
    }
}

/// A road's stake number (桩号) was broken at its plus (…S213省道K42+ / 050—K42+180段):
/// it is one word, at whatever place in a line it falls.
#[test]
fn a_stake_number_is_never_broken_at_its_plus() {
    let mut text = String::new();
    for k in 0..24 {
        text.push_str(&format!(
            "{}S213省道K42+050—K42+180段路面积水，G320国道K15+300处塌方。\n",
            "汛".repeat(k)
        ));
    }
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let out = pdftotext(&pdf);
    for stake in ["K42+050—K42+180", "K15+300"] {
        assert_eq!(out.matches(stake).count(), 24, "{stake} broken: {out}");
    }
}

/// Terms joined by hyphens and spans typed with one were parted at a line's end
/// (…落实核心α- / 干扰素, D-to- / B时间, 疗程6 / -12个月, 85% / ±5%): each is one word, at
/// whatever place in a line it falls.
#[test]
fn a_hyphened_term_or_span_is_never_parted() {
    let mut text = String::new();
    for k in 0..24 {
        text.push_str(&format!(
            "{}给予α-干扰素，D-to-B时间缩短，疗程6-12个月，达标率85%±5%。\n",
            "落".repeat(k)
        ));
    }
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let out = pdftotext(&pdf);
    for term in ["α-干", "D-to-B", "6-12个月", "85%±5%"] {
        assert_eq!(out.matches(term).count(), 24, "{term} parted: {out}");
    }
}

/// A 卫健委 bulletin's comparisons, units and drug names were parted at a line's end
/// (入组率≥ / 99.2%, 5 μ / g/(kg·min), 18.6×10⁹/ / L, 140/90 / mmHg, 95% / CI, 头孢他啶- /
/// 阿维巴坦钠, β₂- / 微球蛋白): each is one word, at whatever place in a line it falls
/// (QA15 G 01, 04).
#[test]
fn comparisons_units_and_drug_names_are_never_parted() {
    each_term_whole_at_every_place(
        "入组率≥99.2%，P＜0.05，剂量5 μg/(kg·min)，白细胞18.6×10⁹/L，血压140/90 mmHg，95%CI为0.91～1.04，头孢他啶-阿维巴坦钠和β₂-微球蛋白。",
        &[
            "≥99.2%",
            "P＜0.05",
            "5μg/(kg·min)",
            "18.6×10⁹/L",
            "140/90mmHg",
            "95%CI",
            "啶-阿",
            "β₂-微",
        ],
    );
}

/// A time of day written in characters keeps its minutes (and seconds) on its line:
/// 14时 / 30分 broke (QA17 K 03; README: 时与分不分行).
#[test]
fn a_time_of_day_keeps_its_minutes() {
    each_term_whole_at_every_place(
        "截至16日14时30分，站点于8时15分30秒记录到最大雨强。",
        &["14时30分", "8时15分30秒"],
    );
}

/// A case number's year stays with its court (（2026） / 京0105刑初123号 broke, QA18
/// N 07), an article inserted into a law with its number (第二百八十七条之 / 二, QA18 N
/// 02), and a sum in a currency other than the five with its figure (2,500 / 澳元, 300澳
/// / 元: QA18 N 08).
#[test]
fn a_case_numbers_year_an_inserted_article_and_a_currency_stay_whole() {
    each_term_whole_at_every_place(
        "案号（2026）京0105刑初123号，依照第二百八十七条之二判处罚金。",
        &["（2026）京0105", "刑初123号", "第二百八十七条之二"],
    );
    each_term_whole_at_every_place(
        "每月资助2,500澳元、3000加元、120万韩元、8000卢布、900新元和4.5万泰铢。",
        &[
            "2,500澳元",
            "3000加元",
            "120万韩元",
            "8000卢布",
            "900新元",
            "4.5万泰铢",
        ],
    );
}

/// A list of names with a 间隔号 in one (阿依古丽·买买提) keeps that name whole and sets
/// no stretch after its ·: the list ended at the ·, which stood between two boxes and
/// took the line's stretch (QA18 N 01).
#[test]
fn a_name_with_a_dot_in_a_list_of_names_is_one_name() {
    each_term_whole_at_every_place(
        "代表有：周建华　王　斌　李　军　欧阳丽华　张　伟　阿依古丽·买买提　刘　洋　黄晓明　赵　敏。",
        &["阿依古丽·买买提"],
    );
    let text = "代表有：周建华　王　斌　李　军　欧阳丽华　张　伟　陈　红　阿依古丽·买买提　刘　洋　黄晓明　赵　敏。\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (_t, pdf) = build_to_temp(&issue);
    // From the ·'s origin to the next character's, in ems of the body's 16 pt.
    let after = pymupdf_numbers(
        &pdf,
        "page = pymupdf.open(sys.argv[1])[0]\ncs = [c for b in page.get_text('rawdict')['blocks'] for l in b.get('lines', []) for s in l['spans'] for c in s['chars'] if c['c'].strip()]\nfor a, b in zip(cs, cs[1:]):\n  if a['c'] == '·': print((b['origin'][0] - a['origin'][0]) / 16)",
    );
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(after[0] < 1.05, "stretch after the ·: {after:?}");
}

/// Sets `sentence` at 24 places in a line (after 0 to 23 characters) and asserts that
/// each of `terms` (without spaces) is whole on a line at every one.
fn each_term_whole_at_every_place(sentence: &str, terms: &[&str]) {
    let mut text = String::new();
    for k in 0..24 {
        text.push_str(&format!("{}{sentence}\n", "落".repeat(k)));
    }
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines: Vec<String> = pymupdf_lines(&pdf).iter().map(|l| squash(l)).collect();
    for term in terms {
        let whole = lines.iter().map(|l| l.matches(term).count()).sum::<usize>();
        assert_eq!(whole, 24, "{term} parted: {lines:?}");
    }
}

/// A ； after a figure and the “ after it (15.8%；“两新”) kept a full em each, with
/// figures in the line, where the same pair after Chinese was compressed (QA16 I 01):
/// the ； was in the figure's box, and marks are compressed within one run only.
#[test]
fn a_semicolon_after_a_figure_pairs_with_the_quote_after_it() {
    let mut text = String::new();
    for k in 0..16 {
        text.push_str(&format!(
            "{}工业板块完成产值82.6亿元，同比增长5.2%；基础设施板块完成61.4亿元，同比增长15.8%；“两新”业务加快推进。\n",
            "落".repeat(k)
        ));
    }
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    if let Some((status, report)) = cjkcheck_one(&pdf, 13) {
        assert_eq!(status, "PASS", "{report}");
    }
}

/// A standard's designation typed with an ordinary space broke at it (GB/T / 9704—2012,
/// ISO / 9001, QA16 I 04): one word, wherever it falls in a line.
#[test]
fn a_standards_designation_is_never_parted() {
    each_term_whole_at_every_place(
        "按照GB/T 9704—2012和ISO 9001:2015及DB43/T 1234—2020执行。",
        &["GB/T9704—2012", "ISO9001:2015", "DB43/T1234—2020"],
    );
}

/// An article of small tables, one with a cell of several lines, and a long table run
/// onto the next page: Typst's five passes did not settle, and the third page printed
/// — 4 —, the number of the fourth pass's (QA15 H 02). More passes settle it.
#[test]
fn pages_are_numbered_as_they_are_when_the_layout_takes_more_passes() {
    if !tool("pdftotext") {
        return;
    }
    let toml = "[bulletin]\ntitle = \"工作简报\"\nunit = \"县政府办编\"\n\n[issue]\nnumber = 3\ndate = 2024-11-20\n\n[[article]]\ntitle = \"表格测试\"\nfile = \"a.md\"\n";
    let mut md = String::from(
        "第一段正文。\n\n| 名称 | 内容 |\n|---|---|\n| 外层左 | 外层右单元格文字<br>内层甲<br>内层乙<br>内1<br>内2 |\n| 末行 | 末行内容 |\n\n第一段正文。\n\n| 季度 | 收入 | 支出 |\n|---|---|---|\n| 一季度 | 100 | 1 |\n| 二季度 | 200 | 300 |\n| 四季度 | 400 | 500 |\n\n| 标题 | 第二列 | 第三列 |\n|---|---|---|\n| 甲 | 乙 | 丙 |\n\n| 序号 | 单位 | 完成情况 |\n|---|---|---|\n",
    );
    for k in 1..=25 {
        md.push_str(&format!("| {k} | 第{k}单位 | 完成{}项 |\n", 7 * k));
    }
    let (_d, issue) = write_issue(toml, &[("a.md", &md)]);
    let ((_t, pdf, report), passes) = jianbao::typeset::count_passes(|| build_reported(&issue));
    assert!(
        passes.passes > 5,
        "the case no longer needs more passes: {passes:?}"
    );
    assert!(
        !report.warnings.iter().any(|w| w.contains("did not settle")),
        "{:?}",
        report.warnings
    );
    let text = pdftotext(&pdf);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    for (k, page) in pages.iter().enumerate() {
        let folio = format!("—{}—", k + 1);
        assert!(squash(page).contains(&folio), "page {}: {page}", k + 1);
    }
}

/// A 统计信息's table of the months (指标, 单位, 1月 … 10月, 累计: 13 columns of figures)
/// ran 26 mm into the right margin, past the trim, with nothing said. It is set within
/// the text block (小五, insets of its own size); one that cannot be is refused.
#[test]
fn a_table_of_many_columns_stays_within_the_text_block() {
    if !tool("pdftotext") {
        return;
    }
    let table = |months: usize| {
        let mut md = String::from("表1 2026年全县主要指标逐月情况\n\n| 指标 | 单位 |");
        for m in 1..=months {
            md.push_str(&format!(" {m}月 |"));
        }
        md.push_str(" 1—10月累计 |\n|---|---|");
        md.push_str(&"---|".repeat(months + 1));
        md.push('\n');
        for (name, unit) in [("规上工业增加值增速", "%"), ("一般公共预算收入", "亿元")]
        {
            md.push_str(&format!("| {name} | {unit} |"));
            for m in 1..=months {
                md.push_str(&format!(" {}.{} |", 100 + m * 7, m));
            }
            md.push_str(" 1,277.17 |\n");
        }
        md
    };
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", &table(10))]);
    let (_t, pdf) = build_to_temp(&issue);
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let bbox = String::from_utf8_lossy(&out.stdout);
    // The table's last column: its figures.
    let right = bbox
        .lines()
        .filter(|l| l.contains(">1,277.17<"))
        .filter_map(|l| {
            l.split("xMax=\"")
                .nth(1)?
                .split('"')
                .next()?
                .parse::<f64>()
                .ok()
        })
        .fold(0.0, f64::max);
    assert!(right > 400.0, "{bbox}");
    // The text block's right edge on A4: 28 mm + 156 mm from the left.
    assert!(
        right <= (28.0 + 156.0) / 25.4 * 72.0 + 0.5,
        "text out to {right} pt"
    );
    // Far too wide: refused, said with its columns.
    let (_d, issue) = write_issue(&toml, &[("a.md", &table(30))]);
    let e = jianbao::pipeline::build(&jianbao::pipeline::BuildOptions {
        issue,
        ..Default::default()
    })
    .map(|_| ())
    .unwrap_err()
    .render(false);
    assert!(
        e.contains("of 33 columns is")
            && e.contains("wider than the text block")
            && e.contains("split it"),
        "{e}"
    );
    // Where it is in the article's file, as no PDF is written to look up a page in
    // (it said «page 1» and named the issue file, QA3 02).
    assert!(
        e.contains("a.md:1:") && e.contains("table 1 of the article"),
        "{e}"
    );
}

/// A short table (kept whole) under its article's title did not fit the room left on a
/// page: the article went to the next page, half a page left white, nothing said (r18:
/// 12 lines under an urgent 快报's text). Said, with what moved.
#[test]
fn a_page_left_short_by_a_table_kept_whole_is_said() {
    let para = "各地要严格落实24小时值班和领导带班制度，加强雨情水情监测预报，及时发布预警信息。";
    let table = "表1 主要水库水位情况\n\n| 水库 | 汛限水位（m） | 实时水位（m） |\n|---|---|---|\n| 青山水库 | 105.50 | 104.82 |\n| 龙潭水库 | 88.00 | 88.35 |\n| 白石水库 | 62.30 | 61.90 |\n| 溪口水库 | 45.00 | 44.12 |\n| 石门水库 | 120.00 | 118.60 |\n";
    let toml = MINIMAL_TOML.replace("byline = \"测试处 供稿\"\n", "")
        + "\n[[article]]\ncolumn = \"水情监测\"\ntitle = \"全县主要水库水位情况\"\nfile = \"b.md\"\n";
    let mut said = Vec::new();
    for n in 8..=14 {
        let (_d, issue) = write_issue(
            &toml,
            &[("a.txt", &format!("{para}\n").repeat(n)), ("b.md", table)],
        );
        let (_t, _pdf, report) = build_reported(&issue);
        said.extend(report.warnings.into_iter().filter(|w| {
            w.contains("empty at its foot: what opens page") && w.contains("(«【水情监测】»)")
        }));
    }
    assert!(!said.is_empty(), "no text length said the page left short");
    // Page 1, under its masthead: a table that moves leaves less of it, and that is said
    // too (6 lines of its 14 went unsaid, a third of a full page being 7: r23 F6).
    let six = format!("{table}| 黄沙水库 | 75.00 | 74.10 |\n");
    let mut first = Vec::new();
    for n in 1..=4 {
        let (_d, issue) = write_issue(
            &toml,
            &[("a.txt", &format!("{para}\n").repeat(n)), ("b.md", &six)],
        );
        let (_t, _pdf, report) = build_reported(&issue);
        first.extend(report.warnings.into_iter().filter(|w| {
            ["4", "5", "6"]
                .iter()
                .any(|k| w.starts_with(&format!("page 1 leaves {k} line(s)")))
        }));
    }
    assert!(
        !first.is_empty(),
        "no text length said page 1 left short by 4–6 lines"
    );
}

/// An article that opens with a long table: when the table does not start on the page
/// (its caption, header and three rows do not fit), its column label and title go to
/// the next page with it. They stood alone at the page's foot (QA2 06).
#[test]
fn a_title_goes_with_the_long_table_that_opens_its_text() {
    let para = "各地要严格落实24小时值班和领导带班制度，加强雨情水情监测预报，及时发布预警信息。";
    let rows: String = (1..=8)
        .map(|k| format!("| 第{k}号水库 | 1{k}5.50 | 1{k}4.82 |\n"))
        .collect();
    let table = format!(
        "表1 主要水库水位情况\n\n| 水库 | 汛限水位（m） | 实时水位（m） |\n|---|---|---|\n{rows}\n各水库运行正常。\n"
    );
    let toml = MINIMAL_TOML.replace("byline = \"测试处 供稿\"\n", "")
        + "\n[[article]]\ncolumn = \"水情监测\"\ntitle = \"全县主要水库水位情况\"\nfile = \"b.md\"\n";
    let (mut moved, mut apart) = (Vec::new(), Vec::new());
    for n in 10..=22 {
        let (_d, issue) = write_issue(
            &toml,
            &[("a.txt", &format!("{para}\n").repeat(n)), ("b.md", &table)],
        );
        let (_t, pdf, report) = build_reported(&issue);
        if report.warnings.iter().any(|w| w.contains("opens page")) {
            moved.push(n);
        }
        let text = pdftotext(&pdf);
        let page_of = |s: &str| text.split('\u{c}').position(|p| p.contains(s));
        if page_of("全县主要水库水位情况") != page_of("第1号水库")
            || page_of("【水情监测】") != page_of("第1号水库")
        {
            apart.push(n);
        }
    }
    assert!(!moved.is_empty(), "no text length moved the table");
    assert!(
        apart.is_empty(),
        "the title left its table with {apart:?} paragraph(s)"
    );
}

/// A table's cells keep a number with its unit whole, as the text does, and a cell as
/// wide as its column holds on one line: the years of an eight-column table broke
/// 2021 / 年 in every row (a column at exactly their width), and its headers
/// 50 / 万—100 / 万元 (QA2 04).
#[test]
fn a_tables_cells_keep_numbers_with_their_units() {
    let rows: String = (2021..=2025)
        .map(|y| format!("| {y}年 | 1,452 | 186 | 803 | 361 | 102 | 34.62 | 18.3% |\n"))
        .collect();
    let md = format!(
        "| 年份 | 村（社区）总数（个） | 10万元以下（个） | 10万—50万元（个） | 50万—100万元（个） | 100万元以上（个） | 村均收入（万元） | 比上年增长（%） |\n|---|---|---|---|---|---|---|---|\n{rows}"
    );
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
    let (_t, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    for y in 2021..=2025 {
        assert!(text.contains(&format!("{y}年")), "{y}年 broken: {text}");
    }
    for unit in ["50万元", "100万元", "10万元"] {
        assert!(text.contains(unit), "{unit} broken: {text}");
    }
}

/// A table's cells set their marks as the text does: a mark at a word's end was boxed
/// with it and set half wide, as at a line's end (县发展和改革局、县经济 in 全角式, QA4);
/// and a header's words stay whole where the line has room, a header line weighing
/// more than a line of remarks (项目 / 数 / （个）, QA4).
#[test]
fn a_tables_marks_are_full_width_and_its_header_words_whole() {
    let md = "| 牵头单位 | 计划任务 | << | 完成情况 | << | 备注 |\n|---|---|---|---|---|---|\n| ^^ | 项目数（个） | 投资额（万元） | 开工数（个） | 完成投资（万元） | ^^ |\n| 县发展和改革局 | 12 | 86,500 | 9 | 18,240 | 其中3个项目正在办理用地手续 |\n| 县住房和城乡建设局 | 15 | 64,300 | 11 | 12,650 | 城东安置房项目因拆迁进度滞后 |\n| 县交通运输局 | 9 | 108,600 | 7 | 24,310 | 国道212线、县道青木路加快推进 |\n| 县城市管理局 | 8 | 16,900 | 6 | 3,580 | 垃圾中转站选址尚未确定 |\n| 区人力资源和社会保障局 | 4 | 5,200 | 3 | 860 | 县发展和改革局、县经济和信息化局、县商务局、县财政局 |\n";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_t, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for word in ["项目数", "开工数", "完成投资"] {
        assert!(lines.contains(&word), "{word}: {lines:?}");
    }
    let Some(chars) = sized_chars(&pdf) else {
        return;
    };
    // Each 、 of the table (its size) with a character after it on its line: a full em.
    let mut seen = 0;
    for w in chars.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.0 == '、' && a.4 < 14.0 && (a.3 - b.3).abs() < 0.5 && b.2 > a.2 {
            seen += 1;
            assert!(
                b.2 - a.2 > 0.9 * a.4,
                "、 {:.1} pt wide at {:.1} pt: {a:?} {b:?}",
                b.2 - a.2,
                a.4
            );
        }
    }
    assert!(seen >= 2, "{seen}");
}

/// A header cell over two rows keeps its words whole and its place: 序时进度（%） over
/// both rows of a header broke 序时进 / 度（%） (its words were not kept whole in a
/// merged cell, QA4), and a cell over rows set with a rule of its own is still the
/// table's cell, its span kept (the sub-header moved a column left when it was not).
#[test]
fn a_header_cell_over_two_rows_keeps_its_words_and_its_span() {
    let md = "| 乡镇 | 年度预算（万元） | 1—3月完成 | << | << | 序时进度（%） | 备注 |\n|---|---|---|---|---|---|---|\n| ^^ | ^^ | 收入（万元） | 占预算（%） | 同比增长（%） | ^^ | ^^ |\n| 城关镇 | 12,800 | 3,520 | 27.5 | 8.2 | 25.0 | |\n| 青溪镇 | 4,650 | 1,046 | 22.5 | -3.6 | 25.0 | 主要是一家企业停产检修，收入同比下降 |\n| 沙州镇 | 2,860 | 598 | 20.9 | -8.7 | 25.0 | 受房地产市场调整影响，契税减收较多 |\n";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_t, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(!lines.iter().any(|l| l.ends_with("序时进")), "{lines:?}");
    let Some(chars) = sized_chars(&pdf) else {
        return;
    };
    // The sub-header's first cell stands under 1—3月完成, right of 年度预算's column
    // (its 算, the first in the text, is that column's last character).
    let x = |c: char| chars.iter().find(|x| x.0 == c).map(|x| x.2).unwrap();
    assert!(
        x('收') > x('算'),
        "收入 at {}, 年度预算's 算 at {}",
        x('收'),
        x('算')
    );
}

/// A table that fits the line at its natural widths keeps them when a note under it is
/// longer than it: the note widened its last column to the block's edge (a 合计 column
/// took a third of the line, QA3 02).
#[test]
fn a_long_note_does_not_widen_a_tables_last_column() {
    let md = "| 年级 | 三好学生 | 学习标兵 | 合计 |\n|---|---|---|---|\n| 高一 | 86 | 35 | 163 |\n| 高二 | 91 | 38 | 174 |\n\n注：获奖人次按学期末评定结果统计，同一学生获得多项荣誉的分别计算，不重复计入合计。\n";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_t, pdf) = build_to_temp(&issue);
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let bbox = String::from_utf8_lossy(&out.stdout);
    let x = |word: &str, edge: &str| -> f64 {
        let line = bbox
            .lines()
            .find(|l| l.contains(&format!(">{word}<")))
            .unwrap_or_else(|| panic!("{word}: {bbox}"));
        line.split(&format!("{edge}=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap()
    };
    // The table is centred at its natural width: its first column as far in from the
    // block's left edge (28 mm) as its last column's figures from the right one.
    let block_right = (28.0 + 156.0) / 25.4 * 72.0;
    let left_in = x("年级", "xMin") - 28.0 / 25.4 * 72.0;
    let right_in = block_right - x("174", "xMax");
    assert!(left_in > 20.0 && right_in > 20.0, "{left_in} {right_in}");
    assert!((left_in - right_in).abs() < 3.0, "{left_in} {right_in}");
}

/// A table's cells break between words, never inside one: QA2 09's table set
/// 市城市管 / 理局, 市发展改 / 革委 and 《江岭市电动自行车管 / 理条例》 in columns too
/// narrow for them (Typst breaks Chinese between any two characters).
#[test]
fn a_tables_cells_break_between_words() {
    let rows = [
        (
            "《江岭市城市绿化条例（修订）》",
            "市城市管理局",
            "2026年6月25日",
        ),
        (
            "《江岭市历史文化名城保护条例》",
            "市住房城乡建设局",
            "2026年8月27日",
        ),
        (
            "《江岭市优化营商环境条例》",
            "市发展改革委",
            "2026年10月29日",
        ),
        ("《江岭市电动自行车管理条例》", "市公安局", "2026年10月29日"),
        (
            "《江岭市生活垃圾分类管理条例》",
            "市城市管理局",
            "2026年12月24日",
        ),
        (
            "《江岭市公共数据管理条例》",
            "市政务服务数据管理局",
            "视情安排",
        ),
    ];
    let body: String = rows
        .iter()
        .enumerate()
        .map(|(i, (name, unit, date))| {
            format!(
                "| {} | {name} | {unit} | {date} | 12.00 | 80% | 继续审议 |\n",
                i + 1
            )
        })
        .collect();
    let md = format!(
        "| 序号 | 法规名称 | 起草单位 | 提请审议时间 | 立法经费（万元） | 完成进度（%） | 备注 |\n|---|---|---|---|---|---|---|\n{body}"
    );
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
    let (_t, pdf) = build_to_temp(&issue);
    // Each cell's lines, one a line (pdftotext reads a table cell by cell).
    let text = pdftotext(&pdf);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    // The units' column is narrower than its names: they wrap.
    assert!(!lines.contains(&"市住房城乡建设局"), "{lines:?}");
    for inside in [
        "市城市管",
        "市发展改",
        "自行车管",
        "市政务服",
        "市住房城",
        "城市绿化条",
    ] {
        assert!(
            !lines.iter().any(|l| l.ends_with(inside)),
            "broken after {inside}: {lines:?}"
        );
    }
}

/// A 附件说明's lines are kept together: 附件：1．…… stood at a page's foot and 2．……
/// at the next one's top (QA3 04).
#[test]
fn an_attachment_lists_lines_are_kept_together() {
    let para = "各地要严格落实24小时值班和领导带班制度，加强雨情水情监测预报，及时发布预警信息。";
    let list = "附件：1．2025年全市各县（市）主要经济指标\n2．县域经济高质量发展评价指标体系（征求意见稿）\n";
    let apart = md_tail_parting(
        para,
        list,
        14..=26,
        ("主要经济指标", "评价指标体系"),
        |text| assert!(!text.contains("指标2．"), "{text}"),
    );
    assert!(
        apart.is_empty(),
        "the list parted at {apart:?} paragraph(s)"
    );
}

/// A note's label that ends in a mark before a text opening with one (按语：“走出去”)
/// sets the pair as close as in the text: 0.97 em stood between ： and “ (QA3 01).
#[test]
fn a_notes_colon_before_an_opening_quote_is_set_close() {
    let toml = MINIMAL_TOML.replace(
        "file = \"a.txt\"",
        "file = \"a.txt\"\nnote = \"“走出去”是集团战略的重要一环，供各单位参阅。\"",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文第一段。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    let Some(chars) = sized_chars(&pdf) else {
        return;
    };
    let colon = chars.iter().position(|c| c.0 == '：').unwrap();
    let (a, b) = (&chars[colon], &chars[colon + 1]);
    assert_eq!(b.0, '“', "{chars:?}");
    // The colon set in half its em (a colon's glyph takes the left half of it, a
    // quote's the right half of its own): the quote starts less than an em after it.
    assert!(b.2 - a.2 < 0.75 * a.4, "{a:?} {b:?}");
}

/// An addressee (尊敬的……：, 同志们：) is kept with the text it opens, as a title is: a
/// letter's title and its addressee stood alone at a page's foot, the letter on the
/// next page (QA2 03).
#[test]
fn an_addressee_is_kept_with_the_text_it_opens() {
    let para = "各地要严格落实24小时值班和领导带班制度，加强雨情水情监测预报，及时发布预警信息。";
    let letter = "尊敬的学校领导、各位老师：\n\n我是东湖区实验小学三年级学生家长。我和孩子爸爸都在企业上班，下班时间一般是下午六点以后，以前每天放学，孩子要么去托管班，要么由年迈的爷爷奶奶接送，我们心里总是不踏实。\n";
    let toml = MINIMAL_TOML.replace("byline = \"测试处 供稿\"\n", "")
        + "\n[[article]]\ntitle = \"课后服务让我们双职工家庭松了一口气\"\nfile = \"b.md\"\n";
    let apart = lengths_parting(
        &toml,
        14..=22,
        |n| {
            vec![
                ("a.txt", format!("{para}\n").repeat(n)),
                ("b.md", letter.to_owned()),
            ]
        },
        ("尊敬的学校领导", "我是东湖区"),
        |_| {},
    );
    assert!(
        apart.is_empty(),
        "the addressee left its text with {apart:?} paragraph(s)"
    );
}

/// A letter's 此致 and its 敬礼 are never parted by a page's end: 此致 ended a page and
/// 敬礼 opened the next.
#[test]
fn a_letters_closing_salute_stays_together() {
    let para = "各地要严格落实24小时值班和领导带班制度，加强雨情水情监测预报，及时发布预警信息。";
    let letter =
        "我们建议增设放学后托管服务，望采纳。\n\n此致\n\n敬礼！\n\n李晓燕\n\n2026年3月10日\n";
    let apart = md_tail_parting(para, letter, 14..=24, ("此致", "敬礼"), |_| {});
    assert!(
        apart.is_empty(),
        "此致 and 敬礼 parted at {apart:?} paragraph(s)"
    );
}

/// A quotation's source (——摘自……) is kept with the quotation, never alone at a page's
/// top, and a source longer than a line breaks before an article's number, not inside
/// it (……办法》第二 / 十三条, QA2 01).
#[test]
fn a_quotations_source_stays_with_it_and_keeps_its_number_whole() {
    let para = "各地要严格落实24小时值班和领导带班制度，加强雨情水情监测预报，及时发布预警信息。";
    let quote = "> 对发生生产安全事故的，要严格按照“四不放过”原则，查清事故原因，严肃追究责任，深刻吸取教训，切实防止类似事故再次发生。\n>\n> ——摘自《江岭市生产安全事故调查处理办法》第二十三条\n\n各地要认真贯彻落实。\n";
    let apart = md_tail_parting(
        para,
        quote,
        14..=24,
        ("再次发生", "——摘自"),
        |text| assert!(text.contains("第二十三条"), "the number broken: {text}"),
    );
    assert!(
        apart.is_empty(),
        "the source left its quotation with {apart:?} paragraph(s)"
    );
}

/// An article that ends with a long table (split across pages, its last rows kept
/// together): its byline goes under the last rows, at the text block's right, never
/// alone at a page's top (QA2 04: «（市统计局农村处）» alone above the 报尾).
#[test]
fn a_byline_after_a_long_closing_table_stays_with_its_last_rows() {
    let para = "各地要严格落实值班制度。";
    let rows: String = (1..=20)
        .map(|k| format!("| 第{k}组 | 张{k}敏 | 急诊科 |\n"))
        .collect();
    let table = format!("| 组别 | 姓名 | 科室 |\n|---|---|---|\n{rows}");
    let alone = md_tail_parting(
        para,
        &table,
        1..=30,
        ("（测试处 供稿）", "第20组"),
        |text| assert!(text.contains("（测试处 供稿）"), "no byline: {text}"),
    );
    assert!(
        alone.is_empty(),
        "the byline left its table with {alone:?} paragraph(s)"
    );
}

/// A unit alone in a cell (%) is text, not a figure: in a column of units (亿元, 万吨,
/// %) it went right while the others went left (QA2 04, 10).
#[test]
fn a_unit_alone_in_a_cell_is_aligned_with_the_other_units() {
    if cjkcheck_script().is_none() {
        // PyMuPDF measures the glyphs (required in CI).
        return;
    }
    let md = "| 指标 | 单位 | 数值 |\n|---|---|---|\n| 地区生产总值 | 亿元 | 1,234.5 |\n| 粮食产量 | 万吨 | 86.2 |\n| 城镇登记失业率 | % | 3.1 |\n";
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_t, pdf) = build_to_temp(&issue);
    // The left edge of the first glyph of 亿元, 万吨 and %.
    let lefts = pymupdf_numbers(
        &pdf,
        "for page in pymupdf.open(sys.argv[1]):\n  for b in page.get_text('rawdict')['blocks']:\n    for l in b.get('lines', []):\n      for s in l['spans']:\n        t = ''.join(c['c'] for c in s['chars'])\n        if t.strip() in ('亿元', '万吨', '%'):\n          print(s['chars'][0]['bbox'][0])",
    );
    assert_eq!(lefts.len(), 3, "{lefts:?}");
    assert!(
        lefts.iter().all(|x| (x - lefts[0]).abs() < 1.0),
        "the units' left edges: {lefts:?}"
    );
}

/// An article that ends with a short table, its byline on a line of its own after it:
/// the byline alone opened a page (r20, from r19's Word file). It goes with the table.
#[test]
fn a_byline_after_a_closing_table_never_opens_a_page_alone() {
    let para = "本次技能竞赛共有来自全院各临床科室的48名护士参赛，比赛分理论考试和操作考核两部分。";
    let table = "| 奖项 | 姓名 | 科室 |\n|---|---|---|\n| 一等奖 | 张敏 | 急诊科 |\n| 二等奖 | 李娜 | 重症医学科 |\n";
    let alone = md_tail_parting(
        para,
        table,
        6..=20,
        ("（测试处 供稿）", "重症医学科"),
        |_| {},
    );
    assert!(
        alone.is_empty(),
        "the byline left its table with {alone:?} paragraph(s)"
    );
}

/// An article's 按语 is kept with the first lines of its text, as its title is: the
/// shipped 工作动态 set its first article's title and 按语 at page 1's foot and the
/// text on page 2 (QA 02: the same with a note of two lines).
#[test]
fn an_articles_note_is_kept_with_its_text() {
    if !tool("pdftotext") {
        return;
    }
    let issue = repo().join("issues/gongzuo-dongtai-2026-05/issue.toml");
    let (_o, pdf) = build_to_temp(&issue);
    let pages: Vec<String> = pdftotext(&pdf).split('\x0c').map(squash).collect();
    let page_of = |s: &str| {
        pages
            .iter()
            .position(|p| p.contains(s))
            .unwrap_or_else(|| panic!("«{s}» not in the PDF: {pages:?}"))
    };
    let note = page_of("按语：代表联络站是代表联系群众的重要平台");
    assert_eq!(note, page_of("近年来，青川市按照"), "{pages:?}");
    assert_eq!(
        note,
        page_of("【工作研究】代表联络站建设的几点做法按语"),
        "{pages:?}"
    );
}

/// More 责任编辑 than a line holds run on under the first name, each name whole (皇甫 /
/// 谧 broke at the line's end and ran on under 责: QA 13).
#[test]
fn a_long_list_of_editors_keeps_each_name_whole() {
    let toml = format!(
        "{MINIMAL_TOML}\n[footer]\neditors = [\"上官婉儿\", \"司马相如\", \"欧阳修\", \"诸葛亮\", \"东方朔\", \"皇甫谧\", \"令狐冲\"]\nprint_count = 5\nprint_count_placement = \"editors\"\n"
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    // The count not beside the 责任编辑 line as asked is said (QA16 I 06).
    let (_o, pdf, report) = build_reported(&issue);
    assert!(
        report.warnings.iter().any(|w| w.contains(
            "is set on a row of its own, not beside the 责任编辑 line as print_count_placement = \"editors\" asks"
        )),
        "{:?}",
        report.warnings
    );
    let Some(chars) = chars(&pdf) else { return };
    let at = |c: char| {
        let (_, _, x, y) = *chars.iter().rev().find(|x| x.0 == c).unwrap();
        (x, y)
    };
    assert!((at('甫').1 - at('谧').1).abs() < 0.5, "皇甫谧 broken");
    // The second line starts under the first name, after 责任编辑：.
    let first = at('上');
    let second = line_through(&chars, '谧').1[0];
    assert!(at('谧').1 > first.1 + 5.0, "one line?");
    assert!((second - first.0).abs() < 0.5, "{second} vs {}", first.0);
    // The count, with names on lines of their own, on its row at the right.
    let (count_y, xs) = line_through(&chars, '份');
    assert!(
        count_y > at('谧').1 + 5.0 && xs[0] > 300.0,
        "{count_y} {xs:?}"
    );
}

/// An author line longer than a line is set in balanced lines (it stopped the build
/// as a bug: «cannot divide these two lengths», QA 12), and a word of the text wider
/// than the room left on its line, which runs into the margin, is said with where it
/// stands and how far (QA 13: 16 mm, and only the loose line before it was said).
#[test]
fn a_long_author_line_is_set_and_a_word_into_the_margin_said() {
    let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    let toml = MINIMAL_TOML.replace(
        "title = \"测试标题\"",
        "title = \"测试标题\"\nauthor = \"市财政局信息中心　上官婉儿　司马相如　欧阳修　诸葛亮　东方朔　皇甫谧　令狐冲\"",
    );
    let text = format!("升级后系统校验码为SHA256:{hash}，请核对。\n");
    let (_d, issue) = write_issue(&toml, &[("a.txt", &text)]);
    let (_o, _pdf, report) = build_reported(&issue);
    let said = warning(&report, "stand past the edge of the text block");
    assert!(
        said.starts_with("1 run(s)") && said.contains("page 1 «f86d081884c7…»"),
        "{said}"
    );
    assert!(said.contains("a.txt:1:18)"), "{said}");
    let mm: f64 = said
        .split("» ")
        .nth(1)
        .and_then(|s| s.split(" mm").next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{said}"));
    assert!(mm > 5.0 && mm < 28.0, "{said}");
}

/// A loose line (its characters spread to fill it before a run of titles that cannot
/// break) is said as loose, not as text past the block: the stretch after its last
/// character is blank (QA2 04 and 06, «2.1 mm into the margin» on a line whose ink
/// ends at the block's edge).
#[test]
fn a_loose_line_is_not_said_to_stand_past_the_block() {
    let text = "市委、市政府先后出台《关于发展壮大村级集体经济的实施意见》《江岭市村级集体经济发展三年行动计划（2024—2026年）》《关于支持农村集体经济组织承接涉农项目的若干措施》等政策文件。\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (_o, _pdf, report) = build_reported(&issue);
    let loose = warning(&report, "set loose");
    assert!(loose.contains("«意见》《江岭市"), "{loose}");
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.contains("stand past the edge")),
        "{:?}",
        report.warnings
    );
}

/// A line of a law's articles, each kept whole in a box, is said when it is loose: its
/// stretch stood between the boxes only, 1.1 em between the few characters outside
/// them, and the median of its characters was the body's (QA18 N 02).
#[test]
fn a_loose_line_of_boxed_articles_of_law_is_said() {
    let text = "法院经审理认为，被告人的行为分别构成诈骗罪、帮助信息网络犯罪活动罪、掩饰隐瞒犯罪所得罪，依照《中华人民共和国刑法》第二百六十六条、第二百八十七条之二第一款、第三百一十二条第一款以及《中华人民共和国反电信网络诈骗法》第三十八条之规定，作出上述判决。\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (_o, _pdf, report) = build_reported(&issue);
    let loose = warning(&report, "set loose");
    assert!(loose.contains("«刑法》第二百六十六条"), "{loose}");
}

/// Nor is a loose line that ends in a closing mark after Latin words: Typst sets the
/// mark half wide at the line's end, its ink inside the block, with the line's stretch
/// after it. By its advance, «time）» stood 2.8 mm past the edge, and the build told
/// the editor to put a space into a code there was none of (QA11 A 10).
#[test]
fn a_loose_lines_closing_mark_after_latin_is_not_said_to_stand_past_the_block() {
    let text = "加强胸痛中患者DNT（door-to-needle time）12345678.90万元，较上年有所缩短。\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (_o, _pdf, report) = build_reported(&issue);
    let loose = warning(&report, "set loose");
    assert!(loose.contains("«加强胸痛中患者DNT"), "{loose}");
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.contains("stand past the edge")),
        "{:?}",
        report.warnings
    );
}

/// The 编者按's first paragraph, after its label, keeps its last two characters
/// together as every paragraph does: it ended on a line of «室。» alone (QA 11).
#[test]
fn a_notes_first_paragraph_does_not_end_in_one_character() {
    if !tool("pdftotext") {
        return;
    }
    let note = "为推动市委、市政府重大决策部署落地见效，市委督查室、市政府督查室近期对部分重点工作推进情况进行了督查。现将督查情况通报如下，请各地各部门对照检查，抓好整改落实，整改情况于9月30日前书面报送市委督查室、市政府督查室。";
    let toml = MINIMAL_TOML.replace(
        "date = 2026-01-05",
        &format!("date = 2026-01-05\nnote = \"{note}\""),
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_o, pdf) = build_to_temp(&issue);
    let text = pdftotext(&pdf);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("编者按："))
        .unwrap_or_else(|| panic!("{text}"));
    let last = lines[at..]
        .iter()
        .find(|l| l.ends_with("室。"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(last.chars().count() >= 3, "the note ends in «{last}»");
}

/// A contact a little narrower than the text block but wider than a 报尾 row's text
/// (the row is a character in on either side) goes on lines of its own as a longer
/// one does: it broke its e-mail, «…@163. / com.cn», and ran on at the block's left.
#[test]
fn a_contact_nearly_a_line_wide_keeps_its_e_mail_whole() {
    let email = "hnrdlldt-editorial-officesxxxx@163.com.cn";
    let toml = format!(
        "{MINIMAL_TOML}\n[footer]\neditors = [\"石韧\"]\n[footer.contact]\nphone = \"0731-85309270\"\nemail = \"{email}\"\n"
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_o, pdf) = build_to_temp(&issue);
    let Some(chars) = chars(&pdf) else { return };
    let (y, xs) = line_through(&chars, '@');
    assert!(xs.len() >= email.len(), "the e-mail broken: {xs:?}");
    // Under the phone, after 联系方式：.
    let (phone_y, phone_xs) = line_through(&chars, '联');
    assert!(y > phone_y + 5.0, "{y} {phone_y}");
    assert!(xs[0] > phone_xs[0] + 20.0, "{xs:?} {phone_xs:?}");
}

/// A paragraph that opens with marks (（一） 《 “) and holds as many characters as its
/// first line has places sets them all on it: the marks' box was a full em each, off
/// the grid by the text's tracking, and （一）镇党委……受到诫勉 / 处理。 spread its first
/// line and carried its last two characters over (QA6).
#[test]
fn a_paragraph_opening_with_marks_fills_its_first_line_on_the_grid() {
    let text = "（一）镇党委书记王某对此负有领导责任，受到诫勉处理。\n\
                《中国人大》杂志社总编汪铁民主持会议。湖南省人大常委\n\
                甲乙丙镇党委书记王某对此负有领导责任，受到诫勉处理。\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    for first in ["（一）镇党委", "《中国人大》", "甲乙丙"] {
        let line = lines.iter().find(|l| l.starts_with(first));
        assert!(
            line.is_some_and(|l| l.chars().count() == 26),
            "«{first}…» not whole on its line: {lines:?}"
        );
    }
}

/// An article's long last paragraph breaks across pages under a byline of two lines as
/// under one of one line: the paragraph and the long byline were in a sticky block,
/// which Typst moves whole to the next page when it does not fit, and a page was left
/// with 20 lines empty (QA7). The byline still goes with the paragraph's last line.
#[test]
fn a_long_last_paragraph_breaks_across_pages_over_a_two_line_byline() {
    let names = "林志远　陈建平　王　敏　刘德胜　张晓东　欧阳明辉　赵丽华　孙海涛　周建国　吴晓梅";
    let toml = MINIMAL_TOML.replace("测试处 供稿", names);
    long_last_paragraph_breaks(&toml, 60, "", "吴晓梅");
}

/// A paragraph's last line never stands alone at a page's top with the byline under
/// it: the byline was a line of the paragraph, so Typst's widow rule kept only that
/// last line with it (QA11, in 18 of 40 random 信息快递 issues). The paragraph's last
/// two lines go over with it.
#[test]
fn a_paragraphs_last_line_does_not_go_over_alone_with_the_byline() {
    let toml = "[bulletin]\ntitle = \"信息快递\"\n[issue]\nnumber = 7\n[[article]]\ntitle = \"市发展改革委召开重点项目推进会\"\nbyline = \"市政府办公室\"\nfile = \"a.txt\"\n";
    let two = "会议要求各县区压实责任，倒排工期，确保项目按期开工建设。今年以来，全市累计完成固定资产投资286亿元，同比增长12%。\n".repeat(2);
    let text = format!(
        "{two}{}近日，市发展改革委组织召开重点项目推进会，研究部署下一阶段工作。会议要求各县区压实责任，倒排工期，确保项目按期开工建设。\n",
        "据了解，此次活动为期一周。\n".repeat(4)
    );
    breaks_across_pages(
        toml,
        ("a.txt", &text),
        ("据了解", "市政府办公室"),
        "确保项目按期开工建设。（市政府办公室）",
    );
}

/// A legal text's references are not broken inside (QA11, a 审判工作动态): a case number
/// only between its court and its kind with its number (江 / 0191民初…, 江01民终 /
/// 7712号 broke), a document number never after its year (〔2026〕 / 12号), an article
/// of a law never inside its numeral (第二百四 / 十七条), a masked name never before
/// its mask (张 / ××). Each paragraph broke so before.
#[test]
fn a_legal_texts_references_are_not_broken_inside() {
    let text = "其中，金融借款合同纠纷、物业服务合同纠纷和机动车交通事故责任纠纷三类案件占民商事收案总数的41.7%，系列性、群体性纠纷仍较为集中。江岭高新区人民法院审理的（2026）江0191民初1234号至（2026）江0191民初1486号系列物业服务合同纠纷案件调撤率达91.3%。
宣判后，部分被告提起上诉，市中院以（2025）江01民终7712号民事判决驳回上诉，维持原判。
经审理查明本案事实清楚证据确实充分适江中法发〔2026〕12号文件要求全市法院遵照执行。
经审理查明本案事实清楚证据确实充分适用法律正第二百四十七条的规定审查是否构成重复起诉。
经审理查明本案事实清楚证据确实充分适用法律正确审张××诉江岭某物业服务有限公司一案依法判决。
";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines: Vec<String> = pymupdf_lines(&pdf).iter().map(|l| squash(l)).collect();
    for unit in [
        "江0191",
        "民初1234号",
        "江01",
        "民终7712号",
        "〔2026〕12号",
        "第二百四十七条",
        "张××",
    ] {
        assert!(
            lines.iter().any(|l| l.contains(unit)),
            "{unit} broken: {lines:?}"
        );
    }
}

/// The masthead's title is centred on the text block and inside it, the room between
/// its characters counted once: a space of minus the tracking after the last character
/// (which Typst does not track) left the line a tracking wider than measured, 1.9 mm
/// past the red rule at the right and off centre, for every title of 6–18 characters
/// (QA11).
#[test]
fn the_masthead_title_is_centred_inside_the_text_block() {
    let toml = MINIMAL_TOML.replace("title = \"测试简报\"", "title = \"江岭市安全生\"");
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    // The em boxes of the title's characters (the masthead's 68 pt), from the first's
    // left to the last's right.
    let x = pymupdf_numbers(
        &pdf,
        "page = pymupdf.open(sys.argv[1])[0]\nxs = [c['bbox'] for b in page.get_text('rawdict')['blocks'] for l in b.get('lines', []) for s in l['spans'] if s['size'] > 60 for c in s['chars']]\nprint(min(b[0] for b in xs), max(b[2] for b in xs))",
    );
    let (left, right) = (28.0 * 72.0 / 25.4, (28.0 + 156.0) * 72.0 / 25.4);
    assert_eq!(x.len(), 2, "{x:?}");
    assert!(
        x[0] > left - 0.01 && x[1] < right + 0.01,
        "{x:?} outside {left}–{right}"
    );
    assert!(
        ((x[0] - left) - (right - x[1])).abs() < 0.5,
        "off centre: {x:?}"
    );
}

/// The first article after the issue's 编者按 is set a gap apart, as articles are
/// from each other: its column label stood on the line under the note, which read as
/// the article's own (QA11).
#[test]
fn the_first_article_stands_a_gap_under_the_issues_note() {
    let toml = "[bulletin]\ntitle = \"工作动态\"\n[issue]\nnumber = 5\nnote = \"本期刊发全省人大代表联络站建设和基层立法联系点工作的做法与经验，供各地学习借鉴。\"\n[[article]]\ncolumn = \"工作研究\"\ntitle = \"代表联络站建设的几点做法\"\nfile = \"a.txt\"\n";
    let (_d, issue) = write_issue(
        toml,
        &[("a.txt", "近年来，青川市按照要求推进代表联络站建设。\n")],
    );
    let (_t, pdf) = build_to_temp(&issue);
    // The tops of the note's last line and of the column label.
    let ys = pymupdf_numbers(
        &pdf,
        "page = pymupdf.open(sys.argv[1])[0]\nfor b in page.get_text('dict')['blocks']:\n  for l in b.get('lines', []):\n    t = ''.join(s['text'] for s in l['spans']).replace(' ', '')\n    if t.endswith('学习借鉴。') or t == '【工作研究】': print(l['bbox'][1])",
    );
    assert_eq!(ys.len(), 2, "{ys:?}");
    let pitch = 29.6;
    assert!((ys[1] - ys[0] - 2.0 * pitch).abs() < 1.0, "{ys:?}");
}

/// A 落款 after a 附件说明 is never alone on a page: the list goes over with it; and the
/// blank line above the list is not kept at the page's top (page 2 held the 落款 alone
/// under an empty first line, QA11).
#[test]
fn a_closing_after_an_attachment_list_never_stands_alone() {
    let toml = "[bulletin]\ntitle = \"工作简报\"\n[issue]\nnumber = 3\n[[article]]\ntitle = \"关于全市优化营商环境重点任务推进情况的通报\"\nfile = \"a.md\"\n";
    let same = "全市累计完成固定资产投资286亿元，同比增长12%。\n\n";
    let text = format!(
        "为深入贯彻落实党中央、国务院关于优化营商环境的决策部署，现将有关情况通报如下。\n\n{}各地各部门要进一步提高政治站位，强化责任担当，切实抓好各项工作落实。\n\n附件：1．江岭市2026年一季度优化营商环境重点任务清单（含各县区、市直各部门责任分工及完成时限）\n2．江岭市优化营商环境工作专班成员名单\n3．江岭市营商环境评价指标体系\n\n江岭市优化营商环境工作领导小组办公室\n2026年4月10日\n",
        same.repeat(2)
    );
    let (_d, issue) = write_issue(toml, &[("a.md", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let pages = pdftotext(&pdf);
    let pages: Vec<&str> = pages.split('\u{c}').collect();
    let last = pages
        .iter()
        .rposition(|p| p.contains("2026年4月10日"))
        .unwrap();
    assert!(
        squash(pages[last]).contains("评价指标体系"),
        "{}",
        pages[last]
    );
    // On the page the list opens, its first line is the block's first.
    let ys = pymupdf_numbers(
        &pdf,
        &format!(
            "doc = pymupdf.open(sys.argv[1])\npage = doc[{last}]\nfor b in page.get_text('dict')['blocks']:\n  for l in b.get('lines', []):\n    t = ''.join(s['text'] for s in l['spans']).replace(' ', '')\n    if t.startswith('附件：'): print(l['bbox'][1])"
        ),
    );
    // (The text is made to leave the list and the 落款 at page 1's foot.)
    assert!(last > 0, "{pages:?}");
    assert_eq!(ys.len(), 1, "{ys:?}");
    assert!(ys[0] < 110.0, "the list opens its page a line down: {ys:?}");
}

/// A range of figures goes with the unit symbol a space after it: 5～10 / mg/kg broke
/// where 10 mg/kg alone stays whole (QA11, a 院务简报's dosage).
#[test]
fn a_range_stays_with_its_spaced_unit() {
    let text = "对于体温持续升高的患儿给予对乙酰氨基酚口服布洛5～10 mg/kg给药，每6小时1次。\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines: Vec<String> = pymupdf_lines(&pdf).iter().map(|l| squash(l)).collect();
    assert!(lines.iter().any(|l| l.contains("5～10mg/kg")), "{lines:?}");
}

/// A number keeps the unit symbol typed close after it (1250m³/ / s broke, and 86.72亿 /
/// kW·h), the letters before it (a course's code: CS / 101课程; a currency: US /
/// $3.2亿), and a code's letters and figures after them (91360100MA38K2XY7Q whole), each
/// tried at a line's end (QA12 A 02, 10).
#[test]
fn a_number_keeps_its_unit_symbol_its_code_and_its_currency() {
    let lead = "公司按照统一部署推进数字化转型各项工作并取得";
    let mut text = String::new();
    for word in ["US$3.2亿", "1250m³/s", "86.72亿kW·h", "91360100MA38K2XY7Q"] {
        text += &format!("{lead}{word}继续推进。\n");
    }
    for n in 0..4 {
        text += &format!(
            "学校召开本科教学工作会议本期集中刊发会议情况和{}CS101课程建设经验。\n",
            &"讲话摘要"[..n * 3]
        );
    }
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines: Vec<String> = pymupdf_lines(&pdf).iter().map(|l| squash(l)).collect();
    for word in ["US$3.2亿", "1250m³/s", "86.72亿kW·h", "91360100MA38K2XY7Q"] {
        assert!(lines.iter().any(|l| l.contains(word)), "{word}: {lines:?}");
    }
    let codes = lines.iter().filter(|l| l.contains("CS101课")).count();
    assert_eq!(codes, 4, "{lines:?}");
}

/// Builds an issue whose article is a short paragraph, then a long one (`long` times a
/// sentence) and `after` it (a 落款's lines), and checks that the long one begins on
/// page 1 and breaks across pages, no page's foot left empty, and that `keeps` (the
/// byline's last name, the 落款's date) is on the page of its last line.
fn long_last_paragraph_breaks(toml: &str, long: usize, after: &str, keeps: &str) {
    let text = format!(
        "{}\n{}\n{after}",
        "全市统筹推进城乡融合发展各项工作。".repeat(8),
        "各地结合实际，创新方式方法，取得明显成效。".repeat(long)
    );
    breaks_across_pages(toml, ("a.txt", &text), ("各地结合实际", "明显成效"), keeps);
}

/// Builds an issue of one article `(name, text)` and checks that no page's foot is left
/// empty, that `from` (a long block's first words) is on page 1, and that `keeps` is on
/// the page of the last `to` (its last words).
fn breaks_across_pages(toml: &str, article: (&str, &str), (from, to): (&str, &str), keeps: &str) {
    let (_d, issue) = write_issue(toml, &[article]);
    let (_t, pdf, report) = build_reported(&issue);
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.contains("empty at its foot")),
        "{:?}",
        report.warnings
    );
    let pages = pdftotext(&pdf);
    let pages: Vec<&str> = pages.split('\u{c}').collect();
    assert!(pages[0].contains(from), "{}", pages[0]);
    let last = pages.iter().rposition(|p| p.contains(to)).unwrap();
    assert!(squash(pages[last]).contains(keeps), "{}", pages[last]);
}

/// The 版记's 印发 date stays whole at the right under a long office: it ran into the
/// office's line and broke there, «……办公室2026年6月» / «30日印发», a point past the
/// edge (QA6).
#[test]
fn a_long_issuing_office_leaves_its_date_whole_at_the_right() {
    let toml = format!(
        "{MINIMAL_TOML}\n[footer]\nissued_by = \"江岭市推进国家城乡融合发展试验区建设领导小组办公室\"\nissued_on = 2026-06-30\n"
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    assert!(
        lines.iter().any(|l| squash(l) == "2026年6月30日印发"),
        "{lines:?}"
    );
}

/// Marks at the top that do not hold on one line wrap between marks, never inside one,
/// and the lines they take are the masthead's: «仅供领导参» / «阅» stood against the
/// title (QA6).
#[test]
fn marks_too_many_for_a_line_wrap_between_marks_above_the_title() {
    let toml = MINIMAL_TOML.replace(
        "unit = \"测试单位编\"",
        "unit = \"测试单位编\"\nmarks = [\"特急\", \"内部资料\", \"注意保存\", \"阅后收回\", \"不得翻印\", \"仅供领导参阅\"]",
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    assert!(
        lines.iter().any(|l| squash(l) == "仅供领导参阅"),
        "{lines:?}"
    );
    let ys = pymupdf_numbers(
        &pdf,
        "page = pymupdf.open(sys.argv[1])[0]\nfor b in page.get_text('dict')['blocks']:\n  for l in b.get('lines', []):\n    t = ''.join(s['text'] for s in l['spans']).replace(' ', '')\n    if t == '仅供领导参阅': print(l['bbox'][3])\n    if t == '测试简报': print(l['bbox'][1])",
    );
    // The last line of marks (its foot) a line above the title's top at least.
    assert_eq!(ys.len(), 2, "{ys:?}");
    assert!(ys[1] - ys[0] > 10.0, "{ys:?}");
}

/// A web address in a cell of a table of many columns breaks as in the text, a part
/// of over 20 characters anywhere: the table was refused as running off the page by
/// 158.5 pt, with advice that did not apply (QA7).
#[test]
fn a_long_address_in_a_narrow_table_column_breaks_inside_the_table() {
    let text = "县区\t企业（户）\t个体工商户（户）\t同比增长（%）\t备注\n\
                东湖区\t12,345\t34,567\t9.1\t无\n\
                南岭县\t5,432\t21,098\t6.5\t详见https://www.example.gov.cn/zwgk/2026/06/t20260601_123456_abcdefghijklmnopqrstuvwxyz.html\n";
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let (_t, pdf) = build_to_temp(&issue);
    let right = pymupdf_numbers(
        &pdf,
        "page = pymupdf.open(sys.argv[1])[0]\nprint(max(w[2] for w in page.get_text('words') if any(c.isascii() and c.isalpha() for c in w[4])))",
    );
    // The address's lines within the text block (its right edge 521.6 pt from the
    // page's left).
    assert!(right[0] < 522.0, "{right:?}");
    assert!(squash(&pdftotext(&pdf)).contains("xyz.html"));
}

/// A header cell across columns is centred over them whatever its column's alignment,
/// and the short rules under two such cells side by side stand apart (QA6: 10月 at the
/// right, and the two rules one line). A placeholder (—) in a column of figures goes
/// where the figures go, though the column holds a text too (QA6: — at the left under
/// 7.1 at the right).
#[test]
fn a_tables_spanning_header_is_centred_with_rules_apart_and_its_dashes_align() {
    let md = "| 行业 | 10月 | << | 1—10月 | << |\n|:---|---:|---:|---:|---:|\n| ^^ | 增速 | 比上月 | 增速 | 比上期 |\n| 电子信息 | 21.3 | +2.6 | 18.6 | +0.4 |\n| 纺织服装 | -1.5 | +2.3 | -3.2 | +1.1 |\n\n\
              | 指标 | 10月 | 同比±% |\n|---|---|---|\n| 工业增加值 | — | 7.1 |\n| 固定资产投资 | — | — |\n| 零售总额 | 138.65 | 6.2 |\n| 失业率 | 5.1 | -0.2个百分点 |\n";
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    let (_d, issue) = write_issue(&toml, &[("a.md", md)]);
    let (_t, pdf) = build_to_temp(&issue);
    // x0, x1 of a word (the first it finds), one per line: 10月, 增速 (first), 比上月;
    // the short rules' x0 x1 (horizontal, under 10 pt from the header's top); the
    // right edges of 7.1 and of the — under it.
    let xs = pymupdf_numbers(
        &pdf,
        "page = pymupdf.open(sys.argv[1])[0]\nws = page.get_text('words')\ndef first(t):\n  w = [w for w in ws if w[4] == t][0]\n  return w\nfor t in ('10月', '增速', '比上月'):\n  w = first(t); print(w[0], w[2])\ntop = first('10月')[1]\nrules = sorted((d['rect'].x0, d['rect'].x1) for d in page.get_drawings() for it in d['items'] if it[0] == 'l' and abs(it[1].y - it[2].y) < 0.1 and top < it[1].y < top + 25 and d['rect'].width < 300)\nfor r in rules: print(r[0], r[1])\nseven = first('7.1')\nprint(seven[2])\nprint(max(w[2] for w in ws if w[4] == '—' and 0 < w[1] - seven[1] < 40))",
    );
    assert_eq!(xs.len(), 6 + 4 + 2, "two short rules: {xs:?}");
    // Centred over its two columns, as the rule under them is.
    let (ten, rule) = ((xs[0] + xs[1]) / 2.0, (xs[6] + xs[7]) / 2.0);
    assert!((ten - rule).abs() < 1.0, "10月 not centred: {xs:?}");
    assert!(
        xs[2] >= xs[6] && xs[5] <= xs[7],
        "rule not under 增速 比上月: {xs:?}"
    );
    assert!(xs[8] - xs[7] > 2.0, "rules touching: {xs:?}");
    assert!(
        (xs[10] - xs[11]).abs() < 1.0,
        "— not under 7.1's right edge: {xs:?}"
    );
}

/// A wrapped 报尾 address keeps two characters on its last line, with the figure
/// before them (QA6: «…12楼1208» / «室»).
#[test]
fn a_wrapped_footer_address_leaves_no_character_alone() {
    let toml = format!(
        "{MINIMAL_TOML}\n[footer]\neditors = [\"欧阳明辉\", \"张伟\", \"司马相如\", \"王赟\"]\nprint_count = 1200\nprint_count_placement = \"editors\"\napproval = \"江内资准字〔2026〕第018号\"\n[footer.contact]\nphone = \"0791-86230000、86230001、13907910000\"\nemail = \"cxrh_office@jiangling.gov.cn\"\naddress = \"江岭市红谷滩区丰和中大道1189号市行政中心B座12楼1208室\"\n"
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, pdf) = build_to_temp(&issue);
    let lines = pymupdf_lines(&pdf);
    assert!(!lines.iter().any(|l| squash(l) == "室"), "{lines:?}");
    assert!(
        lines.iter().any(|l| squash(l).ends_with("1208室")),
        "{lines:?}"
    );
}

/// A long last paragraph before a 落款 breaks across pages as any paragraph does, the
/// 落款 with its last line: in a sticky block with the 落款, Typst moved it whole to
/// the next page, lines left empty (the long byline's case, QA7).
#[test]
fn a_long_last_paragraph_before_a_closing_breaks_across_pages() {
    long_last_paragraph_breaks(
        MINIMAL_TOML,
        70,
        "江岭市人民政府办公室\n2026年3月30日\n",
        "2026年3月30日",
    );
}

/// Words after a date the issue does not print are said, not dropped (QA9).
#[test]
fn a_date_suffix_without_a_date_is_said() {
    let toml = MINIMAL_TOML.replace("date = 2026-01-05", "date_suffix = \"（下午6时）\"");
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(warning(&report, "date_suffix").contains("（下午6时）"));
}

/// A long quotation's last paragraph breaks across pages as any paragraph does, its
/// source (——摘自……) with its last line: in a sticky block with the source, Typst moved
/// it whole to the next page, lines left empty (QA2 01, QA3 01 in this stop's review).
#[test]
fn a_long_quotation_before_its_source_breaks_across_pages() {
    let md = format!(
        "{}\n\n> {}\n>\n> ——摘自《江岭市生产安全事故调查处理办法》第二十三条\n\n事故发生后，市委、市政府主要领导作出批示。\n",
        "全市统筹推进城乡融合发展各项工作。".repeat(8),
        "对发生生产安全事故的，要严格按照“四不放过”原则，查清事故原因，严肃追究责任。".repeat(20)
    );
    let toml = MINIMAL_TOML.replace("a.txt", "a.md");
    breaks_across_pages(
        &toml,
        ("a.md", &md),
        ("四不放过", "严肃追究责任"),
        "第二十三条",
    );
}
