//! The front proxy's request-line limit: a line of exactly the limit passes, one byte
//! more gets 414 with a short HTML page, and the request log records the refusal.

use hubspot_sandbox::{DEFAULT_MAX_REQUEST_LINE, DEFAULT_TOKEN, SandboxConfig};
use reqwest::StatusCode;

use crate::common::{Api, read};

const PREFIX: &str = "/crm/v3/objects/contacts?properties=";

/// A request target whose `GET <target> HTTP/1.1` line is exactly `len` bytes.
fn target_for_line(len: usize) -> String {
    let fixed = "GET ".len() + PREFIX.len() + " HTTP/1.1".len();
    format!("{PREFIX}{}", "a".repeat(len - fixed))
}

async fn get_line(api: &Api, len: usize) -> crate::common::Reply {
    let response = api
        .http
        .get(api.url(&target_for_line(len)))
        .bearer_auth(DEFAULT_TOKEN)
        .send()
        .await
        .expect("request reaches the sandbox");
    read(response).await
}

#[tokio::test]
async fn lines_over_8_kib_get_414_and_are_logged() {
    let api = Api::start().await;
    assert_eq!(api.sandbox.config().max_request_line, 8192);
    assert_eq!(DEFAULT_MAX_REQUEST_LINE, 8192);
    for len in [8191, 8192] {
        let reply = get_line(&api, len).await;
        assert_eq!(reply.status, StatusCode::OK, "{len}: {}", reply.text);
    }
    let refused = get_line(&api, 8193).await;
    assert_eq!(refused.status, StatusCode::URI_TOO_LONG);
    assert_eq!(refused.header("content-type"), Some("text/html"));
    assert!(
        refused.text.contains("414 Request-URI Too Large")
            && refused
                .text
                .contains("request line of 8193 bytes; at most 8192 allowed"),
        "{}",
        refused.text
    );
    let log = api.sandbox.requests();
    let statuses: Vec<u16> = log.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 200, 414]);
    let last = log.last().unwrap();
    assert_eq!(last.path, "/crm/v3/objects/contacts");
    assert_eq!(
        last.query.as_deref().map(str::len),
        Some(8193 - "GET /crm/v3/objects/contacts? HTTP/1.1".len())
    );
}

#[tokio::test]
async fn the_limit_is_configurable() {
    let api = Api::with(SandboxConfig {
        max_request_line: 100,
        ..SandboxConfig::default()
    })
    .await;
    assert_eq!(get_line(&api, 100).await.status, StatusCode::OK);
    assert_eq!(get_line(&api, 101).await.status, StatusCode::URI_TOO_LONG);
}
