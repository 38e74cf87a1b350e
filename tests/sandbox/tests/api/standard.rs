//! Standard objects: seeding them from a snapshot, their records (HubSpot-set
//! properties, value validation, default properties), the pipeline rule on deal and
//! custom object stages, and search by stage and by `hs_object_id`.

use hubspot_sandbox::Sandbox;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Api, CRM_FIXTURE, SCHEMAS, crm};

const CONTACTS: &str = "/crm/v3/objects/contacts";
const DEALS: &str = "/crm/v3/objects/deals";

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn seeding_keeps_standard_ids_and_hides_them_from_the_schemas_api() {
    let sandbox = Sandbox::start().await;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/standard_objects.json"
    );
    assert_eq!(sandbox.seed_file(path), Ok(4));
    // The Schemas API lists custom objects only.
    let names: Vec<String> = sandbox.schemas().into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["cars"]);
    let deals = sandbox.object_schema("0-3").expect("deals are served");
    assert_eq!(deals.name, "deals");
    let pipelines = deals.pipelines.expect("seeded pipelines");
    let ids: Vec<&str> = pipelines.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["default", "2834565"]);
    // HubSpot-set properties the snapshot left out are added.
    let contacts = sandbox.object_schema("contacts").unwrap();
    let names: Vec<&str> = contacts
        .properties
        .iter()
        .flatten()
        .map(|p| p.name.as_str())
        .collect();
    for wanted in [
        "email",
        "favorite_color",
        "hs_object_id",
        "createdate",
        "lastmodifieddate",
    ] {
        assert!(names.contains(&wanted), "{wanted} missing from {names:?}");
    }
    assert_eq!(contacts.object_type_id.as_deref(), Some("0-1"));
    // Unseeded standard objects keep their built-in schema and pipelines.
    let tickets = sandbox.object_schema("0-5").unwrap();
    assert_eq!(tickets.pipelines.unwrap()[0].id, "0");
    let custom = sandbox.object_schema("p12345678_cars").unwrap();
    assert_eq!(custom.object_type_id.as_deref(), Some("2-2469000"));
    let listed: Vec<String> = sandbox
        .standard_objects()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert!(listed.contains(&"deals".to_owned()) && listed.contains(&"line_items".to_owned()));
}

#[tokio::test]
async fn schemas_api_still_lists_only_custom_objects_over_http() {
    let api = crm().await;
    let body = api.get(SCHEMAS).await.json();
    let names: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["cars"]);
}

#[tokio::test]
async fn contact_records_get_hubspot_set_properties_and_default_properties() {
    let api = crm().await;
    let created = api
        .post(
            CONTACTS,
            &json!({"properties": {"email": "ada@example.com", "firstname": "Ada", "favorite_color": "blue"}}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let created = created.json();
    let id = created["id"].as_str().unwrap().to_owned();
    let props = &created["properties"];
    assert_eq!(props["hs_object_id"], id.as_str());
    for stamp in [
        "createdate",
        "lastmodifieddate",
        "hs_createdate",
        "hs_lastmodifieddate",
    ] {
        assert_eq!(props[stamp], created["createdAt"], "{stamp} in {props}");
    }
    // A read by 0-1 without `properties` returns contacts' default properties.
    let read = api.get(&format!("/crm/v3/objects/0-1/{id}")).await.json();
    assert_eq!(
        keys(&read["properties"]),
        [
            "createdate",
            "email",
            "firstname",
            "hs_object_id",
            "lastmodifieddate",
            "lastname"
        ]
    );
    assert_eq!(read["properties"]["email"], "ada@example.com");
    assert_eq!(read["properties"]["lastname"], Value::Null);
    // The same value validation as custom objects.
    let bad = api
        .post(
            CONTACTS,
            &json!({"properties": {"favorite_color": "green", "old_score": "3", "hs_object_id": "1"}}),
        )
        .await;
    let body = bad.error(400, "VALIDATION_ERROR");
    let codes: Vec<(String, String)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["in"].as_str().unwrap().into(),
                e["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("favorite_color".into(), "INVALID_OPTION".into()),
            ("hs_object_id".into(), "READ_ONLY_VALUE".into()),
            ("old_score".into(), "PROPERTY_DOESNT_EXIST".into()),
        ]
    );
    assert_eq!(api.sandbox.record_count("contacts"), 1);
}

#[tokio::test]
async fn deal_stages_must_belong_to_the_deals_pipeline() {
    let api = crm().await;
    // A stage alone lands in the default pipeline, which is stored on the record.
    let first = api
        .post(
            DEALS,
            &json!({"properties": {"dealname": "Big", "dealstage": "appointmentscheduled"}}),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let first = first.json();
    assert_eq!(first["properties"]["pipeline"], "default");
    let id = first["id"].as_str().unwrap().to_owned();

    // A stage of the other pipeline is refused, naming the stage, pipeline and choices.
    let wrong = api
        .post(
            DEALS,
            &json!({"properties": {"dealname": "Odd", "pipeline": "2834565", "dealstage": "closedwon"}}),
        )
        .await;
    let body = wrong.error(400, "VALIDATION_ERROR");
    assert_eq!(
        body["message"],
        "Property values were not valid: \"closedwon\" is not a valid stage for pipeline \
         \"2834565\" (Renewals) of deals: use one of [93476205, 93476206]"
    );
    assert_eq!(body["errors"][0]["in"], "dealstage");
    assert_eq!(body["errors"][0]["code"], "INVALID_OPTION");

    // Unknown pipelines too.
    let unknown = api
        .post(
            DEALS,
            &json!({"properties": {"pipeline": "nope", "dealstage": "closedwon"}}),
        )
        .await;
    assert_eq!(
        unknown.error(400, "VALIDATION_ERROR")["errors"][0]["message"],
        "\"nope\" is not a valid pipeline for deals: use one of [default, 2834565]"
    );

    // Update: moving the stage alone into another pipeline's stage is refused…
    let path = format!("{DEALS}/{id}");
    let moved = api
        .patch(&path, &json!({"properties": {"dealstage": "93476205"}}))
        .await;
    assert!(
        moved.error(400, "VALIDATION_ERROR")["message"]
            .as_str()
            .unwrap()
            .contains("\"93476205\" is not a valid stage for pipeline \"default\""),
        "{}",
        moved.text
    );
    // …as is an archived stage, and moving the pipeline without a stage of it…
    let archived = api
        .patch(
            &path,
            &json!({"properties": {"pipeline": "2834565", "dealstage": "93476207"}}),
        )
        .await;
    archived.error(400, "VALIDATION_ERROR");
    let pipeline_only = api
        .patch(&path, &json!({"properties": {"pipeline": "2834565"}}))
        .await;
    pipeline_only.error(400, "VALIDATION_ERROR");
    // …while moving both together works.
    let both = api
        .patch(
            &path,
            &json!({"properties": {"pipeline": "2834565", "dealstage": "93476206"}}),
        )
        .await;
    assert_eq!(both.status, StatusCode::OK, "{}", both.text);
    assert_eq!(
        api.sandbox.record_values("deals", &id).unwrap()["dealstage"],
        "93476206"
    );

    // Batch create: the bad input fails alone (207).
    let batch = api
        .post(
            &format!("{DEALS}/batch/create"),
            &json!({"inputs": [
                {"properties": {"dealname": "Ok", "dealstage": "closedlost"}},
                {"properties": {"dealname": "Bad", "dealstage": "93476206"}}
            ]}),
        )
        .await;
    assert_eq!(batch.status.as_u16(), 207, "{}", batch.text);
    let batch = batch.json();
    assert_eq!(batch["results"][0]["properties"]["pipeline"], "default");
    assert_eq!(batch["errors"][0]["errors"][0]["in"], "dealstage");

    // Search by stage finds the moved deal only.
    let found = api
        .post(
            &format!("{DEALS}/search"),
            &json!({"filterGroups": [{"filters": [
                {"propertyName": "dealstage", "operator": "EQ", "value": "93476206"}
            ]}], "properties": ["dealname", "pipeline", "dealstage"]}),
        )
        .await
        .json();
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["results"][0]["id"], id.as_str());
    assert_eq!(found["results"][0]["properties"]["pipeline"], "2834565");
}

#[tokio::test]
async fn custom_object_stages_use_hs_pipeline() {
    let api = crm().await;
    let sold = "2f6c9a10-1d4e-4e0b-9a65-4cf8d4b0a222";
    let created = api
        .post(
            "/crm/v3/objects/2-2469000",
            &json!({"properties": {"vin": "V1", "hs_pipeline_stage": sold}}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(
        created.json()["properties"]["hs_pipeline"],
        "75e28846-ad0d-4be2-a027-5e1da6590b98"
    );
    let bad = api
        .post(
            "/crm/v3/objects/cars",
            &json!({"properties": {"vin": "V2", "hs_pipeline_stage": "closedwon"}}),
        )
        .await;
    assert_eq!(
        bad.error(400, "VALIDATION_ERROR")["errors"][0]["in"],
        "hs_pipeline_stage"
    );
}

#[tokio::test]
async fn fresh_accounts_have_deals_with_the_default_pipeline() {
    let api = Api::start().await;
    let created = api
        .post(
            DEALS,
            &json!({"properties": {"dealname": "X", "dealstage": "contractsent"}}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let ticket = api
        .post(
            "/crm/v3/objects/tickets",
            &json!({"properties": {"subject": "Broken", "hs_pipeline_stage": "9"}}),
        )
        .await;
    assert!(
        ticket.error(400, "VALIDATION_ERROR")["message"]
            .as_str()
            .unwrap()
            .contains("\"9\" is not a valid stage for pipeline \"0\" (Support Pipeline)"),
        "{}",
        ticket.text
    );
}

#[tokio::test]
async fn search_pages_by_hs_object_id_greater_than_sorted_ascending() {
    let api = Api::start().await;
    api.sandbox.seed_json(CRM_FIXTURE).unwrap();
    let ids: Vec<String> = (0..5)
        .map(|n| {
            api.sandbox
                .add_record("contacts", json!({"email": format!("c{n}@example.com")}))
                .unwrap()
        })
        .collect();
    let page = api
        .post(
            &format!("{CONTACTS}/search"),
            &json!({
                "filterGroups": [{"filters": [
                    {"propertyName": "hs_object_id", "operator": "GT", "value": ids[1]}
                ]}],
                "sorts": [{"propertyName": "hs_object_id", "direction": "ASCENDING"}],
                "properties": ["email"],
                "limit": 2
            }),
        )
        .await
        .json();
    assert_eq!(page["total"], 3, "{page}");
    let got: Vec<&str> = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, [ids[2].as_str(), ids[3].as_str()]);
    assert_eq!(page["results"][0]["properties"]["email"], "c2@example.com");
    assert_eq!(page["paging"]["next"]["after"], "2");
    // add_record validates like the API.
    let err = api
        .sandbox
        .add_record("contacts", json!({"favorite_color": "green"}))
        .unwrap_err();
    assert!(
        err.contains("\"green\" was not one of the allowed options"),
        "{err}"
    );
    assert!(api.sandbox.add_record("nothing", json!({})).is_err());
}

#[tokio::test]
async fn contacts_are_unique_by_email_and_readable_by_it() {
    let api = crm().await;
    let id = api
        .sandbox
        .add_record(
            "contacts",
            json!({"email": "ada@example.com", "firstname": "Ada"}),
        )
        .unwrap();
    let read = api
        .get(&format!(
            "{CONTACTS}/ada@example.com?idProperty=email&properties=firstname"
        ))
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    let read = read.json();
    assert_eq!(read["id"], id.as_str());
    assert_eq!(read["properties"]["firstname"], "Ada");
    let twice = api
        .post(
            CONTACTS,
            &json!({"properties": {"email": "ada@example.com"}}),
        )
        .await;
    assert_eq!(
        twice.error(409, "OBJECT_ALREADY_EXISTS")["message"],
        format!(
            "A contacts record with email \"ada@example.com\" already exists (id {id}); email \
             must be unique"
        )
    );
}

#[tokio::test]
async fn standard_records_associate_with_hubspot_defined_types() {
    let api = crm().await;
    let contact = api
        .sandbox
        .add_record("contacts", json!({"email": "ada@example.com"}))
        .unwrap();
    let company = api
        .sandbox
        .add_record("companies", json!({"name": "Analytical Engines"}))
        .unwrap();
    let car = api
        .sandbox
        .add_record("cars", json!({"vin": "V1"}))
        .unwrap();
    let put = |path: String| {
        let api = &api;
        async move {
            api.send(
                reqwest::Method::PUT,
                &path,
                Some(hubspot_sandbox::DEFAULT_TOKEN),
                None,
            )
            .await
        }
    };
    let linked = put(format!(
        "/crm/v4/objects/contacts/{contact}/associations/default/companies/{company}"
    ))
    .await;
    assert_eq!(linked.status, StatusCode::OK, "{}", linked.text);
    assert_eq!(
        linked.json()["results"][0]["associationSpec"],
        json!({"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279})
    );
    // From a standard object to a custom one: the custom object's definition.
    let to_car = put(format!(
        "/crm/v4/objects/0-1/{contact}/associations/default/cars/{car}"
    ))
    .await;
    assert_eq!(to_car.status, StatusCode::OK, "{}", to_car.text);
    assert_eq!(
        to_car.json()["results"][0]["associationSpec"]["associationCategory"],
        "USER_DEFINED"
    );
    let read = api
        .get(&format!("{CONTACTS}/{contact}?associations=companies,cars"))
        .await
        .json();
    assert_eq!(
        read["associations"]["companies"]["results"],
        json!([{"id": company, "type": "contact_to_company_unlabeled"}])
    );
    assert_eq!(
        read["associations"]["cars"]["results"][0]["id"],
        car.as_str()
    );
    // No definition at all: 400.
    let none = put(format!(
        "/crm/v4/objects/contacts/{contact}/associations/default/quotes/1"
    ))
    .await;
    none.error(400, "VALIDATION_ERROR");
}

/// The project's example snapshot seeds whole, and every object in it is served by the
/// Properties API (and, when it has pipelines, by the Pipelines API) as snapshotted.
#[tokio::test]
async fn the_example_snapshot_seeds_and_is_served() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/schemas.json");
    let snapshot: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let objects = snapshot["results"].as_array().unwrap();
    let api = Api::start().await;
    assert_eq!(api.sandbox.seed_file(path), Ok(objects.len()));
    for object in objects {
        let key = object["objectTypeId"]
            .as_str()
            .or_else(|| object["name"].as_str())
            .unwrap();
        let listed = api.get(&format!("/crm/v3/properties/{key}")).await;
        assert_eq!(listed.status, StatusCode::OK, "{key}: {}", listed.text);
        let served: Vec<String> = listed.json()["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect();
        for property in object["properties"].as_array().into_iter().flatten() {
            let name = property["name"].as_str().unwrap();
            if property["archived"] != true {
                assert!(served.iter().any(|s| s == name), "{key}: {name} not served");
            }
        }
        if let Some(pipelines) = object["pipelines"].as_array() {
            let body = api.get(&format!("/crm/v3/pipelines/{key}")).await.json();
            let live = pipelines.iter().filter(|p| p["archived"] != true).count();
            assert_eq!(body["results"].as_array().unwrap().len(), live, "{key}");
        }
    }
}
