//! `POST /crm/v3/objects/{objectType}/search` over the stored records: HubSpot's limits
//! (5 filter groups, 6 filters per group, 18 in all, page size ≤ 200, query ≤ 3,000
//! characters, 10,000 results), filters compared by property type (numbers numerically,
//! dates and datetimes as epoch milliseconds, strings case-insensitively, tokens by word),
//! one sort rule, offset cursors.

use std::cmp::Ordering;

use hubspot_runtime::schema::ObjectSchema;
use serde::Deserialize;
use serde_json::Value;

use crate::errors::ApiError;
use crate::records_rules::{epoch_millis, number, property_type};
use crate::records_store::StoredRecord;

const MAX_GROUPS: usize = 5;
const MAX_FILTERS_PER_GROUP: usize = 6;
const MAX_FILTERS: usize = 18;
const MAX_LIMIT: usize = 200;
const MAX_QUERY_CHARS: usize = 3000;
const MAX_RESULTS: usize = 10_000;

/// `PublicObjectSearchRequest`, leniently.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SearchInput {
    #[serde(default)]
    pub filter_groups: Vec<GroupInput>,
    #[serde(default)]
    pub sorts: Vec<Value>,
    pub query: Option<String>,
    pub properties: Option<Vec<String>>,
    pub limit: Option<usize>,
    pub after: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct GroupInput {
    #[serde(default)]
    pub filters: Vec<FilterInput>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FilterInput {
    pub property_name: String,
    pub operator: String,
    pub value: Option<Value>,
    pub high_value: Option<Value>,
    pub values: Option<Vec<Value>>,
}

/// A page of matches: the matching records (this page), total, next offset.
pub(crate) struct SearchPage<'a> {
    pub results: Vec<&'a StoredRecord>,
    pub total: usize,
    pub next: Option<usize>,
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Check the limits, then filter, sort and page.
pub(crate) fn search<'a>(
    schema: &ObjectSchema,
    records: impl Iterator<Item = &'a StoredRecord>,
    input: &SearchInput,
) -> Result<SearchPage<'a>, ApiError> {
    let groups = &input.filter_groups;
    if groups.len() > MAX_GROUPS {
        return Err(ApiError::validation(format!(
            "Too many filter groups: {} given, at most {MAX_GROUPS} allowed",
            groups.len()
        )));
    }
    if let Some(g) = groups
        .iter()
        .position(|g| g.filters.len() > MAX_FILTERS_PER_GROUP)
    {
        return Err(ApiError::validation(format!(
            "Too many filters in filter group {g}: {} given, at most {MAX_FILTERS_PER_GROUP} allowed",
            groups[g].filters.len()
        )));
    }
    let total_filters: usize = groups.iter().map(|g| g.filters.len()).sum();
    if total_filters > MAX_FILTERS {
        return Err(ApiError::validation(format!(
            "Too many filters: {total_filters} given, at most {MAX_FILTERS} allowed in all filter groups"
        )));
    }
    let limit = input.limit.unwrap_or(10);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::invalid_field(
            format!("limit must be between 1 and {MAX_LIMIT}, got {limit}"),
            "INVALID_LIMIT",
            "limit",
        ));
    }
    if let Some(query) = &input.query
        && query.chars().count() > MAX_QUERY_CHARS
    {
        return Err(ApiError::validation(format!(
            "query must be at most {MAX_QUERY_CHARS} characters"
        )));
    }
    let offset = match &input.after {
        None | Some(Value::Null) => 0,
        Some(after) => text(after)
            .parse::<usize>()
            .map_err(|_| ApiError::validation(format!("Invalid after cursor {after}")))?,
    };
    if offset + limit > MAX_RESULTS {
        return Err(ApiError::validation(format!(
            "Search results are limited to {MAX_RESULTS}: offset {offset} + limit {limit} goes beyond"
        )));
    }
    if input.sorts.len() > 1 {
        return Err(ApiError::validation(
            "Only one sort rule is allowed per search",
        ));
    }
    for filter in groups.iter().flat_map(|g| &g.filters) {
        if property_type(schema, &filter.property_name).is_none() {
            return Err(ApiError::invalid_field(
                format!(
                    "There was a problem with the request: property {:?} does not exist on {}",
                    filter.property_name, schema.name
                ),
                "PROPERTY_DOESNT_EXIST",
                "filterGroups",
            ));
        }
        known_operator(&filter.operator)?;
    }

    let mut matches: Vec<&StoredRecord> = records
        .filter(|r| !r.archived())
        .filter(|r| {
            groups.is_empty()
                || groups
                    .iter()
                    .any(|g| g.filters.iter().all(|f| matches_filter(schema, r, f)))
        })
        .filter(|r| input.query.as_deref().is_none_or(|q| matches_query(r, q)))
        .collect();
    if let Some(sort) = input.sorts.first() {
        let (name, descending) = sort_rule(sort)?;
        let kind = property_type(schema, &name).unwrap_or("string");
        matches.sort_by(|a, b| {
            let order = match (a.value(&name), b.value(&name)) {
                (Some(x), Some(y)) => compare(kind, x, y).unwrap_or(Ordering::Equal),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            let order = if descending { order.reverse() } else { order };
            order.then(a.id.cmp(&b.id))
        });
    }
    let total = matches.len();
    let results: Vec<&StoredRecord> = matches.into_iter().skip(offset).take(limit).collect();
    let next = (offset + limit < total).then_some(offset + limit);
    Ok(SearchPage {
        results,
        total,
        next,
    })
}

fn known_operator(operator: &str) -> Result<(), ApiError> {
    const OPERATORS: &[&str] = &[
        "EQ",
        "NEQ",
        "LT",
        "LTE",
        "GT",
        "GTE",
        "BETWEEN",
        "IN",
        "NOT_IN",
        "HAS_PROPERTY",
        "NOT_HAS_PROPERTY",
        "CONTAINS_TOKEN",
        "NOT_CONTAINS_TOKEN",
    ];
    if OPERATORS.contains(&operator) {
        Ok(())
    } else {
        Err(ApiError::validation(format!(
            "Unknown filter operator {operator:?}: use one of {}",
            OPERATORS.join(", ")
        )))
    }
}

/// `{"propertyName": "year", "direction": "DESCENDING"}`, or a bare property name.
fn sort_rule(sort: &Value) -> Result<(String, bool), ApiError> {
    match sort {
        Value::String(name) => Ok((name.clone(), false)),
        Value::Object(map) => {
            let name = map
                .get("propertyName")
                .and_then(Value::as_str)
                .ok_or_else(|| ApiError::validation("A sort needs a propertyName"))?;
            let descending = map.get("direction").and_then(Value::as_str) == Some("DESCENDING");
            Ok((name.to_owned(), descending))
        }
        other => Err(ApiError::validation(format!("Invalid sort {other}"))),
    }
}

/// Compare two values of a property of type `kind`; `None` when either does not parse.
fn compare(kind: &str, a: &str, b: &str) -> Option<Ordering> {
    match kind {
        "number" => number(a)?.partial_cmp(&number(b)?),
        "date" | "datetime" => Some(epoch_millis(a)?.cmp(&epoch_millis(b)?)),
        _ => Some(a.to_lowercase().cmp(&b.to_lowercase())),
    }
}

fn equal(kind: &str, stored: &str, wanted: &str) -> bool {
    if kind == "enumeration" {
        // A multi-select matches when any of its values does.
        return stored
            .split(';')
            .any(|piece| piece.eq_ignore_ascii_case(wanted));
    }
    compare(kind, stored, wanted) == Some(Ordering::Equal)
}

fn matches_filter(schema: &ObjectSchema, record: &StoredRecord, filter: &FilterInput) -> bool {
    let kind = property_type(schema, &filter.property_name).unwrap_or("string");
    let stored = record.value(&filter.property_name);
    let value = filter.value.as_ref().map(text).unwrap_or_default();
    let values: Vec<String> = filter.values.iter().flatten().map(text).collect();
    match filter.operator.as_str() {
        "HAS_PROPERTY" => stored.is_some(),
        "NOT_HAS_PROPERTY" => stored.is_none(),
        "NEQ" => stored.is_none_or(|s| !equal(kind, s, &value)),
        "NOT_IN" => stored.is_none_or(|s| !values.iter().any(|v| equal(kind, s, v))),
        "NOT_CONTAINS_TOKEN" => stored.is_none_or(|s| !contains_token(s, &value)),
        op => {
            let Some(stored) = stored else {
                return false;
            };
            match op {
                "EQ" => equal(kind, stored, &value),
                "IN" => values.iter().any(|v| equal(kind, stored, v)),
                "LT" => compare(kind, stored, &value) == Some(Ordering::Less),
                "LTE" => matches!(
                    compare(kind, stored, &value),
                    Some(Ordering::Less | Ordering::Equal)
                ),
                "GT" => compare(kind, stored, &value) == Some(Ordering::Greater),
                "GTE" => matches!(
                    compare(kind, stored, &value),
                    Some(Ordering::Greater | Ordering::Equal)
                ),
                "BETWEEN" => {
                    let high = filter.high_value.as_ref().map(text).unwrap_or_default();
                    matches!(
                        compare(kind, stored, &value),
                        Some(Ordering::Greater | Ordering::Equal)
                    ) && matches!(
                        compare(kind, stored, &high),
                        Some(Ordering::Less | Ordering::Equal)
                    )
                }
                "CONTAINS_TOKEN" => contains_token(stored, &value),
                _ => false,
            }
        }
    }
}

/// Whether a word of `stored` matches `token` (case-insensitive; `*` matches any run).
fn contains_token(stored: &str, token: &str) -> bool {
    let token = token.to_lowercase();
    stored
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|word| wildcard(&token, word))
}

fn wildcard(pattern: &str, word: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == word;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !word.starts_with(first) || !word[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &word[first.len()..word.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

/// Free-text query: every word of it is a prefix of some word of some value.
fn matches_query(record: &StoredRecord, query: &str) -> bool {
    query.split_whitespace().all(|word| {
        record
            .properties
            .values()
            .any(|value| contains_token(value, &format!("{word}*")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_wildcards() {
        assert!(contains_token("Blue Honda Civic", "honda"));
        assert!(contains_token("Blue Honda Civic", "civ*"));
        assert!(contains_token("Blue Honda Civic", "*vic"));
        assert!(!contains_token("Blue Honda Civic", "hond"));
        assert!(wildcard("a*c*e", "abcde"));
        assert!(!wildcard("a*c*e", "abde"));
    }

    #[test]
    fn comparisons_follow_the_type() {
        assert_eq!(compare("number", "10", "9"), Some(Ordering::Greater));
        assert_eq!(compare("string", "10", "9"), Some(Ordering::Less));
        assert_eq!(
            compare("date", "2024-05-01", "1714521600000"),
            Some(Ordering::Equal)
        );
        assert!(equal("enumeration", "sunroof;tow", "tow"));
    }
}
