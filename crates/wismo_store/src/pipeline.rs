//! The event pipeline as the store runs it: the decisions are the domain's
//! ([`wismo_domain::engine`]); this says only what set a run going.

use crate::{PollFinish, PollLease};
use chrono::{DateTime, Utc};
use wismo_domain::TrackingUpdate;
pub(crate) use wismo_domain::engine::*;

/// What set the pipeline going: an update from anywhere, or a worker finishing its poll.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source<'a> {
    Update,
    Poll(&'a PollLease, &'a PollFinish),
}

/// The update without the events and the estimate dated outside the shipment's window
/// ([`wismo_domain::EventWindow`]), with a log line when something was left out: a feed's
/// impossible date is dropped rather than failing the delivery of the rest.
pub(crate) fn admit(ctx: &Context, update: &TrackingUpdate, now: DateTime<Utc>) -> TrackingUpdate {
    let (admitted, outside) = update.within(ctx.window(now));
    if !outside.is_empty() {
        tracing::warn!(
            shipment = ctx.shipment.id.0,
            events = outside.events,
            estimate = outside.estimate,
            "left out of a tracking update: dated outside the shipment's window"
        );
    }
    admitted
}

impl<'a> Source<'a> {
    /// The trigger, once the shipment's lease is known.
    pub fn trigger(self, ctx: &Context, update: &TrackingUpdate) -> Trigger<'a> {
        match self {
            Source::Update => Trigger::Update {
                pushed: update
                    .events
                    .iter()
                    .any(|e| e.source == wismo_domain::EventSource::Push),
            },
            Source::Poll(lease, finish) => Trigger::Poll {
                outcome: finish.outcome,
                habits: &finish.habits,
                held: ctx.lease_owner.as_deref() == Some(lease.worker.as_str())
                    && ctx.lease_token == lease.token,
            },
        }
    }
}

/// Whether `new` names other days than `old` (a revision worth keeping): a first estimate,
/// or one whose first or last day moved.
pub(crate) fn estimate_moved(
    old: Option<&wismo_domain::estimate::DeliveryEstimate>,
    new: &wismo_domain::estimate::DeliveryEstimate,
) -> bool {
    old.is_none_or(|old| (old.from, old.until) != (new.from, new.until))
}
