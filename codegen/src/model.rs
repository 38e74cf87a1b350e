//! The IR between the snapshot and the printed code: every decision lives here.
//!
//! [`build`] turns object schemas into a [`CrateModel`]: which objects (the `only`
//! filter), in which order (by name bytes), every Rust name (through [`crate::ident`],
//! made unique per scope), every Rust type ([`types`]), the required and read-only
//! lists, association constants, and every doc line ([`docs`]). [`crate::emit`] only
//! prints what it finds here, so tests of naming and typing can stop at this stage.
//!
//! Scopes and collision keys (rule 7 of [`crate::ident`]):
//! - **Types** (structs, property enums, option enums) share one scope: the whole crate,
//!   because all are re-exported at its root. Names of the Rust prelude (`Option`,
//!   `String`, `Vec`, …) are reserved, so `use hubspot_objects::*;` never shadows them.
//!   Collision order: conventional object names first, then object name, then struct
//!   before property enum before option enums, then property name.
//! - **Modules**: one scope; names whose file would be special, and crate names, are
//!   reserved ([`RESERVED_MODULE_NAMES`]: `lib`, `main`, Windows device names, `std`…).
//! - **Fields** and **property-enum variants**: one scope per object.
//! - **Option variants**: one scope per enum, with `Unknown` reserved.
//! - **Association constants**: one scope per object, with the `CrmObject` constant
//!   names reserved.
//!
//! Within modules, fields and variants a conventional lowercase `snake_case` HubSpot
//! name wins its collision (property `my_prop` keeps `my_prop` beside `myProp`), then
//! byte order of the HubSpot names decides ([`ident::name_key`]).

pub mod docs;
pub mod pipelines;
/// The read-only rule, shared with the runtime's `verify`.
pub use hubspot_runtime::compat::read_only;
pub mod types;

use std::collections::{BTreeMap, BTreeSet};

use hubspot_runtime::compat::PropertyFacts;
use hubspot_runtime::schema::{AssociationDefinition, ObjectSchema, Property, PropertyOption};

use crate::Error;
use crate::ident::{self, Case};
use crate::settings::{Extras, Located, Settings};
pub use types::FieldType;

/// Type names never generated: the Rust prelude's, so glob imports of the generated
/// crate cannot shadow them and generated code can use them unqualified.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Module names never generated: `src/lib.rs` is the crate root, `src/main.rs` would
/// make a binary, Windows cannot use device names as file names, and a module named
/// like a crate (`std`, `core`, `hubspot_runtime`, …) would make that crate's paths
/// ambiguous in code that does `use hubspot_objects::*;`.
#[rustfmt::skip]
pub const RESERVED_MODULE_NAMES: &[&str] = &[
    "alloc", "aux", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
    "con", "core", "hubspot_runtime", "lib", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6",
    "lpt7", "lpt8", "lpt9", "main", "nul", "prn", "proc_macro", "std", "test",
];

/// The open option enums' fallback variant.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Associated constants of `CrmObject`, which association constants must not shadow.
const RESERVED_CONST_NAMES: &[&str] = &[
    "ASSOCIATIONS",
    "FULLY_QUALIFIED_NAME",
    "NAME",
    "OBJECT_TYPE_ID",
    "PLURAL_LABEL",
    "READ_ONLY_PROPERTIES",
    "REQUIRED_PROPERTIES",
    "SINGULAR_LABEL",
];

/// What a crate-level type name is for; the declaration order is the collision
/// preference within one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum TypeKind {
    Struct,
    PropertyEnum,
    OptionEnum,
    /// Last, so adding write types renamed none of the types named before them.
    Write,
    /// The pipeline enum; after every earlier kind, so adding pipelines to a snapshot
    /// renames no type named before.
    Pipeline,
    /// The stage enum.
    Stage,
}

/// The collision key of a crate-level type name: the object (conventional names first),
/// then the kind, then the property of an option enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TypeKey<'a> {
    object: (bool, &'a str),
    kind: TypeKind,
    property: &'a str,
}

/// The whole generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateModel {
    /// The objects, sorted by HubSpot name.
    pub objects: Vec<ObjectModel>,
    /// Crate-level docs (lib.rs `//!`).
    pub docs: Vec<String>,
}

/// One object type: one module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectModel {
    /// HubSpot's internal name (`cars`).
    pub name: String,
    /// The module identifier (may be raw: `r#type`).
    pub module: String,
    /// The module's file stem (`type` for `r#type`).
    pub file_stem: String,
    /// The struct (`Cars`).
    pub struct_name: String,
    /// The property-name enum (`CarsProperty`).
    pub property_enum: String,
    /// The write type (`CarsWrite`): a `Write<…>` per writable property.
    pub write_struct: String,
    /// `objectTypeId`, else the fully qualified name, else the name.
    pub object_type_id: String,
    /// `fullyQualifiedName`, else the name.
    pub fully_qualified_name: String,
    /// Singular label, else the name.
    pub singular_label: String,
    /// Plural label, else the name.
    pub plural_label: String,
    /// Module docs.
    pub module_docs: Vec<String>,
    /// Struct docs.
    pub struct_docs: Vec<String>,
    /// Property-enum docs.
    pub property_enum_docs: Vec<String>,
    /// Write-type docs.
    pub write_docs: Vec<String>,
    /// One per property, sorted by HubSpot name.
    pub fields: Vec<FieldModel>,
    /// One per enumeration property typed as an enum, in field order.
    pub option_enums: Vec<OptionEnumModel>,
    /// Property-enum variants of the required properties, by name.
    pub required: Vec<String>,
    /// Property-enum variants of the read-only properties, by name.
    pub read_only: Vec<String>,
    /// Association constants, sorted by id.
    pub associations: Vec<AssociationModel>,
    /// The pipeline and stage enums, for an object with pipelines in the snapshot.
    pub pipelines: Option<pipelines::PipelinesModel>,
    /// Extra derives and attributes from the settings (global, then the object's).
    pub extras: ItemExtras,
}

/// Extra derives and attributes of an object's items, from the settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemExtras {
    /// Derives (paths) per kind of item.
    pub derives: Extras,
    /// Attributes (the inside of `#[…]`) per kind of item.
    pub attributes: Extras,
}

/// The renames and extras the settings give one object.
struct Renames<'a> {
    object: Option<&'a str>,
    properties: BTreeMap<&'a str, &'a str>,
    options: BTreeMap<&'a str, &'a BTreeMap<String, Located>>,
    extras: ItemExtras,
}

impl<'a> Renames<'a> {
    fn of(settings: &'a Settings, schema: &ObjectSchema) -> Self {
        let object = crate::settings::apply::object_settings(settings, schema);
        Renames {
            object: object
                .and_then(|o| o.rename.as_ref())
                .map(|r| r.value.as_str()),
            properties: object
                .iter()
                .flat_map(|o| &o.rename_properties)
                .map(|(k, v)| (k.as_str(), v.value.as_str()))
                .collect(),
            options: object
                .iter()
                .flat_map(|o| &o.rename_options)
                .map(|(k, v)| (k.as_str(), v))
                .collect(),
            extras: ItemExtras {
                derives: match object {
                    Some(o) => settings.derives.merged(&o.derives),
                    None => settings.derives.clone(),
                },
                attributes: match object {
                    Some(o) => settings.attributes.merged(&o.attributes),
                    None => settings.attributes.clone(),
                },
            },
        }
    }

    /// The name a property's Rust names are made from: its rename, else its own.
    fn property<'p>(&self, property: &'p Property) -> &'p str
    where
        'a: 'p,
    {
        self.properties
            .get(property.name.as_str())
            .copied()
            .unwrap_or(&property.name)
    }
}

impl ObjectModel {
    /// Every type this object's module defines: struct, property enum, write type,
    /// option enums.
    pub fn type_names(&self) -> Vec<&str> {
        let mut names = vec![
            self.struct_name.as_str(),
            self.property_enum.as_str(),
            self.write_struct.as_str(),
        ];
        names.extend(self.option_enums.iter().map(|e| e.name.as_str()));
        if let Some(pipelines) = &self.pipelines {
            names.push(pipelines.pipeline_enum.name.as_str());
            names.push(pipelines.stage_enum.name.as_str());
        }
        names
    }

    /// The properties part of the generated `CrmObject::DESCRIPTION`: one line per
    /// field, in field order (`hubspot_runtime::compat::description`'s format).
    pub fn description_lines(&self) -> Vec<String> {
        self.fields.iter().map(|f| f.facts.to_line()).collect()
    }

    /// The properties whose option values `CrmObject::DESCRIPTION` lists, each with the
    /// option enum whose `VALUES` it points at. Pipeline and stage enums are left out:
    /// their ids belong to the account.
    pub fn description_options(&self) -> Vec<(&str, &str)> {
        self.fields
            .iter()
            .filter(|f| matches!(f.ty, FieldType::Enum | FieldType::EnumList))
            .filter_map(|f| Some((f.hubspot_name.as_str(), f.option_enum.as_deref()?)))
            .collect()
    }
}

/// One property: a struct field and a property-enum variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldModel {
    /// HubSpot's internal name (`hs_createdate`).
    pub hubspot_name: String,
    /// The field identifier (may be raw).
    pub field: String,
    /// The property-enum variant.
    pub variant: String,
    /// HubSpot's label, else the name (returned by `label()`).
    pub label: String,
    /// The Rust type.
    pub ty: FieldType,
    /// Read-only ([`read_only`]'s rule: calculated, `readOnlyValue`, a `calculation_*`
    /// field type, or set by HubSpot): no field in the write type.
    pub read_only: bool,
    /// The enum's name: the option enum for [`FieldType::Enum`] and
    /// [`FieldType::EnumList`], the pipeline or stage enum for [`FieldType::Pipeline`]
    /// and [`FieldType::Stage`].
    pub option_enum: Option<String>,
    /// Field docs.
    pub docs: Vec<String>,
    /// Property-enum variant docs.
    pub variant_docs: Vec<String>,
    /// What compatibility is judged by (`codegen diff`, `Client::verify`): HubSpot's
    /// type, the Rust type, options, required, read-only, archived. Its line is the
    /// property's entry in the generated `CrmObject::DESCRIPTION`.
    pub facts: PropertyFacts,
}

/// The open enum of one enumeration property's options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionEnumModel {
    /// The enum's name (`CarsCondition`).
    pub name: String,
    /// Docs.
    pub docs: Vec<String>,
    /// One per option, in HubSpot's order (duplicates of a value dropped).
    pub variants: Vec<OptionVariantModel>,
}

/// One option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionVariantModel {
    /// The variant identifier.
    pub ident: String,
    /// The exact HubSpot value.
    pub value: String,
    /// HubSpot's label, else the value.
    pub label: String,
    /// Docs.
    pub docs: Vec<String>,
}

/// One association definition, as an associated constant of the struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociationModel {
    /// The constant's name (`CARS_TO_CONTACT`).
    pub const_name: String,
    /// Association type id.
    pub id: String,
    /// HubSpot's name, if any.
    pub name: Option<String>,
    /// From object type id.
    pub from_object_type_id: String,
    /// To object type id.
    pub to_object_type_id: String,
    /// Docs.
    pub docs: Vec<String>,
}

/// Build the model of `schemas`, keeping only the objects named in `only` (by name,
/// fully qualified name or object type id; empty keeps all). `snapshot_name` appears in
/// the crate docs.
pub fn build(
    schemas: &[ObjectSchema],
    only: &[String],
    snapshot_name: &str,
) -> Result<CrateModel, Error> {
    build_with(schemas, only, snapshot_name, &Settings::default())
}

/// [`build`] with the renames and extra derives and attributes of `settings`. The
/// schemas are expected to have been selected by [`crate::settings::apply`] already.
pub fn build_with(
    schemas: &[ObjectSchema],
    only: &[String],
    snapshot_name: &str,
    settings: &Settings,
) -> Result<CrateModel, Error> {
    let selected = select(schemas, only)?;
    let renames: Vec<Renames> = selected
        .iter()
        .map(|schema| Renames::of(settings, schema))
        .collect();
    let ids: Vec<(String, String)> = schemas
        .iter()
        .filter_map(|s| s.object_type_id.clone().map(|id| (id, s.name.clone())))
        .collect();

    // Types: one crate-wide scope.
    let mut type_keys: Vec<(TypeKey, String)> = Vec::new();
    for (schema, renames) in selected.iter().zip(&renames) {
        let key = |kind, property| TypeKey {
            object: ident::name_key(&schema.name),
            kind,
            property,
        };
        let base = renames.object.unwrap_or(&schema.name);
        type_keys.push((key(TypeKind::Struct, ""), ident::type_name(base)));
        let property_enum = ident::type_name(&format!("{base} property"));
        type_keys.push((key(TypeKind::PropertyEnum, ""), property_enum));
        let write = ident::type_name(&format!("{base} write"));
        type_keys.push((key(TypeKind::Write, ""), write));
        let with_pipelines = has_pipelines(schema);
        for property in properties(schema) {
            if matches!(
                types::decide_in(property, with_pipelines).ty,
                FieldType::Enum | FieldType::EnumList
            ) {
                let joined = ident::type_name(&format!("{base} {}", renames.property(property)));
                type_keys.push((key(TypeKind::OptionEnum, &property.name), joined));
            }
        }
        if with_pipelines {
            let pipeline = ident::type_name(&format!("{base} pipeline"));
            type_keys.push((key(TypeKind::Pipeline, ""), pipeline));
            let stage = ident::type_name(&format!("{base} stage"));
            type_keys.push((key(TypeKind::Stage, ""), stage));
        }
    }
    let type_names = ident::resolve(&type_keys, RESERVED_TYPE_NAMES, Case::UpperCamel);
    for ((key, wanted), given) in type_keys.iter().zip(&type_names) {
        if key.kind == TypeKind::Struct && wanted != given {
            let renamed = renames
                .iter()
                .zip(&selected)
                .any(|(r, s)| s.name == key.object.1 && r.object.is_some());
            if renamed {
                return Err(Error::Settings(format!(
                    "object.{}.rename: {wanted:?} collides with another generated type \
                     name (it would become {given:?}); choose another name",
                    key.object.1
                )));
            }
        }
    }
    let type_index: std::collections::HashMap<(&str, TypeKind, &str), usize> = type_keys
        .iter()
        .enumerate()
        .rev() // the first of equal keys wins, as a search from the front would find
        .map(|(index, (key, _))| ((key.object.1, key.kind, key.property), index))
        .collect();
    let type_name_of = |object: &str, kind: TypeKind, property: &str| -> String {
        let index = type_index
            .get(&(object, kind, property))
            .expect("every type was given a name above");
        type_names[*index].clone()
    };

    // Modules: one scope.
    let module_keys: Vec<((bool, &str), String)> = selected
        .iter()
        .map(|s| (ident::name_key(&s.name), ident::field_name(&s.name)))
        .collect();
    let modules = ident::resolve(&module_keys, RESERVED_MODULE_NAMES, Case::Snake);

    // Every crate-wide name is decided above; what is left is per object, on all cores.
    let work: Vec<((&ObjectSchema, String), &Renames)> = selected
        .iter()
        .copied()
        .zip(modules)
        .zip(&renames)
        .collect();
    let objects = crate::parallel::map(&work, |((schema, module), renames)| {
        let struct_name = type_name_of(&schema.name, TypeKind::Struct, "");
        let property_enum = type_name_of(&schema.name, TypeKind::PropertyEnum, "");
        let write_struct = type_name_of(&schema.name, TypeKind::Write, "");
        let pipeline_enums = has_pipelines(schema).then(|| {
            [
                type_name_of(&schema.name, TypeKind::Pipeline, ""),
                type_name_of(&schema.name, TypeKind::Stage, ""),
            ]
        });
        object(
            schema,
            module.clone(),
            [struct_name, property_enum, write_struct],
            pipeline_enums,
            &ids,
            renames,
            |prop| type_name_of(&schema.name, TypeKind::OptionEnum, prop),
        )
    });
    let objects = objects.into_iter().collect::<Result<Vec<_>, Error>>()?;

    Ok(CrateModel {
        docs: crate_docs(&objects, snapshot_name),
        objects,
    })
}

/// The schemas to generate, sorted by name bytes, first of equal names kept.
fn select<'a>(
    schemas: &'a [ObjectSchema],
    only: &[String],
) -> Result<Vec<&'a ObjectSchema>, Error> {
    let matches = |schema: &ObjectSchema, wanted: &str| {
        schema.name == wanted
            || schema.fully_qualified_name.as_deref() == Some(wanted)
            || schema.object_type_id.as_deref() == Some(wanted)
    };
    let unknown: Vec<&String> = only
        .iter()
        .filter(|w| !schemas.iter().any(|s| matches(s, w)))
        .collect();
    if !unknown.is_empty() {
        let mut available: Vec<String> = schemas.iter().map(|s| s.name.clone()).collect();
        available.sort_unstable();
        available.dedup();
        let unknown = unknown.into_iter().cloned().collect();
        return Err(Error::UnknownObjects { unknown, available });
    }
    let mut selected: Vec<&ObjectSchema> = schemas
        .iter()
        .filter(|s| only.is_empty() || only.iter().any(|w| matches(s, w)))
        .collect();
    selected.sort_by(|a, b| a.name.cmp(&b.name));
    selected.dedup_by(|a, b| a.name == b.name);
    Ok(selected)
}

/// Whether the snapshot lists pipelines for `schema` (at least one).
fn has_pipelines(schema: &ObjectSchema) -> bool {
    schema.pipelines.as_ref().is_some_and(|p| !p.is_empty())
}

/// An object's properties, sorted by name bytes, first of equal names kept.
fn properties(schema: &ObjectSchema) -> Vec<&Property> {
    let mut props: Vec<&Property> = schema.properties.iter().flatten().collect();
    props.sort_by(|a, b| a.name.cmp(&b.name));
    props.dedup_by(|a, b| a.name == b.name);
    props
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

fn object(
    schema: &ObjectSchema,
    module: String,
    [struct_name, property_enum, write_struct]: [String; 3],
    pipeline_enums: Option<[String; 2]>,
    ids: &[(String, String)],
    renames: &Renames,
    option_enum_name: impl Fn(&str) -> String,
) -> Result<ObjectModel, Error> {
    let labels = schema.labels.as_ref();
    let singular = non_empty(labels.and_then(|l| l.singular.as_deref()))
        .unwrap_or(&schema.name)
        .to_owned();
    let plural = non_empty(labels.and_then(|l| l.plural.as_deref()))
        .unwrap_or(&schema.name)
        .to_owned();
    let fully_qualified_name = non_empty(schema.fully_qualified_name.as_deref())
        .unwrap_or(&schema.name)
        .to_owned();
    let object_type_id = non_empty(schema.object_type_id.as_deref())
        .unwrap_or(&fully_qualified_name)
        .to_owned();

    let props = properties(schema);
    let field_keys: Vec<((bool, &str), String)> = props
        .iter()
        .map(|p| {
            (
                ident::name_key(&p.name),
                ident::field_name(renames.property(p)),
            )
        })
        .collect();
    let field_names = ident::resolve(&field_keys, &[], Case::Snake);
    let variant_keys: Vec<((bool, &str), String)> = props
        .iter()
        .map(|p| {
            let candidate = ident::type_name(renames.property(p));
            (ident::name_key(&p.name), candidate)
        })
        .collect();
    let variant_names = ident::resolve(&variant_keys, &[], Case::UpperCamel);
    for ((key, wanted), given) in field_keys.iter().zip(&field_names) {
        if wanted != given && renames.properties.contains_key(key.1) {
            return Err(Error::Settings(format!(
                "object.{}.rename_properties.{}: {wanted:?} collides with another field of \
                 the object (it would become {given:?}); choose another name",
                schema.name, key.1
            )));
        }
    }

    let required_names: BTreeSet<&str> = schema
        .required_properties
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();

    let mut fields = Vec::with_capacity(props.len());
    let mut option_enums = Vec::new();
    let mut required = Vec::new();
    let mut read_only = Vec::new();
    for ((property, field), variant) in props.iter().zip(field_names).zip(variant_names) {
        let decision = types::decide_in(property, pipeline_enums.is_some());
        let is_required = required_names.contains(property.name.as_str());
        let read_only_reason = read_only::read_only(property);
        let read_only_flag = read_only_reason.is_some();
        if is_required {
            required.push(variant.clone());
        }
        if read_only_flag {
            read_only.push(variant.clone());
        }
        let label = non_empty(property.label.as_deref())
            .unwrap_or(&property.name)
            .to_owned();
        let option_enum = match decision.ty {
            FieldType::Enum | FieldType::EnumList => {
                let name = option_enum_name(&property.name);
                let option_renames = renames.options.get(property.name.as_str());
                option_enums.push(option_enum_model(
                    &name,
                    &struct_name,
                    property,
                    &label,
                    option_renames.copied(),
                )?);
                Some(name)
            }
            FieldType::Pipeline | FieldType::Stage => {
                let [pipeline, stage] = pipeline_enums
                    .as_ref()
                    .expect("pipeline types are only decided for objects with pipelines");
                Some(
                    if decision.ty == FieldType::Pipeline {
                        pipeline
                    } else {
                        stage
                    }
                    .clone(),
                )
            }
            _ => None,
        };
        let note = match (&decision.ty, &option_enum, &decision.note) {
            (FieldType::Pipeline | FieldType::Stage, Some(name), Some(note)) => {
                Some(format!("Typed with [`{name}`]. {note}"))
            }
            _ => decision.note.clone(),
        };
        let facts = PropertyFacts {
            field: field.clone(),
            enum_name: option_enum.clone(),
            ..PropertyFacts::of(property, pipeline_enums.is_some(), is_required)
        };
        fields.push(FieldModel {
            facts,
            docs: field_docs(
                property,
                &label,
                is_required,
                read_only_reason,
                note.as_deref(),
            ),
            variant_docs: vec![match docs::inline(&label) {
                title if title.is_empty() => docs::value(&property.name),
                title => format!("{title} ({})", docs::code(&property.name)),
            }],
            hubspot_name: property.name.clone(),
            field,
            variant,
            label,
            ty: decision.ty,
            read_only: read_only_flag,
            option_enum,
        });
    }

    let associations = associations(schema, ids);
    let pipelines = pipeline_enums.as_ref().map(|[pipeline, stage]| {
        pipelines::build(
            &schema.name,
            &struct_name,
            [pipeline, stage],
            schema.pipelines.as_deref().unwrap_or_default(),
        )
    });
    let file_stem = ident::unraw(&module).to_owned();
    let mut ids_line = format!(
        "Object type id {}, fully qualified name {}.",
        docs::code(&object_type_id),
        docs::code(&fully_qualified_name)
    );
    if !object_type_id.starts_with("0-") {
        ids_line.push_str(
            " Both are the snapshot account's: the client resolves the id of the account \
             it talks to by the object's name at run time.",
        );
    }
    let mut module_docs = vec![format!(
        "{}: the HubSpot object {}.",
        docs::inline(&plural),
        docs::code(&schema.name)
    )];
    let mut struct_docs = vec![format!(
        "The properties of one {} record (HubSpot object {}).",
        docs::inline(&singular),
        docs::code(&schema.name)
    )];
    if let Some(description) = non_empty(schema.description.as_deref()) {
        for lines in [&mut module_docs, &mut struct_docs] {
            lines.push(String::new());
            lines.extend(docs::prose(description));
        }
    }
    module_docs.extend([String::new(), ids_line.clone()]);
    struct_docs.extend([
        String::new(),
        ids_line,
        String::new(),
        "Every field is `None` when the record has no value for it or the property was".to_owned(),
        "not requested. Read and write records through `hubspot_runtime::Record`.".to_owned(),
    ]);
    let property_enum_docs = vec![
        format!(
            "The properties of {}, by HubSpot internal name.",
            docs::code(&schema.name)
        ),
        String::new(),
        "`ALL` lists them sorted by name; `as_str` gives the name, `FromStr` parses it.".to_owned(),
    ];

    let write_docs = vec![
        format!(
            "A write to {} records: one field per writable property, each",
            docs::code(&schema.name)
        ),
        "`Write::Unchanged` (the default: not sent), `Write::Clear` (sent as `\"\"`) or".to_owned(),
        "`Write::Set(value)`. Read-only properties (calculated, or set by HubSpot) have no"
            .to_owned(),
        "field, so they cannot be written. Create and update records with it through".to_owned(),
        "`hubspot_runtime::Objects`; a create checks the required properties first.".to_owned(),
    ];

    Ok(ObjectModel {
        name: schema.name.clone(),
        module,
        file_stem,
        struct_name,
        property_enum,
        object_type_id,
        fully_qualified_name,
        singular_label: singular,
        plural_label: plural,
        module_docs,
        struct_docs,
        property_enum_docs,
        write_docs,
        write_struct,
        fields,
        option_enums,
        required,
        read_only,
        associations,
        pipelines,
        extras: renames.extras.clone(),
    })
}

fn field_docs(
    property: &Property,
    label: &str,
    required: bool,
    read_only: Option<read_only::ReadOnly>,
    note: Option<&str>,
) -> Vec<String> {
    let mut lines = docs::prose(label);
    if lines.is_empty() {
        // A label (or name) with no printable text: show the exact name instead.
        lines.push(docs::value(&property.name));
    }
    if let Some(description) = non_empty(property.description.as_deref()) {
        lines.push(String::new());
        lines.extend(docs::prose(description));
    }
    let mut facts = format!(
        "HubSpot property {}: type {}",
        docs::code(&property.name),
        docs::code(&property.r#type)
    );
    if let Some(field_type) = non_empty(property.field_type.as_deref()) {
        facts.push_str(&format!(", field type {}", docs::code(field_type)));
    }
    facts.push('.');
    let mut flags = Vec::new();
    if let Some(group) = non_empty(property.group_name.as_deref()) {
        flags.push(format!("Group {}.", docs::code(group)));
    }
    if required {
        flags.push("Required on create.".to_owned());
    }
    match read_only {
        Some(read_only::ReadOnly::Calculated) => {
            match non_empty(property.calculation_formula.as_deref()) {
                Some(formula) => {
                    flags.push(format!("Read-only: calculated as {}.", docs::code(formula)))
                }
                None => flags.push("Read-only: calculated.".to_owned()),
            }
        }
        Some(read_only::ReadOnly::CalculationFieldType) => flags.push(format!(
            "Read-only: HubSpot calculates this value (field type {}).",
            docs::code(property.field_type.as_deref().unwrap_or_default())
        )),
        Some(read_only::ReadOnly::ReadOnlyValue | read_only::ReadOnly::SetByHubSpot) => {
            flags.push("Read-only: HubSpot sets this value.".to_owned())
        }
        None => {}
    }
    if property.has_unique_value == Some(true) {
        flags.push("Unique across records.".to_owned());
    }
    if property.hidden == Some(true) {
        flags.push("Hidden in HubSpot's UI.".to_owned());
    }
    if property.archived == Some(true) {
        flags.push("Archived in HubSpot.".to_owned());
    }
    lines.push(String::new());
    lines.push(facts);
    if !flags.is_empty() {
        lines.push(flags.join(" "));
    }
    if let Some(note) = note {
        lines.push(String::new());
        lines.push(note.to_owned());
    }
    lines
}

fn option_enum_model(
    name: &str,
    struct_name: &str,
    property: &Property,
    label: &str,
    renames: Option<&BTreeMap<String, Located>>,
) -> Result<OptionEnumModel, Error> {
    let mut seen = BTreeSet::new();
    let options: Vec<&PropertyOption> = property
        .options
        .iter()
        .flatten()
        .filter(|o| seen.insert(o.value.as_str()))
        .collect();
    let keys: Vec<((bool, &str), String)> = options
        .iter()
        .enumerate()
        .map(|(index, option)| {
            (
                ident::name_key(&option.value),
                match renames.and_then(|r| r.get(&option.value)) {
                    Some(rename) => rename.value.clone(),
                    None => option_candidate(option, index),
                },
            )
        })
        .collect();
    let idents = ident::resolve(&keys, &[UNKNOWN_VARIANT], Case::UpperCamel);
    for ((key, wanted), given) in keys.iter().zip(&idents) {
        if let Some(rename) = renames.and_then(|r| r.get(key.1))
            && wanted != given
        {
            return Err(Error::Settings(format!(
                "{}rename_options.{}.{}: {wanted:?} collides with another variant of \
                 {name} (it would become {given:?}); choose another name",
                rename.prefix(),
                property.name,
                key.1
            )));
        }
    }
    let variants = options
        .iter()
        .zip(idents)
        .map(|(option, ident)| {
            let label = non_empty(option.label.as_deref())
                .unwrap_or(&option.value)
                .to_owned();
            // One line per option (label and value), as a table row would say it: an
            // account's option enums hold up to 100,000 variants, and every doc line is
            // an attribute the compiler carries through a rebuild.
            let shown = docs::inline(&label);
            let shown = if shown.is_empty() {
                "(no label)"
            } else {
                &shown
            };
            let mut summary = format!("{shown}: value {}.", docs::value(&option.value));
            if option.hidden == Some(true) {
                summary.push_str(
                    " Hidden: HubSpot no longer offers it in forms, but records may hold it.",
                );
            }
            let mut docs_lines = vec![summary];
            if let Some(description) = non_empty(option.description.as_deref()) {
                docs_lines.push(String::new());
                docs_lines.extend(docs::prose(description));
            }
            OptionVariantModel {
                ident,
                value: option.value.clone(),
                label,
                docs: docs_lines,
            }
        })
        .collect();
    let mut docs_lines = vec![format!(
        "The options of {} ({}) of [`{struct_name}`].",
        docs::inline(label),
        docs::code(&property.name)
    )];
    if property.field_type.as_deref() == Some("checkbox") {
        docs_lines.push("A record holds any number of them (multi-select).".to_owned());
    }
    docs_lines.extend([
        String::new(),
        "Open: values added in HubSpot after generation read as `Unknown`.".to_owned(),
        "`ALL` lists the known options in HubSpot's order, hidden ones included.".to_owned(),
    ]);
    Ok(OptionEnumModel {
        name: name.to_owned(),
        docs: docs_lines,
        variants,
    })
}

/// An option's variant candidate (DESIGN § Naming): the value, else the label when the
/// value has no letters or digits, else `Option<N>` (1-based position).
fn option_candidate(option: &PropertyOption, index: usize) -> String {
    if ident::has_word_chars(&option.value) {
        ident::type_name(&option.value)
    } else if let Some(label) = option.label.as_deref().filter(|l| ident::has_word_chars(l)) {
        ident::type_name(label)
    } else {
        format!("Option{}", index + 1)
    }
}

fn associations(schema: &ObjectSchema, ids: &[(String, String)]) -> Vec<AssociationModel> {
    let mut defs: Vec<&AssociationDefinition> = schema.associations.iter().flatten().collect();
    defs.sort_by(|a, b| a.id.cmp(&b.id));
    defs.dedup_by(|a, b| a.id == b.id);
    let keys: Vec<((&str, &str), String)> = defs
        .iter()
        .map(|a| {
            let candidate = match non_empty(a.name.as_deref()) {
                Some(name) => ident::const_name(name),
                None => ident::const_name(&format!("association {}", a.id)),
            };
            ((a.name.as_deref().unwrap_or(""), a.id.as_str()), candidate)
        })
        .collect();
    let names = ident::resolve(&keys, RESERVED_CONST_NAMES, Case::Shouty);
    let describe = |id: &str| -> String {
        let known = crate::standard_objects::name(id)
            .map(str::to_owned)
            .or_else(|| {
                ids.iter()
                    .find(|(k, _)| k == id)
                    .map(|(_, n)| docs::code(n))
            });
        match known {
            Some(name) => format!("{} ({name})", docs::code(id)),
            None => docs::code(id),
        }
    };
    defs.iter()
        .zip(names)
        .map(|(a, const_name)| {
            let title = match non_empty(a.name.as_deref()) {
                Some(name)
                    if !a.from_object_type_id.starts_with("0-")
                        || !a.to_object_type_id.starts_with("0-") =>
                {
                    format!(
                        "Association {} (type id {} in the snapshot account; the client finds \
                         another account's by name).",
                        docs::code(name),
                        docs::code(&a.id)
                    )
                }
                Some(name) => format!(
                    "Association {} (type id {}).",
                    docs::code(name),
                    docs::code(&a.id)
                ),
                None => format!("Association type id {}.", docs::code(&a.id)),
            };
            AssociationModel {
                docs: vec![
                    title,
                    String::new(),
                    format!(
                        "From {} to {}.",
                        describe(&a.from_object_type_id),
                        describe(&a.to_object_type_id)
                    ),
                ],
                const_name,
                id: a.id.clone(),
                name: non_empty(a.name.as_deref()).map(str::to_owned),
                from_object_type_id: a.from_object_type_id.clone(),
                to_object_type_id: a.to_object_type_id.clone(),
            }
        })
        .collect()
}

fn crate_docs(objects: &[ObjectModel], snapshot_name: &str) -> Vec<String> {
    let mut lines = vec![
        format!(
            "Typed HubSpot CRM objects, generated by hubspot-codegen from {}.",
            docs::code(snapshot_name)
        ),
        String::new(),
        "Each object has a module with its properties struct, its property-name enum and"
            .to_owned(),
        "one open enum per enumeration property; every type is re-exported here.".to_owned(),
    ];
    if objects.iter().any(|o| o.pipelines.is_some()) {
        lines.push(
            "Objects with pipelines also have an open enum of their pipelines and one of their"
                .to_owned(),
        );
        lines.push("stages, which type their pipeline and stage properties.".to_owned());
    }
    lines.push("Read records as `hubspot_runtime::Record<T>`.".to_owned());
    if objects.is_empty() {
        lines.extend([
            String::new(),
            "The snapshot selected no objects.".to_owned(),
        ]);
        return lines;
    }
    lines.extend([String::new(), "Objects:".to_owned(), String::new()]);
    for object in objects {
        lines.push(format!(
            "- {}: [`{}`] ({}, {})",
            docs::inline(&object.plural_label),
            object.struct_name,
            docs::code(&object.name),
            docs::code(&object.object_type_id)
        ));
    }
    lines
}
