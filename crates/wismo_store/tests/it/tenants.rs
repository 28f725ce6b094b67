//! Stores (tenants), branding and API keys.

use chrono::Duration;
use std::sync::Arc;
use wismo_domain::{Branding, Email, HexColor, ManualClock, StoreId};
use wismo_store::{NewApiKey, Store, StoreError};

use crate::fixtures::{a_store, new_store, start};

fn new_key(prefix: &str) -> NewApiKey {
    NewApiKey {
        name: format!("key {prefix}"),
        prefix: prefix.into(),
        hash: format!("{prefix:0>64}"),
    }
}

pub async fn a_store_is_created_found_by_id_and_slug_and_listed_oldest_first(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    store.ping().await.unwrap();
    let acme = a_store(&*store, "acme").await;
    assert_eq!(acme.slug.as_str(), "acme");
    assert_eq!(acme.name, "Store acme");
    assert_eq!(acme.timezone.as_str(), "Europe/Berlin");
    assert_eq!(acme.branding, Branding::default());
    assert_eq!(acme.created_at, start());
    clock.advance(Duration::seconds(1));
    let beta = a_store(&*store, "beta").await;

    assert_eq!(store.get_store(acme.id).await.unwrap(), acme);
    assert_eq!(store.get_store_by_slug("beta").await.unwrap(), beta);
    assert_eq!(store.list_stores().await.unwrap(), vec![acme, beta]);
    assert!(matches!(
        store.get_store(StoreId(9_999)).await,
        Err(StoreError::NotFound("store"))
    ));
    assert!(matches!(
        store.get_store_by_slug("nope").await,
        Err(StoreError::NotFound("store"))
    ));
}

pub async fn a_taken_slug_is_a_conflict_that_names_the_slug(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    a_store(&*store, "acme").await;
    match store.create_store(&new_store("acme")).await {
        Err(StoreError::Conflict(message)) => assert_eq!(message, "store slug `acme` is taken"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(store.list_stores().await.unwrap().len(), 1);
}

pub async fn branding_round_trips_through_the_database(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let branding = Branding {
        logo_url: Some("https://acme.example/logo.png".into()),
        primary_color: Some(HexColor::parse("#1a73e8").unwrap()),
        accent_color: Some(HexColor::parse("#ff6600").unwrap()),
        font: Some("serif".into()),
        header_message: Some("Thanks for ordering — \"quotes\" & <tags> stay text".into()),
        support_email: Some(Email::parse("help@acme.example").unwrap()),
        support_phone: Some("+49 30 1234567".into()),
        support_url: None,
        faq: vec![wismo_domain::FaqEntry {
            question: "When do you ship?".into(),
            answer: "Within **two** days.".into(),
        }],
        footer_links: vec![wismo_domain::FooterLink {
            label: "Returns".into(),
            url: "https://acme.example/returns".into(),
        }],
        delay_message: Some("Write to us if it is a week late.".into()),
        logo_version: None,
        link_expiry_days: Some(14),
        shop_url: Some("https://acme.example".into()),
        returns_url: Some("https://acme.example/returns".into()),
        returns_policy: Some("Free returns within **30 days**.".into()),
        delivery_rating_off: true,
        translations: [(
            "de".to_owned(),
            wismo_domain::MerchantTexts {
                header_message: Some("Danke für Ihre Bestellung".into()),
                returns_policy: Some("Kostenlose Rücksendung.".into()),
                faq: vec![wismo_domain::FaqEntry {
                    question: "Wann verschicken Sie?".into(),
                    answer: "In **zwei** Tagen.".into(),
                }],
                ..Default::default()
            },
        )]
        .into_iter()
        .collect(),
    };
    let updated = store
        .update_branding(acme.id, &branding, &[])
        .await
        .unwrap();
    assert_eq!(updated.branding, branding);
    assert_eq!(store.get_store(acme.id).await.unwrap().branding, branding);
    assert!(matches!(
        store.update_branding(StoreId(9_999), &branding, &[]).await,
        Err(StoreError::NotFound("store"))
    ));
}

pub async fn a_branding_change_queues_its_jobs_in_its_own_transaction(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let fetch = crate::jobs::job("fetch", serde_json::json!({ "store": acme.id.0 }));
    // No such store: nothing is written, the job neither.
    assert!(matches!(
        store
            .update_branding(
                StoreId(9_999),
                &Branding::default(),
                std::slice::from_ref(&fetch)
            )
            .await,
        Err(StoreError::NotFound("store"))
    ));
    assert!(store.list_jobs(None, 10).await.unwrap().is_empty());

    store
        .update_branding(acme.id, &Branding::default(), &[fetch])
        .await
        .unwrap();
    let jobs = store.list_jobs(None, 10).await.unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].payload["store"], acme.id.0);
}

pub async fn an_api_key_authenticates_by_its_hash_and_is_marked_used(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let key = store
        .create_api_key(acme.id, &new_key("wk_live_a"))
        .await
        .unwrap();
    store
        .create_api_key(other.id, &new_key("wk_live_b"))
        .await
        .unwrap();
    assert_eq!(
        (key.store_id, key.name.as_str(), key.prefix.as_str()),
        (acme.id, "key wk_live_a", "wk_live_a")
    );
    assert_eq!(
        (key.created_at, key.last_used_at, key.revoked_at),
        (start(), None, None)
    );

    clock.advance(Duration::minutes(5));
    let found = store
        .authenticate_api_key(&new_key("wk_live_a").hash)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, key.id);
    assert_eq!(found.last_used_at, Some(start() + Duration::minutes(5)));
    assert_eq!(
        store.authenticate_api_key(&"f".repeat(64)).await.unwrap(),
        None
    );
    assert_eq!(
        store.list_api_keys(acme.id).await.unwrap(),
        vec![found.clone()]
    );
    // Within a minute the key is not written again; after it, it is.
    clock.advance(Duration::seconds(30));
    let again = store
        .authenticate_api_key(&new_key("wk_live_a").hash)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.last_used_at, found.last_used_at);
    clock.advance(Duration::seconds(31));
    let later = store
        .authenticate_api_key(&new_key("wk_live_a").hash)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(later.last_used_at, Some(start() + Duration::seconds(361)));
    assert_eq!(store.list_api_keys(acme.id).await.unwrap(), vec![later]);
    assert!(matches!(
        store.create_api_key(StoreId(9_999), &new_key("x")).await,
        Err(StoreError::NotFound("store"))
    ));
}

pub async fn a_key_revoked_by_id_no_longer_authenticates(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let key = store
        .create_api_key(acme.id, &new_key("wk_1"))
        .await
        .unwrap();
    let kept = store
        .create_api_key(acme.id, &new_key("wk_2"))
        .await
        .unwrap();
    clock.advance(Duration::minutes(1));
    let revoked = store.revoke_api_key(&key.id.to_string()).await.unwrap();
    assert_eq!(
        (revoked.id, revoked.revoked_at),
        (key.id, Some(start() + Duration::minutes(1)))
    );
    assert_eq!(
        store
            .authenticate_api_key(&new_key("wk_1").hash)
            .await
            .unwrap(),
        None
    );
    assert!(
        store
            .authenticate_api_key(&new_key("wk_2").hash)
            .await
            .unwrap()
            .is_some()
    );
    let listed = store.list_api_keys(acme.id).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|k| (k.id, k.revoked_at.is_some()))
            .collect::<Vec<_>>(),
        [(key.id, true), (kept.id, false)]
    );
    assert!(matches!(
        store.revoke_api_key("9999").await,
        Err(StoreError::NotFound(_))
    ));
}

pub async fn a_key_revoked_by_prefix_no_longer_authenticates_and_revoking_twice_is_fine(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let key = store
        .create_api_key(acme.id, &new_key("wk_live_x"))
        .await
        .unwrap();
    let first = store.revoke_api_key("wk_live_x").await.unwrap();
    assert_eq!((first.id, first.revoked_at), (key.id, Some(start())));
    clock.advance(Duration::hours(1));
    let again = store.revoke_api_key("wk_live_x").await.unwrap();
    assert_eq!(
        again.revoked_at,
        Some(start()),
        "the first revocation time is kept"
    );
    assert_eq!(
        store
            .authenticate_api_key(&new_key("wk_live_x").hash)
            .await
            .unwrap(),
        None
    );
    assert!(matches!(
        store.revoke_api_key("wk_unknown").await,
        Err(StoreError::NotFound(_))
    ));
}

pub async fn a_taken_api_key_prefix_is_a_conflict(store: Arc<dyn Store>, _clock: Arc<ManualClock>) {
    let acme = a_store(&*store, "acme").await;
    store
        .create_api_key(acme.id, &new_key("wk_same"))
        .await
        .unwrap();
    let again = NewApiKey {
        hash: "a".repeat(64),
        ..new_key("wk_same")
    };
    match store.create_api_key(acme.id, &again).await {
        Err(StoreError::Conflict(message)) => assert!(message.contains("wk_same"), "{message}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

pub async fn an_uploaded_logo_is_kept_and_survives_branding_updates(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    assert_eq!(store.store_logo("acme").await.unwrap(), None);
    let logo = wismo_store::StoreLogo {
        content_type: "image/png".into(),
        bytes: vec![0x89, b'P', b'N', b'G', 1, 2, 3],
        version: "abc123".into(),
    };
    let updated = store.set_store_logo(acme.id, &logo).await.unwrap();
    assert_eq!(updated.branding.logo_version.as_deref(), Some("abc123"));
    assert_eq!(store.store_logo("acme").await.unwrap(), Some(logo.clone()));
    // A branding update from the API does not know the version; it is kept.
    let branding = wismo_domain::Branding {
        header_message: Some("Hello".into()),
        ..Default::default()
    };
    let updated = store
        .update_branding(acme.id, &branding, &[])
        .await
        .unwrap();
    assert_eq!(updated.branding.logo_version.as_deref(), Some("abc123"));
    assert_eq!(updated.branding.header_message.as_deref(), Some("Hello"));
    let replaced = wismo_store::StoreLogo {
        version: "def456".into(),
        ..logo
    };
    store.set_store_logo(acme.id, &replaced).await.unwrap();
    assert_eq!(
        store.store_logo("acme").await.unwrap().unwrap().version,
        "def456"
    );
}

pub async fn custom_domains_belong_to_one_store_and_origins_are_per_store(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let globex = a_store(&*store, "globex").await;
    let hosts = wismo_store::StoreHosts {
        domains: vec!["track.acme.example".into()],
        widget_origins: vec!["https://acme.example".into()],
    };
    assert_eq!(store.set_store_hosts(acme.id, &hosts).await.unwrap(), hosts);
    assert_eq!(store.store_hosts(acme.id).await.unwrap(), hosts);
    let found = store.store_by_domain("track.acme.example").await.unwrap();
    assert_eq!(found.map(|s| s.id), Some(acme.id));
    assert_eq!(store.store_by_domain("nope.example").await.unwrap(), None);
    // Another store cannot take the domain; the same origin is fine.
    let taken = store.set_store_hosts(globex.id, &hosts).await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    let shared_origin = wismo_store::StoreHosts {
        domains: vec![],
        widget_origins: vec!["https://acme.example".into()],
    };
    store
        .set_store_hosts(globex.id, &shared_origin)
        .await
        .unwrap();
    // Replacing clears what is gone.
    store
        .set_store_hosts(acme.id, &wismo_store::StoreHosts::default())
        .await
        .unwrap();
    assert_eq!(
        store.store_by_domain("track.acme.example").await.unwrap(),
        None
    );
    assert!(matches!(
        store.set_store_hosts(StoreId(9_999), &hosts).await,
        Err(StoreError::NotFound("store"))
    ));
}
