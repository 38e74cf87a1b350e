//! The sandbox's records API at the HTTP level, where the typed client cannot go wrong
//! on purpose: HubSpot's 400s for limits and bad input, 404s, object types addressed by
//! id, name or fully qualified name, the free-text query, and values stored as sent.

mod records_common;

use hubspot_objects::{Cars, CarsProperty};
use hubspot_runtime::{CrmObject, Filter, ReadOptions, Search};
use hubspot_sandbox::{DEFAULT_TOKEN, Sandbox};
use records_common::*;
use serde_json::{Value, json};

async fn call(
    sandbox: &Sandbox,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}{path}", sandbox.base_url()))
        .bearer_auth(DEFAULT_TOKEN);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn new_car(vin: &str) -> Value {
    json!({"properties": {"vin": vin, "make": "Kia", "model": "Rio", "year": "2011"}})
}

#[tokio::test]
async fn object_types_resolve_by_id_name_and_fully_qualified_name() {
    let sandbox = sandbox().await;
    for (key, vin) in [("2-2468013", "A"), ("cars", "B"), ("p12345678_cars", "C")] {
        let (status, body) = call(
            &sandbox,
            reqwest::Method::POST,
            &format!("/crm/v3/objects/{key}"),
            Some(new_car(vin)),
        )
        .await;
        assert_eq!(status, 201, "{key}: {body}");
        assert_eq!(body["properties"]["vin"], vin);
        assert_eq!(body["properties"]["hs_object_id"], body["id"]);
    }
    let (status, body) = call(
        &sandbox,
        reqwest::Method::GET,
        "/crm/v3/objects/trucks",
        None,
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["category"], "OBJECT_NOT_FOUND");

    // the typed client can address the object by its fully qualified name too
    let cars = cars(&sandbox).with_object_type(Cars::FULLY_QUALIFIED_NAME);
    let record = cars
        .get_with(
            "B",
            &ReadOptions::new()
                .id_property(CarsProperty::Vin)
                .properties([CarsProperty::Make]),
        )
        .await
        .unwrap();
    assert_eq!(record.properties.make.as_deref(), Some("Kia"));
    assert!(
        sandbox
            .requests()
            .last()
            .unwrap()
            .path
            .starts_with("/crm/v3/objects/p12345678_cars/B")
    );
}

#[tokio::test]
async fn limits_and_bad_input_get_hubspots_400s() {
    let sandbox = sandbox().await;
    let (status, body) = call(
        &sandbox,
        reqwest::Method::GET,
        &format!("{CARS_PATH}?limit=101"),
        None,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["in"], "limit");

    let inputs: Vec<Value> = (0..101).map(|i| new_car(&format!("V{i}"))).collect();
    let (status, body) = call(
        &sandbox,
        reqwest::Method::POST,
        &format!("{CARS_PATH}/batch/create"),
        Some(json!({"inputs": inputs})),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(sandbox.record_creates(), 0);

    let (status, body) = call(
        &sandbox,
        reqwest::Method::POST,
        &format!("{CARS_PATH}/batch/upsert"),
        Some(json!({"inputs": [{"id": "V1", "properties": {"make": "Kia"}}]})),
    )
    .await;
    assert_eq!(status, 207, "{body}");
    assert_eq!(body["errors"][0]["errors"][0]["in"], "idProperty");

    // unique values: a second car with the same VIN is a 409
    let (status, _) = call(
        &sandbox,
        reqwest::Method::POST,
        CARS_PATH,
        Some(new_car("DUP")),
    )
    .await;
    assert_eq!(status, 201);
    let (status, body) = call(
        &sandbox,
        reqwest::Method::POST,
        CARS_PATH,
        Some(new_car("DUP")),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(sandbox.record_creates(), 1);

    // an association to a record that does not exist
    let (status, body) = call(
        &sandbox,
        reqwest::Method::PUT,
        "/crm/v4/objects/cars/999/associations/default/dealer_location/1",
        None,
    )
    .await;
    assert_eq!(status, 404, "{body}");

    // a filter on a property the object does not have
    let (status, body) = call(
        &sandbox,
        reqwest::Method::POST,
        &format!("{CARS_PATH}/search"),
        Some(json!({"filterGroups": [{"filters": [{"propertyName": "colour", "operator": "EQ", "value": "red"}]}]})),
    )
    .await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn values_are_stored_and_returned_as_sent() {
    let sandbox = sandbox().await;
    let (status, created) = call(
        &sandbox,
        reqwest::Method::POST,
        CARS_PATH,
        Some(json!({"properties": {"vin": "E1", "make": "Kia", "model": "Rio", "year": "2011.0",
            "date_received": "1714521600000", "last_service_at": "1714555800000", "features": "tow_package;sunroof"}})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap();
    let (_, read) = call(
        &sandbox,
        reqwest::Method::GET,
        &format!("{CARS_PATH}/{id}?properties=year,date_received,last_service_at,features,notes"),
        None,
    )
    .await;
    assert_eq!(
        read["properties"],
        json!({"year": "2011.0", "date_received": "1714521600000",
               "last_service_at": "1714555800000", "features": "tow_package;sunroof", "notes": null})
    );
    // and the typed client decodes those encodings
    let car = cars(&sandbox).get(id).await.unwrap().properties;
    assert_eq!(car.year, Some(2011.into()));
    assert_eq!(
        car.date_received,
        Some(hubspot_runtime::jiff::civil::date(2024, 5, 1))
    );
    assert_eq!(
        car.last_service_at,
        Some("2024-05-01T09:30:00Z".parse().unwrap())
    );
}

#[tokio::test]
async fn free_text_query_matches_word_prefixes() {
    let sandbox = sandbox().await;
    let cars = cars(&sandbox);
    let writes = [
        CarsWrite {
            notes: hubspot_runtime::Write::Set("Panoramic roof".into()),
            ..car("Q1", "Honda", "Jazz", 2019)
        },
        car("Q2", "Volvo", "V70", 2008),
    ];
    cars.batch_create(&writes)
        .await
        .unwrap()
        .into_result()
        .unwrap();
    let page = cars.search(&Search::new().query("panoram")).await.unwrap();
    assert_eq!(page.total, Some(1));
    let page = cars
        .search(
            &Search::new()
                .query("volvo")
                .filter(Filter::lt(CarsProperty::Year, 2010))
                .properties([CarsProperty::Vin]),
        )
        .await
        .unwrap();
    let vins: Vec<_> = page
        .results
        .iter()
        .map(|r| r.properties.vin.clone())
        .collect();
    assert_eq!(vins, [Some("Q2".to_owned())]);
}
