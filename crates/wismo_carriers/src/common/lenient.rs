//! Deserializers for carrier JSON whose shapes drift: numbers where strings were promised,
//! one object where a list was promised, `""` where an object was promised.
//!
//! Everything is read in one pass, in place: no `Value` trees, no buffering. A list item or
//! object of the wrong shape (a string where an object belongs) is skipped, not fatal.

use serde::de::{self, IgnoredAny, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::marker::PhantomData;

/// A string, number or boolean as trimmed text; empty text, `null` and anything else are
/// `None`.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Text;

    impl<'de> Visitor<'de> for Text {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("text, a number or a boolean")
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            let t = s.trim();
            Ok((!t.is_empty()).then(|| t.to_owned()))
        }

        fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
            if s.trim().len() == s.len() {
                Ok((!s.is_empty()).then_some(s))
            } else {
                self.visit_str(&s)
            }
        }

        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
            Ok(Some(n.to_string()))
        }

        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
            Ok(Some(n.to_string()))
        }

        fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
            Ok(serde_json::Number::from_f64(n).map(|n| n.to_string()))
        }

        fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
            Ok(Some(b.to_string()))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }

        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }

    d.deserialize_any(Text)
}

/// A list, or a single object standing for a list of one; items that are not objects are
/// skipped, `null` is empty. Items are read in place (no buffering), so `T`'s own fields
/// must be lenient too, as every wire type's are.
pub(crate) fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    struct List<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for List<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of objects, or one object")
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(4));
            while let Some(Item(item)) = seq.next_element::<Item<T>>()? {
                out.extend(item);
            }
            Ok(out)
        }

        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            Ok(vec![T::deserialize(
                de::value::MapAccessDeserializer::new(map),
            )?])
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }

    d.deserialize_any(List(PhantomData))
}

/// A list of texts (FedEx's `streetLines`), or one text standing for a list of one; blank
/// items and items that are not text are skipped, anything else is empty.
pub(crate) fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct One(Option<String>);

    impl<'de> Deserialize<'de> for One {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            text(d).map(One)
        }
    }

    struct Texts;

    impl<'de> Visitor<'de> for Texts {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of texts, or one text")
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(One(item)) = seq.next_element::<One>()? {
                out.extend(item);
            }
            Ok(out)
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            let t = s.trim();
            Ok(if t.is_empty() {
                vec![]
            } else {
                vec![t.to_owned()]
            })
        }

        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(vec![])
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(vec![])
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(vec![])
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(vec![])
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(vec![])
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(vec![])
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(vec![])
        }
    }

    d.deserialize_any(Texts)
}

/// An object, or `None` when the value is missing or of another shape. Read in place, like
/// [`list`]'s items.
pub(crate) fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    Item::<T>::deserialize(d).map(|Item(item)| item)
}

/// An object as `T`, anything else as `None` (skipped).
struct Item<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ItemVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ItemVisitor<T> {
            type Value = Item<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| Item(Some(t)))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Item(None))
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }

            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Item(None))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Item(None))
            }

            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Item(None))
            }

            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Item(None))
            }

            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Item(None))
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Item(None))
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Item(None))
            }
        }

        d.deserialize_any(ItemVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Thing {
        #[serde(default, deserialize_with = "text")]
        n: Option<String>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Doc {
        #[serde(default, deserialize_with = "text")]
        t: Option<String>,
        #[serde(default, deserialize_with = "list")]
        items: Vec<Thing>,
        #[serde(default, deserialize_with = "object")]
        one: Option<Thing>,
    }

    fn doc(json: &str) -> Doc {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn drifting_shapes_are_read_leniently() {
        let thing = |n: &str| Thing { n: Some(n.into()) };
        let read = doc(
            r#"{"t": " x ", "items": [{"n": 1}, "junk", 7, [1], {"n": "3"}], "one": {"n": 2}}"#,
        );
        assert_eq!(
            read,
            Doc {
                t: Some("x".into()),
                items: vec![thing("1"), thing("3")],
                one: Some(thing("2"))
            }
        );
        let read = doc(r#"{"t": 42, "items": {"n": 5}, "one": ""}"#);
        assert_eq!(
            read,
            Doc {
                t: Some("42".into()),
                items: vec![thing("5")],
                one: None
            }
        );
        let read = doc(r#"{"t": {"a": [1]}, "items": null, "one": [1]}"#);
        assert_eq!(
            read,
            Doc {
                t: None,
                items: vec![],
                one: None
            }
        );
        assert_eq!(
            doc(r#"{"t": "", "items": "nope"}"#),
            Doc {
                t: None,
                items: vec![],
                one: None
            }
        );
        assert_eq!(doc(r#"{"t": true}"#).t.as_deref(), Some("true"));
    }
}
