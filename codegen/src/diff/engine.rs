//! The comparison: pairs objects (by name), properties (by name), options (by value)
//! and associations (by id) of the two sides, and emits classified [`Change`]s in the
//! order the parent module documents. Rust names and types come from
//! [`crate::model::build`] run on each side, so they are what the generator prints.

use std::collections::{BTreeMap, BTreeSet};

use hubspot_runtime::compat::classify as compat;
use hubspot_runtime::schema::{AssociationDefinition, ObjectSchema, Property, PropertyOption};

use super::{Change, ChangeKind, Diff, RustItem};
use crate::Error;
use crate::model::{self, CrateModel, FieldModel, ObjectModel};
use crate::settings::Settings;

/// One side of the comparison: schemas by name (first of duplicates, as the model
/// keeps) and the model built from them.
struct Side<'a> {
    schemas: BTreeMap<&'a str, &'a ObjectSchema>,
    model: CrateModel,
}

impl<'a> Side<'a> {
    /// `schemas` must already be what `settings` select ([`crate::settings::apply`]);
    /// the settings' renames reach the Rust names here.
    fn new(schemas: &'a [ObjectSchema], settings: &Settings) -> Result<Self, Error> {
        let mut by_name = BTreeMap::new();
        for schema in schemas {
            by_name.entry(schema.name.as_str()).or_insert(schema);
        }
        Ok(Side {
            schemas: by_name,
            model: model::build_with(schemas, &[], "", settings)?,
        })
    }

    fn object(&self, name: &str) -> Option<(&'a ObjectSchema, &ObjectModel)> {
        let schema = *self.schemas.get(name)?;
        let model = self.model.objects.iter().find(|o| o.name == name)?;
        Some((schema, model))
    }
}

pub(super) fn diff(
    (old, old_settings): (&[ObjectSchema], &Settings),
    (new, new_settings): (&[ObjectSchema], &Settings),
) -> Result<Diff, Error> {
    let old_side = Side::new(old, old_settings)?;
    let new_side = Side::new(new, new_settings)?;
    let names = ObjectNames::new(old, new);
    let all: BTreeSet<&str> = old_side
        .schemas
        .keys()
        .chain(new_side.schemas.keys())
        .copied()
        .collect();
    let mut out = Vec::new();
    for name in all {
        match (old_side.object(name), new_side.object(name)) {
            (Some((_, om)), None) => out.push(Change {
                old: Some(om.object_type_id.clone()),
                rust: RustItem {
                    old: Some(struct_item(om)),
                    new: None,
                },
                ..base(ChangeKind::ObjectRemoved, true, name)
            }),
            (None, Some((_, nm))) => out.push(Change {
                new: Some(nm.object_type_id.clone()),
                rust: RustItem {
                    old: None,
                    new: Some(struct_item(nm)),
                },
                ..base(ChangeKind::ObjectAdded, false, name)
            }),
            (Some(old), Some(new)) => {
                ObjectPair {
                    old,
                    new,
                    names: &names,
                    out: &mut out,
                }
                .compare();
            }
            (None, None) => {}
        }
    }
    Ok(Diff { changes: out })
}

/// Display names of object type ids: the objects of either side, then HubSpot's
/// standard objects.
struct ObjectNames {
    by_id: BTreeMap<String, String>,
}

impl ObjectNames {
    fn new(old: &[ObjectSchema], new: &[ObjectSchema]) -> Self {
        let mut by_id = BTreeMap::new();
        for schema in old.iter().chain(new) {
            if let Some(id) = &schema.object_type_id {
                by_id
                    .entry(id.clone())
                    .or_insert_with(|| schema.name.clone());
            }
        }
        ObjectNames { by_id }
    }

    fn name(&self, id: &str) -> String {
        self.by_id
            .get(id)
            .cloned()
            .or_else(|| crate::diagram::standard_object_name(id).map(str::to_owned))
            .unwrap_or_else(|| id.to_owned())
    }

    /// `new` keyed like `old`: an association of `new` whose id `old` lacks, with the
    /// name and ends (by object name) of one of `old`'s that `new` lacks, takes that
    /// one's id as key (its own id stays in the value).
    fn pair_by_name(
        &self,
        old: &BTreeMap<String, AssociationDefinition>,
        new: BTreeMap<String, AssociationDefinition>,
    ) -> BTreeMap<String, AssociationDefinition> {
        let unmatched_old: Vec<&AssociationDefinition> = old
            .values()
            .filter(|a| !new.contains_key(&a.id) && non_empty(a.name.as_deref()).is_some())
            .collect();
        let mut paired = BTreeMap::new();
        for (id, association) in new {
            let key = if old.contains_key(&id) {
                id
            } else {
                let same = |o: &&&AssociationDefinition| {
                    self.describe(o, true) == self.describe(&association, true)
                };
                match unmatched_old.iter().find(same) {
                    Some(o) if !paired.contains_key(&o.id) => o.id.clone(),
                    _ => id,
                }
            };
            paired.insert(key, association);
        }
        paired
    }

    fn describe(&self, association: &AssociationDefinition, with_name: bool) -> String {
        let ends = format!(
            "{} → {}",
            self.name(&association.from_object_type_id),
            self.name(&association.to_object_type_id)
        );
        match non_empty(association.name.as_deref()) {
            Some(name) if with_name => format!("{name}: {ends}"),
            _ => ends,
        }
    }
}

/// A property change as [`compat`] classified it, with the generated items.
fn property_change(
    object: &str,
    property: &str,
    classified: compat::PropertyChange,
    rust: RustItem,
) -> Change {
    Change {
        property: Some(property.to_owned()),
        option: classified.option,
        old: classified.old,
        new: classified.new,
        rust,
        ..base(classified.kind, classified.breaking, object)
    }
}

/// A change with only its kind, classification and object set.
pub(super) fn base(kind: ChangeKind, breaking: bool, object: &str) -> Change {
    Change {
        kind,
        breaking,
        object: object.to_owned(),
        property: None,
        option: None,
        association: None,
        old: None,
        new: None,
        rust: RustItem::default(),
    }
}

/// The account (portal) id in a fully qualified name (`p12345678_cars` → `12345678`).
fn portal(fully_qualified_name: Option<&str>) -> Option<&str> {
    let rest = fully_qualified_name?.strip_prefix('p')?;
    let (digits, _) = rest.split_once('_')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// Whether the two schemas of one object come from different accounts: their fully
/// qualified names carry different portal ids.
fn other_account(old: &ObjectSchema, new: &ObjectSchema) -> bool {
    match (
        portal(old.fully_qualified_name.as_deref()),
        portal(new.fully_qualified_name.as_deref()),
    ) {
        (Some(old), Some(new)) => old != new,
        _ => false,
    }
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

fn owned(text: Option<&str>) -> Option<String> {
    non_empty(text).map(str::to_owned)
}

fn flag(value: Option<bool>) -> bool {
    value == Some(true)
}

fn struct_item(object: &ObjectModel) -> String {
    format!("struct {}", object.struct_name)
}

fn field_item(object: &ObjectModel, field: &FieldModel) -> String {
    format!(
        "{}::{}: {}",
        object.struct_name,
        field.field,
        field.facts.rust_type()
    )
}

/// The option's enum variant (`CarsCondition::Cpo`), or the field when the property is
/// not typed as an enum.
fn option_item(object: &ObjectModel, field: &FieldModel, value: &str) -> String {
    option_ident(object, field, value)
        .map(|(enum_name, ident)| format!("{enum_name}::{ident}"))
        .unwrap_or_else(|| field_item(object, field))
}

fn option_ident<'m>(
    object: &'m ObjectModel,
    field: &FieldModel,
    value: &str,
) -> Option<(&'m str, &'m str)> {
    let enum_name = field.option_enum.as_deref()?;
    let option_enum = object.option_enums.iter().find(|e| e.name == enum_name)?;
    let variant = option_enum.variants.iter().find(|v| v.value == value)?;
    Some((&option_enum.name, &variant.ident))
}

/// Properties of a schema by name, first of duplicates kept.
fn properties(schema: &ObjectSchema) -> BTreeMap<&str, &Property> {
    let mut by_name = BTreeMap::new();
    for property in schema.properties.iter().flatten() {
        by_name.entry(property.name.as_str()).or_insert(property);
    }
    by_name
}

/// Options of a property in HubSpot's order, first of duplicate values kept.
fn options(property: &Property) -> Vec<&PropertyOption> {
    let mut seen = BTreeSet::new();
    property
        .options
        .iter()
        .flatten()
        .filter(|o| seen.insert(o.value.as_str()))
        .collect()
}

fn option_label(option: &PropertyOption) -> &str {
    non_empty(option.label.as_deref()).unwrap_or(&option.value)
}

fn hidden_word(hidden: bool) -> String {
    if hidden { "hidden" } else { "visible" }.to_owned()
}

struct ObjectPair<'a, 'm> {
    old: (&'a ObjectSchema, &'m ObjectModel),
    new: (&'a ObjectSchema, &'m ObjectModel),
    names: &'a ObjectNames,
    out: &'a mut Vec<Change>,
}

impl ObjectPair<'_, '_> {
    fn name(&self) -> &str {
        &self.old.1.name
    }

    fn push(&mut self, change: Change) {
        self.out.push(change);
    }

    fn rust_name(&mut self, old: (&str, String), new: (&str, String), mut change: Change) {
        if old.0 != new.0 {
            change.old = Some(old.0.to_owned());
            change.new = Some(new.0.to_owned());
            change.rust = RustItem {
                old: Some(old.1),
                new: Some(new.1),
            };
            self.push(change);
        }
    }

    fn compare(mut self) {
        let (os, om) = self.old;
        let (ns, nm) = self.new;
        let name = self.name().to_owned();

        let ids = (
            non_empty(os.object_type_id.as_deref()),
            non_empty(ns.object_type_id.as_deref()),
        );
        let other_account = other_account(os, ns);
        if let Some((old_id, new_id)) = ids.0.zip(ids.1).filter(|(o, n)| o != n) {
            let kind = if other_account {
                ChangeKind::AccountIdChanged
            } else {
                ChangeKind::ObjectTypeIdChanged
            };
            self.push(Change {
                old: Some(old_id.to_owned()),
                new: Some(new_id.to_owned()),
                rust: RustItem {
                    old: Some(format!("{}::OBJECT_TYPE_ID", om.struct_name)),
                    new: Some(format!("{}::OBJECT_TYPE_ID", nm.struct_name)),
                },
                ..base(kind, !other_account, &name)
            });
        }
        if other_account {
            self.push(Change {
                old: owned(os.fully_qualified_name.as_deref()),
                new: owned(ns.fully_qualified_name.as_deref()),
                rust: RustItem {
                    old: Some(format!("{}::FULLY_QUALIFIED_NAME", om.struct_name)),
                    new: Some(format!("{}::FULLY_QUALIFIED_NAME", nm.struct_name)),
                },
                ..base(ChangeKind::AccountIdChanged, false, &name)
            });
        }
        let labels = |m: &ObjectModel| format!("{} / {}", m.singular_label, m.plural_label);
        if labels(om) != labels(nm) {
            self.push(Change {
                old: Some(labels(om)),
                new: Some(labels(nm)),
                rust: RustItem {
                    old: Some(struct_item(om)),
                    new: Some(struct_item(nm)),
                },
                ..base(ChangeKind::ObjectLabelChanged, false, &name)
            });
        }
        let (old_description, new_description) = (
            owned(os.description.as_deref()),
            owned(ns.description.as_deref()),
        );
        if old_description != new_description {
            self.push(Change {
                old: old_description,
                new: new_description,
                rust: RustItem {
                    old: Some(struct_item(om)),
                    new: Some(struct_item(nm)),
                },
                ..base(ChangeKind::ObjectDescriptionChanged, false, &name)
            });
        }
        self.rust_name(
            (&om.struct_name, struct_item(om)),
            (&nm.struct_name, struct_item(nm)),
            base(ChangeKind::RustNameChanged, true, &name),
        );
        self.rust_name(
            (&om.property_enum, format!("enum {}", om.property_enum)),
            (&nm.property_enum, format!("enum {}", nm.property_enum)),
            base(ChangeKind::RustNameChanged, true, &name),
        );

        let (old_props, new_props) = (properties(os), properties(ns));
        let all: BTreeSet<&str> = old_props.keys().chain(new_props.keys()).copied().collect();
        let field = |m: &'_ ObjectModel, p: &str| -> Option<FieldModel> {
            m.fields.iter().find(|f| f.hubspot_name == p).cloned()
        };
        for property in all {
            let pair = (
                old_props.get(property).copied().zip(field(om, property)),
                new_props.get(property).copied().zip(field(nm, property)),
            );
            match pair {
                (Some((_, of)), None) => self.push(property_change(
                    &name,
                    property,
                    compat::property_removed(&of.facts),
                    RustItem {
                        old: Some(field_item(om, &of)),
                        new: None,
                    },
                )),
                (None, Some((_, nf))) => self.push(property_change(
                    &name,
                    property,
                    compat::property_added(&nf.facts),
                    RustItem {
                        old: None,
                        new: Some(field_item(nm, &nf)),
                    },
                )),
                (Some(old), Some(new)) => self.property(old, new),
                (None, None) => {}
            }
        }

        let associations = |s: &ObjectSchema| {
            let mut by_id = BTreeMap::new();
            for a in s.associations.iter().flatten() {
                by_id.entry(a.id.clone()).or_insert_with(|| a.clone());
            }
            by_id
        };
        let (old_assocs, mut new_assocs) = (associations(os), associations(ns));
        if other_account {
            // Another account numbers user-defined associations itself: pair them by
            // name and ends instead of by id.
            new_assocs = self.names.pair_by_name(&old_assocs, new_assocs);
        }
        let ids: BTreeSet<&String> = old_assocs.keys().chain(new_assocs.keys()).collect();
        let constant = |m: &ObjectModel, id: &str| {
            m.associations.iter().find(|a| a.id == id).map(|a| {
                (
                    a.const_name.clone(),
                    format!("{}::{}", m.struct_name, a.const_name),
                )
            })
        };
        for id in ids {
            let change = |kind, breaking| Change {
                association: Some(id.clone()),
                ..base(kind, breaking, &name)
            };
            // `new_assocs` may key another account's association by the old id.
            let nc = new_assocs.get(id).and_then(|na| constant(nm, &na.id));
            let oc = constant(om, id);
            match (old_assocs.get(id), new_assocs.get(id)) {
                (Some(oa), None) => self.push(Change {
                    old: Some(self.names.describe(oa, true)),
                    rust: RustItem {
                        old: oc.map(|c| c.1),
                        new: None,
                    },
                    ..change(ChangeKind::AssociationRemoved, true)
                }),
                (None, Some(na)) => self.push(Change {
                    new: Some(self.names.describe(na, true)),
                    rust: RustItem {
                        old: None,
                        new: nc.map(|c| c.1),
                    },
                    ..change(ChangeKind::AssociationAdded, false)
                }),
                (Some(oa), Some(na)) => {
                    let rust = RustItem {
                        old: oc.clone().map(|c| c.1),
                        new: nc.clone().map(|c| c.1),
                    };
                    if oa.id != na.id {
                        self.push(Change {
                            old: Some(oa.id.clone()),
                            new: Some(na.id.clone()),
                            rust: rust.clone(),
                            ..change(ChangeKind::AccountIdChanged, false)
                        });
                    }
                    let moved = if other_account {
                        self.names.describe(oa, false) != self.names.describe(na, false)
                    } else {
                        oa.from_object_type_id != na.from_object_type_id
                            || oa.to_object_type_id != na.to_object_type_id
                    };
                    if moved {
                        self.push(Change {
                            old: Some(self.names.describe(oa, false)),
                            new: Some(self.names.describe(na, false)),
                            rust: rust.clone(),
                            ..change(ChangeKind::AssociationTargetChanged, true)
                        });
                    }
                    let (old_name, new_name) =
                        (owned(oa.name.as_deref()), owned(na.name.as_deref()));
                    if old_name != new_name {
                        self.push(Change {
                            old: old_name,
                            new: new_name,
                            rust,
                            ..change(ChangeKind::AssociationNameChanged, false)
                        });
                    }
                    if let (Some(oc), Some(nc)) = (oc, nc) {
                        self.rust_name(
                            (&oc.0, oc.1.clone()),
                            (&nc.0, nc.1.clone()),
                            change(ChangeKind::RustNameChanged, true),
                        );
                    }
                }
                (None, None) => {}
            }
        }

        let pipeline_changes = super::pipelines::compare(&name, self.old, self.new);
        self.out.extend(pipeline_changes);
    }

    fn property(&mut self, old: (&Property, FieldModel), new: (&Property, FieldModel)) {
        let (op, of) = old;
        let (np, nf) = new;
        let (om, nm) = (self.old.1, self.new.1);
        let name = self.name().to_owned();
        let rust = RustItem {
            old: Some(field_item(om, &of)),
            new: Some(field_item(nm, &nf)),
        };
        let change = |kind, breaking| Change {
            property: Some(op.name.clone()),
            rust: rust.clone(),
            ..base(kind, breaking, &name)
        };
        let with = |mut c: Change, old: Option<String>, new: Option<String>| {
            c.old = old;
            c.new = new;
            c
        };

        // Type, required, access and archived: classified as `Client::verify` does.
        for classified in compat::compare_property(&of.facts, &nf.facts) {
            let rust = rust.clone();
            self.push(property_change(&name, &op.name, classified, rust));
        }

        let (old_hidden, new_hidden) = (flag(op.hidden), flag(np.hidden));
        if old_hidden != new_hidden {
            let c = change(ChangeKind::PropertyHiddenChanged, false);
            self.push(with(
                c,
                Some(hidden_word(old_hidden)),
                Some(hidden_word(new_hidden)),
            ));
        }
        if of.label != nf.label {
            let c = change(ChangeKind::PropertyLabelChanged, false);
            self.push(with(c, Some(of.label.clone()), Some(nf.label.clone())));
        }
        let (old_description, new_description) = (
            owned(op.description.as_deref()),
            owned(np.description.as_deref()),
        );
        if old_description != new_description {
            let c = change(ChangeKind::PropertyDescriptionChanged, false);
            self.push(with(c, old_description, new_description));
        }

        let renamed = change(ChangeKind::RustNameChanged, true);
        self.rust_name(
            (&of.field, field_item(om, &of)),
            (&nf.field, field_item(nm, &nf)),
            renamed.clone(),
        );
        self.rust_name(
            (&of.variant, format!("{}::{}", om.property_enum, of.variant)),
            (&nf.variant, format!("{}::{}", nm.property_enum, nf.variant)),
            renamed.clone(),
        );
        if let (Some(old_enum), Some(new_enum)) = (&of.option_enum, &nf.option_enum) {
            self.rust_name(
                (old_enum, format!("enum {old_enum}")),
                (new_enum, format!("enum {new_enum}")),
                renamed,
            );
        }

        // Options matter only while the property keeps its type: a type change already
        // says everything about the values.
        if op.r#type == np.r#type && of.ty == nf.ty {
            self.options((op, &of), (np, &nf));
        }
    }

    fn options(&mut self, old: (&Property, &FieldModel), new: (&Property, &FieldModel)) {
        let (op, of) = old;
        let (np, nf) = new;
        let (om, nm) = (self.old.1, self.new.1);
        let name = self.name().to_owned();
        let (old_options, new_options) = (options(op), options(np));
        let old_values: BTreeSet<&str> = old_options.iter().map(|o| o.value.as_str()).collect();
        let new_values: BTreeSet<&str> = new_options.iter().map(|o| o.value.as_str()).collect();

        // A removed option and an added one with the same label: the value changed.
        let mut renamed_to: BTreeMap<&str, &PropertyOption> = BTreeMap::new();
        let mut paired: BTreeSet<&str> = BTreeSet::new();
        for removed in old_options
            .iter()
            .filter(|o| !new_values.contains(o.value.as_str()))
        {
            let Some(label) = non_empty(removed.label.as_deref()) else {
                continue;
            };
            let successor = new_options.iter().find(|o| {
                !old_values.contains(o.value.as_str())
                    && !paired.contains(o.value.as_str())
                    && non_empty(o.label.as_deref()) == Some(label)
            });
            if let Some(successor) = successor {
                paired.insert(&successor.value);
                renamed_to.insert(&removed.value, successor);
            }
        }

        let change = |kind, breaking, value: &str| Change {
            property: Some(op.name.clone()),
            option: Some(value.to_owned()),
            ..base(kind, breaking, &name)
        };
        for option in &old_options {
            let value = option.value.as_str();
            let old_item = option_item(om, of, value);
            if let Some(successor) = renamed_to.get(value) {
                self.push(Change {
                    old: Some(value.to_owned()),
                    new: Some(successor.value.clone()),
                    rust: RustItem {
                        old: Some(old_item),
                        new: Some(option_item(nm, nf, &successor.value)),
                    },
                    ..change(ChangeKind::OptionValueChanged, true, value)
                });
                continue;
            }
            let Some(new_option) = new_options.iter().find(|o| o.value == value) else {
                self.push(Change {
                    old: Some(value.to_owned()),
                    rust: RustItem {
                        old: Some(old_item),
                        new: None,
                    },
                    ..change(ChangeKind::OptionRemoved, true, value)
                });
                continue;
            };
            let new_item = option_item(nm, nf, value);
            let rust = RustItem {
                old: Some(old_item.clone()),
                new: Some(new_item.clone()),
            };
            if option_label(option) != option_label(new_option) {
                self.push(Change {
                    old: Some(option_label(option).to_owned()),
                    new: Some(option_label(new_option).to_owned()),
                    rust: rust.clone(),
                    ..change(ChangeKind::OptionLabelChanged, false, value)
                });
            }
            let (old_description, new_description) = (
                owned(option.description.as_deref()),
                owned(new_option.description.as_deref()),
            );
            if old_description != new_description {
                self.push(Change {
                    old: old_description,
                    new: new_description,
                    rust: rust.clone(),
                    ..change(ChangeKind::OptionDescriptionChanged, false, value)
                });
            }
            let (old_hidden, new_hidden) = (flag(option.hidden), flag(new_option.hidden));
            if old_hidden != new_hidden {
                self.push(Change {
                    old: Some(hidden_word(old_hidden)),
                    new: Some(hidden_word(new_hidden)),
                    rust,
                    ..change(ChangeKind::OptionHiddenChanged, false, value)
                });
            }
            if let (Some((_, old_ident)), Some((_, new_ident))) =
                (option_ident(om, of, value), option_ident(nm, nf, value))
            {
                self.rust_name(
                    (old_ident, old_item),
                    (new_ident, new_item),
                    change(ChangeKind::RustNameChanged, true, value),
                );
            }
        }
        for option in &new_options {
            let value = option.value.as_str();
            if old_values.contains(value) || paired.contains(value) {
                continue;
            }
            self.push(Change {
                new: Some(value.to_owned()),
                rust: RustItem {
                    old: None,
                    new: Some(option_item(nm, nf, value)),
                },
                ..change(ChangeKind::OptionAdded, false, value)
            });
        }
    }
}
