//! Applying [`Settings`] to a snapshot's schemas: the objects and properties to keep,
//! and the checks that need the snapshot (a rename onto a name another item already
//! has; a pattern that matches nothing, a warning). Generation, `check`, `diff` and
//! `diagram` all see the schemas this returns, so they agree on what exists.

use std::collections::BTreeSet;

use hubspot_runtime::schema::{ObjectSchema, Property};

use super::glob;
use super::{Filter, Located, ObjectSettings, PropertyFilter, Settings};
use crate::Error;
use crate::ident;

/// The schemas after the settings, and what the run should warn about.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The selected objects, each with its selected properties.
    pub schemas: Vec<ObjectSchema>,
    /// Warnings (`file:line:column: …`), for stderr or `cargo:warning`.
    pub warnings: Vec<String>,
}

/// Whether object `schema` is named by `key` (name, fully qualified name or id).
pub fn names_object(schema: &ObjectSchema, key: &str) -> bool {
    schema.name == key
        || schema.fully_qualified_name.as_deref() == Some(key)
        || schema.object_type_id.as_deref() == Some(key)
}

/// The settings of `schema`, if the settings name it.
pub fn object_settings<'a>(
    settings: &'a Settings,
    schema: &ObjectSchema,
) -> Option<&'a ObjectSettings> {
    settings
        .object
        .iter()
        .find(|(key, _)| names_object(schema, key))
        .map(|(_, object)| object)
}

/// Apply `settings` to `schemas`.
pub fn apply(settings: &Settings, schemas: &[ObjectSchema]) -> Result<Applied, Error> {
    let mut warnings = Vec::new();
    if settings.is_empty() {
        return Ok(Applied {
            schemas: schemas.to_vec(),
            warnings,
        });
    }
    super::parse::validate(settings)?;
    let object_matches = |pattern: &str, s: &ObjectSchema| {
        glob::matches(pattern, &s.name) || names_object(s, pattern)
    };
    unmatched(&settings.objects, "objects", &mut warnings, |p| {
        schemas.iter().any(|s| object_matches(p, s))
    });
    for key in settings.object.keys() {
        if !schemas.iter().any(|s| names_object(s, key)) {
            warnings.push(format!(
                "settings: [object.{key}] names no object in the snapshot"
            ));
        }
    }
    let kept: Vec<&ObjectSchema> = schemas
        .iter()
        .filter(|s| {
            let include = &settings.objects.include;
            (include.is_empty() || include.iter().any(|p| object_matches(&p.value, s)))
                && !settings
                    .objects
                    .exclude
                    .iter()
                    .any(|p| object_matches(&p.value, s))
        })
        .collect();
    check_object_renames(settings, &kept)?;
    let mut out = Vec::with_capacity(kept.len());
    for schema in kept {
        let mut schema = schema.clone();
        if let Some(object) = object_settings(settings, &schema) {
            select_properties(&mut schema, &object.properties, &mut warnings);
            check_property_renames(&schema, object, &mut warnings)?;
        }
        out.push(schema);
    }
    Ok(Applied {
        schemas: out,
        warnings,
    })
}

/// Warn about each pattern of `filter` that `hits` says matches nothing.
fn unmatched(filter: &Filter, key: &str, warnings: &mut Vec<String>, hits: impl Fn(&str) -> bool) {
    for (list, patterns) in [("include", &filter.include), ("exclude", &filter.exclude)] {
        for pattern in patterns {
            if !hits(&pattern.value) {
                warnings.push(format!(
                    "{}{key}.{list}: {:?} matches nothing in the snapshot",
                    pattern.prefix(),
                    pattern.value
                ));
            }
        }
    }
}

fn any_matches(patterns: &[Located], name: &str) -> bool {
    patterns.iter().any(|p| glob::matches(&p.value, name))
}

/// Keep the properties `filter` selects, never a required one or the primary display
/// property (warning when the filter would have dropped them).
fn select_properties(
    schema: &mut ObjectSchema,
    filter: &PropertyFilter,
    warnings: &mut Vec<String>,
) {
    let Some(properties) = schema.properties.take() else {
        return;
    };
    let object = schema.name.clone();
    let key = format!("object.{object}.properties");
    unmatched(&filter.names, &key, warnings, |p| {
        properties.iter().any(|prop| glob::matches(p, &prop.name))
    });
    let group = |p: &Property| p.group_name.clone().unwrap_or_default();
    let groups = Filter {
        include: filter.groups.include.clone(),
        exclude: filter.groups.exclude.clone(),
    };
    unmatched(&groups, &format!("{key}.groups"), warnings, |g| {
        properties.iter().any(|prop| glob::matches(g, &group(prop)))
    });
    let mut protected: BTreeSet<&str> = schema
        .required_properties
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    protected.extend(schema.primary_display_property.as_deref());
    let by_kind = filter.hubspot_defined.is_some() || filter.hidden.is_some();
    let by_include = !filter.names.include.is_empty() || !filter.groups.include.is_empty();
    let mut kept = Vec::with_capacity(properties.len());
    let mut saved = Vec::new();
    for property in properties {
        let kind_ok = filter
            .hubspot_defined
            .is_none_or(|want| property.hubspot_defined.unwrap_or(false) == want)
            && filter
                .hidden
                .is_none_or(|want| property.hidden.unwrap_or(false) == want);
        let included = any_matches(&filter.names.include, &property.name)
            || any_matches(&filter.groups.include, &group(&property));
        let selected = if by_kind || by_include {
            (by_kind && kind_ok) || included
        } else {
            true
        };
        let excluded = any_matches(&filter.names.exclude, &property.name)
            || any_matches(&filter.groups.exclude, &group(&property));
        if selected && !excluded {
            kept.push(property);
        } else if protected.contains(property.name.as_str()) {
            saved.push(property.name.clone());
            kept.push(property);
        }
    }
    if !saved.is_empty() {
        warnings.push(format!(
            "settings: {key} would drop {} of `{object}`, which are kept (required or the \
             primary display property)",
            saved.join(", ")
        ));
    }
    schema.properties = Some(kept);
}

/// An object rename may not take the struct name another selected object has.
fn check_object_renames(settings: &Settings, kept: &[&ObjectSchema]) -> Result<(), Error> {
    let final_name =
        |s: &ObjectSchema| match object_settings(settings, s).and_then(|o| o.rename.as_ref()) {
            Some(rename) => rename.value.clone(),
            None => ident::type_name(&s.name),
        };
    for schema in kept {
        let Some(rename) = object_settings(settings, schema).and_then(|o| o.rename.as_ref()) else {
            continue;
        };
        if let Some(other) = kept
            .iter()
            .find(|o| o.name != schema.name && final_name(o) == rename.value)
        {
            return Err(Error::Settings(format!(
                "{}object.{}.rename: {:?} is already the struct name of object `{}`; \
                 choose another name",
                rename.prefix(),
                schema.name,
                rename.value,
                other.name
            )));
        }
    }
    Ok(())
}

/// A property rename may not take the field name of another property of the object;
/// an option rename may not take another option's variant name.
fn check_property_renames(
    schema: &ObjectSchema,
    object: &ObjectSettings,
    warnings: &mut Vec<String>,
) -> Result<(), Error> {
    let properties: Vec<&Property> = schema.properties.iter().flatten().collect();
    let field_of = |p: &Property| match object.rename_properties.get(&p.name) {
        Some(rename) => rename.value.clone(),
        None => ident::field_name(&p.name),
    };
    for (property, rename) in &object.rename_properties {
        let key = format!("object.{}.rename_properties.{property}", schema.name);
        if !properties.iter().any(|p| &p.name == property) {
            warnings.push(format!(
                "{}{key}: `{}` has no (selected) property {property:?}",
                rename.prefix(),
                schema.name
            ));
            continue;
        }
        if let Some(other) = properties
            .iter()
            .find(|p| &p.name != property && field_of(p) == rename.value)
        {
            return Err(Error::Settings(format!(
                "{}{key}: {:?} is already the field name of property `{}`; choose another \
                 name",
                rename.prefix(),
                rename.value,
                other.name
            )));
        }
    }
    for (property, renames) in &object.rename_options {
        let options = properties
            .iter()
            .find(|p| &p.name == property)
            .and_then(|p| p.options.as_ref());
        for (value, rename) in renames {
            let key = format!("object.{}.rename_options.{property}.{value}", schema.name);
            let Some(options) = options.filter(|o| o.iter().any(|o| &o.value == value)) else {
                warnings.push(format!(
                    "{}{key}: `{}.{property}` has no option {value:?}",
                    rename.prefix(),
                    schema.name
                ));
                continue;
            };
            let variant_of = |v: &str| match renames.get(v) {
                Some(r) => r.value.clone(),
                None => ident::type_name(v),
            };
            if rename.value == "Unknown" {
                return Err(Error::Settings(format!(
                    "{}{key}: \"Unknown\" is the open enum's catch-all variant; choose another \
                     name",
                    rename.prefix()
                )));
            }
            if let Some(other) = options
                .iter()
                .find(|o| &o.value != value && variant_of(&o.value) == rename.value)
            {
                return Err(Error::Settings(format!(
                    "{}{key}: {:?} is already the variant of option {:?}; choose another name",
                    rename.prefix(),
                    rename.value,
                    other.value
                )));
            }
        }
    }
    Ok(())
}
