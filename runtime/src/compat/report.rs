//! The report of comparing compiled types with an account (`Client::verify`): each
//! difference classified by [`super::classify`], named by the generated Rust item,
//! and printed one line each.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::classify::{self, ChangeKind, PropertyChange};
use super::description::{PipelineDescription, PropertyFacts};
use crate::schema::Pipeline;

/// What `Client::verify` found: one entry per object type, each with its differences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    /// The API root of the account that was compared.
    pub base_url: String,
    /// One per verified type, in the order given.
    pub objects: Vec<ObjectReport>,
}

/// The differences of one object type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectReport {
    /// HubSpot's internal name (`cars`).
    pub object: String,
    /// The generated struct (`Cars`).
    pub rust_name: String,
    /// The object type id in the account compared (resolved by name for a custom
    /// object).
    pub object_type_id: String,
    /// The differences, by property name (each property's own order: type, required,
    /// access, archived, then options).
    pub differences: Vec<Difference>,
}

/// One difference between the compiled type and the account, classified as
/// `codegen diff` classifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// What changed.
    pub kind: ChangeKind,
    /// Whether code compiled from the snapshot breaks (decodes fail, writes are
    /// rejected, or regenerating changes what the code uses).
    pub breaking: bool,
    /// The property's HubSpot name.
    pub property: String,
    /// The option's value, for option changes.
    pub option: Option<String>,
    /// As compiled, as text (`number/number`); `None` when the code has nothing.
    pub compiled: Option<String>,
    /// As the account has it; `None` when the account has nothing.
    pub live: Option<String>,
    /// The generated item affected: `Cars::year: Option<Decimal>`, or for an option
    /// the enum (`CarsCondition`); `None` for a property the code does not know.
    pub rust: Option<String>,
}

impl Difference {
    /// One line: what changed, the Rust item, and why it breaks or not.
    pub fn message(&self) -> String {
        let what = match (self.kind, &self.option) {
            (ChangeKind::OptionAdded, Some(option)) => {
                format!("option {option:?} of `{}` added", self.property)
            }
            (ChangeKind::OptionRemoved, Some(option)) => {
                format!("option {option:?} of `{}` removed", self.property)
            }
            (ChangeKind::PipelineAdded | ChangeKind::StageAdded, Some(id)) => format!(
                "{} {id:?} added",
                if self.kind == ChangeKind::StageAdded {
                    "stage"
                } else {
                    "pipeline"
                }
            ),
            (ChangeKind::PipelineRemoved | ChangeKind::StageRemoved, Some(id)) => format!(
                "{} {id:?} removed",
                if self.kind == ChangeKind::StageRemoved {
                    "stage"
                } else {
                    "pipeline"
                }
            ),
            (ChangeKind::PropertyAdded, _) => format!(
                "property `{}` added ({})",
                self.property,
                self.live.as_deref().unwrap_or_default()
            ),
            (ChangeKind::PropertyRemoved, _) => {
                format!("property `{}` removed", self.property)
            }
            _ => format!(
                "property `{}` {}: {} → {}",
                self.property,
                self.kind
                    .as_str()
                    .trim_start_matches("property_")
                    .replace('_', " "),
                self.compiled.as_deref().unwrap_or("-"),
                self.live.as_deref().unwrap_or("-")
            ),
        };
        let rust = self
            .rust
            .as_deref()
            .map(|item| format!(" [{item}]"))
            .unwrap_or_default();
        format!("{what}{rust}: {}", self.kind.reason(self.breaking))
    }
}

impl VerifyReport {
    /// Every difference that breaks the compiled code, with its object.
    pub fn breaking(&self) -> impl Iterator<Item = (&ObjectReport, &Difference)> {
        self.objects
            .iter()
            .flat_map(|o| o.differences.iter().map(move |d| (o, d)))
            .filter(|(_, d)| d.breaking)
    }

    /// Whether nothing breaks (compatible differences may remain).
    pub fn is_compatible(&self) -> bool {
        self.breaking().next().is_none()
    }
}

impl fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let breaking = self.breaking().count();
        let total: usize = self.objects.iter().map(|o| o.differences.len()).sum();
        writeln!(
            f,
            "{} against {}: {breaking} breaking, {} compatible",
            self.objects
                .iter()
                .map(|o| o.rust_name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            self.base_url,
            total - breaking
        )?;
        for object in &self.objects {
            if object.differences.is_empty() {
                writeln!(f, "  {} ({}): matches", object.rust_name, object.object)?;
                continue;
            }
            writeln!(
                f,
                "  {} ({}, {}):",
                object.rust_name, object.object, object.object_type_id
            )?;
            for difference in &object.differences {
                let mark = if difference.breaking {
                    "breaking  "
                } else {
                    "compatible"
                };
                writeln!(f, "    {mark} {}", difference.message())?;
            }
        }
        Ok(())
    }
}

/// The classified differences of compiled properties (`rust_name`'s description) and
/// live ones, by property name. A property archived on one side and absent on the
/// other is no difference.
pub fn differences(
    rust_name: &str,
    compiled: &[PropertyFacts],
    live: &BTreeMap<&str, PropertyFacts>,
) -> Vec<Difference> {
    let compiled: BTreeMap<&str, &PropertyFacts> =
        compiled.iter().map(|c| (c.name.as_str(), c)).collect();
    let names: BTreeSet<&str> = compiled.keys().chain(live.keys()).copied().collect();
    let mut out = Vec::new();
    for name in names {
        let field = |c: &PropertyFacts| format!("{rust_name}::{}: {}", c.field, c.rust_type());
        let push = |out: &mut Vec<Difference>, change: PropertyChange, rust: Option<String>| {
            out.push(Difference {
                kind: change.kind,
                breaking: change.breaking,
                property: name.to_owned(),
                option: change.option,
                compiled: change.old,
                live: change.new,
                rust,
            });
        };
        match (compiled.get(name), live.get(name)) {
            (Some(c), None) if c.archived => {}
            (Some(c), None) => push(&mut out, classify::property_removed(c), Some(field(c))),
            (None, Some(l)) if l.archived => {}
            (None, Some(l)) => push(&mut out, classify::property_added(l), None),
            (Some(c), Some(l)) => {
                for change in classify::compare_property(c, l) {
                    push(&mut out, change, Some(field(c)));
                }
                for change in classify::compare_options(c, l) {
                    let item = c.enum_name.clone().unwrap_or_else(|| field(c));
                    push(&mut out, change, Some(item));
                }
            }
            (None, None) => {}
        }
    }
    out
}

/// The pipeline and stage ids generated code knows (`compiled`) against the account's
/// pipelines (`live`): ids removed (breaking) and added (compatible), named by the
/// enums, under the property that holds them (`pipeline_property`,
/// `stage_property`).
pub fn pipeline_differences(
    compiled: &PipelineDescription,
    (pipeline_property, stage_property): (&str, &str),
    live: &[Pipeline],
) -> Vec<Difference> {
    let live_pipelines: Vec<&str> = live.iter().map(|p| p.id.as_str()).collect();
    let live_stages: Vec<&str> = live
        .iter()
        .flat_map(|p| p.stages.iter().map(|s| s.id.as_str()))
        .collect();
    let as_difference = |property: &str, rust: &str, change: PropertyChange| Difference {
        kind: change.kind,
        breaking: change.breaking,
        property: property.to_owned(),
        option: change.option,
        compiled: change.old,
        live: change.new,
        rust: Some(rust.to_owned()),
    };
    let pipelines = classify::compare_ids(false, compiled.pipelines, &live_pipelines)
        .into_iter()
        .map(|c| as_difference(pipeline_property, compiled.pipeline_enum, c));
    let stages = classify::compare_ids(true, compiled.stages, &live_stages)
        .into_iter()
        .map(|c| as_difference(stage_property, compiled.stage_enum, c));
    pipelines.chain(stages).collect()
}
