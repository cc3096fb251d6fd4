//! Typst's PDF export with stable identifiers and dates: the same input gives the
//! same bytes. Writing the file is [`crate::output::files::write_atomic`]'s.

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
    // An issue without a date carries none: the same bytes every time all the same.
    let date = issue
        .issue
        .date
        .and_then(|(y, m, d)| Datetime::from_ymd(y, m, d));
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
        timestamp: date.and_then(|d| Timestamp::new_local(d, CST_MINUTES)),
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
