//! Generates typed HubSpot objects from the checked-in snapshot `../schemas.json` into
//! `$OUT_DIR/hubspot_objects.rs`, which `src/lib.rs` includes. Cargo re-runs this only
//! when the snapshot changes (the builder prints `cargo:rerun-if-changed`). To refresh
//! the snapshot from an account: `codegen fetch --out ../schemas.json`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    hubspot_codegen::Builder::new()
        .snapshot("../schemas.json")
        .generate_into_out_dir("hubspot_objects.rs")?;
    Ok(())
}
