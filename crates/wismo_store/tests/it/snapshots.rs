//! Page snapshots: a link's page key, and stored pages that are served only while nothing
//! they show has changed.

use chrono::Duration;
use std::sync::Arc;
use wismo_domain::{
    Branding, CarrierCode, Clock, ManualClock, ShipmentPatch, ShipmentToken, Stage, TrackingNumber,
};
use wismo_store::{PageKey, PageSnapshot, Store};

use crate::fixtures::{a_store, an_order, scan};

const BUILD: &str = "build-1";

async fn key(store: &dyn Store, token: &ShipmentToken) -> PageKey {
    store.page_key(token, BUILD, None).await.unwrap().unwrap()
}

fn snapshot(key: &PageKey, lang: &str, body: &str) -> PageSnapshot {
    PageSnapshot {
        shipment: key.shipment,
        lang: lang.into(),
        revision: key.revision,
        build: BUILD.into(),
        body: body.as_bytes().to_vec(),
    }
}

async fn stored(store: &dyn Store, token: &ShipmentToken, lang: &str) -> Option<String> {
    let key = key(store, token).await;
    key.page(lang)
        .map(|body| String::from_utf8(body.to_vec()).unwrap())
}

/// Checks the stored page is no longer served after `what`, then stores a current one.
async fn retired(store: &dyn Store, token: &ShipmentToken, what: &str) {
    assert_eq!(stored(store, token, "en").await, None, "{what}");
    let key = key(store, token).await;
    store
        .save_page_snapshots(&[snapshot(&key, "en", what)])
        .await
        .unwrap();
    assert_eq!(stored(store, token, "en").await.as_deref(), Some(what));
}

pub async fn a_page_key_says_which_parcel_and_store_and_what_choosing_needs(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 2).await;
    let shipment = &order.shipments[1];
    let key = key(&*store, &shipment.token).await;
    assert_eq!(key.shipment, shipment.id);
    assert_eq!(key.store, acme.id);
    assert_eq!(key.stage, shipment.stage);
    assert_eq!(key.delivered_at, None);
    assert_eq!(key.default_locale, acme.default_locale);
    assert_eq!(key.customer_locale, order.customer.locale);
    assert_eq!(key.link_expiry_days, None);
    assert!(key.pages.is_empty());
    assert_eq!(key.host_store, None);
    // The store a custom domain belongs to comes with the key.
    let hosts = wismo_store::StoreHosts {
        domains: vec!["track.acme.example".into()],
        widget_origins: Vec::new(),
    };
    store.set_store_hosts(acme.id, &hosts).await.unwrap();
    let on_domain = |host: &'static str| {
        let (store, token) = (store.clone(), shipment.token.clone());
        async move {
            let key = store.page_key(&token, BUILD, Some(host)).await.unwrap();
            key.unwrap().host_store
        }
    };
    assert_eq!(on_domain("track.acme.example").await, Some(acme.id));
    assert_eq!(on_domain("track.unknown.example").await, None);
    // The page key's revision is the one a view read at the same time has.
    let view = store.tracking_view(&shipment.token).await.unwrap().unwrap();
    assert_eq!(view.revision, key.revision);

    let branding = Branding {
        link_expiry_days: Some(14),
        ..Branding::default()
    };
    store
        .update_branding(acme.id, &branding, &[])
        .await
        .unwrap();
    // The expiry matters (and is read) only once the parcel is delivered.
    assert_eq!(
        self::key(&*store, &shipment.token).await.link_expiry_days,
        None
    );
    store
        .record_events(acme.id, shipment.id, &[scan(30, Stage::Delivered)])
        .await
        .unwrap();
    let delivered = self::key(&*store, &shipment.token).await;
    assert_eq!(delivered.link_expiry_days, Some(14));
    assert_eq!(delivered.stage, Stage::Delivered);
    assert!(delivered.delivered_at.is_some());
    // With a page stored, the key says the same, and has the page (SQLite reads it from
    // the copies kept with the page).
    store
        .save_page_snapshots(&[snapshot(&delivered, "en", "page")])
        .await
        .unwrap();
    for host in [None, Some("track.acme.example")] {
        let mut expected = delivered.clone();
        expected.host_store = host.map(|_| acme.id);
        let with_page = store
            .page_key(&shipment.token, BUILD, host)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(with_page.pages.len(), 1);
        expected.pages = with_page.pages.clone();
        assert_eq!(with_page, expected);
    }
    assert_eq!(
        store
            .page_key(&ShipmentToken::generate(), BUILD, None)
            .await
            .unwrap(),
        None
    );
}

pub async fn a_stored_page_is_served_until_anything_it_shows_changes(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 2).await;
    let other = an_order(&*store, &acme, "#1002", 1).await;
    let (first, second) = (&order.shipments[0], &order.shipments[1]);
    let token = first.token.clone();

    // Stored for one language, at the current revision, by this build only.
    let saved = key(&*store, &token).await;
    store
        .save_page_snapshots(&[snapshot(&saved, "en", "page one")])
        .await
        .unwrap();
    assert_eq!(
        stored(&*store, &token, "en").await.as_deref(),
        Some("page one")
    );
    assert_eq!(stored(&*store, &token, "de").await, None);
    let other_build = store
        .page_key(&token, "build-2", None)
        .await
        .unwrap()
        .unwrap();
    assert!(
        other_build.pages.is_empty(),
        "another build renders its own"
    );
    // Another order's news leaves it alone.
    store
        .record_events(acme.id, other.shipments[0].id, &[scan(5, Stage::InTransit)])
        .await
        .unwrap();
    assert!(stored(&*store, &token, "en").await.is_some());

    // Each change the page can show retires it: a scan of the order's other parcel, ...
    store
        .record_events(acme.id, second.id, &[scan(10, Stage::InTransit)])
        .await
        .unwrap();
    retired(&*store, &token, "a scan of another parcel").await;
    // ... a scan older than the newest one, which changes no column of the shipment, ...
    store
        .record_events(acme.id, second.id, &[scan(1, Stage::InfoReceived)])
        .await
        .unwrap();
    retired(&*store, &token, "an older scan").await;
    // ... a new carrier or tracking number, ...
    let patch = ShipmentPatch {
        carrier: Some(Some(CarrierCode::parse("ups").unwrap())),
        tracking_number: Some(TrackingNumber::parse("1Z999AA10123456784").unwrap()),
        ..ShipmentPatch::default()
    };
    store
        .update_shipment(acme.id, first.id, &patch)
        .await
        .unwrap();
    retired(&*store, &token, "a patch").await;
    // ... a parcel added to the order, ...
    store
        .add_shipment(
            acme.id,
            order.id,
            &crate::fixtures::new_shipment("9400111899223197428490"),
        )
        .await
        .unwrap();
    retired(&*store, &token, "a new parcel").await;
    // ... the store's branding.
    store
        .update_branding(acme.id, &Branding::default(), &[])
        .await
        .unwrap();
    retired(&*store, &token, "new branding").await;

    // A poll that found nothing new moves only the schedule: the page stays.
    clock.advance(Duration::days(2));
    let leases = store
        .claim_due_shipments("w1", Duration::minutes(2), 10)
        .await
        .unwrap();
    assert!(!leases.is_empty(), "something is due after two days");
    assert_eq!(
        stored(&*store, &token, "en").await.as_deref(),
        Some("new branding")
    );
}

pub async fn a_reissued_token_retires_the_old_page_and_old_snapshots_do_not_replace_new_ones(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 1).await;
    let shipment = &order.shipments[0];
    let old = key(&*store, &shipment.token).await;
    store
        .save_page_snapshots(&[snapshot(&old, "en", "old")])
        .await
        .unwrap();

    let token = ShipmentToken::generate();
    store
        .reissue_token(acme.id, shipment.id, &token)
        .await
        .unwrap();
    assert_eq!(
        store.page_key(&shipment.token, BUILD, None).await.unwrap(),
        None
    );
    assert_eq!(stored(&*store, &token, "en").await, None);

    // A newer page is kept; one rendered earlier and saved late does not replace it; in
    // one batch the newest wins.
    let new = key(&*store, &token).await;
    assert!(new.revision.order > old.revision.order);
    store
        .save_page_snapshots(&[snapshot(&new, "en", "new"), snapshot(&old, "en", "late")])
        .await
        .unwrap();
    assert_eq!(stored(&*store, &token, "en").await.as_deref(), Some("new"));
    store
        .save_page_snapshots(&[snapshot(&old, "en", "later")])
        .await
        .unwrap();
    assert_eq!(stored(&*store, &token, "en").await.as_deref(), Some("new"));
    // Nothing is kept for a parcel that is gone, and the rest of the batch still is.
    let mut gone = snapshot(&new, "fr", "gone");
    gone.shipment = wismo_domain::ShipmentId(shipment.id.0 + 1000);
    store
        .save_page_snapshots(&[gone, snapshot(&new, "de", "neu")])
        .await
        .unwrap();
    assert_eq!(stored(&*store, &token, "de").await.as_deref(), Some("neu"));
    // Both languages come with the key.
    let langs: Vec<String> = key(&*store, &token)
        .await
        .pages
        .into_iter()
        .map(|p| p.lang)
        .collect();
    assert_eq!(langs.len(), 2, "{langs:?}");
}

pub async fn stored_pages_of_parcels_long_finished_are_pruned(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let done = an_order(&*store, &acme, "#1001", 1).await;
    let moving = an_order(&*store, &acme, "#1002", 1).await;
    store
        .record_events(acme.id, done.shipments[0].id, &[scan(5, Stage::Delivered)])
        .await
        .unwrap();
    store
        .record_events(
            acme.id,
            moving.shipments[0].id,
            &[scan(5, Stage::InTransit)],
        )
        .await
        .unwrap();
    for order in [&done, &moving] {
        let key = key(&*store, &order.shipments[0].token).await;
        store
            .save_page_snapshots(&[snapshot(&key, "en", "page"), snapshot(&key, "de", "Seite")])
            .await
            .unwrap();
    }

    // Not yet: the delivered parcel changed after the cut-off.
    let cutoff = clock.now() - Duration::days(30);
    assert_eq!(store.prune_page_snapshots(cutoff, 100).await.unwrap(), 0);

    clock.advance(Duration::days(31));
    let cutoff = clock.now() - Duration::days(30);
    assert_eq!(
        store.prune_page_snapshots(cutoff, 1).await.unwrap(),
        1,
        "a batch at most"
    );
    assert_eq!(store.prune_page_snapshots(cutoff, 100).await.unwrap(), 1);
    assert_eq!(store.prune_page_snapshots(cutoff, 100).await.unwrap(), 0);
    assert!(
        key(&*store, &done.shipments[0].token)
            .await
            .pages
            .is_empty()
    );
    // A parcel still on its way keeps its pages, however old.
    assert_eq!(
        key(&*store, &moving.shipments[0].token).await.pages.len(),
        2
    );
}
