//! Which properties are read-only: no field in the generated write type, listed in
//! `CrmObject::READ_ONLY_PROPERTIES`, documented as such, and compared by
//! `Client::verify` and `codegen diff`.
//!
//! # Rule
//!
//! A property is read-only when any of these holds, checked in this order (the first
//! that holds is the reason the docs give):
//!
//! 1. **Calculated**: `calculated: true` (HubSpot computes the value from a formula).
//! 2. **`modificationMetadata.readOnlyValue: true`**: HubSpot says record values
//!    cannot be written through the API.
//! 3. **A calculation field type**: `fieldType` `calculation_*` (`calculation_equation`,
//!    `calculation_rollup`, `calculation_score`, `calculation_read_time`, …), which
//!    HubSpot computes even where a Properties API response omits `calculated`.
//! 4. **Set by HubSpot on every record**: [`SET_BY_HUBSPOT`] (`hs_object_id`, the
//!    create and last-modified dates under both their names), whatever the snapshot says
//!    of them.
//!
//! A HubSpot-defined (`hs_…`, `hubspotDefined: true`) property is **not** read-only for
//! that alone: many are the account's everyday writable fields (`hs_lead_status`,
//! `hubspot_owner_id`, `hs_priority`), and HubSpot marks the ones it owns with rules 1–3.

use crate::schema::Property;

/// Properties HubSpot sets on every record of every object itself: ids and the create
/// and modification timestamps, under their current (`hs_…`) and legacy names.
pub const SET_BY_HUBSPOT: &[&str] = &[
    "createdate",
    "hs_createdate",
    "hs_lastmodifieddate",
    "hs_object_id",
    "lastmodifieddate",
];

/// Why a property is read-only; see the module docs for the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnly {
    /// `calculated: true`.
    Calculated,
    /// `modificationMetadata.readOnlyValue: true`.
    ReadOnlyValue,
    /// A `calculation_*` field type.
    CalculationFieldType,
    /// One of [`SET_BY_HUBSPOT`].
    SetByHubSpot,
}

impl ReadOnly {
    /// How `codegen diff` and `verify` print the property's access: `read-only
    /// (calculated)`.
    pub fn describe(self) -> &'static str {
        match self {
            ReadOnly::Calculated => "read-only (calculated)",
            ReadOnly::CalculationFieldType => "read-only (calculation field type)",
            ReadOnly::SetByHubSpot => "read-only (set by HubSpot)",
            ReadOnly::ReadOnlyValue => "read-only (readOnlyValue)",
        }
    }

    /// The token of the compact description ([`super::description`]).
    pub(crate) fn token(self) -> &'static str {
        match self {
            ReadOnly::Calculated => "calculated",
            ReadOnly::CalculationFieldType => "calculation",
            ReadOnly::SetByHubSpot => "hubspot",
            ReadOnly::ReadOnlyValue => "read_only_value",
        }
    }

    /// The reason a description token names.
    pub(crate) fn from_token(token: &str) -> Option<ReadOnly> {
        [
            ReadOnly::Calculated,
            ReadOnly::CalculationFieldType,
            ReadOnly::SetByHubSpot,
            ReadOnly::ReadOnlyValue,
        ]
        .into_iter()
        .find(|r| r.token() == token)
    }
}

/// Whether `property` is read-only, and why (the first rule that holds).
pub fn read_only(property: &Property) -> Option<ReadOnly> {
    if property.calculated == Some(true) {
        Some(ReadOnly::Calculated)
    } else if property
        .modification_metadata
        .as_ref()
        .and_then(|m| m.read_only_value)
        == Some(true)
    {
        Some(ReadOnly::ReadOnlyValue)
    } else if property
        .field_type
        .as_deref()
        .is_some_and(|f| f.starts_with("calculation_"))
    {
        Some(ReadOnly::CalculationFieldType)
    } else if SET_BY_HUBSPOT.contains(&property.name.as_str()) {
        Some(ReadOnly::SetByHubSpot)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::PropertyModificationMetadata;

    fn property(name: &str, field_type: &str) -> Property {
        Property {
            name: name.into(),
            r#type: "string".into(),
            field_type: Some(field_type.into()),
            hubspot_defined: Some(true),
            ..Default::default()
        }
    }

    #[test]
    fn each_rule_and_its_reason() {
        let mut calculated = property("amount_in_home_currency", "calculation_equation");
        calculated.calculated = Some(true);
        assert_eq!(read_only(&calculated), Some(ReadOnly::Calculated));

        let mut locked = property("hs_analytics_source", "select");
        locked.modification_metadata = Some(PropertyModificationMetadata {
            read_only_value: Some(true),
            ..Default::default()
        });
        assert_eq!(read_only(&locked), Some(ReadOnly::ReadOnlyValue));

        for field_type in [
            "calculation_rollup",
            "calculation_score",
            "calculation_read_time",
        ] {
            assert_eq!(
                read_only(&property("num_associated_deals", field_type)),
                Some(ReadOnly::CalculationFieldType),
                "{field_type}"
            );
        }

        for name in SET_BY_HUBSPOT {
            // Even when the snapshot claims the value is writable.
            let mut p = property(name, "text");
            p.modification_metadata = Some(PropertyModificationMetadata {
                read_only_value: Some(false),
                ..Default::default()
            });
            assert_eq!(read_only(&p), Some(ReadOnly::SetByHubSpot), "{name}");
        }
    }

    #[test]
    fn hubspot_defined_properties_are_not_read_only_for_that_alone() {
        for (name, field_type) in [
            ("hs_lead_status", "radio"),
            ("hubspot_owner_id", "select"),
            ("lifecyclestage", "radio"),
            ("email", "text"),
            ("hs_pipeline_stage", "select"),
        ] {
            assert_eq!(read_only(&property(name, field_type)), None, "{name}");
        }
    }
}
