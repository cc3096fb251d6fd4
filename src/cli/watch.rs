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
pub(super) struct WatchArgs {
    /// The issue file, fonts and layouts, as for `proof` and `compare`.
    #[command(flatten)]
    source: SourceArgs,
    /// Where to write the PDF [default: the issue file's name with .pdf, beside it].
    #[arg(short, long, value_name = "OUT.pdf")]
    output: Option<PathBuf>,
    /// A save that is known to be complete (the file closed after writing, or renamed
    /// into place) rebuilds at once. Any other change (a write still open, a file
    /// removed before its replacement is renamed in) waits for the save's end at most
    /// this many milliseconds. Changes made during a rebuild start the next one.
    #[arg(long, default_value_t = 50, value_name = "MS")]
    debounce: u64,
    /// After each rebuild, print where its time went, stage by stage (as `build
    /// --timings`).
    #[arg(long)]
    timings: bool,
}

/// How long the editor pauses (no file event) before a quick rebuild is built again
/// from nothing (`Session::settle`).
const QUIET: Duration = Duration::from_millis(300);

fn line(n: usize, r: &BuildReport) -> String {
    format!(
        "build {n}: {} in {:.1} ms{} → {}",
        super::pages(r.pages),
        r.elapsed.as_secs_f64() * 1000.0,
        if r.warnings.is_empty() {
            String::new()
        } else {
            format!(", {} warnings", r.warnings.len())
        },
        r.output.display()
    )
}

pub(super) fn run(args: WatchArgs) -> jianbao::Result<()> {
    // The issue file's [print] profile applies; the print flags are `build`'s.
    let opts = BuildOptions {
        output: args.output,
        ..args.source.build_options(None)
    };
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| jianbao::Error::internal(format!("cannot watch files: {e}")))?;
    let mut watched = BTreeSet::new();
    let mut dirs = BTreeSet::new();
    let refresh = |paths: Vec<PathBuf>,
                   watcher: &mut RecommendedWatcher,
                   watched: &mut BTreeSet<PathBuf>,
                   dirs: &mut BTreeSet<PathBuf>| {
        *watched = paths.iter().map(|p| absolute(p)).collect();
        // Editors replace files by renaming: watch the directories, filter by path.
        for p in watched.iter() {
            let mut dir = if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(Path::to_owned).unwrap_or_default()
            };
            // A folder not made yet (an article named in sub/ before sub/ is): the
            // nearest one that is, where its making is seen (`makes_a_folder`).
            while !dir.as_os_str().is_empty() && !dir.is_dir() {
                dir = dir.parent().map(Path::to_owned).unwrap_or_default();
            }
            if dirs.insert(dir.clone()) {
                let _ = watcher.watch(&dir, RecursiveMode::NonRecursive);
            }
        }
    };
    let settle = Duration::from_millis(args.debounce);

    // The first build. One that fails on what the editor mends by saving a file (an
    // article not saved yet, a mistake in the issue file) is said, and the issue's
    // files are watched until it succeeds: `watch` stopped there, unsaid (QA14 F 03).
    let mut n = 1;
    let mut session = loop {
        // Watched before it is read: a save made while it is read is not missed.
        refresh(
            Session::named(&opts.issue),
            &mut watcher,
            &mut watched,
            &mut dirs,
        );
        match Session::start(opts.clone()) {
            Ok((session, report)) => {
                println!("{}", line(n, &report));
                break session;
            }
            Err(e @ (jianbao::Error::Input(_) | jianbao::Error::Many(_)))
                if opts.issue.is_file() =>
            {
                eprint!("{}", e.render(false));
                println!(
                    "build {n}: failed; still watching: mend the file and save it to build again (Ctrl-C to stop) / 构建失败，仍在监视：改正文件并保存后将重新构建"
                );
                n += 1;
                // The next save of one of them (one made since it was read too), and
                // what comes with it.
                loop {
                    let ev = rx.recv().map_err(|_| {
                        jianbao::Error::internal("the file watcher stopped".to_owned())
                    })?;
                    if save_event(&watched, &ev).is_some() || makes_a_folder(&watched, &ev) {
                        break;
                    }
                }
                std::thread::sleep(settle);
                while rx.try_recv().is_ok() {}
            }
            Err(e) => return Err(e),
        }
    };
    refresh(session.watched(), &mut watcher, &mut watched, &mut dirs);
    println!("watching for changes (Ctrl-C to stop) / 正在监视文件变化");

    loop {
        // A rebuild laid out from the last one's pages is built again from nothing
        // once the editor pauses (`Session::settle`): the PDF is then a cold build's.
        let ev = if session.unsettled() {
            match rx.recv_timeout(QUIET) {
                Ok(ev) => ev,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    build_from_nothing(&mut session, n);
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(ev) => ev,
                Err(_) => break,
            }
        };
        // A folder made where a watched file is to be (sub/ for sub/b.txt): watched
        // from now on, and what was saved in it already is looked at (QA16 J 06: no
        // save in it ever started a build).
        let first = if makes_a_folder(&watched, &ev) {
            refresh(session.watched(), &mut watcher, &mut watched, &mut dirs);
            Save::Partial
        } else {
            let Some(first) = save_event(&watched, &ev) else {
                continue;
            };
            first
        };
        // A save is complete when a watched file is closed after writing (an editor
        // that writes in place) or renamed into place (one that writes a temporary
        // file, Word and WPS among them): rebuild at once. Until then (a write still
        // open, the old file removed before the new one is renamed in) wait for that
        // end, at most `settle` from the first event, for platforms without close
        // events.
        if first == Save::Partial {
            let deadline = std::time::Instant::now() + settle;
            while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
                match rx.recv_timeout(left) {
                    Ok(ev) if save_event(&watched, &ev) == Some(Save::Complete) => break,
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
        }
        // What is queued already came before the rebuild reads the files: it is in
        // this build. What comes after starts the next one, so the last save is never
        // missed.
        while rx.try_recv().is_ok() {}
        // Nothing the build reads changed (a file's attributes set after its save, a
        // second close): no rebuild, where one ran again for nothing.
        if !session.inputs_changed() {
            continue;
        }
        n += 1;
        match session.rebuild() {
            Ok(report) => {
                for w in &report.warnings {
                    eprintln!("warning: {w}");
                }
                println!("{}", line(n, &report));
                if args.timings {
                    println!("timings: {}", report.timings);
                }
            }
            Err(e) => {
                eprint!("{}", e.render(false));
                println!("build {n}: failed; the last good PDF stays / 构建失败，保留上次的 PDF");
            }
        }
        // Our own reads and the PDF we write are not save events (`save_event`), so
        // nothing is drained here: a save made while we rebuilt triggers the next build.
        refresh(session.watched(), &mut watcher, &mut watched, &mut dirs);
    }
    Ok(())
}

/// Builds build `n` again from nothing (`Session::settle`), and says so only when that
/// wrote a PDF other than the quick rebuild's, or failed.
fn build_from_nothing(session: &mut Session, n: usize) {
    match session.settle() {
        Ok(Some(report)) => println!(
            "build {n}: built again from nothing, its pages differ from the quick rebuild's: written ({:.1} ms) → {}",
            report.elapsed.as_secs_f64() * 1000.0,
            report.output.display()
        ),
        Ok(None) => {}
        Err(e) => {
            eprint!("{}", e.render(false));
            println!(
                "build {n}: building again from nothing failed; the PDF of the quick rebuild stays / 完整重排失败，保留快速重排的 PDF"
            );
        }
    }
}

/// What a file event says about an editor's save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Save {
    /// A watched file was closed after writing, or renamed into place: the save is done.
    Complete,
    /// A watched file was written, created or removed: a save is under way.
    Partial,
}

/// How an event bears on a save of a watched file; `None` when it does not (our own
/// reads, the PDF we write, other files in the folders we watch).
fn save_event(watched: &BTreeSet<PathBuf>, ev: &notify::Result<Event>) -> Option<Save> {
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    let ev = ev.as_ref().ok()?;
    // The kind first: most events (our own reads among them) end here, before any
    // path is looked at.
    let may_complete = match ev.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Modify(ModifyKind::Name(
            RenameMode::To | RenameMode::Both | RenameMode::Any,
        )) => true,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => false,
        _ => return None,
    };
    let ours: Vec<PathBuf> = ev
        .paths
        .iter()
        .map(|p| absolute(p))
        .filter(|p| {
            watched
                .iter()
                .any(|w| p == w || (w.is_dir() && p.starts_with(w)))
        })
        .collect();
    if ours.is_empty() {
        return None;
    }
    // A close after writing is complete; a rename only when the file was renamed in,
    // not away.
    let done = may_complete
        && (matches!(ev.kind, EventKind::Access(_)) || ours.iter().all(|p| p.exists()));
    Some(if done { Save::Complete } else { Save::Partial })
}

/// Whether an event makes a folder on the way to a watched file that had none yet
/// (its folder is then watched by the next `refresh`).
fn makes_a_folder(watched: &BTreeSet<PathBuf>, ev: &notify::Result<Event>) -> bool {
    let Ok(ev) = ev.as_ref() else {
        return false;
    };
    matches!(
        ev.kind,
        EventKind::Create(_) | EventKind::Modify(notify::event::ModifyKind::Name(_))
    ) && ev
        .paths
        .iter()
        .map(|p| absolute(p))
        .any(|made| made.is_dir() && watched.iter().any(|w| w != &made && w.starts_with(&made)))
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_owned())
}
