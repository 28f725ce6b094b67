//! wismo_server's integration tests: the HTTP API and pages driven in-process, the `wismo`
//! binary's commands, and one smoke test over a real socket.
//!
//! API tests run on SQLite always and on PostgreSQL when `WISMO_TEST_POSTGRES_URL` is set,
//! each in a schema of its own; the browser tests need `chromedriver`. With `CI` set, a
//! missing PostgreSQL or chromedriver fails the tests instead of skipping them (`requires`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod actions;
mod admin;
mod admin_actions;
mod admin_branding;
mod admin_branding_texts;
mod admin_connect;
mod admin_feeds;
mod admin_lists;
mod admin_mail;
mod admin_pages;
mod admin_settings;
mod admin_welcome;
mod after_delivery;
mod api;
mod audit;
mod body_limits;
mod branding;
mod browser;
mod carrier_cli;
mod checkout;
mod cli;
mod crash;
mod digest;
mod edge;
mod email;
mod embeds;
mod fleet;
mod freshness;
mod harness;
mod idempotency;
mod imports;
mod input;
mod integrations;
mod integrations_api;
mod integrations_generic;
mod isolation;
mod item_images;
mod jobs;
mod jobs_cli;
mod languages;
mod logo_fetch;
mod lookup;
mod merchant_webhooks;
mod notifications;
mod notify_crash;
mod openapi;
mod order_links;
mod order_pages;
mod order_ready_browser;
mod page_checks;
mod page_matrix;
mod pages;
mod parcel_facts;
mod parcel_story;
mod privacy;
mod promise;
mod relay_tls;
mod requires;
mod routes;
mod secrets;
mod smoke;
mod snapshots;
mod webhooks;
mod widget_browser;
mod worker;
mod worker_cli;
