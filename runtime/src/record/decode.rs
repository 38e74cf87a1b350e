//! The `Deserialize` impls of [`Record`] and [`RecordPage`], written out so that a page
//! is decoded in place.
//!
//! A generated struct with 1,000 properties is 20 KB. Derived impls return every value
//! by value, so each record was default-initialised, then copied from the properties
//! visitor to the record visitor, into the record, and into the page's `Vec` (which
//! also copied every record each time it grew). Here a page reserves room for a full
//! page up front and decodes each record into its slot: `Record::deserialize_in_place`
//! hands the slot's `properties` to `T::deserialize_in_place`, which generated structs
//! implement with [`deserialize_object_in_place`](crate::value::deserialize_object_in_place).
//!
//! Field semantics are those of the derives they replace: camelCase names, unknown
//! fields ignored, a repeated field an error, `id`, `properties` and `results`
//! required, the rest defaulting when missing.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use jiff::Timestamp;
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use super::{Associations, Record, RecordPage, lenient};

/// Records a page reserves room for before its first record: HubSpot's largest list
/// page (search pages can hold 200; they grow once).
const PAGE_CAPACITY: usize = 100;

/// Record fields as they are named in JSON, in [`RecordField`] order.
const RECORD_FIELDS: &[&str] = &[
    "id",
    "properties",
    "createdAt",
    "updatedAt",
    "archivedAt",
    "archived",
    "associations",
];

/// Page fields as they are named in JSON, in [`PageField`] order.
const PAGE_FIELDS: &[&str] = &["results", "paging", "total"];

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Record<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Record", RECORD_FIELDS, RecordVisitor(PhantomData))
    }

    /// Decodes into `place`, reusing its `properties` through
    /// `T::deserialize_in_place`. Fields missing from the input are reset to their
    /// defaults, so the result is the same as `deserialize`'s.
    fn deserialize_in_place<D: Deserializer<'de>>(
        deserializer: D,
        place: &mut Self,
    ) -> Result<(), D::Error> {
        deserializer.deserialize_struct("Record", RECORD_FIELDS, RecordInPlace(place))
    }
}

/// Decoding a page needs `T: Default` for the slot each record is decoded into.
impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for RecordPage<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut page = RecordPage::default();
        Self::deserialize_in_place(deserializer, &mut page)?;
        Ok(page)
    }

    /// Decodes into `place`; its `results` are cleared first and their allocation
    /// reused.
    fn deserialize_in_place<D: Deserializer<'de>>(
        deserializer: D,
        place: &mut Self,
    ) -> Result<(), D::Error> {
        deserializer.deserialize_struct("RecordPage", PAGE_FIELDS, PageInPlace(place))
    }
}

/// Which record field a key names.
#[derive(Clone, Copy)]
enum RecordField {
    Id,
    Properties,
    CreatedAt,
    UpdatedAt,
    ArchivedAt,
    Archived,
    Associations,
    Other,
}

impl RecordField {
    fn from_name(name: &[u8]) -> Self {
        match name {
            b"id" => Self::Id,
            b"properties" => Self::Properties,
            b"createdAt" => Self::CreatedAt,
            b"updatedAt" => Self::UpdatedAt,
            b"archivedAt" => Self::ArchivedAt,
            b"archived" => Self::Archived,
            b"associations" => Self::Associations,
            _ => Self::Other,
        }
    }
}

/// Which page field a key names.
#[derive(Clone, Copy)]
enum PageField {
    Results,
    Paging,
    Total,
    Other,
}

impl PageField {
    fn from_name(name: &[u8]) -> Self {
        match name {
            b"results" => Self::Results,
            b"paging" => Self::Paging,
            b"total" => Self::Total,
            _ => Self::Other,
        }
    }
}

/// A map key, matched without allocating.
struct Key<F>(F);

struct KeyVisitor<F>(PhantomData<F>);

/// `Deserialize` for `Key<$field>`, through `$field::from_name`.
macro_rules! key_visitor {
    ($field:ty) => {
        impl<'de> Deserialize<'de> for Key<$field> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_identifier(KeyVisitor::<$field>(PhantomData))
            }
        }

        impl Visitor<'_> for KeyVisitor<$field> {
            type Value = Key<$field>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(<$field>::from_name(v.as_bytes())))
            }

            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
                Ok(Key(<$field>::from_name(v)))
            }
        }
    };
}

key_visitor!(RecordField);
key_visitor!(PageField);

/// Which fields a map had, to reject a repeated one and default the missing ones.
#[derive(Default)]
struct Seen(u8);

impl Seen {
    /// Marks field number `index`; an error naming it when it was already seen.
    fn mark<E: de::Error>(&mut self, index: usize, names: &[&'static str]) -> Result<(), E> {
        let bit = 1 << index;
        if self.0 & bit != 0 {
            return Err(E::duplicate_field(names[index]));
        }
        self.0 |= bit;
        Ok(())
    }

    fn has(&self, index: usize) -> bool {
        self.0 & (1 << index) != 0
    }
}

/// Where a record's fields other than `properties` are decoded to.
struct RecordFields<'a> {
    id: &'a mut String,
    created_at: &'a mut Option<Timestamp>,
    updated_at: &'a mut Option<Timestamp>,
    archived_at: &'a mut Option<Timestamp>,
    archived: &'a mut bool,
    associations: &'a mut BTreeMap<String, Associations>,
}

/// Decode a record's map into `fields`, handing the `properties` value to
/// `properties`. Fields the map lacks are reset to their defaults.
fn read_record<'de, A: MapAccess<'de>>(
    map: &mut A,
    fields: RecordFields<'_>,
    mut properties: impl FnMut(&mut A) -> Result<(), A::Error>,
) -> Result<(), A::Error> {
    let mut seen = Seen::default();
    while let Some(Key(field)) = map.next_key::<Key<RecordField>>()? {
        if !matches!(field, RecordField::Other) {
            seen.mark(field as usize, RECORD_FIELDS)?;
        }
        match field {
            RecordField::Id => *fields.id = map.next_value::<Id>()?.0,
            RecordField::Properties => properties(map)?,
            RecordField::CreatedAt => *fields.created_at = map.next_value::<Stamp>()?.0,
            RecordField::UpdatedAt => *fields.updated_at = map.next_value::<Stamp>()?.0,
            RecordField::ArchivedAt => *fields.archived_at = map.next_value::<Stamp>()?.0,
            RecordField::Archived => *fields.archived = map.next_value::<OrDefault<_>>()?.0,
            RecordField::Associations => {
                *fields.associations = map.next_value::<OrDefault<_>>()?.0;
            }
            RecordField::Other => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    for required in [RecordField::Id, RecordField::Properties] {
        if !seen.has(required as usize) {
            return Err(de::Error::missing_field(RECORD_FIELDS[required as usize]));
        }
    }
    if !seen.has(RecordField::CreatedAt as usize) {
        *fields.created_at = None;
    }
    if !seen.has(RecordField::UpdatedAt as usize) {
        *fields.updated_at = None;
    }
    if !seen.has(RecordField::ArchivedAt as usize) {
        *fields.archived_at = None;
    }
    if !seen.has(RecordField::Archived as usize) {
        *fields.archived = false;
    }
    if !seen.has(RecordField::Associations as usize) {
        fields.associations.clear();
    }
    Ok(())
}

/// Decodes a new record.
struct RecordVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for RecordVisitor<T> {
    type Value = Record<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct Record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<T>, A::Error> {
        let mut id = String::new();
        let mut properties = None;
        let (mut created_at, mut updated_at, mut archived_at) = (None, None, None);
        let mut archived = false;
        let mut associations = BTreeMap::new();
        read_record(
            &mut map,
            RecordFields {
                id: &mut id,
                created_at: &mut created_at,
                updated_at: &mut updated_at,
                archived_at: &mut archived_at,
                archived: &mut archived,
                associations: &mut associations,
            },
            |map| {
                properties = Some(map.next_value()?);
                Ok(())
            },
        )?;
        Ok(Record {
            id,
            properties: properties.ok_or_else(|| de::Error::missing_field("properties"))?,
            created_at,
            updated_at,
            archived_at,
            archived,
            associations,
        })
    }
}

/// Decodes into an existing record.
struct RecordInPlace<'a, T>(&'a mut Record<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for RecordInPlace<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct Record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Record {
            id,
            properties,
            created_at,
            updated_at,
            archived_at,
            archived,
            associations,
        } = self.0;
        read_record(
            &mut map,
            RecordFields {
                id,
                created_at,
                updated_at,
                archived_at,
                archived,
                associations,
            },
            |map| map.next_value_seed(InPlace(&mut *properties)),
        )
    }
}

/// Decodes into an existing page.
struct PageInPlace<'a, T>(&'a mut RecordPage<T>);

impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for PageInPlace<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct RecordPage")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let page = self.0;
        let mut seen = Seen::default();
        while let Some(Key(field)) = map.next_key::<Key<PageField>>()? {
            if !matches!(field, PageField::Other) {
                seen.mark(field as usize, PAGE_FIELDS)?;
            }
            match field {
                PageField::Results => map.next_value_seed(Results(&mut page.results))?,
                PageField::Paging => page.paging = map.next_value()?,
                PageField::Total => page.total = map.next_value()?,
                PageField::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !seen.has(PageField::Results as usize) {
            return Err(de::Error::missing_field("results"));
        }
        if !seen.has(PageField::Paging as usize) {
            page.paging = None;
        }
        if !seen.has(PageField::Total as usize) {
            page.total = None;
        }
        Ok(())
    }
}

/// Decodes a page's `results` into its `Vec`, each record in its slot.
struct Results<'a, T>(&'a mut Vec<Record<T>>);

impl<'de, T: Deserialize<'de> + Default> DeserializeSeed<'de> for Results<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for Results<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let results = self.0;
        results.clear();
        results.reserve(seq.size_hint().unwrap_or(PAGE_CAPACITY).min(PAGE_CAPACITY));
        loop {
            results.push(Record::default());
            let slot = results.last_mut().expect("a record was just pushed");
            match seq.next_element_seed(InPlace(slot)) {
                Ok(Some(())) => {}
                Ok(None) => {
                    results.pop();
                    return Ok(());
                }
                Err(error) => {
                    results.pop();
                    return Err(error);
                }
            }
        }
    }
}

/// `T::deserialize_in_place` as a seed.
struct InPlace<'a, T>(&'a mut T);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for InPlace<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        T::deserialize_in_place(deserializer, self.0)
    }
}

/// A record id, through [`lenient::string`].
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::string(deserializer).map(Id)
    }
}

/// An optional timestamp, through [`lenient::timestamp`].
struct Stamp(Option<Timestamp>);

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::timestamp::deserialize(deserializer).map(Stamp)
    }
}

/// A value with `null` read as its default, through [`lenient::null_as_default`].
struct OrDefault<T>(T);

impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for OrDefault<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::null_as_default(deserializer).map(OrDefault)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::record::{AssociatedId, NextPage};

    type Untyped = HashMap<String, Option<String>>;

    const BODIES: &[&str] = &[
        r#"{"id": "7", "properties": {}}"#,
        r#"{"properties": {"a": "1"}, "id": 8, "archived": null, "associations": null,
            "createdAt": null, "updatedAt": "", "url": "x", "propertiesWithHistory": {}}"#,
        r#"{"id": "9", "properties": {"a": null, "b": ""}, "createdAt": "2024-05-03T12:00:00Z",
            "updatedAt": "1714737600000", "archivedAt": "2024-05-04T12:00:00.000+02:00",
            "archived": true,
            "associations": {"contacts": {"results": [{"id": 201, "type": "t"}]}}}"#,
    ];

    /// A record with every field set, so that an in-place decode that forgets to
    /// reset a field shows.
    fn dirty() -> Record<Untyped> {
        let noon: Timestamp = "2020-01-01T12:00:00Z".parse().unwrap();
        Record {
            id: "old".to_owned(),
            properties: HashMap::from([("stale".to_owned(), Some("x".to_owned()))]),
            created_at: Some(noon),
            updated_at: Some(noon),
            archived_at: Some(noon),
            archived: true,
            associations: BTreeMap::from([("deals".to_owned(), Associations::default())]),
        }
    }

    fn in_place<'de, T: Deserialize<'de>>(body: &'de str, place: &mut T) -> serde_json::Result<()> {
        let mut deserializer = serde_json::Deserializer::from_str(body);
        T::deserialize_in_place(&mut deserializer, place)?;
        deserializer.end()
    }

    #[test]
    fn a_record_decoded_in_place_equals_one_decoded_by_value() {
        for body in BODIES {
            let by_value: Record<Untyped> = serde_json::from_str(body).unwrap();
            let mut place = dirty();
            in_place(body, &mut place).unwrap();
            assert_eq!(place, by_value, "{body}");
            let mut fresh = Record::default();
            in_place(body, &mut fresh).unwrap();
            assert_eq!(fresh, by_value, "{body}");
        }
        let third: Record<Untyped> = serde_json::from_str(BODIES[2]).unwrap();
        assert_eq!(third.id, "9");
        assert!(third.archived);
        assert_eq!(third.properties["a"], None);
        assert_eq!(third.properties["b"].as_deref(), Some(""));
        assert_eq!(
            third.archived_at,
            Some("2024-05-04T10:00:00Z".parse().unwrap())
        );
        assert_eq!(
            third.associations["contacts"].results,
            [AssociatedId {
                id: "201".to_owned(),
                association_type: "t".to_owned()
            }]
        );
    }

    #[test]
    fn missing_and_repeated_fields_are_errors_either_way() {
        for (body, message) in [
            (
                r#"{"properties": {}}"#,
                "missing field `id` at line 1 column 18",
            ),
            (
                r#"{"id": "1"}"#,
                "missing field `properties` at line 1 column 11",
            ),
            (
                r#"{"id": "1", "id": "2", "properties": {}}"#,
                "duplicate field `id` at line 1 column 16",
            ),
            (
                r#"{"id": "1", "properties": {}, "archived": true, "archived": false}"#,
                "duplicate field `archived` at line 1 column 58",
            ),
            (
                r#"{"id": "1", "properties": []}"#,
                "invalid type: sequence, expected a map at line 1 column 26",
            ),
            (
                r#"["1", {}]"#,
                "invalid type: sequence, expected struct Record at line 1 column 1",
            ),
        ] {
            let error = serde_json::from_str::<Record<Untyped>>(body).unwrap_err();
            assert_eq!(error.to_string(), message, "{body}");
            let error = in_place(body, &mut dirty()).unwrap_err();
            assert_eq!(error.to_string(), message, "{body}");
        }
    }

    fn page_body(ids: impl Iterator<Item = usize>, tail: &str) -> String {
        let records: Vec<String> = ids
            .map(|id| format!(r#"{{"id": "{id}", "properties": {{"n": "{id}"}}}}"#))
            .collect();
        format!(r#"{{"results": [{}]{tail}}}"#, records.join(", "))
    }

    #[test]
    fn a_page_reserves_a_full_page_and_grows_past_it() {
        for count in [0, 1, 100, 201] {
            let body = page_body(1..=count, r#", "total": 500"#);
            let page: RecordPage<Untyped> = serde_json::from_str(&body).unwrap();
            assert_eq!(page.results.len(), count);
            if count > 0 {
                assert!(page.results.capacity() >= PAGE_CAPACITY);
            }
            for (index, record) in page.results.iter().enumerate() {
                let id = (index + 1).to_string();
                assert_eq!(record.properties["n"].as_deref(), Some(id.as_str()));
                assert_eq!(record.id, id);
            }
            assert_eq!(page.total, Some(500));
            assert_eq!(page.paging, None);
        }
    }

    #[test]
    fn a_page_decoded_in_place_replaces_everything() {
        let mut page: RecordPage<Untyped> = serde_json::from_str(&page_body(
            1..=3,
            r#", "paging": {"next": {"after": "4"}}, "total": 9"#,
        ))
        .unwrap();
        assert_eq!(
            page.paging.as_ref().unwrap().next,
            Some(NextPage {
                after: "4".to_owned(),
                link: None
            })
        );
        in_place(&page_body(7..=8, ""), &mut page).unwrap();
        let ids: Vec<&str> = page.results.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["7", "8"]);
        assert_eq!(page.paging, None);
        assert_eq!(page.total, None);
        assert_eq!(page, serde_json::from_str(&page_body(7..=8, "")).unwrap());
    }

    #[test]
    fn page_errors_name_the_field_and_position() {
        for (body, message) in [
            (
                r#"{"total": 0}"#,
                "missing field `results` at line 1 column 12",
            ),
            (
                r#"{"results": [], "results": []}"#,
                "duplicate field `results` at line 1 column 25",
            ),
            (
                r#"{"results": [{"id": "1", "properties": {}}, {"id": "2"}]}"#,
                "missing field `properties` at line 1 column 55",
            ),
            (
                r#"{"results": {}}"#,
                "invalid type: map, expected a list of records at line 1 column 12",
            ),
        ] {
            let error = serde_json::from_str::<RecordPage<Untyped>>(body).unwrap_err();
            assert_eq!(error.to_string(), message, "{body}");
        }
    }
}
