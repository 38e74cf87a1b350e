//! Path parameters (`{objectType}`, `{associationIdentifier}`), percent-decoded by axum,
//! with a path that does not decode (invalid UTF-8 such as `%FF`) answered as a HubSpot
//! 400 instead of axum's plain-text rejection.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::errors::ApiError;

/// The route's path parameters, deserialized into `T` (a `String` or a tuple).
pub(crate) struct Params<T>(pub T);

impl<S, T> FromRequestParts<S> for Params<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(Params(value)),
            Err(rejection) => Err(ApiError::validation(format!(
                "Invalid path {}: {}",
                parts.uri.path(),
                rejection.body_text()
            ))),
        }
    }
}
