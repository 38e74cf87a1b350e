//! The account's own ids of what generated code names: a custom object's type id by its
//! `NAME`, a user-defined association's type id and target by (from object, association
//! name) ([`Client::resolve_object_type`], [`Client::resolve_association`]).
//!
//! A generated crate carries the ids of the account its snapshot came from; another
//! account (production, a sandbox) has the same names under other ids. The client lists
//! the account's schemas once (one Schemas API request, shared by every clone, single
//! flight: concurrent first calls wait for the same list) and answers from that list.
//! When HubSpot later answers that a type is unknown, or a name is not in the list, the
//! list is taken again once (concurrent refreshes share it too); a name still missing
//! is [`Error::NotInAccount`], naming the object and the account's base URL. Standard
//! objects (`0-…`) are the same everywhere and need no lookup.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::Mutex;

use super::object_path::is_standard_object_type_id;
use super::{Client, ListSchemas};
use crate::Error;
use crate::object::{AssociationDef, CrmObject};
use crate::schema::ObjectSchema;

/// What one list of the account's schemas says: type ids by object name, and every
/// association definition.
#[derive(Debug, Default)]
pub(crate) struct AccountTypes {
    type_ids: HashMap<String, String>,
    associations: Vec<AccountAssociation>,
}

#[derive(Debug)]
struct AccountAssociation {
    id: String,
    name: Option<String>,
    from_object_type_id: String,
    to_object_type_id: String,
}

impl AccountTypes {
    fn from_schemas(schemas: Vec<ObjectSchema>) -> AccountTypes {
        let mut types = AccountTypes::default();
        for schema in schemas {
            for association in schema.associations.unwrap_or_default() {
                types.associations.push(AccountAssociation {
                    id: association.id,
                    name: association.name,
                    from_object_type_id: association.from_object_type_id,
                    to_object_type_id: association.to_object_type_id,
                });
            }
            if let Some(id) = schema.object_type_id.or(schema.fully_qualified_name) {
                types.type_ids.insert(schema.name, id);
            }
        }
        types
    }

    fn type_id(&self, name: &str) -> Option<&str> {
        self.type_ids.get(name).map(String::as_str)
    }

    fn association(&self, from_type_id: &str, name: &str) -> Option<&AccountAssociation> {
        self.associations
            .iter()
            .find(|a| a.from_object_type_id == from_type_id && a.name.as_deref() == Some(name))
    }
}

/// One account's listed types and how many times they were listed (the generation a
/// caller saw, so concurrent refreshes after one stale answer list only once).
#[derive(Debug, Default)]
struct Cached {
    types: Option<Arc<AccountTypes>>,
    generation: u64,
}

/// The per-client cache (inside the client's shared state, so clones share it).
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    cached: Mutex<Cached>,
}

/// A snapshot of the account's types and the generation it belongs to.
pub(crate) type Listed = (Arc<AccountTypes>, u64);

impl Client {
    /// The account's types: listed on the first call, shared afterwards. Concurrent
    /// first calls wait for one list.
    async fn account_types(&self) -> Result<Listed, Error> {
        let mut cached = self.inner.resolver.cached.lock().await;
        if let Some(types) = &cached.types {
            return Ok((types.clone(), cached.generation));
        }
        self.relist(&mut cached).await
    }

    /// List again unless someone already did after generation `seen`.
    async fn account_types_after(&self, seen: u64) -> Result<Listed, Error> {
        let mut cached = self.inner.resolver.cached.lock().await;
        match &cached.types {
            Some(types) if cached.generation > seen => Ok((types.clone(), cached.generation)),
            _ => self.relist(&mut cached).await,
        }
    }

    async fn relist(&self, cached: &mut Cached) -> Result<Listed, Error> {
        let options = ListSchemas {
            archived: false,
            include_association_definitions: true,
            include_audit_metadata: false,
            include_property_definitions: false,
        };
        let schemas = self.schemas().list(&options).await?;
        let types = Arc::new(AccountTypes::from_schemas(schemas));
        cached.types = Some(types.clone());
        cached.generation += 1;
        tracing::debug!(
            generation = cached.generation,
            objects = types.type_ids.len(),
            "listed the account's custom object types"
        );
        Ok((types, cached.generation))
    }

    /// The `{objectType}` key of `name`'s records in this account (its object type id)
    /// and the generation of the list it came from. A name missing from the cached list
    /// lists once more before failing with [`Error::NotInAccount`].
    pub(crate) async fn object_type_key(&self, name: &str) -> Result<(String, u64), Error> {
        let (types, generation) = self.account_types().await?;
        if let Some(id) = types.type_id(name) {
            return Ok((id.to_owned(), generation));
        }
        self.object_type_key_after(name, generation).await
    }

    /// Like [`object_type_key`](Self::object_type_key), after HubSpot said the ids of
    /// generation `seen` are stale: lists again (once for every caller that saw it).
    pub(crate) async fn object_type_key_after(
        &self,
        name: &str,
        seen: u64,
    ) -> Result<(String, u64), Error> {
        let (types, generation) = self.account_types_after(seen).await?;
        match types.type_id(name) {
            Some(id) => Ok((id.to_owned(), generation)),
            None => Err(Error::NotInAccount {
                object: name.to_owned(),
                association: None,
                base_url: self.base_url().to_owned(),
            }),
        }
    }

    /// The object type id of `T` in the account this client talks to: `T::OBJECT_TYPE_ID`
    /// for a standard object, else the id the account's Schemas API lists for `T::NAME`
    /// (the generated `OBJECT_TYPE_ID` is the snapshot account's).
    pub async fn resolve_object_type<T: CrmObject>(&self) -> Result<String, Error> {
        if is_standard_object_type_id(T::OBJECT_TYPE_ID) {
            return Ok(T::OBJECT_TYPE_ID.to_owned());
        }
        self.object_type_key(T::NAME).await.map(|(id, _)| id)
    }

    /// `association` (one of `T::ASSOCIATIONS`) as the account this client talks to
    /// defines it: found by (from object `T`, association name) and carrying this
    /// account's association type id and target object type id. An association between
    /// standard objects, or one without a name, is returned as generated (HubSpot's own
    /// association types have the same ids everywhere).
    pub async fn resolve_association<T: CrmObject>(
        &self,
        association: AssociationDef,
    ) -> Result<ResolvedAssociation, Error> {
        let generated = ResolvedAssociation {
            id: association.id.to_owned(),
            to_object_type_id: association.to_object_type_id.to_owned(),
        };
        let Some(name) = association.name else {
            return Ok(generated);
        };
        if is_standard_object_type_id(T::OBJECT_TYPE_ID)
            && is_standard_object_type_id(association.to_object_type_id)
        {
            return Ok(generated);
        }
        let from = self.resolve_object_type::<T>().await?;
        let (types, generation) = self.account_types().await?;
        if let Some(found) = types.association(&from, name) {
            return Ok(ResolvedAssociation::of(found));
        }
        let (types, _) = self.account_types_after(generation).await?;
        match types.association(&from, name) {
            Some(found) => Ok(ResolvedAssociation::of(found)),
            None => Err(Error::NotInAccount {
                object: T::NAME.to_owned(),
                association: Some(name.to_owned()),
                base_url: self.base_url().to_owned(),
            }),
        }
    }
}

/// An association type as the account the client talks to defines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedAssociation {
    /// This account's association type id.
    pub id: String,
    /// This account's object type id of the target object.
    pub to_object_type_id: String,
}

impl ResolvedAssociation {
    fn of(found: &AccountAssociation) -> ResolvedAssociation {
        ResolvedAssociation {
            id: found.id.clone(),
            to_object_type_id: found.to_object_type_id.clone(),
        }
    }
}

/// Whether HubSpot's answer says the `{objectType}` of the request names no object type
/// of the account (404 `OBJECT_NOT_FOUND`, "Unable to infer object type from: …"), as
/// opposed to a missing record.
pub(crate) fn is_unknown_object_type(error: &Error) -> bool {
    match error {
        Error::Api { status, body, .. } => {
            *status == 404
                && body
                    .message
                    .as_deref()
                    .is_some_and(|m| m.starts_with("Unable to infer object type"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::ApiErrorBody;

    fn api_error(status: u16, message: &str) -> Error {
        Error::Api {
            status,
            method: "GET".to_owned(),
            path: "/crm/v3/objects/2-1".to_owned(),
            body: Box::new(ApiErrorBody {
                message: Some(message.to_owned()),
                category: Some("OBJECT_NOT_FOUND".to_owned()),
                ..ApiErrorBody::default()
            }),
            snippet: None,
            maybe_processed: false,
        }
    }

    #[test]
    fn only_an_unknown_type_is_unknown() {
        assert!(is_unknown_object_type(&api_error(
            404,
            "Unable to infer object type from: 2-1"
        )));
        assert!(!is_unknown_object_type(&api_error(
            404,
            "Object not found.  objectId are usually numeric."
        )));
        assert!(!is_unknown_object_type(&api_error(
            400,
            "Unable to infer object type from: 2-1"
        )));
    }

    #[test]
    fn types_come_from_the_listed_schemas() {
        let schemas: Vec<ObjectSchema> = serde_json::from_str(
            r#"[{"name":"cars","objectTypeId":"2-9","fullyQualifiedName":"p9_cars",
                 "associations":[{"id":"77","name":"car_to_contact",
                   "fromObjectTypeId":"2-9","toObjectTypeId":"0-1"}]}]"#,
        )
        .unwrap();
        let types = AccountTypes::from_schemas(schemas);
        assert_eq!(types.type_id("cars"), Some("2-9"));
        assert_eq!(types.type_id("boats"), None);
        let found = types.association("2-9", "car_to_contact").unwrap();
        assert_eq!(
            (found.id.as_str(), found.to_object_type_id.as_str()),
            ("77", "0-1")
        );
        assert!(types.association("2-1", "car_to_contact").is_none());
    }
}
