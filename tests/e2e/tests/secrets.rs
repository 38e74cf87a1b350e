//! Secrets (private-app token, client secret, refresh tokens, issued access tokens)
//! never reach `Debug`, `Display`, errors, or tracing output at TRACE level, across
//! every path that touches them: token refresh, rotation, forced refresh on a 401,
//! retries, and each kind of failure.
//!
//! One test, because it installs the process-wide tracing subscriber.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hubspot_runtime::{
    Auth, Client, ClientBuilder, Error, ListSchemas, OAuthCredentials, RetryPolicy,
};
use hubspot_sandbox::{
    Fault, FaultKind, RateLimitPolicy, SCHEMA_READ_SCOPE, Sandbox, SandboxConfig,
};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

const PRIVATE_TOKEN: &str = "pat-na1-PRIVATE-APP-SECRET-0001";
const CLIENT_ID: &str = "secrets-client";
const CLIENT_SECRET: &str = "CLIENT-SECRET-0002";
const REFRESH_TOKEN: &str = "REFRESH-TOKEN-0003";
const WRONG_REFRESH: &str = "WRONG-REFRESH-0004";

/// Everything the subscriber writes, shared with the test.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

impl Capture {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Record an error's Display, Debug and every source's.
fn show_error(shown: &mut Vec<String>, err: &Error) {
    shown.push(format!("{err}"));
    shown.push(format!("{err:?}"));
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        shown.push(format!("{inner} {inner:?}"));
        source = inner.source();
    }
}

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        max_total_wait: Duration::from_secs(5),
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
    }
}

fn oauth(sandbox: &Sandbox, refresh_token: &str) -> Auth {
    Auth::oauth(
        OAuthCredentials::new(CLIENT_ID, CLIENT_SECRET, refresh_token)
            .token_url(sandbox.token_url()),
    )
}

fn builder(sandbox: &Sandbox, auth: Auth) -> ClientBuilder {
    Client::builder()
        .auth(auth)
        .base_url(sandbox.base_url())
        .retry(fast_retry())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_never_reach_debug_display_errors_or_traces() {
    let capture = Capture::default();
    // TRACE for everything in the process: our crate, reqwest, hyper, rustls, `log`
    // records through tracing-log, and the in-process sandbox server too.
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new("trace"))
        .with_writer(capture.clone())
        .with_ansi(false)
        .init();

    let sandbox = Sandbox::start_with(SandboxConfig {
        token_ttl: Duration::from_secs(1),
        rotate_refresh_tokens: true,
        ..SandboxConfig::default()
    })
    .await;
    sandbox.add_token(PRIVATE_TOKEN, &[SCHEMA_READ_SCOPE]);
    sandbox.add_oauth_client(
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        &[SCHEMA_READ_SCOPE],
    );

    let mut shown: Vec<String> = Vec::new();

    // OAuth: first token, a retried 503, a forced refresh after a 401, a proactive
    // refresh with a rotated refresh token, then a 403 (write without the scope).
    let oauth_client = builder(&sandbox, oauth(&sandbox, REFRESH_TOKEN))
        .build()
        .unwrap();
    let schemas = oauth_client.schemas();
    schemas.list(&ListSchemas::default()).await.unwrap();
    sandbox.inject(Fault::new(FaultKind::Status(503)));
    schemas.list(&ListSchemas::default()).await.unwrap();
    sandbox.inject(Fault::new(FaultKind::ExpiredToken));
    schemas.list(&ListSchemas::default()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    schemas.list(&ListSchemas::default()).await.unwrap();
    show_error(&mut shown, &schemas.archive("nothing").await.unwrap_err());
    sandbox.inject(Fault::new(FaultKind::ExpiredToken).times(2));
    show_error(
        &mut shown,
        &schemas.list(&ListSchemas::default()).await.unwrap_err(),
    );
    sandbox.inject(Fault::new(FaultKind::Malformed));
    show_error(&mut shown, &schemas.get("anything").await.unwrap_err());
    sandbox.inject(Fault::new(FaultKind::Drop).times(3));
    show_error(
        &mut shown,
        &schemas.list(&ListSchemas::default()).await.unwrap_err(),
    );
    sandbox.inject(Fault::new(FaultKind::RateLimit {
        policy: RateLimitPolicy::Daily,
        retry_after_secs: None,
        interval_ms: None,
    }));
    show_error(
        &mut shown,
        &schemas.list(&ListSchemas::default()).await.unwrap_err(),
    );
    // The DAILY answer said nothing remains today: the next call fails fast, unsent.
    show_error(
        &mut shown,
        &schemas.list(&ListSchemas::default()).await.unwrap_err(),
    );
    shown.push(format!("{oauth_client:?}"));
    shown.push(format!("{schemas:?}"));

    // Bad refresh token, and a token endpoint that fails.
    let bad = builder(&sandbox, oauth(&sandbox, WRONG_REFRESH))
        .build()
        .unwrap();
    show_error(
        &mut shown,
        &bad.schemas()
            .list(&ListSchemas::default())
            .await
            .unwrap_err(),
    );
    sandbox.inject(Fault::new(FaultKind::Status(502)).on("POST", "/oauth/v1/token"));
    let failing = builder(&sandbox, oauth(&sandbox, REFRESH_TOKEN))
        .build()
        .unwrap();
    show_error(
        &mut shown,
        &failing
            .schemas()
            .list(&ListSchemas::default())
            .await
            .unwrap_err(),
    );

    // Private app: success, then the same token revoked.
    let private = builder(&sandbox, Auth::private_app(PRIVATE_TOKEN))
        .build()
        .unwrap();
    private
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    sandbox.revoke_token(PRIVATE_TOKEN);
    show_error(
        &mut shown,
        &private
            .schemas()
            .list(&ListSchemas::default())
            .await
            .unwrap_err(),
    );
    shown.push(format!("{private:?}"));

    // Credentials themselves, and a builder holding them.
    let credentials = OAuthCredentials::new(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN);
    shown.push(format!("{credentials:?}"));
    shown.push(format!("{:?}", Auth::oauth(credentials.clone())));
    shown.push(format!("{:?}", Auth::private_app(PRIVATE_TOKEN)));
    shown.push(format!(
        "{:?}",
        builder(&sandbox, Auth::private_app(PRIVATE_TOKEN))
    ));
    // An insecure URL with credentials in it is refused without echoing them.
    let insecure = Client::builder()
        .auth(Auth::private_app(PRIVATE_TOKEN))
        .base_url(format!("http://user:{CLIENT_SECRET}@example.com"))
        .build()
        .unwrap_err();
    show_error(&mut shown, &insecure);

    // The secrets, including every access token and refresh token the sandbox issued.
    let mut secrets: Vec<String> = vec![
        PRIVATE_TOKEN.into(),
        CLIENT_SECRET.into(),
        REFRESH_TOKEN.into(),
        WRONG_REFRESH.into(),
    ];
    let issued = sandbox.issued_access_tokens();
    assert!(issued.len() >= 4, "refreshes happened: {issued:?}");
    secrets.extend(issued);
    let rotated = sandbox.current_refresh_token(CLIENT_ID).unwrap();
    assert_ne!(rotated, REFRESH_TOKEN);
    secrets.push(rotated);

    let traces = capture.text();
    // the capture works and saw the interesting paths
    assert!(
        traces.contains("obtained an OAuth access token"),
        "{traces}"
    );
    assert!(traces.contains("retrying HubSpot request"), "{traces}");
    assert!(
        traces.contains("refreshing it and retrying once"),
        "{traces}"
    );
    assert!(traces.contains("TRACE"), "TRACE level was captured");
    assert!(
        traces.contains("hyper"),
        "the HTTP stack's own events were captured"
    );

    assert!(shown.len() > 20);
    for secret in &secrets {
        for text in &shown {
            assert!(
                !text.contains(secret.as_str()),
                "secret {secret:?} shown in {text}"
            );
        }
        assert!(
            !traces.contains(secret.as_str()),
            "secret {secret:?} in traces"
        );
    }
}
