//! The merchant's actions on an order's page: the private link by email, a message sent
//! again, a handled request's note, a scan by hand and a corrected parcel (the lists' CSV
//! export and bulk actions are `admin_lists`). Each is a CSRF-protected POST that stays
//! inside the signed-in user's store; staff may do them all.

use axum::http::StatusCode;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use wismo_domain::admin::Role;
use wismo_domain::notify::Channel;
use wismo_domain::{Clock, OrderId, RequestStatus, ShipmentId, StoreId};

use crate::admin::{PASSWORD, csrf_field, owner, staff, user};
use crate::email::{app_with_relay, decoded, run_jobs};
use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    the_private_link_reaches_the_customer_in_their_language_and_is_listed,
    a_sent_email_goes_again_as_a_new_notification_but_never_past_an_opt_out,
    a_handled_requests_note_reaches_the_customer_by_email_when_asked,
    a_scan_by_hand_moves_the_parcel_and_shows_as_manual_in_the_api_and_the_page,
    a_corrected_tracking_number_is_polled_again_and_a_bad_one_is_refused,
    another_stores_ids_are_not_found_staff_may_act_and_posts_need_the_token,
);

/// Tracking numbers handed out by [`order_for`], each once.
static NEXT: AtomicU64 = AtomicU64::new(2_000_000_000);

/// An order through the API with `email` and the German locale for its customer, one UPS
/// parcel.
pub(crate) async fn order_for(
    app: &TestApp,
    number: &str,
    name: &str,
    email: Option<&str>,
) -> Value {
    let mut customer = json!({ "name": name, "locale": "de" });
    if let Some(email) = email {
        customer["email"] = json!(email);
    }
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": number,
                "customer": customer,
                "destination": { "city": "Berlin", "country": "DE" },
                "items": [{ "name": "Espresso beans", "quantity": 2 }],
                "shipments": [{ "tracking_number": format!("1Z999AA1{:010}", NEXT.fetch_add(1, Ordering::Relaxed)), "carrier": "ups" }],
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.json()
}

/// The notifications of `order` in `store`, oldest first.
pub(crate) async fn notifications_of(
    app: &TestApp,
    store: StoreId,
    order: &Value,
) -> Vec<wismo_store::notify::Notification> {
    app.store
        .list_notifications(
            store,
            wismo_store::NotificationsOf::Order(OrderId(id(&order["id"]))),
        )
        .await
        .unwrap()
}

pub(crate) fn id(v: &Value) -> i64 {
    v.as_i64().expect("an id")
}

async fn the_private_link_reaches_the_customer_in_their_language_and_is_listed(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    let order = order_for(&app, "#5001", "Ana Lima", Some("ana@example.com")).await;
    let mut owner = owner(&app).await;
    let path = format!("/admin/orders/{}", order["id"]);
    let csrf = owner.form_csrf(&app, &path).await;
    let page = owner
        .act(&app, &format!("{path}/email-link"), &[("csrf", &csrf)])
        .await;
    assert!(
        page.text
            .contains("The private link is on its way to the customer by email."),
        "{}",
        page.text
    );
    run_jobs(&app).await;
    assert!(capture.wait_for(1, Duration::from_secs(5)).await);
    let messages = capture.messages();
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert_eq!(m.to, ["ana@example.com"]);
    let token = app
        .store
        .get_order(app.store_id, OrderId(id(&order["id"])))
        .await
        .unwrap()
        .token;
    let body = decoded(m);
    assert!(body.contains(&format!("/t/{token}")), "{body}");
    assert!(
        m.header("Subject")
            .is_some_and(|s| s.contains("Verfolgen") || s.contains("=?utf-8?")),
        "{:?}",
        m.header("Subject")
    );
    assert!(body.contains("Sendungsverfolgung"), "{body}");
    // Listed with the order's messages, as sent.
    let page = owner.get(&app, &path).await;
    assert!(page.text.contains("tracking_link · email"), "{}", page.text);
    let listed = app
        .get(&format!("/api/v1/orders/{}/notifications", order["id"]))
        .await
        .json();
    let items = listed["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{listed}");
    assert_eq!(items[0]["moment"], "tracking_link");
    assert_eq!(items[0]["status"], "sent");
    // An order without an address: the page says why nothing went.
    let silent = order_for(&app, "#5002", "Bo", None).await;
    let page = owner
        .act(
            &app,
            &format!("/admin/orders/{}/email-link", silent["id"]),
            &[("csrf", &csrf)],
        )
        .await;
    assert!(
        page.text
            .contains("Not sent: the order has no email address."),
        "{}",
        page.text
    );
}

async fn a_sent_email_goes_again_as_a_new_notification_but_never_past_an_opt_out(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    let order = order_for(&app, "#5101", "Ana Lima", Some("ana@example.com")).await;
    let mut owner = owner(&app).await;
    let path = format!("/admin/orders/{}", order["id"]);
    let csrf = owner.form_csrf(&app, &path).await;
    owner
        .act(&app, &format!("{path}/email-link"), &[("csrf", &csrf)])
        .await;
    run_jobs(&app).await;
    assert!(capture.wait_for(1, Duration::from_secs(5)).await);
    let first = notifications_of(&app, app.store_id, &order).await;
    assert_eq!(first.len(), 1);
    let sent = first[0].id;
    let page = owner.get(&app, &path).await;
    assert!(
        page.text
            .contains(&format!("{path}/notifications/{sent}/resend")),
        "{}",
        page.text
    );
    let page = owner
        .act(
            &app,
            &format!("{path}/notifications/{sent}/resend"),
            &[("csrf", &csrf)],
        )
        .await;
    assert!(
        page.text
            .contains("The message is queued to be sent again."),
        "{}",
        page.text
    );
    run_jobs(&app).await;
    assert!(capture.wait_for(2, Duration::from_secs(5)).await);
    let all = notifications_of(&app, app.store_id, &order).await;
    assert_eq!(all.len(), 2, "a new notification, the old one kept");
    assert_ne!(all[1].identity, all[0].identity);
    assert_eq!(all[1].moment, all[0].moment);
    assert_eq!(
        all[1].status,
        wismo_domain::notify::NotificationStatus::Sent
    );
    // Unsubscribed: neither the link nor a resend goes, and the page says why.
    app.store
        .set_opt_out(app.store_id, "ana@example.com", &[Channel::Email], true)
        .await
        .unwrap();
    for action in [
        format!("{path}/notifications/{sent}/resend"),
        format!("{path}/email-link"),
    ] {
        let page = owner.act(&app, &action, &[("csrf", &csrf)]).await;
        assert!(
            page.text
                .contains("Not sent: the customer said no to email"),
            "{action}: {}",
            page.text
        );
        assert!(page.text.contains("class=\"error\""), "{}", page.text);
    }
    let after = notifications_of(&app, app.store_id, &order).await;
    assert_eq!(after.len(), 2);
}

async fn a_handled_requests_note_reaches_the_customer_by_email_when_asked(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    let order = order_for(&app, "#5151", "Ana Lima", Some("ana@example.com")).await;
    let quiet = request_on(&app, app.store_id, &order).await;
    let asked = request_on(&app, app.store_id, &order).await;
    let mut owner = owner(&app).await;
    let path = format!("/admin/orders/{}", order["id"]);
    let page = owner.get(&app, &path).await;
    assert!(
        page.text.contains(&format!("id=\"email-{asked}\"")),
        "{}",
        page.text
    );
    let csrf = csrf_field(&page.text);
    // Without the box ticked, the note stays on the page.
    let page = owner
        .act(
            &app,
            &format!("{path}/requests/{quiet}/handle"),
            &[("csrf", &csrf), ("note", "Looked into it")],
        )
        .await;
    assert!(page.text.contains("The request is marked handled."));
    let page = owner
        .act(
            &app,
            &format!("{path}/requests/{asked}/handle"),
            &[
                ("csrf", &csrf),
                ("note", "A new parcel left today <b>by courier</b>."),
                ("email", "1"),
            ],
        )
        .await;
    assert!(
        page.text
            .contains("your note is on its way to the customer"),
        "{}",
        page.text
    );
    run_jobs(&app).await;
    assert!(capture.wait_for(1, Duration::from_secs(5)).await);
    let messages = capture.messages();
    assert_eq!(messages.len(), 1, "only the ticked note is emailed");
    let body = decoded(&messages[0]);
    assert!(
        body.contains("A new parcel left today <b>by courier</b>."),
        "{body}"
    );
    assert!(
        body.contains("&lt;b&gt;by courier&lt;/b&gt;"),
        "escaped in HTML: {body}"
    );
    assert!(body.contains("Acme Coffee schreibt:"), "{body}");
    let listed = notifications_of(&app, app.store_id, &order).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].moment.as_str(), "request_answered");
    assert_eq!(
        listed[0].note.as_deref(),
        Some("A new parcel left today <b>by courier</b>.")
    );
    for r in [quiet, asked] {
        let got = app
            .store
            .get_customer_request(app.store_id, r)
            .await
            .unwrap();
        assert_eq!(got.status, RequestStatus::Resolved);
    }
}

async fn a_scan_by_hand_moves_the_parcel_and_shows_as_manual_in_the_api_and_the_page(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = order_for(&app, "#5201", "Ana Lima", Some("ana@example.com")).await;
    let shipment = id(&order["shipments"][0]["id"]);
    let mut owner = owner(&app).await;
    let path = format!("/admin/orders/{}", order["id"]);
    let story = owner.get(&app, &path).await.text;
    // The time typed is read in the store's time zone, which the form names.
    assert!(story.contains("time: America/Los_Angeles."), "{story}");
    let csrf = csrf_field(&story);
    let scans = format!("{path}/shipments/{shipment}/scans");
    let page = owner
        .act(
            &app,
            &scans,
            &[
                ("csrf", &csrf),
                ("stage", "out_for_delivery"),
                ("occurred_at", "2026-03-03T11:50"),
                ("location", "Berlin Depot"),
                ("note", "Handed to our courier"),
            ],
        )
        .await;
    assert!(page.text.contains("The scan is recorded"), "{}", page.text);
    assert!(page.text.contains("Handed to our courier"));
    assert!(page.text.contains("entered by hand"), "{}", page.text);
    let api = app
        .get(&format!("/api/v1/shipments/{shipment}"))
        .await
        .json();
    assert_eq!(api["stage"], "out_for_delivery", "{api}");
    let events = api["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{api}");
    assert_eq!(events[0]["source"], "manual");
    assert_eq!(events[0]["location"], "Berlin Depot");
    assert!(
        events[0]["occurred_at"]
            .as_str()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .is_some_and(|t| t.to_utc().to_rfc3339() == "2026-03-03T19:50:00+00:00"),
        "{api}"
    );
    // The pipeline's messages follow, as for a carrier's scan.
    let notes = app
        .get(&format!("/api/v1/shipments/{shipment}/notifications"))
        .await
        .json();
    assert!(
        notes["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["moment"] == "out_for_delivery"),
        "{notes}"
    );
    // A time past tomorrow, an unknown stage or no words are refused, and nothing is kept.
    for (stage, at, note) in [
        ("delivered", "2026-03-09T10:00", "Delivered"),
        ("teleported", "", "Gone"),
        ("delivered", "", ""),
        ("delivered", "yesterday", "Delivered"),
    ] {
        let page = owner
            .act(
                &app,
                &scans,
                &[
                    ("csrf", &csrf),
                    ("stage", stage),
                    ("occurred_at", at),
                    ("note", note),
                ],
            )
            .await;
        assert!(
            page.text.contains("The scan was not recorded"),
            "{stage} {at}: {}",
            page.text
        );
    }
    let api = app
        .get(&format!("/api/v1/shipments/{shipment}"))
        .await
        .json();
    assert_eq!(api["events"].as_array().unwrap().len(), 1);
    assert_eq!(api["stage"], "out_for_delivery");
}

async fn a_corrected_tracking_number_is_polled_again_and_a_bad_one_is_refused(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = order_for(&app, "#5301", "Ana Lima", Some("ana@example.com")).await;
    let shipment = id(&order["shipments"][0]["id"]);
    // A worker holds the parcel's poll.
    let leases = app
        .store
        .claim_due_shipments("worker-1", chrono::Duration::minutes(10), 10)
        .await
        .unwrap();
    assert!(leases.iter().any(|l| l.shipment_id.0 == shipment));
    let mut owner = owner(&app).await;
    let path = format!("/admin/orders/{}", order["id"]);
    let csrf = owner.form_csrf(&app, &path).await;
    let correct = format!("{path}/shipments/{shipment}/correct");
    for (number, carrier) in [("abc", ""), ("", "not a carrier!"), ("", "")] {
        let page = owner
            .act(
                &app,
                &correct,
                &[
                    ("csrf", &csrf),
                    ("tracking_number", number),
                    ("carrier", carrier),
                ],
            )
            .await;
        assert!(
            page.text.contains("Not corrected"),
            "{number}: {}",
            page.text
        );
    }
    let page = owner
        .act(
            &app,
            &correct,
            &[
                ("csrf", &csrf),
                ("tracking_number", "9400 1000 0000 0000 0000 00"),
                ("carrier", "usps"),
            ],
        )
        .await;
    assert!(
        page.text.contains("The parcel is corrected"),
        "{}",
        page.text
    );
    let api = app
        .get(&format!("/api/v1/shipments/{shipment}"))
        .await
        .json();
    assert_eq!(api["tracking_number"], "9400100000000000000000", "{api}");
    assert_eq!(api["carrier"], "usps");
    let due = app.store.due_shipments(100).await.unwrap();
    let ours = due
        .iter()
        .find(|d| d.shipment_id == ShipmentId(shipment))
        .expect("in the schedule");
    assert_eq!(ours.leased_by, None, "the old lease is void");
    assert!(ours.next_poll_at <= app.clock.now(), "due now");
    assert_eq!(ours.tracking_number.as_str(), "9400100000000000000000");
}

/// A request on the order's first parcel, in `store`.
pub(crate) async fn request_on(
    app: &TestApp,
    store: StoreId,
    order: &Value,
) -> wismo_domain::RequestId {
    app.store
        .create_customer_request(
            store,
            &wismo_domain::NewCustomerRequest {
                shipment_id: ShipmentId(id(&order["shipments"][0]["id"])),
                kind: wismo_domain::RequestKind::Other,
                message: Some("Where is it?".into()),
            },
        )
        .await
        .unwrap()
        .id
}

async fn another_stores_ids_are_not_found_staff_may_act_and_posts_need_the_token(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut staff = staff(&app).await;
    let ours = order_for(&app, "#5501", "Ana Lima", Some("ana@example.com")).await;
    let other_key = app.other_store_key().await;
    let other = app.store.get_store_by_slug("globex").await.unwrap();
    let theirs = app
        .order_with_key(&other_key, "#G-2", &["1Z999AA10123456798"])
        .await;
    let their_request = request_on(&app, other.id, &theirs).await;
    // A notification of theirs, to try to send again.
    let res = app
        .request(
            axum::http::Method::POST,
            &format!("/api/v1/shipments/{}/events", theirs["shipments"][0]["id"]),
            Some(&other_key),
            Some(&json!({ "occurred_at": "2026-03-03T11:00:00Z", "stage": "out_for_delivery", "description": "Out" })),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    let their_note = notifications_of(&app, other.id, &theirs)
        .await
        .into_iter()
        .find(|n| n.channel == Channel::Email)
        .expect("their email")
        .id;
    let (o, t) = (ours["id"].to_string(), theirs["id"].to_string());
    let (os, ts) = (
        ours["shipments"][0]["id"].to_string(),
        theirs["shipments"][0]["id"].to_string(),
    );
    let csrf = staff.csrf(&app).await;
    let scan = [
        ("csrf", csrf.as_str()),
        ("stage", "in_transit"),
        ("note", "Sorted"),
        ("tracking_number", "1Z999AA10123456700"),
    ];
    let mut paths = Vec::new();
    for order in [&o, &t] {
        // Their order, or their parcel or message under ours.
        paths.push(format!("/admin/orders/{order}/shipments/{ts}/scans"));
        paths.push(format!("/admin/orders/{order}/shipments/{ts}/correct"));
        paths.push(format!(
            "/admin/orders/{order}/notifications/{their_note}/resend"
        ));
        paths.push(format!(
            "/admin/orders/{order}/requests/{their_request}/handle"
        ));
    }
    paths.push(format!("/admin/orders/{t}/email-link"));
    paths.push(format!("/admin/orders/{t}/shipments/{os}/scans"));
    paths.push(format!("/admin/orders/{t}/reissue"));
    for path in &paths {
        let res = staff.post(&app, path, &scan).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}: {}", res.text);
    }
    let untouched = app
        .request(
            axum::http::Method::GET,
            &format!("/api/v1/shipments/{ts}"),
            Some(&other_key),
            None,
        )
        .await
        .json();
    assert_eq!(untouched["events"].as_array().unwrap().len(), 1);
    assert_eq!(untouched["tracking_number"], "1Z999AA10123456798");
    // Without the token: 403, and nothing recorded.
    let ours_paths = [
        format!("/admin/orders/{o}/email-link"),
        format!("/admin/orders/{o}/shipments/{os}/scans"),
        format!("/admin/orders/{o}/shipments/{os}/correct"),
        format!("/admin/orders/{o}/notifications/1/resend"),
    ];
    for path in &ours_paths {
        let res = staff.post(&app, path, &scan[1..]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
        let res = staff
            .post(&app, path, &[("csrf", "wrong"), ("note", "x")])
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
    }
    let api = app.get(&format!("/api/v1/shipments/{os}")).await.json();
    assert!(api["events"].as_array().unwrap().is_empty());
    // Staff may act.
    let page = staff
        .act(
            &app,
            &format!("/admin/orders/{o}/shipments/{os}/scans"),
            &scan,
        )
        .await;
    assert!(page.text.contains("The scan is recorded"), "{}", page.text);
    let page = staff
        .act(
            &app,
            &format!("/admin/orders/{o}/email-link"),
            &[("csrf", &csrf)],
        )
        .await;
    assert!(page.text.contains("The private link is on its way"));
    let page = staff
        .act(
            &app,
            &format!("/admin/orders/{o}/shipments/{os}/correct"),
            &[("csrf", &csrf), ("tracking_number", "1Z999AA10123456701")],
        )
        .await;
    assert!(page.text.contains("The parcel is corrected"));
    let csv = staff.get(&app, "/admin/export.csv?q=5501").await;
    assert!(csv.text.contains("#5501,"), "{}", csv.text);
}

/// In headless Chromium at 390×844 and at desktop size: an order's page, a scan added by
/// hand through its form, shown in the timeline as entered by hand; nothing scrolls
/// sideways and every field has a label. On SQLite only: the HTTP tests cover both
/// backends, and a browser is the slow part.
#[tokio::test]
async fn a_scan_added_by_hand_on_a_phone_and_on_a_desk() {
    use fantoccini::Locator;
    use std::net::SocketAddr;
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = crate::browser::browser().await else {
        return;
    };
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
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let order = order_for(&app, "#5601", "Ana Lima", Some("ana@example.com")).await;
    let shipment = id(&order["shipments"][0]["id"]);
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    let landed = |path: String| async move {
        for _ in 0..200 {
            if c.current_url().await.unwrap().path() == path {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("not at {path}: {}", c.source().await.unwrap());
    };
    let type_into = |id: String, text: &'static str| async move {
        c.find(Locator::Id(&id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    };
    let click = |css: &'static str| async move {
        c.find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    };
    let checks = |page: &'static str| async move {
        let overflow = c
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
            .await
            .unwrap();
        assert!(
            overflow.as_i64().unwrap() <= 0,
            "{page} scrolls sideways: {overflow}"
        );
        let unlabelled = c
            .execute("return [...document.querySelectorAll('input:not([type=hidden]), textarea, select')].filter(e => !e.labels || e.labels.length === 0).length;", vec![])
            .await
            .unwrap();
        assert_eq!(unlabelled, json!(0), "{page}: unlabelled fields");
    };
    c.goto(&format!("{base}/admin/login")).await.unwrap();
    type_into("email".into(), "owner@acme.example").await;
    type_into("password".into(), PASSWORD).await;
    click("main form button[type=submit]").await;
    landed("/admin".into()).await;
    let path = format!("/admin/orders/{}", order["id"]);
    c.goto(&format!("{base}{path}")).await.unwrap();
    checks("order").await;
    // The form is folded away until asked for, and works without scripts.
    click("section.parcel details summary").await;
    let stage = c
        .find(Locator::Id(&format!("stage-{shipment}")))
        .await
        .unwrap();
    stage.select_by_value("out_for_delivery").await.unwrap();
    type_into(format!("place-{shipment}"), "Berlin Depot").await;
    type_into(format!("what-{shipment}"), "Handed to our own courier").await;
    click("form[action$='/scans'] button[type=submit]").await;
    // The order's page was at this path already: wait for the answer itself.
    let mut source = String::new();
    for _ in 0..200 {
        source = c.source().await.unwrap();
        if source.contains("The scan is recorded") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    landed(path.clone()).await;
    assert!(source.contains("The scan is recorded"), "{source}");
    assert!(source.contains("Handed to our own courier"));
    let badge = c
        .find(Locator::Css("td .badge"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(badge, "entered by hand");
    let stage_shown = c
        .find(Locator::Css("section.parcel h3 .stage"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(stage_shown.contains("out_for_delivery"), "{stage_shown}");
    checks("order after a scan").await;
    let parcel_in_view = "document.querySelector('section.parcel').scrollIntoView();";
    c.execute(parcel_in_view, vec![]).await.unwrap();
    crate::browser::assert_accessible(c, "admin-order-manual-scan-phone").await;
    crate::browser::save_screenshot(c, "admin-order-manual-scan-phone").await;
    c.set_window_size(1280, 900).await.unwrap();
    click("section.parcel details summary").await;
    checks("order at a desk").await;
    c.execute(parcel_in_view, vec![]).await.unwrap();
    crate::browser::assert_accessible(c, "admin-order-manual-scan-desktop").await;
    crate::browser::save_screenshot(c, "admin-order-manual-scan-desktop").await;
    // On a phone, the search's orders ticked and their links emailed, without scripts.
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&format!("{base}/admin?q=5601")).await.unwrap();
    checks("search").await;
    click("ul.list input[name=pick]").await;
    click("fieldset.bulk button[value=email]").await;
    // The search's page was at /admin already: wait for the answer's notice itself.
    let mut notice = String::new();
    for _ in 0..200 {
        if let Ok(found) = c.find(Locator::Css("p[role=status]")).await {
            notice = found.text().await.unwrap_or_default();
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    landed("/admin".into()).await;
    assert!(notice.starts_with("Done for 1; refused for 0"), "{notice}");
    checks("search after a bulk action").await;
    crate::browser::assert_accessible(c, "admin-search-bulk-phone").await;
    crate::browser::save_screenshot(c, "admin-search-bulk-phone").await;
    browser.close().await;
}
