//! `jianbao build`: one issue, or many in parallel.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use jianbao::batch;
use jianbao::output::PrintOverrides;
use jianbao::pipeline::{self, BuildOptions, BuildReport};

#[derive(Debug, clap::Args)]
pub(super) struct BuildArgs {
    /// The issue file(s) (TOML), or directories of them (`issues/` builds every
    /// `issues/*/*.toml`). Several issues are built in parallel.
    #[arg(required = true, value_name = "ISSUE.toml|DIR")]
    issues: Vec<PathBuf>,
    /// Where to write the PDF [default: the issue file's name with .pdf, beside it];
    /// `-` writes it to standard output. Never one of the build's inputs. Only with a
    /// single issue.
    #[arg(short, long, value_name = "OUT.pdf")]
    output: Option<PathBuf>,
    /// A directory of your own fonts (e.g. 方正小标宋简体, 仿宋_GB2312), searched before the
    /// shipped fonts. Repeatable.
    #[arg(long = "font-dir", value_name = "DIR")]
    font_dirs: Vec<PathBuf>,
    /// Also use the fonts installed on this system (after the shipped ones).
    #[arg(long)]
    system_fonts: bool,
    /// Use the Typst layouts in this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    layout_dir: Option<PathBuf>,
    /// Bleed on every side, e.g. 3mm: the media grows by it, TrimBox and BleedBox are set.
    /// 0 for none. Overrides `bleed` in the issue file's [print] table. 出血.
    #[arg(
        long,
        value_name = "LENGTH",
        conflicts_with = "pdfa",
        allow_hyphen_values = true
    )]
    bleed: Option<String>,
    /// Draw registration crop marks outside the bleed on every page. 裁切线.
    #[arg(long, overrides_with = "no_crop_marks", conflicts_with = "pdfa")]
    crop_marks: bool,
    /// No crop marks, whatever the issue file's [print] table says.
    #[arg(long, overrides_with = "crop_marks")]
    no_crop_marks: bool,
    /// Write the PDF/A-2b archival file (ICC-based colour, trim size) instead of the
    /// printer's CMYK file; default output ISSUE.pdfa.pdf. 存档版.
    #[arg(long, overrides_with = "no_pdfa")]
    pdfa: bool,
    /// Write the printer's file even if the issue file's [print] table asks for PDF/A.
    #[arg(long, overrides_with = "pdfa")]
    no_pdfa: bool,
    /// Make the printer's file PDF/X-1a:2003 (output condition FOGRA39 unless
    /// [print] output_condition says otherwise). 印刷用 PDF/X.
    #[arg(long, conflicts_with = "pdfa")]
    pdfx: bool,
    /// The press's CMYK ICC profile, embedded in the PDF/X output intent (needed for
    /// [print] pdfx = "x-4"; over [print] output_profile) / 印刷 ICC 特性文件.
    #[arg(long, value_name = "FILE.icc")]
    output_intent: Option<PathBuf>,
    /// After the build, list the characters typeset per font and every character
    /// that came out in a fallback font, with its file:line:col / 列出后备字体排出的字符.
    #[arg(long)]
    font_report: bool,
    /// Print how long each stage took (read, fonts, check, world, layout, pdf with the
    /// font use and the colour proof beside it, print, audit when the colours are not
    /// proven from the pages, write) / 打印各阶段耗时.
    #[arg(long)]
    timings: bool,
    /// Print how many times Typst laid the issue out (two passes are the least for our
    /// layouts; each one more costs a pass's time). Counting slows the build by about a
    /// tenth: Typst records every call while it counts.
    #[arg(long)]
    layout_passes: bool,
    /// A draft (校样) for sign-off: every page gets a light diagonal watermark with
    /// 校样 and the build time (China Standard Time). Never use it for the printer.
    #[arg(long)]
    draft: bool,
    /// Parallel builds when several issues are given [default: the number of cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
}

/// `--x` / `--no-x`: Some(true), Some(false), or None (the issue file decides).
fn flag(yes: bool, no: bool) -> Option<bool> {
    match (yes, no) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

fn summary(r: &BuildReport) -> String {
    format!(
        "wrote {} ({}, {} KiB) in {:.0} ms{}",
        r.output.display(),
        super::pages(r.pages),
        r.bytes / 1024,
        r.elapsed.as_secs_f64() * 1000.0,
        r.layout_note
            .as_ref()
            .map(|n| format!("; {n}"))
            .unwrap_or_default()
    )
}

impl BuildArgs {
    /// Whether this builds one issue file (not a folder or a list of them). One path
    /// that is no folder is one issue, found or not: a mistyped name is said as not
    /// found (it was taken for a batch, and with -o blamed -o, QA10).
    pub(super) fn builds_one(&self) -> bool {
        self.issues.len() == 1 && !self.issues[0].is_dir()
    }
}

/// `build`, its error said as any command's is; and after a failed build of one issue,
/// the PDF of an earlier build where this one would have gone: it stays as it was (the
/// last good PDF), which was said only by `watch`, and an editor could send last
/// week's PDF to the printer (QA14 F 09).
pub(super) fn main(args: BuildArgs) -> std::process::ExitCode {
    let earlier: Vec<PathBuf> = if args.builds_one() {
        match &args.output {
            Some(out) if out.as_os_str() == "-" => Vec::new(),
            Some(out) => vec![out.clone()],
            None => vec![
                pipeline::default_output(&args.issues[0]),
                pipeline::default_archive_output(&args.issues[0]),
            ],
        }
    } else {
        Vec::new()
    };
    let result = run(args);
    let failed = result.is_err();
    let code = super::done(result);
    for pdf in earlier.iter().filter(|p| failed && p.is_file()) {
        eprintln!(
            "note: no PDF was written: {} is an earlier build's, left as it was; it is not the issue as its files now stand / 本次未生成 PDF：{} 是之前构建的旧文件，不是现在的内容",
            pdf.display(),
            pdf.display()
        );
    }
    code
}

pub(super) fn run(args: BuildArgs) -> jianbao::Result<()> {
    let issues = batch::discover(&args.issues)?;
    let draft = args
        .draft
        .then(|| pipeline::draft_mark(time::OffsetDateTime::now_utc()));
    let job = |issue: PathBuf, output: Option<PathBuf>| BuildOptions {
        issue,
        output,
        font_dirs: args.font_dirs.clone(),
        system_fonts: args.system_fonts,
        layout_dir: args.layout_dir.clone(),
        print: PrintOverrides {
            bleed: args.bleed.clone(),
            crop_marks: flag(args.crop_marks, args.no_crop_marks),
            pdfa: flag(args.pdfa, args.no_pdfa),
            pdfx: args.pdfx.then_some(true),
            output_intent: args.output_intent.clone(),
        },
        draft: draft.clone(),
    };
    if args.builds_one() {
        let build = || pipeline::build_alone(&job(issues[0].clone(), args.output.clone()));
        let (report, passes) = if args.layout_passes {
            let (report, passes) = jianbao::typeset::count_passes(build);
            (report?, Some(passes))
        } else {
            (build()?, None)
        };
        for w in &report.warnings {
            eprintln!("warning: {w}");
        }
        // With -o - the PDF itself is on standard output: the summary goes to stderr.
        if jianbao::output::files::Target::of(&report.output)
            == jianbao::output::files::Target::Stdout
        {
            eprintln!("{}", summary(&report));
        } else {
            println!("{}", summary(&report));
            for p in &report.photos {
                println!("  {p}");
            }
        }
        if args.timings {
            eprintln!("timings: {}", report.timings);
        }
        if let Some(passes) = passes {
            eprintln!("layout: {passes}");
        }
        if args.font_report {
            super::fonts::out(&format!(
                "\n{}\n{}",
                super::fonts::render_use(&report.font_use),
                report.coverage.render_fallbacks()
            ));
        }
        return Ok(());
    }
    if let Some(out) = &args.output {
        return Err(jianbao::InputError::file(
            out,
            "--output goes with a single issue / --output 只能用于单期",
        )
        .help("leave out -o: each PDF is written beside its issue file")
        .into());
    }
    let jobs: Vec<BuildOptions> = issues.into_iter().map(|i| job(i, None)).collect();
    let workers = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let start = Instant::now();
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(jobs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {msg}")
                .expect("valid template"),
        );
        bar
    });
    let results = batch::build_all(&jobs, workers, |i, result| {
        // Each issue's lines together (the workers finish in any order): its summary
        // and photos, then its warnings, as a build of it alone prints them; nothing a
        // single build says is left unsaid in a batch.
        let (line, warnings) = match result {
            Ok(r) => {
                let mut line = summary(r);
                for p in &r.photos {
                    line.push_str(&format!("\n  {p}"));
                }
                let warnings: Vec<String> =
                    r.warnings.iter().map(|w| format!("warning: {w}")).collect();
                (line, warnings.join("\n"))
            }
            Err(_) => (
                format!("failed: {}", jobs[i].issue.display()),
                String::new(),
            ),
        };
        match &bar {
            Some(bar) => {
                bar.println(line);
                if !warnings.is_empty() {
                    bar.println(warnings);
                }
                bar.inc(1);
            }
            None => {
                println!("{line}");
                if !warnings.is_empty() {
                    eprintln!("{warnings}");
                }
            }
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let failed: Vec<&jianbao::Error> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    for e in &failed {
        eprint!("{}", e.render(std::io::stderr().is_terminal()));
    }
    println!(
        "{} of {} issues built in {:.1} s with {} workers",
        results.len() - failed.len(),
        results.len(),
        start.elapsed().as_secs_f64(),
        workers
    );
    match failed.iter().map(|e| e.exit_code()).max() {
        None => Ok(()),
        Some(2) => Err(jianbao::Error::internal(
            "some issues failed with internal errors (see above)",
        )),
        Some(_) => Err(jianbao::Error::Many(Vec::new())),
    }
}
