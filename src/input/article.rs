//! Where articles become blocks.
//!
//! `.txt` as pasted from Word or WPS: one paragraph per non-empty line.
//! `.md` through CommonMark (pulldown-cmark): paragraphs, headings (`#`..`####` become
//! the Chinese levels 一、 / （一） / 1. / （1）, or from `##` when the article has no
//! `#` heading, as many writers keep `#` for the title; numbered automatically unless the
//! heading already starts with its number), `**strong**`, `*emphasis*`, lists.
//!
//! Every piece of text keeps the byte range it came from, so later checks (missing
//! glyphs, punctuation) can point at file:line:col.

use std::ops::Range;

use pulldown_cmark::{
    BrokenLink, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

use crate::model::numerals::chinese_number;

/// A run of text with one look.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inline {
    /// The text; `\n` alone is a line break the author asked for (Markdown's hard break).
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub emph: bool,
    /// A note's mark in the text (`[1]`), or text written `<sup>…</sup>` (m², from
    /// Word's superscript): set as a superscript.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub sup: bool,
    /// Text written `<sub>…</sub>` (CO₂, from Word's subscript): set as a subscript.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub sub: bool,
    /// Where the text came from in the article file (byte range), when it is a verbatim slice.
    #[serde(skip)]
    pub src: Option<Range<usize>>,
}

/// A block of an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A body paragraph (two-character indent, justified).
    Paragraph { inlines: Vec<Inline> },
    /// A heading inside an article: level 1..=4, with its number as printed (一、).
    Heading {
        level: u8,
        number: String,
        inlines: Vec<Inline>,
    },
    /// An item of a Markdown list inside another list's item, `level` 2 for the first
    /// list inside, 3 for a list inside that: set as a paragraph two characters further
    /// in a level, its first inline its number (`1.`) or bullet (○), or a task's box
    /// (□ ■). An item of a list in the text (level 1) is a [`Block::Paragraph`] that
    /// opens so (`1.`, ●).
    Item { level: u8, inlines: Vec<Inline> },
    /// A quotation (Markdown `> `): 楷体, indented two characters on both sides, as
    /// used for 最高指示, 领导批示, 原文摘录. One paragraph a block.
    Quote {
        inlines: Vec<Inline>,
        /// Set by the model for a line that opens with a 破折号 (a quotation's source,
        /// ——摘自……的讲话), of one run: where it may break (between its words) when it
        /// is longer than a line.
        #[serde(skip_serializing_if = "Option::is_none")]
        breaks: Option<crate::model::words::Breaks>,
    },
    /// A divider (Markdown `***` or `---`), centred: ※　※　※.
    Divider { inlines: Vec<Inline> },
    /// A table (a Markdown pipe table): 三线表, the header row repeated when it
    /// splits across pages.
    Table(Table),
    /// A photo (Markdown `![caption](file.jpg)`), centred, its caption under it.
    Image(Photo),
    /// A line of the 附件说明 (GB/T 9704 7.3.4): `附件：1．名称` (`first`), the `2．名称`
    /// lines under it, or a lone `附件：名称`. The text is as typed; the layout sets a
    /// later item's number under the first's and a long name's next line under the
    /// name's first character.
    Attachment { inlines: Vec<Inline>, first: bool },
    /// The addressee (主送机关) that opens a document reprinted in an issue, or a
    /// speech's 同志们：, set flush left (GB/T 9704 7.3.2): an article's first paragraph
    /// when it is a short line that ends with a colon and ends no sentence.
    Addressee { inlines: Vec<Inline> },
    /// A footnote's paragraph (Markdown `[^1]: …`, a Word footnote or endnote), at the
    /// article's end in the order of the marks, the first of a note opening with its
    /// number `[1]`; set after the byline in the `note` role, under a short rule.
    Note { inlines: Vec<Inline> },
    /// A line set centred: a speech's speaker and date under its title, from Word's
    /// centred paragraphs or `<p align="center">…</p>` in a `.md`; 楷体, as the author
    /// line under a title is.
    Centered { inlines: Vec<Inline> },
    /// A line of the 落款 that ends a document reprinted in an issue (GB/T 9704 7.3.5):
    /// the issuing body (one or two lines) and the date (`date`), set at the right, a
    /// blank line above. Found at the end of an article: a last paragraph that is a
    /// date alone, and the short lines right before it that end no sentence.
    Closing { inlines: Vec<Inline>, date: bool },
}

/// A photo: where the article names it, the width asked for, its caption; the model
/// adds the image as the layout takes it and its placed size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Photo {
    /// The file as the article names it, relative to the article's folder (or the
    /// name of the image inside a Word file).
    #[serde(skip)]
    pub src: String,
    /// The image's bytes when they came inside the article (a Word file).
    #[serde(skip)]
    pub data: Option<std::sync::Arc<Vec<u8>>>,
    /// Where the article names it (byte offset in its text).
    #[serde(skip)]
    pub offset: usize,
    /// The width asked for (`{width=60%}` after the image), as a fraction of the text
    /// block; none: as wide as fits.
    #[serde(skip)]
    pub want: Option<f64>,
    /// Set beside the photo before it, in one row: two images on one line (or in one
    /// paragraph) of a .md, two pictures in one paragraph of a Word file.
    pub beside: bool,
    /// The caption under the photo (the Markdown's description); may be empty.
    pub caption: Vec<Inline>,
    /// The caption is the whole row's (a paragraph next to photos side by side with no
    /// description of their own), set under the row: on a row's first photo.
    pub row_caption: bool,
    /// Kept before what follows it when it does not fit where it stands (set by the
    /// build after a layout in which it floated past a heading or its article's end):
    /// made up to 40 % smaller to fit, or else set at the next page's top.
    #[serde(
        rename = "hold",
        serialize_with = "held",
        skip_serializing_if = "Option::is_none"
    )]
    pub hold: Option<HoldBefore>,
    /// Kept at its size when it ends its text and does not fit under it (set by the
    /// build after a layout in which making it smaller to stay with its text left the
    /// 报尾 on a page of its own): it opens the next page instead.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub full_size: bool,
    /// Set by the model: the image's path in the Typst world.
    pub file: String,
    /// Set by the model: the placed size in points.
    pub width: f64,
    pub height: f64,
}

/// What a held photo (see [`Photo::hold`]) is kept before: floated, it printed past it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HoldBefore {
    /// A heading of its article (under which it printed, in the next section).
    Heading,
    /// Its article's end (it printed over the next article).
    End,
    /// An item of a list after it (it printed between two items).
    List,
    /// The text before it (it landed at the top of the page that text stands on, above
    /// it: over its own title when that moved to the page too).
    Text,
    /// A photo after it, set in the text on the page it left (the two printed in the
    /// wrong order).
    Photo,
}

/// The layout is told only that a photo is held.
fn held<S: serde::Serializer>(_: &Option<HoldBefore>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(true)
}

/// A table: its columns' alignments, its header row and its body rows, each cell a
/// run of inlines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// The caption over the table (表1 …): a short paragraph right before it that opens
    /// with 表 and its number; empty when there is none.
    pub caption: Vec<Inline>,
    /// The line of its unit over the table (单位：万元, （计量单位：吨）), set at its
    /// right under the caption: a short paragraph right before it, or between its
    /// caption and it; empty when there is none. It printed as a body line at the left,
    /// and the caption over it was no longer found (QA13 B 07).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unit: Vec<Inline>,
    /// `left`, `center`, `right`, or `auto` (numbers right, text left) for each column.
    pub align: Vec<&'static str>,
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// How many of `rows` belong to the header too: the rows a header cell spans down
    /// into (a Word table's two-row head, 板块 over both rows, 营业收入 over two columns).
    #[serde(skip_serializing_if = "is_zero")]
    pub header_rows: usize,
    /// Merged cells: each spans from its place over more columns or rows; the cells it
    /// covers are empty. Written in a pipe table as `<<` (the cell merges with the one to
    /// its left) and `^^` (with the one above), as a Word table's merged cells arrive.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
    /// Its notes under it (`注：……`, `数据来源：……`, the paragraphs right after it that
    /// open so): set in the table's size under its last rule, kept with its last rows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Vec<Inline>>,
    /// Set by the model: where each cell's text may break (its rows as `cells` gives
    /// them, the header first), for a cell of one run; the layout keeps its words whole.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<Vec<crate::model::words::Breaks>>,
    /// Merge marks that merged with no cell (row, column as `spans` count them), left
    /// empty; for the reader to say.
    #[serde(skip)]
    pub stray_marks: Vec<(usize, usize)>,
}

/// A merged cell of a [`Table`]: its row (0 the header row, 1 the first of `rows`) and
/// column, and how many columns and rows it covers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Span {
    pub row: usize,
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A pipe-table cell that merges with the one to its left.
const MERGE_LEFT: &str = "<<";
/// A pipe-table cell that merges with the one above it.
const MERGE_UP: &str = "^^";

impl Table {
    /// Reads the merge marks (`<<`, `^^`) into spans, empties the cells they cover, and
    /// counts the rows the header spans into. A mark with nothing to merge with (`<<` in
    /// the first column, `^^` in the header row) stays as text.
    fn merge_cells(&mut self) {
        let text = |c: &Vec<Inline>| c.iter().map(|i| i.text.as_str()).collect::<String>();
        let mut grid: Vec<Vec<String>> = std::iter::once(&self.header)
            .chain(&self.rows)
            .map(|r| r.iter().map(text).collect())
            .collect();
        // Marks with nothing before them are text.
        for (r, row) in grid.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                let t = cell.trim();
                if (t == MERGE_LEFT && c == 0) || (t == MERGE_UP && r == 0) {
                    *cell = format!(" {t}");
                }
            }
        }
        // The cells are trimmed: a mark is the cell's whole text (a mark kept as text
        // above has a space before it).
        let mark = |g: &Vec<Vec<String>>, r: usize, c: usize, m: &str| {
            g.get(r).and_then(|row| row.get(c)).is_some_and(|t| t == m)
        };
        let mut covered = Vec::new();
        for r in 0..grid.len() {
            for c in 0..grid[r].len() {
                if mark(&grid, r, c, MERGE_LEFT) || mark(&grid, r, c, MERGE_UP) {
                    continue;
                }
                let mut colspan = 1;
                while mark(&grid, r, c + colspan, MERGE_LEFT) {
                    colspan += 1;
                }
                let mut rowspan = 1;
                while mark(&grid, r + rowspan, c, MERGE_UP) {
                    rowspan += 1;
                }
                if colspan == 1 && rowspan == 1 {
                    continue;
                }
                self.spans.push(Span {
                    row: r,
                    col: c,
                    colspan,
                    rowspan,
                });
                for dr in 0..rowspan {
                    for dc in 0..colspan {
                        if dr + dc > 0 {
                            covered.push((r + dr, c + dc));
                        }
                    }
                }
            }
        }
        // A mark that merges with no cell (^^ under a cell that is itself merged
        // into the one to its left, as an office file's tangled merges arrive): an
        // empty cell, said (it printed as ^^, QA10).
        for (r, row) in grid.iter().enumerate() {
            for (c, t) in row.iter().enumerate() {
                if (t == MERGE_LEFT || t == MERGE_UP) && !covered.contains(&(r, c)) {
                    self.stray_marks.push((r, c));
                    covered.push((r, c));
                }
            }
        }
        for (r, c) in covered {
            let row = if r == 0 {
                &mut self.header
            } else {
                &mut self.rows[r - 1]
            };
            if let Some(cell) = row.get_mut(c) {
                cell.clear();
            }
        }
        // The header: its row and every row a header cell spans into.
        let mut end = 1;
        loop {
            let next = self
                .spans
                .iter()
                .filter(|s| s.row < end)
                .map(|s| s.row + s.rowspan)
                .fold(end, usize::max);
            if next == end {
                break;
            }
            end = next;
        }
        self.header_rows = (end - 1).min(self.rows.len());
    }
}

impl Table {
    /// Every cell, header first (not the caption).
    pub fn cells(&self) -> impl Iterator<Item = &Vec<Inline>> {
        self.header.iter().chain(self.rows.iter().flatten())
    }
}

/// The bullets of Markdown's `-` items: in a list of the text, in a list inside an item.
const BULLETS: [&str; 2] = ["●", "○"];

/// The text of a divider unless `[style] divider` says otherwise.
pub(crate) const DIVIDER: &str = "※　※　※";

impl Block {
    pub fn inlines(&self) -> &[Inline] {
        match self {
            Block::Paragraph { inlines }
            | Block::Heading { inlines, .. }
            | Block::Item { inlines, .. }
            | Block::Quote { inlines, .. }
            | Block::Divider { inlines }
            | Block::Attachment { inlines, .. }
            | Block::Addressee { inlines }
            | Block::Note { inlines }
            | Block::Centered { inlines }
            | Block::Closing { inlines, .. } => inlines,
            Block::Image(p) => &p.caption,
            Block::Table(_) => &[],
        }
    }

    /// Every run of text of the block (a table's cells, header first).
    pub fn all_inlines(&self) -> Vec<&Inline> {
        match self {
            Block::Table(t) => t
                .caption
                .iter()
                .chain(&t.unit)
                .chain(t.cells().flatten())
                .collect(),
            b => b.inlines().iter().collect(),
        }
    }

    /// The block as a plain paragraph (a note's text has no headings or quotes).
    pub fn into_plain(self) -> Block {
        match self {
            Block::Heading {
                number,
                mut inlines,
                ..
            } => {
                if !number.is_empty() {
                    inlines.insert(0, plain(number, None));
                }
                Block::Paragraph { inlines }
            }
            Block::Quote { inlines, .. }
            | Block::Item { inlines, .. }
            | Block::Divider { inlines }
            | Block::Attachment { inlines, .. }
            | Block::Addressee { inlines }
            | Block::Note { inlines }
            | Block::Centered { inlines }
            | Block::Closing { inlines, .. } => Block::Paragraph { inlines },
            Block::Table(t) => Block::Paragraph {
                inlines: t
                    .caption
                    .iter()
                    .chain(t.cells().flatten())
                    .cloned()
                    .collect(),
            },
            Block::Image(p) => Block::Paragraph { inlines: p.caption },
            b => b,
        }
    }
}

/// The level of a heading typed as a paragraph: a short line alone that opens with
/// its number (一、 （一） 1. （1）) and does not end as a sentence does. None for a
/// paragraph that merely starts with a number (一、加强学习。全体……).
pub(crate) fn typed_heading_level(line: &str) -> Option<u8> {
    typed_heading_within(line, 40)
}

/// The longest line alone that may still be a heading typed by hand when the text has
/// others of its level ([`promote_long_headings`]): a 通报's case heading names the
/// person, the post and the fault (一、江岭县交通运输局原党组书记、局长张某某违规收受
/// 礼品礼金、接受管理服务对象宴请问题, 42 characters).
const LONG_HEADING: usize = 80;

/// [`typed_heading_level`] for a line of up to `longest` characters.
fn typed_heading_within(line: &str, longest: usize) -> Option<u8> {
    let t = line.trim();
    if t.chars().count() > longest
        || t.ends_with(['。', '；', '：', '，', '？', '！', '.', ';', ':', ','])
    {
        return None;
    }
    let mut chars = t.chars();
    let first = chars.next()?;
    let is_cn = |c: char| "一二三四五六七八九十".contains(c);
    let level = match first {
        '（' | '(' => {
            let inner: String = chars
                .clone()
                .take_while(|&c| c != '）' && c != ')')
                .collect();
            let closed = t[first.len_utf8() + inner.len()..].starts_with(['）', ')']);
            if !closed || inner.is_empty() {
                return None;
            }
            if inner.chars().all(is_cn) {
                2
            } else if inner.chars().all(|c| c.is_ascii_digit()) {
                4
            } else {
                return None;
            }
        }
        c if is_cn(c) => {
            let rest = t.trim_start_matches(is_cn);
            if !rest.starts_with('、') {
                return None;
            }
            1
        }
        c if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            // A heading's number has one or two digits: 2020、2021年 opens a sentence.
            if !rest.starts_with(['.', '．', '、'])
                || rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
                || t.len() - rest.len() > 2
            {
                return None;
            }
            3
        }
        _ => return None,
    };
    // Something after the number.
    let body_starts = t
        .find(['、', '）', ')', '.', '．'])
        .map(|i| i + 3)
        .unwrap_or(t.len());
    (t.len() > body_starts.min(t.len()) || t.chars().count() > 3).then_some(level)
}

/// A line alone too long for [`typed_heading_level`] (41–80 characters) that opens with
/// a heading's number and holds no sentence's end (。？！；) is a heading where the text
/// has another heading of its level typed so: the one long case heading among 二、…五、
/// printed as body text, in the body's font (QA6). Alone, such a line stays text.
fn promote_long_headings(blocks: &mut [Block]) {
    let level_of = |b: &Block| -> Option<u8> {
        let Block::Paragraph { inlines } = b else {
            return None;
        };
        let [inline] = inlines.as_slice() else {
            return None;
        };
        let t = inline.text.trim();
        if t.chars().count() <= 40 || t.contains(['。', '？', '！', '；', '\n']) {
            return None;
        }
        typed_heading_within(t, LONG_HEADING)
    };
    let typed: Vec<u8> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, number, .. } if number.is_empty() => Some(*level),
            _ => None,
        })
        .collect();
    for b in blocks.iter_mut() {
        if let Some(level) = level_of(b).filter(|l| typed.contains(l))
            && let Block::Paragraph { inlines } = b
        {
            let inlines = std::mem::take(inlines);
            *b = Block::Heading {
                level,
                number: String::new(),
                inlines,
            };
        }
    }
}

/// Splits plain text into paragraphs, one per non-empty line; a short line alone
/// that opens with its number (一、主要做法) is the heading it is, its number kept as
/// typed (a `.txt` heading always has its own number, so none is added).
pub(crate) fn parse_txt_headings(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for b in parse_txt(text) {
        let b = match b {
            Block::Paragraph { inlines }
                if inlines.len() == 1 && !attachment_item(&blocks, &inlines[0].text) =>
            {
                match typed_heading_level(&inlines[0].text) {
                    Some(level) => Block::Heading {
                        level,
                        number: String::new(),
                        inlines,
                    },
                    None => Block::Paragraph { inlines },
                }
            }
            b => b,
        };
        blocks.push(b);
    }
    promote_long_headings(&mut blocks);
    mark_plain_headings(&mut blocks);
    mark_labelled_headings(&mut blocks);
    attach_table_notes(&mut blocks);
    mark_attachments(&mut blocks);
    mark_closing(&mut blocks);
    mark_addressee(&mut blocks);
    mark_salute(&mut blocks);
    blocks
}

/// A heading that the author marked instead of numbering: opening with a mark of a
/// 短讯 column (▲内分泌科开展义诊, ■, ◆, ★) or wholly in 【】 (【基本案情】, as a 典型案例's
/// parts are headed). Not numbered (一、▲…, 一、【基本案情】 doubled the mark).
pub(crate) fn marked_heading(text: &str) -> bool {
    let t = text.trim();
    t.starts_with(['▲', '△', '■', '□', '◆', '◇', '●', '○', '★', '☆', '◎', '※'])
        || (t.starts_with('【') && t.ends_with('】') && t.matches('【').count() == 1)
}

/// Marks the headings a `.txt` gives without numbers (`第一代表团（东湖区）` over its
/// group's text, `主要做法` over a section), as pasted from a web page or a WeChat
/// article: when the article has no numbered heading, two or more short lines alone
/// (2–20 characters), each followed by a paragraph of text, ending no sentence or
/// clause, holding no colon (记者：张三) and no sentence mark, not wholly in brackets
/// (（摘录）), not a list's lead (一是……), not Latin or figures alone, are its
/// headings, at the first level and without a number. One such line alone is text:
/// a heading comes with others.
fn mark_plain_headings(blocks: &mut [Block]) {
    if blocks.iter().any(|b| matches!(b, Block::Heading { .. })) {
        return;
    }
    let candidate = |b: &Block| -> bool {
        let Block::Paragraph { inlines } = b else {
            return false;
        };
        let [inline] = inlines.as_slice() else {
            return false;
        };
        let t = inline.text.trim();
        let n = t.chars().count();
        let first = t.chars().next().unwrap_or(' ');
        let second = t.chars().nth(1).unwrap_or(' ');
        // (Not 【基本案情】: a 典型案例's parts are headed so.)
        let enclosed = matches!(
            (first, t.chars().last()),
            (
                '（' | '(' | '〔' | '[' | '《' | '“' | '"',
                Some('）' | ')' | '〕' | ']' | '》' | '”' | '"')
            )
        ) || (first == '【' && !marked_heading(t));
        // 一是加强学习: a list's lead.
        let list_lead = "一二三四五六七八九十".contains(first) && second == '是';
        (2..=20).contains(&n)
            && !t.contains([
                '。', '！', '？', '；', '：', '!', '?', ';', ':', '\n', '…', '—',
            ])
            && !t.ends_with(['，', '、', ',', '.', '．'])
            && !enclosed
            && !list_lead
            && t.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
            && !is_date_line(t)
            // ▲活动现场: a photo's caption, its photo lost in the paste.
            && !is_photo_caption(inlines)
            // 点击上方蓝字关注我们, 图片: a post's furniture.
            && !is_post_furniture(t)
    };
    let headings: Vec<usize> = (0..blocks.len())
        .filter(|&i| candidate(&blocks[i]) && text_follows(blocks.get(i + 1)))
        .collect();
    set_as_headings(blocks, &headings, 1);
}

/// Whether a block is a paragraph of text (over 20 characters), as a heading stands
/// over one.
fn text_follows(b: Option<&Block>) -> bool {
    matches!(b, Some(Block::Paragraph { inlines })
        if inlines.iter().map(|i| i.text.chars().count()).sum::<usize>() > 20)
}

/// The paragraphs at `found` made headings of `level`, without numbers, when there are
/// two or more of them: one such line alone is text, a heading comes with others.
fn set_as_headings(blocks: &mut [Block], found: &[usize], level: u8) {
    if found.len() < 2 {
        return;
    }
    for &i in found {
        if let Block::Paragraph { inlines } = &mut blocks[i] {
            let inlines = std::mem::take(inlines);
            blocks[i] = Block::Heading {
                level,
                number: String::new(),
                inlines,
            };
        }
    }
}

/// Marks the headings an author sets apart by a mark, in an article that may have
/// numbered headings too: a 典型案例's parts (【基本案情】, 【裁判结果】, 3–14 characters
/// wholly in 【】) and a 简讯's items (▲医院通过国家胸痛中心再认证: ▲ ■ ◆ ★ and a headline
/// of 6–40 characters holding no sentence's or clause's mark, not a photo's 图为…).
/// Each must stand alone over a paragraph of text, not under a photo, and two or more
/// must be found: one alone is text. Set a level under the article's deepest heading
/// (under 一、张××诉…案, its parts), or at the first when it has none; never numbered.
/// (They printed as body text: the plain headings' rule stops at an article with
/// numbered headings, and takes no ▲ line, which may be a lost photo's caption.)
fn mark_labelled_headings(blocks: &mut [Block]) {
    let labelled = |b: &Block| -> bool {
        let Block::Paragraph { inlines } = b else {
            return false;
        };
        let t: String = inlines.iter().map(|i| i.text.as_str()).collect();
        let t = t.trim();
        let n = t.chars().count();
        let bracketed = t.starts_with('【') && marked_heading(t) && (3..=14).contains(&n);
        let headline = t.starts_with(['▲', '■', '◆', '★'])
            && (7..=41).contains(&n)
            && !t.contains(['。', '，', '；', '！', '？', ',', ';', '\n'])
            && t.chars().nth(1).is_none_or(|c| c != '图');
        bracketed || headline
    };
    let found: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            labelled(&blocks[i])
                && text_follows(blocks.get(i + 1))
                && !(i > 0 && matches!(blocks[i - 1], Block::Image(_)))
        })
        .collect();
    let deepest = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .max();
    set_as_headings(blocks, &found, deepest.map_or(1, |l| (l + 1).min(4)));
}

/// Marks the 附件说明: a paragraph that opens with `附件：` (or `附件:`) and the numbered
/// paragraphs right after it (`2．……`) become [`Block::Attachment`]s.
fn mark_attachments(blocks: &mut [Block]) {
    // One pass: a list is open from its 附件： line through the numbered lines after it.
    let mut open = false;
    for block in blocks.iter_mut() {
        // A numbered line of the list that a Word file made a heading (### 2.活动报名表:
        // short, numbered, in a paragraph of its own): an item of the list.
        if open
            && let Block::Heading {
                number, inlines, ..
            } = block
            && numbered_item(&format!(
                "{number}{}",
                inlines.first().map_or("", |r| r.text.as_str())
            ))
        {
            let mut inlines = std::mem::take(inlines);
            match inlines.first_mut() {
                Some(first) if !number.is_empty() => {
                    first.text = std::mem::take(number) + &first.text;
                    first.src = None;
                }
                _ => {}
            }
            for i in &mut inlines {
                i.strong = false;
            }
            *block = Block::Attachment {
                inlines,
                first: false,
            };
            continue;
        }
        let Block::Paragraph { inlines } = block else {
            open = false;
            continue;
        };
        let text = inlines.first().map_or("", |r| r.text.as_str());
        let first = opens_attachments(text);
        open = first || (open && numbered_item(text));
        if open {
            let inlines = std::mem::take(inlines);
            *block = Block::Attachment { inlines, first };
        }
    }
}

/// Marks the 落款 at the end of an article: a last paragraph that is a date alone
/// (2026年3月5日, 二〇二六年三月五日) and up to two paragraphs right before it that
/// name the issuing body: short, in one run, ending no sentence and no heading. A date
/// alone is a 落款 too. A 落款 typed in one paragraph with line breaks (Word's
/// Shift+Enter: 青山县教育局⏎2026年3月30日) is taken apart into its lines first.
fn mark_closing(blocks: &mut Vec<Block>) {
    // A reprinted document's 抄送 / 抄报 / 印发 lines after its 落款 (its 版记): the 落款
    // is found before them (it printed as body text).
    let copies = blocks
        .iter()
        .rev()
        .take_while(|b| {
            b.inlines().first().is_some_and(|i| {
                let t = i.text.trim_start();
                ["抄送", "抄报", "印发", "分送"]
                    .iter()
                    .any(|p| t.starts_with(p))
            })
        })
        .count();
    let tail = blocks.split_off(blocks.len() - copies);
    mark_end_closing(blocks);
    blocks.extend(tail);
    mark_signed_excerpts(blocks);
}

/// Whether a text ends a sentence (。！？…”), as the text before a 落款 does.
fn ends_sentence(t: &str) -> bool {
    t.trim_end().ends_with(['。', '！', '？', '…', '”'])
}

/// Whether `lines` are a 落款's: a date alone last, and before it lines that can name
/// the issuing body.
fn closing_lines<S: AsRef<str>>(lines: &[S]) -> bool {
    lines.split_last().is_some_and(|(date, names)| {
        is_date_line(date.as_ref().trim())
            && names.iter().all(|l| is_signature_line(l.as_ref().trim()))
    })
}

/// Marks the signatures of the excerpts an article quotes, each a 落款 where it
/// stands: a signer's line (陈××, 市长　王某; at most 12 characters) and a date alone
/// under it (2026年7月10日, or 7月10日 as 批示 are dated) after a paragraph that ends a
/// sentence. Two 批示 in one article, each signed, printed the first pair as body
/// paragraphs and the last as the 落款 (or neither, dated without the year).
fn mark_signed_excerpts(blocks: &mut [Block]) {
    let text = sole_text;
    let block_ends_sentence = |b: &Block| match b {
        Block::Paragraph { inlines } => {
            ends_sentence(&inlines.iter().map(|i| i.text.as_str()).collect::<String>())
        }
        _ => false,
    };
    for i in 2..blocks.len() {
        let signed = text(&blocks[i]).is_some_and(|t| is_date_line(&t) || is_month_day_line(&t))
            && text(&blocks[i - 1])
                .is_some_and(|t| t.chars().count() <= 12 && is_signature_line(&t))
            && block_ends_sentence(&blocks[i - 2]);
        if !signed {
            continue;
        }
        to_closing(&mut blocks[i - 1], false);
        to_closing(&mut blocks[i], true);
    }
}

/// A paragraph's text when it is one run, trimmed (a 落款's line is typed so).
fn sole_text(b: &Block) -> Option<String> {
    match b {
        Block::Paragraph { inlines } if inlines.len() == 1 => {
            Some(inlines[0].text.trim().to_owned())
        }
        _ => None,
    }
}

/// A paragraph made a line of a 落款 (`date`: its date line).
fn to_closing(block: &mut Block, date: bool) {
    if let Block::Paragraph { inlines } = block {
        let inlines = std::mem::take(inlines);
        *block = Block::Closing { inlines, date };
    }
}

/// A date of a month and a day alone (7月10日, 十二月五日), as a 批示 is dated.
fn is_month_day_line(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let Some((month, rest)) = t.split_once('月') else {
        return false;
    };
    let Some(day) = rest.strip_suffix('日') else {
        return false;
    };
    date_numeral(month, 1, 3, "一二三四五六七八九十")
        && date_numeral(day, 1, 3, "一二三四五六七八九十")
}

/// A date's number: `min` to `max` digits, half- or full-width, or of `set`.
fn date_numeral(s: &str, min: usize, max: usize, set: &str) -> bool {
    (min..=max).contains(&s.chars().count())
        && s.chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || set.contains(c))
}

/// Marks the 落款 that ends an article (see [`mark_closing`]).
fn mark_end_closing(blocks: &mut Vec<Block>) {
    if let Some(Block::Paragraph { inlines }) = blocks.last()
        && inlines.iter().any(|i| i.text == "\n")
    {
        let lines: Vec<Vec<Inline>> = inlines
            .split(|i| i.text == "\n")
            .map(|l| trim_inlines(l.to_vec()))
            .filter(|l| !l.is_empty())
            .collect();
        let plain = |l: &Vec<Inline>| l.iter().map(|i| i.text.as_str()).collect::<String>();
        let texts: Vec<String> = lines.iter().map(plain).collect();
        let n = lines.len();
        // The most lines (three at most) at the paragraph's end that are a 落款; the
        // lines before them, when there are, end a sentence (时间：⏎2026年3月19日 is
        // text) and stay a paragraph.
        let k = (1..=n.min(3)).rev().find(|&k| {
            closing_lines(&texts[n - k..])
                && if k == n {
                    n >= 2
                } else {
                    ends_sentence(&texts[n - k - 1])
                }
        });
        if let Some(k) = k {
            blocks.pop();
            let mut lines = lines;
            let names = lines.split_off(n - k);
            if !lines.is_empty() {
                let inlines = lines
                    .into_iter()
                    .reduce(|mut all, line| {
                        all.push(self::plain("\n".to_owned(), None));
                        all.extend(line);
                        all
                    })
                    .unwrap_or_default();
                blocks.push(Block::Paragraph { inlines });
            }
            blocks.extend(names.into_iter().map(|inlines| {
                // One run each, as the lines of a 落款 typed apart are.
                let text = plain(&inlines);
                Block::Paragraph {
                    inlines: vec![Inline {
                        text,
                        src: None,
                        ..inlines[0].clone()
                    }],
                }
            }));
        }
    }
    let text = sole_text;
    let Some(last) = blocks.last().and_then(text) else {
        return;
    };
    let n = blocks.len();
    // A judgment's signatures (审判长 ……, 审判员 ……, the date, 书记员 …… after it), as
    // a 判决书 printed in an issue ends: one block, kept on one page (its 书记员 line
    // alone opened a page).
    let court = blocks
        .iter()
        .rev()
        .take(8)
        .take_while(|b| text(b).is_some_and(|t| is_court_signature(&t) || is_date_line(&t)))
        .count();
    let dates = blocks[n - court..]
        .iter()
        .filter(|b| text(b).is_some_and(|t| is_date_line(&t)))
        .count();
    if court >= 3 && dates == 1 && !is_date_line(&last) {
        for block in &mut blocks[n - court..] {
            let date = sole_text(block).is_some_and(|t| is_date_line(&t));
            to_closing(block, date);
        }
        return;
    }
    if !is_date_line(&last) {
        return;
    }
    let mut start = n - 1;
    while start > 0
        && n - start <= 2
        && text(&blocks[start - 1]).is_some_and(|t| is_signature_line(&t))
    {
        start -= 1;
    }
    for (i, block) in blocks[start..].iter_mut().enumerate() {
        to_closing(block, start + i == n - 1);
    }
}

/// Marks the addressee (主送机关, or 同志们：) that opens an article: a first paragraph of
/// at most 60 characters that ends with a colon, holds no mark that ends a sentence,
/// and names whom it addresses: each of its parts between commas ends with a body or
/// people (各县（市、区）人民政府，市政府各部门：, 全市各级人大代表：, 同志们：), or it
/// opens with 尊敬的. A lead-in such as 情况如下： or a sentence that opens with 各
/// (各单位要高度重视：, 各基层党组织对标……要求，重点抓好以下工作：) is text.
fn mark_addressee(blocks: &mut [Block]) {
    // And a speech's members and officers (各位委员，同志们：, 主任、各位副主任、秘书长、
    // 各位委员：; set as text, indented, they were), named as such: not 员 or 长 alone,
    // which end words that are no one (动员, 增长).
    #[rustfmt::skip]
    const WHOM: [&str; 48] = [
        "会", "委", "府", "厅", "局", "办", "室", "部", "处", "科", "院", "所", "站", "团", "组",
        "校", "司", "行", "中心", "单位", "部门", "机关", "代表", "们", "同志", "组织", "机构",
        "领导", "来宾", "嘉宾", "企业", "街道", "社区", "乡镇", "支部", "委员", "成员", "党员",
        "人员", "主任", "秘书长", "局长", "校长", "院长", "家长", "书记", "主席", "老师",
    ];
    // After the centred lines under a title (a speech's speaker and date).
    let Some(mut first) = blocks
        .iter()
        .position(|b| !matches!(b, Block::Centered { .. }))
    else {
        return;
    };
    let plain = |b: &Block| -> Option<String> {
        match b {
            Block::Paragraph { inlines } => Some(inlines.iter().map(|i| i.text.as_str()).collect()),
            _ => None,
        }
    };
    // Or after a document's own title kept in its text (a Word file's Title that is
    // not the issue's: …关于……的通报): a line that ends no sentence, then the addressee.
    if let Some(t) = blocks.get(first).and_then(plain)
        && t.trim().chars().count() <= 80
        && !t
            .trim()
            .ends_with(['。', '！', '？', '；', '：', ':', '…', '，'])
        && blocks
            .get(first + 1)
            .and_then(plain)
            .is_some_and(|n| n.trim().ends_with(['：', ':']))
    {
        first += 1;
    }
    let Some(Block::Paragraph { inlines }) = blocks.get_mut(first) else {
        return;
    };
    let text: String = inlines.iter().map(|i| i.text.as_str()).collect();
    let t = text.trim();
    let whom = t.trim_end_matches(['：', ':']).trim_end();
    if t.chars().count() <= 60
        && t.ends_with(['：', ':'])
        && !t.contains(['。', '；', '！', '？', ';', '!', '?'])
        && !whom.contains("如下")
        && (whom.starts_with("尊敬的")
            || whom
                .split(['，', ','])
                .all(|part| WHOM.iter().any(|w| part.trim().ends_with(w))))
    {
        let inlines = std::mem::take(inlines);
        blocks[first] = Block::Addressee { inlines };
    }
}

/// A letter's 敬礼 after its 此致, each on a line of its own: flush left, as the
/// addressee is (此致 keeps its indent). Both were indented as text (QA2 03).
fn mark_salute(blocks: &mut [Block]) {
    for i in 1..blocks.len() {
        let salute = sole_text(&blocks[i])
            .is_some_and(|t| matches!(t.trim_end_matches(['！', '!']), "敬礼" | "敬禮"))
            && sole_text(&blocks[i - 1]).is_some_and(|t| t == "此致");
        if salute && let Block::Paragraph { inlines } = &mut blocks[i] {
            let inlines = std::mem::take(inlines);
            blocks[i] = Block::Addressee { inlines };
        }
    }
}

/// A date alone on its line, as a 落款 gives it: `2026年3月5日` (half- or full-width
/// digits) or `二〇二六年三月五日`.
pub(crate) fn is_date_line(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let Some((year, rest)) = t.split_once('年') else {
        return false;
    };
    date_numeral(year, 4, 4, "〇○零Ｏ一二三四五六七八九") && is_month_day_line(rest)
}

/// A line that can name the issuing body above a 落款's date: at most 30 characters,
/// no mark that ends or splits a sentence, not a heading.
fn is_signature_line(t: &str) -> bool {
    let n = t.chars().count();
    (1..=30).contains(&n)
        && !t.contains([
            '。', '，', '；', '：', '！', '？', ',', ';', ':', '!', '?', '“', '”',
        ])
        && typed_heading_level(t).is_none()
        && !is_date_line(t)
}

/// A line of a judgment's signatures: a role of the court (审判长, 审判员, 人民陪审员,
/// 书记员, spaced out as they are typed: 审　判　长) and a name.
fn is_court_signature(t: &str) -> bool {
    let squashed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    [
        "审判长",
        "审判员",
        "代理审判员",
        "人民陪审员",
        "书记员",
        "法官助理",
    ]
    .iter()
    .any(|role| {
        squashed
            .strip_prefix(role)
            .is_some_and(|name| (1..=6).contains(&name.chars().count()))
    })
}

/// `附件：……`, or the shorter `附：……`: the line that opens a 附件说明.
fn opens_attachments(t: &str) -> bool {
    ["附件：", "附件:", "附：", "附:"]
        .iter()
        .any(|o| t.starts_with(o))
}

/// `2．……`, `2.……`, `2、……`: a line that opens with an item's Arabic number.
fn numbered_item(t: &str) -> bool {
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < t.len() && rest.starts_with(['．', '.', '、'])
}

/// Whether `text` continues a list of attachments (附件说明: 附件：1．…… then 2．…… on
/// lines of their own, GB/T 9704 7.3.4): such a numbered line is an item, not a
/// heading.
fn attachment_item(before: &[Block], text: &str) -> bool {
    if !numbered_item(text) {
        return false;
    }
    for b in before.iter().rev() {
        let (Block::Paragraph { inlines } | Block::Attachment { inlines, .. }) = b else {
            return false;
        };
        let t = inlines.first().map_or("", |i| i.text.as_str());
        if opens_attachments(t) {
            return true;
        }
        if !numbered_item(t) {
            return false;
        }
    }
    false
}

/// What a `.txt` line broken mid-sentence (text copied from a PDF or a narrow window)
/// ends with: a comma or 、, which no paragraph ends with. Each line of a `.txt` is a
/// paragraph, so such a line followed by text would print as a paragraph of its own.
pub(crate) const MID_SENTENCE: [char; 3] = ['，', '、', ','];

/// Whether `line`, followed by `next`, was broken mid-sentence (see [`MID_SENTENCE`]);
/// or, in a line of text (fifteen characters or more, not a heading), inside a number (减少3 / 1%，: it
/// printed 减少3 and a paragraph of 1%), or after a quotation closed inside a sentence
/// (从“经验判断” / 向“数据说话”转变: no 。 before its ”), QA12 B 08.
fn broken_line(line: &str, next: &str) -> bool {
    let (line, next) = (line.trim_end(), next.trim());
    if next.is_empty() {
        return false;
    }
    if line.ends_with(MID_SENTENCE) {
        return true;
    }
    // A Latin word hyphenated at a line's end, as a PDF sets it (Man- / agement, QA16
    // J 01).
    if line.ends_with('-')
        && line[..line.len() - 1].ends_with(|c: char| c.is_ascii_alphabetic())
        && next.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return true;
    }
    // (Not a heading: 一、深入开展“三服务” over its text. Its indent is no gap of a
    // table's row: 　　二是服务延伸…, QA14 E 07.)
    let text = line_of_text(line.trim_start());
    let figure = line.ends_with(|c: char| c.is_ascii_digit())
        && next.starts_with(|c: char| c.is_ascii_digit() || "%‰".contains(c));
    let quote = line.ends_with(['”', '’'])
        && !line
            .trim_end_matches(['”', '’'])
            .ends_with(['。', '！', '？', '…', '.', '!', '?', '：', '；'])
        && next.starts_with(crate::proofread::punctuation::is_han);
    text && (figure || quote)
}

/// Whether a line (its indent taken off) is a line of text: fifteen characters or
/// more, no gap of a table's row in it, not a heading.
fn line_of_text(line: &str) -> bool {
    line.chars().count() >= 15
        && !line.contains(['\t', '\u{3000}'])
        && typed_heading_level(line).is_none()
        && !marked_heading(line)
}

/// The 1-based numbers of the lines of a `.txt` article broken mid-sentence: those
/// ending with a comma or 、 ([`broken_line`]), and the lines of text hard-wrapped as a
/// PDF, a fax or an e-mail hands it over ([`hard_wrapped`]).
pub(crate) fn broken_lines(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found: Vec<usize> = lines
        .windows(2)
        .enumerate()
        .filter(|(_, w)| broken_line(w[0], w[1]))
        .map(|(i, _)| i + 1)
        .collect();
    found.extend(hard_wrapped(&lines).into_iter().map(|i| i + 1));
    found.extend(unindented_runs(&lines).into_iter().map(|i| i + 1));
    found.sort_unstable();
    found.dedup();
    found
}

/// The indices of the lines a paragraph was cut after in a text whose paragraphs
/// open with an indent, as a web page or Word hands them over (QA14 E 07: «　　二是…
/// 平均审批时限由» / «原来的20个工作日压缩至8个工作日…»): a line of text that opens a
/// paragraph with the indent, or goes on one, ends with a character of text (no mark),
/// and is followed by a line of text without the indent, which no paragraph of such a
/// text opens without. Headings, rows of tables and short lines (a name, a date) are
/// not text; a text whose long lines are mostly not indented says nothing.
pub(crate) fn unindented_runs<S: AsRef<str>>(lines: &[S]) -> Vec<usize> {
    // A paragraph's indent: two to eight columns (a centred title's are more).
    let indented = |s: &str| {
        let width: usize = s
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(|c| match c {
                '\u{3000}' => 2,
                '\t' => 4,
                _ => 1,
            })
            .sum();
        (2..=8).contains(&width)
    };
    let long = lines
        .iter()
        .filter(|l| l.as_ref().trim().chars().count() >= 15);
    let (all, with_indent) = long.fold((0, 0), |(a, i), l| {
        (a + 1, i + usize::from(indented(l.as_ref())))
    });
    if with_indent < 2 || with_indent * 2 < all {
        return Vec::new();
    }
    let text = |s: &str| line_of_text(s) && !s.contains("  ");
    let mut found = Vec::new();
    let mut open = false;
    for (i, w) in lines.windows(2).enumerate() {
        let (raw, next_raw) = (w[0].as_ref().trim_end(), w[1].as_ref().trim_end());
        let (line, next) = (raw.trim_start(), next_raw.trim_start());
        // (The rest of a sentence: text, or one that ends the sentence; not a name.)
        let goes_on = (next.chars().count() >= 15 || next.ends_with(['。', '！', '？', '；']))
            && !next_raw.starts_with(char::is_whitespace)
            && next.starts_with(char::is_alphanumeric)
            && typed_heading_level(next).is_none()
            && !marked_heading(next)
            && !numbered_item(next);
        open = (open || indented(raw))
            && text(line)
            && line.ends_with(char::is_alphanumeric)
            && goes_on;
        if open {
            found.push(i);
        }
    }
    found
}

/// The indices of the lines cut at a fixed width, as text copied from a PDF arrives
/// («…累计平均降雨量156.3» / «毫米，最大降雨点…»): a long line that ends without a
/// closing mark, text after it, and another such line of about the same width (within
/// two Chinese characters). A paragraph ends with its mark; a heading, a name or a
/// date is short; two long unfinished lines of one width are a cut paragraph.
pub(crate) fn hard_wrapped<S: AsRef<str>>(lines: &[S]) -> Vec<usize> {
    use unicode_width::UnicodeWidthStr;
    const CLOSING: &[char] = &[
        '。', '！', '？', '；', '：', '…', '”', '’', '）', '」', '』', '】', '》', '〉', '.', '!',
        '?', ';', ':', ')', '"',
    ];
    // A list's item (- …, • …) or a Markdown table's row (| … |): no cut paragraph;
    // `check --fix` joined them into one line (QA16 J 07, 08).
    let item = |s: &str| {
        s.starts_with(['|', '-', '*', '+', '•', '●', '·', '○', '◆', '■', '□', '√'])
            || s.ends_with('|')
            // (1．… or 1、…, not a figure: 62.4毫米 opens a cut paragraph's line.)
            || numbered_item(s)
                && !s
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .chars()
                    .nth(1)
                    .is_some_and(|c| c.is_ascii_digit())
    };
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for (i, w) in lines.windows(2).enumerate() {
        let (line, next) = (w[0].as_ref().trim(), w[1].as_ref().trim());
        let width = line.width();
        // A field's line (报：…, 联系人：…) is no cut paragraph; unless it goes on a
        // cut line (…全 / 年目标是：…自来水 / 普及率…, QA16 J 03).
        let goes_on = cut.last().is_some_and(|&(j, _)| j + 1 == i);
        let field = !goes_on && line.chars().take(6).any(|c| c == '：' || c == ':');
        // Nor a row of a table pasted from Excel (its cells parted by tabs) or from
        // a web page or a fax (lined up with runs of spaces, or parted by
        // ideographic spaces: 品名　单位　本月价格), nor a list of names (张　三):
        // `check --fix` would join such lines into one.
        let gaps = |s: &str| s.contains('\t') || s.contains("  ") || s.contains('\u{3000}');
        let row = gaps(line) || gaps(next) || item(line) || item(next);
        if width >= 30
            && !field
            && !row
            && !line.ends_with(CLOSING)
            && !next.is_empty()
            && typed_heading_level(line).is_none()
            // (Nor a heading its author marked, ■街道启动……: QA9, `check --fix`
            // joined it with its text.)
            && !marked_heading(line)
        {
            cut.push((i, width));
        }
    }
    // A run of such lines is a cut paragraph when the line after it ends the
    // paragraph's sentence: lines of one width that each end a phrase (a list typed
    // under 议程如下：, its items of about one length) were joined (QA16 J 08). Or
    // when it goes on with a word hyphenated at its end, itself cut; or a PDF's page
    // number follows it: the sentence goes on over the page.
    let closes = |i: usize| {
        lines.get(i).is_some_and(|l| {
            let l = l.as_ref().trim();
            l.ends_with(CLOSING)
                || l.ends_with(MID_SENTENCE)
                || lines.get(i + 1).is_some_and(|n| broken_line(l, n.as_ref()))
                || crate::proofread::punctuation::is_page_number_line(l)
        })
    };
    let cut: Vec<(usize, usize)> = cut
        .chunk_by(|a, b| b.0 == a.0 + 1)
        .filter(|run| run.last().is_some_and(|&(i, _)| closes(i + 1)))
        .flatten()
        .copied()
        .collect();
    cut.iter()
        .filter(|&&(i, w)| cut.iter().any(|&(j, v)| j != i && w.abs_diff(v) <= 4))
        .map(|&(i, _)| i)
        .collect()
}

/// Where a `.txt` article is written in Markdown, which a `.txt` prints as typed (a
/// draft from a Markdown editor or a chat assistant saved as text): the byte offset of
/// each line that opens with a heading's `#` or a quotation's `>`, or holds `**bold**`.
pub(crate) fn txt_markdown_lines(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        let hashes = body.len() - body.trim_start_matches('#').len();
        let heading = (1..=6).contains(&hashes)
            && body[hashes..].starts_with([' ', '\t'])
            && !body[hashes..].trim().is_empty();
        // (Not «> 300毫米», a comparison.)
        let quote = body.starts_with("> ")
            && !body[2..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
        let bold = body
            .split("**")
            .nth(1)
            .is_some_and(|b| !b.trim().is_empty() && body.matches("**").count() >= 2);
        if heading || quote || bold {
            found.push(offset + line.len() - body.len());
        }
        offset += line.len();
    }
    found
}

/// Where a `.txt` article writes a photo as Markdown does (`![说明](photo.jpg)`), which a
/// `.txt` prints as text: the byte offset of each, read line by line as Markdown.
pub(crate) fn txt_photos(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_start();
        if !body.contains("![") {
            continue;
        }
        let lead = start + line.len() - body.len();
        let parser =
            Parser::new_with_broken_link_callback(body, Options::empty(), Some(spaced_photo(body)));
        found.extend(parser.into_offset_iter().filter_map(|(e, r)| {
            matches!(e, Event::Start(Tag::Image { .. })).then_some(lead + r.start)
        }));
        found.extend(bare_spaced_photos(body).iter().map(|(r, _)| lead + r.start));
    }
    found.sort_unstable();
    found
}

/// How an article's last line stands to the byline the issue file gives (see
/// [`trailing_byline`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trailing {
    /// The byline typed again: `（青山区市场监管局供稿）` under byline = "青山区市场监管局".
    Repeats,
    /// The byline's words alone, without the brackets or the 供稿 of a byline (a unit's
    /// name as the last line): perhaps the byline, perhaps a signature.
    Bare,
    /// A byline typed as one (`（……供稿）`, `来源：……`) that is not the issue file's.
    Differs,
    /// The issue file's byline in brackets with a person's name after it
    /// (`（市应急管理局办公室　周立新）` under byline = "市应急管理局办公室"): the byline
    /// with its author, which would print over it.
    Named,
    /// A byline typed as one, and the issue file gives none.
    Unsigned,
}

/// The last line of an article (in a `.md` before its footnotes) when it is a byline
/// typed into the text, with how it stands to `byline`: the issue file's byline and
/// the same as printed (`（{}）` around it). None for any other line, and for an
/// article of that line alone.
pub(crate) fn trailing_byline(
    text: &str,
    markdown: bool,
    byline: Option<(&str, &str)>,
) -> Option<(Range<usize>, Trailing)> {
    let mut range = last_text_line(text, markdown)?;
    if text[..range.start].trim().is_empty() {
        return None;
    }
    // A byline typed at the end of the last paragraph, in brackets after its last
    // sentence (`……取得实效。（青山区市场监管局供稿）`): the brackets alone.
    let mut tail = false;
    if let Some(end) = text[range.clone()].rfind(['。', '！', '？', '；']) {
        let after = range.start + end + '。'.len_utf8();
        let rest = &text[after..range.end];
        let start = after + (rest.len() - rest.trim_start().len());
        range = start..range.end;
        tail = true;
    }
    let line = text[range.clone()].trim();
    if line.chars().count() > 80 || line.contains(['。', '！', '？', '；']) {
        return None;
    }
    let (words, bracketed, marked) = byline_words(line);
    if words.is_empty() || (tail && !bracketed) {
        return None;
    }
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let trailing = match byline {
        Some((byline, printed)) => {
            let own = byline_words(byline).0;
            let same = words == own || squash(line) == squash(printed);
            // A name of two to four Chinese characters after the byline's words.
            let named = !own.is_empty()
                && words.strip_prefix(own.as_str()).is_some_and(|name| {
                    (2..=4).contains(&name.chars().count())
                        && name.chars().all(crate::proofread::punctuation::is_han)
                });
            match (same, bracketed || marked) {
                (true, true) => Trailing::Repeats,
                (true, false) => Trailing::Bare,
                (false, _) if marked => Trailing::Differs,
                (false, true) if named => Trailing::Named,
                _ => return None,
            }
        }
        None if marked => Trailing::Unsigned,
        None => return None,
    };
    Some((range, trailing))
}

/// The byte range of the last line of text: the last line that is not blank (in a
/// `.md`, not in a footnote's text at the end).
fn last_text_line(text: &str, markdown: bool) -> Option<Range<usize>> {
    let mut last = None;
    let mut offset = 0;
    // In a footnote's text: from its `[^1]:` line to a line after a blank one that
    // is not indented.
    let mut in_note = false;
    let mut blank_before = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches('\n');
        let blank = body.trim().is_empty();
        if markdown {
            let opens_note = body.starts_with("[^") && body.contains("]:");
            let indented = body.starts_with([' ', '\t']);
            in_note = opens_note || (in_note && (blank || indented || !blank_before));
        }
        blank_before = blank;
        if !blank && !in_note {
            last = Some(start..start + body.len());
        }
    }
    last
}

/// A line's words as a byline's: without spaces, Markdown's `*`, the brackets around
/// it and the words a byline is typed with (供稿, 来源：); and whether it was in
/// brackets, and whether it had those words.
fn byline_words(line: &str) -> (String, bool, bool) {
    let mut t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let (mut bracketed, mut marked) = (false, false);
    loop {
        let before = t.clone();
        t = t.trim_matches('*').to_owned();
        for (open, close) in [('（', '）'), ('(', ')'), ('【', '】'), ('〔', '〕')] {
            if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
                t = inner.to_owned();
                bracketed = true;
            }
        }
        for lead in [
            "稿件来源",
            "信息来源",
            "来源",
            "供稿单位",
            "供稿",
            "作者",
            "撰稿",
            "执笔",
            "整理",
        ] {
            if let Some(rest) = t
                .strip_prefix(lead)
                .and_then(|r| r.strip_prefix(['：', ':']))
            {
                t = rest.to_owned();
                marked = true;
            }
        }
        // （青山区市场监管局供稿）, （大会秘书处整理）, （办公室报送）
        // (the last four only in brackets: 资料收集整理 may end a sentence)
        if let Some(rest) = ["供稿", "整理", "报送", "撰稿", "采写"]
            .iter()
            .filter(|s| bracketed || **s == "供稿")
            .find_map(|s| t.strip_suffix(s))
            .filter(|r| !r.is_empty())
        {
            t = rest.to_owned();
            marked = true;
        }
        if t == before {
            return (t, bracketed, marked);
        }
    }
}

/// Splits plain text into paragraphs, one per non-empty line.
pub fn parse_txt(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let tables = tab_tables(text);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        // A table pasted from Word or Excel (cells separated by tabs): one block, at
        // its first line; a 表1 … line right before it is its caption. (A row starts
        // after its line's indent.)
        let here = |r: &Range<usize>| (start..offset).contains(&r.start);
        if let Some(rows) = tables.iter().find(|t| t.iter().any(here)) {
            if here(&rows[0]) {
                let mut table = tab_table(text, rows);
                table.unit = take_unit(&mut blocks);
                if let Some(mut inlines) = take_caption(&mut blocks) {
                    // Word's tab after 表1: a space of one character.
                    for i in &mut inlines {
                        i.text = i.text.replace('\t', "　");
                    }
                    table.caption = inlines;
                }
                blocks.push(Block::Table(table));
            }
            continue;
        }
        let content = line.trim_end_matches('\n');
        let trimmed = content.trim_matches(|c: char| c.is_whitespace());
        if trimmed.is_empty() {
            continue;
        }
        // A divider line typed as one (※※※, ※ ※ ※, ***, ＊＊＊, ☆☆☆): set as
        // Markdown's `***` is, centred.
        if is_divider_line(trimmed) {
            blocks.push(Block::Divider {
                inlines: vec![plain(DIVIDER.to_owned(), None)],
            });
            continue;
        }
        let lead = content.len()
            - content
                .trim_start_matches(|c: char| c.is_whitespace())
                .len();
        let s = start + lead;
        blocks.push(Block::Paragraph {
            inlines: vec![Inline {
                text: trimmed.to_owned(),
                strong: false,
                emph: false,
                sup: false,
                sub: false,
                src: Some(s..s + trimmed.len()),
            }],
        });
    }
    blocks
}

/// A line that is only divider marks and spaces: at least one ※, or at least three
/// of * ＊ ☆ ★.
fn is_divider_line(t: &str) -> bool {
    let marks = t.chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>();
    // A rule typed with dashes or underscores (——————, ------, ______), as Word users
    // draw one: a divider too (a 破折号 is two dashes, in a sentence).
    let rule = marks.len() >= 3
        && marks
            .iter()
            .all(|c| matches!(c, '—' | '─' | '━' | '-' | '_' | '＿' | '=' | '＝'));
    rule || (marks
        .iter()
        .all(|c| matches!(c, '※' | '*' | '＊' | '☆' | '★'))
        && (marks.contains(&'※') || marks.len() >= 3))
}

/// The tables of a `.txt` pasted from Word or Excel: two or more lines in a row, each
/// with two or more cells separated by tabs. A row may have fewer cells than the
/// header (a cell left out when it was typed): it is still a row of the table, and
/// [`uneven_tab_rows`] names it. Each table is the byte ranges of its lines, without
/// the line ends and the indent before the first cell. (`check` leaves the tabs of
/// these lines alone.)
pub(crate) fn tab_tables(text: &str) -> Vec<Vec<Range<usize>>> {
    let mut tables = Vec::new();
    let mut run: Vec<Range<usize>> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        // The indent goes; a tab at the end is an empty last cell.
        let content = line.trim_end_matches(['\n', '\r', ' ', '　']);
        let body = content.trim_start();
        let from = start + content.len() - body.len();
        // Word's caption (表1, a tab, the caption) right before a table: its caption,
        // not its first row (the header was set as a row under it).
        if body.contains('\t') && !(run.is_empty() && tab_caption(body)) {
            run.push(from..from + body.len());
        } else {
            if run.len() >= 2 {
                tables.push(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    if run.len() >= 2 {
        tables.push(run);
    }
    tables
}

/// Whether a line is a table's caption as Word writes it: 表1, a tab, the caption.
fn tab_caption(line: &str) -> bool {
    let cells: Vec<&str> = line
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    matches!(cells.as_slice(), [number, caption]
        if number.chars().count() <= 5
            && is_table_caption(&[plain(format!("{number}　{caption}"), None)]))
}

/// The number of columns of a table from [`tab_tables`]: its header's cells, or more
/// where a row has text in a cell past them.
fn tab_width(text: &str, rows: &[Range<usize>]) -> usize {
    rows.iter()
        .map(|r| {
            let cells: Vec<&str> = text[r.clone()].split('\t').collect();
            cells
                .iter()
                .rposition(|c| !c.trim().is_empty())
                .map_or(0, |k| k + 1)
        })
        .chain(rows.first().map(|r| text[r.clone()].split('\t').count()))
        .max()
        .unwrap_or(0)
}

/// The rows of a `.txt`'s tables that have fewer cells than their table (see
/// [`tab_tables`]): each row's byte offset, its cells and the table's columns. The
/// row is set with empty cells at its end, which may not be where the missing cell
/// was.
pub(crate) fn uneven_tab_rows(text: &str) -> Vec<(usize, usize, usize)> {
    let mut uneven = Vec::new();
    for rows in tab_tables(text) {
        let width = tab_width(text, &rows);
        for r in rows {
            let cells = text[r.clone()].split('\t').count();
            if cells < width {
                uneven.push((r.start, cells, width));
            }
        }
    }
    uneven
}

/// A table from its lines (see [`tab_tables`]): the first row its header, every cell
/// at its place in the file, a short row filled out with empty cells, columns aligned
/// as numbers or text.
fn tab_table(text: &str, rows: &[Range<usize>]) -> Table {
    let width = tab_width(text, rows);
    let mut rows = rows.iter().map(|r| {
        let mut at = r.start;
        let mut cells = text[r.clone()]
            .split('\t')
            .take(width)
            .map(|cell| {
                let lead = cell.len() - cell.trim_start().len();
                let t = cell.trim();
                let inline = Inline {
                    text: t.to_owned(),
                    strong: false,
                    emph: false,
                    sup: false,
                    sub: false,
                    src: Some(at + lead..at + lead + t.len()),
                };
                at += cell.len() + 1;
                if t.is_empty() {
                    Vec::new()
                } else {
                    vec![inline]
                }
            })
            .collect::<Vec<_>>();
        cells.resize(width, Vec::new());
        cells
    });
    let header = rows.next().unwrap_or_default();
    let mut table = Table {
        caption: Vec::new(),
        unit: Vec::new(),
        align: vec!["auto"; header.len()],
        header,
        rows: rows.collect(),
        header_rows: 0,
        spans: Vec::new(),
        notes: Vec::new(),
        breaks: Vec::new(),
        stray_marks: Vec::new(),
    };
    table.merge_cells();
    table
}

/// A Markdown article: its blocks, and what in it does not print as written.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    pub blocks: Vec<Block>,
    pub warnings: Vec<MdWarning>,
}

/// Something in a Markdown file that prints differently from what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct MdWarning {
    /// Byte offset in the file's text.
    pub offset: usize,
    pub message: String,
}

/// A table being read: the table so far, the row being read, the cell being read.
type TableBuild = (Table, Vec<Vec<Inline>>, Option<Vec<Inline>>);

/// Parses CommonMark into blocks. Nothing is dropped without a warning: HTML prints
/// its text without the tags, footnotes print as `[1]` with their notes at the end of
/// the article, and an image (not supported yet) prints its description.
pub fn parse_markdown(text: &str, numbering: bool) -> Markdown {
    let mut blocks = Vec::new();
    let mut warnings = Vec::new();
    let mut current: Option<(Option<u8>, Vec<Inline>)> = None;
    // The blocks that continue a quotation's source lazily, on the line under it
    // without its `>`: text after the quotation, not the source's (see `SoftBreak`).
    let mut after_source: Vec<usize> = Vec::new();
    let mut strong = 0u32;
    let mut emph = 0u32;
    let mut counters = [0u64; 4];
    // Ordered list numbering: a stack of next numbers and the mark after them, `.` or
    // `）` for a list typed `1)` (None for bullet lists).
    let mut lists: Vec<Option<(u64, &str)>> = Vec::new();
    // Footnotes: labels in the order of their first reference, and each definition's
    // blocks; while a definition is read, the article's blocks wait in `outer`.
    let mut note_order: Vec<String> = Vec::new();
    let mut notes: Vec<(String, Vec<Block>)> = Vec::new();
    let mut outer: Option<(String, Vec<Block>)> = None;
    let mut in_html_block = false;
    // The HTML block was a table, read as one: its text is not a paragraph too.
    let mut html_table_read = false;
    let mut in_code = false;
    // Inside <sup>…</sup> or <sub>…</sub>.
    let mut script: Option<Script> = None;
    // Inside an HTML block that centres its line (<p align="center">…</p>).
    let mut centred = false;
    let mut quote = 0u32;
    // A table being read: the table, the row, the cell (its inlines).
    let mut table: Option<TableBuild> = None;
    // A photo being read (its description is its caption), and whether the text
    // just after one may give its width: `{width=60%}`.
    let mut photo: Option<Photo> = None;
    let mut after_photo = false;
    // A photo ended in this paragraph, with nothing but spaces after it so far: the next
    // photo goes beside it.
    let mut row_open = false;
    // Photos that stood inside a sentence (如图所示![…](…)，系统运行平稳。), set after the
    // paragraph that holds them, so that the sentence stays whole.
    let mut inside: Vec<Photo> = Vec::new();
    let mut photo_inside = false;

    let (unmatter, matter) = front_matter(text);
    warnings.extend(matter);
    let unmatter = html_images(&unmatter);
    let (unset, underlines) = sentence_underlines(&unmatter);
    warnings.extend(underlines);
    let text = unset.as_str();
    // `depth`: how many lists the text is in (2 and more: an item of a nested list).
    let options = Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS;
    let top = top_heading_level(text, options);
    // The levels at which the author named headings in order (第一代表团 … 第四代表团):
    // none of that level is numbered then (五、列席人员意见 after them was). A heading
    // typed 二、 among unnumbered ones is counted, as before.
    let own_numbers = self_numbered_levels(text, options, top);
    let flush = |cur: &mut Option<(Option<u8>, Vec<Inline>)>,
                 blocks: &mut Vec<Block>,
                 counters: &mut [u64; 4],
                 quote: u32,
                 depth: usize| {
        if let Some((level, inlines)) = cur.take() {
            let mut inlines = trim_inlines(marks_across_styles(emph_left_as_text(
                strong_left_as_text(inlines),
            )));
            if inlines.is_empty() {
                return;
            }
            // An item's number before a number of the text: 2．2027年, not 2.2027年.
            if let [mark, next, ..] = inlines.as_mut_slice()
                && mark.src.is_none()
                && mark.text.ends_with('.')
            {
                mark.text = apart(std::mem::take(&mut mark.text), &next.text);
            }
            let text = || inlines.iter().map(|i| i.text.as_str()).collect::<String>();
            match level {
                // A divider typed as one (※　※　※, ＊＊＊), as in a .txt: centred, as
                // Markdown's `***` is (it printed as a paragraph at the left).
                None if quote == 0 && depth < 2 && is_divider_line(text().trim()) => {
                    blocks.push(Block::Divider {
                        inlines: vec![plain(DIVIDER.to_owned(), None)],
                    })
                }
                None if quote > 0 => blocks.push(Block::Quote {
                    inlines,
                    breaks: None,
                }),
                None if depth >= 2 => blocks.push(Block::Item {
                    level: u8::try_from(depth).unwrap_or(u8::MAX),
                    inlines,
                }),
                // A paragraph that is a heading typed by hand: the heading it is.
                None => match (inlines.len(), typed_heading_level(&inlines[0].text)) {
                    (1, Some(level)) if !attachment_item(blocks, &inlines[0].text) => {
                        blocks.push(Block::Heading {
                            level,
                            number: String::new(),
                            inlines,
                        })
                    }
                    _ => blocks.push(Block::Paragraph { inlines }),
                },
                Some(level) => {
                    let i = usize::from(level - 1);
                    let first = inlines.first().map(|x| x.text.as_str()).unwrap_or("");
                    // (A marked heading is not counted: the numbered ones after it go on
                    // from the numbered ones before.)
                    let marked = marked_heading(first);
                    if !marked {
                        counters[i] += 1;
                        for c in counters.iter_mut().skip(i + 1) {
                            *c = 0;
                        }
                    }
                    let number =
                        if !numbering || own_numbers[i] || starts_with_number(first) || marked {
                            String::new()
                        } else {
                            // 1．5G基站建设, not 1.5G…
                            apart(heading_number(level, counters[i]), first)
                        };
                    blocks.push(Block::Heading {
                        level,
                        number,
                        inlines,
                    });
                }
            }
        }
    };
    let note_number = |order: &mut Vec<String>, label: &str| -> usize {
        match order.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                order.push(label.to_owned());
                order.len()
            }
        }
    };

    // The `(file name.jpg)` after a photo whose name has spaces: its target, not text.
    let mut target = 0..0;
    // `![](IMG 0412.jpg)`: a photo with no description and spaces in its name, which
    // Markdown reads as text (with a description it is a broken link, which
    // `spaced_photo` mends).
    let bare = bare_spaced_photos(text);
    let parser = Parser::new_with_broken_link_callback(text, options, Some(spaced_photo(text)));
    // Pandoc's sub- and superscripts (H~2~O, 10^3^, as Typora writes them), which
    // CommonMark leaves as text: taken apart here (see `pandoc_scripts`).
    // `3*4*5` (a size, a product): CommonMark takes the `*4*` for emphasis, and 345
    // printed. Between figures the asterisks are text (each emphasis opened so, the
    // flag on a stack, for its end).
    let mut products: Vec<bool> = Vec::new();
    let events = parser
        .into_offset_iter()
        .flat_map(|(event, range)| match event {
            Event::Start(Tag::Emphasis) => {
                let product = is_product(text, &range);
                products.push(product);
                if product {
                    let star = range.start..range.start + 1;
                    vec![(Event::Text(CowStr::Borrowed(&text[star.clone()])), star)]
                } else {
                    vec![(Event::Start(Tag::Emphasis), range)]
                }
            }
            Event::End(TagEnd::Emphasis) if products.pop() == Some(true) => {
                let star = range.end - 1..range.end;
                vec![(Event::Text(CowStr::Borrowed(&text[star.clone()])), star)]
            }
            Event::Text(t) if text.get(range.clone()) == Some(&*t) && t.contains(['~', '^']) => {
                let at = range.start;
                let mut out = Vec::new();
                for (piece, script) in pandoc_scripts(&t) {
                    let piece = at + piece.start..at + piece.end;
                    let inner = (
                        Event::Text(CowStr::Borrowed(&text[piece.clone()])),
                        piece.clone(),
                    );
                    match script {
                        None => out.push(inner),
                        Some(s) => {
                            let (start, end) = match s {
                                Script::Sup => (Tag::Superscript, TagEnd::Superscript),
                                Script::Sub => (Tag::Subscript, TagEnd::Subscript),
                            };
                            let whole = piece.start - 1..piece.end + 1;
                            out.push((Event::Start(start), whole.clone()));
                            out.push(inner);
                            out.push((Event::End(end), whole));
                        }
                    }
                }
                out
            }
            e => vec![(e, range)],
        });
    for (mut event, mut range) in events {
        if let Event::Text(_) = event
            && table.is_none()
            && let Some((span, name)) = bare.iter().find(|(s, _)| s.start == range.start)
        {
            let beside = row_open
                && current
                    .as_ref()
                    .is_none_or(|(_, inl)| inl.iter().all(|i| i.text.trim().is_empty()));
            flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
            blocks.push(Block::Image(Photo {
                src: (*name).to_owned(),
                data: None,
                offset: span.start,
                want: None,
                beside,
                caption: Vec::new(),
                row_caption: false,
                full_size: false,
                hold: None,
                file: String::new(),
                width: 0.0,
                height: 0.0,
            }));
            after_photo = true;
            row_open = true;
            target = span.clone();
            if range.end <= target.end {
                continue;
            }
        }
        if target.contains(&range.start) {
            if range.end <= target.end || !matches!(event, Event::Text(_)) {
                continue;
            }
            // Text that runs on after the target (`{width=60%}`, the sentence).
            range.start = target.end;
            event = Event::Text(CowStr::Borrowed(&text[range.clone()]));
        }
        // Only the text right after a photo can give its width.
        let was_after_photo = std::mem::take(&mut after_photo);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                let level = heading_level(level) - (top - 1);
                if level > 4 {
                    warnings.push(MdWarning {
                        offset: range.start,
                        message: format!(
                            "a heading {level} levels down: GB/T 9704 numbers four levels (一、 （一） 1. （1）), so it is set as the fourth / 第 {level} 级标题：公文标题只有四级，按第四级排出"
                        ),
                    });
                }
                current = Some((Some(level.min(4)), Vec::new()));
            }
            Event::Start(Tag::Paragraph) if current.is_none() => {
                current = Some((None, Vec::new()));
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                lists.push(start.map(|n| (n, list_delimiter(&text[range.start..]))));
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            // An item opens with its number, or its bullet: ● in a list of the text,
            // ○ in a list inside an item.
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                let depth = lists.len();
                let outer_numbered = lists.iter().rev().skip(1).any(Option::is_some);
                // The number typed, where there is one: items numbered as a register
                // numbers them (督办编号 12. 15. 21.) printed 12. 13. 14., CommonMark
                // counting on from the first. Not a number behind the count: a list
                // typed 1. 1. 1. for Markdown to count is counted.
                let typed: Option<u64> = text
                    .get(range.start..)
                    .map(|t| t.chars().take_while(char::is_ascii_digit).collect::<String>())
                    .and_then(|d| d.parse().ok());
                let mark = match lists.last_mut() {
                    // A numbered list inside a numbered item is the level under: （1）.
                    Some(Some((n, _))) if outer_numbered => {
                        *n = typed.filter(|t| t >= n).unwrap_or(*n);
                        let mark = format!("（{n}）");
                        *n += 1;
                        mark
                    }
                    Some(Some((n, delimiter))) => {
                        *n = typed.filter(|t| t >= n).unwrap_or(*n);
                        let mark = format!("{n}{delimiter}");
                        *n += 1;
                        mark
                    }
                    _ if depth <= 1 => BULLETS[0].to_owned(),
                    _ => BULLETS[1].to_owned(),
                };
                current = Some((None, vec![plain(mark, None)]));
            }
            // A task's box (`- [ ]`, `- [x]`): □ to do, ■ done, as forms tick them; in
            // place of a bullet, after a number.
            Event::TaskListMarker(done) => {
                let task = plain(if done { "■" } else { "□" }.to_owned(), None);
                if let Some((None, inlines)) = current.as_mut() {
                    match inlines.first_mut() {
                        Some(first) if BULLETS.contains(&first.text.as_str()) => *first = task,
                        _ => inlines.push(task),
                    }
                }
            }
            // A code block (``` or lines indented four spaces): a block of its own, its
            // lines as typed (it ran on into the paragraph after it, which lost its
            // indent, a line of the code's).
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                in_code = true;
                current = Some((None, Vec::new()));
                warnings.push(MdWarning {
                    offset: range.start,
                    message: "a code block (``` or lines indented by four spaces) prints each of its lines as a paragraph of body text; a paragraph indented by spaces is code to Markdown: remove the spaces / 代码块（``` 或行首四个空格）每行按一个正文段落排出；如为缩进的段落，请删去行首空格".into(),
                });
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
            }
            // Each line a paragraph: as one paragraph its first line was indented and
            // the others flush left, a paragraph that seemed to lose its indent.
            Event::Text(t) if in_code => {
                let verbatim = text.get(range.clone()) == Some(&*t);
                let mut at = range.start;
                for (k, line) in t.split('\n').enumerate() {
                    if k > 0 {
                        flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                    }
                    if !line.trim().is_empty() {
                        let src = verbatim.then_some(at..at + line.len());
                        current
                            .get_or_insert_with(|| (None, Vec::new()))
                            .1
                            .push(plain(line.to_owned(), src));
                    }
                    at += line.len() + 1;
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                in_html_block = true;
                current = Some((None, Vec::new()));
                centred = is_centred_html(&text[range.clone()]);
                // A table written in HTML (Typora, a web page, some Word converters):
                // the table it is (it printed as one run-together paragraph).
                if let Some(mut t) = html_table(&text[range.clone()]) {
                    t.unit = take_unit(&mut blocks);
                    // 表1 … on its own right before it is its caption, as over a pipe
                    // table (it printed as a body line, r23 F22).
                    if t.caption.is_empty()
                        && let Some(inlines) = take_caption(&mut blocks)
                    {
                        t.caption = inlines;
                    }
                    blocks.push(Block::Table(t));
                    html_table_read = true;
                } else {
                    let html = &text[range.clone()];
                    let comment = html.trim_start().starts_with("<!--");
                    let message = if comment && !html.contains("-->") {
                        Some("an HTML comment opened here is never closed with -->: nothing after it prints; close it where the note ends / HTML 注释缺少结束符 -->，其后全部内容都不排出，请在注释结束处补上 -->")
                    } else if is_comment(html) {
                        Some("an HTML comment is not printed / HTML 注释不排出")
                    } else if comment {
                        Some("an HTML comment is not printed; the text after it prints / HTML 注释不排出，其后的文字照常排出")
                    } else if !centred {
                        Some("HTML block: its tags are removed and its text prints as a paragraph / HTML 标签已删除，其中文字按段落排出")
                    } else {
                        None
                    };
                    if let Some(message) = message {
                        warnings.push(MdWarning {
                            offset: range.start,
                            message: message.into(),
                        });
                    }
                    // The block's text, its tags and comments out, read as a whole: a
                    // comment over several lines came in pieces, each printed as typed.
                    let bare = strip_tags(html);
                    let bare = bare.trim();
                    if !bare.is_empty() {
                        current
                            .get_or_insert_with(|| (None, Vec::new()))
                            .1
                            .push(plain(bare.to_owned(), None));
                    }
                }
            }
            // Read whole at the block's start.
            Event::Html(_) if in_html_block => {}
            Event::End(TagEnd::HtmlBlock) => {
                in_html_block = false;
                if std::mem::take(&mut html_table_read) {
                    current = None;
                }
                if std::mem::take(&mut centred)
                    && let Some((None, inlines)) = current.take()
                {
                    let inlines = trim_inlines(inlines);
                    if !inlines.is_empty() {
                        blocks.push(Block::Centered { inlines });
                    }
                }
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
            }
            // <sup>…</sup> and <sub>…</sub> (m², CO₂; Word's super- and subscript come
            // so): the text between raised or lowered, the tags not said.
            Event::InlineHtml(t) if script_tag(&t).is_some() => {
                script = script_tag(&t).flatten();
            }
            // <br> (how Typora, pandoc and `import` write a line break in a table's
            // cell, where Markdown has no other): a new line in the cell, or in the
            // paragraph. (It was dropped, and a cell's items ran together.)
            Event::InlineHtml(t) if is_br(&t) => {
                let br = plain("\n".to_owned(), None);
                if let Some((_, _, Some(cell))) = table.as_mut() {
                    cell.push(br);
                } else {
                    current.get_or_insert_with(|| (None, Vec::new())).1.push(br);
                }
            }
            // Inline HTML (an HTML block's is read whole at its start).
            Event::Html(t) | Event::InlineHtml(t) => {
                let message = if is_comment(&t) {
                    format!("an HTML comment {} is not printed / HTML 注释不排出", t.trim())
                } else {
                    format!(
                        "HTML {} is not printed (its text is kept) / HTML 标签不排出（保留其中文字）",
                        t.trim()
                    )
                };
                warnings.push(MdWarning {
                    offset: range.start,
                    message,
                });
                let bare = strip_tags(&t);
                let bare = bare.trim_end_matches('\n');
                if !bare.is_empty() {
                    current
                        .get_or_insert_with(|| (None, Vec::new()))
                        .1
                        .push(plain(bare.to_owned(), None));
                }
            }
            Event::FootnoteReference(label) => {
                let n = note_number(&mut note_order, &label);
                let mark = Inline {
                    sup: true,
                    ..plain(format!("[{n}]"), None)
                };
                // In a table's cell, the cell's (it went to the paragraph after the
                // table: [1]下一步……).
                if let Some((_, _, Some(cell))) = table.as_mut() {
                    cell.push(mark);
                } else {
                    current
                        .get_or_insert_with(|| (None, Vec::new()))
                        .1
                        .push(mark);
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                outer = Some((label.into_string(), std::mem::take(&mut blocks)));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                if let Some((label, main)) = outer.take() {
                    notes.push((label, std::mem::replace(&mut blocks, main)));
                }
            }
            Event::Start(Tag::Table(aligns)) => {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                let align = aligns
                    .iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::Left => "left",
                        pulldown_cmark::Alignment::Center => "center",
                        pulldown_cmark::Alignment::Right => "right",
                        pulldown_cmark::Alignment::None => "auto",
                    })
                    .collect();
                table = Some((
                    Table {
                        caption: Vec::new(),
                        unit: Vec::new(),
                        align,
                        header: Vec::new(),
                        rows: Vec::new(),
                        header_rows: 0,
                        spans: Vec::new(),
                        notes: Vec::new(),
                        breaks: Vec::new(),
                        stray_marks: Vec::new(),
                    },
                    Vec::new(),
                    None,
                ));
            }
            Event::Start(Tag::TableCell) => {
                if let Some((_, _, cell)) = table.as_mut() {
                    *cell = Some(Vec::new());
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((_, row, cell)) = table.as_mut() {
                    row.push(trim_inlines(cell.take().unwrap_or_default()));
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some((t, row, _)) = table.as_mut() {
                    t.header = std::mem::take(row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some((t, row, _)) = table.as_mut() {
                    // A note typed on the line right under the table (注：…, no empty
                    // line between, as Typora and pandoc users type it), which Markdown
                    // takes for a row of one cell: the table's note, as it is after an
                    // empty line (it was set in the table's first column, QA10), and so
                    // are the lines of one cell after it.
                    let source = text.get(range.clone()).unwrap_or("").trim_start();
                    let cell: String = row
                        .first()
                        .map(|c| c.iter().map(|i| i.text.as_str()).collect())
                        .unwrap_or_default();
                    let unpiped = !source.starts_with('|') && pipe_cells(source) == 1;
                    if unpiped
                        && t.header.len() > 1
                        && (opens_as_table_note(&cell) || !t.notes.is_empty())
                    {
                        if let Some(note) = std::mem::take(row).into_iter().next() {
                            t.notes.push(note);
                        }
                        continue;
                    }
                    // Markdown fills a short row with empty cells at its end and drops
                    // the cells of a long one: a cell forgotten in the middle puts the
                    // figures after it under the wrong heads.
                    let typed = text.get(range.clone()).map_or(row.len(), pipe_cells);
                    let width = t.header.len();
                    if typed != width {
                        let (cells, head) = (typed, width);
                        let message = if typed < width {
                            format!("this table row has {cells} cell(s), its header {head}: it is set with empty cell(s) at its end, and if a cell in the middle is missing, the figures after it stand under the wrong heads; type the missing cell in its place (an empty one as | |) / 此行表格只有 {cells} 格（表头 {head} 格），已在行尾补空格；如缺的是中间的格，其后的数字会错位，请在该处补上")
                        } else {
                            format!("this table row has {cells} cell(s), its header {head}: the last {} are not printed; give the header as many cells, or join the extra ones / 此行表格有 {cells} 格，多于表头的 {head} 格，多出的格不会排出", cells - head)
                        };
                        warnings.push(MdWarning {
                            offset: range.start,
                            message,
                        });
                    }
                    t.rows.push(std::mem::take(row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((mut t, _, _)) = table.take() {
                    t.merge_cells();
                    for &(r, c) in &t.stray_marks {
                        warnings.push(MdWarning {
                            offset: range.start,
                            message: format!(
                                "a merge mark (<< or ^^) in row {} of this table, column {}, merges with no cell (the one it points to is itself merged away): it is left empty; merge the cells in one direction only / 表格第 {} 行第 {} 列的合并标记无法合并，已留空",
                                r + 1,
                                c + 1,
                                r + 1,
                                c + 1
                            ),
                        });
                    }
                    // 表1 … on its own right before the table is its caption.
                    t.unit = take_unit(&mut blocks);
                    if let Some(inlines) = take_caption(&mut blocks) {
                        t.caption = inlines;
                    }
                    blocks.push(Block::Table(t));
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                quote = quote.saturating_sub(1);
            }
            Event::Rule => {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                blocks.push(Block::Divider {
                    inlines: vec![plain(DIVIDER.to_owned(), None)],
                });
            }
            Event::Start(Tag::Image {
                dest_url,
                link_type,
                ..
            }) if table.is_some() => {
                if link_type == LinkType::ShortcutUnknown {
                    target = spaced_target(text, &range).map_or(0..0, |(t, _)| t);
                }
                warnings.push(MdWarning {
                    offset: range.start,
                    message: format!("the image {dest_url} is in a table cell, where photos are not placed; its description prints as text / 表格中的图片不排出，只排出其说明文字"),
                });
            }
            Event::Start(Tag::Image {
                dest_url,
                link_type,
                ..
            }) => {
                if link_type == LinkType::ShortcutUnknown {
                    target = spaced_target(text, &range).map_or(0..0, |(t, _)| t);
                }
                // A photo is a block of its own: the text before it is a paragraph;
                // beside the photo before it when only spaces came between them.
                let beside = row_open
                    && current
                        .as_ref()
                        .is_none_or(|(_, inl)| inl.iter().all(|i| i.text.trim().is_empty()));
                // (Not in a note: a note holds no photo.)
                photo_inside = !beside
                    && outer.is_none()
                    && in_a_sentence(text, &range, current.as_ref().map(|c| &c.1));
                if !photo_inside {
                    flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                }
                photo = Some(Photo {
                    src: dest_url.into_string(),
                    data: None,
                    offset: range.start,
                    want: None,
                    beside,
                    caption: Vec::new(),
                    row_caption: false,
                    full_size: false,
                    hold: None,
                    file: String::new(),
                    width: 0.0,
                    height: 0.0,
                });
            }
            Event::End(TagEnd::Image) => {
                if let Some(mut p) = photo.take() {
                    p.caption = trim_inlines(std::mem::take(&mut p.caption));
                    if outer.is_some() {
                        warnings.push(MdWarning {
                            offset: p.offset,
                            message: format!(
                                "the photo {} is in a note, where photos are not placed: only its description prints; place it in the text / 脚注中的图片不排出，请把图片放在正文中",
                                p.src
                            ),
                        });
                    }
                    if std::mem::take(&mut photo_inside) {
                        warnings.push(MdWarning {
                            offset: p.offset,
                            message: format!(
                                "the photo {} stands inside a sentence: it is set after the paragraph that holds it, so that the sentence stays whole; put it on a line of its own where it should stand / 图片位于句子中间，已移到所在段落之后，以免断句；请把图片单独放一行",
                                p.src
                            ),
                        });
                        inside.push(p);
                        after_photo = true;
                        continue;
                    }
                    blocks.push(Block::Image(p));
                    after_photo = true;
                    row_open = true;
                    continue;
                }
            }
            Event::Text(t) if was_after_photo && t.trim_start().starts_with('{') => {
                let t = t.trim_start();
                let (attr, rest) = t.split_at(t.find('}').map_or(t.len(), |i| i + 1));
                let last = match inside.last_mut() {
                    Some(p) => Some(p),
                    None => match blocks.last_mut() {
                        Some(Block::Image(p)) => Some(p),
                        _ => None,
                    },
                };
                match (parse_width(attr), last) {
                    (Ok(w), Some(p)) => p.want = w,
                    (Err(msg), _) => warnings.push(MdWarning {
                        offset: range.start,
                        message: msg,
                    }),
                    _ => {}
                }
                let rest = rest.trim_start();
                if !rest.is_empty() {
                    current
                        .get_or_insert_with(|| (None, Vec::new()))
                        .1
                        .push(plain(rest.to_owned(), None));
                }
                continue;
            }
            Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item) => {
                row_open = false;
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                blocks.extend(inside.drain(..).map(Block::Image));
            }
            // Printed as their text, said: a bulletin prints no web link and no
            // strike-through, and the address or the struck words would otherwise go
            // unnoticed.
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if !dest_url.is_empty()
                && !matches!(
                    link_type,
                    pulldown_cmark::LinkType::Autolink | pulldown_cmark::LinkType::Email
                ) =>
            {
                warnings.push(MdWarning {
                    offset: range.start,
                    message: format!(
                        "a link prints its text only; its address {dest_url} is not printed: write the address into the text if readers need it / 链接只排出文字，网址不排出"
                    ),
                });
            }
            Event::Start(Tag::Strikethrough) => warnings.push(MdWarning {
                offset: range.start,
                message: "struck-through text (~~…~~) prints as plain text: delete it if it is meant to go / 删除线文字按普通文字排出".into(),
            }),
            Event::Start(Tag::Superscript) => script = Some(Script::Sup),
            Event::Start(Tag::Subscript) => script = Some(Script::Sub),
            Event::End(TagEnd::Superscript | TagEnd::Subscript) => script = None,
            Event::Start(Tag::Strong) => {
                strong += 1;
                warnings.extend(hidden_markup(text, &range));
            }
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => {
                emph += 1;
                warnings.extend(hidden_markup(text, &range));
            }
            Event::End(TagEnd::Emphasis) => emph = emph.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => {
                // (An escaped `\*` is text, but not verbatim: its `*` is not markup
                // left as text, to be paired by `emph_left_as_text`.)
                let escaped = t.starts_with('*') && text[..range.start].ends_with('\\');
                let src = (text.get(range.clone()) == Some(&*t) && !escaped).then_some(range);
                if let Some(p) = photo.as_mut() {
                    p.caption.push(Inline {
                        text: t.into_string(),
                        strong: strong > 0,
                        emph: emph > 0,
                        sup: script == Some(Script::Sup),
                        sub: script == Some(Script::Sub),
                        src,
                    });
                    continue;
                }
                let inline = Inline {
                    text: t.to_string(),
                    strong: strong > 0,
                    emph: emph > 0,
                    sup: script == Some(Script::Sup),
                    sub: script == Some(Script::Sub),
                    src: src.clone(),
                };
                if let Some((_, _, Some(cell))) = table.as_mut() {
                    cell.push(inline);
                    continue;
                }
                let cur = current.get_or_insert_with(|| (None, Vec::new()));
                cur.1.push(Inline {
                    text: t.into_string(),
                    strong: strong > 0,
                    emph: emph > 0,
                    sup: script == Some(Script::Sup),
                    sub: script == Some(Script::Sub),
                    src,
                });
            }
            // A line break inside a Chinese paragraph joins without a space, except
            // before an item the author numbered on a line of its own after the last
            // one ended (…；⏎2．…): a new paragraph, as it was typed.
            Event::SoftBreak
                if quote == 0
                    && table.is_none()
                    && matches!(current, Some((None, _)))
                    && numbered_item_follows(text, range.clone()) =>
            {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                current = Some((None, Vec::new()));
            }
            // A quotation's source on its own line right under it (`> ——县政协原副主席
            // 王某`, as the README shows it, with no empty `>` line between): its own
            // paragraph, set at the right; joined, it ran on after the quotation.
            Event::SoftBreak
                if quote > 0
                    && table.is_none()
                    && matches!(current, Some((None, _)))
                    && text[range.end..]
                        .trim_start_matches(['>', ' ', '\t', '\u{3000}'])
                        .starts_with("——") =>
            {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                current = Some((None, Vec::new()));
            }
            // The text's next paragraph typed on the line under a quotation's source,
            // with no empty line and no `>` (CommonMark takes it on, lazily, into the
            // source): it printed as the source, at the right (QA16 I 03). A paragraph
            // after the quotation.
            Event::SoftBreak
                if quote > 0
                    && table.is_none()
                    && matches!(&current, Some((None, inlines)) if inlines
                        .iter()
                        .map(|i| i.text.as_str())
                        .collect::<String>()
                        .trim_start()
                        .starts_with("——"))
                    && !text[range.end..]
                        .trim_start_matches([' ', '\t', '\u{3000}'])
                        .starts_with('>') =>
            {
                flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
                after_source.push(blocks.len());
                current = Some((None, Vec::new()));
            }
            // Between two Latin words (Introduction to⏎Algorithms, Thomas H.⏎Cormen) a
            // line break is the space it stands for; beside Chinese it is nothing.
            // A 落款 typed on lines of its own under the text with no empty line before
            // it (江岭市安全生产委员会办公室⏎2026年3月19日): its lines stay lines, for
            // `mark_closing` to set at the right; joined, it printed as one line of
            // text (QA2 01, 02, 03, 08, 09).
            Event::SoftBreak
                if quote == 0
                    && table.is_none()
                    && matches!(current, Some((None, _)))
                    && closing_follows(text, range.clone()) =>
            {
                line_break(&mut photo, &mut table, &mut current, "\n", true);
            }
            Event::SoftBreak if latin_on_both_sides(text, range.clone()) => {
                line_break(&mut photo, &mut table, &mut current, " ", false);
            }
            Event::SoftBreak => {}
            // A line break the author asked for (two spaces or a `\` at the line's
            // end): a new line inside the paragraph, which keeps its indent.
            Event::HardBreak => line_break(&mut photo, &mut table, &mut current, "\n", true),
            _ => {}
        }
    }
    flush(&mut current, &mut blocks, &mut counters, quote, lists.len());
    for k in after_source {
        if let Some(Block::Quote { inlines, .. }) = blocks.get_mut(k) {
            let inlines = std::mem::take(inlines);
            blocks[k] = Block::Paragraph { inlines };
        }
    }
    promote_long_headings(&mut blocks);
    mark_attachments(&mut blocks);
    mark_closing(&mut blocks);
    mark_addressee(&mut blocks);
    mark_salute(&mut blocks);
    mark_labelled_headings(&mut blocks);
    attach_photo_captions(&mut blocks);
    attach_table_notes(&mut blocks);
    warnings.extend(unmatched_notes(text, &note_order, &notes));
    warnings.extend(undouble_heading_numbers(&mut blocks));
    warnings.extend(mixed_heading_numbers(&blocks));
    same_item_numbers(&mut blocks);
    // The notes, at the end of the article in the order of their references: [1] ….
    for (label, _) in &notes {
        note_number(&mut note_order, label);
    }
    for (n, label) in note_order.iter().enumerate() {
        let Some((_, note)) = notes.iter_mut().find(|(l, _)| l == label) else {
            continue;
        };
        for (k, block) in std::mem::take(note).into_iter().enumerate() {
            let Block::Paragraph { mut inlines } = block.into_plain() else {
                continue;
            };
            if k == 0 {
                inlines.insert(0, plain(format!("[{}]", n + 1), None));
            }
            blocks.push(Block::Note { inlines });
        }
    }
    Markdown { blocks, warnings }
}

/// A note's mark with no note (`[^x]` where only `[^1]:` is written: it printed as
/// typed, `[^x]`), and a note no mark refers to (printed as [n] at the article's end,
/// with nothing in the text pointing to it): each said at its place. `marks`: the
/// labels referred to; `notes`: the labels with a note.
/// A divider `---` typed straight under a sentence, with no blank line between: to
/// Markdown the sentence is a heading (a setext heading, underlined), which is never
/// what an editor means by a 40-character sentence ending in 。. Such a line is made
/// the divider `***` (the same bytes long, so places stay), and that is said.
/// A short line over `---` stays the heading Markdown makes it.
fn sentence_underlines(text: &str) -> (String, Vec<MdWarning>) {
    let mut out = text.to_owned();
    let mut warnings = Vec::new();
    let mut offset = 0;
    let mut prev: Option<&str> = None;
    let mut fence = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end();
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
        }
        let underline =
            !fence && lead <= 3 && trimmed.len() >= 3 && trimmed.bytes().all(|b| b == b'-');
        let sentence = prev.is_some_and(|p| {
            let p = p.trim();
            !p.is_empty()
                && !p.starts_with(['#', '|', '>', '-', '*', '+'])
                && (p.ends_with(['。', '！', '？', '；', '…', '”', '）', '.', '!', '?', ';'])
                    || p.chars().count() > 30)
        });
        if underline && sentence {
            let at = offset + lead;
            out.replace_range(at..at + trimmed.len(), &"*".repeat(trimmed.len()));
            warnings.push(MdWarning {
                offset: at,
                message: "`---` straight under a sentence would make the sentence a heading in Markdown; it is set as a paragraph and a divider under it: leave a blank line before `---` to say so / `---` 紧接在句子下一行会把该句变成标题，已按段落加分隔线排出；请在 `---` 前空一行".into(),
            });
        }
        prev = (!fence).then_some(line);
        offset += line.len();
    }
    (out, warnings)
}

fn unmatched_notes(text: &str, marks: &[String], notes: &[(String, Vec<Block>)]) -> Vec<MdWarning> {
    let mut out = Vec::new();
    let noted = |l: &str| notes.iter().any(|(n, _)| n == l);
    let mut defined: Vec<&str> = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("[^").map(|i| from + i) {
        from = at + 2;
        let Some(len) = text[from..].find(']') else {
            break;
        };
        let label = &text[from..from + len];
        if label.is_empty() || label.contains(char::is_whitespace) {
            continue;
        }
        let definition = text[from + len + 1..].starts_with(':');
        // A note defined again (copied between drafts): only the first prints.
        if definition && defined.contains(&label) {
            out.push(MdWarning {
                offset: at,
                message: format!("the note [^{label}] is defined twice: this second text is not printed; give it a label of its own ([^{label}b]) and a mark in the text, or delete it / 脚注 [^{label}] 重复定义，此处的注释不排出：请改用新标记并在正文中引用，或删去"),
            });
            from += len;
            continue;
        }
        if definition {
            defined.push(label);
        }
        if !definition && !noted(label) {
            out.push(MdWarning {
                offset: at,
                message: format!("a note's mark [^{label}] has no note (`[^{label}]: …` under the text); write its note, or correct the label / 脚注标记 [^{label}] 没有对应的注释：请补写注释或核对标记"),
            });
        } else if definition && !marks.iter().any(|m| m == label) {
            out.push(MdWarning {
                offset: at,
                message: format!("the note [^{label}] is not referred to in the text: it prints at the article's end with a number no mark points to; put [^{label}] where it belongs in the text, or delete the note / 脚注 [^{label}] 在正文中没有引用：请在正文相应位置加 [^{label}]，或删去该注"),
            });
        }
        from += len;
    }
    out
}

/// Whether a piece of HTML is a comment (`<!-- 此处待核实 -->`), which prints nothing.
fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// Whether inline HTML is a line break: `<br>`, `<br/>`, `<br />`, in any case.
fn is_br(html: &str) -> bool {
    let t = html.trim().to_ascii_lowercase();
    matches!(t.as_str(), "<br>" | "<br/>" | "<br />")
}

/// The fallback for a photo whose file name has spaces (`![签约仪式](IMG 2034.jpg)`, as
/// offices name photos): CommonMark takes no space in a link's target unless it is
/// written `<IMG 2034.jpg>`, so pulldown-cmark reads `![签约仪式]` as a reference
/// without a definition and asks here; the `(…)` right after it on its line names the
/// file. Anything else (a `[1]` in the text) stays as it is.
fn spaced_photo<'a>(
    text: &'a str,
) -> impl FnMut(BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
    move |link: BrokenLink<'a>| {
        let (_, file) = spaced_target(text, &link.span)?;
        Some((CowStr::Borrowed(file), CowStr::Borrowed("")))
    }
}

/// Every `![](a name with spaces.jpg)` in a text: its range and the name.
fn bare_spaced_photos(text: &str) -> Vec<(Range<usize>, &str)> {
    text.match_indices("![](")
        .filter_map(|(at, _)| {
            let (target, name) = spaced_target(text, &(at..at + 3))?;
            Some((at..target.end, name))
        })
        .collect()
}

/// For an image `![…]` at `label` followed by `(a name with spaces)` on the same line:
/// the range of that `(…)` and the name in it (a `"title"` after it left out).
fn spaced_target<'a>(text: &'a str, label: &Range<usize>) -> Option<(Range<usize>, &'a str)> {
    if !text.get(label.clone())?.starts_with("![") {
        return None;
    }
    let rest = text[label.end..].strip_prefix('(')?;
    let mut depth = 1;
    let close = rest.char_indices().find_map(|(i, c)| {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        (depth == 0 || c == '\n').then_some((i, c))
    });
    let Some((close, ')')) = close else {
        return None;
    };
    let inner = rest[..close].trim();
    // `name with spaces.jpg "标题"`: the title is not the name.
    let name = match inner
        .strip_suffix('"')
        .and_then(|s| s.rfind(" \"").map(|i| &s[..i]))
    {
        Some(name) => name.trim_end(),
        None => inner,
    };
    if !name.contains([' ', '\t']) || name.starts_with('<') {
        return None;
    }
    Some((label.end..label.end + close + 2, name))
}

/// Where the row of photos side by side that the block at `i` opens ends (exclusive):
/// the photos `beside` it after it; `i + 1` for a photo alone or any other block.
pub(crate) fn row_end(blocks: &[Block], i: usize) -> usize {
    let mut j = i + 1;
    if matches!(blocks.get(i), Some(Block::Image(_))) {
        while matches!(blocks.get(j), Some(Block::Image(p)) if p.beside) {
            j += 1;
        }
    }
    j
}

/// Gives a photo without a caption the caption written as a paragraph of its own next
/// to it, as Word files and pasted texts have it: `图为……`, `▲……`, `图1 ……` right after
/// the photo, or else right before it. The photo floats to the top of a page; a
/// caption left in the text would stay behind, far from it.
///
/// Photos side by side (a row) with no description of their own take such a paragraph
/// as the row's caption, under the whole row (`row_caption` on its first photo).
fn attach_photo_captions(blocks: &mut Vec<Block>) {
    let mut i = 0;
    while i < blocks.len() {
        if !matches!(&blocks[i], Block::Image(_)) {
            i += 1;
            continue;
        }
        // The row the photo opens (itself alone, mostly).
        let j = row_end(blocks, i);
        let described = blocks[i..j]
            .iter()
            .any(|b| matches!(b, Block::Image(p) if !p.caption.is_empty()));
        if described {
            i = j;
            continue;
        }
        // A caption centred under its photo too, as WPS users set one (it printed as a
        // centred line of the body's size, QA6).
        let is_caption = |b: Option<&Block>| matches!(b, Some(Block::Paragraph { inlines } | Block::Centered { inlines }) if is_photo_caption(inlines));
        let from = if is_caption(blocks.get(j)) {
            Some(j)
        } else if i > 0 && is_caption(blocks.get(i - 1)) {
            Some(i - 1)
        } else {
            None
        };
        let len = j - i;
        if let Some(k) = from
            && let Block::Paragraph { inlines } | Block::Centered { inlines } = blocks.remove(k)
        {
            let at = if k < i { i - 1 } else { i };
            if let Block::Image(photo) = &mut blocks[at] {
                photo.caption = inlines;
                photo.row_caption = len > 1;
            }
            i = at;
        }
        i += len;
    }
}

/// Gives a table the notes under it: the paragraphs right after it that open as a
/// table's notes do (`注：`, `注1：`, `说明：`, `数据来源：`, `资料来源：`), short. Set as
/// body text they went to the next page, away from the table, in the body's size.
fn attach_table_notes(blocks: &mut Vec<Block>) {
    let is_note = |b: &Block| match b {
        Block::Paragraph { inlines } => {
            let t: String = inlines.iter().map(|i| i.text.as_str()).collect();
            opens_as_table_note(&t)
        }
        _ => false,
    };
    // A note's next item (注：1．…⏎2．…), and a 数据来源 after it: the notes go on.
    let is_next_item = |b: &Block| match b {
        Block::Paragraph { inlines } => {
            let t: String = inlines.iter().map(|i| i.text.as_str()).collect();
            let t = t.trim();
            let digits =
                t.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
            let numbered = (digits.len() < t.len() && digits.starts_with(['．', '.', '、']))
                || t.starts_with(|c: char| ('①'..='⑳').contains(&c))
                || t.strip_prefix(['（', '(']).is_some_and(|r| {
                    let after = r.trim_start_matches(|c: char| c.is_ascii_digit());
                    after.len() < r.len() && after.starts_with(['）', ')'])
                });
            numbered && t.chars().count() <= 300
        }
        _ => false,
    };
    let mut i = 0;
    while i < blocks.len() {
        if matches!(blocks[i], Block::Table(_)) {
            while i + 1 < blocks.len()
                && (is_note(&blocks[i + 1])
                    || matches!(&blocks[i], Block::Table(t) if !t.notes.is_empty())
                        && is_next_item(&blocks[i + 1]))
            {
                if let Block::Paragraph { inlines } = blocks.remove(i + 1)
                    && let Block::Table(t) = &mut blocks[i]
                {
                    t.notes.push(inlines);
                }
            }
        }
        i += 1;
    }
}

/// Whether a text opens as a table's note does ([`is_note_line`]), and is short.
fn opens_as_table_note(text: &str) -> bool {
    is_note_line(text) && text.trim().chars().count() <= 300
}

/// Whether a paragraph is a photo's caption: short, opening as captions do (图为 ▲ △
/// 上图 下图 图： 图1).
pub(crate) fn is_photo_caption(inlines: &[Inline]) -> bool {
    let text: String = inlines.iter().map(|i| i.text.as_str()).collect();
    let t = text.trim();
    let numbered = t.strip_prefix('图').is_some_and(|rest| {
        rest.trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "０１２３４５６７８９".contains(c))
    });
    // ▲安平县：19日5:20，… is an item of a 简讯 (a place or a unit, a colon, its news),
    // not a caption: it was said to be one, with advice to delete it (QA12 A 05).
    let item = t
        .strip_prefix(['▲', '△'])
        .and_then(|rest| rest.split_once(['：', ':']))
        .is_some_and(|(label, news)| {
            (1..=12).contains(&label.trim().chars().count())
                && !label.trim_start().starts_with('图')
                && !news.trim().is_empty()
        });
    t.chars().count() <= 60
        && !item
        && (numbered
            || ["图为", "▲", "△", "上图", "下图", "图：", "图:"]
                .iter()
                .any(|p| t.starts_with(p)))
}

/// Whether a line is a WeChat post's or a web page's furniture pasted with its text
/// (said by `model::post_credits_note`, never a heading): its credits, source, counts
/// and 分享到, and the 公众号's own head and tail lines (点击上方蓝字关注我们, 图片 where a
/// photo stood, 图片来源：网络, END, 往期推荐, 阅读原文: two printed as 黑体 headings,
/// QA12 B 10).
pub(crate) fn is_post_furniture(t: &str) -> bool {
    const LABELS: [&str; 26] = [
        "来源",
        "发布时间",
        "发布日期",
        "发布者",
        "浏览次数",
        "浏览量",
        "点击数",
        "点击量",
        "阅读量",
        "作者",
        "编辑",
        "责任编辑",
        "责编",
        "审核",
        "审校",
        "校对",
        "初审",
        "复审",
        "终审",
        "排版",
        "摄影",
        "文字",
        "图片",
        "供图",
        "美编",
        "监制",
    ];
    let t = t.trim();
    let inner = t
        .strip_prefix(['（', '('])
        .and_then(|x| x.strip_suffix(['）', ')']))
        .unwrap_or(t)
        .trim();
    if inner.chars().count() > 60 {
        return false;
    }
    let follow = |w: &str| {
        inner.contains(w)
            && ["关注", "在看", "分享", "点赞"]
                .iter()
                .any(|a| inner.contains(a))
    };
    // A government site's: its breadcrumb (首页 > 党建工作 > 基层动态, 当前位置：…),
    // 【字体：大 中 小】 and 【打印本页】【关闭窗口】 (QA14 E 08).
    let squashed: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
    let crumbs = ["首页", "当前位置", "您现在的位置", "您的位置", "现在位置"]
        .iter()
        .any(|w| squashed.starts_with(w))
        && squashed.contains(['>', '＞', '»', '›', '→']);
    let buttons = squashed
        .trim_start_matches(['【', '[', '〔'])
        .trim_end_matches(['】', ']', '〕'])
        .split(|c| "【】[]〔〕".contains(c))
        .filter(|b| !b.is_empty())
        .all(|b| {
            matches!(
                b,
                "打印"
                    | "打印本页"
                    | "打印此页"
                    | "关闭"
                    | "关闭窗口"
                    | "关闭本页"
                    | "收藏"
                    | "返回顶部"
                    | "纠错"
            ) || (b.starts_with("字体") || b.starts_with("字号"))
                && b.contains('大')
                && b.contains('小')
        })
        && squashed.starts_with(['【', '[', '〔']);
    if crumbs || buttons {
        return true;
    }
    if matches!(
        inner,
        "图片" | "END" | "End" | "end" | "往期推荐" | "往期回顾" | "推荐阅读" | "阅读原文"
    ) || inner.starts_with("图片来源")
        || inner.contains("侵删")
        || follow("点击")
        || follow("长按")
        || follow("扫码")
        || follow("点个")
    {
        return true;
    }
    // The labels before a colon, each the word the colon ends.
    let labels: Vec<&str> = inner
        .match_indices(['：', ':'])
        .map(|(i, _)| {
            let before = &inner[..i];
            let from = before
                .rfind(|c: char| c.is_whitespace() || "（(|｜".contains(c))
                .map_or(0, |k| {
                    k + before[k..].chars().next().map_or(1, char::len_utf8)
                });
            &before[from..]
        })
        .filter(|l| LABELS.contains(l))
        .collect();
    let after = |label: &str| {
        inner
            .split_once(['：', ':'])
            .filter(|(l, _)| *l == label)
            .map(|(_, rest)| rest.trim())
    };
    // A source that is a post, or a web page's with the time it was put up
    // (来源：国家统计局网站　2026-11-15 10:00).
    let from_post = after("来源").is_some_and(|from| {
        ["公众号", "微信", "视频号", "头条号", "抖音"]
            .iter()
            .any(|w| from.contains(w))
            || from.split_whitespace().skip(1).any(|w| {
                w.len() >= 8
                    && w.chars().all(|c| c.is_ascii_digit() || "-/.:".contains(c))
                    && w.chars().filter(char::is_ascii_digit).count() >= 6
            })
    });
    let editor = matches!(labels.as_slice(), [l] if l.starts_with(['编', '责', '审']))
        && inner
            .split_once(['：', ':'])
            .is_some_and(|(l, name)| LABELS.contains(&l) && !name.trim().is_empty());
    let count = |w: &str| {
        inner.strip_prefix(w).is_some_and(|n| {
            let n = n.trim_start_matches(['：', ':', ' ']).trim();
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || ",万+.".contains(c))
        })
    };
    labels.len() >= 2
        || from_post
        || editor
        || inner.starts_with("分享到")
        || inner.starts_with("分享至")
        || count("阅读")
        || count("浏览")
        || counts(inner)
        || (inner.starts_with("原创") && inner.contains("发表于"))
}

/// A post's counts on one line: `阅读 2031　　在看 56`, `阅读10万+ 点赞 88` (each a
/// label and its number; two or more).
fn counts(t: &str) -> bool {
    const LABELS: [&str; 7] = ["阅读", "在看", "点赞", "浏览", "分享", "收藏", "赞"];
    let mut rest: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let mut n = 0;
    while let Some(label) = LABELS.iter().find(|l| rest.starts_with(**l)) {
        let after = rest[label.len()..].trim_start_matches(['：', ':']);
        let digits = after
            .find(|c: char| !(c.is_ascii_digit() || ",万+.".contains(c)))
            .unwrap_or(after.len());
        if digits == 0 {
            return false;
        }
        rest = after[digits..].to_owned();
        n += 1;
    }
    n >= 2 && rest.is_empty()
}

/// In a Markdown file, the lines that end a sentence and run on into the next line's
/// paragraph, as Markdown joins lines with no empty line between them (text pasted from
/// a 公众号 or WPS: five paragraphs printed as one, 图片 glued into a sentence, QA12 B 14):
/// the first's line (from 1) and how many. Not in code, nor beside a heading, a list, a
/// table or a numbered line (which stays a paragraph of its own), nor a quotation's
/// line beside another's; but two of one quotation are.
pub(crate) fn sentence_lines_joined(source: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    let structure = |l: &str| {
        let l = l.trim_start();
        l.is_empty()
            || l.starts_with(['#', '>', '|', '-', '*', '+', '<', '!', '[', '`', '~'])
            || opens_with_item_number(l)
            // A table's notes (注：…。⏎数据来源：…), each read as a note of its own.
            || is_note_line(l)
    };
    let mut fence = false;
    let mut found = (0, 0);
    // Two lines of one quotation run on too (a poem typed a verse a line after `>`
    // was one paragraph, unsaid, QA18 N 06): their text after the `>`.
    fn quoted(l: &str) -> Option<&str> {
        l.trim_start()
            .strip_prefix('>')
            .map(str::trim_start)
            .filter(|t| !t.is_empty() && !t.starts_with('>'))
    }
    for (i, w) in lines.windows(2).enumerate() {
        let (line, next, quote) = match (quoted(w[0]), quoted(w[1])) {
            (Some(line), Some(next)) => (line.trim_end(), next, true),
            _ => (w[0].trim_end(), w[1], false),
        };
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fence = !fence;
        }
        if fence
            || (!quote && (structure(line) || structure(next)))
            || w[0].ends_with("  ")
            || line.ends_with('\\')
        {
            continue;
        }
        let ends = line
            .trim_end_matches(['”', '’', '）', '」', '』'])
            .ends_with(['。', '！', '？']);
        let opens = next
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| crate::proofread::punctuation::is_han(c) || "“「（《".contains(c));
        if ends && opens {
            if found.1 == 0 {
                found.0 = i + 1;
            }
            found.1 += 1;
        }
    }
    (found.1 > 0).then_some(found)
}

/// The cells a Markdown table row is typed with: its `|`s (not escaped, not in code),
/// less the ones at its ends.
fn pipe_cells(row: &str) -> usize {
    let row = row.trim();
    let (mut pipes, mut code, mut escaped) = (Vec::new(), false, false);
    for (i, c) in row.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '`' => code = !code,
            '|' if !code => pipes.push(i),
            _ => {}
        }
    }
    let leading = pipes.first() == Some(&0);
    let trailing = pipes.last().is_some_and(|&i| i + 1 == row.len()) && row.len() > 1;
    (pipes.len() + 1).saturating_sub(usize::from(leading) + usize::from(trailing))
}

/// The paragraph just read, taken as the caption of the table that follows it when it
/// is one ([`is_table_caption`]).
fn take_caption(blocks: &mut Vec<Block>) -> Option<Vec<Inline>> {
    match blocks.last() {
        Some(Block::Paragraph { inlines }) if is_table_caption(inlines) => match blocks.pop() {
            Some(Block::Paragraph { inlines }) => Some(inlines),
            _ => None,
        },
        _ => None,
    }
}

/// The paragraph just read, taken as the line of the unit of the table that follows it
/// when it is one: 单位：万元, 计量单位：吨, （金额单位：元）, short.
fn take_unit(blocks: &mut Vec<Block>) -> Vec<Inline> {
    let is_unit = |inlines: &[Inline]| {
        let text: String = inlines.iter().map(|i| i.text.as_str()).collect();
        let t = text
            .trim()
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')']);
        let rest = ["单位", "计量单位", "金额单位", "数量单位", "货币单位"]
            .iter()
            .find_map(|w| t.strip_prefix(w));
        rest.is_some_and(|r| {
            r.starts_with(['：', ':'])
                && (2..=16).contains(&r.chars().count())
                && !r.contains(['。', '，'])
        })
    };
    match blocks.last() {
        Some(Block::Paragraph { inlines }) if is_unit(inlines) => match blocks.pop() {
            Some(Block::Paragraph { inlines }) => trim_inlines(inlines),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Whether a paragraph is a table's caption: opening with 表 and a number (表1 表 2
/// 表一 表３), not a sentence, and as long as a caption with its bracketed note may run
/// (表4 重点企业执法检查情况一览表（2026年11月20日至28日，按检查先后顺序排列）, r23 F21):
/// a paragraph right before a table, which is where this is asked.
fn is_table_caption(inlines: &[Inline]) -> bool {
    let text: String = inlines.iter().map(|i| i.text.as_str()).collect();
    reads_as_table_caption(&text)
}

/// [`is_table_caption`] for a paragraph's text (a Word file's, before it is read: a
/// table's caption under a photo is not the photo's, QA18 M 01).
pub(crate) fn reads_as_table_caption(text: &str) -> bool {
    /// Two lines of a caption's size at the most.
    const MAX_TABLE_CAPTION: usize = 70;
    let t = text.trim();
    // 表1 …, 表一 …; an appended table also 附表 … (附表 各社区受灾情况统计表).
    let (rest, appended) = match t.strip_prefix("附表") {
        Some(rest) => (rest, true),
        None => match t.strip_prefix('表') {
            Some(rest) => (rest, false),
            None => return false,
        },
    };
    let numbered = rest.trim_start().chars().next().is_some_and(|c| {
        c.is_ascii_digit() || c.is_numeric() || "一二三四五六七八九十".contains(c)
    });
    let named = appended && rest.starts_with([' ', '\u{3000}', '\t', '：', ':']);
    t.chars().count() <= MAX_TABLE_CAPTION
        && (numbered || named)
        && !t.ends_with(['。', '；', '：', '，'])
}

/// The width of a photo as given right after it: `{width=60%}`, a share of the text
/// block's width (pandoc's attribute syntax).
fn parse_width(attr: &str) -> Result<Option<f64>, String> {
    let inner = attr.trim_start_matches('{').trim_end_matches('}').trim();
    let bad = || {
        format!(
            "`{attr}` after the image is not a width: write {{width=60%}} (of the text width) / 图片宽度请写成 {{width=60%}}"
        )
    };
    let Some(v) = inner.strip_prefix("width=") else {
        return Err(bad());
    };
    let pct: f64 = v
        .trim()
        .strip_suffix(['%', '％'])
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(bad)?;
    if !(5.0..=100.0).contains(&pct) {
        return Err(format!(
            "{{width={pct}%}}: a photo's width is 5 % to 100 % of the text width / 图片宽度应为正文宽度的 5%～100%"
        ));
    }
    Ok(Some(pct / 100.0))
}

/// HTML without its tags and comments: `<div>会议纪要</div>` → `会议纪要`. Borrowed
/// when there was nothing to remove.
/// A table written in HTML (`<table><tr><td>…`): its rows, the first its header, each
/// cell's text without its tags, a cell across columns or rows (colspan, rowspan)
/// merged, its <caption> its caption; none when the block holds no table of two rows
/// or more.
fn html_table(html: &str) -> Option<Table> {
    let lower = html.to_ascii_lowercase();
    if !lower.contains("<table") {
        return None;
    }
    // Each `<{tag} …>…</{tag}>` between `from` and `to`: its attributes and its body,
    // in `lower`'s offsets.
    let parts = |from: usize, to: usize, tags: &[&str]| -> Vec<(Range<usize>, Range<usize>)> {
        let mut out = Vec::new();
        let mut at = from;
        while at < to {
            let next = tags
                .iter()
                .filter_map(|t| lower[at..to].find(&format!("<{t}")).map(|i| (at + i, *t)))
                .filter(|&(i, t)| {
                    // `<th` is not `<thead`.
                    lower[i + 1 + t.len()..].starts_with(['>', ' ', '\t', '\n', '/'])
                })
                .min();
            let Some((open, tag)) = next else { break };
            let Some(body) = lower[open..to].find('>').map(|i| open + i + 1) else {
                break;
            };
            let end = lower[body..to]
                .find(&format!("</{tag}"))
                .map_or(to, |i| body + i);
            out.push((open..body, body..end));
            at = end.max(body);
        }
        out
    };
    // rowspan="2", colspan=3: 1 when absent.
    let span = |attrs: &str, name: &str| -> usize {
        html_attr(attrs, name)
            .and_then(|v| {
                let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
                digits.parse().ok()
            })
            .unwrap_or(1)
            .clamp(1, 50)
    };
    let decode = |s: &str| {
        strip_tags(s)
            .replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // The cells on a grid: a merged cell's text at its place, the places it covers
    // marked as a pipe table marks them (<< the one to the left, ^^ the one above),
    // for `merge_cells` to read.
    let mut grid: Vec<Vec<Option<Vec<Inline>>>> = Vec::new();
    let mark = |s: &str| Some(vec![plain(s.to_owned(), None)]);
    // The rows read (a row a cell spans down into may be on the grid already).
    let mut r = 0;
    for (_, row) in parts(0, lower.len(), &["tr"]) {
        let cells = parts(row.start, row.end, &["td", "th"]);
        if cells.is_empty() {
            continue;
        }
        if grid.len() <= r {
            grid.push(Vec::new());
        }
        let mut c = 0;
        for (attrs, body) in cells {
            while grid[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            let (cols, rows) = (
                span(&lower[attrs.clone()], "colspan"),
                span(&lower[attrs], "rowspan"),
            );
            let t = decode(&html[body]);
            for dr in 0..rows {
                while grid.len() <= r + dr {
                    grid.push(Vec::new());
                }
                for dc in 0..cols {
                    let row = &mut grid[r + dr];
                    if row.len() <= c + dc {
                        row.resize(c + dc + 1, None);
                    }
                    row[c + dc] = match (dr, dc) {
                        (0, 0) if t.is_empty() => Some(Vec::new()),
                        (0, 0) => Some(vec![plain(t.clone(), None)]),
                        (0, _) => mark(MERGE_LEFT),
                        _ => mark(MERGE_UP),
                    };
                }
            }
            c += cols;
        }
        r += 1;
    }
    // Not rows a cell spans down into past the last row.
    grid.truncate(r);
    if grid.len() < 2 {
        return None;
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows: Vec<Vec<Vec<Inline>>> = grid
        .into_iter()
        .map(|r| {
            let mut r: Vec<Vec<Inline>> = r.into_iter().map(Option::unwrap_or_default).collect();
            r.resize(width, Vec::new());
            r
        })
        .collect();
    let header = rows.remove(0);
    // Its <caption>, over it as a 表1 … line is.
    let caption = parts(0, lower.len(), &["caption"])
        .first()
        .map(|(_, body)| decode(&html[body.clone()]))
        .filter(|c| !c.is_empty())
        .map(|c| vec![plain(c, None)])
        .unwrap_or_default();
    let mut table = Table {
        caption,
        unit: Vec::new(),
        align: vec!["auto"; width],
        header,
        rows,
        header_rows: 0,
        spans: Vec::new(),
        notes: Vec::new(),
        breaks: Vec::new(),
        stray_marks: Vec::new(),
    };
    table.merge_cells();
    Some(table)
}

fn strip_tags(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains('<') {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let comment = after.starts_with("<!--");
        let close = if comment {
            after.find("-->").map(|i| i + 3)
        } else {
            after.find('>').map(|i| i + 1)
        };
        match close {
            Some(c) => rest = &after[c..],
            // A comment never closed hides all after it, as in a browser.
            None if comment => {
                rest = "";
                break;
            }
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn plain(text: String, src: Option<Range<usize>>) -> Inline {
    Inline {
        text,
        strong: false,
        emph: false,
        sup: false,
        sub: false,
        src,
    }
}

/// The Markdown level that stands for 一、: 1, or 2 when the article has no `#`
/// heading but has `##` ones, the common way of keeping `#` for a document's title
/// (blanked when it repeats the article's title) and starting the sections at `##`.
/// Deeper levels alone (`####` for small headings) are a choice of style and stay as
/// written; so do all levels when the article has a heading typed by hand (一、主要做法
/// on a line alone).
fn top_heading_level(text: &str, options: Options) -> u8 {
    let mut top = u8::MAX;
    let mut para: Option<(String, bool)> = None;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => top = top.min(heading_level(level)),
            Event::Start(Tag::Paragraph) => para = Some((String::new(), true)),
            Event::Text(t) => {
                if let Some((s, _)) = para.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some((s, plain)) = para.take()
                    && plain
                    && typed_heading_level(&s).is_some()
                {
                    return 1;
                }
            }
            // Styled or broken text is not a heading typed by hand.
            _ => {
                if let Some((_, plain)) = para.as_mut() {
                    *plain = false;
                }
            }
        }
    }
    if top == 2 { 2 } else { 1 }
}

/// For each of the four levels, whether its Markdown headings are numbered by the
/// author: one opens with a part's number (第三部分, 第一章), or two or more open with
/// 第 and an ordinal (第一代表团, 第二代表团): the author's own order, not the outline's.
/// One ordinal word alone (第四季度重点任务 after 前三季度工作成效) is a heading's words.
fn self_numbered_levels(text: &str, options: Options, top: u8) -> [bool; 4] {
    let mut found = [false; 4];
    let mut ordinals = [0usize; 4];
    // The values of the numbers typed at each level (一、 二、 （三） 4.), in order, and
    // whether a heading of the level has none.
    let mut typed: [Vec<u64>; 4] = Default::default();
    let mut bare = [false; 4];
    let mut heading: Option<(usize, String)> = None;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = (heading_level(level) + 1).saturating_sub(top).clamp(1, 4);
                heading = Some((usize::from(level - 1), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, s)) = heading.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((i, s)) = heading.take() {
                    let s = s.trim_start();
                    found[i] |= s.starts_with('第') && starts_with_number(s);
                    if s.strip_prefix('第').is_some_and(|r| {
                        r.starts_with(|c: char| cn_numeral(c) || c.is_ascii_digit())
                    }) {
                        ordinals[i] += 1;
                    }
                    match typed_value(s) {
                        Some(v) if starts_with_number(s) => typed[i].push(v),
                        _ => bare[i] = true,
                    }
                }
            }
            _ => {}
        }
    }
    for (f, n) in found.iter_mut().zip(ordinals) {
        *f |= n >= 2;
    }
    // Typed numbers that count 1, 2, 3 by themselves, with headings of no number among
    // them (a 结束语, a 附件 left unnumbered, as a Word list with its numbering switched
    // off there shows them): the others are not numbered, nor counted. Numbered by the
    // layout and counted with the typed ones, 结束语 printed 二、 before the typed 二、
    // (QA13 B 11).
    for ((f, t), b) in found.iter_mut().zip(&typed).zip(bare) {
        *f |= b && t.len() >= 2 && t.iter().zip(1u64..).all(|(v, k)| *v == k);
    }
    found
}

/// The value of a heading's typed number: 三、 （一） 2、 4. 1　 → 3 1 2 4 1.
fn typed_value(s: &str) -> Option<u64> {
    let s = s.trim_start_matches(['（', '(']);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let numeral: String = s.chars().take_while(|&c| cn_numeral(c)).collect();
    crate::model::numerals::parse_chinese_number(&numeral)
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Whether an HTML block is one centred line: `<center>…</center>`, `<p align="center">
/// …</p>`, `<div align="center">…</div>` or the same with `style="text-align:center"`.
fn is_centred_html(raw: &str) -> bool {
    let t = raw.trim().to_ascii_lowercase();
    let Some(open_end) = t.find('>') else {
        return false;
    };
    let open: String = t[..open_end]
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
        .collect();
    let close = match open.as_str() {
        "<center" => "</center>",
        "<palign=center" | "<pstyle=text-align:center" | "<pstyle=text-align:center;" => "</p>",
        "<divalign=center" | "<divstyle=text-align:center" | "<divstyle=text-align:center;" => {
            "</div>"
        }
        _ => return false,
    };
    t.ends_with(close) && !t[open_end..].contains('\n')
}

/// Super- or subscript text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Script {
    Sup,
    Sub,
}

/// A text's pieces (byte ranges), each with the script it is set in: Pandoc's
/// `H~2~O` and `10^3^` (as Typora writes them) give `2` lowered and `3` raised. Only a
/// short run of letters and figures (1–6, `+` and `-` too) between single marks, right
/// after a letter, a figure or `)`, is taken: a range typed with ~ (9:00~17:00，
/// 周六9:00~12:00, 3~5℃) and `x^2 + y^2` stay text, their marks kept.
fn pandoc_scripts(t: &str) -> Vec<(Range<usize>, Option<Script>)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        let mark = b[i];
        let script = match mark {
            b'~' => Script::Sub,
            b'^' => Script::Sup,
            _ => {
                i += 1;
                continue;
            }
        };
        let after_word = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b')');
        let len = b[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-'))
            .count();
        let close = i + 1 + len;
        if after_word
            && (1..=6).contains(&len)
            && b.get(close) == Some(&mark)
            && b.get(close + 1) != Some(&mark)
        {
            if from < i {
                out.push((from..i, None));
            }
            out.push((i + 1..close, Some(script)));
            from = close + 1;
            i = close + 1;
        } else {
            i += 1;
        }
    }
    if from < b.len() {
        out.push((from..b.len(), None));
    }
    out
}

/// An inline HTML tag that opens (`Some(Some(_))`) or closes (`Some(None)`) super- or
/// subscript text; None for any other tag.
fn script_tag(tag: &str) -> Option<Option<Script>> {
    match tag.trim().to_ascii_lowercase().as_str() {
        "<sup>" => Some(Some(Script::Sup)),
        "<sub>" => Some(Some(Script::Sub)),
        "</sup>" | "</sub>" => Some(None),
        _ => None,
    }
}

/// The mark after an ordered list's numbers, read off its first item: `1)` prints
/// `1）`, as `check` would make a half-width bracket in Chinese text; `1.` prints `1.`.
fn list_delimiter(item: &str) -> &'static str {
    let rest = item
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.starts_with(')') { "）" } else { "." }
}

/// A list number kept apart from a number after it: `1.` before `3月2日` would read
/// 1.3月, so it is written `1．` (full-width, which the layout boxes as an item's
/// number, `item-number` in layouts/article.typ).
pub(crate) fn apart(mut label: String, text: &str) -> String {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return label;
    }
    if label.ends_with('.') && label.matches('.').count() == 1 {
        label.pop();
        label.push('．');
    } else if label.ends_with(|c: char| c.is_ascii_digit() || c == '.') {
        // A multi-level label (1.2, 1.1.) keeps its dots, and a space sets it apart:
        // 1.23月 would be read, and 1.1．3月 read as a stray gap.
        label.push(' ');
    }
    label
}

/// The numbers of one list in one style: when an item's number is set apart full
/// width before a digit (2．2027年), every item's is (1.加强 2．2027年 3.完善 started
/// their text at different places).
fn same_item_numbers(blocks: &mut [Block]) {
    fn number(b: &mut Block) -> Option<&mut Inline> {
        let (Block::Paragraph { inlines } | Block::Item { inlines, .. }) = b else {
            return None;
        };
        let first = inlines.first_mut()?;
        let digits = first.text.trim_end_matches(['.', '．']);
        (first.src.is_none()
            && first.text.len() > digits.len()
            && !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit()))
        .then_some(first)
    }
    let mut i = 0;
    while i < blocks.len() {
        let mut j = i;
        while j < blocks.len() && number(&mut blocks[j]).is_some() {
            j += 1;
        }
        let apart = blocks[i..j]
            .iter_mut()
            .any(|b| number(b).is_some_and(|n| n.text.ends_with('．')));
        if apart {
            for b in &mut blocks[i..j] {
                if let Some(n) = number(b)
                    && n.text.ends_with('.')
                {
                    n.text.pop();
                    n.text.push('．');
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// Headings of one level some of which have their number typed (一、存在问题) and some
/// numbered by the layout: the count runs over both, and printed 一、 一、 三、 四、
/// (an editor added a section to an author's numbered text). Said at the first typed
/// number, with what to do.
fn mixed_heading_numbers(blocks: &[Block]) -> Vec<MdWarning> {
    let mut out = Vec::new();
    for want in 1..=4u8 {
        let mut typed = None;
        let mut auto = None;
        for b in blocks {
            if let Block::Heading {
                level,
                number,
                inlines,
            } = b
                && *level == want
            {
                let first = inlines.first();
                if !number.is_empty() {
                    auto.get_or_insert(format!(
                        "{number}{}",
                        first.map_or("", |i| i.text.as_str())
                    ));
                } else if let Some(i) = first
                    && starts_with_number(&i.text)
                {
                    typed.get_or_insert((i.src.as_ref().map_or(0, |r| r.start), i.text.clone()));
                }
            }
        }
        if let (Some((offset, text)), Some(other)) = (typed, auto) {
            let short = |s: &str| s.chars().take(12).collect::<String>();
            out.push(MdWarning {
                offset,
                message: format!(
                    "this heading has its number typed («{}»), others of its level are numbered by the layout («{}»): the count runs over both, so numbers repeat or skip; type every number of the level, or none / 同级标题有的手工编号、有的自动编号，序号会重复或跳号：请全部手工编号或全部不编号",
                    short(&text),
                    short(&other)
                ),
            });
        }
    }
    // A number of one level typed on a heading of another (`## 一、…` sections, then a
    // `#` the layout numbers 一、): two 一、 print, in two levels' fonts.
    let auto_at = |want: u8| {
        blocks.iter().find_map(|b| match b {
            Block::Heading {
                level,
                number,
                inlines,
            } if *level == want && !number.is_empty() => Some(format!(
                "{number}{}",
                inlines.first().map_or("", |i| i.text.as_str())
            )),
            _ => None,
        })
    };
    let misplaced = blocks.iter().find_map(|b| match b {
        Block::Heading {
            level,
            number,
            inlines,
        } if number.is_empty() => {
            let first = inlines.first()?;
            let typed = typed_heading_level(&first.text).filter(|t| t != level)?;
            Some((first, *level, typed, auto_at(typed)?))
        }
        _ => None,
    });
    if let Some((first, level, typed, other)) = misplaced {
        let short = |s: &str| s.chars().take(12).collect::<String>();
        out.push(MdWarning {
            offset: first.src.as_ref().map_or(0, |r| r.start),
            message: format!(
                "this level-{level} heading has a level-{typed} number typed («{}»), and a level-{typed} heading is numbered by the layout («{}»): the numbers repeat; give the headings the levels of their numbers (# for 一、, ## for （一）), or type every number / 标题层级与手工序号不符，与自动编号重复：请按序号调整标题级别",
                short(&first.text),
                short(&other)
            ),
        });
    }
    out
}

/// The printed number of a heading: 一、 （一） 1. （1）.
pub(crate) fn heading_number(level: u8, n: u64) -> String {
    match level {
        1 => format!("{}、", chinese_number(n)),
        2 => format!("（{}）", chinese_number(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// Whether the line after a soft break at `brk` is a numbered item of its own: the
/// line before ends a clause (。；：！？) and this one opens with an item number
/// (1． 1、 （1） （一） 一、 ①). A line wrapped in mid-sentence, or one that opens with
/// 2.5% or 第二, is not.
fn numbered_item_follows(text: &str, brk: Range<usize>) -> bool {
    let before = text[..brk.start].trim_end().chars().last();
    // The line before is an item too (1、课程建设⏎2、教材建设: topics with no mark
    // at their ends), or it ended its sentence.
    let line_before = text[..brk.start]
        .rfind('\n')
        .map_or(&text[..brk.start], |i| &text[i + 1..brk.start]);
    // Or the item after the break has another after it on the next line: a list of
    // them under a lead-in typed with no colon (主要成效⏎①参评率提高⏎②满意度提升).
    let after = &text[brk.end..];
    let line_after_next = after.split_once('\n').map(|(_, rest)| rest);
    let list_follows = line_after_next.is_some_and(opens_with_item_number);
    // Or it opens a 附件说明 (附件：1．……⏎2．……: joined, 2． ran on after the first
    // attachment's name, QA3 04).
    if !before.is_some_and(|c| "。；：！？;:".contains(c))
        && !opens_with_item_number(line_before)
        && !opens_attachments(line_before.trim_start())
        && !list_follows
    {
        return false;
    }
    // A table's note after another (注1：…。⏎注2：…), each a note of its own.
    opens_with_item_number(after) || is_note_line(after)
}

/// A line that opens a table's note: 注：, 注1：, 注①： (its number, if any, before the
/// colon), 说明：, 数据来源：, 资料来源： (a source's colon half-width too).
fn is_note_line(line: &str) -> bool {
    let t = line.trim_start();
    let rest = t.strip_prefix('注').map(|r| {
        r.trim_start_matches(|c: char| c.is_ascii_digit() || ('\u{2460}'..='\u{2473}').contains(&c))
    });
    rest.is_some_and(|r| r.starts_with(['：', ':']))
        || [
            "说明：",
            "数据来源：",
            "资料来源：",
            "数据来源:",
            "资料来源:",
        ]
        .iter()
        .any(|p| t.starts_with(p))
}

/// The front matter a Markdown editor writes over the text (Typora, Obsidian, pandoc:
/// `---`, then `title: …` `author: …` lines, then `---` or `...`): blanked, so that it
/// does not print (it printed as a ※ divider over a heading of its keys), and said.
fn front_matter(text: &str) -> (String, Option<MdWarning>) {
    let mut out = text.to_owned();
    let Some((range, keys)) = front_matter_span(text) else {
        return (out, None);
    };
    crate::input::text_input::blank_out(&mut out, range.clone());
    let message = format!(
        "front matter ({} between --- lines, as Markdown editors write it) is not printed; the issue file gives the title and byline / 文首的 YAML 元数据（{}）不排出，标题、署名以期刊文件为准",
        keys.join(", "),
        keys.join("、")
    );
    (
        out,
        Some(MdWarning {
            offset: range.start,
            message,
        }),
    )
}

/// Pictures given in HTML on lines of their own (`<img src="a.jpg" alt="会议现场"
/// width="300">`, what Typora writes for a picture resized with its zoom, often inside
/// `<div align="center">`): written as the Markdown photos they are, on the same line,
/// so that they print as photos (they vanished with their tags). A width in pixels is
/// taken at 96 to the inch, against a text block 156 mm wide; a zoom or a width in %
/// as that share.
fn html_images(text: &str) -> String {
    let percent = |tag: &str| -> Option<u32> {
        let pct = |v: &str| v.trim().strip_suffix('%')?.trim().parse::<f64>().ok();
        let share = if let Some(style) = html_attr(tag, "style") {
            style
                .split(';')
                .find_map(|d| d.split_once(':').filter(|(k, _)| k.trim() == "zoom"))
                .and_then(|(_, v)| pct(v))
        } else {
            None
        };
        let share = share.or_else(|| {
            let w = html_attr(tag, "width")?;
            pct(&w).or_else(|| {
                let px: f64 = w.trim().trim_end_matches("px").parse().ok()?;
                Some(px * 25.4 / 96.0 / 156.0 * 100.0)
            })
        })?;
        Some(share.round().clamp(10.0, 100.0) as u32)
    };
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim();
        let lower = body.to_ascii_lowercase();
        if !lower.contains("<img") {
            out.push_str(line);
            continue;
        }
        // The tags of the line; it is taken only when it holds pictures and wrappers.
        let mut photos = Vec::new();
        let mut only_pictures = true;
        let mut rest = body;
        while let Some(open) = rest.find('<') {
            if !rest[..open].trim().is_empty() {
                only_pictures = false;
            }
            let Some(close) = rest[open..].find('>').map(|i| open + i + 1) else {
                only_pictures = false;
                break;
            };
            let tag = &rest[open..close];
            let name: String = tag[1..]
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_ascii_lowercase();
            match name.as_str() {
                "img" => match html_attr(tag, "src") {
                    Some(src) => {
                        photos.push((src, html_attr(tag, "alt").unwrap_or_default(), percent(tag)))
                    }
                    None => only_pictures = false,
                },
                "div" | "p" | "center" | "figure" | "br" => {}
                _ => only_pictures = false,
            }
            rest = &rest[close..];
        }
        if !rest.trim().is_empty() || photos.is_empty() || !only_pictures {
            out.push_str(line);
            continue;
        }
        let written: Vec<String> = photos
            .into_iter()
            .map(|(src, alt, pct)| {
                let src = if src.contains(' ') {
                    format!("<{src}>")
                } else {
                    src
                };
                let width = pct.map(|p| format!("{{width={p}%}}")).unwrap_or_default();
                format!("![{alt}]({src}){width}")
            })
            .collect();
        // As long as the line was, where it can be, so that the places of the text
        // after it stay where they were (for messages).
        let written = written.join(" ");
        let body_len = line.trim_end_matches(['\n', '\r']).len();
        out.push_str(&written);
        out.push_str(&" ".repeat(body_len.saturating_sub(written.len())));
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The value of an HTML tag's attribute (`src="a.jpg"`, `width=300`, `rowspan='2'`),
/// its name in any case; none when the tag has no such attribute.
fn html_attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| from + i) {
        from = i + name.len();
        let boundary = i == 0 || lower[..i].ends_with([' ', '\t', '\n']);
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=').filter(|_| boundary) else {
            continue;
        };
        let rest = rest.trim_start();
        let value = match rest.chars().next()? {
            q @ ('"' | '\'') => rest[1..].split(q).next()?,
            _ => rest.split([' ', '>', '/']).next()?,
        };
        return Some(value.to_owned());
    }
    None
}

/// Where a Markdown text's front matter is (bytes), and its keys (`title:`); none when
/// the text does not open with one. `check` leaves it alone too.
pub(crate) fn front_matter_span(text: &str) -> Option<(Range<usize>, Vec<String>)> {
    let body = text.trim_start_matches('\u{feff}');
    let start = text.len() - body.len();
    let mut lines = body.split_inclusive('\n');
    let first = lines.next().filter(|l| l.trim_end() == "---")?;
    let mut end = start + first.len();
    let mut keys = Vec::new();
    for line in lines {
        let t = line.trim_end();
        end += line.len();
        if (t == "---" || t == "...") && !keys.is_empty() {
            return Some((start..end, keys));
        }
        let key = t.split_once(':').map(|(k, _)| k.trim());
        match key {
            Some(k)
                if !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
            {
                keys.push(format!("{k}:"));
            }
            // A list or a folded value under a key.
            _ if !keys.is_empty() && (t.starts_with(' ') || t.starts_with('-') || t.is_empty()) => {
            }
            _ => return None,
        }
    }
    None
}

/// A line break where it stands, as `text`: in a photo's caption, in a table's cell, or
/// in the paragraph (begun by it when `begins` and none is open).
fn line_break(
    photo: &mut Option<Photo>,
    table: &mut Option<TableBuild>,
    current: &mut Option<(Option<u8>, Vec<Inline>)>,
    text: &str,
    begins: bool,
) {
    let br = plain(text.to_owned(), None);
    if let Some(p) = photo.as_mut() {
        p.caption.push(br);
    } else if let Some((_, _, Some(cell))) = table.as_mut() {
        cell.push(br);
    } else if begins {
        current.get_or_insert_with(|| (None, Vec::new())).1.push(br);
    } else if let Some((_, inlines)) = current.as_mut() {
        inlines.push(br);
    }
}

/// Whether the lines after a line break (`brk`) that end its paragraph are a 落款: a
/// date alone last, up to two lines that can name the issuing body before it, with the
/// line before the break either such a line too (three at most in all) or the end of
/// a sentence.
fn closing_follows(text: &str, brk: Range<usize>) -> bool {
    let line_before = text[..brk.start]
        .rfind('\n')
        .map_or(&text[..brk.start], |i| &text[i + 1..brk.start])
        .trim();
    let rest: Vec<&str> = text[brk.end..]
        .lines()
        .map(str::trim)
        .take_while(|l| !l.is_empty())
        .take(4)
        .collect();
    (1..=3).contains(&rest.len())
        && closing_lines(&rest)
        && ((rest.len() < 3 && is_signature_line(line_before)) || ends_sentence(line_before))
}

/// Whether a photo (its event's `range`) stands inside a sentence: text before it in
/// its paragraph (`before`) that has not ended a sentence, and text after it on its
/// line (past a `{width=…}`).
fn in_a_sentence(text: &str, range: &Range<usize>, before: Option<&Vec<Inline>>) -> bool {
    let before: String = before
        .map(|inl| inl.iter().map(|i| i.text.as_str()).collect())
        .unwrap_or_default();
    let before = before.trim_end();
    if before.is_empty() || before.ends_with(['。', '！', '？', '；', '：', '…', ':', '.']) {
        return false;
    }
    let line = text[range.end.min(text.len())..]
        .split('\n')
        .next()
        .unwrap_or("");
    let line = line.trim_start();
    let after = match line.strip_prefix('{') {
        Some(rest) => rest.split_once('}').map_or("", |(_, r)| r),
        None => line,
    };
    let after = after.trim();
    !after.is_empty() && !after.starts_with("![")
}

/// Whether a line (after a soft break) ends and the next begins with Latin letters or
/// figures: the break is a space between words, as in English.
fn latin_on_both_sides(text: &str, brk: Range<usize>) -> bool {
    let before = text[..brk.start].trim_end().chars().last();
    let after = text[brk.end..].trim_start().chars().next();
    // Not inside an address cut at its line's end (www.example.com/a.⏎html).
    let token = text[..brk.start]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    if token.contains(['/', '@']) || token.contains("www.") {
        return false;
    }
    match (before, after) {
        // Figures on both sides may be one number cut by a hard wrap.
        (Some(b), Some(a)) if b.is_ascii_digit() && a.is_ascii_digit() => false,
        // Nor a number cut after its point or comma (v2.⏎0, 85.⏎5分, 1,⏎234).
        (Some('.' | ','), Some(a)) if a.is_ascii_digit() => false,
        (Some(b), Some(a)) => {
            (b.is_ascii_alphanumeric() || ".,;:)".contains(b))
                && (a.is_ascii_alphanumeric() || a == '(')
        }
        _ => false,
    }
}

/// Whether a line opens with a number an author types for an item: 1、 2． （一） （1）
/// 一、 ①.
fn opens_with_item_number(line: &str) -> bool {
    let next = line.trim_start_matches([' ', '\t', '\u{3000}', '>']);
    let mut chars = next.chars();
    let is_cn = |c: char| "一二三四五六七八九十".contains(c);
    match chars.next() {
        Some(c) if ('\u{2460}'..='\u{2473}').contains(&c) => true,
        Some(open @ ('（' | '(')) => {
            let close = if open == '（' { '）' } else { ')' };
            let inner: String = chars.by_ref().take_while(|&c| c != close).collect();
            !inner.is_empty()
                && inner.chars().count() <= 3
                && (inner.chars().all(|c| c.is_ascii_digit()) || inner.chars().all(is_cn))
        }
        Some(c) if c.is_ascii_digit() || is_cn(c) => {
            let digits = c.is_ascii_digit();
            let rest = next.trim_start_matches(
                |c: char| {
                    if digits { c.is_ascii_digit() } else { is_cn(c) }
                },
            );
            // 2、3项 is two numbers, not an item (…共⏎2、3项为省级项目).
            let after = rest.chars().nth(1);
            (rest.starts_with('、') && !(digits && after.is_some_and(|c| c.is_ascii_digit())))
                || (digits && rest.starts_with('．'))
                // 1.健全机制: a half-width point before Chinese (not 2.5%), or before
                // the mark that opens a quotation or a title (2.“—”表示…, 3.《统计法》…:
                // joined, a table's notes ran on, QA12 A 06).
                || (digits
                    && rest.starts_with('.')
                    && after.is_some_and(|c| {
                        ('\u{4E00}'..='\u{9FFF}').contains(&c) || "“‘《（【「『〔".contains(c)
                    }))
        }
        _ => false,
    }
}

/// A heading whose number is typed twice (三、三、宣传组, （一）（一）组织报道: Word's
/// automatic number and the one typed after it, the commonest slip in a Word outline):
/// the second is taken out, and that is said.
fn undouble_heading_numbers(blocks: &mut [Block]) -> Vec<MdWarning> {
    let mut out = Vec::new();
    for b in blocks {
        let Block::Heading { inlines, .. } = b else {
            continue;
        };
        let Some(first) = inlines.first_mut() else {
            continue;
        };
        let Some(len) = typed_number_len(&first.text) else {
            continue;
        };
        let num = first.text[..len].to_owned();
        if !first.text[len..].starts_with(&num) {
            continue;
        }
        first.text.replace_range(..len, "");
        let offset = first.src.as_ref().map_or(0, |s| s.start);
        if let Some(src) = first.src.as_mut() {
            src.start += len;
        }
        out.push(MdWarning {
            offset,
            message: format!(
                "the heading's number is typed twice ({num}{num}): it prints once; in Word, delete the typed number where the heading is numbered automatically / 标题序号重复（{num}{num}），只排一次"
            ),
        });
    }
    out
}

/// The length of a heading's number typed at the start of `s`: 三、 （一） 2、 （3）.
fn typed_number_len(s: &str) -> Option<usize> {
    let is_cn = |c: char| "一二三四五六七八九十".contains(c);
    if let Some(inner) = s.strip_prefix('（') {
        let n: usize = inner
            .chars()
            .take_while(|&c| is_cn(c) || c.is_ascii_digit())
            .map(char::len_utf8)
            .sum();
        return (n > 0 && inner[n..].starts_with('）'))
            .then_some('（'.len_utf8() + n + '）'.len_utf8());
    }
    let n: usize = s
        .chars()
        .take_while(|&c| is_cn(c) || c.is_ascii_digit())
        .map(char::len_utf8)
        .sum();
    (n > 0 && s[n..].starts_with('、')).then_some(n + '、'.len_utf8())
}

/// A Chinese numeral of a heading's or a part's number (第十二, 一百).
fn cn_numeral(c: char) -> bool {
    "零一二三四五六七八九十百".contains(c)
}

/// Whether a line opens with a Roman number and its mark (Ⅱ、 Ⅲ． III、 IV.) before
/// text, not a Latin word (I. Introduction, V. S. Naipaul).
fn roman_number(s: &str) -> bool {
    let roman = |c: char| ('\u{2160}'..='\u{217F}').contains(&c) || "IVX".contains(c);
    let rest = s.trim_start_matches(roman);
    let mut after = rest.chars();
    rest.len() < s.len()
        && after.next().is_some_and(|c| "、．. \u{3000}".contains(c))
        && after
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| !c.is_ascii_alphanumeric())
}

/// Whether a heading's text already carries its number (一、 （一） 1. 1、 （1）).
pub(crate) fn starts_with_number(s: &str) -> bool {
    let s = s.trim_start();
    let mut chars = s.chars();
    let first = chars.next();
    let is_cn = cn_numeral;
    match first {
        // ① … ⑳, ⑴ … ⒇, ⒈ … ⒛, 〔一〕: the author's own numbers, never doubled.
        // (Not ①号楼, a building's number.)
        Some(c) if ('\u{2460}'..='\u{249B}').contains(&c) => chars.next() != Some('号'),
        // ❶ … ❿, ➀ … ➓ (the numbers WeChat's editors set, QA12 B 04: it printed
        // （一）❶网格化管理…), and a Roman number with its mark (二、Ⅱ、存在问题).
        Some(c) if ('\u{2776}'..='\u{2793}').contains(&c) => chars.next() != Some('号'),
        Some(_) if roman_number(s) => true,
        Some('〔') | Some('［') => chars.next().is_some_and(|c| is_cn(c) || c.is_ascii_digit()),
        // 第一章, 第二部分, 第三条, 第一、 第一， 第一 (a space): a part's number. Not
        // 第四季度重点任务 or 第一书记驻村工作, which open with an ordinal word.
        Some('第') => {
            let numeral: String = chars
                .by_ref()
                .take_while(|&c| is_cn(c) || c.is_ascii_digit())
                .collect();
            let rest = &s['第'.len_utf8() + numeral.len()..];
            !numeral.is_empty()
                && [
                    "章", "节", "部分", "篇", "条", "编", "讲", "单元", "、", "，", "：", " ",
                    "\u{3000}",
                ]
                .iter()
                .any(|unit| rest.starts_with(unit))
        }
        Some('（') | Some('(') => chars.next().is_some_and(|c| is_cn(c) || c.is_ascii_digit()),
        // 一、, and 一是 / 二是 (the author's own count, as a Word heading typed it:
        // it printed （一）一是思想认识不到位).
        Some(c) if is_cn(c) => {
            let rest: String = s.chars().skip_while(|&c| is_cn(c)).take(1).collect();
            rest == "、" || (rest == "是" && s.chars().count() > 2)
        }
        Some(c) if c.is_ascii_digit() => {
            let rest: String = s
                .chars()
                .skip_while(|c| c.is_ascii_digit())
                .take(1)
                .collect();
            // And a number set apart by a full-width space, as a Word list numbered
            // 1 / 1.1 / 1.1.1 sets its first level (1　工作目标, QA13 B 03).
            matches!(rest.as_str(), "." | "、" | "．" | "\u{3000}")
        }
        // 案例一： 典型案例2： 专题三　: a short word with the author's own count after
        // it and a colon or a space (it printed 一、案例一：…, QA11). Not 坚持一条主线.
        Some(c) if !is_cn(c) && !c.is_ascii_digit() => {
            let word: String = s
                .chars()
                .take_while(|&c| !is_cn(c) && !c.is_ascii_digit())
                .collect();
            let rest = &s[word.len()..];
            let numeral: String = rest
                .chars()
                .take_while(|&c| is_cn(c) || c.is_ascii_digit())
                .collect();
            let after = &rest[numeral.len()..];
            (1..=4).contains(&word.chars().count())
                && word.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
                && (1..=3).contains(&numeral.chars().count())
                && ["：", ":", "\u{3000}", " "]
                    .iter()
                    .any(|sep| after.starts_with(sep))
        }
        _ => false,
    }
}

/// Whether the emphasis over `range` of `text` is a figure between asterisks that
/// stand between figures (`3*4*5`, `1.2*0.8`): a product or a size, not emphasis.
fn is_product(text: &str, range: &Range<usize>) -> bool {
    let Some(s) = text.get(range.clone()) else {
        return false;
    };
    let Some(inner) = s
        .strip_prefix('*')
        .and_then(|x| x.strip_suffix('*'))
        .filter(|x| !x.is_empty())
    else {
        return false;
    };
    inner.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text[..range.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
        && text[range.end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
}

/// Sets in bold the `**…**` that CommonMark leaves as text next to Chinese marks.
///
/// CommonMark closes `**` only when it is not between a mark and a letter, so
/// `**记者：**离开` (how Chinese interviews are typed) keeps its asterisks. Within one
/// paragraph, the `**` left in text typed as such (not escaped `\*\*`, which never
/// reaches here verbatim) are paired in order and what lies between is bold; an odd
/// last one stays as typed.
fn strong_left_as_text(runs: Vec<Inline>) -> Vec<Inline> {
    // The parser gives each `*` left as text a run of its own: runs of one style that
    // follow each other in the file are joined first.
    let mut inlines: Vec<Inline> = Vec::with_capacity(runs.len());
    for run in runs {
        match inlines.last_mut() {
            Some(last)
                if (last.strong, last.emph, last.sup, last.sub)
                    == (run.strong, run.emph, run.sup, run.sub)
                    && matches!((&last.src, &run.src), (Some(a), Some(b)) if a.end == b.start) =>
            {
                last.text.push_str(&run.text);
                if let (Some(a), Some(b)) = (last.src.as_mut(), run.src) {
                    a.end = b.end;
                }
            }
            _ => inlines.push(run),
        }
    }
    // (inline, byte offset) of every `**` left in verbatim text.
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for (i, inline) in inlines.iter().enumerate() {
        if inline.src.is_some() && !inline.strong {
            marks.extend(inline.text.match_indices("**").map(|(at, _)| (i, at)));
        }
    }
    styled_between(inlines, marks, 2, |i| &mut i.strong)
}

/// The runs with what lies between each pair of `marks` (inline, byte offset; each
/// `width` bytes long, dropped) set in the style `flag` gives; an odd last mark stays.
fn styled_between(
    inlines: Vec<Inline>,
    mut marks: Vec<(usize, usize)>,
    width: usize,
    flag: fn(&mut Inline) -> &mut bool,
) -> Vec<Inline> {
    if marks.len() < 2 {
        return inlines;
    }
    marks.truncate(marks.len() / 2 * 2);
    let mut out = Vec::with_capacity(inlines.len() + marks.len());
    let mut on = false;
    let mut next = marks.iter().peekable();
    for (i, inline) in inlines.into_iter().enumerate() {
        let mut from = 0;
        let piece = |from: usize, to: usize, on: bool| {
            let mut p = Inline {
                text: inline.text[from..to].to_owned(),
                src: inline.src.as_ref().map(|r| r.start + from..r.start + to),
                ..inline.clone()
            };
            *flag(&mut p) |= on;
            p
        };
        while let Some(&&(_, at)) = next.peek().filter(|(k, _)| *k == i) {
            next.next();
            if at > from {
                out.push(piece(from, at, on));
            }
            on = !on;
            from = at + width;
        }
        if from == 0 {
            let mut whole = inline;
            *flag(&mut whole) |= on;
            out.push(whole);
        } else if from < inline.text.len() {
            out.push(piece(from, inline.text.len(), on));
        }
    }
    out
}

/// Emphasis that Markdown read where the author likely meant the marks as text: by
/// underscores (`_重要_`, `__init__`: Chinese text has no such markup, and a name's
/// underscores went), or by asterisks inside a Latin word (`a*b*c`): printed without
/// the marks, unsaid (QA7). `**粗体**` and `*斜体*` between words are what they say.
fn hidden_markup(text: &str, range: &Range<usize>) -> Option<MdWarning> {
    let marks = text.get(range.clone())?;
    let underscores = marks.starts_with('_');
    let inside_word = marks.starts_with('*')
        && text[..range.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if !underscores && !inside_word {
        return None;
    }
    let shown: String = marks.chars().take(24).collect();
    let more = if marks.chars().count() > 24 {
        "…"
    } else {
        ""
    };
    let m = if underscores { "_" } else { "*" };
    Some(MdWarning {
        offset: range.start,
        message: format!(
            "«{shown}{more}» is read as Markdown emphasis: it prints as {} without its {m} marks; to print them, write \\{m} / 被当作 Markdown 强调排出（不显示 {m}），如需原样显示请写成 \\{m}",
            if marks.starts_with("__") || marks.starts_with("**") {
                "bold"
            } else {
                "italic (楷体)"
            },
        ),
    })
}

/// Sets in italic (楷体) the `*…*` that CommonMark leaves as text next to Chinese marks
/// (`强调，*要坚持“内容为王”，*提高`, as Word's italic runs are written), as
/// [`strong_left_as_text`] does for `**`: within one paragraph, the single `*` left
/// in verbatim text are paired in order; an odd last one stays as typed, and so does
/// one between figures (3*4).
fn emph_left_as_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let single = |t: &str, at: usize| {
        let b = t.as_bytes();
        let near = |k: Option<usize>| k.and_then(|k| b.get(k)).copied();
        near(at.checked_sub(1)) != Some(b'*')
            && near(Some(at + 1)) != Some(b'*')
            && !(near(at.checked_sub(1)).is_some_and(|c| c.is_ascii_digit())
                && near(Some(at + 1)).is_some_and(|c| c.is_ascii_digit()))
    };
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for (i, inline) in inlines.iter().enumerate() {
        if inline.src.is_some() && !inline.emph {
            marks.extend(
                inline
                    .text
                    .match_indices('*')
                    .filter(|&(at, _)| single(&inline.text, at))
                    .map(|(at, _)| (i, at)),
            );
        }
    }
    styled_between(inlines, marks, 1, |i| &mut i.emph)
}

/// A mark that ends a bold or italic run before an opening mark in another style
/// (`**陈秀英代表（东湖街道）说：**“一老一小”…`, as 代表发言摘登 is typed): moved into the
/// run after it, so that the two marks are set together and the pair is compressed
/// (set in two styles, they stood a full em apart).
fn marks_across_styles(mut inlines: Vec<Inline>) -> Vec<Inline> {
    for i in 1..inlines.len() {
        let (before, after) = inlines.split_at_mut(i);
        let (a, b) = (&mut before[i - 1], &mut after[0]);
        if (a.strong, a.emph) == (b.strong, b.emph) || a.sup || a.sub || b.sup || b.sub {
            continue;
        }
        let Some(mark) = a.text.chars().next_back() else {
            continue;
        };
        if !"：，；、。！？）》”’".contains(mark)
            || !b
                .text
                .starts_with(['“', '‘', '（', '《', '「', '『', '【', '〔'])
            || a.text.chars().count() < 2
        {
            continue;
        }
        a.text.pop();
        a.src = a.src.take().map(|r| r.start..r.end - mark.len_utf8());
        b.text.insert(0, mark);
        b.src = None;
    }
    inlines
}

/// Drops leading/trailing whitespace of a paragraph and empty runs.
fn trim_inlines(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(first) = inlines.first_mut() {
        let t = first.text.trim_start().to_owned();
        let cut = first.text.len() - t.len();
        first.src = first.src.take().map(|r| r.start + cut..r.end);
        first.text = t;
    }
    if let Some(last) = inlines.last_mut() {
        let t = last.text.trim_end().to_owned();
        let cut = last.text.len() - t.len();
        last.src = last.src.take().map(|r| r.start..r.end - cut);
        last.text = t;
    }
    inlines.retain(|i| !i.text.is_empty());
    inlines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(b: &Block) -> String {
        b.inlines().iter().map(|i| i.text.as_str()).collect()
    }

    /// An item's or a heading's number before a number of its text is set apart full
    /// width (2.2027年 and 1.5G read as numbers).
    #[test]
    fn a_number_before_a_digit_is_set_apart() {
        let md = parse_markdown(
            "说明：\n\n1. 加强督导；\n2. 2027年建成中心。\n\n# 甲\n\n## 乙\n\n### 5G基站建设\n\n### 管线\n",
            true,
        );
        let all: Vec<String> = md
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading { number, .. } => format!("{number}{}", texts(b)),
                _ => texts(b),
            })
            .collect();
        // One list, one style: 1． because 2． is.
        assert!(all.contains(&"1．加强督导；".to_owned()), "{all:?}");
        assert!(all.contains(&"2．2027年建成中心。".to_owned()), "{all:?}");
        assert!(all.contains(&"1．5G基站建设".to_owned()), "{all:?}");
        assert!(all.contains(&"2.管线".to_owned()), "{all:?}");
    }

    /// Typed and automatic numbers in one level of headings: said at the typed one.
    #[test]
    fn typed_and_automatic_heading_numbers_are_said() {
        let text = "# 2026年工作回顾\n\n正文。\n\n# 一、存在问题\n\n正文。\n\n# 十大民生实事\n";
        let md = parse_markdown(text, true);
        let said: Vec<&MdWarning> = md
            .warnings
            .iter()
            .filter(|w| w.message.contains("numbered by the layout"))
            .collect();
        assert_eq!(said.len(), 1, "{:?}", md.warnings);
        assert_eq!(&text[said[0].offset..said[0].offset + 3], "一");
        assert!(
            said[0].message.contains("一、2026年"),
            "{}",
            said[0].message
        );
        // All typed, or none: nothing to say.
        for text in ["# 一、甲\n\n# 二、乙\n", "# 甲\n\n# 乙\n"] {
            let md = parse_markdown(text, true);
            assert!(md.warnings.is_empty(), "{:?}", md.warnings);
        }
    }

    /// A table written in HTML is the table it is (it printed as one paragraph).
    #[test]
    fn an_html_table_is_a_table() {
        let md = "参训情况如下：\n\n<table>\n<thead><tr><th>学校</th><th>参训人数</th></tr></thead>\n<tbody>\n<tr><td>第一实验小学</td><td>86</td></tr>\n<tr><td><b>东城中学</b></td><td>72&nbsp;</td></tr>\n</tbody></table>\n\n此后正文。\n";
        let m = parse_markdown(md, true);
        assert!(
            matches!(
                m.blocks.as_slice(),
                [
                    Block::Paragraph { .. },
                    Block::Table(_),
                    Block::Paragraph { .. }
                ]
            ),
            "{:?}",
            m.blocks
        );
        let Block::Table(t) = &m.blocks[1] else {
            unreachable!()
        };
        let cells = |r: &[Vec<Inline>]| -> Vec<String> {
            r.iter()
                .map(|c| c.iter().map(|i| i.text.as_str()).collect())
                .collect()
        };
        assert_eq!(cells(&t.header), ["学校", "参训人数"]);
        assert_eq!(cells(&t.rows[1]), ["东城中学", "72"]);
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        // Merged cells: a two-row header, a total across three columns.
        let md = "<table><caption>表2 完成情况</caption>\n<tr><th rowspan=\"2\">乡镇</th><th colspan=\"2\">完成情况</th></tr>\n<tr><th>计划</th><th>完成</th></tr>\n<tr><td>东湖</td><td>3</td><td>2</td></tr>\n<tr><td colspan=\"3\">合计：5</td></tr>\n</table>\n";
        let m = parse_markdown(md, true);
        let Some(Block::Table(t)) = m.blocks.first() else {
            panic!("{:?}", m.blocks)
        };
        assert_eq!(cells(&t.header), ["乡镇", "完成情况", ""]);
        assert_eq!(cells(&t.rows[0]), ["", "计划", "完成"]);
        assert_eq!(t.header_rows, 1);
        assert_eq!(
            t.caption.first().map(|i| i.text.as_str()),
            Some("表2 完成情况")
        );
        let spans: Vec<(usize, usize, usize, usize)> = t
            .spans
            .iter()
            .map(|s| (s.row, s.col, s.colspan, s.rowspan))
            .collect();
        assert_eq!(spans, [(0, 0, 1, 2), (0, 1, 2, 1), (3, 0, 3, 1)]);
    }

    /// Word's caption pasted as text (表1, a tab, the caption) over a table pasted
    /// with tabs: the caption, not the header row.
    /// A table's 注： and 数据来源： under it are its notes (set as body text, they went
    /// to the next page, apart from it); the text after them is text.
    #[test]
    fn a_tables_notes_under_it_are_its_own() {
        let md = "| 指标 | 增长（%） |\n|---|---|\n| 工业 | 5.6 |\n\n注：1.统计起点为500万元。\n\n数据来源：县统计局。\n\n全县经济稳中有进。\n";
        let b = parse_markdown(md, true).blocks;
        let Block::Table(t) = &b[0] else {
            unreachable!()
        };
        let notes: Vec<String> = t
            .notes
            .iter()
            .map(|n| n.iter().map(|i| i.text.as_str()).collect())
            .collect();
        assert_eq!(notes, ["注：1.统计起点为500万元。", "数据来源：县统计局。"]);
        assert_eq!(b.len(), 2);
        assert_eq!(texts(&b[1]), "全县经济稳中有进。");
        // In a .txt, under a table pasted from Excel.
        let b =
            parse_txt_headings("乡镇\t产值\n小河镇\t51.92\n新塘镇\t43.40\n注：合计含县直企业。\n");
        let Block::Table(t) = &b[0] else {
            unreachable!()
        };
        assert_eq!(t.notes.len(), 1);
        // A note's items on lines of their own, a 数据来源 after them (QA6: 2． and the
        // source printed as body text); not a numbered paragraph with no note before.
        let md = "| 指标 | 数值 |\n|---|---|\n| 工业 | 7.1 |\n\n注：1．“—”表示无此项数据。\n2．失业率以百分点表示。\n数据来源：江岭市统计局。\n\n正文继续。\n";
        let b = parse_markdown(md, true).blocks;
        let Block::Table(t) = &b[0] else {
            unreachable!()
        };
        assert_eq!(t.notes.len(), 3, "{b:?}");
        assert_eq!(b.len(), 2);
        let b = parse_markdown(
            "| 指标 | 数值 |\n|---|---|\n| 工业 | 7.1 |\n\n1．加强领导。\n",
            true,
        )
        .blocks;
        assert!(
            matches!(&b[0], Block::Table(t) if t.notes.is_empty()),
            "{b:?}"
        );
        // Typed on the line right under the table, which Markdown reads as a row of one
        // cell: its notes all the same, unsaid (QA10: set in the first column, with a
        // warning to type the missing cells).
        let md = parse_markdown(
            "| 指标 | 数值 |\n|---|---|\n| 工业 | 7.1 |\n注：1．统计起点为500万元。\n2．数据为快报数。\n",
            true,
        );
        let Block::Table(t) = &md.blocks[0] else {
            unreachable!()
        };
        assert_eq!((t.rows.len(), t.notes.len()), (1, 2), "{t:?}");
        assert!(md.warnings.is_empty(), "{:?}", md.warnings);
    }

    /// A merge mark that merges with no cell (^^ under the << half of a cell across
    /// columns, as an office file's tangled merges arrive) is left empty and said: it
    /// printed as ^^ (QA10).
    #[test]
    fn a_merge_mark_that_merges_with_nothing_is_left_empty_and_said() {
        let md = parse_markdown(
            "| 县区 | 受理件数 | << | 备注 | << |\n|---|---|---|---|---|\n| ^^ | 2025年 | 2026年 | << | ^^ |\n| 东山县 | 312 | 287 | 均已办结 | << |\n",
            true,
        );
        let Block::Table(t) = &md.blocks[0] else {
            unreachable!()
        };
        let marks = t
            .cells()
            .flatten()
            .any(|c| matches!(c.text.trim(), "^^" | "<<"));
        assert!(!marks, "{t:?}");
        assert_eq!(md.warnings.len(), 1, "{:?}", md.warnings);
        assert!(
            md.warnings[0].message.contains("row 2"),
            "{:?}",
            md.warnings
        );
    }

    /// A 典型案例's parts headed 【基本案情】, 【裁判结果】: headings, in a .txt too, never
    /// numbered on top of their brackets (一、【基本案情】); nor a heading the author
    /// marked with ▲ (一、▲内分泌科…).
    #[test]
    fn headings_marked_by_their_author_are_not_numbered() {
        let para =
            "2025年3月14日，原告张某某途经杭州市某小区楼下时，被高层住户抛下的玻璃花盆砸中头部。";
        let b = parse_txt_headings(&format!("【基本案情】\n{para}\n【裁判结果】\n{para}\n"));
        assert_eq!(
            closing_kinds(&b),
            ["heading", "paragraph", "heading", "paragraph"]
        );
        let md = format!(
            "## 【基本案情】\n\n{para}\n\n## ▲内分泌科开展义诊活动\n\n{para}\n\n## 主要做法\n\n{para}\n"
        );
        let numbers: Vec<String> = parse_markdown(&md, true)
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { number, .. } => Some(number.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(numbers, ["", "", "一、"]);
    }

    /// A bold lead-in ending with its colon before a quotation (代表发言摘登): the colon
    /// goes with the quotation's mark, set together and compressed (a full em apart).
    #[test]
    fn a_mark_ending_a_bold_run_before_an_opening_mark_joins_it() {
        let b = parse_markdown(
            "**陈秀英代表（东湖街道）说：**“一老一小”是民生大事。\n",
            true,
        );
        let runs: Vec<(&str, bool)> = b.blocks[0]
            .inlines()
            .iter()
            .map(|i| (i.text.as_str(), i.strong))
            .collect();
        assert_eq!(
            runs,
            [
                ("陈秀英代表（东湖街道）说", true),
                ("：“一老一小”是民生大事。", false)
            ]
        );
        // Not before text that opens with no mark.
        let b = parse_markdown("**记者：**离开现场。\n", true);
        assert_eq!(b.blocks[0].inlines()[0].text, "记者：");
    }

    /// A Markdown table row short of a cell (the CMI figure forgotten) was filled at its
    /// end, the figures after the gap under the wrong heads, with nothing said.
    #[test]
    fn a_markdown_table_row_short_of_a_cell_is_said() {
        let md = "| 科室 | 出院人次 | CMI | 药占比 |\n|---|---|---|---|\n| 心内科 | 1,204 | 1.32 | 28.4 |\n| 内分泌科 | 874 | 31.07 |\n| `a|b` | 2 \\| 3 | 4 | 5 |\n";
        let parsed = parse_markdown(md, true);
        let said: Vec<&str> = parsed
            .warnings
            .iter()
            .filter(|w| w.message.contains("this table row has"))
            .map(|w| md[w.offset..].lines().next().unwrap_or(""))
            .collect();
        assert_eq!(
            said,
            ["| 内分泌科 | 874 | 31.07 |"],
            "{:?}",
            parsed.warnings
        );
        assert!(
            parsed
                .warnings
                .iter()
                .any(|w| w.message.contains("3 cell(s), its header 4"))
        );
        assert_eq!(pipe_cells("a | b | c"), 3);
        assert_eq!(pipe_cells("| a | b | c | d | e |"), 5);
    }

    #[test]
    fn a_caption_typed_with_a_tab_is_the_tables_caption() {
        let t = "情况如下：\n表1\t各乡镇养老服务设施情况\n乡镇\t照料中心\t床位\n东湖\t3\t120\n西山\t2\t80\n";
        let blocks = parse_txt(t);
        let Some(Block::Table(table)) = blocks.last() else {
            panic!("{blocks:?}");
        };
        let caption: String = table.caption.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(caption, "表1　各乡镇养老服务设施情况");
        let header: Vec<String> = table
            .header
            .iter()
            .map(|c| c.iter().map(|i| i.text.as_str()).collect())
            .collect();
        assert_eq!(header, ["乡镇", "照料中心", "床位"]);
        assert_eq!(table.rows.len(), 2);
    }

    /// The line of a table's unit between its caption and it is the table's, and the
    /// caption over it is still found (QA13 B 07); in a .txt and in Markdown.
    #[test]
    fn a_unit_line_over_a_table_is_the_tables_and_its_caption_is_found() {
        let text = |v: &[Inline]| v.iter().map(|i| i.text.as_str()).collect::<String>();
        let t = "情况如下：\n表1\t各区财政收入\n单位：万元\n区\t收入\n东湖\t3\n";
        let blocks = parse_txt(t);
        let Some(Block::Table(table)) = blocks.last() else {
            panic!("{blocks:?}");
        };
        assert_eq!(text(&table.caption), "表1　各区财政收入");
        assert_eq!(text(&table.unit), "单位：万元");
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        let md = "情况如下：\n\n表1 各区财政收入\n\n（金额单位：万元）\n\n| 区 | 收入 |\n|---|---|\n| 东湖 | 3 |\n";
        let blocks = parse_markdown(md, true).blocks;
        let Some(Block::Table(table)) = blocks.last() else {
            panic!("{blocks:?}");
        };
        assert_eq!(text(&table.caption), "表1 各区财政收入");
        assert_eq!(text(&table.unit), "（金额单位：万元）");
        // A sentence about units is no unit line.
        let blocks = parse_txt("单位：各乡镇人民政府，请按时报送。\n区\t收入\n东湖\t3\n");
        let Some(Block::Table(table)) = blocks.last() else {
            panic!("{blocks:?}");
        };
        assert!(table.unit.is_empty());
    }

    /// A caption with a long bracketed note is still the table's (r23 F21); a sentence
    /// that opens with 表1 is not, and neither is a paragraph longer than two lines.
    #[test]
    fn a_long_caption_right_before_a_table_is_its_caption() {
        let table = "\n序号\t企业名称\t检查日期\n1\t江岭化工有限公司\t11月20日\n2\t青石县建材厂\t11月22日\n";
        let caption = |line: &str| -> String {
            let blocks = parse_txt(&format!("情况如下。\n{line}{table}"));
            let Some(Block::Table(t)) = blocks.last() else {
                panic!("{blocks:?}");
            };
            t.caption.iter().map(|i| i.text.as_str()).collect()
        };
        let long = "表4 重点企业执法检查情况一览表（2026年11月20日至28日，按检查先后顺序排列，不含已停产企业）";
        assert_eq!(caption(long), long);
        assert_eq!(caption("表4 检查情况如下表所示，请各单位对照整改。"), "");
        assert_eq!(
            caption(&format!("表4 {}", "重点企业执法检查情况".repeat(7))),
            ""
        );
    }

    #[test]
    fn txt_one_paragraph_per_line() {
        let t = "第一段。\n\n  第二段，有空格。 \n第三段\n";
        let blocks = parse_txt(t);
        assert_eq!(blocks.len(), 3);
        assert_eq!(texts(&blocks[1]), "第二段，有空格。");
        let src = blocks[1].inlines()[0].src.clone().unwrap();
        assert_eq!(&t[src], "第二段，有空格。");
    }

    /// The headings of a Markdown article: level and printed number.
    fn heads(md: &str) -> Vec<(u8, String)> {
        parse_markdown(md, true)
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, number, .. } => Some((*level, number.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_article_whose_sections_start_at_h2_numbers_them_from_the_top() {
        let md = "## 总体情况\n\n正文。\n\n### 细分\n\n## 存在问题\n";
        assert_eq!(
            heads(md),
            vec![(1, "一、".into()), (2, "（一）".into()), (1, "二、".into())]
        );
        // `####` alone is a choice of the small heading style: it stays level 4.
        let small = parse_markdown("#### 第一点\n\n正文。\n", true);
        assert!(matches!(&small.blocks[0], Block::Heading { level: 4, .. }));
    }

    #[test]
    fn text_cut_at_one_width_is_found_and_paragraphs_are_not() {
        let pasted = "7月12日2时至8时，我街道普降暴雨，辖区平均降雨量156.3\n毫米，最大降雨点位于石门社区，达218.6毫米，最大小时雨强\n62.4毫米。受强降雨影响，辖区内3处下穿通道积\n水。";
        assert_eq!(broken_lines(pasted), [1, 2]);
        // Paragraphs end with their marks; one long line without one is no cut.
        let text = "一、雨情水情\n7月12日2时至8时，我街道普降暴雨，辖区平均降雨量156.3毫米。\n全街道共转移群众312人，无人员伤亡，各项工作有序推进之中\n（一）河道水位\n石门河水位上涨1.2米。";
        assert!(broken_lines(text).is_empty(), "{:?}", broken_lines(text));
        // Rows of a table pasted from Excel end with a figure: no cut either.
        let rows = "表1 主要经营指标\n指标\t本月\t累计\t同比\n营业收入（万元）\t12,350.6\t98,765.4\t7.8%\n利润总额（万元）\t1,023.5\t8,456.2\t-3.2%\n";
        assert!(broken_lines(rows).is_empty(), "{:?}", broken_lines(rows));
        // Nor rows of a web page's table lined up with spaces (r19's webtable), or
        // parted by ideographic spaces, which `check --fix` would join into one.
        let rows = "2026年11月份主要农产品集贸市场价格\n品名　单位　本月价格　上月价格　环比\n大米      公斤      5.80      5.78      0.3\n猪肉      公斤      26.40      27.80      -5.0\n鸡蛋      公斤      10.60      10.20      3.9\n注：价格为县城农贸市场均价。\n";
        assert!(broken_lines(rows).is_empty(), "{:?}", broken_lines(rows));
        // Nor a Markdown table's rows, a list's items, or an agenda's items of about
        // one length, each a phrase, under 如下： (QA16 J 07, 08: joined into one).
        for list in [
            "主要措施如下：\n| 项目 | 2025年 | 2026年 | 增幅 |\n|------|--------|--------|------|\n| 建议件数 | 112 | 126 | 12.5% |\n| 满意率 | 95.2% | 98.6% | 3.4个百分点 |\n下一步，我们将进一步完善建议办理工作机制。\n",
            "主要措施如下：\n- 加强统筹协调，建立健全代表建议办理工作机制\n- 强化督查考核，确保各项办理任务落到实处\n- 推动信息公开，主动接受社会各界监督\n下一步，我们将进一步完善建议办理工作机制。\n",
            "会议议程如下：\n听取市政府关于2026年一季度经济运行情况的汇报\n审议市人大常委会关于代表建议办理工作的报告\n审议市人民政府关于全市水利工作的专项报告\n审议有关人事任免事项\n会议由市人大常委会主任周建华主持。\n",
        ] {
            assert!(
                broken_lines(list).is_empty(),
                "{:?}: {list}",
                broken_lines(list)
            );
        }
        // A cut line that holds a colon goes on the cut (QA16 J 03: 年目标是：… was
        // taken for a field's line), and a cut before a PDF's page number is one.
        let pdf = "下一步，市水利局将继续加大投入，计划投资二点三亿\n元，完成十七座病险水库除险加固，确保安全度汛。全\n年目标是：水库安全运行率达到百分之百，农村自来水\n普及率达到百分之九十五。\n";
        assert_eq!(broken_lines(pdf), [1, 2, 3]);
        let paged = "今年以来，市水利局坚持防汛抗旱两手抓，全力保障全\n市水安全，在智慧水利建设方面取得了新的进展，实现\n— 2 —\n了对全市三十二座中型水库的实时监测。\n";
        assert_eq!(broken_lines(paged), [1, 2]);
    }

    /// A heading number typed twice (Word's automatic one and a typed one) prints once.
    #[test]
    fn a_heading_number_typed_twice_prints_once() {
        let md = parse_markdown(
            "# 三、三、宣传组\n\n正文。\n\n## （一）（一）组织报道\n\n## （二）（三）分组\n",
            true,
        );
        assert_eq!(
            heads_of(&md.blocks),
            [
                (1, "三、宣传组".to_owned()),
                (2, "（一）组织报道".to_owned()),
                (2, "（二）（三）分组".to_owned())
            ]
        );
        assert_eq!(
            md.warnings
                .iter()
                .filter(|w| w.message.contains("twice"))
                .count(),
            2,
            "{:?}",
            md.warnings
        );
    }

    /// `##` sections typed 一、二、 and a `#` the layout numbers 一、: said.
    #[test]
    fn a_number_typed_for_another_level_is_said() {
        let md = parse_markdown(
            "## 一、以党建引领发展\n\n正文。\n\n## 二、重点指标\n\n正文。\n\n# 本刊专栏欢迎投稿\n\n正文。\n",
            true,
        );
        assert!(
            md.warnings
                .iter()
                .any(|w| w.message.contains("level-2 heading has a level-1 number")),
            "{:?}",
            md.warnings
        );
        let md = parse_markdown(
            "## 一、以党建引领发展\n\n正文。\n\n## 二、重点指标\n\n正文。\n",
            true,
        );
        assert!(md.warnings.is_empty(), "{:?}", md.warnings);
    }

    fn heads_of(blocks: &[Block]) -> Vec<(u8, String)> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading {
                    level,
                    number,
                    inlines,
                } => Some((
                    *level,
                    format!(
                        "{number}{}",
                        inlines.iter().map(|i| i.text.as_str()).collect::<String>()
                    ),
                )),
                _ => None,
            })
            .collect()
    }

    /// 附表 … over a table is its caption; an HTML comment is said as a comment.
    #[test]
    fn an_appended_tables_caption_and_a_comment() {
        let md = parse_markdown(
            "附表 各社区受灾情况统计表\n\n| 社区 | 人数 |\n|---|---|\n| 石门 | 3 |\n\n正文。<!-- 待核实 -->\n",
            true,
        );
        let caption = md.blocks.iter().find_map(|b| match b {
            Block::Table(t) => Some(
                t.caption
                    .iter()
                    .map(|i| i.text.as_str())
                    .collect::<String>(),
            ),
            _ => None,
        });
        assert_eq!(
            caption.as_deref(),
            Some("附表 各社区受灾情况统计表"),
            "{:?}",
            md.blocks
        );
        assert!(
            md.warnings
                .iter()
                .any(|w| w.message.starts_with("an HTML comment")),
            "{:?}",
            md.warnings
        );
    }

    /// `---` straight under a sentence is the divider an editor meant, not a heading;
    /// under a short line it is the heading Markdown makes it.
    #[test]
    fn a_divider_typed_under_a_sentence_is_a_divider() {
        let md = parse_markdown(
            "会议要求，各社区要落实24小时值班制度，值班人员手机保持24小时开机。\n---\n下一段。\n\n工作动态\n---\n",
            true,
        );
        let kinds: Vec<String> = md
            .blocks
            .iter()
            .map(|b| match b {
                Block::Divider { .. } => "divider".to_owned(),
                Block::Heading { level, .. } => format!("h{level}"),
                _ => "p".to_owned(),
            })
            .collect();
        assert_eq!(kinds, ["p", "divider", "p", "h1"], "{:?}", md.blocks);
        assert_eq!(md.warnings.len(), 1, "{:?}", md.warnings);
        assert!(md.warnings[0].message.contains("divider"));
    }

    #[test]
    fn markdown_typed_into_a_txt_is_found() {
        let text = "## 一、主要做法\n**强化政治引领**，推动工作。\n> 引用一段。\n普通段落，#5号楼。\n- 列表项\n";
        let at = txt_markdown_lines(text);
        assert_eq!(at.len(), 3, "{at:?}");
        assert_eq!(at[0], 0);
    }

    #[test]
    fn lines_broken_mid_sentence() {
        let text = "坚持有保有压，\n优化支出结构、\n提高效能。\n二、下一步\n最后一行，\n";
        assert_eq!(broken_lines(text), [1, 2]);
        assert!(broken_lines("一段。\n二段，\n\n三段。\n").is_empty());
    }

    /// A paragraph of an indented text cut after a character, its rest on a line
    /// without the indent, is found (QA14 E 07); headings, names, dates and a text
    /// that indents nothing are not.
    #[test]
    fn indented_paragraph_cut_is_found() {
        let web = "　　一是组织覆盖到一线。支部在重点项目建立临时党小组，把党员编入项目专班。\n　　二是服务延伸到一线。支部党员深入项目现场开展“上门服务”，平均审批时限由\n原来的20个工作日压缩至8个工作日，群众满意率达到99.2%。 \n\n　　三是作风锤炼在一线。支部把项目一线作为锻炼干部、检验作风的练兵场。\n";
        assert_eq!(broken_lines(web), [2]);
        // Cut twice: both cuts.
        let twice = web.replace(
            "平均审批时限由\n原来的20个工作日",
            "平均审批时限由\n原来的20个工作日压缩至8个工作日，而且全程网上办理没有\n纸质材料",
        );
        assert_eq!(broken_lines(&twice), [2, 3]);
        // Unindented headings, a 落款 and a date after text that ends without a mark.
        let parts = "　　全市共有各类市场主体12.6万户，其中企业3.2万户，同比增长百分之八\n二、主要做法\n　　坚持问题导向，聚焦群众急难愁盼问题持续发力，推动各项工作落地见效。\n　　各单位要结合实际认真抓好贯彻落实工作并及时报送进展情况\n■街道启动防汛应急预案四级响应\n　　市委办公室\n";
        assert!(broken_lines(parts).is_empty(), "{:?}", broken_lines(parts));
        // A centred title over its unit; a name under the text.
        let title = format!(
            "　　　　　　关于进一步加强机关党建工作的实施意见\n市委办公室\n{web}　　各单位要结合实际认真抓好贯彻落实工作并及时报送进展情况\n张三\n"
        );
        assert_eq!(broken_lines(&title), [4]);
        // A text that indents nothing: its lines are its paragraphs.
        let flat = web.replace('　', "");
        assert!(!broken_lines(&flat).contains(&2));
    }

    /// Lines that end a sentence and run on into one Markdown paragraph are found (QA12
    /// B 14); a table's notes, numbered lines and lines wrapped mid-sentence are not.
    #[test]
    fn markdown_lines_that_end_a_sentence_and_run_on_are_found() {
        let pasted = "全市划分网格1286个，实现城乡全覆盖。\n会议指出，要推动基层治理转变。\n图片\n会议要求，各地要坚持问题导向。\n";
        assert_eq!(sentence_lines_joined(pasted), Some((1, 2)));
        for fine in [
            "注：按当年价格计算。\n数据来源：市统计局。\n",
            "要求如下：\n1．加快前期工作。\n2．强化要素保障。\n",
            "今年以来，全市坚持有保有压，\n优化支出结构，同比增长3.2%。\n",
            "第一段。\n\n第二段。\n",
            "> 白日依山尽，  \n> 黄河入海流。  \n> 欲穷千里目，  \n> 更上一层楼。\n",
            "> 引文第一段。\n>\n> 引文第二段。\n",
        ] {
            assert_eq!(sentence_lines_joined(fine), None, "{fine}");
        }
        // A poem typed a verse a line in a quotation is one paragraph too (QA18 N 06).
        let poem = "李白的《静夜思》：\n\n> 床前明月光，\n> 疑是地上霜。\n> 举头望明月，\n> 低头思故乡。\n";
        assert_eq!(sentence_lines_joined(poem), Some((4, 1)));
    }

    /// A 公众号's head and tail lines are its furniture, never headings (QA12 B 10); a
    /// heading that mentions a word of them is not.
    #[test]
    fn a_posts_head_and_tail_lines_are_furniture() {
        for t in [
            "点击上方蓝字关注我们",
            "图片",
            "图片来源：网络",
            "（图片来源于网络，侵删）",
            "END",
            "往期推荐",
            "长按识别二维码关注我们",
            "点个“在看”你最好看",
            "阅读原文",
        ] {
            assert!(is_post_furniture(t), "{t}");
        }
        for t in ["主要做法", "关注民生实事", "图片新闻", "点击率提升30%"] {
            assert!(!is_post_furniture(t), "{t}");
        }
        let b = parse_txt_headings(
            "点击上方蓝字关注我们\n11月20日，我市召开2026年基层治理工作推进会，总结前三季度工作。\n图片\n会议指出，全市网格化管理已全面覆盖，办结率达98.7%。\n",
        );
        assert!(
            b.iter().all(|b| !matches!(b, Block::Heading { .. })),
            "{b:?}"
        );
    }

    /// A 简讯's item (▲安平县：…) is no photo's caption; ▲活动现场, ▲图：… and 图为… are
    /// (QA12 A 05).
    #[test]
    fn a_news_items_place_and_colon_make_it_no_caption() {
        let caption = |t: &str| is_photo_caption(&[plain(t.to_owned(), None)]);
        assert!(!caption(
            "▲安平县：19日5:20，石门镇组织冲锋舟6艘，转移被困群众37人。"
        ));
        assert!(!caption("△清溪区：城区积水于19日7时前基本排除。"));
        for t in [
            "▲活动现场",
            "▲图：志愿者在社区开展义诊",
            "图为3月5日调研现场",
            "▲3月5日，市委书记在调研。",
        ] {
            assert!(caption(t), "{t}");
        }
    }

    #[test]
    fn a_caption_written_next_to_a_photo_becomes_its_caption() {
        let caption = |md: &str| -> Vec<String> {
            parse_markdown(md, true)
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Image(p) => {
                        format!(
                            "photo: {}",
                            p.caption
                                .iter()
                                .map(|i| i.text.as_str())
                                .collect::<String>()
                        )
                    }
                    b => b.inlines().iter().map(|i| i.text.as_str()).collect(),
                })
                .collect()
        };
        // After the photo, or else before it.
        assert_eq!(
            caption("正文。\n\n![](a.jpg)\n\n图为调研组座谈。\n\n下文。\n"),
            ["正文。", "photo: 图为调研组座谈。", "下文。"]
        );
        assert_eq!(
            caption("▲ 调研组座谈\n\n![](a.jpg)\n\n下文。\n"),
            ["photo: ▲ 调研组座谈", "下文。"]
        );
        // Centred under it, as WPS users set a caption (QA6).
        assert_eq!(
            caption("![](a.jpg)\n\n<p align=\"center\">图为调研组座谈</p>\n\n下文。\n"),
            ["photo: 图为调研组座谈", "下文。"]
        );
        // A photo with its own caption, a long paragraph, a paragraph that is not one.
        assert_eq!(
            caption("![现场](a.jpg)\n\n图为调研组座谈。\n"),
            ["photo: 现场", "图为调研组座谈。"]
        );
        let long = format!("图为{}。", "很长的说明".repeat(20));
        assert_eq!(
            caption(&format!("![](a.jpg)\n\n{long}\n")),
            ["photo: ".to_string(), long]
        );
        assert_eq!(
            caption("![](a.jpg)\n\n图书馆开放。\n"),
            ["photo: ", "图书馆开放。"]
        );
    }

    /// Each block's kind as a word: closing lines as `body` / `date`.
    fn closing_kinds(blocks: &[Block]) -> Vec<&'static str> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Closing { date: true, .. } => "date",
                Block::Closing { date: false, .. } => "body",
                Block::Heading { .. } => "heading",
                Block::Attachment { .. } => "attachment",
                _ => "paragraph",
            })
            .collect()
    }

    #[test]
    fn short_lines_over_text_are_the_headings_of_a_txt_without_numbers() {
        let body = "各代表小组围绕年度重点工作开展集中视察，深入社区、企业和项目现场，听取意见建议二十余条。";
        let txt = format!(
            "　　十二月以来，各代表团认真组织闭会期间活动。\n第一代表团（东湖区）\n{body}\n第二代表团（西山区）\n{body}\n（摘录）\n记者：张三\n{body}\n青山区人大常委会\n2026年12月1日\n"
        );
        let b = parse_txt_headings(&txt);
        let kinds: Vec<&str> = closing_kinds(&b);
        assert_eq!(
            kinds,
            [
                "paragraph",
                "heading",
                "paragraph",
                "heading",
                "paragraph",
                "paragraph",
                "paragraph",
                "paragraph",
                "body",
                "date"
            ]
        );
        let Block::Heading {
            level,
            number,
            inlines,
        } = &b[1]
        else {
            unreachable!()
        };
        assert_eq!((*level, number.as_str()), (1, ""));
        assert_eq!(inlines[0].text.trim(), "第一代表团（东湖区）");
        // A year is no heading's number: 2020、2021年 opens a sentence.
        assert_eq!(
            typed_heading_level("2020、2021年连续两年获评全省先进单位"),
            None
        );
        assert_eq!(typed_heading_level("12、强化督导问效"), Some(3));
        // One short line alone is text; so are short lines in an article with numbered
        // headings, and a short line with no text after it.
        for txt in [
            format!("第一代表团（东湖区）\n{body}\n{body}\n"),
            format!("一、总体情况\n{body}\n主要做法\n{body}\n存在问题\n{body}\n"),
            format!("{body}\n主要做法\n存在问题\n"),
            format!("一是加强学习\n{body}\n二是狠抓落实\n{body}\n"),
        ] {
            let b = parse_txt_headings(&txt);
            let plain = b
                .iter()
                .filter(|b| {
                    matches!(b, Block::Heading { inlines, .. } if !inlines[0].text.starts_with("一、"))
                })
                .count();
            assert_eq!(plain, 0, "{txt}");
        }
    }

    #[test]
    fn a_closing_is_the_issuing_body_and_the_date_at_an_articles_end() {
        // The usual: text, the issuing body, the date.
        let b = parse_txt_headings(
            "特此通报。\n　　　　　　湖南省人大常委会办公厅\n　　　　　　　2026年3月5日\n",
        );
        assert_eq!(closing_kinds(&b), ["paragraph", "body", "date"]);
        let Block::Closing { inlines, .. } = &b[1] else {
            unreachable!()
        };
        assert_eq!(inlines[0].text.trim(), "湖南省人大常委会办公厅");
        // Two issuing bodies, a date in Chinese numerals, full-width digits, spaces.
        let b =
            parse_txt_headings("正文。\n共青团某某市委员会\n某某市教育局\n二〇二六年三月五日\n");
        assert_eq!(closing_kinds(&b), ["paragraph", "body", "body", "date"]);
        let b = parse_txt_headings("正文。\n２０２６年 ３月 ５日\n");
        assert_eq!(closing_kinds(&b), ["paragraph", "date"]);
        // A judgment's signatures, its 书记员 after the date (alone, it opened a page).
        let b = parse_txt_headings(
            "本判决为终审判决。\n审　判　长　陈××\n审　判　员　李××\n审　判　员　赵××\n二〇二六年五月二十日\n书　记　员　王××\n",
        );
        assert_eq!(
            closing_kinds(&b),
            ["paragraph", "body", "body", "body", "date", "body"]
        );
        let b = parse_txt_headings("正文。\n审判员李××要求当事人陈述。\n书记员王××\n");
        assert_eq!(closing_kinds(&b), ["paragraph", "paragraph", "paragraph"]);
        // After the 附件说明, as GB/T 9704 orders them; in Markdown (and so Word).
        let md = "会议要求认真落实。\n\n附件：会议议程\n\n某某市人民政府办公室\n\n2026年3月5日\n";
        let b = parse_markdown(md, true).blocks;
        assert_eq!(
            closing_kinds(&b),
            ["paragraph", "attachment", "body", "date"]
        );
    }

    #[test]
    fn an_addressee_opens_an_article_flush_left() {
        let kind = |b: &[Block]| matches!(b.first(), Some(Block::Addressee { .. }));
        for txt in [
            "各承办单位：\n现将有关情况通报如下。\n",
            "各县市区人大常委会，市人大常委会各委室：\n正文。\n",
            "同志们:\n正文。\n",
            "市委、市政府：\n正文。\n",
            "尊敬的各位代表、同志们：\n正文。\n",
            "各乡镇、街道，县直各单位：\n正文。\n",
            "各位领导、各位来宾：\n正文。\n",
        ] {
            assert!(kind(&parse_txt_headings(txt)), "{txt:?}");
        }
        assert!(kind(
            &parse_markdown("全市各级人大代表：\n\n正文。\n", true).blocks
        ));
        // After a document's own title kept in the text (a Word Title other than the
        // issue's): the addressee is the second paragraph, flush left.
        let b = parse_markdown(
            "中共临江市纪委 临江市监委关于典型问题的通报\n\n各县（市、区）纪委监委，市属国有企业纪委：\n\n今年第三季度，全市查处问题186起。\n",
            true,
        )
        .blocks;
        assert!(matches!(b.get(1), Some(Block::Addressee { .. })), "{b:?}");
        let b = parse_markdown("会议要求\n\n各单位要高度重视：\n\n正文。\n", true).blocks;
        assert!(
            !b.iter().any(|x| matches!(x, Block::Addressee { .. })),
            "{b:?}"
        );
        // Not first, a sentence, or a long paragraph that happens to end with a colon.
        for txt in [
            "正文。\n各承办单位：\n",
            "会议指出，要抓好落实。具体要求如下：\n一、……\n",
            "一季度各类建议办理情况如下：\n正文。\n",
            "主要做法：\n正文。\n",
            &format!("{}：\n", "很长的一段话".repeat(11)),
            // Sentences that open with 各 (the trial's 党建简报).
            "各单位要高度重视：\n正文。\n",
            "　　各基层党组织对标“五个基本”要求，重点抓好以下工作：\n正文。\n",
        ] {
            assert!(!kind(&parse_txt_headings(txt)), "{txt:?}");
        }
    }

    #[test]
    fn a_table_pasted_into_a_txt_is_a_table() {
        let txt = "办理情况如下：\n表1　建议办理情况\n类别\t交办\t办结\n城建类\t60\t52\n合计\t156\t\n\t这一段以制表符缩进。\n姓名\t张三\n";
        let b = parse_txt_headings(txt);
        assert_eq!(b.len(), 4, "{b:?}");
        let Block::Table(t) = &b[1] else {
            panic!("{:?}", b[1])
        };
        let text = |c: &Vec<Inline>| c.iter().map(|i| i.text.clone()).collect::<String>();
        assert_eq!(text(&t.caption), "表1　建议办理情况");
        assert_eq!(
            t.header.iter().map(text).collect::<Vec<_>>(),
            ["类别", "交办", "办结"]
        );
        // A tab at the end is an empty last cell; every cell keeps its place.
        assert_eq!(
            t.rows[1].iter().map(text).collect::<Vec<_>>(),
            ["合计", "156", ""]
        );
        let cell = &t.rows[0][1][0];
        assert_eq!(&txt[cell.src.clone().unwrap()], "60");
        // Rows indented as pasted (full-width spaces) are rows all the same.
        let indented = parse_txt("　　类别\t交办\n　　城建类\t60\n");
        assert!(matches!(indented.as_slice(), [Block::Table(t)] if t.rows.len() == 1));
        // A paragraph indented by a tab, and a lone line with a tab, stay paragraphs.
        assert!(matches!(&b[2], Block::Paragraph { .. }));
        assert!(matches!(&b[3], Block::Paragraph { .. }));
        // `check` leaves the table's tabs alone, not the lone line's.
        let found =
            crate::proofread::punctuation::scan(txt, crate::proofread::punctuation::Options::TXT);
        let at: Vec<&str> = found.iter().map(|f| &txt[f.span.clone()]).collect();
        let table_end = txt.find("\n\t这一段").unwrap();
        assert_eq!(at, ["\t", "\t"]);
        assert!(found.iter().all(|f| f.span.start > table_end), "{at:?}");
    }

    #[test]
    fn a_txt_table_row_a_cell_short_stays_in_its_table() {
        let txt = "组别\t组长\t成员\t联系电话\n第一组\t王喆\t李明\t0731-1\n第二组\t赵堃\t刘洋\n第三组\t孙伟\t陈刚\t0731-3\n";
        let b = parse_txt(txt);
        let [Block::Table(t)] = b.as_slice() else {
            panic!("{b:?}")
        };
        let text = |c: &Vec<Inline>| c.iter().map(|i| i.text.clone()).collect::<String>();
        let rows: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(text).collect())
            .collect();
        assert_eq!(
            rows,
            [
                ["第一组", "王喆", "李明", "0731-1"],
                ["第二组", "赵堃", "刘洋", ""],
                ["第三组", "孙伟", "陈刚", "0731-3"],
            ]
        );
        // The short row is named, at its line.
        let row2 = txt.find("第二组").unwrap();
        assert_eq!(uneven_tab_rows(txt), [(row2, 3, 4)]);
        // A row with text past the header widens the table; the header is filled out.
        let wide = parse_txt("甲\t乙\n1\t2\t备注\n");
        let [Block::Table(t)] = wide.as_slice() else {
            panic!("{wide:?}")
        };
        assert_eq!(t.header.len(), 3);
        assert_eq!(text(&t.rows[0][2]), "备注");
        // `check --fix` takes out none of the tabs.
        let found =
            crate::proofread::punctuation::scan(txt, crate::proofread::punctuation::Options::TXT);
        assert!(
            found.iter().all(|f| !txt[f.span.clone()].contains('\t')),
            "{found:?}"
        );
        // Nor a lone line's tab between Chinese: it is reported, not fixed.
        let lone = "说明如下。\n第二组\t赵堃\n";
        let found =
            crate::proofread::punctuation::scan(lone, crate::proofread::punctuation::Options::TXT);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].fix, None);
    }

    #[test]
    fn text_that_merely_ends_near_a_date_is_no_closing() {
        // A sentence before the date is text, not an issuing body.
        let b =
            parse_txt_headings("会议于3月5日召开。\n会议要求，各单位抓好落实。\n2026年3月5日\n");
        assert_eq!(closing_kinds(&b), ["paragraph", "paragraph", "date"]);
        // A date inside a sentence, or not last, is text.
        for txt in [
            "正文。\n2026年3月5日上午召开\n",
            "正文。\n2026年3月5日\n后记。\n",
            "正文。\n2026年13号\n",
        ] {
            let b = parse_txt_headings(txt);
            assert!(
                b.iter().all(|b| !matches!(b, Block::Closing { .. })),
                "{txt:?}: {:?}",
                closing_kinds(&b)
            );
        }
        // A heading right before the date stays a heading; at most two bodies.
        let b = parse_txt_headings("正文。\n三、下一步工作\n2026年3月5日\n");
        assert_eq!(closing_kinds(&b), ["paragraph", "heading", "date"]);
        let b = parse_txt_headings("正文\n甲单位\n乙单位\n丙单位\n2026年3月5日\n");
        assert_eq!(
            closing_kinds(&b),
            ["paragraph", "paragraph", "body", "body", "date"]
        );
    }

    /// A reprinted 通知 ends with its 抄送 line after its 落款: the 落款 is found (r23 F39).
    #[test]
    fn a_closing_before_a_copy_line_is_a_closing() {
        let b = parse_txt_headings(
            "正文。\n特此通知。\n江岭市安全生产委员会办公室\n2026年12月20日\n抄送：市委办公室，市政府办公室。\n",
        );
        assert_eq!(
            closing_kinds(&b),
            ["paragraph", "paragraph", "body", "date", "paragraph"]
        );
    }

    /// Two 批示 in one article, each signed: both signers and dates are 落款 where they
    /// stand, dated with the year or without (7月10日, as 批示 are dated).
    #[test]
    fn each_signed_excerpt_has_its_closing_where_it_stands() {
        for (first, second) in [("2026年7月10日", "2026年7月11日"), ("7月10日", "7月11日")]
        {
            let txt = format!(
                "陈××院长批示：\n各基层法院要对照指标查找短板。\n陈××\n{first}\n林××常务副院长批示：\n请审管办每月通报一次。\n林××\n{second}\n"
            );
            let b = parse_txt_headings(&txt);
            assert_eq!(
                closing_kinds(&b),
                [
                    "paragraph",
                    "paragraph",
                    "body",
                    "date",
                    "paragraph",
                    "paragraph",
                    "body",
                    "date"
                ],
                "{txt}"
            );
        }
        // Not a sentence before the signer, a signer too long, or a day in a chronicle.
        for txt in [
            "陈××院长批示\n陈××\n7月10日\n正文。\n",
            "正文。\n青山县人民政府办公室关于进一步加强\n7月10日\n正文。\n",
            "正文。\n7月10日\n召开会议。\n",
        ] {
            let b = parse_txt_headings(txt);
            assert!(
                b.iter().all(|b| !matches!(b, Block::Closing { .. })),
                "{txt:?}: {:?}",
                closing_kinds(&b)
            );
        }
    }

    /// Headings the author marked (■…) over their text are not a paragraph cut at a
    /// width: `check --fix` joined them with their text (QA9).
    #[test]
    fn marked_headings_are_no_cut_paragraph() {
        let txt = "■街道启动“暖冬行动”走访慰问困难群众\n12月1日，街道班子成员分组深入8个社区，走访慰问困难群众136户。\n■“平安青石”冬季消防安全大检查全面展开\n11月下旬以来，街道对辖区开展拉网式检查，共检查场所412家。\n";
        assert_eq!(broken_lines(txt), Vec::<usize>::new());
        // Unmarked, two long unfinished lines of one width are one.
        assert_eq!(broken_lines(&txt.replace('■', "")).len(), 2);
    }

    #[test]
    fn a_long_case_heading_among_typed_headings_is_one() {
        // A 通报's case headings: the long one printed as body text among 二、…五、 (QA6).
        let long =
            "一、江岭县交通运输局原党组书记、局长张某某违规收受礼品礼金、接受管理服务对象宴请问题";
        let txt = format!(
            "现将2起典型问题通报如下：\n{long}\n2021年至2025年，张某某多次收受礼金。\n二、青山区○○镇镇长李××违规发放津贴补贴问题\n2024年3月，李××违规发放津贴补贴。\n"
        );
        let headings = |b: &[Block]| -> Vec<String> {
            b.iter()
                .filter_map(|b| match b {
                    Block::Heading { inlines, .. } => {
                        Some(inlines.iter().map(|i| i.text.as_str()).collect())
                    }
                    _ => None,
                })
                .collect()
        };
        let found = headings(&parse_txt_headings(&txt));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0], long);
        let md = parse_markdown(&txt.replace('\n', "\n\n"), true).blocks;
        assert_eq!(headings(&md).len(), 2, "{md:?}");
        // Alone, a long numbered line is text; so is one that holds a sentence's end.
        let alone = format!("{long}\n张某某多次收受礼金。\n");
        assert!(headings(&parse_txt_headings(&alone)).is_empty());
        let sentence = txt.replace("宴请问题", "宴请。已立案审查");
        assert_eq!(headings(&parse_txt_headings(&sentence)).len(), 1);
    }

    #[test]
    fn an_attachment_list_is_not_taken_for_headings() {
        let txt = "会议认为，……\n附件：1．会议议程\n　　　2．出席人员名单\n3．列席人员名单\n一、下一部分\n";
        let b = parse_txt_headings(txt);
        let kinds: Vec<&str> = b
            .iter()
            .map(|b| match b {
                Block::Heading { .. } => "heading",
                Block::Attachment { first: true, .. } => "attachments",
                Block::Attachment { first: false, .. } => "item",
                _ => "paragraph",
            })
            .collect();
        assert_eq!(
            kinds,
            ["paragraph", "attachments", "item", "item", "heading"]
        );
        // A Word file's second item, made a heading by the converter (short, numbered,
        // a paragraph of its own): an item, not bold.
        let md = parse_markdown("附件：1.实施方案\n\n### 2.活动报名表\n", true).blocks;
        assert!(
            matches!(
                md.as_slice(),
                [
                    Block::Attachment { first: true, .. },
                    Block::Attachment { first: false, inlines }
                ] if inlines.iter().map(|i| i.text.as_str()).collect::<String>() == "2.活动报名表"
                    && inlines.iter().all(|i| !i.strong)
            ),
            "{md:?}"
        );
        // With an empty line between the items, and without (QA3 04: 2． ran on).
        for typed in [
            "附件：1．会议议程\n\n2．出席人员名单\n",
            "附件：1．会议议程\n2．出席人员名单\n",
        ] {
            let md = parse_markdown(typed, true).blocks;
            assert!(
                matches!(
                    md.as_slice(),
                    [
                        Block::Attachment { first: true, .. },
                        Block::Attachment { first: false, .. }
                    ]
                ),
                "{md:?}"
            );
        }
        // 附： as offices shorten it; its second item is no heading.
        let b = parse_txt_headings(
            "正文。\n附：1．主要经济指标完成情况表\n2．重点企业调研问卷汇总情况\n",
        );
        assert!(
            matches!(
                b.as_slice(),
                [
                    Block::Paragraph { .. },
                    Block::Attachment { first: true, .. },
                    Block::Attachment { first: false, .. }
                ]
            ),
            "{b:?}"
        );
        // A lone attachment, and a numbered line that follows no 附件：.
        let b = parse_txt_headings("正文。\n附件：会议纪要\n");
        assert!(matches!(b[1], Block::Attachment { first: true, .. }));
        let b = parse_txt_headings("正文。\n2．第二点，另起一段。\n");
        assert!(b.iter().all(|b| !matches!(b, Block::Attachment { .. })));
    }

    #[test]
    fn numbered_items_on_lines_of_their_own_stay_paragraphs() {
        let md = "要求如下：\n1．加快前期工作；\n2．强化要素保障；\n（3）优化审批服务。\n一、另起一项。\n";
        let all: Vec<String> = parse_markdown(md, true).blocks.iter().map(texts).collect();
        assert_eq!(
            all,
            [
                "要求如下：",
                "1．加快前期工作；",
                "2．强化要素保障；",
                "（3）优化审批服务。",
                "一、另起一项。"
            ]
        );
        // An item whose text opens with a quotation or a title (a statistics
        // table's standard notes ran on, QA12 A 06).
        let md = "有关说明如下：\n1.增速按不变价格计算；\n2.“—”表示无此项数据；\n3.《统计法》规定的其他事项；\n4.全省位次按增速排列。\n";
        assert_eq!(parse_markdown(md, true).blocks.len(), 5, "{md}");
        // A line wrapped in mid-sentence, or opening with a number that is not an
        // item's, joins as Markdown says.
        for md in [
            "增长\n2．5个百分点。\n",
            "同比增长\n2.5%。\n",
            "完成。\n第二季度开工。\n",
        ] {
            assert_eq!(parse_markdown(md, true).blocks.len(), 1, "{md}");
        }
        // Topics typed one a line with no mark at their ends (they ran together into
        // «1、课程建设2、教材建设3、师资培训»).
        let md = "本学期重点工作包括：\n1、课程建设\n2、教材建设\n3、师资培训\n";
        // A list under a lead-in with no colon: the first item is an item too.
        for typed in [
            "要求：\n1.健全机制\n2.强化考核\n",
            "要求：\n(1)健全机制\n(2)强化考核\n",
        ] {
            assert_eq!(parse_markdown(typed, true).blocks.len(), 3, "{typed}");
        }
        assert_eq!(
            parse_markdown("增长了\n2.5个百分点。\n", true).blocks.len(),
            1
        );
        let lead = "主要成效\n①参评率提高\n②满意度提升\n";
        let items: Vec<String> = parse_markdown(lead, true)
            .blocks
            .iter()
            .map(texts)
            .collect();
        assert_eq!(items, ["主要成效", "①参评率提高", "②满意度提升"]);
        // 2、3项 is two numbers in a sentence cut at its line's end.
        assert_eq!(
            parse_markdown("1、全年完成教改项目共\n2、3项为省级项目。\n", true)
                .blocks
                .len(),
            1
        );
        let all: Vec<String> = parse_markdown(md, true).blocks.iter().map(texts).collect();
        assert_eq!(
            all,
            [
                "本学期重点工作包括：",
                "1、课程建设",
                "2、教材建设",
                "3、师资培训"
            ]
        );
    }

    /// YAML front matter over the text (Typora, Obsidian) printed as a ※ divider over
    /// a heading «title: …author: …»: it is not printed, and said.
    #[test]
    fn front_matter_is_not_printed() {
        let md =
            "---\ntitle: 学生评教工作情况\nauthor: 教务处\ntags:\n  - 评教\n---\n\n正文第一段。\n";
        let parsed = parse_markdown(md, true);
        let all: Vec<String> = parsed.blocks.iter().map(texts).collect();
        assert_eq!(all, ["正文第一段。"]);
        assert!(
            parsed
                .warnings
                .iter()
                .any(|w| w.offset == 0 && w.message.contains("title:, author:, tags:")),
            "{:?}",
            parsed
                .warnings
                .iter()
                .map(|w| &w.message)
                .collect::<Vec<_>>()
        );
        // A divider at the top with text under it is the divider it is.
        let md = "---\n\n正文第一段。\n\n---\n";
        assert!(
            parse_markdown(md, true)
                .warnings
                .iter()
                .all(|w| !w.message.contains("front matter"))
        );
    }

    /// A comment over several lines (a «not for print» note) printed, markers and all,
    /// while the build said it did not; one never closed hides all after it, said.
    #[test]
    fn a_comment_over_several_lines_is_not_printed() {
        for md in [
            "第一段。\n\n<!--\n暂不刊发的内容。\n-->\n\n第二段。\n",
            "第一段。\n\n<!-- 以下内容暂不刊发：\n某学院评教问题正在调查中。 -->\n\n第二段。\n",
        ] {
            let parsed = parse_markdown(md, true);
            let all: Vec<String> = parsed.blocks.iter().map(texts).collect();
            assert_eq!(all, ["第一段。", "第二段。"], "{md}");
            assert!(
                parsed
                    .warnings
                    .iter()
                    .any(|w| w.message.contains("an HTML comment is not printed"))
            );
        }
        let parsed = parse_markdown("第一段。\n\n<!-- 待定\n\n第二段。\n", true);
        let all: Vec<String> = parsed.blocks.iter().map(texts).collect();
        assert_eq!(all, ["第一段。"]);
        assert!(
            parsed
                .warnings
                .iter()
                .any(|w| w.message.contains("never closed"))
        );
    }

    /// A photo in a note is not placed, and that is said (it went silently).
    #[test]
    fn a_photo_in_a_note_is_said() {
        let md = "正文[^1]。\n\n[^1]: 注释中见![注图](g.jpg)所示。\n";
        let parsed = parse_markdown(md, true);
        assert!(
            parsed
                .warnings
                .iter()
                .any(|w| w.message.contains("is in a note"))
        );
        assert!(
            !parsed
                .warnings
                .iter()
                .any(|w| w.message.contains("inside a sentence"))
        );
    }

    /// A note defined twice lost its second text with nothing said.
    #[test]
    fn a_note_defined_twice_is_said() {
        let md = "正文[^1]。\n\n[^1]: 第一条注释。\n\n[^1]: 重复定义的注释。\n";
        let parsed = parse_markdown(md, true);
        let twice: Vec<&MdWarning> = parsed
            .warnings
            .iter()
            .filter(|w| w.message.contains("defined twice"))
            .collect();
        assert_eq!(twice.len(), 1);
        assert_eq!(twice[0].offset, md.rfind("[^1]:").unwrap());
    }

    /// A photo inside a sentence cut it in two (page 2 opened with «，系统运行平稳。»): it
    /// is set after the paragraph, said; one on a line of its own stays where it is.
    #[test]
    fn a_photo_inside_a_sentence_goes_after_its_paragraph() {
        let md = "如图所示![评教系统](big.jpg){width=60%}，系统运行平稳。\n\n下一段。\n";
        let parsed = parse_markdown(md, true);
        let kinds: Vec<String> = parsed
            .blocks
            .iter()
            .map(|b| match b {
                Block::Image(p) => format!("photo {} {:?}", p.src, p.want),
                b => texts(b),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "如图所示，系统运行平稳。",
                "photo big.jpg Some(0.6)",
                "下一段。"
            ]
        );
        assert!(
            parsed
                .warnings
                .iter()
                .any(|w| w.offset == 12 && w.message.contains("inside a sentence"))
        );
        let md = "会议现场如下：\n\n![会议现场](a.jpg)\n\n会议结束。\n";
        let kinds: Vec<String> = parse_markdown(md, true)
            .blocks
            .iter()
            .map(|b| match b {
                Block::Image(p) => format!("photo {}", p.src),
                b => texts(b),
            })
            .collect();
        assert_eq!(kinds, ["会议现场如下：", "photo a.jpg", "会议结束。"]);
    }

    /// A picture given in HTML (Typora's zoomed picture, one in a centred div) is the
    /// photo it is: it vanished with its tags.
    #[test]
    fn a_picture_given_in_html_is_a_photo() {
        let md = "会议现场如下。\n\n<img src=\"a.jpg\" alt=\"会议现场\" style=\"zoom:50%;\" />\n\n<div align=\"center\"><img src='b c.jpg' width=\"295\"></div>\n\n后文。\n";
        let parsed = parse_markdown(md, true);
        let photos: Vec<(String, Option<f64>, String)> = parsed
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Image(p) => Some((
                    p.src.clone(),
                    p.want,
                    p.caption.iter().map(|i| i.text.as_str()).collect(),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            photos,
            [
                ("a.jpg".to_owned(), Some(0.5), "会议现场".to_owned()),
                ("b c.jpg".to_owned(), Some(0.5), String::new()),
            ]
        );
        // The places after them stay: a photo inside a sentence is said at its column.
        let md = "<img src=\"a.jpg\" alt=\"会议现场\" style=\"zoom:50%;\" />\n\n如图![灰度图](g.jpg)所示。\n";
        let parsed = parse_markdown(md, true);
        let at = parsed
            .warnings
            .iter()
            .find(|w| w.message.contains("inside a sentence"))
            .map(|w| w.offset);
        assert_eq!(at, md.find("![灰度图]"));
    }

    /// A line break between Latin words is a space (it fused «Introduction
    /// toAlgorithms», «H.Cormen»); beside Chinese, in a URL and in a number, none.
    #[test]
    fn a_line_break_between_latin_words_is_a_space() {
        for (md, want) in [
            (
                "参考教材为Introduction to\nAlgorithms（第3版），作者Thomas H.\nCormen等。\n",
                "参考教材为Introduction to Algorithms（第3版），作者Thomas H. Cormen等。",
            ),
            ("会议要求\n各单位落实。\n", "会议要求各单位落实。"),
            (
                "详见https://example.edu.cn/\nnotice。\n",
                "详见https://example.edu.cn/notice。",
            ),
            ("共计1,2\n34人。\n", "共计1,234人。"),
            (
                "以版本号v2.\n0为准，平均85.\n5分。\n",
                "以版本号v2.0为准，平均85.5分。",
            ),
            (
                "见www.example.com/a.\nhtml页面。\n",
                "见www.example.com/a.html页面。",
            ),
        ] {
            let all: Vec<String> = parse_markdown(md, true).blocks.iter().map(texts).collect();
            assert_eq!(all, [want], "{md}");
        }
    }

    #[test]
    fn headings_the_author_named_in_order_are_not_numbered_after_them() {
        // The trial's 会议简报: 第一…第二代表团, then 列席人员意见 printed 三、.
        let md = "## 第一代表团（东湖区）\n\n正文。\n\n## 第二代表团（西山区）\n\n正文。\n\n## 列席人员意见\n\n正文。\n";
        assert_eq!(
            heads(md),
            vec![(1, String::new()), (1, String::new()), (1, String::new())]
        );
    }

    #[test]
    fn a_heading_that_opens_with_an_ordinal_word_is_numbered_with_the_others() {
        // The trial's 党建简报: 第四季度 (a season) took the numbers off every heading.
        let md = "# 前三季度工作成效\n\n正文。\n\n# 第四季度重点任务\n\n正文。\n";
        assert_eq!(heads(md), vec![(1, "一、".into()), (1, "二、".into())]);
        let md = "# 基本情况\n\n正文。\n\n# 第一书记驻村工作\n\n正文。\n\n# ①号楼改造\n\n正文。\n";
        assert_eq!(
            heads(md),
            vec![(1, "一、".into()), (1, "二、".into()), (1, "三、".into())]
        );
        // A part's number is the author's: 第一部分 is not numbered again.
        let md = "# 第一部分　总体情况\n\n正文。\n\n# 主要做法\n\n正文。\n";
        assert_eq!(heads(md), vec![(1, String::new()), (1, String::new())]);
    }

    #[test]
    fn pandoc_sub_and_superscripts_are_set_so_and_ranges_typed_with_tildes_are_text() {
        let inlines = |md: &str| match parse_markdown(md, true).blocks.into_iter().next() {
            Some(Block::Paragraph { inlines }) => inlines
                .into_iter()
                .map(|i| (i.text, i.sup, i.sub))
                .collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            inlines("排放H~2~O和10^3^吨。"),
            [
                ("排放H".into(), false, false),
                ("2".into(), false, true),
                ("O和10".into(), false, false),
                ("3".into(), true, false),
                ("吨。".into(), false, false),
            ]
        );
        let text = |md: &str| inlines(md).into_iter().map(|(t, ..)| t).collect::<String>();
        for md in [
            "每日9:00~17:00，周六9:00~12:00办理。",
            "气温3~5℃，湿度60~80%。",
            "2^10 约为 1000，x^2 + y^2。",
        ] {
            assert_eq!(text(md), md);
            assert!(inlines(md).iter().all(|(_, sup, sub)| !sup && !sub), "{md}");
        }
    }

    #[test]
    fn markdown_headings_are_numbered_by_level() {
        let md = "# 总体要求\n\n正文。\n\n## 目标\n\n### 细则\n\n#### 条目\n\n## 任务\n\n# 二、已有编号\n\n# 保障\n";
        assert_eq!(
            heads(md),
            vec![
                (1, "一、".into()),
                (2, "（一）".into()),
                (3, "1.".into()),
                (4, "（1）".into()),
                (2, "（二）".into()),
                (1, "".into()),
                (1, "三、".into()),
            ]
        );
    }

    #[test]
    fn markdown_strong_emphasis_and_joined_lines() {
        let b = parse_markdown("这是**重点**和*强调*，\n续行。\n", true).blocks;
        assert_eq!(b.len(), 1);
        let inl = b[0].inlines();
        assert_eq!(texts(&b[0]), "这是重点和强调，续行。");
        assert!(inl.iter().any(|i| i.strong && i.text == "重点"));
        assert!(inl.iter().any(|i| i.emph && i.text == "强调"));
    }

    #[test]
    fn a_byline_typed_as_compiled_by_is_found() {
        let text = "会议表决通过了大会选举办法草案。\n（大会秘书处代表联络组整理）\n";
        assert!(matches!(
            trailing_byline(text, false, None),
            Some((_, Trailing::Unsigned))
        ));
        assert!(trailing_byline("正文。\n资料收集整理\n", false, None).is_none());
    }

    #[test]
    fn a_rule_typed_with_dashes_in_a_txt_is_a_divider() {
        let blocks = parse_txt("第一段。\n——————\n第二段。\n______\n");
        let dividers = blocks
            .iter()
            .filter(|b| matches!(b, Block::Divider { .. }))
            .count();
        assert_eq!(dividers, 2, "{blocks:?}");
    }

    #[test]
    fn divider_lines_in_a_txt_are_dividers() {
        let b = parse_txt("甲。\n※※※\n乙。\n ※ ※ ※ \n丙。\n***\n丁。\n★\n二、**重点**\n");
        let kinds: Vec<bool> = b
            .iter()
            .map(|b| matches!(b, Block::Divider { .. }))
            .collect();
        assert_eq!(
            kinds,
            [false, true, false, true, false, true, false, false, false]
        );
        assert_eq!(texts(&b[1]), DIVIDER);
    }

    #[test]
    fn divider_lines_typed_in_markdown_are_dividers_as_in_a_txt() {
        // A ※ line and ＊＊＊ printed as paragraphs at the left, beside the centred
        // `***` of the same file (QA 13-dividers).
        let b = parse_markdown(
            "甲。\n\n※　※　※\n\n乙。\n\n＊＊＊\n\n丙。\n\n***\n\n> ※\n\n丁※。\n",
            true,
        )
        .blocks;
        let kinds: Vec<bool> = b
            .iter()
            .map(|b| matches!(b, Block::Divider { .. }))
            .collect();
        assert_eq!(kinds, [false, true, false, true, false, true, false, false]);
        assert_eq!(texts(&b[1]), DIVIDER);
    }

    #[test]
    fn strong_next_to_chinese_marks_is_bold() {
        // CommonMark leaves these asterisks as text; Chinese interviews are typed so.
        let b = parse_markdown(
            "**记者：**离开母校四十年了。\n\n他说：**“这是重点。”**然后走了，**好**。\n\n\\*\\*不是粗体\\*\\*，**单个\n",
            true,
        )
        .blocks;
        let bold = |b: &Block| -> Vec<String> {
            b.inlines()
                .iter()
                .filter(|i| i.strong)
                .map(|i| i.text.clone())
                .collect()
        };
        assert_eq!(texts(&b[0]), "记者：离开母校四十年了。");
        assert_eq!(bold(&b[0]), ["记者："]);
        assert_eq!(texts(&b[1]), "他说：“这是重点。”然后走了，好。");
        // (The colon goes with the quotation's mark, to be compressed with it.)
        assert_eq!(bold(&b[1]).concat(), "：“这是重点。”好");
        // Escaped asterisks and an unpaired one print as typed.
        assert_eq!(texts(&b[2]), "**不是粗体**，**单个");
        assert!(bold(&b[2]).is_empty());
    }

    /// Word's italic runs are written `*…*`; ending in a mark before a letter, CommonMark
    /// left the asterisks as text and they printed (r23 F19). A product between figures
    /// (`3*4*5万元`) was taken for emphasis and printed 345万元 (r23 F35).
    #[test]
    fn italic_next_to_chinese_marks_is_italic_and_a_product_keeps_its_asterisks() {
        let b = parse_markdown(
            "会议强调，*要坚持“内容为王”，*提高实效。\n\n规格为3*4*5万元，面积1.2*0.8米，*斜体*。\n\n带*号的为必填项。\n",
            true,
        )
        .blocks;
        let italic = |b: &Block| -> String {
            b.inlines()
                .iter()
                .filter(|i| i.emph)
                .map(|i| i.text.clone())
                .collect()
        };
        assert_eq!(texts(&b[0]), "会议强调，要坚持“内容为王”，提高实效。");
        assert_eq!(italic(&b[0]), "要坚持“内容为王”，");
        assert_eq!(texts(&b[1]), "规格为3*4*5万元，面积1.2*0.8米，斜体。");
        assert_eq!(italic(&b[1]), "斜体");
        // An unpaired one prints as typed.
        assert_eq!(texts(&b[2]), "带*号的为必填项。");
        assert_eq!(italic(&b[2]), "");
    }

    /// Emphasis by underscores, or by asterisks inside a Latin word, is said: its
    /// marks went unsaid (`a*b*c` printed abc, `__init__` init, QA7).
    #[test]
    fn emphasis_the_author_likely_meant_as_text_is_said() {
        let md = parse_markdown(
            "使用a*b*c，_重要_，__init__。\n\n**粗体**和*斜体*，中_文_字。\n",
            true,
        );
        let said: Vec<&str> = md.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(
            said[0].contains("«*b*»") && said[0].contains("italic"),
            "{said:?}"
        );
        assert!(said[1].contains("«_重要_»"), "{said:?}");
        assert!(
            said[2].contains("«__init__»") && said[2].contains("bold"),
            "{said:?}"
        );
    }

    /// Items numbered as a register numbers them (督办编号 12. 15. 21.) keep their
    /// numbers (they printed 12. 13. 14., r23 F41); a list typed 1. 1. 1. is counted.
    #[test]
    fn a_lists_typed_numbers_are_kept_and_repeated_ones_counted() {
        let b = parse_markdown("12. 甲\n15. 乙\n21. 丙\n", true).blocks;
        let t: Vec<String> = b.iter().map(texts).collect();
        assert_eq!(t, ["12.甲", "15.乙", "21.丙"]);
        let b = parse_markdown("1. 甲\n1. 乙\n1. 丙\n", true).blocks;
        let t: Vec<String> = b.iter().map(texts).collect();
        assert_eq!(t, ["1.甲", "2.乙", "3.丙"]);
    }

    /// A quotation's source typed on the line right under it, as the README shows it,
    /// is a paragraph of its own (it ran on after the quotation, r23 F9).
    #[test]
    fn a_quotations_source_under_it_is_its_own_paragraph() {
        for md in [
            "> 项目建设是经济发展的重要支撑。\n> ——县政协原副主席　王某\n",
            "> 项目建设是经济发展的重要支撑。\n>\n> ——县政协原副主席　王某\n",
        ] {
            let b = parse_markdown(md, true).blocks;
            let t: Vec<String> = b.iter().map(texts).collect();
            assert_eq!(
                t,
                ["项目建设是经济发展的重要支撑。", "——县政协原副主席　王某"],
                "{md}"
            );
            assert!(b.iter().all(|b| matches!(b, Block::Quote { .. })), "{md}");
        }
    }

    /// A heading typed 一是… is the author's own count: not numbered on top (it
    /// printed （一）一是…, r23 F30). Notes typed on lines of their own under a table
    /// are notes each (注1：…。⏎注2：… ran into one, r23 F26).
    #[test]
    fn a_heading_counted_by_its_author_and_notes_on_their_own_lines() {
        let b = parse_markdown(
            "## 一是思想认识不到位\n\n正文。\n\n## 工作措施\n\n正文。\n",
            true,
        )
        .blocks;
        let numbers: Vec<String> = b
            .iter()
            .filter_map(|b| match b {
                Block::Heading { number, .. } => Some(number.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(numbers[0], "");
        assert!(!numbers[1].is_empty(), "{numbers:?}");
        let b = parse_markdown(
            "| 学校 | 人数 |\n|---|---|\n| 甲 | 1 |\n\n注1：人数截至9月30日。\n注2：分别统计。\n",
            true,
        )
        .blocks;
        let Block::Table(t) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(t.notes.len(), 2, "{:?}", t.notes);
    }

    /// A `表1 …` line over a table written in HTML is its caption, as over a pipe table
    /// (r23 F22).
    #[test]
    fn a_caption_over_an_html_table_is_its_caption() {
        let b = parse_markdown(
            "表1 城区学校招生计划\n\n<table><tr><th>学校</th><th>人数</th></tr><tr><td>一中</td><td>600</td></tr></table>\n",
            true,
        )
        .blocks;
        assert_eq!(b.len(), 1, "{b:?}");
        let Block::Table(t) = &b[0] else {
            panic!("{b:?}")
        };
        let caption: String = t.caption.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(caption, "表1 城区学校招生计划");
    }

    #[test]
    fn markdown_lists_become_paragraphs() {
        let b = parse_markdown("1. 甲项\n2. 乙项\n\n- 丙项\n", true).blocks;
        assert_eq!(b.len(), 3);
        assert_eq!(texts(&b[0]), "1.甲项");
        // A bullet prints: ● before the item's text.
        assert_eq!(texts(&b[2]), "●丙项");
        assert!(b.iter().all(|b| matches!(b, Block::Paragraph { .. })));
    }

    #[test]
    fn centred_html_lines_are_centred_lines_and_the_addressee_follows_them() {
        let md = "<p align=\"center\">县委常委、副县长　张明华</p>\n\n<center>（2026年3月2日）</center>\n\n同志们：\n\n今天召开会议。\n";
        let parsed = parse_markdown(md, true);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        let kinds: Vec<String> = parsed
            .blocks
            .iter()
            .map(|b| match b {
                Block::Centered { .. } => format!("centred {}", texts(b)),
                Block::Addressee { .. } => format!("addressee {}", texts(b)),
                b => texts(b),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "centred 县委常委、副县长　张明华",
                "centred （2026年3月2日）",
                "addressee 同志们：",
                "今天召开会议。"
            ]
        );
        // Other HTML is said, as before.
        assert_eq!(parse_markdown("<div>甲</div>\n", true).warnings.len(), 1);
    }

    #[test]
    fn a_closing_typed_in_one_paragraph_with_line_breaks_is_a_closing() {
        let b = parse_markdown("正文。\n\n青山县教育局\\\n2026年3月30日\n", true).blocks;
        let closing: Vec<(String, bool)> = b
            .iter()
            .filter_map(|b| match b {
                Block::Closing { date, .. } => Some((texts(b), *date)),
                _ => None,
            })
            .collect();
        assert_eq!(
            closing,
            [
                ("青山县教育局".into(), false),
                ("2026年3月30日".into(), true)
            ]
        );
        // A paragraph with a line break that is not a 落款 stays one.
        let b = parse_markdown("正文。\n\n第一行\\\n第二行。\n", true).blocks;
        assert!(matches!(b.last(), Some(Block::Paragraph { .. })), "{b:?}");
    }

    /// A 落款 typed on lines of its own with no empty line before or between them (a
    /// Markdown soft break): its lines, not one line of text «…办公室2026年3月19日»
    /// (QA2 01). Under the text's last sentence, with no empty line, too; a date under
    /// a lead-in (时间：) is text.
    #[test]
    fn a_closing_typed_on_lines_of_its_own_in_markdown_is_a_closing() {
        let closing = |md: &str| -> Vec<(String, bool)> {
            parse_markdown(md, true)
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Closing { date, .. } => Some((texts(b), *date)),
                    _ => None,
                })
                .collect()
        };
        let two = [
            ("江岭市安全生产委员会办公室".to_owned(), false),
            ("2026年3月19日".to_owned(), true),
        ];
        assert_eq!(
            closing("请严格执行值班制度。\n\n江岭市安全生产委员会办公室\n2026年3月19日\n"),
            two
        );
        assert_eq!(
            closing("请严格执行值班制度。\n江岭市安全生产委员会办公室\n2026年3月19日\n"),
            two
        );
        let b = parse_markdown(
            "请严格执行值班制度。\n江岭市安全生产委员会办公室\n2026年3月19日\n",
            true,
        )
        .blocks;
        assert_eq!(texts(&b[0]), "请严格执行值班制度。", "{b:?}");
        assert_eq!(
            closing("正文。\n\n中共青山县委办公室\n青山县人民政府办公室\n2026年3月19日\n").len(),
            3
        );
        assert!(closing("会议定于下周召开。\n\n时间：\n2026年3月19日\n").is_empty());
        // Joined as before where the lines are text: no 落款 at the end.
        let b = parse_markdown("今年以来\n全市各级各部门\n扎实推进工作。\n", true).blocks;
        assert_eq!(b.len(), 1, "{b:?}");
    }

    /// A speech's salutation to its members and officers is its addressee, set at the
    /// left as 同志们： is (QA2 05, 09: indented as text).
    #[test]
    fn a_salutation_to_members_and_officers_is_the_addressee() {
        for md in [
            "各位委员，同志们：\n\n会议就要闭幕了。\n",
            "主任、各位副主任、秘书长、各位委员：\n\n现作如下说明。\n",
        ] {
            let b = parse_markdown(md, true).blocks;
            assert!(matches!(b[0], Block::Addressee { .. }), "{md}: {b:?}");
        }
        // A lead-in that ends in a word ending as an officer's title does is text.
        for md in [
            "一季度经济较快增长：\n\n全市……\n",
            "全员动员：\n\n各单位……\n",
        ] {
            let b = parse_markdown(md, true).blocks;
            assert!(matches!(b[0], Block::Paragraph { .. }), "{md}: {b:?}");
        }
    }

    /// A letter's 敬礼 after 此致 is set flush left (QA2 03); 此致 is text, and a
    /// 敬礼 elsewhere too.
    #[test]
    fn a_letters_salute_is_flush_left() {
        let b = parse_markdown(
            "望采纳。\n\n此致\n\n敬礼！\n\n李晓燕\n\n2026年3月10日\n",
            true,
        )
        .blocks;
        assert!(matches!(b[1], Block::Paragraph { .. }), "{b:?}");
        assert!(matches!(b[2], Block::Addressee { .. }), "{b:?}");
        let b = parse_markdown("向他们致以崇高的\n\n敬礼！\n", true).blocks;
        assert!(matches!(b[1], Block::Paragraph { .. }), "{b:?}");
    }

    #[test]
    fn merge_marks_in_a_pipe_table_merge_its_cells() {
        let md = "| 板块 | 营业收入 | << |\n|---|---|---|\n| ^^ | 金额 | 同比 |\n| 制造 | 112.3 | 2.1 |\n| 备注 | 未审计 | << |\n";
        let b = parse_markdown(md, true).blocks;
        let Block::Table(t) = &b[0] else {
            panic!("{b:?}")
        };
        let spans: Vec<_> = t
            .spans
            .iter()
            .map(|s| (s.row, s.col, s.colspan, s.rowspan))
            .collect();
        assert_eq!(spans, [(0, 0, 1, 2), (0, 1, 2, 1), (3, 1, 2, 1)]);
        // 板块 spans into the second row: the header is two rows.
        assert_eq!(t.header_rows, 1);
        // The marks are gone from the cells they cover.
        assert!(
            t.cells()
                .all(|c| c.iter().all(|i| !i.text.contains("<<") && i.text != "^^"))
        );
        // A mark with nothing to merge with is text.
        let b = parse_markdown("| << | ^^ |\n|---|---|\n| a | b |\n", true).blocks;
        let Block::Table(t) = &b[0] else {
            panic!("{b:?}")
        };
        assert!(t.spans.is_empty());
        assert_eq!(texts_of(&t.header), ["<<", "^^"]);
    }

    fn texts_of(row: &[Vec<Inline>]) -> Vec<String> {
        row.iter()
            .map(|c| c.iter().map(|i| i.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn sup_and_sub_tags_raise_and_lower_their_text() {
        let md = parse_markdown("面积12.6万m<sup>2</sup>，CO<SUB>2</SUB>排放。\n", true);
        assert!(md.warnings.is_empty(), "{:?}", md.warnings);
        let Block::Paragraph { inlines } = &md.blocks[0] else {
            panic!("{:?}", md.blocks)
        };
        let marked: Vec<_> = inlines
            .iter()
            .map(|i| (i.text.as_str(), i.sup, i.sub))
            .collect();
        assert_eq!(
            marked,
            [
                ("面积12.6万m", false, false),
                ("2", true, false),
                ("，CO", false, false),
                ("2", false, true),
                ("排放。", false, false)
            ]
        );
        // Any other tag is said, as before.
        assert_eq!(parse_markdown("a<b>c</b>\n", true).warnings.len(), 2);
    }

    #[test]
    fn a_list_typed_with_brackets_keeps_them_and_deep_headings_are_the_fourth_level() {
        let md = parse_markdown("1) 甲项\n2) 乙项\n3) 丙项\n", true);
        let b = md.blocks;
        assert_eq!(texts(&b[0]), "1）甲项");
        assert_eq!(texts(&b[1]), "2）乙项");
        assert_eq!(texts(&b[2]), "3）丙项");
        // `##` is the top: `####` is the third level, `#####` the fourth (they were
        // both the third), `######` is the fourth and said.
        let md = parse_markdown("## 甲\n\n#### 乙\n\n##### 丙\n\n###### 丁\n", true);
        let numbers: Vec<_> = md
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, number, .. } => (*level, number.clone()),
                _ => (0, String::new()),
            })
            .collect();
        assert_eq!(
            numbers,
            [
                (1, "一、".into()),
                (3, "1.".into()),
                (4, "（1）".into()),
                (4, "（2）".into())
            ]
        );
        assert_eq!(md.warnings.len(), 1, "{:?}", md.warnings);
        assert!(md.warnings[0].message.contains("four levels"));
    }

    /// Each block as (its level of nesting, its text): 1 for a paragraph, the level of
    /// an item of a nested list.
    fn levels(md: &str) -> Vec<(u8, String)> {
        parse_markdown(md, true)
            .blocks
            .iter()
            .map(|b| match b {
                Block::Item { level, .. } => (*level, texts(b)),
                _ => (1, texts(b)),
            })
            .collect()
    }

    #[test]
    fn a_nested_list_keeps_its_bullets_and_its_levels() {
        // The trial's: a nested item printed flush at its parent's level, unmarked.
        let md =
            "* 第一项\n* 第二项\n    * 嵌套项甲\n    * 嵌套项乙\n        1. 更深一层\n* 第三项\n";
        assert_eq!(
            levels(md),
            [
                (1, "●第一项".into()),
                (1, "●第二项".into()),
                (2, "○嵌套项甲".into()),
                (2, "○嵌套项乙".into()),
                (3, "1.更深一层".into()),
                (1, "●第三项".into()),
            ]
        );
        // A numbered list inside a numbered item: （1）, the level under 1. (the trial
        // printed 1. at both levels).
        let md = "1. 突出政治功能\n   1. 严格执行制度\n   2. 规范组织生活\n2. 强化教育管理\n";
        assert_eq!(
            levels(md),
            [
                (1, "1.突出政治功能".into()),
                (2, "（1）严格执行制度".into()),
                (2, "（2）规范组织生活".into()),
                (1, "2.强化教育管理".into()),
            ]
        );
        // Numbers under a bullet; a second paragraph of an item, at its level.
        let md = "- 市县数据回流：\n  1. 户籍类数据\n  2. 社保类数据\n\n     续段。\n- 省级部门\n";
        assert_eq!(
            levels(md),
            [
                (1, "●市县数据回流：".into()),
                (2, "1.户籍类数据".into()),
                (2, "2.社保类数据".into()),
                (2, "续段。".into()),
                (1, "●省级部门".into()),
            ]
        );
        // A nested item is a paragraph where notes and Word's text go.
        let md = parse_markdown("- 甲\n  - 乙\n", true);
        assert!(matches!(
            md.blocks[1].clone().into_plain(),
            Block::Paragraph { .. }
        ));
    }

    #[test]
    fn a_link_and_struck_text_print_their_text_and_say_what_is_lost() {
        let md = parse_markdown(
            "见[省数据局](https://sjj.example.gov.cn)和~~旧的说法~~，及<https://a.example.cn>。\n",
            true,
        );
        let said: Vec<&str> = md.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("https://sjj.example.gov.cn"), "{said:?}");
        assert!(said[1].contains("~~"), "{said:?}");
        let text: String = md.blocks[0]
            .all_inlines()
            .iter()
            .map(|i| i.text.as_str())
            .collect();
        assert!(
            text.contains("省数据局") && text.contains("旧的说法"),
            "{text}"
        );
    }

    #[test]
    fn a_task_list_prints_its_boxes() {
        let md = "- [ ] 待办事项\n- [x] 已办事项\n  - [ ] 子项\n1. [x] 第一条\n";
        assert_eq!(
            levels(md),
            [
                (1, "□待办事项".into()),
                (1, "■已办事项".into()),
                (2, "□子项".into()),
                (1, "1.■第一条".into()),
            ]
        );
        // `[ ]` that is no task's box (not at an item's start) prints as typed.
        assert_eq!(levels("- 写 [ ] 框\n"), [(1, "●写 [ ] 框".into())]);
    }

    #[test]
    fn a_hard_break_is_a_line_break_inside_the_paragraph() {
        // Two spaces, or a backslash, at a line's end.
        let b = parse_markdown(
            "段落末尾有两个空格换行  \n第二行\\\n第三行。\n\n下一段。\n",
            true,
        )
        .blocks;
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(matches!(&b[0], Block::Paragraph { .. }));
        assert_eq!(texts(&b[0]), "段落末尾有两个空格换行\n第二行\n第三行。");
        // In a quotation, in a caption; never at a paragraph's end.
        let b = parse_markdown("> 甲  \n> 乙\n\n末尾  \n", true).blocks;
        assert_eq!(texts(&b[0]), "甲\n乙");
        assert_eq!(texts(&b[1]), "末尾");
    }

    #[test]
    fn a_code_block_is_a_block_of_its_own_and_the_paragraph_after_it_too() {
        // The trial's: the paragraph after a code block ran on as the code's last line,
        // flush left, its indent lost.
        let md = parse_markdown(
            "正文甲。\n\n```\n代码块第一行\n    代码块缩进行\n```\n\n段落末尾有两个空格换行  \n第二行。\n\n    缩进的段落\n\n正文乙。\n",
            true,
        );
        let all: Vec<String> = md.blocks.iter().map(texts).collect();
        assert_eq!(
            all,
            [
                "正文甲。",
                "代码块第一行",
                "代码块缩进行",
                "段落末尾有两个空格换行\n第二行。",
                "缩进的段落",
                "正文乙。"
            ]
        );
        assert!(
            md.blocks
                .iter()
                .all(|b| matches!(b, Block::Paragraph { .. }))
        );
        let code: Vec<usize> = md
            .warnings
            .iter()
            .filter(|w| w.message.starts_with("a code block"))
            .map(|w| w.offset)
            .collect();
        assert_eq!(code.len(), 2, "{:?}", md.warnings);
    }

    #[test]
    fn a_photo_named_with_spaces_is_a_photo() {
        let photo = |md: &str| -> Vec<String> {
            parse_markdown(md, true)
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Image(p) => format!("{}|{}|{:?}", p.src, texts(b), p.want),
                    b => texts(b),
                })
                .collect()
        };
        assert_eq!(
            photo("测试段落，照片如下。\n\n![签约仪式现场](签约 照片.jpg)\n\n后文一段。\n"),
            [
                "测试段落，照片如下。",
                "签约 照片.jpg|签约仪式现场|None",
                "后文一段。"
            ]
        );
        // Its width after it, text after that, a title, the name's place in the file.
        assert_eq!(
            photo("会前。![合影](IMG 2034.jpg){width=60%}会后。\n"),
            ["会前。", "IMG 2034.jpg|合影|Some(0.6)", "会后。"]
        );
        assert_eq!(
            photo("![合影](IMG 2034.jpg \"标题\")\n"),
            ["IMG 2034.jpg|合影|None"]
        );
        // No description (it printed as text): a photo, its width and caption after it.
        assert_eq!(
            photo("正文。\n\n![](IMG 0412.jpg){width=50%}\n\n图为窗口服务。\n\n后文。\n"),
            ["正文。", "IMG 0412.jpg|图为窗口服务。|Some(0.5)", "后文。"]
        );
        assert_eq!(
            photo("会前。![](IMG 0412.jpg)会后。\n"),
            ["会前。", "IMG 0412.jpg||None", "会后。"]
        );
        // Two photos in one paragraph (on one line, or on two lines with no blank line
        // between them): the second beside the first; a blank line: one under the other.
        let beside = |md: &str| -> Vec<bool> {
            parse_markdown(md, true)
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Image(p) => Some(p.beside),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            beside("正文。\n\n![左](a.jpg) ![右](b.jpg)\n\n![下](c.jpg)\n"),
            [false, true, false]
        );
        assert_eq!(
            beside("![左](a.jpg){width=40%}\n![右](b.jpg){width=40%}\n"),
            [false, true]
        );
        assert_eq!(beside("![左](a.jpg)说明文字![右](b.jpg)\n"), [false, false]);
        // A caption paragraph after photos side by side with no description: the row's,
        // not the right-hand photo's alone.
        assert_eq!(
            photo("正文。\n\n![](a.jpg) ![](b.jpg)\n\n图为座谈会现场和代表发言。\n\n后文。\n"),
            [
                "正文。",
                "a.jpg|图为座谈会现场和代表发言。|None",
                "b.jpg||None",
                "后文。"
            ]
        );
        let Block::Image(p) =
            &parse_markdown("![](a.jpg) ![](b.jpg)\n\n图为座谈会现场。\n", true).blocks[0]
        else {
            panic!()
        };
        assert!(p.row_caption);
        let md = "正文。\n\n![现场](a b.jpg)\n";
        let Block::Image(p) = &parse_markdown(md, true).blocks[1] else {
            panic!()
        };
        assert_eq!(&md[p.offset..], "![现场](a b.jpg)\n");
        // Brackets that are not a photo stay text: a link, a space before `(`, a
        // reference, a line's end inside.
        for md in [
            "见[附件](a b.doc)。",
            "见![图] (a b.jpg)。",
            "正文[1] (见 下文)。",
            "![图](a\nb c.jpg)",
        ] {
            let b = parse_markdown(md, true).blocks;
            assert!(
                b.iter().all(|b| !matches!(b, Block::Image(_))),
                "{md}: {b:?}"
            );
        }
    }

    #[test]
    fn a_photo_in_a_txt_is_found_for_its_warning() {
        let txt = "正文第一段。\n![签约仪式](Qianyue.JPG)\n图为签约仪式现场。\n　　![现场](IMG 2034.jpg)\n";
        let at = txt_photos(txt);
        assert_eq!(at.len(), 2);
        assert!(txt[at[0]..].starts_with("![签约仪式]"));
        assert!(txt[at[1]..].starts_with("![现场]"));
        assert_eq!(txt_photos("![](IMG 0412.jpg)\n").len(), 1);
        for txt in ["正文[1](见下文)。\n", "![不是图片]\n", "感叹！[注]\n"] {
            assert!(txt_photos(txt).is_empty(), "{txt}");
        }
    }

    #[test]
    fn a_byline_typed_as_the_last_line_is_found() {
        let by = Some(("青山区市场监管局", "（青山区市场监管局）"));
        let kind = |text: &str, md: bool, by| trailing_byline(text, md, by).map(|(_, t)| t);
        let text = "青山区开展检查\n近日，……开展专项检查。\n（青山区市场监管局供稿）\n";
        let (range, t) = trailing_byline(text, false, by).unwrap();
        assert_eq!(t, Trailing::Repeats);
        assert_eq!(&text[range], "（青山区市场监管局供稿）");
        // The forms a byline is typed in.
        for last in [
            "(青山区市场监管局供稿)",
            "　　（青山区市场监管局 供稿）　",
            "（来源：青山区市场监管局）",
            "来源：青山区市场监管局",
            "青山区市场监管局供稿",
            "*（青山区市场监管局供稿）*",
        ] {
            let text = format!("正文。\n{last}\n\n");
            assert_eq!(kind(&text, true, by), Some(Trailing::Repeats), "{last}");
        }
        // A byline that has 供稿 in it, the line too.
        let by2 = Some((
            "衡阳市南岳区人大常委会 王一平供稿",
            "（衡阳市南岳区人大常委会 王一平供稿）",
        ));
        assert_eq!(
            kind("正文。\n（衡阳市南岳区人大常委会　王一平供稿）", false, by2),
            Some(Trailing::Repeats)
        );
        // In a .md, before the footnotes' text.
        let md = "正文[^1]。\n\n（青山区市场监管局供稿）\n\n[^1]: 注释。\n    续注。\n";
        assert_eq!(kind(md, true, by), Some(Trailing::Repeats));
        // Another byline, none given, the name alone: said, not dropped.
        assert_eq!(
            kind("正文。\n（城东市场监管所供稿）\n", false, by),
            Some(Trailing::Differs)
        );
        assert_eq!(
            kind("正文。\n（城东市场监管所供稿）\n", false, None),
            Some(Trailing::Unsigned)
        );
        assert_eq!(
            kind("正文。\n青山区市场监管局\n", false, by),
            Some(Trailing::Bare)
        );
        // The byline with its author's name (r23 F40): said, both print.
        assert_eq!(
            kind("正文。\n（青山区市场监管局　周立新）\n", false, by),
            Some(Trailing::Named)
        );
        // At the end of the last paragraph, in brackets after its last sentence: the
        // brackets alone.
        let text = "正文。\n近日开展专项检查，取得实效。（青山区市场监管局供稿）\n";
        let (range, t) = trailing_byline(text, false, by).unwrap();
        assert_eq!(t, Trailing::Repeats);
        assert_eq!(&text[range], "（青山区市场监管局供稿）");
        assert_eq!(
            kind("正文。\n取得实效。（城东市场监管所供稿）\n", false, None),
            Some(Trailing::Unsigned)
        );
        // Not a byline: a sentence, （完）, a date, the only line, a line before the last,
        // words after the last sentence not in brackets, a sentence's own brackets.
        for text in [
            "正文。\n取得实效。青山区市场监管局供稿\n",
            "正文。\n取得实效。（完）\n",
            "正文。\n会议由青山区市场监管局（牵头单位）主持。\n",
            "正文。\n检查由青山区市场监管局牵头。\n",
            "正文。\n（完）\n",
            "正文。\n2026年4月22日\n",
            "（青山区市场监管局供稿）\n",
            "正文。\n（青山区市场监管局供稿）\n后记。\n",
            "正文（青山区市场监管局供稿）。\n",
        ] {
            assert_eq!(kind(text, false, by), None, "{text}");
            assert_eq!(kind(text, false, None), None, "{text}");
        }
    }

    #[test]
    fn markup_characters_are_plain_text() {
        let b = parse_txt("#panic(\"x\") $x$ *a* [b] \\ @c <x> // /*");
        assert_eq!(texts(&b[0]), "#panic(\"x\") $x$ *a* [b] \\ @c <x> // /*");
    }

    #[test]
    fn html_and_footnotes_keep_their_text_and_say_so() {
        let md = parse_markdown(
            "<div>会议纪要</div>\n\n正文<br>续文[^1]。\n\n[^1]: 注释内容。\n\n![现场](a.jpg)\n",
            true,
        );
        let all: Vec<String> = md.blocks.iter().map(texts).collect();
        assert_eq!(all[0], "会议纪要");
        assert_eq!(all[1], "正文\n续文[1]。");
        assert_eq!(all.last().unwrap(), "[1]注释内容。");
        let words: Vec<&str> = md.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(
            words.iter().any(|w| w.starts_with("HTML block")),
            "{words:?}"
        );
        // <br> is a line break, not HTML to drop.
        assert!(!words.iter().any(|w| w.contains("<br>")), "{words:?}");
        // A photo is a block with its description as its caption, not a warning.
        assert!(!words.iter().any(|w| w.contains("a.jpg")), "{words:?}");
        assert!(
            md.blocks
                .iter()
                .any(|b| matches!(b, Block::Image(p) if p.src == "a.jpg" && texts(b) == "现场"))
        );
    }

    /// A note's mark in a table's cell stays in the cell (it went to the paragraph
    /// after the table: [1]下一步……).
    #[test]
    fn a_notes_mark_in_a_table_cell_stays_in_the_cell() {
        let md = parse_markdown(
            "| 类别 | 金额 |\n|---|---|\n| 培训费[^1] | 8.7 |\n\n下一步，开展“回头看”。\n\n[^1]: 含住宿费。\n",
            true,
        );
        let Block::Table(t) = &md.blocks[0] else {
            panic!("{:?}", md.blocks)
        };
        let cell: String = t.rows[0][0].iter().map(|i| i.text.as_str()).collect();
        assert_eq!(cell, "培训费[1]");
        assert!(t.rows[0][0].last().unwrap().sup);
        assert_eq!(texts(&md.blocks[1]), "下一步，开展“回头看”。");
        assert_eq!(texts(md.blocks.last().unwrap()), "[1]含住宿费。");
    }

    /// A note's mark with no note, and a note no mark refers to, are said at their
    /// places (the mark printed as typed, [^x]; the note as [1] with no mark).
    #[test]
    fn a_mark_without_its_note_and_a_note_without_its_mark_are_said() {
        let md = parse_markdown(
            "第三篇引用不存在的注[^x]。正文[^1]。\n\n[^1]: 有引用的注。\n\n[^y]: 没有被引用的注。\n",
            true,
        );
        let said: Vec<(usize, &str)> = md
            .warnings
            .iter()
            .map(|w| (w.offset, w.message.as_str()))
            .collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].1.contains("[^x] has no note"), "{said:?}");
        assert_eq!(said[0].0, "第三篇引用不存在的注".len());
        assert!(said[1].1.contains("[^y] is not referred to"), "{said:?}");
        // A mark with its note, nothing to say; a [^ ] that is no label either.
        let md = parse_markdown("正文[^1]，范围[^ a]。\n\n[^1]: 注。\n", true);
        assert!(md.warnings.is_empty(), "{:?}", md.warnings);
    }

    #[test]
    fn a_photo_in_a_paragraph_is_a_block_of_its_own_with_its_width() {
        let md = parse_markdown("会前。![合影](p.png){width=60%}会后。\n", true);
        let all: Vec<String> = md.blocks.iter().map(texts).collect();
        assert_eq!(all, ["会前。", "合影", "会后。"]);
        assert!(matches!(&md.blocks[1], Block::Image(p) if p.want == Some(0.6)));
        let bad = parse_markdown("![合影](p.png){width=wide}\n", true);
        assert!(
            bad.warnings[0].message.contains("not a width"),
            "{:?}",
            bad.warnings
        );
    }

    /// The text's next paragraph typed on the line under a quotation's source, with
    /// no empty line and no `>`, is text after the quotation, not the source's (QA16
    /// I 03: it printed as the source, at the right).
    #[test]
    fn a_paragraph_under_a_quotations_source_is_text() {
        let md = parse_markdown(
            "校长说：\n\n> 好的作业不在于多，而在于精。\n> ——河西区第一实验小学校长　吴晓梅\n活动共收到作业设计案例68份，\n涵盖9个学科。\n\n> 要认真学习。\n和领会精神。\n",
            true,
        );
        let kinds: Vec<(&str, String)> = md
            .blocks
            .iter()
            .map(|b| {
                let kind = match b {
                    Block::Quote { .. } => "quote",
                    Block::Paragraph { .. } => "text",
                    _ => "other",
                };
                (kind, texts(b))
            })
            .collect();
        assert_eq!(
            kinds,
            [
                ("text", "校长说：".to_owned()),
                ("quote", "好的作业不在于多，而在于精。".to_owned()),
                ("quote", "——河西区第一实验小学校长　吴晓梅".to_owned()),
                (
                    "text",
                    "活动共收到作业设计案例68份，涵盖9个学科。".to_owned()
                ),
                // A quotation's own lazy line (no source) stays the quotation's.
                ("quote", "要认真学习。和领会精神。".to_owned()),
            ]
        );
    }

    #[test]
    fn quotes_dividers_and_the_authors_own_numbers() {
        let md = parse_markdown(
            "> 最高指示：要认真学习。\n\n正文。\n\n***\n\n#### ①第一点\n\n一、主要做法\n\n一、加强学习。全体人员参加。\n",
            true,
        );
        let b = &md.blocks;
        assert!(matches!(&b[0], Block::Quote { .. }), "{b:?}");
        assert_eq!(texts(&b[0]), "最高指示：要认真学习。");
        assert!(matches!(&b[2], Block::Divider { .. }));
        assert_eq!(texts(&b[2]), DIVIDER);
        // The author's ① is kept and not doubled with （1）.
        assert!(matches!(&b[3], Block::Heading { level: 4, number, .. } if number.is_empty()));
        // A heading typed as a paragraph is the heading it is; a sentence is not.
        assert!(matches!(&b[4], Block::Heading { level: 1, number, .. } if number.is_empty()));
        assert!(matches!(&b[5], Block::Paragraph { .. }));
        // numbering = false: no automatic numbers.
        let plain = parse_markdown("# 总体要求\n\n## 目标\n", false);
        assert!(
            plain
                .blocks
                .iter()
                .all(|b| matches!(b, Block::Heading { number, .. } if number.is_empty()))
        );
        // In a .txt too.
        let txt = parse_txt_headings("一、主要做法\n正文。\n（二）具体措施\n");
        assert!(matches!(&txt[0], Block::Heading { level: 1, .. }));
        assert!(matches!(&txt[2], Block::Heading { level: 2, .. }));
    }

    #[test]
    fn pipe_tables_become_tables() {
        let md = parse_markdown(
            "前文。\n\n| 省份 | 订阅份数 |\n|---|---:|\n| 湖南 | 1,200 |\n| 江西 | 800 |\n\n后文。\n",
            true,
        );
        let Block::Table(t) = &md.blocks[1] else {
            panic!("{:?}", md.blocks)
        };
        assert_eq!(t.align, vec!["auto", "right"]);
        assert_eq!(t.header.len(), 2);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][1][0].text, "1,200");
        assert_eq!(texts(&md.blocks[2]), "后文。");
    }

    /// The headings of each block, as (level, number, text); `None` for other blocks.
    fn heading_list(blocks: &[Block]) -> Vec<Option<(u8, String, String)>> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Heading {
                    level,
                    number,
                    inlines,
                } => Some((
                    *level,
                    number.clone(),
                    inlines.iter().map(|i| i.text.as_str()).collect(),
                )),
                _ => None,
            })
            .collect()
    }

    /// A 典型案例's parts (【基本案情】) and a 简讯's items (▲……) are headings, in a `.txt`
    /// and in a `.md`, under numbered headings too, and never numbered; one alone, a
    /// lost photo's place-holder (▲活动现场) and a caption (▲图为……) stay text (QA11).
    #[test]
    fn a_cases_parts_and_a_news_digests_items_are_headings() {
        let case = "2025年3月8日，原告张××被楼上坠落的矿泉水瓶砸中头部，经鉴定构成十级伤残。";
        let txt = format!(
            "一、张××诉某物业公司高空抛物致害责任纠纷案\n【基本案情】\n{case}\n【裁判结果】\n{case}\n"
        );
        let md = format!(
            "## 张××诉某物业公司高空抛物致害责任纠纷案\n\n【基本案情】\n\n{case}\n\n【裁判结果】\n\n{case}\n"
        );
        let part = |t: &str| Some((2, String::new(), t.to_owned()));
        let txt_blocks = parse_txt_headings(&txt);
        let md_blocks = parse_markdown(&md, true).blocks;
        for (blocks, first) in [
            (txt_blocks, "一、张××诉某物业公司高空抛物致害责任纠纷案"),
            (md_blocks, "张××诉某物业公司高空抛物致害责任纠纷案"),
        ] {
            let h = heading_list(&blocks);
            assert_eq!(h.len(), 5, "{h:?}");
            assert_eq!(h[0].as_ref().map(|x| (x.0, x.2.as_str())), Some((1, first)));
            assert_eq!(
                h[1..],
                [part("【基本案情】"), None, part("【裁判结果】"), None]
            );
        }
        let news = "6月下旬，专家组对医院胸痛中心进行现场核查，一致同意通过再认证。";
        let txt =
            format!("▲医院通过国家胸痛中心再认证\n{news}\n▲医院举办第十二届护理技能竞赛\n{news}\n");
        let h = heading_list(&parse_txt_headings(&txt));
        assert_eq!(
            h,
            [
                Some((1, String::new(), "▲医院通过国家胸痛中心再认证".to_owned())),
                None,
                Some((1, String::new(), "▲医院举办第十二届护理技能竞赛".to_owned())),
                None
            ]
        );
        for txt in [
            format!("【基本案情】\n{case}\n"),
            format!("▲活动现场\n{news}\n▲会议现场\n{news}\n"),
            format!("▲图为专家组现场核查\n{news}\n▲图为护理技能竞赛现场\n{news}\n"),
        ] {
            let h = heading_list(&parse_txt_headings(&txt));
            assert!(h.iter().all(Option::is_none), "{txt}: {h:?}");
        }
    }

    /// A heading that opens with its author's own count after a word (案例一：,
    /// 典型案例2：) carries its number: it printed 一、案例一：… (QA11). A heading that
    /// opens with a count word inside a phrase (坚持一条主线) does not.
    #[test]
    fn a_case_heading_carries_its_own_number() {
        for t in [
            "案例一：张××诉李××案",
            "典型案例2：某公司诉某局案",
            "专题三　基层治理",
            // WeChat's numbers and Roman ones (QA12 B 04).
            "❶网格化管理全面覆盖",
            "Ⅱ、存在问题",
            "III．下一步工作",
        ] {
            assert!(starts_with_number(t), "{t}");
        }
        for t in [
            "坚持一条主线",
            "推进三大工程",
            "案例",
            "推进一",
            "全面推进乡村振兴战略实施一：",
            "VR技术进课堂",
            "I. Introduction",
            "XX县推进会",
        ] {
            assert!(!starts_with_number(t), "{t}");
        }
    }
}
