//! The floor the generated code is measured against: the generated crate's structs
//! (same names, fields and HubSpot names) with every field a plain `Option<String>`
//! and serde's derive, nothing else: no enums, no codecs, no constants. What a user
//! would write by hand if they gave up on types. `scripts/compile-time.sh` builds it as
//! a crate (`bench-fixtures floor`); `build.rs` includes this file too and writes the
//! reference object's floor struct for the decode and encode benches.

use std::fmt::Write as _;

use hubspot_codegen::model::CrateModel;

/// The floor crate's `src/lib.rs`: [`floor_modules`] under a header.
pub fn floor_lib_rs(model: &CrateModel) -> String {
    format!(
        "//! Compile-time floor: the generated crate's structs as plain `Option<String>` \
         fields with serde's derive.\n\n{}",
        floor_modules(model)
    )
}

/// One module per object of `model` holding its floor struct, each struct re-exported.
pub fn floor_modules(model: &CrateModel) -> String {
    let mut out = String::new();
    for object in &model.objects {
        let _ = writeln!(out, "pub mod {} {{", object.module);
        out.push_str(
            "    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]\n",
        );
        let _ = writeln!(out, "    pub struct {} {{", object.struct_name);
        for field in &object.fields {
            let _ = writeln!(
                out,
                "        #[serde(rename = {:?}, default, skip_serializing_if = \"Option::is_none\")]\n        pub {}: Option<String>,",
                field.hubspot_name, field.field
            );
        }
        out.push_str("    }\n}\n");
        let _ = writeln!(out, "pub use {}::{};", object.module, object.struct_name);
    }
    out
}

/// The floor crate's `Cargo.toml` (named `floor`, serde with derive).
pub const FLOOR_CARGO_TOML: &str = "[package]\nname = \"floor\"\nversion = \"0.1.0\"\n\
edition = \"2024\"\npublish = false\n\n[dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\n\n[workspace]\n";
