//! Property value codecs, by property: every encoded value decodes back to itself, and
//! no input string makes any decoder panic.

use hubspot_runtime::OptionEnum;
use hubspot_runtime::jiff::Timestamp;
use hubspot_runtime::jiff::civil::Date;
use hubspot_runtime::jiff::tz::TimeZone;
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::value::{PropertyValue, ValueError, decode, encode};
use proptest::prelude::*;

/// An option enum in the shape generated code has.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Flavor {
    Chocolate,
    Strawberry,
    Unknown(String),
}

impl OptionEnum for Flavor {
    const ALL: &'static [Self] = &[Flavor::Chocolate, Flavor::Strawberry];

    fn from_value(value: &str) -> Self {
        match value {
            "chocolate" => Flavor::Chocolate,
            "strawberry" => Flavor::Strawberry,
            other => Flavor::Unknown(other.to_owned()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Flavor::Chocolate => "chocolate",
            Flavor::Strawberry => "strawberry",
            Flavor::Unknown(value) => value,
        }
    }

    fn label(&self) -> Option<&'static str> {
        match self {
            Flavor::Chocolate => Some("Chocolate"),
            Flavor::Strawberry => Some("Strawberry"),
            Flavor::Unknown(_) => None,
        }
    }
}

fn decimals() -> impl Strategy<Value = Decimal> {
    (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        any::<bool>(),
        0u32..=28,
    )
        .prop_map(|(lo, mid, hi, negative, scale)| {
            Decimal::from_parts(lo, mid, hi, negative, scale)
        })
}

fn dates() -> impl Strategy<Value = Date> {
    (-9999i16..=9999, 1i8..=12, 1i8..=31).prop_filter_map("no such day", |(year, month, day)| {
        Date::new(year, month, day).ok()
    })
}

fn timestamps_ms() -> impl Strategy<Value = Timestamp> {
    (Timestamp::MIN.as_millisecond()..=Timestamp::MAX.as_millisecond())
        .prop_map(|ms| Timestamp::from_millisecond(ms).unwrap())
}

fn flavors() -> impl Strategy<Value = Flavor> {
    prop_oneof![
        Just(Flavor::Chocolate),
        Just(Flavor::Strawberry),
        // Any value without `;` (the separator) can be an option value.
        "[^;]{1,12}".prop_map(|value| Flavor::from_value(&value)),
    ]
}

/// Strings near the shapes the decoders look for, where their edge cases hide.
fn tricky_strings() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "-?[0-9]{0,25}",
        "[+-]?[0-9]{0,30}(\\.[0-9]{0,30})?([eE][+-]?[0-9]{0,12})?",
        "[0-9eE.+_-]{0,16}",
        "[+-]?[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}(:[0-9]{1,2}(:[0-9]{1,2}(\\.[0-9]{0,12})?)?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?(\\[[A-Za-z/_]{0,20}\\])?",
        "[;a-z ]{0,12}",
    ]
}

/// Decoding `raw` either succeeds or fails with an error about `raw` of `T`'s kind.
fn check_decoder<T: PropertyValue + std::fmt::Debug>(raw: &str) -> Result<(), TestCaseError> {
    match decode::<T>(raw) {
        Ok(None) => prop_assert!(raw.is_empty()),
        Ok(Some(_)) => prop_assert!(!raw.is_empty()),
        Err(ValueError {
            kind,
            value,
            reason,
        }) => {
            prop_assert_eq!(kind, T::KIND);
            prop_assert_eq!(value, raw);
            prop_assert!(!reason.is_empty());
        }
    }
    Ok(())
}

/// The nearest `Decimal` to a double's shortest decimal form, worked out the plain way:
/// from `{:e}`'s digits `D` and exponent, value = D × 10^k; exact when it fits, else D
/// is divided down to 28 fractional digits with half-to-even rounding. `None` beyond
/// `Decimal`'s range.
fn nearest_decimal(value: f64) -> Option<Decimal> {
    let scientific = format!("{:e}", value.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap();
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let d: u128 = digits.parse().unwrap();
    let k = exponent.parse::<i64>().unwrap() - (digits.len() as i64 - 1);
    let magnitude = if d == 0 {
        Decimal::ZERO
    } else if k >= 0 {
        let integer = 10u128
            .checked_pow(k as u32)
            .and_then(|p| p.checked_mul(d))?;
        if integer >= 1 << 96 {
            return None;
        }
        Decimal::from_i128_with_scale(integer as i128, 0)
    } else if -k <= 28 {
        Decimal::from_i128_with_scale(d as i128, (-k) as u32)
    } else {
        let dropped = -k - 28;
        if dropped > 38 {
            Decimal::ZERO
        } else {
            let unit = 10u128.pow(dropped as u32);
            let (q, r) = (d / unit, d % unit);
            let up = r > unit / 2 || (r == unit / 2 && q % 2 == 1);
            Decimal::from_i128_with_scale((q + u128::from(up)) as i128, 28)
        }
    };
    Some(if value.is_sign_negative() {
        -magnitude
    } else {
        magnitude
    })
}

/// Doubles everywhere, and many near the range edges and the 28th decimal place.
fn doubles() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        (any::<i64>(), -45i32..=35).prop_map(|(m, e)| m as f64 * 10f64.powi(e)),
        (-1.0f64..1.0),
    ]
}

proptest! {
    #[test]
    fn decimal_round_trips(value in decimals()) {
        let text = encode(&value);
        prop_assert!(!text.contains(['e', 'E']), "{}", text);
        prop_assert_eq!(decode::<Decimal>(&text), Ok(Some(value)));
        // The written form is stable, scale included.
        prop_assert_eq!(encode(&decode::<Decimal>(&text).unwrap().unwrap()), text);
    }

    #[test]
    fn every_double_in_range_decodes_to_the_nearest_decimal(value in doubles()) {
        let expected = nearest_decimal(value);
        for text in [format!("{value}"), format!("{value:e}"), format!("{value:?}"), format!("{value:E}")] {
            match (decode::<Decimal>(&text), expected) {
                (Ok(Some(decoded)), Some(expected)) => prop_assert_eq!(decoded, expected, "{}", text),
                (Err(error), None) => prop_assert!(
                    error.reason.starts_with("beyond the range of a 96-bit decimal"),
                    "{}", error
                ),
                (got, expected) => prop_assert!(false, "{} decoded as {:?}, expected {:?}", text, got, expected),
            }
        }
    }

    #[test]
    fn digits_past_the_28th_place_round_half_to_even(
        mantissa in 0u128..10u128.pow(28),
        tail in "[0-9]{1,40}",
        negative in any::<bool>(),
    ) {
        let sign = if negative { "-" } else { "" };
        let digits = format!("{mantissa:028}{tail}");
        let plain = format!("{sign}0.{digits}");
        let first = tail.as_bytes()[0] - b'0';
        let rest_nonzero = tail.bytes().skip(1).any(|b| b != b'0');
        let up = first > 5 || (first == 5 && (rest_nonzero || mantissa % 2 == 1));
        let rounded = (mantissa + u128::from(up)) as i128;
        let expected = Decimal::from_i128_with_scale(if negative { -rounded } else { rounded }, 28);
        prop_assert_eq!(decode::<Decimal>(&plain), Ok(Some(expected)), "{}", plain);
        // The same value in exponent form, with the point moved to the end.
        let scientific = format!("{sign}{digits}e-{}", digits.len());
        prop_assert_eq!(decode::<Decimal>(&scientific), Ok(Some(expected)), "{}", scientific);
    }

    #[test]
    fn date_round_trips_in_both_encodings(value in dates()) {
        prop_assert_eq!(decode::<Date>(&encode(&value)), Ok(Some(value)));
        // Midnight UTC, as epoch milliseconds. Dates whose midnight is outside the
        // timestamp range (year -9999's first day) have no epoch form.
        if let Ok(midnight) = value.to_zoned_datetime(TimeZone::UTC) {
            let millis = midnight.timestamp().as_millisecond().to_string();
            prop_assert_eq!(decode::<Date>(&millis), Ok(Some(value)));
        }
    }

    #[test]
    fn timestamp_round_trips_at_millisecond_precision(value in timestamps_ms()) {
        let text = encode(&value);
        prop_assert!(text.ends_with('Z'), "{}", text);
        prop_assert_eq!(text.rsplit_once('.').map(|(_, fraction)| fraction.len()), Some(4), "{}", text);
        prop_assert_eq!(decode::<Timestamp>(&text), Ok(Some(value)));
        prop_assert_eq!(decode::<Timestamp>(&value.as_millisecond().to_string()), Ok(Some(value)));
    }

    #[test]
    fn bool_round_trips(value in any::<bool>()) {
        prop_assert_eq!(decode::<bool>(&encode(&value)), Ok(Some(value)));
    }

    #[test]
    fn multi_select_round_trips(values in proptest::collection::vec(flavors(), 0..6)) {
        let text = encode(&values);
        let expected = if values.is_empty() { None } else { Some(values.clone()) };
        prop_assert_eq!(decode::<Vec<Flavor>>(&text), Ok(expected));
    }

    #[test]
    fn option_round_trips(value in flavors()) {
        prop_assert_eq!(decode::<Flavor>(&encode(&value)), Ok(Some(value)));
    }

    #[test]
    fn no_decoder_panics(raw in tricky_strings()) {
        check_decoder::<String>(&raw)?;
        check_decoder::<bool>(&raw)?;
        check_decoder::<Decimal>(&raw)?;
        check_decoder::<Date>(&raw)?;
        check_decoder::<Timestamp>(&raw)?;
        check_decoder::<Flavor>(&raw)?;
        check_decoder::<Vec<Flavor>>(&raw)?;
    }
}

#[test]
fn kinds_name_hubspot_types() {
    assert_eq!(<String as PropertyValue>::KIND, "string");
    assert_eq!(<bool as PropertyValue>::KIND, "bool");
    assert_eq!(<Decimal as PropertyValue>::KIND, "number");
    assert_eq!(<Date as PropertyValue>::KIND, "date");
    assert_eq!(<Timestamp as PropertyValue>::KIND, "datetime");
    assert_eq!(<Flavor as PropertyValue>::KIND, "enumeration");
    assert_eq!(
        <Vec<Flavor> as PropertyValue>::KIND,
        "multi-select enumeration"
    );
}

#[test]
fn hubspot_spec_example_values() {
    // The values of HubSpot's own `SimplePublicObject` example.
    assert_eq!(decode::<bool>("false"), Ok(Some(false)));
    assert_eq!(
        decode::<Date>("1572480000000"),
        Ok(Some(hubspot_runtime::jiff::civil::date(2019, 10, 31)))
    );
    assert_eq!(
        decode::<Vec<Flavor>>("chocolate;strawberry"),
        Ok(Some(vec![Flavor::Chocolate, Flavor::Strawberry]))
    );
    assert_eq!(decode::<Decimal>("17"), Ok(Some(Decimal::from(17))));
    assert_eq!(decode::<String>("value"), Ok(Some("value".to_owned())));
}

#[test]
fn leap_day_error_is_exact() {
    assert_eq!(
        decode::<Date>("2023-02-29").unwrap_err().to_string(),
        "invalid date value \"2023-02-29\": expected a date \"YYYY-MM-DD\" or midnight-UTC epoch \
         milliseconds such as \"1714694400000\" (parsed date is not valid: parameter 'day' for \
         `2023-02` is invalid, must be in range `1..=28`)"
    );
}
