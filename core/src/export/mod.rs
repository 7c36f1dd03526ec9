//! Lists out to Excel: a generic one-sheet writer and one export per list page.

pub mod lists;
pub mod xlsx;
