//! Which scopes an operation on an object type needs, per object: records read/write,
//! Properties API read/write, Pipelines API read. Standard objects take their scopes
//! from the `standard_objects` table; anything else is a custom object. The first scope
//! of each list is the one a 403 MISSING_SCOPES names.

use crate::standard_objects::lookup;
use crate::{RECORDS_READ_SCOPE, RECORDS_WRITE_SCOPE, SCHEMA_READ_SCOPE, SCHEMA_WRITE_SCOPE};

/// Reading records of `object_type` (also pipelines).
pub(crate) fn records_read(object_type: &str) -> &'static [&'static str] {
    lookup(object_type).map_or(&[RECORDS_READ_SCOPE], |o| o.read_scopes)
}

/// Creating, changing and archiving records (and their associations).
pub(crate) fn records_write(object_type: &str) -> &'static [&'static str] {
    lookup(object_type).map_or(&[RECORDS_WRITE_SCOPE], |o| o.write_scopes)
}

/// Reading property definitions with the Properties API.
pub(crate) fn properties_read(object_type: &str) -> &'static [&'static str] {
    lookup(object_type).map_or(&[SCHEMA_READ_SCOPE, "crm.objects.custom.read"], |o| {
        o.schema_read_scopes
    })
}

/// Creating, changing and archiving property definitions.
pub(crate) fn properties_write(object_type: &str) -> &'static [&'static str] {
    lookup(object_type).map_or(&[SCHEMA_WRITE_SCOPE], |o| o.schema_write_scopes)
}

/// Reading pipelines: the object's records read scope.
pub(crate) fn pipelines_read(object_type: &str) -> &'static [&'static str] {
    records_read(object_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_per_object() {
        assert_eq!(records_read("contacts"), ["crm.objects.contacts.read"]);
        assert_eq!(records_write("0-3"), ["crm.objects.deals.write"]);
        assert_eq!(records_read("tickets")[0], "tickets");
        assert_eq!(records_write("line_items")[0], "e-commerce");
        assert_eq!(records_read("p12345678_cars"), ["crm.objects.custom.read"]);
        assert_eq!(properties_read("companies"), ["crm.schemas.companies.read"]);
        assert_eq!(properties_read("cars")[0], "crm.schemas.custom.read");
        assert_eq!(properties_read("tickets")[0], "tickets");
        assert_eq!(pipelines_read("deals"), ["crm.objects.deals.read"]);
    }
}
