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

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxBuildHasher;

/// At most this many names are searched one by one instead of through a hash table.
const LINEAR_MAX: usize = 8;

/// Finds the position of a name in a fixed list of distinct names.
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
    table: OnceLock<HashMap<&'static str, usize, FxBuildHasher>>,
}

impl NameIndex {
    /// An index over `names` (which should be distinct: for a repeated name, `get`
    /// returns one of its positions). Nothing is built until the first `get`.
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
        if self.names.len() <= LINEAR_MAX {
            return self.names.iter().position(|candidate| *candidate == name);
        }
        self.table().get(name).copied()
    }

    fn table(&self) -> &HashMap<&'static str, usize, FxBuildHasher> {
        self.table.get_or_init(|| {
            let mut table = HashMap::with_capacity_and_hasher(self.names.len(), FxBuildHasher);
            // Reversed so that, for a repeated name, the first position wins, as with
            // the linear search.
            for (position, name) in self.names.iter().enumerate().rev() {
                table.insert(*name, position);
            }
            table
        })
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
