//! HubSpot-shaped error responses: the `{"status":"error","message",…,"correlationId",
//! "category"}` body every failing API call returns, built in one place so each route
//! fails the way HubSpot does and every body carries a fresh correlation id.

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hubspot_runtime::schema::{ApiErrorBody, ErrorDetail};
use serde_json::{Value, json};

/// HubSpot's error categories used by the sandbox.
pub(crate) mod category {
    pub const VALIDATION_ERROR: &str = "VALIDATION_ERROR";
    pub const OBJECT_NOT_FOUND: &str = "OBJECT_NOT_FOUND";
    pub const OBJECT_ALREADY_EXISTS: &str = "OBJECT_ALREADY_EXISTS";
    pub const INVALID_AUTHENTICATION: &str = "INVALID_AUTHENTICATION";
    pub const EXPIRED_AUTHENTICATION: &str = "EXPIRED_AUTHENTICATION";
    pub const MISSING_SCOPES: &str = "MISSING_SCOPES";
}

/// A uuid-v4-shaped id (`8-4-4-4-12` lowercase hex) for `correlationId` / `requestId`.
/// HubSpot's ids have this shape; clients only log them, so randomness is enough.
pub(crate) fn correlation_id() -> String {
    let hex = format!("{:032x}", fastrand::u128(..));
    let variant = ['8', '9', 'a', 'b'][fastrand::usize(..4)];
    format!(
        "{}-{}-4{}-{}{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        variant,
        &hex[17..20],
        &hex[20..32]
    )
}

/// An error response: a status, a JSON body and any extra headers (rate-limit headers).
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub body: Value,
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl ApiError {
    /// HubSpot's standard error body: `status`, `message`, `correlationId`, `category`.
    pub fn new(status: StatusCode, category: &str, message: impl Into<String>) -> ApiError {
        ApiError::from_body(
            status,
            ApiErrorBody {
                status: Some("error".into()),
                message: Some(message.into()),
                category: Some(category.into()),
                correlation_id: Some(correlation_id()),
                ..ApiErrorBody::default()
            },
        )
    }

    /// A response whose body is HubSpot's error model (`ApiErrorBody`) as given.
    pub fn from_body(status: StatusCode, body: ApiErrorBody) -> ApiError {
        let body = serde_json::to_value(body).expect("ApiErrorBody always serializes");
        ApiError {
            status,
            body,
            headers: Vec::new(),
        }
    }

    /// A response with an arbitrary JSON body (OAuth errors have their own shape).
    pub fn raw(status: StatusCode, body: Value) -> ApiError {
        ApiError {
            status,
            body,
            headers: Vec::new(),
        }
    }

    /// 400 VALIDATION_ERROR with this message.
    pub fn validation(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, category::VALIDATION_ERROR, message)
    }

    /// 400 VALIDATION_ERROR with one `errors[]` entry locating the bad input, the way
    /// HubSpot reports a field that failed a rule.
    pub fn invalid_field(message: impl Into<String>, code: &str, field: &str) -> ApiError {
        let message = message.into();
        let mut err = ApiError::validation(message.clone());
        let detail = ErrorDetail {
            message,
            code: Some(code.into()),
            r#in: Some(field.into()),
            ..ErrorDetail::default()
        };
        err.body["errors"] = json!([detail]);
        err
    }

    /// 400 for a body that is not JSON (or not the JSON shape the operation takes).
    pub fn bad_json(err: &serde_json::Error) -> ApiError {
        ApiError::validation(format!(
            "Invalid input JSON on line {}, column {}: {}",
            err.line(),
            err.column(),
            err
        ))
    }

    /// 404 for an object type that resolves to nothing, in HubSpot's words.
    pub fn unknown_object_type(object_type: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            category::OBJECT_NOT_FOUND,
            format!("Unable to infer object type from: {object_type}"),
        )
    }

    /// 409 for a create that names something that already exists.
    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::CONFLICT,
            category::OBJECT_ALREADY_EXISTS,
            message,
        )
    }

    /// 401 for a missing, unknown or revoked token.
    pub fn invalid_authentication() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            category::INVALID_AUTHENTICATION,
            "Authentication credentials not found. This API supports OAuth 2.0 authentication \
             and you can find more details at \
             https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        )
    }

    /// 401 for an access token past its lifetime.
    pub fn expired_authentication(minutes_ago: u64) -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            category::EXPIRED_AUTHENTICATION,
            format!("The OAuth token used to make this call expired {minutes_ago} minute(s) ago."),
        )
    }

    /// 403 MISSING_SCOPES naming the scope the token lacks in
    /// `errors[0].context.requiredGranularScopes`.
    pub fn missing_scope(scope: &str) -> ApiError {
        let mut err = ApiError::new(
            StatusCode::FORBIDDEN,
            category::MISSING_SCOPES,
            "This app hasn't been granted all required scopes to make this call. \
             Read more about required scopes here: https://developers.hubspot.com/scopes.",
        );
        err.body["errors"] = json!([{
            "message": "One or more of the following scopes are required.",
            "context": { "requiredGranularScopes": [scope] },
        }]);
        err
    }

    /// Add a response header (rate-limit headers, `Retry-After`).
    pub fn with_header(mut self, name: HeaderName, value: impl ToString) -> ApiError {
        if let Ok(value) = HeaderValue::from_str(&value.to_string()) {
            self.headers.push((name, value));
        }
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, "application/json;charset=utf-8")],
            self.body.to_string(),
        )
            .into_response();
        for (name, value) in self.headers {
            response.headers_mut().append(name, value);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlation_ids_are_uuid_shaped_and_fresh() {
        let a = correlation_id();
        let b = correlation_id();
        assert_ne!(a, b);
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        assert_eq!(a.as_bytes()[14], b'4', "version nibble of {a}");
    }

    #[test]
    fn missing_scope_names_the_scope() {
        let err = ApiError::missing_scope("crm.schemas.custom.write");
        assert_eq!(err.status, StatusCode::FORBIDDEN);
        assert_eq!(err.body["category"], "MISSING_SCOPES");
        assert_eq!(
            err.body["errors"][0]["context"]["requiredGranularScopes"],
            json!(["crm.schemas.custom.write"])
        );
    }
}
