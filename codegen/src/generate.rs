//! The whole generated crate, or one file, in memory: model → emit → format.

use std::collections::BTreeMap;

use hubspot_runtime::schema::ObjectSchema;

use crate::settings::Settings;
use crate::{Error, emit, format, model};

pub use crate::format::RuntimeDependency;

/// Options of one generation run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// The generated crate's package name (`hubspot-objects`).
    pub crate_name: String,
    /// How the generated crate finds `hubspot-runtime`.
    pub runtime: RuntimeDependency,
    /// Only these objects (matched by name, fully qualified name or object type id);
    /// empty means all.
    pub only: Vec<String>,
    /// The snapshot's file name (no directories), for the `@generated` header.
    pub snapshot_name: String,
    /// Objects and properties to generate, renames, extra derives and attributes
    /// (`hubspot-codegen.toml`); the default changes nothing.
    pub settings: Settings,
}

/// A generated crate in memory: relative path (with `/`) → file contents.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GeneratedCrate {
    /// `Cargo.toml`, `rustfmt.toml`, `hubspot-schemas.json`, `src/lib.rs`,
    /// `src/<object>.rs`, …
    pub files: BTreeMap<String, String>,
}

/// The file in a generated crate holding the normalized snapshot it was generated
/// from, so `codegen check` can say what changed in HubSpot, not only which files differ.
pub const EMBEDDED_SNAPSHOT: &str = "hubspot-schemas.json";

/// Generate the whole crate: `Cargo.toml`, `rustfmt.toml` (so a user's `cargo fmt` does
/// not rewrite generated code, which `codegen check` would then report as drift),
/// [`EMBEDDED_SNAPSHOT`], `src/lib.rs` and one module file per object.
pub fn generate_crate(
    schemas: &[ObjectSchema],
    options: &GenerateOptions,
) -> Result<GeneratedCrate, Error> {
    check_crate_name(&options.crate_name)?;
    // The embedded snapshot does not depend on the model: written meanwhile.
    let (model, embedded_snapshot) = std::thread::scope(|scope| {
        let embedded = scope.spawn(|| crate::snapshot::to_snapshot_string(schemas));
        let model = apply(schemas, options).and_then(|selected| {
            model::build_with(
                &selected,
                &options.only,
                &options.snapshot_name,
                &options.settings,
            )
        });
        let embedded = embedded
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (model, embedded)
    });
    let model = model?;
    let mut files = BTreeMap::new();
    files.insert(
        "Cargo.toml".to_owned(),
        format::cargo_toml(
            &options.crate_name,
            &options.runtime,
            &options.snapshot_name,
        ),
    );
    files.insert(
        "rustfmt.toml".to_owned(),
        format::rustfmt_toml(&options.snapshot_name),
    );
    files.insert(EMBEDDED_SNAPSHOT.to_owned(), embedded_snapshot);
    files.insert(
        "src/lib.rs".to_owned(),
        format::rust_file(&emit::lib_file(&model)?, &options.snapshot_name),
    );
    for (object, text) in model.objects.iter().zip(module_files(&model, options)?) {
        files.insert(format!("src/{}.rs", object.file_stem), text);
    }
    // A large account's model is hundreds of thousands of strings, and freeing them is
    // a noticeable part of the run; nothing needs to wait for it.
    std::thread::spawn(move || drop(model));
    Ok(GeneratedCrate { files })
}

/// Every object's module file, emitted and formatted on all cores: each file depends
/// only on its own object's model, and these two steps are most of the run time.
fn module_files(
    model: &model::CrateModel,
    options: &GenerateOptions,
) -> Result<Vec<String>, Error> {
    crate::parallel::map(&model.objects, |object| {
        emit::module_file(object).map(|file| format::rust_file(&file, &options.snapshot_name))
    })
    .into_iter()
    .collect()
}

/// Generate everything as one file (modules inline), for `build.rs` and `include!`.
pub fn generate_single_file(
    schemas: &[ObjectSchema],
    options: &GenerateOptions,
) -> Result<String, Error> {
    let selected = apply(schemas, options)?;
    let model = model::build_with(
        &selected,
        &options.only,
        &options.snapshot_name,
        &options.settings,
    )?;
    Ok(format::rust_file(
        &emit::single_file(&model)?,
        &options.snapshot_name,
    ))
}

/// The schemas the settings select (all of them, borrowed, without settings). Warnings
/// are the caller's to print ([`crate::settings::apply::apply`]).
fn apply<'a>(
    schemas: &'a [ObjectSchema],
    options: &GenerateOptions,
) -> Result<std::borrow::Cow<'a, [ObjectSchema]>, Error> {
    if options.settings.is_empty() {
        return Ok(std::borrow::Cow::Borrowed(schemas));
    }
    let applied = crate::settings::apply::apply(&options.settings, schemas)?;
    Ok(std::borrow::Cow::Owned(applied.schemas))
}

/// Cargo's rule for package names: ASCII letters, digits, `-` and `_`, not starting with
/// a digit. Checked here so a bad `--crate-name` fails before anything is written.
fn check_crate_name(name: &str) -> Result<(), Error> {
    let valid = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(Error::InvalidCrateName(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(crate_name: &str) -> GenerateOptions {
        GenerateOptions {
            crate_name: crate_name.to_owned(),
            runtime: RuntimeDependency::Version("0.1.0".to_owned()),
            only: Vec::new(),
            settings: Default::default(),
            snapshot_name: "s.json".to_owned(),
        }
    }

    #[test]
    fn crate_names_cargo_rejects_are_refused_before_generating() {
        for bad in ["", "2objects", "my objects", "objets-crème", "a/b"] {
            let error = generate_crate(&[], &options(bad)).unwrap_err();
            assert!(
                matches!(&error, Error::InvalidCrateName(name) if name == bad),
                "{error}"
            );
        }
        let error = generate_crate(&[], &options("my objects")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid crate name \"my objects\": use ASCII letters, digits, `-` and `_`, not \
             starting with a digit (e.g. `hubspot-objects`)"
        );
    }

    #[test]
    fn empty_snapshot_gives_a_crate_with_only_its_root() {
        let generated = generate_crate(&[], &options("hubspot-objects")).unwrap();
        let paths: Vec<&str> = generated.files.keys().map(String::as_str).collect();
        assert_eq!(
            paths,
            [
                "Cargo.toml",
                EMBEDDED_SNAPSHOT,
                "rustfmt.toml",
                "src/lib.rs"
            ]
        );
        assert!(generated.files["src/lib.rs"].contains("//! The snapshot selected no objects."));
    }

    #[test]
    fn every_file_starts_with_the_generated_header() {
        let schemas = [ObjectSchema {
            name: "cars".to_owned(),
            ..Default::default()
        }];
        let generated = generate_crate(&schemas, &options("hubspot-objects")).unwrap();
        for (path, contents) in &generated.files {
            if path == EMBEDDED_SNAPSHOT {
                // JSON has no comments; the snapshot is the input, not code.
                assert!(contents.starts_with("{\n  \"results\": ["), "{contents}");
                continue;
            }
            let marker = if path.ends_with(".toml") { "# " } else { "// " };
            let header =
                format!("{marker}@generated by hubspot-codegen from s.json. Do not edit.\n");
            assert!(contents.starts_with(&header), "{path}:\n{contents}");
        }
        let single = generate_single_file(&schemas, &options("hubspot-objects")).unwrap();
        assert!(single.starts_with("// @generated by hubspot-codegen from s.json. Do not edit.\n"));
        // An `include!`d file may not have inner attributes or inner doc comments.
        assert!(!single.contains("#!["), "{single}");
        assert!(!single.contains("//!"), "{single}");
    }
}
