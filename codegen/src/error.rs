//! The codegen error type: one enum for every stage (reading a snapshot, modelling,
//! writing files, the CLI's configuration and live fetching).
//!
//! Each message says what went wrong, where (file, line, column, directory), and what
//! to do about it. Underlying causes are kept as [`std::error::Error::source`] rather
//! than pasted into the message, so a caller can print the whole chain once (the CLI
//! prints `error: …` then `  caused by: …` lines). `Debug` prints the same text, so a
//! `build.rs` whose `main` returns this error shows a readable report. No variant ever
//! holds a secret.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Everything that can go wrong generating code.
#[non_exhaustive]
#[derive(thiserror::Error)]
pub enum Error {
    /// The schemas cannot be turned into code (see the message).
    #[error("{0}")]
    Model(String),

    /// `--only` (or `Builder::only`) named objects the snapshot does not have.
    #[error(
        "--only names {} which the snapshot does not have; available objects: {} \
         (match by name, fully qualified name or object type id)",
        quoted_list(unknown), if available.is_empty() { "none".to_owned() } else { available.join(", ") }
    )]
    UnknownObjects {
        /// The names that matched nothing, as given.
        unknown: Vec<String>,
        /// The snapshot's object names, sorted.
        available: Vec<String>,
    },

    /// The generated crate's package name is not one Cargo accepts.
    #[error(
        "invalid crate name {0:?}: use ASCII letters, digits, `-` and `_`, not starting with \
         a digit (e.g. `hubspot-objects`)"
    )]
    InvalidCrateName(String),

    /// A file or directory could not be read, written, created, renamed or removed.
    #[error("cannot {action} {}", path.display())]
    Io {
        /// What was being done: `read`, `write`, `create directory`, `replace`, …
        action: &'static str,
        /// The file or directory concerned.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: io::Error,
    },

    /// A snapshot file is not valid JSON, or not a list of object schemas.
    #[error(
        "{}:{line}:{column}: {message}\n  \
         a snapshot is the body of GET /crm-object-schemas/v3/schemas \
         ({{\"results\":[…]}}), a JSON array of object schemas or one object schema; \
         fix the file or fetch a fresh one with `codegen fetch`",
        path.display()
    )]
    Snapshot {
        /// The snapshot file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong there (serde_json's description).
        message: String,
    },

    /// A snapshot file is valid JSON but holds something other than object schemas (a
    /// Properties API list, a schema create request, `{}`, …).
    #[error("{}: holds {found}\n  {remedy}", path.display())]
    NotASnapshot {
        /// The snapshot file.
        path: PathBuf,
        /// What the file holds.
        found: String,
        /// What to run or do instead.
        remedy: String,
    },

    /// The output directory is not one `codegen generate` may write into.
    #[error("refusing to write into {}: {reason}", path.display())]
    RefusedOutput {
        /// The directory (or file) given as output.
        path: PathBuf,
        /// Why, and what to do instead.
        reason: String,
    },

    /// The `--config` file cannot be used.
    #[error("invalid config file {}: {message}", path.display())]
    Config {
        /// The config file.
        path: PathBuf,
        /// What is wrong (never a value from the file: values may be secrets).
        message: String,
    },

    /// The generator settings (`hubspot-codegen.toml` or [`crate::Builder`]'s settings)
    /// cannot be used; the message names the file, line, column and key when known.
    #[error("{0}")]
    Settings(String),

    /// A live command has no credentials to authenticate with.
    #[error("{0}")]
    Credentials(String),

    /// A required environment variable is missing or unusable (e.g. `OUT_DIR` outside
    /// a build script).
    #[error("{0}")]
    Environment(String),

    /// `--objects` (or the settings' object selection) cannot be used: an entry that
    /// names no object, or a custom object the account does not have.
    #[error("{0}")]
    ObjectSelection(String),
    /// Fetching one selected object failed; the message names the object, what to add
    /// (a scope) or how to leave the object out.
    #[cfg(feature = "live")]
    #[error("{message}")]
    FetchObject {
        /// What failed and what to do.
        message: String,
        /// The client's error.
        #[source]
        source: Box<hubspot_runtime::Error>,
    },
    /// Talking to HubSpot failed (auth, network, refused URL, an API error).
    #[cfg(feature = "live")]
    #[error(transparent)]
    Live(#[from] hubspot_runtime::Error),
}

impl Error {
    /// An [`Error::Io`] for `action` on `path`.
    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// The message followed by every cause, one `caused by:` line each: what the CLI
    /// prints after `error: ` and what `Debug` shows.
    pub fn report(&self) -> String {
        let mut text = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(inner) = cause {
            // Some errors (the runtime client's, reqwest's) already quote their cause in
            // their own message; print each piece of text once.
            let line = inner.to_string();
            if !text.contains(&line) {
                text.push_str("\n  caused by: ");
                text.push_str(&line);
            }
            cause = inner.source();
        }
        text
    }
}

// Debug shows the human report: `fn main() -> Result<(), Box<dyn Error>>` in a build
// script prints `Error: {:?}`, and a struct dump would bury the message.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report())
    }
}

/// `"a", "b"`: names as Rust string literals, so empty or odd names stay visible.
fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_lists_each_cause_once() {
        let error = Error::io(
            "read snapshot",
            "s.json",
            io::Error::new(io::ErrorKind::PermissionDenied, "permission denied"),
        );
        assert_eq!(
            error.report(),
            "cannot read snapshot s.json\n  caused by: permission denied"
        );
        assert_eq!(format!("{error:?}"), error.report());

        // A cause whose text the message already quotes is not repeated.
        let error = Error::io(
            "read snapshot",
            "permission denied",
            io::Error::new(io::ErrorKind::PermissionDenied, "permission denied"),
        );
        assert_eq!(error.report(), "cannot read snapshot permission denied");
    }
}
