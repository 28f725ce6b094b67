//! The transition rules: how a shipment's events become its current state.
//!
//! Events are applied in time order (ties broken by dedupe key, so the order is total).
//! The state depends only on the set of distinct events, never on the order they arrived
//! in: the store applies a newer event directly and refolds when an older one arrives.
//!
//! - A delivered parcel stays delivered; only `returned` may follow it.
//! - A returned parcel stays returned (a "delivered" after it is the return reaching the
//!   sender).
//! - Once the carrier has the parcel, nothing moves it back to a pre-shipment stage
//!   (`ordered`, `pending`, `info_received`, `cancelled`): late "label created" notices
//!   are common and must not make a moving parcel look unshipped.

use chrono::{DateTime, Utc};
use std::collections::HashSet;

use crate::{NewEvent, Stage, Substatus, TrackingEvent};

/// A shipment's state as computed from its events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentProgress {
    pub stage: Stage,
    pub substatus: Option<Substatus>,
    /// When the carrier first had the parcel.
    pub shipped_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// The newest event's instant.
    pub last_event_at: Option<DateTime<Utc>>,
}

/// The facts about an event that the rules look at.
pub trait EventFacts {
    fn at(&self) -> DateTime<Utc>;
    fn stage(&self) -> Stage;
    fn substatus(&self) -> Option<Substatus>;
    fn dedupe_key(&self) -> &str;
}

impl EventFacts for NewEvent {
    fn at(&self) -> DateTime<Utc> {
        self.occurred_at_utc()
    }
    fn stage(&self) -> Stage {
        self.stage
    }
    fn substatus(&self) -> Option<Substatus> {
        self.substatus
    }
    fn dedupe_key(&self) -> &str {
        &self.dedupe_key
    }
}

impl EventFacts for TrackingEvent {
    fn at(&self) -> DateTime<Utc> {
        self.occurred_at.with_timezone(&Utc)
    }
    fn stage(&self) -> Stage {
        self.stage
    }
    fn substatus(&self) -> Option<Substatus> {
        self.substatus
    }
    fn dedupe_key(&self) -> &str {
        &self.dedupe_key
    }
}

impl ShipmentProgress {
    /// A shipment nobody has heard about from the carrier yet.
    pub fn new() -> Self {
        Self {
            stage: Stage::Pending,
            substatus: None,
            shipped_at: None,
            delivered_at: None,
            last_event_at: None,
        }
    }

    /// The state after all `events`, in any order and with any duplicates.
    pub fn fold<'a, E: EventFacts + 'a>(events: impl IntoIterator<Item = &'a E>) -> Self {
        let mut events: Vec<&E> = events.into_iter().collect();
        events.sort_by(|a, b| (a.at(), a.dedupe_key()).cmp(&(b.at(), b.dedupe_key())));
        let mut seen = HashSet::with_capacity(events.len());
        let mut progress = Self::new();
        for event in events {
            if seen.insert(event.dedupe_key()) {
                progress.step(event);
            }
        }
        progress
    }

    /// Whether `event` can be applied on top of this state with [`apply`](Self::apply),
    /// or is older than what was applied and needs a [`fold`](Self::fold) of all events.
    pub fn accepts_in_order(&self, event: &impl EventFacts) -> bool {
        self.last_event_at.is_none_or(|last| event.at() > last)
    }

    /// Applies an event newer than every event applied so far.
    pub fn apply(&mut self, event: &impl EventFacts) {
        debug_assert!(self.accepts_in_order(event));
        self.step(event);
    }

    fn step(&mut self, event: &impl EventFacts) {
        let at = event.at();
        self.last_event_at = Some(self.last_event_at.map_or(at, |last| last.max(at)));
        let next = event.stage();
        if next.is_shipped() && self.shipped_at.is_none() {
            self.shipped_at = Some(at);
        }
        let allowed = match self.stage {
            Stage::Delivered => next == Stage::Returned,
            Stage::Returned => false,
            _ if self.shipped_at.is_some() => !matches!(
                next,
                Stage::Ordered | Stage::Pending | Stage::InfoReceived | Stage::Cancelled
            ),
            _ => true,
        };
        if allowed {
            self.stage = next;
            self.substatus = event.substatus();
            if next == Stage::Delivered {
                self.delivered_at = Some(at);
            }
        }
    }
}

impl Default for ShipmentProgress {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EventSource;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn event(minute: i64, stage: Stage) -> NewEvent {
        let at = Utc
            .with_ymd_and_hms(2026, 3, 1, 8, 0, 0)
            .single()
            .unwrap_or_default()
            + Duration::minutes(minute);
        NewEvent::new(
            at.fixed_offset(),
            stage,
            None,
            format!("{stage} at {minute}"),
            None,
            None,
            EventSource::Manual,
        )
    }

    #[test]
    fn a_late_in_transit_scan_never_undelivers() {
        let events = [
            event(0, Stage::InTransit),
            event(10, Stage::Delivered),
            event(20, Stage::InTransit),
        ];
        let p = ShipmentProgress::fold(&events);
        assert_eq!(p.stage, Stage::Delivered);
        assert_eq!(p.delivered_at, Some(events[1].occurred_at_utc()));
        assert_eq!(p.last_event_at, Some(events[2].occurred_at_utc()));
    }

    #[test]
    fn returned_may_follow_delivered_and_then_sticks() {
        let events = [
            event(0, Stage::Delivered),
            event(5, Stage::Returned),
            event(9, Stage::Delivered),
        ];
        assert_eq!(ShipmentProgress::fold(&events).stage, Stage::Returned);
    }

    #[test]
    fn a_late_label_created_notice_does_not_unship_a_moving_parcel() {
        let events = [
            event(0, Stage::InfoReceived),
            event(5, Stage::InTransit),
            event(9, Stage::InfoReceived),
        ];
        let p = ShipmentProgress::fold(&events);
        assert_eq!(p.stage, Stage::InTransit);
        assert_eq!(p.shipped_at, Some(events[1].occurred_at_utc()));
    }

    #[test]
    fn a_delay_after_transit_shows_and_clears_with_the_next_scan() {
        let mut p = ShipmentProgress::new();
        for e in [event(0, Stage::InTransit), event(5, Stage::Delayed)] {
            p.apply(&e);
        }
        assert_eq!(p.stage, Stage::Delayed);
        p.apply(&event(9, Stage::OutForDelivery));
        assert_eq!(p.stage, Stage::OutForDelivery);
    }

    #[test]
    fn an_older_event_is_not_accepted_in_order() {
        let mut p = ShipmentProgress::new();
        p.apply(&event(10, Stage::InTransit));
        assert!(!p.accepts_in_order(&event(5, Stage::InfoReceived)));
        assert!(p.accepts_in_order(&event(11, Stage::Delivered)));
    }

    fn any_stage() -> impl Strategy<Value = Stage> {
        prop::sample::select(Stage::ALL.to_vec())
    }

    fn journey() -> impl Strategy<Value = Vec<NewEvent>> {
        prop::collection::vec((0i64..500, any_stage()), 0..24)
            .prop_map(|raw| raw.into_iter().map(|(m, s)| event(m, s)).collect())
    }

    proptest! {
        #[test]
        fn arrival_order_and_duplicates_do_not_change_the_result(
            events in journey(),
            shuffle in any::<prop::sample::Index>(),
            dupes in prop::collection::vec(any::<prop::sample::Index>(), 0..5),
        ) {
            let reference = ShipmentProgress::fold(&events);
            let mut arrived = events.clone();
            if !arrived.is_empty() {
                let k = shuffle.index(arrived.len());
                arrived.rotate_left(k);
                arrived.reverse();
                for d in &dupes {
                    let copy = arrived[d.index(arrived.len())].clone();
                    arrived.push(copy);
                }
            }
            prop_assert_eq!(ShipmentProgress::fold(&arrived), reference);
        }

        #[test]
        fn applying_in_time_order_matches_the_fold(events in journey()) {
            let mut sorted = events.clone();
            sorted.sort_by(|a, b| (a.occurred_at_utc(), &a.dedupe_key).cmp(&(b.occurred_at_utc(), &b.dedupe_key)));
            sorted.dedup_by(|a, b| a.dedupe_key == b.dedupe_key);
            let mut incremental = ShipmentProgress::new();
            for e in &sorted {
                if incremental.accepts_in_order(e) {
                    incremental.apply(e);
                } else {
                    // A tie in time: the store refolds, as it does for any older event.
                    let seen: Vec<&NewEvent> = sorted.iter().take_while(|x| !std::ptr::eq(*x, e)).chain([e]).collect();
                    incremental = ShipmentProgress::fold(seen);
                }
            }
            prop_assert_eq!(incremental, ShipmentProgress::fold(&events));
        }

        #[test]
        fn once_delivered_only_returned_can_follow(events in journey()) {
            let p = ShipmentProgress::fold(&events);
            if events.iter().any(|e| e.stage == Stage::Delivered) {
                prop_assert!(matches!(p.stage, Stage::Delivered | Stage::Returned), "{:?}", p.stage);
            }
            if events.iter().any(|e| e.stage == Stage::Returned) {
                let first_returned = events.iter().filter(|e| e.stage == Stage::Returned).map(NewEvent::occurred_at_utc).min();
                let delivered_before = events.iter().any(|e| e.stage == Stage::Delivered && Some(e.occurred_at_utc()) < first_returned);
                if delivered_before {
                    prop_assert_eq!(p.stage, Stage::Returned);
                }
            }
        }

        #[test]
        fn the_last_event_time_is_the_newest_event(events in journey()) {
            let p = ShipmentProgress::fold(&events);
            prop_assert_eq!(p.last_event_at, events.iter().map(NewEvent::occurred_at_utc).max());
        }
    }
}
