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
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded> {
    let (encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, len),
        None if std::str::from_utf8(bytes).is_ok() => (UTF_8, 0),
        None => (guess(bytes), 0),
    };
    let body = &bytes[bom_len..];
    let text = decode_strict(encoding, body).map_err(|offset| {
        InputError::file(
            path,
            format!(
                "byte {} cannot be decoded as {} / 第 {} 字节无法按 {} 解码",
                offset + bom_len,
                encoding.name(),
                offset + bom_len,
                encoding.name()
            ),
        )
        .help("save the file as UTF-8 (in Word/WPS: 另存为 → 纯文本 → UTF-8) / 请将文件另存为 UTF-8 编码")
    })?;
    Ok(Decoded {
        text: normalize_newlines(&text),
        encoding,
        had_bom: bom_len > 0,
    })
}

/// Without a BOM and not UTF-8: Chinese Windows text is GB18030 (a superset of GBK)
/// almost always; chardetng decides when the bytes say otherwise.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    if enc == encoding_rs::GBK || enc == UTF_16LE || enc == UTF_16BE {
        GB18030
    } else {
        enc
    }
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
        encoding_rs::DecoderResult::Malformed(bad, _) => Err(read.saturating_sub(bad as usize)),
        encoding_rs::DecoderResult::OutputFull => Err(read),
    }
}

fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
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

    #[test]
    fn bad_bytes_name_the_offset() {
        // A UTF-8 BOM promises UTF-8; 0xFF at byte 5 breaks it.
        let bytes = [0xEF, 0xBB, 0xBF, b'a', b'b', 0xFF, b'c'];
        let err = decode(Path::new("t.txt"), &bytes).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("byte 5"), "{msg}");
    }
}
