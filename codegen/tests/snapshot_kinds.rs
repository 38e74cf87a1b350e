//! `codegen generate` given a file that is not a list of object schemas (DESIGN §
//! Snapshot): one schema is generated as one object; a Properties API list, a create
//! request and `{}` are exit 1 with nothing written; an empty account is generated but
//! said on stderr. The refusals' full texts are checked here too; these tests prove
//! the binary never turns such files into an empty crate with exit 0, nor one object
//! per property.

use std::fs;

mod common;
use common::{assert_exit, s, stderr, stdout};

/// Run `codegen generate` on `contents`; returns the output and the output dir.
fn generate(contents: &str) -> (tempfile::TempDir, std::process::Output, std::path::PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let snapshot = temp.path().join("input.json");
    fs::write(&snapshot, contents).unwrap();
    let out = temp.path().join("objects");
    let output = common::run(
        &[
            "generate",
            "--from",
            s(&snapshot),
            "--out",
            s(&out),
            "--runtime-path",
            "../runtime",
        ],
        &[],
    );
    (temp, output, out)
}

#[test]
fn one_schema_generates_that_object() {
    let (_temp, output, out) = generate(
        r#"{"id":"7","objectTypeId":"2-7","name":"cars","labels":{"singular":"Car","plural":"Cars"},
            "properties":[{"name":"vin","type":"string","fieldType":"text"}]}"#,
    );
    assert_exit(&output, 0);
    assert!(
        stdout(&output).starts_with("generated 1 object (5 files"),
        "{}",
        stdout(&output)
    );
    assert_eq!(stderr(&output), "");
    let module = fs::read_to_string(out.join("src/cars.rs")).unwrap();
    assert!(module.contains("pub vin: Option<String>"), "{module}");
}

#[test]
fn a_properties_list_is_exit_1_and_writes_nothing() {
    // 300 contact properties, as `GET /crm/v3/properties/contacts` returns them.
    let entries: Vec<String> = (0..300)
        .map(|i| {
            format!(
                r#"{{"name":"prop_{i}","label":"Prop {i}","type":"string","fieldType":"text","groupName":"contactinformation"}}"#
            )
        })
        .collect();
    let (_temp, output, out) = generate(&format!(r#"{{"results":[{}]}}"#, entries.join(",")));
    assert_exit(&output, 1);
    let message = stderr(&output);
    assert!(
        message.contains("holds 300 property definitions (`prop_0`, `prop_1`, `prop_2`, …)"),
        "{message}"
    );
    assert!(
        message.contains("codegen fetch --objects contacts"),
        "{message}"
    );
    assert!(!out.exists(), "nothing may be written");
}

#[test]
fn a_create_request_and_an_empty_object_are_exit_1() {
    for (body, expected) in [
        (
            r#"{"name":"cars","labels":{"singular":"Car"},"properties":[],"requiredProperties":[],"associatedObjects":[]}"#,
            "holds a schema create request",
        ),
        (
            "{}",
            "holds an empty JSON object (`{}`) and no `results` list",
        ),
    ] {
        let (_temp, output, out) = generate(body);
        assert_exit(&output, 1);
        assert!(stderr(&output).contains(expected), "{}", stderr(&output));
        assert!(!out.exists(), "nothing may be written from {body}");
    }
}

#[test]
fn an_empty_account_generates_an_empty_crate_and_says_so() {
    let (_temp, output, out) = generate(r#"{"results":[]}"#);
    assert_exit(&output, 0);
    assert!(stdout(&output).starts_with("generated 0 objects"));
    assert!(
        stderr(&output).starts_with("warning: no objects selected: the snapshot holds no objects"),
        "{}",
        stderr(&output)
    );
    assert!(out.join("src/lib.rs").exists());
}

/// `codegen generate` on `contents` written as `name` in a temp dir; stderr with the
/// file's path replaced by `<file>`.
fn refused(contents: &str) -> (std::process::Output, String) {
    let (temp, output, out) = generate(contents);
    assert!(!out.exists(), "nothing may be written from {contents}");
    let path = temp.path().join("input.json");
    let message = stderr(&output).replace(&path.display().to_string(), "<file>");
    (output, message)
}

#[test]
fn the_refusals_say_exactly_what_the_file_holds_and_what_to_run() {
    // The example's cars properties, as `GET /crm/v3/properties/{objectType}` lists them.
    let example: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(common::EXAMPLE_SNAPSHOT).unwrap()).unwrap();
    let cars = example["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|schema| schema["name"] == "cars")
        .unwrap();
    let properties = serde_json::json!({ "results": cars["properties"] }).to_string();
    let (output, message) = refused(&properties);
    assert_exit(&output, 1);
    assert_eq!(
        message,
        "error: <file>: holds 25 property definitions (`brochure`, `condition`, \
         `date_received`, …): a Properties API response (`GET /crm/v3/properties/{objectType}`) \
         for one object, not object schemas; which object they belong to is not in the file\n  \
         fetch the object with its properties instead: `codegen fetch --objects contacts --out \
         hubspot-schemas.json` (name the object these properties belong to; `custom,standard` \
         for all)\n"
    );

    let (output, message) = refused(
        r#"{"name":"cars","labels":{"singular":"Car","plural":"Cars"},
            "properties":[{"name":"vin","label":"VIN","type":"string","fieldType":"text"}],
            "requiredProperties":["vin"],"associatedObjects":["CONTACT"]}"#,
    );
    assert_exit(&output, 1);
    assert_eq!(
        message,
        "error: <file>: holds a schema create request (the body of `POST \
         /crm-object-schemas/v3/schemas`, an `ObjectSchemaEgg`), not a snapshot: it lacks what \
         HubSpot assigns on creation (object type id, property details)\n  create the object in \
         HubSpot first (`POST /crm-object-schemas/v3/schemas` with this body), then snapshot the \
         account with `codegen fetch --out hubspot-schemas.json`\n"
    );

    let (output, message) = refused("{}");
    assert_exit(&output, 1);
    assert_eq!(
        message,
        "error: <file>: holds an empty JSON object (`{}`) and no `results` list: not a \
         snapshot\n  a snapshot is the body of `GET /crm-object-schemas/v3/schemas` \
         ({\"results\":[…]}) or a JSON array of object schemas; make one with `codegen fetch \
         --out hubspot-schemas.json`\n"
    );
}

#[test]
fn a_full_single_schema_body_generates_what_a_list_of_that_schema_generates() {
    // The body of `GET /crm-object-schemas/v3/schemas/cars`: the example's cars schema.
    let example: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(common::EXAMPLE_SNAPSHOT).unwrap()).unwrap();
    let cars = example["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|schema| schema["name"] == "cars")
        .unwrap()
        .clone();
    let (_one_temp, output, one) = generate(&cars.to_string());
    assert_exit(&output, 0);
    assert_eq!(stderr(&output), "");
    let (_list_temp, output, listed) =
        generate(&serde_json::json!({ "results": [cars] }).to_string());
    assert_exit(&output, 0);
    let module = fs::read_to_string(one.join("src/cars.rs")).unwrap();
    assert!(module.contains("pub enum CarsStage {"), "pipelines kept");
    assert_eq!(
        module,
        fs::read_to_string(listed.join("src/cars.rs")).unwrap()
    );
}
