//! What the schedule learns from a store's history: when each carrier's parcels go out for
//! delivery, and when its deliveries and pickup-point collections come, per carrier and lane.

use chrono::{Duration, NaiveTime};
use std::collections::BTreeMap;
use std::sync::Arc;

use super::{
    CHECKPOINTS, COLLECTION_WATCH, LATEST_OUT_FOR_DELIVERY, MIN_DAY_SAMPLES, MIN_HABIT_SAMPLES,
};

/// Local times of day (minutes after midnight) at the [`CHECKPOINTS`] shares of a kind of
/// delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayTimes(pub [u16; CHECKPOINTS.len()]);

impl DayTimes {
    /// Before any history, doorstep deliveries: most come from late morning to the early
    /// evening.
    pub const DOOR: DayTimes = DayTimes([11 * 60 + 30, 13 * 60 + 30, 15 * 60 + 30, 18 * 60]);
    /// Before any history, collections at a pickup point: lunchtime to after work.
    pub const COLLECTION: DayTimes = DayTimes([12 * 60, 15 * 60, 17 * 60, 19 * 60]);

    /// The checkpoints of `minutes` (local minutes after midnight), or `None` with fewer
    /// than [`MIN_DAY_SAMPLES`].
    pub fn learn(mut minutes: Vec<u16>) -> Option<DayTimes> {
        if minutes.len() < MIN_DAY_SAMPLES {
            return None;
        }
        minutes.sort_unstable();
        let last = minutes.len() - 1;
        Some(DayTimes(CHECKPOINTS.map(|share| {
            let i = ((last as f64) * share).round() as usize;
            minutes[i.min(last)]
        })))
    }
}

/// What the scheduler knows of a shipment's carrier and lane, from the store's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarrierHabits {
    /// How long before its delivery estimate the carrier usually scans a parcel out for
    /// delivery (the median over recent deliveries).
    pub out_for_delivery_lead: Duration,
    /// The local time of day by which nearly all (95 %) of its out-for-delivery scans came,
    /// once learned.
    pub out_for_delivery_at: Option<NaiveTime>,
    /// When doorstep deliveries come.
    pub door: DayTimes,
    /// When customers collect from a pickup point.
    pub collection: DayTimes,
    /// How long after a parcel reaches a pickup point its customer may first collect it:
    /// the shortest tenth of the waits (learned from [`MIN_DAY_SAMPLES`] collections).
    pub collection_after: Duration,
}

impl Default for CarrierHabits {
    /// Before any history: out for delivery eight hours before the estimate (a morning
    /// scan for a parcel promised by the end of the afternoon), the built-in day times.
    fn default() -> Self {
        Self {
            out_for_delivery_lead: Duration::hours(8),
            out_for_delivery_at: None,
            door: DayTimes::DOOR,
            collection: DayTimes::COLLECTION,
            collection_after: Duration::zero(),
        }
    }
}

/// One delivery of the store's history, for [`Habits::learn`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliverySample {
    pub carrier: String,
    /// The destination's lane key ("US-OR").
    pub lane: String,
    /// Local minutes after midnight, at the place of the scan.
    pub minute: u16,
    /// Seconds the parcel waited at a pickup point before its customer collected it;
    /// `None` for a doorstep delivery.
    pub collected_after: Option<i64>,
}

/// Everything learned, per carrier and per (carrier, lane). Cheap to clone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Habits(Arc<Learned>);

#[derive(Debug, Default, PartialEq)]
struct Learned {
    carriers: BTreeMap<String, CarrierHabits>,
    /// (carrier, lane) → (door, collection), where learned.
    lanes: BTreeMap<(String, String), (Option<DayTimes>, Option<DayTimes>)>,
}

impl Habits {
    /// Learns from recent out-for-delivery scans, `(carrier, seconds from the scan to the
    /// carrier's estimate at that moment, local minute of the scan)`, and deliveries.
    pub fn learn(
        out_for_delivery: &[(String, Option<i64>, Option<u16>)],
        deliveries: &[DeliverySample],
    ) -> Habits {
        let mut learned = Learned::default();
        let mut leads: BTreeMap<&str, (Vec<i64>, Vec<u16>)> = BTreeMap::new();
        for (carrier, lead, minute) in out_for_delivery {
            let entry = leads.entry(carrier).or_default();
            entry.0.extend(lead);
            entry.1.extend(minute);
        }
        type Days = (Vec<u16>, Vec<u16>);
        let mut by_carrier: BTreeMap<&str, Days> = BTreeMap::new();
        let mut by_lane: BTreeMap<(&str, &str), Days> = BTreeMap::new();
        let mut waits: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
        for d in deliveries {
            for days in [
                by_carrier.entry(&d.carrier).or_default(),
                by_lane.entry((&d.carrier, &d.lane)).or_default(),
            ] {
                if d.collected_after.is_some() {
                    days.1.push(d.minute);
                } else {
                    days.0.push(d.minute);
                }
            }
            if let Some(wait) = d.collected_after {
                waits.entry(&d.carrier).or_default().push(wait.max(0));
            }
        }
        let carriers: std::collections::BTreeSet<&str> =
            leads.keys().chain(by_carrier.keys()).copied().collect();
        for carrier in carriers {
            let mut habits = CarrierHabits::default();
            if let Some((mut lead, mut at)) = leads.remove(carrier) {
                if lead.len() >= MIN_HABIT_SAMPLES {
                    lead.sort_unstable();
                    let median = lead[lead.len() / 2].clamp(0, 24 * 3600);
                    habits.out_for_delivery_lead = Duration::seconds(median);
                }
                if at.len() >= MIN_HABIT_SAMPLES {
                    at.sort_unstable();
                    let minute = u32::from(at[(at.len() * 19 / 20).min(at.len() - 1)]);
                    habits.out_for_delivery_at =
                        NaiveTime::from_hms_opt(minute / 60 % 24, minute % 60, 0)
                            .map(|t| t.min(LATEST_OUT_FOR_DELIVERY));
                }
            }
            if let Some((door, collection)) = by_carrier.remove(carrier) {
                habits.door = DayTimes::learn(door).unwrap_or(habits.door);
                habits.collection = DayTimes::learn(collection).unwrap_or(habits.collection);
            }
            if let Some(mut waits) = waits.remove(carrier).filter(|w| w.len() >= MIN_DAY_SAMPLES) {
                waits.sort_unstable();
                let tenth = waits[waits.len() / 10].min(COLLECTION_WATCH.num_seconds());
                habits.collection_after = Duration::seconds(tenth);
            }
            learned.carriers.insert(carrier.to_owned(), habits);
        }
        for ((carrier, lane), (door, collection)) in by_lane {
            let times = (DayTimes::learn(door), DayTimes::learn(collection));
            if times != (None, None) {
                learned
                    .lanes
                    .insert((carrier.to_owned(), lane.to_owned()), times);
            }
        }
        Habits(Arc::new(learned))
    }

    /// The habits of a shipment: its lane's times where learned, else its carrier's, else
    /// the built-in ones.
    pub fn for_shipment(&self, carrier: Option<&str>, lane: &str) -> CarrierHabits {
        let Some(carrier) = carrier else {
            return CarrierHabits::default();
        };
        let mut habits = self.0.carriers.get(carrier).copied().unwrap_or_default();
        if let Some((door, collection)) = self.0.lanes.get(&(carrier.to_owned(), lane.to_owned())) {
            habits.door = door.unwrap_or(habits.door);
            habits.collection = collection.unwrap_or(habits.collection);
        }
        habits
    }

    /// Each carrier's habits, for reports.
    pub fn carriers(&self) -> impl Iterator<Item = (&str, &CarrierHabits)> {
        self.0.carriers.iter().map(|(c, h)| (c.as_str(), h))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(carrier: &str, lane: &str, minute: u16, waited: Option<i64>) -> DeliverySample {
        DeliverySample {
            carrier: carrier.into(),
            lane: lane.into(),
            minute,
            collected_after: waited,
        }
    }

    #[test]
    fn habits_are_learned_per_lane_then_carrier_then_built_in() {
        let mut deliveries: Vec<DeliverySample> = (0..100)
            .map(|i| sample("ups", "US-OR", 600 + i * 3, None))
            .collect();
        // Another lane of the same carrier, too few to have its own times.
        deliveries.extend((0..5).map(|i| sample("ups", "US-WA", 1000 + i, None)));
        // Collections are learned apart, with how long they waited (1 to 40 hours).
        deliveries.extend(
            (0..40).map(|i| sample("ups", "US-OR", 1020 + i, Some(3600 * i64::from(40 - i)))),
        );
        let ofd: Vec<(String, Option<i64>, Option<u16>)> = (0..8)
            .map(|i| {
                (
                    "ups".to_owned(),
                    Some(3600 * (5 + i)),
                    Some(420 + 10 * i as u16),
                )
            })
            .chain([("dhl".to_owned(), Some(3600), None)])
            // A carrier scanning parcels out at all hours is still looked for by noon.
            .chain((0..5).map(|i| ("usps".to_owned(), None, Some(1380 + i))))
            .collect();
        let habits = Habits::learn(&ofd, &deliveries);

        let oregon = habits.for_shipment(Some("ups"), "US-OR");
        // 600 + 3 × round(99 × share).
        assert_eq!(oregon.door, DayTimes([675, 750, 822, 882]));
        assert_eq!(oregon.collection.0[0], 1030);
        // The shortest tenth of the waits: the fifth shortest of forty.
        assert_eq!(oregon.collection_after, Duration::hours(5));
        assert_eq!(oregon.out_for_delivery_lead, Duration::hours(9));
        // By 95 % of the scans: the last of eight.
        assert_eq!(
            oregon.out_for_delivery_at,
            NaiveTime::from_hms_opt(8, 10, 0)
        );
        // The carrier's times, over both lanes.
        let washington = habits.for_shipment(Some("ups"), "US-WA");
        assert_ne!(washington.door, oregon.door);
        assert_ne!(washington.door, DayTimes::DOOR);
        // Too few samples: built in.
        let dhl = habits.for_shipment(Some("dhl"), "US-OR");
        assert_eq!(dhl, CarrierHabits::default());
        assert_eq!(habits.for_shipment(None, "US-OR"), CarrierHabits::default());
        let usps = habits.for_shipment(Some("usps"), "US-OR");
        assert_eq!(usps.out_for_delivery_at, Some(LATEST_OUT_FOR_DELIVERY));
        assert_eq!(habits.carriers().count(), 3);
    }
}
