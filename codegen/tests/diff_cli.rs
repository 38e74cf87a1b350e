//! `codegen diff`, `codegen diagram` and `check`'s classified summary as a user runs
//! them: the real binary (`CARGO_BIN_EXE_codegen`) as a child process, exit codes
//! 0 / 3 / 1 / 2, each output format, `diff --live` over HTTP against the loopback
//! sandbox, and `check` on a crate that carries the snapshot it was generated from.

// The binary and the CLI module exist only with the `live` feature.
#![cfg(feature = "live")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use hubspot_codegen::cli_diff::EMBEDDED_SNAPSHOT;
use hubspot_codegen::{diagram, snapshot};
use hubspot_runtime::schema::{Property, parse_schemas};
use hubspot_sandbox::{DEFAULT_TOKEN, Sandbox};

mod common;
use common::{CUSTOM_OBJECTS_SNAPSHOT, EXAMPLE_SNAPSHOT, assert_exit, s, stderr, stdout};

fn fixture(case: &str, side: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/diff_fixtures")
        .join(case)
        .join(format!("{side}.json"))
        .to_str()
        .unwrap()
        .to_owned()
}

fn codegen(args: &[&str], env: &[(&str, &str)]) -> Output {
    common::run(args, env)
}

#[test]
fn compatible_changes_exit_0_and_breaking_ones_exit_3() {
    let output = codegen(
        &[
            "diff",
            &fixture("property_added", "old"),
            &fixture("property_added", "new"),
        ],
        &[],
    );
    assert_exit(&output, 0);
    let text = stdout(&output);
    assert!(
        text.starts_with("cars: 0 breaking, 1 compatible\n"),
        "{text}"
    );
    assert!(
        text.contains("  compatible  property `color` added (`string/text`)\n"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour into a pipe: {text}");
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));

    let output = codegen(
        &[
            "diff",
            &fixture("property_type_changed", "old"),
            &fixture("property_type_changed", "new"),
        ],
        &[],
    );
    assert_exit(&output, 3);
    let text = stdout(&output);
    assert!(
        text.contains("              Cars::year: Option<Decimal> → Option<String>\n"),
        "{text}"
    );
    assert!(
        text.contains(": 1 breaking, 0 compatible\ncode generated from "),
        "{text}"
    );

    let output = codegen(
        &[
            "diff",
            &fixture("identical", "old"),
            &fixture("identical", "new"),
        ],
        &[],
    );
    assert_exit(&output, 0);
    assert!(stdout(&output).starts_with("no changes between "));
}

#[test]
fn two_portals_with_the_same_schemas_differ_in_ids_only_and_exit_0() {
    let output = codegen(
        &[
            "diff",
            &fixture("other_account", "old"),
            &fixture("other_account", "new"),
        ],
        &[],
    );
    assert_exit(&output, 0);
    let text = stdout(&output);
    for line in [
        "cars: 0 breaking, 4 compatible\n",
        "  compatible  object type id of the other account: `2-2468013` → `2-3468013` (resolved at run time)\n",
        "  compatible  fully qualified name of the other account: `p12345678_cars` → `p87654321_cars` (resolved at run time)\n",
        "  compatible  association `18` type id of the other account: `18` → `1000018` (resolved at run time)\n",
        "              Cars::CAR_TO_LOT\n",
        "lots: 0 breaking, 3 compatible\n",
        ": 0 breaking, 7 compatible\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
}

#[test]
fn errors_exit_1_and_usage_errors_exit_2() {
    let temp = tempfile::tempdir().unwrap();
    let bad = temp.path().join("bad.json");
    fs::write(&bad, "{\"results\": [\n  {\"name\": \"cars\",}\n]}").unwrap();
    let output = codegen(&["diff", EXAMPLE_SNAPSHOT, s(&bad)], &[]);
    assert_exit(&output, 1);
    assert!(
        stderr(&output).starts_with(&format!("error: {}:2:19: trailing comma", bad.display())),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());

    let missing = temp.path().join("missing.json");
    let output = codegen(&["diff", s(&missing), EXAMPLE_SNAPSHOT], &[]);
    assert_exit(&output, 1);
    assert!(
        stderr(&output).contains("cannot read snapshot"),
        "{}",
        stderr(&output)
    );

    // Neither NEW nor --live, both, and an unknown format are usage errors.
    assert_exit(&codegen(&["diff", EXAMPLE_SNAPSHOT], &[]), 2);
    assert_exit(
        &codegen(&["diff", EXAMPLE_SNAPSHOT, EXAMPLE_SNAPSHOT, "--live"], &[]),
        2,
    );
    assert_exit(
        &codegen(
            &[
                "diff",
                EXAMPLE_SNAPSHOT,
                EXAMPLE_SNAPSHOT,
                "--format",
                "yaml",
            ],
            &[],
        ),
        2,
    );
    assert_exit(&codegen(&["diagram"], &[]), 2);
    assert_exit(&codegen(&["diagram", "--from", s(&missing)], &[]), 1);
}

#[test]
fn json_and_markdown_formats() {
    let (old, new) = (
        fixture("option_removed", "old"),
        fixture("option_removed", "new"),
    );
    let output = codegen(&["diff", &old, &new, "--format", "json"], &[]);
    assert_exit(&output, 3);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["format_version"], 1);
    assert_eq!(json["old"], old.as_str());
    assert_eq!(json["new"], new.as_str());
    assert_eq!(
        json["summary"],
        serde_json::json!({"changes": 1, "breaking": 1, "compatible": 0})
    );
    assert_eq!(
        json["changes"][0],
        serde_json::json!({
            "kind": "option_removed",
            "breaking": true,
            "object": "cars",
            "property": "condition",
            "option": "cpo",
            "association": null,
            "old": "cpo",
            "new": null,
            "rust": {"old": "CarsCondition::Cpo", "new": null},
            "message": "option `cpo` of `condition` removed",
            "reason": "its variant disappears on regeneration and HubSpot rejects writes of the value"
        })
    );

    let output = codegen(&["diff", &old, &new, "--format", "markdown"], &[]);
    assert_exit(&output, 3);
    let markdown = stdout(&output);
    assert!(
        markdown.starts_with("## HubSpot schema changes\n\n1 change from `"),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "| **breaking** | option `cpo` of `condition` removed | `CarsCondition::Cpo` |"
        ),
        "{markdown}"
    );
}

#[test]
fn diagram_prints_mermaid_by_default_and_dot_on_request() {
    let schemas = hubspot_codegen::source::read_snapshot(EXAMPLE_SNAPSHOT).unwrap();
    let output = codegen(&["diagram", "--from", EXAMPLE_SNAPSHOT], &[]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), diagram::mermaid(&schemas));
    let output = codegen(
        &["diagram", "--from", EXAMPLE_SNAPSHOT, "--format", "dot"],
        &[],
    );
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), diagram::dot(&schemas));
}

/// Generate a crate from `old` into a temp dir, optionally carrying `old` as its
/// embedded snapshot.
fn generated_crate(old: &str, embed: bool) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("objects");
    assert_exit(
        &codegen(&["generate", "--from", old, "--out", s(&out)], &[]),
        0,
    );
    // `generate` embeds the snapshot it read; a crate from an older generator has none.
    assert!(out.join(EMBEDDED_SNAPSHOT).is_file());
    if !embed {
        fs::remove_file(out.join(EMBEDDED_SNAPSHOT)).unwrap();
    }
    (temp, out)
}

#[test]
fn check_on_drift_prints_the_classified_changes_from_the_embedded_snapshot() {
    let (old, new) = (
        fixture("property_type_changed", "old"),
        fixture("property_type_changed", "new"),
    );
    let (_temp, out) = generated_crate(&old, true);
    let output = codegen(&["check", "--from", &new, "--out", s(&out)], &[]);
    assert_exit(&output, 3);
    let text = stdout(&output);
    assert!(
        text.contains("src/cars.rs"),
        "the drifted file is still listed: {text}"
    );
    assert!(
        text.contains(
            "  breaking    property `year` type changed: `number/number` → `string/text`\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("Cars::year: Option<Decimal> → Option<String>"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "from {} to {new}: 1 breaking",
            out.join(EMBEDDED_SNAPSHOT).display()
        )),
        "{text}"
    );
    assert!(text.contains("is out of date"), "{text}");

    // Up to date: nothing to classify, nothing printed about schemas.
    let output = codegen(&["check", "--from", &old, "--out", s(&out)], &[]);
    assert_exit(&output, 0);
    assert!(!stdout(&output).contains("breaking"), "{}", stdout(&output));
}

#[test]
fn check_without_an_embedded_snapshot_says_why_it_cannot_classify() {
    let (old, new) = (
        fixture("property_removed", "old"),
        fixture("property_removed", "new"),
    );
    let (_temp, out) = generated_crate(&old, false);
    let output = codegen(&["check", "--from", &new, "--out", s(&out)], &[]);
    assert_exit(&output, 3);
    let text = stdout(&output);
    assert!(
        text.contains(&format!(
            "({} has no {EMBEDDED_SNAPSHOT}, so the schema changes cannot be classified; \
             run `codegen diff OLD_SNAPSHOT {new}` to see them)\n",
            out.display()
        )),
        "{text}"
    );
}

#[test]
fn check_says_when_only_the_generated_code_differs() {
    let old = fixture("identical", "old");
    let (_temp, out) = generated_crate(&old, true);
    let lib = out.join("src/lib.rs");
    let edited = fs::read_to_string(&lib).unwrap() + "\n// edited by hand\n";
    fs::write(&lib, edited).unwrap();
    let output = codegen(&["check", "--from", &old, "--out", s(&out)], &[]);
    assert_exit(&output, 3);
    assert!(
        stdout(&output).contains("mean the same; only the generator's output differs"),
        "{}",
        stdout(&output)
    );
}

/// `diff --live` off the async runtime (the sandbox serves on it meanwhile).
async fn codegen_live(args: Vec<String>, sandbox: &Sandbox, token: Option<&str>) -> Output {
    let mut env = vec![("HUBSPOT_BASE_URL".to_owned(), sandbox.base_url())];
    if let Some(token) = token {
        env.push(("HUBSPOT_ACCESS_TOKEN".to_owned(), token.to_owned()));
    }
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        codegen(&args, &env)
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn diff_live_compares_a_snapshot_with_the_account() {
    let sandbox = Sandbox::start().await;
    assert_eq!(sandbox.seed_file(CUSTOM_OBJECTS_SNAPSHOT), Ok(3));

    // The snapshot the account was seeded from: nothing changed.
    let args = |old: &str| vec!["diff".to_owned(), old.to_owned(), "--live".to_owned()];
    let output = codegen_live(args(CUSTOM_OBJECTS_SNAPSHOT), &sandbox, Some(DEFAULT_TOKEN)).await;
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        format!("no changes between {CUSTOM_OBJECTS_SNAPSHOT} and live account\n")
    );

    // A snapshot with a property the account does not have: removed in the account.
    let mut schemas = parse_schemas(&fs::read_to_string(CUSTOM_OBJECTS_SNAPSHOT).unwrap()).unwrap();
    let cars = schemas.iter_mut().find(|s| s.name == "cars").unwrap();
    cars.properties.as_mut().unwrap().push(Property {
        name: "mileage".into(),
        r#type: "number".into(),
        field_type: Some("number".into()),
        ..Default::default()
    });
    let temp = tempfile::tempdir().unwrap();
    let old = temp.path().join("old.json");
    fs::write(&old, snapshot::to_snapshot_string(&schemas)).unwrap();
    let mut json_args = args(s(&old));
    json_args.extend(["--format".to_owned(), "json".to_owned()]);
    let output = codegen_live(json_args, &sandbox, Some(DEFAULT_TOKEN)).await;
    assert_exit(&output, 3);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["new"], "live account");
    assert_eq!(json["summary"]["changes"], 1);
    assert_eq!(json["changes"][0]["kind"], "property_removed");
    assert_eq!(
        json["changes"][0]["rust"]["old"],
        "Cars::mileage: Option<Decimal>"
    );

    // No credentials: an error (exit 1) that says where credentials come from.
    let output = codegen_live(args(CUSTOM_OBJECTS_SNAPSHOT), &sandbox, None).await;
    assert_exit(&output, 1);
    assert!(
        stderr(&output).contains("HUBSPOT_ACCESS_TOKEN"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn check_with_an_unreadable_embedded_snapshot_still_reports_drift() {
    let (old, new) = (
        fixture("property_removed", "old"),
        fixture("property_removed", "new"),
    );
    let (_temp, out) = generated_crate(&old, false);
    let embedded = out.join(EMBEDDED_SNAPSHOT);
    fs::write(&embedded, "{\"results\": [\n  {\"labels\": {}}\n]}").unwrap();
    let output = codegen(&["check", "--from", &new, "--out", s(&out)], &[]);
    assert_exit(&output, 3);
    let text = stdout(&output);
    assert!(
        text.contains(&format!(
            "(the schema changes cannot be classified: {}:2:16: missing field `name`",
            embedded.display()
        )),
        "{text}"
    );
    assert!(text.contains("is out of date"), "{text}");
}
