//! The independent checker of GUIDE.md's rules (`../shared/cjkcheck/cjkcheck.py`) on
//! every issue under `issues/`, with `--strict-punct` (paragraph-opening marks at one
//! place, adjacent marks compressed): it must end with "all checks passed".

use std::path::Path;
use std::process::Command;

use crate::common::*;

fn check(issue_dir: &str, extra: &[&str]) {
    check_in_style(issue_dir, None, extra);
}

/// The check on the issue set in a punctuation style of `[style] punctuation` (a copy of
/// its folder with the key added).
fn check_in_style(issue_dir: &str, style: Option<&str>, extra: &[&str]) {
    let Some(cjkcheck) = cjkcheck_script() else {
        return;
    };
    let dir = repo().join("issues").join(issue_dir);
    let copy = tempfile::tempdir().unwrap();
    let issue = match style {
        None => dir.join("issue.toml"),
        Some(style) => {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                if entry.path().is_file() {
                    std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
                }
            }
            let toml = std::fs::read_to_string(dir.join("issue.toml")).unwrap();
            assert!(!toml.contains("[style]"), "{issue_dir} has a [style] table");
            let with_style = format!("{toml}\n[style]\npunctuation = \"{style}\"\n");
            std::fs::write(copy.path().join("issue.toml"), with_style).unwrap();
            copy.path().join("issue.toml")
        }
    };
    let (_tmp, pdf) = build_to_temp(&issue);
    let expect = dir.join("expected.txt");
    let mut cmd = Command::new("python3");
    cmd.arg(&cjkcheck)
        .arg(&pdf)
        .args(["--print", "--a4"])
        .args(extra);
    if Path::new(&expect).is_file() {
        cmd.arg("--expect").arg(&expect);
    }
    let out = cmd.output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    let last = report.lines().last().unwrap_or("");
    assert!(
        out.status.success() && last.contains("all checks passed"),
        "cjkcheck on {issue_dir}:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sample_issue_passes_cjkcheck() {
    check(
        "lianluo-dongtai-2018-19",
        &["--max-runts", "0", "--strict-punct"],
    );
}

#[test]
fn long_issue_passes_cjkcheck() {
    check(
        "renda-gongzuo-2025-12",
        &["--max-runts", "0", "--strict-punct"],
    );
}

#[test]
fn short_issue_passes_cjkcheck() {
    check(
        "jianbao-short-2026-03",
        &["--max-runts", "0", "--strict-punct"],
    );
}

#[test]
fn meeting_bulletin_passes_cjkcheck() {
    check(
        "huiyi-jianbao-1978-03",
        &["--max-runts", "0", "--strict-punct"],
    );
}

#[test]
fn work_bulletin_with_contents_and_notes_passes_cjkcheck() {
    check(
        "gongzuo-dongtai-2026-05",
        &["--max-runts", "0", "--strict-punct"],
    );
}

/// 开明式: Typst shrank a half-width mark by half once more to justify a tight line, so a
/// line-end ， stood past the margin (7 lines), and 报告指出，《 set the ， under the 《.
#[test]
fn long_issue_in_kaiming_passes_cjkcheck() {
    check_in_style(
        "renda-gongzuo-2025-12",
        Some("kaiming"),
        &["--max-runts", "0", "--strict-punct"],
    );
}
