//! `hubspot-codegen`: typed Rust for HubSpot CRM custom objects.
