//! The CRM Properties API v3 (`/crm/v3/properties/{objectType}`): property definitions
//! of any object, standard or custom, as methods of [`Properties`] (from
//! [`Client::properties`]).
//!
//! Object types are named as the objects API names them: a standard object's API name
//! (`contacts`, `line_items`) or type id (`0-1`), a custom object's name, fully
//! qualified name or type id. Definitions come back as [`Property`], every field HubSpot
//! sends kept. Reads need the object's `crm.schemas.*` read scope (see
//! [`object_scopes`](super::object_scopes)), changes its schema write scope.

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::Client;
use super::execute::ApiRequest;
use super::paths::segment;
use super::scopes::object_scopes;
use crate::Error;
use crate::schema::{ObjectTypePropertyCreate, OptionInput, Property};

/// Options of [`Properties::list_with`]. `Default`: live properties, every field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListProperties {
    /// List archived properties instead of live ones.
    pub archived: bool,
}

/// The body of `PATCH /crm/v3/properties/{objectType}/{propertyName}`
/// (`PropertyUpdate`): only the fields set are sent, the others stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyUpdate {
    /// The label shown in HubSpot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The data type (`string`, `number`, `enumeration`, …).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// How the property shows in forms (`text`, `select`, `checkbox`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_type: Option<String>,
    /// The property group it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// The description shown in HubSpot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The options of an enumeration; replaces every option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<OptionInput>>,
    /// Position among the group's properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_order: Option<i64>,
    /// Hide the property in HubSpot's UI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// Whether it can be used in forms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_field: Option<bool>,
    /// The formula of a calculated property.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculation_formula: Option<String>,
    /// How a number is shown (`formatted`, `currency`, `percentage`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_display_hint: Option<String>,
}

/// `{"results": [...]}` of the list call.
#[derive(Deserialize)]
struct PropertyList {
    #[serde(default)]
    results: Vec<Property>,
}

/// The Properties API of one [`Client`] (cheap to clone, owns a client handle).
#[derive(Debug, Clone)]
pub struct Properties {
    client: Client,
}

impl Client {
    /// The CRM Properties API v3.
    pub fn properties(&self) -> Properties {
        Properties {
            client: self.clone(),
        }
    }
}

/// `/crm/v3/properties/{objectType}`.
pub(crate) fn collection_path(object_type: &str) -> Result<String, Error> {
    Ok(format!(
        "/crm/v3/properties/{}",
        segment("object type", object_type)?
    ))
}

/// `/crm/v3/properties/{objectType}/{propertyName}`.
pub(crate) fn item_path(object_type: &str, property: &str) -> Result<String, Error> {
    Ok(format!(
        "{}/{}",
        collection_path(object_type)?,
        segment("property name", property)?
    ))
}

impl Properties {
    /// `GET /crm/v3/properties/{objectType}`: every live property of the object type, as
    /// HubSpot sent them.
    pub async fn list(&self, object_type: &str) -> Result<Vec<Property>, Error> {
        self.list_with(object_type, &ListProperties::default())
            .await
    }

    /// `GET /crm/v3/properties/{objectType}` with these options.
    pub async fn list_with(
        &self,
        object_type: &str,
        options: &ListProperties,
    ) -> Result<Vec<Property>, Error> {
        let request = ApiRequest::new(Method::GET, collection_path(object_type)?)
            .query("archived", options.archived)
            .scope(object_scopes(object_type).schema_read);
        let body: PropertyList = self.client.send_json(&request).await?;
        Ok(body.results)
    }

    /// `GET /crm/v3/properties/{objectType}/{propertyName}`: one live property.
    pub async fn get(&self, object_type: &str, property: &str) -> Result<Property, Error> {
        let request = ApiRequest::new(Method::GET, item_path(object_type, property)?)
            .scope(object_scopes(object_type).schema_read);
        self.client.send_json(&request).await
    }

    /// `POST /crm/v3/properties/{objectType}`: define a property (HubSpot requires
    /// `groupName`). Not idempotent: not retried once HubSpot may have received it.
    pub async fn create(
        &self,
        object_type: &str,
        property: &ObjectTypePropertyCreate,
    ) -> Result<Property, Error> {
        let request = ApiRequest::new(Method::POST, collection_path(object_type)?)
            .json(property)?
            .scope(object_scopes(object_type).schema_write);
        self.client.send_json(&request).await
    }

    /// `PATCH /crm/v3/properties/{objectType}/{propertyName}`: change the fields
    /// `update` sets. Returns the property as HubSpot now has it.
    pub async fn update(
        &self,
        object_type: &str,
        property: &str,
        update: &PropertyUpdate,
    ) -> Result<Property, Error> {
        let request = ApiRequest::new(Method::PATCH, item_path(object_type, property)?)
            .json(update)?
            .scope(object_scopes(object_type).schema_write);
        self.client.send_json(&request).await
    }

    /// `DELETE /crm/v3/properties/{objectType}/{propertyName}`: archive a property
    /// (HubSpot refuses for its own properties).
    pub async fn archive(&self, object_type: &str, property: &str) -> Result<(), Error> {
        let request = ApiRequest::new(Method::DELETE, item_path(object_type, property)?)
            .scope(object_scopes(object_type).schema_write);
        self.client.send_no_content(&request).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_encode_their_segments() {
        assert_eq!(
            collection_path("contacts").unwrap(),
            "/crm/v3/properties/contacts"
        );
        assert_eq!(
            item_path("0-3", "hs_deal_stage_probability").unwrap(),
            "/crm/v3/properties/0-3/hs_deal_stage_probability"
        );
        assert_eq!(
            item_path("p1_cars", "a/b c").unwrap(),
            "/crm/v3/properties/p1_cars/a%2Fb%20c"
        );
        assert!(item_path("deals", "..").is_err());
        assert!(collection_path("").is_err());
    }

    #[test]
    fn an_update_sends_only_what_it_sets() {
        let update = PropertyUpdate {
            label: Some("Price".to_owned()),
            r#type: Some("number".to_owned()),
            hidden: Some(false),
            ..PropertyUpdate::default()
        };
        assert_eq!(
            serde_json::to_string(&update).unwrap(),
            r#"{"label":"Price","type":"number","hidden":false}"#
        );
        assert_eq!(
            serde_json::to_string(&PropertyUpdate::default()).unwrap(),
            "{}"
        );
    }
}
