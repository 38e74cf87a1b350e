//! [`Record<T>`]: a record as the CRM objects API returns it
//! (`SimplePublicObjectWithAssociations`), and [`RecordPage<T>`], one page of a list
//! or search response.
//!
//! `T` is the record's properties: a generated struct (`Record<Cars>`), or any other
//! serde type for untyped access (`Record<HashMap<String, Option<String>>>`,
//! `Record<serde_json::Value>`).
//!
//! ```
//! use std::collections::HashMap;
//! use hubspot_runtime::{Record, jiff::Timestamp};
//!
//! let body = r#"{
//!     "id": "512",
//!     "properties": {"vin": "1HGCM82633A004352", "price": null},
//!     "createdAt": "2024-05-01T09:30:00.000Z",
//!     "updatedAt": "2024-06-02T16:04:11.231Z",
//!     "archived": false
//! }"#;
//! let record: Record<HashMap<String, Option<String>>> = serde_json::from_str(body)?;
//! assert_eq!(record.id, "512");
//! assert_eq!(record.properties["vin"].as_deref(), Some("1HGCM82633A004352"));
//! assert_eq!(record.created_at, Some("2024-05-01T09:30:00Z".parse::<Timestamp>()?));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};

/// A record as the objects API returns it.
///
/// Reads HubSpot's camelCase fields; `propertiesWithHistory`, `url`,
/// `objectWriteTraceId` and other fields are ignored. Timestamps read ISO 8601 or epoch
/// milliseconds and write HubSpot's `2024-05-01T09:30:00.000Z` form.
///
/// `Deserialize` is written out (in `record/decode.rs`) rather than derived so that a page's
/// records are decoded in place: see [`RecordPage`].
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record<T> {
    /// The record id (`"512"`): HubSpot's `hs_object_id`, as a string.
    pub id: String,
    /// The record's properties, with the values that were asked for.
    pub properties: T,
    /// When the record was created.
    #[serde(
        serialize_with = "lenient::timestamp::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<Timestamp>,
    /// When the record was last updated.
    #[serde(
        serialize_with = "lenient::timestamp::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<Timestamp>,
    /// When the record was archived, for archived records.
    #[serde(
        serialize_with = "lenient::timestamp::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub archived_at: Option<Timestamp>,
    /// Whether the record is archived (`false` when HubSpot leaves it out).
    pub archived: bool,
    /// Associated record ids by target object type (`"contacts"`, `"p12345678_cars"`),
    /// when the request asked for `associations`; empty otherwise.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub associations: BTreeMap<String, Associations>,
}

/// The associated records of one target object type
/// (`CollectionResponseAssociatedId`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Associations {
    /// The associated records.
    #[serde(default, deserialize_with = "lenient::null_as_default")]
    pub results: Vec<AssociatedId>,
    /// Where more associations can be fetched, when there are more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
}

/// One associated record (`AssociatedId`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct AssociatedId {
    /// The associated record's id.
    #[serde(deserialize_with = "lenient::string")]
    pub id: String,
    /// The association type (HubSpot's `type`, e.g. `"car_to_contact"`).
    #[serde(rename = "type")]
    pub association_type: String,
}

/// One page of records: the body of a list (`GET /crm/v3/objects/{objectType}`) or
/// search response.
///
/// Decoding a page needs `T: Default`: each record is decoded in place in the page's
/// `results`, starting from a default record, because a generated struct with 1,000
/// properties is 20 KB and moving it through serde's layers cost more than decoding
/// the properties a record carries.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RecordPage<T> {
    /// The records of this page.
    pub results: Vec<Record<T>>,
    /// The cursor to the next page; `None` on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
    /// The number of matching records, which search responses include.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

impl<T> RecordPage<T> {
    /// The `after` cursor of the next page, to pass as the `after` query parameter;
    /// `None` on the last page.
    pub fn next_after(&self) -> Option<&str> {
        let next = self.paging.as_ref()?.next.as_ref()?;
        Some(&next.after)
    }
}

/// Paging cursors of a collection response (`ForwardPaging` / `Paging`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Paging {
    /// The next page, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<NextPage>,
    /// The previous page, in responses that page backwards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<PreviousPage>,
}

/// The cursor to the next page (`NextPage`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NextPage {
    /// The cursor token, for the `after` query parameter.
    pub after: String,
    /// A URL of the next page, when HubSpot sends one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// The cursor to the previous page (`PreviousPage`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PreviousPage {
    /// The cursor token, for the `before` query parameter.
    pub before: String,
    /// A URL of the previous page, when HubSpot sends one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

mod decode;

/// Field codecs that accept what HubSpot and hand-made JSON send.
mod lenient {
    use super::*;
    use crate::value::{PropertyValue, RawValue};
    use serde::Serializer;
    use serde::de::Error as _;

    /// An id: a string, or a number as its text (HubSpot's v4 APIs send numeric ids).
    pub(super) fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
        match RawValue::deserialize(deserializer)? {
            RawValue::Text(text) => Ok(text.into_owned()),
            RawValue::Null => Err(D::Error::custom("expected an id string, found null")),
            RawValue::Unsupported(what) => Err(D::Error::custom(format_args!(
                "expected an id string, found {what}"
            ))),
        }
    }

    /// `null` as the type's default (`false`, empty).
    pub(super) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Default,
    {
        Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
    }

    /// An optional timestamp through the `datetime` property codec: ISO 8601 or epoch
    /// milliseconds in, `2024-05-01T09:30:00.000Z` out; `null` and `""` are `None`.
    pub(super) mod timestamp {
        use super::*;

        pub(in super::super) fn serialize<S: Serializer>(
            value: &Option<Timestamp>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(timestamp) => serializer.serialize_str(&timestamp.encode()),
                None => serializer.serialize_none(),
            }
        }

        pub(in super::super) fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Timestamp>, D::Error> {
            let text = RawValue::deserialize(deserializer)?
                .into_text()
                .map_err(D::Error::custom)?;
            text.map(|text| Timestamp::decode(&text))
                .transpose()
                .map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    type Untyped = HashMap<String, Option<String>>;

    #[test]
    fn reads_a_minimal_record_with_defaults() {
        let record: Record<Untyped> =
            serde_json::from_str(r#"{"id": "7", "properties": {}}"#).unwrap();
        assert_eq!(
            record,
            Record {
                id: "7".to_owned(),
                ..Record::default()
            }
        );
    }

    #[test]
    fn reads_archived_record_with_associations() {
        let body = r#"{
            "id": 513,
            "properties": {"hs_object_id": "513"},
            "createdAt": "2024-05-03T12:00:00Z",
            "updatedAt": "1714737600000",
            "archived": true,
            "archivedAt": "2024-05-04T12:00:00.000+02:00",
            "propertiesWithHistory": {"vin": [{"value": "x", "timestamp": "2024-05-03T12:00:00Z", "sourceType": "API"}]},
            "url": "https://app.hubspot.com/contacts/1/record/2-2468013/513",
            "associations": {
                "contacts": {
                    "results": [{"id": "201", "type": "car_to_contact"}, {"id": 202, "type": "car_to_contact"}],
                    "paging": {"next": {"after": "MjAy", "link": "?after=MjAy"}}
                }
            }
        }"#;
        let record: Record<serde_json::Value> = serde_json::from_str(body).unwrap();
        assert_eq!(record.id, "513");
        assert_eq!(
            record.properties,
            serde_json::json!({"hs_object_id": "513"})
        );
        let noon: Timestamp = "2024-05-03T12:00:00Z".parse().unwrap();
        assert_eq!(record.created_at, Some(noon));
        assert_eq!(record.updated_at, Some(noon));
        assert_eq!(
            record.archived_at,
            Some("2024-05-04T10:00:00Z".parse().unwrap())
        );
        assert!(record.archived);
        let contacts = &record.associations["contacts"];
        assert_eq!(
            contacts.results,
            [
                AssociatedId {
                    id: "201".to_owned(),
                    association_type: "car_to_contact".to_owned()
                },
                AssociatedId {
                    id: "202".to_owned(),
                    association_type: "car_to_contact".to_owned()
                },
            ]
        );
        assert_eq!(
            contacts.paging,
            Some(Paging {
                next: Some(NextPage {
                    after: "MjAy".to_owned(),
                    link: Some("?after=MjAy".to_owned())
                }),
                prev: None
            })
        );
    }

    #[test]
    fn null_archived_and_associations_read_as_defaults() {
        let record: Record<Untyped> = serde_json::from_str(
            r#"{"id": "1", "properties": {}, "archived": null, "associations": null, "createdAt": null, "updatedAt": ""}"#,
        )
        .unwrap();
        assert!(!record.archived);
        assert!(record.associations.is_empty());
        assert_eq!(record.created_at, None);
        assert_eq!(record.updated_at, None);
    }

    #[test]
    fn bad_timestamp_and_missing_id_are_errors() {
        let error = serde_json::from_str::<Record<Untyped>>(
            r#"{"id": "1", "properties": {}, "createdAt": "yesterday"}"#,
        )
        .unwrap_err();
        assert!(
            error.to_string().starts_with(
                r#"invalid datetime value "yesterday": expected an ISO 8601 timestamp"#
            ),
            "{error}"
        );
        let error = serde_json::from_str::<Record<Untyped>>(r#"{"properties": {}}"#).unwrap_err();
        assert_eq!(error.to_string(), "missing field `id` at line 1 column 18");
        let error = serde_json::from_str::<Record<Untyped>>(r#"{"id": null, "properties": {}}"#)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "expected an id string, found null at line 1 column 11"
        );
    }

    #[test]
    fn writes_hubspot_shape() {
        let record = Record {
            id: "512".to_owned(),
            properties: serde_json::json!({"vin": "X"}),
            created_at: Some("2024-05-01T09:30:00Z".parse().unwrap()),
            ..Record::default()
        };
        assert_eq!(
            serde_json::to_string(&record).unwrap(),
            r#"{"id":"512","properties":{"vin":"X"},"createdAt":"2024-05-01T09:30:00.000Z","archived":false}"#
        );
    }

    #[test]
    fn page_next_after() {
        let page: RecordPage<Untyped> = serde_json::from_str(
            r#"{"results": [], "paging": {"next": {"after": "514", "link": "https://x/?after=514"}}}"#,
        )
        .unwrap();
        assert_eq!(page.next_after(), Some("514"));
        let last: RecordPage<Untyped> =
            serde_json::from_str(r#"{"results": [], "total": 0}"#).unwrap();
        assert_eq!(last.next_after(), None);
        assert_eq!(last.total, Some(0));
    }
}
