//! The Rust type of a HubSpot property (DESIGN § Types) and the note its docs carry
//! when the mapping fell back.
//!
//! The mapping itself lives in `hubspot_runtime::compat::field_kind`, which
//! `Client::verify` also uses on live properties, so generated code and a running
//! program decide alike; this module words its fallbacks for the docs.

use hubspot_runtime::compat::field_kind::{self, Fallback};
use hubspot_runtime::schema::Property;

use super::docs;

/// How a property's values are typed in Rust (always wrapped in `Option`).
pub use hubspot_runtime::compat::field_kind::FieldKind as FieldType;
pub use hubspot_runtime::compat::field_kind::{PIPELINE_PROPERTIES, STAGE_PROPERTIES};

/// The decision for one property: its type, and a note for the docs when the mapping
/// fell back to `String` for something this generator does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDecision {
    /// The Rust type.
    pub ty: FieldType,
    /// Why a fallback was taken, for the field's docs.
    pub note: Option<String>,
}

/// Decide the Rust type of `property` of an object without pipelines (DESIGN § Types).
pub fn decide(property: &Property) -> TypeDecision {
    decide_in(property, false)
}

/// Decide the Rust type of `property` of an object that has pipelines in the snapshot
/// (`has_pipelines`) or not ([`field_kind::field_kind`]), with the docs' note.
pub fn decide_in(property: &Property, has_pipelines: bool) -> TypeDecision {
    let (ty, fallback) = field_kind::field_kind(property, has_pipelines);
    TypeDecision {
        ty,
        note: fallback.map(|fallback| note(&fallback)),
    }
}

/// The sentence a field's docs carry for a fallback.
fn note(fallback: &Fallback) -> String {
    match fallback {
        Fallback::PipelineIds | Fallback::StageIds => {
            let what = if *fallback == Fallback::PipelineIds {
                "pipelines"
            } else {
                "pipeline stages"
            };
            format!(
                "Its values are the ids of the object's {what} (from the Pipelines API; \
                 HubSpot lists this property without options)."
            )
        }
        Fallback::UnknownFieldType(field_type) => format!(
            "HubSpot field type {} is not known to this generator; values are kept as the \
             strings HubSpot sends.",
            docs::value(field_type)
        ),
        Fallback::NoRustType(ty) => format!(
            "HubSpot type {} has no Rust type of its own; values are kept as the strings \
             HubSpot sends.",
            docs::code(ty)
        ),
        Fallback::ExternalOptions => "Options come from outside the schema (`externalOptions`), \
                                      so values are kept as strings."
            .to_owned(),
        Fallback::NoOptions => "The schema lists no options for this enumeration, so values \
                                are kept as strings."
            .to_owned(),
        Fallback::UnknownType(ty) => format!(
            "HubSpot type {} is not known to this generator; values are kept as the strings \
             HubSpot sends.",
            docs::value(ty)
        ),
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
