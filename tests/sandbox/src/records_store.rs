//! The sandbox's stored records and associations (`State::records`), and how a record
//! is rendered as HubSpot returns it: values as strings, the properties asked for
//! (missing ones as `null`), `createdAt`/`updatedAt`/`archived`, associations.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value, json};

/// One stored record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredRecord {
    pub id: u64,
    /// Every value as a string; `hs_object_id`, `hs_createdate` and
    /// `hs_lastmodifieddate` are set by the sandbox. Cleared values are removed.
    pub properties: BTreeMap<String, String>,
    pub created_at: String,
    pub updated_at: String,
    pub archived_at: Option<String>,
}

impl StoredRecord {
    pub fn archived(&self) -> bool {
        self.archived_at.is_some()
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.properties
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// One association between two records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredAssociation {
    pub from_type: String,
    pub from_id: String,
    pub to_type: String,
    pub to_id: String,
    pub type_id: String,
    pub label: String,
}

/// Every record of the account.
#[derive(Debug, Default)]
pub(crate) struct RecordStore {
    next_id: u64,
    /// Records by object type id, by id (so lists come in id order).
    pub objects: HashMap<String, BTreeMap<u64, StoredRecord>>,
    pub associations: Vec<StoredAssociation>,
    /// How many records were created, by any route: tests assert no create was
    /// repeated.
    pub creates: u64,
}

/// Where record ids start (HubSpot's are large numbers).
const FIRST_RECORD_ID: u64 = 30_000_000_001;

impl RecordStore {
    /// Store a new record with these (checked) values; returns its id.
    pub fn insert(
        &mut self,
        object_type: &str,
        values: BTreeMap<String, String>,
        now: &str,
    ) -> u64 {
        if self.next_id == 0 {
            self.next_id = FIRST_RECORD_ID;
        }
        let id = self.next_id;
        self.next_id += 1;
        self.creates += 1;
        let mut properties: BTreeMap<String, String> =
            values.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        properties.insert("hs_object_id".into(), id.to_string());
        properties.insert("hs_createdate".into(), now.to_owned());
        properties.insert("hs_lastmodifieddate".into(), now.to_owned());
        if crate::standard_objects::is_standard_type_id(object_type) {
            // Standard objects also carry HubSpot's older timestamp names; a create may
            // set `createdate` itself (imports do).
            properties
                .entry("createdate".into())
                .or_insert_with(|| now.to_owned());
            properties.insert("lastmodifieddate".into(), now.to_owned());
        }
        self.objects
            .entry(object_type.to_owned())
            .or_default()
            .insert(
                id,
                StoredRecord {
                    id,
                    properties,
                    created_at: now.to_owned(),
                    updated_at: now.to_owned(),
                    archived_at: None,
                },
            );
        id
    }

    pub fn records(&self, object_type: &str) -> impl Iterator<Item = &StoredRecord> {
        self.objects
            .get(object_type)
            .into_iter()
            .flat_map(|m| m.values())
    }

    /// A record by id or by a unique property's value, live or archived as asked.
    pub fn find(
        &self,
        object_type: &str,
        key: &str,
        id_property: Option<&str>,
        archived: bool,
    ) -> Option<u64> {
        let by = id_property.unwrap_or("hs_object_id");
        if by == "hs_object_id" {
            // The record id itself: a map lookup, not a scan (bulk reads of many ids).
            let id = key.parse::<u64>().ok().filter(|id| id.to_string() == key)?;
            return self
                .get(object_type, id)
                .filter(|r| r.archived() == archived)
                .map(|r| r.id);
        }
        self.records(object_type)
            .find(|r| r.archived() == archived && r.value(by) == Some(key))
            .map(|r| r.id)
    }

    pub fn get_mut(&mut self, object_type: &str, id: u64) -> Option<&mut StoredRecord> {
        self.objects.get_mut(object_type)?.get_mut(&id)
    }

    pub fn get(&self, object_type: &str, id: u64) -> Option<&StoredRecord> {
        self.objects.get(object_type)?.get(&id)
    }

    /// Another live record (not `except`) that holds `value` in `property`.
    pub fn holder_of(
        &self,
        object_type: &str,
        property: &str,
        value: &str,
        except: Option<u64>,
    ) -> Option<u64> {
        self.records(object_type)
            .find(|r| !r.archived() && Some(r.id) != except && r.value(property) == Some(value))
            .map(|r| r.id)
    }

    /// Apply checked values: `""` removes a value.
    pub fn apply(record: &mut StoredRecord, values: BTreeMap<String, String>, now: &str) {
        for (name, value) in values {
            if value.is_empty() {
                record.properties.remove(&name);
            } else {
                record.properties.insert(name, value);
            }
        }
        record.updated_at = now.to_owned();
        record
            .properties
            .insert("hs_lastmodifieddate".into(), now.to_owned());
        if record.properties.contains_key("lastmodifieddate") {
            record
                .properties
                .insert("lastmodifieddate".into(), now.to_owned());
        }
    }
}

/// The properties a custom object read returns when none are asked for (HubSpot's
/// defaults).
pub(crate) const DEFAULT_PROPERTIES: &[&str] =
    &["hs_createdate", "hs_lastmodifieddate", "hs_object_id"];

/// The properties a read of this object returns when none are asked for: a standard
/// object's own defaults (`email`, `firstname`, … on contacts), else
/// `DEFAULT_PROPERTIES`.
pub(crate) fn default_properties(schema: &hubspot_runtime::schema::ObjectSchema) -> Vec<String> {
    let standard = schema
        .object_type_id
        .as_deref()
        .and_then(crate::standard_objects::lookup);
    standard
        .map_or(DEFAULT_PROPERTIES, |o| o.default_properties)
        .iter()
        .map(|p| (*p).to_owned())
        .collect()
}

/// A record as HubSpot returns it, with `properties` (the asked ones as value or `null`;
/// `None` means every stored value).
pub(crate) fn render(record: &StoredRecord, properties: Option<&[String]>) -> Value {
    let mut props = Map::new();
    match properties {
        Some(names) => {
            for name in names {
                props.insert(
                    name.clone(),
                    record
                        .value(name)
                        .map_or(Value::Null, |v| Value::String(v.to_owned())),
                );
            }
        }
        None => {
            for (name, value) in &record.properties {
                props.insert(name.clone(), Value::String(value.clone()));
            }
        }
    }
    let mut body = json!({
        "id": record.id.to_string(),
        "properties": props,
        "createdAt": record.created_at,
        "updatedAt": record.updated_at,
        "archived": record.archived(),
    });
    if let Some(at) = &record.archived_at {
        body["archivedAt"] = json!(at);
    }
    body
}
