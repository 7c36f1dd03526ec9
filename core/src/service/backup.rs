//! Backups: the daily automatic one (taken when the window opens, the first time each day), the
//! rotation that keeps 7 daily, 4 weekly and 12 monthly ones, backups on demand, and the backup
//! folder the administrator chooses.
//!
//! Every backup is a SQLite file written through the online backup API (`Db::backup_to`): a
//! consistent copy, written under a temporary name, flushed and renamed — and, once the database
//! is encrypted, encrypted the same way. Files are named `jiandu-<kind>-YYYYMMDD-HHMMSS.db`; only
//! `jiandu-auto-…` files are ever deleted by the rotation, so nothing the app did not write
//! automatically (a copy the clerk put there, a backup before an upgrade or a restore) goes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::backup::{BackupFile, BackupStatus};
use crate::store::{self, Db, BACKUP_FOLDER_KEY};

use super::common;

pub const AUTO: &str = "auto";
pub const MANUAL: &str = "manual";
pub const BEFORE_RESTORE: &str = "before-restore";
// ---- encryption at rest: the plain database, copied before it is encrypted in place.
pub const BEFORE_ENCRYPT: &str = "before-encrypt";
// ---- end encryption at rest

const KEEP_DAILY: usize = 7;
const KEEP_WEEKLY: usize = 4;
const KEEP_MONTHLY: usize = 12;

/// The file name of a backup of `kind` taken at `at`.
pub fn file_name(kind: &str, at: NaiveDateTime) -> String {
    format!("jiandu-{kind}-{}.db", at.format("%Y%m%d-%H%M%S"))
}

/// Reads back (kind, time) from a name `file_name` made; also the older names
/// `jiandu-YYYYMMDD-HHMMSS.db` (立即备份) and `jiandu-vN-before-upgrade-YYYYMMDD-HHMMSS.db`.
pub fn parse_name(name: &str) -> Option<(String, NaiveDateTime)> {
    let stem = name.strip_prefix("jiandu-")?.strip_suffix(".db")?;
    if stem.len() < 15 {
        return None;
    }
    let (head, stamp) = stem.split_at(stem.len() - 15);
    let at = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    let kind = match head.strip_suffix('-') {
        None if head.is_empty() => MANUAL.to_string(),
        Some(k) if k.starts_with('v') && k.ends_with("-before-upgrade") => "before-upgrade".to_string(),
        Some(k) if [AUTO, MANUAL, BEFORE_RESTORE, BEFORE_ENCRYPT].contains(&k) => k.to_string(),
        _ => return None,
    };
    Some((kind, at))
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        AUTO => "自动（每日）",
        BEFORE_RESTORE => "恢复前",
        BEFORE_ENCRYPT => "加密前（未加密）",
        "before-upgrade" => "升级前",
        _ => "手动",
    }
}

/// Which of the automatic backups taken at `stamps` to keep: the newest of each of the 7 most
/// recent days, of the 4 most recent ISO weeks and of the 12 most recent months that have one.
/// `keep[i]` answers for `stamps[i]`; the order of `stamps` does not matter.
pub fn keep(stamps: &[NaiveDateTime]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..stamps.len()).collect();
    order.sort_by(|a, b| stamps[*b].cmp(&stamps[*a]));
    let mut kept = vec![false; stamps.len()];
    let mut pick = |limit: usize, key: &dyn Fn(&NaiveDateTime) -> (i32, u32, u32)| {
        let mut seen = BTreeSet::new();
        for &i in &order {
            let k = key(&stamps[i]);
            if seen.contains(&k) {
                continue;
            }
            if seen.len() == limit {
                break;
            }
            seen.insert(k);
            kept[i] = true;
        }
    };
    pick(KEEP_DAILY, &|t| (t.year(), t.ordinal(), 0));
    pick(KEEP_WEEKLY, &|t| {
        let w = t.iso_week();
        (w.year(), w.week(), 0)
    });
    pick(KEEP_MONTHLY, &|t| (t.year(), t.month(), 0));
    kept
}

/// Where backups go now: (folder, the chosen folder, a warning when the chosen one is missing).
pub fn resolve_folder(db: &Db) -> Result<(PathBuf, Option<PathBuf>, Option<String>)> {
    let default = db.backup_dir().ok_or_else(|| Error::Conflict("内存数据库无法备份".into()))?;
    let chosen = store::chosen_backup_dir(db.conn());
    match &chosen {
        Some(dir) if dir.is_dir() => Ok((dir.clone(), chosen, None)),
        Some(dir) => {
            let warning = format!(
                "备份文件夹“{}”不存在或无法访问（移动硬盘或U盘是否未插好？），备份暂时写入默认位置“{}”。",
                dir.display(),
                default.display()
            );
            Ok((default, chosen, Some(warning)))
        }
        None => Ok((default, None, None)),
    }
}

/// The backups in `dir` the app wrote (recognised by their names), newest first.
pub fn list(dir: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<(NaiveDateTime, BackupFile)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let (kind, at) = parse_name(&name)?;
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            Some((
                at,
                BackupFile {
                    path: e.path().display().to_string(),
                    name,
                    taken_at: at.format("%Y-%m-%d %H:%M:%S").to_string(),
                    size: meta.len(),
                    kind: kind_label(&kind).to_string(),
                },
            ))
        })
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.name.cmp(&a.1.name)));
    files.into_iter().map(|(_, f)| f).collect()
}

pub fn status(db: &Db) -> Result<BackupStatus> {
    let (folder, chosen, warning) = resolve_folder(db)?;
    let default = db.backup_dir().unwrap_or_default();
    Ok(BackupStatus {
        files: list(&folder),
        folder: folder.display().to_string(),
        default_folder: default.display().to_string(),
        chosen_folder: chosen.map(|c| c.display().to_string()),
        warning,
    })
}

/// Chooses the backup folder (`None` or empty: back to the default). The folder must exist and
/// take a file; the choice is audited.
pub fn set_folder(db: &mut Db, ctx: &Ctx, folder: Option<String>) -> Result<BackupStatus> {
    db.require_admin("备份位置")?; // ---- accounts
    let folder = folder.map(|f| f.trim().to_string()).filter(|f| !f.is_empty());
    if let Some(f) = &folder {
        if f.chars().any(char::is_control) {
            return Err(Error::invalid("folder", "备份文件夹路径含有控制字符"));
        }
        let dir = Path::new(f);
        if !dir.is_absolute() {
            return Err(Error::invalid("folder", "备份文件夹须为完整路径，如 E:\\监督台账备份"));
        }
        if !dir.is_dir() {
            return Err(Error::invalid("folder", format!("备份文件夹“{f}”不存在，请先插好磁盘或新建该文件夹")));
        }
        let probe = dir.join(format!(".jiandu-probe-{}", uuid::Uuid::new_v4()));
        if std::fs::write(&probe, b"ok").is_err() {
            return Err(Error::invalid("folder", format!("备份文件夹“{f}”无法写入，请换一个文件夹")));
        }
        let _ = std::fs::remove_file(&probe);
    }
    common::in_tx(db, |tx| {
        let before = store::get_setting(tx, BACKUP_FOLDER_KEY)?;
        match &folder {
            Some(f) => store::put_setting(tx, BACKUP_FOLDER_KEY, f)?,
            None => {
                tx.execute("DELETE FROM settings WHERE key = ?1", [BACKUP_FOLDER_KEY])?;
            }
        }
        store::audit(tx, ctx, "update", "settings", BACKUP_FOLDER_KEY, Some(&before), Some(&folder))?;
        Ok(())
    })?;
    status(db)
}

/// A backup of `kind` into the backup folder, named by `ctx`'s time.
pub fn take(db: &Db, ctx: &Ctx, kind: &str) -> Result<PathBuf> {
    let (folder, _, _) = resolve_folder(db)?;
    let mut at = ctx.now;
    // Two backups in the same second (a restore right after a backup) get distinct names.
    while folder.join(file_name(kind, at)).exists() {
        at += chrono::Duration::seconds(1);
    }
    let dest = folder.join(file_name(kind, at));
    db.backup_to(&dest)?;
    Ok(dest)
}

/// The automatic backup, taken by the window when it opens: once a day (none if the folder
/// already holds an automatic backup of today), then the rotation. Headless commands take none:
/// a script running `jiandu check` every minute would otherwise decide which day gets a backup.
pub fn daily(db: &Db, ctx: &Ctx) -> Result<Option<PathBuf>> {
    let (folder, _, _) = resolve_folder(db)?;
    let today = ctx.now.date();
    let have_today = list(&folder).iter().any(|f| {
        parse_name(&f.name).is_some_and(|(kind, at)| kind == AUTO && at.date() == today)
    });
    if have_today {
        return Ok(None);
    }
    let dest = take(db, ctx, AUTO)?;
    rotate(&folder)?;
    Ok(Some(dest))
}

/// Deletes the automatic backups in `dir` that `keep` lets go; returns them.
pub fn rotate(dir: &Path) -> Result<Vec<PathBuf>> {
    let autos: Vec<(PathBuf, NaiveDateTime)> = list(dir)
        .into_iter()
        .filter_map(|f| parse_name(&f.name).filter(|(k, _)| k == AUTO).map(|(_, at)| (PathBuf::from(f.path), at)))
        .collect();
    let stamps: Vec<NaiveDateTime> = autos.iter().map(|(_, at)| *at).collect();
    let mut removed = Vec::new();
    for ((path, _), keep) in autos.into_iter().zip(keep(&stamps)) {
        if !keep {
            std::fs::remove_file(&path)?;
            removed.push(path);
        }
    }
    Ok(removed)
}
