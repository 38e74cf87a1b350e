//! When to send a failed request again, and how long to wait first.
//!
//! Pure decisions, kept apart from the HTTP loop so they can be tested without a
//! server. The rules follow what HubSpot documents and what is safe:
//! - a 429 was not processed, so any method may be retried, except the `DAILY` limit,
//!   which does not lift before midnight;
//! - gateway and availability failures (502, 503, 504, 521–524), timeouts and cut
//!   answers may come after the request was processed, so only idempotent requests are
//!   retried;
//! - a connection that could not be opened sent nothing, so any request is retried.

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::error::is_transient_status;

/// The header HubSpot sends with a 429: the length of the rate-limit window.
const INTERVAL_HEADER: &str = "x-hubspot-ratelimit-interval-milliseconds";

/// How failed requests are retried.
///
/// Retries use capped exponential backoff with full jitter (a random wait between zero
/// and `min(max_backoff, base_backoff * 2^(retry - 1))`), unless HubSpot said how long
/// to wait. A request is given up, returning its last error, when `max_attempts` sends
/// were made or the next wait would take the sum of all waits past `max_total_wait`.
///
/// ```
/// use std::time::Duration;
/// let policy = hubspot_runtime::RetryPolicy {
///     max_attempts: 3,
///     ..hubspot_runtime::RetryPolicy::default()
/// };
/// assert_eq!(policy.max_total_wait, Duration::from_secs(60));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a request is sent at most, the first time included (default 5).
    /// `1` disables retries.
    pub max_attempts: u32,
    /// The most time spent waiting between attempts of one request (default 60 s).
    pub max_total_wait: Duration,
    /// The backoff before the first retry, doubled for each further one (default 500 ms).
    pub base_backoff: Duration,
    /// The cap of the backoff (default 16 s).
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            max_total_wait: Duration::from_secs(60),
            base_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(16),
        }
    }
}

impl RetryPolicy {
    /// A policy that sends every request once and never retries.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The jittered backoff before retry number `retry` (1 for the first retry).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let cap = self.backoff_cap(retry);
        let nanos = u64::try_from(cap.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }

    /// The upper bound of the backoff before retry number `retry`.
    pub(crate) fn backoff_cap(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.base_backoff
            .checked_mul(factor)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff)
    }

    /// Whether one more attempt fits: `attempts` sends were made, `waited` was spent
    /// waiting so far, and the next wait would be `wait`.
    pub(crate) fn allows(&self, attempts: u32, waited: Duration, wait: Duration) -> bool {
        attempts < self.max_attempts && waited.saturating_add(wait) <= self.max_total_wait
    }
}

/// How one attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure<'a> {
    /// An answer with this status; `policy` is the 429 body's `policyName`.
    Status {
        status: u16,
        policy: Option<&'a str>,
    },
    /// The connection could not be opened: nothing was sent.
    Connect,
    /// No complete answer within the timeout.
    Timeout,
    /// The connection broke while sending or receiving.
    Broken,
}

/// True when HubSpot's `policyName` is the daily limit.
pub(crate) fn is_daily(policy: Option<&str>) -> bool {
    policy.is_some_and(|p| p.eq_ignore_ascii_case("DAILY"))
}

/// Whether a request that failed this way may be sent again.
pub(crate) fn should_retry(failure: Failure<'_>, idempotent: bool) -> bool {
    match failure {
        Failure::Status {
            status: 429,
            policy,
        } => !is_daily(policy),
        Failure::Status { status, .. } => idempotent && is_transient_status(status),
        Failure::Connect => true,
        Failure::Timeout | Failure::Broken => idempotent,
    }
}

/// How long HubSpot asked to wait before trying again: `Retry-After` (whole or
/// fractional seconds) when sent, else for a 429 the rate-limit window
/// (`X-HubSpot-RateLimit-Interval-Milliseconds`).
pub(crate) fn server_wait(status: u16, headers: &HeaderMap) -> Option<Duration> {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let retry_after = header(RETRY_AFTER.as_str())
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|secs| secs.is_finite() && *secs >= 0.0);
    if let Some(secs) = retry_after {
        return Some(Duration::from_secs_f64(secs.min(86_400.0)));
    }
    if status == 429 {
        return header(INTERVAL_HEADER)
            .and_then(|v| v.parse::<u64>().ok())
            .map(Duration::from_millis);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn burst_429_retries_any_method_daily_never() {
        for policy in [Some("TEN_SECONDLY_ROLLING"), Some("SECONDLY"), None] {
            let failure = Failure::Status {
                status: 429,
                policy,
            };
            assert!(should_retry(failure, false), "{policy:?}");
            assert!(should_retry(failure, true), "{policy:?}");
        }
        let daily = Failure::Status {
            status: 429,
            policy: Some("DAILY"),
        };
        assert!(!should_retry(daily, true));
        assert!(!should_retry(daily, false));
    }

    #[test]
    fn gateway_failures_retry_only_idempotent_requests() {
        for status in [502, 503, 504, 521, 522, 523, 524] {
            let failure = Failure::Status {
                status,
                policy: None,
            };
            assert!(should_retry(failure, true), "{status}");
            assert!(!should_retry(failure, false), "{status}");
        }
        for status in [400, 401, 403, 404, 409, 500, 501, 520, 525] {
            let failure = Failure::Status {
                status,
                policy: None,
            };
            assert!(!should_retry(failure, true), "{status}");
        }
    }

    #[test]
    fn connect_failure_retries_everything_timeouts_and_cuts_only_idempotent() {
        assert!(should_retry(Failure::Connect, false));
        assert!(should_retry(Failure::Connect, true));
        for failure in [Failure::Timeout, Failure::Broken] {
            assert!(should_retry(failure, true));
            assert!(!should_retry(failure, false));
        }
    }

    #[test]
    fn retry_after_wins_over_the_interval_header() {
        let h = headers(&[
            ("retry-after", "3"),
            ("x-hubspot-ratelimit-interval-milliseconds", "10000"),
        ]);
        assert_eq!(server_wait(429, &h), Some(Duration::from_secs(3)));
        let h = headers(&[("retry-after", "0.25")]);
        assert_eq!(server_wait(429, &h), Some(Duration::from_millis(250)));
    }

    #[test]
    fn interval_header_is_used_for_429_only() {
        let h = headers(&[("x-hubspot-ratelimit-interval-milliseconds", "1000")]);
        assert_eq!(server_wait(429, &h), Some(Duration::from_secs(1)));
        assert_eq!(server_wait(503, &h), None);
        assert_eq!(
            server_wait(503, &headers(&[("retry-after", "2")])),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn unusable_headers_give_no_wait() {
        let h = headers(&[
            ("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"),
            ("x-hubspot-ratelimit-interval-milliseconds", "soon"),
        ]);
        assert_eq!(server_wait(429, &h), None);
        assert_eq!(server_wait(429, &headers(&[("retry-after", "-1")])), None);
        assert_eq!(server_wait(429, &HeaderMap::new()), None);
    }

    #[test]
    fn backoff_is_capped_exponential_with_full_jitter() {
        let policy = RetryPolicy {
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(700),
            ..RetryPolicy::default()
        };
        assert_eq!(policy.backoff_cap(1), Duration::from_millis(100));
        assert_eq!(policy.backoff_cap(2), Duration::from_millis(200));
        assert_eq!(policy.backoff_cap(3), Duration::from_millis(400));
        assert_eq!(policy.backoff_cap(4), Duration::from_millis(700));
        assert_eq!(policy.backoff_cap(40), Duration::from_millis(700));
        let waits: Vec<Duration> = (0..200).map(|_| policy.backoff(3)).collect();
        assert!(waits.iter().all(|w| *w <= Duration::from_millis(400)));
        // full jitter spreads waits over the whole range, not around one value
        assert!(waits.iter().any(|w| *w < Duration::from_millis(200)));
        assert!(waits.iter().any(|w| *w > Duration::from_millis(200)));
    }

    #[test]
    fn budget_stops_on_attempts_or_total_wait() {
        let policy = RetryPolicy {
            max_attempts: 3,
            max_total_wait: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        assert!(policy.allows(1, Duration::ZERO, Duration::from_secs(5)));
        assert!(!policy.allows(1, Duration::from_secs(1), Duration::from_secs(5)));
        assert!(policy.allows(2, Duration::ZERO, Duration::ZERO));
        assert!(!policy.allows(3, Duration::ZERO, Duration::ZERO));
        assert!(!RetryPolicy::never().allows(1, Duration::ZERO, Duration::ZERO));
    }
}
