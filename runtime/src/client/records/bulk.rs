//! Bulk reads at the rate budget: the page streams of `list` and `search_all` fetch
//! the next page while the caller works on the current one; `batch_read` sends its
//! chunks concurrently ([`Client::bulk_concurrency`](crate::Client::bulk_concurrency),
//! every request under the client's limiter) and puts results back in input order;
//! `search_all` goes past HubSpot's 10,000-result cap of one search by re-querying.

use std::collections::HashMap;

use futures::stream::{self, Stream, StreamExt, TryStreamExt};
use serde::de::DeserializeOwned;

use super::search::MAX_SEARCH_RESULTS;
use super::{Objects, Search};
use crate::Error;
use crate::object::{CrmObject, PropertyName};
use crate::record::{Record, RecordPage};

/// A page being fetched by its own task, so it progresses while the caller handles
/// the page before it; aborted when the stream is dropped.
struct Prefetch<T>(tokio::task::JoinHandle<Result<RecordPage<T>, Error>>);

impl<T: Send + 'static> Prefetch<T> {
    fn spawn(
        fetch: impl Future<Output = Result<RecordPage<T>, Error>> + Send + 'static,
    ) -> Prefetch<T> {
        Prefetch(tokio::spawn(fetch))
    }

    async fn page(mut self) -> Result<RecordPage<T>, Error> {
        match (&mut self.0).await {
            Ok(page) => page,
            Err(join) => std::panic::resume_unwind(join.into_panic()),
        }
    }
}

impl<T> Drop for Prefetch<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A stream of records over pages. `next(None)` starts the first page; `next(Some(page))`
/// the one after `page`, or `None` when `page` was the last. Each page is requested as
/// soon as the one before it arrives. The stream ends after the first error.
pub(super) fn prefetched<T, F, Fut>(
    next: F,
) -> impl Stream<Item = Result<Record<T>, Error>> + Send + 'static
where
    T: Send + 'static,
    F: FnMut(Option<&RecordPage<T>>) -> Option<Fut> + Send + 'static,
    Fut: Future<Output = Result<RecordPage<T>, Error>> + Send + 'static,
{
    enum Next<T> {
        Start,
        Fetching(Prefetch<T>),
        Done,
    }
    stream::try_unfold((Next::Start, next), |(state, mut next)| async move {
        let pending = match state {
            Next::Start => match next(None) {
                Some(fetch) => Prefetch::spawn(fetch),
                None => return Ok(None),
            },
            Next::Fetching(pending) => pending,
            Next::Done => return Ok(None),
        };
        let page = pending.page().await?;
        let state = match next(Some(&page)) {
            Some(fetch) => Next::Fetching(Prefetch::spawn(fetch)),
            None => Next::Done,
        };
        Ok(Some((
            stream::iter(page.results.into_iter().map(Ok)),
            (state, next),
        )))
    })
    .try_flatten()
    .boxed()
}

/// A page stream following `paging.next.after`: `fetch(after)` gets one page.
pub(super) fn paged<T, F, Fut>(
    mut fetch: F,
) -> impl Stream<Item = Result<Record<T>, Error>> + Send + 'static
where
    T: Send + 'static,
    F: FnMut(Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<RecordPage<T>, Error>> + Send + 'static,
{
    prefetched(move |previous: Option<&RecordPage<T>>| match previous {
        None => Some(fetch(None)),
        Some(page) => page.next_after().map(|after| fetch(Some(after.to_owned()))),
    })
}

/// Run `send` over `inputs`, at most `limit` at a time; the outputs in input order.
pub(super) async fn in_order<I, O, Fut>(
    inputs: Vec<I>,
    limit: usize,
    send: impl FnMut(I) -> Fut,
) -> Vec<O>
where
    Fut: Future<Output = O>,
{
    stream::iter(inputs)
        .map(send)
        .buffered(limit.max(1))
        .collect()
        .await
}

/// Each id's first position in `ids`, to put batch results back in input order.
pub(super) fn positions<'a>(ids: &[&'a str]) -> HashMap<&'a str, usize> {
    let mut positions = HashMap::with_capacity(ids.len());
    for (index, id) in ids.iter().enumerate() {
        positions.entry(*id).or_insert(index);
    }
    positions
}

/// The property every object has: the record id, as a number.
const RECORD_ID: &str = "hs_object_id";

/// Where the next page of a `search_all` starts: after the cursor, or over again
/// with `hs_object_id` above the last id seen when the cursor would pass the cap.
fn next_query(
    page_after: &str,
    limit: u32,
    last_id: Option<&str>,
) -> Option<(Option<String>, Option<String>)> {
    let offset: u64 = page_after.parse().unwrap_or(u64::MAX);
    if offset.saturating_add(u64::from(limit)) <= MAX_SEARCH_RESULTS {
        return Some((None, Some(page_after.to_owned())));
    }
    // The cap: query again above the last id seen, from the first result.
    last_id.map(|id| (Some(id.to_owned()), None))
}

impl<T: CrmObject + DeserializeOwned + Send + 'static> Objects<T> {
    /// Every record matching `search` (from its `after` cursor on), however many:
    /// page after page, the next page requested while the caller handles this one.
    ///
    /// **Ordering:** the records come in ascending record id (`hs_object_id`), not in
    /// the search's own sort (which is replaced). HubSpot serves at most 10,000
    /// results of one search; when paging would pass that cap, the search is sent
    /// again with `hs_object_id` greater than the last id seen ANDed into each filter
    /// group, so every matching record comes exactly once (records created or
    /// changed during the run may or may not be included). The added filter counts
    /// against HubSpot's filter limits (6 per group, 18 in all): a search already at a
    /// limit is refused before anything is sent. Needs `hs_object_id` among the
    /// object's generated properties.
    pub fn search_all(
        &self,
        search: Search<T::Property>,
    ) -> impl Stream<Item = Result<Record<T>, Error>> + Send + 'static {
        let objects = self.clone();
        let id_property = <T::Property as PropertyName>::from_name(RECORD_ID);
        let limit = search.page_limit();
        let first_after = search.after_cursor().map(str::to_owned);
        // The id floor of the query in progress (`hs_object_id` greater than it).
        let mut floor: Option<String> = None;
        prefetched(move |previous: Option<&RecordPage<T>>| {
            let after = match previous {
                None => first_after.clone(),
                Some(page) => {
                    let last = page.results.last().map(|r| r.id.as_str());
                    let (above, after) = next_query(page.next_after()?, limit, last)?;
                    if above.is_some() {
                        floor = above;
                    }
                    after
                }
            };
            let objects = objects.clone();
            let query = id_property.map(|id| search.keyset(id, floor.as_deref(), after));
            Some(async move {
                let query = query.ok_or_else(|| Error::InvalidInput {
                    message: format!(
                        "search_all over {} needs the `{RECORD_ID}` property in the generated property enum to page past HubSpot's 10,000-result cap; regenerate with it, or page with Objects::search.",
                        T::NAME
                    ),
                })?;
                objects.search(&query).await
            })
        })
    }
}
