//! The code repeated once per property inside an object's impls — the `decode_property`
//! match arm and the two encode statements — printed as text, exactly as prettyplease
//! prints it (tests compare them over a sweep of name lengths and on every fixture).
//!
//! How prettyplease lays one of these out (one line, or a block, or call arguments on
//! lines of their own) depends only on the lengths of the three names in it (property
//! enum, variant, field) and on the indentation. So each shape is printed by
//! prettyplease once per combination of those lengths, with placeholder names, and
//! reused with the real names put in: a large account has ten thousand properties but
//! a few hundred such combinations.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::item_text::unparse_at;
use super::memo::Memo;
use crate::Error;

/// The per-property code shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// `Property::Variant => self.field = decode(raw)?,` in `decode_property`.
    DecodeArm,
    /// `if let Some(value) = &self.field { sink(…, encode_in(value, &mut buffer)); }`
    /// in `write_properties`.
    Encode,
    /// `if let Some(value) = self.field.encode() { sink(…, value); }` in
    /// `encode_writes`.
    EncodeWrite,
}

/// The names put into a shape: the property enum, the variant, the field.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    pub property_enum: &'a str,
    pub variant: &'a str,
    pub field: &'a str,
}

/// A shape's printed text, with slots for the names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// The property enum (0), the variant (1) or the field (2).
    Name(usize),
}

/// The letters of the placeholder names, by slot. No shape's fixed text holds them
/// (tested), so a run of one of them is that slot's name.
const PLACEHOLDER_LETTERS: [char; 3] = ['Z', 'Q', 'x'];

/// A shape, the lengths of its three names and the module depth.
type Key = (Shape, [usize; 3], usize);

/// The shapes printed so far; they depend on nothing but their key.
static PRINTED: Memo<Key, Vec<Piece>> = Memo::new();

/// Append `shape` with `names`, as it reads in an impl `depth` modules deep.
pub fn push(out: &mut String, shape: Shape, depth: usize, names: Names<'_>) -> Result<(), Error> {
    let names = [names.property_enum, names.variant, names.field];
    let key = (shape, names.map(str::len), depth);
    let pieces = PRINTED.get_or_make(key, || print(shape, key.1, depth))?;
    for piece in pieces.iter() {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Name(slot) => out.push_str(names[*slot]),
        }
    }
    Ok(())
}

/// `shape` printed by prettyplease with placeholder names of `lengths`, cut into
/// pieces.
fn print(shape: Shape, lengths: [usize; 3], depth: usize) -> Result<Vec<Piece>, Error> {
    let placeholders = [0, 1, 2].map(|slot| {
        let name: String =
            std::iter::repeat_n(PLACEHOLDER_LETTERS[slot], lengths[slot].max(1)).collect();
        Ident::new(&name, Span::call_site())
    });
    let (code, wrapper_lines) = in_context(shape, &placeholders);
    let printed = unparse_at(depth, code)?;
    let lines: Vec<&str> = printed.lines().collect();
    let body = &lines[wrapper_lines..lines.len() - wrapper_lines];
    let mut pieces = Vec::new();
    let mut text = String::new();
    for line in body {
        let mut chars = line.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            match PLACEHOLDER_LETTERS.iter().position(|&letter| letter == c) {
                Some(slot) => {
                    while chars.next_if(|&(_, next)| next == c).is_some() {}
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Name(slot));
                }
                None => text.push_str(&line[start..start + c.len_utf8()]),
            }
        }
        text.push('\n');
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// `shape` with the names `names`, inside the items that give it its indentation, and
/// how many lines those add before (and after) it.
fn in_context(shape: Shape, [property, variant, field]: &[Ident; 3]) -> (TokenStream, usize) {
    match shape {
        Shape::DecodeArm => (
            quote! {
                impl Wrapper {
                    fn body() {
                        match property {
                            #property::#variant => self.#field = decode(raw)?,
                        }
                    }
                }
            },
            3,
        ),
        Shape::Encode => (
            quote! {
                impl Wrapper {
                    fn body() {
                        if let Some(value) = &self.#field {
                            sink(#property::#variant, encode_in(value, &mut buffer));
                        }
                    }
                }
            },
            2,
        ),
        Shape::EncodeWrite => (
            quote! {
                impl Wrapper {
                    fn body() {
                        if let Some(value) = self.#field.encode() {
                            sink(#property::#variant, value);
                        }
                    }
                }
            },
            2,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHAPES: [Shape; 3] = [Shape::DecodeArm, Shape::Encode, Shape::EncodeWrite];

    #[test]
    fn fixed_text_has_no_placeholder_letter() {
        let names = ["Property", "Variant", "field"].map(|n| Ident::new(n, Span::call_site()));
        for shape in SHAPES {
            let printed = unparse_at(0, in_context(shape, &names).0).unwrap();
            assert!(!printed.contains(PLACEHOLDER_LETTERS), "{printed}");
        }
    }

    #[test]
    fn shapes_read_as_prettyplease_prints_them_at_every_length() {
        for depth in 0..2 {
            for shape in SHAPES {
                for variant in (1..90).step_by(4) {
                    for field in [1, 7, 30, 61, 90] {
                        let variant = format!("V{}", "v".repeat(variant - 1));
                        let field = if field == 7 {
                            "r#type".to_owned()
                        } else {
                            "f".repeat(field)
                        };
                        let names = Names {
                            property_enum: "CarsProperty",
                            variant: &variant,
                            field: &field,
                        };
                        let mut ours = String::new();
                        push(&mut ours, shape, depth, names).unwrap();
                        let idents = [names.property_enum, &variant, &field].map(|n| {
                            match n.strip_prefix("r#") {
                                Some(raw) => Ident::new_raw(raw, Span::call_site()),
                                None => Ident::new(n, Span::call_site()),
                            }
                        });
                        let (code, wrapper_lines) = in_context(shape, &idents);
                        let printed = unparse_at(depth, code).unwrap();
                        let lines: Vec<&str> = printed.lines().collect();
                        let expected: String = lines[wrapper_lines..lines.len() - wrapper_lines]
                            .iter()
                            .map(|line| format!("{line}\n"))
                            .collect();
                        assert_eq!(ours, expected, "{shape:?} {variant} {field}");
                    }
                }
            }
        }
    }
}
