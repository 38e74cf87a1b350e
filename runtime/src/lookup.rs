//! [`NameIndex`]: position of a name in a fixed `&'static [&'static str]`, for the
//! name → variant lookups of generated code (a property enum's `from_name`, an option
//! enum's `from_value`).
//!
//! Generated code used a `match` over every name; with 1,000 properties that is a long
//! chain of length and byte comparisons, and it runs once per property of every decoded
//! record. A `NameIndex` is built in a `static` from the generated `NAMES` table (the
//! constructor is `const`), and builds its hash table on first use, once, shared by all
//! threads. Sets of a few names skip the table: comparing them one by one is cheaper
//! than hashing.

use std::hash::Hasher;
use std::sync::OnceLock;

use rustc_hash::FxHasher;

/// At most this many names are searched one by one instead of through a hash table.
const LINEAR_MAX: usize = 8;

/// Finds the position of a name in a fixed list of distinct names.
///
/// The table is open addressing with linear probing, at most half full, each slot a
/// 32-bit hash tag and a 32-bit position (8 bytes: 16 KB for 1,000 names), so a probe
/// compares bytes only when the tags match, and then inline. `bench/benches/lookup.rs`
/// measured it against a `match`, `std`'s `HashMap` with SipHash and with FxHash, an
/// untagged table and a binary search; it was the fastest on property names and on
/// option values.
///
/// ```
/// use hubspot_runtime::NameIndex;
///
/// static COLORS: NameIndex = NameIndex::new(&["blue", "green", "red"]);
/// assert_eq!(COLORS.get("green"), Some(1));
/// assert_eq!(COLORS.get("gre"), None);
/// ```
pub struct NameIndex {
    names: &'static [&'static str],
    table: OnceLock<Table>,
}

impl NameIndex {
    /// An index over `names` (which should be distinct: for a repeated name, `get`
    /// returns its first position). Nothing is built until the first `get`.
    #[must_use]
    pub const fn new(names: &'static [&'static str]) -> Self {
        Self {
            names,
            table: OnceLock::new(),
        }
    }

    /// The names this index was built over.
    #[must_use]
    pub const fn names(&self) -> &'static [&'static str] {
        self.names
    }

    /// The position of `name` in the names, or `None` when it is not one of them.
    #[inline]
    #[must_use]
    pub fn get(&self, name: &str) -> Option<usize> {
        let name = name.as_bytes();
        if self.names.len() <= LINEAR_MAX {
            return self
                .names
                .iter()
                .position(|candidate| same(candidate.as_bytes(), name));
        }
        let table = self.table.get_or_init(|| Table::new(self.names));
        let hash = hash(name);
        let tag = tag(hash);
        let mut slot = hash as usize & table.mask;
        loop {
            let Slot {
                tag: slot_tag,
                position,
            } = table.slots[slot];
            if position == EMPTY {
                return None;
            }
            let position = position as usize;
            if slot_tag == tag && same(self.names[position].as_bytes(), name) {
                return Some(position);
            }
            slot = (slot + 1) & table.mask;
        }
    }
}

impl std::fmt::Debug for NameIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameIndex")
            .field("names", &self.names.len())
            .field("built", &self.table.get().is_some())
            .finish()
    }
}

/// `Slot::position` of an empty slot.
const EMPTY: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Slot {
    /// The high half of the name's hash.
    tag: u32,
    /// The name's position, or [`EMPTY`].
    position: u32,
}

/// The hash table of an index: a power of two of slots, at least twice the names.
struct Table {
    slots: Box<[Slot]>,
    mask: usize,
}

impl Table {
    fn new(names: &[&str]) -> Self {
        assert!(
            names.len() < EMPTY as usize,
            "a NameIndex holds fewer than 2^32 - 1 names"
        );
        let capacity = (names.len() * 2).next_power_of_two();
        let mask = capacity - 1;
        let mut slots = vec![
            Slot {
                tag: 0,
                position: EMPTY
            };
            capacity
        ]
        .into_boxed_slice();
        for (position, name) in names.iter().enumerate() {
            let hash = hash(name.as_bytes());
            let mut slot = hash as usize & mask;
            while slots[slot].position != EMPTY {
                // A repeated name keeps its first position: later ones are unreachable.
                slot = (slot + 1) & mask;
            }
            slots[slot] = Slot {
                tag: tag(hash),
                position: position as u32,
            };
        }
        Table { slots, mask }
    }
}

#[inline]
fn hash(name: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(name);
    hasher.finish()
}

#[inline]
fn tag(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// Byte equality for short names without a `memcmp` call: lengths, then 8 (or 4)
/// bytes at a time, the last word overlapping.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len >= 8 {
        let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap());
        let mut at = 0;
        while at + 8 < len {
            if word(a, at) != word(b, at) {
                return false;
            }
            at += 8;
        }
        word(a, len - 8) == word(b, len - 8)
    } else if len >= 4 {
        let word = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap());
        word(a, 0) == word(b, 0) && word(a, len - 4) == word(b, len - 4)
    } else {
        a == b
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn leak(names: Vec<String>) -> &'static [&'static str] {
        let names: Vec<&'static str> = names
            .into_iter()
            .map(|name| &*Box::leak(name.into_boxed_str()))
            .collect();
        Box::leak(names.into_boxed_slice())
    }

    fn property_names(count: usize) -> &'static [&'static str] {
        let mut names: Vec<String> = (0..count).map(|i| format!("prop_{i:04}")).collect();
        names.push("hs_object_id".to_owned());
        names.push("hs_createdate".to_owned());
        names.sort();
        leak(names)
    }

    #[test]
    fn every_name_is_found_at_its_position_in_small_and_large_sets() {
        for count in [
            0,
            1,
            5,
            LINEAR_MAX - 2,
            LINEAR_MAX - 1,
            LINEAR_MAX,
            50,
            1_000,
        ] {
            let names = property_names(count);
            let index = NameIndex::new(names);
            for (position, name) in names.iter().enumerate() {
                assert_eq!(index.get(name), Some(position), "{name} in {count}");
            }
        }
    }

    #[test]
    fn absent_names_prefixes_extensions_and_the_empty_string_are_not_found() {
        for count in [3, 1_000] {
            let index = NameIndex::new(property_names(count));
            for absent in [
                "",
                "p",
                "prop_",
                "prop_000",
                "prop_00000",
                "prop_0001 ",
                "PROP_0001",
                "hs_object_i",
                "hs_object_idx",
                "prop_9999",
            ] {
                assert_eq!(index.get(absent), None, "{absent:?} in {count}");
            }
        }
    }

    #[test]
    fn works_in_a_static_and_builds_once_across_threads() {
        static INDEX: NameIndex =
            NameIndex::new(&["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]);
        assert!(format!("{INDEX:?}").contains("names: 12"));
        let found: Vec<Option<usize>> = std::thread::scope(|scope| {
            let handles: Vec<_> = ["a", "l", "f", "z"]
                .into_iter()
                .map(|name| scope.spawn(move || INDEX.get(name)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(found, [Some(0), Some(11), Some(5), None]);
        assert!(format!("{INDEX:?}").contains("built: true"));
        assert_eq!(INDEX.names().len(), 12);
    }

    #[test]
    fn a_repeated_name_finds_its_first_position_either_way() {
        let small = NameIndex::new(&["x", "y", "x"]);
        assert_eq!(small.get("x"), Some(0));
        let large = NameIndex::new(leak((0..20).map(|i| format!("n{}", i % 10)).collect()));
        assert_eq!(large.get("n3"), Some(3));
    }

    #[test]
    fn same_compares_every_byte_at_every_length() {
        for len in 0..40 {
            let a: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same(&a, &a.clone()), "{len}");
            for at in 0..len {
                let mut b = a.clone();
                b[at] = b'_';
                assert!(!same(&a, &b), "{len} at {at}");
            }
            let longer = [a.as_slice(), b"x"].concat();
            assert!(!same(&a, &longer));
        }
    }

    proptest! {
        #[test]
        fn finds_exactly_the_names_it_was_given(
            names in proptest::collection::btree_set("[a-z_0-9]{0,12}", 0..64),
            probe in "[a-z_0-9]{0,12}",
        ) {
            let names: Vec<String> = names.into_iter().collect();
            let expected = names.iter().position(|name| *name == probe);
            let all = leak(names);
            let index = NameIndex::new(all);
            prop_assert_eq!(index.get(&probe), expected);
            for (position, name) in all.iter().enumerate() {
                prop_assert_eq!(index.get(name), Some(position));
            }
        }
    }
}
