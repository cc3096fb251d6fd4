//! How much of the layouts a rebuild under `watch` evaluates again. A test binary of its
//! own: Typst's timing events, which count the evaluations, are process-wide, and the
//! tests of `tests/it` build in parallel (the tests here take turns).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The timing events are the process's: the tests here run one at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

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
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
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

/// A rebuild's layout starts from the last build's pages: after a typo mended (one
/// character for another, nothing moves) it is laid out once, where a cold build lays
/// it out twice, and its PDF is the cold build's bytes, so that settling it when the
/// editor pauses writes nothing. After an edit that moves the text, it takes the
/// passes it needs, and the PDF is still the cold build's.
#[test]
fn a_rebuild_after_a_typo_is_laid_out_once_and_is_the_bytes_of_a_cold_build() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let issue = copy_sample(dir.path());
    let out = dir.path().join("out.pdf");
    let (mut session, _) = jianbao::Session::start(jianbao::BuildOptions {
        issue: issue.clone(),
        output: Some(out.clone()),
        ..Default::default()
    })
    .unwrap();
    assert!(!session.unsettled(), "the first build is a cold build");
    let cold = |name: &str| {
        let pdf = dir.path().join(name);
        let (report, passes) = jianbao::typeset::count_passes(|| {
            jianbao::pipeline::build(&jianbao::BuildOptions {
                issue: issue.clone(),
                output: Some(pdf.clone()),
                ..Default::default()
            })
        });
        report.unwrap();
        (std::fs::read(pdf).unwrap(), passes.passes)
    };
    let article = dir.path().join("01-fawu-yidengjiang.txt");
    let text = std::fs::read_to_string(&article).unwrap();

    // A typo: 工作 for 工做 would be the mend; here one character for another of the
    // same width.
    assert!(text.contains("工作"));
    std::fs::write(&article, text.replacen("工作", "公作", 1)).unwrap();
    let (report, passes) = jianbao::typeset::count_passes(|| session.rebuild());
    report.unwrap();
    let quick = std::fs::read(&out).unwrap();
    let (cold_pdf, cold_passes) = cold("cold1.pdf");
    assert_eq!(
        (passes.passes, cold_passes),
        (1, 2),
        "layout passes of the rebuild and of a cold build: {passes}"
    );
    assert!(session.unsettled());
    assert!(
        quick == cold_pdf,
        "the quick rebuild differs from a cold build"
    );
    let settled = session.settle().unwrap();
    assert!(settled.is_none(), "settling wrote the PDF again");
    assert!(!session.unsettled());
    assert!(std::fs::read(&out).unwrap() == cold_pdf);

    // A sentence added to the first paragraph: the lines after it move.
    let (first, rest) = text.split_once('\n').unwrap();
    let longer = format!(
        "{first}\n{}",
        rest.replacen("。", "，会议还要求各单位把这项工作抓紧抓实抓出成效。", 1)
    );
    std::fs::write(&article, longer).unwrap();
    let (report, passes) = jianbao::typeset::count_passes(|| session.rebuild());
    report.unwrap();
    assert!(passes.passes >= 2, "the text moved: {passes}");
    let (cold_pdf, _) = cold("cold2.pdf");
    assert!(
        std::fs::read(&out).unwrap() == cold_pdf,
        "the rebuild after a longer sentence differs from a cold build"
    );
}
