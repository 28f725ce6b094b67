//! wismo_carriers' integration tests. Tests that read ../shared/data say so when it is
//! missing (see `shared_data`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod detect;
mod dhl;
mod fedex;
mod live;
mod push;
mod sandbox;
mod tracking;
mod unknown;
mod ups;
mod usps;

use std::path::PathBuf;

/// `../shared/data/{relative}` from the workspace root, or `None` with a clear note when the
/// shared data is not present (it is in CI).
pub fn shared_data(relative: &str) -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let path = root.join(relative);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "NOTE: shared data missing at {} — this test checks nothing without it",
            path.display()
        );
        None
    }
}
