//! Typed ids. Every row has an `i64` id; the newtypes keep a shipment id from being passed
//! where an order id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<i64> for $name {
            fn from(v: i64) -> Self {
                Self(v)
            }
        }
    };
}

id!(/// A store (tenant).
    StoreId);
id!(/// An order of one store.
    OrderId);
id!(/// A shipment (one parcel with one tracking number) of an order.
    ShipmentId);
id!(/// A tracking event of a shipment.
    EventId);
id!(/// An API key of a store.
    ApiKeyId);
id!(/// A customer request sent from a tracking page.
    RequestId);
id!(/// A job in the database-backed queue.
    JobId);
id!(/// A merchant's webhook endpoint.
    EndpointId);
