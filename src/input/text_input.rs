//! Reading text files as editors have them: UTF-8 with or without BOM, UTF-16 with a
//! BOM, GB18030/GBK from Windows tools; CRLF and CR line ends. Undecodable bytes are
//! an error with the byte offset, never replaced silently.

use std::path::Path;

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::{InputError, Result};

/// A decoded text file.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, line ends normalised to `\n`, without a BOM.
    pub text: String,
    /// The encoding the bytes were in.
    pub encoding: &'static Encoding,
    /// Whether there was a byte-order mark.
    pub had_bom: bool,
    /// The line ends the file used (the first kind found), to write it back alike.
    pub line_end: LineEnd,
}

/// The line ends of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    Lf,
    CrLf,
    Cr,
}

impl LineEnd {
    fn of(text: &str) -> LineEnd {
        match text.find('\r') {
            None => LineEnd::Lf,
            Some(i) if text[i + 1..].starts_with('\n') => LineEnd::CrLf,
            Some(_) => LineEnd::Cr,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            LineEnd::Lf => "\n",
            LineEnd::CrLf => "\r\n",
            LineEnd::Cr => "\r",
        }
    }
}

impl Decoded {
    /// A note for the editor when the file was not plain UTF-8, or `None`.
    pub fn note(&self, path: &Path) -> Option<String> {
        (self.encoding != UTF_8).then(|| {
            format!(
                "note: {} was read as {} (not UTF-8) / 该文件按 {} 编码读取",
                path.display(),
                self.encoding.name(),
                self.encoding.name()
            )
        })
    }
}

/// Decodes a file's bytes, detecting the encoding.
///
/// Order: a byte-order mark decides; then NUL bytes (UTF-16 without a BOM, or a binary
/// file such as a Word document, which is an error); then UTF-8; then a file that is
/// UTF-8 up to a broken byte is an error at that byte, not a guess; then chardetng
/// decides between GB18030 (also for GBK) and Big5, GB18030 being the default of
/// Chinese Windows. Decoding is strict: a byte that does not decode is an error.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(InputError::file(
            path,
            format!("this is {kind}, not a plain text file / 这不是纯文本文件，而是{}", kind_zh(kind)),
        )
        .help("a Word file is read as it is when its name ends in .docx (.doc, .wps and .odt through LibreOffice): rename it, or name the Word file in the issue file; or save it as plain text (另存为 → 纯文本 .txt, UTF-8) / Word 文件请以 .docx 结尾命名后直接引用，或另存为纯文本（UTF-8）")
        .into());
    }
    let (encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, len),
        None => match utf16_without_bom(bytes) {
            Some(enc) => (enc, 0),
            None if bytes.contains(&0) => {
                let at = bytes.iter().position(|&b| b == 0).unwrap_or(0);
                return Err(InputError::file(
                    path,
                    format!("byte {at} is a NUL byte: this looks like a binary file, not text / 第 {at} 字节为 NUL，这像是二进制文件而不是文本"),
                )
                .help("save the article as plain text (UTF-8) / 请把文章另存为纯文本（UTF-8）")
                .into());
            }
            None => match std::str::from_utf8(bytes) {
                Ok(text) if gbk_as_utf8(text, bytes) => (guess(bytes), 0),
                Ok(_) => (UTF_8, 0),
                Err(e) if mostly_utf8(&bytes[..e.valid_up_to()]) => (UTF_8, 0),
                Err(_) => (guess(bytes), 0),
            },
        },
    };
    let body = &bytes[bom_len..];
    let text = decode_strict(encoding, body)
        .map_err(|offset| undecodable(path, encoding, body, bom_len, offset))?;
    Ok(Decoded {
        line_end: LineEnd::of(&text),
        text: normalize_newlines(&text),
        encoding,
        had_bom: bom_len > 0,
    })
}

impl Decoded {
    /// Encodes `text` (with `\n` line ends) the way this file was: same encoding, BOM
    /// and line ends (UTF-16 always with a BOM). Returns the bytes and the encoding used: UTF-8 when the original
    /// encoding cannot hold a character of `text`.
    pub fn encode_like(&self, text: &str) -> (Vec<u8>, &'static Encoding) {
        let text = if self.line_end == LineEnd::Lf {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(text.replace('\n', self.line_end.as_str()))
        };
        let bom = |enc: &'static Encoding| -> &'static [u8] {
            match (self.had_bom, enc) {
                (false, _) => b"",
                (true, e) if e == UTF_16LE => &[0xFF, 0xFE],
                (true, e) if e == UTF_16BE => &[0xFE, 0xFF],
                (true, _) => &[0xEF, 0xBB, 0xBF],
            }
        };
        let mut out = bom(self.encoding).to_vec();
        if self.encoding == UTF_16LE || self.encoding == UTF_16BE {
            // UTF-16 is always written with its BOM, which every tool understands.
            let le = self.encoding == UTF_16LE;
            if !self.had_bom {
                out = if le {
                    vec![0xFF, 0xFE]
                } else {
                    vec![0xFE, 0xFF]
                };
            }
            for u in text.encode_utf16() {
                out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            return (out, self.encoding);
        }
        if self.encoding == UTF_8 {
            out.extend_from_slice(text.as_bytes());
            return (out, UTF_8);
        }
        let (bytes, used, unmappable) = self.encoding.encode(&text);
        out.extend_from_slice(&bytes);
        // Written back in the file's encoding only when it reads back as the same text
        // (GB18030 writes € as A2E3 where the file had 0x80, and bytes that changed may
        // be taken for Big5); else as UTF-8, which always does.
        let same = !unmappable
            && used == self.encoding
            && decode(Path::new(""), &out).is_ok_and(|d| d.text == normalize_newlines(&text));
        if !same {
            let mut out = bom(UTF_8).to_vec();
            out.extend_from_slice(text.as_bytes());
            return (out, UTF_8);
        }
        (out, self.encoding)
    }
}

fn undecodable(
    path: &Path,
    encoding: &'static Encoding,
    body: &[u8],
    bom_len: usize,
    offset: usize,
) -> crate::error::Error {
    // The text before the bad byte decodes; show it and the rest with a marker.
    let prefix = decode_strict(encoding, &body[..offset]).unwrap_or_default();
    let (rest, _) = encoding.decode_without_bom_handling(&body[offset..]);
    let shown = normalize_newlines(&format!("{prefix}{rest}"));
    let at = normalize_newlines(&prefix).len();
    let byte = offset + bom_len;
    let name = encoding.name();
    InputError::at(
        path,
        &shown,
        at..at + rest.chars().next().map_or(0, char::len_utf8),
        format!(
            "byte {byte} (0x{:02X}) cannot be decoded as {name} / 第 {byte} 字节无法按 {name} 解码",
            body[offset]
        ),
    )
    .help("the file is damaged or in another encoding: open it in Notepad or WPS and save it as UTF-8 (另存为 → 编码 UTF-8) / 文件已损坏或是别的编码：用记事本或 WPS 打开，另存为 UTF-8")
    .into()
}

/// Word, WPS, PDF, RTF and zip files, by their first bytes.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("a Word/WPS document (.docx/.wps, a zip file)")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some("an old Word/WPS document (.doc/.wps)")
    } else if bytes.starts_with(b"%PDF-") {
        Some("a PDF file")
    } else if bytes.starts_with(b"{\\rtf") {
        Some("an RTF document")
    } else {
        None
    }
}

fn kind_zh(kind: &str) -> &'static str {
    if kind.contains("PDF") {
        "PDF 文件"
    } else if kind.contains("RTF") {
        "RTF 文档"
    } else {
        "Word/WPS 文档"
    }
}

/// UTF-16 without a BOM: line ends that are whole code units in one byte order only
/// (`0A 00` for LE, `00 0A` for BE), and a text without control characters once decoded
/// (a binary file decodes into some).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
        return None;
    }
    let count = |unit: (u8, u8)| {
        bytes
            .chunks_exact(2)
            .filter(|u| (u[0], u[1]) == unit)
            .count()
    };
    let (le, be) = (count((b'\n', 0)), count((0, b'\n')));
    let enc = match (le, be) {
        (1.., 0) => UTF_16LE,
        (0, 1..) => UTF_16BE,
        _ => return None,
    };
    let text = decode_strict(enc, bytes).ok()?;
    text.chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .then_some(enc)
}

/// Whether valid UTF-8 text already holds several multi-byte characters: a file like
/// that with a broken byte later is damaged UTF-8, not another encoding.
/// Whether bytes that are valid UTF-8 are GBK text all the same: a short GBK file
/// (通知, CD A8 D6 AA) is valid UTF-8 too, as two accents and a Hebrew point (֪ͨ), and
/// printed so (QA12 B 05). Taken so when the UTF-8 reading has characters beyond
/// ASCII, all of scripts no Chinese text is in, and the GB18030 reading is all Chinese
/// characters and full-width marks beyond ASCII.
fn gbk_as_utf8(text: &str, bytes: &[u8]) -> bool {
    let chinese = |c: char| {
        c.is_ascii()
            || crate::proofread::punctuation::is_han(c)
            || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
    };
    // Characters no Chinese bulletin's text is made of: C1 controls, IPA and accents
    // alone, Armenian, Hebrew, Arabic and the scripts after them below U+0800 (not
    // Latin, Greek or Cyrillic: café, Ωmega stay UTF-8).
    let unlikely = |c: char| matches!(c as u32, 0x80..=0x9F | 0x250..=0x36F | 0x530..=0x7FF);
    !text.is_ascii()
        && text.chars().all(|c| c.is_ascii() || unlikely(c))
        && decode_strict(GB18030, bytes).is_ok_and(|t| t.chars().all(chinese))
}

fn mostly_utf8(valid: &[u8]) -> bool {
    // A GB18030 text is almost never valid UTF-8 over four non-ASCII characters.
    std::str::from_utf8(valid)
        .map(|s| s.chars().filter(|c| !c.is_ascii()).take(4).count() >= 4)
        .unwrap_or(false)
}

/// Without a BOM and not UTF-8: Chinese Windows text is GB18030 (a superset of GBK)
/// almost always; chardetng may recognise Big5. Anything else is tried as GB18030,
/// whose strict decoding reports the first byte that does not fit.
///
/// GB18030 decodes almost any pair of bytes, so Big5 text (traditional Chinese from
/// Taiwan or Hong Kong) "decodes" into wrong characters, some in the private-use
/// area. When the GB18030 reading has private-use characters or fails, chardetng is
/// asked again without the bias towards mainland encodings, and Big5 is taken when it
/// says so and the bytes decode as Big5.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let detect = |tld: Option<&[u8]>| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(tld, chardetng::Utf8Detection::Allow)
    };
    if detect(Some(b"cn")) == encoding_rs::BIG5 {
        return encoding_rs::BIG5;
    }
    // Only a GB18030 reading with private-use characters is doubted (bytes that do not
    // decode at all stay an error at their offset), and only a clean Big5 reading
    // replaces it: the choice is then the same for the bytes a fix writes back.
    // (Or with bopomofo, kana or box-drawing among its characters, which a short Big5
    // text reads as: 兩岸交流 as ㄢ─ユ瑈, QA12 B 05.)
    let unlikely = |c: char| {
        is_private_use(c) || matches!(c as u32, 0x2500..=0x257F | 0x3040..=0x30FF | 0x3100..=0x312F)
    };
    let doubtful = decode_strict(GB18030, bytes).is_ok_and(|t| t.chars().any(unlikely));
    if doubtful
        && detect(None) == encoding_rs::BIG5
        && decode_strict(encoding_rs::BIG5, bytes).is_ok_and(|t| !t.chars().any(is_private_use))
    {
        return encoding_rs::BIG5;
    }
    GB18030
}

/// Whether a character is in a private-use area (造字 of one computer, no standard shape).
fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// Decodes without replacement; on failure, returns the byte offset of the bad input.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> std::result::Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3 + 16);
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(bad as usize + after as usize))
        }
        encoding_rs::DecoderResult::OutputFull => Err(read),
    }
}

/// An HTML entity at the start of `s`, as text copied from a web page or a WeChat
/// article into a `.txt` brings them (`&nbsp;` `&amp;` `&ldquo;` `&#8212;` `&#x2014;`):
/// its length in bytes and the character it stands for. A no-break space stands for
/// a space (the spacing rules take it out between Chinese characters), `&emsp;` for
/// the full-width space web pages indent paragraphs with.
pub(crate) fn html_entity(s: &str) -> Option<(usize, char)> {
    let body = s.strip_prefix('&')?;
    // A web page's &nbsp without its ; (browsers take it): the same space.
    if body.starts_with("nbsp")
        && !body[4..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == ';')
    {
        return Some((5, ' '));
    }
    let end = body.find(';').filter(|&e| (2..=10).contains(&e))?;
    let name = &body[..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|c| !c.is_control() || *c == '\t')?
    } else {
        match name {
            "nbsp" | "ensp" | "thinsp" => ' ',
            "emsp" => '\u{3000}',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "middot" => '·',
            "bull" => '•',
            "times" => '×',
            "divide" => '÷',
            "deg" => '°',
            "plusmn" => '±',
            "permil" => '‰',
            "yen" => '¥',
            "copy" => '©',
            "reg" => '®',
            _ => return None,
        }
    };
    Some((end + 2, c))
}

/// What an HTML entity at the start of `s` is replaced with, after the character
/// `before`: its character, but a no-break space next to Chinese text is nothing (a
/// web page's «活动&nbsp;。» is 活动。; Chinese sets no space beside its characters).
pub(crate) fn entity_replacement(before: Option<char>, s: &str) -> Option<(usize, String)> {
    let (len, c) = html_entity(s)?;
    let after = s[len..].chars().next();
    let chinese = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace());
    if c == ' ' && (chinese(before) || chinese(after)) {
        return Some((len, String::new()));
    }
    Some((len, c.to_string()))
}

/// `text` with its HTML entities ([`entity_replacement`]) replaced by their characters, and
/// the byte offset in `text` of the first one replaced and how many there were.
pub(crate) fn decode_entities(text: &str) -> (String, Option<(usize, usize)>) {
    if !text.contains('&') {
        return (text.to_owned(), None);
    }
    let mut out = String::with_capacity(text.len());
    let (mut first, mut count) = (None, 0);
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        match entity_replacement(out.chars().next_back(), &rest[at..]) {
            Some((len, with)) => {
                first.get_or_insert(text.len() - rest.len() + at);
                count += 1;
                out.push_str(&with);
                rest = &rest[at + len..];
            }
            None => {
                out.push('&');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    (out, first.map(|f| (f, count)))
}

/// CR LF and a lone CR as LF; and the line and the paragraph separators (U+2028,
/// U+2029, which text copied from a web page or a Mac's Notes carries) as the line
/// ends they are: no font has them, and the build stopped asking for one (QA12 B 18).
fn normalize_newlines(text: &str) -> String {
    if !text.contains(['\r', '\u{2028}', '\u{2029}']) {
        return text.to_owned();
    }
    text.replace("\r\n", "\n")
        .replace(['\r', '\u{2028}'], "\n")
        .replace('\u{2029}', "\n\n")
}

/// Spaces in place of a part of an article's text, byte for byte; its line ends stay,
/// so every place in the text stays where it was.
pub(crate) fn blank_out(text: &mut String, range: std::ops::Range<usize>) {
    let blank: String = text[range.clone()]
        .chars()
        .map(|c| {
            if c == '\n' {
                "\n".to_owned()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    text.replace_range(range, &blank);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Decoded {
        decode(Path::new("t.txt"), bytes).unwrap()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(dec("简报\r\n第二行".as_bytes()).text, "简报\n第二行");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("简报".as_bytes());
        let d = dec(&b);
        assert_eq!(d.text, "简报");
        assert!(d.had_bom);
    }

    #[test]
    fn utf16_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("简报\r".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(dec(&le).text, "简报\n");
        let mut be = vec![0xFE, 0xFF];
        be.extend("简报".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(dec(&be).text, "简报");
    }

    #[test]
    fn gb18030_is_detected() {
        let text = "全国人大常委会办公厅联络局、研究室、新闻局，《中国人大》杂志社。堃";
        let (bytes, _, _) = GB18030.encode(text);
        let d = dec(&bytes);
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, GB18030);
        assert!(d.note(Path::new("t.txt")).is_some());
    }

    /// A short GBK file that is valid UTF-8 too, and a short Big5 file, are read as
    /// what they are (通知 printed as ֪ͨ, 兩岸交流 as ㄢ─ユ瑈, QA12 B 05); UTF-8 text
    /// stays UTF-8.
    #[test]
    fn short_gbk_and_big5_files_are_read_as_themselves() {
        let gbk = [0xCD, 0xA8, 0xD6, 0xAA];
        assert_eq!(dec(&gbk).text, "通知");
        assert_eq!(dec(&gbk).encoding, GB18030);
        let (big5, _, _) = encoding_rs::BIG5.encode("兩岸交流");
        assert_eq!(dec(&big5).text, "兩岸交流");
        for text in ["通知", "café au lait", "Ωmega", "正文。"] {
            assert_eq!(dec(text.as_bytes()).text, text);
        }
    }

    #[test]
    fn html_entities_of_a_web_page_are_their_characters() {
        let (text, found) = decode_entities(
            "活动&nbsp;。\n研发&amp;设计&#8212;&#x2014;&ldquo;好&rdquo;&foo; & a&b;",
        );
        assert_eq!(text, "活动。\n研发&设计——“好”&foo; & a&b;");
        assert_eq!(decode_entities("Tom&nbsp;Lee").0, "Tom Lee");
        assert_eq!(decode_entities("活动&nbsp。").0, "活动。");
        assert_eq!(found, Some((6, 6)));
        assert_eq!(decode_entities("无实体。"), ("无实体。".to_owned(), None));
    }

    #[test]
    fn bad_bytes_name_the_offset() {
        // A UTF-8 BOM promises UTF-8; 0xFF at byte 5 breaks it.
        let bytes = [0xEF, 0xBB, 0xBF, b'a', b'b', 0xFF, b'c'];
        let err = decode(Path::new("t.txt"), &bytes).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("byte 5"), "{msg}");
    }
}
