//! USPS Tracking v3: OAuth client credentials with the `tracking` scope at
//! `/oauth2/v3/token`, then `GET /tracking/v3/tracking/{number}?expand=DETAIL`.

use async_trait::async_trait;
use serde_json::json;

use super::oauth::{TokenCache, fetch_token, send_with_token};
use super::{Account, Carrier, pick};
use crate::{CarrierError, Tracking};

pub const PRODUCTION: &str = "https://apis.usps.com";
pub const TEST: &str = "https://apis-tem.usps.com";

#[derive(Debug)]
pub struct UspsAdapter {
    http: reqwest::Client,
    account: Account,
    tokens: TokenCache,
}

impl UspsAdapter {
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
}

#[async_trait]
impl Carrier for UspsAdapter {
    fn slug(&self) -> &'static str {
        "usps"
    }

    async fn track(&self, number: &str) -> Result<Tracking, CarrierError> {
        let fetch = || {
            fetch_token(self.http.post(self.url("/oauth2/v3/token")).json(&json!({
                "grant_type": "client_credentials",
                "client_id": self.account.client_id,
                "client_secret": self.account.secret.expose(),
                "scope": "tracking",
            })))
        };
        let build = |token: &str| {
            self.http
                .get(self.url(&format!("/tracking/v3/tracking/{number}")))
                .query(&[("expand", "DETAIL")])
                .bearer_auth(token)
                .header(reqwest::header::ACCEPT, "application/json")
        };
        let body = send_with_token(&self.tokens, fetch, build, crate::usps::classify_error).await?;
        pick(self.slug(), crate::usps::parse(&body)?, number)
    }
}
