//! Collections, paging through `@odata.nextLink`, and delta queries.

use std::collections::HashSet;

use futures::{Stream, TryStreamExt};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::runtime::error::Error;
use crate::runtime::request::Request;
use crate::runtime::types::{serde_int64, AdditionalData};

/// One page of a Graph collection response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "I: Deserialize<'de>", serialize = "I: Serialize"))]
pub struct Collection<I> {
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub value: Vec<I>,
    /// `@odata.nextLink`: the next page, absolute and already encoded.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: present on the last page of a delta round.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    /// `@odata.count` (with `$count=true`).
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none",
        with = "serde_int64::option"
    )]
    pub count: Option<i64>,
    /// Every other property (`@odata.context`, ...).
    #[serde(flatten)]
    pub additional_data: AdditionalData,
}

/// The result of a delta round: every changed item, and the link for the next round.
#[derive(Debug, Clone, PartialEq)]
pub struct DeltaPage<I> {
    /// Items from all pages; removed items carry `@removed` in their additional data.
    pub items: Vec<I>,
    /// `@odata.deltaLink`; store it and resume with `client.follow::<Collection<I>>(link).delta()`.
    pub delta_link: String,
}

impl<I> Request<Collection<I>>
where
    I: DeserializeOwned + Send + 'static,
{
    /// Every page, following `@odata.nextLink` byte for byte (never decoded or re-encoded; the
    /// one exception is the HTTP stack's WHATWG URL parser, which sends a literal `'` in a query
    /// as `%27`). The link keeps this request's headers (e.g. `ConsistencyLevel`) but not its
    /// query options, which the link already carries. A link that points back to an already
    /// visited page yields [`Error::PagingLoop`] and ends the stream; any error ends it.
    pub fn pages(self) -> impl Stream<Item = Result<Collection<I>, Error>> + Send + 'static {
        futures::stream::unfold(Pager::new(self), |mut pager| async move {
            let page = pager.next_page().await?;
            Some((page.map(|(_, page)| page), pager))
        })
    }

    /// Every item of every page (see [`pages`](Self::pages)).
    pub fn stream(self) -> impl Stream<Item = Result<I, Error>> + Send + 'static {
        self.pages()
            .map_ok(|page| futures::stream::iter(page.value.into_iter().map(Ok)))
            .try_flatten()
    }

    /// Pages until `@odata.deltaLink` and returns all items with that link. Start a first round
    /// from the generated `delta()` operation, later rounds from a stored link with
    /// [`Client::follow`](crate::runtime::Client::follow).
    pub async fn delta(self) -> Result<DeltaPage<I>, Error> {
        let mut pager = Pager::new(self);
        let mut items = Vec::new();
        let mut last_url = String::new();
        while let Some(page) = pager.next_page().await {
            let (url, page) = page?;
            items.extend(page.value);
            if let Some(delta_link) = page.delta_link {
                return Ok(DeltaPage { items, delta_link });
            }
            last_url = url;
        }
        Err(Error::MissingDeltaLink { url: last_url })
    }
}

/// Paging state: the request for the next page and every URL fetched so far.
struct Pager<I> {
    next: Option<Request<Collection<I>>>,
    visited: HashSet<String>,
}

impl<I: DeserializeOwned> Pager<I> {
    fn new(first: Request<Collection<I>>) -> Self {
        Pager {
            next: Some(first),
            visited: HashSet::new(),
        }
    }

    /// The next page with its URL, or `None` when there is none (after an error too).
    async fn next_page(&mut self) -> Option<Result<(String, Collection<I>), Error>> {
        let request = self.next.take()?;
        Some(self.fetch(request).await)
    }

    async fn fetch(
        &mut self,
        request: Request<Collection<I>>,
    ) -> Result<(String, Collection<I>), Error> {
        let url = request.url()?;
        if !self.visited.insert(url.clone()) {
            return Err(Error::PagingLoop { url });
        }
        let template = request.clone();
        let page = request.send().await?;
        if let Some(link) = &page.next_link {
            self.next = Some(template.follow_link(link)?);
        }
        Ok((url, page))
    }
}
