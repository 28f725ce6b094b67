//! The sandbox's answers in each carrier's real wire format, built from a journey's visible
//! scans. Codes are the carriers' own (UPS activity type + status code, FedEx event types,
//! USPS Publication 199 event codes, DHL status codes with Express checkpoint codes).

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::journey::{Place, Scan, Step};

/// A parcel as the carrier would describe it right now.
pub struct View<'a> {
    pub number: &'a str,
    pub started: DateTime<Utc>,
    /// Oldest first.
    pub scans: &'a [Scan],
    /// The latest the carrier promises delivery (see [`Estimate`](super::Estimate)).
    pub estimate: Option<DateTime<Utc>>,
    /// The start of the window the carrier gives, if it gives one (realistic timing).
    pub window_start: Option<DateTime<Utc>>,
}

impl View<'_> {
    fn newest_first(&self) -> impl Iterator<Item = (&Scan, DateTime<FixedOffset>)> {
        self.scans.iter().rev().map(|s| (s, s.time(self.started)))
    }

    fn delivered(&self) -> Option<DateTime<FixedOffset>> {
        self.scans
            .iter()
            .rev()
            .find(|s| matches!(s.step, Step::Delivered | Step::PickedUpByCustomer))
            .map(|s| s.time(self.started))
    }
}

const SIGNER: &str = "J DOE";

// ---- UPS ----

/// (activity type, 3-digit status code, movement/exception code, description)
fn ups_status(step: Step) -> (&'static str, &'static str, &'static str, &'static str) {
    match step {
        Step::LabelCreated => (
            "M",
            "003",
            "MP",
            "Shipper created a label, UPS has not received the package yet.",
        ),
        Step::PickedUp => ("I", "038", "OR", "Pickup Scan"),
        Step::Departed => ("I", "005", "DP", "Departed from Facility"),
        Step::Arrived => ("I", "005", "AR", "Arrived at Facility"),
        Step::OutForDelivery => ("I", "021", "OT", "Out For Delivery Today"),
        Step::Delivered => ("D", "011", "F4", "DELIVERED"),
        Step::PickedUpByCustomer => (
            "D",
            "011",
            "KB",
            "Delivered: picked up at the UPS Access Point",
        ),
        Step::FailedAttempt => (
            "X",
            "022",
            "48",
            "The receiver was not available for delivery. We'll make a second attempt the next business day.",
        ),
        Step::Delayed => (
            "X",
            "032",
            "WE",
            "Adverse weather conditions have caused a delay.",
        ),
        Step::Damaged => (
            "X",
            "013",
            "45",
            "Your package was damaged in transit. We will notify the sender with details.",
        ),
        Step::ReturnToSender => (
            "I",
            "035",
            "RS",
            "Returning to Sender: the receiver was not available after the final attempt.",
        ),
        Step::AvailableForPickup => (
            "I",
            "040",
            "ZP",
            "Ready for Customer Pickup at the UPS Access Point",
        ),
        Step::CustomsHold => (
            "X",
            "029",
            "29",
            "Held in customs: import duties must be paid before release.",
        ),
        Step::CustomsCleared => ("I", "014", "XD", "Clearance Completed"),
    }
}

pub fn ups(view: &View) -> Value {
    let activity: Vec<Value> = view
        .newest_first()
        .map(|(scan, at)| {
            let (kind, status_code, code, description) = ups_status(scan.step);
            let utc = at.with_timezone(&Utc);
            json!({
                "location": { "address": { "city": scan.place.city, "stateProvince": scan.place.region, "postalCode": scan.place.postal_code, "countryCode": scan.place.country, "country": scan.place.country } },
                "status": { "type": kind, "description": description, "code": code, "statusCode": status_code },
                "date": at.format("%Y%m%d").to_string(),
                "time": at.format("%H%M%S").to_string(),
                "gmtDate": utc.format("%Y%m%d").to_string(),
                "gmtTime": utc.format("%H:%M:%S").to_string(),
                "gmtOffset": at.format("%:z").to_string(),
            })
        })
        .collect();
    let mut package = json!({
        "trackingNumber": view.number,
        "activity": activity,
        "service": { "code": "003", "description": "UPS Ground" },
        "packageCount": 1,
        "packageAddress": [{
            "type": "DESTINATION",
            "address": { "city": "PORTLAND", "stateProvince": "OR", "countryCode": "US" },
        }],
    });
    if let Some(delivered) = view.delivered() {
        package["deliveryDate"] =
            json!([{ "type": "DEL", "date": delivered.format("%Y%m%d").to_string() }]);
        package["deliveryInformation"] = json!({ "location": "Front Door", "receivedBy": SIGNER });
    } else if let Some(eta) = view.estimate {
        let local = eta.with_timezone(&FixedOffset::west_opt(8 * 3600).unwrap_or(Utc.fix()));
        package["deliveryDate"] =
            json!([{ "type": "SDD", "date": local.format("%Y%m%d").to_string() }]);
        let (start, end) = match view.window_start {
            // The window the carrier knows: its delivery hours, or the window once out.
            Some(start) => (start.with_timezone(&local.timezone()), local),
            // A window around the planned delivery, within its day, as UPS gives one.
            None => (
                (local - Duration::hours(3)).max(local.with_hour(0).unwrap_or(local)),
                (local + Duration::hours(1)).min(
                    local
                        .with_hour(23)
                        .and_then(|t| t.with_minute(59))
                        .unwrap_or(local),
                ),
            ),
        };
        package["deliveryTime"] = json!({
            "type": "EDW",
            "startTime": start.format("%H%M00").to_string(),
            "endTime": end.format("%H%M00").to_string(),
        });
    }
    ups_facts(view, &mut package);
    json!({ "trackResponse": { "shipment": [{ "inquiryNumber": view.number, "package": [package] }] } })
}

/// What UPS tells besides scans while the newest one calls for it: the Access Point's
/// pickup-by day (a week after the parcel got there), the duties due in customs, and the
/// rescheduled day (`RDD`) after a failed attempt.
fn ups_facts(view: &View, package: &mut Value) {
    let Some((newest, at)) = view.newest_first().next() else {
        return;
    };
    match newest.step {
        Step::AvailableForPickup => {
            let until = at + Duration::days(7);
            package["accessPointInformation"] =
                json!({ "pickupByDate": until.format("%Y%m%d").to_string() });
        }
        Step::CustomsHold => {
            package["paymentInformation"] = json!([{
                "type": "ICOD", "amount": "18.40", "currency": "USD", "paid": false,
            }]);
        }
        Step::FailedAttempt => {
            let next = view
                .estimate
                .map(|eta| eta.with_timezone(&at.timezone()))
                .unwrap_or(at + Duration::days(1));
            let rescheduled = json!({ "type": "RDD", "date": next.format("%Y%m%d").to_string() });
            match package["deliveryDate"].as_array_mut() {
                Some(dates) => dates.push(rescheduled),
                None => package["deliveryDate"] = json!([rescheduled]),
            }
        }
        _ => {}
    }
}

pub fn ups_not_found(number: &str) -> Value {
    json!({ "trackResponse": { "shipment": [{ "inquiryNumber": number, "warnings": [{ "code": "TW0001", "message": "Tracking Information Not Found" }] }] } })
}

pub fn ups_error(code: &str, message: &str) -> Value {
    json!({ "response": { "errors": [{ "code": code, "message": message }] } })
}

// ---- FedEx ----

/// (eventType, derivedStatusCode, description)
fn fedex_status(step: Step) -> (&'static str, &'static str, &'static str) {
    match step {
        Step::LabelCreated => ("OC", "IN", "Shipment information sent to FedEx"),
        Step::PickedUp => ("PU", "PU", "Picked up"),
        Step::Departed => ("DP", "IT", "Departed FedEx location"),
        Step::Arrived => ("AR", "IT", "Arrived at FedEx location"),
        Step::OutForDelivery => ("OD", "IT", "On FedEx vehicle for delivery"),
        Step::Delivered => ("DL", "DL", "Delivered"),
        Step::PickedUpByCustomer => ("DL", "DL", "Picked up at FedEx location"),
        Step::FailedAttempt => (
            "DE",
            "DE",
            "Delivery exception: customer not available or business closed",
        ),
        Step::Delayed => ("DY", "DY", "Delay: local weather conditions"),
        Step::Damaged => ("SE", "SE", "Shipment exception: package damaged"),
        Step::ReturnToSender => ("RS", "RS", "Returning package to shipper"),
        Step::AvailableForPickup => ("HL", "HL", "Ready for pickup at FedEx location"),
        Step::CustomsHold => ("CD", "CD", "Clearance delay: import duties due"),
        Step::CustomsCleared => ("CC", "IT", "International shipment release - Import"),
    }
}

fn fedex_location(place: &Place) -> Value {
    json!({ "city": place.city.to_uppercase(), "stateOrProvinceCode": place.region, "postalCode": place.postal_code, "countryCode": place.country, "residential": false })
}

pub fn fedex_result(view: &View) -> Value {
    let events: Vec<Value> = view
        .newest_first()
        .map(|(scan, at)| {
            let (event_type, derived, description) = fedex_status(scan.step);
            json!({
                "date": at.to_rfc3339_opts(SecondsFormat::Secs, false),
                "eventType": event_type,
                "eventDescription": description,
                "derivedStatusCode": derived,
                "derivedStatus": description,
                "scanLocation": fedex_location(scan.place),
            })
        })
        .collect();
    let latest = view.scans.last().map(|s| fedex_status(s.step));
    let mut result = json!({
        "trackingNumberInfo": { "trackingNumber": view.number, "carrierCode": "FDXG", "trackingNumberUniqueId": format!("12028~{}~FDEG", view.number) },
        "latestStatusDetail": latest.map(|(code, derived, description)| json!({ "code": code, "derivedCode": derived, "statusByLocale": description, "description": description })),
        "scanEvents": events,
        "serviceDetail": { "type": "FEDEX_GROUND", "description": "FedEx Ground", "shortDescription": "FG" },
        "dateAndTimes": [],
    });
    if let Some(delivered) = view.delivered() {
        result["dateAndTimes"] = json!([{ "type": "ACTUAL_DELIVERY", "dateTime": delivered.to_rfc3339_opts(SecondsFormat::Secs, false) }]);
        result["deliveryDetails"] = json!({ "receivedByName": SIGNER, "signedByName": SIGNER, "locationDescription": "Front door", "deliveryAttempts": "0" });
    } else if let Some(eta) = view.estimate {
        let local = eta.with_timezone(&FixedOffset::west_opt(8 * 3600).unwrap_or(Utc.fix()));
        result["dateAndTimes"] = json!([{ "type": "ESTIMATED_DELIVERY", "dateTime": local.to_rfc3339_opts(SecondsFormat::Secs, false) }]);
    }
    result
}

pub fn fedex_not_found(number: &str) -> Value {
    json!({
        "trackingNumberInfo": { "trackingNumber": number, "trackingNumberUniqueId": "", "carrierCode": "" },
        "error": { "code": "TRACKING.TRACKINGNUMBER.NOTFOUND", "message": "Tracking number cannot be found. Please correct the tracking number and try again." }
    })
}

pub fn fedex_response(results: Vec<(String, Value)>) -> Value {
    let complete: Vec<Value> = results
        .into_iter()
        .map(|(n, r)| json!({ "trackingNumber": n, "trackResults": [r] }))
        .collect();
    json!({ "transactionId": format!("{:032x}", rand::random::<u128>()), "output": { "completeTrackResults": complete } })
}

pub fn fedex_error(code: &str, message: &str) -> Value {
    json!({ "transactionId": format!("{:032x}", rand::random::<u128>()), "errors": [{ "code": code, "message": message }] })
}

// ---- USPS ----

/// (eventCode, eventType, statusCategory)
fn usps_status(step: Step) -> (&'static str, &'static str, &'static str) {
    match step {
        Step::LabelCreated => (
            "GX",
            "Shipping Label Created, USPS Awaiting Item",
            "Pre-Shipment",
        ),
        Step::PickedUp => ("03", "USPS in possession of item", "Accepted"),
        Step::Departed => ("T1", "Departed USPS Regional Facility", "In Transit"),
        Step::Arrived => ("10", "Arrived at USPS Regional Facility", "In Transit"),
        Step::OutForDelivery => ("OF", "Out for Delivery", "Out for Delivery"),
        Step::Delivered => ("01", "Delivered, Front Door/Porch", "Delivered"),
        Step::PickedUpByCustomer => ("17", "Picked Up at Postal Facility", "Delivered"),
        Step::FailedAttempt => (
            "02",
            "Notice Left (No Authorized Recipient Available)",
            "Alert",
        ),
        Step::Delayed => ("NT", "In Transit, Arriving Late", "In Transit"),
        Step::Damaged => ("45", "Damaged, Contents Salvaged", "Alert"),
        Step::ReturnToSender => ("09", "Return to Sender Processed", "Alert"),
        Step::AvailableForPickup => ("16", "Available for Pickup", "Available for Pickup"),
        Step::CustomsHold => ("83", "Held in Customs", "Alert"),
        Step::CustomsCleared => ("86", "Customs Clearance Processing Complete", "In Transit"),
    }
}

pub fn usps(view: &View) -> Value {
    let events: Vec<Value> = view
        .newest_first()
        .map(|(scan, at)| {
            let (code, text, _) = usps_status(scan.step);
            json!({
                "eventType": text,
                "eventTimestamp": at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                "GMTTimestamp": at.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true),
                "GMTOffset": at.format("%:z").to_string(),
                "eventCountry": if scan.place.country == "US" { Value::Null } else { json!(scan.place.country) },
                "eventCity": scan.place.city.to_uppercase(),
                "eventState": scan.place.region,
                "eventZIP": scan.place.postal_code,
                "firm": null,
                "name": if scan.step == Step::Delivered { json!(SIGNER) } else { Value::Null },
                "authorizedAgent": "false",
                "eventCode": code,
            })
        })
        .collect();
    let latest = view.scans.last().map(|s| usps_status(s.step));
    let mut body = json!({
        "trackingNumber": view.number,
        "mailClass": "USPS Ground Advantage<SUP>&#153;</SUP>",
        "mailType": "DM",
        "emailEnabled": "true",
        "status": latest.map(|(_, text, _)| text),
        "statusCategory": latest.map(|(_, _, category)| category),
        "destinationCity": "PORTLAND",
        "destinationState": "OR",
        "destinationZIP": "97201",
        "trackingEvents": events,
    });
    if view.delivered().is_none()
        && let Some(eta) = view.estimate
    {
        let local = eta.with_timezone(&FixedOffset::west_opt(8 * 3600).unwrap_or(Utc.fix()));
        body["expectedDeliveryTimeStamp"] = json!(local.format("%Y-%m-%dT%H:%M:%S").to_string());
    }
    body
}

pub fn usps_error(status: u16, code: &str, message: &str) -> Value {
    json!({ "apiVersion": "v3", "error": { "code": status.to_string(), "message": message, "errors": [{ "status": status.to_string(), "code": code, "title": message, "detail": message }] } })
}

// ---- DHL ----

/// (statusCode, Express checkpoint code, description)
fn dhl_status(step: Step) -> (&'static str, &'static str, &'static str) {
    match step {
        Step::LabelCreated => ("pre-transit", "SA", "Shipment information received"),
        Step::PickedUp => ("transit", "PU", "Shipment picked up"),
        Step::Departed => ("transit", "DF", "Departed Facility"),
        Step::Arrived => ("transit", "AF", "Arrived at DHL Sort Facility"),
        Step::OutForDelivery => ("transit", "WC", "With delivery courier"),
        Step::Delivered => ("delivered", "OK", "Delivered - Signed for by: J DOE"),
        Step::PickedUpByCustomer => (
            "delivered",
            "OK",
            "Delivered - collected at the DHL Service Point",
        ),
        Step::FailedAttempt => ("failure", "NH", "Delivery attempted; recipient not home"),
        Step::Delayed => ("transit", "HP", "Delayed by adverse weather"),
        Step::Damaged => ("failure", "DM", "Shipment damaged"),
        Step::ReturnToSender => ("failure", "RT", "Returned to shipper"),
        Step::AvailableForPickup => (
            "transit",
            "PD",
            "Available for collection at the DHL Service Point",
        ),
        Step::CustomsHold => ("failure", "OH", "Shipment on hold: customs duties payable"),
        Step::CustomsCleared => ("transit", "CR", "Clearance processing complete"),
    }
}

fn dhl_location(place: &Place) -> Value {
    json!({ "address": { "addressLocality": format!("{}, {} - {}", place.city.to_uppercase(), place.region, place.country), "countryCode": place.country, "postalCode": place.postal_code } })
}

pub fn dhl(view: &View) -> Value {
    let events: Vec<Value> = view
        .newest_first()
        .map(|(scan, at)| {
            let (status_code, status, description) = dhl_status(scan.step);
            json!({ "timestamp": at.to_rfc3339_opts(SecondsFormat::Secs, false), "location": dhl_location(scan.place), "statusCode": status_code, "status": status, "description": description })
        })
        .collect();
    let mut shipment = json!({
        "id": view.number,
        "service": "express",
        "status": events.first().cloned().unwrap_or(Value::Null),
        "details": { "product": { "productName": "EXPRESS WORLDWIDE" }, "totalNumberOfPieces": 1 },
        "events": events,
    });
    if let Some(delivered) = view.delivered() {
        shipment["details"]["proofOfDelivery"] = json!({ "timestamp": delivered.to_rfc3339_opts(SecondsFormat::Secs, false), "signed": { "name": SIGNER } });
        shipment["details"]["proofOfDeliverySignedAvailable"] = json!(true);
    } else if let Some(eta) = view.estimate {
        let local = eta.with_timezone(&FixedOffset::west_opt(8 * 3600).unwrap_or(Utc.fix()));
        shipment["estimatedTimeOfDelivery"] =
            json!(local.to_rfc3339_opts(SecondsFormat::Secs, false));
    }
    json!({ "shipments": [shipment] })
}

pub fn dhl_problem(status: u16, title: &str, detail: &str) -> Value {
    json!({ "title": title, "detail": detail, "status": status })
}

use chrono::Offset as _;
use chrono::{Duration, Timelike as _};
