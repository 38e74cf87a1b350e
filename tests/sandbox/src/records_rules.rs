//! Record value validation as HubSpot does it: every value a string, checked against
//! its property's type (number, bool, enumeration options, date at midnight UTC,
//! datetime), read-only properties refused, required ones enforced on create — each
//! failure an `errors[]` entry naming the property, in HubSpot's 400 body.

use std::collections::BTreeMap;

use hubspot_runtime::schema::{ErrorDetail, ObjectSchema, Property};
use serde_json::Value;

use crate::errors::ApiError;

/// Properties every HubSpot object has and HubSpot alone sets, whether or not a
/// snapshot lists them: `(name, type)`.
pub(crate) const SYSTEM_PROPERTIES: &[(&str, &str)] = &[
    ("hs_createdate", "datetime"),
    ("hs_lastmodifieddate", "datetime"),
    ("hs_object_id", "number"),
];

/// The HubSpot `type` of `name` on this object (system properties included).
pub(crate) fn property_type<'a>(schema: &'a ObjectSchema, name: &str) -> Option<&'a str> {
    find_property(schema, name)
        .map(|p| p.r#type.as_str())
        .or_else(|| {
            SYSTEM_PROPERTIES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| *t)
        })
}

pub(crate) fn find_property<'a>(schema: &'a ObjectSchema, name: &str) -> Option<&'a Property> {
    schema
        .properties
        .iter()
        .flatten()
        .find(|p| p.name == name && p.archived != Some(true))
}

/// Whether API writes of this property's values are refused.
fn read_only(property: &Property) -> bool {
    property.calculated == Some(true)
        || property
            .modification_metadata
            .as_ref()
            .and_then(|m| m.read_only_value)
            == Some(true)
}

/// Whether `name` is a unique-value property of the object (or the record id, or a
/// contact's `email`, which HubSpot keeps unique and accepts as `idProperty` although
/// the Properties API does not flag it).
pub(crate) fn is_unique(schema: &ObjectSchema, name: &str) -> bool {
    name == "hs_object_id"
        || (name == "email" && schema.object_type_id.as_deref() == Some("0-1"))
        || find_property(schema, name).is_some_and(|p| p.has_unique_value == Some(true))
}

/// Epoch milliseconds of a date or datetime value as HubSpot accepts it: epoch ms,
/// `YYYY-MM-DD` (midnight UTC) or ISO 8601 with an offset.
pub(crate) fn epoch_millis(value: &str) -> Option<i64> {
    if let Ok(ms) = value.parse::<i64>() {
        return Some(ms);
    }
    if let Ok(timestamp) = value.parse::<jiff::Timestamp>() {
        return Some(timestamp.as_millisecond());
    }
    // Only a bare `YYYY-MM-DD`: jiff's date parser would also take the date part of a
    // datetime without an offset.
    if value.len() != 10 {
        return None;
    }
    let date = value.parse::<jiff::civil::Date>().ok()?;
    let ts = jiff::tz::TimeZone::UTC
        .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
        .ok()?;
    Some(ts.as_millisecond())
}

/// A number as HubSpot reads it: a finite decimal.
pub(crate) fn number(value: &str) -> Option<f64> {
    let trimmed = value.trim();
    let looks_numeric = !trimmed.is_empty()
        && trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'));
    trimmed
        .parse::<f64>()
        .ok()
        .filter(|n| looks_numeric && n.is_finite())
}

/// Why one value is refused: `(code, message)`.
fn check_value(property: &Property, value: &str) -> Result<(), (&'static str, String)> {
    if value.is_empty() {
        // "" clears any writable property.
        return Ok(());
    }
    let name = &property.name;
    match property.r#type.as_str() {
        "number" if number(value).is_none() => Err((
            "INVALID_INTEGER",
            format!("{value:?} is not a valid number for property {name:?}"),
        )),
        "bool" if value != "true" && value != "false" => Err((
            "INVALID_BOOLEAN",
            format!(
                "{value:?} is not a valid boolean for property {name:?}: use \"true\" or \"false\""
            ),
        )),
        "date" => check_date(name, value),
        "datetime" if epoch_millis(value).is_none() => Err((
            "INVALID_DATETIME",
            format!(
                "{value:?} is not a valid datetime for property {name:?}: use ISO 8601 or epoch milliseconds"
            ),
        )),
        "enumeration" => check_options(property, value),
        _ => Ok(()),
    }
}

fn check_date(name: &str, value: &str) -> Result<(), (&'static str, String)> {
    let ms = if let Ok(ms) = value.parse::<i64>() {
        ms
    } else if value.parse::<jiff::civil::Date>().is_ok() && value.len() == 10 {
        return Ok(());
    } else {
        return Err((
            "INVALID_DATE",
            format!(
                "{value:?} is not a valid date for property {name:?}: use YYYY-MM-DD or the epoch milliseconds of midnight UTC"
            ),
        ));
    };
    if ms.rem_euclid(86_400_000) != 0 {
        return Err((
            "INVALID_DATE",
            format!(
                "{value} is at {} UTC, not at midnight UTC: a date property value must be midnight UTC",
                jiff::Timestamp::from_millisecond(ms)
                    .map(|t| t.to_string())
                    .unwrap_or_default()
            ),
        ));
    }
    Ok(())
}

fn check_options(property: &Property, value: &str) -> Result<(), (&'static str, String)> {
    let options: Vec<&str> = property
        .options
        .iter()
        .flatten()
        .map(|o| o.value.as_str())
        .collect();
    if property.external_options == Some(true) || options.is_empty() {
        return Ok(());
    }
    let multi = property.field_type.as_deref() == Some("checkbox");
    let pieces: Vec<&str> = if multi {
        value.split(';').filter(|p| !p.is_empty()).collect()
    } else {
        vec![value]
    };
    for piece in pieces {
        if !options.contains(&piece) {
            return Err((
                "INVALID_OPTION",
                format!(
                    "{piece:?} was not one of the allowed options for property {:?}: [{}]",
                    property.name,
                    options.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// Whether this is a create (required properties enforced) or an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WriteKind {
    Create,
    Update,
}

/// Check a `properties` map of a create or update; the values to store, or HubSpot's
/// 400 listing every bad property.
pub(crate) fn check_properties(
    schema: &ObjectSchema,
    properties: &BTreeMap<String, Value>,
    kind: WriteKind,
) -> Result<BTreeMap<String, String>, ApiError> {
    let mut stored = BTreeMap::new();
    let mut problems: Vec<ErrorDetail> = Vec::new();
    fn problem(problems: &mut Vec<ErrorDetail>, name: &str, code: &str, message: String) {
        problems.push(ErrorDetail {
            message,
            code: Some(code.to_owned()),
            r#in: Some(name.to_owned()),
            ..ErrorDetail::default()
        });
    }
    for (name, value) in properties {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            other => {
                problem(
                    &mut problems,
                    name,
                    "INVALID_TYPE",
                    format!("Property {name:?} must be a string value, not {other}"),
                );
                continue;
            }
        };
        let system = SYSTEM_PROPERTIES.iter().any(|(n, _)| n == name);
        match find_property(schema, name) {
            Some(property) if read_only(property) => problem(
                &mut problems,
                name,
                "READ_ONLY_VALUE",
                format!("{name:?} is a read only property; its value cannot be set"),
            ),
            None if system => problem(
                &mut problems,
                name,
                "READ_ONLY_VALUE",
                format!("{name:?} is a read only property; its value cannot be set"),
            ),
            None => problem(
                &mut problems,
                name,
                "PROPERTY_DOESNT_EXIST",
                format!("Property {name:?} does not exist"),
            ),
            Some(property) => match check_value(property, &text) {
                Ok(()) => {
                    stored.insert(name.clone(), text);
                }
                Err((code, message)) => problem(&mut problems, name, code, message),
            },
        }
    }
    if kind == WriteKind::Create {
        for required in schema.required_properties.iter().flatten() {
            if stored.get(required).is_none_or(String::is_empty)
                && !problems.iter().any(|p| p.r#in.as_deref() == Some(required))
            {
                problem(
                    &mut problems,
                    required,
                    "REQUIRED_PROPERTY",
                    format!("Required property {required:?} is missing"),
                );
            }
        }
    }
    if problems.is_empty() {
        return Ok(stored);
    }
    let summary = problems
        .iter()
        .map(|p| p.message.clone())
        .collect::<Vec<_>>()
        .join("; ");
    let mut error = ApiError::validation(format!("Property values were not valid: {summary}"));
    error.body["errors"] = serde_json::to_value(&problems).expect("ErrorDetail serializes");
    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cars() -> ObjectSchema {
        serde_json::from_value(json!({
            "name": "cars",
            "requiredProperties": ["vin"],
            "properties": [
                {"name": "vin", "type": "string", "fieldType": "text", "hasUniqueValue": true},
                {"name": "year", "type": "number", "fieldType": "number"},
                {"name": "in_stock", "type": "bool", "fieldType": "booleancheckbox"},
                {"name": "received", "type": "date", "fieldType": "date"},
                {"name": "serviced", "type": "datetime", "fieldType": "date"},
                {"name": "condition", "type": "enumeration", "fieldType": "select",
                 "options": [{"value": "new"}, {"value": "used"}]},
                {"name": "features", "type": "enumeration", "fieldType": "checkbox",
                 "options": [{"value": "sunroof"}, {"value": "tow"}]},
                {"name": "total", "type": "number", "fieldType": "calculation_equation", "calculated": true},
                {"name": "hs_object_id", "type": "number", "modificationMetadata": {"readOnlyValue": true}}
            ]
        }))
        .unwrap()
    }

    fn check(props: Value, kind: WriteKind) -> Result<BTreeMap<String, String>, ApiError> {
        let map: BTreeMap<String, Value> = serde_json::from_value(props).unwrap();
        check_properties(&cars(), &map, kind)
    }

    fn codes(err: &ApiError) -> Vec<(String, String)> {
        err.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["in"].as_str().unwrap().to_owned(),
                    e["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn good_values_are_stored_as_sent() {
        let stored = check(
            json!({"vin": "V1", "year": "2003", "in_stock": "true", "received": "1714521600000",
                   "serviced": "2024-05-01T09:30:00.000Z", "condition": "used", "features": "sunroof;tow"}),
            WriteKind::Create,
        )
        .unwrap();
        assert_eq!(stored["year"], "2003");
        assert_eq!(stored["received"], "1714521600000");
        assert_eq!(stored["features"], "sunroof;tow");
    }

    #[test]
    fn bad_values_are_each_named() {
        let err = check(
            json!({"year": "20x3", "in_stock": "yes", "received": "1714555800000", "serviced": "noon",
                   "condition": "rusty", "features": "sunroof;jetpack", "total": "1", "hs_object_id": "5",
                   "colour": "red"}),
            WriteKind::Create,
        )
        .unwrap_err();
        assert_eq!(
            codes(&err),
            [
                ("colour".into(), "PROPERTY_DOESNT_EXIST".into()),
                ("condition".into(), "INVALID_OPTION".into()),
                ("features".into(), "INVALID_OPTION".into()),
                ("hs_object_id".into(), "READ_ONLY_VALUE".into()),
                ("in_stock".into(), "INVALID_BOOLEAN".into()),
                ("received".into(), "INVALID_DATE".into()),
                ("serviced".into(), "INVALID_DATETIME".into()),
                ("total".into(), "READ_ONLY_VALUE".into()),
                ("year".into(), "INVALID_INTEGER".into()),
                ("vin".into(), "REQUIRED_PROPERTY".into()),
            ]
        );
        assert_eq!(err.body["category"], "VALIDATION_ERROR");
    }

    #[test]
    fn empty_clears_and_updates_need_no_required() {
        let stored = check(json!({"year": "", "condition": ""}), WriteKind::Update).unwrap();
        assert_eq!(stored["year"], "");
        assert!(is_unique(&cars(), "vin"));
        assert!(!is_unique(&cars(), "year"));
        assert_eq!(epoch_millis("2024-05-01"), Some(1_714_521_600_000));
        assert_eq!(
            epoch_millis("2024-05-01T00:00:00+02:00"),
            Some(1_714_514_400_000)
        );
        assert_eq!(number("1e3"), Some(1000.0));
        assert_eq!(number("inf"), None);
    }
}
