//! The CRM Schemas API v3 (`/crm-object-schemas/v3/schemas`): every operation of the
//! spec, as methods of [`Schemas`] (from [`Client::schemas`]).
//!
//! Object types are named by their `name` (`cars`), fully qualified name
//! (`p12345678_cars`) or object type id (`2-3465`); HubSpot accepts all three.

use reqwest::Method;

use super::Client;
use super::execute::ApiRequest;
use super::paths;
use crate::Error;
use crate::schema::{
    AssociationDefinition, AssociationDefinitionEgg, CollectionResponse, ObjectSchema,
    ObjectSchemaBatchReadRequest, ObjectSchemaEgg, ObjectTypeDefinition, ObjectTypeDefinitionPatch,
};

/// The scope reading schemas needs.
const READ_SCOPE: &str = "crm.schemas.custom.read";
/// The scope changing schemas needs.
const WRITE_SCOPE: &str = "crm.schemas.custom.write";

/// Options of [`Schemas::list`]. `Default` is HubSpot's: live schemas only, with
/// association definitions, audit metadata and property definitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListSchemas {
    /// List archived schemas instead of live ones.
    pub archived: bool,
    /// Include each schema's `associations`.
    pub include_association_definitions: bool,
    /// Include `createdAt`, `updatedAt`, `createdByUserId`, `updatedByUserId`.
    pub include_audit_metadata: bool,
    /// Include each schema's `properties`.
    pub include_property_definitions: bool,
}

impl Default for ListSchemas {
    fn default() -> Self {
        ListSchemas {
            archived: false,
            include_association_definitions: true,
            include_audit_metadata: true,
            include_property_definitions: true,
        }
    }
}

/// Options of [`Schemas::get_with`]. `Default` includes everything, as HubSpot does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetSchema {
    /// Include the schema's `associations`.
    pub include_association_definitions: bool,
    /// Include `createdAt`, `updatedAt`, `createdByUserId`, `updatedByUserId`.
    pub include_audit_metadata: bool,
    /// Include the schema's `properties`.
    pub include_property_definitions: bool,
}

impl Default for GetSchema {
    fn default() -> Self {
        GetSchema {
            include_association_definitions: true,
            include_audit_metadata: true,
            include_property_definitions: true,
        }
    }
}

/// The Schemas API of one [`Client`] (cheap to clone, owns a client handle).
#[derive(Debug, Clone)]
pub struct Schemas {
    client: Client,
}

impl Client {
    /// The CRM Schemas API v3.
    pub fn schemas(&self) -> Schemas {
        Schemas {
            client: self.clone(),
        }
    }
}

fn include_flags(
    request: ApiRequest,
    association: bool,
    audit: bool,
    properties: bool,
) -> ApiRequest {
    request
        .query("includeAssociationDefinitions", association)
        .query("includeAuditMetadata", audit)
        .query("includePropertyDefinitions", properties)
}

impl Schemas {
    /// `GET /crm-object-schemas/v3/schemas`: every custom object schema of the account
    /// (archived ones instead when `options.archived`).
    pub async fn list(&self, options: &ListSchemas) -> Result<Vec<ObjectSchema>, Error> {
        let request = ApiRequest::new(Method::GET, paths::SCHEMAS.to_owned())
            .query("archived", options.archived)
            .scope(READ_SCOPE);
        let request = include_flags(
            request,
            options.include_association_definitions,
            options.include_audit_metadata,
            options.include_property_definitions,
        );
        let body: CollectionResponse = self.client.send_json(&request).await?;
        Ok(body.results)
    }

    /// `GET /crm-object-schemas/v3/schemas/{objectType}` with everything included.
    pub async fn get(&self, object_type: &str) -> Result<ObjectSchema, Error> {
        self.get_with(object_type, &GetSchema::default()).await
    }

    /// `GET /crm-object-schemas/v3/schemas/{objectType}` with these include flags.
    pub async fn get_with(
        &self,
        object_type: &str,
        options: &GetSchema,
    ) -> Result<ObjectSchema, Error> {
        let request = ApiRequest::new(Method::GET, paths::schema(object_type)?).scope(READ_SCOPE);
        let request = include_flags(
            request,
            options.include_association_definitions,
            options.include_audit_metadata,
            options.include_property_definitions,
        );
        self.client.send_json(&request).await
    }

    /// `POST /crm-object-schemas/v3/schemas`: create an object type.
    ///
    /// Not idempotent: it is retried only after a 429 or when no connection could be
    /// opened, never once HubSpot may have received it (a second create would fail as a
    /// duplicate, or worse).
    pub async fn create(&self, schema: &ObjectSchemaEgg) -> Result<ObjectSchema, Error> {
        let request = ApiRequest::new(Method::POST, paths::SCHEMAS.to_owned())
            .json(schema)?
            .scope(WRITE_SCOPE);
        self.client.send_json(&request).await
    }

    /// `PATCH /crm-object-schemas/v3/schemas/{objectType}`: change labels, display and
    /// required/searchable properties. Returns the definition without properties.
    pub async fn update(
        &self,
        object_type: &str,
        patch: &ObjectTypeDefinitionPatch,
    ) -> Result<ObjectTypeDefinition, Error> {
        let request = ApiRequest::new(Method::PATCH, paths::schema(object_type)?)
            .json(patch)?
            .scope(WRITE_SCOPE);
        self.client.send_json(&request).await
    }

    /// `DELETE /crm-object-schemas/v3/schemas/{objectType}`: archive (soft-delete) an
    /// object type. HubSpot refuses while records of it exist.
    pub async fn archive(&self, object_type: &str) -> Result<(), Error> {
        let request =
            ApiRequest::new(Method::DELETE, paths::schema(object_type)?).scope(WRITE_SCOPE);
        self.client.send_no_content(&request).await
    }

    /// `DELETE /crm-object-schemas/v3/schemas/{objectType}?archived=true`: delete an
    /// archived object type for good, freeing its name.
    pub async fn delete_archived(&self, object_type: &str) -> Result<(), Error> {
        let request = ApiRequest::new(Method::DELETE, paths::schema(object_type)?)
            .query("archived", true)
            .scope(WRITE_SCOPE);
        self.client.send_no_content(&request).await
    }

    /// `POST /crm-object-schemas/v3/schemas/batch/read`: several schemas at once. A
    /// read, so it is retried like a GET.
    pub async fn batch_read(
        &self,
        request: &ObjectSchemaBatchReadRequest,
    ) -> Result<Vec<ObjectSchema>, Error> {
        let request = ApiRequest::new(Method::POST, paths::schemas_batch_read())
            .json(request)?
            .idempotent(true)
            .scope(READ_SCOPE);
        let body: CollectionResponse = self.client.send_json(&request).await?;
        Ok(body.results)
    }

    /// `POST /crm-object-schemas/v3/schemas/{objectType}/associations`: define an
    /// association type from this object type to another. Not idempotent (see
    /// [`create`](Self::create)).
    pub async fn create_association(
        &self,
        object_type: &str,
        association: &AssociationDefinitionEgg,
    ) -> Result<AssociationDefinition, Error> {
        let request = ApiRequest::new(Method::POST, paths::schema_associations(object_type)?)
            .json(association)?
            .scope(WRITE_SCOPE);
        self.client.send_json(&request).await
    }

    /// `DELETE /crm-object-schemas/v3/schemas/{objectType}/associations/{associationIdentifier}`.
    pub async fn delete_association(
        &self,
        object_type: &str,
        association_id: &str,
    ) -> Result<(), Error> {
        let request = ApiRequest::new(
            Method::DELETE,
            paths::schema_association(object_type, association_id)?,
        )
        .scope(WRITE_SCOPE);
        self.client.send_no_content(&request).await
    }
}
