//! The admin's settings over HTTP: the index, the notification policy and its previews,
//! domains, the carriers the server has, CSRF and tenant isolation. The branding page is
//! in `admin_branding.rs`.

use axum::http::{Method, StatusCode};
use serde_json::json;
use std::collections::BTreeMap;
use wismo_domain::admin::Role;
use wismo_server::config::{CarrierLayer, Layer};

use crate::admin::{PASSWORD, Visitor, csrf_field, owner, staff, user};
use crate::admin_branding::{PNG, upload};
use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    settings_posts_without_the_forms_token_are_refused,
    each_user_sees_and_changes_only_their_own_stores_settings,
    the_notification_policy_is_saved_through_the_form,
    a_message_preview_renders_in_the_chosen_language,
    domains_are_saved_by_owners_and_only_shown_to_staff,
    the_carriers_page_lists_a_configured_carrier_and_no_secret,
);

pub(crate) async fn store_view(app: &TestApp, key: &str) -> serde_json::Value {
    let res = app
        .request(Method::GET, "/api/v1/store", Some(key), None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json()
}

/// The branding form's fields as the page has them, with `changes` made.
pub(crate) fn branding_form<'a>(
    csrf: &'a str,
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![("csrf", csrf)];
    if !changes.iter().any(|(name, _)| *name == "lang") {
        form.push(("lang", "en"));
    }
    form.extend_from_slice(changes);
    form
}

async fn settings_posts_without_the_forms_token_are_refused(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    for (path, form) in [
        (
            "/admin/settings/branding",
            vec![("action", "save"), ("primary_color", "#000000")],
        ),
        ("/admin/settings/notifications", vec![("daily_cap", "1")]),
        ("/admin/settings/domains", vec![("domains", "x.example")]),
    ] {
        let res = owner.post(&app, path, &form).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
        let mut wrong = form.clone();
        wrong.push(("csrf", "not-the-token"));
        let res = owner.post(&app, path, &wrong).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
    }
    let upload = upload(&app, &owner, "", "image/png", PNG).await;
    assert_eq!(upload.status, StatusCode::FORBIDDEN);
    let store = store_view(&app, &app.key).await;
    assert!(store["branding"]["primary_color"].is_null());
    assert_eq!(store["domains"], json!([]));
    assert!(store["logo_url"].is_null());
}

async fn each_user_sees_and_changes_only_their_own_stores_settings(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let other_key = app.other_store_key().await;
    let other = app.store.get_store_by_slug("globex").await.unwrap();
    user(&app, other.id, "boss@globex.example", Role::Owner).await;
    let theirs = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&other_key),
            Some(&json!({ "support_email": "help@globex.example", "primary_color": "#aa0000" })),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.text);
    let hosts = app
        .request(
            Method::PUT,
            "/api/v1/store/hosts",
            Some(&other_key),
            Some(&json!({ "domains": ["track.globex.example"] })),
        )
        .await;
    assert_eq!(hosts.status, StatusCode::OK, "{}", hosts.text);
    for path in [
        "/admin/settings/branding",
        "/admin/settings/domains",
        "/admin/settings/notifications",
    ] {
        let page = owner.get(&app, path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.text.contains("globex"), "{path}: {}", page.text);
    }
    // Acme's owner saves: only Acme changes.
    let csrf = owner.csrf(&app).await;
    let saved = owner
        .post(
            &app,
            "/admin/settings/branding",
            &branding_form(&csrf, &[("action", "save"), ("primary_color", "#00aa00")]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let saved = owner
        .post(
            &app,
            "/admin/settings/domains",
            &[("csrf", &csrf), ("domains", "track.acme.example")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    // A domain that is another store's is refused, kept as typed.
    let taken = owner
        .post(
            &app,
            "/admin/settings/domains",
            &[("csrf", &csrf), ("domains", "track.globex.example")],
        )
        .await;
    assert_eq!(
        taken.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        taken.text
    );
    assert!(taken.text.contains("track.globex.example"));
    let globex = store_view(&app, &other_key).await;
    assert_eq!(globex["branding"]["primary_color"], "#aa0000");
    assert_eq!(globex["domains"], json!(["track.globex.example"]));
    let acme = store_view(&app, &app.key).await;
    assert_eq!(acme["branding"]["primary_color"], "#00aa00");
    assert_eq!(acme["domains"], json!(["track.acme.example"]));
    // Globex's owner sees Globex's.
    let mut boss = Visitor::new("203.0.113.7:4000");
    boss.sign_in(&app, "boss@globex.example", PASSWORD).await;
    let page = boss.get(&app, "/admin/settings/branding").await;
    assert!(page.text.contains("help@globex.example"), "{}", page.text);
    assert!(!page.text.contains("#00aa00"));
}

async fn the_notification_policy_is_saved_through_the_form(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let page = owner
        .get(&app, "/admin/settings/notifications?lang=de")
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("name=\"ch:email:shipped\""));
    let csrf = csrf_field(&page.text);
    let form = |cap: &'static str, subject: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("lang", "de".to_owned()),
            ("ch:email:shipped", "on".to_owned()),
            ("ch:email:delivered", "on".to_owned()),
            ("ch:sms:out_for_delivery", "on".to_owned()),
            ("off:voice", "on".to_owned()),
            ("quiet_start", "22:00".to_owned()),
            ("quiet_end", "07:00".to_owned()),
            ("daily_cap", cap.to_owned()),
            ("burst_secs", "300".to_owned()),
            ("stall_days", "5".to_owned()),
            ("digest", "on".to_owned()),
            ("subject:shipped", subject.to_owned()),
            ("opening:shipped", String::new()),
        ]
    };
    // A cap that is not a number and words with an unknown placeholder come back as typed.
    let f = form("lots", "Unterwegs: {tracking_url}");
    let refused = owner
        .post(&app, "/admin/settings/notifications", &pairs(&f))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    assert!(refused.text.contains("value=\"lots\""), "{}", refused.text);
    assert!(refused.text.contains("id=\"daily_cap-error\""));
    assert!(
        refused.text.contains("id=\"subject:shipped-error\""),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("value=\"Unterwegs: {tracking_url}\""));
    let f = form("0", "");
    let too_few = owner
        .post(&app, "/admin/settings/notifications", &pairs(&f))
        .await;
    assert_eq!(too_few.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_few.text.contains("id=\"daily_cap-error\""));
    let f = form("3", "Unterwegs: {order_number}");
    let saved = owner
        .post(&app, "/admin/settings/notifications", &pairs(&f))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(
        saved.header("location"),
        "/admin/settings/notifications?saved=1&lang=de"
    );
    let policy = app
        .request(
            Method::GET,
            "/api/v1/store/notifications",
            Some(&app.key),
            None,
        )
        .await
        .json();
    assert_eq!(policy["channels"]["email"], json!(["shipped", "delivered"]));
    assert_eq!(policy["channels"]["sms"], json!(["out_for_delivery"]));
    assert_eq!(policy["off"], json!(["voice"]));
    assert_eq!(
        policy["quiet_hours"],
        json!({ "start": "22:00", "end": "07:00" })
    );
    assert_eq!(policy["daily_cap"], 3);
    assert_eq!(policy["burst_secs"], 300);
    assert_eq!(policy["stall_days"], 5);
    assert_eq!(policy["digest"], true);
    assert_eq!(policy["quiet_email"], false);
    assert_eq!(
        policy["words"]["shipped"]["de"]["subject"],
        "Unterwegs: {order_number}"
    );
    let shown = owner
        .get(&app, "/admin/settings/notifications?saved=1&lang=de")
        .await;
    assert!(shown.text.contains("Saved."));
    assert!(shown.text.contains("value=\"Unterwegs: {order_number}\""));
    // Words in another language are kept when English ones are saved.
    let en = owner
        .get(&app, "/admin/settings/notifications?lang=en")
        .await;
    assert!(!en.text.contains("Unterwegs"));
}

async fn a_message_preview_renders_in_the_chosen_language(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let page = owner
        .get(
            &app,
            "/admin/settings/notifications?moment=out_for_delivery&channel=email&language=de",
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let api = app
        .request(
            Method::GET,
            "/api/v1/store/notifications/preview?moment=out_for_delivery&language=de",
            Some(&app.key),
            None,
        )
        .await
        .json();
    let subject = api["subject"].as_str().unwrap();
    assert!(
        page.text.contains(&askama_escape(subject)),
        "{subject}: {}",
        page.text
    );
    let src = "/admin/settings/notifications/email?moment=out_for_delivery&language=de";
    assert!(
        page.text.contains(&src.replace('&', "&#38;"))
            || page.text.contains(&src.replace('&', "&amp;")),
        "{}",
        page.text
    );
    let email = owner.get(&app, src).await;
    assert_eq!(email.status, StatusCode::OK);
    assert!(email.text.contains("lang=\"de\""), "{}", email.text);
    assert_eq!(email.text, api["html"].as_str().unwrap());
    let sms = owner
        .get(
            &app,
            "/admin/settings/notifications?moment=shipped&channel=sms&language=fr",
        )
        .await;
    assert_eq!(sms.status, StatusCode::OK);
    assert!(
        sms.text.contains("not written by this wismo yet"),
        "{}",
        sms.text
    );
}

fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn askama_escape(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

async fn domains_are_saved_by_owners_and_only_shown_to_staff(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let page = owner.get(&app, "/admin/settings/domains").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("CNAME"), "{}", page.text);
    assert!(
        page.text.contains("track.example.test"),
        "the CNAME's target: {}",
        page.text
    );
    // The widget's snippet is the one docs/INTEGRATIONS.md gives, with what a shop's CSP
    // must allow.
    for shown in [
        "&lt;div data-wismo-track&gt;",
        "/acme/track&quot;&gt;Track your order&lt;/a&gt;",
        "/acme/widget.js&quot; defer&gt;&lt;/script&gt;",
        "allow https://track.example.test in script-src and connect-src",
    ] {
        assert!(page.text.contains(shown), "{shown}: {}", page.text);
    }
    let csrf = csrf_field(&page.text);
    let bad = owner
        .post(
            &app,
            "/admin/settings/domains",
            &[
                ("csrf", &csrf),
                ("domains", "track.acme.example\nnot a host"),
                ("widget_origins", "ftp://acme.example"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("domains[1]"), "{}", bad.text);
    assert!(bad.text.contains("widget_origins[0]"), "{}", bad.text);
    assert!(bad.text.contains("not a host"));
    let saved = owner
        .post(
            &app,
            "/admin/settings/domains",
            &[
                ("csrf", &csrf),
                (
                    "domains",
                    "Track.Acme.example\r\n\r\nshop-track.acme.example",
                ),
                ("widget_origins", "https://acme.example"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let store = store_view(&app, &app.key).await;
    assert_eq!(
        store["domains"],
        json!(["shop-track.acme.example", "track.acme.example"])
    );
    assert_eq!(store["widget_origins"], json!(["https://acme.example"]));
    let mut staff = staff(&app).await;
    let shown = staff.get(&app, "/admin/settings/domains").await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.text.contains("shop-track.acme.example"));
    assert!(shown.text.contains("Only the store"));
    let csrf = csrf_field(&shown.text);
    let refused = staff
        .post(
            &app,
            "/admin/settings/domains",
            &[("csrf", &csrf), ("domains", "")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        store_view(&app, &app.key).await["domains"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    // Staff may see and change the branding and notifications, and see the carriers.
    for path in [
        "/admin/settings/branding",
        "/admin/settings/notifications",
        "/admin/settings/carriers",
    ] {
        assert_eq!(staff.get(&app, path).await.status, StatusCode::OK, "{path}");
    }
}

async fn the_carriers_page_lists_a_configured_carrier_and_no_secret(db: Db) {
    let layer = Layer {
        carriers: BTreeMap::from([(
            "ups".to_owned(),
            CarrierLayer {
                client_id: Some("acme-client-id-77".into()),
                client_secret: Some(wismo_domain::Secret::new("sup3r-s3cret-value")),
                rate_per_second: Some(2.0),
                burst: Some(4),
                ..Default::default()
            },
        )]),
        ..Default::default()
    };
    let Some(app) = TestApp::with_layer(db, layer).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let page = owner.get(&app, "/admin/settings/carriers").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("UPS"), "{}", page.text);
    assert!(page.text.contains("Live"), "{}", page.text);
    assert!(
        page.text.contains("2 calls a second, 4 at once"),
        "{}",
        page.text
    );
    assert!(page.text.contains("These are the server"), "{}", page.text);
    assert!(!page.text.contains("sup3r-s3cret-value"));
    assert!(!page.text.contains("acme-client-id-77"));
    assert!(!page.text.contains("FEDEX"));
}
