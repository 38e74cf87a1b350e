//! Bearer-token checks for API routes: which token a request carries, whether the
//! sandbox knows it, whether it has expired, and whether it holds a scope the operation
//! accepts — answered with HubSpot's 401 / 403 bodies.

use std::time::Instant;

use axum::http::{HeaderMap, header};

use crate::errors::ApiError;
use crate::state::AppState;
use crate::{SCHEMA_READ_SCOPE, SCHEMA_WRITE_SCOPE};

/// Scopes that allow reading schemas. HubSpot's spec lists these alternatives for the
/// read operations; the first is the one a 403 asks for.
pub(crate) const SCHEMA_READ: &[&str] = &[
    SCHEMA_READ_SCOPE,
    "crm.objects.custom.read",
    "crm.objects.custom.sensitive.read.v2",
    "crm.objects.custom.highly_sensitive.read.v2",
];

/// Scopes that allow changing schemas (create, update, delete, associations).
pub(crate) const SCHEMA_WRITE: &[&str] = &[SCHEMA_WRITE_SCOPE];

/// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
pub(crate) fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

/// Allow the request if its bearer token is known, unexpired and grants one of
/// `accepted` scopes; otherwise the HubSpot error to send.
pub(crate) fn require(
    app: &AppState,
    headers: &HeaderMap,
    accepted: &[&str],
) -> Result<(), ApiError> {
    let token = bearer_token(headers).ok_or_else(ApiError::invalid_authentication)?;
    let state = app.lock();
    let access = state
        .tokens
        .get(&token)
        .ok_or_else(ApiError::invalid_authentication)?;
    if let Some(expires_at) = access.expires_at {
        let now = Instant::now();
        if now >= expires_at {
            let minutes_ago = (now - expires_at).as_secs() / 60;
            return Err(ApiError::expired_authentication(minutes_ago));
        }
    }
    if accepted.iter().any(|scope| access.grants(scope)) {
        Ok(())
    } else {
        Err(ApiError::missing_scope(
            accepted.first().copied().unwrap_or_default(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer abc"),
        );
        assert_eq!(bearer_token(&headers).as_deref(), Some("abc"));
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer_token(&headers), None);
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert_eq!(bearer_token(&headers), None);
    }
}
