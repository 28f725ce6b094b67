//! The `wismo` binary's commands, run as a person or a script would.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

pub fn wismo() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wismo"));
    // Isolate from the developer's environment and any wismo.toml in the working directory.
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("RUST_LOG", "warn")
        // A key given, so no key file is left beside the temporary databases.
        .env("WISMO_SECRET_KEY", crate::harness::TEST_SECRET_KEY)
        .current_dir(std::env::temp_dir());
    cmd
}

pub fn temp_db() -> (String, PathBuf) {
    let path = std::env::temp_dir().join(format!("wismo-cli-{:016x}.db", rand::random::<u64>()));
    (format!("sqlite://{}", path.display()), path)
}

fn run(args: &[&str]) -> Output {
    wismo().args(args).output().expect("run wismo")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn store_create_json_prints_the_store_id_and_a_working_key() {
    let (url, path) = temp_db();
    let out = run(&[
        "--database-url",
        &url,
        "store",
        "create",
        "--slug",
        "acme",
        "--name",
        "Acme Coffee",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let created: Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
    assert!(created["store_id"].is_i64());
    let key = created["api_key"].as_str().unwrap();
    assert!(key.starts_with("wismo_sk_"));
    assert!(!stderr(&out).contains(key), "the key must not be logged");

    let listed = run(&["--database-url", &url, "store", "list", "--json"]);
    let listed: Value = serde_json::from_str(stdout(&listed).trim()).unwrap();
    assert_eq!(listed[0]["slug"], "acme");
    assert_eq!(listed[0]["store_id"], created["store_id"]);

    let again = run(&[
        "--database-url",
        &url,
        "store",
        "create",
        "--slug",
        "acme",
        "--name",
        "Other",
    ]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("acme"), "{}", stderr(&again));
    let _ = std::fs::remove_file(path);
}

#[test]
fn api_keys_are_created_listed_and_revoked() {
    let (url, path) = temp_db();
    assert!(
        run(&[
            "--database-url",
            &url,
            "store",
            "create",
            "--slug",
            "acme",
            "--name",
            "Acme"
        ])
        .status
        .success()
    );
    let out = run(&[
        "--database-url",
        &url,
        "apikey",
        "create",
        "--store",
        "acme",
        "--name",
        "ci",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let key: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let prefix = key["prefix"].as_str().unwrap();
    assert!(key["api_key"].as_str().unwrap().starts_with(prefix));

    let listed = stdout(&run(&[
        "--database-url",
        &url,
        "apikey",
        "list",
        "--store",
        "acme",
    ]));
    assert!(
        listed.contains(prefix) && listed.contains("active"),
        "{listed}"
    );
    assert!(
        !listed.contains(key["api_key"].as_str().unwrap()),
        "secrets are never listed"
    );

    let out = run(&["--database-url", &url, "apikey", "revoke", prefix]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&run(&[
        "--database-url",
        &url,
        "apikey",
        "list",
        "--store",
        "acme",
    ]));
    assert!(listed.contains("revoked"), "{listed}");

    let missing = run(&[
        "--database-url",
        &url,
        "apikey",
        "create",
        "--store",
        "nope",
    ]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("nope"), "{}", stderr(&missing));
    let _ = std::fs::remove_file(path);
}

#[test]
fn bad_input_gets_a_message_and_a_failing_exit_code() {
    let (url, path) = temp_db();
    let out = run(&[
        "--database-url",
        &url,
        "store",
        "create",
        "--slug",
        "Bad Slug",
        "--name",
        "X",
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("--slug") && stderr(&out).contains("not a store slug"),
        "{}",
        stderr(&out)
    );
    let out = run(&["--database-url", "mysql://localhost/x", "migrate"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("database_url"), "{}", stderr(&out));
    let out = wismo()
        .args(["--database-url", &url, "migrate"])
        .env("WISMO_LISTEN", "nowhere")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("listen"), "{}", stderr(&out));
    let out = run(&[
        "--database-url",
        "postgres://app:hunter2@127.0.0.1:1/x",
        "migrate",
    ]);
    assert!(!out.status.success());
    assert!(
        !stderr(&out).contains("hunter2"),
        "the password leaked: {}",
        stderr(&out)
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn migrate_creates_the_database_and_config_example_prints_a_valid_file() {
    let (url, path) = temp_db();
    let out = run(&["--database-url", &url, "migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(path.exists());
    let example = stdout(&run(&["config", "example"]));
    assert!(example.contains("database_url") && example.contains("WISMO_PUBLIC_URL"));
    let file = path.with_extension("toml");
    std::fs::write(&file, example.replace("sqlite://wismo.db", &url)).unwrap();
    let out = run(&["--config", file.to_str().unwrap(), "store", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(path);
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["store", "create", "--help"],
        vec!["store", "list", "--help"],
        vec!["apikey", "create", "--help"],
        vec!["apikey", "revoke", "--help"],
        vec!["config", "example", "--help"],
        vec!["carrier", "detect", "--help"],
        vec!["carrier", "parse", "--help"],
        vec!["carrier", "track", "--help"],
        vec!["sandbox", "--help"],
        vec!["webhook", "secret", "--help"],
        vec!["customer", "erase", "--help"],
        vec!["demo", "--help"],
        vec!["worker", "--help"],
        vec!["shipments", "due", "--help"],
    ] {
        let out = run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).contains("Usage: wismo"), "{args:?}");
    }
}

#[test]
fn a_webhook_secret_is_read_from_stdin_and_the_url_is_shown() {
    use std::io::Write as _;
    let (url, path) = temp_db();
    assert!(
        run(&[
            "--database-url",
            &url,
            "store",
            "create",
            "--slug",
            "acme",
            "--name",
            "Acme"
        ])
        .status
        .success()
    );
    let mut child = wismo()
        .args([
            "--database-url",
            &url,
            "--public-url",
            "https://track.example.com",
            "webhook",
            "secret",
            "--store",
            "acme",
            "--provider",
            "EasyPost",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"whsec_123\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("https://track.example.com/webhooks/easypost/acme"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("whsec_123") && !stderr(&out).contains("whsec_123"));
    let bad = run(&[
        "--database-url",
        &url,
        "webhook",
        "secret",
        "--store",
        "acme",
        "--provider",
        "pigeon",
        "--secret",
        "x",
    ]);
    assert!(!bad.status.success() && stderr(&bad).contains("unknown provider"));
    let _ = std::fs::remove_file(path);
}

#[test]
fn a_customer_is_erased_from_the_command_line_and_bad_input_is_refused() {
    let (url, path) = temp_db();
    let db = ["--database-url", url.as_str()];
    let create = [
        &db[..],
        &["store", "create", "--slug", "acme", "--name", "Acme"],
    ]
    .concat();
    assert!(run(&create).status.success());
    let erase =
        |extra: &[&str]| run(&[&db[..], &["customer", "erase", "--store", "acme"], extra].concat());
    let nothing = erase(&[]);
    assert!(!nothing.status.success());
    assert!(
        stderr(&nothing).contains("email or phone"),
        "{}",
        stderr(&nothing)
    );
    let unknown = run(&[
        &db[..],
        &[
            "customer",
            "erase",
            "--store",
            "nope",
            "--email",
            "a@b.example",
        ],
    ]
    .concat());
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("nope"), "{}", stderr(&unknown));
    let out = erase(&["--email", "ana@example.com", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let counts: Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
    assert_eq!(counts["orders"], 0);
    let said = erase(&["--phone", "+14155550100"]);
    assert!(
        stdout(&said).contains("nothing was erased"),
        "{}",
        stdout(&said)
    );
    let _ = std::fs::remove_file(path);
}
