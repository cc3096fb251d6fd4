//! `jianbao watch`: rebuild on every change of the issue file, its articles, the font
//! directories or a layout override, keeping the compiler's caches warm.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use jianbao::pipeline::{BuildOptions, BuildReport};

use super::proof::SourceArgs;
use jianbao::session::Session;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// The issue file, fonts and layouts, as for `proof` and `compare`.
    #[command(flatten)]
    source: SourceArgs,
    /// Where to write the PDF [default: the issue file's name with .pdf, beside it].
    #[arg(short, long, value_name = "OUT.pdf")]
    output: Option<PathBuf>,
    /// After the first change, gather the changes of this many milliseconds into one
    /// rebuild (an editor's save is a write and a rename, or a truncate and a write).
    /// Changes made during a rebuild start the next one.
    #[arg(long, default_value_t = 10, value_name = "MS")]
    debounce: u64,
}

fn line(n: usize, r: &BuildReport) -> String {
    format!(
        "build {n}: {} pages in {:.1} ms{} → {}",
        r.pages,
        r.elapsed.as_secs_f64() * 1000.0,
        if r.warnings.is_empty() {
            String::new()
        } else {
            format!(", {} warnings", r.warnings.len())
        },
        r.output.display()
    )
}

pub fn run(args: WatchArgs) -> jianbao::Result<()> {
    // The issue file's [print] profile applies; the print flags are `build`'s.
    let opts = BuildOptions {
        output: args.output,
        ..args.source.build_options(None)
    };
    // The first build must succeed: without it there is nothing to keep warm.
    let (mut session, report) = Session::start(opts)?;
    println!("{}", line(1, &report));

    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| jianbao::Error::internal(format!("cannot watch files: {e}")))?;
    let mut watched = BTreeSet::new();
    let mut dirs = BTreeSet::new();
    let refresh = |session: &Session,
                   watcher: &mut RecommendedWatcher,
                   watched: &mut BTreeSet<PathBuf>,
                   dirs: &mut BTreeSet<PathBuf>| {
        *watched = session.watched().iter().map(|p| absolute(p)).collect();
        // Editors replace files by renaming: watch the directories, filter by path.
        for p in watched.iter() {
            let dir = if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(Path::to_owned).unwrap_or_default()
            };
            if dirs.insert(dir.clone()) {
                let _ = watcher.watch(&dir, RecursiveMode::NonRecursive);
            }
        }
    };
    refresh(&session, &mut watcher, &mut watched, &mut dirs);
    println!("watching for changes (Ctrl-C to stop) / 正在监视文件变化");

    // Only writes, creations, renames and removals of the watched files count; our own
    // reads (access events) and the PDF we write do not.
    let relevant = |watched: &BTreeSet<PathBuf>, ev: &notify::Result<Event>| -> bool {
        let Ok(ev) = ev else { return false };
        matches!(
            ev.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
        ) && ev.paths.iter().map(|p| absolute(p)).any(|p| {
            watched
                .iter()
                .any(|w| p == *w || (w.is_dir() && p.starts_with(w)))
        })
    };
    let settle = Duration::from_millis(args.debounce);
    let mut n = 1;
    while let Ok(ev) = rx.recv() {
        if !relevant(&watched, &ev) {
            continue;
        }
        // Gather the rest of the burst (an editor's save) for a fixed short window from
        // the first event, then rebuild at once: the save is on screen as soon as it
        // can be, and what comes during the rebuild starts the next one.
        let deadline = std::time::Instant::now() + settle;
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            if rx.recv_timeout(left).is_err() {
                break;
            }
        }
        n += 1;
        match session.rebuild() {
            Ok(report) => {
                for w in &report.warnings {
                    eprintln!("warning: {w}");
                }
                println!("{}", line(n, &report));
            }
            Err(e) => {
                eprint!("{}", e.render(false));
                println!("build {n}: failed; the last good PDF stays / 构建失败，保留上次的 PDF");
            }
        }
        // Our own reads and the PDF we write are not relevant events (see above), so
        // nothing is drained here: a save made while we rebuilt triggers the next build.
        refresh(&session, &mut watcher, &mut watched, &mut dirs);
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_owned())
}
