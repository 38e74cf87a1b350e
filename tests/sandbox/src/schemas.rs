//! The CRM Schemas API v3 routes (`/crm-object-schemas/v3/schemas…`): every operation of
//! HubSpot's spec, each checking the bearer token's scope first, then its query and
//! body, then the account state — in that order, as HubSpot does.

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use hubspot_runtime::schema::{AssociationDefinition, CollectionResponse, ObjectSchema};
use serde_json::{Value, json};

use crate::auth::{SCHEMA_READ, SCHEMA_WRITE, require};
use crate::errors::{ApiError, category};
use crate::object_types::{Archived, find_schema, is_archived, names_schema, resolve_target};
use crate::params::Params;
use crate::query::Query;
use crate::schema_bodies::{
    AssociationEggInput, BatchReadInput, EggInput, PatchInput, parse_body, required,
};
use crate::schema_build::{Allocated, Include, apply_patch, build_schema, definition_of, render};
use crate::schema_rules::{validate_egg, validate_patch};
use crate::state::{AppState, now_iso};

/// The API's base path.
pub(crate) const BASE: &str = "/crm-object-schemas/v3/schemas";

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(BASE, get(list).post(create))
        .route(&format!("{BASE}/batch/read"), post(batch_read))
        .route(
            &format!("{BASE}/{{object_type}}"),
            get(read).patch(update).delete(archive),
        )
        .route(
            &format!("{BASE}/{{object_type}}/associations"),
            post(create_association),
        )
        .route(
            &format!("{BASE}/{{object_type}}/associations/{{association}}"),
            delete(delete_association),
        )
}

type ApiResult = Result<Response, ApiError>;

/// The three include flags of the read operations (all default to true).
fn include_flags(query: &Query) -> Result<Include, ApiError> {
    Ok(Include {
        associations: query.flag("includeAssociationDefinitions", true)?,
        audit: query.flag("includeAuditMetadata", true)?,
        properties: query.flag("includePropertyDefinitions", true)?,
    })
}

/// `GET /schemas`: live schemas, or with `archived=true` only the archived ones.
async fn list(
    State(app): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    require(&app, &headers, SCHEMA_READ)?;
    let query = Query::parse(raw.as_deref())?;
    let archived = query.flag("archived", false)?;
    let include = include_flags(&query)?;
    let state = app.lock();
    let results = state
        .schemas
        .iter()
        .filter(|schema| is_archived(schema) == archived)
        .map(|schema| render(schema, include))
        .collect();
    Ok(Json(CollectionResponse {
        results,
        extra: Default::default(),
    })
    .into_response())
}

/// `POST /schemas`: create from an `ObjectSchemaEgg`.
async fn create(State(app): State<AppState>, headers: HeaderMap, body: Bytes) -> ApiResult {
    require(&app, &headers, SCHEMA_WRITE)?;
    let egg: EggInput = parse_body(&body)?;
    validate_egg(&egg)?;
    let name = egg.name.as_deref().unwrap_or_default().trim().to_owned();
    let portal_id = app.config().portal_id;

    let mut state = app.lock();
    if let Some(existing) = state
        .schemas
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(&name))
    {
        let fqn = existing
            .fully_qualified_name
            .as_deref()
            .unwrap_or(&existing.name);
        let hint = if is_archived(existing) {
            format!(
                " (it is archived; hard-delete it with DELETE {BASE}/{fqn}?archived=true \
                 before reusing the name)"
            )
        } else {
            String::new()
        };
        return Err(ApiError::conflict(format!(
            "An object type with name '{name}' already exists: {fqn}{hint}"
        )));
    }
    let mut targets = Vec::new();
    for key in egg.associated_objects.iter().flatten() {
        let (id, target_name) = resolve_target(&state, key).ok_or_else(|| {
            ApiError::invalid_field(
                format!(
                    "associatedObjects names '{key}', which is neither a standard object type \
                     (such as 0-1 contacts, 0-2 companies, 0-3 deals, 0-5 tickets) nor an \
                     existing custom object type"
                ),
                "UNKNOWN_OBJECT_TYPE",
                "associatedObjects",
            )
        })?;
        if !targets.iter().any(|(t, _)| *t == id) {
            targets.push((id, target_name));
        }
    }

    let id = state.allocate_object_id();
    if egg.should_create_same_object_association == Some(true) {
        targets.push((format!("2-{id}"), name.clone()));
    }
    let associations = targets
        .into_iter()
        .map(|(to, to_name)| (to, to_name, state.allocate_association_id()))
        .collect();
    let now = now_iso();
    let schema = build_schema(
        egg,
        Allocated {
            id,
            portal_id,
            now: &now,
            associations,
        },
    );
    state.schemas.push(schema.clone());
    Ok((StatusCode::CREATED, Json(schema)).into_response())
}

/// `POST /schemas/batch/read`: the schemas named by `inputs`; unknown inputs are
/// reported in `errors` the way HubSpot's batch endpoints do, not failed.
async fn batch_read(State(app): State<AppState>, headers: HeaderMap, body: Bytes) -> ApiResult {
    require(&app, &headers, SCHEMA_READ)?;
    let started_at = now_iso();
    let input: BatchReadInput = parse_body(&body)?;
    let inputs = input
        .inputs
        .ok_or_else(|| ApiError::invalid_field("inputs is required", "REQUIRED_FIELD", "inputs"))?;
    let include = Include {
        associations: input.include_association_definitions.unwrap_or(true),
        audit: input.include_audit_metadata.unwrap_or(true),
        properties: input.include_property_definitions.unwrap_or(true),
    };
    let state = app.lock();
    let mut results: Vec<ObjectSchema> = Vec::new();
    let mut missing: Vec<&str> = Vec::new();
    for key in &inputs {
        match find_schema(&state, key, Archived::Exclude) {
            Some(index) => {
                let schema = &state.schemas[index];
                if !results.iter().any(|r| r.id == schema.id) {
                    results.push(render(schema, include));
                }
            }
            None => missing.push(key),
        }
    }
    let mut body = json!({
        "status": "COMPLETE",
        "results": results,
        "startedAt": started_at,
        "completedAt": now_iso(),
    });
    if !missing.is_empty() {
        body["numErrors"] = json!(missing.len());
        body["errors"] = Value::Array(
            missing
                .iter()
                .map(|key| {
                    json!({
                        "status": "error",
                        "category": category::OBJECT_NOT_FOUND,
                        "message": format!("Unable to infer object type from: {key}"),
                        "context": { "inputs": [key] },
                    })
                })
                .collect(),
        );
    }
    Ok(Json(body).into_response())
}

/// `GET /schemas/{objectType}`; `archived=true` also finds archived schemas.
async fn read(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    require(&app, &headers, SCHEMA_READ)?;
    let query = Query::parse(raw.as_deref())?;
    let include = include_flags(&query)?;
    let archived = if query.flag("archived", false)? {
        Archived::Include
    } else {
        Archived::Exclude
    };
    let state = app.lock();
    let index = find_schema(&state, &object_type, archived)
        .ok_or_else(|| ApiError::unknown_object_type(&object_type))?;
    Ok(Json(render(&state.schemas[index], include)).into_response())
}

/// `PATCH /schemas/{objectType}`: answers the `ObjectTypeDefinition`.
async fn update(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, SCHEMA_WRITE)?;
    let patch: PatchInput = parse_body(&body)?;
    let portal_id = app.config().portal_id;
    let mut state = app.lock();
    let index = find_schema(&state, &object_type, Archived::Exclude)
        .ok_or_else(|| ApiError::unknown_object_type(&object_type))?;
    let schema = &mut state.schemas[index];
    validate_patch(&patch, schema)?;
    apply_patch(schema, patch, &now_iso());
    Ok(Json(definition_of(schema, portal_id)).into_response())
}

/// `DELETE /schemas/{objectType}`: archive; with `archived=true`, hard-delete an
/// already archived schema (HubSpot refuses to purge a live one).
async fn archive(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    require(&app, &headers, SCHEMA_WRITE)?;
    let query = Query::parse(raw.as_deref())?;
    let hard = query.flag("archived", false)?;
    let mut state = app.lock();
    if hard {
        let index = find_schema(&state, &object_type, Archived::Include)
            .ok_or_else(|| ApiError::unknown_object_type(&object_type))?;
        if !is_archived(&state.schemas[index]) {
            return Err(ApiError::validation(format!(
                "Object type {object_type} is not archived, so it cannot be hard deleted: \
                 archive it first with DELETE {BASE}/{object_type} (without archived=true), \
                 then repeat this request"
            )));
        }
        state.schemas.remove(index);
    } else {
        let index = find_schema(&state, &object_type, Archived::Exclude)
            .ok_or_else(|| ApiError::unknown_object_type(&object_type))?;
        let schema = &mut state.schemas[index];
        schema.archived = Some(true);
        schema.updated_at = Some(now_iso());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /schemas/{objectType}/associations`: a new association type from this object.
async fn create_association(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, SCHEMA_WRITE)?;
    let egg: AssociationEggInput = parse_body(&body)?;
    let mut state = app.lock();
    let index = find_schema(&state, &object_type, Archived::Exclude)
        .ok_or_else(|| ApiError::unknown_object_type(&object_type))?;
    let this = &state.schemas[index];
    let this_id = this.object_type_id.clone().unwrap_or_default();

    let from = required(&egg.from_object_type_id, "fromObjectTypeId")?;
    if !names_schema(this, from) {
        return Err(ApiError::invalid_field(
            format!(
                "fromObjectTypeId '{from}' must be the object type in the path \
                 ({object_type}, objectTypeId {this_id})"
            ),
            "INVALID_OBJECT_TYPE",
            "fromObjectTypeId",
        ));
    }
    let to = required(&egg.to_object_type_id, "toObjectTypeId")?;
    let (to_id, _) = resolve_target(&state, to).ok_or_else(|| {
        ApiError::invalid_field(
            format!(
                "toObjectTypeId '{to}' is neither a standard object type (such as 0-1 \
                 contacts, 0-2 companies, 0-3 deals, 0-5 tickets) nor an existing custom \
                 object type"
            ),
            "UNKNOWN_OBJECT_TYPE",
            "toObjectTypeId",
        )
    })?;
    if let Some(name) = egg.name.as_deref() {
        let taken = state.schemas[index]
            .associations
            .iter()
            .flatten()
            .any(|a| a.name.as_deref() == Some(name));
        if taken {
            return Err(ApiError::conflict(format!(
                "An association named '{name}' already exists on object type {object_type}"
            )));
        }
    }

    let now = now_iso();
    let definition = AssociationDefinition {
        id: state.allocate_association_id().to_string(),
        from_object_type_id: this_id,
        to_object_type_id: to_id,
        name: egg.name,
        created_at: Some(now.clone()),
        updated_at: Some(now),
        extra: Default::default(),
    };
    state.schemas[index]
        .associations
        .get_or_insert_with(Vec::new)
        .push(definition.clone());
    Ok((StatusCode::CREATED, Json(definition)).into_response())
}

/// `DELETE /schemas/{objectType}/associations/{associationIdentifier}`.
async fn delete_association(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((object_type, association)): Params<(String, String)>,
) -> ApiResult {
    require(&app, &headers, SCHEMA_WRITE)?;
    let mut state = app.lock();
    let index = find_schema(&state, &object_type, Archived::Exclude)
        .ok_or_else(|| ApiError::unknown_object_type(&object_type))?;
    let associations = state.schemas[index]
        .associations
        .get_or_insert_with(Vec::new);
    let position = associations
        .iter()
        .position(|a| a.id == association)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                category::OBJECT_NOT_FOUND,
                format!("Unable to find association {association} on object type {object_type}"),
            )
        })?;
    associations.remove(position);
    Ok(StatusCode::NO_CONTENT.into_response())
}
