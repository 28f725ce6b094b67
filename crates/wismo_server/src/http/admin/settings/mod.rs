//! `/admin/settings`: the store's settings without code, on the same checks and storage
//! as the API's (`/api/v1/store/…`). Owners and staff see every section; the store's
//! domains are changed by owners only. Carriers are the server's, shown read-only.

pub mod branding;
pub mod carriers;
pub mod domains;
pub mod notifications;
pub mod preview;
pub mod texts;

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use wismo_domain::FieldErrors;
use wismo_domain::admin::User;

use super::{SignedIn, Tr, page};

/// The settings' sections, in the order the nav lists them: (path under
/// `/admin/settings/`, the Fluent id of its name, whether only owners see it).
pub const SECTIONS: &[(&str, &str, bool)] = &[
    ("branding", "admin-settings-branding", false),
    ("notifications", "admin-settings-notifications", false),
    ("domains", "admin-settings-domains", false),
    ("carriers", "admin-settings-carriers", false),
    ("keys", "admin-connect-keys", true),
    ("webhooks", "admin-connect-webhooks", false),
    ("integrations", "admin-connect-integrations", false),
];

/// A link of the settings' nav.
pub struct NavLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// The settings' nav for `user`, `current` marked.
pub fn nav(tr: &Tr, user: &User, current: &str) -> Vec<NavLink> {
    SECTIONS
        .iter()
        .filter(|(_, _, owners)| !owners || user.role.manages_store())
        .map(|(path, id, _)| NavLink {
            href: format!("/admin/settings/{path}"),
            label: tr.t(id),
            current: *path == current,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
pub struct SettingsPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub nav: Vec<NavLink>,
}

/// `GET /admin/settings`
pub async fn index(tr: Tr, signed_in: SignedIn) -> Response {
    page(
        StatusCode::OK,
        &SettingsPage {
            nav: nav(&tr, &signed_in.user, ""),
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        },
    )
}

/// What a form got wrong, by field (`primary_color`, `domains[1]`, …), as the API says it.
#[derive(Debug, Default)]
pub struct Errors(BTreeMap<String, String>);

impl Errors {
    pub fn add(&mut self, field: impl Into<String>, detail: impl Into<String>) {
        self.0.entry(field.into()).or_insert_with(|| detail.into());
    }

    pub fn extend(&mut self, errors: FieldErrors) {
        for e in errors {
            self.add(e.field, e.detail);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The error of `field`, or "" when it has none.
    pub fn of(&self, field: &str) -> &str {
        self.0.get(field).map(String::as_str).unwrap_or("")
    }

    /// Every error of a field named `prefix` or under it (`domains`, `domains[0]`, …).
    pub fn under(&self, prefix: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(field, _)| {
                field.as_str() == prefix
                    || field.starts_with(&format!("{prefix}["))
                    || field.starts_with(&format!("{prefix}."))
            })
            .map(|(field, detail)| format!("{field}: {detail}"))
            .collect()
    }
}

/// An admin page that shows previews in frames from wismo itself (the admin's headers,
/// with `frame-src 'self'`).
pub(crate) fn framing_page(status: StatusCode, template: &impl Template) -> Response {
    let mut res = page(status, template);
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    res
}

/// A preview shown in a frame of an admin page: `html` with `csp`, framed by wismo only.
pub(crate) fn framed(html: String, csp: &'static str) -> Response {
    let mut res = (
        crate::http::pages::page_headers(),
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        html,
    )
        .into_response();
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    res
}

/// The largest settings form (the notification policy with a language's words, the
/// branding's texts): larger than the admin's other forms.
pub const MAX_FORM_BYTES: usize = 64 * 1024;
