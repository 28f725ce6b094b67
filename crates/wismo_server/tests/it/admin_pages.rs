//! The merchant admin's pages over HTTP and in a browser: roles and tenant isolation, the
//! first run's links, the attention list leading to an order's story and its actions.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use std::net::SocketAddr;
use wismo_domain::Clock;
use wismo_domain::admin::Role;
use wismo_server::http::admin::links;

use crate::admin::{PASSWORD, Visitor, csrf_field, staff, user};
use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    staff_cannot_open_the_team_page_and_another_stores_order_is_not_found,
    the_first_runs_link_makes_the_owner_once,
    a_first_run_link_without_a_store_makes_one,
    the_attention_list_leads_to_an_orders_story_and_its_actions,
);

async fn staff_cannot_open_the_team_page_and_another_stores_order_is_not_found(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let mut staff = staff(&app).await;
    let refused = staff.get(&app, "/admin/team").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.text.contains("owner@acme.example"));
    let mut owner = Visitor::new("203.0.113.5:4000");
    owner.sign_in(&app, "owner@acme.example", PASSWORD).await;
    let team = owner.get(&app, "/admin/team").await;
    assert_eq!(team.status, StatusCode::OK);
    assert!(team.text.contains("staff@acme.example") && team.text.contains("owner@acme.example"));
    assert!(
        team.text.contains("wismo apikey create --store acme"),
        "{}",
        team.text
    );
    // Another store's users and orders stay out of sight.
    let other_key = app.other_store_key().await;
    let other = app.store.get_store_by_slug("globex").await.unwrap();
    user(&app, other.id, "boss@globex.example", Role::Owner).await;
    assert!(!owner.get(&app, "/admin/team").await.text.contains("globex"));
    let theirs = app
        .order_with_key(&other_key, "#G-1", &["1Z999AA10123456784"])
        .await;
    let ours = app.order("#A-1", &["1Z999AA10123456785"]).await;
    for who in [&mut owner, &mut staff] {
        let hidden = who
            .get(&app, &format!("/admin/orders/{}", theirs["id"]))
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        let shown = who
            .get(&app, &format!("/admin/orders/{}", ours["id"]))
            .await;
        assert_eq!(shown.status, StatusCode::OK, "{}", shown.text);
    }
    let csrf = owner.csrf(&app).await;
    let reissue = owner
        .post(
            &app,
            &format!("/admin/orders/{}/reissue", theirs["id"]),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(reissue.status, StatusCode::NOT_FOUND);
    let their_request = app
        .store
        .create_customer_request(
            other.id,
            &wismo_domain::NewCustomerRequest {
                shipment_id: wismo_domain::ShipmentId(
                    theirs["shipments"][0]["id"].as_i64().unwrap(),
                ),
                kind: wismo_domain::RequestKind::Other,
                message: None,
            },
        )
        .await
        .unwrap();
    for order in [&theirs, &ours] {
        let handled = owner
            .post(
                &app,
                &format!(
                    "/admin/orders/{}/requests/{}/handle",
                    order["id"], their_request.id
                ),
                &[("csrf", &csrf), ("note", "not mine")],
            )
            .await;
        assert_eq!(handled.status, StatusCode::NOT_FOUND);
    }
    let still = app
        .store
        .get_customer_request(other.id, their_request.id)
        .await
        .unwrap();
    assert_eq!(still.status, wismo_domain::RequestStatus::Open);
    // Not on a store's own domain: the admin is wismo's.
    let hosts = app
        .request(
            axum::http::Method::PUT,
            "/api/v1/store/hosts",
            Some(&app.key),
            Some(&json!({ "domains": ["track.acme.example"] })),
        )
        .await;
    assert_eq!(hosts.status, StatusCode::OK, "{}", hosts.text);
    for (host, status) in [
        ("track.acme.example", StatusCode::NOT_FOUND),
        ("track.example.test", StatusCode::OK),
    ] {
        let res = app
            .send(
                Request::get("/admin/login")
                    .header("host", host)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status, status, "{host}");
    }
    let found = owner.get(&app, "/admin?q=G-1").await;
    assert!(found.text.contains("No order matches"), "{}", found.text);
}

async fn the_first_runs_link_makes_the_owner_once(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let url = links::first_run(
        app.store.as_ref(),
        app.clock.as_ref(),
        "https://track.example.test",
    )
    .await
    .unwrap()
    .expect("a link on a server without users");
    let spare = links::first_run(
        app.store.as_ref(),
        app.clock.as_ref(),
        "https://track.example.test",
    )
    .await
    .unwrap()
    .unwrap();
    let path = url
        .strip_prefix("https://track.example.test")
        .unwrap()
        .to_owned();
    let mut visitor = Visitor::new("203.0.113.5:4000");
    let form = visitor.get(&app, &path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.text);
    assert!(form.text.contains("name=\"email\""));
    let csrf = csrf_field(&form.text);
    let short = visitor
        .post(
            &app,
            &path,
            &[
                ("email", "me@acme.example"),
                ("password", "short"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short.text.contains("at least 12 characters"),
        "{}",
        short.text
    );
    let done = visitor
        .post(
            &app,
            &path,
            &[
                ("email", "me@acme.example"),
                ("password", PASSWORD),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    // The first run's owner goes on to the setup guide.
    assert_eq!(done.header("location"), "/admin/welcome");
    let users = app.store.list_users(app.store_id).await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(
        (users[0].role, users[0].email.as_str()),
        (Role::Owner, "me@acme.example")
    );
    assert_eq!(visitor.get(&app, "/admin").await.status, StatusCode::OK);
    // Used once; another start's link no longer works; and with a user, no first-run link
    // is made again.
    let spare = spare.strip_prefix("https://track.example.test").unwrap();
    let mut late_comer = Visitor::new("198.51.100.9:4000");
    assert_eq!(
        late_comer.get(&app, spare).await.status,
        StatusCode::NOT_FOUND
    );
    let again = Visitor::new("203.0.113.5:4000").get(&app, &path).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert!(
        links::first_run(app.store.as_ref(), app.clock.as_ref(), "https://x")
            .await
            .unwrap()
            .is_none()
    );
    // A reset link sets a new password and ends the user's sessions; it expires in an hour.
    let reset = links::make(
        app.store.as_ref(),
        app.clock.as_ref(),
        "https://x",
        wismo_domain::admin::LinkPurpose::SetPassword,
        Some(users[0].id),
        None,
    )
    .await
    .unwrap();
    let reset_path = reset.strip_prefix("https://x").unwrap().to_owned();
    let mut other = Visitor::new("203.0.113.9:4000");
    let form = other.get(&app, &reset_path).await;
    assert!(form.text.contains("me@acme.example"), "{}", form.text);
    let csrf = csrf_field(&form.text);
    let new_password = "another long passphrase";
    let res = other
        .post(
            &app,
            &reset_path,
            &[("password", new_password), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    // A reset goes straight to work, not to the guide.
    assert_eq!(res.header("location"), "/admin");
    assert_eq!(
        visitor.get(&app, "/admin").await.status,
        StatusCode::SEE_OTHER
    );
    let expiring = links::make(
        app.store.as_ref(),
        app.clock.as_ref(),
        "https://x",
        wismo_domain::admin::LinkPurpose::SetPassword,
        Some(users[0].id),
        None,
    )
    .await
    .unwrap();
    app.clock
        .set(app.clock.now() + chrono::Duration::minutes(61));
    let late = other
        .get(&app, expiring.strip_prefix("https://x").unwrap())
        .await;
    assert_eq!(late.status, StatusCode::NOT_FOUND);
}

async fn a_first_run_link_without_a_store_makes_one(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let url = links::make(
        app.store.as_ref(),
        app.clock.as_ref(),
        "https://x",
        wismo_domain::admin::LinkPurpose::Claim,
        None,
        None,
    )
    .await
    .unwrap();
    let path = url.strip_prefix("https://x").unwrap().to_owned();
    let mut visitor = Visitor::new("203.0.113.5:4000");
    let form = visitor.get(&app, &path).await;
    assert!(form.text.contains("name=\"store_name\""), "{}", form.text);
    let csrf = csrf_field(&form.text);
    // The slug of an existing store cannot be taken twice: the page says so.
    let taken = visitor
        .post(
            &app,
            &path,
            &[
                ("email", "me@globex.example"),
                ("password", PASSWORD),
                ("store_name", "Acme"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        taken.text.contains("A store with this name exists already"),
        "{}",
        taken.text
    );
    let made = visitor
        .post(
            &app,
            &path,
            &[
                ("email", "me@globex.example"),
                ("password", PASSWORD),
                ("store_name", "Globex Goods!"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text);
    let store = app.store.get_store_by_slug("globex-goods").await.unwrap();
    assert_eq!(store.name, "Globex Goods!");
    let users = app.store.list_users(store.id).await.unwrap();
    assert_eq!(users[0].email.as_str(), "me@globex.example");
    assert!(app.store.list_users(app.store_id).await.unwrap().is_empty());
}

async fn the_attention_list_leads_to_an_orders_story_and_its_actions(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let calm = app.order("#A-100", &["1Z999AA10123456784"]).await;
    let broken = app.order("#A-101", &["1Z999AA10123456785"]).await;
    let shipment = &broken["shipments"][0];
    let res = app
        .post(
            &format!("/api/v1/shipments/{}/events", shipment["id"]),
            &json!({ "occurred_at": "2026-03-02T08:00:00-06:00", "stage": "exception", "substatus": "damaged", "description": "Package damaged", "location": "Louisville, KY, US" }),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    let request = app
        .store
        .create_customer_request(
            app.store_id,
            &wismo_domain::NewCustomerRequest {
                shipment_id: wismo_domain::ShipmentId(shipment["id"].as_i64().unwrap()),
                kind: wismo_domain::RequestKind::Damaged,
                message: Some("The box was crushed".into()),
            },
        )
        .await
        .unwrap();
    let mut owner = Visitor::new("203.0.113.5:4000");
    owner.sign_in(&app, "owner@acme.example", PASSWORD).await;
    let home = owner.get(&app, "/admin").await;
    assert!(home.text.contains("Order #A-101"), "{}", home.text);
    assert!(!home.text.contains("Order #A-100"), "{}", home.text);
    assert!(home.text.contains("A parcel is damaged"), "{}", home.text);
    assert!(
        home.text.contains("The customer asked: damaged"),
        "{}",
        home.text
    );
    assert!(
        home.text
            .contains("Needs attention <span class=\"count\">2</span>")
    );
    let only_requests = owner.get(&app, "/admin?kind=request").await;
    assert_eq!(only_requests.text.matches("<li class=").count(), 1);
    // Search by number, email, name and tracking number.
    for q in ["a101", "ana@example.com", "lima", "1Z999AA10123456785"] {
        let found = owner.get(&app, &format!("/admin?q={q}")).await;
        assert!(
            found
                .text
                .contains(&format!("/admin/orders/{}", broken["id"])),
            "{q}"
        );
        if q == "a101" || q == "1Z999AA10123456785" {
            assert!(
                !found
                    .text
                    .contains(&format!("/admin/orders/{}\"", calm["id"])),
                "{q}"
            );
        }
    }
    let path = format!("/admin/orders/{}", broken["id"]);
    let story = owner.get(&app, &path).await;
    for shown in [
        "ana@example.com",
        "+14155550100",
        "Espresso beans",
        "Package damaged",
        "exception · damaged",
        "The box was crushed",
    ] {
        assert!(story.text.contains(shown), "{shown}: {}", story.text);
    }
    let csrf = csrf_field(&story.text);
    let handled = owner
        .post(
            &app,
            &format!("{path}/requests/{}/handle", request.id),
            &[("csrf", &csrf), ("note", "Sent a new one")],
        )
        .await;
    assert_eq!(handled.status, StatusCode::SEE_OTHER);
    let story = owner.get(&app, handled.header("location")).await;
    assert!(
        story.text.contains("Note: Sent a new one"),
        "{}",
        story.text
    );
    let home = owner.get(&app, "/admin").await;
    assert!(!home.text.contains("The customer asked"), "{}", home.text);
    // Reissuing the link ends the old one.
    let old_link = app
        .store
        .get_order(
            app.store_id,
            wismo_domain::OrderId(broken["id"].as_i64().unwrap()),
        )
        .await
        .unwrap()
        .token;
    let reissued = owner
        .post(&app, &format!("{path}/reissue"), &[("csrf", &csrf)])
        .await;
    assert_eq!(reissued.status, StatusCode::SEE_OTHER);
    let new_link = app
        .store
        .get_order(
            app.store_id,
            wismo_domain::OrderId(broken["id"].as_i64().unwrap()),
        )
        .await
        .unwrap()
        .token;
    assert_ne!(old_link, new_link);
    assert_eq!(
        app.get(&format!("/t/{old_link}")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// In headless Chromium at 390×844: the first run's link and the setup guide after it (one
/// step saved, one skipped, then finished), signing out and in again, the attention list
/// with a seeded exception, and that order's page. Served over plain http, so the cookie
/// is the unprefixed one without Secure, as on a loopback demo. On SQLite only: the HTTP
/// tests cover both backends, and a browser is the slow part.
#[tokio::test]
async fn first_run_sign_in_attention_and_an_order_in_a_phones_browser() {
    use fantoccini::Locator;
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
    let broken = app.order("#A-201", &["1Z999AA10123456784"]).await;
    app.post(
        &format!("/api/v1/shipments/{}/events", broken["shipments"][0]["id"]),
        &json!({ "occurred_at": "2026-03-02T08:00:00-06:00", "stage": "exception", "substatus": "damaged", "description": "Package damaged", "location": "Louisville, KY, US" }),
    )
    .await;
    let link = links::first_run(app.store.as_ref(), app.clock.as_ref(), &base)
        .await
        .unwrap()
        .unwrap();
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    let fill = |id: &'static str, text: &'static str| async move {
        c.find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    };
    let submit = || async {
        c.find(Locator::Css("main form button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    };
    // A click starts a navigation; wait until it has landed.
    let landed = |path: String| async move {
        for _ in 0..200 {
            if c.current_url().await.unwrap().path() == path {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("not at {path}: {}", c.source().await.unwrap());
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
            .execute("return [...document.querySelectorAll('input:not([type=hidden]), textarea')].filter(e => !e.labels || e.labels.length === 0).length;", vec![])
            .await
            .unwrap();
        assert_eq!(unlabelled, json!(0), "{page}: unlabelled fields");
        crate::browser::assert_accessible(c, &format!("admin-{page}-phone")).await;
        crate::browser::save_screenshot(c, &format!("admin-{page}-phone")).await;
    };
    c.goto(&link).await.unwrap();
    checks("setup").await;
    fill("email", "owner@acme.example").await;
    fill("password", PASSWORD).await;
    submit().await;
    // The first run goes on to the setup guide: the brand step saved, the orders step
    // skipped, the email step (no relay here) finished.
    landed("/admin/welcome".into()).await;
    checks("welcome").await;
    let click = |locator: Locator<'static>| async move {
        c.find(locator).await.unwrap().click().await.unwrap();
    };
    click(Locator::Css("a.button[href='/admin/welcome/brand']")).await;
    landed("/admin/welcome/brand".into()).await;
    assert!(c.source().await.unwrap().contains("Step 1 of 3"));
    checks("welcome-brand").await;
    fill("primary_color", "#1a56db").await;
    fill("support_email", "help@acme.example").await;
    click(Locator::Css("form#brand button[type=submit]")).await;
    landed("/admin/welcome/orders".into()).await;
    checks("welcome-orders").await;
    let branding = crate::admin_settings::store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(branding["primary_color"], "#1a56db", "{branding}");
    assert_eq!(branding["support_email"], "help@acme.example", "{branding}");
    click(Locator::LinkText("Skip this step")).await;
    landed("/admin/welcome/email".into()).await;
    assert!(c.source().await.unwrap().contains("WISMO_SMTP_URL"));
    checks("welcome-email").await;
    click(Locator::LinkText("Finish")).await;
    landed("/admin".into()).await;
    let cookies = c.get_all_cookies().await.unwrap();
    let session = cookies
        .iter()
        .find(|k| k.name() == "wismo_admin")
        .expect("the session cookie");
    assert!(session.http_only() == Some(true) && session.secure() != Some(true));
    // Out, and in again through the form.
    c.find(Locator::Css("details.account summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("form[action='/admin/logout'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    landed("/admin/login".into()).await;
    checks("login").await;
    fill("email", "owner@acme.example").await;
    fill("password", PASSWORD).await;
    submit().await;
    landed("/admin".into()).await;
    let row = c.find(Locator::Css("ol.attention li a")).await.unwrap();
    assert!(row.text().await.unwrap().contains("Order #A-201"));
    checks("attention").await;
    row.click().await.unwrap();
    landed(format!("/admin/orders/{}", broken["id"])).await;
    let heading = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(heading, "Order #A-201");
    assert!(c.source().await.unwrap().contains("Package damaged"));
    checks("order").await;
    // And the attention list at desktop size, for people to look at.
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&format!("{base}/admin")).await.unwrap();
    crate::browser::assert_accessible(c, "admin-attention-desktop").await;
    crate::browser::save_screenshot(c, "admin-attention-desktop").await;
    browser.close().await;
}
