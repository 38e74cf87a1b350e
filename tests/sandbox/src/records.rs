//! The CRM objects API for custom and standard objects (`/crm/v3/objects/{objectType}…`,
//! standard objects by API name or `0-x` id, each with its own scopes): list with
//! paging, get (by id or a unique `idProperty`), create, update, archive, the batch
//! endpoints (207 with per-input errors when some inputs fail) and search — each
//! checking the token's scope, then the input, then the account, as HubSpot does.
//! Values are validated by `records_rules` and `pipeline_rules`, stored and returned as strings
//! (`records_store`); search lives in `records_search`, associations in
//! `records_associations`.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hubspot_runtime::schema::ObjectSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::Sandbox;
use crate::auth::require;
use crate::errors::{ApiError, category};
use crate::object_types::{Archived, find_object, object};
use crate::params::Params;
use crate::pipeline_rules::check_pipeline;
use crate::records_associations::associations_of;
use crate::records_rules::{WriteKind, check_properties, is_unique};
use crate::records_search::{SearchInput, search};
use crate::records_store::{RecordStore, default_properties, render};
use crate::schema_bodies::parse_body;
use crate::scopes::{records_read, records_write};
use crate::state::{AppState, State as Account, now_iso};

/// The scope reading custom object records needs.
pub const RECORDS_READ_SCOPE: &str = "crm.objects.custom.read";
/// The scope writing custom object records needs.
pub const RECORDS_WRITE_SCOPE: &str = "crm.objects.custom.write";

/// The API's base path.
pub(crate) const BASE: &str = "/crm/v3/objects";
/// Most inputs of one batch request.
const BATCH_LIMIT: usize = 100;
/// Largest list page.
const LIST_LIMIT: usize = 100;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/{{object_type}}"), get(list).post(create))
        .route(
            &format!("{BASE}/{{object_type}}/search"),
            post(search_route),
        )
        .route(
            &format!("{BASE}/{{object_type}}/batch/read"),
            post(batch_read),
        )
        .route(
            &format!("{BASE}/{{object_type}}/batch/create"),
            post(batch_create),
        )
        .route(
            &format!("{BASE}/{{object_type}}/batch/update"),
            post(batch_update),
        )
        .route(
            &format!("{BASE}/{{object_type}}/batch/upsert"),
            post(batch_upsert),
        )
        .route(
            &format!("{BASE}/{{object_type}}/batch/archive"),
            post(batch_archive),
        )
        .route(
            &format!("{BASE}/{{object_type}}/{{object_id}}"),
            get(read).patch(update).delete(archive),
        )
        .merge(crate::records_associations::routes())
}

type ApiResult = Result<Response, ApiError>;

/// The live custom object or the standard object `key` names: its schema and object
/// type id.
pub(crate) fn resolve(state: &Account, key: &str) -> Result<(ObjectSchema, String), ApiError> {
    let at = find_object(state, key, Archived::Exclude)
        .ok_or_else(|| ApiError::unknown_object_type(key))?;
    let schema = object(state, at).clone();
    let type_id = schema
        .object_type_id
        .clone()
        .unwrap_or_else(|| schema.name.clone());
    Ok((schema, type_id))
}

/// Query parameters, multi-valued ones (`properties`, `associations`) comma-split and
/// collected over repeats.
#[derive(Debug, Default)]
struct ReadQuery {
    pairs: Vec<(String, String)>,
}

impl ReadQuery {
    fn parse(raw: Option<&str>) -> Result<ReadQuery, ApiError> {
        let pairs = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|e| ApiError::validation(format!("Invalid query string: {e}")))?;
        Ok(ReadQuery { pairs })
    }

    fn one(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn list(&self, name: &str) -> Option<Vec<String>> {
        let values: Vec<String> = self
            .pairs
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        (!values.is_empty()).then_some(values)
    }

    fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.one(name) {
            None => Ok(false),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(v) => Err(ApiError::validation(format!(
                "Invalid value '{v}' for query parameter '{name}': expected true or false"
            ))),
        }
    }

    /// The properties to return: the asked ones, or the object's defaults.
    fn properties(&self, schema: &ObjectSchema) -> Vec<String> {
        self.list("properties")
            .unwrap_or_else(|| default_properties(schema))
    }
}

fn not_found(schema: &ObjectSchema, id: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        category::OBJECT_NOT_FOUND,
        format!(
            "Object not found. objectId are usually numeric. ({} {id})",
            schema.name
        ),
    )
}

/// The `idProperty` to look records up by, which must be a unique property.
fn id_property<'q>(
    schema: &ObjectSchema,
    name: Option<&'q str>,
) -> Result<Option<&'q str>, ApiError> {
    match name {
        Some(name) if !is_unique(schema, name) => Err(ApiError::invalid_field(
            format!(
                "{name} is not a unique property of {}: idProperty must name a property with unique values",
                schema.name
            ),
            "INVALID_ID_PROPERTY",
            "idProperty",
        )),
        other => Ok(other),
    }
}

/// A 409 when another live record holds one of `values`' unique values.
fn check_unique(
    records: &RecordStore,
    schema: &ObjectSchema,
    type_id: &str,
    values: &BTreeMap<String, String>,
    except: Option<u64>,
) -> Result<(), ApiError> {
    for (name, value) in values {
        if value.is_empty() || !is_unique(schema, name) {
            continue;
        }
        if let Some(holder) = records.holder_of(type_id, name, value, except) {
            return Err(ApiError::conflict(format!(
                "A {} record with {name} {value:?} already exists (id {holder}); {name} must be unique",
                schema.name
            )));
        }
    }
    Ok(())
}

/// The values a create or update stores: each property checked (`records_rules`), then
/// the pipeline and stage (`pipeline_rules`, against the record's `stored` values on an
/// update).
pub(crate) fn checked(
    schema: &ObjectSchema,
    input: &BTreeMap<String, Value>,
    kind: WriteKind,
    stored: Option<&BTreeMap<String, String>>,
) -> Result<BTreeMap<String, String>, ApiError> {
    let mut values = check_properties(schema, input, kind)?;
    check_pipeline(schema, stored, &mut values)?;
    Ok(values)
}

/// `GET /crm/v3/objects/{objectType}`.
async fn list(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    require(&app, &headers, records_read(&object_type))?;
    let query = ReadQuery::parse(raw.as_deref())?;
    let limit = match query.one("limit") {
        None => 10,
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=LIST_LIMIT).contains(n))
            .ok_or_else(|| {
                ApiError::invalid_field(
                    format!("limit must be an integer from 1 to {LIST_LIMIT}, got {text:?}"),
                    "INVALID_LIMIT",
                    "limit",
                )
            })?,
    };
    let after = match query.one("after") {
        None => 0,
        Some(text) => text
            .parse::<u64>()
            .map_err(|_| ApiError::validation(format!("Invalid after cursor {text:?}")))?,
    };
    let archived = query.flag("archived")?;
    let associations = query.list("associations").unwrap_or_default();
    let state = app.lock();
    let (schema, type_id) = resolve(&state, &object_type)?;
    let properties = query.properties(&schema);
    let mut page = state
        .records
        .records(&type_id)
        .filter(|r| r.archived() == archived && r.id >= after);
    let mut results = Vec::new();
    for record in page.by_ref().take(limit) {
        let mut body = render(record, Some(&properties));
        add_associations(&state, &type_id, record.id, &associations, &mut body);
        results.push(body);
    }
    let mut response = json!({ "results": results });
    if let Some(next) = page.next() {
        response["paging"] =
            json!({"next": {"after": next.id.to_string(), "link": format!("?after={}", next.id)}});
    }
    Ok(axum::Json(response).into_response())
}

fn add_associations(state: &Account, type_id: &str, id: u64, keys: &[String], body: &mut Value) {
    if keys.is_empty() {
        return;
    }
    let found = associations_of(state, type_id, &id.to_string(), keys);
    if !found.is_empty() {
        body["associations"] = Value::Object(found);
    }
}

/// `GET /crm/v3/objects/{objectType}/{objectId}`.
async fn read(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((object_type, object_id)): Params<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    require(&app, &headers, records_read(&object_type))?;
    let query = ReadQuery::parse(raw.as_deref())?;
    let archived = query.flag("archived")?;
    let associations = query.list("associations").unwrap_or_default();
    let state = app.lock();
    let (schema, type_id) = resolve(&state, &object_type)?;
    let properties = query.properties(&schema);
    let by = id_property(&schema, query.one("idProperty"))?;
    let id = state
        .records
        .find(&type_id, &object_id, by, archived)
        .ok_or_else(|| not_found(&schema, &object_id))?;
    let record = state.records.get(&type_id, id).expect("found above");
    let mut body = render(record, Some(&properties));
    add_associations(&state, &type_id, id, &associations, &mut body);
    Ok(axum::Json(body).into_response())
}

/// `SimplePublicObjectInput(ForCreate)`, leniently.
#[derive(Debug, Default, Deserialize)]
struct WriteBody {
    properties: Option<BTreeMap<String, Value>>,
}

fn properties_of(body: WriteBody) -> Result<BTreeMap<String, Value>, ApiError> {
    body.properties.ok_or_else(|| {
        ApiError::invalid_field("properties is required", "REQUIRED_FIELD", "properties")
    })
}

/// `POST /crm/v3/objects/{objectType}`.
async fn create(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, records_write(&object_type))?;
    let input = properties_of(parse_body(&body)?)?;
    let mut state = app.lock();
    let (schema, type_id) = resolve(&state, &object_type)?;
    let values = checked(&schema, &input, WriteKind::Create, None)?;
    check_unique(&state.records, &schema, &type_id, &values, None)?;
    let now = now_iso();
    let id = state.records.insert(&type_id, values, &now);
    let record = state.records.get(&type_id, id).expect("just stored");
    Ok((StatusCode::CREATED, axum::Json(render(record, None))).into_response())
}

/// `PATCH /crm/v3/objects/{objectType}/{objectId}`.
async fn update(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((object_type, object_id)): Params<(String, String)>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, records_write(&object_type))?;
    let query = ReadQuery::parse(raw.as_deref())?;
    let input = properties_of(parse_body(&body)?)?;
    let mut state = app.lock();
    let (schema, type_id) = resolve(&state, &object_type)?;
    let by = id_property(&schema, query.one("idProperty"))?;
    let id = state
        .records
        .find(&type_id, &object_id, by, false)
        .ok_or_else(|| not_found(&schema, &object_id))?;
    let stored = state
        .records
        .get(&type_id, id)
        .map(|r| r.properties.clone());
    let values = checked(&schema, &input, WriteKind::Update, stored.as_ref())?;
    check_unique(&state.records, &schema, &type_id, &values, Some(id))?;
    let now = now_iso();
    let record = state.records.get_mut(&type_id, id).expect("found above");
    RecordStore::apply(record, values, &now);
    Ok(axum::Json(render(record, None)).into_response())
}

/// `DELETE /crm/v3/objects/{objectType}/{objectId}`: archive; 204 even when there is
/// nothing live to archive, as HubSpot.
async fn archive(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((object_type, object_id)): Params<(String, String)>,
) -> ApiResult {
    require(&app, &headers, records_write(&object_type))?;
    let mut state = app.lock();
    let (_, type_id) = resolve(&state, &object_type)?;
    archive_one(&mut state.records, &type_id, &object_id);
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn archive_one(records: &mut RecordStore, type_id: &str, id: &str) {
    if let Some(id) = records.find(type_id, id, None, false) {
        let now = now_iso();
        let record = records.get_mut(type_id, id).expect("found");
        record.archived_at = Some(now.clone());
        record.updated_at = now;
    }
}

/// `POST /crm/v3/objects/{objectType}/search`.
async fn search_route(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, records_read(&object_type))?;
    let input: SearchInput = parse_body(&body)?;
    let state = app.lock();
    let (schema, type_id) = resolve(&state, &object_type)?;
    let page = search(&schema, state.records.records(&type_id), &input)?;
    let properties: Vec<String> = input
        .properties
        .clone()
        .unwrap_or_else(|| default_properties(&schema));
    let results: Vec<Value> = page
        .results
        .iter()
        .map(|r| render(r, Some(&properties)))
        .collect();
    let mut response = json!({"total": page.total, "results": results});
    if let Some(next) = page.next {
        response["paging"] =
            json!({"next": {"after": next.to_string(), "link": format!("?after={next}")}});
    }
    Ok(axum::Json(response).into_response())
}

/// One batch input, leniently (read, create, update, upsert and archive inputs).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct BatchInput {
    id: Option<Value>,
    id_property: Option<String>,
    object_write_trace_id: Option<String>,
    properties: Option<BTreeMap<String, Value>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct BatchBody {
    #[serde(default)]
    inputs: Vec<BatchInput>,
    properties: Option<Vec<String>>,
    id_property: Option<String>,
}

fn batch_body(body: &[u8]) -> Result<BatchBody, ApiError> {
    let parsed: BatchBody = parse_body(body)?;
    if parsed.inputs.len() > BATCH_LIMIT {
        return Err(ApiError::invalid_field(
            format!(
                "Batch input limit exceeded: {} inputs given, at most {BATCH_LIMIT} allowed",
                parsed.inputs.len()
            ),
            "TOO_MANY_INPUTS",
            "inputs",
        ));
    }
    Ok(parsed)
}

fn id_text(input: &BatchInput) -> String {
    match &input.id {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// One `errors[]` entry of a 207 answer, from an error response for one input.
fn input_error(error: ApiError, input: &BatchInput) -> Value {
    let mut context = serde_json::Map::new();
    let id = id_text(input);
    if !id.is_empty() {
        context.insert("ids".into(), json!([id]));
    }
    if let Some(trace) = &input.object_write_trace_id {
        context.insert("objectWriteTraceId".into(), json!([trace]));
    }
    json!({
        "status": "error",
        "category": error.body["category"],
        "message": error.body["message"],
        "context": context,
        "errors": error.body.get("errors").cloned().unwrap_or_else(|| json!([])),
    })
}

/// A batch answer: 207 with `errors` when any input failed, else `ok_status`.
fn batch_response(
    ok_status: StatusCode,
    results: Vec<Value>,
    errors: Vec<Value>,
    started: &str,
) -> Response {
    let mut body = json!({
        "status": "COMPLETE",
        "results": results,
        "startedAt": started,
        "completedAt": now_iso(),
    });
    let status = if errors.is_empty() {
        ok_status
    } else {
        body["numErrors"] = json!(errors.len());
        body["errors"] = Value::Array(errors);
        StatusCode::MULTI_STATUS
    };
    (status, axum::Json(body)).into_response()
}

fn with_trace(mut record: Value, input: &BatchInput) -> Value {
    if let Some(trace) = &input.object_write_trace_id {
        record["objectWriteTraceId"] = json!(trace);
    }
    record
}

/// `POST …/batch/read`: found records; missing ids in one OBJECT_NOT_FOUND error.
async fn batch_read(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, records_read(&object_type))?;
    let archived = ReadQuery::parse(raw.as_deref())?.flag("archived")?;
    let input = batch_body(&body)?;
    let started = now_iso();
    let state = app.lock();
    let (schema, type_id) = resolve(&state, &object_type)?;
    let by = id_property(&schema, input.id_property.as_deref())?;
    let properties = input
        .properties
        .clone()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| default_properties(&schema));
    let mut results = Vec::new();
    let mut missing = Vec::new();
    for item in &input.inputs {
        let id = id_text(item);
        match state.records.find(&type_id, &id, by, archived) {
            Some(found) => results.push(render(
                state.records.get(&type_id, found).expect("found"),
                Some(&properties),
            )),
            None => missing.push(id),
        }
    }
    let errors = if missing.is_empty() {
        Vec::new()
    } else {
        vec![json!({
            "status": "error",
            "category": category::OBJECT_NOT_FOUND,
            "message": format!("Could not get some {} objects, they may be deleted or not exist. Check that ids are valid.", schema.name),
            "context": {"ids": missing},
            "errors": [],
        })]
    };
    Ok(batch_response(StatusCode::OK, results, errors, &started))
}

/// `POST …/batch/create`: each valid input created; each invalid one an error.
async fn batch_create(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, records_write(&object_type))?;
    let input = batch_body(&body)?;
    let started = now_iso();
    let mut state = app.lock();
    let (schema, type_id) = resolve(&state, &object_type)?;
    let now = now_iso();
    let mut results = Vec::new();
    let mut errors = Vec::new();
    for item in &input.inputs {
        let props = item.properties.clone().unwrap_or_default();
        let checked = checked(&schema, &props, WriteKind::Create, None).and_then(|values| {
            check_unique(&state.records, &schema, &type_id, &values, None).map(|()| values)
        });
        match checked {
            Ok(values) => {
                let id = state.records.insert(&type_id, values, &now);
                let record = state.records.get(&type_id, id).expect("stored");
                results.push(with_trace(render(record, None), item));
            }
            Err(error) => errors.push(input_error(error, item)),
        }
    }
    Ok(batch_response(
        StatusCode::CREATED,
        results,
        errors,
        &started,
    ))
}

/// `POST …/batch/update`: each input applied to its record (by id or `idProperty`).
async fn batch_update(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, records_write(&object_type))?;
    let input = batch_body(&body)?;
    let started = now_iso();
    let mut state = app.lock();
    let (schema, type_id) = resolve(&state, &object_type)?;
    let now = now_iso();
    let mut results = Vec::new();
    let mut errors = Vec::new();
    for item in &input.inputs {
        let id = id_text(item);
        let outcome = (|| {
            let by = id_property(&schema, item.id_property.as_deref())?;
            let found = state
                .records
                .find(&type_id, &id, by, false)
                .ok_or_else(|| not_found(&schema, &id))?;
            let props = item.properties.clone().unwrap_or_default();
            let stored = state.records.get(&type_id, found).map(|r| &r.properties);
            let values = checked(&schema, &props, WriteKind::Update, stored)?;
            check_unique(&state.records, &schema, &type_id, &values, Some(found))?;
            Ok::<_, ApiError>((found, values))
        })();
        match outcome {
            Ok((found, values)) => {
                let record = state.records.get_mut(&type_id, found).expect("found");
                RecordStore::apply(record, values, &now);
                results.push(with_trace(render(record, None), item));
            }
            Err(error) => errors.push(input_error(error, item)),
        }
    }
    Ok(batch_response(StatusCode::OK, results, errors, &started))
}

/// `POST …/batch/upsert`: update the record whose unique `idProperty` is `id`, or
/// create it with that value.
async fn batch_upsert(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, records_write(&object_type))?;
    let input = batch_body(&body)?;
    let started = now_iso();
    let mut state = app.lock();
    let (schema, type_id) = resolve(&state, &object_type)?;
    let now = now_iso();
    let mut results = Vec::new();
    let mut errors = Vec::new();
    for item in &input.inputs {
        let id = id_text(item);
        let outcome = (|| {
            let by = item.id_property.as_deref().ok_or_else(|| {
                ApiError::invalid_field(
                    "idProperty is required for upsert",
                    "REQUIRED_FIELD",
                    "idProperty",
                )
            })?;
            id_property(&schema, Some(by))?;
            let mut props = item.properties.clone().unwrap_or_default();
            match state.records.find(&type_id, &id, Some(by), false) {
                Some(found) => {
                    let stored = state.records.get(&type_id, found).map(|r| &r.properties);
                    let values = checked(&schema, &props, WriteKind::Update, stored)?;
                    check_unique(&state.records, &schema, &type_id, &values, Some(found))?;
                    Ok::<_, ApiError>((Some(found), values))
                }
                None => {
                    props.insert(by.to_owned(), Value::String(id.clone()));
                    let values = checked(&schema, &props, WriteKind::Create, None)?;
                    check_unique(&state.records, &schema, &type_id, &values, None)?;
                    Ok((None, values))
                }
            }
        })();
        match outcome {
            Ok((Some(found), values)) => {
                let record = state.records.get_mut(&type_id, found).expect("found");
                RecordStore::apply(record, values, &now);
                let mut body = with_trace(render(record, None), item);
                body["new"] = json!(false);
                results.push(body);
            }
            Ok((None, values)) => {
                let created = state.records.insert(&type_id, values, &now);
                let record = state.records.get(&type_id, created).expect("stored");
                let mut body = with_trace(render(record, None), item);
                body["new"] = json!(true);
                results.push(body);
            }
            Err(error) => errors.push(input_error(error, item)),
        }
    }
    Ok(batch_response(StatusCode::OK, results, errors, &started))
}

/// `POST …/batch/archive`: 204.
async fn batch_archive(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, records_write(&object_type))?;
    let input = batch_body(&body)?;
    let mut state = app.lock();
    let (_, type_id) = resolve(&state, &object_type)?;
    for item in &input.inputs {
        archive_one(&mut state.records, &type_id, &id_text(item));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

impl Sandbox {
    /// How many records were created so far, by any route (create, batch create,
    /// upsert): a test asserts a create was not sent twice.
    pub fn record_creates(&self) -> u64 {
        self.app.lock().records.creates
    }

    /// Store a record directly, as a create through the API would (the same value,
    /// uniqueness and pipeline checks; HubSpot-set properties filled), without a token
    /// or a logged request. `properties` is a JSON object of property values. Returns
    /// the new record's id, or the API's error message.
    pub fn add_record(&self, object_type: &str, properties: Value) -> Result<String, String> {
        let input: BTreeMap<String, Value> = serde_json::from_value(properties)
            .map_err(|e| format!("properties must be a JSON object of values: {e}"))?;
        let mut state = self.app.lock();
        let message = |e: ApiError| e.body["message"].as_str().unwrap_or_default().to_owned();
        let (schema, type_id) = resolve(&state, object_type).map_err(message)?;
        let values = checked(&schema, &input, WriteKind::Create, None).map_err(message)?;
        check_unique(&state.records, &schema, &type_id, &values, None).map_err(message)?;
        let id = state.records.insert(&type_id, values, &now_iso());
        Ok(id.to_string())
    }

    /// The stored values of a record (object type by id, name or fully qualified name),
    /// archived or not; `None` when there is no such record.
    pub fn record_values(&self, object_type: &str, id: &str) -> Option<BTreeMap<String, String>> {
        let state = self.app.lock();
        let at = find_object(&state, object_type, Archived::Include)?;
        let schema = object(&state, at);
        let type_id = schema.object_type_id.as_deref().unwrap_or(&schema.name);
        let id: u64 = id.parse().ok()?;
        state.records.get(type_id, id).map(|r| r.properties.clone())
    }

    /// How many live records of the object type are stored.
    pub fn record_count(&self, object_type: &str) -> usize {
        let state = self.app.lock();
        let Some(at) = find_object(&state, object_type, Archived::Include) else {
            return 0;
        };
        let schema = object(&state, at);
        let type_id = schema.object_type_id.as_deref().unwrap_or(&schema.name);
        state
            .records
            .records(type_id)
            .filter(|r| !r.archived())
            .count()
    }
}
