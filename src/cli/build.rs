//! `jianbao build`.

use std::path::PathBuf;

use jianbao::pipeline::{self, BuildOptions};
use jianbao::print::PrintOverrides;

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
    /// Bleed on every side, e.g. 3mm: the media grows by it, TrimBox and BleedBox are set.
    /// 0 for none. Overrides `bleed` in the issue file's [print] table. 出血.
    #[arg(long, value_name = "LENGTH", conflicts_with = "pdfa")]
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
}

/// `--x` / `--no-x`: Some(true), Some(false), or None (the issue file decides).
fn flag(yes: bool, no: bool) -> Option<bool> {
    match (yes, no) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

pub fn run(args: BuildArgs) -> jianbao::Result<()> {
    let report = pipeline::build(&BuildOptions {
        issue: args.issue,
        output: args.output,
        font_dirs: args.font_dirs,
        system_fonts: args.system_fonts,
        layout_dir: args.layout_dir,
        print: PrintOverrides {
            bleed: args.bleed,
            crop_marks: flag(args.crop_marks, args.no_crop_marks),
            pdfa: flag(args.pdfa, args.no_pdfa),
        },
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
