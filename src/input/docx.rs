//! Word files (`.docx`): read as the Markdown an editor would have typed.
//!
//! A `.docx` is a ZIP package of XML parts (`zip`); its main part is walked with
//! `roxmltree`, element by element, so that everything Word can hold is either turned
//! into our blocks or named in a warning with its place (paragraph number and first
//! words): nothing is dropped silently. (`docx-rs` was weighed: its reader gives a
//! typed tree but drops what it does not model, text boxes and equations among them,
//! without a trace, which is exactly what an editor must be told about.)
//!
//! What comes out is Markdown text ([`Converted::markdown`]): headings by their Word
//! style (Heading 1–4, 标题 1–4 and styles based on them, or an outline level) and by
//! a number typed by hand (一、 （一） 1. （1） on a line alone), bold and italic runs,
//! lists, tables, photos, and footnotes and endnotes (as Markdown footnotes). The
//! article parser reads it like any `.md`, so a Word article gets the same numbering, checks and places as a Markdown one, and
//! `jianbao import` writes the same text for editors who want to edit it.
//!
//! Word's debris is cleaned on the way: spaces (full- and half-width) and tabs used
//! to indent, manual line breaks inside a paragraph (joined), empty paragraphs, soft
//! hyphens, field codes (their shown text kept), hyperlinks (their text kept),
//! tracked changes (insertions kept, deletions dropped, with a warning) and comments
//! (dropped, with a warning).

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::sync::Arc;

use roxmltree::{Document, Node};

use crate::input::article::typed_heading_level;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const M: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";
const V: &str = "urn:schemas-microsoft-com:vml";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The largest XML part read (the text of a 50-page report is well under 5 MB).
const MAX_PART: u64 = 64 * 1024 * 1024;

/// A Word file turned into Markdown, with its images and what did not come across.
#[derive(Debug, Default, Clone)]
pub struct Converted {
    /// The article as Markdown: a paragraph a line, blank lines between.
    pub markdown: String,
    /// The images the Markdown names (`media/image1.png`), with their bytes.
    pub images: HashMap<String, Arc<Vec<u8>>>,
    /// What was cleaned or could not be represented, each with its place.
    pub warnings: Vec<String>,
    /// Where each Word paragraph (or table) begins in the Markdown: (byte offset,
    /// paragraph number counted from 1), in order.
    pub paragraphs: Vec<(usize, usize)>,
}

impl Converted {
    /// The Word paragraph a byte offset of the Markdown falls in.
    pub fn paragraph_at(paragraphs: &[(usize, usize)], offset: usize) -> usize {
        let i = paragraphs.partition_point(|(start, _)| *start <= offset);
        i.checked_sub(1).map_or(1, |i| paragraphs[i].1)
    }
}

/// Why a file cannot be read as a Word document.
#[derive(Debug, Clone)]
pub struct DocxProblem(pub String);

fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxProblem> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxProblem(format!("its part {name} cannot be read: {e}"))),
    };
    if file.size() > MAX_PART {
        return Err(DocxProblem(format!(
            "its part {name} is {} MB, larger than any article's text",
            file.size() / (1024 * 1024)
        )));
    }
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|e| DocxProblem(format!("its part {name} cannot be read: {e}")))?;
    Ok(Some(text))
}

fn bytes_of(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut file = zip.by_name(name).ok()?;
    if file.size() > MAX_PART {
        return None;
    }
    let mut out = Vec::new();
    file.read_to_end(&mut out).ok()?;
    Some(out)
}

/// A paragraph style: its name, what it is based on, its outline level.
#[derive(Debug, Default)]
struct StyleInfo {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    /// The list the style numbers its paragraphs in (`List Number`, `List Bullet` and
    /// styles like them carry `numPr`): (numId, level); numId "0" is "no list".
    list: Option<(String, u8)>,
}

/// The heading level of a style by its name: Heading 1–4, 标题 1–4; `Title` is not
/// a heading of the article (the issue file gives the title).
fn level_by_name(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    let rest = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("标题"))?
        .trim();
    match rest.parse::<u8>() {
        Ok(l @ 1..=9) => Some(l.min(4)),
        _ => None,
    }
}

struct Styles(HashMap<String, StyleInfo>);

impl Styles {
    fn parse(xml: Option<&str>) -> Self {
        let mut map = HashMap::new();
        if let Some(doc) = xml.and_then(|x| Document::parse(x).ok()) {
            for s in doc.descendants().filter(|n| is(n, W, "style")) {
                let Some(id) = attr(&s, "styleId") else {
                    continue;
                };
                let val = |tag: &str| child(&s, W, tag).and_then(|c| attr(&c, "val"));
                let outline = child(&s, W, "pPr")
                    .and_then(|p| child(&p, W, "outlineLvl"))
                    .and_then(|o| attr(&o, "val"))
                    .and_then(|v| v.parse::<u8>().ok());
                let list = child(&s, W, "pPr")
                    .and_then(|p| child(&p, W, "numPr"))
                    .and_then(|n| num_pr(&n));
                map.insert(
                    id.to_owned(),
                    StyleInfo {
                        name: val("name").unwrap_or(id).to_owned(),
                        based_on: val("basedOn").map(str::to_owned),
                        outline,
                        list,
                    },
                );
            }
        }
        Styles(map)
    }

    /// The heading level a style gives (through its `basedOn` chain).
    fn level(&self, id: &str) -> Option<u8> {
        let mut id = id;
        for _ in 0..16 {
            if let Some(l) = level_by_name(id) {
                return Some(l);
            }
            let s = self.0.get(id)?;
            if let Some(l) = level_by_name(&s.name) {
                return Some(l);
            }
            if let Some(o) = s.outline.filter(|o| *o < 9) {
                return Some((o + 1).min(4));
            }
            id = s.based_on.as_deref()?;
        }
        None
    }

    /// The list a style numbers its paragraphs in (through its `basedOn` chain).
    fn list(&self, id: &str) -> Option<(String, u8)> {
        let mut id = id;
        for _ in 0..16 {
            let s = self.0.get(id)?;
            if let Some(list) = &s.list {
                return Some(list.clone());
            }
            id = s.based_on.as_deref()?;
        }
        None
    }

    /// Whether a style is a caption (Caption, 题注).
    fn is_caption(&self, id: &str) -> bool {
        let name = self
            .0
            .get(id)
            .map_or(id, |s| s.name.as_str())
            .to_lowercase();
        name == "caption" || name == "题注" || id.eq_ignore_ascii_case("caption")
    }
}

/// A `numPr`: (numId, level). A style's level may be left out (0); a `numPr` without
/// a numId (a level only) belongs to a list named elsewhere and is ignored.
fn num_pr(n: &Node) -> Option<(String, u8)> {
    let id = child(n, W, "numId").and_then(|i| attr(&i, "val"))?;
    let lvl = child(n, W, "ilvl")
        .and_then(|l| attr(&l, "val"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some((id.to_owned(), lvl))
}

fn is(n: &Node, ns: &str, tag: &str) -> bool {
    n.is_element() && n.tag_name().name() == tag && n.tag_name().namespace() == Some(ns)
}

fn child<'a, 'i>(n: &Node<'a, 'i>, ns: &str, tag: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, ns, tag))
}

/// An attribute by its local name, whatever its namespace (`w:val`, `r:embed`).
fn attr<'a>(n: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value())
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on(props: Option<Node>, tag: &str) -> Option<bool> {
    let p = child(&props?, W, tag)?;
    Some(!matches!(
        attr(&p, "val"),
        Some("0" | "false" | "off" | "none")
    ))
}

/// A run of text with its look, as read.
#[derive(Debug, Clone, Default, PartialEq)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
    /// A footnote's mark, `[^f1]`: Markdown written as it is, never escaped.
    mark: bool,
}

/// One paragraph as read: its runs, its images, and what it held that is not text.
#[derive(Debug, Default)]
struct Para {
    runs: Vec<Run>,
    images: Vec<String>,
    style: Option<String>,
    /// The paragraph's own outline level (0 for a level-1 heading; 9 is body text).
    outline: Option<u8>,
    /// A list paragraph: its level (0 first).
    list: Option<(String, u8)>,
}

impl Para {
    fn plain(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// What the walk counts, for one warning each at the end.
#[derive(Default)]
struct Tally {
    deletions: Vec<String>,
    insertions: Vec<String>,
    comments: Vec<String>,
}

struct Reader<'z> {
    styles: Styles,
    rels: HashMap<String, String>,
    zip: &'z mut zip::ZipArchive<Cursor<&'z [u8]>>,
    out: Converted,
    tally: Tally,
    /// The paragraph being read, counted from 1, for places.
    para_no: usize,
    lists: HashMap<(String, u8), u64>,
    numbering: Numbering,
    /// The footnotes and endnotes the file has text for: (`footnote` or `endnote`,
    /// Word's id).
    noted: std::collections::HashSet<(&'static str, String)>,
    /// The footnotes and endnotes referred to, in the order of their marks: (label,
    /// `footnote` or `endnote`, Word's id).
    notes: Vec<(String, &'static str, String)>,
    /// How many levels the styled headings are raised: a file whose sections are
    /// Heading 2 under one Heading 1 (its title) has them as our level 1.
    shift: u8,
}

/// Converts a `.doc`, `.wps`, `.odt` or `.rtf` file to `.docx` with LibreOffice
/// (`soffice --headless --convert-to docx`), when it is installed: `bytes` as read from
/// `path` (its name and kind).
///
/// Remembered while `watch` rebuilds, as [`convert`] is: LibreOffice takes seconds,
/// and runs again only when the file's bytes change.
#[comemo::memoize]
pub fn from_office(path: &std::path::Path, bytes: &[u8]) -> Result<Vec<u8>, DocxProblem> {
    let tool = ["soffice", "libreoffice"]
        .into_iter()
        .find(|t| {
            std::process::Command::new(t)
                .arg("--version")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .ok_or_else(|| {
            DocxProblem(
                "it is not a .docx, and LibreOffice (soffice), which converts it, is not installed"
                    .into(),
            )
        })?;
    let dir = tempfile::tempdir()
        .map_err(|e| DocxProblem(format!("no temporary folder for the conversion: {e}")))?;
    // The bytes read, under the file's own name (LibreOffice goes by its extension),
    // in a folder of their own: what is converted is what was read.
    let name = path.file_name().unwrap_or_default();
    let input = dir.path().join("in").join(name);
    std::fs::create_dir(dir.path().join("in"))
        .and_then(|()| std::fs::write(&input, bytes))
        .map_err(|e| DocxProblem(format!("no temporary copy for the conversion: {e}")))?;
    let out = std::process::Command::new(tool)
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .map_err(|e| DocxProblem(format!("LibreOffice could not be started: {e}")))?;
    let stem = path.file_stem().unwrap_or_default();
    let converted = dir.path().join(stem).with_extension("docx");
    std::fs::read(&converted).map_err(|_| {
        DocxProblem(format!(
            "LibreOffice could not convert it: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    })
}

/// Reads a Word file into Markdown.
///
/// Remembered while `watch` rebuilds (comemo, evicted with the session's other
/// caches): an article saved in another file does not have its Word file read again
/// (about 10 ms). The bytes are the key, so a Word file saved anew is read anew.
#[comemo::memoize]
pub fn convert(bytes: &[u8]) -> Result<Converted, DocxProblem> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxProblem(format!("it is not a Word (.docx) package: {e}")))?;
    let document = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| DocxProblem("it has no word/document.xml: not a Word document".into()))?;
    let styles = Styles::parse(part(&mut zip, "word/styles.xml")?.as_deref());
    let numbering = Numbering::parse(part(&mut zip, "word/numbering.xml")?.as_deref());
    // The notes parts, parsed once: which notes have text, then that text.
    let footnotes = part(&mut zip, "word/footnotes.xml")?;
    let endnotes = part(&mut zip, "word/endnotes.xml")?;
    let foot = footnotes.as_deref().and_then(|x| Document::parse(x).ok());
    let end = endnotes.as_deref().and_then(|x| Document::parse(x).ok());
    let mut rels = HashMap::new();
    if let Some(x) = part(&mut zip, "word/_rels/document.xml.rels")?
        && let Ok(doc) = Document::parse(&x)
    {
        for r in doc
            .descendants()
            .filter(|n| n.tag_name().name() == "Relationship")
        {
            if let (Some(id), Some(target)) = (attr(&r, "Id"), attr(&r, "Target")) {
                rels.insert(id.to_owned(), target.trim_start_matches('/').to_owned());
            }
        }
    }
    let doc = Document::parse(&document).map_err(|e| {
        DocxProblem(format!(
            "its text (word/document.xml) is not well-formed: {e}"
        ))
    })?;
    let body = doc
        .descendants()
        .find(|n| is(n, W, "body"))
        .ok_or_else(|| DocxProblem("its text has no body".into()))?;
    let mut reader = Reader {
        styles,
        rels,
        zip: &mut zip,
        out: Converted::default(),
        tally: Tally::default(),
        para_no: 0,
        lists: HashMap::new(),
        numbering,
        noted: [("footnote", &foot), ("endnote", &end)]
            .into_iter()
            .flat_map(|(kind, doc)| noted(kind, doc.as_ref()))
            .collect(),
        notes: Vec::new(),
        shift: 0,
    };
    reader.shift = reader.heading_shift(body);
    reader.blocks(body);
    reader.notes(foot.as_ref(), end.as_ref());
    reader.finish();
    Ok(reader.out)
}

/// The ids of the notes (`footnote` or `endnote`) in a notes part that have text: a
/// mark whose note has none is named and left out, never printed as `[^f9]`.
fn noted(kind: &'static str, doc: Option<&Document>) -> Vec<(&'static str, String)> {
    let Some(doc) = doc else {
        return Vec::new();
    };
    doc.descendants()
        .filter(|n| is(n, W, kind))
        .filter(|n| {
            n.descendants()
                .any(|t| is(&t, W, "t") && t.text().is_some_and(|s| !s.trim().is_empty()))
        })
        .filter_map(|n| Some((kind, attr(&n, "id")?.to_owned())))
        .collect()
}

/// The first words of a paragraph, for a place: «在全市……».
fn first_words(text: &str) -> String {
    let t: String = text.trim().chars().take(12).collect();
    if text.trim().chars().count() > 12 {
        format!("«{t}…»")
    } else {
        format!("«{t}»")
    }
}

impl Reader<'_> {
    /// The level a paragraph's style or outline level gives it, if any.
    fn styled_level(&self, style: Option<&str>, outline: Option<u8>) -> Option<u8> {
        style
            .and_then(|s| self.styles.level(s))
            .or(outline.map(|o| (o + 1).min(4)))
    }

    /// How far the styled headings are raised: the file's first paragraph, when it
    /// is the only heading of the shallowest level, is its title; the shallowest
    /// level of the others becomes level 1.
    fn heading_shift(&self, body: Node) -> u8 {
        let levels: Vec<u8> = body
            .children()
            .filter(|n| is(n, W, "p"))
            .filter(|p| p.descendants().any(|t| is(&t, W, "t")))
            .map(|p| {
                let ppr = child(&p, W, "pPr");
                let style = ppr
                    .and_then(|x| child(&x, W, "pStyle"))
                    .and_then(|s| attr(&s, "val"));
                let outline = ppr
                    .and_then(|x| child(&x, W, "outlineLvl"))
                    .and_then(|o| attr(&o, "val"))
                    .and_then(|v| v.parse::<u8>().ok())
                    .filter(|o| *o < 9);
                self.styled_level(style, outline).unwrap_or(0)
            })
            .collect();
        let mut headings: Vec<u8> = levels.iter().copied().filter(|l| *l > 0).collect();
        let Some(&top) = headings.iter().min() else {
            return 0;
        };
        if levels.first() == Some(&top) && headings.iter().filter(|l| **l == top).count() == 1 {
            headings.retain(|l| *l != top);
        }
        headings.iter().min().map_or(0, |m| m - 1)
    }

    fn place(&self, text: &str) -> String {
        format!("paragraph {} {}", self.para_no, first_words(text))
    }

    fn warn(&mut self, text: &str, message: &str) {
        let place = self.place(text);
        self.out.warnings.push(format!("{place}: {message}"));
    }

    /// The blocks of a body, a cell or a content control.
    fn blocks(&mut self, parent: Node) {
        let mut pending_caption_for: Option<usize> = None;
        for n in parent.children().filter(|n| n.is_element()) {
            if is(&n, W, "p") {
                self.para_no += 1;
                let para = self.paragraph(n);
                let caption = para
                    .style
                    .as_deref()
                    .is_some_and(|s| self.styles.is_caption(s));
                // A caption right after a photo becomes the photo's caption.
                if caption && let Some(at) = pending_caption_for.take() {
                    let text = escape(para.plain().trim(), false);
                    self.out.markdown.insert_str(at, &text);
                    continue;
                }
                pending_caption_for = self.write_paragraph(para);
            } else if is(&n, W, "tbl") {
                pending_caption_for = None;
                self.table(n);
            } else if is(&n, W, "sdt") {
                if let Some(c) = child(&n, W, "sdtContent") {
                    self.blocks(c);
                }
            } else if is(&n, W, "customXml") || is(&n, MC, "AlternateContent") {
                self.blocks(n);
            }
        }
    }

    /// Writes a paragraph as Markdown; returns where a caption would go when the
    /// paragraph was a photo alone.
    fn write_paragraph(&mut self, para: Para) -> Option<usize> {
        self.out
            .paragraphs
            .push((self.out.markdown.len(), self.para_no));
        let text = para.plain();
        let trimmed = text.trim_matches(is_indent);
        let mut caption_at = None;
        for img in &para.images {
            self.out.markdown.push_str("![");
            caption_at = Some(self.out.markdown.len());
            self.out.markdown.push_str("](");
            self.out.markdown.push_str(&img.replace(' ', "%20"));
            self.out.markdown.push_str(")\n\n");
        }
        if trimmed.is_empty() {
            return if para.images.len() == 1 {
                caption_at
            } else {
                None
            };
        }
        let level = self
            .styled_level(para.style.as_deref(), para.outline)
            .map(|l| l.saturating_sub(self.shift).max(1))
            .or_else(|| typed_heading_level(trimmed));
        let mut line = String::new();
        if let Some(level) = level {
            line.push_str(&"#".repeat(usize::from(level)));
            line.push(' ');
        } else if let Some((num, lvl)) = &para.list {
            let key = (num.clone(), *lvl);
            let n = {
                let c = self.lists.entry(key).or_insert(0);
                *c += 1;
                *c
            };
            // Deeper levels start again under each item of the level above.
            self.lists.retain(|(k, l), _| k != num || *l <= *lvl);
            line.push_str(&"  ".repeat(usize::from(*lvl)));
            match self.numbering.format(num, *lvl) {
                Some(fmt) => line.push_str(&escape(&fmt.number(n), true)),
                None => line.push_str("- "),
            }
        }
        line.push_str(&runs_markdown(&para.runs, line.is_empty()));
        self.out.markdown.push_str(line.trim_end());
        self.out.markdown.push_str("\n\n");
        None
    }

    fn table(&mut self, tbl: Node) {
        self.out
            .paragraphs
            .push((self.out.markdown.len(), self.para_no + 1));
        let mut rows: Vec<Vec<String>> = Vec::new();
        for r in tbl.children().filter(|r| is(r, W, "tr")) {
            let mut row = Vec::new();
            for c in r.children().filter(|c| is(c, W, "tc")) {
                let mut parts = Vec::new();
                for p in c.descendants().filter(|p| is(p, W, "p")) {
                    self.para_no += 1;
                    let para = self.paragraph(p);
                    let t = runs_markdown(&para.runs, false);
                    let t = t.trim();
                    if !para.images.is_empty() {
                        self.warn(t, "a picture in a table cell is not printed; put it under the table as a photo of its own / 表格中的图片未排出");
                    }
                    if !t.is_empty() {
                        parts.push(t.replace('|', "\\|"));
                    }
                }
                let props = child(&c, W, "tcPr");
                // A cell merged with the one above it (vMerge without "restart") is
                // `^^`; a cell spanning columns is followed by `<<`s: the Markdown
                // reader's merge marks.
                let continued = props
                    .and_then(|p| child(&p, W, "vMerge"))
                    .is_some_and(|v| attr(&v, "val") != Some("restart"));
                let span = props
                    .and_then(|p| child(&p, W, "gridSpan"))
                    .and_then(|g| attr(&g, "val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                row.push(if continued {
                    "^^".to_owned()
                } else {
                    parts.join(" ")
                });
                // A cell merged down over columns: each column's place merges up.
                let rest = if continued { "^^" } else { "<<" };
                row.extend(std::iter::repeat_n(rest.to_owned(), span - 1));
            }
            rows.push(row);
        }
        let Some(width) = rows.iter().map(Vec::len).max().filter(|w| *w > 0) else {
            return;
        };
        if tbl.descendants().any(|n| is(&n, W, "tbl") && n != tbl) {
            self.warn("", "a table inside a table cell: its text is printed in the cell, without the inner table's rules / 表中嵌表，只排出其文字");
        }
        let row = |r: &Vec<String>| {
            let mut cells: Vec<String> = r.clone();
            cells.resize(width, String::new());
            format!("| {} |\n", cells.join(" | "))
        };
        self.out.markdown.push_str(&row(&rows[0]));
        self.out
            .markdown
            .push_str(&format!("|{}\n", "---|".repeat(width)));
        for r in &rows[1..] {
            self.out.markdown.push_str(&row(r));
        }
        self.out.markdown.push('\n');
    }

    fn paragraph(&mut self, p: Node) -> Para {
        let ppr = child(&p, W, "pPr");
        let mut para = Para {
            style: ppr
                .and_then(|x| child(&x, W, "pStyle"))
                .and_then(|s| attr(&s, "val"))
                .map(str::to_owned),
            outline: ppr
                .and_then(|x| child(&x, W, "outlineLvl"))
                .and_then(|o| attr(&o, "val"))
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|o| *o < 9),
            ..Para::default()
        };
        // The paragraph's own numbering, else its style's (Word's `List Number`); a
        // numId of 0 on the paragraph takes the style's list away.
        let own = ppr
            .and_then(|x| child(&x, W, "numPr"))
            .and_then(|n| num_pr(&n));
        let styled = || para.style.as_deref().and_then(|s| self.styles.list(s));
        para.list = own.or_else(styled).filter(|(id, _)| id != "0");
        self.inline(p, &mut para);
        para
    }

    /// The runs of a paragraph, and what in it is not text.
    fn inline(&mut self, n: Node, para: &mut Para) {
        for c in n.children().filter(|c| c.is_element()) {
            let ns = c.tag_name().namespace();
            let name = c.tag_name().name();
            match (ns, name) {
                (Some(W), "r") => self.run(c, para),
                (Some(W), "del") | (Some(W), "moveFrom") => {
                    let text: String = c
                        .descendants()
                        .filter(|t| is(t, W, "delText") || is(t, W, "t"))
                        .filter_map(|t| t.text())
                        .collect();
                    if !text.is_empty() {
                        let place = self.place(&para.plain());
                        self.tally.deletions.push(format!("{place} «{text}»"));
                    }
                }
                (Some(W), "ins") | (Some(W), "moveTo") => {
                    let before = para.plain().len();
                    self.inline(c, para);
                    let added = para.plain()[before..].to_owned();
                    if !added.is_empty() {
                        let place = self.place(&para.plain());
                        self.tally.insertions.push(format!("{place} «{added}»"));
                    }
                }
                (Some(W), "hyperlink" | "smartTag" | "fldSimple" | "customXml" | "bdo" | "dir") => {
                    self.inline(c, para)
                }
                (Some(W), "sdt") => {
                    if let Some(content) = child(&c, W, "sdtContent") {
                        self.inline(content, para);
                    }
                }
                (Some(MC), "AlternateContent") => {
                    // The first choice Word offers (the modern drawing), not its fallback.
                    if let Some(choice) = c.children().find(|x| is(x, MC, "Choice")) {
                        self.inline(choice, para);
                    }
                }
                (Some(M), "oMath" | "oMathPara") => {
                    let t = para.plain();
                    self.warn(
                        &t,
                        "an equation is not printed / 公式未排出，请改为文字或图片",
                    );
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: Node, para: &mut Para) {
        let rpr = child(&r, W, "rPr");
        let bold = on(rpr, "b").unwrap_or(false);
        let italic = on(rpr, "i").unwrap_or(false);
        let push = |para: &mut Para, s: &str| match para.runs.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic && !last.mark => {
                last.text.push_str(s)
            }
            _ => para.runs.push(Run {
                text: s.to_owned(),
                bold,
                italic,
                mark: false,
            }),
        };
        for c in r.children().filter(|c| c.is_element()) {
            let ns = c.tag_name().namespace();
            match (ns, c.tag_name().name()) {
                (Some(W), "t") => push(para, c.text().unwrap_or("")),
                (Some(W), "noBreakHyphen") => push(para, "-"),
                (Some(W), "br" | "cr") => {
                    if attr(&c, "type").is_none_or(|t| t == "textWrapping") {
                        // A manual line break inside a paragraph: joined, as
                        // `check --fix` joins a line broken in pasted text.
                    }
                }
                (Some(W), "tab" | "softHyphen" | "lastRenderedPageBreak" | "rPr") => {}
                (Some(W), "sym") => {
                    let t = para.plain();
                    self.warn(&t, "a symbol from a symbol font (Wingdings, Symbol) is not printed / 符号字体中的符号未排出");
                }
                (Some(W), "drawing") => self.drawing(c, para),
                (Some(W), "pict") | (Some(W), "object") => {
                    let image = c
                        .descendants()
                        .find(|n| is(n, V, "imagedata"))
                        .and_then(|i| attr(&i, "id"))
                        .and_then(|id| self.rels.get(id).cloned());
                    let textbox = c.descendants().any(|n| is(&n, W, "txbxContent"));
                    match image {
                        Some(target) if !textbox && c.tag_name().name() == "pict" => {
                            self.image(&target, para)
                        }
                        _ => {
                            let t = para.plain();
                            let what = if textbox {
                                "a text box"
                            } else {
                                "an embedded object (an equation, a chart or a file)"
                            };
                            self.warn(&t, &format!("{what} is not printed / 文本框或嵌入对象未排出，请把其中内容改为正文"));
                        }
                    }
                }
                (Some(W), name @ ("footnoteReference" | "endnoteReference")) => {
                    // A Markdown footnote: its mark here, its text after the body
                    // (`notes`), printed as [1] with the notes at the article's end.
                    let kind = if name.starts_with("foot") {
                        "footnote"
                    } else {
                        "endnote"
                    };
                    let id = attr(&c, "id").unwrap_or("").to_owned();
                    if !self.noted.contains(&(kind, id.clone())) {
                        let t = para.plain();
                        self.warn(&t, &format!("the {kind} marked here has no text in the file, and is not printed / 该处脚注在文件中没有内容，未排出"));
                        continue;
                    }
                    let label = format!("{}{id}", &kind[..1]);
                    para.runs.push(Run {
                        text: format!("[^{label}]"),
                        bold: false,
                        italic: false,
                        mark: true,
                    });
                    self.notes.push((label, kind, id));
                }
                (Some(MC), "AlternateContent") => {
                    if let Some(choice) = c.children().find(|x| is(x, MC, "Choice")) {
                        for d in choice.children().filter(|d| is(d, W, "drawing")) {
                            self.drawing(d, para);
                        }
                    }
                }
                (Some(W), "commentReference") => {
                    let place = self.place(&para.plain());
                    self.tally.comments.push(place);
                }
                // Field codes (their shown text is in w:t), note marks, page furniture.
                (
                    Some(W),
                    "instrText"
                    | "fldChar"
                    | "delText"
                    | "footnoteRef"
                    | "endnoteRef"
                    | "separator"
                    | "continuationSeparator"
                    | "annotationRef"
                    | "ptab",
                ) => {}
                (_, other) => {
                    let t = para.plain();
                    self.warn(
                        &t,
                        &format!("Word element <{other}> is not printed / 此处的 Word 内容未排出"),
                    );
                }
            }
        }
    }

    fn drawing(&mut self, d: Node, para: &mut Para) {
        if d.descendants()
            .any(|n| n.tag_name().name() == "txbx" || is(&n, W, "txbxContent"))
        {
            let t = para.plain();
            self.warn(&t, "a text box is not printed; move its text into the article / 文本框未排出，请把其中文字移入正文");
            return;
        }
        let blip = d
            .descendants()
            .find(|n| is(n, A, "blip"))
            .and_then(|b| {
                b.attributes()
                    .find(|a| a.name() == "embed" && a.namespace() == Some(R))
            })
            .and_then(|a| self.rels.get(a.value()).cloned());
        match blip {
            Some(target) => self.image(&target, para),
            None => {
                let what = if d.descendants().any(|n| n.tag_name().name() == "chart") {
                    "a chart"
                } else {
                    "a drawing (a shape, WordArt or SmartArt)"
                };
                let t = para.plain();
                self.warn(&t, &format!("{what} is not printed; insert it as a picture (粘贴为图片) / 图表或图形未排出，请改为图片"));
            }
        }
    }

    fn image(&mut self, target: &str, para: &mut Para) {
        let name = format!("word/{target}");
        match bytes_of(self.zip, &name) {
            Some(bytes) => {
                self.out.images.insert(target.to_owned(), Arc::new(bytes));
                para.images.push(target.to_owned());
            }
            None => {
                let t = para.plain();
                self.warn(&t, &format!("the picture {target} is missing from the Word file (a linked picture?) / 图片不在文件中"));
            }
        }
    }

    /// The text of the footnotes and endnotes referred to, as Markdown footnotes after
    /// the body (`[^f1]: …`), in the order of their marks.
    fn notes(&mut self, foot: Option<&Document>, end: Option<&Document>) {
        for (label, kind, id) in std::mem::take(&mut self.notes) {
            let doc = if kind == "footnote" { foot } else { end };
            let note = doc.and_then(|d| {
                d.descendants()
                    .find(|n| is(n, W, kind) && attr(n, "id") == Some(id.as_str()))
            });
            let text: Vec<String> = note
                .into_iter()
                .flat_map(|n| n.children().filter(|p| is(p, W, "p")))
                .map(|p| {
                    let para = self.paragraph(p);
                    runs_markdown(&para.runs, false)
                })
                .filter(|t| !t.is_empty())
                .collect();
            self.out
                .markdown
                .push_str(&format!("\n[^{label}]: {}\n", text.join("")));
        }
    }

    fn finish(&mut self) {
        let t = std::mem::take(&mut self.tally);
        let list = |v: &[String]| {
            let mut s = v.iter().take(3).cloned().collect::<Vec<_>>().join("; ");
            if v.len() > 3 {
                s.push_str(&format!("; and {} more", v.len() - 3));
            }
            s
        };
        if !t.insertions.is_empty() {
            self.out.warnings.push(format!(
                "{} tracked insertion(s) are kept as if accepted: {} / 修订中的插入内容已按接受处理",
                t.insertions.len(),
                list(&t.insertions)
            ));
        }
        if !t.deletions.is_empty() {
            self.out.warnings.push(format!(
                "{} tracked deletion(s) are dropped as if accepted: {} / 修订中的删除内容已删去；请确认修订已定稿",
                t.deletions.len(),
                list(&t.deletions)
            ));
        }
        if !t.comments.is_empty() {
            self.out.warnings.push(format!(
                "{} comment(s) are not printed: {} / 批注不排出",
                t.comments.len(),
                list(&t.comments)
            ));
        }
    }
}

/// Whether a character is indentation Word leaves at a paragraph's ends.
fn is_indent(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{00A0}'
}

/// Runs as Markdown: bold as `**…**`, italic as `*…*`, the text escaped; the
/// paragraph's leading and trailing indentation removed.
fn runs_markdown(runs: &[Run], line_start: bool) -> String {
    let mut out = String::new();
    let n = runs.len();
    for (i, r) in runs.iter().enumerate() {
        let mut text = r.text.replace(['\t', '\u{00AD}'], "");
        if i == 0 {
            text = text.trim_start_matches(is_indent).to_owned();
        }
        if i + 1 == n {
            text = text.trim_end_matches(is_indent).to_owned();
        }
        if r.mark {
            out.push_str(&r.text);
            continue;
        }
        if text.is_empty() {
            continue;
        }
        // Markup must hug the text: spaces stay outside it.
        let core = text.trim_matches(is_indent);
        let lead = &text[..text.len() - text.trim_start_matches(is_indent).len()];
        let tail = &text[text.trim_end_matches(is_indent).len()..];
        let escaped = escape(core, line_start && out.is_empty() && lead.is_empty());
        let mark = match (r.bold, r.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            _ => "",
        };
        out.push_str(lead);
        if core.is_empty() {
            out.push_str(tail);
            continue;
        }
        out.push_str(mark);
        out.push_str(&escaped);
        out.push_str(mark);
        out.push_str(tail);
    }
    out
}

/// Text as Markdown that prints as itself: every ASCII mark Markdown reads is
/// escaped; at the start of a line also what would make a list, a heading or a
/// quote of it.
pub(crate) fn escape(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    if line_start {
        // `1.` / `1)` would open an ordered list, `-`, `+`, `=` a list or a heading.
        let digits = out.len() - out.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && out[digits..].starts_with(['.', ')']) {
            out.insert(digits, '\\');
        } else if out.starts_with(['-', '+', '=']) {
            out.insert(0, '\\');
        }
    }
    out
}

/// Word's list numbering: the format of each list's levels.
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, level) → format.
    levels: HashMap<(String, u8), ListFormat>,
}

/// How a list level numbers its items.
#[derive(Clone)]
struct ListFormat {
    /// `decimal`, `chineseCounting`, `bullet`, …
    kind: String,
    /// `%1.`, `（%1）`.
    text: String,
}

impl ListFormat {
    fn number(&self, n: u64) -> String {
        let shown = match self.kind.as_str() {
            "chineseCounting" | "chineseCountingThousand" | "ideographTraditional" => {
                crate::model::numerals::chinese_number(n)
            }
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
                char::from_u32(0x245F + n as u32).map_or(n.to_string(), String::from)
            }
            _ => n.to_string(),
        };
        let mut t = self.text.clone();
        for k in 1..=9 {
            t = t.replace(&format!("%{k}"), &shown);
        }
        // As GB/T 9704 sets 1. and (1): the text follows the number at once (Word's tab
        // after the number is layout, not text).
        t
    }
}

impl Numbering {
    fn parse(xml: Option<&str>) -> Self {
        let mut out = Numbering::default();
        let Some(doc) = xml.and_then(|x| Document::parse(x).ok()) else {
            return out;
        };
        for a in doc.descendants().filter(|n| is(n, W, "abstractNum")) {
            let Some(id) = attr(&a, "abstractNumId") else {
                continue;
            };
            for l in a.children().filter(|n| is(n, W, "lvl")) {
                let lvl = attr(&l, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                let val = |tag: &str| {
                    child(&l, W, tag)
                        .and_then(|c| attr(&c, "val"))
                        .unwrap_or("")
                };
                out.levels.insert(
                    (id.to_owned(), lvl),
                    ListFormat {
                        kind: val("numFmt").to_owned(),
                        text: val("lvlText").to_owned(),
                    },
                );
            }
        }
        for n in doc.descendants().filter(|n| is(n, W, "num")) {
            if let (Some(id), Some(abs)) = (
                attr(&n, "numId"),
                child(&n, W, "abstractNumId").and_then(|a| attr(&a, "val")),
            ) {
                out.nums.insert(id.to_owned(), abs.to_owned());
            }
        }
        out
    }

    /// The format of a list level; none for bullets (and lists Word does not describe).
    fn format(&self, num: &str, lvl: u8) -> Option<ListFormat> {
        let abs = self.nums.get(num)?;
        let f = self.levels.get(&(abs.clone(), lvl))?;
        (f.kind != "bullet" && f.kind != "none" && !f.text.is_empty()).then(|| f.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_marks_as_text() {
        assert_eq!(escape("a*b_c[d]#", false), "a\\*b\\_c\\[d\\]\\#");
        assert_eq!(escape("1. 总体要求", true), "1\\. 总体要求");
        assert_eq!(escape("- 项", true), "\\- 项");
        assert_eq!(escape("全角（一）", true), "全角（一）");
    }

    #[test]
    fn heading_styles_by_name() {
        assert_eq!(level_by_name("heading 2"), Some(2));
        assert_eq!(level_by_name("标题 1"), Some(1));
        assert_eq!(level_by_name("标题3"), Some(3));
        assert_eq!(level_by_name("Title"), None);
        assert_eq!(level_by_name("heading 7"), Some(4));
    }

    #[test]
    fn runs_hug_their_marks() {
        let runs = vec![
            Run {
                text: "\u{3000}\u{3000}会议".into(),
                bold: false,
                italic: false,
                mark: false,
            },
            Run {
                text: "强调 ".into(),
                bold: true,
                italic: false,
                mark: false,
            },
            Run {
                text: "结束。 ".into(),
                bold: false,
                italic: false,
                mark: false,
            },
        ];
        assert_eq!(runs_markdown(&runs, true), "会议**强调** 结束。");
    }

    #[test]
    fn list_numbers() {
        let f = ListFormat {
            kind: "chineseCounting".into(),
            text: "%1、".into(),
        };
        assert_eq!(f.number(3), "三、");
        let f = ListFormat {
            kind: "decimal".into(),
            text: "（%1）".into(),
        };
        assert_eq!(f.number(12), "（12）");
        let f = ListFormat {
            kind: "decimal".into(),
            text: "%1.".into(),
        };
        assert_eq!(f.number(2), "2.");
    }
}
