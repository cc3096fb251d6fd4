//! `jianbao check`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use jianbao::proofread::check;

use super::table::table;

#[derive(Debug, clap::Args)]
pub(super) struct CheckArgs {
    /// The issue file (TOML); or one article file (.txt, .md) alone, before it is
    /// named in an issue; or a folder of issues of one bulletin, whose numbers,
    /// cumulative numbers and dates are checked for continuity.
    issue: PathBuf,
    /// Rewrite the article files with the safe fixes (half-width marks, quotes, dashes,
    /// ellipses, stray spaces); each original is kept as FILE.bak. Unbalanced marks and
    /// anything in the issue file are left for you.
    #[arg(long)]
    fix: bool,
    /// Print the fixes as a unified diff: with --fix before writing, alone instead of
    /// writing anything.
    #[arg(long)]
    diff: bool,
    /// With --fix: do not keep FILE.bak copies.
    #[arg(long, requires = "fix")]
    no_backup: bool,
    /// A directory of your own fonts, searched before the shipped fonts, for the check
    /// that every character has a font. Repeatable.
    #[arg(long = "font-dir", value_name = "DIR")]
    font_dirs: Vec<PathBuf>,
    /// Also use the fonts installed on this system (after the shipped ones).
    #[arg(long)]
    system_fonts: bool,
}

/// Characters no font covers: printed as `build` prints them. Returns whether there
/// were none.
fn fonts_cover_everything(args: &CheckArgs) -> jianbao::Result<bool> {
    let missing = check::uncovered(&jianbao::pipeline::BuildOptions {
        issue: args.issue.clone(),
        font_dirs: args.font_dirs.clone(),
        system_fonts: args.system_fonts,
        ..Default::default()
    })?;
    let color = std::io::stderr().is_terminal();
    for e in &missing {
        eprint!("{}", e.render(color));
    }
    if !missing.is_empty() {
        emit(&format!(
            "{} character(s) have no font and would stop the build / {} 个字符没有字体，排版时会报错（见上）\n",
            missing.len(),
            missing.len()
        ));
    }
    Ok(missing.is_empty())
}

/// `jianbao check DIR`: the continuity of a folder of issues.
fn continuity(args: &CheckArgs) -> jianbao::Result<ExitCode> {
    let jianbao::series::Continuity {
        listed,
        breaks,
        unread,
    } = jianbao::series::continuity(&args.issue)?;
    let color = std::io::stderr().is_terminal();
    for e in &unread {
        eprint!("{}", e.render(color));
    }
    if listed.is_empty() && unread.is_empty() {
        return Err(jianbao::InputError::file(
            &args.issue,
            "no issue files in this folder (DIR/*/issue.toml) / 文件夹中没有期刊文件",
        )
        .help("name an issue file, or the folder that holds the issues' folders / 请指定期刊文件，或存放各期文件夹的文件夹")
        .into());
    }
    for b in &breaks {
        emit(&format!("{}: {}\n", b.path.display(), b.problem));
    }
    emit(&format!(
        "{} issue(s), {} break(s) in the series / 共 {} 期，{} 处不连续\n",
        listed.len(),
        breaks.len(),
        listed.len(),
        breaks.len()
    ));
    if !unread.is_empty() {
        emit(&format!(
            "{} issue file(s) could not be read and are left out of the series (see above) / {} 个期刊文件无法读取，未计入（见上）\n",
            unread.len(),
            unread.len()
        ));
    }
    Ok(exit(breaks.is_empty() && unread.is_empty()))
}

pub(super) fn run(args: CheckArgs) -> jianbao::Result<ExitCode> {
    if args.issue.is_dir() {
        return continuity(&args);
    }
    // An article file named alone is checked alone: its text, not the fonts.
    let article = jianbao::input::is_article_file(&args.issue);
    let check = |path: &std::path::Path| {
        if article {
            check::check_file(path)
        } else {
            check::check(path)
        }
    };
    let covered = |args: &CheckArgs| {
        if article {
            Ok(true)
        } else {
            fonts_cover_everything(args)
        }
    };
    let report = check(&args.issue)?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if !args.fix {
        emit(&render(&report));
        if args.diff {
            for f in check::plan_fixes(&report) {
                emit(&f.diff());
            }
        } else if report.fixable() > 0 {
            emit(&format!(
                "运行 jianbao check --fix {0} 自动修改可修改的问题（原文件保存为 .bak）；加 --diff 先查看改动。\nRun `jianbao check --fix {0}` to apply the fixes (originals kept as .bak); add --diff to see them first.\n",
                args.issue.display()
            ));
        }
        let covered = covered(&args)?;
        return Ok(exit(report.is_clean() && covered));
    }
    let fixes = check::plan_fixes(&report);
    for f in &fixes {
        if args.diff {
            emit(&f.diff());
        }
        let backup = check::write_fix(f, !args.no_backup)?;
        let kept = backup
            .map(|b| format!("; original kept as / 原文件保存为 {}", b.display()))
            .unwrap_or_default();
        emit(&format!(
            "fixed {} problem(s) in {} / 已修改 {} 处{kept}\n",
            f.count,
            f.path.display(),
            f.count
        ));
        let was = report
            .articles
            .iter()
            .find(|a| a.path == f.path)
            .map(|a| a.decoded.encoding);
        if was.is_some_and(|e| e != f.encoding) {
            eprintln!(
                "note: {} was written as {} because its encoding cannot hold the new marks / 该文件已改存为 {}",
                f.path.display(),
                f.encoding.name(),
                f.encoding.name()
            );
        }
    }
    // What is left is for the editor.
    let after = check(&args.issue)?;
    emit(&render(&after));
    let covered = covered(&args)?;
    Ok(exit(after.is_clean() && covered))
}

fn exit(clean: bool) -> ExitCode {
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Prints to stdout; a closed pipe (`jianbao check … | head`) is not an error.
fn emit(s: &str) {
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}

/// The report as a table an editor can read, with the count at the end.
fn render(report: &check::Report) -> String {
    let rows: Vec<[String; 4]> = report
        .findings
        .iter()
        .map(|f| {
            [
                format!("{}:{}:{}", f.file.display(), f.line, f.col),
                f.problem.clone(),
                if f.fixable {
                    f.suggestion.clone()
                } else if f.suggestion.is_empty() {
                    "人工 by hand".into()
                } else {
                    format!("人工 by hand: {}", f.suggestion)
                },
                f.context.clone(),
            ]
        })
        .collect();
    let mut out = String::new();
    if !rows.is_empty() {
        out = table(
            [
                "位置 location",
                "问题 problem",
                "修改 fix",
                "上下文 context",
            ],
            &rows,
        );
    }
    out + &summary(report)
}

/// The count line.
fn summary(report: &check::Report) -> String {
    let n = report.findings.len();
    let fixable = report.fixable();
    let files: std::collections::BTreeSet<&std::path::Path> =
        report.findings.iter().map(|f| f.file.as_path()).collect();
    if n == 0 {
        return "标点和空格没有发现问题 / no punctuation or spacing problems found\n".into();
    }
    format!(
        "共 {n} 处问题，涉及 {} 个文件；其中 {fixable} 处可用 --fix 自动修改，{} 处需人工修改。\n{n} problem(s) in {} file(s): {fixable} fixable with --fix, {} to fix by hand.\n",
        files.len(),
        n - fixable,
        files.len(),
        n - fixable
    )
}
