//! Fault injection: the public `Fault` / `FaultKind` types tests use to script failures,
//! which requests a fault matches, and the response each fault sends in place of the real
//! one. Applying a fault to a live request (delay, drop, process-then-fail) is the job of
//! `intercept`; this module only describes faults and renders their canned responses.

use std::time::Duration;

use axum::http::{HeaderName, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::errors::{ApiError, correlation_id};

/// One scripted failure: applies to the next `times` requests that `matcher` selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Which requests the fault applies to.
    pub matcher: Match,
    /// How many matching requests it applies to before it is used up.
    pub times: usize,
    /// What happens to those requests.
    pub kind: FaultKind,
}

impl Fault {
    /// A fault for the next API request (any method and path except the OAuth token
    /// endpoints), once.
    pub fn new(kind: FaultKind) -> Fault {
        Fault {
            matcher: Match::default(),
            times: 1,
            kind,
        }
    }

    /// Apply to the next `n` matching requests instead of one.
    pub fn times(self, n: usize) -> Fault {
        Fault { times: n, ..self }
    }

    /// Only requests with this method (case-insensitive) whose raw path starts with
    /// `path_prefix`. Token endpoint paths (`/oauth/v1/token`) may be targeted this way.
    pub fn on(self, method: &str, path_prefix: &str) -> Fault {
        Fault {
            matcher: Match {
                method: Some(method.to_owned()),
                path_prefix: Some(path_prefix.to_owned()),
            },
            ..self
        }
    }
}

/// Which requests a fault applies to. `None` fields match anything, except that a matcher
/// without a `path_prefix` never matches the OAuth token endpoints (paths under
/// `/oauth/`): a fault meant for the API must not break the token refresh that precedes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Match {
    /// HTTP method, compared case-insensitively.
    pub method: Option<String>,
    /// Prefix of the raw (still percent-encoded) request path.
    pub path_prefix: Option<String>,
}

impl Match {
    /// Whether a request with this method and raw path is selected.
    pub fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self
            .method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        let path_ok = match &self.path_prefix {
            Some(prefix) => path.starts_with(prefix.as_str()),
            None => !path.starts_with("/oauth/"),
        };
        method_ok && path_ok
    }
}

/// HubSpot's rate-limit policies, as named in a 429 body's `policyName`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimitPolicy {
    /// The burst limit (requests per 10 s); clients should wait and retry.
    TenSecondlyRolling,
    /// The per-second limit (search endpoints); clients should wait and retry.
    Secondly,
    /// The daily limit; retrying before midnight is pointless.
    Daily,
}

impl RateLimitPolicy {
    /// The `policyName` HubSpot sends (`TEN_SECONDLY_ROLLING`, `SECONDLY`, `DAILY`).
    pub fn policy_name(self) -> &'static str {
        match self {
            RateLimitPolicy::TenSecondlyRolling => "TEN_SECONDLY_ROLLING",
            RateLimitPolicy::Secondly => "SECONDLY",
            RateLimitPolicy::Daily => "DAILY",
        }
    }

    /// The request budget reported in `X-HubSpot-RateLimit-Max` for an interval policy.
    fn interval_max(self) -> u64 {
        match self {
            RateLimitPolicy::TenSecondlyRolling => 190,
            RateLimitPolicy::Secondly => 5,
            RateLimitPolicy::Daily => DAILY_LIMIT,
        }
    }
}

/// The daily budget reported in `X-HubSpot-RateLimit-Daily`.
pub const DAILY_LIMIT: u64 = 250_000;

/// What an injected fault does to a request it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// 429 with HubSpot's rate-limit body (status, message, errorType "RATE_LIMIT",
    /// correlationId, policyName, requestId); `X-HubSpot-RateLimit-Daily` and
    /// `-Daily-Remaining` headers; `Retry-After: <secs>` when given;
    /// `X-HubSpot-RateLimit-Interval-Milliseconds`, `-Max` and `-Remaining` when
    /// `interval_ms` is given. The request is NOT processed.
    RateLimit {
        policy: RateLimitPolicy,
        retry_after_secs: Option<u64>,
        interval_ms: Option<u64>,
    },
    /// This status with a gateway's HTML page (502–504, 520–530) or a HubSpot JSON
    /// error body (any other status). The request is NOT processed. A status outside
    /// 100–999 is sent as 500.
    Status(u16),
    /// The request IS processed (a create takes effect), then this status is sent in
    /// place of the real response, as when a gateway fails on the way back.
    StatusAfterProcessing(u16),
    /// Wait this long, then handle the request normally (for client timeouts).
    Delay(Duration),
    /// Close the TCP connection without sending a response byte. NOT processed.
    Drop,
    /// 200 with a body that is not valid JSON. NOT processed.
    Malformed,
    /// 401 EXPIRED_AUTHENTICATION whatever the token. NOT processed.
    ExpiredToken,
}

impl FaultKind {
    /// The name recorded in `SeenRequest::fault` when this fault is applied, e.g.
    /// `RateLimit(TEN_SECONDLY_ROLLING)`, `Status(502)`, `StatusAfterProcessing(502)`,
    /// `Delay(1.5s)`, `Drop`, `Malformed`, `ExpiredToken`.
    pub fn name(&self) -> String {
        match self {
            FaultKind::RateLimit { policy, .. } => format!("RateLimit({})", policy.policy_name()),
            FaultKind::Status(status) => format!("Status({status})"),
            FaultKind::StatusAfterProcessing(status) => {
                format!("StatusAfterProcessing({status})")
            }
            FaultKind::Delay(delay) => format!("Delay({delay:?})"),
            FaultKind::Drop => "Drop".into(),
            FaultKind::Malformed => "Malformed".into(),
            FaultKind::ExpiredToken => "ExpiredToken".into(),
        }
    }
}

/// HubSpot's 429 body for `policy` (status, message, errorType, correlationId,
/// policyName, requestId).
pub(crate) fn rate_limit_body(policy: RateLimitPolicy) -> serde_json::Value {
    let limit_word = policy.policy_name().to_ascii_lowercase();
    json!({
        "status": "error",
        "message": format!("You have reached your {limit_word} limit."),
        "errorType": "RATE_LIMIT",
        "correlationId": correlation_id(),
        "policyName": policy.policy_name(),
        "requestId": correlation_id(),
    })
}

/// The response sent for `RateLimit`.
pub(crate) fn rate_limit_response(
    policy: RateLimitPolicy,
    retry_after_secs: Option<u64>,
    interval_ms: Option<u64>,
) -> Response {
    let body = rate_limit_body(policy);
    let daily_remaining = match policy {
        RateLimitPolicy::Daily => 0,
        _ => DAILY_LIMIT / 2,
    };
    let mut err = ApiError::raw(StatusCode::TOO_MANY_REQUESTS, body)
        .with_header(rate_header("daily"), DAILY_LIMIT)
        .with_header(rate_header("daily-remaining"), daily_remaining);
    if let Some(ms) = interval_ms {
        err = err
            .with_header(rate_header("interval-milliseconds"), ms)
            .with_header(rate_header("max"), policy.interval_max())
            .with_header(rate_header("remaining"), 0);
    }
    if let Some(secs) = retry_after_secs {
        err = err.with_header(header::RETRY_AFTER, secs);
    }
    err.into_response()
}

fn rate_header(suffix: &str) -> HeaderName {
    HeaderName::try_from(format!("x-hubspot-ratelimit-{suffix}"))
        .expect("rate-limit header names are valid")
}

/// The response sent for `Status(status)` / `StatusAfterProcessing(status)`: gateways
/// (HubSpot sits behind Cloudflare) answer 502–504 and 52x with an HTML page, HubSpot
/// itself with its JSON error body.
pub(crate) fn status_response(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let code = status.as_u16();
    if (502..=504).contains(&code) || (520..=530).contains(&code) {
        let title = match code {
            520 => "520: Web server is returning an unknown error",
            521 => "521: Web server is down",
            522 => "522: Connection timed out",
            523 => "523: Origin is unreachable",
            524 => "524: A timeout occurred",
            _ => status.canonical_reason().unwrap_or("Gateway error"),
        };
        let title = if code >= 520 {
            title.to_owned()
        } else {
            format!("{code} {title}")
        };
        let page = format!(
            "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n\
             <center><h1>{title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n\
             </body>\r\n</html>\r\n"
        );
        return (status, [(header::CONTENT_TYPE, "text/html")], page).into_response();
    }
    ApiError::new(
        status,
        "INTERNAL_ERROR",
        format!("internal error (sandbox fault injection: status {code}); retry the request later"),
    )
    .into_response()
}

/// The response sent for `Malformed`: claims JSON, is cut off mid-value.
pub(crate) fn malformed_response() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json;charset=utf-8")],
        r#"{"results":[{"name":"trunc"#,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_matcher_skips_the_token_endpoint() {
        let m = Fault::new(FaultKind::Drop).matcher;
        assert!(m.matches("GET", "/crm-object-schemas/v3/schemas"));
        assert!(!m.matches("POST", "/oauth/v1/token"));
        assert!(!m.matches("POST", "/oauth/2026-03/token"));
    }

    #[test]
    fn on_matches_method_and_prefix() {
        let m = Fault::new(FaultKind::Drop)
            .on("post", "/oauth/v1/token")
            .matcher;
        assert!(m.matches("POST", "/oauth/v1/token"));
        assert!(!m.matches("GET", "/oauth/v1/token"));
        assert!(!m.matches("POST", "/crm-object-schemas/v3/schemas"));
    }

    #[test]
    fn names_are_stable() {
        assert_eq!(
            FaultKind::Delay(Duration::from_millis(1500)).name(),
            "Delay(1.5s)"
        );
        assert_eq!(FaultKind::Status(502).name(), "Status(502)");
        assert_eq!(
            FaultKind::RateLimit {
                policy: RateLimitPolicy::Daily,
                retry_after_secs: None,
                interval_ms: None
            }
            .name(),
            "RateLimit(DAILY)"
        );
    }
}
