//! `codegen generate` given a file that is not a list of object schemas (DESIGN §
//! Snapshot): one schema is generated as one object; a Properties API list, a create
//! request and `{}` are exit 1 with nothing written; an empty account is generated but
//! said on stderr. The exact texts are tested in `src/source.rs`; these tests prove
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
