//! HubSpot-defined association types between standard objects — the default
//! (unlabeled) type a v4 `…/associations/default/…` call creates, as
//! `(from objectTypeId, to objectTypeId, associationTypeId, v3 type name)` — used when
//! the from object's schema defines no association to the target.

/// HubSpot's default association types between standard objects.
const DEFAULT_TYPES: &[(&str, &str, u64, &str)] = &[
    ("0-1", "0-2", 279, "contact_to_company_unlabeled"),
    ("0-2", "0-1", 280, "company_to_contact_unlabeled"),
    ("0-1", "0-3", 4, "contact_to_deal"),
    ("0-3", "0-1", 3, "deal_to_contact"),
    ("0-1", "0-5", 15, "contact_to_ticket"),
    ("0-5", "0-1", 16, "ticket_to_contact"),
    ("0-2", "0-3", 342, "company_to_deal_unlabeled"),
    ("0-3", "0-2", 341, "deal_to_company_unlabeled"),
    ("0-2", "0-5", 340, "company_to_ticket_unlabeled"),
    ("0-5", "0-2", 339, "ticket_to_company_unlabeled"),
    ("0-3", "0-5", 27, "deal_to_ticket"),
    ("0-5", "0-3", 28, "ticket_to_deal"),
    ("0-3", "0-8", 19, "deal_to_line_item"),
    ("0-8", "0-3", 20, "line_item_to_deal"),
];

/// The default association type from one standard object to another:
/// `(associationTypeId, v3 type name)`.
pub(crate) fn default_type(from: &str, to: &str) -> Option<(u64, &'static str)> {
    DEFAULT_TYPES
        .iter()
        .find(|(f, t, _, _)| *f == from && *t == to)
        .map(|(_, _, id, name)| (*id, *name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_have_both_directions() {
        assert_eq!(
            default_type("0-1", "0-2"),
            Some((279, "contact_to_company_unlabeled"))
        );
        assert_eq!(default_type("0-3", "0-1"), Some((3, "deal_to_contact")));
        assert_eq!(default_type("0-1", "0-1"), None);
        for (from, to, _, _) in DEFAULT_TYPES {
            assert!(default_type(to, from).is_some(), "{to} -> {from}");
        }
    }
}
