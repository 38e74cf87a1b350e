//! HubSpot's standard (non-custom) object types: their ids, objects API names and
//! labels, which of them have pipelines, and which `standard` selects. Used to name
//! association targets in docs and diagrams and to fetch standard objects
//! (`--objects`).

/// One standard object type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandardObject {
    /// The object type id (`0-1`).
    pub object_type_id: &'static str,
    /// The objects API name (`contacts`, `line_items`): the snapshot entry's `name`.
    pub name: &'static str,
    /// HubSpot's singular label (`Contact`).
    pub singular: &'static str,
    /// HubSpot's plural label (`Contacts`).
    pub plural: &'static str,
    /// Whether HubSpot keeps pipelines for it (`GET /crm/v3/pipelines/{name}`).
    pub has_pipelines: bool,
    /// Whether `--objects standard` selects it.
    pub in_standard_set: bool,
}

const fn object(
    object_type_id: &'static str,
    name: &'static str,
    singular: &'static str,
    plural: &'static str,
    has_pipelines: bool,
    in_standard_set: bool,
) -> StandardObject {
    StandardObject {
        object_type_id,
        name,
        singular,
        plural,
        has_pipelines,
        in_standard_set,
    }
}

/// Every standard object this tool knows, by object type id.
pub const STANDARD_OBJECTS: &[StandardObject] = &[
    object("0-1", "contacts", "Contact", "Contacts", false, true),
    object("0-2", "companies", "Company", "Companies", false, true),
    object("0-3", "deals", "Deal", "Deals", true, true),
    object("0-5", "tickets", "Ticket", "Tickets", true, true),
    object("0-7", "products", "Product", "Products", false, true),
    object("0-8", "line_items", "Line item", "Line items", false, true),
    object("0-14", "quotes", "Quote", "Quotes", false, false),
    object("0-27", "tasks", "Task", "Tasks", false, false),
    object("0-46", "notes", "Note", "Notes", false, false),
    object("0-47", "meetings", "Meeting", "Meetings", false, false),
    object("0-48", "calls", "Call", "Calls", false, false),
    object("0-49", "emails", "Email", "Emails", false, false),
    object("0-53", "invoices", "Invoice", "Invoices", false, false),
    object(
        "0-69",
        "subscriptions",
        "Subscription",
        "Subscriptions",
        false,
        false,
    ),
    object("0-101", "payments", "Payment", "Payments", false, false),
    object("0-123", "orders", "Order", "Orders", true, false),
    object("0-136", "leads", "Lead", "Leads", true, false),
    object("0-142", "carts", "Cart", "Carts", false, false),
    object(
        "0-18",
        "communications",
        "Communication",
        "Communications",
        false,
        false,
    ),
    object(
        "0-19",
        "feedback_submissions",
        "Feedback submission",
        "Feedback submissions",
        false,
        false,
    ),
    object(
        "0-54",
        "marketing_events",
        "Marketing event",
        "Marketing events",
        false,
        false,
    ),
    object("0-115", "users", "User", "Users", false, false),
    object(
        "0-116",
        "postal_mail",
        "Postal mail",
        "Postal mail",
        false,
        false,
    ),
    object("0-162", "services", "Service", "Services", true, false),
    object("0-410", "courses", "Course", "Courses", true, false),
    object("0-420", "listings", "Listing", "Listings", true, false),
    object(
        "0-421",
        "appointments",
        "Appointment",
        "Appointments",
        true,
        false,
    ),
];

/// The name of a standard object type id (`0-1` → `contacts`), if it is one.
pub fn name(object_type_id: &str) -> Option<&'static str> {
    by_id(object_type_id).map(|object| object.name)
}

/// The standard object with this object type id.
pub fn by_id(object_type_id: &str) -> Option<&'static StandardObject> {
    STANDARD_OBJECTS
        .iter()
        .find(|object| object.object_type_id == object_type_id)
}

/// The standard object with this objects API name (`line_items`) or type id (`0-8`).
pub fn lookup(name_or_id: &str) -> Option<&'static StandardObject> {
    STANDARD_OBJECTS
        .iter()
        .find(|object| object.name == name_or_id || object.object_type_id == name_or_id)
}

/// Whether `object_type_id` is a standard object's (`0-…`), known here or not.
pub fn is_standard_id(object_type_id: &str) -> bool {
    object_type_id.starts_with("0-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_common_standard_objects_and_nothing_else() {
        assert_eq!(name("0-1"), Some("contacts"));
        assert_eq!(name("0-5"), Some("tickets"));
        assert_eq!(name("0-8"), Some("line_items"));
        assert_eq!(name("0-136"), Some("leads"));
        assert_eq!(name("2-123"), None);
    }

    #[test]
    fn looks_up_by_name_or_id() {
        assert_eq!(lookup("deals").unwrap().object_type_id, "0-3");
        assert_eq!(lookup("0-7").unwrap().name, "products");
        assert_eq!(lookup("line_items").unwrap().plural, "Line items");
        assert!(lookup("cars").is_none());
        assert!(lookup("Contacts").is_none());
    }

    #[test]
    fn the_standard_set_and_pipelines() {
        let set: Vec<&str> = STANDARD_OBJECTS
            .iter()
            .filter(|o| o.in_standard_set)
            .map(|o| o.name)
            .collect();
        assert_eq!(
            set,
            [
                "contacts",
                "companies",
                "deals",
                "tickets",
                "products",
                "line_items"
            ]
        );
        assert!(lookup("deals").unwrap().has_pipelines);
        assert!(lookup("tickets").unwrap().has_pipelines);
        assert!(!lookup("contacts").unwrap().has_pipelines);
    }

    #[test]
    fn table_is_unique() {
        for (i, a) in STANDARD_OBJECTS.iter().enumerate() {
            for b in &STANDARD_OBJECTS[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.object_type_id, b.object_type_id);
            }
        }
    }
}
