//! The page grid of GB/T 9704, measured from the PDF's glyph positions
//! (`tests/measure_grid.py`, PyMuPDF): the text block is 156 × 225 mm at (28 mm, 37 mm),
//! full lines hold 28 characters, full pages 22 lines, and page numbers sit 7 mm under
//! the block, odd pages at the right and even at the left, one character in.

use std::process::Command;

use crate::common::*;
use serde_json::Value;

const TOL: f64 = 0.5; // mm
const PUNCT: &str = "，。、；：？！（）《》〈〉“”‘’【】—…";

fn has_pymupdf() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pymupdf"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(std::env::var("CI").is_err(), "PyMuPDF is required in CI");
        eprintln!("SKIPPED: PyMuPDF is not installed (pip install pymupdf)");
    }
    ok
}

fn measure(issue_dir: &str) -> Vec<Value> {
    let (_tmp, pdf) = build_to_temp(&repo().join("issues").join(issue_dir).join("issue.toml"));
    let script = repo().join("tests/measure_grid.py");
    let out = python_stdout(&[script.as_os_str(), pdf.as_os_str()]);
    let v: Value = serde_json::from_str(&out).unwrap();
    v["pages"].as_array().unwrap().clone()
}

fn f(v: &Value, k: &str) -> f64 {
    v[k].as_f64().unwrap()
}

fn near(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= TOL,
        "{what}: {got:.2} mm, want {want:.2} ± {TOL} mm"
    );
}

fn check_grid(issue_dir: &str, want_full_page: bool) {
    let pages = measure(issue_dir);
    let lines: Vec<(usize, &Value)> = pages
        .iter()
        .flat_map(|p| {
            let n = p["page"].as_u64().unwrap() as usize;
            p["lines"].as_array().unwrap().iter().map(move |l| (n, l))
        })
        .collect();
    assert!(lines.len() > 20, "{issue_dir}: too few body lines measured");

    // Edges of the text block.
    let top = lines
        .iter()
        .map(|(_, l)| f(l, "top_mm"))
        .fold(f64::MAX, f64::min);
    let bottom = lines
        .iter()
        .map(|(_, l)| f(l, "bottom_mm"))
        .fold(f64::MIN, f64::max);
    // Likewise line-start opening punctuation is trimmed on its left.
    let starts_in_char = |l: &&(usize, &Value)| {
        !l.1["text"]
            .as_str()
            .unwrap()
            .starts_with(|c| PUNCT.contains(c))
    };
    let left = lines
        .iter()
        .filter(starts_in_char)
        .map(|(_, l)| f(l, "left_mm"))
        .fold(f64::MAX, f64::min);
    // Line-end punctuation is trimmed to half width but its glyph box is a full em:
    // measure the right edge on lines that end in a character.
    let ends_in_char = |l: &&(usize, &Value)| {
        !l.1["text"]
            .as_str()
            .unwrap()
            .ends_with(|c| PUNCT.contains(c))
    };
    let right = lines
        .iter()
        .filter(ends_in_char)
        .map(|(_, l)| f(l, "right_mm"))
        .fold(f64::MIN, f64::max);
    near(top, 37.0, &format!("{issue_dir}: top of the text block"));
    near(
        bottom,
        37.0 + 225.0,
        &format!("{issue_dir}: bottom of the text block"),
    );
    near(
        left,
        28.0,
        &format!("{issue_dir}: left edge of the text block"),
    );
    near(
        right,
        28.0 + 156.0,
        &format!("{issue_dir}: right edge of the text block"),
    );
    for (page, l) in lines.iter().filter(ends_in_char) {
        assert!(
            f(l, "right_mm") <= 184.0 + TOL,
            "{issue_dir} p{page}: line past the right edge: {l}"
        );
    }

    // Full lines: 28 characters. A line without punctuation holds exactly 28, but for
    // the line before a paragraph's last line that a character was taken down to, so
    // that the last line holds two (no runt): then it holds 27, spread. With
    // punctuation, adjacent marks are compressed (GB/T 15834, clreq) and a line may hold
    // one more, so there the count most lines have must be 28.
    let full: Vec<_> = lines
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| {
            l["all_cjk"].as_bool().unwrap()
                && (f(l, "right_mm") - 184.0).abs() <= TOL + 2.9
                && (f(l, "left_mm") - 28.0).abs() <= TOL
        })
        .collect();
    assert!(full.len() >= 10, "{issue_dir}: too few full lines to count");
    let mut counts = std::collections::BTreeMap::new();
    for (i, (page, l)) in &full {
        let n = l["chars"].as_u64().unwrap();
        *counts.entry(n).or_insert(0) += 1;
        let before_a_short_last_line = n == 27
            && lines
                .get(i + 1)
                .is_some_and(|(p, next)| p == page && next["chars"].as_u64().unwrap() <= 4);
        if !l["text"].as_str().unwrap().contains(|c| PUNCT.contains(c)) && !before_a_short_last_line
        {
            assert_eq!(n, 28, "{issue_dir} p{page}: {l}");
        }
    }
    let mode = counts.iter().max_by_key(|(_, c)| **c).map(|(n, _)| *n);
    assert_eq!(
        mode,
        Some(28),
        "{issue_dir}: characters a full line: {counts:?}"
    );

    // Lines a page: never more than 22, each on the grid: its top a whole number of
    // pitches, (225 mm − 1 em) / 21, below the top of the block. On page 1 the masthead
    // (8 grid lines) is not body text.
    let pitch_mm = (225.0 - 16.0 * 25.4 / 72.0) / 21.0;
    let mut max_lines = 0;
    for p in &pages {
        let n = p["page"].as_u64().unwrap();
        let ls = p["lines"].as_array().unwrap();
        max_lines = max_lines.max(ls.len());
        assert!(ls.len() <= 22, "{issue_dir} p{n}: {} lines", ls.len());
        for l in ls {
            let k = (f(l, "top_mm") - 37.0) / pitch_mm;
            let centred = f(l, "left_mm") > 40.0 && f(l, "right_mm") < 183.0;
            if (n == 1 && k < 7.5) || centred {
                // The masthead, and centred display lines inside a title block (the
                // block as a whole is a whole number of grid lines high).
                continue;
            }
            assert!(
                (k - k.round()).abs() * pitch_mm < 0.2,
                "{issue_dir} p{n}: line off the grid: {l}"
            );
        }
    }
    if want_full_page {
        assert_eq!(max_lines, 22, "{issue_dir}: no full page of 22 lines");
    }

    // Page numbers.
    for p in &pages {
        let n = p["page"].as_u64().unwrap();
        let nums = p["numbers"].as_array().unwrap();
        assert_eq!(nums.len(), 1, "{issue_dir} p{n}: page number not found");
        let num = &nums[0];
        assert_eq!(num["text"].as_str().unwrap(), format!("— {n} —"));
        near(
            f(num, "dash_mm"),
            262.0 + 7.0,
            &format!("{issue_dir} p{n}: page number dashes"),
        );
        let one_char = 14.0 * 25.4 / 72.0;
        if n % 2 == 1 {
            near(
                f(num, "right_mm"),
                184.0 - one_char,
                &format!("{issue_dir} p{n}: odd page number right edge"),
            );
        } else {
            near(
                f(num, "left_mm"),
                28.0 + one_char,
                &format!("{issue_dir} p{n}: even page number left edge"),
            );
        }
    }
}

#[test]
fn sample_issue_is_on_the_grid() {
    if has_pymupdf() {
        check_grid("lianluo-dongtai-2018-19", false);
    }
}

#[test]
fn long_issue_is_on_the_grid() {
    if has_pymupdf() {
        check_grid("renda-gongzuo-2025-12", true);
    }
}

#[test]
fn short_issue_is_on_the_grid() {
    if has_pymupdf() {
        check_grid("jianbao-short-2026-03", false);
    }
}

/// The footer block sits at the foot of the last page between its rules (0.35 mm first
/// and last, 0.25 mm between), the last rule on the bottom edge of the text block; when
/// it does not fit under the last article it moves whole to a new page.
fn check_footer(issue_dir: &str, alone_on_last_page: bool) {
    let pages = measure(issue_dir);
    let last = pages.last().unwrap();
    let mut rules: Vec<&Value> = last["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["black"].as_bool().unwrap() && (f(r, "x1_mm") - f(r, "x0_mm") - 156.0).abs() <= TOL
        })
        .collect();
    rules.sort_by(|a, b| f(a, "y_mm").total_cmp(&f(b, "y_mm")));
    assert!(
        rules.len() >= 3,
        "{issue_dir}: footer rules not found: {rules:?}"
    );
    let (first, bottom) = (rules[0], rules[rules.len() - 1]);
    near(
        f(bottom, "y_mm"),
        262.0,
        &format!("{issue_dir}: last footer rule"),
    );
    near(f(first, "width_mm"), 0.35, "first rule width");
    near(f(bottom, "width_mm"), 0.35, "last rule width");
    for r in &rules[1..rules.len() - 1] {
        assert!(
            (f(r, "width_mm") - 0.25).abs() < 0.01,
            "{issue_dir}: inner rule {r}"
        );
    }
    for p in &pages[..pages.len() - 1] {
        let full_width = p["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["black"].as_bool().unwrap() && (f(r, "width_mm") - 0.25).abs() < 0.01)
            .count();
        assert_eq!(
            full_width, 0,
            "{issue_dir}: footer rules on page {} too: it split",
            p["page"]
        );
    }
    let body_on_last = last["lines"].as_array().unwrap().len();
    if alone_on_last_page {
        assert_eq!(
            body_on_last, 0,
            "{issue_dir}: the footer should have moved to a page of its own"
        );
        // Untightened, a row of one line is one body line tall between its rules, as
        // GB/T 9704's 版记 sets it (Typst's block spacing had made it 17.5 mm).
        let pitch_mm = (225.0 - 16.0 * 25.4 / 72.0) / 21.0;
        let shortest = rules
            .windows(2)
            .map(|w| f(w[1], "y_mm") - f(w[0], "y_mm"))
            .fold(f64::MAX, f64::min);
        assert!(
            (shortest - pitch_mm).abs() < 0.6,
            "{issue_dir}: a one-line row is {shortest:.2} mm, a body line {pitch_mm:.2} mm"
        );
    }
}

#[test]
fn footer_block_at_the_foot_of_the_last_page() {
    if has_pymupdf() {
        check_footer("lianluo-dongtai-2018-19", true);
        check_footer("renda-gongzuo-2025-12", false);
        check_footer("jianbao-short-2026-03", true);
    }
}

#[test]
fn text_after_photos_and_tables_is_back_on_the_grid() {
    if !has_pymupdf() {
        return;
    }
    // Photos float to the tops of pages, so no line need touch the block's top edge
    // here: every body line's top is a whole number of pitches below that edge.
    let issue_dir = "gongzuo-tongxun-2026-09";
    let pitch_mm = (225.0 - 16.0 * 25.4 / 72.0) / 21.0;
    let mut after_table = 0;
    for p in &measure(issue_dir) {
        let n = p["page"].as_u64().unwrap();
        for l in p["lines"].as_array().unwrap() {
            let k = (f(l, "top_mm") - 37.0) / pitch_mm;
            let centred = f(l, "left_mm") > 40.0 && f(l, "right_mm") < 183.0;
            if (n == 1 && k < 7.5) || centred {
                continue;
            }
            let text = l["text"].as_str().unwrap();
            if text.starts_with("各县（区）政府分管") || text.starts_with("社保、不动产登记")
            {
                after_table += 1;
            }
            assert!(
                (k - k.round()).abs() * pitch_mm < 0.2,
                "{issue_dir} p{n}: line off the grid: {l}"
            );
        }
    }
    assert_eq!(after_table, 2, "the lines after both tables were measured");
}

/// An article that opens a page starts at the text block's top (37 mm, 104.9 pt): the
/// blank line that sets it apart from the article before falls away there. It stood a
/// line lower, under a blank line at the page's top (a 值班快报 of short items lost a
/// line on every page).
#[test]
fn an_article_that_opens_a_page_starts_at_the_top_of_the_text_block() {
    if !has_pymupdf() {
        return;
    }
    let toml = "[bulletin]\ntitle = \"测试简报\"\n[issue]\nnumber = 1\ndate = 2026-04-28\n[[article]]\ntitle = \"第一篇\"\nfile = \"a.txt\"\n[[article]]\ntitle = \"第二篇文章\"\nfile = \"b.txt\"\n";
    // More paragraphs of a line each: the top of the second article's title on page 2,
    // when it is page 2's highest text (none when it is not there, or under text).
    let title_top = |n: usize| {
        let a = "一段一行的正文。\n".repeat(n);
        let (_dir, issue) = write_issue(toml, &[("a.txt", &a), ("b.txt", "第二篇正文。\n")]);
        let (_t, pdf) = build_to_temp(&issue);
        let v = pymupdf_numbers(
            &pdf,
            "d = pymupdf.open(sys.argv[1])\np = d[1] if len(d) > 1 else None\nif p is not None:\n    r = p.search_for('第二篇文章')\n    top = min(b[1] for b in p.get_text('blocks') if b[4].strip() and b[1] < 700)\n    print(r[0].y0 if r else -1, top)",
        );
        match v[..] {
            [title, top] if title >= 0.0 && (title - top).abs() < 1.0 => Some(title),
            _ => None,
        }
    };
    // From the first length that puts it there: the blank line under the first
    // article fits on page 1; then on to a page 1 full to its last line, where the
    // blank line went to page 2.
    let first = (8..30)
        .find(|&n| title_top(n).is_some())
        .expect("no length of the first article put the second at page 2's top");
    let tops: Vec<f64> = (first..first + 4).filter_map(title_top).collect();
    assert!(tops.len() >= 2, "{first}: {tops:?}");
    // Centred in its two body lines (57.8 pt), a 22 pt title's glyphs start some 15 pt
    // under the block's top; a line lower (28.9 pt) they started at 150 pt.
    for top in &tops {
        assert!(*top > 104.9 && *top < 104.9 + 24.0, "{first}: {tops:?}");
    }
}
