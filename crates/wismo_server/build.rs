//! The page build key (`WISMO_PAGE_BUILD`): a hash of everything a stored tracking page
//! depends on, so a binary built from other sources never serves pages an older one kept
//! (docs/ARCHITECTURE.md, "Page snapshots"). It covers the crate's version, every template
//! and static file, the domain's texts, the sources of the server, the domain and the
//! store (the views a page is rendered from), and Cargo.lock (the versions of the
//! libraries that render and escape). A change anywhere in them changes the key; a change
//! elsewhere, a comment included, costs one render per page viewed again.

use sha2::{Digest, Sha256};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What the key covers, relative to this crate's directory.
const INPUTS: [&str; 7] = [
    "templates",
    "static",
    "src",
    "../wismo_domain/locales",
    "../wismo_domain/src",
    "../wismo_store/src",
    "../../Cargo.lock",
];

fn main() -> io::Result<()> {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut files = Vec::new();
    for input in INPUTS {
        let path = root.join(input);
        // Cargo watches a directory's whole tree for changes.
        println!("cargo:rerun-if-changed={}", path.display());
        if path.exists() {
            walk(&path, &mut files)?;
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
    files.sort();

    let mut hash = Sha256::new();
    hash.update(std::env::var("CARGO_PKG_VERSION").unwrap_or_default());
    for file in &files {
        let name = file.strip_prefix(&root).unwrap_or(file);
        hash.update([0]);
        hash.update(name.to_string_lossy().replace('\\', "/"));
        hash.update([0]);
        hash.update(fs::read(file)?);
    }
    let key: String = hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    println!("cargo:rustc-env=WISMO_PAGE_BUILD={key}");
    Ok(())
}

/// Every file under `path` (or `path` itself when it is a file).
fn walk(path: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    if path.is_file() {
        files.push(path.to_owned());
        return Ok(());
    }
    for entry in fs::read_dir(path)? {
        walk(&entry?.path(), files)?;
    }
    Ok(())
}
