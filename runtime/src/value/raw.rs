//! One property value as it appears in JSON, before any typed decoding: borrowed from
//! the input when it can be, so decoding a record allocates only for the fields that
//! keep text.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A JSON property value, leniently: strings as they are, `null` as no value, numbers
/// and bools as their JSON text (HubSpot always sends strings, but hand-made or
/// third-party JSON often does not), lists and objects remembered only as unsupported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawValue<'a> {
    /// `null`.
    Null,
    /// A string, or a number or bool as its JSON text.
    Text(Cow<'a, str>),
    /// A list or object: no HubSpot property value has that shape. Holds what it was
    /// (`"a list"`), for the error message.
    Unsupported(&'static str),
}

impl<'a> RawValue<'a> {
    /// The text, with `null` and `""` both `None`. Lists and objects are an error saying
    /// what was found.
    pub(crate) fn into_text(self) -> Result<Option<Cow<'a, str>>, String> {
        match self {
            RawValue::Null => Ok(None),
            RawValue::Text(text) if text.is_empty() => Ok(None),
            RawValue::Text(text) => Ok(Some(text)),
            RawValue::Unsupported(what) => {
                Err(format!("expected a string value (or null), found {what}"))
            }
        }
    }
}

impl<'de> Deserialize<'de> for RawValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HubSpot property value (a string or null)")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(RawValue::Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(RawValue::Text(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(RawValue::Text(Cow::Owned(v)))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(RawValue::Text(Cow::Borrowed(if v {
            "true"
        } else {
            "false"
        })))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(RawValue::Text(Cow::Owned(v.to_string())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(RawValue::Text(Cow::Owned(v.to_string())))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        Ok(RawValue::Text(Cow::Owned(v.to_string())))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        Ok(RawValue::Text(Cow::Owned(v.to_string())))
    }

    /// `f64`'s `Display` is the shortest text that reads back as the same float, with
    /// no exponent, which the number codec reads exactly.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(RawValue::Text(Cow::Owned(v.to_string())))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(RawValue::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(RawValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        RawValue::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(RawValue::Unsupported("a list"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(RawValue::Unsupported("an object"))
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::RawValue;

    fn raw(json: &str) -> RawValue<'_> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        assert!(matches!(
            raw(r#""2003""#),
            RawValue::Text(Cow::Borrowed("2003"))
        ));
        assert_eq!(
            raw(r#""a\nb""#),
            RawValue::Text(Cow::Owned("a\nb".to_owned()))
        );
    }

    #[test]
    fn scalars_become_their_json_text() {
        assert_eq!(raw("null"), RawValue::Null);
        assert_eq!(raw("true").into_text(), Ok(Some(Cow::Borrowed("true"))));
        assert_eq!(raw("-17").into_text(), Ok(Some(Cow::Borrowed("-17"))));
        assert_eq!(
            raw("18446744073709551615").into_text(),
            Ok(Some(Cow::Borrowed("18446744073709551615")))
        );
        assert_eq!(raw("4500.5").into_text(), Ok(Some(Cow::Borrowed("4500.5"))));
        assert_eq!(raw(r#""""#).into_text(), Ok(None));
        assert_eq!(raw("null").into_text(), Ok(None));
    }

    #[test]
    fn lists_and_objects_are_unsupported() {
        assert_eq!(
            raw(r#"["a", {"b": [1]}]"#).into_text(),
            Err("expected a string value (or null), found a list".to_owned())
        );
        assert_eq!(
            raw(r#"{"value": "x"}"#).into_text(),
            Err("expected a string value (or null), found an object".to_owned())
        );
    }
}
