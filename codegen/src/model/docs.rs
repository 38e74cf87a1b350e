//! Turning HubSpot text (labels, descriptions, names, values) into rustdoc lines that
//! cannot break out of a comment, start a doctest, or trip a rustdoc lint.
//!
//! Each doc line is later emitted as one `#[doc = "…"]` string literal (so no text can
//! end a comment), and prettyplease prints it as a `///` line. What this module
//! guards against is Markdown:
//!
//! - **Doctests and code blocks.** Leading whitespace is trimmed from every line (an
//!   indented block would be a doctest) and backticks are escaped (no fences).
//! - **HTML and links.** `<`, `>`, `[`, `]`, `&` are backslash-escaped, so `<script>` is
//!   text and `[x]` is no broken intra-doc link. `http(s)://` words go in code spans,
//!   so `rustdoc::bare_urls` does not fire.
//! - **Block syntax.** A line that would start a heading, quote, list or rule gets its
//!   first marker escaped (`\#`, `\-`, `1\.`), so HubSpot text stays plain paragraphs
//!   and clippy's `doc_lazy_continuation` has no list to complain about.
//! - **Characters.** Control characters (tabs, carriage returns) become spaces;
//!   bidirectional-override characters are dropped (rustc denies them in comments).

/// Whether `c` is a bidirectional formatting character (rustc's
/// `text_direction_codepoint_in_comment` / `_in_literal` lints).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Split `text` into lines on every line terminator HubSpot text may contain.
fn lines(text: &str) -> Vec<String> {
    // `\r\n` is one line break, not two.
    text.replace("\r\n", "\n")
        .split([
            '\n', '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{0B}', '\u{0C}',
        ])
        .map(str::to_owned)
        .collect()
}

/// Control characters to spaces, bidi controls dropped.
fn clean(line: &str) -> String {
    line.chars()
        .filter(|&c| !is_bidi_control(c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Escape one line of prose (already cleaned) for Markdown; see the module docs.
pub fn escape_line(line: &str) -> String {
    let line = clean(line);
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    for (index, word) in line.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        if word.contains("http://") || word.contains("https://") {
            out.push_str(&code(word));
            continue;
        }
        for c in word.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '&' | '|' | '~'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    escape_block_start(out)
}

/// Escape the marker of a line that would open a Markdown block (heading, list, rule,
/// setext underline, ordered list item).
fn escape_block_start(line: String) -> String {
    match line.chars().next() {
        Some('#' | '-' | '+' | '=' | '_') => format!("\\{line}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            match line.as_bytes().get(digits) {
                Some(b'.' | b')') => format!("{}\\{}", &line[..digits], &line[digits..]),
                _ => line,
            }
        }
        _ => line,
    }
}

/// A prose text (label or description) as escaped doc lines: blank lines at either end
/// dropped, runs of blank lines collapsed to one (a paragraph break).
pub fn prose(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines(text) {
        let escaped = escape_line(&line);
        if escaped.is_empty() && out.last().is_none_or(String::is_empty) {
            continue;
        }
        out.push(escaped);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// A prose text as one escaped line (line breaks become spaces): for labels in lists.
pub fn inline(text: &str) -> String {
    // Most labels are plain words, which no rule changes (a test compares the two
    // ways); 100,000 option labels make the shortcut worth it.
    let plain = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && !text.ends_with(' ')
        && text.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b' ' | b'-' | b'(' | b')' | b',' | b'.' | b'\'')
        });
    if plain {
        return text.to_owned();
    }
    prose(text)
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` verbatim inside a Markdown code span. The fence is one backtick longer than
/// the longest backtick run inside; text with control or bidi characters (or that is
/// empty) is shown as a Rust string literal (`"a\nb"`) instead.
pub fn code(text: &str) -> String {
    // Printable ASCII without backticks needs one plain fence.
    if !text.is_empty()
        && text
            .bytes()
            .all(|b| (b' '..=b'~').contains(&b) && b != b'`')
    {
        return format!("`{text}`");
    }
    fenced(text)
}

/// [`code`] by its general rule.
fn fenced(text: &str) -> String {
    let shown = if text.is_empty() || text.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        format!("{text:?}")
            .chars()
            .filter(|&c| !is_bidi_control(c))
            .collect()
    } else {
        text.to_owned()
    };
    let mut longest = 0;
    let mut run = 0;
    for c in shown.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick needs a space inside the fence.
    let pad = if shown.starts_with('`') || shown.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{shown}{pad}{fence}")
}

/// A string value shown as a quoted literal in a code span: `"lot #3"`.
pub fn value(text: &str) -> String {
    // Printable ASCII that `Debug` does not escape and without backticks: quoted as is.
    if text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && !matches!(b, b'"' | b'\\' | b'`'))
    {
        return format!("`\"{text}\"`");
    }
    let quoted: String = format!("{text:?}")
        .chars()
        .filter(|&c| !is_bidi_control(c))
        .collect();
    code(&quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to `len` characters of `alphabet`.
    fn strings(alphabet: &[char], len: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn shortcuts_give_what_the_rules_give() {
        let alphabet = ['a', 'Z', '1', ' ', '-', '.', '"', '\\', '`', '#', '\n', 'é'];
        for text in strings(&alphabet, 4) {
            let lines = prose(&text);
            let by_rules: Vec<String> = lines.into_iter().filter(|l| !l.is_empty()).collect();
            assert_eq!(inline(&text), by_rules.join(" "), "{text:?}");
            let quoted: String = format!("{text:?}")
                .chars()
                .filter(|&c| !is_bidi_control(c))
                .collect();
            assert_eq!(value(&text), fenced(&quoted), "{text:?}");
        }
        for text in strings(&['a', ' ', '"', '`', '~', '\t', '\u{202e}'], 4) {
            assert_eq!(code(&text), fenced(&text), "{text:?}");
        }
    }

    #[test]
    fn indented_code_and_fences_become_plain_text() {
        assert_eq!(
            prose("Example:\n\n    let x = 1;\n```rust\nfn main() {}\n```"),
            [
                "Example:",
                "",
                "let x = 1;",
                "\\`\\`\\`rust",
                "fn main() {}",
                "\\`\\`\\`"
            ]
        );
    }

    #[test]
    fn html_links_and_urls_are_neutralized() {
        assert_eq!(
            escape_line("<script>alert(1)</script> see [x] at https://example.com/a_b."),
            "\\<script\\>alert(1)\\</script\\> see \\[x\\] at `https://example.com/a_b.`"
        );
    }

    #[test]
    fn block_markers_are_escaped() {
        assert_eq!(escape_line("# Title"), "\\# Title");
        assert_eq!(escape_line("  - item"), "\\- item");
        assert_eq!(escape_line("12. twelve"), "12\\. twelve");
        assert_eq!(escape_line("2024 model"), "2024 model");
        assert_eq!(escape_line("> quote"), "\\> quote");
    }

    #[test]
    fn code_spans_survive_backticks_and_control_characters() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a\nb"), "`\"a\\nb\"`");
        assert_eq!(value("lot #3"), "`\"lot #3\"`");
        assert_eq!(value(""), "`\"\"`");
    }

    #[test]
    fn blank_lines_collapse_and_controls_become_spaces() {
        assert_eq!(prose("\n\na\tb\r\n\r\n\r\nc\n\n"), ["a b", "", "c"]);
        assert_eq!(prose("x\u{202E}y"), ["xy"]);
    }
}
