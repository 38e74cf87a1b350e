//! The no-op fast path of `codegen generate`: a run whose snapshot, options and
//! generator match the manifest of the last full run, and whose output directory still
//! holds exactly those files, generates and writes nothing and prints the same summary
//! as a full run that changed nothing. Everything else (a hand-edited, deleted or stale
//! file, another option, another snapshot byte, a missing or broken manifest) falls back
//! to a full run that repairs the directory. `check` never trusts the manifest.
//!
//! Which path a run took is read from its diagnostics (`HUBSPOT_CODEGEN_LOG=debug` on
//! stderr), never from timing.

#![cfg(unix)] // inode checks

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use hubspot_codegen::fingerprint::{
    self, Fingerprint, MANIFEST_FILE, Manifest, Mode, Reason, content_hash,
};
use hubspot_codegen::write::{
    write_crate, write_crate_and_manifest, write_crate_and_manifest_with,
};
use hubspot_codegen::{GenerateOptions, GeneratedCrate, RuntimeDependency};

mod common;
use common::{EXAMPLE_SNAPSHOT, assert_exit, s, stderr, stdout};

const FAST: &str = "no-op fast path:";

/// The binary with diagnostics on, so stderr says which path the run took.
fn codegen(args: &[&str]) -> Output {
    common::run(args, &[("HUBSPOT_CODEGEN_LOG", "hubspot_codegen=debug")])
}

/// A temp dir with a copy of the example snapshot as `schemas.json`, and where the
/// crate goes.
fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let snapshot = temp.path().join("schemas.json");
    fs::copy(EXAMPLE_SNAPSHOT, &snapshot).unwrap();
    let out = temp.path().join("objects");
    (temp, snapshot, out)
}

fn generate_args<'a>(snapshot: &'a Path, out: &'a Path, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["generate", "--from", s(snapshot), "--out", s(out)];
    args.extend(extra);
    args
}

/// Run `generate`, expecting success, and return (stdout, stderr).
fn generate(snapshot: &Path, out: &Path, extra: &[&str]) -> (String, String) {
    let output = codegen(&generate_args(snapshot, out, extra));
    assert_exit(&output, 0);
    (stdout(&output), stderr(&output))
}

fn summary(out: &Path, counts: &str) -> String {
    format!(
        "generated 6 objects (10 files, {counts}) into {}\n",
        out.display()
    )
}

/// Assert the run took the fast path (and only said so on stderr).
#[track_caller]
fn assert_fast((printed, diagnostics): &(String, String), out: &Path) {
    // Every file of the crate unchanged; none written or removed.
    let files = printed
        .split(" files, ")
        .next()
        .and_then(|head| head.rsplit('(').next())
        .unwrap_or_default();
    let tail = format!(
        " ({files} files, 0 written, {files} unchanged, 0 removed) into {}\n",
        out.display()
    );
    assert!(
        printed.starts_with("generated ") && printed.ends_with(&tail),
        "{printed}"
    );
    assert!(
        diagnostics.contains(FAST),
        "not the fast path:\n{diagnostics}"
    );
    assert!(!diagnostics.contains("full run"), "{diagnostics}");
}

/// Assert the run was a full one, for `reason`.
#[track_caller]
fn assert_full((_, diagnostics): &(String, String), reason: &str) {
    assert!(
        !diagnostics.contains(FAST),
        "took the fast path:\n{diagnostics}"
    );
    assert!(
        diagnostics.contains(&format!("full run: {reason}")),
        "expected a full run because {reason}:\n{diagnostics}"
    );
}

const LONG_AGO: Duration = Duration::from_secs(1_000_000_000);

/// Every file's mtime far in the past, so that any write shows.
fn age_all(dir: &Path) {
    for relative in common::tree(dir).keys() {
        fs::File::options()
            .write(true)
            .open(dir.join(relative))
            .unwrap()
            .set_modified(SystemTime::UNIX_EPOCH + LONG_AGO)
            .unwrap();
    }
}

/// (mtime, inode) of every file: unchanged means not written, not replaced.
fn stamps(dir: &Path) -> BTreeMap<String, (SystemTime, u64)> {
    common::tree(dir)
        .keys()
        .map(|relative| {
            let metadata = fs::metadata(dir.join(relative)).unwrap();
            (
                relative.clone(),
                (metadata.modified().unwrap(), metadata.ino()),
            )
        })
        .collect()
}

#[test]
fn an_unchanged_regenerate_takes_the_fast_path_and_touches_no_file() {
    let (_temp, snapshot, out) = workspace();
    let first = generate(&snapshot, &out, &[]);
    assert_eq!(first.0, summary(&out, "10 written, 0 unchanged, 0 removed"));
    assert_full(&first, "no manifest");

    // The manifest lists every generated file with its content hash.
    let files = common::tree(&out);
    let manifest = Manifest::parse(std::str::from_utf8(&files[MANIFEST_FILE]).unwrap())
        .expect("the manifest parses");
    assert_eq!(manifest.objects, 6);
    let listed: BTreeMap<String, u128> = files
        .iter()
        .filter(|(path, _)| *path != MANIFEST_FILE)
        .map(|(path, bytes)| (path.clone(), content_hash(bytes)))
        .collect();
    assert_eq!(manifest.files, listed);
    assert_eq!(listed.len(), 10);

    age_all(&out);
    let before = stamps(&out);
    let second = generate(&snapshot, &out, &[]);
    assert_fast(&second, &out);
    assert_eq!(stamps(&out), before, "the fast path wrote a file");
    assert_eq!(common::tree(&out), files);

    // Without diagnostics asked for, stdout is the whole output, as for a full run.
    let quiet = common::run(&generate_args(&snapshot, &out, &[]), &[]);
    assert_exit(&quiet, 0);
    assert_eq!(stdout(&quiet), second.0);
    assert_eq!(stderr(&quiet), "");
    assert_eq!(stamps(&out), before);
}

#[test]
fn a_hand_edited_file_is_regenerated_by_a_full_run() {
    let (_temp, snapshot, out) = workspace();
    generate(&snapshot, &out, &[]);
    let pristine = common::tree(&out);
    let cars = out.join("src/cars.rs");
    let edited = fs::read_to_string(&cars)
        .unwrap()
        .replacen('\n', "\n// mine\n", 1);
    fs::write(&cars, edited).unwrap();
    age_all(&out);

    let run = generate(&snapshot, &out, &[]);
    assert_full(&run, "src/cars.rs is missing or was changed");
    assert_eq!(run.0, summary(&out, "1 written, 9 unchanged, 0 removed"));
    assert_eq!(common::tree(&out), pristine);
    // The manifest did not change, so it was not rewritten.
    let manifest_mtime = fs::metadata(out.join(MANIFEST_FILE))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(manifest_mtime, SystemTime::UNIX_EPOCH + LONG_AGO);
    assert_fast(&generate(&snapshot, &out, &[]), &out);
}

#[test]
fn a_deleted_file_is_regenerated_by_a_full_run() {
    let (_temp, snapshot, out) = workspace();
    generate(&snapshot, &out, &[]);
    let pristine = common::tree(&out);
    for file in ["src/animals.rs", "Cargo.toml", "hubspot-schemas.json"] {
        fs::remove_file(out.join(file)).unwrap();
        let run = generate(&snapshot, &out, &[]);
        assert_full(&run, &format!("{file} is missing or was changed"));
        assert_eq!(run.0, summary(&out, "1 written, 9 unchanged, 0 removed"));
        assert_eq!(common::tree(&out), pristine);
    }
    assert_fast(&generate(&snapshot, &out, &[]), &out);
}

#[test]
fn a_stale_generated_file_is_removed_by_a_full_run_and_a_hand_written_one_is_no_obstacle() {
    let (_temp, snapshot, out) = workspace();
    generate(&snapshot, &out, &[]);
    let pristine = common::tree(&out);

    // A file a person wrote is never deleted, so it does not stop the fast path.
    fs::write(out.join("src/my_helpers.rs"), "// hand-written\n").unwrap();
    assert_fast(&generate(&snapshot, &out, &[]), &out);

    // A generated file no object produces is one a full run deletes.
    fs::remove_file(out.join("src/my_helpers.rs")).unwrap();
    fs::write(
        out.join("src/boats.rs"),
        "// @generated by hubspot-codegen from schemas.json. Do not edit.\n",
    )
    .unwrap();
    let run = generate(&snapshot, &out, &[]);
    assert_full(&run, "src/boats.rs is a stale generated file");
    assert_eq!(run.0, summary(&out, "0 written, 10 unchanged, 1 removed"));
    assert_eq!(common::tree(&out), pristine);
    assert_fast(&generate(&snapshot, &out, &[]), &out);
}

#[test]
fn every_changed_option_is_a_full_run() {
    let (_temp, snapshot, out) = workspace();
    let variants: [&[&str]; 5] = [
        &[],
        &["--crate-name", "acme-objects"],
        &["--runtime-path", "../runtime"],
        &["--only", "cars"],
        &["--only", "cars,animals"],
    ];
    generate(&snapshot, &out, variants[0]);
    for pair in variants
        .windows(2)
        .chain([[variants[4], variants[0]].as_slice()])
    {
        let (from, to) = (pair[0], pair[1]);
        let run = generate(&snapshot, &out, to);
        assert_full(&run, "the snapshot, the options or the generator changed");
        assert!(
            !run.0.contains(" 0 written"),
            "{from:?} → {to:?}: {}",
            run.0
        );
        // What the full run left is what `check` with those options expects...
        let mut check = vec!["check", "--from", s(&snapshot), "--out", s(&out)];
        check.extend(to);
        let output = codegen(&check);
        assert_exit(&output, 0);
        // ... and the same options again take the fast path.
        let again = generate(&snapshot, &out, to);
        assert!(again.1.contains(FAST), "{to:?}:\n{}", again.1);
        assert!(again.0.contains(" 0 written, "), "{}", again.0);
    }
}

#[test]
fn a_changed_snapshot_byte_is_a_full_run() {
    let (_temp, snapshot, out) = workspace();
    generate(&snapshot, &out, &[]);
    let text = fs::read_to_string(&snapshot).unwrap();

    // A byte that changes the code.
    let label = "\"Certified pre-owned\"";
    assert!(
        text.contains(label),
        "the example snapshot changed; pick another label"
    );
    fs::write(
        &snapshot,
        text.replacen(label, "\"Certified pre-loved\"", 1),
    )
    .unwrap();
    let run = generate(&snapshot, &out, &[]);
    assert_full(&run, "the snapshot, the options or the generator changed");
    assert!(
        run.0.contains("written") && !run.0.contains(" 0 written"),
        "{}",
        run.0
    );
    let cars = fs::read_to_string(out.join("src/cars.rs")).unwrap();
    assert!(cars.contains("Certified pre-loved"), "not regenerated");
    assert_fast(&generate(&snapshot, &out, &[]), &out);

    // A byte that changes no generated file (one more trailing newline) is still
    // another input: a full run, which writes no file but records the new fingerprint,
    // so the run after it is fast again.
    let text = fs::read_to_string(&snapshot).unwrap();
    let before_manifest = fs::read_to_string(out.join(MANIFEST_FILE)).unwrap();
    fs::write(&snapshot, format!("{text}\n")).unwrap();
    let run = generate(&snapshot, &out, &[]);
    assert_full(&run, "the snapshot, the options or the generator changed");
    assert_eq!(run.0, summary(&out, "0 written, 10 unchanged, 0 removed"));
    let after_manifest = fs::read_to_string(out.join(MANIFEST_FILE)).unwrap();
    assert_ne!(after_manifest, before_manifest);
    assert_eq!(
        after_manifest
            .lines()
            .filter(|l| l.starts_with("file "))
            .collect::<Vec<_>>(),
        before_manifest
            .lines()
            .filter(|l| l.starts_with("file "))
            .collect::<Vec<_>>(),
    );
    assert_fast(&generate(&snapshot, &out, &[]), &out);
}

#[test]
fn a_missing_or_broken_manifest_costs_one_full_run_that_rewrites_it() {
    let (_temp, snapshot, out) = workspace();
    generate(&snapshot, &out, &[]);
    let manifest = out.join(MANIFEST_FILE);
    let good = fs::read_to_string(&manifest).unwrap();

    fs::remove_file(&manifest).unwrap();
    let run = generate(&snapshot, &out, &[]);
    assert_full(&run, "no manifest");
    assert_eq!(run.0, summary(&out, "0 written, 10 unchanged, 0 removed"));
    assert_eq!(fs::read_to_string(&manifest).unwrap(), good);

    let broken = [
        good.replace("objects 6", "objects six"),
        good.lines().take(6).collect::<Vec<_>>().join("\n"),
        String::from("garbage"),
    ];
    for text in broken {
        fs::write(&manifest, &text).unwrap();
        assert_full(
            &generate(&snapshot, &out, &[]),
            "the manifest is unreadable",
        );
        assert_eq!(fs::read_to_string(&manifest).unwrap(), good);
    }
    // A manifest edited by hand (here: lib.rs's line removed, so an edit to lib.rs
    // would go unseen) fails its checksum, and the full run puts the whole list back.
    let without_lib: String = good
        .lines()
        .filter(|line| !line.ends_with(" src/lib.rs"))
        .map(|line| format!("{line}\n"))
        .collect();
    fs::write(&manifest, without_lib).unwrap();
    fs::write(
        out.join("src/lib.rs"),
        "// @generated by hubspot-codegen from schemas.json. Do not edit.\n// edited\n",
    )
    .unwrap();
    let run = generate(&snapshot, &out, &[]);
    assert_full(&run, "the manifest is unreadable");
    assert_eq!(run.0, summary(&out, "1 written, 9 unchanged, 0 removed"));
    assert_eq!(fs::read_to_string(&manifest).unwrap(), good);
    assert!(
        !fs::read_to_string(out.join("src/lib.rs"))
            .unwrap()
            .contains("// edited"),
        "lib.rs not regenerated"
    );
}

#[test]
fn check_ignores_the_manifest_and_always_compares_every_file() {
    let (_temp, snapshot, out) = workspace();
    generate(&snapshot, &out, &[]);
    let check = ["check", "--from", s(&snapshot), "--out", s(&out)];
    let up_to_date = format!("{} is up to date (6 objects, 10 files)\n", out.display());

    // The manifest is not a file check expects, nor an extra one.
    let output = codegen(&check);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), up_to_date);
    // Without a manifest, or with a wrong one, the crate is just as up to date.
    fs::write(out.join(MANIFEST_FILE), "garbage").unwrap();
    assert_exit(&codegen(&check), 0);
    fs::remove_file(out.join(MANIFEST_FILE)).unwrap();
    assert_eq!(stdout(&codegen(&check)), up_to_date);

    // With a valid manifest vouching for the crate, a hand edit is still drift:
    // check compares bytes, it never takes the fast path.
    generate(&snapshot, &out, &[]);
    let cars = out.join("src/cars.rs");
    let edited = fs::read_to_string(&cars)
        .unwrap()
        .replacen('\n', "\n// mine\n", 1);
    fs::write(&cars, edited).unwrap();
    let output = codegen(&check);
    assert_exit(&output, 3);
    assert!(
        stdout(&output).starts_with("changed: src/cars.rs (first difference at line 2)\n"),
        "{}",
        stdout(&output)
    );
    assert!(!stderr(&output).contains(FAST), "{}", stderr(&output));
}

fn options() -> GenerateOptions {
    GenerateOptions {
        crate_name: "t".to_owned(),
        runtime: RuntimeDependency::Version("0.1.0".to_owned()),
        only: Vec::new(),
        settings: Default::default(),
        snapshot_name: "test.json".to_owned(),
    }
}

const HEADER: &str = "// @generated by hubspot-codegen from test.json. Do not edit.\n";

fn krate(objects: &[(&str, &str)]) -> GeneratedCrate {
    let mut files = BTreeMap::new();
    files.insert(
        "Cargo.toml".to_owned(),
        "# @generated by hubspot-codegen from test.json. Do not edit.\n[package]\n".to_owned(),
    );
    let mods: String = objects
        .iter()
        .map(|(name, _)| format!("pub mod {name};\n"))
        .collect();
    files.insert("src/lib.rs".to_owned(), format!("{HEADER}{mods}"));
    for (name, body) in objects {
        files.insert(format!("src/{name}.rs"), format!("{HEADER}{body}\n"));
    }
    GeneratedCrate { files }
}

#[test]
fn a_failed_run_leaves_the_previous_files_and_manifest_consistent() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("objects");
    let v1 = krate(&[
        ("cars", "pub struct Cars;"),
        ("pets", "pub struct Pets;"),
        ("zoo", ""),
    ]);
    let v1_print = Fingerprint::new(Mode::Crate, b"v1", &options());
    write_crate_and_manifest(&v1, v1_print, 3, &dir).unwrap();
    assert!(fingerprint::crate_is_current(&dir, &v1_print).is_ok());
    let before = common::tree(&dir);

    // v2 changes cars.rs, drops zoo.rs (a removal) and adds boats.rs: every kind of
    // step. Fail each step in turn; after every failure the directory, manifest
    // included, is exactly v1, and the fast path vouches for v1 and not for v2.
    let v2 = krate(&[
        ("boats", ""),
        ("cars", "pub struct Cars(u8);"),
        ("pets", "pub struct Pets;"),
    ]);
    let v2_print = Fingerprint::new(Mode::Crate, b"v2", &options());
    let mut fail_at = 0;
    loop {
        let mut step = 0;
        let result = write_crate_and_manifest_with(&v2, v2_print, 3, &dir, &mut |_| {
            step += 1;
            if step == fail_at + 1 {
                Err(std::io::Error::other("injected failure"))
            } else {
                Ok(())
            }
        });
        if result.is_ok() {
            break;
        }
        assert_eq!(common::tree(&dir), before, "step {fail_at}");
        assert!(
            fingerprint::crate_is_current(&dir, &v1_print).is_ok(),
            "step {fail_at}"
        );
        assert_eq!(
            fingerprint::crate_is_current(&dir, &v2_print).unwrap_err(),
            Reason::InputsChanged,
            "step {fail_at}"
        );
        fail_at += 1;
    }
    // Steps: 3 files staged (boats, cars, lib), the manifest staged, 2 backups (cars,
    // lib) and 3 renames, 1 removal (zoo), the manifest's backup and rename.
    assert_eq!(fail_at, 12, "steps failed");
    assert!(fingerprint::crate_is_current(&dir, &v2_print).is_ok());
    assert!(!dir.join("src/zoo.rs").exists());
    let manifest = Manifest::parse(&fs::read_to_string(dir.join(MANIFEST_FILE)).unwrap()).unwrap();
    assert_eq!(manifest, Manifest::for_crate(v2_print, 3, &v2));
}

#[test]
fn a_plain_write_leaves_a_manifest_that_cannot_vouch_for_the_new_files() {
    // `write_crate` (no manifest) over a crate that has one: the old manifest stays,
    // but it describes other bytes, so the fast path does not take it.
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("objects");
    let print = Fingerprint::new(Mode::Crate, b"v1", &options());
    write_crate_and_manifest(&krate(&[("cars", "pub struct Cars;")]), print, 1, &dir).unwrap();
    write_crate(&krate(&[("cars", "pub struct Cars(u8);")]), &dir).unwrap();
    assert_eq!(
        fingerprint::crate_is_current(&dir, &print).unwrap_err(),
        Reason::FileChanged("src/cars.rs".to_owned())
    );
}

#[test]
fn a_crate_manifest_never_vouches_for_a_single_file_or_other_options() {
    let snapshot = fs::read(EXAMPLE_SNAPSHOT).unwrap();
    let crate_print = Fingerprint::new(Mode::Crate, &snapshot, &options());
    let file_print = Fingerprint::new(Mode::SingleFile, &snapshot, &options());
    assert_ne!(crate_print, file_print);
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("objects");
    write_crate_and_manifest(&krate(&[("cars", "")]), crate_print, 1, &dir).unwrap();
    assert_eq!(
        fingerprint::crate_is_current(&dir, &file_print).unwrap_err(),
        Reason::InputsChanged
    );
    // And a directory without a manifest has none to offer.
    assert_eq!(
        fingerprint::crate_is_current(temp.path(), &crate_print).unwrap_err(),
        Reason::NoManifest
    );
}

/// `generate --live` fingerprints the fetched account (its normalized snapshot text):
/// an unchanged account is a no-op, a changed one a full run.
#[tokio::test]
async fn a_live_regenerate_is_a_no_op_until_the_account_changes() {
    use hubspot_sandbox::{DEFAULT_TOKEN, Sandbox};

    let sandbox = Sandbox::start().await;
    assert_eq!(sandbox.seed_file(common::CUSTOM_OBJECTS_SNAPSHOT), Ok(3));
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("objects");
    let base_url = sandbox.base_url();
    let live = async |out: &Path| {
        let mut command = common::command(
            &["generate", "--live", "--out", s(out)],
            &[
                ("HUBSPOT_ACCESS_TOKEN", DEFAULT_TOKEN),
                ("HUBSPOT_BASE_URL", &base_url),
                ("HUBSPOT_CODEGEN_LOG", "hubspot_codegen=debug"),
            ],
        );
        let output = tokio::task::spawn_blocking(move || command.output().unwrap())
            .await
            .unwrap();
        assert_exit(&output, 0);
        (stdout(&output), stderr(&output))
    };

    assert_full(&live(&out).await, "no manifest");
    age_all(&out);
    let before = stamps(&out);
    assert_fast(&live(&out).await, &out);
    assert_eq!(stamps(&out), before);

    // A description changed in HubSpot: the fetched snapshot differs, so a full run
    // (which rewrites at least the embedded snapshot).
    let mut cars = sandbox
        .schemas()
        .into_iter()
        .find(|schema| schema.name == "cars")
        .unwrap();
    cars.description = Some("Vehicles on the lot, described anew".to_owned());
    let body = serde_json::json!({ "results": [cars] }).to_string();
    assert_eq!(sandbox.seed_json(&body), Ok(1));
    let run = live(&out).await;
    assert_full(&run, "the snapshot, the options or the generator changed");
    assert!(!run.0.contains(" 0 written"), "{}", run.0);
    assert_fast(&live(&out).await, &out);
}
