//! The batch endpoints (`/crm/v3/objects/{objectType}/batch/{read,create,update,upsert,
//! archive}`): inputs chunked to HubSpot's 100 per request, and every failure reported
//! against the inputs it concerns ([`BatchOutcome`]), whether HubSpot answered 207 with
//! per-input errors or a whole request failed.
//!
//! Each write input carries `objectWriteTraceId` = its index in the caller's list, so
//! results and errors that HubSpot tags with it map back to the input; reads and
//! archives map by record id.

use std::collections::BTreeMap;
use std::fmt;

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Objects, bulk, refused};
use crate::Error;
use crate::client::execute::ApiRequest;
use crate::object::{CrmObject, PropertyName};
use crate::record::Record;
use crate::schema::ErrorDetail;
use crate::write::{ObjectWrite, PropertyWrites};

/// Inputs per batch request (HubSpot's limit).
pub const BATCH_SIZE: usize = 100;

/// One error entry of a 207 answer (`StandardError`), leniently.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StandardError {
    /// The HTTP status of this input (`"400"`, `"404"`).
    #[serde(default)]
    pub status: Option<String>,
    /// `VALIDATION_ERROR`, `OBJECT_NOT_FOUND`, …
    #[serde(default)]
    pub category: Option<String>,
    /// A more specific category, when HubSpot sends one.
    #[serde(default)]
    pub sub_category: Option<Value>,
    /// HubSpot's message.
    #[serde(default)]
    pub message: Option<String>,
    /// Context such as `{"ids": ["512"]}` or `{"objectWriteTraceId": ["3"]}`.
    #[serde(default)]
    pub context: BTreeMap<String, Vec<String>>,
    /// Detail entries (which property, which rule).
    #[serde(default)]
    pub errors: Vec<ErrorDetail>,
}

impl fmt::Display for StandardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message.as_deref().unwrap_or("(no message)"))?;
        if let Some(category) = &self.category {
            write!(f, " ({category})")?;
        }
        let details: Vec<String> = self
            .errors
            .iter()
            .map(|e| match &e.r#in {
                Some(field) => format!("{field}: {}", e.message),
                None => e.message.clone(),
            })
            .collect();
        if !details.is_empty() {
            write!(f, "; details: {}", details.join("; "))?;
        }
        Ok(())
    }
}

/// Why inputs of a batch failed.
#[derive(Debug)]
pub enum BatchError {
    /// HubSpot rejected these inputs (a 207 answer's `errors[]` entry).
    Rejected(StandardError),
    /// The whole request carrying these inputs failed (validation of the batch, auth,
    /// rate limit, gateway, …); none of them was applied, unless the error says it may
    /// have been.
    Request(Error),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Rejected(error) => write!(f, "HubSpot rejected it: {error}"),
            BatchError::Request(error) => write!(f, "its request failed: {error}"),
        }
    }
}

/// A failure and the inputs it concerns.
#[derive(Debug)]
pub struct BatchFailure {
    /// Indices into the caller's inputs; empty when HubSpot did not say which.
    pub inputs: Vec<usize>,
    /// What went wrong.
    pub error: BatchError,
}

/// What a batch call did: what succeeded (in input order where HubSpot says which input
/// a result is for) and every failure with its inputs. Nothing is swallowed: an input is
/// either among `results` or named by a failure (or HubSpot did not say).
#[derive(Debug)]
pub struct BatchOutcome<R> {
    /// The records HubSpot returned.
    pub results: Vec<R>,
    /// The failures.
    pub failures: Vec<BatchFailure>,
}

impl<R> Default for BatchOutcome<R> {
    fn default() -> Self {
        BatchOutcome {
            results: Vec::new(),
            failures: Vec::new(),
        }
    }
}

impl<R> BatchOutcome<R> {
    /// True when nothing failed.
    pub fn is_complete(&self) -> bool {
        self.failures.is_empty()
    }

    /// The indices of every input a failure names, sorted.
    pub fn failed_inputs(&self) -> Vec<usize> {
        let mut inputs: Vec<usize> = self
            .failures
            .iter()
            .flat_map(|f| f.inputs.iter().copied())
            .collect();
        inputs.sort_unstable();
        inputs.dedup();
        inputs
    }

    /// The results when nothing failed, else the failures (with how many succeeded).
    pub fn into_result(self) -> Result<Vec<R>, BatchIncomplete> {
        if self.failures.is_empty() {
            Ok(self.results)
        } else {
            Err(BatchIncomplete {
                succeeded: self.results.len(),
                failures: self.failures,
            })
        }
    }
}

/// A batch in which some inputs failed ([`BatchOutcome::into_result`]).
#[derive(Debug)]
pub struct BatchIncomplete {
    /// How many inputs succeeded.
    pub succeeded: usize,
    /// The failures.
    pub failures: Vec<BatchFailure>,
}

impl fmt::Display for BatchIncomplete {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} batch input(s) succeeded and {} failure(s) were reported:",
            self.succeeded,
            self.failures.len()
        )?;
        for failure in &self.failures {
            if failure.inputs.is_empty() {
                write!(f, " [inputs not named] {};", failure.error)?;
            } else {
                write!(f, " inputs {:?}: {};", failure.inputs, failure.error)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for BatchIncomplete {}

/// An upsert result: the record, and whether it was created.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Upserted<T> {
    /// The record.
    #[serde(flatten)]
    pub record: Record<T>,
    /// True when the upsert created the record.
    #[serde(default)]
    pub new: bool,
}

/// A result with the trace id HubSpot echoes.
#[derive(Deserialize)]
struct Traced<R> {
    #[serde(rename = "objectWriteTraceId", default)]
    trace: Option<String>,
    #[serde(flatten)]
    item: R,
}

/// A 200/201/207 batch answer.
#[derive(Deserialize)]
struct BatchBody<R> {
    #[serde(default = "Vec::new")]
    results: Vec<Traced<R>>,
    #[serde(default)]
    errors: Vec<StandardError>,
}

#[derive(Serialize)]
struct Inputs<I> {
    inputs: Vec<I>,
}

#[derive(Serialize)]
struct IdInput<'a> {
    id: &'a str,
}

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
#[serde(rename_all = "camelCase")]
struct WriteInput<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id_property: Option<&'static str>,
    object_write_trace_id: String,
    properties: &'a BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    associations: Option<[(); 0]>,
}

/// Which inputs an error names: by trace id (our input index) or by record id.
fn inputs_named(error: &StandardError, ids: &[&str], base: usize, len: usize) -> Vec<usize> {
    let mut inputs = Vec::new();
    for trace in error
        .context
        .get("objectWriteTraceId")
        .into_iter()
        .flatten()
    {
        if let Ok(index) = trace.parse::<usize>()
            && (base..base + len).contains(&index)
        {
            inputs.push(index);
        }
    }
    for id in error.context.get("ids").into_iter().flatten() {
        inputs.extend(
            ids.iter()
                .enumerate()
                .filter(|(_, input)| *input == id)
                .map(|(i, _)| base + i),
        );
    }
    inputs.sort_unstable();
    inputs.dedup();
    inputs
}

impl<T: CrmObject + DeserializeOwned> Objects<T> {
    /// Send one chunk; fold its answer (or failure) into `outcome`.
    async fn run_chunk<R: DeserializeOwned>(
        &self,
        request: Result<ApiRequest, Error>,
        ids: &[&str],
        base: usize,
        len: usize,
        outcome: &mut BatchOutcome<(usize, R)>,
    ) {
        let answer = match request {
            Ok(request) => self.client.send_json::<BatchBody<R>>(&request).await,
            Err(error) => Err(error),
        };
        fold_chunk(answer, ids, base, len, outcome);
    }

    /// The batch endpoint under the account's own object type key.
    async fn batch_path(&self, action: &str) -> Result<String, Error> {
        let objects = self.on_account().await?;
        Ok(format!("{}/batch/{action}", objects.collection()?))
    }

    /// `POST …/batch/read`: these records (by id, or by the unique `id_property`), with
    /// `properties` (all when `None`): any number of ids, 100 per request, the
    /// requests sent [`Client::bulk_concurrency`](crate::Client::bulk_concurrency) at
    /// a time under the client's limiter. Results come in input order; ids not found
    /// (HubSpot's 207 `errors[]`) and failed requests are failures naming their inputs.
    pub async fn batch_read(
        &self,
        ids: &[&str],
        properties: Option<&[T::Property]>,
        id_property: Option<T::Property>,
    ) -> Result<BatchOutcome<Record<T>>, Error> {
        let names: Vec<&'static str> = match properties {
            Some(chosen) => chosen.iter().map(|p| p.as_str()).collect(),
            None => <T::Property as PropertyName>::ALL
                .iter()
                .map(|p| p.as_str())
                .collect(),
        };
        let path = self.batch_path("read").await?;
        let requests: Vec<(usize, &[&str], Result<ApiRequest, Error>)> = ids
            .chunks(BATCH_SIZE)
            .enumerate()
            .map(|(chunk_index, chunk)| {
                let body = ReadBody {
                    inputs: chunk.iter().map(|id| IdInput { id }).collect(),
                    properties: names.clone(),
                    properties_with_history: [],
                    id_property: id_property.map(|p| p.as_str()),
                };
                let request = ApiRequest::new(Method::POST, path.clone())
                    .json(&body)
                    .map(|r| r.idempotent(true).scope(self.scopes().read));
                (chunk_index * BATCH_SIZE, chunk, request)
            })
            .collect();
        // Chunks go out concurrently (each under the limiter); answers come back in
        // chunk order.
        let answers = bulk::in_order(
            requests,
            self.client.bulk_concurrency(),
            |(base, chunk, request)| async move {
                let answer = match request {
                    Ok(request) => {
                        self.client
                            .send_json::<BatchBody<Record<T>>>(&request)
                            .await
                    }
                    Err(error) => Err(error),
                };
                (base, chunk, answer)
            },
        )
        .await;
        let mut outcome = BatchOutcome::default();
        for (base, chunk, answer) in answers {
            fold_chunk(answer, chunk, base, chunk.len(), &mut outcome);
        }
        // Reads are not traced: order by the position of each record's id in `ids`.
        let positions = bulk::positions(ids);
        outcome
            .results
            .sort_by_key(|(_, record): &(usize, Record<T>)| {
                positions
                    .get(record.id.as_str())
                    .copied()
                    .unwrap_or(usize::MAX)
            });
        Ok(strip(outcome))
    }

    /// `POST …/batch/create`: create a record per write, 100 per request. Every write is
    /// checked (read-only, required) before the first request.
    pub async fn batch_create<W: ObjectWrite<Object = T>>(
        &self,
        writes: &[W],
    ) -> Result<BatchOutcome<Record<T>>, Error> {
        let checked = writes
            .iter()
            .map(PropertyWrites::for_create)
            .collect::<Result<Vec<_>, _>>()
            .map_err(refused)?;
        let inputs: Vec<(Option<&str>, &PropertyWrites)> =
            checked.iter().map(|w| (None, w)).collect();
        self.batch_write("create", &inputs, None, true).await
    }

    /// `POST …/batch/update`: update record `id` with its write, for each pair, 100 per
    /// request.
    pub async fn batch_update<W: ObjectWrite<Object = T>>(
        &self,
        updates: &[(&str, W)],
    ) -> Result<BatchOutcome<Record<T>>, Error> {
        let checked = updates
            .iter()
            .map(|(_, w)| PropertyWrites::for_update(w))
            .collect::<Result<Vec<_>, _>>()
            .map_err(refused)?;
        let inputs: Vec<(Option<&str>, &PropertyWrites)> = updates
            .iter()
            .zip(&checked)
            .map(|((id, _), w)| (Some(*id), w))
            .collect();
        self.batch_write("update", &inputs, None, false).await
    }

    /// `POST …/batch/upsert`: for each `(value, write)`, update the record whose unique
    /// `id_property` is `value`, or create it. Upserts may create, so each write must
    /// set the required properties.
    pub async fn batch_upsert<W: ObjectWrite<Object = T>>(
        &self,
        id_property: T::Property,
        upserts: &[(&str, W)],
    ) -> Result<BatchOutcome<Upserted<T>>, Error> {
        let checked = upserts
            .iter()
            .map(|(_, w)| PropertyWrites::for_create(w))
            .collect::<Result<Vec<_>, _>>()
            .map_err(refused)?;
        let inputs: Vec<(Option<&str>, &PropertyWrites)> = upserts
            .iter()
            .zip(&checked)
            .map(|((id, _), w)| (Some(*id), w))
            .collect();
        self.batch_write("upsert", &inputs, Some(id_property.as_str()), false)
            .await
    }

    async fn batch_write<R: DeserializeOwned>(
        &self,
        action: &str,
        inputs: &[(Option<&str>, &PropertyWrites)],
        id_property: Option<&'static str>,
        create: bool,
    ) -> Result<BatchOutcome<R>, Error> {
        let path = self.batch_path(action).await?;
        let ids: Vec<&str> = inputs.iter().map(|(id, _)| id.unwrap_or("")).collect();
        let mut outcome = BatchOutcome::default();
        for (chunk_index, chunk) in inputs.chunks(BATCH_SIZE).enumerate() {
            let base = chunk_index * BATCH_SIZE;
            let body = Inputs {
                inputs: chunk
                    .iter()
                    .enumerate()
                    .map(|(i, (id, writes))| WriteInput {
                        id: *id,
                        id_property,
                        object_write_trace_id: (base + i).to_string(),
                        properties: writes.as_map(),
                        associations: create.then_some([]),
                    })
                    .collect(),
            };
            // Creates are not idempotent; updates and upserts set values, so they are.
            let request = ApiRequest::new(Method::POST, path.clone())
                .json(&body)
                .map(|r| r.idempotent(!create).scope(self.scopes().write));
            let chunk_ids = &ids[base..base + chunk.len()];
            self.run_chunk(request, chunk_ids, base, chunk.len(), &mut outcome)
                .await;
        }
        outcome.results.sort_by_key(|(index, _)| *index);
        Ok(strip(outcome))
    }

    /// `POST …/batch/archive`: archive these records, 100 per request. HubSpot answers
    /// 204 without per-record detail (archiving a missing record is not an error).
    pub async fn batch_archive(&self, ids: &[&str]) -> Result<BatchOutcome<String>, Error> {
        let path = self.batch_path("archive").await?;
        let mut outcome = BatchOutcome::default();
        for (chunk_index, chunk) in ids.chunks(BATCH_SIZE).enumerate() {
            let base = chunk_index * BATCH_SIZE;
            let body = Inputs {
                inputs: chunk.iter().map(|id| IdInput { id }).collect(),
            };
            // Archiving twice leaves the same state: safe to repeat.
            let request = ApiRequest::new(Method::POST, path.clone())
                .json(&body)
                .map(|r| r.idempotent(true).scope(self.scopes().write));
            let sent = match request {
                Ok(request) => self.client.send_no_content(&request).await,
                Err(error) => Err(error),
            };
            match sent {
                Ok(()) => outcome
                    .results
                    .extend(chunk.iter().map(|id| (*id).to_owned())),
                Err(error) => outcome.failures.push(BatchFailure {
                    inputs: (base..base + chunk.len()).collect(),
                    error: BatchError::Request(error),
                }),
            }
        }
        Ok(outcome)
    }
}

/// Fold one chunk's answer (or failure) into `outcome`.
fn fold_chunk<R>(
    answer: Result<BatchBody<R>, Error>,
    ids: &[&str],
    base: usize,
    len: usize,
    outcome: &mut BatchOutcome<(usize, R)>,
) {
    match answer {
        Ok(body) => {
            for traced in body.results {
                let index = traced
                    .trace
                    .as_deref()
                    .and_then(|t| t.parse::<usize>().ok())
                    .unwrap_or(usize::MAX);
                outcome.results.push((index, traced.item));
            }
            for error in body.errors {
                outcome.failures.push(BatchFailure {
                    inputs: inputs_named(&error, ids, base, len),
                    error: BatchError::Rejected(error),
                });
            }
        }
        Err(error) => outcome.failures.push(BatchFailure {
            inputs: (base..base + len).collect(),
            error: BatchError::Request(error),
        }),
    }
}

fn strip<R>(outcome: BatchOutcome<(usize, R)>) -> BatchOutcome<R> {
    BatchOutcome {
        results: outcome.results.into_iter().map(|(_, r)| r).collect(),
        failures: outcome.failures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_inputs_by_trace_id_or_record_id() {
        let error: StandardError = serde_json::from_str(
            r#"{"status":"error","category":"VALIDATION_ERROR","message":"bad","context":{"objectWriteTraceId":["101","7"]}}"#,
        )
        .unwrap();
        // only indices of this chunk (100..200) count
        assert_eq!(inputs_named(&error, &[], 100, 100), [101]);
        let missing: StandardError = serde_json::from_str(
            r#"{"status":"error","category":"OBJECT_NOT_FOUND","message":"Could not get some objects, they may be deleted or not exist.","context":{"ids":["9","3"]}}"#,
        )
        .unwrap();
        assert_eq!(inputs_named(&missing, &["3", "4", "9"], 0, 3), [0, 2]);
        assert_eq!(
            missing.to_string(),
            "Could not get some objects, they may be deleted or not exist. (OBJECT_NOT_FOUND)"
        );
    }

    #[test]
    fn incomplete_lists_every_failure() {
        let outcome: BatchOutcome<u8> = BatchOutcome {
            results: vec![1],
            failures: vec![BatchFailure {
                inputs: vec![1],
                error: BatchError::Rejected(StandardError {
                    message: Some("Property values were not valid".into()),
                    category: Some("VALIDATION_ERROR".into()),
                    ..StandardError::default()
                }),
            }],
        };
        assert_eq!(outcome.failed_inputs(), [1]);
        let err = outcome.into_result().unwrap_err();
        assert_eq!(
            err.to_string(),
            "1 batch input(s) succeeded and 1 failure(s) were reported: inputs [1]: HubSpot rejected it: Property values were not valid (VALIDATION_ERROR);"
        );
    }
}
