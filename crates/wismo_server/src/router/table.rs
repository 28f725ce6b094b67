//! The route table's machinery: who may call a route ([`Access`]), its method ([`Verb`]),
//! and the [`Table`] that collects the lines of `router::table` and builds routers from them.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::middleware;
use axum::routing::{MethodFilter, MethodRouter, on};

use crate::http::audit;
use crate::state::AppState;

/// Who may call a route, and so where its store comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    /// Anyone. The store comes from the path's `{store}`, the request's host (a store's own
    /// domain) or a private token; nothing of a store is shown without one of them.
    Public,
    /// Whoever signs the body with the store's secret: carriers' aggregators and store
    /// platforms posting to `/{kind}/{provider}/{store}`.
    Signed,
    /// A store's API key (`Authorization: Bearer`), under `/api/v1`; POSTs honour
    /// `Idempotency-Key`; the body is at most [`MAX_BODY_BYTES`](crate::http::MAX_BODY_BYTES).
    ApiKey,
    /// A store's API key with a large body the handler reads itself (CSV imports), under
    /// `/api/v1`, without the idempotency layer.
    ApiUpload,
    /// The admin's sign-in, sign-out and set-up pages, under `/admin`: no session needed.
    AdminSignIn,
    /// A signed-in admin user of one store (session cookie), under `/admin`.
    Admin,
    /// Liveness, on every listener.
    Health,
    /// Readiness and metrics: on the ops listener when one is configured, else here.
    Ops,
}

impl Access {
    /// The path prefix the routes of this kind are nested under.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::ApiKey | Self::ApiUpload => "/api/v1",
            Self::AdminSignIn | Self::Admin => "/admin",
            Self::Public | Self::Signed | Self::Health | Self::Ops => "",
        }
    }

    /// Whether a caller of this kind acts for one store by its credentials (an API key or an
    /// admin session): the routes the isolation matrix must cover.
    pub fn acts_for_a_store(self) -> bool {
        matches!(self, Self::ApiKey | Self::ApiUpload | Self::Admin)
    }
}

/// The HTTP methods wismo routes (a GET route answers HEAD too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Options,
}

impl Verb {
    pub const ALL: [Verb; 6] = [
        Self::Get,
        Self::Post,
        Self::Put,
        Self::Patch,
        Self::Delete,
        Self::Options,
    ];

    pub fn method(self) -> axum::http::Method {
        use axum::http::Method;
        match self {
            Self::Get => Method::GET,
            Self::Post => Method::POST,
            Self::Put => Method::PUT,
            Self::Patch => Method::PATCH,
            Self::Delete => Method::DELETE,
            Self::Options => Method::OPTIONS,
        }
    }

    fn filter(self) -> MethodFilter {
        match self {
            Self::Get => MethodFilter::GET,
            Self::Post => MethodFilter::POST,
            Self::Put => MethodFilter::PUT,
            Self::Patch => MethodFilter::PATCH,
            Self::Delete => MethodFilter::DELETE,
            Self::Options => MethodFilter::OPTIONS,
        }
    }
}

/// One line of the route table, as the tests read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub access: Access,
    pub verb: Verb,
    /// Whether a call that went through is kept in the store's audit log.
    pub audited: bool,
    /// The whole path template, prefix included (`/api/v1/orders/{id}`).
    pub path: String,
}

/// The route table: each line a method, a path, who may call it and its handler.
pub struct Table {
    lines: Vec<Line>,
}

struct Line {
    access: Access,
    verb: Verb,
    path: &'static str,
    handler: MethodRouter<AppState>,
    /// Whether a call that went through is kept in the store's audit log.
    audited: bool,
}

impl Table {
    pub(super) fn new() -> Self {
        Self { lines: Vec::new() }
    }

    /// Routes `verb path` (under `access`'s prefix) to `handler`.
    pub(super) fn add<H, T>(&mut self, access: Access, verb: Verb, path: &'static str, handler: H)
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.push(access, verb, path, on(verb.filter(), handler));
    }

    /// [`Table::add`] with its own body limit, in bytes.
    pub(super) fn add_limited<H, T>(
        &mut self,
        access: Access,
        verb: Verb,
        path: &'static str,
        handler: H,
        limit: usize,
    ) where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let handler = on(verb.filter(), handler).layer(DefaultBodyLimit::max(limit));
        self.push(access, verb, path, handler);
    }

    fn push(
        &mut self,
        access: Access,
        verb: Verb,
        path: &'static str,
        handler: MethodRouter<AppState>,
    ) {
        // A change someone makes with a store's credentials is audited, unless the line
        // says it is a feed's traffic ([`Table::not_audited`]).
        let audited = access.acts_for_a_store() && verb != Verb::Get;
        self.lines.push(Line {
            access,
            verb,
            path,
            handler,
            audited,
        });
    }

    /// The line just added is integrations' everyday traffic (orders, parcels and scans
    /// arriving by the API), recorded in its own tables, not someone's change to audit.
    pub(super) fn not_audited(&mut self) {
        if let Some(line) = self.lines.last_mut() {
            line.audited = false;
        }
    }

    /// The routes of the given kinds, paths relative to their prefix; audited lines are
    /// wrapped in the audit log's recorder.
    pub(super) fn group(&self, kinds: &[Access], state: &AppState) -> Router<AppState> {
        self.lines
            .iter()
            .filter(|line| kinds.contains(&line.access))
            .fold(Router::new(), |router, line| {
                let handler = if line.audited {
                    line.handler.clone().layer(middleware::from_fn_with_state(
                        state.clone(),
                        audit::record_changes,
                    ))
                } else {
                    line.handler.clone()
                };
                router.route(line.path, handler)
            })
    }

    /// Every line, with whole paths.
    pub fn routes(&self) -> Vec<RouteInfo> {
        self.lines
            .iter()
            .map(|line| RouteInfo {
                access: line.access,
                verb: line.verb,
                audited: line.audited,
                path: whole_path(line.access.prefix(), line.path),
            })
            .collect()
    }
}

/// `prefix` + `path`, as axum names a nested route (`/admin` + `/` is `/admin`).
fn whole_path(prefix: &str, path: &str) -> String {
    if path == "/" && !prefix.is_empty() {
        prefix.to_owned()
    } else {
        format!("{prefix}{path}")
    }
}
