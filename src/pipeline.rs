//! The pipeline, end to end: read → validate → model → layout → export.
//! Each stage lives in its own module; this one only strings them together.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use typst::foundations::Datetime;

use crate::error::{Error, InputError, Result};
use crate::fonts::{FontOptions, FontSet};
use crate::layout;
use crate::model::{self, Issue};
use crate::world::JianbaoWorld;
use crate::{export, issue_file::LoadedIssueFile};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The issue file.
    pub issue: PathBuf,
    /// The PDF to write; default: the issue file with `.pdf`.
    pub output: Option<PathBuf>,
    /// Extra font directories (before the issue file's own and the shipped fonts).
    pub font_dirs: Vec<PathBuf>,
    /// Also use the system's fonts.
    pub system_fonts: bool,
    /// Use the layouts in this directory instead of the built-in ones.
    pub layout_dir: Option<PathBuf>,
    /// A draft (校样) build: every page carries this watermark text (see
    /// [`draft_mark`]); a print build (`None`) never has one.
    pub draft: Option<String>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub bytes: usize,
    pub warnings: Vec<String>,
    pub elapsed: Duration,
}

/// The default output path: the issue file's stem with `.pdf`, beside it.
pub fn default_output(issue: &Path) -> PathBuf {
    issue.with_extension("pdf")
}

/// Everything up to the laid-out pages: the model, the world, the document.
pub struct Prepared {
    pub issue: Issue,
    pub loaded: LoadedIssueFile,
    pub world: JianbaoWorld,
}

/// Reads the issue, loads fonts, and makes the Typst world.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared> {
    let (mut issue, loaded) = model::load(&opts.issue)?;
    issue.draft = opts.draft.clone();
    let mut dirs = opts.font_dirs.clone();
    for d in &loaded.file.font_dirs {
        let path = loaded.base_dir().join(d.get_ref());
        if !path.is_dir() {
            return Err(loaded
                .error_at(
                    d.span(),
                    format!(
                        "font directory not found: {} / 找不到字体目录",
                        path.display()
                    ),
                )
                .help("font_dirs are relative to the issue file")
                .into());
        }
        dirs.push(path);
    }
    let fonts = FontSet::load(&FontOptions {
        dirs,
        system: opts.system_fonts,
        shipped_dir: None,
    })?;
    fonts.resolve_roles(&mut issue.style.fonts)?;
    let json =
        serde_json::to_vec(&issue).map_err(|e| Error::internal(format!("model to JSON: {e}")))?;
    let today = Datetime::from_ymd(issue.issue.year, issue.issue.month, issue.issue.day);
    let world = JianbaoWorld::new(fonts, json, today, opts.layout_dir.clone())
        .map_err(|e| Error::internal(format!("cannot read the layouts: {e}")))?;
    Ok(Prepared {
        issue,
        loaded,
        world,
    })
}

/// Lays out a prepared issue and checks for missing glyphs.
pub fn lay_out(p: &Prepared) -> Result<layout::Laidout> {
    let laid = layout::compile(&p.world)?;
    let missing = layout::missing_glyphs(&laid.document);
    if !missing.is_empty() {
        let mut seen = std::collections::BTreeSet::new();
        let errors = missing
            .into_iter()
            .filter(|m| seen.insert(m.ch))
            .map(|m| {
                InputError::file(
                    &p.loaded.path,
                    format!(
                        "no shipped font has the character {} (U+{:04X}); it would print as an empty box on page {} in «{}» / 字体缺字",
                        m.ch, m.ch as u32, m.page, m.context
                    ),
                )
                .help("add a font that covers it with --font-dir DIR, or replace the character / 用 --font-dir 加入含此字的字体")
            })
            .collect();
        return Err(Error::Many(errors));
    }
    Ok(laid)
}

/// A built issue: the PDF bytes, not yet written anywhere.
#[derive(Debug)]
pub struct Built {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<String>,
}

/// Builds one issue into PDF bytes (what `build` writes; `proof` and `compare` render them).
pub fn pdf_bytes(opts: &BuildOptions) -> Result<Built> {
    let prepared = prepare(opts)?;
    let laid = lay_out(&prepared)?;
    let pdf = export::pdf(&laid.document, &prepared.issue)?;
    Ok(Built {
        pdf,
        pages: laid.document.pages().len(),
        warnings: laid.warnings,
    })
}

/// Builds one issue into a PDF.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let built = pdf_bytes(opts)?;
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| default_output(&opts.issue));
    export::write_atomic(&output, &built.pdf)?;
    Ok(BuildReport {
        output,
        pages: built.pages,
        bytes: built.pdf.len(),
        warnings: built.warnings,
        elapsed: start.elapsed(),
    })
}

/// The watermark of a draft build: 校样 and the build time in China Standard Time,
/// e.g. `校样 2026-11-24 10:31`. The build time is the one thing that varies between
/// two draft builds of the same input.
pub fn draft_mark(now: time::OffsetDateTime) -> String {
    let t = now.to_offset(time::UtcOffset::from_whole_seconds(8 * 3600).expect("UTC+8"));
    format!(
        "校样 {:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}
