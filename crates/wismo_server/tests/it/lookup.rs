//! `/{store}/track`: finding an order by its number and the email or postal code.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use wismo_server::config::Layer;

use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    the_right_number_and_email_or_postal_code_lead_to_the_orders_page,
    a_wrong_contact_and_an_unknown_order_look_the_same,
    guessing_is_rate_limited_and_other_sites_cannot_post_the_form,
    behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget,
    without_trusted_proxies_forwarding_headers_are_ignored,
    a_stranger_failing_on_an_order_does_not_stop_its_customers_email,
    postal_code_guessing_is_limited_strictly_and_the_page_tells_the_wait_retry_after_gives,
    an_order_number_longer_than_any_is_refused_before_it_is_looked_up,
    the_number_matches_without_hash_spaces_dashes_or_case_in_its_own_store_only,
    a_failed_lookup_shows_the_form_again_with_what_was_typed_escaped,
    after_failed_lookups_the_page_tells_the_wait_retry_after_gives_in_its_language,
);

/// A lookup posted over a connection from `peer`, with `X-Forwarded-For` when given.
async fn post_from(
    app: &TestApp,
    body: &str,
    peer: &str,
    forwarded_for: Option<&str>,
) -> crate::harness::Response {
    let mut req =
        Request::post("/acme/track").header("content-type", "application/x-www-form-urlencoded");
    if let Some(client) = forwarded_for {
        req = req.header("x-forwarded-for", client);
    }
    let mut req = req.body(Body::from(body.to_owned())).unwrap();
    let peer = SocketAddr::new(peer.parse().unwrap(), 41000);
    req.extensions_mut().insert(ConnectInfo(peer));
    app.send(req).await
}

/// A test app that believes the proxy at 10.0.0.1.
async fn behind_proxy(db: Db) -> Option<TestApp> {
    let layer = Layer {
        trusted_proxies: Some(vec!["10.0.0.1".into()]),
        ..Layer::default()
    };
    TestApp::with_layer(db, layer).await
}

async fn post(
    app: &TestApp,
    path: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> crate::harness::Response {
    let mut req = Request::post(path).header("content-type", "application/x-www-form-urlencoded");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    app.send(req.body(Body::from(body.to_owned())).unwrap())
        .await
}

async fn the_right_number_and_email_or_postal_code_lead_to_the_orders_page(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app
        .order("#9001", &["1Z999AA10123456784", "1Z999AA10123456791"])
        .await;
    let token_path = &crate::order_pages::order_link(&order);

    let form = app.get("/acme/track?lang=es").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("<html lang=\"es\">"), "{}", form.text);
    assert!(form.text.contains("method=\"post\""));
    assert_eq!(form.header("referrer-policy"), "no-referrer");

    let by_email = post(
        &app,
        "/acme/track",
        "order_number=%239001&contact=ANA%40example.com",
        &[],
    )
    .await;
    assert_eq!(by_email.status, StatusCode::SEE_OTHER, "{}", by_email.text);
    assert_eq!(by_email.header("location"), token_path);
    let by_postal = post(
        &app,
        "/acme/track",
        "order_number=%239001&contact=97201",
        &[],
    )
    .await;
    assert_eq!(by_postal.header("location"), token_path);
    // As customers type it: without the '#', with a space.
    let as_typed = post(
        &app,
        "/acme/track",
        "order_number=+90+01&contact=ana%40example.com",
        &[],
    )
    .await;
    assert_eq!(as_typed.status, StatusCode::SEE_OTHER, "{}", as_typed.text);
    assert_eq!(as_typed.header("location"), token_path);
    let page = app.get(token_path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("1Z999AA10123456791"), "{}", page.text);

    assert_eq!(
        app.get("/nosuchstore/track").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn a_wrong_contact_and_an_unknown_order_look_the_same(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    app.order("#9002", &["1Z999AA10123456784"]).await;
    let started = Instant::now();
    let wrong = post(
        &app,
        "/acme/track",
        "order_number=%239002&contact=eve%40example.com",
        &[],
    )
    .await;
    let wrong_took = started.elapsed();
    let started = Instant::now();
    let unknown = post(
        &app,
        "/acme/track",
        "order_number=%239999&contact=ana%40example.com",
        &[],
    )
    .await;
    let unknown_took = started.elapsed();
    assert_eq!(wrong.status, StatusCode::OK);
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(
        wrong.text.contains("We couldn&#39;t find an order"),
        "{}",
        wrong.text
    );
    // The same page, but for what was typed back into the form.
    assert_eq!(
        wrong
            .text
            .replace("#9002", "#N")
            .replace("eve@example.com", "C"),
        unknown
            .text
            .replace("#9999", "#N")
            .replace("ana@example.com", "C")
    );
    for took in [wrong_took, unknown_took] {
        assert!(took >= Duration::from_millis(300), "{took:?}");
    }
}

async fn guessing_is_rate_limited_and_other_sites_cannot_post_the_form(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    app.order("#9003", &["1Z999AA10123456784"]).await;
    let refused = post(
        &app,
        "/acme/track",
        "order_number=%239003&contact=ana%40example.com",
        &[("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // Wrong emails cost the client, not the order's customer: ten tries, then a wait.
    let mut statuses = Vec::new();
    for _ in 0..11 {
        let res = post(
            &app,
            "/acme/track",
            "order_number=%239003&contact=x%40example.com",
            &[],
        )
        .await;
        statuses.push(res.status);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
}

async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget(db: Db) {
    let Some(app) = behind_proxy(db).await else {
        return;
    };
    // Five postal codes a client, then a wait.
    for n in 0..5 {
        let body = format!("order_number=%23{n}&contact=97201");
        let res = post_from(&app, &body, "10.0.0.1", Some("203.0.113.1")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }
    let spent = post_from(
        &app,
        "order_number=%235&contact=97201",
        "10.0.0.1",
        Some("203.0.113.1"),
    )
    .await;
    assert_eq!(spent.status, StatusCode::TOO_MANY_REQUESTS);
    // Another shopper behind the same proxy still has theirs.
    let other = post_from(
        &app,
        "order_number=%236&contact=97201",
        "10.0.0.1",
        Some("203.0.113.2"),
    )
    .await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text);
    // The proxy's own chain: what a client wrote on the left is not read.
    let spoofed = post_from(
        &app,
        "order_number=%237&contact=97201",
        "10.0.0.1",
        Some("198.51.100.9, 203.0.113.1"),
    )
    .await;
    assert_eq!(spoofed.status, StatusCode::TOO_MANY_REQUESTS);
}

async fn without_trusted_proxies_forwarding_headers_are_ignored(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    for n in 0..5 {
        let body = format!("order_number=%23{n}&contact=97201");
        let client = format!("203.0.113.{n}");
        let res = post_from(&app, &body, "198.51.100.1", Some(&client)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }
    // A new forwarded address buys the peer nothing.
    let res = post_from(
        &app,
        "order_number=%235&contact=97201",
        "198.51.100.1",
        Some("203.0.113.9"),
    )
    .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    let other_peer = post_from(
        &app,
        "order_number=%235&contact=97201",
        "198.51.100.2",
        None,
    )
    .await;
    assert_eq!(other_peer.status, StatusCode::OK);
}

async fn a_stranger_failing_on_an_order_does_not_stop_its_customers_email(db: Db) {
    let Some(app) = behind_proxy(db).await else {
        return;
    };
    let order = app.order("#9004", &["1Z999AA10123456784"]).await;
    let token_path = crate::order_pages::order_link(&order);
    // Strangers from many addresses spend the order's failures.
    for n in 0..8 {
        let contact = if n % 2 == 0 {
            "eve%40example.com"
        } else {
            "10001"
        };
        let body = format!("order_number=%239004&contact={contact}");
        let stranger = format!("203.0.113.{n}");
        post_from(&app, &body, "10.0.0.1", Some(&stranger)).await;
    }
    let postal = post_from(
        &app,
        "order_number=9004&contact=97201",
        "10.0.0.1",
        Some("192.0.2.7"),
    )
    .await;
    assert_eq!(
        postal.status,
        StatusCode::TOO_MANY_REQUESTS,
        "postal codes wait"
    );
    let email = post_from(
        &app,
        "order_number=9004&contact=ana%40example.com",
        "10.0.0.1",
        Some("192.0.2.7"),
    )
    .await;
    assert_eq!(email.status, StatusCode::SEE_OTHER, "{}", email.text);
    assert_eq!(email.header("location"), token_path);
}

async fn postal_code_guessing_is_limited_strictly_and_the_page_tells_the_wait_retry_after_gives(
    db: Db,
) {
    let Some(app) = behind_proxy(db).await else {
        return;
    };
    app.order("#9005", &["1Z999AA10123456784"]).await;
    // One order's postal code from many addresses: five guesses, then a wait.
    let mut statuses = Vec::new();
    for n in 0..6 {
        let body = format!("order_number=%239005&contact=1000{n}");
        let guesser = format!("203.0.113.{n}");
        statuses.push(post_from(&app, &body, "10.0.0.1", Some(&guesser)).await);
    }
    let codes: Vec<_> = statuses.iter().map(|r| r.status).collect();
    assert_eq!(codes[..5], [StatusCode::OK; 5], "{codes:?}");
    let refused = &statuses[5];
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let secs: u64 = refused.header("retry-after").parse().unwrap();
    assert!(secs > 5 * 60, "{secs}");
    let told = match (secs / 60, secs % 60) {
        (m, 0) => format!("{m}\u{a0}min"),
        (m, s) => format!("{m}\u{a0}min {s}\u{a0}s"),
    };
    assert!(
        refused
            .text
            .contains(&format!("Please try again in {told}.")),
        "{secs}: {}",
        refused.text
    );
    // Many orders' postal codes from one address: five, then a wait.
    for n in 0..5 {
        let body = format!("order_number=%23{n}&contact=97201");
        let res = post_from(&app, &body, "10.0.0.1", Some("198.51.100.5")).await;
        assert_eq!(res.status, StatusCode::OK);
    }
    let res = post_from(
        &app,
        "order_number=%236&contact=97201",
        "10.0.0.1",
        Some("198.51.100.5"),
    )
    .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
}

async fn an_order_number_longer_than_any_is_refused_before_it_is_looked_up(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let longest = "9".repeat(64);
    app.order(&longest, &["1Z999AA10123456784"]).await;
    let found = post(
        &app,
        "/acme/track",
        &format!("order_number={longest}&contact=97201"),
        &[],
    )
    .await;
    assert_eq!(found.status, StatusCode::SEE_OTHER, "{}", found.text);
    // One more character: not cut to the order above and looked up, but refused.
    let body = format!("order_number={longest}9&contact=97201");
    let refused = post(&app, "/acme/track?lang=de", &body, &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text
            .contains("Eine Bestellnummer hat höchstens 64 Zeichen."),
        "{}",
        refused.text
    );
    let contact = format!("order_number=1&contact={}%40example.com", "a".repeat(300));
    let refused = post(&app, "/acme/track", &contact, &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text.contains("at most 254 characters"),
        "{}",
        refused.text
    );
}

/// An order number and a contact, form-encoded.
fn lookup_body(number: &str, contact: &str) -> String {
    serde_urlencoded::to_string([("order_number", number), ("contact", contact)]).unwrap()
}

async fn the_number_matches_without_hash_spaces_dashes_or_case_in_its_own_store_only(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let lettered = app.order("#A-1001", &["1Z999AA10123456784"]).await;
    let plain = app.order("#1001", &["1Z999AA10123456791"]).await;
    let globex = app.other_store_key().await;
    let theirs = app
        .order_with_key(&globex, "#B-2002", &["9400100000000000000000"])
        .await;
    let cases = [
        ("/acme/track", "#A-1001", Some(&lettered)),
        ("/acme/track", "a1001", Some(&lettered)),
        ("/acme/track", "A 1001", Some(&lettered)),
        ("/acme/track", " #a - 1001 ", Some(&lettered)),
        ("/acme/track", "1001", Some(&plain)),
        ("/acme/track", "10-01", Some(&plain)),
        ("/acme/track", "#1001", Some(&plain)),
        // Another store's order, however it is spelled, is not found at this store's
        // lookup, only at its own.
        ("/acme/track", "b2002", None),
        ("/acme/track", "#B-2002", None),
        ("/globex/track", "b 2002", Some(&theirs)),
        ("/globex/track", "a1001", None),
    ];
    // Each from its own address, so no attempt waits for the last one's budget.
    for (n, (path, typed, found)) in cases.into_iter().enumerate() {
        let mut req = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(lookup_body(typed, "ana@example.com")))
            .unwrap();
        let peer = SocketAddr::new(format!("198.51.100.{n}").parse().unwrap(), 41000);
        req.extensions_mut().insert(ConnectInfo(peer));
        let res = app.send(req).await;
        match found {
            Some(order) => {
                assert_eq!(res.status, StatusCode::SEE_OTHER, "{path} {typed:?}");
                let link = crate::order_pages::order_link(order);
                assert_eq!(res.header("location"), link, "{path} {typed:?}");
            }
            None => {
                assert_eq!(res.status, StatusCode::OK, "{path} {typed:?}");
                assert!(
                    res.text.contains("We couldn&#39;t find an order"),
                    "{path} {typed:?}: {}",
                    res.text
                );
            }
        }
    }
}

async fn a_failed_lookup_shows_the_form_again_with_what_was_typed_escaped(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    app.order("#9006", &["1Z999AA10123456784"]).await;
    let wrong = post(
        &app,
        "/acme/track",
        &lookup_body(" #9006 ", "eve@example.com"),
        &[],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::OK);
    for kept in ["value=\"#9006\"", "value=\"eve@example.com\""] {
        assert!(wrong.text.contains(kept), "lacks {kept}: {}", wrong.text);
    }
    // A postal code is kept too, and whatever was typed is escaped, never markup.
    let hostile = post(
        &app,
        "/acme/track",
        &lookup_body("#9006\"><b>", "\"><script>alert(1)</script>"),
        &[],
    )
    .await;
    assert_eq!(hostile.status, StatusCode::OK);
    for kept in [
        "value=\"#9006&#34;&#62;&#60;b&#62;\"",
        "value=\"&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;\"",
    ] {
        assert!(
            hostile.text.contains(kept),
            "lacks {kept}: {}",
            hostile.text
        );
    }
    assert!(!hostile.text.contains("<script>"), "{}", hostile.text);
    // A field too long is sent back as typed, cut to what the field takes.
    let long = format!("{}@example.com", "a".repeat(300));
    let refused = post(&app, "/acme/track", &lookup_body("#9006", &long), &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let shown = &long[..254];
    assert!(
        refused.text.contains(&format!("value=\"{shown}\"")),
        "{}",
        refused.text
    );
    // The empty form asks afresh.
    let fresh = app.get("/acme/track").await;
    assert!(
        fresh.text.contains("name=\"contact\" value=\"\""),
        "{}",
        fresh.text
    );
}

async fn after_failed_lookups_the_page_tells_the_wait_retry_after_gives_in_its_language(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    app.order("#9007", &["1Z999AA10123456784"]).await;
    let wrong = lookup_body("#9007", "eve@example.com");
    // A client's ten attempts, then a wait of at most 30 s.
    for _ in 0..10 {
        let res = post_from(&app, &wrong, "198.51.100.7", None).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }
    let expected = [
        ("en", "Please try again in {wait}."),
        ("de", "Bitte versuchen Sie es in {wait} erneut."),
        ("es", "Vuelve a intentarlo dentro de {wait}."),
        ("fr", "Veuillez réessayer dans {wait}."),
        ("it", "Riprova tra {wait}."),
        ("pt", "Tente de novo em {wait}."),
    ];
    for (lang, sentence) in expected {
        let mut req = Request::post(format!("/acme/track?lang={lang}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(wrong.clone()))
            .unwrap();
        let peer = SocketAddr::new("198.51.100.7".parse().unwrap(), 41000);
        req.extensions_mut().insert(ConnectInfo(peer));
        let res = app.send(req).await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{lang}");
        let secs: u64 = res.header("retry-after").parse().unwrap();
        assert!((1..=30).contains(&secs), "{lang}: {secs}");
        let told = sentence.replace("{wait}", &format!("{secs}\u{a0}s"));
        assert!(
            res.text.contains(&told),
            "{lang}, Retry-After {secs}: lacks {told:?}: {}",
            res.text
        );
        assert!(res.text.contains(&format!("<html lang=\"{lang}\">")));
        assert!(!res.text.to_lowercase().contains("minute"), "{}", res.text);
        // What was typed stays in the form.
        assert!(
            res.text.contains("value=\"eve@example.com\""),
            "{}",
            res.text
        );
    }
}
