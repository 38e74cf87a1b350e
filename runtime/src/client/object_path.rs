//! The one decision of which `{objectType}` key a generated object type's requests
//! carry ([`records_object_type`]).
//!
//! Standard objects (object type ids `0-…`) are addressed by their objects API name
//! (`/crm/v3/objects/contacts`), which is the same in every account. Custom objects keep
//! the snapshot account's object type id (`2-…`) for now; resolving it per account (by
//! `NAME`, cached) will change this function only.

use crate::object::CrmObject;

/// Whether `object_type_id` names one of HubSpot's standard objects (`0-1`, `0-136`).
pub fn is_standard_object_type_id(object_type_id: &str) -> bool {
    object_type_id.starts_with("0-")
}

/// The `{objectType}` path key of `T`'s records: `T::NAME` for a standard object,
/// `T::OBJECT_TYPE_ID` for a custom one.
pub fn records_object_type<T: CrmObject>() -> &'static str {
    object_type_key(T::OBJECT_TYPE_ID, T::NAME)
}

fn object_type_key(object_type_id: &'static str, name: &'static str) -> &'static str {
    if is_standard_object_type_id(object_type_id) {
        name
    } else {
        object_type_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_objects_by_name_custom_objects_by_type_id() {
        assert_eq!(object_type_key("0-1", "contacts"), "contacts");
        assert_eq!(object_type_key("0-8", "line_items"), "line_items");
        assert_eq!(object_type_key("0-136", "leads"), "leads");
        assert_eq!(object_type_key("2-3465", "cars"), "2-3465");
        // A snapshot without an object type id generates the fully qualified name.
        assert_eq!(object_type_key("p123_cars", "cars"), "p123_cars");
        assert!(!is_standard_object_type_id("20-1"));
    }
}
