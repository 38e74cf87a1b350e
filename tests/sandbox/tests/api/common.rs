//! Shared helpers: a started sandbox with an HTTP client, request shortcuts and a
//! sample `ObjectSchemaEgg`.

use hubspot_sandbox::{DEFAULT_TOKEN, Sandbox, SandboxConfig};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub const SCHEMAS: &str = "/crm-object-schemas/v3/schemas";

/// A running sandbox and a client for it.
pub struct Api {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Reply {
    /// The body as JSON (panics with the body when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Assert the status and HubSpot's error shape; returns the body.
    pub fn error(&self, status: u16, category: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        let body = self.json();
        assert_eq!(body["status"], "error", "{body}");
        assert_eq!(body["category"], category, "{body}");
        assert_correlation_id(&body);
        body
    }
}

/// `correlationId` is present and uuid-shaped.
pub fn assert_correlation_id(body: &Value) {
    let id = body["correlationId"]
        .as_str()
        .unwrap_or_else(|| panic!("no correlationId: {body}"));
    let groups: Vec<usize> = id.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12], "correlationId {id}");
}

impl Api {
    pub async fn start() -> Api {
        Api::with(SandboxConfig::default()).await
    }

    pub async fn with(config: SandboxConfig) -> Api {
        Api {
            sandbox: Sandbox::start_with(config).await,
            http: reqwest::Client::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    /// Send with an optional bearer token and JSON body.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Reply {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("request reaches the sandbox");
        read(response).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, Some(DEFAULT_TOKEN), None)
            .await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.send(Method::POST, path, Some(DEFAULT_TOKEN), Some(body))
            .await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Reply {
        self.send(Method::PATCH, path, Some(DEFAULT_TOKEN), Some(body))
            .await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, Some(DEFAULT_TOKEN), None)
            .await
    }

    /// Create a schema from an egg, asserting 201; returns the schema.
    pub async fn create(&self, egg: &Value) -> Value {
        let reply = self.post(SCHEMAS, egg).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reply.json()
    }

    /// POST a form body to a token endpoint path.
    pub async fn token_form(&self, path: &str, form: &[(&str, &str)]) -> Reply {
        let response = self
            .http
            .post(self.url(path))
            .form(form)
            .send()
            .await
            .expect("request reaches the sandbox");
        read(response).await
    }
}

pub async fn read(response: reqwest::Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body is readable");
    Reply {
        status,
        headers,
        text,
    }
}

/// A valid egg for `name` with a string, a number and an enumeration property.
pub fn egg(name: &str) -> Value {
    json!({
        "name": name,
        "labels": { "singular": "Car", "plural": "Cars" },
        "description": "Cars on the lot",
        "primaryDisplayProperty": "vin",
        "secondaryDisplayProperties": ["year"],
        "requiredProperties": ["vin"],
        "searchableProperties": ["vin"],
        "associatedObjects": ["0-1"],
        "properties": [
            { "name": "vin", "label": "VIN", "type": "string", "fieldType": "text", "hasUniqueValue": true },
            { "name": "year", "label": "Year", "type": "number", "fieldType": "number" },
            {
                "name": "condition", "label": "Condition", "type": "enumeration", "fieldType": "select",
                "options": [
                    { "label": "New", "value": "new", "displayOrder": 0, "hidden": false },
                    { "label": "Used", "value": "used", "displayOrder": 1, "hidden": false }
                ]
            }
        ]
    })
}

/// The names of a schema's properties, in the order sent.
pub fn property_names(schema: &Value) -> Vec<String> {
    schema["properties"]
        .as_array()
        .unwrap_or_else(|| panic!("no properties: {schema}"))
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect()
}

/// A snapshot with a custom object with a pipeline (`cars`), contacts (with an archived
/// and a custom property), companies, and deals with two pipelines.
pub const CRM_FIXTURE: &str = include_str!("../fixtures/standard_objects.json");

/// A sandbox seeded with `CRM_FIXTURE`.
pub async fn crm() -> Api {
    let api = Api::start().await;
    let loaded = api.sandbox.seed_json(CRM_FIXTURE).expect("fixture seeds");
    assert_eq!(loaded, 4);
    api
}

/// The `requiredGranularScopes` of a 403 MISSING_SCOPES reply.
pub fn missing_scopes(reply: &Reply) -> Value {
    let body = reply.error(403, "MISSING_SCOPES");
    body["errors"][0]["context"]["requiredGranularScopes"].clone()
}
