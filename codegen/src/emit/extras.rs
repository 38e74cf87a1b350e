//! The settings' extra derives and attributes, added to the generated items they name
//! (struct, write struct, property enum, option enums), after the generator's own.

use syn::{Attribute, Item, parse_quote};

use crate::Error;
use crate::model::ObjectModel;
use crate::settings::Located;

/// Add `object`'s extra derives and attributes to its struct and write struct (the
/// enums, printed as text, take theirs from [`option_enum_attrs`] and
/// [`property_enum_attrs`]).
pub fn add(object: &ObjectModel, items: &mut [Item]) -> Result<(), Error> {
    let (derives, attributes) = (&object.extras.derives, &object.extras.attributes);
    let kinds: [(Vec<&str>, &[Located], &[Located]); 2] = [
        (
            vec![&object.struct_name],
            &derives.structs,
            &attributes.structs,
        ),
        (
            vec![&object.write_struct],
            &derives.write_structs,
            &attributes.write_structs,
        ),
    ];
    for (names, derives, attributes) in kinds {
        if derives.is_empty() && attributes.is_empty() {
            continue;
        }
        let extra = attrs(derives, attributes)?;
        for item in items.iter_mut() {
            let (ident, attrs) = match item {
                Item::Struct(s) => (&s.ident, &mut s.attrs),
                Item::Enum(e) => (&e.ident, &mut e.attrs),
                _ => continue,
            };
            if names.iter().any(|name| ident == name) {
                attrs.extend(extra.iter().cloned());
            }
        }
    }
    Ok(())
}

/// The extra attributes of `object`'s property enum.
pub fn property_enum_attrs(object: &ObjectModel) -> Result<Vec<Attribute>, Error> {
    let extras = &object.extras;
    attrs(
        &extras.derives.property_enums,
        &extras.attributes.property_enums,
    )
}

/// The extra attributes of `object`'s option enums.
pub fn option_enum_attrs(object: &ObjectModel) -> Result<Vec<Attribute>, Error> {
    let extras = &object.extras;
    attrs(
        &extras.derives.option_enums,
        &extras.attributes.option_enums,
    )
}

/// `#[derive(…)]` of `derives` (when any), then one attribute per entry of `attributes`.
fn attrs(derives: &[Located], attributes: &[Located]) -> Result<Vec<Attribute>, Error> {
    let invalid = |what: &str, value: &Located| {
        Error::Settings(format!(
            "{}{what} {:?} does not parse",
            value.prefix(),
            value.value
        ))
    };
    let mut out = Vec::new();
    if !derives.is_empty() {
        let paths = derives
            .iter()
            .map(|d| syn::parse_str::<syn::Path>(&d.value).map_err(|_| invalid("derive", d)))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(parse_quote!(#[derive(#(#paths),*)]));
    }
    for attribute in attributes {
        let meta = syn::parse_str::<syn::Meta>(&attribute.value)
            .map_err(|_| invalid("attribute", attribute))?;
        out.push(parse_quote!(#[#meta]));
    }
    Ok(out)
}
