//! Compile tests: generated code must build warning-free, pass `clippy -D warnings` and
//! `cargo doc` with `-D warnings`, and contain no doctest, for `examples/schemas.json`
//! and for `tests/fixtures/adversarial.json` (keywords, digits, collisions, non-ASCII,
//! hostile docs, an unknown type, an empty object, 2,000 options), for
//! `tests/fixtures/pipelines.json` (tickets and a custom object with pipelines) and for
//! a wide standard object of 600 properties built here, as a crate and as a single
//! `include!`d file. The example crate also runs tests against the real runtime: a
//! records page (`tests/fixtures/records-page.json`) decodes into typed values, and a
//! deal and a contact read and write through their standard objects' types.
//!
//! The crates are written to a temporary workspace outside this repository (so cargo
//! finds no parent workspace) with this workspace's `Cargo.lock`, so `--offline` needs
//! nothing new, and built with their own target dir, `target/compile-tests` (the outer
//! `cargo test` holds the lock of the normal one).

use std::path::{Path, PathBuf};
use std::process::Command;

use hubspot_codegen::{GenerateOptions, RuntimeDependency, generate_crate, generate_single_file};
use hubspot_runtime::schema::parse_schemas;

fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn options(crate_name: &str) -> GenerateOptions {
    let runtime = workspace_dir().join("runtime");
    GenerateOptions {
        crate_name: crate_name.to_owned(),
        runtime: RuntimeDependency::Path(runtime.to_str().unwrap().to_owned()),
        only: Vec::new(),
        settings: Default::default(),
        snapshot_name: "snapshot.json".to_owned(),
    }
}

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// Write the crate generated from `snapshot` as workspace member `name`, and the
/// single-file variant as member `<name>-single` (a `lib.rs` that `include!`s it, as a
/// build script's user would).
fn add_members(root: &Path, name: &str, snapshot: &Path, members: &mut Vec<String>) {
    let text = std::fs::read_to_string(snapshot).unwrap();
    let schemas = parse_schemas(&text).unwrap();

    let generated = generate_crate(&schemas, &options(name)).unwrap();
    for (path, contents) in &generated.files {
        write(&root.join(name).join(path), contents);
    }
    members.push(name.to_owned());

    let single_name = format!("{name}-single");
    let single = generate_single_file(&schemas, &options(&single_name)).unwrap();
    let dir = root.join(&single_name);
    write(
        &dir.join("Cargo.toml"),
        &generated.files["Cargo.toml"].replace(
            &format!("name = \"{name}\""),
            &format!("name = \"{single_name}\""),
        ),
    );
    write(&dir.join("src/generated.rs"), &single);
    write(
        &dir.join("src/lib.rs"),
        "//! The single-file variant, included as `build.rs` users do.\n\ninclude!(\"generated.rs\");\n",
    );
    members.push(single_name);
}

/// Run cargo in `root`, panicking with its output unless it succeeds; returns stdout.
fn cargo(root: &Path, args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(root)
        .env(
            "CARGO_TARGET_DIR",
            workspace_dir().join("target/compile-tests"),
        )
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}\n{}",
        args.join(" "),
        root.display(),
        stdout,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// An integration test of the crate generated from `examples/schemas.json`: a records
/// page decodes into typed values, and writes use HubSpot's formats. It runs against
/// the real runtime, so it checks that generated code and runtime agree.
const EXAMPLE_RECORDS_TEST: &str = r##"
use example::{Cars, CarsCondition, CarsFeatures, CarsProperty, CarsTransmission};
use example::{
    Contacts, ContactsLifecyclestage, ContactsProperty, Deals, DealsPipeline, DealsProperty,
    DealsStage, DealsWrite,
};
use hubspot_runtime::jiff::civil::date;
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::{
    CrmObject, ObjectWrite, PropertyName, Record, RecordPage, StageEnum, Write,
};

#[test]
fn a_records_page_decodes_into_typed_values() {
    let page: RecordPage<Cars> = serde_json::from_str(include_str!("records-page.json")).unwrap();
    assert_eq!(page.next_after(), Some("514"));
    let first = &page.results[0];
    assert_eq!(first.id, "512");
    let cars = &first.properties;
    assert_eq!(cars.year, Some(Decimal::from(2003)));
    assert_eq!(cars.price, Some(Decimal::new(45005, 1)));
    assert_eq!(cars.in_stock, Some(true));
    assert_eq!(cars.condition, Some(CarsCondition::Used));
    assert_eq!(cars.features, Some(vec![CarsFeatures::Sunroof, CarsFeatures::HeatedSeats]));
    assert_eq!(cars.transmission, Some(CarsTransmission::Automatic));
    assert_eq!(cars.date_received, Some(date(2024, 5, 1)));
    assert_eq!(cars.last_service_at, Some("2024-04-28T13:45:00Z".parse().unwrap()));
    assert_eq!(cars.notes.as_deref(), Some("Line one\nLine two"));

    let second = &page.results[1].properties;
    // Midnight-UTC epoch milliseconds is a date too.
    assert_eq!(second.date_received, Some(date(2024, 5, 3)));
    // null, "" and missing all read as None.
    assert_eq!(second.price, None);
    assert_eq!(second.features, None);
    assert_eq!(second.dealer_phone, None);
    // An option added in HubSpot after generation is kept.
    assert_eq!(second.condition, Some(CarsCondition::Unknown("salvage".to_owned())));
    assert_eq!(second.condition.as_ref().unwrap().as_str(), "salvage");
}

#[test]
fn writes_use_hubspot_formats_and_names() {
    let cars = Cars {
        year: Some(Decimal::from(2019)),
        in_stock: Some(false),
        features: Some(vec![CarsFeatures::Sunroof, CarsFeatures::TowPackage]),
        condition: Some(CarsCondition::Cpo),
        date_received: Some(date(2024, 2, 29)),
        ..Cars::default()
    };
    assert_eq!(
        serde_json::to_value(&cars).unwrap(),
        serde_json::json!({
            "condition": "cpo",
            "date_received": "2024-02-29",
            "features": "sunroof;tow_package",
            "in_stock": "false",
            "year": "2019",
        })
    );
    assert_eq!(Cars::NAME, "cars");
    assert_eq!(Cars::OBJECT_TYPE_ID, "2-2468013");
    assert_eq!(
        Cars::REQUIRED_PROPERTIES,
        [CarsProperty::Make, CarsProperty::Model, CarsProperty::Vin, CarsProperty::Year]
    );
    assert!(Cars::READ_ONLY_PROPERTIES.contains(&CarsProperty::PriceWithTax));
    assert_eq!(Cars::ASSOCIATIONS[0].to_object_type_id, "0-1");
    assert_eq!("vin".parse::<CarsProperty>().unwrap(), CarsProperty::Vin);
    assert!("no_such".parse::<CarsProperty>().is_err());
    assert_eq!(<CarsProperty as PropertyName>::ALL.len(), 25);
    assert_eq!(CarsProperty::HsCreatedate.label(), "Object create date/time");
    assert_eq!(CarsCondition::Cpo.label(), Some("Certified pre-owned"));
    assert_eq!(CarsFeatures::ALL.len(), 3);
}

#[test]
fn standard_objects_and_deal_stages_are_typed() {
    // A deal in the second pipeline, whose stage ids are numeric and whose "Closed Won"
    // repeats the default pipeline's label.
    let deal: Record<Deals> = serde_json::from_str(
        r#"{"id":"9001","properties":{"dealname":"Fleet renewal","dealstage":"93476207",
            "pipeline":"2834565","amount":"1200.50","hs_is_closed_won":"true",
            "hs_priority":"urgent","closedate":"2024-05-01T09:30:00.000Z","hs_next_step":""},
            "createdAt":"2024-04-01T09:30:00.000Z","updatedAt":"2024-05-01T09:30:00.000Z",
            "archived":false}"#,
    )
    .unwrap();
    let stage = deal.properties.dealstage.clone().unwrap();
    assert_eq!(stage, DealsStage::FleetRenewalsClosedWon);
    assert_eq!(deal.properties.pipeline, Some(DealsPipeline::FleetRenewals));
    assert_eq!(deal.properties.amount, Some(Decimal::new(120050, 2)));
    assert_eq!(deal.properties.hs_is_closed_won, Some(true));
    assert_eq!(deal.properties.hs_next_step, None);
    assert_eq!(stage.pipeline(), Some(DealsPipeline::FleetRenewals));
    assert_eq!((stage.is_closed(), stage.is_won()), (Some(true), Some(true)));
    assert_eq!(stage.probability(), Some(Decimal::ONE));
    assert_eq!(stage.label(), Some("Closed Won"));
    assert_eq!(DealsStage::ContractSent.probability(), Some(Decimal::new(9, 1)));
    assert_eq!(DealsStage::ClosedLost.is_won(), Some(false));
    assert_eq!(DealsStage::AppointmentScheduled.is_won(), Some(false));
    assert_eq!(DealsStage::ClosedWon.as_str(), "closedwon");
    assert_eq!(DealsPipeline::SalesPipeline.as_str(), "default");
    assert_eq!(DealsPipeline::SalesPipeline.stages().len(), 7);
    assert_eq!(
        DealsPipeline::FleetRenewals.stages(),
        [
            DealsStage::RenewalDue,
            DealsStage::QuoteSent,
            DealsStage::FleetRenewalsClosedWon,
            DealsStage::FleetRenewalsClosedLost,
        ]
    );
    assert_eq!(<DealsStage as StageEnum>::STAGES.len(), DealsStage::ALL.len());
    // A stage added in HubSpot after generation is kept, and knows nothing.
    let new = DealsStage::from_value("93476299");
    assert_eq!(new, DealsStage::Unknown("93476299".to_owned()));
    assert_eq!((new.pipeline(), new.probability()), (None, None));

    // Writes send the ids; read-only properties have no write field.
    let deals = Deals {
        dealstage: Some(DealsStage::QuoteSent),
        pipeline: Some(DealsPipeline::FleetRenewals),
        ..Deals::default()
    };
    assert_eq!(
        serde_json::to_value(&deals).unwrap(),
        serde_json::json!({"dealstage": "93476206", "pipeline": "2834565"})
    );
    let write = DealsWrite {
        dealstage: Write::Set(DealsStage::ClosedWon),
        hs_next_step: Write::Clear,
        ..DealsWrite::default()
    };
    let mut sent = Vec::new();
    write.encode_writes(&mut |property, value| sent.push((property, value)));
    assert_eq!(
        sent,
        [
            (DealsProperty::Dealstage, "closedwon".to_owned()),
            (DealsProperty::HsNextStep, String::new()),
        ]
    );
    for read_only in [
        DealsProperty::HsObjectId,
        DealsProperty::Createdate,
        DealsProperty::HsLastmodifieddate,
        DealsProperty::NumAssociatedContacts,
        DealsProperty::HsDealScore,
        DealsProperty::AmountInHomeCurrency,
    ] {
        assert!(Deals::READ_ONLY_PROPERTIES.contains(&read_only), "{read_only:?}");
    }
    assert!(!Deals::READ_ONLY_PROPERTIES.contains(&DealsProperty::HsPriority));
    assert!(!Deals::READ_ONLY_PROPERTIES.contains(&DealsProperty::Dealstage));
    assert_eq!((Deals::NAME, Deals::OBJECT_TYPE_ID), ("deals", "0-3"));

    // Contacts: HubSpot's own options, and `hs_lead_status` stays writable.
    let contact: Record<Contacts> = serde_json::from_str(
        r#"{"id":"51","properties":{"email":"ana@example.com","lifecyclestage":"customer",
            "hs_lead_status":"CONNECTED","createdate":"1714556400000","hs_object_id":"51",
            "num_associated_deals":"2","twitterhandle":null},
            "createdAt":"2024-05-01T09:40:00Z","updatedAt":"2024-05-01T09:40:00Z"}"#,
    )
    .unwrap();
    let contact = contact.properties;
    assert_eq!(contact.lifecyclestage, Some(ContactsLifecyclestage::Customer));
    assert_eq!(contact.hs_object_id, Some(Decimal::from(51)));
    assert_eq!(contact.num_associated_deals, Some(Decimal::from(2)));
    assert_eq!(contact.createdate, Some("2024-05-01T09:40:00Z".parse().unwrap()));
    assert_eq!(ContactsLifecyclestage::ALL.len(), 8);
    assert!(!Contacts::READ_ONLY_PROPERTIES.contains(&ContactsProperty::HsLeadStatus));
    assert!(Contacts::READ_ONLY_PROPERTIES.contains(&ContactsProperty::Lastmodifieddate));
    assert_eq!((Contacts::NAME, Contacts::OBJECT_TYPE_ID), ("contacts", "0-1"));
    assert_eq!(Contacts::FULLY_QUALIFIED_NAME, "contacts");
}
"##;

/// A realistic wide standard object: `contacts` with `count` properties cycling through
/// every `type`/`fieldType` pair real accounts have, HubSpot's per-stage analytics
/// (`hs_date_entered_*`, `hs_time_in_*`), calculated and read-only ones, owners
/// (external options), enumerations with dozens of options, archived properties, and
/// every Properties API field HubSpot sends.
fn wide_standard_object(count: usize) -> String {
    let kinds: [(&str, &str, &str); 16] = [
        ("string", "text", "hs_analytics_source_data"),
        ("string", "textarea", "notes"),
        ("string", "html", "hs_content_membership"),
        ("string", "file", "hs_avatar"),
        ("string", "phonenumber", "phone"),
        ("phone_number", "phonenumber", "hs_whatsapp_phone_number"),
        ("number", "number", "hs_analytics_num_visits"),
        ("number", "calculation_rollup", "num_associated"),
        ("number", "calculation_score", "hs_predictivescore"),
        ("number", "calculation_read_time", "hs_time_in"),
        ("datetime", "calculation_equation", "hs_date_entered"),
        ("date", "date", "hs_lifecyclestage_date"),
        ("bool", "booleancheckbox", "hs_email_optout"),
        ("enumeration", "select", "hs_lead_status"),
        ("enumeration", "checkbox", "hs_buying_role"),
        ("object_coordinates", "text", "hs_object_source_detail"),
    ];
    let properties: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            let (ty, field_type, stem) = kinds[i % kinds.len()];
            let name = format!("{stem}_{i}");
            let options: Vec<serde_json::Value> = if ty == "enumeration" {
                (0..40)
                    .map(|o| serde_json::json!({
                        "label": format!("Option {o}"), "value": format!("OPTION_{o}"),
                        "displayOrder": o, "hidden": o % 13 == 12
                    }))
                    .collect()
            } else if ty == "bool" {
                vec![
                    serde_json::json!({"label": "Yes", "value": "true", "displayOrder": 0, "hidden": false}),
                    serde_json::json!({"label": "No", "value": "false", "displayOrder": 1, "hidden": false}),
                ]
            } else {
                Vec::new()
            };
            let calculated = field_type.starts_with("calculation_");
            let mut property = serde_json::json!({
                "updatedAt": "2019-08-06T02:43:01.836Z", "createdAt": "2019-08-06T02:43:01.836Z",
                "name": name, "label": format!("Property {i}"), "type": ty, "fieldType": field_type,
                "description": format!("HubSpot's property number {i}."),
                "groupName": "contactinformation", "options": options, "displayOrder": -1,
                "calculated": calculated, "externalOptions": false, "archived": i % 97 == 96,
                "hasUniqueValue": false, "hidden": i % 11 == 10, "hubspotDefined": true,
                "modificationMetadata": {"archivable": false, "readOnlyDefinition": true,
                    "readOnlyValue": i % 5 == 0},
                "formField": false, "dataSensitivity": "non_sensitive",
            });
            if calculated {
                property["calculationFormula"] = serde_json::json!(format!("prop_{} + 1", i / 2));
            }
            if property["archived"] == true {
                property["archivedAt"] = serde_json::json!("2024-09-30T12:01:17.662Z");
            }
            if ty == "datetime" || ty == "date" {
                property["dateDisplayHint"] = serde_json::json!("absolute");
            }
            property
        })
        .chain([
            serde_json::json!({"name": "hubspot_owner_id", "label": "Contact owner", "type": "enumeration",
                "fieldType": "select", "externalOptions": true, "referencedObjectType": "OWNER", "options": []}),
            serde_json::json!({"name": "hs_object_id", "label": "Record ID", "type": "number", "fieldType": "number"}),
            serde_json::json!({"name": "createdate", "label": "Create Date", "type": "datetime", "fieldType": "date"}),
        ])
        .collect();
    serde_json::json!({"results": [{
        "name": "contacts", "objectTypeId": "0-1",
        "labels": {"singular": "Contact", "plural": "Contacts"},
        "properties": properties,
    }]})
    .to_string()
}

#[test]
fn generated_crates_build_clippy_and_doc_clean() {
    let temp = tempfile::Builder::new()
        .prefix("hubspot-codegen-compile-")
        .tempdir()
        .unwrap();
    let root = temp.path();
    assert!(
        !root.starts_with(workspace_dir()),
        "the temp crate must be outside the workspace"
    );

    let mut members = Vec::new();
    add_members(
        root,
        "example",
        &workspace_dir().join("examples/schemas.json"),
        &mut members,
    );
    add_members(
        root,
        "adversarial",
        &workspace_dir().join("codegen/tests/fixtures/adversarial.json"),
        &mut members,
    );
    add_members(
        root,
        "pipelines",
        &workspace_dir().join("codegen/tests/fixtures/pipelines.json"),
        &mut members,
    );
    let wide = root.join("wide-contacts.json");
    write(&wide, &wide_standard_object(600));
    add_members(root, "wide", &wide, &mut members);
    // The example crate also gets a test that runs its types against the runtime.
    let example = root.join("example");
    let manifest = std::fs::read_to_string(example.join("Cargo.toml")).unwrap();
    write(
        &example.join("Cargo.toml"),
        &format!("{manifest}\n[dev-dependencies]\nserde_json = \"1\"\n"),
    );
    write(&example.join("tests/records.rs"), EXAMPLE_RECORDS_TEST);
    std::fs::copy(
        workspace_dir().join("codegen/tests/fixtures/records-page.json"),
        example.join("tests/records-page.json"),
    )
    .unwrap();

    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    write(
        &root.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    );
    std::fs::copy(workspace_dir().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();

    cargo(
        root,
        &[
            "clippy",
            "--offline",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    );
    cargo(root, &["doc", "--offline", "--workspace", "--no-deps"]);
    // No HubSpot text may become a doctest: every crate reports zero doc tests.
    let tests = cargo(root, &["test", "--offline", "--workspace", "--doc"]);
    let counts: Vec<&str> = tests
        .lines()
        .filter(|l| l.starts_with("running "))
        .collect();
    assert!(!counts.is_empty(), "no doctest runs reported:\n{tests}");
    assert!(
        counts.iter().all(|l| *l == "running 0 tests"),
        "doctests found:\n{tests}"
    );
    let records = cargo(
        root,
        &["test", "--offline", "-p", "example", "--test", "records"],
    );
    assert!(records.contains("test result: ok. 3 passed"), "{records}");
}
