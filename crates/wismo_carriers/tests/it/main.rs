//! wismo_carriers' integration tests. Example responses, webhook bodies, published code tables
//! and tracking_number_data's formats are vendored under `testdata/` at the workspace root.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod detect;
mod dhl;
mod facts;
mod fedex;
mod live;
mod push;
mod sandbox;
mod tracking;
mod unknown;
mod ups;
mod usps;
mod years;

use std::path::PathBuf;

/// `testdata/{relative}` at the workspace root.
pub fn testdata_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(relative)
}

/// The bytes of `testdata/{relative}`; a missing file fails the test that asked for it.
pub fn testdata(relative: &str) -> Vec<u8> {
    let path = testdata_path(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}
