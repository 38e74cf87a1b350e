//! `encode`: the write path for the same 10,000 records as `decode`: each record's
//! properties serialized as a create/update body (`{"properties": {…}}`) from the
//! generated type, from a `HashMap<String, Option<String>>`, and from a
//! `serde_json::Value`, all holding the same properties (empty ones left out, as the
//! typed encoder does). Criterion reports throughput; one interleaved run prints the
//! medians and ratios.

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use hubspot_bench::fixtures::{self, Typed, UntypedMap, decode_pages, encode_bodies};
use hubspot_bench::ratios::{Contender, compare};

fn main() {
    let account = fixtures::reference_account();
    let pages = fixtures::reference_record_pages(&account);
    let typed: Vec<Typed> = decode_pages::<Typed>(&pages)
        .into_iter()
        .map(|r| r.properties)
        .collect();
    let maps: Vec<UntypedMap> = decode_pages::<UntypedMap>(&pages)
        .into_iter()
        .map(|r| {
            let mut map = r.properties;
            map.retain(|_, v| v.as_deref().is_some_and(|v| !v.is_empty()));
            map
        })
        .collect();
    let values: Vec<serde_json::Value> = maps
        .iter()
        .map(|map| serde_json::to_value(map).expect("maps of strings are JSON"))
        .collect();
    // Same properties on every path: the typed body has exactly the map's keys.
    for (typed, map) in encode_bodies(&typed).iter().zip(&maps) {
        let body: serde_json::Value = serde_json::from_str(typed).unwrap();
        let keys = body["properties"].as_object().unwrap();
        assert_eq!(keys.len(), map.len());
        assert!(map.keys().all(|k| keys.contains_key(k)));
    }
    let bytes: usize = encode_bodies(&maps).iter().map(String::len).sum();

    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("encode");
    group.sample_size(20);
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("typed", |b| b.iter(|| encode_bodies(black_box(&typed))));
    group.bench_function("hashmap", |b| b.iter(|| encode_bodies(black_box(&maps))));
    group.bench_function("json_value", |b| {
        b.iter(|| encode_bodies(black_box(&values)))
    });
    group.finish();
    criterion.final_summary();

    if hubspot_bench::ratios::should_compare() {
        compare(
            "encode 10,000 write bodies",
            10_000,
            bytes,
            &mut [
                Contender::new("typed (generated Assets)", || encode_bodies(&typed).len()),
                Contender::new("HashMap<String, Option<String>>", || {
                    encode_bodies(&maps).len()
                }),
                Contender::new("serde_json::Value", || encode_bodies(&values).len()),
            ],
        );
    }
}
