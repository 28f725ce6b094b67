//! Merchant webhooks: the events a store's endpoints may subscribe to, and a new
//! endpoint's parse from raw input (its URL and events, every refused field named).

use serde::{Deserialize, Serialize};

use crate::fields::Checks;
use crate::{FieldErrors, ParseError};

/// What a webhook tells a merchant's endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WebhookEvent {
    /// A shipment reached a milestone, or its delivery date moved.
    ShipmentUpdated,
    /// A customer asked something from a tracking page.
    CustomerRequestCreated,
    /// A message to a customer (email, text, …) could not be sent.
    NotificationFailed,
    /// An order has no parcel the store's number of business days after it was placed.
    OrderFulfillmentStalled,
    /// Sent on request to check an endpoint; never subscribed to.
    Test,
}

impl WebhookEvent {
    /// The events an endpoint may subscribe to.
    pub const SUBSCRIBABLE: [WebhookEvent; 4] = [
        WebhookEvent::ShipmentUpdated,
        WebhookEvent::CustomerRequestCreated,
        WebhookEvent::NotificationFailed,
        WebhookEvent::OrderFulfillmentStalled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::ShipmentUpdated => "shipment.updated",
            WebhookEvent::CustomerRequestCreated => "customer_request.created",
            WebhookEvent::NotificationFailed => "notification.failed",
            WebhookEvent::OrderFulfillmentStalled => "order.fulfillment_stalled",
            WebhookEvent::Test => "webhook.test",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::SUBSCRIBABLE
            .into_iter()
            .chain([WebhookEvent::Test])
            .find(|e| e.as_str() == s)
            .ok_or_else(|| ParseError::new(format!("unknown webhook event `{s}`")))
    }
}

impl Serialize for WebhookEvent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for WebhookEvent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        WebhookEvent::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A new endpoint as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointInput {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
}

/// A new endpoint, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEndpoint {
    pub url: String,
    /// Each once, in the order given.
    pub events: Vec<WebhookEvent>,
}

/// The most events one endpoint lists (each subscribable event once is far fewer).
const MAX_EVENTS: usize = 16;

impl NewEndpoint {
    /// Checks a new endpoint: an `https://` URL (`http://` too when `allow_http`, for
    /// servers on a private network) without credentials or spaces, and one or more
    /// subscribable events.
    pub fn parse(input: EndpointInput, allow_http: bool) -> Result<Self, FieldErrors> {
        let mut checks = Checks::default();
        let url = match input.url.as_deref().map(str::trim) {
            None | Some("") => {
                checks.fail("url", "is required");
                None
            }
            Some(url) => match crate::branding::check_endpoint_url(url, allow_http) {
                Ok(()) => Some(url.to_owned()),
                Err(why) => {
                    checks.fail("url", why);
                    None
                }
            },
        };
        let mut events = Vec::new();
        match input.events.as_deref() {
            None | Some([]) => checks.fail("events", "must list at least one event"),
            Some(list) if list.len() > MAX_EVENTS => {
                checks.fail("events", format!("must list at most {MAX_EVENTS} events"));
            }
            Some(list) => {
                for (i, name) in list.iter().enumerate() {
                    match WebhookEvent::parse(name) {
                        Ok(event) if event != WebhookEvent::Test => {
                            if !events.contains(&event) {
                                events.push(event);
                            }
                        }
                        _ => checks.fail(
                            format!("events[{i}]"),
                            format!("must be one of {}", subscribable_list()),
                        ),
                    }
                }
            }
        }
        checks.finish()?;
        Ok(NewEndpoint {
            url: url.unwrap_or_default(),
            events,
        })
    }
}

fn subscribable_list() -> String {
    WebhookEvent::SUBSCRIBABLE
        .iter()
        .map(|e| format!("`{}`", e.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn input(url: &str, events: &[&str]) -> EndpointInput {
        EndpointInput {
            url: Some(url.into()),
            events: Some(events.iter().map(|e| (*e).to_owned()).collect()),
        }
    }

    fn refused(input: EndpointInput, allow_http: bool) -> Vec<String> {
        NewEndpoint::parse(input, allow_http)
            .unwrap_err()
            .iter()
            .map(|e| e.field.clone())
            .collect()
    }

    #[test]
    fn an_https_endpoint_with_known_events_is_accepted_each_event_once() {
        let new = NewEndpoint::parse(
            input(
                "https://hooks.example.com/wismo",
                &[
                    "shipment.updated",
                    "notification.failed",
                    "shipment.updated",
                ],
            ),
            false,
        )
        .unwrap();
        assert_eq!(new.url, "https://hooks.example.com/wismo");
        assert_eq!(
            new.events,
            [
                WebhookEvent::ShipmentUpdated,
                WebhookEvent::NotificationFailed
            ]
        );
    }

    #[test]
    fn unknown_or_test_events_and_empty_lists_are_refused_by_field() {
        assert_eq!(
            refused(
                input("https://a.example", &["shipment.updated", "order.paid"]),
                false
            ),
            ["events[1]"]
        );
        assert_eq!(
            refused(input("https://a.example", &["webhook.test"]), false),
            ["events[0]"]
        );
        assert_eq!(refused(input("https://a.example", &[]), false), ["events"]);
        assert_eq!(refused(EndpointInput::default(), false), ["url", "events"]);
    }

    #[test]
    fn http_is_refused_unless_allowed_and_credentials_or_spaces_never_pass() {
        let events = ["shipment.updated"];
        assert_eq!(
            refused(input("http://10.0.0.5/hook", &events), false),
            ["url"]
        );
        assert!(NewEndpoint::parse(input("http://10.0.0.5:8080/hook", &events), true).is_ok());
        for bad in [
            "https://user:pw@example.com/",
            "http://user@example.com/",
            "https://exa mple.com/",
            "ftp://example.com/",
            "https://",
        ] {
            assert_eq!(refused(input(bad, &events), true), ["url"], "{bad}");
        }
    }

    #[test]
    fn events_round_trip_by_name() {
        for event in WebhookEvent::SUBSCRIBABLE
            .into_iter()
            .chain([WebhookEvent::Test])
        {
            assert_eq!(WebhookEvent::parse(event.as_str()).unwrap(), event);
        }
        assert!(WebhookEvent::parse("shipment.delivered").is_err());
    }
}
