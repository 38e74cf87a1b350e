//! The rate budget: a [`Limiter`] every request of a [`Client`](super::Client) waits on
//! before it is sent, so bulk work runs at HubSpot's budget without 429s.
//!
//! HubSpot gives an app, per account, a burst budget per rolling window (100 or 190
//! requests per 10 s by tier, more with the capacity add-on), 5 requests per second
//! for search (`POST …/search`, whose answers carry no rate headers) and a daily
//! budget. Answers carry `X-HubSpot-RateLimit-Max`, `-Remaining`,
//! `-Interval-Milliseconds`, `-Daily` and `-Daily-Remaining`.
//!
//! - Every request takes a slot of the burst budget; a search also takes one of the
//!   search budget (first, so a search waiting for its turn holds no burst slot).
//!   Slots are handed out first come, first served.
//! - The burst budget is the configured [`RateLimit`], or learned: the first request
//!   goes out alone and its answer's `-Max` / `-Interval-Milliseconds` set the budget
//!   (an answer without them means no budget is announced, and requests are not paced
//!   until one is). Every answer's `-Remaining` keeps the count honest: when HubSpot
//!   says fewer remain than we count (another program uses the token), we count the
//!   difference as used.
//! - `-Daily-Remaining`: once it reaches 0, requests fail fast with
//!   [`Error::DailyLimitReached`](crate::Error::DailyLimitReached) instead of earning
//!   a `DAILY` 429; one request per [`DAILY_RECHECK`] still goes out to see whether the
//!   budget was reset (HubSpot resets it at midnight in the account's time zone).
//!
//! - `window`: one rolling-window budget and its fair queue.
//! - `headers`: the rate headers of an answer.

mod headers;
mod window;

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::Method;
use reqwest::header::HeaderMap;
use tokio::time::Instant;

pub(crate) use headers::RateHeaders;
use window::{Limit, SlotGuard, Window};

/// While the daily budget is used up, one request per this interval is still sent to
/// learn whether HubSpot has reset it.
pub const DAILY_RECHECK: Duration = Duration::from_secs(300);

/// A rate budget: `burst` requests per rolling `window`, and `search` search requests
/// per rolling `search_window`.
///
/// ```
/// use std::time::Duration;
/// use hubspot_runtime::RateLimit;
/// // A Professional account: 190 per 10 s, search 5 per second.
/// let pro = RateLimit::per_ten_seconds(190);
/// assert_eq!(pro.search, 5);
/// // A test sandbox scaled down twentyfold.
/// let fast = RateLimit::new(50, Duration::from_millis(500)).search_budget(5, Duration::from_millis(50));
/// assert_eq!(fast.window, Duration::from_millis(500));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests per `window`, search requests included.
    pub burst: u32,
    /// The rolling window of `burst` (HubSpot: 10 s).
    pub window: Duration,
    /// Search requests per `search_window` (HubSpot: 5).
    pub search: u32,
    /// The rolling window of `search` (HubSpot: 1 s).
    pub search_window: Duration,
    /// How long after sending a request HubSpot is assumed to have counted it, at
    /// most (its slot frees one window after that, or after the answer if sooner);
    /// `None`: the larger of 50 ms and 1/20 of the window.
    pub arrival_margin: Option<Duration>,
}

impl RateLimit {
    /// `burst` requests per `window`, with HubSpot's search budget (5 per second).
    pub const fn new(burst: u32, window: Duration) -> RateLimit {
        RateLimit {
            burst,
            window,
            search: 5,
            search_window: Duration::from_secs(1),
            arrival_margin: None,
        }
    }

    /// HubSpot's shape: `burst` requests per rolling 10 s (100 on Free and Starter,
    /// 190 on Professional and Enterprise), search 5 per second.
    pub const fn per_ten_seconds(burst: u32) -> RateLimit {
        RateLimit::new(burst, Duration::from_secs(10))
    }

    /// The search budget: `search` requests per `window`.
    pub const fn search_budget(mut self, search: u32, window: Duration) -> RateLimit {
        self.search = search;
        self.search_window = window;
        self
    }

    /// The arrival margin (see the field): lower it on a fast, steady network (a
    /// local sandbox) to use more of a short window.
    pub const fn arrival_margin(mut self, margin: Duration) -> RateLimit {
        self.arrival_margin = Some(margin);
        self
    }

    pub(crate) fn check(&self) -> Result<(), String> {
        if self.burst == 0 || self.search == 0 {
            return Err(format!(
                "RateLimit {self:?} allows no request at all; give burst and search at least 1, or turn the limiter off with ClientBuilder::no_rate_limit."
            ));
        }
        if self.window.is_zero() || self.search_window.is_zero() {
            return Err(format!(
                "RateLimit {self:?} has a zero window; give window and search_window a positive duration."
            ));
        }
        Ok(())
    }
}

/// The pacing shared by every clone of a [`Client`](super::Client), and by several
/// clients for one account when given to each ([`ClientBuilder::limiter`](super::ClientBuilder::limiter)).
/// Cheap to clone: clones share one budget.
#[derive(Clone)]
pub struct Limiter {
    shared: Arc<Shared>,
}

struct Shared {
    burst: Arc<Window>,
    search: Arc<Window>,
    daily: Mutex<Daily>,
}

#[derive(Debug, Default)]
struct Daily {
    /// Requests left today, as the latest answer said less what we sent since.
    remaining: Option<u64>,
    /// `X-HubSpot-RateLimit-Daily`.
    budget: Option<u64>,
    /// When a request last went out with nothing left (the recheck).
    last_recheck: Option<Instant>,
    /// Requests admitted so far (orders answers against later sends).
    admitted: u64,
}

impl fmt::Debug for Limiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Limiter")
            .field("burst", &self.shared.burst.limit())
            .field("search", &self.shared.search.limit())
            .field("daily_remaining", &self.daily_remaining())
            .finish()
    }
}

impl Default for Limiter {
    fn default() -> Self {
        Limiter::learning()
    }
}

/// Why a request was not sent: the daily budget is used up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DailyExhausted {
    pub(crate) budget: Option<u64>,
}

impl Limiter {
    /// A limiter with this budget (answers' `-Remaining` still lower it when another
    /// program uses the same token).
    pub fn new(limit: RateLimit) -> Limiter {
        Limiter::with(
            Limit::Known {
                max: limit.burst,
                interval: limit.window,
            },
            true,
            limit,
        )
    }

    /// A limiter that learns the burst budget from the first answer's headers (what a
    /// client uses unless told otherwise), with HubSpot's search budget (5 per second).
    pub fn learning() -> Limiter {
        Limiter::with(Limit::Probe, false, RateLimit::per_ten_seconds(100))
    }

    fn with(burst: Limit, fixed: bool, limit: RateLimit) -> Limiter {
        Limiter {
            shared: Arc::new(Shared {
                burst: Arc::new(Window::new(burst, fixed, limit.arrival_margin)),
                search: Arc::new(Window::new(
                    Limit::Known {
                        max: limit.search,
                        interval: limit.search_window,
                    },
                    true,
                    limit.arrival_margin,
                )),
                daily: Mutex::new(Daily::default()),
            }),
        }
    }

    /// The burst budget in force: configured or learned; `None` while unknown or when
    /// no budget was announced.
    pub fn burst(&self) -> Option<(u32, Duration)> {
        match self.shared.burst.limit() {
            Limit::Known { max, interval } => Some((max, interval)),
            _ => None,
        }
    }

    /// Requests left today as far as the answers so far tell; `None` until an answer
    /// carried `X-HubSpot-RateLimit-Daily-Remaining`.
    pub fn daily_remaining(&self) -> Option<u64> {
        self.daily().remaining
    }

    fn daily(&self) -> std::sync::MutexGuard<'_, Daily> {
        self.shared.daily.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Wait until this request may be sent: a search slot for `POST …/search`, then a
    /// burst slot. Fails at once when the daily budget is used up.
    pub(crate) async fn admit(
        &self,
        method: &Method,
        path: &str,
    ) -> Result<Permit, DailyExhausted> {
        self.check_daily()?;
        let search = if is_search(method, path) {
            Some(self.shared.search.acquire().await)
        } else {
            None
        };
        let burst = self.shared.burst.acquire().await;
        // Waiting may have taken long: check again right before sending.
        let seq = self.count_daily()?;
        burst.sent();
        if let Some(search) = &search {
            search.sent();
        }
        Ok(Permit {
            limiter: self.clone(),
            seq,
            _burst: burst,
            _search: search,
        })
    }

    fn check_daily(&self) -> Result<(), DailyExhausted> {
        let daily = self.daily();
        match daily.remaining {
            Some(0)
                if daily
                    .last_recheck
                    .is_some_and(|at| at.elapsed() < DAILY_RECHECK) =>
            {
                Err(DailyExhausted {
                    budget: daily.budget,
                })
            }
            _ => Ok(()),
        }
    }

    fn count_daily(&self) -> Result<u64, DailyExhausted> {
        let mut daily = self.daily();
        match daily.remaining {
            Some(0) => {
                if daily
                    .last_recheck
                    .is_some_and(|at| at.elapsed() < DAILY_RECHECK)
                {
                    return Err(DailyExhausted {
                        budget: daily.budget,
                    });
                }
                daily.last_recheck = Some(Instant::now());
            }
            Some(n) => {
                daily.remaining = Some(n - 1);
                if n == 1 {
                    // This one takes the last request of the day.
                    daily.last_recheck = Some(Instant::now());
                }
            }
            None => {}
        }
        daily.admitted += 1;
        Ok(daily.admitted)
    }

    fn observe(&self, seq: u64, headers: &RateHeaders) {
        self.shared
            .burst
            .observe(headers.max, headers.interval, headers.remaining);
        if let Some(remaining) = headers.daily_remaining {
            let mut daily = self.daily();
            // Requests admitted after this one may not be counted in its answer yet.
            let later = daily.admitted.saturating_sub(seq);
            let remaining = remaining.saturating_sub(later);
            if remaining == 0 && daily.remaining != Some(0) {
                daily.last_recheck = Some(Instant::now());
            }
            daily.remaining = Some(remaining);
            if headers.daily.is_some() {
                daily.budget = headers.daily;
            }
        }
    }
}

/// `POST …/search`: the requests on the search budget.
fn is_search(method: &Method, path: &str) -> bool {
    method == Method::POST && path.ends_with("/search")
}

/// The right to send one request; read the answer's headers into the budget with
/// [`observe`](Permit::observe), then drop it when the answer is read.
pub(crate) struct Permit {
    limiter: Limiter,
    seq: u64,
    _burst: SlotGuard,
    _search: Option<SlotGuard>,
}

impl Permit {
    /// Learn from the rate headers of an answer with this status; the slots are
    /// released on drop. A 429's `-Remaining` (0) is not taken as a count: the retry
    /// rules already wait as HubSpot asked (`Retry-After`, else the interval).
    pub(crate) fn observe(&self, status: u16, headers: &HeaderMap) {
        let mut headers = RateHeaders::read(headers);
        if status == 429 {
            headers.remaining = None;
        }
        self.limiter.observe(self.seq, &headers);
    }
}

#[cfg(test)]
mod tests;
