//! HubSpot's validation rules on create and patch, each answered with a 400 (or 409 /
//! 404) whose message names what was wrong.

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{Api, SCHEMAS, egg};
use hubspot_sandbox::DEFAULT_TOKEN;

/// `egg("cars")` with `edit` applied.
fn egg_with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut egg = egg("cars");
    edit(&mut egg);
    egg
}

/// Each case: what to break, the message expected.
fn create_cases() -> Vec<(&'static str, Value, &'static str)> {
    vec![
        (
            "name starting with a digit",
            egg_with(|e| e["name"] = json!("1cars")),
            "Invalid object type name '1cars': a name must start with a letter and contain only \
             letters, digits and underscores",
        ),
        (
            "name with a dash",
            egg_with(|e| e["name"] = json!("my-cars")),
            "Invalid object type name 'my-cars': a name must start with a letter and contain \
             only letters, digits and underscores",
        ),
        (
            "missing name",
            egg_with(|e| {
                e.as_object_mut().unwrap().remove("name");
            }),
            "name is required",
        ),
        (
            "missing plural label",
            egg_with(|e| e["labels"] = json!({"singular": "Car"})),
            "labels.plural is required",
        ),
        (
            "missing labels",
            egg_with(|e| {
                e.as_object_mut().unwrap().remove("labels");
            }),
            "labels.singular is required",
        ),
        (
            "bad property name",
            egg_with(|e| e["properties"][1]["name"] = json!("model year")),
            "Invalid property name 'model year': a property name must start with a letter and \
             contain only letters, digits and underscores",
        ),
        (
            "reserved property prefix",
            egg_with(|e| e["properties"][1]["name"] = json!("hs_year")),
            "Invalid property name 'hs_year': the hs_ prefix is reserved for HubSpot-defined \
             properties",
        ),
        (
            "duplicate property",
            egg_with(|e| e["properties"][1]["name"] = json!("vin")),
            "Property 'vin' is defined more than once",
        ),
        (
            "unknown property type",
            egg_with(|e| e["properties"][1]["type"] = json!("text")),
            "Property 'year' has invalid type 'text'; valid types are string, number, bool, date, \
             datetime, enumeration, phone_number",
        ),
        (
            "missing fieldType",
            egg_with(|e| {
                e["properties"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("fieldType");
            }),
            "properties[1].fieldType is required",
        ),
        (
            "missing property label",
            egg_with(|e| {
                e["properties"][0].as_object_mut().unwrap().remove("label");
            }),
            "properties[0].label is required",
        ),
        (
            "duplicate option value",
            egg_with(|e| e["properties"][2]["options"][1]["value"] = json!("new")),
            "Property 'condition' has more than one option with value 'new'",
        ),
        (
            "required property not defined",
            egg_with(|e| e["requiredProperties"] = json!(["vin", "mileage"])),
            "requiredProperties names 'mileage', which is not a property of this object type; \
             define it in properties first",
        ),
        (
            "primary display property not defined",
            egg_with(|e| e["primaryDisplayProperty"] = json!("plate")),
            "primaryDisplayProperty names 'plate', which is not a property of this object type; \
             define it in properties first",
        ),
        (
            "secondary display property not defined",
            egg_with(|e| e["secondaryDisplayProperties"] = json!(["colour"])),
            "secondaryDisplayProperties names 'colour', which is not a property of this object \
             type; define it in properties first",
        ),
        (
            "searchable property not defined",
            egg_with(|e| e["searchableProperties"] = json!(["vin", "owner"])),
            "searchableProperties names 'owner', which is not a property of this object type; \
             define it in properties first",
        ),
        (
            "unknown associated object",
            egg_with(|e| e["associatedObjects"] = json!(["0-1", "planes"])),
            "associatedObjects names 'planes', which is neither a standard object type (such as \
             0-1 contacts, 0-2 companies, 0-3 deals, 0-5 tickets) nor an existing custom object \
             type",
        ),
    ]
}

#[tokio::test]
async fn each_create_rule_is_a_400_naming_the_problem() {
    let api = Api::start().await;
    for (case, body, message) in create_cases() {
        let reply = api.post(SCHEMAS, &body).await;
        let error = reply.error(400, "VALIDATION_ERROR");
        assert_eq!(error["message"], message, "case: {case}");
    }
    assert!(
        api.sandbox.schemas().is_empty(),
        "no invalid egg was stored"
    );
    // The rules did not reject the valid egg they were derived from.
    api.create(&egg("cars")).await;
}

#[tokio::test]
async fn field_errors_locate_the_field() {
    let api = Api::start().await;
    let reply = api
        .post(
            SCHEMAS,
            &egg_with(|e| e["properties"][2]["type"] = json!("select")),
        )
        .await;
    let error = reply.error(400, "VALIDATION_ERROR");
    assert_eq!(error["errors"][0]["in"], "properties[2].type");
    assert_eq!(error["errors"][0]["code"], "INVALID_TYPE");
}

#[tokio::test]
async fn hubspot_defined_properties_may_be_referenced() {
    let api = Api::start().await;
    let schema = api
        .create(&egg_with(|e| {
            e["secondaryDisplayProperties"] = json!(["hs_object_id"])
        }))
        .await;
    assert_eq!(
        schema["secondaryDisplayProperties"],
        json!(["hs_object_id"])
    );
}

#[tokio::test]
async fn malformed_and_mistyped_json_bodies_are_400() {
    let api = Api::start().await;
    let response = api
        .http
        .post(api.url(SCHEMAS))
        .bearer_auth(DEFAULT_TOKEN)
        .header("content-type", "application/json")
        .body("{\"name\": \"cars\",")
        .send()
        .await
        .unwrap();
    let reply = crate::common::read(response).await;
    let error = reply.error(400, "VALIDATION_ERROR");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("Invalid input JSON on line 1, column 16:"),
        "{message}"
    );

    let reply = api.post(SCHEMAS, &json!({"name": 7})).await;
    let error = reply.error(400, "VALIDATION_ERROR");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("invalid type: integer `7`, expected a string"),
        "{message}"
    );

    let reply = api
        .send(Method::POST, SCHEMAS, Some(DEFAULT_TOKEN), None)
        .await;
    let error = reply.error(400, "VALIDATION_ERROR");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("Request body is required")
    );
}

#[tokio::test]
async fn duplicate_name_is_409_naming_it() {
    let api = Api::start().await;
    api.create(&egg("cars")).await;
    let error = api
        .post(SCHEMAS, &egg("cars"))
        .await
        .error(409, "OBJECT_ALREADY_EXISTS");
    assert_eq!(
        error["message"],
        "An object type with name 'cars' already exists: p12345678_cars"
    );
    assert_eq!(api.sandbox.schemas().len(), 1);
}

#[tokio::test]
async fn unknown_object_type_is_hubspots_404() {
    let api = Api::start().await;
    let error = api
        .get(&format!("{SCHEMAS}/p12345678_nope"))
        .await
        .error(404, "OBJECT_NOT_FOUND");
    assert_eq!(
        error["message"],
        "Unable to infer object type from: p12345678_nope"
    );
}

#[tokio::test]
async fn patch_rules() {
    let api = Api::start().await;
    api.create(&egg("cars")).await;
    let path = format!("{SCHEMAS}/cars");

    let error = api
        .patch(&path, &json!({"requiredProperties": ["vin", "mileage"]}))
        .await
        .error(400, "VALIDATION_ERROR");
    assert_eq!(
        error["message"],
        "requiredProperties names 'mileage', which is not a property of this object type; \
         define it in properties first"
    );
    let error = api
        .patch(&path, &json!({"labels": {"plural": " "}}))
        .await
        .error(400, "VALIDATION_ERROR");
    assert_eq!(error["message"], "labels.plural cannot be blank");
    let stored = api.get(&path).await.json();
    assert_eq!(stored["requiredProperties"], json!(["vin"]));
    assert_eq!(stored["labels"]["plural"], "Cars");
}

#[tokio::test]
async fn bad_query_flags_are_400() {
    let api = Api::start().await;
    let error = api
        .get(&format!("{SCHEMAS}?archived=maybe"))
        .await
        .error(400, "VALIDATION_ERROR");
    assert_eq!(
        error["message"],
        "Invalid value 'maybe' for query parameter 'archived': expected true or false"
    );
}

#[tokio::test]
async fn undecodable_path_is_a_hubspot_400() {
    let api = Api::start().await;
    let error = api
        .get(&format!("{SCHEMAS}/p1_%FF"))
        .await
        .error(400, "VALIDATION_ERROR");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("Invalid path /crm-object-schemas/v3/schemas/p1_%FF: "),
        "{message}"
    );
}
