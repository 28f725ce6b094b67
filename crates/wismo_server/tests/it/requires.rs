//! What some tests need from the machine: a PostgreSQL server (`WISMO_TEST_POSTGRES_URL`) and
//! `chromedriver`. Outside CI a missing one skips the tests that need it, said in one line on
//! stderr per test binary; with `CI` set it fails them, so CI cannot pass without running them.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Once;

const POSTGRES_URL: &str = "WISMO_TEST_POSTGRES_URL";

/// Whether `CI` is set (to anything but empty, `0` or `false`).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// The PostgreSQL server to test on, or `None` when `WISMO_TEST_POSTGRES_URL` is unset outside CI.
pub fn postgres_url() -> Option<String> {
    static SKIPPED: Once = Once::new();
    match std::env::var(POSTGRES_URL) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => missing(
            &SKIPPED,
            "PostgreSQL",
            &format!("{POSTGRES_URL} is not set"),
        ),
    }
}

/// The `chromedriver` on the PATH, or `None` when there is none outside CI.
pub fn chromedriver() -> Option<PathBuf> {
    static SKIPPED: Once = Once::new();
    match find_program("chromedriver") {
        Some(path) => Some(path),
        None => missing(
            &SKIPPED,
            "browser",
            "chromedriver is not on the PATH (install chromium and chromium-driver)",
        ),
    }
}

/// The first `name` on the PATH.
pub fn find_program(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| PathBuf::from(dir).join(name))
        .find(|path| path.is_file())
}

fn missing<T>(once: &Once, tests: &str, why: &str) -> Option<T> {
    assert!(
        !in_ci(),
        "CI is set but {why}: the {tests} tests cannot run"
    );
    once.call_once(|| {
        // Straight to stderr: the test harness swallows what passing tests print.
        let _ = writeln!(
            std::io::stderr(),
            "note: wismo_server's {tests} tests skipped: {why}; with CI set this fails"
        );
    });
    None
}
