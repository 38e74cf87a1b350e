//! Query-string parameters as HubSpot reads them: booleans are `true`/`false`
//! (case-insensitive), a missing one takes the operation's default, anything else is a
//! 400 naming the parameter.

use std::collections::HashMap;

use crate::errors::ApiError;

/// The decoded query parameters of one request (the last value wins on repeats).
#[derive(Debug, Clone, Default)]
pub(crate) struct Query(HashMap<String, String>);

impl Query {
    /// Parse a raw query string (`None` when the URL had none).
    pub fn parse(raw: Option<&str>) -> Result<Query, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|e| ApiError::validation(format!("Invalid query string: {e}")))?;
        Ok(Query(pairs.into_iter().collect()))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// A boolean parameter, `default` when absent.
    pub fn flag(&self, name: &str, default: bool) -> Result<bool, ApiError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(v) => Err(ApiError::validation(format!(
                "Invalid value '{v}' for query parameter '{name}': expected true or false"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_default_parse_and_reject() {
        let q = Query::parse(Some("archived=TRUE&includeAuditMetadata=false&x=yes")).unwrap();
        assert!(q.flag("archived", false).unwrap());
        assert!(!q.flag("includeAuditMetadata", true).unwrap());
        assert!(q.flag("includePropertyDefinitions", true).unwrap());
        let err = q.flag("x", true).unwrap_err();
        assert_eq!(
            err.body["message"],
            "Invalid value 'yes' for query parameter 'x': expected true or false"
        );
    }
}
