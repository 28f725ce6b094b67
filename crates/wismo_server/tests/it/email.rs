//! Update emails over real SMTP on loopback: what arrives (headers, both parts, language,
//! the private link, RFC 8058 unsubscribe), retries with the same identity, permanent
//! refusals, and the one-click unsubscribe honoured at once.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use wismo_domain::ShipmentToken;
use wismo_server::config::{EmailLayer, Layer};
use wismo_server::jobs::{self, JobContext, Notifier};
use wismo_server::mail::Mailer;
use wismo_server::outbound::Outbound;
use wismo_server::smtp_capture::{self, Capture, Captured};

use crate::harness::{Db, PUBLIC_URL, TestApp};

crate::on_both_backends!(
    an_update_email_arrives_over_smtp_and_its_one_click_link_unsubscribes,
    a_relay_that_says_try_later_gets_the_same_message_again,
    a_permanent_refusal_fails_the_message_at_once,
    a_customer_request_reaches_the_stores_support_address_at_once,
    the_stores_own_words_reach_the_customer_as_previewed,
    the_unsubscribe_page_lets_the_customer_choose_channels,
    a_new_order_is_confirmed_by_email_with_its_link_and_promise,
);

/// A test app whose emails go to a capture server on loopback, sending each milestone at
/// once (no burst window).
pub(crate) async fn app_with_relay(db: Db) -> Option<(TestApp, Capture)> {
    let (addr, capture) = smtp_capture::start("127.0.0.1:0".parse().ok()?)
        .await
        .expect("SMTP capture server");
    let layer = Layer {
        email: EmailLayer {
            smtp_url: Some(wismo_domain::Secret::new(format!("smtp://{addr}?tls=none"))),
            smtp_ca_file: None,
            from: Some("updates@track.example.test".into()),
            unsubscribe_mailto: Some("unsubscribe@track.example.test".into()),
        },
        ..Layer::default()
    };
    let app = TestApp::with_layer(db, layer).await?;
    let mut policy = app.get("/api/v1/store/notifications").await.json();
    policy["burst_secs"] = json!(0);
    let key = app.key.clone();
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/notifications",
            Some(&key),
            Some(&policy),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    Some((app, capture))
}

/// Runs the due jobs as `wismo serve` would.
pub(crate) async fn run_jobs(app: &TestApp) -> jobs::Ran {
    let mailer = Mailer::from_settings(&app.state.config.email).expect("mailer");
    let runner = jobs::runner(JobContext {
        store: app.store.clone(),
        clock: app.clock.clone(),
        outbound: Outbound::default(),
        secrets: app.secrets.clone(),
        public_url: PUBLIC_URL.into(),
        notify: Some(Arc::new(Notifier::new(
            app.store.clone(),
            app.state.texts.clone(),
            mailer,
            Some(app.state.pages.clone()),
        ))),
    });
    tokio::time::timeout(Duration::from_secs(60), runner.run_pending())
        .await
        .expect("the jobs finish")
        .expect("jobs ran")
}

async fn out_for_delivery(app: &TestApp, number: &str, email: &str) -> Value {
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": number,
                "customer": { "name": "Ana Lima", "email": email, "locale": "de" },
                "destination": { "city": "Berlin", "country": "DE" },
                "items": [{ "name": "Espresso beans", "quantity": 2 }],
                "shipments": [{ "tracking_number": "1Z999AA10123456784", "carrier": "ups" }],
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let order = res.json();
    let res = app
        .post(
            &format!("/api/v1/shipments/{}/events", order["shipments"][0]["id"]),
            &json!({ "occurred_at": "2026-03-03T11:50:00Z", "stage": "out_for_delivery", "description": "Out for delivery" }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    order
}

async fn notifications(app: &TestApp, order: &Value) -> Vec<Value> {
    let res = app
        .get(&format!("/api/v1/orders/{}/notifications", order["id"]))
        .await;
    res.json()["items"].as_array().cloned().unwrap_or_default()
}

/// The decoded text of a part of the message: quoted-printable and base64 as lettre
/// writes them.
pub(crate) fn decoded(message: &Captured) -> String {
    let text = message.text();
    let mut out = String::new();
    for part in text.split("\r\n\r\n").skip(1) {
        let compact: String = part.lines().collect::<Vec<_>>().join("");
        use base64::Engine as _;
        if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(compact.trim()) {
            out.push_str(&String::from_utf8_lossy(&bytes));
        } else {
            out.push_str(&part.replace("=\r\n", "").replace("=3D", "="));
        }
        out.push('\n');
    }
    out
}

async fn an_update_email_arrives_over_smtp_and_its_one_click_link_unsubscribes(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    let order = out_for_delivery(&app, "#3001", "ana@example.com").await;
    run_jobs(&app).await;
    assert!(capture.wait_for(1, Duration::from_secs(5)).await);
    let messages = capture.messages();
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert_eq!(m.to, ["ana@example.com"]);
    assert_eq!(m.from, "updates@track.example.test");
    let from = m.header("From").unwrap_or_default();
    assert!(from.contains("Acme Coffee"), "{from}");
    let subject = m.header("Subject").unwrap_or_default();
    assert!(!subject.is_empty());
    assert_eq!(m.header("Content-Language").as_deref(), Some("de"));
    let message_id = m.header("Message-ID").unwrap_or_default();
    assert!(
        message_id.starts_with("<n") && message_id.ends_with("@track.example.test>"),
        "{message_id}"
    );
    assert!(m.header("In-Reply-To").is_some() && m.header("References").is_some());
    let unsubscribe = m.header("List-Unsubscribe").unwrap_or_default();
    assert!(
        unsubscribe.starts_with(&format!("<{PUBLIC_URL}/u/"))
            && unsubscribe.contains("<mailto:unsubscribe@track.example.test?subject=unsubscribe>"),
        "{unsubscribe}"
    );
    assert_eq!(
        m.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let raw = m.text();
    assert!(raw.contains("multipart/alternative"), "{raw}");
    assert!(raw.contains("text/plain") && raw.contains("text/html"));
    let body = decoded(m);
    // A message about one parcel opens that parcel's page, stored before the message went
    // out, in the customer's language: the click is a repeat view.
    let link = order["shipments"][0]["tracking_url"]
        .as_str()
        .unwrap_or_default();
    assert!(
        link.starts_with(PUBLIC_URL) && body.contains(link),
        "the private link: {link}\n{body}"
    );
    let token = ShipmentToken::parse(link.rsplit('/').next().unwrap_or_default()).unwrap();
    let key = app
        .store
        .page_key(&token, &app.page_build(), None)
        .await
        .unwrap()
        .unwrap();
    assert!(
        key.page("de").is_some(),
        "the linked page is stored in German"
    );
    assert!(body.contains("lang=\"de\""), "{body}");
    assert!(body.contains("#3001"));

    let listed = notifications(&app, &order).await;
    assert_eq!(listed[0]["status"], "sent", "{listed:?}");
    assert!(listed[0]["sent_at"].is_string());

    // The one-click POST, as a mail provider sends it: no cookies, no Origin.
    let link = unsubscribe
        .trim_start_matches('<')
        .split('>')
        .next()
        .unwrap_or_default()
        .trim_start_matches(PUBLIC_URL)
        .to_owned();
    let res = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(&link)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("List-Unsubscribe=One-Click"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(res.header("location").is_empty(), "no redirect");
    let read = app
        .get(&format!("/api/v1/orders/{}", order["id"]))
        .await
        .json();
    assert_eq!(read["customer"]["consent"]["email"], false);

    // A later order from the same customer stays quiet.
    let later = out_for_delivery(&app, "#3002", "Ana@Example.com").await;
    run_jobs(&app).await;
    assert_eq!(capture.received(), 1);
    assert!(notifications(&app, &later).await.is_empty());

    // The page offers to subscribe again; a GET changes nothing.
    let page = app.request(Method::GET, &link, None, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("choice") && page.text.contains("resubscribe"),
        "{}",
        page.text
    );
    let res = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(&link)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("choice=resubscribe"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let read = app
        .get(&format!("/api/v1/orders/{}", order["id"]))
        .await
        .json();
    assert_eq!(read["customer"]["consent"]["email"], true);

    // A forged or altered token is not found.
    let forged = format!("{}x", link);
    let res = app.request(Method::POST, &forged, None, None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

async fn a_relay_that_says_try_later_gets_the_same_message_again(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    capture.fail_next(&[451]);
    let order = out_for_delivery(&app, "#3101", "bo@example.com").await;
    run_jobs(&app).await;
    let listed = notifications(&app, &order).await;
    assert_eq!(listed[0]["status"], "queued", "{listed:?}");
    assert_eq!(listed[0]["attempts"], 1);
    assert!(
        listed[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("451")),
        "{listed:?}"
    );
    // The retry is due after its backoff.
    app.clock.advance(chrono::Duration::hours(1));
    let ran = run_jobs(&app).await;
    assert!(capture.wait_for(1, Duration::from_secs(5)).await, "{ran:?}");
    let listed = notifications(&app, &order).await;
    assert_eq!(listed[0]["status"], "sent", "{listed:?}");
    assert_eq!(listed[0]["attempts"], 2);
    let id = listed[0]["id"].as_i64().unwrap_or_default();
    let m = &capture.messages()[0];
    assert!(
        m.header("Message-ID")
            .is_some_and(|mid| mid.starts_with(&format!("<n{id}."))),
        "the identity fixed at insert"
    );
}

async fn a_permanent_refusal_fails_the_message_at_once(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    capture.fail_next(&[550]);
    let order = out_for_delivery(&app, "#3201", "nobody@example.com").await;
    run_jobs(&app).await;
    let listed = notifications(&app, &order).await;
    assert_eq!(listed[0]["status"], "failed", "{listed:?}");
    assert_eq!(listed[0]["attempts"], 1);
    assert_eq!(capture.received(), 0);
    let again = run_jobs(&app).await;
    assert_eq!(capture.received(), 0, "not tried again: {again:?}");
}

async fn a_customer_request_reaches_the_stores_support_address_at_once(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    let key = app.key.clone();
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&key),
            Some(&json!({ "support_email": "help@acme.example" })),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let order = out_for_delivery(&app, "#3301", "ana@example.com").await;
    let page = order["shipments"][0]["tracking_url"]
        .as_str()
        .unwrap_or_default()
        .trim_start_matches(PUBLIC_URL)
        .to_owned();
    let res = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(format!("{page}/requests"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(
                    "kind=other&message=Please+leave+it+at+the+back+door",
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    run_jobs(&app).await;
    assert!(capture.wait_for(2, Duration::from_secs(5)).await);
    let notice = capture
        .messages()
        .into_iter()
        .find(|m| m.to == ["help@acme.example"])
        .expect("the notice reached the support address");
    assert_eq!(
        notice.header("Reply-To").as_deref(),
        Some("ana@example.com")
    );
    assert!(notice.header("List-Unsubscribe").is_none());
    let body = decoded(&notice);
    assert!(
        body.contains("#3301") && body.contains("back door"),
        "{body}"
    );
}

async fn the_stores_own_words_reach_the_customer_as_previewed(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    let key = app.key.clone();
    let mut policy = app.get("/api/v1/store/notifications").await.json();
    policy["words"] = json!({
        "out_for_delivery": {
            "de": {
                "subject": "{first_name}, Bestellung {order_number} kommt heute",
                "opening": "Gute Nachricht von {store_name}: <b>heute</b> ist es so weit."
            }
        }
    });
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/notifications",
            Some(&key),
            Some(&policy),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(
        app.get("/api/v1/store/notifications").await.json()["words"],
        policy["words"]
    );

    // The preview is the message as the customer would get it, for a sample order.
    let res = app
        .get("/api/v1/store/notifications/preview?moment=out_for_delivery&language=de")
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let preview = res.json();
    assert_eq!(preview["subject"], "Ana, Bestellung #1001 kommt heute");
    assert_eq!(preview["language"], "de");
    let html = preview["html"].as_str().unwrap_or_default();
    assert!(html.contains("lang=\"de\""), "{html}");
    assert!(
        html.contains("&lt;b&gt;heute&lt;/b&gt;"),
        "the words are text, never HTML: {html}"
    );
    assert!(!html.contains("<b>heute</b>"));
    assert!(
        preview["text"]
            .as_str()
            .is_some_and(|t| t.contains("Gute Nachricht von"))
    );
    // Another store previews its own words, never these; without a key there is no preview.
    let other = app.other_store_key().await;
    let theirs = app
        .request(
            Method::GET,
            "/api/v1/store/notifications/preview?moment=out_for_delivery&language=de",
            Some(&other),
            None,
        )
        .await;
    assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.text);
    assert_ne!(theirs.json()["subject"], preview["subject"]);
    app.request(
        Method::GET,
        "/api/v1/store/notifications/preview?moment=out_for_delivery",
        None,
        None,
    )
    .await
    .problem(StatusCode::UNAUTHORIZED);
    // Another language keeps wismo's own words.
    let english = app
        .get("/api/v1/store/notifications/preview?moment=out_for_delivery&language=en")
        .await
        .json();
    assert_ne!(english["subject"], preview["subject"]);
    assert_eq!(english["language"], "en");
    // Every moment renders in every language.
    for moment in [
        "shipped",
        "delivered",
        "delivery_date_changed",
        "action_required",
        "returned",
    ] {
        for lang in ["en", "de", "es", "fr", "it", "pt"] {
            let res = app
                .get(&format!(
                    "/api/v1/store/notifications/preview?moment={moment}&language={lang}"
                ))
                .await;
            assert_eq!(res.status, StatusCode::OK, "{moment} {lang}: {}", res.text);
            assert!(
                !res.json()["subject"]
                    .as_str()
                    .unwrap_or_default()
                    .is_empty()
            );
        }
    }
    let res = app
        .get("/api/v1/store/notifications/preview?moment=teleported&channel=pigeon&language=xx")
        .await;
    let problem = res.problem(StatusCode::UNPROCESSABLE_ENTITY).to_string();
    for field in ["moment", "channel", "language"] {
        assert!(problem.contains(field), "{field}: {problem}");
    }

    // A placeholder that is not one is refused, naming the field.
    policy["words"]["out_for_delivery"]["de"]["subject"] = json!("Hallo {vorname}");
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/notifications",
            Some(&key),
            Some(&policy),
        )
        .await;
    let problem = res.problem(StatusCode::UNPROCESSABLE_ENTITY).to_string();
    assert!(
        problem.contains("words.out_for_delivery.de.subject"),
        "{problem}"
    );

    // The email the customer gets says what the preview said.
    out_for_delivery(&app, "#3301", "ana@example.com").await;
    run_jobs(&app).await;
    assert!(capture.wait_for(1, Duration::from_secs(5)).await);
    let m = &capture.messages()[0];
    assert_eq!(
        m.header("Subject").as_deref(),
        Some("Ana, Bestellung #3301 kommt heute")
    );
    assert!(decoded(m).contains("Gute Nachricht von"));
}

async fn the_unsubscribe_page_lets_the_customer_choose_channels(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": "#3401",
                "customer": {
                    "name": "Ana Lima", "email": "ana@example.com", "phone": "+14155550100",
                    "locale": "en", "consent": { "email": true, "sms": true }
                },
                "destination": { "city": "Austin", "country": "US" },
                "shipments": [{ "tracking_number": "1Z999AA10123456784", "carrier": "ups" }],
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let order = res.json();
    let res = app
        .post(
            &format!("/api/v1/shipments/{}/events", order["shipments"][0]["id"]),
            &json!({ "occurred_at": "2026-03-03T11:50:00Z", "stage": "out_for_delivery", "description": "Out for delivery" }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    run_jobs(&app).await;
    assert!(capture.wait_for(1, Duration::from_secs(5)).await);
    let header = capture.messages()[0]
        .header("List-Unsubscribe")
        .unwrap_or_default();
    let link = header
        .trim_start_matches('<')
        .split('>')
        .next()
        .unwrap_or_default()
        .trim_start_matches(PUBLIC_URL)
        .to_owned();

    // The page lists both channels, ticked, with the contacts masked.
    let page = app.request(Method::GET, &link, None, None).await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in [
        "name=\"channel\" value=\"email\" checked",
        "name=\"channel\" value=\"sms\" checked",
        "a***@example.com",
        "+1******0100",
    ] {
        assert!(page.text.contains(expected), "{expected}: {}", page.text);
    }
    assert!(!page.text.contains("ana@example.com"));

    // Keeping email and stopping texts.
    let res = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(&link)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("choice=channels&channel=email"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(
        res.text.contains("value=\"sms\">"),
        "sms unticked: {}",
        res.text
    );
    let read = app
        .get(&format!("/api/v1/orders/{}", order["id"]))
        .await
        .json();
    assert_eq!(read["customer"]["consent"]["email"], true);
    assert_eq!(read["customer"]["consent"]["sms"], false);

    // And texts back on, email off.
    let res = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(&link)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("choice=channels&channel=sms"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let read = app
        .get(&format!("/api/v1/orders/{}", order["id"]))
        .await
        .json();
    assert_eq!(read["customer"]["consent"]["email"], false);
    assert_eq!(read["customer"]["consent"]["sms"], true);
    // A channel the page does not know is a bad request.
    let res = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(&link)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("choice=channels&channel=pigeon"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

async fn a_new_order_is_confirmed_by_email_with_its_link_and_promise(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": "#8100",
                "customer": { "name": "Ana Lima", "email": "ana@example.com", "locale": "en" },
                "destination": { "city": "Portland", "postal_code": "97201", "country": "US" },
                "items": [{ "name": "Espresso beans", "quantity": 2 }],
                "shipments": [],
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let order = res.json();
    let ran = run_jobs(&app).await;
    assert!(capture.wait_for(1, Duration::from_secs(5)).await, "{ran:?}");
    let messages = capture.messages();
    assert_eq!(messages.len(), 1, "one confirmation");
    let mail = &messages[0];
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("We have your order #8100")
    );
    let body = decoded(mail);
    // The order's own link (the same all along), and the window promised at checkout.
    let url = order["order_url"].as_str().unwrap();
    let path = &url[url.find("/t/").unwrap()..];
    assert!(body.contains(&format!("{path}\"")), "{body}");
    let promise = &order["promise"];
    assert_eq!(promise["from"], "2026-03-06", "{order}");
    assert!(
        body.contains("Expected delivery: Fri 6 Mar =E2=80=93 Mon 16 Mar"),
        "{body}"
    );
    let told = notifications(&app, &order).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0]["moment"], "order_confirmed");
    assert_eq!(told[0]["status"], "sent");
}
