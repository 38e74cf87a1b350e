//! Scopes per object: a token with a subset of scopes reads and writes only what they
//! grant, and every refusal is HubSpot's 403 MISSING_SCOPES naming the scope to add.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{crm, missing_scopes};

const TOKEN: &str = "contacts-reader";

#[tokio::test]
async fn each_operation_names_the_scope_it_needs() {
    let api = crm().await;
    api.sandbox.add_token(TOKEN, &["crm.objects.contacts.read"]);
    let get = |path: &'static str| {
        let api = &api;
        async move { api.send(Method::GET, path, Some(TOKEN), None).await }
    };
    assert_eq!(get("/crm/v3/objects/contacts").await.status, StatusCode::OK);
    assert_eq!(get("/crm/v3/objects/0-1").await.status, StatusCode::OK);
    let cases: [(&str, &str); 9] = [
        ("/crm/v3/objects/deals", "crm.objects.deals.read"),
        ("/crm/v3/objects/companies", "crm.objects.companies.read"),
        ("/crm/v3/objects/tickets", "tickets"),
        ("/crm/v3/objects/line_items", "e-commerce"),
        ("/crm/v3/objects/p12345678_cars", "crm.objects.custom.read"),
        ("/crm/v3/properties/contacts", "crm.schemas.contacts.read"),
        ("/crm/v3/properties/cars", "crm.schemas.custom.read"),
        ("/crm/v3/properties/tickets", "tickets"),
        ("/crm/v3/pipelines/deals", "crm.objects.deals.read"),
    ];
    for (path, scope) in cases {
        assert_eq!(missing_scopes(&get(path).await), json!([scope]), "{path}");
    }
    let write = api
        .send(
            Method::POST,
            "/crm/v3/objects/contacts",
            Some(TOKEN),
            Some(&json!({"properties": {"email": "a@example.com"}})),
        )
        .await;
    assert_eq!(
        missing_scopes(&write),
        json!(["crm.objects.contacts.write"])
    );
    let property = api
        .send(
            Method::POST,
            "/crm/v3/properties/deals",
            Some(TOKEN),
            Some(&json!({"name": "x", "label": "X", "type": "string", "fieldType": "text", "groupName": "g"})),
        )
        .await;
    assert_eq!(
        missing_scopes(&property),
        json!(["crm.schemas.deals.write"])
    );
    assert_eq!(api.sandbox.record_count("contacts"), 0);
}

#[tokio::test]
async fn granted_scopes_open_their_objects() {
    let api = crm().await;
    let token = "deals-and-tickets";
    api.sandbox.add_token(
        token,
        &[
            "crm.objects.deals.read",
            "crm.objects.deals.write",
            "crm.schemas.deals.read",
            "tickets",
        ],
    );
    let send = |method: Method, path: &'static str, body: Option<Value>| {
        let api = &api;
        async move { api.send(method, path, Some(token), body.as_ref()).await }
    };
    for path in [
        "/crm/v3/objects/deals",
        "/crm/v3/pipelines/deals",
        "/crm/v3/properties/deals",
        "/crm/v3/objects/tickets",
        "/crm/v3/properties/tickets",
        "/crm/v3/pipelines/tickets",
    ] {
        let reply = send(Method::GET, path, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.text);
    }
    let deal = send(
        Method::POST,
        "/crm/v3/objects/deals",
        Some(json!({"properties": {"dealname": "D", "dealstage": "closedwon"}})),
    )
    .await;
    assert_eq!(deal.status, StatusCode::CREATED, "{}", deal.text);
    let ticket = send(
        Method::POST,
        "/crm/v3/objects/tickets",
        Some(json!({"properties": {"subject": "S", "hs_pipeline": "0", "hs_pipeline_stage": "1"}})),
    )
    .await;
    assert_eq!(ticket.status, StatusCode::CREATED, "{}", ticket.text);
    let contacts = send(Method::GET, "/crm/v3/objects/contacts", None).await;
    assert_eq!(
        missing_scopes(&contacts),
        json!(["crm.objects.contacts.read"])
    );
}
