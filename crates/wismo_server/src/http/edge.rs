//! What every request passes before its handler: a method wismo knows, one `Host` header,
//! a body that keeps arriving. And the bounded names under which a request may appear in
//! logs and metrics: nothing a client writes reaches either as it wrote it.

use axum::body::{Body, HttpBody as _};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use http_body_util::BodyExt as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tower_http::timeout::{TimeoutBody, TimeoutError};

use super::pages::page_headers;
use super::problem::ApiError;

/// A request's method as a log field or metric label: the standard methods by name, any
/// other as `other`, so a client cannot grow either with methods of its own making.
pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::TRACE => "TRACE",
        Method::CONNECT => "CONNECT",
        _ => "other",
    }
}

/// The longest method name passed on to the routes, which answer any method they do not
/// serve 405 with the methods they do (`QUERY`, `PROPFIND`); no registered method is longer.
pub const MAX_METHOD_LEN: usize = 16;

/// Refuses, before any handler, a method name longer than any real one (501, as RFC 9110
/// asks for a method the server does not recognise) and a request with more than one `Host`
/// header (400): either could otherwise be read two ways.
pub async fn screen(req: Request, next: Next) -> Response {
    let api = is_api(&req);
    if method_label(req.method()) == "other" && req.method().as_str().len() > MAX_METHOD_LEN {
        return refuse(
            StatusCode::NOT_IMPLEMENTED,
            api,
            "wismo serves GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS only",
        );
    }
    if req.headers().get_all(header::HOST).iter().nth(1).is_some() {
        return refuse(
            StatusCode::BAD_REQUEST,
            api,
            "the request has more than one Host header",
        );
    }
    next.run(req).await
}

/// Answers 408 (and closes the connection) when the request's body stalls for `timeout`
/// between two reads, whatever the handler made of the failed read.
pub async fn stalled_bodies(State(timeout): State<Duration>, req: Request, next: Next) -> Response {
    if req.body().is_end_stream() {
        return next.run(req).await;
    }
    let api = is_api(&req);
    let stalled = Arc::new(AtomicBool::new(false));
    let seen = stalled.clone();
    let req = req.map(|body| {
        Body::new(TimeoutBody::new(timeout, body).map_err(move |e| {
            if e.is::<TimeoutError>() {
                seen.store(true, Ordering::Relaxed);
            }
            e
        }))
    });
    let response = next.run(req).await;
    if !stalled.load(Ordering::Relaxed) {
        return response;
    }
    let mut response = refuse(
        StatusCode::REQUEST_TIMEOUT,
        api,
        "the request's body stopped arriving",
    );
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Whether the request is for the API or a JSON route of the pages (`/t/{token}.json`,
/// `/{store}/track.json`), which answer problems, not pages.
fn is_api(req: &Request) -> bool {
    let path = req.uri().path();
    path.starts_with("/api/") || path.ends_with(".json")
}

/// A refusal: a problem body on the API and the JSON routes, a short page elsewhere.
fn refuse(status: StatusCode, api: bool, detail: &'static str) -> Response {
    if api {
        return match status {
            StatusCode::NOT_IMPLEMENTED => ApiError::not_implemented(detail),
            StatusCode::REQUEST_TIMEOUT => ApiError::request_timeout(detail),
            _ => ApiError::bad_request(detail),
        }
        .into_response();
    }
    let title = status.canonical_reason().unwrap_or("Refused");
    let page = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         </head><body><h1>{title}</h1><p>{detail}.</p></body></html>\n"
    );
    (status, page_headers(), Html(page)).into_response()
}
