//! Batch builds: many issues at once, in parallel on all cores. One failing issue does
//! not stop the others; the caller learns the outcome of each.

use std::path::PathBuf;

use crate::error::{Error, InputError, Result};
use crate::pipeline::{self, BuildOptions, BuildReport};

/// Expands the command line's paths into issue files: a file is taken as it is; a
/// directory contributes its `*.toml` files and those of its immediate subdirectories
/// (`issues/*/issue.toml`), sorted, its series files left out (`series.toml`, which
/// `jianbao new` writes beside the issues' folders), as `check DIR` takes them.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let found = crate::series::issue_files(p);
            if found.is_empty() {
                return Err(InputError::file(
                    p,
                    "no issue files (*.toml) in this directory / 目录中没有期刊文件",
                )
                .help("give issue files, or a directory that holds them")
                .into());
            }
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Builds every job on `workers` threads. `done(index, result)` is called as each job
/// finishes (from the worker's thread); results come back in the jobs' order.
pub fn build_all<F>(jobs: &[BuildOptions], workers: usize, done: F) -> Vec<Result<BuildReport>>
where
    F: Fn(usize, &Result<BuildReport>) + Sync,
{
    let build = |(i, job): (usize, &BuildOptions)| {
        let result = std::panic::catch_unwind(|| pipeline::build(job)).unwrap_or_else(|_| {
            Err(Error::internal(format!(
                "panic while building {}",
                job.issue.display()
            )))
        });
        done(i, &result);
        // What this issue's build remembered (Typst's layouts, decoded photos) and no
        // build since has used goes: the memory of a batch stays that of the issues
        // being built, not of all built so far.
        comemo::evict(1);
        result
    };
    // `--jobs N` threads of our own, each taking the next issue when it is done: not
    // one rayon pool for all, whose worker, waiting inside one build (the export's
    // join), took up the next issue and ran it nested, so that every build's time
    // counted the ones after it (107, 223, 347 … ms) and their memory was held
    // together. Each worker runs its builds in a pool of its own, with its share of the
    // cores for the build's own parallel stages.
    let workers = workers.clamp(1, jobs.len().max(1));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = (cores / workers).max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<BuildReport>>>> =
        jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(share)
                    .build()
                    .ok();
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let result = match &pool {
                        Some(pool) => pool.install(|| build((i, job))),
                        None => build((i, job)),
                    };
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err(Error::internal("a batch job was not run")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_issue_dirs_in_order() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("issues");
        let found = discover(std::slice::from_ref(&root)).unwrap();
        assert!(found.len() >= 3, "{found:?}");
        assert!(found.windows(2).all(|w| w[0] < w[1]));
        assert!(found.iter().all(|p| p.ends_with("issue.toml")));
    }

    #[test]
    fn empty_directory_is_an_input_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = discover(&[dir.path().to_owned()]).unwrap_err();
        assert_eq!(err.exit_code(), 1);
    }
}
