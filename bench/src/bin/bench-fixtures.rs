//! Writes the benchmark fixtures for `scripts/compile-time.sh` and manual timing:
//!
//! ```text
//! bench-fixtures snapshot FILE [N P K O]   the account's snapshot (pretty, normalized)
//! bench-fixtures floor DIR [N P K O]       the compile-time floor crate (Cargo.toml, src/lib.rs)
//! ```
//!
//! Without `N P K O` (objects, properties, enumeration every K-th, options) the account
//! is the reference one (10 1000 5 50).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hubspot_bench::fixtures::SNAPSHOT_NAME;
use hubspot_bench::synthetic::{self, AccountSpec};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [command, path, spec @ ..] if command == "snapshot" => {
            parse_spec(spec).and_then(|spec| write_snapshot(Path::new(path), &spec))
        }
        [command, dir, spec @ ..] if command == "floor" => {
            parse_spec(spec).and_then(|spec| write_floor(Path::new(dir), &spec))
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench-fixtures: {message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: bench-fixtures (snapshot FILE | floor DIR) [N P K O]";

/// The reference spec, or `N P K O` from the command line.
fn parse_spec(args: &[String]) -> Result<AccountSpec, String> {
    match args {
        [] => Ok(AccountSpec::REFERENCE),
        [n, p, k, o] => {
            let number = |what: &str, text: &str| {
                text.parse::<usize>()
                    .ok()
                    .filter(|&v| v > 0)
                    .ok_or_else(|| format!("{what} must be a positive whole number, got {text:?}"))
            };
            Ok(AccountSpec {
                objects: number("N (objects)", n)?,
                properties: number("P (properties)", p)?,
                enum_every: number("K (enumeration every K-th property)", k)?,
                options: number("O (options)", o)?,
                ..AccountSpec::REFERENCE
            })
        }
        _ => Err(format!("{USAGE}: give all four of N P K O, or none")),
    }
}

fn schemas(spec: &AccountSpec) -> Result<Vec<hubspot_runtime::schema::ObjectSchema>, String> {
    let account = synthetic::account(spec);
    hubspot_runtime::schema::parse_schemas(&account.snapshot_json())
        .map_err(|e| format!("the synthetic snapshot does not parse: {e}"))
}

fn write_snapshot(path: &Path, spec: &AccountSpec) -> Result<(), String> {
    // Written as `codegen fetch` would: normalized, pretty, trailing newline.
    let text = hubspot_codegen::snapshot::to_snapshot_string(&schemas(spec)?);
    write(path, &text)
}

fn write_floor(dir: &Path, spec: &AccountSpec) -> Result<(), String> {
    let mut schemas = schemas(spec)?;
    hubspot_codegen::snapshot::normalize(&mut schemas);
    let model = hubspot_codegen::model::build(&schemas, &[], SNAPSHOT_NAME)
        .map_err(|e| format!("cannot model the reference account: {e}"))?;
    write(
        &dir.join("Cargo.toml"),
        hubspot_bench::floor::FLOOR_CARGO_TOML,
    )?;
    write(
        &dir.join("src/lib.rs"),
        &hubspot_bench::floor::floor_lib_rs(&model),
    )
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text)
        .map_err(|e| format!("cannot write {}: {e}", PathBuf::from(path).display()))
}
