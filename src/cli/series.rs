//! `jianbao next` and `jianbao new`: the next issue of a series, a new bulletin.

use std::path::PathBuf;

use jianbao::series;

#[derive(Debug, clap::Args)]
pub(super) struct NextArgs {
    /// This issue's file (TOML).
    issue: PathBuf,
    /// The next issue's date, e.g. 2018-08-01 [default: a month on for a bulletin dated
    /// by its month (date_style = "month"), else today, China Standard Time].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = series::parse_date)]
    date: Option<series::Date>,
    /// The next issue's folder [default: this folder's name with the number moved on,
    /// beside it].
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
}

pub(super) fn next(args: NextArgs) -> jianbao::Result<()> {
    let n = series::next(&args.issue, args.date, args.output.as_deref())?;
    let what = n
        .issue_line
        .clone()
        .unwrap_or_else(|| "the next issue".to_owned());
    let date = n.date.map_or_else(
        || "no date, as this issue".to_owned(),
        |(y, m, d)| format!("{y}-{m:02}-{d:02}"),
    );
    println!(
        "wrote {} ({what}, {date}); add its articles as [[article]] tables, then jianbao build {}",
        n.path.display(),
        n.path.display()
    );
    for note in &n.notes {
        println!("  note: {note}");
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub(super) struct NewArgs {
    /// The bulletin's name, printed as its title (e.g. 工作简报).
    name: String,
    /// Where to put it [default: a folder named NAME here].
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// The editing unit over the red rule.
    #[arg(long, default_value = "编辑部编")]
    unit: String,
    /// The first issue's date [default: today, China Standard Time].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = series::parse_date)]
    date: Option<series::Date>,
}

pub(super) fn new(args: NewArgs) -> jianbao::Result<()> {
    let dir = args.output.unwrap_or_else(|| PathBuf::from(&args.name));
    let date = args.date.unwrap_or_else(series::today);
    let issue = series::scaffold(&dir, &args.name, &args.unit, date)?;
    println!(
        "wrote {}/series.toml and {}; build it with: jianbao build {}",
        dir.display(),
        issue.display(),
        issue.display()
    );
    Ok(())
}
