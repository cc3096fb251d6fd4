//! Fonts against text, before anything is laid out.
//!
//! Every character of the model is looked up in the fonts its role will use, in the
//! role's fallback order, with the same rule Typst applies while shaping: for each
//! family in turn, the face `book.select(family, variant)` picks, and the first of
//! those faces whose cmap has the character sets it (the layouts turn Typst's own
//! fallback off, so there is no other font). A character that no face covers stops
//! the build here, with its place in the issue file or the article; the layout's
//! walk over the finished pages for glyph 0 stays as a second net.
//!
//! The same pass records which face sets each character, so that the font report
//! can list every character that came out in a fallback font, and where it is.
//!
//! Limits: coverage is the cmap only. A character that shaping would compose or
//! decompose (a compatibility ideograph the font lacks but whose canonical form it
//! has) is reported as missing although Typst could set it.

mod families;
mod report;

pub use families::{UnknownFamily, unknown_families};
pub use report::face_name;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::error::{Error, InputError, LineIndex, Result};
use crate::input::issue_file::LoadedIssueFile;
use crate::model::Issue;
use crate::model::printed::{self, FileRef, Piece, Src};
use crate::model::style::Role;
use crate::typeset::fonts::FontSet;

/// A place in a file, for messages and reports.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// file:line:col and the byte offset.
    At {
        file: PathBuf,
        line: usize,
        col: usize,
        offset: usize,
    },
    /// A Word article's paragraph (counted from 1, as `check` counts them): a Word
    /// file has no lines, and its line:col would be the Markdown jianbao made of it.
    Paragraph { file: PathBuf, n: usize },
    /// Text the layout adds (not in any file).
    Layout,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::At {
                file, line, col, ..
            } => write!(f, "{}:{line}:{col}", file.display()),
            Place::Paragraph { file, n } => write!(f, "{}: paragraph {n}", file.display()),
            Place::Layout => f.write_str("(layout text / 版式文字)"),
        }
    }
}

/// When a fallback character was first seen, the face that sets it, its places.
type FirstSeen = (usize, usize, Vec<Place>);

/// A character no face of its role has: the role of its first occurrence, and every
/// place in a file (none if it is only in the layout's own text).
struct Missing {
    role: usize,
    places: Vec<(FileRef, usize)>,
}

/// A character set in a face other than its role's first.
#[derive(Debug, Clone)]
pub struct FallbackChar {
    pub ch: char,
    /// The slot of the face that sets it.
    pub slot: usize,
    /// That face's family.
    pub family: String,
    /// That face, as the report names it ("Noto Serif CJK SC", "… 900").
    pub face: String,
    /// Every place it occurs, in order.
    pub places: Vec<Place>,
}

/// One role: its families after resolution and what fell back.
#[derive(Debug, Clone)]
pub struct RoleCoverage {
    pub role: &'static str,
    pub families: Vec<String>,
    /// The face of the role's first family: the one meant to set the role.
    pub primary: Option<usize>,
    /// That face, as the report names it.
    pub primary_face: Option<String>,
    /// The face of the role's first Latin family (found): meant to set Latin letters
    /// and digits, so not a fallback either.
    pub latin_primary: Option<usize>,
    /// That face, as the report names it.
    pub latin_face: Option<String>,
    /// Characters set in another face, in reading order (pieces are walked in print
    /// order: masthead, articles, footer).
    pub fallbacks: Vec<FallbackChar>,
}

/// What the check found: every role's fallbacks and every (character, face) pair.
#[derive(Debug, Clone)]
pub struct Coverage {
    pub roles: Vec<RoleCoverage>,
    /// Every character of the model with the slot of the face that sets it.
    pub faces: BTreeSet<(char, usize)>,
}

/// Files whose text the places point into, with a line index each (built on first
/// use), so that placing every character of a long text stays linear.
struct Files<'a> {
    loaded: &'a LoadedIssueFile,
    issue: &'a Issue,
    lines: std::cell::RefCell<HashMap<FileRef, LineIndex<'a>>>,
}

impl<'a> Files<'a> {
    fn new(loaded: &'a LoadedIssueFile, issue: &'a Issue) -> Self {
        Files {
            loaded,
            issue,
            lines: Default::default(),
        }
    }

    fn get(&self, f: FileRef) -> (&'a Path, &'a str) {
        match f {
            FileRef::Issue => (&self.loaded.path, &self.loaded.text),
            FileRef::Series => match &self.loaded.series {
                Some(s) => (&s.path, &s.text),
                None => (&self.loaded.path, &self.loaded.text),
            },
            FileRef::Article(i) => {
                let a = &self.issue.articles[i];
                (&a.path, &a.source)
            }
        }
    }

    /// The file and byte offset of the character at byte `i` of a piece. `seen`
    /// holds, for a derived piece, where the search for each character goes on in
    /// the raw value: the n-th occurrence in the piece is the n-th in the value, found
    /// without counting from the start again (linear over a piece).
    fn locate(
        &self,
        piece: &Piece,
        i: usize,
        ch: char,
        seen: &mut HashMap<char, usize>,
    ) -> Option<(FileRef, usize)> {
        match &piece.from {
            Src::Verbatim(f, start) => Some((*f, start + i)),
            Src::Derived(f, span) => {
                // A value the issue takes from its series file is in that file.
                let (f, span) = match (f, self.loaded.series_span(span)) {
                    (FileRef::Issue, Some(local)) => (FileRef::Series, local),
                    _ => (*f, span.clone()),
                };
                let (_, text) = self.get(f);
                let raw = text.get(span.clone()).unwrap_or("");
                let from = seen.entry(ch).or_insert(0);
                let off = match raw.get(*from..).and_then(|r| r.find(ch)) {
                    Some(k) => {
                        let off = *from + k;
                        *from = off + ch.len_utf8();
                        off
                    }
                    // Not in the value as written (an escape): its start.
                    None => 0,
                };
                Some((f, span.start + off))
            }
            Src::Layout => None,
        }
    }

    fn place(&self, at: Option<(FileRef, usize)>) -> Place {
        match at {
            None => Place::Layout,
            Some((FileRef::Article(i), offset))
                if !self.issue.articles[i].paragraphs.is_empty() =>
            {
                let a = &self.issue.articles[i];
                Place::Paragraph {
                    file: a.path.clone(),
                    n: crate::input::docx::Converted::paragraph_at(&a.paragraphs, offset),
                }
            }
            Some((f, offset)) => {
                let (path, text) = self.get(f);
                let (line, col) = self
                    .lines
                    .borrow_mut()
                    .entry(f)
                    .or_insert_with(|| LineIndex::new(text))
                    .line_col(offset);
                Place::At {
                    file: path.to_owned(),
                    line,
                    col,
                    offset,
                }
            }
        }
    }
}

/// The marks that Typst's `covers: "latin-in-cjk"` keeps from a role's Latin
/// families (Latin and CJK fonts both have them; in Chinese text they are full width).
pub fn shared_with_cjk(ch: char) -> bool {
    matches!(
        ch,
        '\u{00B7}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2025}'..='\u{2027}' | '\u{2E3A}'
    )
}

/// The face that sets `ch` in a role: Typst's rule, family by family — the Latin
/// families first (each `covers: "latin-in-cjk"`, as the layout declares them), then
/// the role's families.
pub fn face_for(fonts: &FontSet, role: &Role, ch: char) -> Option<usize> {
    let latin = role.latin.iter().filter(|_| !shared_with_cjk(ch));
    let mut tried: Vec<usize> = Vec::new();
    for family in latin.chain(&role.family) {
        let Some(id) = fonts.select(family, role.weight) else {
            continue;
        };
        // A face that lacked the character once lacks it again.
        if tried.contains(&id) {
            continue;
        }
        tried.push(id);
        if fonts.slots[id].info.coverage.contains(ch as u32) {
            return Some(id);
        }
    }
    None
}

/// Whether Typst shapes the character at all (it skips newlines, tabs and default
/// ignorables such as variation selectors and zero-width joiners).
fn is_shaped(ch: char) -> bool {
    !(ch == '\n' || ch == '\t' || ch == '\r' || typst::text::is_default_ignorable(ch))
}

/// Checks every character of the model against its role's fonts. The roles must be
/// resolved ([`FontSet::resolve_roles`]). Missing characters are input errors, one
/// per character, at its first place.
pub fn check(issue: &Issue, loaded: &LoadedIssueFile, fonts: &FontSet) -> Result<Coverage> {
    let roles = issue.style.fonts.all();
    let pieces = printed::walk(issue, loaded);
    let role_of = |name: &str| {
        roles
            .iter()
            .position(|(n, _)| *n == name)
            .expect("the walk names known roles")
    };
    let files = Files::new(loaded, issue);

    let mut memo: HashMap<(usize, char), Option<usize>> = HashMap::new();
    let mut faces = BTreeSet::new();
    // role -> char -> (first seen, slot, places)
    let mut fallbacks: Vec<BTreeMap<char, FirstSeen>> =
        vec![BTreeMap::new(); crate::model::style::ROLES];
    let mut seq = 0usize;
    // char -> (role, places)
    let mut missing: BTreeMap<char, Missing> = BTreeMap::new();
    let primary: Vec<Option<usize>> = roles
        .iter()
        .map(|(_, r)| r.family.first().and_then(|f| fonts.select(f, r.weight)))
        .collect();
    let latin_primary: Vec<Option<usize>> = roles
        .iter()
        .map(|(_, r)| r.latin.first().and_then(|f| fonts.select(f, r.weight)))
        .collect();

    for piece in &pieces {
        let r = role_of(piece.role);
        let role = roles[r].1;
        let mut seen = HashMap::new();
        for (i, ch) in piece.text.char_indices() {
            if !is_shaped(ch) {
                continue;
            }
            // Each (role, character) is looked up once; the faces used are noted then.
            let face = *memo.entry((r, ch)).or_insert_with(|| {
                let face = face_for(fonts, role, ch);
                if let Some(slot) = face {
                    faces.insert((ch, slot));
                }
                face
            });
            // A character is placed only when it is reported (a fallback or a missing
            // character); in a derived piece every occurrence is counted, so that the
            // n-th is found at the n-th place of the value.
            let reported = !face
                .is_some_and(|slot| Some(slot) == primary[r] || Some(slot) == latin_primary[r]);
            let at = if reported || matches!(piece.from, Src::Derived(..)) {
                files.locate(piece, i, ch, &mut seen)
            } else {
                None
            };
            match face {
                Some(slot) => {
                    if reported {
                        seq += 1;
                        fallbacks[r]
                            .entry(ch)
                            .or_insert_with(|| (seq, slot, Vec::new()))
                            .2
                            .push(files.place(at));
                    }
                }
                None => {
                    let m = missing.entry(ch).or_insert_with(|| Missing {
                        role: r,
                        places: Vec::new(),
                    });
                    m.places.extend(at);
                }
            }
        }
    }

    if !missing.is_empty() {
        let errors = missing
            .into_iter()
            .map(|(ch, m)| missing_error(&files, fonts, roles[m.role], ch, &m.places))
            .collect();
        return Err(Error::Many(errors));
    }

    let roles = roles
        .iter()
        .zip(fallbacks)
        .zip(primary)
        .zip(latin_primary)
        .map(
            |((((name, role), fb), primary), latin_primary)| RoleCoverage {
                role: name,
                families: role.family.clone(),
                primary,
                primary_face: primary.map(|p| face_name(fonts, p)),
                latin_primary,
                latin_face: latin_primary.map(|p| face_name(fonts, p)),
                fallbacks: {
                    // In reading order: by first occurrence.
                    let mut fb: Vec<_> = fb.into_iter().collect();
                    fb.sort_by_key(|(_, (first, _, _))| *first);
                    fb.into_iter()
                        .map(|(ch, (_, slot, places))| FallbackChar {
                            ch,
                            slot,
                            family: fonts.slots[slot].info.family.clone(),
                            face: face_name(fonts, slot),
                            places,
                        })
                        .collect()
                },
            },
        )
        .collect();
    Ok(Coverage { roles, faces })
}

fn missing_error(
    files: &Files,
    fonts: &FontSet,
    (role_name, role): (&str, &Role),
    ch: char,
    places: &[(FileRef, usize)],
) -> InputError {
    let code = ch as u32;
    let pua = (0xE000..=0xF8FF).contains(&code)
        || (0xF0000..=0xFFFFD).contains(&code)
        || (0x100000..=0x10FFFD).contains(&code);
    // U+FFFD: where a program before jianbao could not read a character (a file saved
    // in one encoding and opened in another). No font helps (QA12 B 18).
    let lost = ch == '\u{FFFD}';
    let what = if lost {
        format!(
            "the text holds {} replacement character(s) � (U+FFFD): a program the text passed through could not read a character there and put this mark in its place; the character is lost / 文中有 {} 处替换符 �：文字在此前的转换中已损坏，原字已丢失",
            places.len(),
            places.len()
        )
    } else if pua {
        format!(
            "the character U+{code:04X} is a private-use code point: it has no standard shape, and no font here has one for it, so it would print as an empty box / 私用区字符 U+{code:04X}（造字）没有字体可以显示，会印成空框"
        )
    } else {
        format!(
            "no font has the character {ch} (U+{code:04X}), so it would print as an empty box / 没有字体包含「{ch}」（U+{code:04X}），会印成空框"
        )
    };
    let others: Vec<String> = places
        .iter()
        .skip(1)
        .take(5)
        .map(|&at| files.place(Some(at)).to_string())
        .collect();
    let mut message = what;
    if places.len() > 1 {
        message.push_str(&format!(
            "; also at {}{}",
            others.join(", "),
            if places.len() > 6 {
                format!(" and {} more places", places.len() - 6)
            } else {
                String::new()
            }
        ));
    }
    // A face loaded but not in the role's list would cover it: say which.
    let elsewhere: BTreeSet<&str> = fonts
        .slots
        .iter()
        .filter(|s| s.info.coverage.contains(code))
        .map(|s| s.info.family.as_str())
        .collect();
    let families = role.family.join(", ");
    // An emoji (a WeChat post's or a chat's 🎉 😊): no bulletin font has one, and a
    // bulletin prints none; the font's advice came first (QA16 J 05).
    let emoji = matches!(code, 0x1F000..=0x1FAFF | 0x2600..=0x27BF);
    let help = if lost {
        "look at the source the text was copied from and type the lost characters in their place / 请对照原稿补上丢失的文字".to_owned()
    } else if emoji && elsewhere.is_empty() {
        "it is an emoji, as WeChat posts and chats have them, which a bulletin does not print: delete it (or write its words in its place) / 这是表情符号（微信、聊天中常见），简报不排表情符号，请删除".to_owned()
    } else if elsewhere.is_empty() {
        format!(
            "the {role_name} role tries {families}; add a directory with a font that covers this character (--font-dir DIR, or font_dirs in the issue file{}), or replace the character / 用 --font-dir 或期刊文件的 font_dirs 加入含此字的字体，或改用其他字",
            if pua {
                ", e.g. the 造字 font that made it"
            } else {
                ""
            }
        )
    } else {
        format!(
            "the {role_name} role tries {families}; {} has this character: add it to [style.fonts.{role_name}] family in the issue file / 在期刊文件 [style.fonts.{role_name}] 的 family 中加入含此字的字体",
            elsewhere.into_iter().collect::<Vec<_>>().join(", ")
        )
    };
    match places.first() {
        Some(&(f, offset)) => {
            let (path, text) = files.get(f);
            InputError::at(path, text, offset..offset + ch.len_utf8(), message).help(help)
        }
        // Only in text the layout adds.
        None => InputError::file(
            &files.loaded.path,
            format!("{message} (in the layout's own text for the {role_name} role)"),
        )
        .help(help),
    }
}
