//! `rate_budget`: exporting records at the account's rate budget, through `list`,
//! `batch_read` and `search_all`, from the sandbox with budgets on, with the client's
//! limiter and with it turned off (reacting to 429s only), in the same run.
//!
//! The budget is HubSpot's scaled down so a run takes seconds: 50 requests per rolling
//! 500 ms (HubSpot: 100–190 per 10 s) and search 5 per 200 ms (HubSpot: 5 per second);
//! searches count against both. For each path and mode the table shows the requests
//! answered 2xx, the 429s received, the wall time, the floor and the utilization:
//!
//! - floor = (requests − the first window's burst) ÷ the budget's rate: the first
//!   burst may go at once, every further request needs budget; no client can finish
//!   sooner without 429s.
//! - utilization = floor ÷ wall time: the achieved request rate after the first burst
//!   over the budget's rate.
//!
//! Each run starts with an empty window (the previous run's requests have left it).
//! `cargo bench -p hubspot-bench --bench rate_budget` (optionally `-- <records>`,
//! default 30,000). The client's arrival margin is 5 ms (loopback).

use std::time::{Duration, Instant};

use futures::TryStreamExt;
use hubspot_objects::{Cars, CarsProperty};
use hubspot_runtime::{Auth, Client, Filter, ListOptions, RateLimit, RetryPolicy, Search};
use hubspot_sandbox::{Budget, DEFAULT_TOKEN, Sandbox};

const BURST: u32 = 50;
const WINDOW: Duration = Duration::from_millis(500);
const SEARCHES: u32 = 5;
const SEARCH_WINDOW: Duration = Duration::from_millis(200);
/// Loopback: a request reaches the sandbox within a few milliseconds.
const ARRIVAL_MARGIN: Duration = Duration::from_millis(5);
const SCHEMAS: &str = include_str!("../../examples/schemas.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Path {
    List,
    BatchRead,
    SearchAll,
}

impl Path {
    fn name(self) -> &'static str {
        match self {
            Path::List => "list (100 per page)",
            Path::BatchRead => "batch_read (100 per request)",
            Path::SearchAll => "search_all (200 per page)",
        }
    }

    /// The binding budget: (requests that may go at once, requests per second).
    fn budget(self) -> (u32, f64) {
        let burst = (BURST, f64::from(BURST) / WINDOW.as_secs_f64());
        let search = (SEARCHES, f64::from(SEARCHES) / SEARCH_WINDOW.as_secs_f64());
        match self {
            Path::List | Path::BatchRead => burst,
            Path::SearchAll => {
                if search.1 < burst.1 {
                    search
                } else {
                    burst
                }
            }
        }
    }
}

struct Measured {
    path: Path,
    limiter: bool,
    records: usize,
    requests: usize,
    too_many: u64,
    wall: Duration,
}

impl Measured {
    fn floor(&self) -> Duration {
        let (burst, rate) = self.path.budget();
        let paced = self.requests.saturating_sub(burst as usize);
        Duration::from_secs_f64(paced as f64 / rate)
    }

    fn utilization(&self) -> f64 {
        self.floor().as_secs_f64() / self.wall.as_secs_f64()
    }
}

fn client(sandbox: &Sandbox, limiter: bool) -> Client {
    let builder = Client::builder()
        .auth(Auth::private_app(DEFAULT_TOKEN))
        .base_url(sandbox.base_url())
        // Generous, so the limiter-off runs finish despite their 429s.
        .retry(RetryPolicy {
            max_attempts: 50,
            max_total_wait: Duration::from_secs(120),
            ..RetryPolicy::default()
        });
    let builder = if limiter {
        builder.rate_limit(
            RateLimit::new(BURST, WINDOW)
                .search_budget(SEARCHES, SEARCH_WINDOW)
                .arrival_margin(ARRIVAL_MARGIN),
        )
    } else {
        builder.no_rate_limit()
    };
    builder.build().expect("client")
}

async fn export(path: Path, cars: &hubspot_runtime::Objects<Cars>, ids: &[String]) -> usize {
    match path {
        Path::List => {
            let records: Vec<_> = cars
                .list_with(ListOptions::new().properties([CarsProperty::Vin, CarsProperty::Make]))
                .try_collect()
                .await
                .expect("list");
            records.len()
        }
        Path::BatchRead => {
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let outcome = cars
                .batch_read(&refs, Some(&[CarsProperty::Vin, CarsProperty::Make]), None)
                .await
                .expect("batch_read");
            assert!(outcome.is_complete(), "{:?}", outcome.failures);
            outcome.results.len()
        }
        Path::SearchAll => {
            let search = Search::new()
                .filter(Filter::eq(CarsProperty::Model, "Jazz"))
                .properties([CarsProperty::Vin, CarsProperty::Make])
                .limit(200);
            let records: Vec<_> = cars
                .search_all(search)
                .try_collect()
                .await
                .expect("search_all");
            records.len()
        }
    }
}

async fn measure(sandbox: &Sandbox, path: Path, limiter: bool, ids: &[String]) -> Measured {
    // Let the previous run's requests leave every window.
    tokio::time::sleep(WINDOW + Duration::from_millis(100)).await;
    let cars = client(sandbox, limiter).objects::<Cars>();
    sandbox.clear_requests();
    let too_many_before = sandbox.too_many_requests_sent();
    let started = Instant::now();
    let records = export(path, &cars, ids).await;
    let wall = started.elapsed();
    let too_many = sandbox.too_many_requests_sent() - too_many_before;
    let requests = sandbox
        .requests()
        .iter()
        .filter(|r| (200..300).contains(&r.status))
        .count();
    Measured {
        path,
        limiter,
        records,
        requests,
        too_many,
        wall,
    }
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(30_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let sandbox = Sandbox::start().await;
        sandbox.seed_json(SCHEMAS).expect("example schemas");
        let ids = sandbox
            .seed_records("cars", count, |i| {
                serde_json::json!({"vin": format!("V{i:06}"), "make": "Honda", "model": "Jazz", "year": 2019})
            })
            .expect("seed");
        sandbox.set_budget(
            Budget::new(BURST, WINDOW).search(SEARCHES, SEARCH_WINDOW),
        );
        println!(
            "rate_budget: {count} records; budget {BURST} per {} ms, search {SEARCHES} per {} ms",
            WINDOW.as_millis(),
            SEARCH_WINDOW.as_millis()
        );
        println!();
        println!("| path | client | requests | 429s | wall | floor | utilization |");
        println!("|---|---|---:|---:|---:|---:|---:|");
        for path in [Path::List, Path::BatchRead, Path::SearchAll] {
            for limiter in [true, false] {
                let m = measure(&sandbox, path, limiter, &ids).await;
                assert_eq!(m.records, count, "{} exported every record", path.name());
                println!(
                    "| {} | {} | {} | {} | {:.2} s | {:.2} s | {:.2} |",
                    m.path.name(),
                    if m.limiter { "limiter" } else { "limiter off" },
                    m.requests,
                    m.too_many,
                    m.wall.as_secs_f64(),
                    m.floor().as_secs_f64(),
                    m.utilization()
                );
            }
        }
    });
}
