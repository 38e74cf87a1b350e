//! A HubSpot sandbox for tests: an in-memory account served over HTTP on loopback, with
//! the CRM Schemas API v3, the Properties and Pipelines APIs, the records API of custom
//! and standard objects, the OAuth token endpoint, HubSpot's validation rules, scopes
//! and error bodies, a request-line limit, and scripted faults (rate limits, 5xx,
//! delays, cut connections, malformed bodies, expired tokens) for the next N requests.
//!
//! A fresh account has HubSpot's standard objects (contacts `0-1`, companies `0-2`,
//! deals `0-3`, tickets `0-5`, products, line items, quotes and the engagements) with
//! HubSpot-set properties and the default deal (`default`) and ticket (`0`) pipelines;
//! a seeded snapshot replaces them object by object.
//!
//! Scopes each operation needs (the first listed is the one a 403 names):
//!
//! | object | records read (and pipelines) | records write | Properties API read / write |
//! | --- | --- | --- | --- |
//! | contacts, engagements | `crm.objects.contacts.read` | `crm.objects.contacts.write` | `crm.schemas.contacts.read` / `.write` |
//! | companies | `crm.objects.companies.read` | `crm.objects.companies.write` | `crm.schemas.companies.read` / `.write` |
//! | deals | `crm.objects.deals.read` | `crm.objects.deals.write` | `crm.schemas.deals.read` / `.write` |
//! | tickets | `tickets` or `crm.objects.tickets.read` | `tickets` or `crm.objects.tickets.write` | `tickets` |
//! | products, line_items | `e-commerce` | `e-commerce` | `e-commerce` |
//! | quotes | `crm.objects.quotes.read` | `crm.objects.quotes.write` | `crm.schemas.quotes.read` / `.write` |
//! | custom objects | `crm.objects.custom.read` | `crm.objects.custom.write` | `crm.schemas.custom.read` / `.write` |
//!
//! ```no_run
//! # async fn demo() {
//! use hubspot_sandbox::{Fault, FaultKind, Sandbox, DEFAULT_TOKEN};
//! let sandbox = Sandbox::start().await;
//! sandbox.seed_json(r#"{"results":[{"name":"cars","labels":{"singular":"Car","plural":"Cars"}}]}"#).unwrap();
//! sandbox.inject(Fault::new(FaultKind::Status(502)));
//! // point a client at sandbox.base_url() with DEFAULT_TOKEN …
//! assert_eq!(sandbox.requests().len(), 0);
//! # }
//! ```
//!
//! `Sandbox` is this crate's public face; the modules behind it each own one part:
//! `state` (the account), `server` (accept loop and router), `intercept` (request log
//! and faults), `auth`, `oauth`, `schemas` (routes), `schema_bodies` (request bodies),
//! `schema_rules` (validation), `schema_build` (stored and returned shapes),
//! `object_types`, `params`, `query`, `errors`, `faults`; the records API: `records`
//! (routes), `records_rules` (value validation), `records_store`, `records_search`,
//! `records_associations`; standard objects and pipelines: `standard_objects` (the
//! table of standard objects and their built-in schemas), `standard_associations`
//! (HubSpot's default association types between them), `scopes` (the scopes each
//! operation needs per object), `properties` (Properties API routes), `pipelines`
//! (Pipelines API routes), `pipeline_rules` (stage-in-pipeline validation of record
//! writes); `request_line` (the front proxy's request-line limit); `budget` (rate
//! budgets per token: burst window, search per second, daily; `Sandbox::set_budget`);
//! `records_seed` (`Sandbox::seed_records`, many records without requests).

mod auth;
mod budget;
mod errors;
mod faults;
mod intercept;
mod oauth;
mod object_types;
mod params;
mod pipeline_rules;
mod pipelines;
mod properties;
mod query;
mod rebase;
mod records;
mod records_associations;
mod records_rules;
mod records_search;
mod records_seed;
mod records_store;
mod request_line;
mod schema_bodies;
mod schema_build;
mod schema_rules;
mod schemas;
mod scopes;
mod server;
mod standard_associations;
mod standard_objects;
mod state;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::time::{Duration, Instant};

use hubspot_runtime::schema::{ObjectSchema, parse_schemas};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use budget::Budget;
pub use faults::{DAILY_LIMIT, Fault, FaultKind, Match, RateLimitPolicy};
pub use rebase::rebase;
pub use records::{RECORDS_READ_SCOPE, RECORDS_WRITE_SCOPE};
pub use state::SeenRequest;

use state::{AccessToken, AppState, OAuthClient};

/// The pre-registered private-app token; it has every scope and never expires.
pub const DEFAULT_TOKEN: &str = "sandbox-private-app-token";
/// The scope that allows reading schemas.
pub const SCHEMA_READ_SCOPE: &str = "crm.schemas.custom.read";
/// The scope that allows creating, changing and deleting schemas and associations.
pub const SCHEMA_WRITE_SCOPE: &str = "crm.schemas.custom.write";

/// The request-line limit HubSpot's front proxy enforces: 8 KiB.
pub const DEFAULT_MAX_REQUEST_LINE: usize = 8192;

/// How a sandbox behaves; `SandboxConfig::default()` is what `Sandbox::start()` uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// The account (hub) id: the `p<portalId>_` prefix of fully qualified names.
    /// Default 12345678.
    pub portal_id: u64,
    /// Lifetime of OAuth access tokens issued by the token endpoint; zero issues tokens
    /// that are already expired. Default 1800 s, as HubSpot.
    pub token_ttl: Duration,
    /// When true, each refresh issues a new refresh token and the old one stops working.
    /// Default false.
    pub rotate_refresh_tokens: bool,
    /// Longest request line (`METHOD SP target SP HTTP/1.1`, bytes) the front proxy
    /// passes on; a longer one gets `414 URI Too Long` with a short HTML page and never
    /// reaches the API (the request log still records it). Default 8192, as HubSpot.
    pub max_request_line: usize,
}

impl Default for SandboxConfig {
    fn default() -> SandboxConfig {
        SandboxConfig {
            portal_id: 12_345_678,
            token_ttl: Duration::from_secs(1800),
            rotate_refresh_tokens: false,
            max_request_line: DEFAULT_MAX_REQUEST_LINE,
        }
    }
}

/// A running sandbox server. Dropping it shuts the server down (every connection too).
pub struct Sandbox {
    app: AppState,
    addr: SocketAddr,
    server: JoinHandle<()>,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.base_url())
            .field("config", self.app.config())
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Start a sandbox with the default configuration on `127.0.0.1` and a free port.
    ///
    /// # Panics
    /// If no loopback port can be bound.
    pub async fn start() -> Sandbox {
        Sandbox::start_with(SandboxConfig::default()).await
    }

    /// Start a sandbox with this configuration on `127.0.0.1` and a free port.
    ///
    /// # Panics
    /// If no loopback port can be bound.
    pub async fn start_with(config: SandboxConfig) -> Sandbox {
        Sandbox::start_on_port(config, 0)
            .await
            .unwrap_or_else(|e| panic!("hubspot sandbox: cannot bind 127.0.0.1:0: {e}"))
    }

    /// Start on `127.0.0.1:<port>` (0 picks a free port); for the `hubspot-sandbox`
    /// binary's `--port`. Fails when the port is taken.
    pub async fn start_on_port(config: SandboxConfig, port: u16) -> std::io::Result<Sandbox> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let app = AppState::new(config);
        app.lock().tokens.insert(
            DEFAULT_TOKEN.to_owned(),
            AccessToken {
                scopes: Vec::new(),
                all_scopes: true,
                expires_at: None,
            },
        );
        let server = tokio::spawn(server::serve(listener, server::router(app.clone())));
        Ok(Sandbox { app, addr, server })
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `base_url() + "/oauth/v1/token"`.
    pub fn token_url(&self) -> String {
        format!("{}/oauth/v1/token", self.base_url())
    }

    /// The account id the sandbox uses in fully qualified names.
    pub fn portal_id(&self) -> u64 {
        self.app.config().portal_id
    }

    /// The configuration the sandbox runs with.
    pub fn config(&self) -> &SandboxConfig {
        self.app.config()
    }

    /// Load schemas from a snapshot body: `{"results":[…]}` (what `GET /schemas` answers)
    /// or a bare array. Parsing is as lenient as the runtime's. Given ids, objectTypeIds
    /// and fully qualified names are kept; missing ones are assigned as on create. A
    /// schema whose name already exists replaces it. Returns how many were loaded.
    ///
    /// An object with `pipelines` gains the pipeline and stage properties it does not
    /// list (`hs_pipeline`/`hs_pipeline_stage`; `pipeline`/`dealstage` on deals).
    ///
    /// Standard objects (an entry whose `objectTypeId` is `0-…`, or without one whose
    /// name is a standard object's API name such as `contacts`) replace the account's
    /// built-in object of that type: they keep their `0-x` id, their properties and
    /// `pipelines` as given (gaining the HubSpot-set properties they omit, and the
    /// built-in pipelines when they carry none), and are served by the Properties,
    /// Pipelines and records APIs but never listed by the Schemas API.
    pub fn seed_json(&self, snapshot_body: &str) -> Result<usize, String> {
        let schemas =
            parse_schemas(snapshot_body).map_err(|e| format!("invalid schema snapshot: {e}"))?;
        let portal_id = self.portal_id();
        let (standard, schemas): (Vec<ObjectSchema>, Vec<ObjectSchema>) = schemas
            .into_iter()
            .partition(|schema| match &schema.object_type_id {
                Some(id) => standard_objects::is_standard_type_id(id),
                None => {
                    standard_objects::lookup(&schema.name).is_some_and(|o| o.name == schema.name)
                }
            });
        let mut state = self.app.lock();
        let standard_count = standard.len();
        for schema in standard {
            state.seed_standard(schema);
        }
        // Reserve every given id first so ids assigned below cannot collide with them.
        for schema in &schemas {
            state.reserve_ids_of(schema);
        }
        let count = schemas.len() + standard_count;
        for mut schema in schemas {
            let id = match schema.id.clone() {
                Some(id) => id,
                None => {
                    let id = state.allocate_object_id().to_string();
                    schema.id = Some(id.clone());
                    id
                }
            };
            schema
                .object_type_id
                .get_or_insert_with(|| format!("2-{id}"));
            schema
                .fully_qualified_name
                .get_or_insert_with(|| format!("p{portal_id}_{}", schema.name));
            pipeline_rules::ensure_pipeline_properties(&mut schema);
            match state.schemas.iter().position(|s| s.name == schema.name) {
                Some(index) => state.schemas[index] = schema,
                None => state.schemas.push(schema),
            }
        }
        Ok(count)
    }

    /// Load a snapshot taken in another account as this account holds it: the same
    /// schemas under this sandbox's portal id, with custom object and association ids
    /// moved by `id_offset` (see [`rebase`]). Returns how many schemas were loaded.
    pub fn seed_rebased(&self, snapshot_body: &str, id_offset: u64) -> Result<usize, String> {
        self.seed_json(&rebase(snapshot_body, self.portal_id(), id_offset)?)
    }

    /// Change the live schema of the object type `object_type` names (custom or
    /// standard; by name, fully qualified name or type id) in place, as someone editing
    /// the account's settings would: remove a property, retype one, add an option.
    /// Records keep their stored values. Fails when no such object type exists.
    pub fn edit_schema(
        &self,
        object_type: &str,
        edit: impl FnOnce(&mut ObjectSchema),
    ) -> Result<(), String> {
        let mut state = self.app.lock();
        let at = object_types::find_object(&state, object_type, object_types::Archived::Exclude)
            .ok_or_else(|| format!("the sandbox has no object type {object_type:?}"))?;
        edit(object_types::object_mut(&mut state, at));
        Ok(())
    }

    /// The schema of an object type as the sandbox holds it now — a custom object (by
    /// name, fully qualified name or `2-…` id, archived ones too) or a standard object
    /// (by API name or `0-x` id) — with properties created through the Properties API.
    pub fn object_schema(&self, object_type: &str) -> Option<ObjectSchema> {
        let state = self.app.lock();
        let at = object_types::find_object(&state, object_type, object_types::Archived::Include)?;
        Some(object_types::object(&state, at).clone())
    }

    /// Every standard object's schema (built in or seeded), sorted by name.
    pub fn standard_objects(&self) -> Vec<ObjectSchema> {
        let mut schemas = self.app.lock().standard.clone();
        schemas.sort_by(|a, b| a.name.cmp(&b.name));
        schemas
    }

    /// `seed_json` with the contents of a snapshot file.
    pub fn seed_file(&self, path: impl AsRef<Path>) -> Result<usize, String> {
        let path = path.as_ref();
        let body = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read schema snapshot {}: {e}", path.display()))?;
        self.seed_json(&body)
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Every schema, archived ones included, sorted by name.
    pub fn schemas(&self) -> Vec<ObjectSchema> {
        let mut schemas = self.app.lock().schemas.clone();
        schemas.sort_by(|a, b| a.name.cmp(&b.name));
        schemas
    }

    /// Register a private-app token with these scopes (it never expires).
    pub fn add_token(&self, token: &str, scopes: &[&str]) {
        self.app.lock().tokens.insert(
            token.to_owned(),
            AccessToken {
                scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
                all_scopes: false,
                expires_at: None,
            },
        );
    }

    /// Forget a token: its later use gets 401 INVALID_AUTHENTICATION.
    pub fn revoke_token(&self, token: &str) {
        self.app.lock().tokens.remove(token);
    }

    /// Expire a token now: its later use gets 401 EXPIRED_AUTHENTICATION.
    pub fn expire_token(&self, token: &str) {
        if let Some(access) = self.app.lock().tokens.get_mut(token) {
            access.expires_at = Some(Instant::now());
        }
    }

    /// Register an OAuth app whose `refresh_token` the token endpoint will accept; access
    /// tokens it issues carry `scopes`.
    pub fn add_oauth_client(
        &self,
        client_id: &str,
        client_secret: &str,
        refresh_token: &str,
        scopes: &[&str],
    ) {
        self.app.lock().oauth_clients.insert(
            client_id.to_owned(),
            OAuthClient {
                client_secret: client_secret.to_owned(),
                refresh_token: refresh_token.to_owned(),
                scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            },
        );
    }

    /// The refresh token the client's next refresh must use (changes on rotation).
    pub fn current_refresh_token(&self, client_id: &str) -> Option<String> {
        self.app
            .lock()
            .oauth_clients
            .get(client_id)
            .map(|c| c.refresh_token.clone())
    }

    /// Every access token the token endpoint issued, in issue order.
    pub fn issued_access_tokens(&self) -> Vec<String> {
        self.app.lock().issued_access_tokens.clone()
    }

    /// Queue a fault. Faults apply in injection order; a fault with `times == 0` never
    /// applies and is not queued.
    pub fn inject(&self, fault: Fault) {
        if fault.times > 0 {
            self.app.lock().faults.push_back(fault);
        }
    }

    /// How many fault applications are still pending (the sum of the queued faults'
    /// remaining `times`).
    pub fn pending_faults(&self) -> usize {
        self.app.lock().faults.iter().map(|f| f.times).sum()
    }

    /// Drop every pending fault.
    pub fn clear_faults(&self) {
        self.app.lock().faults.clear();
    }

    /// Every request received, in arrival order: token requests, unauthenticated and
    /// faulted ones included.
    pub fn requests(&self) -> Vec<SeenRequest> {
        self.app.lock().requests()
    }

    /// Forget the requests received so far.
    pub fn clear_requests(&self) {
        self.app.lock().clear_requests();
    }
}
