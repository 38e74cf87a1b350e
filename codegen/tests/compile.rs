//! Compile tests: generated code must build warning-free, pass `clippy -D warnings` and
//! `cargo doc` with `-D warnings`, and contain no doctest, for `examples/schemas.json`
//! and for `tests/fixtures/adversarial.json` (keywords, digits, collisions, non-ASCII,
//! hostile docs, an unknown type, an empty object, 2,000 options), as a crate and as a
//! single `include!`d file. The example crate also runs a test against the real runtime:
//! a records page (`tests/fixtures/records-page.json`) decodes into typed values.
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

/// An integration test of the crate generated from `examples/schemas.json`: a records
/// page decodes into typed values, and writes use HubSpot's formats. It runs against
/// the real runtime, so it checks that generated code and runtime agree.
const EXAMPLE_RECORDS_TEST: &str = r##"
use example::{Cars, CarsCondition, CarsFeatures, CarsProperty, CarsTransmission};
use hubspot_runtime::jiff::civil::date;
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::{CrmObject, PropertyName, RecordPage};

#[test]
fn a_records_page_decodes_into_typed_values() {
    let page: RecordPage<Cars> = serde_json::from_str(include_str!("records-page.json")).unwrap();
    assert_eq!(page.next_after(), Some("514"));
    let first = &page.results[0];
    assert_eq!(first.id, "512");
    let cars = &first.properties;
    assert_eq!(cars.year, Some(Decimal::from(2003)));
    assert_eq!(cars.price, Some(Decimal::new(45005, 1)));
    assert_eq!(cars.in_stock, Some(true));
    assert_eq!(cars.condition, Some(CarsCondition::Used));
    assert_eq!(cars.features, Some(vec![CarsFeatures::Sunroof, CarsFeatures::HeatedSeats]));
    assert_eq!(cars.transmission, Some(CarsTransmission::Automatic));
    assert_eq!(cars.date_received, Some(date(2024, 5, 1)));
    assert_eq!(cars.last_service_at, Some("2024-04-28T13:45:00Z".parse().unwrap()));
    assert_eq!(cars.notes.as_deref(), Some("Line one\nLine two"));

    let second = &page.results[1].properties;
    // Midnight-UTC epoch milliseconds is a date too.
    assert_eq!(second.date_received, Some(date(2024, 5, 3)));
    // null, "" and missing all read as None.
    assert_eq!(second.price, None);
    assert_eq!(second.features, None);
    assert_eq!(second.dealer_phone, None);
    // An option added in HubSpot after generation is kept.
    assert_eq!(second.condition, Some(CarsCondition::Unknown("salvage".to_owned())));
    assert_eq!(second.condition.as_ref().unwrap().as_str(), "salvage");
}

#[test]
fn writes_use_hubspot_formats_and_names() {
    let cars = Cars {
        year: Some(Decimal::from(2019)),
        in_stock: Some(false),
        features: Some(vec![CarsFeatures::Sunroof, CarsFeatures::TowPackage]),
        condition: Some(CarsCondition::Cpo),
        date_received: Some(date(2024, 2, 29)),
        ..Cars::default()
    };
    assert_eq!(
        serde_json::to_value(&cars).unwrap(),
        serde_json::json!({
            "condition": "cpo",
            "date_received": "2024-02-29",
            "features": "sunroof;tow_package",
            "in_stock": "false",
            "year": "2019",
        })
    );
    assert_eq!(Cars::NAME, "cars");
    assert_eq!(Cars::OBJECT_TYPE_ID, "2-2468013");
    assert_eq!(
        Cars::REQUIRED_PROPERTIES,
        [CarsProperty::Make, CarsProperty::Model, CarsProperty::Vin, CarsProperty::Year]
    );
    assert!(Cars::READ_ONLY_PROPERTIES.contains(&CarsProperty::PriceWithTax));
    assert_eq!(Cars::ASSOCIATIONS[0].to_object_type_id, "0-1");
    assert_eq!("vin".parse::<CarsProperty>().unwrap(), CarsProperty::Vin);
    assert!("no_such".parse::<CarsProperty>().is_err());
    assert_eq!(<CarsProperty as PropertyName>::ALL.len(), 23);
    assert_eq!(CarsProperty::HsCreatedate.label(), "Object create date/time");
    assert_eq!(CarsCondition::Cpo.label(), Some("Certified pre-owned"));
    assert_eq!(CarsFeatures::ALL.len(), 3);
}
"##;

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
    // The example crate also gets a test that runs its types against the runtime.
    let example = root.join("example");
    let manifest = std::fs::read_to_string(example.join("Cargo.toml")).unwrap();
    write(
        &example.join("Cargo.toml"),
        &format!("{manifest}\n[dev-dependencies]\nserde_json = \"1\"\n"),
    );
    write(&example.join("tests/records.rs"), EXAMPLE_RECORDS_TEST);
    std::fs::copy(
        workspace_dir().join("codegen/tests/fixtures/records-page.json"),
        example.join("tests/records-page.json"),
    )
    .unwrap();

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
    let records = cargo(
        root,
        &["test", "--offline", "-p", "example", "--test", "records"],
    );
    assert!(records.contains("test result: ok. 2 passed"), "{records}");
}
