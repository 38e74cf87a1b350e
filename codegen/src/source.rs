//! Reading a snapshot file: what the file holds, and the schemas in it, as HubSpot sent
//! them. Live accounts are read by `crate::fetch` (feature `live`); putting schemas in
//! snapshot order is [`crate::snapshot::normalize`]'s job.

use std::path::Path;

use hubspot_runtime::schema::{ObjectSchema, parse_schemas};

use crate::Error;

/// Read a snapshot file: `{"results":[…]}` (the body of `GET /schemas`) or a bare
/// array of object schemas.
///
/// A file that is not valid JSON, or whose objects lack a `name` (or whose properties
/// lack a `name` or `type`), is an [`Error::Snapshot`] naming the file, line and column.
pub fn read_snapshot(path: impl AsRef<Path>) -> Result<Vec<ObjectSchema>, Error> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("read snapshot", path, e))?;
    parse_snapshot(&text, path)
}

/// Parse snapshot text; `path` is only used to name the file in errors.
pub fn parse_snapshot(text: &str, path: &Path) -> Result<Vec<ObjectSchema>, Error> {
    parse_schemas(text).map_err(|e| {
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
    })
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
}
