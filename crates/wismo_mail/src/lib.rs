//! The emails wismo sends, rendered from data: a subject, a preheader, an HTML part (built
//! as MJML and rendered by `mrml`) and a plain-text part with the same content.
//!
//! Customers get shipping updates ([`render_customer`]); stores get notices about
//! customer requests, parcels that need attention, disabled webhook endpoints and test
//! emails ([`merchant`]). Every word comes from the Fluent texts in `wismo_domain`; the
//! merchant's own subject and opening are plain text filled from [`words`], never markup.
//!
//! Nothing here does IO or reads a clock: dates are passed in, and the HTML loads nothing
//! but the store's logo.

mod customer;
mod dates;
mod layout;
mod look;
pub mod merchant;
pub mod words;

pub use customer::{Brand, CustomerEmail, Item, MerchantWords, Parcel, render_customer};
pub use merchant::{
    AccountLink, AccountLinkKind, DigestLine, DigestOrder, RequestNotice, render_account_link,
    render_digest, render_endpoint_disabled, render_request_notice, render_test,
};
pub use words::{MAX_OPENING_CHARS, MAX_SUBJECT_CHARS, Placeholders, check_words, fill};

/// An email ready to send: the transport adds the headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// One line, no control characters.
    pub subject: String,
    /// The short text mail apps show after the subject.
    pub preheader: String,
    pub html: String,
    pub text: String,
    /// The built-in language the email is written in (`en`, `de`, …), for `Content-Language`.
    pub lang: String,
}

/// The email could not be built. Inputs are escaped before they reach MJML, so this means
/// a defect in wismo's own layout, not bad data.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the email's MJML does not parse: {0}")]
    Parse(String),
    #[error("the email's MJML does not render: {0}")]
    Render(String),
}
