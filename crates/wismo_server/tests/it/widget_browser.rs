//! The lookup widget on a shop's own page, in headless Chromium: a shop on another loopback
//! origin, with a strict CSP and a stylesheet that tries to break everything, embeds it.
//! The widget keeps its look at 320 and 1280 px, light and dark, labels every control,
//! and says a wrong order and an unreachable wismo differently, in its live regions; after
//! too many lookups it waits the answer's `Retry-After` with its button off.
//! Screenshots go to `target/browser-screenshots/widget-*.png`.

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::sync::oneshot;

use crate::browser::{browser_with, contrast, luminance_of, save_screenshot, scrolls_sideways};
use crate::harness::{Db, TestApp};

/// A shop's stylesheet at its worst: every element huge and red, buttons and labels gone,
/// inputs wider than any phone.
const HOSTILE_CSS: &str = "* { font-size: 40px !important; color: red !important; \
     line-height: .6 !important; letter-spacing: 4px; font-family: cursive !important; } \
     button { display: none !important; } label { display: none; } \
     input { width: 900px !important; border: 0; } p { margin: 0; } \
     div { padding: 10px; background: #ffeb3b; } form { display: none !important; }";

/// Serves wismo on a socket until `stop` fires; then the port is closed.
async fn serve_until(
    app: &TestApp,
    stop: oneshot::Receiver<()>,
) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = stop.await;
        })
        .await
        .unwrap();
    });
    (format!("http://{addr}"), server)
}

/// The shop: a page in British English with three widgets (the others asked for German and
/// Arabic), its stylesheet, and a CSP that allows wismo's origin for the script and its
/// lookups only.
async fn serve_shop(wismo: &str) -> String {
    let page = format!(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Acme Coffee</title><link rel=\"stylesheet\" href=\"/shop.css\">\
         <script src=\"{wismo}/acme/widget.js\" defer></script></head>\
         <body><h1>Acme</h1><p>Orders</p><div data-wismo-track></div>\
         <div data-wismo-track data-lang=\"de\"></div>\
         <div data-wismo-track data-lang=\"ar\"></div></body></html>"
    );
    let csp =
        format!("default-src 'none'; script-src {wismo}; connect-src {wismo}; style-src 'self'");
    let shop = Router::new()
        .route(
            "/",
            get(move || async move {
                (
                    [
                        (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
                        (header::CONTENT_SECURITY_POLICY, csp),
                    ],
                    page,
                )
                    .into_response()
            }),
        )
        .route(
            "/shop.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css")], HOSTILE_CSS) }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, shop).await });
    format!("http://{addr}")
}

/// What the first widget looks like, read from inside its shadow root; `null` until drawn.
const LOOK: &str = "const host = document.querySelectorAll('[data-wismo-track]')[0]; \
    const root = host.shadowRoot; if (!root || !root.querySelector('form')) return null; \
    const q = s => root.querySelector(s), st = e => getComputedStyle(e), r = e => e.getBoundingClientRect(); \
    const form = q('form'), heading = q('.h'), button = q('button'), inputs = [...root.querySelectorAll('input')]; \
    const german = document.querySelectorAll('[data-wismo-track]')[1].shadowRoot, \
      arabic = document.querySelectorAll('[data-wismo-track]')[2].shadowRoot; \
    return { heading: heading.textContent, lang: form.lang, german: german && german.querySelector('.h').textContent, arabic: arabic && arabic.querySelector('form').dir, \
      headingSize: st(heading).fontSize, inputSize: st(inputs[0]).fontSize, \
      text: st(form).color, background: st(form).backgroundColor, hintColour: st(q('.hint')).color, \
      button: st(button).backgroundColor, buttonText: st(button).color, buttonLabel: button.textContent, \
      smallest: Math.min(...inputs.map(i => r(i).height), r(button).height, r(button).width), \
      unlabelled: inputs.filter(i => !i.labels || !i.labels.length || !i.labels[0].textContent.trim() \
        || r(i.labels[0]).height === 0 || st(i.labels[0]).display === 'none').length, \
      hint: q('#hint').textContent, described: inputs[0].getAttribute('aria-describedby'), \
      right: Math.max(r(form).right, ...inputs.map(i => r(i).right), r(button).right), width: window.innerWidth, \
      alert: !!q('[role=alert]'), status: !!q('[role=status][aria-live=polite]') };";

/// Waits for the first widget to be drawn and returns its look.
async fn look(c: &Client) -> Value {
    for _ in 0..100 {
        let look = c.execute(LOOK, vec![]).await.unwrap();
        if !look.is_null() {
            return look;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the widget was not drawn");
}

/// Waits for the first widget's alert to say something and returns it, with whether the
/// fields are marked invalid and which one has the focus.
async fn alert(c: &Client) -> Value {
    let read = "const root = document.querySelector('[data-wismo-track]').shadowRoot; \
        const a = root.querySelector('[role=alert]'); \
        return a.textContent ? { text: a.textContent, invalid: root.querySelector('#order_number').getAttribute('aria-invalid'), \
          focus: root.activeElement && root.activeElement.id, \
          busy: root.querySelector('button').getAttribute('aria-disabled') } : null;";
    for _ in 0..150 {
        let said = c.execute(read, vec![]).await.unwrap();
        if !said.is_null() {
            return said;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the widget said nothing");
}

/// Types into the first widget's fields from the keyboard and sends the form with Enter.
async fn look_up(c: &Client, number: &str, contact: &str) {
    let host = c.find(Locator::Css("[data-wismo-track]")).await.unwrap();
    let root = host.shadow_root().await.unwrap();
    for (field, text) in [("#order_number", number), ("#contact", contact)] {
        let input = root.find(Locator::Css(field)).await.unwrap();
        input.clear().await.unwrap();
        input.send_keys(text).await.unwrap();
    }
    let contact = root.find(Locator::Css("#contact")).await.unwrap();
    contact.send_keys("\u{E007}").await.unwrap();
}

/// Spends the browser's lookup budget from the shop's page, with right details, until
/// wismo answers 429.
async fn spend_lookups(c: &Client, wismo: &str) {
    let script = "const [url, done] = arguments; (async () => { \
        for (let i = 0; i < 12; i++) { \
          const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, \
            body: JSON.stringify({ order_number: '#W1', contact: 'ana@example.com' }) }); \
          if (res.status === 429) return done(true); \
        } done(false); })();";
    let refused = c
        .execute_async(script, vec![json!(format!("{wismo}/acme/track.json"))])
        .await
        .unwrap();
    assert_eq!(refused, json!(true), "no 429 after 12 lookups");
}

/// Counts the page's lookups from now on (`lookups`); with `refuse`, answers each in the
/// page as wismo would after too many, with a wait of 1 s.
async fn count_lookups(c: &Client, refuse: bool) {
    let answer = if refuse {
        "Promise.resolve(new Response(JSON.stringify({ detail: 'Too many attempts.' }), \
           { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '1' } }))"
    } else {
        "send.apply(this, arguments)"
    };
    let script = format!(
        "window.lookups = 0; const send = window.fetch; \
         window.fetch = function () {{ window.lookups++; return {answer}; }};"
    );
    c.execute(&script, vec![]).await.unwrap();
    c.execute(
        "document.querySelector('[data-wismo-track]').shadowRoot.querySelector('[role=alert]').textContent = '';",
        vec![],
    )
    .await
    .unwrap();
}

async fn lookups(c: &Client) -> i64 {
    let sent = c.execute("return window.lookups;", vec![]).await.unwrap();
    sent.as_i64().unwrap()
}

/// Whether the first widget's button works (not `aria-disabled`).
const BUTTON_ON: &str = "return !document.querySelector('[data-wismo-track]').shadowRoot \
    .querySelector('button').hasAttribute('aria-disabled');";

#[tokio::test]
async fn the_widget_keeps_its_look_on_a_hostile_shop_page_and_says_what_went_wrong() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let res = app
        .request(
            axum::http::Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({ "primary_color": "#7c2d12" })),
        )
        .await;
    assert_eq!(res.status, axum::http::StatusCode::OK, "{}", res.text);
    app.order("#W1", &["1Z999AA10123456784"]).await;
    let (stop, stopped) = oneshot::channel();
    let (wismo, server) = serve_until(&app, stopped).await;
    let (mut stop, mut server) = (Some(stop), Some(server));
    let shop = serve_shop(&wismo).await;
    let res = app
        .request(
            axum::http::Method::PUT,
            "/api/v1/store/hosts",
            Some(&app.key),
            Some(&json!({ "widget_origins": [shop] })),
        )
        .await;
    assert_eq!(res.status, axum::http::StatusCode::OK, "{}", res.text);

    for (scheme, flags) in [("dark", &["--force-dark-mode"][..]), ("light", &[][..])] {
        let Some(browser) = browser_with(flags).await else {
            return;
        };
        let c = &browser.client;
        for (width, height) in [(320, 800), (1280, 900)] {
            c.set_window_size(width, height).await.unwrap();
            c.goto(&shop).await.unwrap();
            let look = look(c).await;
            let at = format!("{scheme} at {width} px: {look}");
            // The page's language (en-GB → English); the second widget asked for German.
            assert_eq!(look["heading"], "Track your order", "{at}");
            assert_eq!(look["lang"], "en", "{at}");
            assert_eq!(look["german"], "Bestellung verfolgen", "{at}");
            assert_eq!(look["arabic"], "rtl", "{at}");
            // The shop's 40 px red cursive does not reach inside.
            assert_eq!(look["headingSize"], "20px", "{at}");
            assert_eq!(look["inputSize"], "16px", "{at}");
            let (text, background) = (
                look["text"].as_str().unwrap(),
                look["background"].as_str().unwrap(),
            );
            assert_ne!(text, "rgb(255, 0, 0)", "{at}");
            assert!(contrast(text, background) >= 4.5, "{at}");
            let hint = look["hintColour"].as_str().unwrap();
            assert!(contrast(hint, background) >= 4.5, "{at}");
            if scheme == "dark" {
                assert!(luminance_of(background) < 0.05, "a dark widget: {at}");
            } else {
                assert!(luminance_of(background) > 0.9, "a light widget: {at}");
            }
            // The store's colour on the button, with text that reads on it.
            assert_eq!(look["button"], "rgb(124, 45, 18)", "{at}");
            let (button, on) = (
                look["button"].as_str().unwrap(),
                look["buttonText"].as_str().unwrap(),
            );
            assert!(contrast(on, button) >= 4.5, "{at}");
            assert_eq!(look["buttonLabel"], "Find my order", "{at}");
            // Shown, labelled, big enough to tap, and never wider than the screen.
            assert!(look["smallest"].as_f64().unwrap() >= 44.0, "{at}");
            assert_eq!(look["unlabelled"], 0, "{at}");
            assert_eq!(
                look["hint"], "In your order confirmation email, e.g. #1001",
                "{at}"
            );
            assert_eq!(look["described"], "hint", "{at}");
            assert!(
                look["right"].as_f64().unwrap() <= look["width"].as_f64().unwrap(),
                "{at}"
            );
            assert!(!scrolls_sideways(c).await, "{at}: scrolls sideways");
            assert_eq!(
                (look["alert"].clone(), look["status"].clone()),
                (json!(true), json!(true)),
                "{at}"
            );
            save_screenshot(c, &format!("widget-{scheme}-{width}")).await;
        }
        if scheme == "dark" {
            browser.close().await;
            continue;
        }

        // A wrong contact: said in the alert, the fields marked, the focus back on the first.
        c.set_window_size(320, 800).await.unwrap();
        c.goto(&shop).await.unwrap();
        look(c).await;
        look_up(c, "#W1", "eve@example.com").await;
        let said = alert(c).await;
        assert!(
            said["text"]
                .as_str()
                .unwrap()
                .starts_with("We couldn't find an order"),
            "{said}"
        );
        assert_eq!(said["invalid"], "true", "{said}");
        assert_eq!(said["focus"], "order_number", "{said}");
        assert_eq!(said["busy"], Value::Null, "the button works again: {said}");
        assert!(
            !scrolls_sideways(c).await,
            "the error at 320 px scrolls sideways"
        );
        save_screenshot(c, "widget-not-found-320").await;

        // Too many lookups: the widget says the answer's Retry-After, read across origins,
        // and sends nothing until it is over.
        spend_lookups(c, &wismo).await;
        count_lookups(c, false).await;
        look_up(c, "#W1", "eve@example.com").await;
        let said = alert(c).await;
        let text = said["text"].as_str().unwrap();
        let secs: u64 = text
            .strip_prefix("Too many attempts. Please try again in ")
            .and_then(|rest| rest.strip_suffix("\u{a0}s."))
            .and_then(|secs| secs.parse().ok())
            .unwrap_or_else(|| panic!("no wait in seconds: {said}"));
        assert!((1..=30).contains(&secs), "{said}");
        assert_eq!(said["busy"], "true", "the button is off: {said}");
        assert_eq!(said["invalid"], Value::Null, "{said}");
        look_up(c, "#W1", "eve@example.com").await;
        assert_eq!(lookups(c).await, 1, "a lookup sent during the wait");
        save_screenshot(c, "widget-too-many-320").await;
        // Once the wait is over the button works again, by itself (a 1 s wait, answered
        // in the page, since wismo's own is 30 s).
        c.goto(&shop).await.unwrap();
        look(c).await;
        count_lookups(c, true).await;
        look_up(c, "#W1", "eve@example.com").await;
        let said = alert(c).await;
        assert_eq!(
            said["text"], "Too many attempts. Please try again in 1\u{a0}s.",
            "{said}"
        );
        assert_eq!(said["busy"], "true", "{said}");
        look_up(c, "#W1", "eve@example.com").await;
        assert_eq!(lookups(c).await, 1, "a lookup sent during the wait");
        let mut waited = 0;
        while !c
            .execute(BUTTON_ON, vec![])
            .await
            .unwrap()
            .as_bool()
            .unwrap()
        {
            waited += 1;
            assert!(waited < 40, "the button is still off after 4 s");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        look_up(c, "#W1", "eve@example.com").await;
        assert_eq!(lookups(c).await, 2, "no lookup sent after the wait");
        c.goto(&shop).await.unwrap();
        look(c).await;

        // wismo unreachable: said as such, not as a wrong order.
        stop.take().unwrap().send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(20), server.take().unwrap())
            .await
            .expect("wismo stops")
            .unwrap();
        c.execute(
            "document.querySelector('[data-wismo-track]').shadowRoot.querySelector('[role=alert]').textContent = '';",
            vec![],
        )
        .await
        .unwrap();
        look_up(c, "#W1", "ana@example.com").await;
        let said = alert(c).await;
        assert_eq!(
            said["text"],
            "Could not reach the tracking service. Check your connection and try again.",
            "{said}"
        );
        assert_eq!(said["invalid"], Value::Null, "{said}");
        assert_eq!(said["busy"], Value::Null, "{said}");
        save_screenshot(c, "widget-network-error-320").await;
        browser.close().await;
    }
}
