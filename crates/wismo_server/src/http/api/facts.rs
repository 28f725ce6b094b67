//! A parcel's facts from its carrier (pickup point, amount due, next attempt, where it was
//! left, who signed) as the API shows them and as a scan entered by hand may bring them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use wismo_domain::{AmountDue, ParcelFacts, PickupPoint};

/// What the carrier told besides scans; each part absent when not known. Sent with a
/// scan, each given part replaces the kept one.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FactsBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup: Option<PickupBody>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_due: Option<AmountDueBody>,
    /// The day the carrier tries to deliver again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub next_attempt: Option<NaiveDate>,
    /// The carrier's https page to choose another day or place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(
        max_length = 2000,
        example = "https://carrier.example/reschedule/1Z999"
    )]
    pub rearrange_url: Option<String>,
    /// Where the delivered parcel was left ("Front Door").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 300)]
    pub left_at: Option<String>,
    /// Who signed for the parcel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 300)]
    pub signed_by: Option<String>,
}

/// The pickup point holding the parcel.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PickupBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 300)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 300)]
    pub address: Option<String>,
    /// Opening hours in the carrier's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 300)]
    pub hours: Option<String>,
    /// The last day the point keeps the parcel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub hold_until: Option<NaiveDate>,
}

/// Money to pay before the parcel is handed over (duties and taxes, cash on delivery).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmountDueBody {
    /// A decimal amount with a period ("24.50").
    #[schema(example = "24.50")]
    pub amount: String,
    /// ISO 4217 code.
    #[schema(example = "EUR")]
    pub currency: String,
    /// The carrier's https page where it is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_url: Option<String>,
}

impl From<FactsBody> for ParcelFacts {
    fn from(b: FactsBody) -> Self {
        ParcelFacts {
            pickup: b.pickup.map(|p| PickupPoint {
                name: p.name,
                address: p.address,
                hours: p.hours,
                hold_until: p.hold_until,
            }),
            amount_due: b.amount_due.map(|a| AmountDue {
                amount: a.amount,
                currency: a.currency,
                pay_url: a.pay_url,
            }),
            next_attempt: b.next_attempt,
            rearrange_url: b.rearrange_url,
            left_at: b.left_at,
            signed_by: b.signed_by,
        }
    }
}

impl From<&ParcelFacts> for FactsBody {
    fn from(f: &ParcelFacts) -> Self {
        FactsBody {
            pickup: f.pickup.as_ref().map(|p| PickupBody {
                name: p.name.clone(),
                address: p.address.clone(),
                hours: p.hours.clone(),
                hold_until: p.hold_until,
            }),
            amount_due: f.amount_due.as_ref().map(|a| AmountDueBody {
                amount: a.amount.clone(),
                currency: a.currency.clone(),
                pay_url: a.pay_url.clone(),
            }),
            next_attempt: f.next_attempt,
            rearrange_url: f.rearrange_url.clone(),
            left_at: f.left_at.clone(),
            signed_by: f.signed_by.clone(),
        }
    }
}
