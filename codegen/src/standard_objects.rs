//! HubSpot's standard (non-custom) object types: their ids and internal names, used to
//! name association targets in docs and diagrams.

/// Standard object type ids and HubSpot's internal names for them.
const STANDARD_OBJECTS: &[(&str, &str)] = &[
    ("0-1", "contacts"),
    ("0-2", "companies"),
    ("0-3", "deals"),
    ("0-5", "tickets"),
    ("0-7", "products"),
    ("0-8", "line_items"),
    ("0-14", "quotes"),
    ("0-27", "tasks"),
    ("0-46", "notes"),
    ("0-47", "meetings"),
    ("0-48", "calls"),
    ("0-49", "emails"),
];

/// The name of a standard object type id (`0-1` → `contacts`), if it is one.
pub fn name(object_type_id: &str) -> Option<&'static str> {
    STANDARD_OBJECTS
        .iter()
        .find(|(id, _)| *id == object_type_id)
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_the_common_standard_objects_and_nothing_else() {
        assert_eq!(super::name("0-1"), Some("contacts"));
        assert_eq!(super::name("0-5"), Some("tickets"));
        assert_eq!(super::name("2-123"), None);
    }
}
