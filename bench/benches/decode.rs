//! `decode`: 10,000 realistic records of the reference account's first object (pages of
//! 100, 100 properties each, values of every type as HubSpot's strings) decoded into
//! `Record<T>` of the generated type, into `Record<HashMap<String, Option<String>>>`, and
//! into `Record<serde_json::Value>`, page by page as a client listing records does. Criterion reports each as throughput (records/s);
//! then one interleaved run prints the medians side by side and their ratios.

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use hubspot_bench::fixtures::{self, Typed, UntypedMap, decode_each_page, decode_pages};
use hubspot_bench::ratios::{Contender, compare};
use hubspot_runtime::CrmObject;

fn main() {
    let account = fixtures::reference_account();
    let pages = fixtures::reference_record_pages(&account);
    let bytes: usize = pages.iter().map(String::len).sum();
    check(&pages);

    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("decode");
    group.sample_size(20);
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("typed", |b| {
        b.iter(|| {
            decode_each_page::<Typed>(black_box(&pages), |page| {
                black_box(page);
            })
        })
    });
    group.bench_function("hashmap", |b| {
        b.iter(|| {
            decode_each_page::<UntypedMap>(black_box(&pages), |page| {
                black_box(page);
            })
        })
    });
    group.bench_function("json_value", |b| {
        b.iter(|| {
            decode_each_page::<serde_json::Value>(black_box(&pages), |page| {
                black_box(page);
            })
        })
    });
    group.finish();
    criterion.final_summary();

    if hubspot_bench::ratios::should_compare() {
        compare(
            "decode 10,000 records",
            bytes,
            &mut [
                Contender::new("typed (generated Assets)", || {
                    decode_each_page::<Typed>(&pages, |page| {
                        black_box(page);
                    })
                }),
                Contender::new("HashMap<String, Option<String>>", || {
                    decode_each_page::<UntypedMap>(&pages, |page| {
                        black_box(page);
                    })
                }),
                Contender::new("serde_json::Value", || {
                    decode_each_page::<serde_json::Value>(&pages, |page| {
                        black_box(page);
                    })
                }),
            ],
        );
    }
}

/// The three decodes read the same records: same ids, and the typed record has a
/// value exactly where the map has a non-empty string.
fn check(pages: &[String]) {
    let typed = decode_pages::<Typed>(pages);
    let maps = decode_pages::<UntypedMap>(pages);
    let values = decode_pages::<serde_json::Value>(pages);
    assert_eq!(typed.len(), 10_000);
    assert_eq!(maps.len(), 10_000);
    assert_eq!(values.len(), 10_000);
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
