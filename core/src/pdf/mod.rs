//! GB/T 9704-2012 layout engine on printpdf: the A4 text block and its 22 × 28 grid, CJK line
//! breaking with 禁则, the four font roles with per-character fallback, and the 信函格式 letter.
//!
//! Fonts are loaded once into a [`FontSet`]; a document subsets every face it uses once, so a
//! batch of letters in one PDF shares one subset per font.

pub mod canvas;
mod error;
pub mod fonts;
pub mod geometry;
pub mod letter;
pub mod linebreak;
pub mod person_file;
pub mod talk_record;
// ---- report
pub mod report;
pub(crate) mod table;
// ---- end report

pub use error::PdfError;
pub use fonts::{FontConfig, FontReport, FontRole, FontSet, RoleFont};
pub use letter::{render_letter, render_letters, LetterDoc};
pub use talk_record::{render_talk_record, RecordRow, TalkRecordDoc};
pub use person_file::render_person_file;
// ---- report
pub use report::render_report;
// ---- end report
