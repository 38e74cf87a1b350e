//! The CRM Properties API v3 (`/crm/v3/properties/{objectType}…`) for standard objects
//! (by API name or `0-x` id) and custom objects (by name, fully qualified name or `2-…`
//! id): list (live, or with `archived=true` the archived ones), read, create, update and
//! archive, with HubSpot's validation (names, `type`/`fieldType` pairs, options) and
//! error bodies: 409 for a name in use, 404 for an unknown object or property, 400 for
//! a bad definition or a change to a HubSpot-defined property. Definitions live on the
//! object's schema, so a property created here is at once part of the schema and of
//! record validation.

use std::collections::HashSet;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hubspot_runtime::schema::{ObjectSchema, Property, PropertyOption};
use serde::Deserialize;
use serde_json::json;

use crate::auth::require;
use crate::errors::{ApiError, category};
use crate::object_types::{Archived, ObjectRef, find_object, object, object_mut};
use crate::params::Params;
use crate::query::Query;
use crate::schema_bodies::{OptionInput, PropertyInput, parse_body, required};
use crate::schema_build::custom_property;
use crate::schema_rules::{PROPERTY_TYPES, is_valid_name};
use crate::scopes::{properties_read, properties_write};
use crate::state::{AppState, State as Account, now_iso};

/// The API's base path.
pub(crate) const BASE: &str = "/crm/v3/properties";

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/{{object_type}}"), get(list).post(create))
        .route(
            &format!("{BASE}/{{object_type}}/{{property_name}}"),
            get(read).patch(update).delete(archive),
        )
}

type ApiResult = Result<Response, ApiError>;

/// The `fieldType`s each `type` may be shown with.
pub(crate) fn field_types_for(ptype: &str) -> &'static [&'static str] {
    match ptype {
        "string" => &["text", "textarea", "html", "file", "phonenumber"],
        "number" => &["number", "calculation_equation"],
        "bool" => &["booleancheckbox", "calculation_equation"],
        "date" | "datetime" => &["date"],
        "enumeration" => &[
            "select",
            "radio",
            "checkbox",
            "booleancheckbox",
            "calculation_equation",
        ],
        "phone_number" => &["phonenumber", "text"],
        _ => &[],
    }
}

/// `type` known, `fieldType` given and allowed with it.
fn check_types(name: &str, ptype: &str, field_type: &str) -> Result<(), ApiError> {
    if !PROPERTY_TYPES.contains(&ptype) {
        return Err(ApiError::invalid_field(
            format!(
                "Property '{name}' has invalid type '{ptype}'; valid types are {}",
                PROPERTY_TYPES.join(", ")
            ),
            "INVALID_TYPE",
            "type",
        ));
    }
    let allowed = field_types_for(ptype);
    if !allowed.contains(&field_type) {
        return Err(ApiError::invalid_field(
            format!(
                "Property '{name}' of type '{ptype}' cannot have fieldType '{field_type}'; \
                 use one of {}",
                allowed.join(", ")
            ),
            "INVALID_FIELD_TYPE",
            "fieldType",
        ));
    }
    Ok(())
}

/// Option values given and unique.
fn check_options(name: &str, options: &[OptionInput]) -> Result<(), ApiError> {
    let mut seen = HashSet::new();
    for (index, option) in options.iter().enumerate() {
        let field = format!("options[{index}].value");
        let value = required(&option.value, &field)?;
        if !seen.insert(value) {
            return Err(ApiError::invalid_field(
                format!("Property '{name}' has more than one option with value '{value}'"),
                "DUPLICATE_OPTION",
                &field,
            ));
        }
    }
    Ok(())
}

/// The object `key` names, or HubSpot's 404.
fn find(state: &Account, key: &str) -> Result<ObjectRef, ApiError> {
    find_object(state, key, Archived::Exclude).ok_or_else(|| ApiError::unknown_object_type(key))
}

fn property_not_found(schema: &ObjectSchema, name: &str, archived: bool) -> ApiError {
    let which = if archived { "archived " } else { "" };
    ApiError::new(
        StatusCode::NOT_FOUND,
        category::OBJECT_NOT_FOUND,
        format!(
            "No {which}property named '{name}' exists on {} ({}); list them with GET {BASE}/{}{}",
            schema.name,
            schema.object_type_id.as_deref().unwrap_or(&schema.name),
            schema.name,
            if archived { "?archived=true" } else { "" }
        ),
    )
}

/// The index of `name` among the object's properties, live or archived as asked.
fn position(schema: &ObjectSchema, name: &str, archived: bool) -> Option<usize> {
    schema
        .properties
        .iter()
        .flatten()
        .position(|p| p.name == name && (p.archived == Some(true)) == archived)
}

/// `GET /crm/v3/properties/{objectType}`.
async fn list(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    require(&app, &headers, properties_read(&object_type))?;
    let archived = Query::parse(raw.as_deref())?.flag("archived", false)?;
    let state = app.lock();
    let schema = object(&state, find(&state, &object_type)?);
    let results: Vec<&Property> = schema
        .properties
        .iter()
        .flatten()
        .filter(|p| (p.archived == Some(true)) == archived)
        .collect();
    Ok(Json(json!({ "results": results })).into_response())
}

/// `GET /crm/v3/properties/{objectType}/{propertyName}`.
async fn read(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((object_type, name)): Params<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    require(&app, &headers, properties_read(&object_type))?;
    let archived = Query::parse(raw.as_deref())?.flag("archived", false)?;
    let state = app.lock();
    let schema = object(&state, find(&state, &object_type)?);
    let index = position(schema, &name, archived)
        .ok_or_else(|| property_not_found(schema, &name, archived))?;
    let property = &schema.properties.as_ref().expect("found above")[index];
    Ok(Json(property).into_response())
}

/// `POST /crm/v3/properties/{objectType}`: create from a `PropertyCreate`.
async fn create(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params(object_type): Params<String>,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, properties_write(&object_type))?;
    let input: PropertyInput = parse_body(&body)?;
    let name = required(&input.name, "name")?.to_owned();
    if !is_valid_name(&name) || name.chars().any(|c| c.is_ascii_uppercase()) {
        return Err(ApiError::invalid_field(
            format!(
                "Invalid property name '{name}': a property name must start with a letter and \
                 contain only lowercase letters, digits and underscores"
            ),
            "INVALID_NAME",
            "name",
        ));
    }
    if name.starts_with("hs_") {
        return Err(ApiError::invalid_field(
            format!(
                "Invalid property name '{name}': the hs_ prefix is reserved for HubSpot-defined \
                 properties"
            ),
            "INVALID_NAME",
            "name",
        ));
    }
    required(&input.label, "label")?;
    let ptype = required(&input.r#type, "type")?.to_owned();
    let field_type = required(&input.field_type, "fieldType")?.to_owned();
    let group = required(&input.group_name, "groupName")?.to_owned();
    check_types(&name, &ptype, &field_type)?;
    check_options(&name, input.options.as_deref().unwrap_or_default())?;

    let mut state = app.lock();
    let at = find(&state, &object_type)?;
    let schema = object_mut(&mut state, at);
    if let Some(existing) = schema.properties.iter().flatten().find(|p| p.name == name) {
        let hint = if existing.archived == Some(true) {
            " (it is archived)"
        } else {
            ""
        };
        return Err(ApiError::conflict(format!(
            "Property named '{name}' already exists on {}{hint}.",
            schema.name
        )));
    }
    let property = custom_property(input, &group, &now_iso());
    schema
        .properties
        .get_or_insert_with(Vec::new)
        .push(property.clone());
    Ok((StatusCode::CREATED, Json(property)).into_response())
}

/// `PropertyUpdate`, leniently: every field optional; the name cannot change.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpdateInput {
    label: Option<String>,
    #[serde(rename = "type")]
    r#type: Option<String>,
    field_type: Option<String>,
    group_name: Option<String>,
    description: Option<String>,
    options: Option<Vec<OptionInput>>,
    display_order: Option<i64>,
    hidden: Option<bool>,
    form_field: Option<bool>,
    calculation_formula: Option<String>,
}

fn read_only_definition(property: &Property) -> bool {
    property
        .modification_metadata
        .as_ref()
        .and_then(|m| m.read_only_definition)
        == Some(true)
}

/// `PATCH /crm/v3/properties/{objectType}/{propertyName}`.
async fn update(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((object_type, name)): Params<(String, String)>,
    body: Bytes,
) -> ApiResult {
    require(&app, &headers, properties_write(&object_type))?;
    let input: UpdateInput = parse_body(&body)?;
    if input.label.as_deref().is_some_and(|l| l.trim().is_empty()) {
        return Err(ApiError::invalid_field(
            "label cannot be blank",
            "REQUIRED_FIELD",
            "label",
        ));
    }
    check_options(&name, input.options.as_deref().unwrap_or_default())?;
    let mut state = app.lock();
    let at = find(&state, &object_type)?;
    let schema = object_mut(&mut state, at);
    let index =
        position(schema, &name, false).ok_or_else(|| property_not_found(schema, &name, false))?;
    let object_name = schema.name.clone();
    let property = &mut schema.properties.as_mut().expect("found above")[index];
    if read_only_definition(property) {
        return Err(ApiError::invalid_field(
            format!(
                "Property '{name}' of {object_name} is defined by HubSpot; its definition is read only"
            ),
            "READ_ONLY_DEFINITION",
            "name",
        ));
    }
    let ptype = input
        .r#type
        .clone()
        .unwrap_or_else(|| property.r#type.clone());
    let field_type = input
        .field_type
        .clone()
        .or_else(|| property.field_type.clone())
        .unwrap_or_default();
    if input.r#type.is_some() || input.field_type.is_some() {
        check_types(&name, &ptype, &field_type)?;
    }
    property.r#type = ptype;
    property.field_type = Some(field_type);
    if let Some(label) = input.label {
        property.label = Some(label);
    }
    if let Some(group) = input.group_name {
        property.group_name = Some(group);
    }
    if let Some(description) = input.description {
        property.description = Some(description);
    }
    if let Some(order) = input.display_order {
        property.display_order = Some(order);
    }
    if let Some(hidden) = input.hidden {
        property.hidden = Some(hidden);
    }
    if let Some(form_field) = input.form_field {
        property.form_field = Some(form_field);
    }
    if let Some(formula) = input.calculation_formula {
        property.calculation_formula = Some(formula);
    }
    if let Some(options) = input.options {
        property.options = Some(
            options
                .into_iter()
                .enumerate()
                .map(|(index, o)| {
                    let value = o.value.unwrap_or_default();
                    PropertyOption {
                        label: Some(o.label.unwrap_or_else(|| value.clone())),
                        value,
                        description: Some(o.description.unwrap_or_default()),
                        display_order: Some(o.display_order.unwrap_or(index as i64)),
                        hidden: Some(o.hidden.unwrap_or(false)),
                        extra: Default::default(),
                    }
                })
                .collect(),
        );
    }
    property.updated_at = Some(now_iso());
    Ok(Json(property.clone()).into_response())
}

/// `DELETE /crm/v3/properties/{objectType}/{propertyName}`: archive (204).
async fn archive(
    State(app): State<AppState>,
    headers: HeaderMap,
    Params((object_type, name)): Params<(String, String)>,
) -> ApiResult {
    require(&app, &headers, properties_write(&object_type))?;
    let mut state = app.lock();
    let at = find(&state, &object_type)?;
    let schema = object_mut(&mut state, at);
    let index =
        position(schema, &name, false).ok_or_else(|| property_not_found(schema, &name, false))?;
    let object_name = schema.name.clone();
    let property = &mut schema.properties.as_mut().expect("found above")[index];
    let archivable = property
        .modification_metadata
        .as_ref()
        .and_then(|m| m.archivable)
        != Some(false);
    if !archivable || read_only_definition(property) {
        return Err(ApiError::validation(format!(
            "Property '{name}' of {object_name} is defined by HubSpot and cannot be archived"
        )));
    }
    let now = now_iso();
    property.archived = Some(true);
    property.archived_at = Some(now.clone());
    property.updated_at = Some(now);
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_types_follow_the_type() {
        assert!(check_types("a", "bool", "booleancheckbox").is_ok());
        let err = check_types("a", "bool", "text").unwrap_err();
        assert_eq!(err.body["errors"][0]["in"], "fieldType");
        assert_eq!(
            err.body["message"],
            "Property 'a' of type 'bool' cannot have fieldType 'text'; use one of \
             booleancheckbox, calculation_equation"
        );
        assert_eq!(
            check_types("a", "money", "number").unwrap_err().body["errors"][0]["in"],
            "type"
        );
    }
}
