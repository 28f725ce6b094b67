//! The public pages in a real headless Chromium, driven over WebDriver (Debian's `chromium`
//! and `chromium-driver`; `.ci/run` installs them): every stage at phone (390×844) and
//! desktop size, the order lookup, and a customer request. What is checked on each page
//! (layout, axe-core, screenshots) is in `page_checks`; every state at every size, scheme
//! and direction in `page_matrix`.
//!
//! Without `chromedriver` on the PATH the tests are skipped, or fail when `CI` is set (see
//! `requires`). Each chromedriver runs in a process group of its own, with every Chromium
//! process it starts; the group is killed when the test's [`Browser`] is dropped, on success,
//! failure or panic alike, so no browser outlives the test.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::net::SocketAddr;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Db, PUBLIC_URL, TestApp};
use crate::page_matrix::{journeys, problem_scans};
use crate::requires::{chromedriver, find_program};

pub(crate) use crate::page_checks::{
    assert_accessible, assert_laid_out, save_screenshot, scrolls_sideways,
};

/// A session in headless Chromium and the chromedriver that started it.
pub(crate) struct Browser {
    pub(crate) client: Client,
    _driver: Driver,
}

impl Browser {
    /// Ends the session, which closes Chromium; dropping the driver then ends the rest.
    pub(crate) async fn close(self) {
        self.client.close().await.unwrap();
    }
}

/// A chromedriver leading its own process group, with the scratch directory Chromium keeps
/// its profile and temporary files in. Dropping it kills the whole group and removes the
/// directory.
struct Driver {
    process: Child,
    scratch: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.process.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.process.wait();
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

pub(crate) async fn browser() -> Option<Browser> {
    browser_with(&[]).await
}

/// A session in a Chromium started with `extra` switches as well.
/// Chromium told the system prefers the dark scheme, for `app`'s store with a dark brown
/// colour (which the dark scheme must lighten for links to read).
pub(crate) async fn dark_browser(app: &TestApp) -> Option<Browser> {
    let browser = browser_with(&["--force-dark-mode"]).await?;
    let res = app
        .request(
            axum::http::Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({ "primary_color": "#7c2d12" })),
        )
        .await;
    assert_eq!(res.status, axum::http::StatusCode::OK, "{}", res.text);
    Some(browser)
}

pub(crate) async fn browser_with(extra: &[&str]) -> Option<Browser> {
    let chromedriver = chromedriver()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let scratch =
        std::env::temp_dir().join(format!("wismo-browser-{:016x}", rand::random::<u64>()));
    std::fs::create_dir_all(&scratch).unwrap();
    let process = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        // Chromium's temporary directories go in the scratch directory, not loose in /tmp.
        .env("TMPDIR", &scratch)
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver { process, scratch };
    let mut caps = serde_json::Map::new();
    let mut options = json!({
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--window-size=390,844", "--hide-scrollbars",
            format!("--user-data-dir={}", driver.scratch.join("profile").display()),
        ],
    });
    if let Some(args) = options["args"].as_array_mut() {
        args.extend(extra.iter().map(|a| json!(a)));
    }
    if let Some(binary) = find_program("chromium") {
        options["binary"] = json!(binary);
    }
    caps.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => {
                return Some(Browser {
                    client,
                    _driver: driver,
                });
            }
            Err(e) if Instant::now() > deadline => panic!("no WebDriver session: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

/// Serves the test app on a real socket; returns its base URL.
pub(crate) async fn serve(app: &TestApp) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    format!("http://{addr}")
}

/// Types an order number and a contact into the lookup form on screen and sends it.
async fn look_up(c: &Client, number: &str, contact: &str) {
    for (field, text) in [("order_number", number), ("contact", contact)] {
        let input = c.find(Locator::Id(field)).await.unwrap();
        input.send_keys(text).await.unwrap();
    }
    let submit = c
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap();
    submit.click().await.unwrap();
}

/// A page's path, from the address the API gives for it.
pub(crate) fn path_of(url: &str) -> &str {
    url.strip_prefix(PUBLIC_URL).unwrap()
}

crate::on_both_backends!(every_stage_renders_on_a_phone_and_a_desktop);

async fn every_stage_renders_on_a_phone_and_a_desktop(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let Some(browser) = browser().await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    for (n, (stage, scans)) in journeys().into_iter().enumerate() {
        let order = app.order(&format!("#B{n}"), &["1Z999AA10123456784"]).await;
        let shipment = &order["shipments"][0];
        for scan in &scans {
            let res = app
                .post(
                    &format!("/api/v1/shipments/{}/events", shipment["id"]),
                    scan,
                )
                .await;
            assert!(res.status.is_success(), "{}", res.text);
        }
        let url = format!(
            "{base}{}",
            path_of(shipment["tracking_url"].as_str().unwrap())
        );
        for (size, (width, height)) in [("phone", (390, 844)), ("desktop", (1280, 900))] {
            if size == "desktop" {
                wait_for_stored_page(&app, &url).await;
            }
            c.set_window_size(width, height).await.unwrap();
            c.goto(&url).await.unwrap();
            if size == "desktop" {
                // The second view is the stored page, sent gzip-compressed.
                let sizes = c
                    .execute(
                        "const n = performance.getEntriesByType('navigation')[0]; return [n.encodedBodySize, n.decodedBodySize];",
                        vec![],
                    )
                    .await
                    .unwrap();
                let (encoded, decoded) = (sizes[0].as_i64().unwrap(), sizes[1].as_i64().unwrap());
                assert!(
                    0 < encoded && encoded < decoded,
                    "{stage}: the repeat view came uncompressed ({encoded} of {decoded} bytes)"
                );
            }
            let heading = c.find(Locator::Css("h2.stage")).await.unwrap();
            let label = heading.text().await.unwrap();
            let expected = app_label(stage);
            assert_eq!(label, expected, "{stage} at {size}");
            let section = c
                .find(Locator::Css(&format!("section.stage-{stage}")))
                .await;
            assert!(section.is_ok(), "{stage}: no stage section");
            let current = c
                .find(Locator::Css("ol.progress li[aria-current=step]"))
                .await
                .unwrap();
            assert!(!current.text().await.unwrap().is_empty(), "{stage}");
            // Nothing wider than the screen, nothing on top of anything, every control named.
            assert_laid_out(c, &format!("{stage} at {size}")).await;
            // A desktop puts the order's items and help beside the parcels; a phone below.
            let columns = c
                .execute(
                    "const s = document.querySelector('.status').getBoundingClientRect(); const d = document.querySelector('.side').getBoundingClientRect(); return [d.left - s.right, d.top - s.bottom];",
                    vec![],
                )
                .await
                .unwrap();
            let (beside, below) = (columns[0].as_f64().unwrap(), columns[1].as_f64().unwrap());
            if size == "desktop" {
                assert!(
                    beside >= 0.0,
                    "{stage}: help not beside the parcels ({columns})"
                );
            } else {
                assert!(
                    below >= 0.0,
                    "{stage}: help not below the parcels ({columns})"
                );
            }
            // The page is the same on either database: axe-core reads it once.
            if matches!(db, Db::Sqlite) {
                assert_accessible(c, &format!("{stage} at {size}")).await;
            }
            save_screenshot(c, &format!("{stage}-{size}")).await;
        }
    }
    browser.close().await;
}

/// Waits until the page a first view rendered for `url` is stored.
async fn wait_for_stored_page(app: &TestApp, url: &str) {
    let token = url.rsplit('/').next().unwrap();
    let token = wismo_domain::ShipmentToken::parse(token).unwrap();
    let build = &app.page_build();
    for _ in 0..3000 {
        let key = app
            .store
            .page_key(&token, build, None)
            .await
            .unwrap()
            .unwrap();
        if !key.pages.is_empty() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("the page of {url} was not stored");
}

/// The English label of a stage, as the page shows it.
fn app_label(stage: &str) -> &'static str {
    match stage {
        "pending" => "Waiting for the carrier",
        "info_received" => "Label created",
        "in_transit" => "On its way",
        "out_for_delivery" => "Out for delivery",
        "delivered" => "Delivered",
        "delayed" => "Delayed",
        "action_required" => "Action required",
        "exception" => "Problem with delivery",
        "available_for_pickup" => "Ready for pickup",
        "returned" => "Returning to sender",
        _ => "",
    }
}

#[tokio::test]
async fn a_customer_finds_the_order_and_reports_a_problem() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = browser().await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    let order = app.order("#L1", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    app.post(
        &format!("/api/v1/shipments/{}/events", shipment["id"]),
        &json!({ "occurred_at": "2026-03-03T07:30:00-08:00", "stage": "delivered", "description": "Delivered" }),
    )
    .await;

    // The lookup: order number and email lead to the order's private page.
    c.goto(&format!("{base}/acme/track")).await.unwrap();
    assert_accessible(c, "the lookup").await;
    save_screenshot(c, "lookup-phone").await;
    look_up(c, "#L1", "ana@example.com").await;
    c.wait()
        .for_element(Locator::Css("h2.stage"))
        .await
        .unwrap();
    let url = c.current_url().await.unwrap();
    assert_eq!(url.path(), path_of(order["order_url"].as_str().unwrap()));

    // A wrong email gets the same neutral answer on the form.
    c.goto(&format!("{base}/acme/track")).await.unwrap();
    look_up(c, "#L1", "eve@example.com").await;
    let error = c
        .wait()
        .for_element(Locator::Css(".form-error"))
        .await
        .unwrap();
    assert!(
        error
            .text()
            .await
            .unwrap()
            .contains("We couldn't find an order")
    );
    assert_accessible(c, "the lookup refused").await;
    // The form comes back with what was typed, to correct rather than retype.
    for (field, typed) in [("order_number", "#L1"), ("contact", "eve@example.com")] {
        let input = c.find(Locator::Id(field)).await.unwrap();
        assert_eq!(input.prop("value").await.unwrap().as_deref(), Some(typed));
    }

    // A customer action: "It arrived damaged", with a note. Nothing is chosen for them,
    // and sending without a choice is stopped by the form itself.
    c.goto(url.as_str()).await.unwrap();
    let chosen = c
        .find_all(Locator::Css("input[name=kind]:checked"))
        .await
        .unwrap();
    assert!(chosen.is_empty(), "no request chosen for the customer");
    assert_accessible(c, "the order's page with its requests").await;
    c.find(Locator::Css(".actions button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let invalid = c
        .find_all(Locator::Css("input[name=kind]:invalid"))
        .await
        .unwrap();
    assert!(!invalid.is_empty(), "a choice is required");
    assert_eq!(c.current_url().await.unwrap(), url, "not sent");
    c.find(Locator::Css("input[name=kind][value=damaged]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Id("message"))
        .await
        .unwrap()
        .send_keys("The bag was torn.")
        .await
        .unwrap();
    c.find(Locator::Css(".actions button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let sent = c.wait().for_element(Locator::Css(".sent")).await.unwrap();
    assert!(sent.text().await.unwrap().contains("has your message"));
    assert_accessible(c, "a request sent").await;
    save_screenshot(c, "request-sent-phone").await;
    let requests = app.get("/api/v1/requests").await.json();
    assert_eq!(requests["data"][0]["kind"], "damaged");
    assert_eq!(requests["data"][0]["message"], "The bag was torn.");

    // A link that leads nowhere gets the neutral not-found page, as clean as the rest.
    c.goto(&format!("{base}/t/AAAAAAAAAAAAAAAAAAAAAAAA"))
        .await
        .unwrap();
    assert!(!scrolls_sideways(c).await, "the not-found page");
    assert_accessible(c, "the not-found page").await;
    save_screenshot(c, "not-found-phone").await;
    browser.close().await;
}

/// `rgb(r, g, b)` as Chromium reports a computed colour, to WCAG relative luminance.
pub(crate) fn luminance_of(css: &str) -> f64 {
    let channels: Vec<f64> = css
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .take(3)
        .map(|v| v.trim().parse::<f64>().unwrap() / 255.0)
        .map(|v| {
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        })
        .collect();
    0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
}

pub(crate) fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance_of(a), luminance_of(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A store whose colour is pale yellow: links and focus rings are drawn in a darker shade
/// that reads on the page, the buttons keep the yellow with black text.
#[tokio::test]
async fn a_pale_brand_colour_is_darkened_for_links_and_kept_on_buttons() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = browser().await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    let key = app.key.clone();
    let res = app
        .request(
            axum::http::Method::PUT,
            "/api/v1/store/branding",
            Some(&key),
            Some(&json!({ "primary_color": "#ffff00" })),
        )
        .await;
    assert_eq!(res.status, axum::http::StatusCode::OK, "{}", res.text);
    assert!(res.text.contains("pages use"), "{}", res.text);

    c.goto(&format!("{base}/acme/track")).await.unwrap();
    let colours = c
        .execute(
            "const a = document.createElement('a'); a.href = '#'; a.textContent = 'x'; \
             document.body.appendChild(a); \
             const b = document.querySelector('form button[type=submit]'); \
             const page = getComputedStyle(document.documentElement).backgroundColor; \
             return [getComputedStyle(a).color, getComputedStyle(b).backgroundColor, \
                     getComputedStyle(b).color, page];",
            vec![],
        )
        .await
        .unwrap();
    let colours: Vec<String> = serde_json::from_value(colours).unwrap();
    let [link, button, button_text, page] = [&colours[0], &colours[1], &colours[2], &colours[3]];
    assert!(contrast(link, page) >= 4.5, "link {link} on {page}");
    assert!(
        contrast(link, "rgb(255, 255, 255)") >= 4.5,
        "link {link} on white"
    );
    assert_eq!(button, "rgb(255, 255, 0)");
    assert_eq!(button_text, "rgb(0, 0, 0)");
    assert_accessible(c, "the lookup in a pale brand colour").await;
    save_screenshot(c, "lookup-pale-brand-phone").await;
    browser.close().await;
}

/// Scrolls the rating form into view and saves a screenshot of it.
async fn show_rating_and_save(c: &Client, name: &str) {
    c.execute(
        "document.querySelector('form.rating').scrollIntoView({ block: 'center' });",
        vec![],
    )
    .await
    .unwrap();
    save_screenshot(c, name).await;
}

/// The dark scheme (Chromium told the system prefers it): dark surfaces, light text and a
/// brand colour lightened for links, all readable; and at 320 px wide with the text at
/// 200 %, nothing scrolls sideways on the lookup and for the rating form in Arabic; axe-core
/// finds nothing wrong in any of them. Every state in the dark is in `page_matrix`.
#[tokio::test]
async fn the_page_reads_in_the_dark_and_at_double_text_size_on_a_small_phone() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = dark_browser(&app).await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    let order = app.order("#D1", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    for (at, stage, description) in [
        (
            "2026-03-02T09:00:00-05:00",
            "in_transit",
            "Departed from facility",
        ),
        (
            "2026-03-03T07:30:00-08:00",
            "out_for_delivery",
            "Out For Delivery Today",
        ),
    ] {
        let res = app
            .post(
                &format!("/api/v1/shipments/{}/events", shipment["id"]),
                &json!({ "occurred_at": at, "stage": stage, "description": description }),
            )
            .await;
        assert!(res.status.is_success(), "{}", res.text);
    }
    let url = format!(
        "{base}{}",
        path_of(shipment["tracking_url"].as_str().unwrap())
    );
    c.goto(&url).await.unwrap();
    let colours = c
        .execute(
            "const s = getComputedStyle; const section = document.querySelector('section'); \
             const a = document.createElement('a'); a.href = '#'; a.textContent = 'x'; \
             section.appendChild(a); \
             return [s(document.documentElement).backgroundColor, s(document.body).color, \
                     s(section).backgroundColor, s(a).color];",
            vec![],
        )
        .await
        .unwrap();
    let colours: Vec<String> = serde_json::from_value(colours).unwrap();
    let [page, text, surface, link] = [&colours[0], &colours[1], &colours[2], &colours[3]];
    assert!(luminance_of(page) < 0.05, "a dark page: {page}");
    assert!(contrast(text, page) >= 4.5, "text {text} on {page}");
    assert!(contrast(text, surface) >= 4.5, "text {text} on {surface}");
    assert!(contrast(link, surface) >= 4.5, "link {link} on {surface}");
    assert_accessible(c, "dark").await;
    save_screenshot(c, "tracking-dark-phone").await;

    c.set_window_size(320, 800).await.unwrap();
    for page in [url.clone(), format!("{base}/acme/track")] {
        c.goto(&page).await.unwrap();
        assert!(!scrolls_sideways(c).await, "{page} at 320 px");
        assert_accessible(c, "dark at 320 px").await;
        c.execute("document.documentElement.style.fontSize = '200%';", vec![])
            .await
            .unwrap();
        assert!(
            !scrolls_sideways(c).await,
            "{page} at 320 px, text at 200 %"
        );
        assert_accessible(c, "dark at 320 px, text at 200 %").await;
    }
    save_screenshot(c, "lookup-320px-text-200").await;

    // "How was your delivery?" in Arabic, in the dark at 320 px: right to left, every score
    // named, nothing sideways at 100 % or 200 % text, and a score given comes back pressed.
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": "#DAR",
                "customer": { "name": "Ana Lima", "email": "ana@example.com", "locale": "ar" },
                "items": [{ "name": "Espresso beans", "quantity": 2 }],
                "shipments": [{ "tracking_number": "1Z999AA10123456784", "carrier": "ups" }],
            }),
        )
        .await;
    assert_eq!(res.status, axum::http::StatusCode::CREATED, "{}", res.text);
    let shipment = &res.json()["shipments"][0];
    let res = app
        .post(
            &format!("/api/v1/shipments/{}/events", shipment["id"]),
            &json!({ "occurred_at": "2026-03-02T11:59:00-08:00", "stage": "delivered",
                "description": "Delivered", "facts": { "left_at": "Front door" } }),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    c.goto(&format!(
        "{base}{}",
        path_of(shipment["tracking_url"].as_str().unwrap())
    ))
    .await
    .unwrap();
    let form = c
        .execute(
            "const html = document.documentElement; \
             const scores = [...document.querySelectorAll('form.rating button[name=score]')]; \
             return { direction: getComputedStyle(html).direction, \
                      legend: document.querySelector('form.rating legend').textContent.trim(), \
                      named: scores.filter(b => b.getAttribute('aria-label')).length, \
                      scores: scores.length };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(form["direction"], "rtl", "{form}");
    assert_eq!(form["scores"], 5, "{form}");
    assert_eq!(form["named"], 5, "{form}");
    assert_ne!(
        form["legend"], "How was your delivery?",
        "not in Arabic: {form}"
    );
    assert!(!scrolls_sideways(c).await, "Arabic rating, dark, 320 px");
    assert_accessible(c, "the Arabic rating form, dark, 320 px").await;
    show_rating_and_save(c, "rating-arabic-dark-320px").await;
    c.execute("document.documentElement.style.fontSize = '200%';", vec![])
        .await
        .unwrap();
    assert!(
        !scrolls_sideways(c).await,
        "Arabic rating, dark, 320 px, text at 200 %"
    );
    assert_accessible(c, "the Arabic rating form, dark, 320 px, text at 200 %").await;
    show_rating_and_save(c, "rating-arabic-dark-320px-text-200").await;
    c.find(Locator::Css("form.rating button[value='5']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("form.rating .given"))
        .await
        .unwrap();
    let pressed = c
        .find(Locator::Css("form.rating button[aria-pressed=true]"))
        .await
        .unwrap();
    assert_eq!(pressed.text().await.unwrap(), "5");
    assert!(!scrolls_sideways(c).await, "Arabic rating given, 320 px");
    assert_accessible(c, "an Arabic rating given, dark, 320 px").await;
    show_rating_and_save(c, "rating-arabic-dark-320px-given").await;
    browser.close().await;
}

/// The problem states with the carrier's facts (a pickup point with its hours and
/// hold-until day, duties with their amount and pay page, a failed attempt with the next
/// one and the rearrange page) at phone and desktop size: the facts and the one button
/// show, and nothing scrolls sideways.
#[tokio::test]
async fn problem_states_show_the_carriers_facts_on_a_phone_and_a_desktop() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = browser().await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    for (n, (name, scan, shown)) in problem_scans().into_iter().enumerate() {
        let order = app.order(&format!("#F{n}"), &["1Z999AA10123456784"]).await;
        let shipment = &order["shipments"][0];
        let res = app
            .post(
                &format!("/api/v1/shipments/{}/events", shipment["id"]),
                &scan,
            )
            .await;
        assert!(res.status.is_success(), "{}", res.text);
        let url = format!(
            "{base}{}",
            path_of(shipment["tracking_url"].as_str().unwrap())
        );
        for (size, (width, height)) in [("phone", (390, 844)), ("desktop", (1280, 900))] {
            c.set_window_size(width, height).await.unwrap();
            c.goto(&url).await.unwrap();
            let card = c.find(Locator::Css("section.shipment")).await.unwrap();
            let text = card.text().await.unwrap();
            assert!(text.contains(shown), "{name} at {size}: {text}");
            let button = c.find(Locator::Css("p.do a.button")).await.unwrap();
            assert!(button.is_displayed().await.unwrap(), "{name} at {size}");
            assert_laid_out(c, &format!("{name} at {size}")).await;
            assert_accessible(c, &format!("{name} at {size}")).await;
            save_screenshot(c, &format!("{name}-{size}")).await;
        }
    }
    browser.close().await;
}

/// "How was your delivery?" on a delivered parcel at phone and desktop size: one tap on a
/// score sends the plain form (no JavaScript needed), and the page comes back saying the
/// rating given, with that score pressed.
#[tokio::test]
async fn a_customer_rates_a_delivery_with_one_tap() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = browser().await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    for (n, (size, (width, height))) in [("phone", (390, 844)), ("desktop", (1280, 900))]
        .into_iter()
        .enumerate()
    {
        let order = app.order(&format!("#RT{n}"), &["1Z999AA10123456784"]).await;
        let shipment = &order["shipments"][0];
        let res = app
            .post(
                &format!("/api/v1/shipments/{}/events", shipment["id"]),
                &json!({ "occurred_at": "2026-03-02T11:59:00-08:00", "stage": "delivered",
                    "description": "Delivered", "facts": { "left_at": "Front door" } }),
            )
            .await;
        assert!(res.status.is_success(), "{}", res.text);
        let url = format!(
            "{base}{}",
            path_of(shipment["tracking_url"].as_str().unwrap())
        );
        c.set_window_size(width, height).await.unwrap();
        c.goto(&url).await.unwrap();
        let four = c
            .find(Locator::Css("form.rating button[value='4']"))
            .await
            .unwrap();
        assert_eq!(
            four.attr("aria-label").await.unwrap().as_deref(),
            Some("4 out of 5")
        );
        assert_accessible(c, &format!("the rating form at {size}")).await;
        four.click().await.unwrap();
        let given = c
            .wait()
            .for_element(Locator::Css("form.rating .given"))
            .await
            .unwrap();
        assert!(given.text().await.unwrap().contains("4 out of 5"), "{size}");
        let pressed = c
            .find(Locator::Css("form.rating button[aria-pressed=true]"))
            .await
            .unwrap();
        assert_eq!(pressed.text().await.unwrap(), "4", "{size}");
        assert!(!scrolls_sideways(c).await, "{size} scrolls sideways");
        assert_accessible(c, &format!("a rating given at {size}")).await;
        save_screenshot(c, &format!("rating-{size}")).await;
        let read = app
            .get(&format!("/api/v1/shipments/{}", shipment["id"]))
            .await
            .json();
        assert_eq!(read["rating"]["score"], 4, "{read}");
    }
    browser.close().await;
}
