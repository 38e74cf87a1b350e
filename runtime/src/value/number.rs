//! Codec for HubSpot `number`: exact decimals ([`Decimal`]), never floats.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{PropertyValue, ValueError};

const EXPECTED: &str = r#"expected a decimal number such as "4500.5", "-3" or "1e3""#;

/// Reads plain decimal strings (`"4500.5"`, `"-3"`, `"+7"`, `".5"`) and scientific
/// notation (`"1e3"`, `"1.5E-3"`), which HubSpot can send for very large or small
/// numbers. Parsing is exact: a value that does not fit a 96-bit decimal with at most 28
/// fractional digits is an error, never silently rounded.
///
/// Writes [`Decimal`]'s `Display` form, which never uses an exponent and keeps the
/// value's scale (`4500.50` writes `"4500.50"`). Zero is written unsigned (`"0"`, never
/// `"-0"`).
impl PropertyValue for Decimal {
    const KIND: &'static str = "number";

    fn decode(raw: &str) -> Result<Self, ValueError> {
        let Some(scientific) = number_shape(raw) else {
            return Err(ValueError::new::<Decimal>(raw, EXPECTED));
        };
        let parsed = if scientific {
            Decimal::from_scientific(raw)
        } else {
            Decimal::from_str_exact(raw)
        };
        parsed.map_err(|_| {
            ValueError::new::<Decimal>(
                raw,
                "out of range: a number must fit a 96-bit decimal \
                 (at most 28 significant digits and 28 decimal places)",
            )
        })
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

/// Checks the grammar `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
/// (`rust_decimal` alone would also take `_` separators and other oddities), and says
/// whether the number has an exponent. `None` when `raw` is not a number.
fn number_shape(raw: &str) -> Option<bool> {
    let bytes = raw.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < bytes.len() && bytes[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let mut mantissa_digits = digits(&mut i);
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        mantissa_digits += digits(&mut i);
    }
    if mantissa_digits == 0 {
        return None;
    }
    let scientific = matches!(bytes.get(i), Some(b'e' | b'E'));
    if scientific {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    (i == bytes.len()).then_some(scientific)
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
        assert_eq!(encode(&Decimal::MAX), max);
        let precise = "0.1234567890123456789012345678";
        assert_eq!(
            encode(&decode::<Decimal>(precise).unwrap().unwrap()),
            precise
        );
        for too_big in [
            "79228162514264337593543950336",
            "0.12345678901234567890123456789",
            "1e29",
        ] {
            assert_eq!(
                decode::<Decimal>(too_big).unwrap_err().to_string(),
                format!(
                    "invalid number value {too_big:?}: out of range: a number must fit a \
                     96-bit decimal (at most 28 significant digits and 28 decimal places)"
                )
            );
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
