//! USPS Intelligent Mail package barcodes (IMpb), hand-coded: tracking_number_data writes the
//! N (`94…`) and C (`92…`, `93…`, `95…`) layouts with look-around, which the `regex` crate
//! does not have. The splits follow the data's patterns, anchored, including the order in
//! which a backtracking engine tries the optional `420` + ZIP (+4) routing prefix.

use super::Parts;

/// Splits a USPS IMpb N number (application identifier `94`), optionally behind a `420`
/// routing prefix.
pub(super) fn split_impb_n(number: &str) -> Option<Parts<'_>> {
    split_routed(number, true, n_body)
}

/// Splits a USPS IMpb C number (application identifier `92`, `93` or `95`), optionally behind
/// a `420` routing prefix.
pub(super) fn split_impb_c(number: &str) -> Option<Parts<'_>> {
    split_routed(number, false, c_body)
}

/// `420` + five-digit ZIP + optional ZIP+4, then the barcode body. The +4 is taken first and
/// only when exactly 22 digits follow it. With `zip_fixes_length` (IMpb N) exactly 22 or 26
/// digits must follow the five-digit ZIP.
fn split_routed(
    number: &str,
    zip_fixes_length: bool,
    body: fn(&str) -> Option<Parts<'_>>,
) -> Option<Parts<'_>> {
    if !number.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let Some(routed) = number.strip_prefix("420") else {
        return body(number);
    };
    let after_zip = routed.get(5..)?;
    if zip_fixes_length && !matches!(after_zip.len(), 22 | 26) {
        return None;
    }
    let after_zip_plus4 = after_zip.get(4..).filter(|rest| rest.len() == 22);
    after_zip_plus4.and_then(body).or_else(|| body(after_zip))
}

/// `94` + service (3) + mailer id (9 digits starting with 9, or 6 starting 0-8) + package id
/// + check digit: 22, 26 or (nine-digit mailer id only) 30 digits.
fn n_body(body: &str) -> Option<Parts<'_>> {
    let nine_digit_mailer = body.strip_prefix("94")?.as_bytes().get(3)? == &b'9';
    let fits = match body.len() {
        22 | 26 => true,
        30 => nine_digit_mailer,
        _ => false,
    };
    fits.then(|| split_body(body))?
}

/// `92` (nine-digit mailer id, starting with 9), `93` (six-digit mailer id, starting 0-8) or
/// `95` (either), then service (3) + mailer id + package id + check digit: 22 or 26 digits.
fn c_body(body: &str) -> Option<Parts<'_>> {
    let identifier = body.get(..2)?;
    let nine_digit_mailer = body.as_bytes().get(5)? == &b'9';
    let fits = match identifier {
        "92" => nine_digit_mailer,
        "93" => !nine_digit_mailer,
        "95" => true,
        _ => false,
    };
    (fits && matches!(body.len(), 22 | 26)).then(|| split_body(body))?
}

fn split_body(body: &str) -> Option<Parts<'_>> {
    let (serial, check) = body.split_at_checked(body.len().checked_sub(1)?)?;
    Some(Parts {
        serial: Some(serial),
        check: Some(check),
        service: body.get(2..5),
        country: None,
    })
}
