//! `GET /admin/team`: the store's users, for its owners only.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use wismo_domain::admin::User;

use super::{AdminState, SignedIn, Tr, page, refuse_unless_owner};

#[derive(Template)]
#[template(path = "admin/team.html")]
pub struct TeamPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub users: Vec<User>,
    /// The store's slug, for the commands the page shows.
    pub slug: String,
}

/// `GET /admin/team`
pub async fn show(State(state): State<AdminState>, tr: Tr, signed_in: SignedIn) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let store = signed_in.user.store_id;
    match tokio::try_join!(state.store.list_users(store), state.store.get_store(store)) {
        Ok((users, tenant)) => page(
            StatusCode::OK,
            &TeamPage {
                tr,
                user: Some(signed_in.user),
                csrf: signed_in.csrf,
                users,
                slug: tenant.slug.to_string(),
            },
        ),
        Err(e) => super::failed(&tr, &e),
    }
}
