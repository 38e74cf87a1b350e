//! The table of HubSpot's standard CRM objects the sandbox serves: each object's API
//! name, `0-x` object type id, labels, the scopes its records, Properties API and
//! Pipelines API need, the properties a record read returns by default, its pipeline
//! and stage properties, and the built-in schema a fresh account has (HubSpot-set
//! properties such as `hs_object_id`, `createdate`, `lastmodifieddate`, a few of
//! HubSpot's own properties, and the default deal and ticket pipelines).

use std::collections::BTreeMap;

use hubspot_runtime::schema::{
    ObjectSchema, ObjectTypeDefinitionLabels, Pipeline, PipelineStage, Property,
    PropertyModificationMetadata,
};
use serde_json::Value;

/// One standard object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StandardObject {
    /// `0-1`, `0-3`, …
    pub type_id: &'static str,
    /// The objects API name: `contacts`, `line_items`.
    pub name: &'static str,
    /// The singular name HubSpot also accepts in paths: `contact`, `line_item`.
    pub singular: &'static str,
    pub label_singular: &'static str,
    pub label_plural: &'static str,
    /// Scopes that allow reading records (and pipelines); the first is the one a 403
    /// names.
    pub read_scopes: &'static [&'static str],
    /// Scopes that allow writing records.
    pub write_scopes: &'static [&'static str],
    /// Scopes that allow reading property definitions.
    pub schema_read_scopes: &'static [&'static str],
    /// Scopes that allow creating, changing and archiving property definitions.
    pub schema_write_scopes: &'static [&'static str],
    /// The last-modified property HubSpot keeps: `lastmodifieddate` on contacts,
    /// `hs_lastmodifieddate` elsewhere (both are set on every object here).
    pub last_modified: &'static str,
    /// The properties a read returns when none are asked for.
    pub default_properties: &'static [&'static str],
    /// `(pipeline property, stage property)` for objects with pipelines.
    pub pipeline_properties: Option<(&'static str, &'static str)>,
}

const CONTACTS_READ: &[&str] = &["crm.objects.contacts.read"];
const CONTACTS_WRITE: &[&str] = &["crm.objects.contacts.write"];

/// HubSpot's standard objects. Engagements (calls, emails, meetings, notes, tasks) use
/// the contacts scopes, as HubSpot's engagement APIs document.
pub(crate) const STANDARD_OBJECTS: &[StandardObject] = &[
    StandardObject {
        type_id: "0-1",
        name: "contacts",
        singular: "contact",
        label_singular: "Contact",
        label_plural: "Contacts",
        read_scopes: CONTACTS_READ,
        write_scopes: CONTACTS_WRITE,
        schema_read_scopes: &["crm.schemas.contacts.read"],
        schema_write_scopes: &["crm.schemas.contacts.write"],
        last_modified: "lastmodifieddate",
        default_properties: &[
            "createdate",
            "email",
            "firstname",
            "hs_object_id",
            "lastmodifieddate",
            "lastname",
        ],
        pipeline_properties: None,
    },
    StandardObject {
        type_id: "0-2",
        name: "companies",
        singular: "company",
        label_singular: "Company",
        label_plural: "Companies",
        read_scopes: &["crm.objects.companies.read"],
        write_scopes: &["crm.objects.companies.write"],
        schema_read_scopes: &["crm.schemas.companies.read"],
        schema_write_scopes: &["crm.schemas.companies.write"],
        last_modified: "hs_lastmodifieddate",
        default_properties: &[
            "createdate",
            "domain",
            "hs_lastmodifieddate",
            "hs_object_id",
            "name",
        ],
        pipeline_properties: None,
    },
    StandardObject {
        type_id: "0-3",
        name: "deals",
        singular: "deal",
        label_singular: "Deal",
        label_plural: "Deals",
        read_scopes: &["crm.objects.deals.read"],
        write_scopes: &["crm.objects.deals.write"],
        schema_read_scopes: &["crm.schemas.deals.read"],
        schema_write_scopes: &["crm.schemas.deals.write"],
        last_modified: "hs_lastmodifieddate",
        default_properties: &[
            "amount",
            "closedate",
            "createdate",
            "dealname",
            "dealstage",
            "hs_lastmodifieddate",
            "hs_object_id",
            "pipeline",
        ],
        pipeline_properties: Some(("pipeline", "dealstage")),
    },
    StandardObject {
        type_id: "0-5",
        name: "tickets",
        singular: "ticket",
        label_singular: "Ticket",
        label_plural: "Tickets",
        read_scopes: &["tickets", "crm.objects.tickets.read"],
        write_scopes: &["tickets", "crm.objects.tickets.write"],
        schema_read_scopes: &["tickets", "crm.schemas.tickets.read"],
        schema_write_scopes: &["tickets", "crm.schemas.tickets.write"],
        last_modified: "hs_lastmodifieddate",
        default_properties: &[
            "content",
            "createdate",
            "hs_lastmodifieddate",
            "hs_object_id",
            "hs_pipeline",
            "hs_pipeline_stage",
            "hs_ticket_category",
            "hs_ticket_priority",
            "subject",
        ],
        pipeline_properties: Some(("hs_pipeline", "hs_pipeline_stage")),
    },
    StandardObject {
        type_id: "0-7",
        name: "products",
        singular: "product",
        label_singular: "Product",
        label_plural: "Products",
        read_scopes: &["e-commerce", "crm.objects.products.read"],
        write_scopes: &["e-commerce", "crm.objects.products.write"],
        schema_read_scopes: &["e-commerce"],
        schema_write_scopes: &["e-commerce"],
        last_modified: "hs_lastmodifieddate",
        default_properties: &[
            "createdate",
            "description",
            "hs_lastmodifieddate",
            "hs_object_id",
            "name",
            "price",
        ],
        pipeline_properties: None,
    },
    StandardObject {
        type_id: "0-8",
        name: "line_items",
        singular: "line_item",
        label_singular: "Line item",
        label_plural: "Line items",
        read_scopes: &["e-commerce", "crm.objects.line_items.read"],
        write_scopes: &["e-commerce", "crm.objects.line_items.write"],
        schema_read_scopes: &["e-commerce"],
        schema_write_scopes: &["e-commerce"],
        last_modified: "hs_lastmodifieddate",
        default_properties: &[
            "amount",
            "createdate",
            "hs_lastmodifieddate",
            "hs_object_id",
            "hs_product_id",
            "name",
            "price",
            "quantity",
        ],
        pipeline_properties: None,
    },
    StandardObject {
        type_id: "0-14",
        name: "quotes",
        singular: "quote",
        label_singular: "Quote",
        label_plural: "Quotes",
        read_scopes: &["crm.objects.quotes.read"],
        write_scopes: &["crm.objects.quotes.write"],
        schema_read_scopes: &["crm.schemas.quotes.read"],
        schema_write_scopes: &["crm.schemas.quotes.write"],
        last_modified: "hs_lastmodifieddate",
        default_properties: &[
            "createdate",
            "hs_expiration_date",
            "hs_lastmodifieddate",
            "hs_object_id",
            "hs_title",
        ],
        pipeline_properties: None,
    },
    engagement("0-27", "tasks", "task", "Task", "Tasks"),
    engagement("0-46", "notes", "note", "Note", "Notes"),
    engagement("0-47", "meetings", "meeting", "Meeting", "Meetings"),
    engagement("0-48", "calls", "call", "Call", "Calls"),
    engagement("0-49", "emails", "email", "Email", "Emails"),
];

const fn engagement(
    type_id: &'static str,
    name: &'static str,
    singular: &'static str,
    label_singular: &'static str,
    label_plural: &'static str,
) -> StandardObject {
    StandardObject {
        type_id,
        name,
        singular,
        label_singular,
        label_plural,
        read_scopes: CONTACTS_READ,
        write_scopes: CONTACTS_WRITE,
        schema_read_scopes: &["crm.schemas.contacts.read"],
        schema_write_scopes: &["crm.schemas.contacts.write"],
        last_modified: "hs_lastmodifieddate",
        default_properties: &[
            "createdate",
            "hs_createdate",
            "hs_lastmodifieddate",
            "hs_object_id",
            "hs_timestamp",
        ],
        pipeline_properties: None,
    }
}

/// A standard object by object type id or (case-insensitive) API or singular name.
pub(crate) fn lookup(key: &str) -> Option<&'static StandardObject> {
    STANDARD_OBJECTS.iter().find(|o| {
        o.type_id == key || o.name.eq_ignore_ascii_case(key) || o.singular.eq_ignore_ascii_case(key)
    })
}

/// Whether an object type id is a standard object's (`0-…`).
pub(crate) fn is_standard_type_id(type_id: &str) -> bool {
    type_id.starts_with("0-")
}

/// The properties HubSpot itself sets on every record of a standard object: the record
/// id and the create and last-modified timestamps, under both their old and `hs_` names.
pub(crate) const HUBSPOT_SET: &[(&str, &str, &str)] = &[
    ("hs_object_id", "number", "Record ID"),
    ("createdate", "datetime", "Create Date"),
    ("hs_createdate", "datetime", "Object create date/time"),
    ("lastmodifieddate", "datetime", "Last Modified Date"),
    (
        "hs_lastmodifieddate",
        "datetime",
        "Object last modified date/time",
    ),
];

fn metadata(read_only: bool) -> PropertyModificationMetadata {
    PropertyModificationMetadata {
        archivable: Some(!read_only),
        read_only_definition: Some(true),
        read_only_value: Some(read_only),
        read_only_options: Some(false),
        extra: Default::default(),
    }
}

/// A HubSpot-defined property as the Properties API lists it.
fn hubspot_property(name: &str, ptype: &str, label: &str, group: &str, now: &str) -> Property {
    let field_type = match ptype {
        "number" => "number",
        "datetime" | "date" => "date",
        "enumeration" => "select",
        "bool" => "booleancheckbox",
        _ => "text",
    };
    let read_only = HUBSPOT_SET.iter().any(|(n, _, _)| *n == name);
    Property {
        name: name.to_owned(),
        r#type: ptype.to_owned(),
        field_type: Some(field_type.to_owned()),
        label: Some(label.to_owned()),
        description: Some(String::new()),
        group_name: Some(group.to_owned()),
        options: Some(Vec::new()),
        display_order: Some(-1),
        calculated: Some(false),
        external_options: Some(false),
        has_unique_value: Some(false),
        hidden: Some(false),
        hubspot_defined: Some(true),
        modification_metadata: Some(metadata(read_only)),
        form_field: Some(!read_only),
        archived: Some(false),
        created_at: Some(now.to_owned()),
        updated_at: Some(now.to_owned()),
        data_sensitivity: Some("non_sensitive".into()),
        ..Property::default()
    }
}

/// A few of HubSpot's own writable properties per object: `(name, type, label)`.
fn own_properties(
    object: &StandardObject,
) -> &'static [(&'static str, &'static str, &'static str)] {
    match object.name {
        "contacts" => &[
            ("email", "string", "Email"),
            ("firstname", "string", "First Name"),
            ("lastname", "string", "Last Name"),
            ("phone", "string", "Phone Number"),
        ],
        "companies" => &[
            ("domain", "string", "Company Domain Name"),
            ("name", "string", "Company name"),
            ("numberofemployees", "number", "Number of Employees"),
        ],
        "deals" => &[
            ("amount", "number", "Amount"),
            ("closedate", "datetime", "Close Date"),
            ("dealname", "string", "Deal Name"),
        ],
        "tickets" => &[
            ("content", "string", "Ticket description"),
            ("hs_ticket_category", "string", "Category"),
            ("hs_ticket_priority", "string", "Priority"),
            ("subject", "string", "Ticket name"),
        ],
        "products" => &[
            ("description", "string", "Description"),
            ("name", "string", "Name"),
            ("price", "number", "Unit price"),
        ],
        "line_items" => &[
            ("amount", "number", "Net price"),
            ("hs_product_id", "number", "Product ID"),
            ("name", "string", "Name"),
            ("price", "number", "Unit price"),
            ("quantity", "number", "Quantity"),
        ],
        "quotes" => &[
            ("hs_expiration_date", "datetime", "Expiration date"),
            ("hs_title", "string", "Quote name"),
        ],
        _ => &[("hs_timestamp", "datetime", "Activity date")],
    }
}

/// An enumeration whose values come from the Pipelines API, as HubSpot lists
/// `pipeline`/`dealstage`: `externalOptions: true`, no options.
fn pipeline_property(name: &str, label: &str, group: &str, now: &str) -> Property {
    Property {
        external_options: Some(true),
        ..hubspot_property(name, "enumeration", label, group, now)
    }
}

/// The HubSpot-set properties a standard object always has, for `object`.
pub(crate) fn hubspot_set_properties(object: &StandardObject, now: &str) -> Vec<Property> {
    let group = format!("{}information", object.singular.replace('_', ""));
    HUBSPOT_SET
        .iter()
        .map(|(name, ptype, label)| hubspot_property(name, ptype, label, &group, now))
        .collect()
}

/// The schema a fresh account has for `object`, properties sorted by name.
pub(crate) fn built_in_schema(object: &StandardObject, now: &str) -> ObjectSchema {
    let group = format!("{}information", object.singular.replace('_', ""));
    let mut properties = hubspot_set_properties(object, now);
    for (name, ptype, label) in own_properties(object) {
        properties.push(hubspot_property(name, ptype, label, &group, now));
    }
    if let Some((pipeline, stage)) = object.pipeline_properties {
        properties.push(pipeline_property(pipeline, "Pipeline", &group, now));
        let stage_label = if object.name == "deals" {
            "Deal Stage"
        } else {
            "Ticket status"
        };
        properties.push(pipeline_property(stage, stage_label, &group, now));
    }
    properties.sort_by(|a, b| a.name.cmp(&b.name));
    ObjectSchema {
        name: object.name.to_owned(),
        object_type_id: Some(object.type_id.to_owned()),
        labels: Some(ObjectTypeDefinitionLabels {
            singular: Some(object.label_singular.to_owned()),
            plural: Some(object.label_plural.to_owned()),
            extra: Default::default(),
        }),
        properties: Some(properties),
        pipelines: default_pipelines(object, now),
        ..ObjectSchema::default()
    }
}

/// Every standard object's built-in schema, in table order.
pub(crate) fn built_in_schemas(now: &str) -> Vec<ObjectSchema> {
    STANDARD_OBJECTS
        .iter()
        .map(|o| built_in_schema(o, now))
        .collect()
}

fn stage(id: &str, label: &str, order: i64, metadata: &[(&str, &str)], now: &str) -> PipelineStage {
    PipelineStage {
        id: id.to_owned(),
        label: Some(label.to_owned()),
        display_order: Some(order),
        metadata: Some(
            metadata
                .iter()
                .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
                .collect::<BTreeMap<_, _>>(),
        ),
        archived: Some(false),
        created_at: Some(now.to_owned()),
        updated_at: Some(now.to_owned()),
        write_permissions: Some("CRUD_ALL".into()),
        ..PipelineStage::default()
    }
}

/// HubSpot's default pipeline of a fresh account: deals' `default` (Sales Pipeline) and
/// tickets' `0` (Support Pipeline).
fn default_pipelines(object: &StandardObject, now: &str) -> Option<Vec<Pipeline>> {
    let (id, label, stages) = match object.name {
        "deals" => {
            let deal = |id, label, order, probability, closed| {
                stage(
                    id,
                    label,
                    order,
                    &[("isClosed", closed), ("probability", probability)],
                    now,
                )
            };
            (
                "default",
                "Sales Pipeline",
                vec![
                    deal(
                        "appointmentscheduled",
                        "Appointment Scheduled",
                        0,
                        "0.2",
                        "false",
                    ),
                    deal("qualifiedtobuy", "Qualified To Buy", 1, "0.4", "false"),
                    deal(
                        "presentationscheduled",
                        "Presentation Scheduled",
                        2,
                        "0.6",
                        "false",
                    ),
                    deal(
                        "decisionmakerboughtin",
                        "Decision Maker Bought-In",
                        3,
                        "0.8",
                        "false",
                    ),
                    deal("contractsent", "Contract Sent", 4, "0.9", "false"),
                    deal("closedwon", "Closed Won", 5, "1.0", "true"),
                    deal("closedlost", "Closed Lost", 6, "0.0", "true"),
                ],
            )
        }
        "tickets" => {
            let ticket = |id, label, order, state, closed| {
                stage(
                    id,
                    label,
                    order,
                    &[("isClosed", closed), ("ticketState", state)],
                    now,
                )
            };
            (
                "0",
                "Support Pipeline",
                vec![
                    ticket("1", "New", 0, "OPEN", "false"),
                    ticket("2", "Waiting on contact", 1, "OPEN", "false"),
                    ticket("3", "Waiting on us", 2, "OPEN", "false"),
                    ticket("4", "Closed", 3, "CLOSED", "true"),
                ],
            )
        }
        _ => return None,
    };
    Some(vec![Pipeline {
        id: id.to_owned(),
        label: Some(label.to_owned()),
        display_order: Some(0),
        stages,
        archived: Some(false),
        created_at: Some(now.to_owned()),
        updated_at: Some(now.to_owned()),
        ..Pipeline::default()
    }])
}

/// Fold a seeded standard object into its table entry: it keeps (or gets) the `0-x`
/// id and the labels, gains the HubSpot-set properties it does not list, and keeps the
/// built-in pipelines when the snapshot carries none.
pub(crate) fn complete_seeded(
    mut schema: ObjectSchema,
    object: &StandardObject,
    built_in: Option<&ObjectSchema>,
    now: &str,
) -> ObjectSchema {
    schema.name = object.name.to_owned();
    schema.object_type_id = Some(object.type_id.to_owned());
    if schema.labels.is_none() {
        schema.labels = built_in.and_then(|b| b.labels.clone());
    }
    let properties = schema.properties.get_or_insert_with(Vec::new);
    for property in hubspot_set_properties(object, now) {
        if !properties.iter().any(|p| p.name == property.name) {
            properties.push(property);
        }
    }
    if schema.pipelines.is_none() {
        schema.pipelines = built_in.and_then(|b| b.pipelines.clone());
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_id_api_name_and_singular() {
        assert_eq!(lookup("0-1").map(|o| o.name), Some("contacts"));
        assert_eq!(lookup("DEALS").map(|o| o.type_id), Some("0-3"));
        assert_eq!(lookup("line_item").map(|o| o.type_id), Some("0-8"));
        assert!(lookup("cars").is_none());
        assert!(lookup("0-4").is_none());
    }

    #[test]
    fn built_in_deals_have_the_default_pipeline_and_hubspot_set_properties() {
        let deals = built_in_schema(lookup("deals").unwrap(), "2024-01-01T00:00:00.000Z");
        let pipelines = deals.pipelines.unwrap();
        assert_eq!(pipelines[0].id, "default");
        assert_eq!(pipelines[0].stages.len(), 7);
        assert_eq!(
            pipelines[0].stages[0].metadata.as_ref().unwrap()["probability"],
            "0.2"
        );
        let names: Vec<&str> = deals
            .properties
            .iter()
            .flatten()
            .map(|p| p.name.as_str())
            .collect();
        for wanted in [
            "hs_object_id",
            "createdate",
            "hs_lastmodifieddate",
            "dealstage",
        ] {
            assert!(names.contains(&wanted), "{wanted} in {names:?}");
        }
        assert!(
            built_in_schema(lookup("contacts").unwrap(), "x")
                .pipelines
                .is_none()
        );
    }
}
