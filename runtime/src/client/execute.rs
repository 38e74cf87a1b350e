//! The one request executor every API operation goes through: it attaches the
//! access token, sends, retries by the [`RetryPolicy`](super::RetryPolicy) rules,
//! refreshes an OAuth token once on a 401, and turns failures into [`Error`]s.
//!
//! Operations only describe a request ([`ApiRequest`]) and pick how to read the answer
//! ([`Client::send_json`] or [`Client::send_no_content`]), so auth and retries behave
//! the same for the Schemas API and the records API.

use std::time::{Duration, Instant};

use reqwest::Method;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap};
use secrecy::ExposeSecret;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Client;
use super::auth::BearerToken;
use super::limiter::Permit;
use super::retry::{self, Failure};
use crate::Error;
use crate::error::AuthErrorKind;
use crate::schema::ApiErrorBody;

/// One API call, described: what to send and how it may be retried.
#[derive(Debug, Clone)]
pub(crate) struct ApiRequest {
    method: Method,
    /// Already percent-encoded (built by `paths`).
    path: String,
    query: Vec<(&'static str, String)>,
    /// Serialized JSON.
    body: Option<Vec<u8>>,
    idempotent: bool,
    /// The scope a `MISSING_SCOPES` answer most likely means, when HubSpot's answer
    /// does not name it.
    scope: Option<&'static str>,
}

impl ApiRequest {
    /// A request; every method but POST counts as idempotent (HubSpot's PATCH sets
    /// fields to given values, so repeating it is harmless).
    pub(crate) fn new(method: Method, path: String) -> ApiRequest {
        let idempotent = method != Method::POST;
        ApiRequest {
            method,
            path,
            query: Vec::new(),
            body: None,
            idempotent,
            scope: None,
        }
    }

    pub(crate) fn query(mut self, name: &'static str, value: impl ToString) -> ApiRequest {
        self.query.push((name, value.to_string()));
        self
    }

    pub(crate) fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Result<ApiRequest, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| Error::Config {
            message: format!(
                "The body of {} {} could not be written as JSON ({e}); check the values passed in.",
                self.method, self.path
            ),
        })?;
        self.body = Some(bytes);
        Ok(self)
    }

    /// Mark a POST that only reads (a batch read) as safe to repeat.
    pub(crate) fn idempotent(mut self, idempotent: bool) -> ApiRequest {
        self.idempotent = idempotent;
        self
    }

    pub(crate) fn scope(mut self, scope: &'static str) -> ApiRequest {
        self.scope = Some(scope);
        self
    }
}

/// A success answer.
pub(crate) struct ApiResponse {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

/// The answer to one attempt, whatever its status.
struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Client {
    /// Send `request` and read a JSON answer into `T`.
    pub(crate) async fn send_json<T: DeserializeOwned>(
        &self,
        request: &ApiRequest,
    ) -> Result<T, Error> {
        let response = self.send(request).await?;
        serde_json::from_slice(&response.body).map_err(|e| Error::Decode {
            method: request.method.to_string(),
            path: request.path.clone(),
            status: response.status,
            message: e.to_string(),
            snippet: Error::snippet(&response.body),
        })
    }

    /// Send `request` whose success answer has no body worth reading (204).
    pub(crate) async fn send_no_content(&self, request: &ApiRequest) -> Result<(), Error> {
        self.send(request).await.map(|_| ())
    }

    /// Send `request`, retrying as the policy allows, until a 2xx answer or an error.
    pub(crate) async fn send(&self, request: &ApiRequest) -> Result<ApiResponse, Error> {
        let inner = &self.inner;
        let policy = &inner.retry;
        let mut attempts = 0u32;
        let mut waited = Duration::ZERO;
        let mut refreshed = false;
        loop {
            attempts += 1;
            let token = inner.session.bearer(&inner.http, policy).await?;
            let permit = self.admit(request).await?;
            let started = Instant::now();
            tracing::debug!(method = %request.method, path = %request.path, attempt = attempts, "sending HubSpot request");
            let outcome = self.attempt(request, &token).await;
            if let (Some(permit), Ok(answer)) = (&permit, &outcome) {
                permit.observe(answer.status, &answer.headers);
            }
            drop(permit);
            let elapsed_ms = started.elapsed().as_millis() as u64;
            let (failure, server_wait, error) = match outcome {
                Ok(answer) if (200..300).contains(&answer.status) => {
                    tracing::debug!(method = %request.method, path = %request.path, status = answer.status, elapsed_ms, "HubSpot answered");
                    return Ok(ApiResponse {
                        status: answer.status,
                        body: answer.body,
                    });
                }
                Ok(answer) if answer.status == 401 => {
                    let body = parse_error_body(&answer.body).0;
                    if !refreshed && inner.session.can_refresh() {
                        refreshed = true;
                        tracing::info!(method = %request.method, path = %request.path, category = body.category.as_deref(), "HubSpot rejected the access token; refreshing it and retrying once");
                        inner
                            .session
                            .refresh_after_401(&token, &inner.http, policy)
                            .await?;
                        continue;
                    }
                    return Err(Error::Auth {
                        kind: if refreshed {
                            AuthErrorKind::RejectedAfterRefresh
                        } else {
                            AuthErrorKind::InvalidToken
                        },
                        status: Some(401),
                        detail: body.message,
                        correlation_id: body.correlation_id,
                        source: None,
                    });
                }
                Ok(answer) => {
                    let (body, snippet) = parse_error_body(&answer.body);
                    let wait = retry::server_wait(answer.status, &answer.headers);
                    let failure = Failure::Status {
                        status: answer.status,
                        policy: None,
                    };
                    let retryable = retry::should_retry(
                        Failure::Status {
                            status: answer.status,
                            policy: body.policy_name.as_deref(),
                        },
                        request.idempotent,
                    );
                    let error =
                        self.status_error(request, answer.status, body, snippet, wait, attempts);
                    (retryable.then_some(failure), wait, error)
                }
                Err(err) => {
                    let failure = classify(&err);
                    let retryable = retry::should_retry(failure, request.idempotent);
                    let error = self.transport_error(request, err, failure, attempts);
                    (retryable.then_some(failure), None, error)
                }
            };
            let Some(failure) = failure else {
                return Err(error);
            };
            let wait = server_wait.unwrap_or_else(|| policy.backoff(attempts));
            if !policy.allows(attempts, waited, wait) {
                return Err(error);
            }
            let status = match failure {
                Failure::Status { status, .. } => Some(status),
                _ => None,
            };
            tracing::warn!(
                method = %request.method,
                path = %request.path,
                status,
                failure = ?failure,
                attempt = attempts,
                wait_ms = wait.as_millis() as u64,
                "retrying HubSpot request"
            );
            waited += wait;
            tokio::time::sleep(wait).await;
        }
    }

    /// Wait for the rate budget to allow `request` (`limiter`); fail fast when the
    /// daily budget is used up.
    async fn admit(&self, request: &ApiRequest) -> Result<Option<Permit>, Error> {
        let Some(limiter) = &self.inner.limiter else {
            return Ok(None);
        };
        limiter
            .admit(&request.method, &request.path)
            .await
            .map(Some)
            .map_err(|exhausted| {
                tracing::warn!(method = %request.method, path = %request.path, "HubSpot's daily request budget is used up; not sending");
                Error::DailyLimitReached {
                    method: request.method.to_string(),
                    path: request.path.clone(),
                    daily: exhausted.budget,
                }
            })
    }

    /// Send once and read the whole answer.
    async fn attempt(
        &self,
        request: &ApiRequest,
        token: &BearerToken,
    ) -> Result<Answer, reqwest::Error> {
        let url = format!("{}{}", self.inner.base_url, request.path);
        let mut builder = self
            .inner
            .http
            .request(request.method.clone(), url)
            .bearer_auth(token.secret.expose_secret())
            .header(ACCEPT, "application/json");
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        if let Some(body) = &request.body {
            builder = builder
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let response = builder.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await?.to_vec();
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    /// The error for a non-2xx, non-401 answer.
    fn status_error(
        &self,
        request: &ApiRequest,
        status: u16,
        body: ApiErrorBody,
        snippet: Option<String>,
        wait: Option<Duration>,
        attempts: u32,
    ) -> Error {
        let method = request.method.to_string();
        let path = request.path.clone();
        if status == 429 {
            let daily = retry::is_daily(body.policy_name.as_deref());
            return Error::RateLimited {
                method,
                path,
                policy: body.policy_name,
                daily,
                attempts,
                retry_after: wait,
                correlation_id: body.correlation_id,
            };
        }
        if status == 403 && body.category.as_deref() == Some("MISSING_SCOPES") {
            let mut scopes = required_scopes(&body);
            if scopes.is_empty() {
                scopes.extend(request.scope.map(str::to_owned));
            }
            if !scopes.is_empty() {
                return Error::MissingScopes {
                    method,
                    path,
                    scopes,
                    body: Box::new(body),
                };
            }
        }
        Error::Api {
            status,
            method,
            path,
            body: Box::new(body),
            snippet,
            maybe_processed: !request.idempotent && status >= 500,
        }
    }

    /// The error for an attempt that got no complete answer.
    fn transport_error(
        &self,
        request: &ApiRequest,
        err: reqwest::Error,
        failure: Failure<'_>,
        attempts: u32,
    ) -> Error {
        let maybe_processed = !request.idempotent && failure != Failure::Connect;
        let method = request.method.to_string();
        let path = request.path.clone();
        if failure == Failure::Timeout {
            return Error::Timeout {
                method,
                path,
                attempts,
                timeout: self.inner.timeout,
                maybe_processed,
            };
        }
        Error::Transport {
            method,
            path,
            attempts,
            maybe_processed,
            source: err,
        }
    }
}

/// Where a transport failure happened: before anything was sent, or possibly after.
fn classify(err: &reqwest::Error) -> Failure<'static> {
    if err.is_connect() {
        Failure::Connect
    } else if err.is_timeout() {
        Failure::Timeout
    } else {
        Failure::Broken
    }
}

/// HubSpot's error body, leniently; a snippet of the raw body when it is not JSON
/// (a gateway's HTML page, a truncated answer).
pub(crate) fn parse_error_body(body: &[u8]) -> (ApiErrorBody, Option<String>) {
    match serde_json::from_slice::<ApiErrorBody>(body) {
        Ok(parsed) => (parsed, None),
        Err(_) => (ApiErrorBody::default(), Some(Error::snippet(body))),
    }
}

/// The scopes a `MISSING_SCOPES` body names in `errors[].context.requiredGranularScopes`
/// (or `requiredScopes`), in order, without repeats.
pub(crate) fn required_scopes(body: &ApiErrorBody) -> Vec<String> {
    let contexts = body
        .errors
        .iter()
        .filter_map(|e| e.context.as_ref())
        .chain(body.context.as_ref());
    let mut scopes: Vec<String> = Vec::new();
    for context in contexts {
        for key in ["requiredGranularScopes", "requiredScopes"] {
            if let Some(Value::Array(values)) = context.get(key) {
                for scope in values.iter().filter_map(Value::as_str) {
                    if !scopes.iter().any(|s| s == scope) {
                        scopes.push(scope.to_owned());
                    }
                }
            }
        }
    }
    scopes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_post_is_non_idempotent_by_default() {
        for method in [Method::GET, Method::PATCH, Method::DELETE, Method::PUT] {
            assert!(ApiRequest::new(method, "/x".into()).idempotent);
        }
        assert!(!ApiRequest::new(Method::POST, "/x".into()).idempotent);
        assert!(
            ApiRequest::new(Method::POST, "/x".into())
                .idempotent(true)
                .idempotent
        );
    }

    fn sandbox_less_client() -> Client {
        Client::builder()
            .auth(crate::Auth::private_app("t"))
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap()
    }

    #[test]
    fn missing_scopes_without_names_fall_back_to_the_operation_scope() {
        let client = sandbox_less_client();
        let body: ApiErrorBody =
            serde_json::from_str(r#"{"category":"MISSING_SCOPES","message":"no"}"#).unwrap();
        let write = ApiRequest::new(Method::POST, "/x".into()).scope("crm.schemas.custom.write");
        match client.status_error(&write, 403, body.clone(), None, None, 1) {
            Error::MissingScopes { scopes, .. } => assert_eq!(scopes, ["crm.schemas.custom.write"]),
            other => panic!("{other:?}"),
        }
        // without a known scope it stays a plain 403
        let unknown = ApiRequest::new(Method::GET, "/x".into());
        let err = client.status_error(&unknown, 403, body, None, None, 1);
        assert!(matches!(err, Error::Api { status: 403, .. }), "{err:?}");
    }

    #[test]
    fn status_errors_mark_unsafe_requests_that_may_have_been_processed() {
        let client = sandbox_less_client();
        let post = ApiRequest::new(Method::POST, "/x".into());
        let get = ApiRequest::new(Method::GET, "/x".into());
        let err = client.status_error(&post, 502, ApiErrorBody::default(), None, None, 1);
        assert!(matches!(
            err,
            Error::Api {
                maybe_processed: true,
                ..
            }
        ));
        let err = client.status_error(&get, 502, ApiErrorBody::default(), None, None, 1);
        assert!(matches!(
            err,
            Error::Api {
                maybe_processed: false,
                ..
            }
        ));
        let err = client.status_error(&post, 409, ApiErrorBody::default(), None, None, 1);
        assert!(matches!(
            err,
            Error::Api {
                maybe_processed: false,
                ..
            }
        ));
    }

    #[test]
    fn scopes_come_from_error_contexts() {
        let body: ApiErrorBody = serde_json::from_str(
            r#"{"category":"MISSING_SCOPES","errors":[
                {"message":"m","context":{"requiredGranularScopes":["crm.schemas.custom.write","crm.schemas.custom.read"]}},
                {"message":"m","context":{"requiredScopes":["crm.schemas.custom.write"]}}]}"#,
        )
        .unwrap();
        assert_eq!(
            required_scopes(&body),
            ["crm.schemas.custom.write", "crm.schemas.custom.read"]
        );
        assert!(required_scopes(&ApiErrorBody::default()).is_empty());
    }

    #[test]
    fn non_json_error_bodies_keep_a_snippet() {
        let (body, snippet) = parse_error_body(b"<html><h1>502 Bad Gateway</h1></html>");
        assert_eq!(body, ApiErrorBody::default());
        assert_eq!(
            snippet.as_deref(),
            Some("<html><h1>502 Bad Gateway</h1></html>")
        );
        let (body, snippet) = parse_error_body(br#"{"message":"nope","policyName":"DAILY"}"#);
        assert_eq!(body.policy_name.as_deref(), Some("DAILY"));
        assert_eq!(snippet, None);
    }
}
