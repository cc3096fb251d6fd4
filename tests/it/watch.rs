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

/// `jianbao watch` running on an issue, its output read line by line.
struct Watch {
    _child: Killed,
    lines: mpsc::Receiver<String>,
}

impl Watch {
    fn start(issue: &std::path::Path, debounce_ms: u32) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(["watch", "--debounce", &debounce_ms.to_string()])
            .arg(issue)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watch {
            _child: Killed(child),
            lines,
        }
    }

    /// The next line starting with `prefix`, waiting at most `within`.
    fn line_within(&self, prefix: &str, within: Duration) -> String {
        let end = std::time::Instant::now() + within;
        loop {
            let left = end.saturating_duration_since(std::time::Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no line starting {prefix:?} within {within:?}"));
            if line.starts_with(prefix) {
                return line;
            }
        }
    }

    fn line(&self, prefix: &str) -> String {
        self.line_within(prefix, Duration::from_secs(60))
    }
}

#[test]
fn watch_rebuilds_on_change_and_keeps_last_good_pdf() {
    let dir = tempfile::tempdir().unwrap();
    copy_sample(dir.path());
    let issue = dir.path().join("issue.toml");
    let pdf = dir.path().join("issue.pdf");
    let watch = Watch::start(&issue, 50);
    let wait_for = |prefix: &str| watch.line(prefix);
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

/// The series file and the 编者按's file are watched as the articles are: a save of
/// either left the PDF as it was, looking current (QA12 C 10, 11).
#[test]
fn watch_rebuilds_when_the_series_file_or_the_notes_file_is_saved() {
    if !tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let issues = dir.path().join("issues");
    std::fs::create_dir(&issues).unwrap();
    std::fs::write(
        dir.path().join("series.toml"),
        "[bulletin]\ntitle = \"政协工作简报\"\n[footer]\nprint_count = 120\n",
    )
    .unwrap();
    std::fs::write(issues.join("note.md"), "现将有关情况刊发，供参阅。\n").unwrap();
    std::fs::write(issues.join("a.txt"), "正文。\n").unwrap();
    let issue = issues.join("issue.toml");
    std::fs::write(
        &issue,
        "series = \"../series.toml\"\n[issue]\nnumber = 1\nnote_file = \"note.md\"\n[[article]]\ntitle = \"甲\"\nfile = \"a.txt\"\n",
    )
    .unwrap();
    let pdf = issues.join("issue.pdf");
    let watch = Watch::start(&issue, 50);
    watch.line("build 1:");
    watch.line("watching");
    let text = || squash(&pdftotext(&pdf));
    assert!(text().contains("共印120份"), "{}", text());
    std::fs::write(
        dir.path().join("series.toml"),
        "[bulletin]\ntitle = \"政协工作简报\"\n[footer]\nprint_count = 180\n",
    )
    .unwrap();
    assert!(watch.line("build 2:").contains("page"));
    assert!(text().contains("共印180份"), "{}", text());
    std::fs::write(
        issues.join("note.md"),
        "现将有关情况刊发，供各位委员参阅。\n",
    )
    .unwrap();
    assert!(watch.line("build 3:").contains("page"));
    assert!(text().contains("供各位委员参阅"), "{}", text());
}

/// A save that is known to be complete rebuilds at once, without waiting out the
/// window for saves in progress (here 10 minutes, so waiting would fail the test):
/// a file written in place and closed, and Word's way (the old file removed, a
/// temporary file renamed over it), which must not build the gap between the two.
/// (Close events are inotify's: Linux only.)
#[cfg(target_os = "linux")]
#[test]
fn watch_rebuilds_when_a_save_completes_in_place_or_by_rename() {
    let dir = tempfile::tempdir().unwrap();
    copy_sample(dir.path());
    let issue = dir.path().join("issue.toml");
    let pdf = dir.path().join("issue.pdf");
    let watch = Watch::start(&issue, 600_000);
    watch.line("build 1:");
    watch.line("watching");
    let article = dir.path().join("02-jianyi-banli.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    let soon = Duration::from_secs(120);

    // In place: open, truncate, write, close.
    let before = std::fs::read(&pdf).unwrap();
    std::fs::write(&article, text.replacen("今年1月初", "今年1月上旬", 1)).unwrap();
    assert!(watch.line_within("build 2:", soon).contains("pages in"));
    let second = std::fs::read(&pdf).unwrap();
    assert_ne!(before, second, "the PDF did not change");

    // Word's way: remove, a moment with no article, then a temporary file renamed in.
    std::fs::remove_file(&article).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let tmp = dir.path().join("~WRL0001.tmp");
    std::fs::write(&tmp, text.replacen("今年1月初", "今年1月中旬", 1)).unwrap();
    std::fs::rename(&tmp, &article).unwrap();
    let line = watch.line_within("build 3:", soon);
    assert!(line.contains("pages in"), "the gap was built: {line}");
    assert_ne!(
        std::fs::read(&pdf).unwrap(),
        second,
        "the PDF did not change"
    );
}

/// An event that changes nothing a build reads (a file's attributes set after its save)
/// rebuilds nothing: `watch` ran a second build for nothing after some saves. A save
/// after it still rebuilds.
#[test]
fn watch_does_not_rebuild_when_nothing_it_reads_changed() {
    let dir = tempfile::tempdir().unwrap();
    copy_sample(dir.path());
    let issue = dir.path().join("issue.toml");
    let watch = Watch::start(&issue, 50);
    watch.line("build 1:");
    watch.line("watching");
    let article = dir.path().join("02-jianyi-banli.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen("今年1月初", "今年1月上旬", 1)).unwrap();
    assert!(watch.line("build 2:").contains("pages in"));

    // Its attributes changed, its text not: no build within two seconds.
    let mut perms = std::fs::metadata(&article).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&article, perms.clone()).unwrap();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&article, perms).unwrap();
    let end = std::time::Instant::now() + Duration::from_secs(2);
    while let Some(left) = end.checked_duration_since(std::time::Instant::now()) {
        if let Ok(line) = watch.lines.recv_timeout(left) {
            assert!(!line.starts_with("build"), "rebuilt for nothing: {line}");
        }
    }

    // A save after it is built, and numbered next.
    std::fs::write(&article, text.replacen("今年1月初", "今年1月中旬", 1)).unwrap();
    assert!(watch.line("build 3:").contains("pages in"));
}

/// A first build that fails on what a save mends (a mistake in the issue file) is said,
/// and `watch` goes on watching: it stopped there, unsaid, and the editor waited for a
/// PDF (QA14 F 03). An article named before it is saved builds when it is saved: its
/// file was not watched, and the PDF stayed stale (QA14 F 02).
#[test]
fn watch_goes_on_after_a_failed_first_build_and_watches_articles_not_saved_yet() {
    let dir = tempfile::tempdir().unwrap();
    copy_sample(dir.path());
    let issue = dir.path().join("issue.toml");
    let pdf = dir.path().join("issue.pdf");
    let toml = std::fs::read_to_string(&issue).unwrap();
    std::fs::write(&issue, toml.replace("number = 19", "number = \"十九\"")).unwrap();
    let watch = Watch::start(&issue, 50);
    let wait_for = |prefix: &str| watch.line(prefix);
    let line = wait_for("build 1:");
    assert!(line.contains("failed; still watching"), "{line}");
    assert!(!pdf.exists());

    // Mended: built.
    std::fs::write(&issue, &toml).unwrap();
    assert!(wait_for("build 2:").contains("5 pages"));
    wait_for("watching");

    // An article added to the issue file before its file is saved: that build fails;
    // saving the file builds it.
    let added = format!("{toml}\n[[article]]\ntitle = \"新增一篇\"\nfile = \"added.txt\"\n");
    std::fs::write(&issue, added).unwrap();
    assert!(wait_for("build 3:").contains("failed"));
    std::fs::write(dir.path().join("added.txt"), "新增文章的正文，刚刚保存。\n").unwrap();
    let line = wait_for("build 4:");
    assert!(line.contains("pages in"), "{line}");

    // And one in a folder not made yet: making the folder and saving the file in it
    // builds it (QA16 J 06: no save in it started a build).
    let toml = std::fs::read_to_string(&issue).unwrap();
    let added = format!("{toml}\n[[article]]\ntitle = \"再增一篇\"\nfile = \"sub/b.txt\"\n");
    std::fs::write(&issue, added).unwrap();
    assert!(wait_for("build 5:").contains("failed"));
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(
        dir.path().join("sub/b.txt"),
        "子文件夹中文章的正文，刚刚保存。\n",
    )
    .unwrap();
    // (The folder's making may start a build before the file is written: that one
    // fails, and the file's save builds.)
    let mut line = wait_for("build 6:");
    if line.contains("failed") {
        line = wait_for("build 7:");
    }
    assert!(line.contains("pages in"), "{line}");
}
