//! The merchant's actions on the lists: the CSV export of the orders found, and bulk
//! actions on the orders picked. Each stays inside the signed-in user's store.

use axum::http::StatusCode;
use serde_json::json;
use wismo_domain::RequestStatus;
use wismo_domain::admin::Role;

use crate::admin::{csrf_field, owner, signed_in};
use crate::admin_actions::{notifications_of, order_for, request_on};
use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    the_csv_export_has_every_row_and_neutralises_formulas,
    bulk_actions_count_what_they_did_and_skip_another_stores_ids,
);

async fn the_csv_export_has_every_row_and_neutralises_formulas(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    // More rows than a page of the list shows.
    let rows = wismo_server::http::admin::home::PAGE_ROWS as usize + 2;
    for n in 0..rows {
        let name = if n == 0 {
            "=cmd|' /C calc'!A0"
        } else {
            "Ana Lima"
        };
        let order = order_for(&app, &format!("#E-{n:03}"), name, Some("ana@example.com")).await;
        let res = app
            .post(
                &format!("/api/v1/shipments/{}/events", order["shipments"][0]["id"]),
                &json!({ "occurred_at": "2026-03-02T08:00:00Z", "stage": "exception", "substatus": "damaged", "description": "Package damaged" }),
            )
            .await;
        assert!(res.status.is_success(), "{}", res.text);
    }
    let mut owner = owner(&app).await;
    let res = owner.get(&app, "/admin/export.csv").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.header("content-type"), "text/csv; charset=utf-8");
    let lines: Vec<&str> = res.text.lines().collect();
    assert_eq!(
        lines[0],
        "order_number,customer_name,customer_email,carrier,tracking_number,stage,why_listed,since"
    );
    assert_eq!(lines.len(), rows + 1, "{}", res.text);
    let first = lines
        .iter()
        .find(|l| l.starts_with("#E-000,"))
        .expect("the first order");
    assert!(first.contains(",'=cmd|' /C calc'!A0,"), "{first}");
    assert!(
        first.contains(",ana@example.com,ups,") && first.contains(",exception,"),
        "{first}"
    );
    assert!(first.contains("2026-03-02 08:00 UTC"), "{first}");
    // The search's orders, every page.
    let found = owner.get(&app, "/admin/export.csv?q=ana@example.com").await;
    assert_eq!(found.text.lines().count(), rows + 1);
    assert!(found.text.contains("'=cmd"));
    // Of one kind: none of these are requests.
    let none = owner.get(&app, "/admin/export.csv?kind=request").await;
    assert_eq!(none.text.lines().count(), 1);
    // Another store's owner sees none of it.
    let other = app
        .store
        .create_store(&crate::harness::new_store("globex", "Globex"))
        .await
        .unwrap();
    let mut boss = signed_in(
        &app,
        other.id,
        "boss@globex.example",
        Role::Owner,
        "203.0.113.9:4000",
    )
    .await;
    let theirs = boss.get(&app, "/admin/export.csv?q=ana@example.com").await;
    assert_eq!(theirs.text.lines().count(), 1, "{}", theirs.text);
    assert_eq!(
        boss.get(&app, "/admin/export.csv")
            .await
            .text
            .lines()
            .count(),
        1
    );
}

async fn bulk_actions_count_what_they_did_and_skip_another_stores_ids(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let a = order_for(&app, "#5401", "Ana Lima", Some("ana@example.com")).await;
    let b = order_for(&app, "#5402", "Bo Berg", Some("bo@example.com")).await;
    let silent = order_for(&app, "#5403", "Cy", None).await;
    let other_key = app.other_store_key().await;
    let other = app.store.get_store_by_slug("globex").await.unwrap();
    let theirs = app
        .order_with_key(&other_key, "#G-1", &["1Z999AA10123456799"])
        .await;
    let ra = request_on(&app, app.store_id, &a).await;
    let rb = request_on(&app, app.store_id, &b).await;
    let rt = request_on(&app, other.id, &theirs).await;
    let mut owner = owner(&app).await;
    let home = owner.get(&app, "/admin").await;
    assert!(
        home.text
            .contains(&format!("name=\"pick\" value=\"{}:{ra}\"", a["id"])),
        "{}",
        home.text
    );
    let csrf = csrf_field(&home.text);
    let (ai, bi, si, ti) = (
        a["id"].to_string(),
        b["id"].to_string(),
        silent["id"].to_string(),
        theirs["id"].to_string(),
    );
    let page = owner
        .act(
            &app,
            "/admin/bulk",
            &[
                ("csrf", &csrf),
                ("action", "email"),
                ("pick", &ai),
                ("pick", &format!("{ai}:{ra}")),
                ("pick", &bi),
                ("pick", &si),
                ("pick", &ti),
            ],
        )
        .await;
    assert!(
        page.text
            .contains("Done for 2; refused for 1 (no address, or unsubscribed); 1 skipped."),
        "{}",
        page.text
    );
    for (order, n) in [(&a, 1), (&b, 1), (&silent, 0)] {
        let listed = notifications_of(&app, app.store_id, order).await;
        assert_eq!(listed.len(), n, "{}", order["order_number"]);
    }
    let theirs_listed = notifications_of(&app, other.id, &theirs).await;
    assert!(theirs_listed.is_empty());
    // Requests: one by its row, one by its order; another store's is left open.
    let page = owner
        .act(
            &app,
            "/admin/bulk",
            &[
                ("csrf", &csrf),
                ("action", "handle"),
                ("kind", "request"),
                ("pick", &format!("{ai}:{ra}")),
                ("pick", &bi),
                ("pick", &format!("{ai}:{rt}")),
                ("pick", &format!("{ti}:{rt}")),
            ],
        )
        .await;
    assert!(
        page.text.contains("Done for 2; refused for 0"),
        "{}",
        page.text
    );
    assert!(page.text.contains("2 skipped."), "{}", page.text);
    for (store, r, status) in [
        (app.store_id, ra, RequestStatus::Resolved),
        (app.store_id, rb, RequestStatus::Resolved),
        (other.id, rt, RequestStatus::Open),
    ] {
        let got = app.store.get_customer_request(store, r).await.unwrap();
        assert_eq!(got.status, status);
    }
    // Nothing ticked: said so; no token: refused.
    let page = owner
        .act(&app, "/admin/bulk", &[("csrf", &csrf), ("action", "email")])
        .await;
    assert!(page.text.contains("Select at least one order first."));
    let refused = owner
        .post(&app, "/admin/bulk", &[("action", "email"), ("pick", &ai)])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
