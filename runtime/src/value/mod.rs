//! HubSpot's string encodings of record values, and the serde glue generated code
//! delegates to.
//!
//! The objects API sends and accepts every property value as a string: `"2003"`,
//! `"true"`, `"2024-05-01"`, `"1714694400000"`, `"sunroof;heated_seats"`. Each Rust
//! field type of generated code implements [`PropertyValue`], which decodes exactly
//! those strings and encodes HubSpot's canonical form:
//!
//! | HubSpot type | Rust type | reads | writes |
//! |---|---|---|---|
//! | string, anything else | `String` | any text | the text |
//! | bool | `bool` | `"true"`, `"false"` | `"true"`, `"false"` |
//! | number | [`Decimal`](rust_decimal::Decimal) | `"4500.5"`, `"-3"`, `"1e3"` | `"4500.5"` (no exponent) |
//! | date | [`civil::Date`](jiff::civil::Date) | `"2024-05-01"`, midnight-UTC epoch ms | `"2024-05-01"` |
//! | datetime | [`Timestamp`](jiff::Timestamp) | ISO 8601 with `Z` or offset, epoch ms | `"2024-05-01T09:30:00.000Z"` |
//! | enumeration | `T: OptionEnum` | any text (unknown values kept) | the option value |
//! | enumeration (checkbox) | `Vec<T: OptionEnum>` | `;`-joined values | `;`-joined values |
//!
//! The empty string means "no value" ([`decode`] returns `None`). Generated structs'
//! `Serialize`/`Deserialize` impls call [`serialize_object`] and [`deserialize_object`];
//! option enums' impls call [`serialize_option`] and [`deserialize_option`].

use std::fmt;

mod number;
mod options;
mod raw;
mod serde_glue;
mod text;
mod time;

pub(crate) use raw::RawValue;
pub use serde_glue::{
    deserialize_object, deserialize_object_in_place, deserialize_option, serialize_object,
    serialize_option,
};

/// A Rust type that a HubSpot property value string decodes into and encodes from.
///
/// Implemented for every field type generated code uses (see the module docs). `decode`
/// never sees the empty string through [`decode`], which maps it to `None`.
pub trait PropertyValue: Sized {
    /// What the value should be, for error messages: HubSpot's property `type`
    /// (`"number"`, `"date"`, …).
    const KIND: &'static str;

    /// Parse HubSpot's string form.
    fn decode(raw: &str) -> Result<Self, ValueError>;

    /// HubSpot's canonical string form of this value.
    fn encode(&self) -> String;

    /// The same string as [`encode`](Self::encode), borrowed: from the value itself
    /// when it holds the text (`String`, an option), else written into `buffer`
    /// (overwritten). Writing a record through one buffer allocates no `String` per
    /// value. The default calls `encode`.
    fn encode_in<'a>(&'a self, buffer: &'a mut String) -> &'a str {
        *buffer = self.encode();
        buffer
    }
}

/// Decode one property value: `""` is `None` (HubSpot's "no value"), anything else must
/// parse as `T`.
///
/// ```
/// use hubspot_runtime::value::decode;
/// use hubspot_runtime::rust_decimal::Decimal;
///
/// assert_eq!(decode::<Decimal>("4500.5")?, Some(Decimal::new(45005, 1)));
/// assert_eq!(decode::<Decimal>("")?, None);
/// assert!(decode::<Decimal>("abc").is_err());
/// # Ok::<(), hubspot_runtime::value::ValueError>(())
/// ```
pub fn decode<T: PropertyValue>(raw: &str) -> Result<Option<T>, ValueError> {
    if raw.is_empty() {
        Ok(None)
    } else {
        T::decode(raw).map(Some)
    }
}

/// Encode one property value in HubSpot's canonical string form, borrowed from the value
/// or written into `buffer` (see [`PropertyValue::encode_in`]).
///
/// ```
/// use hubspot_runtime::value::encode_in;
/// use hubspot_runtime::rust_decimal::Decimal;
///
/// let mut buffer = String::new();
/// assert_eq!(encode_in(&Decimal::new(45005, 1), &mut buffer), "4500.5");
/// assert_eq!(encode_in(&"as is".to_owned(), &mut buffer), "as is");
/// ```
pub fn encode_in<'a, T: PropertyValue>(value: &'a T, buffer: &'a mut String) -> &'a str {
    value.encode_in(buffer)
}

/// Encode one property value in HubSpot's canonical string form.
///
/// ```
/// use hubspot_runtime::value::encode;
/// use hubspot_runtime::jiff::civil::date;
///
/// assert_eq!(encode(&date(2024, 2, 29)), "2024-02-29");
/// assert_eq!(encode(&true), "true");
/// ```
pub fn encode<T: PropertyValue>(value: &T) -> String {
    value.encode()
}

/// A record value that does not parse as its property's type.
///
/// `Display` says what was expected:
/// `invalid number value "abc": expected a decimal number such as "4500.5"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// What the value should have been (`"number"`, `"date"`, …).
    pub kind: &'static str,
    /// The value as HubSpot sent it.
    pub value: String,
    /// Why it did not parse: what was expected, or what was wrong.
    pub reason: String,
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} value {:?}: {}",
            self.kind,
            Snippet(&self.value),
            self.reason
        )
    }
}

impl std::error::Error for ValueError {}

impl ValueError {
    /// An error for a value of `T`'s kind.
    pub(crate) fn new<T: PropertyValue>(value: &str, reason: impl Into<String>) -> Self {
        ValueError {
            kind: T::KIND,
            value: value.to_owned(),
            reason: reason.into(),
        }
    }
}

/// Shows a value in an error message as a quoted string, cut after 100 characters so a
/// huge text property cannot flood a log line.
struct Snippet<'a>(&'a str);

impl fmt::Debug for Snippet<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX_CHARS: usize = 100;
        match self.0.char_indices().nth(MAX_CHARS) {
            None => write!(f, "{:?}", self.0),
            Some((cut, _)) => write!(f, "{:?}… ({} bytes)", &self.0[..cut], self.0.len()),
        }
    }
}

/// A string that names no property of an object: the `FromStr` error of generated
/// property enums (`"vinn".parse::<CarsProperty>()`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "no property named {name:?} (property names are HubSpot internal names such as \
     \"hs_object_id\"; if the property was added in HubSpot after the code was generated, \
     run `codegen fetch` and `codegen generate` again)"
)]
pub struct UnknownProperty {
    name: String,
}

impl UnknownProperty {
    /// The error for the string `name`.
    pub fn new(name: impl Into<String>) -> Self {
        UnknownProperty { name: name.into() }
    }

    /// The string that named no property.
    pub fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_error_display_says_what_was_expected() {
        let error = ValueError::new::<bool>("yes", "expected \"true\" or \"false\"");
        assert_eq!(
            error.to_string(),
            r#"invalid bool value "yes": expected "true" or "false""#
        );
    }

    #[test]
    fn value_error_display_cuts_huge_values() {
        let value = "é".repeat(150);
        let error = ValueError::new::<bool>(&value, "expected \"true\" or \"false\"");
        let shown = format!("{:?}… (300 bytes)", "é".repeat(100));
        assert_eq!(
            error.to_string(),
            format!("invalid bool value {shown}: expected \"true\" or \"false\"")
        );
        // The full value stays available to code.
        assert_eq!(error.value, value);
    }

    #[test]
    fn unknown_property_names_the_string() {
        let error = UnknownProperty::new("vinn");
        assert_eq!(error.name(), "vinn");
        assert!(
            error
                .to_string()
                .starts_with("no property named \"vinn\" (property names are")
        );
    }

    /// `encode_in` gives `encode`'s string whatever the buffer held before.
    fn encodes_the_same_in_a_buffer<T: PropertyValue>(value: &T, expected: &str) {
        let mut buffer = "stale text that is longer than any value".to_owned();
        assert_eq!(value.encode(), expected);
        assert_eq!(encode_in(value, &mut buffer), expected);
        assert_eq!(encode_in(value, &mut String::new()), expected);
    }

    #[test]
    fn encode_in_is_encode_for_every_kind() {
        use options::tests::Feature;

        encodes_the_same_in_a_buffer(&" a\nb ".to_owned(), " a\nb ");
        encodes_the_same_in_a_buffer(&true, "true");
        encodes_the_same_in_a_buffer(&false, "false");
        encodes_the_same_in_a_buffer(&rust_decimal::Decimal::new(450050, 2), "4500.50");
        encodes_the_same_in_a_buffer(&-rust_decimal::Decimal::ZERO, "0");
        encodes_the_same_in_a_buffer(&jiff::civil::date(2024, 2, 29), "2024-02-29");
        let timestamp: jiff::Timestamp = "2024-05-01T09:30:00.123456Z".parse().unwrap();
        encodes_the_same_in_a_buffer(&timestamp, "2024-05-01T09:30:00.123Z");
        encodes_the_same_in_a_buffer(&Feature::HeatedSeats, "heated_seats");
        encodes_the_same_in_a_buffer(&Feature::Unknown("Tow".to_owned()), "Tow");
        encodes_the_same_in_a_buffer(
            &vec![Feature::Sunroof, Feature::Unknown("x".to_owned())],
            "sunroof;x",
        );
        encodes_the_same_in_a_buffer(&Vec::<Feature>::new(), "");
    }

    #[test]
    fn empty_string_is_none_for_every_kind() {
        assert_eq!(decode::<String>(""), Ok(None));
        assert_eq!(decode::<bool>(""), Ok(None));
        assert_eq!(decode::<rust_decimal::Decimal>(""), Ok(None));
        assert_eq!(decode::<jiff::civil::Date>(""), Ok(None));
        assert_eq!(decode::<jiff::Timestamp>(""), Ok(None));
    }
}
