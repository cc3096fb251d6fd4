//! End-to-end: issue TOML + articles → PDF, through the library and the binary.

use std::process::Command;

use crate::common::*;

#[test]
fn sample_issue_builds_with_all_text() {
    let (_dir, pdf) = build_to_temp(&sample_issue());
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    if !tool("pdftotext") {
        return;
    }
    let text = squash(&body_text(&pdf));
    for needle in [
        "联络动态",
        "LIANLUODONGTAI",
        "第19期（总第五百六十三期）",
        "湖南省人大常委会选举任免联络工作委员会编",
        "2018年7月4日",
        "【工作研究】",
        "（摘录）",
        "（选举任免处王水清供稿）",
        "送：全国人大常委会办公厅联络局",
        "各市州、县市区人大常委会联工委",
        "批准文号：湘党简准字〔2000〕第28号",
        "hnrdlldt@163.com",
    ] {
        assert!(
            text.contains(&squash(needle)),
            "missing «{needle}» in the PDF text"
        );
    }
    // Every paragraph of both articles, whole.
    for file in ["01-fawu-yidengjiang.txt", "02-jianyi-banli.txt"] {
        let src = std::fs::read_to_string(repo().join("issues/lianluo-dongtai-2018-19").join(file))
            .unwrap();
        for para in src.lines().filter(|l| !l.is_empty()) {
            assert!(
                text.contains(&squash(para)),
                "paragraph not found whole: {para}"
            );
        }
    }
}

#[test]
fn fonts_are_embedded_and_subset() {
    let (_dir, pdf) = build_to_temp(&sample_issue());
    if !tool("pdffonts") {
        return;
    }
    let out = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = table.lines().skip(2).collect();
    assert!(rows.len() >= 4, "too few fonts:\n{table}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "not subset: {row}"
        );
        assert!(!row.contains("Type 3"), "Type 3 font: {row}");
        // columns: name type encoding emb sub uni object ID
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "not embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "not subset: {row}");
    }
}

#[test]
fn same_input_gives_identical_bytes() {
    let (_a, one) = build_to_temp(&sample_issue());
    let (_b, two) = build_to_temp(&sample_issue());
    assert_eq!(std::fs::read(one).unwrap(), std::fs::read(two).unwrap());
}

/// What `watch` keeps between rebuilds (the compiler's caches, the fonts' subsets and
/// their compressed programs) never reaches a PDF stale: a rebuild after an edit that
/// brings new characters (a new subset of the body face) is the bytes of a cold build
/// of the edited issue, and after the edit is undone, the first build's bytes again.
#[test]
fn a_rebuild_is_the_bytes_of_a_cold_build() {
    let first = "会议指出，要把工作做实做细。\n";
    let edited = "会议指出，要把工作做实做细。鼹鼠蜥蜴骆驼麒麟也在其中。\n";
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", first)]);
    let out = dir.path().join("watched.pdf");
    let (mut session, _) = start_session(&issue, &out);
    let before = std::fs::read(&out).unwrap();
    std::fs::write(dir.path().join("a.txt"), edited).unwrap();
    rebuild(&mut session);
    let rebuilt = std::fs::read(&out).unwrap();
    let (_cold_dir, cold) = build_to_temp(&issue);
    assert!(rebuilt != before, "the edit did not reach the PDF");
    assert!(
        rebuilt == std::fs::read(&cold).unwrap(),
        "the rebuild differs from a cold build of the same issue"
    );
    std::fs::write(dir.path().join("a.txt"), first).unwrap();
    rebuild(&mut session);
    assert!(
        std::fs::read(&out).unwrap() == before,
        "the edit undone, the rebuild differs from the first build"
    );
}

/// An article's reading is remembered while `watch` rebuilds, keyed by its text and
/// by what the issue file says of it: its title changed in the issue file (to the line
/// the article opens with, now blanked as a repeated title) is read anew, and the
/// rebuild says what a cold build of the changed issue says.
#[test]
fn a_rebuild_reads_an_article_anew_when_the_issue_file_changes_its_title() {
    let text = "关于春耕生产的情况通报\n\n全县春耕生产进展顺利，已完成播种面积十二万亩。\n";
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", text)]);
    let out = dir.path().join("watched.pdf");
    let (mut session, first) = start_session(&issue, &out);
    let toml = std::fs::read_to_string(&issue)
        .unwrap()
        .replace("title = \"测试标题\"", "title = \"关于春耕生产的情况通报\"");
    std::fs::write(&issue, toml).unwrap();
    let rebuilt = rebuild(&mut session);
    let (_cold_dir, cold_pdf, cold) = build_reported(&issue);
    // First said as a line that looks like a title (it prints); then as the title
    // repeated (it does not).
    assert!(
        first
            .warnings
            .iter()
            .any(|w| w.contains("looks like the article's own title")),
        "{:?}",
        first.warnings
    );
    assert_ne!(first.warnings, rebuilt.warnings);
    assert_eq!(rebuilt.warnings, cold.warnings);
    assert!(std::fs::read(&out).unwrap() == std::fs::read(&cold_pdf).unwrap());
}

/// The punctuation note is remembered while `watch` rebuilds, keyed by the article's
/// text and the `[check]` phrases: a save that brings a problem in says it, one that
/// mends it says nothing, and a phrase accepted in the issue file silences it.
#[test]
fn a_rebuild_says_the_punctuation_of_the_text_as_saved() {
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", "会议强调，要把工作做实。\n")]);
    let out = dir.path().join("watched.pdf");
    let (mut session, first) = start_session(&issue, &out);
    let noted = |r: &jianbao::pipeline::BuildReport| {
        r.warnings
            .iter()
            .any(|w| w.contains("a.txt:1:5: 1 punctuation problem(s)"))
    };
    assert!(!noted(&first), "{:?}", first.warnings);
    std::fs::write(dir.path().join("a.txt"), "会议强调:要把工作做实。\n").unwrap();
    let r = rebuild(&mut session);
    assert!(noted(&r), "{:?}", r.warnings);
    let toml = std::fs::read_to_string(&issue).unwrap() + "\n[check]\naccept = [\"强调:要\"]\n";
    std::fs::write(&issue, toml).unwrap();
    let r = rebuild(&mut session);
    assert!(!noted(&r), "{:?}", r.warnings);
    std::fs::write(&issue, MINIMAL_TOML).unwrap();
    let r = rebuild(&mut session);
    assert!(noted(&r), "{:?}", r.warnings);
    std::fs::write(dir.path().join("a.txt"), "会议强调，要把工作做实。\n").unwrap();
    let r = rebuild(&mut session);
    assert!(!noted(&r), "{:?}", r.warnings);
}

/// A quick rebuild (its layout from the last build's pages) is settled when the editor
/// pauses; after a rebuild that failed there is nothing to settle, so that `watch` says
/// the error once, and the PDF of the last good build stays.
#[test]
fn a_failed_rebuild_leaves_nothing_to_settle() {
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", "会议指出，要把工作做实做细。\n")]);
    let out = dir.path().join("watched.pdf");
    let (mut session, _) = start_session(&issue, &out);
    std::fs::write(dir.path().join("a.txt"), "会议指出，要把工作做好做细。\n").unwrap();
    rebuild(&mut session);
    assert!(session.unsettled());
    let good = std::fs::read(&out).unwrap();
    std::fs::write(&issue, MINIMAL_TOML.replace("[issue]", "[issue\n")).unwrap();
    let Err(err) = session.rebuild() else {
        panic!("a broken issue file fails");
    };
    assert!(err.to_string().contains("issue.toml"), "{err}");
    assert!(!session.unsettled());
    assert!(std::fs::read(&out).unwrap() == good);
}

/// A `watch` session on `issue`, writing `out`, and its first build.
fn start_session(
    issue: &std::path::Path,
    out: &std::path::Path,
) -> (jianbao::Session, jianbao::pipeline::BuildReport) {
    jianbao::Session::start(jianbao::BuildOptions {
        issue: issue.to_owned(),
        output: Some(out.to_owned()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{}", e.render(false)))
}

/// A session's rebuild, which must succeed.
fn rebuild(session: &mut jianbao::Session) -> jianbao::pipeline::BuildReport {
    session
        .rebuild()
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
}

#[test]
fn markup_in_user_text_prints_as_itself() {
    let nasty = r##"#panic("x") $x$ *a* _b_ [c] \ @d <x> // e /* f #read("/etc/passwd")"##;
    let toml = MINIMAL_TOML.replace(
        "title = \"测试标题\"",
        &format!("title = '''标题{nasty}'''"),
    ) + &format!("\n[footer]\napproval = '''{nasty}'''\n");
    let (dir, issue) = write_issue(&toml, &[("a.txt", &format!("正文{nasty}结束。\n"))]);
    let out = dir.path().join("x.pdf");
    jianbao::pipeline::build(&jianbao::pipeline::BuildOptions {
        issue,
        output: Some(out.clone()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{}", e.render(false)));
    if !tool("pdftotext") {
        return;
    }
    let text = squash(&pdftotext(&out));
    let want = squash(nasty);
    assert!(text.contains(&format!("标题{want}")), "title: {text}");
    assert!(
        text.contains(&format!("正文{want}结束。")),
        "article: {text}"
    );
    assert!(
        text.contains(&format!("批准文号：{want}")),
        "footer: {text}"
    );
    assert!(!text.contains("root:"), "file contents leaked into the PDF");
}

#[test]
fn missing_article_names_file_and_line_and_writes_nothing() {
    let (dir, issue) = write_issue(MINIMAL_TOML, &[]);
    let out = dir.path().join("issue.pdf");
    let run = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("build")
        .arg(&issue)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("a.txt"), "{err}");
    assert!(err.contains("issue.toml:15:8"), "{err}");
    assert!(!out.exists(), "a PDF was written");
}

#[test]
fn failed_build_leaves_earlier_pdf_untouched() {
    let (dir, issue) = write_issue(MINIMAL_TOML, &[("a.txt", "正文。\n")]);
    let out = dir.path().join("issue.pdf");
    let ok = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("build")
        .arg(&issue)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = std::fs::read(&out).unwrap();
    std::fs::write(
        &issue,
        MINIMAL_TOML.replace("number = 1", "number = \"一\""),
    )
    .unwrap();
    let bad = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("build")
        .arg(&issue)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(std::fs::read(&out).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn cli_help_explains_options() {
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["build", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--output", "--font-dir", "--system-fonts"] {
        assert!(help.contains(flag), "{help}");
    }
}

/// The Typst command `eject` prints works from any folder: it named the fonts as
/// `--font-path fonts`, which is jianbao's own folder's, and from the editor's folder
/// Typst found none of them and stopped (QA12 C 06).
#[test]
fn the_command_eject_prints_names_the_fonts_by_their_full_paths() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .current_dir(dir.path())
        .arg("eject")
        .arg(sample_issue())
        .arg("my ej")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    let fonts = jianbao::typeset::fonts::shipped_dir().unwrap();
    let fonts = std::path::absolute(fonts).unwrap();
    assert!(
        said.contains(&format!("--font-path {}", fonts.display())),
        "{said}"
    );
    let ej = std::path::absolute(dir.path().join("my ej")).unwrap();
    assert!(
        said.contains(&format!("--root '{}'", ej.display())),
        "{said}"
    );
    assert!(!said.contains("--font-path fonts "), "{said}");
}

#[test]
fn ejected_project_builds_the_same_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let ej = dir.path().join("ej");
    let base = jianbao::pipeline::BuildOptions {
        issue: sample_issue(),
        ..Default::default()
    };
    jianbao::eject::eject(&base, &ej).unwrap();
    let model: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ej.join("model.json")).unwrap()).unwrap();
    assert_eq!(model["issue"]["total_text"], "（总第五百六十三期）");
    // What the layouts need of the print settings, in a file of its own.
    let print: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ej.join("print.json")).unwrap()).unwrap();
    assert_eq!(print["archival"], false);
    assert_eq!(print["bleed"], 0.0);
    let built = |layout_dir: Option<std::path::PathBuf>, name: &str| {
        let out = dir.path().join(name);
        jianbao::pipeline::build(&jianbao::pipeline::BuildOptions {
            output: Some(out.clone()),
            layout_dir,
            ..base.clone()
        })
        .unwrap();
        std::fs::read(out).unwrap()
    };
    assert_eq!(
        built(None, "a.pdf"),
        built(Some(ej.join("layouts")), "b.pdf")
    );
}

#[test]
fn timings_name_every_stage_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.pdf");
    let report = jianbao::pipeline::build(&jianbao::pipeline::BuildOptions {
        issue: sample_issue(),
        output: Some(out.clone()),
        ..Default::default()
    })
    .unwrap();
    let stages: Vec<&str> = report.timings.0.iter().map(|(s, _)| *s).collect();
    // The sample's colours are proven from its pages: no audit of the PDF.
    assert!(!report.audited);
    assert_eq!(
        stages,
        [
            "read", "fonts", "check", "world", "layout", "pdf", "print", "write"
        ]
    );
    let sum: std::time::Duration = report.timings.0.iter().map(|(_, d)| *d).sum();
    assert!(sum <= report.elapsed, "{sum:?} > {:?}", report.elapsed);
    // Layout is where most of the time goes; it is never nothing.
    let layout = report.timings.0[4].1;
    assert!(!layout.is_zero());
    // On the command line, on stderr; stdout keeps its one line.
    let cli = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("build")
        .arg(sample_issue())
        .arg("-o")
        .arg(&out)
        .arg("--timings")
        .output()
        .unwrap();
    assert!(cli.status.success());
    let err = String::from_utf8_lossy(&cli.stderr);
    // After the warnings (the sample's 报尾 stands alone on page 5).
    assert!(
        err.lines().any(|l| l.starts_with("timings: read ")
            && l.contains(", layout ")
            && l.contains(" in all)")),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&cli.stdout).lines().count(), 1);
}

/// Typst lays a document out again while what the layouts looked up (positions,
/// queries, measurements) changed since the last pass; two passes are the least. The
/// footer and the way back to the line grid after a table are set in the first pass
/// too, so that every issue without photos converges in two (three before, a third of
/// the layout's time more on a small issue). A photo is left out of the first pass (a
/// guess there could pick another layout), and an 报尾 on an even page reads where
/// it fell: those take one pass more. A table set in parts, a page each (续表), is
/// parted where it starts, which the pass before it says: one more again.
#[test]
fn every_issue_without_photos_is_laid_out_in_two_passes() {
    let dir = tempfile::tempdir().unwrap();
    let even = dir.path().join("even");
    std::fs::create_dir(&even).unwrap();
    for f in std::fs::read_dir(sample_issue().parent().unwrap()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, even.join(f.file_name().unwrap())).unwrap();
    }
    let toml = std::fs::read_to_string(even.join("issue.toml")).unwrap()
        + "\n[style]\nfooter_on_even_page = true\n";
    std::fs::write(even.join("issue.toml"), toml).unwrap();
    let mut issues = all_issues();
    issues.push(even.join("issue.toml"));
    for issue in issues {
        let cli = Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .arg("build")
            .arg(&issue)
            .arg("-o")
            .arg(dir.path().join("p.pdf"))
            .arg("--layout-passes")
            .output()
            .unwrap();
        assert!(cli.status.success(), "{}", issue.display());
        let err = String::from_utf8_lossy(&cli.stderr);
        let line = err.lines().find(|l| l.starts_with("layout: ")).unwrap();
        let passes: usize = line
            .strip_prefix("layout: ")
            .and_then(|p| p.strip_suffix(" layout pass(es) in 1 compile(s), 5 module(s) evaluated"))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{line}"));
        let photos = !jianbao::load(&issue).unwrap().0.photos.is_empty();
        let parted = pdftotext(&dir.path().join("p.pdf")).contains("续表");
        let want = if photos || issue.starts_with(&even) {
            3
        } else {
            2
        } + usize::from(parted);
        assert_eq!(passes, want, "{}: {line}", issue.display());
    }
}

/// The sample issue ejected into a temporary folder: the folder and its `ej`.
fn ejected_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ej = dir.path().join("ej");
    jianbao::eject::eject(
        &jianbao::pipeline::BuildOptions {
            issue: sample_issue(),
            ..Default::default()
        },
        &ej,
    )
    .unwrap();
    (dir, ej)
}

#[test]
fn an_error_in_a_users_layout_is_shown_at_its_line_like_typst_cli() {
    let (dir, ej) = ejected_sample();
    let file = ej.join("layouts/article.typ");
    let text = std::fs::read_to_string(&file).unwrap().replacen(
        "#let heading-block(s, b, mark) = {",
        "#let heading-block(s, b, mark) = {\n  let oops = no-such-function(b)",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args([
            "build",
            repo()
                .join("issues/gongzuo-dongtai-2026-05/issue.toml")
                .to_str()
                .unwrap(),
            "-o",
        ])
        .arg(dir.path().join("out.pdf"))
        .arg("--layout-dir")
        .arg(ej.join("layouts"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the user's layout, not a bug: {err}"
    );
    assert!(err.contains("unknown variable: no-such-function"), "{err}");
    assert!(err.contains("article.typ:"), "{err}");
    assert!(
        err.contains("let oops = no-such-function(b)"),
        "the code excerpt: {err}"
    );
    assert!(!err.contains("internal error"), "{err}");
}

/// `jianbao build` of the sample into `out` with the layouts of `layouts`.
fn build_sample_with_layouts(
    out: &std::path::Path,
    layouts: &std::path::Path,
) -> std::process::Output {
    jianbao_cli(&[
        "build",
        sample_issue().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--layout-dir",
        layouts.to_str().unwrap(),
    ])
}

/// A layout that does not settle is said once, in the editor's words, not as Typst's
/// nine warnings with «run 3: page 6 at (79pt, 269pt)» (QA12 A 07).
#[test]
fn a_layout_that_does_not_settle_is_said_once_in_plain_words() {
    let (dir, ej) = ejected_sample();
    // A part that grows at every pass, as a 报尾 moving between two pages does not end.
    let main = ej.join("layouts/main.typ");
    let text = std::fs::read_to_string(&main).unwrap()
        + "\n#context { let c = query(<grow>).len(); for i in range(c + 1) [#metadata(i)<grow>] }\n";
    std::fs::write(&main, text).unwrap();
    let o = build_sample_with_layouts(&dir.path().join("out.pdf"), &ej.join("layouts"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let said: Vec<&str> = err
        .lines()
        .filter(|l| {
            l.contains("did not settle")
                || l.contains("did not stabilize")
                || l.contains("did not converge")
        })
        .collect();
    assert_eq!(said.len(), 1, "{err}");
    assert!(
        said[0].contains("the layout did not settle") && said[0].contains("look at the last pages"),
        "{err}"
    );
}

#[test]
fn a_layout_dir_without_the_layouts_is_an_input_error_not_a_bug() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.pdf");
    let o = build_sample_with_layouts(&out, &dir.path().join("no-such-dir"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no-such-dir") && err.contains("main.typ"),
        "{err}"
    );
    assert!(err.contains("jianbao eject"), "says what to do: {err}");
    assert!(!err.contains("bug"), "{err}");
    assert!(!out.exists());
}

#[test]
fn an_ejected_project_has_the_photos_the_model_names() {
    let issue = repo().join("issues/gongzuo-tongxun-2026-09/issue.toml");
    let dir = tempfile::tempdir().unwrap();
    jianbao::eject::eject(
        &jianbao::BuildOptions {
            issue,
            ..Default::default()
        },
        dir.path(),
    )
    .unwrap();
    let model = std::fs::read_to_string(dir.path().join("model.json")).unwrap();
    for vpath in ["/photos/1.jpg", "/photos/2.png"] {
        assert!(model.contains(vpath), "{vpath} not in the model");
        let bytes = std::fs::read(dir.path().join(vpath.trim_start_matches('/'))).unwrap();
        assert!(bytes.len() > 1000, "{vpath}: {} bytes", bytes.len());
    }
}

/// `jianbao build ISSUE.toml` of more than eight pages lets Typst's caches go between
/// the layout and the export (`build_alone`, issue 20: a 101-page build's peak of
/// memory 8 MiB lower); the PDF is the bytes of a build that keeps them: for an issue
/// of a dozen pages with 本期要目 (whose pages are looked up, so laid out twice) and
/// for the sample, which keeps them. (Other tests building at the same time lose their
/// caches then: they take longer, and make the same pages.)
#[test]
fn a_build_alone_lets_the_caches_go_and_writes_the_same_bytes() {
    let sample =
        std::fs::read_to_string(repo().join("issues/lianluo-dongtai-2018-19/02-jianyi-banli.txt"))
            .unwrap();
    let long: String = (1..=4)
        .map(|i| sample.replace("。\n", &format!("（{i}）。\n")))
        .collect();
    let toml = MINIMAL_TOML.replace("date = 2026-01-05", "date = 2026-01-05\ncontents = true");
    let (_d, long_issue) = write_issue(&toml, &[("a.txt", &long)]);
    for (issue, more) in [(long_issue, true), (sample_issue(), false)] {
        let dir = tempfile::tempdir().unwrap();
        let pdf = |name: &str, alone: bool| {
            let opts = jianbao::BuildOptions {
                issue: issue.clone(),
                output: Some(dir.path().join(name)),
                ..Default::default()
            };
            let built = if alone {
                jianbao::pipeline::build_alone(&opts)
            } else {
                jianbao::pipeline::build(&opts)
            };
            let report = built.unwrap_or_else(|e| panic!("{}", e.render(false)));
            assert_eq!(report.pages > 8, more, "{} pages", report.pages);
            std::fs::read(dir.path().join(name)).unwrap()
        };
        let kept = pdf("kept.pdf", false);
        assert!(kept == pdf("alone.pdf", true), "{}", issue.display());
    }
}
