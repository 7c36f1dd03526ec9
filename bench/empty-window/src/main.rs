//! An empty Tauri 2 window: no commands, no plugins, a page with one line of text. Built with the
//! same workspace, profile and link flags as `jiandu`, it is what `scripts/bench-start.py` divides
//! Jiandu's start time and memory by.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("empty window");
}
