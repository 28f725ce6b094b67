//! `/admin/settings/…` for what connects a store to other systems: API keys (owners
//! only), merchant webhook endpoints and their delivery logs, store platform feeds with
//! their secrets and order-link key, and CSV imports.
//!
//! Who may do what: owners everything; staff may read the webhook endpoints and their
//! delivery logs, send a test and retry a delivery, read the platform feeds and their
//! deliveries, and import a CSV file (what they can do to orders anyway), but never see
//! or change a key or a secret. A secret or key is shown once, in the answer to the POST
//! that made it (never in a URL, never on a later page).

pub mod imports;
pub mod integrations;
pub mod keys;
pub mod webhook_log;
pub mod webhooks;

use chrono::{DateTime, Utc};

use super::SignedIn;

/// The links between these pages, for the pages' own small menu: (path, message id),
/// the keys page for owners only.
pub fn links(owner: bool) -> Vec<(&'static str, &'static str)> {
    let mut links = vec![
        ("/admin/settings/webhooks", "admin-connect-webhooks"),
        ("/admin/settings/integrations", "admin-connect-integrations"),
    ];
    if owner {
        links.insert(0, ("/admin/settings/keys", "admin-connect-keys"));
    }
    links
}

/// The form's fields when its `csrf` is the session's token (else the CSRF page answers).
pub(crate) fn checked(signed_in: &SignedIn, body: &[u8]) -> Option<Vec<(String, String)>> {
    let fields: Vec<(String, String)> = form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let token = field(&fields, "csrf").unwrap_or_default();
    signed_in.csrf_ok(token).then_some(fields)
}

/// The first value of `name` in a form.
pub(crate) fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A moment as the pages show it.
pub(crate) fn time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}
