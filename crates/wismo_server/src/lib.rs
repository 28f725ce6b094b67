//! wismo's server: configuration, the HTTP router (API, tracking pages, ops), and the
//! `wismo` command line.

pub mod cli;
pub mod config;
pub mod demo;
pub mod http;
pub mod imports;
pub mod ingest;
pub mod integrations;
pub mod item_image;
pub mod jobs;
pub mod keys;
pub mod listen;
pub mod logo;
pub mod mail;
pub mod merchant_webhooks;
pub mod outbound;
pub mod outbox;
pub mod promise;
pub mod router;
pub mod secrets;
pub mod serve;
pub mod smtp_capture;
pub mod state;
pub mod telemetry;
pub mod worker;

pub use router::router;
pub use state::AppState;
