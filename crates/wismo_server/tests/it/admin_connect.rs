//! The admin's connection pages over HTTP: API keys made on the page (shown once, then
//! used and revoked), webhook endpoints with their secret shown once, the test event and
//! a retry in the delivery log, owners vs staff, CSRF, and another store's ids answered
//! 404; and the keys page in a browser. The platforms page and CSV uploads are in
//! `admin_feeds`.

use axum::http::{Method, StatusCode};
use serde_json::json;
use wismo_domain::admin::Role;
use wismo_store::endpoints::WebhookEndpoint;

use crate::admin::{PASSWORD, Visitor, owner, staff, user};
use crate::harness::{Db, TestApp};
use crate::merchant_webhooks::{Receiver, app as loopback_app, run_jobs};

crate::on_both_backends!(
    an_owner_makes_a_key_on_the_page_sees_it_once_uses_it_and_revokes_it,
    staff_cannot_see_keys_or_change_secrets_and_posts_need_the_token,
    an_endpoint_made_on_the_page_shows_its_secret_once_and_logs_test_and_retry,
    another_stores_keys_endpoints_deliveries_and_imports_are_not_found,
);

/// The owner and a staff member of the test store, signed in.
pub(crate) async fn people(app: &TestApp) -> (Visitor, Visitor) {
    (owner(app).await, staff(app).await)
}

/// The value of the read-only field holding what a page shows once.
pub(crate) fn shown_once(page: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\" class=\"secret\" type=\"text\" readonly value=\"");
    let start = page.find(&marker).expect("a value shown once") + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
}

async fn an_owner_makes_a_key_on_the_page_sees_it_once_uses_it_and_revokes_it(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let (mut owner, _) = people(&app).await;
    let csrf = owner.form_csrf(&app, "/admin/settings/keys").await;
    let bad = owner
        .post(
            &app,
            "/admin/settings/keys",
            &[("csrf", &csrf), ("name", "  ")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("aria-invalid"), "{}", bad.text);
    let made = owner
        .post(
            &app,
            "/admin/settings/keys",
            &[("csrf", &csrf), ("name", "Warehouse")],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.text);
    assert!(
        made.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-store")
    );
    let key = shown_once(&made.text, "new-key");
    assert!(key.starts_with("wismo_sk_"), "{key}");
    // Never again: the list shows its prefix only.
    let later = owner.get(&app, "/admin/settings/keys").await;
    assert!(!later.text.contains(&key));
    assert!(later.text.contains("Warehouse") && later.text.contains(&key[..17]));
    let used = app
        .request(Method::GET, "/api/v1/store", Some(&key), None)
        .await;
    assert_eq!(used.status, StatusCode::OK, "{}", used.text);
    let listed = app.store.list_api_keys(app.store_id).await.unwrap();
    let row = listed.iter().find(|k| k.name == "Warehouse").unwrap();
    assert!(row.last_used_at.is_some());
    let revoked = owner
        .post(
            &app,
            &format!("/admin/settings/keys/{}/revoke", row.id.0),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let after = owner.get(&app, "/admin/settings/keys?done=revoked").await;
    assert!(after.text.contains("revoked"), "{}", after.text);
    let refused = app
        .request(Method::GET, "/api/v1/store", Some(&key), None)
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    // The test's own key still works.
    let other = app.get("/api/v1/store").await;
    assert_eq!(other.status, StatusCode::OK);
}

async fn staff_cannot_see_keys_or_change_secrets_and_posts_need_the_token(db: Db) {
    let Some(app) = loopback_app(db).await else {
        return;
    };
    let (mut owner, mut staff) = people(&app).await;
    let receiver = Receiver::start(&[]).await;
    let csrf = staff.csrf(&app).await;
    let home = staff.get(&app, "/admin").await;
    assert!(!home.text.contains("/admin/settings/keys"));
    assert!(home.text.contains("/admin/settings/integrations"));
    let keys = staff.get(&app, "/admin/settings/keys").await;
    assert_eq!(keys.status, StatusCode::FORBIDDEN);
    assert!(!keys.text.contains("wismo_sk_"));
    let made = staff
        .post(
            &app,
            "/admin/settings/keys",
            &[("csrf", &csrf), ("name", "mine")],
        )
        .await;
    assert_eq!(made.status, StatusCode::FORBIDDEN);
    assert!(!made.text.contains("wismo_sk_"));
    let own_key = app.store.list_api_keys(app.store_id).await.unwrap()[0].id.0;
    let revoke = staff
        .post(
            &app,
            &format!("/admin/settings/keys/{own_key}/revoke"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(revoke.status, StatusCode::FORBIDDEN);
    let hook = staff
        .post(
            &app,
            "/admin/settings/webhooks",
            &[
                ("csrf", &csrf),
                ("url", &receiver.url),
                ("events", "shipment.updated"),
            ],
        )
        .await;
    assert_eq!(hook.status, StatusCode::FORBIDDEN);
    let endpoint = created_endpoint(&app, &mut owner, &receiver.url).await.0;
    for action in ["rotate", "delete"] {
        let res = staff
            .post(
                &app,
                &format!("/admin/settings/webhooks/{}/{action}", endpoint.id.0),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{action}");
    }
    for path in [
        "/admin/settings/integrations/woocommerce/secret",
        "/admin/settings/integrations/link-key",
    ] {
        let res = staff.post(&app, path, &[("csrf", &csrf)]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
    }
    assert!(
        app.store
            .list_integrations(app.store_id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        app.store
            .order_link_key(app.store_id)
            .await
            .unwrap()
            .is_none()
    );
    // Staff read the endpoints and the feeds, without their forms for secrets.
    let list = staff.get(&app, "/admin/settings/webhooks").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.text.contains(&receiver.url) && !list.text.contains("/rotate"));
    let feeds = staff.get(&app, "/admin/settings/integrations").await;
    assert_eq!(feeds.status, StatusCode::OK);
    assert!(!feeds.text.contains("/secret\"") && feeds.text.contains("/admin/settings/imports"));
    // Every POST needs the session's token.
    let owner_csrf = owner.csrf(&app).await;
    assert!(!owner_csrf.is_empty());
    for (path, form) in [
        ("/admin/settings/keys", vec![("name", "x")]),
        ("/admin/settings/keys/1/revoke", vec![]),
        (
            "/admin/settings/webhooks",
            vec![("url", receiver.url.as_str())],
        ),
        ("/admin/settings/integrations/generic/secret", vec![]),
        ("/admin/settings/integrations/link-key", vec![]),
    ] {
        let mut with_wrong = form.clone();
        with_wrong.push(("csrf", "not-the-token"));
        for form in [form, with_wrong] {
            let res = owner.post(&app, path, &form).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
        }
    }
    let id = endpoint.id.0;
    for path in [
        format!("/admin/settings/webhooks/{id}/rotate"),
        format!("/admin/settings/webhooks/{id}/delete"),
        format!("/admin/settings/webhooks/{id}/test"),
    ] {
        let res = owner.post(&app, &path, &[]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
    }
    let upload = owner
        .post_raw(
            &app,
            "/admin/settings/imports",
            "multipart/form-data; boundary=XyZ",
            multipart("", "order_number,tracking_number\n1,1Z999AA10123456784\n"),
        )
        .await;
    assert_eq!(upload.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.store.list_api_keys(app.store_id).await.unwrap().len(),
        1
    );
    assert_eq!(
        app.store
            .list_webhook_endpoints(app.store_id)
            .await
            .unwrap()
            .len(),
        1
    );
}

/// Creates an endpoint through the owner's page: the endpoint and the secret shown.
async fn created_endpoint(
    app: &TestApp,
    owner: &mut Visitor,
    url: &str,
) -> (WebhookEndpoint, String) {
    let csrf = owner.csrf(app).await;
    let made = owner
        .post(
            app,
            "/admin/settings/webhooks",
            &[
                ("csrf", &csrf),
                ("url", url),
                ("events", "shipment.updated"),
                ("events", "customer_request.created"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.text);
    let secret = shown_once(&made.text, "new-secret");
    let endpoints = app
        .store
        .list_webhook_endpoints(app.store_id)
        .await
        .unwrap();
    let endpoint = endpoints.into_iter().find(|e| e.url == url).unwrap();
    (endpoint, secret)
}

async fn an_endpoint_made_on_the_page_shows_its_secret_once_and_logs_test_and_retry(db: Db) {
    let Some(app) = loopback_app(db).await else {
        return;
    };
    let (mut owner, mut staff) = people(&app).await;
    let receiver = Receiver::start(&[]).await;
    let csrf = owner.csrf(&app).await;
    let bad = owner
        .post(
            &app,
            "/admin/settings/webhooks",
            &[("csrf", &csrf), ("url", "ftp://example.com/x")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text.contains("url: ") && bad.text.contains("events: "),
        "{}",
        bad.text
    );
    assert!(
        app.store
            .list_webhook_endpoints(app.store_id)
            .await
            .unwrap()
            .is_empty()
    );

    let (endpoint, secret) = created_endpoint(&app, &mut owner, &receiver.url).await;
    assert!(secret.starts_with("whsec_"));
    assert_eq!(endpoint.events.len(), 2);
    let list = owner.get(&app, "/admin/settings/webhooks").await;
    assert!(list.text.contains(&receiver.url) && !list.text.contains(&secret));
    assert!(!list.text.contains("whsec_"));

    let rotated = owner
        .post(
            &app,
            &format!("/admin/settings/webhooks/{}/rotate", endpoint.id.0),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.text);
    let new = shown_once(&rotated.text, "new-secret");
    assert!(new.starts_with("whsec_") && new != secret);
    assert!(
        !owner
            .get(&app, "/admin/settings/webhooks")
            .await
            .text
            .contains(&new)
    );

    // Staff send the test and retry it: neither shows a secret.
    let staff_csrf = staff.csrf(&app).await;
    let log_path = format!("/admin/settings/webhooks/{}", endpoint.id.0);
    let test = staff
        .post(&app, &format!("{log_path}/test"), &[("csrf", &staff_csrf)])
        .await;
    assert_eq!(test.status, StatusCode::SEE_OTHER, "{}", test.text);
    assert_eq!(run_jobs(&app).await.succeeded, 1);
    let got = receiver.got();
    assert_eq!(got.len(), 1);
    assert!(got[0].signed_with(&new));
    let log = staff.get(&app, &log_path).await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(
        log.text.contains("webhook.test") && log.text.contains(">200<"),
        "{}",
        log.text
    );
    assert!(!log.text.contains("whsec_"));
    let deliveries = app
        .store
        .webhook_deliveries(app.store_id, endpoint.id, 10)
        .await
        .unwrap();
    let retry = staff
        .post(
            &app,
            &format!("{log_path}/deliveries/{}/retry", deliveries[0].id),
            &[("csrf", &staff_csrf)],
        )
        .await;
    assert_eq!(retry.status, StatusCode::SEE_OTHER);
    assert_eq!(run_jobs(&app).await.succeeded, 1);
    assert_eq!(receiver.got().len(), 2);
    let log = owner.get(&app, &format!("{log_path}?done=retried")).await;
    assert!(log.text.contains("attempt 2"), "{}", log.text);

    let deleted = owner
        .post(&app, &format!("{log_path}/delete"), &[("csrf", &csrf)])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        owner.get(&app, &log_path).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A `multipart/form-data` body (boundary `XyZ`) with `csrf` and a CSV `file`.
pub(crate) fn multipart(csrf: &str, csv: &str) -> Vec<u8> {
    format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orders.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--XyZ--\r\n"
    )
    .into_bytes()
}

async fn another_stores_keys_endpoints_deliveries_and_imports_are_not_found(db: Db) {
    let Some(app) = loopback_app(db).await else {
        return;
    };
    let (mut owner, _) = people(&app).await;
    let receiver = Receiver::start(&[]).await;
    let other_key = app.other_store_key().await;
    let other = app.store.get_store_by_slug("globex").await.unwrap();
    let theirs = app
        .request(
            Method::POST,
            "/api/v1/webhook-endpoints",
            Some(&other_key),
            Some(&json!({ "url": receiver.url, "events": ["shipment.updated"] })),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::CREATED, "{}", theirs.text);
    let id = theirs.json()["id"].as_i64().unwrap();
    let test = app
        .request(
            Method::POST,
            &format!("/api/v1/webhook-endpoints/{id}/test"),
            Some(&other_key),
            Some(&json!({})),
        )
        .await;
    assert_eq!(test.status, StatusCode::ACCEPTED);
    run_jobs(&app).await;
    let delivery = app
        .store
        .webhook_deliveries(other.id, wismo_domain::EndpointId(id), 10)
        .await
        .unwrap()[0]
        .id;
    let import = app
        .send(
            axum::http::Request::post("/api/v1/imports")
                .header("authorization", format!("Bearer {other_key}"))
                .header("content-type", "text/csv")
                .body(axum::body::Body::from(
                    "order_number,tracking_number\n#G1,1Z999AA10123456784\n",
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(import.status, StatusCode::ACCEPTED, "{}", import.text);
    let import = import.json()["id"].as_i64().unwrap();
    let their_key = app.store.list_api_keys(other.id).await.unwrap()[0].id.0;

    let before = app
        .store
        .get_webhook_endpoint(other.id, wismo_domain::EndpointId(id))
        .await
        .unwrap();
    let csrf = owner.csrf(&app).await;
    for path in [
        format!("/admin/settings/webhooks/{id}"),
        format!("/admin/settings/imports/{import}"),
    ] {
        let res = owner.get(&app, &path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
    }
    for path in [
        format!("/admin/settings/webhooks/{id}/rotate"),
        format!("/admin/settings/webhooks/{id}/delete"),
        format!("/admin/settings/webhooks/{id}/test"),
        format!("/admin/settings/webhooks/{id}/deliveries/{delivery}/retry"),
        format!("/admin/settings/keys/{their_key}/revoke"),
    ] {
        let res = owner.post(&app, &path, &[("csrf", &csrf)]).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
    }
    // Nothing of theirs changed or showed.
    assert!(
        app.store.list_api_keys(other.id).await.unwrap()[0]
            .revoked_at
            .is_none()
    );
    let still = app
        .store
        .get_webhook_endpoint(other.id, wismo_domain::EndpointId(id))
        .await
        .unwrap();
    assert!(still.secret == before.secret, "not rotated");
    assert_eq!(receiver.got().len(), 1);
    let ours = owner.get(&app, "/admin/settings/webhooks").await;
    assert!(!ours.text.contains(&receiver.url));
    let keys = owner.get(&app, "/admin/settings/keys").await;
    let their_prefix = &app.store.list_api_keys(other.id).await.unwrap()[0].prefix;
    assert!(!keys.text.contains(their_prefix.as_str()));
}

/// The keys page in a phone's browser and on a desktop: a key made through the form is
/// shown once, and gone when the page is opened again; the webhooks and platforms pages
/// fit the phone too. Served over plain http (the unprefixed cookie), on SQLite only.
#[tokio::test]
async fn a_key_made_in_a_phones_browser_is_shown_once() {
    use fantoccini::Locator;
    use std::net::SocketAddr;
    use wismo_domain::Clock;
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = crate::browser::browser().await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let config = wismo_server::config::Config::load(
        None,
        wismo_server::config::Env::default(),
        wismo_server::config::Layer {
            database_url: Some(app.url.clone()),
            public_url: Some("http://127.0.0.1".into()),
            secret_key: Some(wismo_domain::Secret::new(crate::harness::TEST_SECRET_KEY)),
            ..Default::default()
        },
    )
    .unwrap();
    let clock: std::sync::Arc<dyn Clock> = app.clock.clone();
    let state = wismo_server::AppState::new(config, app.store.clone(), clock).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = wismo_server::router(state);
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    let landed = |path: &'static str| async move {
        for _ in 0..200 {
            let url = c.current_url().await.unwrap();
            if url.path() == path && c.find(Locator::Css("main h1")).await.is_ok() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("not at {path}: {}", c.source().await.unwrap());
    };
    let checks = |page: &'static str, size: &'static str| async move {
        let overflow = c
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
            .await
            .unwrap();
        assert!(
            overflow.as_i64().unwrap() <= 0,
            "{page} scrolls sideways: {overflow}"
        );
        let unlabelled = c
            .execute("return [...document.querySelectorAll('input:not([type=hidden]), textarea')].filter(e => !e.labels || e.labels.length === 0).length;", vec![])
            .await
            .unwrap();
        assert_eq!(unlabelled, json!(0), "{page}: unlabelled fields");
        crate::browser::assert_accessible(c, &format!("admin-{page}-{size}")).await;
        crate::browser::save_screenshot(c, &format!("admin-{page}-{size}")).await;
    };
    c.goto(&format!("{base}/admin/login")).await.unwrap();
    for (id, text) in [("email", "owner@acme.example"), ("password", PASSWORD)] {
        c.find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    }
    c.find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    landed("/admin").await;
    // The way in is the bar's link.
    c.find(Locator::Css(
        "header nav a[href='/admin/settings/integrations']",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    landed("/admin/settings/integrations").await;
    checks("integrations", "phone").await;
    c.find(Locator::Css(".subnav a[href='/admin/settings/keys']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    landed("/admin/settings/keys").await;
    c.find(Locator::Id("key-name"))
        .await
        .unwrap()
        .send_keys("Warehouse")
        .await
        .unwrap();
    c.find(Locator::Css("form[action='/admin/settings/keys'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let mut shown = None;
    for _ in 0..200 {
        if let Ok(field) = c.find(Locator::Id("new-key")).await {
            shown = field.prop("value").await.unwrap();
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let key = shown.expect("the new key is shown");
    assert!(key.starts_with("wismo_sk_"), "{key}");
    checks("keys-created", "phone").await;
    let used = app
        .request(Method::GET, "/api/v1/store", Some(&key), None)
        .await;
    assert_eq!(used.status, StatusCode::OK);
    // Opened again, the page lists the key by its prefix only.
    c.goto(&format!("{base}/admin/settings/keys"))
        .await
        .unwrap();
    landed("/admin/settings/keys").await;
    let source = c.source().await.unwrap();
    assert!(source.contains("Warehouse") && !source.contains(&key));
    assert!(c.find(Locator::Id("new-key")).await.is_err());
    // Revoking asks first: the button shows once the line is opened.
    c.find(Locator::Css("details.confirm summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    checks("keys", "phone").await;
    let hook = app
        .post(
            "/api/v1/webhook-endpoints",
            &json!({ "url": "https://hooks.example.com/wismo/orders", "events": ["shipment.updated", "notification.failed"] }),
        )
        .await;
    assert_eq!(hook.status, StatusCode::CREATED, "{}", hook.text);
    c.goto(&format!("{base}/admin/settings/webhooks"))
        .await
        .unwrap();
    landed("/admin/settings/webhooks").await;
    checks("webhooks", "phone").await;
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&format!("{base}/admin/settings/keys"))
        .await
        .unwrap();
    landed("/admin/settings/keys").await;
    checks("keys", "desktop").await;
    browser.close().await;
}
