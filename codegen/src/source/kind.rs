//! What a snapshot file holds, when it is not plainly a list of object schemas.
//!
//! A snapshot is `{"results":[ObjectSchema…]}` or a bare array of schemas. Lenient
//! parsing (unknown fields ignored, only names required) would also accept several
//! other HubSpot bodies that people save by mistake, and turn them into nonsense: one
//! schema (the body of `GET …/schemas/{objectType}`) would parse as an empty account,
//! and a Properties API list as one "object" per property. This module looks at the
//! shape first and decides:
//!
//! | file holds | decision |
//! |---|---|
//! | `{"results":[schemas]}`, `[schemas]`, `{"results":[]}` | a snapshot, as always |
//! | one object schema: `name` plus `objectTypeId`/`id`, or `name` plus `properties`/`labels` and no create-request fields | read as a one-object snapshot |
//! | entries that are property definitions (`type` with `fieldType` or `groupName`, no `properties`, no `objectTypeId`) | refused: a Properties API response, object unknown |
//! | one property definition (`name`, `type`, `fieldType`) | refused: one property |
//! | a schema create request (`ObjectSchemaEgg`: `requiredProperties`/`associatedObjects`, no `objectTypeId`/`id`) | refused: create the object, then fetch |
//! | any other JSON object without `results` (`{}`) | refused: not a snapshot |
//!
//! Each refusal is an [`Error::NotASnapshot`] saying what was found and what to run.
//! Only the top-level keys and each entry's keys are examined, so this costs no second
//! parse of a normal snapshot.

use std::collections::BTreeMap;
use std::path::Path;

use hubspot_runtime::schema::ObjectSchema;
use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::Error;

/// The top level of a snapshot-shaped JSON object: `results` when present, and the
/// names of the other keys.
#[derive(Deserialize)]
pub(super) struct TopLevel {
    /// `None` when absent, `Some(None)` when `null`.
    #[serde(default, deserialize_with = "present")]
    results: Option<Option<Vec<ObjectSchema>>>,
    #[serde(flatten)]
    other: BTreeMap<String, IgnoredAny>,
}

/// A field that is present (`null` included), for `Option<Option<…>>`.
fn present<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<Vec<ObjectSchema>>>, D::Error> {
    Option::<Vec<ObjectSchema>>::deserialize(deserializer).map(Some)
}

/// The fetch command people should run instead, in messages.
const FETCH: &str = "codegen fetch --out hubspot-schemas.json";

/// Turn a parsed top level into schemas, or refuse it (see the module docs). `text` is
/// the whole file, re-read as one schema when that is what it holds.
pub(super) fn schemas_of_object(
    top: TopLevel,
    text: &str,
    path: &Path,
    parse_error: impl Fn(serde_json::Error) -> Error,
) -> Result<Vec<ObjectSchema>, Error> {
    match top.results {
        Some(Some(entries)) => schemas_of_list(entries, path),
        Some(None) => Err(Error::NotASnapshot {
            path: path.to_owned(),
            found: "a `results` that is `null`, not a list of object schemas".to_owned(),
            remedy: format!(
                "an account without objects is `{{\"results\":[]}}`; make a snapshot with `{FETCH}`"
            ),
        }),
        None => {
            let has = |key: &str| top.other.contains_key(key);
            let refuse = |found: String, remedy: String| Error::NotASnapshot {
                path: path.to_owned(),
                found,
                remedy,
            };
            let has_ids = has("objectTypeId") || has("id") || has("fullyQualifiedName");
            if has("name") && has("type") && (has("fieldType") || has("groupName")) {
                return Err(refuse(
                    "one property definition (the body of `GET /crm/v3/properties/{objectType}/{propertyName}`), \
                     not object schemas"
                        .to_owned(),
                    format!(
                        "a property alone does not say which object it belongs to; fetch the \
                         object instead: `codegen fetch --objects <object> --out hubspot-schemas.json` \
                         (e.g. `--objects contacts`), or `{FETCH}` for custom objects"
                    ),
                ));
            }
            if !has_ids && has("name") && (has("requiredProperties") || has("associatedObjects")) {
                return Err(refuse(
                    "a schema create request (the body of `POST /crm-object-schemas/v3/schemas`, \
                     an `ObjectSchemaEgg`), not a snapshot: it lacks what HubSpot assigns on \
                     creation (object type id, property details)"
                        .to_owned(),
                    format!(
                        "create the object in HubSpot first (`POST /crm-object-schemas/v3/schemas` \
                         with this body), then snapshot the account with `{FETCH}`"
                    ),
                ));
            }
            if has("name") && (has_ids || has("properties") || has("labels")) {
                // One object schema, as `GET /crm-object-schemas/v3/schemas/{objectType}`
                // returns it: unambiguous, so read it as a one-object snapshot. Parsed
                // again from the text so errors keep their line and column.
                let schema: ObjectSchema = serde_json::from_str(text).map_err(parse_error)?;
                return Ok(vec![schema]);
            }
            let found = if top.other.is_empty() {
                "an empty JSON object (`{}`)".to_owned()
            } else {
                let keys: Vec<String> =
                    top.other.keys().take(8).map(|k| format!("`{k}`")).collect();
                let more = if top.other.len() > 8 { ", …" } else { "" };
                format!("a JSON object with keys {}{more}", keys.join(", "))
            };
            Err(refuse(
                format!("{found} and no `results` list: not a snapshot"),
                format!(
                    "a snapshot is the body of `GET /crm-object-schemas/v3/schemas` \
                     ({{\"results\":[…]}}) or a JSON array of object schemas; make one with `{FETCH}`"
                ),
            ))
        }
    }
}

/// Check that the entries of a list are object schemas, not property definitions. The
/// schema model keeps unknown fields in `extra`, so a property's `type`, `fieldType`
/// and `groupName` are found there.
pub(super) fn schemas_of_list(
    schemas: Vec<ObjectSchema>,
    path: &Path,
) -> Result<Vec<ObjectSchema>, Error> {
    let property_like: Vec<usize> = schemas
        .iter()
        .enumerate()
        .filter(|(_, schema)| is_property_definition(schema))
        .map(|(index, _)| index)
        .collect();
    if property_like.is_empty() {
        return Ok(schemas);
    }
    let found = if property_like.len() == schemas.len() {
        let names: Vec<String> = schemas
            .iter()
            .take(3)
            .map(|s| format!("`{}`", s.name))
            .collect();
        let more = if schemas.len() > 3 { ", …" } else { "" };
        format!(
            "{} property definitions ({}{more}): a Properties API response \
             (`GET /crm/v3/properties/{{objectType}}`) for one object, not object schemas; \
             which object they belong to is not in the file",
            schemas.len(),
            names.join(", ")
        )
    } else {
        let first = property_like[0];
        format!(
            "a list whose entry {} (`{}`) is a property definition (it has `type` and \
             `fieldType`/`groupName`, no `properties`), not an object schema; {} of its {} \
             entries look like properties",
            first + 1,
            schemas[first].name,
            property_like.len(),
            schemas.len()
        )
    };
    Err(Error::NotASnapshot {
        path: path.to_owned(),
        found,
        remedy: "fetch the object with its properties instead: `codegen fetch --objects \
                 contacts --out hubspot-schemas.json` (name the object these properties \
                 belong to; `custom,standard` for all)"
            .to_owned(),
    })
}

/// A property definition parsed as an object schema: it has HubSpot's property keys
/// (`type` with `fieldType` or `groupName`) and none that only schemas have.
fn is_property_definition(schema: &ObjectSchema) -> bool {
    let extra = &schema.extra;
    extra.contains_key("type")
        && (extra.contains_key("fieldType") || extra.contains_key("groupName"))
        && schema.properties.is_none()
        && schema.object_type_id.is_none()
        && schema.associations.is_none()
}
