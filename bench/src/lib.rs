//! `hubspot-bench`: what the performance targets of hubspot-codegen are measured on.
//!
//! - [`synthetic`]: the deterministic synthetic account (N objects × P properties,
//!   an enumeration every K-th property with O options) and its records.
//! - [`reference`](mod@reference): the reference account's first object, generated at build time by
//!   the real code generator (`build.rs`), so the decode and encode benches measure the
//!   code users get.
//! - [`ratios`]: interleaved side-by-side timing for the ratio lines the benches print.
//! - [`fixtures`]: the inputs every bench shares (snapshot text, record pages, write
//!   bodies).
//! - [`floor`]: the floor crate (serde's derive over `Option<String>` fields), for the
//!   compile-time script and, as [`reference_floor`](mod@reference_floor), the benches.
//!
//! Benches: `cargo bench -p hubspot-bench` (`generate`, `decode`, `encode`); compile
//! time: `scripts/compile-time.sh`.

pub mod fixtures;
pub mod floor;
pub mod ratios;
pub mod synthetic;

/// The reference account's first object (`assets`), as `hubspot_codegen::Builder`
/// generates it from the synthetic snapshot in `build.rs`.
pub mod reference {
    include!(concat!(env!("OUT_DIR"), "/reference_objects.rs"));
}

/// The reference account's first object as the floor struct ([`floor`]), written by
/// `build.rs` from the same model: the decode bench's serde-derive floor.
pub mod reference_floor {
    include!(concat!(env!("OUT_DIR"), "/reference_floor.rs"));
}
