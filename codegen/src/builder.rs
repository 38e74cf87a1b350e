//! [`Builder`]: generate typed HubSpot objects from a `build.rs`, offline, from a
//! checked-in snapshot.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     hubspot_codegen::Builder::new()
//!         .snapshot("hubspot-schemas.json")
//!         .generate_into_out_dir("hubspot_objects.rs")?; // emits cargo:rerun-if-changed
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/hubspot_objects.rs"));
//! ```
//!
//! The builder never touches the network (docs.rs, Nix and sandboxed builds forbid it),
//! and works with `hubspot-codegen = { version = "…", default-features = false }` so the
//! build script compiles no HTTP stack. To refresh the snapshot, run `codegen fetch`.
//!
//! [`Builder::generate_into_out_dir`] keeps the no-op fast path's manifest
//! ([`crate::fingerprint`]) beside the file it writes in `OUT_DIR`, so a build script
//! that re-runs with the same snapshot and options (cargo re-runs it whenever the
//! build script itself is rebuilt) hashes instead of generating.

use std::path::{Component, Path, PathBuf};

use crate::fingerprint::{self, Fingerprint, Manifest, Mode, selected_objects};
use crate::generate::{GenerateOptions, RuntimeDependency, generate_single_file};
use crate::settings::{ItemKind, Located, SETTINGS_FILE, Settings};
use crate::{Error, write};

/// The snapshot file a [`Builder`] reads when [`Builder::snapshot`] is not called; the
/// same name `codegen fetch` writes by default.
pub const DEFAULT_SNAPSHOT: &str = "hubspot-schemas.json";

/// Generates one Rust file of typed HubSpot objects from a snapshot, for `build.rs`.
///
/// Every option has a default; `Builder::new().generate_into_out_dir("hubspot_objects.rs")`
/// reads `hubspot-schemas.json` beside the crate's `Cargo.toml` and generates every object.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a Builder does nothing until generate_into_out_dir or generate_to_file is called"]
pub struct Builder {
    snapshot: PathBuf,
    only: Vec<String>,
    settings_file: Option<PathBuf>,
    settings: Settings,
    emit_rerun_if_changed: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            snapshot: PathBuf::from(DEFAULT_SNAPSHOT),
            only: Vec::new(),
            settings_file: None,
            settings: Settings::default(),
            emit_rerun_if_changed: true,
        }
    }
}

impl Builder {
    /// A builder with the defaults: snapshot `hubspot-schemas.json`, every object,
    /// `cargo:rerun-if-changed` printed.
    pub fn new() -> Self {
        Self::default()
    }

    /// The snapshot file to read (default `hubspot-schemas.json`): the body of
    /// `GET /crm-object-schemas/v3/schemas`, as `codegen fetch` writes it, or a JSON
    /// array of object schemas.
    ///
    /// A relative path is resolved against `CARGO_MANIFEST_DIR` (the directory of the
    /// crate whose build script runs), falling back to the current directory outside
    /// cargo, so `"hubspot-schemas.json"` means the file beside `Cargo.toml`.
    pub fn snapshot(mut self, path: impl AsRef<Path>) -> Self {
        self.snapshot = path.as_ref().to_owned();
        self
    }

    /// Generate only these objects, each matched by its `name`, fully qualified name
    /// or object type id (default: every object in the snapshot). Calls accumulate.
    pub fn only<I, S>(mut self, objects: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.only.extend(objects.into_iter().map(Into::into));
        self
    }

    /// The settings file to read (default: `hubspot-codegen.toml` beside the snapshot,
    /// when it exists). Relative paths resolve like [`Builder::snapshot`]'s. The
    /// settings methods below layer on top of the file: lists extend it, single values
    /// and renames replace its.
    pub fn settings_file(mut self, path: impl AsRef<Path>) -> Self {
        self.settings_file = Some(path.as_ref().to_owned());
        self
    }

    /// Layer `settings` on top of what is set so far (see [`Settings::merge`]).
    pub fn settings(mut self, settings: Settings) -> Self {
        self.settings.merge(settings);
        self
    }

    /// `[objects] include`: generate only objects matching these names or globs.
    pub fn include_objects<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        patterns: I,
    ) -> Self {
        self.settings.objects.include.extend(located(patterns));
        self
    }

    /// `[objects] exclude`: skip objects matching these names or globs.
    pub fn exclude_objects<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        patterns: I,
    ) -> Self {
        self.settings.objects.exclude.extend(located(patterns));
        self
    }

    /// `[derives] <kind>`: an extra derive (a path, `Eq` or `serde::Serialize`) on
    /// every object's items of `kind`.
    pub fn derive(mut self, kind: ItemKind, path: impl Into<String>) -> Self {
        self.settings.derives.of_mut(kind).push(Located::new(path));
        self
    }

    /// `[attributes] <kind>`: an extra attribute (the inside of `#[…]`) on every
    /// object's items of `kind`.
    pub fn attribute(mut self, kind: ItemKind, attribute: impl Into<String>) -> Self {
        self.settings
            .attributes
            .of_mut(kind)
            .push(Located::new(attribute));
        self
    }

    /// `[object.<object>.derives] <kind>`: an extra derive on one object's items.
    pub fn object_derive(mut self, object: &str, kind: ItemKind, path: impl Into<String>) -> Self {
        let object = self.settings.object_mut(object);
        object.derives.of_mut(kind).push(Located::new(path));
        self
    }

    /// `[object.<object>.attributes] <kind>`: an extra attribute on one object's items.
    pub fn object_attribute(
        mut self,
        object: &str,
        kind: ItemKind,
        attribute: impl Into<String>,
    ) -> Self {
        let object = self.settings.object_mut(object);
        object.attributes.of_mut(kind).push(Located::new(attribute));
        self
    }

    /// `[object.<object>] rename`: the struct's name (`Deal`); the object's other type
    /// names follow it.
    pub fn rename_object(mut self, object: &str, name: impl Into<String>) -> Self {
        self.settings.object_mut(object).rename = Some(Located::new(name));
        self
    }

    /// `[object.<object>.properties] include`: names or globs of properties to keep.
    pub fn include_properties<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        object: &str,
        patterns: I,
    ) -> Self {
        let names = &mut self.settings.object_mut(object).properties.names;
        names.include.extend(located(patterns));
        self
    }

    /// `[object.<object>.properties] exclude`: names or globs of properties to drop.
    pub fn exclude_properties<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        object: &str,
        patterns: I,
    ) -> Self {
        let names = &mut self.settings.object_mut(object).properties.names;
        names.exclude.extend(located(patterns));
        self
    }

    /// `[object.<object>.properties] include_groups`: property groups to keep.
    pub fn include_groups<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        object: &str,
        groups: I,
    ) -> Self {
        let filter = &mut self.settings.object_mut(object).properties.groups;
        filter.include.extend(located(groups));
        self
    }

    /// `[object.<object>.properties] exclude_groups`: property groups to drop.
    pub fn exclude_groups<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        object: &str,
        groups: I,
    ) -> Self {
        let filter = &mut self.settings.object_mut(object).properties.groups;
        filter.exclude.extend(located(groups));
        self
    }

    /// `[object.<object>.properties] hubspot_defined`: `true` keeps HubSpot's own
    /// properties, `false` the account's own (plus any `include`d by name).
    pub fn hubspot_defined(mut self, object: &str, hubspot_defined: bool) -> Self {
        self.settings.object_mut(object).properties.hubspot_defined = Some(hubspot_defined);
        self
    }

    /// `[object.<object>.properties] hidden`: `false` drops hidden properties, `true`
    /// keeps only them.
    pub fn hidden(mut self, object: &str, hidden: bool) -> Self {
        self.settings.object_mut(object).properties.hidden = Some(hidden);
        self
    }

    /// `[object.<object>.rename_properties] <property> = "<field>"`.
    pub fn rename_property(
        mut self,
        object: &str,
        property: &str,
        field: impl Into<String>,
    ) -> Self {
        let renames = &mut self.settings.object_mut(object).rename_properties;
        renames.insert(property.to_owned(), Located::new(field));
        self
    }

    /// `[object.<object>.rename_options.<property>] <value> = "<Variant>"`.
    pub fn rename_option(
        mut self,
        object: &str,
        property: &str,
        value: &str,
        variant: impl Into<String>,
    ) -> Self {
        let renames = &mut self.settings.object_mut(object).rename_options;
        let options = renames.entry(property.to_owned()).or_default();
        options.insert(value.to_owned(), Located::new(variant));
        self
    }

    /// Whether to print `cargo:rerun-if-changed=<snapshot>` so cargo re-runs the build
    /// script exactly when the snapshot changes (default `true`). Turn it off when the
    /// builder runs outside a build script.
    pub fn emit_rerun_if_changed(mut self, emit: bool) -> Self {
        self.emit_rerun_if_changed = emit;
        self
    }

    /// Generate into `$OUT_DIR/<file_name>`, for
    /// `include!(concat!(env!("OUT_DIR"), "/<file_name>"))`. The file is rewritten only
    /// when its bytes change, atomically. Returns the file's path.
    ///
    /// Beside it, `<file_name>.hubspot-codegen.manifest` records what it was generated
    /// from; when the snapshot, the options and the generator are the same and the file
    /// still holds what was generated, a re-run only hashes and generates nothing.
    ///
    /// `file_name` must be a relative path inside `OUT_DIR` (normally a plain file name).
    /// Fails with [`Error::Environment`] when `OUT_DIR` is not set (not in a build script).
    pub fn generate_into_out_dir(&self, file_name: impl AsRef<Path>) -> Result<PathBuf, Error> {
        let file_name = file_name.as_ref();
        let plain = file_name.components().next().is_some()
            && file_name
                .components()
                .all(|component| matches!(component, Component::Normal(_)));
        if !plain {
            return Err(Error::Environment(format!(
                "generate_into_out_dir({}) takes a file name inside OUT_DIR, such as \
                 \"hubspot_objects.rs\"; use generate_to_file for other paths",
                file_name.display()
            )));
        }
        let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| {
            Error::Environment(
                "OUT_DIR is not set: generate_into_out_dir must run in a build script \
                 (build.rs); elsewhere use generate_to_file"
                    .to_owned(),
            )
        })?;
        let path = PathBuf::from(out_dir).join(file_name);
        self.generate_recorded(&path)?;
        Ok(path)
    }

    /// Generate into `path` (its directory is created if missing), rewriting it only
    /// when its bytes change. Returns whether the file was written.
    pub fn generate_to_file(&self, path: impl AsRef<Path>) -> Result<bool, Error> {
        let code = self.generate_string()?;
        write::write_file_if_changed(path.as_ref(), code.as_bytes())
    }

    /// Generate the code in memory: every module inline in one formatted file.
    pub fn generate_string(&self) -> Result<String, Error> {
        let inputs = self.inputs()?;
        let schemas = fingerprint::parse_snapshot_bytes(&inputs.bytes, &inputs.snapshot)?;
        generate_single_file(&schemas, &inputs.options)
    }

    /// [`Builder::generate_to_file`] with the fast path: skip generating when the
    /// sidecar manifest ([`fingerprint::sidecar_path`]) shows `path` already holds what
    /// these inputs generate; otherwise generate, write `path` if its bytes changed,
    /// then the manifest. Either write failing leaves a manifest that cannot vouch for
    /// the file on disk (its hash or fingerprint differs), so the next run is a full one.
    pub(crate) fn generate_recorded(&self, path: &Path) -> Result<Recorded, Error> {
        let inputs = self.inputs()?;
        let fingerprint = Fingerprint::new(Mode::SingleFile, &inputs.bytes, &inputs.options);
        if fingerprint::file_is_current(path, &fingerprint).is_ok() {
            return Ok(Recorded::FastPath);
        }
        let schemas = fingerprint::parse_snapshot_bytes(&inputs.bytes, &inputs.snapshot)?;
        if self.emit_rerun_if_changed && !inputs.options.settings.is_empty() {
            let applied = crate::settings::apply::apply(&inputs.options.settings, &schemas)?;
            for warning in applied.warnings {
                println!("cargo:warning={warning}");
            }
        }
        let code = generate_single_file(&schemas, &inputs.options)?;
        let written = write::write_file_if_changed(path, code.as_bytes())?;
        // A file name that is not UTF-8 gets no manifest, only full runs.
        if let (Some(sidecar), Some(name)) = (
            fingerprint::sidecar_path(path),
            path.file_name().and_then(|name| name.to_str()),
        ) {
            let objects = selected_objects(&schemas, &inputs.options.only);
            let manifest = Manifest::for_file(fingerprint, objects, name, code.as_bytes());
            write::write_file_if_changed(&sidecar, manifest.render().as_bytes())?;
        }
        Ok(Recorded::Generated { written })
    }

    /// The resolved snapshot path, its bytes and the generation options.
    fn inputs(&self) -> Result<Inputs, Error> {
        let snapshot = self.resolved_snapshot();
        if self.emit_rerun_if_changed {
            // Printed before reading, so cargo also re-runs once a missing or broken
            // snapshot is fixed.
            println!("cargo:rerun-if-changed={}", snapshot.display());
        }
        let bytes = fingerprint::read_snapshot_bytes(&snapshot)?;
        let settings = self.resolved_settings(&snapshot)?;
        let options = GenerateOptions {
            // The single file has no Cargo.toml; the crate name only labels the code.
            crate_name: std::env::var("CARGO_PKG_NAME")
                .unwrap_or_else(|_| "hubspot-objects".to_owned()),
            runtime: RuntimeDependency::Version(env!("CARGO_PKG_VERSION").to_owned()),
            only: self.only.clone(),
            snapshot_name: snapshot_file_name(&snapshot),
            settings,
        };
        Ok(Inputs {
            snapshot,
            bytes,
            options,
        })
    }

    /// The settings file's (explicit, or `hubspot-codegen.toml` beside `snapshot` when
    /// it exists) with this builder's settings layered on top, validated.
    fn resolved_settings(&self, snapshot: &Path) -> Result<Settings, Error> {
        let file = match &self.settings_file {
            Some(path) => Some(self.resolved(path)),
            None => {
                let beside = snapshot.with_file_name(SETTINGS_FILE);
                beside.is_file().then_some(beside)
            }
        };
        let mut settings = match &file {
            Some(path) => {
                if self.emit_rerun_if_changed {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
                crate::settings::parse::read(path)?
            }
            None => Settings::default(),
        };
        settings.merge(self.settings.clone());
        crate::settings::parse::validate(&settings)?;
        Ok(settings)
    }

    /// The snapshot path, resolved against `CARGO_MANIFEST_DIR` when relative.
    fn resolved_snapshot(&self) -> PathBuf {
        self.resolved(&self.snapshot)
    }

    /// `path`, resolved against `CARGO_MANIFEST_DIR` when relative.
    fn resolved(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            return path.to_owned();
        }
        match std::env::var_os("CARGO_MANIFEST_DIR") {
            Some(manifest_dir) => PathBuf::from(manifest_dir).join(path),
            None => path.to_owned(),
        }
    }
}

/// Values set in code: no file position.
fn located<I: IntoIterator<Item = S>, S: Into<String>>(values: I) -> Vec<Located> {
    values.into_iter().map(|v| Located::new(v)).collect()
}

/// What one generation reads: see [`Builder::inputs`].
struct Inputs {
    snapshot: PathBuf,
    bytes: Vec<u8>,
    options: GenerateOptions,
}

/// What [`Builder::generate_recorded`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Recorded {
    /// The file already held what these inputs generate; nothing was generated.
    FastPath,
    /// The code was generated; `written` says whether the file's bytes changed.
    Generated { written: bool },
}

/// The file name of a snapshot path, for the `@generated` header: no directories, so
/// the output does not depend on where the checkout lives.
pub(crate) fn snapshot_file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_documented_ones() {
        let builder = Builder::new();
        assert_eq!(builder.snapshot, PathBuf::from("hubspot-schemas.json"));
        assert!(builder.only.is_empty());
        assert!(builder.emit_rerun_if_changed);
    }

    #[test]
    fn only_accumulates() {
        let builder = Builder::new()
            .only(["cars"])
            .only(vec![String::from("2-1")]);
        assert_eq!(builder.only, ["cars", "2-1"]);
    }

    #[test]
    fn out_dir_file_name_must_stay_inside() {
        for bad in ["", "../x.rs", "/tmp/x.rs"] {
            let error = Builder::new().generate_into_out_dir(bad).unwrap_err();
            assert!(
                error
                    .to_string()
                    .contains("takes a file name inside OUT_DIR"),
                "{bad:?}: {error}"
            );
        }
    }

    /// The project's sample snapshot, relative to this crate (as a build.rs would name
    /// its own snapshot relative to its crate).
    const EXAMPLE: &str = "../examples/schemas.json";

    #[test]
    fn relative_snapshot_resolves_against_the_manifest_dir() {
        // cargo sets CARGO_MANIFEST_DIR for test runs as it does for build scripts.
        let resolved = Builder::new().snapshot(EXAMPLE).resolved_snapshot();
        assert_eq!(
            resolved,
            Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)
        );
        let absolute = Path::new("/abs/hubspot-schemas.json");
        assert_eq!(
            Builder::new().snapshot(absolute).resolved_snapshot(),
            absolute
        );
    }

    #[test]
    fn generates_one_file_and_rewrites_it_only_when_it_changes() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path().join("gen/hubspot_objects.rs");
        let builder = Builder::new()
            .snapshot(EXAMPLE)
            .emit_rerun_if_changed(false);
        assert!(builder.generate_to_file(&out).unwrap());
        let code = std::fs::read_to_string(&out).unwrap();
        assert!(
            code.starts_with("// @generated by hubspot-codegen from schemas.json."),
            "{}",
            &code[..100]
        );
        for module in ["pub mod animals", "pub mod cars", "pub mod dealer_location"] {
            assert!(code.contains(module), "{module} missing");
        }
        assert_eq!(code, builder.generate_string().unwrap());
        // Same snapshot, same bytes: not rewritten.
        assert!(!builder.generate_to_file(&out).unwrap());

        // `only` narrows the output, and the file is rewritten.
        let cars_only = builder.clone().only(["cars"]);
        assert!(cars_only.generate_to_file(&out).unwrap());
        let code = std::fs::read_to_string(&out).unwrap();
        assert!(code.contains("pub mod cars"));
        assert!(!code.contains("pub mod animals"));
    }

    #[test]
    fn a_recorded_file_is_not_regenerated_until_an_input_or_the_file_changes() {
        let temp = tempfile::tempdir().unwrap();
        let snapshot = temp.path().join("schemas.json");
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE),
            &snapshot,
        )
        .unwrap();
        let out = temp.path().join("out/hubspot_objects.rs");
        let sidecar = temp
            .path()
            .join("out/hubspot_objects.rs.hubspot-codegen.manifest");
        let builder = Builder::new()
            .snapshot(&snapshot)
            .emit_rerun_if_changed(false);
        let generated = Recorded::Generated { written: true };
        let regenerated_same = Recorded::Generated { written: false };

        assert_eq!(builder.generate_recorded(&out).unwrap(), generated);
        let code = std::fs::read_to_string(&out).unwrap();
        assert_eq!(code, builder.generate_string().unwrap());
        let manifest = Manifest::parse(&std::fs::read_to_string(&sidecar).unwrap()).unwrap();
        assert_eq!(manifest.objects, 6);
        assert_eq!(
            manifest.files,
            [(
                "hubspot_objects.rs".to_owned(),
                fingerprint::content_hash(code.as_bytes())
            )]
            .into()
        );
        assert_eq!(builder.generate_recorded(&out).unwrap(), Recorded::FastPath);

        // A hand edit, then a deleted file: regenerated.
        std::fs::write(&out, "// edited\n").unwrap();
        assert_eq!(builder.generate_recorded(&out).unwrap(), generated);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), code);
        std::fs::remove_file(&out).unwrap();
        assert_eq!(builder.generate_recorded(&out).unwrap(), generated);
        assert_eq!(builder.generate_recorded(&out).unwrap(), Recorded::FastPath);

        // Another option: regenerated, and fast again with it.
        let cars = builder.clone().only(["cars"]);
        assert_eq!(cars.generate_recorded(&out).unwrap(), generated);
        assert_eq!(cars.generate_recorded(&out).unwrap(), Recorded::FastPath);
        assert_eq!(builder.generate_recorded(&out).unwrap(), generated);

        // A snapshot byte that changes no code: generated (nothing written), fast after.
        let mut text = std::fs::read_to_string(&snapshot).unwrap();
        text.push('\n');
        std::fs::write(&snapshot, text).unwrap();
        assert_eq!(builder.generate_recorded(&out).unwrap(), regenerated_same);
        assert_eq!(builder.generate_recorded(&out).unwrap(), Recorded::FastPath);

        // No sidecar: one full run brings it back.
        std::fs::remove_file(&sidecar).unwrap();
        assert_eq!(builder.generate_recorded(&out).unwrap(), regenerated_same);
        assert!(sidecar.exists());
        assert_eq!(builder.generate_recorded(&out).unwrap(), Recorded::FastPath);
    }

    #[test]
    fn a_missing_snapshot_names_the_resolved_path() {
        let error = Builder::new()
            .snapshot("no-such-snapshot.json")
            .emit_rerun_if_changed(false)
            .generate_string()
            .unwrap_err();
        let expected = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-snapshot.json");
        assert_eq!(
            error.to_string(),
            format!("cannot read snapshot {}", expected.display())
        );
    }

    #[test]
    fn snapshot_name_has_no_directories() {
        assert_eq!(
            snapshot_file_name(Path::new("/home/me/proj/hubspot-schemas.json")),
            "hubspot-schemas.json"
        );
    }
}
