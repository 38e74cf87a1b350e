//! HubSpot's string encodings of record values (placeholder: being written).

/// A record value that does not parse as its property's type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind} value {value:?}: {reason}")]
pub struct ValueError {
    /// What the value should have been (`"number"`, `"date"`, …).
    pub kind: &'static str,
    /// The value as HubSpot sent it.
    pub value: String,
    /// Why it did not parse.
    pub reason: String,
}
