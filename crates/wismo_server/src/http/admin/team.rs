//! `/admin/team`: the store's users, for its owners only. An owner invites a teammate by
//! email (a user without a password, sent a set-password link good for 7 days), sends an
//! invitation again to someone not set up yet, and removes a user (their sessions end with
//! them), and changes a teammate's role. Another store's user is 404; nobody removes
//! themselves or changes their own role (so a store always keeps an owner).

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::Email;
use wismo_domain::admin::{LinkPurpose, Role, User, UserId};
use wismo_store::StoreError;
use wismo_store::admin::NewUser;

use super::{AdminState, SignedIn, Tr, csrf_refused, links, page, refuse_unless_owner, see_other};
use crate::jobs::{BackgroundJob as _, SendAccountLink};

/// How long an invitation's link stays good.
pub const INVITATION_LIFETIME: chrono::Duration = chrono::Duration::days(7);

#[derive(Template)]
#[template(path = "admin/team.html")]
pub struct TeamPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub users: Vec<User>,
    /// The store's slug, for the commands the page shows.
    pub slug: String,
    /// Whether this server can send email (invitations need it).
    pub relay: bool,
    /// The message id of what was just done.
    pub done: Option<&'static str>,
    /// The message id of what is wrong with the invitation.
    pub error: Option<&'static str>,
    pub typed_email: String,
    pub typed_role: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    #[serde(default)]
    done: String,
}

/// `GET /admin/team`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(done): Query<Done>,
) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let done = match done.done.as_str() {
        "invited" => Some("admin-team-invited"),
        "resent" => Some("admin-team-resent"),
        "removed" => Some("admin-team-removed"),
        "role" => Some("admin-team-role-changed"),
        _ => None,
    };
    render(&state, tr, signed_in, StatusCode::OK, done, None, None).await
}

async fn render(
    state: &AdminState,
    tr: Tr,
    signed_in: SignedIn,
    status: StatusCode,
    done: Option<&'static str>,
    error: Option<&'static str>,
    typed: Option<&InviteForm>,
) -> Response {
    let store = signed_in.user.store_id;
    match tokio::try_join!(state.store.list_users(store), state.store.get_store(store)) {
        Ok((users, tenant)) => page(
            status,
            &TeamPage {
                tr,
                user: Some(signed_in.user),
                csrf: signed_in.csrf,
                users,
                slug: tenant.slug.to_string(),
                relay: state.config.email.smtp_url.is_some(),
                done,
                error,
                typed_email: typed.map(|f| f.email.clone()).unwrap_or_default(),
                typed_role: typed.map_or_else(|| "staff".to_owned(), |f| f.role.clone()),
            },
        ),
        Err(e) => super::failed(&tr, &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /admin/team/invite`
pub async fn invite(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    form: Result<Form<InviteForm>, FormRejection>,
) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let Ok(Form(form)) = form else {
        return csrf_refused(&tr);
    };
    if !signed_in.csrf_ok(&form.csrf) {
        return csrf_refused(&tr);
    }
    let again = |status, error| {
        render(
            &state,
            tr.clone(),
            signed_in.clone(),
            status,
            None,
            Some(error),
            Some(&form),
        )
    };
    if state.config.email.smtp_url.is_none() {
        return again(StatusCode::CONFLICT, "admin-team-no-relay").await;
    }
    let Ok(email) = Email::parse(form.email.trim()) else {
        return again(StatusCode::UNPROCESSABLE_ENTITY, "admin-team-bad-email").await;
    };
    let Ok(role) = Role::parse(&form.role) else {
        return again(StatusCode::UNPROCESSABLE_ENTITY, "admin-team-bad-role").await;
    };
    let created = state
        .store
        .create_user(&NewUser {
            store_id: signed_in.user.store_id,
            email,
            role,
            password_hash: None,
        })
        .await;
    let user = match created {
        Ok(user) => user,
        Err(StoreError::Conflict(_)) => {
            return again(StatusCode::CONFLICT, "admin-team-email-taken").await;
        }
        Err(e) => return super::failed(&tr, &e),
    };
    tracing::info!(user = user.id.0, "user invited from the admin");
    match send_invitation(&state, &tr, &signed_in, user.id).await {
        Ok(()) => see_other("/admin/team?done=invited"),
        Err(e) => super::failed(&tr, e.as_ref()),
    }
}

/// A new invitation link for `user`, emailed by a job.
async fn send_invitation(
    state: &AdminState,
    tr: &Tr,
    signed_in: &SignedIn,
    user: UserId,
) -> anyhow::Result<()> {
    let token = links::issue(
        state.store.as_ref(),
        state.clock.as_ref(),
        LinkPurpose::SetPassword,
        Some(user),
        None,
        INVITATION_LIFETIME,
    )
    .await?;
    SendAccountLink::new(
        &state.secrets,
        signed_in.user.store_id,
        user,
        &token,
        tr.locale(),
        Some(signed_in.user.email.to_string()),
    )?
    .enqueue(state.store.as_ref(), state.clock.as_ref())
    .await?;
    Ok(())
}

/// A signed-in form with only its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// The store's user `id`, for an owner whose form's token holds; else the page to answer.
async fn teammate(
    state: &AdminState,
    tr: &Tr,
    signed_in: &SignedIn,
    id: i64,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Result<User, Response> {
    if let Some(refused) = refuse_unless_owner(tr, signed_in) {
        return Err(refused);
    }
    let Ok(Form(form)) = form else {
        return Err(csrf_refused(tr));
    };
    if !signed_in.csrf_ok(&form.csrf) {
        return Err(csrf_refused(tr));
    }
    match state.store.list_users(signed_in.user.store_id).await {
        Ok(users) => users
            .into_iter()
            .find(|u| u.id.0 == id)
            .ok_or_else(|| super::not_found(tr)),
        Err(e) => Err(super::failed(tr, &e)),
    }
}

/// `POST /admin/team/{id}/resend`: a new invitation to someone not set up yet.
pub async fn resend(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let user = match teammate(&state, &tr, &signed_in, id, form).await {
        Ok(user) => user,
        Err(answer) => return answer,
    };
    if user.has_password {
        return render(
            &state,
            tr,
            signed_in,
            StatusCode::CONFLICT,
            None,
            Some("admin-team-already-set-up"),
            None,
        )
        .await;
    }
    if state.config.email.smtp_url.is_none() {
        return render(
            &state,
            tr,
            signed_in,
            StatusCode::CONFLICT,
            None,
            Some("admin-team-no-relay"),
            None,
        )
        .await;
    }
    match send_invitation(&state, &tr, &signed_in, user.id).await {
        Ok(()) => see_other("/admin/team?done=resent"),
        Err(e) => super::failed(&tr, e.as_ref()),
    }
}

/// `POST /admin/team/{id}/remove`: deletes the user, ending their sessions.
pub async fn remove(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let user = match teammate(&state, &tr, &signed_in, id, form).await {
        Ok(user) => user,
        Err(answer) => return answer,
    };
    if user.id == signed_in.user.id {
        return render(
            &state,
            tr,
            signed_in,
            StatusCode::CONFLICT,
            None,
            Some("admin-team-not-yourself"),
            None,
        )
        .await;
    }
    let store = signed_in.user.store_id;
    let removed = async {
        state.store.end_user_sessions(user.id).await?;
        state.store.delete_user(store, user.id).await
    };
    match removed.await {
        Ok(()) => {
            tracing::info!(user = user.id.0, "user removed from the admin");
            see_other("/admin/team?done=removed")
        }
        Err(StoreError::NotFound(_)) => super::not_found(&tr),
        Err(e) => super::failed(&tr, &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /admin/team/{id}/role`: makes a teammate an owner or staff, from their next page
/// on (a session reads its user's role on every request).
pub async fn change_role(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<RoleForm>, FormRejection>,
) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let Ok(Form(form)) = form else {
        return csrf_refused(&tr);
    };
    if !signed_in.csrf_ok(&form.csrf) {
        return csrf_refused(&tr);
    }
    let store = signed_in.user.store_id;
    match state.store.list_users(store).await {
        Ok(users) if users.iter().any(|u| u.id.0 == id) => {}
        Ok(_) => return super::not_found(&tr),
        Err(e) => return super::failed(&tr, &e),
    }
    if id == signed_in.user.id.0 {
        return render(
            &state,
            tr,
            signed_in,
            StatusCode::CONFLICT,
            None,
            Some("admin-team-not-your-role"),
            None,
        )
        .await;
    }
    let Ok(role) = Role::parse(&form.role) else {
        return render(
            &state,
            tr,
            signed_in,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some("admin-team-bad-role"),
            None,
        )
        .await;
    };
    match state.store.set_user_role(store, UserId(id), role).await {
        Ok(()) => {
            tracing::info!(user = id, role = role.as_str(), "user's role changed");
            see_other("/admin/team?done=role")
        }
        Err(StoreError::NotFound(_)) => super::not_found(&tr),
        Err(e) => super::failed(&tr, &e),
    }
}
