//! The `jianbao` command: a thin shell over the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use jianbao::pipeline::{self, BuildOptions};

/// jianbao (简报): typesets Chinese bulletins (简报, 动态, 通讯) into print-ready PDF.
///
/// Write an issue file (TOML) that names the bulletin, the issue and its articles,
/// then `jianbao build ISSUE.toml`. See examples/issue.toml for every field.
#[derive(Debug, Parser)]
#[command(name = "jianbao", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build an issue into a PDF / 排版生成 PDF.
    ///
    /// Reads the issue file and the article files it names, lays them out and writes
    /// the PDF atomically: on any error nothing is written and an earlier PDF stays.
    Build(BuildArgs),
}

#[derive(Debug, clap::Args)]
struct BuildArgs {
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal();
    let result = match cli.command {
        Command::Build(args) => build(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.render(color));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn build(args: BuildArgs) -> jianbao::Result<()> {
    let report = pipeline::build(&BuildOptions {
        issue: args.issue,
        output: args.output,
        font_dirs: args.font_dirs,
        system_fonts: args.system_fonts,
        layout_dir: args.layout_dir,
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
