//! `/admin/welcome`: the setup guide a new owner lands on after the first run's link, and
//! anyone may open again from the settings. Three steps, each its own page and each
//! skippable: the store's look and support contacts ([`brand`]), the ways orders come in
//! ([`orders`]), and whether wismo can send email, with a test to oneself ([`email`]).
//!
//! Every step saves through the code its settings page uses (the same checks, the same
//! refusals beside the fields); what is an owner's there (secrets, API keys) is an owner's
//! here too. Nothing records which steps were done: the guide reads the store as it is.

pub mod brand;
pub mod email;
pub mod orders;

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use wismo_domain::admin::User;

use super::{SignedIn, Tr, page};

/// The guide's steps in order: (path under `/admin/welcome/`, the Fluent id of its name,
/// the Fluent id of what it is for).
pub const STEPS: [(&str, &str, &str); 3] = [
    ("brand", "admin-welcome-brand", "admin-welcome-brand-what"),
    (
        "orders",
        "admin-welcome-orders",
        "admin-welcome-orders-what",
    ),
    ("email", "admin-welcome-email", "admin-welcome-email-what"),
];

/// Where the guide ends: the attention list.
pub const FINISH: &str = "/admin";

/// A step as the guide's indicator and overview list it.
pub struct StepLink {
    pub href: String,
    pub label: String,
    pub what: String,
    pub current: bool,
}

/// Where a step page is in the guide: its indicator, and where skipping leads.
pub struct Progress {
    pub steps: Vec<StepLink>,
    /// "Step 2 of 3".
    pub step_of: String,
    /// The next step's page, or [`FINISH`] after the last.
    pub next: String,
    /// Whether this is the last step.
    pub last: bool,
}

impl Progress {
    /// The guide at step `current` (one of [`STEPS`]' paths).
    pub fn at(tr: &Tr, current: &str) -> Self {
        let index = STEPS.iter().position(|(p, _, _)| *p == current);
        let number = index.map_or(1, |i| i + 1);
        let next = match index.and_then(|i| STEPS.get(i + 1)) {
            Some((path, _, _)) => format!("/admin/welcome/{path}"),
            None => FINISH.to_owned(),
        };
        Self {
            steps: links(tr, current),
            step_of: tr.with(
                "admin-welcome-step-of",
                &[
                    ("step", &number.to_string()),
                    ("count", &STEPS.len().to_string()),
                ],
            ),
            last: number == STEPS.len(),
            next,
        }
    }
}

fn links(tr: &Tr, current: &str) -> Vec<StepLink> {
    STEPS
        .iter()
        .map(|(path, name, what)| StepLink {
            href: format!("/admin/welcome/{path}"),
            label: tr.t(name),
            what: tr.t(what),
            current: *path == current,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "admin/welcome.html")]
pub struct WelcomePage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub steps: Vec<StepLink>,
}

/// `GET /admin/welcome`: what the guide will do, and where it starts.
pub async fn show(tr: Tr, signed_in: SignedIn) -> Response {
    page(
        StatusCode::OK,
        &WelcomePage {
            steps: links(&tr, ""),
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        },
    )
}
