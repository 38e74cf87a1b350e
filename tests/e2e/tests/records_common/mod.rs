//! Shared setup of the records end-to-end tests: a sandbox seeded from
//! `examples/schemas.json`, a client with fast retries, typed writes of the example's
//! `cars` object, and a look at the JSON bodies the sandbox received.

#![allow(dead_code)] // each test file uses a different part

use std::time::Duration;

use hubspot_objects::{
    Cars, CarsCondition, CarsFeatures, CarsProperty, CarsTransmission, CarsWarrantyExtended,
};
use hubspot_runtime::jiff::civil::date;
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::{Auth, Client, Objects, RetryPolicy, Write};
use hubspot_sandbox::{DEFAULT_TOKEN, Sandbox, SeenRequest};
use serde_json::Value;

/// The write type codegen generates for `cars` (hand-written here in exactly that
/// shape until the generator emits it): one `Write<…>` per writable property; the
/// read-only `hs_createdate`, `hs_lastmodifieddate`, `hs_object_id` and the calculated
/// `price_with_tax` have no field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CarsWrite {
    pub brochure: Write<String>,
    pub condition: Write<CarsCondition>,
    pub date_received: Write<hubspot_runtime::jiff::civil::Date>,
    pub dealer_phone: Write<String>,
    pub description_html: Write<String>,
    pub features: Write<Vec<CarsFeatures>>,
    pub hubspot_owner_id: Write<String>,
    pub in_stock: Write<bool>,
    pub last_service_at: Write<hubspot_runtime::jiff::Timestamp>,
    pub make: Write<String>,
    pub model: Write<String>,
    pub notes: Write<String>,
    pub price: Write<Decimal>,
    pub sales_region: Write<String>,
    pub service_hotline: Write<String>,
    pub transmission: Write<CarsTransmission>,
    pub vin: Write<String>,
    pub warranty_extended: Write<CarsWarrantyExtended>,
    pub year: Write<Decimal>,
}

impl hubspot_runtime::ObjectWrite for CarsWrite {
    type Object = Cars;

    fn encode_writes(&self, sink: &mut dyn FnMut(CarsProperty, String)) {
        let fields: [(CarsProperty, Option<String>); 19] = [
            (CarsProperty::Brochure, self.brochure.encode()),
            (CarsProperty::Condition, self.condition.encode()),
            (CarsProperty::DateReceived, self.date_received.encode()),
            (CarsProperty::DealerPhone, self.dealer_phone.encode()),
            (
                CarsProperty::DescriptionHtml,
                self.description_html.encode(),
            ),
            (CarsProperty::Features, self.features.encode()),
            (CarsProperty::HubspotOwnerId, self.hubspot_owner_id.encode()),
            (CarsProperty::InStock, self.in_stock.encode()),
            (CarsProperty::LastServiceAt, self.last_service_at.encode()),
            (CarsProperty::Make, self.make.encode()),
            (CarsProperty::Model, self.model.encode()),
            (CarsProperty::Notes, self.notes.encode()),
            (CarsProperty::Price, self.price.encode()),
            (CarsProperty::SalesRegion, self.sales_region.encode()),
            (CarsProperty::ServiceHotline, self.service_hotline.encode()),
            (CarsProperty::Transmission, self.transmission.encode()),
            (CarsProperty::Vin, self.vin.encode()),
            (
                CarsProperty::WarrantyExtended,
                self.warranty_extended.encode(),
            ),
            (CarsProperty::Year, self.year.encode()),
        ];
        for (property, value) in fields {
            if let Some(value) = value {
                sink(property, value);
            }
        }
    }
}

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
