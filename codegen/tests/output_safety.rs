//! Output safety: whatever happens, `codegen generate --out DIR` either leaves the
//! previous crate in DIR byte-identical or replaces it completely.
//!
//! - A write interrupted at every single step (each temporary file, backup, rename and
//!   removal, through `write_crate_with`'s test seam) leaves the previous crate
//!   byte-identical, with no temporary or backup file left behind; an interrupted
//!   first write leaves no file or directory that would make the next run refuse.
//! - `--out` at a file, at `/`, or at a directory that is not a generated crate is
//!   refused before anything is written (through the library and the binary).
//! - No object name can make a path outside the crate: every generated path is a plain
//!   relative path, module files are plain snake_case names, and writing creates files
//!   only inside the output directory (fixed hostile names and a property test).

#![cfg(unix)] // byte-identical checks include inodes

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use hubspot_codegen::model::RESERVED_MODULE_NAMES;
use hubspot_codegen::write::{GENERATED_MARKER, write_crate, write_crate_with};
use hubspot_codegen::{Error, GenerateOptions, GeneratedCrate, RuntimeDependency, generate_crate};
use hubspot_runtime::schema::{ObjectSchema, parse_schemas};
use proptest::prelude::*;

fn options() -> GenerateOptions {
    GenerateOptions {
        crate_name: "hubspot-objects".to_owned(),
        runtime: RuntimeDependency::Version("0.1.0".to_owned()),
        only: Vec::new(),
        settings: Default::default(),
        snapshot_name: "hubspot-schemas.json".to_owned(),
    }
}

fn schemas(json: &str) -> Vec<ObjectSchema> {
    parse_schemas(json).unwrap()
}

fn generate(json: &str) -> GeneratedCrate {
    generate_crate(&schemas(json), &options()).unwrap()
}

/// Every file under `dir` (hidden ones included), relative, with its bytes and inode.
fn tree(dir: &Path) -> BTreeMap<String, (Vec<u8>, u64)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_str().unwrap().to_owned();
                let inode = fs::metadata(&path).unwrap().ino();
                out.insert(relative, (fs::read(&path).unwrap(), inode));
            }
        }
    }
    out
}

const V1: &str = r#"{"results":[
  {"name":"cars","objectTypeId":"2-1","properties":[
    {"name":"vin","type":"string","fieldType":"text","label":"VIN"},
    {"name":"year","type":"number","fieldType":"number"}]},
  {"name":"pets","objectTypeId":"2-2","properties":[
    {"name":"species","type":"enumeration","fieldType":"select",
     "options":[{"value":"cat","label":"Cat"},{"value":"dog","label":"Dog"}]}]},
  {"name":"toys","objectTypeId":"2-3"}
]}"#;

/// v1 with `cars` changed, `pets` unchanged, `toys` gone (a stale file to remove) and
/// `zoo` new: every kind of step a write takes.
const V2: &str = r#"{"results":[
  {"name":"cars","objectTypeId":"2-1","properties":[
    {"name":"vin","type":"string","fieldType":"text","label":"VIN"},
    {"name":"year","type":"number","fieldType":"number"},
    {"name":"color","type":"string","fieldType":"text"}]},
  {"name":"pets","objectTypeId":"2-2","properties":[
    {"name":"species","type":"enumeration","fieldType":"select",
     "options":[{"value":"cat","label":"Cat"},{"value":"dog","label":"Dog"}]}]},
  {"name":"zoo","objectTypeId":"2-4"}
]}"#;

#[test]
fn a_write_interrupted_at_any_step_leaves_the_previous_crate_byte_identical() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("hubspot-objects");
    let (v1, v2) = (generate(V1), generate(V2));
    write_crate(&v1, &dir).unwrap();
    let before = tree(&dir);
    assert_eq!(before.len(), v1.files.len());

    // How many steps a complete write takes, on a copy so `dir` stays v1.
    let copy = temp.path().join("copy");
    write_crate(&v1, &copy).unwrap();
    let mut steps = Vec::new();
    write_crate_with(&v2, &copy, &mut |path| {
        steps.push(path.strip_prefix(&copy).unwrap().to_owned());
        Ok(())
    })
    .unwrap();
    // Staging (a temp file per changed file), then per changed file: a backup when it
    // existed and a rename, then the removal of the stale file.
    let changed: Vec<&String> = v2
        .files
        .iter()
        .filter(|(path, contents)| v1.files.get(*path) != Some(*contents))
        .map(|(path, _)| path)
        .collect();
    let replaced = changed
        .iter()
        .filter(|p| v1.files.contains_key(**p))
        .count();
    assert_eq!(steps.len(), 2 * changed.len() + replaced + 1, "{steps:?}");
    assert!(changed.len() >= 4, "{changed:?}"); // lib.rs, cars.rs, zoo.rs, snapshot…
    assert_eq!(steps.last().unwrap(), Path::new("src/toys.rs"));

    for (fail_at, failing) in steps.iter().enumerate() {
        let mut step = 0;
        let result = write_crate_with(&v2, &dir, &mut |path| {
            step += 1;
            if step == fail_at + 1 {
                Err(std::io::Error::other(format!(
                    "injected failure at step {fail_at} ({})",
                    path.display()
                )))
            } else {
                Ok(())
            }
        });
        let error = result.expect_err("the injected failure is reported");
        match &error {
            Error::Io { source, .. } => assert!(
                source.to_string().starts_with("injected failure at step"),
                "{error}: {source}"
            ),
            other => panic!("not an I/O error: {other}"),
        }
        assert_eq!(
            tree(&dir),
            before,
            "interrupted at step {fail_at} ({}), the previous crate changed or a \
             temporary or backup file was left",
            failing.display()
        );
    }

    // Uninterrupted, the write completes.
    let report = write_crate(&v2, &dir).unwrap();
    assert_eq!(report.removed, ["src/toys.rs"]);
    let after: BTreeMap<String, Vec<u8>> = tree(&dir)
        .into_iter()
        .map(|(path, (bytes, _))| (path, bytes))
        .collect();
    let expected: BTreeMap<String, Vec<u8>> = v2
        .files
        .iter()
        .map(|(path, contents)| (path.clone(), contents.as_bytes().to_vec()))
        .collect();
    assert_eq!(after, expected);
}

#[test]
fn a_first_write_interrupted_at_any_step_leaves_nothing_behind() {
    let temp = tempfile::tempdir().unwrap();
    let krate = generate(V1);
    let new_dir = temp.path().join("new");
    let empty_dir = temp.path().join("empty");
    fs::create_dir(&empty_dir).unwrap();
    // Staging and a rename per file: nothing exists to back up.
    let steps = 2 * krate.files.len();
    for dir in [&new_dir, &empty_dir] {
        for fail_at in 0..steps {
            let mut step = 0;
            let result = write_crate_with(&krate, dir, &mut |_| {
                step += 1;
                if step == fail_at + 1 {
                    Err(std::io::Error::other("injected"))
                } else {
                    Ok(())
                }
            });
            assert!(result.is_err(), "step {fail_at} of {}", dir.display());
            assert_eq!(step, fail_at + 1, "the write went on after a failure");
            // Nothing left that the next run would refuse: no file, no directory.
            if dir == &new_dir {
                assert!(!dir.exists(), "step {fail_at}: {:?}", tree(dir));
            } else {
                assert_eq!(fs::read_dir(dir).unwrap().count(), 0, "step {fail_at}");
            }
        }
        write_crate(&krate, dir).unwrap();
        assert_eq!(tree(dir).len(), krate.files.len());
    }
}

#[test]
fn output_that_is_a_file_root_or_not_a_generated_crate_is_refused_untouched() {
    let krate = generate(V1);
    let temp = tempfile::tempdir().unwrap();

    let file = temp.path().join("objects.rs");
    fs::write(&file, "fn main() {}\n").unwrap();
    let mine = temp.path().join("my-crate");
    fs::create_dir_all(mine.join("src")).unwrap();
    fs::write(mine.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
    fs::write(mine.join("src/lib.rs"), "pub fn mine() {}\n").unwrap();
    // A generated-looking file is not enough: the marker must be in Cargo.toml or lib.rs.
    fs::write(
        mine.join("src/cars.rs"),
        format!("// {GENERATED_MARKER} from x.json. Do not edit.\n"),
    )
    .unwrap();
    let before = tree(temp.path());

    for (out, reason) in [
        (file.as_path(), "it is a file, not a directory"),
        (
            Path::new("/"),
            "is not a crate generated by hubspot-codegen",
        ),
        (
            mine.as_path(),
            "is not a crate generated by hubspot-codegen",
        ),
    ] {
        let error = write_crate(&krate, out).unwrap_err();
        assert!(
            matches!(&error, Error::RefusedOutput { path, .. } if path == out),
            "{out:?}: {error}"
        );
        assert!(error.to_string().contains(reason), "{error}");
    }
    assert_eq!(tree(temp.path()), before);
    for name in ["cars.rs", "lib.rs", "Cargo.toml", "hubspot-schemas.json"] {
        assert!(!Path::new("/").join(name).exists(), "/{name} written");
    }
    assert!(!Path::new("/src/cars.rs").exists());

    // The binary refuses the same directories with exit code 1.
    let Some(codegen) = option_env!("CARGO_BIN_EXE_codegen") else {
        return; // built without the `live` feature: no binary
    };
    let snapshot = temp.path().join("hubspot-schemas.json");
    fs::write(&snapshot, V1).unwrap();
    let before = tree(temp.path());
    for out in [file.as_path(), Path::new("/"), mine.as_path()] {
        let output = Command::new(codegen)
            .arg("generate")
            .arg("--from")
            .arg(&snapshot)
            .arg("--out")
            .arg(out)
            .env_remove("HUBSPOT_ACCESS_TOKEN")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{out:?}: {stderr}");
        assert!(
            stderr.contains(&format!("refusing to write into {}", out.display())),
            "{stderr}"
        );
    }
    assert_eq!(tree(temp.path()), before);
}

/// Every generated path is `Cargo.toml`-like or `src/<snake_case>.rs`: one or two plain
/// components, nothing a file system could read as a parent, root, drive or device.
fn assert_plain_paths(krate: &GeneratedCrate, names: &[String]) {
    for path in krate.files.keys() {
        let components: Vec<Component> = Path::new(path).components().collect();
        assert!(
            components.iter().all(|c| matches!(c, Component::Normal(_)))
                && (1..=2).contains(&components.len())
                && path.is_ascii()
                && !path.contains(['\\', ':', '\0']),
            "{path:?} from {names:?}"
        );
        if let Some(file) = path.strip_prefix("src/") {
            let stem = file.strip_suffix(".rs").unwrap();
            assert!(
                stem.starts_with(|c: char| c.is_ascii_lowercase())
                    && stem
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{path:?} from {names:?}"
            );
            assert!(
                stem == "lib" || !RESERVED_MODULE_NAMES.contains(&stem),
                "{path:?} from {names:?}"
            );
        }
    }
}

/// Generate a crate from objects with these names, check its paths, write it into a
/// fresh directory and check that every file landed inside it.
fn check_names(names: &[String]) {
    let schemas: Vec<ObjectSchema> = names
        .iter()
        .map(|name| ObjectSchema {
            name: name.clone(),
            ..Default::default()
        })
        .collect();
    let krate = generate_crate(&schemas, &options()).unwrap();
    let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
    assert_eq!(krate.files.len(), 4 + distinct.len(), "{names:?}");
    assert_plain_paths(&krate, names);

    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("a").join("out");
    write_crate(&krate, &out).unwrap();
    let written: Vec<PathBuf> = tree(temp.path()).into_keys().map(PathBuf::from).collect();
    let expected: Vec<PathBuf> = krate
        .files
        .keys()
        .map(|path| Path::new("a/out").join(path))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(written, expected, "{names:?}");
}

#[test]
fn hostile_object_names_stay_plain_files_inside_the_crate() {
    let names: Vec<String> = [
        "..",
        ".",
        "../../etc/passwd",
        "/etc/passwd",
        "/",
        "a/b",
        "a\\..\\b",
        "..\\..\\windows\\system32",
        "C:\\evil",
        "c:",
        "\\\\server\\share",
        "nul\0byte",
        "\0",
        "con",
        "CON",
        "nul",
        "aux",
        "prn",
        "com1",
        "LPT9",
        "con.rs",
        "lib",
        "main",
        "src",
        "Cargo.toml",
        "hubspot-schemas.json",
        "~",
        "$HOME",
        "",
        " ",
        "日本",
        "🚗",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    check_names(&names);
    for name in &names {
        check_names(std::slice::from_ref(name));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_object_names_stay_plain_files_inside_the_crate(
        names in proptest::collection::vec(
            prop_oneof![
                "[./\\\\:a-zA-Z0-9_ \\x00-]{0,12}",
                "(\\.\\.|/|\\\\|con|nul|lpt1|com9|lib|main|self|type|[A-Z]:|\\x00|é|日){1,4}",
                any::<String>(),
            ],
            0..6,
        )
    ) {
        check_names(&names);
    }
}
