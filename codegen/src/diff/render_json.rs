//! The `json` format: the stable, versioned document the parent module documents, for
//! CI bots. Field names never change within a [`FORMAT_VERSION`].

use serde::Serialize;

use super::{Change, Diff};

/// The version of the JSON document's shape (its `format_version` field).
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format_version: u32,
    old: &'a str,
    new: &'a str,
    breaking: bool,
    summary: Summary,
    changes: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct Summary {
    changes: usize,
    breaking: usize,
    compatible: usize,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    #[serde(flatten)]
    change: &'a Change,
    message: String,
    reason: &'static str,
}

/// Render `diff` between the sides named `old` and `new` as pretty JSON with a trailing
/// newline.
pub fn to_json(diff: &Diff, old: &str, new: &str) -> String {
    let code = |s: &str| format!("`{s}`");
    let document = Document {
        format_version: FORMAT_VERSION,
        old,
        new,
        breaking: diff.is_breaking(),
        summary: Summary {
            changes: diff.changes.len(),
            breaking: diff.breaking_count(),
            compatible: diff.compatible_count(),
        },
        changes: diff
            .changes
            .iter()
            .map(|change| JsonChange {
                change,
                message: change.message(&code),
                reason: change.reason(),
            })
            .collect(),
    };
    // Strings, numbers and bools only: serialization cannot fail.
    let mut text =
        serde_json::to_string_pretty(&document).expect("the diff document always serializes");
    text.push('\n');
    text
}
