//! One crate, many accounts: the checked-in `hubspot-objects` crate, generated from
//! account A's snapshot, against account B — a sandbox seeded with the same schemas
//! under another portal id and other object and association type ids. Every records
//! operation reaches B's object types, the account's types are listed once per client
//! however many first calls race, and a type B lacks is listed once more, then named.

mod records_common;

use futures::TryStreamExt;
use hubspot_objects::{Animals, Cars, CarsProperty, DealerLocation};
use hubspot_runtime::{Changes, CrmObject, Error, ListOptions, ReadOptions, Search};
use hubspot_sandbox::{Sandbox, SandboxConfig};
use records_common::*;
use serde_json::Value;

/// Account A's snapshot: the one the example crate was generated from.
const SNAPSHOT_A: &str = include_str!("../../../examples/generated/hubspot-schemas.json");
/// Account B's portal id and how far its custom ids are moved from A's.
const PORTAL_B: u64 = 87_654_321;
const OFFSET_B: u64 = 1_000_000;
/// B's ids of `cars` and `dealer_location` (A's plus the offset).
const CARS_B: &str = "2-3468013";
const DEALERS_B: &str = "2-3468099";
const SCHEMAS_LIST: &str = "/crm-object-schemas/v3/schemas";

/// Account B, seeded from A's snapshot (without the objects named in `without`).
async fn account_b(without: &[&str]) -> Sandbox {
    let sandbox = Sandbox::start_with(SandboxConfig {
        portal_id: PORTAL_B,
        ..SandboxConfig::default()
    })
    .await;
    let mut snapshot: Value = serde_json::from_str(SNAPSHOT_A).unwrap();
    snapshot["results"]
        .as_array_mut()
        .unwrap()
        .retain(|schema| !without.contains(&schema["name"].as_str().unwrap()));
    sandbox
        .seed_rebased(&snapshot.to_string(), OFFSET_B)
        .unwrap();
    sandbox
}

fn schema_lists(sandbox: &Sandbox) -> usize {
    seen(sandbox, "GET", SCHEMAS_LIST)
        .iter()
        .filter(|r| r.path == SCHEMAS_LIST)
        .count()
}

/// Every records and association path the sandbox saw, none with A's custom ids.
fn assert_only_b_ids(sandbox: &Sandbox) {
    for request in sandbox.requests() {
        let target = format!("{}?{}", request.path, request.query.unwrap_or_default());
        assert!(
            !target.contains(Cars::OBJECT_TYPE_ID)
                && !target.contains(DealerLocation::OBJECT_TYPE_ID),
            "{} {target} carries account A's ids",
            request.method
        );
    }
}

#[tokio::test]
async fn the_crate_of_account_a_runs_every_records_operation_against_account_b() {
    let b = account_b(&[]).await;
    assert_eq!(
        b.object_schema("cars").unwrap().object_type_id.unwrap(),
        CARS_B
    );
    let client = client(&b);
    let cars = client.objects::<Cars>();
    let dealers = client.objects::<DealerLocation>();
    assert_eq!(client.resolve_object_type::<Cars>().await.unwrap(), CARS_B);

    // create, get, update, archive
    let honda = cars.create(&full_car()).await.unwrap();
    assert_eq!(
        seen(&b, "POST", "/crm/v3/objects/")[0].path,
        format!("/crm/v3/objects/{CARS_B}")
    );
    let read = cars.get(&honda.id).await.unwrap();
    assert_eq!(read.properties.make.as_deref(), Some("Honda"));
    let by_vin = cars
        .get_with(
            "1HGCM82633A004352",
            &ReadOptions::new().id_property(CarsProperty::Vin),
        )
        .await
        .unwrap();
    assert_eq!(by_vin.id, honda.id);
    let changed = CarsWrite {
        notes: hubspot_runtime::Write::Set("moved to B".into()),
        ..CarsWrite::default()
    };
    let updated = cars.update(&honda.id, &changed).await.unwrap();
    assert_eq!(updated.properties.notes.as_deref(), Some("moved to B"));

    // list, search
    let listed: Vec<_> = cars.list().try_collect().await.unwrap();
    assert_eq!(listed.len(), 1);
    let page = cars
        .list_page(None, &ListOptions::new().page_size(10))
        .await
        .unwrap();
    assert_eq!(page.results.len(), 1);
    let found = cars
        .search(&Search::new().filter(hubspot_runtime::Filter::eq(CarsProperty::Make, "Honda")))
        .await
        .unwrap();
    assert_eq!(found.results.len(), 1);

    // batches
    let created = cars
        .batch_create(&[
            car("VIN-B1", "Kia", "Rio", 2011),
            car("VIN-B2", "Kia", "Ceed", 2012),
        ])
        .await
        .unwrap();
    assert!(created.is_complete(), "{created:?}");
    let ids: Vec<&str> = created.results.iter().map(|r| r.id.as_str()).collect();
    let batch_read = cars.batch_read(&ids, None, None).await.unwrap();
    assert_eq!(batch_read.results.len(), 2);
    let updates: Vec<(&str, CarsWrite)> = ids.iter().map(|id| (*id, changed.clone())).collect();
    assert!(cars.batch_update(&updates).await.unwrap().is_complete());
    let upserted = cars
        .batch_upsert(
            CarsProperty::Vin,
            &[("VIN-B3", car("VIN-B3", "Fiat", "Uno", 1990))],
        )
        .await
        .unwrap();
    assert!(upserted.is_complete(), "{upserted:?}");
    assert!(cars.batch_archive(&ids).await.unwrap().is_complete());
    assert_eq!(b.record_count("cars"), 2);

    // associations: to a custom object (B's dealer_location) and to contacts
    let dealer = dealers
        .create(&Changes::set(DealerLocation {
            location_name: Some("Main Street".into()),
            ..DealerLocation::default()
        }))
        .await
        .unwrap();
    cars.associate(&honda.id, Cars::CAR_TO_DEALER_LOCATION, &dealer.id)
        .await
        .unwrap();
    assert_eq!(
        seen(&b, "PUT", "/crm/v4/objects/")[0].path,
        format!(
            "/crm/v4/objects/{CARS_B}/{}/associations/default/{DEALERS_B}/{}",
            honda.id, dealer.id
        )
    );
    let with_dealer = ReadOptions::new()
        .properties([CarsProperty::Vin])
        .association(Cars::CAR_TO_DEALER_LOCATION);
    let read = cars.get_with(&honda.id, &with_dealer).await.unwrap();
    assert_eq!(read.associations[DEALERS_B].results[0].id, dealer.id);
    let resolved = client
        .resolve_association::<Cars>(Cars::CAR_TO_DEALER_LOCATION)
        .await
        .unwrap();
    assert_eq!(
        (resolved.id.as_str(), resolved.to_object_type_id.as_str()),
        ("1000018", DEALERS_B)
    );
    cars.remove_association(&honda.id, Cars::CAR_TO_DEALER_LOCATION, &dealer.id)
        .await
        .unwrap();
    let read = cars.get_with(&honda.id, &with_dealer).await.unwrap();
    assert!(read.associations.is_empty(), "{:?}", read.associations);

    cars.archive(&honda.id).await.unwrap();
    assert_eq!(b.record_count("cars"), 1);

    // everything above took one list of B's schemas, and never sent A's ids
    assert_eq!(schema_lists(&b), 1);
    assert_only_b_ids(&b);
}

#[tokio::test]
async fn fifty_concurrent_first_calls_list_the_schemas_once() {
    let b = account_b(&[]).await;
    let client = client(&b);
    let calls = (0..50).map(|i| {
        let client = client.clone();
        async move {
            if i % 2 == 0 {
                client
                    .objects::<Cars>()
                    .list_page(None, &ListOptions::new())
                    .await
                    .map(|_| ())
            } else {
                client
                    .objects::<DealerLocation>()
                    .list_page(None, &ListOptions::new())
                    .await
                    .map(|_| ())
            }
        }
    });
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(schema_lists(&b), 1);
    assert_eq!(
        seen(&b, "GET", &format!("/crm/v3/objects/{CARS_B}")).len(),
        25
    );
    // another client is another cache
    records_common::client(&b)
        .objects::<Cars>()
        .list_page(None, &ListOptions::new())
        .await
        .unwrap();
    assert_eq!(schema_lists(&b), 2);
}

#[tokio::test]
async fn a_type_the_account_lacks_is_listed_once_more_then_named() {
    let b = account_b(&["animals"]).await;
    let client = client(&b);
    client
        .objects::<Cars>()
        .list_page(None, &ListOptions::new())
        .await
        .unwrap();
    assert_eq!(schema_lists(&b), 1);

    let error = client.objects::<Animals>().get("1").await.unwrap_err();
    assert!(
        matches!(&error, Error::NotInAccount { object, association: None, .. } if object == "animals"),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("\"animals\""), "{message}");
    assert!(message.contains(&b.base_url()), "{message}");
    // one refresh, and no records request with A's id
    assert_eq!(schema_lists(&b), 2);
    assert!(
        seen(
            &b,
            "GET",
            &format!("/crm/v3/objects/{}", Animals::OBJECT_TYPE_ID)
        )
        .is_empty()
    );
}

#[tokio::test]
async fn ids_that_went_stale_are_listed_again_once_and_the_call_retried() {
    let b = account_b(&[]).await;
    let client = client(&b);
    let cars = client.objects::<Cars>();
    cars.list_page(None, &ListOptions::new()).await.unwrap();
    // B's cars object is recreated under yet another id
    let stale = b.seed_rebased(SNAPSHOT_A, 2 * OFFSET_B).unwrap();
    assert!(stale > 0);
    cars.list_page(None, &ListOptions::new()).await.unwrap();
    assert_eq!(schema_lists(&b), 2);
    let lists: Vec<String> = seen(&b, "GET", "/crm/v3/objects/2-")
        .into_iter()
        .map(|r| format!("{} {}", r.path, r.status))
        .collect();
    assert_eq!(
        lists,
        [
            format!("/crm/v3/objects/{CARS_B} 200"),
            format!("/crm/v3/objects/{CARS_B} 404"),
            "/crm/v3/objects/2-4468013 200".to_owned(),
        ]
    );
}

#[tokio::test]
async fn with_object_type_is_sent_as_is_without_a_list() {
    let b = account_b(&[]).await;
    let cars = client(&b)
        .objects::<Cars>()
        .with_object_type(format!("p{PORTAL_B}_cars"));
    cars.list_page(None, &ListOptions::new()).await.unwrap();
    assert_eq!(schema_lists(&b), 0);
}

#[tokio::test]
async fn a_schema_edited_in_the_running_account_is_what_the_client_meets() {
    let b = account_b(&[]).await;
    b.edit_schema("cars", |cars| {
        let properties = cars.properties.as_mut().unwrap();
        properties.retain(|p| p.name != "notes");
        let condition = properties
            .iter_mut()
            .find(|p| p.name == "condition")
            .unwrap();
        let mut option = condition.options.as_ref().unwrap()[0].clone();
        option.value = "salvage".to_owned();
        option.label = Some("Salvage".to_owned());
        condition.options.as_mut().unwrap().push(option);
    })
    .unwrap();
    assert!(
        b.edit_schema("trucks", |_| {})
            .unwrap_err()
            .contains("\"trucks\"")
    );

    let client = client(&b);
    let schema = client.schemas().get(CARS_B).await.unwrap();
    let properties = schema.properties.unwrap();
    assert!(!properties.iter().any(|p| p.name == "notes"));
    let condition = properties.iter().find(|p| p.name == "condition").unwrap();
    let values: Vec<&str> = condition
        .options
        .iter()
        .flatten()
        .map(|o| o.value.as_str())
        .collect();
    assert_eq!(values.last(), Some(&"salvage"));

    // the generated crate still sends `notes`, which B no longer has
    let error = client
        .objects::<Cars>()
        .create(&full_car())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(400), "{error}");
    assert!(error.to_string().contains("notes"), "{error}");
}
