//! Items with a part repeated per property or option — the enums' variants and tables
//! ([`super::open_enum`], [`super::property_enum`]) and the structs' fields
//! ([`super::fields`]) — printed straight as text. They are most of a generated crate
//! (100,000 options and 10,000 properties on the reference account), and building them
//! as syntax trees for prettyplease to print was most of `codegen generate`'s run time.
//!
//! The text is exactly what prettyplease prints for the same items (tests check it on
//! every fixture): an item's fixed part is printed by prettyplease, from a skeleton
//! with a placeholder name of the real name's length (a layout depends only on
//! lengths), and the parts repeated per row by [`super::layout`]'s rules. A skeleton
//! marks where they go: the variant `__variants`, the field `__fields: ()`, the tables
//! `&[__variants]` (`Self::` each variant), `&[__values]` and `&[__labels]`, the match
//! arm `__position_arms => {}` and the attribute `#[__extras]`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::Attribute;

use super::layout::{self, Element, NestedType};
use super::syntax;
use crate::Error;

/// One variant of an enum and its row in the tables.
pub struct Row<'a> {
    /// The variant's identifier.
    pub ident: &'a str,
    /// Its doc lines.
    pub docs: &'a [String],
    /// Its entry in the `&[__values]` table.
    pub value: &'a str,
    /// Its entry in the `&[__labels]` table.
    pub label: &'a str,
}

/// One field of a struct.
pub struct FieldRow<'a> {
    /// The field's identifier.
    pub name: &'a str,
    /// Its doc lines.
    pub docs: &'a [String],
    /// Its type.
    pub ty: NestedType<'a>,
}

/// An item's text with the parts that depend on its name and rows left open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

/// A piece of an item's printed text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Fixed text.
    Text(String),
    /// The enum's name.
    Name,
    /// Extra attributes from the settings.
    Extras,
    /// One doc line and one `Name,` line per variant, at `indent`.
    Variants { indent: String },
    /// Doc lines and one `pub name: Type,` line per field, at `indent`.
    Fields { indent: String },
    /// A table's elements and the `];` ending its line `head`.
    Table { head: String, column: Column },
    /// One `Self::Name => Some(position),` arm per variant, at `indent`.
    PositionArms { indent: String },
}

/// What a table holds per variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Variants,
    Values,
    Labels,
}

/// The placeholder standing for an enum's name of `len` bytes in a template: a
/// skeleton's fixed text contains no `Z` (tested for each), so a run of them is the
/// name.
fn placeholder(len: usize) -> String {
    "Z".repeat(len.max(1))
}

impl Template {
    /// The template of the items `skeleton` gives for a name of `name_len` bytes, as
    /// printed `depth` modules deep.
    pub fn new(
        depth: usize,
        name_len: usize,
        skeleton: impl FnOnce(&Ident) -> TokenStream,
    ) -> Result<Self, Error> {
        let placeholder = placeholder(name_len);
        let printed = unparse_at(
            depth,
            skeleton(&Ident::new(&placeholder, Span::call_site())),
        )?;
        let mut parts = Vec::new();
        let mut text = String::new();
        let flush = |text: &mut String, parts: &mut Vec<Part>| {
            if !text.is_empty() {
                parts.push(Part::Text(std::mem::take(text)));
            }
        };
        for line in printed.lines() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let table = [
                ("&[__variants];", Column::Variants),
                ("&[__values];", Column::Values),
                ("&[__labels];", Column::Labels),
            ]
            .into_iter()
            .find(|(marker, _)| line.ends_with(marker));
            let part = if let Some((marker, column)) = table {
                let head = &line[..line.len() - marker.len() + "&[".len()];
                Some(Part::Table {
                    head: head.to_owned(),
                    column,
                })
            } else if trimmed == "__fields: ()," {
                Some(Part::Fields {
                    indent: indent.to_owned(),
                })
            } else if trimmed == "__variants," {
                Some(Part::Variants {
                    indent: indent.to_owned(),
                })
            } else if trimmed.starts_with("__position_arms =>") {
                Some(Part::PositionArms {
                    indent: indent.to_owned(),
                })
            } else if trimmed == "#[__extras]" {
                Some(Part::Extras)
            } else {
                None
            };
            if let Some(part) = part {
                flush(&mut text, &mut parts);
                parts.push(part);
                continue;
            }
            for (i, piece) in line.split(placeholder.as_str()).enumerate() {
                if i > 0 {
                    flush(&mut text, &mut parts);
                    parts.push(Part::Name);
                }
                text.push_str(piece);
            }
            text.push('\n');
        }
        flush(&mut text, &mut parts);
        Ok(Self { parts })
    }

    /// The item `name` with `docs` (at `indent`), `extras` (printed attribute lines),
    /// `rows` (variants) and `fields`, appended to `out`.
    #[allow(clippy::too_many_arguments)]
    pub fn render(
        &self,
        out: &mut String,
        indent: &str,
        name: &str,
        docs: &[String],
        extras: &str,
        rows: &[Row<'_>],
        fields: &[FieldRow<'_>],
    ) {
        for line in docs {
            layout::push_doc_line(out, indent, line);
        }
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Name => out.push_str(name),
                Part::Extras => out.push_str(extras),
                Part::Variants { indent } => {
                    for row in rows {
                        for line in row.docs {
                            layout::push_doc_line(out, indent, line);
                        }
                        out.push_str(indent);
                        out.push_str(row.ident);
                        out.push_str(",\n");
                    }
                }
                Part::Fields { indent } => {
                    for field in fields {
                        for line in field.docs {
                            layout::push_doc_line(out, indent, line);
                        }
                        layout::push_field(out, indent, field.name, field.ty);
                    }
                }
                Part::Table { head, column } => {
                    let elements = rows.iter().map(|row| match column {
                        Column::Variants => Element::Code("Self::", row.ident),
                        Column::Values => Element::Str(row.value),
                        Column::Labels => Element::Str(row.label),
                    });
                    layout::push_array_tail(out, head, elements);
                }
                Part::PositionArms { indent } => {
                    for (position, row) in rows.iter().enumerate() {
                        layout::push_some_arm(out, indent, ["Self::", row.ident], position);
                    }
                }
            }
        }
    }
}

/// prettyplease's text of `items` as they read `depth` inline modules deep: the
/// modules' own lines left out.
pub fn unparse_at(depth: usize, items: TokenStream) -> Result<String, Error> {
    let mut tokens = items;
    for _ in 0..depth {
        tokens = quote! { mod __m { #tokens } };
    }
    let file: syn::File = syntax::parse(tokens)?;
    let printed = prettyplease::unparse(&file);
    let lines: Vec<&str> = printed.lines().collect();
    let inner = &lines[depth..lines.len() - depth];
    Ok(inner.iter().map(|line| format!("{line}\n")).collect())
}

/// The settings' extra attributes as prettyplease prints them on an item `depth`
/// modules deep.
pub fn attribute_lines(depth: usize, attributes: &[Attribute]) -> Result<String, Error> {
    if attributes.is_empty() {
        return Ok(String::new());
    }
    let printed = unparse_at(depth, quote! { #( #attributes )* struct __S; })?;
    let item_line = printed
        .rfind(&format!("{}struct __S;", layout::indent(depth)))
        .expect("the item follows its attributes");
    Ok(printed[..item_line].to_owned())
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// prettyplease's text of the items `text` holds, `depth` modules deep: equal to
    /// `text` when `text` is what prettyplease prints.
    pub fn reprinted(depth: usize, text: &str) -> String {
        let tokens: TokenStream = text.parse().expect("printed text is Rust");
        unparse_at(depth, tokens).unwrap()
    }

    /// Whether `skeleton`'s fixed text is free of the placeholder's letter.
    pub fn assert_no_placeholder_letter(skeleton: impl FnOnce(&Ident) -> TokenStream) {
        let printed = unparse_at(0, skeleton(&Ident::new("Name", Span::call_site()))).unwrap();
        assert!(!printed.contains('Z'), "{printed}");
    }
}
