//! The authenticated HTTP client for HubSpot's CRM APIs ([`Client`]).
//!
//! - `builder`: [`ClientBuilder`], the options and their checks.
//! - `auth`: [`Auth`] (private-app token or OAuth refresh-token grant) and token refresh.
//! - `retry`: [`RetryPolicy`] and the pure decisions of when and how long to retry.
//! - `execute`: the single request executor all operations go through.
//! - `limiter`: the rate budget every request waits on ([`Limiter`], [`RateLimit`]).
//! - `paths` / `urls`: API paths with encoded segments; which URLs may carry a token.
//! - `schemas`: the CRM Schemas API v3 ([`Schemas`]).
//! - `records`: the CRM objects API over generated types ([`Objects`], from
//!   [`Client::objects`]).
//! - `object_path`: which `{objectType}` key a generated object type's requests carry.
//! - `resolve`: the account's own type ids of custom objects and associations, by
//!   name, listed once per client.
//! - `scopes`: the scopes each object's APIs need ([`ObjectScopes`]).
//! - `verify`: [`Client::verify`], the compiled types against the live account.
//! - `properties` / `pipelines`: the Properties API ([`Properties`]) and the Pipelines
//!   API ([`Pipelines`]).

mod auth;
mod builder;
pub mod limiter;
pub mod object_path;
mod pipelines;
mod properties;
pub mod scopes;
// `execute` and `paths` are crate-visible so the other API modules of this crate (the
// records API) reuse the same auth, retries and path encoding.
pub(crate) mod execute;
pub(crate) mod paths;
mod records;
pub(crate) mod resolve;
mod retry;
mod schemas;
mod urls;
mod verify;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

pub use auth::{Auth, DEFAULT_TOKEN_URL, OAuthCredentials};
pub use builder::{ClientBuilder, DEFAULT_BASE_URL, DEFAULT_BULK_CONCURRENCY, DEFAULT_USER_AGENT};
pub use limiter::{Limiter, RateLimit};
pub use pipelines::Pipelines;
pub use properties::{ListProperties, Properties, PropertyUpdate};
pub use records::*;
pub use resolve::ResolvedAssociation;
pub use retry::RetryPolicy;
pub use schemas::{GetSchema, ListSchemas, Schemas};
pub use scopes::{ObjectScopes, object_scopes};
pub use verify::Verify;

pub use crate::error::AuthErrorKind;

/// An authenticated HubSpot API client.
///
/// Cheap to clone (an `Arc` inside) and `Send + Sync`: clones share the connection pool
/// and the OAuth token, so one client can serve many tasks. Its `Debug` never shows a
/// credential.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// Without a trailing slash; paths start with one.
    base_url: String,
    session: auth::Session,
    retry: RetryPolicy,
    timeout: Duration,
    user_agent: String,
    /// `None`: requests are not paced (`ClientBuilder::no_rate_limit`).
    limiter: Option<Limiter>,
    /// How many requests one bulk read keeps in flight.
    bulk_concurrency: usize,
    /// The account's custom object and association type ids, listed once, shared by
    /// clones.
    resolver: resolve::Resolver,
}

impl Client {
    /// Start configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The API root requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The limiter pacing this client's requests; `None` when it was turned off.
    pub fn limiter(&self) -> Option<&Limiter> {
        self.inner.limiter.as_ref()
    }

    /// How many requests one bulk read (`batch_read` chunks) keeps in flight.
    pub fn bulk_concurrency(&self) -> usize {
        self.inner.bulk_concurrency
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("auth", &self.inner.session)
            .field("timeout", &self.inner.timeout)
            .field("user_agent", &self.inner.user_agent)
            .field("retry", &self.inner.retry)
            .field("limiter", &self.inner.limiter)
            .field("bulk_concurrency", &self.inner.bulk_concurrency)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}

    #[test]
    fn client_is_send_sync_clone() {
        assert_send_sync_clone::<Client>();
        assert_send_sync_clone::<Auth>();
    }
}
