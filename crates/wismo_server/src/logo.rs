//! What a store's logo may be, however it arrives (uploaded, or fetched from the URL in
//! its branding): PNG, JPEG, WebP or GIF, known by its first bytes whatever a header
//! claimed, at most [`MAX_LOGO_BYTES`]; kept under a short hash of its bytes.

use sha2::{Digest, Sha256};
use wismo_store::StoreLogo;

/// The largest logo accepted.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;

/// The image type its first bytes say, whatever the request claimed.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, ..] => Some("image/png"),
        [0xff, 0xd8, 0xff, ..] => Some("image/jpeg"),
        [b'G', b'I', b'F', b'8', ..] => Some("image/gif"),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Some("image/webp"),
        _ => None,
    }
}

/// The logo to keep for `bytes`, whose type [`image_type`] found to be `sniffed`.
pub fn store_logo(sniffed: &str, bytes: Vec<u8>) -> StoreLogo {
    let version = Sha256::digest(&bytes)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    StoreLogo {
        content_type: sniffed.to_owned(),
        bytes,
        version,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_first_bytes() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(image_type(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
        assert_eq!(image_type(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_type(b"<svg onload=alert(1)>"), None);
    }
}
