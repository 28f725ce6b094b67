//! The branding's page texts in the admin (questions and answers, footer links, the words
//! in other languages) shown on the real tracking page and refused as the API refuses
//! them; the returns link and the rating switch on the branding form; customers' ratings
//! on the admin's order page.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use wismo_domain::admin::Role;

use crate::admin::{csrf_field, owner, signed_in};
use crate::admin_settings::{branding_form, store_view};
use crate::harness::{Db, TestApp, link};

crate::on_both_backends!(
    page_texts_saved_in_the_admin_show_on_the_tracking_page_in_their_language,
    refused_page_texts_come_back_as_typed_and_nothing_is_saved,
    page_texts_posts_without_the_forms_token_are_refused,
    staff_may_edit_the_page_texts,
    the_returns_link_and_the_rating_switch_round_trip_through_the_branding_form,
    the_order_page_shows_a_parcels_rating_once_given,
);

async fn scan(app: &TestApp, shipment: &Value, stage: &str) {
    let res = app
        .request(
            Method::POST,
            &format!("/api/v1/shipments/{}/events", shipment["id"]),
            Some(&app.key),
            Some(&json!({ "occurred_at": "2026-03-02T10:00:00Z", "stage": stage, "description": stage })),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
}

async fn page_texts_saved_in_the_admin_show_on_the_tracking_page_in_their_language(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let branding = owner.get(&app, "/admin/settings/branding").await;
    assert!(
        branding
            .text
            .contains("href=\"/admin/settings/branding/texts\""),
        "{}",
        branding.text
    );
    let page = owner.get(&app, "/admin/settings/branding/texts").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    // The store's own language: blank rows to fill, no message (the branding form has it).
    assert!(
        page.text.contains("name=\"faq-2-question\""),
        "{}",
        page.text
    );
    assert!(page.text.contains("name=\"link-2-url\""), "{}", page.text);
    assert!(
        !page.text.contains("name=\"header_message\""),
        "{}",
        page.text
    );
    let csrf = csrf_field(&page.text);
    // A row left empty (the second) is dropped; the rows after it keep their order.
    let saved = owner
        .post(
            &app,
            "/admin/settings/branding/texts",
            &[
                ("csrf", &csrf),
                ("lang", "en"),
                ("faq-0-question", "Where is my parcel?"),
                ("faq-0-answer", "Follow it **here**."),
                ("faq-1-question", ""),
                ("faq-1-answer", " "),
                ("faq-2-question", "Can I change the address?"),
                ("faq-2-answer", "Write to us."),
                ("link-0-label", "Returns"),
                ("link-0-url", "https://acme.example/returns"),
                ("link-1-label", ""),
                ("link-1-url", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(
        saved.header("location"),
        "/admin/settings/branding/texts?lang=en&saved=1"
    );
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(
        b["faq"],
        json!([
            { "question": "Where is my parcel?", "answer": "Follow it **here**." },
            { "question": "Can I change the address?", "answer": "Write to us." },
        ])
    );
    assert_eq!(
        b["footer_links"],
        json!([{ "label": "Returns", "url": "https://acme.example/returns" }])
    );

    // German: the message, the delay advice, its own questions and footer links.
    let de = owner
        .get(&app, "/admin/settings/branding/texts?lang=de")
        .await;
    assert_eq!(de.status, StatusCode::OK, "{}", de.text);
    assert!(de.text.contains("name=\"header_message\""), "{}", de.text);
    assert!(de.text.contains("shows the en words"), "{}", de.text);
    let saved = owner
        .post(
            &app,
            "/admin/settings/branding/texts",
            &[
                ("csrf", &csrf),
                ("lang", "de"),
                ("header_message", "Danke für Ihre Bestellung!"),
                ("delay_message", "Schreiben Sie uns."),
                ("faq-0-question", "Wo ist mein Paket?"),
                ("faq-0-answer", "Unterwegs."),
                ("link-0-label", "Rücksendung"),
                ("link-0-url", "https://acme.example/de/retoure"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let b = store_view(&app, &app.key).await["branding"].clone();
    let de = &b["translations"]["de"];
    assert_eq!(de["header_message"], "Danke für Ihre Bestellung!", "{b}");
    assert_eq!(de["faq"][0]["question"], "Wo ist mein Paket?", "{b}");
    assert_eq!(b["faq"][0]["question"], "Where is my parcel?", "{b}");
    let shown = owner
        .get(&app, "/admin/settings/branding/texts?lang=de&saved=1")
        .await;
    assert!(shown.text.contains("Saved."), "{}", shown.text);
    assert!(
        shown.text.contains("value=\"Wo ist mein Paket?\""),
        "{}",
        shown.text
    );
    assert!(shown.text.contains("own words"), "{}", shown.text);

    // The real tracking page: German words in German, the store's own in French.
    let order = app.order("#T1", &["1Z999AA10123456784"]).await;
    let path = link(&order["shipments"][0]);
    let page = app.get(&format!("{path}?lang=de")).await.text;
    assert!(page.contains("Danke für Ihre Bestellung!"), "{page}");
    assert!(page.contains("Wo ist mein Paket?"), "{page}");
    assert!(page.contains("https://acme.example/de/retoure"), "{page}");
    assert!(!page.contains("Where is my parcel?"), "{page}");
    let page = app.get(&format!("{path}?lang=fr")).await.text;
    assert!(page.contains("Where is my parcel?"), "{page}");
    assert!(page.contains("Can I change the address?"), "{page}");
    assert!(page.contains("<bdi>Returns</bdi>"), "{page}");
    assert!(!page.contains("Wo ist mein Paket?"), "{page}");

    // Emptied, German falls back to the store's own words and drops its translation.
    let emptied = owner
        .post(
            &app,
            "/admin/settings/branding/texts",
            &[("csrf", &csrf), ("lang", "de")],
        )
        .await;
    assert_eq!(emptied.status, StatusCode::SEE_OTHER, "{}", emptied.text);
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert!(b["translations"].get("de").is_none(), "{b}");
    let page = app.get(&format!("{path}?lang=de")).await.text;
    assert!(page.contains("Where is my parcel?"), "{page}");
}

async fn refused_page_texts_come_back_as_typed_and_nothing_is_saved(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let csrf = owner.csrf(&app).await;
    let long = "q".repeat(201);
    let refused = owner
        .post(
            &app,
            "/admin/settings/branding/texts",
            &[
                ("csrf", &csrf),
                ("lang", "en"),
                ("faq-0-question", "Fine question"),
                ("faq-0-answer", "Fine answer"),
                ("faq-1-question", &long),
                ("faq-1-answer", "An answer"),
                ("faq-2-question", "No answer"),
                ("link-0-label", "Returns"),
                ("link-0-url", "http://acme.example/returns"),
            ],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    let text = &refused.text;
    // Each error beside its field, the same words as the API's, everything typed kept.
    assert!(text.contains("id=\"faq-1-question-error\""), "{text}");
    assert!(
        text.contains("aria-describedby=\"faq-1-question-error\""),
        "{text}"
    );
    assert!(text.contains("id=\"faq-2-answer-error\""), "{text}");
    assert!(text.contains("id=\"link-0-url-error\""), "{text}");
    assert!(
        text.contains("must be an https:// or mailto: link"),
        "{text}"
    );
    assert!(!text.contains("id=\"faq-0-question-error\""), "{text}");
    for typed in [
        "value=\"Fine question\"",
        &format!("value=\"{long}\""),
        "value=\"No answer\"",
        "value=\"http://acme.example/returns\"",
        ">Fine answer</textarea>",
    ] {
        assert!(text.contains(typed), "{typed}: {text}");
    }
    let api = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({ "footer_links": [{ "label": "Returns", "url": "http://acme.example/returns" }] })),
        )
        .await;
    assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        api.text.contains("must be an https:// or mailto: link"),
        "the API's words: {}",
        api.text
    );
    // A too long message in another language, and a bad link there.
    let refused = owner
        .post(
            &app,
            "/admin/settings/branding/texts",
            &[
                ("csrf", &csrf),
                ("lang", "de"),
                ("header_message", &"x".repeat(501)),
                ("link-0-label", "Hilfe"),
                ("link-0-url", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text.contains("id=\"header_message-error\""),
        "{}",
        refused.text
    );
    assert!(
        refused.text.contains("id=\"link-0-url-error\""),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("value=\"javascript:alert(1)\""));
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(b["faq"], json!([]), "{b}");
    assert_eq!(b["footer_links"], json!([]), "{b}");
    assert_eq!(b["translations"], json!({}), "{b}");
}

async fn page_texts_posts_without_the_forms_token_are_refused(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let form = [
        ("lang", "en"),
        ("faq-0-question", "Where?"),
        ("faq-0-answer", "Here."),
    ];
    let res = owner
        .post(&app, "/admin/settings/branding/texts", &form)
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let mut wrong = form.to_vec();
    wrong.push(("csrf", "not-the-token"));
    let res = owner
        .post(&app, "/admin/settings/branding/texts", &wrong)
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(b["faq"], json!([]), "{b}");
}

async fn staff_may_edit_the_page_texts(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut staff = signed_in(
        &app,
        app.store_id,
        "staff@acme.example",
        Role::Staff,
        "203.0.113.9:4000",
    )
    .await;
    let csrf = staff
        .form_csrf(&app, "/admin/settings/branding/texts")
        .await;
    let saved = staff
        .post(
            &app,
            "/admin/settings/branding/texts",
            &[
                ("csrf", &csrf),
                ("lang", "es"),
                ("faq-0-question", "¿Dónde está?"),
                ("faq-0-answer", "En camino."),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(
        b["translations"]["es"]["faq"][0]["question"],
        "¿Dónde está?"
    );
}

async fn the_returns_link_and_the_rating_switch_round_trip_through_the_branding_form(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let order = app.order("#T2", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    scan(&app, shipment, "delivered").await;
    let path = link(shipment);
    let page = app.get(&path).await.text;
    assert!(
        page.contains("class=\"rating\""),
        "asked by default: {page}"
    );
    assert!(!page.contains("class=\"returns"), "{page}");

    let csrf = owner.csrf(&app).await;
    let saved = owner
        .post(
            &app,
            "/admin/settings/branding",
            &branding_form(
                &csrf,
                &[
                    ("action", "save"),
                    ("returns_url", "https://acme.example/returns"),
                    ("returns_policy", "Free returns within **30 days**."),
                    ("delivery_rating_off", "on"),
                ],
            ),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(b["returns_url"], "https://acme.example/returns");
    assert_eq!(b["returns_policy"], "Free returns within **30 days**.");
    assert_eq!(b["delivery_rating_off"], true);
    let form = owner.get(&app, "/admin/settings/branding").await.text;
    assert!(
        form.contains("value=\"https://acme.example/returns\""),
        "{form}"
    );
    assert!(
        form.contains("name=\"delivery_rating_off\" checked"),
        "{form}"
    );
    let page = app.get(&path).await.text;
    assert!(!page.contains("class=\"rating\""), "{page}");
    assert!(page.contains("https://acme.example/returns"), "{page}");
    assert!(page.contains("<strong>30 days</strong>"), "{page}");

    // The preview of a delivered parcel shows them as typed, before they are kept.
    let preview = owner
        .post(
            &app,
            "/admin/settings/branding",
            &branding_form(
                &csrf,
                &[
                    ("action", "preview"),
                    ("returns_url", "https://acme.example/new-returns"),
                    ("sample", "delivered"),
                ],
            ),
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text);
    let src = preview
        .text
        .split("src=\"/admin/settings/branding/sample?")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the preview's frame")
        .replace("&#38;", "&");
    let frame = owner
        .get(&app, &format!("/admin/settings/branding/sample?{src}"))
        .await;
    assert_eq!(frame.status, StatusCode::OK, "{}", frame.text);
    assert!(
        frame.text.contains("https://acme.example/new-returns"),
        "{}",
        frame.text
    );
    assert!(frame.text.contains("class=\"rating\""), "{}", frame.text);

    // Unchecked and emptied: asked again, no returns.
    let saved = owner
        .post(
            &app,
            "/admin/settings/branding",
            &branding_form(&csrf, &[("action", "save")]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(b["delivery_rating_off"], false);
    assert!(b["returns_url"].is_null(), "{b}");
    let page = app.get(&path).await.text;
    assert!(page.contains("class=\"rating\""), "{page}");
    assert!(!page.contains("acme.example/returns"), "{page}");

    // A bad returns link is refused beside its field, nothing kept.
    let refused = owner
        .post(
            &app,
            "/admin/settings/branding",
            &branding_form(
                &csrf,
                &[
                    ("action", "save"),
                    ("returns_url", "javascript:alert(1)"),
                    ("delivery_rating_off", "on"),
                ],
            ),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text.contains("id=\"returns_url-error\""),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("value=\"javascript:alert(1)\""));
    assert!(
        refused
            .text
            .contains("name=\"delivery_rating_off\" checked")
    );
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(b["delivery_rating_off"], false);
}

async fn the_order_page_shows_a_parcels_rating_once_given(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let order = app.order("#T3", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    scan(&app, shipment, "delivered").await;
    let admin_path = format!("/admin/orders/{}", order["id"]);
    let page = owner.get(&app, &admin_path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(!page.text.contains("class=\"rating\""), "{}", page.text);

    let rated = app
        .send(
            axum::http::Request::post(format!("{}/rating", link(shipment)))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from("score=4"))
                .unwrap(),
        )
        .await;
    assert_eq!(rated.status, StatusCode::SEE_OTHER, "{}", rated.text);
    let page = owner.get(&app, &admin_path).await;
    let line = page
        .text
        .split("<p class=\"rating\">")
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .expect("the rating line");
    assert!(line.contains("rating: 4 out of 5, given 20"), "{line}");
    assert!(line.contains("UTC"), "{line}");
}
