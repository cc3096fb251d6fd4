//! Regression against reference renders: every issue under `issues/` is built, rendered
//! at the references' resolution and compared with `tests/reference/<issue dir>/page-N.png`.
//! A page that moved fails the test with a table and a diff image in
//! `target/tmp/reference-diff/<issue dir>/`.
//!
//! After an intended change to the layouts, fonts or issues, regenerate the references
//! with `tests/update-references.sh` and look at the diff before committing them.

use std::path::{Path, PathBuf};

use jianbao::pipeline::{self, BuildOptions};
use jianbao::proof::compare::{self, CompareOptions, Outcome};

/// The issue file of each directory under `issues/`: its one `*.toml`.
fn issue_files() -> Vec<(String, Result<PathBuf, String>)> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(crate::common::repo().join("issues"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let tomls: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        let found = match tomls.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(format!("issues/{name} has no issue file (*.toml)")),
            _ => Err(format!(
                "issues/{name} has several *.toml files; which is the issue?"
            )),
        };
        out.push((name, found));
    }
    out
}

fn reference_dir(name: &str) -> PathBuf {
    crate::common::repo().join("tests/reference").join(name)
}

/// Compares one issue with its references; `Err` says what differs.
fn check(name: &str, issue: &Path) -> Result<(), String> {
    let refs = reference_dir(name);
    if compare::reference_pages(&refs).unwrap().is_empty() {
        return Err(format!(
            "{name}: no reference renders in tests/reference/{name}/; run tests/update-references.sh"
        ));
    }
    let built = pipeline::pdf_bytes(&BuildOptions {
        issue: issue.to_owned(),
        ..Default::default()
    })
    .map_err(|e| format!("{name}: build failed: {}", e.render(false)))?;
    let diff_dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("reference-diff")
        .join(name);
    let c = compare::compare_pdf(
        &built.pdf,
        &refs,
        &CompareOptions {
            diff_dir: Some(diff_dir),
            ..Default::default()
        },
    )
    .map_err(|e| format!("{name}: compare failed: {}", e.render(false)))?;
    let differing: Vec<String> = c
        .pages
        .iter()
        .filter(|p| !p.outcome.is_same())
        .map(|p| {
            let what = match &p.outcome {
                Outcome::Changed(d) => format!(
                    "{} changed pixels in {} region(s), the first at {:.1?} mm",
                    d.changed,
                    d.regions.len(),
                    d.regions[0].mm(c.dpi)
                ),
                other => format!("{other:?}"),
            };
            let image = p
                .image
                .as_ref()
                .map(|i| format!(" (see {})", i.display()))
                .unwrap_or_default();
            format!("{name} page {}: {what}{image}", p.page)
        })
        .collect();
    if differing.is_empty() {
        Ok(())
    } else {
        Err(differing.join("\n"))
    }
}

#[test]
fn every_issue_matches_its_reference_renders() {
    let issues = issue_files();
    assert!(!issues.is_empty(), "no issues under issues/");
    let mut failures = Vec::new();
    for (name, issue) in &issues {
        match issue {
            Ok(issue) => {
                if let Err(e) = check(name, issue) {
                    failures.push(e);
                }
            }
            Err(e) => failures.push(e.clone()),
        }
    }
    // References of an issue that is no longer there are stale.
    if let Ok(entries) = std::fs::read_dir(crate::common::repo().join("tests/reference")) {
        for e in entries.flatten().filter(|e| e.path().is_dir()) {
            let name = e.file_name().to_string_lossy().into_owned();
            if !issues.iter().any(|(n, _)| *n == name) {
                failures.push(format!(
                    "tests/reference/{name} has no issue under issues/{name}; remove it"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "pages differ from the reference renders:\n{}\n\nIf the change is intended, look at the diff images, \
         then run tests/update-references.sh and commit the new references.",
        failures.join("\n")
    );
}
