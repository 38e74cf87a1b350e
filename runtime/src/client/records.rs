//! The CRM objects API (`/crm/v3/objects/{objectType}`) over generated types:
//! [`Objects<T>`], from [`Client::objects`].
//!
//! Records are read into [`Record<T>`] (the generated struct as `properties`) and written
//! from an [`ObjectWrite`] (the generated write type, or [`Changes<T>`](crate::Changes)),
//! checked before any request: no read-only property, every required one on create.
//! Reads choose properties with the generated property enum (default: all of them, so
//! every typed field can be filled). Every call goes through the client's executor, so
//! auth, OAuth refresh and the retry rules apply exactly as for the Schemas API.
//!
//! - `search`: the typed filter builder ([`Search`], [`Filter`]) and HubSpot's limits.
//! - `batch`: the batch endpoints, chunked to 100 inputs, with per-input failures.
//! - `bulk`: bulk reads at the rate budget (page prefetch, concurrent batch reads,
//!   `search_all` past the 10,000-result cap).
//! - `wide`: reads of objects with hundreds of properties, whose property list would
//!   not fit a URL ([`URL_BUDGET`]).
//!
//! Standard objects are addressed by their objects API name, custom objects by object
//! type id (`object_path`); each object's scopes (`scopes`) are the ones a
//! `MISSING_SCOPES` error names.

mod batch;
mod bulk;
mod search;
mod wide;

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use futures::stream::Stream;
use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Client;
use super::execute::ApiRequest;
use super::object_path::{is_standard_object_type_id, records_object_type};
use super::paths::segment;
use super::resolve::is_unknown_object_type;
use super::scopes::{ObjectScopes, object_scopes};
use crate::Error;
use crate::object::{AssociationDef, CrmObject, PropertyName};
use crate::record::{Record, RecordPage};
use crate::write::{ObjectWrite, PropertyWrites, WriteError};
use bulk::paged;

pub use batch::{
    BATCH_SIZE, BatchError, BatchFailure, BatchIncomplete, BatchOutcome, StandardError, Upserted,
};
pub use search::{
    Direction, Filter, FilterValue, MAX_FILTER_GROUPS, MAX_FILTERS, MAX_FILTERS_PER_GROUP,
    MAX_QUERY_CHARS, MAX_SEARCH_LIMIT, MAX_SEARCH_RESULTS, MAX_SORTS, Operator, Search,
    SearchError,
};
pub use wide::URL_BUDGET;

/// The largest page `GET /crm/v3/objects/{objectType}` returns.
pub const MAX_PAGE_SIZE: u32 = 100;

/// The records API for one object type `T` (cheap to clone).
pub struct Objects<T> {
    client: Client,
    object_type: String,
    /// Whether `object_type` is the key to send as is: a standard object's name, an
    /// explicit [`Objects::with_object_type`], or the account's resolved id. Otherwise
    /// it is the snapshot account's id and every call resolves `T::NAME` first.
    resolved: bool,
    _object: PhantomData<fn() -> T>,
}

impl<T> Clone for Objects<T> {
    fn clone(&self) -> Self {
        Objects {
            client: self.client.clone(),
            object_type: self.object_type.clone(),
            resolved: self.resolved,
            _object: PhantomData,
        }
    }
}

impl<T: CrmObject> fmt::Debug for Objects<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Objects")
            .field("object", &T::NAME)
            .field("object_type", &self.object_type)
            .finish()
    }
}

impl Client {
    /// The records of the generated object type `T` (`client.objects::<Cars>()`,
    /// `client.objects::<Contacts>()`): a standard object (type id `0-…`) is addressed
    /// by its objects API name (`/crm/v3/objects/contacts`), a custom object by the
    /// object type id the account this client talks to has for `T::NAME` (listed once
    /// per client, see [`Client::resolve_object_type`]), not the snapshot account's.
    pub fn objects<T: CrmObject>(&self) -> Objects<T> {
        Objects {
            client: self.clone(),
            object_type: records_object_type::<T>().to_owned(),
            resolved: is_standard_object_type_id(T::OBJECT_TYPE_ID),
            _object: PhantomData,
        }
    }
}

/// What a read returns besides the record: which properties, which associations, how
/// the id is to be read. `Default` reads every property of the object by record id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions<P> {
    properties: Option<Vec<P>>,
    /// The target object type ids to send: the generated ones until
    /// [`Objects::account_read`] puts the account's in their place.
    associations: Vec<Cow<'static, str>>,
    /// The associations asked for, to find their targets in the account.
    association_defs: Vec<AssociationDef>,
    id_property: Option<P>,
    archived: bool,
}

impl<P> Default for ReadOptions<P> {
    fn default() -> Self {
        ReadOptions {
            properties: None,
            associations: Vec::new(),
            association_defs: Vec::new(),
            id_property: None,
            archived: false,
        }
    }
}

impl<P: PropertyName> ReadOptions<P> {
    /// Every property, by record id, live records.
    pub fn new() -> Self {
        Self::default()
    }

    /// Read only these properties (the other fields stay `None`).
    pub fn properties(mut self, properties: impl IntoIterator<Item = P>) -> Self {
        self.properties = Some(properties.into_iter().collect());
        self
    }

    /// Also read the ids of records associated through `association`'s target object
    /// type ([`Record::associations`]). A custom target is sent as the account's own
    /// object type id (found by the association's name), which also keys the answer.
    pub fn association(mut self, association: AssociationDef) -> Self {
        let target = association.to_object_type_id;
        if !self.associations.iter().any(|a| a == target) {
            self.associations.push(Cow::Borrowed(target));
            self.association_defs.push(association);
        }
        self
    }

    /// Read by the value of this unique property instead of the record id.
    pub fn id_property(mut self, property: P) -> Self {
        self.id_property = Some(property);
        self
    }

    /// Read archived records instead of live ones.
    pub fn archived(mut self, archived: bool) -> Self {
        self.archived = archived;
        self
    }

    /// The names to send as `properties`: the chosen ones, or all.
    fn property_names(&self) -> Vec<&'static str> {
        match &self.properties {
            Some(chosen) => chosen.iter().map(|p| p.as_str()).collect(),
            None => P::ALL.iter().map(|p| p.as_str()).collect(),
        }
    }

    /// The query of a `GET` with these options.
    fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = vec![("properties", self.property_names().join(","))];
        if !self.associations.is_empty() {
            query.push(("associations", self.associations.join(",")));
        }
        if self.archived {
            query.push(("archived", "true".to_owned()));
        }
        if let Some(property) = self.id_property {
            query.push(("idProperty", property.as_str().to_owned()));
        }
        query
    }
}

/// Options of [`Objects::list_with`]: page size (1..=100, default 100) and what each
/// record carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOptions<P> {
    read: ReadOptions<P>,
    page_size: u32,
}

impl<P> Default for ListOptions<P> {
    fn default() -> Self {
        ListOptions {
            read: ReadOptions::default(),
            page_size: MAX_PAGE_SIZE,
        }
    }
}

impl<P: PropertyName> ListOptions<P> {
    /// Every property, live records, 100 per page.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records per request, 1..=100 (checked when the list starts).
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size;
        self
    }

    /// List archived records instead of live ones.
    pub fn archived(mut self, archived: bool) -> Self {
        self.read = self.read.archived(archived);
        self
    }

    /// Read only these properties.
    pub fn properties(mut self, properties: impl IntoIterator<Item = P>) -> Self {
        self.read = self.read.properties(properties);
        self
    }

    /// Also read associated ids through `association`'s target object type.
    pub fn association(mut self, association: AssociationDef) -> Self {
        self.read = self.read.association(association);
        self
    }
}

/// The body of a create (`SimplePublicObjectInputForCreate`).
#[derive(Serialize)]
struct CreateBody<'a> {
    properties: &'a std::collections::BTreeMap<&'static str, String>,
    associations: [(); 0],
}

/// The body of an update (`SimplePublicObjectInput`).
#[derive(Serialize)]
struct UpdateBody<'a> {
    properties: &'a std::collections::BTreeMap<&'static str, String>,
}

pub(crate) fn refused(error: WriteError) -> Error {
    Error::InvalidInput {
        message: error.to_string(),
    }
}

impl<T: CrmObject + DeserializeOwned> Objects<T> {
    /// Address the object type by this key (an object type id or fully qualified
    /// name), sent as is: no lookup in the account's schemas.
    pub fn with_object_type(mut self, object_type: impl Into<String>) -> Self {
        self.object_type = object_type.into();
        self.resolved = true;
        self
    }

    /// The `{objectType}` path key: for a custom object not given
    /// [`with_object_type`](Self::with_object_type), the snapshot account's id, which
    /// requests replace with the account's own (see [`Client::objects`]).
    pub fn object_type(&self) -> &str {
        &self.object_type
    }

    /// These records under the account's key `object_type`, sent as is.
    fn at(&self, object_type: String) -> Objects<T> {
        Objects {
            client: self.client.clone(),
            object_type,
            resolved: true,
            _object: PhantomData,
        }
    }

    /// These records addressed by the account's own key (resolved and cached per client).
    pub(crate) async fn on_account(&self) -> Result<Objects<T>, Error> {
        if self.resolved {
            return Ok(self.clone());
        }
        let (key, _) = self.client.object_type_key(T::NAME).await?;
        Ok(self.at(key))
    }

    /// Run `op` on these records under the account's own key. When HubSpot answers
    /// that the key names no object type (the object was recreated since the list),
    /// the account's types are listed again once and `op` runs once more; still
    /// unknown is [`Error::NotInAccount`].
    async fn resolving<R, F, Fut>(&self, op: F) -> Result<R, Error>
    where
        F: Fn(Objects<T>) -> Fut,
        Fut: Future<Output = Result<R, Error>>,
    {
        if self.resolved {
            return op(self.clone()).await;
        }
        let (key, generation) = self.client.object_type_key(T::NAME).await?;
        match op(self.at(key)).await {
            Err(error) if is_unknown_object_type(&error) => {
                let (key, _) = self
                    .client
                    .object_type_key_after(T::NAME, generation)
                    .await?;
                match op(self.at(key)).await {
                    Err(error) if is_unknown_object_type(&error) => Err(Error::NotInAccount {
                        object: T::NAME.to_owned(),
                        association: None,
                        base_url: self.client.base_url().to_owned(),
                    }),
                    other => other,
                }
            }
            other => other,
        }
    }

    /// The scopes `T`'s records need, for `MISSING_SCOPES` errors.
    fn scopes(&self) -> ObjectScopes {
        object_scopes(T::OBJECT_TYPE_ID)
    }

    fn collection(&self) -> Result<String, Error> {
        Ok(format!(
            "/crm/v3/objects/{}",
            segment("object type", &self.object_type)?
        ))
    }

    fn item(&self, id: &str) -> Result<String, Error> {
        Ok(format!(
            "{}/{}",
            self.collection()?,
            segment("record id", id)?
        ))
    }

    /// `GET /crm/v3/objects/{objectType}/{objectId}` with every property.
    ///
    /// Wide objects: when the property names would make the URL longer than
    /// [`URL_BUDGET`], the record is read through `POST …/batch/read` with the names
    /// in the body instead (plus a narrow `GET` for associations when asked for), so
    /// an object with a thousand properties reads like one with ten.
    pub async fn get(&self, id: &str) -> Result<Record<T>, Error> {
        self.get_with(id, &ReadOptions::default()).await
    }

    /// `GET /crm/v3/objects/{objectType}/{objectId}` with these options (`id` is the
    /// value of `options`' id property when one is set); through `batch/read` when the
    /// URL would pass [`URL_BUDGET`], as [`get`](Self::get) says.
    pub async fn get_with(
        &self,
        id: &str,
        options: &ReadOptions<T::Property>,
    ) -> Result<Record<T>, Error> {
        let options = &self.account_read(options).await?;
        self.resolving(|objects| async move { objects.get_here(id, options).await })
            .await
    }

    async fn get_here(
        &self,
        id: &str,
        options: &ReadOptions<T::Property>,
    ) -> Result<Record<T>, Error> {
        let path = self.item(id)?;
        let query = options.query();
        if !wide::fits_in_url(self.client.base_url(), &path, &query) {
            return self.get_wide(id, options).await;
        }
        let mut request = ApiRequest::new(Method::GET, path);
        for (name, value) in query {
            request = request.query(name, value);
        }
        self.client
            .send_json(&request.scope(self.scopes().read))
            .await
    }

    /// One page of `GET /crm/v3/objects/{objectType}`, starting at the `after` cursor.
    ///
    /// Wide objects: when the property names would make the URL longer than
    /// [`URL_BUDGET`], the page is listed with `hs_object_id` only and its records are
    /// then read with every chosen property through one `POST …/batch/read` (names in
    /// the body), in the listing's order; a record archived between the two requests is
    /// left out of the page.
    pub async fn list_page(
        &self,
        after: Option<&str>,
        options: &ListOptions<T::Property>,
    ) -> Result<RecordPage<T>, Error> {
        let options = &ListOptions {
            read: self.account_read(&options.read).await?,
            page_size: options.page_size,
        };
        self.resolving(|objects| async move { objects.list_page_here(after, options).await })
            .await
    }

    /// `options` with each custom association target replaced by the account's own
    /// object type id (found by association name; see [`Client::resolve_association`]).
    async fn account_read(
        &self,
        options: &ReadOptions<T::Property>,
    ) -> Result<ReadOptions<T::Property>, Error> {
        let mut options = options.clone();
        for (at, def) in options.association_defs.iter().enumerate() {
            if !is_standard_object_type_id(def.to_object_type_id) {
                options.associations[at] = Cow::Owned(self.association_target(*def).await?);
            }
        }
        Ok(options)
    }

    async fn list_page_here(
        &self,
        after: Option<&str>,
        options: &ListOptions<T::Property>,
    ) -> Result<RecordPage<T>, Error> {
        if !(1..=MAX_PAGE_SIZE).contains(&options.page_size) {
            return Err(Error::InvalidInput {
                message: format!(
                    "Page size {} is out of range: HubSpot lists 1 to {MAX_PAGE_SIZE} {} records per request.",
                    options.page_size,
                    T::NAME
                ),
            });
        }
        let path = self.collection()?;
        let mut query = options.read.query();
        query.push(("limit", options.page_size.to_string()));
        if let Some(after) = after {
            query.push(("after", after.to_owned()));
        }
        if !wide::fits_in_url(self.client.base_url(), &path, &query) {
            return self.list_page_wide(after, options).await;
        }
        let mut request = ApiRequest::new(Method::GET, path);
        for (name, value) in query {
            request = request.query(name, value);
        }
        self.client
            .send_json(&request.scope(self.scopes().read))
            .await
    }

    /// Every live record with every property, as a stream that fetches page after page
    /// (following `paging.next.after`), each page requested as soon as the one before
    /// it arrives, so the next page is on its way while the caller handles this one. Pages of wide objects are read
    /// as [`list_page`](Self::list_page) says.
    pub fn list(&self) -> impl Stream<Item = Result<Record<T>, Error>> + Send + 'static {
        self.list_with(ListOptions::default())
    }

    /// Every record `options` selects, as a stream over all pages. The first error ends
    /// the stream.
    pub fn list_with(
        &self,
        options: ListOptions<T::Property>,
    ) -> impl Stream<Item = Result<Record<T>, Error>> + Send + 'static {
        let objects = self.clone();
        paged(move |after| {
            let objects = objects.clone();
            let options = options.clone();
            async move { objects.list_page(after.as_deref(), &options).await }
        })
    }

    /// `POST /crm/v3/objects/{objectType}`: create a record.
    ///
    /// Refused before any request when `write` sets a read-only property or leaves a
    /// required one unset. Not idempotent: after a gateway failure it is not retried
    /// (the record may exist already; the error says so).
    pub async fn create<W: ObjectWrite<Object = T>>(&self, write: &W) -> Result<Record<T>, Error> {
        let writes = PropertyWrites::for_create(write).map_err(refused)?;
        let writes = &writes;
        self.resolving(|objects| async move {
            let request = ApiRequest::new(Method::POST, objects.collection()?)
                .json(&CreateBody {
                    properties: writes.as_map(),
                    associations: [],
                })?
                .scope(objects.scopes().write);
            objects.client.send_json(&request).await
        })
        .await
    }

    /// `PATCH /crm/v3/objects/{objectType}/{objectId}`: change the properties `write`
    /// changes (set or clear), leave the others. Returns the record's properties as
    /// HubSpot answers them.
    pub async fn update<W: ObjectWrite<Object = T>>(
        &self,
        id: &str,
        write: &W,
    ) -> Result<Record<T>, Error> {
        self.update_inner(id, None, write).await
    }

    /// [`update`](Self::update) of the record whose unique property `id_property` has
    /// the value `value`.
    pub async fn update_by<W: ObjectWrite<Object = T>>(
        &self,
        id_property: T::Property,
        value: &str,
        write: &W,
    ) -> Result<Record<T>, Error> {
        self.update_inner(value, Some(id_property), write).await
    }

    async fn update_inner<W: ObjectWrite<Object = T>>(
        &self,
        id: &str,
        id_property: Option<T::Property>,
        write: &W,
    ) -> Result<Record<T>, Error> {
        let writes = PropertyWrites::for_update(write).map_err(refused)?;
        let writes = &writes;
        self.resolving(|objects| async move {
            let mut request =
                ApiRequest::new(Method::PATCH, objects.item(id)?).json(&UpdateBody {
                    properties: writes.as_map(),
                })?;
            if let Some(property) = id_property {
                request = request.query("idProperty", property.as_str());
            }
            objects
                .client
                .send_json(&request.scope(objects.scopes().write))
                .await
        })
        .await
    }

    /// `DELETE /crm/v3/objects/{objectType}/{objectId}`: move a record to the recycle bin.
    pub async fn archive(&self, id: &str) -> Result<(), Error> {
        self.resolving(|objects| async move {
            let request =
                ApiRequest::new(Method::DELETE, objects.item(id)?).scope(objects.scopes().write);
            objects.client.send_no_content(&request).await
        })
        .await
    }

    /// `POST /crm/v3/objects/{objectType}/search`: one page of the records matching
    /// `search`, with HubSpot's `total`. The search is checked against HubSpot's limits
    /// first ([`SearchError`]); nothing is sent when it breaks one.
    pub async fn search(&self, search: &Search<T::Property>) -> Result<RecordPage<T>, Error> {
        search.check().map_err(|e| Error::InvalidInput {
            message: format!("Refusing to search {}: {e}; nothing was sent.", T::NAME),
        })?;
        let body = &search.body();
        self.resolving(|objects| async move {
            let request =
                ApiRequest::new(Method::POST, format!("{}/search", objects.collection()?))
                    .json(body)?
                    // A search only reads: repeating it is harmless.
                    .idempotent(true)
                    .scope(objects.scopes().read);
            objects.client.send_json(&request).await
        })
        .await
    }

    /// `PUT /crm/v4/objects/{from}/{fromId}/associations/default/{to}/{toId}`: associate
    /// record `from_id` of `T` with record `to_id` at the other end of `association`
    /// (one of `T::ASSOCIATIONS`), with HubSpot's default association type.
    pub async fn associate(
        &self,
        from_id: &str,
        association: AssociationDef,
        to_id: &str,
    ) -> Result<(), Error> {
        let to = &self.association_target(association).await?;
        self.resolving(|objects| async move {
            let path = format!(
                "/crm/v4/objects/{}/{}/associations/default/{}/{}",
                segment("object type", &objects.object_type)?,
                segment("record id", from_id)?,
                segment("object type", to)?,
                segment("record id", to_id)?,
            );
            let request = ApiRequest::new(Method::PUT, path).scope(objects.scopes().write);
            objects.client.send(&request).await.map(|_| ())
        })
        .await
    }

    /// `DELETE /crm/v4/objects/{from}/{fromId}/associations/{to}/{toId}`: remove every
    /// association between record `from_id` and record `to_id` of `association`'s target
    /// object type.
    pub async fn remove_association(
        &self,
        from_id: &str,
        association: AssociationDef,
        to_id: &str,
    ) -> Result<(), Error> {
        let to = &self.association_target(association).await?;
        self.resolving(|objects| async move {
            let path = format!(
                "/crm/v4/objects/{}/{}/associations/{}/{}",
                segment("object type", &objects.object_type)?,
                segment("record id", from_id)?,
                segment("object type", to)?,
                segment("record id", to_id)?,
            );
            let request = ApiRequest::new(Method::DELETE, path).scope(objects.scopes().write);
            objects.client.send_no_content(&request).await
        })
        .await
    }

    /// The account's object type id of `association`'s target: a standard object's as
    /// generated, a custom object's by (`T`, association name) in this account.
    async fn association_target(&self, association: AssociationDef) -> Result<String, Error> {
        if is_standard_object_type_id(association.to_object_type_id) {
            return Ok(association.to_object_type_id.to_owned());
        }
        self.client
            .resolve_association::<T>(association)
            .await
            .map(|resolved| resolved.to_object_type_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_options_default_to_every_property() {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        enum P {
            A,
            B,
        }
        impl PropertyName for P {
            const ALL: &'static [Self] = &[P::A, P::B];
            fn as_str(self) -> &'static str {
                match self {
                    P::A => "a",
                    P::B => "b",
                }
            }
            fn label(self) -> &'static str {
                "x"
            }
            fn from_name(_: &str) -> Option<Self> {
                None
            }
        }
        assert_eq!(ReadOptions::<P>::new().property_names(), ["a", "b"]);
        assert_eq!(
            ReadOptions::new().properties([P::B]).property_names(),
            ["b"]
        );
        let def = AssociationDef {
            id: "1",
            name: None,
            from_object_type_id: "2-1",
            to_object_type_id: "0-1",
        };
        let options = ReadOptions::<P>::new().association(def).association(def);
        assert_eq!(options.associations, ["0-1"]);
        assert_eq!(options.association_defs, [def]);
    }
}
