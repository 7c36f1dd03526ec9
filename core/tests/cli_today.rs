//! The hidden `--today` flag pins the clock for the whole process (end-to-end tests start the
//! window on a chosen day with it). Its own test binary, because the pin is process-wide.

use jiandu_core::cli::{self, Outcome};
use jiandu_core::Ctx;

fn run(args: &[&str]) -> (i32, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = match cli::run(std::iter::once("jiandu").chain(args.iter().copied()), &mut out, &mut err) {
        Outcome::Exit(c) => c,
        Outcome::OpenWindow { .. } => -1,
    };
    (code, String::from_utf8_lossy(&err).into_owned())
}

#[test]
fn a_bad_date_is_refused_and_a_good_one_pins_the_clock_for_the_window() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().expect("utf8");

    let (code, err) = run(&["--data-dir", d, "--today", "2024-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("--today"), "{err}");
    assert_ne!(Ctx::system("x").today_str(), "2024-02-30");

    let (code, _) = run(&["--data-dir", d, "--today", "2024-09-27"]);
    assert_eq!(code, -1, "no subcommand: the window opens");
    assert_eq!(Ctx::system("x").today_str(), "2024-09-27");
}
