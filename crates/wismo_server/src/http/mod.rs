//! The HTTP edge: the API, the public pages, inbound webhooks, and ops endpoints. Handlers
//! parse input into domain types, call the store, and render; they hold no logic of their own.

pub mod admin;
pub mod api;
pub mod audit;
pub mod auth;
pub mod client_addr;
pub mod edge;
pub mod extract;
pub mod idempotency;
pub mod integrations;
pub mod metrics;
pub mod ops;
pub mod pages;
pub mod problem;
pub mod webhooks;

/// The largest request body the API accepts.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
