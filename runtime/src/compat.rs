//! Compatibility of generated code with an account: the decisions `hubspot-codegen`
//! makes when it generates and `Client::verify` makes when a program starts, kept in
//! one place below both so they never disagree.
//!
//! - [`field_kind`]: which Rust type a property gets (DESIGN § Types).
//! - [`read_only`](mod@read_only): which properties cannot be written, and why.
//! - [`description`]: the compact description generated code carries
//!   (`CrmObject::DESCRIPTION`) and the facts both sides compare.
//! - [`classify`]: whether a change breaks code generated before it.
//! - [`report`]: what `Client::verify` returns ([`VerifyReport`]).

pub mod classify;
pub mod description;
pub mod field_kind;
pub mod read_only;
pub mod report;

pub use classify::{ChangeKind, PropertyChange};
pub use description::{ObjectDescription, PipelineDescription, PropertyFacts};
pub use field_kind::FieldKind;
pub use report::{Difference, ObjectReport, VerifyReport};
