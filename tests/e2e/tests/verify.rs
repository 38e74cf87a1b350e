//! `Client::verify` at start-up: the checked-in `hubspot-objects` crate (account A's
//! snapshot) against account B, a sandbox seeded with the same schemas under other
//! ids. Same schemas → nothing breaks; a property removed and another retyped in B →
//! both breaking, naming the Rust items; a new option → compatible; a token without
//! the schema scope, or an account without the object → a clear error.

mod records_common;

use hubspot_objects::{Animals, Cars, Companies, Contacts, DealerLocation, Deals};
use hubspot_runtime::compat::ChangeKind;
use hubspot_runtime::schema::PropertyOption;
use hubspot_runtime::{Auth, Client, Error, Verify};
use hubspot_sandbox::{Sandbox, SandboxConfig};
use records_common::*;
use serde_json::Value;

/// A difference as the tests compare it: kind, breaking, property, id, Rust item.
type Seen<'a> = (ChangeKind, bool, &'a str, Option<&'a str>, Option<&'a str>);

const SNAPSHOT_A: &str = include_str!("../../../examples/generated/hubspot-schemas.json");
const PORTAL_B: u64 = 87_654_321;
const OFFSET_B: u64 = 1_000_000;

async fn account_b(without: &[&str]) -> Sandbox {
    let sandbox = Sandbox::start_with(SandboxConfig {
        portal_id: PORTAL_B,
        ..SandboxConfig::default()
    })
    .await;
    let mut snapshot: Value = serde_json::from_str(SNAPSHOT_A).unwrap();
    snapshot["results"]
        .as_array_mut()
        .unwrap()
        .retain(|schema| !without.contains(&schema["name"].as_str().unwrap()));
    sandbox
        .seed_rebased(&snapshot.to_string(), OFFSET_B)
        .unwrap();
    sandbox
}

fn every_type() -> [Verify; 6] {
    [
        Verify::of::<Animals>(),
        Verify::of::<Cars>(),
        Verify::of::<Companies>(),
        Verify::of::<Contacts>(),
        Verify::of::<DealerLocation>(),
        Verify::of::<Deals>(),
    ]
}

#[tokio::test]
async fn every_type_matches_an_account_with_the_same_schemas_under_other_ids() {
    let b = account_b(&[]).await;
    let report = client(&b).verify_all(&every_type()).await.unwrap();
    assert!(report.is_compatible(), "{report}");
    // The sandbox's standard objects carry HubSpot's default timestamps, which the
    // example snapshot's standard objects leave out: new properties, compatible.
    let differences: Vec<(&str, ChangeKind, bool, &str)> = report
        .objects
        .iter()
        .flat_map(|o| {
            o.differences
                .iter()
                .map(move |d| (o.object.as_str(), d.kind, d.breaking, d.property.as_str()))
        })
        .collect();
    assert_eq!(
        differences,
        [
            (
                "companies",
                ChangeKind::PropertyAdded,
                false,
                "lastmodifieddate"
            ),
            (
                "contacts",
                ChangeKind::PropertyAdded,
                false,
                "hs_createdate"
            ),
            (
                "contacts",
                ChangeKind::PropertyAdded,
                false,
                "hs_lastmodifieddate"
            ),
            (
                "deals",
                ChangeKind::PropertyAdded,
                false,
                "lastmodifieddate"
            ),
        ],
        "{report}"
    );
    // Custom objects are compared under B's ids, standard ones under HubSpot's.
    let ids: Vec<(&str, &str)> = report
        .objects
        .iter()
        .map(|o| (o.rust_name.as_str(), o.object_type_id.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("Animals", "2-8232155"),
            ("Cars", "2-3468013"),
            ("Companies", "0-2"),
            ("Contacts", "0-1"),
            ("DealerLocation", "2-3468099"),
            ("Deals", "0-3"),
        ]
    );
    let text = report.to_string();
    println!("{text}");
    assert!(
        text.starts_with(&format!(
            "Animals, Cars, Companies, Contacts, DealerLocation, Deals against {}: 0 breaking, \
             4 compatible\n  Animals (animals): matches\n  Cars (cars): matches\n  \
             Companies (companies, 0-2):\n    compatible property `lastmodifieddate` added \
             (datetime/date): a new `Option` field; existing code is unaffected\n",
            b.base_url()
        )),
        "{text}"
    );
    assert!(report.clone().check().is_ok());
}

#[tokio::test]
async fn a_removed_and_a_retyped_property_break_and_a_new_option_does_not() {
    let b = account_b(&[]).await;
    b.edit_schema("cars", |cars| {
        let properties = cars.properties.as_mut().unwrap();
        properties.retain(|p| p.name != "notes");
        let year = properties.iter_mut().find(|p| p.name == "year").unwrap();
        year.r#type = "string".into();
        year.field_type = Some("text".into());
        let condition = properties
            .iter_mut()
            .find(|p| p.name == "condition")
            .unwrap();
        condition.options.as_mut().unwrap().push(PropertyOption {
            label: Some("Salvage".into()),
            value: "salvage".into(),
            ..Default::default()
        });
    })
    .unwrap();

    let report = client(&b).verify::<Cars>().await.unwrap();
    let cars = &report.objects[0];
    let found: Vec<(ChangeKind, bool, &str, Option<&str>)> = cars
        .differences
        .iter()
        .map(|d| (d.kind, d.breaking, d.property.as_str(), d.rust.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                ChangeKind::OptionAdded,
                false,
                "condition",
                Some("CarsCondition")
            ),
            (
                ChangeKind::PropertyRemoved,
                true,
                "notes",
                Some("Cars::notes: Option<String>")
            ),
            (
                ChangeKind::PropertyTypeChanged,
                true,
                "year",
                Some("Cars::year: Option<Decimal>")
            ),
        ],
        "{report}"
    );
    assert_eq!(report.breaking().count(), 2);
    let text = report.to_string();
    assert_eq!(
        text,
        format!(
            "Cars against {}: 2 breaking, 1 compatible\n  Cars (cars, 2-3468013):\n    \
             compatible option \"salvage\" of `condition` added [CarsCondition]: option enums \
             are open: code generated before reads the value as `Unknown`\n    breaking   \
             property `notes` removed [Cars::notes: Option<String>]: the field disappears \
             on regeneration and HubSpot rejects writes of the property\n    breaking   \
             property `year` type changed: number/number → string/text [Cars::year: \
             Option<Decimal>]: the Rust type changes: code using the field stops compiling \
             after regeneration, and values HubSpot now sends may not decode as the old \
             type\n",
            b.base_url()
        )
    );
    println!("{text}");

    // `check` turns the report into an error that carries it.
    let error = report.check().unwrap_err();
    assert!(matches!(error, Error::Incompatible { .. }));
    let message = error.to_string();
    assert!(
        message.starts_with("The HubSpot account does not match the compiled types;"),
        "{message}"
    );
    assert!(message.contains("Cars::year: Option<Decimal>"), "{message}");
}

#[tokio::test]
async fn a_required_or_read_only_property_and_an_archived_one_are_breaking() {
    let b = account_b(&[]).await;
    b.edit_schema("cars", |cars| {
        cars.required_properties
            .get_or_insert_with(Vec::new)
            .push("price".into());
        let properties = cars.properties.as_mut().unwrap();
        let notes = properties.iter_mut().find(|p| p.name == "notes").unwrap();
        notes.calculated = Some(true);
        let brochure = properties
            .iter_mut()
            .find(|p| p.name == "brochure")
            .unwrap();
        brochure.archived = Some(true);
    })
    .unwrap();
    let report = client(&b).verify::<Cars>().await.unwrap();
    let found: Vec<(ChangeKind, bool, &str)> = report.objects[0]
        .differences
        .iter()
        .map(|d| (d.kind, d.breaking, d.property.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (ChangeKind::PropertyArchived, true, "brochure"),
            (ChangeKind::PropertyNowReadOnly, true, "notes"),
            (ChangeKind::PropertyNowRequired, true, "price"),
        ],
        "{report}"
    );
}

#[tokio::test]
async fn without_the_schema_scope_or_the_object_verify_says_what_is_missing() {
    let b = account_b(&["animals"]).await;
    // An account without the object type: named, with the account's URL.
    match client(&b).verify::<Animals>().await.unwrap_err() {
        Error::NotInAccount {
            object, base_url, ..
        } => {
            assert_eq!(object, "animals");
            assert_eq!(base_url, b.base_url());
        }
        other => panic!("{other}"),
    }
    // A token for contacts alone: the scope each object's properties need.
    b.add_token("contacts-only", &["crm.objects.contacts.read"]);
    let contacts_only = Client::builder()
        .auth(Auth::private_app("contacts-only"))
        .base_url(b.base_url())
        .retry(fast_retry())
        .build()
        .unwrap();
    for (error, scope) in [
        (
            contacts_only.verify::<Cars>().await.unwrap_err(),
            "crm.schemas.custom.read",
        ),
        (
            contacts_only.verify::<Deals>().await.unwrap_err(),
            "crm.schemas.deals.read",
        ),
    ] {
        let message = error.to_string();
        match error {
            Error::MissingScopes { scopes, .. } => {
                assert!(scopes.iter().any(|s| s == scope), "{scopes:?}")
            }
            other => panic!("{other}"),
        }
        assert!(message.contains(scope), "{message}");
    }
}

#[tokio::test]
async fn a_stage_gone_from_the_account_breaks_and_a_new_one_does_not() {
    let b = account_b(&[]).await;
    b.edit_schema("deals", |deals| {
        let pipelines = deals.pipelines.as_mut().unwrap();
        let sales = pipelines.iter_mut().find(|p| p.id == "default").unwrap();
        sales.stages.retain(|s| s.id != "qualifiedtobuy");
        let mut test_drive = sales.stages[0].clone();
        test_drive.id = "testdrive".into();
        test_drive.label = Some("Test drive".into());
        sales.stages.push(test_drive);
    })
    .unwrap();
    let report = client(&b).verify::<Deals>().await.unwrap();
    let found: Vec<Seen> = report.objects[0]
        .differences
        .iter()
        .filter(|d| d.kind != ChangeKind::PropertyAdded)
        .map(|d| {
            (
                d.kind,
                d.breaking,
                d.property.as_str(),
                d.option.as_deref(),
                d.rust.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                ChangeKind::StageRemoved,
                true,
                "dealstage",
                Some("qualifiedtobuy"),
                Some("DealsStage")
            ),
            (
                ChangeKind::StageAdded,
                false,
                "dealstage",
                Some("testdrive"),
                Some("DealsStage")
            ),
        ],
        "{report}"
    );
    let text = report.to_string();
    assert!(
        text.contains(
            "breaking   stage \"qualifiedtobuy\" removed [DealsStage]: its variant disappears \
             on regeneration and HubSpot rejects records moved to it"
        ),
        "{text}"
    );
}
