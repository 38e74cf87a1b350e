//! `hubspot-codegen`: typed Rust for HubSpot CRM custom objects.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! source → snapshot → model → emit → format → write
//! ```
//!
//! - [`source`]: reading a snapshot file.
//! - `fetch` (feature `live`): reading a live account: custom objects, and the
//!   standard objects and pipelines the [`object_selection`] names.
//! - [`object_selection`]: which objects a live fetch reads (`--objects`).
//! - [`standard_objects`]: HubSpot's standard object types (ids, names, labels).
//! - [`snapshot`]: the normalized, lossless snapshot file format.
//! - [`ident`]: every Rust identifier rule (keywords, digits, case, collisions).
//! - [`model`]: the IR; every decision (names, types, docs, flags) is made here.
//! - [`emit`]: prints the model as Rust syntax trees (quote skeletons, repeated parts
//!   built directly); decides nothing.
//! - [`format`](mod@format): syntax → formatted source (prettyplease) with the
//!   `@generated` header.
//! - [`generate`]: the whole crate or one file in memory, from schemas.
//! - [`write`](mod@write): atomic, write-if-changed output into a crate directory.
//! - [`fingerprint`]: the no-op fast path: a regenerate whose inputs, generator and
//!   output on disk are unchanged (by the manifest a full run writes) generates nothing.
//! - [`builder`]: [`Builder`], for `build.rs`.
//! - [`diff`]: what changed between two snapshots, and whether it breaks generated code.
//! - [`diagram`]: the account's objects and associations as Mermaid or DOT.

pub mod builder;
pub mod diagram;
pub mod diff;
pub mod emit;
pub mod error;
pub mod fingerprint;
pub mod format;
pub mod generate;
mod generated_files;
pub mod ident;
pub mod model;
pub mod object_selection;
mod parallel;
pub mod settings;
pub mod snapshot;
pub mod source;
pub mod standard_objects;
pub mod write;

#[cfg(feature = "live")]
pub mod cli;
#[cfg(feature = "live")]
pub mod cli_diff;
#[cfg(feature = "live")]
pub mod config;
#[cfg(feature = "live")]
pub mod fetch;

pub use builder::Builder;
pub use error::Error;
pub use generate::{
    GenerateOptions, GeneratedCrate, RuntimeDependency, generate_crate, generate_single_file,
};
