//! Excel/CSV import: what the preview shows and what the import did. The problems are a list in
//! the preview (one per row and column, in Chinese), not an error: a file usually has several.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a file holds: the unit list, the roster (people and their positions) or past ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Units,
    People,
    Ratings,
}

/// A field a column can be mapped to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportField {
    /// Stable key, e.g. `birth_date`; the mapping names fields by it.
    pub key: String,
    /// The Chinese label shown in the mapping select, e.g. 出生年月.
    pub label: String,
    pub required: bool,
}

/// One column of the file's header row and the field it is mapped to (none: not imported).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportColumn {
    /// 0-based position in the header row.
    pub index: u32,
    pub header: String,
    pub field: Option<String>,
}

/// A problem of the file, where the clerk sees it in Excel: 1-based row number and the column's
/// header (empty when it concerns the whole row or file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportProblem {
    pub row: u32,
    pub column: String,
    pub message: String,
}

/// What the import creates and changes (the preview: would create and change).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportCounts {
    pub units_created: u32,
    pub units_updated: u32,
    pub people_created: u32,
    pub people_updated: u32,
    pub positions_created: u32,
    pub positions_updated: u32,
    pub ratings_created: u32,
    pub ratings_updated: u32,
    /// Rows that match a record already holding the same values.
    pub unchanged: u32,
}

impl ImportCounts {
    /// "新建干部 280 人，更新干部 3 人，…", or "没有需要新建或更新的记录".
    pub fn summary(&self) -> String {
        let parts: Vec<String> = [
            (self.units_created, "新建单位", "个"),
            (self.units_updated, "更新单位", "个"),
            (self.people_created, "新建干部", "人"),
            (self.people_updated, "更新干部", "人"),
            (self.positions_created, "新建任职", "条"),
            (self.positions_updated, "更新任职", "条"),
            (self.ratings_created, "新建考核结果", "条"),
            (self.ratings_updated, "更新考核结果", "条"),
            (self.unchanged, "无变化", "行"),
        ]
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, what, unit)| format!("{what} {n} {unit}"))
        .collect();
        if parts.is_empty() {
            "没有需要新建或更新的记录".into()
        } else {
            parts.join("，")
        }
    }
}

/// The preview of a file: nothing is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub kind: ImportKind,
    pub file_name: String,
    pub sheet: String,
    /// 1-based row of the header row found (title rows above it are skipped).
    pub header_row: u32,
    /// Non-blank data rows below the header.
    pub data_rows: u32,
    /// The header row's columns with the guessed (or given) mapping.
    pub columns: Vec<ImportColumn>,
    /// The fields a column may be mapped to, for the selects.
    pub fields: Vec<ImportField>,
    /// Every problem, by row; the import is possible only when this is empty.
    pub problems: Vec<ImportProblem>,
    /// What the import would do.
    pub counts: ImportCounts,
    pub summary: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportResult {
    pub kind: ImportKind,
    pub counts: ImportCounts,
    pub summary: String,
}
