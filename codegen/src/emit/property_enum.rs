//! An object's property enum (`CarsProperty`), printed as text
//! ([`super::item_text`]): one variant per property, the tables `ALL`, `NAMES` and
//! `LABELS`, and lookups that read the tables through the variant's discriminant.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::item_text::{Row, Template, attribute_lines};
use super::{extras, layout};
use crate::Error;
use crate::model::ObjectModel;

/// The property enum of `object` and its impls, as printed `depth` modules deep.
pub fn text(object: &ObjectModel, depth: usize) -> Result<String, Error> {
    let has_properties = !object.fields.is_empty();
    let template = Template::new(depth, object.property_enum.len(), |name| {
        skeleton(name, has_properties)
    })?;
    let extras = attribute_lines(depth, &extras::property_enum_attrs(object)?)?;
    let rows: Vec<Row<'_>> = object
        .fields
        .iter()
        .map(|field| Row {
            ident: &field.variant,
            docs: &field.variant_docs,
            value: &field.hubspot_name,
            label: &field.label,
        })
        .collect();
    let mut out = String::with_capacity(4096 + rows.len() * 200);
    template.render(
        &mut out,
        &layout::indent(depth),
        &object.property_enum,
        &object.property_enum_docs,
        &extras,
        &rows,
        &[],
    );
    Ok(out)
}

/// The property enum's items with its name `name`, and the markers of
/// [`super::item_text`] where the properties and the settings' attributes go.
fn skeleton(name: &Ident, has_properties: bool) -> TokenStream {
    // The variants are declared in the order of `ALL`, `NAMES` and `LABELS`, so a
    // variant's discriminant (`self as usize`) is its position in the tables. An object
    // without properties has an empty enum, which has no values to cast.
    // prettyplease prints an enum without variants on one line (`{}`).
    let variants = if has_properties {
        quote! { __variants }
    } else {
        quote! {}
    };
    let (as_str_body, label_body, from_name_body) = if has_properties {
        (
            quote! { Self::NAMES[self as usize] },
            quote! { Self::LABELS[self as usize] },
            quote! {
                static INDEX: ::hubspot_runtime::NameIndex = ::hubspot_runtime::NameIndex::new(#name::NAMES);
                INDEX.get(name).map(|position| Self::ALL[position])
            },
        )
    } else {
        (
            quote! { match self {} },
            quote! { match self {} },
            quote! { let _ = name; None },
        )
    };
    quote! {
        // Variant names come from HubSpot's property names, which often share a prefix
        // (`hs_…`); renaming them would break the name ↔ variant rule.
        #[allow(clippy::enum_variant_names)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[__extras]
        pub enum #name { #variants }

        impl #name {
            /// Every property, sorted by HubSpot name.
            pub const ALL: &'static [Self] = &[__variants];

            /// The HubSpot internal name of each property of `ALL`, in the same order.
            pub const NAMES: &'static [&'static str] = &[__values];

            /// HubSpot's label of each property of `ALL`, in the same order.
            pub const LABELS: &'static [&'static str] = &[__labels];

            /// The HubSpot internal name.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                #as_str_body
            }

            /// HubSpot's label.
            #[inline]
            pub const fn label(self) -> &'static str {
                #label_body
            }

            /// The property with this exact internal name.
            #[inline]
            pub fn from_name(name: &str) -> Option<Self> {
                #from_name_body
            }
        }

        impl ::core::str::FromStr for #name {
            type Err = ::hubspot_runtime::value::UnknownProperty;

            #[inline]
            fn from_str(name: &str) -> Result<Self, Self::Err> {
                Self::from_name(name).ok_or_else(|| ::hubspot_runtime::value::UnknownProperty::new(name))
            }
        }

        impl ::core::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::hubspot_runtime::PropertyName for #name {
            const ALL: &'static [Self] = #name::ALL;

            #[inline]
            fn as_str(self) -> &'static str {
                #name::as_str(self)
            }

            #[inline]
            fn label(self) -> &'static str {
                #name::label(self)
            }

            #[inline]
            fn from_name(name: &str) -> Option<Self> {
                #name::from_name(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::item_text::tests::{assert_no_placeholder_letter, reprinted};

    #[test]
    fn fixed_text_has_no_placeholder_letter() {
        for has_properties in [false, true] {
            assert_no_placeholder_letter(|name| skeleton(name, has_properties));
        }
    }

    #[test]
    fn printed_enums_are_what_prettyplease_prints() {
        for depth in 0..2 {
            for name_len in [2, 31, 63, 100] {
                let name = format!("P{}", "p".repeat(name_len - 1));
                for properties in [0, 1, 7] {
                    let docs = ["Label".to_owned(), String::new(), "More.".to_owned()];
                    let rows: Vec<(String, String, String)> = (0..properties)
                        .map(|i| {
                            (
                                format!("Variant{}", "v".repeat(i * 9)),
                                format!("name_{}", "n".repeat(i * 9)),
                                format!("Label \"{i}\""),
                            )
                        })
                        .collect();
                    let rows: Vec<Row<'_>> = rows
                        .iter()
                        .map(|(ident, value, label)| Row {
                            ident,
                            docs: &docs,
                            value,
                            label,
                        })
                        .collect();
                    let template =
                        Template::new(depth, name.len(), |n| skeleton(n, properties > 0)).unwrap();
                    let mut text = String::new();
                    template.render(
                        &mut text,
                        &layout::indent(depth),
                        &name,
                        &docs,
                        "",
                        &rows,
                        &[],
                    );
                    assert_eq!(reprinted(depth, &text), text, "{name} {properties}");
                }
            }
        }
    }
}
