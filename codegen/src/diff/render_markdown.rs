//! The `markdown` format, for a pull-request comment (GitHub Flavored Markdown): a
//! summary line, then one table per object, objects with breaking changes first and
//! breaking rows first in each table.
//!
//! Every HubSpot string goes in a code span sized to the backticks it contains, with
//! `|` escaped (GFM strips the backslash inside table cells) and line breaks flattened,
//! so no label or option value can break the table.

use super::render_text::rust_parts;
use super::{Change, Diff};

/// Render `diff` between the sides named `old` and `new` as Markdown.
pub fn to_markdown(diff: &Diff, old: &str, new: &str) -> String {
    let mut out = String::from("## HubSpot schema changes\n\n");
    if diff.is_empty() {
        out.push_str(&format!(
            "No changes from {} to {}.\n",
            code(old, false),
            code(new, false)
        ));
        return out;
    }
    let breaking = diff.breaking_count();
    let total = diff.changes.len();
    out.push_str(&format!(
        "{total} change{} from {} to {}: {}, {} compatible.",
        if total == 1 { "" } else { "s" },
        code(old, false),
        code(new, false),
        if breaking > 0 {
            format!("**{breaking} breaking**")
        } else {
            "0 breaking".to_owned()
        },
        diff.compatible_count()
    ));
    if breaking > 0 {
        out.push_str(&format!(
            " Code generated from {} breaks: regenerate, then fix the uses of the items below.",
            code(old, false)
        ));
    }
    out.push('\n');

    let mut objects = diff.by_object();
    // Stable: objects with breaking changes first, by name within each group.
    objects.sort_by_key(|(_, changes)| !changes.iter().any(|c| c.breaking));
    for (object, mut changes) in objects {
        changes.sort_by_key(|c| !c.breaking);
        out.push_str(&format!("\n### {}\n\n", code(object, false)));
        out.push_str("| | Change | Rust item | Why |\n|---|---|---|---|\n");
        for change in changes {
            out.push_str(&row(change));
        }
    }
    out
}

fn row(change: &Change) -> String {
    let cell = |s: &str| code(s, true);
    let rust = rust_parts(&change.rust)
        .iter()
        .map(|part| cell(part))
        .collect::<Vec<_>>()
        .join(" → ");
    format!(
        "| {} | {} | {} | {} |\n",
        if change.breaking {
            "**breaking**"
        } else {
            "compatible"
        },
        change.message(&cell),
        rust,
        change.reason()
    )
}

/// `text` as a code span that nothing inside can close early; `in_table` escapes `|`.
fn code(text: &str, in_table: bool) -> String {
    let mut text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.trim().is_empty() {
        return "*(empty)*".to_owned();
    }
    if in_table {
        text = text.replace('|', "\\|");
    }
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    // A span starting or ending with a backtick needs a space so the fence stays apart;
    // CommonMark strips one space from each side.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::code;

    #[test]
    fn code_spans_survive_backticks_pipes_and_newlines() {
        assert_eq!(code("cars", true), "`cars`");
        assert_eq!(code("a|b", true), "`a\\|b`");
        assert_eq!(code("a|b", false), "`a|b`");
        assert_eq!(code("x `y` z", true), "``x `y` z``");
        assert_eq!(code("`edge``", true), "``` `edge`` ```");
        assert_eq!(code("two\nlines", true), "`two lines`");
        assert_eq!(code("  ", true), "*(empty)*");
    }
}
