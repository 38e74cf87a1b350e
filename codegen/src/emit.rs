//! Prints the model as Rust tokens (`quote`). Decides nothing: every name, type and doc
//! line comes from [`crate::model`]; this module only knows the shape of the code
//! (`notes/gen_contract.md`: absolute `::hubspot_runtime::…` paths, so no generated
//! name can shadow the runtime, and no direct serde dependency).
//!
//! Every generated function that is not generic is `#[inline]`. That is not about
//! inlining: rustc compiles a non-generic `#[inline]` function only in the crates that
//! call it, as it does for generic code. Without it the generated crate would compile
//! machine code for every option enum and property of every object (most of its build
//! time) whether or not its users ever touch them; serde's derives get the same effect
//! by being generic. See the README's Performance section for the measurements.
//!
//! Docs are `#[doc = "…"]` string literals (prettyplease prints them as `///`), and all
//! HubSpot strings are string literals, so no HubSpot text can end a comment or a
//! literal.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::model::{
    AssociationModel, CrateModel, FieldModel, FieldType, ObjectModel, OptionEnumModel, docs,
};

/// An identifier from the model; `r#name` becomes a raw identifier.
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A string literal. Bidirectional-control characters are written as `\u{…}` escapes
/// (rustc denies them raw in literals); everything else is left readable.
fn lit(value: &str) -> Literal {
    if !value.chars().any(docs::is_bidi_control) {
        return Literal::string(value);
    }
    let mut source = String::from("\"");
    for c in value.chars() {
        if docs::is_bidi_control(c) {
            source.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            source.extend(c.escape_debug());
        }
    }
    source.push('"');
    source
        .parse()
        .expect("an escaped string is a valid literal")
}

/// Outer doc attributes, one per line.
fn outer_docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| lit(&doc_text(line)));
    quote! { #( #[doc = #lines] )* }
}

/// Inner (`//!`) doc attributes, one per line.
fn inner_docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| lit(&doc_text(line)));
    quote! { #( #![doc = #lines] )* }
}

/// A doc line as the attribute value: a leading space, like `/// text`.
fn doc_text(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

/// The field's Rust type (inside `Option`).
fn field_type(field: &FieldModel) -> TokenStream {
    let option_enum = || {
        ident(
            field
                .option_enum
                .as_deref()
                .expect("enum fields name their enum"),
        )
    };
    match field.ty {
        FieldType::String => quote! { String },
        FieldType::Decimal => quote! { ::hubspot_runtime::rust_decimal::Decimal },
        FieldType::Bool => quote! { bool },
        FieldType::Date => quote! { ::hubspot_runtime::jiff::civil::Date },
        FieldType::Timestamp => quote! { ::hubspot_runtime::jiff::Timestamp },
        FieldType::Enum => {
            let name = option_enum();
            quote! { #name }
        }
        FieldType::EnumList => {
            let name = option_enum();
            quote! { Vec<#name> }
        }
    }
}

/// Every item of one object's module (struct, impls, enums), without module docs.
pub fn object_items(object: &ObjectModel) -> TokenStream {
    let strukt = strukt(object);
    let property_enum = property_enum(object);
    let write = write_struct(object);
    let option_enums = object.option_enums.iter().map(option_enum);
    quote! {
        #strukt
        #property_enum
        #write
        #( #option_enums )*
    }
}

/// The write type: a `Write<…>` field per writable property, and its `ObjectWrite` impl.
fn write_struct(object: &ObjectModel) -> TokenStream {
    let name = ident(&object.write_struct);
    let strukt = ident(&object.struct_name);
    let property = ident(&object.property_enum);
    let docs = outer_docs(&object.write_docs);
    let writable: Vec<&FieldModel> = object.fields.iter().filter(|f| !f.read_only).collect();
    let fields = writable.iter().map(|field| {
        let docs = outer_docs(&field.docs);
        let field_name = ident(&field.field);
        let ty = field_type(field);
        quote! { #docs pub #field_name: ::hubspot_runtime::Write<#ty>, }
    });
    let sink = if writable.is_empty() {
        quote! { _sink }
    } else {
        quote! { sink }
    };
    let encodes = writable.iter().map(|field| {
        let variant = ident(&field.variant);
        let field_name = ident(&field.field);
        quote! {
            if let Some(value) = self.#field_name.encode() {
                sink(#property::#variant, value);
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name { #( #fields )* }

        impl ::hubspot_runtime::ObjectWrite for #name {
            type Object = #strukt;

            #[inline]
            fn encode_writes(&self, #sink: &mut dyn FnMut(#property, String)) {
                #( #encodes )*
            }
        }
    }
}

fn strukt(object: &ObjectModel) -> TokenStream {
    let name = ident(&object.struct_name);
    let property = ident(&object.property_enum);
    let docs = outer_docs(&object.struct_docs);
    let fields = object.fields.iter().map(|field| {
        let docs = outer_docs(&field.docs);
        let field_name = ident(&field.field);
        let ty = field_type(field);
        quote! { #docs pub #field_name: Option<#ty>, }
    });
    let association_consts = object.associations.iter().map(association_const);
    let association_refs = object.associations.iter().map(|a| ident(&a.const_name));
    let associations_impl = if object.associations.is_empty() {
        quote! {}
    } else {
        quote! { impl #name { #( #association_consts )* } }
    };

    let object_name = lit(&object.name);
    let object_type_id = lit(&object.object_type_id);
    let fully_qualified_name = lit(&object.fully_qualified_name);
    let singular = lit(&object.singular_label);
    let plural = lit(&object.plural_label);
    let required = object.required.iter().map(|v| ident(v));
    let read_only = object.read_only.iter().map(|v| ident(v));

    let (decode_body, encode_sink) = if object.fields.is_empty() {
        // An object without properties: the property enum is empty, so `match
        // property {}` is the whole (diverging) body.
        (quote! { let _ = raw; match property {} }, quote! { _sink })
    } else {
        let arms = object.fields.iter().map(|field| {
            let variant = ident(&field.variant);
            let field_name = ident(&field.field);
            quote! { #property::#variant => self.#field_name = decode(raw)?, }
        });
        let body = quote! {
            use ::hubspot_runtime::value::decode;
            match property { #( #arms )* }
            Ok(())
        };
        (body, quote! { sink })
    };
    let encode_use = if object.fields.is_empty() {
        quote! {}
    } else {
        quote! { use ::hubspot_runtime::value::encode; }
    };
    let encodes = object.fields.iter().map(|field| {
        let variant = ident(&field.variant);
        let field_name = ident(&field.field);
        quote! {
            if let Some(value) = &self.#field_name {
                sink(#property::#variant, encode(value));
            }
        }
    });

    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name { #( #fields )* }

        #associations_impl

        impl ::hubspot_runtime::serde::Serialize for #name {
            fn serialize<S: ::hubspot_runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ::hubspot_runtime::value::serialize_object(self, serializer)
            }
        }

        impl<'de> ::hubspot_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::hubspot_runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                ::hubspot_runtime::value::deserialize_object(deserializer)
            }
        }

        impl ::hubspot_runtime::CrmObject for #name {
            const NAME: &'static str = #object_name;
            const OBJECT_TYPE_ID: &'static str = #object_type_id;
            const FULLY_QUALIFIED_NAME: &'static str = #fully_qualified_name;
            const SINGULAR_LABEL: &'static str = #singular;
            const PLURAL_LABEL: &'static str = #plural;
            type Property = #property;
            const REQUIRED_PROPERTIES: &'static [#property] = &[ #( #property::#required ),* ];
            const READ_ONLY_PROPERTIES: &'static [#property] = &[ #( #property::#read_only ),* ];
            const ASSOCIATIONS: &'static [::hubspot_runtime::AssociationDef] = &[ #( Self::#association_refs ),* ];

            #[inline]
            fn decode_property(&mut self, property: #property, raw: &str) -> Result<(), ::hubspot_runtime::value::ValueError> {
                #decode_body
            }

            #[inline]
            fn encode_properties(&self, #encode_sink: &mut dyn FnMut(#property, String)) {
                #encode_use
                #( #encodes )*
            }
        }
    }
}

fn association_const(association: &AssociationModel) -> TokenStream {
    let docs = outer_docs(&association.docs);
    let name = ident(&association.const_name);
    let id = lit(&association.id);
    let assoc_name = match &association.name {
        Some(n) => {
            let n = lit(n);
            quote! { Some(#n) }
        }
        None => quote! { None },
    };
    let from = lit(&association.from_object_type_id);
    let to = lit(&association.to_object_type_id);
    quote! {
        #docs
        pub const #name: ::hubspot_runtime::AssociationDef = ::hubspot_runtime::AssociationDef {
            id: #id,
            name: #assoc_name,
            from_object_type_id: #from,
            to_object_type_id: #to,
        };
    }
}

fn property_enum(object: &ObjectModel) -> TokenStream {
    let name = ident(&object.property_enum);
    let docs = outer_docs(&object.property_enum_docs);
    let variants: Vec<Ident> = object.fields.iter().map(|f| ident(&f.variant)).collect();
    let variant_docs = object.fields.iter().map(|f| outer_docs(&f.variant_docs));
    let names: Vec<Literal> = object.fields.iter().map(|f| lit(&f.hubspot_name)).collect();
    let labels = object.fields.iter().map(|f| lit(&f.label));
    // The variants are declared in the order of `ALL`, `NAMES` and `LABELS`, so a
    // variant's discriminant (`self as usize`) is its position in the tables. An object
    // without properties has an empty enum, which has no values to cast.
    let (as_str_body, label_body, from_name_body) = if variants.is_empty() {
        (
            quote! { match self {} },
            quote! { match self {} },
            quote! { let _ = name; None },
        )
    } else {
        (
            quote! { Self::NAMES[self as usize] },
            quote! { Self::LABELS[self as usize] },
            quote! {
                static INDEX: ::hubspot_runtime::NameIndex = ::hubspot_runtime::NameIndex::new(#name::NAMES);
                INDEX.get(name).map(|position| Self::ALL[position])
            },
        )
    };
    quote! {
        #docs
        // Variant names come from HubSpot's property names, which often share a prefix
        // (`hs_…`); renaming them would break the name ↔ variant rule.
        #[allow(clippy::enum_variant_names)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum #name { #( #variant_docs #variants, )* }

        impl #name {
            /// Every property, sorted by HubSpot name.
            pub const ALL: &'static [Self] = &[ #( Self::#variants ),* ];

            /// The HubSpot internal name of each property of `ALL`, in the same order.
            pub const NAMES: &'static [&'static str] = &[ #( #names ),* ];

            /// HubSpot's label of each property of `ALL`, in the same order.
            pub const LABELS: &'static [&'static str] = &[ #( #labels ),* ];

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

fn option_enum(option_enum: &OptionEnumModel) -> TokenStream {
    let name = ident(&option_enum.name);
    let docs = outer_docs(&option_enum.docs);
    let variants: Vec<Ident> = option_enum
        .variants
        .iter()
        .map(|v| ident(&v.ident))
        .collect();
    let variant_docs = option_enum.variants.iter().map(|v| outer_docs(&v.docs));
    let values: Vec<Literal> = option_enum.variants.iter().map(|v| lit(&v.value)).collect();
    let labels = option_enum.variants.iter().map(|v| lit(&v.label));
    let unknown = ident(crate::model::UNKNOWN_VARIANT);
    quote! {
        #docs
        // Variant names come from HubSpot's option values, which may share a prefix.
        #[allow(clippy::enum_variant_names)]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value HubSpot sent that was not an option when this code was generated.
            #unknown(String),
        }

        impl #name {
            /// Every known option, in HubSpot's order (hidden options included).
            pub const ALL: &'static [Self] = &[ #( Self::#variants ),* ];

            /// The HubSpot value of each option of `ALL`, in the same order.
            pub const VALUES: &'static [&'static str] = &[ #( #values ),* ];

            /// The option with this exact value, or `Unknown` holding it.
            #[inline]
            pub fn from_value(value: &str) -> Self {
                static INDEX: ::hubspot_runtime::NameIndex = ::hubspot_runtime::NameIndex::new(#name::VALUES);
                match INDEX.get(value) {
                    Some(position) => Self::ALL[position].clone(),
                    None => Self::#unknown(value.to_owned()),
                }
            }

            /// The exact HubSpot value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::#unknown(value) => value,
                }
            }

            /// HubSpot's label of a known option; `None` for `Unknown`.
            #[inline]
            pub fn label(&self) -> Option<&'static str> {
                match self {
                    #( Self::#variants => Some(#labels), )*
                    Self::#unknown(_) => None,
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

/// One object's module file (`src/<module>.rs`): `//!` docs and the items.
pub fn module_file(object: &ObjectModel) -> TokenStream {
    let docs = inner_docs(&object.module_docs);
    let items = object_items(object);
    quote! { #docs #items }
}

/// `pub use module::{Types…};` for every object.
fn reexports(model: &CrateModel) -> TokenStream {
    let uses = model.objects.iter().map(|object| {
        let module = ident(&object.module);
        let names = object.type_names().into_iter().map(ident);
        quote! { pub use #module::{ #( #names ),* }; }
    });
    quote! { #( #uses )* }
}

/// The crate root (`src/lib.rs`): crate docs, `pub mod` per object, re-exports.
pub fn lib_file(model: &CrateModel) -> TokenStream {
    let docs = inner_docs(&model.docs);
    let modules = model.objects.iter().map(|object| {
        let module = ident(&object.module);
        quote! { pub mod #module; }
    });
    let reexports = reexports(model);
    quote! {
        #docs
        #( #modules )*
        #reexports
    }
}

/// Everything in one file for `include!`: inline modules with outer docs (an included
/// file may not have inner attributes), then the re-exports.
pub fn single_file(model: &CrateModel) -> TokenStream {
    let modules = model.objects.iter().map(|object| {
        let docs = outer_docs(&object.module_docs);
        let module = ident(&object.module);
        let items = object_items(object);
        quote! { #docs pub mod #module { #items } }
    });
    let reexports = reexports(model);
    quote! {
        #( #modules )*
        #reexports
    }
}
