//! Codecs for HubSpot `date` ([`Date`]) and `datetime` ([`Timestamp`]).
//!
//! HubSpot sends both in two encodings: ISO 8601 text and Unix epoch milliseconds
//! (`"1714694400000"`). A date is a calendar day; in epoch form HubSpot sends midnight
//! UTC of that day, so any other instant is reported instead of being truncated into a
//! possibly wrong day.

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::fmt::temporal::DateTimeParser;
use jiff::tz::Offset;

use super::{PropertyValue, ValueError};

const SECONDS_PER_DAY: i64 = 86_400;

static PARSER: DateTimeParser = DateTimeParser::new();

/// Reads `"2024-05-01"`, midnight-UTC epoch milliseconds (`"1714694400000"`, negative
/// before 1970), and an ISO 8601 timestamp at midnight UTC
/// (`"2024-05-01T00:00:00.000Z"`, which HubSpot accepts for dates on write). Writes
/// `"2024-05-01"`.
impl PropertyValue for Date {
    const KIND: &'static str = "date";

    fn decode(raw: &str) -> Result<Self, ValueError> {
        const EXPECTED: &str = r#"expected a date "YYYY-MM-DD" or midnight-UTC epoch milliseconds such as "1714694400000""#;
        if is_integer(raw) {
            let timestamp = epoch_millis::<Date>(raw)?;
            return midnight_utc_date(raw, timestamp);
        }
        if raw.contains(['T', 't', ' ']) {
            // A full timestamp: only midnight UTC names a day unambiguously.
            let timestamp = PARSER.parse_timestamp(raw).map_err(|error| {
                ValueError::new::<Date>(raw, format!("{EXPECTED} ({})", first_line(&error)))
            })?;
            return midnight_utc_date(raw, timestamp);
        }
        PARSER.parse_date(raw).map_err(|error| {
            ValueError::new::<Date>(raw, format!("{EXPECTED} ({})", first_line(&error)))
        })
    }

    fn encode(&self) -> String {
        let mut buffer = String::new();
        self.encode_in(&mut buffer);
        buffer
    }

    fn encode_in<'a>(&'a self, buffer: &'a mut String) -> &'a str {
        buffer.clear();
        // Writing to a `String` cannot fail.
        let _ = write!(buffer, "{self}");
        buffer
    }
}

/// Reads ISO 8601 / RFC 3339 timestamps with a `Z` or numeric offset, with or without
/// fractional seconds (`"2024-05-01T09:30:00Z"`, `"2024-05-01T09:30:00.123Z"`,
/// `"2024-05-01T11:30:00+02:00"`), and epoch milliseconds (`"1714555800000"`). A
/// timestamp without an offset is an error: it names no instant.
///
/// Writes UTC with exactly three fractional digits (`"2024-05-01T09:30:00.000Z"`),
/// HubSpot's own form; sub-millisecond precision, which HubSpot does not store, is
/// truncated.
impl PropertyValue for Timestamp {
    const KIND: &'static str = "datetime";

    fn decode(raw: &str) -> Result<Self, ValueError> {
        if is_integer(raw) {
            return epoch_millis::<Timestamp>(raw);
        }
        PARSER.parse_timestamp(raw).map_err(|error| {
            ValueError::new::<Timestamp>(
                raw,
                format!(
                    r#"expected an ISO 8601 timestamp with an offset such as "2024-05-01T09:30:00.000Z", or epoch milliseconds such as "1714555800000" ({})"#,
                    first_line(&error)
                ),
            )
        })
    }

    fn encode(&self) -> String {
        let mut buffer = String::new();
        self.encode_in(&mut buffer);
        buffer
    }

    fn encode_in<'a>(&'a self, buffer: &'a mut String) -> &'a str {
        buffer.clear();
        // Writing to a `String` cannot fail.
        let _ = write!(buffer, "{self:.3}");
        buffer
    }
}

/// `-?[0-9]+`: the epoch-milliseconds form.
fn is_integer(raw: &str) -> bool {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn epoch_millis<T: PropertyValue>(raw: &str) -> Result<Timestamp, ValueError> {
    const RANGE: &str = "epoch milliseconds out of range (years -9999 to 9999)";
    let millis: i64 = raw.parse().map_err(|_| ValueError::new::<T>(raw, RANGE))?;
    Timestamp::from_millisecond(millis).map_err(|_| ValueError::new::<T>(raw, RANGE))
}

fn midnight_utc_date(raw: &str, timestamp: Timestamp) -> Result<Date, ValueError> {
    let is_midnight = timestamp.as_second().rem_euclid(SECONDS_PER_DAY) == 0
        && timestamp.subsec_nanosecond() == 0;
    if !is_midnight {
        return Err(ValueError::new::<Date>(
            raw,
            format!(
                "it is the instant {}, not midnight UTC; a date property holds midnight UTC \
                 of its day",
                timestamp.encode()
            ),
        ));
    }
    Ok(Offset::UTC.to_datetime(timestamp).date())
}

/// jiff's errors can span lines; an error message about a value keeps to one.
fn first_line(error: &jiff::Error) -> String {
    let text = error.to_string();
    text.lines().next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::civil::{Date, date};

    use super::super::{decode, encode};

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn date_reads_iso_and_midnight_epoch() {
        assert_eq!(decode("2024-05-01"), Ok(Some(date(2024, 5, 1))));
        assert_eq!(decode("1714694400000"), Ok(Some(date(2024, 5, 3))));
        assert_eq!(decode("0"), Ok(Some(date(1970, 1, 1))));
        assert_eq!(decode("-86400000"), Ok(Some(date(1969, 12, 31))));
        assert_eq!(decode("1572480000000"), Ok(Some(date(2019, 10, 31))));
        assert_eq!(
            decode("2024-05-01T00:00:00.000Z"),
            Ok(Some(date(2024, 5, 1)))
        );
    }

    #[test]
    fn date_leap_day() {
        assert_eq!(decode("2024-02-29"), Ok(Some(date(2024, 2, 29))));
        assert_eq!(decode("1709164800000"), Ok(Some(date(2024, 2, 29))));
        assert_eq!(encode(&date(2024, 2, 29)), "2024-02-29");
        let error = decode::<Date>("2023-02-29").unwrap_err();
        assert!(
            error.to_string().starts_with(
                r#"invalid date value "2023-02-29": expected a date "YYYY-MM-DD" or midnight-UTC epoch milliseconds such as "1714694400000" ("#
            ),
            "{error}"
        );
    }

    #[test]
    fn date_epoch_not_at_midnight_is_an_error() {
        let error = decode::<Date>("1714723200000").unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"invalid date value "1714723200000": it is the instant 2024-05-03T08:00:00.000Z, not midnight UTC; a date property holds midnight UTC of its day"#
        );
        let error = decode::<Date>("-1").unwrap_err();
        assert_eq!(
            error.reason,
            "it is the instant 1969-12-31T23:59:59.999Z, not midnight UTC; a date property holds midnight UTC of its day"
        );
        let error = decode::<Date>("2024-05-01T00:00:00+02:00").unwrap_err();
        assert_eq!(
            error.reason,
            "it is the instant 2024-04-30T22:00:00.000Z, not midnight UTC; a date property holds midnight UTC of its day"
        );
    }

    #[test]
    fn date_rejects_other_text() {
        for bad in [
            "May 1, 2024",
            "2024/05/01",
            "2024-5-1x",
            "-",
            "2024-05-01T09:30:00",
        ] {
            let error = decode::<Date>(bad).unwrap_err();
            assert!(
                error.to_string().starts_with(&format!(
                    r#"invalid date value {bad:?}: expected a date "YYYY-MM-DD" or midnight-UTC epoch milliseconds"#
                )),
                "{error}"
            );
        }
        assert_eq!(
            decode::<Date>("99999999999999999999").unwrap_err().reason,
            "epoch milliseconds out of range (years -9999 to 9999)"
        );
    }

    #[test]
    fn timestamp_reads_with_and_without_fraction_and_offset() {
        let expected = ts("2024-05-01T09:30:00Z");
        assert_eq!(decode("2024-05-01T09:30:00Z"), Ok(Some(expected)));
        assert_eq!(decode("2024-05-01T09:30:00.000Z"), Ok(Some(expected)));
        assert_eq!(decode("2024-05-01T11:30:00+02:00"), Ok(Some(expected)));
        assert_eq!(decode("2024-05-01T04:30:00.000-05:00"), Ok(Some(expected)));
        assert_eq!(decode("1714555800000"), Ok(Some(expected)));
        assert_eq!(
            decode("2024-06-02T16:04:11.231Z"),
            Ok(Some(Timestamp::from_millisecond(1717344251231).unwrap()))
        );
    }

    #[test]
    fn timestamp_epoch_boundaries() {
        assert_eq!(decode("0"), Ok(Some(Timestamp::UNIX_EPOCH)));
        assert_eq!(encode(&Timestamp::UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let before = decode::<Timestamp>("-1").unwrap().unwrap();
        assert_eq!(encode(&before), "1969-12-31T23:59:59.999Z");
        assert_eq!(
            decode::<Timestamp>("-9223372036854775808")
                .unwrap_err()
                .reason,
            "epoch milliseconds out of range (years -9999 to 9999)"
        );
    }

    #[test]
    fn timestamp_writes_utc_with_three_fraction_digits() {
        assert_eq!(
            encode(&ts("2024-05-01T09:30:00Z")),
            "2024-05-01T09:30:00.000Z"
        );
        assert_eq!(
            encode(&ts("2024-05-01T11:30:00.5+02:00")),
            "2024-05-01T09:30:00.500Z"
        );
        // HubSpot stores milliseconds: finer precision is truncated.
        assert_eq!(
            encode(&ts("2024-05-01T09:30:00.123987Z")),
            "2024-05-01T09:30:00.123Z"
        );
    }

    #[test]
    fn timestamp_without_offset_is_an_error() {
        let error = decode::<Timestamp>("2024-05-01T09:30:00").unwrap_err();
        assert!(
            error.to_string().starts_with(
                r#"invalid datetime value "2024-05-01T09:30:00": expected an ISO 8601 timestamp with an offset such as "2024-05-01T09:30:00.000Z", or epoch milliseconds such as "1714555800000" ("#
            ),
            "{error}"
        );
        assert!(!error.to_string().contains('\n'));
        assert!(decode::<Timestamp>("yesterday").is_err());
        assert!(decode::<Timestamp>("2024-05-01").is_err());
    }
}
