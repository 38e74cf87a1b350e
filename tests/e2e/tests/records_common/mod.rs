//! Shared setup of the records end-to-end tests: a sandbox seeded from
//! `examples/schemas.json`, a client with fast retries, typed writes of the example's
//! `cars` object, and a look at the JSON bodies the sandbox received.

#![allow(dead_code)] // each test file uses a different part

use std::time::Duration;

use hubspot_objects::{Cars, CarsCondition, CarsFeatures, CarsTransmission, CarsWarrantyExtended};
use hubspot_runtime::jiff::civil::date;
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::{Auth, Client, Objects, RetryPolicy, Write};
use hubspot_sandbox::{DEFAULT_TOKEN, Sandbox, SeenRequest};
use serde_json::Value;

/// The write type codegen generates for `cars`: one `Write<…>` per writable property.
pub use hubspot_objects::CarsWrite;

/// The example snapshot, as the sandbox's account.
pub const SCHEMAS: &str = include_str!("../../../../examples/schemas.json");
/// `/crm/v3/objects/<cars objectTypeId>`.
pub const CARS_PATH: &str = "/crm/v3/objects/2-2468013";

pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        max_total_wait: Duration::from_secs(10),
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
    }
}

/// A sandbox seeded with the example schemas.
pub async fn sandbox() -> Sandbox {
    let sandbox = Sandbox::start().await;
    sandbox.seed_json(SCHEMAS).expect("example schemas seed");
    sandbox
}

pub fn client(sandbox: &Sandbox) -> Client {
    Client::builder()
        .auth(Auth::private_app(DEFAULT_TOKEN))
        .base_url(sandbox.base_url())
        .retry(fast_retry())
        .build()
        .unwrap()
}

pub fn cars(sandbox: &Sandbox) -> Objects<Cars> {
    client(sandbox).objects::<Cars>()
}

/// A car with the required properties set.
pub fn car(vin: &str, make: &str, model: &str, year: i64) -> CarsWrite {
    CarsWrite {
        vin: Write::Set(vin.to_owned()),
        make: Write::Set(make.to_owned()),
        model: Write::Set(model.to_owned()),
        year: Write::Set(Decimal::from(year)),
        ..CarsWrite::default()
    }
}

/// A car with a value for every writable type.
pub fn full_car() -> CarsWrite {
    CarsWrite {
        condition: Write::Set(CarsCondition::Used),
        date_received: Write::Set(date(2024, 5, 1)),
        features: Write::Set(vec![CarsFeatures::Sunroof, CarsFeatures::HeatedSeats]),
        in_stock: Write::Set(true),
        last_service_at: Write::Set("2024-05-01T09:30:00Z".parse().unwrap()),
        notes: Write::Set("One careful owner".into()),
        price: Write::Set(Decimal::new(45005, 1)),
        transmission: Write::Set(CarsTransmission::Manual),
        warranty_extended: Write::Set(CarsWarrantyExtended::False),
        ..car("1HGCM82633A004352", "Honda", "Accord", 2003)
    }
}

/// The requests the sandbox saw with this method whose path starts with `prefix`.
pub fn seen(sandbox: &Sandbox, method: &str, prefix: &str) -> Vec<SeenRequest> {
    sandbox
        .requests()
        .into_iter()
        .filter(|r| r.method == method && r.path.starts_with(prefix))
        .collect()
}

/// A request body as JSON.
pub fn body(request: &SeenRequest) -> Value {
    serde_json::from_str(&request.body).unwrap_or_else(|e| panic!("{e}: {}", request.body))
}
