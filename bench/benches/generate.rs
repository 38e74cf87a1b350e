//! `generate`: the reference account (10 objects × 1,000 properties) from snapshot
//! bytes to formatted files in memory, stage by stage (parse, model, emit, format) and
//! end to end; and the no-op regenerate, where nothing changed and the write module
//! must write no file.

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use hubspot_bench::fixtures::{self, SNAPSHOT_NAME};
use hubspot_codegen::generate::{GenerateOptions, RuntimeDependency, generate_crate};
use hubspot_codegen::{emit, format, model, snapshot, source, write};
use proc_macro2::TokenStream;

fn options() -> GenerateOptions {
    GenerateOptions {
        crate_name: "hubspot-objects".to_owned(),
        runtime: RuntimeDependency::Version("0.1.0".to_owned()),
        only: Vec::new(),
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
    let tokens: Vec<TokenStream> = std::iter::once(emit::lib_file(&model))
        .chain(model.objects.iter().map(emit::module_file))
        .collect();

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
        b.iter(|| {
            std::iter::once(emit::lib_file(black_box(&model)))
                .chain(model.objects.iter().map(emit::module_file))
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("format", |b| {
        b.iter_batched(
            || tokens.clone(),
            |tokens| {
                tokens
                    .into_iter()
                    .map(|t| format::rust_file(t, SNAPSHOT_NAME).unwrap())
                    .collect::<Vec<_>>()
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function("end_to_end", |b| {
        b.iter(|| generate_from_text(black_box(&text)))
    });

    // No-op regenerate: the crate on disk already holds exactly these bytes.
    let dir = tempfile::tempdir().unwrap();
    let krate = generate_from_text(&text);
    let first = write::write_crate(&krate, dir.path()).unwrap();
    assert_eq!(first.written.len(), krate.files.len());
    group.bench_function("noop_regenerate_write_only", |b| {
        b.iter(|| {
            let report = write::write_crate(black_box(&krate), dir.path()).unwrap();
            assert!(
                report.written.is_empty(),
                "no-op wrote {:?}",
                report.written
            );
            report
        })
    });
    group.bench_function("noop_regenerate_end_to_end", |b| {
        b.iter(|| {
            let krate = generate_from_text(black_box(&text));
            let report = write::write_crate(&krate, dir.path()).unwrap();
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
