//! `decode`: realistic records of the reference account's first object (`assets`, 1,000
//! properties), values of every type as HubSpot's strings, in pages of 100, decoded page
//! by page (as a client listing records does) into `Record<T>` of the generated type,
//! into the floor struct (serde's own derive over `Option<String>` fields: the same
//! fields, no value parsing at all; the strongest floor), into
//! `Record<HashMap<String, Option<String>>>`, and into `Record<serde_json::Value>`.
//!
//! Two shapes of the same object:
//! - `decode` (the reference): 10,000 records carrying 100 properties each, a realistic
//!   `properties=` request;
//! - `decode_all_properties`: 1,000 records carrying all 1,000 properties (about the same
//!   JSON volume), which shows how each decoder scales with the properties present.
//!
//! Criterion reports each as throughput (records/s); then, per shape, one interleaved
//! run prints the medians side by side and their ratios.

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use hubspot_bench::fixtures::{
    self, DerivedFloor, PAGE_SIZE, Typed, UntypedMap, decode_each_page, decode_pages,
};
use hubspot_bench::ratios::{Contender, compare};
use hubspot_bench::synthetic::{self, RecordSpec};
use hubspot_runtime::CrmObject;

fn main() {
    let account = fixtures::reference_account();
    let shapes = [
        ("decode", RecordSpec::REFERENCE),
        (
            "decode_all_properties",
            RecordSpec {
                count: 1_000,
                properties: 1_000,
                ..RecordSpec::REFERENCE
            },
        ),
    ];
    let inputs: Vec<(&str, RecordSpec, Vec<String>)> = shapes
        .into_iter()
        .map(|(name, spec)| {
            let pages = synthetic::record_pages(&account.objects[0], &spec, PAGE_SIZE);
            check(&pages, spec.count);
            (name, spec, pages)
        })
        .collect();

    let mut criterion = Criterion::default().configure_from_args();
    for (name, spec, pages) in &inputs {
        let mut group = criterion.benchmark_group(*name);
        group.sample_size(20);
        group.throughput(Throughput::Elements(spec.count as u64));
        group.bench_function("typed", |b| b.iter(|| decode::<Typed>(black_box(pages))));
        group.bench_function("serde_derive", |b| {
            b.iter(|| decode::<DerivedFloor>(black_box(pages)))
        });
        group.bench_function("hashmap", |b| {
            b.iter(|| decode::<UntypedMap>(black_box(pages)))
        });
        group.bench_function("json_value", |b| {
            b.iter(|| decode::<serde_json::Value>(black_box(pages)))
        });
        group.finish();
    }
    criterion.final_summary();

    if hubspot_bench::ratios::should_compare() {
        println!(
            "\nsize of one record in memory: Record<Assets> {} bytes; Record<HashMap> {} and \
             Record<Value> {} bytes plus their heap",
            std::mem::size_of::<hubspot_runtime::Record<Typed>>(),
            std::mem::size_of::<hubspot_runtime::Record<UntypedMap>>(),
            std::mem::size_of::<hubspot_runtime::Record<serde_json::Value>>(),
        );
        for (name, spec, pages) in &inputs {
            let bytes: usize = pages.iter().map(String::len).sum();
            compare(
                &format!(
                    "{name}: {} records × {} properties",
                    spec.count, spec.properties
                ),
                spec.count,
                bytes,
                &mut [
                    Contender::new("typed (generated Assets)", || decode::<Typed>(pages)),
                    Contender::new("serde derive, Option<String> fields", || {
                        decode::<DerivedFloor>(pages)
                    }),
                    Contender::new("HashMap<String, Option<String>>", || {
                        decode::<UntypedMap>(pages)
                    }),
                    Contender::new("serde_json::Value", || decode::<serde_json::Value>(pages)),
                ],
            );
        }
    }
}

/// Decode every page into `Record<T>`s, hand each page on, drop it; returns the count.
fn decode<T: serde::de::DeserializeOwned + Default>(pages: &[String]) -> usize {
    decode_each_page::<T>(pages, |page| {
        black_box(page);
    })
}

/// The decodes read the same records: same ids, the typed record has a value exactly
/// where the map has a non-empty string, and the derived floor has the map's values.
fn check(pages: &[String], count: usize) {
    let typed = decode_pages::<Typed>(pages);
    let maps = decode_pages::<UntypedMap>(pages);
    let values = decode_pages::<serde_json::Value>(pages);
    let derived = decode_pages::<DerivedFloor>(pages);
    assert_eq!(derived.len(), count);
    for (derived, map) in derived.iter().zip(&maps) {
        assert_eq!(derived.id, map.id);
        let derived = serde_json::to_value(&derived.properties).unwrap();
        let present = map.properties.values().filter(|v| v.is_some()).count();
        assert_eq!(
            derived.as_object().unwrap().len(),
            present,
            "record {}",
            map.id
        );
    }
    assert_eq!(typed.len(), count);
    assert_eq!(maps.len(), count);
    assert_eq!(values.len(), count);
    for ((typed, map), value) in typed.iter().zip(&maps).zip(&values) {
        assert_eq!(typed.id, map.id);
        assert_eq!(typed.id, value.id);
        let mut set: Vec<&str> = Vec::new();
        typed
            .properties
            .encode_properties(&mut |property, _| set.push(property.as_str()));
        let mut non_empty: Vec<&str> = map
            .properties
            .iter()
            .filter(|(_, v)| v.as_deref().is_some_and(|v| !v.is_empty()))
            .map(|(k, _)| k.as_str())
            .collect();
        non_empty.sort_unstable();
        assert_eq!(set, non_empty, "record {}", typed.id);
    }
}
