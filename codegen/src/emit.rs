//! Prints the model as Rust code, for [`crate::format`] to finish. Decides nothing:
//! every name, type and doc line comes from [`crate::model`]; this module only knows
//! the shape of the code (absolute `::hubspot_runtime::…` paths, so no generated name
//! can shadow the runtime, and no direct serde dependency).
//!
//! Two ways, one output. The items with a part repeated per property or option — the
//! structs' fields, the property enum, the option, pipeline and stage enums, most of a
//! big account's code — are printed straight as text (module `item_text`), exactly as
//! prettyplease would print them. The impls are syntax trees (`syn`) for prettyplease:
//! each written as a `quote!` skeleton, with the parts repeated per property built as
//! syntax directly and spliced in (module `syntax`). [`EmittedFile`] carries both.
//!
//! Every generated function that is not generic is `#[inline]`. That is not about
//! inlining: rustc compiles a non-generic `#[inline]` function only in the crates that
//! call it, as it does for generic code. Without it the generated crate would compile
//! machine code for every option enum and property of every object (most of its build
//! time) whether or not its users ever touch them; serde's derives get the same effect
//! by being generic. See the README's Performance section for the measurements.
//!
//! Docs are `///` lines of the model's doc lines, which hold no line break (and in
//! syntax trees `#[doc = "…"]` literals, which prettyplease prints as the same `///`
//! lines); all HubSpot strings are string literals, so no HubSpot text can end a
//! comment or a literal.

mod extras;
mod fields;
mod item_text;
mod layout;
mod memo;
mod open_enum;
mod pipelines;
mod property_code;
mod property_enum;
mod syntax;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use syn::{Expr, Item};

use crate::Error;
use crate::model::{AssociationModel, CrateModel, FieldModel, ObjectModel, docs};
use syntax::Splice;

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

/// A string literal of `lines`, each followed by a newline, printed one per source
/// line after a leading `"\` (so a table reads as a table, not one long line).
fn text_block(lines: &[String]) -> Literal {
    let mut source = String::from("\"\\\n");
    for line in lines {
        source.extend(line.chars().flat_map(char::escape_debug));
        source.push('\n');
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

/// A Rust file as emit prints it: syntax for prettyplease, and items already printed
/// as text (the open enums), each standing in `syntax` as a marker item that
/// [`crate::format::rust_file`] replaces with the text.
#[derive(Clone)]
pub struct EmittedFile {
    /// The file's syntax, markers included.
    pub syntax: syn::File,
    /// The texts the markers stand for, by number.
    pub texts: Vec<String>,
}

impl EmittedFile {
    /// How a marker's name starts: the text's number follows.
    const MARKER: &'static str = "__HUBSPOT_CODEGEN_TEXT_";

    /// A file of syntax only.
    fn syntax(syntax: syn::File) -> Self {
        Self {
            syntax,
            texts: Vec::new(),
        }
    }

    /// The number of the text a line of prettyplease's output stands for, when the
    /// line is a marker.
    pub fn text_index(line: &str) -> Option<usize> {
        let line = line.trim_start_matches(' ');
        let marker = line.strip_prefix("const ").unwrap_or(line);
        let number = marker.strip_prefix(Self::MARKER)?;
        let digits = number.bytes().take_while(u8::is_ascii_digit).count();
        // As prettyplease prints a marker item, arm and statement.
        match &number[digits..] {
            ": () = ();" | " => {}" | ";" => number[..digits].parse().ok(),
            _ => None,
        }
    }
}

/// The texts of a file being emitted: each new one gets a marker item.
#[derive(Default)]
struct Texts(Vec<String>);

impl Texts {
    /// A marker item standing for `text`.
    fn marker(&mut self, text: String) -> Item {
        let name = self.marker_ident(text);
        syn::parse_quote!(const #name: () = ();)
    }

    /// The name of a marker standing for `text`: a match arm `name => {}` or a statement
    /// `name;` stands for arms or statements.
    fn marker_ident(&mut self, text: String) -> Ident {
        let name = ident(&format!("{}{}", EmittedFile::MARKER, self.0.len()));
        self.0.push(text);
        name
    }
}

/// Every item of one object's module (struct, impls, enums), without module docs, as
/// printed `depth` modules deep.
fn object_items(object: &ObjectModel, depth: usize, texts: &mut Texts) -> Result<Vec<Item>, Error> {
    let mut items = strukt(object, depth, texts)?;
    items.push(texts.marker(property_enum::text(object, depth)?));
    items.extend(write_struct(object, depth, texts)?);
    let open_enums = open_enum::Printer::new(depth, &extras::option_enum_attrs(object)?)?;
    for option_enum in &object.option_enums {
        let text = open_enums.print(open_enum::Kind::Options, option_enum)?;
        items.push(texts.marker(text));
    }
    if let Some(model) = &object.pipelines {
        items.extend(pipelines::items(model, &open_enums, texts)?);
    }
    Ok(items)
}

/// Parse a skeleton of items, then splice the repeated parts in.
fn items(skeleton: TokenStream, splice: Splice) -> Result<Vec<Item>, Error> {
    let mut file: syn::File = syntax::parse(skeleton)?;
    splice.apply(&mut file);
    Ok(file.items)
}

/// The names the per-property code of `field` uses.
fn property_names<'a>(object: &'a ObjectModel, field: &'a FieldModel) -> property_code::Names<'a> {
    property_code::Names {
        property_enum: &object.property_enum,
        variant: &field.variant,
        field: &field.field,
    }
}

/// The write type: a `Write<…>` field per writable property, and its `ObjectWrite` impl.
fn write_struct(object: &ObjectModel, depth: usize, texts: &mut Texts) -> Result<Vec<Item>, Error> {
    let name = ident(&object.write_struct);
    let strukt = ident(&object.struct_name);
    let property = ident(&object.property_enum);
    let writable: Vec<&FieldModel> = object.fields.iter().filter(|f| !f.read_only).collect();
    let definition = fields::definition(
        fields::Kind::Write,
        depth,
        &object.write_struct,
        &object.write_docs,
        &extras::write_struct_attrs(object)?,
        writable.iter().copied(),
    )?;
    let sink = if writable.is_empty() {
        quote! { _sink }
    } else {
        quote! { sink }
    };
    // A marker only where there is text: an empty body prints as `{}`.
    let encodes = if writable.is_empty() {
        quote! {}
    } else {
        let mut text = String::new();
        for field in &writable {
            let names = property_names(object, field);
            property_code::push(&mut text, property_code::Shape::EncodeWrite, depth, names)?;
        }
        let encodes = texts.marker_ident(text);
        quote! { #encodes; }
    };
    let mut items = vec![texts.marker(definition)];
    items.extend(
        syntax::parse::<syn::File>(quote! {
            impl ::hubspot_runtime::ObjectWrite for #name {
                type Object = #strukt;

                #[inline]
                fn encode_writes(&self, #sink: &mut dyn FnMut(#property, String)) {
                    #encodes
                }
            }
        })?
        .items,
    );
    Ok(items)
}

/// The record struct (as text) and its impls.
fn strukt(object: &ObjectModel, depth: usize, texts: &mut Texts) -> Result<Vec<Item>, Error> {
    let name = ident(&object.struct_name);
    let property = ident(&object.property_enum);
    let definition = fields::definition(
        fields::Kind::Read,
        depth,
        &object.struct_name,
        &object.struct_docs,
        &extras::struct_attrs(object)?,
        object.fields.iter(),
    )?;
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
    let property_variants = |variants: &[String]| -> Vec<Expr> {
        variants
            .iter()
            .map(|v| syntax::path_expr(syntax::path(false, [property.clone(), ident(v)])))
            .collect()
    };

    let rust_name = lit(&object.struct_name);
    let description = text_block(&object.description_lines());
    let (option_properties, option_enums): (Vec<Literal>, Vec<Ident>) = object
        .description_options()
        .into_iter()
        .map(|(property, option_enum)| (lit(property), ident(option_enum)))
        .unzip();

    let pipeline_description = match &object.pipelines {
        Some(pipelines) => {
            let pipeline_enum = ident(&pipelines.pipeline_enum.name);
            let stage_enum = ident(&pipelines.stage_enum.name);
            let (pipeline_name, stage_name) = (
                lit(&pipelines.pipeline_enum.name),
                lit(&pipelines.stage_enum.name),
            );
            quote! {
                Some(::hubspot_runtime::compat::PipelineDescription {
                    pipeline_enum: #pipeline_name,
                    pipelines: #pipeline_enum::VALUES,
                    stage_enum: #stage_name,
                    stages: #stage_enum::VALUES,
                })
            }
        }
        None => quote! { None },
    };

    let per_property = |shape| -> Result<String, Error> {
        let mut text = String::new();
        for field in &object.fields {
            property_code::push(&mut text, shape, depth, property_names(object, field))?;
        }
        Ok(text)
    };
    let (decode_body, encode_sink) = if object.fields.is_empty() {
        // An object without properties: the property enum is empty, so `match
        // property {}` is the whole (diverging) body.
        (quote! { let _ = raw; match property {} }, quote! { _sink })
    } else {
        let arms = texts.marker_ident(per_property(property_code::Shape::DecodeArm)?);
        let body = quote! {
            use ::hubspot_runtime::value::decode;
            match property { #arms => {} }
            Ok(())
        };
        (body, quote! { sink })
    };
    let encode_use = if object.fields.is_empty() {
        quote! {}
    } else {
        quote! {
            use ::hubspot_runtime::value::encode_in;
            // One buffer for every value: no `String` per value.
            let mut buffer = String::new();
        }
    };
    // A marker only where there is text: an empty body prints as `{}`.
    let encodes = if object.fields.is_empty() {
        quote! {}
    } else {
        let encodes = texts.marker_ident(per_property(property_code::Shape::Encode)?);
        quote! { #encodes; }
    };

    let mut items = vec![texts.marker(definition)];
    items.extend(self::items(
        quote! {
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

                fn deserialize_in_place<D: ::hubspot_runtime::serde::Deserializer<'de>>(deserializer: D, place: &mut Self) -> Result<(), D::Error> {
                    ::hubspot_runtime::value::deserialize_object_in_place(deserializer, place)
                }
            }

            impl ::hubspot_runtime::CrmObject for #name {
                const NAME: &'static str = #object_name;
                const OBJECT_TYPE_ID: &'static str = #object_type_id;
                const FULLY_QUALIFIED_NAME: &'static str = #fully_qualified_name;
                const SINGULAR_LABEL: &'static str = #singular;
                const PLURAL_LABEL: &'static str = #plural;
                type Property = #property;
                const REQUIRED_PROPERTIES: &'static [#property] = &[__required];
                const READ_ONLY_PROPERTIES: &'static [#property] = &[__read_only];
                const ASSOCIATIONS: &'static [::hubspot_runtime::AssociationDef] = &[ #( Self::#association_refs ),* ];
                const DESCRIPTION: ::hubspot_runtime::compat::ObjectDescription = ::hubspot_runtime::compat::ObjectDescription {
                    rust_name: #rust_name,
                    properties: #description,
                    options: &[ #( (#option_properties, #option_enums::VALUES) ),* ],
                    pipelines: #pipeline_description,
                };

                #[inline]
                fn decode_property(&mut self, property: #property, raw: &str) -> Result<(), ::hubspot_runtime::value::ValueError> {
                    #decode_body
                }

                #[inline]
                fn write_properties(&self, #encode_sink: &mut dyn FnMut(#property, &str)) {
                    #encode_use
                    #encodes
                }
            }
        },
        Splice::default()
            .elements("__required", property_variants(&object.required))
            .elements("__read_only", property_variants(&object.read_only)),
    )?);
    Ok(items)
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

/// One object's module file (`src/<module>.rs`): `//!` docs and the items.
pub fn module_file(object: &ObjectModel) -> Result<EmittedFile, Error> {
    let mut syntax: syn::File = syntax::parse(inner_docs(&object.module_docs))?;
    let mut texts = Texts::default();
    syntax.items = object_items(object, 0, &mut texts)?;
    Ok(EmittedFile {
        syntax,
        texts: texts.0,
    })
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
pub fn lib_file(model: &CrateModel) -> Result<EmittedFile, Error> {
    let docs = inner_docs(&model.docs);
    let modules = model.objects.iter().map(|object| {
        let module = ident(&object.module);
        quote! { pub mod #module; }
    });
    let reexports = reexports(model);
    syntax::parse(quote! {
        #docs
        #( #modules )*
        #reexports
    })
    .map(EmittedFile::syntax)
}

/// Everything in one file for `include!`: inline modules with outer docs (an included
/// file may not have inner attributes), then the re-exports.
pub fn single_file(model: &CrateModel) -> Result<EmittedFile, Error> {
    let mut file = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: Vec::new(),
    };
    let mut texts = Texts::default();
    for object in &model.objects {
        let docs = outer_docs(&object.module_docs);
        let module = ident(&object.module);
        let mut module: syn::ItemMod = syntax::parse(quote! { #docs pub mod #module {} })?;
        if let Some((_, content)) = &mut module.content {
            *content = object_items(object, 1, &mut texts)?;
        }
        file.items.push(Item::Mod(module));
    }
    let reexports: syn::File = syntax::parse(reexports(model))?;
    file.items.extend(reexports.items);
    Ok(EmittedFile {
        syntax: file,
        texts: texts.0,
    })
}
