//! jiandu-core: everything of 监督台账 that is not a window — records, storage, the actions a
//! clerk takes, the demo county and the headless commands. No Tauri in here, so all of it is
//! tested on temporary databases.

// In unit tests an unwrap that panics is the failure report itself.
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod calendar;
pub mod cli;
pub mod clock;
pub mod demo;
pub mod display;
pub mod error;
// ---- Excel out
pub mod export;
// ---- end Excel out
// ---- Excel in
pub mod import;
// ---- end Excel in
pub mod letters;
pub mod model;
pub mod paths;
pub mod pdf;
pub mod pinyin_keys;
pub mod service;
pub mod store;

pub use clock::Ctx;
pub use error::{Error, ErrorPayload, Result};
pub use store::Db;
