//! The CRM Pipelines API v3 (`/crm/v3/pipelines/{objectType}`): the pipelines and
//! stages of deals, tickets and custom objects with pipelines, as methods of
//! [`Pipelines`] (from [`Client::pipelines`]). Reads need the object's schema read
//! scope (see [`object_scopes`](super::object_scopes)).

use reqwest::Method;
use serde::Deserialize;

use super::Client;
use super::execute::ApiRequest;
use super::paths::segment;
use super::scopes::object_scopes;
use crate::Error;
use crate::schema::Pipeline;

/// `{"results": [...]}` of the list call.
#[derive(Deserialize)]
struct PipelineList {
    #[serde(default)]
    results: Vec<Pipeline>,
}

/// The Pipelines API of one [`Client`] (cheap to clone, owns a client handle).
#[derive(Debug, Clone)]
pub struct Pipelines {
    client: Client,
}

impl Client {
    /// The CRM Pipelines API v3.
    pub fn pipelines(&self) -> Pipelines {
        Pipelines {
            client: self.clone(),
        }
    }
}

/// `/crm/v3/pipelines/{objectType}`.
pub(crate) fn collection_path(object_type: &str) -> Result<String, Error> {
    Ok(format!(
        "/crm/v3/pipelines/{}",
        segment("object type", object_type)?
    ))
}

/// `/crm/v3/pipelines/{objectType}/{pipelineId}`.
pub(crate) fn item_path(object_type: &str, pipeline_id: &str) -> Result<String, Error> {
    Ok(format!(
        "{}/{}",
        collection_path(object_type)?,
        segment("pipeline id", pipeline_id)?
    ))
}

impl Pipelines {
    /// `GET /crm/v3/pipelines/{objectType}`: every pipeline of the object type with its
    /// stages, in HubSpot's order, as HubSpot sent them.
    pub async fn list(&self, object_type: &str) -> Result<Vec<Pipeline>, Error> {
        let request = ApiRequest::new(Method::GET, collection_path(object_type)?)
            .scope(object_scopes(object_type).schema_read);
        let body: PipelineList = self.client.send_json(&request).await?;
        Ok(body.results)
    }

    /// `GET /crm/v3/pipelines/{objectType}/{pipelineId}`: one pipeline with its stages.
    pub async fn get(&self, object_type: &str, pipeline_id: &str) -> Result<Pipeline, Error> {
        let request = ApiRequest::new(Method::GET, item_path(object_type, pipeline_id)?)
            .scope(object_scopes(object_type).schema_read);
        self.client.send_json(&request).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_encode_their_segments() {
        assert_eq!(collection_path("deals").unwrap(), "/crm/v3/pipelines/deals");
        assert_eq!(
            item_path("tickets", "0").unwrap(),
            "/crm/v3/pipelines/tickets/0"
        );
        assert_eq!(
            item_path("2-3465", "a b").unwrap(),
            "/crm/v3/pipelines/2-3465/a%20b"
        );
        assert!(item_path("deals", ".").is_err());
    }
}
