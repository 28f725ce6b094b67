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
}

/// `GET /admin/team`
pub async fn show(State(state): State<AdminState>, tr: Tr, signed_in: SignedIn) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    match state.store.list_users(signed_in.user.store_id).await {
        Ok(users) => page(
            StatusCode::OK,
            &TeamPage {
                tr,
                user: Some(signed_in.user),
                csrf: signed_in.csrf,
                users,
            },
        ),
        Err(e) => super::failed(&tr, &e),
    }
}
