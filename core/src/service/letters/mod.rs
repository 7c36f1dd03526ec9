//! Letters (提醒函, 督办函 …): templates and their fields, drafts, signing with numbers that are
//! never reused, batches, delivery, replies, 销号, 催办, and printing.


mod drafts;
mod fields;
mod printing;
mod reading;
mod signing;
mod templates;
mod tracking;

pub use drafts::*;
pub use fields::*;
pub use printing::*;
pub use reading::*;
pub use signing::*;
pub use templates::*;
pub use tracking::*;
