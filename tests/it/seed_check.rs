//! `jianbao check` on the raw seed text as pasted (tests/fixtures/seed/): it lists the
//! half-width punctuation and the joined-line spaces with their lines; `--fix` gives a
//! text that `check` passes, with every other character unchanged.

use std::path::Path;
use std::process::Command;

use jianbao::proofread::punctuation::normalize_for_comparison;

const ARTICLE: &str = "lianluo-dongtai-2018-19.txt";

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = crate::common::repo().join("tests/fixtures/seed");
    for f in ["issue.toml", ARTICLE] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(args)
        .arg(dir.join("issue.toml"))
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// The rows of the table for one line of the article: (col, problem).
fn rows_at(report: &str, line: usize) -> Vec<String> {
    let prefix = format!("{ARTICLE}:{line}:");
    report
        .lines()
        .filter(|l| l.contains(&prefix))
        .map(str::to_owned)
        .collect()
}

#[test]
fn check_lists_half_width_marks_and_joined_line_spaces() {
    let dir = fixture();
    let (code, report) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{report}");
    // Line 5: 第19期(总第五百六十三期)
    let l5 = rows_at(&report, 5);
    assert!(
        l5.iter().any(|r| r.contains(":5:5 ") && r.contains("«(»")),
        "{l5:?}"
    );
    assert!(
        l5.iter().any(|r| r.contains(":5:14 ") && r.contains("«)»")),
        "{l5:?}"
    );
    // Line 13: 6月21日,全国… 座谈会在 浙江省… 《中国 人大》… 安排第 一个
    let l13 = rows_at(&report, 13);
    assert!(
        l13.iter()
            .any(|r| r.contains(":13:6 ") && r.contains("«,»")),
        "{l13:?}"
    );
    for col in [29, 60, 90] {
        assert!(
            l13.iter()
                .any(|r| r.contains(&format!(":13:{col} ")) && r.contains("汉字间多余空格")),
            "no joined-line space at 13:{col}: {l13:?}"
        );
    }
    // Line 19: "三个及时""三个明确" — straight quotes.
    assert!(
        rows_at(&report, 19)
            .iter()
            .filter(|r| r.contains("直引号"))
            .count()
            >= 8
    );
    // Line 53: 责任编辑:石 韧 … 第 28 号 — colons and spaces, but the phone number and the
    // e-mail address are not touched.
    let l53 = rows_at(&report, 53);
    assert!(
        l53.iter().filter(|r| r.contains("«:»")).count() == 3,
        "{l53:?}"
    );
    assert!(
        l53.iter().any(|r| r.contains("汉字与数字间空格")),
        "{l53:?}"
    );
    assert!(
        !l53.iter()
            .any(|r| r.contains("⟨-⟩") || r.contains("⟨@⟩") || r.contains("⟨.⟩")),
        "{l53:?}"
    );
    // 130 for --fix, and the half-width [2000] of the approval number for the editor.
    assert!(report.contains("共 131 处问题"), "{report}");
    assert!(
        report.contains("⟨[2000]⟩") && report.contains("〔2000〕"),
        "{report}"
    );
}

#[test]
fn fix_gives_text_check_passes_with_the_content_unchanged() {
    let dir = fixture();
    let path = dir.path().join(ARTICLE);
    let original = std::fs::read_to_string(&path).unwrap();

    let (code, out) = run(dir.path(), &["check", "--fix", "--diff"]);
    // Left for the editor: the half-width brackets of 湘党简准字[2000] (a year goes in
    // 〔 〕, but --fix does not guess brackets).
    assert_eq!(code, 1, "after --fix only the brackets are left:\n{out}");
    assert!(
        out.contains("共 1 处问题") && out.contains("⟨[2000]⟩"),
        "after --fix only the brackets are left:\n{out}"
    );
    assert!(out.contains("-第19期(总第五百六十三期)"), "{out}");
    assert!(out.contains("+第19期（总第五百六十三期）"), "{out}");
    assert!(out.contains("fixed 130 problem(s)"), "{out}");

    // The original is kept, byte for byte.
    let backup = dir.path().join(format!("{ARTICLE}.bak"));
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), original);

    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_ne!(fixed, original);
    // Same characters once the punctuation mapping is normalised and spaces dropped.
    assert_eq!(
        normalize_for_comparison(&fixed),
        normalize_for_comparison(&original)
    );
    // Line for line: no line added, removed or merged.
    assert_eq!(fixed.lines().count(), original.lines().count());
    // Digits, Latin text and the e-mail address are all still there, in order.
    let keep = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '-' | '.'))
            .collect()
    };
    assert_eq!(keep(&fixed), keep(&original));
    for s in [
        "0731-85309270",
        "hnrdlldt@163.com",
        "6月21日，全国人大",
        "“三个及时”“三个明确”",
    ] {
        assert!(fixed.contains(s), "«{s}» not in the fixed text");
    }
    for s in [",", ";", ":", "(", ")", "\"", "在 浙江"] {
        assert!(!fixed.contains(s), "«{s}» still in the fixed text");
    }

    // Only the brackets are left now, and a second --fix changes nothing.
    let (code, out) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("共 1 处问题") && out.contains("⟨[2000]⟩"),
        "{out}"
    );
    // With them set right by hand, check passes.
    let fixed = fixed.replace("[2000]", "〔2000〕");
    std::fs::write(&path, &fixed).unwrap();
    let (code, out) = run(dir.path(), &["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("no punctuation or spacing problems found"),
        "{out}"
    );
    let (code, out) = run(dir.path(), &["check", "--fix"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("fixed"), "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
    assert!(!dir.path().join(format!("{ARTICLE}.bak.1")).exists());
}

#[test]
fn diff_alone_writes_nothing() {
    let dir = fixture();
    let path = dir.path().join(ARTICLE);
    let before = std::fs::read(&path).unwrap();
    let (code, out) = run(dir.path(), &["check", "--diff"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("@@ ") && out.contains("+6月21日，全国"),
        "{out}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join(format!("{ARTICLE}.bak")).exists());
}

#[test]
fn fix_keeps_encoding_and_line_ends() {
    let dir = fixture();
    let path = dir.path().join(ARTICLE);
    let text = "第一段,有逗号。\r\n第二段 有空格。\r\n";
    let gb = encoding_rs::GB18030.encode(text).0.into_owned();
    std::fs::write(&path, &gb).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, out) = run(dir.path(), &["check", "--fix", "--no-backup"]);
    assert_eq!(code, 0, "{out}");
    let bytes = std::fs::read(&path).unwrap();
    let (back, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(
        !bad && std::str::from_utf8(&bytes).is_err(),
        "not GB18030 any more"
    );
    assert_eq!(back, "第一段，有逗号。\r\n第二段有空格。\r\n");
    assert!(!dir.path().join(format!("{ARTICLE}.bak")).exists());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o644, "permissions changed");
}

#[test]
fn sample_issue_is_clean() {
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("check")
        .arg(crate::common::sample_issue())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
}

/// A 连接号 that is right as typed is accepted once in `[check] accept`: `check` stops
/// listing it (and exits 0 when nothing else is left) and the build stops warning.
#[test]
fn phrases_accepted_in_the_issue_file_are_not_listed_again() {
    let txt = "工作组往返北京—上海两地，调研沿江—沿海通道建设情况。\n";
    for (accept, listed, code) in [
        ("", 2, 1),
        ("\n[check]\naccept = [\"沿江—沿海\"]\n", 1, 1),
        ("\n[check]\naccept = [\"沿江—沿海\", \"北京—上海\"]\n", 0, 0),
    ] {
        let toml = crate::common::MINIMAL_TOML.to_owned() + accept;
        let (dir, _issue) = crate::common::write_issue(&toml, &[("a.txt", txt)]);
        let (got, report) = run(dir.path(), &["check"]);
        assert_eq!(got, code, "{report}");
        // Each single dash is listed, one in each phrase.
        let rows = report.lines().filter(|l| l.contains("a.txt:1:")).count();
        assert_eq!(rows, listed, "{accept}\n{report}");
        let (built, out) = run(dir.path(), &["build"]);
        assert_eq!(built, 0, "{out}");
        assert_eq!(out.contains("punctuation problem"), listed > 0, "{out}");
    }
}

/// An article just received is checked alone, before an issue names it: the same
/// findings at the same places, and `--fix` rewrites it. (Before, `check a.txt` said
/// "TOML syntax error" at the article's third line.)
#[test]
fn an_article_file_is_checked_alone() {
    let dir = fixture();
    let article = dir.path().join(ARTICLE);
    let alone = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(args)
            .arg(&article)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.code().unwrap_or(-1), text)
    };
    let (code, report) = alone(&["check"]);
    assert_eq!(code, 1, "{report}");
    assert!(!report.contains("TOML"), "{report}");
    let (_, through_issue) = run(dir.path(), &["check"]);
    for line in [5, 13] {
        assert!(!rows_at(&report, line).is_empty(), "{report}");
        assert_eq!(rows_at(&report, line), rows_at(&through_issue, line));
    }
    // What is left is the one the issue file accepts ([2000]), which alone has none.
    let (code, out) = alone(&["check", "--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("0 fixable with --fix, 1 to fix by hand"),
        "{out}"
    );
    assert!(dir.path().join(format!("{ARTICLE}.bak")).exists());
    // A Word file is sent to the issue or to `import`, with exit 2.
    let word = dir.path().join("稿件.docx");
    std::fs::write(&word, b"PK").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("check")
        .arg(&word)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("jianbao import"));
}
