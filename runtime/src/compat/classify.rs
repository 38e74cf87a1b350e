//! Whether a change to a HubSpot schema breaks code generated before it: the kinds of
//! change, their classification, and why. `codegen diff` (snapshot against snapshot)
//! and `Client::verify` (compiled code against the live account) both classify here.
//!
//! The rule: a change is **breaking** when code generated from the old schema would
//! stop compiling after regeneration, stop decoding values HubSpot now sends, or have
//! its writes rejected; everything else is **compatible** (`codegen`'s `diff` module
//! docs list both sides in full).

use serde::Serialize;

use super::description::PropertyFacts;

/// The kinds of change, serialized in `snake_case` (`property_type_changed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A new object type.
    ObjectAdded,
    /// An object type is gone.
    ObjectRemoved,
    /// Same name, different `objectTypeId` (the object was recreated).
    ObjectTypeIdChanged,
    /// Singular or plural label changed.
    ObjectLabelChanged,
    /// Description changed.
    ObjectDescriptionChanged,
    /// A new property (breaking when it is required on create).
    PropertyAdded,
    /// A property is gone.
    PropertyRemoved,
    /// `type`, `fieldType`, options presence or `externalOptions` changed (breaking when
    /// the Rust type changes).
    PropertyTypeChanged,
    /// The property became required on create.
    PropertyNowRequired,
    /// The property is no longer required.
    PropertyNoLongerRequired,
    /// The property became read-only (calculated or `readOnlyValue`).
    PropertyNowReadOnly,
    /// The property became writable.
    PropertyNowWritable,
    /// The property was archived.
    PropertyArchived,
    /// The property is no longer archived.
    PropertyUnarchived,
    /// The property's `hidden` flag changed.
    PropertyHiddenChanged,
    /// The property's label changed.
    PropertyLabelChanged,
    /// The property's description changed.
    PropertyDescriptionChanged,
    /// A new option.
    OptionAdded,
    /// An option is gone.
    OptionRemoved,
    /// An option kept its label but got a new value.
    OptionValueChanged,
    /// An option's label changed.
    OptionLabelChanged,
    /// An option's description changed.
    OptionDescriptionChanged,
    /// An option's `hidden` flag changed.
    OptionHiddenChanged,
    /// A new association definition.
    AssociationAdded,
    /// An association definition is gone.
    AssociationRemoved,
    /// Same association id, different object types.
    AssociationTargetChanged,
    /// The association's name changed.
    AssociationNameChanged,
    /// A generated name (struct, enum, field, variant, constant) changed.
    RustNameChanged,
    /// A new pipeline.
    PipelineAdded,
    /// A pipeline is gone.
    PipelineRemoved,
    /// A pipeline's label changed.
    PipelineLabelChanged,
    /// A pipeline kept its label under a new id (recreated, or another account's).
    PipelineIdChanged,
    /// A new stage.
    StageAdded,
    /// A stage is gone.
    StageRemoved,
    /// A stage's label changed.
    StageLabelChanged,
    /// A stage kept its label (in its pipeline) under a new id.
    StageIdChanged,
    /// A stage's metadata changed (probability, closed, won, ticket state).
    StageMetadataChanged,
    /// The two sides are different accounts (portals) and an id that belongs to the
    /// account differs: a custom object's type id or fully qualified name, or a
    /// user-defined association's type id (`old`/`new`). Compatible: the client resolves
    /// these by name at run time.
    AccountIdChanged,
}

impl ChangeKind {
    /// The `snake_case` name used in JSON.
    pub fn as_str(self) -> &'static str {
        use ChangeKind::*;
        match self {
            ObjectAdded => "object_added",
            ObjectRemoved => "object_removed",
            ObjectTypeIdChanged => "object_type_id_changed",
            ObjectLabelChanged => "object_label_changed",
            ObjectDescriptionChanged => "object_description_changed",
            PropertyAdded => "property_added",
            PropertyRemoved => "property_removed",
            PropertyTypeChanged => "property_type_changed",
            PropertyNowRequired => "property_now_required",
            PropertyNoLongerRequired => "property_no_longer_required",
            PropertyNowReadOnly => "property_now_read_only",
            PropertyNowWritable => "property_now_writable",
            PropertyArchived => "property_archived",
            PropertyUnarchived => "property_unarchived",
            PropertyHiddenChanged => "property_hidden_changed",
            PropertyLabelChanged => "property_label_changed",
            PropertyDescriptionChanged => "property_description_changed",
            OptionAdded => "option_added",
            OptionRemoved => "option_removed",
            OptionValueChanged => "option_value_changed",
            OptionLabelChanged => "option_label_changed",
            OptionDescriptionChanged => "option_description_changed",
            OptionHiddenChanged => "option_hidden_changed",
            AssociationAdded => "association_added",
            AssociationRemoved => "association_removed",
            AssociationTargetChanged => "association_target_changed",
            AssociationNameChanged => "association_name_changed",
            RustNameChanged => "rust_name_changed",
            PipelineAdded => "pipeline_added",
            PipelineRemoved => "pipeline_removed",
            PipelineLabelChanged => "pipeline_label_changed",
            PipelineIdChanged => "pipeline_id_changed",
            StageAdded => "stage_added",
            StageRemoved => "stage_removed",
            StageLabelChanged => "stage_label_changed",
            StageIdChanged => "stage_id_changed",
            StageMetadataChanged => "stage_metadata_changed",
            AccountIdChanged => "account_id_changed",
        }
    }

    /// Why the change is breaking or compatible, in one clause.
    pub fn reason(self, breaking: bool) -> &'static str {
        use ChangeKind::*;
        match (self, breaking) {
            (ObjectAdded, _) => "a new module; existing code is unaffected",
            (ObjectRemoved, _) => {
                "its module disappears on regeneration and HubSpot rejects requests for the object"
            }
            (ObjectTypeIdChanged, _) => {
                "requests built from the old OBJECT_TYPE_ID address an object type that no \
                 longer exists"
            }
            (ObjectLabelChanged | ObjectDescriptionChanged, _) => "documentation only",
            (PropertyAdded, true) => {
                "a new required property: creating a record without it is rejected"
            }
            (PropertyAdded, false) => "a new `Option` field; existing code is unaffected",
            (PropertyRemoved, _) => {
                "the field disappears on regeneration and HubSpot rejects writes of the property"
            }
            (PropertyTypeChanged, true) => {
                "the Rust type changes: code using the field stops compiling after regeneration, \
                 and values HubSpot now sends may not decode as the old type"
            }
            (PropertyTypeChanged, false) => "the Rust type stays the same",
            (PropertyNowRequired, _) => "creating a record without it is rejected",
            (PropertyNoLongerRequired, _) => "writes that include it still succeed",
            (PropertyNowReadOnly, _) => "HubSpot rejects writes of it",
            (PropertyNowWritable, _) => "it may now be written; existing code is unaffected",
            (PropertyArchived, _) => {
                "HubSpot rejects writes of an archived property and returns no values for it \
                 (the field stays, documented as archived)"
            }
            (PropertyUnarchived, _) => "the property is in use again; existing code is unaffected",
            (PropertyHiddenChanged, _) => "hiding affects HubSpot's forms only",
            (PropertyLabelChanged | PropertyDescriptionChanged, _) => {
                "documentation and `label()` only"
            }
            (OptionAdded, _) => {
                "option enums are open: code generated before reads the value as `Unknown`"
            }
            (OptionRemoved, _) => {
                "its variant disappears on regeneration and HubSpot rejects writes of the value"
            }
            (OptionValueChanged, _) => {
                "records now hold the new value, which code generated before reads as \
                 `Unknown`, and HubSpot rejects writes of the old value"
            }
            (OptionLabelChanged | OptionDescriptionChanged, _) => {
                "documentation and `label()` only"
            }
            (OptionHiddenChanged, _) => "hidden options still decode and can still be written",
            (AssociationAdded, _) => "a new association constant; existing code is unaffected",
            (AssociationRemoved, _) => {
                "its constant disappears on regeneration and HubSpot rejects associations of \
                 that type"
            }
            (AssociationTargetChanged, _) => {
                "the association type id now connects different object types"
            }
            (AssociationNameChanged, _) => "documentation only",
            (AccountIdChanged, _) => {
                "another account's id for the same object or association: resolved at run time"
            }
            (RustNameChanged, _) => "code using the old name stops compiling after regeneration",
            (PipelineAdded | StageAdded, _) => {
                "pipeline and stage enums are open: code generated before reads the new id as \
                 `Unknown`"
            }
            (PipelineRemoved | StageRemoved, _) => {
                "its variant disappears on regeneration and HubSpot rejects records moved to it"
            }
            (PipelineLabelChanged | StageLabelChanged, _) => "documentation and `label()` only",
            (PipelineIdChanged | StageIdChanged, _) => {
                "records now carry the new id, which code generated before reads as `Unknown`, \
                 and HubSpot rejects writes of the old one: pipeline and stage ids are values \
                 inside records, so unlike type ids they are not resolved at run time"
            }
            (StageMetadataChanged, _) => {
                "the stage's `StageInfo` changes on regeneration; code that branches on it \
                 sees the new values"
            }
        }
    }
}

/// One classified change of a property (or of one of its options).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyChange {
    /// What changed.
    pub kind: ChangeKind,
    /// Whether code generated from the old side breaks.
    pub breaking: bool,
    /// The option's value, for option changes.
    pub option: Option<String>,
    /// The old value, as text.
    pub old: Option<String>,
    /// The new value, as text.
    pub new: Option<String>,
}

fn change(kind: ChangeKind, breaking: bool, old: &str, new: &str) -> PropertyChange {
    PropertyChange {
        kind,
        breaking,
        option: None,
        old: Some(old.to_owned()),
        new: Some(new.to_owned()),
    }
}

/// A property only the new side has: breaking when creating a record now needs it
/// (required and writable).
pub fn property_added(new: &PropertyFacts) -> PropertyChange {
    PropertyChange {
        kind: ChangeKind::PropertyAdded,
        breaking: new.required && new.read_only.is_none(),
        option: None,
        old: None,
        new: Some(new.type_description()),
    }
}

/// A property only the old side has: always breaking.
pub fn property_removed(old: &PropertyFacts) -> PropertyChange {
    PropertyChange {
        kind: ChangeKind::PropertyRemoved,
        breaking: true,
        option: None,
        old: Some(old.type_description()),
        new: None,
    }
}

/// The changes of one property present on both sides, in this order: its type (breaking
/// when the Rust type's kind changes), required, access (newly read-only is breaking; a
/// read-only property that stays read-only for another reason is no change), archived.
pub fn compare_property(old: &PropertyFacts, new: &PropertyFacts) -> Vec<PropertyChange> {
    let mut changes = Vec::new();
    let (old_type, new_type) = (old.type_description(), new.type_description());
    if old_type != new_type || old.kind != new.kind {
        changes.push(change(
            ChangeKind::PropertyTypeChanged,
            old.kind != new.kind,
            &old_type,
            &new_type,
        ));
    }
    match (old.required, new.required) {
        (false, true) => changes.push(change(
            ChangeKind::PropertyNowRequired,
            true,
            "optional",
            "required",
        )),
        (true, false) => changes.push(change(
            ChangeKind::PropertyNoLongerRequired,
            false,
            "required",
            "optional",
        )),
        _ => {}
    }
    match (old.read_only, new.read_only) {
        (None, Some(_)) => changes.push(change(
            ChangeKind::PropertyNowReadOnly,
            true,
            old.access(),
            new.access(),
        )),
        (Some(_), None) => changes.push(change(
            ChangeKind::PropertyNowWritable,
            false,
            old.access(),
            new.access(),
        )),
        _ => {}
    }
    match (old.archived, new.archived) {
        (false, true) => changes.push(change(
            ChangeKind::PropertyArchived,
            true,
            "active",
            "archived",
        )),
        (true, false) => changes.push(change(
            ChangeKind::PropertyUnarchived,
            false,
            "archived",
            "active",
        )),
        _ => {}
    }
    changes
}

/// The option values one side has and the other lacks, when the property keeps its
/// type (a type change already says everything about the values): removed ones
/// (breaking) in the old order, then added ones (compatible: option enums are open) in
/// the new order. `codegen diff`, which also sees labels, reports a removed value whose
/// label reappears under a new value as one [`ChangeKind::OptionValueChanged`].
pub fn compare_options(old: &PropertyFacts, new: &PropertyFacts) -> Vec<PropertyChange> {
    if old.hubspot_type != new.hubspot_type || old.kind != new.kind {
        return Vec::new();
    }
    let option = |kind, breaking, value: &String, old: bool| PropertyChange {
        kind,
        breaking,
        option: Some(value.clone()),
        old: old.then(|| value.clone()),
        new: (!old).then(|| value.clone()),
    };
    let removed = old
        .options
        .iter()
        .filter(|v| !new.options.contains(v))
        .map(|v| option(ChangeKind::OptionRemoved, true, v, true));
    let added = new
        .options
        .iter()
        .filter(|v| !old.options.contains(v))
        .map(|v| option(ChangeKind::OptionAdded, false, v, false));
    removed.chain(added).collect()
}

/// Pipeline (`stages: false`) or stage ids one side has and the other lacks, when
/// labels are not known (`Client::verify`): removed ones (breaking) in the old order,
/// then added ones (compatible: the enums are open) in the new order.
pub fn compare_ids(stages: bool, old: &[&str], new: &[&str]) -> Vec<PropertyChange> {
    let (removed, added) = if stages {
        (ChangeKind::StageRemoved, ChangeKind::StageAdded)
    } else {
        (ChangeKind::PipelineRemoved, ChangeKind::PipelineAdded)
    };
    let id = |kind, breaking, value: &str, old: bool| PropertyChange {
        kind,
        breaking,
        option: Some(value.to_owned()),
        old: old.then(|| value.to_owned()),
        new: (!old).then(|| value.to_owned()),
    };
    let gone = old
        .iter()
        .filter(|v| !new.contains(v))
        .map(|v| id(removed, true, v, true));
    let came = new
        .iter()
        .filter(|v| !old.contains(v))
        .map(|v| id(added, false, v, false));
    gone.chain(came).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compat::field_kind::FieldKind;
    use crate::compat::read_only::ReadOnly;

    fn facts(line: &str, options: &[&str]) -> PropertyFacts {
        let mut facts = PropertyFacts::parse_line(line).unwrap();
        facts.options = options.iter().map(|o| (*o).to_owned()).collect();
        facts
    }

    #[test]
    fn a_type_change_breaks_only_when_the_rust_type_changes() {
        let year = facts("year year number/number Decimal", &[]);
        let text = facts("year year string/text String", &[]);
        let changes = compare_property(&year, &text);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].kind, ChangeKind::PropertyTypeChanged);
        assert!(changes[0].breaking);
        assert_eq!(changes[0].old.as_deref(), Some("number/number"));
        assert_eq!(changes[0].new.as_deref(), Some("string/text"));

        let textarea = facts("year year string/textarea String", &[]);
        let changes = compare_property(&text, &textarea);
        assert_eq!(changes[0].kind, ChangeKind::PropertyTypeChanged);
        assert!(!changes[0].breaking);
        assert_eq!(text.kind, FieldKind::String);
    }

    #[test]
    fn required_access_and_archived() {
        let plain = facts("vin vin string/text String", &[]);
        let strict = facts(
            "vin vin string/text String required read-only=calculated archived",
            &[],
        );
        let kinds: Vec<(ChangeKind, bool)> = compare_property(&plain, &strict)
            .into_iter()
            .map(|c| (c.kind, c.breaking))
            .collect();
        assert_eq!(
            kinds,
            [
                (ChangeKind::PropertyNowRequired, true),
                (ChangeKind::PropertyNowReadOnly, true),
                (ChangeKind::PropertyArchived, true),
            ]
        );
        let back: Vec<(ChangeKind, bool)> = compare_property(&strict, &plain)
            .into_iter()
            .map(|c| (c.kind, c.breaking))
            .collect();
        assert_eq!(
            back,
            [
                (ChangeKind::PropertyNoLongerRequired, false),
                (ChangeKind::PropertyNowWritable, false),
                (ChangeKind::PropertyUnarchived, false),
            ]
        );
        let mut other_reason = strict.clone();
        other_reason.read_only = Some(ReadOnly::ReadOnlyValue);
        assert!(compare_property(&strict, &other_reason).is_empty());
    }

    #[test]
    fn added_and_removed_properties_and_options() {
        let required = facts("vin vin string/text String required", &[]);
        assert!(property_added(&required).breaking);
        let computed = facts(
            "vin vin string/text String required read-only=calculated",
            &[],
        );
        assert!(!property_added(&computed).breaking);
        assert!(property_removed(&required).breaking);

        let old = facts(
            "condition condition enumeration/select Enum",
            &["new", "used"],
        );
        let new = facts(
            "condition condition enumeration/select Enum",
            &["used", "cpo"],
        );
        let changes: Vec<(ChangeKind, bool, String)> = compare_options(&old, &new)
            .into_iter()
            .map(|c| (c.kind, c.breaking, c.option.unwrap()))
            .collect();
        assert_eq!(
            changes,
            [
                (ChangeKind::OptionRemoved, true, "new".to_owned()),
                (ChangeKind::OptionAdded, false, "cpo".to_owned()),
            ]
        );
        let retyped = facts("condition condition string/text String", &[]);
        assert!(compare_options(&old, &retyped).is_empty());
    }
}
