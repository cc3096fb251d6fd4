//! The independent checker of GUIDE.md's rules (`../shared/cjkcheck/cjkcheck.py`) on
//! every issue under `issues/`, with `--strict-punct` (paragraph-opening marks at one
//! place, adjacent marks compressed): it must end with "all checks passed".

use std::path::Path;
use std::process::Command;

use crate::common::*;

fn check(issue_dir: &str, extra: &[&str]) {
    let Some(cjkcheck) = cjkcheck_script() else {
        return;
    };
    let dir = repo().join("issues").join(issue_dir);
    let (_tmp, pdf) = build_to_temp(&dir.join("issue.toml"));
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
