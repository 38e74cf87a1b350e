//! The codegen error type (being written by the CLI engineer; the model engineer may add variants).

/// Everything that can go wrong generating code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The schemas cannot be turned into code (see the message).
    #[error("{0}")]
    Model(String),
}
