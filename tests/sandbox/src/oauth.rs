//! The OAuth 2.0 token endpoint (`POST /oauth/v1/token`, and the date-versioned
//! `/oauth/2026-03/token` that replaces it): the refresh-token grant with form-encoded
//! credentials, answered with HubSpot's token body or its `BAD_REFRESH_TOKEN` error.

use std::collections::HashMap;
use std::time::Instant;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::json;

use crate::errors::{ApiError, category, correlation_id};
use crate::state::{AccessToken, AppState, random_token};

/// The token endpoint paths the sandbox serves.
pub(crate) const TOKEN_PATHS: &[&str] = &["/oauth/v1/token", "/oauth/2026-03/token"];

pub(crate) fn routes() -> Router<AppState> {
    TOKEN_PATHS.iter().fold(Router::new(), |router, path| {
        router.route(path, post(token))
    })
}

/// HubSpot's answer to an unknown client, wrong secret or stale refresh token.
fn bad_refresh_token() -> ApiError {
    ApiError::raw(
        StatusCode::BAD_REQUEST,
        json!({
            "status": "BAD_REFRESH_TOKEN",
            "message": "missing or invalid refresh token",
            "correlationId": correlation_id(),
        }),
    )
}

/// An OAuth-style 400 (`error`, `error_description`) that also carries HubSpot's fields.
fn oauth_error(status: &str, error: &str, message: String) -> ApiError {
    ApiError::raw(
        StatusCode::BAD_REQUEST,
        json!({
            "status": status,
            "message": message,
            "correlationId": correlation_id(),
            "category": category::VALIDATION_ERROR,
            "error": error,
            "error_description": message,
        }),
    )
}

async fn token(
    State(app): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw_query): RawQuery,
    body: Bytes,
) -> Result<Response, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let is_form = content_type.split(';').next().is_some_and(|mime| {
        mime.trim()
            .eq_ignore_ascii_case("application/x-www-form-urlencoded")
    });
    if !is_form {
        let sent = if content_type.is_empty() {
            "no Content-Type".to_owned()
        } else {
            format!("Content-Type {content_type}")
        };
        return Err(oauth_error(
            "BAD_REQUEST",
            "invalid_request",
            format!(
                "The token endpoint takes a form-encoded body (Content-Type: \
                 application/x-www-form-urlencoded), but the request has {sent}"
            ),
        ));
    }

    // HubSpot's spec also allows the credentials in the query; the body wins.
    let mut params: HashMap<String, String> =
        serde_urlencoded::from_str::<Vec<(String, String)>>(raw_query.as_deref().unwrap_or(""))
            .unwrap_or_default()
            .into_iter()
            .collect();
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).map_err(|e| {
        oauth_error(
            "BAD_REQUEST",
            "invalid_request",
            format!("The form-encoded body could not be read: {e}"),
        )
    })?;
    params.extend(form);

    let grant_type = params.get("grant_type").map(String::as_str).unwrap_or("");
    if grant_type != "refresh_token" {
        return Err(oauth_error(
            "BAD_GRANT_TYPE",
            "unsupported_grant_type",
            format!(
                "missing or unknown grant type '{grant_type}': the sandbox supports \
                 grant_type=refresh_token"
            ),
        ));
    }
    let param = |name: &str| params.get(name).map(String::as_str).unwrap_or("");
    let (client_id, client_secret, refresh_token) = (
        param("client_id"),
        param("client_secret"),
        param("refresh_token"),
    );

    let ttl = app.config().token_ttl;
    let rotate = app.config().rotate_refresh_tokens;
    let portal_id = app.config().portal_id;
    let mut state = app.lock();
    let client = match state.oauth_clients.get(client_id) {
        Some(c)
            if !refresh_token.is_empty()
                && c.client_secret == client_secret
                && c.refresh_token == refresh_token =>
        {
            c.clone()
        }
        _ => return Err(bad_refresh_token()),
    };

    let access_token = loop {
        let candidate = random_token("sandbox-at");
        if !state.tokens.contains_key(&candidate) {
            break candidate;
        }
    };
    state.tokens.insert(
        access_token.clone(),
        AccessToken {
            scopes: client.scopes.clone(),
            all_scopes: false,
            expires_at: Some(Instant::now() + ttl),
        },
    );
    state.issued_access_tokens.push(access_token.clone());
    let refresh_token = if rotate {
        let next = random_token("sandbox-rt");
        if let Some(c) = state.oauth_clients.get_mut(client_id) {
            c.refresh_token = next.clone();
        }
        next
    } else {
        client.refresh_token.clone()
    };

    Ok(Json(json!({
        "token_type": "bearer",
        "refresh_token": refresh_token,
        "access_token": access_token,
        "expires_in": ttl.as_secs(),
        "hub_id": portal_id,
        "scopes": client.scopes,
        "token_use": "access_token",
    }))
    .into_response())
}
