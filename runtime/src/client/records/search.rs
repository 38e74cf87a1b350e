//! The typed search builder ([`Search`], [`Filter`]) of
//! `POST /crm/v3/objects/{objectType}/search`, and HubSpot's search limits, checked
//! before a request is sent.
//!
//! Filters name properties with the generated property enum and take typed values,
//! encoded the way the search endpoint compares them: numbers as decimal strings, bools
//! as `"true"`/`"false"`, option enums as their value, and dates and datetimes as epoch
//! milliseconds (a date as its midnight UTC), because HubSpot's search compares date
//! properties numerically.
//!
//! ```
//! # use hubspot_runtime::{Filter, Search, PropertyName};
//! # #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
//! # enum CarsProperty { Make, Year }
//! # impl PropertyName for CarsProperty {
//! #     const ALL: &'static [Self] = &[Self::Make, Self::Year];
//! #     fn as_str(self) -> &'static str { match self { Self::Make => "make", Self::Year => "year" } }
//! #     fn label(self) -> &'static str { self.as_str() }
//! #     fn from_name(_: &str) -> Option<Self> { None }
//! # }
//! use hubspot_runtime::jiff::civil::date;
//!
//! // (make = "Honda" AND year >= 2015) OR make = "Saab", newest first
//! let search = Search::new()
//!     .filter(Filter::eq(CarsProperty::Make, "Honda"))
//!     .filter(Filter::gte(CarsProperty::Year, 2015))
//!     .or_group([Filter::eq(CarsProperty::Make, "Saab")])
//!     .sort_descending(CarsProperty::Year)
//!     .limit(50);
//! assert!(search.check().is_ok());
//! assert_eq!(Filter::gt(CarsProperty::Year, date(2024, 5, 1)).value(), Some("1714521600000"));
//! ```

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::object::{OptionEnum, PropertyName};
use crate::value::PropertyValue;

/// Most filter groups (ORed) one search may have.
pub const MAX_FILTER_GROUPS: usize = 5;
/// Most filters (ANDed) in one filter group.
pub const MAX_FILTERS_PER_GROUP: usize = 6;
/// Most filters in one search, all groups together.
pub const MAX_FILTERS: usize = 18;
/// Largest page a search returns.
pub const MAX_SEARCH_LIMIT: u32 = 200;
/// Longest free-text `query`, in characters.
pub const MAX_QUERY_CHARS: usize = 3000;
/// Most results one search can page through (`after` + `limit`).
pub const MAX_SEARCH_RESULTS: u64 = 10_000;
/// Sort rules one search may have.
pub const MAX_SORTS: usize = 1;

/// A filter operator of the search API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Operator {
    /// Equal to `value`.
    Eq,
    /// Not equal to `value`.
    Neq,
    /// Less than `value`.
    Lt,
    /// Less than or equal to `value`.
    Lte,
    /// Greater than `value`.
    Gt,
    /// Greater than or equal to `value`.
    Gte,
    /// Between `value` and `highValue`, both included.
    Between,
    /// One of `values`.
    In,
    /// None of `values`.
    NotIn,
    /// Has any value.
    HasProperty,
    /// Has no value.
    NotHasProperty,
    /// Contains the word `value` (`*` wildcards allowed).
    ContainsToken,
    /// Does not contain the word `value`.
    NotContainsToken,
}

/// A typed value a filter compares with, in the search API's string form.
pub trait FilterValue {
    /// The string the search API compares.
    fn filter_string(&self) -> String;
}

impl FilterValue for &str {
    fn filter_string(&self) -> String {
        (*self).to_owned()
    }
}

impl FilterValue for String {
    fn filter_string(&self) -> String {
        self.clone()
    }
}

impl FilterValue for &String {
    fn filter_string(&self) -> String {
        (*self).clone()
    }
}

impl FilterValue for bool {
    fn filter_string(&self) -> String {
        self.encode()
    }
}

impl FilterValue for Decimal {
    fn filter_string(&self) -> String {
        self.encode()
    }
}

macro_rules! integer_filter_value {
    ($($t:ty),*) => {$(
        impl FilterValue for $t {
            fn filter_string(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
integer_filter_value!(i32, i64, u32, u64);

/// A date compares as the epoch milliseconds of its midnight UTC.
impl FilterValue for Date {
    fn filter_string(&self) -> String {
        jiff::tz::TimeZone::UTC
            .to_timestamp(self.to_datetime(jiff::civil::Time::midnight()))
            .map(|timestamp| timestamp.as_millisecond().to_string())
            // Unreachable for dates jiff can represent at UTC; keep the ISO form then.
            .unwrap_or_else(|_| self.encode())
    }
}

/// A datetime compares as epoch milliseconds.
impl FilterValue for Timestamp {
    fn filter_string(&self) -> String {
        self.as_millisecond().to_string()
    }
}

/// An option compares as its exact HubSpot value.
impl<T: OptionEnum> FilterValue for T {
    fn filter_string(&self) -> String {
        self.as_str().to_owned()
    }
}

/// One filter: a property, an operator, and the value(s) it takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", bound(serialize = "P: PropertyName"))]
pub struct Filter<P> {
    #[serde(serialize_with = "property_name")]
    property_name: P,
    operator: Operator,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    high_value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    values: Option<Vec<String>>,
}

fn property_name<P: PropertyName, S: serde::Serializer>(p: &P, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(p.as_str())
}

impl<P: PropertyName> Filter<P> {
    fn single(property: P, operator: Operator, value: impl FilterValue) -> Self {
        Filter {
            property_name: property,
            operator,
            value: Some(value.filter_string()),
            high_value: None,
            values: None,
        }
    }

    fn many<V: FilterValue>(
        property: P,
        operator: Operator,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        Filter {
            property_name: property,
            operator,
            value: None,
            high_value: None,
            values: Some(values.into_iter().map(|v| v.filter_string()).collect()),
        }
    }

    fn bare(property: P, operator: Operator) -> Self {
        Filter {
            property_name: property,
            operator,
            value: None,
            high_value: None,
            values: None,
        }
    }

    /// `property = value`.
    pub fn eq(property: P, value: impl FilterValue) -> Self {
        Self::single(property, Operator::Eq, value)
    }

    /// `property != value`.
    pub fn neq(property: P, value: impl FilterValue) -> Self {
        Self::single(property, Operator::Neq, value)
    }

    /// `property < value`.
    pub fn lt(property: P, value: impl FilterValue) -> Self {
        Self::single(property, Operator::Lt, value)
    }

    /// `property <= value`.
    pub fn lte(property: P, value: impl FilterValue) -> Self {
        Self::single(property, Operator::Lte, value)
    }

    /// `property > value`.
    pub fn gt(property: P, value: impl FilterValue) -> Self {
        Self::single(property, Operator::Gt, value)
    }

    /// `property >= value`.
    pub fn gte(property: P, value: impl FilterValue) -> Self {
        Self::single(property, Operator::Gte, value)
    }

    /// `low <= property <= high`.
    pub fn between(property: P, low: impl FilterValue, high: impl FilterValue) -> Self {
        Filter {
            high_value: Some(high.filter_string()),
            ..Self::single(property, Operator::Between, low)
        }
    }

    /// `property` is one of `values`.
    pub fn is_in<V: FilterValue>(property: P, values: impl IntoIterator<Item = V>) -> Self {
        Self::many(property, Operator::In, values)
    }

    /// `property` is none of `values`.
    pub fn not_in<V: FilterValue>(property: P, values: impl IntoIterator<Item = V>) -> Self {
        Self::many(property, Operator::NotIn, values)
    }

    /// `property` has a value.
    pub fn has_property(property: P) -> Self {
        Self::bare(property, Operator::HasProperty)
    }

    /// `property` has no value.
    pub fn not_has_property(property: P) -> Self {
        Self::bare(property, Operator::NotHasProperty)
    }

    /// `property` contains the word `token`.
    pub fn contains_token(property: P, token: &str) -> Self {
        Self::single(property, Operator::ContainsToken, token)
    }

    /// `property` does not contain the word `token`.
    pub fn not_contains_token(property: P, token: &str) -> Self {
        Self::single(property, Operator::NotContainsToken, token)
    }

    /// The property filtered on.
    pub fn property(&self) -> P {
        self.property_name
    }

    /// The operator.
    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// The value as sent (`value`), for single-value operators.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// The upper bound as sent (`highValue`), for `BETWEEN`.
    pub fn high_value(&self) -> Option<&str> {
        self.high_value.as_deref()
    }

    /// The values as sent (`values`), for `IN` / `NOT_IN`.
    pub fn values(&self) -> Option<&[String]> {
        self.values.as_deref()
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Direction {
    /// Smallest first.
    Ascending,
    /// Largest first.
    Descending,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", bound(serialize = "P: PropertyName"))]
struct Sort<P> {
    #[serde(serialize_with = "property_name")]
    property_name: P,
    direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(bound(serialize = "P: PropertyName"))]
struct FilterGroup<'a, P> {
    filters: &'a [Filter<P>],
}

/// A search: filter groups (ORed) of filters (ANDed), an optional free-text query, sort,
/// properties to return (default all), page size (default 100) and `after` cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search<P> {
    groups: Vec<Vec<Filter<P>>>,
    sorts: Vec<Sort<P>>,
    query: Option<String>,
    properties: Option<Vec<P>>,
    limit: u32,
    after: Option<String>,
}

impl<P> Default for Search<P> {
    fn default() -> Self {
        Search {
            groups: Vec::new(),
            sorts: Vec::new(),
            query: None,
            properties: None,
            limit: 100,
            after: None,
        }
    }
}

/// The JSON body (`PublicObjectSearchRequest`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase", bound(serialize = "P: PropertyName"))]
pub(super) struct SearchBody<'a, P: PropertyName> {
    filter_groups: Vec<FilterGroup<'a, P>>,
    sorts: &'a [Sort<P>],
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<&'a str>,
    properties: Vec<&'static str>,
    limit: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<&'a str>,
}

impl<P: PropertyName> Search<P> {
    /// Every record (no filter), every property, 100 per page.
    pub fn new() -> Self {
        Self::default()
    }

    /// AND `filter` into the last filter group (starting the first one).
    pub fn filter(mut self, filter: Filter<P>) -> Self {
        match self.groups.last_mut() {
            Some(group) => group.push(filter),
            None => self.groups.push(vec![filter]),
        }
        self
    }

    /// OR a new group of ANDed `filters` to the search.
    pub fn or_group(mut self, filters: impl IntoIterator<Item = Filter<P>>) -> Self {
        self.groups.push(filters.into_iter().collect());
        self
    }

    /// Free-text search over the object's searchable properties.
    pub fn query(mut self, text: impl Into<String>) -> Self {
        self.query = Some(text.into());
        self
    }

    /// Sort by `property`, smallest first.
    pub fn sort_ascending(mut self, property: P) -> Self {
        self.sorts.push(Sort {
            property_name: property,
            direction: Direction::Ascending,
        });
        self
    }

    /// Sort by `property`, largest first.
    pub fn sort_descending(mut self, property: P) -> Self {
        self.sorts.push(Sort {
            property_name: property,
            direction: Direction::Descending,
        });
        self
    }

    /// Return only these properties (default: all).
    pub fn properties(mut self, properties: impl IntoIterator<Item = P>) -> Self {
        self.properties = Some(properties.into_iter().collect());
        self
    }

    /// Results per page, 1..=200.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = limit;
        self
    }

    /// Start after this cursor (a previous page's `paging.next.after`).
    pub fn after(mut self, after: Option<String>) -> Self {
        self.after = after;
        self
    }

    pub(super) fn after_cursor(&self) -> Option<&str> {
        self.after.as_deref()
    }

    pub(super) fn page_limit(&self) -> u32 {
        self.limit
    }

    /// This search sorted by `id` ascending (replacing its sort), with `id > above`
    /// ANDed into every filter group when given, from the `after` cursor (`search_all`).
    pub(super) fn keyset(&self, id: P, above: Option<&str>, after: Option<String>) -> Search<P> {
        let mut search = self.clone();
        search.sorts = vec![Sort {
            property_name: id,
            direction: Direction::Ascending,
        }];
        if let Some(above) = above {
            if search.groups.is_empty() {
                search.groups.push(Vec::new());
            }
            for group in &mut search.groups {
                group.push(Filter::gt(id, above));
            }
        }
        search.after = after;
        search
    }

    /// Check HubSpot's search limits and each filter's shape.
    pub fn check(&self) -> Result<(), SearchError> {
        if self.groups.len() > MAX_FILTER_GROUPS {
            return Err(SearchError::TooManyGroups(self.groups.len()));
        }
        for (index, group) in self.groups.iter().enumerate() {
            if group.is_empty() {
                return Err(SearchError::EmptyGroup(index));
            }
            if group.len() > MAX_FILTERS_PER_GROUP {
                return Err(SearchError::TooManyFiltersInGroup {
                    group: index,
                    filters: group.len(),
                });
            }
            for filter in group {
                check_filter(filter)?;
            }
        }
        let total: usize = self.groups.iter().map(Vec::len).sum();
        if total > MAX_FILTERS {
            return Err(SearchError::TooManyFilters(total));
        }
        if self.sorts.len() > MAX_SORTS {
            return Err(SearchError::TooManySorts(self.sorts.len()));
        }
        if !(1..=MAX_SEARCH_LIMIT).contains(&self.limit) {
            return Err(SearchError::Limit(self.limit));
        }
        if let Some(query) = &self.query {
            let chars = query.chars().count();
            if chars > MAX_QUERY_CHARS {
                return Err(SearchError::QueryTooLong(chars));
            }
        }
        if let Some(after) = &self.after {
            // HubSpot's search cursors are result offsets.
            let offset: u64 = after
                .parse()
                .map_err(|_| SearchError::BadCursor(after.clone()))?;
            if offset + u64::from(self.limit) > MAX_SEARCH_RESULTS {
                return Err(SearchError::PastResultLimit { offset });
            }
        }
        Ok(())
    }

    pub(super) fn body(&self) -> SearchBody<'_, P> {
        SearchBody {
            filter_groups: self
                .groups
                .iter()
                .map(|filters| FilterGroup { filters })
                .collect(),
            sorts: &self.sorts,
            query: self.query.as_deref(),
            properties: match &self.properties {
                Some(chosen) => chosen.iter().map(|p| p.as_str()).collect(),
                None => P::ALL.iter().map(|p| p.as_str()).collect(),
            },
            limit: self.limit,
            after: self.after.as_deref(),
        }
    }
}

fn check_filter<P: PropertyName>(filter: &Filter<P>) -> Result<(), SearchError> {
    let bad = |reason: &str| SearchError::BadFilter {
        property: filter.property_name.as_str(),
        operator: filter.operator,
        reason: reason.to_owned(),
    };
    match filter.operator {
        Operator::In | Operator::NotIn if filter.values.as_ref().is_none_or(Vec::is_empty) => {
            return Err(bad("it needs at least one value"));
        }
        Operator::Between if filter.high_value.is_none() || filter.value.is_none() => {
            return Err(bad("it needs a low and a high value"));
        }
        _ => {}
    }
    Ok(())
}

/// A search HubSpot would refuse, caught before sending it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SearchError {
    /// More than 5 filter groups.
    TooManyGroups(usize),
    /// A filter group without filters (its index).
    EmptyGroup(usize),
    /// More than 6 filters in one group.
    TooManyFiltersInGroup {
        /// The group's index.
        group: usize,
        /// How many filters it has.
        filters: usize,
    },
    /// More than 18 filters in all.
    TooManyFilters(usize),
    /// More than one sort rule.
    TooManySorts(usize),
    /// A page size outside 1..=200.
    Limit(u32),
    /// A free-text query over 3,000 characters.
    QueryTooLong(usize),
    /// An `after` cursor that is not a search cursor (a result offset).
    BadCursor(String),
    /// Paging beyond the 10,000th result.
    PastResultLimit {
        /// The offset the cursor points at.
        offset: u64,
    },
    /// A filter missing the values its operator needs.
    BadFilter {
        /// The property.
        property: &'static str,
        /// The operator.
        operator: Operator,
        /// What is missing.
        reason: String,
    },
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::TooManyGroups(n) => write!(
                f,
                "it has {n} filter groups and HubSpot allows at most {MAX_FILTER_GROUPS}; merge groups or run several searches"
            ),
            SearchError::EmptyGroup(i) => write!(
                f,
                "filter group {i} has no filters (an empty group would match every record); remove it"
            ),
            SearchError::TooManyFiltersInGroup { group, filters } => write!(
                f,
                "filter group {group} has {filters} filters and HubSpot allows at most {MAX_FILTERS_PER_GROUP} per group"
            ),
            SearchError::TooManyFilters(n) => write!(
                f,
                "it has {n} filters in all and HubSpot allows at most {MAX_FILTERS}"
            ),
            SearchError::TooManySorts(n) => {
                write!(f, "it has {n} sort rules and HubSpot allows {MAX_SORTS}")
            }
            SearchError::Limit(n) => write!(
                f,
                "the page size {n} is out of range: use 1 to {MAX_SEARCH_LIMIT}"
            ),
            SearchError::QueryTooLong(n) => write!(
                f,
                "the query is {n} characters long and HubSpot allows at most {MAX_QUERY_CHARS}"
            ),
            SearchError::BadCursor(after) => write!(
                f,
                "the after cursor {after:?} is not a search cursor (search cursors are result offsets such as \"100\")"
            ),
            SearchError::PastResultLimit { offset } => write!(
                f,
                "the page at offset {offset} lies beyond the {MAX_SEARCH_RESULTS} results HubSpot serves for one search; narrow the filters (for example by a date range) instead"
            ),
            SearchError::BadFilter {
                property,
                operator,
                reason,
            } => write!(
                f,
                "the {operator:?} filter on `{property}` is incomplete: {reason}"
            ),
        }
    }
}

impl std::error::Error for SearchError {}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    enum P {
        Make,
        Year,
    }

    impl PropertyName for P {
        const ALL: &'static [Self] = &[P::Make, P::Year];
        fn as_str(self) -> &'static str {
            match self {
                P::Make => "make",
                P::Year => "year",
            }
        }
        fn label(self) -> &'static str {
            self.as_str()
        }
        fn from_name(_: &str) -> Option<Self> {
            None
        }
    }

    #[test]
    fn body_is_hubspots_shape() {
        let search = Search::new()
            .filter(Filter::eq(P::Make, "Honda"))
            .filter(Filter::between(P::Year, 2000, 2010))
            .or_group([
                Filter::is_in(P::Make, ["Saab", "Volvo"]),
                Filter::has_property(P::Year),
            ])
            .sort_descending(P::Year)
            .properties([P::Make])
            .limit(20)
            .after(Some("40".into()));
        search.check().unwrap();
        assert_eq!(
            serde_json::to_value(search.body()).unwrap(),
            serde_json::json!({
                "filterGroups": [
                    {"filters": [
                        {"propertyName": "make", "operator": "EQ", "value": "Honda"},
                        {"propertyName": "year", "operator": "BETWEEN", "value": "2000", "highValue": "2010"}
                    ]},
                    {"filters": [
                        {"propertyName": "make", "operator": "IN", "values": ["Saab", "Volvo"]},
                        {"propertyName": "year", "operator": "HAS_PROPERTY"}
                    ]}
                ],
                "sorts": [{"propertyName": "year", "direction": "DESCENDING"}],
                "properties": ["make"],
                "limit": 20,
                "after": "40"
            })
        );
        let all = Search::<P>::new();
        assert_eq!(
            serde_json::to_value(all.body()).unwrap()["properties"],
            serde_json::json!(["make", "year"])
        );
    }

    #[test]
    fn dates_and_datetimes_compare_as_epoch_millis() {
        assert_eq!(date(2024, 5, 1).filter_string(), "1714521600000");
        let ts: Timestamp = "2024-05-01T09:30:00.5Z".parse().unwrap();
        assert_eq!(ts.filter_string(), "1714555800500");
        assert_eq!(Decimal::new(45005, 1).filter_string(), "4500.5");
        assert_eq!(true.filter_string(), "true");
    }

    #[test]
    fn limits_are_enforced_with_clear_errors() {
        let f = || Filter::eq(P::Make, "x");
        let mut six_groups = Search::new();
        for _ in 0..6 {
            six_groups = six_groups.or_group([f()]);
        }
        assert_eq!(six_groups.check(), Err(SearchError::TooManyGroups(6)));
        assert_eq!(
            SearchError::TooManyGroups(6).to_string(),
            "it has 6 filter groups and HubSpot allows at most 5; merge groups or run several searches"
        );
        let seven = Search::new().or_group(std::iter::repeat_with(f).take(7));
        assert_eq!(
            seven.check(),
            Err(SearchError::TooManyFiltersInGroup {
                group: 0,
                filters: 7
            })
        );
        let mut nineteen = Search::new();
        for _ in 0..3 {
            nineteen = nineteen.or_group(std::iter::repeat_with(f).take(6));
        }
        assert_eq!(nineteen.check(), Ok(()));
        nineteen = nineteen.or_group([f()]);
        assert_eq!(nineteen.check(), Err(SearchError::TooManyFilters(19)));
        assert_eq!(
            Search::<P>::new().limit(201).check(),
            Err(SearchError::Limit(201))
        );
        assert_eq!(
            Search::<P>::new().limit(0).check(),
            Err(SearchError::Limit(0))
        );
        assert_eq!(
            Search::<P>::new().query("q".repeat(3001)).check(),
            Err(SearchError::QueryTooLong(3001))
        );
        assert_eq!(
            Search::<P>::new()
                .after(Some("9900".into()))
                .limit(101)
                .check(),
            Err(SearchError::PastResultLimit { offset: 9900 })
        );
        assert!(
            Search::<P>::new()
                .after(Some("9900".into()))
                .limit(100)
                .check()
                .is_ok()
        );
        assert_eq!(
            Search::<P>::new()
                .sort_ascending(P::Make)
                .sort_ascending(P::Year)
                .check(),
            Err(SearchError::TooManySorts(2))
        );
        assert!(matches!(
            Search::new()
                .filter(Filter::is_in(P::Make, Vec::<String>::new()))
                .check(),
            Err(SearchError::BadFilter {
                property: "make",
                operator: Operator::In,
                ..
            })
        ));
        assert_eq!(
            Search::<P>::new().or_group([]).check(),
            Err(SearchError::EmptyGroup(0))
        );
    }
}
