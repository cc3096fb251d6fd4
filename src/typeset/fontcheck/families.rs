//! Families the issue file names under `[style.fonts]` that no font provides, with
//! their places: the role falls back to a shipped font, and the editor is told.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::Place;
use crate::error::line_col;
use crate::input::issue_file::LoadedIssueFile;
use crate::model::style::{Roles, WIDE_FALLBACK};
use crate::typeset::fonts::FontSet;

/// The role of a family named in `[style.fonts]` itself, for every role.
const ALL_ROLES: &str = "*";

/// A family the issue file names for a role that no font provides.
#[derive(Debug, Clone)]
pub struct UnknownFamily {
    pub role: String,
    pub family: String,
    pub place: Place,
    /// The family the role falls back to.
    pub instead: Option<String>,
    /// Named as a Latin family (`latin = [...]`): Latin letters and digits go to the
    /// role's CJK font instead.
    pub latin: bool,
}

impl std::fmt::Display for UnknownFamily {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (instead, instead_zh) = match &self.instead {
            Some(f) => (f.as_str(), f.as_str()),
            None if self.role == ALL_ROLES => ("each role's own font", "各角色的中文字体"),
            None => (WIDE_FALLBACK, WIDE_FALLBACK),
        };
        let in_role = if self.role == ALL_ROLES {
            "every role".to_owned()
        } else {
            format!("the {} role", self.role)
        };
        let (what, what_zh) = if self.latin {
            (
                format!(
                    "named for Latin letters and digits in {in_role}; they are set in {instead} instead"
                ),
                format!("西文和数字改用 {instead_zh}"),
            )
        } else {
            (
                format!("named for {in_role}; it is set in {instead} instead"),
                format!("改用 {instead_zh}"),
            )
        };
        write!(
            f,
            "{}: no font has the family \"{}\" {what} / 找不到字体「{}」，{what_zh}。Add the font's directory with --font-dir DIR or font_dirs, or check the name with `jianbao fonts` / 用 --font-dir 加入字体目录，或用 jianbao fonts 查看字体名",
            self.place, self.family, self.family,
        )
    }
}

/// The families written in the issue file under `[style.fonts]`, with spans.
#[derive(Deserialize, Default)]
struct StyleSpans {
    #[serde(default)]
    style: StyleFonts,
}

#[derive(Deserialize, Default)]
struct StyleFonts {
    #[serde(default)]
    fonts: BTreeMap<String, FontsEntry>,
}

/// An entry of `[style.fonts]`: a role's table, or the `latin` list for every role.
enum FontsEntry {
    Role(RoleSpans),
    List(Vec<Spanned<String>>),
}

// By hand, not `#[serde(untagged)]`: an untagged enum buffers the value and loses
// the spans.
impl<'de> Deserialize<'de> for FontsEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = FontsEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a role's table or a list of families")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> std::result::Result<FontsEntry, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(FontsEntry::List)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<FontsEntry, A::Error> {
                RoleSpans::deserialize(MapAccessDeserializer::new(map)).map(FontsEntry::Role)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
struct RoleSpans {
    #[serde(default)]
    family: Vec<Spanned<String>>,
    #[serde(default)]
    latin: Option<Vec<Spanned<String>>>,
}

/// The roles whose families, as written in the issue file, are none of them found:
/// the role falls back to a shipped font. (A list where one family is found is fine:
/// a list is a fallback order, and a machine without the licensed fonts uses the next.)
/// The same for Latin families: a role's own `latin`, else the `latin` of
/// `[style.fonts]` (reported once, for the body role).
pub fn unknown_families(
    loaded: &LoadedIssueFile,
    roles: &Roles,
    fonts: &FontSet,
) -> Vec<UnknownFamily> {
    let Ok(spans) = toml::from_str::<StyleSpans>(&loaded.text) else {
        return Vec::new();
    };
    let all_latin = match spans.style.fonts.get("latin") {
        Some(FontsEntry::List(l)) => l.as_slice(),
        _ => &[],
    };
    let mut out = Vec::new();
    let mut push = |role: &str, written: &[Spanned<String>], instead: Option<String>, latin| {
        if written.is_empty() || written.iter().any(|f| fonts.has_family(f.get_ref())) {
            return;
        }
        for f in written {
            let offset = f.span().start;
            let (line, col) = line_col(&loaded.text, offset);
            out.push(UnknownFamily {
                role: role.to_owned(),
                family: f.get_ref().clone(),
                place: Place::At {
                    file: loaded.path.clone(),
                    line,
                    col,
                    offset,
                },
                instead: instead.clone(),
                latin,
            });
        }
    };
    for (name, role) in roles.all() {
        let instead = role.family.iter().find(|f| fonts.has_family(f)).cloned();
        let written = match spans.style.fonts.get(name) {
            Some(FontsEntry::Role(r)) => Some(r),
            _ => None,
        };
        if let Some(w) = written {
            push(name, &w.family, instead.clone(), false);
        }
        match written.and_then(|w| w.latin.as_deref()) {
            Some(own) => push(name, own, instead, true),
            None if name == "body" => push(ALL_ROLES, all_latin, None, true),
            None => {}
        }
    }
    out
}
