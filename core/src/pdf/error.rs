//! What can go wrong making a PDF, and how it reaches the clerk.

use std::path::PathBuf;

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
