//! Resolving the `{objectType}` HubSpot paths and bodies name: a custom object's
//! `objectTypeId` (`2-2468000`), fully qualified name (`p12345678_cars`) or name
//! (`cars`), or one of HubSpot's standard objects (`0-1`, `contact`, `CONTACTS`, …).

use hubspot_runtime::schema::ObjectSchema;

use crate::state::State;

/// HubSpot's standard CRM objects: (objectTypeId, singular name, plural name).
const STANDARD_OBJECTS: &[(&str, &str, &str)] = &[
    ("0-1", "contact", "contacts"),
    ("0-2", "company", "companies"),
    ("0-3", "deal", "deals"),
    ("0-5", "ticket", "tickets"),
    ("0-7", "product", "products"),
    ("0-8", "line_item", "line_items"),
    ("0-14", "quote", "quotes"),
    ("0-27", "task", "tasks"),
    ("0-46", "note", "notes"),
    ("0-47", "meeting", "meetings"),
    ("0-48", "call", "calls"),
    ("0-49", "email", "emails"),
];

/// A standard object by id or (case-insensitive) singular/plural name:
/// `(objectTypeId, singular name)`.
pub(crate) fn standard_object(key: &str) -> Option<(&'static str, &'static str)> {
    STANDARD_OBJECTS
        .iter()
        .find(|(id, singular, plural)| {
            *id == key || singular.eq_ignore_ascii_case(key) || plural.eq_ignore_ascii_case(key)
        })
        .map(|(id, singular, _)| (*id, *singular))
}

/// Whether `key` names this schema (objectTypeId, fully qualified name or name).
pub(crate) fn names_schema(schema: &ObjectSchema, key: &str) -> bool {
    schema.object_type_id.as_deref() == Some(key)
        || schema.fully_qualified_name.as_deref() == Some(key)
        || schema.name == key
}

/// Which schemas a lookup may find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Archived {
    /// Live (not archived) schemas only: what every normal operation sees.
    Exclude,
    /// Live and archived schemas.
    Include,
}

pub(crate) fn is_archived(schema: &ObjectSchema) -> bool {
    schema.archived == Some(true)
}

/// The index in `state.schemas` of the custom object `key` names.
pub(crate) fn find_schema(state: &State, key: &str, archived: Archived) -> Option<usize> {
    state.schemas.iter().position(|schema| {
        names_schema(schema, key) && (archived == Archived::Include || !is_archived(schema))
    })
}

/// An association target: a live custom object or a standard object, as
/// `(objectTypeId, name)`.
pub(crate) fn resolve_target(state: &State, key: &str) -> Option<(String, String)> {
    if let Some(index) = find_schema(state, key, Archived::Exclude) {
        let schema = &state.schemas[index];
        let id = schema.object_type_id.clone()?;
        return Some((id, schema.name.clone()));
    }
    standard_object(key).map(|(id, name)| (id.to_owned(), name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_objects_resolve_by_id_and_name() {
        assert_eq!(standard_object("0-1"), Some(("0-1", "contact")));
        assert_eq!(standard_object("CONTACT"), Some(("0-1", "contact")));
        assert_eq!(standard_object("companies"), Some(("0-2", "company")));
        assert_eq!(standard_object("0-4"), None);
        assert_eq!(standard_object("cars"), None);
    }
}
