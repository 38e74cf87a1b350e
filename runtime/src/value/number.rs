//! Codec for HubSpot `number`: exact decimals ([`Decimal`]), never floats.
//!
//! HubSpot stores numbers as IEEE doubles and may print one in full: a real deal record
//! carries `"0.90000000000000002220446049250313080847263336181640625"` (53 significant
//! digits). Every such value decodes, to the nearest [`Decimal`]; see
//! [`Decimal`'s `PropertyValue` impl](#impl-PropertyValue-for-Decimal).

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{PropertyValue, ValueError};

const EXPECTED: &str = r#"expected a decimal number such as "4500.5", "-3" or "1e3""#;

const OUT_OF_RANGE: &str = "beyond the range of a 96-bit decimal (±7.9e28, \
    Decimal::MAX = 79228162514264337593543950335): no rust_decimal::Decimal can hold it; \
    read this property as a string instead";

/// The largest mantissa a [`Decimal`] holds: 2^96 − 1.
const MAX_MANTISSA: u128 = (1 << 96) - 1;

/// The most fractional digits a [`Decimal`] holds.
const MAX_SCALE: i64 = 28;

/// Reads plain decimal strings (`"4500.5"`, `"-3"`, `"+7"`, `".5"`, `"5."`) and
/// scientific notation (`"1e3"`, `"1.5E-3"`, `"4.2e-30"`), in every form HubSpot prints
/// a double.
///
/// A value that fits a [`Decimal`] (at most 28 fractional digits and a mantissa below
/// 2^96) is read exactly, scale included (`"4500.50"` keeps its two decimals). A value
/// with more digits than that — a double printed in full, such as
/// `"0.90000000000000002220446049250313080847263336181640625"`, or one smaller than
/// 10^-28 — reads as the nearest [`Decimal`], rounding half to even: with 28 fractional
/// digits when the value is below 7.9e0, with as many as fit the 96-bit mantissa above
/// that (`0.9000000000000000222044604925`). A value that rounds to nothing reads as `0`.
/// Only a magnitude beyond [`Decimal::MAX`] (about 7.9e28) is an error, and says so.
///
/// Writes [`Decimal`]'s `Display` form, which never uses an exponent and keeps the
/// value's scale (`4500.50` writes `"4500.50"`). Zero is written unsigned (`"0"`, never
/// `"-0"`).
impl PropertyValue for Decimal {
    const KIND: &'static str = "number";

    fn decode(raw: &str) -> Result<Self, ValueError> {
        if let Some(value) = short_plain(raw) {
            return Ok(value);
        }
        let Some(number) = Number::parse(raw) else {
            return Err(ValueError::new::<Decimal>(raw, EXPECTED));
        };
        number
            .to_decimal()
            .ok_or_else(|| ValueError::new::<Decimal>(raw, OUT_OF_RANGE))
    }

    fn encode(&self) -> String {
        let mut buffer = String::new();
        self.encode_in(&mut buffer);
        buffer
    }

    fn encode_in<'a>(&'a self, buffer: &'a mut String) -> &'a str {
        let mut value = *self;
        if value.is_zero() {
            value.set_sign_positive(true);
        }
        buffer.clear();
        // Writing to a `String` cannot fail.
        let _ = write!(buffer, "{value}");
        buffer
    }
}

/// The fast path, one pass for what nearly every record holds: a plain decimal
/// (`[+-]? digits [. digits?] | [+-]? . digits`) of at most 19 characters after the
/// sign, whose digits fit a `u64`. `None` sends anything else to [`Number`].
#[inline]
fn short_plain(raw: &str) -> Option<Decimal> {
    let bytes = raw.as_bytes();
    let (negative, digits) = match bytes.first()? {
        b'-' => (true, &bytes[1..]),
        b'+' => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    if digits.len() > 19 {
        return None;
    }
    let mut value: u64 = 0;
    let mut point = None;
    for (i, &byte) in digits.iter().enumerate() {
        match byte {
            b'0'..=b'9' => value = value * 10 + u64::from(byte - b'0'),
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    let scale = match point {
        // `.` alone, or `-.`: not a number; the full parser says so.
        Some(_) if digits.len() == 1 => return None,
        Some(at) => digits.len() - at - 1,
        None if digits.is_empty() => return None,
        None => 0,
    };
    Some(Decimal::from_parts(
        value as u32,
        (value >> 32) as u32,
        0,
        negative && value != 0,
        scale as u32,
    ))
}

/// A number that matched the grammar
/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
/// (`rust_decimal`'s own parsers would also take `_` separators and other oddities):
/// value = (−1)^negative × `digits` as an integer × 10^−`scale`.
#[derive(Debug, PartialEq)]
struct Number<'a> {
    negative: bool,
    /// The significant digits: integer then fractional digits, leading zeros removed
    /// (empty for zero). Stored as the two slices of the input they come from.
    high: &'a [u8],
    low: &'a [u8],
    /// Fractional digits minus the exponent; saturates far beyond any [`Decimal`].
    scale: i64,
}

impl<'a> Number<'a> {
    fn parse(raw: &'a str) -> Option<Number<'a>> {
        let bytes = raw.as_bytes();
        let mut i = 0;
        let digits = |i: &mut usize| {
            let start = *i;
            while *i < bytes.len() && bytes[*i].is_ascii_digit() {
                *i += 1;
            }
            &bytes[start..*i]
        };
        let negative = match bytes.first() {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let integer = digits(&mut i);
        let mut fraction: &[u8] = &[];
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            fraction = digits(&mut i);
        }
        if integer.is_empty() && fraction.is_empty() {
            return None;
        }
        let mut exponent: i64 = 0;
        if matches!(bytes.get(i), Some(b'e' | b'E')) {
            i += 1;
            let exponent_negative = match bytes.get(i) {
                Some(b'-') => {
                    i += 1;
                    true
                }
                Some(b'+') => {
                    i += 1;
                    false
                }
                _ => false,
            };
            let exponent_digits = digits(&mut i);
            if exponent_digits.is_empty() {
                return None;
            }
            // Saturate far beyond anything a `Decimal` could hold, so no input overflows.
            for digit in exponent_digits {
                exponent = (exponent * 10 + i64::from(digit - b'0')).min(1 << 40);
            }
            if exponent_negative {
                exponent = -exponent;
            }
        }
        if i != bytes.len() {
            return None;
        }
        let integer = strip_leading_zeros(integer);
        let (high, low) = if integer.is_empty() {
            (strip_leading_zeros(fraction), &[][..])
        } else {
            (integer, fraction)
        };
        let fraction_len = i64::try_from(fraction.len()).unwrap_or(i64::MAX);
        Some(Number {
            negative,
            high,
            low,
            scale: fraction_len.saturating_sub(exponent),
        })
    }

    fn len(&self) -> usize {
        self.high.len() + self.low.len()
    }

    /// The `index`th significant digit (0 = most significant).
    fn digit(&self, index: usize) -> u8 {
        let byte = match self.high.get(index) {
            Some(byte) => *byte,
            None => self.low[index - self.high.len()],
        };
        byte - b'0'
    }

    /// The first `count` significant digits as an integer (`count` ≤ 38).
    fn leading(&self, count: usize) -> u128 {
        let high = &self.high[..count.min(self.high.len())];
        let low = &self.low[..count - high.len()];
        // Up to 19 digits (nearly every value) fit a u64, whose arithmetic is cheaper.
        if count <= 19 {
            let fold = |value: u64, byte: &u8| value * 10 + u64::from(byte - b'0');
            let value = low.iter().fold(high.iter().fold(0, fold), fold);
            return u128::from(value);
        }
        let fold = |value: u128, byte: &u8| value * 10 + u128::from(byte - b'0');
        low.iter().fold(high.iter().fold(0, fold), fold)
    }

    /// The nearest `Decimal` (half to even), exact when it fits; `None` beyond its range.
    fn to_decimal(&self) -> Option<Decimal> {
        let n = self.len();
        // Callers pass a mantissa of at most 96 bits and a scale of 0..=28.
        let signed = |mantissa: u128, scale: i64| {
            debug_assert!(mantissa <= MAX_MANTISSA && (0..=MAX_SCALE).contains(&scale));
            Some(Decimal::from_parts(
                mantissa as u32,
                (mantissa >> 32) as u32,
                (mantissa >> 64) as u32,
                self.negative && mantissa != 0,
                scale as u32,
            ))
        };
        if n == 0 {
            // Zero keeps its scale (`0.00`), up to what a `Decimal` holds.
            return signed(0, self.scale.clamp(0, MAX_SCALE));
        }
        // Fast path, every plain decimal of up to 28 digits: exact.
        if n <= 28 && (0..=MAX_SCALE).contains(&self.scale) {
            return signed(self.leading(n), self.scale);
        }
        let n_i64 = i64::try_from(n).unwrap_or(i64::MAX);
        if self.scale < 0 {
            // An integer with -scale trailing zeros: exact, or out of range.
            let zeros = self.scale.unsigned_abs();
            if n_i64.saturating_add_unsigned(zeros) > 29 {
                return None;
            }
            let mantissa = self.leading(n) * 10u128.pow(zeros as u32);
            return (mantissa <= MAX_MANTISSA).then(|| signed(mantissa, 0))?;
        }
        // Too many digits: keep as many fractional digits as fit (at most 28, and at
        // most 29 significant digits in all), fewer when the mantissa overflows.
        let integer_digits = n_i64 - self.scale;
        let mut target = MAX_SCALE.min(self.scale).min(29 - integer_digits);
        while target >= 0 {
            let dropped = self.scale - target;
            if let Some(mantissa) = self.round(dropped) {
                if mantissa == 0 {
                    // Rounded to nothing: a plain zero, not 0.0000000000000000000000000000.
                    return signed(0, 0);
                }
                return signed(mantissa, target);
            }
            target -= 1;
        }
        None
    }

    /// The digits without the last `dropped` (≥ 0) ones, rounded half to even; `None`
    /// when that does not fit 96 bits.
    fn round(&self, dropped: i64) -> Option<u128> {
        let n = self.len();
        let kept = i64::try_from(n).unwrap_or(i64::MAX) - dropped;
        if kept < 0 {
            // Below a tenth of the last kept place: rounds to zero.
            return Some(0);
        }
        let kept = kept as usize;
        if kept > 29 {
            return None;
        }
        let mut mantissa = self.leading(kept);
        if kept < n {
            let first = self.digit(kept);
            let rest_nonzero = (kept + 1..n).any(|i| self.digit(i) != 0);
            let up = first > 5 || (first == 5 && (rest_nonzero || mantissa % 2 == 1));
            if up {
                mantissa += 1;
            }
        }
        (mantissa <= MAX_MANTISSA).then_some(mantissa)
    }
}

fn strip_leading_zeros(digits: &[u8]) -> &[u8] {
    let start = digits
        .iter()
        .position(|&d| d != b'0')
        .unwrap_or(digits.len());
    &digits[start..]
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;

    use super::super::{decode, encode};

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn reads_plain_decimals() {
        assert_eq!(decode("4500.5"), Ok(Some(dec("4500.5"))));
        assert_eq!(decode("2003"), Ok(Some(dec("2003"))));
        assert_eq!(decode("-3"), Ok(Some(dec("-3"))));
        assert_eq!(decode("+7"), Ok(Some(dec("7"))));
        assert_eq!(decode(".5"), Ok(Some(dec("0.5"))));
        assert_eq!(decode("5."), Ok(Some(dec("5"))));
        assert_eq!(decode("0.000001"), Ok(Some(Decimal::new(1, 6))));
    }

    #[test]
    fn reads_scientific_notation() {
        assert_eq!(decode("1e3"), Ok(Some(dec("1000"))));
        assert_eq!(decode("1.5E-3"), Ok(Some(dec("0.0015"))));
        assert_eq!(decode("2.5e+2"), Ok(Some(dec("250"))));
    }

    #[test]
    fn big_decimals_are_exact_up_to_the_limit() {
        let max = "79228162514264337593543950335";
        assert_eq!(decode::<Decimal>(max), Ok(Some(Decimal::MAX)));
        assert_eq!(
            decode::<Decimal>(&format!("-{max}")),
            Ok(Some(Decimal::MIN))
        );
        assert_eq!(encode(&Decimal::MAX), max);
        let precise = "0.1234567890123456789012345678";
        assert_eq!(
            encode(&decode::<Decimal>(precise).unwrap().unwrap()),
            precise
        );
    }

    fn read(raw: &str) -> String {
        encode(&decode::<Decimal>(raw).unwrap().unwrap())
    }

    #[test]
    fn a_double_printed_in_full_reads_as_the_nearest_decimal() {
        // A real deal's `hs_deal_stage_probability`: 0.9 as a double, every digit.
        assert_eq!(
            read("0.90000000000000002220446049250313080847263336181640625"),
            "0.9000000000000000222044604925"
        );
        // 0.1 and 0.3 as doubles, in full.
        assert_eq!(
            read("0.1000000000000000055511151231257827021181583404541015625"),
            "0.1000000000000000055511151231"
        );
        assert_eq!(
            read("0.299999999999999988897769753748434595763683319091796875"),
            "0.2999999999999999888977697537"
        );
        // 17-digit shortest forms fit exactly.
        assert_eq!(read("0.30000000000000004"), "0.30000000000000004");
        assert_eq!(read("1.7976931348623157e15"), "1797693134862315.7");
        assert_eq!(
            read("-2.2250738585072014e-8"),
            "-0.000000022250738585072014"
        );
        // Above 7.9 a 28-digit fraction does not fit 96 bits: as many digits as do.
        assert_eq!(
            read("12345678901234567890.123456789012345678"),
            "12345678901234567890.123456789"
        );
        assert_eq!(
            read("79228162514264337593543950334.6"),
            "79228162514264337593543950335"
        );
    }

    #[test]
    fn rounding_is_half_to_even_on_every_dropped_digit() {
        let tiny = |last: &str| format!("0.{}{last}", "0".repeat(27));
        // 28 fractional digits stay; the 29th and beyond decide.
        assert_eq!(read(&tiny("15")), tiny("2"));
        assert_eq!(read(&tiny("25")), tiny("2"));
        assert_eq!(read(&tiny("250000000001")), tiny("3"));
        assert_eq!(read(&tiny("35")), tiny("4"));
        assert_eq!(read(&tiny("149999")), tiny("1"));
        assert_eq!(read(&format!("-{}", tiny("25"))), format!("-{}", tiny("2")));
        // A carry that runs through every digit.
        assert_eq!(
            read("0.99999999999999999999999999995"),
            "1.0000000000000000000000000000"
        );
        // At the very top, rounding up past Decimal::MAX is out of range.
        assert!(decode::<Decimal>("79228162514264337593543950335.5").is_err());
        assert_eq!(
            read("79228162514264337593543950335.49999"),
            "79228162514264337593543950335"
        );
    }

    #[test]
    fn exponent_forms_in_every_spelling() {
        assert_eq!(read("1e-7"), "0.0000001");
        assert_eq!(read("1.5E+10"), "15000000000");
        assert_eq!(read("+1.5e10"), "15000000000");
        assert_eq!(read("-.5e1"), "-5");
        assert_eq!(read("5.e-1"), "0.5");
        assert_eq!(read("1e28"), "10000000000000000000000000000");
        assert_eq!(read("7.9e28"), "79000000000000000000000000000");
        assert_eq!(read("1e-28"), "0.0000000000000000000000000001");
        // Smaller than half of 10^-28: nothing is left, and zero is plain.
        assert_eq!(read("4.2e-30"), "0");
        assert_eq!(read("-4.2e-30"), "0");
        assert_eq!(read("1e-400"), "0");
        assert_eq!(read("5e-324"), "0");
        assert_eq!(read("2.2250738585072014e-308"), "0");
        assert_eq!(read("6e-29"), "0.0000000000000000000000000001");
        assert_eq!(read("4.2e-27"), "0.0000000000000000000000000042");
        // Exponents far past anything a decimal holds do not overflow.
        assert_eq!(read("1e-99999999999999999999999"), "0");
        assert_eq!(read("0e99999999999999999999999"), "0");
    }

    #[test]
    fn only_magnitudes_beyond_the_range_are_errors_and_say_so() {
        for too_big in [
            "79228162514264337593543950336",
            "-79228162514264337593543950336",
            "1e29",
            "7.93e28",
            "1.7976931348623157e308",
            "-1.7976931348623157e+308",
            "1e99999999999999999999999",
            "123456789012345678901234567890.5",
        ] {
            assert_eq!(
                decode::<Decimal>(too_big).unwrap_err().to_string(),
                format!(
                    "invalid number value {too_big:?}: beyond the range of a 96-bit decimal \
                     (±7.9e28, Decimal::MAX = 79228162514264337593543950335): no \
                     rust_decimal::Decimal can hold it; read this property as a string instead"
                )
            );
        }
    }

    #[test]
    fn zero_in_every_form_is_zero() {
        for zero in [
            "0", "-0", "+0", "0.0", "-0.0e5", "0e-400", ".0", "0.", "000",
        ] {
            assert_eq!(decode::<Decimal>(zero), Ok(Some(Decimal::ZERO)), "{zero}");
        }
        // Zero keeps its scale up to 28 places.
        assert_eq!(
            read(&format!("0.{}", "0".repeat(40))),
            format!("0.{}", "0".repeat(28))
        );
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_full_parser(
            raw in "[+-]?[0-9]{0,14}(\\.[0-9]{0,8})?",
        ) {
            let full = super::Number::parse(&raw).map(|n| n.to_decimal().unwrap());
            match super::short_plain(&raw) {
                Some(fast) => {
                    let full = full.unwrap();
                    proptest::prop_assert_eq!(fast, full);
                    // Same scale and sign, so the same written form.
                    proptest::prop_assert_eq!(encode(&fast), encode(&full));
                    proptest::prop_assert_eq!(fast.is_sign_negative(), full.is_sign_negative());
                }
                // Left to the full parser: too long for the fast path, or not a number.
                None => proptest::prop_assert!(raw.trim_start_matches(['+', '-']).len() > 19 || full.is_none()),
            }
        }
    }

    #[test]
    fn rejects_non_numbers_with_what_was_expected() {
        for bad in [
            "abc", "1_000", "1,5", "--1", "1e", "e3", ".", "-", "1.2.3", " 1", "NaN", "0x10",
        ] {
            let error = decode::<Decimal>(bad).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!(
                    r#"invalid number value {bad:?}: expected a decimal number such as "4500.5", "-3" or "1e3""#
                )
            );
        }
    }

    #[test]
    fn negative_zero_reads_as_zero_and_writes_unsigned() {
        let zero = decode::<Decimal>("-0").unwrap().unwrap();
        assert_eq!(zero, Decimal::ZERO);
        assert_eq!(encode(&zero), "0");
        assert_eq!(
            encode(&decode::<Decimal>("-0.00").unwrap().unwrap()),
            "0.00"
        );
    }

    #[test]
    fn writes_plain_decimals_keeping_scale() {
        assert_eq!(encode(&dec("4500.5")), "4500.5");
        assert_eq!(encode(&dec("4500.50")), "4500.50");
        assert_eq!(encode(&dec("-3")), "-3");
        assert_eq!(encode(&decode::<Decimal>("1e3").unwrap().unwrap()), "1000");
        assert_eq!(
            encode(&Decimal::new(1, 28)),
            "0.0000000000000000000000000001"
        );
    }
}
