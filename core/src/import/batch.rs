//! What the import's steps hand each other: the file read and mapped, the records changed, the
//! outcome of checking the rows.

use std::collections::HashMap;

use serde::Serialize;

use super::read::Cell;
use crate::model::import::{ImportCounts, ImportProblem};

/// The column-to-field mapping: one entry per header column, the field key or none.
pub type Mapping = Vec<Option<String>>;

/// A file read and mapped, ready to be checked.
pub(crate) struct Loaded {
    pub file_name: String,
    pub sheet: String,
    /// 1-based
    pub header_row: u32,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    /// (1-based row number, cells) of each non-blank row below the header.
    pub data: Vec<(u32, Vec<Cell>)>,
}

/// A record the import created or changed, for its audit entry.
#[derive(Debug, Serialize)]
pub(crate) struct Change {
    pub entity: &'static str,
    pub id: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<serde_json::Value>,
    pub after: serde_json::Value,
}

/// What checking (and writing, inside the transaction) the rows gave.
#[derive(Default)]
pub(crate) struct Outcome {
    pub problems: Vec<ImportProblem>,
    pub counts: ImportCounts,
    pub created: Vec<Change>,
    pub updated: Vec<Change>,
}

impl Loaded {
    /// Field key → column index.
    pub fn index(&self) -> HashMap<&str, usize> {
        let mut m = HashMap::new();
        for (i, f) in self.mapping.iter().enumerate() {
            if let Some(f) = f {
                m.entry(f.as_str()).or_insert(i);
            }
        }
        m
    }
}
