//! `examples/generated/` is checked in: it is what users read to see the output, and
//! the workspace builds and lints it. These tests regenerate it from
//! `examples/schemas.json` and fail on any difference (as tonic's CI does for its
//! generated code), so it can never silently fall behind the generator.

use std::path::{Path, PathBuf};
use std::process::Command;

use hubspot_codegen::write::check_crate;
use hubspot_codegen::{GenerateOptions, RuntimeDependency, generate_crate, snapshot, source};

/// The command that regenerates the checked-in example, run from the repository root.
const REGENERATE: &str = "cargo run -p hubspot-codegen -- generate --from examples/schemas.json \
     --out examples/generated --crate-name hubspot-objects --runtime-path ../../runtime";

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples")
}

#[test]
fn examples_generated_matches_the_generator() {
    let mut schemas = source::read_snapshot(examples().join("schemas.json")).unwrap();
    snapshot::normalize(&mut schemas);
    let options = GenerateOptions {
        crate_name: "hubspot-objects".to_owned(),
        runtime: RuntimeDependency::Path("../../runtime".to_owned()),
        only: Vec::new(),
        settings: Default::default(),
        snapshot_name: "schemas.json".to_owned(),
    };
    let krate = generate_crate(&schemas, &options).unwrap();
    // The example must contain every object of the snapshot (one module file each), so
    // a missing module is a failure here rather than an unnoticed gap.
    let modules = krate
        .files
        .keys()
        .filter(|path| path.starts_with("src/") && path.ends_with(".rs") && *path != "src/lib.rs")
        .count();
    assert_eq!(modules, schemas.len(), "{:?}", krate.files.keys());

    let drift = check_crate(&krate, &examples().join("generated")).unwrap();
    if !drift.is_empty() {
        let list: Vec<String> = drift.iter().map(|item| format!("  {item}")).collect();
        panic!(
            "examples/generated is out of date with the generator ({} file(s)):\n{}\n\n\
             Regenerate it from the repository root with:\n\n    {REGENERATE}\n\n\
             then review the diff (`git diff examples/generated`) and commit it.",
            drift.len(),
            list.join("\n")
        );
    }
}

#[test]
fn the_cli_agrees_that_the_example_is_up_to_date() {
    // The same check through the binary, with the options of the documented command:
    // proves that command (not only the library call above) reproduces the example.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .current_dir(&root)
        .args([
            "check",
            "--from",
            "examples/schemas.json",
            "--out",
            "examples/generated",
            "--crate-name",
            "hubspot-objects",
            "--runtime-path",
            "../../runtime",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "`codegen check` says examples/generated drifted:\n{}{}\nRegenerate with:\n    {REGENERATE}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "examples/generated is up to date (6 objects, 10 files)\n"
    );
}
