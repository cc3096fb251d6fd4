//! `jianbao build` with several issues: parallel, one failure does not stop the others.

use std::path::Path;
use std::process::Command;

use crate::common::*;

#[test]
fn batch_builds_the_good_issues_and_reports_the_bad_one() {
    let root = tempfile::tempdir().unwrap();
    for (name, toml) in [
        ("a", MINIMAL_TOML.to_owned()),
        ("b", MINIMAL_TOML.replace("number = 1", "number = 2")),
        ("c", MINIMAL_TOML.replace("number = 1", "numbr = 3")),
    ] {
        let dir = root.path().join(name);
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("issue.toml"), toml).unwrap();
        std::fs::write(dir.join("a.txt"), "正文。\n").unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", "-j", "2"])
        .arg(root.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.contains("2 of 3 issues built"), "{stdout}");
    assert!(stderr.contains("numbr"), "{stderr}");
    assert!(root.path().join("a/issue.pdf").is_file());
    assert!(root.path().join("b/issue.pdf").is_file());
    assert!(!root.path().join("c/issue.pdf").exists());
}

#[test]
fn one_worker_builds_the_issues_one_after_another_in_order() {
    // A rayon worker waiting inside one build took up the next issue and ran it nested:
    // out of order, each build's time counting the ones after it.
    let root = tempfile::tempdir().unwrap();
    let names = ["a", "b", "c", "d", "e"];
    for (i, name) in names.iter().enumerate() {
        let dir = root.path().join(name);
        std::fs::create_dir(&dir).unwrap();
        let toml = MINIMAL_TOML.replace("number = 1", &format!("number = {}", i + 1));
        std::fs::write(dir.join("issue.toml"), toml).unwrap();
        std::fs::write(dir.join("a.txt"), "正文。\n".repeat(40)).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", "-j", "1"])
        .arg(root.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let order: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("wrote "))
        .map(|l| {
            let issue = Path::new(l.split(' ').next().unwrap());
            issue
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
        })
        .collect();
    assert_eq!(order, names, "{stdout}");
}

#[test]
fn output_flag_needs_a_single_issue() {
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", "-o", "x.pdf"])
        .arg(repo().join("issues"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("single issue"));
}
