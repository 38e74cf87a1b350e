//! `generate`: the reference account (10 objects × 1,000 properties) from snapshot
//! bytes to formatted files in memory, stage by stage (parse, model, emit, format) and
//! end to end; and the no-op regenerate, where nothing changed: the fast path (hash the
//! snapshot, check the crate against its manifest) and, for comparison, the write stage
//! of a full run that finds every file unchanged.

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use hubspot_bench::fixtures::{self, SNAPSHOT_NAME};
use hubspot_codegen::fingerprint::{self, Fingerprint, Mode};
use hubspot_codegen::generate::{GenerateOptions, RuntimeDependency, generate_crate};
use hubspot_codegen::{emit, format, model, snapshot, source, write};

fn options() -> GenerateOptions {
    GenerateOptions {
        crate_name: "hubspot-objects".to_owned(),
        runtime: RuntimeDependency::Version("0.1.0".to_owned()),
        only: Vec::new(),
        settings: Default::default(),
        snapshot_name: SNAPSHOT_NAME.to_owned(),
    }
}

/// The CLI's path: read the snapshot text, normalize, generate the crate in memory.
fn generate_from_text(text: &str) -> hubspot_codegen::GeneratedCrate {
    let mut schemas = source::parse_snapshot(text, Path::new(SNAPSHOT_NAME)).unwrap();
    snapshot::normalize(&mut schemas);
    generate_crate(&schemas, &options()).unwrap()
}

fn stages(c: &mut Criterion) {
    let account = fixtures::reference_account();
    let text = hubspot_codegen::snapshot::to_snapshot_string(
        &hubspot_runtime::schema::parse_schemas(&account.snapshot_json()).unwrap(),
    );
    let mut schemas = source::parse_snapshot(&text, Path::new(SNAPSHOT_NAME)).unwrap();
    snapshot::normalize(&mut schemas);
    let model = model::build(&schemas, &[], SNAPSHOT_NAME).unwrap();
    // The stages run one object after another here (one core); `end_to_end` is what
    // the CLI does, with the model, emit and format steps spread over all cores.
    let emit_all = |model: &model::CrateModel| -> Vec<emit::EmittedFile> {
        std::iter::once(emit::lib_file(model).unwrap())
            .chain(model.objects.iter().map(|o| emit::module_file(o).unwrap()))
            .collect()
    };
    let files = emit_all(&model);

    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    group.bench_function("parse", |b| {
        b.iter(|| {
            let mut schemas =
                source::parse_snapshot(black_box(&text), Path::new(SNAPSHOT_NAME)).unwrap();
            snapshot::normalize(&mut schemas);
            schemas
        })
    });
    group.bench_function("model", |b| {
        b.iter(|| model::build(black_box(&schemas), &[], SNAPSHOT_NAME).unwrap())
    });
    group.bench_function("emit", |b| {
        b.iter_batched(
            || (),
            // The syntax trees are returned, so dropping them is not timed.
            |()| emit_all(black_box(&model)),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("format", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|file| format::rust_file(black_box(file), SNAPSHOT_NAME))
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("end_to_end", |b| {
        b.iter(|| generate_from_text(black_box(&text)))
    });

    // No-op regenerate, as `codegen generate` runs it: the snapshot file is hashed
    // into a fingerprint, and the crate's manifest and every file it lists are checked
    // against it (the fast path of `hubspot_codegen::fingerprint`); nothing is
    // generated or written.
    let dir = tempfile::tempdir().unwrap();
    let snapshot_path = dir.path().join(SNAPSHOT_NAME);
    std::fs::write(&snapshot_path, &text).unwrap();
    let out = dir.path().join("crate");
    let krate = generate_from_text(&text);
    let print = Fingerprint::new(Mode::Crate, text.as_bytes(), &options());
    let first = write::write_crate_and_manifest(&krate, print, schemas.len(), &out).unwrap();
    assert_eq!(first.written.len(), krate.files.len());
    group.bench_function("noop_regenerate", |b| {
        b.iter(|| {
            let print =
                Fingerprint::of_snapshot_file(Mode::Crate, black_box(&snapshot_path), &options())
                    .unwrap();
            let manifest = fingerprint::crate_is_current(&out, &print)
                .unwrap_or_else(|reason| panic!("no-op took a full run: {reason}"));
            assert_eq!(manifest.files.len(), krate.files.len());
            manifest
        })
    });
    // What a full run that finds nothing to change spends writing (comparing every
    // file's bytes): the fallback when the fast path cannot be taken.
    group.bench_function("noop_regenerate_write_only", |b| {
        b.iter(|| {
            let report =
                write::write_crate_and_manifest(black_box(&krate), print, schemas.len(), &out)
                    .unwrap();
            assert!(
                report.written.is_empty(),
                "no-op wrote {:?}",
                report.written
            );
            report
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
