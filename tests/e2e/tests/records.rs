//! The typed records API end to end through the sandbox: each operation, tri-state
//! writes as the sandbox received them, read-only and required properties refused before
//! any request, paging over 1,000 records, 207 partial failures per input, associations.

mod records_common;

use futures::TryStreamExt;
use hubspot_objects::{
    Cars, CarsCondition, CarsFeatures, CarsProperty, CarsTransmission, CarsWarrantyExtended,
    DealerLocation,
};
use hubspot_runtime::jiff::civil::date;
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::{
    BatchError, Changes, CrmObject, Error, ListOptions, ReadOptions, Record, Write,
};
use records_common::*;
use serde_json::json;

#[tokio::test]
async fn create_get_update_archive_with_typed_values() {
    let sandbox = sandbox().await;
    let cars = cars(&sandbox);

    let created = cars.create(&full_car()).await.unwrap();
    let sent = seen(&sandbox, "POST", CARS_PATH);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        body(&sent[0]),
        json!({
            "properties": {
                "condition": "used",
                "date_received": "2024-05-01",
                "features": "sunroof;heated_seats",
                "in_stock": "true",
                "last_service_at": "2024-05-01T09:30:00.000Z",
                "make": "Honda",
                "model": "Accord",
                "notes": "One careful owner",
                "price": "4500.5",
                "transmission": "manual",
                "vin": "1HGCM82633A004352",
                "warranty_extended": "false",
                "year": "2003"
            },
            "associations": []
        })
    );
    assert_eq!(created.properties.make.as_deref(), Some("Honda"));
    assert_eq!(
        created.properties.hs_object_id,
        Some(created.id.parse::<Decimal>().unwrap())
    );

    // get reads every property by default, into typed fields
    let record: Record<Cars> = cars.get(&created.id).await.unwrap();
    let query = seen(&sandbox, "GET", CARS_PATH)[0].query.clone().unwrap();
    let all: Vec<&str> = CarsProperty::ALL.iter().map(|p| p.as_str()).collect();
    assert!(
        query.contains(&format!("properties={}", all.join("%2C"))),
        "{query}"
    );
    let car = &record.properties;
    assert_eq!(car.condition, Some(CarsCondition::Used));
    assert_eq!(car.date_received, Some(date(2024, 5, 1)));
    assert_eq!(
        car.features,
        Some(vec![CarsFeatures::Sunroof, CarsFeatures::HeatedSeats])
    );
    assert_eq!(car.in_stock, Some(true));
    assert_eq!(
        car.last_service_at,
        Some("2024-05-01T09:30:00Z".parse().unwrap())
    );
    assert_eq!(car.price, Some(Decimal::new(45005, 1)));
    assert_eq!(car.transmission, Some(CarsTransmission::Manual));
    assert_eq!(car.warranty_extended, Some(CarsWarrantyExtended::False));
    assert_eq!(car.year, Some(Decimal::from(2003)));
    assert_eq!(car.brochure, None);
    assert!(car.hs_createdate.is_some());
    assert!(record.created_at.is_some());
    assert!(!record.archived);

    // tri-state update: clear notes, set price, leave the rest unchanged
    sandbox.clear_requests();
    let update = CarsWrite {
        notes: Write::Clear,
        price: Write::Set(Decimal::new(3999, 0)),
        ..CarsWrite::default()
    };
    let updated = cars.update(&created.id, &update).await.unwrap();
    let sent = seen(&sandbox, "PATCH", CARS_PATH);
    assert_eq!(
        body(&sent[0]),
        json!({"properties": {"notes": "", "price": "3999"}})
    );
    assert_eq!(updated.properties.notes, None);
    assert_eq!(updated.properties.price, Some(Decimal::from(3999)));
    let stored = sandbox.record_values("cars", &created.id).unwrap();
    assert!(!stored.contains_key("notes"), "{stored:?}");
    assert_eq!(stored["make"], "Honda");
    assert_eq!(stored["condition"], "used");

    // archive: gone from reads, readable as archived
    cars.archive(&created.id).await.unwrap();
    let err = cars.get(&created.id).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let archived = cars
        .get_with(&created.id, &ReadOptions::new().archived(true))
        .await
        .unwrap();
    assert!(archived.archived);
    assert!(archived.archived_at.is_some());
}

#[tokio::test]
async fn get_by_unique_property_with_chosen_properties() {
    let sandbox = sandbox().await;
    let cars = cars(&sandbox);
    cars.create(&full_car()).await.unwrap();
    sandbox.clear_requests();
    let options = ReadOptions::new()
        .id_property(CarsProperty::Vin)
        .properties([CarsProperty::Vin, CarsProperty::Year]);
    let record = cars.get_with("1HGCM82633A004352", &options).await.unwrap();
    let request = &seen(&sandbox, "GET", CARS_PATH)[0];
    assert_eq!(request.path, format!("{CARS_PATH}/1HGCM82633A004352"));
    assert_eq!(
        request.query.as_deref(),
        Some("properties=vin%2Cyear&idProperty=vin")
    );
    assert_eq!(
        record.properties,
        Cars {
            vin: Some("1HGCM82633A004352".into()),
            year: Some(Decimal::from(2003)),
            ..Cars::default()
        }
    );
    // idProperty must be a unique property: HubSpot's 400, surfaced as an API error
    let err = cars
        .get_with("Honda", &ReadOptions::new().id_property(CarsProperty::Make))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400), "{err}");
    assert!(
        err.to_string().contains("make is not a unique property"),
        "{err}"
    );
}

#[tokio::test]
async fn required_and_read_only_properties_are_refused_before_any_request() {
    let sandbox = sandbox().await;
    let cars = cars(&sandbox);

    let missing = CarsWrite {
        vin: Write::Set("V".into()),
        make: Write::Clear,
        ..CarsWrite::default()
    };
    let err = cars.create(&missing).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "Refusing to create a cars record: the required properties `make`, `model`, `year` are not set. Set each to a value; nothing was sent."
    );

    // The untyped path can name read-only properties; the runtime refuses them.
    let untyped = Changes::set(Cars {
        hs_object_id: Some(Decimal::from(5)),
        price_with_tax: Some(Decimal::from(6)),
        ..Cars::default()
    });
    let err = cars.update("1", &untyped).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "Refusing to write cars record(s): `hs_object_id`, `price_with_tax` are read-only (calculated or set by HubSpot) and HubSpot would reject the write (READ_ONLY_VALUE). Leave them out of the write; nothing was sent."
    );
    let clear = Changes::set(Cars::default()).clear(CarsProperty::HsCreatedate);
    assert!(cars.update("1", &clear).await.is_err());
    let err = cars
        .batch_create(&[full_car(), missing.clone()])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    assert!(sandbox.requests().is_empty(), "{:?}", sandbox.requests());
    assert_eq!(sandbox.record_creates(), 0);

    // Every read-only property of the snapshot is absent from the write type's
    // properties: writing each through the untyped path is refused.
    for property in Cars::READ_ONLY_PROPERTIES {
        let write = Changes::set(Cars::default()).clear(*property);
        let err = cars.update("1", &write).await.unwrap_err();
        assert!(err.to_string().contains(property.as_str()), "{err}");
    }
}

#[tokio::test]
async fn the_sandbox_refuses_read_only_and_bad_values_like_hubspot() {
    // Past the runtime (a raw request), HubSpot's own rule: READ_ONLY_VALUE, per property.
    let sandbox = sandbox().await;
    let response = reqwest::Client::new()
        .post(format!("{}{CARS_PATH}", sandbox.base_url()))
        .bearer_auth(hubspot_sandbox::DEFAULT_TOKEN)
        .json(
            &json!({"properties": {"vin": "V", "make": "M", "model": "X", "year": "2001",
            "hs_object_id": "1", "price_with_tax": "2", "date_received": "1714555800000",
            "condition": "rusty"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    let errors: Vec<(String, String)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["in"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("condition".to_owned(), "INVALID_OPTION".to_owned()),
            ("date_received".to_owned(), "INVALID_DATE".to_owned()),
            ("hs_object_id".to_owned(), "READ_ONLY_VALUE".to_owned()),
            ("price_with_tax".to_owned(), "READ_ONLY_VALUE".to_owned()),
        ]
    );
    assert_eq!(sandbox.record_creates(), 0);
}

#[tokio::test]
async fn list_streams_1000_records_in_order_across_pages() {
    let sandbox = sandbox().await;
    let cars = cars(&sandbox);
    let writes: Vec<CarsWrite> = (0..1000)
        .map(|i| car(&format!("VIN{i:04}"), "Make", "Model", 2000 + i % 20))
        .collect();
    let outcome = cars.batch_create(&writes).await.unwrap();
    assert!(outcome.is_complete(), "{:?}", outcome.failures);
    assert_eq!(outcome.results.len(), 1000);
    // in input order, thanks to the trace ids
    assert_eq!(
        outcome.results[0].properties.vin.as_deref(),
        Some("VIN0000")
    );
    assert_eq!(
        outcome.results[999].properties.vin.as_deref(),
        Some("VIN0999")
    );
    let creates = seen(&sandbox, "POST", &format!("{CARS_PATH}/batch/create"));
    assert_eq!(creates.len(), 10);
    for request in &creates {
        assert_eq!(body(request)["inputs"].as_array().unwrap().len(), 100);
    }
    assert_eq!(sandbox.record_creates(), 1000);

    sandbox.clear_requests();
    let records: Vec<Record<Cars>> = cars
        .list_with(ListOptions::new().properties([CarsProperty::Vin]))
        .try_collect()
        .await
        .unwrap();
    let vins: Vec<String> = records
        .iter()
        .map(|r| r.properties.vin.clone().unwrap())
        .collect();
    let expected: Vec<String> = (0..1000).map(|i| format!("VIN{i:04}")).collect();
    assert_eq!(vins, expected);
    let pages = seen(&sandbox, "GET", CARS_PATH);
    assert_eq!(pages.len(), 10);
    assert!(pages[0].query.as_deref().unwrap().contains("limit=100"));
    assert!(!pages[0].query.as_deref().unwrap().contains("after="));
    assert!(pages[1].query.as_deref().unwrap().contains("after="));

    // a page size HubSpot refuses is caught first
    let err = cars
        .list_with(ListOptions::new().page_size(101))
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("1 to 100"), "{err}");
}

#[tokio::test]
async fn batch_207_partial_failures_are_reported_per_input() {
    let sandbox = sandbox().await;
    let cars = cars(&sandbox);
    let bad = CarsWrite {
        condition: Write::Set(CarsCondition::Unknown("rusty".into())),
        ..car("V2", "Saab", "900", 1990)
    };
    let outcome = cars
        .batch_create(&[
            car("V1", "Volvo", "240", 1985),
            bad,
            car("V3", "Fiat", "Uno", 1988),
        ])
        .await
        .unwrap();
    assert_eq!(
        sandbox.requests().last().map(|r| r.status),
        Some(207),
        "HubSpot's multi-status"
    );
    let vins: Vec<_> = outcome
        .results
        .iter()
        .map(|r| r.properties.vin.clone().unwrap())
        .collect();
    assert_eq!(vins, ["V1", "V3"]);
    assert_eq!(outcome.failed_inputs(), [1]);
    let BatchError::Rejected(error) = &outcome.failures[0].error else {
        panic!("{:?}", outcome.failures);
    };
    assert_eq!(error.category.as_deref(), Some("VALIDATION_ERROR"));
    assert_eq!(error.errors[0].r#in.as_deref(), Some("condition"));
    assert_eq!(error.errors[0].code.as_deref(), Some("INVALID_OPTION"));
    let text = outcome.into_result().unwrap_err().to_string();
    assert!(
        text.starts_with("2 batch input(s) succeeded and 1 failure(s) were reported: inputs [1]: HubSpot rejected it: Property values were not valid: \"rusty\" was not one of the allowed options"),
        "{text}"
    );

    // batch read: the missing id is named
    let ids: Vec<String> = cars
        .batch_read(&["V1", "NOPE", "V3"], None, Some(CarsProperty::Vin))
        .await
        .unwrap()
        .results
        .iter()
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(ids.len(), 2);
    let read = cars
        .batch_read(
            &[ids[1].as_str(), "999", ids[0].as_str()],
            Some(&[CarsProperty::Vin]),
            None,
        )
        .await
        .unwrap();
    assert_eq!(read.failed_inputs(), [1]);
    let vins: Vec<_> = read
        .results
        .iter()
        .map(|r| r.properties.vin.clone().unwrap())
        .collect();
    assert_eq!(vins, ["V3", "V1"]);

    // batch update: one id missing, one bad value, one fine
    let updates = [
        (
            ids[0].as_str(),
            CarsWrite {
                notes: Write::Set("ok".into()),
                ..CarsWrite::default()
            },
        ),
        (
            "12345",
            CarsWrite {
                notes: Write::Set("x".into()),
                ..CarsWrite::default()
            },
        ),
        (
            ids[1].as_str(),
            CarsWrite {
                in_stock: Write::Clear,
                year: Write::Clear,
                ..CarsWrite::default()
            },
        ),
    ];
    let outcome = cars.batch_update(&updates).await.unwrap();
    assert_eq!(outcome.results.len(), 2);
    assert_eq!(outcome.failed_inputs(), [1]);
    assert_eq!(
        sandbox.record_values("cars", &ids[0]).unwrap()["notes"],
        "ok"
    );

    // batch upsert by vin: one update, one create
    let upserts = [
        (
            "V1",
            CarsWrite {
                notes: Write::Set("upserted".into()),
                ..car("V1", "Volvo", "240", 1985)
            },
        ),
        ("V9", car("V9", "Lada", "Niva", 1977)),
    ];
    let outcome = cars
        .batch_upsert(CarsProperty::Vin, &upserts)
        .await
        .unwrap();
    assert!(outcome.is_complete(), "{:?}", outcome.failures);
    let flags: Vec<(Option<String>, bool)> = outcome
        .results
        .iter()
        .map(|u| (u.record.properties.vin.clone(), u.new))
        .collect();
    assert_eq!(
        flags,
        [(Some("V1".into()), false), (Some("V9".into()), true)]
    );

    // batch archive
    let outcome = cars
        .batch_archive(&[ids[0].as_str(), ids[1].as_str()])
        .await
        .unwrap();
    assert!(outcome.is_complete());
    assert_eq!(sandbox.record_count("cars"), 1);
}

#[tokio::test]
async fn associations_are_created_read_and_removed_with_generated_constants() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let cars = client.objects::<Cars>();
    let dealers = client.objects::<DealerLocation>();
    let car = cars.create(&full_car()).await.unwrap();
    let dealer = dealers
        .create(&Changes::set(DealerLocation {
            location_name: Some("Main Street".into()),
            ..DealerLocation::default()
        }))
        .await
        .unwrap();

    cars.associate(&car.id, Cars::CAR_TO_DEALER_LOCATION, &dealer.id)
        .await
        .unwrap();
    let put = seen(&sandbox, "PUT", "/crm/v4/objects/");
    assert_eq!(
        put[0].path,
        format!(
            "/crm/v4/objects/2-2468013/{}/associations/default/2-2468099/{}",
            car.id, dealer.id
        )
    );
    let options = ReadOptions::new()
        .properties([CarsProperty::Vin])
        .association(Cars::CAR_TO_DEALER_LOCATION);
    let read = cars.get_with(&car.id, &options).await.unwrap();
    let associated = &read.associations["2-2468099"].results;
    assert_eq!(associated.len(), 1);
    assert_eq!(associated[0].id, dealer.id);
    assert_eq!(associated[0].association_type, "car_to_dealer_location");

    cars.remove_association(&car.id, Cars::CAR_TO_DEALER_LOCATION, &dealer.id)
        .await
        .unwrap();
    let read = cars.get_with(&car.id, &options).await.unwrap();
    assert!(read.associations.is_empty(), "{:?}", read.associations);
}

#[test]
fn the_generated_write_type_has_exactly_the_writable_properties() {
    // Read-only properties are not representable in `CarsWrite`: its fields (read from
    // the checked-in generated source) are the snapshot's properties minus
    // `READ_ONLY_PROPERTIES`.
    let source = include_str!("../../../examples/generated/src/cars.rs");
    let start = source
        .find("pub struct CarsWrite {")
        .expect("CarsWrite is generated");
    let end = start + source[start..].find("\n}").unwrap();
    let fields: Vec<&str> = source[start..end]
        .lines()
        .filter_map(|line| line.trim().strip_prefix("pub "))
        .filter_map(|rest| rest.split_once(": ::hubspot_runtime::Write<"))
        .map(|(name, _)| name)
        .collect();
    let writable: Vec<&str> = CarsProperty::ALL
        .iter()
        .filter(|p| !Cars::READ_ONLY_PROPERTIES.contains(p))
        .map(|p| p.as_str())
        .collect();
    assert_eq!(fields, writable);
    for read_only in [
        "hs_object_id",
        "hs_createdate",
        "hs_lastmodifieddate",
        "price_with_tax",
    ] {
        assert!(
            !fields.contains(&read_only),
            "{read_only} must not be writable"
        );
        assert!(
            Cars::READ_ONLY_PROPERTIES
                .iter()
                .any(|p| p.as_str() == read_only)
        );
    }
}
