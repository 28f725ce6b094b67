//! Order links in a store platform's own emails (`/{store}/o/{platform}/{id}?s=…`): signed
//! as the docs' Liquid and PHP snippets sign them, they open the order's page; anything
//! else is the neutral "not found"; before the order arrives they say it is being got
//! ready; a new key stops the old links; `wismo integration link-key` shows a key once.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use wismo_domain::Secret;
use wismo_domain::platform::Platform;
use wismo_server::integrations::order_link;

use crate::harness::{Db, Response, TestApp};
use crate::integrations::{
    SHOPIFY_SECRET, WOO_SECRET, connect, run_jobs, shopify, shopify_order, woocommerce,
};

crate::on_both_backends!(
    a_link_signed_as_the_liquid_and_php_snippets_sign_opens_the_orders_page,
    a_wrong_link_is_the_same_not_found_as_an_unknown_store,
    a_valid_link_before_its_order_arrives_says_it_is_being_got_ready,
    a_new_key_stops_the_links_signed_with_the_old_one,
);

/// The demo-like Shopify order id and the WooCommerce one the tests send.
const SHOPIFY_ID: i64 = 5_830_012_345_678;
const WOO_ID: i64 = 727;

/// What Liquid's `'shopify:' | append: id | hmac_sha256: key` and PHP's
/// `hash_hmac('sha256', 'woocommerce:' . $id, $key)` give: lower-case hex, computed apart
/// from wismo (ring, and our own hex).
fn snippet_signature(key: &str, platform: &str, id: &str) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key.as_bytes());
    let tag = ring::hmac::sign(&key, format!("{platform}:{id}").as_bytes());
    tag.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// The store's new order-link key (`rotate` to replace one).
async fn make_key(app: &TestApp, slug: &str, rotate: bool) -> String {
    let tenant = app.store.get_store_by_slug(slug).await.unwrap();
    let made = order_link::make_key(app.store.as_ref(), &app.secrets, &tenant, rotate)
        .await
        .unwrap();
    made.key.expose().to_owned()
}

async fn open(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut req = Request::get(path);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

/// A WooCommerce order whose number (`WC-727`) is not its id: links carry the id.
fn woo_order(id: i64) -> Vec<u8> {
    json!({
        "id": id, "parent_id": 0, "number": format!("WC-{id}"), "status": "processing", "currency": "USD",
        "date_created_gmt": "2026-03-01T15:00:00", "date_modified_gmt": "2026-03-01T15:00:00",
        "billing": { "first_name": "John", "last_name": "Doe", "email": "john.doe@example.com" },
        "shipping": { "first_name": "John", "last_name": "Doe", "city": "Portland", "state": "OR",
            "postcode": "97201", "country": "US" },
        "line_items": [{ "id": 315, "name": "Hoodie", "quantity": 2 }],
        "meta_data": [],
    })
    .to_string()
    .into_bytes()
}

/// The store's Shopify order and WooCommerce order, delivered and processed.
async fn orders_from_both_platforms(app: &TestApp) {
    connect(app, Platform::Shopify, SHOPIFY_SECRET).await;
    connect(app, Platform::WooCommerce, WOO_SECRET).await;
    let body = shopify_order(SHOPIFY_ID, "#1050", json!([]));
    let res = shopify(app, "orders/create", "wh-1", &body, SHOPIFY_SECRET).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = woocommerce(app, "order.created", "wc-1", &woo_order(WOO_ID), WOO_SECRET).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    run_jobs(app).await;
}

/// The path of the order `number`'s own page, from the API.
async fn order_page(app: &TestApp, number: &str) -> String {
    let orders = app.get("/api/v1/orders").await.json();
    let order = orders["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["order_number"] == number)
        .unwrap_or_else(|| panic!("no order {number}: {orders}"))
        .clone();
    order_path(&order)
}

fn order_path(order: &Value) -> String {
    let url = order["order_url"].as_str().expect("order_url");
    url.strip_prefix(crate::harness::PUBLIC_URL)
        .unwrap()
        .to_owned()
}

async fn a_link_signed_as_the_liquid_and_php_snippets_sign_opens_the_orders_page(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    orders_from_both_platforms(&app).await;
    let key = make_key(&app, "acme", false).await;

    let id = SHOPIFY_ID.to_string();
    let s = snippet_signature(&key, "shopify", &id);
    let res = open(&app, &format!("/acme/o/shopify/{id}?s={s}"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let page = order_page(&app, "#1050").await;
    assert_eq!(res.header("location"), page);
    assert_eq!(res.header("cache-control"), "no-store");
    assert_eq!(res.header("referrer-policy"), "no-referrer");
    let shown = open(&app, &page, &[]).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.text.contains("1050"), "{}", shown.text);

    let id = WOO_ID.to_string();
    let s = snippet_signature(&key, "woocommerce", &id);
    let res = open(&app, &format!("/acme/o/woocommerce/{id}?s={s}"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(res.header("location"), order_page(&app, "WC-727").await);
    // The link is wismo's helper's too, and upper-case hex is the same signature.
    let url = order_link::url(
        "https://x.example",
        "acme",
        Platform::WooCommerce,
        &id,
        &Secret::new(key.clone()),
    );
    assert_eq!(
        url,
        format!("https://x.example/acme/o/woocommerce/{id}?s={s}")
    );
    let upper = s.to_uppercase();
    let res = open(&app, &format!("/acme/o/woocommerce/{id}?s={upper}"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);

    // On the store's own domain, the same link (and its short form) stays there.
    let hosts = json!({ "domains": ["track.acme.example"] });
    let res = app
        .request(
            axum::http::Method::PUT,
            "/api/v1/store/hosts",
            Some(&app.key),
            Some(&hosts),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let domain = [("host", "track.acme.example")];
    for path in [
        format!("/o/woocommerce/{id}?s={s}"),
        format!("/acme/o/woocommerce/{id}?s={s}"),
    ] {
        let res = open(&app, &path, &domain).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{path}: {}", res.text);
        assert!(res.header("location").starts_with("/t/"));
    }
}

async fn a_wrong_link_is_the_same_not_found_as_an_unknown_store(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    orders_from_both_platforms(&app).await;
    let id = SHOPIFY_ID.to_string();
    // A store without a key: nothing opens, whatever the signature.
    let no_key = snippet_signature("", "shopify", &id);
    let unknown = open(&app, &format!("/nosuch/o/shopify/{id}?s={no_key}"), &[]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let same = |res: &Response, what: &str| {
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{what}: {}", res.text);
        assert_eq!(res.text, unknown.text, "{what}");
        assert_eq!(res.header("cache-control"), "no-store", "{what}");
    };
    let res = open(&app, &format!("/acme/o/shopify/{id}?s={no_key}"), &[]).await;
    same(&res, "a store without a key");

    let key = make_key(&app, "acme", false).await;
    let s = snippet_signature(&key, "shopify", &id);
    let other_id = (SHOPIFY_ID + 1).to_string();
    let mut tampered = s.clone().into_bytes();
    tampered[10] = if tampered[10] == b'0' { b'1' } else { b'0' };
    let tampered = String::from_utf8(tampered).unwrap();
    // Another store, whose own key signs an acme link.
    let globex_api = app.other_store_key().await;
    let globex_key = make_key(&app, "globex", false).await;
    let globex_s = snippet_signature(&globex_key, "shopify", &id);
    let woo_s = snippet_signature(&key, "woocommerce", &id);
    for (path, what) in [
        (format!("/acme/o/shopify/{other_id}?s={s}"), "tampered id"),
        (
            format!("/acme/o/shopify/{id}?s={tampered}"),
            "tampered signature",
        ),
        (format!("/acme/o/shopify/{id}"), "no signature"),
        (format!("/acme/o/shopify/{id}?s="), "an empty signature"),
        (
            format!("/acme/o/shopify/{id}?s={}", &s[..40]),
            "a short signature",
        ),
        (
            format!("/acme/o/shopify/{id}?s={globex_s}"),
            "another store's key",
        ),
        (
            format!("/acme/o/shopify/{id}?s={woo_s}"),
            "another platform's signature",
        ),
        (
            format!("/acme/o/woocommerce/{id}?s={s}"),
            "another platform's path",
        ),
        (format!("/acme/o/magento/{id}?s={s}"), "an unknown platform"),
    ] {
        same(&open(&app, &path, &[]).await, what);
    }
    // A link globex signed for its own store never reaches acme's order: globex has none.
    let res = open(&app, &format!("/globex/o/shopify/{id}?s={globex_s}"), &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(
        res.text.contains("getting your order ready"),
        "{}",
        res.text
    );
    // A valid signature for WooCommerce's order of that id: acme's Shopify order is not
    // it, so the WooCommerce order is still on its way.
    let res = open(&app, &format!("/acme/o/woocommerce/{id}?s={woo_s}"), &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    // On another store's domain, acme's valid link is not found.
    let hosts = json!({ "domains": ["track.globex.example"] });
    let res = app
        .request(
            axum::http::Method::PUT,
            "/api/v1/store/hosts",
            Some(&globex_api),
            Some(&hosts),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = open(
        &app,
        &format!("/acme/o/shopify/{id}?s={s}"),
        &[("host", "track.globex.example")],
    )
    .await;
    same(&res, "another store's domain");
    let res = open(
        &app,
        &format!("/o/shopify/{id}?s={s}"),
        &[("host", "track.globex.example")],
    )
    .await;
    same(&res, "the short form on another store's domain");
}

async fn a_valid_link_before_its_order_arrives_says_it_is_being_got_ready(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    connect(&app, Platform::Shopify, SHOPIFY_SECRET).await;
    let key = make_key(&app, "acme", false).await;
    let id = SHOPIFY_ID.to_string();
    let link = format!(
        "/acme/o/shopify/{id}?s={}",
        snippet_signature(&key, "shopify", &id)
    );

    let res = open(&app, &link, &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.header("cache-control"), "no-store");
    assert!(
        res.text.contains("getting your order ready"),
        "{}",
        res.text
    );
    assert!(res.text.contains("Acme Coffee"), "{}", res.text);
    // No timed reload (WCAG 2.2.1): a link checks again, at the same address.
    assert!(!res.text.contains("http-equiv"), "{}", res.text);
    let signature = link.split_once("?s=").unwrap().1;
    assert!(
        res.text.contains(&format!(
            "<a class=\"button\" href=\"?s={signature}\">Check again</a>"
        )),
        "{}",
        res.text
    );
    assert!(
        res.text
            .contains("update by itself: check again in a minute"),
        "{}",
        res.text
    );
    let fr = open(&app, &link, &[("accept-language", "fr-FR,fr;q=0.9")]).await;
    assert!(
        fr.text.contains("Nous préparons votre commande"),
        "{}",
        fr.text
    );
    assert!(fr.text.contains("<html lang=\"fr\">"), "{}", fr.text);
    assert!(fr.text.contains(">Vérifier à nouveau</a>"), "{}", fr.text);
    // A language the link chose stays on the link that checks again; a signature written
    // in capitals is checked again as the one it is.
    let de = open(
        &app,
        &format!(
            "/acme/o/shopify/{id}?s={}&lang=de-AT",
            signature.to_uppercase()
        ),
        &[],
    )
    .await;
    assert_eq!(de.status, StatusCode::OK, "{}", de.text);
    assert!(
        de.text.contains(&format!(
            "href=\"?s={signature}&#38;lang=de\">Erneut prüfen</a>"
        )),
        "{}",
        de.text
    );

    // The order arrives: the same link now opens its page.
    let body = shopify_order(SHOPIFY_ID, "#1050", json!([]));
    let res = shopify(&app, "orders/create", "wh-1", &body, SHOPIFY_SECRET).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    run_jobs(&app).await;
    let res = open(&app, &link, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(res.header("location"), order_page(&app, "#1050").await);
}

async fn a_new_key_stops_the_links_signed_with_the_old_one(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    orders_from_both_platforms(&app).await;
    let old = make_key(&app, "acme", false).await;
    let id = SHOPIFY_ID.to_string();
    let link = |key: &str| {
        format!(
            "/acme/o/shopify/{id}?s={}",
            snippet_signature(key, "shopify", &id)
        )
    };
    assert_eq!(
        open(&app, &link(&old), &[]).await.status,
        StatusCode::SEE_OTHER
    );

    // Shown once: asking again without --rotate is refused and keeps the key.
    let tenant = app.store.get_store_by_slug("acme").await.unwrap();
    let again = order_link::make_key(app.store.as_ref(), &app.secrets, &tenant, false).await;
    assert!(again.unwrap_err().to_string().contains("--rotate"));
    assert_eq!(
        open(&app, &link(&old), &[]).await.status,
        StatusCode::SEE_OTHER
    );

    let new = make_key(&app, "acme", true).await;
    assert_ne!(new, old);
    assert_eq!(
        open(&app, &link(&old), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        open(&app, &link(&new), &[]).await.status,
        StatusCode::SEE_OTHER
    );
}

#[test]
fn link_key_is_shown_once_and_rotate_replaces_it() {
    let (url, path) = crate::cli::temp_db();
    let run = |args: &[&str]| {
        let out = crate::cli::wismo()
            .args([
                "--database-url",
                &url,
                "--public-url",
                "https://track.example.com",
            ])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, _, err) = run(&["store", "create", "--slug", "acme", "--name", "Acme"]);
    assert!(ok, "{err}");
    let key_cmd = ["integration", "link-key", "--store", "acme"];
    let (ok, out, err) = run(&[&key_cmd[..], &["--json"]].concat());
    assert!(ok, "{err}");
    let shown: Value = serde_json::from_str(out.trim()).unwrap();
    let key = shown["key"].as_str().unwrap();
    assert!(key.len() >= 43, "{key}");
    assert_eq!(
        shown["link"],
        "https://track.example.com/acme/o/{platform}/{id}?s={signature}"
    );
    assert!(!err.contains(key));
    let (ok, _, err) = run(&key_cmd);
    assert!(!ok && err.contains("--rotate"), "{err}");
    let (ok, out, err) = run(&[&key_cmd[..], &["--rotate"]].concat());
    assert!(ok, "{err}");
    assert!(out.contains("replaced") && !out.contains(key), "{out}");
    let _ = std::fs::remove_file(path);
}
