//! Rebuilding while the editor types: a session keeps the Typst world (and with it the
//! compiler's caches and the loaded fonts) between builds, replaces only the model
//! when the issue or an article changes, and reloads fonts only when the font
//! directories or a font file in them change.

use std::path::PathBuf;
use std::time::Instant;

use crate::error::Result;
use crate::model;
use crate::pipeline::{self, BuildOptions, BuildReport, Prepared, Timings};
use crate::typeset::compile::Seed;

/// A build that can be repeated cheaply.
pub struct Session {
    opts: BuildOptions,
    output: PathBuf,
    prepared: Prepared,
    font_dirs: Vec<PathBuf>,
    /// The font files of `font_dirs` as they were when the fonts were loaded.
    font_files: Vec<(PathBuf, u64, Option<std::time::SystemTime>)>,
    /// The watched files but the fonts (`font_files` stamps those) as they were when
    /// the last build began to read them.
    stamps: Vec<Stamp>,
    /// The files the issue file named when it was last read ([`Session::named`]):
    /// watched too, so that a rebuild that failed for an article not saved yet runs
    /// again when it is (QA14 F 02).
    named: Vec<PathBuf>,
}

/// A watched file's (or a watched directory's files') length and time of last change.
type Stamp = (PathBuf, Option<(u64, std::time::SystemTime)>);

/// The watched paths' stamps: each file's, and each file's in a watched directory (its
/// own time does not change when a file in it is written in place).
fn stamps(paths: &[PathBuf]) -> Vec<Stamp> {
    let stamp = |p: &std::path::Path| {
        std::fs::metadata(p)
            .ok()
            .and_then(|m| Some((m.len(), m.modified().ok()?)))
    };
    let mut out = Vec::new();
    for p in paths {
        out.push((p.clone(), stamp(p)));
        if let Ok(dir) = std::fs::read_dir(p) {
            let mut files: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
            files.sort();
            out.extend(files.into_iter().map(|f| {
                let s = stamp(&f);
                (f, s)
            }));
        }
    }
    out
}

impl Session {
    /// Prepares the first build (fonts indexed, world made) and runs it.
    pub fn start(opts: BuildOptions) -> Result<(Session, BuildReport)> {
        let start = Instant::now();
        let mut prepared = pipeline::prepare(&opts)?;
        prepared.seed = Some(Seed::default());
        let font_dirs = pipeline::font_dirs(&opts, &prepared.loaded)?;
        let font_files = crate::typeset::fonts::fingerprint(&font_dirs);
        let output = pipeline::output_path(&opts, &prepared);
        let report = pipeline::finish(&mut prepared, &output, start)?;
        let named = named_in(&prepared.loaded);
        Ok((
            Session {
                opts,
                output,
                prepared,
                font_dirs,
                font_files,
                // None: the files were read before they could be stamped, so the first
                // event rebuilds whatever it says.
                stamps: Vec::new(),
                named,
            },
            report,
        ))
    }

    /// Reads the inputs again and rebuilds, reusing what did not change. On error
    /// the last good PDF stays as it is. The layout starts from the last build's pages
    /// (see [`Seed`]): when they settle at once, [`Session::unsettled`] says so.
    pub fn rebuild(&mut self) -> Result<BuildReport> {
        self.build_again(false).map(|(report, _)| report)
    }

    /// Whether the last build's pages were laid out from the build's before it, not
    /// from nothing as a cold build's are: [`Session::settle`] makes sure of them.
    pub fn unsettled(&self) -> bool {
        self.prepared.seed.as_ref().is_some_and(Seed::seeded)
    }

    /// Builds the issue again as a cold build does, its layout from nothing, and
    /// writes the PDF only when it differs from the one the last rebuild wrote:
    /// `Some(report)` then. Pages laid out from the last build's agree with everything
    /// they look up, as a cold build's do, and with our layouts that makes them the
    /// same; Typst does not prove it for every layout, so `watch` settles a quick
    /// rebuild when the editor pauses.
    pub fn settle(&mut self) -> Result<Option<BuildReport>> {
        let (report, written) = self.build_again(true)?;
        Ok(written.then_some(report))
    }

    /// A rebuild: seeded from the last one's pages, or `cold` from nothing and written
    /// only when the PDF differs. With whether it was written. After an error the next
    /// rebuild starts from nothing, and there is nothing to settle (the error is said
    /// once, not again when the editor pauses).
    fn build_again(&mut self, cold: bool) -> Result<(BuildReport, bool)> {
        let built = self.try_build_again(cold);
        if built.is_err()
            && let Some(seed) = &self.prepared.seed
        {
            seed.cold_build();
        }
        built
    }

    fn try_build_again(&mut self, cold: bool) -> Result<(BuildReport, bool)> {
        let start = Instant::now();
        // Before the files are read: a save made while they are read is a change for
        // the next build.
        self.stamps = stamps(&self.stamped());
        let mut timings = Timings::default();
        // The files it names are watched from here on, whether they can be read or not.
        let mut named = Vec::new();
        let read = timings.time("read", || -> Result<_> {
            let loaded = crate::input::issue_file::load(&self.opts.issue)?;
            named = named_in(&loaded);
            Ok((model::build(&loaded)?, loaded))
        });
        self.named = named;
        let (mut issue, loaded) = read?;
        model::check_page_estimate(&loaded, &issue)?;
        issue.draft = self.opts.draft.clone();
        let dirs = pipeline::font_dirs(&self.opts, &loaded)?;
        let files = crate::typeset::fonts::fingerprint(&dirs);
        if dirs != self.font_dirs || files != self.font_files || self.opts.layout_dir.is_some() {
            // New fonts (a folder added, a file copied over): load them all again.
            self.prepared = pipeline::prepare(&self.opts)?;
            self.prepared.seed = Some(Seed::default());
            self.font_dirs = dirs;
            self.font_files = files;
        } else {
            let print = pipeline::apply_print(&self.opts, &loaded, &mut issue)?;
            let fitted = timings.time("check", || {
                pipeline::fit_model(self.prepared.world.fonts(), &loaded, &mut issue)
            })?;
            let photos = pipeline::encode_photos(&issue, &print, &mut timings)?;
            self.prepared.print = print;
            self.prepared.coverage = fitted.coverage;
            self.prepared.warnings = fitted.warnings;
            self.prepared.world.set_data(fitted.data);
            self.prepared.world.set_photos(photos);
            self.prepared.issue = issue;
            self.prepared.loaded = loaded;
            // Fonts and world were kept: only this rebuild's stages count.
            self.prepared.timings = timings;
        }
        if let Some(seed) = &self.prepared.seed {
            match cold {
                true => seed.cold_build(),
                false => seed.next_build(),
            }
        }
        let report = match cold {
            true => pipeline::finish_unless_same(&mut self.prepared, &self.output, start),
            false => pipeline::finish(&mut self.prepared, &self.output, start).map(|r| (r, true)),
        };
        // Keep the caches from growing without bound across many rebuilds.
        comemo::evict(10);
        report
    }

    /// Whether a watched file changed (its length or time) since the last build began
    /// to read them: events that change nothing the build reads (a file's attributes
    /// set after its save, an editor's second close) rebuild nothing.
    pub fn inputs_changed(&self) -> bool {
        stamps(&self.stamped()) != self.stamps
            || crate::typeset::fonts::fingerprint(&self.font_dirs) != self.font_files
    }

    /// The watched paths but the font directories, whose files `font_files` stamps.
    fn stamped(&self) -> Vec<PathBuf> {
        let mut paths = self.watched();
        paths.retain(|p| !self.font_dirs.contains(p));
        // The articles named are the build's articles once it succeeds: each once, so
        // that what is stamped does not change with a build that read the same files.
        paths.sort();
        paths.dedup();
        paths
    }

    /// The files and directories whose change should trigger a rebuild.
    pub fn watched(&self) -> Vec<PathBuf> {
        let mut paths = pipeline::issue_files(&self.prepared);
        paths.extend(self.named.iter().cloned());
        paths.extend(self.font_dirs.iter().cloned());
        paths.extend(self.opts.layout_dir.iter().cloned());
        paths
    }

    /// The issue file and the article files it names, whether they exist or not, as far
    /// as it can be read: what to watch while no build has succeeded yet (`watch` whose
    /// first build failed: an article not saved yet, a mistake in the issue file).
    pub fn named(issue: &std::path::Path) -> Vec<PathBuf> {
        let mut paths = vec![issue.to_owned()];
        if let Ok(loaded) = crate::input::issue_file::load(issue) {
            paths.extend(named_in(&loaded));
        }
        paths
    }

    /// The PDF this session writes.
    pub fn output(&self) -> &std::path::Path {
        &self.output
    }
}

/// The article files an issue file names, as paths (they may not exist).
fn named_in(loaded: &crate::input::issue_file::LoadedIssueFile) -> Vec<PathBuf> {
    loaded
        .file
        .articles
        .iter()
        .map(|a| loaded.base_dir().join(a.file.get_ref()))
        .collect()
}
