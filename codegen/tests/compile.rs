//! Compile tests: generated code must build warning-free, pass `clippy -D warnings` and
//! `cargo doc` with `-D warnings`, and contain no doctest, for `examples/schemas.json`
//! and for `tests/fixtures/adversarial.json` (keywords, digits, collisions, non-ASCII,
//! hostile docs, an unknown type, an empty object, 2,000 options), as a crate and as a
//! single `include!`d file.
//!
//! The crates are written to a temporary workspace outside this repository (so cargo
//! finds no parent workspace) with this workspace's `Cargo.lock`, so `--offline` needs
//! nothing new, and built with their own target dir, `target/compile-tests` (the outer
//! `cargo test` holds the lock of the normal one).

use std::path::{Path, PathBuf};
use std::process::Command;

use hubspot_codegen::{GenerateOptions, RuntimeDependency, generate_crate, generate_single_file};
use hubspot_runtime::schema::parse_schemas;

fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn options(crate_name: &str) -> GenerateOptions {
    let runtime = workspace_dir().join("runtime");
    GenerateOptions {
        crate_name: crate_name.to_owned(),
        runtime: RuntimeDependency::Path(runtime.to_str().unwrap().to_owned()),
        only: Vec::new(),
        snapshot_name: "snapshot.json".to_owned(),
    }
}

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// Write the crate generated from `snapshot` as workspace member `name`, and the
/// single-file variant as member `<name>-single` (a `lib.rs` that `include!`s it, as a
/// build script's user would).
fn add_members(root: &Path, name: &str, snapshot: &Path, members: &mut Vec<String>) {
    let text = std::fs::read_to_string(snapshot).unwrap();
    let schemas = parse_schemas(&text).unwrap();

    let generated = generate_crate(&schemas, &options(name)).unwrap();
    for (path, contents) in &generated.files {
        write(&root.join(name).join(path), contents);
    }
    members.push(name.to_owned());

    let single_name = format!("{name}-single");
    let single = generate_single_file(&schemas, &options(&single_name)).unwrap();
    let dir = root.join(&single_name);
    write(
        &dir.join("Cargo.toml"),
        &generated.files["Cargo.toml"].replace(
            &format!("name = \"{name}\""),
            &format!("name = \"{single_name}\""),
        ),
    );
    write(&dir.join("src/generated.rs"), &single);
    write(
        &dir.join("src/lib.rs"),
        "//! The single-file variant, included as `build.rs` users do.\n\ninclude!(\"generated.rs\");\n",
    );
    members.push(single_name);
}

/// Run cargo in `root`, panicking with its output unless it succeeds; returns stdout.
fn cargo(root: &Path, args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(root)
        .env(
            "CARGO_TARGET_DIR",
            workspace_dir().join("target/compile-tests"),
        )
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}\n{}",
        args.join(" "),
        root.display(),
        stdout,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn generated_crates_build_clippy_and_doc_clean() {
    let temp = tempfile::Builder::new()
        .prefix("hubspot-codegen-compile-")
        .tempdir()
        .unwrap();
    let root = temp.path();
    assert!(
        !root.starts_with(workspace_dir()),
        "the temp crate must be outside the workspace"
    );

    let mut members = Vec::new();
    add_members(
        root,
        "example",
        &workspace_dir().join("examples/schemas.json"),
        &mut members,
    );
    add_members(
        root,
        "adversarial",
        &workspace_dir().join("codegen/tests/fixtures/adversarial.json"),
        &mut members,
    );
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    write(
        &root.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    );
    std::fs::copy(workspace_dir().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();

    cargo(
        root,
        &[
            "clippy",
            "--offline",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    );
    cargo(root, &["doc", "--offline", "--workspace", "--no-deps"]);
    // No HubSpot text may become a doctest: every crate reports zero doc tests.
    let tests = cargo(root, &["test", "--offline", "--workspace", "--doc"]);
    let counts: Vec<&str> = tests
        .lines()
        .filter(|l| l.starts_with("running "))
        .collect();
    assert!(!counts.is_empty(), "no doctest runs reported:\n{tests}");
    assert!(
        counts.iter().all(|l| *l == "running 0 tests"),
        "doctests found:\n{tests}"
    );
}
