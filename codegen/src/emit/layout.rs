//! prettyplease's layout, for the code emit prints straight as text ([`super::open_enum`]):
//! where a line breaks and how a doc line reads. Text printed by these rules is exactly
//! what prettyplease prints for the same syntax, so a generated file reads the same
//! whichever way an item was printed (tests compare the two on every fixture).
//!
//! Only the shapes the text printers use are covered, each rule measured against
//! prettyplease 0.2 (`MARGIN` is its line width): a string or path array, a match arm
//! with a call as its body, and doc lines.

/// prettyplease's line width: a group that fits within it stays on one line.
pub const MARGIN: usize = 89;

/// One indentation level.
pub const INDENT: &str = "    ";

/// `depth` levels of indentation.
pub fn indent(depth: usize) -> String {
    INDENT.repeat(depth)
}

/// A `///` line at `indent` for one line of docs: the text after a space, trailing
/// spaces trimmed, as prettyplease prints a `#[doc = " text"]` attribute.
pub fn push_doc_line(out: &mut String, indent: &str, line: &str) {
    out.push_str(indent);
    out.push_str("///");
    let text = line.trim_end_matches(' ');
    if !text.is_empty() {
        out.push(' ');
        out.push_str(text);
    }
    out.push('\n');
}

/// Whether `value` is printable ASCII, which [`push_str_literal`] escapes itself.
fn is_printable_ascii(value: &str) -> bool {
    value.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// The width of [`push_str_literal`]'s text for `value`.
fn str_literal_width(value: &str) -> usize {
    if !is_printable_ascii(value) {
        return super::lit(value).to_string().len();
    }
    value.len() + 2 + value.bytes().filter(|b| matches!(b, b'"' | b'\\')).count()
}

/// A string literal's source text, as [`super::lit`] makes it (and prettyplease prints
/// it). Printable ASCII, most HubSpot values and labels, is escaped here directly;
/// anything else takes the token's way.
pub fn push_str_literal(out: &mut String, value: &str) {
    if !is_printable_ascii(value) {
        out.push_str(&super::lit(value).to_string());
        return;
    }
    out.push('"');
    for c in value.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

/// An element of a table.
#[derive(Debug, Clone, Copy)]
pub enum Element<'a> {
    /// Code, in two pieces printed one after the other (`Self::`, `New`).
    Code(&'a str, &'a str),
    /// The string literal of a value.
    Str(&'a str),
}

impl Element<'_> {
    fn width(self) -> usize {
        match self {
            Element::Code(first, second) => first.len() + second.len(),
            Element::Str(value) => str_literal_width(value),
        }
    }

    fn push(self, out: &mut String) {
        match self {
            Element::Code(first, second) => {
                out.push_str(first);
                out.push_str(second);
            }
            Element::Str(value) => push_str_literal(out, value),
        }
    }
}

/// The end of a statement whose line so far is `head` (indentation included, ending in
/// `&[`): `elements` then `];`. One line when it all fits in [`MARGIN`] (the `];`
/// counts), else one element per line with a trailing comma.
pub fn push_array_tail<'a>(
    out: &mut String,
    head: &str,
    elements: impl Iterator<Item = Element<'a>> + Clone,
) {
    let (count, width) = elements
        .clone()
        .fold((0usize, 0), |(count, width), element| {
            (count + 1, width + element.width())
        });
    let separators = 2 * count.saturating_sub(1);
    let one_line = head.len() + width + separators + "];".len() <= MARGIN;
    let indent = &head[..head.len() - head.trim_start().len()];
    out.push_str(head);
    if one_line {
        for (i, element) in elements.enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            element.push(out);
        }
    } else {
        out.push('\n');
        for element in elements {
            out.push_str(indent);
            out.push_str(INDENT);
            element.push(out);
            out.push_str(",\n");
        }
        out.push_str(indent);
    }
    out.push_str("];\n");
}

/// A match arm `pattern => Some(position),` at `indent` (`pattern` in two pieces).
/// When the arm without its comma is wider than [`MARGIN`], prettyplease puts the
/// body in a block on lines of its own.
pub fn push_some_arm(out: &mut String, indent: &str, pattern: [&str; 2], position: usize) {
    let digits = position.checked_ilog10().unwrap_or(0) as usize + 1;
    let body = "Some()".len() + digits;
    let width = indent.len() + pattern[0].len() + pattern[1].len() + " => ".len() + body;
    out.push_str(indent);
    out.push_str(pattern[0]);
    out.push_str(pattern[1]);
    let one_line = width <= MARGIN;
    if one_line {
        out.push_str(" => Some(");
    } else {
        out.push_str(" => {\n");
        out.push_str(indent);
        out.push_str(INDENT);
        out.push_str("Some(");
    }
    // `position` in decimal, without `format!`'s machinery.
    let mut buffer = [0u8; 20];
    let mut start = buffer.len();
    let mut rest = position;
    loop {
        start -= 1;
        buffer[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buffer[start..]).expect("ASCII digits"));
    if one_line {
        out.push_str("),\n");
    } else {
        out.push_str(")\n");
        out.push_str(indent);
        out.push_str("}\n");
    }
}

/// A type as nested generics: `heads[0]<heads[1]<…<leaf>>>`, the way a field's type
/// is written (`Option<Vec<CarsFeatures>>`).
#[derive(Debug, Clone, Copy)]
pub struct NestedType<'a> {
    /// The generic types from the outside in (`Option`, `Vec`).
    pub heads: &'a [&'a str],
    /// The innermost type.
    pub leaf: &'a str,
}

impl NestedType<'_> {
    /// The type's width on one line.
    fn width(&self) -> usize {
        self.heads.iter().map(|head| head.len() + 2).sum::<usize>() + self.leaf.len()
    }
}

/// A struct field `pub name: Type,` at `indent`. When the line is wider than
/// [`MARGIN`] (its comma counts), prettyplease breaks the outermost generic type's
/// brackets onto lines of their own, and so on inwards while a line stays too wide.
pub fn push_field(out: &mut String, indent: &str, name: &str, ty: NestedType<'_>) {
    out.push_str(indent);
    out.push_str("pub ");
    out.push_str(name);
    out.push_str(": ");
    let column = indent.len() + "pub ".len() + name.len() + ": ".len();
    push_type(out, indent, column, ty, ",".len());
    out.push_str(",\n");
}

/// `ty` starting at `column` of a line indented by `indent`, followed by `suffix`
/// characters on the same line.
fn push_type(out: &mut String, indent: &str, column: usize, ty: NestedType<'_>, suffix: usize) {
    let Some((head, inner)) = ty.heads.split_first() else {
        out.push_str(ty.leaf);
        return;
    };
    if column + ty.width() + suffix <= MARGIN {
        for head in ty.heads {
            out.push_str(head);
            out.push('<');
        }
        out.push_str(ty.leaf);
        for _ in ty.heads {
            out.push('>');
        }
        return;
    }
    let inner_indent = format!("{indent}{INDENT}");
    out.push_str(head);
    out.push_str("<\n");
    out.push_str(&inner_indent);
    let inner = NestedType {
        heads: inner,
        leaf: ty.leaf,
    };
    // The trailing comma is printed only because the brackets broke: it takes no room
    // when prettyplease measures the inner type.
    push_type(out, &inner_indent, inner_indent.len(), inner, 0);
    out.push_str(",\n");
    out.push_str(indent);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// prettyplease's text for `source`.
    fn pretty(source: &str) -> String {
        prettyplease::unparse(&syn::parse_file(source).expect("test source parses"))
    }

    /// That prettyplease prints `ours` as it is, within `item` `depth` modules deep.
    fn assert_printed_unchanged(depth: usize, item: &str, ours: &str) {
        let source = format!("{}{item}{}", "mod m { ".repeat(depth), " }".repeat(depth));
        let printed = pretty(&source);
        assert!(printed.contains(ours), "depth {depth}:\n{printed}\n{ours}");
    }

    #[test]
    fn arrays_break_exactly_where_prettyplease_breaks_them() {
        for depth in 0..3 {
            for length in 0..120 {
                let long = "x".repeat(length);
                let elements = [Element::Str("ab"), Element::Str(&long)];
                let head = format!(
                    "{}pub const VALUES: &'static [&'static str] = &[",
                    indent(depth + 1)
                );
                let mut ours = String::new();
                push_array_tail(&mut ours, &head, elements.into_iter());
                let item = format!("impl E {{ {}{} }}", head.trim_start(), &ours[head.len()..]);
                assert_printed_unchanged(depth, &item, &ours);
            }
        }
        let mut empty = String::new();
        push_array_tail(
            &mut empty,
            "    pub const ALL: &'static [Self] = &[",
            std::iter::empty(),
        );
        assert!(pretty(&format!("impl E {{ {} }}", empty.trim())).contains(&empty));
    }

    #[test]
    fn arms_break_exactly_where_prettyplease_breaks_them() {
        for depth in 0..3 {
            let indent = indent(depth + 3);
            for length in 30..90 {
                for position in [0, 12, 12345] {
                    let variant = "A".repeat(length);
                    let mut ours = String::new();
                    push_some_arm(&mut ours, &indent, ["Self::", &variant], position);
                    let item = format!(
                        "impl E {{ fn f(&self) -> Option<usize> {{ match self {{ {ours} Self::B => None, }} }} }}"
                    );
                    assert_printed_unchanged(depth, &item, &ours);
                }
            }
        }
    }

    #[test]
    fn string_literals_are_the_tokens_text() {
        let ascii: String = (0u8..128).map(char::from).collect();
        let mut values: Vec<String> = ascii.chars().map(String::from).collect();
        values.extend([
            ascii.clone(),
            String::new(),
            "Certified pre-owned".into(),
            "a \"quoted\" \\ path".into(),
            "émoji 🚗, tab\t, \u{202e}bidi".into(),
        ]);
        for value in values {
            assert_eq!(
                {
                    let mut text = String::new();
                    push_str_literal(&mut text, &value);
                    assert_eq!(text.len(), str_literal_width(&value));
                    text
                },
                super::super::lit(&value).to_string(),
                "{value:?}"
            );
        }
    }

    #[test]
    fn fields_break_exactly_where_prettyplease_breaks_them() {
        let long_enum = "A".repeat(70);
        let shapes: [(&[&str], &str); 5] = [
            (&["Option"], "String"),
            (&["Option"], "::hubspot_runtime::rust_decimal::Decimal"),
            (&["Option", "Vec"], "CarsFeatures"),
            (
                &["::hubspot_runtime::Write", "Vec"],
                "SomeLongEnumNameOfAnObjectAndAProperty",
            ),
            (&["::hubspot_runtime::Write", "Vec"], &long_enum),
        ];
        for depth in 0..2 {
            for (heads, leaf) in shapes {
                for length in 1..110 {
                    let name = "f".repeat(length);
                    let mut ours = String::new();
                    push_field(
                        &mut ours,
                        &indent(depth + 1),
                        &name,
                        NestedType { heads, leaf },
                    );
                    assert_printed_unchanged(depth, &format!("pub struct S {{ {ours} }}"), &ours);
                }
            }
        }
    }

    #[test]
    fn doc_lines_read_like_prettyplease_prints_doc_attributes() {
        for line in [
            "",
            "   ",
            "Label: value `\"x\"`.",
            "trailing  ",
            " leading",
            "a\\b */",
        ] {
            let mut ours = String::new();
            push_doc_line(&mut ours, "", line);
            let attribute = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            let source = format!("#[doc = {attribute:?}] struct S;");
            assert_eq!(pretty(&source), format!("{ours}struct S;\n"), "{line:?}");
        }
    }
}
