//! Resolving the `{objectType}` HubSpot paths and bodies name: a custom object's
//! `objectTypeId` (`2-2468000`), fully qualified name (`p12345678_cars`) or name
//! (`cars`), or one of HubSpot's standard objects (`0-1`, `contact`, `CONTACTS`, …),
//! which live in `State::standard` (see `standard_objects`).

use hubspot_runtime::schema::ObjectSchema;

use crate::state::State;

/// A standard object by id or (case-insensitive) singular/plural name:
/// `(objectTypeId, singular name)`.
pub(crate) fn standard_object(key: &str) -> Option<(&'static str, &'static str)> {
    crate::standard_objects::lookup(key).map(|o| (o.type_id, o.singular))
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

/// Where an object type lives in the account: a custom object's index in
/// `State::schemas` or a standard object's index in `State::standard`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ObjectRef {
    Custom(usize),
    Standard(usize),
}

/// The object type `key` names: a custom object (by objectTypeId, fully qualified name
/// or name; live ones, or archived too when asked) or a standard object (by `0-x` id,
/// API name or singular name).
pub(crate) fn find_object(state: &State, key: &str, archived: Archived) -> Option<ObjectRef> {
    if let Some(index) = find_schema(state, key, archived) {
        return Some(ObjectRef::Custom(index));
    }
    let table_id = crate::standard_objects::lookup(key).map(|o| o.type_id);
    state
        .standard
        .iter()
        .position(|s| {
            names_schema(s, key) || (table_id.is_some() && s.object_type_id.as_deref() == table_id)
        })
        .map(ObjectRef::Standard)
}

/// The schema behind an `ObjectRef`.
pub(crate) fn object(state: &State, at: ObjectRef) -> &ObjectSchema {
    match at {
        ObjectRef::Custom(index) => &state.schemas[index],
        ObjectRef::Standard(index) => &state.standard[index],
    }
}

/// The schema behind an `ObjectRef`, to change.
pub(crate) fn object_mut(state: &mut State, at: ObjectRef) -> &mut ObjectSchema {
    match at {
        ObjectRef::Custom(index) => &mut state.schemas[index],
        ObjectRef::Standard(index) => &mut state.standard[index],
    }
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
