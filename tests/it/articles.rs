//! Article files read as their editors meant them (trial round 3): a photo whose file
//! name has spaces, a photo written into a `.txt`, the byline typed again at the end
//! of the text, Markdown's hard line breaks, and lists with their bullets and levels.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// An issue of one article `name` with `text`, and photos beside it.
fn issue_of(name: &str, text: &str, photos: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", &format!("file = \"{name}\""));
    let (dir, issue) = write_issue(&toml, &[(name, text)]);
    for photo in photos {
        std::fs::write(dir.path().join(photo), jpeg(600, 400)).unwrap();
    }
    (dir, issue)
}

/// Builds the issue: the PDF (in a temp dir kept alive) and the build's warnings.
fn build(issue: &Path) -> (tempfile::TempDir, PathBuf, Vec<String>) {
    let (dir, out, report) = build_reported(issue);
    (dir, out, report.warnings)
}

/// The lines of a PDF as `pdftotext -bbox` finds them: (text, left x in pt).
fn lines(pdf: &Path) -> Vec<(String, f64)> {
    let out = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext -bbox");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let l = &l[l.find("<word ")?..];
            let x = l.split("xMin=\"").nth(1)?.split('"').next()?.parse().ok()?;
            let text = l.split('>').nth(1)?.split('<').next()?;
            Some((text.to_owned(), x))
        })
        .collect()
}

/// The left edge of the line that starts with `text`.
fn x_of(lines: &[(String, f64)], text: &str) -> f64 {
    lines
        .iter()
        .find(|(t, _)| t.starts_with(text))
        .unwrap_or_else(|| panic!("«{text}» opens no line: {lines:?}"))
        .1
}

/// The left edge of the text block and one character of the grid (the sample's 28
/// characters on 156 mm).
const MARGIN: f64 = 79.37;
const CHAR: f64 = 156.0 / 25.4 * 72.0 / 28.0;

#[test]
fn a_photo_named_with_spaces_or_percent_20_is_placed() {
    if !tool("pdftotext") {
        return;
    }
    // As the trial wrote it (IMG 2034.jpg is how cameras and offices name photos), and
    // as Typora and `jianbao import` write such a name.
    let md = "测试段落，照片如下。\n\n![签约仪式现场](签约 照片.jpg)\n\n中间一段。\n\n![座谈会](IMG%202034.jpg){width=50%}\n\n后文一段。\n";
    let (_d, issue) = issue_of("a.md", md, &["签约 照片.jpg", "IMG 2034.jpg"]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(model.photos.len(), 2);
    let (_t, pdf, _) = build(&issue);
    let text = squash(&pdftotext(&pdf));
    assert!(!text.contains("!["), "the Markdown printed as text: {text}");
    assert!(
        text.contains("签约仪式现场") && text.contains("座谈会"),
        "{text}"
    );
    // `check` reads the photos as a build does, and finds nothing in their names.
    let o = jianbao_cli(&["check", issue.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // A name with spaces that is not on disk stops the build at its line.
    let (dir, issue) = issue_of("a.md", md, &["IMG 2034.jpg"]);
    let out = dir.path().join("out.pdf");
    let o = build_cli(&issue, &out);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("签约 照片.jpg") && err.contains("a.md:3:"),
        "{err}"
    );
}

#[test]
fn a_photo_written_into_a_txt_is_named_at_its_line() {
    let txt = "正文第一段。\n![签约仪式](Qianyue.JPG)\n图为签约仪式现场。\n";
    let (_d, issue) = issue_of("a.txt", txt, &["Qianyue.JPG"]);
    let (_t, _pdf, warnings) = build(&issue);
    let w = warnings
        .iter()
        .find(|w| w.contains("a.txt:2:1:"))
        .unwrap_or_else(|| panic!("{warnings:?}"));
    assert!(w.contains(".md") && w.contains("prints as text"), "{w}");
    // `check` says it too.
    let report = jianbao::proofread::check::check(&issue).unwrap();
    assert!(report.warnings.iter().any(|w| w.contains("a.txt:2:1:")));
}

#[test]
fn a_byline_typed_again_at_the_end_prints_once() {
    if !tool("pdftotext") {
        return;
    }
    // The trial's (b1d): the issue file's byline, and the text's last line.
    let toml = MINIMAL_TOML.replace("byline = \"测试处 供稿\"", "byline = \"青山区市场监管局\"");
    let txt = "近日，青山区市场监管局对辖区内27所中小学校食堂开展专项检查。\n检查中发现的问题已当场责令整改。\n（青山区市场监管局供稿）\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", txt)]);
    let (_t, pdf, warnings) = build(&issue);
    let text = squash(&pdftotext(&pdf));
    assert!(!text.contains("供稿"), "{text}");
    assert_eq!(text.matches("（青山区市场监管局）").count(), 1, "{text}");
    let w = warnings
        .iter()
        .find(|w| w.contains("a.txt:3:"))
        .unwrap_or_else(|| panic!("{warnings:?}"));
    assert!(w.contains("repeats the article's byline"), "{w}");
    // Another unit's byline typed at the end: printed, and said.
    let txt = txt.replace("（青山区市场监管局供稿）", "（城东市场监管所供稿）");
    let (_d, issue) = write_issue(&toml, &[("a.txt", &txt)]);
    let (_t, pdf, warnings) = build(&issue);
    assert!(squash(&pdftotext(&pdf)).contains("（城东市场监管所供稿）"));
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("a.txt:3:") && w.contains("both print")),
        "{warnings:?}"
    );
}

/// The issue of [`MINIMAL_TOML`] with this Word file as its article, built: its
/// folder, its file and the build's warnings.
fn word_article(docx: Vec<u8>) -> (tempfile::TempDir, std::path::PathBuf, Vec<String>) {
    word_article_as(&MINIMAL_TOML.replace("a.txt", "a.docx"), docx)
}

/// [`word_article`] with an issue file of its own (its article's file `a.docx`).
fn word_article_as(
    toml: &str,
    docx: Vec<u8>,
) -> (tempfile::TempDir, std::path::PathBuf, Vec<String>) {
    let (dir, issue) = write_issue(toml, &[]);
    std::fs::write(dir.path().join("a.docx"), docx).unwrap();
    let (_t, _pdf, warnings) = build(&issue);
    (dir, issue, warnings)
}

/// lists.docx (python-docx's) with the given paragraphs before its own.
fn docx_opening_with(first: &str) -> Vec<u8> {
    docx_edited("lists.docx", |xml| {
        let at = xml.find("<w:body>").unwrap() + "<w:body>".len();
        format!("{}{first}{}", &xml[..at], &xml[at..])
    })
}

/// The text of an issue's first article, as the model has it.
fn first_article_text(issue: &std::path::Path) -> String {
    let (model, _) = jianbao::model::load(issue).unwrap();
    model.articles[0]
        .blocks
        .iter()
        .flat_map(|b| b.inlines().iter().map(|i| i.text.clone()))
        .collect()
}

/// A Word file whose text ends with its byline typed again: lists.docx (python-docx's)
/// with a last paragraph `（测试处供稿）`, the byline of [`MINIMAL_TOML`].
#[test]
fn a_byline_typed_again_at_the_end_of_a_word_file_prints_once() {
    let docx = docx_edited("lists.docx", |xml| {
        let at = xml.rfind("<w:sectPr").unwrap();
        let last = "<w:p><w:r><w:t>（测试处供稿）</w:t></w:r></w:p>";
        format!("{}{last}{}", &xml[..at], &xml[at..])
    });
    let (_d, issue, warnings) = word_article(docx);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("a.docx: paragraph 8:")
                && w.contains("repeats the article's byline")),
        "{warnings:?}"
    );
    let text = first_article_text(&issue);
    assert!(!text.contains("供稿"), "{text}");
}

#[test]
fn a_hard_break_is_a_new_line_and_the_paragraph_keeps_its_indent() {
    if !tool("pdftotext") {
        return;
    }
    // The trial's (md2): a code block, then a paragraph with a hard break, then a
    // 落款; the paragraph ran on as the code's last line, flush left.
    let md = "正文一段。\n\n```\n代码块第一行\n```\n\n段落末尾有两个空格换行  \n第二行。\n\n反斜杠换行\\\n又一行。\n\n2026年10月10日\n";
    let (_d, issue) = issue_of("a.md", md, &[]);
    let (_t, pdf, warnings) = build(&issue);
    let lines = lines(&pdf);
    let indent = MARGIN + 2.0 * CHAR;
    for (first, next) in [
        ("段落末尾有两个空格换行", "第二行。"),
        ("反斜杠换行", "又一行。"),
    ] {
        assert!((x_of(&lines, first) - indent).abs() < 0.5, "{lines:?}");
        assert!((x_of(&lines, next) - MARGIN).abs() < 0.5, "{lines:?}");
        assert!(lines.iter().any(|(t, _)| t == first), "{lines:?}");
    }
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("a.md:3:1: a code block")),
        "{warnings:?}"
    );
}

#[test]
fn lists_print_their_bullets_numbers_boxes_and_levels() {
    if !tool("pdftotext") {
        return;
    }
    // The trials' (szzf, b2p, md2): nested items printed flush at their parent's
    // level, bullets dropped, task boxes as `[ ]`.
    let md = "会议部署了以下工作：\n\n- 省级部门数据共享：\n  - 2025年全年：12.6亿次\n  - 2026年1—8月：10.3亿次\n- 市县数据回流：\n  1. 户籍类数据\n  2. 社保类数据\n\n- [ ] 待办事项\n- [x] 已办事项\n\n1. 第一项工作\n2. 第二项工作\n";
    let (_d, issue) = issue_of("a.md", md, &[]);
    let (_t, pdf, _) = build(&issue);
    let text = pdftotext(&pdf);
    for line in [
        "● 省级部门数据共享：",
        "○ 2025年全年：12.6亿次",
        "● 市县数据回流：",
        "□待办事项",
        "■已办事项",
        "1.第一项工作",
    ] {
        assert!(text.contains(line), "«{line}» not in {text}");
    }
    assert!(!text.contains("[ ]") && !text.contains("[x]"), "{text}");
    // The bullet in the paragraph's indent, a nested item two characters further in,
    // the numbers of the list inside too.
    let lines = lines(&pdf);
    let at = |text: &str| (x_of(&lines, text) - MARGIN) / CHAR;
    assert!((at("省级部门") - 3.0).abs() < 0.05, "{lines:?}");
    assert!((at("2025年") - 5.0).abs() < 0.05, "{lines:?}");
    assert!((at("1.户籍类数据") - 4.0).abs() < 0.05, "{lines:?}");
    assert!((at("1.第一项工作") - 2.0).abs() < 0.05, "{lines:?}");
}

/// A Word file whose first paragraph is the title typed again in bold, as most are:
/// not printed twice (it was; a title in Word's Title style or plain was dropped).
#[test]
fn a_bold_title_typed_again_at_the_top_of_a_word_file_prints_once() {
    let docx = docx_edited("lists.docx", |xml| {
        let at = xml.find("<w:body>").unwrap() + "<w:body>".len();
        let first = "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>测试标题</w:t></w:r></w:p>";
        format!("{}{first}{}", &xml[..at], &xml[at..])
    });
    let (_d, issue, warnings) = word_article(docx);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("repeats the article's title")),
        "{warnings:?}"
    );
    let text = first_article_text(&issue);
    assert!(!text.contains("测试标题"), "{text}");
}

/// A Word file that opens with its Title and its Subtitle, both given in the issue file:
/// neither is printed twice (the subtitle printed again as the first paragraph, and a
/// speech's 同志们： after it was no longer its first line, so not its addressee).
#[test]
fn a_title_and_subtitle_typed_again_at_the_top_of_a_word_file_print_once() {
    let p = |t: &str| {
        format!("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
    };
    let docx = docx_opening_with(
        &(p("测试标题")
            + &p("——在全县工作会议上的讲话")
            + "<w:p><w:r><w:t>同志们：</w:t></w:r></w:p>"),
    );
    let toml = MINIMAL_TOML.replace("a.txt", "a.docx").replace(
        "title = \"测试标题\"\n",
        "title = \"测试标题\"\nsubtitle = \"——在全县工作会议上的讲话\"\n",
    );
    assert!(toml.contains("subtitle"), "{toml}");
    let (_dir, issue, warnings) = word_article_as(&toml, docx);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("repeat the article's title and subtitle")),
        "{warnings:?}"
    );
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let blocks = &model.articles[0].blocks;
    let text: String = blocks
        .iter()
        .flat_map(|b| b.inlines().iter().map(|i| i.text.clone()))
        .collect();
    assert!(
        !text.contains("讲话") && !text.contains("测试标题"),
        "{text}"
    );
    assert!(
        matches!(
            blocks.first(),
            Some(jianbao::input::Block::Addressee { .. })
        ),
        "{blocks:?}"
    );
}

/// A title of two lines typed again at the top of a Word file, as two bold paragraphs
/// or as one with a line break (Shift+Enter), prints once (it printed again as text).
#[test]
fn a_two_line_title_typed_again_at_the_top_of_a_word_file_prints_once() {
    let bold = |t: &str| format!("<w:r><w:rPr><w:b/></w:rPr><w:t>{t}</w:t></w:r>");
    for first in [
        format!(
            "<w:p>{}</w:p><w:p>{}</w:p>",
            bold("凝心聚力 担当作为"),
            bold("奋力开创新局面")
        ),
        format!(
            "<w:p>{}<w:r><w:br/></w:r>{}</w:p>",
            bold("凝心聚力 担当作为"),
            bold("奋力开创新局面")
        ),
    ] {
        let toml = MINIMAL_TOML.replace("a.txt", "a.docx").replace(
            "title = \"测试标题\"",
            "title = \"凝心聚力 担当作为\\n奋力开创新局面\"",
        );
        assert!(toml.contains("奋力"), "{toml}");
        let (_dir, issue, warnings) = word_article_as(&toml, docx_opening_with(&first));
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("repeats the article's title")),
            "{first}: {warnings:?}"
        );
        let text = first_article_text(&issue);
        assert!(
            !text.contains("凝心聚力") && !text.contains("奋力"),
            "{first}: {text}"
        );
    }
}

/// A speech's centred lines under its title (speaker, date) stay centred lines, and the
/// 同志们： after them is its addressee (they printed as indented body paragraphs).
#[test]
fn centred_lines_of_a_word_file_stay_centred() {
    let docx = docx_edited("lists.docx", |xml| {
        let at = xml.find("<w:body>").unwrap() + "<w:body>".len();
        let centred = |t: &str| {
            format!("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
        };
        let lines = centred("县委常委、副县长　张明华")
            + &centred("（2026年3月2日）")
            + "<w:p><w:r><w:t>同志们：</w:t></w:r></w:p>";
        format!("{}{lines}{}", &xml[..at], &xml[at..])
    });
    let (_d, issue, warnings) = word_article(docx);
    assert!(!warnings.iter().any(|w| w.contains("HTML")), "{warnings:?}");
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let kinds: Vec<String> = model.articles[0]
        .blocks
        .iter()
        .take(3)
        .map(|b| match b {
            jianbao::input::Block::Centered { inlines } => format!("centred {}", inlines[0].text),
            jianbao::input::Block::Addressee { .. } => "addressee".into(),
            _ => "other".into(),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "centred 县委常委、副县长　张明华",
            "centred （2026年3月2日）",
            "addressee"
        ]
    );
}

/// The PDF's subject lists the titles; an untitled report after them adds nothing (it
/// left a stray ；).
#[test]
fn an_untitled_report_adds_nothing_to_the_pdf_subject() {
    let toml = MINIMAL_TOML.to_owned() + "\n[[article]]\nfile = \"b.txt\"\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n"), ("b.txt", "短讯。\n")]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(model.articles.len(), 2);
    assert_eq!(model.meta.subject, "测试标题");
}

/// A note's mark is joined to the character before it: never at a line's start, where
/// it took the 、 after it along (…违规比对 / [1]、明察暗访…, which cjkcheck fails).
#[test]
fn a_notes_mark_never_starts_a_line() {
    let md = "元旦春节期间各级纪检监察机关要紧盯违规吃喝违规比对[^1]、明察暗访等方式，精准发现问题。\n\n[^1]: 注释。\n";
    let (_d, issue) = issue_of("a.md", md, &[]);
    let (_t, pdf, _) = build(&issue);
    let text = pdftotext(&pdf).replace('\u{2060}', "");
    let body: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.contains("明察暗访"))
        .collect();
    assert_eq!(body.len(), 1, "{text}");
    assert!(body[0].starts_with("对[1]、明察暗访"), "{text}");
    assert!(
        !text.lines().any(|l| l.trim().starts_with("[1]、")),
        "{text}"
    );
}

/// A photo written in a .txt (`![…](…)`) is said once, as the photo it cannot be
/// there: not again as half-width brackets among the punctuation.
#[test]
fn a_photo_line_in_a_txt_is_said_once() {
    let (_d, issue) = write_issue(
        MINIMAL_TOML,
        &[(
            "a.txt",
            "演练现场见下图。\n![演练](rot.jpg)\n活动取得良好效果。\n",
        )],
    );
    let (_t, _pdf, report) = build_reported(&issue);
    let said: Vec<&String> = report
        .warnings
        .iter()
        .filter(|w| w.contains("a.txt:2:"))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", report.warnings);
    assert!(
        said[0].contains("placed only from a .md article"),
        "{}",
        said[0]
    );
}

/// A character set in a fallback font in a Word article is placed by its paragraph, as
/// `check` places things in a Word file (it gave a line:col of jianbao's own Markdown).
#[test]
fn a_fallback_character_in_a_word_article_is_placed_by_its_paragraph() {
    let docx = docx_edited("lists.docx", |xml| {
        let at = xml.find("<w:body>").unwrap() + "<w:body>".len();
        let first = "<w:p><w:r><w:t>李喆代表说，报告实事求是。</w:t></w:r></w:p>";
        format!("{}{first}{}", &xml[..at], &xml[at..])
    });
    let (_d, _issue, warnings) = word_article(docx);
    let w = warnings
        .iter()
        .find(|w| w.contains("喆"))
        .unwrap_or_else(|| panic!("{warnings:?}"));
    assert!(w.contains("a.docx: paragraph 1"), "{w}");
}

/// A WeChat post pasted as a .txt opens with its own title (月满中秋　情暖邻里), which the
/// editor headed with the community's name in the issue file (幸福里社区：月满中秋 情暖邻里):
/// it printed under the title as a heading, the title in effect twice.
#[test]
fn a_title_headed_with_its_place_is_not_printed_again() {
    let toml = MINIMAL_TOML.replace(
        "title = \"测试标题\"",
        "title = \"幸福里社区：月满中秋 情暖邻里\"",
    );
    let text = "　　月满中秋　情暖邻里\n　　9月15日，幸福里社区开展“我们的节日·中秋”主题活动，邀请辖区居民共度佳节，现场气氛热烈。\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", text)]);
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("repeats the article's title")),
        "{:?}",
        report.warnings
    );
    let body = first_article_text(&issue);
    assert!(!body.contains("情暖邻里"), "{body}");
    // A first line that is only the place is text, as it was.
    let text = "　　幸福里社区\n　　9月15日，幸福里社区开展“我们的节日·中秋”主题活动，邀请辖区居民共度佳节，现场气氛热烈。\n";
    let (_d, issue) = write_issue(&toml, &[("a.txt", text)]);
    assert!(first_article_text(&issue).contains("幸福里社区9月15日"));
}

/// A WeChat post's photo place-holders (▲活动现场), their photos lost in the paste, were
/// set as 黑体 headings with the subheads; a 图为 line under a photo that has its own
/// description printed as text with nothing said. Neither is a heading, each is said.
#[test]
fn a_caption_without_its_photo_is_text_and_said() {
    let para =
        "社区志愿者和居民一起动手，现场气氛热烈，大家纷纷表示这样的活动很有意义，希望多多举办。";
    let text =
        format!("精彩活动\n{para}\n▲活动现场\n{para}\n邻里互助\n{para}\n▲居民们制作月饼\n{para}\n");
    let (d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let headings: Vec<String> = model.articles[0]
        .blocks
        .iter()
        .filter(|b| matches!(b, jianbao::input::Block::Heading { .. }))
        .map(|b| b.inlines().iter().map(|i| i.text.clone()).collect())
        .collect();
    assert_eq!(headings, ["精彩活动", "邻里互助"]);
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        report.warnings.iter().any(|w| w.contains(
            "a.txt:3: 2 line(s) read as a photo's caption with no photo beside them (the first: «▲活动现场»)"
        )),
        "{:?}",
        report.warnings
    );
    // A 简讯's items, ▲ lines in a run, led by their dates: items, not captions
    // (QA14 E 04).
    let items = "▲11月3日，市气象台发布今冬首个寒潮蓝色预警，全市气温下降8～10℃。\n▲11月21日，江岭市首支社会应急救援志愿服务队正式成立。\n▲11月23日，市应急局组织专家对尾矿库开展汛后安全检查。\n";
    std::fs::write(d.path().join("a.txt"), format!("{para}\n{items}")).unwrap();
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        !report.warnings.iter().any(|w| w.contains("caption")),
        "{:?}",
        report.warnings
    );
    // Items led by bold headlines, dividers between them, in a .md: items too; a lone
    // caption marked up is said at its own line (QA15 G 02: line 1 was said).
    let md = format!(
        "▲**青山区开展夏季高温中暑防治培训**　7月10日，青山区组织辖区12家社区卫生服务中心开展中暑防治培训。\n\n***\n\n▲**江岭县人民医院通过国家胸痛中心认证**　该院D-to-B时间缩短至58分钟。\n\n***\n\n{para}\n\n▲**居民们制作月饼**\n\n{para}\n"
    );
    std::fs::write(d.path().join("b.md"), md).unwrap();
    std::fs::write(&issue, MINIMAL_TOML.replace("a.txt", "b.md")).unwrap();
    let (_t, _pdf, report) = build_reported(&issue);
    let captions: Vec<&String> = report
        .warnings
        .iter()
        .filter(|w| w.contains("caption"))
        .collect();
    assert!(
        captions.len() == 1
            && captions[0].contains("b.md:11: 1 line(s) read as a photo's caption")
            && captions[0].contains("«▲居民们制作月饼»"),
        "{:?}",
        report.warnings
    );
    // A photo with its own description and a 图为 line after it: a second caption.
    std::fs::write(d.path().join("q.jpg"), jpeg(900, 600)).unwrap();
    let md = format!(
        "{para}\n\n![青石街道全景](q.jpg)\n\n图为青石街道辖区全景（无人机航拍）\n\n{para}\n"
    );
    let toml = MINIMAL_TOML.replace("a.txt", "b.md");
    std::fs::write(d.path().join("b.md"), md).unwrap();
    std::fs::write(&issue, toml).unwrap();
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        report.warnings.iter().any(|w| w
            .contains("b.md:5: «图为青石街道辖区全景（无人机航拍）» is a second caption")
            && w.contains("«青石街道全景»")),
        "{:?}",
        report.warnings
    );
    // 下图为… beside it, with figures marked up: the text's own sentence, not a caption.
    let md = format!(
        "{para}\n\n![青石街道全景](q.jpg)\n\n下图为评教系统界面，共收集数据**128,456**条。\n\n{para}\n"
    );
    std::fs::write(d.path().join("b.md"), md).unwrap();
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        !report.warnings.iter().any(|w| w.contains("caption")),
        "{:?}",
        report.warnings
    );
}

/// A WeChat post's credits pasted with its text (来源：…公众号, 编辑：…　审核：…) printed
/// as body text with nothing said, where a contributor's red head and 报尾 are named.
#[test]
fn a_posts_credits_pasted_with_its_text_are_said() {
    let para = "社区志愿者和居民一起动手，现场气氛热烈，大家纷纷表示这样的活动很有意义。";
    let text = format!("{para}\n{para}\n来源：幸福里社区公众号\n编辑：陈静　审核：王晓梅\n");
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        report.warnings.iter().any(|w| w.contains(
            "a.txt:3: 2 line(s) read as a WeChat post's or a web page's furniture (its credits, source, date, counts or 分享到; the first: «来源：幸福里社区公众号»)"
        )),
        "{:?}",
        report.warnings
    );
    // A web page's: its source with the time it went up, its counts, its 分享到; a
    // post's own title with its account after a bar.
    let toml = MINIMAL_TOML.replace("title = \"测试标题\"", "title = \"代表发言摘登\"");
    let text = format!(
        "代表发言摘登|县十八届人大五次会议\n原创 江岭人大 2026-01-12 18:30 发表于江岭\n{para}\n来源：江岭市人民医院    发布时间：2026-11-18 09:32:15    浏览次数：1,286\n（责任编辑：张晓 ）\n阅读 1286\n分享到：\n"
    );
    let (_d, issue) = write_issue(&toml, &[("a.txt", &text)]);
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w
                .contains("a.txt:2: 5 line(s) read as a WeChat post's or a web page's furniture")),
        "{:?}",
        report.warnings
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("repeats the article's title")),
        "{:?}",
        report.warnings
    );
    // A government site's: its breadcrumb over the page's title (then not printed
    // twice), 【字体：大 中 小】, 【打印本页】【关闭窗口】 (QA14 E 08).
    let text = format!(
        "首页 > 党建工作 > 基层动态\n测试标题\n【字体：大 中 小】\n{para}\n【打印本页】【关闭窗口】\n"
    );
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, _pdf, report) = build_reported(&issue);
    let w = report.warnings.join("\n");
    assert!(
        w.contains("a.txt:1: 3 line(s) read as a WeChat post's or a web page's furniture")
            && w.contains("repeats the article's title"),
        "{w}"
    );
    // A source that is a newspaper, and a sentence with a colon, are not credits.
    let text = format!(
        "{para}\n（来源：人民日报）\n编辑部主任说：要把活动办好。\n赞助商2家，收藏品3件。\n"
    );
    let (_d, issue) = write_issue(MINIMAL_TOML, &[("a.txt", &text)]);
    let (_t, _pdf, report) = build_reported(&issue);
    assert!(
        !report.warnings.iter().any(|w| w.contains("furniture")),
        "{:?}",
        report.warnings
    );
    // A post's counts on one line, in a .md's HTML paragraph too (r23 F24: only the
    // HTML was said).
    let toml = MINIMAL_TOML.replace("file = \"a.txt\"", "file = \"a.md\"");
    for md in [
        format!("{para}\n\n阅读 2031　　在看 56\n"),
        format!("{para}\n\n<p>阅读 2031　　在看 56</p>\n"),
    ] {
        let (_d, issue) = write_issue(&toml, &[("a.md", &md)]);
        let (_t, _pdf, report) = build_reported(&issue);
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.contains("furniture") && w.contains("«阅读 2031")),
            "{md}: {:?}",
            report.warnings
        );
    }
}

/// Two articles of one text from two files (a draft and its final copy both named)
/// printed it twice, unsaid (QA14 F 10). Said now, naming both.
#[test]
fn the_same_text_in_two_articles_is_said() {
    let text = "县水利局组织开展冬季水利工程安全大检查，共排查水库12座、堤防45公里，发现隐患7处，已全部整改到位。\n";
    let toml = format!("{MINIMAL_TOML}\n[[article]]\ntitle = \"测试标题\"\nfile = \"b.txt\"\n");
    let (_d, issue) = write_issue(&toml, &[("a.txt", text), ("b.txt", text)]);
    let (model, _) = jianbao::model::load(&issue).unwrap();
    let w = model.warnings.join("\n");
    assert!(
        w.contains("the text of b.txt is the text of") && w.contains("word for word"),
        "{w}"
    );
    // Different texts: nothing said.
    let (_d, issue) = write_issue(
        &toml,
        &[
            ("a.txt", text),
            (
                "b.txt",
                "另一篇文章的正文，与前一篇不同，内容完全不一样的一段话。\n",
            ),
        ],
    );
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert!(!model.warnings.join("\n").contains("word for word"));
}
