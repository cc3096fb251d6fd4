//! Where PDFs are written: Typst's PDF export with stable identifiers and dates (the
//! same input gives the same bytes), then an atomic write: a temporary file beside
//! the target, renamed over it only when everything succeeded.

use std::io::Write;
use std::path::Path;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::{Error, Result};
use crate::model::Issue;

/// China Standard Time, in minutes east of UTC: the issue date is a date in China.
const CST_MINUTES: i32 = 8 * 60;

/// Exports the laid-out issue to PDF bytes; `pdfa`: as PDF/A-2b (the layout must then
/// use ICC-based colour, see `print::LayoutPrint::archival`).
pub fn pdf(doc: &PagedDocument, issue: &Issue, pdfa: bool) -> Result<Vec<u8>> {
    let date = Datetime::from_ymd(issue.issue.year, issue.issue.month, issue.issue.day)
        .ok_or_else(|| Error::internal("invalid issue date"))?;
    let standards = if pdfa {
        PdfStandards::new(&[PdfStandard::A_2b])
            .map_err(|e| Error::internal(format!("PDF/A-2b: {e:?}")))?
    } else {
        PdfStandards::default()
    };
    let options = PdfOptions {
        standards,
        // A stable identifier: the bulletin and the issue, never a random one.
        ident: Smart::Custom(format!("jianbao/{}", issue.meta.title)),
        creator: Smart::Custom(Some(format!("jianbao {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Timestamp::new_local(date, CST_MINUTES),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        Error::internal(format!(
            "PDF export failed: {}",
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })
}

/// Writes bytes to `path` atomically: a temporary file in the same directory, flushed,
/// then renamed over the target. On any failure the target is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let io =
        |e: std::io::Error| Error::io(path, "cannot write the output file / 无法写入输出文件", e);
    let mut tmp = tempfile::Builder::new()
        .prefix(".jianbao-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    // A temporary file is private (0600); the PDF is an ordinary file for the printer:
    // keep the permissions of the file it replaces, or give the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(io)?;
    }
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.pdf");
        write_atomic(&out, b"one").unwrap();
        write_atomic(&out, b"two").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn written_pdf_is_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.pdf");
        write_atomic(&out, b"x").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[test]
    fn failed_write_leaves_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("missing-dir").join("a.pdf");
        assert!(write_atomic(&out, b"x").is_err());
        assert!(!out.exists());
    }
}
