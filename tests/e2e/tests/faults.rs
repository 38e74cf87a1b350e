//! Each fault the sandbox can inject, handled by the real client as specified: what is
//! retried (and how long it waits first), what is not, and what the sandbox saw.
//!
//! The rule under test everywhere: a 429 was not processed, so any method is retried
//! (except the DAILY limit); gateway failures, timeouts and cut connections retry only
//! idempotent requests; a POST create is retried only when nothing reached the server.

use std::time::{Duration, Instant};

use hubspot_runtime::schema::{
    AssociationDefinitionEgg, ObjectSchemaBatchReadRequest, ObjectSchemaEgg,
    ObjectTypeDefinitionLabels, ObjectTypeDefinitionPatch, ObjectTypePropertyCreate,
};
use hubspot_runtime::{
    Auth, AuthErrorKind, Client, ClientBuilder, Error, ListSchemas, OAuthCredentials, RetryPolicy,
};
use hubspot_sandbox::{DEFAULT_TOKEN, Fault, FaultKind, RateLimitPolicy, Sandbox, SeenRequest};

const SCHEMAS: &str = "/crm-object-schemas/v3/schemas";

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        max_total_wait: Duration::from_secs(10),
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
    }
}

fn builder(sandbox: &Sandbox) -> ClientBuilder {
    Client::builder()
        .auth(Auth::private_app(DEFAULT_TOKEN))
        .base_url(sandbox.base_url())
        .retry(fast_retry())
}

fn client(sandbox: &Sandbox) -> Client {
    builder(sandbox).build().unwrap()
}

fn egg(name: &str) -> ObjectSchemaEgg {
    ObjectSchemaEgg {
        name: name.into(),
        labels: ObjectTypeDefinitionLabels {
            singular: Some("Car".into()),
            plural: Some("Cars".into()),
            ..Default::default()
        },
        properties: vec![ObjectTypePropertyCreate {
            name: "make".into(),
            label: "Make".into(),
            r#type: "string".into(),
            field_type: "text".into(),
            ..Default::default()
        }],
        required_properties: vec!["make".into()],
        primary_display_property: Some("make".into()),
        ..Default::default()
    }
}

/// The API requests (not token calls) with this method, in arrival order.
fn seen(sandbox: &Sandbox, method: &str) -> Vec<SeenRequest> {
    sandbox
        .requests()
        .into_iter()
        .filter(|r| r.method == method && r.path.starts_with(SCHEMAS))
        .collect()
}

fn faults(requests: &[SeenRequest]) -> Vec<Option<String>> {
    requests.iter().map(|r| r.fault.clone()).collect()
}

fn count_named(sandbox: &Sandbox, name: &str) -> usize {
    sandbox.schemas().iter().filter(|s| s.name == name).count()
}

fn rate_limit(
    policy: RateLimitPolicy,
    retry_after_secs: Option<u64>,
    interval_ms: Option<u64>,
) -> FaultKind {
    FaultKind::RateLimit {
        policy,
        retry_after_secs,
        interval_ms,
    }
}

// ---- POST create: never retried once it may have reached HubSpot ----

#[tokio::test]
async fn create_is_not_retried_after_502_after_processing_and_exists_once() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::StatusAfterProcessing(502)).on("POST", SCHEMAS));
    let err = client(&sandbox)
        .schemas()
        .create(&egg("cars"))
        .await
        .unwrap_err();

    match &err {
        Error::Api {
            status,
            maybe_processed,
            snippet,
            ..
        } => {
            assert_eq!(*status, 502);
            assert!(*maybe_processed);
            assert!(
                snippet.as_deref().unwrap_or("").contains("502"),
                "{snippet:?}"
            );
        }
        other => panic!("expected Api 502, got {other:?}"),
    }
    assert!(
        err.to_string().contains("may already have taken effect"),
        "{err}"
    );
    assert_eq!(
        seen(&sandbox, "POST").len(),
        1,
        "POST create must not be retried"
    );
    assert_eq!(
        count_named(&sandbox, "cars"),
        1,
        "the create took effect exactly once"
    );
}

#[tokio::test]
async fn create_is_not_retried_after_a_dropped_connection_and_does_not_exist() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::Drop).on("POST", SCHEMAS));
    let err = client(&sandbox)
        .schemas()
        .create(&egg("cars"))
        .await
        .unwrap_err();

    match &err {
        Error::Transport {
            attempts,
            maybe_processed,
            ..
        } => {
            assert_eq!(*attempts, 1);
            assert!(*maybe_processed);
        }
        other => panic!("expected Transport, got {other:?}"),
    }
    let posts = seen(&sandbox, "POST");
    assert_eq!(faults(&posts), [Some("Drop".to_owned())]);
    assert_eq!(posts[0].status, 0);
    assert_eq!(count_named(&sandbox, "cars"), 0);
}

#[tokio::test]
async fn create_is_not_retried_after_a_gateway_503() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::Status(503)).on("POST", SCHEMAS));
    let err = client(&sandbox)
        .schemas()
        .create(&egg("cars"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(seen(&sandbox, "POST").len(), 1);
    assert_eq!(count_named(&sandbox, "cars"), 0);
}

#[tokio::test]
async fn create_is_not_retried_after_a_timeout() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::Delay(Duration::from_millis(1500))).on("POST", SCHEMAS));
    let client = builder(&sandbox)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = client.schemas().create(&egg("cars")).await.unwrap_err();
    match &err {
        Error::Timeout {
            attempts,
            timeout,
            maybe_processed,
            ..
        } => {
            assert_eq!(*attempts, 1);
            assert_eq!(*timeout, Duration::from_millis(300));
            assert!(*maybe_processed);
        }
        other => panic!("expected Timeout, got {other:?}"),
    }
    // give a (wrong) retry time to show up before counting
    tokio::time::sleep(Duration::from_millis(200)).await;
    let posts = seen(&sandbox, "POST");
    assert_eq!(posts.len(), 1, "a create that timed out is not sent again");
    assert_eq!(posts[0].fault.as_deref(), Some("Delay(1.5s)"));
}

#[tokio::test]
async fn create_association_is_not_retried_after_504() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    let cars = client.schemas().create(&egg("cars")).await.unwrap();
    let path = format!("{SCHEMAS}/cars/associations");
    sandbox.inject(Fault::new(FaultKind::Status(504)).on("POST", &path));
    let association = AssociationDefinitionEgg {
        from_object_type_id: cars.object_type_id.clone().unwrap(),
        to_object_type_id: cars.object_type_id.clone().unwrap(),
        name: Some("car_car".into()),
    };
    let err = client
        .schemas()
        .create_association("cars", &association)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(504));
    let posts: Vec<_> = seen(&sandbox, "POST")
        .into_iter()
        .filter(|r| r.path == path)
        .collect();
    assert_eq!(posts.len(), 1);
    let schema = client.schemas().get("cars").await.unwrap();
    assert!(
        !schema
            .associations
            .iter()
            .flatten()
            .any(|a| a.name.as_deref() == Some("car_car"))
    );
}

#[tokio::test]
async fn create_is_retried_after_429_because_it_was_not_processed() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(
        Fault::new(rate_limit(RateLimitPolicy::TenSecondlyRolling, None, None)).on("POST", SCHEMAS),
    );
    let created = client(&sandbox)
        .schemas()
        .create(&egg("cars"))
        .await
        .unwrap();
    assert_eq!(created.name, "cars");
    let posts = seen(&sandbox, "POST");
    assert_eq!(
        faults(&posts),
        [Some("RateLimit(TEN_SECONDLY_ROLLING)".to_owned()), None]
    );
    assert_eq!(
        posts.iter().map(|r| r.status).collect::<Vec<_>>(),
        [429, 201]
    );
    assert_eq!(count_named(&sandbox, "cars"), 1);
}

#[tokio::test]
async fn create_is_retried_when_no_connection_could_be_opened() {
    // a port nothing listens on: the connection is refused, so nothing was sent
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::builder()
        .auth(Auth::private_app(DEFAULT_TOKEN))
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry(RetryPolicy {
            max_attempts: 3,
            ..fast_retry()
        })
        .build()
        .unwrap();
    let err = client.schemas().create(&egg("cars")).await.unwrap_err();
    match &err {
        Error::Transport {
            attempts,
            maybe_processed,
            ..
        } => {
            assert_eq!(*attempts, 3, "connect failures are retried even for POST");
            assert!(!*maybe_processed);
        }
        other => panic!("expected Transport, got {other:?}"),
    }
    assert!(err.is_retryable());
    assert!(err.to_string().contains("after 3 attempts"), "{err}");
}

// ---- idempotent requests: retried after gateway failures, cuts and timeouts ----

#[tokio::test]
async fn get_is_retried_after_503_until_it_succeeds() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::Status(503)).times(2));
    let listed = client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    assert!(listed.is_empty());
    let gets = seen(&sandbox, "GET");
    assert_eq!(
        gets.iter().map(|r| r.status).collect::<Vec<_>>(),
        [503, 503, 200]
    );
    assert_eq!(sandbox.pending_faults(), 0);
}

#[tokio::test]
async fn get_gives_up_with_the_last_error_when_attempts_run_out() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::Status(502)).times(10));
    let err = client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert!(err.is_retryable());
    match &err {
        Error::Api {
            maybe_processed,
            snippet,
            ..
        } => {
            assert!(!*maybe_processed, "a GET changes nothing");
            assert!(
                snippet.as_deref().unwrap_or("").contains("Bad Gateway"),
                "{snippet:?}"
            );
        }
        other => panic!("expected Api, got {other:?}"),
    }
    assert_eq!(seen(&sandbox, "GET").len(), 4, "max_attempts sends");
}

#[tokio::test]
async fn gateway_52x_statuses_are_retried_for_idempotent_requests() {
    for status in [521, 522, 523, 524, 504] {
        let sandbox = Sandbox::start().await;
        sandbox.inject(Fault::new(FaultKind::Status(status)));
        client(&sandbox)
            .schemas()
            .list(&ListSchemas::default())
            .await
            .unwrap();
        let statuses: Vec<u16> = seen(&sandbox, "GET").iter().map(|r| r.status).collect();
        assert_eq!(statuses, [status, 200]);
    }
}

#[tokio::test]
async fn a_500_is_not_retried() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::Status(500)));
    let err = client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(seen(&sandbox, "GET").len(), 1);
}

#[tokio::test]
async fn get_is_retried_after_a_dropped_connection() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::Drop).on("GET", SCHEMAS));
    client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    let gets = seen(&sandbox, "GET");
    assert_eq!(faults(&gets), [Some("Drop".to_owned()), None]);
    assert_eq!(gets.iter().map(|r| r.status).collect::<Vec<_>>(), [0, 200]);
}

#[tokio::test]
async fn get_is_retried_after_a_delay_beyond_the_timeout() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::Delay(Duration::from_secs(2))).on("GET", SCHEMAS));
    let client = builder(&sandbox)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(
        elapsed < Duration::from_secs(2),
        "did not wait for the slow answer: {elapsed:?}"
    );
    let gets = seen(&sandbox, "GET");
    assert_eq!(gets.len(), 2);
    assert_eq!(gets[0].fault.as_deref(), Some("Delay(2s)"));
    assert_eq!(gets[1].fault, None);
}

#[tokio::test]
async fn timeouts_end_in_a_timeout_error_naming_attempts() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::Delay(Duration::from_secs(1))).times(5));
    let client = builder(&sandbox)
        .timeout(Duration::from_millis(200))
        .retry(RetryPolicy {
            max_attempts: 2,
            ..fast_retry()
        })
        .build()
        .unwrap();
    let err = client.schemas().get("cars").await.unwrap_err();
    match &err {
        Error::Timeout {
            attempts,
            maybe_processed,
            ..
        } => {
            assert_eq!(*attempts, 2);
            assert!(!*maybe_processed);
        }
        other => panic!("expected Timeout, got {other:?}"),
    }
    assert!(
        err.to_string().contains("within 200 ms (2 attempts)"),
        "{err}"
    );
}

#[tokio::test]
async fn patch_is_retried_after_502() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    client.schemas().create(&egg("cars")).await.unwrap();
    sandbox.inject(Fault::new(FaultKind::Status(502)).on("PATCH", SCHEMAS));
    let patch = ObjectTypeDefinitionPatch {
        description: Some("retried".into()),
        ..Default::default()
    };
    let updated = client.schemas().update("cars", &patch).await.unwrap();
    assert_eq!(updated.description.as_deref(), Some("retried"));
    assert_eq!(
        seen(&sandbox, "PATCH")
            .iter()
            .map(|r| r.status)
            .collect::<Vec<_>>(),
        [502, 200]
    );
}

#[tokio::test]
async fn delete_is_retried_after_a_drop() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    client.schemas().create(&egg("cars")).await.unwrap();
    sandbox.inject(Fault::new(FaultKind::Drop).on("DELETE", SCHEMAS));
    client.schemas().archive("cars").await.unwrap();
    assert_eq!(
        seen(&sandbox, "DELETE")
            .iter()
            .map(|r| r.status)
            .collect::<Vec<_>>(),
        [0, 204]
    );
}

#[tokio::test]
async fn batch_read_is_a_read_and_is_retried_after_503() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    client.schemas().create(&egg("cars")).await.unwrap();
    let path = format!("{SCHEMAS}/batch/read");
    sandbox.inject(Fault::new(FaultKind::Status(503)).on("POST", &path));
    let read = client
        .schemas()
        .batch_read(&ObjectSchemaBatchReadRequest {
            inputs: vec!["cars".into()],
            include_association_definitions: true,
            include_audit_metadata: true,
            include_property_definitions: true,
        })
        .await
        .unwrap();
    assert_eq!(read.len(), 1);
    let statuses: Vec<u16> = seen(&sandbox, "POST")
        .iter()
        .filter(|r| r.path == path)
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [503, 200]);
}

// ---- 429 rate limits ----

#[tokio::test]
async fn ten_secondly_429_waits_retry_after_then_retries() {
    let sandbox = Sandbox::start().await;
    // the 10 s interval header is also sent: Retry-After must win
    sandbox.inject(Fault::new(rate_limit(
        RateLimitPolicy::TenSecondlyRolling,
        Some(1),
        Some(10_000),
    )));
    let started = Instant::now();
    client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_secs(1), "waited {elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "waited {elapsed:?}");
    let gets = seen(&sandbox, "GET");
    assert_eq!(
        gets.iter().map(|r| r.status).collect::<Vec<_>>(),
        [429, 200]
    );
}

#[tokio::test]
async fn secondly_429_waits_the_interval_header() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(rate_limit(
        RateLimitPolicy::Secondly,
        None,
        Some(700),
    )));
    let started = Instant::now();
    client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    let elapsed = started.elapsed();
    // the backoff alone is at most 20 ms: the wait came from the header
    assert!(elapsed >= Duration::from_millis(700), "waited {elapsed:?}");
    assert_eq!(
        seen(&sandbox, "GET")
            .iter()
            .map(|r| r.status)
            .collect::<Vec<_>>(),
        [429, 200]
    );
}

#[tokio::test]
async fn daily_429_is_not_retried_and_says_so() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(rate_limit(RateLimitPolicy::Daily, None, None)));
    let err = client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    match &err {
        Error::RateLimited {
            daily,
            attempts,
            policy,
            ..
        } => {
            assert!(*daily);
            assert_eq!(*attempts, 1);
            assert_eq!(policy.as_deref(), Some("DAILY"));
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.contains("daily API request limit for this account is reached"),
        "{text}"
    );
    assert!(
        text.contains("resets at midnight in the account's time zone"),
        "{text}"
    );
    assert!(err.correlation_id().is_some());
    assert_eq!(seen(&sandbox, "GET").len(), 1);
}

#[tokio::test]
async fn burst_429_that_never_lifts_ends_after_max_attempts() {
    let sandbox = Sandbox::start().await;
    sandbox
        .inject(Fault::new(rate_limit(RateLimitPolicy::TenSecondlyRolling, None, None)).times(10));
    let err = client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    match &err {
        Error::RateLimited {
            daily, attempts, ..
        } => {
            assert!(!*daily);
            assert_eq!(*attempts, 4);
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    assert!(err.to_string().contains("after 4 attempts"), "{err}");
    assert_eq!(seen(&sandbox, "GET").len(), 4);
}

#[tokio::test]
async fn a_wait_beyond_the_total_budget_returns_the_429_at_once() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(rate_limit(
        RateLimitPolicy::TenSecondlyRolling,
        Some(30),
        None,
    )));
    let client = builder(&sandbox)
        .retry(RetryPolicy {
            max_total_wait: Duration::from_secs(2),
            ..fast_retry()
        })
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    match &err {
        Error::RateLimited { retry_after, .. } => {
            assert_eq!(*retry_after, Some(Duration::from_secs(30)))
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    assert_eq!(seen(&sandbox, "GET").len(), 1);
}

// ---- bodies and auth ----

#[tokio::test]
async fn malformed_body_is_a_decode_error_with_a_snippet() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::Malformed));
    let err = client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    match &err {
        Error::Decode {
            status,
            snippet,
            path,
            ..
        } => {
            assert_eq!(*status, 200);
            assert_eq!(path, SCHEMAS);
            assert!(!snippet.is_empty());
            assert!(snippet.chars().count() <= 201);
            assert!(snippet.starts_with('{'), "{snippet}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert!(
        err.to_string()
            .contains("is not the JSON this call expects"),
        "{err}"
    );
    assert_eq!(seen(&sandbox, "GET").len(), 1, "a bad body is not retried");
}

#[tokio::test]
async fn private_app_401_is_an_auth_error_without_retry() {
    let sandbox = Sandbox::start().await;
    sandbox.add_token("soon-revoked", &[hubspot_sandbox::SCHEMA_READ_SCOPE]);
    sandbox.revoke_token("soon-revoked");
    let client = Client::builder()
        .auth(Auth::private_app("soon-revoked"))
        .base_url(sandbox.base_url())
        .retry(fast_retry())
        .build()
        .unwrap();
    let err = client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::InvalidToken,
                status: Some(401),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("HubSpot rejected the access token (401)"),
        "{err}"
    );
    let gets = seen(&sandbox, "GET");
    assert_eq!(gets.len(), 1);
    assert_eq!(gets[0].bearer.as_deref(), Some("soon-revoked"));
}

#[tokio::test]
async fn expired_token_fault_with_a_private_app_token_is_an_auth_error() {
    let sandbox = Sandbox::start().await;
    sandbox.inject(Fault::new(FaultKind::ExpiredToken));
    let err = client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::InvalidToken,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        seen(&sandbox, "GET").len(),
        1,
        "a private-app token cannot be refreshed"
    );
    assert!(
        sandbox
            .requests()
            .iter()
            .all(|r| !r.path.starts_with("/oauth/"))
    );
}

#[tokio::test]
async fn insecure_urls_are_refused_before_any_connection() {
    // example.com is never contacted: build() fails first
    let err = Client::builder()
        .auth(Auth::private_app(DEFAULT_TOKEN))
        .base_url("http://example.com")
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InsecureUrl {
                what: "base URL",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("only allowed to a loopback host"),
        "{err}"
    );

    let oauth = Auth::oauth(
        OAuthCredentials::new("id", "secret", "refresh")
            .token_url("http://example.com/oauth/v1/token"),
    );
    let err = Client::builder()
        .auth(oauth)
        .base_url("http://127.0.0.1:1")
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InsecureUrl {
                what: "OAuth token URL",
                ..
            }
        ),
        "{err:?}"
    );
}
