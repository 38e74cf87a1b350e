//! Builder (being written)
/// build.rs entry point (being written).
pub struct Builder;
