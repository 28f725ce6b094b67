//! The demo's outbox viewer at `/_outbox` (a path no store slug can take): every email the
//! demo sent, received over real SMTP by the capture server inside the demo process, shown as
//! the customer would see it (HTML and text) with its headers; and every merchant webhook
//! the demo's own endpoint received, with its Standard Webhooks headers and body. Served by
//! `wismo demo` only.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use std::collections::VecDeque;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};

use crate::smtp_capture::{Capture, Captured};

/// Webhook deliveries kept, newest last.
const KEPT: usize = 500;

/// One webhook delivery the demo's endpoint received.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub received_at: DateTime<Utc>,
    pub id: String,
    pub timestamp: String,
    pub signature: String,
    pub body: String,
}

/// What the viewer shows.
#[derive(Debug, Clone, Default)]
pub struct Outbox {
    pub mail: Capture,
    hooks: Arc<Mutex<VecDeque<Delivery>>>,
}

/// Where the demo's webhook endpoint receives, under the demo's public URL.
pub const WEBHOOK_PATH: &str = "/_outbox/webhooks";

impl Outbox {
    pub fn new(mail: Capture) -> Self {
        Self {
            mail,
            hooks: Arc::default(),
        }
    }

    fn deliveries(&self) -> Vec<Delivery> {
        self.hooks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }
}

/// The viewer's routes.
pub fn router(outbox: Outbox) -> Router {
    Router::new()
        .route("/_outbox", get(index))
        .route("/_outbox/mail/{n}", get(message))
        .route("/_outbox/mail/{n}/html", get(message_html))
        .route(WEBHOOK_PATH, post(receive))
        .with_state(outbox)
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn page(title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"/static/wismo.css\">\
         <style>table{{border-collapse:collapse;width:100%}}td,th{{text-align:left;padding:.3em .5em;\
         border-bottom:1px solid #ddd;vertical-align:top}}pre{{white-space:pre-wrap;overflow-wrap:anywhere}}\
         iframe{{width:100%;height:70vh;border:1px solid #ccc}}main{{max-width:60rem;margin:auto;padding:1rem}}</style>\
         </head><body><main>{body}</main></body></html>",
        esc(title)
    );
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'self' 'unsafe-inline'; frame-src 'self'; img-src 'self'",
            ),
        )],
        Html(html),
    )
        .into_response()
}

async fn index(State(outbox): State<Outbox>) -> Response {
    let mut body = String::from(
        "<h1>Outbox</h1><p>What the demo sent: emails over SMTP to the capture server inside this process, and merchant webhooks to the demo's own endpoint. Newest first; reload to see new ones.</p>",
    );
    let mail = outbox.mail.messages();
    let _ = write!(body, "<h2>Emails ({})</h2>", mail.len());
    if mail.is_empty() {
        body.push_str("<p>None yet: parcels send their first emails as they move.</p>");
    } else {
        body.push_str("<table><tr><th>received</th><th>to</th><th>subject</th></tr>");
        for (n, m) in mail.iter().enumerate().rev().take(200) {
            let subject = m.header("Subject").unwrap_or_default();
            let subject = decode_header(&subject);
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td><a href=\"/_outbox/mail/{n}\">{}</a></td></tr>",
                m.received_at.format("%H:%M:%S"),
                esc(&m.to.join(", ")),
                esc(&subject)
            );
        }
        body.push_str("</table>");
    }
    let hooks = outbox.deliveries();
    let _ = write!(body, "<h2>Webhooks ({})</h2>", hooks.len());
    if hooks.is_empty() {
        body.push_str("<p>None yet.</p>");
    }
    for d in hooks.iter().rev().take(100) {
        let _ = write!(
            body,
            "<details><summary>{} · <code>{}</code></summary><table>\
             <tr><th>webhook-id</th><td><code>{}</code></td></tr>\
             <tr><th>webhook-timestamp</th><td><code>{}</code></td></tr>\
             <tr><th>webhook-signature</th><td><code>{}</code></td></tr></table><pre>{}</pre></details>",
            d.received_at.format("%H:%M:%S"),
            esc(&event_type(&d.body)),
            esc(&d.id),
            esc(&d.timestamp),
            esc(&d.signature),
            esc(&pretty(&d.body))
        );
    }
    page("Outbox", &body)
}

fn event_type(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v["type"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn pretty(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| body.to_owned())
}

/// A header value with RFC 2047 words decoded, as a mail app shows it.
fn decode_header(value: &str) -> String {
    let raw = format!("Subject: {value}\r\n\r\n");
    mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .and_then(|m| m.subject().map(str::to_owned))
        .unwrap_or_else(|| value.to_owned())
}

fn find(outbox: &Outbox, n: usize) -> Option<Captured> {
    outbox.mail.messages().into_iter().nth(n)
}

const SHOWN_HEADERS: [&str; 12] = [
    "From",
    "To",
    "Reply-To",
    "Subject",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "References",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "Content-Language",
    "Content-Type",
];

async fn message(State(outbox): State<Outbox>, Path(n): Path<usize>) -> Response {
    let Some(m) = find(&outbox, n) else {
        return (StatusCode::NOT_FOUND, "no such message").into_response();
    };
    let parsed = mail_parser::MessageParser::default().parse(&m.data);
    let text = parsed
        .as_ref()
        .and_then(|p| p.body_text(0).map(|t| t.into_owned()))
        .unwrap_or_default();
    let subject = parsed
        .as_ref()
        .and_then(|p| p.subject().map(str::to_owned))
        .unwrap_or_default();
    let mut body = format!(
        "<p><a href=\"/_outbox\">← Outbox</a></p><h1>{}</h1><table>",
        esc(&subject)
    );
    for name in SHOWN_HEADERS {
        if let Some(value) = m.header(name) {
            let value = if name == "Subject" || name == "From" {
                decode_header(&value)
            } else {
                value
            };
            let _ = write!(
                body,
                "<tr><th>{}</th><td><code>{}</code></td></tr>",
                esc(name),
                esc(&value)
            );
        }
    }
    let _ = write!(
        body,
        "</table><h2>As the customer sees it</h2>\
         <iframe sandbox src=\"/_outbox/mail/{n}/html\" title=\"The email's HTML part\"></iframe>\
         <h2>Plain-text part</h2><pre>{}</pre>",
        esc(&text)
    );
    page(&subject, &body)
}

async fn message_html(State(outbox): State<Outbox>, Path(n): Path<usize>) -> Response {
    let Some(m) = find(&outbox, n) else {
        return (StatusCode::NOT_FOUND, "no such message").into_response();
    };
    let html = mail_parser::MessageParser::default()
        .parse(&m.data)
        .and_then(|p| p.body_html(0).map(|h| h.into_owned()))
        .unwrap_or_default();
    (
        [
            // The email's own HTML, shown as a mail app would: no scripts, only its inline
            // styles and the store's logo.
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; sandbox",
                ),
            ),
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
        ],
        html,
    )
        .into_response()
}

async fn receive(State(outbox): State<Outbox>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let delivery = Delivery {
        received_at: Utc::now(),
        id: get("webhook-id"),
        timestamp: get("webhook-timestamp"),
        signature: get("webhook-signature"),
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    let mut hooks = outbox.hooks.lock().unwrap_or_else(PoisonError::into_inner);
    if hooks.len() >= KEPT {
        hooks.pop_front();
    }
    hooks.push_back(delivery);
    StatusCode::NO_CONTENT
}
