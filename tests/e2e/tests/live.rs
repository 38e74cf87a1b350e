//! Against a real HubSpot account, when `HUBSPOT_ACCESS_TOKEN` is set: list every
//! custom object schema and check each parsed into the model. Without the variable the
//! test prints why it skipped and passes, so `cargo test` needs no account.
//! `HUBSPOT_BASE_URL` points it elsewhere (a sandbox) when set.

use hubspot_runtime::{Auth, Client, ListSchemas};

#[tokio::test]
async fn lists_the_real_accounts_schemas() {
    let Ok(token) = std::env::var("HUBSPOT_ACCESS_TOKEN") else {
        println!("skipping live test: HUBSPOT_ACCESS_TOKEN is not set");
        return;
    };
    let mut builder = Client::builder().auth(Auth::private_app(token));
    if let Ok(base_url) = std::env::var("HUBSPOT_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    let client = builder.build().expect("client configuration");
    let schemas = client
        .schemas()
        .list(&ListSchemas::default())
        .await
        .unwrap_or_else(|e| panic!("listing the account's schemas failed: {e}"));
    for schema in &schemas {
        assert!(!schema.name.is_empty());
        for property in schema.properties.iter().flatten() {
            assert!(
                !property.name.is_empty(),
                "{}: property without a name",
                schema.name
            );
            assert!(
                !property.r#type.is_empty(),
                "{}.{}: property without a type",
                schema.name,
                property.name
            );
        }
        // every listed schema can also be read on its own
        let key = schema.object_type_id.as_deref().unwrap_or(&schema.name);
        let one = client
            .schemas()
            .get(key)
            .await
            .unwrap_or_else(|e| panic!("get {key}: {e}"));
        assert_eq!(one.name, schema.name);
    }
    println!(
        "live: {} custom object schema(s) listed and parsed",
        schemas.len()
    );
}
