//! The API's JSON shapes: request bodies, which become the domain's raw input (the domain's
//! parse functions check them and name a bad field by its path, `customer.email`), and
//! responses built from domain types.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use wismo_domain::{Shipment, Stage, Substatus, TrackingEvent};

use crate::state::Core;

pub(crate) fn stage_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(Stage::ALL.map(Stage::as_str)))
        .description(Some(
            "The shipment's stage in wismo's one vocabulary for every carrier.",
        ))
}

/// A substatus or `null`: `nullable` is lost on a `schema_with` field, so the null is part of
/// the schema itself, in its type and in its enum.
pub(crate) fn substatus_schema() -> ObjectBuilder {
    let values = Substatus::ALL
        .map(|s| serde_json::Value::from(s.as_str()))
        .into_iter()
        .chain([serde_json::Value::Null]);
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(values))
        .description(Some("Detail within the stage; `null` when there is none."))
}

// ---- requests ----

/// A new order with its shipments.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrder {
    /// The order number the customer knows: 1 to 64 printable characters with at least one
    /// letter or digit. Unique in the store, ignoring case, `#`, dashes and spaces.
    #[schema(example = "#1001", min_length = 1, max_length = 64)]
    pub order_number: String,
    /// Your platform's id for the order.
    #[schema(max_length = 200)]
    pub external_id: Option<String>,
    pub customer: CustomerInput,
    #[serde(default)]
    pub destination: DestinationInput,
    /// Up to 500 line items.
    #[serde(default)]
    #[schema(max_items = 500)]
    pub items: Vec<ItemInput>,
    pub placed_at: Option<DateTime<Utc>>,
    /// The delivery date the store promised, if any.
    pub promised_date: Option<NaiveDate>,
    /// Up to 50 parcels, each tracking number once.
    #[serde(default)]
    #[schema(max_items = 50)]
    pub shipments: Vec<ShipmentInput>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerInput {
    #[schema(max_length = 200)]
    pub name: Option<String>,
    #[schema(format = Email, example = "ana@example.com", max_length = 254)]
    pub email: Option<String>,
    /// International (E.164) form, e.g. `+14155550100`; spaces, dashes, dots and brackets
    /// are removed.
    #[schema(
        example = "+14155550100",
        pattern = r"^[ .()-]*\+[ .()-]*[1-9]([ .()-]*[0-9]){7,14}[ .()-]*$"
    )]
    pub phone: Option<String>,
    /// BCP 47 language tag, e.g. `en` or `pt-BR`.
    #[schema(example = "en")]
    pub locale: Option<String>,
    /// IANA time zone, e.g. `America/New_York`.
    #[schema(example = "America/New_York")]
    pub timezone: Option<String>,
    /// The channels the customer agreed to be told by. Email is on unless this says
    /// `false`; the others only when it says `true`. A store's "marketing consent" is not
    /// this: these are the order's own updates.
    pub consent: Option<ConsentInput>,
}

/// Consent per channel; a channel left out takes its default.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// Default `true`.
    pub email: Option<bool>,
    /// Default `false`.
    pub sms: Option<bool>,
    /// Default `false`.
    pub whatsapp: Option<bool>,
    /// Default `false`.
    pub voice: Option<bool>,
}

impl From<ConsentInput> for wismo_domain::notify::Consent {
    fn from(c: ConsentInput) -> Self {
        let d = Self::default();
        Self {
            email: c.email.unwrap_or(d.email),
            sms: c.sms.unwrap_or(d.sms),
            whatsapp: c.whatsapp.unwrap_or(d.whatsapp),
            voice: c.voice.unwrap_or(d.voice),
        }
    }
}

/// Consent as it stands, after any opt-out.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentView {
    pub email: bool,
    pub sms: bool,
    pub whatsapp: bool,
    pub voice: bool,
}

impl From<wismo_domain::notify::Consent> for ConsentView {
    fn from(c: wismo_domain::notify::Consent) -> Self {
        Self {
            email: c.email,
            sms: c.sms,
            whatsapp: c.whatsapp,
            voice: c.voice,
        }
    }
}

/// Where the order goes. Street lines are not needed and not accepted.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DestinationInput {
    #[schema(max_length = 100)]
    pub city: Option<String>,
    #[schema(max_length = 100)]
    pub region: Option<String>,
    #[schema(max_length = 20)]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[schema(example = "US", pattern = "^[A-Za-z]{2}$")]
    pub country: Option<String>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    #[schema(min_length = 1, max_length = 300)]
    pub name: String,
    #[serde(default = "one")]
    #[schema(minimum = 1, maximum = 100000, default = 1)]
    pub quantity: u32,
    #[schema(max_length = 100)]
    pub sku: Option<String>,
    /// The variant bought, e.g. `M` or `Blue / Large`.
    #[schema(max_length = 200)]
    pub variant: Option<String>,
    /// A picture of the item, shown beside it: an `https://` URL.
    #[schema(
        max_length = 500,
        pattern = "^https://",
        example = "https://cdn.example.com/mug.png"
    )]
    pub image_url: Option<String>,
}

fn one() -> u32 {
    1
}

/// A parcel to track.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShipmentInput {
    /// Spaces and dashes are removed; 6 to 40 letters and digits.
    #[schema(
        example = "1Z999AA10123456784",
        pattern = r"^[ \t-]*([A-Za-z0-9][ \t-]*){6,40}$"
    )]
    pub tracking_number: String,
    /// Carrier slug (`ups`, `fedex`, `usps`, `dhl`, …); optional.
    #[schema(example = "ups", pattern = "^[A-Za-z0-9_]{1,32}$")]
    pub carrier: Option<String>,
    #[schema(max_length = 64)]
    pub service: Option<String>,
    /// Which of the order's items the parcel holds, when only some are in it: each names
    /// an item by its `sku` (or its `name`) with a quantity. Left out, the parcel is taken
    /// to hold the order (or what is left of it).
    #[serde(default)]
    #[schema(max_items = 500)]
    pub items: Vec<ParcelItem>,
}

/// Some of one of the order's items, in a parcel.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParcelItem {
    /// The item's SKU; or give its `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 100)]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 300)]
    pub name: Option<String>,
    #[serde(default = "one")]
    #[schema(minimum = 1, maximum = 100000, default = 1)]
    pub quantity: u32,
}

/// Changes to an order's details. Each section given replaces the one kept (a customer
/// given without a phone clears the phone; the customer's consent is not changed this
/// way); absent sections stay.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrder {
    pub customer: Option<CustomerInput>,
    pub destination: Option<DestinationInput>,
    /// Up to 500 line items, replacing the order's.
    #[schema(max_items = 500)]
    pub items: Option<Vec<ItemInput>>,
}

impl From<UpdateOrder> for wismo_domain::OrderPatchInput {
    fn from(body: UpdateOrder) -> Self {
        Self {
            customer: body.customer.map(|c| wismo_domain::CustomerInput {
                name: c.name,
                email: c.email,
                phone: c.phone,
                locale: c.locale,
                timezone: c.timezone,
                consent: None,
            }),
            destination: body.destination.map(|d| wismo_domain::DestinationInput {
                city: d.city,
                region: d.region,
                postal_code: d.postal_code,
                country: d.country,
            }),
            items: body
                .items
                .map(|items| items.into_iter().map(item_input).collect()),
        }
    }
}

fn item_input(i: ItemInput) -> wismo_domain::ItemInput {
    wismo_domain::ItemInput {
        name: i.name,
        quantity: i.quantity,
        sku: i.sku,
        variant: i.variant,
        image_url: i.image_url,
    }
}

/// Changes to a shipment. Absent fields stay; `null` clears `carrier` or `service`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateShipment {
    /// Spaces and dashes are removed; 6 to 40 letters and digits.
    #[schema(pattern = r"^[ \t-]*([A-Za-z0-9][ \t-]*){6,40}$")]
    pub tracking_number: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, pattern = "^[A-Za-z0-9_]{1,32}$")]
    pub carrier: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 64)]
    pub service: Option<Option<String>>,
}

/// A field that is present (even as `null`) becomes `Some(..)`; absent stays `None`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A scan entered by hand, for couriers without an API.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEvent {
    /// When it happened, RFC 3339 with its offset: at most a day ahead, and at most a year
    /// before the order was created. Defaults to now.
    #[schema(value_type = Option<String>, format = DateTime, example = "2026-03-01T14:05:00-05:00")]
    pub occurred_at: Option<DateTime<FixedOffset>>,
    #[schema(schema_with = stage_schema)]
    pub stage: Stage,
    #[schema(schema_with = substatus_schema)]
    pub substatus: Option<Substatus>,
    /// What happened, in the words the customer will read.
    #[schema(min_length = 1, max_length = 500)]
    pub description: String,
    #[schema(max_length = 200)]
    pub location: Option<String>,
    /// What the carrier told with this scan (pickup point, amount due, next attempt…).
    #[serde(default)]
    pub facts: Option<super::facts::FactsBody>,
}

impl From<CreateOrder> for wismo_domain::OrderInput {
    fn from(body: CreateOrder) -> Self {
        let c = body.customer;
        let d = body.destination;
        Self {
            order_number: body.order_number,
            external_id: body.external_id,
            customer: wismo_domain::CustomerInput {
                name: c.name,
                email: c.email,
                phone: c.phone,
                locale: c.locale,
                timezone: c.timezone,
                consent: c.consent.map(Into::into),
            },
            destination: wismo_domain::DestinationInput {
                city: d.city,
                region: d.region,
                postal_code: d.postal_code,
                country: d.country,
            },
            items: body.items.into_iter().map(item_input).collect(),
            placed_at: body.placed_at,
            promised_date: body.promised_date,
            shipments: body.shipments.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<ShipmentInput> for wismo_domain::ShipmentInput {
    fn from(s: ShipmentInput) -> Self {
        Self {
            tracking_number: s.tracking_number,
            carrier: s.carrier,
            service: s.service,
            items: s
                .items
                .into_iter()
                .map(|i| wismo_domain::ShipmentItemInput {
                    sku: i.sku,
                    name: i.name,
                    quantity: i.quantity,
                })
                .collect(),
        }
    }
}

impl From<UpdateShipment> for wismo_domain::ShipmentPatchInput {
    fn from(body: UpdateShipment) -> Self {
        Self {
            tracking_number: body.tracking_number,
            carrier: body.carrier,
            service: body.service,
        }
    }
}

impl From<CreateEvent> for wismo_domain::ManualEventInput {
    fn from(body: CreateEvent) -> Self {
        Self {
            occurred_at: body.occurred_at,
            stage: body.stage,
            substatus: body.substatus,
            description: body.description,
            location: body.location,
        }
    }
}

// ---- responses ----

/// An order with its shipments.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderView {
    pub id: i64,
    pub order_number: String,
    pub external_id: Option<String>,
    /// The customer's private page of the whole order: every parcel on one page, from
    /// checkout on.
    pub order_url: String,
    /// Where the order stands: `ordered` (substatus `processing`, or `partially_shipped`
    /// while an item is in no parcel), `cancelled`, or else its parcels' stage (a parcel in
    /// trouble first, then the least advanced).
    #[schema(schema_with = stage_schema)]
    pub stage: Stage,
    #[schema(schema_with = substatus_schema)]
    pub substatus: Option<Substatus>,
    /// Where the order came from: `api`, `shopify`, `woocommerce`, `generic` or `import`.
    pub source: String,
    /// When the order was raised as not shipped in time (`fulfillment_stalled`); `null`
    /// otherwise.
    pub stalled_at: Option<DateTime<Utc>>,
    pub customer: CustomerView,
    pub destination: DestinationInput,
    /// Each item, with where it stands.
    pub items: Vec<ItemView>,
    pub placed_at: Option<DateTime<Utc>>,
    pub promised_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    /// When the order was cancelled; its parcels are no longer tracked. `null` otherwise.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The delivery window promised when the order arrived, from the store's history for
    /// its placing time and destination; kept as it was. `null` for an order without a
    /// country or from before promises.
    pub promise: Option<PromiseView>,
    pub shipments: Vec<ShipmentSummary>,
}

/// An item of an order and where it stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemView {
    pub name: String,
    pub quantity: u32,
    pub sku: Option<String>,
    /// The variant bought, e.g. `M` or `Blue / Large`.
    pub variant: Option<String>,
    /// A picture of the item: an `https://` URL.
    pub image_url: Option<String>,
    /// `unshipped`, `partially_shipped`, or the stage of the parcels holding it.
    pub status: String,
    /// How many of it are in parcels.
    pub shipped_quantity: u32,
    /// The parcels holding some of it.
    pub shipment_ids: Vec<i64>,
}

/// A delivery window promised at checkout.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PromiseView {
    /// The first day it may arrive.
    pub from: NaiveDate,
    /// The last day it should arrive.
    pub until: NaiveDate,
    /// The day it should ship by.
    pub ships_by: NaiveDate,
    /// Which history the transit days come from: `lane` (the country and postal prefix),
    /// `country`, `store` (all the store's deliveries) or `default` (wismo's own days).
    #[schema(schema_with = promise_basis_schema)]
    pub basis: &'static str,
}

impl From<&wismo_domain::Promise> for PromiseView {
    fn from(p: &wismo_domain::Promise) -> Self {
        Self {
            from: p.from,
            until: p.until,
            ships_by: p.ships_by,
            basis: p.basis.as_str(),
        }
    }
}

/// The promise bases, as an enum of strings.
pub fn promise_basis_schema() -> utoipa::openapi::schema::ObjectBuilder {
    let values = wismo_domain::PromiseBasis::ALL.map(|b| serde_json::Value::from(b.as_str()));
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(values))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerView {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub locale: Option<String>,
    pub timezone: Option<String>,
    pub consent: ConsentView,
}

/// A shipment's current state and private link.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShipmentSummary {
    pub id: i64,
    pub order_id: i64,
    pub tracking_number: String,
    pub carrier: Option<String>,
    pub service: Option<String>,
    #[schema(schema_with = stage_schema)]
    pub stage: Stage,
    /// The stage in plain English.
    pub stage_label: String,
    #[schema(schema_with = substatus_schema)]
    pub substatus: Option<Substatus>,
    /// Which of the order's items it holds, when the store said; empty otherwise.
    pub items: Vec<ParcelItem>,
    /// The customer's private page of this parcel (the order's other parcels below it).
    pub tracking_url: String,
    pub carrier_estimated_delivery: Option<DateTime<Utc>>,
    /// When it should arrive: the carrier's date, or a window predicted from the store's
    /// own delivery history; `null` until it has shipped.
    pub estimated_delivery: Option<EstimateView>,
    pub shipped_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub last_event_at: Option<DateTime<Utc>>,
    /// When wismo asks the carrier next; `null` once tracking has ended.
    pub next_poll_at: Option<DateTime<Utc>>,
    /// What the carrier told besides scans: the pickup point and until when it keeps the
    /// parcel, an amount due, the next attempt, where it was left, who signed.
    pub facts: super::facts::FactsBody,
    /// The customer's answer to "How was your delivery?" on the parcel's page, once
    /// delivered; `null` until rated.
    pub rating: Option<RatingView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A customer's rating of a delivered parcel; rating again replaces it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingView {
    /// 1 (poor) to 5 (excellent).
    #[schema(minimum = 1, maximum = 5)]
    pub score: u8,
    pub rated_at: DateTime<Utc>,
}

/// A delivery estimate: a window of dates (equal for a single day).
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimateView {
    #[schema(value_type = String, format = Date)]
    pub from: chrono::NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub until: chrono::NaiveDate,
    /// 0 to 1: how often deliveries like this one landed in such a window.
    pub confidence: f32,
    /// `carrier`, `lane`, `service`, `carrier_history` or `default`.
    pub basis: String,
}

/// A shipment with its events, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShipmentView {
    #[serde(flatten)]
    pub shipment: ShipmentSummary,
    pub events: Vec<EventView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    pub id: i64,
    /// RFC 3339 with the offset of the place it happened.
    #[schema(value_type = String, format = DateTime)]
    pub occurred_at: DateTime<FixedOffset>,
    #[schema(schema_with = stage_schema)]
    pub stage: Stage,
    #[schema(schema_with = substatus_schema)]
    pub substatus: Option<Substatus>,
    pub description: String,
    pub location: Option<String>,
    pub carrier_code: Option<String>,
    /// `poll`, `push`, `manual` or `sandbox`.
    pub source: String,
}

/// A page of orders, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderPage {
    pub data: Vec<OrderView>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

impl ShipmentSummary {
    pub fn new(state: &Core, s: &Shipment) -> Self {
        Self {
            id: s.id.0,
            order_id: s.order_id.0,
            tracking_number: s.tracking_number.to_string(),
            carrier: s.carrier.as_ref().map(ToString::to_string),
            service: s.service.clone(),
            stage: s.stage,
            stage_label: state
                .texts
                .stage(&wismo_domain::Locale::default(), s.stage)
                .label,
            substatus: s.substatus,
            items: s
                .items
                .iter()
                .map(|i| ParcelItem {
                    sku: i.sku.clone(),
                    name: i.name.clone(),
                    quantity: i.quantity,
                })
                .collect(),
            tracking_url: state.tracking_url(&s.token),
            carrier_estimated_delivery: s.carrier_estimated_delivery,
            estimated_delivery: s.estimate.map(|e| EstimateView {
                from: e.from,
                until: e.until,
                confidence: e.confidence,
                basis: e.basis.as_str().to_owned(),
            }),
            shipped_at: s.shipped_at,
            delivered_at: s.delivered_at,
            last_event_at: s.last_event_at,
            next_poll_at: s.next_poll_at,
            facts: (&s.facts).into(),
            rating: s.rating.map(|r| RatingView {
                score: r.score,
                rated_at: r.rated_at,
            }),
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

impl OrderView {
    pub fn new(state: &Core, o: &wismo_domain::Order) -> Self {
        let progress = wismo_domain::fulfilment::OrderProgress::of(o);
        Self {
            id: o.id.0,
            order_number: o.order_number.to_string(),
            external_id: o.external_id.clone(),
            order_url: state.order_url(&o.token),
            stage: progress.stage,
            substatus: progress.substatus,
            source: o.source.as_str().to_owned(),
            stalled_at: o.stalled_at,
            customer: CustomerView {
                name: o.customer.name.clone(),
                email: o.customer.email.as_ref().map(ToString::to_string),
                phone: o.customer.phone.as_ref().map(ToString::to_string),
                locale: o.customer.locale.as_ref().map(ToString::to_string),
                timezone: o.customer.timezone.as_ref().map(ToString::to_string),
                consent: o.customer.consent.into(),
            },
            destination: DestinationInput {
                city: o.destination.city.clone(),
                region: o.destination.region.clone(),
                postal_code: o.destination.postal_code.clone(),
                country: o.destination.country.as_ref().map(ToString::to_string),
            },
            items: o
                .items
                .iter()
                .zip(&progress.items)
                .map(|(i, p)| ItemView {
                    name: i.name.clone(),
                    quantity: i.quantity,
                    sku: i.sku.clone(),
                    variant: i.variant.clone(),
                    image_url: i.image_url.clone(),
                    status: p.status.as_str().to_owned(),
                    shipped_quantity: p.shipped,
                    shipment_ids: p.shipments.iter().map(|s| s.0).collect(),
                })
                .collect(),
            placed_at: o.placed_at,
            promised_date: o.promised_date,
            created_at: o.created_at,
            cancelled_at: o.cancelled_at,
            promise: o.promise.as_ref().map(PromiseView::from),
            shipments: o
                .shipments
                .iter()
                .map(|s| ShipmentSummary::new(state, s))
                .collect(),
        }
    }
}

impl From<&TrackingEvent> for EventView {
    fn from(e: &TrackingEvent) -> Self {
        Self {
            id: e.id.0,
            occurred_at: e.occurred_at,
            stage: e.stage,
            substatus: e.substatus,
            description: e.description.clone(),
            location: e.location.clone(),
            carrier_code: e.carrier_code.clone(),
            source: e.source.as_str().to_owned(),
        }
    }
}
