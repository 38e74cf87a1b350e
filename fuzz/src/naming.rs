//! Naming: any HubSpot names give identifiers that are valid Rust, unique in their
//! scope, never reserved, and independent of the order the names come in.

use std::collections::BTreeSet;

use arbitrary::{Arbitrary, Unstructured};
use hubspot_codegen::ident::{self, Case};

/// Names are drawn from pieces that stress the rules (keywords, digits, accents,
/// separators, case) as well as from arbitrary text.
const PIECES: &[&str] = &[
    "type", "self", "Self", "super", "crate", "r#", "_", "__", "1", "2nd", "unknown", "Unknown",
    "lib", "main", "con", "é", "ß", "日本", "🚗", " ", "-", ".", "/", "..", "\\", "\0", "a", "A",
    "my_prop", "myProp", "MY_PROP", "_2", "2",
];

fn name(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    if bool::arbitrary(u)? {
        return String::arbitrary(u);
    }
    let mut out = String::new();
    for _ in 0..u.int_in_range(1..=4)? {
        out.push_str(u.choose(PIECES)?);
    }
    Ok(out)
}

pub fn naming(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(count) = u.int_in_range(0..=24usize) else {
        return;
    };
    let mut names = BTreeSet::new();
    for _ in 0..count {
        match name(&mut u) {
            Ok(name) => names.insert(name),
            Err(_) => break,
        };
    }
    let names: Vec<String> = names.into_iter().collect();
    let reserved: &[&str] = &["Unknown", "lib", "std", "NAME"];

    for case in [Case::Snake, Case::UpperCamel, Case::Shouty] {
        let candidates: Vec<((bool, &str), String)> = names
            .iter()
            .map(|n| (ident::name_key(n), ident::candidate(n, case)))
            .collect();
        let resolved = ident::resolve(&candidates, reserved, case);
        assert_eq!(resolved.len(), names.len());

        let mut seen = BTreeSet::new();
        for (name, id) in names.iter().zip(&resolved) {
            check_ident(id, case, name);
            assert!(seen.insert(id.clone()), "{id:?} given twice ({names:?})");
            assert!(
                !reserved.contains(&ident::unraw(id)),
                "reserved {id:?} given to {name:?}"
            );
        }

        // The same names in reverse order get the same identifiers.
        let reversed: Vec<_> = candidates.iter().rev().cloned().collect();
        let mut again = ident::resolve(&reversed, reserved, case);
        again.reverse();
        assert_eq!(again, resolved, "order-dependent names for {names:?}");
    }
}

/// A valid identifier of the wanted case, ASCII only.
fn check_ident(id: &str, case: Case, name: &str) {
    assert!(id.is_ascii(), "{id:?} from {name:?} is not ASCII");
    if let Err(e) = syn::parse_str::<syn::Ident>(id) {
        panic!("{id:?} from {name:?} is not an identifier: {e}");
    }
    let bare = ident::unraw(id);
    let first = bare.chars().next().expect("non-empty");
    let ok = match case {
        Case::Snake => {
            first.is_ascii_lowercase()
                && bare
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        }
        // rustc's `non_camel_case_types`: no `__`, no `_` next to a letter.
        Case::UpperCamel => {
            let bytes = bare.as_bytes();
            first.is_ascii_uppercase()
                && bare.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !bytes.windows(2).any(|pair| {
                    (pair[0] == b'_' && !pair[1].is_ascii_digit())
                        || (pair[1] == b'_' && !pair[0].is_ascii_digit())
                })
        }
        Case::Shouty => {
            first.is_ascii_uppercase()
                && bare
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        }
    };
    assert!(ok, "{id:?} from {name:?} is not {case:?}");
    assert!(
        !bare.contains("__"),
        "{id:?} from {name:?} has a double underscore"
    );
}
