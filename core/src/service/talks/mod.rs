//! What a clerk does with supervision talks, the yearly talk plan and the 谈话记录表. A talk's state
//! is never set by hand: it follows from recording the talk, adding items, closing or voiding them.


mod plan;
mod record_form;
mod records;
mod settings;

pub use plan::*;
pub use record_form::*;
pub use records::*;
pub use settings::*;
