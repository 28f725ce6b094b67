//! The aggregators' webhooks: bodies, and the signature checks in front of them.

use wismo_carriers::push::{self, Provider};

/// An EasyPost tracker event.
pub fn easypost(data: &[u8]) {
    if let Ok(trackings) = push::easypost::parse(data) {
        crate::check_trackings(trackings);
    }
}

/// An AfterShip tracking webhook.
pub fn aftership(data: &[u8]) {
    if let Ok(trackings) = push::aftership::parse(data) {
        crate::check_trackings(trackings);
    }
}

/// A 17TRACK webhook.
pub fn seventeen_track(data: &[u8]) {
    if let Ok(trackings) = push::seventeen_track::parse(data) {
        crate::check_trackings(trackings);
    }
}

/// One provider's signature check. The first byte picks the provider (`0`, `1`, `2`:
/// EasyPost, AfterShip, 17TRACK, modulo 3); the rest is the secret, a newline, the
/// signature header's value, a newline, and the body.
pub fn webhook_signature(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let provider = Provider::ALL[usize::from(selector) % Provider::ALL.len()];
    let mut parts = rest.splitn(3, |&b| b == b'\n');
    let (Some(Ok(secret)), Some(Ok(value))) = (
        parts.next().map(std::str::from_utf8),
        parts.next().map(std::str::from_utf8),
    ) else {
        return;
    };
    let body = parts.next().unwrap_or_default();
    let name = provider.signature_header();
    let _ = provider.verify(
        secret,
        |n: &str| n.eq_ignore_ascii_case(name).then_some(value),
        body,
    );

    if !secret.is_empty() {
        let (name, signed) = provider.sign(secret, body);
        let pairs = [(name, signed.as_str())];
        assert_eq!(
            provider.verify(secret, push::header_pairs(&pairs), body),
            Ok(()),
            "{provider} refuses its own signature"
        );
    }
}
