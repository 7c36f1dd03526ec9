//! Excel/CSV import of units, the roster (people and their positions) and past ratings.
//!
//! A file is read into cells (`read`), its header row is found under any title rows and its
//! columns are mapped to fields (`columns`, guessed from the Chinese headers or given by the
//! clerk). Then every row goes through the very checks and writes of the forms
//! (`service::org::write_*`, `service::assessments::write_assessment`), each row inside its own
//! savepoint so one bad row is reported and the next still checked. The preview rolls the whole
//! transaction back: it writes nothing. The import commits only when no row has a problem, with
//! one audit entry listing every record it created or changed.

mod batch;
pub mod columns;
pub mod dates;
pub mod read;
mod rows;

pub use batch::Mapping;

use std::path::Path;

use rusqlite::Transaction;
use serde::Serialize;
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::import::*;
use crate::store::{audit, Db};

use batch::{Change, Loaded, Outcome};
use read::Cell;

#[derive(Debug, Serialize)]
struct ImportAudit<'a> {
    file: &'a str,
    sheet: &'a str,
    kind: ImportKind,
    summary: String,
    created: &'a [Change],
    updated: &'a [Change],
}

/// Reads the file and checks every row against the records; writes nothing.
pub fn preview(db: &mut Db, ctx: &Ctx, path: &Path, kind: ImportKind, mapping: Option<Mapping>) -> Result<ImportPreview> {
    let file = load(path, kind, mapping)?;
    let tx = db.write()?;
    let out = rows::run(&tx, ctx, kind, &file)?;
    tx.rollback()?;
    Ok(ImportPreview {
        kind,
        file_name: file.file_name.clone(),
        sheet: file.sheet.clone(),
        header_row: file.header_row,
        data_rows: file.data.len() as u32,
        columns: columns::columns(&file.headers, &file.mapping),
        fields: columns::fields(kind),
        summary: out.counts.summary(),
        problems: out.problems,
        counts: out.counts,
    })
}

/// Imports the file: all rows or, when any row has a problem, none (the error names the first).
pub fn apply(db: &mut Db, ctx: &Ctx, path: &Path, kind: ImportKind, mapping: Option<Mapping>) -> Result<ImportResult> {
    let file = load(path, kind, mapping)?;
    let tx = db.write()?;
    let out = rows::run(&tx, ctx, kind, &file)?;
    if let Some(first) = out.problems.first() {
        return Err(refusal(out.problems.len(), first));
    }
    write_audit(&tx, ctx, kind, &file, &out)?;
    tx.commit()?;
    Ok(ImportResult { kind, summary: out.counts.summary(), counts: out.counts })
}

fn refusal(n: usize, first: &ImportProblem) -> Error {
    let at = if first.column.is_empty() { format!("第{}行", first.row) } else { format!("第{}行“{}”列", first.row, first.column) };
    Error::Conflict(format!("文件中有{n}处问题，未导入任何记录。请先修改文件后重新预览。{at}：{}", first.message))
}

fn write_audit(tx: &Transaction, ctx: &Ctx, kind: ImportKind, file: &Loaded, out: &Outcome) -> Result<()> {
    let entry = ImportAudit {
        file: &file.file_name,
        sheet: &file.sheet,
        kind,
        summary: out.counts.summary(),
        created: &out.created,
        updated: &out.updated,
    };
    audit(tx, ctx, "import", "import", &Uuid::new_v4().to_string(), None, Some(&entry))
}

pub(crate) fn load(path: &Path, kind: ImportKind, mapping: Option<Mapping>) -> Result<Loaded> {
    let file_name = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let sheets = read::read(path)?;
    let Some((sheet, header)) = sheets.into_iter().find_map(|s| columns::find_header(kind, &s.rows).map(|h| (s, h))) else {
        let need: Vec<&str> = columns::defs(kind).iter().filter(|d| d.2).map(|d| d.1).collect();
        return Err(Error::invalid(
            "path",
            format!("在文件“{file_name}”的前30行中没有找到表头行：表头应包含“{}”等列名", need.join("”“")),
        ));
    };
    let headers: Vec<String> = sheet.rows[header].iter().map(Cell::text).collect();
    let mapping = match mapping {
        Some(m) => {
            let known: Vec<&str> = columns::defs(kind).iter().map(|d| d.0).collect();
            let mut m: Mapping = m.into_iter().map(|f| f.filter(|f| !f.is_empty())).collect();
            m.resize(headers.len(), None);
            if let Some(bad) = m.iter().flatten().find(|f| !known.contains(&f.as_str())) {
                return Err(Error::invalid("mapping", format!("列对应中的字段“{bad}”不属于此类导入")));
            }
            m
        }
        None => columns::guess_mapping(kind, &headers),
    };
    let data = sheet
        .rows
        .iter()
        .enumerate()
        .skip(header + 1)
        .filter(|(_, r)| !r.iter().all(Cell::is_blank))
        .map(|(i, r)| (i as u32 + 1, r.clone()))
        .collect();
    Ok(Loaded { file_name, sheet: sheet.name, header_row: header as u32 + 1, headers, mapping, data })
}
