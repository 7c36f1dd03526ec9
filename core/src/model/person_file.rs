//! The 廉政档案 (一人一档) of one person: the person, the file's sections in their fixed order and
//! the timeline of every record, newest first. The person page, the printed file and the headless
//! command all show this one structure, so they never disagree.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One person's 廉政档案.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonFile {
    pub person_id: String,
    pub name: String,
    /// 男 / 女, or "" when not recorded.
    pub gender: String,
    /// Birth date in Chinese form ("1975年3月1日"), or "".
    pub birth: String,
    /// Current posts as "单位 职务", joined with "；" (`store::current_position`), or "".
    pub current_post: String,
    /// The office's first full name, printed on the cover.
    pub office_name: String,
    /// The day the file was put together, in Chinese form ("2026年12月3日").
    pub printed_on: String,
    pub sections: Vec<FileSection>,
    /// One event per record, newest first; events without a date last.
    pub timeline: Vec<TimelineEvent>,
}

/// One section of the file: a titled table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FileSection {
    /// Stable key ("positions", "talks" …), for tests and the UI.
    pub key: String,
    /// As printed, numbered: "一、任职经历".
    pub title: String,
    pub columns: Vec<String>,
    /// Each row has as many cells as there are columns.
    pub rows: Vec<Vec<String>>,
    /// Shown instead of the table when there are no rows.
    pub empty_note: String,
}

/// What a timeline entry opens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordLink {
    /// "unit" (a position or a rating opens the unit), "talk", "letter", "finding" (its page),
    /// "clue" (the clue register) or "sanction" (on the person page itself).
    pub kind: String,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineEvent {
    /// `YYYY-MM-DD` for ordering; "" when the record has no date.
    pub date: String,
    /// The date as shown: "2026年3月1日", "2025年度", "日期不详".
    pub date_label: String,
    /// 任职, 离任, 谈话, 收到函件, 处分, 单位考核, 发现问题, 问题线索.
    pub kind: String,
    pub title: String,
    pub detail: String,
    pub link: RecordLink,
}
