//! Command-line interface: every subcommand and flag is declared here and in the
//! subcommand's own file.

mod build;
mod check;
mod compare;
mod eject;
mod fonts;
mod import;
mod preflight;
mod proof;
mod series;
mod table;
mod watch;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// jianbao (简报): typesets Chinese bulletins (简报, 动态, 通讯) into print-ready PDF.
///
/// Write an issue file (TOML) that names the bulletin, the issue and its articles,
/// then `jianbao build ISSUE.toml`; `jianbao check ISSUE.toml` lists
/// punctuation and spacing to fix first. See examples/issue.toml for every field.
///
/// Exit codes: 0 done, 1 a problem in the input, 2 an internal error, 3 an incomplete
/// installation (the shipped fonts missing).
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
    /// Rebuild the PDF whenever the issue, an article, a font or a layout changes / 监视并自动重排.
    ///
    /// Keeps the compiler's caches and the fonts loaded between builds, prints one line
    /// a rebuild, and on an error prints it and keeps the last good PDF.
    Watch(watch::WatchArgs),
    /// Write the layouts and the model as a plain Typst project / 导出 Typst 工程.
    ///
    /// For customising a layout (then `build --layout-dir DIR/layouts`) or compiling
    /// with the Typst CLI: `typst compile --root DIR DIR/layouts/main.typ`.
    Eject(eject::EjectArgs),
    /// List the fonts found and the font of each role / 列出字体及各角色所用字体.
    ///
    /// Without an issue file: every font found (family, style, characters covered,
    /// origin, licence, file) and the default roles. With one: its font_dirs and
    /// [style.fonts], and every character of its text set in a fallback font, with
    /// file:line:col. A character no font has is an error, as in `build`.
    Fonts(fonts::FontsArgs),
    /// Check the text for punctuation and spacing an editor should fix / 检查标点和空格.
    ///
    /// Reads the issue file and every article as a build would, builds nothing, and lists
    /// with file:line:col what GB/T 15834 would have an editor fix: half-width , ; : ? ! ( )
    /// in Chinese text, straight quotes, -- or a lone — for ——, ... or a lone … for ……,
    /// stray spaces, unbalanced “” （） 《》 【】. Exit codes: 0 nothing found, 1 findings, 2 an error
    /// (an input that cannot be read or is wrong), like `compare`.
    Check(check::CheckArgs),
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
    /// Turn a Word file into a Markdown article / 把 Word 稿件转为 Markdown.
    ///
    /// Writes what `build` would read from the .docx (headings, bold, lists, tables,
    /// photos into FILE-images/) as a .md an editor can edit, and says what did not come
    /// across (text boxes, equations, comments, tracked changes) with its paragraph.
    Import(import::ImportArgs),
    /// Check any PDF for the press: fonts, colours, ink, rules, boxes, PDF/X / 印前检查.
    ///
    /// Works on any PDF (ours, or one from Word or WPS). Exit codes: 0 ready for the
    /// press, 1 findings (a table with the page and object of each), 2 not a readable
    /// PDF.
    Preflight(preflight::PreflightArgs),
    /// Write the next issue's file: number + 1, total + 1, the date given / 生成下一期.
    ///
    /// With a series file the new issue file names it and holds only what changes;
    /// without one the issue file is copied, comments kept, articles taken out.
    Next(series::NextArgs),
    /// Start a new bulletin: a series file, the first issue and a sample article that
    /// builds as it is / 新建简报.
    New(series::NewArgs),
}

/// Parses the command line, runs the command, and maps errors to exit codes.
pub(crate) fn run() -> ExitCode {
    // A wrong flag is the user's input error: exit 1 (clap's own default would be 2,
    // which we keep for internal errors). --help and --version exit 0.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 1 } else { 0 });
        }
    };
    if let Command::Build(args) = &cli.command
        && args.builds_one()
    {
        one_malloc_arena();
    }
    // Stopped with Ctrl-C, `kill` or a closed terminal: remove the temporary file of a
    // PDF being written (the earlier PDF stays as it was), then exit as the signal
    // asks (130). A `kill -9` cannot be caught: the next write of the same PDF
    // removes what it left.
    let _ = ctrlc::set_handler(|| {
        jianbao::output::files::remove_in_flight();
        std::process::exit(130);
    });
    // A panic is a bug: say so, ask for a report, and exit 2 like any internal error.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "internal error / 内部错误: {info}\nThis is a bug in jianbao; please report it with the input that caused it."
        );
    }));
    let outcome = std::panic::catch_unwind(|| match cli.command {
        Command::Build(args) => build::main(args),
        Command::Watch(args) => done(watch::run(args)),
        Command::Eject(args) => done(eject::run(args)),
        Command::Fonts(args) => done(fonts::run(args)),
        Command::Proof(args) => done(proof::run(args)),
        // These two say with their exit code whether something was found: 0 nothing,
        // 1 findings, 2 an error (a file that cannot be read, an issue file that is
        // wrong), so that a script can tell "fix the text" from "fix the input".
        Command::Check(args) => match check::run(args) {
            Ok(code) => code,
            Err(e) => {
                eprint!("{}", e.render(std::io::stderr().is_terminal()));
                ExitCode::from(2)
            }
        },
        Command::Compare(args) => compare::run(args),
        Command::Preflight(args) => preflight::run(args),
        Command::Import(args) => done(import::run(args)),
        Command::Next(args) => done(series::next(args)),
        Command::New(args) => done(series::new(args)),
    });
    outcome.unwrap_or(ExitCode::from(2))
}

/// One build's other threads (loading fonts, writing pages) allocate little, so one
/// malloc arena serves them all as fast, and the arenas glibc would give each thread
/// are not kept: the sample's peak memory 2 MB lower (issue 20). Called before any
/// thread starts; builds of many issues at once keep glibc's default.
fn one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    // SAFETY: mallopt only sets a malloc parameter; no other thread runs yet.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Prints an error for the editor and returns its exit code.
fn done(result: jianbao::Result<()>) -> ExitCode {
    finish(result.map(|()| ExitCode::SUCCESS))
}

/// Prints an error for the editor, or passes the command's own exit code on.
fn finish(result: jianbao::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", e.render(std::io::stderr().is_terminal()));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// `1 page`, `5 pages`: a count of pages in a summary line.
fn pages(n: usize) -> String {
    if n == 1 {
        "1 page".to_owned()
    } else {
        format!("{n} pages")
    }
}
