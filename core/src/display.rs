//! Whether a window can be opened here. GTK panics with a backtrace when `DISPLAY` names a display
//! that is not there; the shell asks this first and says, in Chinese, what to do instead.

use std::path::Path;
use std::time::Duration;

/// What the clerk is told when no display can be used: run under a virtual display, or use the
/// headless commands.
fn advice(why: &str) -> String {
    format!(
        "{why}，无法打开窗口。\n\
         在无显示器的机器上可用虚拟显示运行：xvfb-run -a jiandu\n\
         无需窗口的操作请用子命令（载入示范数据、检查、备份、导出函件等），见 jiandu --help。\n\
         No usable display: run under `xvfb-run -a jiandu`, or see `jiandu --help` for headless commands."
    )
}

/// Checks the display the environment names (Linux and other X11/Wayland systems): `None` when
/// one answers, else the message. `x11_dir` is where local X servers put their sockets
/// (`/tmp/.X11-unix`); `runtime_dir` is `XDG_RUNTIME_DIR`, where a Wayland socket lives.
pub fn problem(display: Option<&str>, wayland: Option<&str>, x11_dir: &Path, runtime_dir: Option<&Path>) -> Option<String> {
    let display = display.filter(|d| !d.is_empty());
    let wayland = wayland.filter(|w| !w.is_empty());
    if display.is_none() && wayland.is_none() {
        return Some(advice("没有可用的图形界面（DISPLAY 与 WAYLAND_DISPLAY 均未设置）"));
    }
    if let Some(w) = wayland {
        let socket = if Path::new(w).is_absolute() { Some(Path::new(w).to_path_buf()) } else { runtime_dir.map(|r| r.join(w)) };
        if socket.is_some_and(|s| unix_socket_answers(&s)) {
            return None;
        }
    }
    if let Some(d) = display {
        if x_display_answers(d, x11_dir) {
            return None;
        }
        return Some(advice(&format!("找不到图形界面：DISPLAY={d} 所指的显示无法连接")));
    }
    Some(advice(&format!("找不到图形界面：WAYLAND_DISPLAY={} 所指的显示无法连接", wayland.unwrap_or_default())))
}

/// The display the process environment names, on the systems where GTK needs one.
pub fn problem_here() -> Option<String> {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return None;
    }
    let display = std::env::var("DISPLAY").ok();
    let wayland = std::env::var("WAYLAND_DISPLAY").ok();
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(std::path::PathBuf::from);
    problem(display.as_deref(), wayland.as_deref(), Path::new("/tmp/.X11-unix"), runtime.as_deref())
}

/// `:N`, `:N.S`, `unix:N` → the local socket `X<N>`; `host:N` → TCP port 6000 + N.
fn x_display_answers(display: &str, x11_dir: &Path) -> bool {
    let Some((host, rest)) = display.rsplit_once(':') else { return false };
    let Some(number) = rest.split('.').next().and_then(|n| n.parse::<u16>().ok()) else { return false };
    let local = host.is_empty() || host == "unix" || host.starts_with('/');
    if local {
        return unix_socket_answers(&x11_dir.join(format!("X{number}")));
    }
    let Some(port) = 6000u16.checked_add(number) else { return false };
    use std::net::ToSocketAddrs;
    let Ok(addrs) = (host, port).to_socket_addrs() else { return false };
    addrs.into_iter().any(|a| std::net::TcpStream::connect_timeout(&a, Duration::from_millis(500)).is_ok())
}

#[cfg(unix)]
fn unix_socket_answers(path: &Path) -> bool {
    std::os::unix::net::UnixStream::connect(path).is_ok()
}

#[cfg(not(unix))]
fn unix_socket_answers(_path: &Path) -> bool {
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::net::UnixListener;

    #[test]
    fn no_display_at_all_says_so_and_names_xvfb_run() {
        let m = problem(None, None, Path::new("/nonexistent"), None).unwrap();
        assert!(m.contains("均未设置") && m.contains("xvfb-run") && m.contains("jiandu --help"), "{m}");
    }

    #[test]
    fn a_display_that_is_not_there_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let m = problem(Some(":97"), None, dir.path(), None).unwrap();
        assert!(m.contains("DISPLAY=:97") && m.contains("xvfb-run"), "{m}");
        // A socket file nobody listens on is not a display either.
        let listener = UnixListener::bind(dir.path().join("X97")).unwrap();
        drop(listener);
        assert!(problem(Some(":97"), None, dir.path(), None).is_some());
    }

    #[test]
    fn a_listening_x_socket_is_a_display() {
        let dir = tempfile::tempdir().unwrap();
        let _listener = UnixListener::bind(dir.path().join("X42")).unwrap();
        assert_eq!(problem(Some(":42"), None, dir.path(), None), None);
        assert_eq!(problem(Some(":42.0"), None, dir.path(), None), None);
        assert!(problem(Some(":43"), None, dir.path(), None).is_some());
        assert!(problem(Some("garbage"), None, dir.path(), None).is_some());
    }

    #[test]
    fn a_wayland_socket_in_the_runtime_dir_is_a_display() {
        let dir = tempfile::tempdir().unwrap();
        let _listener = UnixListener::bind(dir.path().join("wayland-0")).unwrap();
        assert_eq!(problem(None, Some("wayland-0"), Path::new("/nonexistent"), Some(dir.path())), None);
        let m = problem(None, Some("wayland-1"), Path::new("/nonexistent"), Some(dir.path())).unwrap();
        assert!(m.contains("WAYLAND_DISPLAY=wayland-1"), "{m}");
    }
}
