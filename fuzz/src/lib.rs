//! The fuzz targets, as plain functions of the input bytes: what each checks is written
//! once here, and the libFuzzer entry points in `fuzz_targets/` only call them.
//!
//! - [`snapshot`]: any bytes → `parse_schemas`; parsed schemas always generate a crate
//!   (model → emit → format) whose files are plain paths inside it, and the snapshot
//!   writes back losslessly.
//! - [`codecs`]: every value codec's `decode` takes any string without panicking, and
//!   `decode(encode(x)) == x` for every valid `x`.
//! - [`error_body`]: any status and body answered by "HubSpot" becomes a typed error
//!   (or a value) through the real client, never a panic.
//! - [`naming`]: any set of names gives valid, unique, unreserved Rust identifiers.
//!
//! Run them with `scripts/fuzz.sh` (see the README's Security section).

mod codecs;
mod error_body;
mod naming;
mod snapshot;

pub use codecs::codecs;
pub use error_body::error_body;
pub use naming::naming;
pub use snapshot::snapshot;
