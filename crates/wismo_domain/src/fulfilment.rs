//! An order's own stage, from checkout on: before any parcel moves, while some items wait,
//! and then as its parcels go.
//!
//! - A cancelled order is `cancelled`.
//! - With no parcel (a voided label does not count) it is `ordered`, substatus `processing`.
//! - While any item is not in a parcel it is `ordered`, substatus `partially_shipped`. Which
//!   items a parcel holds is known only when the store said so (a platform's fulfilment
//!   names its lines; the API takes `items` on a shipment). When no parcel names its items,
//!   the parcels are taken to hold the whole order.
//! - Otherwise it is its parcels' stage: a parcel in trouble first (action required, then
//!   exception, then delayed), else the least advanced parcel, so an order is `delivered`
//!   only when every parcel is.
//!
//! Stalled fulfilment: an order with no parcel [`DEFAULT_STALL_DAYS`] business days
//! (Monday to Friday) after it was placed is raised for the merchant once
//! ([`stalled_since`]).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{BusinessCalendar, Order, Shipment, ShipmentId, Stage, Substatus};

/// Business days an order may wait for its first parcel before it is raised, unless the
/// store says otherwise.
pub const DEFAULT_STALL_DAYS: u32 = 3;
/// The longest wait a store may set.
pub const MAX_STALL_DAYS: u32 = 60;

/// Where an order stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderProgress {
    pub stage: Stage,
    pub substatus: Option<Substatus>,
    /// Per line of the order, in its order.
    pub items: Vec<ItemProgress>,
}

/// Where one line of an order stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemProgress {
    /// How many of the line are in parcels; the line's quantity when the parcels do not
    /// say what they hold.
    pub shipped: u32,
    pub status: ItemStatus,
    /// The parcels that hold some of it (every parcel when they do not say).
    pub shipments: Vec<ShipmentId>,
}

/// A line's status: not in a parcel, partly, or its parcels' stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Unshipped,
    PartiallyShipped,
    Shipped(Stage),
}

impl ItemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Unshipped => "unshipped",
            ItemStatus::PartiallyShipped => "partially_shipped",
            ItemStatus::Shipped(stage) => stage.as_str(),
        }
    }
}

impl Serialize for ItemStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl OrderProgress {
    /// Where `order` stands, by the rules above.
    pub fn of(order: &Order) -> OrderProgress {
        let live: Vec<&Shipment> = order
            .shipments
            .iter()
            .filter(|s| s.stage != Stage::Cancelled)
            .collect();
        let itemized = live.iter().any(|s| !s.items.is_empty());
        let items: Vec<ItemProgress> = order
            .items
            .iter()
            .map(|line| {
                let holding: Vec<&Shipment> = if itemized {
                    live.iter()
                        .copied()
                        .filter(|s| s.items.iter().any(|i| i.is_of(line)))
                        .collect()
                } else {
                    live.clone()
                };
                let shipped = if itemized {
                    holding
                        .iter()
                        .flat_map(|s| s.items.iter().filter(|i| i.is_of(line)))
                        .fold(0u32, |n, i| n.saturating_add(i.quantity))
                } else if holding.is_empty() {
                    0
                } else {
                    line.quantity
                };
                let status = if shipped == 0 {
                    ItemStatus::Unshipped
                } else if shipped < line.quantity {
                    ItemStatus::PartiallyShipped
                } else {
                    ItemStatus::Shipped(parcels_stage(&holding).0)
                };
                ItemProgress {
                    shipped: shipped.min(line.quantity),
                    status,
                    shipments: holding.iter().map(|s| s.id).collect(),
                }
            })
            .collect();
        let (stage, substatus) = if order.cancelled_at.is_some() {
            (Stage::Cancelled, None)
        } else if live.is_empty() {
            (Stage::Ordered, Some(Substatus::Processing))
        } else if items
            .iter()
            .any(|i| !matches!(i.status, ItemStatus::Shipped(_)))
        {
            (Stage::Ordered, Some(Substatus::PartiallyShipped))
        } else {
            parcels_stage(&live)
        };
        OrderProgress {
            stage,
            substatus,
            items,
        }
    }

    /// The lines no parcel holds yet (in full), with how many of each still wait.
    pub fn waiting<'a>(&self, order: &'a Order) -> Vec<(&'a crate::LineItem, u32)> {
        order
            .items
            .iter()
            .zip(&self.items)
            .filter(|(_, p)| !matches!(p.status, ItemStatus::Shipped(_)))
            .map(|(line, p)| (line, line.quantity.saturating_sub(p.shipped)))
            .collect()
    }
}

/// The stage several parcels show together: trouble first, else the least advanced.
fn parcels_stage(parcels: &[&Shipment]) -> (Stage, Option<Substatus>) {
    parcels
        .iter()
        .min_by_key(|s| (precedence(s.stage), s.id.0))
        .map(|s| (s.stage, s.substatus))
        .unwrap_or((Stage::Ordered, Some(Substatus::Processing)))
}

/// Lower comes first: the trouble a customer must hear of, then the journey from its
/// start, delivery last.
fn precedence(stage: Stage) -> u8 {
    match stage {
        Stage::ActionRequired => 0,
        Stage::Exception => 1,
        Stage::Delayed => 2,
        Stage::Ordered => 3,
        Stage::Pending => 4,
        Stage::InfoReceived => 5,
        Stage::InTransit => 6,
        Stage::OutForDelivery => 7,
        Stage::AvailableForPickup => 8,
        Stage::Returned => 9,
        Stage::Expired => 10,
        Stage::Delivered => 11,
        Stage::Cancelled => 12,
    }
}

/// When an order placed at `placed` with no parcel becomes stalled: `days` business days
/// (Monday to Friday) later, at the same time of day in the store's zone `tz`.
pub fn stalled_since(placed: DateTime<Utc>, days: u32, tz: chrono_tz::Tz) -> DateTime<Utc> {
    let local = placed.with_timezone(&tz);
    let calendar = BusinessCalendar::for_carrier(None);
    let mut day = local.date_naive();
    // An order placed at the weekend starts counting from Monday's start.
    let mut time = local.time();
    if !calendar.is_business_day(day) {
        day = calendar.add_business_days(day, 0);
        time = chrono::NaiveTime::MIN;
    }
    let due = calendar.add_business_days(day, days.max(1));
    due.and_time(time)
        .and_local_timezone(tz)
        .earliest()
        // A time skipped by a clock change: the day's start in UTC is close enough.
        .map(|t| t.to_utc())
        .unwrap_or_else(|| due.and_time(time).and_utc())
}

/// The new window a stalled order's apology gives: the promise's days from shipping to
/// delivery, counted again from the next business day after `today` as the day it ships.
pub fn apology_window(promise: &crate::Promise, today: chrono::NaiveDate) -> crate::Promise {
    let ships = BusinessCalendar::for_carrier(None).add_business_days(today, 1);
    let shift = ships - promise.ships_by.min(ships);
    crate::Promise {
        from: promise.from + shift,
        until: promise.until + shift,
        ships_by: ships,
        basis: promise.basis,
    }
}

/// Whether `order` should be raised as stalled at `now`: not cancelled, no parcel (a voided
/// label does not count), not raised before, and `days` business days past its placing.
pub fn is_stalled(order: &Order, days: u32, tz: chrono_tz::Tz, now: DateTime<Utc>) -> bool {
    order.cancelled_at.is_none()
        && order.stalled_at.is_none()
        && order.shipments.iter().all(|s| s.stage == Stage::Cancelled)
        && stalled_since(order.placed_at.unwrap_or(order.created_at), days, tz) <= now
}

#[cfg(test)]
mod tests;
