//! Fixture snapshot tests: every file generated from `examples/schemas.json` and from
//! each fixture in `tests/fixtures/` (one per concern) is compared with its accepted
//! snapshot in `tests/snapshots/` (reviewed by hand as if it were hand-written code).
//! Accept changes with `INSTA_UPDATE=always cargo test -p hubspot-codegen --test fixtures`.

use std::path::{Path, PathBuf};

use hubspot_codegen::{GenerateOptions, RuntimeDependency, generate_crate, generate_single_file};
use hubspot_runtime::schema::parse_schemas;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn options(snapshot: &Path) -> GenerateOptions {
    GenerateOptions {
        crate_name: "hubspot-objects".to_owned(),
        runtime: RuntimeDependency::Version("0.1.0".to_owned()),
        only: Vec::new(),
        settings: Default::default(),
        snapshot_name: snapshot.file_name().unwrap().to_string_lossy().into_owned(),
    }
}

fn read(snapshot: &Path) -> Vec<hubspot_runtime::schema::ObjectSchema> {
    let text =
        std::fs::read_to_string(snapshot).unwrap_or_else(|e| panic!("{}: {e}", snapshot.display()));
    parse_schemas(&text).unwrap_or_else(|e| panic!("{}: {e}", snapshot.display()))
}

/// Snapshot every file of the crate generated from `snapshot`, plus the single file,
/// under names `<prefix>__<path>`; and check that generating twice gives the same bytes.
fn check(prefix: &str, snapshot: &Path) {
    let schemas = read(snapshot);
    let options = options(snapshot);
    let generated = generate_crate(&schemas, &options).unwrap();
    assert_eq!(
        generated,
        generate_crate(&schemas, &options).unwrap(),
        "not deterministic"
    );
    for (path, contents) in &generated.files {
        if path == hubspot_codegen::generate::EMBEDDED_SNAPSHOT {
            // The input itself, normalized: checked by meaning, not snapshotted again.
            let mut expected = schemas.clone();
            hubspot_codegen::snapshot::normalize(&mut expected);
            assert_eq!(parse_schemas(contents).unwrap(), expected);
            assert_eq!(
                contents,
                &hubspot_codegen::snapshot::to_snapshot_string(&expected)
            );
            continue;
        }
        insta::assert_snapshot!(format!("{prefix}__{}", path.replace('/', "__")), contents);
    }
    let single = generate_single_file(&schemas, &options).unwrap();
    assert_eq!(
        single,
        generate_single_file(&schemas, &options).unwrap(),
        "not deterministic"
    );
    insta::assert_snapshot!(format!("{prefix}__single_file"), single);
}

#[test]
fn example_account() {
    check("example", &manifest_dir().join("../examples/schemas.json"));
}

#[test]
fn types() {
    check("types", &manifest_dir().join("tests/fixtures/types.json"));
}

#[test]
fn naming() {
    check("naming", &manifest_dir().join("tests/fixtures/naming.json"));
}

#[test]
fn collisions() {
    check(
        "collisions",
        &manifest_dir().join("tests/fixtures/collisions.json"),
    );
}

#[test]
fn docs_escaping() {
    check("docs", &manifest_dir().join("tests/fixtures/docs.json"));
}

#[test]
fn pipelines() {
    // Tickets (numeric ids, ticket states, a label repeated across pipelines, a stage
    // labelled "Unknown", an emoji label) and a custom object whose `default` pipeline is
    // listed second, with empty labels, a UUID id, JSON-typed metadata and a property
    // option enum that takes the stage enum's name.
    check(
        "pipelines",
        &manifest_dir().join("tests/fixtures/pipelines.json"),
    );
}
