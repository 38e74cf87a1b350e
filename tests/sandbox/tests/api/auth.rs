//! Bearer auth on API routes: unknown, revoked and expired tokens (401) and missing
//! scopes (403 naming the scope).

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{Api, SCHEMAS, egg};
use hubspot_sandbox::{SCHEMA_READ_SCOPE, SCHEMA_WRITE_SCOPE};

#[tokio::test]
async fn missing_unknown_and_revoked_tokens_are_401_invalid_authentication() {
    let api = Api::start().await;
    api.sandbox.add_token("short-lived", &[SCHEMA_READ_SCOPE]);
    assert_eq!(
        api.send(Method::GET, SCHEMAS, Some("short-lived"), None)
            .await
            .status,
        StatusCode::OK
    );
    api.sandbox.revoke_token("short-lived");

    for token in [None, Some("not-a-token"), Some("short-lived")] {
        let reply = api.send(Method::GET, SCHEMAS, token, None).await;
        let body = reply.error(401, "INVALID_AUTHENTICATION");
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .starts_with("Authentication credentials not found."),
            "{body}"
        );
    }
    // A non-bearer scheme is no credential either.
    let response = api
        .http
        .get(api.url(SCHEMAS))
        .basic_auth("user", Some("pass"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn expired_token_is_401_expired_authentication() {
    let api = Api::start().await;
    api.sandbox.add_token("aging", &[SCHEMA_READ_SCOPE]);
    api.sandbox.expire_token("aging");
    let reply = api.send(Method::GET, SCHEMAS, Some("aging"), None).await;
    let body = reply.error(401, "EXPIRED_AUTHENTICATION");
    assert_eq!(
        body["message"],
        "The OAuth token used to make this call expired 0 minute(s) ago."
    );
}

#[tokio::test]
async fn a_read_token_cannot_write_and_a_write_token_cannot_read() {
    let api = Api::start().await;
    api.sandbox.add_token("reader", &[SCHEMA_READ_SCOPE]);
    api.sandbox.add_token("writer", &[SCHEMA_WRITE_SCOPE]);

    let denied = api
        .send(Method::POST, SCHEMAS, Some("reader"), Some(&egg("cars")))
        .await;
    let body = denied.error(403, "MISSING_SCOPES");
    assert_eq!(
        body["errors"][0]["context"]["requiredGranularScopes"],
        json!([SCHEMA_WRITE_SCOPE])
    );
    assert!(api.sandbox.schemas().is_empty());

    let created = api
        .send(Method::POST, SCHEMAS, Some("writer"), Some(&egg("cars")))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);

    let write_ops = [
        (Method::PATCH, format!("{SCHEMAS}/cars"), Some(json!({}))),
        (Method::DELETE, format!("{SCHEMAS}/cars"), None),
        (
            Method::POST,
            format!("{SCHEMAS}/cars/associations"),
            Some(json!({"fromObjectTypeId": "2-2468000", "toObjectTypeId": "0-2"})),
        ),
        (
            Method::DELETE,
            format!("{SCHEMAS}/cars/associations/200"),
            None,
        ),
    ];
    for (method, path, body) in write_ops {
        let reply = api
            .send(method.clone(), &path, Some("reader"), body.as_ref())
            .await;
        let error = reply.error(403, "MISSING_SCOPES");
        assert_eq!(
            error["errors"][0]["context"]["requiredGranularScopes"],
            json!([SCHEMA_WRITE_SCOPE]),
            "{method} {path}"
        );
    }

    let read_ops = [
        (Method::GET, SCHEMAS.to_owned(), None),
        (Method::GET, format!("{SCHEMAS}/cars"), None),
        (
            Method::POST,
            format!("{SCHEMAS}/batch/read"),
            Some(json!({"inputs": ["cars"]})),
        ),
    ];
    for (method, path, body) in read_ops {
        let denied = api
            .send(method.clone(), &path, Some("writer"), body.as_ref())
            .await;
        let error = denied.error(403, "MISSING_SCOPES");
        assert_eq!(
            error["errors"][0]["context"]["requiredGranularScopes"],
            json!([SCHEMA_READ_SCOPE]),
            "{method} {path}"
        );
        let allowed = api
            .send(method.clone(), &path, Some("reader"), body.as_ref())
            .await;
        assert_eq!(
            allowed.status,
            StatusCode::OK,
            "{method} {path}: {}",
            allowed.text
        );
    }
}

#[tokio::test]
async fn auth_is_checked_before_the_body() {
    let api = Api::start().await;
    let response = api
        .http
        .post(api.url(SCHEMAS))
        .header("content-type", "application/json")
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
