//! Where fonts are found.
//!
//! Order (first wins for a family): the user's font directories (`--font-dir`, then
//! the issue file's `font_dirs`), the fonts shipped in `fonts/` (only the files its
//! `manifest.toml` lists), and the system's fonts when asked for (`--system-fonts`).
//! Nothing is parsed that is not used: the shipped fonts are described by
//! `fonts/index.rs`, compiled in (each face's [`FontInfo`]: family, variant,
//! coverage), and checked against the manifest's sha256 and the file sizes, so
//! start-up reads no font file instead of the cmaps of 70 MB of fonts. A file is
//! memory-mapped and its face parsed only when the layout first asks for it. The
//! user's and the system's fonts are indexed when loaded. `jianbao fonts
//! --write-index` regenerates the index, and a test fails when it is stale.
//!
//! The shipped directory is looked up in this order: `$JIANBAO_FONTS`, `fonts/` next
//! to the executable, `../share/jianbao/fonts` from the executable, and the
//! repository's `fonts/` that the binary was built from.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo, FontStretch, FontStyle, FontVariant, FontWeight};
use typst::utils::LazyHash;

use crate::error::{Error, InputError, Result};
use crate::model::style::Roles;

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
    /// Other family names the font declares (its name table in other languages, e.g.
    /// 仿宋_GB2312 beside FangSong_GB2312): a role may name it by any of them, while
    /// Typst knows it only as `info.family`. Not read for the shipped fonts.
    pub aliases: Vec<String>,
    /// The sha256 of a shipped file the compiled-in index describes (checked against
    /// the manifest and the size on disk): Typst then knows the face by it instead of
    /// by hashing every byte of the file ([`map_file`]).
    sha256: Option<&'static str>,
    /// The file's bytes, mapped on first use.
    data: OnceLock<Option<Bytes>>,
    font: OnceLock<Option<Font>>,
}

impl FontSlot {
    /// The parsed face (the file is mapped and the face parsed on the first call).
    pub fn get(&self) -> Option<Font> {
        self.font
            .get_or_init(|| {
                let data = self
                    .data
                    .get_or_init(|| load_bytes(&self.path, self.origin, self.sha256))
                    .clone()?;
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
    /// Shared with the threads that load faces ahead of the layout ([`FontSet::prefetch`]).
    pub slots: Vec<Arc<FontSlot>>,
    /// What the user's font folders held that is not used: a file named as a font that
    /// cannot be read as one, a folder with no font (said nowhere, and the editor's
    /// 方正小标宋 was not used with nothing said, QA14 F 06).
    pub warnings: Vec<String>,
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

/// The index of the shipped fonts, beside `manifest.toml`: Rust data compiled into
/// the binary, so that reading it costs nothing at start-up.
pub const INDEX_FILE: &str = "index.rs";

/// One shipped file as the compiled-in index knows it.
#[derive(Debug)]
pub struct IndexedFile {
    pub file: &'static str,
    /// The sha256 of the file, as in the manifest when the index was written.
    pub sha256: &'static str,
    /// The file's size in bytes: a cheap check at start-up that it is the same file.
    pub size: u64,
    /// Every face of the file, in collection order.
    pub faces: &'static [IndexedFace],
}

/// One face: its [`FontInfo`] without the coverage as JSON, and the coverage runs.
#[derive(Debug)]
pub struct IndexedFace {
    pub info: &'static str,
    pub coverage: &'static [u32],
}

/// The index of the shipped fonts, as compiled in (`fonts/index.rs`).
pub static SHIPPED_INDEX: &[IndexedFile] = include!("../../fonts/index.rs");

/// What [`FontInfo`] holds besides the coverage.
#[derive(Serialize, Deserialize)]
struct FaceMeta {
    family: String,
    variant: FontVariant,
    flags: typst::text::FontFlags,
    #[serde(default)]
    axes: Vec<typst::text::FontAxis>,
}

impl IndexedFace {
    /// The face's [`FontInfo`]. The coverage goes straight from the static runs
    /// into Typst's `Coverage` (no text to parse), the rest is a few bytes of JSON.
    pub fn font_info(&self) -> Option<FontInfo> {
        use serde::de::value::{Error as DeError, SeqDeserializer};
        let meta: FaceMeta = serde_json::from_str(self.info).ok()?;
        let coverage = typst::text::Coverage::deserialize(SeqDeserializer::<_, DeError>::new(
            self.coverage.iter().copied(),
        ))
        .ok()?;
        Some(FontInfo {
            family: meta.family,
            variant: meta.variant,
            flags: meta.flags,
            axes: meta.axes,
            coverage,
        })
    }
}

/// The faces of a shipped file from the compiled-in index, if it describes this
/// very file: the manifest's sha256 and the size on disk.
fn indexed_faces(entry: &ManifestEntry, path: &Path) -> Option<(&'static str, Vec<FontInfo>)> {
    let e = SHIPPED_INDEX.iter().find(|f| f.file == entry.file)?;
    let size = std::fs::metadata(path).ok()?.len();
    if e.sha256 != entry.sha256 || e.size != size {
        return None;
    }
    let faces = e
        .faces
        .iter()
        .map(IndexedFace::font_info)
        .collect::<Option<_>>()?;
    Some((e.sha256, faces))
}

/// The index computed from the font files (to write it, or to check it is fresh).
#[derive(Debug, Clone, PartialEq)]
pub struct FontIndex {
    pub fonts: Vec<IndexEntry>,
}

/// One file of a computed index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    pub file: String,
    pub sha256: String,
    pub size: u64,
    pub faces: Vec<FontInfo>,
}

impl FontIndex {
    /// The compiled-in index in the same form.
    pub fn compiled() -> Option<FontIndex> {
        let fonts = SHIPPED_INDEX
            .iter()
            .map(|f| {
                Some(IndexEntry {
                    file: f.file.to_owned(),
                    sha256: f.sha256.to_owned(),
                    size: f.size,
                    faces: f
                        .faces
                        .iter()
                        .map(IndexedFace::font_info)
                        .collect::<Option<_>>()?,
                })
            })
            .collect::<Option<_>>()?;
        Some(FontIndex { fonts })
    }

    /// The index as Rust data (`fonts/index.rs`): one line a face.
    pub fn to_rust(&self) -> String {
        let mut out = String::from(
            "// The shipped fonts' index: each face's FontInfo (the coverage as run lengths), so\n\
             // that start-up parses no font file. Generated by `cargo run -- fonts --write-index`\n\
             // from the files in manifest.toml; do not edit. tests/it/fonts.rs fails when it is stale.\n\
             &[\n",
        );
        for f in &self.fonts {
            out.push_str(&format!(
                "IndexedFile {{ file: {:?}, sha256: {:?}, size: {}, faces: &[\n",
                f.file, f.sha256, f.size
            ));
            for info in &f.faces {
                let meta = FaceMeta {
                    family: info.family.clone(),
                    variant: info.variant,
                    flags: info.flags,
                    axes: info.axes.clone(),
                };
                let runs: Vec<u32> = serde_json::to_value(&info.coverage)
                    .and_then(serde_json::from_value)
                    .unwrap_or_default();
                let runs: Vec<String> = runs.iter().map(u32::to_string).collect();
                out.push_str(&format!(
                    "    IndexedFace {{ info: {:?}, coverage: &[{}] }},\n",
                    serde_json::to_string(&meta).unwrap_or_default(),
                    runs.join(",")
                ));
            }
            out.push_str("] },\n");
        }
        out.push_str("]\n");
        out
    }
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
    Ok(FontIndex { fonts })
}

/// The sha256 of some bytes, in lower-case hex as `sha256sum` prints it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes the index of a shipped font directory (`jianbao fonts --write-index`);
/// the next build compiles it in.
pub fn write_index(dir: &Path) -> Result<PathBuf> {
    let index = compute_index(dir)?;
    let path = dir.join(INDEX_FILE);
    std::fs::write(&path, index.to_rust())
        .map_err(|e| Error::internal(format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
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

/// What to do when the shipped fonts are missing or damaged.
const SETUP_HELP: &str = "run jianbao from a full clone of its repository (the fonts/ folder with its font files), or set JIANBAO_FONTS to that fonts/ folder / 请在完整的仓库中运行（含 fonts/ 字体文件），或把 JIANBAO_FONTS 设为该 fonts/ 目录";

/// Reads the manifest of a shipped font directory.
pub fn read_manifest(dir: &Path) -> Result<Vec<ManifestEntry>> {
    let path = dir.join("manifest.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Error::setup(format!("cannot read {}: {e}", path.display()), SETUP_HELP))?;
    let m: Manifest = toml::from_str(&text)
        .map_err(|e| Error::setup(format!("{} is damaged: {e}", path.display()), SETUP_HELP))?;
    Ok(m.font)
}

impl FontSet {
    /// Indexes the fonts by the search order.
    pub fn load(options: &FontOptions) -> Result<FontSet> {
        let mut slots = Vec::new();
        let mut warnings = Vec::new();
        for dir in &options.dirs {
            if !dir.is_dir() {
                return Err(
                    InputError::file(dir, "font directory not found / 找不到字体目录")
                        .help("give an existing directory with --font-dir or font_dirs")
                        .into(),
                );
            }
            let before = slots.len();
            for path in font_files(dir) {
                if add_file(&mut slots, &path, Origin::User, None) == 0 {
                    warnings.push(format!(
                        "{}: not a font that can be read (damaged, cut short in copying, or another kind of file named as a font): it is not used; copy it again from where it came from / 字体文件无法读取（可能已损坏或复制不完整），未使用，请重新复制",
                        path.display()
                    ));
                }
            }
            if slots.len() == before {
                warnings.push(format!(
                    "{}: the font folder adds no font: it holds no .ttf, .otf or .ttc file that can be read / 字体目录中没有可用的字体文件",
                    dir.display()
                ));
            }
        }
        let shipped = options
            .shipped_dir
            .clone()
            .or_else(shipped_dir)
            .ok_or_else(|| {
                Error::setup(
                    "the fonts shipped with jianbao were not found / 找不到随附字体",
                    SETUP_HELP,
                )
            })?;
        for entry in read_manifest(&shipped)? {
            let path = shipped.join(&entry.file);
            if !path.is_file() {
                return Err(Error::setup(
                    format!(
                        "the shipped font {} is missing / 随附字体文件缺失",
                        path.display()
                    ),
                    SETUP_HELP,
                ));
            }
            let licence = Some(entry.licence.clone());
            match indexed_faces(&entry, &path) {
                Some((sha256, faces)) => {
                    for (i, info) in faces.into_iter().enumerate() {
                        slots.push(Arc::new(FontSlot {
                            path: path.clone(),
                            index: i as u32,
                            info,
                            origin: Origin::Shipped,
                            licence: licence.clone(),
                            aliases: Vec::new(),
                            sha256: Some(sha256),
                            data: OnceLock::new(),
                            font: OnceLock::new(),
                        }));
                    }
                }
                // No index, or a stale one: read the file (slower, same result).
                None => {
                    add_file(&mut slots, &path, Origin::Shipped, licence);
                }
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
            warnings,
        })
    }

    /// Starts loading these faces on the thread pool, largest file first, so that the
    /// layout finds them ready. Loading a face means mapping or reading its file,
    /// parsing its tables and, for a file the index does not describe (the user's and
    /// the system's), hashing every byte of it (Typst knows a font by that hash): for a
    /// CJK face, 5–25 MB, done one after another on the layout's thread, the layout
    /// would wait on each. A face the layout asks
    /// for while it is still loading is waited for, never loaded twice (`OnceLock`);
    /// faces not named here load when first asked for, as before.
    pub fn prefetch(&self, slots: impl IntoIterator<Item = usize>) {
        let slots: std::collections::BTreeSet<usize> = slots.into_iter().collect();
        let mut wanted: Vec<Arc<FontSlot>> = slots
            .into_iter()
            .filter_map(|i| self.slots.get(i))
            .filter(|slot| slot.font.get().is_none())
            .cloned()
            .collect();
        wanted.sort_by_cached_key(|slot| std::fs::metadata(&slot.path).map_or(0, |m| m.len()));
        for slot in wanted.into_iter().rev() {
            rayon::spawn(move || {
                if let Some(font) = slot.get() {
                    // A read (not mapped) file is hashed here too, not on first use.
                    typst::utils::hash128(&font);
                }
            });
        }
    }

    /// The face at a book index.
    pub fn font(&self, index: usize) -> Option<Font> {
        self.slots.get(index)?.get()
    }

    /// Whether a family is found, by the name Typst knows or by another name the
    /// font declares (case-insensitive, as Typst matches).
    pub fn has_family(&self, family: &str) -> bool {
        self.typst_family(family).is_some()
    }

    /// The name Typst knows a family by: the name itself if the book has it, else
    /// the family of a font that declares it as another name (仿宋_GB2312 for a font
    /// Typst calls FangSong_GB2312).
    pub fn typst_family(&self, family: &str) -> Option<String> {
        if self.book.contains_family(&family.to_lowercase()) {
            return Some(family.to_owned());
        }
        self.slots
            .iter()
            .find(|s| s.aliases.iter().any(|a| a.eq_ignore_ascii_case(family)))
            .map(|s| s.info.family.clone())
    }

    /// Gives each role's families by the names Typst knows and keeps only those
    /// found, so that the layout never asks for an unknown family (Latin families
    /// too). Errors when a role is left with no family.
    pub fn resolve_roles(&self, roles: &mut Roles) -> Result<()> {
        let mut missing = Vec::new();
        let names: Vec<&'static str> = roles.all().iter().map(|(n, _)| *n).collect();
        let found = |families: &[String]| {
            let mut found: Vec<String> = Vec::new();
            for f in families.iter().filter_map(|f| self.typst_family(f)) {
                if !found.iter().any(|x| x.eq_ignore_ascii_case(&f)) {
                    found.push(f);
                }
            }
            found
        };
        for (name, role) in names.iter().zip(roles.all_mut()) {
            role.family = found(&role.family);
            // No Latin family found: the CJK families set Latin too.
            role.latin = found(&role.latin);
            if role.family.is_empty() {
                missing.push(*name);
            }
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Error::setup(
                format!(
                    "no font found for the roles {}: the shipped fonts are missing / 找不到字体",
                    missing.join(", ")
                ),
                SETUP_HELP,
            ))
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

/// Adds the faces of a font file; returns how many (none: it cannot be read as a font).
fn add_file(
    slots: &mut Vec<Arc<FontSlot>>,
    path: &Path,
    origin: Origin,
    licence: Option<String>,
) -> usize {
    let before = slots.len();
    let Some(data) = load_bytes(path, origin, None) else {
        return 0;
    };
    let count = ttf_parser::fonts_in_collection(data.as_slice()).unwrap_or(1);
    for index in 0..count {
        let Ok(face) = ttf_parser::Face::parse(data.as_slice(), index) else {
            continue;
        };
        let Some(info) = FontInfo::new(data.as_slice(), index) else {
            continue;
        };
        let mut aliases: Vec<String> = Vec::new();
        for name in face.names() {
            if matches!(
                name.name_id,
                ttf_parser::name_id::FAMILY | ttf_parser::name_id::TYPOGRAPHIC_FAMILY
            ) && let Some(n) = name.to_string()
                && n != info.family
                && !aliases.contains(&n)
            {
                aliases.push(n);
            }
        }
        slots.push(Arc::new(FontSlot {
            path: path.to_owned(),
            index,
            info,
            origin,
            licence: licence.clone(),
            aliases,
            sha256: None,
            // The user's and the system's files are read again when the layout asks
            // for them: only the faces used stay in memory.
            data: if origin == Origin::Shipped {
                OnceLock::from(Some(data.clone()))
            } else {
                OnceLock::new()
            },
            font: OnceLock::new(),
        }));
    }
    slots.len() - before
}

/// The most font files a folder given with `--font-dir` or `font_dirs` is searched
/// for, and how deep: a folder such as `/` or `/proc` is not searched to its end.
const MAX_FONT_DIR_ENTRIES: usize = 100_000;
const MAX_FONT_DIR_DEPTH: usize = 12;

/// Font files in a directory and below it, sorted for a stable order. Links are
/// followed, but a link that leads back up (a loop) is skipped, as is anything that
/// is not a regular file (a FIFO named `x.ttf` would block a read) and anything on
/// another file system (`/proc/self/root` leads to `/`).
fn font_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .same_file_system(true)
        .max_depth(MAX_FONT_DIR_DEPTH)
        .into_iter()
        .take(MAX_FONT_DIR_ENTRIES)
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| {
            p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                matches!(
                    x.to_ascii_lowercase().as_str(),
                    "ttf" | "otf" | "ttc" | "otc"
                )
            })
        })
        .collect();
    out.sort();
    out
}

/// What the font files of some folders look like now (path, size, modification
/// time): when it changes, a rebuild loads the fonts again (`watch`).
pub fn fingerprint(dirs: &[PathBuf]) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    dirs.iter()
        .flat_map(|d| font_files(d))
        .map(|p| {
            let meta = std::fs::metadata(&p).ok();
            let len = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.and_then(|m| m.modified().ok());
            (p, len, modified)
        })
        .collect()
}

/// The largest font file read: a CJK collection is 20–120 MB.
const FONT_FILE_LIMIT: u64 = 512 * crate::output::files::MB;

/// A font file's bytes. The shipped fonts are part of the installation and are
/// memory-mapped (only the pages used are read). The user's and the system's are
/// read into memory, so that a font copied over while a build runs can never pull
/// the pages from under the build (with a mapping that is a SIGBUS): the build sees
/// the old file or the new one, and `watch` reloads the fonts when one changes.
fn load_bytes(path: &Path, origin: Origin, sha256: Option<&'static str>) -> Option<Bytes> {
    match origin {
        Origin::Shipped => map_file(path, sha256),
        Origin::User | Origin::System => crate::output::files::read_input(path, FONT_FILE_LIMIT)
            .ok()
            .map(Bytes::new),
    }
}

#[allow(unsafe_code)]
fn map_file(path: &Path, sha256: Option<&'static str>) -> Option<Bytes> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: only the shipped fonts are mapped: files of the installation, checked
    // against the manifest's sizes, that no editor rewrites while a build runs.
    let map = Arc::new(unsafe { memmap2::Mmap::map(&file) }.ok()?);
    {
        let mut mapped = MAPPED.lock().unwrap_or_else(|e| e.into_inner());
        // (Mappings unmapped since, by `watch` loading the fonts again, go.)
        mapped.retain(|m| m.strong_count() > 0);
        mapped.push(Arc::downgrade(&map));
    }
    let hashing = Arc::new(AtomicBool::new(sha256.is_some()));
    let bytes = Bytes::new(MappedFont {
        map: map.clone(),
        identity: sha256,
        hashing: hashing.clone(),
    });
    if sha256.is_some() {
        // Typst hashes the bytes once and keeps the hash: let that one hash be of
        // the identity, then show the file's bytes from here on.
        typst::utils::hash128(&bytes);
        hashing.store(false, Ordering::Release);
    } else {
        release_after_hashing(&map, &bytes);
    }
    Some(bytes)
}

/// The shipped font files mapped in this process (those still mapped upgrade).
static MAPPED: std::sync::Mutex<Vec<std::sync::Weak<memmap2::Mmap>>> =
    std::sync::Mutex::new(Vec::new());

/// From now on in this process, a mapped font's pages go back to the page cache once
/// the PDF export has made its subset (a hook in `vendor/krilla`), as after hashing:
/// the export then holds one font's pages at a time, not every font's, at its end,
/// which is a cold build's peak of memory. For `build`, not for `watch`, whose next
/// save would read them again. Fonts read into memory (the user's, the system's) are
/// left alone.
pub fn release_fonts_after_subset() {
    let _ = krilla::text::AFTER_SUBSET.set(release_mapped);
}

fn release_mapped(bytes: &[u8]) {
    let mapped = MAPPED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(map) = mapped
        .iter()
        .filter_map(std::sync::Weak::upgrade)
        .find(|m| m.as_ptr() == bytes.as_ptr() && m.len() == bytes.len())
    {
        drop_pages(&map);
    }
}

/// Hands a read-only file mapping's pages back: they are read from the page cache
/// again when next touched.
#[allow(unsafe_code)]
fn drop_pages(map: &memmap2::Mmap) {
    #[cfg(unix)]
    {
        // SAFETY: the mapping is read-only and backed by the file, so dropping its
        // pages only means they are read from the file again when next touched.
        let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
    }
    #[cfg(not(unix))]
    let _ = map;
}

/// A mapped font file: the `Bytes` Typst holds, sharing the mapping with us.
///
/// Typst knows a font by a 128-bit hash of its bytes, computed on first use and kept
/// (`Bytes` wraps a `LazyHash`). For a shipped file whose sha256 the index checked,
/// that hash is taken over the sha256 instead of over 5–25 MB of file: while
/// `hashing` is set (only in [`map_file`], before Typst has the bytes), the bytes
/// shown are the identity. Two shipped files have the same hash only if they have the
/// same sha256, so the hash still tells faces apart; and the pass that read every page
/// of the file (most of a cold build's font cost, and the peak of its memory) is gone.
struct MappedFont {
    map: Arc<memmap2::Mmap>,
    identity: Option<&'static str>,
    hashing: Arc<AtomicBool>,
}

impl AsRef<[u8]> for MappedFont {
    fn as_ref(&self) -> &[u8] {
        match self.identity {
            Some(id) if self.hashing.load(Ordering::Acquire) => id.as_bytes(),
            _ => &self.map,
        }
    }
}

/// A file that is not described by the index is hashed in full (Typst knows a font
/// by a hash of every byte). A CJK font is 5–25 MB, so that one pass would leave the
/// whole file resident although layout reads only its tables and the glyphs it sets.
/// So: hash now, in one sequential pass, then hand the pages back; those needed are
/// read again from the page cache. (A read-only file mapping loses nothing by
/// `MADV_DONTNEED`.)
fn release_after_hashing(map: &memmap2::Mmap, bytes: &Bytes) {
    #[cfg(unix)]
    let _ = map.advise(memmap2::Advice::Sequential);
    typst::utils::hash128(bytes);
    drop_pages(map);
    #[cfg(unix)]
    let _ = map.advise(memmap2::Advice::Normal);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// After its subset is made, a mapped font's pages go back and are read again when
    /// touched; a font's bytes in memory, the same bytes, are never handed back (that
    /// would zero them).
    #[test]
    fn only_a_mapped_fonts_pages_go_back_after_its_subset() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/FandolKai-Regular.otf");
        let mapped = map_file(&path, None).expect("the shipped font maps");
        let read = std::fs::read(&path).unwrap();
        let in_memory = read.clone();
        assert_eq!(mapped.as_slice(), &read[..]);
        release_mapped(mapped.as_slice());
        release_mapped(&in_memory);
        assert_eq!(mapped.as_slice(), &read[..]);
        assert_eq!(in_memory, read);
        let font = Font::new(mapped, 0).expect("parses");
        assert!(font.info().coverage.contains('楷' as u32));
    }

    #[test]
    fn a_mapped_font_is_hashed_up_front_and_still_reads_after_its_pages_go_back() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/FandolFang-Regular.otf");
        let mapped = map_file(&path, None).expect("the shipped font maps");
        // The same identity as the same bytes read into memory: Typst sees no difference.
        let read = Bytes::new(std::fs::read(&path).unwrap());
        assert_eq!(typst::utils::hash128(&mapped), typst::utils::hash128(&read));
        assert_eq!(mapped.as_slice(), read.as_slice());
        // The pages given back are read again when the face is parsed and used.
        let font = Font::new(mapped, 0).expect("parses");
        assert_eq!(font.info().family, "FandolFang R");
        assert!(font.info().coverage.contains('简' as u32));
        assert_eq!(
            font.post_script_name().as_deref(),
            Some("FandolFang-Regular")
        );
    }

    #[test]
    fn an_indexed_shipped_font_is_known_by_its_sha256_and_reads_as_its_file() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let manifest = read_manifest(&dir).unwrap();
        let load = |file: &str| {
            let entry = manifest.iter().find(|e| e.file == file).unwrap();
            let path = dir.join(file);
            let (sha256, _) = indexed_faces(entry, &path).expect("the index is fresh");
            (map_file(&path, Some(sha256)).unwrap(), path)
        };
        let (fang, path) = load("FandolFang-Regular.otf");
        let (again, _) = load("FandolFang-Regular.otf");
        let (song, _) = load("FandolSong-Regular.otf");
        // The hash is of the identity, not of every byte: another build of the same
        // file gives the same hash, another file another.
        let full = Bytes::new(std::fs::read(&path).unwrap());
        assert_ne!(typst::utils::hash128(&fang), typst::utils::hash128(&full));
        assert_eq!(typst::utils::hash128(&fang), typst::utils::hash128(&again));
        assert_ne!(typst::utils::hash128(&fang), typst::utils::hash128(&song));
        assert_eq!(fang, again);
        // Once hashed, the bytes are the file's, and the face parses from them.
        assert_eq!(fang.as_slice(), full.as_slice());
        let font = Font::new(fang, 0).expect("parses");
        assert_eq!(font.info().family, "FandolFang R");
        assert!(font.info().coverage.contains('简' as u32));
    }

    #[test]
    fn prefetched_faces_are_the_faces_the_layout_would_load() {
        let options = FontOptions {
            dirs: Vec::new(),
            system: false,
            shipped_dir: None,
        };
        let prefetched = FontSet::load(&options).unwrap();
        let lazy = FontSet::load(&options).unwrap();
        let wanted: Vec<usize> = (0..prefetched.slots.len()).step_by(2).collect();
        prefetched.prefetch(wanted.iter().copied().chain(wanted.iter().copied()));
        // The pool loads them without being asked again, and only them.
        let start = std::time::Instant::now();
        while !wanted
            .iter()
            .all(|&i| prefetched.slots[i].loaded().is_some())
        {
            assert!(start.elapsed().as_secs() < 60, "prefetch never finished");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(prefetched.slots[1].loaded().is_none());
        for i in 0..prefetched.slots.len() {
            // Asked for while (or after) a pool thread loads it: the same face, once.
            let a = prefetched.font(i).expect("loads");
            let b = lazy.font(i).expect("loads");
            assert_eq!(a, b, "slot {i}");
            assert_eq!(typst::utils::hash128(&a), typst::utils::hash128(&b));
        }
    }
}
