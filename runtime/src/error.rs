//! The client's one error type, [`Error`], and the text it shows.
//!
//! Every message is a complete sentence that says what failed, where (method and
//! path), and what to do next. No variant ever holds a secret: access tokens, client
//! secrets and refresh tokens are not copied into errors, and the body of an OAuth
//! token call is never kept (it carries tokens).

use std::fmt;
use std::time::Duration;

use crate::compat::VerifyReport;
use crate::schema::ApiErrorBody;

/// The longest body excerpt an error keeps, in characters.
pub(crate) const SNIPPET_CHARS: usize = 200;

/// Everything that can go wrong talking to HubSpot.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// HubSpot (or a gateway in front of it) answered with an error status.
    Api {
        /// The HTTP status (`404`, `409`, `502`, …).
        status: u16,
        /// `GET`, `POST`, …
        method: String,
        /// The request path, percent-encoded as sent.
        path: String,
        /// HubSpot's error body, parsed leniently; empty when the body was not JSON.
        body: Box<ApiErrorBody>,
        /// The start of the body (at most 200 characters) when it was not HubSpot's
        /// JSON error shape, e.g. a gateway's HTML page.
        snippet: Option<String>,
        /// True when the request was not idempotent and failed in a way that does not
        /// prove it was not processed, so it was not retried.
        maybe_processed: bool,
    },
    /// A 403 `MISSING_SCOPES`: the token works but lacks a scope this call needs.
    MissingScopes {
        /// `GET`, `POST`, …
        method: String,
        /// The request path, percent-encoded as sent.
        path: String,
        /// The scopes to add (from HubSpot's `requiredGranularScopes` when it sent
        /// them, else the scope this kind of call needs).
        scopes: Vec<String>,
        /// HubSpot's error body.
        body: Box<ApiErrorBody>,
    },
    /// The credentials were rejected or could not be exchanged for an access token.
    Auth {
        /// What went wrong.
        kind: AuthErrorKind,
        /// The HTTP status of the answer that failed, if there was one.
        status: Option<u16>,
        /// HubSpot's own message, when it sent one (never a token or a request body).
        detail: Option<String>,
        /// HubSpot's correlation id, when it sent one.
        correlation_id: Option<String>,
        /// The transport failure, when the token endpoint could not be reached.
        #[source]
        source: Option<reqwest::Error>,
    },
    /// HubSpot's rate limit answered 429 and the request was not (or no longer) retried.
    RateLimited {
        /// `GET`, `POST`, …
        method: String,
        /// The request path, percent-encoded as sent.
        path: String,
        /// `TEN_SECONDLY_ROLLING`, `SECONDLY`, `DAILY`, or `None` when the 429 named none.
        policy: Option<String>,
        /// True for the `DAILY` limit, which is never retried.
        daily: bool,
        /// How many times the request was sent.
        attempts: u32,
        /// How long HubSpot asked to wait (`Retry-After`, else the rate-limit interval).
        retry_after: Option<Duration>,
        /// HubSpot's correlation id, when it sent one.
        correlation_id: Option<String>,
    },
    /// HubSpot's daily request budget for the account is used up (its answers said
    /// `X-HubSpot-RateLimit-Daily-Remaining: 0`), so the request was not sent.
    DailyLimitReached {
        /// `GET`, `POST`, …
        method: String,
        /// The request path, percent-encoded as it would have been sent.
        path: String,
        /// The daily budget (`X-HubSpot-RateLimit-Daily`), when HubSpot sent it.
        daily: Option<u64>,
    },
    /// The request could not be sent or its answer could not be received.
    Transport {
        /// `GET`, `POST`, …
        method: String,
        /// The request path, percent-encoded as sent.
        path: String,
        /// How many times the request was sent.
        attempts: u32,
        /// True when the request was not idempotent and may have reached HubSpot.
        maybe_processed: bool,
        /// What reqwest reported (its text names the URL, which holds no secret).
        #[source]
        source: reqwest::Error,
    },
    /// No complete answer arrived within the per-attempt timeout.
    Timeout {
        /// `GET`, `POST`, …
        method: String,
        /// The request path, percent-encoded as sent.
        path: String,
        /// How many times the request was sent.
        attempts: u32,
        /// The per-attempt timeout that ran out.
        timeout: Duration,
        /// True when the request was not idempotent and may have been processed.
        maybe_processed: bool,
    },
    /// A success answer whose body is not the JSON this call expects.
    Decode {
        /// `GET`, `POST`, …
        method: String,
        /// The request path, percent-encoded as sent.
        path: String,
        /// The HTTP status of the answer.
        status: u16,
        /// What the JSON parser reported.
        message: String,
        /// The start of the body, at most 200 characters.
        snippet: String,
    },
    /// The client was configured in a way that cannot work (no credentials, a zero
    /// timeout, an unparsable URL, …).
    Config {
        /// A complete sentence saying what is wrong and how to fix it.
        message: String,
    },
    /// A request refused before anything was sent, because HubSpot would reject it: a
    /// read-only or missing required property, a search over HubSpot's limits, a page
    /// size out of range, an id that cannot name anything.
    InvalidInput {
        /// A complete sentence saying what is wrong and how to fix it.
        message: String,
    },
    /// The account the client talks to has no object type (or no association) that
    /// the generated code names, even after listing its schemas again.
    NotInAccount {
        /// The object's internal name (`"cars"`).
        object: String,
        /// The association's name, when an association of `object` was missing.
        association: Option<String>,
        /// The API root of the account (`https://api.hubapi.com`).
        base_url: String,
    },
    /// `Client::verify` found differences that break the compiled types
    /// (`VerifyReport::check`); the report lists each with its Rust item.
    Incompatible {
        /// The whole report, compatible differences included.
        report: Box<VerifyReport>,
    },
    /// A plain `http://` URL to a host that is not loopback: the token would travel
    /// unencrypted, so it was refused before any connection.
    InsecureUrl {
        /// Which URL: `"base URL"` or `"OAuth token URL"`.
        what: &'static str,
        /// The refused URL, without any user name or password it held.
        url: String,
    },
}

/// Why credentials failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthErrorKind {
    /// HubSpot answered 401 to a private-app access token (invalid, revoked or expired).
    InvalidToken,
    /// HubSpot answered 401 again right after a fresh OAuth access token was obtained.
    RejectedAfterRefresh,
    /// The token endpoint refused the refresh token (`BAD_REFRESH_TOKEN`, `invalid_grant`).
    BadRefreshToken,
    /// The token endpoint refused the client id or client secret.
    BadClientCredentials,
    /// The token endpoint failed otherwise: unreachable, an unexpected status, or an
    /// answer that is not a token response.
    TokenEndpoint,
}

impl Error {
    /// The HTTP status of the answer behind this error, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } | Error::Decode { status, .. } => Some(*status),
            Error::MissingScopes { .. } => Some(403),
            Error::RateLimited { .. } => Some(429),
            Error::Auth { status, .. } => *status,
            _ => None,
        }
    }

    /// HubSpot's correlation id for the failed call; quote it to HubSpot support.
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            Error::Api { body, .. } | Error::MissingScopes { body, .. } => {
                body.correlation_id.as_deref()
            }
            Error::Auth { correlation_id, .. } | Error::RateLimited { correlation_id, .. } => {
                correlation_id.as_deref()
            }
            _ => None,
        }
    }

    /// HubSpot's parsed error body, for API errors.
    pub fn api_body(&self) -> Option<&ApiErrorBody> {
        match self {
            Error::Api { body, .. } | Error::MissingScopes { body, .. } => Some(body),
            _ => None,
        }
    }

    /// True for a 404 (the object type, association or record does not exist).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// True when the same call may succeed later unchanged: a rate limit (the daily one
    /// after midnight), a gateway or availability failure, a timeout, a transport
    /// failure. False for errors that need a change first (bad input, credentials,
    /// configuration, an unreadable answer).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited { .. }
            | Error::DailyLimitReached { .. }
            | Error::Transport { .. }
            | Error::Timeout { .. } => true,
            Error::Api { status, .. } => is_transient_status(*status),
            _ => false,
        }
    }

    /// The start of `body` as an error keeps it: at most 200 characters, whitespace
    /// runs collapsed so an HTML page stays on one line.
    pub(crate) fn snippet(body: &[u8]) -> String {
        let text = String::from_utf8_lossy(body);
        let mut out = String::new();
        for (count, word) in text.split_whitespace().enumerate() {
            if count > 0 {
                out.push(' ');
            }
            out.push_str(word);
            if out.chars().count() >= SNIPPET_CHARS {
                break;
            }
        }
        match out.char_indices().nth(SNIPPET_CHARS) {
            Some((cut, _)) => {
                out.truncate(cut);
                out.push('…');
                out
            }
            None => out,
        }
    }
}

/// What the user can do about an error status.
fn status_advice(status: u16) -> &'static str {
    match status {
        400 | 422 => "Fix the request as HubSpot's message says.",
        404 => {
            "Check that the object type (name, fully qualified name or objectTypeId) or id exists and, unless you asked for archived ones, is not archived."
        }
        409 => {
            "It conflicts with what already exists (for example a duplicate name); use the existing one or choose another name."
        }
        403 => {
            "The token is not allowed to do this; check the app's scopes and the account's permissions."
        }
        500..=599 => "HubSpot or a gateway in front of it failed; try again later.",
        _ => "Check the request against HubSpot's message.",
    }
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// An error and all its causes on one line: reqwest's own text only says which URL
/// failed; the cause (refused, reset, certificate) is further down the chain.
fn with_causes(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

fn attempts_text(attempts: u32) -> String {
    if attempts == 1 {
        "1 attempt".to_owned()
    } else {
        format!("{attempts} attempts")
    }
}

const MAYBE_PROCESSED: &str = " The request is not idempotent and may already have taken effect, so it was not retried: check (with a get or list) before sending it again.";

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api {
                status,
                method,
                path,
                body,
                snippet,
                maybe_processed,
            } => {
                write!(
                    f,
                    "HubSpot answered {status} {} to {method} {path}",
                    reason(*status)
                )?;
                match (&body.message, snippet) {
                    (Some(message), _) => write!(f, ": {}", message.trim_end_matches('.'))?,
                    (None, Some(snippet)) if !snippet.is_empty() => write!(
                        f,
                        " with a body that is not HubSpot's JSON error: {snippet:?}"
                    )?,
                    _ => {}
                }
                if let Some(category) = body.category.as_deref() {
                    match body.sub_category.as_deref() {
                        Some(sub) => write!(f, " ({category}, {sub})")?,
                        None => write!(f, " ({category})")?,
                    }
                }
                let details: Vec<String> = body
                    .errors
                    .iter()
                    .filter(|e| !e.message.is_empty())
                    .map(|e| match e.r#in.as_deref() {
                        Some(field) => format!("{field}: {}", e.message),
                        None => e.message.clone(),
                    })
                    .collect();
                if !details.is_empty() {
                    write!(f, "; details: {}", details.join("; "))?;
                }
                write!(f, ". {}", status_advice(*status))?;
                if *maybe_processed {
                    f.write_str(MAYBE_PROCESSED)?;
                }
                if let Some(id) = body.correlation_id.as_deref() {
                    write!(f, " (HubSpot correlation id {id}.)")?;
                }
                Ok(())
            }
            Error::MissingScopes {
                method,
                path,
                scopes,
                body,
            } => {
                let list = scopes
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let noun = if scopes.len() == 1 { "scope" } else { "scopes" };
                write!(
                    f,
                    "HubSpot refused {method} {path} (403 MISSING_SCOPES): the access token lacks the {noun} {list}. Add {list} to the private app's scopes (Settings > Integrations > Private apps), or to the OAuth app's scopes and re-authorize it, then try again."
                )?;
                if let Some(id) = body.correlation_id.as_deref() {
                    write!(f, " (HubSpot correlation id {id}.)")?;
                }
                Ok(())
            }
            Error::Auth {
                kind,
                status,
                detail,
                correlation_id,
                source,
            } => {
                match kind {
                    AuthErrorKind::InvalidToken => f.write_str(
                        "HubSpot rejected the access token (401): it is invalid, expired or revoked. Check HUBSPOT_ACCESS_TOKEN (a private app's token from Settings > Integrations > Private apps) or rotate it.",
                    )?,
                    AuthErrorKind::RejectedAfterRefresh => f.write_str(
                        "HubSpot rejected the OAuth access token (401) even right after it was refreshed. Check that the OAuth app is still installed in this account and re-authorize it.",
                    )?,
                    AuthErrorKind::BadRefreshToken => f.write_str(
                        "The OAuth token endpoint rejected the refresh token (it is unknown, revoked, or was replaced by a newer one). Re-authorize the app to get a new refresh token and configure it (HUBSPOT_REFRESH_TOKEN).",
                    )?,
                    AuthErrorKind::BadClientCredentials => f.write_str(
                        "The OAuth token endpoint rejected the client id or client secret. Copy both again from the app's Auth settings in HubSpot.",
                    )?,
                    AuthErrorKind::TokenEndpoint => {
                        f.write_str("Could not get an OAuth access token from the token endpoint")?;
                        if let Some(status) = status {
                            write!(f, " (it answered {status} {})", reason(*status))?;
                        }
                        if let Some(source) = source {
                            write!(f, " ({})", with_causes(source))?;
                        }
                        f.write_str(". Check the token URL and the network, then try again.")?;
                    }
                }
                if let Some(detail) = detail {
                    write!(f, " HubSpot said: {detail:?}.")?;
                }
                if let Some(id) = correlation_id {
                    write!(f, " (HubSpot correlation id {id}.)")?;
                }
                Ok(())
            }
            Error::RateLimited {
                method,
                path,
                policy,
                daily,
                attempts,
                retry_after,
                correlation_id,
            } => {
                if *daily {
                    write!(
                        f,
                        "HubSpot's daily API request limit for this account is reached (429 DAILY on {method} {path}); it resets at midnight in the account's time zone. The request was not retried: wait until then, or spread the work over several days or ask HubSpot for a higher limit."
                    )?;
                } else {
                    let policy = policy.as_deref().unwrap_or("no policy named");
                    write!(
                        f,
                        "HubSpot kept rate-limiting {method} {path} (429, {policy}) and the retry budget ran out after {}",
                        attempts_text(*attempts)
                    )?;
                    if let Some(wait) = retry_after {
                        write!(f, "; it asked to wait {} ms", wait.as_millis())?;
                    }
                    f.write_str(". Send fewer requests at once, or raise RetryPolicy's max_attempts or max_total_wait.")?;
                }
                if let Some(id) = correlation_id {
                    write!(f, " (HubSpot correlation id {id}.)")?;
                }
                Ok(())
            }
            Error::DailyLimitReached {
                method,
                path,
                daily,
            } => {
                f.write_str("HubSpot's daily API request budget for this account is used up")?;
                if let Some(daily) = daily {
                    write!(f, " ({daily} requests)")?;
                }
                write!(
                    f,
                    ", so {method} {path} was not sent. The budget resets at midnight in the HubSpot account's time zone (Settings > Account Defaults); try again after that, spread the work over several days, or ask HubSpot for a higher limit."
                )
            }
            Error::Transport {
                method,
                path,
                attempts,
                maybe_processed,
                source,
            } => {
                write!(
                    f,
                    "Could not complete {method} {path} after {}: {}. Check the network and the base URL, then try again.",
                    attempts_text(*attempts),
                    with_causes(source)
                )?;
                if *maybe_processed {
                    f.write_str(MAYBE_PROCESSED)?;
                }
                Ok(())
            }
            Error::Timeout {
                method,
                path,
                attempts,
                timeout,
                maybe_processed,
            } => {
                write!(
                    f,
                    "{method} {path} got no complete answer within {} ms ({}). HubSpot may be slow: try again later or raise ClientBuilder::timeout.",
                    timeout.as_millis(),
                    attempts_text(*attempts)
                )?;
                if *maybe_processed {
                    f.write_str(MAYBE_PROCESSED)?;
                }
                Ok(())
            }
            Error::Decode {
                method,
                path,
                status,
                message,
                snippet,
            } => write!(
                f,
                "HubSpot's {status} answer to {method} {path} is not the JSON this call expects ({message}); the body starts with {snippet:?}. A proxy may have answered, or the API changed: report it with this body."
            ),
            Error::Config { message } | Error::InvalidInput { message } => f.write_str(message),
            Error::NotInAccount {
                object,
                association: Some(association),
                base_url,
            } => write!(
                f,
                "The HubSpot account at {base_url} has no association {association:?} from the object type {object:?}: its Schemas API does not list it, also when asked again. The generated association type ids are the snapshot account's; create the association (same name) in this account."
            ),
            Error::NotInAccount {
                object,
                association: None,
                base_url,
            } => write!(
                f,
                "The HubSpot account at {base_url} has no custom object type named {object:?}: its Schemas API does not list it, also when asked again after HubSpot answered that the type is unknown. The generated ids are the snapshot account's; create the object type in this account (same name), or address another one with Objects::with_object_type."
            ),
            Error::Incompatible { report } => write!(
                f,
                "The HubSpot account does not match the compiled types; regenerate them from this account's schemas (codegen fetch, then generate) or change the account back. {report}"
            ),
            Error::InsecureUrl { what, url } => write!(
                f,
                "Refusing the {what} {url:?}: plain http:// is only allowed to a loopback host (127.0.0.0/8, ::1, localhost), because the access token would travel unencrypted. Use https://."
            ),
        }
    }
}

/// True for the statuses of gateway and availability failures that are worth retrying
/// (the retry loop and [`Error::is_retryable`] share this one list).
pub(crate) fn is_transient_status(status: u16) -> bool {
    matches!(status, 502..=504 | 521..=524)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::ErrorDetail;

    #[test]
    fn snippet_collapses_whitespace_and_caps_length() {
        assert_eq!(
            Error::snippet(b"<html>\n  <body>Bad   gateway</body>"),
            "<html> <body>Bad gateway</body>"
        );
        let long = "x".repeat(500);
        let s = Error::snippet(long.as_bytes());
        assert_eq!(s.chars().count(), SNIPPET_CHARS + 1);
        assert!(s.ends_with('…'));
        // multi-byte characters are never split
        let wide = "é".repeat(300);
        assert_eq!(
            Error::snippet(wide.as_bytes()).chars().count(),
            SNIPPET_CHARS + 1
        );
    }

    #[test]
    fn api_display_names_status_path_message_details_and_correlation_id() {
        let body = ApiErrorBody {
            message: Some("Property values were not valid".into()),
            category: Some("VALIDATION_ERROR".into()),
            correlation_id: Some("abc-123".into()),
            errors: vec![ErrorDetail {
                message: "\"rusty\" was not one of the allowed options".into(),
                r#in: Some("condition".into()),
                ..ErrorDetail::default()
            }],
            ..ApiErrorBody::default()
        };
        let e = Error::Api {
            status: 400,
            method: "POST".into(),
            path: "/crm-object-schemas/v3/schemas".into(),
            body: Box::new(body),
            snippet: None,
            maybe_processed: false,
        };
        assert_eq!(
            e.to_string(),
            "HubSpot answered 400 Bad Request to POST /crm-object-schemas/v3/schemas: Property values were not valid (VALIDATION_ERROR); details: condition: \"rusty\" was not one of the allowed options. Fix the request as HubSpot's message says. (HubSpot correlation id abc-123.)"
        );
        assert_eq!(e.status(), Some(400));
        assert_eq!(e.correlation_id(), Some("abc-123"));
        assert!(!e.is_retryable());
    }

    #[test]
    fn gateway_error_keeps_snippet_and_warns_when_maybe_processed() {
        let e = Error::Api {
            status: 502,
            method: "POST".into(),
            path: "/crm-object-schemas/v3/schemas".into(),
            body: Box::default(),
            snippet: Some("<html>Bad Gateway</html>".into()),
            maybe_processed: true,
        };
        let text = e.to_string();
        assert!(text.contains("\"<html>Bad Gateway</html>\""), "{text}");
        assert!(text.contains("may already have taken effect"), "{text}");
        assert!(e.is_retryable());
    }

    #[test]
    fn missing_scopes_display_names_the_scope() {
        let e = Error::MissingScopes {
            method: "GET".into(),
            path: "/crm-object-schemas/v3/schemas".into(),
            scopes: vec!["crm.schemas.custom.read".into()],
            body: Box::default(),
        };
        assert!(
            e.to_string().contains(
                "lacks the scope `crm.schemas.custom.read`. Add `crm.schemas.custom.read`"
            )
        );
        assert_eq!(e.status(), Some(403));
    }

    #[test]
    fn daily_limit_says_when_it_resets() {
        let e = Error::RateLimited {
            method: "GET".into(),
            path: "/x".into(),
            policy: Some("DAILY".into()),
            daily: true,
            attempts: 1,
            retry_after: None,
            correlation_id: None,
        };
        let text = e.to_string();
        assert!(text.contains("daily API request limit"), "{text}");
        assert!(
            text.contains("midnight in the account's time zone"),
            "{text}"
        );
        assert!(text.contains("not retried"), "{text}");
    }

    #[test]
    fn daily_budget_used_up_says_nothing_was_sent_and_when_it_resets() {
        let e = Error::DailyLimitReached {
            method: "GET".into(),
            path: "/crm/v3/objects/contacts".into(),
            daily: Some(250_000),
        };
        assert_eq!(
            e.to_string(),
            "HubSpot's daily API request budget for this account is used up (250000 requests), so GET /crm/v3/objects/contacts was not sent. The budget resets at midnight in the HubSpot account's time zone (Settings > Account Defaults); try again after that, spread the work over several days, or ask HubSpot for a higher limit."
        );
        assert!(e.is_retryable());
        assert_eq!(e.status(), None);
    }
}
