//! GB/T 9704-2012 layout engine on printpdf: the A4 text block and its 22 × 28 grid, CJK line
//! breaking with 禁则, the four font roles with per-character fallback, and the 信函格式 letter.
//!
//! Fonts are loaded once into a [`FontSet`]; a document subsets every face it uses once, so a
//! batch of letters in one PDF shares one subset per font.

pub mod canvas;
pub mod fonts;
pub mod geometry;
pub mod letter;
pub mod linebreak;
pub mod talk_record;

use std::path::PathBuf;

pub use fonts::{FontConfig, FontReport, FontRole, FontSet, RoleFont};
pub use letter::{render_letter, render_letters, LetterDoc};
pub use talk_record::{render_talk_record, RecordRow, TalkRecordDoc};

/// What can go wrong making a PDF. Messages are for the clerk, in Chinese.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("未找到用于“{role}”的字体：请安装仿宋、楷体、黑体、方正小标宋简体，或安装开源字体 fonts-noto-cjk、fonts-arphic-gkai00mp")]
    FontMissing { role: String },
    #[error("字体文件无法读取：{path}（{reason}）")]
    FontUnreadable { path: PathBuf, reason: String },
    #[error("字体“{family}”无法嵌入（子集化失败：{reason}）")]
    Subset { family: String, reason: String },
    #[error("PDF 生成失败：{0}")]
    Render(String),
}

impl PdfError {
    /// Stable code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::FontMissing { .. } => "font_missing",
            PdfError::FontUnreadable { .. } => "font_unreadable",
            PdfError::Subset { .. } => "font_subset",
            PdfError::Render(_) => "pdf_render",
        }
    }
}

impl From<PdfError> for crate::Error {
    fn from(e: PdfError) -> Self {
        crate::Error::Io(e.to_string())
    }
}
