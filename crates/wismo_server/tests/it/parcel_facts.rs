//! The carrier's facts on a parcel (pickup point and hold-until day, amount due, next
//! attempt, where it was left and who signed): taken with a scan, kept on the shipment,
//! listed by the API, and shown on the page in the state they fit.

use serde_json::{Value, json};

use crate::harness::{Db, TestApp, link};

crate::on_both_backends!(
    a_pickup_point_shows_its_address_hours_and_hold_until_day,
    customs_duties_show_the_amount_and_lead_to_the_carriers_pay_page,
    a_failed_attempt_shows_the_next_attempt_and_the_rearrange_page,
    a_delivered_parcel_says_where_it_was_left_and_who_signed,
    facts_that_are_not_safe_or_well_formed_are_refused,
    the_json_view_gives_the_facts_the_page_shows_in_each_state_and_no_others
);

async fn scan(app: &TestApp, shipment: &Value, scan: Value) -> Value {
    let path = format!("/api/v1/shipments/{}/events", shipment["id"]);
    let res = app.post(&path, &scan).await;
    assert!(res.status.is_success(), "{}", res.text);
    res.json()
}

/// The part of `html` from `from` to the next `until`.
fn part<'a>(html: &'a str, from: &str, until: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("no {from}: {html}"));
    let rest = &html[start..];
    &rest[..rest.find(until).unwrap_or(rest.len())]
}

async fn a_pickup_point_shows_its_address_hours_and_hold_until_day(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#9301", &["1Z999AA10123456784"]).await;
    let parcel = &order["shipments"][0];
    let view = scan(
        &app,
        parcel,
        json!({ "occurred_at": "2026-03-02T15:00:00-08:00", "stage": "available_for_pickup",
            "description": "Delivered to UPS Access Point",
            "facts": { "pickup": { "name": "Corner Shop", "address": "12 Main St, Springfield",
                "hours": "Mon-Sat 08:00-20:00", "hold_until": "2026-03-12" } } }),
    )
    .await;
    assert_eq!(view["facts"]["pickup"]["hold_until"], "2026-03-12");
    assert_eq!(view["facts"]["pickup"]["hours"], "Mon-Sat 08:00-20:00");

    // A later scan without facts keeps them.
    scan(
        &app,
        parcel,
        json!({ "occurred_at": "2026-03-02T16:00:00-08:00", "stage": "available_for_pickup",
            "description": "Waiting at the Access Point" }),
    )
    .await;
    let api = app
        .get(&format!("/api/v1/shipments/{}", parcel["id"]))
        .await
        .json();
    assert_eq!(api["facts"]["pickup"]["name"], "Corner Shop");

    let html = app.get(&link(parcel)).await.text;
    let hero = part(&html, "class=\"hero\"", "</div>\n    </div>");
    assert!(
        hero.contains("Ready for pickup until Thursday 12 March"),
        "{hero}"
    );
    let facts = part(&html, "<dl class=\"facts\">", "</dl>");
    assert!(
        facts.contains(
            "<dt>Pickup point</dt><dd dir=\"auto\">Corner Shop, 12 Main St, Springfield</dd>"
        ),
        "{facts}"
    );
    assert!(
        facts.contains("<dt>Opening hours</dt><dd dir=\"auto\">Mon-Sat 08:00-20:00</dd>"),
        "{facts}"
    );
    let action = part(&html, "<p class=\"do\">", "</p>");
    assert!(
        action.contains("openstreetmap.org/search?query=12+Main+St%2C+Springfield"),
        "the map finds the point's address: {action}"
    );
}

async fn customs_duties_show_the_amount_and_lead_to_the_carriers_pay_page(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#9302", &["1Z999AA10123456784"]).await;
    let parcel = &order["shipments"][0];
    scan(
        &app,
        parcel,
        json!({ "occurred_at": "2026-03-02T15:00:00-08:00", "stage": "action_required",
            "substatus": "customs_payment", "description": "Import charges due",
            "facts": { "amount_due": { "amount": "24.50", "currency": "eur",
                "pay_url": "https://pay.carrier.example/duties/1Z999" } } }),
    )
    .await;
    let html = app.get(&link(parcel)).await.text;
    let facts = part(&html, "<dl class=\"facts\">", "</dl>");
    assert!(
        facts.contains("<dt>Amount due</dt><dd dir=\"auto\">24.50 EUR</dd>"),
        "{facts}"
    );
    let action = part(&html, "<p class=\"do\">", "</p>");
    assert!(
        action.contains("href=\"https://pay.carrier.example/duties/1Z999\""),
        "{action}"
    );
    assert!(
        action.contains("Pay 24.50 EUR on UPS&#39;s website"),
        "{action}"
    );
    // The same facts mean nothing to a parcel on its way: they are not shown then.
    scan(
        &app,
        parcel,
        json!({ "occurred_at": "2026-03-03T09:00:00-08:00", "stage": "in_transit",
            "substatus": "customs_cleared", "description": "Released by customs" }),
    )
    .await;
    let html = app.get(&link(parcel)).await.text;
    assert!(!html.contains("class=\"facts\""), "{html}");
}

async fn a_failed_attempt_shows_the_next_attempt_and_the_rearrange_page(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#9303", &["1Z999AA10123456784"]).await;
    let parcel = &order["shipments"][0];
    scan(
        &app,
        parcel,
        json!({ "occurred_at": "2026-03-02T15:00:00-08:00", "stage": "action_required",
            "substatus": "failed_attempt", "description": "Receiver not available",
            "facts": { "next_attempt": "2026-03-04",
                "rearrange_url": "https://carrier.example/reschedule?n=1Z999" } }),
    )
    .await;
    let html = app.get(&link(parcel)).await.text;
    let hero = part(&html, "class=\"hero\"", "</div>\n    </div>");
    assert!(
        hero.contains("The carrier will try again on Wednesday 4 March."),
        "{hero}"
    );
    let action = part(&html, "<p class=\"do\">", "</p>");
    assert!(
        action.contains("href=\"https://carrier.example/reschedule?n=1Z999\""),
        "{action}"
    );
    // A day gone by belonged to an earlier attempt: not said as if it still held.
    scan(
        &app,
        parcel,
        json!({ "occurred_at": "2026-03-02T16:00:00-08:00", "stage": "action_required",
            "substatus": "failed_attempt", "description": "Business closed",
            "facts": { "next_attempt": "2026-03-02" } }),
    )
    .await;
    let html = app.get(&link(parcel)).await.text;
    let hero = part(&html, "class=\"hero\"", "</div>\n    </div>");
    assert!(!hero.contains("try again"), "{hero}");
}

async fn a_delivered_parcel_says_where_it_was_left_and_who_signed(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#9304", &["1Z999AA10123456784"]).await;
    let parcel = &order["shipments"][0];
    scan(
        &app,
        parcel,
        json!({ "occurred_at": "2026-03-02T15:00:00-08:00", "stage": "delivered",
            "description": "Delivered",
            "facts": { "left_at": "Front porch", "signed_by": "J. DOE" } }),
    )
    .await;
    let html = app.get(&link(parcel)).await.text;
    let facts = part(&html, "<dl class=\"facts\">", "</dl>");
    assert!(
        facts.contains("<dt>Left at</dt><dd dir=\"auto\">Front porch</dd>"),
        "{facts}"
    );
    assert!(
        facts.contains("<dt>Signed by</dt><dd dir=\"auto\">J. DOE</dd>"),
        "{facts}"
    );
    // In another language the labels are that language's.
    let html = app.get(&format!("{}?lang=de", link(parcel))).await.text;
    assert!(html.contains("<dt>Unterschrieben von</dt>"), "{html}");
}

async fn facts_that_are_not_safe_or_well_formed_are_refused(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#9305", &["1Z999AA10123456784"]).await;
    let path = format!("/api/v1/shipments/{}/events", order["shipments"][0]["id"]);
    let base = json!({ "occurred_at": "2026-03-02T15:00:00-08:00", "stage": "action_required",
        "substatus": "failed_attempt", "description": "Receiver not available" });
    let with = |facts: Value| {
        let mut body = base.clone();
        body["facts"] = facts;
        body
    };
    for facts in [
        json!({ "rearrange_url": "javascript:alert(1)" }),
        json!({ "rearrange_url": "http://carrier.example/plain" }),
        json!({ "amount_due": { "amount": "twelve", "currency": "EUR" } }),
        json!({ "amount_due": { "amount": "12.00", "currency": "EURO" } }),
        json!({ "next_attempt": "tomorrow" }),
        json!({ "surprise": true }),
    ] {
        let res = app.post(&path, &with(facts.clone())).await;
        assert!(
            res.status.is_client_error(),
            "{facts}: {} {}",
            res.status,
            res.text
        );
    }
    let res = app.post(&path, &base).await;
    assert_eq!(
        res.status.as_u16(),
        201,
        "without facts as before: {}",
        res.text
    );
    let view: Value = res.json();
    assert_eq!(view["facts"], json!({}));
}

async fn the_json_view_gives_the_facts_the_page_shows_in_each_state_and_no_others(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#9306", &["1Z999AA10123456784"]).await;
    let parcel = &order["shipments"][0];
    let json_facts = || async {
        let res = app.get(&format!("{}.json", link(parcel))).await;
        assert_eq!(res.status.as_u16(), 200, "{}", res.text);
        let body: Value = res.json();
        body["shipments"][0]["facts"].clone()
    };
    // Every fact known, on a parcel on its way: the page shows none, nor does the JSON.
    scan(
        &app,
        parcel,
        json!({ "occurred_at": "2026-03-02T08:00:00-08:00", "stage": "in_transit",
            "description": "Departed facility",
            "facts": { "pickup": { "name": "Corner Shop", "address": "12 Main St",
                "hours": "Mon-Sat 08:00-20:00", "hold_until": "2026-03-12" },
                "amount_due": { "amount": "24.50", "currency": "EUR",
                    "pay_url": "https://pay.carrier.example/duties/1Z999" },
                "next_attempt": "2026-03-04",
                "rearrange_url": "https://carrier.example/reschedule?n=1Z999",
                "left_at": "Front porch", "signed_by": "J. DOE" } }),
    )
    .await;
    assert_eq!(json_facts().await, json!({}));

    let states = [
        (
            json!({ "stage": "available_for_pickup", "description": "At the Access Point" }),
            json!({ "pickup": { "name": "Corner Shop", "address": "12 Main St",
                "hours": "Mon-Sat 08:00-20:00", "hold_until": "2026-03-12" } }),
        ),
        (
            json!({ "stage": "action_required", "substatus": "customs_payment",
                "description": "Import charges due" }),
            json!({ "amount_due": { "amount": "24.50", "currency": "EUR",
                "pay_url": "https://pay.carrier.example/duties/1Z999" } }),
        ),
        (
            json!({ "stage": "exception", "substatus": "customs_hold",
                "description": "Held by customs" }),
            json!({ "amount_due": { "amount": "24.50", "currency": "EUR" } }),
        ),
        (
            json!({ "stage": "action_required", "substatus": "failed_attempt",
                "description": "Receiver not available" }),
            json!({ "next_attempt": "2026-03-04",
                "rearrange_url": "https://carrier.example/reschedule?n=1Z999" }),
        ),
        (
            json!({ "stage": "delivered", "description": "Delivered" }),
            json!({ "left_at": "Front porch", "signed_by": "J. DOE" }),
        ),
    ];
    for (hour, (state, expected)) in (9..).zip(states) {
        let mut body = state.clone();
        body["occurred_at"] = json!(format!("2026-03-02T{hour}:00:00-08:00"));
        scan(&app, parcel, body).await;
        assert_eq!(json_facts().await, expected, "{state}");
    }
}
