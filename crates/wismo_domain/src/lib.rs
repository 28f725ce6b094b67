//! wismo's domain: the types every other crate speaks (stores, orders, shipments, tracking
//! events, customer requests), the stage vocabulary with its plain-language texts, and the
//! rules that turn a stream of tracking events into a shipment's current state.
//!
//! Nothing here does IO: no database, no network, no clock. Time is passed in.

pub mod admin;
pub mod branding;
pub mod calendar;
pub mod clock;
pub mod delay;
pub mod engine;
pub mod estimate;
pub mod event;
pub mod facts;
pub mod fields;
pub mod fulfilment;
pub mod hosts;
pub mod ids;
pub mod import;
pub mod milestone;
pub mod notify;
pub mod order;
pub mod platform;
pub mod privacy;
pub mod progress;
pub mod promise;
pub mod request;
pub mod scan;
pub mod schedule;
mod secret;
pub mod shipment;
pub mod stage;
pub mod tenant;
pub mod text;
pub mod texts;
mod token;
mod value;
pub mod webhook;

pub use branding::{BrandingInput, FaqInput, LinkInput, TextsInput};
pub use calendar::BusinessCalendar;
pub use clock::{Clock, ManualClock, ScaledClock, SystemClock};
pub use estimate::{DeliveryEstimate, EstimateBasis, History};
pub use event::{
    CarrierEstimate, EventSource, EventWindow, ManualEventInput, NewEvent, Outside, TrackingEvent,
    TrackingUpdate,
};
pub use facts::{AmountDue, FactsError, ParcelFacts, PickupPoint};
pub use fields::{FieldError, FieldErrors};
pub use hosts::Hosts;
pub use ids::{ApiKeyId, EndpointId, EventId, JobId, OrderId, RequestId, ShipmentId, StoreId};
pub use milestone::{Milestone, MilestoneRecord};
pub use order::{
    Customer, CustomerInput, Destination, DestinationInput, ItemInput, LineItem, NewOrder, Order,
    OrderInput, OrderPatch, OrderPatchInput, OrderSource,
};
pub use progress::ShipmentProgress;
pub use promise::{OrderCutoff, Promise, PromiseBasis};
pub use request::{CustomerRequest, NewCustomerRequest, RequestKind, RequestStatus};
pub use secret::{SealedSecret, Secret};
pub use shipment::{
    DeliveryRating, NewShipment, Shipment, ShipmentInput, ShipmentItem, ShipmentItemInput,
    ShipmentPatch, ShipmentPatchInput,
};
pub use stage::{Stage, Substatus};
pub use tenant::{
    Branding, FaqEntry, FooterLink, MerchantTexts, NewStore, NewStoreInput, PageWords, Tenant,
};
pub use texts::{StageTexts, Texts};
pub use token::{OrderToken, ShipmentToken};
pub use value::{
    CarrierCode, CountryCode, Email, HexColor, Locale, OrderNumber, ParseError, Phone, StoreSlug,
    TimeZone, TrackingNumber,
};
