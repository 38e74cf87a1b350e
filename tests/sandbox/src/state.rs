//! The sandbox's in-memory account: schemas, tokens, OAuth clients, pending faults and
//! the request log, behind one `std::sync::Mutex`. Handlers lock it briefly and never
//! hold the guard across an `.await`, so a slow (delayed) request never blocks others.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use hubspot_runtime::schema::ObjectSchema;

use crate::SandboxConfig;
use crate::faults::{Fault, FaultKind};

/// Where the first custom object id is counted from (HubSpot's ids are 7-digit numbers).
const FIRST_OBJECT_ID: u64 = 2_468_000;
/// Where custom association type ids are counted from (HubSpot's own ones are small).
const FIRST_ASSOCIATION_ID: u64 = 200;

/// One request as the sandbox received it, and what it answered.
#[derive(Clone, PartialEq, Eq)]
pub struct SeenRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// The raw path, still percent-encoded (`/crm-object-schemas/v3/schemas/p1_a%20b`).
    pub path: String,
    /// The raw query string without `?`.
    pub query: Option<String>,
    /// The token of an `Authorization: Bearer <token>` header.
    pub bearer: Option<String>,
    pub content_type: Option<String>,
    pub user_agent: Option<String>,
    /// The request body as text (form or JSON; invalid UTF-8 replaced).
    pub body: String,
    /// The status sent; 0 when no response was sent (connection dropped, or the client
    /// went away first).
    pub status: u16,
    /// `FaultKind::name()` of the injected fault applied to this request, if any.
    pub fault: Option<String>,
}

/// The bearer token is shown only by length: even sandbox tokens should not end up in
/// logs by habit.
impl fmt::Debug for SeenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bearer = self
            .bearer
            .as_ref()
            .map(|t| format!("<redacted, {} chars>", t.len()));
        f.debug_struct("SeenRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("bearer", &bearer)
            .field("content_type", &self.content_type)
            .field("user_agent", &self.user_agent)
            .field("body", &self.body)
            .field("status", &self.status)
            .field("fault", &self.fault)
            .finish()
    }
}

/// An access token the sandbox accepts.
#[derive(Debug, Clone)]
pub(crate) struct AccessToken {
    /// Granted scopes; ignored when `all_scopes`.
    pub scopes: Vec<String>,
    pub all_scopes: bool,
    /// When it stops working; `None` for private-app tokens, which do not expire.
    pub expires_at: Option<Instant>,
}

impl AccessToken {
    pub fn grants(&self, scope: &str) -> bool {
        self.all_scopes || self.scopes.iter().any(|s| s == scope)
    }
}

/// A registered OAuth app with the one refresh token it currently accepts.
#[derive(Debug, Clone)]
pub(crate) struct OAuthClient {
    pub client_secret: String,
    pub refresh_token: String,
    pub scopes: Vec<String>,
}

/// Everything the sandbox remembers.
#[derive(Debug)]
pub(crate) struct State {
    /// All schemas, archived ones included, in creation (or seeding) order.
    pub schemas: Vec<ObjectSchema>,
    /// The standard objects (contacts, deals, …) with their properties and pipelines,
    /// built in or seeded; never listed by the Schemas API.
    pub standard: Vec<ObjectSchema>,
    next_object_id: u64,
    next_association_id: u64,
    pub tokens: HashMap<String, AccessToken>,
    pub oauth_clients: HashMap<String, OAuthClient>,
    pub issued_access_tokens: Vec<String>,
    /// Pending faults in injection order, each with its remaining `times`.
    pub faults: VecDeque<Fault>,
    /// The request log: a private sequence number (so a response can find its entry
    /// even after `clear_requests`) and the request.
    requests: Vec<(u64, SeenRequest)>,
    next_request_seq: u64,
    /// The custom object records and their associations.
    pub records: crate::records_store::RecordStore,
    /// The rate budget in force (`Sandbox::set_budget`), if any.
    pub budget: Option<crate::budget::Accounting>,
    /// How many 429 answers were sent (budget or injected fault).
    pub too_many_requests: u64,
}

impl State {
    fn new() -> State {
        State {
            schemas: Vec::new(),
            standard: crate::standard_objects::built_in_schemas(&now_iso()),
            next_object_id: FIRST_OBJECT_ID,
            next_association_id: FIRST_ASSOCIATION_ID,
            tokens: HashMap::new(),
            oauth_clients: HashMap::new(),
            issued_access_tokens: Vec::new(),
            faults: VecDeque::new(),
            requests: Vec::new(),
            next_request_seq: 0,
            records: Default::default(),
            budget: None,
            too_many_requests: 0,
        }
    }

    /// A fresh custom object id.
    pub fn allocate_object_id(&mut self) -> u64 {
        let id = self.next_object_id;
        self.next_object_id += 1;
        id
    }

    /// A fresh association type id.
    pub fn allocate_association_id(&mut self) -> u64 {
        let id = self.next_association_id;
        self.next_association_id += 1;
        id
    }

    /// Keep the counters above ids that came from a seed, so new ids never collide.
    pub fn reserve_ids_of(&mut self, schema: &ObjectSchema) {
        if let Some(id) = schema.id.as_deref().and_then(|id| id.parse::<u64>().ok()) {
            self.next_object_id = self.next_object_id.max(id + 1);
        }
        for assoc in schema.associations.iter().flatten() {
            if let Ok(id) = assoc.id.parse::<u64>() {
                self.next_association_id = self.next_association_id.max(id + 1);
            }
        }
    }

    /// Put a seeded standard object in place of the account's object of that type (or
    /// beside the built-in ones when its `0-x` id is not in the table).
    pub fn seed_standard(&mut self, schema: ObjectSchema) {
        let key = schema
            .object_type_id
            .clone()
            .unwrap_or_else(|| schema.name.clone());
        let index = self.standard.iter().position(|s| {
            s.object_type_id.as_deref() == Some(key.as_str()) || s.name == schema.name
        });
        let schema = match crate::standard_objects::lookup(&key) {
            Some(object) => {
                let built_in = index.map(|i| &self.standard[i]);
                crate::standard_objects::complete_seeded(schema, object, built_in, &now_iso())
            }
            None => schema,
        };
        let mut schema = schema;
        crate::pipeline_rules::ensure_pipeline_properties(&mut schema);
        match index {
            Some(index) => self.standard[index] = schema,
            None => self.standard.push(schema),
        }
    }

    /// Consume one application of the first pending fault that matches, in injection
    /// order.
    pub fn take_fault(&mut self, method: &str, path: &str) -> Option<FaultKind> {
        let index = self
            .faults
            .iter()
            .position(|f| f.times > 0 && f.matcher.matches(method, path))?;
        let fault = &mut self.faults[index];
        fault.times -= 1;
        let kind = fault.kind.clone();
        if fault.times == 0 {
            self.faults.remove(index);
        }
        Some(kind)
    }

    /// Log a request on arrival; returns the handle `set_status` takes.
    pub fn log_request(&mut self, request: SeenRequest) -> u64 {
        let seq = self.next_request_seq;
        self.next_request_seq += 1;
        self.requests.push((seq, request));
        seq
    }

    /// Record the status sent for a logged request (no-op if the log was cleared).
    pub fn set_status(&mut self, seq: u64, status: u16) {
        if status == 429 {
            self.too_many_requests += 1;
        }
        if let Some((_, seen)) = self.requests.iter_mut().find(|(s, _)| *s == seq) {
            seen.status = status;
        }
    }

    pub fn requests(&self) -> Vec<SeenRequest> {
        self.requests.iter().map(|(_, r)| r.clone()).collect()
    }

    pub fn clear_requests(&mut self) {
        self.requests.clear();
    }
}

/// The shared handle every route and the `Sandbox` API hold.
#[derive(Clone)]
pub(crate) struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    config: SandboxConfig,
    state: Mutex<State>,
}

impl AppState {
    pub fn new(config: SandboxConfig) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                config,
                state: Mutex::new(State::new()),
            }),
        }
    }

    pub fn config(&self) -> &SandboxConfig {
        &self.inner.config
    }

    /// Lock the state. A panic in another handler must not wedge the whole sandbox,
    /// so a poisoned lock is taken over as is.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.inner
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Now, as HubSpot writes timestamps: ISO 8601 UTC with milliseconds.
pub(crate) fn now_iso() -> String {
    let now = jiff::Timestamp::now()
        .round(jiff::Unit::Millisecond)
        .unwrap_or_else(|_| jiff::Timestamp::now());
    format!("{now:.3}")
}

/// A random opaque token (`<prefix>-` + 32 hex digits).
pub(crate) fn random_token(prefix: &str) -> String {
    format!("{prefix}-{:032x}", fastrand::u128(..))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faults::FaultKind;

    #[test]
    fn timestamps_have_millis() {
        let ts = now_iso();
        assert_eq!(ts.len(), "2024-05-01T09:30:00.000Z".len(), "{ts}");
        assert!(ts.ends_with('Z'));
        assert_eq!(&ts[19..20], ".");
    }

    #[test]
    fn faults_apply_in_injection_order_and_are_consumed() {
        let mut state = State::new();
        state
            .faults
            .push_back(Fault::new(FaultKind::Status(502)).times(2));
        state.faults.push_back(Fault::new(FaultKind::Drop));
        let path = "/crm-object-schemas/v3/schemas";
        assert_eq!(state.take_fault("GET", "/oauth/v1/token"), None);
        assert_eq!(state.take_fault("GET", path), Some(FaultKind::Status(502)));
        assert_eq!(state.take_fault("GET", path), Some(FaultKind::Status(502)));
        assert_eq!(state.take_fault("GET", path), Some(FaultKind::Drop));
        assert_eq!(state.take_fault("GET", path), None);
    }

    #[test]
    fn seeded_ids_push_the_counters() {
        let mut state = State::new();
        let schema: ObjectSchema = serde_json::from_str(
            r#"{"name":"a","id":"2469000","associations":[{"id":"731","fromObjectTypeId":"2-2469000","toObjectTypeId":"0-1"}]}"#,
        )
        .unwrap();
        state.reserve_ids_of(&schema);
        assert_eq!(state.allocate_object_id(), 2_469_001);
        assert_eq!(state.allocate_association_id(), 732);
    }
}
