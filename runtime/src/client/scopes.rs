//! Which OAuth / private-app scope each HubSpot object needs, for the scope a
//! `MISSING_SCOPES` error names when HubSpot's answer does not ([`ObjectScopes`]).
//!
//! Records of standard objects have their own scopes (`crm.objects.contacts.read`,
//! `tickets`, `e-commerce`, …), every custom object shares `crm.objects.custom.*`. Their
//! definitions — the Properties and Pipelines APIs — take the `crm.schemas.*` scopes.
//! Where HubSpot documents several scopes that grant the same call (a granular one and
//! a legacy umbrella such as `e-commerce`), the table names the one a new private app
//! is offered.

/// The scopes one object type's APIs need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectScopes {
    /// Reading records (get, list, batch read, search).
    pub read: &'static str,
    /// Writing records (create, update, archive, batch writes, associations).
    pub write: &'static str,
    /// Reading definitions: `GET /crm/v3/properties/{objectType}` and
    /// `GET /crm/v3/pipelines/{objectType}`.
    pub schema_read: &'static str,
    /// Changing property definitions.
    pub schema_write: &'static str,
}

/// Every custom object.
pub const CUSTOM_OBJECT_SCOPES: ObjectScopes = ObjectScopes {
    read: "crm.objects.custom.read",
    write: "crm.objects.custom.write",
    schema_read: "crm.schemas.custom.read",
    schema_write: "crm.schemas.custom.write",
};

/// `crm.objects.{name}.read` / `.write` and `crm.schemas.{name}.read` / `.write`.
macro_rules! granular {
    ($name:literal) => {
        ObjectScopes {
            read: concat!("crm.objects.", $name, ".read"),
            write: concat!("crm.objects.", $name, ".write"),
            schema_read: concat!("crm.schemas.", $name, ".read"),
            schema_write: concat!("crm.schemas.", $name, ".write"),
        }
    };
}

/// `(objects API name, object type id, scopes)` of the standard objects.
const STANDARD: &[(&str, &str, ObjectScopes)] = &[
    ("contacts", "0-1", granular!("contacts")),
    ("companies", "0-2", granular!("companies")),
    ("deals", "0-3", granular!("deals")),
    (
        "tickets",
        "0-5",
        ObjectScopes {
            read: "tickets",
            write: "tickets",
            schema_read: "crm.schemas.tickets.read",
            schema_write: "crm.schemas.tickets.write",
        },
    ),
    (
        "products",
        "0-7",
        ObjectScopes {
            read: "e-commerce",
            write: "e-commerce",
            schema_read: "e-commerce",
            schema_write: "e-commerce",
        },
    ),
    (
        "line_items",
        "0-8",
        ObjectScopes {
            read: "crm.objects.line_items.read",
            write: "crm.objects.line_items.write",
            schema_read: "crm.schemas.line_items.read",
            schema_write: "e-commerce",
        },
    ),
    ("quotes", "0-14", granular!("quotes")),
    ("tasks", "0-27", granular!("tasks")),
    ("notes", "0-46", granular!("notes")),
    ("meetings", "0-47", granular!("meetings")),
    ("calls", "0-48", granular!("calls")),
    ("emails", "0-49", granular!("emails")),
    ("leads", "0-136", granular!("leads")),
    ("invoices", "0-53", granular!("invoices")),
    ("subscriptions", "0-69", granular!("subscriptions")),
    ("orders", "0-123", granular!("orders")),
    ("carts", "0-142", granular!("carts")),
    ("services", "0-162", granular!("services")),
    ("courses", "0-410", granular!("courses")),
    ("listings", "0-420", granular!("listings")),
    ("appointments", "0-421", granular!("appointments")),
];

/// The scopes of the object type HubSpot knows as `object_type`: a standard object's
/// objects API name (`contacts`, `line_items`) or type id (`0-1`), else a custom object
/// (by name, fully qualified name or `2-…` id).
pub fn object_scopes(object_type: &str) -> ObjectScopes {
    STANDARD
        .iter()
        .find(|(name, id, _)| *name == object_type || *id == object_type)
        .map_or(CUSTOM_OBJECT_SCOPES, |(_, _, scopes)| *scopes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_objects_have_their_own_scopes_by_name_and_by_id() {
        let contacts = object_scopes("contacts");
        assert_eq!(object_scopes("0-1"), contacts);
        assert_eq!(contacts.read, "crm.objects.contacts.read");
        assert_eq!(contacts.write, "crm.objects.contacts.write");
        assert_eq!(contacts.schema_read, "crm.schemas.contacts.read");
        assert_eq!(object_scopes("deals").write, "crm.objects.deals.write");
        assert_eq!(
            object_scopes("0-2").schema_read,
            "crm.schemas.companies.read"
        );
        assert_eq!(object_scopes("tickets").read, "tickets");
        assert_eq!(object_scopes("0-5").schema_read, "crm.schemas.tickets.read");
        assert_eq!(object_scopes("products").read, "e-commerce");
        assert_eq!(object_scopes("0-8").read, "crm.objects.line_items.read");
        assert_eq!(object_scopes("line_items").schema_write, "e-commerce");
        assert_eq!(object_scopes("0-48").read, "crm.objects.calls.read");
        assert_eq!(object_scopes("leads").schema_read, "crm.schemas.leads.read");
        assert_eq!(object_scopes("0-123").read, "crm.objects.orders.read");
        assert_eq!(
            object_scopes("appointments").schema_write,
            "crm.schemas.appointments.write"
        );
    }

    #[test]
    fn everything_else_is_a_custom_object() {
        for custom in ["cars", "p123_cars", "2-3465", "0-999", ""] {
            assert_eq!(object_scopes(custom), CUSTOM_OBJECT_SCOPES, "{custom}");
        }
        assert_eq!(CUSTOM_OBJECT_SCOPES.read, "crm.objects.custom.read");
        assert_eq!(
            CUSTOM_OBJECT_SCOPES.schema_write,
            "crm.schemas.custom.write"
        );
    }

    #[test]
    fn every_granular_entry_spells_its_own_name() {
        for (name, _, scopes) in STANDARD {
            assert!(
                scopes.read.contains(name)
                    || scopes.read == "tickets"
                    || scopes.read == "e-commerce",
                "{name}: {scopes:?}"
            );
        }
    }
}
