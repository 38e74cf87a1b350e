//! The Rust type of a HubSpot property (DESIGN § Types), decided from its `type`,
//! `fieldType`, options and `externalOptions`.

use hubspot_runtime::schema::Property;

use super::docs;

/// The `fieldType`s HubSpot documents (the Properties API's `PropertyCreate.fieldType`).
/// `calculation_*` variants beyond `calculation_equation` (rollups, scores) are also
/// accepted: their values are encoded like their `type`.
const KNOWN_FIELD_TYPES: &[&str] = &[
    "booleancheckbox",
    "calculation_equation",
    "calculation_read_time",
    "calculation_rollup",
    "calculation_score",
    "checkbox",
    "date",
    "file",
    "html",
    "number",
    "phonenumber",
    "radio",
    "select",
    "text",
    "textarea",
];

/// How a property's values are typed in Rust (always wrapped in `Option`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// `String`: text of any kind, phone numbers, owners, and anything unknown.
    String,
    /// `rust_decimal::Decimal`.
    Decimal,
    /// `bool`.
    Bool,
    /// `jiff::civil::Date`.
    Date,
    /// `jiff::Timestamp`.
    Timestamp,
    /// The property's own option enum (named by the model).
    Enum,
    /// `Vec` of the property's option enum (multi-select checkboxes).
    EnumList,
    /// The object's pipeline enum (`DealsPipeline`): the pipeline property of an object
    /// with pipelines ([`PIPELINE_PROPERTIES`]).
    Pipeline,
    /// The object's stage enum (`DealsStage`): the stage property of an object with
    /// pipelines ([`STAGE_PROPERTIES`]).
    Stage,
}

/// The properties that hold a record's pipeline id: `pipeline` on deals,
/// `hs_pipeline` on tickets and custom objects.
pub const PIPELINE_PROPERTIES: &[&str] = &["hs_pipeline", "pipeline"];

/// The properties that hold a record's stage id: `dealstage` on deals,
/// `hs_pipeline_stage` on tickets and custom objects.
pub const STAGE_PROPERTIES: &[&str] = &["dealstage", "hs_pipeline_stage"];

/// The decision for one property: its type, and a note for the docs when the mapping
/// fell back to `String` for something this generator does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDecision {
    /// The Rust type.
    pub ty: FieldType,
    /// Why a fallback was taken, for the field's docs.
    pub note: Option<String>,
}

fn known_field_type(field_type: &str) -> bool {
    KNOWN_FIELD_TYPES.contains(&field_type) || field_type.starts_with("calculation_")
}

/// Decide the Rust type of `property` of an object without pipelines (DESIGN § Types).
pub fn decide(property: &Property) -> TypeDecision {
    decide_in(property, false)
}

/// Decide the Rust type of `property` of an object that has pipelines in the snapshot
/// (`has_pipelines`) or not.
///
/// With pipelines, the pipeline and stage properties ([`PIPELINE_PROPERTIES`],
/// [`STAGE_PROPERTIES`]) are typed with the object's pipeline and stage enums when
/// HubSpot lists them as `enumeration` (or `string`): real accounts list them with
/// `externalOptions: true` and no options, the Pipelines API being the only source of
/// their values.
pub fn decide_in(property: &Property, has_pipelines: bool) -> TypeDecision {
    let plain = |ty| TypeDecision { ty, note: None };
    if has_pipelines && matches!(property.r#type.as_str(), "enumeration" | "string") {
        let name = property.name.as_str();
        let (ty, what) = if PIPELINE_PROPERTIES.contains(&name) {
            (FieldType::Pipeline, "pipelines")
        } else if STAGE_PROPERTIES.contains(&name) {
            (FieldType::Stage, "pipeline stages")
        } else {
            (FieldType::String, "")
        };
        if ty != FieldType::String {
            return TypeDecision {
                ty,
                note: Some(format!(
                    "Its values are the ids of the object's {what} (from the Pipelines API; \
                     HubSpot lists this property without options)."
                )),
            };
        }
    }
    let field_type = property.field_type.as_deref();
    if let Some(field_type) = field_type.filter(|f| !known_field_type(f)) {
        return TypeDecision {
            ty: FieldType::String,
            note: Some(format!(
                "HubSpot field type {} is not known to this generator; values are kept as the \
                 strings HubSpot sends.",
                docs::value(field_type)
            )),
        };
    }
    match property.r#type.as_str() {
        "string" | "phone_number" => plain(FieldType::String),
        "object_coordinates" | "json" => TypeDecision {
            ty: FieldType::String,
            note: Some(format!(
                "HubSpot type {} has no Rust type of its own; values are kept as the strings \
                 HubSpot sends.",
                docs::code(&property.r#type)
            )),
        },
        "number" => plain(FieldType::Decimal),
        "bool" => plain(FieldType::Bool),
        "date" => plain(FieldType::Date),
        "datetime" => plain(FieldType::Timestamp),
        "enumeration" => {
            let has_options = property.options.as_ref().is_some_and(|o| !o.is_empty());
            if property.external_options == Some(true) {
                TypeDecision {
                    ty: FieldType::String,
                    note: Some(
                        "Options come from outside the schema (`externalOptions`), so values \
                         are kept as strings."
                            .to_owned(),
                    ),
                }
            } else if !has_options {
                TypeDecision {
                    ty: FieldType::String,
                    note: Some(
                        "The schema lists no options for this enumeration, so values are \
                         kept as strings."
                            .to_owned(),
                    ),
                }
            } else if field_type == Some("checkbox") {
                plain(FieldType::EnumList)
            } else {
                plain(FieldType::Enum)
            }
        }
        other => TypeDecision {
            ty: FieldType::String,
            note: Some(format!(
                "HubSpot type {} is not known to this generator; values are kept as the \
                 strings HubSpot sends.",
                docs::value(other)
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hubspot_runtime::schema::PropertyOption;

    fn property(ty: &str, field_type: Option<&str>, options: usize) -> Property {
        Property {
            name: "p".into(),
            r#type: ty.into(),
            field_type: field_type.map(Into::into),
            options: Some(
                (0..options)
                    .map(|i| PropertyOption {
                        value: i.to_string(),
                        ..Default::default()
                    })
                    .collect(),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn design_table() {
        let cases = [
            ("string", Some("text"), 0, FieldType::String),
            ("string", Some("html"), 0, FieldType::String),
            ("phone_number", Some("phonenumber"), 0, FieldType::String),
            ("number", Some("number"), 0, FieldType::Decimal),
            (
                "number",
                Some("calculation_equation"),
                0,
                FieldType::Decimal,
            ),
            ("bool", Some("booleancheckbox"), 2, FieldType::Bool),
            ("date", Some("date"), 0, FieldType::Date),
            ("datetime", Some("date"), 0, FieldType::Timestamp),
            ("enumeration", Some("select"), 2, FieldType::Enum),
            ("enumeration", Some("radio"), 2, FieldType::Enum),
            ("enumeration", Some("booleancheckbox"), 2, FieldType::Enum),
            ("enumeration", None, 2, FieldType::Enum),
            ("enumeration", Some("checkbox"), 2, FieldType::EnumList),
            ("enumeration", Some("select"), 0, FieldType::String),
            ("geo_point", Some("text"), 0, FieldType::String),
            ("number", Some("slider"), 0, FieldType::String),
        ];
        for (ty, field_type, options, expected) in cases {
            assert_eq!(
                decide(&property(ty, field_type, options)).ty,
                expected,
                "{ty} {field_type:?}"
            );
        }
    }

    #[test]
    fn external_options_and_unknowns_are_strings_with_a_note() {
        let mut owner = property("enumeration", Some("select"), 2);
        owner.external_options = Some(true);
        let decision = decide(&owner);
        assert_eq!(decision.ty, FieldType::String);
        assert!(decision.note.unwrap().contains("externalOptions"));
        let note = decide(&property("geo_point", None, 0)).note.unwrap();
        assert!(note.contains("`\"geo_point\"`"), "{note}");
    }

    #[test]
    fn real_account_types_and_field_types() {
        let cases = [
            ("number", Some("calculation_rollup"), FieldType::Decimal),
            ("number", Some("calculation_score"), FieldType::Decimal),
            ("number", Some("calculation_read_time"), FieldType::Decimal),
            (
                "datetime",
                Some("calculation_equation"),
                FieldType::Timestamp,
            ),
            ("bool", Some("calculation_equation"), FieldType::Bool),
            ("string", Some("file"), FieldType::String),
            ("phone_number", Some("phonenumber"), FieldType::String),
        ];
        for (ty, field_type, expected) in cases {
            let decision = decide(&property(ty, field_type, 0));
            assert_eq!(
                decision,
                TypeDecision {
                    ty: expected,
                    note: None
                },
                "{ty} {field_type:?}"
            );
        }
        let coordinates = decide(&property("object_coordinates", Some("text"), 0));
        assert_eq!(coordinates.ty, FieldType::String);
        assert!(
            coordinates
                .note
                .unwrap()
                .starts_with("HubSpot type `object_coordinates` has no Rust type"),
        );
    }

    #[test]
    fn pipeline_properties_are_typed_only_on_objects_with_pipelines() {
        let named = |name: &str, ty: &str| {
            let mut p = property(ty, Some("select"), 0);
            p.name = name.into();
            p.external_options = Some(true);
            p
        };
        for (name, expected) in [
            ("pipeline", FieldType::Pipeline),
            ("hs_pipeline", FieldType::Pipeline),
            ("dealstage", FieldType::Stage),
            ("hs_pipeline_stage", FieldType::Stage),
        ] {
            let decision = decide_in(&named(name, "enumeration"), true);
            assert_eq!(decision.ty, expected, "{name}");
            assert!(decision.note.unwrap().contains("Pipelines API"));
            assert_eq!(
                decide_in(&named(name, "string"), true).ty,
                expected,
                "{name}"
            );
            // Without pipelines in the snapshot: HubSpot's external options, a String.
            assert_eq!(
                decide_in(&named(name, "enumeration"), false).ty,
                FieldType::String
            );
            // A number is never a pipeline.
            assert_eq!(
                decide_in(&named(name, "number"), true).ty,
                FieldType::Decimal
            );
        }
        assert_eq!(
            decide_in(&named("hs_pipeline_probability", "enumeration"), true).ty,
            FieldType::String
        );
    }
}
