//! Reading a live account: every custom object schema (and, as selected, standard
//! objects and pipelines) through `hubspot_runtime`'s client, as HubSpot sent them.
//! Putting them in snapshot order is [`crate::snapshot::normalize`]'s job.

use hubspot_runtime::schema::ObjectSchema;

use crate::Error;

/// Fetch every custom object schema of the account `client` is authenticated for,
/// with property and association definitions and audit metadata.
///
/// `archived = true` lists the archived object types instead of the live ones (as
/// HubSpot's `archived` query parameter does).
pub async fn fetch_live(
    client: &hubspot_runtime::Client,
    archived: bool,
) -> Result<Vec<ObjectSchema>, Error> {
    let request = hubspot_runtime::ListSchemas {
        archived,
        include_association_definitions: true,
        include_audit_metadata: true,
        include_property_definitions: true,
    };
    Ok(client.schemas().list(&request).await?)
}
