//! Open enums — an object's option enums and its pipeline and stage enums — printed
//! as text ([`super::item_text`]).
//!
//! An open enum has its variants with one doc line each, and per option one entry in
//! each of the tables `ALL`, `VALUES` and `LABELS` and one arm of `position`, which
//! every other method reads through: no per-option code beyond that and the derives.
//! Options are most of a big account's code (100,000 on the reference account).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::Attribute;

use super::item_text::{Row, Template, attribute_lines};
use super::layout;
use super::memo::Memo;
use crate::Error;
use crate::model::{OptionEnumModel, UNKNOWN_VARIANT};

/// What an open enum's values are: options, pipelines or stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An enumeration property's options.
    Options,
    /// An object's pipelines.
    Pipelines,
    /// An object's pipeline stages.
    Stages,
}

/// The doc lines of an open enum's fallback variant and constants, which name what
/// the enum's values are.
struct Words {
    unknown: &'static str,
    all: &'static str,
    values: &'static str,
    labels: &'static str,
    from_value: &'static str,
    label: &'static str,
}

impl Kind {
    fn words(self) -> &'static Words {
        match self {
            Kind::Options => &Words {
                unknown: " A value HubSpot sent that was not an option when this code was generated.",
                all: " Every known option, in HubSpot's order (hidden options included).",
                values: " The HubSpot value of each option of `ALL`, in the same order.",
                labels: " HubSpot's label of each option of `ALL`, in the same order.",
                from_value: " The option with this exact value, or `Unknown` holding it.",
                label: " HubSpot's label of a known option; `None` for `Unknown`.",
            },
            Kind::Pipelines => &Words {
                unknown: " A pipeline id HubSpot sent that was not a pipeline when this code was generated.",
                all: " Every known pipeline, in HubSpot's order.",
                values: " The HubSpot id of each pipeline of `ALL`, in the same order.",
                labels: " HubSpot's label of each pipeline of `ALL`, in the same order.",
                from_value: " The pipeline with this exact id, or `Unknown` holding it.",
                label: " HubSpot's label of a known pipeline; `None` for `Unknown`.",
            },
            Kind::Stages => &Words {
                unknown: " A stage id HubSpot sent that was not a stage when this code was generated.",
                all: " Every known stage, pipeline by pipeline, in HubSpot's order.",
                values: " The HubSpot id of each stage of `ALL`, in the same order.",
                labels: " HubSpot's label of each stage of `ALL`, in the same order.",
                from_value: " The stage with this exact id, or `Unknown` holding it.",
                label: " HubSpot's label of a known stage; `None` for `Unknown`.",
            },
        }
    }
}

/// Prints the open enums of one module, `depth` modules deep (0 in a module file, 1
/// in the single file of `build.rs`, where each object is an inline module).
pub struct Printer {
    depth: usize,
    /// The settings' extra attributes of option enums, as printed lines.
    option_extras: String,
}

/// The templates made so far, by kind, name length and depth: an account's enums share
/// a few dozen name lengths between thousands of enums.
static TEMPLATES: Memo<TemplateKey, Template> = Memo::new();

/// A template's kind, name length and depth.
type TemplateKey = (Kind, usize, usize);

impl Printer {
    /// A printer adding `option_extras` (the settings' derives and attributes) to every
    /// option enum.
    pub fn new(depth: usize, option_extras: &[Attribute]) -> Result<Self, Error> {
        Ok(Self {
            depth,
            option_extras: attribute_lines(depth, option_extras)?,
        })
    }

    /// The enum and its impls, as text (prettyplease's, without blank lines).
    pub fn print(&self, kind: Kind, model: &OptionEnumModel) -> Result<String, Error> {
        let template = TEMPLATES.get_or_make((kind, model.name.len(), self.depth), || {
            Template::new(self.depth, model.name.len(), |name| skeleton(kind, name))
        })?;
        let rows: Vec<Row<'_>> = model
            .variants
            .iter()
            .map(|variant| Row {
                ident: &variant.ident,
                docs: &variant.docs,
                value: &variant.value,
                label: &variant.label,
            })
            .collect();
        let extras = match kind {
            Kind::Options => self.option_extras.as_str(),
            Kind::Pipelines | Kind::Stages => "",
        };
        let mut out = String::with_capacity(4096 + rows.len() * 160);
        template.render(
            &mut out,
            &layout::indent(self.depth),
            &model.name,
            &model.docs,
            extras,
            &rows,
            &[],
        );
        Ok(out)
    }
}

/// An open enum's items with its name `name`, and the markers of
/// [`super::item_text`] where the options and the settings' attributes go.
fn skeleton(kind: Kind, name: &Ident) -> TokenStream {
    let Words {
        unknown,
        all,
        values,
        labels,
        from_value,
        label,
    } = kind.words();
    let unknown_variant = Ident::new(UNKNOWN_VARIANT, Span::call_site());
    quote! {
        #[allow(clippy::enum_variant_names)]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[__extras]
        pub enum #name {
            __variants,
            #[doc = #unknown]
            #unknown_variant(String),
        }

        impl #name {
            #[doc = #all]
            pub const ALL: &'static [Self] = &[__variants];

            #[doc = #values]
            pub const VALUES: &'static [&'static str] = &[__values];

            #[doc = #labels]
            pub const LABELS: &'static [&'static str] = &[__labels];

            #[doc = #from_value]
            #[inline]
            pub fn from_value(value: &str) -> Self {
                static INDEX: ::hubspot_runtime::NameIndex = ::hubspot_runtime::NameIndex::new(#name::VALUES);
                match INDEX.get(value) {
                    Some(position) => Self::ALL[position].clone(),
                    None => Self::#unknown_variant(value.to_owned()),
                }
            }

            /// The position of a known value in `ALL`, `VALUES` and `LABELS`; `None` for `Unknown`.
            #[inline]
            pub const fn position(&self) -> Option<usize> {
                match self {
                    __position_arms => {}
                    Self::#unknown_variant(_) => None,
                }
            }

            /// The exact HubSpot value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    Self::#unknown_variant(value) => value,
                    known => known.position().map_or("", |position| Self::VALUES[position]),
                }
            }

            #[doc = #label]
            #[inline]
            pub fn label(&self) -> Option<&'static str> {
                match self.position() {
                    Some(position) => Some(Self::LABELS[position]),
                    None => None,
                }
            }
        }

        impl ::hubspot_runtime::OptionEnum for #name {
            const ALL: &'static [Self] = #name::ALL;

            #[inline]
            fn from_value(value: &str) -> Self {
                #name::from_value(value)
            }

            #[inline]
            fn position(&self) -> Option<usize> {
                #name::position(self)
            }

            #[inline]
            fn as_str(&self) -> &str {
                #name::as_str(self)
            }

            #[inline]
            fn label(&self) -> Option<&'static str> {
                #name::label(self)
            }
        }

        impl ::core::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::hubspot_runtime::serde::Serialize for #name {
            fn serialize<S: ::hubspot_runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ::hubspot_runtime::value::serialize_option(self, serializer)
            }
        }

        impl<'de> ::hubspot_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::hubspot_runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                ::hubspot_runtime::value::deserialize_option(deserializer)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::item_text::tests::{assert_no_placeholder_letter, reprinted};
    use crate::model::OptionVariantModel;

    /// An enum of `options` options named `name`, with long and odd values.
    fn model(name: &str, options: usize) -> OptionEnumModel {
        OptionEnumModel {
            name: name.to_owned(),
            docs: vec!["The options.".to_owned(), String::new(), "Open.".to_owned()],
            variants: (0..options)
                .map(|i| OptionVariantModel {
                    ident: format!("Option{}", "x".repeat(i * 7)),
                    value: format!("value \"{i}\" \\ {}", "v".repeat(i * 5)),
                    label: format!("Label {i}"),
                    docs: vec![format!("Label {i}: value `{i}`.  ")],
                })
                .collect(),
        }
    }

    #[test]
    fn fixed_text_has_no_placeholder_letter() {
        for kind in [Kind::Options, Kind::Pipelines, Kind::Stages] {
            assert_no_placeholder_letter(|name| skeleton(kind, name));
        }
    }

    #[test]
    fn printed_enums_are_what_prettyplease_prints() {
        let extras: Vec<Attribute> = vec![
            syn::parse_quote!(#[derive(serde::Serialize, PartialOrd)]),
            syn::parse_quote!(#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]),
        ];
        for depth in 0..2 {
            let printer = Printer::new(depth, &extras).unwrap();
            for name_len in [1, 2, 10, 30, 31, 43, 49, 58, 63, 70, 120] {
                let name = format!("N{}", "n".repeat(name_len - 1));
                for options in [0, 1, 2, 3, 12] {
                    for kind in [Kind::Options, Kind::Pipelines, Kind::Stages] {
                        let text = printer.print(kind, &model(&name, options)).unwrap();
                        assert_eq!(reprinted(depth, &text), text, "{name} {options} {kind:?}");
                        assert_eq!(text.contains("schemars"), kind == Kind::Options);
                    }
                }
            }
        }
    }
}
