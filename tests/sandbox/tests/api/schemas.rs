//! Every Schemas API v3 operation, on the happy path and its not-found cases.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Api, SCHEMAS, egg, property_names};

#[tokio::test]
async fn create_assigns_ids_and_adds_what_hubspot_adds() {
    let api = Api::start().await;
    let cars = api.create(&egg("cars")).await;

    assert_eq!(cars["id"], "2468000");
    assert_eq!(cars["objectTypeId"], "2-2468000");
    assert_eq!(cars["fullyQualifiedName"], "p12345678_cars");
    assert_eq!(cars["name"], "cars");
    assert_eq!(cars["labels"], json!({"singular": "Car", "plural": "Cars"}));
    assert_eq!(cars["archived"], false);
    assert_eq!(cars["requiredProperties"], json!(["vin"]));
    assert_eq!(cars["primaryDisplayProperty"], "vin");
    assert_eq!(cars["metaType"], "PORTAL_SPECIFIC");
    let created_at = cars["createdAt"].as_str().unwrap();
    assert_eq!(
        created_at.len(),
        "2024-05-01T09:30:00.000Z".len(),
        "{created_at}"
    );
    assert!(created_at.ends_with('Z') && &created_at[19..20] == ".");
    assert_eq!(cars["updatedAt"], cars["createdAt"]);

    assert_eq!(
        property_names(&cars),
        [
            "condition",
            "hs_createdate",
            "hs_lastmodifieddate",
            "hs_object_id",
            "vin",
            "year"
        ]
    );
    let prop = |name: &str| -> Value {
        cars["properties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap()
    };
    let id_prop = prop("hs_object_id");
    assert_eq!(id_prop["type"], "number");
    assert_eq!(id_prop["hubspotDefined"], true);
    assert_eq!(id_prop["modificationMetadata"]["readOnlyValue"], true);
    assert_eq!(prop("hs_createdate")["type"], "datetime");
    assert_eq!(
        prop("hs_lastmodifieddate")["modificationMetadata"]["readOnlyValue"],
        true
    );
    let vin = prop("vin");
    assert_eq!(vin["hasUniqueValue"], true);
    assert_eq!(vin["groupName"], "cars_information");
    assert_eq!(vin["modificationMetadata"]["readOnlyValue"], false);
    assert_eq!(vin.get("hubspotDefined"), None);
    let condition = prop("condition");
    let options: Vec<&str> = condition["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap())
        .collect();
    assert_eq!(options, ["new", "used"]);

    assert_eq!(
        cars["associations"],
        json!([{
            "id": "200",
            "fromObjectTypeId": "2-2468000",
            "toObjectTypeId": "0-1",
            "name": "cars_to_contact",
            "createdAt": created_at,
            "updatedAt": created_at,
        }])
    );

    let boats = api.create(&egg("boats")).await;
    assert_eq!(boats["id"], "2468001");
    assert_eq!(boats["associations"][0]["id"], "201");
}

#[tokio::test]
async fn get_resolves_name_fully_qualified_name_and_object_type_id() {
    let api = Api::start().await;
    let cars = api.create(&egg("cars")).await;
    for key in ["cars", "p12345678_cars", "2-2468000", "p12345678%5Fcars"] {
        let reply = api.get(&format!("{SCHEMAS}/{key}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{key}: {}", reply.text);
        assert_eq!(reply.json(), cars, "{key}");
    }
}

#[tokio::test]
async fn list_returns_live_schemas_and_honours_include_flags() {
    let api = Api::start().await;
    let cars = api.create(&egg("cars")).await;
    api.create(&egg("boats")).await;

    let all = api.get(SCHEMAS).await.json();
    let names: Vec<&str> = all["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["cars", "boats"]);
    assert_eq!(all["results"][0], cars);

    let lean = api
        .get(&format!(
            "{SCHEMAS}?includePropertyDefinitions=false&includeAssociationDefinitions=false\
             &includeAuditMetadata=false"
        ))
        .await
        .json();
    let first = lean["results"][0].as_object().unwrap();
    for absent in [
        "properties",
        "associations",
        "createdAt",
        "updatedAt",
        "createdByUserId",
        "updatedByUserId",
    ] {
        assert!(!first.contains_key(absent), "{absent} in {lean}");
    }
    assert_eq!(first["objectTypeId"], "2-2468000");
    assert_eq!(first["requiredProperties"], json!(["vin"]));

    let only_audit_off = api
        .get(&format!("{SCHEMAS}/cars?includeAuditMetadata=false"))
        .await
        .json();
    assert!(only_audit_off.get("createdAt").is_none());
    assert_eq!(property_names(&only_audit_off).len(), 6);
    assert_eq!(only_audit_off["associations"][0]["toObjectTypeId"], "0-1");
}

#[tokio::test]
async fn archive_hides_a_schema_and_hard_delete_needs_an_archived_one() {
    let api = Api::start().await;
    api.create(&egg("cars")).await;

    let refused = api.delete(&format!("{SCHEMAS}/cars?archived=true")).await;
    let body = refused.error(400, "VALIDATION_ERROR");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Object type cars is not archived, so it cannot be hard deleted"),
        "{body}"
    );
    assert_eq!(api.sandbox.schemas().len(), 1);

    assert_eq!(
        api.delete(&format!("{SCHEMAS}/cars")).await.status,
        StatusCode::NO_CONTENT
    );
    api.get(&format!("{SCHEMAS}/cars"))
        .await
        .error(404, "OBJECT_NOT_FOUND");
    assert_eq!(api.get(SCHEMAS).await.json(), json!({"results": []}));
    let archived = api.get(&format!("{SCHEMAS}?archived=true")).await.json();
    assert_eq!(archived["results"][0]["name"], "cars");
    assert_eq!(archived["results"][0]["archived"], true);
    let by_flag = api.get(&format!("{SCHEMAS}/cars?archived=true")).await;
    assert_eq!(by_flag.json()["archived"], true);
    assert_eq!(api.sandbox.schemas()[0].archived, Some(true));

    // Archiving again finds nothing live.
    api.delete(&format!("{SCHEMAS}/cars"))
        .await
        .error(404, "OBJECT_NOT_FOUND");
    // The name stays taken until the archived schema is purged.
    let taken = api.post(SCHEMAS, &egg("cars")).await;
    let body = taken.error(409, "OBJECT_ALREADY_EXISTS");
    assert!(
        body["message"].as_str().unwrap().contains("archived"),
        "{body}"
    );

    let purged = api
        .delete(&format!("{SCHEMAS}/p12345678_cars?archived=true"))
        .await;
    assert_eq!(purged.status, StatusCode::NO_CONTENT, "{}", purged.text);
    assert!(api.sandbox.schemas().is_empty());
    assert_eq!(api.create(&egg("cars")).await["id"], "2468001");
}

#[tokio::test]
async fn patch_updates_the_definition_and_answers_without_properties() {
    let api = Api::start().await;
    api.create(&egg("cars")).await;

    let reply = api
        .patch(
            &format!("{SCHEMAS}/2-2468000"),
            &json!({
                "labels": { "singular": "Automobile" },
                "requiredProperties": ["vin", "year"],
                "searchableProperties": ["vin", "condition"],
                "primaryDisplayProperty": "year",
                "clearDescription": true
            }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let definition = reply.json();
    assert_eq!(definition["portalId"], 12345678);
    assert_eq!(
        definition["labels"],
        json!({"singular": "Automobile", "plural": "Cars"})
    );
    assert_eq!(definition["requiredProperties"], json!(["vin", "year"]));
    assert_eq!(definition["primaryDisplayProperty"], "year");
    assert!(definition.get("description").is_none(), "{definition}");
    assert!(definition.get("properties").is_none(), "{definition}");
    assert!(definition.get("associations").is_none(), "{definition}");

    let stored = api.get(&format!("{SCHEMAS}/cars")).await.json();
    assert_eq!(stored["searchableProperties"], json!(["vin", "condition"]));
    assert_eq!(stored["labels"]["singular"], "Automobile");

    api.patch(&format!("{SCHEMAS}/nope"), &json!({}))
        .await
        .error(404, "OBJECT_NOT_FOUND");
}

#[tokio::test]
async fn associations_are_created_from_this_object_and_deleted_by_id() {
    let api = Api::start().await;
    api.create(&egg("cars")).await;
    let owners = api.create(&egg("owners")).await;
    let path = format!("{SCHEMAS}/cars/associations");

    let reply = api
        .post(
            &path,
            &json!({"fromObjectTypeId": "2-2468000", "toObjectTypeId": "0-2", "name": "car_dealer"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let to_company = reply.json();
    assert_eq!(to_company["id"], "202");
    assert_eq!(to_company["fromObjectTypeId"], "2-2468000");
    assert_eq!(to_company["toObjectTypeId"], "0-2");
    assert_eq!(to_company["name"], "car_dealer");

    // A custom target by its name resolves to its objectTypeId.
    let reply = api
        .post(
            &path,
            &json!({"fromObjectTypeId": "cars", "toObjectTypeId": "owners"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    assert_eq!(reply.json()["toObjectTypeId"], owners["objectTypeId"]);

    let stored = api.get(&format!("{SCHEMAS}/cars")).await.json();
    let ids: Vec<&str> = stored["associations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["200", "202", "203"]);

    let gone = api.delete(&format!("{path}/202")).await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.text);
    let body = api
        .delete(&format!("{path}/202"))
        .await
        .error(404, "OBJECT_NOT_FOUND");
    assert_eq!(
        body["message"],
        "Unable to find association 202 on object type cars"
    );
    let stored = api.get(&format!("{SCHEMAS}/cars")).await.json();
    assert_eq!(stored["associations"].as_array().unwrap().len(), 2);

    api.delete(&format!("{SCHEMAS}/nope/associations/200"))
        .await
        .error(404, "OBJECT_NOT_FOUND");
}

#[tokio::test]
async fn association_rules() {
    let api = Api::start().await;
    api.create(&egg("cars")).await;
    let path = format!("{SCHEMAS}/cars/associations");

    let body = api
        .post(
            &path,
            &json!({"fromObjectTypeId": "0-1", "toObjectTypeId": "0-2"}),
        )
        .await
        .error(400, "VALIDATION_ERROR");
    assert_eq!(
        body["message"],
        "fromObjectTypeId '0-1' must be the object type in the path (cars, objectTypeId 2-2468000)"
    );

    let body = api
        .post(
            &path,
            &json!({"fromObjectTypeId": "2-2468000", "toObjectTypeId": "0-999"}),
        )
        .await
        .error(400, "VALIDATION_ERROR");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("toObjectTypeId '0-999' is neither"),
        "{body}"
    );

    let body = api
        .post(&path, &json!({"toObjectTypeId": "0-2"}))
        .await
        .error(400, "VALIDATION_ERROR");
    assert_eq!(body["message"], "fromObjectTypeId is required");

    let body = api
        .post(
            &path,
            &json!({"fromObjectTypeId": "2-2468000", "toObjectTypeId": "0-3", "name": "cars_to_contact"}),
        )
        .await
        .error(409, "OBJECT_ALREADY_EXISTS");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("cars_to_contact")
    );
}

#[tokio::test]
async fn batch_read_returns_found_schemas_and_reports_unknown_inputs() {
    let api = Api::start().await;
    api.create(&egg("cars")).await;
    api.create(&egg("boats")).await;

    let reply = api
        .post(
            &format!("{SCHEMAS}/batch/read"),
            &json!({
                "inputs": ["p12345678_boats", "cars", "2-2468000", "p12345678_nope"],
                "includePropertyDefinitions": false,
                "includeAssociationDefinitions": true,
                "includeAuditMetadata": true
            }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let body = reply.json();
    assert_eq!(body["status"], "COMPLETE");
    let names: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["boats", "cars"]);
    assert!(body["results"][0].get("properties").is_none());
    assert_eq!(
        body["results"][0]["associations"][0]["toObjectTypeId"],
        "0-1"
    );
    assert_eq!(body["numErrors"], 1);
    assert_eq!(body["errors"][0]["category"], "OBJECT_NOT_FOUND");
    assert_eq!(
        body["errors"][0]["message"],
        "Unable to infer object type from: p12345678_nope"
    );

    let body = api
        .post(&format!("{SCHEMAS}/batch/read"), &json!({}))
        .await
        .error(400, "VALIDATION_ERROR");
    assert_eq!(body["message"], "inputs is required");
}

#[tokio::test]
async fn unknown_routes_and_methods_get_json_errors() {
    let api = Api::start().await;
    let reply = api.get("/crm/v4/nothing").await;
    let body = reply.error(404, "OBJECT_NOT_FOUND");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("No route for GET /crm/v4/nothing")
    );
    let reply = api.send(reqwest::Method::PUT, SCHEMAS, None, None).await;
    assert_eq!(
        reply.status,
        StatusCode::METHOD_NOT_ALLOWED,
        "{}",
        reply.text
    );
}
