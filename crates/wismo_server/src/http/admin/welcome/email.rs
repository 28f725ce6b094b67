//! `/admin/welcome/email`, the guide's last step: whether the server can send email (the
//! operator's relay and From address, which are server settings shown here and never
//! edited per store; the relay's host only, never its credentials), and a test email to the
//! signed-in user's own address, queued through the job runner ([`SendTestEmail`]).
//!
//! The page then says where the test is as the job queue knows it: queued, being sent,
//! being retried after an error, accepted by the relay, or failed and why. A user may ask
//! for one test a minute (`AdminParts::test_email_per_user`); past that, 429.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::JobId;
use wismo_domain::admin::User;
use wismo_store::StoreError;
use wismo_store::{Job, JobState};

use super::Progress;
use crate::http::admin::connect::time;
use crate::http::admin::{AdminState, SignedIn, Tr, csrf_refused, failed, page, see_other};
use crate::jobs::{BackgroundJob as _, SendTestEmail};
use crate::mail::SmtpUrl;

/// The longest error of a failed test the page repeats.
const MAX_ERROR_CHARS: usize = 300;

/// The server's relay as the page shows it: where, never with what credentials.
pub struct Relay {
    pub host: String,
    pub from: String,
}

/// Where a test email is, as the job queue knows it.
pub enum TestState {
    /// Waiting for a runner.
    Queued,
    /// Being handed to the relay.
    Sending,
    /// An attempt failed; it is tried again.
    Retrying { error: String },
    /// The relay accepted it at this time.
    Sent { at: String },
    /// Given up, with the last error.
    Failed { error: String },
    /// No record of it any more (finished jobs are removed after a while), or not this
    /// user's.
    Unknown,
}

/// A test as the page says it.
pub struct TestView {
    pub id: i64,
    pub message: String,
    /// `done`, `error`, `warn` or empty.
    pub class: &'static str,
    /// The relay's or the runner's last error, when it failed.
    pub detail: String,
    /// Whether it may still change (the page offers to look again).
    pub pending: bool,
}

impl TestView {
    fn new(tr: &Tr, id: i64, state: TestState) -> Self {
        let (message, class, detail, pending) = match state {
            TestState::Queued => (tr.t("admin-welcome-test-queued"), "", String::new(), true),
            TestState::Sending => (tr.t("admin-welcome-test-sending"), "", String::new(), true),
            TestState::Retrying { error } => {
                (tr.t("admin-welcome-test-retrying"), "warn", error, true)
            }
            TestState::Sent { at } => (
                tr.with("admin-welcome-test-sent", &[("when", &at)]),
                "done",
                String::new(),
                false,
            ),
            TestState::Failed { error } => {
                (tr.t("admin-welcome-test-failed"), "error", error, false)
            }
            TestState::Unknown => (tr.t("admin-welcome-test-unknown"), "", String::new(), false),
        };
        Self {
            id,
            message,
            class,
            detail,
            pending,
        }
    }
}

#[derive(Template)]
#[template(path = "admin/welcome_email.html")]
pub struct EmailStepPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub progress: Progress,
    /// `None` when the operator configured no relay.
    pub relay: Option<Relay>,
    /// The test asked for, and where it is.
    pub test: Option<TestView>,
    pub error: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Asked {
    test: Option<i64>,
}

/// The relay of the server's settings, if any.
fn relay(state: &AdminState) -> Option<Relay> {
    let url = state.config.email.smtp_url.as_ref()?;
    let host = SmtpUrl::parse(url.expose()).map(|u| u.host).ok()?;
    Some(Relay {
        host,
        from: state.config.email.from.clone().unwrap_or_default(),
    })
}

fn one_line(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_ERROR_CHARS)
        .collect()
}

/// Where `job` is, when it is a test `signed_in` asked for.
fn test_state(job: &Job, signed_in: &SignedIn) -> TestState {
    let mine = job.name == SendTestEmail::JOB_NAME
        && serde_json::from_value::<SendTestEmail>(job.payload.clone())
            .is_ok_and(|t| t.is_for(signed_in.user.store_id, signed_in.user.id));
    if !mine {
        return TestState::Unknown;
    }
    let error = one_line(job.last_error.as_deref().unwrap_or_default());
    match job.state {
        JobState::Queued if job.attempts > 0 => TestState::Retrying { error },
        JobState::Queued => TestState::Queued,
        JobState::Running => TestState::Sending,
        JobState::Done => TestState::Sent {
            at: time(job.finished_at.unwrap_or(job.run_at)),
        },
        JobState::Dead => TestState::Failed { error },
    }
}

/// `GET /admin/welcome/email` (`?test=` a test asked for, to see where it is).
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(asked): Query<Asked>,
) -> Response {
    let test = match asked.test {
        None => None,
        Some(id) => match state.store.get_job(JobId(id)).await {
            Ok(job) => Some(TestView::new(&tr, id, test_state(&job, &signed_in))),
            Err(StoreError::NotFound(_)) => Some(TestView::new(&tr, id, TestState::Unknown)),
            Err(e) => return failed(&tr, &e),
        },
    };
    render(&state, tr, signed_in, StatusCode::OK, test, String::new())
}

fn render(
    state: &AdminState,
    tr: Tr,
    signed_in: SignedIn,
    status: StatusCode,
    test: Option<TestView>,
    error: String,
) -> Response {
    page(
        status,
        &EmailStepPage {
            progress: Progress::at(&tr, "email"),
            relay: relay(state),
            test,
            error,
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        },
    )
}

/// The test form: its token only.
#[derive(Debug, Deserialize)]
pub struct TestForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /admin/welcome/email/test`: queues a test email to the signed-in user's own
/// address, in the language of their browser, then 303 to the step showing where it is.
/// Without a relay nothing is queued (409, the page says why); past one a minute, 429.
pub async fn send_test(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    form: Result<Form<TestForm>, FormRejection>,
) -> Response {
    match form {
        Ok(Form(form)) if signed_in.csrf_ok(&form.csrf) => {}
        _ => return csrf_refused(&tr),
    }
    if relay(&state).is_none() {
        let error = tr.t("admin-welcome-email-no-relay-test");
        return render(&state, tr, signed_in, StatusCode::CONFLICT, None, error);
    }
    if let Err(wait) = state
        .test_email_per_user
        .check(&signed_in.user.id.0.to_string())
    {
        let seconds = wait.as_secs().max(1).to_string();
        let error = tr.with("admin-welcome-email-wait", &[("seconds", &seconds)]);
        let mut response = render(
            &state,
            tr,
            signed_in,
            StatusCode::TOO_MANY_REQUESTS,
            None,
            error,
        );
        if let Ok(value) = HeaderValue::from_str(&seconds) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    let job = SendTestEmail::new(signed_in.user.store_id, signed_in.user.id, tr.locale());
    match job
        .enqueue(state.store.as_ref(), state.clock.as_ref())
        .await
    {
        Ok(Some(id)) => {
            tracing::info!(job = id.0, "test email queued from the setup guide");
            see_other(&format!("/admin/welcome/email?test={}", id.0))
        }
        Ok(None) => see_other("/admin/welcome/email"),
        Err(e) => failed(&tr, e.as_ref()),
    }
}
