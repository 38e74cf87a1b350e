//! The compact description of an object that generated code carries
//! (`CrmObject::DESCRIPTION`) and `Client::verify` compares with the live account:
//! per property its HubSpot type and field type, Rust field and type, required,
//! read-only and archived, and the option values of its enum.
//!
//! # Format
//!
//! One line per property, words separated by one space (HubSpot's names, types and
//! field types hold none; whitespace in a hostile snapshot is written as `_`):
//!
//! ```text
//! <name> <rust field> <type>[/<fieldType>] <kind>[:<enum>] [flags…]
//! year year number/number Decimal required
//! features features enumeration/checkbox EnumList:CarsFeatures
//! hs_createdate hs_createdate datetime/date Timestamp read-only=hubspot
//! ```
//!
//! `kind` is a [`FieldKind`] (`String`, `Decimal`, `bool`, `Date`, `Timestamp`, `Enum`,
//! `EnumList`, `Pipeline`, `Stage`); the flags are `required`, `read-only=<reason>`
//! (`calculated`, `read_only_value`, `calculation`, `hubspot`), `archived`, and for
//! enumerations `external` (`externalOptions`) or `no-options`. Option values are not
//! in the text: [`ObjectDescription::options`] points at the option enums' `VALUES`,
//! which the generated code has anyway; so do the pipeline and stage ids
//! ([`PipelineDescription`]). A single string literal per object costs the
//! compiler next to nothing, where a table of struct literals would not.

use super::field_kind::{FieldKind, field_kind};
use super::read_only::{ReadOnly, read_only};
use crate::schema::Property;

/// What generated code knows of one object, for `Client::verify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectDescription {
    /// The generated struct (`Cars`).
    pub rust_name: &'static str,
    /// One line per property, in the format of the module docs.
    pub properties: &'static str,
    /// For each property typed with an option enum: its name and the enum's `VALUES`.
    pub options: &'static [(&'static str, &'static [&'static str])],
    /// The pipeline and stage ids, for an object generated with pipelines.
    pub pipelines: Option<PipelineDescription>,
}

/// The ids of an object's pipelines and stages as generated: the pipeline and stage
/// enums and their `VALUES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PipelineDescription {
    /// The pipeline enum (`DealsPipeline`).
    pub pipeline_enum: &'static str,
    /// Its values: the pipeline ids.
    pub pipelines: &'static [&'static str],
    /// The stage enum (`DealsStage`).
    pub stage_enum: &'static str,
    /// Its values: the stage ids of every pipeline.
    pub stages: &'static [&'static str],
}

impl ObjectDescription {
    /// No description: code generated before descriptions existed, or a hand-written
    /// `CrmObject`. `verify` refuses it.
    pub const NONE: ObjectDescription = ObjectDescription {
        rust_name: "",
        properties: "",
        options: &[],
        pipelines: None,
    };

    /// Whether this is [`NONE`](Self::NONE).
    pub fn is_none(&self) -> bool {
        self.rust_name.is_empty()
    }

    /// The properties, parsed. An error names the line that is not in the format
    /// (generated code always is; a hand-written description may not be).
    pub fn properties(&self) -> Result<Vec<PropertyFacts>, String> {
        let mut facts = Vec::new();
        for (number, line) in self.properties.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let mut property = PropertyFacts::parse_line(line).map_err(|why| {
                format!(
                    "line {} of {}'s description ({line:?}): {why}",
                    number + 1,
                    self.rust_name
                )
            })?;
            property.options = self
                .options_of(&property.name)
                .unwrap_or_default()
                .iter()
                .map(|v| (*v).to_owned())
                .collect();
            facts.push(property);
        }
        Ok(facts)
    }

    /// The option values of `property`'s enum, when it has one.
    pub fn options_of(&self, property: &str) -> Option<&'static [&'static str]> {
        self.options
            .iter()
            .find(|(name, _)| *name == property)
            .map(|(_, values)| *values)
    }
}

/// What decides compatibility of one property: from a live [`Property`]
/// ([`PropertyFacts::of`]), from generated code's description, or from a snapshot and
/// its model (`codegen diff`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyFacts {
    /// HubSpot's internal name.
    pub name: String,
    /// The generated field (`year`, `r#type`); empty for a live property.
    pub field: String,
    /// HubSpot's `type`.
    pub hubspot_type: String,
    /// HubSpot's `fieldType`, when it has one.
    pub field_type: Option<String>,
    /// The Rust type's kind.
    pub kind: FieldKind,
    /// The enum of the enum kinds (`CarsCondition`), when known.
    pub enum_name: Option<String>,
    /// `externalOptions: true`.
    pub external_options: bool,
    /// Whether the property lists any option.
    pub has_options: bool,
    /// The option values (for the enum kinds), in HubSpot's order.
    pub options: Vec<String>,
    /// Required on create.
    pub required: bool,
    /// Read-only, and why.
    pub read_only: Option<ReadOnly>,
    /// Archived.
    pub archived: bool,
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// A word of the line format: whitespace becomes `_`.
fn word(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

impl PropertyFacts {
    /// The facts of `property` as HubSpot lists it, on an object with pipelines
    /// (`has_pipelines`) or not, `required` on create or not.
    pub fn of(property: &Property, has_pipelines: bool, required: bool) -> PropertyFacts {
        let (kind, _) = field_kind(property, has_pipelines);
        let mut seen = std::collections::BTreeSet::new();
        let options: Vec<String> = if matches!(kind, FieldKind::Enum | FieldKind::EnumList) {
            property
                .options
                .iter()
                .flatten()
                .filter(|o| seen.insert(o.value.as_str()))
                .map(|o| o.value.clone())
                .collect()
        } else {
            Vec::new()
        };
        PropertyFacts {
            name: property.name.clone(),
            field: String::new(),
            hubspot_type: property.r#type.clone(),
            field_type: non_empty(property.field_type.as_deref()).map(str::to_owned),
            kind,
            enum_name: None,
            external_options: property.external_options == Some(true),
            has_options: property.options.as_ref().is_some_and(|o| !o.is_empty()),
            options,
            required,
            read_only: read_only(property),
            archived: property.archived == Some(true),
        }
    }

    /// `type/fieldType`, noting what else decides an enumeration's Rust type:
    /// `enumeration/select (external options)`.
    pub fn type_description(&self) -> String {
        let mut text = self.hubspot_type.clone();
        if let Some(field_type) = &self.field_type {
            text.push('/');
            text.push_str(field_type);
        }
        if self.hubspot_type == "enumeration" {
            if self.external_options {
                text.push_str(" (external options)");
            } else if !self.has_options {
                text.push_str(" (no options)");
            }
        }
        text
    }

    /// `writable` or the read-only reason (`read-only (calculated)`).
    pub fn access(&self) -> &'static str {
        self.read_only.map_or("writable", ReadOnly::describe)
    }

    /// The field's Rust type with short paths (`Option<Vec<CarsFeatures>>`).
    pub fn rust_type(&self) -> String {
        self.kind.rust_type(self.enum_name.as_deref())
    }

    /// The description line (module docs).
    pub fn to_line(&self) -> String {
        let mut line = format!(
            "{} {} {}",
            word(&self.name),
            word(&self.field),
            word(&self.hubspot_type)
        );
        if let Some(field_type) = &self.field_type {
            line.push('/');
            line.push_str(&word(field_type));
        }
        line.push(' ');
        line.push_str(self.kind.token());
        if let Some(enum_name) = &self.enum_name {
            line.push(':');
            line.push_str(enum_name);
        }
        if self.hubspot_type == "enumeration" {
            if self.external_options {
                line.push_str(" external");
            } else if !self.has_options {
                line.push_str(" no-options");
            }
        }
        if self.required {
            line.push_str(" required");
        }
        if let Some(reason) = self.read_only {
            line.push_str(" read-only=");
            line.push_str(reason.token());
        }
        if self.archived {
            line.push_str(" archived");
        }
        line
    }

    /// Read a description line; the error says which word is wrong.
    pub fn parse_line(line: &str) -> Result<PropertyFacts, String> {
        let mut words = line.split(' ');
        let mut next = |what: &str| {
            words
                .next()
                .filter(|w| !w.is_empty())
                .ok_or_else(|| format!("the {what} is missing"))
        };
        let name = next("property name")?.to_owned();
        let field = next("Rust field")?.to_owned();
        let type_word = next("HubSpot type")?;
        let (hubspot_type, field_type) = match type_word.split_once('/') {
            Some((ty, field_type)) => (ty.to_owned(), Some(field_type.to_owned())),
            None => (type_word.to_owned(), None),
        };
        let kind_word = next("Rust kind")?;
        let (kind_token, enum_name) = match kind_word.split_once(':') {
            Some((kind, enum_name)) => (kind, Some(enum_name.to_owned())),
            None => (kind_word, None),
        };
        let kind = FieldKind::from_token(kind_token)
            .ok_or_else(|| format!("`{kind_token}` is not a Rust kind"))?;
        let mut facts = PropertyFacts {
            name,
            field,
            hubspot_type,
            field_type,
            kind,
            enum_name,
            external_options: false,
            has_options: true,
            options: Vec::new(),
            required: false,
            read_only: None,
            archived: false,
        };
        for flag in words {
            match flag {
                "external" => facts.external_options = true,
                "no-options" => facts.has_options = false,
                "required" => facts.required = true,
                "archived" => facts.archived = true,
                _ => match flag.strip_prefix("read-only=").map(ReadOnly::from_token) {
                    Some(Some(reason)) => facts.read_only = Some(reason),
                    _ => return Err(format!("`{flag}` is not a flag")),
                },
            }
        }
        if facts.hubspot_type != "enumeration" {
            facts.has_options = false;
        }
        Ok(facts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{PropertyModificationMetadata, PropertyOption};

    fn option(value: &str) -> PropertyOption {
        PropertyOption {
            value: value.into(),
            label: Some(value.to_uppercase()),
            ..Default::default()
        }
    }

    #[test]
    fn lines_round_trip() {
        let mut features = Property {
            name: "features".into(),
            r#type: "enumeration".into(),
            field_type: Some("checkbox".into()),
            options: Some(vec![option("gps"), option("sunroof"), option("gps")]),
            ..Default::default()
        };
        let mut facts = PropertyFacts::of(&features, false, true);
        assert_eq!(facts.options, ["gps", "sunroof"]);
        facts.field = "features".into();
        facts.enum_name = Some("CarsFeatures".into());
        let line = facts.to_line();
        assert_eq!(
            line,
            "features features enumeration/checkbox EnumList:CarsFeatures required"
        );
        let parsed = PropertyFacts::parse_line(&line).unwrap();
        assert_eq!(
            parsed,
            PropertyFacts {
                options: Vec::new(),
                ..facts.clone()
            }
        );
        assert_eq!(parsed.rust_type(), "Option<Vec<CarsFeatures>>");

        features.external_options = Some(true);
        features.archived = Some(true);
        features.modification_metadata = Some(PropertyModificationMetadata {
            read_only_value: Some(true),
            ..Default::default()
        });
        let mut facts = PropertyFacts::of(&features, false, false);
        facts.field = "features".into();
        assert_eq!(
            facts.to_line(),
            "features features enumeration/checkbox String external \
             read-only=read_only_value archived"
        );
        assert_eq!(
            facts.type_description(),
            "enumeration/checkbox (external options)"
        );
        assert_eq!(facts.access(), "read-only (readOnlyValue)");
        assert_eq!(
            PropertyFacts::parse_line(&facts.to_line()).unwrap(),
            PropertyFacts {
                options: Vec::new(),
                ..facts
            }
        );
    }

    #[test]
    fn bad_lines_say_which_word() {
        assert_eq!(
            PropertyFacts::parse_line("year year number/number Float").unwrap_err(),
            "`Float` is not a Rust kind"
        );
        assert_eq!(
            PropertyFacts::parse_line("year year").unwrap_err(),
            "the HubSpot type is missing"
        );
        assert_eq!(
            PropertyFacts::parse_line("year year number Decimal wobbly").unwrap_err(),
            "`wobbly` is not a flag"
        );
        let description = ObjectDescription {
            rust_name: "Cars",
            properties: "year year number/number Decimal\nmake make string/text Text\n",
            options: &[],
            pipelines: None,
        };
        assert_eq!(
            description.properties().unwrap_err(),
            "line 2 of Cars's description (\"make make string/text Text\"): `Text` is not a \
             Rust kind"
        );
    }

    #[test]
    fn options_come_from_the_enum_values() {
        const VALUES: &[&str] = &["new", "used"];
        let description = ObjectDescription {
            rust_name: "Cars",
            properties: "condition condition enumeration/select Enum:CarsCondition\n",
            options: &[("condition", VALUES)],
            pipelines: None,
        };
        let facts = description.properties().unwrap();
        assert_eq!(facts[0].options, ["new", "used"]);
        assert_eq!(facts[0].rust_type(), "Option<CarsCondition>");
        assert!(ObjectDescription::NONE.is_none());
    }
}
