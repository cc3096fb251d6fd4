//! Command-line interface: every subcommand and flag is declared here and in the
//! subcommand's own file.

mod build;
mod compare;
mod proof;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// jianbao (简报): typesets Chinese bulletins (简报, 动态, 通讯) into print-ready PDF.
///
/// Write an issue file (TOML) that names the bulletin, the issue and its articles,
/// then `jianbao build ISSUE.toml`. See examples/issue.toml for every field.
///
/// Exit codes: 0 done, 1 a problem in the input, 2 an internal error.
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
    Build(build::BuildArgs),
    /// Render the pages as PNG proofs / 生成校样图（PNG）.
    ///
    /// Renders the PDF that `build` would write (fonts, colours and all) at the given
    /// resolution, one PNG a page: page-1.png, page-2.png, …
    Proof(proof::ProofArgs),
    /// Compare the pages with reference renders / 与参考图比对.
    ///
    /// Renders the issue and compares every page with DIR/page-N.png. A changed page
    /// count, page size, or pixels beyond the tolerance is a difference: a table names
    /// the page and the changed regions in mm, and a diff image marks them.
    ///
    /// Exit codes: 0 every page matches, 1 something differs, 2 an error (including a
    /// problem in the issue file).
    Compare(compare::CompareArgs),
}

/// Parses the command line, runs the command, and maps errors to exit codes.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    // A panic is a bug: say so, ask for a report, and exit 2 like any internal error.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "internal error / 内部错误: {info}\nThis is a bug in jianbao; please report it with the input that caused it."
        );
    }));
    let outcome = std::panic::catch_unwind(|| match cli.command {
        Command::Build(args) => finish(build::run(args)),
        Command::Proof(args) => finish(proof::run(args)),
        Command::Compare(args) => compare::run(args),
    });
    outcome.unwrap_or(ExitCode::from(2))
}

/// Prints an error for the editor and returns its exit code.
fn finish(result: jianbao::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.render(std::io::stderr().is_terminal()));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
