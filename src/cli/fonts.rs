//! `jianbao fonts`: the fonts found, which role uses which, and, for an issue, every
//! character its text sets in a fallback font.

use std::path::PathBuf;

use jianbao::typeset::fontcheck;

use super::table::table;
use jianbao::model::style::{Roles, SIZE_NAMES};
use jianbao::pipeline::{self, BuildOptions};
use jianbao::typeset::FontUse;
use jianbao::typeset::fonts::{self, FontOptions, FontSet, Origin};
use jianbao::{Error, model};

#[derive(Debug, clap::Args)]
pub(super) struct FontsArgs {
    /// An issue file: use its font_dirs and [style.fonts], and list every character of
    /// its text that a fallback font sets, with file:line:col.
    issue: Option<PathBuf>,
    /// A directory of your own fonts, searched before the shipped fonts. Repeatable.
    #[arg(long = "font-dir", value_name = "DIR")]
    font_dirs: Vec<PathBuf>,
    /// Also list the fonts installed on this system.
    #[arg(long)]
    system_fonts: bool,
    /// For maintainers: rewrite the shipped fonts' index (fonts/index.json) from the
    /// font files, after checking them against fonts/manifest.toml.
    #[arg(long)]
    write_index: bool,
}

pub(super) fn run(args: FontsArgs) -> jianbao::Result<()> {
    if args.write_index {
        let dir = fonts::shipped_dir()
            .ok_or_else(|| Error::internal("the shipped fonts were not found"))?;
        let path = fonts::write_index(&dir)?;
        println!("wrote {}", path.display());
        return Ok(());
    }
    let Some(issue_path) = args.issue else {
        let set = FontSet::load(&FontOptions {
            dirs: args.font_dirs,
            system: args.system_fonts,
            shipped_dir: None,
        })?;
        out(&format!(
            "{}\n{}",
            render_fonts(&set),
            render_roles(&Roles::default().with_wide_fallback(), &set)
        ));
        for w in &set.warnings {
            eprintln!("warning: {w}");
        }
        return Ok(());
    };

    let opts = BuildOptions {
        issue: issue_path,
        font_dirs: args.font_dirs,
        system_fonts: args.system_fonts,
        ..Default::default()
    };
    let (mut issue, loaded) = model::load(&opts.issue)?;
    let set = pipeline::load_fonts(&opts, &loaded)?;
    out(&format!(
        "{}\n{}",
        render_fonts(&set),
        render_roles(&issue.style.fonts, &set)
    ));
    for w in &set.warnings {
        eprintln!("warning: {w}");
    }
    for w in fontcheck::unknown_families(&loaded, &issue.style.fonts, &set) {
        eprintln!("warning: {w}");
    }
    set.resolve_roles(&mut issue.style.fonts)?;
    let coverage = fontcheck::check(&issue, &loaded, &set)?;
    out(&format!("\n{}", coverage.render_fallbacks()));
    Ok(())
}

/// Prints to stdout; a closed pipe (`jianbao fonts | head`) is not an error.
pub(super) fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush());
}

/// The table of every face found: family, style, characters, origin, licence, file.
pub(super) fn render_fonts(set: &FontSet) -> String {
    let rows: Vec<[String; 6]> = set
        .slots
        .iter()
        .map(|s| {
            let v = s.info.variant;
            let style = format!("{:?} {}", v.style, v.weight.to_number()).to_lowercase();
            let mut family = s.info.family.clone();
            for a in &s.aliases {
                family.push_str(" / ");
                family.push_str(a);
            }
            [
                family,
                style,
                s.chars().to_string(),
                match s.origin {
                    Origin::User => "user",
                    Origin::Shipped => "shipped",
                    Origin::System => "system",
                }
                .to_owned(),
                s.licence.clone().unwrap_or_else(|| "-".to_owned()),
                if s.index > 0 {
                    format!("{} (face {})", s.path.display(), s.index)
                } else {
                    s.path.display().to_string()
                },
            ]
        })
        .collect();
    let mut out = format!(
        "Fonts / 字体 ({} faces; user fonts first, then shipped, then system; \"A / B\": Typst's name A, also declared as B)\n",
        rows.len()
    );
    out.push_str(&table(
        ["family", "style", "chars", "origin", "licence", "file"],
        &rows,
    ));
    out
}

/// The roles: size, the family that sets each, its fallbacks, and the families not found.
pub(super) fn render_roles(roles: &Roles, set: &FontSet) -> String {
    let mut rows = Vec::new();
    for (name, role) in roles.all() {
        let (found, absent): (Vec<&String>, Vec<&String>) =
            role.family.iter().partition(|f| set.has_family(f));
        let mut found = found.into_iter();
        let sets = found
            .next()
            .map(|f| match set.select(f, role.weight) {
                Some(slot) => format!(
                    "{} ({})",
                    fontcheck::face_name(set, slot),
                    set.slots[slot]
                        .path
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                ),
                None => f.clone(),
            })
            .unwrap_or_else(|| "NONE / 无".to_owned());
        let then: Vec<&str> = found.map(String::as_str).collect();
        let (latin_found, latin_absent): (Vec<&String>, Vec<&String>) =
            role.latin.iter().partition(|f| set.has_family(f));
        let latin = latin_found
            .first()
            .map(|f| match set.select(f, role.weight) {
                Some(slot) => fontcheck::face_name(set, slot),
                None => (*f).clone(),
            })
            .unwrap_or_else(|| "-".to_owned());
        let absent: Vec<&str> = absent
            .into_iter()
            .chain(latin_absent)
            .map(String::as_str)
            .collect();
        rows.push([
            name.to_owned(),
            size_name(role.size.0),
            sets,
            latin,
            then.join(", "),
            absent.join(", "),
        ]);
    }
    let mut out = String::from(
        "Roles / 字体角色 (families in fallback order: the first one found sets the role, the next fill in the characters it lacks; Latin: the font for Latin letters and digits, never for “ ” ‘ ’ — …)\n",
    );
    out.push_str(&table(
        ["role", "size", "set in", "Latin", "then", "not found"],
        &rows,
    ));
    out
}

/// The characters typeset per face (from the laid-out pages).
pub(super) fn render_use(uses: &[FontUse]) -> String {
    let rows: Vec<[String; 4]> = uses
        .iter()
        .map(|u| {
            let style = format!("{} ({})", u.family, u.postscript);
            [
                u.chars.to_string(),
                u.stroked.to_string(),
                u.distinct.len().to_string(),
                style,
            ]
        })
        .collect();
    let mut out = String::from(
        "Characters typeset per font / 各字体排出的字符数 (whitespace not counted; stroked: bold made by a stroke, drawn twice in the PDF)\n",
    );
    out.push_str(&table(
        ["chars", "stroked", "distinct", "font (PostScript name)"],
        &rows,
    ));
    out
}

/// "三号 16pt", or "60pt" for a size without a name.
fn size_name(pt: f64) -> String {
    let num = format!("{}pt", (pt * 100.0).round() / 100.0);
    match SIZE_NAMES.iter().find(|(_, p)| (p - pt).abs() < 1e-6) {
        Some((name, _)) => format!("{name} {num}"),
        None => num,
    }
}
