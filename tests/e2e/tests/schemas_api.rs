//! Every Schemas API v3 operation of the real client against the sandbox over HTTP:
//! happy paths, the full create → get → patch → association → archive → hard-delete
//! lifecycle, what went over the wire (paths, encoding, query flags, headers), and
//! HubSpot's error answers as the client reports them.

use std::time::Duration;

use hubspot_runtime::schema::{
    AssociationDefinitionEgg, ObjectSchema, ObjectSchemaBatchReadRequest, ObjectSchemaEgg,
    ObjectTypeDefinitionLabels, ObjectTypeDefinitionPatch, ObjectTypePropertyCreate, OptionInput,
};
use hubspot_runtime::{Auth, Client, Error, GetSchema, ListSchemas, RetryPolicy};
use hubspot_sandbox::{DEFAULT_TOKEN, SCHEMA_READ_SCOPE, SCHEMA_WRITE_SCOPE, Sandbox, SeenRequest};

const SCHEMAS: &str = "/crm-object-schemas/v3/schemas";

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        max_total_wait: Duration::from_secs(5),
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
    }
}

fn client_with(sandbox: &Sandbox, token: &str) -> Client {
    Client::builder()
        .auth(Auth::private_app(token))
        .base_url(sandbox.base_url())
        .retry(fast_retry())
        .build()
        .expect("loopback sandbox URL is accepted")
}

fn client(sandbox: &Sandbox) -> Client {
    client_with(sandbox, DEFAULT_TOKEN)
}

fn labels(singular: &str, plural: &str) -> ObjectTypeDefinitionLabels {
    ObjectTypeDefinitionLabels {
        singular: Some(singular.into()),
        plural: Some(plural.into()),
        ..Default::default()
    }
}

fn text_property(name: &str, label: &str) -> ObjectTypePropertyCreate {
    ObjectTypePropertyCreate {
        name: name.into(),
        label: label.into(),
        r#type: "string".into(),
        field_type: "text".into(),
        ..Default::default()
    }
}

fn cars_egg() -> ObjectSchemaEgg {
    ObjectSchemaEgg {
        name: "cars".into(),
        labels: labels("Car", "Cars"),
        description: Some("Cars on the lot".into()),
        properties: vec![
            text_property("make", "Make"),
            text_property("model", "Model"),
            ObjectTypePropertyCreate {
                name: "year".into(),
                label: "Year".into(),
                r#type: "number".into(),
                field_type: "number".into(),
                ..Default::default()
            },
            ObjectTypePropertyCreate {
                name: "condition".into(),
                label: "Condition".into(),
                r#type: "enumeration".into(),
                field_type: "select".into(),
                options: Some(vec![
                    OptionInput {
                        value: "new".into(),
                        label: "New".into(),
                        display_order: 0,
                        hidden: false,
                        description: None,
                    },
                    OptionInput {
                        value: "used".into(),
                        label: "Used".into(),
                        display_order: 1,
                        hidden: false,
                        description: None,
                    },
                ]),
                ..Default::default()
            },
        ],
        required_properties: vec!["make".into()],
        primary_display_property: Some("make".into()),
        secondary_display_properties: Some(vec!["model".into()]),
        searchable_properties: Some(vec!["make".into(), "model".into()]),
        ..Default::default()
    }
}

fn owners_egg() -> ObjectSchemaEgg {
    ObjectSchemaEgg {
        name: "owners".into(),
        labels: labels("Owner", "Owners"),
        properties: vec![text_property("full_name", "Full name")],
        required_properties: vec!["full_name".into()],
        primary_display_property: Some("full_name".into()),
        ..Default::default()
    }
}

fn property_names(schema: &ObjectSchema) -> Vec<String> {
    schema
        .properties
        .iter()
        .flatten()
        .map(|p| p.name.clone())
        .collect()
}

fn api_requests(sandbox: &Sandbox) -> Vec<SeenRequest> {
    sandbox
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with(SCHEMAS))
        .collect()
}

#[tokio::test]
async fn list_sends_hubspots_default_flags_bearer_and_user_agent() {
    let sandbox = Sandbox::start().await;
    let schemas = client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    assert!(schemas.is_empty());

    let seen = sandbox.requests();
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, SCHEMAS);
    assert_eq!(
        request.query.as_deref(),
        Some(
            "archived=false&includeAssociationDefinitions=true&includeAuditMetadata=true&includePropertyDefinitions=true"
        )
    );
    assert_eq!(request.bearer.as_deref(), Some(DEFAULT_TOKEN));
    assert_eq!(
        request.user_agent.as_deref(),
        Some(concat!("hubspot-codegen/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(request.status, 200);
}

#[tokio::test]
async fn create_returns_the_stored_schema_with_assigned_ids() {
    let sandbox = Sandbox::start().await;
    let created = client(&sandbox)
        .schemas()
        .create(&cars_egg())
        .await
        .unwrap();

    assert_eq!(created.name, "cars");
    let object_type_id = created
        .object_type_id
        .clone()
        .expect("objectTypeId assigned");
    assert!(object_type_id.starts_with("2-"), "{object_type_id}");
    assert_eq!(
        created.fully_qualified_name.as_deref(),
        Some(format!("p{}_cars", sandbox.portal_id()).as_str())
    );
    assert_eq!(created.labels, Some(labels("Car", "Cars")));
    assert_eq!(
        created.required_properties.as_deref(),
        Some(&["make".to_owned()][..])
    );
    let names = property_names(&created);
    for name in ["make", "model", "year", "condition"] {
        assert!(
            names.contains(&name.to_owned()),
            "{name} missing from {names:?}"
        );
    }
    let condition = created
        .properties
        .iter()
        .flatten()
        .find(|p| p.name == "condition")
        .unwrap();
    let options: Vec<&str> = condition
        .options
        .iter()
        .flatten()
        .map(|o| o.value.as_str())
        .collect();
    assert_eq!(options, ["new", "used"]);

    let stored = sandbox.schemas();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].object_type_id.as_deref(),
        Some(object_type_id.as_str())
    );

    let post = &api_requests(&sandbox)[0];
    assert_eq!(post.method, "POST");
    assert_eq!(post.path, SCHEMAS);
    assert_eq!(post.content_type.as_deref(), Some("application/json"));
    let sent: serde_json::Value = serde_json::from_str(&post.body).unwrap();
    assert_eq!(sent["name"], "cars");
    assert_eq!(sent["requiredProperties"], serde_json::json!(["make"]));
    assert_eq!(sent["properties"][2]["type"], "number");
}

#[tokio::test]
async fn get_by_name_fully_qualified_name_and_object_type_id() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    let created = client.schemas().create(&cars_egg()).await.unwrap();
    let fqn = created.fully_qualified_name.clone().unwrap();
    let id = created.object_type_id.clone().unwrap();

    for key in ["cars", fqn.as_str(), id.as_str()] {
        let got = client.schemas().get(key).await.unwrap();
        assert_eq!(got.name, "cars", "by {key}");
        assert_eq!(got.object_type_id.as_deref(), Some(id.as_str()), "by {key}");
        assert_eq!(property_names(&got), property_names(&created), "by {key}");
    }
    let last = api_requests(&sandbox).pop().unwrap();
    assert_eq!(last.path, format!("{SCHEMAS}/{id}"));
    assert_eq!(
        last.query.as_deref(),
        Some(
            "includeAssociationDefinitions=true&includeAuditMetadata=true&includePropertyDefinitions=true"
        )
    );
}

#[tokio::test]
async fn get_with_leaves_out_what_was_not_asked_for() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    client.schemas().create(&cars_egg()).await.unwrap();
    let options = GetSchema {
        include_association_definitions: false,
        include_audit_metadata: false,
        include_property_definitions: false,
    };
    let got = client.schemas().get_with("cars", &options).await.unwrap();
    assert_eq!(got.name, "cars");
    assert!(got.properties.unwrap_or_default().is_empty());
    assert!(got.associations.unwrap_or_default().is_empty());
    assert_eq!(got.created_at, None);
    let last = api_requests(&sandbox).pop().unwrap();
    assert_eq!(
        last.query.as_deref(),
        Some(
            "includeAssociationDefinitions=false&includeAuditMetadata=false&includePropertyDefinitions=false"
        )
    );
}

#[tokio::test]
async fn list_archived_shows_only_archived_schemas() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    client.schemas().create(&cars_egg()).await.unwrap();
    client.schemas().create(&owners_egg()).await.unwrap();
    client.schemas().archive("owners").await.unwrap();

    let live = client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    assert_eq!(
        live.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["cars"]
    );
    let archived = client
        .schemas()
        .list(&ListSchemas {
            archived: true,
            ..ListSchemas::default()
        })
        .await
        .unwrap();
    assert_eq!(
        archived.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["owners"]
    );
    assert_eq!(archived[0].archived, Some(true));
}

#[tokio::test]
async fn update_patches_the_definition() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    client.schemas().create(&cars_egg()).await.unwrap();
    let patch = ObjectTypeDefinitionPatch {
        labels: Some(labels("Vehicle", "Vehicles")),
        required_properties: Some(vec!["make".into(), "model".into()]),
        primary_display_property: Some("model".into()),
        ..Default::default()
    };
    let updated = client.schemas().update("cars", &patch).await.unwrap();
    assert_eq!(updated.name, "cars");
    assert_eq!(updated.labels, Some(labels("Vehicle", "Vehicles")));
    assert_eq!(updated.primary_display_property.as_deref(), Some("model"));

    let got = client.schemas().get("cars").await.unwrap();
    assert_eq!(got.labels, Some(labels("Vehicle", "Vehicles")));
    assert_eq!(
        got.required_properties,
        Some(vec!["make".to_owned(), "model".to_owned()])
    );
    let patch_seen = api_requests(&sandbox)
        .into_iter()
        .find(|r| r.method == "PATCH")
        .unwrap();
    assert_eq!(patch_seen.path, format!("{SCHEMAS}/cars"));
    let sent: serde_json::Value = serde_json::from_str(&patch_seen.body).unwrap();
    // only the fields that were set go over the wire
    assert_eq!(
        sent,
        serde_json::json!({
            "labels": {"singular": "Vehicle", "plural": "Vehicles"},
            "primaryDisplayProperty": "model",
            "requiredProperties": ["make", "model"]
        })
    );
}

#[tokio::test]
async fn batch_read_returns_each_requested_schema() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    client.schemas().create(&cars_egg()).await.unwrap();
    let owners = client.schemas().create(&owners_egg()).await.unwrap();
    let request = ObjectSchemaBatchReadRequest {
        inputs: vec!["cars".into(), owners.object_type_id.clone().unwrap()],
        include_association_definitions: true,
        include_audit_metadata: true,
        include_property_definitions: true,
    };
    let mut read: Vec<String> = client
        .schemas()
        .batch_read(&request)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    read.sort();
    assert_eq!(read, ["cars", "owners"]);
    let seen = api_requests(&sandbox).pop().unwrap();
    assert_eq!(
        (seen.method.as_str(), seen.path.as_str()),
        ("POST", "/crm-object-schemas/v3/schemas/batch/read")
    );
}

#[tokio::test]
async fn association_is_created_listed_and_deleted() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    let cars = client.schemas().create(&cars_egg()).await.unwrap();
    let owners = client.schemas().create(&owners_egg()).await.unwrap();
    let egg = AssociationDefinitionEgg {
        from_object_type_id: cars.object_type_id.clone().unwrap(),
        to_object_type_id: owners.object_type_id.clone().unwrap(),
        name: Some("car_owner".into()),
    };
    let association = client
        .schemas()
        .create_association("cars", &egg)
        .await
        .unwrap();
    assert!(!association.id.is_empty());
    assert_eq!(association.from_object_type_id, egg.from_object_type_id);
    assert_eq!(association.to_object_type_id, egg.to_object_type_id);
    assert_eq!(association.name.as_deref(), Some("car_owner"));

    let got = client.schemas().get("cars").await.unwrap();
    assert!(
        got.associations
            .iter()
            .flatten()
            .any(|a| a.id == association.id)
    );

    client
        .schemas()
        .delete_association("cars", &association.id)
        .await
        .unwrap();
    let got = client.schemas().get("cars").await.unwrap();
    assert!(
        !got.associations
            .iter()
            .flatten()
            .any(|a| a.id == association.id)
    );
    let delete = api_requests(&sandbox)
        .into_iter()
        .find(|r| r.method == "DELETE")
        .unwrap();
    assert_eq!(
        delete.path,
        format!("{SCHEMAS}/cars/associations/{}", association.id)
    );
}

#[tokio::test]
async fn full_lifecycle_create_get_patch_associate_archive_hard_delete() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    let schemas = client.schemas();

    let cars = schemas.create(&cars_egg()).await.unwrap();
    let fqn = cars.fully_qualified_name.clone().unwrap();
    assert_eq!(schemas.get(&fqn).await.unwrap().name, "cars");

    let patch = ObjectTypeDefinitionPatch {
        description: Some("Every car we sell".into()),
        ..Default::default()
    };
    assert_eq!(
        schemas
            .update(&fqn, &patch)
            .await
            .unwrap()
            .description
            .as_deref(),
        Some("Every car we sell")
    );

    let egg = AssociationDefinitionEgg {
        from_object_type_id: cars.object_type_id.clone().unwrap(),
        to_object_type_id: "0-1".into(),
        name: Some("car_contact".into()),
    };
    let association = schemas.create_association(&fqn, &egg).await.unwrap();
    schemas
        .delete_association(&fqn, &association.id)
        .await
        .unwrap();

    schemas.archive(&fqn).await.unwrap();
    let err = schemas.get("cars").await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert_eq!(sandbox.schemas().len(), 1, "archived, not gone");

    schemas.delete_archived(&fqn).await.unwrap();
    assert!(sandbox.schemas().is_empty(), "hard-deleted");
    let hard = api_requests(&sandbox).pop().unwrap();
    assert_eq!(hard.method, "DELETE");
    assert_eq!(hard.query.as_deref(), Some("archived=true"));

    let methods: Vec<String> = api_requests(&sandbox)
        .iter()
        .map(|r| format!("{} {}", r.method, r.status))
        .collect();
    assert_eq!(
        methods,
        [
            "POST 201",
            "GET 200",
            "PATCH 200",
            "POST 201",
            "DELETE 204",
            "DELETE 204",
            "GET 404",
            "DELETE 204"
        ]
    );
    // the name is free again
    schemas.create(&cars_egg()).await.unwrap();
}

#[tokio::test]
async fn path_segments_are_percent_encoded() {
    let sandbox = Sandbox::start().await;
    let err = client(&sandbox)
        .schemas()
        .get("p1_a b/c?d#e")
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let seen = sandbox.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].path,
        "/crm-object-schemas/v3/schemas/p1_a%20b%2Fc%3Fd%23e"
    );
    let text = err.to_string();
    assert!(text.contains("404 Not Found"), "{text}");
    assert!(
        text.contains("Unable to infer object type from: p1_a b/c?d#e"),
        "{text}"
    );
    assert!(err.correlation_id().is_some());
}

#[tokio::test]
async fn empty_and_dot_object_types_are_refused_without_a_request() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    for bad in ["", ".", ".."] {
        let err = client.schemas().archive(bad).await.unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    }
    assert!(sandbox.requests().is_empty());
}

#[tokio::test]
async fn duplicate_create_is_a_409_that_says_what_to_do() {
    let sandbox = Sandbox::start().await;
    let client = client(&sandbox);
    client.schemas().create(&cars_egg()).await.unwrap();
    let err = client.schemas().create(&cars_egg()).await.unwrap_err();
    assert_eq!(err.status(), Some(409));
    assert!(!err.is_retryable());
    let text = err.to_string();
    assert!(
        text.starts_with("HubSpot answered 409 Conflict to POST /crm-object-schemas/v3/schemas"),
        "{text}"
    );
    assert!(text.contains("already exists"), "{text}");
    assert_eq!(sandbox.schemas().len(), 1);
}

#[tokio::test]
async fn validation_errors_carry_hubspots_details() {
    let sandbox = Sandbox::start().await;
    let egg = ObjectSchemaEgg {
        name: "1cars".into(),
        ..cars_egg()
    };
    let err = client(&sandbox).schemas().create(&egg).await.unwrap_err();
    assert_eq!(err.status(), Some(400));
    let body = err.api_body().unwrap();
    assert_eq!(body.category.as_deref(), Some("VALIDATION_ERROR"));
    let text = err.to_string();
    assert!(text.contains("1cars"), "{text}");
    assert!(text.contains("Fix the request"), "{text}");
    assert!(sandbox.schemas().is_empty());
}

#[tokio::test]
async fn missing_scopes_name_the_scope_to_add() {
    let sandbox = Sandbox::start().await;
    sandbox.add_token("read-only-token", &[SCHEMA_READ_SCOPE]);
    sandbox.add_token("no-scope-token", &[]);

    let err = client_with(&sandbox, "read-only-token")
        .schemas()
        .create(&cars_egg())
        .await
        .unwrap_err();
    match &err {
        Error::MissingScopes { scopes, method, .. } => {
            assert_eq!(scopes, &[SCHEMA_WRITE_SCOPE.to_owned()]);
            assert_eq!(method, "POST");
        }
        other => panic!("expected MissingScopes, got {other:?}"),
    }
    assert_eq!(err.status(), Some(403));
    assert!(
        err.to_string()
            .contains("lacks the scope `crm.schemas.custom.write`"),
        "{err}"
    );

    let err = client_with(&sandbox, "no-scope-token")
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("`crm.schemas.custom.read`"),
        "{err}"
    );
    assert!(sandbox.schemas().is_empty());
    // a 403 is not retried
    assert_eq!(sandbox.requests().len(), 2);
}

#[tokio::test]
async fn seeded_snapshot_is_listed_as_seeded() {
    let sandbox = Sandbox::start().await;
    let snapshot = r#"{"results":[
        {"name":"pets","objectTypeId":"2-901","fullyQualifiedName":"p12345678_pets","labels":{"singular":"Pet","plural":"Pets"},
         "primaryDisplayProperty":"pet_name","requiredProperties":["pet_name"],
         "properties":[{"name":"pet_name","type":"string","fieldType":"text","label":"Pet name"}],"associations":[]}]}"#;
    assert_eq!(sandbox.seed_json(snapshot), Ok(1));
    let listed = client(&sandbox)
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].object_type_id.as_deref(), Some("2-901"));
    assert!(property_names(&listed[0]).contains(&"pet_name".to_owned()));
    let by_id = client(&sandbox).schemas().get("2-901").await.unwrap();
    assert_eq!(by_id.name, "pets");
}
