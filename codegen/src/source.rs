//! Reading a snapshot file: what the file holds, and the schemas in it, as HubSpot sent
//! them. Live accounts are read by `crate::fetch` (feature `live`); putting schemas in
//! snapshot order is [`crate::snapshot::normalize`]'s job.

use std::path::Path;

use hubspot_runtime::schema::ObjectSchema;

use crate::Error;

mod kind;

/// Read a snapshot file: `{"results":[…]}` (the body of `GET /schemas`), a bare array
/// of object schemas, or one object schema (the body of `GET /schemas/{objectType}`).
///
/// A file that is not valid JSON, or whose objects lack a `name` (or whose properties
/// lack a `name` or `type`), is an [`Error::Snapshot`] naming the file, line and column.
/// A file holding something else HubSpot sends (a Properties API list, a schema create
/// request, `{}`) is an [`Error::NotASnapshot`] saying what it holds and what to run.
pub fn read_snapshot(path: impl AsRef<Path>) -> Result<Vec<ObjectSchema>, Error> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("read snapshot", path, e))?;
    parse_snapshot(&text, path)
}

/// Parse snapshot text; `path` is only used to name the file in errors.
///
/// The shape is chosen by the first non-blank byte, so a syntax error keeps
/// serde_json's exact line and column; what a JSON object holds is then decided by
/// its keys (see the `kind` module's table).
pub fn parse_snapshot(text: &str, path: &Path) -> Result<Vec<ObjectSchema>, Error> {
    let parse_error = |e: serde_json::Error| {
        let (line, column) = (e.line(), e.column());
        // serde_json's Display appends " at line L column C"; the error puts the
        // position first, compiler style, so drop the duplicate.
        let full = e.to_string();
        let suffix = format!(" at line {line} column {column}");
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        Error::Snapshot {
            path: path.to_owned(),
            line,
            column,
            message,
        }
    };
    match text.trim_start().as_bytes().first() {
        Some(b'[') => {
            let schemas: Vec<ObjectSchema> = serde_json::from_str(text).map_err(parse_error)?;
            kind::schemas_of_list(schemas, path)
        }
        _ => {
            let top: kind::TopLevel = serde_json::from_str(text).map_err(parse_error)?;
            kind::schemas_of_object(top, text, path, parse_error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_snapshot(text, Path::new("dir/schemas.json"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn both_shapes_are_read() {
        let wrapped = parse_snapshot(r#"{"results":[{"name":"cars"}]}"#, Path::new("a")).unwrap();
        let bare = parse_snapshot(r#"[{"name":"cars"}]"#, Path::new("a")).unwrap();
        assert_eq!(wrapped, bare);
        assert_eq!(wrapped[0].name, "cars");
    }

    #[test]
    fn bad_json_names_file_line_and_column() {
        let message = err("{\"results\": [\n  {\"name\": \"cars\",}\n]}");
        assert!(
            message.starts_with("dir/schemas.json:2:19: trailing comma\n"),
            "{message}"
        );
        assert!(message.contains("codegen fetch"), "{message}");
    }

    #[test]
    fn missing_required_field_names_the_field_and_position() {
        let message = err("[\n  {\"labels\": {}}\n]");
        assert!(
            message.starts_with("dir/schemas.json:2:16: missing field `name`"),
            "{message}"
        );
    }

    #[test]
    fn missing_file_says_which() {
        let error = read_snapshot("/nonexistent/hubspot-schemas.json").unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot read snapshot /nonexistent/hubspot-schemas.json"
        );
        assert!(error.report().contains("caused by: No such file"));
    }

    // What a file holds (module `kind`): read when unambiguous, else refused naming it.

    #[test]
    fn one_schema_is_read_as_a_one_object_snapshot() {
        let one = r#"{"id":"2468013","objectTypeId":"2-2468013","name":"cars",
            "labels":{"singular":"Car","plural":"Cars"},
            "properties":[{"name":"vin","type":"string","fieldType":"text"}]}"#;
        let schemas = parse_snapshot(one, Path::new("a")).unwrap();
        assert_eq!(schemas.len(), 1);
        assert_eq!(schemas[0].name, "cars");
        assert_eq!(schemas[0].properties.as_ref().unwrap()[0].name, "vin");
        // Without ids, `name` with `properties` or `labels` is still one schema.
        let bare = parse_snapshot(r#"{"name":"cars","labels":{}}"#, Path::new("a")).unwrap();
        assert_eq!(bare[0].name, "cars");
        // A bad property inside it keeps its line and column.
        let message =
            err("{\"name\":\"cars\",\"objectTypeId\":\"2-1\",\n\"properties\":[{\"name\":\"x\"}]}");
        assert!(
            message.starts_with("dir/schemas.json:2:26: missing field `type`"),
            "{message}"
        );
    }

    #[test]
    fn a_properties_api_list_is_refused_not_read_as_objects() {
        let list = r#"{"results":[
            {"name":"email","label":"Email","type":"string","fieldType":"text","groupName":"contactinformation"},
            {"name":"firstname","label":"First Name","type":"string","fieldType":"text","groupName":"contactinformation"},
            {"name":"lifecyclestage","type":"enumeration","fieldType":"radio","groupName":"contactinformation","options":[]},
            {"name":"hs_object_id","type":"number","fieldType":"number","groupName":"contactinformation"}
        ]}"#;
        assert_eq!(
            err(list),
            "dir/schemas.json: holds 4 property definitions (`email`, `firstname`, \
             `lifecyclestage`, …): a Properties API response \
             (`GET /crm/v3/properties/{objectType}`) for one object, not object schemas; \
             which object they belong to is not in the file\n  \
             fetch the object with its properties instead: `codegen fetch --objects contacts \
             --out hubspot-schemas.json` (name the object these properties belong to; \
             `custom,standard` for all)"
        );
        // The same as a bare array, and mixed into a real snapshot.
        let bare = r#"[{"name":"email","type":"string","fieldType":"text"}]"#;
        assert!(err(bare).contains("holds 1 property definitions (`email`)"));
        let mixed = r#"{"results":[{"name":"cars","objectTypeId":"2-1","properties":[]},
            {"name":"email","type":"string","groupName":"g"}]}"#;
        assert!(
            err(mixed).starts_with(
                "dir/schemas.json: holds a list whose entry 2 (`email`) is a property definition"
            ),
            "{}",
            err(mixed)
        );
    }

    #[test]
    fn one_property_is_refused() {
        let one = r#"{"name":"email","type":"string","fieldType":"text","groupName":"g"}"#;
        let message = err(one);
        assert!(
            message.starts_with(
                "dir/schemas.json: holds one property definition (the body of \
                 `GET /crm/v3/properties/{objectType}/{propertyName}`), not object schemas\n"
            ),
            "{message}"
        );
        assert!(
            message.contains("codegen fetch --objects <object>"),
            "{message}"
        );
    }

    #[test]
    fn a_schema_create_request_is_refused() {
        let egg = r#"{"name":"cars","labels":{"singular":"Car","plural":"Cars"},
            "properties":[{"name":"vin","label":"VIN","type":"string","fieldType":"text"}],
            "requiredProperties":["vin"],"associatedObjects":["CONTACT"]}"#;
        assert_eq!(
            err(egg),
            "dir/schemas.json: holds a schema create request (the body of \
             `POST /crm-object-schemas/v3/schemas`, an `ObjectSchemaEgg`), not a snapshot: \
             it lacks what HubSpot assigns on creation (object type id, property details)\n  \
             create the object in HubSpot first (`POST /crm-object-schemas/v3/schemas` with \
             this body), then snapshot the account with \
             `codegen fetch --out hubspot-schemas.json`"
        );
    }

    #[test]
    fn objects_without_results_are_refused() {
        assert_eq!(
            err("{}"),
            "dir/schemas.json: holds an empty JSON object (`{}`) and no `results` list: not a \
             snapshot\n  a snapshot is the body of `GET /crm-object-schemas/v3/schemas` \
             ({\"results\":[…]}) or a JSON array of object schemas; make one with \
             `codegen fetch --out hubspot-schemas.json`"
        );
        assert!(
            err(r#"{"foo":1,"paging":{}}"#).starts_with(
                "dir/schemas.json: holds a JSON object with keys `foo`, `paging` and no \
                 `results` list: not a snapshot\n"
            ),
            "{}",
            err(r#"{"foo":1}"#)
        );
        // `results: null` is no list either.
        assert_eq!(
            err(r#"{"results":null}"#),
            "dir/schemas.json: holds a `results` that is `null`, not a list of object schemas\n  \
             an account without objects is `{\"results\":[]}`; make a snapshot with \
             `codegen fetch --out hubspot-schemas.json`"
        );
    }

    #[test]
    fn an_empty_account_is_still_a_snapshot() {
        assert_eq!(
            parse_snapshot(r#"{"results":[]}"#, Path::new("a")).unwrap(),
            []
        );
        assert_eq!(parse_snapshot("[]", Path::new("a")).unwrap(), []);
    }
}
