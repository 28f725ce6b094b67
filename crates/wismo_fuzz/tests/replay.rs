//! Replays every committed fuzz input through its target: the minimized corpora under
//! `fuzz/corpus/<target>/` and the inputs of fixed findings under
//! `fuzz/artifacts-fixed/<target>/`. Builds no fuzzer; a finding that comes back fails here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use wismo_fuzz::TARGETS;

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files directly under `dir`, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs each file through `target`, naming every file that panics.
fn replay(name: &str, target: wismo_fuzz::Target, inputs: &[PathBuf]) -> Vec<String> {
    inputs
        .iter()
        .filter_map(|path| {
            let data = std::fs::read(path).unwrap();
            catch_unwind(AssertUnwindSafe(|| target(&data)))
                .err()
                .map(|_| format!("{name}: {}", path.display()))
        })
        .collect()
}

/// Replays `fuzz/<folder>/<target>/` for every target, the targets dealt out over threads;
/// every input that panics.
fn replay_all(folder: &str, require_inputs: bool) -> Vec<String> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|first| {
                scope.spawn(move || {
                    let mut panicked = Vec::new();
                    for &(name, target) in TARGETS.iter().skip(first).step_by(threads) {
                        let inputs = files(&fuzz_dir().join(folder).join(name));
                        assert!(
                            !require_inputs || !inputs.is_empty(),
                            "fuzz/{folder}/{name}/ has no inputs"
                        );
                        panicked.extend(replay(name, target, &inputs));
                    }
                    panicked
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap())
            .collect()
    })
}

#[test]
fn every_corpus_input_runs_through_its_target_without_panicking() {
    let panicked = replay_all("corpus", true);
    assert!(
        panicked.is_empty(),
        "inputs that panic:\n{}",
        panicked.join("\n")
    );
}

#[test]
fn every_fixed_finding_stays_fixed() {
    let panicked = replay_all("artifacts-fixed", false);
    assert!(
        panicked.is_empty(),
        "inputs that panic:\n{}",
        panicked.join("\n")
    );
}

#[test]
fn fixed_findings_are_filed_under_a_known_target() {
    let known: BTreeSet<&str> = TARGETS.iter().map(|(name, _)| *name).collect();
    for entry in std::fs::read_dir(fuzz_dir().join("artifacts-fixed")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            path.is_dir(),
            "fuzz/artifacts-fixed/{name} is not a target's folder"
        );
        assert!(known.contains(name.as_str()), "no target named {name}");
    }
}

#[test]
fn every_cargo_fuzz_target_calls_the_body_of_the_same_name() {
    let declared: BTreeSet<String> = files(&fuzz_dir().join("fuzz_targets"))
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let source = std::fs::read_to_string(p).unwrap();
            assert!(
                source.contains(&format!("wismo_fuzz::{name}(")),
                "{} does not call wismo_fuzz::{name}",
                p.display()
            );
            name
        })
        .collect();
    let listed: BTreeSet<String> = TARGETS.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(declared, listed);
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    for name in &listed {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "fuzz/Cargo.toml has no [[bin]] {name}"
        );
    }
}
