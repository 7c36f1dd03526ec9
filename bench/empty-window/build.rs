fn main() {
    // The same link flag as the app (see src-tauri/build.rs), so the two binaries differ only in
    // what the app adds on top of an empty window.
    #[cfg(target_os = "linux")]
    println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    tauri_build::build()
}
