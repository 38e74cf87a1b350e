//! Request bodies of the Schemas API, read leniently: every field optional, so a
//! missing one gets a HubSpot-style message naming it (from `schema_rules`) rather than
//! a serde error, and an empty or malformed body is HubSpot's 400.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::errors::ApiError;

/// Parse a JSON request body into `T`; an empty or malformed body is HubSpot's 400.
pub(crate) fn parse_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::validation(
            "Request body is required: send the operation's JSON object with \
             Content-Type: application/json",
        ));
    }
    serde_json::from_slice(body).map_err(|e| ApiError::bad_json(&e))
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename = "ObjectTypeDefinitionLabels")]
pub(crate) struct LabelsInput {
    pub singular: Option<String>,
    pub plural: Option<String>,
}

/// `ObjectSchemaEgg`, leniently.
#[derive(Debug, Default, Deserialize)]
#[serde(rename = "ObjectSchemaEgg", rename_all = "camelCase")]
pub(crate) struct EggInput {
    pub name: Option<String>,
    pub labels: Option<LabelsInput>,
    pub description: Option<String>,
    pub properties: Option<Vec<PropertyInput>>,
    pub required_properties: Option<Vec<String>>,
    pub associated_objects: Option<Vec<String>>,
    pub primary_display_property: Option<String>,
    pub secondary_display_properties: Option<Vec<String>>,
    pub searchable_properties: Option<Vec<String>>,
    pub allows_sensitive_properties: Option<bool>,
    pub should_create_same_object_association: Option<bool>,
}

/// `ObjectTypePropertyCreate`, leniently.
#[derive(Debug, Default, Deserialize)]
#[serde(rename = "ObjectTypePropertyCreate", rename_all = "camelCase")]
pub(crate) struct PropertyInput {
    pub name: Option<String>,
    pub label: Option<String>,
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    pub field_type: Option<String>,
    pub description: Option<String>,
    pub group_name: Option<String>,
    pub display_order: Option<i64>,
    pub options: Option<Vec<OptionInput>>,
    pub has_unique_value: Option<bool>,
    pub hidden: Option<bool>,
    pub form_field: Option<bool>,
    pub show_currency_symbol: Option<bool>,
    pub number_display_hint: Option<String>,
    pub text_display_hint: Option<String>,
    pub referenced_object_type: Option<String>,
}

/// `OptionInput`, leniently.
#[derive(Debug, Default, Deserialize)]
#[serde(rename = "OptionInput", rename_all = "camelCase")]
pub(crate) struct OptionInput {
    pub value: Option<String>,
    pub label: Option<String>,
    pub description: Option<String>,
    pub display_order: Option<i64>,
    pub hidden: Option<bool>,
}

/// `ObjectTypeDefinitionPatch`, leniently.
#[derive(Debug, Default, Deserialize)]
#[serde(rename = "ObjectTypeDefinitionPatch", rename_all = "camelCase")]
pub(crate) struct PatchInput {
    pub labels: Option<LabelsInput>,
    pub description: Option<String>,
    pub clear_description: Option<bool>,
    pub primary_display_property: Option<String>,
    pub secondary_display_properties: Option<Vec<String>>,
    pub required_properties: Option<Vec<String>>,
    pub searchable_properties: Option<Vec<String>>,
    pub allows_sensitive_properties: Option<bool>,
    pub restorable: Option<bool>,
}

/// `AssociationDefinitionEgg`, leniently.
#[derive(Debug, Default, Deserialize)]
#[serde(rename = "AssociationDefinitionEgg", rename_all = "camelCase")]
pub(crate) struct AssociationEggInput {
    pub from_object_type_id: Option<String>,
    pub to_object_type_id: Option<String>,
    pub name: Option<String>,
}

/// `ObjectSchemaBatchReadRequest`, leniently (the include flags default to true, as on
/// `GET`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename = "ObjectSchemaBatchReadRequest", rename_all = "camelCase")]
pub(crate) struct BatchReadInput {
    pub inputs: Option<Vec<String>>,
    pub include_association_definitions: Option<bool>,
    pub include_audit_metadata: Option<bool>,
    pub include_property_definitions: Option<bool>,
}

/// A present, non-blank string field, or a 400 naming it.
pub(crate) fn required<'a>(value: &'a Option<String>, field: &str) -> Result<&'a str, ApiError> {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(ApiError::invalid_field(
            format!("{field} is required"),
            "REQUIRED_FIELD",
            field,
        )),
    }
}
