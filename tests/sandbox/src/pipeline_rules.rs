//! The pipeline rule of record writes: on an object with pipelines (deals:
//! `pipeline`/`dealstage`; tickets and custom objects: `hs_pipeline`/
//! `hs_pipeline_stage`) a record's stage must be a live stage of its pipeline. The
//! pipeline is the one written, else the record's stored one, else the object's default
//! (the pipeline with id `default`, or the first by display order), which is then
//! stored on the record as HubSpot does. Failures are HubSpot's 400 VALIDATION_ERROR
//! with an `errors[]` entry naming the property.

use std::collections::BTreeMap;

use hubspot_runtime::schema::{
    ErrorDetail, ObjectSchema, Pipeline, Property, PropertyModificationMetadata,
};

use crate::errors::ApiError;
use crate::standard_objects::lookup;

/// `(pipeline property, stage property)` of an object that has pipelines.
pub(crate) fn pipeline_properties(schema: &ObjectSchema) -> Option<(&'static str, &'static str)> {
    schema.pipelines.as_ref().filter(|p| !p.is_empty())?;
    let standard = schema.object_type_id.as_deref().and_then(lookup);
    Some(
        standard
            .and_then(|o| o.pipeline_properties)
            .unwrap_or(("hs_pipeline", "hs_pipeline_stage")),
    )
}

/// Give an object with pipelines its pipeline and stage properties when a snapshot left
/// them out (HubSpot always lists them): enumerations whose values come from the
/// Pipelines API (`externalOptions: true`, no options), read-only in definition.
pub(crate) fn ensure_pipeline_properties(schema: &mut ObjectSchema) {
    let Some((pipeline, stage)) = pipeline_properties(schema) else {
        return;
    };
    let properties = schema.properties.get_or_insert_with(Vec::new);
    for (name, label) in [(pipeline, "Pipeline"), (stage, "Pipeline stage")] {
        if properties.iter().any(|p| p.name == name) {
            continue;
        }
        properties.push(Property {
            name: name.to_owned(),
            r#type: "enumeration".into(),
            field_type: Some("select".into()),
            label: Some(label.into()),
            options: Some(Vec::new()),
            external_options: Some(true),
            hubspot_defined: Some(true),
            modification_metadata: Some(PropertyModificationMetadata {
                archivable: Some(false),
                read_only_definition: Some(true),
                read_only_value: Some(false),
                read_only_options: Some(false),
                extra: Default::default(),
            }),
            archived: Some(false),
            ..Property::default()
        });
    }
}

/// The object's live pipelines, in display order.
pub(crate) fn live_pipelines(schema: &ObjectSchema) -> Vec<&Pipeline> {
    let mut pipelines: Vec<&Pipeline> = schema
        .pipelines
        .iter()
        .flatten()
        .filter(|p| p.archived != Some(true))
        .collect();
    pipelines.sort_by_key(|p| p.display_order.unwrap_or(i64::MAX));
    pipelines
}

/// The pipeline a record without one is put in.
fn default_pipeline<'a>(pipelines: &[&'a Pipeline]) -> Option<&'a Pipeline> {
    pipelines
        .iter()
        .find(|p| p.id == "default")
        .or_else(|| pipelines.first())
        .copied()
}

fn invalid(property: &str, message: String) -> ApiError {
    let mut error = ApiError::validation(format!("Property values were not valid: {message}"));
    let detail = ErrorDetail {
        message,
        code: Some("INVALID_OPTION".into()),
        r#in: Some(property.to_owned()),
        ..ErrorDetail::default()
    };
    error.body["errors"] = serde_json::json!([detail]);
    error
}

/// Check (and complete) the pipeline and stage of a write. `stored` is the record's
/// current values on an update, `None` on a create; `values` are the checked values to
/// store, into which the defaulted pipeline is added.
pub(crate) fn check_pipeline(
    schema: &ObjectSchema,
    stored: Option<&BTreeMap<String, String>>,
    values: &mut BTreeMap<String, String>,
) -> Result<(), ApiError> {
    let Some((pipeline_property, stage_property)) = pipeline_properties(schema) else {
        return Ok(());
    };
    let written = |name: &str| values.get(name).filter(|v| !v.is_empty()).cloned();
    let kept = |name: &str| {
        stored
            .and_then(|s| s.get(name))
            .filter(|v| !v.is_empty())
            .cloned()
    };
    let written_pipeline = written(pipeline_property);
    let written_stage = written(stage_property);
    if written_pipeline.is_none() && written_stage.is_none() {
        return Ok(());
    }
    let pipelines = live_pipelines(schema);
    let pipeline = match written_pipeline.clone().or_else(|| kept(pipeline_property)) {
        Some(id) => *pipelines.iter().find(|p| p.id == id).ok_or_else(|| {
            let ids: Vec<&str> = pipelines.iter().map(|p| p.id.as_str()).collect();
            invalid(
                pipeline_property,
                format!(
                    "{id:?} is not a valid pipeline for {}: use one of [{}]",
                    schema.name,
                    ids.join(", ")
                ),
            )
        })?,
        None => match default_pipeline(&pipelines) {
            Some(pipeline) => {
                values.insert(pipeline_property.to_owned(), pipeline.id.clone());
                pipeline
            }
            None => return Ok(()),
        },
    };
    let Some(stage) = written_stage.or_else(|| kept(stage_property)) else {
        return Ok(());
    };
    let stages: Vec<&str> = pipeline
        .stages
        .iter()
        .filter(|s| s.archived != Some(true))
        .map(|s| s.id.as_str())
        .collect();
    if stages.contains(&stage.as_str()) {
        return Ok(());
    }
    let label = pipeline.label.as_deref().unwrap_or(&pipeline.id);
    Err(invalid(
        stage_property,
        format!(
            "{stage:?} is not a valid stage for pipeline {:?} ({label}) of {}: use one of [{}]",
            pipeline.id,
            schema.name,
            stages.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::standard_objects::built_in_schema;

    fn deals() -> ObjectSchema {
        let mut deals = built_in_schema(lookup("deals").unwrap(), "x");
        let second: Pipeline = serde_json::from_value(serde_json::json!({
            "id": "2834565", "label": "Renewals", "displayOrder": 1,
            "stages": [{"id": "93476205", "label": "Open"}, {"id": "93476206", "label": "Gone", "archived": true}]
        }))
        .unwrap();
        deals.pipelines.as_mut().unwrap().push(second);
        deals
    }

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn missing_pipeline_properties_are_added_once() {
        let mut boats: ObjectSchema = serde_json::from_value(serde_json::json!({
            "name": "boats", "objectTypeId": "2-1",
            "properties": [{"name": "hs_pipeline", "type": "enumeration"}],
            "pipelines": [{"id": "p", "stages": [{"id": "s"}]}]
        }))
        .unwrap();
        ensure_pipeline_properties(&mut boats);
        ensure_pipeline_properties(&mut boats);
        let names: Vec<&str> = boats
            .properties
            .iter()
            .flatten()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["hs_pipeline", "hs_pipeline_stage"]);
        let mut written = values(&[("hs_pipeline_stage", "s")]);
        check_pipeline(&boats, None, &mut written).unwrap();
        assert_eq!(written["hs_pipeline"], "p");
    }

    #[test]
    fn a_stage_alone_goes_to_the_default_pipeline() {
        let mut written = values(&[("dealstage", "qualifiedtobuy")]);
        check_pipeline(&deals(), None, &mut written).unwrap();
        assert_eq!(written["pipeline"], "default");
    }

    #[test]
    fn stages_of_another_pipeline_and_archived_stages_are_refused() {
        let mut written = values(&[("dealstage", "93476205")]);
        let err = check_pipeline(&deals(), None, &mut written).unwrap_err();
        assert_eq!(err.body["errors"][0]["in"], "dealstage");
        assert!(
            err.body["message"]
                .as_str()
                .unwrap()
                .contains("\"93476205\" is not a valid stage for pipeline \"default\""),
            "{}",
            err.body
        );
        let stored = values(&[("pipeline", "2834565"), ("dealstage", "93476205")]);
        let mut moved = values(&[("dealstage", "93476206")]);
        assert!(check_pipeline(&deals(), Some(&stored), &mut moved).is_err());
        let mut back = values(&[("dealstage", "closedwon")]);
        assert!(check_pipeline(&deals(), Some(&stored), &mut back).is_err());
        let mut both = values(&[("pipeline", "default"), ("dealstage", "closedwon")]);
        check_pipeline(&deals(), Some(&stored), &mut both).unwrap();
        let mut unknown = values(&[("pipeline", "nope")]);
        let err = check_pipeline(&deals(), None, &mut unknown).unwrap_err();
        assert_eq!(err.body["errors"][0]["in"], "pipeline");
    }
}
