//! OAuth 2.0 refresh-token grant against the sandbox's token endpoint: the token call
//! itself, refresh on first use and before expiry, single flight under concurrency,
//! rotated refresh tokens, one forced refresh on a 401, and the errors for bad
//! credentials.

use std::time::Duration;

use futures::future::join_all;
use hubspot_runtime::{
    Auth, AuthErrorKind, Client, Error, ListSchemas, OAuthCredentials, RetryPolicy,
};
use hubspot_sandbox::{
    Fault, FaultKind, SCHEMA_READ_SCOPE, SCHEMA_WRITE_SCOPE, Sandbox, SandboxConfig, SeenRequest,
};

const CLIENT_ID: &str = "e2e-client-id";
const CLIENT_SECRET: &str = "e2e-client-secret";
const REFRESH_TOKEN: &str = "e2e-refresh-token";
const TOKEN_PATH: &str = "/oauth/v1/token";

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        max_total_wait: Duration::from_secs(5),
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
    }
}

async fn sandbox_with(config: SandboxConfig) -> Sandbox {
    let sandbox = Sandbox::start_with(config).await;
    sandbox.add_oauth_client(
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        &[SCHEMA_READ_SCOPE, SCHEMA_WRITE_SCOPE],
    );
    sandbox
}

async fn sandbox() -> Sandbox {
    sandbox_with(SandboxConfig::default()).await
}

fn short_lived(ttl: Duration) -> SandboxConfig {
    SandboxConfig {
        token_ttl: ttl,
        ..SandboxConfig::default()
    }
}

fn oauth_client(sandbox: &Sandbox, refresh_token: &str) -> Client {
    let credentials = OAuthCredentials::new(CLIENT_ID, CLIENT_SECRET, refresh_token)
        .token_url(sandbox.token_url());
    Client::builder()
        .auth(Auth::oauth(credentials))
        .base_url(sandbox.base_url())
        .retry(fast_retry())
        .build()
        .unwrap()
}

fn token_calls(sandbox: &Sandbox) -> Vec<SeenRequest> {
    sandbox
        .requests()
        .into_iter()
        .filter(|r| r.path == TOKEN_PATH)
        .collect()
}

fn api_calls(sandbox: &Sandbox) -> Vec<SeenRequest> {
    sandbox
        .requests()
        .into_iter()
        .filter(|r| r.path != TOKEN_PATH)
        .collect()
}

/// The form fields of a token request body.
fn form(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

#[tokio::test]
async fn first_call_gets_a_token_with_a_form_encoded_refresh_grant() {
    let sandbox = sandbox().await;
    let client = oauth_client(&sandbox, REFRESH_TOKEN);
    client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();

    let seen = sandbox.requests();
    assert_eq!(seen.len(), 2);
    let token = &seen[0];
    assert_eq!(
        (token.method.as_str(), token.path.as_str()),
        ("POST", TOKEN_PATH)
    );
    assert_eq!(
        token.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        token.bearer, None,
        "credentials go in the body, not a header"
    );
    assert_eq!(
        form(&token.body),
        [
            ("grant_type".to_owned(), "refresh_token".to_owned()),
            ("client_id".to_owned(), CLIENT_ID.to_owned()),
            ("client_secret".to_owned(), CLIENT_SECRET.to_owned()),
            ("refresh_token".to_owned(), REFRESH_TOKEN.to_owned()),
        ]
    );
    assert_eq!(token.status, 200);
    let issued = sandbox.issued_access_tokens();
    assert_eq!(issued.len(), 1);
    assert_eq!(seen[1].bearer.as_deref(), Some(issued[0].as_str()));
    assert_eq!(seen[1].status, 200);

    // the token is reused while it is valid
    client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    assert_eq!(token_calls(&sandbox).len(), 1);
}

#[tokio::test]
async fn token_is_refreshed_before_it_expires() {
    let sandbox = sandbox_with(short_lived(Duration::from_secs(1))).await;
    let client = oauth_client(&sandbox, REFRESH_TOKEN);
    client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    // past the refresh margin (a tenth of the 1 s lifetime) but never sent expired
    tokio::time::sleep(Duration::from_millis(950)).await;
    client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();

    assert_eq!(token_calls(&sandbox).len(), 2);
    let issued = sandbox.issued_access_tokens();
    let api = api_calls(&sandbox);
    assert_eq!(
        api.iter().map(|r| r.status).collect::<Vec<_>>(),
        [200, 200],
        "no 401 was needed"
    );
    assert_eq!(api[0].bearer.as_deref(), Some(issued[0].as_str()));
    assert_eq!(api[1].bearer.as_deref(), Some(issued[1].as_str()));
    assert_ne!(issued[0], issued[1]);
}

#[tokio::test]
async fn twenty_concurrent_calls_share_one_token_request() {
    let sandbox = sandbox().await;
    let client = oauth_client(&sandbox, REFRESH_TOKEN);
    let calls = (0..20).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.schemas().list(&ListSchemas::default()).await })
    });
    for result in join_all(calls).await {
        result.unwrap().unwrap();
    }
    assert_eq!(token_calls(&sandbox).len(), 1);
    let issued = sandbox.issued_access_tokens();
    assert_eq!(issued.len(), 1);
    let api = api_calls(&sandbox);
    assert_eq!(api.len(), 20);
    assert!(
        api.iter()
            .all(|r| r.bearer.as_deref() == Some(issued[0].as_str()))
    );
}

#[tokio::test]
async fn twenty_concurrent_calls_after_expiry_share_one_refresh() {
    let sandbox = sandbox_with(short_lived(Duration::from_secs(1))).await;
    let client = oauth_client(&sandbox, REFRESH_TOKEN);
    client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let calls = (0..20).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.schemas().list(&ListSchemas::default()).await })
    });
    for result in join_all(calls).await {
        result.unwrap().unwrap();
    }
    assert_eq!(token_calls(&sandbox).len(), 2);
    let issued = sandbox.issued_access_tokens();
    let api = api_calls(&sandbox);
    assert_eq!(api.len(), 21);
    assert!(
        api[1..]
            .iter()
            .all(|r| r.bearer.as_deref() == Some(issued[1].as_str()))
    );
}

#[tokio::test]
async fn a_rotated_refresh_token_is_kept_and_used() {
    let sandbox = sandbox_with(SandboxConfig {
        token_ttl: Duration::from_secs(1),
        rotate_refresh_tokens: true,
        ..SandboxConfig::default()
    })
    .await;
    let client = oauth_client(&sandbox, REFRESH_TOKEN);
    client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    let rotated = sandbox
        .current_refresh_token(CLIENT_ID)
        .expect("client registered");
    assert_ne!(
        rotated, REFRESH_TOKEN,
        "the sandbox rotated the refresh token"
    );

    tokio::time::sleep(Duration::from_millis(1100)).await;
    client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();

    let calls = token_calls(&sandbox);
    assert_eq!(calls.len(), 2);
    assert!(form(&calls[1].body).contains(&("refresh_token".to_owned(), rotated.clone())));
    assert_eq!(
        calls[1].status, 200,
        "the old refresh token would have been refused"
    );
    assert_ne!(sandbox.current_refresh_token(CLIENT_ID), Some(rotated));
}

#[tokio::test]
async fn a_401_forces_one_refresh_and_one_retry() {
    let sandbox = sandbox().await;
    let client = oauth_client(&sandbox, REFRESH_TOKEN);
    sandbox.inject(Fault::new(FaultKind::ExpiredToken));
    let listed = client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    assert!(listed.is_empty());

    let seen = sandbox.requests();
    let shape: Vec<(String, u16)> = seen.iter().map(|r| (r.method.clone(), r.status)).collect();
    assert_eq!(
        shape,
        [
            ("POST".to_owned(), 200),
            ("GET".to_owned(), 401),
            ("POST".to_owned(), 200),
            ("GET".to_owned(), 200)
        ]
    );
    let issued = sandbox.issued_access_tokens();
    assert_eq!(issued.len(), 2);
    assert_eq!(seen[1].bearer.as_deref(), Some(issued[0].as_str()));
    assert_eq!(seen[3].bearer.as_deref(), Some(issued[1].as_str()));
}

#[tokio::test]
async fn a_401_for_a_post_create_is_retried_after_refresh() {
    // a 401 means the request was not processed, so even a create is sent again
    let sandbox = sandbox().await;
    let client = oauth_client(&sandbox, REFRESH_TOKEN);
    sandbox.inject(Fault::new(FaultKind::ExpiredToken).on("POST", "/crm-object-schemas"));
    let egg = hubspot_runtime::schema::ObjectSchemaEgg {
        name: "cars".into(),
        labels: hubspot_runtime::schema::ObjectTypeDefinitionLabels {
            singular: Some("Car".into()),
            plural: Some("Cars".into()),
            ..Default::default()
        },
        properties: vec![hubspot_runtime::schema::ObjectTypePropertyCreate {
            name: "make".into(),
            label: "Make".into(),
            r#type: "string".into(),
            field_type: "text".into(),
            ..Default::default()
        }],
        required_properties: vec!["make".into()],
        primary_display_property: Some("make".into()),
        ..Default::default()
    };
    client.schemas().create(&egg).await.unwrap();
    assert_eq!(
        api_calls(&sandbox)
            .iter()
            .map(|r| r.status)
            .collect::<Vec<_>>(),
        [401, 201]
    );
    assert_eq!(sandbox.schemas().len(), 1);
}

#[tokio::test]
async fn concurrent_401s_for_one_token_cause_one_refresh() {
    let sandbox = sandbox().await;
    let client = oauth_client(&sandbox, REFRESH_TOKEN);
    client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    let first = sandbox.issued_access_tokens()[0].clone();
    sandbox.expire_token(&first);

    let calls = (0..10).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.schemas().list(&ListSchemas::default()).await })
    });
    for result in join_all(calls).await {
        result.unwrap().unwrap();
    }
    assert_eq!(
        token_calls(&sandbox).len(),
        2,
        "one initial token, one refresh"
    );
    let issued = sandbox.issued_access_tokens();
    let api = api_calls(&sandbox);
    assert!(api.iter().filter(|r| r.status == 200).count() == 11);
    assert!(
        api.iter()
            .filter(|r| r.status == 401)
            .all(|r| r.bearer.as_deref() == Some(first.as_str()))
    );
    assert!(
        api.iter()
            .filter(|r| r.status == 200)
            .skip(1)
            .all(|r| r.bearer.as_deref() == Some(issued[1].as_str()))
    );
}

#[tokio::test]
async fn a_second_401_after_the_refresh_is_an_auth_error() {
    let sandbox = sandbox().await;
    let client = oauth_client(&sandbox, REFRESH_TOKEN);
    sandbox.inject(Fault::new(FaultKind::ExpiredToken).times(2));
    let err = client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::RejectedAfterRefresh,
                status: Some(401),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("even right after it was refreshed"),
        "{err}"
    );
    assert_eq!(token_calls(&sandbox).len(), 2);
    assert_eq!(api_calls(&sandbox).len(), 2);
}

#[tokio::test]
async fn a_bad_refresh_token_is_a_clear_auth_error() {
    let sandbox = sandbox().await;
    let client = oauth_client(&sandbox, "not-the-refresh-token");
    let err = client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::BadRefreshToken,
                ..
            }
        ),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(text.contains("rejected the refresh token"), "{text}");
    assert!(
        text.contains("Re-authorize the app to get a new refresh token"),
        "{text}"
    );
    assert!(!text.contains("not-the-refresh-token"), "{text}");
    assert_eq!(
        token_calls(&sandbox).len(),
        1,
        "a refused refresh token is not retried"
    );
    assert!(
        api_calls(&sandbox).is_empty(),
        "no API call without a token"
    );
}

#[tokio::test]
async fn a_wrong_client_secret_is_reported_as_such_or_as_a_bad_grant() {
    let sandbox = sandbox().await;
    let credentials = OAuthCredentials::new(CLIENT_ID, "wrong-secret", REFRESH_TOKEN)
        .token_url(sandbox.token_url());
    let client = Client::builder()
        .auth(Auth::oauth(credentials))
        .base_url(sandbox.base_url())
        .build()
        .unwrap();
    let err = client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    match &err {
        Error::Auth { kind, status, .. } => {
            assert!(
                matches!(
                    kind,
                    AuthErrorKind::BadClientCredentials | AuthErrorKind::BadRefreshToken
                ),
                "{kind:?}"
            );
            assert!(matches!(status, Some(400) | Some(401)), "{status:?}");
        }
        other => panic!("expected Auth, got {other:?}"),
    }
    assert!(!format!("{err} {err:?}").contains("wrong-secret"));
}

#[tokio::test]
async fn token_endpoint_failures_are_auth_errors_naming_the_status() {
    let sandbox = sandbox().await;
    sandbox.inject(Fault::new(FaultKind::Status(500)).on("POST", TOKEN_PATH));
    let err = oauth_client(&sandbox, REFRESH_TOKEN)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::TokenEndpoint,
                status: Some(500),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("it answered 500 Internal Server Error"),
        "{err}"
    );
    assert!(api_calls(&sandbox).is_empty());
}

#[tokio::test]
async fn a_rate_limited_token_call_is_retried() {
    let sandbox = sandbox().await;
    sandbox.inject(
        Fault::new(FaultKind::RateLimit {
            policy: hubspot_sandbox::RateLimitPolicy::TenSecondlyRolling,
            retry_after_secs: None,
            interval_ms: Some(50),
        })
        .on("POST", TOKEN_PATH),
    );
    oauth_client(&sandbox, REFRESH_TOKEN)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    assert_eq!(
        token_calls(&sandbox)
            .iter()
            .map(|r| r.status)
            .collect::<Vec<_>>(),
        [429, 200]
    );
}
