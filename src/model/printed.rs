//! Every piece of text the reader will see, walked once.
//!
//! [`walk`] goes over the finished model in print order and yields each piece of text
//! with the font role the layouts set it in and where it comes from: a slice of an
//! article file, a value of the issue (or series) file, a label of `[labels]`, or, for
//! the few characters that are typography rather than words (the ideographic space
//! between a two-character name's characters, the leader dots and page digits of
//! 本期要目), the layout itself. The layouts print the model's strings and the
//! model's labels and nothing else, so this list is what is printed.
//!
//! Its readers: the font check (`fontcheck`: every character in its role's fonts, a
//! missing one reported at its place) and `check` (the punctuation of every value the
//! issue file gives). A new printed field is added to the model, to its layout, and
//! here.

use std::ops::Range;

use toml::Spanned;

use crate::input::article::Block;
use crate::input::issue_file::LoadedIssueFile;
use crate::model::{Affix, Issue};

/// Which file a piece of text is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FileRef {
    Issue,
    /// The series file the issue builds on.
    Series,
    Article(usize),
}

/// Where a piece of text comes from.
#[derive(Debug, Clone)]
pub(crate) enum Src {
    /// A verbatim slice of a file that starts at this byte: character offsets map 1:1.
    Verbatim(FileRef, usize),
    /// Text made from the value at this span (trimmed, unescaped, or generated from
    /// it): a character is looked for in the span; not found, the span's start.
    Derived(FileRef, Range<usize>),
    /// A built-in label (【】, 责任编辑：) or the layout's typography (page digits).
    Layout,
}

/// A piece of printed text in one role.
#[derive(Debug)]
pub(crate) struct Piece<'a> {
    /// The font role, by its name in `[style.fonts]` (`body`, `heading1`, …).
    pub role: &'static str,
    pub text: String,
    pub from: Src,
    /// The issue-file value the text is, when it is free text an editor wrote (a
    /// title, a recipient, a label): `check` reads its punctuation there.
    pub field: Option<&'a Spanned<String>>,
}

/// Every piece of text of the issue in print order: masthead, 本期要目, 编者按, the
/// articles, the footer, the page numbers and a draft's watermark.
pub(crate) fn walk<'a>(issue: &'a Issue, loaded: &'a LoadedIssueFile) -> Vec<Piece<'a>> {
    let f = &loaded.file;
    let l = &issue.labels;
    let lf = &f.labels;
    let mut w = Walk { out: Vec::new() };
    let derived = |s: &Spanned<String>| Src::Derived(FileRef::Issue, s.span());
    let at = |span: Range<usize>| Src::Derived(FileRef::Issue, span);
    // A label's words: at its `[labels]` key when the file sets it.
    let label = |s: &Option<Spanned<String>>| s.as_ref().map_or(Src::Layout, derived);

    // Masthead.
    if let (Some(t), Some(sp)) = (&issue.bulletin.issuer, &f.bulletin.issuer) {
        w.field("title", t, sp);
    }
    w.field("masthead", &issue.bulletin.title, &f.bulletin.title);
    if let (Some(p), Some(s)) = (&issue.bulletin.pinyin, &f.bulletin.pinyin) {
        w.push("pinyin", p, derived(s));
    }
    let marks: Vec<&Spanned<String>> = f
        .bulletin
        .copy_number
        .iter()
        .chain(f.bulletin.secrecy.iter())
        .chain(f.bulletin.marks.iter())
        .collect();
    for (m, s) in issue.bulletin.marks.iter().zip(&marks) {
        w.field("marks", m, s);
    }
    if !marks.is_empty() {
        // The marks are spaced with an ideographic space.
        w.push("marks", "　", Src::Layout);
    }
    match (&issue.issue.number_text, &f.issue.label, &f.issue.number) {
        (Some(t), Some(s), _) => w.field("issue_line", t, s),
        (Some(t), None, Some(n)) => {
            let affix = if f.issue.supplement {
                &l.supplement
            } else {
                &l.number
            };
            let src = label(if f.issue.supplement {
                &lf.supplement
            } else {
                &lf.number
            });
            w.affixed("issue_line", t, affix, src, at(n.span()));
        }
        _ => {}
    }
    if let (Some(t), Some(s)) = (&issue.issue.total_text, &f.issue.total) {
        w.affixed("issue_line", t, &l.total, label(&lf.total), at(s.span()));
    }
    if let (Some(u), Some(sp)) = (&issue.bulletin.unit, &f.bulletin.unit) {
        w.field("unit_line", u, sp);
    }
    if let (Some(t), Some(d)) = (&issue.issue.date_text, &f.issue.date) {
        // The date from its TOML date, the suffix (印发) from its own key.
        let suffix = f.issue.date_suffix.as_ref();
        let cut = suffix.map_or(0, |s| super::date_suffix(s.get_ref()).len());
        let (date, rest) = t.split_at(t.len().saturating_sub(cut));
        w.push("unit_line", date, at(d.span()));
        if let Some(s) = suffix {
            w.field("unit_line", rest, s);
        }
    }

    // The issue's 编者按 and 本期要目.
    if let Some(n) = &issue.issue.note {
        match &f.issue.note_label {
            Some(s) => w.field("column", &n.label, s),
            None => w.push("column", &n.label, Src::Layout),
        }
        w.push("column", &l.note.words(), label(&lf.note));
        let from = f.issue.note.as_ref().or(f.issue.note_file.as_ref());
        for b in &n.blocks {
            for i in b.inlines() {
                w.push("emphasis", &i.text, from.map_or(Src::Layout, derived));
            }
        }
        if let Some(s) = &f.issue.note {
            w.check_only(s);
        }
    }
    if issue.bulletin.instruction_lines > 0 {
        w.push("heading1", &l.instruction, label(&lf.instruction));
    }
    if issue.issue.contents {
        w.push("heading1", &l.contents, label(&lf.contents));
        w.push("body", &l.column.words(), label(&lf.column));
        // The leader and the page numbers.
        w.push("body", "…0123456789", Src::Layout);
        for (a, entry) in issue.articles.iter().zip(&f.articles) {
            if let (Some(c), Some(s)) = (&a.column, &entry.column) {
                w.push("body", c, derived(s));
            }
            match (&entry.contents_title, &entry.title) {
                (Some(s), _) => w.field("body", a.contents_entry.as_deref().unwrap_or(""), s),
                (None, Some(t)) => w.push("body", &a.title.concat(), derived(t)),
                (None, None) => {}
            }
        }
    }

    // Articles.
    for (i, (a, entry)) in issue.articles.iter().zip(&f.articles).enumerate() {
        if let (Some(c), Some(s)) = (&a.column, &entry.column) {
            w.field("column", c, s);
            w.push("column", &l.column.words(), label(&lf.column));
        }
        // One piece for all lines, so that a character is found at its own line of
        // the value (the newline between them is not shaped).
        if let Some(t) = &entry.title {
            w.field("title", &a.title.join("\n"), t);
        }
        if let (Some(n), Some(sp)) = (&a.note, &entry.note) {
            w.push("column", &n.label, label(&lf.article_note));
            w.push("column", &l.note.words(), label(&lf.note));
            for b in &n.blocks {
                for inline in b.inlines() {
                    w.push("emphasis", &inline.text, derived(sp));
                }
            }
            w.check_only(sp);
        }
        if let (Some(t), Some(s)) = (&a.subtitle, &entry.subtitle) {
            w.field("subtitle", t, s);
        }
        if let (Some(t), Some(s)) = (&a.author, &entry.author) {
            w.field("byline", t, s);
        }
        for block in &a.blocks {
            w.block(i, block);
        }
        if let (Some(b), Some(s)) = (&a.byline, &entry.byline) {
            w.field("byline", b, s);
            w.push("byline", &l.byline.words(), label(&lf.byline));
        }
    }

    // Footer.
    if let (Some(ft), Some(fs)) = (&issue.footer, &f.footer) {
        for (d, ds) in ft.distribution.iter().zip(&fs.distribution) {
            w.field("footer", &d.label, &ds.label);
            w.push("footer", &l.distribution.words(), label(&lf.distribution));
            for (r, rs) in d.recipients.iter().zip(&ds.recipients) {
                w.field("footer", r, rs);
            }
        }
        if let (Some(x), Some(s)) = (&ft.extra, &fs.extra) {
            w.field("footer", x, s);
        }
        for (e, es) in ft.editors.iter().zip(&fs.editors) {
            w.field("footer", e, es);
        }
        if !ft.editors.is_empty() {
            w.push("footer", &l.editors.words(), label(&lf.editors));
            // Between names, and between the characters of a two-character name.
            w.push("footer", "　", Src::Layout);
        }
        if let Some(c) = &fs.contact {
            let mut any = false;
            for (v, s, prose) in [
                (&ft.phone, &c.phone, false),
                (&ft.email, &c.email, false),
                (&ft.address, &c.address, true),
            ] {
                if let (Some(v), Some(s)) = (v, s) {
                    if prose {
                        w.field("footer", v, s);
                    } else {
                        w.push("footer", v, derived(s));
                    }
                    any = true;
                }
            }
            if any {
                w.push("footer", &l.contact.words(), label(&lf.contact));
                w.push("footer", " ", Src::Layout);
            }
            if ft.address.is_some() {
                w.push("footer", &l.address.words(), label(&lf.address));
                w.push("footer", "　", Src::Layout);
            }
        }
        if let (Some(x), Some(s)) = (&ft.approval, &fs.approval) {
            w.field("footer", x, s);
            w.push("footer", &l.approval.words(), label(&lf.approval));
        }
        if let (Some(n), Some(s)) = (&ft.print_count, &fs.print_count) {
            w.push("footer", n, at(s.span()));
            w.push("footer", &l.print_count.words(), label(&lf.print_count));
        }
        if let (Some(x), Some(sp)) = (&ft.issued_by, &fs.issued_by) {
            w.field("footer", x, sp);
        }
        if let (Some(x), Some(sp)) = (&ft.issued_on, &fs.issued_on) {
            w.push("footer", x, at(sp.span()));
        }
    }

    // Page numbers (any digit may occur), and a draft's watermark (set in the title's
    // fonts and weight).
    w.push("page_number", "0123456789", Src::Layout);
    w.push(
        "page_number",
        &l.page_number.words(),
        label(&lf.page_number),
    );
    if let Some(d) = &issue.draft {
        w.push("title", d, Src::Layout);
    }
    w.out
}

/// The list being built.
struct Walk<'a> {
    out: Vec<Piece<'a>>,
}

impl<'a> Walk<'a> {
    fn push(&mut self, role: &'static str, text: &str, from: Src) {
        if !text.is_empty() {
            self.out.push(Piece {
                role,
                text: text.to_owned(),
                from,
                field: None,
            });
        }
    }

    /// Free text an editor wrote in the issue file, printed as it is there.
    fn field(&mut self, role: &'static str, text: &str, s: &'a Spanned<String>) {
        self.out.push(Piece {
            role,
            text: text.to_owned(),
            from: Src::Derived(FileRef::Issue, s.span()),
            field: Some(s),
        });
    }

    /// A value that is printed as blocks (a note): its font pieces are pushed by
    /// block; `check` reads the value once.
    fn check_only(&mut self, s: &'a Spanned<String>) {
        self.out.push(Piece {
            role: "body",
            text: String::new(),
            from: Src::Layout,
            field: Some(s),
        });
    }

    /// A value the model put between a label's words (第19期, （总第五百六十三期）):
    /// the words from the label, the value from its key.
    fn affixed(&mut self, role: &'static str, text: &str, affix: &Affix, words: Src, value: Src) {
        let inner = text
            .strip_prefix(affix.before.as_str())
            .and_then(|t| t.strip_suffix(affix.after.as_str()))
            .unwrap_or(text);
        self.push(role, &affix.words(), words);
        self.push(role, inner, value);
    }

    /// An article's block: its inlines at their places in the article file, in the
    /// block's role (emphasis in 楷体, a table's cells in the table role).
    fn block(&mut self, article: usize, block: &Block) {
        let file = FileRef::Article(article);
        let (block_role, number) = match block {
            Block::Table(t) => {
                let caption = t.caption.iter().chain(&t.unit).map(|i| (i, "caption"));
                for (inline, role) in caption.chain(t.cells().flatten().map(|i| (i, "table"))) {
                    let r = if inline.emph { "emphasis" } else { role };
                    let from = match &inline.src {
                        Some(src) => Src::Verbatim(file, src.start),
                        None => Src::Layout,
                    };
                    self.push(r, &inline.text, from);
                }
                return;
            }
            Block::Paragraph { .. }
            | Block::Item { .. }
            | Block::Divider { .. }
            | Block::Attachment { .. }
            | Block::Addressee { .. }
            | Block::Closing { .. } => ("body", None),
            Block::Quote { .. } => ("emphasis", None),
            Block::Centered { .. } => ("byline", None),
            Block::Note { .. } => ("note", None),
            Block::Image(_) => ("caption", None),
            Block::Heading { level, number, .. } => (heading_role(*level), Some(number)),
        };
        let inlines = block.inlines();
        let anchor = |k: usize| {
            // The nearest inline with a place in the file, for generated text.
            let s = inlines[k..]
                .iter()
                .chain(inlines[..k].iter().rev())
                .find_map(|x| x.src.as_ref().map(|r| r.start))
                .unwrap_or(0);
            Src::Derived(file, s..s)
        };
        if let Some(n) = number.filter(|n| !n.is_empty()) {
            self.push(block_role, n, anchor(0));
        }
        for (k, inline) in inlines.iter().enumerate() {
            let r = if inline.emph { "emphasis" } else { block_role };
            let from = match &inline.src {
                Some(src) => Src::Verbatim(file, src.start),
                None => anchor(k),
            };
            self.push(r, &inline.text, from);
        }
    }
}

/// The role of a heading of this level.
fn heading_role(level: u8) -> &'static str {
    match level {
        1 => "heading1",
        2 => "heading2",
        3 => "heading3",
        _ => "heading4",
    }
}
