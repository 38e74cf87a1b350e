//! The Rust type of a HubSpot property (DESIGN § Types), decided from its `type`,
//! `fieldType`, options and `externalOptions`: what `codegen` generates, and what
//! `Client::verify` expects a live property to need.
//!
//! The decision is here, below both users, so the generator and a running program
//! never disagree; `codegen`'s `model::types` turns a [`Fallback`] into the field's
//! docs.

use crate::schema::Property;

/// The `fieldType`s HubSpot documents (the Properties API's `PropertyCreate.fieldType`).
/// `calculation_*` variants beyond `calculation_equation` (rollups, scores) are also
/// accepted: their values are encoded like their `type`.
pub const KNOWN_FIELD_TYPES: &[&str] = &[
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

/// The properties that hold a record's pipeline id: `pipeline` on deals,
/// `hs_pipeline` on tickets and custom objects.
pub const PIPELINE_PROPERTIES: &[&str] = &["hs_pipeline", "pipeline"];

/// The properties that hold a record's stage id: `dealstage` on deals,
/// `hs_pipeline_stage` on tickets and custom objects.
pub const STAGE_PROPERTIES: &[&str] = &["dealstage", "hs_pipeline_stage"];

/// How a property's values are typed in Rust (always wrapped in `Option`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
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
    /// The property's own option enum.
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

/// Why a property fell back to `String` (or took a pipeline enum without options):
/// the note its field's docs carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fallback {
    /// A `fieldType` this crate does not know (the value).
    UnknownFieldType(String),
    /// A `type` HubSpot documents that has no Rust type of its own
    /// (`object_coordinates`, `json`).
    NoRustType(String),
    /// A `type` this crate does not know (the value).
    UnknownType(String),
    /// An enumeration whose options come from outside the schema (`externalOptions`).
    ExternalOptions,
    /// An enumeration without options.
    NoOptions,
    /// The pipeline property: values are pipeline ids from the Pipelines API.
    PipelineIds,
    /// The stage property: values are stage ids from the Pipelines API.
    StageIds,
}

impl FieldKind {
    /// Every kind, in declaration order.
    pub const ALL: [FieldKind; 9] = [
        FieldKind::String,
        FieldKind::Decimal,
        FieldKind::Bool,
        FieldKind::Date,
        FieldKind::Timestamp,
        FieldKind::Enum,
        FieldKind::EnumList,
        FieldKind::Pipeline,
        FieldKind::Stage,
    ];

    /// Whether values are variants of a generated enum (`enum_name` is then required
    /// by [`rust_type`](Self::rust_type)).
    pub fn has_enum(self) -> bool {
        matches!(
            self,
            FieldKind::Enum | FieldKind::EnumList | FieldKind::Pipeline | FieldKind::Stage
        )
    }

    /// The field's Rust type with short paths: `Option<Decimal>`,
    /// `Option<Vec<CarsFeatures>>` (`enum_name` for the enum kinds).
    pub fn rust_type(self, enum_name: Option<&str>) -> String {
        let enum_name = enum_name.unwrap_or("String");
        let inner = match self {
            FieldKind::String => "String".to_owned(),
            FieldKind::Decimal => "Decimal".to_owned(),
            FieldKind::Bool => "bool".to_owned(),
            FieldKind::Date => "Date".to_owned(),
            FieldKind::Timestamp => "Timestamp".to_owned(),
            FieldKind::Enum | FieldKind::Pipeline | FieldKind::Stage => enum_name.to_owned(),
            FieldKind::EnumList => format!("Vec<{enum_name}>"),
        };
        format!("Option<{inner}>")
    }

    /// The token of the compact description ([`super::description`]).
    pub(crate) fn token(self) -> &'static str {
        match self {
            FieldKind::String => "String",
            FieldKind::Decimal => "Decimal",
            FieldKind::Bool => "bool",
            FieldKind::Date => "Date",
            FieldKind::Timestamp => "Timestamp",
            FieldKind::Enum => "Enum",
            FieldKind::EnumList => "EnumList",
            FieldKind::Pipeline => "Pipeline",
            FieldKind::Stage => "Stage",
        }
    }

    /// The kind a description token names.
    pub(crate) fn from_token(token: &str) -> Option<FieldKind> {
        FieldKind::ALL.into_iter().find(|k| k.token() == token)
    }
}

fn known_field_type(field_type: &str) -> bool {
    KNOWN_FIELD_TYPES.contains(&field_type) || field_type.starts_with("calculation_")
}

/// Decide the Rust type of `property` of an object that has pipelines (`has_pipelines`)
/// or not, and the fallback the docs explain, if one was taken.
///
/// With pipelines, the pipeline and stage properties ([`PIPELINE_PROPERTIES`],
/// [`STAGE_PROPERTIES`]) are typed with the object's pipeline and stage enums when
/// HubSpot lists them as `enumeration` (or `string`): real accounts list them with
/// `externalOptions: true` and no options, the Pipelines API being the only source of
/// their values.
pub fn field_kind(property: &Property, has_pipelines: bool) -> (FieldKind, Option<Fallback>) {
    if has_pipelines && matches!(property.r#type.as_str(), "enumeration" | "string") {
        let name = property.name.as_str();
        if PIPELINE_PROPERTIES.contains(&name) {
            return (FieldKind::Pipeline, Some(Fallback::PipelineIds));
        }
        if STAGE_PROPERTIES.contains(&name) {
            return (FieldKind::Stage, Some(Fallback::StageIds));
        }
    }
    let field_type = property.field_type.as_deref();
    if let Some(field_type) = field_type.filter(|f| !known_field_type(f)) {
        return (
            FieldKind::String,
            Some(Fallback::UnknownFieldType(field_type.to_owned())),
        );
    }
    match property.r#type.as_str() {
        "string" | "phone_number" => (FieldKind::String, None),
        other @ ("object_coordinates" | "json") => (
            FieldKind::String,
            Some(Fallback::NoRustType(other.to_owned())),
        ),
        "number" => (FieldKind::Decimal, None),
        "bool" => (FieldKind::Bool, None),
        "date" => (FieldKind::Date, None),
        "datetime" => (FieldKind::Timestamp, None),
        "enumeration" => {
            let has_options = property.options.as_ref().is_some_and(|o| !o.is_empty());
            if property.external_options == Some(true) {
                (FieldKind::String, Some(Fallback::ExternalOptions))
            } else if !has_options {
                (FieldKind::String, Some(Fallback::NoOptions))
            } else if field_type == Some("checkbox") {
                (FieldKind::EnumList, None)
            } else {
                (FieldKind::Enum, None)
            }
        }
        other => (
            FieldKind::String,
            Some(Fallback::UnknownType(other.to_owned())),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::PropertyOption;

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
            ("string", Some("text"), 0, FieldKind::String),
            ("string", Some("html"), 0, FieldKind::String),
            ("phone_number", Some("phonenumber"), 0, FieldKind::String),
            ("number", Some("number"), 0, FieldKind::Decimal),
            (
                "number",
                Some("calculation_equation"),
                0,
                FieldKind::Decimal,
            ),
            ("number", Some("calculation_rollup"), 0, FieldKind::Decimal),
            (
                "datetime",
                Some("calculation_equation"),
                0,
                FieldKind::Timestamp,
            ),
            ("bool", Some("booleancheckbox"), 2, FieldKind::Bool),
            ("date", Some("date"), 0, FieldKind::Date),
            ("datetime", Some("date"), 0, FieldKind::Timestamp),
            ("enumeration", Some("select"), 2, FieldKind::Enum),
            ("enumeration", Some("radio"), 2, FieldKind::Enum),
            ("enumeration", Some("booleancheckbox"), 2, FieldKind::Enum),
            ("enumeration", None, 2, FieldKind::Enum),
            ("enumeration", Some("checkbox"), 2, FieldKind::EnumList),
            ("enumeration", Some("select"), 0, FieldKind::String),
            ("geo_point", Some("text"), 0, FieldKind::String),
            ("number", Some("slider"), 0, FieldKind::String),
            ("string", Some("file"), 0, FieldKind::String),
        ];
        for (ty, field_type, options, expected) in cases {
            assert_eq!(
                field_kind(&property(ty, field_type, options), false).0,
                expected,
                "{ty} {field_type:?}"
            );
        }
    }

    #[test]
    fn fallbacks_say_why() {
        let mut owner = property("enumeration", Some("select"), 2);
        owner.external_options = Some(true);
        assert_eq!(
            field_kind(&owner, false),
            (FieldKind::String, Some(Fallback::ExternalOptions))
        );
        assert_eq!(
            field_kind(&property("geo_point", None, 0), false).1,
            Some(Fallback::UnknownType("geo_point".into()))
        );
        assert_eq!(
            field_kind(&property("json", Some("text"), 0), false).1,
            Some(Fallback::NoRustType("json".into()))
        );
        assert_eq!(
            field_kind(&property("number", Some("slider"), 0), false).1,
            Some(Fallback::UnknownFieldType("slider".into()))
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
            ("pipeline", FieldKind::Pipeline),
            ("hs_pipeline", FieldKind::Pipeline),
            ("dealstage", FieldKind::Stage),
            ("hs_pipeline_stage", FieldKind::Stage),
        ] {
            assert_eq!(field_kind(&named(name, "enumeration"), true).0, expected);
            assert_eq!(field_kind(&named(name, "string"), true).0, expected);
            assert_eq!(
                field_kind(&named(name, "enumeration"), false).0,
                FieldKind::String
            );
            assert_eq!(
                field_kind(&named(name, "number"), true).0,
                FieldKind::Decimal
            );
        }
        assert_eq!(
            field_kind(&named("hs_pipeline_probability", "enumeration"), true).0,
            FieldKind::String
        );
    }

    #[test]
    fn tokens_round_trip_and_rust_types_print_short() {
        for kind in FieldKind::ALL {
            assert_eq!(FieldKind::from_token(kind.token()), Some(kind));
        }
        assert_eq!(FieldKind::Decimal.rust_type(None), "Option<Decimal>");
        assert_eq!(
            FieldKind::EnumList.rust_type(Some("CarsFeatures")),
            "Option<Vec<CarsFeatures>>"
        );
        assert_eq!(
            FieldKind::Stage.rust_type(Some("DealsStage")),
            "Option<DealsStage>"
        );
    }
}
