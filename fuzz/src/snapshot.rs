//! Snapshot parsing and generation: what a snapshot file (or a `GET /schemas` body)
//! can hold must give a crate or a parse error, never a panic.

use std::collections::BTreeSet;

use hubspot_codegen::model::RESERVED_MODULE_NAMES;
use hubspot_codegen::snapshot::{normalize, to_snapshot_string};
use hubspot_codegen::{GenerateOptions, RuntimeDependency, generate_crate, generate_single_file};
use hubspot_runtime::schema::parse_schemas;

/// The files every generated crate has besides one `src/<module>.rs` per object.
const ROOT_FILES: &[&str] = &[
    "Cargo.toml",
    "hubspot-schemas.json",
    "rustfmt.toml",
    "src/lib.rs",
];

pub fn snapshot(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(schemas) = parse_schemas(&text) else {
        return;
    };
    let options = GenerateOptions {
        crate_name: "fuzz-objects".to_owned(),
        runtime: RuntimeDependency::Version("0.1.0".to_owned()),
        only: Vec::new(),
        snapshot_name: "fuzz.json".to_owned(),
    };
    // With no `--only` filter every parsed snapshot must generate: an error here is an
    // emitted token stream that does not parse, a generator bug.
    let generated =
        generate_crate(&schemas, &options).unwrap_or_else(|e| panic!("generate_crate failed: {e}"));
    generate_single_file(&schemas, &options)
        .unwrap_or_else(|e| panic!("generate_single_file failed: {e}"));

    // One module file per distinct object name, each a plain file name in `src/`.
    let names: BTreeSet<&str> = schemas.iter().map(|s| s.name.as_str()).collect();
    let modules: Vec<&str> = generated
        .files
        .keys()
        .filter(|path| !ROOT_FILES.contains(&path.as_str()))
        .map(|path| {
            let stem = path
                .strip_prefix("src/")
                .and_then(|p| p.strip_suffix(".rs"))
                .unwrap_or_else(|| panic!("unexpected file {path:?}"));
            assert!(
                stem.starts_with(|c: char| c.is_ascii_lowercase())
                    && stem
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "module file {path:?} is not a plain snake_case name"
            );
            assert!(
                !RESERVED_MODULE_NAMES.contains(&stem),
                "reserved module file {path:?}"
            );
            stem
        })
        .collect();
    assert_eq!(modules.len(), names.len(), "{:?}", generated.files.keys());

    // The snapshot writes back losslessly: written, read and written again, the same
    // bytes.
    let mut normalized = schemas;
    normalize(&mut normalized);
    let written = to_snapshot_string(&normalized);
    let reread = parse_schemas(&written)
        .unwrap_or_else(|e| panic!("written snapshot does not parse: {e}\n{written}"));
    assert_eq!(to_snapshot_string(&reread), written);
}
