//! The Properties API: list (live and archived), read, create, update and archive on
//! standard and custom objects, with HubSpot's validation and error bodies, and the
//! effect of each change on the object's schema and on record validation.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::crm;

fn names(body: &Value) -> Vec<String> {
    body["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results: {body}"))
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect()
}

fn shoe_size() -> Value {
    json!({"name": "shoe_size", "label": "Shoe size", "type": "number", "fieldType": "number",
           "groupName": "contactinformation", "description": "EU sizes"})
}

#[tokio::test]
async fn lists_live_or_archived_properties_and_reads_one() {
    let api = crm().await;
    let live = names(&api.get("/crm/v3/properties/contacts").await.json());
    assert!(live.contains(&"favorite_color".to_owned()), "{live:?}");
    assert!(live.contains(&"hs_object_id".to_owned()), "{live:?}");
    assert!(!live.contains(&"old_score".to_owned()), "{live:?}");
    let archived = api.get("/crm/v3/properties/0-1?archived=true").await.json();
    assert_eq!(names(&archived), ["old_score"]);
    assert_eq!(
        archived["results"][0]["archivedAt"],
        "2024-02-01T10:00:00.000Z"
    );

    let one = api
        .get("/crm/v3/properties/0-1/favorite_color")
        .await
        .json();
    assert_eq!(one["options"][1]["value"], "blue");
    assert_eq!(one["type"], "enumeration");
    let missing = api.get("/crm/v3/properties/contacts/shoe_size").await;
    assert_eq!(
        missing.error(404, "OBJECT_NOT_FOUND")["message"],
        "No property named 'shoe_size' exists on contacts (0-1); list them with GET \
         /crm/v3/properties/contacts"
    );
    let old = api
        .get("/crm/v3/properties/contacts/old_score?archived=true")
        .await
        .json();
    assert_eq!(old["name"], "old_score");
    assert_eq!(old["archived"], true);
    let unknown = api.get("/crm/v3/properties/planes").await;
    assert_eq!(
        unknown.error(404, "OBJECT_NOT_FOUND")["message"],
        "Unable to infer object type from: planes"
    );
    // Custom objects by name, fully qualified name and id.
    for key in ["cars", "p12345678_cars", "2-2469000"] {
        let body = api.get(&format!("/crm/v3/properties/{key}")).await.json();
        assert!(names(&body).contains(&"vin".to_owned()), "{key}: {body}");
    }
}

#[tokio::test]
async fn created_properties_join_the_schema_and_record_validation() {
    let api = crm().await;
    let created = api.post("/crm/v3/properties/contacts", &shoe_size()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let created = created.json();
    assert_eq!(created["name"], "shoe_size");
    assert_eq!(created["groupName"], "contactinformation");
    assert_eq!(created["archived"], false);
    assert_eq!(created["modificationMetadata"]["readOnlyValue"], false);
    assert!(created["createdAt"].is_string());

    let schema = api.sandbox.object_schema("contacts").unwrap();
    assert!(
        schema
            .properties
            .iter()
            .flatten()
            .any(|p| p.name == "shoe_size")
    );
    let record = api
        .post(
            "/crm/v3/objects/contacts",
            &json!({"properties": {"shoe_size": "42"}}),
        )
        .await;
    assert_eq!(record.status, StatusCode::CREATED, "{}", record.text);
    let bad = api
        .post(
            "/crm/v3/objects/contacts",
            &json!({"properties": {"shoe_size": "big"}}),
        )
        .await;
    assert_eq!(
        bad.error(400, "VALIDATION_ERROR")["errors"][0]["code"],
        "INVALID_INTEGER"
    );

    let again = api.post("/crm/v3/properties/0-1", &shoe_size()).await;
    assert_eq!(
        again.error(409, "OBJECT_ALREADY_EXISTS")["message"],
        "Property named 'shoe_size' already exists on contacts."
    );
    let archived_name = api
        .post(
            "/crm/v3/properties/contacts",
            &json!({"name": "old_score", "label": "Old", "type": "number", "fieldType": "number",
                    "groupName": "contactinformation"}),
        )
        .await;
    assert_eq!(
        archived_name.error(409, "OBJECT_ALREADY_EXISTS")["message"],
        "Property named 'old_score' already exists on contacts (it is archived)."
    );

    // On a custom object, by its id.
    let on_cars = api
        .post(
            "/crm/v3/properties/2-2469000",
            &json!({"name": "color", "label": "Color", "type": "enumeration", "fieldType": "select",
                    "groupName": "cars_information",
                    "options": [{"label": "Red", "value": "red", "displayOrder": 0, "hidden": false}]}),
        )
        .await;
    assert_eq!(on_cars.status, StatusCode::CREATED, "{}", on_cars.text);
    let car = api
        .post(
            "/crm/v3/objects/cars",
            &json!({"properties": {"vin": "V9", "color": "teal"}}),
        )
        .await;
    assert_eq!(
        car.error(400, "VALIDATION_ERROR")["errors"][0]["in"],
        "color"
    );
}

#[tokio::test]
async fn bad_definitions_are_refused_naming_the_field() {
    let api = crm().await;
    let before = api
        .sandbox
        .object_schema("contacts")
        .unwrap()
        .properties
        .unwrap()
        .len();
    let cases = [
        (json!({"type": "money"}), "type", "INVALID_TYPE"),
        (
            json!({"fieldType": "textarea"}),
            "fieldType",
            "INVALID_FIELD_TYPE",
        ),
        (json!({"name": "hs_mine"}), "name", "INVALID_NAME"),
        (json!({"name": "Shoe Size"}), "name", "INVALID_NAME"),
        (json!({"groupName": null}), "groupName", "REQUIRED_FIELD"),
        (json!({"label": ""}), "label", "REQUIRED_FIELD"),
        (
            json!({"type": "enumeration", "fieldType": "select",
                   "options": [{"label": "A", "value": "a"}, {"label": "A2", "value": "a"}]}),
            "options[1].value",
            "DUPLICATE_OPTION",
        ),
    ];
    for (change, field, code) in cases {
        let mut body = shoe_size();
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let reply = api.post("/crm/v3/properties/contacts", &body).await;
        let error = reply.error(400, "VALIDATION_ERROR");
        assert_eq!(error["errors"][0]["in"], field, "{body}: {error}");
        assert_eq!(error["errors"][0]["code"], code, "{body}: {error}");
    }
    let error = api
        .post(
            "/crm/v3/properties/contacts",
            &json!({"name": "flag", "label": "Flag", "type": "bool", "fieldType": "text", "groupName": "g"}),
        )
        .await
        .error(400, "VALIDATION_ERROR");
    assert_eq!(
        error["message"],
        "Property 'flag' of type 'bool' cannot have fieldType 'text'; use one of \
         booleancheckbox, calculation_equation"
    );
    let after = api
        .sandbox
        .object_schema("contacts")
        .unwrap()
        .properties
        .unwrap()
        .len();
    assert_eq!(after, before, "a refused definition must not be stored");
    let unknown = api.post("/crm/v3/properties/planes", &shoe_size()).await;
    unknown.error(404, "OBJECT_NOT_FOUND");
}

#[tokio::test]
async fn updates_change_definitions_and_the_rules_records_follow() {
    let api = crm().await;
    let updated = api
        .patch(
            "/crm/v3/properties/contacts/favorite_color",
            &json!({"label": "Colour", "options": [
                {"label": "Red", "value": "red", "displayOrder": 0, "hidden": false},
                {"label": "Green", "value": "green", "displayOrder": 1, "hidden": false}
            ]}),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);
    let updated = updated.json();
    assert_eq!(updated["label"], "Colour");
    assert_eq!(updated["options"][1]["value"], "green");
    let green = api
        .post(
            "/crm/v3/objects/contacts",
            &json!({"properties": {"favorite_color": "green"}}),
        )
        .await;
    assert_eq!(green.status, StatusCode::CREATED, "{}", green.text);
    let blue = api
        .post(
            "/crm/v3/objects/contacts",
            &json!({"properties": {"favorite_color": "blue"}}),
        )
        .await;
    blue.error(400, "VALIDATION_ERROR");

    let bad_type = api
        .patch(
            "/crm/v3/properties/contacts/favorite_color",
            &json!({"fieldType": "text"}),
        )
        .await;
    assert_eq!(
        bad_type.error(400, "VALIDATION_ERROR")["errors"][0]["in"],
        "fieldType"
    );
    let hubspot = api
        .patch(
            "/crm/v3/properties/contacts/email",
            &json!({"label": "E-mail"}),
        )
        .await;
    assert_eq!(
        hubspot.error(400, "VALIDATION_ERROR")["message"],
        "Property 'email' of contacts is defined by HubSpot; its definition is read only"
    );
    api.patch(
        "/crm/v3/properties/contacts/nothing",
        &json!({"label": "N"}),
    )
    .await
    .error(404, "OBJECT_NOT_FOUND");
}

#[tokio::test]
async fn archiving_hides_a_property_from_lists_and_records() {
    let api = crm().await;
    let reply = api
        .delete("/crm/v3/properties/contacts/favorite_color")
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text);
    let live = names(&api.get("/crm/v3/properties/contacts").await.json());
    assert!(!live.contains(&"favorite_color".to_owned()));
    let archived = names(
        &api.get("/crm/v3/properties/contacts?archived=true")
            .await
            .json(),
    );
    assert_eq!(archived, ["favorite_color", "old_score"]);
    let one = api
        .get("/crm/v3/properties/contacts/favorite_color?archived=true")
        .await
        .json();
    assert_eq!(one["archived"], true);
    assert!(one["archivedAt"].is_string());
    let write = api
        .post(
            "/crm/v3/objects/contacts",
            &json!({"properties": {"favorite_color": "red"}}),
        )
        .await;
    assert_eq!(
        write.error(400, "VALIDATION_ERROR")["errors"][0]["code"],
        "PROPERTY_DOESNT_EXIST"
    );
    let again = api
        .delete("/crm/v3/properties/contacts/favorite_color")
        .await;
    again.error(404, "OBJECT_NOT_FOUND");
    let built_in = api.delete("/crm/v3/properties/contacts/hs_object_id").await;
    assert_eq!(
        built_in.error(400, "VALIDATION_ERROR")["message"],
        "Property 'hs_object_id' of contacts is defined by HubSpot and cannot be archived"
    );
}
