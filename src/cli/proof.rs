//! `jianbao proof`: the PDF that `build` writes, as one PNG a page.

use std::path::{Path, PathBuf};
use std::time::Instant;

use jianbao::InputError;
use jianbao::pipeline::{self, BuildOptions};
use jianbao::proof::{self, DEFAULT_DPI, PngFormat};

/// The issue and how to build it: shared by `proof` and `compare`.
#[derive(Debug, clap::Args)]
pub(super) struct SourceArgs {
    /// The issue file (TOML); or the folder that holds it.
    pub issue: PathBuf,
    /// A directory of your own fonts, searched before the shipped fonts. Repeatable.
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dirs: Vec<PathBuf>,
    /// Also use the fonts installed on this system (after the shipped ones).
    #[arg(long)]
    pub system_fonts: bool,
    /// Use the Typst layouts in this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub layout_dir: Option<PathBuf>,
}

impl SourceArgs {
    /// Build options for these arguments (no output file: the PDF stays in memory).
    pub(super) fn build_options(&self, draft: Option<String>) -> BuildOptions {
        BuildOptions {
            issue: jianbao::series::the_issue_in(&self.issue).unwrap_or_else(|| self.issue.clone()),
            output: None,
            font_dirs: self.font_dirs.clone(),
            system_fonts: self.system_fonts,
            layout_dir: self.layout_dir.clone(),
            // The issue file's [print] profile applies: the proof shows the printer's file.
            print: Default::default(),
            draft,
        }
    }
}

#[derive(Debug, clap::Args)]
pub(super) struct ProofArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// The directory for the PNGs (page-1.png, page-2.png, …) [default: the issue
    /// file's name with -proof, beside it].
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Resolution in dots per inch.
    #[arg(long, default_value_t = DEFAULT_DPI, value_parser = parse_dpi)]
    dpi: f32,
    /// Only these pages, e.g. `1,3-4` [default: all].
    #[arg(long, value_name = "LIST", value_parser = parse_page_list)]
    pages: Option<PageList>,
    /// Mark every page with the 校样 watermark and the build time, as `build --draft`.
    #[arg(long)]
    draft: bool,
}

/// A page selection as given on the command line.
#[derive(Debug, Clone)]
pub(super) struct PageList(Vec<std::ops::RangeInclusive<usize>>);

fn parse_page_list(s: &str) -> Result<PageList, String> {
    proof::parse_pages(s).map(PageList)
}

/// A resolution between 10 and 1200 dpi.
pub(super) fn parse_dpi(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(d) if proof::DPI_RANGE.contains(&d) => Ok(d),
        _ => Err(format!(
            "«{s}» is not a resolution between 10 and 1200 dpi / 分辨率须在 10 到 1200 dpi 之间"
        )),
    }
}

/// The default proof directory: `issue-proof` beside `issue.toml`.
fn default_dir(issue: &Path) -> PathBuf {
    let stem = issue.file_stem().unwrap_or_default().to_string_lossy();
    issue.with_file_name(format!("{stem}-proof"))
}

pub(super) fn run(args: ProofArgs) -> jianbao::Result<()> {
    let start = Instant::now();
    let draft = args
        .draft
        .then(|| pipeline::draft_mark(time::OffsetDateTime::now_utc()));
    let built = pipeline::pdf_bytes(&args.source.build_options(draft))?;
    // The pages asked for are checked first: a page out of range is said alone, not
    // after the issue's warnings.
    let pages = match &args.pages {
        Some(PageList(ranges)) => {
            // Checked before the pages are listed: a range may be long.
            if let Some(bad) = ranges.iter().map(|r| *r.end()).find(|&n| n > built.pages) {
                return Err(InputError::file(
                    &args.source.issue,
                    format!(
                        "--pages asks for page {bad}, but the issue has {} pages / 页码超出范围",
                        built.pages
                    ),
                )
                .help(format!("choose pages between 1 and {}", built.pages))
                .into());
            }
            proof::select_pages(ranges)
        }
        None => (1..=built.pages).collect(),
    };
    for w in &built.warnings {
        eprintln!("warning: {w}");
    }
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| default_dir(&args.source.issue));
    std::fs::create_dir_all(&dir).map_err(|e| {
        jianbao::Error::io(
            &dir,
            "cannot create the proof directory / 无法创建校样目录",
            e,
        )
    })?;
    let written = proof::render_pages(&built.pdf, args.dpi, Some(&pages), |n, raster| {
        let path = dir.join(format!("page-{n}.png"));
        proof::write_png(&path, &raster, PngFormat::Exact).map(|()| path)
    })?
    .into_iter()
    .collect::<jianbao::Result<Vec<_>>>()?;
    for path in &written {
        println!("{}", path.display());
    }
    eprintln!(
        "wrote {} page(s) at {} dpi in {:.0} ms",
        written.len(),
        args.dpi,
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
