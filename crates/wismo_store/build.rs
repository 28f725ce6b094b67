//! Embeds the migrations: `$OUT_DIR/migrations.rs` lists each backend's files as
//! `(version, description, sql)`, named and checksummed as sqlx's own `migrate!` would,
//! without building sqlx's macro crate (and its own copy of both database drivers) for the
//! host.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut out = String::new();
    for backend in ["sqlite", "postgres"] {
        let folder = dir.join(backend);
        println!("cargo:rerun-if-changed={}", folder.display());
        let mut files: Vec<(i64, String, String)> = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("reading {}: {e}", folder.display()))
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let (version, rest) = name.split_once('_')?;
                let description = rest.strip_suffix(".sql")?.replace('_', " ");
                let version: i64 = version
                    .parse()
                    .unwrap_or_else(|_| panic!("migration {name}: no integer version"));
                let path = entry.path().display().to_string();
                Some((version, description, path))
            })
            .collect();
        files.sort();
        let _ = writeln!(
            out,
            "pub(crate) static {}: &[(i64, &str, &str)] = &[",
            backend.to_uppercase()
        );
        for (version, description, path) in files {
            let _ = writeln!(
                out,
                "    ({version}, {description:?}, include_str!({path:?})),"
            );
        }
        out.push_str("];\n");
    }
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR: {e}"));
    let target = Path::new(&out_dir).join("migrations.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("writing {}: {e}", target.display()));
}
