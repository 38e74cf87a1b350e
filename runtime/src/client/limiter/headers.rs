//! The `X-HubSpot-RateLimit-*` headers of an answer, read leniently.

use std::time::Duration;

use reqwest::header::HeaderMap;

/// What one answer said about the budget; each field is `None` when its header was
/// missing or unreadable (search answers carry none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RateHeaders {
    /// `X-HubSpot-RateLimit-Max`: requests per interval.
    pub max: Option<u32>,
    /// `X-HubSpot-RateLimit-Remaining`: requests left in the current interval.
    pub remaining: Option<u32>,
    /// `X-HubSpot-RateLimit-Interval-Milliseconds`: the rolling interval.
    pub interval: Option<Duration>,
    /// `X-HubSpot-RateLimit-Daily`: the daily budget.
    pub daily: Option<u64>,
    /// `X-HubSpot-RateLimit-Daily-Remaining`: requests left today.
    pub daily_remaining: Option<u64>,
}

impl RateHeaders {
    pub(crate) fn read(headers: &HeaderMap) -> RateHeaders {
        fn number<T: std::str::FromStr>(headers: &HeaderMap, suffix: &str) -> Option<T> {
            headers
                .get(format!("x-hubspot-ratelimit-{suffix}"))
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse().ok())
        }
        RateHeaders {
            max: number(headers, "max"),
            remaining: number(headers, "remaining"),
            interval: number::<u64>(headers, "interval-milliseconds").map(Duration::from_millis),
            daily: number(headers, "daily"),
            daily_remaining: number(headers, "daily-remaining"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn reads_every_header_and_skips_bad_ones() {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("x-hubspot-ratelimit-max", "190"),
            ("x-hubspot-ratelimit-remaining", "12"),
            ("x-hubspot-ratelimit-interval-milliseconds", "10000"),
            ("x-hubspot-ratelimit-daily", "soon"),
            ("x-hubspot-ratelimit-daily-remaining", " 0 "),
        ] {
            headers.insert(name, HeaderValue::from_static(value));
        }
        assert_eq!(
            RateHeaders::read(&headers),
            RateHeaders {
                max: Some(190),
                remaining: Some(12),
                interval: Some(Duration::from_secs(10)),
                daily: None,
                daily_remaining: Some(0),
            }
        );
        assert_eq!(RateHeaders::read(&HeaderMap::new()), RateHeaders::default());
    }
}
