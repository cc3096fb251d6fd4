//! `jianbao eject`.

use std::path::PathBuf;

use jianbao::pipeline::BuildOptions;

#[derive(Debug, clap::Args)]
pub(super) struct EjectArgs {
    /// The issue file (TOML).
    issue: PathBuf,
    /// The directory to write `layouts/*.typ`, `model.json` and `print.json` into.
    dir: PathBuf,
    /// A directory of your own fonts (affects which families the model names). Repeatable.
    #[arg(long = "font-dir", value_name = "DIR")]
    font_dirs: Vec<PathBuf>,
}

pub(super) fn run(args: EjectArgs) -> jianbao::Result<()> {
    let opts = BuildOptions {
        issue: args.issue,
        font_dirs: args.font_dirs,
        ..Default::default()
    };
    jianbao::eject::eject(&opts, &args.dir)?;
    // The fonts by their full paths, the shipped ones and the user's: `--font-path
    // fonts` worked only from jianbao's own folder, and Typst, finding none of the
    // families, stopped at «cannot divide by zero» (QA12 C 06).
    let full =
        |p: &std::path::Path| shell_word(&std::path::absolute(p).unwrap_or_else(|_| p.to_owned()));
    let font_paths: String = jianbao::typeset::fonts::shipped_dir()
        .iter()
        .chain(&opts.font_dirs)
        .map(|d| format!(" --font-path {}", full(d)))
        .collect();
    let dir = full(&args.dir);
    println!(
        "wrote {0}/layouts/*.typ, {0}/model.json, {0}/print.json and the photos; compile with: typst compile --root {dir}{font_paths} --ignore-system-fonts --ignore-embedded-fonts {dir}/layouts/main.typ",
        args.dir.display()
    );
    Ok(())
}

/// A path as one word of a shell command: quoted when it holds anything but letters,
/// figures and / . _ - (a space, a quote).
fn shell_word(p: &std::path::Path) -> String {
    let s = p.to_string_lossy();
    if s.chars().all(|c| c.is_alphanumeric() || "/._-".contains(c)) {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
