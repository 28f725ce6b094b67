//! The emails wismo sends, rendered from data.
//!
//! Nothing here does IO or reads a clock.

pub mod words;

pub use words::{MAX_OPENING_CHARS, MAX_SUBJECT_CHARS, Placeholders, check_words, fill};
