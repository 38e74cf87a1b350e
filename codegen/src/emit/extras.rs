//! The settings' extra derives and attributes of the generated items they name (struct,
//! write struct, property enum, option enums), which follow the generator's own.

use syn::{Attribute, parse_quote};

use crate::Error;
use crate::model::ObjectModel;
use crate::settings::Located;

/// The extra attributes of `object`'s struct.
pub fn struct_attrs(object: &ObjectModel) -> Result<Vec<Attribute>, Error> {
    let extras = &object.extras;
    attrs(&extras.derives.structs, &extras.attributes.structs)
}

/// The extra attributes of `object`'s write struct.
pub fn write_struct_attrs(object: &ObjectModel) -> Result<Vec<Attribute>, Error> {
    let extras = &object.extras;
    attrs(
        &extras.derives.write_structs,
        &extras.attributes.write_structs,
    )
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
