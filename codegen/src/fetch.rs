//! Reading a live account: every custom object schema (and, as selected, standard
//! objects and pipelines) through `hubspot_runtime`'s client, as HubSpot sent them.
//! Putting them in snapshot order is [`crate::snapshot::normalize`]'s job.
//!
//! What is read follows the [`ObjectSelection`]: custom objects from the Schemas API
//! (with their pipelines, when they have any), and each selected standard object as a
//! snapshot entry shaped like a custom object's schema: `name` = its objects API name,
//! `objectTypeId`, `labels`, `properties` exactly as `GET /crm/v3/properties/{name}`
//! returned them, and `pipelines` as `GET /crm/v3/pipelines/{name}` returned them for
//! objects that have pipelines. A missing scope names the scope to add and how to leave
//! the object out.

use hubspot_runtime::schema::{ObjectSchema, ObjectTypeDefinitionLabels, Pipeline, Property};

use crate::Error;
use crate::object_selection::ObjectSelection;
use crate::standard_objects::StandardObject;

/// Fetch every custom object schema of the account `client` is authenticated for,
/// with property and association definitions and audit metadata.
///
/// `archived = true` lists the archived object types instead of the live ones (as
/// HubSpot's `archived` query parameter does).
pub async fn fetch_live(
    client: &hubspot_runtime::Client,
    archived: bool,
) -> Result<Vec<ObjectSchema>, Error> {
    let request = hubspot_runtime::ListSchemas {
        archived,
        include_association_definitions: true,
        include_audit_metadata: true,
        include_property_definitions: true,
    };
    Ok(client.schemas().list(&request).await?)
}

/// What a fetch tells its caller while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchEvent<'a> {
    /// One step started (for a progress display).
    Step(&'a str),
    /// Something the user should know, that did not stop the fetch.
    Warning(&'a str),
}

/// Fetch the objects `selection` names: the selected custom objects (with their
/// pipelines) and every selected standard object (properties, and pipelines where it
/// has them). `events` hears one [`FetchEvent::Step`] per step and every warning.
///
/// `archived = true` lists archived custom object types; standard objects are never
/// archived, so selecting one with it is refused. Properties are always the live ones.
pub async fn fetch_selected(
    client: &hubspot_runtime::Client,
    selection: &ObjectSelection,
    archived: bool,
    events: &dyn Fn(FetchEvent<'_>),
) -> Result<Vec<ObjectSchema>, Error> {
    let progress = |line: &str| events(FetchEvent::Step(line));
    if archived && !selection.standard().is_empty() {
        return Err(Error::ObjectSelection(format!(
            "--archived lists archived custom object types, and standard objects are never \
             archived; leave {} out of --objects, or fetch them without --archived",
            names(selection.standard())
        )));
    }
    let mut schemas = Vec::new();
    if selection.reads_custom_objects() {
        progress("fetching custom object schemas");
        let custom = selection.select_custom(fetch_live(client, archived).await?)?;
        for mut schema in custom {
            if !archived {
                let key = schema
                    .object_type_id
                    .clone()
                    .unwrap_or_else(|| schema.name.clone());
                progress(&format!("fetching pipelines of {}", schema.name));
                schema.pipelines =
                    custom_pipelines(client, &key, &schema.name, selection, events).await?;
            }
            schemas.push(schema);
        }
    }
    for object in selection.standard() {
        progress(&format!("fetching properties of {}", object.name));
        let properties = client
            .properties()
            .list(object.name)
            .await
            .map_err(|e| object_error(object.name, "properties", selection, e))?;
        let pipelines = if object.has_pipelines {
            progress(&format!("fetching pipelines of {}", object.name));
            match client.pipelines().list(object.name).await {
                Ok(pipelines) if pipelines.is_empty() => None,
                Ok(pipelines) => Some(pipelines),
                // An account without this object's pipelines (a product not bought).
                Err(e) if e.status() == Some(404) => None,
                Err(e) => return Err(object_error(object.name, "pipelines", selection, e)),
            }
        } else {
            None
        };
        schemas.push(standard_object_schema(object, properties, pipelines));
    }
    Ok(schemas)
}

/// A custom object's pipelines: `None` when it has none (an empty list, or HubSpot's
/// 404 / 400 for an object type without pipelines).
///
/// Reading them needs `crm.objects.custom.read` on top of the schema scope a custom-object
/// fetch always needed. Without it the fetch goes on, with a warning: an app set up for
/// schemas alone keeps working, and its pipeline properties go without stage enums.
async fn custom_pipelines(
    client: &hubspot_runtime::Client,
    object_type: &str,
    name: &str,
    selection: &ObjectSelection,
    events: &dyn Fn(FetchEvent<'_>),
) -> Result<Option<Vec<Pipeline>>, Error> {
    match client.pipelines().list(object_type).await {
        Ok(pipelines) if pipelines.is_empty() => Ok(None),
        Ok(pipelines) => Ok(Some(pipelines)),
        Err(e) if matches!(e.status(), Some(400 | 404)) => Ok(None),
        Err(hubspot_runtime::Error::MissingScopes { scopes, .. }) => {
            events(FetchEvent::Warning(&missing_pipeline_scope_warning(
                name, &scopes,
            )));
            Ok(None)
        }
        Err(e) => Err(object_error(name, "pipelines", selection, e)),
    }
}

/// The warning for a custom object whose pipelines the token may not read.
fn missing_pipeline_scope_warning(object: &str, scopes: &[String]) -> String {
    let scopes = if scopes.is_empty() {
        "crm.objects.custom.read".to_owned()
    } else {
        scopes.join("`, `")
    };
    format!(
        "the pipelines of {object} were not read (the token lacks `{scopes}`), so its pipeline \
         and stage properties are generated without pipeline and stage enums; add the scope to the app and \
         fetch again to type them"
    )
}

/// The snapshot entry of a standard object: shaped like a custom object's schema.
pub fn standard_object_schema(
    object: &StandardObject,
    properties: Vec<Property>,
    pipelines: Option<Vec<Pipeline>>,
) -> ObjectSchema {
    ObjectSchema {
        name: object.name.to_owned(),
        object_type_id: Some(object.object_type_id.to_owned()),
        labels: Some(ObjectTypeDefinitionLabels {
            singular: Some(object.singular.to_owned()),
            plural: Some(object.plural.to_owned()),
            ..ObjectTypeDefinitionLabels::default()
        }),
        properties: Some(properties),
        pipelines,
        ..ObjectSchema::default()
    }
}

/// The error of fetching `what` (`properties`, `pipelines`) of `object`: for a 403, the
/// scope to add and the `--objects` that leaves the object out.
pub fn object_error(
    object: &str,
    what: &str,
    selection: &ObjectSelection,
    error: hubspot_runtime::Error,
) -> Error {
    let scopes = match &error {
        hubspot_runtime::Error::MissingScopes { scopes, .. } => Some(scopes.clone()),
        other if other.status() == Some(403) => Some(vec![
            hubspot_runtime::object_scopes(object)
                .schema_read
                .to_owned(),
        ]),
        _ => None,
    };
    let message = match scopes {
        Some(scopes) => {
            // Every custom object needs the same scopes, and `custom` selects them all:
            // leaving one out means leaving `custom` out.
            let all_custom =
                selection.all_custom() && crate::standard_objects::lookup(object).is_none();
            let without = without(selection, if all_custom { "custom" } else { object });
            let leave_out = if without.is_empty() {
                format!(
                    "or select other objects with --objects (`{object}` is the only one selected)"
                )
            } else if all_custom {
                format!(
                    "or leave the custom objects out (each needs the same scopes): \
                     --objects {without}"
                )
            } else {
                format!("or leave {object} out: --objects {without}")
            };
            let (noun, pronoun) = if scopes.len() == 1 {
                ("scope", "it")
            } else {
                ("scopes", "them")
            };
            format!(
                "reading the {what} of {object} needs the {noun} {}: add {pronoun} to the \
                 app's scopes (private app or OAuth app) and fetch again, {leave_out}",
                scopes
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        }
        None => format!("fetching the {what} of {object} failed"),
    };
    Error::FetchObject {
        message,
        source: Box::new(error),
    }
}

/// The `--objects` value selecting what `selection` does, except `object`.
fn without(selection: &ObjectSelection, object: &str) -> String {
    selection
        .to_string()
        .split(',')
        .filter(|entry| !entry.is_empty() && *entry != object)
        .collect::<Vec<_>>()
        .join(",")
}

fn names(objects: &[&StandardObject]) -> String {
    objects
        .iter()
        .map(|object| object.name)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use hubspot_runtime::schema::{ApiErrorBody, PipelineStage};

    use super::*;
    use crate::standard_objects::lookup;

    fn property(json: &str) -> Property {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_standard_object_is_a_schema_shaped_entry() {
        let properties = vec![
            property(
                r#"{"name":"dealstage","type":"enumeration","fieldType":"radio","externalOptions":true,
                    "options":[],"hubspotDefined":true,"dataSensitivity":"non_sensitive","x-new":1}"#,
            ),
            property(r#"{"name":"amount","type":"number","fieldType":"number"}"#),
        ];
        let pipelines = vec![Pipeline {
            id: "default".to_owned(),
            label: Some("Sales Pipeline".to_owned()),
            stages: vec![PipelineStage {
                id: "closedwon".to_owned(),
                ..PipelineStage::default()
            }],
            ..Pipeline::default()
        }];
        let schema = standard_object_schema(
            lookup("deals").unwrap(),
            properties.clone(),
            Some(pipelines.clone()),
        );
        assert_eq!(schema.name, "deals");
        assert_eq!(schema.object_type_id.as_deref(), Some("0-3"));
        let labels = schema.labels.as_ref().unwrap();
        assert_eq!(labels.singular.as_deref(), Some("Deal"));
        assert_eq!(labels.plural.as_deref(), Some("Deals"));
        // Properties exactly as returned, unknown fields included.
        assert_eq!(schema.properties.as_ref().unwrap(), &properties);
        assert_eq!(schema.pipelines.as_ref().unwrap(), &pipelines);
        assert!(schema.fully_qualified_name.is_none());
        let json = serde_json::to_value(&schema).unwrap();
        assert_eq!(json["properties"][0]["x-new"], 1);
        assert_eq!(
            json["labels"],
            serde_json::json!({"singular":"Deal","plural":"Deals"})
        );

        let contacts = standard_object_schema(lookup("contacts").unwrap(), vec![], None);
        assert!(contacts.pipelines.is_none());
        assert!(
            serde_json::to_value(&contacts)
                .unwrap()
                .get("pipelines")
                .is_none()
        );
    }

    fn missing_scopes(scopes: &[&str]) -> hubspot_runtime::Error {
        hubspot_runtime::Error::MissingScopes {
            method: "GET".to_owned(),
            path: "/crm/v3/properties/tickets".to_owned(),
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            body: Box::new(ApiErrorBody::default()),
        }
    }

    #[test]
    fn a_missing_scope_says_what_to_add_and_how_to_leave_the_object_out() {
        let selection: ObjectSelection = "custom,standard".parse().unwrap();
        let error = object_error(
            "tickets",
            "properties",
            &selection,
            missing_scopes(&["tickets"]),
        );
        assert_eq!(
            error.to_string(),
            "reading the properties of tickets needs the scope `tickets`: add it to the app's \
             scopes (private app or OAuth app) and fetch again, or leave tickets out: \
             --objects custom,contacts,companies,deals,products,line_items"
        );
        let only: ObjectSelection = "deals".parse().unwrap();
        let error = object_error(
            "deals",
            "pipelines",
            &only,
            missing_scopes(&["crm.schemas.deals.read", "crm.objects.deals.read"]),
        );
        assert_eq!(
            error.to_string(),
            "reading the pipelines of deals needs the scopes `crm.schemas.deals.read` and \
             `crm.objects.deals.read`: add them to the app's scopes (private app or OAuth app) \
             and fetch again, or select other objects with --objects (`deals` is the only one \
             selected)"
        );
        // A custom object selected by `custom`: only leaving `custom` out helps.
        let error = object_error(
            "animals",
            "pipelines",
            &"custom,contacts,deals".parse().unwrap(),
            missing_scopes(&["crm.objects.custom.read"]),
        );
        assert_eq!(
            error.to_string(),
            "reading the pipelines of animals needs the scope `crm.objects.custom.read`: add it \
             to the app's scopes (private app or OAuth app) and fetch again, or leave the custom \
             objects out (each needs the same scopes): --objects contacts,deals"
        );
        // A custom object named on its own is left out by name.
        let error = object_error(
            "animals",
            "pipelines",
            &"animals,cars".parse().unwrap(),
            missing_scopes(&["crm.objects.custom.read"]),
        );
        assert!(
            error
                .to_string()
                .ends_with("or leave animals out: --objects cars"),
            "{error}"
        );
    }

    #[test]
    fn the_runtime_knows_the_scopes_of_every_selectable_standard_object() {
        use crate::standard_objects::STANDARD_OBJECTS;
        use hubspot_runtime::scopes::CUSTOM_OBJECT_SCOPES;
        for object in STANDARD_OBJECTS {
            let by_name = hubspot_runtime::object_scopes(object.name);
            assert_eq!(
                by_name,
                hubspot_runtime::object_scopes(object.object_type_id)
            );
            if object.in_standard_set || object.has_pipelines {
                assert_ne!(by_name, CUSTOM_OBJECT_SCOPES, "{}", object.name);
            }
        }
    }

    #[test]
    fn other_failures_say_which_object_failed() {
        let selection = ObjectSelection::default();
        let error = object_error(
            "cars",
            "pipelines",
            &selection,
            hubspot_runtime::Error::InvalidInput {
                message: "bad".to_owned(),
            },
        );
        assert_eq!(error.to_string(), "fetching the pipelines of cars failed");
        assert_eq!(
            std::error::Error::source(&error).unwrap().to_string(),
            "bad"
        );
    }
}
