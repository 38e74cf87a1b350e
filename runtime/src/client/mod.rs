//! The authenticated HTTP client (being written).
