//! Snapshot parsing and generation: what a snapshot file (or a `GET /schemas` body)
//! can hold must give a crate or a parse error, never a panic.

use std::collections::BTreeSet;

use arbitrary::{Arbitrary, Unstructured};
use hubspot_codegen::model::RESERVED_MODULE_NAMES;
use hubspot_codegen::snapshot::{normalize, to_snapshot_string};
use hubspot_codegen::{GenerateOptions, RuntimeDependency, generate_crate, generate_single_file};
use hubspot_runtime::schema::{
    AssociationDefinition, ObjectSchema, ObjectTypeDefinitionLabels, Property,
    PropertyModificationMetadata, PropertyOption, parse_schemas,
};

/// The files every generated crate has besides one `src/<module>.rs` per object.
const ROOT_FILES: &[&str] = &[
    "Cargo.toml",
    "hubspot-schemas.json",
    "rustfmt.toml",
    "src/lib.rs",
];

pub fn snapshot(data: &[u8]) {
    // A leading NUL (never the start of JSON) selects the structured mode: schemas
    // built field by field from the input, so the generator sees many valid accounts
    // instead of mostly unparsable bytes.
    let schemas = match data.split_first() {
        Some((0, rest)) => match structured(&mut Unstructured::new(rest)) {
            Ok(schemas) => schemas,
            Err(_) => return,
        },
        _ => match parse_schemas(&String::from_utf8_lossy(data)) {
            Ok(schemas) => schemas,
            Err(_) => return,
        },
    };
    let options = GenerateOptions {
        crate_name: "fuzz-objects".to_owned(),
        runtime: RuntimeDependency::Version("0.1.0".to_owned()),
        only: Vec::new(),
        settings: Default::default(),
        snapshot_name: "fuzz.json".to_owned(),
    };
    // With no `--only` filter every parsed snapshot must generate: an error here is an
    // emitted token stream that does not parse, a generator bug.
    let generated =
        generate_crate(&schemas, &options).unwrap_or_else(|e| panic!("generate_crate failed: {e}"));
    generate_single_file(&schemas, &options)
        .unwrap_or_else(|e| panic!("generate_single_file failed: {e}"));

    // One module file per distinct object name, each a plain file name in `src/`.
    let names: BTreeSet<&str> = schemas.iter().map(|s| s.name.as_str()).collect();
    let modules: Vec<&str> = generated
        .files
        .keys()
        .filter(|path| !ROOT_FILES.contains(&path.as_str()))
        .map(|path| {
            let stem = path
                .strip_prefix("src/")
                .and_then(|p| p.strip_suffix(".rs"))
                .unwrap_or_else(|| panic!("unexpected file {path:?}"));
            assert!(
                stem.starts_with(|c: char| c.is_ascii_lowercase())
                    && stem
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "module file {path:?} is not a plain snake_case name"
            );
            assert!(
                !RESERVED_MODULE_NAMES.contains(&stem),
                "reserved module file {path:?}"
            );
            stem
        })
        .collect();
    assert_eq!(modules.len(), names.len(), "{:?}", generated.files.keys());

    // The snapshot writes back losslessly: written, read and written again, the same
    // bytes.
    let mut normalized = schemas;
    normalize(&mut normalized);
    let written = to_snapshot_string(&normalized);
    let reread = parse_schemas(&written)
        .unwrap_or_else(|e| panic!("written snapshot does not parse: {e}\n{written}"));
    assert_eq!(to_snapshot_string(&reread), written);
}

const TYPES: &[&str] = &[
    "string",
    "number",
    "bool",
    "date",
    "datetime",
    "enumeration",
    "phone_number",
    "object_coordinates",
];

const FIELD_TYPES: &[&str] = &[
    "text",
    "textarea",
    "html",
    "file",
    "phonenumber",
    "number",
    "booleancheckbox",
    "date",
    "select",
    "radio",
    "checkbox",
    "calculation_equation",
    "calculation_rollup",
    "signature",
];

/// Up to 4 objects with arbitrary names, labels, properties, options and associations.
fn structured(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<ObjectSchema>> {
    let mut schemas = Vec::new();
    for _ in 0..u.int_in_range(0..=4)? {
        let mut properties = Vec::new();
        for _ in 0..u.int_in_range(0..=8)? {
            let mut options = Vec::new();
            for _ in 0..u.int_in_range(0..=6)? {
                options.push(PropertyOption {
                    value: String::arbitrary(u)?,
                    label: Option::arbitrary(u)?,
                    description: Option::arbitrary(u)?,
                    hidden: Option::arbitrary(u)?,
                    ..Default::default()
                });
            }
            properties.push(Property {
                name: String::arbitrary(u)?,
                r#type: u.choose(TYPES)?.to_string(),
                field_type: if u.arbitrary()? {
                    Some(u.choose(FIELD_TYPES)?.to_string())
                } else {
                    Option::arbitrary(u)?
                },
                label: Option::arbitrary(u)?,
                description: Option::arbitrary(u)?,
                options: Some(options),
                calculated: Option::arbitrary(u)?,
                external_options: Option::arbitrary(u)?,
                modification_metadata: Some(PropertyModificationMetadata {
                    read_only_value: Option::arbitrary(u)?,
                    ..Default::default()
                }),
                ..Default::default()
            });
        }
        let mut associations = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            associations.push(AssociationDefinition {
                id: String::arbitrary(u)?,
                from_object_type_id: String::arbitrary(u)?,
                to_object_type_id: String::arbitrary(u)?,
                name: Option::arbitrary(u)?,
                ..Default::default()
            });
        }
        schemas.push(ObjectSchema {
            name: String::arbitrary(u)?,
            object_type_id: Option::arbitrary(u)?,
            fully_qualified_name: Option::arbitrary(u)?,
            labels: Some(ObjectTypeDefinitionLabels {
                singular: Option::arbitrary(u)?,
                plural: Option::arbitrary(u)?,
                ..Default::default()
            }),
            description: Option::arbitrary(u)?,
            required_properties: Option::arbitrary(u)?,
            properties: Some(properties),
            associations: Some(associations),
            ..Default::default()
        });
    }
    Ok(schemas)
}
