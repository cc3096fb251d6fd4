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

#[test]
fn a_batch_says_each_issues_warnings_and_leaves_the_series_file_out() {
    // A batch printed its issues' summaries only: a Word edit accepted, an HTML tag
    // dropped, a blurred photo went unsaid (QA7). And `build DIR` on the folder `new`
    // makes took its series.toml for an issue («the issue has no articles»).
    let root = tempfile::tempdir().unwrap();
    std::fs::write(
        root.path().join("series.toml"),
        "[bulletin]\ntitle = \"工作简报\"\n",
    )
    .unwrap();
    for (name, article) in [("a", "a.md"), ("b", "a.txt")] {
        let dir = root.path().join(name);
        std::fs::create_dir(&dir).unwrap();
        let toml = MINIMAL_TOML.replace("a.txt", article);
        std::fs::write(dir.join("issue.toml"), toml).unwrap();
        std::fs::write(dir.join(article), "正文<b>加粗</b>。\n").unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", "-j", "2"])
        .arg(root.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("2 of 2 issues built"), "{stdout}");
    let alone = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("build")
        .arg(root.path().join("a/issue.toml"))
        .output()
        .unwrap();
    let alone = String::from_utf8_lossy(&alone.stderr);
    let warnings: Vec<&str> = alone
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert!(!warnings.is_empty(), "{alone}");
    for w in warnings {
        assert!(stderr.contains(w), "«{w}» not said in the batch:\n{stderr}");
    }
}

#[test]
fn building_an_article_instead_of_its_issue_file_says_so() {
    // Read as TOML, an article gave a syntax error whose help («write a half-width ,»)
    // would have spoilt it (QA7).
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("稿件.txt");
    std::fs::write(&article, "一、总体情况\n今年以来，全市上下……\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("build")
        .arg(&article)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("this is an article, not an issue file"),
        "{stderr}"
    );
    assert!(!stderr.contains("TOML"), "{stderr}");
    assert!(!dir.path().join("稿件.pdf").exists());
}

#[test]
fn one_mistyped_issue_file_is_said_as_not_found_with_or_without_output() {
    // It was taken for a batch: with -o, «--output goes with a single issue»; without,
    // «failed: … 0 of 1 issues built» (QA10).
    let dir = tempfile::tempdir().unwrap();
    for with_output in [true, false] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jianbao"));
        cmd.current_dir(dir.path()).args(["build", "isue.toml"]);
        if with_output {
            cmd.args(["-o", "x.pdf"]);
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("issue file not found"), "{stderr}");
        assert!(!stderr.contains("--output goes with"), "{stderr}");
    }
}
