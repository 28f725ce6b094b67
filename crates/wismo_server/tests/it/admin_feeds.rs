//! The admin's store platforms page over HTTP: a platform secret set on the page that
//! then verifies a Shopify delivery, wismo's own secrets and the order-link key shown
//! once, an aggregator's secret that then verifies its pushes, and a CSV file uploaded
//! through the form and imported.

use axum::http::StatusCode;
use serde_json::json;

use crate::admin::csrf_field;
use crate::admin_connect::{multipart, people, shown_once};
use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    a_platform_secret_set_on_the_page_verifies_a_shopify_delivery,
    an_aggregators_secret_set_on_the_page_verifies_its_pushes,
    a_csv_uploaded_on_the_page_becomes_an_import,
);

async fn a_platform_secret_set_on_the_page_verifies_a_shopify_delivery(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let (mut owner, _) = people(&app).await;
    let page = owner.get(&app, "/admin/settings/integrations").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(
        page.text.contains("/integrations/shopify/acme"),
        "{}",
        page.text
    );
    let csrf = csrf_field(&page.text);
    let missing = owner
        .post(
            &app,
            "/admin/settings/integrations/shopify/secret",
            &[("csrf", &csrf), ("secret", " ")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let set = owner
        .post(
            &app,
            "/admin/settings/integrations/shopify/secret",
            &[("csrf", &csrf), ("secret", "shpss_from_the_page")],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    let after = owner
        .get(&app, "/admin/settings/integrations?done=secret")
        .await;
    assert!(!after.text.contains("shpss_from_the_page"));
    assert!(after.text.contains("Replace the secret"), "{}", after.text);

    let body = crate::integrations::shopify_order(5830012345678, "#1001", json!([]));
    let wrong = crate::integrations::shopify(&app, "orders/create", "w-1", &body, "guess").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{}", wrong.text);
    let res =
        crate::integrations::shopify(&app, "orders/create", "w-2", &body, "shpss_from_the_page")
            .await;
    assert!(res.status.is_success(), "{} {}", res.status, res.text);
    crate::integrations::run_jobs(&app).await;
    let log = owner.get(&app, "/admin/settings/integrations").await;
    assert!(
        log.text.contains("orders/create") && log.text.contains("created"),
        "{}",
        log.text
    );
    assert!(log.text.contains("refused"));

    // WooCommerce and the generic feed get a secret made by wismo, shown once.
    let made = owner
        .post(
            &app,
            "/admin/settings/integrations/generic/secret",
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.text);
    let secret = shown_once(&made.text, "shown-secret");
    assert!(secret.starts_with("whsec_"));
    assert!(
        !owner
            .get(&app, "/admin/settings/integrations")
            .await
            .text
            .contains(&secret)
    );
    // The order-link key: made once, replaced on request.
    let key = owner
        .post(
            &app,
            "/admin/settings/integrations/link-key",
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(key.status, StatusCode::OK);
    let first = shown_once(&key.text, "shown-secret");
    assert!(key.text.contains("/acme/o/{platform}/{id}?s={signature}"));
    let again = owner
        .post(
            &app,
            "/admin/settings/integrations/link-key",
            &[("csrf", &csrf)],
        )
        .await;
    assert_ne!(shown_once(&again.text, "shown-secret"), first);
}

async fn an_aggregators_secret_set_on_the_page_verifies_its_pushes(db: Db) {
    use wismo_carriers::push::Provider;
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let (mut owner, mut staff) = people(&app).await;
    let page = owner.get(&app, "/admin/settings/integrations").await;
    assert!(
        page.text.contains("/webhooks/easypost/acme"),
        "{}",
        page.text
    );
    let csrf = csrf_field(&page.text);
    let path = "/admin/settings/integrations/aggregators/easypost/secret";
    let staff_csrf = staff.csrf(&app).await;
    let refused = staff
        .post(
            &app,
            path,
            &[("csrf", &staff_csrf), ("secret", "staff-guess")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let empty = owner
        .post(&app, path, &[("csrf", &csrf), ("secret", "")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = owner
        .post(
            &app,
            "/admin/settings/integrations/aggregators/nobody/secret",
            &[("csrf", &csrf), ("secret", "x")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let body = crate::webhooks::example(Provider::EasyPost);
    let before = Provider::EasyPost.sign("es-secret-from-the-page", &body);
    let res = app
        .send(crate::webhooks::push(
            Provider::EasyPost,
            "acme",
            Some(before),
            body.clone(),
        ))
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let set = owner
        .post(
            &app,
            path,
            &[("csrf", &csrf), ("secret", " es-secret-from-the-page ")],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    let after = owner
        .get(&app, "/admin/settings/integrations?done=aggregator")
        .await;
    assert!(!after.text.contains("es-secret-from-the-page"));
    assert!(after.text.contains("A secret is set."), "{}", after.text);
    let signed = Provider::EasyPost.sign("es-secret-from-the-page", &body);
    let res = app
        .send(crate::webhooks::push(
            Provider::EasyPost,
            "acme",
            Some(signed),
            body,
        ))
        .await;
    assert!(res.status.is_success(), "{} {}", res.status, res.text);
}

async fn a_csv_uploaded_on_the_page_becomes_an_import(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let (_, mut staff) = people(&app).await;
    let csrf = staff.csrf(&app).await;
    // Larger than the admin's other forms may be (8 KiB).
    let mut csv = String::from("order_number,customer_name,tracking_number\n");
    for n in 0..300 {
        csv.push_str(&format!(
            "#{},Customer number {n},WISMO{:010}\n",
            7000 + n,
            n
        ));
    }
    assert!(csv.len() > 8 * 1024);
    let res = staff
        .post_raw(
            &app,
            "/admin/settings/imports",
            "multipart/form-data; boundary=XyZ",
            multipart(&csrf, &csv),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let location = res.header("location").to_owned();
    assert!(
        location.starts_with("/admin/settings/imports/"),
        "{location}"
    );
    let queued = staff.get(&app, &location).await;
    assert_eq!(queued.status, StatusCode::OK);
    assert!(queued.text.contains("queued"), "{}", queued.text);
    crate::integrations::run_jobs(&app).await;
    let done = staff.get(&app, &location).await;
    assert!(done.text.contains("<strong>done</strong>"), "{}", done.text);
    assert!(done.text.contains("300 created"), "{}", done.text);
    let found = app.get("/api/v1/orders?limit=200").await.json();
    assert_eq!(found["data"].as_array().unwrap().len(), 200);
    // The same import through the API reads the same record.
    let id = location.rsplit('/').next().unwrap();
    let api = app.get(&format!("/api/v1/imports/{id}")).await;
    assert_eq!(api.json()["status"], "done");
    let empty = staff
        .post_raw(
            &app,
            "/admin/settings/imports",
            "multipart/form-data; boundary=XyZ",
            multipart(&csrf, ""),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
}
