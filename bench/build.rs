//! Generates the Rust type of the reference account's first object, with the real code
//! generator, into `$OUT_DIR/reference_objects.rs` (included by `src/lib.rs` as
//! `hubspot_bench::reference`), so the decode and encode benches measure exactly the
//! code users get.
//!
//! It also writes the same object's floor struct (`src/floor.rs`: serde's derive over
//! `Option<String>` fields) into `$OUT_DIR/reference_floor.rs`, the decode bench's
//! strongest floor, from the same model.
//!
//! The snapshot comes from the same synthetic-account module the library exposes
//! (shared with `#[path]`), written to `$OUT_DIR/reference.json` first because the
//! builder reads snapshot files, as users' build scripts do.

// Not every item of the shared module is used here (records are the library's concern).
#[allow(dead_code)]
#[path = "src/synthetic.rs"]
mod synthetic;

// Only the per-object part is used here (the crate's header and Cargo.toml are the
// compile-time script's).
#[allow(dead_code)]
#[path = "src/floor.rs"]
mod floor;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/synthetic.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let account = synthetic::account(&synthetic::AccountSpec::REFERENCE);
    let snapshot = out_dir.join("reference.json");
    write_if_changed(&snapshot, account.snapshot_json().as_bytes())?;
    hubspot_codegen::Builder::new()
        .snapshot(&snapshot)
        .only([account.objects[0].name.as_str()])
        // The snapshot is derived from files already watched above.
        .emit_rerun_if_changed(false)
        .generate_into_out_dir("reference_objects.rs")?;

    let mut schemas = hubspot_runtime::schema::parse_schemas(&account.snapshot_json())?;
    schemas.truncate(1);
    hubspot_codegen::snapshot::normalize(&mut schemas);
    let model = hubspot_codegen::model::build(&schemas, &[], "reference.json")?;
    write_if_changed(
        &out_dir.join("reference_floor.rs"),
        floor::floor_modules(&model).as_bytes(),
    )?;
    Ok(())
}

/// Keep the snapshot's mtime when its bytes are the same, like the generated file's.
fn write_if_changed(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|current| current == bytes) {
        return Ok(());
    }
    std::fs::write(path, bytes)
}
