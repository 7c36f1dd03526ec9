fn main() {
    // The bundled SQLite's symbols must not be exported from the binary, or WebKit, libsoup and
    // the system libsqlite3 bind to our copy instead of theirs (measured on Debian 12: a latent
    // memory-corruption risk). Hide every static library's symbols.
    #[cfg(target_os = "linux")]
    println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    tauri_build::build()
}
