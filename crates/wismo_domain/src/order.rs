//! Orders: what a customer bought and where it goes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::fields::{Checks, FieldErrors};
use crate::notify::Consent;
use crate::shipment::ShipmentInput;
use crate::{
    CarrierCode, CountryCode, Email, Locale, NewShipment, OrderId, OrderNumber, OrderToken, Phone,
    Shipment, StoreId, TimeZone, TrackingNumber,
};

/// The most shipments one order may have.
pub const MAX_SHIPMENTS: usize = 50;
/// The most line items one order may have.
pub const MAX_ITEMS: usize = 500;

/// The person who placed the order. Public pages show at most the first name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub name: Option<String>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub locale: Option<Locale>,
    pub timezone: Option<TimeZone>,
    /// The channels the customer agreed to be told by, as it stands after any opt-out.
    #[serde(default)]
    pub consent: Consent,
}

impl Customer {
    /// The first word of the name, the most a public page may show.
    pub fn first_name(&self) -> Option<&str> {
        self.name
            .as_deref()
            .and_then(|n| n.split_whitespace().next())
    }
}

/// Where the order goes. No street: wismo never needs it and never shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Destination {
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<CountryCode>,
}

/// Where an order came from: it decides whether wismo confirms it to the customer (a
/// store platform sends its own confirmation; an imported order is old news).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderSource {
    /// The REST API (and the demo).
    #[default]
    Api,
    Shopify,
    #[serde(rename = "woocommerce")]
    WooCommerce,
    /// wismo's generic signed feed.
    Generic,
    /// A CSV import.
    Import,
}

impl OrderSource {
    pub const ALL: [OrderSource; 5] = [
        OrderSource::Api,
        OrderSource::Shopify,
        OrderSource::WooCommerce,
        OrderSource::Generic,
        OrderSource::Import,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderSource::Api => "api",
            OrderSource::Shopify => "shopify",
            OrderSource::WooCommerce => "woocommerce",
            OrderSource::Generic => "generic",
            OrderSource::Import => "import",
        }
    }

    pub fn parse(s: &str) -> Result<Self, crate::ParseError> {
        Self::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| crate::ParseError::new(format!("unknown order source `{s}`")))
    }

    /// Whether the source's platform confirms orders to customers itself.
    pub fn platform_confirms(self) -> bool {
        matches!(self, OrderSource::Shopify | OrderSource::WooCommerce)
    }
}

/// One line of the order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    pub name: String,
    pub quantity: u32,
    pub sku: Option<String>,
    /// The variant bought (`M`, `Blue / Large`).
    #[serde(default)]
    pub variant: Option<String>,
    /// A picture of the item: an `https://` URL.
    #[serde(default)]
    pub image_url: Option<String>,
}

/// An order as stored, with its shipments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub id: OrderId,
    pub store_id: StoreId,
    pub order_number: OrderNumber,
    pub external_id: Option<String>,
    /// The secret of the order's private link: all its parcels on one page.
    pub token: OrderToken,
    pub customer: Customer,
    pub items: Vec<LineItem>,
    pub destination: Destination,
    pub placed_at: Option<DateTime<Utc>>,
    pub promised_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    /// When the order was cancelled (its parcels are no longer tracked).
    #[serde(default)]
    pub cancelled_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub source: OrderSource,
    /// When the order was found not shipped in time ([`crate::fulfilment`]).
    #[serde(default)]
    pub stalled_at: Option<DateTime<Utc>>,
    /// The delivery window the order was promised when it arrived (the promise at
    /// checkout), kept as it was. `promised_date` is the merchant's own date.
    #[serde(default)]
    pub promise: Option<crate::promise::Promise>,
    pub shipments: Vec<Shipment>,
}

/// What a new order needs; its shipments are created with it. The token is made by the
/// caller ([`OrderToken::generate`]) so the store stays free of randomness.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOrder {
    pub order_number: OrderNumber,
    pub external_id: Option<String>,
    pub token: OrderToken,
    pub customer: Customer,
    pub items: Vec<LineItem>,
    pub destination: Destination,
    pub placed_at: Option<DateTime<Utc>>,
    pub promised_date: Option<NaiveDate>,
    /// The window promised for the order's placing time and destination, set by whoever
    /// creates the order (`None` until then).
    pub promise: Option<crate::promise::Promise>,
    pub shipments: Vec<NewShipment>,
    /// Where it came from; the caller sets it ([`NewOrder::parse`] says `api`).
    pub source: OrderSource,
}

/// A new order as it arrives, before any rule is checked: the API's body, a form, a CSV
/// row or a platform's webhook converted field by field. [`NewOrder::parse`] checks it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderInput {
    pub order_number: String,
    pub external_id: Option<String>,
    pub customer: CustomerInput,
    pub destination: DestinationInput,
    pub items: Vec<ItemInput>,
    pub placed_at: Option<DateTime<Utc>>,
    pub promised_date: Option<NaiveDate>,
    pub shipments: Vec<ShipmentInput>,
}

/// The customer as given: an email, phone, locale or time zone must parse when present.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerInput {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub locale: Option<String>,
    pub timezone: Option<String>,
    /// Channels the customer agreed to: email unless it says no, the others only if it
    /// says yes.
    pub consent: Option<Consent>,
}

/// The destination as given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DestinationInput {
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

/// A line item as given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemInput {
    pub name: String,
    pub quantity: u32,
    pub sku: Option<String>,
    pub variant: Option<String>,
    pub image_url: Option<String>,
}

/// The longest variant name kept.
pub const MAX_VARIANT_CHARS: usize = 200;

impl NewOrder {
    /// Checks every field of `input` and reports every refused one by its path
    /// (`customer.email`, `items[0].name`, `shipments[1].tracking_number`). Text is trimmed
    /// and cleaned by the text rule ([`crate::text`]), and blank optional text becomes
    /// `None`. `placed_at` may be at most a day after `now`, and it and `promised_date` at
    /// most ten years from it. Each shipment gets its private link's token.
    pub fn parse(input: OrderInput, now: DateTime<Utc>) -> Result<NewOrder, FieldErrors> {
        let mut checks = Checks::default();
        let order_number = OrderNumber::parse(&input.order_number);
        if let Err(e) = &order_number {
            checks.fail("order_number", e.to_string());
        }
        let external_id = checks.line(
            || "external_id".into(),
            input.external_id.as_deref(),
            200,
            false,
        );
        let customer = parse_customer(&mut checks, input.customer);
        check_dates(&mut checks, input.placed_at, input.promised_date, now);
        let destination = parse_destination(&mut checks, input.destination);
        let items = parse_items(&mut checks, &input.items);
        checks.count("shipments", input.shipments.len(), MAX_SHIPMENTS);
        let mut shipments = Vec::with_capacity(input.shipments.len());
        let mut seen: Vec<TrackingNumber> = Vec::with_capacity(input.shipments.len());
        for (i, s) in input.shipments.into_iter().enumerate() {
            let tracking_number = checks.value(
                || format!("shipments[{i}].tracking_number"),
                &s.tracking_number,
                TrackingNumber::parse,
            );
            let carrier = checks.optional(
                || format!("shipments[{i}].carrier"),
                s.carrier.as_deref(),
                CarrierCode::parse,
            );
            let service = checks.line(
                || format!("shipments[{i}].service"),
                s.service.as_deref(),
                64,
                false,
            );
            let parcel_items =
                crate::shipment::parse_items(&mut checks, &format!("shipments[{i}]."), &s.items);
            let Some(tracking_number) = tracking_number else {
                continue;
            };
            if seen.contains(&tracking_number) {
                checks.fail(
                    format!("shipments[{i}].tracking_number"),
                    "appears twice in this order",
                );
            }
            seen.push(tracking_number.clone());
            shipments
                .push(NewShipment::new(tracking_number, carrier, service).with_items(parcel_items));
        }
        checks.finish()?;
        let order_number = order_number.map_err(|e| FieldErrors::one("order_number", e))?;
        Ok(NewOrder {
            order_number,
            external_id,
            token: OrderToken::generate(),
            customer,
            items,
            destination,
            placed_at: input.placed_at,
            promised_date: input.promised_date,
            promise: None,
            shipments,
            source: OrderSource::Api,
        })
    }
}

/// A change to an order's details as it arrives: each section given replaces the one
/// kept (a customer given without a phone clears the phone); absent sections stay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderPatchInput {
    pub customer: Option<CustomerInput>,
    pub destination: Option<DestinationInput>,
    pub items: Option<Vec<ItemInput>>,
}

/// A checked change to an order's details. `None` leaves a section as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderPatch {
    /// The customer's name, email, phone, locale and time zone (consent is not changed
    /// this way).
    pub customer: Option<Customer>,
    pub destination: Option<Destination>,
    pub items: Option<Vec<LineItem>>,
}

impl OrderPatch {
    /// Checks each section given by the rules of a new order, naming refused fields by
    /// their paths.
    pub fn parse(input: OrderPatchInput) -> Result<OrderPatch, FieldErrors> {
        let mut checks = Checks::default();
        let customer = input.customer.map(|c| parse_customer(&mut checks, c));
        let destination = input.destination.map(|d| parse_destination(&mut checks, d));
        let items = input.items.map(|items| parse_items(&mut checks, &items));
        checks.finish()?;
        Ok(OrderPatch {
            customer,
            destination,
            items,
        })
    }
}

fn parse_items(checks: &mut Checks, input: &[ItemInput]) -> Vec<LineItem> {
    checks.count("items", input.len(), MAX_ITEMS);
    let mut items = Vec::with_capacity(input.len());
    for (i, item) in input.iter().enumerate() {
        let name = checks.line(|| format!("items[{i}].name"), Some(&item.name), 300, true);
        let sku = checks.line(
            || format!("items[{i}].sku"),
            item.sku.as_deref(),
            100,
            false,
        );
        let variant = checks.line(
            || format!("items[{i}].variant"),
            item.variant.as_deref(),
            MAX_VARIANT_CHARS,
            false,
        );
        let image_url = crate::branding::image_url(
            checks,
            &format!("items[{i}].image_url"),
            item.image_url.as_deref(),
        );
        if !(1..=100_000).contains(&item.quantity) {
            checks.fail(
                format!("items[{i}].quantity"),
                "must be between 1 and 100000",
            );
        }
        items.extend(name.map(|name| LineItem {
            name,
            quantity: item.quantity,
            sku,
            variant,
            image_url,
        }));
    }
    items
}

/// An order's dates: ten years either side of `now` at most, and an order placed at most a
/// day ahead (a day's slack for time zones and clocks).
fn check_dates(
    checks: &mut Checks,
    placed_at: Option<DateTime<Utc>>,
    promised_date: Option<NaiveDate>,
    now: DateTime<Utc>,
) {
    let decade = chrono::Duration::days(3653);
    if let Some(placed_at) = placed_at
        && !(now - decade..=now + chrono::Duration::days(1)).contains(&placed_at)
    {
        checks.fail(
            "placed_at",
            "must be within ten years before now and at most a day ahead",
        );
    }
    let today = now.date_naive();
    if let Some(promised) = promised_date
        && !(today - decade..=today + decade).contains(&promised)
    {
        checks.fail("promised_date", "must be within ten years of today");
    }
}

fn parse_customer(checks: &mut Checks, c: CustomerInput) -> Customer {
    let name = checks.line(|| "customer.name".into(), c.name.as_deref(), 200, false);
    Customer {
        email: checks.optional(|| "customer.email".into(), c.email.as_deref(), Email::parse),
        phone: checks.optional(|| "customer.phone".into(), c.phone.as_deref(), Phone::parse),
        locale: checks.optional(
            || "customer.locale".into(),
            c.locale.as_deref(),
            Locale::parse,
        ),
        timezone: checks.optional(
            || "customer.timezone".into(),
            c.timezone.as_deref(),
            TimeZone::parse,
        ),
        consent: c.consent.unwrap_or_default(),
        name,
    }
}

fn parse_destination(checks: &mut Checks, d: DestinationInput) -> Destination {
    let city = checks.line(|| "destination.city".into(), d.city.as_deref(), 100, false);
    let region = checks.line(
        || "destination.region".into(),
        d.region.as_deref(),
        100,
        false,
    );
    let postal_code = checks.line(
        || "destination.postal_code".into(),
        d.postal_code.as_deref(),
        20,
        false,
    );
    Destination {
        country: checks.optional(
            || "destination.country".into(),
            d.country.as_deref(),
            CountryCode::parse,
        ),
        city,
        region,
        postal_code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Parsed as _;

    fn input() -> OrderInput {
        OrderInput {
            order_number: " #1001 ".into(),
            customer: CustomerInput {
                name: Some(" Ana Lima ".into()),
                email: Some("ana@Example.com".into()),
                ..CustomerInput::default()
            },
            items: vec![ItemInput {
                name: " Mug ".into(),
                quantity: 2,
                sku: Some("  ".into()),
                variant: Some(" Blue ".into()),
                image_url: Some(" https://cdn.acme.example/mug.png ".into()),
            }],
            shipments: vec![ShipmentInput {
                tracking_number: "1z999aa10123456784".into(),
                carrier: Some("UPS".into()),
                service: None,
                items: Vec::new(),
            }],
            ..OrderInput::default()
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-01T12:00:00Z")
            .map(|t| t.to_utc())
            .unwrap_or_default()
    }

    fn fields(errors: &FieldErrors) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn an_order_is_trimmed_and_its_values_canonicalized() {
        let order = NewOrder::parse(input(), now()).accepted();
        assert_eq!(order.order_number.as_str(), "#1001");
        assert_eq!(order.customer.name.as_deref(), Some("Ana Lima"));
        assert_eq!(
            order.customer.email.map(String::from),
            Some("ana@example.com".into())
        );
        assert_eq!(order.items[0].name, "Mug");
        assert_eq!(order.items[0].sku, None);
        assert_eq!(order.items[0].variant.as_deref(), Some("Blue"));
        assert_eq!(
            order.items[0].image_url.as_deref(),
            Some("https://cdn.acme.example/mug.png")
        );
        assert_eq!(
            order.shipments[0].tracking_number.as_str(),
            "1Z999AA10123456784"
        );
        assert_eq!(
            order.shipments[0].carrier.as_ref().map(CarrierCode::as_str),
            Some("ups")
        );
    }

    #[test]
    fn an_order_without_an_order_number_names_the_field() {
        let errors = NewOrder::parse(
            OrderInput {
                order_number: "  ".into(),
                ..input()
            },
            now(),
        )
        .refused();
        assert_eq!(fields(&errors), ["order_number"]);
    }

    #[test]
    fn blank_text_becomes_none() {
        let order = NewOrder::parse(
            OrderInput {
                external_id: Some(" ".into()),
                destination: DestinationInput {
                    city: Some("\t".into()),
                    postal_code: Some(" 10115 ".into()),
                    ..DestinationInput::default()
                },
                ..input()
            },
            now(),
        )
        .accepted();
        assert_eq!(order.external_id, None);
        assert_eq!(order.destination.city, None);
        assert_eq!(order.destination.postal_code.as_deref(), Some("10115"));
    }

    #[test]
    fn every_bad_field_is_named_by_its_path() {
        let mut bad = input();
        bad.customer.email = Some("not-an-email".into());
        bad.customer.phone = Some("555-0100".into());
        bad.customer.locale = Some("??".into());
        bad.destination.country = Some("USA".into());
        bad.destination.city = Some("x".repeat(101));
        bad.items[0].name = " ".into();
        bad.items[0].quantity = 0;
        bad.items[0].image_url = Some("http://cdn.acme.example/mug.png".into());
        bad.shipments[0].tracking_number = "12!".into();
        let errors = NewOrder::parse(bad, now()).refused();
        assert_eq!(
            fields(&errors),
            [
                "customer.email",
                "customer.phone",
                "customer.locale",
                "destination.city",
                "destination.country",
                "items[0].name",
                "items[0].image_url",
                "items[0].quantity",
                "shipments[0].tracking_number",
            ]
        );
        assert!(
            errors
                .to_string()
                .contains("destination.city: must be at most 100 characters")
        );
    }

    #[test]
    fn the_same_tracking_number_twice_in_one_order_is_refused() {
        let mut twice = input();
        twice.shipments.push(ShipmentInput {
            tracking_number: "1Z 999 AA1 0123456784".into(),
            ..ShipmentInput::default()
        });
        let errors = NewOrder::parse(twice, now()).refused();
        assert_eq!(
            errors.to_string(),
            "shipments[1].tracking_number: appears twice in this order"
        );
    }

    #[test]
    fn text_with_a_nul_is_refused_and_bidi_controls_are_dropped() {
        let mut bad = input();
        bad.customer.name = Some("\u{202E}Ana\u{202C} Lima".into());
        bad.items[0].name = "Mug\0".into();
        bad.destination.city = Some("Port\0land".into());
        let errors = NewOrder::parse(bad.clone(), now()).refused();
        assert_eq!(fields(&errors), ["destination.city", "items[0].name"]);
        bad.items[0].name = "Mug".into();
        bad.destination.city = None;
        let order = NewOrder::parse(bad, now()).accepted();
        assert_eq!(order.customer.name.as_deref(), Some("Ana Lima"));
    }

    #[test]
    fn an_order_number_loses_invisible_characters_and_keeps_its_key() {
        let mut hidden = input();
        hidden.order_number = "\u{2067}#10\u{200B}01\u{2069}".into();
        let order = NewOrder::parse(hidden, now()).accepted();
        assert_eq!(order.order_number.as_str(), "#1001");
        assert_eq!(order.order_number.key(), "1001");
    }

    #[test]
    fn dates_out_of_any_sensible_range_are_refused() {
        let mut old = input();
        old.placed_at = Some(DateTime::<Utc>::MIN_UTC);
        old.promised_date = NaiveDate::from_ymd_opt(99_999, 1, 1);
        let errors = NewOrder::parse(old, now()).refused();
        assert_eq!(fields(&errors), ["placed_at", "promised_date"]);
        let mut fine = input();
        fine.placed_at = Some(now() + chrono::Duration::hours(20));
        fine.promised_date = NaiveDate::from_ymd_opt(2026, 3, 9);
        assert!(NewOrder::parse(fine, now()).is_ok());
    }

    #[test]
    fn a_patch_checks_only_the_sections_given() {
        let patch = OrderPatch::parse(OrderPatchInput {
            destination: Some(DestinationInput {
                country: Some("br".into()),
                ..DestinationInput::default()
            }),
            ..OrderPatchInput::default()
        })
        .accepted();
        assert_eq!(patch.customer, None);
        assert_eq!(patch.items, None);
        assert_eq!(
            patch.destination.and_then(|d| d.country).map(String::from),
            Some("BR".into())
        );
        let errors = OrderPatch::parse(OrderPatchInput {
            customer: Some(CustomerInput {
                email: Some("nope".into()),
                ..CustomerInput::default()
            }),
            items: Some(vec![ItemInput {
                name: "Mug".into(),
                quantity: 0,
                ..ItemInput::default()
            }]),
            ..OrderPatchInput::default()
        })
        .refused();
        assert_eq!(fields(&errors), ["customer.email", "items[0].quantity"]);
    }

    #[test]
    fn an_order_may_have_at_most_fifty_shipments() {
        let mut many = input();
        many.shipments = (0..=MAX_SHIPMENTS)
            .map(|i| ShipmentInput {
                tracking_number: format!("TRACK{i:04}"),
                ..ShipmentInput::default()
            })
            .collect();
        let errors = NewOrder::parse(many, now()).refused();
        assert_eq!(
            errors.to_string(),
            "shipments: at most 50 entries are allowed"
        );
    }
}
