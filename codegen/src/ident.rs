//! Every Rust identifier rule of the generated code, in one place.
//!
//! The model asks this module for *candidate* identifiers, one name at a time, then
//! makes the candidates of one scope unique with [`resolve`]. Every output is a valid,
//! warning-free Rust identifier (checked by `tests/naming.rs` with `syn`).
//!
//! # Rules
//!
//! 1. **Characters.** Only ASCII letters and digits make words; every other character
//!    separates words (`lot #3` → `lot`, `3`). Common accented Latin letters are folded
//!    to ASCII first (`crème` → `creme`, `Straße` → `strasse`, see [`fold_char`]); other
//!    non-ASCII characters (`日本`, emoji) are separators. Non-ASCII identifiers are legal
//!    Rust, but they invite confusable-character lints and cannot be typed on every
//!    keyboard, so generated names are ASCII.
//! 2. **Case.** Fields, modules: `snake_case` (`hs_createdate`, `myProp` → `my_prop`).
//!    Types, variants: `UpperCamelCase` (`pet_owner` → `PetOwner`; a name that would be
//!    all capitals, like `a b c` → `ABC`, is written `Abc`). Association
//!    constants: `SCREAMING_SNAKE_CASE`. Case conversion is `heck`'s.
//! 3. **Empty.** A name with no ASCII letter or digit becomes `unnamed` / `Unnamed` /
//!    `UNNAMED` (made unique by rule 7 when several are empty).
//! 4. **Leading digit.** `snake_case` names get a `p_` prefix (`2nd_lot` → `p_2nd_lot`);
//!    `UpperCamelCase` names get a `V` prefix (`1` → `V1`, `684229` → `V684229`,
//!    `2nd_lot` → `V2ndLot`); constants get `A_`. A leading `_` would also be legal but
//!    silences unused-variable lints and reads as "private", so it is not used.
//! 5. **Keywords.** Every strict and reserved keyword of editions 2015–2024 (`type`,
//!    `async`, `gen`, `try`, `abstract`, …) becomes a raw identifier (`r#type`).
//! 6. **Not raw-able.** `self`, `super`, `crate` cannot be raw: they get a trailing `_`
//!    (`self_`, `super_`, `crate_`). `Self` becomes `SelfValue` (a trailing `_` would
//!    break the `non_camel_case_types` lint).
//! 7. **Collisions.** [`resolve`] keeps a candidate that is unique in its scope and not
//!    reserved. Members of a collision group are ordered by a caller-given key (names
//!    that are already conventional lowercase `snake_case` first, then the HubSpot
//!    names' bytes: [`name_key`]); the first keeps the candidate, the others get the
//!    smallest free suffix from 2 on: `_2` for
//!    `snake_case` and constants (`my_prop_2`), a bare number for types and variants
//!    (`CarsCondition2`, or `V1_2` after a digit so the numbers stay apart). A suffixed
//!    name never takes any name that is itself a candidate, so adding a name never
//!    renames an existing name that did not collide.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of every edition (2015–2024), which must be written raw.
/// `self`, `super`, `crate` and `Self` are handled separately: they cannot be raw.
/// Weak keywords (`union`, `raw`, `safe`, `macro_rules`) are ordinary identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; rule 6 rewrites them.
const NOT_RAW: &[&str] = &["self", "super", "crate", "Self"];

/// Whether `name` is a keyword that cannot be a plain identifier (strict, reserved, or
/// one of `self`, `super`, `crate`, `Self`).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name) || NOT_RAW.contains(&name)
}

/// Which identifier style a name is wanted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields and modules.
    Snake,
    /// `UpperCamelCase`: types and enum variants.
    UpperCamel,
    /// `SCREAMING_SNAKE_CASE`: associated constants.
    Shouty,
}

/// Fold an accented Latin letter to ASCII (`é` → `e`, `ß` → `ss`); `None` for any other
/// non-ASCII character, which then separates words.
pub fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ď' | 'đ' | 'ð' => "d",
        'Ď' | 'Đ' | 'Ð' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĥ' | 'ħ' => "h",
        'Ĥ' | 'Ħ' => "H",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ĵ' => "j",
        'Ĵ' => "J",
        'ķ' => "k",
        'Ķ' => "K",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ś' | 'ŝ' | 'ş' | 'š' => "s",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' => "S",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'Ţ' | 'Ť' | 'Ŧ' => "T",
        'þ' => "th",
        'Þ' => "TH",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ŵ' => "w",
        'Ŵ' => "W",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'Ý' | 'Ÿ' | 'Ŷ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => return None,
    })
}

/// Rule 1: the name with accents folded and every character that is not an ASCII letter
/// or digit replaced by a space (a word separator for `heck`).
fn ascii_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(folded) = fold_char(c) {
            out.push_str(folded);
        } else {
            out.push(' ');
        }
    }
    out
}

/// Whether `name` has at least one letter or digit that rule 1 keeps.
pub fn has_word_chars(name: &str) -> bool {
    ascii_words(name).bytes().any(|b| b.is_ascii_alphanumeric())
}

/// The candidate identifier for `name` in `case` (rules 1–6). Not yet unique: see
/// [`resolve`]. Raw identifiers are returned with their `r#` prefix.
pub fn candidate(name: &str, case: Case) -> String {
    let words = ascii_words(name);
    let converted = match lowercase_words(&words, case) {
        Some(converted) => converted,
        None => match case {
            Case::Snake => words.to_snake_case(),
            Case::UpperCamel => not_all_caps(words.to_upper_camel_case()),
            Case::Shouty => words.to_shouty_snake_case(),
        },
    };
    if converted.is_empty() {
        return match case {
            Case::Snake => "unnamed",
            Case::UpperCamel => "Unnamed",
            Case::Shouty => "UNNAMED",
        }
        .to_owned();
    }
    if converted.starts_with(|c: char| c.is_ascii_digit()) {
        let prefix = match case {
            Case::Snake => "p_",
            Case::UpperCamel => "V",
            Case::Shouty => "A_",
        };
        return format!("{prefix}{converted}");
    }
    escape_keyword(converted)
}

/// What `heck` makes of `words` in `case` when they are only lowercase ASCII letters,
/// digits and spaces (most HubSpot names and values, after rule 1): words split at
/// spaces only, so the conversion is a join. `None` for anything else, which goes to
/// `heck` (a test compares the two). Generating a large account converts 100,000
/// option values, and `heck`'s general path was a fifth of building the model.
fn lowercase_words(words: &str, case: Case) -> Option<String> {
    if !words
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ')
    {
        return None;
    }
    let mut out = String::with_capacity(words.len());
    for word in words.split(' ').filter(|word| !word.is_empty()) {
        match case {
            Case::Snake | Case::Shouty if !out.is_empty() => out.push('_'),
            _ => {}
        }
        match case {
            Case::Snake => out.push_str(word),
            Case::Shouty => out.push_str(&word.to_ascii_uppercase()),
            Case::UpperCamel => {
                out.push(char::from(word.as_bytes()[0].to_ascii_uppercase()));
                out.push_str(&word[1..]);
            }
        }
    }
    // Only one-letter words can make an all-capitals name (rule 2's exception).
    Some(match case {
        Case::UpperCamel => not_all_caps(out),
        Case::Snake | Case::Shouty => out,
    })
}

/// Rule 2's exception: single-letter words make all-caps names (`a b c` → `ABC`), which
/// clippy's `upper_case_acronyms` flags; they are written `Abc` instead.
fn not_all_caps(ident: String) -> String {
    if ident.len() > 2 && ident.bytes().all(|b| b.is_ascii_uppercase()) {
        let mut out = ident[..1].to_owned();
        out.push_str(&ident[1..].to_ascii_lowercase());
        out
    } else {
        ident
    }
}

/// Rules 5 and 6 for an identifier that is otherwise valid.
fn escape_keyword(ident: String) -> String {
    if ident == "Self" {
        "SelfValue".to_owned()
    } else if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// Whether `name` is already a conventional HubSpot internal name: lowercase ASCII
/// `snake_case` (`my_prop`, `self`, `type`). Such names win collisions (rule 7) over
/// names that needed converting (`myProp`, `Self`).
pub fn is_conventional(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && name.to_snake_case() == name
}

/// The collision key the model uses for HubSpot names: conventional names first, then
/// byte order.
pub fn name_key(name: &str) -> (bool, &str) {
    (!is_conventional(name), name)
}

/// `snake_case` candidate: fields and modules (`2nd_lot` → `p_2nd_lot`, `type` → `r#type`).
pub fn field_name(name: &str) -> String {
    candidate(name, Case::Snake)
}

/// `UpperCamelCase` candidate: types and variants (`pet_owner` → `PetOwner`, `1` → `V1`).
pub fn type_name(name: &str) -> String {
    candidate(name, Case::UpperCamel)
}

/// `SCREAMING_SNAKE_CASE` candidate: associated constants (`cars_to_contact` → `CARS_TO_CONTACT`).
pub fn const_name(name: &str) -> String {
    candidate(name, Case::Shouty)
}

/// The identifier without a raw prefix (`r#type` → `type`): a module's file name, and
/// what "needed no conversion" compares against.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Rule 7: make `candidates` unique within one scope.
///
/// `candidates[i]` is `(key, candidate)`; the key orders the members of a collision
/// group (the first keeps the candidate) and must be unique. `reserved` names are never
/// handed out (`Unknown` in option enums, prelude names for types). Returns the final
/// identifiers in input order. Suffixes follow `case` (see the module docs).
pub fn resolve<K: Ord>(candidates: &[(K, String)], reserved: &[&str], case: Case) -> Vec<String> {
    use std::collections::{BTreeMap, BTreeSet};

    // Every base candidate and reserved name is off limits for suffixed names, so a
    // suffix can never steal the name of an identifier that did not collide.
    // Most scopes have no collision: then every candidate is kept as it is.
    let mut sorted: Vec<&str> = candidates.iter().map(|(_, c)| c.as_str()).collect();
    sorted.sort_unstable();
    let collides = sorted.windows(2).any(|pair| pair[0] == pair[1])
        || candidates
            .iter()
            .any(|(_, c)| reserved.contains(&c.as_str()));
    if !collides {
        return candidates.iter().map(|(_, c)| c.clone()).collect();
    }

    let mut taken: BTreeSet<String> = candidates.iter().map(|(_, c)| c.clone()).collect();
    taken.extend(reserved.iter().map(|r| (*r).to_owned()));

    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, (_, cand)) in candidates.iter().enumerate() {
        groups.entry(cand.as_str()).or_default().push(index);
    }

    let mut out = vec![String::new(); candidates.len()];
    // Groups are visited in candidate order and members in key order, so the suffixes
    // do not depend on the input order.
    for (cand, mut members) in groups {
        members.sort_by(|&a, &b| candidates[a].0.cmp(&candidates[b].0));
        let mut rest = members.as_slice();
        if !reserved.contains(&cand) {
            out[members[0]] = cand.to_owned();
            rest = &members[1..];
        }
        let mut n = 2u64;
        for &index in rest {
            loop {
                let name = with_suffix(cand, n, case);
                n += 1;
                if taken.insert(name.clone()) {
                    out[index] = name;
                    break;
                }
            }
        }
    }
    out
}

/// `cand` with the collision suffix `n` in the style of `case`.
fn with_suffix(cand: &str, n: u64, case: Case) -> String {
    // A raw identifier with a suffix is no longer a keyword (`type_2`); a rewritten
    // `self_` becomes `self_2`, not `self__2` (a double underscore is not snake case).
    let base = unraw(cand).trim_end_matches('_');
    match case {
        Case::Snake | Case::Shouty => format!("{base}_{n}"),
        Case::UpperCamel if base.ends_with(|c: char| c.is_ascii_digit()) => format!("{base}_{n}"),
        Case::UpperCamel => format!("{base}{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_words_convert_as_heck_does() {
        // Every string of up to 5 characters over an alphabet with the cases the fast
        // path takes and the ones it leaves to heck.
        let alphabet = ['a', 'b', '1', ' ', '_', 'X', 'é'];
        let mut names = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = names
                .iter()
                .filter(|n| n.chars().count() == names.last().map_or(0, |l| l.chars().count()))
                .flat_map(|n| alphabet.iter().map(move |c| format!("{n}{c}")))
                .collect();
            names.extend(longer);
        }
        assert!(names.len() > 19_000, "{}", names.len());
        let mut fast = 0;
        for name in &names {
            let words = ascii_words(name);
            for case in [Case::Snake, Case::UpperCamel, Case::Shouty] {
                let Some(converted) = lowercase_words(&words, case) else {
                    continue;
                };
                fast += 1;
                let by_heck = match case {
                    Case::Snake => words.to_snake_case(),
                    Case::UpperCamel => not_all_caps(words.to_upper_camel_case()),
                    Case::Shouty => words.to_shouty_snake_case(),
                };
                assert_eq!(converted, by_heck, "{name:?} {case:?}");
            }
        }
        assert!(fast > 3_000, "{fast}");
    }

    #[test]
    fn suffix_skips_names_that_are_candidates() {
        let items: Vec<_> = ["myProp", "my_prop", "my_prop_2"]
            .into_iter()
            .map(|n| (name_key(n), field_name(n)))
            .collect();
        assert_eq!(
            resolve(&items, &[], Case::Snake),
            ["my_prop_3", "my_prop", "my_prop_2"]
        );
    }

    #[test]
    fn reserved_name_gets_a_suffix() {
        let items = vec![("Unknown".to_owned(), type_name("Unknown"))];
        assert_eq!(
            resolve(&items, &["Unknown"], Case::UpperCamel),
            ["Unknown2"]
        );
    }
}
