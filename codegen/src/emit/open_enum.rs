//! Open enums — an object's option enums and its pipeline and stage enums — printed
//! straight as text.
//!
//! An open enum has its variants with one doc line each, and per option one entry in
//! each of the tables `ALL`, `VALUES` and `LABELS` and one arm of `position`, which
//! every other method reads through: no per-option code beyond that and the derives.
//! Options are most of a big account's code (100,000 on the reference account), and
//! building them as syntax trees for prettyplease to print was most of `codegen
//! generate`'s run time, so they skip both.
//!
//! The text is exactly what prettyplease prints for the same items (tests check it on
//! every fixture): the fixed part of an enum is printed by prettyplease, once per kind
//! of enum and length of its name (a layout depends only on lengths), with a
//! placeholder name; the parts repeated per option are printed by [`super::layout`]'s
//! rules.

use std::collections::HashMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::Attribute;

use super::layout;
use super::{lit, syntax};
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
    templates: HashMap<(Kind, usize), Vec<Part>>,
}

impl Printer {
    /// A printer adding `option_extras` (the settings' derives and attributes) to every
    /// option enum.
    pub fn new(depth: usize, option_extras: &[Attribute]) -> Result<Self, Error> {
        Ok(Self {
            depth,
            option_extras: attribute_lines(depth, option_extras)?,
            templates: HashMap::new(),
        })
    }

    /// The enum and its impls, as text (prettyplease's, without blank lines).
    pub fn print(&mut self, kind: Kind, model: &OptionEnumModel) -> Result<String, Error> {
        let key = (kind, model.name.len());
        if !self.templates.contains_key(&key) {
            let template = template(kind, model.name.len(), self.depth)?;
            self.templates.insert(key, template);
        }
        let template = &self.templates[&key];
        let indent = layout::indent(self.depth);
        let mut out = String::with_capacity(4096 + model.variants.len() * 160);
        for line in &model.docs {
            layout::push_doc_line(&mut out, &indent, line);
        }
        for part in template {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Name => out.push_str(&model.name),
                Part::Extras => {
                    if kind == Kind::Options {
                        out.push_str(&self.option_extras);
                    }
                }
                Part::Variants { indent } => {
                    for variant in &model.variants {
                        for line in &variant.docs {
                            layout::push_doc_line(&mut out, indent, line);
                        }
                        out.push_str(indent);
                        out.push_str(&variant.ident);
                        out.push_str(",\n");
                    }
                }
                Part::Table { head, column } => {
                    let elements: Vec<String> = model
                        .variants
                        .iter()
                        .map(|variant| match column {
                            Column::Variants => format!("Self::{}", variant.ident),
                            Column::Values => lit(&variant.value).to_string(),
                            Column::Labels => lit(&variant.label).to_string(),
                        })
                        .collect();
                    layout::push_array_tail(&mut out, head, elements.iter().map(String::as_str));
                }
                Part::PositionArms { indent } => {
                    for (position, variant) in model.variants.iter().enumerate() {
                        let pattern = format!("Self::{}", variant.ident);
                        layout::push_arm(&mut out, indent, &pattern, &format!("Some({position})"));
                    }
                }
            }
        }
        Ok(out)
    }
}

/// A piece of an enum's printed text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Fixed text.
    Text(String),
    /// The enum's name.
    Name,
    /// The settings' extra attributes (option enums only).
    Extras,
    /// One doc line and one `Name,` line per option, at `indent`.
    Variants { indent: String },
    /// A table's elements and the `];` ending its line `head`.
    Table { head: String, column: Column },
    /// One `Self::Name => Some(position),` arm per option, at `indent`.
    PositionArms { indent: String },
}

/// What a table holds per option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Variants,
    Values,
    Labels,
}

/// The placeholder standing for an enum's name of `len` bytes in a template: the
/// enum's fixed text contains no `Z` (tested), so a run of them is the name.
fn placeholder(len: usize) -> String {
    "Z".repeat(len.max(1))
}

/// The printed text of an enum of `kind` whose name is `name_len` bytes long, with its
/// per-option parts left as [`Part`]s.
fn template(kind: Kind, name_len: usize, depth: usize) -> Result<Vec<Part>, Error> {
    let placeholder = placeholder(name_len);
    let name = Ident::new(&placeholder, Span::call_site());
    let printed = unparse_at(depth, skeleton(kind, &name))?;
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
    Ok(parts)
}

/// prettyplease's text of `items` as they read `depth` inline modules deep: the
/// modules' own lines left out.
fn unparse_at(depth: usize, items: TokenStream) -> Result<String, Error> {
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
fn attribute_lines(depth: usize, attributes: &[Attribute]) -> Result<String, Error> {
    if attributes.is_empty() {
        return Ok(String::new());
    }
    let printed = unparse_at(depth, quote! { #( #attributes )* struct __S; })?;
    let item_line = printed
        .rfind(&format!("{}struct __S;", layout::indent(depth)))
        .expect("the item follows its attributes");
    Ok(printed[..item_line].to_owned())
}

/// An open enum's items with its name `name`: `__variants`, `__position_arms` and the
/// tables (`&[__variants]`…) stand where the options go, `#[__extras]` where the
/// settings' attributes go.
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

    /// prettyplease's text of the items `text` holds, `depth` modules deep.
    fn reprinted(depth: usize, text: &str) -> String {
        let tokens: TokenStream = text.parse().expect("printed text is Rust");
        unparse_at(depth, tokens).unwrap()
    }

    #[test]
    fn fixed_text_has_no_placeholder_letter() {
        for kind in [Kind::Options, Kind::Pipelines, Kind::Stages] {
            let name = Ident::new("Name", Span::call_site());
            let printed = unparse_at(0, skeleton(kind, &name)).unwrap();
            assert!(!printed.contains('Z'), "{printed}");
        }
    }

    #[test]
    fn printed_enums_are_what_prettyplease_prints() {
        let extras: Vec<Attribute> = vec![
            syn::parse_quote!(#[derive(serde::Serialize, PartialOrd)]),
            syn::parse_quote!(#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]),
        ];
        for depth in 0..2 {
            let mut printer = Printer::new(depth, &extras).unwrap();
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
