//! The Pipelines API: list, one pipeline, its stages, one stage; shapes as HubSpot
//! sends them; objects without pipelines; unknown objects and pipelines.

use serde_json::{Value, json};

use crate::common::{Api, CRM_FIXTURE, crm};

/// The fixture's deals pipelines as HubSpot would list them: archived stages left out.
fn fixture_deal_pipelines() -> Value {
    let fixture: Value = serde_json::from_str(CRM_FIXTURE).unwrap();
    let deals = fixture["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "deals")
        .unwrap();
    let mut pipelines = deals["pipelines"].clone();
    for pipeline in pipelines.as_array_mut().unwrap() {
        pipeline["stages"]
            .as_array_mut()
            .unwrap()
            .retain(|s| s["archived"] != true);
    }
    pipelines
}

#[tokio::test]
async fn deals_pipelines_are_listed_exactly_as_seeded() {
    let api = crm().await;
    for key in ["deals", "0-3", "deal"] {
        let reply = api.get(&format!("/crm/v3/pipelines/{key}")).await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.text);
        assert_eq!(
            reply.json(),
            json!({"results": fixture_deal_pipelines()}),
            "{key}"
        );
    }
    let stage = &fixture_deal_pipelines()[0]["stages"][0];
    assert_eq!(
        stage,
        &json!({"id": "appointmentscheduled", "label": "Appointment Scheduled", "displayOrder": 0,
                "metadata": {"isClosed": "false", "probability": "0.2"},
                "createdAt": "2023-05-01T09:00:00.000Z", "updatedAt": "2023-05-01T09:00:00.000Z",
                "archived": false, "writePermissions": "CRUD_ALL"})
    );
}

#[tokio::test]
async fn one_pipeline_its_stages_and_one_stage() {
    let api = crm().await;
    let renewals = api.get("/crm/v3/pipelines/deals/2834565").await.json();
    assert_eq!(renewals, fixture_deal_pipelines()[1]);
    let stages = api
        .get("/crm/v3/pipelines/deals/2834565/stages")
        .await
        .json();
    let ids: Vec<&str> = stages["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["93476205", "93476206"]);
    let stage = api
        .get("/crm/v3/pipelines/deals/2834565/stages/93476206")
        .await
        .json();
    assert_eq!(stage["label"], "Renewed");
    assert_eq!(stage["metadata"]["probability"], "1.0");

    let missing = api.get("/crm/v3/pipelines/deals/999").await;
    assert_eq!(
        missing.error(404, "OBJECT_NOT_FOUND")["message"],
        "Unable to find pipeline 999 for object type deals; list them with GET /crm/v3/pipelines/deals"
    );
    api.get("/crm/v3/pipelines/deals/2834565/stages/93476207")
        .await
        .error(404, "OBJECT_NOT_FOUND");
}

#[tokio::test]
async fn objects_without_pipelines() {
    let api = crm().await;
    let contacts = api.get("/crm/v3/pipelines/contacts").await;
    assert_eq!(
        contacts.error(400, "VALIDATION_ERROR")["message"],
        "Object type contacts (0-1) does not support pipelines; pipelines exist on deals, \
         tickets and custom objects"
    );
    let cars = api.get("/crm/v3/pipelines/p12345678_cars").await.json();
    assert_eq!(cars["results"][0]["label"], "Lot");
    let unknown = api.get("/crm/v3/pipelines/planes").await;
    assert_eq!(
        unknown.error(404, "OBJECT_NOT_FOUND")["message"],
        "Unable to infer object type from: planes"
    );

    // A custom object with no pipeline configured answers an empty list.
    let bare = Api::start().await;
    bare.sandbox
        .seed_json(
            r#"{"results":[{"name":"boats","labels":{"singular":"Boat","plural":"Boats"}}]}"#,
        )
        .unwrap();
    assert_eq!(
        bare.get("/crm/v3/pipelines/boats").await.json(),
        json!({"results": []})
    );
    // A fresh account's tickets have HubSpot's support pipeline.
    let tickets = bare.get("/crm/v3/pipelines/tickets").await.json();
    assert_eq!(tickets["results"][0]["id"], "0");
    assert_eq!(
        tickets["results"][0]["stages"][3]["metadata"]["ticketState"],
        "CLOSED"
    );
}

#[tokio::test]
async fn the_schemas_api_leaves_pipelines_to_the_pipelines_api() {
    let api = crm().await;
    let cars = api
        .get("/crm-object-schemas/v3/schemas/p12345678_cars")
        .await
        .json();
    assert_eq!(cars["name"], "cars");
    assert!(cars.get("pipelines").is_none(), "{cars}");
    // The seeded custom object lists its pipeline properties.
    let names: Vec<&str> = cars["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"hs_pipeline_stage"), "{names:?}");
}
