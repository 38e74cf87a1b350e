//! The limiter on a paused tokio clock: time only moves when every task waits.

use std::sync::{Arc, Mutex};

use reqwest::header::HeaderValue;

use super::*;

fn post_search() -> (Method, &'static str) {
    (Method::POST, "/crm/v3/objects/2-1/search")
}

fn get() -> (Method, &'static str) {
    (Method::GET, "/crm/v3/objects/2-1")
}

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_static(value));
    }
    map
}

/// Admit `n` requests concurrently (each answered at once); the millisecond offset
/// from the start at which each was admitted, in admission order.
async fn admit_times(
    limiter: &Limiter,
    n: usize,
    (method, path): (Method, &'static str),
) -> Vec<u128> {
    let start = Instant::now();
    let times = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for _ in 0..n {
        let limiter = limiter.clone();
        let times = Arc::clone(&times);
        let method = method.clone();
        tasks.push(tokio::spawn(async move {
            let permit = limiter.admit(&method, path).await.unwrap();
            times.lock().unwrap().push(start.elapsed().as_millis());
            drop(permit);
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let mut times = times.lock().unwrap().clone();
    times.sort_unstable();
    times
}

#[tokio::test(start_paused = true)]
async fn the_burst_budget_is_a_rolling_window() {
    let limiter = Limiter::new(RateLimit::new(3, Duration::from_secs(1)));
    assert_eq!(
        admit_times(&limiter, 7, get()).await,
        [0, 0, 0, 1000, 1000, 1000, 2000]
    );
}

/// How long after `answer_after` a second request waits for the only slot of a
/// 1 s window.
async fn wait_behind(answer_after: Duration) -> Duration {
    let limiter = Limiter::new(RateLimit::new(1, Duration::from_secs(1)));
    let first = limiter.admit(&Method::GET, "/x").await.unwrap();
    let waiter = {
        let limiter = limiter.clone();
        tokio::spawn(async move {
            let start = Instant::now();
            let _permit = limiter.admit(&Method::GET, "/x").await.unwrap();
            start.elapsed()
        })
    };
    tokio::time::sleep(answer_after).await;
    drop(first);
    waiter.await.unwrap()
}

#[tokio::test(start_paused = true)]
async fn a_slot_frees_one_window_after_the_request_was_counted() {
    // A quick answer: HubSpot counted it by the time it answered.
    assert_eq!(
        wait_behind(Duration::from_millis(10)).await,
        Duration::from_millis(1010)
    );
    // A slow answer: HubSpot counted it within the arrival margin (1/20 of the window).
    assert_eq!(
        wait_behind(Duration::from_secs(3)).await,
        Duration::from_millis(1050)
    );
}

#[tokio::test(start_paused = true)]
async fn slots_go_first_come_first_served() {
    let limiter = Limiter::new(RateLimit::new(1, Duration::from_millis(100)));
    let order = Arc::new(Mutex::new(Vec::new()));
    let first = limiter.admit(&Method::GET, "/x").await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..6 {
        let limiter = limiter.clone();
        let order = Arc::clone(&order);
        tasks.push(tokio::spawn(async move {
            let _permit = limiter.admit(&Method::GET, "/x").await.unwrap();
            order.lock().unwrap().push(i);
        }));
        // Let task `i` join the queue before the next one is spawned.
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    drop(first);
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(*order.lock().unwrap(), [0, 1, 2, 3, 4, 5]);
}

#[tokio::test(start_paused = true)]
async fn searches_also_take_the_search_budget() {
    let limiter = Limiter::new(RateLimit::per_ten_seconds(100));
    assert_eq!(
        admit_times(&limiter, 7, post_search()).await,
        [0, 0, 0, 0, 0, 1000, 1000]
    );
    // Other requests are not held up by searches waiting for their budget.
    let limiter = Limiter::new(RateLimit::per_ten_seconds(100));
    let searches = {
        let limiter = limiter.clone();
        tokio::spawn(async move { admit_times(&limiter, 10, post_search()).await })
    };
    tokio::time::sleep(Duration::from_millis(1)).await;
    assert_eq!(admit_times(&limiter, 3, get()).await, [0, 0, 0]);
    assert_eq!(
        searches.await.unwrap(),
        [0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000]
    );
}

#[tokio::test(start_paused = true)]
async fn the_budget_is_learned_from_the_first_answer() {
    let limiter = Limiter::learning();
    assert_eq!(limiter.burst(), None);
    let probe = limiter.admit(&Method::GET, "/x").await.unwrap();
    // While the probe is out, nothing else goes.
    let others = {
        let limiter = limiter.clone();
        tokio::spawn(async move { admit_times(&limiter, 3, get()).await })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    probe.observe(
        200,
        &headers(&[
            ("x-hubspot-ratelimit-max", "2"),
            ("x-hubspot-ratelimit-remaining", "1"),
            ("x-hubspot-ratelimit-interval-milliseconds", "1000"),
        ]),
    );
    drop(probe);
    assert_eq!(limiter.burst(), Some((2, Duration::from_secs(1))));
    // Relative to 200 ms: one slot left next to the probe's; then one window after.
    assert_eq!(others.await.unwrap(), [200, 1200, 1200]);
}

#[tokio::test(start_paused = true)]
async fn no_announced_budget_means_no_pacing() {
    let limiter = Limiter::learning();
    let probe = limiter.admit(&Method::GET, "/x").await.unwrap();
    probe.observe(200, &HeaderMap::new());
    drop(probe);
    assert_eq!(limiter.burst(), None);
    assert_eq!(admit_times(&limiter, 500, get()).await, vec![0; 500]);
}

#[tokio::test(start_paused = true)]
async fn remaining_never_counts_more_than_hubspot_says() {
    let limiter = Limiter::new(RateLimit::new(10, Duration::from_secs(1)));
    let permit = limiter.admit(&Method::GET, "/x").await.unwrap();
    // Another program used 7 of the 10: 2 remain after ours.
    permit.observe(200, &headers(&[("x-hubspot-ratelimit-remaining", "2")]));
    drop(permit);
    assert_eq!(limiter.shared.burst.in_use(), 8);
    assert_eq!(admit_times(&limiter, 3, get()).await, [0, 0, 1000]);
    // A configured budget is not replaced by the headers' max.
    assert_eq!(limiter.burst(), Some((10, Duration::from_secs(1))));
}

#[tokio::test(start_paused = true)]
async fn a_429_leaves_the_wait_to_the_retry_rules() {
    let limiter = Limiter::new(RateLimit::new(10, Duration::from_secs(1)));
    let permit = limiter.admit(&Method::GET, "/x").await.unwrap();
    permit.observe(429, &headers(&[("x-hubspot-ratelimit-remaining", "0")]));
    drop(permit);
    assert_eq!(limiter.shared.burst.in_use(), 1);
}

#[tokio::test(start_paused = true)]
async fn an_empty_daily_budget_fails_fast_until_the_recheck() {
    let limiter = Limiter::new(RateLimit::new(100, Duration::from_secs(10)));
    let permit = limiter.admit(&Method::GET, "/x").await.unwrap();
    permit.observe(
        200,
        &headers(&[
            ("x-hubspot-ratelimit-daily", "250000"),
            ("x-hubspot-ratelimit-daily-remaining", "2"),
        ]),
    );
    drop(permit);
    assert_eq!(limiter.daily_remaining(), Some(2));
    limiter.admit(&Method::GET, "/x").await.unwrap();
    limiter.admit(&Method::GET, "/x").await.unwrap();
    let refused = limiter.admit(&Method::GET, "/x").await.err();
    assert_eq!(
        refused,
        Some(DailyExhausted {
            budget: Some(250_000)
        })
    );
    tokio::time::sleep(DAILY_RECHECK).await;
    // One request checks whether the budget was reset; the next waits again.
    let recheck = limiter.admit(&Method::GET, "/x").await.unwrap();
    assert!(limiter.admit(&Method::GET, "/x").await.is_err());
    recheck.observe(
        200,
        &headers(&[("x-hubspot-ratelimit-daily-remaining", "250000")]),
    );
    drop(recheck);
    assert!(limiter.admit(&Method::GET, "/x").await.is_ok());
}

#[test]
fn searches_are_posts_to_search() {
    assert!(is_search(&Method::POST, "/crm/v3/objects/contacts/search"));
    assert!(!is_search(&Method::GET, "/crm/v3/objects/contacts/search"));
    assert!(!is_search(
        &Method::POST,
        "/crm/v3/objects/contacts/batch/read"
    ));
}

#[test]
fn zero_budgets_are_refused() {
    assert!(RateLimit::new(0, Duration::from_secs(1)).check().is_err());
    assert!(RateLimit::new(1, Duration::ZERO).check().is_err());
    assert!(RateLimit::per_ten_seconds(190).check().is_ok());
}
