//! HubSpot's validation rules for schema eggs and patches: names, labels, property
//! types and options, and references to defined properties. Each failure is a 400 whose
//! message names the offending value and whose `errors[0].in` locates it.

use std::collections::HashSet;

use hubspot_runtime::schema::ObjectSchema;

use crate::errors::ApiError;
use crate::schema_bodies::{EggInput, LabelsInput, PatchInput, required};

/// Property `type`s HubSpot accepts for custom object properties.
pub(crate) const PROPERTY_TYPES: &[&str] = &[
    "string",
    "number",
    "bool",
    "date",
    "datetime",
    "enumeration",
    "phone_number",
];

/// HubSpot's rule for object and property names: a letter, then letters, digits and
/// underscores.
pub(crate) fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

const NAME_RULE: &str = "must start with a letter and contain only letters, digits and underscores";

/// Check labels that must both be present (create).
fn validate_labels(labels: &Option<LabelsInput>) -> Result<(), ApiError> {
    let empty = LabelsInput::default();
    let labels = labels.as_ref().unwrap_or(&empty);
    required(&labels.singular, "labels.singular")?;
    required(&labels.plural, "labels.plural")?;
    Ok(())
}

/// Names of the properties HubSpot adds to every custom object.
pub(crate) const HUBSPOT_DEFINED: &[&str] =
    &["hs_createdate", "hs_lastmodifieddate", "hs_object_id"];

/// Check every rule HubSpot applies to an egg that does not depend on other schemas.
pub(crate) fn validate_egg(egg: &EggInput) -> Result<(), ApiError> {
    let name = required(&egg.name, "name")?;
    if !is_valid_name(name) {
        return Err(ApiError::invalid_field(
            format!("Invalid object type name '{name}': a name {NAME_RULE}"),
            "INVALID_NAME",
            "name",
        ));
    }
    validate_labels(&egg.labels)?;

    let mut defined: HashSet<&str> = HUBSPOT_DEFINED.iter().copied().collect();
    for (index, property) in egg.properties.iter().flatten().enumerate() {
        let at = format!("properties[{index}]");
        let pname = required(&property.name, &format!("{at}.name"))?;
        if !is_valid_name(pname) {
            return Err(ApiError::invalid_field(
                format!("Invalid property name '{pname}': a property name {NAME_RULE}"),
                "INVALID_NAME",
                &format!("{at}.name"),
            ));
        }
        if pname.starts_with("hs_") {
            return Err(ApiError::invalid_field(
                format!(
                    "Invalid property name '{pname}': the hs_ prefix is reserved for \
                     HubSpot-defined properties"
                ),
                "INVALID_NAME",
                &format!("{at}.name"),
            ));
        }
        if !defined.insert(pname) {
            return Err(ApiError::invalid_field(
                format!("Property '{pname}' is defined more than once"),
                "DUPLICATE_PROPERTY",
                &format!("{at}.name"),
            ));
        }
        required(&property.label, &format!("{at}.label"))?;
        let ptype = required(&property.r#type, &format!("{at}.type"))?;
        if !PROPERTY_TYPES.contains(&ptype) {
            return Err(ApiError::invalid_field(
                format!(
                    "Property '{pname}' has invalid type '{ptype}'; valid types are {}",
                    PROPERTY_TYPES.join(", ")
                ),
                "INVALID_TYPE",
                &format!("{at}.type"),
            ));
        }
        required(&property.field_type, &format!("{at}.fieldType"))?;
        let mut values = HashSet::new();
        for (oindex, option) in property.options.iter().flatten().enumerate() {
            let value = option.value.as_deref().ok_or_else(|| {
                ApiError::invalid_field(
                    format!("Option {oindex} of property '{pname}' has no value"),
                    "REQUIRED_FIELD",
                    &format!("{at}.options[{oindex}].value"),
                )
            })?;
            if !values.insert(value) {
                return Err(ApiError::invalid_field(
                    format!("Property '{pname}' has more than one option with value '{value}'"),
                    "DUPLICATE_OPTION",
                    &format!("{at}.options[{oindex}].value"),
                ));
            }
        }
    }

    check_references(
        &defined,
        egg.primary_display_property.as_deref(),
        egg.secondary_display_properties.as_deref(),
        egg.required_properties.as_deref(),
        egg.searchable_properties.as_deref(),
    )
}

/// requiredProperties, primaryDisplayProperty, secondaryDisplayProperties and
/// searchableProperties may only name defined properties.
fn check_references(
    defined: &HashSet<&str>,
    primary: Option<&str>,
    secondary: Option<&[String]>,
    required: Option<&[String]>,
    searchable: Option<&[String]>,
) -> Result<(), ApiError> {
    let check = |field: &str, names: &mut dyn Iterator<Item = &str>| -> Result<(), ApiError> {
        for name in names {
            if !defined.contains(name) {
                return Err(ApiError::invalid_field(
                    format!(
                        "{field} names '{name}', which is not a property of this object type; \
                         define it in properties first"
                    ),
                    "UNKNOWN_PROPERTY",
                    field,
                ));
            }
        }
        Ok(())
    };
    check("primaryDisplayProperty", &mut primary.into_iter())?;
    check(
        "secondaryDisplayProperties",
        &mut secondary.into_iter().flatten().map(String::as_str),
    )?;
    check(
        "requiredProperties",
        &mut required.into_iter().flatten().map(String::as_str),
    )?;
    check(
        "searchableProperties",
        &mut searchable.into_iter().flatten().map(String::as_str),
    )
}

/// Check a patch against the schema it changes.
pub(crate) fn validate_patch(patch: &PatchInput, schema: &ObjectSchema) -> Result<(), ApiError> {
    if let Some(labels) = &patch.labels {
        for (field, value) in [
            ("labels.singular", &labels.singular),
            ("labels.plural", &labels.plural),
        ] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(ApiError::invalid_field(
                    format!("{field} cannot be blank"),
                    "REQUIRED_FIELD",
                    field,
                ));
            }
        }
    }
    let defined: HashSet<&str> = schema
        .properties
        .iter()
        .flatten()
        .map(|p| p.name.as_str())
        .collect();
    check_references(
        &defined,
        patch.primary_display_property.as_deref(),
        patch.secondary_display_properties.as_deref(),
        patch.required_properties.as_deref(),
        patch.searchable_properties.as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn egg(json: &str) -> EggInput {
        serde_json::from_str(json).unwrap()
    }

    fn message(err: ApiError) -> String {
        err.body["message"].as_str().unwrap().to_owned()
    }

    #[test]
    fn names_follow_hubspots_rule() {
        assert!(is_valid_name("cars"));
        assert!(is_valid_name("Pet_owner2"));
        assert!(!is_valid_name("2cars"));
        assert!(!is_valid_name("_cars"));
        assert!(!is_valid_name("car-s"));
        assert!(!is_valid_name("car s"));
        assert!(!is_valid_name(""));
        assert!(!is_valid_name("caré"));
    }

    #[test]
    fn references_must_name_defined_properties() {
        let e = egg(
            r#"{"name":"cars","labels":{"singular":"Car","plural":"Cars"},
                "properties":[{"name":"vin","label":"VIN","type":"string","fieldType":"text"}],
                "searchableProperties":["vin","hs_object_id","color"]}"#,
        );
        assert_eq!(
            message(validate_egg(&e).unwrap_err()),
            "searchableProperties names 'color', which is not a property of this object type; \
             define it in properties first"
        );
    }
}
