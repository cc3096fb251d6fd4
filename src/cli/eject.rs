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
    println!(
        "wrote {0}/layouts/*.typ, {0}/model.json, {0}/print.json and the photos; compile with: typst compile --root {0} --font-path fonts --ignore-system-fonts {0}/layouts/main.typ",
        args.dir.display()
    );
    Ok(())
}
