//! How much of the layouts a rebuild under `watch` evaluates again. A test binary of its
//! own: Typst's timing events, which count the evaluations, are process-wide, and the
//! tests of `tests/it` build in parallel.

use std::path::{Path, PathBuf};

fn copy_sample(to: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("issues/lianluo-dongtai-2018-19");
    for f in std::fs::read_dir(from).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
    }
    to.join("issue.toml")
}

/// The layout modules but main.typ read no file that an article's save changes (the
/// print settings come in `/print.json`, apart from the model), so Typst evaluates
/// them once a session, their patterns compiled once with them: on 98 pages this took
/// a save's layout from 31 to 22 ms. A change of the print settings evaluates them all
/// again, which shows that the count sees them.
#[test]
fn a_save_evaluates_only_the_layout_module_that_reads_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let issue = copy_sample(dir.path());
    let (mut session, _) = jianbao::Session::start(jianbao::BuildOptions {
        issue: issue.clone(),
        output: Some(dir.path().join("out.pdf")),
        ..Default::default()
    })
    .unwrap();
    // Compiles and modules evaluated in one rebuild.
    let mut rebuild = || {
        let (report, passes) = jianbao::typeset::count_passes(|| session.rebuild());
        report.unwrap();
        (passes.compiles, passes.evals, passes.to_string())
    };

    let article = dir.path().join("01-fawu-yidengjiang.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    let (first, rest) = text.split_once('\n').unwrap();
    std::fs::write(
        &article,
        format!("{first}\n{}", rest.replacen("。", "，再加一句话。", 1)),
    )
    .unwrap();
    let (compiles, evals, passes) = rebuild();
    assert_eq!(
        (compiles, evals),
        (1, 1),
        "after an article's save: {passes}"
    );

    let toml = std::fs::read_to_string(&issue).unwrap();
    assert!(
        !toml.contains("[print]"),
        "the sample sets no [print] table"
    );
    std::fs::write(&issue, toml + "\n[print]\nbleed = \"3mm\"\n").unwrap();
    let (compiles, evals, passes) = rebuild();
    assert_eq!(
        (compiles, evals),
        (1, 5),
        "after the bleed was set: {passes}"
    );
}
