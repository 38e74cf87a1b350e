//! Building the schemas HubSpot would store and answer: a new schema from a valid egg
//! (ids, fully qualified name, timestamps, HubSpot-defined properties, association
//! definitions), a patched one, the `ObjectTypeDefinition` a patch answers, and the
//! view a read returns under its include flags.

use hubspot_runtime::schema::{
    AssociationDefinition, ObjectSchema, ObjectTypeDefinition, ObjectTypeDefinitionLabels,
    Property, PropertyModificationMetadata, PropertyOption,
};
use serde_json::Value;

use crate::schema_bodies::{EggInput, PatchInput, PropertyInput};

/// The user id recorded as creator/updater of schemas changed through the sandbox.
const SANDBOX_USER_ID: i64 = 1_000_001;

/// Apply a validated patch; `now` becomes `updatedAt`.
pub(crate) fn apply_patch(schema: &mut ObjectSchema, patch: PatchInput, now: &str) {
    if let Some(labels) = patch.labels {
        let current = schema.labels.get_or_insert_with(Default::default);
        if labels.singular.is_some() {
            current.singular = labels.singular;
        }
        if labels.plural.is_some() {
            current.plural = labels.plural;
        }
    }
    if patch.clear_description == Some(true) {
        schema.description = None;
    } else if patch.description.is_some() {
        schema.description = patch.description;
    }
    if patch.primary_display_property.is_some() {
        schema.primary_display_property = patch.primary_display_property;
    }
    if patch.secondary_display_properties.is_some() {
        schema.secondary_display_properties = patch.secondary_display_properties;
    }
    if patch.required_properties.is_some() {
        schema.required_properties = patch.required_properties;
    }
    if patch.searchable_properties.is_some() {
        schema.searchable_properties = patch.searchable_properties;
    }
    if patch.allows_sensitive_properties.is_some() {
        schema.allows_sensitive_properties = patch.allows_sensitive_properties;
    }
    if let Some(restorable) = patch.restorable {
        schema
            .extra
            .insert("restorable".into(), Value::Bool(restorable));
    }
    schema.updated_at = Some(now.to_owned());
    schema.updated_by_user_id = Some(SANDBOX_USER_ID);
}

/// What a create needs besides the egg: the ids allocated for it and its resolved
/// association targets `(objectTypeId, name, association id)`.
pub(crate) struct Allocated<'a> {
    pub id: u64,
    pub portal_id: u64,
    pub now: &'a str,
    pub associations: Vec<(String, String, u64)>,
}

/// The stored schema for a validated egg.
pub(crate) fn build_schema(egg: EggInput, alloc: Allocated<'_>) -> ObjectSchema {
    let name = egg.name.unwrap_or_default().trim().to_owned();
    let object_type_id = format!("2-{}", alloc.id);
    let group = format!("{name}_information");
    let now = alloc.now;
    let labels = egg.labels.unwrap_or_default();

    let mut properties: Vec<Property> = egg
        .properties
        .unwrap_or_default()
        .into_iter()
        .map(|p| custom_property(p, &group, now))
        .collect();
    properties.extend(hubspot_defined_properties(&group, now));
    properties.sort_by(|a, b| a.name.cmp(&b.name));

    let associations = alloc
        .associations
        .into_iter()
        .map(|(to_id, to_name, assoc_id)| AssociationDefinition {
            id: assoc_id.to_string(),
            from_object_type_id: object_type_id.clone(),
            to_object_type_id: to_id,
            name: Some(format!("{name}_to_{to_name}")),
            created_at: Some(now.to_owned()),
            updated_at: Some(now.to_owned()),
            extra: Default::default(),
        })
        .collect();

    let mut extra = hubspot_runtime::schema::Extra::new();
    extra.insert("metaType".into(), Value::String("PORTAL_SPECIFIC".into()));
    ObjectSchema {
        fully_qualified_name: Some(format!("p{}_{name}", alloc.portal_id)),
        id: Some(alloc.id.to_string()),
        object_type_id: Some(object_type_id),
        labels: Some(ObjectTypeDefinitionLabels {
            singular: labels.singular,
            plural: labels.plural,
            extra: Default::default(),
        }),
        description: egg.description,
        primary_display_property: egg.primary_display_property,
        secondary_display_properties: Some(egg.secondary_display_properties.unwrap_or_default()),
        required_properties: Some(egg.required_properties.unwrap_or_default()),
        searchable_properties: Some(egg.searchable_properties.unwrap_or_default()),
        properties: Some(properties),
        associations: Some(associations),
        pipelines: None,
        allows_sensitive_properties: Some(egg.allows_sensitive_properties.unwrap_or(false)),
        archived: Some(false),
        created_at: Some(now.to_owned()),
        updated_at: Some(now.to_owned()),
        created_by_user_id: Some(SANDBOX_USER_ID),
        updated_by_user_id: Some(SANDBOX_USER_ID),
        extra,
        name,
    }
}

/// A property created through the API, with HubSpot's defaults for what was not sent.
pub(crate) fn custom_property(input: PropertyInput, group: &str, now: &str) -> Property {
    let options = input
        .options
        .unwrap_or_default()
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
        .collect();
    Property {
        name: input.name.unwrap_or_default().trim().to_owned(),
        r#type: input.r#type.unwrap_or_default(),
        field_type: input.field_type,
        label: input.label,
        description: Some(input.description.unwrap_or_default()),
        group_name: Some(input.group_name.unwrap_or_else(|| group.to_owned())),
        options: Some(options),
        display_order: Some(input.display_order.unwrap_or(-1)),
        calculated: Some(false),
        external_options: Some(false),
        has_unique_value: Some(input.has_unique_value.unwrap_or(false)),
        hidden: Some(input.hidden.unwrap_or(false)),
        modification_metadata: Some(PropertyModificationMetadata {
            archivable: Some(true),
            read_only_definition: Some(false),
            read_only_value: Some(false),
            read_only_options: None,
            extra: Default::default(),
        }),
        form_field: Some(input.form_field.unwrap_or(false)),
        archived: Some(false),
        created_at: Some(now.to_owned()),
        updated_at: Some(now.to_owned()),
        show_currency_symbol: input.show_currency_symbol,
        number_display_hint: input.number_display_hint,
        text_display_hint: input.text_display_hint,
        referenced_object_type: input.referenced_object_type,
        data_sensitivity: Some("non_sensitive".into()),
        ..Property::default()
    }
}

/// The read-only properties HubSpot adds to every custom object it creates.
fn hubspot_defined_properties(group: &str, now: &str) -> Vec<Property> {
    let read_only =
        |name: &str, ptype: &str, field_type: &str, label: &str, description: &str| Property {
            name: name.into(),
            r#type: ptype.into(),
            field_type: Some(field_type.into()),
            label: Some(label.into()),
            description: Some(description.into()),
            group_name: Some(group.into()),
            options: Some(Vec::new()),
            display_order: Some(-1),
            calculated: Some(false),
            external_options: Some(false),
            has_unique_value: Some(false),
            hidden: Some(false),
            hubspot_defined: Some(true),
            modification_metadata: Some(PropertyModificationMetadata {
                archivable: Some(false),
                read_only_definition: Some(true),
                read_only_value: Some(true),
                read_only_options: None,
                extra: Default::default(),
            }),
            form_field: Some(false),
            archived: Some(false),
            created_at: Some(now.into()),
            updated_at: Some(now.into()),
            data_sensitivity: Some("non_sensitive".into()),
            ..Property::default()
        };
    vec![
        read_only(
            "hs_object_id",
            "number",
            "number",
            "Record ID",
            "The unique ID for this record. This value is set automatically by HubSpot.",
        ),
        read_only(
            "hs_createdate",
            "datetime",
            "date",
            "Object create date/time",
            "The date and time at which this object was created. This value is set \
             automatically by HubSpot.",
        ),
        read_only(
            "hs_lastmodifieddate",
            "datetime",
            "date",
            "Object last modified date/time",
            "Most recent timestamp of any property update for this object. This value is \
             set automatically by HubSpot.",
        ),
    ]
}

/// `ObjectTypeDefinition`: what `PATCH` answers (the schema without properties and
/// associations, plus `portalId`).
pub(crate) fn definition_of(schema: &ObjectSchema, portal_id: u64) -> ObjectTypeDefinition {
    ObjectTypeDefinition {
        name: schema.name.clone(),
        id: schema.id.clone(),
        object_type_id: schema.object_type_id.clone(),
        fully_qualified_name: schema.fully_qualified_name.clone(),
        labels: schema.labels.clone(),
        description: schema.description.clone(),
        portal_id: i64::try_from(portal_id).ok(),
        primary_display_property: schema.primary_display_property.clone(),
        secondary_display_properties: schema.secondary_display_properties.clone(),
        required_properties: schema.required_properties.clone(),
        searchable_properties: schema.searchable_properties.clone(),
        allows_sensitive_properties: schema.allows_sensitive_properties,
        archived: schema.archived,
        created_at: schema.created_at.clone(),
        updated_at: schema.updated_at.clone(),
        extra: schema.extra.clone(),
    }
}

/// Which parts of a schema a read returns (`includeAssociationDefinitions`,
/// `includeAuditMetadata`, `includePropertyDefinitions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Include {
    pub associations: bool,
    pub audit: bool,
    pub properties: bool,
}

/// A schema as a read returns it under `include`. Pipelines are never part of it: the
/// Schemas API does not send them (the Pipelines API does).
pub(crate) fn render(schema: &ObjectSchema, include: Include) -> ObjectSchema {
    let mut out = schema.clone();
    out.pipelines = None;
    if !include.associations {
        out.associations = None;
    }
    if !include.properties {
        out.properties = None;
    }
    if !include.audit {
        out.created_at = None;
        out.updated_at = None;
        out.created_by_user_id = None;
        out.updated_by_user_id = None;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema_rules::validate_egg;

    fn egg(json: &str) -> EggInput {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn build_adds_hubspot_defined_properties_and_ids() {
        let e = egg(
            r#"{"name":"cars","labels":{"singular":"Car","plural":"Cars"},
                "properties":[{"name":"vin","label":"VIN","type":"string","fieldType":"text"}]}"#,
        );
        validate_egg(&e).unwrap();
        let schema = build_schema(
            e,
            Allocated {
                id: 2468000,
                portal_id: 42,
                now: "2024-05-01T09:30:00.000Z",
                associations: vec![("0-1".into(), "contact".into(), 200)],
            },
        );
        assert_eq!(schema.object_type_id.as_deref(), Some("2-2468000"));
        assert_eq!(schema.fully_qualified_name.as_deref(), Some("p42_cars"));
        let names: Vec<&str> = schema
            .properties
            .iter()
            .flatten()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "hs_createdate",
                "hs_lastmodifieddate",
                "hs_object_id",
                "vin"
            ]
        );
        let assoc = &schema.associations.as_ref().unwrap()[0];
        assert_eq!(assoc.name.as_deref(), Some("cars_to_contact"));
        assert_eq!(assoc.from_object_type_id, "2-2468000");
    }
}
