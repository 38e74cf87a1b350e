//! The runtime's retry and auth rules on records calls: a 429 and a 503 on a records
//! GET are retried; a POST create that failed after the server processed it is not (one
//! record, one POST); batch updates (idempotent) are retried; an expired OAuth token is
//! refreshed once and the call retried; a token without the records write scope gets an
//! error naming it.

mod records_common;

use hubspot_objects::Cars;
use hubspot_runtime::{Auth, Client, Error, OAuthCredentials, Write};
use hubspot_sandbox::{Fault, FaultKind, RECORDS_READ_SCOPE, RECORDS_WRITE_SCOPE, RateLimitPolicy};
use records_common::*;

#[tokio::test]
async fn a_429_and_a_503_on_a_records_get_are_retried() {
    let sandbox = sandbox().await;
    let cars = cars(&sandbox);
    let created = cars.create(&full_car()).await.unwrap();
    sandbox.clear_requests();
    sandbox.inject(
        Fault::new(FaultKind::RateLimit {
            policy: RateLimitPolicy::TenSecondlyRolling,
            retry_after_secs: None,
            interval_ms: Some(10),
        })
        .on("GET", CARS_PATH),
    );
    sandbox.inject(Fault::new(FaultKind::Status(503)).on("GET", CARS_PATH));
    let record = cars.get(&created.id).await.unwrap();
    assert_eq!(record.properties.vin.as_deref(), Some("1HGCM82633A004352"));
    let statuses: Vec<u16> = seen(&sandbox, "GET", CARS_PATH)
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [429, 503, 200]);
    assert_eq!(sandbox.pending_faults(), 0);
}

#[tokio::test]
async fn a_create_answered_502_after_processing_is_not_retried() {
    let sandbox = sandbox().await;
    let cars = cars(&sandbox);
    sandbox.inject(Fault::new(FaultKind::StatusAfterProcessing(502)).on("POST", CARS_PATH));
    let err = cars.create(&full_car()).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 502,
                maybe_processed: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("may already have taken effect"),
        "{err}"
    );
    assert_eq!(seen(&sandbox, "POST", CARS_PATH).len(), 1);
    assert_eq!(sandbox.record_creates(), 1, "the record exists once");

    // a 502 before processing is not retried for a create either (it may have been)
    sandbox.inject(Fault::new(FaultKind::Status(502)).on("POST", CARS_PATH));
    assert!(cars.create(&car("V2", "Saab", "900", 1990)).await.is_err());
    assert_eq!(seen(&sandbox, "POST", CARS_PATH).len(), 2);
    assert_eq!(sandbox.record_creates(), 1);

    // a 429 was not processed: even a create is retried
    sandbox.inject(
        Fault::new(FaultKind::RateLimit {
            policy: RateLimitPolicy::Secondly,
            retry_after_secs: None,
            interval_ms: Some(10),
        })
        .on("POST", CARS_PATH),
    );
    cars.create(&car("V2", "Saab", "900", 1990)).await.unwrap();
    assert_eq!(sandbox.record_creates(), 2);
}

#[tokio::test]
async fn batch_updates_are_retried_after_a_gateway_failure_batch_creates_are_not() {
    let sandbox = sandbox().await;
    let cars = cars(&sandbox);
    let created = cars.create(&full_car()).await.unwrap();
    let batch_update = format!("{CARS_PATH}/batch/update");
    sandbox.inject(Fault::new(FaultKind::Status(504)).on("POST", &batch_update));
    let update = CarsWrite {
        notes: Write::Set("retried".into()),
        ..CarsWrite::default()
    };
    let outcome = cars
        .batch_update(&[(created.id.as_str(), update)])
        .await
        .unwrap();
    assert!(outcome.is_complete(), "{:?}", outcome.failures);
    assert_eq!(seen(&sandbox, "POST", &batch_update).len(), 2);

    let batch_create = format!("{CARS_PATH}/batch/create");
    sandbox.inject(Fault::new(FaultKind::StatusAfterProcessing(502)).on("POST", &batch_create));
    let outcome = cars
        .batch_create(&[
            car("B1", "Kia", "Rio", 2011),
            car("B2", "Kia", "Ceed", 2012),
        ])
        .await
        .unwrap();
    // the whole request failed: both inputs are named, with the error that says why
    assert_eq!(outcome.failed_inputs(), [0, 1]);
    assert!(
        outcome.failures[0]
            .error
            .to_string()
            .contains("may already have taken effect"),
        "{}",
        outcome.failures[0].error
    );
    assert_eq!(seen(&sandbox, "POST", &batch_create).len(), 1);
    assert_eq!(sandbox.record_creates(), 3);
}

#[tokio::test]
async fn an_expired_oauth_token_is_refreshed_for_records_calls() {
    let sandbox = sandbox().await;
    sandbox.add_oauth_client(
        "client-id",
        "client-secret",
        "refresh-1",
        &[RECORDS_READ_SCOPE, RECORDS_WRITE_SCOPE],
    );
    let credentials = OAuthCredentials::new("client-id", "client-secret", "refresh-1")
        .token_url(sandbox.token_url());
    let client = Client::builder()
        .auth(Auth::oauth(credentials))
        .base_url(sandbox.base_url())
        .retry(fast_retry())
        .build()
        .unwrap();
    let cars = client.objects::<Cars>();
    let created = cars.create(&full_car()).await.unwrap();
    assert_eq!(sandbox.issued_access_tokens().len(), 1);

    sandbox.inject(Fault::new(FaultKind::ExpiredToken).on("GET", CARS_PATH));
    let record = cars.get(&created.id).await.unwrap();
    assert_eq!(record.id, created.id);
    let tokens = sandbox.issued_access_tokens();
    assert_eq!(tokens.len(), 2, "one forced refresh");
    let gets = seen(&sandbox, "GET", CARS_PATH);
    assert_eq!(gets.len(), 2);
    assert_eq!(gets[0].status, 401);
    assert_eq!(gets[1].bearer.as_deref(), Some(tokens[1].as_str()));
}

#[tokio::test]
async fn a_token_without_the_write_scope_is_told_which_scope_to_add() {
    let sandbox = sandbox().await;
    sandbox.add_token("read-only-token", &[RECORDS_READ_SCOPE]);
    let client = Client::builder()
        .auth(Auth::private_app("read-only-token"))
        .base_url(sandbox.base_url())
        .retry(fast_retry())
        .build()
        .unwrap();
    let cars = client.objects::<Cars>();
    let err = cars.create(&full_car()).await.unwrap_err();
    match &err {
        Error::MissingScopes { scopes, .. } => assert_eq!(scopes, &["crm.objects.custom.write"]),
        other => panic!("{other:?}"),
    }
    assert_eq!(sandbox.record_creates(), 0);
    // reading works with the read scope
    let page = cars.list_page(None, &Default::default()).await.unwrap();
    assert!(page.results.is_empty());
}
