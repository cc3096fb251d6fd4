//! Layout settings: the page, the grid, and each font role's families and size.
//!
//! Every field has the GB/T 9704 default of `../shared/GUIDE.md`; an issue file's
//! `[style]` table overrides any of them. Sizes are written in pt, mm or by their
//! Chinese names (三号, 小四…). The layout receives this struct as data.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Chinese size names (字号) and their sizes in points.
pub const SIZE_NAMES: [(&str, f64); 16] = [
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
    ("六号", 7.5),
    ("小六", 6.5),
    ("七号", 5.5),
    ("八号", 5.0),
];

const MM: f64 = 72.0 / 25.4;

/// A length in points, written in a file as `16`, `"16pt"`, `"5.6mm"` or `"三号"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size(pub f64);

impl Size {
    pub const fn pt(v: f64) -> Self {
        Size(v)
    }

    pub fn mm(v: f64) -> Self {
        Size(v * MM)
    }

    /// Parses `16pt`, `5.6mm`, `1.2cm`, `0.125in`, `16` (points) or a Chinese size name. The
    /// names also take a trailing 号 where people write one (小四号 = 小四).
    pub fn parse(s: &str) -> Result<Size, String> {
        let s = s.trim();
        if let Some(pt) = size_by_name(s) {
            return Ok(Size(pt));
        }
        let (num, factor) = if let Some(n) = s.strip_suffix("pt") {
            (n, 1.0)
        } else if let Some(n) = s.strip_suffix("mm") {
            (n, MM)
        } else if let Some(n) = s.strip_suffix("cm") {
            (n, 10.0 * MM)
        } else if let Some(n) = s.strip_suffix("in") {
            (n, 72.0)
        } else {
            (s, 1.0)
        };
        match num.trim().parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(Size(v * factor)),
            _ => Err(unknown_size_message(s)),
        }
    }
}

/// The size of a Chinese size name (三号, 小四, and 小四号 for 小四).
fn size_by_name(s: &str) -> Option<f64> {
    let find = |name: &str| {
        SIZE_NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, pt)| *pt)
    };
    find(s).or_else(|| {
        let bare = s.strip_suffix('号').filter(|b| b.starts_with('小'))?;
        find(bare)
    })
}

/// The message for a size that is neither a name nor a length. It starts with
/// "unknown size" (the issue file's help, [`size_help`], keys on that), names the
/// value and offers the closest names.
fn unknown_size_message(s: &str) -> String {
    let close: Vec<&str> = SIZE_NAMES
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| {
            let core = n.trim_end_matches('号');
            !s.is_empty() && (s.contains(core) || n.contains(s))
        })
        .take(3)
        .collect();
    let hint = if close.is_empty() {
        String::new()
    } else {
        format!(
            " (did you mean {}? / 是否应为 {}？)",
            close.join(" or "),
            close.join("、")
        )
    };
    format!("unknown size `{s}`{hint} / 无法识别的字号或尺寸「{s}」")
}

/// What a size may be, for the help under an unknown size.
pub fn size_help() -> String {
    let names = SIZE_NAMES
        .iter()
        .map(|(n, pt)| format!("{n} {pt}pt"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "write a Chinese size name in quotes, size = \"三号\" ({names}; 小四号 = 小四), or a length: size = \"16pt\", \"5.6mm\", 16 / 字号写成带引号的中文字号名或长度"
    )
}

impl Serialize for Size {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Rounded so that the JSON (and with it the PDF) is stable across platforms.
        s.serialize_f64((self.0 * 10_000.0).round() / 10_000.0)
    }
}

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Size;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a size: a number of points, \"16pt\", \"5.6mm\" or a name such as \"三号\"",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Size, E> {
                Size::parse(v).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Size, E> {
                Ok(Size(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Size, E> {
                Ok(Size(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Size, E> {
                Ok(Size(v as f64))
            }
        }
        d.deserialize_any(V)
    }
}

/// One font role: which families, in fallback order, and at what size.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    /// Families in fallback order; the shipped wide-coverage font is appended.
    pub family: Vec<String>,
    /// Families for Latin letters and digits, tried before `family`, in order. The
    /// layout gives each Typst's `covers: "latin-in-cjk"`, so that they never set the
    /// marks Latin and CJK fonts share (“ ” ‘ ’ · – — … ‥): those stay full width in the
    /// CJK font. Empty: the CJK families set Latin too.
    pub latin: Vec<String>,
    /// The size.
    pub size: Size,
    /// Embolden (by stroke when the font has no bold).
    pub bold: bool,
    /// The weight to select within a family: 400 regular, 700 bold, 900 black.
    pub weight: u16,
}

/// A role as written in an issue file: every key optional, over the default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RolePatch {
    family: Option<Vec<String>>,
    latin: Option<Vec<String>>,
    size: Option<Size>,
    bold: Option<bool>,
    weight: Option<u16>,
}

impl RolePatch {
    fn apply(self, role: &mut Role) {
        // The families named go first; the role's own stay after them, so that a
        // font not installed (仿宋_GB2312) falls back to the shipped face of the same
        // style (FandolFang), not to the Song face every role ends with.
        if let Some(mut f) = self.family {
            for own in role.family.drain(..) {
                if !f.contains(&own) {
                    f.push(own);
                }
            }
            role.family = f;
        }
        if let Some(l) = self.latin {
            role.latin = l;
        }
        if let Some(s) = self.size {
            role.size = s;
        }
        if let Some(b) = self.bold {
            role.bold = b;
        }
        if let Some(w) = self.weight {
            role.weight = w;
        }
    }
}

impl Role {
    fn new(family: &[&str], size: f64, bold: bool) -> Self {
        Role {
            family: family.iter().map(|s| s.to_string()).collect(),
            latin: Vec::new(),
            size: Size(size),
            bold,
            weight: 400,
        }
    }

    fn weight(mut self, weight: u16) -> Self {
        self.weight = weight;
        self
    }
}

// The licensed fonts offices own come first; absent ones are dropped at build time.
const XBS: &[&str] = &["FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC"];
const FANG: &[&str] = &[
    "FangSong_GB2312",
    "仿宋_GB2312",
    "FangSong",
    "仿宋",
    "FandolFang R",
];
const HEI: &[&str] = &["SimHei", "黑体", "FandolHei"];
const KAI: &[&str] = &["KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "FandolKai"];
const SONG: &[&str] = &["SimSun", "宋体", "FandolSong"];

/// The font roles, declared once: each role's doc, name and default. The struct, its
/// TOML form (`[style.fonts.<role>]`), the merge over the defaults, `jianbao fonts`
/// and the font check all come from this one list; a new role is one line here.
macro_rules! roles {
    ($( $(#[doc = $doc:literal])* $name:ident: $default:expr, )*) => {
        /// Font roles of the layout. In an issue file each is a table
        /// `[style.fonts.<role>]` whose keys (`family`, `latin`, `size`, `bold`,
        /// `weight`) each replace the default's; `latin` in `[style.fonts]` itself
        /// gives every role its Latin families.
        #[derive(Debug, Clone, Serialize)]
        pub struct Roles {
            $( $(#[doc = $doc])* pub $name: Role, )*
        }

        /// `[style.fonts]` as written: only the roles given, with only the keys given.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields, default)]
        struct RolesPatch {
            /// Latin families for every role that does not give its own `latin`.
            latin: Option<Vec<String>>,
            $( $name: Option<RolePatch>, )*
        }

        impl Default for Roles {
            fn default() -> Self {
                Roles { $( $name: $default, )* }
            }
        }

        /// How many font roles there are.
        pub const ROLES: usize = [$( stringify!($name) ),*].len();

        impl RolesPatch {
            /// The patches in the order of [`Roles::all_mut`].
            fn into_array(self) -> [Option<RolePatch>; ROLES] {
                [$( self.$name ),*]
            }
        }

        impl Roles {
            /// Every role with its name, for reports and checks.
            pub fn all(&self) -> [(&'static str, &Role); ROLES] {
                [$( (stringify!($name), &self.$name) ),*]
            }

            /// Every role, mutably, in the order of [`Roles::all`].
            pub fn all_mut(&mut self) -> [&mut Role; ROLES] {
                [$( &mut self.$name ),*]
            }
        }
    };
}

roles! {
    /// The bulletin's title in the masthead.
    masthead: Role::new(XBS, 68.0, false).weight(900),
    /// The pinyin / English line under it: a Times face, bold; not the 24 MB CJK
    /// fallback font.
    pinyin: Role::new(&["Times New Roman", "Liberation Serif"], 14.0, false).weight(700),
    /// 第19期(总第五百六十三期).
    issue_line: Role::new(FANG, 16.0, false),
    /// The editing unit and date line over the red rule.
    unit_line: Role::new(FANG, 16.0, false),
    /// Marks at the top of page 1 (内部资料, 密级, copy number).
    marks: Role::new(HEI, 16.0, false),
    /// Column labels 【工作研究】.
    column: Role::new(HEI, 16.0, false),
    /// Article titles (小标宋 二号).
    title: Role::new(XBS, 22.0, false).weight(900),
    /// The line under a title.
    subtitle: Role::new(KAI, 16.0, false),
    /// Body text (仿宋 三号).
    body: Role::new(FANG, 16.0, false),
    /// Level-1 heading 一、 (黑体).
    heading1: Role::new(HEI, 16.0, false),
    /// Level-2 heading （一） (楷体).
    heading2: Role::new(KAI, 16.0, false),
    /// Level-3 heading 1. (仿宋, bold).
    heading3: Role::new(FANG, 16.0, true),
    /// Level-4 heading （1） (仿宋).
    heading4: Role::new(FANG, 16.0, false),
    /// Table cells: 四号 仿宋.
    table: Role::new(FANG, 14.0, false),
    /// A photo's caption: 小四 楷体.
    caption: Role::new(KAI, 12.0, false),
    /// Footnotes at an article's end: 四号 仿宋.
    note: Role::new(FANG, 14.0, false),
    /// Emphasis (*text* in Markdown): 楷体.
    emphasis: Role::new(KAI, 16.0, false),
    /// The byline after an article.
    byline: Role::new(KAI, 16.0, false),
    /// The footer block (四号 仿宋).
    footer: Role::new(FANG, 14.0, false),
    /// Page numbers (宋体 四号).
    page_number: Role::new(SONG, 14.0, false),
}

impl<'de> Deserialize<'de> for Roles {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut p = RolesPatch::deserialize(d)?;
        let mut roles = Roles::default();
        if let Some(latin) = p.latin.take() {
            for role in roles.all_mut() {
                role.latin = latin.clone();
            }
        }
        for (role, patch) in roles.all_mut().into_iter().zip(p.into_array()) {
            if let Some(patch) = patch {
                patch.apply(role);
            }
        }
        Ok(roles)
    }
}

/// The fallback family every role ends with: the shipped font with the widest coverage.
pub const WIDE_FALLBACK: &str = "Noto Serif CJK SC";

/// The shipped Latin font, every role's last fallback: it has what the CJK fonts lack
/// of Latin text (SpO₂, 10⁹/L: the subscript and superscript figures, which stopped a
/// build as no font's, QA11).
pub const LATIN_FALLBACK: &str = "Liberation Serif";

impl Roles {
    /// Appends the wide-coverage fallback, then the Latin one, to every role that
    /// lacks them.
    pub fn with_wide_fallback(mut self) -> Self {
        for role in self.all_mut() {
            for family in [WIDE_FALLBACK, LATIN_FALLBACK] {
                if !role.family.iter().any(|f| f == family) {
                    role.family.push(family.to_owned());
                }
            }
        }
        self
    }
}

/// A print colour: CMYK percentages, optionally named as a spot colour.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colour {
    /// C, M, Y, K in percent.
    pub cmyk: [f64; 4],
    /// A spot (Separation) colour name, e.g. "PANTONE 485 C".
    #[serde(default)]
    pub spot: Option<String>,
}

/// The page and its grid.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Page {
    pub width: Size,
    pub height: Size,
    /// 天头: from the top of the page to the top of the text block.
    pub top: Size,
    /// 订口: from the left edge to the text block.
    pub left: Size,
    pub block_width: Size,
    pub block_height: Size,
    /// Body lines on a full page.
    pub lines: u32,
    /// Body characters on a full line.
    pub chars: u32,
    /// Number the masthead page too.
    pub number_first_page: bool,
    /// From the bottom of the text block to the page number's dashes.
    pub number_offset: Size,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            width: Size::mm(210.0),
            height: Size::mm(297.0),
            top: Size::mm(37.0),
            left: Size::mm(28.0),
            block_width: Size::mm(156.0),
            block_height: Size::mm(225.0),
            lines: 22,
            chars: 28,
            number_first_page: true,
            number_offset: Size::mm(7.0),
        }
    }
}

/// All layout settings (`[style]` in the issue file).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Style {
    pub page: Page,
    pub fonts: Roles,
    /// The masthead red and red rules.
    pub red: Colour,
    /// Add no space between Chinese and Latin letters or digits (official-document style).
    pub no_cjk_latin_space: bool,
    /// Blank body lines between two articles.
    pub article_gap_lines: f64,
    /// Tracking of the masthead title, in em.
    pub masthead_tracking: f64,
    /// Height of the masthead, in body grid lines (the first article starts on the
    /// grid): the least it takes; it grows by whole lines when what it holds needs more.
    pub masthead_lines: u32,
    /// The lines the masthead title may take. A title that does not fit them is
    /// compressed horizontally (字符缩放) down to `masthead_min_scale`, then set smaller
    /// down to `masthead_min_size`; beyond that the build stops and says by how much.
    pub masthead_max_lines: u32,
    /// The narrowest horizontal compression of the masthead title (0.6 = 60 %).
    pub masthead_min_scale: f64,
    /// The smallest size the masthead title is set in to fit.
    pub masthead_min_size: Size,
    /// The divider a Markdown `***` or `---` prints, centred.
    pub divider: String,
    /// The footer (报尾) as GB/T 9704's 版记: at the foot of an even page, with a blank
    /// page before it when needed (for issues printed on both sides and folded). By
    /// default it stays under the last article.
    pub footer_on_even_page: bool,
    /// Print the column label (【…】) over every article. By default an article in the
    /// same column as the one before it runs on under that label, as 本期要目 groups
    /// them.
    pub repeat_column: bool,
    /// The punctuation style (标点样式), as ctex's `punctstyle`: `"quanjiao"` (全角式,
    /// the default: every mark a full em, adjacent marks compressed in pairs, marks
    /// trimmed at a line's ends only to keep the 避头尾 rules) or `"kaiming"` (开明式:
    /// 。？！ a full em, every other mark half an em).
    pub punctuation: Punctuation,
    /// How tables are ruled: `"three-line"` (三线表, the default: 0.75 pt over the
    /// header and under the last row, 0.5 pt under the header) or `"grid"` (every cell
    /// ruled, 0.5 pt).
    pub table: TableStyle,
    /// How far the layout tightens to fit `[print] pages` (0: as designed; 1: no blank
    /// lines between articles; 2: also no spare masthead lines). Set by the pipeline,
    /// never by the issue file.
    #[serde(skip_deserializing)]
    pub fit: u8,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            page: Page::default(),
            fonts: Roles::default(),
            red: Colour {
                cmyk: [0.0, 100.0, 100.0, 0.0],
                spot: None,
            },
            no_cjk_latin_space: true,
            article_gap_lines: 1.0,
            masthead_tracking: 0.12,
            masthead_lines: 8,
            masthead_max_lines: 1,
            masthead_min_scale: 0.6,
            masthead_min_size: Size(22.0),
            footer_on_even_page: false,
            repeat_column: false,
            divider: crate::input::article::DIVIDER.to_owned(),
            punctuation: Punctuation::Quanjiao,
            table: TableStyle::ThreeLine,
            fit: 0,
        }
    }
}

/// A punctuation style (标点样式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Punctuation {
    /// 全角式: every mark a full em (GB/T 15834), pairs compressed.
    Quanjiao,
    /// 开明式: 。？！ a full em, the other marks half an em.
    Kaiming,
}

/// How tables are ruled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableStyle {
    /// 三线表.
    ThreeLine,
    /// Every cell ruled.
    Grid,
}

/// A setting out of the range the layout can honour: which key, what is wrong, what
/// to do. The key is its path in the issue file (`["style", "page", "top"]`), so the
/// error can point at the line that sets it.
#[derive(Debug, Clone, PartialEq)]
pub struct StyleProblem {
    pub key: Vec<&'static str>,
    pub message: String,
    pub help: String,
}

/// Millimetres, for messages.
fn mm(s: Size) -> String {
    format!("{:.1}mm", s.0 / Size::mm(1.0).0)
}

impl Style {
    /// `[style.page] chars` not given: as many body characters a line as the block
    /// holds at the body's size (28 of 三号 in 156 mm, 37 of 小四), so that a body size
    /// set alone does not letter-space every line (小四 at 28 a line stood 4 pt apart).
    pub fn chars_follow_body(&mut self) {
        let body = self.fonts.body.size.0;
        if body > 0.0 {
            self.page.chars = ((self.page.block_width.0 / body).round() as u32).clamp(2, 100);
        }
    }

    /// Every setting the layout cannot honour without losing or overprinting text: a
    /// text block off the page, a grid whose lines overlap, a size a line cannot hold,
    /// a colour outside 0–100 %. Empty when all is well.
    pub fn problems(&self) -> Vec<StyleProblem> {
        let mut out = Vec::new();
        let mut bad = |key: Vec<&'static str>, message: String, help: &str| {
            out.push(StyleProblem {
                key,
                message,
                help: help.to_owned(),
            })
        };
        let p = &self.page;
        for (key, v) in [
            ("width", p.width),
            ("height", p.height),
            ("block_width", p.block_width),
            ("block_height", p.block_height),
        ] {
            if v.0 < Size::mm(20.0).0 {
                bad(
                    vec!["style", "page", key],
                    format!(
                        "[style.page] {key} = {} is too small (at least 20mm) / 尺寸过小",
                        mm(v)
                    ),
                    "give the size in mm, e.g. 210mm for an A4 page / 请以毫米为单位填写，如 A4 宽 210mm",
                );
            }
        }
        for (key, v) in [
            ("top", p.top),
            ("left", p.left),
            ("number_offset", p.number_offset),
        ] {
            if v.0 < 0.0 {
                bad(
                    vec!["style", "page", key],
                    format!("[style.page] {key} is negative / 不能为负数"),
                    "give 0 or more, e.g. top = \"37mm\" / 请填写 0 或正数",
                );
            }
        }
        if p.top.0 + p.block_height.0 > p.height.0 + 0.01 {
            bad(
                vec!["style", "page", "top"],
                format!(
                    "the text block runs off the page: top {} + block_height {} is more than the page height {} / 版心超出页面",
                    mm(p.top),
                    mm(p.block_height),
                    mm(p.height)
                ),
                "make top + block_height at most the page height (GB/T 9704: top = 37mm, block_height = 225mm, height = 297mm) / 天头加版心高度不能超过页面高度",
            );
        }
        if p.left.0 + p.block_width.0 > p.width.0 + 0.01 {
            bad(
                vec!["style", "page", "left"],
                format!(
                    "the text block runs off the page: left {} + block_width {} is more than the page width {} / 版心超出页面",
                    mm(p.left),
                    mm(p.block_width),
                    mm(p.width)
                ),
                "make left + block_width at most the page width (GB/T 9704: left = 28mm, block_width = 156mm, width = 210mm) / 订口加版心宽度不能超过页面宽度",
            );
        }
        if !(2..=100).contains(&p.lines) {
            bad(
                vec!["style", "page", "lines"],
                format!(
                    "[style.page] lines = {} is not between 2 and 100 / 每页行数须在 2 到 100 之间",
                    p.lines
                ),
                "GB/T 9704 has 22 lines a page / 国标为每页 22 行",
            );
        }
        if !(2..=100).contains(&p.chars) {
            bad(
                vec!["style", "page", "chars"],
                format!(
                    "[style.page] chars = {} is not between 2 and 100 / 每行字数须在 2 到 100 之间",
                    p.chars
                ),
                "GB/T 9704 has 28 characters a line / 国标为每行 28 字",
            );
        }
        let body = self.fonts.body.size.0;
        if (2..=100).contains(&p.lines) && body > 0.0 {
            let pitch = (p.block_height.0 - body) / f64::from(p.lines - 1);
            if pitch < body {
                bad(
                    vec!["style", "page", "lines"],
                    format!(
                        "{} lines of {:.1}pt body text do not fit a block {} high: the lines would overprint / 行数过多，正文行会互相重叠",
                        p.lines,
                        body,
                        mm(p.block_height)
                    ),
                    "use fewer lines, a smaller body size or a taller block / 请减少行数、减小正文字号或加大版心高度",
                );
            }
        }
        if (2..=100).contains(&p.chars) && body > 0.0 {
            let tracking = (p.block_width.0 - f64::from(p.chars) * body) / f64::from(p.chars);
            if tracking < -0.05 * body {
                bad(
                    vec!["style", "page", "chars"],
                    format!(
                        "{} characters of {:.1}pt body text do not fit a line {} wide: they would overprint / 每行字数过多，字会互相重叠",
                        p.chars,
                        body,
                        mm(p.block_width)
                    ),
                    "use fewer characters a line, a smaller body size or a wider block / 请减少每行字数、减小正文字号或加大版心宽度",
                );
            }
        }
        for (name, role) in self.fonts.all() {
            let size = role.size.0;
            // A line of the block holds at least two characters of the masthead and
            // four of any other role.
            let most = p.block_width.0 / if name == "masthead" { 2.0 } else { 4.0 };
            if !(4.0..=most.max(4.0)).contains(&size) {
                bad(
                    vec!["style", "fonts", name, "size"],
                    format!(
                        "[style.fonts.{name}] size = {size:.1}pt is outside 4pt–{most:.0}pt: the text would not fit the lines / 字号超出可排范围",
                    ),
                    "use a Chinese size name such as \"三号\" (16pt) or a length in pt / 请使用中文字号名（如 \"三号\"）或以 pt 为单位的尺寸",
                );
            }
        }
        for (key, colour) in [("red", &self.red)] {
            if let Some(problem) = colour.problem() {
                bad(vec!["style", key], problem, CMYK_HELP);
            }
        }
        if !(0.0..=20.0).contains(&self.article_gap_lines) {
            bad(
                vec!["style", "article_gap_lines"],
                format!(
                    "article_gap_lines = {} is not between 0 and 20 / 文章间空行数须在 0 到 20 之间",
                    self.article_gap_lines
                ),
                "the default is 1 / 默认值为 1",
            );
        }
        if !(-0.5..=2.0).contains(&self.masthead_tracking) {
            bad(
                vec!["style", "masthead_tracking"],
                format!(
                    "masthead_tracking = {} is not between -0.5 and 2 (em) / 报头字距须在 -0.5 到 2 之间",
                    self.masthead_tracking
                ),
                "the default is 0.12 / 默认值为 0.12",
            );
        }
        if !(1..=4).contains(&self.masthead_max_lines) {
            bad(
                vec!["style", "masthead_max_lines"],
                format!(
                    "masthead_max_lines = {} is not between 1 and 4 / 报头标题行数须在 1 到 4 之间",
                    self.masthead_max_lines
                ),
                "the default is 1: the title on one line / 默认值为 1",
            );
        }
        if !(0.3..=1.0).contains(&self.masthead_min_scale) {
            bad(
                vec!["style", "masthead_min_scale"],
                format!(
                    "masthead_min_scale = {} is not between 0.3 and 1 / 报头最小缩放须在 0.3 到 1 之间",
                    self.masthead_min_scale
                ),
                "the default is 0.6 (60 %) / 默认值为 0.6",
            );
        }
        if !(8.0..=self.fonts.masthead.size.0.max(8.0)).contains(&self.masthead_min_size.0) {
            bad(
                vec!["style", "masthead_min_size"],
                format!(
                    "masthead_min_size = {:.1}pt is not between 8pt and the masthead's size / 报头最小字号超出范围",
                    self.masthead_min_size.0
                ),
                "the default is 22pt (二号) / 默认值为 二号",
            );
        }
        if self.masthead_lines < 1 || self.masthead_lines >= p.lines.max(2) {
            bad(
                vec!["style", "masthead_lines"],
                format!(
                    "masthead_lines = {} leaves no room on page 1 (the page has {} lines) / 报头行数须小于每页行数",
                    self.masthead_lines, p.lines
                ),
                "the default is 8 / 默认值为 8",
            );
        }
        out
    }
}

/// What to do about a colour out of range.
pub const CMYK_HELP: &str = "give C, M, Y and K in percent, each from 0 to 100: cmyk = [0, 100, 100, 0] / C、M、Y、K 均以百分数表示，取值 0 到 100";

impl Colour {
    /// What is wrong with the colour, if anything.
    pub fn problem(&self) -> Option<String> {
        self.cmyk
            .iter()
            .any(|v| !(0.0..=100.0).contains(v))
            .then(|| {
                format!(
                    "cmyk = {:?} has a value outside 0–100 (percent) / CMYK 值须在 0 到 100 之间",
                    self.cmyk
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_by_name_and_unit() {
        assert_eq!(Size::parse("三号").unwrap(), Size(16.0));
        assert_eq!(Size::parse("小四").unwrap(), Size(12.0));
        assert_eq!(Size::parse("初号").unwrap(), Size(42.0));
        assert_eq!(Size::parse("16pt").unwrap(), Size(16.0));
        assert!((Size::parse("25.4mm").unwrap().0 - 72.0).abs() < 1e-9);
        assert_eq!(Size::parse("12").unwrap(), Size(12.0));
    }

    #[test]
    fn unknown_size_name_is_a_clear_error() {
        let err = Size::parse("大三号").unwrap_err();
        assert!(err.contains("大三号") && err.contains("三号"), "{err}");
    }

    #[test]
    fn style_table_overrides_one_field() {
        let s: Style =
            toml::from_str("[fonts.body]\nfamily = [\"仿宋_GB2312\"]\nsize = \"小三\"\n").unwrap();
        assert_eq!(s.fonts.body.size, Size(15.0));
        assert_eq!(s.fonts.title.size, Size(22.0));
        let err =
            toml::from_str::<Style>("[fonts.body]\nfamily = []\nsize = \"大号\"\n").unwrap_err();
        assert!(err.message().contains("大号"));
    }

    #[test]
    fn size_names_take_a_trailing_hao() {
        assert_eq!(Size::parse("小四号").unwrap(), Size(12.0));
        assert_eq!(Size::parse("小初号").unwrap(), Size(36.0));
        // 三号号 is not a name.
        assert!(Size::parse("三号号").is_err());
    }

    #[test]
    fn unknown_size_suggests_close_names_and_help_lists_all() {
        let err = Size::parse("大三号").unwrap_err();
        assert!(err.starts_with("unknown size `大三号`"), "{err}");
        assert!(err.contains("did you mean 三号"), "{err}");
        let help = size_help();
        for (name, pt) in SIZE_NAMES {
            assert!(help.contains(&format!("{name} {pt}pt")), "{help}");
        }
        let err = Size::parse("16px").unwrap_err();
        assert!(!err.contains("did you mean"), "{err}");
    }

    #[test]
    fn latin_for_every_role_and_a_role_of_its_own() {
        let s: Style = toml::from_str(
            "[fonts]\nlatin = [\"Times New Roman\", \"Liberation Serif\"]\n[fonts.title]\nlatin = []\n[fonts.body]\nsize = \"四号\"\n",
        )
        .unwrap();
        let both = vec!["Times New Roman".to_owned(), "Liberation Serif".to_owned()];
        assert_eq!(s.fonts.body.latin, both);
        assert_eq!(s.fonts.page_number.latin, both);
        assert!(s.fonts.title.latin.is_empty());
        assert_eq!(s.fonts.body.family, Roles::default().body.family);
        // By default no role has a Latin font: the CJK fonts set Latin and digits.
        assert!(
            Roles::default()
                .all()
                .iter()
                .all(|(_, r)| r.latin.is_empty())
        );
        let err = toml::from_str::<Style>("[fonts]\nlatin = \"Liberation Serif\"\n").unwrap_err();
        assert!(err.message().contains("sequence"), "{}", err.message());
    }

    #[test]
    fn a_role_table_replaces_only_the_keys_it_gives() {
        let s: Style = toml::from_str(
            "[fonts.body]\nsize = \"四号\"\n[fonts.title]\nfamily = [\"方正小标宋简体\"]\n",
        )
        .unwrap();
        let d = Roles::default();
        assert_eq!(s.fonts.body.size, Size(14.0));
        assert_eq!(s.fonts.body.family, d.body.family);
        // The family named first, the role's own after it as its fallback.
        let mut title = vec!["方正小标宋简体".to_owned()];
        title.extend(
            d.title
                .family
                .iter()
                .filter(|f| *f != "方正小标宋简体")
                .cloned(),
        );
        assert_eq!(s.fonts.title.family, title);
        assert_eq!(s.fonts.title.size, d.title.size);
        assert_eq!(s.fonts.title.weight, 900);
        let err = toml::from_str::<Style>("[fonts.bdy]\nsize = 12\n").unwrap_err();
        assert!(
            err.message().contains("unknown field `bdy`"),
            "{}",
            err.message()
        );
        let err = toml::from_str::<Style>("[fonts.body]\nsise = 12\n").unwrap_err();
        assert!(
            err.message().contains("unknown field `sise`"),
            "{}",
            err.message()
        );
    }
}
