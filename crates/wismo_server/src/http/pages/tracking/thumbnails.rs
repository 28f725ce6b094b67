//! Which of an order's item pictures the page shows a thumbnail of, and the catch-up of
//! orders written before thumbnails were kept.

use wismo_store::TrackingView;

use super::PageState;

/// The order's item pictures wismo keeps a thumbnail of (their keys).
pub(in crate::http::pages) type Thumbnails = std::collections::HashSet<String>;

/// Which of the order's item pictures have a thumbnail kept. Read after the view, so a
/// thumbnail kept since is either shown or has made the view's revision stale.
///
/// An order written before thumbnails were kept (migration 0023) names pictures the store
/// never wanted: their fetch is queued now, a few at a time, once each (a failed fetch is
/// recorded on its row and not queued again). The page renders whatever comes of that.
pub(in crate::http::pages) async fn thumbnails(
    state: &PageState,
    view: &TrackingView,
) -> Result<Thumbnails, wismo_store::StoreError> {
    let store = view.store.id;
    let keyed: Vec<(String, &wismo_domain::LineItem)> = view
        .order
        .items
        .iter()
        .filter_map(|item| {
            let url = item.image_url.as_deref()?;
            Some((wismo_store::item_image_key(store, url), item))
        })
        .collect();
    if keyed.is_empty() {
        return Ok(Thumbnails::new());
    }
    let mut keys: Vec<String> = keyed.iter().map(|(key, _)| key.clone()).collect();
    keys.sort_unstable();
    keys.dedup();
    let known = state.store.known_item_images(store, &keys).await?;
    if known.len() < keys.len() {
        let missed: Vec<wismo_domain::LineItem> = keyed
            .iter()
            .filter(|(key, _)| !known.iter().any(|(k, _)| k == key))
            .map(|(_, item)| (*item).clone())
            .collect();
        match state.store.want_missed_item_images(store, &missed).await {
            Ok(0) => {}
            Ok(queued) => {
                tracing::info!(
                    store = store.0,
                    queued,
                    "queued the thumbnails an older order missed"
                );
            }
            // The page shows the items without them; the next view tries again.
            Err(e) => tracing::warn!(store = store.0, error = %e, "cannot queue missed thumbnails"),
        }
    }
    Ok(known
        .into_iter()
        .filter_map(|(key, kept)| kept.then_some(key))
        .collect())
}
