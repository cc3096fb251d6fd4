//! `jianbao build`.

use std::path::PathBuf;

use jianbao::pipeline::{self, BuildOptions};

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The issue file (TOML).
    issue: PathBuf,
    /// Where to write the PDF [default: the issue file's name with .pdf, beside it].
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
    /// A draft (校样) for sign-off: every page gets a light diagonal watermark with
    /// 校样 and the build time (China Standard Time). Never use it for the printer.
    #[arg(long)]
    draft: bool,
}

pub fn run(args: BuildArgs) -> jianbao::Result<()> {
    let report = pipeline::build(&BuildOptions {
        issue: args.issue,
        output: args.output,
        font_dirs: args.font_dirs,
        system_fonts: args.system_fonts,
        layout_dir: args.layout_dir,
        draft: args
            .draft
            .then(|| pipeline::draft_mark(time::OffsetDateTime::now_utc())),
    })?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    println!(
        "wrote {} ({} pages, {} KiB) in {:.0} ms",
        report.output.display(),
        report.pages,
        report.bytes / 1024,
        report.elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}
