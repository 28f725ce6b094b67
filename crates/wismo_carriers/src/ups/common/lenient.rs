//! Deserializers for carrier JSON whose shapes drift: numbers where strings were promised,
//! one object where a list was promised, `""` where an object was promised.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A string, number or boolean as trimmed text; empty text, `null` and anything else are
/// `None`.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_owned())
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    })
}

/// A list, or a single item standing for a list of one; items of the wrong shape are
/// skipped, `null` is empty.
pub(crate) fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| T::deserialize(item).ok())
            .collect(),
        Value::Null => Vec::new(),
        one => T::deserialize(one).ok().into_iter().collect(),
    })
}

/// An object, or `None` when the value is missing or of another shape.
pub(crate) fn object<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> Result<Option<T>, D::Error> {
    Ok(match Value::deserialize(d)? {
        v @ Value::Object(_) => T::deserialize(v).ok(),
        _ => None,
    })
}
