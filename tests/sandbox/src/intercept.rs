//! The middleware every request passes through first: it logs the request (before
//! anything can fail, so faulted and unauthenticated requests are seen too), applies the
//! first pending fault that matches, and records the status finally sent. A request
//! line over the configured limit is refused here (`request_line`).

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use std::time::Instant;

use crate::auth::bearer_token;
use crate::budget::Verdict;
use crate::errors::ApiError;
use crate::faults::{self, FaultKind};
use crate::server::ConnectionKill;
use crate::state::{AppState, SeenRequest};

/// Largest request body the sandbox reads (HubSpot's own limit is far lower).
const BODY_LIMIT: usize = 16 * 1024 * 1024;

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Log, maybe fault, handle, record the status.
pub(crate) async fn intercept(
    State(app): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    // HubSpot counts a request against the budget when it arrives.
    let arrived = Instant::now();
    let (parts, body) = request.into_parts();
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let body = to_bytes(body, BODY_LIMIT).await;
    let seen = SeenRequest {
        method: method.clone(),
        path: path.clone(),
        query: parts.uri.query().map(str::to_owned),
        bearer: bearer_token(&parts.headers),
        content_type: header_text(&parts.headers, header::CONTENT_TYPE),
        user_agent: header_text(&parts.headers, header::USER_AGENT),
        body: body
            .as_ref()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default(),
        status: 0,
        fault: None,
    };
    let line_len = crate::request_line::request_line_len(&parts);
    let line_limit = app.config().max_request_line;
    if line_len > line_limit {
        // Refused in front of the API: logged, never faulted or handled.
        let seq = app.lock().log_request(seen);
        let response = crate::request_line::too_long(line_len, line_limit);
        app.lock().set_status(seq, response.status().as_u16());
        return response;
    }
    let (seq, fault, verdict) = {
        let mut state = app.lock();
        let fault = state.take_fault(&method, &path);
        // A faulted request is not counted; the budget judges the others.
        let token = seen.bearer.clone();
        let verdict = match (&fault, &mut state.budget) {
            (None, Some(budget)) => budget.admit(token.as_deref(), &method, &path, arrived),
            _ => Verdict::Free,
        };
        let seq = state.log_request(SeenRequest {
            fault: fault.as_ref().map(FaultKind::name),
            ..seen
        });
        (seq, fault, verdict)
    };
    let rate_headers = match verdict {
        Verdict::Reject(response) => {
            app.lock().set_status(seq, response.status().as_u16());
            return response;
        }
        Verdict::Pass(headers) => Some(headers),
        Verdict::Free => None,
    };

    let response = match body {
        Err(e) => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "VALIDATION_ERROR",
            format!("Could not read the request body: {e}"),
        )
        .into_response(),
        Ok(bytes) => {
            let kill = parts.extensions.get::<ConnectionKill>().cloned();
            let request = Request::from_parts(parts, Body::from(bytes));
            match fault {
                None => next.run(request).await,
                Some(kind) => apply(kind, request, next, kill).await,
            }
        }
    };
    let mut response = response;
    if let Some(headers) = rate_headers {
        response.headers_mut().extend(headers);
    }
    app.lock().set_status(seq, response.status().as_u16());
    response
}

/// Run (or not) the request under an injected fault.
async fn apply(
    kind: FaultKind,
    request: Request,
    next: Next,
    kill: Option<ConnectionKill>,
) -> Response {
    match kind {
        FaultKind::RateLimit {
            policy,
            retry_after_secs,
            interval_ms,
        } => faults::rate_limit_response(policy, retry_after_secs, interval_ms),
        FaultKind::Status(status) => faults::status_response(status),
        FaultKind::StatusAfterProcessing(status) => {
            // The handler runs to completion (its effects stay), only its answer is lost.
            let _processed = next.run(request).await;
            faults::status_response(status)
        }
        FaultKind::Delay(delay) => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        FaultKind::Drop => match kill {
            Some(kill) => {
                // The connection task drops the connection (and this future with it)
                // as soon as it sees the signal; nothing is ever written.
                kill.kill();
                std::future::pending().await
            }
            None => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR",
                "the Drop fault needs the sandbox's own connection loop (Sandbox::start)",
            )
            .into_response(),
        },
        FaultKind::Malformed => faults::malformed_response(),
        FaultKind::ExpiredToken => ApiError::expired_authentication(1).into_response(),
    }
}
