//! Command-line interface: every subcommand and flag is declared here and in the
//! subcommand's own file.

mod build;
mod check;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// jianbao (简报): typesets Chinese bulletins (简报, 动态, 通讯) into print-ready PDF.
///
/// Write an issue file (TOML) that names the bulletin, the issue and its articles,
/// then `jianbao build ISSUE.toml`; `jianbao check ISSUE.toml` lists
/// punctuation and spacing to fix first. See examples/issue.toml for every field.
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
    /// Check the text for punctuation and spacing an editor should fix / 检查标点和空格.
    ///
    /// Reads the issue file and every article as a build would, builds nothing, and lists
    /// with file:line:col what GB/T 15834 would have an editor fix: half-width , ; : ? ! ( )
    /// in Chinese text, straight quotes, -- or a lone — for ——, ... or a lone … for ……,
    /// stray spaces, unbalanced “” （） 《》 【】. Exit code 1 when something is found.
    Check(check::CheckArgs),
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
        Command::Build(args) => build::run(args).map(|()| ExitCode::SUCCESS),
        Command::Check(args) => check::run(args),
    });
    match outcome {
        Ok(result) => finish(result),
        Err(_) => ExitCode::from(2),
    }
}

/// Prints an error for the editor and returns its exit code.
fn finish(result: jianbao::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", e.render(std::io::stderr().is_terminal()));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
