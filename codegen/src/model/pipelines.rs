//! The model of an object's pipelines and stages: two open enums over HubSpot's ids
//! (`<Obj>Pipeline`, `<Obj>Stage`) and each stage's pipeline and metadata.
//!
//! # Values and order
//!
//! Values are HubSpot's ids, exactly as records carry them in `pipeline`/`dealstage`
//! or `hs_pipeline`/`hs_pipeline_stage`. `ALL` keeps HubSpot's order: pipelines as
//! the Pipelines API listed them, stages pipeline by pipeline, each pipeline's in its
//! order. A repeated id keeps its first occurrence (HubSpot's stage ids are unique per
//! object).
//!
//! # Variant names (the one place names come from labels)
//!
//! Ids are `default` for an object's first pipeline and opaque or numeric elsewhere
//! (`"93476205"`, a UUID), so names come from labels, through [`crate::ident`]:
//!
//! 1. **Candidate**: the UpperCamelCase of the label (`Closed Won` → `ClosedWon`); for
//!    a label with no letters or digits, the id when it is a word of lowercase letters
//!    and `_` (HubSpot's own ids: `appointmentscheduled`); else a positional
//!    `Pipeline<N>` / `Stage<N>` (1-based, in `ALL`'s order). Numeric and opaque ids
//!    (UUIDs) never become names.
//! 2. **Pipeline order for naming**: the pipeline with id `default` first, then HubSpot's
//!    order. Adding a pipeline later therefore never renames the default pipeline's stages.
//! 3. **Stage labels repeated across pipelines** (every pipeline has its "Closed Won"):
//!    the stages of the first pipeline (in naming order) holding that candidate keep it;
//!    the same candidate in any later pipeline gets that pipeline's variant name as a
//!    prefix (`Renewals` + `ClosedWon` → `RenewalsClosedWon`).
//! 4. **Anything still colliding** (a label repeated inside one pipeline, a prefixed
//!    name meeting another stage's): [`ident::resolve`]'s numeric suffix in naming order.
//!    `Unknown` is reserved for the fallback variant, so a stage labelled "Unknown" is
//!    `Unknown2`.
//!
//! A relabel in HubSpot renames a variant; `codegen diff` reports it.
//!
//! # Metadata
//!
//! HubSpot sends stage metadata as strings: `isClosed` (`"true"`), `probability`
//! (`"0.2"`, deals), `ticketState` (`"OPEN"`, tickets), sometimes `isWon`. A stage is
//! won when `isWon` says so, else when it is closed with probability 1; a closed stage
//! with another probability is lost and an open stage is not won; without `isClosed`
//! it is unknown (`None`).

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use hubspot_runtime::TicketState;
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::schema::{Pipeline, PipelineStage};
use serde_json::Value;

use super::{OptionEnumModel, OptionVariantModel, UNKNOWN_VARIANT, docs, non_empty};
use crate::ident::{self, Case};

/// A pipeline's place in naming order: not `default`, then its index in HubSpot's order.
type Rank = (bool, usize);

/// An object's pipelines and stages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelinesModel {
    /// The open enum of the pipelines (values: pipeline ids).
    pub pipeline_enum: OptionEnumModel,
    /// The open enum of every stage of every pipeline (values: stage ids).
    pub stage_enum: OptionEnumModel,
    /// One per variant of `stage_enum`, in the same order.
    pub stages: Vec<StageModel>,
}

/// One stage's pipeline and metadata, as the generated `StageInfo` carries them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageModel {
    /// The stage id.
    pub id: String,
    /// The id of its pipeline.
    pub pipeline: String,
    /// `metadata.probability`, normalized (`"0.2"`, `"1"`).
    pub probability: Option<String>,
    /// `metadata.isClosed`.
    pub is_closed: Option<bool>,
    /// Won, by the rule in the module docs.
    pub is_won: Option<bool>,
    /// `metadata.ticketState`.
    pub ticket_state: Option<TicketState>,
}

/// Build the pipeline and stage enums of object `object` (struct `struct_name`), named
/// `pipeline_enum` and `stage_enum` by the crate-wide type scope.
pub fn build(
    object: &str,
    struct_name: &str,
    [pipeline_enum, stage_enum]: [&str; 2],
    pipelines: &[Pipeline],
) -> PipelinesModel {
    // First of equal ids kept.
    let mut seen = std::collections::HashSet::new();
    let pipelines: Vec<&Pipeline> = pipelines
        .iter()
        .filter(|p| seen.insert(p.id.as_str()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    // (pipeline index, stage), in HubSpot's order.
    let stages: Vec<(usize, &PipelineStage)> = pipelines
        .iter()
        .enumerate()
        .flat_map(|(index, p)| p.stages.iter().map(move |s| (index, s)))
        .filter(|(_, s)| seen.insert(s.id.as_str()))
        .collect();

    // Naming order: the `default` pipeline first, then HubSpot's order.
    let rank = |index: usize| -> Rank { (pipelines[index].id != "default", index) };

    let pipeline_keys: Vec<(Rank, String)> = pipelines
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let candidate = candidate(p.label.as_deref(), &p.id, "Pipeline", index);
            (rank(index), candidate)
        })
        .collect();
    let pipeline_idents = ident::resolve(&pipeline_keys, &[UNKNOWN_VARIANT], Case::UpperCamel);

    // Rule 3: a candidate met in an earlier pipeline (naming order) gets this
    // pipeline's name as a prefix.
    let bases: Vec<String> = stages
        .iter()
        .enumerate()
        .map(|(position, (_, s))| candidate(s.label.as_deref(), &s.id, "Stage", position))
        .collect();
    let mut first_pipeline: HashMap<&str, Rank> = HashMap::new();
    for ((pipeline, _), base) in stages.iter().zip(&bases) {
        let entry = first_pipeline
            .entry(base.as_str())
            .or_insert(rank(*pipeline));
        *entry = (*entry).min(rank(*pipeline));
    }
    let stage_keys: Vec<((Rank, usize), String)> = stages
        .iter()
        .zip(&bases)
        .enumerate()
        .map(|(position, ((pipeline, _), base))| {
            let name = if first_pipeline[base.as_str()] == rank(*pipeline) {
                base.clone()
            } else {
                format!("{}{base}", pipeline_idents[*pipeline])
            };
            ((rank(*pipeline), position), name)
        })
        .collect();
    let stage_idents = ident::resolve(&stage_keys, &[UNKNOWN_VARIANT], Case::UpperCamel);

    let pipeline_label = |index: usize| -> String {
        let p = pipelines[index];
        non_empty(p.label.as_deref()).unwrap_or(&p.id).to_owned()
    };

    let pipeline_variants = pipelines
        .iter()
        .zip(&pipeline_idents)
        .enumerate()
        .map(|(index, (p, ident))| {
            let label = pipeline_label(index);
            let mut lines = title(&label);
            lines.push(String::new());
            let count = stages.iter().filter(|(i, _)| *i == index).count();
            let mut facts = format!(
                "Pipeline id {}, {count} stage{}.",
                docs::value(&p.id),
                if count == 1 { "" } else { "s" }
            );
            if p.archived == Some(true) {
                facts.push_str(" Archived in HubSpot.");
            }
            lines.push(facts);
            OptionVariantModel {
                ident: ident.clone(),
                value: p.id.clone(),
                label,
                docs: lines,
            }
        })
        .collect();

    let mut stage_variants = Vec::with_capacity(stages.len());
    let mut stage_models = Vec::with_capacity(stages.len());
    for ((pipeline, stage), ident) in stages.iter().zip(stage_idents) {
        let metadata = stage.metadata.clone().unwrap_or_default();
        let probability = decimal(&metadata, "probability");
        let is_closed = boolean(&metadata, "isClosed");
        let is_won = boolean(&metadata, "isWon").or(match (is_closed, probability) {
            (Some(true), Some(p)) => Some(p == Decimal::ONE),
            (Some(false), _) => Some(false),
            _ => None,
        });
        let ticket_state = match metadata.get("ticketState").and_then(Value::as_str) {
            Some(s) if s.eq_ignore_ascii_case("OPEN") => Some(TicketState::Open),
            Some(s) if s.eq_ignore_ascii_case("CLOSED") => Some(TicketState::Closed),
            _ => None,
        };
        let model = StageModel {
            id: stage.id.clone(),
            pipeline: pipelines[*pipeline].id.clone(),
            probability: probability.map(|p| p.normalize().to_string()),
            is_closed,
            is_won,
            ticket_state,
        };
        let label = non_empty(stage.label.as_deref())
            .unwrap_or(&stage.id)
            .to_owned();
        let mut lines = title(&label);
        lines.push(String::new());
        let of = &pipelines[*pipeline];
        lines.push(match non_empty(of.label.as_deref()) {
            Some(label) => format!(
                "Stage id {} of pipeline {} ({}).",
                docs::value(&stage.id),
                docs::inline(label),
                docs::value(&of.id)
            ),
            None => format!(
                "Stage id {} of pipeline {}.",
                docs::value(&stage.id),
                docs::value(&of.id)
            ),
        });
        let mut facts = Vec::new();
        if let Some(p) = &model.probability {
            facts.push(format!("Probability {p}."));
        }
        match (model.is_closed, model.is_won) {
            (Some(true), Some(true)) => facts.push("Closed, won.".to_owned()),
            (Some(true), Some(false)) => facts.push("Closed, lost.".to_owned()),
            (Some(true), None) => facts.push("Closed.".to_owned()),
            (Some(false), _) => facts.push("Open.".to_owned()),
            (None, _) => {}
        }
        if let Some(state) = model.ticket_state {
            facts.push(format!("Ticket state `{}`.", state.as_str()));
        }
        if stage.archived == Some(true) {
            facts.push("Archived in HubSpot.".to_owned());
        }
        if !facts.is_empty() {
            lines.push(facts.join(" "));
        }
        stage_variants.push(OptionVariantModel {
            ident,
            value: stage.id.clone(),
            label,
            docs: lines,
        });
        stage_models.push(model);
    }

    let code_object = docs::code(object);
    let pipeline_docs = vec![
        format!("The pipelines of {code_object} (see [`{struct_name}`]), by HubSpot id."),
        String::new(),
        "Open: pipelines added in HubSpot after generation read as `Unknown`. `ALL` lists"
            .to_owned(),
        "them in HubSpot's order; `stages()` gives a pipeline's stages. Variant names come"
            .to_owned(),
        format!("from labels (ids are opaque), so a relabel renames one; see [`{stage_enum}`]."),
        String::new(),
        "The ids are the snapshot account's; another account's own pipelines have other ids."
            .to_owned(),
    ];
    let stage_docs = vec![
        format!(
            "The stages of every pipeline of {code_object} (see [`{pipeline_enum}`]), by HubSpot id."
        ),
        String::new(),
        "Open: stages added in HubSpot after generation read as `Unknown`. `ALL` lists them"
            .to_owned(),
        "pipeline by pipeline in HubSpot's order. Each stage knows its `pipeline()` and its"
            .to_owned(),
        "metadata: `probability()`, `is_closed()`, `is_won()`, `ticket_state()`.".to_owned(),
        String::new(),
        "Names come from labels, because stage ids are opaque or numeric: the stages of the"
            .to_owned(),
        "`default` pipeline (else the first) keep their label's name; a label repeated in a"
            .to_owned(),
        "later pipeline gets that pipeline's name as a prefix (`RenewalsClosedWon`); a label"
            .to_owned(),
        "without letters or digits gives HubSpot's word id or a positional `Stage<N>`; other"
            .to_owned(),
        "clashes get a number. The ids are the snapshot account's.".to_owned(),
    ];
    PipelinesModel {
        pipeline_enum: OptionEnumModel {
            name: pipeline_enum.to_owned(),
            docs: pipeline_docs,
            variants: pipeline_variants,
        },
        stage_enum: OptionEnumModel {
            name: stage_enum.to_owned(),
            docs: stage_docs,
            variants: stage_variants,
        },
        stages: stage_models,
    }
}

/// A variant candidate (rule 1 of the module docs).
fn candidate(label: Option<&str>, id: &str, kind: &str, position: usize) -> String {
    let word = !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    match label.filter(|l| ident::has_word_chars(l)) {
        Some(label) => ident::type_name(label),
        None if word && ident::has_word_chars(id) => ident::type_name(id),
        None => format!("{kind}{}", position + 1),
    }
}

/// Doc lines for a label, never empty.
fn title(label: &str) -> Vec<String> {
    let mut lines = docs::prose(label);
    if lines.is_empty() {
        lines.push("(no label)".to_owned());
    }
    lines
}

/// A metadata flag: a JSON bool or HubSpot's `"true"`/`"false"` string.
fn boolean(metadata: &BTreeMap<String, Value>, key: &str) -> Option<bool> {
    match metadata.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A metadata number: a JSON number or a decimal string (`"0.2"`, `"1.0"`).
fn decimal(metadata: &BTreeMap<String, Value>, key: &str) -> Option<Decimal> {
    let text = match metadata.get(key)? {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(id: &str, label: &str, metadata: &[(&str, &str)]) -> PipelineStage {
        PipelineStage {
            id: id.into(),
            label: Some(label.into()),
            metadata: Some(
                metadata
                    .iter()
                    .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
                    .collect(),
            ),
            ..Default::default()
        }
    }

    fn pipeline(id: &str, label: &str, stages: Vec<PipelineStage>) -> Pipeline {
        Pipeline {
            id: id.into(),
            label: Some(label.into()),
            stages,
            ..Default::default()
        }
    }

    fn names(model: &OptionEnumModel) -> Vec<(&str, &str)> {
        model
            .variants
            .iter()
            .map(|v| (v.ident.as_str(), v.value.as_str()))
            .collect()
    }

    fn deals() -> Vec<Pipeline> {
        vec![
            pipeline(
                "default",
                "Sales Pipeline",
                vec![
                    stage(
                        "appointmentscheduled",
                        "Appointment Scheduled",
                        &[("isClosed", "false"), ("probability", "0.2")],
                    ),
                    stage(
                        "closedwon",
                        "Closed Won",
                        &[("isClosed", "true"), ("probability", "1.0")],
                    ),
                    stage(
                        "closedlost",
                        "Closed Lost",
                        &[("isClosed", "true"), ("probability", "0.0")],
                    ),
                ],
            ),
            pipeline(
                "2834565",
                "Renewals",
                vec![
                    stage(
                        "93476205",
                        "Renewal Due",
                        &[("isClosed", "false"), ("probability", "0.5")],
                    ),
                    stage(
                        "93476206",
                        "Closed Won",
                        &[("isClosed", "true"), ("probability", "1")],
                    ),
                ],
            ),
        ]
    }

    #[test]
    fn repeated_labels_get_the_later_pipelines_name_numeric_ids_never_names() {
        let model = build("deals", "Deals", ["DealsPipeline", "DealsStage"], &deals());
        assert_eq!(
            names(&model.pipeline_enum),
            [("SalesPipeline", "default"), ("Renewals", "2834565")]
        );
        assert_eq!(
            names(&model.stage_enum),
            [
                ("AppointmentScheduled", "appointmentscheduled"),
                ("ClosedWon", "closedwon"),
                ("ClosedLost", "closedlost"),
                ("RenewalDue", "93476205"),
                ("RenewalsClosedWon", "93476206"),
            ]
        );
        let won = &model.stages[4];
        assert_eq!(won.pipeline, "2834565");
        assert_eq!(won.probability.as_deref(), Some("1"));
        assert_eq!((won.is_closed, won.is_won), (Some(true), Some(true)));
        let lost = &model.stages[2];
        assert_eq!(lost.probability.as_deref(), Some("0"));
        assert_eq!((lost.is_closed, lost.is_won), (Some(true), Some(false)));
        let open = &model.stages[0];
        assert_eq!((open.is_closed, open.is_won), (Some(false), Some(false)));
        assert_eq!(open.probability.as_deref(), Some("0.2"));
    }

    #[test]
    fn the_default_pipeline_keeps_bare_names_wherever_it_is_listed() {
        let mut pipelines = deals();
        pipelines.reverse();
        let model = build(
            "deals",
            "Deals",
            ["DealsPipeline", "DealsStage"],
            &pipelines,
        );
        // ALL keeps HubSpot's order; names do not depend on it.
        assert_eq!(
            names(&model.stage_enum),
            [
                ("RenewalDue", "93476205"),
                ("RenewalsClosedWon", "93476206"),
                ("AppointmentScheduled", "appointmentscheduled"),
                ("ClosedWon", "closedwon"),
                ("ClosedLost", "closedlost"),
            ]
        );
    }

    #[test]
    fn empty_labels_numeric_ids_unknown_and_repeats_inside_one_pipeline() {
        let pipelines = vec![pipeline(
            "75e28846-ad0d-4be2-a027-5e1da6590b98",
            "",
            vec![
                stage("1", "", &[("ticketState", "OPEN")]),
                stage("waiting_on_us", " ", &[("ticketState", "OPEN")]),
                stage("3", "Unknown", &[]),
                stage(
                    "4",
                    "Done",
                    &[("ticketState", "CLOSED"), ("isClosed", "true")],
                ),
                stage("5", "Done", &[("isWon", "true")]),
                stage("5", "Repeated id", &[]),
            ],
        )];
        let model = build(
            "tickets",
            "Tickets",
            ["TicketsPipeline", "TicketsStage"],
            &pipelines,
        );
        // An opaque id never names a variant.
        assert_eq!(
            names(&model.pipeline_enum),
            [("Pipeline1", "75e28846-ad0d-4be2-a027-5e1da6590b98")]
        );
        assert_eq!(
            names(&model.stage_enum),
            [
                ("Stage1", "1"),
                ("WaitingOnUs", "waiting_on_us"),
                ("Unknown2", "3"),
                ("Done", "4"),
                ("Done2", "5"),
            ]
        );
        assert_eq!(model.stages[0].ticket_state, Some(TicketState::Open));
        assert_eq!(model.stages[3].ticket_state, Some(TicketState::Closed));
        // Closed without a probability: won is unknown; `isWon` decides where sent.
        assert_eq!(model.stages[3].is_won, None);
        assert_eq!(model.stages[4].is_won, Some(true));
        assert_eq!(model.stages[2].is_closed, None);
    }

    #[test]
    fn all_numeric_pipeline_ids_without_labels_are_positional() {
        let pipelines = vec![
            pipeline("111", "", vec![stage("7", "", &[])]),
            pipeline("222", "", vec![stage("8", "", &[])]),
        ];
        let model = build("x", "X", ["XPipeline", "XStage"], &pipelines);
        assert_eq!(
            names(&model.pipeline_enum),
            [("Pipeline1", "111"), ("Pipeline2", "222")]
        );
        assert_eq!(names(&model.stage_enum), [("Stage1", "7"), ("Stage2", "8")]);
    }

    #[test]
    fn the_crate_model_types_the_pipeline_properties_and_names_the_enums_crate_wide() {
        use crate::model::FieldType;
        use hubspot_runtime::schema::{ObjectSchema, Property, PropertyOption};

        let property = |name: &str, options: &[&str]| Property {
            name: name.into(),
            r#type: "enumeration".into(),
            field_type: Some("select".into()),
            external_options: Some(options.is_empty()),
            options: Some(
                options
                    .iter()
                    .map(|v| PropertyOption {
                        value: v.to_string(),
                        ..Default::default()
                    })
                    .collect(),
            ),
            ..Default::default()
        };
        let deals = ObjectSchema {
            name: "deals".into(),
            object_type_id: Some("0-3".into()),
            properties: Some(vec![
                property("dealstage", &[]),
                property("pipeline", &[]),
                // An option enum that takes the stage enum's candidate name first.
                property("stage", &["a"]),
            ]),
            pipelines: Some(deals()),
            ..Default::default()
        };
        let model = crate::model::build(&[deals], &[], "s.json").unwrap();
        let object = &model.objects[0];
        let pipelines = object.pipelines.as_ref().unwrap();
        assert_eq!(pipelines.pipeline_enum.name, "DealsPipeline");
        assert_eq!(pipelines.stage_enum.name, "DealsStage2");
        let field = |name: &str| {
            object
                .fields
                .iter()
                .find(|f| f.hubspot_name == name)
                .unwrap()
        };
        assert_eq!(field("dealstage").ty, FieldType::Stage);
        assert_eq!(
            field("dealstage").option_enum.as_deref(),
            Some("DealsStage2")
        );
        assert_eq!(field("pipeline").ty, FieldType::Pipeline);
        assert_eq!(
            field("pipeline").option_enum.as_deref(),
            Some("DealsPipeline")
        );
        assert_eq!(field("stage").option_enum.as_deref(), Some("DealsStage"));
        assert!(!field("dealstage").read_only);
        // Re-exported with the object's other types.
        let names = object.type_names();
        assert!(names.contains(&"DealsPipeline") && names.contains(&"DealsStage2"));
        // No option enum is made for the pipeline properties themselves.
        let enums: Vec<&str> = object
            .option_enums
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(enums, ["DealsStage"]);
    }
}
