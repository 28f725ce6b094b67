//! Rows into domain values, shared by both backends.
//!
//! Both schemas use the same column names, so the column lists and the decoding live here
//! once. Each backend only says how to read its own column types (SQLite INTEGER
//! microseconds and TEXT JSON, PostgreSQL TIMESTAMPTZ and JSONB) by implementing
//! [`Columns`] for its row type. A value that does not parse is [`StoreError::Corrupt`].

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fmt::Display;
use wismo_domain::estimate::{DeliveryEstimate, EstimateBasis};
use wismo_domain::{
    ApiKeyId, CountryCode, Customer, CustomerRequest, Destination, Email, EventId, EventSource,
    JobId, Locale, Order, OrderId, OrderNumber, OrderToken, Phone, RequestId, RequestKind,
    RequestStatus, Shipment, ShipmentId, ShipmentToken, StoreId, StoreSlug, TimeZone,
    TrackingEvent,
};

use crate::{ApiKey, IdempotentResponse, Job, JobLease, JobState, Result, StoreError};

pub(crate) mod admin;
pub(crate) mod audit;

/// Column lists, one per table, for `concat!` into static SQL. They are the columns the
/// decoders below read.
macro_rules! store_columns {
    () => {
        "id, slug, name, branding, default_locale, timezone, created_at, notify_policy, order_cutoff"
    };
}
macro_rules! api_key_columns {
    () => {
        "id, store_id, name, prefix, created_at, last_used_at, revoked_at"
    };
}
macro_rules! order_columns {
    () => {
        "id, store_id, order_number, external_id, token, customer_name, customer_email, customer_phone, \
         customer_locale, customer_timezone, items, city, region, postal_code, country, placed_at, \
         promised_date, created_at, consent, cancelled_at, promise_from, promise_until, \
         promise_ships_by, promise_basis, placed_via, stalled_at"
    };
}
macro_rules! shipment_columns {
    () => {
        "id, order_id, store_id, carrier, service, tracking_number, token, stage, substatus, \
         carrier_estimated_delivery, shipped_at, delivered_at, last_event_at, estimate_from, \
         estimate_until, estimate_confidence, estimate_basis, first_estimate_until, next_poll_at, \
         poll_failures, last_polled_at, created_at, updated_at, contents, facts, rating, rated_at"
    };
}
macro_rules! event_columns {
    () => {
        "id, shipment_id, occurred_at, occurred_offset_secs, stage, substatus, description, location, \
         carrier_code, source, dedupe_key, recorded_at"
    };
}
macro_rules! request_columns {
    () => {
        "id, store_id, shipment_id, kind, message, status, created_at"
    };
}
macro_rules! job_columns {
    () => {
        "id, name, queue, payload, run_at, state, attempts, max_attempts, locked_by, locked_until, \
         lease_token, last_error, dedupe_key, created_at, finished_at"
    };
}
macro_rules! notification_columns {
    () => {
        "id, store_id, order_id, channel, moment, status, skip_reason, recipient, identity, send_at, \
         attempts, provider_id, last_error, created_at, sent_at, previous_date, note"
    };
}
macro_rules! endpoint_columns {
    () => {
        "id, store_id, url, events, secret, previous_secret, previous_until, created_at, \
         disabled_at, disabled_reason, failing_since"
    };
}
macro_rules! delivery_columns {
    () => {
        "id, endpoint_id, notification_id, event_type, subject_id, webhook_id, attempt, status_code, \
         error, duration_ms, attempted_at"
    };
}
pub(crate) use {
    api_key_columns, delivery_columns, endpoint_columns, event_columns, job_columns,
    notification_columns, order_columns, request_columns, shipment_columns, store_columns,
};

/// Raw access to a row's columns, in the backend's own types. `Err` says why a value
/// could not be read; `Ok(None)` is SQL NULL.
pub(crate) trait Columns {
    fn opt_text(&self, col: &str) -> Result<Option<String>, String>;
    fn opt_int(&self, col: &str) -> Result<Option<i64>, String>;
    fn opt_time(&self, col: &str) -> Result<Option<DateTime<Utc>>, String>;
    fn opt_date(&self, col: &str) -> Result<Option<NaiveDate>, String>;
    fn opt_json(&self, col: &str) -> Result<Option<serde_json::Value>, String>;
}

/// The instant as the databases keep it: whole microseconds.
pub(crate) fn stored_precision(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}

/// Reads one row of `table`, turning anything unreadable into [`StoreError::Corrupt`].
struct Reader<'r, R: ?Sized> {
    row: &'r R,
    table: &'static str,
}

impl<'r, R: Columns + ?Sized> Reader<'r, R> {
    fn new(row: &'r R, table: &'static str) -> Self {
        Self { row, table }
    }

    fn corrupt(&self, col: &str, reason: impl Display) -> StoreError {
        StoreError::Corrupt {
            table: self.table,
            reason: format!("column `{col}`: {reason}"),
        }
    }

    fn optional<T>(&self, col: &str, value: Result<Option<T>, String>) -> Result<Option<T>> {
        value.map_err(|e| self.corrupt(col, e))
    }

    fn required<T>(&self, col: &str, value: Result<Option<T>, String>) -> Result<T> {
        self.optional(col, value)?
            .ok_or_else(|| self.corrupt(col, "unexpected NULL"))
    }

    fn text(&self, col: &str) -> Result<String> {
        self.required(col, self.row.opt_text(col))
    }

    fn opt_text(&self, col: &str) -> Result<Option<String>> {
        self.optional(col, self.row.opt_text(col))
    }

    fn int(&self, col: &str) -> Result<i64> {
        self.required(col, self.row.opt_int(col))
    }

    fn opt_int(&self, col: &str) -> Result<Option<i64>> {
        self.optional(col, self.row.opt_int(col))
    }

    /// An integer that must fit a narrower type (a count, a status code).
    fn narrow<T: TryFrom<i64>>(&self, col: &str) -> Result<T> {
        let value = self.int(col)?;
        T::try_from(value).map_err(|_| self.corrupt(col, format_args!("{value} is out of range")))
    }

    fn time(&self, col: &str) -> Result<DateTime<Utc>> {
        self.required(col, self.row.opt_time(col))
    }

    fn opt_time(&self, col: &str) -> Result<Option<DateTime<Utc>>> {
        self.optional(col, self.row.opt_time(col))
    }

    fn opt_date(&self, col: &str) -> Result<Option<NaiveDate>> {
        self.optional(col, self.row.opt_date(col))
    }

    fn json<T: DeserializeOwned>(&self, col: &str) -> Result<T> {
        let value = self.required(col, self.row.opt_json(col))?;
        serde_json::from_value(value).map_err(|e| self.corrupt(col, e))
    }

    fn parse<T, E: Display>(
        &self,
        col: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T> {
        parse(&self.text(col)?).map_err(|e| self.corrupt(col, e))
    }

    fn opt_parse<T, E: Display>(
        &self,
        col: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<Option<T>> {
        self.opt_text(col)?
            .map(|s| parse(&s).map_err(|e| self.corrupt(col, e)))
            .transpose()
    }
}

pub(crate) fn store(row: &impl Columns) -> Result<wismo_domain::Tenant> {
    let r = Reader::new(row, "stores");
    Ok(wismo_domain::Tenant {
        id: StoreId(r.int("id")?),
        slug: r.parse("slug", StoreSlug::parse_stored)?,
        name: r.text("name")?,
        branding: r.json("branding")?,
        default_locale: r.parse("default_locale", Locale::parse)?,
        timezone: r.parse("timezone", TimeZone::parse)?,
        created_at: r.time("created_at")?,
        // An unreadable policy falls back to the defaults rather than failing the page.
        notify: r.json("notify_policy").unwrap_or_default(),
        order_cutoff: r.parse("order_cutoff", wismo_domain::OrderCutoff::parse)?,
    })
}

pub(crate) fn api_key(row: &impl Columns) -> Result<ApiKey> {
    let r = Reader::new(row, "api_keys");
    Ok(ApiKey {
        id: ApiKeyId(r.int("id")?),
        store_id: StoreId(r.int("store_id")?),
        name: r.text("name")?,
        prefix: r.text("prefix")?,
        created_at: r.time("created_at")?,
        last_used_at: r.opt_time("last_used_at")?,
        revoked_at: r.opt_time("revoked_at")?,
    })
}

/// An order without its shipments; [`attach_shipments`] adds them.
pub(crate) fn order(row: &impl Columns) -> Result<Order> {
    let r = Reader::new(row, "orders");
    Ok(Order {
        id: OrderId(r.int("id")?),
        store_id: StoreId(r.int("store_id")?),
        order_number: r.parse("order_number", OrderNumber::parse)?,
        external_id: r.opt_text("external_id")?,
        token: r.parse("token", |s| {
            OrderToken::parse(s).ok_or("not an order token")
        })?,
        customer: Customer {
            name: r.opt_text("customer_name")?,
            email: r.opt_parse("customer_email", Email::parse)?,
            phone: r.opt_parse("customer_phone", Phone::parse)?,
            locale: r.opt_parse("customer_locale", Locale::parse)?,
            timezone: r.opt_parse("customer_timezone", TimeZone::parse)?,
            consent: r.json("consent")?,
        },
        items: r.json("items")?,
        destination: Destination {
            city: r.opt_text("city")?,
            region: r.opt_text("region")?,
            postal_code: r.opt_text("postal_code")?,
            country: r.opt_parse("country", CountryCode::parse)?,
        },
        placed_at: r.opt_time("placed_at")?,
        promised_date: r.opt_date("promised_date")?,
        created_at: r.time("created_at")?,
        cancelled_at: r.opt_time("cancelled_at")?,
        source: r.parse("placed_via", wismo_domain::OrderSource::parse)?,
        stalled_at: r.opt_time("stalled_at")?,
        promise: promise(&r)?,
        shipments: Vec::new(),
    })
}

/// The promise an order was given, if its four columns are set.
fn promise<R: Columns + ?Sized>(r: &Reader<'_, R>) -> Result<Option<wismo_domain::Promise>> {
    let dates = (
        r.opt_date("promise_from")?,
        r.opt_date("promise_until")?,
        r.opt_date("promise_ships_by")?,
    );
    let (Some(from), Some(until), Some(ships_by)) = dates else {
        return Ok(None);
    };
    Ok(Some(wismo_domain::Promise {
        from,
        until,
        ships_by,
        basis: r.parse("promise_basis", wismo_domain::PromiseBasis::parse)?,
    }))
}

/// A shipped parcel for processing times: `ordered_at` and `shipped_at`.
pub(crate) fn processing_sample(
    row: &impl Columns,
) -> Result<wismo_domain::promise::ProcessingSample> {
    let r = Reader::new(row, "shipments");
    Ok(wismo_domain::promise::ProcessingSample {
        ordered_at: r.time("ordered_at")?,
        shipped_at: r.time("shipped_at")?,
    })
}

/// A delivery for transit times: `carrier` and `business_days`.
pub(crate) fn transit_sample(row: &impl Columns) -> Result<wismo_domain::promise::TransitSample> {
    let r = Reader::new(row, "transit_samples");
    Ok(wismo_domain::promise::TransitSample {
        carrier: r.text("carrier")?,
        business_days: r.int("business_days")?.clamp(0, 365) as u32,
    })
}

pub(crate) fn shipment(row: &impl Columns) -> Result<Shipment> {
    let r = Reader::new(row, "shipments");
    Ok(Shipment {
        id: ShipmentId(r.int("id")?),
        order_id: OrderId(r.int("order_id")?),
        store_id: StoreId(r.int("store_id")?),
        carrier: r.opt_parse("carrier", wismo_domain::CarrierCode::parse)?,
        service: r.opt_text("service")?,
        tracking_number: r.parse("tracking_number", wismo_domain::TrackingNumber::parse)?,
        token: r.parse("token", |s| {
            ShipmentToken::parse(s).ok_or("not a shipment token")
        })?,
        stage: r.parse("stage", str::parse)?,
        substatus: r.opt_parse("substatus", str::parse)?,
        carrier_estimated_delivery: r.opt_time("carrier_estimated_delivery")?,
        shipped_at: r.opt_time("shipped_at")?,
        delivered_at: r.opt_time("delivered_at")?,
        last_event_at: r.opt_time("last_event_at")?,
        estimate: estimate(&r)?,
        first_estimate_until: r.opt_date("first_estimate_until")?,
        next_poll_at: r.opt_time("next_poll_at")?,
        poll_failures: r.narrow("poll_failures")?,
        last_polled_at: r.opt_time("last_polled_at")?,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
        items: r.json("contents")?,
        facts: r.json("facts")?,
        rating: match (r.opt_int("rating")?, r.opt_time("rated_at")?) {
            (Some(score), Some(rated_at)) => Some(wismo_domain::DeliveryRating {
                score: u8::try_from(score.clamp(1, 5)).unwrap_or(1),
                rated_at,
            }),
            _ => None,
        },
    })
}

/// A parcel that needs attention, and how many there are in all (the `total` column).
pub(crate) fn attention(row: &impl Columns) -> Result<(crate::AttentionShipment, u64)> {
    let shipment = shipment(row)?;
    let r = Reader::new(row, "shipments");
    let since = r
        .opt_time("reached_at")?
        .or(shipment.last_event_at)
        .unwrap_or(shipment.created_at);
    let attention = crate::AttentionShipment {
        order_number: r.parse("order_number", OrderNumber::parse)?,
        since,
        shipment,
    };
    Ok((attention, r.narrow("total")?))
}

/// A shipment's delivery estimate: all four columns, or none.
fn estimate<R: Columns>(r: &Reader<'_, R>) -> Result<Option<DeliveryEstimate>> {
    let (Some(from), Some(until), Some(basis)) = (
        r.opt_date("estimate_from")?,
        r.opt_date("estimate_until")?,
        r.opt_parse("estimate_basis", EstimateBasis::parse)?,
    ) else {
        return Ok(None);
    };
    let percent: i64 = r.opt_int("estimate_confidence")?.unwrap_or(0);
    Ok(Some(DeliveryEstimate {
        from,
        until,
        confidence: (percent.clamp(0, 100) as f32) / 100.0,
        basis,
    }))
}

pub(crate) fn event(row: &impl Columns) -> Result<TrackingEvent> {
    let r = Reader::new(row, "tracking_events");
    let offset_secs: i32 = r.narrow("occurred_offset_secs")?;
    let offset = FixedOffset::east_opt(offset_secs).ok_or_else(|| {
        r.corrupt(
            "occurred_offset_secs",
            format_args!("{offset_secs} is not a UTC offset"),
        )
    })?;
    Ok(TrackingEvent {
        id: EventId(r.int("id")?),
        shipment_id: ShipmentId(r.int("shipment_id")?),
        occurred_at: r.time("occurred_at")?.with_timezone(&offset),
        stage: r.parse("stage", str::parse)?,
        substatus: r.opt_parse("substatus", str::parse)?,
        description: r.text("description")?,
        location: r.opt_text("location")?,
        carrier_code: r.opt_text("carrier_code")?,
        source: r.parse("source", EventSource::parse)?,
        dedupe_key: r.text("dedupe_key")?,
        recorded_at: r.time("recorded_at")?,
    })
}

pub(crate) fn customer_request(row: &impl Columns) -> Result<CustomerRequest> {
    let r = Reader::new(row, "customer_requests");
    Ok(CustomerRequest {
        id: RequestId(r.int("id")?),
        store_id: StoreId(r.int("store_id")?),
        shipment_id: ShipmentId(r.int("shipment_id")?),
        kind: r.parse("kind", RequestKind::parse)?,
        message: r.opt_text("message")?,
        status: r.parse("status", RequestStatus::parse)?,
        created_at: r.time("created_at")?,
    })
}

pub(crate) fn idempotent_response(row: &impl Columns) -> Result<IdempotentResponse> {
    let r = Reader::new(row, "idempotency_keys");
    Ok(IdempotentResponse {
        request_hash: r.text("request_hash")?,
        status: r.narrow("status")?,
        body: r.text("body")?,
    })
}

pub(crate) fn job(row: &impl Columns) -> Result<Job> {
    let r = Reader::new(row, "jobs");
    let id = JobId(r.int("id")?);
    Ok(Job {
        id,
        name: r.text("name")?,
        queue: r.text("queue")?,
        payload: r.json("payload")?,
        run_at: r.time("run_at")?,
        attempts: r.narrow("attempts")?,
        max_attempts: r.narrow("max_attempts")?,
        state: r.parse("state", |s| {
            JobState::parse(s).ok_or_else(|| format!("unknown job state `{s}`"))
        })?,
        locked_by: r.opt_text("locked_by")?,
        locked_until: r.opt_time("locked_until")?,
        last_error: r.opt_text("last_error")?,
        dedupe_key: r.opt_text("dedupe_key")?,
        created_at: r.time("created_at")?,
        finished_at: r.opt_time("finished_at")?,
        lease: JobLease {
            job: id,
            token: r.int("lease_token")?,
        },
    })
}

/// Gives each order its shipments (in the order given); shipments of other orders are dropped.
pub(crate) fn attach_shipments(orders: &mut [Order], shipments: Vec<Shipment>) {
    let index: HashMap<OrderId, usize> =
        orders.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
    for shipment in shipments {
        if let Some(&i) = index.get(&shipment.order_id) {
            orders[i].shipments.push(shipment);
        }
    }
}

/// Groups events (sorted by shipment, then time) per shipment, in the order of `shipments`.
pub(crate) fn group_events(
    shipments: &[Shipment],
    events: Vec<TrackingEvent>,
) -> Vec<(ShipmentId, Vec<TrackingEvent>)> {
    let mut grouped: Vec<(ShipmentId, Vec<TrackingEvent>)> =
        shipments.iter().map(|s| (s.id, Vec::new())).collect();
    let index: HashMap<ShipmentId, usize> = grouped
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    for event in events {
        if let Some(&i) = index.get(&event.shipment_id) {
            grouped[i].1.push(event);
        }
    }
    grouped
}

/// The pipeline's context: the shipment and the columns of the context query (`event_stage`,
/// `event_substatus`, `origin_region`, `lease_owner`, `lease_token`, `push_fed` as 0/1, the
/// order's `region`, `country` and `order_created_at`, `customer_tz` and `store_tz`).
pub(crate) fn context(row: &impl Columns, shipment: Shipment) -> Result<crate::pipeline::Context> {
    let r = Reader::new(row, "shipments");
    let progress = wismo_domain::ShipmentProgress {
        stage: r.parse("event_stage", str::parse)?,
        substatus: r.opt_parse("event_substatus", str::parse)?,
        shipped_at: shipment.shipped_at,
        delivered_at: shipment.delivered_at,
        last_event_at: shipment.last_event_at,
    };
    let destination_region = crate::pipeline::region_key(
        r.opt_text("country")?.as_deref(),
        r.opt_text("region")?.as_deref(),
    );
    let country = r
        .opt_text("country")?
        .and_then(|c| wismo_domain::CountryCode::parse(&c).ok());
    Ok(crate::pipeline::Context {
        progress,
        origin_region: r.opt_text("origin_region")?,
        destination_region,
        tz: wismo_domain::notify::recipient_zone(
            r.opt_parse("customer_tz", TimeZone::parse)?.map(|t| t.tz()),
            country.as_ref(),
            r.parse("store_tz", TimeZone::parse)?.tz(),
        ),
        lease_owner: r.opt_text("lease_owner")?,
        lease_token: r.int("lease_token")?,
        push_fed: r.int("push_fed")? != 0,
        order_created_at: r.time("order_created_at")?,
        shipment,
    })
}

pub(crate) fn poll_lease(row: &impl Columns) -> Result<crate::PollLease> {
    let r = Reader::new(row, "shipments");
    Ok(crate::PollLease {
        shipment_id: ShipmentId(r.int("id")?),
        store_id: StoreId(r.int("store_id")?),
        carrier: r.opt_parse("carrier", wismo_domain::CarrierCode::parse)?,
        service: r.opt_text("service")?,
        tracking_number: r.parse("tracking_number", wismo_domain::TrackingNumber::parse)?,
        stage: r.parse("stage", str::parse)?,
        worker: r.text("lease_owner")?,
        token: r.int("lease_token")?,
        due_at: r.time("lease_due_at")?,
        until: r.time("next_poll_at")?,
    })
}

pub(crate) fn due_shipment(row: &impl Columns) -> Result<crate::DueShipment> {
    let r = Reader::new(row, "shipments");
    Ok(crate::DueShipment {
        shipment_id: ShipmentId(r.int("id")?),
        store_id: StoreId(r.int("store_id")?),
        carrier: r.opt_parse("carrier", wismo_domain::CarrierCode::parse)?,
        tracking_number: r.parse("tracking_number", wismo_domain::TrackingNumber::parse)?,
        stage: r.parse("stage", str::parse)?,
        next_poll_at: r.time("next_poll_at")?,
        poll_failures: r.narrow("poll_failures")?,
        leased_by: r.opt_text("leased_by")?,
    })
}

pub(crate) fn milestone(row: &impl Columns) -> Result<wismo_domain::MilestoneRecord> {
    let r = Reader::new(row, "milestones");
    Ok(wismo_domain::MilestoneRecord {
        shipment_id: ShipmentId(r.int("shipment_id")?),
        store_id: StoreId(r.int("store_id")?),
        milestone: r.parse("milestone", wismo_domain::Milestone::parse)?,
        substatus: r.opt_parse("substatus", str::parse)?,
        reached_at: r.time("reached_at")?,
        recorded_at: r.time("recorded_at")?,
        carrier_estimate: r.opt_time("carrier_estimate")?,
    })
}

/// An [`crate::EstimateRevision`] row.
pub(crate) fn estimate_revision(row: &impl Columns) -> Result<crate::EstimateRevision> {
    let r = Reader::new(row, "estimate_revisions");
    let day = |col: &str| r.opt_date(col)?.ok_or_else(|| r.corrupt(col, "missing"));
    Ok(crate::EstimateRevision {
        from: day("estimate_from")?,
        until: day("estimate_until")?,
        basis: r.parse("estimate_basis", EstimateBasis::parse)?,
        recorded_at: r.time("recorded_at")?,
    })
}

/// A [`crate::PageRevision`] from `order_revision` and `store_revision`.
pub(crate) fn page_revision(row: &impl Columns) -> Result<crate::PageRevision> {
    let r = Reader::new(row, "orders");
    Ok(crate::PageRevision {
        order: r.int("order_revision")?,
        store: r.int("store_revision")?,
    })
}

/// A [`crate::PageKey`] without its pages from the page-key query: `shipment_id`,
/// `store_id`, `stage`, `delivered_at`, `order_revision`, `store_revision`,
/// `customer_locale`, `default_locale`, `link_expiry_days` and `host_store`.
pub(crate) fn page_key(row: &impl Columns) -> Result<crate::PageKey> {
    let r = Reader::new(row, "shipments");
    Ok(crate::PageKey {
        shipment: ShipmentId(r.int("shipment_id")?),
        store: StoreId(r.int("store_id")?),
        revision: page_revision(row)?,
        customer_locale: r.opt_parse("customer_locale", Locale::parse)?,
        default_locale: r.parse("default_locale", Locale::parse)?,
        stage: r.parse("stage", str::parse)?,
        delivered_at: r.opt_time("delivered_at")?,
        link_expiry_days: r
            .opt_int("link_expiry_days")?
            .map(|days| u32::try_from(days).map_err(|_| r.corrupt("link_expiry_days", days)))
            .transpose()?,
        host_store: r.opt_int("host_store")?.map(StoreId),
        pages: Vec::new(),
    })
}

/// A [`crate::notify::Notification`] from [`notification_columns`] and `shipments`, a JSON
/// array of its parcels' ids.
pub(crate) fn notification(row: &impl Columns) -> Result<crate::notify::Notification> {
    use wismo_domain::notify::{Channel, Moment, NotificationStatus};
    let r = Reader::new(row, "notifications");
    let shipments: Vec<i64> = r.json("shipments")?;
    Ok(crate::notify::Notification {
        id: r.int("id")?,
        store_id: StoreId(r.int("store_id")?),
        order_id: OrderId(r.int("order_id")?),
        channel: r.parse("channel", Channel::parse)?,
        moment: r.parse("moment", Moment::parse)?,
        status: r.parse("status", NotificationStatus::parse)?,
        skip_reason: r.opt_text("skip_reason")?,
        recipient: r.text("recipient")?,
        identity: r.text("identity")?,
        send_at: r.time("send_at")?,
        attempts: r.narrow("attempts")?,
        provider_id: r.opt_text("provider_id")?,
        last_error: r.opt_text("last_error")?,
        created_at: r.time("created_at")?,
        sent_at: r.opt_time("sent_at")?,
        previous_date: r.opt_date("previous_date")?,
        note: r.opt_text("note")?,
        shipments: shipments.into_iter().map(ShipmentId).collect(),
    })
}

/// A [`crate::notify::NotificationAttempt`].
pub(crate) fn notification_attempt(
    row: &impl Columns,
) -> Result<crate::notify::NotificationAttempt> {
    let r = Reader::new(row, "notification_attempts");
    Ok(crate::notify::NotificationAttempt {
        attempted_at: r.time("attempted_at")?,
        outcome: r.text("outcome")?,
        provider_id: r.opt_text("provider_id")?,
        error: r.opt_text("error")?,
    })
}

/// A [`crate::endpoints::WebhookEndpoint`].
pub(crate) fn webhook_endpoint(row: &impl Columns) -> Result<crate::endpoints::WebhookEndpoint> {
    use wismo_domain::webhook::WebhookEvent;
    let r = Reader::new(row, "webhook_endpoints");
    Ok(crate::endpoints::WebhookEndpoint {
        id: wismo_domain::EndpointId(r.int("id")?),
        store_id: StoreId(r.int("store_id")?),
        url: r.text("url")?,
        events: r.json::<Vec<WebhookEvent>>("events")?,
        secret: wismo_domain::SealedSecret::new(r.text("secret")?),
        previous_secret: r
            .opt_text("previous_secret")?
            .map(wismo_domain::SealedSecret::new),
        previous_until: r.opt_time("previous_until")?,
        created_at: r.time("created_at")?,
        disabled_at: r.opt_time("disabled_at")?,
        disabled_reason: r.opt_text("disabled_reason")?,
        failing_since: r.opt_time("failing_since")?,
    })
}

/// A [`crate::endpoints::WebhookDelivery`].
pub(crate) fn webhook_delivery(row: &impl Columns) -> Result<crate::endpoints::WebhookDelivery> {
    use wismo_domain::webhook::WebhookEvent;
    let r = Reader::new(row, "webhook_deliveries");
    let status_code = r
        .opt_int("status_code")?
        .map(|c| u16::try_from(c).map_err(|_| r.corrupt("status_code", "out of range")))
        .transpose()?;
    Ok(crate::endpoints::WebhookDelivery {
        id: r.int("id")?,
        endpoint_id: wismo_domain::EndpointId(r.int("endpoint_id")?),
        notification_id: r.opt_int("notification_id")?,
        event_type: r.parse("event_type", WebhookEvent::parse)?,
        subject_id: r.opt_int("subject_id")?,
        webhook_id: r.text("webhook_id")?,
        attempt: r.narrow("attempt")?,
        status_code,
        error: r.opt_text("error")?,
        duration_ms: r.narrow("duration_ms")?,
        attempted_at: r.time("attempted_at")?,
    })
}
