//! Building `syn` syntax trees without parsing, for the parts of the generated impls
//! that repeat once per property: the property lists of the `CrmObject` impl.
//!
//! Emit writes each item's shape as a `quote!` skeleton, parsed once, with placeholder
//! names where the repeated parts go (`__required`, `__read_only`). The parts themselves are
//! built here, directly as syntax trees, and [`Splice`] puts them in place. Going
//! through tokens and `syn`'s parser for every part instead made parsing most of the
//! time `codegen generate` takes (see the README's Performance section).

use proc_macro2::{Ident, TokenStream};
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, ExprPath, Path, PathSegment};

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

/// The repeated parts of one skeleton, each under the placeholder name it replaces:
/// array elements, in place of an element called that.
#[derive(Default)]
pub struct Splice {
    elements: Vec<(&'static str, Vec<Expr>)>,
}

impl Splice {
    pub fn elements(mut self, placeholder: &'static str, parts: Vec<Expr>) -> Self {
        self.elements.push((placeholder, parts));
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
    fn visit_expr_array_mut(&mut self, node: &mut syn::ExprArray) {
        visit_mut::visit_expr_array_mut(self, node);
        let lists = &mut self.elements;
        splice_punctuated(&mut node.elems, |element| {
            placeholder_of_expr(element).and_then(|name| take(lists, name))
        });
    }
}
