//! DHL Shipment Tracking – Unified: `GET /track/shipments?trackingNumber=` with the
//! `DHL-API-Key` header.

use async_trait::async_trait;

use super::http::{Reply, send};
use super::{Account, Carrier, pick};
use crate::{CarrierError, Tracking};

pub const PRODUCTION: &str = "https://api-eu.dhl.com";

#[derive(Debug)]
pub struct DhlAdapter {
    http: reqwest::Client,
    account: Account,
}

impl DhlAdapter {
    pub fn new(http: reqwest::Client, account: Account) -> Self {
        Self { http, account }
    }
}

#[async_trait]
impl Carrier for DhlAdapter {
    fn slug(&self) -> &'static str {
        "dhl"
    }

    async fn track(&self, number: &str) -> Result<Tracking, CarrierError> {
        let request = self
            .http
            .get(format!(
                "{}/track/shipments",
                self.account.base_url.trim_end_matches('/')
            ))
            .query(&[("trackingNumber", number), ("language", "en")])
            .header("DHL-API-Key", self.account.secret.expose())
            .header(reqwest::header::ACCEPT, "application/json");
        match send(request, crate::dhl::classify_error).await {
            Reply::Ok(body) => pick(self.slug(), crate::dhl::parse(&body)?, number),
            Reply::Unauthorized(e) | Reply::Failed(e) => Err(e),
        }
    }
}
