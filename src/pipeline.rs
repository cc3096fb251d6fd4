//! The pipeline, end to end: read → validate → model → layout → export.
//! Each stage lives in its own module; this one only strings them together.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::error::{Error, InputError, Result};
use crate::input::article::{Block, HoldBefore};
use crate::input::issue_file::LoadedIssueFile;
use crate::model::{self, Issue};
use crate::output::print::{self, PrintOverrides, PrintSettings};
use crate::output::{export, files};
use crate::typeset::compile::{self, FontUse};
use crate::typeset::fontcheck::{self, Coverage};
use crate::typeset::fonts::{FontOptions, FontSet};
use crate::typeset::world::{JianbaoWorld, LayoutData, Layouts};

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
    /// Command-line overrides of the issue file's `[print]` profile.
    pub print: PrintOverrides,
    /// A draft (校样) build: every page carries this watermark text (see
    /// [`draft_mark`]); a print build (`None`) never has one.
    pub draft: Option<String>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    /// Where the footer went and the room left on the last page.
    pub layout_note: Option<String>,
    pub bytes: usize,
    pub warnings: Vec<String>,
    pub elapsed: Duration,
    /// Which face set which character, and the fallbacks with their places.
    pub coverage: Coverage,
    /// Characters typeset per face, from the laid-out pages.
    pub font_use: Vec<FontUse>,
    /// Whether the PDF's colours were audited, or proven from the pages instead.
    pub audited: bool,
    /// How long each stage took, in order.
    pub timings: Timings,
    /// A line per photo: its file, pixels, placed size and resolution.
    pub photos: Vec<String>,
}

/// How long each stage of a build took, in order (`build --timings`).
#[derive(Debug, Clone, Default)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    /// Runs `f` and records its time under `stage`.
    pub fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push((stage, start.elapsed()));
        out
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: Duration = self.0.iter().map(|(_, d)| *d).sum();
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(stage, d)| format!("{stage} {:.1}", d.as_secs_f64() * 1000.0))
            .collect();
        write!(
            f,
            "{} (ms; {:.1} in all)",
            parts.join(", "),
            total.as_secs_f64() * 1000.0
        )
    }
}

/// The default output path: the issue file's stem with `.pdf`, beside it.
pub fn default_output(issue: &Path) -> PathBuf {
    issue.with_extension("pdf")
}

/// The default output path of the archival file: the stem with `.pdfa.pdf`.
pub fn default_archive_output(issue: &Path) -> PathBuf {
    issue.with_extension("pdfa.pdf")
}

/// Everything up to the laid-out pages: the model, the world, the document.
pub struct Prepared {
    pub issue: Issue,
    pub loaded: LoadedIssueFile,
    pub world: JianbaoWorld,
    pub print: PrintSettings,
    /// The font coverage of the model (checked before layout).
    pub coverage: Coverage,
    /// Warnings found before layout (fonts named in the issue file but not found).
    pub warnings: Vec<String>,
    /// How long reading, fonts, the check and the world took.
    pub timings: Timings,
    /// The layouts' directory, when not the built-in ones (its files are inputs).
    pub layout_dir: Option<PathBuf>,
    /// Under `watch`, where the next rebuild's layout starts (see `compile::Seed`);
    /// `None` for a cold build, whose layout starts from nothing.
    pub seed: Option<compile::Seed>,
    /// A build of this one issue, whose process ends after it (`build_alone`):
    /// Typst's caches are let go between the layout and the export when it has more
    /// than `FORGET_FROM_PAGES` pages (see `compile::forget_layouts`). Not under
    /// `watch`, whose next save uses them, nor for `batch`, whose issues share them.
    pub one_shot: bool,
}

/// Resolves the print profile (issue file, then command line) and applies what the
/// layout must know to the model.
pub fn apply_print(
    opts: &BuildOptions,
    loaded: &LoadedIssueFile,
    issue: &mut Issue,
) -> Result<PrintSettings> {
    let print = PrintSettings::resolve(loaded, &opts.print)?;
    issue.print = print.layout();
    if let Some(red) = &print.red {
        issue.style.red = red.clone();
    }
    Ok(print)
}

/// The font directories of a build: the command line's, then the issue file's.
pub fn font_dirs(opts: &BuildOptions, loaded: &LoadedIssueFile) -> Result<Vec<PathBuf>> {
    let mut dirs = opts.font_dirs.clone();
    for d in &dirs {
        crate::input::issue_file::check_font_dir(d)?;
    }
    dirs.extend(loaded.font_dirs()?);
    Ok(dirs)
}

/// The fonts of a build: `--font-dir`s, then the issue file's `font_dirs`, then the
/// shipped fonts, then (if asked) the system's.
pub fn load_fonts(opts: &BuildOptions, loaded: &LoadedIssueFile) -> Result<FontSet> {
    FontSet::load(&FontOptions {
        dirs: font_dirs(opts, loaded)?,
        system: opts.system_fonts,
        shipped_dir: None,
    })
}

/// The model fitted to the fonts at hand: JSON for the layout, the coverage of every
/// character (a character no font has is an error here), and warnings.
pub struct Fitted {
    pub data: LayoutData,
    pub coverage: Coverage,
    pub warnings: Vec<String>,
}

/// Fits the model to the fonts: drops absent families from the roles, checks that
/// every character has a font, and serialises the model for the layout. Warns, an
/// article a line, of punctuation `check` would flag (printed as typed).
pub fn fit_model(fonts: &FontSet, loaded: &LoadedIssueFile, issue: &mut Issue) -> Result<Fitted> {
    let mut warnings: Vec<String> = fontcheck::unknown_families(loaded, &issue.style.fonts, fonts)
        .iter()
        .map(|u| u.to_string())
        .collect();
    fonts.resolve_roles(&mut issue.style.fonts)?;
    // The punctuation notes (an article at a time) and the font coverage read the
    // model and change nothing: one on each core.
    let issue = &*issue;
    let (notes, coverage) = rayon::join(
        || {
            issue
                .articles
                .par_iter()
                // A Word file's place is its paragraph's number: a place in the
                // Markdown it becomes is no place an editor can find in the .docx.
                .filter_map(|a| {
                    crate::proofread::check::punctuation_note(
                        &a.path,
                        &a.source,
                        &a.paragraphs,
                        &loaded.file.check,
                    )
                })
                .collect::<Vec<_>>()
        },
        || fontcheck::check(issue, loaded, fonts),
    );
    warnings.extend(crate::proofread::check::fields_note(loaded, issue));
    warnings.extend(crate::series::placeholders_note(issue));
    warnings.extend(crate::series::label_note(loaded));
    warnings.extend(notes);
    let coverage = coverage?;
    warnings.extend(coverage.fallback_note());
    Ok(Fitted {
        data: LayoutData::of(issue, false)?,
        coverage,
        warnings,
    })
}

/// The issue's photos encoded for the file being made: gray for the printer's
/// two-colour file, their own colours for the PDF/A archive.
/// Timed as the stage "photos" when there are any.
pub fn encode_photos(
    issue: &Issue,
    print: &PrintSettings,
    timings: &mut Timings,
) -> Result<Vec<crate::typeset::world::ExtraFile>> {
    if issue.photos.is_empty() {
        return Ok(Vec::new());
    }
    // The archive keeps the photos' colours; a four-colour print file gets them in
    // sRGB too, to be separated after export; a two-colour one gets them in gray.
    let colours = if print.pdfa || print.press_profile.is_some() {
        crate::input::photo::Colours::Own
    } else {
        crate::input::photo::Colours::Gray
    };
    if !print.pdfa
        && print.press_profile.is_some()
        && let Some(p) = issue.photos.iter().find(|p| p.cmyk_source)
    {
        let message = format!(
            "{} is already separated into CMYK, for a press we do not know: separating it again for this one would shift its colours / 该图片已分色为 CMYK，无法按本印刷机重新分色",
            p.origin
        );
        let help = "give the photo's RGB original (as the camera or the office took it), or print the photos in black: colours = \"two\" / 请提供 RGB 原图，或改用双色";
        return Err(match &p.path {
            Some(path) => InputError::file(path, message).help(help).into(),
            None => InputError::file(&issue.articles[0].path, message)
                .help(help)
                .into(),
        });
    }
    timings.time("photos", || {
        issue
            .photos
            .iter()
            .map(|p| Ok((p.vpath.clone(), crate::input::photo::encode(p, colours)?)))
            .collect::<std::result::Result<_, String>>()
            .map_err(Error::internal)
    })
}

/// Reads the issue, loads fonts, checks that every character has a font, and makes
/// the Typst world.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared> {
    let layouts = Layouts::spawn(opts.layout_dir.clone());
    let mut timings = Timings::default();
    let (mut issue, loaded, print) = timings.time("read", || -> Result<_> {
        let (mut issue, loaded) = model::load(&opts.issue)?;
        // Before anything is laid out: an issue far longer than any bulletin is a
        // wrong file, refused now rather than after minutes and gigabytes.
        model::check_page_estimate(&loaded, &issue)?;
        issue.draft = opts.draft.clone();
        let print = apply_print(opts, &loaded, &mut issue)?;
        Ok((issue, loaded, print))
    })?;
    let fonts = timings.time("fonts", || load_fonts(opts, &loaded))?;
    let Fitted {
        data,
        coverage,
        mut warnings,
    } = timings.time("check", || fit_model(&fonts, &loaded, &mut issue))?;
    warnings.splice(0..0, fonts.warnings.iter().cloned());
    // The faces the text needs load on other threads while the layouts are finished
    // and the layout starts.
    fonts.prefetch(coverage.faces.iter().map(|&(_, slot)| slot));
    let photos = encode_photos(&issue, &print, &mut timings)?;
    let today = issue
        .issue
        .date
        .and_then(|(y, m, d)| Datetime::from_ymd(y, m, d));
    // "world": what is left of making the layouts when the issue is ready.
    let layouts = timings
        .time("world", || layouts.wait())
        .map_err(|e| match &opts.layout_dir {
            // Only a layout directory of the user's is read from disk.
            Some(dir) => InputError::file(dir, format!("cannot read a layout of --layout-dir: {e}"))
                .help("the directory must hold every file `jianbao eject ISSUE DIR` writes to DIR/layouts / --layout-dir 须包含 jianbao eject 导出的全部版式文件")
                .into(),
            None => Error::internal(format!("cannot read the layouts: {e}")),
        })?;
    let world = JianbaoWorld::new(layouts, fonts, data, photos, today);
    Ok(Prepared {
        issue,
        loaded,
        world,
        print,
        coverage,
        warnings,
        timings,
        layout_dir: opts.layout_dir.clone(),
        seed: None,
        one_shot: false,
    })
}

/// Lays out a prepared issue and checks for missing glyphs.
pub fn lay_out(p: &Prepared) -> Result<compile::Laidout> {
    let mut laid = match &p.seed {
        Some(seed) => seed.compile(&p.world)?,
        None => compile::compile(&p.world)?,
    };
    let missing = compile::missing_glyphs(&laid.document);
    if !missing.is_empty() {
        let mut seen = std::collections::BTreeSet::new();
        let errors = missing
            .into_iter()
            .filter(|m| seen.insert(m.ch))
            .map(|m| {
                InputError::file(
                    &p.loaded.path,
                    format!(
                        "the font {} has no glyph for the character {} (U+{:04X}); it would print as an empty box on page {} in «{}» / 字体缺字 (the check before layout missed it: please report this)",
                        m.font, m.ch, m.ch as u32, m.page, m.context
                    ),
                )
                .help("add a font that covers it with --font-dir DIR, or replace the character / 用 --font-dir 加入含此字的字体")
            })
            .collect();
        return Err(Error::Many(errors));
    }
    let style = &p.issue.style;
    let masthead = compile::masthead_fit(&laid.document);
    if let Some(fit) = &masthead
        && fit.overflow > 0.5
    {
        return Err(p
            .loaded
            .error_at(
                p.loaded.span_of(&["bulletin", "title"]),
                format!(
                    "the masthead title does not fit: {:.0} pt wider than its {} line(s) of {:.0} pt, even compressed to {:.0} % and set at {:.0} pt / 报头标题过长，压缩和缩小字号后仍超出 {:.0} pt",
                    fit.overflow,
                    fit.lines,
                    fit.room,
                    fit.scale * 100.0,
                    fit.size,
                    fit.overflow
                ),
            )
            .help("shorten the title (the issuing body can go in [bulletin] issuer, a smaller line over it, or in the unit line), or allow more lines: [style] masthead_max_lines = 2 / 请缩短报头标题（发文单位名称可移入 [bulletin] issuer，排在标题上方），或设置 [style] masthead_max_lines = 2")
            .into());
    }
    if let Some(fit) = &masthead {
        let full = style.fonts.masthead.size.0;
        if fit.size < full - 0.05 {
            laid.warnings.push(format!(
                "the masthead title is set at {:.0} pt instead of {full:.0} pt{} to fit {} line(s) / 报头标题过长，已缩小为 {:.0} pt{}; help: {}shorten [bulletin] title{}",
                fit.size,
                if fit.scale < 1.0 { format!(" and compressed to {:.0} %", fit.scale * 100.0) } else { String::new() },
                fit.lines,
                fit.size,
                if fit.scale < 1.0 { format!("并压缩至 {:.0}%", fit.scale * 100.0) } else { String::new() },
                // More lines only when the layout found a line more would set it
                // narrower: it said so of a fourth line that could not (QA12 C 16).
                if fit.more {
                    format!("with [style] masthead_max_lines = {} it is set larger on more lines (a `\\n` in [bulletin] title breaks it where you want), or ", style.masthead_max_lines + 1)
                } else {
                    String::new()
                },
                // A title that opens with its issuing body (青山理工大学国际合作与交流工作简讯):
                // the body's name is better a smaller line over it.
                if p.issue.bulletin.issuer.is_none() {
                    ": the issuing body's name can go in [bulletin] issuer, a smaller line over it (发文单位名称可移入 issuer)"
                } else {
                    ""
                },
            ));
        }
    }
    if let Some(fit) = compile::unit_line_fit(&laid.document) {
        if fit.overflow > 0.5 {
            return Err(p
                .loaded
                .error_at(
                    p.loaded.span_of(&["bulletin", "unit"]),
                    format!(
                        "the editing unit does not fit {}: {:.0} pt too wide even compressed to {:.0} % / 编印单位过长，{}排不进一行（压缩后仍超出 {:.0} pt）",
                        if fit.dated { "beside the date" } else { "its line" },
                        fit.overflow,
                        fit.scale * 100.0,
                        if fit.dated { "与日期" } else { "" },
                        fit.overflow
                    ),
                )
                .help(format!(
                    "shorten unit to about {} characters (a second issuing body can go in [bulletin] issuer, over the title) / 请缩短 unit，约 {} 个字以内",
                    (fit.room / style.fonts.unit_line.size.0).floor(),
                    (fit.room / style.fonts.unit_line.size.0).floor()
                ))
                .into());
        }
        if fit.scale < 0.999 {
            laid.warnings.push(format!(
                "the editing unit is compressed to {:.0} % to fit {} / 编印单位较长，已横向压缩至 {:.0}%",
                fit.scale * 100.0,
                if fit.dated { "beside the date" } else { "its line" },
                fit.scale * 100.0
            ));
        }
    }
    if let Some(fit) = compile::pinyin_fit(&laid.document) {
        let pinyin = p.issue.bulletin.pinyin.as_deref().unwrap_or_default();
        if fit.over > 0.5 {
            // The characters that fit, at the line's average width.
            let n = pinyin.chars().count() as f64;
            let keep = (n * (1.0 - fit.over / (fit.over + style.page.block_width.0))).floor();
            return Err(p
                .loaded
                .error_at(
                    p.loaded.span_of(&["bulletin", "pinyin"]),
                    format!(
                        "the masthead's pinyin line does not fit one line: {:.0} pt too wide even compressed to {:.0} % and set at {:.0} % of its size / 报头拼音（英文）行过长，压缩并缩小后仍超出 {:.0} pt",
                        fit.over,
                        fit.floor * 100.0,
                        fit.size * 100.0,
                        fit.over
                    ),
                )
                .help(format!(
                    "shorten pinyin to about {keep} characters (the bulletin's name in pinyin, or a short English name) / 请缩短 pinyin，约 {keep} 个字符以内"
                ))
                .into());
        }
        if fit.scale < 0.999 || fit.size < 0.999 {
            let (smaller, smaller_zh) = if fit.size < 0.999 {
                (
                    format!(" and set at {:.0} % of its size", fit.size * 100.0),
                    format!("并缩小至 {:.0}%", fit.size * 100.0),
                )
            } else {
                (String::new(), String::new())
            };
            laid.warnings.push(format!(
                "the masthead's pinyin line is compressed to {:.0} %{smaller} to fit one line; shorten [bulletin] pinyin / 报头拼音（英文）行过长，已横向压缩至 {:.0}%{smaller_zh}，请缩短 pinyin",
                fit.scale.max(fit.floor) * 100.0,
                fit.scale.max(fit.floor) * 100.0
            ));
        }
    }
    // (A few per cent narrower is not seen: said from a tenth.)
    if let Some(fit) = compile::issuer_fit(&laid.document)
        && fit.scale < 0.9
    {
        // On two lines already, the advice is to shorten it (it was to break it with
        // \n, which it was, QA18 N 10).
        let (two, two_zh) = match fit.lines {
            1 => (
                "; a long one prints on two lines: issuer = \"第一行\\n第二行\"",
                "可用 \\n 分两行",
            ),
            _ => (
                "s; shorten it (a common abbreviation, 江岭省政协, or the session's name alone)",
                "请缩短（如用规范简称）",
            ),
        };
        laid.warnings.push(p.loaded.note_at(
            p.loaded.span_of(&["bulletin", "issuer"]),
            &format!(
                "the issuer over the masthead is compressed to {:.0} % to fit its line{two} / 报头上方的主办单位行过长，已横向压缩至 {:.0}%，{two_zh}",
                fit.scale * 100.0,
                fit.scale * 100.0
            ),
        ));
    }
    // An article's notes run on to the next page (the last one alone on a sheet of its
    // own, as r13 found): said, with the article.
    let ends = compile::article_ends(&laid.document);
    for (article, start) in compile::notes_starts(&laid.document) {
        if let Some(&(_, end)) = ends.iter().find(|(a, _)| *a == article)
            && end > start
            && let Some(a) = p.issue.articles.get(article)
        {
            let title = a.title.concat();
            laid.warnings.push(format!(
                "{}: the notes of «{}» begin on page {start} and run on to page {end}: keep them on one page: shorten the text or the notes by a line or two, or make a long note part of the text / 注释从第 {start} 页转到第 {end} 页：请略减正文或注释，使注释排在同一页",
                a.path.display(),
                if title.is_empty() { "(untitled)".to_owned() } else { title }
            ));
        }
    }
    // 本期要目 belongs on page 1: run on past it, said with the lines over.
    if let Some(c) = compile::contents_end(&laid.document)
        && c.page > 1
    {
        // The lines above the rule on that page, and the rule's.
        let over = ((c.end - c.top) / c.pitch).round().max(0.0) + 1.0;
        laid.warnings.push(format!(
            "本期要目 runs on to page {} ({over:.0} line(s) there, its closing rule's among them): a bulletin's contents stay on page 1; shorten the longest entries (contents_title = \"…\" under their [[article]]), or leave out some articles' entries (in_contents = false under their [[article]]) / 本期要目排到了第 {} 页（多出 {over:.0} 行）：请用 contents_title 缩短较长的条目，或在部分文章下写 in_contents = false 减少条目",
            c.page, c.page
        ));
    }
    // The 领导批示 box stays whole on page 1 under the masthead, with room for the report
    // to begin: too tall, it is an error with the lines there are; leaving the report
    // under three lines of page 1, it is said.
    let box_lines = i64::from(p.issue.bulletin.instruction_lines);
    if let Some(at) = compile::instruction_at(&laid.document).filter(|_| box_lines > 0) {
        let left = at.lines_left();
        let span = p.loaded.span_of(&["bulletin", "instruction_lines"]);
        if at.page > 1 || box_lines > left {
            return Err(p
                .loaded
                .error_at(
                    span,
                    format!(
                        "the 领导批示 box of {box_lines} lines does not fit on page 1: {} line(s) are left under the masthead / 领导批示框 {box_lines} 行，报头下只剩 {} 行",
                        left.max(0),
                        left.max(0)
                    ),
                )
                .help(format!(
                    "give instruction_lines = {} or fewer, which leaves three lines under the box{}; nothing was written / 请把 instruction_lines 改为 {} 行以下{}；未写出 PDF",
                    (left - 3).max(1),
                    // What stands between the box and the report takes its lines first
                    // (QA6: the advice, followed, left the report on page 2).
                    if p.issue.issue.contents || p.issue.issue.note.is_some() {
                        " (the 本期要目 and the 编者按 come first: the report itself may begin on page 2)"
                    } else {
                        " for the report to begin"
                    },
                    (left - 3).max(1),
                    if p.issue.issue.contents || p.issue.issue.note.is_some() {
                        "（本期要目、编者按排在正文之前，正文仍可能从第 2 页开始）"
                    } else {
                        ""
                    },
                ))
                .into());
        }
        if left - box_lines < 3 {
            laid.warnings.push(p.loaded.note_at(
                span,
                &format!(
                    "the 领导批示 box of {box_lines} lines leaves {} line(s) of page 1 for the report: it begins on page 2; instruction_lines = {} keeps three lines of it on page 1 / 领导批示框占去第 1 页，正文从第 2 页开始",
                    left - box_lines,
                    (left - 3).max(1)
                ),
            ));
        }
    }
    // A 报尾 taller than a page prints over itself: said as what it is, not as the
    // overprints it makes.
    // (A page of 22 lines is 22 pitches less the gap under the last line: a 报尾 of
    // 21.6 pitches does not fit it.)
    if let Some(f) = compile::footer_fit(&laid.document) {
        let gap = f.pitch - style.fonts.body.size.0;
        let taken = ((f.tightest() + gap) / f.pitch - 0.02).ceil() as i64;
        if taken > i64::from(style.page.lines) {
            return Err(footer_too_tall(taken, p));
        }
    }
    if let Some((page, wide)) = compile::tables_too_wide(&laid.document).into_iter().next() {
        let name = match wide.caption.trim() {
            "" => "a table".to_owned(),
            c => format!("the table «{c}»"),
        };
        let mm = wide.over / 72.0 * 25.4;
        let what = format!(
            "{name} of {} columns is {mm:.0} mm wider than the text block even at 小五 (9 pt) with its figures and words kept whole: it would print into the margin / 表格共 {} 列，缩至小五号仍比版心宽 {mm:.0} 毫米，会排到页边之外",
            wide.columns, wide.columns
        );
        // Where it stands in its article's file (no PDF is written to find page N in):
        // at its first header cell's text there, and which of the article's tables.
        let in_article = wide.at.and_then(|at| {
            let a = p.issue.articles.get(at.article)?;
            let Some(Block::Table(t)) = a.blocks.get(at.block) else {
                return None;
            };
            let nth = a.blocks[..=at.block]
                .iter()
                .filter(|b| matches!(b, Block::Table(_)))
                .count();
            let cell = t
                .header
                .iter()
                .map(|c| c.iter().map(|i| i.text.as_str()).collect::<String>())
                .find(|c| !c.trim().is_empty())?;
            let at = a.source.find(cell.trim())?;
            Some((a, at..at + cell.trim().len(), nth))
        });
        let error = match in_article {
            Some((a, range, nth)) => {
                let what = format!("table {nth} of the article (文中第 {nth} 个表格): {what}");
                if a.paragraphs.is_empty() {
                    InputError::at(&a.path, &a.source, range, what)
                } else {
                    let n = crate::input::docx::Converted::paragraph_at(&a.paragraphs, range.start);
                    InputError::file(&a.path, format!("paragraph {n}: {what}"))
                }
            }
            None => InputError::file(&p.loaded.path, format!("page {page}: {what}")),
        };
        return Err(error
        .help("split it into two tables (a table of months: 1—5 in one and 6—10 in the other, each with the name column), drop a column, or shorten a cell's long word (a code, a file name) / 请拆成两个表（如1—5月、6—10月各一表），删去部分列，或缩短单元格中不能断开的长串（编码、文件名等）")
        .into());
    }
    let page = &style.page;
    let (overprints, past) = compile::misplaced(
        &laid.document,
        Some(compile::TextBlock {
            left: page.left.0,
            right: page.left.0 + page.block_width.0,
            size: style.fonts.body.size.0,
        }),
    );
    laid.warnings.extend(past_block_note(&past, &p.issue));
    if !overprints.is_empty() {
        let errors = overprints
            .iter()
            .take(5)
            .map(|o| {
                let what = match &o.covers {
                    Some(c) => format!(
                        "page {}: «{}» overprints «{c}» ({:.1} × {:.1} pt): the layout could not place it / 第 {} 页文字重叠",
                        o.page, o.text, o.width, o.height, o.page
                    ),
                    None => format!(
                        "page {}: «{}» runs off the page by {:.1} pt / 第 {} 页文字超出页面",
                        o.page, o.text, o.width.max(o.height), o.page
                    ),
                };
                // Text of an article (a code, a file name, a URL without a space): at its
                // place there, and said as what it is.
                let in_article = run_in_article(&p.issue, &o.text);
                let place = |a: &crate::model::Article, at: usize, run: &str| match a.paragraphs.is_empty() {
                    true => InputError::at(&a.path, &a.source, at..at + run.len(), what.clone()),
                    false => InputError::file(
                        &a.path,
                        format!(
                            "paragraph {}: {what}",
                            crate::input::docx::Converted::paragraph_at(&a.paragraphs, at)
                        ),
                    ),
                };
                match in_article {
                    Some((a, at, run)) => place(a, at, run)
                        .help(
                            "a run of letters, digits or marks with no space in it cannot break at a line's end: put a space into it where it may break (after a / or a - in a code or an address), or shorten it; nothing was written / 连续的字母、数字无法换行：请在可断开处加空格，或缩短；未写出 PDF",
                        ),
                    None => InputError::file(&p.loaded.path, what).help(
                        "shorten the text named (a masthead title, a title), or make its size or the page's settings in [style] fit; nothing was written / 请缩短该处文字或调整 [style] 中的字号、版面设置；未写出 PDF",
                    ),
                }
            })
            .collect();
        return Err(Error::Many(errors));
    }
    Ok(laid)
}

/// Builds one issue into a PDF.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_as(opts, false)
}

/// As [`build`], in a process that builds this one issue and ends (`jianbao build
/// ISSUE.toml`): Typst's caches are let go between the layout and the export
/// (`Prepared::one_shot`). The same PDF.
pub fn build_alone(opts: &BuildOptions) -> Result<BuildReport> {
    build_as(opts, true)
}

fn build_as(opts: &BuildOptions, one_shot: bool) -> Result<BuildReport> {
    let start = Instant::now();
    crate::typeset::fonts::release_fonts_after_subset();
    let mut prepared = prepare(opts)?;
    prepared.one_shot = one_shot;
    let output = output_path(opts, &prepared);
    let report = finish(&mut prepared, &output, start);
    // Its process ends after it: the world (fonts, layouts, the model) is left to the
    // system, 3–5 ms of a 101-page build to free (issue 20).
    if one_shot {
        std::mem::forget(prepared);
    }
    report
}

/// Where the PDF goes: `-o`, or beside the issue file (`.pdfa.pdf` for the archive).
pub fn output_path(opts: &BuildOptions, prepared: &Prepared) -> PathBuf {
    opts.output.clone().unwrap_or_else(|| {
        if prepared.print.pdfa {
            default_archive_output(&opts.issue)
        } else {
            default_output(&opts.issue)
        }
    })
}

/// A PDF made in memory: what `build` writes, and what `proof` and `compare` render.
pub struct Built {
    pub pdf: Vec<u8>,
    /// Where the footer went and the room left on the last page, for the editor.
    pub layout_note: Option<String>,
    pub pages: usize,
    pub warnings: Vec<String>,
    /// Characters typeset per face, from the laid-out pages.
    pub font_use: Vec<FontUse>,
    /// Whether the PDF's colours were audited: not when the pages proved them (see
    /// [`needs_audit`]), or for an archival PDF/A file.
    pub audited: bool,
    /// How long layout, export and the print steps took.
    pub timings: Timings,
    /// The photos the layout made smaller to keep them in their sections: each one's
    /// file (`PhotoFile::vpath`) and scale.
    pub shrunk: Vec<(String, f64)>,
}

/// A one-issue build of more pages than this lets Typst's caches go before its
/// export (see `Prepared::one_shot`).
const FORGET_FROM_PAGES: usize = 8;

/// Lays out a prepared issue and exports it (print post-processing, colour audit when
/// it is needed), without writing anything.
pub fn render(prepared: &mut Prepared) -> Result<Built> {
    let mut timings = Timings::default();
    let laid = timings.time("layout", || fit_pages(prepared))?;
    // Only where it pays: the caches' share of the peak grows with the pages (13
    // pages 2.2 MiB less, 27 pages 4.9, 101 pages 8–9), while letting them go costs
    // about 4 ms (5 % of the sample's build, which it left 0.7 MiB lower).
    if prepared.one_shot && laid.document.pages().len() > FORGET_FROM_PAGES {
        compile::forget_layouts();
    }
    let settings = &prepared.print;
    // Which face set which character, and whether the pages prove the colours (only
    // where that decides: not for a user's layouts, photos or PDF/A), are read off the
    // pages beside the export (on another core), not after it: 2–3 ms of a 98-page
    // rebuild. The stage "pdf" counts both.
    let prove = !settings.pdfa && !needs_audit(prepared, None);
    let fonts = prepared.world.fonts();
    // So are the warnings read off the pages (the 报尾's place, photos and tables
    // moved, loose lines): 4–7 ms of a 101-page build after its export.
    let (bytes, (font_use, unproven, notes)) = timings.time("pdf", || {
        rayon::join(
            || export::pdf(&laid.document, &prepared.issue, settings.pdfa),
            || {
                (
                    compile::font_use(&laid.document, fonts),
                    prove
                        .then(|| print::proven::unproven(&laid.document))
                        .flatten(),
                    PageNotes::of(&laid.document, &prepared.issue),
                )
            },
        )
    });
    let bytes = bytes?;
    let bytes = if settings.pdfa || prepared.issue.photos.is_empty() {
        bytes
    } else if let Some(profile) = &settings.press_profile {
        let given: Vec<(&[u8], &crate::input::photo::PhotoFile)> = prepared
            .issue
            .photos
            .iter()
            .filter_map(|p| Some((prepared.world.photo(&p.vpath)?, p)))
            .collect();
        timings.time("photos", || print::cmyk_photos(bytes, &given, profile))?
    } else {
        timings.time("photos", || print::device_gray_photos(bytes))?
    };
    let pdf = timings.time("print", || print::finish(bytes, settings))?;
    let mut warnings = prepared.issue.warnings.clone();
    warnings.extend(prepared.warnings.iter().cloned());
    warnings.extend(laid.warnings);
    warnings.extend(notes.first);
    // A photo made smaller has more ppi than it was read with: its warning of too few
    // said what it no longer is (102 ppi for a photo set at 65 %, 156 ppi). It goes,
    // or says the size and ppi the photo prints at.
    let block = prepared.issue.style.page.block_width.0;
    warnings = warnings
        .into_iter()
        .filter_map(|w| {
            let said = notes.shrunk.iter().find_map(|(vpath, scale)| {
                let (f, head) = prepared.issue.photos.iter().find_map(|f| {
                    let head = w.strip_suffix(f.soft.as_deref()?)?;
                    (f.vpath == *vpath).then_some((f, head))
                })?;
                Some(f.soft_at(*scale, block).map(|soft| format!("{head}{soft}")))
            });
            said.unwrap_or(Some(w))
        })
        .collect();
    warnings.extend(notes.rest);
    warnings.extend(settings.notes.iter().cloned());
    let pages = laid.document.pages().len();
    let footer = notes.footer;
    let after_block = notes.after_block;
    let mut built = Built {
        pdf,
        layout_note: footer.as_ref().map(|f| {
            if after_block.is_some() {
                format!("报尾 alone on page {}", f.page)
            } else if prepared.issue.style.footer_on_even_page {
                footer_note_even(f, pages)
            } else {
                footer_note(f, pages)
            }
        }),
        pages,
        warnings,
        font_use,
        audited: needs_audit(prepared, unproven.as_deref()),
        timings,
        shrunk: notes.shrunk,
    };
    if built.audited {
        audit_colours(&built.pdf, &mut built.timings)?;
    }
    // A build whose process ends after it leaves its pages to the system: freeing a
    // 101-page document took 4–5 ms (issue 20).
    if prepared.one_shot {
        std::mem::forget(laid.document);
    }
    Ok(built)
}

/// The warnings read off the laid-out pages, in the order they are said: made on
/// another core while the PDF is written ([`render`]).
struct PageNotes {
    footer: Option<compile::FooterFit>,
    /// The 报尾 alone after a block that would not part from it (its warning is in
    /// `first`).
    after_block: Option<String>,
    /// The 报尾's place and the photos held to the next page: before a photo's
    /// resolution warning is said again for the size it was made (`shrunk`).
    first: Vec<String>,
    /// The photos the layout made smaller: each one's file and scale.
    shrunk: Vec<(String, f64)>,
    /// Photos and tables that opened a page, long titles, the 报尾's 共印 line, loose
    /// lines and pages left short.
    rest: Vec<String>,
}

impl PageNotes {
    fn of(doc: &PagedDocument, issue: &Issue) -> PageNotes {
        let pages = doc.pages().len();
        let footer = compile::footer_fit(doc);
        let after_block = footer
            .as_ref()
            .and_then(|f| footer_after_block(doc, f, issue));
        let mut first: Vec<String> = after_block
            .clone()
            .or_else(|| footer.as_ref().and_then(|f| footer_alone(f, pages, issue)))
            .into_iter()
            .collect();
        // The pages a photo or a table left short are said with it, not again.
        let mut short_said = std::collections::BTreeSet::new();
        let mut with_page = |said: Vec<(std::ops::RangeInclusive<usize>, String)>| -> Vec<String> {
            said.into_iter()
                .map(|(page, w)| {
                    short_said.extend(page);
                    w
                })
                .collect()
        };
        first.extend(with_page(photos_held(doc, issue)));
        let shrunk = shrunk_photos(doc, issue);
        let mut rest = with_page(photos_opening_pages(doc, issue));
        rest.extend(with_page(tables_moved(doc)));
        rest.extend(long_titles(doc, issue));
        if compile::print_count_apart(doc) {
            rest.push(
                "the 报尾: 共印…份 is set on a row of its own, not beside the 责任编辑 line as print_count_placement = \"editors\" asks: the editors' names fill that line; shorten the list of names, or leave print_count_placement out / 报尾：责任编辑一行已排满，印数另起一行排出；如需与责任编辑同行，请精简姓名".to_owned(),
            );
        }
        rest.extend(loose_lines_note(doc, issue));
        rest.extend(pages_left_short(doc, issue, &short_said));
        PageNotes {
            footer,
            after_block,
            first,
            shrunk,
            rest,
        }
    }
}

/// The printer's file: proves there is no RGB, no ICC-based colour, no rich black.
fn audit_colours(pdf: &[u8], timings: &mut Timings) -> Result<()> {
    let audit = timings.time("audit", || print::audit(pdf))?;
    if !audit.problems.is_empty() {
        return Err(Error::internal(format!(
            "the print file failed the colour check (the layout uses a colour a printer cannot take): {}",
            audit.problems.join("; ")
        )));
    }
    Ok(())
}

/// Whether a print file's colours must be audited in the PDF: always for a user's
/// `--layout-dir` and for photos; with the shipped layouts and no photos only when the
/// laid-out pages did not prove them (`unproven` says why: a colour font, say; see
/// `output::print::proven`). An archival PDF/A file is not a print file.
pub fn needs_audit(prepared: &Prepared, unproven: Option<&str>) -> bool {
    !prepared.print.pdfa
        && (prepared.layout_dir.is_some()
            || !prepared.issue.photos.is_empty()
            || unproven.is_some())
}

/// The most a layout is tightened to fit `[print] pages` (see `Style::fit`).
const MAX_FIT: u8 = 2;

/// Lays out a prepared issue; with `[print] pages = N`, tightens the layout level by
/// level until it fits N pages, or stops with the lines over.
pub fn fit_pages(p: &mut Prepared) -> Result<compile::Laidout> {
    let mut laid = lay_out_holding(p)?;
    let Some(target) = p.print.pages else {
        return Ok(laid);
    };
    while laid.document.pages().len() > target as usize && p.issue.style.fit < MAX_FIT {
        p.issue.style.fit += 1;
        p.world.set_data(LayoutData::of(&p.issue, false)?);
        laid = lay_out_holding(p)?;
    }
    let pages = laid.document.pages().len();
    if pages <= target as usize {
        return Ok(laid);
    }
    let (least, most, counted) = lines_over(&laid, &p.issue, target);
    // A count, or a range: about; a least alone: at least.
    let (about, about_zh) = if counted || least != most {
        ("about ", "约")
    } else {
        ("at least ", "至少")
    };
    let over = match least == most {
        true => least.to_string(),
        false => format!("{least}–{most}"),
    };
    Err(p
        .loaded
        .error_at(
            p.loaded.span_of(&["print", "pages"]),
            format!(
                "the issue does not fit {target} page{}: it runs to {pages}, {about}{over} body line(s) over, with the gaps between articles and the masthead's spare lines given up / 本期排不进 {target} 页：共 {pages} 页，{about_zh}超出 {over} 行",
                if target == 1 { "" } else { "s" },
            ),
        )
        .help(format!("shorten the articles by {over} line(s), or set pages = {pages} / 请删减约 {over} 行正文，或改为 pages = {pages}"))
        .into())
}

/// How many body lines an issue runs over `target` pages: the fewest and the most it
/// may be, and whether that is a count (else a least). The lines up to the end of the
/// body and the footer's (tightened) lines, less what `target` pages hold; when only
/// the 报尾 runs over (the text ends on the last page allowed), also what it needs
/// less what that page has free, as the 报尾-alone warning counts: the two differ by a
/// line on some issues, as the text's last lines break. When the text itself runs
/// over: that count, or as few as that count less the lines left empty at the feet of
/// the pages before (a cut before them may give them back); with none, a least (the
/// white a page break leaves may need more).
fn lines_over(laid: &compile::Laidout, issue: &Issue, target: u32) -> (i64, i64, bool) {
    let lines = i64::from(issue.style.page.lines);
    let Some(end) = compile::body_end(&laid.document) else {
        let over = (laid.document.pages().len() as i64 - i64::from(target)) * lines;
        return (over, over, false);
    };
    let fit = compile::footer_fit(&laid.document);
    let footer = fit.as_ref().map_or(0, |f| f.lines_needed());
    let over =
        (end.page as i64 - 1) * lines + end.lines_used() + footer - i64::from(target) * lines;
    if let Some(f) = &fit
        && f.page == target as usize
        && end.page == target as usize
    {
        // Two counts, each right on some issues and a line off on others (r13's 报尾
        // needed the second's 3, r11's the first's 1): both, as a range.
        let by_room = (f.lines_needed() - lines_in(f.avail, f.pitch).max(0)).max(1);
        return (over.max(1).min(by_room), over.max(1).max(by_room), true);
    }
    // The lines left empty at the feet of the pages before the text's end (a title
    // with its first lines, a table kept whole, moved on) are in that count, and a cut
    // before them may give them back: as few as the count without them. (QA: «at least
    // 21» over, where cutting an article of 12 lines made the issue fit.)
    let bottom = end.top + issue.style.page.block_height.0;
    let white: i64 = (1..end.page)
        .filter_map(|page| compile::content_foot(&laid.document, page, bottom + 0.5))
        .map(|foot| lines_in(bottom - foot, end.pitch).max(0))
        .sum();
    ((over - white).max(1), over.max(1), false)
}

/// Whole body lines in a length (a little under a line counts as none).
fn lines_in(len: f64, pitch: f64) -> i64 {
    (len / pitch + 0.02).floor() as i64
}

/// Whether the layout counts a block among an article's blocks (the closing and the
/// notes are set apart).
fn counted(b: &Block) -> bool {
    !matches!(b, Block::Closing { .. } | Block::Note { .. })
}

/// What a photo that floated passed on the page it left, if anything: a heading of its
/// article after it, its article's end, or the first of two items of a list after it
/// whose second ends on a later page (it then lands between them).
fn passed(
    f: &compile::PhotoFloat,
    headings: &[(usize, compile::BlockAt)],
    ends: &[(usize, usize)],
    items: &[(usize, compile::BlockAt)],
    landings: &[(usize, compile::BlockAt)],
    placed: &[compile::PhotoAt],
) -> Option<HoldBefore> {
    let after = |b: &compile::BlockAt| b.article == f.article && b.block > f.block;
    let this = |b: &compile::BlockAt| b.article == f.article && b.block == f.block;
    if landings.iter().any(|(page, b)| this(b) && *page <= f.page) {
        Some(HoldBefore::Text)
    } else if placed
        .iter()
        .any(|p| p.article == f.article && p.block > f.block && p.page <= f.page)
    {
        Some(HoldBefore::Photo)
    } else if headings.iter().any(|(page, h)| after(h) && *page == f.page) {
        Some(HoldBefore::Heading)
    } else if ends.iter().any(|&(a, page)| {
        a == f.article
            && (page == f.page
                // Landed past its article's end: behind another float of its article it
                // went a page further than the next (r19: a row of photos printed in
                // the next article, between a title and its text).
                || landings.iter().any(|(landed, b)| this(b) && *landed > page))
    }) {
        Some(HoldBefore::End)
    } else if items.windows(2).any(|w| {
        let ((p0, a), (p1, b)) = (w[0], w[1]);
        after(&a) && b.article == a.article && b.block == a.block + 1 && p0 == f.page && p1 > f.page
    }) {
        Some(HoldBefore::List)
    } else {
        None
    }
}

/// Lays out; then, while photos floated past a heading of their article or its end
/// (printing under another section's heading, or over the next article), again with
/// each of them held before it (see [`Photo::hold`](crate::input::article::Photo)).
/// Holds only grow, so this ends.
///
/// A photo that ends its text is made smaller to stay with it; when that leaves the
/// 报尾 on a page of its own (it filled the room the 报尾 had under the last photo
/// on the next page), the issue is laid out again with such photos at their size, and
/// that layout is kept when its 报尾 is not alone.
fn lay_out_holding(p: &mut Prepared) -> Result<compile::Laidout> {
    let laid = lay_out_holding_photos(p)?;
    let shrunk: Vec<(usize, usize)> = compile::photos_held(&laid.document)
        .iter()
        .filter(|h| h.ends && h.scale.is_some())
        .map(|h| (h.article, h.block))
        .collect();
    if shrunk.is_empty() || !footer_on_its_own(&laid.document, &p.issue) {
        return Ok(laid);
    }
    let before = p.issue.articles.clone();
    for &(article, block) in &shrunk {
        let photo = p
            .issue
            .articles
            .get_mut(article)
            .and_then(|a| a.blocks.iter_mut().filter(|b| counted(b)).nth(block));
        if let Some(Block::Image(photo)) = photo {
            photo.full_size = true;
        }
    }
    p.world.set_data(LayoutData::of(&p.issue, false)?);
    let again = lay_out_holding_photos(p)?;
    if !footer_on_its_own(&again.document, &p.issue) {
        return Ok(again);
    }
    p.issue.articles = before;
    p.world.set_data(LayoutData::of(&p.issue, false)?);
    Ok(laid)
}

/// Whether the 报尾 does not fit under the last article and stands on a page of its
/// own (not a 版记 set on an even page on purpose).
fn footer_on_its_own(doc: &PagedDocument, issue: &Issue) -> bool {
    !issue.style.footer_on_even_page && compile::footer_fit(doc).is_some_and(|f| !f.fits)
}

/// [`lay_out_holding`]'s layouts: again while photos float past what they must stay
/// before.
fn lay_out_holding_photos(p: &mut Prepared) -> Result<compile::Laidout> {
    let mut laid = lay_out(p)?;
    loop {
        let doc = &laid.document;
        let (headings, ends, items, landings, placed) = (
            compile::headings(doc),
            compile::article_ends(doc),
            compile::list_items(doc),
            compile::photo_landings(doc),
            compile::photos_at(doc),
        );
        let mut held = false;
        for f in compile::photo_floats(doc) {
            let Some(why) = passed(&f, &headings, &ends, &items, &landings, &placed) else {
                continue;
            };
            let block = p
                .issue
                .articles
                .get_mut(f.article)
                .and_then(|a| a.blocks.iter_mut().filter(|b| counted(b)).nth(f.block));
            if let Some(Block::Image(photo)) = block
                && photo.hold.is_none()
            {
                photo.hold = Some(why);
                held = true;
            }
        }
        if !held {
            return Ok(laid);
        }
        p.world.set_data(LayoutData::of(&p.issue, false)?);
        laid = lay_out(p)?;
    }
}

/// A warning for each photo held before a heading or its article's end (it did not
/// fit where it stands, and floated it printed past that): made smaller to fit, or
/// set at the next page's top with the room it left empty, and what to do; and for
/// each photo that ends its text made smaller to stay with it.
/// Each with the pages it speaks of (where the photo was set, or the page it left short,
/// and the next).
fn photos_held(
    doc: &PagedDocument,
    issue: &Issue,
) -> Vec<(std::ops::RangeInclusive<usize>, String)> {
    let mm = |pt: f64| pt / 72.0 * 25.4;
    compile::photos_held(doc)
        .iter()
        .filter_map(|f| {
            let article = issue.articles.get(f.article)?;
            let blocks: Vec<&Block> = article.blocks.iter().filter(|b| counted(b)).collect();
            let Some(Block::Image(photo)) = blocks.get(f.block) else {
                return None;
            };
            let place = article_place(article, photo.offset);
            // What it stays before: the first heading after it (floated, it passed
            // that one first), else its article's end.
            let heading = blocks[f.block..].iter().find_map(|b| match b {
                Block::Heading { number, inlines, .. } => Some(format!(
                    "{number}{}",
                    inlines.iter().map(|i| i.text.as_str()).collect::<String>()
                )),
                _ => None,
            });
            let title = article.title.concat();
            let (stay, floated, stay_zh) = match (photo.hold, &heading, title.is_empty()) {
                _ if f.ends => ("with the text it ends".to_owned(), "", "其前文字之后".to_owned()),
                (Some(HoldBefore::List), ..) => ("before the list after it".to_owned(), "between two of its items", "其后列表之前".to_owned()),
                (Some(HoldBefore::Text), ..) => ("after the text before it".to_owned(), "above that text, at the top of its page", "其前文字之后".to_owned()),
                (Some(HoldBefore::Photo), ..) => ("before the photo after it".to_owned(), "after that photo", "其后图片之前".to_owned()),
                (_, Some(h), _) => (format!("before the heading «{h}»"), "under that heading", format!("标题«{h}»之前")),
                (_, None, false) => (format!("within its article «{title}»"), "after the article's end", format!("《{title}》文中")),
                (_, None, true) => ("within its article".to_owned(), "after the article's end", "本文文中".to_owned()),
            };
            let (need, room) = (mm(f.need), mm(f.room.max(0.0)));
            if let Some(scale) = f.scale {
                let pct = (scale * 100.0).floor() as i64;
                let floated = if f.ends {
                    "set at the top of the next page it would leave this one's foot empty".to_owned()
                } else {
                    format!("floated to the next page it would print {floated}")
                };
                return Some((f.page..=f.page + 1, format!(
                    "{place}: the photo {} is set at {pct}% of its size on page {}, to stay {stay}: at its size it does not fit under the text before it (it needs {need:.0} mm, {room:.0} mm are left), and {floated} / 图片 {} 在第 {} 页缩至 {pct}%，以留在{stay_zh}（原大需 {need:.0} 毫米，仅剩 {room:.0} 毫米）",
                    photo.src, f.page, photo.src, f.page
                )));
            }
            // The image shorter by what it lacked and a line more (the photo takes
            // whole lines), at its proportions; in 5 % steps of the text block.
            let lack = f.need - f.room;
            let block = issue.style.page.block_width.0;
            let fit = (f.height - lack - f.pitch) / f.height * f.width / block;
            let fit = ((fit * 20.0).floor() * 5.0) as i64;
            // Photos side by side are held as one: their widths together.
            let row = f.width > photo.width + 0.5;
            let smaller = match (fit >= 25, row) {
                (false, _) => String::new(),
                (true, false) => format!("make it smaller ({{width={fit}%}} after it in a .md, or smaller in the Word file), "),
                (true, true) => format!("make the photos beside it smaller ({{width=…%}} on each, {fit}% together, in a .md; or smaller in the Word file), "),
            };
            let cut = (lack / f.pitch).ceil() as i64;
            // Less than a line left: the photo opens the next page as it would anyway.
            let empty = lines_in(f.room.max(0.0), f.pitch);
            if empty == 0 {
                return None;
            }
            let next = f.page + 1;
            Some((f.page..=f.page + 1, format!(
                "{place}: the photo {} does not fit on page {} under the text before it (it needs {need:.0} mm, {room:.0} mm are left) and is set at the top of page {next}, to stay {stay} (floated, it would print {floated}), leaving {empty} line(s) empty on page {}; to fill them, {smaller}place it earlier in the text, or cut {cut} line(s) of the text before it / 图片 {} 在第 {} 页放不下（需 {need:.0} 毫米，仅剩 {room:.0} 毫米），移至第 {next} 页顶端，留在{stay_zh}，第 {} 页空 {empty} 行；请缩小图片、把它放在正文靠前处，或删减其前正文 {cut} 行",
                photo.src, f.page, f.page, photo.src, f.page, f.page,
            )))
        })
        .collect()
}

/// The photo at an article's block as the layout counts its blocks (see [`counted`]),
/// with its article.
fn laid_photo(
    issue: &Issue,
    article: usize,
    block: usize,
) -> Option<(&crate::model::Article, &crate::input::article::Photo)> {
    let article = issue.articles.get(article)?;
    match article.blocks.iter().filter(|b| counted(b)).nth(block)? {
        Block::Image(photo) => Some((article, photo)),
        _ => None,
    }
}

/// The photos the layout made smaller to keep them in their sections: each one's file
/// and scale.
fn shrunk_photos(doc: &PagedDocument, issue: &Issue) -> Vec<(String, f64)> {
    compile::photos_held(doc)
        .iter()
        .filter_map(|f| {
            Some((
                laid_photo(issue, f.article, f.block)?.1.file.clone(),
                f.scale?,
            ))
        })
        .collect()
}

/// A warning for each long table that opened the next page, its caption, header and
/// first three rows not fitting under the text before it, with the lines it left.
fn tables_moved(doc: &PagedDocument) -> Vec<(std::ops::RangeInclusive<usize>, String)> {
    compile::tables_moved(doc)
        .into_iter()
        .filter_map(|(page, t)| {
            let empty = lines_in(t.room, t.pitch);
            let name = match t.caption.trim() {
                "" => "a table".to_owned(),
                c => format!("the table «{c}»"),
            };
            (empty > 0).then(|| (page..=page + 1, format!(
                "page {page}: {name} opens page {} (its caption, header and first three rows do not fit under the text before it, and a table is not begun with one row at a page's foot), leaving {empty} line(s) empty on page {page}; to fill them, cut {empty} line(s) of the text before it, or move the table / 第 {page} 页：表格放不下表题、表头和前三行，移至下一页，本页空 {empty} 行",
                page + 1
            )))
        })
        .collect()
}

/// Titles set on more than three lines: a 简报's title is read at a glance, and its
/// lines broke inside its words before they were balanced.
fn long_titles(doc: &PagedDocument, issue: &Issue) -> Vec<String> {
    compile::long_titles(doc)
        .into_iter()
        .filter_map(|(page, t)| {
            let a = issue.articles.get(t.of)?;
            Some(format!(
                "page {page}: the title «{}» ({}) is set on {} lines; a title of more than three lines is hard to take in at a glance: shorten it, or move its details into a subtitle (`subtitle = \"…\"`) / 第 {page} 页：标题排成 {} 行，过长；请压缩，或把细节移入副标题",
                a.title.join(""),
                a.path.display(),
                t.lines,
                t.lines
            ))
        })
        .collect()
}

/// Pages before the last that leave a third of their lines or more empty at their
/// foot, but those in `said` (a photo's or a long table's warning names them): what
/// opens the next page did not fit there (a short table kept whole, with its title).
fn pages_left_short(
    doc: &PagedDocument,
    issue: &Issue,
    said: &std::collections::BTreeSet<usize>,
) -> Vec<String> {
    let Some(body) = compile::body_end(doc) else {
        return Vec::new();
    };
    let (top, pitch) = (body.top, body.pitch);
    let bottom = top + issue.style.page.block_height.0;
    let lines = i64::from(issue.style.page.lines);
    let least = (lines / 3).max(5);
    // Page 1 holds the masthead: a third of what is left under it when an article's
    // text is on it (6 lines empty of its 14 went unsaid, a third of a full page being
    // 7); when only the 本期要目 or the 编者按 is, the first article's title with its
    // first lines did not fit under them, and there is nothing to cut: a full page's.
    let text_on_first = compile::first_article_page(doc) == Some(1);
    let least_first = if text_on_first {
        ((lines - i64::from(issue.style.masthead_lines)) / 3).max(4)
    } else {
        least
    };
    let pages = doc.pages().len();
    // Not the page the text ends on, nor those after it (the 报尾's, a 版记's).
    (1..body.page.min(pages))
        .filter_map(|page| {
            let foot = compile::content_foot(doc, page, bottom + 0.5)?;
            let empty = lines_in(bottom - foot, pitch);
            let least = if page == 1 { least_first } else { least };
            if empty < least || said.contains(&page) {
                return None;
            }
            let next = compile::first_words(doc, page + 1, bottom + 0.5).unwrap_or_default();
            Some(format!(
                "page {page} leaves {empty} line(s) empty at its foot: what opens page {} («{next}») did not fit under its text (a table of six rows or fewer is kept whole, a title with its first lines); to fill them, cut {empty} line(s) before it, or shorten what moved / 第 {page} 页下方空 {empty} 行：第 {} 页开头的内容排不下，整体移到了下一页",
                page + 1,
                page + 1
            ))
        })
        .collect()
}

/// The body lines set loose (their characters a quarter em or more apart), said in one
/// warning with the first few: a justified line that ends early before a run that
/// cannot break (12:00—18:00, 23,456人次, an address) spreads its characters over the
/// line.
fn loose_lines_note(doc: &PagedDocument, issue: &Issue) -> Option<String> {
    let loose = compile::loose_lines(doc, issue.style.fonts.body.size.0, 0.25);
    if loose.is_empty() {
        return None;
    }
    let most = loose.iter().map(|l| l.spread).fold(0.0, f64::max);
    let shown: Vec<String> = loose
        .iter()
        .take(3)
        .map(|l| format!("page {} «{}»", l.page, l.text))
        .collect();
    Some(format!(
        "{} body line(s) are set loose, their characters up to {most:.2} em apart: {}; such a line ends early before a run that cannot break (a time span 12:00—18:00, a number with its unit, a web address, words joined by a no-break space such as GB/T 45001—2020): write the span so it can break (12:00至18:00), or move a few words / {} 行正文字距过大（最多 {most:.2} 字），多因行末的数字、时间段或网址不能断开；请改写（如 12:00至18:00）或调整文字",
        loose.len(),
        shown.join(", "),
        loose.len()
    ))
}

/// Text set past the text block's edge, said with how far and where: a run of
/// letters or figures that cannot break (SHA256:9f86d0…, 64 characters) ran 16 mm into
/// the margin, and only the loose line before it was said.
fn past_block_note(past: &[compile::PastBlock], issue: &Issue) -> Option<String> {
    if past.is_empty() {
        return None;
    }
    let mm = |pt: f64| pt / 72.0 * 25.4;
    let most = past.iter().map(|p| p.by).fold(0.0, f64::max);
    // Where each stands in its article's file, as an overprint is said.
    let place = |text: &str| {
        run_in_article(issue, text)
            .map(|(a, at, _)| format!(" ({})", article_place(a, at)))
            .unwrap_or_default()
    };
    let shown: Vec<String> = past
        .iter()
        .take(3)
        .map(|p| {
            let at = place(&p.text);
            format!("page {} «{}» {:.1} mm{at}", p.page, p.text, mm(p.by))
        })
        .collect();
    Some(format!(
        "{} run(s) of text stand past the edge of the text block, up to {:.1} mm into the margin: {}; a run of letters, digits or marks with no space in it (a checksum, a long code) cannot break at a line's end: put a space into it where it may break (after a / or a - in a code or an address), or shorten it / {} 处文字超出版心，最多 {:.1} 毫米：连续的字母、数字无法换行（如校验码、长编号），请在可断开处加空格，或缩短",
        past.len(),
        mm(most),
        shown.join(", "),
        past.len(),
        mm(most),
    ))
}

/// The article whose text holds a run named in a message (its first words, `…` at
/// their end when cut), with where it starts there and the words sought: none for
/// fewer than four characters (they would be found anywhere) or text not an article's
/// (a title, the masthead).
fn run_in_article<'a>(
    issue: &'a Issue,
    text: &'a str,
) -> Option<(&'a crate::model::Article, usize, &'a str)> {
    let run = text.trim_end_matches('…');
    if run.chars().count() < 4 {
        return None;
    }
    issue
        .articles
        .iter()
        .find_map(|a| a.source.find(run).map(|at| (a, at, run)))
}

/// Where a place (a photo, a word) stands in its article's file, for messages:
/// `file:line:col`, or `file: paragraph N` (in a Word file).
fn article_place(article: &crate::model::Article, offset: usize) -> String {
    if article.paragraphs.is_empty() {
        let (line, col) = crate::error::line_col(&article.source, offset);
        format!("{}:{line}:{col}", article.path.display())
    } else {
        // A Word file's picture at its paragraph: its name inside the file
        // (media/image1.jpeg) is none the editor ever saw (r23 F33).
        let n = crate::input::docx::Converted::paragraph_at(&article.paragraphs, offset);
        format!("{}: paragraph {n}", article.path.display())
    }
}

/// A warning for each photo set in the text that opens a page (nothing but a heading
/// kept with it above it) and leaves two or more lines empty at the foot of the page
/// before: it did not fit under the text before it, and nothing after it could fill
/// the room (a photo that ends its article, or one under its own heading). Photos held
/// before a heading are said by [`photos_held`].
fn photos_opening_pages(
    doc: &PagedDocument,
    issue: &Issue,
) -> Vec<(std::ops::RangeInclusive<usize>, String)> {
    let mm = |pt: f64| pt / 72.0 * 25.4;
    let Some(body) = compile::body_end(doc) else {
        return Vec::new();
    };
    let (top, pitch, gap) = (body.top, body.pitch, body.pitch - body.size);
    let bottom = top + issue.style.page.block_height.0;
    let held: Vec<(usize, usize)> = compile::photos_held(doc)
        .iter()
        .map(|h| (h.article, h.block))
        .collect();
    // Each photo with the page it left and the lines above it where it went: set in
    // the text at a page's top (under a heading at most), or floated.
    let set = compile::photos_at(doc).into_iter().filter_map(|f| {
        let above = lines_in(f.y - top + 0.5 * pitch, pitch);
        (f.page > 1 && above <= 3).then_some((
            f.article,
            f.block,
            f.page - 1,
            f.page,
            above,
            f.size,
        ))
    });
    // A floated photo's page is where it landed: behind another float it may be a page
    // later than the next (two photos said «set at the top of page 3», one was on 4).
    let landings = compile::photo_landings(doc);
    let floated = compile::photo_floats(doc).into_iter().map(|f| {
        let landed = landings
            .iter()
            .find(|(_, b)| b.article == f.article && b.block == f.block)
            .map_or(f.page + 1, |(page, _)| *page);
        (f.article, f.block, f.page, landed, 0, f.size)
    });
    // The room left on a page is said once, for the first photo that left it.
    let mut pages_said = std::collections::BTreeSet::new();
    let mut said: Vec<(std::ops::RangeInclusive<usize>, String)> = set
        .chain(floated)
        .filter(|f| !held.contains(&(f.0, f.1)))
        .filter(|f| pages_said.insert(f.2))
        .filter_map(|(article, block, before, next, above, size)| {
            let compile::PhotoSize { height, image, width } = size;
            let foot = compile::content_foot(doc, before, bottom + 0.5)?;
            let empty = lines_in(bottom - foot, pitch);
            if empty < 2 {
                return None;
            }
            let (article, photo) = laid_photo(issue, article, block)?;
            let place = article_place(article, photo.offset);
            // The size that would fit the room, with the heading kept with it: in 5 %
            // steps of the text block's width.
            let room = (empty - above) as f64 * pitch - gap;
            let scale = (room - (height - image)) / image.max(1.0);
            let fit = ((scale * width / issue.style.page.block_width.0 * 20.0).floor() * 5.0) as i64;
            let smaller = if fit >= 25 {
                format!("make it smaller ({{width={fit}%}} after it in a .md, or smaller in the Word file), ")
            } else {
                String::new()
            };
            let cut = ((height - room).max(pitch) / pitch).ceil() as i64;
            // A photo that opens its article (a 图片新闻 of photos alone) has no text of
            // its own before it: the text to cut is the article's before.
            let (how, how_zh) = if block == 0 {
                (
                    format!("{smaller}or cut {cut} line(s) of the article before it"),
                    format!("请缩小图片，或删减上一篇文章 {cut} 行"),
                )
            } else {
                (
                    format!("{smaller}place it earlier in the text, or cut {cut} line(s) of the text before it"),
                    format!("请缩小图片、把它放在正文靠前处，或删减其前正文 {cut} 行"),
                )
            };
            Some((before..=next, format!(
                "{place}: the photo {} does not fit on page {before} under the text before it (it needs {:.0} mm, {:.0} mm are left) and is set at the top of page {next}, leaving {empty} line(s) empty at the foot of page {before}; to fill them, {how} / 图片 {} 在第 {before} 页放不下，移至第 {next} 页，第 {before} 页下方空 {empty} 行；{how_zh}",
                photo.src,
                mm(height),
                mm(room.max(0.0)),
                photo.src,
            )))
        })
        .collect();
    said.sort_by_key(|(pages, _)| *pages.start());
    said
}

/// The warning for a footer (报尾) that stands alone on a page of its own: how many
/// lines it needs, how many the page before has free, how many must go, and the
/// longest article (where cuts are easiest).
fn footer_alone(f: &compile::FooterFit, pages: usize, issue: &Issue) -> Option<String> {
    // Photos floated past the text's end, a page or more of them alone: the 报尾
    // follows them (it is placed after them). The built-in layouts hold such photos in
    // the text (`lay_out_holding`); a user's own layouts may not.
    // (Not a 版记 set on an even page: the blank page before it is GB/T 9704's.)
    if f.placed > f.page + 1 && !issue.style.footer_on_even_page {
        let (from, to) = (f.page + 1, f.placed - 1);
        let (alone, alone_zh) = if from == to {
            (format!("page {from} holds"), format!("第 {from} 页"))
        } else {
            (
                format!("pages {from}–{to} hold"),
                format!("第 {from}–{to} 页"),
            )
        };
        return Some(format!(
            "photos floated past the text's end on page {}: {alone} photos alone, and the 报尾 follows them on page {}; make the photos smaller ({{width=50%}} after a photo in a .md, or smaller in the Word file), or place them earlier in the text / 图片浮动到第 {} 页正文之后：{alone_zh}只有图片，报尾排在第 {} 页；请缩小图片，或把图片放在正文靠前处",
            f.page, f.placed, f.page, f.placed
        ));
    }
    // An office that follows GB/T 9704 puts its 版记 on an even page of its own on purpose;
    // but when the text ends on an even page with too little room, it costs a blank page
    // and a page of the 版记 alone, and a cut of a few lines saves both (QA12 C 12: four
    // pages for what fitted on two, unsaid).
    let even = issue.style.footer_on_even_page;
    let after_blank = f.page.is_multiple_of(2) && pages >= f.page + 2;
    if f.fits || pages <= f.page || (even && !after_blank) {
        return None;
    }
    let needed = f.lines_needed();
    let free = lines_in(f.avail, f.pitch).max(0);
    let cut = (needed - free).max(1);
    if even {
        let (text, blank) = (f.page, pages - 1);
        return Some(format!(
            "the 版记 is on page {pages}, after page {blank} left blank: the text ends on page {text} with {free} line(s) free, and the 版记 needs {needed} even tightened; shorten the articles by {cut} line(s) to set it on page {text} ({text} pages instead of {pages}) / 版记排在第 {pages} 页，第 {blank} 页留空：正文在第 {text} 页结束，只剩 {free} 行，版记至少需要 {needed} 行，正文删减 {cut} 行即可排在第 {text} 页"
        ));
    }
    // Longest in lines, each block's characters over a line's (a list of short items
    // is longer than its characters say).
    let per_line = (issue.style.page.chars as usize).max(1);
    let longest = issue
        .articles
        .iter()
        .max_by_key(|a| {
            a.blocks
                .iter()
                .map(|b| {
                    b.all_inlines()
                        .iter()
                        .map(|i| i.text.chars().count())
                        .sum::<usize>()
                        .div_ceil(per_line)
                })
                .sum::<usize>()
        })
        .map(|a| match a.title.concat() {
            t if t.is_empty() => format!("; the longest article is {}", a.path.display()),
            t => format!("; the longest article is «{t}» ({})", a.path.display()),
        })
        .unwrap_or_default();
    // A list of recipients a line each (代表团 after 代表团) is the cheaper cut: run on.
    let run_on = issue
        .footer
        .iter()
        .flat_map(|ft| &ft.distribution)
        .filter(|d| d.recipients.len() > 2)
        .max_by_key(|d| d.recipients.len())
        .and_then(|d| {
            // Offered only when running it on saves the lines to cut: long entries
            // take lines of their own either way (r14: offered where it saved none).
            let room = per_line.saturating_sub(d.label.chars().count() + 2).max(1);
            let each: usize = d
                .recipients
                .iter()
                .map(|r| r.chars().count().max(1).div_ceil(room))
                .sum();
            let chars: usize = d.recipients.iter().map(|r| r.chars().count() + 1).sum();
            let joined = chars.saturating_sub(1).div_ceil(room);
            (each.saturating_sub(joined) as i64 >= cut).then(|| {
                (
                    format!(
                        "; or run the list «{}» on: its {} entries take {each} lines, and join = \"、\" under its [[footer.distribution]] sets them in about {joined} line(s)",
                        d.label,
                        d.recipients.len()
                    ),
                    format!("；或在«{}»栏下加 join = \"、\"，各单位接排约 {joined} 行", d.label),
                )
            })
        })
        .unwrap_or_default();
    // The lines the text takes on that page (the masthead's are not the text's): a cut
    // of as many or more cannot keep the 报尾 there; the 报尾 itself must be shorter
    // (QA11: «shorten the articles by 8 lines» under an article of 2).
    let lines = i64::from(issue.style.page.lines);
    let masthead = if f.page == 1 {
        i64::from(issue.style.masthead_lines)
    } else {
        0
    };
    let text_lines = lines - free - masthead;
    if cut >= text_lines {
        let (join, join_zh) = if run_on.0.is_empty() {
            (
                "; join = \"、\" under a [[footer.distribution]] runs its entries on".to_owned(),
                "；或在 [[footer.distribution]] 下加 join = \"、\" 接排".to_owned(),
            )
        } else {
            run_on
        };
        return Some(format!(
            "the 报尾 stands alone on page {pages}: it needs {needed} lines even tightened, more than page {} can give it under the masthead and the text's first lines even with the text cut; shorten the 报尾 itself: fewer entries in its lists, or a shorter address{join} / 报尾单独占了第 {pages} 页：它至少需要 {needed} 行，即使删减正文，第 {} 页也排不下；请精简报尾（减少报送单位、缩短地址）{join_zh}",
            f.page, f.page
        ));
    }
    Some(format!(
        "the 报尾 stands alone on page {pages}: it needs {needed} lines even tightened, and page {} has {free} free; shorten the articles by {cut} line(s) to keep it on page {}{longest}{} / 报尾单独占了第 {pages} 页：它至少需要 {needed} 行，第 {} 页只剩 {free} 行，正文删减 {cut} 行即可排在第 {} 页{}",
        f.page, f.page, run_on.0, f.page, f.page, run_on.1
    ))
}

/// A 报尾 on a page of its own when the issue ends with a photo or a table that fills
/// its page: the text's end, after it, stands at the next page's top, and the 报尾
/// "fits" there under nothing (said as on a page with 14 lines free above it). Said as
/// the 报尾 alone, with what the page before has free under that photo or table.
fn footer_after_block(
    doc: &PagedDocument,
    f: &compile::FooterFit,
    issue: &Issue,
) -> Option<String> {
    if !f.fits || f.page < 2 || f.placed != f.page || issue.style.footer_on_even_page {
        return None;
    }
    let body = compile::body_end(doc)?;
    let bottom = body.top + issue.style.page.block_height.0;
    let footer_top = bottom - f.needs.get(f.level).copied().unwrap_or(0.0);
    if compile::content_foot(doc, f.page, footer_top - 0.5).is_some_and(|y| y > body.top) {
        return None;
    }
    let before = f.page - 1;
    let free = compile::content_foot(doc, before, bottom + 0.5)
        .map_or(0, |foot| lines_in(bottom - foot, f.pitch).max(0));
    let needed = f.lines_needed();
    let short = (needed - free).max(1);
    Some(format!(
        "the 报尾 stands alone on page {}: the last article ends with a photo or a table that fills page {before}, and no text is left to go with the 报尾; it needs {needed} lines, and page {before} has {free} free under that photo or table: make it smaller by about {short} line(s) (a photo's {{width=…%}} after it in a .md), or shorten the articles so that it moves up / 报尾单独占了第 {} 页：最后一篇以图片或表格结尾，占满第 {before} 页；报尾至少需要 {needed} 行，该页只剩 {free} 行，请把图片或表格缩小约 {short} 行，或删减正文",
        f.page, f.page
    ))
}

/// The error for a footer (报尾) taller than a page: no page can hold it, and it would
/// print over itself. It names the list with the most entries, which `join` runs on.
fn footer_too_tall(needed: i64, p: &Prepared) -> Error {
    let lines = p.issue.style.page.lines;
    let longest = p.loaded.file.footer.as_ref().and_then(|ft| {
        ft.distribution
            .iter()
            .filter(|d| d.join.is_none())
            .max_by_key(|d| d.recipients.len())
    });
    match longest {
        Some(d) if d.recipients.len() > 2 => p
            .loaded
            .error_at(
                d.label.span(),
                format!(
                    "the 报尾 needs {needed} lines and a page holds {lines}: the list «{}» has {} entries, a line each / 报尾需要 {needed} 行，一页只有 {lines} 行：«{}» 有 {} 项，每项占一行",
                    d.label.get_ref(),
                    d.recipients.len(),
                    d.label.get_ref(),
                    d.recipients.len()
                ),
            )
            .help("run the list on: add join = \"，\" under this [[footer.distribution]], or write several units in one entry / 在该 [[footer.distribution]] 下加 join = \"，\"，各单位接排")
            .into(),
        _ => p
            .loaded
            .error_at(
                p.loaded.span_of(&["footer"]),
                format!(
                    "the 报尾 needs {needed} lines and a page holds {lines} / 报尾需要 {needed} 行，一页只有 {lines} 行"
                ),
            )
            .help("shorten the 报尾's lists and lines / 请精简报尾")
            .into(),
    }
}

/// Where the footer went, for the build's summary.
fn footer_note(f: &compile::FooterFit, pages: usize) -> String {
    if f.fits && f.placed > f.page {
        format!(
            "报尾 on page {}, under the photo(s) that floated there from page {}",
            f.placed, f.page
        )
    } else if f.fits {
        let used = f.needs.get(f.level).copied().unwrap_or(0.0);
        let free = lines_in(f.avail - used, f.pitch).max(0);
        let how = match f.level {
            0 => String::new(),
            1 => ", its lines tightened".to_owned(),
            _ => ", its lines and the space above it tightened".to_owned(),
        };
        // The page it stands on in the PDF (`placed`): the layout's own report is its
        // pass's, which named page 6 of a 5-page PDF when the layout did not settle.
        format!(
            "报尾 on page {}{how}; {free} body line(s) free above it",
            f.placed
        )
    } else if f.placed > f.page + 1 {
        format!(
            "报尾 on page {}, after the photo(s) that floated past the text",
            f.placed
        )
    } else {
        format!("报尾 alone on page {pages}")
    }
}

/// Where the footer went when it is set as GB/T 9704's 版记 (on an even page).
fn footer_note_even(f: &compile::FooterFit, pages: usize) -> String {
    if f.fits && pages == f.page {
        footer_note(f, pages)
    } else {
        // The text ended on an even page with no room for it: a blank page between.
        let blank = if pages > f.page + 1 {
            format!(", after page {} left blank", pages - 1)
        } else {
            String::new()
        };
        format!("报尾 on page {pages}, an even page (GB/T 9704){blank}")
    }
}

/// Builds one issue into PDF bytes (what `build` writes; `proof` and `compare` render them).
pub fn pdf_bytes(opts: &BuildOptions) -> Result<Built> {
    render(&mut prepare(opts)?)
}

/// The files of the issue a prepared build reads: the issue file and its series file,
/// the press's profile, its articles, its 编者按's file and its photos. `watch` watches
/// them (it missed the series file and the 编者按's, QA12 C 10, 11), and [`inputs`]
/// adds the fonts and the layouts.
pub fn issue_files(prepared: &Prepared) -> Vec<PathBuf> {
    let mut files = vec![prepared.loaded.path.clone()];
    // The series file the issue reads, and the press's profile (QA10: -o series.toml
    // and -o press.icc wrote the PDF over them).
    files.extend(prepared.loaded.series.iter().map(|s| s.path.clone()));
    files.extend(prepared.print.profile_path.clone());
    files.extend(prepared.issue.articles.iter().map(|a| a.path.clone()));
    files.extend(prepared.issue.read.iter().cloned());
    files.extend(prepared.issue.photos.iter().filter_map(|p| p.path.clone()));
    files
}

/// Every file a prepared build reads: the [`issue_files`], the user's and the
/// system's font files, and the layouts given with `--layout-dir`. The output may be
/// none of them.
pub fn inputs(prepared: &Prepared) -> Vec<PathBuf> {
    let mut inputs = issue_files(prepared);
    inputs.extend(prepared.world.fonts().slots.iter().map(|s| s.path.clone()));
    if let Some(dir) = &prepared.layout_dir
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        inputs.extend(entries.flatten().map(|e| e.path()));
    }
    inputs.dedup();
    inputs
}

/// Renders a prepared issue and writes the PDF: atomically to a file, or to standard
/// output (`-o -`). An output that is one of the build's inputs, or not a regular
/// file, is refused before anything is rendered; a print file that fails its colour
/// audit is never written.
pub fn finish(prepared: &mut Prepared, output: &Path, start: Instant) -> Result<BuildReport> {
    finish_as(prepared, output, start, false).map(|(report, _)| report)
}

/// As [`finish`], but a file that holds the PDF's bytes already is left as it is (not
/// written again, so a viewer does not reload it). With whether it was written.
pub fn finish_unless_same(
    prepared: &mut Prepared,
    output: &Path,
    start: Instant,
) -> Result<(BuildReport, bool)> {
    finish_as(prepared, output, start, true)
}

fn finish_as(
    prepared: &mut Prepared,
    output: &Path,
    start: Instant,
    unless_same: bool,
) -> Result<(BuildReport, bool)> {
    let target = files::Target::of(output);
    if let files::Target::File(path) = &target {
        files::guard_output(path, &inputs(prepared))?;
    }
    let built = render(prepared)?;
    let mut timings = prepared.timings.clone();
    timings.0.extend(built.timings.0.iter().copied());
    let write = match &target {
        files::Target::File(path) => {
            !unless_same || std::fs::read(path).ok().as_deref() != Some(&built.pdf[..])
        }
        files::Target::Stdout => true,
    };
    if write {
        timings.time("write", || match &target {
            files::Target::File(path) => files::write_atomic(path, &built.pdf),
            files::Target::Stdout => files::write_stdout(&built.pdf),
        })?;
    }
    let report = BuildReport {
        output: output.to_owned(),
        layout_note: built.layout_note.clone(),
        pages: built.pages,
        bytes: built.pdf.len(),
        warnings: built.warnings,
        elapsed: start.elapsed(),
        coverage: prepared.coverage.clone(),
        font_use: built.font_use,
        audited: built.audited,
        timings,
        photos: prepared
            .issue
            .photos
            .iter()
            .map(|p| {
                let shrunk = built.shrunk.iter().find(|(v, _)| *v == p.vpath);
                p.report_at(shrunk.map_or(1.0, |s| s.1))
            })
            .collect(),
    };
    Ok((report, write))
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
