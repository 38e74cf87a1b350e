//! The OAuth token endpoint: the refresh-token grant, rotation, bad credentials, wrong
//! body encodings, and what the issued access tokens allow.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{Api, SCHEMAS, assert_correlation_id, egg};
use hubspot_sandbox::{SCHEMA_READ_SCOPE, SandboxConfig};

const CLIENT: &str = "client-1";
const SECRET: &str = "secret-1";
const REFRESH: &str = "refresh-1";

fn refresh_form<'a>(client: &'a str, secret: &'a str, refresh: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("grant_type", "refresh_token"),
        ("client_id", client),
        ("client_secret", secret),
        ("refresh_token", refresh),
    ]
}

#[tokio::test]
async fn refresh_issues_unique_access_tokens_with_the_clients_scopes() {
    let api = Api::start().await;
    api.sandbox
        .add_oauth_client(CLIENT, SECRET, REFRESH, &[SCHEMA_READ_SCOPE]);

    let first = api
        .token_form("/oauth/v1/token", &refresh_form(CLIENT, SECRET, REFRESH))
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let first = first.json();
    assert_eq!(first["token_type"], "bearer");
    assert_eq!(first["refresh_token"], REFRESH);
    assert_eq!(first["expires_in"], 1800);
    let access = first["access_token"].as_str().unwrap().to_owned();

    // Without rotation the same refresh token keeps working.
    let second = api
        .token_form("/oauth/v1/token", &refresh_form(CLIENT, SECRET, REFRESH))
        .await
        .json();
    let access2 = second["access_token"].as_str().unwrap().to_owned();
    assert_ne!(access, access2);
    assert_eq!(
        api.sandbox.issued_access_tokens(),
        [access.clone(), access2]
    );
    assert_eq!(
        api.sandbox.current_refresh_token(CLIENT).as_deref(),
        Some(REFRESH)
    );

    let read = api.send(Method::GET, SCHEMAS, Some(&access), None).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    let write = api
        .send(Method::POST, SCHEMAS, Some(&access), Some(&egg("cars")))
        .await;
    write.error(403, "MISSING_SCOPES");
}

#[tokio::test]
async fn the_date_versioned_token_path_works_the_same() {
    let api = Api::start().await;
    api.sandbox
        .add_oauth_client(CLIENT, SECRET, REFRESH, &[SCHEMA_READ_SCOPE]);
    let reply = api
        .token_form(
            "/oauth/2026-03/token",
            &refresh_form(CLIENT, SECRET, REFRESH),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(api.sandbox.issued_access_tokens().len(), 1);
}

#[tokio::test]
async fn rotation_replaces_the_refresh_token() {
    let api = Api::with(SandboxConfig {
        rotate_refresh_tokens: true,
        ..SandboxConfig::default()
    })
    .await;
    api.sandbox
        .add_oauth_client(CLIENT, SECRET, REFRESH, &[SCHEMA_READ_SCOPE]);

    let reply = api
        .token_form("/oauth/v1/token", &refresh_form(CLIENT, SECRET, REFRESH))
        .await
        .json();
    let rotated = reply["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(rotated, REFRESH);
    assert_eq!(
        api.sandbox.current_refresh_token(CLIENT),
        Some(rotated.clone())
    );

    let stale = api
        .token_form("/oauth/v1/token", &refresh_form(CLIENT, SECRET, REFRESH))
        .await;
    assert_eq!(stale.status, StatusCode::BAD_REQUEST);
    assert_eq!(stale.json()["status"], "BAD_REFRESH_TOKEN");

    let fresh = api
        .token_form("/oauth/v1/token", &refresh_form(CLIENT, SECRET, &rotated))
        .await;
    assert_eq!(fresh.status, StatusCode::OK, "{}", fresh.text);
    assert_ne!(fresh.json()["refresh_token"], json!(rotated));
}

#[tokio::test]
async fn bad_credentials_are_bad_refresh_token() {
    let api = Api::start().await;
    api.sandbox
        .add_oauth_client(CLIENT, SECRET, REFRESH, &[SCHEMA_READ_SCOPE]);
    let cases = [
        refresh_form("other-client", SECRET, REFRESH),
        refresh_form(CLIENT, "wrong-secret", REFRESH),
        refresh_form(CLIENT, SECRET, "wrong-refresh"),
        refresh_form(CLIENT, SECRET, ""),
        vec![("grant_type", "refresh_token"), ("client_id", CLIENT)],
    ];
    for form in cases {
        let reply = api.token_form("/oauth/v1/token", &form).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{form:?}");
        let body = reply.json();
        assert_eq!(body["status"], "BAD_REFRESH_TOKEN", "{form:?}");
        assert_eq!(body["message"], "missing or invalid refresh token");
        assert_correlation_id(&body);
    }
    assert!(api.sandbox.issued_access_tokens().is_empty());
}

#[tokio::test]
async fn json_bodies_and_other_grants_are_rejected() {
    let api = Api::start().await;
    api.sandbox
        .add_oauth_client(CLIENT, SECRET, REFRESH, &[SCHEMA_READ_SCOPE]);

    let response = api
        .http
        .post(api.url("/oauth/v1/token"))
        .json(&json!({
            "grant_type": "refresh_token",
            "client_id": CLIENT,
            "client_secret": SECRET,
            "refresh_token": REFRESH
        }))
        .send()
        .await
        .unwrap();
    let reply = crate::common::read(response).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let body = reply.json();
    assert_eq!(body["error"], "invalid_request");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("application/x-www-form-urlencoded"),
        "{body}"
    );

    let reply = api
        .token_form(
            "/oauth/v1/token",
            &[("grant_type", "password"), ("client_id", CLIENT)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let body = reply.json();
    assert_eq!(body["error"], "unsupported_grant_type");
    assert_eq!(body["status"], "BAD_GRANT_TYPE");
    assert_correlation_id(&body);
    assert!(api.sandbox.issued_access_tokens().is_empty());
}

#[tokio::test]
async fn zero_ttl_tokens_are_expired_on_arrival() {
    let api = Api::with(SandboxConfig {
        token_ttl: Duration::ZERO,
        ..SandboxConfig::default()
    })
    .await;
    api.sandbox
        .add_oauth_client(CLIENT, SECRET, REFRESH, &[SCHEMA_READ_SCOPE]);
    let reply = api
        .token_form("/oauth/v1/token", &refresh_form(CLIENT, SECRET, REFRESH))
        .await
        .json();
    assert_eq!(reply["expires_in"], 0);
    let access = reply["access_token"].as_str().unwrap();
    api.send(Method::GET, SCHEMAS, Some(access), None)
        .await
        .error(401, "EXPIRED_AUTHENTICATION");
}
