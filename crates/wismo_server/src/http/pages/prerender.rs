//! Pages rendered before anyone asks (docs/ARCHITECTURE.md, "Page snapshots"): when the
//! pipeline records news for a parcel, [`Ingest`](crate::ingest::Ingest) offers its token
//! here, and a background task renders the parcel's page in its customer's language and
//! keeps it, so the customer's next view, usually prompted by that news, is a repeat view.
//!
//! Off the request path and never in the way: offering never waits (a full queue drops
//! the parcel, whose next view renders as before), news about one parcel arriving while
//! its page waits renders it once, and pages are stored in batches, one write for many.
//! The queue lives in the process that recorded the news; a page it had not rendered yet
//! when the process stopped renders on its first view.

use std::collections::HashSet;
use std::sync::Weak;
use tokio::sync::mpsc;
use wismo_domain::ShipmentToken;

use super::{PageParts, PageState};

/// Parcels waiting at most: a few seconds of a busy pipeline's news.
const QUEUE: usize = 8192;
/// Pages rendered, and then stored in one write, at most.
const BATCH: usize = 128;

/// Where news of a parcel is offered for its page to be rendered ahead.
#[derive(Debug, Clone)]
pub struct Prerender {
    queue: mpsc::Sender<ShipmentToken>,
}

/// The other end of [`Prerender`], for [`spawn`].
#[derive(Debug)]
pub struct Offered(mpsc::Receiver<ShipmentToken>);

/// A queue of parcels whose pages are to be rendered ahead, and its other end.
pub fn channel() -> (Prerender, Offered) {
    let (queue, offered) = mpsc::channel(QUEUE);
    (Prerender { queue }, Offered(offered))
}

impl Prerender {
    /// Asks for the parcel's page to be rendered and kept; never waits.
    pub fn offer(&self, token: &ShipmentToken) {
        if self.queue.try_send(token.clone()).is_err() {
            // Full (the pipeline is ahead of the renderer) or stopped: the parcel's next
            // view renders its page, as it would without rendering ahead.
            metrics::counter!("wismo_pages_prerender_dropped_total").increment(1);
        }
    }
}

/// Renders the pages of the parcels offered through the [`Prerender`] that made `offered`
/// and keeps them, from a task of the current runtime, until every [`Prerender`] is gone
/// or `pages` is dropped. Holds `pages` weakly: the state holds the [`Prerender`] (through
/// its ingest), and the task must not keep it alive.
pub fn spawn(pages: &PageState, offered: Offered) {
    let pages = std::sync::Arc::downgrade(&pages.0);
    tokio::spawn(run(pages, offered));
}

async fn run(pages: Weak<PageParts>, Offered(mut offered): Offered) {
    let mut tokens = Vec::with_capacity(BATCH);
    while offered.recv_many(&mut tokens, BATCH).await > 0 {
        let Some(state) = pages.upgrade().map(PageState) else {
            return;
        };
        // News about one parcel while its page waited: one render shows all of it.
        let unique: HashSet<ShipmentToken> = tokens.drain(..).collect();
        let mut rendered = Vec::with_capacity(unique.len());
        for token in unique {
            match super::tracking::render_ahead(&state, &token).await {
                Ok(Some(page)) => rendered.push(page),
                Ok(None) => {}
                Err(error) => tracing::warn!(
                    error = format!("{error:#}"),
                    "could not render a page ahead; it renders on its next view"
                ),
            }
            // Rendering takes the CPU a view would: leave the views their turns.
            tokio::task::yield_now().await;
        }
        if rendered.is_empty() {
            continue;
        }
        match state.store.save_page_snapshots(&rendered).await {
            Ok(()) => {
                metrics::counter!("wismo_pages_prerendered_total").increment(rendered.len() as u64)
            }
            Err(error) => {
                tracing::warn!(%error, pages = rendered.len(), "could not keep pages rendered ahead")
            }
        }
    }
}
