//! The font report: the characters set in a fallback font, role by role, and the
//! names of faces.

use super::{Coverage, FallbackChar, RoleCoverage};
use crate::typeset::fonts::FontSet;

impl Coverage {
    /// The report of characters set in a fallback font, role by role.
    pub fn render_fallbacks(&self) -> String {
        let mut out = String::from(
            "Characters set in a fallback font / 使用后备字体的字符 (role: the face meant to set it)\n",
        );
        let mut any = false;
        for r in &self.roles {
            if r.fallbacks.is_empty() {
                continue;
            }
            any = true;
            let meant = r.primary_face.as_deref().unwrap_or("-");
            let latin = match &r.latin_face {
                Some(l) => format!("; Latin and digits: {l}"),
                None => String::new(),
            };
            out.push_str(&format!("  {} ({meant}{latin}):\n", r.role));
            for fb in &r.fallbacks {
                let places: Vec<String> = fb.places.iter().take(8).map(|p| p.to_string()).collect();
                let more = if fb.places.len() > 8 {
                    format!(" and {} more", fb.places.len() - 8)
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    "    {} U+{:04X} in {}  at {}{more}\n",
                    fb.ch,
                    fb.ch as u32,
                    fb.face,
                    places.join(", ")
                ));
            }
        }
        if !any {
            out.push_str("  none: every character is in its role's first font / 无：所有字符均由各角色的首选字体排出\n");
        }
        out
    }

    /// One build warning for the Chinese characters set in a fallback font (in another
    /// design, often another weight, than the text around them): the first few with
    /// their place, role and faces. None when every one is in its role's first font.
    /// Signs, Latin letters and figures the CJK fonts lack (−, ³, ₂) are left to
    /// `--font-report`: the shipped fonts set them, and every statistics bulletin
    /// warned of its minus signs, with nothing for the editor to do (QA12 A 14).
    pub fn fallback_note(&self) -> Option<String> {
        let all: Vec<(&RoleCoverage, &FallbackChar)> = self
            .roles
            .iter()
            .flat_map(|r| r.fallbacks.iter().map(move |f| (r, f)))
            .filter(|(_, f)| chinese_text(f.ch))
            .collect();
        if all.is_empty() {
            return None;
        }
        let shown: Vec<String> = all
            .iter()
            .take(5)
            .map(|(r, f)| {
                let at = f
                    .places
                    .first()
                    .map(|p| format!("{p}, "))
                    .unwrap_or_default();
                format!(
                    "{} ({at}{}: {} for {})",
                    f.ch,
                    r.role,
                    f.face,
                    r.primary_face.as_deref().unwrap_or("-")
                )
            })
            .collect();
        let more = if all.len() > 5 {
            format!(" and {} more", all.len() - 5)
        } else {
            String::new()
        };
        Some(format!(
            "{} character(s) are set in a fallback font and may look different from the text around them: {}{more}; help: give a font that has them with --font-dir (build --font-report lists every place) / {} 个字符由后备字体排出，字形可能与周围不同",
            all.len(),
            shown.join("; "),
            all.len()
        ))
    }

    /// All fallback characters, flattened: (role, char, family).
    pub fn fallback_chars(&self) -> Vec<(&'static str, char, &str)> {
        self.roles
            .iter()
            .flat_map(|r| {
                r.fallbacks
                    .iter()
                    .map(move |f| (r.role, f.ch, f.family.as_str()))
            })
            .collect()
    }
}

/// A character of Chinese text, whose design beside Fandol's shows: Han (`is_han`),
/// radicals, bopomofo, kana, and the CJK marks and full-width forms.
fn chinese_text(c: char) -> bool {
    crate::proofread::punctuation::is_han(c)
        || matches!(c as u32,
            0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31FF | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF | 0x3134F..=0x3FFFF)
}

/// "Family weight" of a face, e.g. "Noto Serif CJK SC 900".
pub fn face_name(fonts: &FontSet, slot: usize) -> String {
    let info = &fonts.slots[slot].info;
    let w = info.variant.weight.to_number();
    if w == 400 {
        info.family.clone()
    } else {
        format!("{} {w}", info.family)
    }
}
