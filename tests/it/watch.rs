//! `jianbao watch`: one rebuild a change, errors keep the last good PDF.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::*;

struct Killed(std::process::Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn copy_sample(dir: &std::path::Path) {
    let src = repo().join("issues/lianluo-dongtai-2018-19");
    for e in std::fs::read_dir(src).unwrap().flatten() {
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
}

#[test]
fn watch_rebuilds_on_change_and_keeps_last_good_pdf() {
    let dir = tempfile::tempdir().unwrap();
    copy_sample(dir.path());
    let issue = dir.path().join("issue.toml");
    let pdf = dir.path().join("issue.pdf");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["watch", "--debounce", "50"])
        .arg(&issue)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _guard = Killed(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for = |prefix: &str| -> String {
        loop {
            let line = rx
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no line starting {prefix:?} within 60 s"));
            if line.starts_with(prefix) {
                return line;
            }
        }
    };
    assert!(wait_for("build 1:").contains("5 pages"));
    wait_for("watching");
    let first = std::fs::read(&pdf).unwrap();

    // An edit to an article: one rebuild, a new PDF.
    let article = dir.path().join("02-jianyi-banli.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen("今年1月初", "今年1月上旬", 1)).unwrap();
    let line = wait_for("build 2:");
    // (If the file system lost the event the test fails above after 60 s.)
    assert!(line.contains("pages in"), "{line}");
    let second = std::fs::read(&pdf).unwrap();
    assert_ne!(first, second, "the PDF did not change");

    // A broken issue file: the build fails and the PDF stays as it was.
    let toml = std::fs::read_to_string(&issue).unwrap();
    std::fs::write(&issue, toml.replace("number = 19", "number = \"十九\"")).unwrap();
    let line = wait_for("build 3:");
    assert!(line.contains("failed"), "{line}");
    assert_eq!(std::fs::read(&pdf).unwrap(), second);

    // Fixed again: builds again.
    std::fs::write(&issue, toml).unwrap();
    assert!(wait_for("build 4:").contains("pages in"));
}
