//! `jiandu`: with no arguments opens the 监督台账 window; with a subcommand (see `--help`) does
//! headless work through the core and exits.

// No console window behind the app on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use std::path::Path;

use jiandu_core::cli::{self, Outcome};
use jiandu_core::paths;
use jiandu_core::service::crypt::Gate;
use tauri::Manager;

fn main() {
    let outcome = cli::run(std::env::args_os(), &mut std::io::stdout(), &mut std::io::stderr());
    match outcome {
        Outcome::Exit(code) => std::process::exit(code),
        Outcome::OpenWindow { data_dir } => {
            if let Err(message) = open_window(&data_dir) {
                eprintln!("{message}");
                std::process::exit(1);
            }
        }
    }
}

/// Without a usable display GTK panics with a backtrace; say in Chinese what to do instead.
fn check_display() -> Result<(), String> {
    match jiandu_core::display::problem_here() {
        Some(message) => Err(message),
        None => Ok(()),
    }
}

/// Takes the one-writer lock and opens the database. A failure does not stop the window: the
/// clerk sees the reason in it (a message on a console is lost when the app is double-clicked).
fn open_store(data_dir: &Path) -> jiandu_core::Result<(Gate, std::fs::File)> {
    std::fs::create_dir_all(data_dir)?;
    // One window per database: an OS file lock, released by the OS even if the process is killed.
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(data_dir.join(paths::LOCK_FILE))?;
    if lock.try_lock().is_err() {
        return Err(jiandu_core::Error::Locked(data_dir.display().to_string()));
    }
    // ---- encryption at rest: sealed when encrypted (a plain database with accounts is
    // converted first); open when plain without accounts.
    let gate = jiandu_core::service::crypt::open_gate(&paths::database_path(data_dir))?;
    Ok((gate, lock))
}

fn open_window(data_dir: &Path) -> Result<(), String> {
    check_display()?;
    let state = match open_store(data_dir) {
        Ok((gate, lock)) => {
            // ---- backups and restore: the daily backup is taken at the first sign-in of the day
            // (`service::crypt::sign_in_gate`), once the database is open with its key. A folder
            // without an account yet (the window shows 创建管理员) takes none: nothing has been
            // entered, and a plain copy would stay readable in the backup folder after setup
            // encrypts the database.
            // ---- end backups and restore
            commands::AppState::ready(gate, data_dir, lock)
        }
        Err(e) => commands::AppState::failed(e.payload(), data_dir),
    };

    // The single-instance plugin comes first: a second launch hands over to the running window
    // (which comes to the front) and exits before showing anything.
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_fs::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::counts,
            commands::office_get,
            commands::office_save,
            commands::demo_load,
            commands::units_list,
            commands::unit_detail,
            commands::unit_save,
            commands::unit_void,
            commands::unit_restore,
            commands::people_search,
            commands::person_detail,
            commands::person_save,
            commands::person_void,
            commands::person_restore,
            commands::position_save,
            commands::position_void,
            commands::position_restore,
            commands::position_make_head,
            commands::audit_trail,
            commands::backup_now,
            commands::backup_to,
            commands::talk_options,
            commands::talks_list,
            commands::talk_detail,
            commands::talk_save,
            commands::talk_record_held,
            commands::talk_void,
            commands::talk_restore,
            commands::talks_of_person,
            commands::talks_of_unit,
            commands::item_save,
            commands::item_detail,
            commands::item_progress_add,
            commands::item_close,
            commands::item_void,
            commands::item_restore,
            commands::due_preview,
            commands::talk_plan,
            commands::talk_plan_fill,
            commands::plan_entry_save,
            commands::plan_entries_assign,
            commands::plan_entry_void,
            commands::plan_entry_restore,
            commands::worklist,
            commands::calendar_years,
            commands::calendar_year_save,
            commands::letter_options,
            commands::letter_number_preview,
            commands::templates_list,
            commands::template_save,
            commands::template_void,
            commands::template_restore,
            commands::letter_fields,
            commands::letter_fill,
            commands::letter_save,
            commands::letters_list,
            commands::letter_detail,
            commands::letter_sign,
            commands::letters_sign_batch,
            commands::letter_deliver,
            commands::letter_reply,
            commands::letter_close,
            commands::letter_void,
            commands::letter_restore,
            commands::letter_follow_up,
            commands::letter_recipients,
            commands::letter_pdf_preview,
            commands::letter_pdf_save,
            commands::talk_record_pdf,
            commands::talk_record_pdf_save,
            commands::fonts_report,
            commands::open_path,
            // -- sanctions (处分)
            commands::sanction_options,
            commands::sanction_save,
            commands::sanction_void,
            commands::sanction_restore,
            commands::sanctions_of_person,
            // -- end sanctions
            // ---- 考核
            commands::assessment_options,
            commands::assessments_list,
            commands::assessment_save,
            commands::assessment_void,
            commands::assessment_restore,
            // ---- end 考核
            // ---- 家庭重大变动、听取汇报、警示教育
            commands::family_change_options,
            commands::family_change_save,
            commands::family_change_void,
            commands::family_change_restore,
            commands::family_changes_of_person,
            commands::hearing_options,
            commands::hearings_list,
            commands::hearing_save,
            commands::hearing_void,
            commands::hearing_restore,
            commands::hearings_of_unit,
            commands::education_options,
            commands::education_list,
            commands::education_save,
            commands::education_void,
            commands::education_restore,
            commands::education_of_unit,
            // ---- end 家庭重大变动、听取汇报、警示教育
            // ---- 廉政档案 (person file)
            commands::person_file_open,
            commands::person_file_pdf,
            commands::person_file_pdf_save,
            // ---- end 廉政档案
            // ---- risk points
            commands::risk_options,
            commands::risks_list,
            commands::risks_of_unit,
            commands::risk_save,
            commands::risk_void,
            commands::risk_restore,
            commands::dict_entries,
            commands::dict_save,
            commands::sanction_kind_names,
            commands::sanction_kind_names_save,
            // ---- end risk points
            // ---- findings and clues
            commands::finding_options,
            commands::findings_list,
            commands::finding_detail,
            commands::finding_save,
            commands::finding_void,
            commands::finding_restore,
            commands::clue_options,
            commands::clues_list,
            commands::clue_get,
            commands::clue_save,
            commands::clue_void,
            commands::clue_restore,
            // ---- end findings and clues
            // ---- Excel out
            commands::talks_export_xlsx,
            commands::letters_export_xlsx,
            commands::assessments_export_xlsx,
            commands::risks_export_xlsx,
            commands::findings_export_xlsx,
            commands::clues_export_xlsx,
            commands::items_due_export_xlsx,
            commands::people_export_xlsx,
            // ---- end Excel out
            // ---- backups and restore
            commands::backup_status,
            commands::backup_folder_set,
            commands::backup_inspect,
            commands::backup_restore,
            commands::recovery_backups,
            commands::restore_damaged,
            // ---- end backups and restore
            // ---- report
            commands::report_get,
            commands::report_pdf,
            commands::report_xlsx,
            // ---- end report
            // ---- accounts
            commands::auth_status,
            commands::auth_setup,
            commands::auth_sign_in,
            commands::auth_sign_out,
            commands::accounts_list,
            commands::account_save,
            commands::account_password,
            commands::idle_minutes_save,
            // ---- end accounts
            // ---- encryption at rest
            commands::auth_recover,
            commands::recovery_pending,
            commands::recovery_confirm,
            // ---- end encryption at rest
            // ---- audit log
            commands::audit_log_page,
            commands::audit_log_options,
            commands::audit_chain_status,
            commands::audit_log_export_xlsx,
            // ---- end audit log
            // ---- dashboards
            commands::stats_risks_by_unit,
            // ---- end dashboards
            // ---- Excel in
            commands::import_preview,
            commands::import_apply,
            // ---- end Excel in
            // ---- drill-downs (issue 11)
            commands::items_list,
            commands::items_export_xlsx,
            commands::stats_dashboard,
            // ---- end drill-downs
        ])
        .run(tauri::generate_context!())
        .map_err(|e| format!("窗口启动失败：{e}"))
}
