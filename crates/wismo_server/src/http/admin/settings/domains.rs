//! `/admin/settings/domains`: the store's own domains and the sites that may use its
//! lookup widget (the API's `PUT /store/hosts`). Owners change them; staff see them.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::admin::User;
use wismo_store::StoreError;

use super::{Errors, NavLink, nav};
use crate::http::admin::{
    AdminState, SignedIn, Tr, csrf_refused, failed, page, refuse_unless_owner, see_other,
};
use crate::http::api::store::parse_hosts;

#[derive(Template)]
#[template(path = "admin/settings_domains.html")]
pub struct DomainsPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub nav: Vec<NavLink>,
    /// One host name a line, as stored or typed.
    pub domains: String,
    /// One origin a line, as stored or typed.
    pub widget_origins: String,
    pub errors: Errors,
    /// wismo's own host: the target of a store domain's CNAME.
    pub wismo_host: String,
    /// The widget's `<script>` for the store.
    pub widget_url: String,
    /// The store's lookup page: the widget's element links to it until the script draws.
    pub track_url: String,
    /// wismo's origin, which a shop's Content-Security-Policy must allow.
    pub wismo_origin: String,
    pub slug: String,
    pub done: String,
    /// Whether the user may change them (owners).
    pub editable: bool,
}

#[derive(Debug, Deserialize)]
pub struct Done {
    saved: Option<String>,
}

/// `GET /admin/settings/domains`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(done): Query<Done>,
) -> Response {
    let store = signed_in.user.store_id;
    let hosts = match state.store.store_hosts(store).await {
        Ok(hosts) => hosts,
        Err(e) => return failed(&tr, &e),
    };
    let done = done
        .saved
        .map(|_| tr.t("admin-settings-saved"))
        .unwrap_or_default();
    render(
        &state,
        tr,
        signed_in,
        StatusCode::OK,
        hosts.domains.join("\n"),
        hosts.widget_origins.join("\n"),
        Errors::default(),
        done,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AdminState,
    tr: Tr,
    signed_in: SignedIn,
    status: StatusCode,
    domains: String,
    widget_origins: String,
    errors: Errors,
    done: String,
) -> Response {
    let tenant = match state.store.get_store(signed_in.user.store_id).await {
        Ok(tenant) => tenant,
        Err(e) => return failed(&tr, &e),
    };
    let public = state.config.public_url.trim_end_matches('/');
    let wismo_host = public
        .split_once("://")
        .map(|(_, rest)| rest.split([':', '/']).next().unwrap_or(rest))
        .unwrap_or(public)
        .to_owned();
    page(
        status,
        &DomainsPage {
            nav: nav(&tr, &signed_in.user, "domains"),
            editable: signed_in.user.role.manages_store(),
            widget_url: format!("{public}/{}/widget.js", tenant.slug),
            track_url: format!("{public}/{}/track", tenant.slug),
            wismo_origin: origin_of(public),
            slug: tenant.slug.to_string(),
            wismo_host,
            domains,
            widget_origins,
            errors,
            done,
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct HostsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    domains: String,
    #[serde(default)]
    widget_origins: String,
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `POST /admin/settings/domains`: replaces both lists, as the API does (owners only).
pub async fn submit(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    form: Result<Form<HostsForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) if signed_in.csrf_ok(&form.csrf) => form,
        _ => return csrf_refused(&tr),
    };
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let store = signed_in.user.store_id;
    let mut errors = Errors::default();
    match parse_hosts(&lines(&form.domains), &lines(&form.widget_origins)) {
        Ok(hosts) => match state.store.set_store_hosts(store, &hosts).await {
            Ok(_) => return see_other("/admin/settings/domains?saved=1"),
            Err(StoreError::Conflict(detail)) => errors.add("domains", detail),
            Err(e) => return failed(&tr, &e),
        },
        Err(more) => errors.extend(more),
    }
    render(
        &state,
        tr,
        signed_in,
        StatusCode::UNPROCESSABLE_ENTITY,
        form.domains,
        form.widget_origins,
        errors,
        String::new(),
    )
    .await
}

/// `scheme://host[:port]` of an absolute URL (the URL itself when it has no path).
fn origin_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            format!("{scheme}://{authority}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn the_origin_is_the_scheme_host_and_port() {
        assert_eq!(
            origin_of("https://track.example.com"),
            "https://track.example.com"
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080/wismo"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(origin_of("https://t.example?x#y"), "https://t.example");
    }
}
