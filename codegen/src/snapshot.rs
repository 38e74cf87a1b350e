//! The snapshot file format: normalization and serialization.
//!
//! A snapshot is the body of `GET /crm-object-schemas/v3/schemas` (`{"results":[…]}`),
//! written so that it diffs well in review: objects sorted by `name`, properties by
//! `name`, associations by `id` (all by the bytes of HubSpot's strings), enumeration
//! options left in HubSpot's order (that order is meaningful: it is the order users see),
//! 2-space pretty JSON with a trailing newline. Nothing HubSpot sent is dropped: the
//! models keep unknown fields in `extra` and they are written back out.
//!
//! Reading snapshots lives in [`crate::source`].

use hubspot_runtime::schema::ObjectSchema;

/// Sort `schemas` into snapshot order, in place: objects by `name`, each object's
/// properties by `name` and associations by `id`. Options keep HubSpot's order. The
/// sorts are stable, so duplicates (which HubSpot does not produce) keep their order.
pub fn normalize(schemas: &mut [ObjectSchema]) {
    // `str`'s `Ord` is byte order, which is what DESIGN.md asks for (not locale order).
    schemas.sort_by(|a, b| a.name.cmp(&b.name));
    for schema in schemas.iter_mut() {
        if let Some(properties) = &mut schema.properties {
            properties.sort_by(|a, b| a.name.cmp(&b.name));
        }
        if let Some(associations) = &mut schema.associations {
            associations.sort_by(|a, b| a.id.cmp(&b.id));
        }
    }
}

/// Whether `schemas` are in [`normalize`]'s order already.
fn is_normalized(schemas: &[ObjectSchema]) -> bool {
    schemas.is_sorted_by(|a, b| a.name <= b.name)
        && schemas.iter().all(|schema| {
            schema
                .properties
                .as_deref()
                .is_none_or(|properties| properties.is_sorted_by(|a, b| a.name <= b.name))
                && schema
                    .associations
                    .as_deref()
                    .is_none_or(|associations| associations.is_sorted_by(|a, b| a.id <= b.id))
        })
}

/// The normalized snapshot text of `schemas`: `{"results":[…]}`, 2-space indented, with
/// a trailing newline. `schemas` is normalized on a copy when it is not in order
/// already (snapshots this tool wrote are); the input is not changed.
pub fn to_snapshot_string(schemas: &[ObjectSchema]) -> String {
    /// The snapshot's JSON shape, borrowing: what
    /// [`CollectionResponse`](hubspot_runtime::schema::CollectionResponse) writes when
    /// it has no `extra` fields, which a snapshot never has (tested).
    #[derive(serde::Serialize)]
    struct Snapshot<'a> {
        results: &'a [ObjectSchema],
    }
    let sorted;
    let results = if is_normalized(schemas) {
        schemas
    } else {
        let mut copy = schemas.to_vec();
        normalize(&mut copy);
        sorted = copy;
        &sorted
    };
    // The models hold only strings, numbers, bools and JSON values with string keys, so
    // serialization cannot fail; a failure would be a bug in the models.
    let mut text = serde_json::to_string_pretty(&Snapshot { results })
        .expect("schema models always serialize to JSON");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use hubspot_runtime::schema::{CollectionResponse, parse_schemas};

    const UNSORTED: &str = r#"{"results":[
      {"name":"zebra","properties":[{"name":"b","type":"string"},{"name":"a","type":"enumeration",
        "options":[{"value":"z","label":"Z"},{"value":"a","label":"A"}]}],
       "associations":[{"id":"20","fromObjectTypeId":"2-1","toObjectTypeId":"0-1"},
                       {"id":"10","fromObjectTypeId":"2-1","toObjectTypeId":"0-2"}],
       "metaType":"PORTAL_SPECIFIC","restorable":true},
      {"name":"Zed"},
      {"name":"apple","properties":[{"name":"x","type":"string","futureFlag":{"nested":[1,2]}}]}
    ]}"#;

    #[test]
    fn objects_properties_and_associations_are_sorted_by_bytes_options_are_not() {
        let mut schemas = parse_schemas(UNSORTED).unwrap();
        normalize(&mut schemas);
        let names: Vec<&str> = schemas.iter().map(|s| s.name.as_str()).collect();
        // Byte order: uppercase before lowercase.
        assert_eq!(names, ["Zed", "apple", "zebra"]);
        let zebra = &schemas[2];
        let props: Vec<&str> = zebra
            .properties
            .as_ref()
            .unwrap()
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(props, ["a", "b"]);
        let options: Vec<&str> = zebra.properties.as_ref().unwrap()[0]
            .options
            .as_ref()
            .unwrap()
            .iter()
            .map(|o| o.value.as_str())
            .collect();
        assert_eq!(options, ["z", "a"]);
        let ids: Vec<&str> = zebra
            .associations
            .as_ref()
            .unwrap()
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(ids, ["10", "20"]);
    }

    #[test]
    fn snapshot_text_is_pretty_lossless_and_stable() {
        let schemas = parse_schemas(UNSORTED).unwrap();
        let text = to_snapshot_string(&schemas);
        assert!(text.starts_with("{\n  \"results\": [\n    {\n      \"name\": \"Zed\""));
        assert!(text.ends_with("]\n}\n"), "{text}");
        // Unknown fields survive, at every level.
        assert!(text.contains("\"metaType\": \"PORTAL_SPECIFIC\""));
        assert!(text.contains("\"restorable\": true"));
        assert!(text.contains("\"futureFlag\": {\n"));
        // Writing the written snapshot again gives the same bytes.
        let again = to_snapshot_string(&parse_schemas(&text).unwrap());
        assert_eq!(text, again);
        // And it parses back to the normalized models exactly.
        let mut normalized = schemas.clone();
        normalize(&mut normalized);
        assert_eq!(parse_schemas(&text).unwrap(), normalized);
    }

    #[test]
    fn sorted_and_unsorted_input_give_the_collection_responses_text() {
        let unsorted = parse_schemas(UNSORTED).unwrap();
        let mut sorted = unsorted.clone();
        normalize(&mut sorted);
        assert!(!is_normalized(&unsorted) && is_normalized(&sorted));
        let response = CollectionResponse {
            results: sorted.clone(),
            extra: Default::default(),
        };
        let expected = serde_json::to_string_pretty(&response).unwrap() + "\n";
        assert_eq!(to_snapshot_string(&unsorted), expected);
        assert_eq!(to_snapshot_string(&sorted), expected);
    }

    #[test]
    fn empty_account_is_an_empty_results_list() {
        assert_eq!(to_snapshot_string(&[]), "{\n  \"results\": []\n}\n");
    }

    #[test]
    fn pipelines_stages_and_metadata_keep_hubspots_order_and_every_field() {
        let text = r#"{"results":[{"name":"deals","objectTypeId":"0-3",
          "properties":[{"name":"pipeline","type":"enumeration","externalOptions":true}],
          "pipelines":[
            {"id":"default","label":"Sales","displayOrder":1,"stages":[
              {"id":"closedwon","label":"Won","metadata":{"probability":"1.0","isClosed":"true"},
               "writePermissions":"CRUD_ALL","futureStageField":[1]},
              {"id":"appointmentscheduled","label":"Booked","metadata":{"isClosed":"false","probability":"0.2"}}],
             "futurePipelineField":{"x":true}},
            {"id":"2834565","label":"A renewals","displayOrder":0,"stages":[]}]}]}"#;
        let schemas = parse_schemas(text).unwrap();
        let written = to_snapshot_string(&schemas);
        let again = parse_schemas(&written).unwrap();
        // Lossless: the models read back equal, unknown fields included.
        assert_eq!(again, schemas);
        assert!(
            written.contains("\"futurePipelineField\": {\n"),
            "{written}"
        );
        assert!(written.contains("\"futureStageField\": [\n"), "{written}");
        // HubSpot's order, not sorted by id, label or displayOrder.
        let pipelines = again[0].pipelines.as_ref().unwrap();
        let ids: Vec<&str> = pipelines.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["default", "2834565"]);
        let stages: Vec<&str> = pipelines[0].stages.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(stages, ["closedwon", "appointmentscheduled"]);
        // Idempotent.
        assert_eq!(to_snapshot_string(&again), written);
    }

    #[test]
    fn snapshots_without_pipelines_are_written_as_before() {
        // No `pipelines` key appears where HubSpot sent none.
        let text = to_snapshot_string(&parse_schemas(UNSORTED).unwrap());
        assert!(!text.contains("pipelines"), "{text}");
    }
}
