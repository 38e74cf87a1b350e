//! The CRM Pipelines API v3, read side (`/crm/v3/pipelines/{objectType}…`): the live
//! pipelines of deals, tickets and custom objects with their live stages (archived
//! pipelines and stages are left out), one pipeline, and
//! one pipeline's stages, in the stored (HubSpot's) order, shaped exactly as HubSpot
//! sends them. Reading needs the object's records read scope.
//!
//! Objects without pipelines: a custom object (or a seeded standard object) answers
//! `{"results":[]}`, as HubSpot does for a custom object with no pipeline configured; a
//! standard object type that does not support pipelines (contacts, companies, …)
//! answers 400 VALIDATION_ERROR saying so. An unknown object type is a 404.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hubspot_runtime::schema::{ObjectSchema, Pipeline};
use serde_json::json;

use crate::auth::require;
use crate::errors::{ApiError, category};
use crate::object_types::{Archived, find_object, object};
use crate::params::Params;
use crate::scopes::pipelines_read;
use crate::standard_objects::lookup;
use crate::state::{AppState, State as Account};

/// The API's base path.
pub(crate) const BASE: &str = "/crm/v3/pipelines";

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/{{object_type}}"), get(list))
        .route(
            &format!("{BASE}/{{object_type}}/{{pipeline_id}}"),
            get(read),
        )
        .route(
            &format!("{BASE}/{{object_type}}/{{pipeline_id}}/stages"),
            get(stages),
        )
        .route(
            &format!("{BASE}/{{object_type}}/{{pipeline_id}}/stages/{{stage_id}}"),
            get(stage),
        )
}

type ApiResult = Result<Response, ApiError>;

/// The object's live pipelines, or the error for an object that has none to offer.
fn pipelines_of(state: &Account, key: &str) -> Result<(ObjectSchema, Vec<Pipeline>), ApiError> {
    let at = find_object(state, key, Archived::Exclude)
        .ok_or_else(|| ApiError::unknown_object_type(key))?;
    let schema = object(state, at).clone();
    let supports = schema.pipelines.is_some()
        || schema
            .object_type_id
            .as_deref()
            .and_then(lookup)
            .is_none_or(|o| o.pipeline_properties.is_some());
    if !supports {
        return Err(ApiError::validation(format!(
            "Object type {} ({}) does not support pipelines; pipelines exist on deals, tickets \
             and custom objects",
            schema.name,
            schema.object_type_id.as_deref().unwrap_or_default()
        )));
    }
    let live = schema
        .pipelines
        .iter()
        .flatten()
        .filter(|p| p.archived != Some(true))
        .map(|p| Pipeline {
            stages: p
                .stages
                .iter()
                .filter(|s| s.archived != Some(true))
                .cloned()
                .collect(),
            ..p.clone()
        })
        .collect();
    Ok((schema, live))
}

fn pipeline_of(state: &Account, key: &str, id: &str) -> Result<Pipeline, ApiError> {
    let (schema, pipelines) = pipelines_of(state, key)?;
    pipelines.into_iter().find(|p| p.id == id).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            category::OBJECT_NOT_FOUND,
            format!(
                "Unable to find pipeline {id} for object type {}; list them with GET {BASE}/{}",
                schema.name, schema.name
            ),
        )
    })
}

/// `GET /crm/v3/pipelines/{objectType}`.
async fn list(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
) -> ApiResult {
    require(&app, &headers, pipelines_read(&object_type))?;
    let (_, pipelines) = pipelines_of(&app.lock(), &object_type)?;
    Ok(Json(json!({ "results": pipelines })).into_response())
}

/// `GET /crm/v3/pipelines/{objectType}/{pipelineId}`.
async fn read(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((object_type, pipeline_id)): Params<(String, String)>,
) -> ApiResult {
    require(&app, &headers, pipelines_read(&object_type))?;
    let pipeline = pipeline_of(&app.lock(), &object_type, &pipeline_id)?;
    Ok(Json(pipeline).into_response())
}

/// `GET /crm/v3/pipelines/{objectType}/{pipelineId}/stages`: live stages.
async fn stages(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((object_type, pipeline_id)): Params<(String, String)>,
) -> ApiResult {
    require(&app, &headers, pipelines_read(&object_type))?;
    let pipeline = pipeline_of(&app.lock(), &object_type, &pipeline_id)?;
    let stages: Vec<_> = pipeline
        .stages
        .into_iter()
        .filter(|s| s.archived != Some(true))
        .collect();
    Ok(Json(json!({ "results": stages })).into_response())
}

/// `GET /crm/v3/pipelines/{objectType}/{pipelineId}/stages/{stageId}`.
async fn stage(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((object_type, pipeline_id, stage_id)): Params<(String, String, String)>,
) -> ApiResult {
    require(&app, &headers, pipelines_read(&object_type))?;
    let pipeline = pipeline_of(&app.lock(), &object_type, &pipeline_id)?;
    let stage = pipeline
        .stages
        .into_iter()
        .find(|s| s.id == stage_id && s.archived != Some(true))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                category::OBJECT_NOT_FOUND,
                format!("Unable to find stage {stage_id} in pipeline {pipeline_id}"),
            )
        })?;
    Ok(Json(stage).into_response())
}
