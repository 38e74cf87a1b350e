//! What changed between two snapshots, and whether it breaks code generated from the
//! older one (`codegen diff`, and `codegen check`'s summary).
//!
//! [`diff`] compares by meaning, never by bytes: objects are matched by `name`,
//! properties by `name`, options by `value`, associations by `id`; order and formatting
//! do not matter. Both sides go through [`crate::model::build`], so every Rust name and
//! type a change reports is exactly what the generator prints.
//!
//! # Classification
//!
//! A change is **breaking** when code generated from the old snapshot would stop
//! compiling after regeneration, stop decoding values HubSpot now sends, or have its
//! writes rejected:
//!
//! - an object, property or association removed; an object's type id changed;
//! - a property's `type`, `fieldType`, options or `externalOptions` changed so that its
//!   Rust type changes (`Cars::year: Option<Decimal>` → `Option<String>`);
//! - an option removed, or its value changed (an option that disappeared while one with
//!   the same label appeared is reported as one value change);
//! - a property newly required (including a new property that is required), newly
//!   read-only (`calculated`, or `modificationMetadata.readOnlyValue`), or newly
//!   `archived`: the generator keeps an archived property's field (documented as
//!   archived), but HubSpot no longer accepts writes of it, so code writing it fails;
//! - a generated Rust name changed (a collision suffix moved, an association renamed,
//!   a stage relabelled);
//! - a pipeline or stage removed, or one that kept its label under a new id (recreated,
//!   or another account's): pipeline and stage ids are values inside records, which
//!   the client cannot resolve by name as it does type ids (module `pipelines`).
//!
//! Everything else is **compatible**: additions (option enums are open, new fields are
//! `Option`), labels, descriptions, hidden flags, a type change that keeps the Rust type
//! (`text` → `textarea`), required → optional, read-only → writable, unarchived, a
//! pipeline or stage added (their enums are open), relabelled, or its metadata changed.
//!
//! # Output
//!
//! [`to_text`] (terminal, optionally coloured), [`to_json`] (for CI bots) and
//! [`to_markdown`] (for a pull-request comment) render a [`Diff`]. The JSON document,
//! format version [`FORMAT_VERSION`], is stable: fields are only ever added, and a
//! change of meaning bumps the version.
//!
//! ```text
//! {
//!   "format_version": 1,
//!   "old": "hubspot-schemas.json",        // the names the caller gave the two sides
//!   "new": "live account",
//!   "breaking": true,                      // any breaking change (exit code 3)
//!   "summary": { "changes": 2, "breaking": 1, "compatible": 1 },
//!   "changes": [
//!     {
//!       "kind": "property_type_changed",   // one of the ChangeKind names, snake_case
//!       "breaking": true,
//!       "object": "cars",                  // HubSpot internal names; null when n/a
//!       "property": "year",
//!       "option": null,                    // the option value or pipeline/stage id (old one)
//!       "association": null,               // the association type id
//!       "old": "number/number",            // the old and new value, as text; null
//!       "new": "string/text",              //   when the thing did not exist
//!       "rust": {                          // the generated item, from the old and the
//!         "old": "Cars::year: Option<Decimal>",    // new snapshot; null when absent
//!         "new": "Cars::year: Option<String>"
//!       },
//!       "message": "property `year` type changed: `number/number` → `string/text`",
//!       "reason": "the Rust type changes: …"
//!     }
//!   ]
//! }
//! ```
//!
//! `changes` is ordered by object name, then object-level changes, then properties by
//! name (each followed by its options: removed or changed in the old order, then added
//! in the new order), then associations by id, then pipelines in the old order (each
//! followed by its stages), added ones last. Rust types are printed with short paths:
//! `Decimal` is `hubspot_runtime::rust_decimal::Decimal`, `Date` is
//! `hubspot_runtime::jiff::civil::Date`, `Timestamp` is `hubspot_runtime::jiff::Timestamp`.

mod engine;
mod pipelines;
mod render_json;
mod render_markdown;
mod render_text;

use hubspot_runtime::schema::ObjectSchema;
use serde::Serialize;

use crate::Error;
use crate::settings::Settings;

pub use render_json::{FORMAT_VERSION, to_json};
pub use render_markdown::to_markdown;
pub use render_text::to_text;

/// Exit code of `codegen diff` when a change breaks code generated from the old side.
pub const EXIT_BREAKING: u8 = 3;

/// Compare `old` with `new` (schemas as parsed; order does not matter).
///
/// Fails only if the model cannot be built for one side (never for whole snapshots).
pub fn diff(old: &[ObjectSchema], new: &[ObjectSchema]) -> Result<Diff, Error> {
    let none = Settings::default();
    engine::diff((old, &none), (new, &none))
}

/// [`diff`] of what each side's settings generate: each side's objects and properties
/// selected by its settings (excluded ones do not count), its renames in the Rust
/// names (a rename shows as a changed Rust name). The same settings on both sides
/// compare the snapshots as the generator sees them.
pub fn diff_with(
    (old, old_settings): (&[ObjectSchema], &Settings),
    (new, new_settings): (&[ObjectSchema], &Settings),
) -> Result<Diff, Error> {
    let old = crate::settings::apply::apply(old_settings, old)?.schemas;
    let new = crate::settings::apply::apply(new_settings, new)?.schemas;
    engine::diff((&old, old_settings), (&new, new_settings))
}

/// Every change between two snapshots, in the order the module docs give.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diff {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Diff {
    /// No differences in meaning.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many changes are breaking.
    pub fn breaking_count(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    /// How many changes are compatible.
    pub fn compatible_count(&self) -> usize {
        self.changes.len() - self.breaking_count()
    }

    /// Whether any change breaks code generated from the old snapshot.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }

    /// The process exit code `codegen diff` uses: 0, or [`EXIT_BREAKING`].
    pub fn exit_code(&self) -> u8 {
        if self.is_breaking() { EXIT_BREAKING } else { 0 }
    }

    /// The objects with changes, in order, each with its changes.
    pub fn by_object(&self) -> Vec<(&str, Vec<&Change>)> {
        let mut groups: Vec<(&str, Vec<&Change>)> = Vec::new();
        for change in &self.changes {
            match groups.last_mut() {
                Some((object, changes)) if *object == change.object => changes.push(change),
                _ => groups.push((&change.object, vec![change])),
            }
        }
        groups
    }
}

/// One difference, with its classification and the generated item it affects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// Whether code generated from the old snapshot breaks.
    pub breaking: bool,
    /// The object's HubSpot name.
    pub object: String,
    /// The property's HubSpot name, for property and option changes.
    pub property: Option<String>,
    /// The option's value (the old value for [`ChangeKind::OptionValueChanged`]), or for
    /// pipeline and stage changes the (old) pipeline or stage id.
    pub option: Option<String>,
    /// The association type id, for association changes.
    pub association: Option<String>,
    /// The old value, as text (`None` when there was nothing).
    pub old: Option<String>,
    /// The new value, as text (`None` when there is nothing).
    pub new: Option<String>,
    /// The generated Rust item affected.
    pub rust: RustItem,
}

/// A generated item as code from the old and from the new snapshot has it, e.g.
/// `Cars::year: Option<Decimal>` and `Cars::year: Option<String>`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct RustItem {
    /// In code generated from the old snapshot.
    pub old: Option<String>,
    /// In code generated from the new snapshot.
    pub new: Option<String>,
}

pub use hubspot_runtime::compat::classify::ChangeKind;

impl Change {
    /// One line saying what changed. `code` formats a HubSpot string or Rust name as
    /// code for the output format (backticks in text, escaped spans in Markdown).
    pub fn message(&self, code: &dyn Fn(&str) -> String) -> String {
        use ChangeKind::*;
        let c = |s: Option<&String>| code(s.map_or("", String::as_str));
        let (old, new) = (c(self.old.as_ref()), c(self.new.as_ref()));
        let object = code(&self.object);
        let property = c(self.property.as_ref());
        let option = c(self.option.as_ref());
        let association = c(self.association.as_ref());
        let shown = |flag: &Option<String>| flag.clone().unwrap_or_default();
        match self.kind {
            ObjectAdded => format!("object {object} added"),
            ObjectRemoved => format!("object {object} removed"),
            ObjectTypeIdChanged => format!("object type id changed: {old} → {new}"),
            ObjectLabelChanged => format!("labels changed: {old} → {new}"),
            ObjectDescriptionChanged => "description changed".to_owned(),
            PropertyAdded => format!("property {property} added ({new})"),
            PropertyRemoved => format!("property {property} removed"),
            PropertyTypeChanged => format!("property {property} type changed: {old} → {new}"),
            PropertyNowRequired => format!("property {property} is now required"),
            PropertyNoLongerRequired => format!("property {property} is no longer required"),
            PropertyNowReadOnly => format!("property {property} is now {}", shown(&self.new)),
            PropertyNowWritable => format!("property {property} is now writable"),
            PropertyArchived => format!("property {property} archived"),
            PropertyUnarchived => format!("property {property} unarchived"),
            PropertyHiddenChanged => format!("property {property} is now {}", shown(&self.new)),
            PropertyLabelChanged => format!("property {property} label changed: {old} → {new}"),
            PropertyDescriptionChanged => format!("property {property} description changed"),
            OptionAdded => format!("option {option} of {property} added"),
            OptionRemoved => format!("option {option} of {property} removed"),
            OptionValueChanged => {
                format!("option of {property} changed its value: {old} → {new}")
            }
            OptionLabelChanged => {
                format!("option {option} of {property} label changed: {old} → {new}")
            }
            OptionDescriptionChanged => {
                format!("option {option} of {property} description changed")
            }
            OptionHiddenChanged => {
                format!("option {option} of {property} is now {}", shown(&self.new))
            }
            AssociationAdded => format!("association {association} added: {new}"),
            AssociationRemoved => format!("association {association} removed: {old}"),
            AssociationTargetChanged => {
                format!("association {association} now connects {new} (was {old})")
            }
            AssociationNameChanged => {
                format!("association {association} name changed: {old} → {new}")
            }
            AccountIdChanged => {
                let what = if self.association.is_some() {
                    format!("association {association} type id")
                } else if self
                    .rust
                    .old
                    .as_deref()
                    .is_some_and(|item| item.ends_with("FULLY_QUALIFIED_NAME"))
                {
                    "fully qualified name".to_owned()
                } else {
                    "object type id".to_owned()
                };
                format!("{what} of the other account: {old} → {new} (resolved at run time)")
            }
            PipelineAdded => format!("pipeline {option} added: {new}"),
            PipelineRemoved => format!("pipeline {option} removed: {old}"),
            PipelineLabelChanged => format!("pipeline {option} label changed: {old} → {new}"),
            PipelineIdChanged => format!("pipeline id changed: {old} → {new}"),
            StageAdded => format!("stage {option} added: {new}"),
            StageRemoved => format!("stage {option} removed: {old}"),
            StageLabelChanged => format!("stage {option} label changed: {old} → {new}"),
            StageIdChanged => format!("stage id changed: {old} → {new}"),
            StageMetadataChanged => format!("stage {option} changed: {old} → {new}"),
            RustNameChanged => {
                let of = if self.option.is_some() && self.property.is_none() {
                    format!(" of pipeline or stage {option}")
                } else if self.option.is_some() {
                    format!(" of option {option} of {property}")
                } else if self.property.is_some() {
                    format!(" of property {property}")
                } else if self.association.is_some() {
                    format!(" of association {association}")
                } else {
                    String::new()
                };
                format!("generated name{of} changed: {old} → {new}")
            }
        }
    }

    /// Why the change is breaking or compatible, in one clause.
    pub fn reason(&self) -> &'static str {
        self.kind.reason(self.breaking)
    }
}
