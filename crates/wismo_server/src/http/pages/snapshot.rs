//! Stored pages: a repeat view of a tracking page is the page as it was rendered the last
//! time, for as long as nothing it shows has changed (docs/ARCHITECTURE.md, "Page
//! snapshots").
//!
//! A view reads the link's [`PageKey`] in one indexed statement: the parcel, its store, the
//! revisions of the order and the store, what choosing the language and checking expiry
//! take, and the pages this build stored at those revisions. It chooses the language as a
//! full render would and serves that language's page, if there is one. A full render
//! gzips its page once: it goes out compressed to every client that accepts gzip (all
//! browsers), and is offered to [`Snapshots`], which keeps pages in batches in the
//! background. A stored page goes out as it is kept to clients that accept gzip and is
//! inflated for the rest. Pages with a request's confirmation (`?sent=`) and the JSON view
//! are always rendered; expired links fall through to the full render, which says so.
//! With [`Snapshots::disabled`] nothing is stored or served from the store: every view
//! renders.

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use std::io::{Read, Write};
use std::sync::{Arc, LazyLock};
use tokio::sync::mpsc;
use wismo_domain::ShipmentToken;
use wismo_store::{PageKey, PageSnapshot, Store};

use super::PageState;
use super::lang;

/// What a page is rendered with: a hash of the crate's version, its templates and static
/// files, the texts, and the sources of the server, the domain and the store, computed by
/// `build.rs` when the binary is built. A new build's pages replace the old build's on
/// their next view.
pub static BUILD: LazyLock<String> = LazyLock::new(|| env!("WISMO_PAGE_BUILD").to_owned());

/// How long a stored page serves at most: a page says which day a parcel arrives, and
/// whether that day passed, so a page rendered yesterday must not answer today. Pages are
/// kept under the build and the quarter of the day (UTC) they were rendered in, so a day
/// that ended shows within six hours.
const PAGE_HOURS: i64 = 6;

/// The key stored pages are kept and found under: [`BUILD`] and the six hours `now` is in.
pub fn build_key(now: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "{}@{}",
        *BUILD,
        now.timestamp().div_euclid(PAGE_HOURS * 3600)
    )
}

/// Rendered pages waiting to be stored. Offering never waits: when the queue is full (the
/// database is slower than the pages rendered), a page is simply not kept this time.
#[derive(Clone)]
pub struct Snapshots {
    /// `None` when pages are not stored.
    queue: Option<mpsc::Sender<PageSnapshot>>,
}

/// Pages stored in one write, at most.
const BATCH: usize = 256;

impl Snapshots {
    /// Stores offered pages through `store` from a background task of the current runtime.
    pub fn spawn(store: Arc<dyn Store>) -> Self {
        let (queue, mut offered) = mpsc::channel::<PageSnapshot>(4 * BATCH);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(BATCH);
            while offered.recv_many(&mut batch, BATCH).await > 0 {
                if let Err(error) = store.save_page_snapshots(&batch).await {
                    tracing::warn!(%error, pages = batch.len(), "could not keep rendered pages");
                }
                batch.clear();
            }
        });
        Self { queue: Some(queue) }
    }

    /// No page is stored, and none is served from the store: every view renders.
    pub fn disabled() -> Self {
        Self { queue: None }
    }

    /// Whether pages are stored and served from the store.
    pub fn enabled(&self) -> bool {
        self.queue.is_some()
    }

    fn offer(&self, snapshot: PageSnapshot) {
        if let Some(queue) = &self.queue {
            // A full queue keeps nothing this time; the page is rendered again next view.
            let _ = queue.try_send(snapshot);
        }
    }
}

/// The stored page for this view, if there is a current one; `None` means render it.
pub(super) async fn stored(
    state: &PageState,
    token: &ShipmentToken,
    lang_query: Option<&str>,
    headers: &HeaderMap,
) -> Option<Response> {
    if !state.snapshots.enabled() {
        return None;
    }
    let host = super::custom_host(state, headers);
    let key = match state
        .store
        .page_key(token, &build_key(state.clock.now()), host.as_deref())
        .await
    {
        Ok(Some(key)) => key,
        // Unknown links and failures are the full render's to answer.
        Ok(None) | Err(_) => return None,
    };
    // On a store's own domain, only that store's parcels.
    if key.host_store.is_some_and(|owner| owner != key.store) {
        return Some(super::not_found());
    }
    if expired(&key, state.clock.now()) {
        return None;
    }
    let lang = page_lang(state, &key, lang_query, headers);
    let page = key.pages.into_iter().find(|p| p.lang == lang.as_str())?;
    if accepts_gzip(headers) {
        return Some(gzipped(page.body));
    }
    let mut body = String::new();
    match GzDecoder::new(page.body.as_slice()).read_to_string(&mut body) {
        Ok(_) => Some(html(body)),
        Err(error) => {
            tracing::warn!(%error, "a stored page does not inflate; rendering it");
            None
        }
    }
}

/// The language a view of `key`'s link gets, as a full render chooses it.
fn page_lang(
    state: &PageState,
    key: &PageKey,
    lang_query: Option<&str>,
    headers: &HeaderMap,
) -> wismo_domain::Locale {
    lang::choose(
        &state.texts,
        lang_query,
        key.customer_locale.as_ref(),
        headers,
        &key.default_locale,
    )
}

/// Whether the page a first view of the link would get (the customer's language, else the
/// store's, on wismo's own address) is stored and current now.
pub(super) async fn first_view_is_stored(
    state: &PageState,
    token: &ShipmentToken,
) -> Result<bool, wismo_store::StoreError> {
    let now = state.clock.now();
    let Some(key) = state.store.page_key(token, &build_key(now), None).await? else {
        return Ok(false);
    };
    if expired(&key, now) {
        return Ok(false);
    }
    let lang = page_lang(state, &key, None, &HeaderMap::new());
    Ok(key.page(lang.as_str()).is_some())
}

/// Where a page just rendered is kept: its parcel, language and the revision of the view
/// it was rendered from.
pub(super) struct Keep<'a> {
    pub shipment: wismo_domain::ShipmentId,
    pub lang: &'a str,
    pub revision: wismo_store::PageRevision,
}

/// A page rendered ahead of its view, compressed as it is kept.
pub(super) fn to_keep(
    state: &PageState,
    keep: Keep<'_>,
    page: &str,
) -> std::io::Result<PageSnapshot> {
    Ok(PageSnapshot {
        shipment: keep.shipment,
        lang: keep.lang.to_owned(),
        revision: keep.revision,
        build: build_key(state.clock.now()),
        body: gzip(page.as_bytes())?,
    })
}

/// The response to a page just rendered: gzip-compressed for clients that take it, plain
/// for the rest; the compressed page is offered for keeping when `keep` says where.
pub(super) fn rendered(
    state: &PageState,
    headers: &HeaderMap,
    page: String,
    keep: Option<Keep<'_>>,
) -> Response {
    let compressed = match gzip(page.as_bytes()) {
        Ok(body) => body,
        Err(error) => {
            tracing::warn!(%error, "could not compress a page");
            return html(page);
        }
    };
    if let Some(keep) = keep.filter(|_| state.snapshots.enabled()) {
        state.snapshots.offer(PageSnapshot {
            shipment: keep.shipment,
            lang: keep.lang.to_owned(),
            revision: keep.revision,
            build: build_key(state.clock.now()),
            body: compressed.clone(),
        });
    }
    if accepts_gzip(headers) {
        gzipped(compressed)
    } else {
        html(page)
    }
}

/// A page's response: its HTML with the public pages' headers.
fn html(body: impl Into<axum::body::Body>) -> Response {
    (
        super::page_headers(),
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::VARY, HeaderValue::from_static("accept-encoding")),
        ],
        body.into(),
    )
        .into_response()
}

/// A page's response from its gzip-compressed HTML.
fn gzipped(body: Vec<u8>) -> Response {
    let mut response = html(body);
    response
        .headers_mut()
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    response
}

/// gzip at its fastest level: it runs on every render, and the page still shrinks to
/// under half its size (the default level saves a few hundred bytes more at several times
/// the cost).
pub(super) fn gzip(html: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(html.len() / 2), Compression::fast());
    encoder.write_all(html)?;
    encoder.finish()
}

/// Whether `Accept-Encoding` takes gzip (`gzip` or `*`, without `q=0`).
pub(super) fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

/// [`super::tracking::link_expired`] from a page key.
fn expired(key: &PageKey, now: chrono::DateTime<chrono::Utc>) -> bool {
    super::tracking::expired_after(key.link_expiry_days, key.stage, key.delivered_at, now)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        headers
    }

    #[test]
    fn gzip_is_taken_when_the_client_says_so() {
        assert!(accepts_gzip(&accept("gzip, deflate, br, zstd")));
        assert!(accepts_gzip(&accept("br;q=1.0, GZIP;q=0.5")));
        assert!(accepts_gzip(&accept("*")));
        assert!(!accepts_gzip(&accept("gzip;q=0, br")));
        assert!(!accepts_gzip(&accept("identity")));
        assert!(!accepts_gzip(&accept("x-gzip-ish")));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn a_page_inflates_to_what_was_kept() {
        let html = "<!doctype html><p>Out for delivery</p>".repeat(50);
        let kept = gzip(html.as_bytes()).unwrap();
        assert!(
            kept.len() < html.len() / 4,
            "{} of {}",
            kept.len(),
            html.len()
        );
        let mut back = String::new();
        GzDecoder::new(kept.as_slice())
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, html);
    }
}
