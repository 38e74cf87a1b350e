//! Every HubSpot API path the client calls, built in one place.
//!
//! Caller-supplied parts (object type names, ids) become single path segments with
//! everything but RFC 3986 unreserved characters percent-encoded, so a `/`, `?`, `#`
//! or space in a name can never change which endpoint is called. Segments that would
//! still be read as something else (empty, `.`, `..`) are refused.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::Error;

/// Everything except the unreserved characters `A-Z a-z 0-9 - . _ ~`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The Schemas API v3 root.
pub(crate) const SCHEMAS: &str = "/crm-object-schemas/v3/schemas";

/// One percent-encoded path segment; `what` names the value in the error.
pub(crate) fn segment(what: &str, value: &str) -> Result<String, Error> {
    // URL parsers resolve `.` and `..` (even as %2E) as dot segments, and an empty
    // segment would call the collection instead of one item.
    if value.is_empty() || value == "." || value == ".." {
        return Err(Error::InvalidInput {
            message: format!(
                "The {what} {value:?} cannot name anything HubSpot has; pass a name, fully qualified name or id."
            ),
        });
    }
    Ok(utf8_percent_encode(value, SEGMENT).to_string())
}

/// `/crm-object-schemas/v3/schemas/{objectType}`.
pub(crate) fn schema(object_type: &str) -> Result<String, Error> {
    Ok(format!(
        "{SCHEMAS}/{}",
        segment("object type", object_type)?
    ))
}

/// `/crm-object-schemas/v3/schemas/batch/read`.
pub(crate) fn schemas_batch_read() -> String {
    format!("{SCHEMAS}/batch/read")
}

/// `/crm-object-schemas/v3/schemas/{objectType}/associations`.
pub(crate) fn schema_associations(object_type: &str) -> Result<String, Error> {
    Ok(format!("{}/associations", schema(object_type)?))
}

/// `/crm-object-schemas/v3/schemas/{objectType}/associations/{associationIdentifier}`.
pub(crate) fn schema_association(object_type: &str, association_id: &str) -> Result<String, Error> {
    Ok(format!(
        "{}/{}",
        schema_associations(object_type)?,
        segment("association id", association_id)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_characters_pass_everything_else_is_encoded() {
        assert_eq!(segment("x", "p123_cars-2.v~1").unwrap(), "p123_cars-2.v~1");
        assert_eq!(segment("x", "2-3465").unwrap(), "2-3465");
        assert_eq!(
            segment("x", "a b/c?d#e%f").unwrap(),
            "a%20b%2Fc%3Fd%23e%25f"
        );
        assert_eq!(
            segment("x", "a+b&c=d;e:f@g").unwrap(),
            "a%2Bb%26c%3Dd%3Be%3Af%40g"
        );
        assert_eq!(segment("x", "voiture_é").unwrap(), "voiture_%C3%A9");
    }

    #[test]
    fn dot_and_empty_segments_are_refused() {
        for bad in ["", ".", ".."] {
            let err = segment("object type", bad).unwrap_err();
            assert!(err.to_string().contains("object type"), "{err}");
        }
        assert_eq!(segment("x", "...").unwrap(), "...");
    }

    #[test]
    fn schema_paths() {
        assert_eq!(
            schema("cars").unwrap(),
            "/crm-object-schemas/v3/schemas/cars"
        );
        assert_eq!(
            schemas_batch_read(),
            "/crm-object-schemas/v3/schemas/batch/read"
        );
        assert_eq!(
            schema_associations("p1_a b").unwrap(),
            "/crm-object-schemas/v3/schemas/p1_a%20b/associations"
        );
        assert_eq!(
            schema_association("2-1", "12/3").unwrap(),
            "/crm-object-schemas/v3/schemas/2-1/associations/12%2F3"
        );
        assert!(schema_association("2-1", "..").is_err());
    }
}
