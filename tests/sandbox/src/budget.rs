//! Rate budgets as HubSpot enforces them, per access token: a burst budget per rolling
//! window, a search budget per rolling second, and a daily budget.
//!
//! Every non-search answer carries `X-HubSpot-RateLimit-Max`, `-Remaining`,
//! `-Interval-Milliseconds`, `-Daily` and `-Daily-Remaining`; search answers
//! (`POST …/search`) carry none. A request over a budget is not processed and gets
//! HubSpot's 429 body with `policyName` `TEN_SECONDLY_ROLLING` (burst), `SECONDLY`
//! (search) or `DAILY`. Searches count against the burst budget too. Requests without
//! a bearer token and the OAuth token endpoint are not counted. The window is
//! configurable so tests and benchmarks run in seconds (e.g. 50 per 500 ms).

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::errors::ApiError;
use crate::faults::{RateLimitPolicy, rate_limit_body};

/// A rate budget, per access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Requests per `window` (searches included).
    pub burst: u32,
    /// The rolling window of `burst` (HubSpot: 10 s).
    pub window: Duration,
    /// Search requests per `search_window` (HubSpot: 5).
    pub search: u32,
    /// The rolling window of `search` (HubSpot: 1 s).
    pub search_window: Duration,
    /// Requests per day (HubSpot: 250,000 on Professional); the day never ends in the
    /// sandbox.
    pub daily: u64,
}

impl Budget {
    /// HubSpot's shape: `burst` requests per rolling 10 s, search 5 per second,
    /// 250,000 per day.
    pub fn per_ten_seconds(burst: u32) -> Budget {
        Budget::new(burst, Duration::from_secs(10))
    }

    /// `burst` requests per `window`, search 5 per second, 250,000 per day.
    pub fn new(burst: u32, window: Duration) -> Budget {
        Budget {
            burst,
            window,
            search: 5,
            search_window: Duration::from_secs(1),
            daily: crate::DAILY_LIMIT,
        }
    }

    /// `search` search requests per `window`.
    pub fn search(self, search: u32, window: Duration) -> Budget {
        Budget {
            search,
            search_window: window,
            ..self
        }
    }

    /// `daily` requests per day.
    pub fn daily(self, daily: u64) -> Budget {
        Budget { daily, ..self }
    }
}

/// One token's use of the budget.
#[derive(Debug, Default)]
struct Usage {
    burst: VecDeque<Instant>,
    search: VecDeque<Instant>,
    daily: u64,
}

/// The budget in force and every token's use of it (`State::budget`).
#[derive(Debug)]
pub(crate) struct Accounting {
    budget: Budget,
    usage: HashMap<String, Usage>,
}

/// What the budget says of one request.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// Not counted (no budget, no token, the token endpoint).
    Free,
    /// Counted; add these headers to the answer.
    Pass(HeaderMap),
    /// Over budget: send this 429 instead; the request is not processed.
    Reject(Response),
}

fn forget_before(times: &mut VecDeque<Instant>, window: Duration, now: Instant) {
    while times.front().is_some_and(|t| *t + window <= now) {
        times.pop_front();
    }
}

impl Accounting {
    pub(crate) fn new(budget: Budget) -> Accounting {
        Accounting {
            budget,
            usage: HashMap::new(),
        }
    }

    /// Count (or refuse) a request of `token` to `method path` arriving `now`.
    pub(crate) fn admit(
        &mut self,
        token: Option<&str>,
        method: &str,
        path: &str,
        now: Instant,
    ) -> Verdict {
        let Some(token) = token else {
            return Verdict::Free;
        };
        if path.starts_with("/oauth/") {
            return Verdict::Free;
        }
        let budget = self.budget;
        let usage = self.usage.entry(token.to_owned()).or_default();
        let search = method.eq_ignore_ascii_case("POST") && path.ends_with("/search");
        forget_before(&mut usage.burst, budget.window, now);
        forget_before(&mut usage.search, budget.search_window, now);
        if usage.daily >= budget.daily {
            return Verdict::Reject(self.too_many(RateLimitPolicy::Daily, token, false));
        }
        if search && usage.search.len() >= budget.search as usize {
            return Verdict::Reject(self.too_many(RateLimitPolicy::Secondly, token, true));
        }
        if usage.burst.len() >= budget.burst as usize {
            return Verdict::Reject(self.too_many(
                RateLimitPolicy::TenSecondlyRolling,
                token,
                search,
            ));
        }
        usage.burst.push_back(now);
        if search {
            usage.search.push_back(now);
        }
        usage.daily += 1;
        if search {
            return Verdict::Pass(HeaderMap::new());
        }
        Verdict::Pass(self.headers(token))
    }

    /// The rate headers of a non-search answer to `token`, after its request counted.
    fn headers(&self, token: &str) -> HeaderMap {
        let budget = self.budget;
        let usage = &self.usage[token];
        let mut headers = HeaderMap::new();
        let mut put = |suffix: &str, value: u64| {
            if let (Ok(name), Ok(value)) = (
                HeaderName::try_from(format!("x-hubspot-ratelimit-{suffix}")),
                HeaderValue::from_str(&value.to_string()),
            ) {
                headers.insert(name, value);
            }
        };
        put("max", u64::from(budget.burst));
        put(
            "remaining",
            u64::from(budget.burst).saturating_sub(usage.burst.len() as u64),
        );
        put("interval-milliseconds", budget.window.as_millis() as u64);
        put("daily", budget.daily);
        put("daily-remaining", budget.daily.saturating_sub(usage.daily));
        headers
    }

    /// HubSpot's 429 for `policy`: its body, and the rate headers unless the request
    /// was a search.
    fn too_many(&self, policy: RateLimitPolicy, token: &str, search: bool) -> Response {
        let mut response =
            ApiError::raw(StatusCode::TOO_MANY_REQUESTS, rate_limit_body(policy)).into_response();
        if !search {
            response.headers_mut().extend(self.headers(token));
        }
        response
    }
}

impl crate::Sandbox {
    /// Enforce this budget from now on (each token's use starts at zero); see the
    /// module docs for what counts and what answers carry.
    pub fn set_budget(&self, budget: Budget) {
        self.app.lock().budget = Some(Accounting::new(budget));
    }

    /// Stop enforcing budgets (the default): no rate headers, no budget 429s.
    pub fn clear_budget(&self) {
        self.app.lock().budget = None;
    }

    /// How many 429 answers the sandbox sent so far (over a budget or injected).
    pub fn too_many_requests_sent(&self) -> u64 {
        self.app.lock().too_many_requests
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(verdict: &Verdict) -> u16 {
        match verdict {
            Verdict::Free | Verdict::Pass(_) => 200,
            Verdict::Reject(response) => response.status().as_u16(),
        }
    }

    fn header(verdict: &Verdict, suffix: &str) -> Option<String> {
        let headers = match verdict {
            Verdict::Pass(headers) => headers,
            Verdict::Reject(response) => response.headers(),
            Verdict::Free => return None,
        };
        headers
            .get(format!("x-hubspot-ratelimit-{suffix}"))
            .map(|v| v.to_str().unwrap().to_owned())
    }

    const GET: (&str, &str) = ("GET", "/crm/v3/objects/contacts");
    const SEARCH: (&str, &str) = ("POST", "/crm/v3/objects/contacts/search");

    #[test]
    fn the_burst_window_rolls_per_token() {
        let mut accounting = Accounting::new(Budget::new(2, Duration::from_millis(500)));
        let t0 = Instant::now();
        let mut at =
            |token, ms| accounting.admit(Some(token), GET.0, GET.1, t0 + Duration::from_millis(ms));
        let first = at("a", 0);
        assert_eq!(header(&first, "remaining").as_deref(), Some("1"));
        assert_eq!(header(&first, "max").as_deref(), Some("2"));
        assert_eq!(
            header(&first, "interval-milliseconds").as_deref(),
            Some("500")
        );
        assert_eq!(status(&at("a", 100)), 200);
        let third = at("a", 499);
        assert_eq!(status(&third), 429);
        assert_eq!(header(&third, "remaining").as_deref(), Some("0"));
        // another token has its own budget
        assert_eq!(status(&at("b", 499)), 200);
        // the first request left the window
        assert_eq!(status(&at("a", 500)), 200);
        assert_eq!(status(&at("a", 501)), 429);
    }

    #[test]
    fn searches_have_their_own_budget_and_no_headers() {
        let budget = Budget::new(100, Duration::from_secs(10)).search(2, Duration::from_secs(1));
        let mut accounting = Accounting::new(budget);
        let t0 = Instant::now();
        for _ in 0..2 {
            let verdict = accounting.admit(Some("t"), SEARCH.0, SEARCH.1, t0);
            assert_eq!(status(&verdict), 200);
            assert_eq!(header(&verdict, "max"), None);
        }
        let refused = accounting.admit(Some("t"), SEARCH.0, SEARCH.1, t0);
        assert_eq!(status(&refused), 429);
        assert_eq!(header(&refused, "max"), None);
        // searches counted against the burst budget too
        let get = accounting.admit(Some("t"), GET.0, GET.1, t0);
        assert_eq!(header(&get, "remaining").as_deref(), Some("97"));
    }

    #[test]
    fn the_daily_budget_ends_everything() {
        let mut accounting = Accounting::new(Budget::new(100, Duration::from_secs(10)).daily(2));
        let t0 = Instant::now();
        let one = accounting.admit(Some("t"), GET.0, GET.1, t0);
        assert_eq!(header(&one, "daily").as_deref(), Some("2"));
        assert_eq!(header(&one, "daily-remaining").as_deref(), Some("1"));
        let two = accounting.admit(Some("t"), GET.0, GET.1, t0);
        assert_eq!(header(&two, "daily-remaining").as_deref(), Some("0"));
        assert_eq!(status(&accounting.admit(Some("t"), GET.0, GET.1, t0)), 429);
        // untracked: no token, the token endpoint
        assert!(matches!(
            accounting.admit(None, GET.0, GET.1, t0),
            Verdict::Free
        ));
        assert!(matches!(
            accounting.admit(Some("t"), "POST", "/oauth/v1/token", t0),
            Verdict::Free
        ));
    }
}
