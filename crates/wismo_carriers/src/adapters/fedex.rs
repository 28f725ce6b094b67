//! FedEx Track API v1: OAuth client credentials (id and secret in the form body at
//! `/oauth/token`), then `POST /track/v1/trackingnumbers` with up to 30 numbers per call.
//! Per-number errors come back inside HTTP 200.

use async_trait::async_trait;
use serde_json::json;

use super::oauth::{TokenCache, fetch_token, send_with_token};
use super::{Account, Carrier};
use crate::{CarrierError, Tracking};

pub const PRODUCTION: &str = "https://apis.fedex.com";
pub const TEST: &str = "https://apis-sandbox.fedex.com";
const BATCH: usize = 30;

#[derive(Debug)]
pub struct FedexAdapter {
    http: reqwest::Client,
    account: Account,
    tokens: TokenCache,
}

impl FedexAdapter {
    pub fn new(http: reqwest::Client, account: Account) -> Self {
        Self {
            http,
            account,
            tokens: TokenCache::default(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.account.base_url.trim_end_matches('/'))
    }

    async fn call(
        &self,
        numbers: &[String],
    ) -> Result<Vec<(String, Result<Tracking, CarrierError>)>, CarrierError> {
        let fetch = || {
            fetch_token(self.http.post(self.url("/oauth/token")).form(&[
                ("grant_type", "client_credentials"),
                ("client_id", self.account.client_id.as_str()),
                ("client_secret", self.account.secret.expose()),
            ]))
        };
        let body = json!({
            "includeDetailedScans": true,
            "trackingInfo": numbers.iter().map(|n| json!({ "trackingNumberInfo": { "trackingNumber": n } })).collect::<Vec<_>>(),
        });
        let build = |token: &str| {
            self.http
                .post(self.url("/track/v1/trackingnumbers"))
                .bearer_auth(token)
                .header("x-locale", "en_US")
                .header(reqwest::header::ACCEPT_ENCODING, "gzip")
                .json(&body)
        };
        let bytes =
            send_with_token(&self.tokens, fetch, build, crate::fedex::classify_error).await?;
        let results = crate::fedex::parse_per_number(&bytes)?;
        for tracking in results.iter().filter_map(|(_, r)| r.as_ref().ok()) {
            crate::unknown::record(self.slug(), &tracking.unknown_codes);
        }
        Ok(results)
    }
}

#[async_trait]
impl Carrier for FedexAdapter {
    fn slug(&self) -> &'static str {
        "fedex"
    }

    fn batch_size(&self) -> usize {
        BATCH
    }

    async fn track(&self, number: &str) -> Result<Tracking, CarrierError> {
        let mut results = self.call(&[number.to_owned()]).await?;
        let wanted = crate::detect::normalize(number);
        match results
            .iter()
            .position(|(n, _)| crate::detect::normalize(n) == wanted)
        {
            Some(i) => results.swap_remove(i).1,
            None => Err(CarrierError::NotFound),
        }
    }

    async fn track_many(
        &self,
        numbers: &[String],
    ) -> Vec<(String, Result<Tracking, CarrierError>)> {
        let mut out = Vec::with_capacity(numbers.len());
        for chunk in numbers.chunks(BATCH) {
            match self.call(chunk).await {
                Ok(mut results) => {
                    for number in chunk {
                        let wanted = crate::detect::normalize(number);
                        let found = results
                            .iter()
                            .position(|(n, _)| crate::detect::normalize(n) == wanted);
                        let result =
                            found.map_or(Err(CarrierError::NotFound), |i| results.swap_remove(i).1);
                        out.push((number.clone(), result));
                    }
                }
                Err(e) => out.extend(chunk.iter().map(|n| (n.clone(), Err(e.clone())))),
            }
        }
        out
    }
}
