//! Associations between records: HubSpot's v4 default association
//! (`PUT /crm/v4/objects/{from}/{fromId}/associations/default/{to}/{toId}`), removing
//! every association between two records
//! (`DELETE /crm/v4/objects/{from}/{fromId}/associations/{to}/{toId}`), and the
//! `associations` a v3 read returns. The association type comes from the from object's
//! association definitions; between two standard objects, from HubSpot's default types
//! (`standard_associations`); from a standard object to a custom one, from the custom
//! object's definition to that standard object (same id and name). The from record must
//! exist; a standard object target's id is not checked (tests associate custom records
//! with contacts they never created), a custom object target's is.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, put};
use serde_json::{Map, Value, json};

use crate::auth::require;
use crate::errors::ApiError;
use crate::object_types::resolve_target;
use crate::params::Params;
use crate::records::resolve;
use crate::records_store::StoredAssociation;
use crate::state::{AppState, State as Account, now_iso};

const BASE: &str = "/crm/v4/objects";

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &format!("{BASE}/{{from}}/{{from_id}}/associations/default/{{to}}/{{to_id}}"),
            put(associate_default),
        )
        .route(
            &format!("{BASE}/{{from}}/{{from_id}}/associations/{{to}}/{{to_id}}"),
            delete(remove),
        )
}

type ApiResult = Result<Response, ApiError>;

/// The target object type id, checking that record `id` exists when it is a custom one.
fn target(state: &Account, key: &str, id: &str) -> Result<String, ApiError> {
    let (type_id, _) =
        resolve_target(state, key).ok_or_else(|| ApiError::unknown_object_type(key))?;
    if type_id.starts_with("2-") && !record_exists(state, &type_id, id) {
        return Err(missing_record(key, id));
    }
    Ok(type_id)
}

fn record_exists(state: &Account, type_id: &str, id: &str) -> bool {
    state.records.find(type_id, id, None, false).is_some()
}

fn missing_record(object_type: &str, id: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        crate::errors::category::OBJECT_NOT_FOUND,
        format!("No {object_type} record with id {id}"),
    )
}

/// The association type a default association from `from_type` to `to_type` gets:
/// `(associationTypeId, v3 type name, associationCategory)`.
fn association_type(
    state: &Account,
    schema: &hubspot_runtime::schema::ObjectSchema,
    from_type: &str,
    to_type: &str,
) -> Option<(String, Option<String>, &'static str)> {
    if let Some(definition) = schema
        .associations
        .iter()
        .flatten()
        .find(|a| a.to_object_type_id == to_type)
    {
        return Some((
            definition.id.clone(),
            definition.name.clone(),
            "USER_DEFINED",
        ));
    }
    if let Some((id, name)) = crate::standard_associations::default_type(from_type, to_type) {
        return Some((id.to_string(), Some(name.to_owned()), "HUBSPOT_DEFINED"));
    }
    let target = state
        .schemas
        .iter()
        .find(|s| s.object_type_id.as_deref() == Some(to_type))?;
    let reverse = target
        .associations
        .iter()
        .flatten()
        .find(|a| a.to_object_type_id == from_type)?;
    Some((reverse.id.clone(), reverse.name.clone(), "USER_DEFINED"))
}

async fn associate_default(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((from, from_id, to, to_id)): Params<(String, String, String, String)>,
) -> ApiResult {
    require(&app, &headers, crate::scopes::records_write(&from))?;
    let mut state = app.lock();
    let (schema, from_type) = resolve(&state, &from)?;
    if !record_exists(&state, &from_type, &from_id) {
        return Err(missing_record(&from, &from_id));
    }
    let to_type = target(&state, &to, &to_id)?;
    let (type_id, label, category) = association_type(&state, &schema, &from_type, &to_type)
        .ok_or_else(|| {
            ApiError::validation(format!(
                "There is no association definition from {} to {to_type}: define one with the Schemas API first",
                schema.name
            ))
        })?;
    let label = label.unwrap_or_else(|| format!("{}_to_{}", schema.name, to));
    let association = StoredAssociation {
        from_type: from_type.clone(),
        from_id: from_id.clone(),
        to_type,
        to_id: to_id.clone(),
        type_id,
        label,
    };
    let type_id: i64 = association.type_id.parse().unwrap_or_default();
    if !state.records.associations.contains(&association) {
        state.records.associations.push(association);
    }
    let now = now_iso();
    Ok(axum::Json(json!({
        "status": "COMPLETE",
        "results": [{
            "from": {"id": from_id},
            "to": {"id": to_id},
            "associationSpec": {"associationCategory": category, "associationTypeId": type_id}
        }],
        "startedAt": now,
        "completedAt": now,
    }))
    .into_response())
}

async fn remove(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((from, from_id, to, to_id)): Params<(String, String, String, String)>,
) -> ApiResult {
    require(&app, &headers, crate::scopes::records_write(&from))?;
    let mut state = app.lock();
    let (_, from_type) = resolve(&state, &from)?;
    let (to_type, _) =
        resolve_target(&state, &to).ok_or_else(|| ApiError::unknown_object_type(&to))?;
    state.records.associations.retain(|a| {
        let forward = a.from_type == from_type
            && a.from_id == from_id
            && a.to_type == to_type
            && a.to_id == to_id;
        let backward = a.from_type == to_type
            && a.from_id == to_id
            && a.to_type == from_type
            && a.to_id == from_id;
        !(forward || backward)
    });
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The `associations` of record `id` of `type_id` for the object types `keys` name,
/// keyed as asked: `{"0-1": {"results": [{"id": "…", "type": "cars_to_contact"}]}}`.
pub(crate) fn associations_of(
    state: &Account,
    type_id: &str,
    id: &str,
    keys: &[String],
) -> Map<String, Value> {
    let mut out = Map::new();
    for key in keys {
        let Some((target_type, _)) = resolve_target(state, key) else {
            continue;
        };
        let results: Vec<Value> = state
            .records
            .associations
            .iter()
            .filter_map(|a| {
                if a.from_type == type_id && a.from_id == id && a.to_type == target_type {
                    Some(json!({"id": a.to_id, "type": a.label}))
                } else if a.to_type == type_id && a.to_id == id && a.from_type == target_type {
                    Some(json!({"id": a.from_id, "type": a.label}))
                } else {
                    None
                }
            })
            .collect();
        if !results.is_empty() {
            out.insert(key.clone(), json!({ "results": results }));
        }
    }
    out
}
