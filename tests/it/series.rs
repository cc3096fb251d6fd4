//! The editor's week: a series file shared by every issue, `jianbao next`, `jianbao
//! new`, and the continuity check of a folder of issues.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::*;

fn jianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// `jianbao next ISSUE --date DATE -o OUT`.
fn run_next(issue: &Path, date: &str, out: &Path) -> Output {
    jianbao(&["next", s(issue), "--date", date, "-o", s(out)])
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const SERIES: &str = r#"
[bulletin]
title = "测试简报"
unit = "测试单位编"

[footer]
editors = ["某某"]
[[footer.distribution]]
label = "送"
recipients = ["各有关单位"]
"#;

/// A series folder: series.toml and one issue folder per (name, number, total, date).
fn series_folder(issues: &[(&str, u32, u32, &str)], series_extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("series.toml"),
        format!("{series_extra}{SERIES}"),
    )
    .unwrap();
    for (name, number, total, date) in issues {
        let d = dir.path().join(name);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("a.txt"), "正文。\n").unwrap();
        std::fs::write(
            d.join("issue.toml"),
            format!(
                "series = \"../series.toml\"\n\n[issue]\nnumber = {number}\ntotal = {total}\ndate = {date}\n\n[[article]]\ntitle = \"标题\"\nfile = \"a.txt\"\n"
            ),
        )
        .unwrap();
    }
    dir
}

/// The series file is an input of its issues' builds: `-o series.toml` wrote the PDF
/// over it (QA10).
#[test]
fn the_output_is_never_the_series_file() {
    let dir = series_folder(&[("2026-01", 1, 1, "2026-01-05")], "");
    let series = dir.path().join("series.toml");
    let before = std::fs::read(&series).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("build")
        .arg(dir.path().join("2026-01/issue.toml"))
        .arg("-o")
        .arg(&series)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is an input of this build"), "{stderr}");
    assert_eq!(std::fs::read(&series).unwrap(), before);
}

#[test]
fn an_issue_takes_the_series_and_overrides_any_key() {
    let dir = series_folder(&[("01", 1, 1, "2026-01-05")], "");
    let issue = dir.path().join("01/issue.toml");
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(model.bulletin.title, "测试简报");
    assert_eq!(model.footer.as_ref().unwrap().editors, vec!["某某"]);
    // One key of a table overridden, the others kept.
    let text = std::fs::read_to_string(&issue).unwrap() + "\n[bulletin]\nunit = \"另一单位编\"\n";
    std::fs::write(&issue, text).unwrap();
    let (model, _) = jianbao::model::load(&issue).unwrap();
    assert_eq!(model.bulletin.unit.as_deref(), Some("另一单位编"));
    assert_eq!(model.bulletin.title, "测试简报");
    // A bad key in the series file is reported in the series file, at its line.
    let series = dir.path().join("series.toml");
    let text = std::fs::read_to_string(&series).unwrap().replace(
        "title = \"测试简报\"",
        "title = \"测试简报\"\ntitel = \"x\"",
    );
    std::fs::write(&series, text).unwrap();
    let o = jianbao(&["build", s(&issue)]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("series.toml:4:1") && err.contains("titel"),
        "{err}"
    );
}

#[test]
fn next_writes_the_next_issue_of_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("issues/lianluo-dongtai-2018-19");
    let copy = dir.path().join("lianluo-dongtai-2018-19");
    std::fs::create_dir_all(&copy).unwrap();
    for e in std::fs::read_dir(&src).unwrap().flatten() {
        std::fs::copy(e.path(), copy.join(e.file_name())).unwrap();
    }
    let out = dir.path().join("20");
    let o = run_next(&copy.join("issue.toml"), "2018-08-01", &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Said as the masthead prints it.
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("第20期（总第五百六十四期）"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let text = std::fs::read_to_string(out.join("issue.toml")).unwrap();
    assert!(
        text.contains("number = 20") && text.contains("total = 564"),
        "{text}"
    );
    assert!(text.contains("date = 2018-08-01") && !text.contains("[[article]]\ntitle"));
    // The comment that opens the file says the new number (it said 第19期 still).
    assert!(
        text.starts_with("# 联络动态 2018年第20期"),
        "{}",
        text.lines().next().unwrap_or("")
    );
    // With one article added it builds as 第20期（总第五百六十四期）.
    std::fs::copy(copy.join("01-fawu-yidengjiang.txt"), out.join("a.txt")).unwrap();
    std::fs::write(
        out.join("issue.toml"),
        text + "\n[[article]]\ntitle = \"一篇文章\"\nfile = \"a.txt\"\n",
    )
    .unwrap();
    let pdf = out.join("issue.pdf");
    let o = jianbao(&["build", s(&out.join("issue.toml")), "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    if tool("pdftotext") {
        assert!(squash(&pdftotext(&pdf)).contains("第20期（总第五百六十四期）"));
    }
    // Never over an existing issue.
    let o = run_next(&copy.join("issue.toml"), "2018-08-01", &out);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn next_in_a_series_restarts_the_number_in_a_new_year() {
    let dir = series_folder(
        &[("2025-52", 52, 300, "2025-12-29")],
        "number_resets = \"yearly\"\n",
    );
    let out = dir.path().join("2026-01");
    let o = run_next(&dir.path().join("2025-52/issue.toml"), "2026-01-05", &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(out.join("issue.toml")).unwrap();
    assert!(text.contains("series = \"../series.toml\""), "{text}");
    assert!(
        text.contains("number = 1\n") && text.contains("total = 301"),
        "{text}"
    );
}

/// Under a series, the next issue keeps what the editor set in this issue's file (its
/// date's style and words, its 本期要目, its note's label): the new file held only the
/// number and the date, and issue 4 printed 2026年4月5日 with no 本期要目, unsaid
/// (QA12 C 01). Its articles and its 编者按 go, as without a series.
#[test]
fn next_in_a_series_keeps_what_this_issue_set() {
    let dir = series_folder(&[("2026-03", 3, 58, "2026-03-05")], "");
    let issue = dir.path().join("2026-03/issue.toml");
    let text = std::fs::read_to_string(&issue).unwrap().replace(
        "date = 2026-03-05\n",
        "date = 2026-03-05\ndate_style = \"chinese\"\ndate_suffix = \"印发\"\ncontents = true\nnote_label = \"编者的话\"\nnote = \"本期编者按。\"\n",
    );
    std::fs::write(&issue, text).unwrap();
    let out = dir.path().join("2026-04");
    let o = run_next(&issue, "2026-04-05", &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let next = std::fs::read_to_string(out.join("issue.toml")).unwrap();
    for kept in [
        "series = \"../series.toml\"",
        "number = 4\n",
        "total = 59\n",
        "date = 2026-04-05\n",
        "date_style = \"chinese\"",
        "date_suffix = \"印发\"",
        "contents = true",
        "note_label = \"编者的话\"",
    ] {
        assert!(next.contains(kept), "{kept} in\n{next}");
    }
    assert!(
        !next.contains("本期编者按") && !next.contains("a.txt"),
        "{next}"
    );
    // And it builds, once it has an article.
    std::fs::write(out.join("a.txt"), "正文。\n").unwrap();
    std::fs::write(
        out.join("issue.toml"),
        format!("{next}\n[[article]]\ntitle = \"标题\"\nfile = \"a.txt\"\n"),
    )
    .unwrap();
    let o = jianbao(&["build", s(&out.join("issue.toml"))]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A series without cumulative numbers is taken by its numbers: a misdated issue is a
/// date out of order, and the missing number the one skipped.
#[test]
fn continuity_without_totals_goes_by_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    for (name, number, date) in [
        ("01", 1, "2026-01-12"),
        ("02", 2, "2026-01-12"),
        ("04", 4, "2026-01-13"),
        ("05", 5, "2026-01-12"),
    ] {
        let sub = dir.path().join(name);
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join("issue.toml"),
            format!("[bulletin]\ntitle = \"大会简报\"\n[issue]\nnumber = {number}\ndate = {date}\n[[article]]\nfile = \"a.txt\"\n"),
        )
        .unwrap();
        std::fs::write(sub.join("a.txt"), "正文。\n").unwrap();
    }
    let o = jianbao(&["check", s(dir.path())]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("04/issue.toml: number 4 follows 2: 3 skipped"),
        "{out}"
    );
    assert!(
        out.contains("05/issue.toml: dated 2026-01-12, before"),
        "{out}"
    );
    assert!(!out.contains("goes back"), "{out}");
}

/// Without number_resets, a new year's number goes on, and next says so.
#[test]
fn next_into_a_new_year_says_the_number_goes_on() {
    let dir = series_folder(&[("2025-52", 52, 300, "2025-12-29")], "");
    let out = dir.path().join("2026-01");
    let o = run_next(&dir.path().join("2025-52/issue.toml"), "2026-01-05", &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        said.contains("the year changes (2025 → 2026)") && said.contains("number_resets"),
        "{said}"
    );
}

#[test]
fn new_scaffolds_a_bulletin_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("测试简报");
    let o = jianbao(&["new", "测试简报", "-o", s(&root), "--date", "2026-12-01"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let issue = root.join("2026-01/issue.toml");
    let pdf = dir.path().join("first.pdf");
    let o = jianbao(&["build", s(&issue), "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Its placeholders, left in, are said (they printed with nothing said: a page
    // ending «（某某供稿）», a 报尾 of «送：……»).
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.contains("the issue still holds what `jianbao new` wrote for you to replace: «示例文章», «某某供稿», «……», the sample text of"),
        "{said}"
    );
    if let Some(script) = cjkcheck_script() {
        let o = Command::new("python3")
            .arg(script)
            .arg(&pdf)
            .args(["--print", "--a4", "--max-runts", "0"])
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&o.stdout);
        assert!(report.contains("all checks passed"), "{report}");
    }
    // The series file built as an issue: named as what it is, with the issue to build
    // (it said «add [[article]]», which every later issue then took up, QA14 F 07).
    let o = jianbao(&["build", s(&root.join("series.toml")), "-o", s(&pdf)]);
    let said = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("this is the series file of a bulletin")
            && said.contains("2026-01/issue.toml"),
        "{said}"
    );
    // Never over what is there.
    let o = jianbao(&["new", "测试简报", "-o", s(&root)]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn continuity_finds_a_doubled_and_a_skipped_number() {
    let dir = series_folder(
        &[
            ("01", 1, 1, "2026-01-05"),
            ("02", 2, 2, "2026-01-12"),
            ("02b", 2, 3, "2026-01-19"),
            ("05", 5, 4, "2026-01-26"),
            ("06", 6, 5, "2026-01-20"),
        ],
        "",
    );
    let o = jianbao(&["check", s(dir.path())]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("02b/issue.toml: number 2 again"), "{out}");
    assert!(
        out.contains("05/issue.toml: number 5 follows 2: 3, 4 skipped"),
        "{out}"
    );
    assert!(
        out.contains("06/issue.toml: dated 2026-01-20, before"),
        "{out}"
    );
    assert!(out.contains("5 issue(s), 3 break(s)"), "{out}");
    let clean = series_folder(
        &[("01", 1, 1, "2026-01-05"), ("02", 2, 2, "2026-01-12")],
        "",
    );
    let o = jianbao(&["check", s(clean.path())]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // Issues numbered by a label only (〔第三期〕): the label's number is checked.
    let labelled = tempfile::tempdir().unwrap();
    for (name, date) in [("03", "2026-04-28"), ("04", "2026-05-28")] {
        let d = labelled.path().join(name);
        std::fs::create_dir(&d).unwrap();
        let toml = MINIMAL_TOML
            .replace("number = 1\ntotal = 10\n", "label = \"〔第三期〕\"\n")
            .replace("2026-01-05", date);
        std::fs::write(d.join("issue.toml"), toml).unwrap();
        std::fs::write(d.join("a.txt"), "正文。\n").unwrap();
    }
    let o = jianbao(&["check", s(labelled.path())]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("04/issue.toml: number 3 again"), "{out}");
    // Another bulletin's issues in the folder are a series of their own: its 第1期 is
    // not number 1 again, nor its date one that goes back.
    let d = labelled.path().join("other");
    std::fs::create_dir(&d).unwrap();
    let toml = MINIMAL_TOML
        .replace("title = \"测试简报\"", "title = \"信息专报\"")
        .replace("label = \"〔第三期〕\"\n", "")
        .replace("number = 1\ntotal = 10\n", "number = 4\n")
        .replace("2026-01-05", "2026-01-01");
    std::fs::write(d.join("issue.toml"), toml).unwrap();
    std::fs::write(d.join("a.txt"), "正文。\n").unwrap();
    let o = jianbao(&["check", s(labelled.path())]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("3 issue(s), 1 break(s)"), "{out}");
}

/// An issue file with a TOML error in the folder is said at its line, and the series
/// checked without it (`check DIR` stopped at the first, with nothing of the rest).
#[test]
fn continuity_goes_on_past_an_issue_file_that_cannot_be_read() {
    let dir = series_folder(
        &[
            ("01", 1, 1, "2026-01-05"),
            ("02", 2, 2, "2026-01-12"),
            ("04", 4, 4, "2026-01-26"),
        ],
        "",
    );
    let bad = dir.path().join("02/issue.toml");
    let text = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(&bad, text.replace("title = ", "title ＝ ")).unwrap();
    let o = jianbao(&["check", s(dir.path())]);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(
        err.contains("02/issue.toml:") && err.contains("«＝»"),
        "{err}"
    );
    assert!(
        out.contains("04/issue.toml: number 4 follows 1: 2, 3 skipped"),
        "{out}"
    );
    assert!(
        out.contains("2 issue(s), 2 break(s)") && out.contains("1 issue file(s) could not be read"),
        "{out}"
    );
}

/// Supplements (增刊第N期) are a series of their own: `check DIR` does not take 增刊第1期
/// for a doubled 第1期, and `next` on a supplement writes the next supplement.
#[test]
fn supplements_are_numbered_in_a_series_of_their_own() {
    let dir = series_folder(
        &[("01", 1, 1, "2026-01-05"), ("02", 2, 2, "2026-01-12")],
        "",
    );
    for (name, number, date) in [("zk1", 1, "2026-01-06"), ("zk2", 2, "2026-01-13")] {
        let d = dir.path().join(name);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("a.txt"), "正文。\n").unwrap();
        std::fs::write(
            d.join("issue.toml"),
            format!(
                "series = \"../series.toml\"\n\n[issue]\nsupplement = true\nnumber = {number}\ndate = {date}\n\n[[article]]\ntitle = \"标题\"\nfile = \"a.txt\"\n"
            ),
        )
        .unwrap();
    }
    let o = jianbao(&["check", s(dir.path())]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("4 issue(s), 0 break(s)"), "{out}");

    let out_dir = dir.path().join("zk3");
    let o = run_next(&dir.path().join("zk2/issue.toml"), "2026-01-20", &out_dir);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("增刊第3期"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let text = std::fs::read_to_string(out_dir.join("issue.toml")).unwrap();
    assert!(
        text.contains("supplement = true") && text.contains("number = 3"),
        "{text}"
    );
}

#[test]
fn next_moves_a_label_on_and_leaves_this_issues_one_off_parts_out() {
    // 〔第三期〕 was copied as it was, and with it this issue's 编者按 and 本期增发.
    let dir = tempfile::tempdir().unwrap();
    let issue = dir.path().join("issue.toml");
    let text = MINIMAL_TOML.replace(
        "number = 1\ntotal = 10\n",
        "label = \"〔第三期〕\"\nnote = \"本期编者按。\"\n",
    ) + "\n[footer]\nextra = \"本期增发：某单位\"\n";
    std::fs::write(&issue, text).unwrap();
    let out = dir.path().join("next");
    let o = run_next(&issue, "2026-02-05", &out);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(said.contains("〔第四期〕"), "{said}");
    assert!(
        said.contains("编者按") && said.contains("本期增发"),
        "{said}"
    );
    let next = std::fs::read_to_string(out.join("issue.toml")).unwrap();
    assert!(next.contains("label = \"〔第四期〕\""), "{next}");
    assert!(
        !next.contains("note =") && !next.contains("extra ="),
        "{next}"
    );
    // In a new year a yearly series starts again; digits keep their zeros.
    let text = "number_resets = \"yearly\"\n".to_owned()
        + &MINIMAL_TOML.replace("number = 1\ntotal = 10\n", "label = \"第09期\"\n");
    std::fs::write(&issue, text).unwrap();
    let out = dir.path().join("next2");
    let o = run_next(&issue, "2026-02-05", &out);
    assert!(String::from_utf8_lossy(&o.stdout).contains("第10期"));
    let out = dir.path().join("next3");
    let o = run_next(&issue, "2027-01-05", &out);
    assert!(String::from_utf8_lossy(&o.stdout).contains("第01期"));
    // A label without a number is kept, and said so.
    let text = MINIMAL_TOML.replace("number = 1\ntotal = 10\n", "label = \"特刊\"\n");
    std::fs::write(&issue, text).unwrap();
    let out = dir.path().join("next4");
    let o = run_next(&issue, "2026-02-05", &out);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("«特刊» holds no number"), "{said}");
}

/// A bulletin dated by its month is dated a month on when no date is given (the
/// trial's 第6期, 2026年6月, became 第7期 dated the day `next` ran: 2026年12月).
#[test]
fn next_dates_a_monthly_bulletin_a_month_on() {
    let dir = tempfile::tempdir().unwrap();
    let issue = dir.path().join("issue.toml");
    for (date, want) in [
        ("2026-06-30", "2026-07-30"),
        ("2026-01-31", "2026-02-28"),
        ("2026-12-15", "2027-01-15"),
    ] {
        let text = MINIMAL_TOML.replace(
            "date = 2026-01-05\n",
            &format!("date = {date}\ndate_style = \"month\"\n"),
        );
        std::fs::write(&issue, text).unwrap();
        let out = dir.path().join(format!("next-{date}"));
        let o = jianbao(&["next", s(&issue), "-o", s(&out)]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let next = std::fs::read_to_string(out.join("issue.toml")).unwrap();
        assert!(next.contains(&format!("date = {want}")), "{date}: {next}");
    }
}

/// An undated bulletin's next issue is undated too (the trial's 院务简报 〔第三期〕, with no
/// date, gave 〔第四期〕 the day `next` ran); a date given with --date is written.
#[test]
fn next_leaves_an_undated_bulletin_undated() {
    let dir = tempfile::tempdir().unwrap();
    let issue = dir.path().join("issue.toml");
    std::fs::write(&issue, MINIMAL_TOML.replace("date = 2026-01-05\n", "")).unwrap();
    let out = dir.path().join("next");
    let o = jianbao(&["next", s(&issue), "-o", s(&out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let next = std::fs::read_to_string(out.join("issue.toml")).unwrap();
    assert!(!next.contains("date ="), "{next}");
    assert!(next.contains("number = 2"), "{next}");
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("no date"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let out = dir.path().join("next-dated");
    let o = run_next(&issue, "2026-02-05", &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let next = std::fs::read_to_string(out.join("issue.toml")).unwrap();
    assert!(next.contains("date = 2026-02-05"), "{next}");
}

/// What may change from issue to issue, the 份号, 特急 and the hour after the date, is
/// kept and said (it was copied without a word).
#[test]
fn next_says_it_kept_the_copy_number_and_an_urgent_mark() {
    let dir = tempfile::tempdir().unwrap();
    let issue = dir.path().join("issue.toml");
    let text = MINIMAL_TOML
        .replace(
            "unit = \"测试单位编\"\n",
            "unit = \"测试单位编\"\ncopy_number = 37\nmarks = [\"特急\", \"内部资料\"]\n",
        )
        .replace(
            "date = 2026-01-05",
            "date = 2026-01-05\ndate_suffix = \"（上午11时）\"",
        );
    assert!(text.contains("copy_number"), "{text}");
    std::fs::write(&issue, text).unwrap();
    let out = dir.path().join("next");
    let o = run_next(&issue, "2026-02-05", &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("份号") && said.contains("特急"), "{said}");
    assert!(!said.contains("内部资料"), "{said}");
    // And a 大会简报's hour after the date (QA9: the next issue of the day printed the
    // last one's).
    assert!(said.contains("date_suffix = \"（上午11时）\""), "{said}");
}

/// A label whose number is not the issue file's (number = 13, label = "第12期", the
/// number moved on by hand, the label not): it printed the label with nothing said,
/// while `next` and `check` count `number`.
#[test]
fn a_label_that_disagrees_with_number_or_total_is_said() {
    for (label, said) in [
        ("第2期（总第10期）", Some("its number is 2, `number` is 1")),
        (
            "第1期（总第11期）",
            Some("its cumulative number is 11, `total` is 10"),
        ),
        ("2026年第1期（总第10期）", None),
    ] {
        let toml = MINIMAL_TOML.replace(
            "total = 10\n",
            &format!("total = 10\nlabel = \"{label}\"\n"),
        );
        let (_d, issue) = write_issue(&toml, &[("a.txt", "正文。\n")]);
        let (_t, _pdf, report) = build_reported(&issue);
        let w = report
            .warnings
            .iter()
            .find(|w| w.contains("disagrees with the issue file"));
        match said {
            Some(s) => assert!(
                w.is_some_and(|w| w.contains(s) && w.contains("issue.toml:10:9")),
                "{label}: {:?}",
                report.warnings
            ),
            None => assert!(w.is_none(), "{label}: {w:?}"),
        }
    }
}

/// A combined issue (合刊, its label naming two numbers) is followed by the issue after
/// its last: `next` wrote 第6-6期合刊（总第42-42期）, which printed with exit 0, and
/// `check DIR` counted the 合刊 as one number (QA17 L 02).
#[test]
fn a_combined_issue_is_followed_by_the_issue_after_its_last() {
    for (number, total, label) in [
        (5, 41, "第5-6期合刊（总第41-42期）"),
        (6, 42, "第5、6期合刊"),
        (5, 41, "第五—六期"),
    ] {
        let dir = series_folder(&[("2026-05", number, total, "2026-06-15")], "");
        let issue = dir.path().join("2026-05/issue.toml");
        let text = std::fs::read_to_string(&issue).unwrap();
        std::fs::write(
            &issue,
            text.replace("[issue]\n", &format!("[issue]\nlabel = \"{label}\"\n")),
        )
        .unwrap();
        let o = jianbao(&["next", s(&issue), "--date", "2026-07-15"]);
        let said =
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{label}: {said}");
        assert!(said.contains("combined issue"), "{label}: {said}");
        let next = std::fs::read_to_string(dir.path().join("2026-07/issue.toml")).unwrap();
        assert!(next.contains("number = 7\n"), "{label}:\n{next}");
        assert!(next.contains("total = 43\n"), "{label}:\n{next}");
        assert!(!next.contains("label"), "{label}:\n{next}");
        // The two follow each other; the 合刊's own `number` is either of its numbers.
        let o = jianbao(&["check", s(dir.path())]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("2 issue(s), 0 break(s)"), "{label}: {out}");
        let o = jianbao(&["build", s(&issue), "-o", s(&dir.path().join("a.pdf"))]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            o.status.success() && !err.contains("disagrees"),
            "{label}: {err}"
        );
    }
}

/// `check DIR` holds a new year's first number to the series' rule: 1 again where it
/// says `number_resets = "yearly"`, the next number where it does not (both passed,
/// QA17 L 04).
#[test]
fn continuity_holds_a_new_year_to_the_series_rule() {
    // (resets, January's number, what check says: none where it keeps the rule)
    for (resets, january, want) in [
        (
            "number_resets = \"yearly\"\n",
            13,
            Some("number 13 opens a new year"),
        ),
        ("", 1, Some("number 1 follows 12 in a new year")),
        ("number_resets = \"yearly\"\n", 1, None),
        ("", 13, None),
    ] {
        let dir = series_folder(
            &[
                ("2026-12", 12, 48, "2026-12-15"),
                ("2027-01", january, 49, "2027-01-15"),
            ],
            resets,
        );
        let o = jianbao(&["check", s(dir.path())]);
        let out = String::from_utf8_lossy(&o.stdout);
        match want {
            Some(want) => {
                assert_eq!(o.status.code(), Some(1), "{out}");
                assert!(out.contains(want) && out.contains("1 break(s)"), "{out}");
            }
            None => assert_eq!(o.status.code(), Some(0), "{out}"),
        }
    }
}
