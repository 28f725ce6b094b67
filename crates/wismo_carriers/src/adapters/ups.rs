//! UPS Track API v1: OAuth client credentials (HTTP Basic at `/security/v1/oauth/token`),
//! then `GET /api/track/v1/details/{inquiryNumber}` with `transId` and `transactionSrc`.

use async_trait::async_trait;

use super::oauth::{TokenCache, fetch_token, send_with_token};
use super::{Account, Carrier, pick};
use crate::{CarrierError, Tracking};

pub const PRODUCTION: &str = "https://onlinetools.ups.com";
pub const TEST: &str = "https://wwwcie.ups.com";

#[derive(Debug)]
pub struct UpsAdapter {
    http: reqwest::Client,
    account: Account,
    tokens: TokenCache,
}

impl UpsAdapter {
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
impl Carrier for UpsAdapter {
    fn slug(&self) -> &'static str {
        "ups"
    }

    async fn track(&self, number: &str) -> Result<Tracking, CarrierError> {
        let fetch = || {
            fetch_token(
                self.http
                    .post(self.url("/security/v1/oauth/token"))
                    .basic_auth(&self.account.client_id, Some(self.account.secret.expose()))
                    .form(&[("grant_type", "client_credentials")]),
            )
        };
        let build = |token: &str| {
            self.http
                .get(self.url(&format!("/api/track/v1/details/{number}")))
                .query(&[
                    ("locale", "en_US"),
                    ("returnSignature", "false"),
                    ("returnMilestones", "false"),
                    ("returnPOD", "false"),
                ])
                .bearer_auth(token)
                .header("transId", format!("{:032x}", rand::random::<u128>()))
                .header("transactionSrc", "wismo")
        };
        let body = send_with_token(&self.tokens, fetch, build, crate::ups::classify_error).await?;
        pick(self.slug(), crate::ups::parse(&body)?, number)
    }
}
