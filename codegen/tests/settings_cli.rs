//! `--settings` and `hubspot-codegen.toml` through the `codegen` binary: `generate`
//! writes what the library generates with the same settings, warnings go to stderr with
//! their position, a settings change is a full run, `check` and `diff` honour the
//! settings, and bad settings exit 1 naming file, line and key.

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::{assert_exit, s, stderr, stdout, tree_text};

use hubspot_codegen::settings::parse;
use hubspot_codegen::{GenerateOptions, RuntimeDependency, generate_crate};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temp dir with the fixture snapshot as `schemas.json`, and its settings as
/// `deals.toml` (not the discovered name).
fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let snapshot = temp.path().join("schemas.json");
    fs::copy(fixture("settings-deals.json"), &snapshot).unwrap();
    let settings = temp.path().join("deals.toml");
    fs::copy(fixture("settings-deals.toml"), &settings).unwrap();
    (temp, snapshot, settings)
}

fn generate(snapshot: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["generate", "--from", s(snapshot), "--out", s(out)];
    args.extend(extra);
    common::run(&args, &[])
}

#[test]
fn generate_with_settings_writes_what_the_library_generates() {
    let (temp, snapshot, settings) = workspace();
    let out = temp.path().join("objects");
    let output = generate(&snapshot, &out, &["--settings", s(&settings)]);
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        format!(
            "generated 1 object (5 files, 5 written, 0 unchanged, 0 removed) into {}\n",
            out.display()
        )
    );
    let schemas = hubspot_codegen::source::read_snapshot(&snapshot).unwrap();
    let options = GenerateOptions {
        crate_name: "hubspot-objects".to_owned(),
        runtime: RuntimeDependency::Version(env!("CARGO_PKG_VERSION").to_owned()),
        only: Vec::new(),
        snapshot_name: "schemas.json".to_owned(),
        settings: parse::read(&settings).unwrap(),
    };
    let expected = generate_crate(&schemas, &options).unwrap();
    let mut written = tree_text(&out);
    written.remove(hubspot_codegen::fingerprint::MANIFEST_FILE);
    assert_eq!(written, expected.files.into_iter().collect());
    assert!(
        fs::read_to_string(out.join("src/deals.rs"))
            .unwrap()
            .contains("pub struct Deal {")
    );
}

#[test]
fn settings_beside_the_snapshot_are_discovered_and_a_change_is_a_full_run() {
    let (temp, snapshot, settings) = workspace();
    let out = temp.path().join("objects");
    assert_exit(&generate(&snapshot, &out, &[]), 0);
    assert!(out.join("src/cars.rs").is_file());
    // The same inputs again: the fast path, nothing written.
    let again = generate(&snapshot, &out, &[]);
    assert!(stdout(&again).contains("0 written"), "{}", stdout(&again));

    fs::copy(&settings, temp.path().join("hubspot-codegen.toml")).unwrap();
    let output = generate(&snapshot, &out, &[]);
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains("generated 1 object"),
        "{}",
        stdout(&output)
    );
    assert!(
        !out.join("src/cars.rs").exists(),
        "an excluded object's file is removed"
    );
    let deals = fs::read_to_string(out.join("src/deals.rs")).unwrap();
    assert!(deals.contains("pub struct Deal {") && !deals.contains("hs_date_entered"));
}

#[test]
fn check_compares_with_what_the_settings_generate() {
    let (temp, snapshot, settings) = workspace();
    let out = temp.path().join("objects");
    assert_exit(&generate(&snapshot, &out, &["--settings", s(&settings)]), 0);
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--from", s(&snapshot), "--out", s(&out)];
        args.extend(extra);
        common::run(&args, &[])
    };
    let output = check(&["--settings", s(&settings)]);
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        format!("{} is up to date (1 object, 5 files)\n", out.display())
    );
    // Without the settings the crate is out of date.
    let output = check(&[]);
    assert_exit(&output, 3);
    assert!(
        stdout(&output).contains("src/cars.rs"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn diff_with_settings_ignores_excluded_properties_and_shows_renames() {
    let (temp, old, _) = workspace();
    let text = fs::read_to_string(&old).unwrap();
    // HubSpot adds a stage: a new `hs_date_entered_*` property.
    let new = temp.path().join("new.json");
    fs::write(
        &new,
        text.replacen(
            "\"name\": \"hs_date_entered_closedlost\"",
            "\"name\": \"hs_date_entered_won2\"",
            1,
        ),
    )
    .unwrap();
    let trimmed = temp.path().join("trimmed.toml");
    fs::write(
        &trimmed,
        "[object.deals.properties]\nexclude = [\"hs_date_entered_*\"]\n",
    )
    .unwrap();
    let output = common::run(
        &[
            "diff",
            s(&old),
            s(&new),
            "--settings",
            s(&trimmed),
            "--format",
            "json",
        ],
        &[],
    );
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains("\"changes\": []"),
        "{}",
        stdout(&output)
    );

    let renamed = temp.path().join("renamed.toml");
    fs::write(
        &renamed,
        "[object.deals.rename_properties]\ndealname = \"name\"\n",
    )
    .unwrap();
    let empty = temp.path().join("empty.toml");
    fs::write(&empty, "").unwrap();
    let output = common::run(
        &[
            "diff",
            s(&old),
            s(&old),
            "--old-settings",
            s(&empty),
            "--settings",
            s(&renamed),
            "--format",
            "json",
        ],
        &[],
    );
    assert!(
        stdout(&output).contains("\"rust_name_changed\""),
        "{}",
        stdout(&output)
    );
}

#[test]
fn bad_settings_exit_1_naming_file_line_and_key_and_warnings_go_to_stderr() {
    let (temp, snapshot, _) = workspace();
    let out = temp.path().join("objects");
    let bad = temp.path().join("bad.toml");
    fs::write(&bad, "[object.deals]\nrename = \"struct\"\n").unwrap();
    let output = generate(&snapshot, &out, &["--settings", s(&bad)]);
    assert_exit(&output, 1);
    assert_eq!(
        stderr(&output),
        format!(
            "error: {}:2:10: object.deals.rename: the rename \"struct\" is a Rust keyword; use an UpperCamelCase identifier such as `Deal`\n",
            bad.display()
        )
    );
    assert!(!out.exists());

    let unmatched = temp.path().join("unmatched.toml");
    fs::write(
        &unmatched,
        "[object.deals.properties]\nexclude = [\"hs_nope_*\"]\n",
    )
    .unwrap();
    let output = generate(&snapshot, &out, &["--settings", s(&unmatched)]);
    assert_exit(&output, 0);
    assert_eq!(
        stderr(&output),
        format!(
            "warning: {}:2:12: object.deals.properties.exclude: \"hs_nope_*\" matches nothing \
             in the snapshot\n",
            unmatched.display()
        )
    );
}

#[test]
fn diagram_draws_only_the_objects_the_settings_select() {
    let (_temp, snapshot, settings) = workspace();
    let all = common::run(&["diagram", "--from", s(&snapshot)], &[]);
    assert_exit(&all, 0);
    assert!(stdout(&all).contains("cars"), "{}", stdout(&all));
    let trimmed = common::run(
        &[
            "diagram",
            "--from",
            s(&snapshot),
            "--settings",
            s(&settings),
        ],
        &[],
    );
    assert_exit(&trimmed, 0);
    assert!(!stdout(&trimmed).contains("cars"), "{}", stdout(&trimmed));
    assert!(stdout(&trimmed).contains("deals"), "{}", stdout(&trimmed));
}
