//! The Tauri commands: each one line — take the arguments, call the core, map the error to
//! `{code, message, field}`. No logic lives here.
//!
//! Every command is `#[tauri::command(async)]`: Tauri runs a plain command on the window's main
//! thread, so a slow one (a PDF, an export, the demo county) would freeze the window — and with it
//! WebKit's automation, which the end-to-end tests drive. On the async runtime they queue on the
//! database lock instead. core/tests/architecture.rs refuses a plain `#[tauri::command]`.

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use jiandu_core::demo::{self, DemoSummary};
use jiandu_core::calendar::{CalendarYear, CalendarYearView, DuePreview};
use jiandu_core::model::assessments::*;
use jiandu_core::model::letters::*;
use jiandu_core::model::items::*;
use jiandu_core::model::talks::*;
use jiandu_core::model::worklist::*;
use jiandu_core::model::*;
use jiandu_core::pdf::{FontConfig, FontSet};
use jiandu_core::service::{self, letters, org, talks, items, calendar as work_calendar};
use jiandu_core::service::assessments;
use jiandu_core::{Ctx, Db, ErrorPayload};
use tauri::ipc::Response;
use tauri::State;
use tauri_plugin_opener::OpenerExt;

pub struct AppState {
    /// The database — sealed (encrypted, key not in memory) or open — or why it could not be
    /// opened (locked by another window, written by a newer version…): every command then
    /// answers with that reason, which the UI shows.
    db: Mutex<Result<Gate, ErrorPayload>>,
    data_dir: PathBuf,
    /// Held for the life of the window: the OS lock that keeps a second window off this database.
    /// (In a mutex: a damaged database opens no lock at start; `restore_damaged` takes it.)
    lock: Mutex<Option<std::fs::File>>,
    /// The office's fonts, found and read on the first PDF and kept: later previews are fast.
    fonts: OnceLock<Result<FontSet, ErrorPayload>>,
}

impl AppState {
    pub fn ready(gate: Gate, data_dir: &std::path::Path, lock: std::fs::File) -> Self {
        AppState { db: Mutex::new(Ok(gate)), data_dir: data_dir.to_path_buf(), lock: Mutex::new(Some(lock)), fonts: OnceLock::new() }
    }

    pub fn failed(why: ErrorPayload, data_dir: &std::path::Path) -> Self {
        AppState { db: Mutex::new(Err(why)), data_dir: data_dir.to_path_buf(), lock: Mutex::new(None), fonts: OnceLock::new() }
    }
}

type Res<T> = Result<T, ErrorPayload>;

/// Runs `f` on the database with a context naming the signed-in account and today's date. Once
/// accounts exist, nothing is read or written while nobody is signed in (`signed_out`).
fn with_db<T>(state: &State<AppState>, f: impl FnOnce(&mut Db, &Ctx) -> jiandu_core::Result<T>) -> Res<T> {
    with_db_open(state, |db, ctx| {
        db.require_session()?;
        f(db, ctx)
    })
}

/// Like `with_db` without the sign-in check (a sealed database still answers `signed_out`).
fn with_db_open<T>(state: &State<AppState>, f: impl FnOnce(&mut Db, &Ctx) -> jiandu_core::Result<T>) -> Res<T> {
    with_gate(state, |gate, _| {
        let db = gate.db()?;
        let ctx = Ctx::system(service::actor(db));
        f(db, &ctx)
    })
}

/// The sign-in screens' own commands: they work on the gate (sealed or open).
fn with_gate<T>(state: &State<AppState>, f: impl FnOnce(&mut Gate, &Ctx) -> jiandu_core::Result<T>) -> Res<T> {
    let mut guard = state.db.lock().map_err(|_| jiandu_core::Error::Database("数据库连接不可用，请重启程序".into()).payload())?;
    let gate = guard.as_mut().map_err(|why| why.clone())?;
    let ctx = Ctx::system(jiandu_core::clock::os_user());
    f(gate, &ctx).map_err(|e| e.payload())
}

/// Like `with_db`, with the fonts loaded once for the life of the window.
fn with_fonts<T>(state: &State<AppState>, f: impl FnOnce(&mut Db, &Ctx, &FontSet) -> jiandu_core::Result<T>) -> Res<T> {
    let fonts = state
        .fonts
        .get_or_init(|| FontSet::load(&FontConfig::default()).map_err(|e| jiandu_core::Error::from(e).payload()))
        .as_ref()
        .map_err(|why| why.clone())?;
    with_db(state, |db, ctx| f(db, ctx, fonts))
}

#[tauri::command(async)]
pub fn app_info(s: State<AppState>) -> Res<AppInfo> {
    with_db(&s, |db, ctx| service::app_info(db, ctx, &s.data_dir))
}

#[tauri::command(async)]
pub fn counts(s: State<AppState>) -> Res<Counts> {
    with_db(&s, |db, ctx| service::counts(db, ctx))
}

#[tauri::command(async)]
pub fn office_get(s: State<AppState>) -> Res<Office> {
    with_db(&s, |db, _| service::get_office(db))
}

#[tauri::command(async)]
pub fn office_save(s: State<AppState>, office: Office) -> Res<Office> {
    with_db(&s, |db, ctx| service::save_office(db, ctx, office))
}

#[tauri::command(async)]
pub fn demo_load(s: State<AppState>) -> Res<DemoSummary> {
    with_db(&s, |db, _| demo::load(db, &Ctx::system("示范数据")))
}

#[tauri::command(async)]
pub fn units_list(s: State<AppState>, query: String, voided: bool) -> Res<Vec<UnitRow>> {
    with_db(&s, |db, ctx| org::list_units(db, ctx, &query, voided))
}

#[tauri::command(async)]
pub fn unit_detail(s: State<AppState>, id: String) -> Res<UnitDetail> {
    with_db(&s, |db, ctx| org::unit_detail(db, ctx, &id))
}

#[tauri::command(async)]
pub fn unit_save(s: State<AppState>, input: UnitInput) -> Res<Unit> {
    with_db(&s, |db, ctx| org::save_unit(db, ctx, input))
}

#[tauri::command(async)]
pub fn unit_void(s: State<AppState>, id: String, reason: String) -> Res<Unit> {
    with_db(&s, |db, ctx| org::void_unit(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn unit_restore(s: State<AppState>, id: String) -> Res<Unit> {
    with_db(&s, |db, ctx| org::restore_unit(db, ctx, &id))
}

#[tauri::command(async)]
pub fn people_search(s: State<AppState>, query: String, voided: bool) -> Res<PersonSearch> {
    with_db(&s, |db, ctx| org::search_people(db, ctx, &query, voided))
}

#[tauri::command(async)]
pub fn person_detail(s: State<AppState>, id: String) -> Res<PersonDetail> {
    with_db(&s, |db, ctx| org::person_detail(db, ctx, &id))
}

#[tauri::command(async)]
pub fn person_save(s: State<AppState>, input: PersonInput) -> Res<Person> {
    with_db(&s, |db, ctx| org::save_person(db, ctx, input))
}

#[tauri::command(async)]
pub fn person_void(s: State<AppState>, id: String, reason: String) -> Res<Person> {
    with_db(&s, |db, ctx| org::void_person(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn person_restore(s: State<AppState>, id: String) -> Res<Person> {
    with_db(&s, |db, ctx| org::restore_person(db, ctx, &id))
}

#[tauri::command(async)]
pub fn position_save(s: State<AppState>, input: PositionInput) -> Res<Position> {
    with_db(&s, |db, ctx| org::save_position(db, ctx, input))
}

#[tauri::command(async)]
pub fn position_void(s: State<AppState>, id: String, reason: String) -> Res<Position> {
    with_db(&s, |db, ctx| org::void_position(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn position_restore(s: State<AppState>, id: String) -> Res<Position> {
    with_db(&s, |db, ctx| org::restore_position(db, ctx, &id))
}

#[tauri::command(async)]
pub fn position_make_head(s: State<AppState>, id: String) -> Res<Position> {
    with_db(&s, |db, ctx| org::make_head(db, ctx, &id))
}

#[tauri::command(async)]
pub fn audit_trail(s: State<AppState>, entity: String, id: String) -> Res<Vec<AuditEntry>> {
    with_db(&s, |db, _| org::audit_trail(db, &entity, &id))
}

#[tauri::command(async)]
pub fn backup_now(s: State<AppState>) -> Res<String> {
    with_db(&s, |db, _| service::backup_now(db).map(|p| p.display().to_string()))
}

#[tauri::command(async)]
pub fn backup_to(app: tauri::AppHandle, s: State<AppState>, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, _| db.backup_to(std::path::Path::new(&path)).map(|_| path.clone()))
}

// ---- backups and restore
use jiandu_core::model::backup::{BackupInspection, BackupStatus, Restored};

#[tauri::command(async)]
pub fn backup_status(s: State<AppState>) -> Res<BackupStatus> {
    with_db(&s, |db, _| service::backup::status(db))
}

#[tauri::command(async)]
pub fn backup_folder_set(app: tauri::AppHandle, s: State<AppState>, folder: Option<String>) -> Res<BackupStatus> {
    let folder = folder.map(|f| chosen_path(&app, &s, &f)).transpose()?;
    with_db(&s, |db, ctx| service::backup::set_folder(db, ctx, folder))
}

/// Reads a backup the clerk chose (a copy of it: the file is never written to).
#[tauri::command(async)]
pub fn backup_inspect(app: tauri::AppHandle, s: State<AppState>, path: String) -> Res<BackupInspection> {
    let path = chosen_path(&app, &s, &path).or_else(|e| offered_backup(&s, &path).ok_or(e))?;
    let guard = s.db.lock().map_err(|_| jiandu_core::Error::Database("数据库连接不可用，请重启程序".into()).payload())?;
    crypt::inspect_backup(guard.as_ref().ok(), std::path::Path::new(&path)).map_err(|e| e.payload())
}

/// Swaps the window's open database for the backup (closed and reopened inside the core).
#[tauri::command(async)]
pub fn backup_restore(app: tauri::AppHandle, s: State<AppState>, path: String) -> Res<Restored> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| service::restore::restore(db, ctx, std::path::Path::new(&path)))
}

/// The good backups to offer when the database was found damaged at start, newest first.
#[tauri::command(async)]
pub fn recovery_backups(s: State<AppState>) -> Res<Vec<BackupInspection>> {
    Ok(service::restore::good_backups(&jiandu_core::paths::database_path(&s.data_dir), 5))
}

/// Sets the damaged database aside, puts the backup in its place, and the window goes on with it.
#[tauri::command(async)]
pub fn restore_damaged(app: tauri::AppHandle, s: State<AppState>, path: String) -> Res<Restored> {
    let path = chosen_path(&app, &s, &path).or_else(|e| offered_backup(&s, &path).ok_or(e))?;
    let unavailable = || jiandu_core::Error::Database("数据库连接不可用，请重启程序".into()).payload();
    let mut guard = s.db.lock().map_err(|_| unavailable())?;
    match guard.as_ref() {
        Err(why) if why.code == "damaged" => {}
        _ => return Err(jiandu_core::Error::Conflict("数据库没有损坏，请在“设置 › 备份与恢复”中恢复".into()).payload()),
    }
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(s.data_dir.join(jiandu_core::paths::LOCK_FILE))
        .map_err(|e| jiandu_core::Error::from(e).payload())?;
    if lock.try_lock().is_err() {
        return Err(jiandu_core::Error::Locked(s.data_dir.display().to_string()).payload());
    }
    let ctx = Ctx::system(jiandu_core::clock::os_user());
    let db_path = jiandu_core::paths::database_path(&s.data_dir);
    let (db, done) = service::restore::restore_damaged(&db_path, &ctx, std::path::Path::new(&path)).map_err(|e| e.payload())?;
    *guard = Ok(Gate::Open(db));
    *s.lock.lock().map_err(|_| unavailable())? = Some(lock);
    Ok(done)
}
// ---- end backups and restore

// ---- 谈话、整改事项、谈话计划、工作台、工作日历 ----

#[tauri::command(async)]
pub fn talk_options(s: State<AppState>) -> Res<TalkOptions> {
    with_db(&s, |db, _| talks::talk_options(db))
}

#[tauri::command(async)]
pub fn talks_list(s: State<AppState>, filter: TalkFilter) -> Res<Vec<TalkRow>> {
    with_db(&s, |db, ctx| talks::list_talks(db, ctx, &filter))
}

#[tauri::command(async)]
pub fn talk_detail(s: State<AppState>, id: String) -> Res<TalkDetail> {
    with_db(&s, |db, ctx| talks::talk_detail(db, ctx, &id))
}

#[tauri::command(async)]
pub fn talk_save(s: State<AppState>, input: TalkInput) -> Res<TalkDetail> {
    with_db(&s, |db, ctx| talks::save_talk(db, ctx, input))
}

#[tauri::command(async)]
pub fn talk_record_held(s: State<AppState>, id: String, date: String) -> Res<TalkDetail> {
    with_db(&s, |db, ctx| talks::record_talk_held(db, ctx, &id, &date))
}

#[tauri::command(async)]
pub fn talk_void(s: State<AppState>, id: String, reason: String) -> Res<Talk> {
    with_db(&s, |db, ctx| talks::void_talk(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn talk_restore(s: State<AppState>, id: String) -> Res<Talk> {
    with_db(&s, |db, ctx| talks::restore_talk(db, ctx, &id))
}

#[tauri::command(async)]
pub fn talks_of_person(s: State<AppState>, id: String) -> Res<Vec<TalkRow>> {
    with_db(&s, |db, ctx| talks::talks_of_person(db, ctx, &id))
}

#[tauri::command(async)]
pub fn talks_of_unit(s: State<AppState>, id: String) -> Res<Vec<TalkRow>> {
    with_db(&s, |db, ctx| talks::talks_of_unit(db, ctx, &id))
}

#[tauri::command(async)]
pub fn item_save(s: State<AppState>, input: ItemInput) -> Res<ItemView> {
    with_db(&s, |db, ctx| items::save_item(db, ctx, input))
}

#[tauri::command(async)]
pub fn item_detail(s: State<AppState>, id: String) -> Res<ItemDetail> {
    with_db(&s, |db, ctx| items::item_detail(db, ctx, &id))
}

#[tauri::command(async)]
pub fn item_progress_add(s: State<AppState>, id: String, date: String, note: String) -> Res<ItemProgress> {
    with_db(&s, |db, ctx| items::add_progress(db, ctx, &id, &date, &note))
}

#[tauri::command(async)]
pub fn item_close(s: State<AppState>, id: String, date: String, evidence: String) -> Res<ItemView> {
    with_db(&s, |db, ctx| items::close_item(db, ctx, &id, &date, &evidence))
}

#[tauri::command(async)]
pub fn item_void(s: State<AppState>, id: String, reason: String) -> Res<RectificationItem> {
    with_db(&s, |db, ctx| items::void_item(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn item_restore(s: State<AppState>, id: String) -> Res<RectificationItem> {
    with_db(&s, |db, ctx| items::restore_item(db, ctx, &id))
}

#[tauri::command(async)]
pub fn due_preview(s: State<AppState>, from: String, workdays: i64) -> Res<DuePreview> {
    with_db(&s, |db, _| work_calendar::preview_due(db, &from, workdays))
}

#[tauri::command(async)]
pub fn talk_plan(s: State<AppState>, year: i32) -> Res<TalkPlan> {
    with_db(&s, |db, ctx| talks::talk_plan(db, ctx, year))
}

#[tauri::command(async)]
pub fn talk_plan_fill(s: State<AppState>, year: i32) -> Res<PlanFill> {
    with_db(&s, |db, ctx| talks::fill_talk_plan(db, ctx, year))
}

#[tauri::command(async)]
pub fn plan_entry_save(s: State<AppState>, input: PlanEntryInput) -> Res<TalkPlanEntry> {
    with_db(&s, |db, ctx| talks::assign_plan_entry(db, ctx, input))
}

#[tauri::command(async)]
pub fn plan_entries_assign(s: State<AppState>, inputs: Vec<PlanEntryInput>) -> Res<Vec<TalkPlanEntry>> {
    with_db(&s, |db, ctx| talks::assign_plan_entries(db, ctx, inputs))
}

#[tauri::command(async)]
pub fn plan_entry_void(s: State<AppState>, id: String, reason: String) -> Res<TalkPlanEntry> {
    with_db(&s, |db, ctx| talks::void_plan_entry(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn plan_entry_restore(s: State<AppState>, id: String) -> Res<TalkPlanEntry> {
    with_db(&s, |db, ctx| talks::restore_plan_entry(db, ctx, &id))
}

#[tauri::command(async)]
pub fn worklist(s: State<AppState>) -> Res<Worklist> {
    with_db(&s, |db, ctx| service::worklist::worklist(db, ctx))
}

#[tauri::command(async)]
pub fn calendar_years(s: State<AppState>) -> Res<Vec<CalendarYearView>> {
    with_db(&s, |db, _| work_calendar::list_calendar_years(db))
}

#[tauri::command(async)]
pub fn calendar_year_save(s: State<AppState>, input: CalendarYear) -> Res<CalendarYearView> {
    with_db(&s, |db, ctx| work_calendar::save_calendar_year(db, ctx, input))
}

// ---- 函件 ----

#[tauri::command(async)]
pub fn letter_options(s: State<AppState>) -> Res<LetterOptions> {
    with_db(&s, |db, ctx| letters::letter_options(db, ctx))
}

#[tauri::command(async)]
pub fn letter_number_preview(s: State<AppState>, date: String, count: i64) -> Res<NumberPreview> {
    with_db(&s, |db, ctx| letters::number_preview(db, ctx, &date, count))
}

#[tauri::command(async)]
pub fn templates_list(s: State<AppState>, voided: bool) -> Res<Vec<LetterTemplate>> {
    with_db(&s, |db, _| letters::list_templates(db, voided))
}

#[tauri::command(async)]
pub fn template_save(s: State<AppState>, input: TemplateInput) -> Res<LetterTemplate> {
    with_db(&s, |db, ctx| letters::save_template(db, ctx, input))
}

#[tauri::command(async)]
pub fn template_void(s: State<AppState>, id: String, reason: String) -> Res<LetterTemplate> {
    with_db(&s, |db, ctx| letters::void_template(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn template_restore(s: State<AppState>, id: String) -> Res<LetterTemplate> {
    with_db(&s, |db, ctx| letters::restore_template(db, ctx, &id))
}

#[tauri::command(async)]
pub fn letter_fields(s: State<AppState>, unit_id: Option<String>, person_id: Option<String>) -> Res<Vec<FieldValue>> {
    with_db(&s, |db, ctx| letters::letter_fields(db, ctx, unit_id, person_id))
}

#[tauri::command(async)]
pub fn letter_fill(s: State<AppState>, template_id: String, unit_id: Option<String>, person_id: Option<String>) -> Res<LetterInput> {
    with_db(&s, |db, ctx| letters::fill_template(db, ctx, &template_id, unit_id, person_id))
}

#[tauri::command(async)]
pub fn letter_save(s: State<AppState>, input: LetterInput) -> Res<LetterDetail> {
    with_db(&s, |db, ctx| letters::save_letter(db, ctx, input))
}

#[tauri::command(async)]
pub fn letters_list(s: State<AppState>, filter: LetterFilter) -> Res<Vec<LetterRow>> {
    with_db(&s, |db, ctx| letters::list_letters(db, ctx, &filter))
}

#[tauri::command(async)]
pub fn letter_detail(s: State<AppState>, id: String) -> Res<LetterDetail> {
    with_db(&s, |db, ctx| letters::letter_detail(db, ctx, &id))
}

#[tauri::command(async)]
pub fn letter_sign(s: State<AppState>, id: String, date: String) -> Res<LetterDetail> {
    with_db(&s, |db, ctx| letters::sign_letter(db, ctx, &id, &date))
}

#[tauri::command(async)]
pub fn letters_sign_batch(s: State<AppState>, input: BatchInput) -> Res<Vec<Letter>> {
    with_db(&s, |db, ctx| letters::sign_batch(db, ctx, input))
}

#[tauri::command(async)]
pub fn letter_deliver(s: State<AppState>, id: String, date: String) -> Res<LetterDetail> {
    with_db(&s, |db, ctx| letters::deliver_letter(db, ctx, &id, &date))
}

#[tauri::command(async)]
pub fn letter_reply(s: State<AppState>, id: String, date: String, reply_number: String, summary: String) -> Res<LetterDetail> {
    with_db(&s, |db, ctx| letters::record_reply(db, ctx, &id, &date, &reply_number, &summary))
}

#[tauri::command(async)]
pub fn letter_close(s: State<AppState>, id: String, date: String) -> Res<LetterDetail> {
    with_db(&s, |db, ctx| letters::close_letter(db, ctx, &id, &date))
}

#[tauri::command(async)]
pub fn letter_void(s: State<AppState>, id: String, reason: String) -> Res<LetterDetail> {
    with_db(&s, |db, ctx| letters::void_letter(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn letter_restore(s: State<AppState>, id: String) -> Res<LetterDetail> {
    with_db(&s, |db, ctx| letters::restore_letter(db, ctx, &id))
}

#[tauri::command(async)]
pub fn letter_follow_up(s: State<AppState>, id: String) -> Res<LetterDetail> {
    with_db(&s, |db, ctx| letters::follow_up_letter(db, ctx, &id))
}

#[tauri::command(async)]
pub fn letter_recipients(s: State<AppState>, preset: RecipientPreset) -> Res<Vec<RecipientChoice>> {
    with_db(&s, |db, ctx| letters::letter_recipients(db, ctx, preset))
}

/// The PDF of saved letters (`ids`) or of a draft as typed (`input`), as raw bytes (an
/// ArrayBuffer on the JS side) for the in-window preview.
#[tauri::command(async)]
pub fn letter_pdf_preview(s: State<AppState>, ids: Option<Vec<String>>, input: Option<LetterInput>) -> Res<Response> {
    with_fonts(&s, |db, ctx, fonts| match (&ids, &input) {
        (Some(ids), _) if !ids.is_empty() => letters::letters_pdf(db, ctx, fonts, ids),
        (_, Some(input)) => letters::draft_pdf(db, ctx, fonts, input),
        _ => Err(jiandu_core::Error::invalid("ids", "请选择要预览的函件")),
    })
    .map(Response::new)
}

/// Writes the letters to the path the user chose: one PDF, or one PDF per letter in that folder.
#[tauri::command(async)]
pub fn letter_pdf_save(app: tauri::AppHandle, s: State<AppState>, ids: Vec<String>, path: String, one_file_per_letter: bool) -> Res<SavedFiles> {
    let path = chosen_path(&app, &s, &path)?;
    with_fonts(&s, |db, ctx, fonts| letters::save_letters_pdf(db, ctx, fonts, &ids, std::path::Path::new(&path), one_file_per_letter))
        .map(|paths| SavedFiles { paths: paths.iter().map(|p| p.display().to_string()).collect() })
}

/// A talk's 谈话记录表 as PDF bytes (ArrayBuffer) for the preview.
#[tauri::command(async)]
pub fn talk_record_pdf(s: State<AppState>, talk_id: String) -> Res<Response> {
    with_fonts(&s, |db, ctx, fonts| talks::talk_record_pdf(db, ctx, fonts, &talk_id)).map(Response::new)
}

/// Writes a talk's 谈话记录表 to the path the user chose; returns the path.
#[tauri::command(async)]
pub fn talk_record_pdf_save(app: tauri::AppHandle, s: State<AppState>, talk_id: String, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_fonts(&s, |db, ctx, fonts| talks::save_talk_record_pdf(db, ctx, fonts, &talk_id, std::path::Path::new(&path)))
        .map(|p| p.display().to_string())
}

/// Which installed font serves each role of the printed documents (settings page).
#[tauri::command(async)]
pub fn fonts_report(s: State<AppState>) -> Res<jiandu_core::pdf::FontReport> {
    with_fonts(&s, |_, _, fonts| Ok(fonts.report()))
}

/// Opens a file the app wrote (a PDF) in the system's viewer, from which the clerk prints.
#[tauri::command(async)]
pub fn open_path(app: tauri::AppHandle, s: State<AppState>, path: String) -> Res<()> {
    let path = chosen_path(&app, &s, &path)?;
    app.opener()
        .open_path(&path, None::<&str>)
        .map_err(|e| jiandu_core::Error::Io(format!("无法用系统程序打开“{path}”：{e}")).payload())
}

// ---------------------------------------------------------------- sanctions (处分)

use jiandu_core::model::sanctions::{SanctionInput, SanctionOptions, SanctionView};
use jiandu_core::service::sanctions;

/// Categories with their kinds, which need a period entered, and the 四种形态.
#[tauri::command(async)]
pub fn sanction_options(s: State<AppState>) -> Res<SanctionOptions> {
    with_db(&s, |db, _| sanctions::options(db.conn()))
}

#[tauri::command(async)]
pub fn sanction_save(s: State<AppState>, input: SanctionInput) -> Res<SanctionView> {
    with_db(&s, |db, ctx| sanctions::save_sanction(db, ctx, input))
}

#[tauri::command(async)]
pub fn sanction_void(s: State<AppState>, id: String, reason: String) -> Res<SanctionView> {
    with_db(&s, |db, ctx| sanctions::void_sanction(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn sanction_restore(s: State<AppState>, id: String) -> Res<SanctionView> {
    with_db(&s, |db, ctx| sanctions::restore_sanction(db, ctx, &id))
}

#[tauri::command(async)]
pub fn sanctions_of_person(s: State<AppState>, person_id: String) -> Res<Vec<SanctionView>> {
    with_db(&s, |db, ctx| sanctions::sanctions_of_person(db, ctx, &person_id))
}

// ---------------------------------------------------------------- end sanctions
// ---- 考核 ----

#[tauri::command(async)]
pub fn assessment_options(s: State<AppState>) -> Res<AssessmentOptions> {
    with_db(&s, |db, ctx| assessments::assessment_options(db, ctx))
}

#[tauri::command(async)]
pub fn assessments_list(s: State<AppState>, filter: AssessmentFilter) -> Res<Vec<AssessmentRow>> {
    with_db(&s, |db, ctx| assessments::list_assessments(db, ctx, &filter))
}

#[tauri::command(async)]
pub fn assessment_save(s: State<AppState>, input: AssessmentInput) -> Res<AssessmentRow> {
    with_db(&s, |db, ctx| assessments::save_assessment(db, ctx, input))
}

#[tauri::command(async)]
pub fn assessment_void(s: State<AppState>, id: String, reason: String) -> Res<Assessment> {
    with_db(&s, |db, ctx| assessments::void_assessment(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn assessment_restore(s: State<AppState>, id: String) -> Res<Assessment> {
    with_db(&s, |db, ctx| assessments::restore_assessment(db, ctx, &id))
}

// ---- end 考核 ----

// ---- 家庭重大变动、听取汇报、警示教育

use jiandu_core::model::education::{EducationFilter, EducationInput, EducationOptions, EducationRow};
use jiandu_core::model::family::{FamilyChangeInput, FamilyChangeOptions, FamilyChangeView};
use jiandu_core::model::hearings::{HearingFilter, HearingInput, HearingOptions, HearingRow};
use jiandu_core::service::{education as education_service, family as family_service, hearings as hearing_service};

/// The kinds of 家庭重大变动 and the days within which one is to be reported.
#[tauri::command(async)]
pub fn family_change_options() -> Res<FamilyChangeOptions> {
    Ok(family_service::options())
}

#[tauri::command(async)]
pub fn family_change_save(s: State<AppState>, input: FamilyChangeInput) -> Res<FamilyChangeView> {
    with_db(&s, |db, ctx| family_service::save_family_change(db, ctx, input))
}

#[tauri::command(async)]
pub fn family_change_void(s: State<AppState>, id: String, reason: String) -> Res<FamilyChangeView> {
    with_db(&s, |db, ctx| family_service::void_family_change(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn family_change_restore(s: State<AppState>, id: String) -> Res<FamilyChangeView> {
    with_db(&s, |db, ctx| family_service::restore_family_change(db, ctx, &id))
}

#[tauri::command(async)]
pub fn family_changes_of_person(s: State<AppState>, person_id: String) -> Res<Vec<FamilyChangeView>> {
    with_db(&s, |db, _| family_service::of_person(db.conn(), &person_id))
}

#[tauri::command(async)]
pub fn hearing_options(s: State<AppState>) -> Res<HearingOptions> {
    with_db(&s, |db, _| hearing_service::options(db.conn()))
}

#[tauri::command(async)]
pub fn hearings_list(s: State<AppState>, filter: HearingFilter) -> Res<Vec<HearingRow>> {
    with_db(&s, |db, _| hearing_service::list(db.conn(), &filter))
}

#[tauri::command(async)]
pub fn hearing_save(s: State<AppState>, input: HearingInput) -> Res<HearingRow> {
    with_db(&s, |db, ctx| hearing_service::save_hearing(db, ctx, input))
}

#[tauri::command(async)]
pub fn hearing_void(s: State<AppState>, id: String, reason: String) -> Res<HearingRow> {
    with_db(&s, |db, ctx| hearing_service::void_hearing(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn hearing_restore(s: State<AppState>, id: String) -> Res<HearingRow> {
    with_db(&s, |db, ctx| hearing_service::restore_hearing(db, ctx, &id))
}

#[tauri::command(async)]
pub fn hearings_of_unit(s: State<AppState>, unit_id: String) -> Res<Vec<HearingRow>> {
    with_db(&s, |db, _| hearing_service::of_unit(db.conn(), &unit_id))
}

#[tauri::command(async)]
pub fn education_options(s: State<AppState>) -> Res<EducationOptions> {
    with_db(&s, |db, _| education_service::options(db.conn()))
}

#[tauri::command(async)]
pub fn education_list(s: State<AppState>, filter: EducationFilter) -> Res<Vec<EducationRow>> {
    with_db(&s, |db, _| education_service::list(db.conn(), &filter))
}

#[tauri::command(async)]
pub fn education_save(s: State<AppState>, input: EducationInput) -> Res<EducationRow> {
    with_db(&s, |db, ctx| education_service::save_education(db, ctx, input))
}

#[tauri::command(async)]
pub fn education_void(s: State<AppState>, id: String, reason: String) -> Res<EducationRow> {
    with_db(&s, |db, ctx| education_service::void_education(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn education_restore(s: State<AppState>, id: String) -> Res<EducationRow> {
    with_db(&s, |db, ctx| education_service::restore_education(db, ctx, &id))
}

#[tauri::command(async)]
pub fn education_of_unit(s: State<AppState>, unit_id: String) -> Res<Vec<EducationRow>> {
    with_db(&s, |db, _| education_service::of_unit(db.conn(), &unit_id))
}

// ---- end 家庭重大变动、听取汇报、警示教育
// ---- 廉政档案 (person file)
use jiandu_core::model::person_file::PersonFile;
use jiandu_core::service::person_file;

/// The file for the person page's 档案时间线; the opening is logged (查阅廉政档案).
#[tauri::command(async)]
pub fn person_file_open(s: State<AppState>, person_id: String) -> Res<PersonFile> {
    with_db(&s, |db, ctx| person_file::open_person_file(db, ctx, &person_id))
}

#[tauri::command(async)]
pub fn person_file_pdf(s: State<AppState>, person_id: String) -> Res<Response> {
    with_fonts(&s, |db, ctx, fonts| person_file::person_file_pdf(db, ctx, fonts, &person_id)).map(Response::new)
}

/// Prints the file to `path`; the print is logged (打印廉政档案). Returns the path written.
#[tauri::command(async)]
pub fn person_file_pdf_save(app: tauri::AppHandle, s: State<AppState>, person_id: String, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_fonts(&s, |db, ctx, fonts| person_file::save_person_file_pdf(db, ctx, fonts, &person_id, std::path::Path::new(&path)))
        .map(|p| p.display().to_string())
}
// ---- end 廉政档案
// ---- risk points (廉政风险点) and the office's editable lists (字典)

use jiandu_core::model::dicts::{Dict, DictEntry};
use jiandu_core::model::risks::{RiskFilter, RiskOptions, RiskPointInput, RiskPointView};
use jiandu_core::service::{dicts, risks};

/// Levels with their colour names, and the active 风险类别.
#[tauri::command(async)]
pub fn risk_options(s: State<AppState>) -> Res<RiskOptions> {
    with_db(&s, |db, _| risks::options(db.conn()))
}

/// The county register, filtered; 高 first, then category, then unit.
#[tauri::command(async)]
pub fn risks_list(s: State<AppState>, filter: RiskFilter) -> Res<Vec<RiskPointView>> {
    with_db(&s, |db, ctx| risks::register(db, ctx, &filter))
}

/// A unit's register, voided points included (last).
#[tauri::command(async)]
pub fn risks_of_unit(s: State<AppState>, unit_id: String) -> Res<Vec<RiskPointView>> {
    with_db(&s, |db, ctx| risks::of_unit(db.conn(), &unit_id, &ctx.today_str()))
}

#[tauri::command(async)]
pub fn risk_save(s: State<AppState>, input: RiskPointInput) -> Res<RiskPointView> {
    with_db(&s, |db, ctx| risks::save_risk_point(db, ctx, input))
}

#[tauri::command(async)]
pub fn risk_void(s: State<AppState>, id: String, reason: String) -> Res<RiskPointView> {
    with_db(&s, |db, ctx| risks::void_risk_point(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn risk_restore(s: State<AppState>, id: String) -> Res<RiskPointView> {
    with_db(&s, |db, ctx| risks::restore_risk_point(db, ctx, &id))
}

/// Every entry of a list, retired ones included, each with how many live records use it.
#[tauri::command(async)]
pub fn dict_entries(s: State<AppState>, dict: Dict) -> Res<Vec<DictEntry>> {
    with_db(&s, |db, _| dicts::entries_with_use(db.conn(), dict))
}

#[tauri::command(async)]
pub fn dict_save(s: State<AppState>, dict: Dict, entries: Vec<DictEntry>) -> Res<Vec<DictEntry>> {
    with_db(&s, |db, ctx| dicts::save(db, ctx, dict, entries))
}

// ---- sanction kind display names

use jiandu_core::model::sanctions::SanctionKindName;

/// Every sanction kind with the office's display name ("" when shown as it is).
#[tauri::command(async)]
pub fn sanction_kind_names(s: State<AppState>) -> Res<Vec<SanctionKindName>> {
    with_db(&s, |db, _| sanctions::kind_names(db.conn()))
}

#[tauri::command(async)]
pub fn sanction_kind_names_save(s: State<AppState>, names: Vec<SanctionKindName>) -> Res<Vec<SanctionKindName>> {
    with_db(&s, |db, ctx| sanctions::save_kind_names(db, ctx, names))
}

// ---- end risk points
// ---- findings and clues

use jiandu_core::model::clues::{ClueFilter, ClueInput, ClueOptions, ClueRow};
use jiandu_core::model::findings::{FindingDetail, FindingFilter, FindingInput, FindingOptions, FindingRow};
use jiandu_core::service::{clues, findings};

/// Active sources and focus areas, 严重程度, statuses and the years with findings.
#[tauri::command(async)]
pub fn finding_options(s: State<AppState>) -> Res<FindingOptions> {
    with_db(&s, |db, _| findings::options(db))
}

#[tauri::command(async)]
pub fn findings_list(s: State<AppState>, filter: FindingFilter) -> Res<Vec<FindingRow>> {
    with_db(&s, |db, ctx| findings::list_findings(db, ctx, &filter))
}

#[tauri::command(async)]
pub fn finding_detail(s: State<AppState>, id: String) -> Res<FindingDetail> {
    with_db(&s, |db, ctx| findings::finding_detail(db, ctx, &id))
}

#[tauri::command(async)]
pub fn finding_save(s: State<AppState>, input: FindingInput) -> Res<FindingRow> {
    with_db(&s, |db, ctx| findings::save_finding(db, ctx, input))
}

#[tauri::command(async)]
pub fn finding_void(s: State<AppState>, id: String, reason: String) -> Res<FindingRow> {
    with_db(&s, |db, ctx| findings::void_finding(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn finding_restore(s: State<AppState>, id: String) -> Res<FindingRow> {
    with_db(&s, |db, ctx| findings::restore_finding(db, ctx, &id))
}

/// Source suggestions, the four disposals, the years with clues and the talk's 谈话缘由.
#[tauri::command(async)]
pub fn clue_options(s: State<AppState>) -> Res<ClueOptions> {
    with_db(&s, |db, _| clues::options(db))
}

#[tauri::command(async)]
pub fn clues_list(s: State<AppState>, filter: ClueFilter) -> Res<Vec<ClueRow>> {
    with_db(&s, |db, _| clues::list_clues(db, &filter))
}

#[tauri::command(async)]
pub fn clue_get(s: State<AppState>, id: String) -> Res<ClueRow> {
    with_db(&s, |db, _| clues::clue_row(db, &id))
}

#[tauri::command(async)]
pub fn clue_save(s: State<AppState>, input: ClueInput) -> Res<ClueRow> {
    with_db(&s, |db, ctx| clues::save_clue(db, ctx, input))
}

#[tauri::command(async)]
pub fn clue_void(s: State<AppState>, id: String, reason: String) -> Res<ClueRow> {
    with_db(&s, |db, ctx| clues::void_clue(db, ctx, &id, &reason))
}

#[tauri::command(async)]
pub fn clue_restore(s: State<AppState>, id: String) -> Res<ClueRow> {
    with_db(&s, |db, ctx| clues::restore_clue(db, ctx, &id))
}

// ---- end findings and clues

// ---- Excel out
// Each list page's 导出 Excel: the page's own filter, the path from the save dialog; answers the
// path written.
use jiandu_core::export::lists as xlsx_lists;

#[tauri::command(async)]
pub fn talks_export_xlsx(app: tauri::AppHandle, s: State<AppState>, filter: TalkFilter, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| xlsx_lists::export_talks(db, ctx, &filter, std::path::Path::new(&path))).map(|_| path)
}

#[tauri::command(async)]
pub fn letters_export_xlsx(app: tauri::AppHandle, s: State<AppState>, filter: LetterFilter, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| xlsx_lists::export_letters(db, ctx, &filter, std::path::Path::new(&path))).map(|_| path)
}

#[tauri::command(async)]
pub fn assessments_export_xlsx(app: tauri::AppHandle, s: State<AppState>, filter: AssessmentFilter, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| xlsx_lists::export_assessments(db, ctx, &filter, std::path::Path::new(&path))).map(|_| path)
}

#[tauri::command(async)]
pub fn risks_export_xlsx(app: tauri::AppHandle, s: State<AppState>, filter: RiskFilter, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| xlsx_lists::export_risks(db, ctx, &filter, std::path::Path::new(&path))).map(|_| path)
}

#[tauri::command(async)]
pub fn findings_export_xlsx(app: tauri::AppHandle, s: State<AppState>, filter: FindingFilter, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| xlsx_lists::export_findings(db, ctx, &filter, std::path::Path::new(&path))).map(|_| path)
}

#[tauri::command(async)]
pub fn clues_export_xlsx(app: tauri::AppHandle, s: State<AppState>, filter: ClueFilter, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, _| xlsx_lists::export_clues(db, &filter, std::path::Path::new(&path))).map(|_| path)
}

/// The worklist's 7日内到期及逾期的整改事项, every one.
#[tauri::command(async)]
pub fn items_due_export_xlsx(app: tauri::AppHandle, s: State<AppState>, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| xlsx_lists::export_items_due(db, ctx, std::path::Path::new(&path))).map(|_| path)
}

/// The people page's search (with the voided ones when shown), every match.
#[tauri::command(async)]
pub fn people_export_xlsx(app: tauri::AppHandle, s: State<AppState>, query: String, with_voided: bool, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| xlsx_lists::export_people(db, ctx, &query, with_voided, std::path::Path::new(&path))).map(|_| path)
}
// ---- end Excel out
// ---- report
use jiandu_core::model::report::{Report, ReportScope};

/// The report's figures for the 报告 page (and the dashboards).
#[tauri::command(async)]
pub fn report_get(s: State<AppState>, scope: ReportScope) -> Res<Report> {
    with_db(&s, |db, ctx| service::report::build(db.conn(), ctx, scope))
}

#[tauri::command(async)]
pub fn report_pdf(app: tauri::AppHandle, s: State<AppState>, scope: ReportScope, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_fonts(&s, |db, ctx, fonts| service::report::save_pdf(db, ctx, fonts, scope, std::path::Path::new(&path))).map(|p| p.display().to_string())
}

#[tauri::command(async)]
pub fn report_xlsx(app: tauri::AppHandle, s: State<AppState>, scope: ReportScope, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| service::report::save_xlsx(db, ctx, scope, std::path::Path::new(&path))).map(|p| p.display().to_string())
}
// ---- end report

// ---- accounts
use jiandu_core::model::accounts::{Account, AccountInput, AuthStatus, PasswordInput, Session, SetupInput};
use jiandu_core::service::accounts;

#[tauri::command(async)]
pub fn auth_status(s: State<AppState>) -> Res<AuthStatus> {
    with_gate(&s, |gate, _| crypt::status(gate))
}

#[tauri::command(async)]
pub fn auth_setup(s: State<AppState>, input: SetupInput) -> Res<SetupDone> {
    with_gate(&s, |gate, ctx| crypt::setup_gate(gate, ctx, input))
}

#[tauri::command(async)]
pub fn auth_sign_in(s: State<AppState>, login: String, password: String) -> Res<Session> {
    with_gate(&s, |gate, ctx| crypt::sign_in_gate(gate, ctx, &login, &password))
}

#[tauri::command(async)]
pub fn auth_sign_out(s: State<AppState>) -> Res<()> {
    with_gate(&s, |gate, _| Ok(gate.seal()))
}

// ---- encryption at rest
use jiandu_core::model::crypt::{RecoverInput, SetupDone};
use jiandu_core::service::crypt::{self, Gate};

/// 忘记密码: the recovery code opens the sealed database and sets the account's new password.
#[tauri::command(async)]
pub fn auth_recover(s: State<AppState>, input: RecoverInput) -> Res<Session> {
    with_gate(&s, |gate, ctx| crypt::recover_gate(gate, ctx, input))
}

/// The recovery code made when the database was converted, for the administrator to write down.
#[tauri::command(async)]
pub fn recovery_pending(s: State<AppState>) -> Res<Option<String>> {
    with_db(&s, |db, _| crypt::pending_recovery(db))
}

#[tauri::command(async)]
pub fn recovery_confirm(s: State<AppState>) -> Res<()> {
    with_db(&s, |db, ctx| crypt::confirm_recovery(db, ctx))
}
// ---- end encryption at rest

#[tauri::command(async)]
pub fn accounts_list(s: State<AppState>) -> Res<Vec<Account>> {
    with_db(&s, |db, _| accounts::list(db))
}

#[tauri::command(async)]
pub fn account_save(s: State<AppState>, input: AccountInput) -> Res<Account> {
    with_db(&s, |db, ctx| accounts::save(db, ctx, input))
}

#[tauri::command(async)]
pub fn account_password(s: State<AppState>, input: PasswordInput) -> Res<Account> {
    with_db(&s, |db, ctx| accounts::change_password(db, ctx, input))
}

#[tauri::command(async)]
pub fn idle_minutes_save(s: State<AppState>, minutes: i64) -> Res<u32> {
    with_db(&s, |db, ctx| accounts::set_idle_minutes(db, ctx, minutes))
}
// ---- end accounts

// ---- audit log
// The 操作日志 page: administrators only — service::audit refuses anyone else.
use jiandu_core::model::audit::{AuditFilter, AuditOptions, AuditPage, ChainStatus};

#[tauri::command(async)]
pub fn audit_log_page(s: State<AppState>, filter: AuditFilter, page: i64, page_size: i64) -> Res<AuditPage> {
    with_db(&s, |db, _| service::audit::page(db, &filter, page, page_size))
}

#[tauri::command(async)]
pub fn audit_log_options(s: State<AppState>) -> Res<AuditOptions> {
    with_db(&s, |db, _| service::audit::options(db))
}

/// Walks the whole hash chain: verified, or the first broken link.
#[tauri::command(async)]
pub fn audit_chain_status(s: State<AppState>) -> Res<ChainStatus> {
    with_db(&s, |db, _| service::audit::chain_status(db))
}

#[tauri::command(async)]
pub fn audit_log_export_xlsx(app: tauri::AppHandle, s: State<AppState>, filter: AuditFilter, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, _| xlsx_lists::export_audit(db, &filter, std::path::Path::new(&path))).map(|_| path)
}
// ---- end audit log
// ---- dashboards
/// The units with the most live risk points in the report's scope, by level (统计 page).
#[tauri::command(async)]
pub fn stats_risks_by_unit(s: State<AppState>, scope: jiandu_core::model::report::ReportScope, top: usize) -> Res<jiandu_core::model::stats::RisksByUnit> {
    with_db(&s, |db, _| service::stats::risks_by_unit(db.conn(), &scope, top))
}
// ---- end dashboards

// ---- Excel in
// The 导入 dialog: the path from the native open dialog, the kind of list, the clerk's column
// mapping (none: guessed). The preview writes nothing; the import is all or nothing.
use jiandu_core::model::import::{ImportKind, ImportPreview, ImportResult};

#[tauri::command(async)]
pub fn import_preview(app: tauri::AppHandle, s: State<AppState>, path: String, kind: ImportKind, mapping: Option<Vec<Option<String>>>) -> Res<ImportPreview> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| jiandu_core::import::preview(db, ctx, std::path::Path::new(&path), kind, mapping))
}

#[tauri::command(async)]
pub fn import_apply(app: tauri::AppHandle, s: State<AppState>, path: String, kind: ImportKind, mapping: Option<Vec<Option<String>>>) -> Res<ImportResult> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| jiandu_core::import::apply(db, ctx, std::path::Path::new(&path), kind, mapping))
}
// ---- end Excel in

// ---- chosen paths (issue 12)
/// A path from the web view is used only when the clerk chose it in a native dialog (the dialog
/// plugin adds every file or folder chosen there to the fs plugin's scope) or when it lies inside
/// the data folder. Anything else — a path a script in the page made up — is refused, so the page
/// cannot make the app read or write where the clerk did not point.
fn chosen_path(app: &tauri::AppHandle, s: &State<AppState>, path: &str) -> Res<String> {
    use tauri_plugin_fs::FsExt;
    let p = std::path::Path::new(path);
    let plain = p.is_absolute() && !p.components().any(|c| matches!(c, std::path::Component::ParentDir));
    if plain && (p.starts_with(&s.data_dir) || app.fs_scope().is_allowed(p)) {
        Ok(path.to_string())
    } else {
        Err(jiandu_core::Error::invalid("path", format!("只能使用在对话框中选择的文件或文件夹（或数据目录内的文件），“{path}”未经选择，已拒绝")).payload())
    }
}

/// One of the good backups the recovery panel offered (listed by the core, not typed by the page).
fn offered_backup(s: &State<AppState>, path: &str) -> Option<String> {
    service::restore::good_backups(&jiandu_core::paths::database_path(&s.data_dir), 5).into_iter().find(|b| b.path == path).map(|b| b.path)
}
// ---- end chosen paths

// ---- drill-downs (issue 11)
/// The 整改事项 page's list: status, unit, and the report's period and units.
#[tauri::command(async)]
pub fn items_list(s: State<AppState>, filter: ItemFilter) -> Res<Vec<ItemListRow>> {
    with_db(&s, |db, ctx| items::list_items(db, ctx, &filter))
}

#[tauri::command(async)]
pub fn items_export_xlsx(app: tauri::AppHandle, s: State<AppState>, filter: ItemFilter, path: String) -> Res<String> {
    let path = chosen_path(&app, &s, &path)?;
    with_db(&s, |db, ctx| xlsx_lists::export_items(db, ctx, &filter, std::path::Path::new(&path))).map(|_| path)
}

/// The 统计 page's charts, shaped by the core from the report of the scope (the page only draws).
#[tauri::command(async)]
pub fn stats_dashboard(s: State<AppState>, scope: jiandu_core::model::report::ReportScope, top: usize) -> Res<jiandu_core::model::stats::Dashboard> {
    with_db(&s, |db, ctx| service::stats::dashboard_of(db.conn(), ctx, scope, top))
}
// ---- end drill-downs
