//! Idempotency records: the response to a request with an `Idempotency-Key`, written by the
//! use case that made the change, in the change's own transaction.
//!
//! The record's key is taken by the transaction's first statement, so of two requests with
//! one key the first to take it decides: the other waits for it and gets
//! [`StoreError::KeyTaken`](crate::StoreError::KeyTaken) with nothing changed. The response
//! is rendered by the caller's function from what the change wrote, inside the
//! transaction, and kept as given: the store never looks inside it.

use std::fmt;
use wismo_domain::{Shipment, TrackingEvent};

/// A response kept for replay: its status and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

/// What renders a change's response from what it wrote; an `Err` (why the response could
/// not be made) rolls the change back.
pub type Render<'a, T> = dyn Fn(&T) -> Result<Reply, String> + Send + Sync + 'a;

/// The idempotency record a change writes in its transaction: the request's key and hash,
/// and how to render its response from what the change wrote.
pub struct IdempotencyRecord<'a, T> {
    /// The request's `Idempotency-Key`, one namespace per store.
    pub key: &'a str,
    /// SHA-256 (hex) of the request: the same key with another request is refused.
    pub request_hash: &'a str,
    /// Renders the response; called once, inside the transaction, after the change.
    pub render: Box<Render<'a, T>>,
}

impl<T> fmt::Debug for IdempotencyRecord<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdempotencyRecord")
            .field("key", &self.key)
            .field("request_hash", &self.request_hash)
            .finish_non_exhaustive()
    }
}

/// A shipment with all its events (oldest first) and how many of them the change just
/// recorded: what a response about one shipment renders from.
#[derive(Debug, Clone, PartialEq)]
pub struct ShipmentEvents {
    pub shipment: Shipment,
    pub events: Vec<TrackingEvent>,
    pub inserted: usize,
}
