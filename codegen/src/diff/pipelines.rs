//! The pipeline and stage part of the comparison: pipelines and stages matched by id,
//! and a removed one whose label reappears under a new id reported as one id change
//! (another account, or a pipeline recreated). Rust items are the variants of the
//! object's pipeline and stage enums, from [`crate::model::pipelines`].
//!
//! Pipeline and stage ids are values inside records (`dealstage`, `hs_pipeline_stage`),
//! not keys of a request path, so unlike object and association type ids the client
//! cannot resolve them by name at run time: an id change breaks code generated before
//! it (records carry the new id, read as `Unknown`), also between two accounts.

use std::collections::BTreeSet;

use hubspot_runtime::schema::{ObjectSchema, Pipeline, PipelineStage};

use super::engine::base;
use super::{Change, ChangeKind, RustItem};
use crate::model::ObjectModel;
use crate::model::pipelines::{PipelinesModel, StageModel};

/// The pipeline and stage changes of one object present on both sides.
pub(super) fn compare(
    object: &str,
    (os, om): (&ObjectSchema, &ObjectModel),
    (ns, nm): (&ObjectSchema, &ObjectModel),
) -> Vec<Change> {
    let mut out = Vec::new();
    let (old, new) = (pipelines(os), pipelines(ns));
    let pairs = pair(&old, &new, |p| p.id.as_str(), |p| p.label.as_deref());
    for (o, n) in pairs {
        match (o, n) {
            (Some(o), None) => out.push(Change {
                option: Some(o.id.clone()),
                old: Some(label(o.label.as_deref(), &o.id)),
                rust: RustItem {
                    old: pipeline_item(om, &o.id),
                    new: None,
                },
                ..base(ChangeKind::PipelineRemoved, true, object)
            }),
            (None, Some(n)) => out.push(Change {
                option: Some(n.id.clone()),
                new: Some(label(n.label.as_deref(), &n.id)),
                rust: RustItem {
                    old: None,
                    new: pipeline_item(nm, &n.id),
                },
                ..base(ChangeKind::PipelineAdded, false, object)
            }),
            (Some(o), Some(n)) => {
                let rust = RustItem {
                    old: pipeline_item(om, &o.id),
                    new: pipeline_item(nm, &n.id),
                };
                let change = |kind, breaking| Change {
                    option: Some(o.id.clone()),
                    rust: rust.clone(),
                    ..base(kind, breaking, object)
                };
                if o.id != n.id {
                    out.push(Change {
                        old: Some(o.id.clone()),
                        new: Some(n.id.clone()),
                        ..change(ChangeKind::PipelineIdChanged, true)
                    });
                }
                let (ol, nl) = (
                    label(o.label.as_deref(), &o.id),
                    label(n.label.as_deref(), &n.id),
                );
                if o.id == n.id && ol != nl {
                    out.push(Change {
                        old: Some(ol),
                        new: Some(nl),
                        ..change(ChangeKind::PipelineLabelChanged, false)
                    });
                }
                push_renamed(&mut out, change(ChangeKind::RustNameChanged, true), &rust);
                stages(object, (o, om), (n, nm), &mut out);
            }
            (None, None) => {}
        }
    }
    out
}

fn stages(
    object: &str,
    (op, om): (&Pipeline, &ObjectModel),
    (np, nm): (&Pipeline, &ObjectModel),
    out: &mut Vec<Change>,
) {
    let of_pipeline = |p: &Pipeline, s: &PipelineStage| {
        format!(
            "{} (pipeline {})",
            label(s.label.as_deref(), &s.id),
            label(p.label.as_deref(), &p.id)
        )
    };
    let (old, new): (Vec<&PipelineStage>, Vec<&PipelineStage>) =
        (op.stages.iter().collect(), np.stages.iter().collect());
    let pairs = pair(&old, &new, |s| s.id.as_str(), |s| s.label.as_deref());
    for (o, n) in pairs {
        match (o, n) {
            (Some(o), None) => out.push(Change {
                option: Some(o.id.clone()),
                old: Some(of_pipeline(op, o)),
                rust: RustItem {
                    old: stage_item(om, &o.id),
                    new: None,
                },
                ..base(ChangeKind::StageRemoved, true, object)
            }),
            (None, Some(n)) => out.push(Change {
                option: Some(n.id.clone()),
                new: Some(of_pipeline(np, n)),
                rust: RustItem {
                    old: None,
                    new: stage_item(nm, &n.id),
                },
                ..base(ChangeKind::StageAdded, false, object)
            }),
            (Some(o), Some(n)) => {
                let rust = RustItem {
                    old: stage_item(om, &o.id),
                    new: stage_item(nm, &n.id),
                };
                let change = |kind, breaking| Change {
                    option: Some(o.id.clone()),
                    rust: rust.clone(),
                    ..base(kind, breaking, object)
                };
                if o.id != n.id {
                    out.push(Change {
                        old: Some(o.id.clone()),
                        new: Some(n.id.clone()),
                        ..change(ChangeKind::StageIdChanged, true)
                    });
                }
                let (ol, nl) = (
                    label(o.label.as_deref(), &o.id),
                    label(n.label.as_deref(), &n.id),
                );
                if o.id == n.id && ol != nl {
                    out.push(Change {
                        old: Some(ol),
                        new: Some(nl),
                        ..change(ChangeKind::StageLabelChanged, false)
                    });
                }
                let (oi, ni) = (stage_info(om, &o.id), stage_info(nm, &n.id));
                if oi != ni {
                    out.push(Change {
                        old: oi,
                        new: ni,
                        ..change(ChangeKind::StageMetadataChanged, false)
                    });
                }
                push_renamed(out, change(ChangeKind::RustNameChanged, true), &rust);
            }
            (None, None) => {}
        }
    }
}

/// A variant renamed (a relabel, a collision suffix moved): breaking.
fn push_renamed(out: &mut Vec<Change>, change: Change, rust: &RustItem) {
    let ident = |item: &Option<String>| {
        item.as_deref()
            .and_then(|i| i.rsplit_once("::"))
            .map(|(_, ident)| ident.to_owned())
    };
    let (old, new) = (ident(&rust.old), ident(&rust.new));
    if old.is_some() && new.is_some() && old != new {
        out.push(Change { old, new, ..change });
    }
}

/// The object's pipelines, first of duplicate ids kept (as the model keeps them).
fn pipelines(schema: &ObjectSchema) -> Vec<&Pipeline> {
    let mut seen = BTreeSet::new();
    schema
        .pipelines
        .iter()
        .flatten()
        .filter(|p| seen.insert(p.id.as_str()))
        .collect()
}

/// Old and new items paired: by id, then a removed item with a new one of the same
/// non-empty label. Old order first (removed and changed), then the added ones.
fn pair<'a, T>(
    old: &[&'a T],
    new: &[&'a T],
    id: impl Fn(&T) -> &str,
    label: impl Fn(&T) -> Option<&str>,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let in_old = |wanted: &str| old.iter().any(|o| id(o) == wanted);
    let mut taken: BTreeSet<&str> = BTreeSet::new();
    let mut pairs = Vec::new();
    for &o in old {
        let partner = new.iter().copied().find(|n| id(n) == id(o)).or_else(|| {
            let wanted = label(o).map(str::trim).filter(|l| !l.is_empty())?;
            new.iter().copied().find(|n| {
                !in_old(id(n)) && !taken.contains(id(n)) && label(n).map(str::trim) == Some(wanted)
            })
        });
        if let Some(n) = partner {
            taken.insert(id(n));
        }
        pairs.push((Some(o), partner));
    }
    for &n in new {
        if !taken.contains(id(n)) && !in_old(id(n)) {
            pairs.push((None, Some(n)));
        }
    }
    pairs
}

fn label(label: Option<&str>, id: &str) -> String {
    label
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .unwrap_or(id)
        .to_owned()
}

fn variant(model: Option<&PipelinesModel>, stage: bool, id: &str) -> Option<String> {
    let model = model?;
    let option_enum = if stage {
        &model.stage_enum
    } else {
        &model.pipeline_enum
    };
    let variant = option_enum.variants.iter().find(|v| v.value == id)?;
    Some(format!("{}::{}", option_enum.name, variant.ident))
}

fn pipeline_item(object: &ObjectModel, id: &str) -> Option<String> {
    variant(object.pipelines.as_ref(), false, id)
}

fn stage_item(object: &ObjectModel, id: &str) -> Option<String> {
    variant(object.pipelines.as_ref(), true, id)
}

/// The stage's `StageInfo` as text: `probability 0.2, open`.
fn stage_info(object: &ObjectModel, id: &str) -> Option<String> {
    let model = object.pipelines.as_ref()?;
    let stage: &StageModel = model.stages.iter().find(|s| s.id == id)?;
    let mut parts = Vec::new();
    if let Some(probability) = &stage.probability {
        parts.push(format!("probability {probability}"));
    }
    match stage.is_closed {
        Some(true) => parts.push("closed".to_owned()),
        Some(false) => parts.push("open".to_owned()),
        None => {}
    }
    match stage.is_won {
        Some(true) => parts.push("won".to_owned()),
        Some(false) if stage.is_closed == Some(true) => parts.push("lost".to_owned()),
        _ => {}
    }
    if let Some(state) = stage.ticket_state {
        parts.push(format!("ticket state {state:?}"));
    }
    Some(parts.join(", "))
}
