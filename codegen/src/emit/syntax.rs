//! Building `syn` syntax trees without parsing, for the parts of generated code that
//! repeat once per property or option (thousands of times per object).
//!
//! Emit writes each item's shape as a `quote!` skeleton, parsed once, with placeholder
//! names where the repeated parts go (`__fields`, `__arms`, …). The parts themselves are
//! built here, directly as syntax trees, and [`Splice`] puts them in place. Going
//! through tokens and `syn`'s parser for every part instead made parsing most of the
//! time `codegen generate` takes (see the README's Performance section).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{
    Arm, AttrStyle, Attribute, Expr, ExprLit, ExprPath, Field, FieldMutability, Lit, Meta,
    MetaNameValue, Pat, Path, PathArguments, PathSegment, Stmt, Type, TypePath, Visibility,
};

/// Parse a skeleton's tokens as `T`. Skeletons are the generator's own code, so a
/// failure is a bug in this crate, reported like [`crate::format::rust_file`] does.
pub fn parse<T: syn::parse::Parse>(tokens: TokenStream) -> Result<T, crate::Error> {
    syn::parse2(tokens).map_err(|error| {
        crate::Error::Model(format!(
            "internal error: generated code does not parse ({error}); please report this \
             with the snapshot that caused it"
        ))
    })
}

/// `#[doc = "…"]` outer attributes, one per line (prettyplease prints them as `///`).
pub fn doc_attrs(lines: impl IntoIterator<Item = Literal>) -> Vec<Attribute> {
    lines
        .into_iter()
        .map(|line| Attribute {
            pound_token: Default::default(),
            style: AttrStyle::Outer,
            bracket_token: Default::default(),
            meta: Meta::NameValue(MetaNameValue {
                path: Path::from(Ident::new("doc", Span::call_site())),
                eq_token: Default::default(),
                value: lit_expr(line),
            }),
        })
        .collect()
}

/// A literal as an expression.
pub fn lit_expr(literal: Literal) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit: Lit::new(literal),
    })
}

/// A path of plain segments: `a::b::c`, with a leading `::` when `absolute`.
pub fn path(absolute: bool, segments: impl IntoIterator<Item = Ident>) -> Path {
    Path {
        leading_colon: absolute.then(Default::default),
        segments: segments.into_iter().map(PathSegment::from).collect(),
    }
}

/// A path as an expression (`Self::New`, `CarsProperty::Vin`).
pub fn path_expr(path: Path) -> Expr {
    Expr::Path(ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// A documented `pub <name>: <ty>` field.
pub fn pub_field(docs: Vec<Attribute>, name: Ident, ty: Type) -> Field {
    Field {
        attrs: docs,
        vis: Visibility::Public(Default::default()),
        mutability: FieldMutability::None,
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
    }
}

/// A type path with at most one generic argument: `Option<T>`, `::a::b::Write<T>`, `bool`.
pub fn type_path(absolute: bool, segments: &[&str], argument: Option<Type>) -> Type {
    let mut path = path(
        absolute,
        segments.iter().map(|s| Ident::new(s, Span::call_site())),
    );
    if let (Some(argument), Some(last)) = (argument, path.segments.last_mut()) {
        last.arguments = PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: Punctuated::from_iter([syn::GenericArgument::Type(argument)]),
            gt_token: Default::default(),
        });
    }
    Type::Path(TypePath { qself: None, path })
}

/// A name type (`CarsCondition`), possibly a raw identifier.
pub fn named_type(name: Ident) -> Type {
    Type::Path(TypePath {
        qself: None,
        path: Path::from(name),
    })
}

/// Replaces identifiers by name: fills the names a per-property template (parsed
/// once, cloned for each property) leaves open.
pub struct Rename<'a>(pub &'a [(&'a str, &'a Ident)]);

impl VisitMut for Rename<'_> {
    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if let Some((_, replacement)) = self.0.iter().find(|(name, _)| *ident == *name) {
            *ident = (*replacement).clone();
        }
    }
}

/// A template a [`Rename`] can fill in.
pub trait Template: Clone {
    /// A clone with the open names filled in.
    fn instantiate(&self, names: &[(&str, &Ident)]) -> Self;
}

impl Template for Stmt {
    fn instantiate(&self, names: &[(&str, &Ident)]) -> Self {
        let mut copy = self.clone();
        Rename(names).visit_stmt_mut(&mut copy);
        copy
    }
}

impl Template for syn::File {
    fn instantiate(&self, names: &[(&str, &Ident)]) -> Self {
        let mut copy = self.clone();
        Rename(names).visit_file_mut(&mut copy);
        copy
    }
}

impl Template for Arm {
    fn instantiate(&self, names: &[(&str, &Ident)]) -> Self {
        let mut copy = self.clone();
        Rename(names).visit_arm_mut(&mut copy);
        copy
    }
}

/// The repeated parts of one skeleton, each under the placeholder name it replaces:
/// a named field, an array element, a match arm's pattern, or an
/// expression statement (`__name;`) called that.
#[derive(Default)]
pub struct Splice {
    fields: Vec<(&'static str, Vec<Field>)>,
    elements: Vec<(&'static str, Vec<Expr>)>,
    arms: Vec<(&'static str, Vec<Arm>)>,
    stmts: Vec<(&'static str, Vec<Stmt>)>,
}

impl Splice {
    pub fn fields(mut self, placeholder: &'static str, parts: Vec<Field>) -> Self {
        self.fields.push((placeholder, parts));
        self
    }

    pub fn elements(mut self, placeholder: &'static str, parts: Vec<Expr>) -> Self {
        self.elements.push((placeholder, parts));
        self
    }

    pub fn arms(mut self, placeholder: &'static str, parts: Vec<Arm>) -> Self {
        self.arms.push((placeholder, parts));
        self
    }

    pub fn stmts(mut self, placeholder: &'static str, parts: Vec<Stmt>) -> Self {
        self.stmts.push((placeholder, parts));
        self
    }

    /// Put every part list in place of its placeholder in `file`.
    pub fn apply(mut self, file: &mut syn::File) {
        self.visit_file_mut(file);
    }
}

/// The placeholder name `expr` is, if it is a bare path `__name`.
fn placeholder_of_expr(expr: &Expr) -> Option<&Ident> {
    match expr {
        Expr::Path(ExprPath {
            qself: None, path, ..
        }) => path.get_ident(),
        _ => None,
    }
}

fn take<T>(lists: &mut [(&'static str, Vec<T>)], name: &Ident) -> Option<Vec<T>> {
    lists
        .iter_mut()
        .find(|(placeholder, _)| *name == *placeholder)
        .map(|(_, parts)| std::mem::take(parts))
}

/// Rebuild `list` with each placeholder element replaced by its parts. Skeleton lists
/// are short; the parts are spliced in after the skeleton was visited, so they are
/// never walked.
fn splice_punctuated<T, P: Default>(
    list: &mut Punctuated<T, P>,
    mut parts_for: impl FnMut(&T) -> Option<Vec<T>>,
) {
    let old = std::mem::take(list);
    for element in old {
        match parts_for(&element) {
            Some(parts) => list.extend(parts),
            None => list.push(element),
        }
    }
}

impl VisitMut for Splice {
    fn visit_fields_named_mut(&mut self, node: &mut syn::FieldsNamed) {
        visit_mut::visit_fields_named_mut(self, node);
        let lists = &mut self.fields;
        splice_punctuated(&mut node.named, |field| {
            field.ident.as_ref().and_then(|name| take(lists, name))
        });
    }

    fn visit_expr_array_mut(&mut self, node: &mut syn::ExprArray) {
        visit_mut::visit_expr_array_mut(self, node);
        let lists = &mut self.elements;
        splice_punctuated(&mut node.elems, |element| {
            placeholder_of_expr(element).and_then(|name| take(lists, name))
        });
    }

    fn visit_expr_match_mut(&mut self, node: &mut syn::ExprMatch) {
        visit_mut::visit_expr_match_mut(self, node);
        let old = std::mem::take(&mut node.arms);
        for arm in old {
            let placeholder = match &arm.pat {
                Pat::Ident(pat) => take(&mut self.arms, &pat.ident),
                _ => None,
            };
            match placeholder {
                Some(parts) => node.arms.extend(parts),
                None => node.arms.push(arm),
            }
        }
    }

    fn visit_block_mut(&mut self, node: &mut syn::Block) {
        visit_mut::visit_block_mut(self, node);
        let old = std::mem::take(&mut node.stmts);
        for stmt in old {
            let placeholder = match &stmt {
                Stmt::Expr(expr, Some(_)) => {
                    placeholder_of_expr(expr).and_then(|name| take(&mut self.stmts, name))
                }
                _ => None,
            };
            match placeholder {
                Some(parts) => node.stmts.extend(parts),
                None => node.stmts.push(stmt),
            }
        }
    }
}
