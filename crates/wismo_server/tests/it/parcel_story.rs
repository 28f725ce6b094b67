//! A parcel's card as a shopper reads it: status and date first, the progress line with its
//! days and the step where trouble happened, and a history in plain words, in one zone.

use chrono::{Duration, NaiveDate};
use serde_json::{Value, json};

use crate::harness::{Db, TestApp, link};

crate::on_both_backends!(
    a_delivered_parcel_says_when_and_where_and_tells_its_story_plainly,
    pickup_and_returning_parcels_have_their_own_words,
    a_date_gone_by_is_never_shown_as_if_it_still_held,
    trouble_leads_with_the_trouble_not_a_date,
    a_date_that_moved_says_what_was_first_promised
);

async fn scans(app: &TestApp, shipment: &Value, scans: &[Value]) {
    let path = format!("/api/v1/shipments/{}/events", shipment["id"]);
    for scan in scans {
        let res = app.post(&path, scan).await;
        assert!(res.status.is_success(), "{}", res.text);
    }
}

/// The part of `html` from `from` to the next `until`.
fn part<'a>(html: &'a str, from: &str, until: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("no {from}: {html}"));
    let rest = &html[start..];
    &rest[..rest.find(until).unwrap_or(rest.len())]
}

async fn a_delivered_parcel_says_when_and_where_and_tells_its_story_plainly(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#8201", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    scans(
        &app,
        shipment,
        &[
            json!({ "occurred_at": "2026-02-26T10:00:00Z", "stage": "info_received", "description": "Shipper created a label" }),
            json!({ "occurred_at": "2026-02-26T23:10:00+08:00", "stage": "in_transit", "description": "PICKUP SCAN", "location": "SHENZHEN - CN" }),
            json!({ "occurred_at": "2026-02-27T15:00:00-06:00", "stage": "in_transit", "description": "DEPARTED FROM FACILITY", "location": "MEMPHIS, TN - US, US" }),
            json!({ "occurred_at": "2026-02-28T09:00:00-08:00", "stage": "in_transit", "description": "Hub 12 / 4 B", "location": "Portland, OR, US" }),
            json!({ "occurred_at": "2026-03-02T07:30:00-08:00", "stage": "out_for_delivery", "description": "Out For Delivery Today" }),
            json!({ "occurred_at": "2026-03-02T11:59:00-08:00", "stage": "delivered", "description": "Delivered, Left At Front Door" }),
        ],
    )
    .await;
    let page = app.get(&link(shipment)).await;
    let html = &page.text;
    // Status and date lead, with what the carrier said at the door; no estimate heading.
    let hero = part(html, "class=\"hero\"", "</div>\n    </div>");
    for expected in [
        "Delivered Monday 2 March, 11:59",
        "The carrier&#39;s note: Delivered, left at front door",
        "<svg class=\"icon icon-check\"",
    ] {
        assert!(hero.contains(expected), "hero lacks {expected:?}: {hero}");
    }
    assert!(!html.contains("Estimated delivery"), "{html}");
    // The steps carry the days they were reached (in the store's zone: the US has many).
    let steps = part(html, "class=\"progress\"", "</ol>");
    for expected in [
        "Shipped</span> <span class=\"step-date\">Thu 26 Feb</span>",
        "Delivered</span> <span class=\"step-date\">Mon 2 Mar</span>",
    ] {
        assert!(steps.contains(expected), "steps lack {expected:?}: {steps}");
    }
    // The latest three scans, the rest behind "Show all", in one zone said once.
    let latest = part(html, "<ol class=\"events\">", "</ol>");
    assert_eq!(latest.matches("<li>").count(), 3, "{latest}");
    assert!(html.contains("Times are Los Angeles time (PST)."), "{html}");
    let older = part(html, "<details class=\"older\">", "</details>");
    assert!(older.contains("Show all 6 updates"), "{older}");
    // Shenzhen 23:10 local is 07:10 in Los Angeles; Memphis 15:00 is 13:00.
    for expected in [
        "Thu 26 Feb, 07:10",
        "Picked up by the carrier",
        "<bdi class=\"original\">Pickup scan</bdi>",
        "Shenzhen, CN",
        "Fri 27 Feb, 13:00",
        "Left a carrier facility",
        "Departed from facility",
        "Memphis, TN, US",
    ] {
        assert!(
            older.contains(expected),
            "history lacks {expected:?}: {older}"
        );
    }
    // A scan wismo cannot read is the carrier's words alone.
    assert!(
        latest.contains("<bdi class=\"what\">Hub 12 / 4 B</bdi> <bdi class=\"where\">"),
        "{latest}"
    );
    assert!(latest.contains("Out for delivery"), "{latest}");
    // One clear action: tell the store it did not come, with that choice made below.
    let button = "<a class=\"button\" href=\"?lang=en&#38;ask=not_received#actions\">It says delivered, but I don&#39;t have it</a>";
    assert!(html.contains(button), "{html}");
    let asked = app
        .get(&format!("{}?lang=en&ask=not_received", link(shipment)))
        .await
        .text;
    assert!(
        asked.contains("value=\"not_received\" required checked"),
        "{asked}"
    );
    assert!(
        !html.contains(" checked"),
        "a plain view chooses nothing: {html}"
    );
    // A mangled link still opens the page.
    let mangled = app
        .get(&format!("{}?ask=nonsense&parcel=x", link(shipment)))
        .await;
    assert_eq!(mangled.status, axum::http::StatusCode::OK);
    assert!(!mangled.text.contains(" checked"), "{}", mangled.text);
    assert!(!html.contains("Out For Delivery Today"), "{html}");

    // In German: the common scans in German, the carrier's words beside them.
    let german = app.get(&format!("{}?lang=de", link(shipment))).await.text;
    for expected in [
        "Zugestellt am Montag, 2. März, 11:59",
        "Paketzentrum verlassen",
        "Departed from facility",
        "Zeiten in Ortszeit Los Angeles (PST).",
        "Alle 6 Meldungen zeigen",
    ] {
        assert!(
            german.contains(expected),
            "German page lacks {expected:?}: {german}"
        );
    }
}

async fn pickup_and_returning_parcels_have_their_own_words(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app
        .order("#8202", &["1Z999AA10123456784", "9400100000000000000000"])
        .await;
    let (pickup, back) = (&order["shipments"][0], &order["shipments"][1]);
    scans(
        &app,
        pickup,
        &[
            json!({ "occurred_at": "2026-03-01T09:00:00-08:00", "stage": "in_transit", "description": "Arrived at facility" }),
            json!({ "occurred_at": "2026-03-02T10:15:00-08:00", "stage": "available_for_pickup", "description": "Ready for pickup at UPS Access Point", "location": "WALGREENS, 123 MAIN ST, PORTLAND, OR" }),
        ],
    )
    .await;
    scans(
        &app,
        back,
        &[
            json!({ "occurred_at": "2026-03-01T09:00:00-08:00", "stage": "in_transit", "description": "In transit" }),
            json!({ "occurred_at": "2026-03-02T09:00:00-08:00", "stage": "returned", "description": "Return to sender" }),
        ],
    )
    .await;

    let html = app.get(&link(pickup)).await.text;
    let card = part(&html, "<section class=\"shipment", "</section>");
    let hero = part(card, "class=\"hero\"", "</div>\n    </div>");
    assert!(
        hero.contains("Ready for pickup since Monday 2 March"),
        "{hero}"
    );
    assert!(
        hero.contains("At Walgreens, 123 MAIN ST, Portland, OR"),
        "{hero}"
    );
    // No delivery date for a parcel waiting to be collected, and the right steps.
    assert!(!hero.contains("Arriving"), "{hero}");
    let steps = part(card, "class=\"progress\"", "</ol>");
    assert!(
        steps.contains("<li class=\"current\" aria-current=\"step\"><span>Ready for pickup</span>"),
        "{steps}"
    );
    assert!(steps.contains("Collected"), "{steps}");
    assert!(!steps.contains("Out for delivery"), "{steps}");
    assert!(
        card.contains("<a class=\"button\" href=\"https://www.openstreetmap.org/search?query=Walgreens%2C+123+MAIN+ST%2C+Portland%2C+OR\" rel=\"noopener noreferrer\">See the pickup point on a map</a>"),
        "{card}"
    );

    let html = app.get(&link(back)).await.text;
    let card = part(&html, "<section class=\"shipment", "</section>");
    assert!(card.contains("On its way back to Acme Coffee"), "{card}");
    let steps = part(card, "class=\"progress\"", "</ol>");
    assert!(
        steps
            .contains("<li class=\"current problem\" aria-current=\"step\"><span>Returning</span>"),
        "{steps}"
    );
    assert!(!steps.contains("In transit"), "{steps}");
}

async fn a_date_gone_by_is_never_shown_as_if_it_still_held(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#8203", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    scans(
        &app,
        shipment,
        &[json!({ "occurred_at": "2026-03-02T09:00:00-08:00", "stage": "in_transit", "description": "Departed facility" })],
    )
    .await;
    let read = app
        .get(&format!("/api/v1/shipments/{}", shipment["id"]))
        .await
        .json();
    let day = |field: &str| {
        NaiveDate::parse_from_str(
            read["estimated_delivery"][field].as_str().unwrap(),
            "%Y-%m-%d",
        )
        .unwrap()
    };
    let (from, until) = (day("from"), day("until"));
    let words = |d: NaiveDate| d.format("%A %-d %B").to_string();
    let path = link(shipment);
    let first = app.get(&path).await.text;
    // The test clock's day in the store's zone (Los Angeles).
    let today = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
    let expected = if from == until {
        format!("Arriving {}", words(from))
    } else if from <= today {
        // A window that began already says its last day.
        format!("Arriving by {}", words(until))
    } else {
        format!("Arriving {} – {}", words(from), words(until))
    };
    assert!(first.contains(&expected), "lacks {expected:?}: {first}");
    // The first view is stored; a repeat view on a later day must not serve it.
    let build = app.page_build();
    for _ in 0..300 {
        let token = wismo_domain::ShipmentToken::parse(path.rsplit('/').next().unwrap()).unwrap();
        let key = app
            .store
            .page_key(&token, &build, None)
            .await
            .unwrap()
            .unwrap();
        if !key.pages.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(
        app.get(&path).await.text,
        first,
        "a repeat view the same day"
    );

    if from < until {
        // Inside the window: by its last day, not a window that began in the past.
        let inside = from.and_hms_opt(20, 0, 0).unwrap().and_utc() + Duration::days(1);
        app.clock
            .set(inside.min(until.and_hms_opt(20, 0, 0).unwrap().and_utc()));
        let page = app.get(&path).await.text;
        let expected = format!("Arriving by {}", words(until));
        assert!(
            page.contains(&expected) || page.contains(&format!("Arriving {}", words(until))),
            "lacks {expected:?}: {page}"
        );
    }
    // Two days after the last day of the estimate, with no delivery.
    app.clock
        .set(until.and_hms_opt(20, 0, 0).unwrap().and_utc() + Duration::days(2));
    let page = app.get(&path).await.text;
    let hero = part(&page, "class=\"hero\"", "</div>\n    </div>");
    let expected = format!("Was due {}", words(until));
    assert!(hero.contains(&expected), "lacks {expected:?}: {hero}");
    assert!(
        hero.contains("the new date as soon as the carrier shares one"),
        "{hero}"
    );
    assert!(!hero.contains("Arriving"), "{hero}");
}

async fn trouble_leads_with_the_trouble_not_a_date(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app
        .order("#8204", &["1Z999AA10123456784", "9400100000000000000000"])
        .await;
    let (broken, late) = (&order["shipments"][0], &order["shipments"][1]);
    let on_the_way = json!({ "occurred_at": "2026-03-02T09:00:00-08:00", "stage": "in_transit", "description": "Departed facility" });
    scans(
        &app,
        broken,
        &[
            on_the_way.clone(),
            json!({ "occurred_at": "2026-03-02T15:00:00-08:00", "stage": "exception", "substatus": "damaged", "description": "Damaged in transit" }),
        ],
    )
    .await;
    scans(
        &app,
        late,
        &[
            on_the_way,
            json!({ "occurred_at": "2026-03-02T16:00:00-08:00", "stage": "delayed", "substatus": "weather", "description": "Weather delay" }),
        ],
    )
    .await;
    let html = app.get(&link(broken)).await.text;
    let hero = part(&html, "class=\"hero\"", "</div>\n    </div>");
    assert!(hero.contains("Delivery on hold"), "{hero}");
    assert!(!hero.contains("Arriving"), "{hero}");
    let steps = part(&html, "class=\"progress\"", "</ol>");
    assert!(
        steps.contains(
            "<li class=\"current problem\" aria-current=\"step\"><span>In transit</span>"
        ),
        "the problem shows on the step where it happened: {steps}"
    );
    let html = app.get(&link(late)).await.text;
    let hero = part(&html, "class=\"hero\"", "</div>\n    </div>");
    assert!(hero.contains("Running late"), "{hero}");
    assert!(!hero.contains("Arriving"), "{hero}");
    assert!(!html.contains("class=\"button\""), "nothing to do: {html}");

    // Duties to pay: the carrier's page, first thing.
    let order = app.order("#8205", &["1Z999AA10123456784"]).await;
    let held = &order["shipments"][0];
    scans(
        &app,
        held,
        &[json!({ "occurred_at": "2026-03-02T15:00:00-08:00", "stage": "action_required", "substatus": "customs_payment", "description": "Import charges due" })],
    )
    .await;
    let html = app.get(&link(held)).await.text;
    let card = part(&html, "<section class=\"shipment", "</section>");
    let action = part(card, "<p class=\"do\">", "</p>");
    assert!(
        action.contains("href=\"https://www.ups.com/track?"),
        "{action}"
    );
    assert!(
        action.contains("Pay the import charges on UPS&#39;s website"),
        "{action}"
    );
    // It comes before the progress line and the three answers.
    assert!(card.find("class=\"do\"") < card.find("class=\"progress\""));
}

async fn a_date_that_moved_says_what_was_first_promised(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#8206", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    let id = wismo_domain::ShipmentId(shipment["id"].as_i64().unwrap());
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let promise = |d| wismo_domain::TrackingUpdate {
        events: Vec::new(),
        carrier_estimate: Some(wismo_domain::CarrierEstimate {
            from: day(d),
            until: day(d),
            latest: day(d).and_hms_opt(23, 0, 0).unwrap().and_utc(),
        }),
        facts: Default::default(),
    };
    // The carrier's first word is a day; scans without one keep it.
    app.store
        .ingest(app.store_id, id, &promise(5))
        .await
        .unwrap();
    scans(
        &app,
        shipment,
        &[json!({ "occurred_at": "2026-03-02T09:00:00-08:00", "stage": "in_transit", "description": "Departed facility" })],
    )
    .await;
    let page = app.get(&link(shipment)).await.text;
    let hero = part(&page, "class=\"hero\"", "</div>\n    </div>");
    assert!(hero.contains("Arriving Thursday 5 March"), "{hero}");
    assert!(!hero.contains("first due"), "{hero}");
    // The carrier moves the day: the page says the new one, and what was first promised.
    app.store
        .ingest(app.store_id, id, &promise(7))
        .await
        .unwrap();
    let page = app.get(&link(shipment)).await.text;
    let hero = part(&page, "class=\"hero\"", "</div>\n    </div>");
    assert!(hero.contains("Arriving Saturday 7 March"), "{hero}");
    assert!(
        hero.contains("It was first due Thursday 5 March."),
        "{hero}"
    );
    let history = app
        .store
        .estimate_revisions(app.store_id, id)
        .await
        .unwrap();
    let untils: Vec<NaiveDate> = history.iter().map(|r| r.until).collect();
    assert_eq!(untils, [day(5), day(7)], "{history:?}");
    // The merchant's page for the order lists both, newest first.
    let mut owner = crate::admin::owner(&app).await;
    let story = owner
        .get(&app, &format!("/admin/orders/{}", order["id"]))
        .await
        .text;
    let changes = part(&story, "<details class=\"revisions\">", "</details>");
    assert!(
        changes.contains("How the estimate changed (2 estimates)"),
        "{changes}"
    );
    let newer = changes.find("2026-03-07").unwrap();
    let older = changes.find("2026-03-05").unwrap();
    assert!(newer < older, "{changes}");
    assert!(changes.contains("carrier"), "{changes}");
}
