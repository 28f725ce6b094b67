//! `/admin/settings/carriers`: the carrier accounts this server has, read-only. They are
//! the server's settings (`[carriers.*]` in `wismo.toml`, `WISMO_*` variables), set by
//! whoever runs it; no secret is ever shown, only whether it is set.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use wismo_carriers::adapters::LiveCarrier;
use wismo_domain::admin::User;

use super::{NavLink, nav};
use crate::config::CarrierSettings;
use crate::http::admin::{AdminState, SignedIn, Tr, page};

/// One carrier account as the page shows it.
pub struct AccountRow {
    pub carrier: String,
    /// What the account signs in with, and whether each part is set.
    pub credentials: String,
    /// Whether every part it needs is set.
    pub complete: bool,
    /// "Live" against the carrier's production API, else the server it calls instead.
    pub mode: String,
    /// The call budget in words: "10 calls a second, 20 at once".
    pub budget: String,
}

#[derive(Template)]
#[template(path = "admin/settings_carriers.html")]
pub struct CarriersPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub nav: Vec<NavLink>,
    pub accounts: Vec<AccountRow>,
}

fn row(tr: &Tr, slug: &str, settings: &CarrierSettings) -> AccountRow {
    let carrier = LiveCarrier::parse(slug);
    let set = |present: bool| {
        if present {
            tr.t("admin-carriers-set")
        } else {
            tr.t("admin-carriers-missing")
        }
    };
    let (credentials, complete) = if carrier.is_some_and(LiveCarrier::signs_in_with_api_key) {
        let key = settings.api_key.is_some();
        (
            format!("{} {}", tr.t("admin-carriers-api-key"), set(key)),
            key,
        )
    } else {
        let id = settings.client_id.is_some();
        let secret = settings.client_secret.is_some();
        (
            format!(
                "{} {} · {} {}",
                tr.t("admin-carriers-client-id"),
                set(id),
                tr.t("admin-carriers-client-secret"),
                set(secret)
            ),
            id && secret,
        )
    };
    let live = carrier.is_some_and(|c| c.production_url() == settings.base_url);
    let mode = if live {
        tr.t("admin-carriers-live")
    } else {
        tr.with("admin-carriers-test", &[("url", &settings.base_url)])
    };
    AccountRow {
        carrier: slug.to_uppercase(),
        credentials,
        complete,
        mode,
        budget: budget(tr, settings.rate_per_second, settings.burst),
    }
}

/// A rate in the unit that reads best: per second, minute, hour or day.
fn budget(tr: &Tr, per_second: f64, burst: u32) -> String {
    let (count, unit) = [
        (1.0, "second"),
        (60.0, "minute"),
        (3600.0, "hour"),
        (86_400.0, "day"),
    ]
    .into_iter()
    .map(|(secs, unit)| (per_second * secs, unit))
    .find(|(count, _)| *count >= 1.0)
    .unwrap_or((per_second * 86_400.0, "day"));
    let count = format!("{}", (count * 10.0).round() / 10.0);
    tr.with(
        &format!("admin-carriers-budget-{unit}"),
        &[("count", &count), ("burst", &burst.to_string())],
    )
}

/// `GET /admin/settings/carriers`
pub async fn show(State(state): State<AdminState>, tr: Tr, signed_in: SignedIn) -> Response {
    let accounts = state
        .config
        .carriers
        .iter()
        .map(|(slug, settings)| row(&tr, slug, settings))
        .collect();
    page(
        StatusCode::OK,
        &CarriersPage {
            nav: nav(&tr, &signed_in.user, "carriers"),
            accounts,
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        },
    )
}
