//! `Record<T>`: a record as the objects API returns it (being written).

/// A record as the objects API returns it (being written).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record<T> {
    /// The record id.
    pub id: String,
    /// The typed properties.
    pub properties: T,
}
