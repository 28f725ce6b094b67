//! The newer languages on the public pages: Arabic right to left (HTTP and in Chromium),
//! Japanese, Dutch, Polish and Swedish picked by the link, the customer's locale and the
//! browser like the first six.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};

use crate::browser::{assert_accessible, browser, save_screenshot, serve};
use crate::harness::{Db, PUBLIC_URL, Response, TestApp, link};

crate::on_both_backends!(
    an_arabic_tracking_page_reads_right_to_left,
    the_newer_languages_are_chosen_like_the_others
);

/// `path` with `Accept-Language: accept`.
async fn get_as(app: &TestApp, path: &str, accept: &str) -> Response {
    let req = Request::get(path)
        .header("accept-language", accept)
        .body(Body::empty())
        .unwrap();
    app.send(req).await
}

/// An order of one parcel on its way, for a customer of locale `locale` (none: unknown).
async fn order_on_its_way(app: &TestApp, number: &str, locale: Option<&str>) -> Value {
    let mut customer = json!({ "name": "Ana Lima", "email": "ana@example.com" });
    if let Some(locale) = locale {
        customer["locale"] = json!(locale);
    }
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": number,
                "customer": customer,
                "items": [{ "name": "Espresso beans", "quantity": 2 }],
                "shipments": [{ "tracking_number": "1Z999AA10123456784", "carrier": "ups" }],
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let order = res.json();
    let events = format!("/api/v1/shipments/{}/events", order["shipments"][0]["id"]);
    for scan in [
        json!({ "occurred_at": "2026-03-01T09:00:00-05:00", "stage": "info_received", "description": "Label created" }),
        json!({ "occurred_at": "2026-03-02T08:00:00-06:00", "stage": "in_transit", "description": "Departed facility", "location": "Atlanta, GA, US" }),
    ] {
        let res = app.post(&events, &scan).await;
        assert!(res.status.is_success(), "{}", res.text);
    }
    order
}

async fn an_arabic_tracking_page_reads_right_to_left(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key.clone()),
            Some(&json!({ "support_phone": "+1 555 0100", "support_email": "help@acme.example" })),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let order = order_on_its_way(&app, "#A1", Some("en")).await;
    let path = link(&order["shipments"][0]);

    let page = app.get(&format!("{path}?lang=ar")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains(r#"<html lang="ar" dir="rtl">"#),
        "{}",
        &page.text[..200]
    );
    for arabic in ["في الطريق", "ماذا حدث", "رقم التتبع"] {
        assert!(page.text.contains(arabic), "lacks {arabic}");
    }
    // Numbers, addresses and phone numbers keep their own direction inside Arabic.
    assert!(
        page.text
            .contains(r#"<span class="mono" dir="ltr">1Z999AA10123456784</span>"#)
    );
    assert!(
        page.text
            .contains(r#"اتصل على <bdi dir="ltr">+1 555 0100</bdi>"#),
        "phone"
    );
    assert!(
        page.text
            .contains(r#"<bdi dir="ltr">help@acme.example</bdi>"#)
    );
    // The truck drives the way the page reads.
    assert!(page.text.contains("icon icon-truck"));
    let css = app.get("/static/wismo.css").await.text;
    assert!(css.contains(r#"[dir="rtl"] .icon-truck"#));

    // The lookup, an error page and the admin turn too.
    let lookup = get_as(&app, "/acme/track", "ar-EG,ar;q=0.9").await;
    assert!(
        lookup.text.contains(r#"<html lang="ar" dir="rtl">"#),
        "lookup"
    );
    assert!(lookup.text.contains("تتبّع طلبك"));
    let missing = get_as(&app, "/t/AAAAAAAAAAAAAAAAAAAAAAAA", "ar").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(missing.text.contains("لم نعثر على هذه الصفحة"));
    let admin = get_as(&app, "/admin/login", "ar").await;
    assert!(
        admin.text.contains(r#"<html lang="ar" dir="rtl">"#),
        "{}",
        admin.text
    );
    assert!(admin.text.contains("تسجيل الدخول"));
    // The lookup widget on the store's own site turns its form too.
    let widget = get_as(&app, "/acme/widget.js", "ar").await;
    assert!(widget.text.contains(r#""dir":"rtl""#), "{}", widget.text);
    assert!(widget.text.contains(r#""lang":"ar""#), "{}", widget.text);
    assert!(widget.text.contains("form.dir = say.dir"));

    // A left-to-right language says nothing about direction.
    let english = app.get(&path).await;
    assert!(english.text.contains(r#"<html lang="en">"#));
}

async fn the_newer_languages_are_chosen_like_the_others(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    // The link's `?lang=`.
    let order = order_on_its_way(&app, "#J1", Some("en")).await;
    let path = link(&order["shipments"][0]);
    let page = app.get(&format!("{path}?lang=ja")).await;
    assert!(page.text.contains(r#"<html lang="ja">"#));
    for japanese in ["輸送中", "何が起きたか", "追跡番号"] {
        assert!(page.text.contains(japanese), "lacks {japanese}");
    }
    // Scans are dated the Japanese way: month, day, then the weekday in brackets.
    assert!(page.text.contains("3月2日(月)"), "{}", page.text);

    // The customer's own locale.
    let polish = order_on_its_way(&app, "#P1", Some("pl-PL")).await;
    let page = get_as(&app, &link(&polish["shipments"][0]), "de").await;
    assert!(page.text.contains(r#"<html lang="pl">"#));
    assert!(page.text.contains("Co się stało"));

    // The browser's, when the order does not say.
    let unknown = order_on_its_way(&app, "#S1", None).await;
    let path = link(&unknown["shipments"][0]);
    for (accept, lang, words) in [
        ("sv-SE,sv;q=0.9,en;q=0.5", "sv", "Vad som har hänt"),
        ("nl-BE", "nl", "Wat er is gebeurd"),
        ("ko, ja;q=0.8", "ja", "何が起きたか"),
        ("ar-SA", "ar", "ماذا حدث"),
    ] {
        let page = get_as(&app, &path, accept).await;
        assert!(
            page.text.contains(&format!(r#"<html lang="{lang}""#)),
            "{accept}"
        );
        assert!(page.text.contains(words), "{accept}: lacks {words}");
    }
}

/// Facts about the page on screen, from Chromium.
async fn layout(c: &fantoccini::Client) -> Value {
    c.execute(
        "const html = document.documentElement; \
         const steps = [...document.querySelectorAll('section.shipment ol.progress li')].map(li => li.getBoundingClientRect()); \
         const headline = document.querySelector('.hero-headline'); \
         const words = document.createRange(); words.selectNodeContents(headline); \
         const box = headline.getBoundingClientRect(), text = words.getBoundingClientRect(); \
         const icon = document.querySelector('.hero .icon'); \
         return { \
           lang: html.lang, \
           direction: getComputedStyle(html).direction, \
           overflow: html.scrollWidth - html.clientWidth, \
           first_step_left: steps[0].left, last_step_left: steps[steps.length - 1].left, \
           room_before_headline: box.right - text.right, room_after_headline: text.left - box.left, \
           icon_transform: getComputedStyle(icon).transform, \
           tracking_direction: getComputedStyle(document.querySelector('.parcel .mono')).direction, \
           line_break: getComputedStyle(html).lineBreak, \
           phrases: CSS.supports('word-break', 'auto-phrase') ? getComputedStyle(html).wordBreak : 'auto-phrase', \
         };",
        vec![],
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn an_arabic_tracking_page_mirrors_on_small_phones() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = browser().await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    let order = order_on_its_way(&app, "#A2", Some("ar")).await;
    let url = order["shipments"][0]["tracking_url"].as_str().unwrap();
    let url = format!("{base}{}", url.strip_prefix(PUBLIC_URL).unwrap());
    for width in [320, 390] {
        c.set_window_size(width, 844).await.unwrap();
        c.goto(&url).await.unwrap();
        let l = layout(c).await;
        assert_eq!(l["lang"], "ar", "{l}");
        assert_eq!(l["direction"], "rtl", "{l}");
        assert!(l["overflow"].as_f64().unwrap() <= 0.0, "{width}: {l}");
        // The first step (ordered) is on the right, the last on the left.
        assert!(
            l["first_step_left"].as_f64().unwrap() > l["last_step_left"].as_f64().unwrap(),
            "{width}: steps not mirrored: {l}"
        );
        // The headline starts at the right edge of its box.
        assert!(
            l["room_before_headline"].as_f64().unwrap() < 1.0
                && l["room_after_headline"].as_f64().unwrap() > 1.0,
            "{width}: headline not on the right: {l}"
        );
        assert_eq!(l["icon_transform"], "matrix(-1, 0, 0, 1, 0, 0)", "{l}");
        assert_eq!(l["tracking_direction"], "ltr", "{l}");
        assert_accessible(c, &format!("Arabic at {width} px")).await;
        save_screenshot(c, &format!("arabic-{width}px")).await;
    }
    browser.close().await;
}

#[tokio::test]
async fn a_japanese_tracking_page_fits_small_phones() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = browser().await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    let order = order_on_its_way(&app, "#J2", Some("ja-JP")).await;
    let url = order["shipments"][0]["tracking_url"].as_str().unwrap();
    let url = format!("{base}{}", url.strip_prefix(PUBLIC_URL).unwrap());
    for width in [320, 390] {
        c.set_window_size(width, 844).await.unwrap();
        c.goto(&url).await.unwrap();
        let l = layout(c).await;
        assert_eq!(l["lang"], "ja", "{l}");
        assert_eq!(l["direction"], "ltr", "{l}");
        assert!(l["overflow"].as_f64().unwrap() <= 0.0, "{width}: {l}");
        assert!(
            l["first_step_left"].as_f64().unwrap() < l["last_step_left"].as_f64().unwrap(),
            "{l}"
        );
        assert_eq!(l["line_break"], "strict", "{l}");
        assert_eq!(l["phrases"], "auto-phrase", "{l}");
        assert_eq!(l["icon_transform"], "none", "{l}");
        let heading = c
            .find(fantoccini::Locator::Css("h2.stage"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(heading, "輸送中");
        assert_accessible(c, &format!("Japanese at {width} px")).await;
        save_screenshot(c, &format!("japanese-{width}px")).await;
    }
    browser.close().await;
}

/// A browser asking for Arabic: the lookup and the admin's sign-in turn right to left and
/// still fit a phone.
#[tokio::test]
async fn the_lookup_and_the_admin_sign_in_read_right_to_left_in_an_arabic_browser() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = crate::browser::browser_with(&["--accept-lang=ar"]).await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    for (path, name) in [("/acme/track", "lookup"), ("/admin/login", "admin-login")] {
        c.goto(&format!("{base}{path}")).await.unwrap();
        let l = c
            .execute(
                "const html = document.documentElement; \
                 const label = document.querySelector('main label') || document.querySelector('label'); \
                 const words = document.createRange(); words.selectNodeContents(label); \
                 const form = label.closest('form').getBoundingClientRect(); \
                 return { lang: html.lang, direction: getComputedStyle(html).direction, \
                          overflow: html.scrollWidth - html.clientWidth, \
                          room_before_label: form.right - words.getBoundingClientRect().right };",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(l["lang"], "ar", "{name}: {l}");
        assert_eq!(l["direction"], "rtl", "{name}: {l}");
        assert!(l["overflow"].as_f64().unwrap() <= 0.0, "{name}: {l}");
        // Labels start at the right edge of their form.
        assert!(
            l["room_before_label"].as_f64().unwrap() < 2.0,
            "{name}: label not on the right: {l}"
        );
        assert_accessible(c, &format!("{name} in Arabic")).await;
        save_screenshot(c, &format!("{name}-arabic-phone")).await;
    }
    browser.close().await;
}
