//! `lookup`: name → position lookups as decoding does them, with
//! `hubspot_runtime::NameIndex` against the alternatives it was chosen over.
//!
//! - `property`: the property names of the reference records, in input order (100 per
//!   record, the keys of the first page's 100 records), looked up among the reference
//!   object's 1,000 property names.
//! - `option`: every value of a 50-option enumeration plus as many absent ones, looked
//!   up among its options.
//!
//! Contenders: the generated `from_name`/`from_value` (since issue 6 a `static
//! NameIndex` over the generated `NAMES`/`VALUES`, before it a `match` over every name;
//! `from_value` also allocates the `Unknown` value of an absent one), `NameIndex`
//! itself (a table of hash tags and positions), `std::collections::HashMap` with its
//! default SipHash and with `rustc_hash`'s FxHash, an open-addressing table of bare
//! positions keyed by FxHash, and a binary search of the sorted names. Every
//! contender's answers are checked against a linear search first. Criterion reports
//! each; then one interleaved run per group prints medians and ratios.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::hint::black_box;

use criterion::{Criterion, Throughput};
use hubspot_bench::fixtures::{self, PAGE_SIZE};
use hubspot_bench::ratios::{Contender, compare};
use hubspot_bench::reference::{AssetsAccountStage0019, AssetsProperty};
use hubspot_bench::synthetic;
use hubspot_runtime::NameIndex;
use rustc_hash::FxBuildHasher;

fn main() {
    let account = fixtures::reference_account();
    let pages = synthetic::record_pages(
        &account.objects[0],
        &synthetic::RecordSpec {
            count: PAGE_SIZE,
            ..synthetic::RecordSpec::REFERENCE
        },
        PAGE_SIZE,
    );
    let property_names = leak(
        AssetsProperty::ALL
            .iter()
            .map(|p| p.as_str().to_owned())
            .collect(),
    );
    let property_probes = record_keys(&pages[0]);
    let option_names = leak(
        AssetsAccountStage0019::ALL
            .iter()
            .map(|o| o.as_str().to_owned())
            .collect(),
    );
    let mut option_probes: Vec<String> = option_names.iter().map(|&s| s.to_owned()).collect();
    option_probes.extend(option_names.iter().map(|name| format!("{name}_x")));

    let mut criterion = Criterion::default().configure_from_args();
    run(
        &mut criterion,
        "lookup_property",
        property_names,
        &property_probes,
        |name| AssetsProperty::from_name(name).map(|p| p as usize),
        |name| AssetsProperty::from_name(name).map(|p| p as usize),
    );
    run(
        &mut criterion,
        "lookup_option",
        option_names,
        &option_probes,
        // Timed: whether the value is known (an option enum has no position to return).
        |name| match AssetsAccountStage0019::from_value(name) {
            AssetsAccountStage0019::Unknown(_) => None,
            _ => Some(0),
        },
        // Checked: the position of the option it returns.
        |name| match AssetsAccountStage0019::from_value(name) {
            AssetsAccountStage0019::Unknown(_) => None,
            known => AssetsAccountStage0019::ALL.iter().position(|o| *o == known),
        },
    );
    criterion.final_summary();
}

/// Every key of every record's `properties`, in input order.
fn record_keys(page: &str) -> Vec<String> {
    let page: serde_json::Value = serde_json::from_str(page).expect("pages are JSON");
    page["results"]
        .as_array()
        .expect("results")
        .iter()
        .flat_map(|record| {
            record["properties"]
                .as_object()
                .expect("properties")
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect()
}

fn leak(names: Vec<String>) -> &'static [&'static str] {
    let names: Vec<&'static str> = names
        .into_iter()
        .map(|name| &*Box::leak(name.into_boxed_str()))
        .collect();
    Box::leak(names.into_boxed_slice())
}

/// One way of finding a name's position.
type Lookup<'a> = &'a dyn Fn(&str) -> Option<usize>;

fn run(
    criterion: &mut Criterion,
    group: &str,
    names: &'static [&'static str],
    probes: &[String],
    generated: impl Fn(&str) -> Option<usize>,
    generated_position: impl Fn(&str) -> Option<usize>,
) {
    let index = NameIndex::new(names);
    let sip: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let fx: HashMap<&str, usize, FxBuildHasher> =
        names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let flat = FlatTable::new(names);
    let mut sorted: Vec<(&str, usize)> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    sorted.sort_unstable();
    let binary = |name: &str| {
        sorted
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .map(|i| sorted[i].1)
    };
    let contenders: [(&str, Lookup<'_>); 6] = [
        ("generated", &generated),
        ("name_index", &|name| index.get(name)),
        ("hashmap_sip", &|name| sip.get(name).copied()),
        ("hashmap_fx", &|name| fx.get(name).copied()),
        ("flat_fx", &|name| flat.get(name)),
        ("binary_search", &binary),
    ];
    for probe in probes {
        let expected = names.iter().position(|n| n == probe);
        assert_eq!(generated_position(probe), expected, "generated: {probe}");
        for (contender, lookup) in contenders.iter().skip(1) {
            assert_eq!(lookup(probe), expected, "{contender}: {probe}");
        }
    }
    let group_name = group;
    let mut group = criterion.benchmark_group(group);
    group.throughput(Throughput::Elements(probes.len() as u64));
    for (contender, lookup) in &contenders {
        group.bench_function(*contender, |b| {
            b.iter(|| {
                let mut found = 0_usize;
                for probe in probes {
                    found = found.wrapping_add(lookup(black_box(probe)).unwrap_or(usize::MAX));
                }
                found
            })
        });
    }
    group.finish();

    if hubspot_bench::ratios::should_compare() {
        // Interleaved, so machine noise hits every contender alike.
        const REPEAT: usize = 200;
        let mut interleaved: Vec<Contender<'_>> = contenders
            .iter()
            .map(|(contender, lookup)| {
                Contender::new(contender, move || {
                    let mut found = 0_usize;
                    for _ in 0..REPEAT {
                        for probe in probes {
                            found =
                                found.wrapping_add(lookup(black_box(probe)).unwrap_or(usize::MAX));
                        }
                    }
                    found
                })
            })
            .collect();
        compare(
            &format!("{group_name}: {} lookups × {REPEAT}", probes.len()),
            probes.len() * REPEAT,
            probes.iter().map(String::len).sum::<usize>() * REPEAT,
            &mut interleaved,
        );
    }
}

/// Open addressing over `u32` positions (`0` empty, else position + 1), at most half
/// full, linear probing, FxHash of the name.
struct FlatTable {
    names: &'static [&'static str],
    slots: Box<[u32]>,
    mask: usize,
}

impl FlatTable {
    fn new(names: &'static [&'static str]) -> Self {
        let capacity = (names.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0_u32; capacity].into_boxed_slice();
        let mask = capacity - 1;
        for (position, name) in names.iter().enumerate() {
            let mut slot = FxBuildHasher.hash_one(name) as usize & mask;
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = position as u32 + 1;
        }
        FlatTable { names, slots, mask }
    }

    #[inline]
    fn get(&self, name: &str) -> Option<usize> {
        let mut slot = FxBuildHasher.hash_one(name) as usize & self.mask;
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                return None;
            }
            let position = entry as usize - 1;
            if self.names[position] == name {
                return Some(position);
            }
            slot = (slot + 1) & self.mask;
        }
    }
}
