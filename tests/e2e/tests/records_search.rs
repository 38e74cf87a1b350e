//! Typed search end to end: a filter on each property type (string, number, bool,
//! date and datetime as epoch milliseconds, single and multi enumeration), every
//! operator, sorting, paging, and HubSpot's limits refused before any request.

mod records_common;

use futures::TryStreamExt;
use hubspot_objects::{Cars, CarsCondition, CarsFeatures, CarsProperty};
use hubspot_runtime::jiff::Timestamp;
use hubspot_runtime::jiff::civil::date;
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::{Filter, Objects, Search, Write};
use hubspot_sandbox::Sandbox;
use records_common::*;
use serde_json::json;

/// Five cars with different values of every searchable type.
async fn lot() -> (Sandbox, Objects<Cars>) {
    let sandbox = sandbox().await;
    let cars = cars(&sandbox);
    let serviced = |s: &str| Write::Set(s.parse::<Timestamp>().unwrap());
    let writes = [
        CarsWrite {
            condition: Write::Set(CarsCondition::New),
            date_received: Write::Set(date(2024, 1, 15)),
            features: Write::Set(vec![CarsFeatures::Sunroof]),
            in_stock: Write::Set(true),
            last_service_at: serviced("2024-02-01T08:00:00Z"),
            notes: Write::Set("Blue paint, city car".into()),
            price: Write::Set(Decimal::new(150005, 1)),
            ..car("A1", "Honda", "Jazz", 2019)
        },
        CarsWrite {
            condition: Write::Set(CarsCondition::Used),
            date_received: Write::Set(date(2024, 3, 1)),
            features: Write::Set(vec![CarsFeatures::HeatedSeats, CarsFeatures::TowPackage]),
            in_stock: Write::Set(false),
            last_service_at: serviced("2024-03-10T17:45:00Z"),
            price: Write::Set(Decimal::from(8000)),
            ..car("A2", "Volvo", "V70", 2008)
        },
        CarsWrite {
            condition: Write::Set(CarsCondition::Cpo),
            date_received: Write::Set(date(2024, 5, 1)),
            features: Write::Set(vec![CarsFeatures::Sunroof, CarsFeatures::HeatedSeats]),
            in_stock: Write::Set(true),
            notes: Write::Set("Red paint".into()),
            price: Write::Set(Decimal::from(21000)),
            ..car("A3", "Honda", "Civic", 2021)
        },
        CarsWrite {
            condition: Write::Set(CarsCondition::Used),
            in_stock: Write::Set(true),
            price: Write::Set(Decimal::new(99999, 2)),
            ..car("A4", "Fiat", "Panda", 1999)
        },
        car("A5", "Saab", "900", 1990),
    ];
    let outcome = cars.batch_create(&writes).await.unwrap();
    assert!(outcome.is_complete(), "{:?}", outcome.failures);
    (sandbox, cars)
}

async fn vins(cars: &Objects<Cars>, search: Search<CarsProperty>) -> Vec<String> {
    let page = cars
        .search(&search.sort_ascending(CarsProperty::Vin))
        .await
        .unwrap();
    assert_eq!(page.total, Some(page.results.len() as u64));
    page.results
        .into_iter()
        .map(|r| r.properties.vin.unwrap())
        .collect()
}

fn one(filter: Filter<CarsProperty>) -> Search<CarsProperty> {
    Search::new().filter(filter)
}

#[tokio::test]
async fn filters_on_each_property_type() {
    let (sandbox, cars) = lot().await;
    use CarsProperty as P;
    // string
    assert_eq!(
        vins(&cars, one(Filter::eq(P::Make, "honda"))).await,
        ["A1", "A3"]
    );
    assert_eq!(
        vins(&cars, one(Filter::neq(P::Make, "Honda"))).await,
        ["A2", "A4", "A5"]
    );
    assert_eq!(
        vins(&cars, one(Filter::contains_token(P::Notes, "paint"))).await,
        ["A1", "A3"]
    );
    assert_eq!(
        vins(&cars, one(Filter::not_contains_token(P::Notes, "bl*"))).await,
        ["A2", "A3", "A4", "A5"]
    );
    // number (numeric, not text, comparison: 2008 < 2019 and 999.99 < 8000)
    assert_eq!(
        vins(&cars, one(Filter::gt(P::Year, 2008))).await,
        ["A1", "A3"]
    );
    assert_eq!(
        vins(&cars, one(Filter::gte(P::Year, 2008))).await,
        ["A1", "A2", "A3"]
    );
    assert_eq!(
        vins(
            &cars,
            one(Filter::between(
                P::Price,
                Decimal::from(900),
                Decimal::new(150005, 1)
            ))
        )
        .await,
        ["A1", "A2", "A4"]
    );
    assert_eq!(
        vins(&cars, one(Filter::lt(P::Price, Decimal::from(8000)))).await,
        ["A4"]
    );
    assert_eq!(
        vins(&cars, one(Filter::lte(P::Price, Decimal::from(8000)))).await,
        ["A2", "A4"]
    );
    // bool
    assert_eq!(
        vins(&cars, one(Filter::eq(P::InStock, false))).await,
        ["A2"]
    );
    // date, sent as the epoch milliseconds of midnight UTC
    sandbox.clear_requests();
    assert_eq!(
        vins(&cars, one(Filter::gte(P::DateReceived, date(2024, 3, 1)))).await,
        ["A2", "A3"]
    );
    let sent = body(&seen(&sandbox, "POST", &format!("{CARS_PATH}/search"))[0]);
    assert_eq!(
        sent["filterGroups"],
        json!([{"filters": [{"propertyName": "date_received", "operator": "GTE", "value": "1709251200000"}]}])
    );
    // datetime, sent as epoch milliseconds
    let march: Timestamp = "2024-03-01T00:00:00Z".parse().unwrap();
    assert_eq!(
        vins(&cars, one(Filter::lt(P::LastServiceAt, march))).await,
        ["A1"]
    );
    // enumeration: single and multi-select
    assert_eq!(
        vins(
            &cars,
            one(Filter::is_in(
                P::Condition,
                [CarsCondition::New, CarsCondition::Cpo]
            ))
        )
        .await,
        ["A1", "A3"]
    );
    assert_eq!(
        vins(
            &cars,
            one(Filter::not_in(P::Condition, [CarsCondition::Used]))
        )
        .await,
        ["A1", "A3", "A5"]
    );
    assert_eq!(
        vins(
            &cars,
            one(Filter::eq(P::Features, CarsFeatures::HeatedSeats))
        )
        .await,
        ["A2", "A3"]
    );
    // presence
    assert_eq!(
        vins(&cars, one(Filter::has_property(P::Notes))).await,
        ["A1", "A3"]
    );
    assert_eq!(
        vins(&cars, one(Filter::not_has_property(P::Price))).await,
        ["A5"]
    );
}

#[tokio::test]
async fn groups_or_and_filters_and_sorting() {
    let (_sandbox, cars) = lot().await;
    use CarsProperty as P;
    // (make = Honda AND year > 2020) OR make = Saab
    let search = Search::new()
        .filter(Filter::eq(P::Make, "Honda"))
        .filter(Filter::gt(P::Year, 2020))
        .or_group([Filter::eq(P::Make, "Saab")]);
    assert_eq!(vins(&cars, search).await, ["A3", "A5"]);
    // descending by year (a number)
    let page = cars
        .search(
            &Search::new()
                .sort_descending(P::Year)
                .properties([P::Vin, P::Year]),
        )
        .await
        .unwrap();
    let years: Vec<_> = page.results.iter().map(|r| r.properties.year).collect();
    let expected: Vec<_> = [2021, 2019, 2008, 1999, 1990]
        .into_iter()
        .map(|y| Some(Decimal::from(y)))
        .collect();
    assert_eq!(years, expected);
    assert_eq!(
        page.results[0].properties.make, None,
        "only the asked properties"
    );
}

#[tokio::test]
async fn pages_follow_the_after_cursor() {
    let (sandbox, cars) = lot().await;
    let first = cars
        .search(&Search::new().sort_ascending(CarsProperty::Vin).limit(2))
        .await
        .unwrap();
    assert_eq!(first.total, Some(5));
    assert_eq!(first.next_after(), Some("2"));
    sandbox.clear_requests();
    let all: Vec<String> = cars
        .search_all(Search::new().sort_ascending(CarsProperty::Vin).limit(2))
        .map_ok(|r| r.properties.vin.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, ["A1", "A2", "A3", "A4", "A5"]);
    let afters: Vec<serde_json::Value> = seen(&sandbox, "POST", CARS_PATH)
        .iter()
        .map(|r| body(r)["after"].clone())
        .collect();
    assert_eq!(afters, [json!(null), json!("2"), json!("4")]);
}

#[tokio::test]
async fn limits_are_refused_before_any_request() {
    let sandbox = sandbox().await;
    let cars = cars(&sandbox);
    let f = || Filter::eq(CarsProperty::Make, "x");
    let mut too_many_groups = Search::new();
    for _ in 0..6 {
        too_many_groups = too_many_groups.or_group([f()]);
    }
    let err = cars.search(&too_many_groups).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "Refusing to search cars: it has 6 filter groups and HubSpot allows at most 5; merge groups or run several searches; nothing was sent."
    );
    let seven = Search::new().or_group(std::iter::repeat_with(f).take(7));
    assert!(
        cars.search(&seven)
            .await
            .unwrap_err()
            .to_string()
            .contains("at most 6 per group")
    );
    let mut nineteen = Search::new();
    for _ in 0..3 {
        nineteen = nineteen.or_group(std::iter::repeat_with(f).take(6));
    }
    nineteen = nineteen.or_group([f()]);
    assert!(
        cars.search(&nineteen)
            .await
            .unwrap_err()
            .to_string()
            .contains("at most 18")
    );
    assert!(
        cars.search(&Search::new().limit(201))
            .await
            .unwrap_err()
            .to_string()
            .contains("1 to 200")
    );
    let long = Search::new().query("x".repeat(3001));
    assert!(
        cars.search(&long)
            .await
            .unwrap_err()
            .to_string()
            .contains("3000")
    );
    let deep = Search::new().after(Some("9950".into())).limit(100);
    assert!(
        cars.search(&deep)
            .await
            .unwrap_err()
            .to_string()
            .contains("10000 results")
    );
    assert!(sandbox.requests().is_empty(), "{:?}", sandbox.requests());

    // and HubSpot (the sandbox) answers 400 to the same search sent raw
    let response = reqwest::Client::new()
        .post(format!("{}{CARS_PATH}/search", sandbox.base_url()))
        .bearer_auth(hubspot_sandbox::DEFAULT_TOKEN)
        .json(&json!({"filterGroups": (0..6).map(|_| json!({"filters": [{"propertyName": "make", "operator": "EQ", "value": "x"}]})).collect::<Vec<_>>(), "limit": 10}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let response = reqwest::Client::new()
        .post(format!("{}{CARS_PATH}/search", sandbox.base_url()))
        .bearer_auth(hubspot_sandbox::DEFAULT_TOKEN)
        .json(&json!({"limit": 201}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
}
