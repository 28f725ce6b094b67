//! The audit log: a change made through the admin or the API is kept with who made it; a
//! read, a refused attempt and a feed's everyday traffic are not; owners read it, staff
//! cannot; old entries are pruned.

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::json;
use wismo_domain::Clock as _;
use wismo_domain::admin::Role;
use wismo_server::router::{Access, Verb, table};

use crate::admin::{PASSWORD, Visitor, csrf_field, user};
use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    changes_are_kept_with_who_made_them_and_reads_are_not,
    only_owners_read_the_log_and_old_entries_are_pruned,
);

async fn changes_are_kept_with_who_made_them_and_reads_are_not(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let order = app.order("#1001", &["1Z999AA10123456784"]).await;
    let id = order["id"].as_i64().unwrap();
    let mut owner = Visitor::new("203.0.113.5:4000");
    owner.sign_in(&app, "owner@acme.example", PASSWORD).await;
    let story = owner.get(&app, &format!("/admin/orders/{id}")).await;
    let csrf = csrf_field(&story.text);
    let reissued = owner
        .post(
            &app,
            &format!("/admin/orders/{id}/reissue"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(reissued.status, StatusCode::SEE_OTHER, "{}", reissued.text);
    // A form without its token changed nothing, and is not kept.
    let refused = owner
        .post(
            &app,
            &format!("/admin/orders/{id}/reissue"),
            &[("csrf", "wrong")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let branded = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key.clone()),
            Some(&json!({ "primary_color": "#166534" })),
        )
        .await;
    assert_eq!(branded.status, StatusCode::OK, "{}", branded.text);
    // Not found: nothing changed.
    let missing = app.post("/api/v1/orders/999999/cancel", &json!({})).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let log = owner.get(&app, "/admin/audit").await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.text);
    let rows: Vec<&str> = log.text.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 2, "{}", log.text);
    // Newest first: the key's change, then the owner's.
    assert!(
        rows[0].contains("PUT /api/v1/store/branding"),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains("API key test (wismo_sk_"), "{}", rows[0]);
    assert!(
        rows[1].contains("POST /admin/orders/{id}/reissue"),
        "{}",
        rows[1]
    );
    assert!(rows[1].contains("owner@acme.example"), "{}", rows[1]);
    assert!(rows[1].contains(&format!("/admin/orders/{id}/reissue")));
    for absent in ["/api/v1/orders<", "cancel", "GET "] {
        assert!(!log.text.contains(absent), "{absent}: {}", log.text);
    }
}

async fn only_owners_read_the_log_and_old_entries_are_pruned(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    user(&app, app.store_id, "staff@acme.example", Role::Staff).await;
    let mut staff = Visitor::new("203.0.113.6:4000");
    staff.sign_in(&app, "staff@acme.example", PASSWORD).await;
    assert_eq!(
        staff.get(&app, "/admin/audit").await.status,
        StatusCode::FORBIDDEN
    );
    let home = staff.get(&app, "/admin").await;
    assert!(!home.text.contains("/admin/audit"), "no link for staff");

    let branded = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key.clone()),
            Some(&json!({ "accent_color": "#166534" })),
        )
        .await;
    assert_eq!(branded.status, StatusCode::OK, "{}", branded.text);
    let kept = app.store.audit_log(app.store_id, None, 10).await.unwrap();
    assert_eq!(kept.len(), 1);
    app.clock
        .advance(wismo_server::jobs::AUDIT_KEPT - Duration::days(1));
    let now = app.clock.now();
    assert_eq!(
        app.store
            .prune_audit(now - wismo_server::jobs::AUDIT_KEPT)
            .await
            .unwrap(),
        0
    );
    app.clock.advance(Duration::days(2));
    let now = app.clock.now();
    assert_eq!(
        app.store
            .prune_audit(now - wismo_server::jobs::AUDIT_KEPT)
            .await
            .unwrap(),
        1
    );
    assert!(
        app.store
            .audit_log(app.store_id, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

#[test]
fn every_change_with_a_stores_credentials_is_audited_but_feeds_traffic() {
    let feeds = [
        "/api/v1/orders",
        "/api/v1/orders/{id}/shipments",
        "/api/v1/shipments/{id}/events",
        "/api/v1/imports",
    ];
    for route in table().routes() {
        let change = route.access.acts_for_a_store() && route.verb != Verb::Get;
        let feed = route.verb == Verb::Post && feeds.contains(&route.path.as_str());
        assert_eq!(
            route.audited,
            change && !feed,
            "{:?} {} {}",
            route.access,
            route.verb.method(),
            route.path
        );
        if route.access == Access::Public {
            assert!(!route.audited);
        }
    }
}
