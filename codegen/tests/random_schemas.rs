//! Random but valid HubSpot accounts must generate crates that pass `cargo clippy -D
//! warnings` and `cargo doc` with `-D warnings` and hold no doctest, as a crate and as
//! a single `include!`d file.
//!
//! A proptest strategy draws accounts as HubSpot can hold them: 1–4 objects with names
//! valid by HubSpot's rule (a letter, then letters, digits and `_`; keyword-like and
//! digit-holding names on purpose), 0–20 properties of every `type` × `fieldType`,
//! options whose values, labels and descriptions are arbitrary Unicode and
//! Rust-significant text (`"`, `\`, `*/`, `#`, `{}`, backticks, newlines, emoji, RTL
//! marks), read-only, calculated and required properties, and associations.
//!
//! CI cost stays flat: every case (and every fixture `tests/fixtures/random-*.json`, the
//! cases this test once failed on) is a member of one temporary workspace, checked by
//! one `cargo clippy`, one `cargo doc` and one `cargo test --doc` run in the shared
//! `target/compile-tests` (as `tests/compile.rs` does). Cases are drawn from a fixed
//! seed, so a run is reproducible.
//!
//! - `HUBSPOT_CODEGEN_RANDOM_CASES=N` checks N accounts instead of 4.
//! - `HUBSPOT_CODEGEN_RANDOM_SEED=S` draws other accounts (any number).
//!
//! On failure the temporary workspace is kept and its path printed: copy the failing
//! case's `hubspot-schemas.json` to `tests/fixtures/random-<what>.json` and fix the
//! generator.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use hubspot_codegen::{GenerateOptions, RuntimeDependency, generate_crate, generate_single_file};
use hubspot_runtime::schema::parse_schemas;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};

const DEFAULT_CASES: usize = 4;
const DEFAULT_SEED: u64 = 0x4855_4253_504f_5421;

fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Names HubSpot accepts that stress the naming rules.
const TRICKY_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "async",
    "await",
    "gen",
    "try",
    "dyn",
    "union",
    "macro_rules",
    "unknown",
    "Unknown",
    "lib",
    "main",
    "std",
    "core",
    "test",
    "con",
    "nul",
    "lpt1",
    "com9",
    "hubspot_runtime",
    "serde",
    "Option",
    "String",
    "Vec",
    "Default",
    "Result",
    "Some",
    "None",
    "ALL",
    "NAME",
    "as_str",
    "label",
    "from_value",
    "p2",
    "v1",
    "V1",
    "x_1",
    "a1b2c3",
    "hs_object_id",
    "hs_createdate",
    "my_prop",
    "myProp",
    "MY_PROP",
    "property",
    "write",
    "a",
    "A",
    "ab_",
    "a__b",
    "z9",
];

/// Text fragments that mean something to Rust, rustdoc, Markdown or a terminal.
const NASTY_TEXT: &[&str] = &[
    "\"",
    "\\",
    "*/",
    "/*",
    "//",
    "///",
    "//!",
    "#",
    "#[doc = \"x\"]",
    "{",
    "}",
    "{}",
    "`",
    "```",
    "```rust\nfn main() { panic!() }\n```",
    "\n",
    "\r\n",
    "\t",
    "    let x = 1;",
    "🚗",
    "👩‍👩‍👧",
    "\u{202E}",
    "\u{202C}",
    "\u{200F}",
    "עברית",
    "العربية",
    "日本語",
    "\u{FEFF}",
    "\u{0}",
    "\u{7}",
    "r#\"",
    "\"#",
    "'",
    "$",
    "%",
    "<b>",
    "&amp;",
    "[x]",
    "[link](http://example.com)",
    "<http://example.com>",
    "- item",
    "1. one",
    "> quote",
    "---",
    "| a | b |",
    "_",
    "*",
    "\\n",
    ";",
    "sunroof;heated_seats",
    " ",
    "  ",
    "é",
    "ß",
];

/// HubSpot's property `type`s, and one it may add later.
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

/// HubSpot's `fieldType`s, and ones it may add later.
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

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z][a-z0-9_]{0,12}",
        1 => "[a-zA-Z][a-zA-Z0-9_]{0,10}",
        1 => "[a-z]{1,3}[0-9]{1,4}[a-z0-9_]{0,3}",
        2 => prop::sample::select(TRICKY_NAMES).prop_map(str::to_owned),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::collection::vec(prop::sample::select(NASTY_TEXT), 1..6).prop_map(|v| v.concat()),
        1 => any::<String>(),
        1 => "[ -~]{0,24}",
    ]
}

fn maybe_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

/// One option: `(value, label, description, hidden)`.
fn option() -> impl Strategy<Value = (String, Option<String>, Option<String>, bool)> {
    (
        prop_oneof![text(), name()],
        maybe_text(),
        maybe_text(),
        prop::bool::weighted(0.2),
    )
}

/// A property as HubSpot returns it.
fn property() -> impl Strategy<Value = (String, Value)> {
    (
        name(),
        prop::sample::select(TYPES),
        prop::option::weighted(0.9, prop::sample::select(FIELD_TYPES)),
        (maybe_text(), maybe_text()),
        prop::collection::vec(option(), 0..8),
        (
            prop::bool::weighted(0.1),
            prop::bool::weighted(0.15),
            prop::bool::weighted(0.1),
            prop::bool::weighted(0.1),
        ),
    )
        .prop_map(
            |(name, ty, field_type, (label, description), options, flags)| {
                let (calculated, read_only, external, hidden) = flags;
                let mut seen = BTreeSet::new();
                let options: Vec<Value> = options
                    .into_iter()
                    .filter(|(value, ..)| seen.insert(value.clone()))
                    .enumerate()
                    .map(|(order, (value, label, description, hidden))| {
                        json!({
                            "value": value,
                            "label": label,
                            "description": description,
                            "displayOrder": order,
                            "hidden": hidden,
                        })
                    })
                    .collect();
                let property = json!({
                    "name": name,
                    "type": ty,
                    "fieldType": field_type,
                    "label": label,
                    "description": description,
                    "groupName": "random",
                    "options": options,
                    "calculated": calculated,
                    "externalOptions": external,
                    "hidden": hidden,
                    "modificationMetadata": {
                        "archivable": true,
                        "readOnlyDefinition": false,
                        "readOnlyValue": read_only,
                    },
                });
                (name, property)
            },
        )
}

/// An object before its ids and associations are assigned.
fn object() -> impl Strategy<Value = (String, Value, Vec<String>)> {
    (
        name(),
        (maybe_text(), maybe_text(), maybe_text()),
        prop::collection::vec(property(), 0..=20),
        prop::collection::vec(any::<prop::sample::Index>(), 0..3),
    )
        .prop_map(
            |(name, (singular, plural, description), properties, required)| {
                let mut seen = BTreeSet::new();
                let properties: Vec<(String, Value)> = properties
                    .into_iter()
                    .filter(|(name, _)| seen.insert(name.clone()))
                    .collect();
                let names: Vec<String> = properties.iter().map(|(n, _)| n.clone()).collect();
                let required: BTreeSet<String> = if names.is_empty() {
                    BTreeSet::new()
                } else {
                    required.iter().map(|i| i.get(&names).clone()).collect()
                };
                let object = json!({
                    "name": name,
                    "labels": { "singular": singular, "plural": plural },
                    "description": description,
                    "requiredProperties": required,
                    "properties": properties.into_iter().map(|(_, p)| p).collect::<Vec<_>>(),
                });
                (name, object, names)
            },
        )
}

/// A whole account: 1–4 objects with distinct names, object type ids, fully qualified
/// names and associations to each other and to standard objects.
fn account() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(object(), 1..=4),
        prop::collection::vec((any::<prop::sample::Index>(), maybe_text()), 0..6),
    )
        .prop_map(|(objects, associations)| {
            let mut seen = BTreeSet::new();
            let mut objects: Vec<Value> = objects
                .into_iter()
                .filter(|(name, ..)| seen.insert(name.clone()))
                .enumerate()
                .map(|(i, (name, mut object, _))| {
                    object["id"] = json!(format!("{}", 100 + i));
                    object["objectTypeId"] = json!(format!("2-{}", 100 + i));
                    object["fullyQualifiedName"] = json!(format!("p4242_{name}"));
                    object["associations"] = json!([]);
                    object
                })
                .collect();
            let mut targets: Vec<String> = objects
                .iter()
                .map(|o| o["objectTypeId"].as_str().unwrap().to_owned())
                .collect();
            targets.extend(["0-1", "0-2", "0-3", "0-5"].map(str::to_owned));
            let count = objects.len();
            for (n, (index, label)) in associations.into_iter().enumerate() {
                let from = index.index(count);
                let to = index.get(&targets).clone();
                let from_id = objects[from]["objectTypeId"].clone();
                let name = label.map(|l| l.to_ascii_uppercase());
                objects[from]["associations"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({
                        "id": format!("{}", 500 + n),
                        "fromObjectTypeId": from_id,
                        "toObjectTypeId": to,
                        "name": name,
                    }));
            }
            json!({ "results": objects })
        })
}

/// The accounts of this run, as snapshot files' text.
fn random_accounts(cases: usize, seed: u64) -> Vec<String> {
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let strategy = account();
    (0..cases)
        .map(|_| {
            let account = strategy.new_tree(&mut runner).unwrap().current();
            serde_json::to_string_pretty(&account).unwrap()
        })
        .collect()
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a number")),
        Err(_) => default,
    }
}

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// Add the crate generated from `snapshot` as member `name`, and its single-file
/// variant as `<name>-single`; the snapshot is kept beside them.
fn add_members(root: &Path, name: &str, snapshot: &str, members: &mut Vec<String>) {
    let schemas = parse_schemas(snapshot).unwrap_or_else(|e| panic!("{name}: {e}"));
    let options = |crate_name: &str| GenerateOptions {
        crate_name: crate_name.to_owned(),
        runtime: RuntimeDependency::Path(
            workspace_dir().join("runtime").to_str().unwrap().to_owned(),
        ),
        only: Vec::new(),
        settings: Default::default(),
        snapshot_name: "hubspot-schemas.json".to_owned(),
    };
    let generated =
        generate_crate(&schemas, &options(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    for (path, contents) in &generated.files {
        write(&root.join(name).join(path), contents);
    }
    members.push(name.to_owned());

    let single_name = format!("{name}-single");
    let single = generate_single_file(&schemas, &options(&single_name))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
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
        "//! The single-file variant.\n\ninclude!(\"generated.rs\");\n",
    );
    members.push(single_name);
}

/// Run cargo in `root`; on failure keep the workspace and panic with cargo's output.
/// Returns stdout.
fn cargo(temp: &mut Option<tempfile::TempDir>, args: &[&str]) -> String {
    let root = temp.as_ref().unwrap().path().to_owned();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(&root)
        .env(
            "CARGO_TARGET_DIR",
            workspace_dir().join("target/compile-tests"),
        )
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    if !output.status.success() {
        let kept = temp.take().unwrap().keep();
        panic!(
            "cargo {} failed; the workspace is kept in {} (each member's \
             hubspot-schemas.json is its account):\n{}\n{}",
            args.join(" "),
            kept.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn random_accounts_generate_crates_that_pass_clippy_and_doc() {
    let cases = env_number("HUBSPOT_CODEGEN_RANDOM_CASES", DEFAULT_CASES);
    let seed = env_number("HUBSPOT_CODEGEN_RANDOM_SEED", DEFAULT_SEED);
    let mut temp = Some(
        tempfile::Builder::new()
            .prefix("hubspot-codegen-random-")
            .tempdir()
            .unwrap(),
    );
    let root = temp.as_ref().unwrap().path().to_owned();
    assert!(!root.starts_with(workspace_dir()));

    let mut members = Vec::new();
    let accounts = random_accounts(cases, seed);
    assert_eq!(accounts.len(), cases);
    for (i, account) in accounts.iter().enumerate() {
        add_members(&root, &format!("case-{i}"), account, &mut members);
    }
    // Accounts this test once failed on stay checked forever.
    let fixtures = workspace_dir().join("codegen/tests/fixtures");
    let mut regressions: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("random-") && n.ends_with(".json"))
        })
        .collect();
    regressions.sort();
    for path in &regressions {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(path).unwrap();
        add_members(&root, &format!("fixture-{stem}"), &text, &mut members);
    }
    eprintln!(
        "random_schemas: {cases} random accounts (seed {seed:#x}) and {} fixtures",
        regressions.len()
    );

    let quoted: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    write(
        &root.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            quoted.join(", ")
        ),
    );
    std::fs::copy(workspace_dir().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();

    cargo(
        &mut temp,
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
    cargo(&mut temp, &["doc", "--offline", "--workspace", "--no-deps"]);
    // No HubSpot text (fenced code, indented code) may become a doctest.
    let tests = cargo(&mut temp, &["test", "--offline", "--workspace", "--doc"]);
    let counts: Vec<&str> = tests
        .lines()
        .filter(|l| l.starts_with("running "))
        .collect();
    assert_eq!(counts.len(), members.len(), "{tests}");
    assert!(
        counts.iter().all(|l| *l == "running 0 tests"),
        "doctests found:\n{tests}"
    );
}

#[test]
fn accounts_are_valid_and_reproducible() {
    let accounts = random_accounts(16, DEFAULT_SEED);
    assert_eq!(accounts, random_accounts(16, DEFAULT_SEED));
    assert_ne!(accounts, random_accounts(16, DEFAULT_SEED + 1));
    let mut kinds = BTreeSet::new();
    for account in &accounts {
        let schemas = parse_schemas(account).unwrap();
        assert!((1..=4).contains(&schemas.len()), "{account}");
        let names: BTreeSet<&str> = schemas.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.len(), schemas.len());
        for schema in &schemas {
            let valid = |n: &str| {
                n.starts_with(|c: char| c.is_ascii_alphabetic())
                    && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            };
            assert!(valid(&schema.name), "{}", schema.name);
            let properties = schema.properties.as_deref().unwrap_or_default();
            assert!(properties.len() <= 20);
            for property in properties {
                assert!(valid(&property.name), "{}", property.name);
                kinds.insert((property.r#type.clone(), property.field_type.clone()));
            }
        }
    }
    // The draws cover many type × fieldType pairs, not a corner.
    assert!(kinds.len() >= 30, "{kinds:?}");
}
