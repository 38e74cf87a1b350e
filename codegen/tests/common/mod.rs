//! Helpers shared by the tests that run the `codegen` binary as a user would
//! (`cli.rs`, `cli_live.rs`, `diff_cli.rs`, `noop.rs`): how the child process is started,
//! how its exit code and output are checked, and what a written crate holds.

// Each test crate includes this module and uses only part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// The sample account snapshot shipped with the project.
pub const EXAMPLE_SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/schemas.json");

/// The example account's custom objects alone (`examples/schemas.json` before it gained
/// standard objects): what the sandbox is seeded with where a live fetch, which reads
/// custom objects by default, must give back exactly the seeded snapshot.
pub const CUSTOM_OBJECTS_SNAPSHOT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/custom-objects.json"
);

/// Every environment variable the CLI reads; removed from each child so the developer's
/// own settings cannot leak into (or break) a test.
pub const HUBSPOT_ENV: &[&str] = &[
    "HUBSPOT_ACCESS_TOKEN",
    "HUBSPOT_CLIENT_ID",
    "HUBSPOT_CLIENT_SECRET",
    "HUBSPOT_REFRESH_TOKEN",
    "HUBSPOT_TOKEN_URL",
    "HUBSPOT_BASE_URL",
    "HUBSPOT_CODEGEN_LOG",
];

/// The binary with `args`, no HubSpot variables but those in `env`, and `NO_COLOR`
/// unset (so the only reason for plain output is that stdout is a pipe).
pub fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_codegen"));
    command.args(args).env_remove("NO_COLOR");
    for name in HUBSPOT_ENV {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    command
}

/// Run the binary (see [`command`]) to completion.
pub fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    command(args, env)
        .output()
        .expect("the codegen binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Assert the exit code, showing both streams when it differs.
#[track_caller]
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

/// A path as the `&str` argument the binary takes.
pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every file under `dir` (relative path with `/`) with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_str().unwrap().to_owned();
                let relative = relative.replace(std::path::MAIN_SEPARATOR, "/");
                out.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// [`tree`] with each file's contents as text (invalid UTF-8 replaced).
pub fn tree_text(dir: &Path) -> BTreeMap<String, String> {
    tree(dir)
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}
