//! Orders: what a customer bought and where it goes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    CountryCode, Email, Locale, NewShipment, OrderId, OrderNumber, OrderToken, Phone, Shipment,
    StoreId, TimeZone,
};

/// The person who placed the order. Public pages show at most the first name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub name: Option<String>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub locale: Option<Locale>,
    pub timezone: Option<TimeZone>,
}

impl Customer {
    /// The first word of the name, the most a public page may show.
    pub fn first_name(&self) -> Option<&str> {
        self.name
            .as_deref()
            .and_then(|n| n.split_whitespace().next())
    }
}

/// Where the order goes. No street: wismo never needs it and never shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Destination {
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<CountryCode>,
}

/// One line of the order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    pub name: String,
    pub quantity: u32,
    pub sku: Option<String>,
}

/// An order as stored, with its shipments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub id: OrderId,
    pub store_id: StoreId,
    pub order_number: OrderNumber,
    pub external_id: Option<String>,
    /// The secret of the order's private link: all its parcels on one page.
    pub token: OrderToken,
    pub customer: Customer,
    pub items: Vec<LineItem>,
    pub destination: Destination,
    pub placed_at: Option<DateTime<Utc>>,
    pub promised_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub shipments: Vec<Shipment>,
}

/// What a new order needs; its shipments are created with it. The token is made by the
/// caller ([`OrderToken::generate`]) so the store stays free of randomness.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOrder {
    pub order_number: OrderNumber,
    pub external_id: Option<String>,
    pub token: OrderToken,
    pub customer: Customer,
    pub items: Vec<LineItem>,
    pub destination: Destination,
    pub placed_at: Option<DateTime<Utc>>,
    pub promised_date: Option<NaiveDate>,
    pub shipments: Vec<NewShipment>,
}
