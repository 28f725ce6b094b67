//! The customer's tracking page in every stage and problem state, walked in headless
//! Chromium at 320, 390 and 1280 px, light and dark, in English and in Arabic (a customer
//! who reads Arabic, so the page is written right to left), and with the text at 200 % on
//! the smallest phone: at each, nothing scrolls sideways, overlaps or lacks a name
//! ([`assert_laid_out`]), and a screenshot is saved. axe-core reads every state once per
//! scheme and direction (colours and names do not change with the width).
//!
//! Light left to right at 390 and 1280 px is walked by `browser.rs`'s
//! `every_stage_renders_on_a_phone_and_a_desktop` and
//! `problem_states_show_the_carriers_facts_on_a_phone_and_a_desktop`, axe-core included.
//! One browser session per scheme; the orders are made once and walked at every size.

use fantoccini::Client;
use serde_json::{Value, json};

use crate::browser::{browser, dark_browser, path_of, serve};
use crate::harness::{Db, TestApp};
use crate::page_checks::{
    assert_accessible, assert_laid_out, axe_violations, layout, save_screenshot,
};

/// The scans that bring a parcel to each stage the page shows.
pub(crate) fn journeys() -> Vec<(&'static str, Vec<Value>)> {
    let scan = |at: &str, stage: &str, sub: Option<&str>, text: &str| json!({ "occurred_at": at, "stage": stage, "substatus": sub, "description": text, "location": "Portland, OR, US" });
    let label = scan(
        "2026-03-01T09:00:00-05:00",
        "info_received",
        None,
        "Label created",
    );
    let moving = scan(
        "2026-03-02T08:00:00-06:00",
        "in_transit",
        Some("departed_facility"),
        "Departed facility",
    );
    let end = |stage: &str, sub: Option<&str>, text: &str| {
        vec![
            label.clone(),
            moving.clone(),
            scan("2026-03-03T07:30:00-08:00", stage, sub, text),
        ]
    };
    vec![
        ("pending", vec![]),
        ("info_received", vec![label.clone()]),
        ("in_transit", vec![label.clone(), moving.clone()]),
        (
            "out_for_delivery",
            end("out_for_delivery", Some("with_courier"), "Out for delivery"),
        ),
        (
            "delivered",
            end("delivered", Some("left_at_door"), "Delivered, front door"),
        ),
        ("delayed", end("delayed", Some("weather"), "Weather delay")),
        (
            "action_required",
            end("action_required", Some("failed_attempt"), "No one home"),
        ),
        ("exception", end("exception", Some("damaged"), "Damaged")),
        (
            "available_for_pickup",
            end("available_for_pickup", Some("at_locker"), "At the locker"),
        ),
        (
            "returned",
            end("returned", Some("returned_to_sender"), "Returned to sender"),
        ),
    ]
}

/// The problem states with the carrier's facts: a scan each, and words the card shows.
pub(crate) fn problem_scans() -> Vec<(&'static str, Value, &'static str)> {
    vec![
        (
            "pickup-facts",
            json!({ "occurred_at": "2026-03-02T15:00:00-08:00", "stage": "available_for_pickup",
                "description": "Delivered to UPS Access Point",
                "facts": { "pickup": { "name": "Corner Shop",
                    "address": "1234 Long Boulevard Name, Unit 56, Springfield, IL 62704",
                    "hours": "Mon-Sat 08:00-20:00, Sun 10:00-16:00", "hold_until": "2026-03-12" } } }),
            "Corner Shop",
        ),
        (
            "customs-facts",
            json!({ "occurred_at": "2026-03-02T15:00:00-08:00", "stage": "action_required",
                "substatus": "customs_payment", "description": "Import charges due",
                "facts": { "amount_due": { "amount": "24.50", "currency": "EUR",
                    "pay_url": "https://pay.carrier.example/duties/1Z999" } } }),
            "24.50 EUR",
        ),
        (
            "failed-attempt-facts",
            json!({ "occurred_at": "2026-03-02T15:00:00-08:00", "stage": "action_required",
                "substatus": "failed_attempt", "description": "Receiver not available",
                "facts": { "next_attempt": "2026-03-04",
                    "rearrange_url": "https://carrier.example/reschedule?n=1Z999" } }),
            "try again on",
        ),
    ]
}

/// Every state the page is walked in: each stage, then each problem state.
fn states() -> Vec<(&'static str, Vec<Value>)> {
    let problems = problem_scans()
        .into_iter()
        .map(|(n, scan, _)| (n, vec![scan]));
    journeys().into_iter().chain(problems).collect()
}

/// One order in each state for a customer who reads `locale`, numbered `#{prefix}{n}`; the
/// address of each one's tracking page on `base`.
async fn pages_in_every_state(
    app: &TestApp,
    base: &str,
    prefix: &str,
    locale: &str,
) -> Vec<(&'static str, String)> {
    let mut pages = vec![];
    for (n, (state, scans)) in states().into_iter().enumerate() {
        let res = app
            .post(
                "/api/v1/orders",
                &json!({
                    "order_number": format!("#{prefix}{n}"),
                    "customer": { "name": "Ana Lima", "email": "ana@example.com", "locale": locale },
                    "destination": { "city": "Portland", "region": "OR", "postal_code": "97201", "country": "US" },
                    "items": [{ "name": "Espresso beans", "quantity": 2 }],
                    "shipments": [{ "tracking_number": "1Z999AA10123456784", "carrier": "ups" }],
                }),
            )
            .await;
        assert_eq!(res.status, axum::http::StatusCode::CREATED, "{}", res.text);
        let shipment = &res.json()["shipments"][0];
        for scan in &scans {
            let res = app
                .post(
                    &format!("/api/v1/shipments/{}/events", shipment["id"]),
                    scan,
                )
                .await;
            assert!(res.status.is_success(), "{}", res.text);
        }
        let url = shipment["tracking_url"].as_str().unwrap();
        pages.push((state, format!("{base}{}", path_of(url))));
    }
    pages
}

/// A window the pages are looked at in, and what is checked there beyond the layout.
#[derive(Clone, Copy)]
struct View {
    width: u32,
    height: u32,
    /// axe-core reads each page too.
    axe: bool,
    /// The layout is checked again with the text at 200 %.
    double_text: bool,
}

const SMALL_PHONE: View = View {
    width: 320,
    height: 800,
    axe: false,
    double_text: false,
};
const PHONE: View = View {
    width: 390,
    height: 844,
    ..SMALL_PHONE
};
const DESKTOP: View = View {
    width: 1280,
    height: 900,
    ..SMALL_PHONE
};

/// Looks at each of `pages` in each of `views`: the page is in `lang` (right to left for
/// Arabic), laid out without a fault, clean to axe-core where the view says, and saved as
/// `{state}-{look}-{width}px.png`.
async fn walk(c: &Client, pages: &[(&str, String)], look: &str, lang: &str, views: &[View]) {
    let direction = if lang == "ar" { "rtl" } else { "ltr" };
    for view in views {
        c.set_window_size(view.width, view.height).await.unwrap();
        for (state, url) in pages {
            c.goto(url).await.unwrap();
            let what = format!("{state}-{look}-{}px", view.width);
            let layout = assert_laid_out(c, &what).await;
            assert_eq!(
                (layout.lang.as_str(), layout.direction.as_str()),
                (lang, direction),
                "{what}"
            );
            if lang == "ar" {
                assert!(
                    layout
                        .heading
                        .chars()
                        .any(|ch| ('\u{600}'..='\u{6ff}').contains(&ch)),
                    "{what}: the stage is not in Arabic: {:?}",
                    layout.heading
                );
            }
            if view.axe {
                assert_accessible(c, &what).await;
            }
            save_screenshot(c, &what).await;
            if view.double_text {
                c.execute("document.documentElement.style.fontSize = '200%';", vec![])
                    .await
                    .unwrap();
                let what = format!("{what}-text-200");
                assert_laid_out(c, &what).await;
                save_screenshot(c, &what).await;
            }
        }
    }
}

/// In the light: every state in English on a 320 px phone (390 and 1280 px are in
/// `browser.rs`), and in Arabic at 320 px (text at 100 % and 200 %), 390 px (axe-core too)
/// and 1280 px. Last, the checks are shown to fail on a page broken on purpose.
#[tokio::test]
async fn every_state_lays_out_in_the_light_on_a_small_phone_and_in_arabic_at_every_size() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = browser().await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    let english = pages_in_every_state(&app, &base, "ML", "en").await;
    let arabic = pages_in_every_state(&app, &base, "MA", "ar").await;
    walk(c, &english, "light", "en", &[SMALL_PHONE]).await;
    let views = [
        View {
            double_text: true,
            ..SMALL_PHONE
        },
        View { axe: true, ..PHONE },
        DESKTOP,
    ];
    walk(c, &arabic, "arabic-light", "ar", &views).await;

    // The checks can fail: a heading run over, a word too long for its step, a page wider
    // than the screen, a field without a label and a picture without words are all found.
    // (The page's Content-Security-Policy refuses style attributes; the script sets styles.)
    c.execute(
        "document.querySelector('.shipment .hero').style.marginTop = '-2rem'; \
         const step = document.querySelector('.shipment .progress li span'); \
         step.textContent = 'W'.repeat(60); step.parentElement.style.overflowWrap = 'normal'; \
         const wide = document.createElement('div'); wide.style.width = '2000px'; \
         wide.style.height = '1px'; document.querySelector('main').append(wide); \
         document.querySelector('main').insertAdjacentHTML('beforeend', \
           '<input type=text name=broken><img src=/static/favicon.svg>');",
        vec![],
    )
    .await
    .unwrap();
    let faults = layout(c).await.faults;
    for (start, fault) in [
        ("the page", "scrolls sideways"),
        ("h2#stage-1.stage", "overlaps div.hero"),
        ("li", "spills out of its box"),
        ("input", "has no name"),
    ] {
        assert!(
            faults
                .iter()
                .any(|f| f.starts_with(start) && f.contains(fault)),
            "{start} {fault} not found: {faults:#?}"
        );
    }
    let found: Vec<String> = axe_violations(c).await.into_iter().map(|v| v.id).collect();
    for rule in ["label", "image-alt"] {
        assert!(
            found.iter().any(|id| id == rule),
            "{rule} not found: {found:?}"
        );
    }
    browser.close().await;
}

/// In the dark (Chromium told the system prefers it, the store's colour a dark brown): every
/// state in English and in Arabic at 320 px (axe-core at 100 % text, where its contrast rules
/// are strictest; the layout at 200 % too), 390 px and 1280 px.
#[tokio::test]
async fn every_state_lays_out_in_the_dark_in_english_and_arabic_at_every_size() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = dark_browser(&app).await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    let english = pages_in_every_state(&app, &base, "MD", "en").await;
    let arabic = pages_in_every_state(&app, &base, "MDA", "ar").await;
    let views = [
        View {
            axe: true,
            double_text: true,
            ..SMALL_PHONE
        },
        PHONE,
        DESKTOP,
    ];
    walk(c, &english, "dark", "en", &views).await;
    walk(c, &arabic, "arabic-dark", "ar", &views).await;
    browser.close().await;
}
