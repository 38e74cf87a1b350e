//! The `text` format: a report for a terminal, grouped by object with breaking changes
//! first, optionally coloured with ANSI escape codes (the caller decides: only when
//! stdout is a terminal and `NO_COLOR` is unset).

use super::{Diff, RustItem};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[1;31m";
const GREEN: &str = "\x1b[32m";

/// Render `diff` between the sides named `old` and `new` as text.
pub fn to_text(diff: &Diff, old: &str, new: &str, color: bool) -> String {
    let paint = |style: &str, text: &str| {
        if color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_owned()
        }
    };
    let code = |s: &str| format!("`{s}`");
    if diff.is_empty() {
        return format!("no changes between {old} and {new}\n");
    }
    let mut out = String::new();
    for (object, changes) in diff.by_object() {
        let breaking = changes.iter().filter(|c| c.breaking).count();
        out.push_str(&format!(
            "{}: {breaking} breaking, {} compatible\n",
            paint(BOLD, object),
            changes.len() - breaking
        ));
        let mut ordered = changes;
        ordered.sort_by_key(|c| !c.breaking);
        for change in ordered {
            let label = if change.breaking {
                paint(RED, "breaking  ")
            } else {
                paint(GREEN, "compatible")
            };
            out.push_str(&format!("  {label}  {}\n", change.message(&code)));
            let rust = rust_parts(&change.rust);
            if !rust.is_empty() {
                let item = rust.join(" → ");
                out.push_str(&format!("              {}\n", paint(DIM, &item)));
            }
            if change.breaking {
                out.push_str(&format!("              why: {}\n", change.reason()));
            }
        }
        out.push('\n');
    }
    out.push_str(&summary(diff, old, new));
    out
}

/// The closing line (also what `codegen check` prints under its file list).
pub(crate) fn summary(diff: &Diff, old: &str, new: &str) -> String {
    let total = diff.changes.len();
    let mut line = format!(
        "{total} change{} from {old} to {new}: {} breaking, {} compatible\n",
        if total == 1 { "" } else { "s" },
        diff.breaking_count(),
        diff.compatible_count()
    );
    if diff.is_breaking() {
        line.push_str(&format!(
            "code generated from {old} breaks: regenerate, then fix the uses of the items above\n"
        ));
    }
    line
}

/// The Rust item before and after, as one or two parts to join with an arrow:
/// `Cars::year: Option<Decimal>` and `Option<String>` (the path once when it is the
/// same), or one part when only one side has the item or nothing changed.
pub(crate) fn rust_parts(item: &RustItem) -> Vec<String> {
    match (&item.old, &item.new) {
        (Some(old), Some(new)) if old == new => vec![old.clone()],
        (Some(old), Some(new)) => {
            let path = |s: &str| s.split_once(": ").map(|(path, _)| path.to_owned());
            match (path(old), new.split_once(": ")) {
                (Some(old_path), Some((new_path, new_ty))) if old_path == new_path => {
                    vec![old.clone(), new_ty.to_owned()]
                }
                _ => vec![old.clone(), new.clone()],
            }
        }
        (Some(only), None) | (None, Some(only)) => vec![only.clone()],
        (None, None) => Vec::new(),
    }
}
