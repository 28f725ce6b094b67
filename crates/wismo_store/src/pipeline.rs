//! The event pipeline as the store runs it: the decisions are the domain's
//! ([`wismo_domain::engine`]); this says only what set a run going.

use crate::{PollFinish, PollLease};
use wismo_domain::TrackingUpdate;
pub(crate) use wismo_domain::engine::*;

/// What set the pipeline going: an update from anywhere, or a worker finishing its poll.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source<'a> {
    Update,
    Poll(&'a PollLease, &'a PollFinish),
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
