//! The rate budget end to end: the sandbox enforces HubSpot's budgets (burst per
//! rolling window, search per second, daily; scaled down so the tests run in seconds)
//! and the client's limiter keeps concurrent work, bulk reads and several clients
//! under them with no 429; `search_all` pages past the 10,000-result cap; an empty
//! daily budget fails fast without sending.

mod records_common;

use std::collections::HashSet;
use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use hubspot_objects::{Cars, CarsProperty};
use hubspot_runtime::{
    Auth, Client, Error, Filter, Limiter, ListOptions, Objects, RateLimit, Search, Write,
};
use hubspot_sandbox::{Budget, DEFAULT_TOKEN, Sandbox};
use records_common::*;
use serde_json::json;

const BURST: u32 = 40;
const WINDOW: Duration = Duration::from_millis(400);
const SEARCHES: u32 = 5;
const SEARCH_WINDOW: Duration = Duration::from_millis(250);

/// The sandbox's budget, scaled down: 40 per 400 ms, search 5 per 250 ms.
fn budget() -> Budget {
    Budget::new(BURST, WINDOW).search(SEARCHES, SEARCH_WINDOW)
}

/// The same budget, told to the client.
fn rate_limit() -> RateLimit {
    RateLimit::new(BURST, WINDOW).search_budget(SEARCHES, SEARCH_WINDOW)
}

fn builder(sandbox: &Sandbox) -> hubspot_runtime::ClientBuilder {
    Client::builder()
        .auth(Auth::private_app(DEFAULT_TOKEN))
        .base_url(sandbox.base_url())
        .retry(fast_retry())
}

/// `n` cars seeded without requests: vins `V00000…`, make `Honda` for even `i` when
/// `mixed`, else every one.
fn seed_cars(sandbox: &Sandbox, n: usize, mixed: bool) -> Vec<String> {
    sandbox
        .seed_records("cars", n, |i| {
            let make = if mixed && i % 2 == 1 {
                "Volvo"
            } else {
                "Honda"
            };
            json!({"vin": format!("V{i:05}"), "make": make, "model": "Jazz", "year": 2019})
        })
        .unwrap()
}

/// One task's mix: create, read, update, search and list.
async fn mixed_work(cars: Objects<Cars>, task: usize) -> Result<(), Error> {
    let created = cars
        .create(&car(&format!("T{task:03}"), "Saab", "900", 1990))
        .await?;
    cars.get(&created.id).await?;
    let change = CarsWrite {
        model: Write::Set("9-3".into()),
        ..CarsWrite::default()
    };
    cars.update(&created.id, &change).await?;
    cars.search(&Search::new().filter(Filter::eq(CarsProperty::Make, "Saab")))
        .await?;
    cars.list_page(None, &ListOptions::new().page_size(10))
        .await?;
    Ok(())
}

async fn run_mixed(cars: &Objects<Cars>) -> Vec<Result<(), Error>> {
    let tasks: Vec<_> = (0..32)
        .map(|task| tokio::spawn(mixed_work(cars.clone(), task)))
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

#[tokio::test]
async fn thirty_two_tasks_mixing_reads_writes_and_searches_get_no_429() {
    let sandbox = sandbox().await;
    sandbox.set_budget(budget());
    let cars = builder(&sandbox)
        .rate_limit(rate_limit())
        .build()
        .unwrap()
        .objects::<Cars>();
    for result in run_mixed(&cars).await {
        result.unwrap();
    }
    // 160 records requests (four times the burst budget, 32 searches) and the one
    // schema list that resolves `cars` for this account: all paced.
    let requests = sandbox.requests();
    assert_eq!(requests.len(), 161);
    assert_eq!(schema_lists(&requests), 1);
    assert_eq!(sandbox.too_many_requests_sent(), 0);
    assert!(requests.iter().all(|r| r.status != 429));

    // The same work without the limiter runs into the budget.
    let sandbox = sandbox_with_budget().await;
    let cars = builder(&sandbox)
        .no_rate_limit()
        .build()
        .unwrap()
        .objects::<Cars>();
    let _ = run_mixed(&cars).await;
    assert!(sandbox.too_many_requests_sent() > 0);
}

async fn sandbox_with_budget() -> Sandbox {
    let sandbox = sandbox().await;
    sandbox.set_budget(budget());
    sandbox
}

#[tokio::test]
async fn search_all_pages_past_the_cap_and_returns_each_record_once() {
    let sandbox = sandbox().await;
    // 25,000 matching cars among 50,000.
    seed_cars(&sandbox, 50_000, true);
    sandbox.set_budget(budget());
    let cars = builder(&sandbox)
        .rate_limit(rate_limit())
        .build()
        .unwrap()
        .objects::<Cars>();
    let search = Search::new()
        .filter(Filter::eq(CarsProperty::Make, "Honda"))
        .properties([CarsProperty::Vin, CarsProperty::Make])
        .limit(200);
    let records: Vec<_> = cars.search_all(search).try_collect().await.unwrap();
    assert_eq!(records.len(), 25_000);
    let ids: Vec<u64> = records.iter().map(|r| r.id.parse().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ascending record ids");
    let vins: HashSet<&str> = records
        .iter()
        .map(|r| r.properties.vin.as_deref().unwrap())
        .collect();
    assert_eq!(vins.len(), 25_000);
    assert!(
        records
            .iter()
            .all(|r| r.properties.make.as_deref() == Some("Honda"))
    );
    // 125 pages; the cap was met twice and passed by re-querying above the last id.
    let searches = seen(&sandbox, "POST", &format!("{CARS_PATH}/search"));
    assert_eq!(searches.len(), 125);
    assert!(searches.iter().all(|r| r.status == 200));
    let requery: Vec<serde_json::Value> = searches
        .iter()
        .map(body)
        .filter(|b| b["filterGroups"][0]["filters"].as_array().unwrap().len() == 2)
        .collect();
    assert_eq!(requery.len(), 75);
    let floor = &requery[0]["filterGroups"][0]["filters"][1];
    assert_eq!(floor["propertyName"], "hs_object_id");
    assert_eq!(floor["operator"], "GT");
    assert_eq!(floor["value"], ids[9_999].to_string());
    assert_eq!(
        requery[0]["sorts"],
        json!([{"propertyName": "hs_object_id", "direction": "ASCENDING"}])
    );
    assert_eq!(sandbox.too_many_requests_sent(), 0);
}

#[tokio::test]
async fn the_sandbox_refuses_paging_past_the_cap_like_hubspot() {
    let sandbox = sandbox().await;
    let response = reqwest::Client::new()
        .post(format!("{}{CARS_PATH}/search", sandbox.base_url()))
        .bearer_auth(DEFAULT_TOKEN)
        .json(&json!({"filterGroups": [], "limit": 200, "after": "9900"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["category"], "VALIDATION_ERROR");
}

#[tokio::test]
async fn an_empty_daily_budget_fails_fast_without_sending() {
    let sandbox = sandbox().await;
    sandbox.set_budget(budget().daily(3));
    let cars = builder(&sandbox).build().unwrap().objects::<Cars>();
    let options = ListOptions::new().page_size(1);
    // The first of the three is the schema list that resolves `cars`.
    for _ in 0..2 {
        cars.list_page(None, &options).await.unwrap();
    }
    assert_eq!(cars.list_page(None, &options).await.map(|_| ()).ok(), None);
    let err = cars.list_page(None, &options).await.unwrap_err();
    assert!(
        matches!(err, Error::DailyLimitReached { daily: Some(3), .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("midnight in the HubSpot account's time zone"),
        "{err}"
    );
    // Only the three requests within the budget reached HubSpot.
    assert_eq!(sandbox.requests().len(), 3);
    assert_eq!(schema_lists(&sandbox.requests()), 1);
    assert_eq!(sandbox.too_many_requests_sent(), 0);
}

async fn list_pages(client: Client, n: usize) {
    let cars = client.objects::<Cars>();
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let cars = cars.clone();
            tokio::spawn(
                async move { cars.list_page(None, &ListOptions::new().page_size(1)).await },
            )
        })
        .collect();
    for task in tasks {
        let _ = task.await.unwrap();
    }
}

#[tokio::test]
async fn two_clients_sharing_a_limiter_stay_under_budget() {
    let sandbox = sandbox_with_budget().await;
    let limiter = Limiter::new(rate_limit());
    let a = builder(&sandbox).limiter(limiter.clone()).build().unwrap();
    let b = builder(&sandbox).limiter(limiter).build().unwrap();
    tokio::join!(list_pages(a, 30), list_pages(b, 30));
    // 60 pages and each client's one schema list.
    assert_eq!(sandbox.requests().len(), 62);
    assert_eq!(schema_lists(&sandbox.requests()), 2);
    assert_eq!(sandbox.too_many_requests_sent(), 0);

    // Each with its own limiter, together they pass the budget.
    let sandbox = sandbox_with_budget().await;
    let a = builder(&sandbox).rate_limit(rate_limit()).build().unwrap();
    let b = builder(&sandbox).rate_limit(rate_limit()).build().unwrap();
    tokio::join!(list_pages(a, 30), list_pages(b, 30));
    assert!(sandbox.too_many_requests_sent() > 0);
}

#[tokio::test]
async fn the_budget_is_learned_from_the_headers() {
    let sandbox = sandbox().await;
    sandbox.set_budget(Budget::new(10, Duration::from_millis(300)).daily(1_000));
    let client = builder(&sandbox).build().unwrap();
    assert_eq!(client.limiter().unwrap().burst(), None);
    list_pages(client.clone(), 40).await;
    // 40 pages and the schema list that resolves `cars`.
    assert_eq!(sandbox.requests().len(), 41);
    assert_eq!(sandbox.too_many_requests_sent(), 0);
    let limiter = client.limiter().unwrap();
    assert_eq!(limiter.burst(), Some((10, Duration::from_millis(300))));
    assert_eq!(limiter.daily_remaining(), Some(959));
}

#[tokio::test]
async fn batch_read_of_many_ids_keeps_input_order_and_reports_missing_ids() {
    let sandbox = sandbox_with_budget().await;
    let mut ids = seed_cars(&sandbox, 1_050, false);
    ids.reverse();
    ids.insert(7, "1".into());
    ids.insert(500, "2".into());
    let cars = builder(&sandbox)
        .rate_limit(rate_limit())
        .bulk_concurrency(4)
        .build()
        .unwrap()
        .objects::<Cars>();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let outcome = cars
        .batch_read(&refs, Some(&[CarsProperty::Vin]), None)
        .await
        .unwrap();
    let read: Vec<&str> = outcome.results.iter().map(|r| r.id.as_str()).collect();
    let expected: Vec<&str> = refs.iter().copied().filter(|id| id.len() > 1).collect();
    assert_eq!(read, expected);
    assert_eq!(outcome.failed_inputs(), [7, 500]);
    // 1,052 ids: 11 requests of at most 100.
    assert_eq!(
        seen(&sandbox, "POST", &format!("{CARS_PATH}/batch/read")).len(),
        11
    );
    assert_eq!(sandbox.too_many_requests_sent(), 0);
}

#[tokio::test]
async fn list_requests_the_next_page_while_the_caller_handles_this_one() {
    let sandbox = sandbox().await;
    seed_cars(&sandbox, 250, false);
    let cars = cars(&sandbox);
    let mut stream = Box::pin(cars.list());
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.properties.vin.as_deref(), Some("V00000"));
    // The caller holds the first record; the second page arrives without a poll.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while seen(&sandbox, "GET", CARS_PATH).len() < 2 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let lists = seen(&sandbox, "GET", CARS_PATH);
    assert_eq!(lists.len(), 2, "one page ahead, not more");
    assert!(lists[1].query.as_deref().unwrap().contains("after="));
    let rest: Vec<_> = stream.try_collect().await.unwrap();
    assert_eq!(rest.len(), 249);
    assert_eq!(seen(&sandbox, "GET", CARS_PATH).len(), 3);
}

/// How many of `requests` listed the account's schemas (the resolver's one list per
/// client, which the limiter paces like any other request).
fn schema_lists(requests: &[hubspot_sandbox::SeenRequest]) -> usize {
    requests
        .iter()
        .filter(|r| r.method == "GET" && r.path == "/crm-object-schemas/v3/schemas")
        .count()
}
