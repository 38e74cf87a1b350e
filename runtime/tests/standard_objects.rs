//! The client against a loopback stub that records every request: standard objects
//! addressed by API name with their own scopes, the Properties and Pipelines APIs, and
//! wide objects read without any URL past the budget.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, Mutex};

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use hubspot_runtime::schema::{ObjectTypePropertyCreate, Property};
use hubspot_runtime::value::ValueError;
use hubspot_runtime::{
    AssociationDef, Auth, Client, CrmObject, Error, ListOptions, PropertyName, PropertyUpdate,
    ReadOptions, URL_BUDGET,
};

/// One request the stub saw.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    /// Path and query, as sent.
    uri: String,
    body: String,
}

impl Seen {
    fn path(&self) -> &str {
        self.uri.split('?').next().unwrap()
    }

    fn query(&self, name: &str) -> Option<String> {
        let query = self.uri.split_once('?')?.1;
        url_decode_pairs(query)
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

fn url_decode_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let s = s.replace('+', " ");
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    };
    query
        .split('&')
        .map(|pair| {
            let (n, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(n), decode(v))
        })
        .collect()
}

type Responder = dyn Fn(&Seen) -> (u16, String) + Send + Sync;

/// A loopback server answering with `respond`, recording what it saw.
struct Stub {
    seen: Arc<Mutex<Vec<Seen>>>,
    client: Client,
}

impl Stub {
    async fn start(respond: impl Fn(&Seen) -> (u16, String) + Send + Sync + 'static) -> Stub {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let respond: Arc<Responder> = Arc::new(respond);
        let recorded = seen.clone();
        let app = axum::Router::new().fallback(move |request: Request<Body>| {
            let recorded = recorded.clone();
            let respond = respond.clone();
            async move {
                let method = request.method().to_string();
                let uri = request.uri().to_string();
                let body = to_bytes(request.into_body(), usize::MAX).await.unwrap();
                let seen = Seen {
                    method,
                    uri,
                    body: String::from_utf8(body.to_vec()).unwrap(),
                };
                let (status, body) = respond(&seen);
                recorded.lock().unwrap().push(seen);
                let mut response: Response = body.into_response();
                *response.status_mut() = StatusCode::from_u16(status).unwrap();
                response.headers_mut().insert(
                    "content-type",
                    axum::http::HeaderValue::from_static("application/json"),
                );
                response
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let client = Client::builder()
            .auth(Auth::private_app("pat-test-token"))
            .base_url(base)
            .build()
            .unwrap();
        Stub { seen, client }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// An object type in the shape generated code has, over `$count` properties named
/// `$names` (a function of the index), stored by index.
macro_rules! object {
    ($ty:ident, $prop:ident, $names:ident, $name:literal, $id:literal, $count:literal, $name_of:expr) => {
        static $names: LazyLock<Vec<String>> =
            LazyLock::new(|| (0..$count).map($name_of).collect());

        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        struct $prop(usize);

        impl PropertyName for $prop {
            const ALL: &'static [Self] = &{
                let mut all = [$prop(0); $count];
                let mut i = 0;
                while i < $count {
                    all[i] = $prop(i);
                    i += 1;
                }
                all
            };
            fn as_str(self) -> &'static str {
                $names[self.0].as_str()
            }
            fn label(self) -> &'static str {
                "Label"
            }
            fn from_name(name: &str) -> Option<Self> {
                $names.iter().position(|n| n == name).map($prop)
            }
        }

        #[derive(Debug, Clone, PartialEq, Default)]
        struct $ty {
            values: BTreeMap<usize, String>,
        }

        impl CrmObject for $ty {
            const NAME: &'static str = $name;
            const OBJECT_TYPE_ID: &'static str = $id;
            const FULLY_QUALIFIED_NAME: &'static str = $name;
            const SINGULAR_LABEL: &'static str = "Thing";
            const PLURAL_LABEL: &'static str = "Things";
            type Property = $prop;
            const REQUIRED_PROPERTIES: &'static [$prop] = &[];
            const READ_ONLY_PROPERTIES: &'static [$prop] = &[];
            const ASSOCIATIONS: &'static [AssociationDef] = &[];

            fn decode_property(&mut self, property: $prop, raw: &str) -> Result<(), ValueError> {
                self.values.insert(property.0, raw.to_owned());
                Ok(())
            }

            fn write_properties(&self, sink: &mut dyn FnMut($prop, &str)) {
                for (index, value) in &self.values {
                    sink($prop(*index), value);
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                hubspot_runtime::value::deserialize_object(d)
            }
        }
    };
}

object!(
    Contacts,
    ContactsProperty,
    CONTACT_NAMES,
    "contacts",
    "0-1",
    3,
    |i: usize| { ["email", "firstname", "hs_object_id"][i].to_owned() }
);
object!(
    Cars,
    CarsProperty,
    CAR_NAMES,
    "cars",
    "2-77",
    2,
    |i: usize| { ["make", "hs_object_id"][i].to_owned() }
);
// 600 properties of realistic name lengths: about 17 KiB of property names.
object!(
    Deals,
    DealsProperty,
    DEAL_NAMES,
    "deals",
    "0-3",
    600,
    |i: usize| { format!("hs_custom_deal_property_{i:03}") }
);

fn record(id: &str, properties: &[(&str, &str)]) -> serde_json::Value {
    let properties: serde_json::Map<String, serde_json::Value> = properties
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
        .collect();
    serde_json::json!({
        "id": id,
        "properties": properties,
        "createdAt": "2024-05-01T09:30:00.000Z",
        "updatedAt": "2024-05-02T09:30:00.000Z",
        "archived": false
    })
}

#[tokio::test]
async fn standard_objects_are_addressed_by_api_name_custom_ones_by_the_accounts_type_id() {
    let stub = Stub::start(|seen| {
        // This account's `cars` has another type id than the compiled one (`2-77`).
        if seen.path() == "/crm-object-schemas/v3/schemas" {
            return (
                200,
                r#"{"results":[{"name":"cars","objectTypeId":"2-4401"}]}"#.to_owned(),
            );
        }
        let id = if seen.path().contains("contacts") {
            "1"
        } else {
            "9"
        };
        (200, record(id, &[("email", "a@example.com")]).to_string())
    })
    .await;
    let contact = stub.client.objects::<Contacts>().get("1").await.unwrap();
    assert_eq!(contact.id, "1");
    assert_eq!(contact.properties.values[&0], "a@example.com");
    stub.client.objects::<Cars>().get("9").await.unwrap();
    let seen = stub.seen();
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].path(), "/crm/v3/objects/contacts/1");
    assert_eq!(
        seen[0].query("properties").as_deref(),
        Some("email,firstname,hs_object_id")
    );
    // A standard object needs no lookup; a custom one is resolved by name, once.
    assert_eq!(seen[1].path(), "/crm-object-schemas/v3/schemas");
    assert_eq!(seen[2].path(), "/crm/v3/objects/2-4401/9");
    assert_eq!(seen.len(), 3);
    assert_eq!(stub.client.objects::<Contacts>().object_type(), "contacts");
}

const MISSING_SCOPES: &str = r#"{"status":"error","message":"This app hasn't been granted all required scopes to make this call.","category":"MISSING_SCOPES","correlationId":"c-1"}"#;

#[tokio::test]
async fn missing_scopes_name_the_objects_own_scope() {
    let stub = Stub::start(|_| (403, MISSING_SCOPES.to_owned())).await;
    let scopes = |error: Error| match error {
        Error::MissingScopes { scopes, .. } => scopes,
        other => panic!("expected MissingScopes, got {other:?}"),
    };
    let read = stub
        .client
        .objects::<Contacts>()
        .get("1")
        .await
        .unwrap_err();
    assert_eq!(scopes(read), ["crm.objects.contacts.read"]);
    let write = stub
        .client
        .objects::<Contacts>()
        .archive("1")
        .await
        .unwrap_err();
    assert_eq!(scopes(write), ["crm.objects.contacts.write"]);
    // A custom object's records: resolving its type id lists the account's schemas,
    // which needs the schema scope; with the id given, the records scope is named.
    let custom = stub.client.objects::<Cars>().get("1").await.unwrap_err();
    assert_eq!(scopes(custom), ["crm.schemas.custom.read"]);
    let custom = stub
        .client
        .objects::<Cars>()
        .with_object_type("2-77")
        .get("1")
        .await
        .unwrap_err();
    assert_eq!(scopes(custom), ["crm.objects.custom.read"]);
    let properties = stub.client.properties().list("tickets").await.unwrap_err();
    assert_eq!(scopes(properties), ["crm.schemas.tickets.read"]);
    let pipelines = stub.client.pipelines().list("deals").await.unwrap_err();
    assert_eq!(scopes(pipelines), ["crm.schemas.deals.read"]);
    let products = stub.client.properties().list("products").await.unwrap_err();
    let message = products.to_string();
    assert_eq!(scopes(products), ["e-commerce"]);
    assert!(message.contains("e-commerce"), "{message}");
}

#[tokio::test]
async fn properties_api_paths_bodies_and_answers() {
    let stub = Stub::start(|seen| match (seen.method.as_str(), seen.path()) {
        ("GET", "/crm/v3/properties/contacts") => (
            200,
            r#"{"results":[{"name":"email","type":"string","fieldType":"text","label":"Email",
                "dataSensitivity":"non_sensitive","hubspotDefined":true,"groupName":"contactinformation"},
               {"name":"score","type":"number","fieldType":"calculation_score","calculationFormula":"1+1"}]}"#
                .to_owned(),
        ),
        ("GET", "/crm/v3/properties/deals/dealstage") => (
            200,
            r#"{"name":"dealstage","type":"enumeration","fieldType":"radio","externalOptions":true,"options":[]}"#
                .to_owned(),
        ),
        ("POST", "/crm/v3/properties/0-1") | ("PATCH", "/crm/v3/properties/0-1/shoe_size") => {
            (200, r#"{"name":"shoe_size","type":"number","fieldType":"number"}"#.to_owned())
        }
        ("DELETE", "/crm/v3/properties/0-1/shoe_size") => (204, String::new()),
        _ => (404, r#"{"status":"error","message":"no such route","category":"OBJECT_NOT_FOUND"}"#.to_owned()),
    })
    .await;
    let properties = stub.client.properties();
    let listed = properties.list("contacts").await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].name, "email");
    assert_eq!(listed[0].data_sensitivity.as_deref(), Some("non_sensitive"));
    assert_eq!(listed[1].calculation_formula.as_deref(), Some("1+1"));
    let archived = properties
        .list_with(
            "contacts",
            &hubspot_runtime::ListProperties { archived: true },
        )
        .await
        .unwrap();
    assert_eq!(archived.len(), 2);
    let stage: Property = properties.get("deals", "dealstage").await.unwrap();
    assert_eq!(stage.external_options, Some(true));

    let create = ObjectTypePropertyCreate {
        name: "shoe_size".to_owned(),
        label: "Shoe size".to_owned(),
        r#type: "number".to_owned(),
        field_type: "number".to_owned(),
        group_name: Some("contactinformation".to_owned()),
        ..Default::default()
    };
    assert_eq!(
        properties.create("0-1", &create).await.unwrap().name,
        "shoe_size"
    );
    let update = PropertyUpdate {
        label: Some("Shoe size (EU)".to_owned()),
        ..Default::default()
    };
    properties
        .update("0-1", "shoe_size", &update)
        .await
        .unwrap();
    properties.archive("0-1", "shoe_size").await.unwrap();
    let missing = properties.get("contacts", "nope").await.unwrap_err();
    assert_eq!(missing.status(), Some(404));

    let seen = stub.seen();
    assert_eq!(seen[0].query("archived").as_deref(), Some("false"));
    assert_eq!(seen[1].query("archived").as_deref(), Some("true"));
    assert_eq!(seen[3].method, "POST");
    assert_eq!(
        seen[3].json(),
        serde_json::json!({"name":"shoe_size","label":"Shoe size","type":"number",
            "fieldType":"number","groupName":"contactinformation"})
    );
    assert_eq!(seen[4].method, "PATCH");
    assert_eq!(
        seen[4].json(),
        serde_json::json!({"label":"Shoe size (EU)"})
    );
    assert_eq!(seen[5].method, "DELETE");
}

#[tokio::test]
async fn pipelines_api_lists_and_gets_with_stage_metadata() {
    const PIPELINES: &str = r#"{"results":[{"id":"default","label":"Sales Pipeline","displayOrder":0,
        "stages":[{"id":"appointmentscheduled","label":"Appointment Scheduled","displayOrder":0,
                   "metadata":{"isClosed":"false","probability":"0.2"},"writePermissions":"CRM_PERMISSIONS_ENFORCEMENT"},
                  {"id":"12345678","label":"Won","displayOrder":1,"metadata":{"isClosed":"true","probability":"1.0"}}]}]}"#;
    let stub = Stub::start(|seen| match seen.path() {
        "/crm/v3/pipelines/deals" => (200, PIPELINES.to_owned()),
        "/crm/v3/pipelines/deals/default" => {
            let list: serde_json::Value = serde_json::from_str(PIPELINES).unwrap();
            (200, list["results"][0].to_string())
        }
        _ => (
            404,
            r#"{"status":"error","message":"none","category":"OBJECT_NOT_FOUND"}"#.to_owned(),
        ),
    })
    .await;
    let pipelines = stub.client.pipelines().list("deals").await.unwrap();
    assert_eq!(pipelines.len(), 1);
    assert_eq!(pipelines[0].stages[1].id, "12345678");
    assert_eq!(
        pipelines[0].stages[0].metadata.as_ref().unwrap()["probability"],
        "0.2"
    );
    assert_eq!(
        pipelines[0].stages[0].write_permissions.as_deref(),
        Some("CRM_PERMISSIONS_ENFORCEMENT")
    );
    let one = stub
        .client
        .pipelines()
        .get("deals", "default")
        .await
        .unwrap();
    assert_eq!(one, pipelines[0]);
    let none = stub.client.pipelines().list("contacts").await.unwrap_err();
    assert_eq!(none.status(), Some(404));
}

/// Answers the records API for `deals` the way HubSpot does, for a wide object: every
/// record `1..=250` exists; batch reads return the asked properties.
fn deals_api(seen: &Seen) -> (u16, String) {
    let value_of = |id: &str, name: &str| format!("{id}:{name}");
    match (seen.method.as_str(), seen.path()) {
        ("POST", "/crm/v3/objects/deals/batch/read") => {
            let body = seen.json();
            let names: Vec<&str> = body["properties"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap())
                .collect();
            let mut results = Vec::new();
            let mut errors = Vec::new();
            // Answer in reverse order: the client must not rely on HubSpot's order.
            for input in body["inputs"].as_array().unwrap().iter().rev() {
                let id = input["id"].as_str().unwrap();
                if id == "404" {
                    errors.push(serde_json::json!({"status":"error","category":"OBJECT_NOT_FOUND",
                        "message":"Could not get some DEAL objects, they may be deleted or not exist.",
                        "context":{"ids":[id]}}));
                    continue;
                }
                let values: Vec<(&str, String)> =
                    names.iter().map(|n| (*n, value_of(id, n))).collect();
                let pairs: Vec<(&str, &str)> =
                    values.iter().map(|(n, v)| (*n, v.as_str())).collect();
                results.push(record(id, &pairs));
            }
            let status = if errors.is_empty() { 200 } else { 207 };
            (
                status,
                serde_json::json!({"status":"COMPLETE","results":results,"errors":errors})
                    .to_string(),
            )
        }
        ("GET", "/crm/v3/objects/deals") => {
            assert_eq!(seen.query("properties").as_deref(), Some("hs_object_id"));
            let after: usize = seen.query("after").map_or(0, |a| a.parse().unwrap());
            let limit: usize = seen.query("limit").unwrap().parse().unwrap();
            let ids: Vec<usize> = (after + 1..=250).take(limit).collect();
            let results: Vec<_> = ids
                .iter()
                .map(|id| {
                    let mut r = record(&id.to_string(), &[("hs_object_id", &id.to_string())]);
                    if seen.query("associations").is_some() {
                        r["associations"] = serde_json::json!({"contacts":{"results":[{"id":"7","type":"deal_to_contact"}]}});
                    }
                    r
                })
                .collect();
            let mut page = serde_json::json!({ "results": results });
            if let Some(last) = ids.last().filter(|last| **last < 250) {
                page["paging"] = serde_json::json!({"next":{"after": last.to_string()}});
            }
            (200, page.to_string())
        }
        ("GET", path) if path.starts_with("/crm/v3/objects/deals/") => {
            let id = path.rsplit('/').next().unwrap();
            let mut r = record(id, &[("hs_object_id", id)]);
            r["associations"] =
                serde_json::json!({"contacts":{"results":[{"id":"7","type":"deal_to_contact"}]}});
            (200, r.to_string())
        }
        _ => (500, "unexpected".to_owned()),
    }
}

#[tokio::test]
async fn a_wide_get_reads_through_batch_read_with_properties_in_the_body() {
    let stub = Stub::start(deals_api).await;
    let deals = stub.client.objects::<Deals>();
    let deal = deals.get("42").await.unwrap();
    assert_eq!(deal.id, "42");
    assert_eq!(deal.properties.values.len(), 600);
    assert_eq!(
        deal.properties.values[&599],
        "42:hs_custom_deal_property_599"
    );
    let seen = stub.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path(), "/crm/v3/objects/deals/batch/read");
    let body = seen[0].json();
    assert_eq!(body["inputs"], serde_json::json!([{"id": "42"}]));
    assert_eq!(body["properties"].as_array().unwrap().len(), 600);
    assert!(body.get("idProperty").is_none());

    // By a unique property, archived, with associations: the id property travels in
    // the body, associations come from a narrow GET.
    let association = AssociationDef {
        id: "3",
        name: None,
        from_object_type_id: "0-3",
        to_object_type_id: "contacts",
    };
    let options = ReadOptions::new()
        .id_property(DealsProperty(7))
        .archived(true)
        .association(association);
    let deal = deals.get_with("43", &options).await.unwrap();
    assert_eq!(deal.properties.values.len(), 600);
    assert_eq!(deal.associations["contacts"].results[0].id, "7");
    let seen = stub.seen();
    assert_eq!(seen[1].json()["idProperty"], "hs_custom_deal_property_007");
    assert_eq!(seen[1].query("archived").as_deref(), Some("true"));
    assert_eq!(seen[2].method, "GET");
    assert_eq!(seen[2].query("properties").as_deref(), Some("hs_object_id"));
    assert_eq!(seen[2].query("associations").as_deref(), Some("contacts"));
    assert_eq!(
        seen[2].query("idProperty").as_deref(),
        Some("hs_custom_deal_property_007")
    );

    // Not found: a 404 naming HubSpot's message, as the GET would have answered.
    let missing = deals.get("404").await.unwrap_err();
    assert_eq!(missing.status(), Some(404));
    assert!(
        missing
            .to_string()
            .contains("Could not get some DEAL objects"),
        "{missing}"
    );

    // A narrow read of the same object stays a plain GET.
    let narrow = ReadOptions::new().properties([DealsProperty(0), DealsProperty(1)]);
    let _ = deals.get_with("5", &narrow).await;
    let last = stub.seen().pop().unwrap();
    assert_eq!(last.method, "GET");
    assert_eq!(last.path(), "/crm/v3/objects/deals/5");

    for seen in stub.seen() {
        assert!(seen.uri.len() < URL_BUDGET, "{} bytes", seen.uri.len());
    }
}

#[tokio::test]
async fn a_wide_list_pages_ids_then_batch_reads_them_in_order() {
    use futures::TryStreamExt;
    let stub = Stub::start(deals_api).await;
    let deals = stub.client.objects::<Deals>();
    let all: Vec<_> = deals.list().try_collect().await.unwrap();
    let ids: Vec<String> = all.iter().map(|r| r.id.clone()).collect();
    let expected: Vec<String> = (1..=250).map(|i| i.to_string()).collect();
    assert_eq!(ids, expected);
    assert!(all.iter().all(|r| r.properties.values.len() == 600));
    assert_eq!(
        all[249].properties.values[&3],
        "250:hs_custom_deal_property_003"
    );
    let seen = stub.seen();
    // Three pages, each a GET of ids and one batch read.
    let methods: Vec<&str> = seen.iter().map(|s| s.method.as_str()).collect();
    assert_eq!(methods, ["GET", "POST", "GET", "POST", "GET", "POST"]);
    assert_eq!(seen[2].query("after").as_deref(), Some("100"));
    assert_eq!(seen[5].json()["inputs"].as_array().unwrap().len(), 50);

    // Associations come from the listing.
    let association = AssociationDef {
        id: "3",
        name: None,
        from_object_type_id: "0-3",
        to_object_type_id: "contacts",
    };
    let page = deals
        .list_page(
            Some("240"),
            &ListOptions::new().association(association).page_size(5),
        )
        .await
        .unwrap();
    let ids: Vec<&str> = page.results.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["241", "242", "243", "244", "245"]);
    assert_eq!(page.results[0].associations["contacts"].results[0].id, "7");
    assert_eq!(page.next_after(), Some("245"));
    for seen in stub.seen() {
        assert!(seen.uri.len() < URL_BUDGET, "{} bytes", seen.uri.len());
    }
}
