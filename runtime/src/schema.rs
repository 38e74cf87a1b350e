//! The CRM Schemas API v3 data model: every request and response body of
//! `/crm-object-schemas/v3/schemas`, as HubSpot's OpenAPI spec names them.
//!
//! Parsing is lenient on purpose: HubSpot's own examples break the spec's `required`
//! lists, so only the fields that identify a thing are required (an object's `name`, a
//! property's `name` and `type`, an option's `value`, an association's object type ids).
//! Unknown fields are not rejected; response types keep them in `extra` so a snapshot
//! written back out is lossless. Request types (`*Egg`, `*Patch`, `*Create`) serialize
//! only the fields that are set.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Fields HubSpot sent that this model does not name, kept so nothing is lost on a
/// round trip (a snapshot is written back out with them).
pub type Extra = BTreeMap<String, Value>;

/// `CollectionResponseObjectSchemaNoPaging`: the body of `GET /crm-object-schemas/v3/schemas`
/// and of `POST .../batch/read`. This is also the snapshot file format.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CollectionResponse {
    /// The schemas, in the order HubSpot sent them.
    #[serde(default)]
    pub results: Vec<ObjectSchema>,
    /// Fields HubSpot sent beside `results`.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `ObjectTypeDefinitionLabels`: the singular and plural display names of an object type.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ObjectTypeDefinitionLabels {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub singular: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plural: Option<String>,
    /// Fields HubSpot sent that this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `ObjectSchema`: a custom object type with its properties and associations.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectSchema {
    /// The immutable internal name (`cars`). The only required field.
    pub name: String,
    /// HubSpot's numeric id as a string (`"2468013"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `2-<id>` for custom objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_type_id: Option<String>,
    /// `p<portalId>_<name>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fully_qualified_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<ObjectTypeDefinitionLabels>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_display_property: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_display_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub searchable_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<Property>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associations: Option<Vec<AssociationDefinition>>,
    /// The object's pipelines, exactly as `GET /crm/v3/pipelines/{objectType}` returned
    /// them (a snapshot extension: the Schemas API does not send them). `None` for
    /// objects without pipelines and in snapshots made before pipelines were fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipelines: Option<Vec<Pipeline>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allows_sensitive_properties: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_user_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by_user_id: Option<i64>,
    /// Fields HubSpot sent that this model does not name (`metaType`, `restorable`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Property`: one property definition of an object type.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    /// The immutable internal name (`year`). Required.
    pub name: String,
    /// The data type: `string`, `number`, `bool`, `date`, `datetime`, `enumeration`,
    /// `phone_number`, or something newer. Required.
    #[serde(rename = "type")]
    pub r#type: String,
    /// How the property is shown in forms (`text`, `select`, `checkbox`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<PropertyOption>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_order: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculated: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculation_formula: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_options: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_unique_value: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hubspot_defined: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modification_metadata: Option<PropertyModificationMetadata>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_field: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referenced_object_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_property_name: Option<String>,
    /// `highly_sensitive`, `non_sensitive` or `sensitive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_sensitivity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive_data_categories: Option<Vec<String>>,
    /// `absolute`, `absolute_with_relative`, `time_since`, `time_until`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_display_hint: Option<String>,
    /// `currency`, `duration`, `formatted`, `percentage`, `probability`, `unformatted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_display_hint: Option<String>,
    /// `domain_name`, `email`, `ip_address`, `multi_line`, `phone_number`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_display_hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_currency_symbol: Option<bool>,
    /// Fields HubSpot sent that this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `PropertyModificationMetadata`: what may be changed about a property and its values.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyModificationMetadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archivable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only_definition: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only_options: Option<bool>,
    /// When true, record values of this property cannot be written through the API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only_value: Option<bool>,
    /// Fields HubSpot sent that this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Option`: one choice of an enumeration property (named `PropertyOption` here so it
/// does not shadow `std::option::Option`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyOption {
    /// The stored value, exactly as record values carry it. Required.
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_order: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// Fields HubSpot sent that this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `OptionInput`: an option as sent when creating a property.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OptionInput {
    pub value: String,
    pub label: String,
    pub display_order: i64,
    pub hidden: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `AssociationDefinition`: an association type between this object and another.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssociationDefinition {
    /// The association type id (`"123"`).
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub from_object_type_id: String,
    #[serde(default)]
    pub to_object_type_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Fields HubSpot sent that this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Pipeline`: one pipeline of an object (deals, tickets, custom objects with
/// pipelines), as `GET /crm/v3/pipelines/{objectType}` returns it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pipeline {
    /// The pipeline id: `default` for an object's first pipeline, else opaque or
    /// numeric (`"75e28846-ad0d-4be2-a027-5e1da6590b98"`, `"2834565"`). Required.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_order: Option<i64>,
    /// The stages, in HubSpot's order.
    #[serde(default)]
    pub stages: Vec<PipelineStage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<String>,
    /// Fields HubSpot sent that this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `PipelineStage`: one stage of a pipeline.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineStage {
    /// The stage id, the value records carry in `dealstage` / `hs_pipeline_stage`
    /// (`appointmentscheduled`, `"1"`, `"93476205"`). Required.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_order: Option<i64>,
    /// HubSpot's stage metadata, values as strings: deals carry `isClosed` and
    /// `probability` (`"0.2"`), tickets `ticketState` (`OPEN`/`CLOSED`) and `isClosed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<String>,
    /// `CRUD_ALL`, `INTERNAL_ONLY`, `READ_ONLY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write_permissions: Option<String>,
    /// Fields HubSpot sent that this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `AssociationDefinitionEgg`: the body of `POST /schemas/{objectType}/associations`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssociationDefinitionEgg {
    pub from_object_type_id: String,
    pub to_object_type_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `ObjectTypePropertyCreate`: a property as sent when creating an object type.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectTypePropertyCreate {
    pub name: String,
    pub label: String,
    #[serde(rename = "type")]
    pub r#type: String,
    pub field_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_order: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<OptionInput>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_unique_value: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_field: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub searchable_in_global_search: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_currency_symbol: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_display_hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_display_hint: Option<String>,
    /// `ALPHABETICAL` or `DISPLAY_ORDER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option_sort_strategy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referenced_object_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_options_reference_type: Option<String>,
}

/// `ObjectSchemaEgg`: the body of `POST /crm-object-schemas/v3/schemas`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectSchemaEgg {
    pub name: String,
    pub labels: ObjectTypeDefinitionLabels,
    #[serde(default)]
    pub properties: Vec<ObjectTypePropertyCreate>,
    #[serde(default)]
    pub required_properties: Vec<String>,
    /// Object type ids (`0-1`) to create associations with.
    #[serde(default)]
    pub associated_objects: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_display_property: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_display_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub searchable_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allows_sensitive_properties: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub should_create_same_object_association: Option<bool>,
}

/// `ObjectTypeDefinition`: the object type without properties or associations, as
/// `PATCH /schemas/{objectType}` returns it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectTypeDefinition {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_type_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fully_qualified_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<ObjectTypeDefinitionLabels>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portal_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_display_property: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_display_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub searchable_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allows_sensitive_properties: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Fields HubSpot sent that this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `ObjectTypeDefinitionPatch`: the body of `PATCH /schemas/{objectType}`. Every field
/// is optional; only set fields are sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectTypeDefinitionPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<ObjectTypeDefinitionLabels>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Set to `true` to remove the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clear_description: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_display_property: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_display_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub searchable_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allows_sensitive_properties: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restorable: Option<bool>,
}

/// `ObjectSchemaBatchReadRequest`: the body of `POST /schemas/batch/read`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectSchemaBatchReadRequest {
    /// Object type ids, fully qualified names or names to read.
    pub inputs: Vec<String>,
    pub include_association_definitions: bool,
    pub include_audit_metadata: bool,
    pub include_property_definitions: bool,
}

/// `Error`: HubSpot's error body. Every field is optional: rate-limit bodies carry
/// `errorType`/`policyName` instead of `category`, and proxies send what they like.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiErrorBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// `TEN_SECONDLY_ROLLING`, `SECONDLY` or `DAILY` on a 429.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorDetail>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<BTreeMap<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<BTreeMap<String, Value>>,
}

/// `ErrorDetail`: one entry of an error body's `errors` list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub r#in: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<BTreeMap<String, Value>>,
}

/// Read a snapshot or a `GET /schemas` body: `{"results":[…]}` or a bare array of schemas.
///
/// The shape is chosen by the first non-blank byte so a syntax error keeps serde_json's
/// exact line and column.
pub fn parse_schemas(json: &str) -> Result<Vec<ObjectSchema>, serde_json::Error> {
    match json.trim_start().as_bytes().first() {
        Some(b'[') => serde_json::from_str::<Vec<ObjectSchema>>(json),
        _ => serde_json::from_str::<CollectionResponse>(json).map(|c| c.results),
    }
}
