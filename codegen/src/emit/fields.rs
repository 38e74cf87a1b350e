//! The struct and the write struct of an object — one documented field per property —
//! printed as text ([`super::item_text`]); their impls stay syntax.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::Attribute;

use super::item_text::{FieldRow, Template, attribute_lines};
use super::layout::{self, NestedType};
use crate::Error;
use crate::model::{FieldModel, FieldType};

/// Which of an object's structs a field list belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The record struct (`Cars`): `Option<T>` per property.
    Read,
    /// The write struct (`CarsWrite`): `Write<T>` per writable property.
    Write,
}

/// The generic types around a field's value, outermost first: the second one only
/// for lists.
const READ_HEADS: &[&str] = &["Option", "Vec"];
const WRITE_HEADS: &[&str] = &["::hubspot_runtime::Write", "Vec"];

/// The field of `field` in the struct of `kind`.
fn row(kind: Kind, field: &FieldModel) -> FieldRow<'_> {
    let heads = match kind {
        Kind::Read => READ_HEADS,
        Kind::Write => WRITE_HEADS,
    };
    let (list, leaf) = value_type(field);
    FieldRow {
        name: &field.field,
        docs: &field.docs,
        ty: NestedType {
            heads: if list { heads } else { &heads[..1] },
            leaf,
        },
    }
}

/// The struct of `kind` named `name`, with `docs`, the settings' `extras` and a field
/// per `fields`, as printed `depth` modules deep.
pub fn definition<'a>(
    kind: Kind,
    depth: usize,
    name: &str,
    docs: &[String],
    extras: &[Attribute],
    fields: impl Iterator<Item = &'a FieldModel>,
) -> Result<String, Error> {
    let rows: Vec<FieldRow<'_>> = fields.map(|field| row(kind, field)).collect();
    struct_text(depth, name, docs, extras, &rows)
}

/// The struct `name` with `docs`, the settings' `extras` and `fields`, as printed
/// `depth` modules deep.
fn struct_text(
    depth: usize,
    name: &str,
    docs: &[String],
    extras: &[Attribute],
    fields: &[FieldRow<'_>],
) -> Result<String, Error> {
    let template = Template::new(depth, name.len(), |name| skeleton(name, !fields.is_empty()))?;
    let extras = attribute_lines(depth, extras)?;
    let mut out = String::with_capacity(1024 + fields.len() * 300);
    template.render(
        &mut out,
        &layout::indent(depth),
        name,
        docs,
        &extras,
        &[],
        fields,
    );
    Ok(out)
}

/// The Rust type of a field's value (inside `Option` or `Write`): whether it is a list
/// (`Vec<…>`) and the type of its items.
fn value_type(field: &FieldModel) -> (bool, &str) {
    let option_enum = || {
        field
            .option_enum
            .as_deref()
            .expect("enum fields name their enum")
    };
    match field.ty {
        FieldType::String => (false, "String"),
        FieldType::Decimal => (false, "::hubspot_runtime::rust_decimal::Decimal"),
        FieldType::Bool => (false, "bool"),
        FieldType::Date => (false, "::hubspot_runtime::jiff::civil::Date"),
        FieldType::Timestamp => (false, "::hubspot_runtime::jiff::Timestamp"),
        FieldType::Enum | FieldType::Pipeline | FieldType::Stage => (false, option_enum()),
        FieldType::EnumList => (true, option_enum()),
    }
}

/// A struct named `name`, with the markers of [`super::item_text`] where the fields
/// and the settings' attributes go.
fn skeleton(name: &Ident, has_fields: bool) -> TokenStream {
    // prettyplease prints a struct without fields on one line (`{}`).
    let fields = if has_fields {
        quote! { __fields: () }
    } else {
        quote! {}
    };
    quote! {
        #[derive(Debug, Clone, PartialEq, Default)]
        #[__extras]
        pub struct #name { #fields }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::item_text::tests::{assert_no_placeholder_letter, reprinted};

    #[test]
    fn fixed_text_has_no_placeholder_letter() {
        for has_fields in [false, true] {
            assert_no_placeholder_letter(|name| skeleton(name, has_fields));
        }
    }

    #[test]
    fn printed_structs_are_what_prettyplease_prints() {
        let extras: Vec<Attribute> = vec![syn::parse_quote!(#[serde(deny_unknown_fields)])];
        let docs = vec!["Field".to_owned(), String::new(), "More.  ".to_owned()];
        let names: Vec<String> = (0..30)
            .map(|i| match i {
                3 => "r#type".to_owned(),
                _ => format!("field_{}", "x".repeat(i * 3)),
            })
            .collect();
        let leaves: Vec<String> = (0..30)
            .map(|i| format!("CarsOptions{}", "o".repeat(i * 2)))
            .collect();
        for depth in 0..2 {
            for heads in [READ_HEADS, WRITE_HEADS] {
                let fields: Vec<FieldRow<'_>> = (0..30)
                    .map(|i| FieldRow {
                        name: &names[i],
                        docs: &docs,
                        ty: NestedType {
                            heads: &heads[..1 + i % 2],
                            leaf: if i % 3 == 0 { "String" } else { &leaves[i] },
                        },
                    })
                    .collect();
                for count in [0, 1, fields.len()] {
                    let text =
                        struct_text(depth, "Cars", &docs, &extras, &fields[..count]).unwrap();
                    assert_eq!(reprinted(depth, &text), text, "{heads:?} {count}");
                }
            }
        }
    }
}
