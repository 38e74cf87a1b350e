//! The client's one error type (being written).

/// Everything that can go wrong talking to HubSpot.
#[derive(Debug, thiserror::Error)]
pub enum Error {}
