//! The event pipeline's decisions: business rules, no IO.
//!
//! Every update of a shipment (a poll, a push, a manual event) runs one transaction in the
//! store: it stores the new events (skipping dedupe keys it has), works out the progress by
//! the transition rules, and then asks [`plan`] for the rest: the carrier's or a predicted
//! delivery estimate, the stage customers see (delay detection and expiry), the milestones
//! reached, the transit-time sample of a delivery and the next poll. The store writes the
//! plan in the same transaction and decides nothing itself.

use crate::calendar::BusinessCalendar;
use crate::delay::{DelayFacts, assess};
use crate::estimate::{DeliveryEstimate, EstimateBasis, History, predict};
use crate::schedule::{CarrierHabits, Habits, PollFacts, PollOutcome, next_poll};
use crate::{EventWindow, Milestone, Shipment, ShipmentProgress, Stage, Substatus, TrackingUpdate};
use chrono::{DateTime, NaiveDate, Utc};

/// How many past deliveries of one level of the fallback ladder a prediction reads.
pub const HISTORY_DEPTH: u32 = 200;

/// What the pipeline knows about a shipment besides its events.
#[derive(Debug, Clone)]
pub struct Context {
    pub shipment: Shipment,
    /// The stage and substatus the transition rules made of the events (before delay
    /// detection), with the shipment's times.
    pub progress: ShipmentProgress,
    pub origin_region: Option<String>,
    /// "US-OR", from the order's destination.
    pub destination_region: String,
    /// The delivery's zone: the customer's, else the destination country's single zone, else
    /// the store's ([`crate::notify::recipient_zone`]).
    pub tz: chrono_tz::Tz,
    pub lease_owner: Option<String>,
    pub lease_token: i64,
    pub push_fed: bool,
    /// When the shipment's order was created: its events may be at most a year older.
    pub order_created_at: DateTime<Utc>,
}

impl Context {
    /// The times the shipment's events may claim at `now`.
    pub fn window(&self, now: DateTime<Utc>) -> EventWindow {
        EventWindow::new(self.order_created_at, now)
    }
}

/// Who runs the pipeline, which decides what happens to the polling schedule.
#[derive(Debug, Clone, Copy)]
pub enum Trigger<'a> {
    /// A worker finishing its poll. `held` is whether its lease was still its own: if not,
    /// the events are stored but the schedule belongs to whoever holds the lease now.
    Poll {
        outcome: PollOutcome,
        habits: &'a Habits,
        held: bool,
    },
    /// A push webhook, a manual event or an API call.
    Update { pushed: bool },
}

/// A transit-time sample: a delivery, for the store's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub carrier: String,
    pub service: String,
    pub origin_region: String,
    pub destination_region: String,
    pub business_days: u32,
    pub shipped_on: NaiveDate,
    pub delivered_on: NaiveDate,
}

/// Which history a prediction reads: the fallback ladder's keys.
#[derive(Debug, Clone, PartialEq)]
pub struct LadderKey {
    pub carrier: String,
    pub service: String,
    pub origin_region: String,
    pub destination_region: String,
}

/// A schedule change for the shipment row; writing one releases any lease.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reschedule {
    pub next_poll_at: Option<DateTime<Utc>>,
    pub failures: u32,
}

/// Everything the backend writes after the events.
#[derive(Debug, Clone)]
pub struct Plan {
    pub progress: ShipmentProgress,
    /// What customers see.
    pub stage: Stage,
    pub substatus: Option<Substatus>,
    pub carrier_estimate: Option<DateTime<Utc>>,
    pub estimate: Option<DeliveryEstimate>,
    pub origin_region: Option<String>,
    /// Milestones to record (the backend skips those already recorded), with when each was
    /// reached.
    pub milestones: Vec<(Milestone, DateTime<Utc>)>,
    /// Recorded when the `delivered` milestone is new.
    pub sample: Option<Sample>,
    pub reschedule: Option<Reschedule>,
    pub pushed: bool,
}

impl Plan {
    /// Whether an update with `inserted` new events leaves everything as it was: then it is
    /// not written at all, so the same payload twice changes nothing.
    pub fn changes_nothing(&self, ctx: &Context, inserted: usize) -> bool {
        let shipment = &ctx.shipment;
        inserted == 0
            && self.progress == ctx.progress
            && (self.stage, self.substatus) == (shipment.stage, shipment.substatus)
            && self.carrier_estimate == shipment.carrier_estimated_delivery
            && self.estimate == shipment.estimate
            && self.origin_region == ctx.origin_region
            && (ctx.push_fed || !self.pushed)
    }
}

/// The history a prediction needs, or `None` when no prediction is made: the carrier
/// gave an estimate, the parcel has not shipped or has arrived, or nothing new came in.
pub fn ladder_key(
    ctx: &Context,
    progress: &ShipmentProgress,
    update: &TrackingUpdate,
    inserted: usize,
) -> Option<LadderKey> {
    let carrier_says = update.carrier_estimate.is_some()
        || ctx
            .shipment
            .estimate
            .is_some_and(|e| e.basis == EstimateBasis::Carrier);
    let stale = inserted > 0 || ctx.shipment.estimate.is_none();
    if carrier_says || !stale || progress.shipped_at.is_none() || has_arrived(progress.stage) {
        return None;
    }
    Some(LadderKey {
        carrier: ctx
            .shipment
            .carrier
            .as_ref()
            .map(|c| c.as_str().to_owned())
            .unwrap_or_default(),
        service: ctx.shipment.service.clone().unwrap_or_default(),
        origin_region: origin_of(ctx, &update.events).unwrap_or_default(),
        destination_region: ctx.destination_region.clone(),
    })
}

/// Decides everything after the events. `ladder` holds the transit days of the lane, the
/// service and the carrier (newest first) when [`ladder_key`] asked for them.
pub fn plan(
    ctx: &Context,
    progress: ShipmentProgress,
    update: &TrackingUpdate,
    ladder: Option<&[Vec<u32>; 3]>,
    trigger: Trigger<'_>,
    now: DateTime<Utc>,
) -> Plan {
    let shipment = &ctx.shipment;
    let carrier = shipment.carrier.as_ref().map(|c| c.as_str());
    let calendar = BusinessCalendar::for_carrier(carrier);
    let origin_region = ctx
        .origin_region
        .clone()
        .or_else(|| origin_of(ctx, &update.events));

    let carrier_estimate = update
        .carrier_estimate
        .map(|c| c.latest)
        .or(shipment.carrier_estimated_delivery);
    let estimate = if let Some(c) = update.carrier_estimate {
        Some(DeliveryEstimate::from_carrier(c.from, c.until))
    } else if let Some(history) = ladder {
        progress.shipped_at.map(|shipped| {
            let shipped_on = local_date(shipped, ctx.tz);
            let levels = [
                (EstimateBasis::Lane, &history[0]),
                (EstimateBasis::Service, &history[1]),
                (EstimateBasis::CarrierHistory, &history[2]),
            ]
            .map(|(basis, days)| History {
                basis,
                transit_days: days,
            });
            predict(
                shipped_on,
                &calendar,
                &levels,
                carrier,
                shipment.service.as_deref(),
            )
        })
    } else if progress.shipped_at.is_none() && !has_arrived(progress.stage) {
        // Not shipped (any more: a refold can undo it): only the carrier can say.
        shipment
            .estimate
            .filter(|e| e.basis == EstimateBasis::Carrier)
    } else {
        shipment.estimate
    };

    let (stage, substatus) = assess(
        &progress,
        &DelayFacts {
            now,
            today: local_date(now, ctx.tz),
            created_at: shipment.created_at,
            estimate_until: estimate.map(|e| e.until),
        },
    );

    let milestones = if stage != shipment.stage {
        reached(stage, &progress, now)
    } else {
        Vec::new()
    };
    let sample = milestones
        .iter()
        .any(|(m, _)| *m == Milestone::Delivered)
        .then(|| sample_of(ctx, &progress, &calendar, origin_region.as_deref()))
        .flatten();

    let pushed = matches!(trigger, Trigger::Update { pushed: true });
    let facts = |failures| PollFacts {
        stage,
        carrier_estimate,
        created_at: shipment.created_at,
        last_event_at: progress.last_event_at,
        push_fed: ctx.push_fed || pushed,
        failures,
        zone: ctx.tz,
    };
    let jitter = jitter(shipment.id.0, now);
    let reschedule = match trigger {
        Trigger::Poll {
            outcome,
            habits,
            held: true,
        } => {
            let failures = match outcome {
                PollOutcome::Tracked => 0,
                PollOutcome::NotFound | PollOutcome::Failed { .. } => {
                    shipment.poll_failures.saturating_add(1)
                }
            };
            Some(Reschedule {
                next_poll_at: next_poll(
                    &facts(failures),
                    outcome,
                    &habits.for_shipment(carrier, &ctx.destination_region),
                    now,
                    jitter,
                ),
                failures,
            })
        }
        Trigger::Poll { held: false, .. } => None,
        Trigger::Update { .. } => {
            let leased =
                ctx.lease_owner.is_some() && shipment.next_poll_at.is_some_and(|until| until > now);
            (!leased).then(|| Reschedule {
                next_poll_at: next_poll(
                    &facts(shipment.poll_failures),
                    PollOutcome::Tracked,
                    &CarrierHabits::default(),
                    now,
                    jitter,
                ),
                failures: shipment.poll_failures,
            })
        }
    };

    Plan {
        progress,
        stage,
        substatus,
        carrier_estimate,
        estimate,
        origin_region,
        milestones,
        sample,
        reschedule,
        pushed,
    }
}

/// The milestones reached by showing `stage`, each with when it was reached.
fn reached(
    stage: Stage,
    progress: &ShipmentProgress,
    now: DateTime<Utc>,
) -> Vec<(Milestone, DateTime<Utc>)> {
    // A delay found by the clock is reached now; anything else by its event.
    let detected = stage != progress.stage;
    let by_event = progress.last_event_at.unwrap_or(now);
    Milestone::reached_at_stage(stage)
        .iter()
        .map(|&m| {
            let at = match m {
                _ if detected => now,
                Milestone::InTransit => progress.shipped_at.unwrap_or(by_event),
                Milestone::Delivered => progress.delivered_at.unwrap_or(by_event),
                _ => by_event,
            };
            (m, at)
        })
        .collect()
}

fn sample_of(
    ctx: &Context,
    progress: &ShipmentProgress,
    calendar: &BusinessCalendar,
    origin_region: Option<&str>,
) -> Option<Sample> {
    let carrier = ctx.shipment.carrier.as_ref()?.as_str().to_owned();
    let shipped_on = local_date(progress.shipped_at?, ctx.tz);
    let delivered_on = local_date(progress.delivered_at?, ctx.tz);
    Some(Sample {
        carrier,
        service: ctx.shipment.service.clone().unwrap_or_default(),
        origin_region: origin_region.unwrap_or_default().to_owned(),
        destination_region: ctx.destination_region.clone(),
        business_days: calendar.business_days_between(shipped_on, delivered_on),
        shipped_on,
        delivered_on,
    })
}

/// Where the carrier first had the parcel, from the oldest shipped event with a place.
fn origin_of(ctx: &Context, events: &[crate::NewEvent]) -> Option<String> {
    if let Some(known) = &ctx.origin_region {
        return Some(known.clone());
    }
    events
        .iter()
        .filter(|e| e.stage.is_shipped())
        .min_by_key(|e| e.occurred_at_utc())
        .and_then(|e| e.location.as_deref())
        .and_then(region_of_place)
}

/// "Atlanta, GA, US" → "US-GA"; "Leipzig, DE" → "DE"; a place without a comma → `None`.
pub fn region_of_place(place: &str) -> Option<String> {
    let parts: Vec<&str> = place
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [.., region, country] if parts.len() >= 3 => Some(region_key(Some(country), Some(region))),
        [_, country] => Some(region_key(Some(country), None)),
        _ => None,
    }
}

/// The lane key of a region: "US-OR", or just the country, or "" when nothing is known.
pub fn region_key(country: Option<&str>, region: Option<&str>) -> String {
    let norm = |s: &str| s.trim().to_uppercase();
    match (country.map(norm), region.map(norm)) {
        (Some(c), Some(r)) if !r.is_empty() => format!("{c}-{r}"),
        (Some(c), _) => c,
        (None, Some(r)) => r,
        (None, None) => String::new(),
    }
}

fn has_arrived(stage: Stage) -> bool {
    matches!(stage, Stage::Delivered | Stage::Returned)
}

fn local_date(t: DateTime<Utc>, tz: chrono_tz::Tz) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

/// A number in [0, 1) from the shipment and the moment: spreads shipments that were
/// registered together without a random source (FNV-1a, then the top 53 bits).
fn jitter(shipment: i64, now: DateTime<Utc>) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in shipment
        .to_le_bytes()
        .into_iter()
        .chain(now.timestamp_micros().to_le_bytes())
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_become_lane_regions() {
        assert_eq!(region_of_place("Atlanta, GA, US").as_deref(), Some("US-GA"));
        assert_eq!(region_of_place("Leipzig, de").as_deref(), Some("DE"));
        assert_eq!(region_of_place("HUB"), None);
        assert_eq!(region_key(Some("us"), Some("or")), "US-OR");
        assert_eq!(region_key(None, None), "");
    }

    #[test]
    fn habits_are_the_median_lead_of_carriers_with_enough_history() {
        let mut leads: Vec<(String, Option<i64>, Option<u16>)> =
            [3600, 7200, 7200, 9000, 1_000_000]
                .into_iter()
                .map(|s| ("fedex".to_owned(), Some(s), None))
                .collect();
        leads.push(("ups".to_owned(), Some(60), None));
        let habits = Habits::learn(&leads, &[]);
        let fedex = habits.for_shipment(Some("fedex"), "US-OR");
        assert_eq!(fedex.out_for_delivery_lead, chrono::Duration::seconds(7200));
        let ups = habits.for_shipment(Some("ups"), "US-OR");
        assert_eq!(ups, CarrierHabits::default());
    }

    #[test]
    fn jitter_is_spread_and_in_range() {
        let now = Utc::now();
        let values: Vec<f64> = (0..1000).map(|id| jitter(id, now)).collect();
        assert!(values.iter().all(|v| (0.0..1.0).contains(v)));
        let low = values.iter().filter(|v| **v < 0.5).count();
        assert!((400..600).contains(&low), "{low}");
    }
}
