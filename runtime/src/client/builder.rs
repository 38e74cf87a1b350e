//! [`ClientBuilder`]: every option of a [`Client`], checked once in [`ClientBuilder::build`].

use std::sync::Arc;
use std::time::Duration;

use super::auth::Session;
use super::resolve::Resolver;
use super::{Auth, Client, Inner, Limiter, RateLimit, RetryPolicy, urls};
use crate::Error;

/// HubSpot's API root.
pub const DEFAULT_BASE_URL: &str = "https://api.hubapi.com";

/// The `User-Agent` sent unless [`ClientBuilder::user_agent`] changes it.
pub const DEFAULT_USER_AGENT: &str = concat!("hubspot-codegen/", env!("CARGO_PKG_VERSION"));

/// Builds a [`Client`]; start with [`Client::builder`].
///
/// ```no_run
/// # async fn run() -> Result<(), hubspot_runtime::Error> {
/// use hubspot_runtime::{Auth, Client, ListSchemas};
/// let client = Client::builder()
///     .auth(Auth::private_app(std::env::var("HUBSPOT_ACCESS_TOKEN").unwrap_or_default()))
///     .build()?;
/// let schemas = client.schemas().list(&ListSchemas::default()).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    auth: Option<Auth>,
    base_url: String,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    retry: RetryPolicy,
    limiter: Pacing,
    bulk_concurrency: usize,
}

/// The default number of requests one bulk read keeps in flight.
pub const DEFAULT_BULK_CONCURRENCY: usize = 4;

/// How the built client paces its requests.
#[derive(Debug, Clone)]
enum Pacing {
    /// A new limiter that learns the budget from the first answer.
    Learn,
    /// A new limiter with this budget.
    Configured(RateLimit),
    /// This limiter, shared with other clients.
    Shared(Limiter),
    /// No limiter: only 429s slow the client down.
    Off,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            auth: None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            retry: RetryPolicy::default(),
            limiter: Pacing::Learn,
            bulk_concurrency: DEFAULT_BULK_CONCURRENCY,
        }
    }
}

impl ClientBuilder {
    /// The credentials (required): [`Auth::private_app`] or [`Auth::oauth`].
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// The API root (default `https://api.hubapi.com`). Must be `https://`, or
    /// `http://` to a loopback host (127.0.0.0/8, `::1`, `localhost`) such as a local
    /// sandbox; anything else is refused by [`build`](Self::build).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The time one attempt may take, answer included (default 30 s). Retries get a
    /// fresh timeout each.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time opening a connection may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header (default `hubspot-codegen/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// How failed requests are retried (default [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Pace requests to this budget (default: learned from HubSpot's first answer, see
    /// [`Limiter::learning`]). Every clone of the built client shares the budget.
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.limiter = Pacing::Configured(limit);
        self
    }

    /// Share this limiter (and so one budget) with the other clients given it: several
    /// clients for one account (one per token or per task) then stay under the
    /// account's budget together.
    pub fn limiter(mut self, limiter: Limiter) -> Self {
        self.limiter = Pacing::Shared(limiter);
        self
    }

    /// Do not pace requests: only HubSpot's 429s (retried by the
    /// [`RetryPolicy`]) slow the client down, and the daily budget is not checked
    /// before sending.
    pub fn no_rate_limit(mut self) -> Self {
        self.limiter = Pacing::Off;
        self
    }

    /// How many requests one bulk read keeps in flight (default 4): `batch_read`
    /// sends its chunks of 100 ids this many at a time, all under the limiter.
    pub fn bulk_concurrency(mut self, requests: usize) -> Self {
        self.bulk_concurrency = requests;
        self
    }

    /// Check every option and build the client. Nothing is sent: an OAuth token is
    /// first requested by the first API call.
    pub fn build(self) -> Result<Client, Error> {
        let auth = self.auth.ok_or_else(|| Error::Config {
            message: "No credentials were given: call ClientBuilder::auth with Auth::private_app(token) or Auth::oauth(credentials).".to_owned(),
        })?;
        let base_url = urls::checked("base URL", &self.base_url)?;
        if let Some(token_url) = auth.token_url() {
            urls::checked("OAuth token URL", token_url)?;
        }
        if self.timeout.is_zero() || self.connect_timeout.is_zero() {
            return Err(Error::Config {
                message: "A timeout of zero would fail every request; give ClientBuilder::timeout and connect_timeout a positive duration.".to_owned(),
            });
        }
        if self.retry.max_attempts == 0 {
            return Err(Error::Config {
                message: "RetryPolicy::max_attempts is 0, so no request would ever be sent; use 1 to disable retries.".to_owned(),
            });
        }
        if self.bulk_concurrency == 0 {
            return Err(Error::Config {
                message: "ClientBuilder::bulk_concurrency is 0, so a bulk read would never send; use 1 or more.".to_owned(),
            });
        }
        let limiter = match self.limiter {
            Pacing::Learn => Some(Limiter::learning()),
            Pacing::Configured(limit) => {
                limit.check().map_err(|message| Error::Config { message })?;
                Some(Limiter::new(limit))
            }
            Pacing::Shared(limiter) => Some(limiter),
            Pacing::Off => None,
        };
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent.clone())
            // A redirect could carry the token elsewhere; HubSpot's API does not redirect.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Config {
                message: format!(
                    "The HTTP client could not be set up ({e}); check the user agent for characters a header cannot hold."
                ),
            })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: base_url.as_str().trim_end_matches('/').to_owned(),
                session: Session::new(auth),
                retry: self.retry,
                timeout: self.timeout,
                user_agent: self.user_agent,
                limiter,
                bulk_concurrency: self.bulk_concurrency,
                resolver: Resolver::default(),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OAuthCredentials;

    #[test]
    fn defaults() {
        let b = ClientBuilder::default();
        assert_eq!(b.base_url, "https://api.hubapi.com");
        assert_eq!(b.timeout, Duration::from_secs(30));
        assert_eq!(
            b.user_agent,
            format!("hubspot-codegen/{}", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(b.retry, RetryPolicy::default());
    }

    #[test]
    fn build_requires_auth() {
        let err = Client::builder().build().unwrap_err();
        assert!(err.to_string().contains("ClientBuilder::auth"), "{err}");
    }

    #[test]
    fn insecure_base_and_token_urls_are_refused() {
        let err = Client::builder()
            .auth(Auth::private_app("t"))
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
        let oauth = Auth::oauth(
            OAuthCredentials::new("id", "s", "r").token_url("http://example.com/oauth/v1/token"),
        );
        let err = Client::builder().auth(oauth).build().unwrap_err();
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

    #[test]
    fn base_url_loses_its_trailing_slash_and_zero_settings_are_refused() {
        let client = Client::builder()
            .auth(Auth::private_app("t"))
            .base_url("http://127.0.0.1:9/prefix/")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:9/prefix");
        assert!(
            Client::builder()
                .auth(Auth::private_app("t"))
                .timeout(Duration::ZERO)
                .build()
                .is_err()
        );
        let never = RetryPolicy {
            max_attempts: 0,
            ..RetryPolicy::default()
        };
        assert!(
            Client::builder()
                .auth(Auth::private_app("t"))
                .retry(never)
                .build()
                .is_err()
        );
    }
}
