//! The "getting your order ready" page of a platform's order link, in headless Chromium on
//! a 320 px phone: axe-core finds nothing (its `meta-refresh` rule among them: the page
//! never reloads itself), nothing scrolls sideways, and "Check again" opens the same link.
//! Screenshot: `target/browser-screenshots/order-ready-320.png`.

use fantoccini::Locator;
use wismo_domain::platform::Platform;
use wismo_server::integrations::order_link;

use crate::browser::{assert_accessible, browser, save_screenshot, scrolls_sideways, serve};
use crate::harness::{Db, TestApp};

#[tokio::test]
async fn the_order_ready_page_is_accessible_on_a_phone_and_checks_again_by_a_link() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let tenant = app.store.get_store_by_slug("acme").await.unwrap();
    let made = order_link::make_key(app.store.as_ref(), &app.secrets, &tenant, false)
        .await
        .unwrap();
    let id = "5830012345678";
    let signature = order_link::sign(&made.key, Platform::Shopify, id);
    let Some(browser) = browser().await else {
        return;
    };
    let base = serve(&app).await;
    let c = &browser.client;
    c.set_window_size(320, 800).await.unwrap();
    let link = format!("{base}/acme/o/shopify/{id}?s={signature}&lang=fr");
    c.goto(&link).await.unwrap();
    let heading = c.find(Locator::Css("h1")).await.unwrap();
    assert_eq!(
        heading.text().await.unwrap(),
        "Nous préparons votre commande"
    );
    assert_accessible(c, "the order-ready page at 320 px").await;
    assert!(
        !scrolls_sideways(c).await,
        "the order-ready page scrolls sideways at 320 px"
    );
    save_screenshot(c, "order-ready-320").await;

    let again = c
        .find(Locator::LinkText("Vérifier à nouveau"))
        .await
        .unwrap();
    again.click().await.unwrap();
    assert_eq!(c.current_url().await.unwrap().as_str(), link);
    let heading = c.find(Locator::Css("h1")).await.unwrap();
    assert_eq!(
        heading.text().await.unwrap(),
        "Nous préparons votre commande"
    );
    browser.close().await;
}
