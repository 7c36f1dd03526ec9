//! Letters as PDF: the printed document of a letter or a draft, and files written where asked.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::letters::{self as text, chinese_date};
use crate::model::letters::*;
use crate::model::validate::parse_date;
use crate::model::Office;
use crate::pdf::{render_letters, FontSet, LetterDoc};
use crate::service::common::*;
use crate::store::Db;
use super::drafts::clean_text;
use super::reading::letter_or_not_found;

// ---------------------------------------------------------------- printing

/// How a letter prints, from the office's letterhead and the letter's fields. A draft shows
/// "（签发时编号）" in place of the number and an open date; a voided letter says so by its number.
pub fn letter_doc(office: &Office, letter: &Letter, today: NaiveDate) -> LetterDoc {
    let names: Vec<String> = office.full_names.iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    let joined = names.join("　");
    // Joint signatures side by side while they fit beside the date; else the first organ signs.
    let signature = if joined.chars().count() <= 22 { joined } else { names.first().cloned().unwrap_or_default() };
    let mut number = letter.number.clone().unwrap_or_else(|| "（签发时编号）".to_string());
    if letter.meta.voided_at.is_some() {
        number.push_str("（已作废）");
    }
    let date = match letter.signed_date.as_deref().and_then(parse_date) {
        Some(d) => chinese_date(d),
        None => format!("{}年　月　日", today.year()),
    };
    LetterDoc {
        organ_name: names.join("\n"),
        number,
        title: letter.title.trim().to_string(),
        recipient: letter.recipient.trim().to_string(),
        paragraphs: text::paragraphs(&letter.body),
        signature,
        date,
        cc: letter.cc.clone(),
        contact: Some(letter.contact.trim().to_string()).filter(|c| !c.is_empty()),
    }
}

pub(super) fn letters_by_ids(conn: &Connection, ids: &[String]) -> Result<Vec<Letter>> {
    if ids.is_empty() {
        return Err(Error::invalid("ids", "请至少选择一封函件"));
    }
    ids.iter().map(|id| letter_or_not_found(conn, id)).collect()
}

/// One PDF holding the letters, each from a new page, in the order given.
pub fn letters_pdf(db: &Db, ctx: &Ctx, fonts: &FontSet, ids: &[String]) -> Result<Vec<u8>> {
    let office = get_office(db)?;
    let docs: Vec<LetterDoc> = letters_by_ids(db.conn(), ids)?.iter().map(|l| letter_doc(&office, l, ctx.today())).collect();
    Ok(render_letters(fonts, &docs)?)
}

/// The preview of a draft as typed, saved or not.
pub fn draft_pdf(db: &Db, ctx: &Ctx, fonts: &FontSet, input: &LetterInput) -> Result<Vec<u8>> {
    let input = &clean_text(input)?;
    let office = get_office(db)?;
    let letter = Letter {
        id: String::new(),
        kind: input.kind,
        template_id: None,
        number: None,
        code: String::new(),
        year: None,
        seq: None,
        title: input.title.clone(),
        recipient_unit_id: None,
        recipient_person_id: None,
        recipient: input.recipient.clone(),
        body: input.body.clone(),
        cc: input.cc.clone(),
        contact: input.contact.clone(),
        signed_date: None,
        reply_due_workdays: None,
        reply_due_date: None,
        due_estimated: false,
        delivered_date: None,
        replied_date: None,
        reply_number: String::new(),
        reply_summary: String::new(),
        closed_date: None,
        state: LetterState::Draft,
        batch_id: None,
        follow_up_of: None,
        meta: new_meta(ctx),
    };
    Ok(render_letters(fonts, &[letter_doc(&office, &letter, ctx.today())])?)
}

/// The file name a letter is saved under: its number, or its title while a draft.
pub fn letter_file_name(letter: &Letter) -> String {
    match &letter.number {
        Some(n) => text::file_name(n, "pdf"),
        None => text::file_name(&format!("草稿-{}", letter.title), "pdf"),
    }
}

/// Writes the letters to `path`: one PDF there, or (one_file_per_letter) one PDF per letter in
/// the folder `path`, named by number. Files appear complete or not at all.
pub fn save_letters_pdf(db: &Db, ctx: &Ctx, fonts: &FontSet, ids: &[String], path: &Path, one_file_per_letter: bool) -> Result<Vec<PathBuf>> {
    let office = get_office(db)?;
    let letters = letters_by_ids(db.conn(), ids)?;
    if !one_file_per_letter {
        let docs: Vec<LetterDoc> = letters.iter().map(|l| letter_doc(&office, l, ctx.today())).collect();
        write_file(path, &render_letters(fonts, &docs)?)?;
        return Ok(vec![path.to_path_buf()]);
    }
    std::fs::create_dir_all(path)?;
    let mut written: Vec<PathBuf> = Vec::new();
    for l in &letters {
        let name = letter_file_name(l);
        let mut dest = path.join(&name);
        let mut n = 2;
        while written.contains(&dest) {
            dest = path.join(name.replace(".pdf", &format!("（{n}）.pdf")));
            n += 1;
        }
        write_file(&dest, &render_letters(fonts, &[letter_doc(&office, l, ctx.today())])?)?;
        written.push(dest);
    }
    Ok(written)
}
