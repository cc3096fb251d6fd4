//! Where fonts are found.
//!
//! Order (first wins for a family): the user's font directories (`--font-dir`, then
//! the issue file's `font_dirs`), the fonts shipped in `fonts/` (only the files its
//! `manifest.toml` lists), and the system's fonts when asked for (`--system-fonts`).
//! Font files are memory-mapped and indexed once; a face is parsed only when the
//! layout first uses it.
//!
//! The shipped directory is looked up in this order: `$JIANBAO_FONTS`, `fonts/` next
//! to the executable, `../share/jianbao/fonts` from the executable, and the
//! repository's `fonts/` that the binary was built from.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

use crate::error::{Error, InputError, Result};
use crate::style::{Role, Roles};

/// Where a font came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    User,
    Shipped,
    System,
}

/// One face in one file (memory-mapped), parsed on first use.
#[derive(Debug)]
pub struct FontSlot {
    pub path: PathBuf,
    pub index: u32,
    pub info: FontInfo,
    pub origin: Origin,
    /// The licence from the manifest, for shipped fonts.
    pub licence: Option<String>,
    data: Bytes,
    font: OnceLock<Option<Font>>,
}

impl FontSlot {
    /// The parsed face.
    pub fn get(&self) -> Option<Font> {
        self.font
            .get_or_init(|| Font::new(self.data.clone(), self.index))
            .clone()
    }
}

/// Where to look for fonts.
#[derive(Debug, Clone, Default)]
pub struct FontOptions {
    /// The user's directories, searched first, in order.
    pub dirs: Vec<PathBuf>,
    /// Add the system's fonts after the shipped ones.
    pub system: bool,
    /// Override the shipped font directory (tests).
    pub shipped_dir: Option<PathBuf>,
}

/// All fonts known to a build: the book Typst selects from and the lazy slots.
pub struct FontSet {
    pub book: LazyHash<FontBook>,
    pub slots: Vec<FontSlot>,
}

/// An entry of `fonts/manifest.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct ManifestEntry {
    pub file: String,
    pub family: String,
    pub style: String,
    pub package: String,
    pub package_version: String,
    pub source: String,
    pub licence: String,
    pub licence_file: String,
    pub role: String,
    pub sha256: String,
    pub glyphs_mapped: usize,
}

#[derive(Debug, Deserialize)]
struct Manifest {
    font: Vec<ManifestEntry>,
}

/// The directory of the shipped fonts, by the documented search order.
pub fn shipped_dir() -> Option<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(dir) = std::env::var_os("JIANBAO_FONTS") {
        candidates.push(PathBuf::from(dir));
    }
    if let Some(bin) = std::env::current_exe()
        .ok()
        .as_deref()
        .and_then(Path::parent)
    {
        candidates.push(bin.join("fonts"));
        candidates.push(bin.join("../share/jianbao/fonts"));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts"));
    candidates
        .into_iter()
        .find(|d| d.join("manifest.toml").is_file())
}

/// Reads the manifest of a shipped font directory.
pub fn read_manifest(dir: &Path) -> Result<Vec<ManifestEntry>> {
    let path = dir.join("manifest.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Error::internal(format!("cannot read {}: {e}", path.display())))?;
    let m: Manifest = toml::from_str(&text)
        .map_err(|e| Error::internal(format!("{} is broken: {e}", path.display())))?;
    Ok(m.font)
}

impl FontSet {
    /// Indexes the fonts by the search order.
    pub fn load(options: &FontOptions) -> Result<FontSet> {
        let mut slots = Vec::new();
        for dir in &options.dirs {
            if !dir.is_dir() {
                return Err(
                    InputError::file(dir, "font directory not found / 找不到字体目录")
                        .help("give an existing directory with --font-dir or font_dirs")
                        .into(),
                );
            }
            for path in font_files(dir) {
                add_file(&mut slots, &path, Origin::User, None);
            }
        }
        let shipped = options.shipped_dir.clone().or_else(shipped_dir).ok_or_else(|| {
            Error::internal(
                "the shipped fonts were not found: set JIANBAO_FONTS to the repository's fonts/ directory",
            )
        })?;
        for entry in read_manifest(&shipped)? {
            let path = shipped.join(&entry.file);
            if !path.is_file() {
                return Err(Error::internal(format!(
                    "shipped font {} is missing (is this a full clone? git lfs?)",
                    path.display()
                )));
            }
            add_file(
                &mut slots,
                &path,
                Origin::Shipped,
                Some(entry.licence.clone()),
            );
        }
        if options.system {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            let mut seen = std::collections::BTreeSet::new();
            for face in db.faces() {
                if let fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) =
                    &face.source
                    && seen.insert(path.clone())
                {
                    add_file(&mut slots, path, Origin::System, None);
                }
            }
        }
        let book = FontBook::from_infos(slots.iter().map(|s| s.info.clone()));
        Ok(FontSet {
            book: LazyHash::new(book),
            slots,
        })
    }

    /// The face at a book index.
    pub fn font(&self, index: usize) -> Option<Font> {
        self.slots.get(index)?.get()
    }

    /// Whether the book has a family (case-insensitive, as Typst matches).
    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }

    /// Keeps, in each role, only the families that are present, so that the layout
    /// never asks for an unknown family. Errors when a role is left with none.
    pub fn resolve_roles(&self, roles: &mut Roles) -> Result<()> {
        let mut missing = Vec::new();
        let names: Vec<&'static str> = roles.all().iter().map(|(n, _)| *n).collect();
        for (name, role) in names.iter().zip(roles_mut(roles)) {
            role.family.retain(|f| self.has_family(f));
            if role.family.is_empty() {
                missing.push(*name);
            }
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Error::internal(format!(
                "no font found for the roles {}; the shipped fonts may be missing",
                missing.join(", ")
            )))
        }
    }

    /// The first face of a family (regular if there is one), for coverage checks.
    pub fn family_slots(&self, family: &str) -> Vec<usize> {
        self.book.select_family(&family.to_lowercase()).collect()
    }
}

fn roles_mut(roles: &mut Roles) -> impl Iterator<Item = &mut Role> {
    let Roles {
        masthead,
        pinyin,
        issue_line,
        unit_line,
        marks,
        column,
        title,
        subtitle,
        body,
        heading1,
        heading2,
        heading3,
        heading4,
        emphasis,
        byline,
        footer,
        page_number,
    } = roles;
    [
        masthead,
        pinyin,
        issue_line,
        unit_line,
        marks,
        column,
        title,
        subtitle,
        body,
        heading1,
        heading2,
        heading3,
        heading4,
        emphasis,
        byline,
        footer,
        page_number,
    ]
    .into_iter()
}

fn add_file(slots: &mut Vec<FontSlot>, path: &Path, origin: Origin, licence: Option<String>) {
    let Some(data) = map_file(path) else { return };
    for (index, info) in FontInfo::iter(data.as_slice()).enumerate() {
        slots.push(FontSlot {
            path: path.to_owned(),
            index: index as u32,
            info,
            origin,
            licence: licence.clone(),
            data: data.clone(),
            font: OnceLock::new(),
        });
    }
}

/// Font files directly in a directory and below it, sorted for a stable order.
fn font_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                matches!(
                    x.to_ascii_lowercase().as_str(),
                    "ttf" | "otf" | "ttc" | "otc"
                )
            }) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn map_file(path: &Path) -> Option<Bytes> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: font files are not expected to change while we run; if one does, the
    // worst outcome is garbled glyphs in this build, as with any font loader.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    Some(Bytes::new(map))
}
