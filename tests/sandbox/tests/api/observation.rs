//! The request log (`SeenRequest`) and seeding from snapshots.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::{Api, SCHEMAS, egg, property_names};
use hubspot_sandbox::{DEFAULT_TOKEN, SCHEMA_READ_SCOPE};

#[tokio::test]
async fn requests_are_logged_raw_with_their_outcome() {
    let api = Api::start().await;
    let response = api
        .http
        .get(api.url(&format!(
            "{SCHEMAS}/p12345678_a%20b?includeAuditMetadata=false"
        )))
        .bearer_auth(DEFAULT_TOKEN)
        .header("user-agent", "sandbox-test/1.0")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = response.json::<serde_json::Value>().await.unwrap();
    assert_eq!(
        body["message"],
        "Unable to infer object type from: p12345678_a b"
    );

    api.post(SCHEMAS, &egg("cars")).await;
    api.send(reqwest::Method::GET, SCHEMAS, None, None).await;
    api.sandbox
        .add_oauth_client("c", "s", "r", &[SCHEMA_READ_SCOPE]);
    api.token_form(
        "/oauth/v1/token",
        &[
            ("grant_type", "refresh_token"),
            ("client_id", "c"),
            ("client_secret", "s"),
            ("refresh_token", "r"),
        ],
    )
    .await;

    let seen = api.sandbox.requests();
    assert_eq!(seen.len(), 4);

    let get = &seen[0];
    assert_eq!(get.method, "GET");
    assert_eq!(get.path, "/crm-object-schemas/v3/schemas/p12345678_a%20b");
    assert_eq!(get.query.as_deref(), Some("includeAuditMetadata=false"));
    assert_eq!(get.bearer.as_deref(), Some(DEFAULT_TOKEN));
    assert_eq!(get.user_agent.as_deref(), Some("sandbox-test/1.0"));
    assert_eq!(get.body, "");
    assert_eq!(get.status, 404);
    assert_eq!(get.fault, None);

    let post = &seen[1];
    assert_eq!(post.method, "POST");
    assert_eq!(post.query, None);
    assert_eq!(post.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&post.body).unwrap(),
        egg("cars")
    );
    assert_eq!(post.status, 201);

    let unauthenticated = &seen[2];
    assert_eq!(unauthenticated.bearer, None);
    assert_eq!(unauthenticated.status, 401);

    let token = &seen[3];
    assert_eq!(token.path, "/oauth/v1/token");
    assert_eq!(
        token.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        token.body,
        "grant_type=refresh_token&client_id=c&client_secret=s&refresh_token=r"
    );
    assert_eq!(token.status, 200);

    // Debug output does not show the bearer token.
    let debug = format!("{get:?}");
    assert!(!debug.contains(DEFAULT_TOKEN), "{debug}");
    assert!(debug.contains("<redacted, 25 chars>"), "{debug}");

    api.sandbox.clear_requests();
    assert!(api.sandbox.requests().is_empty());
    api.get(SCHEMAS).await;
    assert_eq!(api.sandbox.requests().len(), 1);
}

/// A snapshot as `GET /schemas` returns it: one schema with ids, one without.
const SNAPSHOT: &str = r#"{
  "results": [
    {
      "id": "2469000",
      "objectTypeId": "2-2469000",
      "fullyQualifiedName": "p999_trucks",
      "name": "trucks",
      "labels": {"singular": "Truck", "plural": "Trucks"},
      "requiredProperties": ["plate"],
      "properties": [
        {"name": "plate", "label": "Plate", "type": "string", "fieldType": "text"},
        {"name": "axles", "type": "number", "futureField": 1}
      ],
      "associations": [
        {"id": "731", "fromObjectTypeId": "2-2469000", "toObjectTypeId": "0-2", "name": "trucks_to_company"}
      ],
      "metaType": "PORTAL_SPECIFIC"
    },
    {"name": "bikes", "labels": {"singular": "Bike", "plural": "Bikes"}}
  ]
}"#;

#[tokio::test]
async fn seeding_keeps_given_ids_and_assigns_missing_ones() {
    let api = Api::start().await;
    assert_eq!(api.sandbox.seed_json(SNAPSHOT), Ok(2));

    let trucks = api.get(&format!("{SCHEMAS}/2-2469000")).await.json();
    assert_eq!(trucks["fullyQualifiedName"], "p999_trucks");
    assert_eq!(property_names(&trucks), ["plate", "axles"]);
    assert_eq!(
        trucks["properties"][1]["futureField"], 1,
        "unknown fields survive"
    );
    assert_eq!(trucks["metaType"], "PORTAL_SPECIFIC");

    let bikes = api.get(&format!("{SCHEMAS}/bikes")).await.json();
    assert_eq!(bikes["id"], "2469001");
    assert_eq!(bikes["objectTypeId"], "2-2469001");
    assert_eq!(bikes["fullyQualifiedName"], "p12345678_bikes");

    // New ids continue above the seeded ones.
    let cars = api.create(&egg("cars")).await;
    assert_eq!(cars["id"], "2469002");
    assert_eq!(cars["associations"][0]["id"], "732");

    let names: Vec<String> = api.sandbox.schemas().into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["bikes", "cars", "trucks"]);

    // A custom object from the seed is a valid association target.
    let reply = api
        .post(
            &format!("{SCHEMAS}/cars/associations"),
            &json!({"fromObjectTypeId": "2-2469002", "toObjectTypeId": "p999_trucks"}),
        )
        .await;
    assert_eq!(reply.json()["toObjectTypeId"], "2-2469000");
}

#[tokio::test]
async fn seeding_accepts_a_bare_array_and_replaces_by_name() {
    let api = Api::start().await;
    assert_eq!(
        api.sandbox
            .seed_json(r#"[{"name": "cars", "id": "10", "labels": {"singular": "Car"}}]"#),
        Ok(1)
    );
    assert_eq!(
        api.sandbox
            .seed_json(r#"[{"name": "cars", "id": "11"}, {"name": "boats"}]"#),
        Ok(2)
    );
    let schemas = api.sandbox.schemas();
    assert_eq!(schemas.len(), 2);
    assert_eq!(schemas[1].name, "cars");
    assert_eq!(schemas[1].id.as_deref(), Some("11"));
    assert_eq!(schemas[1].object_type_id.as_deref(), Some("2-11"));
}

#[tokio::test]
async fn seeding_reports_bad_json_and_unreadable_files() {
    let api = Api::start().await;
    let err = api
        .sandbox
        .seed_json("{\"results\": [\n  {\"name\": }]}")
        .unwrap_err();
    assert!(err.starts_with("invalid schema snapshot: "), "{err}");
    assert!(err.contains("line 2"), "{err}");

    let err = api
        .sandbox
        .seed_file("/definitely/not/here.json")
        .unwrap_err();
    assert!(
        err.starts_with("cannot read schema snapshot /definitely/not/here.json"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schemas.json");
    std::fs::write(&file, SNAPSHOT).unwrap();
    assert_eq!(api.sandbox.seed_file(&file), Ok(2));
}
