//! Which objects a live fetch reads ([`ObjectSelection`]): `--objects` on the command
//! line, and later the settings file.
//!
//! Entries, comma-separated: `custom` (every custom object, the default), `standard`
//! (contacts, companies, deals, tickets, products and line_items), a standard object's
//! objects API name (`contacts`, `line_items`) or type id (`0-8`), or a custom object's
//! name, fully qualified name or type id (`cars`, `p123_cars`, `2-3465`), which selects
//! just that one. Names of custom objects can only be checked against the account, so a
//! name that is neither is refused at fetch time ([`ObjectSelection::select_custom`]),
//! listing the standard objects and the account's custom objects.

use std::fmt;
use std::str::FromStr;

use hubspot_runtime::schema::ObjectSchema;

use crate::Error;
use crate::standard_objects::{self, STANDARD_OBJECTS, StandardObject};

/// The objects a fetch reads. `Default` is `custom`: every custom object, no standard
/// object (what `codegen fetch` has always read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectSelection {
    all_custom: bool,
    /// Custom objects named one by one, as given (deduplicated).
    custom: Vec<String>,
    /// Standard objects, in [`STANDARD_OBJECTS`] order (deduplicated).
    standard: Vec<&'static StandardObject>,
}

impl Default for ObjectSelection {
    fn default() -> Self {
        ObjectSelection {
            all_custom: true,
            custom: Vec::new(),
            standard: Vec::new(),
        }
    }
}

impl ObjectSelection {
    /// The selection of these entries (`custom`, `standard`, object names), each shaped
    /// like an object name; empty entries are skipped, but at least one must remain.
    pub fn from_entries<S: AsRef<str>>(
        entries: impl IntoIterator<Item = S>,
    ) -> Result<ObjectSelection, Error> {
        let mut selection = ObjectSelection {
            all_custom: false,
            custom: Vec::new(),
            standard: Vec::new(),
        };
        let mut any = false;
        for entry in entries {
            let entry = entry.as_ref().trim();
            any |= !entry.is_empty();
            match entry {
                // `contacts,deals,` as `--only` takes it.
                "" => continue,
                "custom" => selection.all_custom = true,
                "standard" => selection.standard.extend(
                    STANDARD_OBJECTS
                        .iter()
                        .filter(|object| object.in_standard_set),
                ),
                _ => {
                    if let Some(object) = standard_objects::lookup(entry) {
                        selection.standard.push(object);
                    } else if standard_objects::is_standard_id(entry) {
                        return Err(refused(&format!(
                            "{entry:?}, a standard object type id this tool does not know"
                        )));
                    } else if !entry
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                    {
                        return Err(refused(&format!(
                            "{entry:?}, which is not an object name (letters, digits, `_`, `-`)"
                        )));
                    } else if !selection.custom.iter().any(|c| c == entry) {
                        selection.custom.push(entry.to_owned());
                    }
                }
            }
        }
        if !any {
            return Err(refused("nothing (the list is empty)"));
        }
        selection
            .standard
            .sort_by_key(|object| STANDARD_OBJECTS.iter().position(|o| o == *object));
        selection.standard.dedup();
        Ok(selection)
    }

    /// Whether every custom object is selected (`custom`).
    pub fn all_custom(&self) -> bool {
        self.all_custom
    }

    /// Custom objects named one by one.
    pub fn custom_names(&self) -> &[String] {
        &self.custom
    }

    /// The selected standard objects, in [`STANDARD_OBJECTS`] order.
    pub fn standard(&self) -> &[&'static StandardObject] {
        &self.standard
    }

    /// Whether the fetch needs the Schemas API (some custom object is selected).
    pub fn reads_custom_objects(&self) -> bool {
        self.all_custom || !self.custom.is_empty()
    }

    /// The selected ones of the account's custom object schemas, in the given order.
    /// A name that matches no custom object (by name, fully qualified name or object
    /// type id) is refused, listing what could have been meant.
    pub fn select_custom(&self, schemas: Vec<ObjectSchema>) -> Result<Vec<ObjectSchema>, Error> {
        if self.all_custom {
            return Ok(schemas);
        }
        let matches = |schema: &ObjectSchema, name: &str| {
            schema.name == name
                || schema.fully_qualified_name.as_deref() == Some(name)
                || schema.object_type_id.as_deref() == Some(name)
        };
        let unknown: Vec<&String> = self
            .custom
            .iter()
            .filter(|name| !schemas.iter().any(|schema| matches(schema, name)))
            .collect();
        if !unknown.is_empty() {
            let mut custom: Vec<&str> = schemas.iter().map(|s| s.name.as_str()).collect();
            custom.sort_unstable();
            let names: Vec<String> = unknown.iter().map(|n| format!("{n:?}")).collect();
            return Err(Error::ObjectSelection(format!(
                "--objects names {} which is neither a standard object nor a custom object \
                 of this account; standard objects: {}; custom objects: {}; or `custom` \
                 (every custom object), `standard` ({})",
                names.join(", "),
                known_standard(),
                if custom.is_empty() {
                    "none".to_owned()
                } else {
                    custom.join(", ")
                },
                standard_set(),
            )));
        }
        Ok(schemas
            .into_iter()
            .filter(|schema| self.custom.iter().any(|name| matches(schema, name)))
            .collect())
    }
}

impl FromStr for ObjectSelection {
    type Err = Error;

    /// `custom,standard,contacts`: comma-separated entries.
    fn from_str(list: &str) -> Result<Self, Error> {
        ObjectSelection::from_entries(list.split(','))
    }
}

impl fmt::Display for ObjectSelection {
    /// The entries, comma-separated, in a canonical order: `custom`, the standard
    /// objects, the custom objects named.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut entries: Vec<&str> = Vec::new();
        if self.all_custom {
            entries.push("custom");
        }
        entries.extend(self.standard.iter().map(|object| object.name));
        entries.extend(self.custom.iter().map(String::as_str));
        f.write_str(&entries.join(","))
    }
}

fn known_standard() -> String {
    STANDARD_OBJECTS
        .iter()
        .map(|object| object.name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn standard_set() -> String {
    STANDARD_OBJECTS
        .iter()
        .filter(|object| object.in_standard_set)
        .map(|object| object.name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn refused(what: &str) -> Error {
    Error::ObjectSelection(format!(
        "--objects cannot select {what}; use `custom` (every custom object), `standard` ({}), \
         standard objects by name ({}), or custom objects by name, fully qualified name or \
         object type id, comma-separated",
        standard_set(),
        known_standard()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(selection: &ObjectSelection) -> Vec<&str> {
        selection.standard().iter().map(|o| o.name).collect()
    }

    #[test]
    fn default_is_every_custom_object_and_nothing_else() {
        let selection = ObjectSelection::default();
        assert!(selection.all_custom());
        assert!(selection.standard().is_empty());
        assert!(selection.reads_custom_objects());
        assert_eq!(selection.to_string(), "custom");
        assert_eq!("custom".parse::<ObjectSelection>().unwrap(), selection);
    }

    #[test]
    fn standard_expands_and_names_combine_in_table_order() {
        let selection: ObjectSelection = "custom, standard,,contacts,quotes,0-48,".parse().unwrap();
        assert!(selection.all_custom());
        assert_eq!(
            names(&selection),
            [
                "contacts",
                "companies",
                "deals",
                "tickets",
                "products",
                "line_items",
                "quotes",
                "calls"
            ]
        );
        let only: ObjectSelection = "line_items,deals".parse().unwrap();
        assert!(!only.all_custom());
        assert!(!only.reads_custom_objects());
        assert_eq!(names(&only), ["deals", "line_items"]);
        assert_eq!(only.to_string(), "deals,line_items");
    }

    #[test]
    fn other_names_select_single_custom_objects() {
        let selection: ObjectSelection = "cars,p123_boats,2-3465,cars,deals".parse().unwrap();
        assert!(!selection.all_custom());
        assert!(selection.reads_custom_objects());
        assert_eq!(selection.custom_names(), ["cars", "p123_boats", "2-3465"]);
        assert_eq!(names(&selection), ["deals"]);
        assert_eq!(selection.to_string(), "deals,cars,p123_boats,2-3465");
    }

    #[test]
    fn malformed_entries_are_refused_with_what_is_known() {
        for (bad, what) in [
            (",", "nothing (the list is empty)"),
            ("", "nothing (the list is empty)"),
            (
                "0-999",
                "\"0-999\", a standard object type id this tool does not know",
            ),
            (
                "contacts;deals",
                "\"contacts;deals\", which is not an object name",
            ),
            ("my cars", "\"my cars\", which is not an object name"),
        ] {
            let message = bad.parse::<ObjectSelection>().unwrap_err().to_string();
            assert!(
                message.starts_with(&format!("--objects cannot select {what}")),
                "{bad:?}: {message}"
            );
            assert!(
                message.contains(
                    "`standard` (contacts, companies, deals, tickets, products, line_items)"
                ),
                "{message}"
            );
            assert!(message.contains("quotes, tasks, notes"), "{message}");
        }
        assert!(ObjectSelection::from_entries(Vec::<String>::new()).is_err());
    }

    fn schema(name: &str, fqn: &str, id: &str) -> ObjectSchema {
        ObjectSchema {
            name: name.to_owned(),
            fully_qualified_name: Some(fqn.to_owned()),
            object_type_id: Some(id.to_owned()),
            ..ObjectSchema::default()
        }
    }

    #[test]
    fn custom_names_select_from_the_account_or_are_refused() {
        let account = || {
            vec![
                schema("cars", "p1_cars", "2-10"),
                schema("boats", "p1_boats", "2-11"),
                schema("planes", "p1_planes", "2-12"),
            ]
        };
        let all = ObjectSelection::default().select_custom(account()).unwrap();
        assert_eq!(all.len(), 3);
        let some: ObjectSelection = "p1_planes,2-10".parse().unwrap();
        let picked: Vec<String> = some
            .select_custom(account())
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(picked, ["cars", "planes"]);

        let typo: ObjectSelection = "contact,cars".parse().unwrap();
        let message = typo.select_custom(account()).unwrap_err().to_string();
        assert_eq!(
            message,
            "--objects names \"contact\" which is neither a standard object nor a custom \
             object of this account; standard objects: contacts, companies, deals, tickets, \
             products, line_items, quotes, tasks, notes, meetings, calls, emails, invoices, \
             subscriptions, payments, orders, leads, carts, communications, \
             feedback_submissions, marketing_events, users, postal_mail, services, courses, \
             listings, appointments; custom objects: boats, cars, planes; or `custom` (every \
             custom object), `standard` (contacts, companies, deals, tickets, products, \
             line_items)"
        );
    }
}
