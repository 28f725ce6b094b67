//! The store (tenant): one merchant's shop, with its branding and defaults.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Email, HexColor, Locale, StoreId, StoreSlug, TimeZone};

/// A merchant's shop. Every order, key and page belongs to exactly one store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Store {
    pub id: StoreId,
    pub slug: StoreSlug,
    pub name: String,
    pub branding: Branding,
    pub default_locale: Locale,
    pub timezone: TimeZone,
    pub created_at: DateTime<Utc>,
}

/// What a new store needs.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStore {
    pub slug: StoreSlug,
    pub name: String,
    pub default_locale: Locale,
    pub timezone: TimeZone,
}

/// How the store's pages look. Data only: pages turn it into CSS custom properties and
/// escaped text, never into merchant-supplied HTML or CSS.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Branding {
    /// An https URL of the logo.
    pub logo_url: Option<String>,
    pub primary_color: Option<HexColor>,
    pub accent_color: Option<HexColor>,
    /// A font from the safe list the pages offer.
    pub font: Option<String>,
    /// A short message shown at the top of the tracking page.
    pub header_message: Option<String>,
    pub support_email: Option<Email>,
    pub support_phone: Option<String>,
    pub support_url: Option<String>,
}
