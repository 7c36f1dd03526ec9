//! Who is acting and what day it is. Every service call takes a `Ctx`, so "today" (for what is
//! current, due or overdue) can be pinned by tests through `JIANDU_TODAY=YYYY-MM-DD`.

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime};

#[derive(Debug, Clone)]
pub struct Ctx {
    /// Written into the audit log as the author of each change.
    pub actor: String,
    pub now: NaiveDateTime,
}

impl Ctx {
    /// The real clock, unless `JIANDU_TODAY` pins the date (the time of day stays real).
    pub fn system(actor: impl Into<String>) -> Ctx {
        let real = Local::now().naive_local();
        let now = pinned_today().map(|d| d.and_time(real.time())).unwrap_or(real);
        Ctx { actor: actor.into(), now }
    }

    pub fn at(actor: impl Into<String>, today: NaiveDate) -> Ctx {
        Ctx { actor: actor.into(), now: today.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()) }
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    pub fn today_str(&self) -> String {
        self.today().format("%Y-%m-%d").to_string()
    }

    pub fn timestamp(&self) -> String {
        self.now.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

static PINNED: std::sync::OnceLock<NaiveDate> = std::sync::OnceLock::new();

/// Pins today's date for the whole process (the hidden `--today` flag: end-to-end tests start the
/// window on a chosen day, as `JIANDU_TODAY` does for headless runs). The first pin wins.
pub fn pin_today(date: NaiveDate) {
    let _ = PINNED.set(date);
}

fn pinned_today() -> Option<NaiveDate> {
    PINNED.get().copied().or_else(|| std::env::var("JIANDU_TODAY").ok().and_then(|s| crate::model::validate::parse_date(s.trim())))
}

/// The login name of whoever runs the program, the audit author until the office sets one.
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "本机用户".to_string())
}
