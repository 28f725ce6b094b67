//! The setup guide after the first run (`/admin/welcome`): each step saved, skipped and
//! refused (422, nothing kept), its forms' CSRF checks, what staff may do there, and the
//! test email, over real SMTP on loopback, to the signed-in user's own address.

use std::time::Duration;

use axum::http::StatusCode;
use wismo_domain::platform::Platform;

use crate::admin::{Visitor, csrf_field, owner, staff};
use crate::admin_branding::{PNG, upload_to};
use crate::admin_settings::{branding_form, store_view};
use crate::email::{app_with_relay, decoded, run_jobs};
use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    the_guide_lists_its_steps_and_is_linked_from_the_settings,
    the_brand_step_saves_through_the_branding_checks_and_goes_on,
    the_brand_step_refuses_bad_values_and_keeps_nothing,
    the_brand_steps_logo_upload_has_the_apis_checks,
    the_orders_step_shows_the_three_ways_and_owners_make_a_secret_and_a_key,
    on_the_orders_step_staff_see_the_addresses_but_no_secret_or_key,
    the_email_step_sends_a_test_to_the_users_own_address,
    a_test_the_relay_refuses_is_shown_as_retried_or_failed_with_its_error,
    without_a_relay_the_email_step_says_what_the_operator_sets,
);

/// Every step page's indicator and ways out.
fn assert_step(text: &str, step: &str, skip_to: &str) {
    assert!(text.contains(step), "{step}: {text}");
    assert!(text.contains("aria-current=\"step\""), "{text}");
    assert!(text.contains(&format!("href=\"{skip_to}\"")), "{text}");
}

async fn the_guide_lists_its_steps_and_is_linked_from_the_settings(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let settings = owner.get(&app, "/admin/settings").await;
    assert!(
        settings.text.contains("href=\"/admin/welcome\"") && settings.text.contains("Setup guide"),
        "{}",
        settings.text
    );
    let guide = owner.get(&app, "/admin/welcome").await;
    assert_eq!(guide.status, StatusCode::OK, "{}", guide.text);
    for step in ["brand", "orders", "email"] {
        assert!(
            guide
                .text
                .contains(&format!("href=\"/admin/welcome/{step}\"")),
            "{step}: {}",
            guide.text
        );
    }
    assert!(guide.text.contains("Finish later"), "{}", guide.text);
    let brand = owner.get(&app, "/admin/welcome/brand").await;
    assert_eq!(brand.status, StatusCode::OK);
    assert_step(&brand.text, "Step 1 of 3", "/admin/welcome/orders");
    assert!(brand.text.contains("Skip this step"));
    let orders = owner.get(&app, "/admin/welcome/orders").await;
    assert_step(&orders.text, "Step 2 of 3", "/admin/welcome/email");
    let email = owner.get(&app, "/admin/welcome/email").await;
    assert_step(&email.text, "Step 3 of 3", "/admin");
    assert!(email.text.contains(">Finish</a>"), "{}", email.text);
    // In the visitor's language.
    owner.lang = Some("fr-FR");
    let french = owner.get(&app, "/admin/welcome/brand").await;
    assert!(french.text.contains("Étape 1 sur 3"), "{}", french.text);
    // Signed out, the guide is the sign-in page's.
    let stranger = Visitor::new("198.51.100.7:4000")
        .get(&app, "/admin/welcome/brand")
        .await;
    assert_eq!(stranger.status, StatusCode::SEE_OTHER);
}

async fn the_brand_step_saves_through_the_branding_checks_and_goes_on(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    // What the step does not show is kept.
    let csrf = owner.csrf(&app).await;
    let kept = owner
        .post(
            &app,
            "/admin/settings/branding",
            &branding_form(
                &csrf,
                &[
                    ("action", "save"),
                    ("header_message", "Thanks for shopping"),
                ],
            ),
        )
        .await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.text);
    let csrf = owner.form_csrf(&app, "/admin/welcome/brand").await;
    let saved = owner
        .post(
            &app,
            "/admin/welcome/brand",
            &[
                ("csrf", csrf.as_str()),
                ("logo_url", "https://cdn.acme.example/logo.png"),
                ("primary_color", "#1a56db"),
                ("accent_color", "#0e7a55"),
                ("support_email", "help@acme.example"),
                ("support_phone", "+14155550100"),
                ("support_url", "https://acme.example/help"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(saved.header("location"), "/admin/welcome/orders");
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert_eq!(b["primary_color"], "#1a56db", "{b}");
    assert_eq!(b["accent_color"], "#0e7a55", "{b}");
    assert_eq!(b["support_email"], "help@acme.example", "{b}");
    assert_eq!(b["support_phone"], "+14155550100", "{b}");
    assert_eq!(b["support_url"], "https://acme.example/help", "{b}");
    assert_eq!(b["header_message"], "Thanks for shopping", "{b}");
    // The page shows what is kept.
    let again = owner.get(&app, "/admin/welcome/brand").await;
    assert!(again.text.contains("value=\"#1a56db\""), "{}", again.text);
    // Colours hard to read are saved, and the step says so before going on.
    let pale = owner
        .post(
            &app,
            "/admin/welcome/brand",
            &[("csrf", csrf.as_str()), ("primary_color", "#ffff00")],
        )
        .await;
    assert_eq!(pale.status, StatusCode::SEE_OTHER, "{}", pale.text);
    assert_eq!(pale.header("location"), "/admin/welcome/brand?saved=1");
    let warned = owner.get(&app, "/admin/welcome/brand?saved=1").await;
    assert!(warned.text.contains("Saved."), "{}", warned.text);
    assert!(
        warned.text.contains("class=\"warn-box\""),
        "{}",
        warned.text
    );
    assert!(
        warned.text.contains("href=\"/admin/welcome/orders\""),
        "{}",
        warned.text
    );
    // Emptying a field on the step clears it, as on the settings page.
    let b = store_view(&app, &app.key).await["branding"].clone();
    assert!(b["support_email"].is_null(), "{b}");
}

async fn the_brand_step_refuses_bad_values_and_keeps_nothing(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let before = store_view(&app, &app.key).await["branding"].clone();
    let csrf = owner.form_csrf(&app, "/admin/welcome/brand").await;
    let refused = owner
        .post(
            &app,
            "/admin/welcome/brand",
            &[
                ("csrf", csrf.as_str()),
                ("primary_color", "blue-ish"),
                ("support_email", "not an email"),
                ("support_url", "http://acme.example/help"),
                ("support_phone", "+14155550100"),
            ],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    for field in ["primary_color", "support_email", "support_url"] {
        assert!(
            refused
                .text
                .contains(&format!("id=\"{field}\" name=\"{field}\""))
                && refused
                    .text
                    .contains(&format!("aria-describedby=\"{field}-error\"")),
            "{field}: {}",
            refused.text
        );
    }
    // What was typed comes back, and the step's indicator stays.
    assert!(
        refused.text.contains("value=\"blue-ish\""),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("Step 1 of 3"));
    assert_eq!(
        store_view(&app, &app.key).await["branding"],
        before,
        "nothing saved"
    );
    // Without the form's token: refused, nothing saved.
    let forged = owner
        .post(
            &app,
            "/admin/welcome/brand",
            &[("primary_color", "#1a56db")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let wrong = owner
        .post(
            &app,
            "/admin/welcome/brand",
            &[("csrf", "not-the-token"), ("primary_color", "#1a56db")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(store_view(&app, &app.key).await["branding"], before);
}

async fn the_brand_steps_logo_upload_has_the_apis_checks(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let path = "/admin/welcome/brand/logo";
    let csrf = owner.csrf(&app).await;
    let text = upload_to(&app, &owner, path, &csrf, "image/png", b"not an image").await;
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
    assert!(text.text.contains("aria-describedby=\"logo-error\""));
    assert!(text.text.contains("Step 1 of 3"));
    let mut huge = PNG.to_vec();
    huge.resize(300 * 1024, 0);
    let too_large = upload_to(&app, &owner, path, &csrf, "image/png", &huge).await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    let forged = upload_to(&app, &owner, path, "not-the-token", "image/png", PNG).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(store_view(&app, &app.key).await["logo_url"].is_null());
    let saved = upload_to(&app, &owner, path, &csrf, "image/png", PNG).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(saved.header("location"), "/admin/welcome/brand?saved=logo");
    assert!(store_view(&app, &app.key).await["logo_url"].is_string());
}

async fn the_orders_step_shows_the_three_ways_and_owners_make_a_secret_and_a_key(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let page = owner.get(&app, "/admin/welcome/orders").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    for platform in ["shopify", "woocommerce", "generic"] {
        assert!(
            page.text
                .contains(&format!("/integrations/{platform}/acme\"")),
            "{platform}: {}",
            page.text
        );
    }
    assert!(
        page.text
            .contains("action=\"/admin/welcome/orders/secret\"")
    );
    assert!(page.text.contains("action=\"/admin/settings/imports\""));
    assert!(page.text.contains("action=\"/admin/welcome/orders/key\""));
    let csrf = csrf_field(&page.text);

    // Shopify's key must be pasted: refused beside its field, nothing made.
    let refused = owner
        .post(
            &app,
            "/admin/welcome/orders/secret",
            &[
                ("csrf", csrf.as_str()),
                ("platform", "shopify"),
                ("secret", " "),
            ],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    assert!(
        refused
            .text
            .contains("aria-describedby=\"secret-shopify-error\""),
        "{}",
        refused.text
    );
    assert!(
        app.store
            .list_integrations(app.store_id)
            .await
            .unwrap()
            .is_empty()
    );
    // Without the token: refused, nothing made.
    let forged = owner
        .post(
            &app,
            "/admin/welcome/orders/secret",
            &[("platform", "generic")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(
        app.store
            .list_integrations(app.store_id)
            .await
            .unwrap()
            .is_empty()
    );
    // The generic feed's secret is wismo's, shown once.
    let made = owner
        .post(
            &app,
            "/admin/welcome/orders/secret",
            &[("csrf", csrf.as_str()), ("platform", "generic")],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.text);
    assert!(made.text.contains("whsec_"), "{}", made.text);
    assert!(made.text.contains("Step 2 of 3"));
    let feeds = app.store.list_integrations(app.store_id).await.unwrap();
    assert_eq!(feeds.len(), 1);
    assert_eq!(feeds[0].platform, Platform::Generic);
    let later = owner.get(&app, "/admin/welcome/orders").await;
    assert!(!later.text.contains("whsec_"), "shown once: {}", later.text);
    assert!(later.text.contains("A secret is set."), "{}", later.text);
    // A pasted Shopify key is kept and never shown.
    let pasted = owner
        .post(
            &app,
            "/admin/welcome/orders/secret",
            &[
                ("csrf", csrf.as_str()),
                ("platform", "shopify"),
                ("secret", "shpss_pasted_key_0123"),
            ],
        )
        .await;
    assert_eq!(pasted.status, StatusCode::SEE_OTHER, "{}", pasted.text);
    assert_eq!(
        pasted.header("location"),
        "/admin/welcome/orders?done=secret"
    );
    assert_eq!(
        app.store
            .list_integrations(app.store_id)
            .await
            .unwrap()
            .len(),
        2
    );

    // An API key: a bad name refused, a good one shown once.
    let keys_before = app.store.list_api_keys(app.store_id).await.unwrap().len();
    let unnamed = owner
        .post(
            &app,
            "/admin/welcome/orders/key",
            &[("csrf", csrf.as_str()), ("name", "  ")],
        )
        .await;
    assert_eq!(unnamed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unnamed.text.contains("aria-describedby=\"key-error\""));
    let forged = owner
        .post(&app, "/admin/welcome/orders/key", &[("name", "Shop")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.store.list_api_keys(app.store_id).await.unwrap().len(),
        keys_before
    );
    let key = owner
        .post(
            &app,
            "/admin/welcome/orders/key",
            &[("csrf", csrf.as_str()), ("name", "Warehouse")],
        )
        .await;
    assert_eq!(key.status, StatusCode::OK, "{}", key.text);
    let keys = app.store.list_api_keys(app.store_id).await.unwrap();
    assert_eq!(keys.len(), keys_before + 1);
    let made = keys
        .iter()
        .find(|k| k.name == "Warehouse")
        .expect("the key");
    // The whole key is on the page (its kept prefix and more), and it works.
    let start = key.text.find("id=\"shown-secret\"").expect("the key shown");
    let value = key.text[start..]
        .split("value=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .unwrap()
        .to_owned();
    assert!(value.starts_with(&made.prefix) && value.len() > made.prefix.len());
    let with_it = app
        .request(axum::http::Method::GET, "/api/v1/store", Some(&value), None)
        .await;
    assert_eq!(with_it.status, StatusCode::OK);
    // The audit log has the guide's forms, as every admin form.
    let audit = owner.get(&app, "/admin/audit").await;
    assert!(
        audit.text.contains("/admin/welcome/orders/key"),
        "{}",
        audit.text
    );
}

async fn on_the_orders_step_staff_see_the_addresses_but_no_secret_or_key(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut staff = staff(&app).await;
    let page = staff.get(&app, "/admin/welcome/orders").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(
        page.text.contains("/integrations/generic/acme\""),
        "{}",
        page.text
    );
    assert!(page.text.contains("action=\"/admin/settings/imports\""));
    assert!(
        !page
            .text
            .contains("action=\"/admin/welcome/orders/secret\"")
    );
    assert!(!page.text.contains("action=\"/admin/welcome/orders/key\""));
    let csrf = csrf_field(&page.text);
    let keys_before = app.store.list_api_keys(app.store_id).await.unwrap().len();
    let secret = staff
        .post(
            &app,
            "/admin/welcome/orders/secret",
            &[("csrf", csrf.as_str()), ("platform", "generic")],
        )
        .await;
    assert_eq!(secret.status, StatusCode::FORBIDDEN);
    let key = staff
        .post(
            &app,
            "/admin/welcome/orders/key",
            &[("csrf", csrf.as_str()), ("name", "Mine")],
        )
        .await;
    assert_eq!(key.status, StatusCode::FORBIDDEN);
    assert!(
        app.store
            .list_integrations(app.store_id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        app.store.list_api_keys(app.store_id).await.unwrap().len(),
        keys_before
    );
    // The brand step is theirs as the branding page is.
    let brand = staff.get(&app, "/admin/welcome/brand").await;
    assert_eq!(brand.status, StatusCode::OK);
}

async fn the_email_step_sends_a_test_to_the_users_own_address(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let page = owner.get(&app, "/admin/welcome/email").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(
        page.text.contains("<code>127.0.0.1</code>"),
        "{}",
        page.text
    );
    assert!(
        page.text.contains("updates@track.example.test"),
        "{}",
        page.text
    );
    assert!(!page.text.contains("smtp://"), "{}", page.text);
    assert!(page.text.contains("owner@acme.example"));
    let csrf = csrf_field(&page.text);
    // Without the token: refused, nothing queued.
    let forged = owner.post(&app, "/admin/welcome/email/test", &[]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(test_jobs(&app).await.is_empty());

    owner.lang = Some("de-DE, en;q=0.5");
    let asked = owner
        .post(
            &app,
            "/admin/welcome/email/test",
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.text);
    let location = asked.header("location").to_owned();
    assert!(
        location.starts_with("/admin/welcome/email?test="),
        "{location}"
    );
    let queued = owner.get(&app, &location).await;
    assert!(
        queued.text.contains("Der Test ist in der Warteschlange"),
        "{}",
        queued.text
    );
    assert!(queued.text.contains(&format!("href=\"{location}\"")));
    // One a minute: a second ask at once is refused, and queues nothing.
    let again = owner
        .post(
            &app,
            "/admin/welcome/email/test",
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        again.text
    );
    assert!(again.header("retry-after").parse::<u64>().unwrap() >= 1);
    assert_eq!(test_jobs(&app).await.len(), 1);

    run_jobs(&app).await;
    assert!(capture.wait_for(1, Duration::from_secs(5)).await);
    let mail: Vec<_> = capture.messages();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["owner@acme.example".to_owned()]);
    assert_eq!(mail[0].header("Content-Language").as_deref(), Some("de"));
    let body = decoded(&mail[0]);
    assert!(body.contains("Es funktioniert"), "{body}");
    assert!(body.contains("Dies ist ein Test von wismo"), "{body}");
    let sent = owner.get(&app, &location).await;
    assert!(
        sent.text.contains("Das Relay hat den Test am"),
        "{}",
        sent.text
    );
    // Another user's test is no business of this one's.
    let mut staff = staff(&app).await;
    let theirs = staff.get(&app, &location).await;
    assert!(
        theirs
            .text
            .contains("There is no record of this test any more."),
        "{}",
        theirs.text
    );
}

async fn a_test_the_relay_refuses_is_shown_as_retried_or_failed_with_its_error(db: Db) {
    let Some((app, capture)) = app_with_relay(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let csrf = owner.form_csrf(&app, "/admin/welcome/email").await;
    // A relay that says "try later": the page says it is tried again, and why.
    capture.fail_next(&[451]);
    let asked = owner
        .post(
            &app,
            "/admin/welcome/email/test",
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.text);
    let location = asked.header("location").to_owned();
    run_jobs(&app).await;
    let retried = owner.get(&app, &location).await;
    assert!(
        retried
            .text
            .contains("Sending failed and will be tried again."),
        "{}",
        retried.text
    );
    assert!(retried.text.contains("451"), "{}", retried.text);
    assert!(retried.text.contains("Check again"), "{}", retried.text);
    // A relay that refuses for good (another user, who may ask now): failed, with why.
    let mut staff = staff(&app).await;
    let csrf = staff.form_csrf(&app, "/admin/welcome/email").await;
    capture.fail_next(&[550]);
    let asked = staff
        .post(
            &app,
            "/admin/welcome/email/test",
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.text);
    let location = asked.header("location").to_owned();
    run_jobs(&app).await;
    let failed = staff.get(&app, &location).await;
    assert!(
        failed.text.contains("The test could not be sent."),
        "{}",
        failed.text
    );
    assert!(failed.text.contains("550"), "{}", failed.text);
    assert!(!failed.text.contains("Check again"), "{}", failed.text);
    assert_eq!(capture.received(), 0);
}

/// The test-email jobs queued so far.
async fn test_jobs(app: &TestApp) -> Vec<wismo_store::Job> {
    app.store
        .list_jobs(None, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|j| j.name == "send_test_email")
        .collect()
}

async fn without_a_relay_the_email_step_says_what_the_operator_sets(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut owner = owner(&app).await;
    let page = owner.get(&app, "/admin/welcome/email").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("WISMO_SMTP_URL"), "{}", page.text);
    assert!(page.text.contains("WISMO_EMAIL_FROM"), "{}", page.text);
    assert!(
        page.text.contains("This server does not send email yet"),
        "{}",
        page.text
    );
    assert!(!page.text.contains("action=\"/admin/welcome/email/test\""));
    let csrf = csrf_field(&page.text);
    let asked = owner
        .post(
            &app,
            "/admin/welcome/email/test",
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(asked.status, StatusCode::CONFLICT, "{}", asked.text);
    assert!(asked.text.contains("this server has no email relay"));
    assert!(test_jobs(&app).await.is_empty());
}
