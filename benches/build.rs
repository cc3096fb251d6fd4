//! In-process timings: a cold build of the sample (fonts indexed, world made, laid out,
//! exported), a rebuild after a one-paragraph edit with the world kept warm (what
//! `jianbao watch` does), and a 100-page synthetic issue.
//!
//!     cargo bench --bench build
//!
//! Whole-process runs against the Typst CLI: `bash benches/compare-typst.sh`.

use std::path::{Path, PathBuf};
use std::process::Command;

use jianbao::pipeline::{self, BuildOptions};
use jianbao::session::Session;

fn main() {
    divan::main();
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_sample(dir: &Path) -> PathBuf {
    let src = repo().join("issues/lianluo-dongtai-2018-19");
    for e in std::fs::read_dir(src).unwrap().flatten() {
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    dir.join("issue.toml")
}

fn opts(issue: PathBuf, dir: &Path) -> BuildOptions {
    BuildOptions {
        issue,
        output: Some(dir.join("out.pdf")),
        ..Default::default()
    }
}

#[divan::bench(sample_count = 10)]
fn cold_build_sample(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let o = opts(copy_sample(dir.path()), dir.path());
    bencher.bench(|| pipeline::build(&o).unwrap());
}

#[divan::bench(sample_count = 20)]
fn rebuild_after_one_paragraph_edit(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let issue = copy_sample(dir.path());
    let article = dir.path().join("02-jianyi-banli.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    let (mut session, _) = Session::start(opts(issue, dir.path())).unwrap();
    let mut n = 0u32;
    bencher.bench_local(|| {
        n += 1;
        // A different edit every time, so nothing is served from a cache of the same input.
        std::fs::write(
            &article,
            text.replacen("今年1月初", &format!("今年1月初（第{n}稿）"), 1),
        )
        .unwrap();
        session.rebuild().unwrap()
    });
}

#[divan::bench(sample_count = 3)]
fn cold_build_100_pages(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("python3")
        .arg(repo().join("benches/synth_issue.py"))
        .arg("100")
        .arg(dir.path())
        .output()
        .expect("python3 benches/synth_issue.py");
    let issue = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    let o = opts(issue, dir.path());
    bencher.bench(|| pipeline::build(&o).unwrap());
}
