//! Where Typst is driven: the `World` that serves our layouts, the model as data, and
//! the fonts.
//!
//! The world holds only virtual files: the layouts compiled into the binary (or a
//! layout directory given for development), `/model.json`, the finished model,
//! `/print.json`, what the layouts need of the print settings, and the photos the
//! model read (`/photos/N.jpg`), encoded for the file being made.
//! Nothing else on disk is reachable from Typst: `read("/etc/passwd")` finds nothing.

use std::collections::HashMap;
use std::path::PathBuf;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::error::{Error, Result};
use crate::model::Issue;
use crate::typeset::fonts::FontSet;

/// The layouts, compiled into the binary: (virtual path, source).
pub(crate) const LAYOUTS: &[(&str, &str)] = &[
    ("/layouts/main.typ", include_str!("../../layouts/main.typ")),
    ("/layouts/page.typ", include_str!("../../layouts/page.typ")),
    (
        "/layouts/masthead.typ",
        include_str!("../../layouts/masthead.typ"),
    ),
    (
        "/layouts/article.typ",
        include_str!("../../layouts/article.typ"),
    ),
    (
        "/layouts/footer.typ",
        include_str!("../../layouts/footer.typ"),
    ),
];

/// The virtual path of the model.
pub(crate) const MODEL_PATH: &str = "/model.json";
/// The virtual path of what the layouts need of the print settings (bleed, archival
/// colours). It is a file apart from the model so that the layout modules, which read
/// only it, are evaluated once in a `watch` session, not again on every save: Typst
/// evaluates a module again when a file it read has changed.
pub(crate) const PRINT_PATH: &str = "/print.json";

/// The data files the layouts read, made from the finished model: `/model.json` and
/// `/print.json`.
#[derive(Debug, Clone)]
pub struct LayoutData {
    pub model: Vec<u8>,
    pub print: Vec<u8>,
}

impl LayoutData {
    /// The model's data files, compact (for the world), or indented (for `eject`,
    /// whose files users read).
    pub fn of(issue: &Issue, pretty: bool) -> Result<Self> {
        fn to_vec(v: &impl serde::Serialize, pretty: bool) -> Result<Vec<u8>> {
            if pretty {
                serde_json::to_vec_pretty(v)
            } else {
                serde_json::to_vec(v)
            }
            .map_err(|e| Error::internal(format!("model to JSON: {e}")))
        }
        Ok(Self {
            model: to_vec(issue, pretty)?,
            print: to_vec(&issue.print, pretty)?,
        })
    }

    /// The files with their virtual paths.
    pub fn into_files(self) -> [(&'static str, Vec<u8>); 2] {
        [(MODEL_PATH, self.model), (PRINT_PATH, self.print)]
    }
}

/// A Typst world for one issue.
pub struct JianbaoWorld {
    library: LazyHash<Library>,
    fonts: FontSet,
    main: FileId,
    sources: HashMap<FileId, Source>,
    /// The data files (`LayoutData`), by virtual path.
    data: HashMap<FileId, Bytes>,
    /// The articles' photos, encoded for the file being made.
    photos: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
    /// The layouts' directory when they are not the built-in ones.
    layout_dir: Option<PathBuf>,
}

/// A file the model adds to the world: its virtual path and its bytes.
pub(crate) type ExtraFile = (String, Vec<u8>);

fn photo_map(photos: Vec<ExtraFile>) -> HashMap<FileId, Bytes> {
    photos
        .into_iter()
        .map(|(path, bytes)| (file_id(&path), Bytes::new(bytes)))
        .collect()
}

fn data_map(data: LayoutData) -> HashMap<FileId, Bytes> {
    data.into_files()
        .into_iter()
        .map(|(path, bytes)| (file_id(path), Bytes::new(bytes)))
        .collect()
}

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("valid virtual path"),
    )
    .intern()
}

/// What a world serves of its own, before any issue is read: Typst's standard library
/// and the layouts, parsed. Nothing in it depends on the issue, so a build makes it on
/// another core while the issue is read and checked (`Layouts::spawn`).
pub struct Layouts {
    library: LazyHash<Library>,
    sources: HashMap<FileId, Source>,
    /// The layouts' directory when they are not the built-in ones.
    layout_dir: Option<PathBuf>,
}

impl Layouts {
    /// The built-in layouts (or those of `layout_dir`, read from disk), parsed.
    pub fn load(layout_dir: Option<PathBuf>) -> std::io::Result<Self> {
        let mut sources = HashMap::new();
        for (path, text) in LAYOUTS {
            let id = file_id(path);
            let text = match &layout_dir {
                Some(dir) => {
                    let name = path.trim_start_matches("/layouts/");
                    let file = dir.join(name);
                    std::fs::read_to_string(&file).map_err(|e| {
                        std::io::Error::new(e.kind(), format!("{}: {e}", file.display()))
                    })?
                }
                None => (*text).to_owned(),
            };
            sources.insert(id, Source::new(id, text));
        }
        Ok(Self {
            library: LazyHash::new(Library::builder().build()),
            sources,
            layout_dir,
        })
    }

    /// [`Layouts::load`] on a thread of its own: 6–7 ms of a cold build (the library
    /// and the parse of ~110 kB of layouts) spent while the issue is read.
    pub fn spawn(layout_dir: Option<PathBuf>) -> PendingLayouts {
        PendingLayouts(std::thread::spawn(move || Self::load(layout_dir)))
    }
}

/// Layouts being loaded on another thread.
pub struct PendingLayouts(std::thread::JoinHandle<std::io::Result<Layouts>>);

impl PendingLayouts {
    /// Waits for them.
    pub fn wait(self) -> std::io::Result<Layouts> {
        self.0
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

impl JianbaoWorld {
    /// A world serving the layouts, the model's data files, its photos and the fonts.
    /// `today` is the issue date, so `datetime.today()` is stable.
    pub fn new(
        layouts: Layouts,
        fonts: FontSet,
        data: LayoutData,
        photos: Vec<ExtraFile>,
        today: Option<Datetime>,
    ) -> Self {
        let Layouts {
            library,
            sources,
            layout_dir,
        } = layouts;
        Self {
            library,
            fonts,
            main: file_id(LAYOUTS[0].0),
            sources,
            data: data_map(data),
            photos: photo_map(photos),
            today,
            layout_dir,
        }
    }

    /// Replaces the model's data files (for rebuilds that keep the caches warm).
    pub fn set_data(&mut self, data: LayoutData) {
        self.data = data_map(data);
    }

    /// The bytes of a photo as the layout reads it (`/photos/3.jpg`).
    pub fn photo(&self, vpath: &str) -> Option<&[u8]> {
        self.photos.get(&file_id(vpath)).map(|b| b.as_slice())
    }

    /// Replaces the photos.
    pub fn set_photos(&mut self, photos: Vec<ExtraFile>) {
        self.photos = photo_map(photos);
    }

    /// The layouts' directory (`--layout-dir`), when they are not the built-in ones.
    pub fn layout_dir(&self) -> Option<&std::path::Path> {
        self.layout_dir.as_deref()
    }

    /// The fonts this world serves.
    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }
}

impl World for JianbaoWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(PathBuf::from(id.vpath().get_with_slash())))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(data) = self.data.get(&id) {
            return Ok(data.clone());
        }
        if let Some(photo) = self.photos.get(&id) {
            return Ok(photo.clone());
        }
        match self.sources.get(&id) {
            Some(s) => Ok(Bytes::from_string(s.clone())),
            None => Err(FileError::NotFound(PathBuf::from(
                id.vpath().get_with_slash(),
            ))),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
