//! Record metadata, in its own module so that a record module the model root lists (the sanctions
//! on a person's page) can use it without the two importing each other.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who made and last changed a record, and whether it was voided (作废). Nothing is deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordMeta {
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    pub voided_at: Option<String>,
    pub void_reason: Option<String>,
}
