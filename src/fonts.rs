//! Where fonts are found.
//!
//! Order (first wins for a family): the user's font directories (`--font-dir`, then
//! the issue file's `font_dirs`), the fonts shipped in `fonts/` (only the files its
//! `manifest.toml` lists), and the system's fonts when asked for (`--system-fonts`).
//! Nothing is parsed that is not used: the shipped fonts are described by
//! `fonts/index.json` (each face's [`FontInfo`]: family, variant, coverage), checked
//! against the manifest's sha256 and the file sizes, so start-up reads one small file
//! instead of the cmaps of 70 MB of fonts. A file is memory-mapped and its face parsed
//! only when the layout first asks for it. The user's and the system's fonts are
//! indexed when loaded. `jianbao fonts --write-index` regenerates the index, and a
//! test fails when it is stale.
//!
//! The shipped directory is looked up in this order: `$JIANBAO_FONTS`, `fonts/` next
//! to the executable, `../share/jianbao/fonts` from the executable, and the
//! repository's `fonts/` that the binary was built from.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo, FontStretch, FontStyle, FontVariant, FontWeight};
use typst::utils::LazyHash;

use crate::error::{Error, InputError, Result};
use crate::style::Roles;

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
    /// The file's bytes, mapped on first use.
    data: OnceLock<Option<Bytes>>,
    font: OnceLock<Option<Font>>,
}

impl FontSlot {
    /// The parsed face (the file is mapped and the face parsed on the first call).
    pub fn get(&self) -> Option<Font> {
        self.font
            .get_or_init(|| {
                let data = self.data.get_or_init(|| map_file(&self.path)).clone()?;
                Font::new(data, self.index)
            })
            .clone()
    }

    /// The face if the layout has already asked for it (does not load it).
    pub fn loaded(&self) -> Option<&Font> {
        self.font.get()?.as_ref()
    }

    /// The number of characters the face maps.
    pub fn chars(&self) -> usize {
        self.info.coverage.iter().count()
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

/// The name of the index of the shipped fonts, beside `manifest.toml`.
pub const INDEX_FILE: &str = "index.json";

/// `fonts/index.json`: what Typst needs to know of each shipped face, computed once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FontIndex {
    /// What this file is and how to regenerate it.
    pub about: String,
    pub fonts: Vec<IndexEntry>,
}

/// One shipped file in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub file: String,
    /// The sha256 of the file, as in the manifest when the index was written.
    pub sha256: String,
    /// The file's size in bytes: a cheap check at start-up that it is the same file.
    pub size: u64,
    /// Every face of the file, in collection order.
    pub faces: Vec<FontInfo>,
}

const INDEX_ABOUT: &str = "FontInfo (family, variant, flags, coverage) of every face of the shipped fonts, so that start-up parses no font file. Written by `jianbao fonts --write-index` (cargo run -- fonts --write-index) from the files listed in manifest.toml; tests/fonts.rs fails when it is stale.";

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

/// Reads the index beside the manifest, if there is one and it parses.
pub fn read_index(dir: &Path) -> Option<FontIndex> {
    let text = std::fs::read_to_string(dir.join(INDEX_FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Computes the index of a shipped font directory from its files, after checking
/// each file's sha256 against the manifest.
pub fn compute_index(dir: &Path) -> Result<FontIndex> {
    let mut fonts = Vec::new();
    for entry in read_manifest(dir)? {
        let path = dir.join(&entry.file);
        let bytes = std::fs::read(&path)
            .map_err(|e| Error::internal(format!("cannot read {}: {e}", path.display())))?;
        let sha = sha256_hex(&bytes);
        if sha != entry.sha256 {
            return Err(Error::internal(format!(
                "{} has sha256 {sha}, but manifest.toml says {}",
                path.display(),
                entry.sha256
            )));
        }
        fonts.push(IndexEntry {
            file: entry.file.clone(),
            sha256: sha,
            size: bytes.len() as u64,
            faces: FontInfo::iter(&bytes).collect(),
        });
    }
    Ok(FontIndex {
        about: INDEX_ABOUT.to_owned(),
        fonts,
    })
}

/// The sha256 of some bytes, in lower-case hex as `sha256sum` prints it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl FontIndex {
    /// The index as written to disk: one line a file, so that diffs stay readable.
    pub fn to_json(&self) -> String {
        let mut out = format!(
            "{{\"about\": {},\n\"fonts\": [\n",
            serde_json::to_string(&self.about).unwrap_or_default()
        );
        for (i, f) in self.fonts.iter().enumerate() {
            out.push_str(&serde_json::to_string(f).unwrap_or_default());
            out.push_str(if i + 1 < self.fonts.len() { ",\n" } else { "\n" });
        }
        out.push_str("]}\n");
        out
    }

    /// The faces of a file, if the index describes this very file: the same sha256
    /// as the manifest and the same size on disk.
    fn faces(&self, entry: &ManifestEntry, path: &Path) -> Option<&[FontInfo]> {
        let e = self.fonts.iter().find(|f| f.file == entry.file)?;
        let size = std::fs::metadata(path).ok()?.len();
        (e.sha256 == entry.sha256 && e.size == size).then_some(e.faces.as_slice())
    }
}

/// Writes the index of a shipped font directory (`jianbao fonts --write-index`).
pub fn write_index(dir: &Path) -> Result<PathBuf> {
    let index = compute_index(dir)?;
    let path = dir.join(INDEX_FILE);
    std::fs::write(&path, index.to_json())
        .map_err(|e| Error::internal(format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
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
        let index = read_index(&shipped);
        for entry in read_manifest(&shipped)? {
            let path = shipped.join(&entry.file);
            if !path.is_file() {
                return Err(Error::internal(format!(
                    "shipped font {} is missing (is this a full clone? git lfs?)",
                    path.display()
                )));
            }
            let licence = Some(entry.licence.clone());
            match index.as_ref().and_then(|i| i.faces(&entry, &path)) {
                Some(faces) => {
                    for (i, info) in faces.iter().enumerate() {
                        slots.push(FontSlot {
                            path: path.clone(),
                            index: i as u32,
                            info: info.clone(),
                            origin: Origin::Shipped,
                            licence: licence.clone(),
                            data: OnceLock::new(),
                            font: OnceLock::new(),
                        });
                    }
                }
                // No index, or a stale one: read the file (slower, same result).
                None => add_file(&mut slots, &path, Origin::Shipped, licence),
            }
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
        for (name, role) in names.iter().zip(roles.all_mut()) {
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

    /// Every face of a family.
    pub fn family_slots(&self, family: &str) -> Vec<usize> {
        self.book.select_family(&family.to_lowercase()).collect()
    }

    /// The face Typst selects for a family and a weight (upright, normal width),
    /// as `book.select` does during layout.
    pub fn select(&self, family: &str, weight: u16) -> Option<usize> {
        let variant = FontVariant::new(
            FontStyle::Normal,
            FontWeight::from_number(weight),
            FontStretch::NORMAL,
        );
        self.book.select(&family.to_lowercase(), variant)
    }

    /// The slot of a face the layout used (only loaded faces are compared).
    pub fn slot_of(&self, font: &Font) -> Option<usize> {
        self.slots
            .iter()
            .position(|s| s.loaded().is_some_and(|f| f == font))
    }
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
            data: OnceLock::from(Some(data.clone())),
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
