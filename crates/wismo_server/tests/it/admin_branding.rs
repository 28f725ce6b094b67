//! The admin's branding page: saved through the form and read back through the API, its
//! previews of the tracking page and an email, refused values kept as typed, the logo
//! upload, and the page with its preview (and the page texts) in a browser at phone and
//! desktop widths.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;
use std::net::SocketAddr;
use wismo_domain::admin::Role;
use wismo_server::config::Layer;

use crate::admin::{PASSWORD, Visitor, owner, user};
use crate::admin_settings::{branding_form, store_view};
use crate::harness::{Db, Response, TestApp};

crate::on_both_backends!(
    branding_saved_through_the_form_reads_back_through_the_api,
    a_preview_shows_the_tracking_page_and_an_email_without_saving,
    a_bad_colour_comes_back_with_its_error_and_the_typed_value,
    a_logo_is_uploaded_with_the_apis_checks,
);

async fn branding_saved_through_the_form_reads_back_through_the_api(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let settings = owner.get(&app, "/admin/settings").await;
    assert_eq!(settings.status, StatusCode::OK, "{}", settings.text);
    for section in ["branding", "notifications", "domains", "carriers"] {
        assert!(
            settings
                .text
                .contains(&format!("href=\"/admin/settings/{section}\"")),
            "{section}: {}",
            settings.text
        );
    }
    let home = owner.get(&app, "/admin").await;
    assert!(
        home.text.contains("href=\"/admin/settings\""),
        "{}",
        home.text
    );
    let csrf = owner.form_csrf(&app, "/admin/settings/branding").await;
    let saved = owner
        .post(
            &app,
            "/admin/settings/branding",
            &branding_form(
                &csrf,
                &[
                    ("action", "save"),
                    ("primary_color", "#1a56db"),
                    ("accent_color", "#0e7a55"),
                    ("font", "serif"),
                    ("header_message", "Thanks for **shopping** with us"),
                    ("support_email", "help@acme.example"),
                    ("support_phone", "+1 415 555 0100"),
                    ("support_url", "https://acme.example/help"),
                    ("shop_url", "https://acme.example"),
                    ("link_expiry_days", "30"),
                ],
            ),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(saved.header("location"), "/admin/settings/branding?saved=1");
    // The change is in the store's audit log, with who made it.
    let audit = owner.get(&app, "/admin/audit").await;
    assert!(
        audit.text.contains("/admin/settings/branding")
            && audit.text.contains("owner@acme.example"),
        "{}",
        audit.text
    );
    let again = owner.get(&app, "/admin/settings/branding?saved=1").await;
    assert!(again.text.contains("Saved."), "{}", again.text);
    assert!(again.text.contains("value=\"#1a56db\""), "{}", again.text);
    let store = store_view(&app, &app.key).await;
    let b = &store["branding"];
    assert_eq!(b["primary_color"], "#1a56db");
    assert_eq!(b["accent_color"], "#0e7a55");
    assert_eq!(b["font"], "serif");
    assert_eq!(b["header_message"], "Thanks for **shopping** with us");
    assert_eq!(b["support_email"], "help@acme.example");
    assert_eq!(b["support_url"], "https://acme.example/help");
    assert_eq!(b["shop_url"], "https://acme.example");
    assert_eq!(b["link_expiry_days"], 30);
    // What the form does not edit is kept: questions set through the API stay.
    let faq = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({
                "primary_color": "#1a56db",
                "faq": [{ "question": "Where is it?", "answer": "On its way." }],
                "translations": { "de": { "header_message": "Danke!" } },
            })),
        )
        .await;
    assert_eq!(faq.status, StatusCode::OK, "{}", faq.text);
    let saved = owner
        .post(
            &app,
            "/admin/settings/branding",
            &branding_form(&csrf, &[("action", "save"), ("primary_color", "#123456")]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(b["primary_color"], "#123456");
    assert_eq!(b["faq"][0]["question"], "Where is it?");
    assert_eq!(b["translations"]["de"]["header_message"], "Danke!");
    assert!(
        b["support_email"].is_null(),
        "emptied fields are cleared: {b}"
    );
}

async fn a_preview_shows_the_tracking_page_and_an_email_without_saving(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let csrf = owner.form_csrf(&app, "/admin/settings/branding").await;
    let preview = owner
        .post(
            &app,
            "/admin/settings/branding",
            &branding_form(
                &csrf,
                &[
                    ("action", "preview"),
                    ("primary_color", "#ffee00"),
                    ("header_message", "Preview hello"),
                    ("lang", "fr"),
                ],
            ),
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text);
    // The API's contrast warning, and the frames of both previews.
    assert!(
        preview.text.contains("Colour contrast to check"),
        "{}",
        preview.text
    );
    assert!(preview.text.contains("contrast"), "{}", preview.text);
    assert!(preview.text.contains("value=\"#ffee00\""));
    let csp = preview.header("content-security-policy");
    assert!(csp.contains("frame-src 'self'"), "{csp}");
    let src = |kind: &str| -> String {
        let marker = format!("src=\"/admin/settings/branding/{kind}?");
        let start = preview.text.find(&marker).expect(kind) + 5;
        preview.text[start..]
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&")
            .replace("&#38;", "&")
    };
    let sample = owner.get(&app, &src("sample")).await;
    assert_eq!(sample.status, StatusCode::OK, "{}", sample.text);
    assert!(sample.text.contains("#1001"), "{}", sample.text);
    assert!(sample.text.contains("Preview hello"), "{}", sample.text);
    assert!(sample.text.contains("lang=\"fr\""), "{}", sample.text);
    assert!(
        sample
            .header("content-security-policy")
            .contains("frame-ancestors 'self'")
    );
    let theme_start = sample
        .text
        .find("/admin/settings/branding/theme.css?")
        .expect("the draft's theme");
    let theme_url = sample.text[theme_start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&");
    let theme = owner.get(&app, &theme_url).await;
    assert!(theme.text.contains("--primary: #ffee00"), "{}", theme.text);
    let email = owner.get(&app, &src("email")).await;
    assert_eq!(email.status, StatusCode::OK, "{}", email.text);
    assert!(email.text.contains("#ffee00"), "{}", email.text);
    assert!(email.text.contains("#1001"));
    // Nothing was saved.
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert!(b["primary_color"].is_null(), "{b}");
    // Signed out, the previews are not shown.
    let mut stranger = Visitor::new("203.0.113.9:4000");
    let refused = stranger.get(&app, &src("sample")).await;
    assert_ne!(refused.status, StatusCode::OK);
    assert!(!refused.text.contains("#1001"));
}

async fn a_bad_colour_comes_back_with_its_error_and_the_typed_value(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let csrf = owner.form_csrf(&app, "/admin/settings/branding").await;
    let refused = owner
        .post(
            &app,
            "/admin/settings/branding",
            &branding_form(
                &csrf,
                &[
                    ("action", "save"),
                    ("primary_color", "blue-ish"),
                    ("support_email", "help@acme.example"),
                    ("link_expiry_days", "soon"),
                ],
            ),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text.contains("value=\"blue-ish\""),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("value=\"help@acme.example\""));
    assert!(refused.text.contains("id=\"primary_color-error\""));
    assert!(refused.text.contains("id=\"link_expiry_days-error\""));
    assert!(refused.text.contains("aria-invalid=\"true\""));
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert!(b["support_email"].is_null(), "nothing saved: {b}");
}

/// The smallest PNG: its signature is what wismo checks.
pub(crate) const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
];

pub(crate) async fn upload(
    app: &TestApp,
    visitor: &Visitor,
    csrf: &str,
    declared: &str,
    bytes: &[u8],
) -> Response {
    upload_to(
        app,
        visitor,
        "/admin/settings/branding/logo",
        csrf,
        declared,
        bytes,
    )
    .await
}

/// Sends a logo upload form (`csrf`, `logo`) to `path`.
pub(crate) async fn upload_to(
    app: &TestApp,
    visitor: &Visitor,
    path: &str,
    csrf: &str,
    declared: &str,
    bytes: &[u8],
) -> Response {
    let boundary = "wismo-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo\"\r\nContent-Type: {declared}\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut req = Request::post(path)
        .header("cookie", visitor.cookies.join("; "))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    req.extensions_mut().insert(ConnectInfo(
        "203.0.113.5:4000".parse::<SocketAddr>().unwrap(),
    ));
    app.send(req).await
}

async fn a_logo_is_uploaded_with_the_apis_checks(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let csrf = owner.csrf(&app).await;
    let text = upload(&app, &owner, &csrf, "image/png", b"hello, not an image").await;
    assert_eq!(
        text.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        text.text
    );
    assert!(
        text.text.contains("Choose a PNG, JPEG, WebP or GIF image."),
        "{}",
        text.text
    );
    let mislabelled = upload(&app, &owner, &csrf, "image/gif", PNG).await;
    assert_eq!(mislabelled.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        mislabelled.text.contains("does not match its type")
            || mislabelled.text.contains("do not match its type")
    );
    let mut huge = PNG.to_vec();
    huge.resize(300 * 1024, 0);
    let too_large = upload(&app, &owner, &csrf, "image/png", &huge).await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        too_large.text.contains("at most 256 KB"),
        "{}",
        too_large.text
    );
    assert!(store_view(&app, &app.key).await["logo_url"].is_null());
    let saved = upload(&app, &owner, &csrf, "image/png", PNG).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(
        saved.header("location"),
        "/admin/settings/branding?saved=logo"
    );
    let store = store_view(&app, &app.key).await;
    let logo = store["logo_url"].as_str().expect("a logo");
    let page = owner.get(&app, "/admin/settings/branding?saved=logo").await;
    assert!(page.text.contains("Logo saved."));
    let path = &logo[logo.find("/acme/logo").unwrap()..];
    assert!(
        page.text.contains(&path.replace('&', "&#38;")) || page.text.contains(path),
        "{}",
        page.text
    );
}

/// The branding page in a phone's browser and at desktop width: a colour typed, the
/// preview's frames showing the sample tracking page in that colour (its stylesheet let
/// through the strict policy) and the email; then saved. On SQLite only: the HTTP tests
/// cover both backends, and a browser is the slow part.
#[tokio::test]
async fn the_branding_page_previews_the_tracking_page_in_a_browser() {
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
        Layer {
            database_url: Some(app.url.clone()),
            public_url: Some("http://127.0.0.1".into()),
            secret_key: Some(wismo_domain::Secret::new(crate::harness::TEST_SECRET_KEY)),
            ..Default::default()
        },
    )
    .unwrap();
    let clock: std::sync::Arc<dyn wismo_domain::Clock> = app.clock.clone();
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
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    let landed = |path: &'static str| async move {
        for _ in 0..200 {
            if c.current_url().await.unwrap().path() == path {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("not at {path}: {}", c.source().await.unwrap());
    };
    let field = |id: &'static str| async move { c.find(Locator::Id(id)).await.unwrap() };
    c.goto(&format!("{base}/admin/login")).await.unwrap();
    field("email")
        .await
        .send_keys("owner@acme.example")
        .await
        .unwrap();
    field("password").await.send_keys(PASSWORD).await.unwrap();
    c.find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    landed("/admin").await;
    c.find(Locator::Css("header nav a[href='/admin/settings']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    landed("/admin/settings").await;
    c.find(Locator::Css("main nav a[href='/admin/settings/branding']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    landed("/admin/settings/branding").await;
    let primary = field("primary_color").await;
    primary.clear().await.unwrap();
    primary.send_keys("#7a1fa2").await.unwrap();
    field("header_message")
        .await
        .send_keys("Thanks for shopping with **Acme**")
        .await
        .unwrap();
    c.find(Locator::Css("button[value=preview]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("iframe.preview.page"))
        .await
        .unwrap();
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
    // The sample page in the first frame: its greeting, the typed words and colour.
    let in_frame = |index: u16, script: &'static str| async move {
        for _ in 0..100 {
            c.enter_frame(index).await.unwrap();
            let found = c.execute(script, vec![]).await.unwrap();
            c.enter_parent_frame().await.unwrap();
            if found.as_str().is_some_and(|s| !s.is_empty()) {
                return found.as_str().unwrap().to_owned();
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("frame {index} never showed: {script}");
    };
    let text = in_frame(0, "return document.body ? document.body.innerText : '';").await;
    assert!(text.contains("#1001"), "{text}");
    assert!(text.contains("Thanks for shopping with Acme"), "{text}");
    let colour = in_frame(
        0,
        "return getComputedStyle(document.documentElement).getPropertyValue('--primary').trim();",
    )
    .await;
    assert_eq!(colour, "#7a1fa2");
    let email = in_frame(1, "return document.body ? document.body.innerText : '';").await;
    assert!(email.contains("#1001"), "{email}");
    checks("branding preview").await;
    crate::browser::assert_accessible(c, "admin-settings-branding-phone").await;
    crate::browser::save_screenshot(c, "admin-settings-branding-phone").await;
    c.execute(
        "document.querySelector('section.previews').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    crate::browser::assert_accessible(c, "admin-settings-branding-preview-phone").await;
    crate::browser::save_screenshot(c, "admin-settings-branding-preview-phone").await;
    // The notification settings fit a phone too (their grid scrolls in its own box).
    c.goto(&format!(
        "{base}/admin/settings/notifications?moment=shipped&channel=email&language=de"
    ))
    .await
    .unwrap();
    let overflow = c
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "notifications scroll sideways: {overflow}"
    );
    crate::browser::assert_accessible(c, "admin-settings-notifications-phone").await;
    crate::browser::save_screenshot(c, "admin-settings-notifications-phone").await;
    // The page texts at a phone's width: a German question typed into an empty row, saved.
    c.goto(&format!("{base}/admin/settings/branding/texts?lang=de"))
        .await
        .unwrap();
    checks("page texts").await;
    field("faq-0-question")
        .await
        .send_keys("Wo ist mein Paket?")
        .await
        .unwrap();
    field("faq-0-answer")
        .await
        .send_keys("Unterwegs.")
        .await
        .unwrap();
    c.find(Locator::Css("form.settings-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Css("p.done")).await.unwrap();
    checks("page texts, saved").await;
    crate::browser::assert_accessible(c, "admin-settings-branding-texts-phone").await;
    crate::browser::save_screenshot(c, "admin-settings-branding-texts-phone").await;
    c.execute(
        "document.querySelector('form.settings-form fieldset').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    crate::browser::assert_accessible(c, "admin-settings-branding-texts-form-phone").await;
    crate::browser::save_screenshot(c, "admin-settings-branding-texts-form-phone").await;
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(
        b["translations"]["de"]["faq"][0]["question"],
        "Wo ist mein Paket?"
    );
    c.goto(&format!("{base}/admin/settings/branding"))
        .await
        .unwrap();
    let primary = field("primary_color").await;
    primary.clear().await.unwrap();
    primary.send_keys("#7a1fa2").await.unwrap();
    c.find(Locator::Css("button[value=preview]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("iframe.preview.page"))
        .await
        .unwrap();
    c.set_window_size(1280, 900).await.unwrap();
    c.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
    checks("branding preview, desktop").await;
    crate::browser::assert_accessible(c, "admin-settings-branding-desktop").await;
    crate::browser::save_screenshot(c, "admin-settings-branding-desktop").await;
    // Saved, and read back through the API.
    c.find(Locator::Css("button[value=save]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Css("p.done")).await.unwrap();
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(b["primary_color"], "#7a1fa2");
    browser.close().await;
}
