//! Reads of wide objects: no request URL grows past what HubSpot serves.
//!
//! `get` and `list` name the properties to read in the query string, and real accounts
//! carry 300–950 properties on contacts or deals: `properties=a,b,…` of 900 names is
//! 15–25 KiB, while HubSpot's front end (and the sandbox) refuse request lines over
//! 8 KiB. The strategy, decided per request by the length of the URL the request would
//! have ([`URL_BUDGET`]):
//!
//! - **Within the budget** (every object with up to about 250 typical property names):
//!   the plain `GET`, one request, as before.
//! - **`get` over the budget:** `POST /crm/v3/objects/{objectType}/batch/read` with the
//!   one id (or `idProperty` value) as its only input and the property names in the
//!   JSON body, which has no such limit (`archived` stays a query parameter). Batch
//!   reads carry no associations, so when associations are asked for, a second, narrow
//!   `GET` of the record (`properties=hs_object_id&associations=…`) fetches them.
//! - **`list` over the budget:** each page is listed with `properties=hs_object_id`
//!   (paging, `archived` and associations as asked), then that page's ids (at most 100,
//!   one batch) are read through `batch/read` with every property in the body. Records
//!   keep the listing's order and associations; a record archived between the two
//!   requests is left out of the page, as a later list would leave it out.
//!
//! Search needs nothing: its properties already travel in the body. Two requests
//! instead of one only where one cannot work; both go through the same executor, so
//! auth, retries and pacing apply to each.

use std::collections::HashMap;

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{ListOptions, Objects, ReadOptions, StandardError};
use crate::Error;
use crate::client::execute::ApiRequest;
use crate::object::{CrmObject, PropertyName};
use crate::record::{Record, RecordPage};
use crate::schema::ApiErrorBody;

/// The longest URL (base URL, path and query) a read sends, in bytes. HubSpot refuses
/// request lines over 8 KiB; 6 KiB leaves room for the method, the protocol and a
/// proxy's rewriting.
pub const URL_BUDGET: usize = 6 * 1024;

/// The length of `base_url` + `path` + `?` + the query as it is sent
/// (`application/x-www-form-urlencoded`, as reqwest writes it: `,` → `%2C`).
pub(crate) fn url_len(base_url: &str, path: &str, query: &[(&'static str, String)]) -> usize {
    let query_len: usize = query
        .iter()
        .map(|(name, value)| encoded_len(name) + 1 + encoded_len(value))
        .sum::<usize>()
        + query.len().saturating_sub(1);
    base_url.len() + path.len() + usize::from(!query.is_empty()) + query_len
}

fn encoded_len(text: &str) -> usize {
    url::form_urlencoded::byte_serialize(text.as_bytes())
        .map(str::len)
        .sum()
}

/// Whether a `GET` with this query stays within [`URL_BUDGET`].
pub(crate) fn fits_in_url(base_url: &str, path: &str, query: &[(&'static str, String)]) -> bool {
    url_len(base_url, path, query) <= URL_BUDGET
}

/// The body of `POST …/batch/read` (`BatchReadInputSimplePublicObjectId`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReadBody<'a> {
    inputs: Vec<IdInput<'a>>,
    properties: Vec<&'static str>,
    properties_with_history: [(); 0],
    #[serde(skip_serializing_if = "Option::is_none")]
    id_property: Option<&'static str>,
}

#[derive(Serialize)]
struct IdInput<'a> {
    id: &'a str,
}

/// The answer of `batch/read` (200, or 207 with per-input errors).
#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct BatchRead<T> {
    #[serde(default = "Vec::new")]
    results: Vec<Record<T>>,
    #[serde(default)]
    errors: Vec<StandardError>,
}

impl<T: CrmObject + DeserializeOwned> Objects<T> {
    /// `POST …/batch/read` of `ids` (at most 100) with `properties` in the body.
    async fn read_in_body(
        &self,
        ids: &[&str],
        properties: Vec<&'static str>,
        id_property: Option<T::Property>,
        archived: bool,
    ) -> Result<(String, BatchRead<T>), Error> {
        let path = format!("{}/batch/read", self.collection()?);
        let body = ReadBody {
            inputs: ids.iter().map(|id| IdInput { id }).collect(),
            properties,
            properties_with_history: [],
            id_property: id_property.map(|p| p.as_str()),
        };
        let mut request = ApiRequest::new(Method::POST, path.clone())
            .json(&body)?
            // A read: repeating it is harmless.
            .idempotent(true)
            .scope(self.scopes().read);
        if archived {
            request = request.query("archived", true);
        }
        Ok((path, self.client.send_json(&request).await?))
    }

    /// [`get_with`](Objects::get_with) of a record whose `GET` URL would be too long.
    pub(super) async fn get_wide(
        &self,
        id: &str,
        options: &ReadOptions<T::Property>,
    ) -> Result<Record<T>, Error> {
        let (path, answer) = self
            .read_in_body(
                &[id],
                options.property_names(),
                options.id_property,
                options.archived,
            )
            .await?;
        let Some(mut record) = answer.results.into_iter().next() else {
            return Err(not_found::<T>(id, path, answer.errors.into_iter().next()));
        };
        if !options.associations.is_empty() {
            let mut request = ApiRequest::new(Method::GET, self.item(id)?)
                .query("properties", "hs_object_id")
                .query("associations", options.associations.join(","));
            if options.archived {
                request = request.query("archived", true);
            }
            if let Some(property) = options.id_property {
                request = request.query("idProperty", property.as_str());
            }
            let narrow: Record<T> = self
                .client
                .send_json(&request.scope(self.scopes().read))
                .await?;
            record.associations = narrow.associations;
        }
        Ok(record)
    }

    /// [`list_page`](Objects::list_page) of an object whose `GET` URL would be too long:
    /// the page's ids by `GET`, their properties by `batch/read`.
    pub(super) async fn list_page_wide(
        &self,
        after: Option<&str>,
        options: &ListOptions<T::Property>,
    ) -> Result<RecordPage<T>, Error> {
        let read = &options.read;
        let mut request = ApiRequest::new(Method::GET, self.collection()?)
            .query("properties", "hs_object_id")
            .query("limit", options.page_size);
        if !read.associations.is_empty() {
            request = request.query("associations", read.associations.join(","));
        }
        if read.archived {
            request = request.query("archived", true);
        }
        if let Some(after) = after {
            request = request.query("after", after);
        }
        let listed: RecordPage<T> = self
            .client
            .send_json(&request.scope(self.scopes().read))
            .await?;
        if listed.results.is_empty() {
            return Ok(listed);
        }
        let ids: Vec<&str> = listed.results.iter().map(|r| r.id.as_str()).collect();
        let (_, answer) = self
            .read_in_body(&ids, read.property_names(), None, read.archived)
            .await?;
        Ok(merge_page(listed, answer.results))
    }
}

/// The listed page with each record's properties and timestamps from `read`, in the
/// listing's order, keeping the listing's associations and paging; records `read`
/// lacks are left out.
fn merge_page<T>(listed: RecordPage<T>, read: Vec<Record<T>>) -> RecordPage<T> {
    let mut by_id: HashMap<String, Record<T>> =
        read.into_iter().map(|r| (r.id.clone(), r)).collect();
    let results = listed
        .results
        .into_iter()
        .filter_map(|listed| {
            let mut record = by_id.remove(&listed.id)?;
            record.associations = listed.associations;
            Some(record)
        })
        .collect();
    RecordPage {
        results,
        paging: listed.paging,
        total: listed.total,
    }
}

/// The error of a batch read that found nothing: a 404 like the `GET` would have
/// answered, with HubSpot's per-input error as the body.
fn not_found<T: CrmObject>(id: &str, path: String, error: Option<StandardError>) -> Error {
    let error = error.unwrap_or_default();
    Error::Api {
        status: 404,
        method: "POST".to_owned(),
        path,
        body: Box::new(ApiErrorBody {
            status: Some("error".to_owned()),
            message: Some(
                error.message.unwrap_or_else(|| {
                    format!("No {} record {id:?} was found.", T::SINGULAR_LABEL)
                }),
            ),
            category: Some(
                error
                    .category
                    .unwrap_or_else(|| "OBJECT_NOT_FOUND".to_owned()),
            ),
            errors: error.errors,
            ..ApiErrorBody::default()
        }),
        snippet: None,
        maybe_processed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn properties(count: usize) -> String {
        (0..count)
            .map(|i| format!("custom_property_{i:03}"))
            .collect::<Vec<_>>()
            .join(",")
    }

    #[test]
    fn url_length_counts_the_encoded_query() {
        let base = "https://api.hubapi.com";
        let path = "/crm/v3/objects/contacts/1";
        assert_eq!(url_len(base, path, &[]), base.len() + path.len());
        // `?properties=a%2Cb&limit=10`
        let query = [("properties", "a,b".to_owned()), ("limit", "10".to_owned())];
        assert_eq!(
            url_len(base, path, &query),
            base.len() + path.len() + "?properties=a%2Cb&limit=10".len()
        );
        // Spaces and non-ASCII are encoded too.
        let query = [("after", "é x".to_owned())];
        assert_eq!(url_len("", "", &query), "?after=%C3%A9+x".len());
    }

    #[test]
    fn a_few_hundred_properties_fit_a_thousand_do_not() {
        let base = "https://api.hubapi.com";
        let path = "/crm/v3/objects/contacts";
        let with = |count| {
            [
                ("properties", properties(count)),
                ("limit", "100".to_owned()),
            ]
        };
        assert!(fits_in_url(base, path, &with(20)));
        assert!(fits_in_url(base, path, &with(200)));
        assert!(!fits_in_url(base, path, &with(300)));
        assert!(!fits_in_url(base, path, &with(1000)));
        // Exactly at the budget fits; one byte more does not.
        let fixed = url_len(base, path, &[("properties", String::new())]);
        let at_budget = [("properties", "x".repeat(URL_BUDGET - fixed))];
        assert_eq!(url_len(base, path, &at_budget), URL_BUDGET);
        assert!(fits_in_url(base, path, &at_budget));
        let over = [("properties", "x".repeat(URL_BUDGET - fixed + 1))];
        assert!(!fits_in_url(base, path, &over));
        // Every comma costs three bytes once encoded.
        let commas = [("properties", ",".repeat(URL_BUDGET / 3))];
        assert!(!fits_in_url(base, path, &commas));
    }

    #[derive(Debug, PartialEq, Default)]
    struct P(&'static str);

    fn record(id: &str, props: &'static str, association: Option<&str>) -> Record<P> {
        let mut record = Record {
            id: id.to_owned(),
            properties: P(props),
            ..Record::default()
        };
        if let Some(to) = association {
            record
                .associations
                .insert(to.to_owned(), Default::default());
        }
        record
    }

    #[test]
    fn a_wide_page_keeps_the_listing_order_and_associations() {
        let listed = RecordPage {
            results: vec![
                record("3", "", Some("contacts")),
                record("1", "", None),
                record("2", "", None),
            ],
            paging: None,
            total: Some(3),
        };
        // The batch answers in its own order and lacks record 1 (archived meanwhile).
        let read = vec![record("2", "two", None), record("3", "three", None)];
        let page = merge_page(listed, read);
        assert_eq!(page.total, Some(3));
        assert_eq!(
            page.results,
            vec![
                record("3", "three", Some("contacts")),
                record("2", "two", None)
            ]
        );
    }
}
