//! `jianbao compare`: the pages against reference renders. Exit 0 when every
//! page matches, 1 when something differs, 2 on any error (a bad issue file included,
//! so that a CI job can tell "the pages moved" from "the job is broken").

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use jianbao::pipeline;
use jianbao::proof::PngFormat;
use jianbao::proof::compare::{self, CompareOptions, Comparison, Outcome, PageResult, Tolerance};

use super::proof::{SourceArgs, parse_dpi};
use super::table::table;

#[derive(Debug, clap::Args)]
pub(super) struct CompareArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// The directory of reference renders: page-1.png, page-2.png, … (as written by
    /// `jianbao proof` or `compare --update`).
    #[arg(long, value_name = "DIR")]
    reference: PathBuf,
    /// Where to write a diff image for each page that differs (page-N.diff.png; a new
    /// or resized page as page-N.new.png).
    #[arg(short, long, value_name = "DIFFDIR", default_value = "jianbao-diff")]
    output: PathBuf,
    /// A pixel has changed when one of its colour channels moved by more than this (0–255).
    #[arg(long, value_name = "LEVELS", default_value_t = Tolerance::default().threshold)]
    tolerance: u8,
    /// Changed pixels count only in clusters of at least this many (smaller specks are
    /// anti-aliasing noise).
    #[arg(long, value_name = "PIXELS", default_value_t = Tolerance::default().min_cluster)]
    min_cluster: usize,
    /// Render at this resolution [default: the references' resolution, else 100 dpi].
    #[arg(long, value_parser = parse_dpi)]
    dpi: Option<f32>,
    /// (Re)write the references from this build, after a confirmation: the pages that
    /// differ are written, references of pages the issue no longer has are removed.
    #[arg(long)]
    update: bool,
    /// With --update: do not ask.
    #[arg(long, requires = "update")]
    yes: bool,
    /// With --update: write compact references: each channel rounded to 16 levels
    /// (far below the tolerance) in a palette PNG, colours kept, about a third the size
    /// [default: keep the references' format; exact for a new set].
    #[arg(long, requires = "update")]
    compact: bool,
}

pub(super) fn run(args: CompareArgs) -> ExitCode {
    match compare_and_report(&args) {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", e.render(std::io::stderr().is_terminal()));
            ExitCode::from(2)
        }
    }
}

fn compare_and_report(args: &CompareArgs) -> jianbao::Result<ExitCode> {
    let start = Instant::now();
    if !args.update && compare::reference_pages(&args.reference)?.is_empty() {
        return Err(jianbao::InputError::file(
            &args.reference,
            "no reference renders (page-1.png, …) in this directory / 目录中没有参考图",
        )
        .help("create them with `jianbao compare ISSUE.toml --reference DIR --update` / 先用 --update 生成参考图")
        .into());
    }
    let built = pipeline::pdf_bytes(&args.source.build_options(None))?;
    for w in &built.warnings {
        eprintln!("warning: {w}");
    }
    let opts = CompareOptions {
        dpi: args.dpi,
        tolerance: Tolerance {
            threshold: args.tolerance,
            min_cluster: args.min_cluster,
        },
        diff_dir: (!args.update).then(|| args.output.clone()),
    };
    let c = compare::compare_pdf(&built.pdf, &args.reference, &opts)?;
    let elapsed = start.elapsed();

    if args.update {
        let format = if args.compact {
            PngFormat::Compact
        } else {
            c.reference_format.unwrap_or(PngFormat::Exact)
        };
        if !c.needs_update(format) {
            println!(
                "references in {} are up to date ({})",
                args.reference.display(),
                super::pages(c.renders.len())
            );
            return Ok(ExitCode::SUCCESS);
        }
        print_table(&c);
        if !args.yes && !confirm(&args.reference)? {
            eprintln!("references left as they were / 参考图未改动");
            return Ok(ExitCode::from(1));
        }
        let (written, removed) = compare::update_references(&c, format)?;
        println!(
            "wrote {written} and removed {removed} reference(s) in {} ({} dpi, {})",
            args.reference.display(),
            c.dpi,
            match format {
                PngFormat::Compact => "compact",
                PngFormat::Exact => "exact",
            }
        );
        return Ok(ExitCode::SUCCESS);
    }

    print_table(&c);
    let last = last_referenced(&c);
    let skipped = c.pages.iter().filter(|p| not_in_reference(p, last)).count();
    let differing = c.pages.iter().filter(|p| !p.outcome.is_same()).count() - skipped;
    println!(
        "{} page(s) compared at {} dpi in {:.0} ms{}: {}",
        c.pages.len() - skipped,
        c.dpi,
        elapsed.as_secs_f64() * 1000.0,
        match skipped {
            0 => String::new(),
            n => format!(" ({n} not in the reference)"),
        },
        if differing == 0 {
            "all match / 全部一致".to_string()
        } else {
            format!("{differing} differ / {differing} 页有变化")
        }
    );
    Ok(if differing == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The last page the reference has an image of (0: none).
fn last_referenced(c: &Comparison) -> usize {
    c.pages
        .iter()
        .filter(|p| !matches!(p.outcome, Outcome::New))
        .map(|p| p.page)
        .max()
        .unwrap_or(0)
}

/// Whether a page has no reference because the reference was made of some pages only
/// (`proof --pages 1,4`): a later page (up to `last`) has one. Such a page is not
/// compared, and is no difference; a page past the reference's last is new.
fn not_in_reference(p: &PageResult, last: usize) -> bool {
    matches!(p.outcome, Outcome::New) && p.page < last
}

/// Prints one line a page: the page, what happened, changed pixels, where.
fn print_table(c: &Comparison) {
    let last = last_referenced(c);
    let mut rows: Vec<[String; 4]> = Vec::new();
    for p in &c.pages {
        let (result, pixels, place) = match &p.outcome {
            Outcome::Same => ("same", String::new(), String::new()),
            Outcome::Changed(d) => {
                let shown: Vec<String> = d
                    .regions
                    .iter()
                    .take(6)
                    .map(|r| {
                        let (x0, y0, x1, y1) = r.mm(c.dpi);
                        format!("({x0:.1}, {y0:.1})–({x1:.1}, {y1:.1})")
                    })
                    .collect();
                let mut place = shown.join("  ");
                if d.regions.len() > shown.len() {
                    place += &format!("  … {} more regions", d.regions.len() - shown.len());
                }
                ("CHANGED", d.changed.to_string(), place)
            }
            Outcome::Resized { reference, new } => (
                "SIZE",
                String::new(),
                format!(
                    "{}×{} px, the reference {}×{} px",
                    new.0, new.1, reference.0, reference.1
                ),
            ),
            Outcome::New if not_in_reference(p, last) => (
                "not compared",
                String::new(),
                "the reference has no image of this page (made of some pages only)".to_string(),
            ),
            Outcome::New => (
                "NEW PAGE",
                String::new(),
                "no reference for this page".to_string(),
            ),
            Outcome::Gone => (
                "PAGE GONE",
                String::new(),
                "the reference has it; the issue no longer does".to_string(),
            ),
        };
        rows.push([p.page.to_string(), result.into(), pixels, place]);
        if let Some(image) = &p.image {
            let image = format!("image: {}", image.display());
            rows.push([String::new(), String::new(), String::new(), image]);
        }
    }
    print!(
        "{}",
        table(
            [
                "page",
                "result",
                "changed px",
                "where (mm from the page's top-left corner: x, y)"
            ],
            &rows
        )
    );
}

/// Asks on the terminal; refuses to guess when there is no terminal.
fn confirm(dir: &std::path::Path) -> jianbao::Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(jianbao::InputError::file(
            dir,
            "--update asks before writing the references, but there is no terminal to ask on / 无终端可确认",
        )
        .help("add --yes to write them without asking / 加 --yes 直接写入")
        .into());
    }
    eprint!(
        "Write the references in {}? / 更新参考图？ [y/N] ",
        dir.display()
    );
    std::io::stderr().flush().ok();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| jianbao::Error::internal(format!("cannot read the answer: {e}")))?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes" | "是"))
}
