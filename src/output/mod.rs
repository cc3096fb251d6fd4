//! Output: the PDF bytes, the print profile applied after export (boxes, marks,
//! PDF/X, photo separations, the colour audit), the preflight of any PDF, and every
//! file read or written (atomic, guarded).

pub(crate) mod export;
pub mod files;
pub mod preflight;
pub(crate) mod print;

pub use export::pdf;
pub use print::PrintOverrides;
pub use print::audit::{ColourAudit, audit};
pub use print::proven::unproven;
