//! Credentials ([`Auth`], [`OAuthCredentials`]) and the access token each request
//! carries: a fixed private-app token, or OAuth access tokens obtained with the
//! refresh-token grant.
//!
//! OAuth tokens are refreshed before they expire (with a margin for clock skew and
//! transit), by one caller at a time: the token state sits behind a tokio mutex held
//! across the token call, so N concurrent requests without a valid token cause exactly
//! one token request and all reuse its answer. A refresh token HubSpot rotates is kept.
//! Every secret is a [`SecretString`]; no `Debug` here prints one.

use std::fmt;
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tokio::sync::Mutex;

use super::retry::{self, RetryPolicy};
use crate::Error;
use crate::error::AuthErrorKind;

/// HubSpot's OAuth v1 token endpoint. HubSpot retires v1 on 2027-02-16 in favour of
/// `https://api.hubapi.com/oauth/2026-03/token`; set [`OAuthCredentials::token_url`] to
/// move early.
pub const DEFAULT_TOKEN_URL: &str = "https://api.hubapi.com/oauth/v1/token";

/// The longest margin before `expires_in` runs out at which a token is refreshed.
const MAX_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// How the client authenticates.
#[derive(Clone)]
pub struct Auth {
    kind: AuthKind,
}

#[derive(Clone)]
enum AuthKind {
    PrivateApp(SecretString),
    OAuth(OAuthCredentials),
}

impl Auth {
    /// A private app's access token, sent as `Authorization: Bearer <token>`. The app
    /// needs the scopes `crm.schemas.custom.read` (and `crm.schemas.custom.write` to
    /// change schemas).
    pub fn private_app(token: impl Into<SecretString>) -> Auth {
        Auth {
            kind: AuthKind::PrivateApp(token.into()),
        }
    }

    /// OAuth 2.0: access tokens are obtained (and refreshed) with the refresh-token
    /// grant at the credentials' token URL.
    pub fn oauth(credentials: OAuthCredentials) -> Auth {
        Auth {
            kind: AuthKind::OAuth(credentials),
        }
    }

    /// The token URL, for OAuth.
    pub(crate) fn token_url(&self) -> Option<&str> {
        match &self.kind {
            AuthKind::PrivateApp(_) => None,
            AuthKind::OAuth(credentials) => Some(&credentials.token_url),
        }
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            AuthKind::PrivateApp(_) => f.write_str("Auth::PrivateApp(<redacted>)"),
            AuthKind::OAuth(credentials) => {
                f.debug_tuple("Auth::OAuth").field(credentials).finish()
            }
        }
    }
}

/// What the OAuth refresh-token grant needs. Build it with [`OAuthCredentials::new`].
#[derive(Clone)]
pub struct OAuthCredentials {
    /// The app's client id (not a secret; shown by `Debug`).
    pub client_id: String,
    /// The app's client secret.
    pub client_secret: SecretString,
    /// The refresh token from the app's authorization.
    pub refresh_token: SecretString,
    /// Where tokens come from; [`DEFAULT_TOKEN_URL`] unless changed. Like the base URL
    /// it must be `https://`, or `http://` to a loopback host.
    pub token_url: String,
}

impl OAuthCredentials {
    /// Credentials for the default token URL, [`DEFAULT_TOKEN_URL`].
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
        refresh_token: impl Into<SecretString>,
    ) -> OAuthCredentials {
        OAuthCredentials {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            refresh_token: refresh_token.into(),
            token_url: DEFAULT_TOKEN_URL.to_owned(),
        }
    }

    /// Use another token endpoint (HubSpot's `/oauth/2026-03/token`, or a sandbox).
    pub fn token_url(mut self, url: impl Into<String>) -> OAuthCredentials {
        self.token_url = url.into();
        self
    }
}

impl fmt::Debug for OAuthCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("refresh_token", &"<redacted>")
            .field("token_url", &self.token_url)
            .finish()
    }
}

/// The access token one request carries, with the generation of the token state it
/// came from (so a 401 can tell whether someone refreshed since).
pub(crate) struct BearerToken {
    pub(crate) secret: SecretString,
    generation: u64,
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BearerToken(<redacted>, generation {})", self.generation)
    }
}

/// The live credentials of a client.
pub(crate) enum Session {
    PrivateApp(SecretString),
    OAuth(OAuthSession),
}

pub(crate) struct OAuthSession {
    client_id: String,
    client_secret: SecretString,
    token_url: String,
    state: Mutex<TokenState>,
}

struct TokenState {
    /// The refresh token to use next (replaced when HubSpot rotates it).
    refresh_token: SecretString,
    access: Option<AccessToken>,
    /// Bumped by every successful refresh.
    generation: u64,
}

struct AccessToken {
    secret: SecretString,
    /// When to stop using it and refresh; `None` when HubSpot gave no `expires_in`
    /// (then only a 401 triggers a refresh).
    refresh_at: Option<Instant>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Session::PrivateApp(_) => f.write_str("PrivateApp(<redacted>)"),
            Session::OAuth(session) => f
                .debug_struct("OAuth")
                .field("client_id", &session.client_id)
                .field("client_secret", &"<redacted>")
                .field("refresh_token", &"<redacted>")
                .field("token_url", &session.token_url)
                .finish(),
        }
    }
}

/// The margin before expiry at which a token is refreshed: a tenth of its lifetime,
/// at most a minute, so a 30-minute token is replaced a minute early and a
/// 2-second one 200 ms early.
pub(crate) fn refresh_margin(ttl: Duration) -> Duration {
    (ttl / 10).min(MAX_REFRESH_MARGIN)
}

/// A successful token answer. Only `access_token` is required.
#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
}

/// A failed token answer: HubSpot v1 sends `status`/`message`, OAuth 2.0 servers send
/// `error`/`error_description`.
#[derive(Deserialize, Default)]
struct TokenErrorBody {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
    #[serde(default, rename = "correlationId")]
    correlation_id: Option<String>,
}

impl Session {
    pub(crate) fn new(auth: Auth) -> Session {
        match auth.kind {
            AuthKind::PrivateApp(token) => Session::PrivateApp(token),
            AuthKind::OAuth(credentials) => Session::OAuth(OAuthSession {
                client_id: credentials.client_id,
                client_secret: credentials.client_secret,
                token_url: credentials.token_url,
                state: Mutex::new(TokenState {
                    refresh_token: credentials.refresh_token,
                    access: None,
                    generation: 0,
                }),
            }),
        }
    }

    /// True when a rejected access token can be replaced (OAuth).
    pub(crate) fn can_refresh(&self) -> bool {
        matches!(self, Session::OAuth(_))
    }

    /// The token for the next request, refreshing it first when it is missing or
    /// about to expire.
    pub(crate) async fn bearer(
        &self,
        http: &reqwest::Client,
        policy: &RetryPolicy,
    ) -> Result<BearerToken, Error> {
        match self {
            Session::PrivateApp(token) => Ok(BearerToken {
                secret: token.clone(),
                generation: 0,
            }),
            Session::OAuth(session) => {
                let mut state = session.state.lock().await;
                let now = Instant::now();
                let usable = state
                    .access
                    .as_ref()
                    .filter(|access| access.refresh_at.is_none_or(|at| now < at));
                if let Some(access) = usable {
                    return Ok(BearerToken {
                        secret: access.secret.clone(),
                        generation: state.generation,
                    });
                }
                session.refresh(&mut state, http, policy).await
            }
        }
    }

    /// HubSpot answered 401 to `failed`: refresh, unless another request already
    /// replaced that token (then its replacement is used), so concurrent 401s for the
    /// same token cause one refresh.
    pub(crate) async fn refresh_after_401(
        &self,
        failed: &BearerToken,
        http: &reqwest::Client,
        policy: &RetryPolicy,
    ) -> Result<(), Error> {
        if let Session::OAuth(session) = self {
            let mut state = session.state.lock().await;
            if state.generation == failed.generation {
                session.refresh(&mut state, http, policy).await?;
            }
        }
        Ok(())
    }
}

impl OAuthSession {
    /// One refresh-token grant (retried only when nothing reached the endpoint or it
    /// answered with a burst 429), stored into `state`.
    async fn refresh(
        &self,
        state: &mut TokenState,
        http: &reqwest::Client,
        policy: &RetryPolicy,
    ) -> Result<BearerToken, Error> {
        let mut attempts = 0u32;
        let mut waited = Duration::ZERO;
        loop {
            attempts += 1;
            let sent_at = Instant::now();
            tracing::debug!(token_url = %self.token_url, attempt = attempts, "requesting an OAuth access token");
            // The body carries the client secret and refresh token: it is built here
            // and never logged or copied into an error.
            let form = [
                ("grant_type", "refresh_token"),
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.client_secret.expose_secret()),
                ("refresh_token", state.refresh_token.expose_secret()),
            ];
            let result = http.post(&self.token_url).form(&form).send().await;
            let response = match result {
                Ok(response) => response,
                Err(err) => {
                    let wait = policy.backoff(attempts);
                    if err.is_connect() && policy.allows(attempts, waited, wait) {
                        tracing::warn!(token_url = %self.token_url, attempt = attempts, wait_ms = wait.as_millis() as u64, error = %err, "token endpoint unreachable; retrying");
                        waited += wait;
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return Err(Error::Auth {
                        kind: AuthErrorKind::TokenEndpoint,
                        status: None,
                        detail: None,
                        correlation_id: None,
                        source: Some(err),
                    });
                }
            };
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(|err| Error::Auth {
                kind: AuthErrorKind::TokenEndpoint,
                status: Some(status),
                detail: None,
                correlation_id: None,
                source: Some(err),
            })?;
            if (200..300).contains(&status) {
                return self.store(state, &body, sent_at, status);
            }
            let error: TokenErrorBody = serde_json::from_slice(&body).unwrap_or_default();
            // A 429 was not processed, so asking again cannot burn a rotated token.
            if status == 429 {
                let wait = retry::server_wait(status, &headers)
                    .unwrap_or_else(|| policy.backoff(attempts));
                if policy.allows(attempts, waited, wait) {
                    tracing::warn!(token_url = %self.token_url, status, attempt = attempts, wait_ms = wait.as_millis() as u64, "token endpoint rate-limited; retrying");
                    waited += wait;
                    tokio::time::sleep(wait).await;
                    continue;
                }
            }
            return Err(self.rejection(status, error, state));
        }
    }

    /// Keep a successful token answer and hand out its token.
    fn store(
        &self,
        state: &mut TokenState,
        body: &[u8],
        sent_at: Instant,
        status: u16,
    ) -> Result<BearerToken, Error> {
        // serde's message could quote a value of the body (a token), so only its
        // position is reported.
        let answer: TokenResponse = serde_json::from_slice(body).map_err(|e| Error::Auth {
            kind: AuthErrorKind::TokenEndpoint,
            status: Some(status),
            detail: Some(format!(
                "the answer is not a token response with an access_token (JSON problem at line {}, column {})",
                e.line(),
                e.column()
            )),
            correlation_id: None,
            source: None,
        })?;
        let rotated = match answer.refresh_token {
            Some(new) if !new.is_empty() && new != state.refresh_token.expose_secret() => {
                state.refresh_token = SecretString::from(new);
                true
            }
            _ => false,
        };
        let ttl = answer.expires_in.map(Duration::from_secs);
        state.access = Some(AccessToken {
            secret: SecretString::from(answer.access_token),
            refresh_at: ttl.map(|ttl| sent_at + ttl - refresh_margin(ttl)),
        });
        state.generation += 1;
        tracing::info!(
            token_url = %self.token_url,
            expires_in_secs = answer.expires_in,
            refresh_token_rotated = rotated,
            "obtained an OAuth access token"
        );
        let access = state.access.as_ref().expect("just stored");
        Ok(BearerToken {
            secret: access.secret.clone(),
            generation: state.generation,
        })
    }

    /// The error for a token answer that is not a success.
    fn rejection(&self, status: u16, body: TokenErrorBody, state: &TokenState) -> Error {
        let code = body
            .status
            .as_deref()
            .or(body.error.as_deref())
            .unwrap_or("");
        let kind = match code {
            "BAD_REFRESH_TOKEN" | "invalid_grant" => AuthErrorKind::BadRefreshToken,
            "BAD_CLIENT_ID" | "BAD_CLIENT_SECRET" | "invalid_client" | "unauthorized_client" => {
                AuthErrorKind::BadClientCredentials
            }
            _ => AuthErrorKind::TokenEndpoint,
        };
        let detail = body
            .message
            .or(body.error_description)
            .map(|text| self.scrub(text, state));
        Error::Auth {
            kind,
            status: Some(status),
            detail,
            correlation_id: body.correlation_id,
            source: None,
        }
    }

    /// Remove any credential a token endpoint echoed into its message.
    fn scrub(&self, mut text: String, state: &TokenState) -> String {
        for secret in [
            self.client_secret.expose_secret(),
            state.refresh_token.expose_secret(),
        ] {
            if !secret.is_empty() {
                text = text.replace(secret, "<redacted>");
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margin_is_a_tenth_of_the_lifetime_up_to_a_minute() {
        assert_eq!(
            refresh_margin(Duration::from_secs(1800)),
            Duration::from_secs(60)
        );
        assert_eq!(
            refresh_margin(Duration::from_secs(300)),
            Duration::from_secs(30)
        );
        assert_eq!(
            refresh_margin(Duration::from_secs(2)),
            Duration::from_millis(200)
        );
        assert_eq!(refresh_margin(Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn debug_never_shows_secrets() {
        let oauth = Auth::oauth(
            OAuthCredentials::new("client-1", "client-secret-xyz", "refresh-abc")
                .token_url("http://127.0.0.1:9/token"),
        );
        let private = Auth::private_app("pat-na1-secret");
        let text = format!(
            "{oauth:?} {private:?} {:?} {:?}",
            Session::new(oauth.clone()),
            Session::new(private.clone())
        );
        for secret in ["client-secret-xyz", "refresh-abc", "pat-na1-secret"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(text.contains("client-1"), "{text}");
        assert!(text.contains("http://127.0.0.1:9/token"), "{text}");
    }

    #[test]
    fn default_token_url_is_v1() {
        let c = OAuthCredentials::new("id", "s", "r");
        assert_eq!(c.token_url, "https://api.hubapi.com/oauth/v1/token");
    }

    fn session() -> (OAuthSession, TokenState) {
        let session = match Session::new(Auth::oauth(OAuthCredentials::new(
            "id",
            "the-secret",
            "the-refresh",
        ))) {
            Session::OAuth(s) => s,
            Session::PrivateApp(_) => unreachable!(),
        };
        let state = TokenState {
            refresh_token: SecretString::from("the-refresh"),
            access: None,
            generation: 0,
        };
        (session, state)
    }

    #[test]
    fn token_answers_are_stored_with_rotation_and_expiry() {
        let (session, mut state) = session();
        let now = Instant::now();
        let token = session
            .store(
                &mut state,
                br#"{"access_token":"a1","refresh_token":"r2","expires_in":1800,"token_type":"bearer"}"#,
                now,
                200,
            )
            .unwrap();
        assert_eq!(token.secret.expose_secret(), "a1");
        assert_eq!(token.generation, 1);
        assert_eq!(state.refresh_token.expose_secret(), "r2");
        assert_eq!(
            state.access.as_ref().unwrap().refresh_at,
            Some(now + Duration::from_secs(1740))
        );
    }

    #[test]
    fn malformed_token_answer_never_quotes_the_body() {
        let (session, mut state) = session();
        let err = session
            .store(
                &mut state,
                br#"{"access_token": 12, "x": "leaky-token"}"#,
                Instant::now(),
                200,
            )
            .unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("leaky-token"), "{text}");
        assert!(!text.contains("12"), "{text}");
        assert!(matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::TokenEndpoint,
                ..
            }
        ));
    }

    #[test]
    fn rejections_are_classified_and_scrubbed() {
        let (session, state) = session();
        let bad = |json: &str| serde_json::from_str::<TokenErrorBody>(json).unwrap();
        let err = session.rejection(
            400,
            bad(r#"{"status":"BAD_REFRESH_TOKEN","message":"missing or unknown refresh token the-refresh","correlationId":"c1"}"#),
            &state,
        );
        assert!(matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::BadRefreshToken,
                ..
            }
        ));
        let text = err.to_string();
        assert!(text.contains("Re-authorize"), "{text}");
        assert!(!text.contains("the-refresh"), "{text}");
        assert_eq!(err.correlation_id(), Some("c1"));
        let err = session.rejection(
            400,
            bad(r#"{"error":"invalid_grant","error_description":"expired"}"#),
            &state,
        );
        assert!(matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::BadRefreshToken,
                ..
            }
        ));
        let err = session.rejection(400, bad(r#"{"status":"BAD_CLIENT_ID"}"#), &state);
        assert!(matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::BadClientCredentials,
                ..
            }
        ));
        let err = session.rejection(500, TokenErrorBody::default(), &state);
        assert!(matches!(
            err,
            Error::Auth {
                kind: AuthErrorKind::TokenEndpoint,
                status: Some(500),
                ..
            }
        ));
    }
}
