//! Value codecs: `decode` takes any string without panicking, a decoded value encodes
//! to a string that decodes to it again, and `decode(encode(x)) == x` for every value
//! `x` HubSpot can hold.

use arbitrary::{Arbitrary, Unstructured};
use hubspot_runtime::OptionEnum;
use hubspot_runtime::jiff::Timestamp;
use hubspot_runtime::jiff::civil::Date;
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::value::{PropertyValue, decode, encode};

/// An option enum in the shape generated code has.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Feature {
    Sunroof,
    HeatedSeats,
    Unknown(String),
}

impl OptionEnum for Feature {
    const ALL: &'static [Self] = &[Feature::Sunroof, Feature::HeatedSeats];

    fn from_value(value: &str) -> Self {
        match value {
            "sunroof" => Feature::Sunroof,
            "heated_seats" => Feature::HeatedSeats,
            other => Feature::Unknown(other.to_owned()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Feature::Sunroof => "sunroof",
            Feature::HeatedSeats => "heated_seats",
            Feature::Unknown(value) => value,
        }
    }

    fn label(&self) -> Option<&'static str> {
        None
    }
}

pub fn codecs(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(text) = <&str>::arbitrary(&mut u) else {
        return;
    };
    any_text::<String>(text);
    any_text::<bool>(text);
    any_text::<Decimal>(text);
    any_text::<Date>(text);
    any_text::<Timestamp>(text);
    any_text::<Feature>(text);
    any_text::<Vec<Feature>>(text);
    let _ = valid_values(&mut u);
}

/// Decoding `raw` never panics; an error's message renders; a value re-encodes to a
/// string that decodes to the same value (for timestamps: to the millisecond, HubSpot's
/// precision).
fn any_text<T: PropertyValue + PartialEq + std::fmt::Debug + Clone>(raw: &str) {
    match decode::<T>(raw) {
        Err(error) => {
            let message = error.to_string();
            assert!(!message.contains('\n'), "multi-line error: {message}");
            assert_eq!(error.value, raw);
        }
        Ok(None) => assert!(raw.is_empty()),
        Ok(Some(value)) => {
            let encoded = encode(&value);
            let again = decode::<T>(&encoded)
                .unwrap_or_else(|e| panic!("{raw:?} → {value:?} → {encoded:?} fails: {e}"));
            if T::KIND == "datetime" {
                // Encoding keeps milliseconds; compare the canonical forms.
                let again = again.expect("a timestamp encodes non-empty");
                assert_eq!(encode(&again), encoded, "{raw:?}");
            } else if T::KIND == "multi-select enumeration" && encoded.is_empty() {
                // `";"` is an empty selection, which encodes as "no value".
                assert_eq!(again, None, "{raw:?}");
            } else {
                assert_eq!(again, Some(value), "{raw:?} → {encoded:?}");
            }
        }
    }
}

/// `decode(encode(x)) == Some(x)` for values built from the input.
fn valid_values(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    // A 96-bit mantissa and a scale of at most 28: every `Decimal`.
    let mantissa = i128::arbitrary(u)? % (1i128 << 96);
    let scale = u.int_in_range(0..=28)?;
    round_trip(Decimal::from_i128_with_scale(mantissa, scale));

    // Every double within `Decimal`'s range decodes in each form Rust (and HubSpot)
    // prints it, all to the same value; beyond the range it is the one number error.
    let double = f64::from_bits(u64::arbitrary(u)?);
    if double.is_finite() {
        let forms = [
            format!("{double}"),
            format!("{double:e}"),
            format!("{double:?}"),
        ];
        let decoded: Vec<_> = forms.iter().map(|form| decode::<Decimal>(form)).collect();
        if double.abs() < 7.9e28 {
            for (form, value) in forms.iter().zip(&decoded) {
                let value = value
                    .as_ref()
                    .unwrap_or_else(|e| panic!("{form:?} fails: {e}"));
                assert_eq!(value, decoded[0].as_ref().unwrap(), "{form:?}");
            }
        } else if double.abs() > 8e28 {
            for (form, value) in forms.iter().zip(&decoded) {
                let error = value.as_ref().expect_err(form);
                assert!(
                    error.reason.starts_with("beyond the range"),
                    "{form:?}: {error}"
                );
            }
        }
    }

    let year = u.int_in_range(-9999..=9999i16)?;
    let month = u.int_in_range(1..=12i8)?;
    let day = u.int_in_range(1..=31i8)?;
    if let Ok(date) = Date::new(year, month, day) {
        round_trip(date);
    }

    // Millisecond timestamps over jiff's whole range (HubSpot stores milliseconds;
    // finer precision is truncated on write, by design).
    let second = u.int_in_range(Timestamp::MIN.as_second()..=Timestamp::MAX.as_second())?;
    let millis = u.int_in_range(0..=999i32)?;
    if let Ok(timestamp) = Timestamp::new(second, millis * 1_000_000) {
        round_trip(timestamp);
    }

    round_trip(bool::arbitrary(u)?);
    let text = String::arbitrary(u)?;
    if !text.is_empty() {
        round_trip(text.clone());
        round_trip(Feature::from_value(&text));
    }
    // A multi-select of non-empty values without `;` (which cannot travel in HubSpot's
    // `;`-joined form); an empty selection is "no value".
    let values: Vec<String> = Vec::arbitrary(u)?;
    let selection: Vec<Feature> = values
        .iter()
        .filter(|v| !v.is_empty() && !v.contains(';'))
        .map(|v| Feature::from_value(v))
        .collect();
    if !selection.is_empty() {
        round_trip(selection);
    }
    Ok(())
}

fn round_trip<T: PropertyValue + PartialEq + std::fmt::Debug>(value: T) {
    let encoded = encode(&value);
    match decode::<T>(&encoded) {
        Ok(Some(decoded)) => assert_eq!(decoded, value, "via {encoded:?}"),
        other => panic!("{value:?} encodes as {encoded:?}, which decodes as {other:?}"),
    }
}
