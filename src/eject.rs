//! Writing an issue out as a plain Typst project: the layouts, `/model.json` (the
//! finished model), `/print.json` (what the layouts need of the print settings) and
//! the photos as the layout takes them. For customising a layout
//! (then `build --layout-dir DIR/layouts`) and for comparing with the Typst CLI:
//! `typst compile --root DIR DIR/layouts/main.typ`.

use std::path::Path;

use crate::error::{Error, Result};
use crate::pipeline::{self, BuildOptions};
use crate::typeset::world::{LAYOUTS, LayoutData};

/// Writes `DIR/layouts/*.typ`, `DIR/model.json`, `DIR/print.json` and `DIR/photos/*`
/// for an issue.
pub fn eject(opts: &BuildOptions, dir: &Path) -> Result<()> {
    let prepared = pipeline::prepare(opts)?;
    let io = |e: std::io::Error| Error::io(dir, "cannot write the Typst project", e);
    std::fs::create_dir_all(dir.join("layouts")).map_err(io)?;
    for (path, text) in LAYOUTS {
        std::fs::write(dir.join(path.trim_start_matches('/')), text).map_err(io)?;
    }
    for (path, bytes) in LayoutData::of(&prepared.issue, true)?.into_files() {
        std::fs::write(dir.join(path.trim_start_matches('/')), bytes).map_err(io)?;
    }
    // The photos as the layout takes them (encoded for the print file).
    for photo in &prepared.issue.photos {
        let bytes = prepared.world.photo(&photo.vpath).ok_or_else(|| {
            Error::internal(format!("the photo {} is not in the world", photo.vpath))
        })?;
        let path = dir.join(photo.vpath.trim_start_matches('/'));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(path, bytes).map_err(io)?;
    }
    Ok(())
}
