//! Every fault kind as a client sees it over HTTP, plus matching, counting and order.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::{Api, SCHEMAS, assert_correlation_id, egg};
use hubspot_sandbox::{DEFAULT_TOKEN, Fault, FaultKind, RateLimitPolicy, SCHEMA_READ_SCOPE};

#[tokio::test]
async fn rate_limit_sends_hubspots_body_and_headers() {
    let api = Api::start().await;
    api.sandbox.inject(Fault::new(FaultKind::RateLimit {
        policy: RateLimitPolicy::TenSecondlyRolling,
        retry_after_secs: Some(3),
        interval_ms: Some(10_000),
    }));

    let reply = api.get(SCHEMAS).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    let body = reply.json();
    assert_eq!(body["status"], "error");
    assert_eq!(body["errorType"], "RATE_LIMIT");
    assert_eq!(body["policyName"], "TEN_SECONDLY_ROLLING");
    assert_eq!(
        body["message"],
        "You have reached your ten_secondly_rolling limit."
    );
    assert_correlation_id(&body);
    assert!(body["requestId"].as_str().is_some_and(|id| id.len() == 36));
    assert_eq!(reply.header("retry-after"), Some("3"));
    assert_eq!(
        reply.header("x-hubspot-ratelimit-interval-milliseconds"),
        Some("10000")
    );
    assert_eq!(reply.header("x-hubspot-ratelimit-max"), Some("190"));
    assert_eq!(reply.header("x-hubspot-ratelimit-remaining"), Some("0"));
    assert_eq!(reply.header("x-hubspot-ratelimit-daily"), Some("250000"));
    assert_eq!(
        reply.header("x-hubspot-ratelimit-daily-remaining"),
        Some("125000")
    );

    assert_eq!(api.sandbox.pending_faults(), 0);
    assert_eq!(api.get(SCHEMAS).await.status, StatusCode::OK);
    let seen = api.sandbox.requests();
    assert_eq!(
        seen[0].fault.as_deref(),
        Some("RateLimit(TEN_SECONDLY_ROLLING)")
    );
    assert_eq!(seen[0].status, 429);
    assert_eq!(seen[1].fault, None);
}

#[tokio::test]
async fn daily_rate_limit_without_interval_headers() {
    let api = Api::start().await;
    api.sandbox.inject(Fault::new(FaultKind::RateLimit {
        policy: RateLimitPolicy::Daily,
        retry_after_secs: None,
        interval_ms: None,
    }));
    let reply = api.get(SCHEMAS).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.json()["policyName"], "DAILY");
    assert_eq!(
        reply.json()["message"],
        "You have reached your daily limit."
    );
    assert_eq!(
        reply.header("x-hubspot-ratelimit-daily-remaining"),
        Some("0")
    );
    assert_eq!(reply.header("retry-after"), None);
    assert_eq!(
        reply.header("x-hubspot-ratelimit-interval-milliseconds"),
        None
    );
}

#[tokio::test]
async fn status_faults_do_not_process_the_request() {
    let api = Api::start().await;
    api.sandbox.inject(Fault::new(FaultKind::Status(502)));
    let reply = api.post(SCHEMAS, &egg("cars")).await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    assert_eq!(reply.header("content-type"), Some("text/html"));
    assert!(
        reply.text.contains("<title>502 Bad Gateway</title>"),
        "{}",
        reply.text
    );
    assert!(api.sandbox.schemas().is_empty());

    api.sandbox.inject(Fault::new(FaultKind::Status(524)));
    let reply = api.get(SCHEMAS).await;
    assert_eq!(reply.status.as_u16(), 524);
    assert!(
        reply.text.contains("524: A timeout occurred"),
        "{}",
        reply.text
    );

    api.sandbox.inject(Fault::new(FaultKind::Status(500)));
    let body = api.get(SCHEMAS).await.error(500, "INTERNAL_ERROR");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("internal error")
    );
}

#[tokio::test]
async fn status_after_processing_keeps_the_effect() {
    let api = Api::start().await;
    api.sandbox
        .inject(Fault::new(FaultKind::StatusAfterProcessing(502)).on("POST", SCHEMAS));
    let reply = api.post(SCHEMAS, &egg("cars")).await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    let stored = api.sandbox.schemas();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].name, "cars");
    // A retry now meets the 409 a real client has to cope with.
    api.post(SCHEMAS, &egg("cars"))
        .await
        .error(409, "OBJECT_ALREADY_EXISTS");
    let seen = api.sandbox.requests();
    assert_eq!(seen[0].fault.as_deref(), Some("StatusAfterProcessing(502)"));
    assert_eq!(seen[0].status, 502);
}

#[tokio::test]
async fn delay_holds_one_response_without_blocking_others() {
    let api = Api::start().await;
    api.sandbox
        .inject(Fault::new(FaultKind::Delay(Duration::from_millis(400))));

    let slow_client = reqwest::Client::new();
    let url = api.url(SCHEMAS);
    let started = Instant::now();
    let slow = tokio::spawn(async move {
        let response = slow_client
            .get(url)
            .bearer_auth(DEFAULT_TOKEN)
            .send()
            .await
            .unwrap();
        (response.status(), Instant::now())
    });
    // Wait until the slow request has arrived (and taken the fault).
    while api.sandbox.pending_faults() > 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let fast = api.get(SCHEMAS).await;
    let fast_done = Instant::now();
    assert_eq!(fast.status, StatusCode::OK);
    let (slow_status, slow_done) = slow.await.unwrap();
    assert_eq!(slow_status, StatusCode::OK);
    assert!(slow_done - started >= Duration::from_millis(400));
    assert!(
        fast_done < slow_done,
        "the fast request waited for the slow one"
    );
}

#[tokio::test]
async fn delay_trips_a_client_timeout() {
    let api = Api::start().await;
    api.sandbox
        .inject(Fault::new(FaultKind::Delay(Duration::from_millis(300))));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let err = client
        .get(api.url(SCHEMAS))
        .bearer_auth(DEFAULT_TOKEN)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(
        api.sandbox.requests()[0].fault.as_deref(),
        Some("Delay(300ms)")
    );
}

#[tokio::test]
async fn drop_closes_the_connection_without_a_response() {
    let api = Api::start().await;
    api.sandbox
        .inject(Fault::new(FaultKind::Drop).on("POST", SCHEMAS));

    let err = api
        .http
        .post(api.url(SCHEMAS))
        .bearer_auth(DEFAULT_TOKEN)
        .json(&egg("cars"))
        .send()
        .await
        .expect_err("a dropped connection is no response");
    assert!(err.status().is_none() && !err.is_timeout(), "{err:?}");
    assert!(err.is_request() || err.is_connect(), "{err:?}");
    assert!(
        api.sandbox.schemas().is_empty(),
        "a dropped request is not processed"
    );

    let seen = api.sandbox.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].fault.as_deref(), Some("Drop"));
    assert_eq!(seen[0].status, 0);

    // The same client recovers on a new connection.
    assert_eq!(api.get(SCHEMAS).await.status, StatusCode::OK);
}

#[tokio::test]
async fn drop_sends_no_byte_at_all() {
    let api = Api::start().await;
    api.sandbox.inject(Fault::new(FaultKind::Drop));
    let addr = api
        .sandbox
        .base_url()
        .trim_start_matches("http://")
        .to_owned();
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "GET {SCHEMAS} HTTP/1.1\r\nHost: sandbox\r\nAuthorization: Bearer {DEFAULT_TOKEN}\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    // EOF (Ok) or a reset (Err) — either way nothing was sent.
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut received))
        .await
        .expect("the sandbox closes the connection");
    assert!(
        received.is_empty(),
        "got {:?}",
        String::from_utf8_lossy(&received)
    );
}

#[tokio::test]
async fn malformed_is_a_200_that_is_not_json() {
    let api = Api::start().await;
    api.sandbox.inject(Fault::new(FaultKind::Malformed));
    let reply = api.post(SCHEMAS, &egg("cars")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply
            .header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    assert!(serde_json::from_str::<serde_json::Value>(&reply.text).is_err());
    assert!(api.sandbox.schemas().is_empty());
}

#[tokio::test]
async fn expired_token_fault_ignores_a_good_token() {
    let api = Api::start().await;
    api.sandbox.inject(Fault::new(FaultKind::ExpiredToken));
    api.get(SCHEMAS).await.error(401, "EXPIRED_AUTHENTICATION");
    assert_eq!(api.get(SCHEMAS).await.status, StatusCode::OK);
}

#[tokio::test]
async fn faults_match_method_and_prefix_count_down_and_apply_in_order() {
    let api = Api::start().await;
    api.sandbox.inject(
        Fault::new(FaultKind::Status(503))
            .times(2)
            .on("get", "/crm-object-schemas/v3/schemas/cars"),
    );
    api.sandbox.inject(Fault::new(FaultKind::Status(504)));
    api.sandbox
        .inject(Fault::new(FaultKind::Malformed).times(0));
    assert_eq!(api.sandbox.pending_faults(), 3);

    // The GET-only fault skips the POST; the next fault in line takes it.
    let reply = api.post(SCHEMAS, &egg("cars")).await;
    assert_eq!(reply.status.as_u16(), 504);
    assert_eq!(
        api.sandbox.requests()[0].fault.as_deref(),
        Some("Status(504)")
    );
    assert_eq!(api.sandbox.schemas().len(), 0);
    api.create(&egg("cars")).await;

    assert_eq!(
        api.get(&format!("{SCHEMAS}/cars")).await.status.as_u16(),
        503
    );
    assert_eq!(
        api.get(SCHEMAS).await.status,
        StatusCode::OK,
        "the prefix does not match"
    );
    assert_eq!(
        api.get(&format!("{SCHEMAS}/cars")).await.status.as_u16(),
        503
    );
    assert_eq!(api.sandbox.pending_faults(), 0);
    assert_eq!(
        api.get(&format!("{SCHEMAS}/cars")).await.status,
        StatusCode::OK
    );

    api.sandbox.inject(Fault::new(FaultKind::Drop).times(5));
    api.sandbox.clear_faults();
    assert_eq!(api.sandbox.pending_faults(), 0);
}

#[tokio::test]
async fn token_endpoint_faults_only_when_targeted() {
    let api = Api::start().await;
    api.sandbox
        .add_oauth_client("c", "s", "r", &[SCHEMA_READ_SCOPE]);
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", "c"),
        ("client_secret", "s"),
        ("refresh_token", "r"),
    ];
    api.sandbox.inject(Fault::new(FaultKind::Status(502)));
    assert_eq!(
        api.token_form("/oauth/v1/token", &form).await.status,
        StatusCode::OK
    );
    assert_eq!(
        api.sandbox.pending_faults(),
        1,
        "an API fault skips the token endpoint"
    );
    api.sandbox.clear_faults();

    api.sandbox.inject(
        Fault::new(FaultKind::RateLimit {
            policy: RateLimitPolicy::Secondly,
            retry_after_secs: Some(1),
            interval_ms: Some(1000),
        })
        .on("POST", "/oauth/v1/token"),
    );
    let reply = api.token_form("/oauth/v1/token", &form).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("x-hubspot-ratelimit-max"), Some("5"));
    assert_eq!(reply.json()["policyName"], json!("SECONDLY"));
    assert_eq!(api.sandbox.issued_access_tokens().len(), 1);
}
